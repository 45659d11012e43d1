"""Methods of eager classes whose code waits in a section
(_methods_on_first_use() in djscratch/sections.py): the class has them from
its first read of one on, as if defined in its body."""

import json
import os
import pathlib
import subprocess
import sys
import unittest
from unittest import mock

import djscratch

ROOT = pathlib.Path(__file__).resolve().parent.parent
#: The folder this djscratch (the single file or the package) is imported from.
FOLDER = pathlib.Path(djscratch.__file__).resolve().parent
if FOLDER.name == "djscratch":
    FOLDER = FOLDER.parent
SPECIAL = {"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__"}

#: A fresh process: reading one waiting method of SQLCompiler through a
#: subclass's super() builds its section and puts them all in place.
PROBE = """
import json
import djscratch
cls = djscratch.SQLCompiler
before = type(cls.__dict__["compile_q"]).__name__
class Sub(cls):
    def as_update_sql(self, values):
        return super().as_update_sql
method = Sub.__new__(Sub).as_update_sql(None)
print(json.dumps({
    "before": before, "after": type(cls.__dict__["compile_q"]).__name__,
    "built": sorted(getattr(djscratch, "_SECTIONS_LOADED", ())),
    "qualname": method.__qualname__, "module": method.__module__,
    "self": type(method.__self__).__name__}))
"""


class MethodsOnFirstUseTests(unittest.TestCase):
    def test_every_waiting_name_is_a_method_of_its_holder(self):
        self.assertTrue(djscratch._METHODS_ON_FIRST_USE)
        for cls, holder, names in djscratch._METHODS_ON_FIRST_USE:
            held = set(vars(getattr(djscratch, holder))) - SPECIAL
            self.assertEqual(held, set(names), holder)
            for name in names:
                # (waiting, or put in place: never the holder's own class)
                getattr(cls, name)
                function = vars(cls)[name]
                function = getattr(function, "__func__", None) or getattr(
                    function, "fget", None) or function
                self.assertEqual(function.__qualname__, f"{cls.__qualname__}.{name}")
                # (the module whose globals it reads, as tests that patch
                # expect: sys.modules[function.__module__])
                self.assertEqual(function.__module__,
                                 getattr(djscratch, holder).__module__)

    def test_the_first_read_through_super_defines_them_all(self):
        environ = dict(os.environ, PYTHONSAFEPATH="1")
        environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(FOLDER), os.environ.get("PYTHONPATH")) if p)
        out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, text=True,
                             capture_output=True, timeout=120, env=environ)
        self.assertEqual(out.returncode, 0, out.stderr[-3000:])
        facts = json.loads(out.stdout.splitlines()[-1])
        self.assertEqual(facts["after"], "function")
        self.assertEqual(facts["qualname"], "SQLCompiler.as_update_sql")
        self.assertEqual(facts["module"], djscratch._SQLCompilerMore.__module__)
        self.assertEqual(facts["self"], "Sub")
        if "compiler_methods" in djscratch.__dict__.get("_DEFERRED_NAMES", {}).values():
            self.assertEqual(facts["before"], "_MethodOnFirstUse")
            self.assertEqual(facts["built"], ["compiler_methods"])

    def test_a_patched_method_is_put_back(self):
        cls = djscratch.SQLCompiler
        original = cls.compile_q
        with mock.patch.object(cls, "compile_q", return_value=("1", [])):
            self.assertEqual(cls.compile_q(None, None), ("1", []))
        self.assertIs(cls.compile_q, original)

    def test_a_name_the_class_defines_itself_is_refused(self):
        with self.assertRaisesRegex(TypeError, "defines f itself"):
            djscratch._methods_on_first_use("_SQLCompilerMore", ("f",))(
                type("C", (), {"f": lambda self: 1}))

    def test_a_managers_proxy_of_a_waiting_queryset_method(self):
        # The manager's proxies of waiting QuerySet methods are made on their
        # first read, as from_queryset() makes the others: named and
        # documented as the method, inspect.signature() following it.
        class Shelf(djscratch.QuerySet):
            def shelved(self):
                return self

        manager_class = djscratch.Manager.from_queryset(Shelf)
        for name in ("exclude", "values_list", "update", "shelved"):
            proxy = getattr(manager_class, name)
            self.assertEqual(proxy.__name__, name)
            self.assertIs(proxy.__wrapped__, getattr(Shelf, name))
            self.assertEqual(proxy.__doc__, getattr(Shelf, name).__doc__)
        for name in ("_filter_or_exclude", "delete", "as_manager"):
            self.assertFalse(hasattr(djscratch.Manager, name), name)

    def test_no_waiting_queryset_method_says_queryset_only(self):
        # (from_queryset() proxies the public ones without reading them)
        for cls, holder, names in djscratch._METHODS_ON_FIRST_USE:
            for name in names:
                value = vars(getattr(djscratch, holder))[name]
                value = getattr(value, "__func__", value)
                self.assertIsNone(getattr(value, "queryset_only", None), name)
