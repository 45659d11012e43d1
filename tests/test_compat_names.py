"""Names of Django 5.2 that its own tests import, each behaving as Django's
where djscratch has the feature, and refusing by name where it has not."""

import unittest

from tests import TEST_SETTINGS

from django.forms import CharField, Form
from django.forms.renderers import DjangoDivFormRenderer, DjangoTemplates, Jinja2
from django.test import override_settings
from django.utils.deprecation import RemovedInDjango60Warning


def _jinja2_installed():
    import importlib.util

    return importlib.util.find_spec("jinja2") is not None


class NameForm(Form):
    name = CharField()


@override_settings(**TEST_SETTINGS)
class FormRendererTests(unittest.TestCase):
    @unittest.skipIf(_jinja2_installed(), "jinja2 is installed")
    def test_jinja2_renderer_without_jinja2_fails_as_in_django(self):
        renderer = Jinja2()  # building it is fine, as in Django's tests
        with self.assertRaises(ImportError) as caught:
            NameForm(renderer=renderer).render()
        self.assertEqual(caught.exception.name, "jinja2")

    def test_div_form_renderer_is_deprecated_django_templates(self):
        with self.assertWarnsRegex(RemovedInDjango60Warning,
                                   "DjangoDivFormRenderer transitional"):
            renderer = DjangoDivFormRenderer()
        self.assertEqual(NameForm(renderer=renderer).render(),
                         NameForm(renderer=DjangoTemplates()).render())


class TestcasesModuleTests(unittest.TestCase):
    def test_the_module_and_its_names(self):
        from django.test import SimpleTestCase
        from django.test.testcases import (
            DatabaseOperationForbidden, is_pickable, SerializeMixin, TestData,
        )

        self.assertTrue(issubclass(DatabaseOperationForbidden, AssertionError))
        self.assertTrue(is_pickable([1, "a"]))
        self.assertFalse(is_pickable(lambda: None))
        self.assertEqual(repr(TestData("attr", "value")),
                         "<TestData: name='attr', data='value'>")
        with self.assertRaisesRegex(
                ValueError, "^ExampleTests.lockfile isn't set. Set it to a unique "
                            "value in the base class.$"):
            class ExampleTests(SerializeMixin, SimpleTestCase):
                pass


class SmallNamesTests(unittest.TestCase):
    def test_selenium_test_cases_are_skipped_as_without_a_browser(self):
        from django.test.selenium import SeleniumTestCase

        class BrowserTests(SeleniumTestCase):
            def test_page(self):
                raise AssertionError("never runs")

        self.assertTrue(BrowserTests.__unittest_skip__)
        self.assertEqual(BrowserTests.__unittest_skip_why__, "No browsers specified.")

    def test_csrf_failure_template_name(self):
        from django.views.csrf import CSRF_FAILURE_TEMPLATE_NAME

        self.assertEqual(CSRF_FAILURE_TEMPLATE_NAME, "403_csrf.html")

    def test_i18n_urls(self):
        from django.conf.urls.i18n import i18n_patterns, urlpatterns
        from django.urls import path

        self.assertEqual(urlpatterns[0].name, "set_language")
        pattern = path("a/", lambda request: None)
        with override_settings(**dict(TEST_SETTINGS, USE_I18N=False)):
            self.assertEqual(i18n_patterns(pattern), [pattern])
        with override_settings(**dict(TEST_SETTINGS, USE_I18N=True)):
            (resolver,) = i18n_patterns(pattern)
        self.assertEqual(type(resolver.pattern).__name__, "LocalePrefixPattern")
        self.assertEqual(resolver.url_patterns, [pattern])

    def test_i18n_patterns_prefix_the_active_language(self):
        from django.urls import clear_url_caches, resolve, reverse
        from django.utils import translation

        # No language active (another test's request through LocaleMiddleware
        # may have left one in this thread): LANGUAGE_CODE gives the prefix.
        # Leaving override(None) activates the language found on entering it
        # (LANGUAGE_CODE, "en", as in Django): leave none active, or the
        # tests after this one see "en" instead of their own LANGUAGE_CODE.
        self.addCleanup(translation.deactivate)
        with override_settings(**dict(TEST_SETTINGS, USE_I18N=True,
                                      LANGUAGE_CODE="en",
                                      ROOT_URLCONF="tests.i18n_prefix_urls")), \
                translation.override(None):
            clear_url_caches()
            self.assertEqual(reverse("prefixed"), "/en/page/")
            self.assertEqual(reverse("unprefixed"), "/other/")
            self.assertEqual(resolve("/en/page/").url_name, "prefixed")
            with translation.override("fr"):
                self.assertEqual(reverse("prefixed"), "/fr/page/")
                self.assertEqual(reverse("unprefixed"), "/fr/other/")
                self.assertEqual(resolve("/fr/page/").url_name, "prefixed")
        clear_url_caches()


#: A form with SelectDateWidget as real Django 5.2 renders it (the oracle).
SELECT_DATE_AS_P_START = (
    '<p>\n    <label for="id_d_month">D:</label>\n    <select name="d_month" '
    'id="id_d_month"><option value="">M</option><option value="1">January'
    '</option><option value="2" selected>February</option>')


@override_settings(**dict(TEST_SETTINGS, USE_I18N=False))
class SelectDateWidgetTests(unittest.TestCase):
    def form_class(self):
        from django import forms

        class DateForm(forms.Form):
            d = forms.DateField(required=False, widget=forms.SelectDateWidget(
                years=[2024, 2025], empty_label=("Y", "M", "D")))
            e = forms.DateField(widget=forms.SelectDateWidget(years=[999, 2025]))
        return DateForm

    def test_renders_as_django(self):
        import datetime

        form = self.form_class()(initial={"d": datetime.date(2025, 2, 3)})
        html = form.as_p()
        self.assertTrue(html.startswith(SELECT_DATE_AS_P_START), html[:400])
        self.assertIn('<option value="2025" selected>2025</option>', html)
        self.assertIn('<option value="3" selected>3</option>', html)

    def test_reads_the_three_selects(self):
        import datetime

        form = self.form_class()({
            "d_year": "2025", "d_month": "2", "d_day": "31",
            "e_year": "999", "e_month": "1", "e_day": "2"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["d"], ["Enter a valid date."])
        self.assertEqual(form.cleaned_data, {"e": datetime.date(999, 1, 2)})
        self.assertEqual(form["d"].value(), "2025-2-31")  # as chosen
        self.assertEqual(form["e"].value(), "0999-01-02")
        widget = form.fields["d"].widget
        self.assertEqual(widget.id_for_label("x"), "x_month")
        self.assertFalse(widget.value_omitted_from_data({"x_year": "1"}, {}, "x"))


@override_settings(**dict(TEST_SETTINGS, STATIC_URL="/static/"))
class MediaTests(unittest.TestCase):
    def test_script_and_media_asset(self):
        from django.forms import Media
        from django.forms.widgets import MediaAsset, Script

        self.assertEqual(str(Script("a.js", type="module")),
                         '<script src="/static/a.js" type="module"></script>')
        self.assertEqual(MediaAsset("a.css"), "a.css")
        self.assertEqual(repr(MediaAsset("a.css")), "MediaAsset('a.css')")
        media = Media(js=[Script("a.js", defer=True), "b.js"])
        self.assertEqual(str(media), '<script src="/static/a.js" defer></script>\n'
                                     '<script src="/static/b.js"></script>')

    def test_merge_keeps_each_lists_order_and_warns_on_conflict(self):
        from django.forms import Media
        from django.forms.widgets import MediaOrderConflictWarning

        self.assertEqual(Media.merge([1, 2], [2, 3]), [1, 2, 3])
        self.assertEqual(Media.merge([1, 3], [2, 3]), [1, 2, 3])
        combined = Media(js=["a.js", "c.js"]) + Media(js=["a.js", "b.js", "c.js"])
        self.assertEqual(combined._js, ["a.js", "b.js", "c.js"])
        with self.assertWarnsRegex(MediaOrderConflictWarning,
                                   "Detected duplicate Media files in an opposite"):
            self.assertEqual(Media.merge([1, 2], [2, 1]), [1, 2])


@override_settings(**TEST_SETTINGS)
class URLFieldSchemeTests(unittest.TestCase):
    def test_default_scheme_warns_as_in_django_5_2(self):
        import warnings

        from django.conf import FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG
        from django.forms import URLField

        self.assertIn("FORMS_URLFIELD_ASSUME_HTTPS",
                      FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG)
        with self.assertWarnsRegex(RemovedInDjango60Warning,
                                   "default scheme will be changed"):
            field = URLField()
        self.assertEqual(field.clean("example.com"), "http://example.com")
        # The transitional setting itself is deprecated: setting it warns
        # (Django's FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG); the field
        # then does not.
        settings_override = override_settings(FORMS_URLFIELD_ASSUME_HTTPS=True)
        with self.assertWarnsRegex(RemovedInDjango60Warning,
                                   "FORMS_URLFIELD_ASSUME_HTTPS"):
            settings_override.enable()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                field = URLField()
        finally:
            settings_override.disable()
        self.assertEqual(field.clean("example.com"), "https://example.com")


class DecoratorNamesTests(unittest.TestCase):
    def test_keep_lazy(self):
        from django.utils.functional import keep_lazy_text, lazy, Promise

        @keep_lazy_text
        def shout(text):
            return text.upper()

        self.assertEqual(shout("a"), "A")
        lazy_result = shout(lazy(lambda: "b", str)())
        self.assertIsInstance(lazy_result, Promise)
        self.assertEqual(str(lazy_result), "B")

    def test_gzip_page_and_staff_member_required_exist(self):
        from django.contrib.admin.views.decorators import staff_member_required
        from django.views.decorators.gzip import gzip_page

        self.assertTrue(callable(gzip_page))
        self.assertTrue(callable(staff_member_required(login_url="/login/")))


@override_settings(**TEST_SETTINGS)
class LazyModelSignalTests(unittest.TestCase):
    def test_sender_named_before_the_model_exists(self):
        from django.db import models
        from django.db.models import signals
        from django.test.utils import isolate_apps

        received = []

        def receiver(sender, **kwargs):
            received.append(sender)

        with isolate_apps("tests") as apps:
            signals.post_init.connect(receiver, sender="tests.Later", weak=False,
                                      apps=apps)

            class Later(models.Model):
                class Meta:
                    app_label = "tests"

            try:
                Later()
                self.assertEqual(received, [Later])
            finally:
                signals.post_init.disconnect(receiver, sender=Later)

    def test_invalid_reference(self):
        from django.db.models import signals

        with self.assertRaisesRegex(ValueError, "Invalid model reference 'invalid'"):
            signals.post_init.connect(lambda **kw: None, sender="invalid")


@override_settings(**dict(TEST_SETTINGS, STATIC_URL="/static/"))
class TemplateNamesTests(unittest.TestCase):
    def test_static_node(self):
        from django.template import TemplateSyntaxError
        from django.templatetags.static import StaticNode

        self.assertEqual(repr(StaticNode(varname="v", path="p")),
                         "StaticNode(varname='v', path='p')")
        self.assertEqual(StaticNode.handle_simple("a b.css"), "/static/a%20b.css")
        with self.assertRaisesRegex(TemplateSyntaxError, "must be given a path"):
            StaticNode()

    def test_filter_functions(self):
        from django.template.defaultfilters import (
            _property_resolver, phone2numeric_filter,
        )

        self.assertEqual(phone2numeric_filter("0800 flowers"), "0800 3569377")
        self.assertEqual(_property_resolver("a.b")({"a": {"b": 1}}), 1)


class UrlizerTests(unittest.TestCase):
    def test_urlize_runs_handle_word_once_per_distinct_word(self):
        from unittest import mock

        from django.utils.html import urlize, Urlizer

        with mock.patch.object(Urlizer, "handle_word", return_value="w") as handle:
            self.assertEqual(urlize("a a"), "www")
        self.assertEqual([c.args for c in handle.mock_calls], [("a",), (" ",)])
        self.assertEqual(handle.mock_calls[0].kwargs, {
            "safe_input": False, "trim_url_limit": None, "nofollow": False,
            "autoescape": False})

    def test_a_subclass_changes_the_links(self):
        from django.utils.html import Urlizer

        class Blank(Urlizer):
            url_template = '<a href="{href}" target="_blank"{attrs}>{url}</a>'

        self.assertEqual(
            Blank()("see example.com."),
            'see <a href="http://example.com" target="_blank">example.com</a>.')


class DisallowedDatabaseMessageTests(unittest.TestCase):
    def test_transaction_test_cases_say_add_it_to_databases(self):
        from django.test import SimpleTestCase, TestCase

        values = {"operation": "queries", "alias": "other", "test": "app.T"}
        self.assertEqual(
            TestCase._disallowed_database_msg % values,
            "Database queries to 'other' are not allowed in this test. Add 'other' "
            "to app.T.databases to ensure proper test isolation and silence this "
            "failure.")
        self.assertIn("not allowed in SimpleTestCase subclasses",
                      SimpleTestCase._disallowed_database_msg % values)


class IntListValidatorTests(unittest.TestCase):
    """Outcomes checked against Django 5.2."""

    def test_comma_separated_integers(self):
        from django.core.exceptions import ValidationError
        from django.core.validators import (
            int_list_validator, validate_comma_separated_integer_list,
        )

        validate_comma_separated_integer_list("1,2,3")
        for bad in ("a,b", "1,,2", "-1,2", "1, 2"):
            with self.subTest(bad), self.assertRaises(ValidationError) as caught:
                validate_comma_separated_integer_list(bad)
            self.assertEqual(caught.exception.messages,
                             ["Enter only digits separated by commas."])
        int_list_validator(sep=".", allow_negative=True)("-1.2")
