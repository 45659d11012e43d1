"""Fixtures: JSON files of rows in Django's
serialization format, for loaddata, dumpdata and TestCase.fixtures.
"""

import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.management.commands.
import djscratch

from djscratch.utils.encoding import _is_protected_type
from djscratch.core.management.base import CommandError, COMMANDS
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.db.utils import connections
from djscratch.db.transaction import transaction
from djscratch.core.serializers.base import DeserializationError


# -- Fixtures: JSON files of rows, in Django's serialization format
#    ([{"model": "app.model", "pk": 1, "fields": {...}}]), found in each app's
#    fixtures/ folder, in FIXTURE_DIRS, or by path.

def _fixture_files(name):
    """Return the files a fixture label names, searched as Django's loaddata does."""
    root, ext = os.path.splitext(name)
    if ext and ext != ".json":
        raise CommandError(f"Problem installing fixture '{root}': {ext[1:]} is not a "
                           "known serialization format.")
    filename = name if ext else name + ".json"
    if os.path.isabs(filename):
        candidates = [filename]
    else:
        folders = [os.path.join(config.path, "fixtures")
                   for config in apps.get_app_configs() if config.path]
        folders += [str(folder) for folder in settings.FIXTURE_DIRS]
        folders.append(os.getcwd())
        candidates = [os.path.join(folder, filename) for folder in folders]
    found = list(dict.fromkeys(os.path.realpath(c) for c in candidates
                               if os.path.isfile(c)))
    if not found:
        raise CommandError(f"No fixture named '{os.path.basename(root)}' found.")
    return found


def _registered_model(label):
    """Return the model "app_label.ModelName" names, installed app or not."""
    app_label, _, model_name = label.partition(".")
    try:
        return apps.all_models[app_label][model_name.lower()]
    except KeyError:
        raise LookupError(f"No model named {label!r}.") from None


def _build_fixture_object(entry, using):
    """Return (unsaved instance, {m2m field name: pks}) for one fixture entry."""
    try:
        model = _registered_model(entry["model"])
    except (LookupError, ValueError, KeyError) as err:
        raise DeserializationError(f"Invalid model identifier: "
                                   f"'{entry.get('model')}' ({err})") from None
    meta = model._meta
    values, many = {}, {}
    if entry.get("pk") is not None:
        values[meta.pk.attname] = meta.pk.to_python(entry["pk"])
    for name, value in (entry.get("fields") or {}).items():
        try:
            field = meta.get_field(name)
        except Exception:
            raise DeserializationError(
                f"{entry['model']} has no field named '{name}'") from None
        if getattr(field, "many_to_many", False):
            many[name] = value
        elif getattr(field, "remote_field", None) is not None:
            if isinstance(value, (list, tuple)):
                raise DeserializationError(
                    "Natural keys are not supported in djscratch fixtures "
                    f"({entry['model']}.{name}).")
            values[field.attname] = value
        else:
            values[field.attname] = field.to_python(value)
    return model(**values), many


def _loaddata(names, using="default", verbosity=0):
    """Load JSON fixtures into the database in one transaction; return the count."""
    import json

    files = [path for name in names for path in _fixture_files(name)]
    count = 0
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            # Rows may point at rows later in the same fixture.
            cursor.execute("PRAGMA defer_foreign_keys = ON")
        for path in files:
            with open(path, encoding="utf-8") as f:
                try:
                    entries = json.load(f)
                except ValueError as err:
                    raise DeserializationError(
                        f"Problem installing fixture '{path}': {err}") from None
            for entry in entries:
                obj, many = _build_fixture_object(entry, using)
                obj.save_base(raw=True, using=using)
                for name, pks in many.items():
                    getattr(obj, name).set(pks)
                count += 1
    if verbosity >= 1:
        print(f"Installed {count} object(s) from {len(files)} fixture(s)")
    return count


def _load_fixtures(names, using="default"):
    """Load a test case's `fixtures` (the loaddata command's work)."""
    if "loaddata" in COMMANDS and COMMANDS["loaddata"][0] is not djscratch.core.management.commands._cmd_loaddata:  # noqa: E501
        return djscratch.core.management.commands.call_command("loaddata", *names, verbosity=0, database=using)  # noqa: E501
    return _loaddata(names, using=using)


def _dumpdata(labels=(), using="default", exclude=()):
    """Return the rows of the models named by labels (all by default) as dicts."""
    models = []
    for label in labels or [c.label for c in apps.get_app_configs()]:
        if "." in label:
            models.append(_registered_model(label))
        elif label in apps.all_models:
            models.extend(m for m in apps.all_models[label].values()
                          if not m._meta.auto_created)
        else:
            apps.get_app_config(label)  # raises LookupError naming the label
    excluded = set(exclude)
    rows = []
    for model in models:
        meta = model._meta
        if meta.label in excluded or meta.app_label in excluded:
            continue
        if not getattr(meta, "managed", True) or getattr(meta, "proxy", False):
            continue
        for obj in model._default_manager.using(using).order_by(meta.pk.name):
            fields = {}
            for field in meta.local_concrete_fields:  # a parent's are its own
                if field.primary_key:
                    continue
                if getattr(field, "remote_field", None) is not None:
                    fields[field.name] = getattr(obj, field.attname)
                    continue
                value = field.value_from_object(obj)
                fields[field.name] = value if _is_protected_type(value) else (
                    field.value_to_string(obj))
            for field in meta.local_many_to_many:
                fields[field.name] = list(getattr(obj, field.name).values_list(
                    "pk", flat=True))
            rows.append({"model": meta.label_lower, "pk": obj.pk, "fields": fields})
    return rows

