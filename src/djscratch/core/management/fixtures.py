"""Fixtures: JSON files of rows in Django's
serialization format, for loaddata, dumpdata and TestCase.fixtures.
"""

import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.management.commands.
import djscratch

from djscratch.utils.encoding import is_protected_type
from djscratch.core.management.base import CommandError, COMMANDS
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.management.utils import parse_apps_and_model_labels
from djscratch.db.utils import _router, connections, DatabaseError
from djscratch.db.transaction import transaction
from djscratch.core.serializers import deserialize, get_public_serializer_formats


# -- Fixtures: JSON files of rows, in Django's serialization format
#    ([{"model": "app.model", "pk": 1, "fields": {...}}]), found in each app's
#    fixtures/ folder, in FIXTURE_DIRS, or by path.

def _registered_model(label):
    """Return the model "app_label.ModelName" names, installed app or not."""
    app_label, _, model_name = label.partition(".")
    try:
        return apps.all_models[app_label][model_name.lower()]
    except KeyError:
        raise LookupError(f"No model named {label!r}.") from None


def _compression_formats():
    """Compression suffix -> opener of a fixture file (binary)."""
    import bz2
    import gzip
    import lzma

    return {None: lambda path: open(path, "rb"), "gz": gzip.GzipFile,
            "zip": _SingleZipReader, "bz2": bz2.BZ2File, "lzma": lzma.LZMAFile,
            "xz": lzma.LZMAFile}


class _SingleZipReader:
    """A zip holding exactly one file, read as that file."""

    def __init__(self, path):
        import zipfile

        self._zip = zipfile.ZipFile(path)
        if len(self._zip.namelist()) != 1:
            self._zip.close()
            raise ValueError("Zip-compressed fixtures must contain one file.")

    def read(self):
        return self._zip.read(self._zip.namelist()[0])

    def close(self):
        self._zip.close()


def _parse_fixture_name(name, formats, compressions):
    """(name, serialization format or None, compression or None), as loaddata."""
    parts = name.rsplit(".", 2)
    cmp_fmt = None
    if len(parts) > 1 and parts[-1] in compressions:
        cmp_fmt = parts[-1]
        parts = parts[:-1]
    ser_fmt = None
    if len(parts) > 1:
        if parts[-1] not in formats:
            raise CommandError(
                "Problem installing fixture '%s': %s is not a known serialization "
                "format." % (".".join(parts[:-1]), parts[-1]))
        ser_fmt = parts[-1]
        parts = parts[:-1]
    return ".".join(parts), ser_fmt, cmp_fmt


def _fixture_dirs(app_label=None):
    """Each app's fixtures/ folder, FIXTURE_DIRS, then the current directory."""
    dirs = []
    fixture_dirs = settings.FIXTURE_DIRS
    if len(fixture_dirs) != len(set(fixture_dirs)):
        raise ImproperlyConfigured(
            "settings.FIXTURE_DIRS contains duplicates.")
    for config in apps.get_app_configs():
        if not config.path:
            continue
        app_dir = os.path.join(config.path, "fixtures")
        if app_dir in [str(d) for d in fixture_dirs]:
            raise ImproperlyConfigured(
                "'%s' is a default fixture directory for the '%s' app and cannot "
                "be listed in settings.FIXTURE_DIRS." % (app_dir, config.label))
        if app_label and config.label != app_label:
            continue
        if os.path.isdir(app_dir):
            dirs.append(app_dir)
    dirs.extend(str(d) for d in fixture_dirs)
    dirs.append("")
    return [os.path.realpath(d) for d in dirs]


def _find_fixtures(label, using, formats, compressions, app_label=None):
    """[(file, folder, name)] a fixture label names, found as loaddata does:
    name[.database][.format][.compression] in each fixture folder."""
    import glob
    import itertools

    name, ser_fmt, cmp_fmt = _parse_fixture_name(label, formats, compressions)
    dirname, basename = os.path.split(name)
    if os.path.isabs(name):
        dirs = [dirname]
    else:
        dirs = _fixture_dirs(app_label)
        if os.path.sep in os.path.normpath(name):
            dirs = [os.path.join(d, dirname) for d in dirs]
    targets = {"%s.%s" % (basename, ".".join(ext for ext in combo if ext))
               for combo in itertools.product(
                   [using, None], formats if ser_fmt is None else [ser_fmt],
                   compressions if cmp_fmt is None else [cmp_fmt])}
    found = []
    for folder in dirs:
        here = [(path, folder, basename) for path in glob.iglob(
            glob.escape(os.path.join(folder, basename)) + "*")
            if os.path.basename(path) in targets]
        if len(here) > 1:
            raise CommandError("Multiple fixtures named '%s' in %s. Aborting." % (
                basename, "'%s'" % folder if folder else "absolute path"))
        found.extend(here)
    if not found:
        raise CommandError("No fixture named '%s' found." % basename)
    return found


def _loaddata(names, using="default", verbosity=0, ignore=False, app_label=None,
              exclude=(), stdout=None, format=None):
    """Load fixtures (json, jsonl; compressed or not) into the database in one
    transaction, as Django's loaddata; return the number of objects saved."""
    import warnings

    def write(text, end="\n"):
        import sys

        (stdout or sys.stdout).write(text + end)

    excluded_models, excluded_apps = parse_apps_and_model_labels(exclude)
    formats = get_public_serializer_formats()
    compressions = _compression_formats()
    if "-" in names and not format:
        raise CommandError("--format must be specified when reading from stdin.")
    fixtures = [[("-", None, "-")] if label == "-" else
                _find_fixtures(label, using, formats, compressions, app_label)
                for label in names]
    counts = {"fixtures": 0, "loaded": 0, "found": 0}
    deferred = []
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            # Rows may point at rows later in the same fixture.
            cursor.execute("PRAGMA defer_foreign_keys = ON")
        for found in fixtures:
            for path, _folder, name in found:
                if path == "-":  # standard input, in the --format given
                    ser_fmt, opener = format, _stdin_fixture
                else:
                    _name, ser_fmt, cmp_fmt = _parse_fixture_name(
                        os.path.basename(path), formats, compressions)
                    opener = compressions[cmp_fmt]
                counts["fixtures"] += 1
                found_here = _load_fixture_file(
                    path, ser_fmt, opener, using, ignore,
                    (excluded_models, excluded_apps), counts, deferred,
                    write if verbosity >= 3 else None)
                if not found_here:
                    warnings.warn("No fixture data found for '%s'. (File format may "
                                  "be invalid.)" % name, RuntimeWarning)
        for obj in deferred:
            obj.save_deferred_fields(using=using)
    if verbosity >= 1:
        if counts["found"] == counts["loaded"]:
            write("Installed %d object(s) from %d fixture(s)" % (
                counts["loaded"], counts["fixtures"]))
        else:
            write("Installed %d object(s) (of %d) from %d fixture(s)" % (
                counts["loaded"], counts["found"], counts["fixtures"]))
    return counts["loaded"]


def _stdin_fixture(path):
    """loaddata's "-": the fixture read from standard input (left open)."""
    import sys

    class _Stdin:
        def read(self):
            return sys.stdin.read()

        def close(self):
            pass

    return _Stdin()


def _load_fixture_file(path, ser_fmt, opener, using, ignore, excluded, counts,
                       deferred, progress=None):
    """Save the objects of one fixture file; return how many it held.
    `progress` (verbosity 3) is told each object saved."""
    excluded_models, excluded_apps = excluded
    in_file = loaded = 0
    fixture = opener(path)
    try:
        objects = deserialize(
            ser_fmt, fixture.read(), using=using, ignorenonexistent=ignore,
            handle_forward_references=True)
        for obj in objects:
            in_file += 1
            model = type(obj.object)
            if model._meta.app_config in excluded_apps or model in excluded_models:
                continue
            if _router.allow_migrate_model(using, model):
                try:
                    obj.save(using=using)
                except (DatabaseError, ValueError) as e:
                    e.args = ("Could not load %s(pk=%s): %s" % (
                        model._meta.label, obj.object.pk, e),)
                    raise
                counts["loaded"] += 1
                loaded += 1
                if progress is not None:
                    progress("\rProcessed %i object(s)." % loaded, end="")
            if obj.deferred_fields:
                deferred.append(obj)
    except Exception as e:
        if not isinstance(e, CommandError):
            e.args = ("Problem installing fixture '%s': %s" % (path, e),)
        raise
    finally:
        fixture.close()
    if in_file and progress is not None:
        progress("")  # the newline after the progress line
    counts["found"] += in_file
    return in_file


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
                fields[field.name] = value if is_protected_type(value) else (
                    field.value_to_string(obj))
            for field in meta.local_many_to_many:
                fields[field.name] = list(getattr(obj, field.name).values_list(
                    "pk", flat=True))
            rows.append({"model": meta.label_lower, "pk": obj.pk, "fields": fields})
    return rows

