"""Model Meta options as Django 5.2 applies them: default_related_name names
the reverse accessors, and the automatic primary key's class is refused with
messages naming the setting or the AppConfig it came from."""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.apps import AppConfig
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.test.utils import isolate_apps

from djscratch import override_settings
from tests.orm_support import ORM_SETTINGS, DatabaseTestCase, define_models

with define_models():

    class Writer(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "model_options_tests"

    class Volume(models.Model):
        writers = models.ManyToManyField(Writer)
        lead = models.ForeignKey(Writer, models.CASCADE, related_name="led")

        class Meta:
            app_label = "model_options_tests"
            default_related_name = "volumes"

    class Shop(models.Model):
        class Meta:
            abstract = True
            default_related_name = "%(app_label)s_%(model_name)ss"

    class BookShop(Shop):
        volumes = models.ManyToManyField(Volume)

        class Meta(Shop.Meta):
            app_label = "model_options_tests"


class NoneConfig(AppConfig):
    name = "tests"
    default_auto_field = None


class TextConfig(AppConfig):
    name = "tests"
    default_auto_field = "django.db.models.TextField"


class DefaultRelatedNameTests(DatabaseTestCase):
    models = [Writer, Volume, BookShop]

    def test_default_related_name_names_the_reverse_accessor(self):
        writer = Writer.objects.create(name="w")
        volume = Volume.objects.create(lead=writer)
        volume.writers.add(writer)
        self.assertEqual(list(writer.volumes.all()), [volume])
        self.assertEqual(Writer.objects.get(volumes=volume), writer)
        self.assertEqual(list(writer.led.all()), [volume])
        self.assertFalse(hasattr(writer, "volume_set"))

    def test_an_abstract_parents_placeholders_are_filled(self):
        volume = Volume.objects.create(lead=Writer.objects.create(name="w"))
        self.assertEqual(list(volume.model_options_tests_bookshops.all()), [])


@override_settings(**ORM_SETTINGS)
class DefaultAutoFieldTests(unittest.TestCase):
    def define(self):
        class Model(models.Model):
            class Meta:
                app_label = "tests"

    @isolate_apps("tests")
    def test_the_setting_must_name_an_importable_auto_field(self):
        cases = [
            (None, ImproperlyConfigured, "DEFAULT_AUTO_FIELD must not be empty."),
            ("django.db.models.Missing", ImproperlyConfigured,
             "DEFAULT_AUTO_FIELD refers to the module 'django.db.models.Missing' "
             "that could not be imported."),
            ("django.db.models.TextField", ValueError,
             "Primary key 'django.db.models.TextField' referred by "
             "DEFAULT_AUTO_FIELD must subclass AutoField."),
        ]
        for path, error, message in cases:
            with self.subTest(path=path), override_settings(
                    DEFAULT_AUTO_FIELD=path):
                with self.assertRaises(error) as caught:
                    self.define()
                self.assertEqual(str(caught.exception), message)

    @isolate_apps("tests.test_model_options.NoneConfig")
    def test_an_app_configs_value_is_named_in_the_message(self):
        with self.assertRaises(ImproperlyConfigured) as caught:
            self.define()
        self.assertEqual(str(caught.exception), "tests.test_model_options."
                         "NoneConfig.default_auto_field must not be empty.")

    @isolate_apps("tests.test_model_options.TextConfig")
    def test_an_app_configs_non_auto_field_is_a_value_error(self):
        with self.assertRaises(ValueError) as caught:
            self.define()
        self.assertEqual(
            str(caught.exception), "Primary key 'django.db.models.TextField' "
            "referred by tests.test_model_options.TextConfig.default_auto_field "
            "must subclass AutoField.")


class VerboseNameTests(unittest.TestCase):
    """A model's default verbose_name splits its class name at Django's
    camel-case pattern; _camel_to_words() applies it without compiling it."""

    def assertSplitsAsThePattern(self, name):
        import re

        words = re.sub(djscratch._CAMEL_CASE_PATTERN, r" \1", name)
        self.assertEqual(djscratch._camel_to_words(name), words.lower().strip(),
                         repr(name))

    def test_class_names_split_as_the_pattern(self):
        for name in ["Comment", "BlogPost", "HTTPResponse", "URLField", "ABC", "A",
                     "", "aB", "Ab", "abC", "ABc", "XMLHttpRequest", "Model2Name",
                     "Ünïcode", "ÄbcDef", "snake_Case", "Trailing\n", "AB\n",
                     "A\n", "A\nB", "Tab\tName", " Spaced Out "]:
            self.assertSplitsAsThePattern(name)

    def test_any_text_splits_as_the_pattern(self):
        from hypothesis import given, settings, strategies

        @settings(max_examples=400, deadline=None, derandomize=True)
        @given(strategies.text(alphabet="aAbBzZ09_ \n\tÄä", max_size=12))
        def check(name):
            self.assertSplitsAsThePattern(name)

        check()

    def test_a_models_verbose_name(self):
        self.assertEqual(Writer._meta.verbose_name, "writer")
        self.assertEqual(BookShop._meta.verbose_name, "book shop")


@override_settings(**ORM_SETTINGS)
class HiddenRelationNameTests(unittest.TestCase):
    """A relation whose related_name ends in '+' has no reverse accessor, but
    keeps a name inside _meta, as in Django 5.2."""

    @isolate_apps("tests")
    def test_hidden_many_to_many_fields_get_names_of_their_own(self):
        class Tag(models.Model):
            class Meta:
                app_label = "tests"

        class Post(models.Model):
            tags = models.ManyToManyField(Tag, related_name="+")
            old_tags = models.ManyToManyField(Tag, related_name="+")

            class Meta:
                app_label = "tests"

        names = [Post._meta.get_field(name).remote_field.related_name
                 for name in ("tags", "old_tags")]
        self.assertEqual(names, ["_tests_post_tags_+", "_tests_post_old_tags_+"])

    @isolate_apps("tests")
    def test_a_hidden_foreign_keys_query_name_is_its_related_name(self):
        class Author(models.Model):
            class Meta:
                app_label = "tests"

        class Note(models.Model):
            author = models.ForeignKey(Author, models.CASCADE, related_name="notes+")

            class Meta:
                app_label = "tests"

        self.assertEqual(Note._meta.get_field("author").related_query_name(),
                         "notes+")
        names = [f.name for f in Author._meta.get_fields(include_hidden=True)]
        self.assertIn("notes+", names)
        self.assertNotIn("note", names)


@override_settings(**ORM_SETTINGS)
class GetFieldBeforeModelsReadyTests(DatabaseTestCase):
    models = [Writer, Volume, BookShop]

    def test_only_forward_fields_are_found_while_models_are_imported(self):
        opts = Writer._meta
        registry = opts.apps
        saved = registry.apps_ready, registry.models_ready
        registry.apps_ready, registry.models_ready = True, False  # populate()
        try:
            self.assertEqual(opts.get_field("name").name, "name")
            with self.assertRaises(FieldDoesNotExist) as caught:
                opts.get_field("led")
        finally:
            registry.apps_ready, registry.models_ready = saved
        self.assertEqual(
            str(caught.exception),
            "Writer has no field named 'led'. The app cache isn't ready yet, so if "
            "this is an auto-created related field, it won't be available yet.")

    def test_a_registry_never_populated_finds_reverse_relations(self):
        # A single-file App's models never go through populate().
        registry = Writer._meta.apps
        saved = registry.apps_ready, registry.models_ready
        registry.apps_ready = registry.models_ready = False
        try:
            self.assertEqual(Writer._meta.get_field("led").related_model, Volume)
        finally:
            registry.apps_ready, registry.models_ready = saved
