"""Schema: the schema editor, sync_schema() and `migrate` / `migrate --check`."""

import os
import sys
import tempfile
import textwrap
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import connection, models

from djscratch import override_settings, sync_schema
from tests import TEST_SETTINGS
from tests.orm_support import define_models
from tests import forked

with define_models():

    class Shelf(models.Model):
        label = models.CharField(max_length=10, db_index=True)

        class Meta:
            app_label = "orm_schema"

    class Book(models.Model):
        shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)
        title = models.CharField(max_length=10)
        readers = models.ManyToManyField(Shelf, related_name="read_books")

        class Meta:
            app_label = "orm_schema"
            constraints = [models.UniqueConstraint(fields=["shelf", "title"],
                                                   name="one_title_per_shelf")]


def columns(table):
    with connection.cursor() as cursor:
        return [row[1] for row in cursor.execute("PRAGMA table_info(%s)" % table)]


@override_settings(**TEST_SETTINGS, DATABASES={"default": {"NAME": ":memory:"}})
class SyncSchemaTests(unittest.TestCase):
    def setUp(self):
        connection.close()

    def tearDown(self):
        connection.close()

    def test_creates_tables_indexes_and_link_tables(self):
        result = sync_schema(models=[Shelf, Book], verbosity=0)
        self.assertEqual(result.refused, [])
        tables = connection.introspection.table_names()
        for table in ("orm_schema_shelf", "orm_schema_book", "orm_schema_book_readers"):
            self.assertIn(table, tables)
        with connection.cursor() as cursor:
            indexes = {row[0] for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index'")}
        self.assertIn("one_title_per_shelf", indexes)
        self.assertTrue(any(name.startswith("orm_schema_shelf_label") for name in
                            indexes))
        again = sync_schema(models=[Shelf, Book], verbosity=0)
        self.assertEqual((again.applied, again.refused), ([], []))

    def test_adds_nullable_or_defaulted_columns_and_refuses_the_rest(self):
        with define_models():
            class Shelf2(models.Model):
                label = models.CharField(max_length=10, default="none")
                note = models.TextField(null=True)
                size = models.IntegerField()

                class Meta:
                    app_label = "orm_schema_extra"
                    db_table = "orm_schema_legacy"

        with connection.cursor() as cursor:
            cursor.execute('CREATE TABLE "orm_schema_legacy" ("id" integer NOT NULL '
                           'PRIMARY KEY AUTOINCREMENT, "old" text)')
        check = sync_schema(models=[Shelf2], check=True, verbosity=0)
        self.assertEqual(check.pending, ["Add column orm_schema_legacy.label",
                                         "Add column orm_schema_legacy.note"])
        self.assertEqual(columns("orm_schema_legacy"), ["id", "old"])
        result = sync_schema(models=[Shelf2], verbosity=0)
        self.assertEqual(columns("orm_schema_legacy"), ["id", "old", "label", "note"])
        refused = "\n".join(result.refused)
        self.assertIn("orm_schema_legacy.size: new NOT NULL column without a default",
                      refused)
        self.assertIn("orm_schema_legacy.old: column is not in model", refused)

    def test_the_one_query_snapshot_is_what_the_table_by_table_queries_read(self):
        # _schema_snapshot() (one query: every table's columns and every
        # index) against introspection and PRAGMA table_xinfo per table.
        schema_sync = sys.modules[djscratch._schema_snapshot.__module__]
        sync_schema(models=[Shelf, Book], verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute('CREATE TABLE "odd ""name"" \u00e9" (a integer, '
                           'b text GENERATED ALWAYS AS (a || \'x\') VIRTUAL)')
            cursor.execute('CREATE INDEX "odd_index" ON "odd ""name"" \u00e9" (a)')
            cursor.execute('CREATE TABLE "auto" (id integer PRIMARY KEY '
                           'AUTOINCREMENT, v blob DEFAULT x\'00\')')
            cursor.execute('INSERT INTO "auto" (v) VALUES (NULL)')
            cursor.execute("CREATE VIEW a_view AS SELECT 1 AS one")
        db = connection
        tables, columns, indexes = schema_sync._schema_snapshot(db)
        self.assertEqual(tables, set(db.introspection_table_names()))
        self.assertIn('odd "name" \u00e9', tables)
        self.assertNotIn("sqlite_sequence", tables)
        for table in tables:
            per_table = schema_sync._table_columns(db, table)
            self.assertEqual(columns[table], [tuple(row) for row in per_table])
            expected = {row[0] for row in db._execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND "
                "tbl_name = ?", [table]).fetchall()}
            self.assertEqual(indexes.get(table, set()), expected)
        self.assertIn("odd_index", indexes['odd "name" \u00e9'])

    def test_type_change_is_refused(self):
        with connection.cursor() as cursor:
            cursor.execute('CREATE TABLE "orm_schema_shelf" ("id" integer NOT NULL '
                           'PRIMARY KEY AUTOINCREMENT, "label" integer NOT NULL)')
        result = sync_schema(models=[Shelf], verbosity=0)
        self.assertIn("orm_schema_shelf.label: type changed from integer to "
                      "varchar(10).", result.refused)

    def test_a_text_field_column_is_text_as_in_django(self):
        editor = connection.schema_editor(collect_sql=True)
        with define_models():
            class Note(models.Model):
                body = models.TextField()

                class Meta:
                    app_label = "orm_schema_extra"
                    db_table = "orm_schema_note"

        editor.create_model(Note)
        self.assertIn('"body" text NOT NULL', editor.collected_sql[0])

    def test_a_text_column_made_as_varchar_is_not_a_type_change(self):
        with define_models():
            class OldNote(models.Model):
                body = models.TextField()

                class Meta:
                    app_label = "orm_schema_extra"
                    db_table = "orm_schema_old_note"

        with connection.cursor() as cursor:
            cursor.execute('CREATE TABLE "orm_schema_old_note" ("id" integer NOT NULL '
                           'PRIMARY KEY AUTOINCREMENT, "body" varchar NOT NULL)')
        result = sync_schema(models=[OldNote], verbosity=0)
        self.assertEqual((result.applied, result.refused), ([], []))

    def test_schema_editor_create_add_delete(self):
        with connection.schema_editor() as editor:
            editor.create_model(Shelf)
            field = models.IntegerField(default=3)
            field.set_attributes_from_name("size")
            field.model = Shelf
            editor.add_field(Shelf, field)
        self.assertEqual(columns("orm_schema_shelf"), ["id", "label", "size"])
        with connection.schema_editor() as editor:
            editor.delete_model(Shelf)
        self.assertNotIn("orm_schema_shelf", connection.introspection.table_names())

    def test_collect_sql(self):
        editor = connection.schema_editor(collect_sql=True)
        editor.create_model(Shelf)
        self.assertEqual(editor.collected_sql[0],
                         'CREATE TABLE "orm_schema_shelf" ("id" integer NOT NULL '
                         'PRIMARY KEY AUTOINCREMENT, "label" varchar(10) NOT NULL);')


class MigrateCommandTests(unittest.TestCase):
    def run_app(self, folder, *args):
        # The folder that holds djscratch: djscratch.py's, or src/ for the
        # package (its __file__ is src/djscratch/__init__.py).
        found = os.path.abspath(djscratch.__file__)
        if hasattr(djscratch, "__path__"):
            found = os.path.dirname(found)
        env = dict(os.environ,
                   PYTHONPATH=os.path.dirname(found) + os.pathsep + folder)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return forked.run([sys.executable, "app.py", *args], cwd=folder,
                          capture_output=True, text=True, env=env, timeout=60)

    def test_the_sites_table_exists_only_where_sites_is_installed(self):
        for extra, created in (("", False),
                               ('INSTALLED_APPS=["django.contrib.sites"],', True)):
            with self.subTest(extra=extra), tempfile.TemporaryDirectory() as tmp:
                with open(os.path.join(tmp, "app.py"), "w") as f:
                    f.write(textwrap.dedent("""\
                        import djscratch
                        app = djscratch.App(__name__, %s SECRET_KEY="x" * 50)
                        if __name__ == "__main__":
                            app.main()
                        """ % extra))
                behind = self.run_app(tmp, "migrate", "--check")
                self.assertEqual("Create table django_site" in behind.stdout, created,
                                 behind.stdout + behind.stderr)

    def test_migrate_check_then_migrate(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "app.py"), "w") as f:
                f.write(textwrap.dedent("""\
                    import djscratch
                    app = djscratch.App(__name__, SECRET_KEY="x" * 50)
                    from django.db import models

                    class Item(models.Model):
                        name = models.CharField(max_length=5)

                    if __name__ == "__main__":
                        app.main()
                    """))
            os.mkdir(os.path.join(tmp, "migrations"))
            behind = self.run_app(tmp, "migrate", "--check")
            self.assertEqual(behind.returncode, 1, behind.stderr)
            self.assertIn("Create table app_item", behind.stdout)
            done = self.run_app(tmp, "migrate")
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("Applied: Create table app_item", done.stdout)
            self.assertIn("migrations/ is ignored", done.stdout)
            current = self.run_app(tmp, "migrate", "--check")
            self.assertEqual(current.returncode, 0, current.stdout + current.stderr)
