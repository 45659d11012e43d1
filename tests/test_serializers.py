"""django.core.serializers: tests/serializers_scenario.py run on djscratch
and compared with real Django's results (tests/serializers_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import load_expected, MatchesDjango, populate_registry
from tests import serializers_scenario as scenario
from tests.test_orm_oracle import ORACLE_SETTINGS

EXPECTED = load_expected("serializers_expected.json")


@override_settings(**ORACLE_SETTINGS)
class SerializersMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        populate_registry()  # deserializing reads the app registry
        return scenario.run()


@override_settings(**ORACLE_SETTINGS)
class RefusedFormatsTests(unittest.TestCase):
    def test_yaml_without_pyyaml_raises_import_error_when_used(self):
        from django.core import serializers

        self.assertIn("yaml", serializers.get_public_serializer_formats())
        with self.assertRaisesRegex(ImportError, "pyyaml"):
            serializers.serialize("yaml", [])
        with self.assertRaisesRegex(ImportError, "pyyaml"):
            serializers.deserialize("yaml", "")

    def test_serialization_modules_setting_reloads_the_registry(self):
        from django.core import serializers

        with override_settings(SERIALIZATION_MODULES={
                "json2": "django.core.serializers.json"}):
            self.assertIn("json2", serializers.get_public_serializer_formats())
        self.assertNotIn("json2", serializers.get_public_serializer_formats())

    def test_xml_parser_refuses_external_entities(self):
        from django.core.serializers.xml_serializer import (
            DefusedExpatParser, ExternalReferenceForbidden,
        )

        parser = DefusedExpatParser()
        parser.reset()
        with self.assertRaisesRegex(ExternalReferenceForbidden, "file:///etc"):
            parser.external_entity_ref_handler(None, None, "file:///etc/passwd",
                                               None)


if __name__ == "__main__":
    unittest.main()


from django.db import models  # noqa: E402
from tests.orm_support import DatabaseTestCase, define_models  # noqa: E402

with define_models():

    class GrowerManager(models.Manager):
        def get_by_natural_key(self, name):
            return self.get(name=name)

    class Grower(models.Model):
        name = models.CharField(max_length=20, unique=True)
        objects = GrowerManager()

        class Meta:
            app_label = "serializers_loaddata"

        def natural_key(self):
            return (self.name,)

    class Fruit(models.Model):
        name = models.CharField(max_length=20)
        grower = models.ForeignKey(Grower, models.CASCADE, null=True)

        class Meta:
            app_label = "serializers_loaddata"


    class Orchard(models.Model):
        owner = models.OneToOneField(Grower, models.CASCADE)

        class Meta:
            app_label = "serializers_loaddata"


FRUITS = ('[{"model": "serializers_loaddata.fruit", "pk": 1, "fields": '
          '{"name": "fig", "grower": ["Ann"]}}, '
          '{"model": "serializers_loaddata.grower", "pk": 7, "fields": '
          '{"name": "Ann"}}]')


class LoaddataTests(DatabaseTestCase):
    models = [Grower, Fruit, Orchard]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        populate_registry()  # deserializing finds models in the app registry

    def test_one_to_one_reads_a_natural_key(self):
        from django.core import serializers

        ann = Grower.objects.create(name="Ann")
        orchard = Orchard.objects.create(owner=ann)
        for format in ("json", "xml"):
            text = serializers.serialize(format, [orchard],
                                         use_natural_foreign_keys=True)
            self.assertIn("Ann", text)
            (loaded,) = serializers.deserialize(format, text)
            self.assertEqual(loaded.object.owner_id, ann.pk)

    def test_a_deserialized_object_is_saved_by_models_own_save_base(self):
        from unittest import mock

        from django.core import serializers

        text = serializers.serialize("json", [Grower(pk=3, name="Bo")])
        (loaded,) = serializers.deserialize("json", text)
        with mock.patch.object(Grower, "save_base", side_effect=AssertionError):
            loaded.save(force_insert=True)
        self.assertEqual(Grower.objects.get(pk=3).name, "Bo")

    def write(self, folder, name, data):
        import os

        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_compressed_fixtures_with_forward_natural_keys(self):
        import gzip
        import io
        import tempfile

        from django.core.management import call_command

        with tempfile.TemporaryDirectory() as tmp:
            path = self.write(tmp, "crop.json.gz", gzip.compress(FRUITS.encode()))
            out = io.StringIO()
            call_command("loaddata", path, stdout=out)
        self.assertEqual(out.getvalue().strip(),
                         "Installed 2 object(s) from 1 fixture(s)")
        self.assertEqual(Fruit.objects.get().grower.pk, 7)

    def test_stdin_with_format_and_progress_at_verbosity_three(self):
        import io
        from unittest import mock

        from django.core.management import CommandError, call_command

        with self.assertRaisesRegex(
                CommandError, "^--format must be specified when reading from stdin."):
            call_command("loaddata", "-", verbosity=0)
        out = io.StringIO()
        with mock.patch("django.core.management.commands.loaddata.sys.stdin",
                        io.StringIO(FRUITS)):
            call_command("loaddata", "--format=json", "-", verbosity=3, stdout=out)
        self.assertIn("\rProcessed 1 object(s).\rProcessed 2 object(s).\n",
                      out.getvalue())
        self.assertEqual(Fruit.objects.get().grower.name, "Ann")

    def test_database_specific_and_jsonl_fixtures_are_found_by_name(self):
        import tempfile

        from django.core.management import call_command
        from django.test import override_settings

        with tempfile.TemporaryDirectory() as tmp:
            self.write(tmp, "growers.default.jsonl",
                       b'{"model": "serializers_loaddata.grower", "pk": 1, '
                       b'"fields": {"name": "Bo"}}\n\n')
            self.write(tmp, "growers.other.jsonl", b"not read")
            with override_settings(FIXTURE_DIRS=[tmp]):
                call_command("loaddata", "growers", verbosity=0)
        self.assertEqual(list(Grower.objects.values_list("name", flat=True)), ["Bo"])

    def test_errors_as_django_reports_them(self):
        import tempfile

        from django.core.management import CommandError, call_command
        from django.core.serializers.base import DeserializationError

        with self.assertRaisesRegex(CommandError, "^No fixture named 'none' found."):
            call_command("loaddata", "none", verbosity=0)
        with self.assertRaisesRegex(
                CommandError, "Problem installing fixture 'crop': csv is not a "
                "known serialization format."):
            call_command("loaddata", "crop.csv", verbosity=0)
        with tempfile.TemporaryDirectory() as tmp:
            path = self.write(tmp, "bad.json", b'[{"model": "serializers_loaddata.'
                              b'grower", "pk": 1, "fields": {"nope": 1}}]')
            with self.assertRaisesRegex(Exception, "Problem installing fixture"):
                call_command("loaddata", path, verbosity=0)
            call_command("loaddata", path, verbosity=0, ignorenonexistent=True)
            call_command("loaddata", path, verbosity=0, ignore=True)  # the dest
        self.assertEqual(Grower.objects.count(), 1)
        # An ImportError's text is its msg, which loaddata's prefix leaves
        # alone (so on Django too, without PyYAML).
        with self.assertRaisesRegex(ImportError, "^djscratch does not implement "
                                    "the module 'django.core.serializers.pyyaml'"):
            with tempfile.TemporaryDirectory() as tmp:
                call_command("loaddata", self.write(tmp, "bad.yaml", b"- x"))
        self.assertTrue(issubclass(DeserializationError, Exception))


class DumpdataTests(DatabaseTestCase):
    models = [Grower, Fruit, Orchard]

    def test_natural_keys_pks_and_compressed_output(self):
        import gzip
        import io
        import json
        import os
        import tempfile

        from django.core.management import CommandError, call_command

        ann = Grower.objects.create(name="Ann")
        Fruit.objects.create(name="fig", grower=ann)
        Fruit.objects.create(name="yew", grower=ann)
        out = io.StringIO()
        call_command("dumpdata", "serializers_loaddata.fruit", pks="1",
                     natural_foreign=True, stdout=out)
        self.assertEqual(json.loads(out.getvalue()), [
            {"model": "serializers_loaddata.fruit", "pk": 1,
             "fields": {"name": "fig", "grower": ["Ann"]}}])
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "dump.json.gz")
            call_command("dumpdata", "serializers_loaddata", output=path,
                         format="jsonl")
            with gzip.open(path, "rt") as f:
                self.assertEqual(len(f.read().splitlines()), 3)
        with self.assertRaisesRegex(CommandError,
                                    "^You can only use --pks option with one model$"):
            call_command("dumpdata", pks="1")
        with self.assertRaisesRegex(CommandError,
                                    "^Unknown serialization format: csv$"):
            call_command("dumpdata", format="csv")
