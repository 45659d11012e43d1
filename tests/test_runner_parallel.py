"""`test --parallel N`: test classes run in forked worker processes, each on its
own test database, and the run reports what the one-process run reports.

Each test writes a small single-file app into a temporary folder and runs its
tests there in a subprocess, with and without --parallel.
"""

import os
import re
import sys
import tempfile
import unittest

from tests import forked

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

APP = '''
import os
import unittest

import djscratch

app = djscratch.App(__name__, SECRET_KEY="x" * 50{databases})

from django.db import models
from django.test import SimpleTestCase, TestCase


class Note(models.Model):
    text = models.CharField(max_length=20)


class NoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Note.objects.create(text="class data")

    def test_writes_are_rolled_back_a(self):
        Note.objects.create(text=str(os.getpid()))
        self.assertEqual(Note.objects.count(), 2)

    def test_writes_are_rolled_back_b(self):
        Note.objects.create(text=str(os.getpid()))
        self.assertEqual(Note.objects.count(), 2)


class MoreNoteTests(TestCase):
    def test_starts_empty(self):
        from django.db import connection

        self.assertEqual(Note.objects.count(), 0)
        Note.objects.create(text=str(os.getpid()))
        with open("names.txt", "a") as f:
            print(connection.settings_dict["NAME"], file=f)


class OutcomeTests(SimpleTestCase):
    def test_fails(self):
        print("CAPTURED-OUTPUT")
        self.assertEqual(1, 2)

    def test_errors(self):
        raise RuntimeError("boom")

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

    def test_subtests(self):
        for value in (1, 2, 3):
            with self.subTest(value=value):
                self.assertNotEqual(value, 2)

    def test_passes(self):
        pass


class BrokenClassTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        raise ValueError("class setup broke")

    def test_never_runs(self):
        pass


class PidTests(unittest.TestCase):
    def test_pid(self):
        print("PID", os.getpid(), file=open("pids.txt", "a"))
{extra}

urlpatterns = []


if __name__ == "__main__":
    app.main()
'''

CRASH = '''

class CrashTests(SimpleTestCase):
    def test_crash(self):
        os._exit(3)
'''

SERIALIZED = '''

from django.test.testcases import SerializeMixin


class Turn(SerializeMixin):
    lockfile = __file__

    def test_turn(self):
        import time

        with open("turns.txt", "a") as f:
            print(os.getpid(), "start", file=f)
        time.sleep(0.5)
        with open("turns.txt", "a") as f:
            print(os.getpid(), "end", file=f)


class FirstTurnTests(Turn, SimpleTestCase):
    pass


class SecondTurnTests(Turn, SimpleTestCase):
    pass
'''

NO_LOCKFILE = '''

from django.test.testcases import SerializeMixin


class Unlocked(SerializeMixin, SimpleTestCase):
    pass
'''

COSTLY = '''

class CheapFirstTests(SimpleTestCase):
    def test_cheap(self):
        open("cheap.txt", "w").close()


class Costly:
    def test_starts_before_the_cheap_classes(self):
        import time

        with open("costly.txt", "a") as f:
            print(type(self).__name__, os.path.exists("cheap.txt"), file=f)
        # Hold this worker until the other costly class has started too, so
        # that a slow-starting worker cannot let the cheap classes pass.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with open("costly.txt") as f:
                if len(f.readlines()) == 2:
                    break
            time.sleep(0.01)


class CostlyTests(Costly, SimpleTestCase):
    parallel_cost = 5


class CostliestTests(Costly, SimpleTestCase):
    parallel_cost = 9
'''

ENDS_OUT_OF_ORDER = '''

class SlowFailTests(SimpleTestCase):
    def test_fails_late(self):
        import multiprocessing
        import time

        # In a worker, the next class, on the other worker, ends first (in
        # one process, the serial run, the order is the suite's anyway).
        if multiprocessing.current_process().name.startswith("djscratch-test-"):
            time.sleep(1.5)
        self.fail("late")


class SoonFailTests(SimpleTestCase):
    def test_fails_soon(self):
        self.fail("soon")
'''

FILE_DATABASES = (', DATABASES={"default": {"NAME": "notes.sqlite3", '
                  '"TEST": {"NAME": "test_notes.sqlite3"}}}')


def without_times(text):
    """The output with its timings (which differ from run to run) blanked."""
    text = re.sub(r"in \d+\.\d+s", "in Xs", text)
    return "\n".join(line for line in text.splitlines()
                     if not line.startswith("Cloning test database")
                     and not line.startswith("Destroying test database"))


class ParallelRunnerTests(unittest.TestCase):
    parallel_cost = 5  # seconds, roughly: --parallel starts it early

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def write_app(self, databases="", extra=""):
        with open(os.path.join(self.tmp, "notes.py"), "w", encoding="utf-8") as f:
            f.write(APP.format(databases=databases, extra=extra))

    def run_tests(self, *args, env=None):
        environment = {**os.environ, "PYTHONPATH": ROOT, **(env or {})}
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        environment.pop("DJANGO_TEST_PROCESSES", None)
        environment.update(env or {})
        return forked.run([sys.executable, "notes.py", "test", *args], cwd=self.tmp,
                          env=environment, capture_output=True, text=True,
                          timeout=120)

    def worker_pids(self):
        with open(os.path.join(self.tmp, "pids.txt"), encoding="utf-8") as f:
            pids = {line.split()[1] for line in f}
        os.remove(os.path.join(self.tmp, "pids.txt"))
        return pids

    def assertSameReport(self, serial, parallel):
        self.assertEqual(serial.returncode, parallel.returncode)
        self.assertEqual(without_times(serial.stdout), without_times(parallel.stdout))
        self.assertEqual(without_times(serial.stderr), without_times(parallel.stderr))

    def test_parallel_2_reports_what_one_process_reports(self):
        self.write_app()
        serial = self.run_tests()
        serial_pids = self.worker_pids()
        parallel = self.run_tests("--parallel", "2")
        self.assertEqual(serial.returncode, 1, serial.stderr)
        self.assertIn("FAILED (failures=2, errors=2, skipped=1, expected failures=1)",
                      parallel.stderr)
        self.assertIn("Ran 10 tests", parallel.stderr)
        self.assertIn("AssertionError: 1 != 2\n\nStdout:\nCAPTURED-OUTPUT",
                      parallel.stderr)
        self.assertIn("FAIL: test_subtests (__main__.OutcomeTests.test_subtests) "
                      "(value=2)", parallel.stderr)
        self.assertIn("ERROR: setUpClass (__main__.BrokenClassTests)", parallel.stderr)
        self.assertIn("RuntimeError: boom", parallel.stderr)
        self.assertIn("SKIPPED [1] not today (__main__)", parallel.stderr)
        self.assertSameReport(serial, parallel)
        self.assertNotEqual(self.worker_pids(), serial_pids,
                            "the tests ran in the runner's own process")

    def test_report_keeps_the_suite_order_whichever_worker_ends_first(self):
        self.write_app(extra=ENDS_OUT_OF_ORDER)
        serial = self.run_tests()
        parallel = self.run_tests("--parallel", "2")
        self.assertLess(parallel.stderr.index("FAIL: test_fails_late"),
                        parallel.stderr.index("FAIL: test_fails_soon"))
        self.assertSameReport(serial, parallel)

    def test_each_worker_writes_its_own_copy_of_a_file_test_database(self):
        self.write_app(databases=FILE_DATABASES)
        serial = self.run_tests()
        parallel = self.run_tests("--parallel", "2", "-v", "2")
        self.assertEqual(parallel.stderr.count(
            "Cloning test database for alias 'default'..."), 2)
        self.assertIn("Creating test database for alias 'default' "
                      "('test_notes.sqlite3')...", parallel.stderr)
        self.assertIn("__main__.NoteTests.test_writes_are_rolled_back_a) ... ok",
                      parallel.stderr)
        with open(os.path.join(self.tmp, "names.txt"), encoding="utf-8") as f:
            names = f.read().split()
        self.assertEqual(names[0], "test_notes.sqlite3")  # the serial run
        self.assertRegex(names[1], r"^test_notes_[12]\.sqlite3$")  # a worker's copy
        self.assertEqual(sorted(os.listdir(self.tmp)),
                         ["names.txt", "notes.py", "pids.txt"],
                         "test databases or their copies were left behind")
        self.assertEqual(serial.stderr.count("Ran 10 tests"), 1)

    def test_auto_uses_django_test_processes(self):
        self.write_app()
        result = self.run_tests("--parallel", "auto", "-v", "2",
                                env={"DJANGO_TEST_PROCESSES": "3"})
        self.assertEqual(result.stderr.count(
            "Cloning test database for alias 'default'..."), 3)
        self.assertEqual(len(self.worker_pids()), 1)  # one class, one worker

    def test_without_parallel_one_process(self):
        self.write_app()
        result = self.run_tests(env={"DJANGO_TEST_PROCESSES": "3"})
        self.assertNotIn("Cloning", result.stderr)
        self.assertIn("Ran 10 tests", result.stderr)

    def test_failfast_stops_the_run(self):
        self.write_app()
        result = self.run_tests("--parallel", "2", "--failfast")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("FAILED (failures=2, errors=2", result.stderr)
        self.assertRegex(result.stderr, r"FAILED \((failures|errors)=1")

    def test_a_crashing_worker_is_reported_and_the_run_goes_on(self):
        self.write_app(extra=CRASH)
        result = self.run_tests("--parallel", "2")
        self.assertEqual(result.returncode, 1)
        self.assertIn("ERROR: worker (__main__.CrashTests)", result.stderr)
        self.assertIn("A test worker process ended unexpectedly (exit code 3) "
                      "while running __main__.CrashTests (1 test(s)).", result.stderr)
        self.assertIn("FAILED (failures=2, errors=3, skipped=1, expected "
                      "failures=1)", result.stderr)
        self.assertIn("Ran 10 tests", result.stderr)

    def test_serialize_mixin_classes_take_turns(self):
        self.write_app(extra=SERIALIZED)
        result = self.run_tests("--parallel", "2")
        self.assertIn("Ran 12 tests", result.stderr)
        with open(os.path.join(self.tmp, "turns.txt"), encoding="utf-8") as f:
            turns = [line.split() for line in f]
        self.assertEqual(len(turns), 4)
        self.assertEqual(len({pid for pid, _ in turns}), 2, "not in two workers")
        self.assertEqual([event for _, event in turns],
                         ["start", "end", "start", "end"],
                         "the two classes overlapped")

    def test_the_classes_that_say_they_cost_most_are_handed_out_first(self):
        self.write_app(extra=COSTLY)
        result = self.run_tests("--parallel", "2")
        self.assertIn("Ran 13 tests", result.stderr)
        with open(os.path.join(self.tmp, "costly.txt"), encoding="utf-8") as f:
            started = sorted(line.split() for line in f)
        # Declared after CheapFirstTests, they started before it, one in each
        # worker.
        self.assertEqual(started, [["CostliestTests", "False"],
                                   ["CostlyTests", "False"]])
        self.assertEqual(len(self.worker_pids()), 1)

    def test_serialize_mixin_needs_a_lockfile(self):
        self.write_app(extra=NO_LOCKFILE)
        result = self.run_tests()
        self.assertIn("ValueError: Unlocked.lockfile isn't set. Set it to a unique "
                      "value in the base class.", result.stderr)


class PartitionTests(unittest.TestCase):
    def test_a_class_is_never_split_and_the_order_is_kept(self):
        import djscratch  # noqa: F401
        from django.test.runner import partition_suite_by_case

        class A(unittest.TestCase):
            def test_1(self):
                pass

            def test_2(self):
                pass

        class B(unittest.TestCase):
            def test_3(self):
                pass

        suite = unittest.TestSuite([A("test_1"), A("test_2"), B("test_3")])
        parts = partition_suite_by_case(suite)
        self.assertEqual([[t.id().rsplit(".", 1)[1] for t in part] for part in parts],
                         [["test_1", "test_2"], ["test_3"]])

    def test_workers_take_the_costliest_classes_first_the_rest_in_order(self):
        import djscratch

        def case(name, cost=None):
            attrs = {"test_1": lambda self: None}
            if cost is not None:
                attrs["parallel_cost"] = cost
            return unittest.TestSuite([type(name, (unittest.TestCase,), attrs)(
                "test_1")])

        subsuites = [case("A"), case("B", 2), case("C"), case("D", 8.5),
                     case("E", "not a number"), case("F", 2)]
        order = djscratch._longest_first(subsuites)
        self.assertEqual([type(next(iter(subsuites[i]))).__name__ for i in order],
                         ["D", "B", "F", "A", "C", "E"])
        self.assertEqual(djscratch._longest_first([]), [])

    def test_auto_is_django_test_processes_or_the_cpu_count(self):
        from unittest import mock

        import djscratch  # noqa: F401
        from django.test.runner import get_max_test_processes

        with mock.patch.dict(os.environ, {"DJANGO_TEST_PROCESSES": "5"}):
            self.assertEqual(get_max_test_processes(), 5)
        with mock.patch.dict(os.environ):
            os.environ.pop("DJANGO_TEST_PROCESSES", None)
            self.assertEqual(get_max_test_processes(), os.cpu_count())
