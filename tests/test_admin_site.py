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
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "admin_project")


def _run(args, cwd, env=None, timeout=300):
    environ = {**os.environ, "PYTHONPATH": ROOT, "PYTHONDONTWRITEBYTECODE": "1",
               **(env or {})}
    for name in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "DJSCRATCH_RUN_MAIN"):
        environ.pop(name, None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=environ,
                          text=True, capture_output=True, timeout=timeout)


class TutorialAdminTests(unittest.TestCase):
    """The project's test suite, run by `python -m djscratch test`."""

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
        self.assertGreaterEqual(int(passed[1]), 60, output)
        self.assertEqual(passed[2], "0", output)
