"""duration_string() and its ISO 8601 form
(django/utils/duration.py).
"""

__all__ = ["duration_string", "duration_iso_string", "duration_microseconds"]


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
    """Return a timedelta as ISO 8601: '[-]P{days}DT{HH}H{MM}M{SS}[.ffffff]S'."""
    sign = ""
    if duration.days < 0:
        sign, duration = "-", -duration
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    fraction = f".{duration.microseconds:06d}" if duration.microseconds else ""
    return (f"{sign}P{duration.days}DT{hours:02d}H{minutes:02d}M"
            f"{seconds:02d}{fraction}S")


def duration_microseconds(delta):
    """Return a timedelta's length in whole microseconds."""
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
