"""The model checks Django runs that catch common mistakes, with Django's ids
and texts: fields.E001-E003 (field names), models.E014/E015 (Meta.ordering),
models.E017 (a proxy with fields), fields.E304 (clashing reverse accessors)
and the managers' own checks
(django/core/checks/model_checks.py and the models' _check_* methods).
"""

from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.apps.registry import apps
from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags
from djscratch.db.models.lookups import _DATE_TRANSFORMS, _LOOKUP_NAMES

__all__ = [
    "check_all_models",
]


@register(Tags.models)
def check_all_models(app_configs=None, **kwargs):
    """Check every model of the installed apps (or of `app_configs`)."""
    if app_configs is None:
        models = apps.get_models()
    else:
        models = [m for config in app_configs for m in config.get_models()]
    errors = []
    for model in models:
        errors += _check_proxy(model)
        errors += _check_field_names(model)
        errors += _check_ordering(model)
        errors += _check_accessor_clashes(model)
        errors += _check_field_own(model)
        errors += _check_managers(model)
    return errors


def _check_managers(model):
    """Each manager's own check() (CurrentSiteManager's sites.E001/E002)."""
    errors = []
    for manager in model._meta.managers:
        errors += manager.check()
    return errors


def _check_field_own(model):
    """The checks a field runs on itself (FileField's fields.E201/E202,
    ImageField's fields.E210)."""
    errors = []
    for field in _own_fields(model):
        if hasattr(field, "check"):
            errors += field.check()
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
