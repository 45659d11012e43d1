"""`python -m djscratch check --compat`: what of Django an app uses that
djscratch does not implement, with file:line, before anything runs."""

import io
import os
import shutil
import tempfile
import textwrap
import unittest
from contextlib import redirect_stderr, redirect_stdout

import djscratch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

APP = textwrap.dedent('''\
    import django.contrib.gis
    from django.contrib.gis.geos import GEOSGeometry
    from django.db import models
    from django.db.models import Q, NoSuchThing
    from django.http import JsonResponse
    import django.db.models as m

    INSTALLED_APPS = ["django.contrib.gis", "django.contrib.sessions"]
    ENGINE = "django.db.backends.sqlite3"


    class A(models.Model):
        name = models.CharField(max_length=3)
        other = models.NotAField()
        q = m.Q()
    ''')


class CompatReportTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder, True)

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def report(self, *paths):
        out = io.StringIO()
        with redirect_stdout(out):
            try:
                djscratch.execute_from_command_line(
                    ["djscratch", "check", "--compat", *paths])
                status = 0
            except SystemExit as exit:
                status = exit.code
        return status, out.getvalue()

    def test_unimplemented_modules_names_and_paths_are_listed_with_lines(self):
        path = self.write("app.py", APP)
        status, out = self.report(self.folder)
        self.assertEqual(status, 1)
        lines = out.splitlines()
        self.assertEqual(lines[:6], [
            f"{path}:1:1: module django.contrib.gis is not implemented by djscratch",
            f"{path}:2:1: module django.contrib.gis.geos is not implemented by "
            "djscratch (nor is django.contrib.gis)",
            f"{path}:4:1: django.db.models.NoSuchThing is not implemented by "
            "djscratch",
            f"{path}:8:19: 'django.contrib.gis' names something djscratch does "
            "not implement",
            f"{path}:14:13: django.db.models.NotAField is not implemented by "
            "djscratch",
            "5 uses of Django that djscratch does not implement (1 file checked); "
            "see the compatibility table in the README, or run on real Django "
            "with DJSCRATCH_ENGINE=django.",
        ])

    def test_an_app_using_only_implemented_names_passes(self):
        self.write("ok.py", "from django.db import models\n"
                            "from django.shortcuts import render\n"
                            "x = models.CharField\n")
        status, out = self.report(self.folder)
        self.assertEqual(status, 0)
        self.assertIn("Every django import is implemented by djscratch "
                      "(1 file checked).", out)

    def test_the_blog_and_the_example_are_fully_covered(self):
        status, out = self.report(os.path.join(ROOT, "blog.py"),
                                  os.path.join(ROOT, "test_blog.py"),
                                  os.path.join(ROOT, "examples"))
        self.assertEqual(status, 0, out)

    def test_a_file_that_does_not_parse_is_reported(self):
        path = self.write("bad.py", "def (:\n")
        status, out = self.report(path)
        self.assertEqual(status, 1)
        self.assertIn(f"{path}:1:1: cannot parse the file", out)

    def test_missing_path_is_an_error(self):
        missing = os.path.join(self.folder, "nope")
        err = io.StringIO()
        with redirect_stderr(err):  # the message, not a stray line in the run
            status, _ = self.report(missing)
        self.assertEqual(status, 1)
        self.assertEqual(err.getvalue(),
                         f"CommandError: No such file or folder: {missing}\n")


class CompatSkipsWhatDjscratchNeverRunsTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder, True)

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text))
        return path

    def report(self):
        return CompatReportTests.report(self, self.folder)

    def test_migrations_folders_are_skipped_and_named(self):
        self.write("polls/migrations/0001_initial.py",
                   "from django.db import migrations\n")
        status, out = self.report()
        self.assertEqual(status, 0, out)
        self.assertIn("migrations: skipped: migrations/ folders are Django's", out)

    def test_asgi_py_is_checked_and_passes(self):
        """djscratch serves ASGI too (get_asgi_application), so startproject's
        asgi.py is checked like any file, and passes."""
        self.write("mysite/asgi.py",
                   "from django.core.asgi import get_asgi_application\n")
        status, out = self.report()
        self.assertEqual(status, 0, out)
        self.assertNotIn("skipped", out)

    def test_imports_inside_version_guards_are_not_flagged(self):
        self.write("app.py", """\
            import django
            try:
                from django.contrib.gis.geos import GEOSGeometry
            except ImportError:
                GEOSGeometry = None
            if django.VERSION >= (6, 0):
                from django.db.models import NoSuchThing
            """)
        status, out = self.report()
        self.assertEqual(status, 0, out)

    def test_an_unguarded_import_is_still_flagged(self):
        self.write("app.py", """\
            try:
                import json
            except ValueError:
                pass
            from django.contrib.gis.geos import GEOSGeometry
            """)
        status, out = self.report()
        self.assertEqual(status, 1)
        self.assertIn("django.contrib.gis", out)

    def test_a_local_name_shadowing_an_imported_module_is_not_flagged(self):
        # crispy-forms: `from django import template`, then in a function
        # `template = loader.get_template(...)`; `template.render` is the local's.
        self.write("tags.py", """\
            from django import template
            from django.template import loader

            def render_it(context, template=None):
                return template.render(context)

            def render_other(context):
                template = loader.get_template("x.html")
                return template.render(context)

            register = template.Library()
            """)
        status, out = self.report()
        self.assertEqual(status, 0, out)

    def test_a_missing_name_outside_the_shadowing_function_is_flagged(self):
        self.write("tags.py", """\
            from django import template

            def render_other(context):
                template = object()
                return template.render(context)

            thing = template.NoSuchThing
            """)
        status, out = self.report()
        self.assertEqual(status, 1)
        self.assertIn("django.template.NoSuchThing is not implemented", out)
