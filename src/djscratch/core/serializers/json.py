"""DjangoJSONEncoder (django/core/serializers/json.py),
built on first use so that `import djscratch` does not import json.
"""

from djscratch.utils.functional import Promise


def _make_django_json_encoder():
    import datetime
    import decimal
    import json
    import uuid

    class DjangoJSONEncoder(json.JSONEncoder):
        """JSONEncoder that also knows datetimes, dates, times, timedeltas,
        Decimals, UUIDs and lazy strings, formatted as Django does."""

        def default(self, o):
            if isinstance(o, datetime.datetime):
                r = o.isoformat()
                if o.microsecond:
                    r = r[:23] + r[26:]
                if r.endswith("+00:00"):
                    r = r.removesuffix("+00:00") + "Z"
                return r
            if isinstance(o, datetime.date):
                return o.isoformat()
            if isinstance(o, datetime.time):
                if o.utcoffset() is not None:
                    raise ValueError("JSON can't represent timezone-aware times.")
                r = o.isoformat()
                return r[:12] if o.microsecond else r
            if isinstance(o, datetime.timedelta):
                return _duration_iso_string(o)
            if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
                return str(o)
            return super().default(o)

    DjangoJSONEncoder.__module__ = __name__
    return DjangoJSONEncoder


def _duration_iso_string(duration):
    """Format a timedelta as ISO 8601 ("P1DT02H03M04.000005S")."""
    sign = "-" if duration.days < 0 else ""
    if duration.days < 0:
        duration = -duration
    days = duration.days
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    ms = ".{:06d}".format(duration.microseconds) if duration.microseconds else ""
    return "{}P{}DT{:02d}H{:02d}M{:02d}{}S".format(
        sign, days, hours, minutes, seconds, ms)
