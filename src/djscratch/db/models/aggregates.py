"""Aggregate, Count, Sum, Avg, Min, Max
(django/db/models/aggregates.py).
"""

from djscratch.db.models.fields import IntegerField
from djscratch.db.models.fields_extra import DecimalField, DurationField, FloatField
from djscratch.db.models.expressions import _group_of, Expression, F, Func, Value

__all__ = [
    "Aggregate", "Count", "Sum", "Avg", "Min", "Max", "StdDev", "Variance",
]


class Aggregate(Func):
    """An SQL aggregate: Count("comment", distinct=True, filter=Q(...))."""

    contains_aggregate = True
    name = None
    allow_distinct = False

    template = "%(function)s(%(distinct)s%(expressions)s)"
    filter_template = "%s FILTER (WHERE %%(filter)s)"
    window_compatible = True
    empty_result_set_value = None

    def __init__(self, *expressions, distinct=False, filter=None, default=None,
                 **extra):
        if distinct and not self.allow_distinct:
            raise TypeError("%s does not allow distinct." % type(self).__name__)
        if default is not None and self.empty_result_set_value is not None:
            raise TypeError("%s does not allow default." % type(self).__name__)
        super().__init__(*expressions, **extra)
        self.distinct = distinct
        self.filter = filter
        self.default = default

    def get_source_expressions(self):
        return self.source_expressions

    def _get_repr_options(self):
        """distinct and filter show in repr(), as Django's."""
        options = super()._get_repr_options()
        if self.distinct:
            options["distinct"] = self.distinct
        if self.filter:
            options["filter"] = self.filter
        return options

    def as_sql(self, compiler, connection=None, **extra_context):
        group = _group_of(compiler, connection)
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group, aggregate_arg=self)
            sqls.append(sql)
            params.extend(p)
        data = {**self.extra, **extra_context}
        data.setdefault("function", self.function)
        data["distinct"] = "DISTINCT " if self.distinct else ""
        template = data.pop("template", None) or self.template
        arg_joiner = data.pop("arg_joiner", None) or self.arg_joiner
        data["expressions"] = data["field"] = arg_joiner.join(sqls)
        if self.filter:  # an empty Q() filters nothing, as in Django
            split, compiler.split_subqueries = compiler.split_subqueries, False
            try:  # each joined row is tested: no subquery for ~Q(many__x=v)
                fsql, fparams = compiler.compile_q(self.filter, group) if hasattr(
                    self.filter, "children") else compiler.compile(self.filter, group)
            finally:
                compiler.split_subqueries = split
            if fsql:
                data["filter"] = fsql
                template = self.filter_template % template
                sql = template % data
                params.extend(fparams)
            else:
                sql = template % data
        else:
            sql = template % data
        if self.default is not None:
            dsql, dparams = compiler.compile(
                self.default if hasattr(self.default, "as_sql")
                else Value(self.default), group)
            return "COALESCE(%s, %s)" % (sql, dsql), params + dparams
        return sql, params

    @property
    def default_alias(self):
        expressions = self.source_expressions
        if len(expressions) == 1 and isinstance(expressions[0], F):
            return "%s__%s" % (expressions[0].name, self.name.lower())
        raise TypeError("Complex expressions require an alias")


class Count(Aggregate):
    arity = 1
    function = "COUNT"
    name = "Count"
    allow_distinct = True

    def __init__(self, expression, filter=None, **extra):
        if expression == "*":
            expression = _Star()
        if isinstance(expression, _Star) and filter is not None:
            raise ValueError("Star cannot be used with filter. Please specify a field.")
        super().__init__(expression, filter=filter, **extra)

    output_field = IntegerField()
    empty_result_set_value = 0

    @property
    def default_alias(self):
        e = self.source_expressions[0]
        if isinstance(e, F):
            return "%s__count" % e.name
        raise TypeError("Complex expressions require an alias")


class _Star(Expression):
    def __repr__(self):
        return "'*'"

    def as_sql(self, compiler, group=None, **kwargs):
        return "*", []


class Sum(Aggregate):
    arity = 1
    function = "SUM"
    name = "Sum"
    allow_distinct = True


class Avg(Aggregate):
    arity = 1
    function = "AVG"
    name = "Avg"
    allow_distinct = True

    def get_output_field(self, compiler=None):
        field = super().get_output_field(compiler)
        # Decimals stay decimals and durations durations (the average of
        # microseconds); integers and the rest average to floats.
        if isinstance(field, (DecimalField, DurationField)) or \
                self._explicit_output_field() is not None:
            return field
        return FloatField()


class StdDev(Avg):
    """The standard deviation: of the population, or with sample=True of a
    sample (SQLite gets the functions from the connection, as in Django)."""

    name = "StdDev"
    allow_distinct = False

    def __init__(self, expression, sample=False, **extra):
        self.function = "STDDEV_SAMP" if sample else "STDDEV_POP"
        super().__init__(expression, **extra)

    def _get_repr_options(self):
        return {**super()._get_repr_options(), "sample": self.function.endswith("SAMP")}


class Variance(Avg):
    """The variance: of the population, or with sample=True of a sample."""

    name = "Variance"
    allow_distinct = False

    def __init__(self, expression, sample=False, **extra):
        self.function = "VAR_SAMP" if sample else "VAR_POP"
        super().__init__(expression, **extra)

    def _get_repr_options(self):
        return {**super()._get_repr_options(), "sample": self.function.endswith("SAMP")}


class Min(Aggregate):
    arity = 1
    function = "MIN"
    name = "Min"


class Max(Aggregate):
    arity = 1
    function = "MAX"
    name = "Max"
