"""The parts of Django modules the single file builds on first use (the
`<module>_extra.py` splits): asking whether a value is one of their classes
builds nothing, and answers as the classes themselves would.
"""

import json
import os
import pathlib
import subprocess
import sys
import unittest

import djscratch

ROOT = pathlib.Path(__file__).resolve().parent.parent
SINGLE_FILE = bool(getattr(djscratch, "_DEFERRED_NAMES", None))

#: Asks about plain fields and values in a fresh process; reports the answers
#: and the sections built.
ASK_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
answers = [djscratch._is_number_field(djscratch.CharField(max_length=3)),
           djscratch._is_number_field(djscratch.BigAutoField(primary_key=True)),
           djscratch._instance_of_any(djscratch.DateField(),
                                      djscratch._PREPARED_BY_DB_VALUE),
           djscratch._is_composite_pk(type("Meta", (), {"pk": None})),
           [c.__name__
            for c in djscratch._value_classes_taken_as_is(djscratch.TextField)],
           djscratch._defines("FloatField"), djscratch._defines("NoSuchName")]
print(json.dumps({"answers": answers, "built": sorted(djscratch._SECTIONS_LOADED)}))
"""


def _run(code):
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, text=True,
                            capture_output=True, timeout=120, env=environ)
    if result.returncode:
        raise AssertionError(result.stderr[-3000:])
    return json.loads(result.stdout.splitlines()[-1])


class AskingBuildsNothingTests(unittest.TestCase):
    @unittest.skipUnless(SINGLE_FILE, "the package defines every module at import")
    def test_asking_about_plain_fields_builds_no_section(self):
        facts = _run(ASK_PROBE)
        self.assertEqual(facts["answers"],
                         [False, True, False, False, ["str"], True, False])
        self.assertEqual(facts["built"], [])


class SameAnswersTests(unittest.TestCase):
    """The answers by name are those of isinstance() with the classes."""

    #: The built-in model fields that take no required argument.
    NAMES = ("AutoField BigAutoField SmallAutoField CharField TextField IntegerField "
             "SmallIntegerField BigIntegerField PositiveIntegerField "
             "PositiveSmallIntegerField PositiveBigIntegerField FloatField "
             "DecimalField BooleanField DateField DateTimeField TimeField "
             "DurationField EmailField URLField SlugField UUIDField JSONField "
             "BinaryField GenericIPAddressField FilePathField IPAddressField").split()

    def field_classes(self):
        return [getattr(djscratch, name) for name in self.NAMES]

    def instances(self):
        return [cls() for cls in self.field_classes()]

    def test_is_number_field_is_isinstance_of_integer_or_float_field(self):
        for field in self.instances():
            with self.subTest(field=type(field).__name__):
                self.assertIs(
                    djscratch._is_number_field(field),
                    isinstance(field, (djscratch.IntegerField, djscratch.FloatField)))

    def test_prepared_by_db_value_is_isinstance_of_the_classes_named(self):
        classes = tuple(getattr(djscratch, name)
                        for name in djscratch._PREPARED_BY_DB_VALUE)
        for field in self.instances():
            with self.subTest(field=type(field).__name__):
                self.assertIs(
                    djscratch._instance_of_any(field, djscratch._PREPARED_BY_DB_VALUE),
                    isinstance(field, classes))

    def test_values_taken_as_is_by_exact_built_in_class(self):
        d = djscratch
        integers = (d.AutoField, d.BigAutoField, d.SmallAutoField, d.IntegerField,
                    d.BigIntegerField, d.SmallIntegerField, d.PositiveIntegerField,
                    d.PositiveSmallIntegerField, d.PositiveBigIntegerField)
        texts = (d.CharField, d.TextField, d.SlugField, d.EmailField, d.URLField)
        expected = {**dict.fromkeys(integers, (int,)), **dict.fromkeys(texts, (str,)),
                    d.BooleanField: (bool,), d.FloatField: (float, int)}
        for cls in self.field_classes():
            with self.subTest(cls=cls.__name__):
                self.assertEqual(d._value_classes_taken_as_is(cls),
                                 expected.get(cls, ()))

        class IntegerField(d.IntegerField):  # an application's, of the same name
            pass

        self.assertEqual(d._value_classes_taken_as_is(IntegerField), ())


if __name__ == "__main__":
    unittest.main()
