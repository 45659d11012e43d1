"""The model checks Django runs that catch common mistakes, with Django's ids
and texts: fields.E001-E003 (field names), models.E014/E015 (Meta.ordering),
models.E017 (a proxy with fields), fields.E304 (clashing reverse accessors),
the managers' own checks, and for composite primary keys fields.E013,
models.E042 and fields.E347 (django/core/checks/model_checks.py and the
models' _check_* methods).
"""

import types

from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.conf import settings
from djscratch.apps.registry import AppConfig, apps
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags
from djscratch.db.models.lookups import _DATE_TRANSFORMS, _LOOKUP_NAMES

__all__ = [
    "check_all_models",
]


@register(Tags.models)
def check_all_models(app_configs=None, **kwargs):
    """Check every model of the installed apps (or of `app_configs`): each
    model's own check(), then the names models must not share (db_table:
    models.E028, or W035 with DATABASE_ROUTERS; index names: E029/E030;
    constraint names: E031/E032)."""
    if app_configs is None:
        models = apps.get_models()
    else:
        models = [m for config in app_configs for m in config.get_models()]
    errors = []
    tables, indexes, constraints = {}, {}, {}
    for model in models:
        opts = model._meta
        if opts.managed and not opts.proxy:
            tables.setdefault(opts.db_table, []).append(opts.label)
        if not isinstance(model.check, types.MethodType):  # a field hides it
            errors.append(Error(
                "The '%s.check()' class method is currently overridden by %r."
                % (model.__name__, model.check), obj=model, id="models.E020"))
        else:
            errors += model.check(**kwargs)
        for index in opts.indexes:
            indexes.setdefault(index.name, []).append(opts.label)
        for constraint in opts.constraints:
            constraints.setdefault(constraint.name, []).append(opts.label)
    errors += _db_table_clashes(tables)
    errors += _name_clashes("index", indexes, "models.E029", "models.E030")
    errors += _name_clashes("constraint", constraints, "models.E031", "models.E032")
    return errors


def _model_checks(model, **kwargs):
    """Model.check(): the checks of one model."""
    errors = []
    errors += _check_proxy(model)
    errors += _check_field_names(model)
    errors += _check_ordering(model)
    errors += _check_accessor_clashes(model)
    errors += _check_field_own(model, **kwargs)
    errors += _check_managers(model)
    errors += _check_single_primary_key(model)
    errors += _check_composite_pk(model)
    errors += _check_relations_to_composite_pk(model)
    errors += _check_default_pk(model)
    return errors


def _check_default_pk(model):
    """models.W042: the model got its automatic primary key from Django's
    default, neither DEFAULT_AUTO_FIELD nor its AppConfig choosing one."""
    opts = model._meta
    config = opts.app_config
    parent_link = getattr(opts.pk, "remote_field", None) is not None and getattr(
        opts.pk.remote_field, "parent_link", False)
    if (opts.abstract or opts.pk is None or not opts.pk.auto_created
            or parent_link  # an inherited key: its parent is checked
            or settings.is_overridden("DEFAULT_AUTO_FIELD") or config is None
            or type(config).default_auto_field is not AppConfig.default_auto_field):
        return []
    return [Warning(
        "Auto-created primary key used when not defining a primary key type, "
        f"by default '{settings.DEFAULT_AUTO_FIELD}'.",
        hint=f"Configure the DEFAULT_AUTO_FIELD setting or the "
             f"{type(config).__qualname__}.default_auto_field attribute to point "
             "to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.",
        obj=model, id="models.W042")]


def _db_table_clashes(tables):
    """models.E028 (W035 when routers may send the models to different
    databases): one table for several models."""
    if settings.DATABASE_ROUTERS:
        cls, check_id = Warning, "models.W035"
        hint = ("You have configured settings.DATABASE_ROUTERS. Verify that %s "
                "are correctly routed to separate databases.")
    else:
        cls, check_id, hint = Error, "models.E028", None
    errors = []
    for table, labels in tables.items():
        if len(labels) > 1:
            names = ", ".join(labels)
            errors.append(cls("db_table '%s' is used by multiple models: %s."
                              % (table, names), obj=table,
                              hint=hint % names if hint else None, id=check_id))
    return errors


def _name_clashes(kind, names, same_model_id, across_id):
    """An index or constraint name used twice, by one model or by several."""
    errors = []
    for name, labels in names.items():
        if len(labels) > 1:
            labels = set(labels)
            one = len(labels) == 1
            errors.append(Error("%s name '%s' is not unique %s %s." % (
                kind, name, "for model" if one else "among models:",
                ", ".join(sorted(labels))), id=same_model_id if one else across_id))
    return errors


def _check_managers(model):
    """Each manager's own check() (CurrentSiteManager's sites.E001/E002)."""
    errors = []
    for manager in model._meta.managers:
        errors += manager.check()
    return errors


def _check_field_own(model, **kwargs):
    """The checks a field runs on itself (deprecation, FileField's
    fields.E201/E202, ImageField's fields.E210, the backends' own)."""
    errors = []
    for field in _own_fields(model) + [
            f for f in model._meta.private_fields if hasattr(f, "from_fields")]:
        if hasattr(field, "check"):  # a ForeignObject's too (fields.E310)
            errors += field.check(**kwargs)
    return errors


def _check_proxy(model):
    """models.E017: a proxy model declares fields (its table is its parent's)."""
    opts = model._meta
    if opts.proxy and (opts.local_fields or opts.local_many_to_many):
        return [Error("Proxy model '%s' contains model fields." % model.__name__,
                      id="models.E017")]
    return []


def _own_fields(model):
    opts = model._meta
    return [*opts.local_fields, *opts.local_many_to_many]


def _check_field_names(model):
    errors = []
    for field in _own_fields(model):
        if getattr(field, "is_composite", False):
            continue  # its own check() says fields.E013
        if field.name.endswith("_"):
            errors.append(Error("Field names must not end with an underscore.",
                                obj=field, id="fields.E001"))
        elif "__" in field.name:
            errors.append(Error('Field names must not contain "__".', obj=field,
                                id="fields.E002"))
        elif field.name == "pk":
            errors.append(Error("'pk' is a reserved word that cannot be used as a "
                                "field name.", obj=field, id="fields.E003"))
    return errors


def _ordering_error(model, name):
    return Error("'ordering' refers to the nonexistent field, related field, or "
                 "lookup '%s'." % name, obj=model, id="models.E015")


def _check_ordering(model):
    """models.E014: ordering is not a list; models.E015: it names a field,
    relation or lookup that does not exist."""
    ordering = model._meta.ordering
    if not ordering:
        return []
    if not isinstance(ordering, (list, tuple)):
        return [Error("'ordering' must be a tuple or list (even if you want to "
                      "order by only one field).", obj=model, id="models.E014")]
    names = {name.removeprefix("-") for name in ordering
             if isinstance(name, str) and name != "?"}
    errors = [_ordering_error(model, name)
              for name in sorted(n for n in names if "__" in n)
              if not _related_ordering_exists(model, name)]
    opts = model._meta
    valid = {"pk"}
    for field in opts.fields:
        valid.update((field.name, field.attname))
    for rel in opts.related_objects:
        valid.add(rel.related_query_name or rel.related_name
                  or rel.related_model._meta.model_name)
    errors += [_ordering_error(model, name)
               for name in sorted(n for n in names if "__" not in n and n not in valid)]
    return errors


def _related_ordering_exists(model, name):
    """True if "author__name" (relations, then a transform or lookup) exists."""
    current, field = model, None
    for part in name.split("__"):
        try:
            if current is None:
                raise FieldDoesNotExist(part)
            field = (current._meta.pk if part == "pk"
                     else current._meta.get_field(part))
            current = field.related_model if field.is_relation else None
        except FieldDoesNotExist:
            if field is None or part not in _DATE_TRANSFORMS | _LOOKUP_NAMES:
                return False
    return True


def _check_accessor_clashes(model):
    """fields.E304: two relations give the related model the same accessor."""
    errors = []
    for field in _own_fields(model):
        rel = field.remote_field
        target = getattr(field, "related_model", None)
        if rel is None or not isinstance(target, type):
            continue
        rel_name = rel.get_accessor_name()
        if not rel_name:  # related_name="+": no accessor
            continue
        field_name = "%s.%s" % (model._meta.label, field.name)
        for clash in target._meta.related_objects:
            if clash.field is field or clash.get_accessor_name() != rel_name:
                continue
            clash_name = "%s.%s" % (clash.related_model._meta.label, clash.field.name)
            errors.append(Error(
                f"Reverse accessor '{target._meta.object_name}.{rel_name}' for "
                f"'{field_name}' clashes with reverse accessor for '{clash_name}'.",
                hint="Add or change a related_name argument to the definition for "
                     "'%s' or '%s'." % (field_name, clash_name),
                obj=field, id="fields.E304"))
    return errors


def _composite_pk_hint(meta, name):
    """Why field `name` cannot be part of the composite key, or None."""
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return f"{name!r} is not a valid field."
    if not getattr(field, "column", None):
        return f"{name!r} field has no column."
    if field.null:
        return f"{name!r} field may not set 'null=True'."
    if getattr(field, "generated", False):
        return f"{name!r} field is a generated field."
    if field not in meta.local_fields:
        return f"{name!r} field is not a local field."
    return None


def _check_single_primary_key(model):
    """models.E026: two local fields say primary_key=True."""
    if sum(1 for f in model._meta.local_fields if f.primary_key) > 1:
        return [Error("The model cannot have more than one field with "
                      "'primary_key=True'.", obj=model, id="models.E026")]
    return []


def _check_composite_pk(model):
    """models.E042: each field of a CompositePrimaryKey is a local,
    non-null column, and no column is named twice."""
    meta = model._meta
    if meta.proxy or not meta.is_composite_pk:  # a proxy's key is its parent's
        return []
    errors, seen = [], {}
    for name in meta.pk.field_names:
        hint = _composite_pk_hint(meta, name)
        if hint:
            errors.append(Error(f"{name!r} cannot be included in the composite "
                                "primary key.", hint=hint, obj=model,
                                id="models.E042"))
        else:
            seen.setdefault(meta.get_field(name).column, []).append(name)
    for names in seen.values():
        if len(names) > 1:
            first, *rest = names
            duplicates = ", ".join(repr(n) for n in rest)
            errors.append(Error(
                f"{duplicates} cannot be included in the composite primary key.",
                hint=f"{duplicates} and {first!r} are the same fields.", obj=model,
                id="models.E042"))
    return errors


def _check_relations_to_composite_pk(model):
    """fields.E347: a relation may not target a CompositePrimaryKey."""
    errors = []
    for field in model._meta.local_fields:
        target = getattr(field.remote_field, "model", None)
        if not field.is_relation or target is None or isinstance(target, str):
            continue
        name = getattr(field, "to_field", None)
        try:
            pk = target._meta.pk if name is None else target._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(pk, "is_composite", False):
            errors.append(Error(
                "Field defines a relation involving model "
                f"{target._meta.object_name!r} which has a CompositePrimaryKey "
                "and such relations are not supported.", obj=field,
                id="fields.E347"))
    return errors
