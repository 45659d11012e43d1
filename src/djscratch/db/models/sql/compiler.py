"""SQLCompiler (django/db/models/sql/compiler.py): one
class with one method per clause; values are always bound parameters.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.related, db.models.related_lookups.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.core.exceptions import FieldDoesNotExist, FieldError
from djscratch.db.utils import connection, connections, DatabaseError, DEFAULT_DB_ALIAS
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.expressions import (
    BaseExpression, CombinedExpression, Expression, F, OrderBy, OuterRef, Q,
)
from djscratch.db.models.expressions import Func
from djscratch.db.models.lookups import _LOOKUP_NAMES
from djscratch.db.models.sql.query import (
    _base_columns, _cached_sql, _ConditionReplay, _plain_query_key, _with_limits,
)
from djscratch.db.models.query_utils import (
    _check_deferred_name, _loaded_fields, _names_below, _select_related_fields,
)
from djscratch.db.models.sql.lookup_paths import (
    _RelationLookups, _reverse_one_to_one_names,
)
from djscratch.db.models.sql.composite import (
    CompositeColumnError, CompositeCompilerMixin,
)


# The methods a plain page never runs are in compiler_extra.py, defined on
# first use.
@_methods_on_first_use("_SQLCompilerMore", (
    "_add_annotation_columns", "_aliased", "_annotation_output_field",
    "_annotation_ref", "_cannot_resolve", "_combined_names", "_combined_part",
    "_compile_expression", "_compile_lookup", "_crosses_many", "_expr_has_window",
    "_final_field", "_is_query", "_is_window_ref", "_join_m2m", "_join_m2m_reverse",
    "_join_relation", "_lift_aggregate_sources", "_lookup_class", "_lookup_sql",
    "_new_lookup", "_outer_aggregate", "_outer_expression", "_plain_column_refs",
    "_prep", "_q_has_aggregate", "_q_has_window", "_qualified_sql",
    "_reads_aggregate", "_refers_to_aggregate", "_related_order", "_selects",
    "_split_having", "_split_window", "_subquery", "_transformed_order", "add_join",
    "annotation_group", "as_aggregate_sql", "as_combined_sql", "as_update_sql",
    "build_lhs", "build_lookup", "compile", "compile_for_save",
    "compile_insert_value", "compile_lookup", "compile_q", "compile_ref",
    "compile_where_for_values", "connection", "filtered_join", "get_limit",
    "is_aggregate_ref", "join_relation", "needs_pk_subquery", "pk_subquery",
    "quote_name_unless_alias", "ref_output_field", "refuse_window_filters",
    "resolve_ref", "restrict_join", "try_transform",
))
class SQLCompiler(CompositeCompilerMixin, _ConditionReplay):
    """Turn a _Query into SQL, one method per clause.

    Joins are discovered while the clauses are compiled (a lookup across a
    relation adds one), so as_sql() compiles the select list, WHERE, GROUP BY
    and ORDER BY first and writes FROM with the joins last.  Every identifier
    comes from a model's _meta and is quoted; every value is a parameter.
    """

    def __init__(self, query, outer=None, alias_prefix=None):
        self.query = query
        self.model = model = query.model
        self.outer = outer
        if outer is None and not alias_prefix:  # a query of its own
            self.alias_prefix = None
            base = self.base_alias = model._meta.db_table
        else:
            depth = 0
            c = outer
            while c is not None:
                depth += 1
                c = c.outer
            self.alias_prefix = alias_prefix or ("U%d" % depth if depth else None)
            base = self.base_alias = self.alias_prefix + "0" if self.alias_prefix \
                else model._meta.db_table
        self.joins = {}  # key -> (alias, sql)
        self.join_order = []
        self.used_aliases = {base}
        self.alias_nullable = {base: False}
        self.alias_model = {base: model}  # whose table an alias is

    using = DEFAULT_DB_ALIAS  # the database get_compiler(using) names
    outer_group = None  # the join group of the outer query OuterRef() reads in

    def __repr__(self):
        return "<%s model=%s connection=%r using=%r>" % (
            type(self).__name__, self.model.__name__, connections[self.using],
            self.using)

    # -- names to columns

    def _field_on(self, opts, name):
        if name == "pk":
            return opts.pk
        f = opts._forward_fields_map.get(name)
        if f is None:
            f = opts.fields_map.get(name)
        if f is None:  # a GenericRelation's related_query_name
            f = opts.__dict__.get("_generic_rels", {}).get(name)
        return f

    adding = frozenset()  # annotations annotate() checks (not choices yet)

    _join_tag = None  # a FilteredRelation's name while its joins are made
    _join_alias = None  # the alias wanted for the next join (the relation's name)

    def inherited_alias(self, alias, owner):
        """The alias of `owner`'s table for the rows of `alias`: a multi-table
        child's parent tables are joined (INNER, on the parent links) when
        one of their fields is used."""
        model = self.alias_model.get(alias)
        if model is owner or model is None or owner is None or not hasattr(
                owner, "_meta"):  # (the first: a field of the alias's own model)
            return alias
        model, owner = model._meta.concrete_model, owner._meta.concrete_model
        if model is owner or not model._meta.parents:
            return alias
        for link in model._meta.get_path_to_parent(owner):
            parent = link.related_model
            on = "%%(parent)s.%s = %%(alias)s.%s" % (
                quote_name(link.column), quote_name(link.target_field.column))
            alias = self.add_join(alias, ("parent", id(link)), parent._meta.db_table,
                                  on, False, None)
            self.alias_model[alias] = parent
        return alias

    def from_params(self):
        """The values the FROM clause binds (FilteredRelation conditions), in
        the order of its joins."""
        join_params = self.__dict__.get("join_params")
        if not join_params:
            return []
        return [p for key in self.join_order for p in join_params.get(key, ())]

    def setup_path(self, names, group, allow_annotation=True):
        """Walk `names` through relations.

        Return (alias, field, rest, multi): the table alias and field the path
        ends on, the names left over (transforms and the lookup), and whether a
        multi-valued relation was crossed.
        """
        model, alias, multi = self.model, self.base_alias, False
        names = list(names)
        self.path_lookups = self.path_relation = None
        self.path_aliases = path_aliases = []  # the joins walked, for promotion
        if allow_annotation:  # Count("book") is "book__count": the longest name
            for k in range(len(names), 1, -1):
                key = "__".join(names[:k])
                if key in self.query.annotations:
                    return None, self.query.annotations[key], names[k:], False
        i = 0
        if names and names[0] in self.query.filtered_relations:
            alias, model, multi = self.filtered_join(names[0])
            path_aliases.append(alias)
            if len(names) == 1 or names[1] in _LOOKUP_NAMES:
                return alias, model._meta.pk, names[1:], multi
            i = 1
        while i < len(names):
            name = names[i]
            opts = model._meta
            field = self._field_on(opts, name)
            if field is None:
                if i == 0:
                    if allow_annotation and name in self.query.annotations:
                        return None, self.query.annotations[name], names[1:], False
                    self._cannot_resolve(name, opts)
                raise FieldError("Cannot resolve keyword '%s' into field. Choices are: "
                                 "%s" % (name, ", ".join(opts._name_choices)))
            last = i == len(names) - 1
            is_rel = getattr(field, "is_relation", False)
            if not is_rel:
                return alias, field, names[i + 1:], multi
            if getattr(field, "from_fields", None) is not None and (
                    last or names[i + 1] in _LOOKUP_NAMES):
                return alias, field, names[i + 1:], multi  # ForeignObject=obj
            forward_single = field.concrete and not field.many_to_many
            if forward_single:
                nxt = names[i + 1] if not last else None
                # A field of the related model comes before a lookup of the
                # same name (season__gt where Season has a field gt).
                if last or self._field_on(field.related_model._meta, nxt) is None:
                    return alias, field, names[i + 1:], multi  # the key's lookups
                # fk__<the field it stores> needs no join; "pk" is that field
                # only when the key targets the primary key (no to_field).
                target = field.target_field
                stored = nxt in (target.name, target.attname) or (
                    nxt == "pk" and target.primary_key)
                if stored and (i + 2 >= len(names) or names[i + 2] in _LOOKUP_NAMES):
                    # The key's column, with its target field's lookups
                    # (group__pk__icontains), as Django's trimmed join.
                    self.path_lookups = target
                    return alias, field, names[i + 2:], multi
                alias, model = self.join_relation(alias, field, group)
                path_aliases.append(alias)
                i += 1
                continue
            # reverse relation or many-to-many: join, then continue from the target.
            multi = multi or bool(getattr(field, "one_to_many", True) or getattr(
                field, "many_to_many", False))
            alias, model = self.join_relation(alias, field, group)
            path_aliases.append(alias)
            if last or self._field_on(model._meta, names[i + 1]) is None:
                # The related rows' key, with the relation's lookups (those
                # registered on its foreign key), as Django's path ends.
                self.path_lookups = _RelationLookups.of(field)
                self.path_relation = field  # a related object is a value
                return alias, model._meta.pk, names[i + 1:], multi
            i += 1
        return alias, None, [], multi

    def column(self, alias, field):
        if field.column is None and getattr(field, "is_composite", False):
            raise CompositeColumnError(
                "djscratch does not support a CompositePrimaryKey ('pk' of %s) in "
                "values(), annotations, aggregates or expressions; name its fields "
                "(%s), or use the Django engine (DJSCRATCH_ENGINE=django)." % (
                    field.model._meta.label, ", ".join(field.field_names)))
        alias = self.inherited_alias(alias, getattr(field, "model", None))
        return "%s.%s" % (quote_name(alias), quote_name(field.column))

    in_group_context = False

    validating = False  # compiling only to check names (filter() time)

    aggregate_depth = 0  # how many aggregates of a HAVING clause compile now

    current_group = None  # the join group an application's expression runs in
    # exclude(many__x=v) is "no related row matches" (a subquery); an
    # aggregate's filter= tests each joined row instead, as Django's.
    split_subqueries = True

    # -- the clauses

    def get_select(self):
        """Return [(sql, params, converter)] and the row layout."""
        query = self.query
        opts = self.model._meta
        self.pending_params = []
        select, layout = [], {}
        if query.values_fields is not None:
            names = list(query.values_fields)
            aliases, packs = [], []
            for name in names:
                columns = self._tuple_select(name)
                if columns is not None:  # a composite key: its columns, as a tuple
                    if len(columns) > 1:
                        packs.append((len(select), len(columns)))
                    for sql, field in columns:
                        select.append((sql, [], _converter_for(field)))
                        aliases.append(None if len(columns) > 1 else name)
                    continue
                aliases.append(name)
                sql, params, field = self.compile_ref(name, None)  # "data__key" too
                params, self.pending_params = self.pending_params + params, []
                select.append((sql, params, _expression_converter(
                    query.annotations.get(name, name), field)))
            layout["names"] = names
            if packs:
                layout["aliases"], layout["packs"] = aliases, packs
            return select, layout
        fields = opts.concrete_fields
        deferred, is_defer = query.deferred
        if deferred:
            for name in deferred:
                _check_deferred_name(opts, name.split("__"))
            fields = _loaded_fields(opts, deferred, is_defer)
        if fields is opts.concrete_fields and not opts.parents:
            select.extend((sql, [], None) for sql in _base_columns(self, fields))
        else:
            for f in fields:
                select.append((self.column(self.base_alias, f), [], None))
        layout["fields"] = fields
        layout["related"] = self._select_related(select)
        names = [n for n in query.annotations
                 if query.annotation_mask is None or n in query.annotation_mask]
        for name in names:
            expr = query.annotations[name]
            sql, params = self.compile(expr, self.annotation_group(name))
            select.append((sql, params, _expression_converter(
                expr, self._annotation_output_field(expr))))
        layout["annotations"] = names
        return select, layout

    def _select_related(self, select):
        """Add columns for select_related(); return the tree to build objects."""
        spec = self.query.select_related
        if not spec:
            return []
        deferred, is_defer = self.query.deferred

        def columns(rmodel, new_alias, names):
            # The related model's columns, less what defer()/only() name
            # below the relation ("related__first"): (fields, first index).
            fields = rmodel._meta.concrete_fields
            if names:
                fields = tuple(_loaded_fields(rmodel._meta, names, is_defer, True))
            start = len(select)
            for f in fields:
                select.append((self.column(new_alias, f), [], None))
            return fields, start

        def reverse_one_to_one(model, alias, tree, depth, names, matched):
            # select_related("restaurant") from Place: the object pointing
            # here through a OneToOneField (a LEFT OUTER JOIN), as in Django.
            out = []
            for rel in model._meta.related_objects:
                name = rel.field.related_query_name()
                if not rel.one_to_one or name not in tree:
                    continue
                matched.add(name)
                new_alias, rmodel = self.join_relation(alias, rel, None)
                below = _names_below(names, name)
                fields, start = columns(rmodel, new_alias, below)
                out.append((rel, rmodel, start, walk(rmodel, new_alias,
                                                      tree[name] or {}, depth + 1,
                                                      below), fields))
            return out

        def filtered(tree):
            # select_related("book_alice"): a FilteredRelation's join, its
            # object set as an attribute of that name (as Django does).
            out = []
            for name in tree:
                if name not in self.query.filtered_relations:
                    continue
                new_alias, rmodel, _multi = self.filtered_join(name)
                fields, start = columns(rmodel, new_alias, None)
                relation = self.query.filtered_relations[name]
                out.append((_FilteredSelect(name, self._final_field(relation)), rmodel,
                            start, walk(rmodel, new_alias, tree[name] or {}, 2, None),
                            fields))
            return out

        def walk(model, alias, tree, depth, names):
            out = []
            # defer()/only() names at this level, to check select_related()
            # does not traverse a relation they leave unloaded.
            loaded = set(_loaded_fields(model._meta, names, is_defer)) if names \
                else None
            if depth == 1 and isinstance(tree, dict):
                out.extend(filtered(tree))
                tree = {k: v for k, v in tree.items()
                        if k not in self.query.filtered_relations}
            matched = set()  # the names of `tree` that name a relation
            for field in _select_related_fields(model._meta):
                if not (field.is_relation and not field.many_to_many):
                    continue
                if tree is True:
                    if field.null or depth > 5:
                        continue
                    sub = True
                elif field.name in tree:
                    sub = tree[field.name]
                    matched.add(field.name)
                    if loaded is not None and field not in loaded:
                        raise FieldError(
                            "Field %s.%s cannot be both deferred and traversed "
                            "using select_related at the same time." % (
                                model._meta.object_name, field.name))
                else:
                    continue
                new_alias, rmodel = self.join_relation(alias, field, None)
                below = _names_below(names, field.name)
                fields, start = columns(rmodel, new_alias, below)
                out.append((field, rmodel, start, walk(rmodel, new_alias, sub or {},
                                                        depth + 1, below), fields))
            if isinstance(tree, dict):
                out.extend(reverse_one_to_one(model, alias, tree, depth, names,
                                              matched))
            if isinstance(tree, dict) and not matched.issuperset(tree):
                # A name that is no relation of this model: Django's errors.
                names = {f.name for f in _select_related_fields(model._meta)
                         if f.is_relation}
                names.update(_reverse_one_to_one_names(model))
                plain = {f.name for f in model._meta.concrete_fields
                         if not f.is_relation}
                # Django's order: forward relations, reverse one-to-ones, then
                # (at the top) FilteredRelations.
                choices = [f.name for f in model._meta.fields if f.is_relation]
                choices += [rel.field.related_query_name()
                            for rel in model._meta.related_objects
                            if rel.one_to_one]
                if depth == 1:
                    choices += list(self.query.filtered_relations)
                    names.update(self.query.filtered_relations)
                for key in tree:
                    if key in plain:
                        raise FieldError(
                            "Non-relational field given in select_related: '%s'. "
                            "Choices are: %s" % (key, ", ".join(choices) or "(none)"))
                    if key not in names:
                        choices = choices or ["(none)"]
                        raise FieldError(
                            "Invalid field name(s) given in select_related: '%s'. "
                            "Choices are: %s" % (key, ", ".join(choices)))
            return out

        return walk(self.model, self.base_alias, spec, 1, deferred or None)

    def get_where(self):
        parts, params = [], []
        self.required_aliases = required = set()
        for q, group in self.query.where:
            q = self._split_having(q)[0]
            if q is None:
                continue
            q = self._split_window(q)[0]
            if q is None:
                continue
            sql, p = self.compile_q(q, group)
            required.update(getattr(self, "q_votes", ()))
            if sql:
                parts.append(sql if len(self.query.where) == 1 else "(%s)" % sql)
                params.extend(p)
        return " AND ".join(parts), params

    def get_having(self):
        parts, params = [], []
        self.in_group_context = True
        try:
            for q, group in self.query.where:
                q = self._split_having(q)[1]
                if q is None:
                    continue
                sql, p = self.compile_q(q, group)
                if sql:
                    parts.append("(%s)" % sql)
                    params.extend(p)
        finally:
            self.in_group_context = False
        return " AND ".join(parts), params

    def get_group_by(self, select):
        query = self.query
        if not query.has_aggregates():
            return None
        if query.values_fields is not None and query.group_by is not None:
            cols = []
            for name in query.group_by:
                if name in query.annotations:
                    agg = query.annotations[name]
                    if not getattr(agg, "contains_aggregate", False):
                        # The expression itself: its select alias may also be
                        # a joined table's column name (ambiguous); with
                        # parameters, the alias.
                        sql, params = (None, True) if _has_outer_ref(agg) \
                            else self.compile(agg, self.annotation_group(name))
                        cols.append(quote_name(name) if params else sql)
                    continue
                try:
                    cols.extend(self._ref_columns(name))  # a composite key's too
                except FieldError:
                    if name not in query.values_fields:
                        raise
                    # "data__key": a transform, grouped by its select alias.
                    self.compile_ref(name, None)
                    cols.append(quote_name(name))
            return self._add_annotation_columns(cols)
        if query.group_by is None and query.values_fields is None:
            # The model's selected columns (fewer with defer()/only()).
            fields = getattr(self, "layout", {}).get("fields")
            count = len(fields) if fields is not None else len(
                self.model._meta.concrete_fields)
            return self._add_annotation_columns(
                [s for s, _p, _c in select[:count]])
        return None

    def get_order_by(self):
        query = self.query
        ordering = query.order_by
        if ordering is None:
            ordering = self.model._meta.ordering if query.default_ordering else ()
        result, params = [], []
        for item in ordering:
            if not isinstance(item, str):  # (a name: neither check below)
                item = self._composite_order(item)  # F("pk") of a composite key
            if isinstance(item, str):
                if item == "?":
                    result.append("RANDOM()")
                    continue
            elif isinstance(item, OrderBy):
                expr = OrderBy(item.expression, item.descending, item.nulls_first,
                               item.nulls_last)
                if not query.standard_ordering:
                    expr.reverse_ordering()
                sql, p = expr.as_sql(self)
                result.append(sql)
                params.extend(p)
                continue
            elif isinstance(item, Expression):
                sql, p = self.compile(item)
                result.append("%s %s" % (sql, "ASC" if query.standard_ordering
                                         else "DESC"))
                params.extend(p)
                continue
            descending = item.startswith("-")
            name = item.lstrip("-+")
            if not query.standard_ordering:
                descending = not descending
            if name in query.annotations:
                if getattr(query.annotations[name], "contains_aggregate", False) and \
                        self._selects(name):
                    sql = quote_name(name)
                else:
                    sql, p = self.compile(query.annotations[name],
                                          self.annotation_group(name))
                    params.extend(p)
            elif "." in name and item in query.extra_order_by:
                # extra(order_by=["table.column"]) only, both names quoted
                # (an order_by() name is a field path: CVE-2026-1312).
                table, column = name.split(".", 1)
                result.append("%s.%s %s" % (quote_name(table), quote_name(column),
                                            "DESC" if descending else "ASC"))
                continue
            else:
                try:
                    parts, p = self._order_columns(name, descending)
                except FieldError as error:  # an annotation's transform: "out__year"
                    sql, p = self._transformed_order(name, error)
                    parts = ["%s %s" % (sql, "DESC" if descending else "ASC")]
                result.extend(parts)
                params.extend(p)
                continue
            result.append("%s %s" % (sql, "DESC" if descending else "ASC"))
        return result, params

    def _order_columns(self, name, descending, seen=()):
        """(ORDER BY terms, params) ordering by `name` means (a relation orders
        by its Meta; "age__lastdigit" by a transform of the column)."""
        direction = " DESC" if descending else " ASC"
        alias, field, rest, _m = self.setup_path(name.split("__"), None,
                                                 allow_annotation=False)
        if rest and field is not None and (not field.is_relation or (
                field.concrete and not field.many_to_many)):
            # A transform of the column; a foreign key's column is its
            # target's value (order_by("date__month") on a key to a date).
            target = field
            while target.is_relation:
                target = target.target_field
            try:
                lhs = self.build_lhs(self.column(alias, field), [], target, rest, rest)
            except FieldError:  # not a transform: a name on the related model
                if not field.is_relation:
                    raise
                self._cannot_resolve(rest[0], field.related_model._meta)
            sql, params = self.compile(lhs)
            return [sql + direction], params
        if rest:
            self._cannot_resolve(rest[0], self.model._meta)
        if field.is_relation and field.concrete and not field.many_to_many and \
                field.related_model._meta.ordering and \
                name.rpartition("__")[2] == field.name:  # not "fk_id", "fk__id"
            return self._related_order(name, field, descending, seen)
        if getattr(field, "is_composite", False):  # order_by("pk"): its fields
            return [self.column(alias, f) + direction for f in field.fields], []
        return [self.column(alias, field) + direction], []

    def get_from(self):
        base = quote_name(self.model._meta.db_table)
        if self.base_alias != self.model._meta.db_table:
            base += " %s" % quote_name(self.base_alias)
        required = self.__dict__.get("required_aliases", ())
        joins = []
        for key in self.join_order:
            alias, join = self.joins[key]
            if alias in required and join.startswith("LEFT OUTER JOIN "):
                # A condition no NULL meets needs a row there: INNER, as
                # Django's join promotion demotes it.
                join = "INNER JOIN " + join[len("LEFT OUTER JOIN "):]
            joins.append(join)
        sql = " ".join([base] + joins)
        taken = {self.base_alias} | {self.joins[k][0] for k in self.join_order}
        for table in self.query.extra_tables:  # extra(tables=...): a cross join
            if table not in taken:
                sql += ", %s" % quote_name(table)
        return sql

    def as_sql(self, exists=False, with_limits=True):
        """Return (sql, params) for the SELECT, and remember the row layout;
        a query of a model's rows (or values(), exists()) in a fixed order,
        perhaps filtered by plain values and sliced, reuses the SQL and
        layout built the first time for its shape (_cached_sql())."""
        values = []
        key = _plain_query_key(self, values, exists)
        found = key and _cached_sql(self, key, values, self._build_sql, exists, False)
        if not found:
            return self._build_sql(exists, with_limits)
        return _with_limits(self, *found) if with_limits else found[:2]

    def _build_sql(self, exists, with_limits):
        query = self.query
        if query.combinator:
            return self.as_combined_sql()
        select, layout = self.get_select()
        self.select, self.layout = select, layout
        where, wparams = self.get_where()
        if query.is_empty:
            where, wparams = "0 = 1", []
        having, hparams = self.get_having()
        if self._filters_on_windows():
            return self._qualified_sql(exists, with_limits)
        group_by = self.get_group_by(select)
        if exists or (group_by and query.order_by is None):
            # Meta.ordering does not apply to a GROUP BY query (Django 3.1+).
            order, oparams = [], []
        else:
            order, oparams = self.get_order_by()
        sparams = [p for _s, params, _c in select for p in params]
        columns = ", ".join(s for s, _p, _c in select)
        if query.values_fields is not None or layout.get("annotations"):
            columns = ", ".join(self._aliased(select, layout))
        for i, name in enumerate(query.hidden_select):
            sql, _field = self.resolve_ref(name, None)
            columns += ", %s AS %s" % (sql, quote_name("__orderbycol%d" % (i + 1)))
        for sql, extra_params, alias in self.extra_columns:
            columns += ", %s AS %s" % (sql, quote_name(alias))
            sparams = sparams + list(extra_params)
        distinct = "DISTINCT " if query.distinct else ""
        if exists:  # the selected columns' parameters go with them
            columns, distinct, sparams = "1 AS " + quote_name("a"), "", []
        parts = ["SELECT %s%s FROM %s" % (distinct, columns, self.get_from())]
        params = list(sparams) + self.from_params()
        if where:
            parts.append("WHERE " + where)
            params.extend(wparams)
        if group_by:
            parts.append("GROUP BY " + ", ".join(group_by))
            if having:
                parts.append("HAVING " + having)
                params.extend(hparams)
        elif having:
            raise FieldError("Aggregate filters need an aggregate query.")
        if order:
            parts.append("ORDER BY " + ", ".join(order))
            params.extend(oparams)
        if exists and not query.is_sliced:
            parts.append("LIMIT 1")
        elif with_limits:
            limit = self.get_limit()
            if limit:
                parts.append(limit)
        return " ".join(parts), params

    extra_columns = ()
    hidden_count = 0  # columns selected after the model's, not returned
    #: With a cached layout: what _model_rows() worked out for it, by
    #: (model, alias given), kept with the layout (None: not cached).
    row_memo = None

    def as_count_sql(self):
        query = self.query
        values = []
        key = _plain_query_key(self, values)
        if key is not None and not query.low_mark and query.high_mark is None:
            # A plain query (no distinct, combination, aggregate nor window:
            # _plain_query_key()), not sliced: the COUNT(*) of its shape.
            found = _cached_sql(self, (key, "count"), values, self._count_sql)
            return found[:2] if found else self._count_sql()
        if query.distinct or query.is_sliced or query.combinator or (
                query.group_by is not None and query.values_fields is not None) or \
                query.has_aggregates() or self._filters_on_windows():
            inner = query.clone()
            inner.order_by = ()
            inner.default_ordering = False
            # As Django's get_aggregation: the count never follows
            # select_related (nor fails on a name it cannot follow).
            inner.select_related = False
            sql, params = SQLCompiler(inner).as_sql()
            return "SELECT COUNT(*) FROM (%s) subquery" % sql, params
        return self._count_sql()

    def _count_sql(self):
        where, params = self.get_where()
        if self.query.is_empty:
            return None, None
        sql = "SELECT COUNT(*) FROM %s" % self.get_from()
        if where:
            sql += " WHERE " + where
        return sql, self.from_params() + params

    def _filters_on_windows(self):
        return any(self._q_has_window(q) for q, _group in self.query.where)

    lifted = {}  # id(aggregate) -> the inner query's column it reads


def _combined_order_item(item):
    """(name with "-" when descending, the expression or None) of an
    ordering of a combined query: a name, F(name) or F(name).desc(); any
    other expression matches no column of the result."""
    if isinstance(item, str):
        return item, None
    expr = item.expression if isinstance(item, OrderBy) else item
    if isinstance(expr, F) and not isinstance(expr, OuterRef) and isinstance(
            expr.name, str):
        descending = isinstance(item, OrderBy) and item.descending
        return ("-" if descending else "") + expr.name, item
    raise DatabaseError("ORDER BY term does not match any column in the result set.")


def _needs_pk_subquery(compiler):
    """Whether an UPDATE or DELETE must name its rows by primary key (a
    subquery): the query joins, is sliced, or filters on an aggregate (a
    HAVING the statement itself cannot hold; dropping it would change every
    row the rest of the filter keeps)."""
    query = compiler.query
    return bool(compiler.join_order or query.is_sliced or any(
        compiler._q_has_aggregate(q) for q, _group in query.where))


def _pk_subquery(query, values_fields):
    """A copy of `query` selecting `values_fields` (the primary key), one
    row per object when it groups (annotate() with an aggregate)."""
    inner = query.clone()
    if inner.values_fields is None and inner.group_by is None and \
            inner.has_aggregates():
        inner.group_by = ["pk"]
    inner.values_fields = list(values_fields)
    inner.annotation_mask = ()
    return inner


def _model_instance_update_error(field, value):
    """Django's TypeError for a model instance written into a plain field."""
    return TypeError("Tried to update field %s with a model instance, %r. Use a "
                     "value compatible with %s." % (field, value, type(field).__name__))


def _has_outer_ref(expr):
    """Whether an expression reads the outer query (OuterRef)."""
    if isinstance(expr, OuterRef):
        return True
    sources = getattr(expr, "get_source_expressions", lambda: [])()
    return any(_has_outer_ref(e) for e in sources if e is not None)


def _references_columns(expr):
    """Whether an expression reads a column of the row (F(), a lookup)."""
    if isinstance(expr, F):
        return not isinstance(expr, OuterRef)
    if isinstance(expr, Q):
        return any(isinstance(c, tuple) or _references_columns(c)
                   for c in expr.children)
    parts = list(expr.get_source_expressions()) if hasattr(
        expr, "get_source_expressions") else []
    for name in ("condition", "result", "default"):  # When and Case
        part = getattr(expr, name, None)
        if isinstance(part, (Expression, Q)):
            parts.append(part)
    parts.extend(getattr(expr, "cases", ()))
    return any(_references_columns(p) for p in parts)


def _resolved_text(expr, opts, as_repr=False):
    """str() (or repr()) of an expression as Django shows it once resolved
    for a save, in its error messages: each F() is Col(<table>, <field>)."""
    if isinstance(expr, F) and not isinstance(expr, OuterRef):
        try:
            field = opts.pk if expr.name == "pk" else opts.get_field(expr.name)
        except FieldDoesNotExist:
            return repr(expr)
        return "Col(%s, %s)" % (opts.db_table, field)
    if isinstance(expr, CombinedExpression):
        text = "%s %s %s" % (_resolved_text(expr.lhs, opts), expr.connector,
                             _resolved_text(expr.rhs, opts))
        return "<CombinedExpression: %s>" % text if as_repr else text
    if isinstance(expr, Func):
        return "%s(%s)" % (type(expr).__name__, ", ".join(
            _resolved_text(e, opts) for e in expr.get_source_expressions()))
    return repr(expr) if as_repr else str(expr)


class _FilteredSelect:
    """select_related() of a FilteredRelation: the object goes to the
    attribute `name`; one reached through a reverse foreign key caches the
    row it belongs to (book_alice.author needs no query)."""

    def __init__(self, name, field):
        self.name, self.field = name, field

    @property
    def reverse_name(self):
        field = self.field
        if field is not None and field.auto_created and not field.concrete and \
                not field.many_to_many:
            return field.field.name
        return None


def _expression_converter(expr, field):
    """Turn what SQLite returns for a computed value into its output field's
    type, as Django's expressions do (a float for FloatField, an int for an
    IntegerField), after the field's own conversion; then the expression's
    own convert_value(), when it has one."""
    convert = _field_expression_converter(expr, field)
    hook = getattr(expr, "convert_value", None)
    if hook is None or hook is BaseExpression._convert_value_noop:
        return convert
    if convert is None:
        return lambda value: hook(value, expr, connection)
    return lambda value: hook(convert(value), expr, connection)


def _field_expression_converter(expr, field):
    """The conversion of a computed value to its output field's type."""
    convert = _converter_for(field)
    if isinstance(expr, (F, str)) or field is None:
        return convert
    internal = field.get_internal_type() if hasattr(field, "get_internal_type") \
        else ""
    if internal == "FloatField":
        return lambda v: v if v is None else float(v)
    if internal == "DecimalField":  # not quantized: only a column is
        return _computed_decimal
    if internal.endswith("IntegerField") and not field.is_relation:
        if convert is None:
            return lambda v: v if v is None else int(v)
    return convert


def _computed_decimal(value):
    import decimal

    if value is None:
        return None
    if isinstance(value, float):
        return decimal.Context(prec=15).create_decimal_from_float(value)
    return decimal.Decimal(value)


def _converter_for(field):
    if field is None:
        return None
    # (No ForeignKey exists before its section is built: asking does not build it.)
    foreign_key = djscratch._defined_yet("ForeignKey")
    if foreign_key is not None and isinstance(field, foreign_key) or (
            field.is_relation and field.concrete and not field.many_to_many):
        return field.target_field.get_db_converter()
    if getattr(field, "is_relation", False) and not getattr(field, "concrete", True):
        return None
    return field.get_db_converter()


def cursor_iter(cursor, sentinel, col_count, itersize):
    """Yield lists of rows read `itersize` at a time until `sentinel` comes
    back, each row cut to `col_count` columns (None: all); close the cursor."""
    try:
        for rows in iter(lambda: cursor.fetchmany(itersize), sentinel):
            yield rows if col_count is None else [r[:col_count] for r in rows]
    finally:
        cursor.close()
