"""DiscoverRunner (django/test/runner.py).
"""

import os
import sys
import threading

# A module that loads later (it imports this one), used at call time as
# djscratch.<module>.<name>: test.parallel.
import djscratch

from djscratch.core.management.base import BaseCommand, OutputWrapper
from djscratch.conf import settings
from djscratch.apps.registry import apps, setup
from djscratch.db.utils import connections
from djscratch.test.utils import setup_test_environment, teardown_test_environment
from djscratch.test.databases import (
    _create_test_db, _db_aliases, _destroy_test_db, _orm_present,
)
from djscratch.test.testcases import SimpleTestCase, TestCase

__all__ = [
    "DiscoverRunner",
]


# -- The runner.

class _TimeKeeper:
    """Record how long the phases of a run take (--timing)."""

    def __init__(self, enabled):
        self.enabled = enabled
        self.records = []

    def timed(self, name):
        import contextlib
        import time

        @contextlib.contextmanager
        def timer():
            record = [name, 0.0]
            self.records.append(record)  # outer phases print before inner ones
            start = time.perf_counter()
            try:
                yield
            finally:
                record[1] = time.perf_counter() - start

        return timer()

    def print_results(self):
        if self.enabled:
            for name, seconds in self.records:
                sys.stderr.write(f"{name} took {seconds:.3f}s{os.linesep}")


class _Shuffler:
    """Order tests by a seeded hash of their ids: the same seed, the same order."""

    def __init__(self, seed=None):
        import random

        self.seed_source = "given" if seed is not None else "generated"
        self.seed = seed if seed is not None else random.randint(0, 10**10 - 1)

    @property
    def seed_display(self):
        return f"{self.seed!r} ({self.seed_source})"

    def shuffle(self, items, key):
        import hashlib

        def digest(item):
            text = f"{self.seed}{key(item)}".encode("utf-8")
            return hashlib.md5(text, usedforsecurity=False).hexdigest()

        return sorted(items, key=digest)


def _test_tags(test):
    tags = set(getattr(type(test), "tags", set()))
    method = getattr(test, getattr(test, "_testMethodName", ""), None)
    return tags | set(getattr(method, "tags", set()))


def _test_module(test):
    """Return the name of the module a test (or a fixture error) belongs to."""
    import unittest

    if isinstance(test, unittest.loader._FailedTest):
        return test._testMethodName  # the module or label that failed to load
    if isinstance(test, unittest.FunctionTestCase):
        return str(test)
    if type(test).__name__ == "_ErrorHolder":  # "setUpClass (module.Class)"
        inner = test.description.partition("(")[2].rstrip(")")
        if test.description.startswith(("setUpModule", "tearDownModule")):
            return inner
        return inner.rpartition(".")[0] or inner
    return type(test).__module__


def _progress_interval():
    try:
        return float(os.environ.get("DJSCRATCH_TEST_PROGRESS_SECONDS", "10"))
    except ValueError:
        return 10.0


def _progress_result_class():
    """Return the runner's result class, defined on first use (unittest is
    imported only when tests run, as for SimpleTestCase)."""
    global _ProgressTestResult
    if _ProgressTestResult is not None:
        return _ProgressTestResult
    import time
    import unittest

    class ProgressTestResult(unittest.TextTestResult):
        """Django's text result, with progress a long run can be followed by.

        At verbosity 1, one line per test module once its last test has run (its
        tests and their outcomes, the time they took, how far the run is) instead
        of a dot per test.  From verbosity 1 up, a test still running after
        DJSCRATCH_TEST_PROGRESS_SECONDS (10) says so at that interval, and the
        skip reasons are listed at the end, grouped, with their counts.
        """

        def __init__(self, stream, descriptions, verbosity, *, module_totals=None,
                     **kwargs):
            super().__init__(stream, descriptions, verbosity, **kwargs)
            self.dots = False  # module lines replace the dots
            self.module_lines = verbosity == 1
            self._totals = dict(module_totals or {})
            self._total = sum(self._totals.values())
            self._modules = {}  # name -> [done, failed ids, skipped, xfail, seconds]
            self._done = 0
            self._written = set()  # modules whose line is out
            self._current = None  # (test, started)
            self._lock = threading.Lock()
            self._stop = threading.Event()

        def _module(self, test):
            return self._modules.setdefault(_test_module(test), [0, set(), 0, 0, 0.0])

        def startTestRun(self):
            super().startTestRun()
            interval = _progress_interval()
            if interval > 0 and (self.showAll or self.module_lines):
                threading.Thread(target=self._report_slow_tests, args=(interval,),
                                 daemon=True, name="djscratch-test-progress").start()

        def stopTestRun(self):
            self._stop.set()
            # Modules cut short (--failfast, a failing setUpClass) report here.
            for name, counts in self._modules.items():
                if name not in self._written:
                    self._write_module_line(name, counts)
            super().stopTestRun()

        def startTest(self, test):
            with self._lock:
                self._current = (test, time.monotonic())
            super().startTest(test)

        def stopTest(self, test):
            super().stopTest(test)
            with self._lock:
                started = self._current[1] if self._current else time.monotonic()
                self._current = None
                name = _test_module(test)
                counts = self._module(test)
                counts[0] += 1
                # A test run by a --parallel worker: the time it took there.
                remote = getattr(self, "_remote_seconds", None)
                counts[4] += (time.monotonic() - started) if remote is None else remote
                self._done += 1
                if counts[0] == self._totals.get(name):
                    self._write_module_line(name, counts)

        def _write_module_line(self, name, counts):
            self._written.add(name)
            if not self.module_lines:
                return
            done, failed, skipped, xfail, seconds = counts
            passed = max(done - len(failed) - skipped - xfail, 0)
            percent = 100 * self._done // self._total if self._total else 100
            self.stream.writeln(
                f"[{percent:3d}%] {name}: {done} test{'s' if done != 1 else ''}, "
                f"{passed} passed, {len(failed)} failed, {skipped} skipped "
                f"in {seconds:.1f}s")
            self.stream.flush()

        def _report_slow_tests(self, interval):
            reported = None
            while not self._stop.wait(0.25):
                with self._lock:
                    if self._current is None:
                        continue
                    test, started = self._current
                    elapsed = time.monotonic() - started
                    if reported is not None and reported[0] is not test:
                        reported = None
                    last = reported[1] if reported else 0
                    if elapsed - last < interval:
                        continue
                    reported = (test, last + interval)
                    if self.showAll and not getattr(self, "_newline", True):
                        self.stream.writeln()
                    self.stream.writeln(f"    ... still running {test.id()} "
                                        f"({reported[1]:g}s)")
                    self.stream.flush()
                    self._newline = True  # the outcome repeats the test's name

        def _exc_info_to_string(self, err, test):
            if type(err[1]).__name__ == "_RemoteTraceback":
                return err[1].text  # formatted by the worker, captured output too
            return super()._exc_info_to_string(err, test)

        def _failed(self, test):
            counts = self._module(test)
            counts[1].add(getattr(test, "test_case", test).id())
            if type(test).__name__ == "_ErrorHolder":
                counts[0] += 1  # a failing setUpClass counts as one failed test,
                self._done += 1  # as in the closing "N passed, N failed" line

        def addError(self, test, err):
            super().addError(test, err)
            self._failed(test)

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._failed(test)

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                self._failed(test)

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self._failed(test)

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self._module(test)[2] += 1

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self._module(test)[3] += 1

        def printErrors(self):
            super().printErrors()
            if not self.skipped or not (self.module_lines or self.showAll):
                return
            reasons = {}
            for test, reason in self.skipped:
                reasons.setdefault(reason, []).append(_test_module(test))
            self.stream.writeln(self.separator2)
            for reason, modules in sorted(reasons.items(), key=lambda r: -len(r[1])):
                where = ", ".join(dict.fromkeys(modules))
                self.stream.writeln(f"SKIPPED [{len(modules)}] {reason} ({where})")

    _ProgressTestResult = ProgressTestResult
    return ProgressTestResult


_ProgressTestResult = None


class DiscoverRunner:
    """Find and run tests the way `manage.py test` does.

    Discovery is unittest's (test*.py under the current folder); labels may
    be dotted modules, classes or methods, folders or file paths.  Tests run
    in Django's order: TestCase classes first, then TransactionTestCase and
    SimpleTestCase, then plain unittest tests.  Modules given in
    `extra_modules` (a single-file app) are searched too.
    """

    reorder_by = ("TestCase", "SimpleTestCase")

    def __init__(self, pattern=None, top_level=None, verbosity=1, interactive=True,
                 failfast=False, keepdb=False, reverse=False, debug_mode=False,
                 debug_sql=False, parallel=0, tags=None, exclude_tags=None,
                 test_name_patterns=None, pdb=False, buffer=False,
                 enable_faulthandler=True, timing=False, shuffle=False, logger=None,
                 durations=None, extra_modules=(), **kwargs):
        self.pattern = pattern or "test*.py"
        self.top_level = top_level
        self.verbosity = verbosity
        self.interactive = interactive
        self.failfast = failfast
        self.keepdb = keepdb
        self.reverse = reverse
        self.debug_mode = debug_mode
        self.debug_sql = debug_sql
        self.parallel = parallel  # "auto" or N; resolved when the suite is built
        self._clones = 0  # worker copies of the test databases to remove
        self.tags = set(tags or [])
        self.exclude_tags = set(exclude_tags or [])
        self.pdb = pdb
        self.buffer = buffer
        self.timing = timing
        self.time_keeper = _TimeKeeper(timing)
        self.shuffle = shuffle
        self._shuffler = None
        self.logger = logger
        self.test_name_patterns = None
        if test_name_patterns:
            self.test_name_patterns = {
                p if "*" in p else f"*{p}*" for p in test_name_patterns}
        self.extra_modules = list(extra_modules)  # e.g. a single-file app
        self.options = kwargs
        if enable_faulthandler:
            import faulthandler

            if not faulthandler.is_enabled():
                faulthandler.enable(file=sys.__stderr__ or sys.stderr)

    def log(self, msg, level=None):
        """Print msg (to stdout, as Django does) unless verbosity hides it."""
        import logging

        level = logging.INFO if level is None else level
        if self.logger is not None:
            self.logger.log(level, msg)
        elif self.verbosity > 1 or (self.verbosity == 1 and level >= logging.INFO):
            print(msg)

    def setup_test_environment(self, **kwargs):
        setup_test_environment(debug=self.debug_mode)

    def teardown_test_environment(self, **kwargs):
        teardown_test_environment()

    def _loader(self):
        import unittest

        loader = unittest.TestLoader()
        if self.test_name_patterns:
            loader.testNamePatterns = sorted(self.test_name_patterns)
        return loader

    def load_tests_for_label(self, label, loader):
        """Return the tests a label names: a folder, a file, or a dotted name."""
        import unittest

        if label.endswith(".py") and os.path.isfile(label):
            label = os.path.relpath(label)[:-3].replace(os.sep, ".")
        if os.path.isdir(label):
            top = self.top_level
            if top is None:
                here = os.getcwd()
                top = here if os.path.abspath(label).startswith(here) else label
            return loader.discover(label, pattern=self.pattern, top_level_dir=top)
        for module in self.extra_modules:  # "Tests.test_x" inside the app file
            if hasattr(module, label.split(".", 1)[0]):
                return loader.loadTestsFromName(label, module)
        try:
            return loader.loadTestsFromName(label)
        except Exception as err:  # reported as a failing test, like unittest
            suite = unittest.TestSuite()
            suite.addTest(unittest.FunctionTestCase(_raiser(err), description=label))
            return suite

    def build_suite(self, test_labels=None, **kwargs):
        """Return the suite to run: found, filtered by tags, ordered."""
        import unittest

        loader = self._loader()
        found = unittest.TestSuite()
        labels = list(test_labels or [])
        if not labels and self.extra_modules:
            # `python app.py test`: the app's own tests, in the file itself
            # and in test_<app>.py beside it, not every test under the folder.
            for module in self.extra_modules:
                for label in _app_test_labels(module):
                    found.addTests(self.load_tests_for_label(label, loader))
                found.addTests(loader.loadTestsFromModule(module))
        elif not labels:
            if os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())
            found.addTests(loader.discover(
                ".", pattern=self.pattern, top_level_dir=self.top_level or "."))
        for label in labels:
            found.addTests(self.load_tests_for_label(label, loader))
        tests = _unique(_flatten_suite(found))
        if self.tags or self.exclude_tags:
            tests = [t for t in tests if self._tags_allow(t)]
        tests = self._reorder(tests)
        self.log(f"Found {len(tests)} test(s).")
        suite = unittest.TestSuite(tests)
        return self._parallel_suite(suite)

    def _parallel_suite(self, suite):
        """With --parallel N > 1, the suite as whole test classes run by up to
        N worker processes (no more processes than classes)."""
        processes = djscratch.test.parallel._parallel_processes(self.parallel)
        if processes <= 1:
            self.parallel = 1 if self.parallel else 0
            return suite
        subsuites = djscratch.test.parallel.partition_suite_by_case(suite)
        self.parallel = processes = min(processes, len(subsuites))
        if processes <= 1:
            return suite
        return djscratch.test.parallel._parallel_suite_class()(
            subsuites, processes, failfast=self.failfast, buffer=self.buffer)

    def _tags_allow(self, test):
        import unittest

        if isinstance(test, unittest.loader._FailedTest):
            return True  # an import error is always reported
        tags = _test_tags(test)
        if self.exclude_tags & tags:
            return False
        return not self.tags or bool(self.tags & tags)

    def _reorder(self, tests):
        """Group tests by kind (Django's order), keeping classes together."""
        if self.shuffle is not False:
            self._shuffler = _Shuffler(None if self.shuffle is None else self.shuffle)
            self.log(f"Using shuffle seed: {self._shuffler.seed_display}")
        import unittest

        kinds = (unittest.loader._FailedTest, TestCase, SimpleTestCase)
        buckets = [[] for _ in range(len(kinds) + 1)]
        for test in tests:
            index = next((i for i, kind in enumerate(kinds) if isinstance(test, kind)),
                         len(kinds))
            buckets[index].append(test)
        ordered = []
        for bucket in buckets:
            ordered.extend(self._order_bucket(bucket))
        return ordered

    def _order_bucket(self, tests):
        classes = {}
        for test in tests:  # dicts keep the discovery order of the classes
            classes.setdefault(type(test), []).append(test)
        groups = list(classes.values())
        if self._shuffler is not None:
            groups = self._shuffler.shuffle(
                groups, key=lambda g: f"{type(g[0]).__module__}."
                                      f"{type(g[0]).__qualname__}")
            groups = [self._shuffler.shuffle(g, key=lambda t: t.id()) for g in groups]
        if self.reverse:
            groups = [list(reversed(g)) for g in reversed(groups)]
        return [test for group in groups for test in group]

    def get_databases(self, suite):
        """Return the database aliases the suite's tests declare."""
        aliases = set()
        if not _orm_present() or not settings.configured:
            return aliases  # test classes that override DATABASES create their own
        for test in _flatten_suite(suite):
            declared = getattr(test, "databases", None)
            if declared:
                aliases.update(_db_aliases(declared))
        unused = sorted(alias for alias in connections if alias not in aliases)
        if unused:
            import logging

            self.log(f"Skipping setup of unused database(s): {', '.join(unused)}.",
                     level=logging.DEBUG)
        return aliases

    def setup_databases(self, aliases=None, **kwargs):
        """Create a test database for each alias; return what teardown needs."""
        created = []
        for alias in sorted(aliases or ()):
            with self.time_keeper.timed(f"  Creating '{alias}'"):
                _create_test_db(alias, verbosity=self.verbosity, keepdb=self.keepdb)
            created.append(alias)
        if created and isinstance(self.parallel, int) and self.parallel > 1:
            djscratch.test.parallel._clone_test_databases(
                self.parallel, verbosity=self.verbosity)
            self._clones = self.parallel
        return created

    def teardown_databases(self, old_config, **kwargs):
        """Destroy the test databases (kept with --keepdb)."""
        if self._clones:
            djscratch.test.parallel._destroy_test_database_clones(
                self._clones, verbosity=self.verbosity, keepdb=self.keepdb)
            self._clones = 0
        for alias in old_config or ():
            _destroy_test_db(alias, verbosity=self.verbosity, keepdb=self.keepdb)

    def run_checks(self, databases):
        """Run the system checks, as Django's runner does before the tests: a
        serious problem stops the run with SystemCheckError."""
        import io

        if not settings.configured:  # plain unittest tests: nothing to check
            if self.verbosity >= 1:
                print("System check identified no issues (0 silenced).")
            return
        command = BaseCommand()
        if self.verbosity < 1:
            command.stdout = OutputWrapper(io.StringIO())
        command.check(display_num_errors=True, databases=databases)

    def get_resultclass(self):
        """Return the result class: module lines, slow-test notes, skip list."""
        return _progress_result_class()

    def get_test_runner_kwargs(self):
        return {"verbosity": self.verbosity, "failfast": self.failfast,
                "resultclass": self.get_resultclass(), "buffer": self.buffer}

    def run_suite(self, suite, **kwargs):
        import functools
        import unittest

        options = self.get_test_runner_kwargs()
        if options.get("resultclass") is _progress_result_class():
            totals = {}  # a module's line is printed when its last test ends
            for test in _flatten_suite(suite):
                name = _test_module(test)
                totals[name] = totals.get(name, 0) + 1
            options["resultclass"] = functools.partial(
                options["resultclass"], module_totals=totals)
        runner = unittest.TextTestRunner(**options)
        try:
            return runner.run(suite)
        finally:
            if self._shuffler is not None:
                self.log(f"Used shuffle seed: {self._shuffler.seed_display}")

    def suite_result(self, suite, result, **kwargs):
        return (len(result.failures) + len(result.errors)
                + len(result.unexpectedSuccesses))

    def run_tests(self, test_labels=None, **kwargs):
        """Run the tests; return the number of failures and errors."""
        configured_first = settings.configured
        if configured_first:
            self.setup_test_environment()
        try:
            if settings.configured and not apps.ready:
                setup()
            suite = self.build_suite(test_labels)
            if not configured_first:
                # A single-file app configured settings while its tests were
                # imported: prepare the test environment now that they exist.
                self.setup_test_environment()
            if settings.configured and not apps.ready:
                setup()
            databases = self.get_databases(suite)
            with self.time_keeper.timed("Total database setup"):
                old_config = self.setup_databases(aliases=databases)
            try:
                self.run_checks(databases)
                result = self.run_suite(suite)
            finally:
                with self.time_keeper.timed("Total database teardown"):
                    self.teardown_databases(old_config)
        finally:
            self.teardown_test_environment()
        self.time_keeper.print_results()
        if self.verbosity >= 1:
            self.print_summary(result)
        return self.suite_result(suite, result)

    @staticmethod
    def print_summary(result):
        """Print one plain line: "N passed, N failed, N skipped"."""
        def case_id(test):  # a failing subTest counts once, as its test
            return getattr(test, "test_case", test).id()

        failed = len({case_id(t) for t, _ in result.failures + result.errors}
                     | {case_id(t) for t in result.unexpectedSuccesses})
        skipped = len(result.skipped)
        passed = max(result.testsRun - failed - skipped
                     - len(result.expectedFailures), 0)
        print(f"{passed} passed, {failed} failed, {skipped} skipped", file=sys.stderr)


def _app_test_labels(module):
    """Return the module names of a single-file app's test files: test_<app>.py
    beside the app (so `python blog.py test` runs test_blog.py)."""
    filename = getattr(module, "__file__", None)
    if not filename:
        return []
    folder, name = os.path.split(os.path.abspath(filename))
    label = "test_" + os.path.splitext(name)[0]
    if not os.path.isfile(os.path.join(folder, label + ".py")):
        return []
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return [label]


def _raiser(err):
    def test_import_failure():
        raise err

    return test_import_failure


def _flatten_suite(suite):
    import unittest

    out = []
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            out.extend(_flatten_suite(test))
        else:
            out.append(test)
    return out


def _unique(tests):
    seen, out = set(), []
    for test in tests:
        key = test.id()
        if key not in seen:
            seen.add(key)
            out.append(test)
    return out
