"""Secure defaults: what a project gets without asking for it.

CSRF on, autoescape on, security headers, cookie flags as Django's, signed
values compared in constant time, no pickle, ALLOWED_HOSTS enforced, DEBUG
off, no empty or hard-coded SECRET_KEY, body and field limits, and waitress
started with header and body limits.
"""

import ast
import functools
import hmac
import os
import shutil
import sys
import tempfile
import types
import unittest
from unittest import mock

from tests import TEST_SETTINGS
from tests.attack_app import AttackAppMixin, attack_settings
from tests.attack_cases import CSRF_SECRET
from tests.http_helpers import call_wsgi
from tests import forked

import djscratch
from djscratch import (
    GLOBAL_SETTINGS, App, ImproperlyConfigured, WSGIHandler, override_settings,
    settings)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "djscratch.py")


@functools.lru_cache(maxsize=None)
def source_tree():
    """djscratch.py's syntax tree, parsed once for every check on the source."""
    with open(SOURCE, encoding="utf-8") as f:
        return ast.parse(f.read())


@functools.lru_cache(maxsize=None)
def source_nodes():
    """Every node of source_tree(), walked once for all the checks."""
    return tuple(ast.walk(source_tree()))


def tearDownModule():
    # The tree of the 2 MB file is millions of objects: the rest of the run
    # goes without them (each full garbage collection would visit them all).
    source_nodes.cache_clear()
    source_tree.cache_clear()
    SourceRules.tree = None


def _make_app(tmp, **options):
    """Create a single-file App for a fake script in `tmp`; return it."""
    name = "secure_defaults_app_%d" % len(os.listdir(tmp))
    module = types.ModuleType(name)
    module.__file__ = os.path.join(tmp, name + ".py")
    sys.modules[name] = module
    try:
        # Settings count as configured inside override_settings, so the App
        # only computes its settings and never configures the global ones.
        with override_settings(**TEST_SETTINGS):
            return App(name, **options)
    finally:
        del sys.modules[name]


class SingleFileAppDefaults(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="djscratch-secure-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        env = mock.patch.dict(os.environ)
        env.start()
        self.addCleanup(env.stop)
        os.environ.pop("DEBUG", None)
        os.environ.pop("SECRET_KEY", None)

    def test_csrf_and_security_middleware_are_on(self):
        middleware = _make_app(self.tmp).settings["MIDDLEWARE"]
        for name in ("django.middleware.csrf.CsrfViewMiddleware",
                     "django.middleware.security.SecurityMiddleware",
                     "django.middleware.clickjacking.XFrameOptionsMiddleware"):
            self.assertIn(name, middleware)

    def test_debug_is_off_unless_asked_for(self):
        self.assertIs(_make_app(self.tmp).settings["DEBUG"], False)
        self.assertIs(GLOBAL_SETTINGS["DEBUG"], False)
        os.environ["DEBUG"] = "1"
        self.assertIs(_make_app(self.tmp).settings["DEBUG"], True)

    def test_secret_key_is_generated_per_project_and_kept_private(self):
        key = _make_app(self.tmp).settings["SECRET_KEY"]
        self.assertGreaterEqual(len(key), 50)
        # Kept beside the database, readable by the owner only, reused.
        files = [f for f in os.listdir(self.tmp) if f.endswith(".secret_key")]
        self.assertEqual(len(files), 1)
        mode = os.stat(os.path.join(self.tmp, files[0])).st_mode & 0o777
        self.assertEqual(mode, 0o600)
        other = tempfile.mkdtemp(prefix="djscratch-secure-")
        self.addCleanup(shutil.rmtree, other, ignore_errors=True)
        self.assertNotEqual(_make_app(other).settings["SECRET_KEY"], key)

    def test_an_empty_secret_key_option_is_never_used(self):
        key = _make_app(self.tmp, SECRET_KEY="").settings["SECRET_KEY"]
        self.assertGreaterEqual(len(key), 50)

    def test_secret_key_from_the_environment_wins(self):
        os.environ["SECRET_KEY"] = "k" * 60
        self.assertEqual(_make_app(self.tmp).settings["SECRET_KEY"], "k" * 60)

    def test_allowed_hosts_are_local_only(self):
        hosts = _make_app(self.tmp).settings["ALLOWED_HOSTS"]
        self.assertNotIn("*", hosts)
        self.assertTrue(all("localhost" in h or h in ("127.0.0.1", "[::1]",
                                                      "testserver") for h in hosts))

    def test_sessions_are_signed_json_cookies(self):
        self.assertEqual(_make_app(self.tmp).settings["SESSION_ENGINE"],
                         "django.contrib.sessions.backends.signed_cookies")
        self.assertEqual(GLOBAL_SETTINGS["SESSION_SERIALIZER"],
                         "django.contrib.sessions.serializers.JSONSerializer")


class SecretKeyRules(unittest.TestCase):
    # (No hard-coded key: SourceRules.test_no_secret_key_is_hard_coded.)

    def test_an_empty_secret_key_is_refused_when_read(self):
        with override_settings(**{**TEST_SETTINGS, "SECRET_KEY": ""}):
            with self.assertRaisesMessage(ImproperlyConfigured,
                                          "The SECRET_KEY setting must not be empty."):
                settings.SECRET_KEY  # noqa: B018

    def test_nothing_is_signed_with_an_empty_key(self):
        from django.core import signing

        with override_settings(**{**TEST_SETTINGS, "SECRET_KEY": ""}):
            self.assertRaises(ImproperlyConfigured, signing.dumps, {"user": 1})
            self.assertRaises(ImproperlyConfigured, signing.Signer)

    def run_with_empty_key(self, *args):
        tmp = tempfile.mkdtemp(prefix="djscratch-secure-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        with open(os.path.join(tmp, "empty_key_settings.py"), "w") as f:
            f.write('SECRET_KEY = ""\nROOT_URLCONF = "empty_key_settings"\n'
                    'urlpatterns = []\nALLOWED_HOSTS = ["127.0.0.1"]\n')
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="empty_key_settings",
                   PYTHONPATH=os.pathsep.join([tmp, ROOT]))
        env.pop("DJSCRATCH_RUN_MAIN", None)
        return forked.run([sys.executable, "-m", "djscratch", *args], cwd=tmp,
                          env=env, capture_output=True, text=True, timeout=30)

    def test_check_deploy_reports_an_empty_key(self):
        proc = self.run_with_empty_key("check", "--deploy", "--fail-level", "WARNING")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("?: (security.W009) Your SECRET_KEY has less than 50",
                      proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)

    def test_runserver_refuses_to_serve_with_an_empty_key(self):
        proc = self.run_with_empty_key("runserver", "127.0.0.1:0", "--noreload")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("SECRET_KEY setting must not be empty", proc.stderr)
        self.assertNotIn("serving at", proc.stdout)

    def assertRaisesMessage(self, exc, message):
        return self.assertRaisesRegex(exc, "^%s$" % message.replace(".", r"\."))


class SourceRules(unittest.TestCase):
    """Checks on djscratch.py's own source, through its syntax tree.

    All in this one class: parsing the 2 MB file is most of what they cost,
    and a --parallel worker runs a class at a time (tearDownModule then
    drops the tree), so the tree is built once per run.
    """

    parallel_cost = 3  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        cls.tree = source_tree()

    #: Functions that may use pickle, and why it cannot load outside bytes.
    PICKLE_ALLOWED = {
        # django.test.testcases.is_pickable: dumps the object it is given and
        # loads those same bytes back, in one call (a test-runner check).
        "is_pickable",
        # ResolverMatch.__reduce_ex__: imports pickle only to raise Django's
        # PicklingError (a ResolverMatch refuses to be pickled); loads nothing.
        "__reduce_ex__",
        # _section_code: a deferred section's code kept in __pycache__, which
        # Python's own .pyc files share (whoever can write there can replace
        # djscratch's .pyc too); it loads only a file whose key matches the
        # interpreter's magic number and the hash of the section's text as
        # generated, its places and the file's size and mtime.
        "_section_code",
        # _compile_generated: code djscratch generates at run time, kept in the
        # same __pycache__ (same trust as above); a file is loaded only when
        # it holds the magic number and the exact filename and source asked for.
        "_compile_generated",
        # _KeptState.from_kept_file/write_kept_file: what a template's kept
        # code needs (block names, how to make its filters and nodes again),
        # in the same __pycache__ folder (same trust as above); a file is
        # loaded only when it holds the magic number and the exact key (the
        # djscratch files' sizes and times, the template's source, names and
        # engine options), and it makes only djscratch's own functions again.
        "from_kept_file", "write_kept_file",
    }

    def test_no_secret_key_is_hard_coded(self):
        self.assertEqual(GLOBAL_SETTINGS["SECRET_KEY"], "")
        for node in source_nodes():
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "SECRET_KEY":
                        literal = isinstance(value, ast.Constant) and value.value
                        self.assertFalse(literal, "SECRET_KEY at line %d" % node.lineno)
            if isinstance(node, ast.keyword) and node.arg == "SECRET_KEY":
                self.assertFalse(isinstance(node.value, ast.Constant)
                                 and node.value.value)

    def test_no_pickle_anywhere(self):
        unsafe = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill"}
        allowed = {id(n) for f in source_nodes()
                   if isinstance(f, ast.FunctionDef) and f.name in self.PICKLE_ALLOWED
                   for n in ast.walk(f)}
        for node in source_nodes():
            if id(node) in allowed:
                continue
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "__import__":
                names = {getattr(node.args[0], "value", "")} if node.args else set()
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                names = {node.value.id}
            else:
                continue
            self.assertFalse(names & unsafe, "line %d uses %s" % (
                node.lineno, names & unsafe))

    def test_no_eval_or_exec_of_request_data(self):
        # Templates compile generated source with compile(); nothing calls
        # eval() and the only exec() runs that compiled code.
        for node in source_nodes():
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                self.assertNotEqual(node.func.id, "eval", "eval at %d" % node.lineno)

    def test_constant_time_compare_uses_hmac_compare_digest(self):
        funcs = {n.name: n for n in source_nodes()
                 if isinstance(n, ast.FunctionDef)}
        for name in ("constant_time_compare", "_does_token_match"):
            calls = {ast.unparse(n.func) for n in ast.walk(funcs[name])
                     if isinstance(n, ast.Call)}
            self.assertIn("hmac.compare_digest", calls, name)

    def test_signature_checks_never_use_equality(self):
        for cls in (n for n in source_nodes() if isinstance(n, ast.ClassDef)
                    and n.name in ("Signer", "TimestampSigner")):
            for node in ast.walk(cls):
                if isinstance(node, ast.Compare) and any(
                        isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                    text = ast.unparse(node)
                    self.assertNotIn("sig", text, "line %d: %s" % (node.lineno, text))


class SignedValuesUseConstantTime(unittest.TestCase):
    def test_signing_loads_compares_with_compare_digest(self):
        from django.core import signing

        with override_settings(**TEST_SETTINGS):
            token = signing.dumps({"user": 1})
            with mock.patch("hmac.compare_digest", wraps=hmac.compare_digest) as spy:
                self.assertEqual(signing.loads(token), {"user": 1})
                with self.assertRaises(signing.BadSignature):
                    signing.loads(token[:-1] + ("A" if token[-1] != "A" else "B"))
        self.assertGreaterEqual(spy.call_count, 2)

    def test_csrf_token_check_compares_with_compare_digest(self):
        tmp = tempfile.mkdtemp(prefix="djscratch-secure-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        with override_settings(**attack_settings(os.path.join(tmp, "db.sqlite3"))):
            app = WSGIHandler()
            with mock.patch("hmac.compare_digest", wraps=hmac.compare_digest) as spy:
                result = call_wsgi(
                    app, "/contact/", "POST",
                    body=b"csrfmiddlewaretoken=" + CSRF_SECRET.encode(),
                    content_type="application/x-www-form-urlencoded",
                    HTTP_COOKIE="csrftoken=" + CSRF_SECRET)
        self.assertEqual(result.status_code, 200)  # the form re-shown: invalid
        self.assertTrue(spy.called)


class DefaultStackBehaviour(AttackAppMixin, unittest.TestCase):
    """The default middleware list, as a single-file App gets it."""

    def test_default_middleware_is_the_app_default(self):
        self.assertEqual(settings.MIDDLEWARE, djscratch.DEFAULT_MIDDLEWARE)

    def test_post_without_csrf_token_is_403(self):
        result = call_wsgi(self.app, "/contact/", "POST", body=b"name=a",
                           content_type="application/x-www-form-urlencoded")
        self.assertEqual(result.status_code, 403)

    def test_security_headers_are_set(self):
        result = call_wsgi(self.app, "/")
        self.assertEqual(result.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(result.header("Referrer-Policy"), "same-origin")
        self.assertEqual(result.header("Cross-Origin-Opener-Policy"), "same-origin")
        self.assertEqual(result.header("X-Frame-Options"), "DENY")

    def test_security_headers_are_set_on_error_pages(self):
        for path in ("/nope/", "/crash/"):
            result = call_wsgi(self.app, path)
            self.assertIn(result.status_code, (404, 500))
            self.assertEqual(result.header("X-Frame-Options"), "DENY")
            self.assertEqual(result.header("X-Content-Type-Options"), "nosniff")

    def test_csrf_cookie_flags_are_django_defaults(self):
        result = call_wsgi(self.app, "/contact/")
        cookie = [c for c in result.headers_all("Set-Cookie")
                  if c.startswith("csrftoken=")][0]
        self.assertIn("SameSite=Lax", cookie)
        self.assertIn("Path=/", cookie)
        self.assertNotIn("HttpOnly", cookie)  # Django: readable by page scripts
        self.assertIn("Max-Age=31449600", cookie)

    def test_session_cookie_flags_are_django_defaults(self):
        result = call_wsgi(self.app, "/session/set/", query="v=1")
        cookie = [c for c in result.headers_all("Set-Cookie")
                  if c.startswith("sessionid=")][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertIn("Path=/", cookie)
        self.assertIn("Max-Age=1209600", cookie)

    def test_autoescape_is_on_in_both_template_languages(self):
        from django.template import engines

        for backend in ("django.template.backends.django.DjangoTemplates",
                        "djscratch.DjscratchTemplates"):
            source = "{{ x }}" if backend.startswith("django") else "<< x >>"
            with override_settings(TEMPLATES=[{"BACKEND": backend, "DIRS": [],
                                               "NAME": "t"}]):
                html = engines["t"].from_string(source).render({"x": "<b>&'\""})
            self.assertEqual(html, "&lt;b&gt;&amp;&#x27;&quot;", backend)

    def test_allowed_hosts_is_enforced_for_every_view(self):
        for path in ("/", "/static/css/site.css", "/nope/"):
            result = call_wsgi(self.app, path, HTTP_HOST="evil.example")
            self.assertEqual(result.status_code, 400, path)

    def test_empty_allowed_hosts_allows_nothing_without_debug(self):
        with override_settings(ALLOWED_HOSTS=[]):
            self.assertEqual(call_wsgi(self.app, "/").status_code, 400)
            self.assertEqual(call_wsgi(self.app, "/", HTTP_HOST="localhost")
                             .status_code, 400)

    def test_empty_allowed_hosts_with_debug_allows_localhost_only(self):
        with override_settings(ALLOWED_HOSTS=[], DEBUG=True):
            self.assertEqual(call_wsgi(self.app, "/", HTTP_HOST="localhost")
                             .status_code, 200)
            self.assertEqual(call_wsgi(self.app, "/", HTTP_HOST="evil.example")
                             .status_code, 400)

    def test_forwarded_host_is_ignored_by_default(self):
        self.assertIs(settings.USE_X_FORWARDED_HOST, False)
        result = call_wsgi(self.app, "/login/", query="next=http://evil.example/",
                           HTTP_X_FORWARDED_HOST="evil.example")
        self.assertEqual(result.header("Location"), "/")


class Limits(unittest.TestCase):
    def test_body_and_field_limits_are_on_by_default(self):
        self.assertEqual(GLOBAL_SETTINGS["DATA_UPLOAD_MAX_MEMORY_SIZE"], 2621440)
        self.assertEqual(GLOBAL_SETTINGS["DATA_UPLOAD_MAX_NUMBER_FIELDS"], 1000)
        self.assertEqual(GLOBAL_SETTINGS["DATA_UPLOAD_MAX_NUMBER_FILES"], 100)
        self.assertEqual(GLOBAL_SETTINGS["FILE_UPLOAD_MAX_MEMORY_SIZE"], 2621440)

    def test_runserver_gives_waitress_header_and_body_limits(self):
        try:
            import waitress
        except ImportError:
            self.skipTest("waitress is not installed")
        captured = {}

        class FakeServer:
            effective_port = 8000

            def run(self):
                raise KeyboardInterrupt

            def close(self):
                captured["closed"] = True

        def create_server(app, **kwargs):
            captured.update(kwargs)
            return FakeServer()

        with override_settings(**TEST_SETTINGS), \
                mock.patch.object(waitress, "create_server", create_server), \
                mock.patch("sys.stdout"), mock.patch("sys.stderr"):
            djscratch.run_server(lambda environ, start_response: [], port=8000)
        self.assertTrue(captured["closed"])
        header_limit = captured["max_request_header_size"]
        body_limit = captured["max_request_body_size"]
        # Headers: room for cookies and long URLs, far below waitress's 256 KB.
        self.assertGreaterEqual(header_limit, 16 * 1024)
        self.assertLessEqual(header_limit, 64 * 1024)
        # Bodies: uploads beyond the in-memory form limit, but bounded (waitress's
        # own default is 1 GB).
        self.assertGreater(body_limit, GLOBAL_SETTINGS["DATA_UPLOAD_MAX_MEMORY_SIZE"])
        self.assertLessEqual(body_limit, 100 * 1024 * 1024)
        self.assertTrue(captured["clear_untrusted_proxy_headers"])
        # Slow clients: enough connections that a hundred idle ones do not
        # lock others out, polled with poll() (select() stops at 1024).
        self.assertGreaterEqual(captured["connection_limit"], 500)
        self.assertTrue(captured["asyncore_use_poll"])
        self.assertLessEqual(captured["channel_timeout"], 120)
        self.assertEqual(captured["host"], "127.0.0.1")
