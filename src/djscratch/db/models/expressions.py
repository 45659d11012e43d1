"""Q, F, Value, Case/When, Subquery and friends
(django/db/models/expressions.py): each compiles itself to SQL and params.
"""

import datetime
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
from djscratch.db.utils import DatabaseError, NotSupportedError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import (
    _adapt_datetime, CharField, DateField, DateTimeField, Field, IntegerField,
    TextField,
)
from djscratch.db.models.fields_extra import (
    BinaryField, BooleanField, DecimalField, DurationField, FloatField,
    PositiveIntegerField, TimeField, UUIDField,
)
from djscratch.db.models.base import _make_hashable, Model

__all__ = [
    "Q", "F", "Value", "ExpressionWrapper", "Case", "When", "Subquery", "Exists",
    "OuterRef", "OrderBy",
]


def _read_iterators(q):
    """Return `q`, or a copy of it where the value of an `in` or `range`
    lookup that is a one-shot iterator (a generator, map()) is a list.

    Django iterates such a value once, when filter() builds the lookup;
    djscratch compiles the Q again when the query runs, so it reads the
    iterator once here instead of finding it empty the second time."""
    children = q.children
    for index, child in enumerate(children):
        if isinstance(child, Q):
            new = _read_iterators(child)
        elif (type(child) is tuple and hasattr(child[1], "__next__")
                and child[0].rpartition("__")[2] in ("in", "range")):
            new = (child[0], list(child[1]))
        else:
            continue
        if new is not child:
            q = q.copy()
            q.children[index] = new
            return _read_iterators(q)  # the rest of the children too
    return q


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
        obj = Q.create(connector=conn)
        obj.add(self, conn)
        obj.add(other, conn)
        return obj

    def add(self, data, conn_type):
        """Join `data` with `conn_type`, as Django's tree.Node.add: a Q of
        the same connector (or of one child) is flattened into this one, so
        Q(a=1) & Q(b=2) equals Q(a=1, b=2)."""
        if self.connector != conn_type:
            obj = self.copy()
            self.connector = conn_type
            self.children = [obj, data]
            return data
        if isinstance(data, Q) and not data.negated and (
                data.connector == conn_type or len(data) == 1):
            self.children.extend(data.children)
            return self
        self.children.append(data)
        return data

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

    @property
    def identity(self):
        """What equal Qs share: a (lookup, value) child's value made
        hashable as Django's make_hashable (pk__in=(1, 2) equals [1, 2])."""
        return (type(self), self.connector, self.negated, tuple(
            (c[0], _q_hashable(c[1])) if isinstance(c, tuple) and len(c) == 2
            else c for c in self.children))

    def __eq__(self, other):
        return isinstance(other, Q) and self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)

    def flatten(self):
        """Yield this Q and, depth first, everything inside it (a lookup's
        value, nested Qs and expressions)."""
        yield self
        for child in self.children:
            if isinstance(child, tuple):
                child = child[1]
            if hasattr(child, "flatten"):
                yield from child.flatten()
            else:
                yield child

    @property
    def referenced_base_fields(self):
        """The model's own field names the condition reads, directly or in
        F() (a path through a relation names its first field)."""
        paths = djscratch.db.models.sql.lookup_paths._paths_of_q(self)
        return {path.split("__", 1)[0] for path in paths}

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

    def get_output_field(self, compiler=None):
        return BooleanField()

    def check(self, against, using="default"):
        """Whether the condition holds for the values of `against` ({name:
        value or expression}), asked of the database, as Django's."""
        return djscratch.db.models.sql.lookup_paths._check_q(self, against, using)


def _q_hashable(value):
    """Django's make_hashable: dicts sorted, other unhashable iterables as
    tuples."""
    if isinstance(value, dict):
        return tuple(sorted((k, _q_hashable(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        if hasattr(value, "__iter__"):
            return tuple(map(_q_hashable, value))
        raise
    return value


class Combinable:
    """The arithmetic and bitwise operators that build CombinedExpressions."""

    ADD, SUB, MUL, DIV, POW, MOD = "+", "-", "*", "/", "^", "%%"
    BITAND, BITOR, BITLEFTSHIFT, BITRIGHTSHIFT, BITXOR = "&", "|", "<<", ">>", "#"

    def _combine(self, other, op, reverse):
        if hasattr(other, "query") and hasattr(other, "model") and hasattr(
                other, "resolve_expression"):  # a queryset: its value, as Django
            other = Subquery(other)
        elif not hasattr(other, "as_sql") and not isinstance(other, F):
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

    def __rmod__(self, other):
        return self._combine(other, "%%", True)

    def __rpow__(self, other):
        return self._combine(other, "^", True)

    def __neg__(self):
        return self._combine(-1, "*", False)  # as Django: -x is x * -1

    def __and__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) & Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __or__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) | Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __xor__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) ^ Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    def __invert__(self):
        return NegatedExpression(self)

    def __rand__(self, other):
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.")

    __ror__ = __rxor__ = __rand__

    def bitand(self, other):
        return self._combine(other, "&", False)

    def bitor(self, other):
        return self._combine(other, "|", False)

    def bitxor(self, other):
        return self._combine(other, "#", False)

    def bitleftshift(self, other):
        return self._combine(other, "<<", False)

    def bitrightshift(self, other):
        return self._combine(other, ">>", False)


class OutputFieldIsNoneError(FieldError):
    """An expression's output field resolved to None."""


class BaseExpression:
    """The protocol every SQL expression follows (Django's BaseExpression):
    source expressions, copy(), resolve_expression(), as_sql()."""

    contains_aggregate = False
    contains_column_references = True
    output_field_class = None
    filterable = True
    window_compatible = False
    empty_result_set_value = NotImplemented
    is_summary = False

    @staticmethod
    def _convert_value_noop(value, expression, connection):
        return value

    @property
    def convert_value(self):
        """Django's hook: a function of (value, expression, connection)
        applied to each value read, after its field's conversion; an
        expression class overrides it as a method."""
        return self._convert_value_noop

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self, output_field=None):
        if output_field is not None:
            self.output_field = output_field

    def __getstate__(self):
        return dict(self.__dict__)

    @property
    def allowed_default(self):
        """Whether the expression may be a field's db_default: it reads no
        column (constants, and functions and operators of constants)."""
        sources = [e for e in self.get_source_expressions() if e is not None]
        return bool(sources) and all(getattr(e, "allowed_default", False)
                                     for e in sources)

    @property
    def contains_over_clause(self):
        """Whether a window function is inside (filters on it are applied
        after the windows are computed)."""
        return any(getattr(e, "contains_over_clause", False)
                   for e in self.get_source_expressions() if e is not None)

    @property
    def conditional(self):
        """A boolean expression can be a filter() condition."""
        try:
            return isinstance(self.get_output_field(), BooleanField)
        except FieldError:
            return False

    def get_source_expressions(self):
        return []

    def set_source_expressions(self, exprs):
        if exprs:
            raise ValueError("%s takes no source expressions." % type(self).__name__)

    def get_source_fields(self):
        compiler = getattr(self, "_compiler", None)
        return [e.get_output_field(compiler) if hasattr(e, "get_output_field")
                else None for e in self.get_source_expressions()]

    def _parse_expressions(self, *expressions):
        return [e if hasattr(e, "resolve_expression") or hasattr(e, "as_sql") else (
            F(e) if isinstance(e, str) else Value(e)) for e in expressions]

    def copy(self):
        import copy

        return copy.copy(self)

    def relabeled_clone(self, change_map):
        return self.copy()

    def prefix_references(self, prefix):
        """A copy whose field references start at `prefix` ("author__"): a
        related model's Meta.ordering applied across the relation."""
        clone = self.copy()
        clone.set_source_expressions([
            F(prefix + e.name) if isinstance(e, F) else
            e.prefix_references(prefix) if hasattr(e, "prefix_references") else e
            for e in self.get_source_expressions()])
        return clone

    def resolve_expression(self, query=None, allow_joins=True, reuse=None,
                           summarize=False, for_save=False):
        """Return a copy with the source expressions resolved (djscratch
        resolves names when it compiles the query)."""
        c = self.copy()
        c.set_source_expressions([
            e.resolve_expression(query, allow_joins, reuse, summarize, for_save)
            if hasattr(e, "resolve_expression") else e
            for e in c.get_source_expressions()])
        return c

    def flatten(self):
        """Yield this expression and every expression inside it."""
        yield self
        for expr in self.get_source_expressions():
            if expr is not None:
                if hasattr(expr, "flatten"):
                    yield from expr.flatten()
                else:
                    yield expr

    def get_group_by_cols(self):
        if not self.contains_aggregate:
            return [self]
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    def get_lookup(self, lookup):
        field = self.get_output_field()
        return field.get_lookup(lookup) if field is not None else None

    def get_transform(self, name):
        field = self.get_output_field()
        return field.get_transform(name) if field is not None else None

    def select_format(self, compiler, sql, params):
        return sql, params

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def reverse_ordering(self):
        return self

    def _explicit_output_field(self):
        """The output field given to the expression or set on its class."""
        field = self.__dict__.get("_output_field") or self.__dict__.get("output_field")
        if field is None:
            field = getattr(type(self), "output_field", None)
            if isinstance(field, property) and field is not \
                    BaseExpression.output_field:
                field = field.fget(self)  # a subclass's own property
            if not hasattr(field, "get_internal_type"):
                field = None
        return field

    @property
    def output_field(self):
        """The field the expression's values belong to (FieldError when it
        cannot be told)."""
        field = self._explicit_output_field()
        if field is None:
            field = self.get_output_field(getattr(self, "_compiler", None))
        if field is None:
            raise OutputFieldIsNoneError(
                "Cannot resolve expression type, unknown output_field")
        return field

    @output_field.setter
    def output_field(self, value):
        self.__dict__["_output_field"] = value

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
        if field is not None:
            return field
        resolver = getattr(self, "_resolve_output_field", None)
        if resolver is None:
            return None
        self._compiler = compiler
        return resolver()

    def _resolve_output_field(self):
        """The output field the sources agree on (Django's rule: all of one
        type, or FieldError)."""
        sources = [f for f in self.get_source_fields() if f is not None]
        if not sources:
            return None
        first = sources[0]
        for field in sources[1:]:
            if not isinstance(first, type(field)):
                raise FieldError(
                    "Expression contains mixed types: %s, %s. You must set "
                    "output_field." % (type(first).__name__, type(field).__name__))
        return first

    @property
    def identity(self):
        args, kwargs = self._constructor_args
        return (type(self), tuple(_identity_value(a) for a in args),
                tuple(sorted((k, _identity_value(v)) for k, v in kwargs.items())))

    def __eq__(self, other):
        if not isinstance(other, BaseExpression):
            return NotImplemented
        return other.identity == self.identity

    def __hash__(self):
        return hash(self.identity)

    def deconstruct(self):
        args, kwargs = self._constructor_args
        return _expression_path(type(self)), tuple(args), dict(kwargs)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            repr(e) for e in self.get_source_expressions()))


def _identity_value(value):
    if isinstance(value, Field):
        if value.name and getattr(value, "model", None) is not None:
            return (value.model._meta.label, value.name)
        return type(value)
    return _make_hashable(value)


def _expression_path(cls):
    """Where Django documents an expression class: django.db.models.<Name>
    for the public ones, the class's own module otherwise."""
    name = cls.__name__
    module = cls.__module__
    if module.split(".")[0] == "djscratch":
        modules = djscratch.django_alias.DJANGO_MODULES
        for django_module in ("django.db.models", "django.db.models.functions",
                              "django.db.models.expressions"):
            if name in modules.get(django_module, ()):
                return "%s.%s" % (django_module, name)
    return "%s.%s" % (module, cls.__qualname__)


class Expression(BaseExpression, Combinable):
    """An expression that can be combined with others (Django's Expression)."""


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

    def __getitem__(self, subscript):
        return Sliced(self, subscript)

    def prefix_references(self, prefix):
        return F(prefix + self.name)

    def __contains__(self, other):
        # __getitem__ would make `in` iterate for ever.
        raise TypeError("argument of type '%s' is not iterable" % type(self).__name__)

    def as_sql(self, compiler, group=None):
        sql, params, field = compiler.compile_ref(self.name, group)
        self._resolved_field = field
        return sql, params

    def get_output_field(self, compiler=None):
        if compiler is not None:
            return compiler.ref_output_field(self.name)
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
        if hasattr(self.name, "as_sql"):  # OuterRef(OuterRef("x")): two levels out
            return compiler.outer.compile(self.name, compiler.outer_group)
        # In the outer query's join group the subquery is compiled in (an
        # annotation's reuses its filter's joins).
        return compiler.outer.resolve_ref(self.name, compiler.outer_group)[0], []

    def get_output_field(self, compiler=None):
        if compiler is None or compiler.outer is None:
            return None
        if hasattr(self.name, "get_output_field"):
            return self.name.get_output_field(compiler.outer)
        return compiler.outer.ref_output_field(self.name)

    def __repr__(self):
        return "OuterRef(%s)" % self.name


class Sliced(F):
    """A slice of a text field: F("name")[:3] (SUBSTR, 1-based)."""

    def __init__(self, obj, subscript):
        super().__init__(obj.name)
        self.obj = obj
        if isinstance(subscript, int):
            if subscript < 0:
                raise ValueError("Negative indexing is not supported.")
            self.start, self.length = subscript + 1, 1
        elif isinstance(subscript, slice):
            start, stop = subscript.start, subscript.stop
            if (start is not None and start < 0) or (stop is not None and stop < 0):
                raise ValueError("Negative indexing is not supported.")
            if subscript.step is not None:
                raise ValueError("Step argument is not supported.")
            if stop and start and stop < start:
                raise ValueError("Slice stop must be greater than slice start.")
            self.start = 1 if start is None else start + 1
            self.length = None if stop is None else stop - (start or 0)
        else:
            raise TypeError("Argument to slice must be either int or slice instance.")

    def __repr__(self):
        start = self.start - 1
        stop = None if self.length is None else start + self.length
        return "%s(%r, %r)" % (type(self).__qualname__, self.obj, slice(start, stop))

    def __eq__(self, other):
        return isinstance(other, Sliced) and (self.obj, self.start, self.length) == (
            other.obj, other.start, other.length)

    def __hash__(self):
        return hash(("Sliced", self.obj, self.start, self.length))

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.obj, group)
        field = self.obj.get_output_field(compiler)
        if not isinstance(field, (CharField, TextField)):
            raise NotSupportedError("This field does not support slicing.")
        if self.length is None:
            return "SUBSTR(%s, %d)" % (sql, self.start), params
        return "SUBSTR(%s, %d, %d)" % (sql, self.start, self.length), params

    def get_output_field(self, compiler=None):
        return self.obj.get_output_field(compiler)


class Value(Expression):
    """A constant, sent as a bound parameter."""

    allowed_default = True

    def __init__(self, value, output_field=None):
        self.value = value
        if output_field is not None:
            self.output_field = output_field

    def __repr__(self):
        return "Value(%r)" % (self.value,)

    def as_sql(self, compiler, group=None):
        value = self.value
        field = self._explicit_output_field()
        if field is not None:
            value = field.get_db_prep_value(value, None)
        elif isinstance(value, bool):
            value = int(value)
        if value is None:
            return "NULL", []
        return "?", [_adapt_param(value)]

    def as_sqlite(self, compiler, group=None):
        return _numeric_as_sqlite(self, compiler, group)

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
        if field is not None:
            return field
        return self._resolve_output_field()

    def _resolve_output_field(self):
        """The field of the value's Python type (None for an unknown type)."""
        import decimal
        import uuid

        for kind, field_class in (
                (bool, BooleanField), (int, IntegerField), (float, FloatField),
                (str, CharField), (datetime.datetime, DateTimeField),
                (datetime.date, DateField), (datetime.time, TimeField),
                (datetime.timedelta, DurationField), (decimal.Decimal, DecimalField),
                (bytes, BinaryField), (uuid.UUID, UUIDField)):
            if isinstance(self.value, kind):
                return field_class()
        return None


def _adapt_param(value):
    """Turn a Python value into something sqlite3 binds (as Django adapts it)."""

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
    allowed_default = True

    def __init__(self, sql, params, output_field=None):
        self.sql, self.params = sql, list(params)
        self.output_field = output_field

    def __repr__(self):
        return "%s(%s, %s)" % (type(self).__name__, self.sql, self.params)

    def as_sql(self, compiler, group=None):
        return "(%s)" % _format_to_qmark(self.sql), list(self.params)


def _format_to_qmark(sql):
    """Django's %s placeholders as SQLite's ?, and %% as one %, as Django's
    SQLite cursor reads raw SQL ("'100%%'" is the text 100%)."""
    import re

    return re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%")


class CombinedExpression(Expression):
    def __init__(self, lhs, connector, rhs, output_field=None):
        self.lhs, self.connector, self.rhs = lhs, connector, rhs
        if output_field is not None:
            self.output_field = output_field

    def get_source_expressions(self):
        return [self.lhs, self.rhs]

    def set_source_expressions(self, exprs):
        self.lhs, self.rhs = exprs

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
        if op == "#":  # SQLite has no XOR operator; Django registers BITXOR
            return "BITXOR(%s, %s)" % (lsql, rsql), lparams + rparams
        lkind, rkind = (_side_kind(e, compiler) for e in (self.lhs, self.rhs))
        if "duration" in (lkind, rkind) and lkind != rkind and not {
                "null", "unknown"} & {lkind, rkind}:
            # A duration with a date or a number: the function Django
            # registers on SQLite computes it.
            if op not in ("+", "-", "*", "/"):
                raise DatabaseError("Invalid connector for timedelta: %s." % op)
            if op in "*/" and not {lkind, rkind} <= {
                    "duration", "int", "posint", "float", "decimal"}:
                raise DatabaseError("Invalid arguments for operator %s." % op)
            return "django_format_dtdelta('%s', %s, %s)" % (op, lsql, rsql), \
                lparams + rparams
        if op == "-" and lkind == rkind and lkind in ("date", "datetime", "time"):
            function = "django_time_diff" if lkind == "time" else \
                "django_timestamp_diff"
            return "%s(%s, %s)" % (function, lsql, rsql), lparams + rparams
        return "(%s %s %s)" % (lsql, op, rsql), lparams + rparams

    def as_sqlite(self, compiler, group=None):
        return _numeric_as_sqlite(self, compiler, group)

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
        if field is not None:
            return field
        sides = [e.get_output_field(compiler) if hasattr(e, "get_output_field")
                 else None for e in (self.lhs, self.rhs)]
        known = all(f is not None or (isinstance(e, Value) and e.value is None)
                    for f, e in zip(sides, (self.lhs, self.rhs)))
        if known:
            return _combined_type(self.connector, *sides)
        fields = [f for f in sides if f is not None]
        if any(isinstance(f, DecimalField) for f in fields):
            return next(f for f in fields if isinstance(f, DecimalField))
        if any(isinstance(f, FloatField) for f in fields):
            return FloatField()
        if self.connector == "/" and all(isinstance(f, IntegerField) for f in fields):
            return IntegerField()
        return fields[0] if fields else None


def _numeric_as_sqlite(expr, compiler, group=None):
    """Django's SQLiteNumericMixin: a decimal result is cast to NUMERIC, so
    that SQLite compares it as a number with a bound decimal (which it
    receives as text); a type that cannot be inferred is left to the
    expression that needs it."""
    sql, params = expr.as_sql(compiler, group)
    try:
        output = expr.get_output_field(compiler)
    except FieldError:
        output = None
    if isinstance(output, DecimalField):
        sql = "CAST(%s AS NUMERIC)" % sql
    return sql, params


def _side_kind(expr, compiler):
    """The kind of one operand of an arithmetic expression; "unknown" when
    its own type cannot be inferred (an outer output_field decides)."""
    if not hasattr(expr, "get_output_field"):
        return "null"
    try:
        return _field_kind(expr.get_output_field(compiler))
    except FieldError:
        return "unknown"


def _field_kind(field):
    """The kind of value a field holds, for the arithmetic table."""
    if field is None:
        return "null"
    for kind, field_class in (("time", TimeField), ("datetime", DateTimeField),
                              ("date", DateField), ("duration", DurationField),
                              ("decimal", DecimalField), ("float", FloatField)):
        if isinstance(field, field_class):
            return kind
    if isinstance(field, PositiveIntegerField):
        return "posint"
    if isinstance(field, IntegerField):
        return "int"
    return type(field).__name__


_NUMERIC_RESULT = {"int": IntegerField, "float": FloatField, "decimal": DecimalField}
_DATE_RESULTS = {
    "+": {("date", "duration"): DateTimeField, ("datetime", "duration"): DateTimeField,
          ("duration", "date"): DateTimeField, ("duration", "datetime"): DateTimeField,
          ("duration", "duration"): DurationField, ("time", "duration"): TimeField,
          ("duration", "time"): TimeField},
    "-": {("date", "duration"): DateTimeField, ("datetime", "duration"): DateTimeField,
          ("date", "date"): DurationField, ("date", "datetime"): DurationField,
          ("datetime", "date"): DurationField, ("datetime", "datetime"): DurationField,
          ("duration", "duration"): DurationField, ("time", "duration"): TimeField,
          ("time", "time"): DurationField},
}


def _combined_result(connector, lhs, rhs):
    """The output field class of `lhs <connector> rhs` (kinds), or None:
    Django's table of combinable field types."""
    if connector in _DATE_RESULTS and (lhs, rhs) in _DATE_RESULTS[connector]:
        return _DATE_RESULTS[connector][(lhs, rhs)]
    if lhs == rhs == "posint" and connector != "-" and connector in "+*/%%^":
        return PositiveIntegerField
    numeric = {"posint": "int"}
    lhs, rhs = numeric.get(lhs, lhs), numeric.get(rhs, rhs)
    if connector in ("&", "|", "<<", ">>", "#"):
        return IntegerField if lhs == rhs == "int" else None
    if connector not in ("+", "-", "*", "/", "%%", "^"):
        return None
    if lhs == rhs and lhs in _NUMERIC_RESULT:
        return _NUMERIC_RESULT[lhs]
    if "null" in (lhs, rhs):
        other = rhs if lhs == "null" else lhs
        return _NUMERIC_RESULT.get(other)
    if connector == "^":
        return None
    pair = {lhs, rhs}
    if pair == {"int", "decimal"}:
        return DecimalField
    if pair == {"int", "float"}:
        return FloatField
    return None


def _combined_type(connector, lhs_field, rhs_field):
    result = _combined_result(connector, _field_kind(lhs_field),
                              _field_kind(rhs_field))
    if result is None:
        raise FieldError(
            "Cannot infer type of %r expression involving these types: %s, %s. You "
            "must set output_field." % (connector, type(lhs_field).__name__,
                                        type(rhs_field).__name__))
    return result()


class ExpressionWrapper(Expression):
    """Give an expression an output_field: ExpressionWrapper(F("a") * 2, ...)."""

    def __init__(self, expression, output_field):
        self.expression = expression
        self.output_field = output_field

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self.expression)

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    @property
    def contains_aggregate(self):
        return getattr(self.expression, "contains_aggregate", False)

    def as_sql(self, compiler, group=None):
        return compiler.compile(self.expression, group)

    def as_sqlite(self, compiler, group=None):
        return _numeric_as_sqlite(self, compiler, group)


class OrderBy(Expression):
    def __init__(self, expression, descending=False, nulls_first=None,
                 nulls_last=None):
        if nulls_first and nulls_last:
            raise ValueError("nulls_first and nulls_last are mutually exclusive")
        if nulls_first is False or nulls_last is False:
            raise ValueError("nulls_first and nulls_last values must be True or None.")
        self.expression = expression
        self.descending = descending
        self.nulls_first, self.nulls_last = nulls_first, nulls_last

    def __repr__(self):
        return "%s(%s, descending=%s)" % (type(self).__name__, self.expression,
                                          self.descending)

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

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
            if condition is None:
                condition, lookups = Q(**lookups), None
            elif getattr(condition, "conditional", False):
                condition, lookups = Q(condition, **lookups), None
        if condition is None or not getattr(condition, "conditional", False) or \
                lookups:
            raise TypeError("When() supports a Q object, a boolean expression, or "
                            "lookups as a condition.")
        if isinstance(condition, Q) and not condition:
            raise ValueError("An empty Q() can't be used as a When() condition.")
        self.condition = condition
        # As Django's _parse_expressions: a string names a field (F).
        self.result = then if isinstance(then, Expression) else (
            F(then) if isinstance(then, str) else Value(then))

    def __str__(self):
        return "WHEN %r THEN %r" % (self.condition, self.result)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def get_source_expressions(self):
        return [self.condition, self.result]

    def set_source_expressions(self, exprs):
        self.condition, self.result = exprs

    def as_sql(self, compiler, group=None):
        csql, cparams = compiler.compile(self.condition, group)
        rsql, rparams = compiler.compile(self.result, group)
        return "WHEN %s THEN %s" % (csql, rsql), cparams + rparams


class Case(Expression):
    def __init__(self, *cases, default=None, output_field=None, **extra):
        if not all(isinstance(case, When) for case in cases):
            raise TypeError("Positional arguments must all be When objects.")
        self.cases = list(cases)
        self.default = default if isinstance(default, Expression) else (
            F(default) if isinstance(default, str) else Value(default))
        if output_field is not None:
            self.output_field = output_field

    def __str__(self):
        return "CASE %s, ELSE %r" % (", ".join(str(c) for c in self.cases),
                                     self.default)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def get_source_expressions(self):
        return [*self.cases, self.default]

    def set_source_expressions(self, exprs):
        *self.cases, self.default = exprs

    def as_sql(self, compiler, group=None):
        if not self.cases:  # nothing to test: the default itself, as Django
            return compiler.compile(self.default, group)
        parts, params = [], []
        for case in self.cases:
            sql, p = compiler.compile(case, group)
            parts.append(sql)
            params.extend(p)
        dsql, dparams = compiler.compile(self.default, group)
        return "CASE %s ELSE %s END" % (" ".join(parts), dsql), params + dparams

    def as_sqlite(self, compiler, group=None):
        return _numeric_as_sqlite(self, compiler, group)

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
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
        sub.outer_group = group
        sql, params = sub.as_sql()
        return "(%s)" % sql, params

    def get_output_field(self, compiler=None):
        field = self._explicit_output_field()
        if field is not None:
            return field
        query = self.query
        if query.values_fields:
            sub = djscratch.db.models.sql.compiler.SQLCompiler(query, outer=compiler)
            sub.validating = True  # only the field is wanted, not the SQL
            try:
                return sub.resolve_ref(query.values_fields[0], None)[1]
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
        sub.outer_group = group
        sql, params = sub.as_sql(exists=True)
        return "%sEXISTS(%s)" % ("NOT " if self.negated else "", sql), params

    def get_output_field(self, compiler=None):
        return BooleanField()


class Col(Expression):
    def __init__(self, alias, field):
        self.alias, self.field = alias, field

    def __repr__(self):
        return "%s(%s, %s)" % (type(self).__name__, self.alias, self.field)

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
    return _tzname_of(get_current_timezone())


def _tzname_of(tzinfo):
    """The name the SQLite date functions get for a time zone (None: the
    current one): a zoneinfo key, or a fixed offset's name ("UTC+05:00",
    "+0130"), which they read as that offset."""
    if tzinfo is None:
        return _current_tzname()
    name = getattr(tzinfo, "key", None)
    if name:
        return name
    name = tzinfo.tzname(None) or str(tzinfo)
    return "UTC" if name in ("UTC", "UTC+00:00") else name


def _group_of(compiler, connection):
    """The join group an expression compiles in.

    djscratch's compilers pass the filter's join group where Django passes
    the connection; an expression written for Django hands the connection
    on (super().as_sql(compiler, connection)), which means the group the
    compiler is compiling in.
    """
    if hasattr(connection, "vendor"):
        return getattr(compiler, "current_group", None)
    return connection


class Func(Expression):
    """An SQL function call: Func(F("name"), function="LOWER").

    Subclasses set `function`, `template`, `arg_joiner`, `arity` and
    `output_field`, and may override as_sql(compiler, connection, ...) or
    as_sqlite(), as in Django.
    """

    function = None
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "
    arity = None

    def __init__(self, *expressions, output_field=None, **extra):
        if self.arity is not None and len(expressions) != self.arity:
            raise TypeError("'%s' takes exactly %s %s (%s given)" % (
                type(self).__name__, self.arity,
                "argument" if self.arity == 1 else "arguments", len(expressions)))
        self.source_expressions = self._parse_expressions(*expressions)
        if output_field is not None:
            self.output_field = output_field
        self.extra = extra

    def __repr__(self):
        args = ", ".join(str(e) for e in self.source_expressions)
        extra = {**self.extra, **self._get_repr_options()}
        if extra:
            extra = ", ".join("%s=%s" % (k, v) for k, v in sorted(extra.items()))
            return "%s(%s, %s)" % (type(self).__name__, args, extra)
        return "%s(%s)" % (type(self).__name__, args)

    def _get_repr_options(self):
        return {}

    def get_source_expressions(self):
        return self.source_expressions

    def set_source_expressions(self, exprs):
        self.source_expressions = list(exprs)

    def copy(self):
        c = super().copy()
        c.source_expressions = self.source_expressions[:]
        c.extra = self.extra.copy()
        return c

    @property
    def contains_aggregate(self):
        if "_contains_aggregate" in self.__dict__:  # set by the application
            return self.__dict__["_contains_aggregate"]
        return any(getattr(e, "contains_aggregate", False)
                   for e in self.source_expressions)

    @contains_aggregate.setter
    def contains_aggregate(self, value):
        # Django's is a cached_property: Func("x", function="COUNT") can be
        # marked an aggregate by assignment.
        self.__dict__["_contains_aggregate"] = value

    @property
    def contains_over_clause(self):
        return any(getattr(e, "contains_over_clause", False)
                   for e in self.source_expressions)

    @property
    def allowed_default(self):
        return all(getattr(e, "allowed_default", False)
                   for e in self.source_expressions)

    def as_sql(self, compiler, connection=None, function=None, template=None,
               arg_joiner=None, **extra_context):
        group = _group_of(compiler, connection)
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append(sql)
            params.extend(p)
        data = {**self.extra, **extra_context}
        if function is not None:
            data["function"] = function
        else:
            data.setdefault("function", self.function)
        template = template or data.get("template", self.template)
        arg_joiner = arg_joiner or data.get("arg_joiner", self.arg_joiner)
        data["expressions"] = data["field"] = arg_joiner.join(sqls)
        return template % data, params

    def as_sqlite(self, compiler, connection=None, **extra_context):
        """Django's SQLiteNumericMixin: a decimal result is cast to NUMERIC."""
        sql, params = self.as_sql(compiler, connection, **extra_context)
        try:
            output = self.get_output_field(compiler)
        except FieldError:
            output = None
        if isinstance(output, DecimalField):
            sql = "CAST(%s AS NUMERIC)" % sql
        return sql, params


class ExpressionList(Func):
    """Expressions separated by commas (a PARTITION BY list)."""

    template = "%(expressions)s"

    def __str__(self):
        return self.arg_joiner.join(str(e) for e in self.source_expressions)

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return self.as_sql(compiler, connection, **extra_context)


class OrderByList(ExpressionList):
    """The ORDER BY list of a window: strings ("-name") become OrderBy."""

    allowed_default = False

    template = "ORDER BY %(expressions)s"

    def __init__(self, *expressions, **extra):
        expressions = [
            OrderBy(F(e[1:]), descending=True)
            if isinstance(e, str) and e.startswith("-") else e
            for e in expressions]
        super().__init__(*expressions, **extra)

    def as_sql(self, *args, **kwargs):
        if not self.source_expressions:  # order_by=[]: no ORDER BY at all
            return "", []
        return super().as_sql(*args, **kwargs)


class Ref(Expression):
    """A reference to a selected column by its alias: ORDER BY "total"."""

    def __init__(self, refs, source):
        self.refs, self.source = refs, source

    def __repr__(self):
        return "%s(%s, %s)" % (type(self).__name__, self.refs, self.source)

    def get_source_expressions(self):
        return [self.source]

    def set_source_expressions(self, exprs):
        (self.source,) = exprs

    def as_sql(self, compiler, connection=None):
        return quote_name(self.refs), []

    def get_output_field(self, compiler=None):
        return self.source.get_output_field(compiler)


class NegatedExpression(ExpressionWrapper):
    """~expression: NOT of a boolean expression."""

    def __init__(self, expression):
        super().__init__(expression, output_field=BooleanField())

    def __invert__(self):
        return self.expression.copy() if hasattr(self.expression, "copy") else \
            self.expression

    def as_sql(self, compiler, connection=None):
        sql, params = compiler.compile(self.expression,
                                       _group_of(compiler, connection))
        return "NOT %s" % sql, params

    @property
    def conditional(self):
        # ~F("flag"): a boolean column, known only once resolved.
        return isinstance(self.expression, F) or getattr(
            self.expression, "conditional", False)


class Window(Expression):
    """expression OVER (PARTITION BY ... ORDER BY ... frame)."""

    template = "%(expression)s OVER (%(window)s)"
    contains_aggregate = False
    contains_over_clause = True

    def __init__(self, expression, partition_by=None, order_by=None, frame=None,
                 output_field=None):
        if not getattr(expression, "window_compatible", False):
            raise ValueError("Expression '%s' isn't compatible with OVER clauses."
                             % type(expression).__name__)
        if partition_by is not None:
            if not isinstance(partition_by, (tuple, list)):
                partition_by = (partition_by,)
            partition_by = ExpressionList(*partition_by)
        if order_by is not None:
            if isinstance(order_by, (list, tuple)):
                order_by = OrderByList(*order_by)
            elif isinstance(order_by, (BaseExpression, str)):
                order_by = OrderByList(order_by)
            else:
                raise ValueError(
                    "Window.order_by must be either a string reference to a field, "
                    "an expression, or a list or tuple of them.")
        self.partition_by, self.order_by, self.frame = partition_by, order_by, frame
        if output_field is not None:
            self.output_field = output_field
        self.source_expression = self._parse_expressions(expression)[0]

    def _resolve_output_field(self):
        return self.source_expression.get_output_field(self._compiler)

    def get_source_expressions(self):
        return [self.source_expression, self.partition_by, self.order_by, self.frame]

    def set_source_expressions(self, exprs):
        self.source_expression, self.partition_by, self.order_by, self.frame = exprs

    def as_sql(self, compiler, connection=None, template=None):
        group = _group_of(compiler, connection)
        source = self.source_expression
        if getattr(type(source), "as_sqlite", None) is Func.as_sqlite and \
                type(source).as_sql.__module__.split(".")[0] == "djscratch":
            # A decimal is cast outside OVER (...), not inside (as_sqlite).
            sql, params = source.as_sql(compiler, group)
        else:
            sql, params = compiler.compile(source, group)
        window, window_params = [], []
        if self.partition_by is not None:
            psql, pparams = self.partition_by.as_sql(
                compiler, group, template="PARTITION BY %(expressions)s")
            window.append(psql)
            window_params.extend(pparams)
        for part in (self.order_by, self.frame):
            if part is not None:
                psql, pparams = compiler.compile(part, group)
                if psql:
                    window.append(psql)
                window_params.extend(pparams)
        template = template or self.template
        return template % {"expression": sql, "window": " ".join(window).strip()}, \
            params + window_params

    def as_sqlite(self, compiler, connection=None):
        sql, params = self.as_sql(compiler, connection)
        if isinstance(self.get_output_field(compiler), DecimalField):
            sql = "CAST(%s AS NUMERIC)" % sql
        return sql, params

    def __str__(self):
        return "{} OVER ({}{}{})".format(
            str(self.source_expression),
            "PARTITION BY " + str(self.partition_by) if self.partition_by else "",
            str(self.order_by or ""), str(self.frame or ""))

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def get_group_by_cols(self):
        cols = []
        for part in (self.partition_by, self.order_by):
            if part is not None:
                cols.extend(part.get_group_by_cols())
        return cols


class WindowFrameExclusion(_enum.Enum):
    CURRENT_ROW = "CURRENT ROW"
    GROUP = "GROUP"
    TIES = "TIES"
    NO_OTHERS = "NO OTHERS"

    def __repr__(self):
        return "%s.%s" % (type(self).__qualname__, self._name_)


class WindowFrame(Expression):
    """The frame of a window: ROWS/RANGE BETWEEN start AND end."""

    template = "%(frame_type)s BETWEEN %(start)s AND %(end)s%(exclude)s"
    frame_type = None

    def __init__(self, start=None, end=None, exclusion=None):
        self.start = Value(start)
        self.end = Value(end)
        if exclusion is not None and not isinstance(exclusion, WindowFrameExclusion):
            raise TypeError("%s.exclusion must be a WindowFrameExclusion instance."
                            % type(self).__qualname__)
        self.exclusion = exclusion

    def get_source_expressions(self):
        return [self.start, self.end]

    def set_source_expressions(self, exprs):
        self.start, self.end = exprs

    def get_exclusion(self):
        if self.exclusion is None:
            return ""
        return " EXCLUDE %s" % self.exclusion.value

    def as_sql(self, compiler, connection=None):
        start, end = self.window_frame_start_end(None, self.start.value,
                                                 self.end.value)
        return self.template % {"frame_type": self.frame_type, "start": start,
                                "end": end, "exclude": self.get_exclusion()}, []

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def get_group_by_cols(self):
        return []

    def __str__(self):
        start, end = self.start.value, self.end.value
        return self.template % {
            "frame_type": self.frame_type,
            "start": _frame_value(start) or "UNBOUNDED PRECEDING",
            "end": _frame_value(end) or "UNBOUNDED FOLLOWING",
            "exclude": self.get_exclusion()}

    def window_frame_start_end(self, connection, start, end):
        raise NotImplementedError("Subclasses must implement window_frame_start_end().")


def _frame_value(value):
    if isinstance(value, int):
        if value == 0:
            return "CURRENT ROW"
        return "%d %s" % (abs(value), "PRECEDING" if value < 0 else "FOLLOWING")
    return None


class RowRange(WindowFrame):
    frame_type = "ROWS"

    def window_frame_start_end(self, connection, start, end):
        if isinstance(start, int) and isinstance(end, int) and start > end:
            raise ValueError("start cannot be greater than end.")
        if start is not None and not isinstance(start, int):
            raise ValueError("start argument must be an integer, zero, or None, but "
                             "got '%s'." % start)
        if end is not None and not isinstance(end, int):
            raise ValueError("end argument must be an integer, zero, or None, but "
                             "got '%s'." % end)
        return (_frame_value(start) or "UNBOUNDED PRECEDING",
                _frame_value(end) or "UNBOUNDED FOLLOWING")


class ValueRange(WindowFrame):
    frame_type = "RANGE"

    def window_frame_start_end(self, connection, start, end):
        if (start is not None and not isinstance(start, int)) or (
                isinstance(start, int) and start > 0):
            raise ValueError("start argument must be a negative integer, zero, or "
                             "None, but got '%s'." % start)
        if (end is not None and not isinstance(end, int)) or (
                isinstance(end, int) and end < 0):
            raise ValueError("end argument must be a positive integer, zero, or "
                             "None, but got '%s'." % end)
        return (_frame_value(start) or "UNBOUNDED PRECEDING",
                _frame_value(end) or "UNBOUNDED FOLLOWING")


class ColPairs(Expression):
    """The columns of a composite key, side by side: "t"."a", "t"."b"."""

    def __init__(self, alias, targets, sources, output_field):
        self.alias, self.targets, self.sources = alias, targets, sources
        self.output_field = output_field

    def __len__(self):
        return len(self.targets)

    def __repr__(self):
        return "%s(%r, %r, %r, %r)" % (type(self).__name__, self.alias,
                                       self.targets, self.sources, self.output_field)

    def get_cols(self):
        return [Col(self.alias, target) for target in self.targets]

    def as_sql(self, compiler, connection=None):
        return ", ".join("%s.%s" % (quote_name(self.alias), quote_name(t.column))
                         for t in self.targets), []
