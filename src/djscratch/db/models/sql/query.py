"""The query object a QuerySet clones and changes
(django/db/models/sql/query.py), and the plain-query SQL cache.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler.
import djscratch

from djscratch.db.backends.sqlite import _interpolate


# -- The query and its compiler.


class _Query:
    """What a QuerySet asks for; the compiler turns it into SQL."""

    # Defaults live on the class, so that a new query costs four attributes.
    order_by = None  # None: Meta.ordering
    default_ordering = True
    standard_ordering = True
    low_mark, high_mark = 0, None
    distinct = False
    distinct_fields = ()
    select_related = False
    values_fields = None
    annotation_mask = None  # names of annotations selected by values()
    group_by = None
    deferred = (frozenset(), True)
    combinator = None
    combinator_all = False
    combined_queries = ()
    is_empty = False
    groups = 0
    hidden_select = ()  # columns selected only for a compound query's ORDER BY

    def __init__(self, model):
        self.model = model
        self.where = []  # [(Q, group)]: ANDed; group numbers multi-valued joins
        self.having = []
        self.annotations = {}

    def clone(self):
        import copy

        obj = copy.copy(self)
        obj.where = list(self.where)
        obj.having = list(self.having)
        obj.annotations = dict(self.annotations)
        if isinstance(self.select_related, dict):
            obj.select_related = copy.deepcopy(self.select_related)
        return obj

    def new_group(self):
        self.groups += 1
        return self.groups

    @property
    def is_sliced(self):
        return self.low_mark != 0 or self.high_mark is not None

    def set_limits(self, low=None, high=None):
        if high is not None:
            if self.high_mark is not None:
                self.high_mark = min(self.high_mark, self.low_mark + high)
            else:
                self.high_mark = self.low_mark + high
        if low is not None:
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low
        if self.low_mark == self.high_mark:
            self.is_empty = True

    def has_aggregates(self):
        return any(getattr(a, "contains_aggregate", False)
                   for a in self.annotations.values())

    def __str__(self):
        sql, params = djscratch.db.models.sql.compiler.SQLCompiler(self).as_sql()
        return _interpolate(sql, params)


#: _plain_query_key() -> (SELECT without LIMIT, params, select, layout)
_plain_sql_cache = {}

#: the _Query attributes a plain query may have set (the rest are defaults)
_PLAIN_QUERY_ATTRS = frozenset({
    "model", "where", "having", "annotations", "order_by", "default_ordering",
    "standard_ordering", "low_mark", "high_mark"})


def _plain_query_key(compiler):
    """Return a cache key if the query selects a model's rows plainly, else None.

    Plain: no filter, annotation, values(), select_related(), distinct or
    combination, not a subquery, and an ordering made of field names only, so
    that the SQL depends on nothing but the model and the ordering.
    """
    query = compiler.query
    if compiler.outer is not None or compiler.alias_prefix or \
            type(query) is not _Query or query.where or query.having or \
            query.annotations or not _PLAIN_QUERY_ATTRS.issuperset(vars(query)):
        return None
    order_by = query.order_by
    names = query.model._meta.ordering if order_by is None else order_by
    if not all(type(name) is str for name in names):
        return None
    # The ordering itself is in the key: Meta.ordering may be changed at run
    # time (Django's own tests do), and the SQL must follow.
    return (query.model, order_by is None, tuple(names), query.default_ordering,
            query.standard_ordering)


#: Join types (django.db.models.sql.constants).
INNER = "INNER JOIN"
LOUTER = "LEFT OUTER JOIN"


class Join:
    """A join as Django's query.alias_map records it.  djscratch's compiler
    writes its joins while it compiles (SQLCompiler.joins), so a query has no
    alias_map holding these; the class answers isinstance() checks."""

    def __init__(self, table_name, parent_alias, table_alias, join_type,
                 join_field, nullable, filtered_relation=None):
        self.table_name, self.parent_alias = table_name, parent_alias
        self.table_alias, self.join_type = table_alias, join_type
        self.join_field, self.nullable = join_field, nullable
        self.filtered_relation = filtered_relation
