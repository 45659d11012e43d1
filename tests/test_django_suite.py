"""The job that runs Django's own test modules on djscratch counts correctly.

A tiny fake "Django test module" with known outcomes goes through the same
worker and counting code as the real ones (tools/django_suite.py), and the
ratchet (--check) fails when a module's pass count drops below its figure.
"""

import contextlib
import importlib.util
import io
import json
import math
import pathlib
import tempfile
import textwrap
import time
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "django_suite", ROOT / "tools" / "django_suite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


django_suite = _load_tool()

#: A module with two passing tests, a failure, an error, a skip, an expected
#: failure (a pass, as Django counts it), a failing subTest, a class whose
#: setUpClass fails (its two tests are errors), and a test file that stops at
#: import on a name Django has and djscratch (or anything) lacks.
FAKE_MODULE = {
    "fakemod/__init__.py": "",
    "fakemod/models.py": """
        from django.db import models

        class Thing(models.Model):
            name = models.CharField(max_length=20)
        """,
    "fakemod/tests.py": """
        import unittest

        from django.test import SimpleTestCase, TestCase

        from .models import Thing

        class PassingTests(TestCase):
            def test_saves(self):
                Thing.objects.create(name="a")
                self.assertEqual(Thing.objects.count(), 1)

            def test_adds(self):
                self.assertEqual(1 + 1, 2)

        class MixedTests(SimpleTestCase):
            def test_fails(self):
                self.assertEqual(1, 2)

            def test_errors(self):
                raise KeyError("boom")

            @unittest.skip("not here")
            def test_skipped(self):
                pass

            @unittest.expectedFailure
            def test_expected_failure(self):
                self.assertEqual(1, 2)

            def test_subtest_fails(self):
                for i in range(3):
                    with self.subTest(i=i):
                        self.assertLess(i, 2)

        class BrokenSetUpClassTests(SimpleTestCase):
            @classmethod
            def setUpClass(cls):
                raise RuntimeError("no fixture")

            def test_one(self):
                pass

            def test_two(self):
                pass
        """,
    "fakemod/test_missing.py": """
        from django.test.utils import no_such_name_anywhere  # noqa: F401
        """,
    "fakebroken/__init__.py": "",
    "fakebroken/models.py": """
        from django.db.models import NoSuchField  # noqa: F401
        """,
    "fakeslow/__init__.py": "",
    "fakeslow/tests.py": """
        import time

        from django.test import SimpleTestCase

        class SlowTests(SimpleTestCase):
            def test_a_quick(self):
                pass

            def test_b_never_ends(self):
                time.sleep(600)
        """,
    "urls.py": "urlpatterns = []\n",
    "templates/.keep": "",
}


def make_tests_dir(folder):
    """Write the fake Django tests/ folder under `folder`; return its path."""
    tests = pathlib.Path(folder) / "tests"
    for name, text in FAKE_MODULE.items():
        path = tests / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tests


class CountingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.tests_dir = make_tests_dir(cls.tmp.name)
        started = time.monotonic()
        cls.fakemod = django_suite.run_module("fakemod", cls.tests_dir, timeout=120)
        # A timeout the quick test surely fits in, on a quiet machine or a
        # busy one: twice what a whole module took here, at least 2 s.
        cls.slow_timeout = max(2, math.ceil(2 * (time.monotonic() - started)))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()
        super().tearDownClass()

    def test_each_outcome_is_counted_once_per_test(self):
        counts = self.fakemod
        self.assertEqual(
            {k: counts[k] for k in ("ran", "passed", "failed", "errors", "skipped")},
            {"ran": 9, "passed": 3, "failed": 2, "errors": 3, "skipped": 1})

    def test_a_test_file_that_does_not_import_names_the_missing_name(self):
        counts = self.fakemod
        self.assertEqual(counts["import_errors"], 1)
        self.assertEqual(counts["missing"], "django.test.utils.no_such_name_anywhere")

    def test_models_that_do_not_import_stop_the_whole_module(self):
        counts = django_suite.run_module("fakebroken", self.tests_dir, timeout=120)
        self.assertEqual((counts["ran"], counts["passed"], counts["import_errors"]),
                         (0, 0, 1))
        self.assertEqual(counts["missing"], "django.db.models.NoSuchField")

    def test_a_module_stopped_at_its_timeout_keeps_what_it_did(self):
        timeout = self.slow_timeout
        counts = django_suite.run_module("fakeslow", self.tests_dir, timeout=timeout)
        self.assertEqual((counts["ran"], counts["passed"], counts["errors"]),
                         (2, 1, 1))
        self.assertIn(f"stopped after {timeout} s", counts["note"])

    def test_worst_outcome_of_a_test_wins(self):
        counts = django_suite.count_events([
            {"collected": ["a", "b", "c"]},
            {"test": "a", "outcome": "failed"},
            {"test": "a", "outcome": "errors"},
            {"test": "a", "outcome": "failed"},
            {"test": "b", "outcome": "passed"},
            {"done": True},
        ])
        self.assertEqual((counts["passed"], counts["failed"], counts["errors"]),
                         (1, 0, 2))  # c never reported: an error

    def test_a_skip_real_django_takes_too_is_counted_apart(self):
        counts = django_suite.count_events([
            {"collected": ["a", "b", "c"]},
            {"test": "a", "outcome": "skipped"},  # Django skips it too
            {"test": "b", "outcome": "skipped"},  # only djscratch skips it
            {"test": "c", "outcome": "skipped"},
            {"test": "c", "outcome": "failed"},  # a failing subTest: not a skip
            {"done": True},
        ], django_skips={"a": "PostgreSQL", "c": "PostgreSQL"})
        self.assertEqual((counts["skipped"], counts["skipped_django"]), (2, 1))


class RatchetTests(unittest.TestCase):
    def run_main(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = django_suite.main(list(args))
        return status, out.getvalue(), err.getvalue()

    def test_check_fails_when_a_figure_drops_and_hints_when_it_rises(self):
        with tempfile.TemporaryDirectory() as tmp:
            tests_dir = make_tests_dir(tmp)
            counts = pathlib.Path(tmp) / "counts.json"
            table = pathlib.Path(tmp) / "table.md"
            files = ["--tests-dir", str(tests_dir), "--counts", str(counts),
                     "--table", str(table), "--django-tests",
                     str(pathlib.Path(tmp) / "django.json"), "fakemod"]
            status, _, _ = self.run_main("--update", *files)
            self.assertEqual(status, 0)
            data = json.loads(counts.read_text())
            self.assertEqual(data["modules"]["fakemod"]["passed"], 3)
            self.assertIn("| fakemod | 0 | 9 | 3 | 2 | 3 | 1 | 0 | 1 |",
                      table.read_text())

            data["modules"]["fakemod"]["passed"] = 4  # as if a test had passed
            counts.write_text(json.dumps(data))
            status, _, err = self.run_main("--check", *files)
            self.assertEqual(status, 1)
            self.assertIn("fakemod: 3 passed, below the committed 4", err)

            data["modules"]["fakemod"]["passed"] = 2
            counts.write_text(json.dumps(data))
            status, out, _ = self.run_main("--check", *files)
            self.assertEqual(status, 0)
            self.assertIn("raise the figure", out)

    def test_check_compares_module_by_module(self):
        problems, hints = django_suite.check(
            {"a": {"passed": 5}, "b": {"passed": 5}},
            {"a": {"passed": 4}, "b": {"passed": 9}, "c": {"passed": 1}})
        self.assertEqual(problems, ["a: 4 passed, below the committed 5"])
        self.assertEqual(len(hints), 2)


if __name__ == "__main__":
    unittest.main()
