"""parse_date(), parse_time(), parse_datetime() and
parse_duration() (django/utils/dateparse.py).
"""

from djscratch.utils.regex_helper import _lazy_re_compile

__all__ = [
    "parse_date", "parse_time", "parse_datetime", "parse_duration",
]


# -- django.utils.dateparse: ISO 8601 first, then Django's looser patterns.

_date_re = _lazy_re_compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_time_re = _lazy_re_compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?$"
)
_datetime_re = _lazy_re_compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"[T ](?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?"
    r"\s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_standard_duration_re = _lazy_re_compile(
    r"^(?:(?P<days>-?\d+) (days?, )?)?(?P<sign>-?)"
    r"((?:(?P<hours>\d+):)(?=\d+:\d+))?(?:(?P<minutes>\d+):)?(?P<seconds>\d+)"
    r"(?:[.,](?P<microseconds>\d{1,6})\d{0,6})?$"
)
_iso8601_duration_re = _lazy_re_compile(
    r"^(?P<sign>[-+]?)P(?:(?P<days>\d+([.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+([.,]\d+)?)H)?(?:(?P<minutes>\d+([.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+([.,]\d+)?)S)?)?$"
)
_postgres_interval_re = _lazy_re_compile(
    r"^(?:(?P<days>-?\d+) (days? ?))?(?:(?P<sign>[-+])?(?P<hours>\d+):"
    r"(?P<minutes>\d\d):(?P<seconds>\d\d)(?:\.(?P<microseconds>\d{1,6}))?)?$"
)


def parse_date(value):
    """Return a date from 'YYYY-MM-DD' (or ISO 8601), None if not well formatted.

    A well formatted but impossible date raises ValueError.
    """
    import datetime

    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        match = _date_re.match(value)
        if match:
            return datetime.date(**{k: int(v) for k, v in match.groupdict().items()})
    return None


def parse_time(value):
    """Return a naive time from 'HH:MM[:SS[.ffffff]]', None if not well formatted."""
    import datetime

    try:
        return datetime.time.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        match = _time_re.match(value)
        if match:
            kw = match.groupdict()
            kw["microsecond"] = kw["microsecond"] and kw["microsecond"].ljust(6, "0")
            return datetime.time(**{k: int(v) for k, v in kw.items() if v is not None})
    return None


def parse_datetime(value):
    """Return a datetime (aware if the text has an offset), None if not well
    formatted; an impossible datetime raises ValueError."""
    import datetime

    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        match = _datetime_re.match(value)
        if match:
            kw = match.groupdict()
            kw["microsecond"] = kw["microsecond"] and kw["microsecond"].ljust(6, "0")
            tzinfo = kw.pop("tzinfo")
            if tzinfo == "Z":
                tzinfo = datetime.timezone.utc
            elif tzinfo is not None:
                minutes = int(tzinfo[-2:]) if len(tzinfo) > 3 else 0
                offset = 60 * int(tzinfo[1:3]) + minutes
                if tzinfo[0] == "-":
                    offset = -offset
                tzinfo = datetime.timezone(datetime.timedelta(minutes=offset))
            kw = {k: int(v) for k, v in kw.items() if v is not None}
            return datetime.datetime(**kw, tzinfo=tzinfo)
    return None


def parse_duration(value):
    """Return a timedelta from Django's '%d %H:%M:%S.%f', ISO 8601 or the
    PostgreSQL interval format; None if the text is none of them."""
    import datetime

    match = (
        _standard_duration_re.match(value)
        or _iso8601_duration_re.match(value)
        or _postgres_interval_re.match(value)
    )
    if not match:
        return None
    kw = match.groupdict()
    sign = -1 if kw.pop("sign", "+") == "-" else 1
    if kw.get("microseconds"):
        kw["microseconds"] = kw["microseconds"].ljust(6, "0")
    kw = {k: float(v.replace(",", ".")) for k, v in kw.items() if v is not None}
    days = datetime.timedelta(kw.pop("days", 0.0) or 0.0)
    if match.re is _iso8601_duration_re._compiled:
        days *= sign
    return days + sign * datetime.timedelta(**kw)
