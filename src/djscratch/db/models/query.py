"""QuerySet (django/db/models/query.py): lazy, chainable, immutable; every method
clones, then changes the clone.  Prefetch lives in db/models/prefetch.py."""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.raw, db.models.deletion, db.models.manager,
# db.models.related.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.asgiref_fallback import _asgiref_sync, _awaitable_method

from djscratch.core.signals import post_init
from djscratch.core.exceptions import FieldDoesNotExist, FieldError
from djscratch.conf import settings
from djscratch.db.utils import (
    _router, connections, DEFAULT_DB_ALIAS, DJANGO_VERSION_PICKLE_KEY,
    NotSupportedError,
)
from djscratch.db.utils_extra import _raise_db_error
from djscratch.db.backends.sqlite import (
    _sqlite_integer_range, check_alias, quote_name,
)
from djscratch.db.models.utils import create_namedtuple_class
from djscratch.db.models.fields import IntegerField
from djscratch.db.models.base import (
    _check_pickled_version, _new_pk, _set_returned, Model,
)
from djscratch.utils.version import _VERSION_STRING
from djscratch.db.models.expressions import (
    Case, Expression, F, Q, Subquery, Value, When,
)
from djscratch.db.models.lookups import _LOOKUP_NAMES
from djscratch.db.models.rows import (
    _compile_row_builder, _custom_from_db, _model_rows, _plan_converters, _values_dicts,
)
from djscratch.db.models.iterables import _ITERABLE_CLASSES, BaseIterable
from djscratch.db.models.sql.query import (
    _Query,
)
from djscratch.db.models.sql.where import _ExtraSelect
from djscratch.db.models.sql.compiler import (
    _has_outer_ref, cursor_iter, SQLCompiler,
)
from djscratch.db.models.prefetch import Prefetch, prefetch_related_objects

__all__ = [
    "QuerySet", "Prefetch",
]


def _add_extra_select(query, select, select_params):
    """Add extra(select=...) columns to `query` as Django does: each "%s"
    (not "%%s") of an entry takes the next of `select_params`."""
    import re

    param_iter = iter(select_params or ())
    for name, entry in select.items():
        check_alias(name)
        entry = str(entry)
        entry_params = [next(param_iter)
                        for _ in re.finditer(r"(?<!%)%s", entry)]
        query.annotations[name] = _ExtraSelect(entry, entry_params)
        if query.annotation_mask is not None:
            query.annotation_mask = tuple(query.annotation_mask) + (name,)
            if query.values_fields is not None:
                query.values_fields = list(query.values_fields) + [name]


# -- QuerySet: lazy, chainable, immutable.  Every method clones, then changes
#    the clone; rows are fetched once, on first evaluation, and cached.

MAX_GET_RESULTS = 21
REPR_OUTPUT_SIZE = 20


def _plain_order_name(query, name):
    """Whether order_by(name) needs no check: `name` is a field of the model
    that is not a relation, which SQLCompiler.setup_path() accepts at once
    (tests/test_fast_paths.py compares)."""
    if "__" in name or name in query.filtered_relations:
        return False
    field = query.model._meta._forward_fields_map.get(name)
    return field is not None and not getattr(field, "is_relation", False)


def _check_order_arguments(query, field_names):
    """Raise FieldError for what order_by() refuses: an argument that is no
    name nor expression, an aggregate not annotated, a name that does not
    resolve."""
    invalid = [name for name in field_names
               if not isinstance(name, str) and not hasattr(name, "as_sql")]
    if invalid:
        raise FieldError("Invalid order_by arguments: %s" % invalid)
    for name in field_names:
        if getattr(name, "contains_aggregate", False) is True:
            raise FieldError("Using an aggregate in order_by() without also "
                             "including it in annotate() is not allowed: %s" % name)
        if isinstance(name, str) and name != "?":
            bare = name.removeprefix("-")
            if not _plain_order_name(query, bare):
                _check_order_name(query, bare)


def _check_order_name(query, bare):
    """Raise FieldError if order_by()'s name `bare` (its "-" removed) that is
    no plain field (_plain_order_name()) resolves to nothing; an annotation
    needs no check."""
    annotations = query.annotations
    if bare not in annotations and not query.combinator and \
            bare.split("__")[0] not in annotations:  # "n__abs"
        SQLCompiler(query).setup_path(bare.split("__"), None, allow_annotation=False)


#: Q()'s keyword options, refused as filter(**kwargs) names (CVE-2025-64459).
_PROHIBITED_FILTER_KWARGS = frozenset(["_connector", "_negated"])



def _integer_overflow_empties(opts, kwargs):
    """Whether a filter() keyword compares an integer field with a value its
    column cannot hold so that no row matches (value=2**63, value__gt=max,
    value__lt=min), or asks for a value in an empty list (or only None), as
    Django's EmptyResultSet: the query is never run."""
    empties = {"exact": "both", "gt": "over", "gte": "over", "lt": "under",
               "lte": "under"}
    for key, value in kwargs.items():
        if key.endswith("__in") and isinstance(value, (list, tuple, set, frozenset)) \
                and all(v is None or isinstance(v, tuple) and None in v and
                        key == "pk__in" and opts.is_composite_pk for v in value):
            return True  # __in=[] or [None] (a key's (None, 1)): NULL equals nothing
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        name, _, lookup = key.partition("__")
        side = empties.get(lookup or "exact")
        if side is None:
            continue
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation:
            continue
        low, high = _sqlite_integer_range(field.get_internal_type())
        if low is None:
            continue
        if (value > high and side in ("both", "over")) or (
                value < low and side in ("both", "under")):
            return True
    return False


def _any_expression_value(objs, attnames):
    """Whether any of `objs` holds an expression in `attnames` (one pass over
    the values, no list per object: bulk_create asks it of every row)."""
    expression = Expression
    return any(isinstance(value, expression)
               for d in (o.__dict__ for o in objs)
               for value in map(d.get, attnames))


def _foreign_object_update(field, value):
    """update(user=obj) of a ForeignObject: [(from field, obj's to value)]."""
    pairs = field._pairs()
    if value is None:
        return [(f, None) for f, _t in pairs]
    if isinstance(value, Model):
        if not value._is_pk_set():
            raise ValueError("Unsaved model instance %r cannot be used in an ORM "
                             "query." % value)
        return [(f, getattr(value, t.attname)) for f, t in pairs]
    if hasattr(value, "resolve_expression") or len(pairs) == 1:
        if len(pairs) != 1:
            raise FieldError("Cannot update model field %r (only non-relations and "
                             "foreign keys permitted)." % field)
        return [(pairs[0][0], value)]
    return [(f, v) for (f, _t), v in zip(pairs, value)]


def _pk_fields(opts):
    """The fields of a composite primary key (none for a single one)."""
    return opts.pk.fields if opts.is_composite_pk else ()


def _check_bulk_create_options(opts, ignore_conflicts, update_conflicts,
                               update_fields, unique_fields):
    """bulk_create()'s refusals of its conflict options, as Django words them
    (unknown field names raise FieldDoesNotExist)."""
    unique = [opts.get_field(opts.pk.name if name == "pk" else name)
              for name in unique_fields or ()]
    updated = [opts.get_field(name) for name in update_fields or ()]
    if ignore_conflicts and update_conflicts:
        raise ValueError("ignore_conflicts and update_conflicts are mutually "
                         "exclusive.")
    if not update_conflicts:
        return
    if not updated:
        raise ValueError("Fields that will be updated when a row insertion fails on "
                         "conflicts must be provided.")
    if not unique:  # SQLite's ON CONFLICT takes its target
        raise ValueError("Unique fields that can trigger the upsert must be "
                         "provided.")
    if any(not f.concrete or f.many_to_many for f in updated):
        raise ValueError("bulk_create() can only be used with concrete fields in "
                         "update_fields.")
    if any(f.primary_key or f in _pk_fields(opts) for f in updated):
        raise ValueError("bulk_create() cannot be used with primary keys in "
                         "update_fields.")
    if any(not f.concrete or f.many_to_many for f in unique):
        raise ValueError("bulk_create() can only be used with concrete fields in "
                         "unique_fields.")


def _insert_each(db, model, objs, plan, pk_set, verb, conflict):
    """bulk_create() of rows some of whose values are expressions: one INSERT
    per row, each expression compiled in place of its parameter."""
    opts = model._meta
    for obj in objs:
        values = [obj.__dict__[attname] if plain else field.pre_save(obj, True)
                  for field, attname, plain, _prep in plan]
        sql, params = djscratch.db.models.base._insert_sql_with_expressions(
            model, plan, values)
        sql = sql.replace(" RETURNING ", " %s RETURNING " % conflict.strip(), 1) \
            if conflict and " RETURNING " in sql else sql + conflict
        if verb != "INSERT":
            sql = sql.replace("INSERT", verb, 1)
        cursor = db._execute(sql, params)
        if not pk_set and cursor.lastrowid:
            obj.__dict__[opts.pk.attname] = _new_pk(opts, cursor.lastrowid)
        if opts._returning_fields and " RETURNING " in sql:
            _set_returned(obj, opts._returning_fields, cursor.fetchone())


def _resolve_database_defaults(db, model, objs):
    """bulk_create() on SQLite (no DEFAULT keyword in a multi-row INSERT): each
    DatabaseDefault becomes the field's db_default, an expression's value
    asked of the database once, as Django does."""
    fields = [f for f in model._meta.concrete_fields if f.has_db_default()]
    if not fields:
        return
    database_default = djscratch.db.models.expressions.DatabaseDefault
    values = {}
    for obj in objs:
        for field in fields:
            if not isinstance(obj.__dict__.get(field.attname), database_default):
                continue
            if field not in values:
                values[field] = _database_default_value(db, model, field)
            obj.__dict__[field.attname] = values[field]


def _database_default_value(db, model, field):
    expression = field._db_default_expression
    if isinstance(expression, djscratch.db.models.expressions.Value):
        return expression.value
    sql, params = SQLCompiler(djscratch.db.models.sql.query._Query(model)).compile(
        expression)
    value = db._execute("SELECT %s" % sql, params).fetchone()[0]
    converter = field.get_db_converter()
    return converter(value) if converter and value is not None else value

# The methods a plain page never runs are in query_extra.py, defined on first
# use.
@_methods_on_first_use("_QuerySetMore", (
    "_add_hints", "_check_operator_queryset",
    "_check_ordering_first_last_queryset_aggregation", "_combinator_query",
    "_combined_names", "_distinct_truncated", "_earliest", "_either",
    "_extract_model_params", "_filter_or_exclude", "_iterator",
    "_merge_known_related_objects", "_merge_sanity_check",
    "_not_support_combined_queries", "_raw_delete", "_update_tables", "_values",
    "aggregate", "aiterator", "alias", "annotate", "bulk_create", "bulk_update",
    "complex_filter", "contains", "create", "dates", "datetimes", "defer",
    "difference", "distinct", "earliest", "exclude", "exists", "explain", "extra",
    "filter", "first", "get_or_create", "in_bulk", "intersection", "iterator",
    "last", "latest", "none", "only", "order_by", "prefetch_related", "raw",
    "reverse", "select_for_update", "select_related", "union", "update",
    "update_or_create", "using", "values", "values_list",
))
class QuerySet:
    """A lazy database query over one model (Django's QuerySet API).

    Building a queryset runs no SQL; iterating, len(), bool(), repr() or
    indexing does, once, and the rows are cached on the queryset.
    """

    # The state a new queryset starts with that no method changes in place
    # lives on the class (a method sets its own value on the instance).
    _result_cache = None
    _iterable = "model"
    _flat = False
    _named = False
    _prefetch_related_lookups = ()
    _prefetch_done = False
    _fields = None
    _for_write = False

    def __init__(self, model=None, query=None, using=None, hints=None):
        self.model = model
        self._db = using
        self._hints = hints or {}
        self._query = query if query is not None else _Query(model)
        self._known_related_objects = {}

    @property
    def query(self):
        return self._query

    @query.setter
    def query(self, value):
        self._query = value

    def as_manager(cls):
        manager = djscratch.db.models.manager.Manager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True
    as_manager = classmethod(as_manager)

    # -- The async API: each a<method> is <method> through sync_to_async.

    aaggregate = _awaitable_method("aggregate")
    acount = _awaitable_method("count")
    aget = _awaitable_method("get")
    acreate = _awaitable_method("create", alters_data=True)
    abulk_create = _awaitable_method("bulk_create", alters_data=True)
    abulk_update = _awaitable_method("bulk_update", alters_data=True)
    aget_or_create = _awaitable_method("get_or_create", alters_data=True)
    aupdate_or_create = _awaitable_method("update_or_create", alters_data=True)
    aearliest = _awaitable_method("earliest")
    alatest = _awaitable_method("latest")
    afirst = _awaitable_method("first")
    alast = _awaitable_method("last")
    ain_bulk = _awaitable_method("in_bulk")
    adelete = _awaitable_method("delete", alters_data=True)
    adelete.queryset_only = True
    aupdate = _awaitable_method("update", alters_data=True)
    aexists = _awaitable_method("exists")
    acontains = _awaitable_method("contains")
    aexplain = _awaitable_method("explain")

    def __aiter__(self):
        """`async for obj in queryset`: the rows are fetched in a thread."""
        async def generator():
            await _asgiref_sync().sync_to_async(self._fetch_all)()
            for item in self._result_cache:
                yield item
        return generator()

    # -- cloning and evaluation

    #: True on a queryset a manager made for one call of a method that
    #: changes a copy of it: that call's _chain() takes it as its own copy
    #: (db/models/manager.py, _fresh_manager_method()).
    _fresh = False

    def _clone(self):
        if self._fresh:
            del self._fresh  # (no trace of it left on the queryset)
            return self
        c = self.__class__.__new__(self.__class__)
        # One dict copy with the four attributes that differ, written over.
        state = self.__dict__.copy()
        state["_query"] = self._query.clone()
        state["_result_cache"] = None
        state["_prefetch_done"] = False
        known = self._known_related_objects
        state["_known_related_objects"] = dict(known) if known else {}
        c.__dict__ = state
        return c

    _chain = _clone

    @property
    def _iterable_class(self):
        mode = (self._iterable, self._flat, self._named)
        custom = self.__dict__.get("_custom_iterable_class")
        if custom is not None and custom.mode == mode:
            return custom
        return _ITERABLE_CLASSES[mode]

    @_iterable_class.setter
    def _iterable_class(self, cls):
        self._iterable, self._flat, self._named = cls.mode
        self._custom_iterable_class = None if cls in _ITERABLE_CLASSES.values() \
            else cls

    def _fetch_all(self):
        if self._result_cache is None:
            custom = self.__dict__.get("_custom_iterable_class")
            if custom is not None and custom.__iter__ is not BaseIterable.__iter__ \
                    and custom.mode == (self._iterable, self._flat, self._named):
                self._result_cache = list(self._iterable_class(self))
            else:
                self._result_cache = self._fetch_rows()
        if self._prefetch_related_lookups and not self._prefetch_done:
            prefetch_related_objects(self._result_cache,
                                     *self._prefetch_related_lookups)
            self._prefetch_done = True

    def _fetch_rows(self, chunk_size=None):
        """The results: a list, or with `chunk_size` (iterator()) lists of
        that many read from the cursor as they are asked for."""
        query = self._query
        if query.is_empty and not query.combinator:
            return [] if chunk_size is None else iter(())
        compiler = SQLCompiler(query)
        sql, params = compiler.as_sql()
        alias = self.db  # (the router asked once)
        cursor = connections[alias]._execute(sql, params)
        if chunk_size is not None:
            return (self._results(compiler, rows, alias) for rows in cursor_iter(
                cursor, [], None, chunk_size))
        return self._results(compiler, cursor.fetchall(), alias)

    def _results(self, compiler, rows, alias=None):
        """Rows as this queryset's results (objects, dicts or tuples), read
        from the database `alias` (default: self.db)."""
        if alias is None:
            alias = self.db
        hidden = compiler.hidden_count
        if hidden:
            rows = [row[:-hidden] for row in rows]
        mode = self._iterable
        if mode == "model":
            return _model_rows(self, compiler, rows, alias)
        converters = [(i, c) for i, (_s, _p, c) in enumerate(compiler.select) if c]
        if converters:
            converted = []
            for row in rows:
                row = list(row)
                for i, conv in converters:
                    if row[i] is not None:
                        row[i] = conv(row[i])
                converted.append(row)
            rows = converted
        if compiler.layout.get("packs"):  # a composite key's columns: one tuple
            rows = compiler.pack_rows(rows, compiler.layout["packs"])
        names = compiler.layout.get("names") or self._combined_names(compiler)
        if mode == "values":
            return _values_dicts(names, rows)
        if self._flat:
            return [row[0] for row in rows]
        if self._named:
            row_class = create_namedtuple_class(*names)  # pickles, as Django's
            return [row_class(*row) for row in rows]
        return [tuple(row) for row in rows]

    def __len__(self):
        self._fetch_all()
        return len(self._result_cache)

    def __iter__(self):
        self._fetch_all()
        return iter(self._result_cache)

    def __bool__(self):
        self._fetch_all()
        return bool(self._result_cache)

    def __repr__(self):
        data = list(self[:REPR_OUTPUT_SIZE + 1])
        if len(data) > REPR_OUTPUT_SIZE:
            data[-1] = "...(remaining elements truncated)..."
        return "<%s %r>" % (type(self).__name__, data)

    def __getstate__(self):
        self._fetch_all()
        return {**self.__dict__, DJANGO_VERSION_PICKLE_KEY: _VERSION_STRING}

    def __setstate__(self, state):
        _check_pickled_version(state, "queryset")
        self.__dict__.update(state)

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def __deepcopy__(self, memo):
        obj = self.__class__.__new__(self.__class__)
        for k, v in self.__dict__.items():
            obj.__dict__[k] = None if k == "_result_cache" else v
        obj._query = self._query.clone()
        return obj

    def __getitem__(self, k):
        """Index or slice: a slice becomes LIMIT/OFFSET (lazily)."""
        if k.__class__ is slice and self._result_cache is None:
            start, stop = k.start, k.stop  # the checks below, for a slice
            if (start is None or start >= 0) and (stop is None or stop >= 0):
                qs = self._chain()
                qs._query.set_limits(None if start is None else int(start),
                                     None if stop is None else int(stop))
                return list(qs)[::k.step] if k.step else qs
        if not isinstance(k, (int, slice)):
            raise TypeError("QuerySet indices must be integers or slices, not %s."
                            % type(k).__name__)
        if (isinstance(k, int) and k < 0) or (isinstance(k, slice) and (
                (k.start is not None and k.start < 0) or
                (k.stop is not None and k.stop < 0))):
            raise ValueError("Negative indexing is not supported.")
        if self._result_cache is not None:
            return self._result_cache[k]
        if isinstance(k, slice):
            qs = self._chain()
            start = int(k.start) if k.start is not None else None
            stop = int(k.stop) if k.stop is not None else None
            qs._query.set_limits(start, stop)
            return list(qs)[::k.step] if k.step else qs
        qs = self._chain()
        qs._query.set_limits(k, k + 1)
        qs._fetch_all()
        return qs._result_cache[0]

    def __and__(self, other):
        self._check_operator_queryset(other, "&")
        self._merge_sanity_check(other)
        if isinstance(other, EmptyQuerySet) or other.query.is_empty:
            return other
        if self.query.is_empty:
            return self
        if self.query.is_sliced or other.query.is_sliced:
            raise TypeError("Cannot combine queries once a slice has been taken.")
        combined = self._chain()
        # Each side keeps its own multi-valued joins (Django recreates the
        # other side's joins under AND): its join groups come after ours.
        offset = combined._query.groups
        combined._query.where.extend(
            (q, group + offset if group else group) for q, group in other.query.where)
        combined._query.groups = offset + other.query.groups
        combined._merge_known_related_objects(other)
        return combined

    def __or__(self, other):
        self._check_operator_queryset(other, "|")
        return self._either(other, Q.OR)

    def __xor__(self, other):
        """The rows in exactly one of the two querysets (Django's ^)."""
        self._check_operator_queryset(other, "^")
        return self._either(other, Q.XOR)

    # -- methods returning new querysets

    def all(self):
        return self._chain()

    def count(self):
        """Return the number of rows (SELECT COUNT(*) unless already fetched)."""
        if self._result_cache is not None:
            return len(self._result_cache)
        sql, params = SQLCompiler(self._query).as_count_sql()
        if sql is None:
            return 0
        return connections[self.db]._execute(
            sql, params).fetchone()[0]

    def get(self, *args, **kwargs):
        """Return the one object matching the lookups.

        Raises Model.DoesNotExist when none matches and
        Model.MultipleObjectsReturned when more than one does.
        """
        if self._query.combinator and (args or kwargs):
            raise NotSupportedError("Calling QuerySet.get(...) with filters after %s() "
                                    "is not supported." % self._query.combinator)
        fast = self._get_by_pk_fast(args, kwargs)
        if fast is not None:
            return fast[0]
        clone = self._chain() if self._query.combinator else self.filter(
            *args, **kwargs)
        if not clone._query.combinator and not clone._query.is_sliced:
            clone._query.order_by = ()
            clone._query.default_ordering = False
        limit = MAX_GET_RESULTS
        if not clone._query.is_sliced:
            clone._query.set_limits(high=limit)
        clone._fetch_all()
        num = len(clone._result_cache)
        if num == 1:
            return clone._result_cache[0]
        opts = self.model._meta
        if not num:
            raise self.model.DoesNotExist("%s matching query does not exist." %
                                          opts.object_name)
        raise self.model.MultipleObjectsReturned(
            "get() returned more than one %s -- it returned %s!" % (
                opts.object_name,
                num if num < limit else "more than %s" % (limit - 1)))

    def _get_by_pk_fast(self, args, kwargs):
        """get(pk=N) on an unfiltered queryset: one cached SQL statement."""
        if args or len(kwargs) != 1 or self.__class__ is not QuerySet:
            return None
        query = self._query
        if len(query.__dict__) != 4 or query.where or query.annotations or \
                self._iterable != "model" or self._prefetch_related_lookups or \
                self._known_related_objects:
            return None  # not a plain Model.objects.all()
        routed = self._hints or _router.routers
        return _get_by_pk(self.model, self.db if routed else self._db, kwargs)







    def _insert(self, objs, fields, returning_fields=None, raw=False, using=None,
                on_conflict=None, update_fields=None, unique_fields=None):
        """Insert one row per object from its values of `fields`; return the
        values of `returning_fields` per row (Django's internal, which code
        reaching below save() and bulk_create() calls on a manager)."""
        self._for_write = True
        if on_conflict is not None:
            raise NotSupportedError(
                "djscratch does not implement _insert(on_conflict=...): use "
                "bulk_create(), or DJSCRATCH_ENGINE=django for Django's engine.")
        using = using or self.db
        db = connections[using]
        opts = self.model._meta
        sql = "INSERT INTO %s " % quote_name(opts.db_table)
        if fields:
            sql += "(%s) VALUES (%s)" % (
                ", ".join(quote_name(f.column) for f in fields),
                ", ".join("?" for _ in fields))
        else:
            sql += "DEFAULT VALUES"
        if returning_fields:
            sql += " RETURNING %s" % ", ".join(
                quote_name(f.column) for f in returning_fields)
        rows = []
        for obj in objs:
            values = [getattr(obj, f.attname) if raw else f.pre_save(obj, True)
                      for f in fields]
            cursor = db._execute(sql, [f.get_db_prep_save(v, db)
                                       for f, v in zip(fields, values)])
            if returning_fields:
                rows.append(tuple(cursor.fetchone()))
        return rows

    _insert.alters_data = True
    _insert.queryset_only = False  # managers have it too, as Django's

    def _update(self, values):
        return self.update(**{f.name: v for f, _m, v in values})

    _update.queryset_only = False  # managers have it too, as Django's

    def delete(self):
        """Delete the matching rows (with cascades); return Django's counts."""
        self._for_write = True
        self._not_support_combined_queries("delete")
        if self._query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with delete().")
        if self._query.distinct_fields:
            raise TypeError("Cannot call delete() after .distinct(*fields).")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after .values() or .values_list()")
        del_query = self._chain()
        del_query._query.select_related = False
        # A plain distinct() changes which rows match nothing: Django deletes.
        del_query._query.distinct = False
        del_query._query.order_by = ()
        del_query._query.default_ordering = False
        del_query._prefetch_related_lookups = ()
        collector = djscratch.db.models.deletion.Collector(using=del_query.db,
                                                           origin=self)
        collector.collect(del_query)
        result = collector.delete()
        self._result_cache = None
        return result

    delete.alters_data = True
    delete.queryset_only = True

    # -- properties

    @property
    def ordered(self):
        """True if the queryset has an ORDER BY (explicit or Meta.ordering)."""
        query = self.query
        if query.is_empty or query.order_by:  # (is_empty: an EmptyQuerySet)
            return True
        if query.order_by is None or query.default_ordering:
            # Meta.ordering does not apply to a GROUP BY query.
            return bool(self.model._meta.ordering) and not (
                query.annotations and query.has_aggregates())
        return False

    @property
    def db(self):
        """The database this queryset runs on: using(), else the router's."""
        if self._db:
            return self._db
        if not self._hints and not _router.routers:
            return DEFAULT_DB_ALIAS
        if self._for_write:
            return _router.db_for_write(self.model, **self._hints)
        return _router.db_for_read(self.model, **self._hints)

    def resolve_expression(self, *args, **kwargs):
        return Subquery(self)

    resolve_expression.queryset_only = True


def _bulk_update_case(field, objs):
    """CASE WHEN pk = <pk> THEN <value> ... for one field of bulk_update()."""
    whens = []
    for obj in objs:
        value = getattr(obj, field.attname)
        if not hasattr(value, "resolve_expression"):
            value = Value(value, output_field=field)
        whens.append(When(pk=obj.pk, then=value))
    return Case(*whens, output_field=field)


def _fields_by_table(opts, fields):
    """[(Options of the table, [its fields])] for `fields` of a model: one
    entry for a plain model, one per table for a multi-table child."""
    groups = {}
    for f in fields:
        owner = f.model._meta.concrete_model._meta
        groups.setdefault(owner.model, (owner, []))[1].append(f)
    return list(groups.values())


def _get_by_pk(model, using, kwargs):
    """Return (instance,) for get(pk=<int>) with a cached statement, or None.

    The hot path of detail views: no QuerySet, no compiler.  None means "not
    this simple case", and the caller takes the general path.
    """
    plan = model._meta.__dict__.get("_get_pk_plan")
    if plan is None:
        plan = _get_pk_plan(model)
    if not plan:
        return None
    sql, names, build, converters = plan
    (name, value), = kwargs.items()
    if value.__class__ is not int or name not in names or not (
            -9223372036854775808 <= value <= 9223372036854775807):
        return None
    db = connections[using or DEFAULT_DB_ALIAS]
    conn = db.connection
    if conn is None or db.needs_rollback or db.force_debug_cursor or settings.DEBUG or (
            db._pending_begin is not None):
        row = db._execute(sql, (value,)).fetchone()
    else:  # the common case, inlined: one C call
        try:
            row = conn.execute(sql, (value,)).fetchone()
        except Exception as exc:
            _raise_db_error(exc)
    if row is None:
        raise model.DoesNotExist("%s matching query does not exist." %
                                 model._meta.object_name)
    obj = build(row, None, converters)
    if using is not None:
        obj._state.db = using
    if post_init.receivers:
        post_init.send(sender=model, instance=obj)
    return (obj,)


def _get_pk_plan(model):
    """What _get_by_pk() needs for `model`, kept on its _meta: the SELECT by
    primary key, the names get() may give it by, the row builder and its
    converters; False for a key that is no integer or a model with parents."""
    opts = model._meta
    pk = opts.pk
    if not isinstance(pk, IntegerField) or opts.parents or (
            _custom_from_db(model) is not None):
        plan = False
    else:
        table = quote_name(opts.db_table)
        converters = opts._row_converters
        plan = (
            "SELECT %s FROM %s WHERE %s.%s = ?" % (
                ", ".join("%s.%s" % (table, quote_name(f.column))
                          for f in opts.concrete_fields),
                table, table, quote_name(pk.column)),
            frozenset(("pk", "pk__exact", pk.name, pk.attname,
                       pk.name + "__exact")),
            _compile_row_builder(model, opts._attnames, converters, None, False,
                                 one=True),
            _plan_converters(converters, None))
    opts._get_pk_plan = plan
    return plan


class _EmptyQuerySetMeta(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, QuerySet) and instance.query.is_empty


class EmptyQuerySet(metaclass=_EmptyQuerySetMeta):
    """isinstance(qs, EmptyQuerySet) is True for qs.none()."""

    def __init__(self, *args, **kwargs):
        raise TypeError("EmptyQuerySet can't be instantiated")


def _simple_lookups(opts, kwargs):
    """True if every key is `column` or `column__lookup` on a plain local field
    (or pk / pk__exact with an int, when the key is such a field), with a
    value that field takes as it is.

    Such filters need no validation pass at filter() time (a fast path); the
    rest are compiled once right away so that a bad name, or a value the field
    refuses (filter(id="abc")), fails at the call, as in Django.
    """
    fields = opts._forward_fields_map
    for key, value in kwargs.items():
        name, _, lookup = key.partition("__")
        field = fields.get(name)
        if field is None and name == "pk" and value.__class__ is int and (
                lookup == "" or lookup == "exact") and (
                -9223372036854775808 <= value <= 9223372036854775807):
            # pk=<int> (what get(pk=N) takes too): a value no check refuses
            field = opts.pk
        if field is None or field.is_relation or (
                lookup and lookup not in _LOOKUP_NAMES) or isinstance(value, QuerySet):
            return False  # (a queryset value is checked as Django checks it)
        if isinstance(value, F):
            continue  # a column: nothing to prepare
        if getattr(field, "is_composite", False) or (
                hasattr(value, "as_sql") and not _has_outer_ref(value)):
            return False  # a tuple lookup, an expression: Django checks them now
        if not _value_taken_as_is(field, lookup, value) and not _has_outer_ref(value):
            return False
    return True


def _value_taken_as_is(field, lookup, value):
    """Whether `value` needs no preparing that could fail for this lookup on a
    built-in field: an int for an integer field, a str for a text field, a
    bool for isnull or a boolean field, None for an exact match."""
    if lookup == "isnull":
        return value.__class__ is bool
    if value is None:
        return lookup in ("", "exact", "iexact")
    taken = _TAKEN_AS_IS.get(type(field))
    if taken is None:
        taken = _value_classes_taken_as_is(type(field))
    if lookup in ("in", "range"):  # each item is prepared
        return value.__class__ in (list, tuple) and all(
            item.__class__ in taken for item in value)
    return value.__class__ in taken


#: Built-in field class (a flat name) -> the value classes it takes without
#: converting; _TAKEN_AS_IS holds the answers by class as they are asked.
_TAKEN_AS_IS_BY_NAME = {
    **dict.fromkeys(("AutoField", "BigAutoField", "SmallAutoField", "IntegerField",
                     "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
                     "PositiveSmallIntegerField", "PositiveBigIntegerField"), (int,)),
    **dict.fromkeys(("CharField", "TextField", "SlugField", "EmailField", "URLField"),
                    (str,)),
    "BooleanField": (bool,), "FloatField": (float, int),
}
_TAKEN_AS_IS = {}


def _value_classes_taken_as_is(cls):
    """The value classes field class `cls` takes without converting: () but
    for the built-in classes of _TAKEN_AS_IS_BY_NAME themselves (a class of a
    section is looked up only once it exists: asking builds nothing)."""
    taken = _TAKEN_AS_IS_BY_NAME.get(cls.__name__, ())
    if taken and djscratch._defined_yet(cls.__name__) is not cls:
        taken = ()
    _TAKEN_AS_IS[cls] = taken
    return taken


def _and_all(where):
    q = Q()
    for child, _group in where:
        q = q & child
    return q
