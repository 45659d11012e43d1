"""A project as `django-admin startproject` / `startapp` write it
(tests/startproject, made by real Django 5.2), admin included, runs unchanged
with `python -m djscratch`; what a project names that djscratch lacks is
reported in one message; an
installed djscratch answers `import django` only where no real Django is
installed (djscratch_fallback.py), so an unchanged manage.py works.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest
import urllib.request

from tests import TEST_SETTINGS, slow
from tests import forked

import djscratch
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "startproject")
REPORT_HEAD = "djscratch does not implement what these settings name:"


def _run(args, cwd, python=sys.executable, env=None, timeout=120):
    environ = {**os.environ, "PYTHONPATH": ROOT, **(env or {})}
    for name in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "DJSCRATCH_RUN_MAIN"):
        environ.pop(name, None)
    return forked.run([python, *args], cwd=cwd, env=environ, text=True,
                      capture_output=True, timeout=timeout)


def _pinned_django():
    """The requirement `django==X.Y.Z` that requirements-django.txt pins."""
    with open(os.path.join(ROOT, "requirements-django.txt")) as f:
        pins = [line.strip() for line in f if line.lower().startswith("django==")]
    return pins[0]


def _copy_project(folder):
    target = os.path.join(folder, "project")
    shutil.copytree(PROJECT, target)
    return target


def _reported(output):
    """The django paths a djscratch report lists, one per "  - ..." line."""
    return re.findall(r"^  - [^\n]*?'(django\.[^']+)'", output, re.M)


def _drop_names(project, names):
    """Delete what djscratch lacks from the settings (and the admin's URL)."""
    settings_py = os.path.join(project, "mysite", "settings.py")
    with open(settings_py, encoding="utf-8") as f:
        lines = [line for line in f if not any(f"'{n}'" in line for n in names)]
    with open(settings_py, "w", encoding="utf-8") as f:
        f.writelines(lines)
    if "django.contrib.admin" in names:
        urls_py = os.path.join(project, "mysite", "urls.py")
        with open(urls_py, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("from django.contrib import admin\n", "")
        text = text.replace("    path('admin/', admin.site.urls),\n", "")
        with open(urls_py, "w", encoding="utf-8") as f:
            f.write(text)


POLLS_FILES = {
    "polls/models.py": '''
        from django.db import models


        class Question(models.Model):
            question_text = models.CharField(max_length=200)
    ''',
    "polls/views.py": '''
        from django.http import HttpResponse

        from .models import Question


        def index(request):
            return HttpResponse(f"{Question.objects.count()} questions")
    ''',
    "polls/urls.py": '''
        from django.urls import path

        from . import views

        urlpatterns = [path("", views.index, name="index")]
    ''',
    "polls/tests.py": '''
        from django.core import mail
        from django.test import TestCase
        from django.urls import reverse

        from .models import Question


        class PollsTests(TestCase):
            def test_index_counts_questions(self):
                Question.objects.create(question_text="What's new?")
                response = self.client.get(reverse("index"))
                self.assertContains(response, "1 questions")

            def test_mail_goes_to_the_outbox(self):
                mail.send_mail("s", "b", "f@example.com", ["t@example.com"])
                self.assertEqual(len(mail.outbox), 1)
    ''',
}


def _make_runnable(project):
    """Drop what djscratch reports missing, then add the polls app, a view
    and tests, as the tutorial does."""
    result = _run(["-m", "djscratch", "check"], cwd=project)
    _drop_names(project, _reported(result.stdout + result.stderr))
    for name, text in POLLS_FILES.items():
        with open(os.path.join(project, name), "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text).lstrip())
    with open(os.path.join(project, "mysite", "settings.py"), "a",
              encoding="utf-8") as f:
        f.write("\nINSTALLED_APPS += ['polls']\n")
    urls_py = os.path.join(project, "mysite", "urls.py")
    with open(urls_py, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("from django.urls import path",
                        "from django.urls import include, path")
    text = text.replace("urlpatterns = [",
                        "urlpatterns = [\n    path('polls/', include('polls.urls')),")
    with open(urls_py, "w", encoding="utf-8") as f:
        f.write(text)


class UnchangedProjectTests(SimpleTestCase):
    def test_the_unchanged_project_passes_check(self):
        """Admin, auth, contenttypes: nothing startproject names is missing."""
        with tempfile.TemporaryDirectory() as folder:
            result = _run(["-m", "djscratch", "check"], cwd=_copy_project(folder))
        output = result.stdout + result.stderr
        self.assertEqual(result.returncode, 0, output)
        self.assertNotIn(REPORT_HEAD, output)
        self.assertIn("System check identified no issues", output)

    def test_without_what_it_lacks_the_project_runs(self):
        with tempfile.TemporaryDirectory() as folder:
            project = _copy_project(folder)
            _make_runnable(project)
            for command in ("check", "migrate", "test"):
                with self.subTest(command):
                    result = _run(["-m", "djscratch", command], cwd=project)
                    self.assertEqual(result.returncode, 0,
                                     result.stdout + result.stderr)
            self.assertIn("2 passed, 0 failed", result.stdout + result.stderr)
            self.assertTrue(os.path.exists(os.path.join(project, "db.sqlite3")))


@override_settings(**TEST_SETTINGS)
class SettingsReportTests(SimpleTestCase):
    def test_every_missing_name_is_in_one_message(self):
        with self.settings(
                MIDDLEWARE=["django.middleware.common.CommonMiddleware",
                            "django.middleware.locale.NoSuchMiddleware",
                            "myproject.middleware.Mine"],
                DATABASES={"default": {"ENGINE": "django.db.backends.postgresql"}},
                TEMPLATES=[{"BACKEND": "django.template.backends.nope.Engine",
                            "OPTIONS": {"context_processors": [
                                "django.template.context_processors.request",
                                "django.template.context_processors.nope"]}}],
                EMAIL_BACKEND="django.core.mail.backends.nope.EmailBackend"):
            with self.assertRaises(ImproperlyConfigured) as ctx:
                djscratch.check_project_settings(
                    ["django.contrib.sessions", "django.contrib.flatpages", "myapp"])
        message = str(ctx.exception)
        self.assertTrue(message.startswith(REPORT_HEAD))
        listed = _reported(message)
        self.assertEqual(listed[0], "django.contrib.flatpages")
        self.assertEqual(listed[1:], [
            "django.middleware.locale.NoSuchMiddleware",
            "django.template.backends.nope.Engine",
            "django.template.context_processors.nope",
            "django.db.backends.postgresql",
            "django.core.mail.backends.nope.EmailBackend",
        ])
        self.assertIn("DATABASES['default'] ENGINE 'django.db.backends.postgresql' "
                      "(djscratch runs on SQLite only: "
                      "'django.db.backends.sqlite3')", message)

    def test_what_djscratch_has_passes(self):
        with self.settings(
                MIDDLEWARE=["django.middleware.security.SecurityMiddleware",
                            "django.contrib.sessions.middleware.SessionMiddleware"],
                TEMPLATES=[{"BACKEND":
                            "django.template.backends.django.DjangoTemplates"}],
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            djscratch.check_project_settings(
                ["django.contrib.sessions", "django.contrib.messages",
                 "django.contrib.staticfiles", "django.contrib.admin", "myapp"])


def _isolated_python(code, extra_path):
    """Run code with no site-packages (-S), so no real Django is importable,
    with `extra_path` first on sys.path."""
    return forked.run(
        [sys.executable, "-S", "-c",
         f"import sys; sys.path[:0] = {extra_path!r}\n{code}"],
        env={k: v for k, v in os.environ.items()
             if k not in ("PYTHONPATH", "DJSCRATCH_ENGINE")},
        capture_output=True, text=True, timeout=60)


class FallbackFinderTests(unittest.TestCase):
    def test_django_resolves_to_djscratch_when_no_django_is_installed(self):
        result = _isolated_python(
            "import djscratch_fallback\n"
            "assert 'djscratch' not in sys.modules  # nothing loaded at start-up\n"
            "from django.core.management import execute_from_command_line\n"
            "import django, djscratch\n"
            "print(type(django).__name__, execute_from_command_line.__module__)",
            [ROOT])
        self.assertEqual(result.stdout.split(), ["_AliasModule", "djscratch"],
                         result.stderr)

    def test_a_real_django_always_wins(self):
        with tempfile.TemporaryDirectory() as folder:
            os.mkdir(os.path.join(folder, "django"))
            with open(os.path.join(folder, "django", "__init__.py"), "w") as f:
                f.write("REAL = True\n")
            result = _isolated_python(
                "import djscratch_fallback, django\n"
                "print(django.REAL, 'djscratch' in sys.modules)",
                [ROOT, folder])
        self.assertEqual(result.stdout.split(), ["True", "False"], result.stderr)

    def test_engine_django_without_django_is_not_answered(self):
        result = _isolated_python(
            "import os; os.environ['DJSCRATCH_ENGINE'] = 'django'\n"
            "import djscratch_fallback\n"
            "try:\n    import django\nexcept ModuleNotFoundError:\n"
            "    print('missing')", [ROOT])
        self.assertEqual(result.stdout.split(), ["missing"], result.stderr)

    def test_the_pth_file_imports_the_fallback(self):
        with open(os.path.join(ROOT, "djscratch-fallback.pth")) as f:
            self.assertEqual(f.read(), "import djscratch_fallback\n")


@slow
class InstalledInAVenvTests(unittest.TestCase):
    """pip install the repository into a fresh venv and run the unchanged
    manage.py; then install real Django beside it and see Django answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.mkdtemp()
        venv = os.path.join(cls.folder, "venv")
        forked.run([sys.executable, "-m", "venv", venv], check=True,
                   capture_output=True, timeout=300)
        cls.python = os.path.join(venv, "bin", "python")
        installed = forked.run(
            [cls.python, "-m", "pip", "install", "-q", ROOT],
            capture_output=True, text=True, timeout=600)
        if installed.returncode:
            shutil.rmtree(cls.folder)
            raise unittest.SkipTest(f"pip install failed: {installed.stderr[-500:]}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def manage(self, project, *args):
        result = _run(["manage.py", *args], cwd=project, python=self.python,
                      env={"PYTHONPATH": ""})
        return result.returncode, result.stdout + result.stderr

    def test_manage_py_runs_on_djscratch_then_on_real_django(self):
        project = _copy_project(self.folder)
        code, output = self.manage(project, "check")
        self.assertEqual((code, output.count(REPORT_HEAD)), (0, 0), output)
        runnable = os.path.join(self.folder, "runnable")
        shutil.copytree(project, runnable)
        _make_runnable(runnable)
        for command in ("check", "migrate", "test"):
            code, output = self.manage(runnable, command)
            self.assertEqual(code, 0, output)
        self.assertIn("2 passed, 0 failed", output)
        self.assert_runserver_serves(runnable)

        django = forked.run(
            [self.python, "-m", "pip", "install", "-q", _pinned_django()],
            capture_output=True, text=True, timeout=600)
        if django.returncode:
            self.skipTest(f"cannot install Django: {django.stderr[-500:]}")
        code, output = self.manage(project, "check")  # the unchanged project
        self.assertEqual((code, output.strip()),
                         (0, "System check identified no issues (0 silenced)."))
        where = _run(["-c", "import django; print(django.__file__)"], cwd=project,
                     python=self.python, env={"PYTHONPATH": ""})
        self.assertIn("site-packages", where.stdout)

    def assert_runserver_serves(self, project):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        server = subprocess.Popen(
            [self.python, "manage.py", "runserver", f"127.0.0.1:{port}",
             "--noreload"], cwd=project, env=environ,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(
                            f"http://127.0.0.1:{port}/polls/", timeout=2) as r:
                        self.assertEqual(r.read(), b"0 questions")
                        return
                except OSError:
                    time.sleep(0.1)
            self.fail("runserver did not answer")
        finally:
            server.terminate()
            server.wait(timeout=10)
