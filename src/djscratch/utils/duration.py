"""duration_string() and its ISO 8601 form
(django/utils/duration.py).
"""


import datetime


def duration_string(duration):
    """Return a timedelta as Django's '[D ]HH:MM:SS[.ffffff]' string."""
    days, seconds, microseconds = duration.days, duration.seconds, duration.microseconds
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    string = "{:02d}:{:02d}:{:02d}".format(hours, minutes, seconds)
    if days:
        string = "{} ".format(days) + string
    if microseconds:
        string += ".{:06d}".format(microseconds)
    return string


def duration_iso_string(duration):
    """Return a timedelta as ISO 8601 ('P1DT02H03M04.000005S'), a leading '-'
    for a negative one (what serializers and JSON encoders write)."""
    sign = ""
    if duration < datetime.timedelta(0):
        sign, duration = "-", -duration
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    fraction = ".{:06d}".format(duration.microseconds) if duration.microseconds else ""
    return "{}P{}DT{:02d}H{:02d}M{:02d}{}S".format(
        sign, duration.days, hours, minutes, seconds, fraction)


def duration_microseconds(delta):
    """Return a timedelta as a whole number of microseconds."""
    return (24 * 60 * 60 * delta.days + delta.seconds) * 1000000 + delta.microseconds
