"""QuerySet's methods a plain page's first response never runs: the
single file keeps them in a section, and QuerySet defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import djscratch

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.core.exceptions import FieldDoesNotExist, FieldError
from djscratch.conf import settings
from djscratch.db.utils import connections, IntegrityError, NotSupportedError
from djscratch.db.backends.sqlite import check_alias, quote_name
from djscratch.db.transaction import atomic, mark_for_rollback_on_error
from djscratch.db.models.fields import DateField, DateTimeField
from djscratch.db.models.constraints import UniqueConstraint
from djscratch.db.models.base import (
    _insert_plan, _new_pk, _pk_where, _returning_sql, _set_returned, Model,
)
from djscratch.db.models.expressions import _read_iterators, F, Q, Subquery
from djscratch.db.models.aggregates import Count
from djscratch.db.models.query_utils import FilteredRelation
from djscratch.db.models.sql.query import (
    _copy_tree, _grouped_filters, _Query, _replace_refs,
)
from djscratch.db.models.sql.where import _ExtraSelect, ExtraWhere
from djscratch.db.models.sql.lookup_paths import (
    _add_filtered_relation, _empty_result_value, _paths_of_expression,
    _refuse_aggregate_of_aggregate,
)
from djscratch.utils.module_loading import _written_for_django
from djscratch.db.models.sql.compiler import _converter_for, SQLCompiler
from djscratch.db.models.prefetch import prefetch_related_objects
from djscratch.db.models.query import (
    EmptyQuerySet, QuerySet, _PROHIBITED_FILTER_KWARGS, _add_extra_select,
    _any_expression_value, _bulk_update_case, _check_bulk_create_options,
    _check_order_arguments, _check_order_name, _fields_by_table,
    _foreign_object_update, _insert_each, _integer_overflow_empties, _pk_fields,
    _plain_order_name, _resolve_database_defaults, _simple_lookups,
)


class _QuerySetMore:
    """QuerySet's methods defined on first use (never instantiated)."""

    async def aiterator(self, chunk_size=2000):
        """iterator() for `async for` (the rows are read in a thread)."""
        if chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        rows = await _asgiref_sync().sync_to_async(list)(
            self.iterator(chunk_size=chunk_size))
        for row in rows:
            yield row

    @staticmethod
    def _combined_names(compiler):
        return SQLCompiler._combined_names(compiler)

    def _check_operator_queryset(self, other, operator_):
        if self._query.combinator or other.query.combinator:
            raise TypeError("Cannot use %s operator with combined queryset."
                            % operator_)

    def _merge_known_related_objects(self, other):
        """Keep the related objects both querysets know (qs1 & qs2, qs1 | qs2)."""
        for field, objects in other._known_related_objects.items():
            self._known_related_objects.setdefault(field, {}).update(objects)

    def _either(self, other, connector):
        self._merge_sanity_check(other)
        if self.query.is_empty:
            return other
        if other.query.is_empty:
            return self
        # A sliced side is the rows of its slice: pk__in its primary keys,
        # as Django combines it.
        query = self if not self.query.is_sliced else \
            self.model._base_manager.filter(pk__in=self.values("pk"))
        if other.query.is_sliced:
            other = other.model._base_manager.filter(pk__in=other.values("pk"))
        combined = query._chain()
        # Each side's filters keep their join groups; the other side's reuse
        # our last group's joins, as Django reuses the joins under OR.
        last = query.query.groups
        left = _grouped_filters(query.query.where)
        right = _grouped_filters(other.query.where,
                                 (lambda group: last) if last else None)
        combined._query.groups = max(last, other.query.groups)
        if connector == Q.XOR:  # no filter is "every row", not "no condition"
            left, right = (q or Q(pk__isnull=False) for q in (left, right))
        either = Q.create([left, right], connector) if left and right else None
        combined._query.where = [(either, combined._query.new_group())] if (
            either is not None) else []
        combined._merge_known_related_objects(other)
        return combined

    def _merge_sanity_check(self, other):
        if self.model is not other.model:
            raise TypeError("Cannot combine queries on two different base models.")

    def _not_support_combined_queries(self, operation_name):
        if self._query.combinator:
            raise NotSupportedError("Calling QuerySet.%s() after %s() is not "
                                    "supported." % (operation_name,
                                                    self._query.combinator))

    def filter(self, *args, **kwargs):
        """Return a queryset narrowed by lookups and Q objects."""
        self._not_support_combined_queries("filter")
        return self._filter_or_exclude(False, args, kwargs)

    def exclude(self, *args, **kwargs):
        """Return a queryset without the rows matching the lookups."""
        self._not_support_combined_queries("exclude")
        return self._filter_or_exclude(True, args, kwargs)

    def _filter_or_exclude(self, negate, args, kwargs):
        if (args or kwargs) and self._query.is_sliced:
            raise TypeError("Cannot filter a query once a slice has been taken.")
        invalid = _PROHIBITED_FILTER_KWARGS.intersection(kwargs)
        if invalid:  # lookups only: Q()'s own options are not lookups
            raise TypeError("The following kwargs are invalid: %s" % ", ".join(
                "'%s'" % name for name in sorted(invalid)))
        clone = self._chain()
        if args or kwargs:
            q = _read_iterators(Q(*args, **kwargs))
            for child in args:
                if not isinstance(child, Q) and not getattr(child, "conditional",
                                                            False):
                    raise TypeError("Cannot filter against a non-conditional "
                                    "expression.")
            if negate:
                q = ~q
            group = clone._query.new_group()
            clone._query.where.append((q, group))
            if not negate and _integer_overflow_empties(self.model._meta, kwargs):
                clone._query.is_empty = True  # no row can match: no query
            if not clone._query.annotations and (args or not _simple_lookups(
                    self.model._meta, kwargs)):
                # Validate names now so that errors point at the filter() call.
                checker = SQLCompiler(clone._query)
                checker.validating = True
                checker.compile_q(q, group)
        return clone

    def complex_filter(self, filter_obj):
        if isinstance(filter_obj, Q):
            return self.filter(filter_obj)
        return self.filter(**filter_obj)

    def order_by(self, *field_names):
        """Return a queryset ordered by the names ("-" for descending, "?")."""
        if self._query.is_sliced:
            raise TypeError("Cannot reorder a query once a slice has been taken.")
        clone = self._chain()
        query = clone._query
        for name in field_names:
            if type(name) is not str:  # an expression among them
                _check_order_arguments(query, field_names)
                break
        else:  # names only (the same checks: a str is valid, no aggregate)
            for name in field_names:
                if name != "?":
                    bare = name.removeprefix("-")  # one "-" only: "--x" is "-x"
                    if not _plain_order_name(query, bare):
                        _check_order_name(query, bare)
        clone._query.order_by = tuple(field_names)
        clone._query.default_ordering = False
        if clone._query.extra_order_by:  # order_by() replaces extra's, as Django
            clone._query.extra_order_by = ()
        return clone

    def reverse(self):
        if self._query.is_sliced:
            raise TypeError("Cannot reverse a query once a slice has been taken.")
        clone = self._chain()
        clone._query.standard_ordering = not clone._query.standard_ordering
        return clone

    def distinct(self, *field_names):
        self._not_support_combined_queries("distinct")
        if field_names:
            raise NotSupportedError("DISTINCT ON fields is not supported by this "
                                    "database backend.")
        clone = self._chain()
        clone._query.distinct = True
        return clone

    def _values(self, *fields, **expressions):
        clone = self._chain()
        if expressions:
            clone = clone.annotate(**expressions)
        query = clone._query
        for name in fields:  # values("data__<key>") names a column alias too
            check_alias(name)
            if name in query.alias_names:
                raise FieldError("Cannot select the '%s' alias. Use annotate() to "
                                 "promote it." % name)
        names = list(fields)
        if not names and not expressions:
            # as Django: extra(select=...) columns, fields, annotations
            extra = [n for n, e in query.annotations.items()
                     if isinstance(e, _ExtraSelect)]
            names = extra + [f.attname for f in self.model._meta.concrete_fields]
            names += [n for n in query.annotations if n not in extra]
        if query.combinator:
            # values() after union(): each combined query selects the names.
            combined = []
            for sub in query.combined_queries:
                sub = sub.clone()
                sub.values_fields = list(names)
                sub.annotation_mask = tuple(n for n in names if n in sub.annotations)
                combined.append(sub)
            query.combined_queries = tuple(combined)
        for name in names:  # after union(): each combined query checks its own
            if name not in query.annotations and not query.combinator:
                SQLCompiler(query).check_values_name(name)
        names += [n for n in expressions if n not in names]
        query.values_fields = names
        query.annotation_mask = tuple(n for n in names if n in query.annotations)
        if query.has_aggregates() and query.group_by is None:
            # annotate() before values(): each object keeps its own values
            # (Django groups by the model); values() only picks the columns.
            query.group_by = ("pk",)
        return clone

    def values(self, *fields, **expressions):
        """Return a queryset yielding dicts."""
        clone = self._values(*fields, **expressions)
        clone._iterable = "values"
        clone._fields = fields + tuple(expressions)
        return clone

    def dates(self, field_name, kind, order="ASC"):
        """Return the distinct dates of `field_name`, cut to `kind` (year,
        month, week or day), in `order`; rows where it is NULL are left out."""
        if kind not in ("year", "month", "week", "day"):
            raise ValueError("'kind' must be one of 'year', 'month', 'week', or 'day'.")
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        trunc = djscratch.db.models.functions.Trunc(field_name, kind,
                                                    output_field=DateField())
        return self._distinct_truncated(field_name, "datefield", trunc, order)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """Return the distinct datetimes of `field_name`, cut to `kind` (year
        ... second) in the current time zone (or `tzinfo`), in `order`."""
        if kind not in ("year", "month", "week", "day", "hour", "minute", "second"):
            raise ValueError(
                "'kind' must be one of 'year', 'month', 'week', 'day', 'hour', "
                "'minute', or 'second'.")
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        if settings.USE_TZ:
            if tzinfo is None:
                tzinfo = djscratch.utils.timezone.get_current_timezone()
        else:
            tzinfo = None
        trunc = djscratch.db.models.functions.Trunc(
            field_name, kind, output_field=DateTimeField(), tzinfo=tzinfo)
        return self._distinct_truncated(field_name, "datetimefield", trunc, order)

    def _distinct_truncated(self, field_name, alias, trunc, order):
        return (self.annotate(**{alias: trunc, "plain_field": F(field_name)})
                .values_list(alias, flat=True).distinct()
                .filter(plain_field__isnull=False)
                .order_by(("-" if order == "DESC" else "") + alias))

    def values_list(self, *fields, flat=False, named=False):
        """Return a queryset yielding tuples (or single values with flat=True)."""
        if flat and named:
            raise TypeError("'flat' and 'named' can't be used together.")
        if flat and len(fields) > 1:
            raise TypeError("'flat' is not valid when values_list is called with "
                            "more than one field.")
        expressions = {}
        names = []
        counter = 1
        for f in fields:
            if hasattr(f, "as_sql") or isinstance(f, (QuerySet, _Query)):
                try:  # Count("id") is id__count1, as Django names it
                    prefix = f.default_alias
                except (AttributeError, TypeError):
                    prefix = type(f).__name__.lower().lstrip("_")
                while True:
                    name = "%s%d" % (prefix, counter)
                    counter += 1
                    if name not in fields:
                        break
                # A queryset (or its query) is the value of its subquery.
                expressions[name] = f if hasattr(f, "as_sql") else Subquery(f)
                names.append(name)
            else:
                names.append(f)
        clone = self._values(*names, **expressions) if expressions else self._values(
            *names)
        if expressions:
            clone._query.values_fields = names
        clone._iterable = "values_list"
        clone._flat = flat
        clone._named = named
        clone._fields = tuple(names)
        return clone

    def none(self):
        clone = self._chain()
        clone._query.is_empty = True
        return clone

    def annotate(self, *args, **kwargs):
        """Add computed values (expressions, aggregates) to each row."""
        self._not_support_combined_queries("annotate")
        invalid = sorted(str(arg) for arg in (*args, *kwargs.values()) if not (
            hasattr(arg, "as_sql") or isinstance(arg, FilteredRelation)))
        if invalid:  # all of them, before anything else, as Django
            raise TypeError("QuerySet.annotate() received non-expression(s): %s."
                            % ", ".join(invalid))
        clone = self._chain()
        annotations = {}  # *args first, in order, then **kwargs (as Django)
        for arg in args:
            try:
                name = arg.default_alias
            except (AttributeError, TypeError):
                raise TypeError("Complex annotations require an alias") from None
            if name in kwargs:
                raise ValueError("The named annotation '%s' conflicts with the default "
                                 "name for another annotation." % name)
            annotations[name] = arg
        kwargs = {**annotations, **kwargs}
        opts = self.model._meta
        # After values(), only the names it selects conflict (as in Django):
        # values("author").annotate(pages=Sum("pages")) groups by author.
        taken = self._fields
        for name, expr in kwargs.items():
            if name in taken if taken is not None else (
                    name in opts._forward_fields_map or name in opts.fields_map):
                raise ValueError("The annotation '%s' conflicts with a field on the "
                                 "model." % name)
            if isinstance(expr, FilteredRelation):
                _add_filtered_relation(clone._query, name, expr)
                continue
            if not hasattr(expr, "as_sql"):
                raise TypeError("QuerySet.annotate() received non-expression(s): %s."
                                % expr)
            check_alias(name)
            query = clone._query
            _refuse_aggregate_of_aggregate(expr, lambda ref: getattr(
                query.annotations.get(ref), "contains_aggregate", False))
            resolve = getattr(type(expr), "resolve_expression", None)
            if resolve is not None and _written_for_django(resolve):
                # The application's resolve_expression() (validation or a
                # rewrite) runs when the annotation is added, as in Django.
                expr = expr.resolve_expression(query, allow_joins=True, reuse=None,
                                               summarize=False)
            if query.values_fields is not None and query.group_by is None and \
                    getattr(expr, "contains_aggregate", False):
                query.group_by = tuple(
                    n for n in query.values_fields if not (
                        n in query.annotations and
                        getattr(query.annotations[n], "contains_aggregate", False)))
            if name in query.annotations:  # F(name) is the one it replaces
                expr = _replace_refs(expr, name, query.annotations[name])
                query.alias_names = query.alias_names - {name}
            clone._query.annotations[name] = expr
            clone._query.annotation_groups = {**clone._query.annotation_groups,
                                              name: clone._query.groups or None}
            if clone._query.annotation_mask is not None:
                clone._query.annotation_mask = tuple(clone._query.annotation_mask) + (
                    name,)
                if clone._query.values_fields is not None:
                    clone._query.values_fields = list(clone._query.values_fields) + [
                        name]
        checker = SQLCompiler(clone._query)
        checker.validating = True  # an OuterRef is only resolved in a subquery
        checker.adding = frozenset(kwargs)
        checker.get_select()
        return clone

    def alias(self, *args, **kwargs):
        """Annotations filters and orderings may name, never selected."""
        self._not_support_combined_queries("alias")
        clone = self.annotate(*args, **kwargs)
        query = clone._query
        names = {n for n in (*kwargs, *(a.default_alias for a in args))
                 if n in query.annotations}  # not a FilteredRelation
        mask = [n for n in (query.annotation_mask if query.annotation_mask is not None
                            else self._query.annotations) if n not in names]
        query.annotation_mask = tuple(mask)
        if query.values_fields is not None:  # values_list("pk").alias(...)
            query.values_fields = [n for n in query.values_fields if n not in names]
        query.alias_names = query.alias_names | names
        return clone

    def extra(self, select=None, where=None, params=None, tables=None, order_by=None,
              select_params=None):
        """Add the application's own SQL to the query, as Django's extra():
        `select` columns (their names checked as every alias, then quoted),
        `where` conditions, `tables` to add to FROM (quoted) and an
        ordering that may name the `select` columns or "table.column".
        Values go in `select_params` / `params`, bound, never into the SQL."""
        self._not_support_combined_queries("extra")
        if self._query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        clone = self._chain()
        query = clone._query
        if select:
            _add_extra_select(query, select, select_params)
        if where or params:
            query.where.append((Q(ExtraWhere(where or (), params)), None))
        if tables:
            query.extra_tables = tuple(query.extra_tables) + tuple(
                t for t in tables if t not in query.extra_tables)
        if order_by:
            query.order_by = query.extra_order_by = tuple(order_by)
            query.default_ordering = False
        return clone

    def select_related(self, *fields):
        """Fetch forward foreign keys in the same query (JOIN)."""
        self._not_support_combined_queries("select_related")
        if self._fields is not None:
            raise TypeError("Cannot call select_related() after .values() or "
                            ".values_list()")
        clone = self._chain()
        if fields == (None,):
            clone._query.select_related = False
        elif fields:
            # A copy: clones share the tree they were cloned with.
            tree = _copy_tree(clone._query.select_related) if isinstance(
                clone._query.select_related, dict) else {}
            for name in fields:
                node = tree
                for part in name.split("__"):
                    node = node.setdefault(part, {})
            clone._query.select_related = tree
        else:
            clone._query.select_related = True
        return clone

    def prefetch_related(self, *lookups):
        """Fetch related objects in one extra query per relation."""
        self._not_support_combined_queries("prefetch_related")
        clone = self._chain()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
        else:
            for lookup in lookups:
                lookup = getattr(lookup, "prefetch_to", lookup)
                if isinstance(lookup, str) and lookup.split("__")[0] in \
                        clone._query.filtered_relations:
                    raise ValueError("prefetch_related() is not supported with "
                                     "FilteredRelation.")
            clone._prefetch_related_lookups = clone._prefetch_related_lookups + lookups
        return clone

    def only(self, *fields):
        self._not_support_combined_queries("only")
        if fields == (None,):
            raise TypeError("Cannot pass None as an argument to only().")
        clone = self._chain()
        pk_name = clone.model._meta.pk.name
        # "pk" stands for the primary key's name, as in Django.
        fields = frozenset(pk_name if name == "pk" else name for name in fields)
        for name in fields:
            if name.split("__")[0] in clone._query.filtered_relations:
                raise ValueError("only() is not supported with FilteredRelation.")
            clone.model._meta.get_field(name.split("__")[0])
        names, is_defer = clone._query.deferred
        # As Django: only() after defer() leaves out what defer() named; after
        # only() it replaces it.
        clone._query.deferred = (fields - names if is_defer else fields, False)
        return clone

    def defer(self, *fields):
        self._not_support_combined_queries("defer")
        clone = self._chain()
        if fields == (None,):
            clone._query.deferred = (frozenset(), True)
            return clone
        names, is_defer = clone._query.deferred
        fields = frozenset(fields)
        if is_defer:
            clone._query.deferred = (names | fields, True)
        elif names - fields:
            clone._query.deferred = (names - fields, False)
        else:
            # As Django: defer() of everything only() named loads all but
            # what defer() named that only() did not.
            clone._query.deferred = (fields - names, True)
        return clone

    def using(self, alias):
        clone = self._chain()
        clone._db = alias
        return clone

    def select_for_update(self, nowait=False, skip_locked=False, of=(),
                          no_key=False):
        """Lock for writing: SQLite has no row locks, so an atomic() block whose
        transaction has not begun yet begins it IMMEDIATE (the write lock)."""
        connections[self.db].mark_for_update()
        return self._chain()

    def _combinator_query(self, combinator, *other_qs, all=False):
        clone = self._chain()
        clone._query = _Query(self.model)
        clone._query.combinator = combinator
        clone._query.combinator_all = all
        clone._query.combined_queries = tuple(
            qs.query for qs in (self,) + other_qs)
        clone._query.order_by = ()
        clone._query.default_ordering = False
        return clone

    def union(self, *other_qs, all=False):
        if isinstance(self, EmptyQuerySet) or self.query.is_empty:
            qs = [q for q in other_qs if not q.query.is_empty]
            if not qs:
                return self
            if len(qs) == 1:
                return qs[0]
            return qs[0]._combinator_query("union", *qs[1:], all=all)
        return self._combinator_query("union", *other_qs, all=all)

    def intersection(self, *other_qs):
        if self.query.is_empty:
            return self
        for other in other_qs:
            if other.query.is_empty:
                return other
        return self._combinator_query("intersection", *other_qs)

    def difference(self, *other_qs):
        if self.query.is_empty:
            return self
        return self._combinator_query("difference", *other_qs)

    # -- methods running SQL

    def iterator(self, chunk_size=None):
        """Iterate without caching the results on the queryset."""
        if chunk_size is not None and chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        if self._prefetch_related_lookups and chunk_size is None:
            raise ValueError("chunk_size must be provided when using "
                             "QuerySet.iterator() after prefetch_related().")
        # The checks above run at the call, as Django's; the rows when iterated.
        return self._iterator(chunk_size)

    def _iterator(self, chunk_size):
        # As Django: the rows are read from the cursor chunk_size (2,000 by
        # default) at a time, each chunk's prefetches done together.
        for chunk in self._chain()._fetch_rows(chunk_size or 2000):
            if self._prefetch_related_lookups:
                prefetch_related_objects(chunk, *self._prefetch_related_lookups)
            yield from chunk

    def exists(self):
        if self._result_cache is not None:
            return bool(self._result_cache)
        if self._query.is_empty:
            return False
        if self._query.combinator:
            return bool(self.count())
        sql, params = SQLCompiler(self._query).as_sql(exists=True)
        return connections[self.db]._execute(
            sql, params).fetchone() is not None

    def contains(self, obj):
        self._not_support_combined_queries("contains")
        if self._fields is not None:
            raise TypeError("Cannot call QuerySet.contains() after .values() or "
                            ".values_list().")
        try:  # another model's row is not here; a proxy's may be
            if obj._meta.concrete_model != self.model._meta.concrete_model:
                return False
        except AttributeError:
            raise TypeError("'obj' must be a model instance.") from None
        if obj.pk is None:
            raise ValueError("QuerySet.contains() cannot be used on unsaved objects.")
        if self._result_cache is not None:
            return obj in self._result_cache
        return self.filter(pk=obj.pk).exists()

    def create(self, **kwargs):
        """Create, save and return an object."""
        if any(f.many_to_many for f in self.model._meta.local_many_to_many
               if f.name in kwargs):
            name = next(f.name for f in self.model._meta.local_many_to_many
                        if f.name in kwargs)
            raise ValueError("Cannot assign to the forward side of a many-to-many "
                             "relation; %s" % name)
        opts = self.model._meta
        if not kwargs.keys() <= opts._forward_fields_map.keys():
            # As Django: a reverse one-to-one is no field of this model.
            reverse = [r.name for r in opts.related_objects
                       if r.one_to_one and r.name in kwargs]
            if reverse:
                raise ValueError("The following fields do not exist in this model: "
                                 "%s" % ", ".join(reverse))
        obj = self.model(**kwargs)
        self._for_write = True
        obj.save(force_insert=True, using=self.db)
        return obj
    create.alters_data = True

    def _extract_model_params(self, defaults, **kwargs):
        defaults = defaults or {}
        params = {k: v for k, v in kwargs.items() if "__" not in k}
        params.update(defaults)
        opts = self.model._meta
        invalid = []
        for name in params:
            try:
                opts.get_field(name)
            except FieldDoesNotExist:
                # A property may be given only if it has a setter (pk has).
                prop = getattr(self.model, name, None)
                if not (isinstance(prop, property) and prop.fset is not None):
                    invalid.append(name)
        if invalid:
            raise FieldError("Invalid field name(s) for model %s: '%s'." % (
                opts.object_name, "', '".join(sorted(invalid))))
        return params

    def get_or_create(self, defaults=None, **kwargs):
        """Return (object, created): fetch it, or create it from the lookups."""
        self._for_write = True
        try:
            return self.get(**kwargs), False
        except self.model.DoesNotExist:
            params = self._extract_model_params(defaults, **kwargs)
            params = {k: v() if callable(v) else v for k, v in params.items()}
            try:
                with atomic(using=self.db):
                    return self.create(**params), True
            except IntegrityError:
                try:
                    return self.get(**kwargs), False
                except self.model.DoesNotExist:
                    pass
                raise
    get_or_create.alters_data = True

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        """Update the matching object with `defaults`, or create it."""
        self._for_write = True
        update_defaults = defaults or {}
        if create_defaults is None:
            create_defaults = update_defaults
        with atomic(using=self.db):
            obj, created = self.get_or_create(create_defaults, **kwargs)
            if created:
                return obj, created
            for k, v in update_defaults.items():
                setattr(obj, k, v() if callable(v) else v)
            update_fields = set(update_defaults)
            concrete = {f.name for f in self.model._meta.concrete_fields} | {
                f.attname for f in self.model._meta.concrete_fields}
            if update_fields and update_fields <= concrete:
                for f in self.model._meta.concrete_fields:
                    if getattr(f, "auto_now", False):
                        update_fields.add(f.name)
                obj.save(using=self.db, update_fields=update_fields)
            else:
                obj.save(using=self.db)
        return obj, False
    update_or_create.alters_data = True

    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False,
                    update_conflicts=False, update_fields=None, unique_fields=None):
        """Insert many objects with executemany; set their primary keys."""
        self._for_write = True
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        if self.model._meta.concrete_model._meta.parents:
            raise ValueError("Can't bulk create a multi-table inherited model")
        objs = list(objs)
        if not objs:
            return objs
        opts = self.model._meta
        _check_bulk_create_options(opts, ignore_conflicts, update_conflicts,
                                   update_fields, unique_fields)
        if opts._relation_fields:
            for obj in objs:
                obj._prepare_related_fields_for_save("bulk_create")
        db = connections[self.db]
        _resolve_database_defaults(db, self.model, objs)
        pk_name = opts.pk.attname
        if opts.pk.has_default():  # Model(id=None) of a UUID key: a new one
            for obj in objs:
                if obj.__dict__.get(pk_name) is None:
                    setattr(obj, pk_name, opts.pk.get_default())
        if opts.is_composite_pk:  # its fields are columns the objects carry
            with_pk, without_pk = objs, []
        else:
            with_pk = [o for o in objs if o.__dict__.get(pk_name) is not None]
            without_pk = [o for o in objs if o.__dict__.get(pk_name) is None]
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        conflict = ""
        if update_conflicts:
            unique_cols = [opts.get_field(n).column if n != "pk" else opts.pk.column
                           for n in (unique_fields or ())]
            conflict = " ON CONFLICT(%s) DO UPDATE SET %s" % (
                ", ".join(quote_name(c) for c in unique_cols),
                ", ".join("%s = EXCLUDED.%s" % (quote_name(c), quote_name(c)) for c in (
                    opts.get_field(n).column for n in update_fields)))
        with atomic(using=self.db, savepoint=False):
            for group, pk_set in ((with_pk, True), (without_pk, False)):
                if not group:
                    continue
                sql, fields, _plan = _insert_plan(opts, pk_set)
                attnames = [a for _f, a, _p, _q in _plan]
                if _any_expression_value(group, attnames):  # Now(): one by one
                    _insert_each(db, self.model, group, _plan, pk_set, verb, conflict)
                    continue
                if verb != "INSERT" or conflict:
                    sql = sql.replace("INSERT", verb, 1) + conflict
                prepared = fields
                # At most SQLite's parameters per statement, as Django batches.
                size = min(batch_size or len(group),
                           max(db.ops.bulk_batch_size(prepared, group), 1))
                for start in range(0, len(group), size):
                    batch = group[start:start + size]
                    if all(plain for _f, _a, plain, _p in _plan):
                        pairs = [(prep, attname) for _f, attname, _pl, prep in _plan]
                        rows = [[prep(d[attname]) for prep, attname in pairs]
                                for d in (o.__dict__ for o in batch)]
                    else:
                        rows = [[prep(o.__dict__[attname] if plain
                                      else f.pre_save(o, True))
                                 for f, attname, plain, prep in _plan] for o in batch]
                    if ignore_conflicts or (pk_set and (
                            conflict or not opts._returning_fields)):
                        db._executemany(sql, rows)
                        continue
                    if pk_set:  # the generated columns read back, row by row
                        for obj, row in zip(batch, rows):
                            cur = db._execute(sql + _returning_sql(opts), row)
                            _set_returned(obj, opts._returning_fields, cur.fetchone())
                        continue
                    # RETURNING gives the new keys in one statement per batch.
                    per = max(1, 999 // max(1, len(prepared)))
                    for i in range(0, len(rows), per):
                        chunk = rows[i:i + per]
                        values = ", ".join(["(%s)" % ", ".join("?" * len(prepared))]
                                           * len(chunk)) if prepared else None
                        if values is None:
                            for obj in batch[i:i + per]:
                                cur = db._execute(sql + _returning_sql(opts), [])
                                obj.__dict__[opts.pk.attname] = _new_pk(
                                    opts, cur.lastrowid)
                                _set_returned(obj, opts._returning_fields,
                                              cur.fetchone())
                            continue
                        head = sql.split(" VALUES ")[0]
                        flat = [v for row in chunk for v in row]
                        returned = [opts.pk, *opts._returning_fields]
                        # An upsert returns the updated rows' keys too.
                        cur = db._execute("%s VALUES %s%s RETURNING %s" % (
                            head, values, conflict, ", ".join(
                                quote_name(f.column) for f in returned)), flat)
                        for obj, row in zip(batch[i:i + per], cur.fetchall()):
                            obj.__dict__[opts.pk.attname] = _new_pk(opts, row[0])
                            _set_returned(obj, opts._returning_fields, row[1:])
        for obj in objs:
            obj._state.adding = False
            obj._state.db = self.db
        return objs
    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        """Update `fields` of many objects; return the number of rows matched."""
        self._for_write = True
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        if not fields:
            raise ValueError("Field names must be given to bulk_update().")
        objs = list(objs)
        opts = self.model._meta
        if any(obj.pk is None or opts.is_composite_pk and None in obj.pk
               for obj in objs):
            raise ValueError("All bulk_update() objects must have a primary key set.")
        fields = [opts.get_field(name) for name in fields]
        if any(not f.concrete or f.many_to_many for f in fields):
            raise ValueError("bulk_update() can only be used with concrete fields.")
        if any(f.primary_key or f in _pk_fields(opts) for f in fields):
            raise ValueError("bulk_update() cannot be used with primary key fields.")
        fields = [f for f in fields if not f.generated]
        if not objs or not fields:
            return 0
        for obj in objs:
            obj._prepare_related_fields_for_save("bulk_update", fields=fields)
        # As Django: one UPDATE ... SET col = CASE WHEN pk = ... per batch, on
        # the rows of this queryset (its filters hold) among the objects'.
        connection = connections[self.db]
        max_batch_size = connection.ops.bulk_batch_size(["pk", "pk"] + fields, objs)
        batch_size = min(batch_size, max_batch_size) if batch_size else max_batch_size
        queryset = self.using(self.db)
        rows = 0
        with atomic(using=self.db, savepoint=False):
            for start in range(0, len(objs), batch_size):
                batch = objs[start:start + batch_size]
                rows += queryset.filter(pk__in=[obj.pk for obj in batch]).update(
                    **{f.attname: _bulk_update_case(f, batch) for f in fields})
        return rows
    bulk_update.alters_data = True

    def update(self, **kwargs):
        """Run one UPDATE for every matching row; return the row count."""
        self._for_write = True
        self._not_support_combined_queries("update")
        if self._query.is_sliced:
            raise TypeError("Cannot update a query once a slice has been taken.")
        opts = self.model._meta
        values = []
        for name, value in kwargs.items():
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                raise FieldError("Cannot resolve keyword '%s' into field. Choices are: "
                                 "%s" % (name, ", ".join(opts._name_choices))) from None
            if getattr(field, "is_composite", False):
                raise FieldError(
                    "Composite primary key fields must be updated individually.")
            if getattr(field, "from_fields", None) is not None and field.is_relation:
                values.extend(_foreign_object_update(field, value))  # its columns
                continue
            if not field.concrete or field.many_to_many:
                raise FieldError("Cannot update model field %r (only non-relations and "
                                 "foreign keys permitted)." % field)
            if isinstance(value, Model) and field.is_relation:
                if not isinstance(value, field.related_model):
                    raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" '
                                     'instance.' % (value, opts.object_name, field.name,
                                                    field.related_model._meta.object_name))
            if not field.generated:  # the database computes it (as Django)
                values.append((field, value))
        if self._query.is_empty or not values:
            return 0
        SQLCompiler(self._query).refuse_window_filters("update()")
        query = self._query.clone()
        # The annotations a filter or a new value may read stay (an aggregate
        # has no place in an UPDATE).
        query.annotations = {name: expr for name, expr in query.annotations.items()
                             if not getattr(expr, "contains_aggregate", False)}
        query.annotation_mask = None
        query.order_by = ()
        if opts.concrete_model._meta.parents:
            return self._update_tables(query, values)
        sql, params = SQLCompiler(query).as_update_sql(values)
        with mark_for_rollback_on_error(self.db):
            rows = connections[self.db]._execute(
                sql, params).rowcount
        self._result_cache = None
        return rows
    update.alters_data = True

    def _update_tables(self, query, values):
        """update() on a multi-table child: the matching keys first, then one
        UPDATE per table holding the fields (as Django's related updates)."""
        db = connections[self.db]
        opts = self.model._meta.concrete_model._meta

        def keys_of(owner):
            # The owner's keys: the last parent link leading to it (a second
            # parent's keys are not the child's).
            path = opts.get_path_to_parent(owner.model)
            keys = query.clone()
            keys.values_fields = [path[-1].attname if path else "pk"]
            keys.annotation_mask = ()
            sub_sql, sub_params = SQLCompiler(keys).as_sql()
            return [row[0] for row in db._execute(sub_sql, sub_params).fetchall()]

        with mark_for_rollback_on_error(self.db), atomic(using=self.db,
                                                          savepoint=False):
            rows = len(keys_of(opts))
            fields = [f for f, _v in values]
            for owner, owned in _fields_by_table(opts, fields):
                owned_values = [(f, v) for f, v in values if f in owned]
                pks = keys_of(owner)
                for i in range(0, len(pks), 900):
                    chunk = pks[i:i + 900]
                    part = owner.model._base_manager.filter(pk__in=chunk)._query
                    part.annotations = {}
                    sql, params = SQLCompiler(part).as_update_sql(owned_values)
                    db._execute(sql, params)
        self._result_cache = None
        return rows

    def _raw_delete(self, using=None):
        """DELETE the matching rows in one statement (no cascades, no signals)."""
        query = self._query
        if query.is_empty:
            return 0
        opts = self.model._meta
        compiler = SQLCompiler(query)
        compiler.refuse_window_filters("delete()")
        where, params = compiler.get_where()
        if compiler.needs_pk_subquery():
            inner = compiler.pk_subquery(
                opts.pk.field_names if opts.is_composite_pk else ["pk"])
            sub_sql, params = SQLCompiler(inner).as_sql()
            sql = "DELETE FROM %s WHERE %s IN (%s)" % (
                quote_name(opts.db_table), _pk_where(opts)[0], sub_sql)
        else:
            sql = "DELETE FROM %s" % quote_name(opts.db_table)
            if where:
                sql += " WHERE " + where
        return connections[using or self.db]._execute(
            sql, params).rowcount

    def aggregate(self, *args, **kwargs):
        """Return a dict of aggregate values over the queryset."""
        invalid = sorted(str(v) for v in (*args, *kwargs.values())
                         if not hasattr(v, "as_sql"))
        if invalid:
            raise TypeError("QuerySet.aggregate() received non-expression(s): %s."
                            % ", ".join(invalid))
        for arg in args:
            try:
                kwargs[arg.default_alias] = arg
            except (AttributeError, TypeError):
                raise TypeError("Complex aggregates require an alias") from None
        earlier = []  # as Django adds them: one may name those before it
        for name, agg in list(kwargs.items()):
            check_alias(name)
            if not getattr(agg, "contains_aggregate", False):
                # Coalesce("total", 0) of an aggregate named before it.
                for ref in earlier:
                    if ref not in self._query.annotations:
                        agg = kwargs[name] = _replace_refs(agg, ref, kwargs[ref])
            for path in _paths_of_expression(agg):
                if path in self._query.alias_names:
                    raise FieldError("Cannot aggregate over the '%s' alias. Use "
                                     "annotate() to promote it." % path)
            if not getattr(agg, "contains_aggregate", False):
                raise TypeError("%s is not an aggregate expression" % name)
            _refuse_aggregate_of_aggregate(agg, lambda ref: (
                ref in earlier and ref not in self._query.annotations))
            earlier.append(name)
        if not kwargs:
            return {}
        if self._query.is_empty:  # none(), pk__in=[]: no row to aggregate
            empty = {name: _empty_result_value(agg) for name, agg in kwargs.items()}
            if NotImplemented not in empty.values():
                return empty
        query = self._query.clone()
        if not query.is_sliced:  # a slice keeps the ordering that chose its rows
            query.order_by = ()
            query.default_ordering = False
        compiler = SQLCompiler(query)
        sql, params = compiler.as_aggregate_sql(kwargs)
        row = connections[self.db]._execute(sql, params).fetchone()
        result = {}
        for (name, agg), value in zip(kwargs.items(), row):
            conv = _converter_for(agg.get_output_field(SQLCompiler(self._query)))
            if conv is not None and value is not None:
                value = conv(value)
            if isinstance(agg, Count) and value is None:
                value = 0
            result[name] = value
        return result

    def first(self):
        """Return the first object (by ordering, else pk), or None."""
        if self.ordered:
            qs = self
        else:
            self._check_ordering_first_last_queryset_aggregation(method="first")
            qs = self.order_by("pk")
        for obj in qs[:1]:
            return obj
        return None

    def _check_ordering_first_last_queryset_aggregation(self, method):
        """values(...).annotate(aggregate) grouped by columns that are not
        the primary key has no pk order to fall back on, as Django says."""
        group_by = self._query.group_by
        if not isinstance(group_by, tuple):
            return
        opts = self.model._meta
        names = {n for n in group_by if isinstance(n, str)}
        if "pk" in names or not {  # every field of the key grouped on
                f for f in opts.pk_fields if f.name not in names and
                f.attname not in names}:
            return
        raise TypeError(
            f"Cannot use QuerySet.{method}() on an unordered queryset performing "
            f"aggregation. Add an ordering with order_by().")

    def last(self):
        if self.ordered:
            qs = self.reverse()
        else:
            self._check_ordering_first_last_queryset_aggregation(method="last")
            qs = self.order_by("-pk")
        for obj in qs[:1]:
            return obj
        return None

    def _earliest(self, *fields):
        if fields:
            order_by = fields
        else:
            order_by = self.model._meta.get_latest_by_fields()
            if not order_by:
                raise ValueError("earliest() and latest() require either fields as "
                                 "positional arguments or 'get_latest_by' in the "
                                 "model's Meta.")
        qs = self._chain()
        qs._query.set_limits(high=1)
        qs._query.order_by = tuple(order_by)
        qs._query.default_ordering = False
        return qs.get()

    def earliest(self, *fields):
        if self._query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self._earliest(*fields)

    def latest(self, *fields):
        if self._query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self.reverse()._earliest(*fields)

    def in_bulk(self, id_list=None, *, field_name="pk"):
        """Return {value: object} for the given ids (or all rows)."""
        if self._query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with in_bulk().")
        if self._fields is not None:
            raise TypeError("in_bulk() cannot be used with values() or values_list().")
        opts = self.model._meta
        field = opts.pk if field_name == "pk" else opts.get_field(field_name)
        if field_name != "pk" and not field.unique and not any(
                isinstance(c, UniqueConstraint) and c.fields == (field_name,) and
                c.condition is None for c in opts.constraints):
            raise ValueError("in_bulk()'s field_name must be a unique field but %r "
                             "isn't." % field_name)
        if id_list is not None:
            id_list = list(id_list)
            if not id_list:
                return {}
            # As Django: one query per max_query_params ids (SQLite binds
            # at most 999 values in one statement).
            batch_size = connections[self.db].features.max_query_params
            if field is opts.pk and opts.is_composite_pk and batch_size:
                batch_size //= len(opts.pk.fields)  # each key binds its fields
            key = "%s__in" % field_name
            qs = []
            for start in range(0, len(id_list), batch_size or len(id_list)):
                batch = id_list[start:start + batch_size] if batch_size else id_list
                qs.extend(self.filter(**{key: batch}).order_by())
        else:
            qs = self._chain()
        return {getattr(obj, field.attname): obj for obj in qs}

    def explain(self, *, format=None, **options):
        """EXPLAIN QUERY PLAN; SQLite takes no format and no options."""
        import re

        for name in options:  # option names would be SQL on other databases
            if not re.fullmatch(r"[\w-]+", name) or "--" in name:
                raise ValueError("Invalid option name: %r." % name)
        if format:
            raise ValueError("%s is not a recognized format. SQLite does not support "
                             "any formats." % format.upper())
        if options:
            raise ValueError("Unknown options: %s" % ", ".join(sorted(options)))
        sql, params = SQLCompiler(self._query).as_sql()
        rows = connections[self.db]._execute(
            "EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return "\n".join("%d %d %d %s" % tuple(r) for r in rows)

    def raw(self, raw_query, params=(), translations=None, using=None):
        return djscratch.db.models.raw.RawQuerySet(
            raw_query, model=self.model, params=params, translations=translations,
            using=using or self._db)

    def _add_hints(self, **hints):
        """Hints for the router (the instance a related manager belongs to)."""
        self._hints.update(hints)
