"""Time zones (django/utils/timezone.py): zoneinfo does the
work; the active zone is per thread.
"""

import datetime
import threading

from djscratch.conf import _settings_derived_caches, settings
from djscratch.core.signals import setting_changed


# -- Time zones (django.utils.timezone).  zoneinfo does the work; with no
#    tz database installed, UTC still works and other zones raise clearly.


def _tz(name):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def get_fixed_timezone(offset):
    """Return a tzinfo `offset` minutes (or a timedelta) east of UTC, named
    like "+0130" as Django names it."""
    import datetime

    if isinstance(offset, datetime.timedelta):
        offset = offset.total_seconds() // 60
    name = "%s%02d%02d" % ("-" if offset < 0 else "+", *divmod(abs(offset), 60))
    return datetime.timezone(datetime.timedelta(minutes=offset), name)


def get_default_timezone():
    """Return the tzinfo of settings.TIME_ZONE."""
    # Templates ask twice per datetime shown; a dict lookup instead of the
    # import and the zone lookup.
    name = settings.TIME_ZONE
    tz = _default_timezones.get(name)
    if tz is None:
        import datetime

        tz = datetime.timezone.utc if name in ("UTC", None) else _tz(name)
        _default_timezones[name] = tz
    return tz


#: Django's module imports it and its tests take it from there.
timedelta = datetime.timedelta

_default_timezones = {}  # settings.TIME_ZONE -> tzinfo


def get_default_timezone_name():
    return settings.TIME_ZONE


class _ActiveTimezone(threading.local):
    value = None  # a class default: a missing attribute would raise


_active_tz = _ActiveTimezone()


# -- The zone every thread shows datetimes in, when that is sure.  A template
#    shows an aware datetime in the current time zone: the thread's active
#    one, else TIME_ZONE's (with USE_TZ).  Reading that per value costs more
#    than the formatting; while no thread has ever activated a zone, it is
#    TIME_ZONE's zone for every thread, and a value already in it (as the
#    database gives them when TIME_ZONE is "UTC") needs no converting: the
#    compiled date outputs (utils.dateformat._date_output()) test that with
#    one identity.

_UNKNOWN_ZONE = object()  # no tzinfo is this object


class _SameZone:
    """`zone`: the tzinfo every thread converts aware datetimes to, None when
    that is not sure (a zone was activated, or USE_TZ is off), _UNKNOWN_ZONE
    until _learn_same_zone() looks.  Forgotten when settings change (it is in
    conf._settings_derived_caches) and for good once activate() runs.

    `name`: the zone's name when it is a fixed offset (the same for every
    datetime: "UTC"), `name_html` the same when it has nothing to escape
    (letters and digits); None otherwise (the date outputs then ask the
    datetime)."""

    zone = _UNKNOWN_ZONE
    name = name_html = None
    activated = False

    def clear(self):
        if not self.activated:
            self.name = self.name_html = None
            self.zone = _UNKNOWN_ZONE


_same_zone = _SameZone()
_settings_derived_caches.append(_same_zone)
_same_zone_lock = threading.Lock()


def _learn_same_zone():
    """Set _same_zone.zone from the settings, unless a zone was activated."""
    with _same_zone_lock:  # activate() in another thread waits, or wins
        if not _same_zone.activated:
            zone = get_default_timezone() if settings.USE_TZ else None
            name = None
            if type(zone) is datetime.timezone:  # one name for every datetime
                name = zone.tzname(None)
            _same_zone.name = name
            _same_zone.name_html = name if name and name.isalnum() else None
            _same_zone.zone = zone  # last: the outputs test it first


def _zone_activated():
    """A thread activates a zone: no zone is the same for every thread now."""
    with _same_zone_lock:
        _same_zone.activated = True
        _same_zone.zone = None
        _same_zone.name = _same_zone.name_html = None


def get_current_timezone():
    """Return the active time zone (set by activate()), else the default."""
    return _active_tz.value or get_default_timezone()


def get_current_timezone_name():
    return _get_timezone_name(get_current_timezone())


def _get_timezone_name(timezone):
    """A zone's name, or its offset for a fixed-offset zone ("+10")."""
    return timezone.tzname(None) or str(timezone)


def activate(timezone):
    """Set the current time zone (a tzinfo or a zone name) for this thread."""
    import datetime

    if isinstance(timezone, datetime.tzinfo):
        zone = timezone
    elif isinstance(timezone, str):
        zone = _tz(timezone)
    else:
        raise ValueError(f"Invalid timezone: {timezone!r}")
    if not _same_zone.activated:
        _zone_activated()
    _active_tz.value = zone


def deactivate():
    _active_tz.value = None


class override:
    """Activate a time zone for a block or a function, then restore the one
    active before (a context manager and a decorator).

    `timezone` is a tzinfo, a zone name, or None for the default zone.
    """

    def __init__(self, timezone):
        self.timezone = timezone

    def __enter__(self):
        self.old_timezone = _active_tz.value
        if self.timezone is None:
            deactivate()
        else:
            activate(self.timezone)

    def __exit__(self, exc_type, exc_value, traceback):
        _active_tz.value = self.old_timezone

    def __call__(self, func):
        import functools

        @functools.wraps(func)
        def inner(*args, **kwargs):
            with type(self)(self.timezone):
                return func(*args, **kwargs)

        return inner


def now():
    """Return the current datetime: aware UTC with USE_TZ, naive local without."""
    import datetime

    if settings.USE_TZ:
        return datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.now()


def is_aware(value):
    return value.utcoffset() is not None


def is_naive(value):
    return value.utcoffset() is None


def make_aware(value, timezone=None):
    """Attach `timezone` (default: the current one) to a naive datetime."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_aware(value):
        raise ValueError("make_aware expects a naive datetime, got %s" % value)
    return value.replace(tzinfo=timezone)


def _datetime_ambiguous_or_imaginary(dt, tz):
    """Whether the naive `dt` is ambiguous (it happens twice) or imaginary
    (skipped) in `tz`, at a DST change."""
    return tz.utcoffset(dt.replace(fold=not dt.fold)) != tz.utcoffset(dt)


def make_naive(value, timezone=None):
    """Convert an aware datetime to naive time in `timezone`."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("make_naive() cannot be applied to a naive datetime")
    return value.astimezone(timezone).replace(tzinfo=None)


def localtime(value=None, timezone=None):
    """Convert an aware datetime (default: now()) to `timezone`."""
    if value is None:
        value = now()
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("localtime() cannot be applied to a naive datetime")
    return value.astimezone(timezone)


def localdate(value=None, timezone=None):
    return localtime(value, timezone).date()


_tz_environ_saved = []  # the process's TZ before each TIME_ZONE override


def _time_zone_changed(*, setting, value=None, **kwargs):
    """override_settings(TIME_ZONE=...) sets the process's TZ as well, as
    Django's test signals do, so naive local times (time.mktime(),
    datetime.fromtimestamp()) follow it; leaving the override puts back the
    TZ the process had."""
    import os
    import time

    if setting != "TIME_ZONE" or not hasattr(time, "tzset"):
        return
    enter = kwargs.get("enter", True)
    if enter:
        _tz_environ_saved.append(os.environ.get("TZ"))
        restored = value
    elif _tz_environ_saved:
        restored = _tz_environ_saved.pop()
    else:
        return
    if restored:
        os.environ["TZ"] = restored
    else:
        os.environ.pop("TZ", None)
    time.tzset()


setting_changed.connect(_time_zone_changed, dispatch_uid="djscratch-time-zone")
