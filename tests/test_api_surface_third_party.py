"""Django names that popular third-party apps import (issue 19, point 4):
django-filter (with Django REST framework), django-taggit, django-model-utils,
django-crispy-forms.
Values and messages as Django 5.2 defines them.
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings, SimpleTestCase
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


class RestFrameworkUtilityTests(SimpleTestCase):
    """The small utilities Django REST framework imports (django-filter's tests
    install it); expected values are real Django 5.2's."""

    def test_duration_iso_string_signs_and_keeps_microseconds(self):
        import datetime

        from django.utils.duration import duration_iso_string

        delta = datetime.timedelta(days=1, hours=2, minutes=3, seconds=4,
                                   microseconds=5)
        self.assertEqual(duration_iso_string(delta), "P1DT02H03M04.000005S")
        self.assertEqual(duration_iso_string(-delta), "-P1DT02H03M04.000005S")
        self.assertEqual(duration_iso_string(datetime.timedelta()), "P0DT00H00M00S")

    def test_localize_input_formats_numbers_and_dates_as_inputs_show_them(self):
        import datetime
        from decimal import Decimal

        from django.utils.formats import localize_input

        with override_settings(**TEST_SETTINGS, USE_THOUSAND_SEPARATOR=False):
            self.assertEqual(localize_input(Decimal("1.10")), "1.10")
            self.assertEqual(localize_input(True), "True")
            self.assertEqual(localize_input(datetime.date(2026, 1, 2)), "2026-01-02")
            self.assertEqual(
                localize_input(datetime.date(2026, 1, 2), "%d/%m/%Y"), "02/01/2026")
        with override_settings(**TEST_SETTINGS, USE_THOUSAND_SEPARATOR=True):
            self.assertEqual(localize_input(1234567.5), "1,234,567.5")

    def test_sanitize_separators_drops_thousand_separators_only_when_grouping(self):
        from django.utils.formats import sanitize_separators

        with override_settings(**TEST_SETTINGS, USE_THOUSAND_SEPARATOR=False):
            self.assertEqual(sanitize_separators("1,234.5"), "1,234.5")
        with override_settings(**TEST_SETTINGS, USE_THOUSAND_SEPARATOR=True):
            self.assertEqual(sanitize_separators("1,234.5"), "1234.5")
        self.assertEqual(sanitize_separators(12), 12)

    def test_classonlymethod_refuses_an_instance(self):
        from django.utils.decorators import classonlymethod

        class Viewish:
            @classonlymethod
            def as_view(cls):
                return cls

        self.assertIs(Viewish.as_view(), Viewish)
        with self.assertRaisesMessage(
                AttributeError,
                "This method is available only on the class, not on instances."):
            Viewish().as_view()

    def test_unescape_string_literal_undoes_escaped_quotes(self):
        from django.utils.text import unescape_string_literal

        self.assertEqual(unescape_string_literal('"a \\"bc\\""'), 'a "bc"')
        self.assertEqual(unescape_string_literal("'\\'ab\\' c'"), "'ab' c")
        with self.assertRaisesMessage(ValueError, "Not a string literal: 'abc'"):
            unescape_string_literal("abc")

    def test_chunk_iter_reads_a_file_in_chunks(self):
        import io

        from django.http.multipartparser import ChunkIter

        self.assertEqual(list(ChunkIter(io.BytesIO(b"abcde"), 2)),
                         [b"ab", b"cd", b"e"])

    def test_is_protected_type(self):
        import datetime
        from decimal import Decimal

        from django.utils.encoding import is_protected_type

        for value in (None, 1, 1.5, Decimal(1), datetime.date.today()):
            self.assertTrue(is_protected_type(value), value)
        self.assertFalse(is_protected_type("text"))


#: an empty URLconf for ClientHandlerSubclassTests: every path is a 404
urlpatterns = []


@override_settings(**TEST_SETTINGS, ROOT_URLCONF=__name__)
class ClientHandlerSubclassTests(SimpleTestCase):
    """Django REST framework's test client subclasses ClientHandler and
    overrides get_response() to mark each request before it is handled."""

    def test_a_subclass_get_response_sees_each_request(self):
        from django.test import Client
        from django.test.client import ClientHandler

        seen = []

        class MarkingHandler(ClientHandler):
            def get_response(self, request):
                request.marked = True
                seen.append(request.path)
                return super().get_response(request)

        client = Client()
        client.handler = MarkingHandler(enforce_csrf_checks=False)
        response = client.get("/no-such-page/")
        self.assertEqual(seen, ["/no-such-page/"])
        self.assertTrue(response.wsgi_request.marked)
        self.assertEqual(response.status_code, 404)


with define_models():
    class Shelf(_models.Model):
        label = _models.CharField(max_length=20)

        class Meta:
            app_label = "third_party_api"

    class Volume(_models.Model):
        shelf = _models.ForeignKey(Shelf, _models.CASCADE)
        added = _models.DateField(null=True)

        class Meta:
            app_label = "third_party_api"


class LookupResolutionTests(DatabaseTestCase):
    """What django-filter's resolve_field() asks of the ORM: the reverse
    relation's lookups, and Query.try_transform()."""

    models = [Shelf, Volume]

    def test_a_reverse_relation_offers_its_fields_lookups(self):
        rel = Shelf._meta.get_field("volume")
        self.assertIs(rel.get_lookup("in"), rel.field.get_lookup("in"))
        self.assertIs(rel.get_transform("year"), rel.field.get_transform("year"))

    def test_try_transform_applies_a_transform_and_refuses_an_unknown_name(self):
        from django.core.exceptions import FieldError
        from django.db.models.expressions import Expression

        query = Volume.objects.all().query
        lhs = Expression(Volume._meta.get_field("added"))
        year = query.try_transform(lhs, "year")
        self.assertEqual(year.lookup_name, "year")
        with self.assertRaisesRegex(FieldError, "Unsupported lookup 'nope'"):
            query.try_transform(lhs, "nope")
