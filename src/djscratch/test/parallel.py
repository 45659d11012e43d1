"""Running tests in several processes (django/test/runner.py's ParallelTestSuite):
`test --parallel [N|auto]`.  Forked workers, each on its own test databases,
run whole test classes and send their outcomes back as plain data; the parent
replays them into the one result the run reports.
"""

import os
import sys

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.db.utils import connections
from djscratch.test.databases import _TestDatabases
from djscratch.test.runner import _flatten_suite

# The state a forked worker inherits: the subsuites (never pickled, so any
# test class can run in a worker) and this worker's number, from 1.
_parallel_subsuites = []
_parallel_worker_id = 0


def _fork_available():
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def get_max_test_processes():
    """Return the processes `--parallel auto` uses: DJANGO_TEST_PROCESSES, else
    the CPU count; 1 where processes cannot be forked."""
    if not _fork_available():
        return 1
    try:
        return int(os.environ["DJANGO_TEST_PROCESSES"])
    except KeyError:
        return os.cpu_count() or 1


def _parallel_processes(value):
    """Return the number of processes asked for by --parallel's value."""
    processes = get_max_test_processes() if value == "auto" else int(value or 0)
    if processes > 1 and not _fork_available():
        raise ImproperlyConfigured(
            "--parallel needs worker processes started with fork(), which this "
            "platform lacks: run with --parallel 1 (or DJSCRATCH_ENGINE=django, "
            "whose runner can spawn them).")
    return processes


def partition_suite_by_case(suite):
    """Split a suite into one suite per run of tests of the same class, in
    order: a test class is never split between processes."""
    import itertools
    import unittest

    return [unittest.TestSuite(list(group))
            for _, group in itertools.groupby(_flatten_suite(suite), type)]


def _declared_cost(subsuite):
    """Return what a subsuite's test class says it costs (its `parallel_cost`,
    rough seconds); 0 when it says nothing."""
    for test in subsuite:
        try:
            return float(getattr(type(test), "parallel_cost", 0) or 0)
        except (TypeError, ValueError):
            return 0.0
    return 0.0


def _longest_first(subsuites):
    """Return the subsuites' indexes in the order workers take them: the
    costliest declared first (so that no long class starts last while the
    other workers idle), the others in the suite's order."""
    costs = [_declared_cost(subsuite) for subsuite in subsuites]
    return sorted(range(len(subsuites)), key=lambda index: -costs[index])


# -- Test databases: a file database gets a copy per worker, named as Django
#    names it (test_db.sqlite3 -> test_db_1.sqlite3); an in-memory one is
#    copied by fork() itself, so each worker writes to its own.

def _clone_name(name, suffix):
    root, ext = os.path.splitext(name)
    return f"{root}_{suffix}{ext}"


def _is_file_db(alias):
    connection = connections[alias]
    creation = connection.creation
    return not creation.is_in_memory_db(connection.settings_dict["NAME"])


def _clone_test_databases(processes, verbosity=1):
    """Copy each file test database this process made, once per worker."""
    import sqlite3

    for alias in sorted(_TestDatabases.made):
        for _ in range(processes):
            if verbosity >= 1:
                print(f"Cloning test database for alias '{alias}'...",
                      file=sys.stderr)
        if not _is_file_db(alias):
            continue
        name = connections[alias].settings_dict["NAME"]
        source = sqlite3.connect(name)
        try:
            for suffix in range(1, processes + 1):
                target_name = _clone_name(name, suffix)
                _remove_database_file(target_name)
                target = sqlite3.connect(target_name)
                try:
                    source.backup(target)  # WAL-safe, unlike copying the file
                finally:
                    target.close()
        finally:
            source.close()


def _destroy_test_database_clones(processes, verbosity=1, keepdb=False):
    for alias in sorted(_TestDatabases.made):
        for _ in range(processes):
            if verbosity >= 1:
                action = "Preserving" if keepdb else "Destroying"
                print(f"{action} test database for alias '{alias}'...",
                      file=sys.stderr)
        if _is_file_db(alias) and not keepdb:
            name = connections[alias].settings_dict["NAME"]
            for suffix in range(1, processes + 1):
                _remove_database_file(_clone_name(name, suffix))


def _remove_database_file(name):
    for extra in ("", "-wal", "-shm"):
        if os.path.exists(name + extra):
            os.remove(name + extra)


def _init_worker(worker_id):
    """Number this worker and point it at its own test databases."""
    global _parallel_worker_id

    _parallel_worker_id = worker_id
    for alias, (old_name, test_name) in list(_TestDatabases.made.items()):
        connection = connections[alias]
        if _is_file_db(alias):
            clone = _clone_name(test_name, _parallel_worker_id)
            connection.close()  # the parent's file: not ours to write
            connection.settings_dict["NAME"] = clone
            settings.DATABASES[alias]["NAME"] = clone  # threads' connections too
            _TestDatabases.made[alias] = (old_name, clone)


# -- A worker's outcomes, as data: (event, index of the test in its subsuite,
#    arguments).  Tracebacks travel as the text the one-process run prints.

def _remote_result_class():
    import unittest

    class RemoteTestResult(unittest.TestResult):
        """Record what happens to each test as picklable events."""

        def __init__(self, tests, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.events = []
            self._index = {id(test): i for i, test in enumerate(tests)}
            self._started = None

        def _where(self, test):
            index = self._index.get(id(test))
            if index is None:  # setUpClass and friends: unittest's _ErrorHolder
                return (-1, str(test))
            return (index, None)

        def _text(self, test, err):
            return self._exc_info_to_string(err, test)

        def startTest(self, test):
            import time

            super().startTest(test)
            self._started = time.monotonic()
            self.events.append(("startTest", *self._where(test)))

        def stopTest(self, test):
            import time

            super().stopTest(test)
            seconds = time.monotonic() - (self._started or time.monotonic())
            self.events.append(("stopTest", *self._where(test), seconds))

        def addSuccess(self, test):
            super().addSuccess(test)
            self.events.append(("addSuccess", *self._where(test)))

        def addError(self, test, err):
            text = self._text(test, err)
            super().addError(test, err)
            self.events.append(("addError", *self._where(test), text))

        def addFailure(self, test, err):
            text = self._text(test, err)
            super().addFailure(test, err)
            self.events.append(("addFailure", *self._where(test), text))

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self.events.append(("addSkip", *self._where(test), str(reason)))

        def addExpectedFailure(self, test, err):
            text = self._text(test, err)
            super().addExpectedFailure(test, err)
            self.events.append(("addExpectedFailure", *self._where(test), text))

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self.events.append(("addUnexpectedSuccess", *self._where(test)))

        def addSubTest(self, test, subtest, err):
            text = None if err is None else self._text(subtest, err)
            super().addSubTest(test, subtest, err)
            if err is None:
                return  # unittest records nothing for a passing subtest
            params = {key: repr(value) for key, value in subtest.params.items()}
            message = subtest._message
            if message is unittest.case._subtest_msg_sentinel:
                message = None
            failed = issubclass(err[0], test.failureException)
            self.events.append(("addSubTest", *self._where(test),
                                (str(message) if message is not None else None,
                                 params, failed), text))

    return RemoteTestResult


def _run_subsuite(index, failfast, buffer):
    """Run one subsuite in this worker; return (index, events)."""
    subsuite = _parallel_subsuites[index]
    result = _remote_result_class()(list(subsuite))
    result.failfast = failfast
    result.buffer = buffer
    result.startTestRun()
    try:
        subsuite(result)
    finally:
        result.stopTestRun()
    return index, result.events


def _worker_main(worker_id, conn, failfast, buffer):
    """A worker process: run the subsuites the parent sends until told to stop."""
    _init_worker(worker_id)
    while True:
        index = conn.recv()
        if index is None:
            break
        try:
            outcome = _run_subsuite(index, failfast, buffer)
        except BaseException as exc:  # the runner itself broke: say so
            outcome = (index, [("addError", -1, f"worker ({worker_id})",
                                f"{type(exc).__name__}: {exc}\n")])
        try:
            conn.send(outcome)
        except Exception as exc:  # e.g. an outcome that cannot be pickled
            conn.send((index, [("addError", -1, f"worker ({worker_id})",
                                f"The outcome could not be sent back: {exc!r}\n")]))
    conn.close()
    sys.stdout.flush()  # what tests printed with --no-buffer
    sys.stderr.flush()
    os._exit(0)  # no atexit handlers or buffers of the parent's run


class _RemoteTraceback(Exception):
    """An error raised in a worker: its text as the worker formatted it."""

    def __init__(self, text):
        super().__init__(text)
        self.text = text


class _RemoteRepr:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def _remote_error(text):
    return (_RemoteTraceback, _RemoteTraceback(text), None)


# -- The suite the runner runs in place of the whole one.

# The result lists a report prints from, in the order each was added to.
_REPORTED = ("errors", "failures", "skipped", "expectedFailures",
             "unexpectedSuccesses")

def _parallel_suite_class():
    import unittest

    class ParallelTestSuite(unittest.TestSuite):
        """Run subsuites (whole test classes) in forked worker processes.

        Each worker's events are replayed into the run's result as soon as its
        subsuite ends, so the report is the one a single process prints.  A
        test class may say what it costs (`parallel_cost = 8`, in rough
        seconds): the costliest are handed out first.
        """

        def __init__(self, subsuites, processes, failfast=False, buffer=False):
            super().__init__()
            self.subsuites = subsuites
            self.processes = processes
            self.failfast = failfast
            self.buffer = buffer
            self._positions = {}  # id(report entry) -> its subsuite's index

        def __iter__(self):
            return iter(self.subsuites)

        def countTestCases(self):
            return sum(s.countTestCases() for s in self.subsuites)

        def run(self, result):
            global _parallel_subsuites
            _parallel_subsuites = self.subsuites
            sys.stdout.flush()
            sys.stderr.flush()
            todo = _longest_first(self.subsuites)
            workers = {}  # worker id -> [process, connection, running index]
            finished = False
            try:
                for worker_id in range(1, min(self.processes, len(todo)) + 1):
                    workers[worker_id] = self._start_worker(worker_id)
                    self._give_work(workers[worker_id], todo)
                self._collect(result, workers, todo)
                finished = not result.shouldStop
                self._in_suite_order(result)
            finally:  # after --failfast or Ctrl-C, stop the workers at once
                self._stop_workers(workers, kill=not finished)
                _parallel_subsuites = []
            return result

        def _start_worker(self, worker_id):
            import multiprocessing

            context = multiprocessing.get_context("fork")
            parent_end, child_end = context.Pipe()
            process = context.Process(
                target=_worker_main, name=f"djscratch-test-worker-{worker_id}",
                args=(worker_id, child_end, self.failfast, self.buffer), daemon=True)
            process.start()
            child_end.close()
            return [process, parent_end, None]

        def _give_work(self, worker, todo):
            worker[2] = todo.pop(0) if todo else None
            if worker[2] is not None:
                worker[1].send(worker[2])

        def _collect(self, result, workers, todo):
            from multiprocessing.connection import wait

            while not result.shouldStop:
                busy = {w[1]: w for w in workers.values() if w[2] is not None}
                if not busy:
                    return
                ready = wait(list(busy) + [w[0].sentinel for w in busy.values()],
                             timeout=0.5)
                for worker_id, worker in list(workers.items()):
                    if worker[2] is None:
                        continue
                    if worker[1] in ready or worker[1].poll():
                        try:
                            index, events = worker[1].recv()
                        except (EOFError, OSError):
                            index, events = worker[2], None
                        if events is None:
                            self._report_crash(result, worker)
                            workers[worker_id] = self._start_worker(worker_id)
                        else:
                            self._replay(result, index, events)
                        self._give_work(workers[worker_id], todo)
                    elif worker[0].sentinel in ready:  # died without a word
                        worker[0].join()
                        self._report_crash(result, worker)
                        workers[worker_id] = self._start_worker(worker_id)
                        self._give_work(workers[worker_id], todo)
                    if result.shouldStop:
                        return

        def _replay(self, result, index, events):
            tests = list(self.subsuites[index])
            before = {name: len(getattr(result, name, ())) for name in _REPORTED}
            try:
                for event in events:
                    self.handle_event(result, tests, event)
                    if result.shouldStop:
                        return
            finally:
                for name, start in before.items():
                    for entry in getattr(result, name, ())[start:]:
                        self._positions[id(entry)] = index

        def _in_suite_order(self, result):
            """Sort the failures, errors and skips by their class's place in
            the suite: workers finish in any order, and the report must not
            depend on which finished first."""
            for name in _REPORTED:
                entries = getattr(result, name, None)
                if entries:
                    entries.sort(key=lambda e: self._positions.get(id(e), -1))

        def _stop_workers(self, workers, kill=False):
            for process, conn, _ in workers.values():
                try:
                    if kill:
                        process.terminate()
                    else:
                        conn.send(None)
                except OSError:
                    pass
            for process, conn, _ in workers.values():
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()
                    process.join()
                conn.close()

        def _report_crash(self, result, worker):
            process, _, index = worker
            tests = list(self.subsuites[index])
            first = tests[0]
            label = f"{type(first).__module__}.{type(first).__qualname__}"
            text = (f"A test worker process ended unexpectedly (exit code "
                    f"{process.exitcode}) while running {label} "
                    f"({len(tests)} test(s)).\n"
                    f"Run them with --parallel 1 to see the failure.\n")
            holder = unittest.suite._ErrorHolder(f"worker ({label})")
            result.addError(holder, _remote_error(text))
            if result.errors:
                self._positions[id(result.errors[-1])] = index

        def handle_event(self, result, tests, event):
            name, index, description, *args = event
            test = tests[index] if index >= 0 else unittest.suite._ErrorHolder(
                description)
            if name == "stopTest":
                result._remote_seconds = args[0]
                try:
                    result.stopTest(test)
                finally:
                    result._remote_seconds = None
                return
            if name in ("addError", "addFailure", "addExpectedFailure"):
                args = [_remote_error(args[0])]
            elif name == "addSubTest":
                (message, params, failed), text = args
                if message is None:
                    message = unittest.case._subtest_msg_sentinel
                subtest = unittest.case._SubTest(
                    test, message,
                    {key: _RemoteRepr(value) for key, value in params.items()})
                error_type = test.failureException if failed else _RemoteTraceback
                args = [subtest, (error_type, _RemoteTraceback(text), None)]
            getattr(result, name)(test, *args)

    return ParallelTestSuite
