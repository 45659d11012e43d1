"""Django's loader modules (django.template.loaders.base, filesystem,
app_directories, locmem, cached): a project's own loader subclasses them
and is named in TEMPLATES' "loaders" by its dotted path, as with Django.
"""

import sys
import types
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.template import Engine, Origin, TemplateDoesNotExist
from django.template.loaders import base, cached, filesystem, locmem


class UpperLoader(base.Loader):
    """A loader over a dict that shouts: only the two hooks Django asks for."""

    templates = {"hello.html": "hello {{ name }}"}

    def get_template_sources(self, template_name):
        yield Origin(name=template_name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            return self.templates[origin.name].upper().replace("{{ NAME }}",
                                                              "{{ name }}")
        except KeyError:
            raise TemplateDoesNotExist(origin) from None


class CountingLoader(locmem.Loader):
    resets = 0

    def reset(self):
        type(self).resets += 1


class LoaderModulesTests(unittest.TestCase):
    def setUp(self):
        module = types.ModuleType("djs_custom_loaders")
        module.UpperLoader, module.CountingLoader = UpperLoader, CountingLoader
        sys.modules["djs_custom_loaders"] = module
        self.addCleanup(sys.modules.pop, "djs_custom_loaders", None)

    def test_a_subclass_of_the_base_loader_is_a_loader(self):
        engine = Engine(loaders=["djs_custom_loaders.UpperLoader"])
        self.assertEqual(engine.get_template("hello.html").render(
            djscratch.Context({"name": "ann"})), "HELLO ann")
        with self.assertRaises(TemplateDoesNotExist) as raised:
            engine.get_template("missing.html")
        self.assertEqual([reason for _origin, reason in raised.exception.tried],
                         ["Source does not exist"])

    def test_the_cached_loader_wraps_a_project_loader(self):
        engine = Engine(loaders=[("django.template.loaders.cached.Loader", [
            ("djs_custom_loaders.CountingLoader", {"a.html": "A"})])])
        cached_loader = engine.template_loaders[0]
        self.assertIsInstance(cached_loader, cached.Loader)
        self.assertIs(engine.get_template("a.html"), engine.get_template("a.html"))
        cached_loader.reset()
        self.assertEqual(CountingLoader.resets, 0)  # Django's empties its cache only

    def test_the_built_in_loaders_are_the_modules_classes(self):
        engine = Engine(dirs=["/nonexistent"], loaders=[
            "django.template.loaders.filesystem.Loader",
            ("django.template.loaders.locmem.Loader", {"x.html": "x"})])
        first, second = engine.template_loaders
        self.assertIsInstance(first, filesystem.Loader)
        self.assertIsInstance(second, locmem.Loader)
        self.assertTrue(issubclass(filesystem.Loader, base.Loader))
        with self.assertRaisesRegex(NotImplementedError, "get_template_sources"):
            base.Loader(engine).get_template("x.html")
