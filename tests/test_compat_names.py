"""Names of Django 5.2 that its own tests import, each behaving as Django's
where djscratch has the feature, and refusing by name where it has not."""

import unittest

from tests import TEST_SETTINGS

from django.core.exceptions import ImproperlyConfigured
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
    def test_jinja2_renderer_exists_and_refuses_on_use(self):
        renderer = Jinja2()  # building it is fine, as in Django's tests
        expected = ImproperlyConfigured if _jinja2_installed() else ImportError
        with self.assertRaises(expected) as caught:
            NameForm(renderer=renderer).render()
        if expected is ImportError:  # what Django raises without jinja2
            self.assertEqual(caught.exception.name, "jinja2")
        else:
            self.assertIn("DJSCRATCH_ENGINE=django", str(caught.exception))

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
            with self.assertRaisesRegex(ImproperlyConfigured, "i18n_patterns"):
                i18n_patterns(pattern)
