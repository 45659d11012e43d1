"""Q, F, Value, Case/When, Subquery and friends
(django/db/models/expressions.py): each compiles itself to SQL and params.
"""

import enum as _enum

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler.
import djscratch

from djscratch.utils.functional import Promise
from djscratch.core.exceptions import FieldError
from djscratch.conf import settings
from djscratch.utils.timezone import (
    get_current_timezone, get_default_timezone, make_aware,
)
from djscratch.db.utils import NotSupportedError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import (
    _adapt_datetime, BooleanField, CharField, DateField, DateTimeField, DecimalField,
    FloatField, IntegerField, TimeField,
)
from djscratch.db.models.base import _make_hashable, Model

__all__ = [
    "Q", "F", "Value", "ExpressionWrapper", "Case", "When", "Subquery", "Exists",
    "OuterRef", "OrderBy",
]


class Q:
    """A filter condition: Q(a=1) & (Q(b=2) | ~Q(c=3)).

    Children are (lookup, value) pairs or nested Q objects, joined by
    `connector` (AND/OR) and optionally negated.
    """

    AND = "AND"
    OR = "OR"
    XOR = "XOR"
    conditional = True
    default = AND
    connectors = (None, AND, OR, XOR)

    def __init__(self, *args, _connector=None, _negated=False, **kwargs):
        # The connector is written into the SQL between the children, so a
        # Q(**request.GET.dict()) must not choose it (CVE-2025-64459).
        if _connector not in self.connectors:
            raise ValueError("_connector must be one of 'AND', 'OR', 'XOR', or None.")
        self.children = [*args, *sorted(kwargs.items())]
        self.connector = _connector or self.default
        self.negated = _negated

    @classmethod
    def create(cls, children=None, connector=None, negated=False):
        obj = cls()
        obj.children = list(children or [])
        obj.connector = connector or cls.default
        obj.negated = negated
        return obj

    def _combine(self, other, conn):
        if getattr(other, "conditional", False) is False:
            raise TypeError(other)
        if not self:
            return other.copy() if isinstance(other, Q) else other
        if isinstance(other, Q) and not other:
            return self.copy()
        return Q.create([self, other], conn)

    def __or__(self, other):
        return self._combine(other, self.OR)

    def __and__(self, other):
        return self._combine(other, self.AND)

    def __xor__(self, other):
        return self._combine(other, self.XOR)

    def __invert__(self):
        obj = self.copy()
        obj.negated = not self.negated
        return obj

    def copy(self):
        return Q.create(list(self.children), self.connector, self.negated)

    def __bool__(self):
        return bool(self.children)

    def __len__(self):
        return len(self.children)

    def __contains__(self, other):
        return other in self.children

    def __eq__(self, other):
        return isinstance(other, Q) and (self.connector, self.negated, self.children) \
            == (other.connector, other.negated, other.children)

    def __hash__(self):
        return hash((self.connector, self.negated, tuple(
            c if isinstance(c, Q) else (c[0], _make_hashable(c[1]))
            for c in self.children)))

    def __repr__(self):
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return "<Q: %s>" % (template % (self.connector, ", ".join(
            str(c) for c in self.children)))

    def __str__(self):
        return repr(self)[4:-1]

    def deconstruct(self):
        kwargs = {}
        if self.connector != self.default:
            kwargs["_connector"] = self.connector
        if self.negated:
            kwargs["_negated"] = True
        return "django.db.models.Q", tuple(self.children), kwargs

    def as_sql(self, compiler, group=None):
        return compiler.compile_q(self, group)

    def get_output_field(self):
        return BooleanField()


class Expression:
    """Base of the SQL expressions; arithmetic builds CombinedExpressions."""

    contains_aggregate = False
    conditional = False
    output_field_class = None
    filterable = True

    def _combine(self, other, op, reverse):
        if not isinstance(other, (Expression, F)):
            other = Value(other)
        if reverse:
            return CombinedExpression(other, op, self)
        return CombinedExpression(self, op, other)

    def __add__(self, other):
        return self._combine(other, "+", False)

    def __sub__(self, other):
        return self._combine(other, "-", False)

    def __mul__(self, other):
        return self._combine(other, "*", False)

    def __truediv__(self, other):
        return self._combine(other, "/", False)

    def __mod__(self, other):
        return self._combine(other, "%%", False)

    def __pow__(self, other):
        return self._combine(other, "^", False)

    def __radd__(self, other):
        return self._combine(other, "+", True)

    def __rsub__(self, other):
        return self._combine(other, "-", True)

    def __rmul__(self, other):
        return self._combine(other, "*", True)

    def __rtruediv__(self, other):
        return self._combine(other, "/", True)

    def __neg__(self):
        return CombinedExpression(Value(0), "-", self)

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def get_output_field(self, compiler=None):
        return getattr(self, "output_field", None)

    def get_source_expressions(self):
        return []

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            repr(e) for e in self.get_source_expressions()))


class F(Expression):
    """A reference to a field of the row: F("votes") + 1."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "F(%s)" % self.name

    def __eq__(self, other):
        return isinstance(other, F) and other.name == self.name

    def __hash__(self):
        return hash(("F", self.name))

    def as_sql(self, compiler, group=None):
        sql, field = compiler.resolve_ref(self.name, group)
        self._resolved_field = field
        return sql, []

    def get_output_field(self, compiler=None):
        if compiler is not None:
            return compiler.resolve_ref(self.name, None)[1]
        return getattr(self, "_resolved_field", None)

    def contains_aggregate_in(self, compiler):
        return compiler.is_aggregate_ref(self.name)


class OuterRef(F):
    """A reference to a column of the outer query, inside a Subquery."""

    def as_sql(self, compiler, group=None):
        if compiler.outer is None and compiler.validating:
            return "NULL", []  # filter() checking names before any outer query
        if compiler.outer is None:
            raise ValueError("This queryset contains a reference to an outer query "
                             "and may only be used in a subquery.")
        return compiler.outer.resolve_ref(self.name, None)[0], []

    def __repr__(self):
        return "OuterRef(%s)" % self.name


class Value(Expression):
    """A constant, sent as a bound parameter."""

    def __init__(self, value, output_field=None):
        self.value = value
        if output_field is not None:
            self.output_field = output_field

    def __repr__(self):
        return "Value(%r)" % (self.value,)

    def as_sql(self, compiler, group=None):
        value = self.value
        field = getattr(self, "output_field", None)
        if field is not None:
            value = field.get_db_prep_value(value, None)
        elif isinstance(value, bool):
            value = int(value)
        if value is None:
            return "NULL", []
        return "?", [_adapt_param(value)]

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        value = self.value
        for kind, field_class in ((bool, BooleanField), (int, IntegerField),
                                  (float, FloatField), (str, CharField)):
            if isinstance(value, kind):
                return field_class()
        return None


def _adapt_param(value):
    """Turn a Python value into something sqlite3 binds (as Django adapts it)."""
    import datetime

    if value is None or isinstance(value, (str, int, float, bytes)):
        return value
    if isinstance(value, datetime.datetime):
        if settings.USE_TZ and value.utcoffset() is None:
            value = make_aware(value, get_default_timezone())
        return _adapt_datetime(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return (value.days * 86400 + value.seconds) * 1000000 + value.microseconds
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Promise):
        return str(value)
    type_name = type(value).__name__
    if type_name == "UUID":
        return value.hex
    if type_name == "Decimal":
        return str(value)
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, _enum.Enum):
        return value.value
    return value


class RawSQL(Expression):
    def __init__(self, sql, params, output_field=None):
        self.sql, self.params = sql, list(params)
        self.output_field = output_field

    def as_sql(self, compiler, group=None):
        return "(%s)" % self.sql.replace("%s", "?"), list(self.params)


class CombinedExpression(Expression):
    def __init__(self, lhs, connector, rhs, output_field=None):
        self.lhs, self.connector, self.rhs = lhs, connector, rhs
        if output_field is not None:
            self.output_field = output_field

    def get_source_expressions(self):
        return [self.lhs, self.rhs]

    def __repr__(self):
        return "<CombinedExpression: %s>" % self

    def __str__(self):
        return "%s %s %s" % (self.lhs, self.connector, self.rhs)

    @property
    def contains_aggregate(self):
        return any(getattr(e, "contains_aggregate", False)
                   for e in (self.lhs, self.rhs))

    def as_sql(self, compiler, group=None):
        lsql, lparams = compiler.compile(self.lhs, group)
        rsql, rparams = compiler.compile(self.rhs, group)
        op = self.connector.replace("%%", "%")
        if op == "^":
            return "POWER(%s, %s)" % (lsql, rsql), lparams + rparams
        lfield = self.lhs.get_output_field(compiler) if hasattr(
            self.lhs, "get_output_field") else None
        if op in "+-" and isinstance(lfield, (DateTimeField, DateField)) and not \
                isinstance(lfield, TimeField):
            raise NotSupportedError("Date arithmetic in expressions is not supported "
                                    "by djscratch.")
        return "(%s %s %s)" % (lsql, op, rsql), lparams + rparams

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        fields = [e.get_output_field(compiler) for e in (self.lhs, self.rhs)
                  if hasattr(e, "get_output_field")]
        fields = [f for f in fields if f is not None]
        if any(isinstance(f, DecimalField) for f in fields):
            return next(f for f in fields if isinstance(f, DecimalField))
        if any(isinstance(f, FloatField) for f in fields):
            return FloatField()
        if self.connector == "/" and all(isinstance(f, IntegerField) for f in fields):
            return IntegerField()
        return fields[0] if fields else None


class ExpressionWrapper(Expression):
    """Give an expression an output_field: ExpressionWrapper(F("a") * 2, ...)."""

    def __init__(self, expression, output_field):
        self.expression = expression
        self.output_field = output_field

    def get_source_expressions(self):
        return [self.expression]

    @property
    def contains_aggregate(self):
        return getattr(self.expression, "contains_aggregate", False)

    def as_sql(self, compiler, group=None):
        return compiler.compile(self.expression, group)


class OrderBy(Expression):
    def __init__(self, expression, descending=False, nulls_first=None,
                 nulls_last=None):
        self.expression = expression
        self.descending = descending
        self.nulls_first, self.nulls_last = nulls_first, nulls_last

    def reverse_ordering(self):
        self.descending = not self.descending
        if self.nulls_first or self.nulls_last:
            self.nulls_first, self.nulls_last = self.nulls_last, self.nulls_first
        return self

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.expression, group)
        sql = "%s %s" % (sql, "DESC" if self.descending else "ASC")
        if self.nulls_last:
            sql += " NULLS LAST"
        elif self.nulls_first:
            sql += " NULLS FIRST"
        return sql, params


class When(Expression):
    conditional = False

    def __init__(self, condition=None, then=None, **lookups):
        if lookups:
            condition = Q(**lookups) if condition is None else Q(condition, **lookups)
        if condition is None or not getattr(condition, "conditional", False):
            raise TypeError("When() supports a Q object, a boolean expression, or "
                            "lookups as a condition.")
        self.condition = condition
        self.result = then if isinstance(then, Expression) else Value(then)

    def as_sql(self, compiler, group=None):
        csql, cparams = compiler.compile(self.condition, group)
        rsql, rparams = compiler.compile(self.result, group)
        return "WHEN %s THEN %s" % (csql, rsql), cparams + rparams


class Case(Expression):
    def __init__(self, *cases, default=None, output_field=None, **extra):
        self.cases = list(cases)
        self.default = default if isinstance(default, Expression) else Value(default)
        if output_field is not None:
            self.output_field = output_field

    def as_sql(self, compiler, group=None):
        parts, params = [], []
        for case in self.cases:
            sql, p = compiler.compile(case, group)
            parts.append(sql)
            params.extend(p)
        dsql, dparams = compiler.compile(self.default, group)
        return "CASE %s ELSE %s END" % (" ".join(parts), dsql), params + dparams

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        for case in self.cases:
            f = case.result.get_output_field(compiler)
            if f is not None:
                return f
        return self.default.get_output_field(compiler)


class Subquery(Expression):
    """A queryset used as a value: Subquery(qs.values("x")[:1])."""

    def __init__(self, queryset, output_field=None):
        self.query = queryset.query if hasattr(queryset, "query") else queryset
        self.queryset = queryset
        if output_field is not None:
            self.output_field = output_field

    def as_sql(self, compiler, group=None):
        sub = djscratch.db.models.sql.compiler.SQLCompiler(self.query, outer=compiler)
        sql, params = sub.as_sql()
        return "(%s)" % sql, params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        query = self.query
        if query.values_fields:
            try:
                return djscratch.db.models.sql.compiler.SQLCompiler(query).resolve_ref(query.values_fields[0], None)[1]  # noqa: E501
            except FieldError:
                return None
        return None


class Exists(Subquery):
    conditional = True

    def __init__(self, queryset, negated=False, **kwargs):
        super().__init__(queryset, **kwargs)
        self.negated = negated

    def __invert__(self):
        return Exists(self.queryset, negated=not self.negated)

    def as_sql(self, compiler, group=None):
        sub = djscratch.db.models.sql.compiler.SQLCompiler(self.query, outer=compiler)
        sql, params = sub.as_sql(exists=True)
        return "%sEXISTS(%s)" % ("NOT " if self.negated else "", sql), params

    def get_output_field(self, compiler=None):
        return BooleanField()


class Col(Expression):
    def __init__(self, alias, field):
        self.alias, self.field = alias, field

    def as_sql(self, compiler, group=None):
        return "%s.%s" % (quote_name(self.alias), quote_name(self.field.column)), []

    def get_output_field(self, compiler=None):
        return self.field


class DatabaseDefault(Expression):
    """A field's db_default standing for the value on an unsaved instance:
    an INSERT writes the default's expression (SQLite has no DEFAULT keyword
    in VALUES); anywhere else it is that expression."""

    def __init__(self, expression, output_field=None):
        self.expression = expression
        if output_field is not None:
            self.output_field = output_field

    def get_source_expressions(self):
        return [self.expression]

    def as_sql(self, compiler, group=None):
        return compiler.compile(self.expression, group)


def _current_tzname():
    tz = get_current_timezone()
    return getattr(tz, "key", None) or ("UTC" if str(tz) in ("UTC", "UTC+00:00") else
                                       str(tz))
