"""timesince() and timeuntil() (django/utils/timesince.py).
"""

from djscratch.utils.html import avoid_wrapping


def timesince(d, now=None, reversed=False, time_strings=None, depth=2):
    """Return "3\xa0days, 2\xa0hours": the time between `d` and `now`."""
    import datetime

    units = [("year", "years"), ("month", "months"), ("week", "weeks"),
             ("day", "days"), ("hour", "hours"), ("minute", "minutes")]
    if depth <= 0:
        raise ValueError("depth must be greater than 0.")
    if not isinstance(d, datetime.datetime):
        d = datetime.datetime(d.year, d.month, d.day)
    if now and not isinstance(now, datetime.datetime):
        now = datetime.datetime(now.year, now.month, now.day)
    if not now:
        now = datetime.datetime.now(d.tzinfo if d.utcoffset() is not None else None)
    elif now.utcoffset() is not None and d.utcoffset() is not None:
        now = now.astimezone(d.tzinfo)
    if reversed:
        d, now = now, d

    def label(i, count):
        if time_strings is not None:
            return avoid_wrapping(time_strings[units[i][0]] % {"num": count})
        return avoid_wrapping(f"{count} {units[i][0] if count == 1 else units[i][1]}")

    delta = now - d
    if delta.days * 86400 + delta.seconds <= 0:
        return label(5, 0)
    months = (now.year - d.year) * 12 + (now.month - d.month)
    if d.day > now.day or (d.day == now.day and d.time() > now.time()):
        months -= 1
    years, months = divmod(months, 12)
    if years or months:
        year, month = d.year + years, d.month + months
        if month > 12:
            month, year = month - 12, year + 1
        days_in = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        pivot = datetime.datetime(year, month, min(days_in, d.day), d.hour, d.minute,
                                  d.second, tzinfo=d.tzinfo)
    else:
        pivot = d
    remaining = (now - pivot).total_seconds()
    parts = [years, months]
    for chunk in (604800, 86400, 3600, 60):
        count = int(remaining // chunk)
        parts.append(count)
        remaining -= chunk * count
    first = next((i for i, v in enumerate(parts) if v), None)
    if first is None:
        return label(5, 0)
    result = []
    for i in range(first, min(first + depth, len(parts))):
        if parts[i] == 0:
            break
        result.append(label(i, parts[i]))
    return ", ".join(result)


def timeuntil(d, now=None, time_strings=None, depth=2):
    """Like timesince, measuring to a future `d`."""
    return timesince(d, now, reversed=True, time_strings=time_strings, depth=depth)
