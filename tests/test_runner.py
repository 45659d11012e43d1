"""The test runner: `python -m djscratch test` and `python app.py test`.

Each test writes small test files into a temporary folder and runs the
command there in a subprocess, checking Django's output lines and the exit
status.
"""

import os
import re
import sys
import tempfile
import textwrap
import unittest

from tests import forked

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SAMPLE = '''
import unittest
import djscratch
from django.test import SimpleTestCase, tag


class PlainTests(unittest.TestCase):
    def test_plain(self):
        print("PLAIN-OUTPUT")


@tag("fast")
class SimpleTests(SimpleTestCase):
    def test_alpha(self):
        pass

    @tag("slow")
    def test_beta(self):
        pass

    def test_gamma(self):
        pass
'''


def run(*args, cwd, env=None, script=None):
    environment = {**os.environ, "PYTHONPATH": ROOT, **(env or {})}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable] + ([script] if script else ["-m", "djscratch"])
    return forked.run(command + list(args), cwd=cwd, env=environment,
                      capture_output=True, text=True, timeout=60)


def ran(result):
    """Return the test ids a -v 2 run printed, in order."""
    names = []
    for line in result.stderr.splitlines():
        if " ... " in line and "(" in line:
            names.append(line.split(" (", 1)[0] + "." + line.split("(", 1)[1]
                         .split(")", 1)[0].rsplit(".", 1)[-1])
    return names


class RunnerTests(unittest.TestCase):
    parallel_cost = 6  # seconds, roughly: --parallel starts it early

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)
        self.write("test_sample.py", SAMPLE)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text))
        return path

    def test_discovery_prints_djangos_lines_and_exits_0(self):
        result = run("test", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Found 4 test(s).", result.stdout)
        self.assertIn("System check identified no issues (0 silenced).",
                      result.stdout)
        self.assertIn("Ran 4 tests", result.stderr)
        self.assertIn("\nOK\n", result.stderr)

    def test_failure_exits_1(self):
        self.write("test_bad.py", """
            import unittest
            class Bad(unittest.TestCase):
                def test_fails(self):
                    self.assertEqual(1, 2)
                def test_errors(self):
                    raise RuntimeError("boom")
        """)
        result = run("test", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("FAILED (failures=1, errors=1)", result.stderr)

    def test_django_order_simple_test_cases_before_plain_unittest(self):
        result = run("test", "-v", "2", cwd=self.tmp)
        self.assertEqual(ran(result)[-1], "test_plain.test_plain")
        self.assertEqual(len(ran(result)), 4)

    def test_reverse_reverses_within_each_kind(self):
        result = run("test", "-v", "2", "--reverse", cwd=self.tmp)
        self.assertEqual(ran(result), [
            "test_gamma.test_gamma", "test_beta.test_beta", "test_alpha.test_alpha",
            "test_plain.test_plain"])

    def test_shuffle_with_a_seed_is_repeatable_and_printed(self):
        first = run("test", "-v", "2", "--shuffle", "5", cwd=self.tmp)
        second = run("test", "-v", "2", "--shuffle", "5", cwd=self.tmp)
        self.assertIn("Using shuffle seed: 5 (given)", first.stdout)
        self.assertIn("Used shuffle seed: 5 (given)", first.stdout)
        self.assertEqual(ran(first), ran(second))
        self.assertEqual(sorted(ran(first)), sorted(ran(run(
            "test", "-v", "2", cwd=self.tmp))))

    def test_shuffle_without_seed_generates_one(self):
        result = run("test", "--shuffle", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("(generated)", result.stdout)

    def test_tags_select_and_exclude(self):
        only_slow = run("test", "--tag", "slow", cwd=self.tmp)
        self.assertIn("Found 1 test(s).", only_slow.stdout)
        fast = run("test", "--tag", "fast", cwd=self.tmp)
        self.assertIn("Found 3 test(s).", fast.stdout)
        not_slow = run("test", "--exclude-tag", "slow", cwd=self.tmp)
        self.assertIn("Found 3 test(s).", not_slow.stdout)
        both = run("test", "--tag", "fast", "--exclude-tag", "slow", cwd=self.tmp)
        self.assertIn("Found 2 test(s).", both.stdout)

    def test_k_filters_by_name(self):
        result = run("test", "-k", "alpha", "-k", "plain", cwd=self.tmp)
        self.assertIn("Found 2 test(s).", result.stdout)

    def test_labels_module_class_method_folder_and_path(self):
        self.write("pkg/__init__.py", "")
        self.write("pkg/tests/__init__.py", "")
        self.write("pkg/tests/test_inner.py", """
            import unittest
            class Inner(unittest.TestCase):
                def test_one(self): pass
                def test_two(self): pass
        """)
        cases = {
            ("test_sample",): 4,
            ("test_sample.SimpleTests",): 3,
            ("test_sample.SimpleTests.test_beta",): 1,
            ("pkg",): 2,
            ("pkg/tests/test_inner.py",): 2,
            ("pkg.tests.test_inner.Inner.test_two", "test_sample.PlainTests"): 2,
        }
        for labels, count in cases.items():
            with self.subTest(labels=labels):
                result = run("test", *labels, cwd=self.tmp)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"Found {count} test(s).", result.stdout)

    def test_unknown_label_is_an_error_not_a_crash(self):
        result = run("test", "no_such_module", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("no_such_module", result.stderr)

    def test_failfast_stops_at_first_failure(self):
        self.write("test_many.py", """
            import unittest
            class Many(unittest.TestCase):
                def test_a(self): self.fail("first")
                def test_b(self): self.fail("second")
        """)
        result = run("test", "test_many", "--failfast", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Ran 1 test", result.stderr)

    def test_buffer_hides_output_of_passing_tests(self):
        loud = run("test", "test_sample.PlainTests", "--no-buffer", cwd=self.tmp)
        self.assertIn("PLAIN-OUTPUT", loud.stdout)
        quiet = run("test", "test_sample.PlainTests", "--buffer", cwd=self.tmp)
        self.assertNotIn("PLAIN-OUTPUT", quiet.stdout)

    def test_output_of_tests_is_kept_out_of_the_report_by_default(self):
        self.write("test_noisy.py", """
            import sys, unittest
            class Noisy(unittest.TestCase):
                def test_quiet_when_passing(self):
                    print("CommandError: looks like a failure", file=sys.stderr)
                def test_shown_when_failing(self):
                    print("FAILING-OUTPUT")
                    self.fail("on purpose")
        """)
        result = run("test", "test_noisy", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("looks like a failure", result.stdout + result.stderr)
        self.assertIn("FAILING-OUTPUT", result.stderr)  # with the failure

    def test_default_verbosity_prints_one_line_per_module(self):
        self.write("test_other.py", """
            import unittest
            class Other(unittest.TestCase):
                def test_ok(self): pass
                def test_bad(self): self.fail("on purpose")
                @unittest.skip("not today")
                def test_skipped(self): pass
        """)
        result = run("test", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        lines = result.stderr.splitlines()
        # A module's line comes when its last test has run (Django's order
        # runs test_sample's SimpleTestCase class first, its plain one last).
        module_lines = [line for line in lines if line.startswith("[")]
        self.assertEqual(len(module_lines), 2, result.stderr)
        self.assertRegex(module_lines[0], r"^\[ 85%\] test_other: 3 tests, 1 passed, "
                                          r"1 failed, 1 skipped in \d+\.\ds$")
        self.assertRegex(module_lines[1], r"^\[100%\] test_sample: 4 tests, 4 passed, "
                                          r"0 failed, 0 skipped in \d+\.\ds$")
        self.assertFalse([line for line in lines if re.match(r"^[.sxEF]+$", line)])
        self.assertRegex(result.stderr, r"\nRan 7 tests in \d+\.\d+s\n\nFAILED ")
        self.assertEqual(lines[-1], "5 passed, 1 failed, 1 skipped")

    def test_skip_reasons_are_listed_at_the_end_with_counts(self):
        self.write("test_skips.py", """
            import unittest
            class Skips(unittest.TestCase):
                @unittest.skip("waitress is not installed")
                def test_a(self): pass
                @unittest.skip("waitress is not installed")
                def test_b(self): pass
                def test_c(self): self.skipTest("needs Linux /proc")
        """)
        for verbosity in ("1", "2"):
            result = run("test", "test_skips", "-v", verbosity, cwd=self.tmp)
            self.assertEqual(result.returncode, 0, result.stderr)
            tail = result.stderr.split("SKIPPED [", 1)[-1]
            self.assertEqual(
                ("SKIPPED [" + tail).splitlines()[:3],
                ["SKIPPED [2] waitress is not installed (test_skips)",
                 "SKIPPED [1] needs Linux /proc (test_skips)",
                 "-" * 70])

    def test_a_long_test_says_it_is_still_running(self):
        self.write("test_slow.py", """
            import os, time, unittest
            class Slow(unittest.TestCase):
                def test_sleeps(self): time.sleep(float(os.environ["SLEEP"]))
        """)
        env = {"DJSCRATCH_TEST_PROGRESS_SECONDS": "0.5", "SLEEP": "1.3"}
        result = run("test", "test_slow", cwd=self.tmp, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("    ... still running test_slow.Slow.test_sleeps (0.5s)\n"
                      "    ... still running test_slow.Slow.test_sleeps (1s)\n"
                      "[100%] test_slow: 1 test,", result.stderr)
        # One note is enough here: the test ends before a second is due.
        env["SLEEP"] = "0.8"
        verbose = run("test", "test_slow", "-v", "2", cwd=self.tmp, env=env)
        self.assertIn("test_sleeps (test_slow.Slow.test_sleeps) ... \n"
                      "    ... still running test_slow.Slow.test_sleeps (0.5s)\n",
                      verbose.stderr)
        self.assertIn("\ntest_sleeps (test_slow.Slow.test_sleeps) ... ok\n",
                      verbose.stderr)

    def test_verbosity_0_prints_no_found_line(self):
        result = run("test", "-v", "0", cwd=self.tmp)
        self.assertEqual(result.returncode, 0)
        self.assertNotIn("Found", result.stdout)

    def test_timing_lists_database_creation_inside_setup(self):
        app = os.path.join(self.tmp, "notes.py")
        with open(app, "w", encoding="utf-8") as f:
            f.write(APP_WITH_MODELS)
        result = run("test", "--timing", cwd=self.tmp, script=app)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [line.split(" took ")[0] for line in result.stderr.splitlines()
                 if " took " in line]
        self.assertEqual(lines, ["Total database setup", "  Creating 'default'",
                                 "Total database teardown"])

    def test_timing_and_parallel_are_accepted(self):
        result = run("test", "--timing", "--parallel", "--keepdb", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Total database setup took", result.stderr)
        self.assertIn("Total database teardown took", result.stderr)

    def test_bad_shuffle_seed_is_a_usage_error(self):
        result = run("test", "--shuffle", "abc", cwd=self.tmp)
        self.assertEqual(result.returncode, 2)
        self.assertIn("invalid shuffle seed", result.stderr)

    def test_tests_inside_a_single_file_app_run_with_app_test(self):
        app = self.write("tinyapp.py", """
            import djscratch
            app = djscratch.App(__name__, SECRET_KEY="x" * 50)

            from django.test import SimpleTestCase
            from django.conf import settings

            urlpatterns = []

            class Tests(SimpleTestCase):
                def test_settings_come_from_the_app(self):
                    self.assertEqual(settings.ROOT_URLCONF, "tinyapp")

                def test_failing_on_purpose(self):
                    import os
                    if os.environ.get("FAIL_ONE"):
                        self.fail("asked to fail")

            if __name__ == "__main__":
                app.main()
        """)
        os.remove(os.path.join(self.tmp, "test_sample.py"))
        result = run("test", cwd=self.tmp, script=app)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Found 2 test(s).", result.stdout)
        failing = run("test", cwd=self.tmp, script=app, env={"FAIL_ONE": "1"})
        self.assertEqual(failing.returncode, 1)
        label = run("test", "Tests.test_settings_come_from_the_app", cwd=self.tmp,
                    script=app)
        self.assertEqual(label.returncode, 0, label.stderr)
        self.assertIn("Found 1 test(s).", label.stdout)

    def test_app_test_runs_the_apps_own_tests_not_the_whole_folder(self):
        app = self.write("tinyapp.py", """
            import djscratch
            app = djscratch.App(__name__, SECRET_KEY="x" * 50)
            from django.test import SimpleTestCase

            urlpatterns = []

            class Tests(SimpleTestCase):
                def test_inside_the_app(self): pass

            if __name__ == "__main__":
                app.main()
        """)
        self.write("test_tinyapp.py", """
            from django.test import SimpleTestCase
            class TinyAppTests(SimpleTestCase):
                def test_beside_the_app(self): pass
        """)
        result = run("test", "-v", "2", cwd=self.tmp, script=app)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Found 2 test(s).", result.stdout)
        self.assertIn("test_inside_the_app (", result.stderr)
        self.assertIn("test_beside_the_app (test_tinyapp.", result.stderr)
        everything = run("test", cwd=self.tmp)  # python -m djscratch test
        self.assertIn("Found 5 test(s).", everything.stdout)


#: pytest without the plugins other packages of this environment register
#: (hypothesis's, anyio's): they are not what these runs check, and loading
#: them costs each run 0.4 s.
PYTEST_ENV = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}


class PytestTests(unittest.TestCase):
    def test_same_test_file_runs_under_pytest_with_a_conftest(self):
        try:
            import pytest  # noqa: F401
        except ImportError:
            self.skipTest("pytest is not installed")
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "conftest.py"), "w") as f:
                f.write("import djscratch  # noqa: F401  (django.* is djscratch)\n")
            with open(os.path.join(tmp, "test_sample.py"), "w") as f:
                f.write(SAMPLE)
            result = forked.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                cwd=tmp, env={**os.environ, **PYTEST_ENV, "PYTHONPATH": ROOT},
                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("4 passed", result.stdout)


APP_WITH_MODELS = '''
import djscratch

app = djscratch.App(__name__, SECRET_KEY="x" * 50)

from django.db import models
from django.http import HttpResponse
from django.test import TestCase
from django.urls import path


class Note(models.Model):
    text = models.CharField(max_length=20)


def count(request):
    return HttpResponse(str(Note.objects.count()))


urlpatterns = [path("count/", count)]


class NoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Note.objects.create(text="class data")

    def test_view_sees_class_data(self):
        self.assertContains(self.client.get("/count/"), "1")

    def test_writes_are_rolled_back_a(self):
        Note.objects.create(text="a")
        self.assertEqual(Note.objects.count(), 2)

    def test_writes_are_rolled_back_b(self):
        Note.objects.create(text="b")
        self.assertEqual(Note.objects.count(), 2)


if __name__ == "__main__":
    app.main()
'''


class DatabaseRunnerTests(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)
        self.app = os.path.join(self.tmp, "notes.py")
        with open(self.app, "w", encoding="utf-8") as f:
            f.write(APP_WITH_MODELS)

    def test_app_tests_use_a_test_database_never_the_real_one(self):
        result = run("test", "-v", "2", cwd=self.tmp, script=self.app)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Found 3 test(s).", result.stdout)
        self.assertIn("Creating test database for alias 'default'...", result.stderr)
        self.assertIn("Destroying test database for alias 'default'...",
                      result.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "notes.sqlite3")),
                         "the tests touched the real database")

    def test_keepdb_keeps_a_file_test_database(self):
        with open(self.app, "w", encoding="utf-8") as f:
            f.write(APP_WITH_MODELS.replace(
                'SECRET_KEY="x" * 50)', 'SECRET_KEY="x" * 50, DATABASES={"default": {'
                '"NAME": "notes.sqlite3", "TEST": {"NAME": "test_notes.sqlite3"}}})'))
        first = run("test", "--keepdb", cwd=self.tmp, script=self.app)
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("Using existing test database for alias 'default'",
                      first.stderr)
        self.assertIn("Preserving test database for alias 'default'...",
                      first.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "test_notes.sqlite3")))
        plain = run("test", cwd=self.tmp, script=self.app)
        self.assertEqual(plain.returncode, 0, plain.stdout + plain.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "test_notes.sqlite3")))

    def test_same_database_tests_run_under_pytest(self):
        with open(os.path.join(self.tmp, "conftest.py"), "w") as f:
            f.write("import djscratch  # noqa: F401\n")
        with open(os.path.join(self.tmp, "test_notes.py"), "w") as f:
            f.write("from notes import NoteTests  # noqa: F401\n")
        result = forked.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "test_notes.py"], cwd=self.tmp,
            env={**os.environ, **PYTEST_ENV, "PYTHONPATH": ROOT},
            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("3 passed", result.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "notes.sqlite3")))


class ExampleProjectTests(unittest.TestCase):
    """tests/example_project: a Django-style project whose tests.py passes unchanged."""

    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    def copy_project(self):
        import shutil

        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        shutil.copytree(os.path.join(ROOT, "tests", "example_project"),
                        os.path.join(tmp, "project"))
        return os.path.join(tmp, "project")

    def test_example_project_passes_on_djscratch(self):
        project = self.copy_project()
        result = run("test", cwd=project)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Found 19 test(s).", result.stdout)
        self.assertIn("\nOK\n", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(project, "db.sqlite3")))

    def test_example_project_passes_on_real_django(self):
        django_python = "/work/ref/djvenv/bin/python"
        if not os.path.exists(django_python):
            self.skipTest("no Django virtualenv to compare with")
        project = self.copy_project()
        result = forked.run([django_python, "manage.py", "test"], cwd=project,
                            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Found 19 test(s).", result.stdout)

    def test_example_project_passes_under_pytest_with_a_conftest(self):
        project = self.copy_project()
        with open(os.path.join(project, "conftest.py"), "w") as f:
            f.write("import os\n\nimport djscratch\n\n"
                    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                    "'mysite.settings')\n"
                    "djscratch.setup()\n")
        result = forked.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "polls/tests.py"], cwd=project,
            env={**os.environ, **PYTEST_ENV, "PYTHONPATH": ROOT},
            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("19 passed", result.stdout)
        self.assertFalse(os.path.exists(os.path.join(project, "db.sqlite3")))

    def test_loaddata_and_dumpdata_commands(self):
        import json

        project = self.copy_project()
        self.assertEqual(run("migrate", "-v", "0", cwd=project).returncode, 0)
        loaded = run("loaddata", "polls", cwd=project)
        self.assertEqual(loaded.returncode, 0, loaded.stderr)
        self.assertIn("Installed 2 object(s) from 1 fixture(s)", loaded.stdout)
        dumped = run("dumpdata", "polls.question", cwd=project)
        self.assertEqual(json.loads(dumped.stdout), [
            {"model": "polls.question", "pk": 100,
             "fields": {"text": "From a fixture?", "published": True}}])
        missing = run("loaddata", "nope", cwd=project)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("No fixture named 'nope' found.", missing.stderr)


LIVE_APP = """
import djscratch
app = djscratch.App(__name__, SECRET_KEY="x" * 50)

from django.db import models
from django.http import HttpResponse
from django.test import LiveServerTestCase
from django.urls import path


class Note(models.Model):
    text = models.CharField(max_length=20)


def count(request):
    Note.objects.create(text="from server")
    return HttpResponse(str(Note.objects.count()))


urlpatterns = [path("count/", count)]


class LiveTests(LiveServerTestCase):
    def test_server_thread_shares_the_test_database(self):
        import urllib.request

        Note.objects.create(text="a")
        with urllib.request.urlopen(self.live_server_url + "/count/") as f:
            self.assertEqual(f.read(), b"2")
        self.assertEqual(Note.objects.count(), 2)

    def test_tables_are_emptied_between_tests(self):
        self.assertEqual(Note.objects.count(), 0)


if __name__ == "__main__":
    app.main()
"""


class LiveServerRunnerTests(unittest.TestCase):
    def test_live_server_uses_the_in_memory_test_database(self):
        with tempfile.TemporaryDirectory() as tmp:
            app = os.path.join(tmp, "live.py")
            with open(app, "w", encoding="utf-8") as f:
                f.write(LIVE_APP)
            result = run("test", cwd=tmp, script=app)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("Ran 2 tests", result.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "live.sqlite3")))
