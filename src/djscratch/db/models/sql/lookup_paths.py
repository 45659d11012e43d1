"""How the names of a lookup path resolve for the SQL compiler
(django/db/models/sql/query.py's names_to_path and build_lookup helpers): the
lookups of a relation, the checks of a related object or queryset value, the
renaming of a FilteredRelation's condition, and Django's FieldError for a
name that is neither a transform nor a lookup.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.query, db.models.sql.compiler.
import contextlib

import djscratch

from djscratch.core.exceptions import FieldError
from djscratch.db.backends.sqlite import check_alias
from djscratch.db.models.fields import Field
from djscratch.db.models.base import Model
from djscratch.db.models.expressions import F, Q
from djscratch.db.models.lookups import _CompiledLhs, Lookup
from djscratch.utils.module_loading import _written_for_django


def _related_opts(field, owner):
    """The _meta of the model a relation lookup compares with, or None
    when the path does not end on a relation."""
    if isinstance(owner, _RelationLookups):  # a reverse or many-to-many path
        return field.model._meta
    if owner is None and field is not None and field.is_relation and \
            field.concrete and not field.many_to_many:
        return field.related_model._meta
    return None


def _rel_compatible(model, opts, field):
    """Django's check_rel_lookup_compatibility: the same concrete model,
    or a parent or child of it (a proxy's instance is fine)."""
    def check(target):
        return (model._meta.concrete_model == target.concrete_model
                or target.concrete_model in model._meta.all_parents
                or model in target.all_parents)

    return check(opts) or (getattr(field, "primary_key", False)
                           and check(field.model._meta))


def _check_related_objects(value, opts, field):
    """Refuse a model instance (or a queryset of one) of a model the
    relation does not lead to, with Django's messages."""
    if isinstance(value, djscratch.db.models.query.QuerySet):
        if value.query.values_fields is None and not _rel_compatible(
                value.model, opts, field):
            raise ValueError('Cannot use QuerySet for "%s": Use a QuerySet for "%s".'
                             % (value.model._meta.object_name, opts.object_name))
        return
    values = [value] if hasattr(value, "_meta") else value if isinstance(
        value, (list, tuple, set, frozenset)) else ()
    for item in values:
        if hasattr(item, "_meta") and isinstance(item, Model) and \
                not _rel_compatible(item._meta.model, opts, field):
            raise ValueError('Cannot query "%s": Must be "%s" instance.'
                             % (item, opts.object_name))


def _prepares_to_none(lhs, value):
    """Whether a field class of the application's turns `value` into None
    (then __exact=value means __isnull=True, as Django's build_lookup)."""
    if not isinstance(lhs, _CompiledLhs) or hasattr(value, "resolve_expression"):
        return False
    field = lhs.get_output_field()
    prep = getattr(type(field), "get_prep_value", None)
    if prep is None or not _written_for_django(prep):
        return False
    return field.get_prep_value(value) is None


def _combine_votes(votes, connector, negated):
    """The joins a Q node needs a row in: all its children's under AND,
    only those every child needs under OR, none when negated or XOR."""
    if negated or not votes or connector not in (Q.AND, Q.OR):
        return frozenset()
    if connector == Q.AND:
        return frozenset().union(*votes)
    return frozenset.intersection(*votes)


def _rename_prefix(prefix, replacement, child):
    """A FilteredRelation's condition with paths through its relation
    ("book__title") renamed through its own join ("book_alice__title"), as
    Django's rename_prefix_from_q."""
    import copy

    if isinstance(child, Q):
        children = [_rename_prefix(prefix, replacement, c) for c in child.children]
        return Q.create(children, child.connector, child.negated)
    if isinstance(child, tuple):
        lhs, rhs = child
        if lhs.startswith(prefix + "__"):
            lhs = lhs.replace(prefix, replacement, 1)
        if not isinstance(rhs, F) and hasattr(rhs, "resolve_expression"):
            rhs = _rename_prefix(prefix, replacement, rhs)
        return lhs, rhs
    if isinstance(child, F):
        if isinstance(child.name, str) and child.name.startswith(prefix + "__"):
            child = copy.copy(child)
            child.name = child.name.replace(prefix, replacement, 1)
        return child
    if hasattr(child, "query") and hasattr(child, "model"):
        raise ValueError("Passing a QuerySet within a FilteredRelation is not "
                         "supported.")
    if isinstance(child, Lookup):
        child = copy.copy(child)
        child.lhs = _rename_prefix(prefix, replacement, child.lhs)
        if hasattr(child.rhs, "resolve_expression"):
            child.rhs = _rename_prefix(prefix, replacement, child.rhs)
        return child
    if hasattr(child, "get_source_expressions") and hasattr(
            child, "set_source_expressions"):
        sources = child.get_source_expressions()
        if sources:
            child = child.copy()
            child.set_source_expressions(
                [_rename_prefix(prefix, replacement, e) for e in sources])
    return child


def _reverse_one_to_one_names(model):
    """The names select_related() knows for objects pointing at `model`
    through a OneToOneField."""
    return {rel.field.related_query_name() for rel in model._meta.related_objects
            if rel.one_to_one}


def _relation_owner(field):
    """The model whose table holds the column a join across `field` starts
    from (a parent's, for a relation a multi-table child inherits)."""
    if getattr(field, "generic_join", None) is not None:
        return None
    if getattr(field, "auto_created", False) and not field.concrete:
        if field.many_to_many:
            return field.model
        return field.field.target_field.model
    return getattr(field, "model", None)


def _lookup_source(lhs):
    """What the lookups after `lhs` are registered on: a transform, the
    field of a column (or the relation it was reached through), or (an
    expression with no field) every Field."""
    if not isinstance(lhs, _CompiledLhs):
        return lhs
    owner = getattr(lhs, "lookup_owner", None)
    if owner is not None:
        return owner
    field = lhs.get_output_field()
    return field if field is not None else _ANY_FIELD


class _RelationLookups:
    """The lookups of a reverse or many-to-many relation, as Django finds
    them: those of the foreign key its path ends on."""

    def __init__(self, relation):
        reverse = getattr(relation, "auto_created", False)  # a ...Rel
        if relation.many_to_many:  # the through model's key to the target
            field = relation.field if reverse else relation
            through = field.remote_field.through._meta
            name = field.m2m_field_name() if reverse else \
                field.m2m_reverse_field_name()
            self.field, self.lookup_type_name = through.get_field(name), "ForeignKey"
        else:
            self.field = relation.field
            self.lookup_type_name = type(relation).__name__

    @classmethod
    def of(cls, relation):
        """The lookups of `relation`, or None for one that has no foreign
        key of its own (a GenericRelation: its target's key decides)."""
        if relation.many_to_many or isinstance(getattr(relation, "field", None),
                                               Field):
            return cls(relation)
        return None

    def get_lookup(self, name):
        return self.field.get_lookup(name)

    def get_transform(self, name):
        return self.field.get_transform(name)

    def get_lookups(self):
        return self.field.get_lookups()


def _unsupported_lookup(lhs, name, lookups=None):
    """Django's FieldError for a name that is neither a transform nor a
    lookup of `lhs`, with the close names it has."""
    import difflib

    owner = getattr(lhs, "lookup_owner", None) if isinstance(lhs, _CompiledLhs) \
        else None
    if owner is not None:
        type_name = getattr(owner, "lookup_type_name", None) or type(owner).__name__
        names = owner.get_lookups()
    else:
        out = lhs.get_output_field()
        out = out if out is not None else _ANY_FIELD
        type_name, names = type(out).__name__, out.get_lookups()
    suggested = difflib.get_close_matches(name, list(names))
    suggestion = ", perhaps you meant %s?" % " or ".join(suggested) if suggested \
        else "."
    unsupported = "__".join(lookups[lookups.index(name):]) if lookups and \
        name in lookups else name
    return FieldError("Unsupported lookup '%s' for %s or join on the field not "
                      "permitted%s" % (unsupported, type_name, suggestion))


_ANY_FIELD = Field()

# -- FilteredRelation: the checks of annotate(name=FilteredRelation(...)).


def _add_filtered_relation(query, name, relation):
    """annotate(name=FilteredRelation(...)): check it as Django's
    add_filtered_relation does, then keep a copy on the query (the
    compiler joins it where a path starts with `name`)."""
    if "." in name:
        raise ValueError("FilteredRelation doesn't support aliases with periods "
                         "(got %r)." % name)
    check_alias(name)
    relation = relation.clone()
    relation.alias = name
    lookups, parts = _solve_lookup_type(query, relation.relation_name)
    if lookups:
        raise ValueError("FilteredRelation's relation_name cannot contain lookups "
                         "(got %r)." % relation.relation_name)
    for path in _paths_of_q(relation.condition):
        lookup_parts, field_parts = _solve_lookup_type(query, path)
        shift = 2 if not lookup_parts else 1
        for idx, part in enumerate(field_parts[:-shift]):
            if len(parts) > idx and parts[idx] != part:
                raise ValueError(
                    "FilteredRelation's condition doesn't support relations outside "
                    "the %r (got %r)." % (relation.relation_name, path))
        if len(field_parts) > len(parts) + 1:
            raise ValueError(
                "FilteredRelation's condition doesn't support nested relations "
                "deeper than the relation_name (got %r for %r)."
                % (path, relation.relation_name))
    query.filtered_relations = {**query.filtered_relations, name: relation}


def _solve_lookup_type(query, path):
    """(lookup names, field names) of a lookup path, as Django's
    solve_lookup_type: the fields are the names up to the last field."""
    names = path.split("__")
    compiler = djscratch.db.models.sql.compiler.SQLCompiler(query)
    _alias, _field, rest, _multi = compiler.setup_path(names, None,
                                                       allow_annotation=False)
    return rest, names[:len(names) - len(rest)]


def _paths_of_q(q):
    """Every lookup path and F() name of a Q tree (Django's
    get_children_from_q)."""
    for child in q.children:
        if isinstance(child, Q):
            yield from _paths_of_q(child)
        elif isinstance(child, tuple):
            yield child[0]
            if hasattr(child[1], "resolve_expression"):
                yield from _paths_of_expression(child[1])
        elif hasattr(child, "resolve_expression"):
            yield from _paths_of_expression(child)


def _paths_of_expression(expr):
    if isinstance(expr, F):
        if isinstance(expr.name, str):
            yield expr.name
    elif isinstance(expr, Q):
        yield from _paths_of_q(expr)
    elif hasattr(expr, "get_source_expressions") and not hasattr(expr, "query"):
        sources = expr.get_source_expressions()
        if hasattr(expr, "rhs") and hasattr(expr.rhs, "resolve_expression"):
            sources = list(sources) + [expr.rhs]  # a Lookup's right-hand side
        for source in sources:
            if source is not None:
                yield from _paths_of_expression(source)


# -- Q.check(): a condition tested against values, in a query with no table.


class _NoModel:
    """The model of a query with no table: it has no field, so every name a
    condition reads must be one of the query's annotations."""

    class _meta:
        db_table = ""
        _forward_fields_map = fields_map = {}
        # What Django's message lists: its query selects only "_check" (the
        # values are annotations it does not select).
        _name_choices = ("_check",)
        model = None


def _check_q(q, against, using):
    """Django's Q.check(): whether the condition holds for the values of
    `against` ({name: value or expression}), asked of the database (NULL
    counts as true, as for a check constraint); a database error is logged
    and counts as true."""
    query = djscratch.db.models.sql.query._Query(_NoModel)
    for name, value in against.items():
        query.annotations[name] = value if hasattr(value, "as_sql") else \
            djscratch.db.models.expressions.Value(value)
    compiler = djscratch.db.models.sql.compiler.SQLCompiler(query)
    sql, params = compiler.compile_q(q)  # a name not in `against`: FieldError
    connection = djscratch.db.utils.connections[using]
    guard = djscratch.db.transaction.atomic(using=using) \
        if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard:
            row = connection._execute("SELECT 1 WHERE COALESCE((%s), 1)" % sql,
                                      params).fetchone()
    except djscratch.db.utils.DatabaseError as exc:
        djscratch.utils.log._get_logger("django.db.models").warning(
            "Got a database error calling check() on %r: %s", q, exc)
        return True
    return row is not None


# -- aggregate(): names of aggregates, and values over no rows.


def _refuse_aggregate_of_aggregate(expr, is_aggregate_name):
    """FieldError, as Django's, for an aggregate over an aggregate: a name
    `is_aggregate_name` accepts (Sum("n") of n=Count(...)) or an aggregate
    inside it."""
    if not hasattr(expr, "distinct") or not getattr(expr, "contains_aggregate",
                                                     False):
        return
    for source in expr.get_source_expressions()[:1]:
        if isinstance(source, F) and isinstance(source.name, str):
            name = source.name
            found = is_aggregate_name(name)
        else:
            name = repr(source)
            found = getattr(source, "contains_aggregate", False) is True
        if found:
            raise FieldError("Cannot compute %s('%s'): '%s' is an aggregate"
                             % (expr.name, name, name))


def _empty_result_value(expr):
    """What `expr` is over no rows, without a query (Django's
    empty_result_set_value), or NotImplemented when only SQL can tell."""
    if isinstance(expr, djscratch.db.models.expressions.Value):
        return expr.value
    coalesce = djscratch._defined_yet("Coalesce")  # (asking builds no section)
    if coalesce is not None and isinstance(expr, coalesce):
        for source in expr.get_source_expressions():
            value = _empty_result_value(source)
            if value is NotImplemented or value is not None:
                return value
        return None
    value = getattr(expr, "empty_result_set_value", NotImplemented)
    default = getattr(expr, "default", None)
    if value is None and default is not None and getattr(
            expr, "contains_aggregate", False):
        return _empty_result_value(default) if hasattr(default, "as_sql") \
            else default
    return value
