"""The query object a QuerySet clones and changes
(django/db/models/sql/query.py), and the SQL remembered per query shape
(_cached_sql(): filters by plain values compile their conditions again).
"""

import copy
import datetime

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler.
import djscratch

from djscratch.db.utils import NotSupportedError
from djscratch.db.models.expressions import F, OuterRef, Q
from djscratch.db.models.sql.where import _GroupedQ
from djscratch.db.models.query_utils import _lookup_caches
from djscratch.db.models.options import _expire_hooks
from djscratch.db.backends.sqlite import _interpolate


# -- The query and its compiler.


def _copy_query(query):
    """copy.copy(query) without copy's protocol lookups: a new object of
    the same class with the same attributes (a subclass, which could define
    copy hooks, goes through copy.copy)."""
    if type(query) is not _Query:
        return copy.copy(query)
    obj = object.__new__(_Query)
    obj.__dict__.update(query.__dict__)
    return obj


def _copy_tree(tree):
    """copy.deepcopy() of a select_related() tree: nested dicts copied as
    dicts, anything else deep-copied."""
    return {key: _copy_tree(value) if type(value) is dict else copy.deepcopy(value)
            for key, value in tree.items()}


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
    extra_tables = ()  # extra(tables=[...]): more tables in FROM
    extra_order_by = ()  # extra(order_by=[...]): may name "table.column"
    filtered_relations = {}  # name -> FilteredRelation (annotate() sets a copy)
    # name -> the join group an annotation reads its multi-valued relations
    # in: the last filter()'s before it (annotate() sets a copy), as Django's
    # annotations reuse the joins that exist when they are added.
    annotation_groups = {}
    alias_names = frozenset()  # annotations alias() made (not selectable)

    def __init__(self, model):
        self.model = model
        self.where = []  # [(Q, group)]: ANDed; group numbers multi-valued joins
        self.having = []
        self.annotations = {}

    def clone(self):
        if self.__class__ is not _Query:  # a subclass may define copy hooks
            obj = _copy_query(self)
            obj.where = list(self.where)
            obj.having = list(self.having)
            obj.annotations = dict(self.annotations)
        else:  # the same, in one dict copy (tests/test_fast_paths.py compares)
            obj = object.__new__(_Query)
            state = self.__dict__.copy()
            state["where"] = list(self.where)
            state["having"] = list(self.having)
            state["annotations"] = dict(self.annotations)
            obj.__dict__ = state
        if self.filtered_relations:
            obj.filtered_relations = dict(self.filtered_relations)
        # The select_related() tree is shared: QuerySet.select_related()
        # copies it before adding names (tests/test_fast_paths.py).
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
        if low:  # (0 leaves low_mark as it is: it is never above high_mark)
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low
        if self.low_mark == self.high_mark:
            self.is_empty = True

    def has_aggregates(self):
        return bool(self.annotations) and any(
            getattr(a, "contains_aggregate", False) for a in self.annotations.values())

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        """The compiler of this query for the database `using` (or
        `connection`), as Django's: get_compiler(qs.db).as_sql()."""
        if using is None and connection is None:
            raise ValueError("Need either using or connection")
        compiler = djscratch.db.models.sql.compiler.SQLCompiler(self)
        compiler.using = using if using is not None else connection.alias
        return compiler

    def __str__(self):
        sql, params = djscratch.db.models.sql.compiler.SQLCompiler(self).as_sql()
        return _interpolate(sql, params)

    def try_transform(self, lhs, name):
        """Return the transform `name` applied to `lhs`, or raise FieldError
        naming it (Django's Query.try_transform, which django-filter calls to
        resolve a lookup expression)."""
        compiler = djscratch.db.models.sql.compiler.SQLCompiler(self)
        return compiler.try_transform(lhs, name)


def _grouped_filters(where, group_of=None):
    """The filters of a query ANDed, each a _GroupedQ in its join group
    (`group_of` maps a group to another: the side of | that reuses the
    other's joins)."""
    children = [_GroupedQ.wrap(q, group_of(group) if group_of and group else group)
                for q, group in where]
    return Q.create(children)


def _replace_refs(expr, name, replacement):
    """`expr` with each F(name) in it replaced by `replacement` (a copy when
    one is found): annotate(x=F("x") + 1) reads the x annotated before."""
    import copy

    if isinstance(expr, F) and not isinstance(expr, OuterRef) and expr.name == name:
        return replacement
    if hasattr(expr, "query") or not hasattr(expr, "get_source_expressions"):
        return expr
    sources = expr.get_source_expressions()
    new = [None if e is None else _replace_refs(e, name, replacement)
           for e in sources]
    if all(a is b for a, b in zip(new, sources)):
        return expr
    expr = copy.copy(expr)
    expr.set_source_expressions(new)
    return expr


#: Value classes that are no expression: a lookup's value of one of these
#: exact classes reads no aggregate nor window (_refers_to_aggregate() and
#: _expr_has_window() answer at once; tests/test_fast_paths.py compares).
#: uuid.UUID and decimal.Decimal join when a UUIDField or a DecimalField is
#: made (_add_plain_value_class): their modules are some 3 ms of a start-up
#: that needs neither (uuid imports platform); such a value before that
#: takes the general walk.
_PLAIN_VALUE_CLASSES = {
    int, str, float, bool, bytes, type(None), datetime.datetime, datetime.date,
    datetime.time, datetime.timedelta}


def _add_plain_value_class(cls):
    """Count `cls` among _PLAIN_VALUE_CLASSES (UUIDField() and DecimalField()
    add theirs)."""
    _PLAIN_VALUE_CLASSES.add(cls)


#: (id of a model's concrete_fields, base alias) -> (the fields, their
#: "alias"."column" SQL): see _base_columns().
_BASE_COLUMNS = {}


def _base_columns(compiler, fields):
    """The SQL of `fields` (a model's concrete_fields, the model without
    parents) on the compiler's base alias, as SQLCompiler.column() writes
    them, remembered per fields tuple (a changed model has a new one) and
    alias when writing them joined no table; tests/test_fast_paths.py
    compares."""
    key = (id(fields), compiler.base_alias)
    found = _BASE_COLUMNS.get(key)
    if found is None or found[0] is not fields:
        joins = len(compiler.joins)
        columns = tuple(compiler.column(compiler.base_alias, f) for f in fields)
        if len(compiler.joins) != joins:  # a parent's table (a proxy's fields)
            return columns
        if len(_BASE_COLUMNS) >= 512:
            _BASE_COLUMNS.clear()
        found = _BASE_COLUMNS[key] = (fields, columns)
    return found[1]


#: Containers of plain values a filter's shape may hold (their length in it)
_PLAIN_SEQUENCE_CLASSES = frozenset([list, tuple, set, frozenset])

#: _plain_query_key() -> (SELECT without LIMIT, what _cached_sql() replays
#: for each condition (None: the shape compiles in full), select, layout,
#: row memo, {(low mark, high mark): the SELECT with its LIMIT})
_plain_sql_cache = {}


class _ShapeCacheClearer:
    """Forgets the SQL remembered per query shape when a lookup or transform
    is registered or unregistered, or a model's fields change (what a
    filter's names mean changes)."""

    @staticmethod
    def cache_clear():
        _plain_sql_cache.clear()


_lookup_caches.append(_ShapeCacheClearer)
_expire_hooks.append(_ShapeCacheClearer.cache_clear)

#: the _Query attributes a plain query may have set (the rest are defaults)
_PLAIN_QUERY_ATTRS = frozenset({
    "model", "where", "having", "annotations", "order_by", "default_ordering",
    "standard_ordering", "low_mark", "high_mark", "select_related", "groups",
    "values_fields", "annotation_mask"})


class RawQuery:
    """The SQL of Model.objects.raw() with its parameters; executed when
    iterated (cursor is None until then)."""

    def __init__(self, sql, using, params=()):
        self.params = params
        self.sql = sql
        self.using = using
        self.cursor = None
        self.low_mark, self.high_mark = 0, None
        self.extra_select = {}
        self.annotation_select = {}

    def chain(self, using):
        return self.clone(using)

    def clone(self, using):
        return RawQuery(self.sql, using, params=self.params)

    def get_columns(self):
        """The result's column names."""
        if self.cursor is None:
            self._execute_query()
        converter = djscratch.db.utils.connections[
            self.using].introspection.identifier_converter
        return [converter(column[0]) for column in self.cursor.description]

    def __iter__(self):
        self._execute_query()
        return iter(self.cursor.fetchall())

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    @property
    def params_type(self):
        """dict for named parameters, tuple for positional, None for none."""
        import collections.abc

        if self.params is None:
            return None
        return dict if isinstance(self.params, collections.abc.Mapping) else tuple

    def __str__(self):
        params_type = self.params_type
        if params_type is None:
            return self.sql
        return self.sql % params_type(self.params)

    def _execute_query(self):
        connection = djscratch.db.utils.connections[self.using]
        adapt = connection.ops.adapt_unknown_value
        params_type = self.params_type
        if params_type is tuple:
            params = tuple(adapt(value) for value in self.params)
        elif params_type is dict:
            params = {key: adapt(value) for key, value in self.params.items()}
        else:
            params = None
        self.cursor = connection.cursor()
        self.cursor.execute(self.sql, params)


def _plain_query_key(compiler, values=None, exists=False):
    """Return a cache key if the query selects a model's rows plainly, else None.

    Plain: no annotation, defer(), distinct or combination, not a subquery,
    values() of names if any, an ordering made of field names only, and no
    filter, or (when `values` is a list, which receives the filter's values
    in order) one made of Q objects and name=value conditions whose values
    are of the _PLAIN_VALUE_CLASSES (or short lists of them), so that the
    SQL depends on nothing but the model, the ordering, the select_related()
    names, the values() names and the filter's shape (its names, connectors,
    negations, join groups, its values' classes and lists' lengths);
    `exists`: the key of the exists() SQL.
    """
    query = compiler.query
    if query.__class__ is not _Query or compiler.outer is not None or \
            compiler.alias_prefix or query.having or query.annotations or \
            not query.__dict__.keys() <= _PLAIN_QUERY_ATTRS or \
            not compiler.split_subqueries:
        return None
    shape = ()
    if query.where:
        if values is None:
            return None
        shape = _where_shape(query.where, values)
        if shape is None:
            return None
    order_by = query.order_by
    names = query.model._meta.ordering if order_by is None else order_by
    for name in names:  # a loop: cheaper than all() over a generator here
        if name.__class__ is not str:
            return None
    related = query.select_related
    if related.__class__ is dict:
        related = _frozen_tree(related)
        if related is None:
            return None
    fields = query.values_fields
    if fields is not None:  # values(): the names, columns of the model's
        fields = tuple(fields)
        for name in fields:
            if type(name) is not str:
                return None
        if query.annotation_mask:
            return None
    # The ordering itself is in the key: Meta.ordering may be changed at run
    # time (Django's own tests do), and the SQL must follow.
    key = (query.model, order_by is None, tuple(names), query.default_ordering,
           query.standard_ordering, related, shape, compiler.using, fields)
    # exists(): keyed apart, and LIMIT 1 is in its SQL unless it is sliced
    return (key, "exists", query.is_sliced) if exists else key


def _where_shape(where, values):
    """The shape of a query's filter as a key (None: not a plain one), its
    values appended to `values` in the order compiling meets them."""
    shape = []
    for q, group in where:
        q_shape = _q_shape(q, values)
        if q_shape is None:
            return None
        shape.append((group, q_shape))
    return tuple(shape)


def _q_shape(q, values):
    """A Q tree's part of _where_shape() (None: not a plain one)."""
    cls = q.__class__
    if cls is not Q and cls is not _GroupedQ:
        return None
    children = []
    for child in q.children:
        if child.__class__ is tuple:
            if len(child) != 2 or child[0].__class__ is not str:
                return None
            value = child[1]
            kind = value.__class__
            if kind is bool:  # isnull=True and =False differ in more than a parameter
                kind = value
            elif kind not in _PLAIN_VALUE_CLASSES:
                # __in=[1, 2]: a list of plain values, of a length (in the SQL)
                if kind not in _PLAIN_SEQUENCE_CLASSES or len(value) > 100:
                    return None
                for item in value:
                    if item.__class__ not in _PLAIN_VALUE_CLASSES:
                        return None
                kind = (kind, len(value))
            values.append(value)
            children.append((child[0], kind))
        else:
            child = _q_shape(child, values)
            if child is None:
                return None
            children.append(child)
    return (cls, q.connector, q.negated, getattr(q, "join_group", None),
            tuple(children))


def _cached_sql(compiler, key, values, build, *args):
    """(sql, params, {marks: the SQL with its LIMIT} or None) of a query
    whose _plain_query_key() is `key` (its filter's `values`), as
    build(*args) gives it without LIMIT; None: build it in full.

    The first build records each condition's compiled left-hand side; then
    the SQL (and layout) is reused, and each condition's lookup is built and
    compiled again with the new value, as compiling does, for its
    parameters.  A condition whose SQL (or the joins it needs) comes out
    different for a value (None, a list's length, ...) makes the query
    compile in full.
    """
    cached = _plain_sql_cache.get(key)
    if cached is None:
        compiler._recording = records = []
        try:
            sql, params = build(*args)
        finally:
            del compiler._recording
        if sql is None or len(records) != len(values) or None in records or \
                [p for r in records for p in r[2]] != params:
            records = None  # (parameters of its own: compile it each time)
        else:
            records = tuple((state, sql_, votes) for state, sql_, _p, votes in records)
        cached = (sql, records, compiler.__dict__.get("select"),
                  compiler.__dict__.get("layout"), {}, {})
        if len(_plain_sql_cache) >= 256:  # test suites make many models
            _plain_sql_cache.clear()
        _plain_sql_cache[key] = cached
        if records is None:
            return sql, params, None
    else:
        records = cached[1]
        if records is None:
            return None
        params = []
        if values:  # (none for a query without a filter)
            for (state, sql_, votes), value in zip(records, values):
                found = compiler._finish_lookup(state, value)
                if found[0] != sql_ or found[2] != votes:
                    return None
                params += found[1]
    compiler.select, compiler.layout, compiler.row_memo = cached[2:5]
    return cached[0], params, cached[5]


class _ConditionReplay:
    """SQLCompiler's end of compiling one filter condition from its built
    left-hand side: _compile_lookup() calls it, and _cached_sql() calls it
    again with a new value for a condition it remembers."""

    #: While _cached_sql() builds a query: per condition, what
    #: _finish_lookup() needs to compile it again, and what it gave.
    _recording = None

    def _finish_lookup(self, state, value):
        """_compile_lookup()'s (sql, params, joins needing a row) from `state`."""
        found, group, negated, nullable, alias, lhs_sql, lhs_params, votes = state
        lookup = self._new_lookup(*found, value)
        sql, params = self.compile(lookup, group)  # an application's: Django's way
        if negated and nullable and lookup.lookup_name != "isnull" and \
                value is not None:
            if alias is None:  # a column's own test, not its transform's
                lhs_sql, lhs_params = self.compile(lookup.lhs, group)
            sql = "(%s AND %s IS NOT NULL)" % (sql, lhs_sql)
            params = params + lhs_params
        rejects_null = not negated and not (
            lookup.lookup_name == "isnull" and lookup.rhs)
        return sql, params, votes if rejects_null else frozenset()


def _with_limits(compiler, sql, params, limited):
    """(sql, params) with the query's LIMIT, remembered in `limited` (the
    same string each time: its hash is kept) unless that is None."""
    query = compiler.query
    if not query.low_mark and query.high_mark is None:
        return sql, params
    if limited is None:
        return sql + " " + _limit_sql(query), params
    marks = (query.low_mark, query.high_mark)
    found = limited.get(marks)
    if found is None:
        if len(limited) >= 64:  # (pages of a long list)
            limited.clear()
        found = limited[marks] = sql + " " + _limit_sql(query)
    return found, params


def _limit_sql(query):
    """The LIMIT/OFFSET clause of a sliced query ("" when not sliced)."""
    if not query.low_mark and query.high_mark is None:  # not is_sliced
        return ""
    if query.high_mark is not None:
        sql = "LIMIT %d" % (query.high_mark - query.low_mark)
    else:
        sql = "LIMIT -1"
    if query.low_mark:
        sql += " OFFSET %d" % query.low_mark
    return sql


def _frozen_tree(tree):
    """A select_related() tree as nested tuples in its order (a cache key),
    or None when it holds anything but names and dicts."""
    if not tree:  # (a leaf: most are)
        return ()
    items = []
    for key, value in tree.items():
        if key.__class__ is not str or value.__class__ is not dict:
            return None
        if value:
            value = _frozen_tree(value)
            if value is None:
                return None
        else:  # a leaf, without a call
            value = ()
        items.append((key, value))
    return tuple(items)


# -- Names of Django's SQL layer that code imports.


def get_field_names_from_opts(opts):
    """Every name a lookup may start with: each field's name, and the attname
    of a concrete one (author and author_id)."""
    if opts is None:
        return set()
    names = set()
    for field in opts.get_fields():
        names.add(field.name)
        if getattr(field, "concrete", False):
            names.add(field.attname)
    return names


class _RefusedSQLInternal:
    """An internal of Django's SQL layer that djscratch's compiler has no
    counterpart for: importable, refused when used."""

    def __init__(self, *args, **kwargs):
        raise NotSupportedError(
            "djscratch does not implement django.db.models.sql.%s (an internal of "
            "Django's SQL compiler); use the QuerySet API, or the Django engine "
            "(DJSCRATCH_ENGINE=django)." % type(self).__name__)


class JoinPromoter(_RefusedSQLInternal):
    """Django's join promotion (INNER to LEFT OUTER); refused."""


class InsertQuery(_RefusedSQLInternal):
    """Django's INSERT query object; refused (use Model.save or bulk_create)."""


class Join(_RefusedSQLInternal):
    """Django's join in a query's alias map (sql.datastructures); refused."""


class BaseTable(_RefusedSQLInternal):
    """Django's base table in a query's alias map (sql.datastructures); refused."""
