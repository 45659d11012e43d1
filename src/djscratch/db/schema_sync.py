"""Schema sync: create the tables and columns models need.
djscratch has no migrations; this is its `migrate`.
"""

import os
import sys

from djscratch.core.signals import post_migrate
from djscratch.apps.registry import apps
from djscratch.db.utils import connections, DEFAULT_DB_ALIAS
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.transaction import atomic
from djscratch.db.backends.schema import DatabaseSchemaEditor

__all__ = [
    "sync_schema", "emit_post_migrate_signal",
]

#: Labels of contrib apps whose models djscratch always defines but whose
#: tables exist only where the app is installed, as with Django's migrations.
_INSTALLED_ONLY_LABELS = {"contenttypes": "django.contrib.contenttypes",
                         "auth": "django.contrib.auth",
                         "admin": "django.contrib.admin",
                         "sites": "django.contrib.sites"}


class SchemaSyncResult:
    """What sync_schema() did (`applied`) and what it refused (`refused`)."""

    def __init__(self):
        self.applied = []
        self.refused = []
        self.pending = []

    def __bool__(self):
        return bool(self.applied or self.refused or self.pending)

    def __repr__(self):
        return "<SchemaSyncResult applied=%d refused=%d>" % (len(self.applied),
                                                               len(self.refused))


def _models_to_sync(models=None):
    if models is not None:
        found = []
        for model in models:
            if model._meta.proxy:
                continue  # its table is its concrete model's
            found.append(model)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if not isinstance(through, str) and through._meta.auto_created:
                    found.append(through)
        return found
    found, skipped = [], set()
    for label, models_ in apps.all_models.items():
        app_name = _INSTALLED_ONLY_LABELS.get(label)
        if app_name is not None and not apps.is_installed(app_name):
            skipped.update(models_.values())
            continue
        for model in models_.values():
            if (not model._meta.abstract and model._meta.managed
                    and not model._meta.proxy and not model._meta.swapped
                    and not _owner_swapped(model)):
                found.append(model)
    # A table keyed to a contrib model whose app is not installed is left
    # out too: SQLite would refuse every write to it (Django's check refuses
    # such a model, fields.E300).
    return [m for m in found if not _keys_to(m, skipped)]


def _keys_to(model, models):
    """Whether a foreign key of `model`'s own table points at one of `models`."""
    for field in model._meta.local_fields:
        target = getattr(field.remote_field, "model", None) if field.is_relation \
            else None
        if target in models:
            return True
    return False


def _owner_swapped(model):
    """Whether `model` is the link table of a swapped model's many-to-many
    (auth.User's groups when AUTH_USER_MODEL names another model)."""
    owner = model._meta.auto_created
    return bool(owner) and owner is not True and bool(owner._meta.swapped)


#: Column types that name the same thing in SQLite (TEXT affinity, no
#: length): djscratch made TextField columns "varchar" before it made them
#: "text" as Django does, and a database made either way stays usable.
_SAME_TEXT_TYPES = frozenset(("text", "varchar"))


def _same_column_type(existing, wanted):
    """Return whether a column of type `existing` already is `wanted`."""
    return existing == wanted or {existing, wanted} <= _SAME_TEXT_TYPES


def sync_schema(using=DEFAULT_DB_ALIAS, models=None, check=False, verbosity=1,
                stdout=None):
    """Bring the database up to the models, safely; return a SchemaSyncResult.

    Creates missing tables (with their indexes and M2M link tables), adds
    missing columns that are nullable or have a default, and creates missing
    indexes.  Anything destructive or ambiguous (a dropped or renamed column,
    a changed type or nullability, a column that would need a value) is
    listed in `refused` and never applied.  With check=True nothing is
    applied; `pending` lists what would be.
    """
    db = connections[using]
    result = SchemaSyncResult()
    out = stdout or sys.stdout
    tables, columns, indexes = _schema_snapshot(db)
    editor = DatabaseSchemaEditor(db, atomic=False)
    plan = []  # (description, callable)
    seen = set()
    for model in _models_to_sync(models):
        opts = model._meta
        table = opts.db_table
        if table.lower() in seen:
            continue  # two models on one table (e.g. managed twice): sync the first
        seen.add(table.lower())
        if table not in tables:
            plan.append(("Create table %s (model %s)" % (table, opts.label),
                         lambda m=model: (editor.execute(editor.table_sql(m)), [
                             editor.execute(sql) for _n, sql in editor.index_statements(
                                 m)])))
            tables.add(table)
            continue
        info = columns[table] if columns is not None else _table_columns(db, table)
        existing = {row[1]: row for row in info}
        model_columns = {f.column: f for f in opts.local_fields if f.column}
        for column, field in model_columns.items():
            if column not in existing:
                default = editor.effective_default(field)
                if field.null or default is not None:
                    if field.unique:
                        result.refused.append(
                            "%s.%s: a new UNIQUE column cannot be added in place; "
                            "add it by hand." % (table, column))
                        continue
                    plan.append(("Add column %s.%s" % (table, column),
                                 lambda m=model, f=field: editor.add_field(m, f)))
                else:
                    result.refused.append(
                        "%s.%s: new NOT NULL column without a default (give it "
                        "null=True or a default)." % (table, column))
                continue
            row = existing[column]
            if getattr(field, "generated", False):
                continue  # SQLite computes it: no type or NOT NULL of its own
            db_type = (field.db_type(db) or "").lower()
            if not _same_column_type(row[2].lower(), db_type):
                result.refused.append(
                    "%s.%s: type changed from %s to %s." % (
                        table, column, row[2].lower(),
                        db_type))
            elif bool(row[3]) == field.null and not field.primary_key:
                result.refused.append(
                    "%s.%s: nullability changed (now %s)." % (
                        table, column, "NULL" if field.null else "NOT NULL"))
        for column in existing:
            if column not in model_columns:
                result.refused.append(
                    "%s.%s: column is not in model %s (drop or rename it by hand)."
                    % (table, column, opts.label))
        index_names = indexes.get(table, set()) if indexes is not None else {
            row[0] for row in db._execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                [table]).fetchall()}
        for name, sql in editor.index_statements(model):
            if name not in index_names:
                plan.append(("Create index %s on %s" % (name, table),
                             lambda s=sql: editor.execute(s)))
    if check:
        result.pending = [d for d, _f in plan]
        return result
    if plan:
        with atomic(using=using):
            for description, apply in plan:
                apply()
                result.applied.append(description)
                if verbosity >= 2:
                    print("  " + description, file=out)
    return result


def emit_post_migrate_signal(verbosity, interactive, db, **kwargs):
    """Send post_migrate once per installed app, as `migrate` ends.

    Django skips apps without a models module; djscratch's contrib apps
    define their models elsewhere, so every installed app is sent.
    """
    for app_config in apps.get_app_configs():
        if verbosity >= 2:
            print("Running post-migrate handlers for application %s"
                  % app_config.label, file=kwargs.get("stdout") or sys.stdout)
        post_migrate.send(
            sender=app_config, app_config=app_config, verbosity=verbosity,
            interactive=interactive, using=db, apps=apps, plan=None, **kwargs)


def _sync_schema_for_app(stream=None):
    """Sync the schema as a single-file app starts (`python blog.py`).

    Applies the safe changes and prints one line per change, and a warning
    per refused (destructive or ambiguous) change; never raises for those.
    """
    stream = stream or sys.stderr
    for notice in _migration_notices():
        print(notice, file=stream)
    result = sync_schema(verbosity=0)
    emit_post_migrate_signal(0, False, DEFAULT_DB_ALIAS)
    for line in result.applied:
        print("Schema: %s" % line, file=stream)
    for line in result.refused:
        print("Schema change refused (make it by hand): %s" % line, file=stream)
    return result


def _models_module():
    """Return `django.db.models` (djscratch's, or Django's with that engine)."""
    import importlib

    return importlib.import_module("django.db.models")


def _migration_notices():
    """Return one notice per installed app that ships Django migration files."""
    notices = []
    for config in apps.get_app_configs():
        path = getattr(config, "path", None)
        if path and os.path.isdir(os.path.join(path, "migrations")):
            notices.append(
                "Notice: %s/migrations/ is ignored: djscratch syncs the schema from "
                "the models." % config.label)
    return notices


#: Every table's columns (as PRAGMA table_xinfo gives them) and every index's
#: name, in one query: a site's start checks its schema with it.
_SCHEMA_SNAPSHOT_SQL = (
    "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, "
    "p.hidden FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
    "UNION ALL SELECT tbl_name, NULL, name, NULL, NULL, NULL, NULL, NULL "
    "FROM sqlite_master WHERE type = 'index'")


def _schema_snapshot(db):
    """(table names, {table: column rows}, {table: index names}) of `db` in
    one query; the last two None where SQLite lacks pragma_table_xinfo()
    (before 3.26), when sync_schema() asks table by table."""
    import sqlite3

    try:
        rows = db._execute(_SCHEMA_SNAPSHOT_SQL).fetchall()
    except sqlite3.OperationalError:
        return set(db.introspection_table_names()), None, None
    tables, columns, indexes = set(), {}, {}
    for table, cid, *row in rows:
        if cid is None:
            indexes.setdefault(table, set()).add(row[0])
        else:
            tables.add(table)
            columns.setdefault(table, []).append((cid, *row))
    return tables, columns, indexes


def _table_columns(db, table):
    """PRAGMA rows of every column of `table`, generated ones included
    (table_info leaves them out; table_xinfo, SQLite 3.26+, lists them)."""
    import sqlite3

    try:
        return db._execute("PRAGMA table_xinfo(%s)" % quote_name(table)).fetchall()
    except sqlite3.OperationalError:
        return db._execute("PRAGMA table_info(%s)" % quote_name(table)).fetchall()
