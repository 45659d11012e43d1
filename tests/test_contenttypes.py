"""django.contrib.contenttypes: ContentType and its cached manager, the rows
`migrate` and the test database create, generic relations and formsets.

Expected values are Django 5.2's (checked with real Django on the same models).
"""

import os
import sys
import tempfile
import textwrap
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tests.orm_support import CaptureQueries, DatabaseTestCase, define_models
from tests import forked, populate_registry

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def setUpModule():
    # create_contenttypes() and the table sync read the app registry, which
    # must be populated, as in Django.
    populate_registry()

with define_models():

    class Animal(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "ct_tests"
            verbose_name = "beast"

    class Plant(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "ct_tests"


class ContentTypeModelTests(DatabaseTestCase):
    models = [ContentType, Animal, Plant]

    def setUp(self):
        super().setUp()
        ContentType.objects.clear_cache()

    def test_meta_matches_django(self):
        opts = ContentType._meta
        self.assertEqual(opts.db_table, "django_content_type")
        self.assertEqual(opts.app_label, "contenttypes")
        self.assertEqual(opts.unique_together, (("app_label", "model"),))
        self.assertEqual(str(opts.verbose_name), "content type")
        self.assertEqual(opts.get_field("model").verbose_name,
                         "python model class name")
        self.assertEqual(opts.get_field("app_label").max_length, 100)

    def test_get_for_model_creates_then_caches(self):
        ct = ContentType.objects.get_for_model(Animal)
        self.assertEqual((ct.app_label, ct.model), ("ct_tests", "animal"))
        with CaptureQueries() as queries:
            again = ContentType.objects.get_for_model(Animal())
        self.assertIs(again, ct)
        self.assertEqual(len(queries), 0)

    def test_get_for_id_and_natural_key_use_the_cache(self):
        ct = ContentType.objects.get_for_model(Animal)
        with CaptureQueries() as queries:
            self.assertIs(ContentType.objects.get_for_id(ct.pk), ct)
            self.assertIs(
                ContentType.objects.get_by_natural_key("ct_tests", "animal"), ct)
        self.assertEqual(len(queries), 0)

    def test_clear_cache_forces_a_query(self):
        ct = ContentType.objects.get_for_model(Animal)
        ContentType.objects.clear_cache()
        with CaptureQueries() as queries:
            self.assertEqual(ContentType.objects.get_for_id(ct.pk), ct)
        self.assertEqual(len(queries), 1)

    def test_get_for_models_in_one_query_creating_missing_rows(self):
        ContentType.objects.create(app_label="ct_tests", model="animal")
        with CaptureQueries() as queries:
            found = ContentType.objects.get_for_models(Animal, Plant)
        self.assertEqual({m: (ct.app_label, ct.model) for m, ct in found.items()},
                         {Animal: ("ct_tests", "animal"),
                          Plant: ("ct_tests", "plant")})
        self.assertEqual(ContentType.objects.count(), 2)
        with CaptureQueries() as queries:
            ContentType.objects.get_for_models(Animal, Plant)
        self.assertEqual(len(queries), 0)

    def test_cache_is_per_database(self):
        ct = ContentType.objects.get_for_model(Animal)
        self.assertEqual(ContentType.objects._cache, {"default": {
            ("ct_tests", "animal"): ct, ct.pk: ct}})

    def test_name_str_model_class_and_natural_key(self):
        ct = ContentType.objects.get_for_model(Animal)
        self.assertEqual(ct.name, "beast")
        self.assertEqual(ct.model_class(), Animal)
        self.assertEqual(ct.natural_key(), ("ct_tests", "animal"))
        self.assertIn("| beast", str(ct))

    def test_stale_content_type_falls_back_to_the_model_name(self):
        ct = ContentType.objects.create(app_label="gone", model="ghost")
        self.assertIsNone(ct.model_class())
        self.assertEqual(ct.name, "ghost")
        self.assertEqual(str(ct), "ghost")

    def test_objects_for_this_type(self):
        rex = Animal.objects.create(name="rex")
        Animal.objects.create(name="tom")
        ct = ContentType.objects.get_for_model(Animal)
        self.assertEqual(ct.get_object_for_this_type(name="rex"), rex)
        self.assertEqual(
            list(ct.get_all_objects_for_this_type(name="tom").values_list(
                "name", flat=True)), ["tom"])
        with self.assertRaises(Animal.DoesNotExist):
            ct.get_object_for_this_type(name="nobody")

    def test_unique_together_refuses_a_duplicate(self):
        from django.db import IntegrityError

        ContentType.objects.create(app_label="a", model="b")
        with self.assertRaises(IntegrityError):
            ContentType.objects.create(app_label="a", model="b")


class CreateContentTypesTests(DatabaseTestCase):
    models = [ContentType, Animal, Plant]

    def test_adds_missing_rows_only_and_reports_at_verbosity_2(self):
        import io
        from contextlib import redirect_stdout

        from django.apps import AppConfig
        from django.contrib.contenttypes.management import create_contenttypes

        ContentType.objects.create(app_label="ct_tests", model="animal")
        config = AppConfig("ct_tests")
        config.models = {"animal": Animal, "plant": Plant}

        class Registry:
            def get_app_config(self, label):
                return config

        out = io.StringIO()
        with redirect_stdout(out):
            create_contenttypes(config, verbosity=2, apps=Registry())
            create_contenttypes(config, verbosity=2, apps=Registry())
        self.assertEqual(out.getvalue(), "Adding content type 'ct_tests | plant'\n")
        self.assertEqual(sorted(ContentType.objects.values_list("model", flat=True)),
                         ["animal", "plant"])


class RemoveStaleContentTypesTests(DatabaseTestCase):
    # Permission: its rows depend on content types, so the command looks.  So
    # do the models of other test modules that key to ContentType (the
    # admin's LogEntry, a generic Tag): a relation stays once made, so their
    # tables are created too and the delete can look there, whatever ran
    # before.
    models = [ContentType, Animal, Plant, Permission, LogEntry]

    def setUp(self):
        self.models = list(self.models) + [
            rel.related_model for rel in ContentType._meta.related_objects
            if not rel.related_model._meta.abstract]
        super().setUp()

    def _run(self, answer=None, **options):
        import io
        from unittest import mock

        from django.core.management import call_command

        out = io.StringIO()
        with mock.patch("builtins.input", return_value=answer) as asked:
            call_command("remove_stale_contenttypes", include_stale_apps=True,
                         verbosity=2, stdout=out, **options)
        return out.getvalue(), asked.call_args_list

    def test_stale_rows_go_after_confirmation_and_live_ones_stay(self):
        from django.contrib.contenttypes.models import ContentType as CT

        ContentType.objects.create(app_label="ct_gone", model="ghost")
        live = {ct.pk for ct in (CT.objects.get_for_model(Animal),
                                 CT.objects.get_for_model(Plant))}
        out, asked = self._run(answer="no")
        self.assertIn("    - Content type for ct_gone.ghost\n", out)
        self.assertIn("Are you sure you want to delete these content types?", out)
        self.assertTrue(out.endswith("Stale content types remain.\n"))
        self.assertEqual(len(asked), 1)
        out, asked = self._run(answer="yes")
        self.assertTrue(out.endswith("Deleting stale content type "
                                     "'ct_gone | ghost'\n"))
        self.assertEqual(set(ContentType.objects.values_list("pk", flat=True)), live)

    def test_noinput_deletes_without_asking(self):
        ContentType.objects.create(app_label="ct_gone", model="ghost")
        out, asked = self._run(interactive=False)
        self.assertEqual(out, "Deleting stale content type 'ct_gone | ghost'\n")
        self.assertEqual(asked, [])
        self.assertFalse(ContentType.objects.filter(app_label="ct_gone").exists())


PROJECT_MODELS = """
from django.db import models

class Item(models.Model):
    name = models.CharField(max_length=10)
"""

PROJECT_TESTS = """
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase, TransactionTestCase

from shop.models import Item

ROWS = [("contenttypes", "contenttype"), ("sessions", "session"), ("shop", "item")]


class RowsInTestCase(TestCase):
    def test_rows_exist(self):
        self.assertEqual(sorted(ContentType.objects.values_list("app_label", "model")),
                         ROWS)
        self.assertEqual(ContentType.objects.get_for_model(Item).model_class(), Item)


class RowsAfterFlush(TransactionTestCase):
    def test_a(self):
        self.assertEqual(ContentType.objects.count(), 3)

    def test_b(self):
        self.assertEqual(ContentType.objects.count(), 3)
"""


class MigrateCreatesRowsTests(unittest.TestCase):
    """A project with django.contrib.contenttypes installed, end to end."""

    def run_djscratch(self, tmp, *args):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([HERE, tmp]),
               "DJANGO_SETTINGS_MODULE": "settings"}
        return forked.run([sys.executable, "-m", "djscratch", *args], cwd=tmp,
                          capture_output=True, text=True, timeout=120, env=env)

    def make_project(self, tmp):
        os.mkdir(os.path.join(tmp, "shop"))
        files = {"shop/__init__.py": "", "shop/models.py": PROJECT_MODELS,
                 "shop/tests.py": PROJECT_TESTS, "settings.py": textwrap.dedent("""
                     SECRET_KEY = "x" * 50
                     INSTALLED_APPS = ["django.contrib.contenttypes.apps."
                                       "ContentTypesConfig",
                                       "django.contrib.sessions", "shop"]
                     DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                                              "NAME": "db.sqlite3"}}
                     """)}
        for name, text in files.items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)

    def test_migrate_adds_a_row_per_installed_model_as_django(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.make_project(tmp)
            result = self.run_djscratch(tmp, "migrate", "-v", "2")
            self.assertEqual(result.returncode, 0, result.stderr)
            # Django 5.2 prints these lines for the same project.
            self.assertIn(
                "Running post-migrate handlers for application contenttypes\n"
                "Adding content type 'contenttypes | contenttype'\n"
                "Running post-migrate handlers for application sessions\n"
                "Adding content type 'sessions | session'\n"
                "Running post-migrate handlers for application shop\n"
                "Adding content type 'shop | item'\n", result.stdout)
            again = self.run_djscratch(tmp, "migrate", "-v", "2")
            self.assertNotIn("Adding content type", again.stdout)

    def test_test_database_has_the_rows_and_flush_restores_them(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.make_project(tmp)
            result = self.run_djscratch(tmp, "test", "shop")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Ran 3 tests", result.stderr)


class InstalledAppsTests(unittest.TestCase):
    def test_contenttypes_config_is_djangos(self):
        from django.contrib.contenttypes.apps import ContentTypesConfig

        config = ContentTypesConfig("django.contrib.contenttypes")
        self.assertEqual((config.label, config.verbose_name),
                         ("contenttypes", "Content Types"))
        self.assertEqual(config.default_auto_field, "django.db.models.AutoField")

    def test_table_is_synced_only_when_the_app_is_installed(self):
        from djscratch import _models_to_sync

        self.assertNotIn(ContentType, _models_to_sync())

    def test_a_table_keyed_to_it_is_left_out_with_it(self):
        # SQLite would refuse every write to a table whose key's target
        # table is missing (Django's checks refuse such a model: E300).
        from djscratch import _models_to_sync

        with define_models():
            class Label(models.Model):
                content_type = models.ForeignKey(ContentType, models.CASCADE)

                class Meta:
                    app_label = "ct_keyed"

            class Plain(models.Model):
                class Meta:
                    app_label = "ct_keyed"

        synced = _models_to_sync()
        self.assertNotIn(Label, synced)
        self.assertIn(Plain, synced)


class GenericRelationsMatchDjangoTests(unittest.TestCase):
    """GenericForeignKey get/set/cache, filter() by it refused, GenericRelation's
    manager (add/create/remove/clear/set), filtering both ways across it,
    cascade deletion, custom field names, generic inline formsets (prefix,
    HTML, create/edit/delete, save_as_new): each printed result as Django's
    (tests/contenttypes_expected.txt, from tests/gen_contenttypes_expected.py)."""

    def test_scenario_prints_what_django_prints(self):
        project = os.path.join(HERE, "tests", "contenttypes_project")
        env = {**os.environ, "DJS": "1", "DJANGO_SETTINGS_MODULE": "settings",
               "PYTHONPATH": os.pathsep.join([HERE, project])}
        result = forked.run([sys.executable, "run.py"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        with open(os.path.join(HERE, "tests", "contenttypes_expected.txt")) as f:
            self.assertEqual(result.stdout, f.read())


class GenericRelationByNameTests(unittest.TestCase):
    def test_a_model_named_before_it_is_defined_is_resolved_when_it_is(self):
        from django.contrib.contenttypes.fields import GenericRelation

        # (No key to ContentType here: a model with one, left in the registry,
        # would be flushed by later TransactionTestCases without its table.)
        with define_models():
            class Poll(models.Model):
                answers = GenericRelation("LaterAnswer")

                class Meta:
                    app_label = "ct_tests"

            class LaterAnswer(models.Model):
                object_id = models.PositiveIntegerField()

                class Meta:
                    app_label = "ct_tests"

        self.assertIs(Poll._meta.get_field("answers").related_model, LaterAnswer)


class GenericFieldChecksTests(unittest.TestCase):
    """GenericForeignKey.check(), GenericRelation.check() and the
    contenttypes checks, with Django's ids and messages."""

    def test_generic_foreign_key_checks(self):
        from django.contrib.contenttypes.fields import GenericForeignKey
        from django.core import checks

        with define_models():
            class NoType(models.Model):
                object_id = models.PositiveIntegerField()
                content_object = GenericForeignKey()

                class Meta:
                    app_label = "ct_tests"

            class WrongType(models.Model):
                content_type = models.IntegerField()
                content_object_ = GenericForeignKey("content_type", "oid")

                class Meta:
                    app_label = "ct_tests"

        self.assertEqual(NoType.content_object.check(), [checks.Error(
            "The GenericForeignKey content type references the nonexistent field "
            "'NoType.content_type'.", obj=NoType.content_object,
            id="contenttypes.E002")])
        hint = ("GenericForeignKeys must use a ForeignKey to "
                "'contenttypes.ContentType' as the 'content_type' field.")
        field = WrongType.content_object_
        self.assertEqual(field.check(), [
            checks.Error("Field names must not end with an underscore.", obj=field,
                         id="fields.E001"),
            checks.Error("The GenericForeignKey object ID references the nonexistent "
                         "field 'oid'.", obj=field, id="contenttypes.E001"),
            checks.Error("'WrongType.content_type' is not a ForeignKey.", hint=hint,
                         obj=field, id="contenttypes.E003")])

    def test_generic_relation_checks(self):
        from django.contrib.contenttypes.fields import GenericRelation
        from django.core import checks

        with define_models():
            class Untagged(models.Model):
                object_id = models.PositiveIntegerField()

                class Meta:
                    app_label = "ct_tests"

            class Holder(models.Model):
                tags = GenericRelation("Untagged")
                missing = GenericRelation("Missing")

                class Meta:
                    app_label = "ct_tests"

        tags, missing = Holder.tags.field, Holder.missing.field
        self.assertEqual(tags.check(), [checks.Error(
            "The GenericRelation defines a relation with the model "
            "'ct_tests.Untagged', but that model does not have a GenericForeignKey.",
            obj=tags, id="contenttypes.E004")])
        self.assertEqual(missing.check(), [checks.Error(
            "Field defines a relation with model 'Missing', which is either not "
            "installed, or is abstract.", obj=missing, id="fields.E300")])

    def test_model_name_length(self):
        from django.contrib.contenttypes.checks import check_model_name_lengths
        from django.core import checks

        with define_models():
            long_model = type("A" * 101, (models.Model,), {
                "__module__": __name__,
                "Meta": type("Meta", (), {"app_label": "ct_tests"})})

        class Config:
            def get_models(self):
                return [long_model, Animal]

        self.assertEqual(check_model_name_lengths([Config()]), [
            checks.Error("Model names must be at most 100 characters (got 101).",
                         obj=long_model, id="contenttypes.E005")])
