"""Sections of the single file built on first use (DEFERRED_SECTIONS in
tools/amalgamate.py): `import djscratch` leaves them out of the bytecode, their
first use compiles them from the file's own lines and keeps the code in
__pycache__; tracebacks, inspect and pickle see them as ordinary code.
"""

import ast
import importlib.util
import inspect
import json
import linecache
import marshal
import os
import pathlib
import pickle
import shutil
import subprocess
import sys
import tempfile
import unittest

import djscratch

ROOT = pathlib.Path(__file__).resolve().parent.parent
SINGLE_FILE = bool(getattr(djscratch, "_DEFERRED_NAMES", None))


def _run(code, cwd, **env):
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    environ.update(env)
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, text=True,
                            capture_output=True, timeout=120, env=environ)
    if result.returncode:
        raise AssertionError(result.stderr[-3000:])
    return json.loads(result.stdout.splitlines()[-1])


#: Loads the admin section in a fresh process; reports what it saw.
PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
before = "ModelAdmin" in vars(djscratch)
admin = djscratch.ModelAdmin
print(json.dumps({"before": before, "after": "ModelAdmin" in vars(djscratch),
                  "file": djscratch.__file__,
                  "loaded": sorted(djscratch._SECTIONS_LOADED),
                  "method": admin.get_urls.__code__.co_firstlineno}))
"""

#: Builds the admin section in a fresh process, counting the bytes read from
#: the single file through open() (the import system reads its own .pyc).
READS_PROBE = """
import builtins, io, json, linecache, os, sys
sys.path.insert(0, ".")
import djscratch
target, read, real_open = os.path.abspath(djscratch.__file__), [0], builtins.open
class Counting(io.BufferedReader):
    def read(self, *args):
        data = super().read(*args)
        read[0] += len(data)
        return data
def counting_open(file, mode="r", *args, **kwargs):
    if file == target and mode == "rb":
        return Counting(real_open(file, "rb", buffering=0))
    return real_open(file, mode, *args, **kwargs)
builtins.open = counting_open
djscratch.ModelAdmin
builtins.open = real_open
entry = linecache.cache.get(djscratch.__file__)
wanted = [name for name in djscratch._SECTIONS_LOADED]
print(json.dumps({
    "read": read[0], "size": os.path.getsize(target),
    "blocks": sum(length for name in wanted
                  for _, length, _ in djscratch._SECTION_PLACES[name]),
    # (its lines are read when a traceback or inspect asks for them)
    "linecache": "not read" if entry is None or "entry" not in vars(entry) else "read",
}))
"""

#: An exception raised in the admin section's code, in a fresh process.
TRACEBACK_PROBE = """
import inspect, json, sys, traceback
sys.path.insert(0, ".")
import djscratch
try:
    djscratch.ModelAdmin.get_urls(None)
except AttributeError:
    printed = traceback.format_exc()
    frame = [f for f in traceback.extract_tb(sys.exc_info()[2])
             if f.name == "get_urls"][-1]
places = djscratch._SECTION_PLACES["admin"]
with open(djscratch.__file__, "rb") as f:
    data = f.read()
print(json.dumps({
    "file": frame.filename, "line": frame.lineno, "text": frame.line,
    "printed": printed,
    "admin lines": [min(line for _, _, line in places),
                    max(line + data.count(b"\\n", offset, offset + length)
                        for offset, length, line in places)],
    "source": inspect.getsource(djscratch.ModelAdmin),
}))
"""

#: What djscratch.ModelAdmin is in a fresh process: its __name__, or itself.
NAME_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
value = djscratch.ModelAdmin
print(json.dumps(getattr(value, "__name__", value)))
"""


@unittest.skipUnless(SINGLE_FILE, "the package has no deferred sections")
class DeferredSectionTests(unittest.TestCase):
    parallel_cost = 6  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A copy of the single file in a directory of its own: its __pycache__
        # is this test's.  The copy keeps the file's time, so the module's own
        # bytecode, compiled once by this process's import, serves the fresh
        # processes too (sections' code is not copied: the tests build it).
        cls.tmp = tempfile.mkdtemp()
        cls.flat = pathlib.Path(shutil.copy2(djscratch.__file__, cls.tmp))
        cls.cache = pathlib.Path(cls.tmp, "__pycache__")
        cls.module_code = cls.cache / pathlib.Path(
            djscratch.__cached__ or "djscratch.pyc").name
        cls.put_back(cls.flat.read_text(encoding="utf-8"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def put_back(cls, text):
        """Write the file's text back as it was copied, with its time, and the
        module's bytecode for it (when this process has one)."""
        cls.flat.write_text(text, encoding="utf-8")
        stat = os.stat(djscratch.__file__)
        os.utime(cls.flat, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        if djscratch.__cached__ and os.path.exists(djscratch.__cached__):
            cls.cache.mkdir(exist_ok=True)
            shutil.copy2(djscratch.__cached__, cls.module_code)

    def section_cache(self):
        tag = sys.implementation.cache_tag
        return self.cache / f"djscratch.admin.{tag}.pyc"

    def test_import_leaves_a_section_out_and_first_use_builds_it(self):
        facts = _run(PROBE, self.tmp)
        self.assertEqual(facts["file"], os.path.join(self.tmp, "djscratch.py"))
        self.assertFalse(facts["before"])
        self.assertTrue(facts["after"])
        self.assertIn("admin", facts["loaded"])

    def test_threads_using_a_section_at_once_build_it_once(self):
        code = ("import json, sys, threading; sys.path.insert(0, '.')\n"
                "import djscratch\n"
                "barrier, seen = threading.Barrier(4), []\n"
                "def use():\n    barrier.wait()\n"
                "    seen.append(djscratch.ModelAdmin)\n"
                "threads = [threading.Thread(target=use) for _ in range(4)]\n"
                "[t.start() for t in threads]; [t.join() for t in threads]\n"
                "print(json.dumps([len(seen), len({id(c) for c in seen})]))\n")
        self.assertEqual(_run(code, self.tmp), [4, 1])

    def test_the_modules_bytecode_has_no_code_of_a_section(self):
        # What the import system runs: the cached bytecode when it is current,
        # else the text compiled.
        code = djscratch.__loader__.get_code("djscratch")
        names = {const.co_name for const in code.co_consts
                 if hasattr(const, "co_name")}
        self.assertIn("HttpResponse", names)  # an ordinary class: compiled
        self.assertNotIn("ModelAdmin", names)  # the admin section's: text

    def test_code_is_kept_in_pycache_and_reused_until_the_text_changes(self):
        _run(PROBE, self.tmp)
        cached = self.section_cache()
        self.assertTrue(cached.exists())
        first = cached.read_bytes()
        os.utime(cached, (0, 0))
        facts = _run(PROBE, self.tmp)
        self.assertEqual(cached.stat().st_mtime, 0)  # read, not written again
        self.assertTrue(facts["after"])
        # A line added above the section moves its lines: compiled again.
        flat = pathlib.Path(self.tmp, "djscratch.py")
        text = flat.read_text(encoding="utf-8")
        try:
            flat.write_text("# an edit by hand\n" + text, encoding="utf-8")
            moved = _run(PROBE, self.tmp)
            self.assertEqual(moved["method"], facts["method"] + 1)
            self.assertNotEqual(cached.read_bytes(), first)
        finally:
            self.put_back(text)

    def test_a_file_replaced_after_the_import_is_refused(self):
        flat = pathlib.Path(self.tmp, "djscratch.py")
        text = flat.read_text(encoding="utf-8")
        code = ("import json, pathlib, sys; sys.path.insert(0, '.'); import djscratch\n"
                "flat = pathlib.Path('djscratch.py')\n"
                "text = flat.read_text(encoding='utf-8')\n"
                "flat.write_text(text.replace('class ModelAdmin(', "
                "'class ModelAdmin2(', 1), encoding='utf-8')\n"
                "try:\n    djscratch.ModelAdmin\n"
                "except ImportError as exc:\n    print(json.dumps(str(exc)))\n")
        try:
            message = _run(code, self.tmp)
        finally:
            self.put_back(text)
        self.assertIn("is not the file this process imported (its section 'admin'",
                      message)

    def test_a_cache_it_cannot_write_is_ignored(self):
        blocker = pathlib.Path(self.tmp, "a-file")
        blocker.write_text("")
        facts = _run(PROBE, self.tmp, PYTHONPYCACHEPREFIX=str(blocker / "sub"))
        self.assertTrue(facts["after"])
        facts = _run(PROBE, self.tmp, PYTHONDONTWRITEBYTECODE="1")
        self.assertTrue(facts["after"])

    def test_tracebacks_and_inspect_point_at_the_files_lines(self):
        # (inspect.getsource of a section's class, which parses the whole
        # file, is checked with the other classes' in test_package.)
        admin = djscratch.ModelAdmin
        lines = inspect.getsource(admin.get_urls).splitlines()
        self.assertRegex(lines[0], r"^    def get_urls\(self")
        code = admin.get_urls.__code__
        self.assertEqual(code.co_filename, djscratch.__file__)
        line = linecache.getline(djscratch.__file__, code.co_firstlineno)
        self.assertIn("def get_urls(self", line)
        with open(djscratch.__file__, encoding="utf-8") as f:
            on_disk = f.read().splitlines()[code.co_firstlineno - 1]
        self.assertEqual(line.rstrip("\n"), on_disk)

    def test_every_sections_functions_start_at_their_def_line(self):
        import types

        for section in set(djscratch._DEFERRED_NAMES.values()):
            djscratch._load_section(section)
        with open(djscratch.__file__, encoding="utf-8") as f:
            lines = f.readlines()
        checked = []
        for name in djscratch._DEFERRED_NAMES:
            value = vars(djscratch).get(name)
            if type(value) is types.FunctionType and \
                    value.__code__.co_filename == djscratch.__file__:
                first = lines[value.__code__.co_firstlineno - 1].strip()
                checked.append(name)
                with self.subTest(name=name):
                    self.assertRegex(first, r"^(@|def |async def )|lambda")
        self.assertGreater(len(checked), 300)

    def test_classes_pickle_by_reference_into_a_fresh_process(self):
        data = pickle.dumps(djscratch.AdminSite)
        code = ("import json, pickle, sys; sys.path.insert(0, '.'); import djscratch; "
                f"cls = pickle.loads({data!r}); "
                "print(json.dumps([cls.__name__, cls is djscratch.AdminSite]))")
        self.assertEqual(_run(code, self.tmp), ["AdminSite", True])

    def test_names_from_the_django_alias_build_the_section(self):
        from django.contrib.admin import ModelAdmin

        self.assertIs(ModelAdmin, djscratch.ModelAdmin)

    def test_a_build_reads_only_its_blocks_and_nothing_once_its_code_is_kept(self):
        self.section_cache().unlink(missing_ok=True)
        compiled = _run(READS_PROBE, self.tmp)
        kept = _run(READS_PROBE, self.tmp)
        self.assertGreater(compiled["read"], 0)
        self.assertEqual(compiled["read"], compiled["blocks"])  # only them
        self.assertLess(compiled["read"], compiled["size"] // 3)  # (admin + needs)
        self.assertEqual(kept["read"], 0)  # the kept code, no text read
        self.assertEqual(compiled["linecache"], "not read")
        self.assertEqual(kept["linecache"], "not read")

    def test_a_traceback_in_a_built_section_shows_its_file_line_and_text(self):
        facts = _run(TRACEBACK_PROBE, self.tmp)
        with open(self.flat, encoding="utf-8") as f:
            lines = f.read().split("\n")
        first, last = facts["admin lines"]
        self.assertEqual(facts["file"], str(self.flat))
        self.assertTrue(first <= facts["line"] <= last, facts)
        self.assertEqual(facts["text"], lines[facts["line"] - 1].strip())
        self.assertIn(facts["text"], facts["printed"])
        self.assertRegex(facts["source"], r"^class ModelAdmin\(")

    def test_kept_code_is_used_only_for_the_file_as_it_was_when_kept(self):
        _run(PROBE, self.tmp)
        cached = self.section_cache()
        data = cached.read_bytes()
        key = len(importlib.util.MAGIC_NUMBER) + 32  # and the key's sha256
        stale = compile("ModelAdmin = 'kept code'\n", str(self.flat), "exec")
        cached.write_bytes(data[:key] + marshal.dumps([(1, stale)]))
        # The same file (size and time): the kept code is used unread...
        self.assertEqual(_run(NAME_PROBE, self.tmp), "kept code")
        # ...and not once the file may have changed (a new time).
        text = self.flat.read_text(encoding="utf-8")
        try:
            stat = os.stat(self.flat)
            os.utime(self.flat, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
            self.assertEqual(_run(NAME_PROBE, self.tmp), "ModelAdmin")
            self.assertNotEqual(cached.read_bytes()[:key], data[:key])
        finally:
            self.put_back(text)


#: blog.py's first response in a fresh process (the start-up benchmark's
#: bench/worker.py --first, over its database of 50 comments: a page of
#: them, ordered), then an exception a deferred section defines and one it
#: does not, through the handler's table.
FIRST_RESPONSE_PROBE = """
import json, os, sys
sys.path.insert(0, ".")
import djscratch
not_imported = [name for name in ("string", "locale", "random")
                if name not in sys.modules]
from bench.worker import call, environ
from bench.peers import blog_py
# (No tempfile: it imports random, which the probe asks about.)
db = os.path.join(os.environ["PROBE_DIR"], "blog.sqlite3")
app = blog_py.make_app(db)
status, _, body = call(app, environ())
import djscratch
built = sorted(djscratch._SECTIONS_LOADED)
left_for_first_use = {
    "random imported": "random" in sys.modules,
    "locale imported": "locale" in sys.modules,
    "imported of uuid, linecache and LAZY_STDLIB": [
        name for name in ("uuid", "linecache", "decimal", "zlib", "unicodedata",
                          "fnmatch")
        if name in sys.modules],
    "language regexes compiled": [
        name for name in ("_LANGUAGE_CODE_RE", "_ACCEPT_LANGUAGE_RE",
                          "_LANGUAGE_PREFIX_RE")
        if getattr(djscratch, name)._compiled is not None],
    "lookup site makers compiled": len(djscratch._SITE_MAKERS_CODE),
}
auth_templates = sorted(djscratch.AuthConfig.builtin_templates.fget(None))
after_auth_templates = sorted(djscratch._SECTIONS_LOADED)
request = djscratch.WSGIRequest(environ())
denied = djscratch.response_for_exception(request, djscratch.PermissionDenied())
after_denied = sorted(djscratch._SECTIONS_LOADED)
bad = djscratch.response_for_exception(request, djscratch.MultiPartParserError())
after_bad = sorted(djscratch._SECTIONS_LOADED)
import blog
list(blog.Comment.objects.values("id", "author")[:1])
blog.Comment.objects.aggregate(n=djscratch.Count("id"))
print(json.dumps({"status": status, "built": built, "after_denied": after_denied,
                  "after_reads": sorted(djscratch._SECTIONS_LOADED),
                  "left_for_first_use": left_for_first_use,
                  "not_imported": not_imported,
                  "auth_templates": auth_templates,
                  "after_auth_templates": after_auth_templates,
                  "denied": denied.status_code, "bad": bad.status_code,
                  "after_bad": after_bad}))
"""


#: A one-file app's view raising PermissionDenied, served once in a fresh
#: process with the default logging.
DENIED_PROBE = """
import io, json
import djscratch
app = djscratch.App(__name__, SECRET_KEY="x" * 50)
from django.core.exceptions import PermissionDenied
from django.urls import path
def denied(request):
    raise PermissionDenied("no")
urlpatterns = [path("", denied)]
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "",
           "SERVER_NAME": "testserver", "SERVER_PORT": "80",
           "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO(),
           "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO()}
seen = []
b"".join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
print(json.dumps({"status": int(seen[0].split()[0]),
                  "built": sorted(djscratch._SECTIONS_LOADED)}))
"""


@unittest.skipUnless(SINGLE_FILE, "the package has no deferred sections")
class FirstResponseTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with tempfile.TemporaryDirectory() as tmp:
            # (made in a process of its own: bench.workload imports random)
            _run("import json, os, sys; sys.path.insert(0, '.')\n"
                 "from bench import workload\n"
                 "workload.make_db(os.path.join(os.environ['PROBE_DIR'], "
                 "'blog.sqlite3'))\nprint(json.dumps(None))", ROOT, PROBE_DIR=tmp)
            cls.facts = _run(FIRST_RESPONSE_PROBE, ROOT, PROBE_DIR=tmp)

    def test_blogs_first_response_builds_no_section(self):
        facts = self.facts
        self.assertEqual(facts["status"], 200)
        self.assertEqual(facts["built"], [])

    def test_blogs_first_response_leaves_what_it_does_not_use(self):
        # The language regexes, the random, locale, uuid and linecache
        # modules and those LAZY_STDLIB names (tools/amalgamate.py) wait for
        # their first use; the lookup sites' source is compiled once, not
        # once a name.
        self.assertEqual(self.facts["left_for_first_use"], {
            "random imported": False, "locale imported": False,
            "imported of uuid, linecache and LAZY_STDLIB": [],
            "language regexes compiled": [],
            "lookup site makers compiled": 1})

    def test_import_djscratch_leaves_modules_it_does_not_need(self):
        # (http.cookies imports string when a response sets a cookie.)
        self.assertEqual(self.facts["not_imported"], ["string", "locale", "random"])

    def test_the_auth_apps_templates_are_there_without_its_forms(self):
        # The app-directories loader asks every installed app for them.
        self.assertIn("auth/widgets/read_only_password_hash.html",
                      self.facts["auth_templates"])
        self.assertEqual(self.facts["after_auth_templates"], [])

    def test_a_traceback_shows_a_template_compiled_before_linecache_loaded(self):
        facts = _run(TEMPLATE_TRACEBACK_PROBE, ROOT)
        self.assertIs(facts["before"], False)
        self.assertTrue(facts["frames"])
        for filename, line in facts["frames"]:
            self.assertTrue(line, filename)  # the generated line, from linecache

    def test_a_logged_403_builds_no_debug_section(self):
        # Logging the 403 configures logging, whose mail handler names the
        # debug views' reporter: it is imported on the first mail only.
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "denied.py")
            with open(script, "w", encoding="utf-8") as f:
                f.write(DENIED_PROBE)
            facts = _run(f"import runpy; runpy.run_path({script!r}, "
                         f"run_name='__main__')", ROOT)
        self.assertEqual(facts["status"], 403)
        self.assertNotIn("debug", facts["built"])  # error_views builds the page

    def test_reading_a_model_without_relations_builds_no_relation_fields(self):
        # values() and aggregate() ask whether a field is a ForeignKey
        # (_converter_for) and an expression a Coalesce without building them.
        self.assertNotIn("relations", self.facts["after_reads"])
        self.assertNotIn("db_functions", self.facts["after_reads"])

    def test_an_exception_of_a_section_not_built_is_matched_by_name(self):
        # PermissionDenied is matched past the multipart parser's entry without
        # building it; a MultiPartParserError (which builds it) is a 400.
        facts = self.facts
        self.assertEqual(facts["denied"], 403)
        self.assertNotIn("multipart", facts["after_denied"])
        self.assertEqual(facts["bad"], 400)
        self.assertIn("multipart", facts["after_bad"])


#: setup() with django.contrib.auth installed, in a fresh process.
AUTH_MODELS_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
before = "auth_models" in djscratch._SECTIONS_LOADED
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                           "NAME": ":memory:"}})
import django
django.setup()
from django.apps import apps
from django.contrib.auth import get_user_model
print(json.dumps({"before": before,
                  "built": "auth_models" in djscratch._SECTIONS_LOADED,
                  "user": get_user_model() is djscratch.User,
                  "models": sorted(m.__name__ for m in
                                   apps.get_app_config("auth").get_models())}))
"""


@unittest.skipUnless(SINGLE_FILE, "the package has no deferred sections")
class AuthModelsSectionTests(unittest.TestCase):
    def test_installing_auth_builds_its_models_as_django_imports_them(self):
        facts = _run(AUTH_MODELS_PROBE, ROOT)
        self.assertEqual(facts, {"before": False, "built": True, "user": True,
                                 "models": ["Group", "Permission", "User"]})


#: The built-in checks (a section) against the check registry.
CHECKS_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
registry = djscratch.registry
def my_check(app_configs=None, **kwargs):
    return []
registry.register(my_check, "mine")
after_register = sorted(djscratch._SECTIONS_LOADED)
saved = registry.registered_checks
names = sorted(check.__name__ for check in saved)
registry.registered_checks = set()
print(json.dumps({"after_register": after_register, "names": names,
                  "deploy": len(registry.deployment_checks),
                  "replaced": len(registry.registered_checks),
                  "after": sorted(djscratch._SECTIONS_LOADED)}))
"""


@unittest.skipUnless(SINGLE_FILE, "the package has no deferred sections")
class BuiltinChecksTests(unittest.TestCase):
    def test_registering_builds_no_check_and_reading_builds_them_all(self):
        facts = _run(CHECKS_PROBE, ROOT)
        self.assertEqual(facts["after_register"], [])
        self.assertIn("my_check", facts["names"])
        self.assertIn("check_all_models", facts["names"])
        self.assertIn("check_url_config", facts["names"])
        self.assertGreater(facts["deploy"], 0)  # the security checks
        self.assertEqual(facts["replaced"], 0)
        self.assertEqual(facts["after"], ["checks"])


#: A form with a choice field, before and after ModelForm's section.
CHOICES_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
djscratch.App(__name__)
from django import forms
class PollForm(forms.Form):
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")])
html = str(PollForm())
before = sorted(djscratch._SECTIONS_LOADED)
iterator = djscratch.ModelChoiceIterator(djscratch.ModelChoiceField(
    djscratch.ContentType.objects.all()))
kept = djscratch._normalize_choices(iterator) is iterator
print(json.dumps({"html": html, "before": before, "kept": kept}))
"""


@unittest.skipUnless(SINGLE_FILE, "the package has no deferred sections")
class ChoicesTests(unittest.TestCase):
    def test_a_choice_field_builds_no_model_forms_and_their_iterator_is_kept(self):
        facts = _run(CHOICES_PROBE, ROOT)
        self.assertIn('<option value="g">Green</option>', facts["html"])
        self.assertNotIn("model_forms", facts["before"])
        self.assertTrue(facts["kept"])


#: A traceback through a template compiled before linecache was loaded.
TEMPLATE_TRACEBACK_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
app = djscratch.App(__name__, SECRET_KEY="x" * 50)
class Boom:
    @property
    def value(self):
        raise ValueError("boom")
before = "linecache" in sys.modules
template = djscratch.Engine().from_string("<p>{{ thing.value }}</p>")
try:
    template.render(djscratch.Context({"thing": Boom()}))
except ValueError as exc:
    import traceback
    frames = [(f.filename, f.line) for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.startswith("<template")]
print(json.dumps({"before": before, "frames": frames}))
"""


#: blog.py's first response in a fresh process: how many compile() calls.
COMPILES_PROBE = """
import builtins, json, os, sys
sys.path.insert(0, ".")
import djscratch
from bench.worker import call, environ
from bench.peers import blog_py
app = blog_py.make_app(os.path.join(os.environ["PROBE_DIR"], "blog.sqlite3"))
compiled, compile = [], builtins.compile
builtins.compile = lambda source, filename, *args, **kwargs: (
    compiled.append(filename), compile(source, filename, *args, **kwargs))[1]
status, _, body = call(app, environ())
print(json.dumps({"status": status, "compiled": compiled}))
"""


class GeneratedCodeTests(unittest.TestCase):
    """The Python djscratch writes at run time is compiled once, then read
    from __pycache__ by later processes (_compile_generated)."""

    SOURCE = "def f(x):\n    return x + 1  # a line\n"

    def setUp(self):
        from unittest import mock

        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        module = sys.modules[djscratch._compile_generated.__module__]
        for patcher in (mock.patch.object(module, "_GENERATED_CODE_DIR", [self.tmp]),
                        mock.patch.object(sys, "dont_write_bytecode", False)):
            patcher.start()
            self.addCleanup(patcher.stop)
        self.module = module

    def test_the_code_is_what_compile_makes_and_is_read_back(self):
        from unittest import mock

        first = djscratch._compile_generated(self.SOURCE, "<generated f>")
        self.assertEqual(len(os.listdir(self.tmp)), 1)
        with mock.patch("builtins.compile", side_effect=AssertionError("compiled")):
            again = djscratch._compile_generated(self.SOURCE, "<generated f>")
        plain = compile(self.SOURCE, "<generated f>", "exec")
        for code in (first, again):
            self.assertEqual(code, plain)
            self.assertEqual(code.co_consts[0].co_filename, "<generated f>")
            namespace = {}
            exec(code, namespace)
            self.assertEqual(namespace["f"](1), 2)

    def test_a_file_is_used_only_for_its_own_source_and_filename(self):
        import binascii
        from unittest import mock

        results = []
        # Every checksum the same: two sources of one length share a file.
        with mock.patch.object(binascii, "crc32", lambda data: 7):
            for source in (self.SOURCE, self.SOURCE.replace("1", "2"), self.SOURCE):
                namespace = {}
                exec(djscratch._compile_generated(source, "<generated f>"),
                     namespace)
                results.append(namespace["f"](1))
        self.assertEqual(results, [2, 3, 2])
        self.assertEqual(len(os.listdir(self.tmp)), 1)
        renamed = djscratch._compile_generated(self.SOURCE, "<generated g>")
        self.assertEqual(renamed.co_consts[0].co_filename, "<generated g>")

    def test_nothing_is_written_without_bytecode_or_a_writable_directory(self):
        from unittest import mock

        with mock.patch.object(sys, "dont_write_bytecode", True):
            djscratch._compile_generated(self.SOURCE, "<generated f>")
        self.assertEqual(os.listdir(self.tmp), [])
        blocked = os.path.join(self.tmp, "file")
        with open(blocked, "w"):
            pass
        with mock.patch.object(self.module, "_GENERATED_CODE_DIR", [blocked]):
            code = djscratch._compile_generated(self.SOURCE, "<generated f>")
        self.assertEqual(code, compile(self.SOURCE, "<generated f>", "exec"))

    def test_a_loaded_template_is_kept_and_one_from_a_string_is_not(self):
        engine = djscratch.Engine(loaders=[(
            "django.template.loaders.locmem.Loader", {"page.html": "<p>{{ a }}</p>"})])
        context = djscratch.Context({"a": "1"})
        self.assertEqual(engine.from_string("<b>{{ a }}</b>").render(context),
                         "<b>1</b>")
        self.assertEqual(os.listdir(self.tmp), [])
        self.assertEqual(engine.get_template("page.html").render(context), "<p>1</p>")
        # its code, and what the code needs (_KeptState)
        kinds = sorted(name.rsplit(".", 1)[1] for name in os.listdir(self.tmp))
        self.assertEqual(kinds, ["pyc", "state"])

    def test_the_directory_keeps_the_newest_files_up_to_its_limit(self):
        from unittest import mock

        with mock.patch.object(self.module, "_GENERATED_CODE_LIMIT", 8):
            for i in range(9):
                djscratch._compile_generated(f"x = {i}\n", "<generated x>")
                os.utime(max((os.path.join(self.tmp, n) for n in os.listdir(self.tmp)),
                             key=os.path.getmtime), (i + 1, i + 1))
        self.assertEqual(len(os.listdir(self.tmp)), 6)

    def test_a_second_first_response_compiles_nothing(self):
        # The two processes keep their code under a __pycache__ prefix of
        # their own: the repository's is shared with the other test
        # processes, which may prune it (the oldest files first, and a file
        # the first process found already there may be old) in between.
        with tempfile.TemporaryDirectory() as tmp:
            first = _run(COMPILES_PROBE, ROOT, PROBE_DIR=tmp,
                         PYTHONPYCACHEPREFIX=os.path.join(tmp, "pycache"))
            second = _run(COMPILES_PROBE, ROOT, PROBE_DIR=tmp,
                          PYTHONPYCACHEPREFIX=os.path.join(tmp, "pycache"))
        self.assertIn("<template home.html>", first["compiled"])
        self.assertEqual(first["status"], 200)
        self.assertEqual(second["status"], 200)
        self.assertEqual(second["compiled"], [])


#: What a LAZY_STDLIB stand-in does, in a fresh process.
STAND_IN_PROBE = """
import json, sys
sys.path.insert(0, ".")
import djscratch
stand_in = vars(djscratch)["fnmatch"]
before = ["fnmatch" in sys.modules, type(stand_in).__name__, stand_in.__name__]
matched = stand_in.fnmatch("page.html", "*.html")
print(json.dumps({"before": before, "matched": matched,
                  "replaced": vars(djscratch)["fnmatch"] is sys.modules["fnmatch"],
                  "ignored": djscratch.is_ignored_path("a/b.pyc", ["*.pyc"])}))
"""


@unittest.skipUnless(SINGLE_FILE, "the package imports the standard modules normally")
class StdlibOnFirstUseTests(unittest.TestCase):
    def test_a_stand_in_imports_its_module_on_the_first_attribute_read(self):
        facts = _run(STAND_IN_PROBE, ROOT)
        self.assertEqual(facts["before"], [False, "_StdlibOnFirstUse", "fnmatch"])
        self.assertIs(facts["matched"], True)
        self.assertIs(facts["replaced"], True)
        self.assertIs(facts["ignored"], True)  # djscratch's code reads the module


class GeneratorSectionTests(unittest.TestCase):
    """The generator refuses what a deferred section cannot do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "amalgamate_sections_under_test", ROOT / "tools" / "amalgamate.py")
        cls.tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.tool)

    def test_an_eager_module_reaches_a_section_through_getattr(self):
        class Module:
            def __init__(self, name):
                self.name = name

        tool = self.tool
        modules = [Module("djscratch.contrib.admin.options"), Module("djscratch.x")]
        flat_names = {("djscratch.contrib.admin.options", "ModelAdmin"): "ModelAdmin",
                      ("djscratch.x", "y"): "y"}
        sections = tool.Sections(modules, flat_names)
        for import_time in (True, False):
            self.assertTrue(sections.from_eager(modules[1], "ModelAdmin", import_time))
            self.assertFalse(sections.from_eager(modules[0], "ModelAdmin", import_time))
            self.assertFalse(sections.from_eager(modules[1], "y", import_time))
        init = Module("djscratch")
        init.rel = "djscratch/__init__.py"
        init.lines = ["a = ModelAdmin\n", "b = lambda: ModelAdmin\n"]
        init.tree = ast.parse("".join(init.lines))
        problems, edits = sections.check_tail(init, init.tree.body)
        self.assertEqual(len(problems), 1)
        self.assertIn(":1: ModelAdmin is used at import time", problems[0])
        self.assertEqual(edits.apply(2, 2), 'b = lambda: __getattr__("ModelAdmin")\n')

    def test_a_section_needs_another_only_for_what_it_uses_at_import(self):
        # A name of another section used in a function goes through
        # __getattr__ (that section is built when the code runs); one used at
        # import time makes the section need the other (built first).
        class Module:
            def __init__(self, name):
                self.name = name

        modules = [Module("djscratch.test.runner"),
                   Module("djscratch.core.mail.message"),
                   Module("djscratch.contrib.admin.options")]
        flat_names = {("djscratch.test.runner", "DiscoverRunner"): "DiscoverRunner",
                      ("djscratch.core.mail.message", "EmailMessage"): "EmailMessage",
                      ("djscratch.contrib.admin.options", "ModelAdmin"): "ModelAdmin"}
        sections = self.tool.Sections(modules, flat_names)
        self.assertTrue(sections.from_eager(modules[0], "EmailMessage", False))
        self.assertEqual(sections.needs["testing"], set())
        self.assertFalse(sections.from_eager(modules[0], "ModelAdmin", True))
        self.assertEqual(sections.needs["testing"], {"admin"})
        self.assertFalse(sections.from_eager(modules[0], "DiscoverRunner", False))


    def test_the_standard_modules_imported_on_first_use_are_not_used_at_import(self):
        class Module:
            def __init__(self, name, source):
                self.name, self.rel = name, name.replace(".", "/") + ".py"
                self.tree = ast.parse(source)

        tool = self.tool
        modules = [Module(tool.STDLIB_STAND_INS_AFTER, ""),
                   Module("djscratch.a", "import zlib\ndef f(): zlib.crc32(b'')\n"),
                   Module("djscratch.b", "import zlib\nCRC = zlib.crc32(b'')\n")]
        sections = tool.Sections(modules, {})
        body_parts = ["first\n", "a\n", "b\n"]
        problems = []
        imports = tool._stdlib_on_first_use(
            modules, body_parts, ["import re\n", "import zlib\n"], problems, sections)
        self.assertEqual(imports, ["import re\n"])
        self.assertIn('zlib = _StdlibOnFirstUse("zlib", __name__)', body_parts[0])
        self.assertEqual(len(problems), 1)
        self.assertIn("djscratch/b.py:2: zlib is used at import time", problems[0])


if __name__ == "__main__":
    unittest.main()
