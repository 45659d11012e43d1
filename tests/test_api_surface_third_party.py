"""Django names that popular third-party apps import (issue 19, point 4):
django-filter, django-taggit, django-model-utils, django-crispy-forms.
Values and messages as Django 5.2 defines them.
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import TEST_SETTINGS


class RemovedModelFieldTests(unittest.TestCase):
    """Fields Django removed but keeps importable for old migrations (and
    django-filter's FILTER_FOR_DBFIELD table names): `check` refuses them."""

    def assert_removed(self, field, check_id, message, hint):
        [error] = field.check()
        self.assertEqual((error.id, error.msg, error.hint), (check_id, message, hint))
        self.assertIs(error.obj, field)

    def test_comma_separated_integer_field_fails_check_e901(self):
        from django.db import models

        self.assert_removed(
            models.CommaSeparatedIntegerField(max_length=20), "fields.E901",
            "CommaSeparatedIntegerField is removed except for support in historical "
            "migrations.",
            "Use CharField(validators=[validate_comma_separated_integer_list]) "
            "instead.")

    def test_ip_address_field_fails_check_e900(self):
        from django.db.models.fields import IPAddressField

        field = IPAddressField()
        self.assertEqual(field.max_length, 15)
        self.assert_removed(
            field, "fields.E900",
            "IPAddressField has been removed except for support in historical "
            "migrations.", "Use GenericIPAddressField instead.")

    def test_null_boolean_field_fails_check_e903(self):
        from django import forms
        from django.db import models

        field = models.NullBooleanField()
        self.assertEqual((field.null, field.blank), (True, True))
        self.assertIsNot(models.NullBooleanField, forms.NullBooleanField)
        self.assert_removed(
            field, "fields.E903",
            "NullBooleanField is removed except for support in historical "
            "migrations.", "Use BooleanField(null=True, blank=True) instead.")


class KeepLazyTests(unittest.TestCase):
    def test_a_lazy_argument_gives_a_lazy_result(self):
        from django.utils.functional import keep_lazy, lazystr, Promise

        calls = []

        @keep_lazy(str)
        def shout(text):
            calls.append(text)
            return str(text).upper()

        result = shout(lazystr("hi"))
        self.assertIsInstance(result, Promise)
        self.assertEqual(calls, [])
        self.assertEqual(str(result), "HI")
        self.assertEqual(shout("plain"), "PLAIN")

    def test_keep_lazy_needs_a_result_class(self):
        from django.utils.functional import keep_lazy

        with self.assertRaisesRegex(TypeError, "at least one argument"):
            keep_lazy()

    def test_keep_lazy_text_is_keep_lazy_of_str(self):
        from django.utils.functional import keep_lazy_text, lazystr, Promise

        self.assertIsInstance(keep_lazy_text(str.strip)(lazystr(" a ")), Promise)


class ModelInternalsNamesTests(unittest.TestCase):
    def test_lookup_separator_and_on_conflict(self):
        from django.db.models.constants import LOOKUP_SEP, OnConflict

        self.assertEqual(LOOKUP_SEP, "__")
        self.assertEqual([m.value for m in OnConflict], ["ignore", "update"])

    def test_relation_classes_are_the_ones_models_use(self):
        from django.db import models
        from django.db.models.fields.related import (
            ForeignObjectRel, ManyToManyRel, ManyToOneRel, OneToOneRel,
            RECURSIVE_RELATIONSHIP_CONSTANT, RelatedField,
        )

        self.assertTrue(issubclass(models.ForeignKey, RelatedField))
        self.assertTrue(issubclass(OneToOneRel, ManyToOneRel))
        self.assertTrue(issubclass(ManyToManyRel, ForeignObjectRel))
        self.assertEqual(RECURSIVE_RELATIONSHIP_CONSTANT, "self")

    def test_path_info_fields(self):
        from django.db.models.query_utils import PathInfo

        self.assertEqual(PathInfo._fields, (
            "from_opts", "to_opts", "target_fields", "join_field", "m2m", "direct",
            "filtered_relation"))

    def test_setting_changed_is_one_signal_in_both_modules(self):
        from django.core.signals import setting_changed
        from django.test.signals import setting_changed as test_setting_changed

        self.assertIs(setting_changed, test_setting_changed)

    def test_blank_choice_dash_and_field_classes_from_fields_module(self):
        from django.db import models
        from django.db.models.fields import BLANK_CHOICE_DASH, CharField

        self.assertEqual(BLANK_CHOICE_DASH, [("", "---------")])
        self.assertIs(CharField, models.CharField)


class L10nFilterTests(unittest.TestCase):
    """{% load l10n %}'s localize and unlocalize (crispy-forms' bootstrap
    templates use unlocalize); expected outputs are real Django 5.2.20's."""

    CASES = [
        (1234567, "1,234,567|1234567|1,234,567"),
        (1234.5, "1,234.5|1234.5|1,234.5"),
        ("Decimal", "12,345.678|12345.678|12,345.678"),
        (True, "True|True|True"),
        (None, "None|None|None"),
        ("x", "x|x|x"),
        ("date", "Jan. 2, 2026|Jan. 2, 2026|Jan. 2, 2026"),
        ("datetime", "Jan. 2, 2026, 3:04 a.m.|Jan. 2, 2026, 3:04 a.m.|"
                     "Jan. 2, 2026, 3:04 a.m."),
    ]

    def test_localize_groups_and_unlocalize_does_not(self):
        import datetime
        import decimal

        from django.template import Context, Engine

        values = {"Decimal": decimal.Decimal("12345.678"),
                  "date": datetime.date(2026, 1, 2),
                  "datetime": datetime.datetime(2026, 1, 2, 3, 4)}
        engine = Engine(libraries={"l10n": "django.templatetags.l10n"})
        template = engine.from_string(
            "{% load l10n %}{{ v|localize }}|{{ v|unlocalize }}|{{ v }}")
        with override_settings(USE_THOUSAND_SEPARATOR=True, USE_TZ=False):
            for value, expected in self.CASES:
                value = values.get(value, value) if isinstance(value, str) else value
                with self.subTest(value=value):
                    self.assertEqual(template.render(Context({"v": value})), expected)


@override_settings(**TEST_SETTINGS)
class LazyRelatedOperationTests(unittest.TestCase):
    def test_the_function_runs_once_every_related_model_is_defined(self):
        from django.db import models
        from django.db.models.fields.related import lazy_related_operation
        from django.test.utils import isolate_apps

        calls = []
        with isolate_apps("tests"):
            class Owner(models.Model):
                class Meta:
                    app_label = "tests"

            lazy_related_operation(
                lambda model, a, b, tag: calls.append((model, a, b, tag)),
                Owner, "self", "LaterModel", tag="x")
            self.assertEqual(calls, [])

            class LaterModel(models.Model):
                class Meta:
                    app_label = "tests"

        self.assertEqual(calls, [(Owner, Owner, LaterModel, "x")])

    def test_without_related_models_the_function_runs_at_once(self):
        from django.db.models.fields.related import lazy_related_operation

        calls = []
        lazy_related_operation(lambda model, **kw: calls.append((model, kw)), "M", k=1)
        self.assertEqual(calls, [("M", {"k": 1})])


from django.db import models as _models  # noqa: E402

from tests.orm_support import DatabaseTestCase, define_models  # noqa: E402


class _UpperField(_models.CharField):
    """A field written as django-model-utils writes its own: Django's
    get_db_prep_save signature, the connection required."""

    def get_db_prep_save(self, value, connection):
        return super().get_db_prep_save(value.upper(), connection)


with define_models():
    class Shout(_models.Model):
        text = _UpperField(max_length=20)

        class Meta:
            app_label = "third_party_api"


class ApplicationFieldSaveTests(DatabaseTestCase):
    models = [Shout]

    def test_get_db_prep_save_with_a_required_connection_is_called_with_one(self):
        Shout.objects.create(text="hey")
        Shout(text="you").save()
        self.assertEqual(sorted(Shout.objects.values_list("text", flat=True)),
                         ["HEY", "YOU"])
