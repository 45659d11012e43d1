"""Lookups on several columns at once (django/db/models/fields/tuple_lookups.py):
a CompositePrimaryKey's pk=(a, b), pk__in, pk__gt, ..., a multi-column
ForeignObject's, and TupleExact((F("a"), F("b")), (1, 2)) written by hand.
They compile to SQLite row values: ("t"."a", "t"."b") > (?, ?).
"""

from djscratch.db.models.fields import Field
from djscratch.db.models.expressions import F, Func, OuterRef, Subquery
from djscratch.db.models.lookups import (
    _is_queryset, Exact, GreaterThan, GreaterThanOrEqual, In, IsNull, LessThan,
    LessThanOrEqual,
)
from djscratch.db.models.sql.query import _Query


class Tuple(Func):
    """Expressions side by side, as one row value: (a, b)."""

    allows_composite_expressions = True
    function = ""
    output_field = Field()

    def __len__(self):
        return len(self.source_expressions)

    def __iter__(self):
        return iter(self.source_expressions)

    def as_sql(self, compiler, connection=None):
        sqls, params = [], []
        for expr in self.source_expressions:
            sql, p = compiler.compile(expr, connection)
            sqls.append(sql)
            params.extend(p)
        return "(%s)" % ", ".join(sqls), params


class _ColumnTuple(Tuple):
    """The columns of a composite key or a ForeignObject, compiled already
    (the compiler's left-hand side); `field` names it in error messages."""

    def __init__(self, columns, field):
        super().__init__(*columns)
        self.field = field


def _subquery_query(rhs):
    """The _Query of a queryset, a Subquery or a _Query value, or None."""
    if isinstance(rhs, _Query):
        return rhs
    query = getattr(rhs, "query", None)
    return query if isinstance(query, _Query) else None


def _selected_width(query):
    """How many columns a subquery selects: its values() (a composite key
    counting each of its fields), else its model's primary key."""
    meta = query.model._meta
    if query.values_fields is None:
        return len(meta.pk.fields) if meta.is_composite_pk else 1
    width = 0
    for name in query.values_fields:
        pk = meta.pk if name == "pk" else None
        width += len(pk.fields) if pk is not None and meta.is_composite_pk else 1
    return width


class TupleLookupMixin:
    """Django's checks of a tuple lookup's value and its row-value SQL."""

    allows_composite_expressions = True

    def get_prep_lookup(self):
        if self.rhs_is_direct_value():
            self.check_rhs_is_tuple_or_list()
            self.check_rhs_length_equals_lhs_length()
        else:
            self.check_rhs_is_supported_expression()
        return self.rhs

    def rhs_is_direct_value(self):
        if isinstance(self.rhs, F) and not isinstance(self.rhs, OuterRef):
            return True  # unresolved, as Django's F: not an expression yet
        return not hasattr(self.rhs, "as_sql") and _subquery_query(self.rhs) is None

    def check_rhs_is_tuple_or_list(self):
        if not isinstance(self.rhs, (tuple, list)):
            raise ValueError(f"{self.lookup_name!r} lookup of {self.get_lhs_str()} "
                             "must be a tuple or a list")

    def check_rhs_length_equals_lhs_length(self):
        if len(self.lhs) != len(self.rhs):
            raise ValueError(f"{self.lookup_name!r} lookup of {self.get_lhs_str()} "
                             f"must have {len(self.lhs)} elements")

    def check_rhs_is_supported_expression(self):
        if not isinstance(self.rhs, OuterRef) and _subquery_query(self.rhs) is None:
            raise ValueError(
                f"{self.lookup_name!r} subquery lookup of {self.get_lhs_str()} "
                "only supports OuterRef and QuerySet objects (received "
                f"{type(self.rhs).__name__!r})")

    def get_lhs_str(self):
        field = getattr(self.lhs, "field", None)
        if field is not None:
            return repr(field.name)
        return "(%s)" % ", ".join(repr(getattr(e, "name", str(e))) for e in self.lhs)

    def get_prep_lhs(self):
        if isinstance(self.lhs, (tuple, list)):
            return Tuple(*self.lhs)
        return self.lhs

    def _fields(self, compiler):
        return [e.get_output_field(compiler) if hasattr(e, "get_output_field")
                else None for e in self.lhs]

    def _row(self, compiler, connection, values):
        """(sql, params) of one row of plain values (or expressions), each
        prepared for the field of its column."""
        sqls, params = [], []
        for field, value in zip(self._fields(compiler), values):
            sql, p = compiler._prep(field, value, connection)
            sqls.append(sql)
            params.extend(p)
        return "(%s)" % ", ".join(sqls), params

    def _check_width(self, query):
        width = _selected_width(query)
        if width != len(self.lhs):
            name = "exact" if self.lookup_name == "exact" else repr(self.lookup_name)
            raise ValueError(f"The QuerySet value for the {name} lookup must have "
                             f"{len(self.lhs)} selected fields (received {width})")

    def _subquery_sql(self, compiler, query):
        self._check_width(query)
        return compiler._tuple_subquery(query)

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            return self._row(compiler, connection, self.rhs)
        query = _subquery_query(self.rhs)
        if query is not None:
            return self._subquery_sql(compiler, query)
        columns = compiler._outer_ref_columns(self.rhs, len(self.lhs))
        if columns is None or len(columns) != len(self.lhs):
            if _checking_names(compiler):  # Django says so when the query runs
                return "(%s)" % ", ".join(["NULL"] * len(self.lhs)), []
            raise ValueError(
                "Composite field lookups only work with composite expressions.")
        return "(%s)" % ", ".join(columns), []

    def as_sql(self, compiler, connection=None):
        if not _row_values(compiler) and _subquery_query(self.rhs) is None:
            return self.get_fallback_sql(compiler, connection)
        lhs, lhs_params = compiler.compile(self.lhs, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return "%s %s %s" % (lhs, self.operator, rhs), lhs_params + rhs_params

    def _column_pairs(self, compiler, connection, values):
        """[(column sql, value sql, params)] of each column and its value (a
        plain value, an expression, or the outer query's column)."""
        if not isinstance(values, (tuple, list)):
            self.process_rhs(compiler, connection)  # Django's errors, then:
            values = [_RawSQL(c) for c in compiler._outer_ref_columns(
                self.rhs, len(self.lhs))]
        out = []
        for expr, field, value in zip(self.lhs, self._fields(compiler), values):
            lhs, lhs_params = compiler.compile(expr, connection)
            rhs, rhs_params = compiler.compile(value, connection) if isinstance(
                value, _RawSQL) else compiler._prep(field, value, connection)
            out.append((lhs, rhs, lhs_params + rhs_params))
        return out

    def get_fallback_sql(self, compiler, connection):
        """Without row values (supports_tuple_lookups off), Django's
        expansion: (a, b) > (x, y) is a > x OR (a = x AND b > y)."""
        pairs = self._column_pairs(compiler, connection, self.rhs)
        strict, _eq = self.fallback_operators
        sql, params = None, []
        for k, (lhs, rhs, p) in enumerate(reversed(pairs)):
            if k == 0:
                op = self.operator if self.lookup_name != "exact" else "="
                sql, params = "%s %s %s" % (lhs, op, rhs), p
                continue
            if strict is None:  # exact: every column equal
                sql, params = "%s = %s AND %s" % (lhs, rhs, sql), p + params
                continue
            sql = "%s %s %s OR (%s = %s AND (%s))" % (lhs, strict, rhs, lhs, rhs, sql)
            params = p + p + params
        return "(%s)" % sql, params

    fallback_operators = (None, "=")


class TupleExact(TupleLookupMixin, Exact):
    pass


class TupleGreaterThan(TupleLookupMixin, GreaterThan):
    fallback_operators = (">", "=")


class TupleGreaterThanOrEqual(TupleLookupMixin, GreaterThanOrEqual):
    fallback_operators = (">", "=")


class TupleLessThan(TupleLookupMixin, LessThan):
    fallback_operators = ("<", "=")


class TupleLessThanOrEqual(TupleLookupMixin, LessThanOrEqual):
    fallback_operators = ("<", "=")


class _RawSQL:
    """A column of the outer query, already written."""

    def __init__(self, sql):
        self.sql = sql

    def as_sql(self, compiler, connection=None):
        return self.sql, []


def _checking_names(compiler):
    """Whether this compiler (or one it is a subquery of) only checks names
    at filter() time."""
    while compiler is not None:
        if compiler.validating:
            return True
        compiler = compiler.outer
    return False


def _row_values(compiler):
    """Whether the database compares row values: (a, b) = (?, ?).  SQLite
    does; a test may turn the feature off to get Django's expansion."""
    return getattr(compiler.connection.features, "supports_tuple_lookups", True)


class TupleIsNull(TupleLookupMixin, IsNull):
    """Any column NULL (rhs True), or none (rhs False)."""

    def get_prep_lookup(self):
        rhs = self.rhs
        if isinstance(rhs, (tuple, list)) and len(rhs) == 1:
            rhs = rhs[0]
        return rhs  # not a bool: refused when the query runs, as IsNull

    def as_sql(self, compiler, connection=None):
        if not isinstance(self.rhs, bool) and not compiler.validating:
            raise ValueError(
                "The QuerySet value for an isnull lookup must be True or False.")
        parts, params = [], []
        for expr in self.lhs:
            sql, p = compiler.compile(expr, connection)
            parts.append("%s IS %sNULL" % (sql, "" if self.rhs else "NOT "))
            params.extend(p)
        return "(%s)" % (" OR " if self.rhs else " AND ").join(parts), params


class TupleIn(TupleLookupMixin, In):
    """(a, b) IN (VALUES (?, ?), ...), or IN (SELECT a, b ...)."""

    def get_prep_lookup(self):
        if self.rhs_is_direct_value():
            self.check_rhs_is_tuple_or_list()
            self.check_rhs_is_collection_of_tuples_or_lists()
            self.check_rhs_elements_length_equals_lhs_length()
        else:
            self.check_rhs_is_query()
            query = _subquery_query(self.rhs)
            if query.values_fields is not None:  # a width Django checks now
                self._check_width(query)
        return self.rhs

    def check_rhs_is_collection_of_tuples_or_lists(self):
        if not all(isinstance(vals, (tuple, list)) for vals in self.rhs):
            raise ValueError(f"{self.lookup_name!r} lookup of {self.get_lhs_str()} "
                             "must be a collection of tuples or lists")

    def check_rhs_elements_length_equals_lhs_length(self):
        if not all(len(self.lhs) == len(vals) for vals in self.rhs):
            raise ValueError(f"{self.lookup_name!r} lookup of {self.get_lhs_str()} "
                             f"must have {len(self.lhs)} elements each")

    def check_rhs_is_query(self):
        if _subquery_query(self.rhs) is None or not (
                isinstance(self.rhs, (_Query, Subquery)) or _is_queryset(self.rhs)):
            raise ValueError(
                f"{self.lookup_name!r} subquery lookup of {self.get_lhs_str()} must "
                f"be a Query object (received {type(self.rhs).__name__!r})")

    def as_sql(self, compiler, connection=None):
        query = _subquery_query(self.rhs)
        lhs, lhs_params = compiler.compile(self.lhs, connection)
        if query is not None:
            rhs, rhs_params = self._subquery_sql(compiler, query)
            return "%s IN %s" % (lhs, rhs), lhs_params + rhs_params
        # A row with a NULL matches nothing: left out, as Django does.
        rows = [vals for vals in self.rhs if not any(v is None for v in vals)]
        if not rows:
            return "0 = 1", []
        sqls, params = [], []
        if not _row_values(compiler):  # (a = x1 AND b = y1) OR (a = x2 AND ...)
            for vals in rows:
                pairs = self._column_pairs(compiler, connection, vals)
                sqls.append("(%s)" % " AND ".join(
                    "%s = %s" % (lhs, rhs) for lhs, rhs, _p in pairs))
                params.extend(p for _l, _r, ps in pairs for p in ps)
            return "(%s)" % " OR ".join(sqls), params
        for vals in rows:
            sql, p = self._row(compiler, connection, vals)
            sqls.append(sql)
            params.extend(p)
        return "%s IN (VALUES %s)" % (lhs, ", ".join(sqls)), lhs_params + params


tuple_lookups = {
    "exact": TupleExact,
    "gt": TupleGreaterThan,
    "gte": TupleGreaterThanOrEqual,
    "lt": TupleLessThan,
    "lte": TupleLessThanOrEqual,
    "in": TupleIn,
    "isnull": TupleIsNull,
}
