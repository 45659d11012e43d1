"""duration_string() and its ISO 8601 form
(django/utils/duration.py).
"""


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
