"""Django's template API around the compiler: the dummy and Jinja2 backends,
EngineHandler, library discovery, and the parse-level API (Lexer, Parser,
Token, TokenType) that Django's tests and third-party tag libraries use.
"""

import importlib.util
import os
import tempfile
import unittest

import djscratch  # (installs the django.* alias)
from djscratch import override_settings

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.template import EngineHandler, TemplateDoesNotExist

from . import TEST_SETTINGS


@override_settings(**TEST_SETTINGS)
class DummyBackendTests(unittest.TestCase):
    def setUp(self):
        from django.template.backends.dummy import TemplateStrings

        self.folder = tempfile.mkdtemp()
        with open(os.path.join(self.folder, "hello.html"), "w",
                  encoding="utf-8") as f:
            f.write("Hello $name!\n")
        self.engine = TemplateStrings({"NAME": "dummy", "DIRS": [self.folder],
                                       "APP_DIRS": False, "OPTIONS": {}})

    def test_renders_string_template_with_escaped_values(self):
        template = self.engine.get_template("hello.html")
        self.assertEqual(template.render({"name": "<b>"}), "Hello &lt;b&gt;!\n")

    def test_from_string_leaves_unknown_names(self):
        self.assertEqual(self.engine.from_string("$a $b").render({"a": 1}), "1 $b")

    def test_missing_template_names_backend_and_tried(self):
        with self.assertRaises(TemplateDoesNotExist) as cm:
            self.engine.get_template("nope.html")
        self.assertIs(cm.exception.backend, self.engine)
        self.assertEqual(cm.exception.tried[0][1], "Source does not exist")

    def test_no_directory_traversal(self):
        with self.assertRaises(TemplateDoesNotExist):
            self.engine.get_template("../etc/passwd")

    def test_unknown_options_refused(self):
        from django.template.backends.dummy import TemplateStrings

        with self.assertRaisesRegex(ImproperlyConfigured, "Unknown options: x"):
            TemplateStrings({"NAME": "d", "DIRS": [], "APP_DIRS": False,
                             "OPTIONS": {"x": 1}})

    def test_csrf_input_with_request(self):
        request = HttpRequest()
        text = self.engine.from_string("$csrf_input").render(request=request)
        self.assertTrue(text.startswith(
            '<input type="hidden" name="csrfmiddlewaretoken" value="'))


@override_settings(**TEST_SETTINGS)
class EngineHandlerTests(unittest.TestCase):
    def test_handler_builds_engines_by_name(self):
        engines = EngineHandler([
            {"BACKEND": "django.template.backends.django.DjangoTemplates",
             "OPTIONS": {"autoescape": False}},
            {"BACKEND": "django.template.backends.dummy.TemplateStrings"},
        ])
        self.assertEqual(list(engines), ["django", "dummy"])
        self.assertEqual(engines["django"].from_string("{{ a }}").render(
            {"a": "&"}), "&")
        self.assertEqual(engines["dummy"].from_string("$a").render({"a": "&"}),
                         "&amp;")

    def test_all_engines_built_read_as_all_builds_them(self):
        configs = [
            {"BACKEND": "django.template.backends.django.DjangoTemplates"},
            {"BACKEND": "django.template.backends.dummy.TemplateStrings"},
            {"BACKEND": "django.template.backends.django.DjangoTemplates",
             "NAME": "second", "OPTIONS": {"autoescape": False}},
        ]
        for count in range(4):
            for order in ([0, 1, 2], [2, 1, 0], [1]):
                engines = EngineHandler([configs[i] for i in range(count)])
                aliases = list(engines)
                for i in order:  # some built first, in another order
                    if i < len(aliases):
                        engines[aliases[i]]
                fast = djscratch._engines_built(engines)
                with self.subTest(count=count, order=order):
                    general = [engines[alias] for alias in engines]
                    if fast is not None:
                        self.assertEqual(fast, general)
                    self.assertEqual(engines.all(), general)
                    self.assertEqual(djscratch._engines_built(engines), general)

        class MyHandler(EngineHandler):
            def __getitem__(self, alias):
                return "mine"

        handler = MyHandler(configs[:1])
        handler.all()
        self.assertIsNone(djscratch._engines_built(handler))
        self.assertEqual(handler.all(), ["mine"])
        engines = EngineHandler(configs[:2])
        built = engines.all()
        engines._templates = configs[1:2]  # TEMPLATES changed: built again
        self.assertIsNone(djscratch._engines_built(engines))
        self.assertIsNot(engines.all()[0], built[1])

    def test_builtin_libraries_are_module_paths(self):
        engines = EngineHandler([
            {"BACKEND": "django.template.backends.django.DjangoTemplates"}])
        libraries = engines["django"].engine.libraries
        self.assertEqual(libraries["static"], "django.templatetags.static")
        self.assertEqual(libraries["i18n"], "django.templatetags.i18n")


class Jinja2BackendTests(unittest.TestCase):
    @unittest.skipIf(importlib.util.find_spec("jinja2"), "jinja2 is installed")
    def test_import_fails_as_in_django_without_jinja2(self):
        with self.assertRaisesRegex(ModuleNotFoundError, "No module named 'jinja2'"):
            importlib.import_module("django.template.backends.jinja2")
