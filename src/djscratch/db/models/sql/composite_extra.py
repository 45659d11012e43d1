"""CompositeCompilerMixin's methods a plain page's first response never runs: the
single file keeps them in a section, and CompositeCompilerMixin defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

from djscratch.core.exceptions import FieldError
from djscratch.db.utils import NotSupportedError
from djscratch.db.models.expressions import F, OrderBy, OuterRef
from djscratch.db.models.aggregates import Count
from djscratch.db.models.lookups import _CompiledLhs
from djscratch.db.models.tuple_lookups import _ColumnTuple, tuple_lookups
from djscratch.db.models.sql.composite import _is_tuple_field, _related_tuple_value


class _CompositeCompilerMore:
    """CompositeCompilerMixin's methods defined on first use (never instantiated)."""

    def _composite_aggregate_arg(self, alias, field, aggregate):
        """Count("comments") of a composite key counts its first column, as
        Django does; other aggregates refuse it with Django's messages."""
        if isinstance(aggregate, Count):
            if aggregate.distinct:
                raise ValueError(
                    "COUNT(DISTINCT) doesn't support composite primary keys")
            return self.column(alias, field.fields[0]), []
        raise ValueError("%s expression does not support composite primary keys."
                         % type(aggregate).__name__)

    def _composite_order(self, item):
        """order_by(F("pk")) / F("pk").desc() of a composite key as
        order_by("pk") / "-pk" (each of its columns); any other item as is."""
        expr, descending = item, False
        if isinstance(item, OrderBy):
            expr, descending = item.expression, item.descending
        if not isinstance(expr, F) or isinstance(expr, OuterRef) or not isinstance(
                expr.name, str) or self._tuple_select(expr.name) is None:
            return item
        return ("-" if descending else "") + expr.name

    def _tuple_columns(self, alias, field):
        """[(column sql, field, target)] of a composite key or a ForeignObject
        (its from_fields, with the to_fields they match)."""
        if getattr(field, "is_composite", False):
            return [(self.column(alias, f), f, f) for f in field.fields]
        return [(self.column(alias, f), f, t) for f, t in field._pairs()]

    def _tuple_lookup(self, alias, field, rest, value, group, negated, path_aliases):
        """A lookup on several columns at once (a CompositePrimaryKey, the
        reverse relation ending on one, a ForeignObject): Django's tuple
        lookups, as row values; return (sql, params, votes)."""
        name = rest[-1] if rest else "exact"
        if len(rest) > 1 or name not in tuple_lookups:
            raise NotSupportedError(
                "djscratch supports only the exact, in, gt, gte, lt, lte and isnull "
                "lookups on a %s (lookup %r); use the Django engine "
                "(DJSCRATCH_ENGINE=django)." % (type(field).__name__, "__".join(rest)))
        columns = self._tuple_columns(alias, field)
        related = field.is_relation or self.path_relation is not None
        if related:
            value = _related_tuple_value(value, name, [t for _c, _f, t in columns])
        if len(columns) == 1:  # a single-column ForeignObject: its column's lookup
            sql, f, target = columns[0]
            if name == "in" and isinstance(value, (list, tuple)):
                value = [v[0] for v in value]
            elif isinstance(value, tuple):
                value = value[0]
            lookup = self.build_lookup(_CompiledLhs(sql, [], target), name, value)
        else:
            if value is None and name == "exact":
                name, value = "isnull", True
            lhs = _ColumnTuple([_CompiledLhs(sql, [], f) for sql, f, _t in columns],
                               field)
            lookup = tuple_lookups[name](lhs, value)
        sql, params = self.compile(lookup, group)
        rejects_null = not negated and not (name == "isnull" and value)
        return sql, params, path_aliases if rejects_null else frozenset()

    def _tuple_subquery(self, query):
        """(sql, params) of a subquery selecting several columns (a
        composite key's, or values() of as many fields) for a tuple lookup."""
        query = query.clone()
        if query.values_fields is None:
            query.values_fields = ["pk"]
            query.annotation_mask = ()
        if not query.is_sliced:
            query.order_by = ()
            query.default_ordering = False
        sql, params = type(self)(query, outer=self).as_sql()
        return "(%s)" % sql, params

    def _ref_columns(self, name, group=None):
        """The column SQL of a name: several for a composite key or a
        ForeignObject, else one."""
        if name not in self.query.annotations:
            alias, field, rest, _m = self.setup_path(name.split("__"), group,
                                                     allow_annotation=False)
            if alias is not None and not rest and _is_tuple_field(field):
                return [sql for sql, _f, _t in self._tuple_columns(alias, field)]
        return [self.resolve_ref(name, group)[0]]

    def _tuple_select(self, name):
        """[(column sql, field)] of a values() name that is a composite key
        or a ForeignObject (Django returns a tuple of their values), or
        None for any other name."""
        if name in self.query.annotations:
            return None
        try:
            alias, field, rest, _m = self.setup_path(name.split("__"), None,
                                                     allow_annotation=False)
        except FieldError:
            return None
        if alias is None or rest or not _is_tuple_field(field):
            return None
        return [(sql, f) for sql, f, _t in self._tuple_columns(alias, field)]

    def check_values_name(self, name):
        """Raise FieldError when values() cannot select `name`."""
        if self._tuple_select(name) is None:
            self.compile_ref(name, None)

    @staticmethod
    def pack_rows(rows, packs):
        """Rows with each composite key's columns as one tuple."""
        out = []
        for row in rows:
            row = list(row)
            for start, width in reversed(packs):
                row[start:start + width] = [tuple(row[start:start + width])]
            out.append(row)
        return out

    def _outer_ref_columns(self, ref, width):
        """The outer query's columns an OuterRef names, or None for
        something else."""
        if not isinstance(ref, OuterRef):
            return None
        if self.outer is None:
            if self.validating:  # filter() checking names: no outer query yet
                return ["NULL"] * width
            raise ValueError("This queryset contains a reference to an outer query "
                             "and may only be used in a subquery.")
        if hasattr(ref.name, "as_sql"):
            return None
        return self.outer._ref_columns(ref.name)
