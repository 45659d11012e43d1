"""The source package src/djscratch/ and the generated single file agree.

djscratch.py is generated from src/djscratch/ by tools/amalgamate.py; these
tests hold the properties the generator promises (issue 16).
"""

import ast
import functools
import gc
import json
import os
import pathlib
import subprocess
import sys
import types
import unittest
from unittest import mock

import djscratch

from . import TEST_SETTINGS

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _run(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        timeout=120, env={**os.environ, **env})


@unittest.skipUnless((SRC / "djscratch").is_dir(), "no src/ next to djscratch.py")
class GeneratedFileTests(unittest.TestCase):
    def test_djscratch_py_is_what_the_source_generates(self):
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "amalgamate.py"), "--check"],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_check_answers_from_memory_only_for_the_same_inputs_and_file(self):
        import importlib.util
        import tempfile

        spec = importlib.util.spec_from_file_location(
            "amalgamate_under_test", ROOT / "tools" / "amalgamate.py")
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        with tempfile.TemporaryDirectory() as tmp:
            memo = pathlib.Path(tmp) / "sub" / "memo.json"
            self.assertFalse(tool.known_current("inputs", "text", memo))
            tool.remember("inputs", "text", memo)
            self.assertTrue(tool.known_current("inputs", "text", memo))
            self.assertFalse(tool.known_current("other inputs", "text", memo))
            self.assertFalse(tool.known_current("inputs", "text edited", memo))
            memo.write_text("not json")
            self.assertFalse(tool.known_current("inputs", "text", memo))
        digest = tool.inputs_digest()
        self.assertEqual(digest, tool.inputs_digest())
        self.assertRegex(digest, "^[0-9a-f]{64}$")

    def test_every_module_is_under_a_banner_naming_its_source(self):
        flat = (ROOT / "djscratch.py").read_text(encoding="utf-8")
        banners = {line[2:].split(" ")[0] for line in flat.splitlines()
                   if line.startswith("# djscratch/") and line.endswith("####")}
        modules = {p.relative_to(SRC).as_posix()
                   for p in (SRC / "djscratch").rglob("*.py")
                   if p.name not in ("__init__.py", "__main__.py")}
        self.assertEqual(modules - banners, set())

    def test_no_module_is_over_about_2000_lines(self):
        sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
                 for p in (SRC / "djscratch").rglob("*.py")
                 if p.name != "__init__.py"}
        self.assertEqual({n: s for n, s in sizes.items() if s > 2000}, {})

    def test_no_globals_lookups_between_modules(self):
        offenders = []
        for path in (SRC / "djscratch").rglob("*.py"):
            if path.name == "__init__.py":
                continue  # the package's PEP 562 __getattr__ caches what it builds
            text = path.read_text(encoding="utf-8")
            if "globals" not in text:
                continue  # no call of globals() can hide in it: not parsed
            tree = ast.parse(text)
            offenders += [f"{path.relative_to(SRC)}:{node.lineno}"
                          for node in ast.walk(tree) if isinstance(node, ast.Call)
                          and getattr(node.func, "id", None) == "globals"]
        self.assertEqual(offenders, [])


#: What the package (PYTHONPATH=src) reports about itself, in one process:
#: starting the package is the expensive part, so every test below reads it.
PACKAGE_FACTS = """
import ast, functools, gc, inspect, json
gc.disable()  # a short-lived process holding the trees of every module
import djscratch
from djscratch.forms.fields import CharField

# inspect parses a class's whole module per call; one parse per module.
ast.parse = functools.lru_cache(maxsize=None)(ast.parse)
classes = [getattr(djscratch, n, None) for n in djscratch.__all__]
# type(), not isinstance(): a lazy object (default_storage) would be built
# by isinstance's __class__ lookup, before settings exist.
classes = [c for c in classes if issubclass(type(c), type)
           and c.__module__.startswith("djscratch")]
print(json.dumps({
    "file": djscratch.__file__,
    "names": sorted(vars(djscratch)),
    "classes": len(classes),
    "no_source": [c.__qualname__ for c in classes if not inspect.getsource(c)],
    "charfield": [CharField.__qualname__, djscratch.FormCharField is CharField],
}))
"""


@unittest.skipUnless((SRC / "djscratch").is_dir(), "no src/ next to djscratch.py")
class PackageTests(unittest.TestCase):
    parallel_cost = 6  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        result = _run(PACKAGE_FACTS, PYTHONSAFEPATH="1", PYTHONPATH=str(SRC))
        if result.returncode:
            raise AssertionError(result.stderr[-3000:])
        cls.facts = json.loads(result.stdout)

    def test_pythonpath_src_gives_the_package(self):
        self.assertEqual(pathlib.Path(self.facts["file"]),
                         SRC / "djscratch" / "__init__.py")

    def test_the_package_exposes_the_single_files_names(self):
        package = set(self.facts["names"])
        flat = {n for n in vars(djscratch) if not n.startswith("__") and
                not issubclass(type(getattr(djscratch, n)), types.ModuleType)}
        # built on first use (and cached as globals) or only in the single file
        lazy = set(djscratch._LAZY_ATTRS) | {"_define_admin_models", "_lazy_factory"}
        self.assertEqual(sorted(flat - package - lazy), [])

    def test_inspect_getsource_works_for_every_public_class(self):
        # (classes that pose as Django's, __module__ "django...", are left out)
        self.assertGreater(self.facts["classes"], 100)
        self.assertEqual(self.facts["no_source"], [])

    def test_inspect_getsource_finds_classes_in_the_single_file(self):
        import inspect

        # The lazily defined test cases, the renamed form fields and a class
        # of a deferred section (ModelAdmin: compiled on first use from the
        # file's own lines) are the hard cases.  inspect parses the whole
        # file per call: the same text gives the same tree, so the parse is
        # done once for the sample.
        # The tree is millions of objects that live only for this test: no
        # garbage collection pass runs over them while it is built and read.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        self.addCleanup(lambda: gc.enable() if gc_was_enabled else None)
        with mock.patch.object(ast, "parse", functools.lru_cache(maxsize=4)(ast.parse)):
            for name in ("TestCase", "SimpleTestCase", "LiveServerTestCase",
                         "FormCharField", "CharField", "HttpRequest", "QuerySet",
                         "Template", "ModelAdmin"):
                value = getattr(djscratch, name)
                with self.subTest(name=name):
                    lines = inspect.getsource(value).lstrip().splitlines()
                    # (a decorated class's source starts at its decorators)
                    self.assertRegex(lines[0], r"^(class |@)")
                    first = next(line for line in lines if line.startswith("class "))
                    flat_name = value.__qualname__.rpartition(".")[2]
                    self.assertRegex(first, rf"^class {flat_name}[(:]")

    def test_form_fields_have_djangos_names_in_both(self):
        self.assertEqual(self.facts["charfield"], ["CharField", True])
        self.assertEqual(djscratch.FormCharField.__name__, "CharField")
        from django import forms

        self.assertIs(forms.CharField, djscratch.FormCharField)


@djscratch.override_settings(**TEST_SETTINGS)
class TemplateNamespaceTests(unittest.TestCase):
    def test_compiled_templates_read_only_the_runtime_namespace(self):
        """Generated code sees the run-time helpers, not the whole framework."""
        names = set()

        def walk(code):
            names.update(code.co_names)
            for const in code.co_consts:
                if isinstance(const, types.CodeType):
                    walk(const)

        engine = djscratch.Engine(libraries={})
        sources = [
            "{% for x in items %}{{ forloop.counter }}{{ x|upper }}{% empty %}-"
            "{% endfor %}",
            "{% if a and not b or c in d %}{% cycle 'x' 'y' %}{% endif %}",
            "{% with n=1 %}{{ n|add:2 }}{% endwith %}{% spaceless %} <b> </b>"
            "{% endspaceless %}{% ifchanged %}{{ a }}{% endifchanged %}",
            "{% autoescape off %}<a title='{{ t }}'>{{ t }}</a>{% endautoescape %}",
            "{% block b %}{{ b }}{% endblock %}{% now 'Y' %}{% firstof a b %}",
        ]
        for source in sources:
            template = engine.from_string(source)
            template.render(djscratch.Context({"items": [1], "a": 1, "d": []}))
            for compiled in vars(template).values():
                if hasattr(compiled, "source") and hasattr(compiled, "namespace"):
                    walk(compile(compiled.source, "<t>", "exec"))
        framework = set(vars(djscratch)) - {"render"}
        self.assertEqual(
            sorted(names & framework - set(djscratch._runtime_namespace())), [])


if __name__ == "__main__":
    unittest.main()
