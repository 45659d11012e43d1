"""The project's translation catalogues, as Django 5.2 reads them:
LOCALE_PATHS (the first folder wins), plural rules, message contexts, a
regional language falling back to its base language and to LANGUAGE_CODE's
catalogue, {% translate %}, {% blocktranslate %}, _("...") and the JSON
catalogue (tests/translation_expected.json, from
tests/gen_translation_expected.py); the apps' locale/ folders; the cost of
gettext() when there is no catalogue.
"""

import json
import os
import shutil
import sys
import tempfile
import types
import unittest
from unittest import mock

import djscratch  # noqa: F401  (installs the django.* alias)

from django.test import override_settings
from django.utils import translation

from tests import TEST_SETTINGS
from tests.translation_cases import run_cases, TWO_FORMS, write_mo

HERE = os.path.dirname(os.path.abspath(__file__))


@override_settings(**TEST_SETTINGS)
class CataloguesAsDjangoTests(unittest.TestCase):
    def test_every_language_and_case_as_django(self):
        with open(os.path.join(HERE, "translation_expected.json"),
                  encoding="utf-8") as f:
            expected = json.load(f)
        actual = run_cases()
        self.assertEqual(set(actual), set(expected))
        for language, cases in expected.items():
            for case, output in cases.items():
                with self.subTest(language=language, case=case):
                    self.assertEqual(actual[language][case], output)


class AppCataloguesTests(unittest.TestCase):
    """An installed app's locale/ folder is read; LOCALE_PATHS wins over it,
    and the first installed app over a later one (the registry is stood in
    for: djscratch's own tests run without populating it)."""

    def setUp(self):
        root = tempfile.mkdtemp(prefix="app-catalogues-")
        self.addCleanup(shutil.rmtree, root)
        self.configs = []
        for app, messages in (("one", {"Hello": "Hallo eins", "One": "Eins"}),
                              ("two", {"Hello": "Hallo zwei", "Two": "Zwei"}),
                              ("three", None)):
            path = os.path.join(root, app)
            os.makedirs(path)
            if messages:
                write_mo(os.path.join(path, "locale", "de", "LC_MESSAGES",
                                      "django.mo"), TWO_FORMS, messages)
            self.configs.append(types.SimpleNamespace(name=app, path=path))
        self.configs.append(types.SimpleNamespace(name="embedded", path=None))
        self.project = os.path.join(root, "project")
        write_mo(os.path.join(self.project, "de", "LC_MESSAGES", "django.mo"),
                 TWO_FORMS, {"Two": "Zwei (project)"})

    def test_apps_and_locale_paths_merge_as_django(self):
        # The module whose code calls _i18n_app_configs(): the single file,
        # or its module in the package.
        code = sys.modules[djscratch._i18n_app_configs.__module__]
        with mock.patch.object(code, "_i18n_app_configs", return_value=self.configs), \
                override_settings(**TEST_SETTINGS, LOCALE_PATHS=[self.project]), \
                translation.override("de"):
            self.assertEqual(translation.gettext("Hello"), "Hallo eins")
            self.assertEqual(translation.gettext("One"), "Eins")
            self.assertEqual(translation.gettext("Two"), "Zwei (project)")
        with override_settings(**TEST_SETTINGS), translation.override("de"):
            self.assertEqual(translation.gettext("Hello"), "Hello")


@override_settings(**TEST_SETTINGS)
class NoCatalogueTests(unittest.TestCase):
    def test_without_catalogues_texts_are_returned_as_they_are(self):
        message = "Nothing translates this"
        with translation.override("de"):
            self.assertIs(translation.gettext(message), message)
            self.assertEqual(translation.ngettext("a", "b", 2), "b")
            self.assertEqual(translation.pgettext("ctx", "a"), "a")
        with translation.override(None):
            self.assertIs(translation.gettext(message), message)


def _page(request):
    return None


class TranslatedUrlPatternTests(unittest.TestCase):
    """re_path(_("...")) in i18n_patterns: reverse() and translate_url() give
    each language its own URL, whichever language reversed first."""

    def setUp(self):
        from django.urls import re_path
        from django.utils.translation import gettext_lazy as _

        from django.conf.urls.i18n import i18n_patterns

        root = tempfile.mkdtemp(prefix="url-catalogues-")
        self.addCleanup(shutil.rmtree, root)
        write_mo(os.path.join(root, "nl", "LC_MESSAGES", "django.mo"), TWO_FORMS,
                 {"^translated/$": "^vertaald/$"})
        self.settings = override_settings(
            **TEST_SETTINGS, USE_I18N=True, LOCALE_PATHS=[root],
            ROOT_URLCONF="djs_translated_urls",
            LANGUAGES=[("en", "English"), ("nl", "Dutch")])
        self.settings.enable()
        self.addCleanup(self.settings.disable)
        urlconf = types.ModuleType("djs_translated_urls")
        urlconf.urlpatterns = i18n_patterns(
            re_path(_("^translated/$"), _page, name="translated"))
        self.addCleanup(sys.modules.pop, "djs_translated_urls", None)
        sys.modules["djs_translated_urls"] = urlconf

    def test_each_language_reverses_its_own_url(self):
        from django.urls import reverse, translate_url

        for first, second in (("nl", "en"), ("en", "nl")):
            djscratch.clear_url_caches()
            with translation.override(first):
                reverse("translated")
            with translation.override("nl"):
                self.assertEqual(reverse("translated"), "/nl/vertaald/")
                self.assertEqual(translate_url("/nl/vertaald/?a=1", "en"),
                                 "/en/translated/?a=1")
            with translation.override("en"):
                self.assertEqual(reverse("translated"), "/en/translated/")
                self.assertEqual(translate_url("/en/translated/", "nl"),
                                 "/nl/vertaald/")
                self.assertEqual(translate_url("/nowhere/", "nl"), "/nowhere/")
