"""Database functions: Lower, Upper, Length, Coalesce,
Concat, Now, Cast, Trunc* (django/db/models/functions/).
"""

from djscratch.conf import settings
from djscratch.db.models.fields import DateField, DateTimeField, IntegerField, TextField
from djscratch.db.models.expressions import _current_tzname, Expression, F, Q, Value

__all__ = [
    "Func", "Lower", "Upper", "Length", "Concat", "Coalesce", "Now", "Cast",
    "TruncDate", "Trunc", "TruncYear", "TruncQuarter", "TruncMonth", "TruncWeek",
    "TruncDay", "TruncHour",
]


class Func(Expression):
    """An SQL function call: Func(F("name"), function="LOWER")."""

    function = None
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "
    arity = None

    def __init__(self, *expressions, output_field=None, **extra):
        if self.arity is not None and len(expressions) != self.arity:
            raise TypeError("'%s' takes exactly %s argument%s (%s given)" % (
                type(self).__name__, self.arity, "" if self.arity == 1 else "s",
                len(expressions)))
        self.source_expressions = [
            e if isinstance(e, (Expression, Q)) else (
                F(e) if isinstance(e, str) else Value(e)) for e in expressions]
        if output_field is not None:
            self.output_field = output_field
        self.extra = extra

    def get_source_expressions(self):
        return self.source_expressions

    @property
    def contains_aggregate(self):
        return any(getattr(e, "contains_aggregate", False)
                   for e in self.source_expressions)

    def as_sql(self, compiler, group=None, **extra):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append(sql)
            params.extend(p)
        data = {"function": self.function, **self.extra, **extra,
                "expressions": self.arg_joiner.join(sqls)}
        return self.template % data, params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        for e in self.source_expressions:
            if hasattr(e, "get_output_field"):
                f = e.get_output_field(compiler)
                if f is not None:
                    return f
        return None


class Lower(Func):
    function = "LOWER"
    arity = 1


class Upper(Func):
    function = "UPPER"
    arity = 1


class Length(Func):
    function = "LENGTH"
    arity = 1
    output_field = None

    def get_output_field(self, compiler=None):
        return IntegerField()


class Coalesce(Func):
    function = "COALESCE"


class Concat(Func):
    """Concatenate text (NULL parts count as empty, as in Django)."""

    def as_sql(self, compiler, group=None):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append("COALESCE(%s, '')" % sql)
            params.extend(p)
        return "(%s)" % " || ".join(sqls), params

    def get_output_field(self, compiler=None):
        return getattr(self, "output_field", None) or TextField()


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
        return "CAST(%s AS %s)" % (sql, db_type), params


class TruncDate(Func):
    def __init__(self, expression, tzinfo=None, **extra):
        super().__init__(expression, **extra)
        self.tzinfo = tzinfo

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        tzname = _current_tzname() if settings.USE_TZ else None
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
        if isinstance(source, DateTimeField):
            tz = (getattr(self.tzinfo, "key", None) or _current_tzname()) \
                if settings.USE_TZ else None
            sql = "django_datetime_trunc(?, %s, ?)" % sql
            output = getattr(self, "output_field", None)
            if isinstance(output, DateField) and not isinstance(output, DateTimeField):
                sql = "date(%s)" % sql  # a datetime cut to a date: the date part
            return sql, [kind] + params + [tz]
        return "django_date_trunc(?, %s)" % sql, [kind] + params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
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
