"""DiscoverRunner (django/test/runner.py).
"""

import os
import sys

from djscratch.conf import settings
from djscratch.apps import apps, setup
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
        self.parallel = parallel  # accepted; tests always run in this process
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
        if not labels:
            if os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())
            found.addTests(loader.discover(
                ".", pattern=self.pattern, top_level_dir=self.top_level or "."))
            for module in self.extra_modules:
                found.addTests(loader.loadTestsFromModule(module))
        for label in labels:
            found.addTests(self.load_tests_for_label(label, loader))
        tests = _unique(_flatten_suite(found))
        if self.tags or self.exclude_tags:
            tests = [t for t in tests if self._tags_allow(t)]
        tests = self._reorder(tests)
        self.log(f"Found {len(tests)} test(s).")
        return unittest.TestSuite(tests)

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
        return created

    def teardown_databases(self, old_config, **kwargs):
        """Destroy the test databases (kept with --keepdb)."""
        for alias in old_config or ():
            _destroy_test_db(alias, verbosity=self.verbosity, keepdb=self.keepdb)

    def run_checks(self, databases):
        """Print the system check line, as Django's runner does before the tests."""
        if self.verbosity >= 1:
            print("System check identified no issues (0 silenced).")

    def get_test_runner_kwargs(self):
        return {"verbosity": self.verbosity, "failfast": self.failfast,
                "buffer": self.buffer}

    def run_suite(self, suite, **kwargs):
        import unittest

        runner = unittest.TextTestRunner(**self.get_test_runner_kwargs())
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
