"""The same blog on djscratch and on real Django: byte-identical pages.

Django runs in a separate interpreter: DJSCRATCH_DJANGO_PYTHON names it (CI
sets it to .venv-django/bin/python, built from requirements-django.txt);
without it, .venv-django/bin/python beside the repository is used if present,
and the tests that need Django are skipped otherwise.
"""

import base64
import json
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PAGES = os.path.join(HERE, "engine_pages.py")
TOKEN_re = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')


def _django_python():
    path = os.environ.get("DJSCRATCH_DJANGO_PYTHON")
    if path:
        return path
    local = os.path.join(ROOT, ".venv-django", "bin", "python")
    return local if os.path.exists(local) else None


DJANGO_PYTHON = _django_python()
needs_django = unittest.skipUnless(
    DJANGO_PYTHON, "no Python with Django 5.2: set DJSCRATCH_DJANGO_PYTHON or create "
    ".venv-django (pip install -r requirements-django.txt)")


def _run(python, args, engine, cwd=ROOT, timeout=180):
    # Run as a user does (python manage.py test): the package job's
    # PYTHONSAFEPATH would keep the script's folder off sys.path.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "PYTHONPATH",
                        "PYTHONSAFEPATH")}
    if engine == "django":
        env["DJSCRATCH_ENGINE"] = "django"
    env["PYTHONPATH"] = ROOT
    return subprocess.run([python, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _pages(python, engine):
    done = _run(python, [PAGES], engine)
    if done.returncode:
        raise AssertionError(f"{engine} run failed:\n{done.stderr}")
    pages = json.loads(done.stdout)
    for page in pages.values():
        body = base64.b64decode(page["body"]).decode("utf-8")
        page["body"] = TOKEN_re.sub(r"\1MASKED\2", body)
    return pages


@needs_django
class SamePagesTests(unittest.TestCase):
    """The blog's HTML and JSON are byte-identical on both engines."""

    @classmethod
    def setUpClass(cls):
        cls.ours = _pages(sys.executable, "djscratch")
        cls.theirs = _pages(DJANGO_PYTHON, "django")

    def assertSamePage(self, name, django_name=None):
        ours, theirs = self.ours[name], self.theirs[django_name or name]
        self.assertEqual(ours["status"], theirs["status"])
        self.assertEqual(ours["content_type"], theirs["content_type"])
        self.maxDiff = None
        self.assertEqual(ours["body"], theirs["body"])

    def test_homepage_with_three_comments_is_identical(self):
        body = self.ours["get /"]["body"]
        self.assertEqual(body.count('<li id="c'), 3)
        self.assertIn("Jan. 2, 2024, midnight", body)
        self.assertIn("March 9, 2024, noon", body)
        self.assertIn("Noon &lt;b&gt;bold&lt;/b&gt;<br>second line &amp; more", body)
        self.assertIn('value="MASKED"', body)
        self.assertSamePage("get /")

    def test_invalid_post_page_is_identical(self):
        body = self.ours["post / invalid"]["body"]
        self.assertIn("This field is required.", body)
        self.assertIn("Ensure this value has at most 1024 characters", body)
        self.assertSamePage("post / invalid")
        self.assertIn("&lt;script&gt;", self.ours["post / script"]["body"])
        self.assertSamePage("post / script")

    def test_valid_post_lands_on_the_comment_with_a_message_identically(self):
        posted = self.ours["post / valid (302)"]
        self.assertEqual(posted["status"], 302)
        self.assertEqual(posted["location"], "/#c26")
        self.assertEqual(posted["location"],
                         self.theirs["post / valid (302)"]["location"])
        body = self.ours["get / after a valid post"]["body"]
        self.assertIn('<li class="success" role="status">Your comment was posted.</li>',
                      body)
        self.assertIn('<li id="c26" class="comment">', body)
        self.assertSamePage("get / after a valid post")

    def test_pages_match_djangos_own_template_engine(self):
        # The same templates in Django's syntax, rendered by Django's engine:
        # url, static, csrf_token, date, linebreaks are all Django's there.
        for name in ("get /", "post / invalid", "post / script"):
            with self.subTest(page=name):
                self.assertSamePage(name, name + " (Django templates)")

    def test_two_pages_of_comments_are_identical(self):
        body = self.ours["get / (25 comments)"]["body"]
        self.assertEqual(body.count('<li id="c'), 20)
        self.assertIn("Page 1 of 2", body)
        self.assertIn("p.m. UTC</time>", body)
        self.assertEqual(
            self.ours["get /?page=2 (25 comments)"]["body"].count('<li id="c'),
            5)
        for url in ("/", "/?page=2", "/?page=99", "/?page=x"):
            name = f"get {url} (25 comments)"
            with self.subTest(page=name):
                self.assertSamePage(name)
                self.assertSamePage(name, name + " (Django templates)")

    def test_error_responses_are_identical(self):
        self.assertIn("<h1>Not Found</h1>", self.ours["get /nope (404)"]["body"])
        self.assertSamePage("get /nope (404)")
        self.assertSamePage("delete / (405)")

    def test_csrf_failure_has_the_same_status_and_type(self):
        # The 403 page's wording is djscratch's own (not copied from Django),
        # so only the status and the content type are compared.
        ours, theirs = (self.ours["post / without csrf (403)"],
                        self.theirs["post / without csrf (403)"])
        self.assertEqual((ours["status"], ours["content_type"]),
                         (theirs["status"], theirs["content_type"]))
        self.assertEqual(ours["status"], 403)
        self.assertIn("CSRF verification failed", ours["body"])

    def test_comments_json_is_identical(self):
        data = json.loads(self.ours["get /comments.json"]["body"])
        self.assertEqual([c["author"] for c in data["comments"]],
                         ["Ada", "Grace", "Linus \"L\" O'Neil"])
        self.assertEqual(data["comments"][2]["time"], "2024-12-31T23:59:30+00:00")
        for name in ("get /comments.json", "get /comments.json?after=1",
                     "get /comments.json?after=x"):
            with self.subTest(page=name):
                self.assertSamePage(name)


class ErrorPageTests(unittest.TestCase):
    def test_production_404_page_is_byte_identical_to_djangos(self):
        import djscratch

        from tests import TEST_SETTINGS

        with djscratch.override_settings(**TEST_SETTINGS, TEMPLATES=[]):
            request = djscratch.RequestFactory().get("/nope")
            response = djscratch.page_not_found(request, djscratch.Http404())
        # Django 5.2's default page, newline first (SamePagesTests also
        # compares it with a live Django when one is available).
        self.assertEqual(response.content, (
            b'\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found'
            b'</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested '
            b'resource was not found on this server.</p>\n</body>\n</html>\n'))


class EngineSwitchTests(unittest.TestCase):
    def test_django_engine_without_django_fails_at_import_naming_the_fix(self):
        done = _run(sys.executable, ["-S", "-c", "import djscratch"], "django")
        if done.returncode == 0:
            self.skipTest("this Python has Django installed")
        self.assertIn("ImportError: DJSCRATCH_ENGINE=django, but Django is not "
                      "installed", done.stderr)
        self.assertIn("requirements-django.txt", done.stderr)

    def test_unknown_engine_is_refused_by_name(self):
        env_run = _run(sys.executable, ["-c", "import djscratch"], "djscratch")
        self.assertEqual(env_run.returncode, 0, env_run.stderr)
        done = subprocess.run(
            [sys.executable, "-c", "import djscratch"], cwd=ROOT,
            env={**os.environ, "PYTHONPATH": ROOT, "DJSCRATCH_ENGINE": "flask"},
            capture_output=True, text=True, timeout=60)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("DJSCRATCH_ENGINE is 'flask'", done.stderr)

    @needs_django
    def test_django_engine_imports_real_django_and_installs_no_alias(self):
        code = ("import sys, djscratch, django, django.http; "
                "print(djscratch._AliasFinder in sys.meta_path, "
                "type(django.http.HttpResponse).__module__, "
                "django.http.HttpResponse.__module__)")
        done = _run(DJANGO_PYTHON, ["-c", code], "django")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.split(),
                         ["False", "builtins", "django.http.response"])

    @needs_django
    def test_app_configures_django_with_the_file_as_an_installed_app(self):
        code = ("import blog; from django.apps import apps; "
                "from django.conf import settings; "
                "c = apps.get_containing_app_config(blog.Comment.__module__); "
                "print(c.label, blog.Comment._meta.db_table, settings.ROOT_URLCONF, "
                "settings.TEMPLATES[0]['BACKEND'])")
        done = _run(DJANGO_PYTHON, ["-c", code], "django")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.split(), [
            "blog", "blog_comment", "blog", "djscratch.DjscratchTemplates"])


MINI_APP = """\
import djscratch

app = djscratch.App(__name__, SECRET_KEY="mini-app-key-0123456789-0123456789-012345678")

from django.db import models  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import TestCase  # noqa: E402
from django.urls import path  # noqa: E402


class Note(models.Model):
    text = models.CharField(max_length=20)


def index(request):
    return HttpResponse(str(Note.objects.count()))


urlpatterns = [path("", index, name="index")]


class NoteTests(TestCase):
    def test_view_counts_notes_in_the_test_database(self):
        Note.objects.create(text="a")
        self.assertEqual(self.client.get("/").content, b"1")
        self.assertEqual(Note._meta.db_table, "mini_note")


if __name__ == "__main__":
    app.main()
"""


class SingleFileAppTests(unittest.TestCase):
    """`python mini.py test` runs the tests written inside the app file."""

    def run_mini(self, python, engine):
        import shutil
        import tempfile

        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder, True)
        with open(os.path.join(folder, "mini.py"), "w", encoding="utf-8") as f:
            f.write(MINI_APP)
        return _run(python, ["mini.py", "test", "-v", "2"], engine, cwd=folder)

    def test_tests_inside_the_app_file_run_on_djscratch(self):
        done = self.run_mini(sys.executable, "djscratch")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("test_view_counts_notes_in_the_test_database", done.stdout
                      + done.stderr)

    @needs_django
    def test_tests_inside_the_app_file_run_on_django(self):
        done = self.run_mini(DJANGO_PYTHON, "django")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("test_view_counts_notes_in_the_test_database", done.stderr)
        self.assertIn("Ran 1 test", done.stderr)


EXAMPLE = os.path.join(ROOT, "examples", "library")


class ExampleAppTests(unittest.TestCase):
    """examples/library: a Django-written app passes its tests on both engines.

    The example is a separate project (its folder is not a package of this
    repository, so the root run does not discover its tests.py); it runs
    here in its own process, as its README says to run it.
    """

    def test_example_passes_on_djscratch(self):
        done = _run(sys.executable, ["-m", "djscratch", "test"], "djscratch",
                    cwd=EXAMPLE)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertRegex(done.stdout + done.stderr, r"passed, 0 failed|\nOK")

    @needs_django
    def test_example_passes_on_django_with_manage_py(self):
        done = _run(DJANGO_PYTHON, ["manage.py", "test"], "djscratch", cwd=EXAMPLE)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("\nOK", done.stderr)
