"""django.contrib.staticfiles as Django lays it out: the finders, the
storages (StaticFilesStorage, ManifestStaticFilesStorage with hashed names
and rewritten CSS references), collectstatic and findstatic, and the
staticfiles checks."""

import atexit
import io
import json
import os
import shutil
import tempfile
import unittest

import djscratch  # noqa: F401  (installs the django alias)
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.checks import E005, check_finders, check_storages
from django.contrib.staticfiles import storage
from django.contrib.staticfiles.storage import (
    HashedFilesMixin, ManifestStaticFilesStorage, StaticFilesStorage,
)
from django.core.checks import Error, Warning
from django.core.management import call_command
from django.template import Context, Template
from djscratch import override_settings
from tests import TEST_SETTINGS, populate_registry

MANIFEST = {"staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}


def write(root, path, text):
    full = os.path.join(root, *path.split("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)
    return full


class StaticFilesProject(unittest.TestCase):
    """A STATICFILES_DIRS folder (one plain, one under a prefix) and an empty
    STATIC_ROOT, with the staticfiles app installed."""

    def setUp(self):
        populate_registry()  # the app finders read the installed apps
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.source = os.path.join(tmp.name, "src")
        self.prefixed = os.path.join(tmp.name, "prefixed")
        self.root = os.path.join(tmp.name, "collected")
        write(self.source, "css/site.css",
              'body { background: url("../img/bg.png"); }\n'
              '@import "base.css";\n'
              'a { background: url("data:image/png;base64,AAAA"); }\n')
        write(self.source, "css/base.css", "p { color: red; }\n")
        write(self.source, "img/bg.png", "not really a png")
        write(self.source, ".hidden", "never collected")
        write(self.prefixed, "note.txt", "under a prefix")
        settings = override_settings(
            **{**TEST_SETTINGS, "INSTALLED_APPS": ["django.contrib.staticfiles"]},
            STATIC_URL="/static/", STATIC_ROOT=self.root,
            STATICFILES_DIRS=[self.source, ("pre", self.prefixed)])
        settings.enable()
        self.addCleanup(settings.disable)

    def collect(self, **options):
        out = io.StringIO()
        call_command("collectstatic", interactive=False, verbosity=1, stdout=out,
                     **options)
        return out.getvalue()


class FinderTests(StaticFilesProject):
    def test_find_looks_in_each_folder_and_records_where(self):
        self.assertEqual(finders.find("css/base.css"),
                         os.path.join(os.path.realpath(self.source), "css", "base.css"))
        self.assertEqual(finders.find("pre/note.txt"),
                         os.path.join(os.path.realpath(self.prefixed), "note.txt"))
        self.assertIsNone(finders.find("missing.txt"))
        self.assertEqual(finders.find("missing.txt", find_all=True), [])
        self.assertIn(self.source, finders.searched_locations)

    def test_a_path_leaving_the_folder_is_not_found(self):
        self.assertIsNone(finders.find("../collected/x"))

    def test_finder_checks(self):
        with override_settings(STATICFILES_DIRS=[("pre/", self.source),
                                                 "/no/such/folder"]):
            self.assertEqual(check_finders(), [
                Error("The prefix 'pre/' in the STATICFILES_DIRS setting must not "
                      "end with a slash.", id="staticfiles.E003"),
                Warning("The directory '/no/such/folder' in the STATICFILES_DIRS "
                        "setting does not exist.", id="staticfiles.W004"),
            ])
        with override_settings(STATICFILES_DIRS="oops"):
            self.assertEqual([e.id for e in check_finders()], ["staticfiles.E001"])
        with override_settings(STORAGES={}):
            self.assertEqual(check_storages(), [E005])


class CollectstaticTests(StaticFilesProject):
    def test_copies_every_file_once_and_reports_like_django(self):
        out = self.collect()
        self.assertEqual(out, f"\n4 static files copied to '{self.root}'.\n")
        self.assertTrue(os.path.isfile(os.path.join(self.root, "pre", "note.txt")))
        self.assertFalse(os.path.exists(os.path.join(self.root, ".hidden")))
        self.assertEqual(self.collect(),
                         f"\n0 static files copied to '{self.root}', 4 unmodified.\n")

    def test_dry_run_and_clear(self):
        self.collect(dry_run=True)
        self.assertFalse(os.path.exists(self.root))
        write(self.root, "stale.txt", "old")
        self.collect(clear=True)
        self.assertFalse(os.path.exists(os.path.join(self.root, "stale.txt")))

    def test_findstatic(self):
        out = io.StringIO()
        call_command("findstatic", "css/base.css", "nope.css", verbosity=1,
                     stdout=out, stderr=io.StringIO())
        self.assertEqual(out.getvalue(), "Found 'css/base.css' here:\n  %s\n"
                         % os.path.join(os.path.realpath(self.source), "css",
                                        "base.css"))


class ManifestStorageTests(StaticFilesProject):
    def setUp(self):
        super().setUp()
        storages = override_settings(STORAGES=MANIFEST)
        storages.enable()
        self.addCleanup(storages.disable)

    def test_hashed_names_and_rewritten_references(self):
        out = self.collect()
        self.assertIn("4 post-processed", out)
        with open(os.path.join(self.root, "staticfiles.json")) as f:
            manifest = json.load(f)
        self.assertEqual(manifest["version"], "1.1")
        paths = manifest["paths"]
        self.assertRegex(paths["img/bg.png"], r"^img/bg\.[0-9a-f]{12}\.png$")
        with open(os.path.join(self.root, paths["css/site.css"])) as f:
            css = f.read()
        self.assertIn('url("../%s")' % paths["img/bg.png"], css)
        self.assertIn('@import url("%s")' % paths["css/base.css"].split("/")[-1], css)
        self.assertIn("data:image/png;base64,AAAA", css)  # left alone
        self.assertEqual(storage.staticfiles_storage.url("css/site.css"),
                         "/static/" + paths["css/site.css"])
        with override_settings(TEMPLATES=[{
                "BACKEND": "django.template.backends.django.DjangoTemplates"}]):
            rendered = Template("{% load static %}{% static 'img/bg.png' %}"
                                ).render(Context())
        self.assertEqual(rendered, "/static/" + paths["img/bg.png"])

    def test_a_name_missing_from_the_manifest_raises(self):
        self.collect()
        with self.assertRaisesMessage(
                ValueError, "Missing staticfiles manifest entry for 'nope.css'"):
            storage.staticfiles_storage.url("nope.css")

    @override_settings(DEBUG=True)
    def test_debug_gives_the_plain_name(self):
        self.assertEqual(storage.staticfiles_storage.url("css/site.css"),
                         "/static/css/site.css")

    def assertRaisesMessage(self, exc, message):
        return self.assertRaisesRegex(exc, message.replace(".", r"\."))


class StorageClassTests(unittest.TestCase):
    def test_the_classes_keep_djangos_names_and_bases(self):
        self.assertEqual(StaticFilesStorage.__name__, "StaticFilesStorage")
        self.assertTrue(issubclass(ManifestStaticFilesStorage, HashedFilesMixin))
        self.assertTrue(issubclass(ManifestStaticFilesStorage, StaticFilesStorage))

    def test_file_hash_is_12_hex_digits_of_the_md5(self):
        from django.core.files.base import ContentFile

        with override_settings(**TEST_SETTINGS, STATIC_URL="/static/",
                               STATIC_ROOT=tempfile.gettempdir()):
            storage = ManifestStaticFilesStorage()
            self.assertEqual(storage.file_hash("x", ContentFile(b"abc")),
                             "900150983cd2")


class ServeViewTests(StaticFilesProject):
    def test_the_view_serves_only_with_debug_unless_insecure(self):
        from django.contrib.staticfiles.views import serve
        from django.http import Http404
        from django.test import RequestFactory

        request = RequestFactory().get("/static/css/base.css")
        with self.assertRaises(Http404):
            serve(request, "css/base.css")
        response = serve(request, "css/base.css", insecure=True)
        response.close()  # a FileResponse: its file is open until closed
        self.assertEqual(response.status_code, 200)
        with override_settings(DEBUG=True):
            response = serve(request, "css/base.css")
            response.close()
            self.assertEqual(response.status_code, 200)

    @override_settings(STATIC_URL="static/")
    def test_a_relative_static_url_reads_under_the_script_prefix(self):
        from django.conf import settings
        from django.urls import set_script_prefix

        set_script_prefix("/")

        self.assertEqual(settings.STATIC_URL, "/static/")


STATIC_DIR = tempfile.mkdtemp(prefix="djscratch-static-live-")
atexit.register(shutil.rmtree, STATIC_DIR, ignore_errors=True)
write(STATIC_DIR, "live/hello.txt", "served by the live server")


def _live_server_case():
    from django.contrib.staticfiles.testing import StaticLiveServerTestCase

    @override_settings(**{**TEST_SETTINGS,
                          "INSTALLED_APPS": ["django.contrib.staticfiles"]},
                       STATIC_URL="/static/", STATICFILES_DIRS=[STATIC_DIR],
                       ROOT_URLCONF="tests.checks_bad_handlers_urls")
    class StaticLiveServerTests(StaticLiveServerTestCase):
        databases = set()

        def test_the_finders_files_are_served_without_collectstatic(self):
            from urllib.request import urlopen

            with urlopen(self.live_server_url + "/static/live/hello.txt") as f:
                self.assertEqual(f.read(), b"served by the live server")

    return StaticLiveServerTests


StaticLiveServerTests = _live_server_case()


class StaticLiveServerSettingsTests(unittest.TestCase):
    def test_no_static_url_is_refused_before_the_server_starts(self):
        from django.contrib.staticfiles.testing import StaticLiveServerTestCase
        from django.core.exceptions import ImproperlyConfigured

        with override_settings(**TEST_SETTINGS, STATIC_URL=None), \
                self.assertRaisesRegex(ImproperlyConfigured, "STATIC_URL"):
            StaticLiveServerTestCase.setUpClass()


class StaticFilesHandlerTests(StaticFilesProject):
    @override_settings(ROOT_URLCONF="tests.checks_included_urls")
    def test_serves_static_urls_and_passes_the_rest_on(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        def application(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"the application"]

        handler = StaticFilesHandler(application)
        statuses = []

        def call(path):
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path,
                       "SERVER_NAME": "testserver", "SERVER_PORT": "80",
                       "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO()}
            body = handler(environ, lambda status, headers, *a: statuses.append(
                status))
            content = b"".join(body)
            getattr(body, "close", lambda: None)()
            return content

        self.assertEqual(call("/static/css/base.css"), b"p { color: red; }\n")
        self.assertEqual(call("/page/"), b"the application")
        call("/static/missing.css")
        self.assertEqual(statuses, ["200 OK", "200 OK", "404 Not Found"])


class ScriptPrefixTests(StaticFilesProject):
    @override_settings(ROOT_URLCONF="tests.checks_included_urls", STATIC_URL="static/",
                       DJSCRATCH_SERVE_STATIC=True)
    def test_static_files_are_served_under_a_script_name(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.urls import set_script_prefix

        self.addCleanup(set_script_prefix, "/")  # the handler sets "/app/"
        statuses = []
        environ = {"REQUEST_METHOD": "GET", "SCRIPT_NAME": "/app",
                   "PATH_INFO": "/static/css/base.css", "SERVER_NAME": "testserver",
                   "SERVER_PORT": "80", "wsgi.url_scheme": "http",
                   "wsgi.input": io.BytesIO()}
        body = WSGIHandler()(environ, lambda status, headers, *a: statuses.append(
            status))
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
        self.assertEqual((statuses, content), (["200 OK"], b"p { color: red; }\n"))


class EmbeddedStaticTests(unittest.TestCase):
    """The admin's static files live inside the single file: collectstatic
    copies them like any app's static/ folder."""

    def test_the_embedded_storage_lists_and_opens_its_files(self):
        from django.contrib.staticfiles.utils import get_files

        storage = djscratch._EmbeddedStaticStorage(
            {"admin/css/base.css": "body {}", "admin/js/a.js": "1;", "top.txt": "t"})
        self.assertEqual(storage.listdir(""), (["admin"], ["top.txt"]))
        self.assertEqual(sorted(get_files(storage, ["*.txt"])),
                         ["admin/css/base.css", "admin/js/a.js"])
        with storage.open("admin/js/a.js") as f:
            self.assertEqual(f.read(), b"1;")
        self.assertTrue(storage.exists("admin/css"))

    def test_collectstatic_copies_the_admins_files(self):
        import subprocess
        import sys

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "embedded_settings.py"), "w") as f:
                f.write(
                    "SECRET_KEY = 'k' * 50\n"
                    "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth',"
                    " 'django.contrib.contenttypes', 'django.contrib.sessions',"
                    " 'django.contrib.messages', 'django.contrib.staticfiles']\n"
                    "STATIC_URL = 'static/'\n"
                    f"STATIC_ROOT = {os.path.join(tmp, 'collected')!r}\n"
                    "DATABASES = {}\n")
            root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "embedded_settings",
                   "PYTHONPATH": os.pathsep.join([tmp, root])}
            result = subprocess.run(
                [sys.executable, "-m", "djscratch", "collectstatic", "--noinput"],
                cwd=tmp, env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(os.path.isfile(os.path.join(
                tmp, "collected", "admin", "css", "admin.css")), result.stdout)
