"""Model fields (callable choices, FilePathField, GeneratedField): the
scenario of tests/model_fields_scenario.py run on djscratch and compared with
real Django's results (tests/model_fields_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import model_fields_scenario as scenario

EXPECTED = load_expected("model_fields_expected.json")


@override_settings(**ORACLE_SETTINGS)
class ModelFieldsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


class PickledVersionTests(unittest.TestCase):
    """A pickled model instance or queryset records the Django version; one
    without it, or with another, warns on unpickling (as Django 5.2)."""

    def setUp(self):
        import django
        from django.db import DJANGO_VERSION_PICKLE_KEY

        self.version, self.key = django.__version__, DJANGO_VERSION_PICKLE_KEY

    def test_the_key_and_version_are_djangos(self):
        self.assertEqual(self.key, "_django_version")
        self.assertEqual(self.version, "5.2")

    def test_an_instance_pickles_with_the_version_and_round_trips(self):
        import pickle
        import warnings

        hand = scenario.MfHand(plain=5)
        self.assertEqual(hand.__reduce__()[2][self.key], self.version)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            copy = pickle.loads(pickle.dumps(hand))
        self.assertEqual(copy.plain, 5)
        self.assertNotIn(self.key, copy.__dict__)

    def test_missing_or_other_version_warns(self):
        state = {"plain": 5}
        with self.assertWarnsRegex(
                RuntimeWarning,
                r"^Pickled model instance's Django version is not specified\.$"):
            scenario.MfHand().__setstate__(dict(state))
        with self.assertWarnsRegex(
                RuntimeWarning,
                r"^Pickled model instance's Django version 1\.0 does not match the "
                r"current version 5\.2\.$"):
            scenario.MfHand().__setstate__({**state, self.key: "1.0"})


class ModelUtilsTests(unittest.TestCase):
    """django.db.models.utils."""

    def test_make_model_tuple(self):
        from django.db.models.utils import make_model_tuple

        self.assertEqual(make_model_tuple("auth.User"), ("auth", "user"))
        self.assertEqual(make_model_tuple(("a", "b")), ("a", "b"))
        self.assertEqual(make_model_tuple(scenario.MfHand), ("orm_oracle", "mfhand"))
        with self.assertRaisesRegex(ValueError, "Invalid model reference 'nodot'"):
            make_model_tuple("nodot")

    def test_named_rows_are_immutable_cached_and_pickle(self):
        import pickle

        from django.db.models.utils import create_namedtuple_class

        row_class = create_namedtuple_class("a", "b")
        self.assertIs(row_class, create_namedtuple_class("a", "b"))
        row = row_class(1, 2)
        with self.assertRaises(AttributeError):
            row.c = 3
        self.assertEqual(pickle.loads(pickle.dumps(row)), (1, 2))

    def test_alters_data_is_inherited_by_overrides(self):
        from django.db.models.utils import AltersData

        class Base(AltersData):
            def save(self):
                pass

            save.alters_data = True

        class Child(Base):
            def save(self):
                pass

        self.assertTrue(Child.save.alters_data)

    def test_resolve_callables(self):
        from django.db.models.utils import resolve_callables

        self.assertEqual(dict(resolve_callables({"a": lambda: 1, "b": 2})),
                         {"a": 1, "b": 2})


class FieldMixinsAndRemovedFieldsTests(unittest.TestCase):
    """django.db.models.fields.mixins and the removed IPAddressField."""

    def test_field_cache_mixin_keeps_values_in_the_instance_state(self):
        from django.db.models.fields.mixins import FieldCacheMixin
        from django.utils.functional import cached_property

        class Example(FieldCacheMixin):
            @cached_property
            def cache_name(self):
                return "example"

        field, instance = Example(), scenario.MfHand()
        with self.assertRaises(KeyError):
            field.get_cached_value(instance)
        self.assertIsNone(field.get_cached_value(instance, default=None))
        field.set_cached_value(instance, 5)
        self.assertTrue(field.is_cached(instance))
        self.assertEqual(field.get_cached_value(instance), 5)
        field.delete_cached_value(instance)
        self.assertFalse(field.is_cached(instance))
        with self.assertRaises(NotImplementedError):
            FieldCacheMixin().get_cache_name()

    def test_get_cache_name_is_deprecated(self):
        from django.db.models.fields.mixins import FieldCacheMixin
        from django.utils.deprecation import RemovedInDjango60Warning

        class ExampleOld(FieldCacheMixin):
            def get_cache_name(self):
                return "example"

        with self.assertWarnsRegex(
                RemovedInDjango60Warning,
                r"^Override .*ExampleOld\.cache_name instead of get_cache_name\(\)\.$"):
            self.assertEqual(ExampleOld().cache_name, "example")

    def test_ip_address_field_is_refused_by_its_check(self):
        from django.db import models

        field = models.IPAddressField()
        self.assertEqual(field.max_length, 15)
        self.assertEqual(field.get_prep_value(0), "0")
        [error] = field.check()
        self.assertEqual(error.id, "fields.E900")
        self.assertEqual(error.msg, "IPAddressField has been removed except for "
                                    "support in historical migrations.")
        self.assertEqual(error.hint, "Use GenericIPAddressField instead.")
