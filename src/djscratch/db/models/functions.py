"""Database functions: Coalesce, Concat, Now, Cast, Trunc*
(django/db/models/functions/{comparison,text,datetime}.py); the rest are in
db/models/function_library.py, which loads after the transforms.
"""

from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone
from djscratch.db.models.fields import DateField, DateTimeField, TextField
from djscratch.db.models.fields_extra import TimeField
from djscratch.db.models.expressions import _tzname_of, Func

__all__ = [
    "Concat", "Coalesce", "Now", "Cast", "TruncDate", "TruncTime", "Trunc",
    "TruncYear", "TruncQuarter", "TruncMonth", "TruncWeek", "TruncDay", "TruncHour",
    "TruncMinute", "TruncSecond",
]


class Coalesce(Func):
    function = "COALESCE"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Coalesce must take at least two expressions")
        super().__init__(*expressions, **extra)


class Concat(Func):
    """Concatenate text (NULL parts count as empty, as in Django)."""

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Concat must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sql(self, compiler, group=None):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append("COALESCE(%s, '')" % sql)
            params.extend(p)
        return "(%s)" % " || ".join(sqls), params

    def get_output_field(self, compiler=None):
        # As Django: the type the parts agree on (Concat(Value("a"), F("name"))
        # is a CharField; a CharField and a TextField need output_field).
        return super().get_output_field(compiler) or TextField()


class Now(Func):
    """The current time, as SQLite's text (UTC)."""

    def as_sql(self, compiler, group=None):
        return "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')", []

    def get_output_field(self, compiler=None):
        return DateTimeField()


class Cast(Func):
    """Cast(expression, output_field)."""

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        db_type = self.output_field.db_type() or "text"
        if db_type in ("datetime", "time"):
            # SQLite's CAST keeps a number; strftime() keeps the fractions.
            fmt = "%H:%M:%f" if db_type == "time" else "%Y-%m-%d %H:%M:%f"
            return "strftime(?, %s)" % sql, [fmt] + params
        if db_type == "date":
            return "date(%s)" % sql, params
        return "CAST(%s AS %s)" % (sql, db_type), params


class TruncDate(Func):
    def __init__(self, expression, tzinfo=None, **extra):
        super().__init__(expression, **extra)
        self.tzinfo = tzinfo

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        source = self.source_expressions[0].get_output_field(compiler)
        if isinstance(source, TimeField):  # a DateField in djscratch
            raise ValueError("Cannot truncate TimeField '%s' to DateField."
                             % source.name)
        tzname = _tzname_of(self.tzinfo) \
            if settings.USE_TZ else None
        return "django_datetime_cast('date', %s, ?)" % sql, params + [tzname]

    def get_output_field(self, compiler=None):
        return DateField()


class Trunc(Func):
    """Trunc(expression, kind): a date or datetime cut to year ... second."""

    kind = None

    def __init__(self, expression, kind=None, output_field=None, tzinfo=None,
                 **extra):
        self.kind = kind or self.kind
        self.tzinfo = tzinfo
        super().__init__(expression, output_field=output_field, **extra)

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        source = self.source_expressions[0].get_output_field(compiler)
        # The kind is a bound parameter (never SQL: CVE-2022-34265), read by
        # the Python function, which refuses unknown kinds.
        kind = self.kind.lower()
        output = self._check_kinds(source, kind, compiler)
        tz = _tzname_of(self.tzinfo) \
            if settings.USE_TZ and isinstance(source, DateTimeField) else None
        if isinstance(output, TimeField):
            return "django_time_trunc(?, %s, ?)" % sql, [kind] + params + [tz]
        if isinstance(source, DateTimeField):
            sql = "django_datetime_trunc(?, %s, ?)" % sql
            output = self._explicit_output_field()
            if isinstance(output, DateField) and not isinstance(output, DateTimeField):
                # A datetime cut to a date: the date of the cut moment in the
                # zone it was cut in (the function returns it in UTC).
                return "django_datetime_cast('date', %s, ?)" % sql, \
                    [kind] + params + [tz, tz]
            return sql, [kind] + params + [tz]
        return "django_date_trunc(?, %s)" % sql, [kind] + params

    def convert_value(self, value, expression, connection):
        """A cut datetime in the zone it was cut in (the current one by
        default), as Django returns it."""
        import datetime

        if value is not None and settings.USE_TZ and isinstance(
                value, datetime.datetime) and value.tzinfo is not None:
            value = value.astimezone(self.tzinfo or get_current_timezone())
        return value

    def _check_kinds(self, source, kind, compiler):
        """Refuse what Django refuses: a date cut to a time, a time to a date;
        return the output field."""
        if not isinstance(source, DateField):  # TimeField is a DateField here
            raise TypeError("%r isn't a DateField, TimeField, or DateTimeField."
                            % getattr(source, "name", None))
        output = self.get_output_field(compiler)
        if not isinstance(output, DateField):
            raise ValueError(
                "output_field must be either DateField, TimeField, or DateTimeField")
        label = type(output).__name__ if type(source) is not type(output) else \
            "DateTimeField"
        if type(source) is DateField and (
                isinstance(output, DateTimeField) or kind in ("hour", "minute",
                                                              "second", "time")):
            raise ValueError("Cannot truncate DateField '%s' to %s." % (
                source.name, label))
        if isinstance(source, TimeField) and (
                isinstance(output, DateTimeField) or kind in (
                    "year", "quarter", "month", "week", "day", "date")):
            raise ValueError("Cannot truncate TimeField '%s' to %s." % (
                source.name, label))
        return output

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
        if field is not None:
            return field
        return super().get_output_field(compiler)


class TruncYear(Trunc):
    kind = "year"


class TruncQuarter(Trunc):
    kind = "quarter"


class TruncMonth(Trunc):
    kind = "month"


class TruncWeek(Trunc):
    kind = "week"


class TruncDay(Trunc):
    kind = "day"


class TruncHour(Trunc):
    kind = "hour"


class TruncMinute(Trunc):
    kind = "minute"


class TruncSecond(Trunc):
    kind = "second"


class TruncTime(Func):
    """The time of a datetime, in the current time zone when USE_TZ is on."""

    def __init__(self, expression, tzinfo=None, **extra):
        super().__init__(expression, **extra)
        self.tzinfo = tzinfo

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        source = self.source_expressions[0].get_output_field(compiler)
        if type(source) is DateField:
            raise ValueError("Cannot truncate DateField '%s' to TimeField."
                             % source.name)
        tzname = _tzname_of(self.tzinfo) \
            if settings.USE_TZ else None
        return "django_datetime_cast('time', %s, ?)" % sql, params + [tzname]

    def get_output_field(self, compiler=None):
        return TimeField()
