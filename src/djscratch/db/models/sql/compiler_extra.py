"""SQLCompiler's methods a plain page's first response never runs (joins,
lookups, expressions, aggregates, GROUP BY, ORDER BY, combined queries,
UPDATE): the single file keeps them in a section, and SQLCompiler defines
them on first use (_methods_on_first_use() in djscratch/sections.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.related, db.models.related_lookups.
import djscratch

from djscratch.core.exceptions import FieldError, ValidationError
from djscratch.db.utils import connection, DatabaseError, NotSupportedError
from djscratch.db.utils_extra import LookupValidationError, LookupValueError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import (
    _custom_lookup_value, _instance_of_any, _is_number_field, _pk_row_sql,
    _PREPARED_BY_DB_VALUE, DateField, DateTimeField,
)
from djscratch.db.models.base import Model
from djscratch.db.models.expressions import (
    _adapt_param, _format_to_qmark, CombinedExpression, Expression, F, OrderBy,
    OuterRef, Q, Subquery, Value,
)
from djscratch.db.models.aggregates import _Star
from djscratch.db.models.lookups import _CompiledLhs, Transform
from djscratch.db.models.sql.query import _limit_sql, _PLAIN_VALUE_CLASSES, _Query
from djscratch.db.models.sql.where import _GroupedQ
from djscratch.db.models.sql.lookup_paths import (
    _check_related_objects, _combine_votes, _lookup_source, _prepares_to_none,
    _related_opts, _relation_owner, _rename_prefix, _unsupported_lookup,
)
from djscratch.utils.module_loading import _written_for_django
from djscratch.db.models.sql.composite import (
    _composite_use_error, _is_tuple_field, _link_on, CompositeColumnError,
)
from djscratch.db.models.sql.compiler import (
    _combined_order_item, _model_instance_update_error, _needs_pk_subquery,
    _pk_subquery, _references_columns, _resolved_text, SQLCompiler,
)


class _SQLCompilerMore:
    """SQLCompiler's methods defined on first use (never instantiated)."""

    def _cannot_resolve(self, name, opts, exclude=()):
        names = list(opts._name_choices)
        if opts.model is self.model:
            names = sorted(set(names) | (
                set(self.query.annotations) - set(exclude) - self.adding))
        raise FieldError("Cannot resolve keyword '%s' into field. Choices are: %s" % (
            name, ", ".join(names)))

    def add_join(self, parent_alias, key, table, on_sql, nullable, group):
        """Join `table` once per key (and per filter() call for multi-valued)."""
        full_key = (parent_alias, key, group)
        if self._join_tag is not None:  # a FilteredRelation's joins are its own
            full_key += (self._join_tag,)
        found = self.joins.get(full_key)
        if found is not None:
            return found[0]
        alias = table if table not in self.used_aliases and not self.alias_prefix \
            else "%s%d" % (self.alias_prefix or "T", len(self.used_aliases) + 1)
        if self._join_alias is not None and self._join_alias not in \
                self.used_aliases and not self.alias_prefix:
            alias = self._join_alias
        while alias in self.used_aliases:
            alias = "T%d" % (len(self.used_aliases) + 1)
        self.used_aliases.add(alias)
        nullable = nullable or self.alias_nullable.get(parent_alias, False)
        self.alias_nullable[alias] = nullable
        kind = "LEFT OUTER JOIN" if nullable else "INNER JOIN"
        on = on_sql % {"parent": quote_name(parent_alias), "alias": quote_name(alias)}
        sql = "%s %s %s ON (%s)" % (kind, quote_name(table),
                                    "" if alias == table else quote_name(alias), on)
        sql = sql.replace("  ", " ")
        self.joins[full_key] = (alias, sql)
        self.join_order.append(full_key)
        return alias

    def quote_name_unless_alias(self, name):
        """A table name or alias, quoted (SQLite takes quoted aliases)."""
        return quote_name(name)

    def restrict_join(self, key, condition):
        """AND a condition (an expression of the application's, say a
        ForeignObject's get_extra_restriction()) into a join's ON clause."""
        sql, params = self.compile(condition)
        join_alias, join_sql = self.joins[key]
        self.joins[key] = (join_alias, "%s AND (%s))" % (join_sql[:-1], sql))
        self.__dict__.setdefault("join_params", {}).setdefault(key, [])
        self.join_params[key] = list(self.join_params[key]) + list(params)

    def join_relation(self, alias, field, group):
        """Join across relation `field` from `alias`; return (alias, model)."""
        alias = self.inherited_alias(alias, _relation_owner(field))
        new, model = self._join_relation(alias, field, group)
        self.alias_model.setdefault(new, model)
        return new, model

    def _join_relation(self, alias, field, group):
        if field.many_to_many and not getattr(field, "auto_created", False):
            return self._join_m2m(alias, field, group)
        generic_join = getattr(field, "generic_join", None)
        if generic_join is not None:  # contenttypes' generic relations
            return generic_join(self, alias, group)
        if getattr(field, "auto_created", False) and not field.concrete:
            # A reverse relation (ManyToOneRel / OneToOneRel / ManyToManyRel).
            rel = field
            if rel.many_to_many:
                return self._join_m2m_reverse(alias, rel, group)
            remote = rel.field
            target = remote.target_field
            on = "%%(parent)s.%s = %%(alias)s.%s" % (
                quote_name(target.column), quote_name(remote.column))
            multi = not rel.one_to_one
            new = self.add_join(alias, ("rev", id(rel)), remote.model._meta.db_table,
                                on, True, group if multi else None)
            return new, remote.model
        target = field.target_field
        on = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(field.column), quote_name(target.column))
        new = self.add_join(alias, ("fk", id(field)),
                            field.related_model._meta.db_table,
                            on, field.null, None)
        return new, field.related_model

    def _join_m2m(self, alias, field, group):
        through = field.remote_field.through
        src, dst = field.m2m_field_name(), field.m2m_reverse_field_name()
        src_f = through._meta.get_field(src)
        dst_f = through._meta.get_field(dst)
        # The link table's keys may target a to_field, not the primary key,
        # or be ForeignObjects over several columns.
        on = _link_on(src_f, into_link=True)
        t = self.add_join(alias, ("m2m", id(field)), through._meta.db_table, on, True,
                          group)
        on2 = _link_on(dst_f, into_link=False)
        new = self.add_join(t, ("m2m_to", id(field)),
                            field.related_model._meta.db_table, on2, True, group)
        return new, field.related_model

    def _join_m2m_reverse(self, alias, rel, group):
        field = rel.field
        through = field.remote_field.through
        src_f = through._meta.get_field(field.m2m_reverse_field_name())
        dst_f = through._meta.get_field(field.m2m_field_name())
        on = _link_on(src_f, into_link=True)
        t = self.add_join(alias, ("m2mr", id(rel)), through._meta.db_table, on, True,
                          group)
        on2 = _link_on(dst_f, into_link=False)
        new = self.add_join(t, ("m2mr_to", id(rel)), field.model._meta.db_table, on2,
                            True, group)
        return new, field.model

    def filtered_join(self, name):
        """Join the FilteredRelation `name` (once per query, as Django reuses
        its alias), its condition ANDed into the ON clause of the last join;
        return (alias, model, multi)."""
        found = self.__dict__.setdefault("filtered_aliases", {}).get(name)
        if found is not None:
            return found
        relation = self.query.filtered_relations[name]
        parts = relation.relation_name.split("__")
        alias, model, multi = self.base_alias, self.model, False
        if parts[0] in self.query.filtered_relations:  # one built on another
            alias, model, multi = self.filtered_join(parts.pop(0))
        for k, part in enumerate(parts):
            field = self._field_on(model._meta, part)
            multi = multi or bool(field.many_to_many or field.one_to_many)
            if k < len(parts) - 1:  # the joins on the way are the query's own
                alias, model = self.join_relation(alias, field, None)
                continue
            self._join_tag, self._join_alias = ("filtered", name), name
            try:
                alias, model = self.join_relation(alias, field, None)
            finally:
                self._join_tag = self._join_alias = None
        key = self.join_order[-1]
        found = self.filtered_aliases[name] = (alias, model, multi)
        condition = _rename_prefix(relation.relation_name, name, relation.condition)
        sql, params = self.compile_q(condition, None)
        if sql:
            join_alias, join_sql = self.joins[key]
            self.joins[key] = (join_alias, "%s AND (%s))" % (join_sql[:-1], sql))
            self.__dict__.setdefault("join_params", {})[key] = params
            # The joins the condition needed go before it: SQLite reads an
            # ON clause's tables from the left.
            self.join_order.remove(key)
            self.join_order.append(key)
        return found

    def _final_field(self, relation):
        """The relation field a FilteredRelation's path ends on."""
        parts = relation.relation_name.split("__")
        model = self.model
        if parts[0] in self.query.filtered_relations:
            model = self.filtered_join(parts[0])[1]
            parts = parts[1:]
        field = None
        for part in parts:
            field = self._field_on(model._meta, part)
            model = field.related_model
        return field

    def resolve_ref(self, name, group, allow_joins=True):
        """Return (sql, field) for a name used in F(), order_by or values()."""
        resolving = self.__dict__.setdefault("_resolving", set())
        if name in self.query.annotations and name not in resolving:
            expr = self.query.annotations[name]
            if self.in_group_context and getattr(expr, "contains_aggregate", False) \
                    and self._selects(name):
                resolving.add(name)  # Sum("pages") named pages reads the field
                try:
                    return quote_name(name), expr.get_output_field(self)
                finally:
                    resolving.discard(name)
            resolving.add(name)
            try:
                # An annotation reads the joins it was added with, whichever
                # filter() names it (Django reuses the annotation's aliases).
                sql, params = self.compile(expr, self.annotation_group(name))
                output_field = expr.get_output_field(self)
            finally:
                resolving.discard(name)
            if params:
                self.pending_params.extend(params)
            return sql, output_field
        if name in resolving and self._field_on(self.model._meta, name) is None:
            # annotate(x=F("x")): no x to refer to yet.  With a field x (after
            # values(), values("a").annotate(x=Sum("x"))) x is that field, as
            # Django resolved it when the annotation was added.
            self._cannot_resolve(name, self.model._meta, exclude=resolving)
        alias, field, rest, _multi = self.setup_path(
            name.split("__"), group, allow_annotation=False)
        if rest:
            raise FieldError("Cannot resolve keyword '%s' into field. Join on '%s' not "
                             "permitted." % (rest[0], field.name))
        if field.is_relation and field.concrete and not field.many_to_many:
            return self.column(alias, field), field
        return self.column(alias, field), field

    def compile_ref(self, name, group):
        """(sql, params, field) for a name in F(): a field, an annotation, or
        either followed by transforms (F("pub_date__year"), as Django 5)."""
        pending = self.__dict__.setdefault("pending_params", [])
        start = len(pending)
        try:
            sql, field = self.resolve_ref(name, group)
            params = pending[start:]  # an annotation's own parameters
            del pending[start:]
            return sql, params, field
        except FieldError as error:
            names = name.split("__")
            for k in range(len(names) - 1, 0, -1):
                start = len(pending)
                try:
                    sql, field = self.resolve_ref("__".join(names[:k]), group)
                    # An annotation's parameters go with it (a transform
                    # may repeat it: a JSON key's SQL names it three times).
                    lhs_params = pending[start:]
                    del pending[start:]
                    lhs = self.build_lhs(sql, lhs_params, field, names[k:])
                except FieldError:
                    del pending[start:]
                    continue
                sql, params = self.compile(lhs, group)
                return sql, params, lhs.get_output_field(self)
            raise error

    def needs_pk_subquery(self):
        return _needs_pk_subquery(self)

    def pk_subquery(self, values_fields):
        return _pk_subquery(self.query, values_fields)

    def ref_output_field(self, name):
        """The field a name in F() resolves to, leaving the query's joins as
        they were: asking for a type must not join a relation again in
        another join group."""
        saved = (dict(self.joins), list(self.join_order), set(self.used_aliases),
                 dict(self.alias_nullable), dict(self.alias_model))
        try:
            return self.compile_ref(name, None)[2]
        finally:
            (self.joins, self.join_order, self.used_aliases, self.alias_nullable,
             self.alias_model) = saved

    def _selects(self, name):
        """Whether the annotation `name` is a column of the SELECT list (so
        HAVING may name it): an alias not selected is a string to SQLite."""
        query = self.query
        if query.values_fields is not None:
            return name in query.values_fields
        return query.annotation_mask is None or name in query.annotation_mask

    def _refers_to_aggregate(self, value):
        """Whether a lookup's value reads an aggregate: pages__gt=F("n")."""
        if value.__class__ in _PLAIN_VALUE_CLASSES:
            return False
        if isinstance(value, F) and not isinstance(value, OuterRef):
            return isinstance(value.name, str) and self.is_aggregate_ref(value.name)
        if getattr(value, "contains_aggregate", False) is True:
            return True
        if isinstance(value, Q):  # When(n=F("max")) of a Case
            return self._q_has_aggregate(value)
        sources = value.get_source_expressions() if hasattr(
            value, "get_source_expressions") and not hasattr(value, "query") else []
        return any(self._refers_to_aggregate(e) for e in sources if e is not None)

    def annotation_group(self, name):
        """The join group the annotation `name` reads multi-valued relations
        in (that of the last filter() before it), None before any."""
        return self.query.annotation_groups.get(name)

    def _annotation_ref(self, path):
        """The annotation a lookup path starts with ("book__count__gt"), or
        its first name."""
        names = path.split("__")
        for k in range(len(names), 1, -1):
            key = "__".join(names[:k])
            if key in self.query.annotations:
                return key
        return names[0]

    def is_aggregate_ref(self, name):
        """Whether the annotation `name` is, or reads, an aggregate
        (qty_needed=F("target") - F("stock_sum") filters in HAVING)."""
        expr = self.query.annotations.get(name)
        if expr is None:
            return False
        if getattr(expr, "contains_aggregate", False) is True:
            return True
        return not isinstance(expr, F) and self._refers_to_aggregate(expr)

    # -- expressions and conditions

    def compile(self, expr, group=None, aggregate_arg=False):
        if isinstance(expr, Q):
            # A Q used as a value (When(), annotate(x=Q(...))) tests each
            # joined row, as Django resolves it (split_subq=False): no
            # subquery for ~Q(many__x=v); only filter() conditions split.
            split, self.split_subqueries = self.split_subqueries, False
            try:
                return self.compile_q(expr, group)
            finally:
                self.split_subqueries = split
        if isinstance(expr, F) and aggregate_arg and not isinstance(expr, OuterRef):
            # Count("comment") counts the related rows' primary keys.
            alias, field, rest, _m = self.setup_path(expr.name.split("__"), group)
            if alias is None:  # an annotation, in the joins it was added with
                return self.compile(field, self.annotation_group(
                    self._annotation_ref(expr.name)))
            if field.is_relation and field.many_to_many:
                alias, model = self.join_relation(alias, field, group)
                field = model._meta.pk
            if getattr(field, "is_composite", False) and not rest:
                return self._composite_aggregate_arg(alias, field, aggregate_arg)
            if rest:  # Min("pubdate__year"): the transforms of the column
                return self.compile(self.build_lhs(self.column(alias, field), [],
                                                   field, rest), group)
            return self.column(alias, field), []
        if isinstance(expr, str):
            return self.resolve_ref(expr, group)[0], []
        if not hasattr(expr, "as_sql") and (isinstance(expr, _Query) or isinstance(
                getattr(expr, "query", None), _Query)):
            # A queryset as a value (Coalesce(qs, 42)): its subquery.
            return self.compile(Subquery(expr), group)
        if not hasattr(expr, "as_sql"):
            return self.compile(Value(expr), group)
        if group is connection or (group is not None and not isinstance(group, int)
                                   and hasattr(group, "vendor")):
            # compiler.compile(e, connection), Django's way (the proxy is not
            # asked for its vendor: that needs the settings)
            group = self.current_group
        if getattr(expr, "contains_aggregate", False) is True and hasattr(
                expr, "distinct") and self.in_group_context:
            self.aggregate_depth += 1  # HAVING: columns inside an aggregate
            try:
                return self._compile_expression(expr, group)
            finally:
                self.aggregate_depth -= 1
        return self._compile_expression(expr, group)

    def _compile_expression(self, expr, group):
        as_sql, as_sqlite = expr.as_sql, getattr(expr, "as_sqlite", None)
        if as_sqlite is not None and (_written_for_django(as_sqlite) or
                                      not _written_for_django(as_sql)):
            as_sql = as_sqlite
        try:
            if _written_for_django(as_sql):
                # An expression class of the application's: Django's signature
                # (compiler, connection) and %s placeholders.
                outer, self.current_group = self.current_group, group
                try:
                    sql, params = as_sql(self, connection)
                finally:
                    self.current_group = outer
                return _format_to_qmark(sql), list(params)
            return as_sql(self, group)
        except CompositeColumnError as error:  # F("pk") inside this expression
            raise _composite_use_error(expr, error) from None

    @property
    def connection(self):
        return connection

    def compile_q(self, q, group=None, negated=False):
        """Compile a Q tree to (sql, params)."""
        if not isinstance(q, Q):
            if getattr(q, "conditional", False):
                return self.compile(q, group)
            raise TypeError("Cannot filter against a non-conditional expression.")
        negated_here = negated ^ q.negated
        parts, params, votes = [], [], []
        self.q_votes = frozenset()
        for child in q.children:
            if isinstance(child, Q):
                # A combined queryset's filter keeps its own join group.
                child_group = child.join_group if isinstance(child, _GroupedQ) \
                    else group
                sql, p = self.compile_q(child, child_group, negated_here)
                if not sql:
                    continue
                votes.append(self.q_votes)
                sql = "(%s)" % sql if len(child.children) > 1 or child.negated else sql
            elif isinstance(child, tuple):
                sql, p = self.compile_lookup(child[0], child[1], group, negated_here)
                votes.append(self.lookup_votes)
            else:
                sql, p = self.compile(child, group)
                votes.append(frozenset())
            parts.append(sql)
            params.extend(p)
        self.q_votes = _combine_votes(votes, q.connector, negated_here)
        if not parts:
            return "", []
        if q.connector == Q.XOR:  # true when an odd number of parts are true
            sql = "((%s) %% 2) = 1" % " + ".join(
                "(CASE WHEN %s THEN 1 ELSE 0 END)" % p for p in parts)
        elif q.connector in (Q.AND, Q.OR):
            sql = (" %s " % q.connector).join(parts)
        else:  # a connector set after Q() checked it never becomes SQL
            raise ValueError("_connector must be one of 'AND', 'OR', 'XOR', or None.")
        if q.negated:
            sql = "NOT (%s)" % sql
        return sql, params

    def compile_lookup(self, path, value, group, negated=False):
        """Compile one `name__lookup=value` condition.

        Leave in `lookup_votes` the joins it needs a row in (the join
        promotion of Django's JoinPromoter: a condition that no NULL meets
        makes its joins INNER)."""
        sql, params, votes = self._compile_lookup(path, value, group, negated)
        self.lookup_votes = votes
        return sql, params

    def _compile_lookup(self, path, value, group, negated):
        names = path.split("__")
        if negated and self.split_subqueries and self._crosses_many(names) and \
                self._annotation_ref(path) not in self.query.annotations:
            # exclude(comment__x=v) means "no related row matches": a subquery.
            sub = _Query(self.model)
            sub.where = [(Q(**{path: value}), 1)]
            sub.values_fields = ["pk"]
            sub.order_by = ()
            sql, params = SQLCompiler(sub, outer=self).as_sql()
            if self._recording is not None:
                self._recording.append(None)
            return "%s IN (%s)" % (self.column(self.base_alias, self.model._meta.pk),
                                   sql), params, frozenset()
        if names[0] in self.query.annotations and names[0] not in self.__dict__.get(
                "_resolving", ()):
            # A filter names the annotation before a field of the same name
            # (values("a").annotate(pages=Sum("pages")).filter(pages__gt=1)).
            self.path_lookups, self.path_aliases = None, []
            alias, field, rest = None, self.query.annotations[names[0]], names[1:]
        else:
            alias, field, rest, _multi = self.setup_path(names, group)
        path_aliases = frozenset(self.path_aliases)
        if alias is not None and _is_tuple_field(field):
            if self._recording is not None:
                self._recording.append(None)
            return self._tuple_lookup(alias, field, rest, value, group, negated,
                                      path_aliases)
        if alias is None:  # an annotation
            expr = field
            group = self.annotation_group(self._annotation_ref(path))
            lhs_sql, lhs_params = self.compile(expr, group)
            if isinstance(expr, Q) and lhs_sql:  # "a OR b" compared as one value
                lhs_sql = "(%s)" % lhs_sql
            out = expr.get_output_field(self)
            nullable = True
        else:
            if field is None:
                raise FieldError("Cannot resolve keyword %r into field." % path)
            lhs_sql, lhs_params = self.column(alias, field), []
            out = field
            nullable = field.null or self.alias_nullable.get(alias, False)
            if self.in_group_context and not self.aggregate_depth:
                # A column HAVING tests outside an aggregate is grouped by,
                # as Django's get_group_by() adds the HAVING's columns.
                self.__dict__.setdefault("having_columns", []).append(lhs_sql)
        owner = self.path_lookups if alias is not None else None
        if alias is not None and len(rest) <= 1:
            target_opts = _related_opts(field, owner)
            if target_opts is not None:
                _check_related_objects(value, target_opts, field)
        if alias is None and isinstance(expr, Transform):
            # An annotation that is a transform (a JSON key) takes its own
            # lookups (KeyTransformExact), then its output field's.
            lhs = expr
            for name in rest[:-1]:
                lhs = self.try_transform(lhs, name, rest)
        else:
            lhs = self.build_lhs(lhs_sql, lhs_params, out, rest[:-1], rest, owner)
        state = (self._lookup_class(lhs, rest[-1] if rest else "exact", rest), group,
                 negated, nullable, alias, lhs_sql, lhs_params, path_aliases)
        found = self._finish_lookup(state, value)
        if self._recording is not None:
            self._recording.append(None if alias is None else (state, *found))
        return found

    def build_lhs(self, sql, params, field, transforms, lookups=None, owner=None):
        """Apply the `transforms` (names) to a compiled left-hand side;
        `owner` holds the lookups when the field's own do not apply (the
        related key of a reverse relation)."""
        lhs = _CompiledLhs(sql, params, field)
        lhs.lookup_owner = owner
        for name in transforms:
            lhs = self.try_transform(lhs, name, lookups)
        return lhs

    def try_transform(self, lhs, name, lookups=None):
        transform = _lookup_source(lhs).get_transform(name)
        if transform is None:
            raise _unsupported_lookup(lhs, name, lookups)
        return transform(lhs)

    def build_lookup(self, lhs, name, value, lookups=None):
        """Return the lookup `name` on `lhs` (a transform then `exact` when
        `name` is a transform), as Django's Query.build_lookup."""
        return self._new_lookup(*self._lookup_class(lhs, name, lookups), value)

    def _lookup_class(self, lhs, name, lookups):
        lookup_class = _lookup_source(lhs).get_lookup(name)
        if lookup_class is None:
            lhs = self.try_transform(lhs, name, lookups)
            name = "exact"
            lookup_class = _lookup_source(lhs).get_lookup(name)
        return lhs, name, lookup_class

    def _new_lookup(self, lhs, name, lookup_class, value):
        if value is not None and name in ("exact", "iexact") and \
                _prepares_to_none(lhs, value):
            value = None  # an application's field stores this value as NULL
        if value is None and not lookup_class.can_use_none_as_rhs:
            if name not in ("exact", "iexact"):  # the name asked for, as Django
                # Built first, as Django does: `in` and `range` iterate
                # their value, so None is "'NoneType' object is not iterable".
                lookup_class(lhs, value)
                raise ValueError("Cannot use None as a query value")
            return _lookup_source(lhs).get_lookup("isnull")(lhs, True)
        return lookup_class(lhs, value)

    def _crosses_many(self, names):
        model = self.model
        for name in names:
            field = self._field_on(model._meta, name)
            if field is None or not getattr(field, "is_relation", False):
                return False
            if field.many_to_many or field.one_to_many:
                return True
            model = field.related_model
        return False

    def _prep(self, field, value, group):
        """Return (sql, params) for one right-hand-side value."""
        if isinstance(value, Expression) or isinstance(value, Q):
            return self.compile(value, group)
        if hasattr(value, "query") and isinstance(getattr(value, "query"), _Query):
            return self._subquery(value, group)
        if isinstance(value, Model):
            if field is not None and field.is_relation and field.concrete:
                value = djscratch.db.models.related_lookups._related_key_value(
                    field.target_field, value)
            else:
                value = value.pk
        if field is not None:
            target = field.target_field if (field.is_relation and field.concrete
                                            and not field.many_to_many) else field
            try:
                if isinstance(target, DateTimeField):
                    value = target.get_db_prep_value(value)
                elif _is_number_field(target):
                    value = target.get_prep_value(value)
                elif isinstance(target, DateField) or _instance_of_any(
                        target, _PREPARED_BY_DB_VALUE):
                    value = target.get_db_prep_value(value)
                else:  # a custom field's own preparation, if it has one
                    value = _custom_lookup_value(target, value, self.connection)
            except ValidationError as e:
                raise LookupValidationError(e.messages[0], code=getattr(
                    e, "code", None)) from e
            except ValueError as e:
                if _is_number_field(target):
                    # The field the value is for: a foreign key's target
                    # ('id'), as Django names it.
                    raise LookupValueError("Field '%s' expected a number but got %r."
                                           % (target.name, value)) from e
                raise LookupValueError(str(e)) from e
        return "?", [_adapt_param(value)]

    def _subquery(self, qs, group=None):
        query = qs.query.clone()
        if not query.values_fields:
            if query.group_by is None and query.has_aggregates():
                # annotate(Count(...)) before the pk is taken: still one row
                # a model object, grouped as the full queryset was (HAVING).
                query.group_by = ["pk"]
            query.values_fields = ["pk"]
            query.annotation_mask = ()
        elif len(query.values_fields) != 1 and not query.annotation_mask:
            raise TypeError("Cannot use multi-field values as a filter value.")
        if not query.is_sliced:
            query.order_by = ()
            query.default_ordering = False
        sub = SQLCompiler(query, outer=self)
        sub.outer_group = group
        sql, params = sub.as_sql()
        return "(%s)" % sql, params

    def _is_query(self, query):
        return isinstance(query, _Query)

    def _lookup_sql(self, name, lhs, lhs_params, value):
        """Compile the built-in lookup `name` on an SQL expression."""
        lookup = self.build_lookup(_CompiledLhs(lhs, lhs_params, None), name, value)
        return lookup.as_sql(self, None)

    def compile_where_for_values(self, condition, values):
        """Compile a check condition with literal values in place of columns."""
        import re

        sql, params = self.compile_q(condition)
        columns = {f.column: f for f in self.model._meta.concrete_fields}
        given, out = iter(params), []

        def replace(match):
            if match.group(0) == "?":
                out.append(next(given))
            else:
                field = columns[match.group(1)]
                out.append(_adapt_param(field.get_db_prep_value(values.get(field.name))))
            return "?"

        pattern = re.compile(r'\?|%s\."(\w+)"' % re.escape(quote_name(self.base_alias)))
        return pattern.sub(replace, sql), out

    def _annotation_output_field(self, expr):
        """An annotation's output field; when annotate() only checks names,
        a type that cannot be inferred is reported later, when the query
        runs, as Django reports it."""
        if not self.validating:
            return expr.get_output_field(self)
        try:
            return expr.get_output_field(self)
        except FieldError:
            return None

    def _split_having(self, q):
        """(the part of a condition that filters rows, the part that filters
        groups); either may be None.  The conditions ANDed at the top (and in
        ANDed Q objects) go to WHERE unless they read an aggregate; an OR or
        a negation that reads one goes to HAVING whole, as Django's
        WhereNode.split_having_qualify()."""
        if not self._q_has_aggregate(q):
            return q, None
        if q.negated or q.connector != Q.AND:
            return None, q
        where, having = [], []
        for child in q.children:
            if isinstance(child, _GroupedQ):  # each part keeps its join group
                w, h = (None if part is None else _GroupedQ.wrap(
                    part, child.join_group) for part in self._split_having(child))
            elif isinstance(child, Q):
                w, h = self._split_having(child)
            elif self._q_has_aggregate(Q(child)):
                w, h = None, child
            else:
                w, h = child, None
            if w is not None:
                where.append(w)
            if h is not None:
                having.append(h)
        return (Q.create(where) if where else None), (
            Q.create(having) if having else None)

    def _split_window(self, q):
        """(the part of a condition the rows are filtered on before the
        windows are computed, the part on the windows), as Django splits
        the AND of a filter(); either may be None."""
        if not self._q_has_window(q):
            return q, None
        if not isinstance(q, Q) or q.negated or q.connector != Q.AND:
            return None, q
        inner = [c for c in q.children if not self._q_has_window(
            c if not isinstance(c, tuple) else Q(c))]
        outer = [c for c in q.children if c not in inner]
        return (Q.create(inner) if inner else None), Q.create(outer)

    def _is_window_ref(self, name, seen=frozenset()):
        # `seen`: an annotation may read a field of its own name
        # (annotate(pages=Sum("pages"))), which is not itself again.
        if name in seen:
            return False
        expr = self.query.annotations.get(name)
        return expr is not None and self._expr_has_window(expr, seen | {name})

    def _q_has_window(self, q):
        if not isinstance(q, Q):
            return getattr(q, "contains_over_clause", False)
        for child in q.children:
            if isinstance(child, Q):
                if self._q_has_window(child):
                    return True
            elif isinstance(child, tuple):
                # (with no annotation, no name refers to one)
                if (self.query.annotations and self._is_window_ref(
                        self._annotation_ref(child[0]))) or \
                        self._expr_has_window(child[1]):
                    return True
            elif self._expr_has_window(child):
                return True
        return False

    def _expr_has_window(self, expr, seen=frozenset()):
        """Whether an expression computes or reads a window function."""
        if expr.__class__ in _PLAIN_VALUE_CLASSES:
            return False
        if isinstance(expr, Q):
            return self._q_has_window(expr)
        if isinstance(expr, F) and not isinstance(expr, OuterRef):
            return isinstance(expr.name, str) and self._is_window_ref(expr.name, seen)
        if getattr(expr, "contains_over_clause", False) is True:
            return True
        if hasattr(expr, "query") or not hasattr(expr, "get_source_expressions"):
            return False
        return any(self._expr_has_window(e, seen)
                   for e in expr.get_source_expressions() if e is not None)

    def _q_has_aggregate(self, q):
        for child in q.children:
            if isinstance(child, Q):
                if self._q_has_aggregate(child):
                    return True
            elif isinstance(child, tuple):
                if (self.query.annotations and self.is_aggregate_ref(
                        self._annotation_ref(child[0]))) or \
                        self._refers_to_aggregate(child[1]):
                    return True
            elif getattr(child, "contains_aggregate", False):
                return True
        return False

    def _add_annotation_columns(self, cols):
        """`cols` and the columns a selected aggregate annotation reads
        outside its aggregates (Sum("age") + F("friends__age") groups by
        friends' age), and those HAVING tests, as Django's
        get_group_by_cols()."""
        query = self.query
        for sql in self.__dict__.get("having_columns", ()):
            if sql not in cols:
                cols.append(sql)
        names = query.values_fields if query.values_fields is not None else [
            n for n in query.annotations
            if query.annotation_mask is None or n in query.annotation_mask]
        for name in names:
            expr = query.annotations.get(name)
            if expr is None or not getattr(expr, "contains_aggregate", False):
                continue
            for ref in self._plain_column_refs(expr):
                sql, params = self.compile(ref, self.annotation_group(name))
                if not params and sql not in cols:
                    cols.append(sql)
        return cols

    def _plain_column_refs(self, expr):
        """The F() an expression reads outside its aggregates (and outside
        subqueries), other than names of aggregate annotations."""
        if isinstance(expr, F):
            if isinstance(expr, OuterRef) or not isinstance(expr.name, str) or \
                    self.is_aggregate_ref(self._annotation_ref(expr.name)):
                return []
            return [expr]
        if hasattr(expr, "distinct") and getattr(expr, "contains_aggregate", False) \
                or hasattr(expr, "query") or not hasattr(
                    expr, "get_source_expressions"):
            return []
        return [ref for source in expr.get_source_expressions() if source is not None
                for ref in self._plain_column_refs(source)]

    def _transformed_order(self, name, error):
        """(sql, params) of an ordering name ending in transforms of an
        annotation, else `error` (the ordering's own report of the name)."""
        if name.partition("__")[0] not in self.query.annotations:
            raise error
        try:
            sql, params, _field = self.compile_ref(name, None)
        except FieldError:
            raise error from None
        return sql, params

    def _related_order(self, name, field, descending, seen):
        """A relation's terms: its model's Meta.ordering under the path
        `name`, each term's direction turned when the relation's is (Django's
        find_ordering_name); a relation met again on the way is a loop."""
        if field in seen:
            raise FieldError("Infinite loop caused by ordering.")
        terms, params = [], []
        for item in field.related_model._meta.ordering:
            if isinstance(item, str):
                sql, p = self._order_columns(
                    "%s__%s" % (name, item.lstrip("-+")),
                    descending != item.startswith("-"), seen + (field,))
                terms.extend(sql)
            else:  # an expression (a copy): its references start at the relation
                item = item.prefix_references(name + "__")
                item = item if isinstance(item, OrderBy) else item.asc()
                sql, p = (item.reverse_ordering() if descending else item).as_sql(self)
                terms.append(sql)
            params.extend(p)
        return terms, params

    def get_limit(self):
        return _limit_sql(self.query)

    def _qualified_sql(self, exists, with_limits):
        """A query filtered on window functions: the inner query computes the
        windows over the rows the rest of the filter keeps, with the window
        conditions as one more column; the outer one keeps the rows where it
        is true (then the slice), as Django's QUALIFY emulation."""
        query = self.query
        inner = SQLCompiler(query.clone(), outer=self.outer,
                            alias_prefix=self.alias_prefix)
        inner.outer_group = self.outer_group
        inner.query.where, conditions = [], []
        for q, group in query.where:
            if not self._q_has_window(q):
                before, after = q, None
            elif self._q_has_aggregate(q):  # HAVING and window: all outside
                before, after = None, q
            else:
                before, after = self._split_window(q)
            if before is not None:
                inner.query.where.append((before, group))
            if after is not None:
                conditions.append((after, group))
        parts, qparams = [], []
        for q, group in conditions:
            sql, p = inner.compile_q(q, group)
            parts.append("(%s)" % sql)
            qparams.extend(p)
        flag = "__djscratch_qualify"
        inner.extra_columns = [(" AND ".join(parts), qparams, flag)]
        sql, params = inner._build_sql(False, with_limits=False)
        self.select, self.layout = inner.select, inner.layout
        self.hidden_count = 1  # the flag column
        columns = "1 AS %s" % quote_name("a") if exists else "*"
        sql = "SELECT %s FROM (%s) %s WHERE %s" % (
            columns, sql, quote_name("qualify"), quote_name(flag))
        if exists and not query.is_sliced:
            sql += " LIMIT 1"
        elif with_limits and self.get_limit():
            sql += " " + self.get_limit()
        return sql, params

    def _aliased(self, select, layout):
        out = []
        if "names" in layout:
            for (sql, _p, _c), name in zip(select, layout.get("aliases") or
                                           layout["names"]):
                # A composite key's columns keep their names, as Django's.
                out.append(sql if name is None else
                           "%s AS %s" % (sql, quote_name(name)))
            return out
        n_ann = len(layout["annotations"])
        plain = select[:len(select) - n_ann] if n_ann else select
        out = [s for s, _p, _c in plain]
        for (sql, _p, _c), name in zip(select[len(select) - n_ann:],
                                       layout["annotations"]):
            out.append("%s AS %s" % (sql, quote_name(name)))
        return out

    def as_combined_sql(self):
        """UNION / INTERSECT / EXCEPT of the combined queries, then ORDER BY.

        As in Django, ordering by a field the rows do not select adds that
        column to each combined query; the rows lose it again when fetched.
        """
        query = self.query
        subs = []
        for q in query.combined_queries:
            if q.order_by is None:
                q = q.clone()
                q.order_by = ()
            subs.append(q)
        first = self._combined_part(subs[0])
        first.as_sql()
        names = self._combined_names(first)
        hidden, order = [], []
        # Django adds a column the rows do not select only when the last one
        # they select is a field's (not an annotation's or an expression's).
        aliased = bool(names) and names[-1] in subs[0].annotations
        for item in query.order_by or ():
            item, explicit = _combined_order_item(item)
            desc = item.startswith("-")
            name = item.removeprefix("-")
            column = self.model._meta.pk.attname if name == "pk" else name
            if column not in names:
                f = self.model._meta._forward_fields_map.get(column)
                column = f.attname if f is not None else column
            if column in names:
                position = names.index(column) + 1
            elif "__" in name and name.split("__")[0] in names:
                raise NotImplementedError("Ordering combined queries by transforms is "
                                          "not implemented.")
            elif aliased or explicit:
                raise DatabaseError("ORDER BY term does not match any column in the "
                                    "result set.")
            else:
                self.setup_path(name.split("__"), None, allow_annotation=False)
                hidden.append(name)
                position = len(names) + len(hidden)
            if not query.standard_ordering:
                desc = not desc
            nulls = ""
            if isinstance(explicit, OrderBy):
                nulls = " NULLS FIRST" if explicit.nulls_first else (
                    " NULLS LAST" if explicit.nulls_last else "")
            order.append("%d %s%s" % (position, "DESC" if desc else "ASC", nulls))
        parts, params = [], []
        for q in subs:
            if hidden:
                q = q.clone()
                q.hidden_select = tuple(hidden)
            compiler = self._combined_part(q)
            sql, p = compiler.as_sql()
            parts.append("SELECT * FROM (%s)" % sql)
            params.extend(p)
        self.select, self.layout = first.select, first.layout
        self.hidden_count = len(hidden)
        op = {"union": "UNION", "intersection": "INTERSECT",
              "difference": "EXCEPT"}[query.combinator]
        if query.combinator_all:
            op += " ALL"
        sql = (" %s " % op).join(parts)
        if query.is_empty:  # union(...).none()
            sql = "SELECT * FROM (%s) WHERE 0 = 1" % sql
        if order:
            sql += " ORDER BY " + ", ".join(order)
        limit = self.get_limit()
        if limit:
            sql += " " + limit
        return sql, params

    def _combined_part(self, query):
        """The compiler of one query of a UNION (in a subquery, its OuterRef()
        reads the same outer query as the combined one)."""
        compiler = SQLCompiler(query, outer=self.outer)
        compiler.outer_group = self.outer_group
        return compiler

    @staticmethod
    def _combined_names(compiler):
        layout = compiler.layout
        if "names" in layout:
            return list(layout["names"])
        return [f.attname for f in layout["fields"]] + list(layout["annotations"])

    def as_aggregate_sql(self, aggregates):
        query = self.query
        if query.is_sliced or query.distinct or query.combinator or \
                self._filters_on_windows() or \
                query.has_aggregates() or query.values_fields is not None:
            inner = query.clone()
            if not inner.is_sliced:  # a slice keeps the ordering choosing its rows
                inner.order_by = ()
                inner.default_ordering = False
            self.lifted = {}
            # A lifted column must not change which rows DISTINCT keeps:
            # model rows (their key selected) are distinct already.
            if not query.combinator and not (
                    query.distinct and query.values_fields is not None):
                for agg in aggregates.values():
                    self._lift_aggregate_sources(agg, inner)
            inner_compiler = SQLCompiler(inner)
            sql, params = inner_compiler.as_sql()
            names = self._combined_names(inner_compiler)
            outer_parts, outer_params = [], []
            for alias, agg in aggregates.items():
                outer_sql, p = self._outer_expression(agg, names)
                outer_parts.append("%s AS %s" % (outer_sql, quote_name(alias)))
                outer_params.extend(p)
            return "SELECT %s FROM (%s) subquery" % (", ".join(outer_parts), sql), \
                outer_params + params
        parts, params = [], []
        for alias, agg in aggregates.items():
            # As an annotation: the joins of the last filter() are reused.
            sql, p = self.compile(agg, query.groups or None)
            parts.append("%s AS %s" % (sql, quote_name(alias)))
            params.extend(p)
        where, wparams = self.get_where()
        sql = "SELECT %s FROM %s" % (", ".join(parts), self.get_from())
        if where:
            sql += " WHERE " + where
        if query.is_empty:
            sql += " WHERE 0 = 1" if not where else " AND 0 = 1"
        return sql, params + self.from_params() + wparams

    def _outer_expression(self, expr, names):
        """An aggregate() expression over the subquery of a grouped query:
        aggregates read its columns, arithmetic and constants combine them."""
        if isinstance(expr, CombinedExpression):
            lsql, lparams = self._outer_expression(expr.lhs, names)
            rsql, rparams = self._outer_expression(expr.rhs, names)
            op = expr.connector.replace("%%", "%")
            if op == "^":
                return "POWER(%s, %s)" % (lsql, rsql), lparams + rparams
            return "(%s %s %s)" % (lsql, op, rsql), lparams + rparams
        if isinstance(expr, Value):
            return expr.as_sql(self)
        if hasattr(expr, "source_expressions") and getattr(
                expr, "contains_aggregate", False) and not hasattr(expr, "distinct"):
            parts, params = [], []
            for source in expr.source_expressions:
                sql, p = self._outer_expression(source, names)
                parts.append(sql)
                params.extend(p)
            return "%s(%s)" % (expr.function, ", ".join(parts)), params
        if not hasattr(expr, "distinct"):
            raise NotSupportedError("Aggregating a complex expression over a grouped "
                                    "or sliced query is not supported.")
        sql = self._outer_aggregate(expr, names)
        default = getattr(expr, "default", None)
        if default is not None:  # Sum(..., default=0): what no row sums to
            dsql, dparams = self._outer_expression(
                default if hasattr(default, "as_sql") else Value(default), names)
            return "COALESCE(%s, %s)" % (sql, dsql), dparams
        return sql, []

    def _lift_aggregate_sources(self, expr, inner):
        """Select what each aggregate of `expr` reads as a column of the
        inner (grouped, sliced) query, when it is more than a column there:
        an expression, a field left out by values(), a filter= (a CASE, as
        Django writes it where FILTER is missing)."""
        if not hasattr(expr, "distinct"):  # arithmetic of aggregates
            for source in getattr(expr, "get_source_expressions", lambda: [])():
                if source is not None and getattr(source, "contains_aggregate", False):
                    self._lift_aggregate_sources(source, inner)
            return
        source = expr.source_expressions[0]
        selected = inner.values_fields if inner.values_fields is not None else (
            [f.attname for f in inner.model._meta.concrete_fields] + [
                n for n in inner.annotations if inner.annotation_mask is None
                or n in inner.annotation_mask])
        plain = isinstance(source, _Star) or (
            isinstance(source, F) and not isinstance(source, OuterRef) and (
                source.name in selected or source.name in inner.annotations
                or self._field_on(inner.model._meta,
                                  source.name.split("__")[0]) is None))
        if plain and expr.filter is None:
            return
        if expr.filter is not None:
            then = Value(1) if isinstance(source, _Star) else source
            source = djscratch.db.models.expressions.Case(
                djscratch.db.models.expressions.When(expr.filter, then=then))
        name = "__aggregated%d" % len(self.lifted)
        inner.annotations = {**inner.annotations, name: source}
        inner.annotation_groups = {**inner.annotation_groups,
                                   name: inner.groups or None}
        if inner.annotation_mask is not None:
            inner.annotation_mask = tuple(inner.annotation_mask) + (name,)
        if inner.values_fields is not None:
            inner.values_fields = list(inner.values_fields) + [name]
        if inner.group_by is not None and not SQLCompiler(inner)._reads_aggregate(
                source):
            # As Django, a selected column joins the grouping of values().
            inner.group_by = tuple(inner.group_by) + (name,)
        self.lifted[id(expr)] = name

    def _reads_aggregate(self, expr):
        """Whether `expr` computes an aggregate, itself or through an
        annotation it names (When(n__gt=1) of n=Count(...))."""
        if getattr(expr, "contains_aggregate", False) is True:
            return True
        if isinstance(expr, Q):
            return self._q_has_aggregate(expr)
        if isinstance(expr, F):
            return isinstance(expr.name, str) and self.is_aggregate_ref(
                self._annotation_ref(expr.name))
        sources = getattr(expr, "get_source_expressions", lambda: [])()
        return any(self._reads_aggregate(e) for e in sources if e is not None)

    def _outer_aggregate(self, agg, names):
        expr = agg.source_expressions[0]
        lifted = self.lifted.get(id(agg))
        if lifted is not None:
            return "%s(%s%s)" % (agg.function, "DISTINCT " if agg.distinct else "",
                                 quote_name(lifted))
        if isinstance(expr, F) and expr.name in names:
            col = quote_name(expr.name)
        elif isinstance(expr, F):
            f = self._field_on(self.model._meta, expr.name)
            if f is None and expr.name not in self.query.annotations:
                self.setup_path(expr.name.split("__"), None)  # Django's FieldError
            if f is None or f.attname not in names:
                raise FieldError("Cannot compute %s('%s'): '%s' is an aggregate" % (
                    agg.name, expr.name, expr.name))
            col = quote_name(f.attname)
        elif isinstance(expr, _Star):
            col = "*"
        else:
            raise NotSupportedError("Aggregating a complex expression over a grouped "
                                    "or sliced query is not supported.")
        return "%s(%s%s)" % (agg.function, "DISTINCT " if agg.distinct else "", col)

    def compile_for_save(self, value):
        """Compile an expression written into a column (UPDATE SET, INSERT
        VALUES): like Django, it may not reach another table through a join."""
        joins = len(self.join_order)
        sql, params = self.compile(value)
        if len(self.join_order) > joins:
            raise FieldError("Joined field references are not permitted in this query")
        return sql, params

    def compile_insert_value(self, field, value):
        """(sql, params) of an expression saved into a new row; refused, as
        Django refuses it, when it reads a column (the row does not exist yet)
        or holds an aggregate."""
        sql, params = self.compile_for_save(value)
        opts = self.model._meta
        if _references_columns(value):
            raise ValueError(
                'Failed to insert expression "%s" on %s. F() expressions can only be '
                "used to update, not to insert." % (_resolved_text(value, opts), field))
        if getattr(value, "contains_aggregate", False):
            raise FieldError("Aggregate functions are not allowed in this query "
                             "(%s=%s)." % (field.name,
                                           _resolved_text(value, opts, as_repr=True)))
        return sql, params

    def refuse_window_filters(self, statement):
        """UPDATE and DELETE have no place for a window function's condition."""
        if self._filters_on_windows():
            raise NotSupportedError(
                "%s of a query filtered on a window function is not supported by "
                "djscratch; use the Django engine (DJSCRATCH_ENGINE=django)."
                % statement)

    def as_update_sql(self, values):
        """Return (sql, params) for UPDATE ... SET ... WHERE (by pk subquery)."""
        self.refuse_window_filters("update()")
        opts = self.model._meta
        sets, params = [], []
        for field, value in values:
            if isinstance(value, (Expression, Q)):
                try:
                    sql, p = self.compile_for_save(value)
                except CompositeColumnError:  # update(text=F("pk"))
                    raise FieldError(
                        "Composite primary keys expressions are not allowed in this "
                        "query (%s=F('pk'))." % field.name) from None
                if getattr(value, "contains_aggregate", False):
                    raise FieldError(
                        "Aggregate functions are not allowed in this query (%s=%s)."
                        % (field.name, _resolved_text(value, opts, as_repr=True)))
                sets.append("%s = %s" % (quote_name(field.column), sql))
                params.extend(p)
            else:
                if isinstance(value, Model) and field.is_relation:
                    value = getattr(value, field.target_field.attname)
                elif isinstance(value, Model):
                    raise _model_instance_update_error(field, value)
                value = field.get_db_prep_save(value) if not field.is_relation else \
                    field.target_field.get_db_prep_save(value)
                sets.append("%s = ?" % quote_name(field.column))
                params.append(value)
        where, wparams = self.get_where()
        if self.needs_pk_subquery():
            inner = self.pk_subquery(["pk"])
            inner.order_by = () if not inner.is_sliced else inner.order_by
            sub_sql, sub_params = SQLCompiler(inner).as_sql()
            key = _pk_row_sql(opts) if opts.is_composite_pk else quote_name(
                opts.pk.column)
            sql = "UPDATE %s SET %s WHERE %s IN (%s)" % (
                quote_name(opts.db_table), ", ".join(sets), key, sub_sql)
            return sql, params + sub_params
        sql = "UPDATE %s SET %s" % (quote_name(opts.db_table), ", ".join(sets))
        if where:
            sql += " WHERE " + where
        return sql, params + wparams
