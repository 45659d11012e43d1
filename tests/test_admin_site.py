"""django.contrib.admin over the tutorial's polls app and a shop app
(tests/admin_project): their tests drive the admin only through Django's URL
names and form protocol (login with `next`, the three save buttons, inline
management forms, post=yes, actions, list_editable, filters of each kind,
?e=1, view-only and non-staff users, CSRF, a changelist over 100,000 rows) and
pass on real Django too (see tests/admin_project/README.md); here they run on
djscratch.
"""

import os
import re
import shutil
import sys
import tempfile
import unittest

from tests import forked

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "admin_project")


def _run(args, cwd, env=None, timeout=300):
    environ = {**os.environ, "PYTHONPATH": ROOT,
               **(env or {})}
    for name in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "DJSCRATCH_RUN_MAIN"):
        if name not in (env or {}):
            environ.pop(name, None)
    # Forked from a process that has djscratch imported (tests/forked.py):
    # a new interpreter would compile the 2 MB file again (no bytecode).
    return forked.run([sys.executable, *args], cwd=cwd, env=environ,
                      text=True, capture_output=True, timeout=timeout)


class TutorialAdminTests(unittest.TestCase):
    """The project's test suite, run by `python -m djscratch test`."""

    parallel_cost = 4  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.mkdtemp()
        cls.project = os.path.join(cls.folder, "project")
        shutil.copytree(PROJECT, cls.project)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def test_check_accepts_the_startproject_settings_with_the_admin(self):
        result = _run(["-m", "djscratch", "check"], cwd=self.project)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_the_projects_admin_tests_pass(self):
        result = _run(["-m", "djscratch", "test"], cwd=self.project)
        output = result.stdout + result.stderr
        self.assertEqual(result.returncode, 0, output)
        passed = re.search(r"^(\d+) passed, (\d+) failed", output, re.M)
        self.assertIsNotNone(passed, output)
        self.assertGreaterEqual(int(passed[1]), 62, output)
        self.assertEqual(passed[2], "0", output)

    def test_the_stylesheet_and_icons_are_served_from_the_single_file(self):
        script = (
            "import djscratch, django\n"
            "django.setup()\n"
            "from django.test.utils import setup_test_environment\n"
            "setup_test_environment()\n"
            "from django.test import Client\n"
            "for path in ('admin/css/admin.css', 'admin/img/icon-yes.svg'):\n"
            "    r = Client().get('/static/' + path)\n"
            "    print(r.status_code, r['Content-Type'], len(b''.join(r)) > 100)\n")
        # (the project on the path too: PYTHONSAFEPATH, set by the package
        # job, keeps the working directory off it for -c)
        result = _run(["-c", script], cwd=self.project,
                      env={"DJANGO_SETTINGS_MODULE": "mysite.settings",
                           "PYTHONPATH": os.pathsep.join((self.project, ROOT))})
        self.assertEqual(result.stdout.split("\n")[:2], [
            "200 text/css True", "200 image/svg+xml True"], result.stderr)
