"""Run one of Django's own test modules on djscratch; record each outcome.

    python tools/django_suite_worker.py MODULE EVENTS_FILE   (cwd: Django's tests/)

tools/django_suite.py starts one of these per module.  Every event is written
to EVENTS_FILE as a JSON line the moment it happens, so a module that is
killed at its timeout, or crashes, still leaves what it did.
"""

import json
import os
import re
import sys
import traceback
import warnings

#: How bad an outcome is: a test's outcome is the worst one it reported
#: (a failing subTest makes the test fail, an erroring one makes it an error).
SEVERITY = {"passed": 0, "skipped": 1, "failed": 2, "errors": 3}


class EventLog:
    """Write events as JSON lines, flushed at once."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")

    def write(self, **event):
        self.file.write(json.dumps(event) + "\n")
        self.file.flush()


#: Messages shortened to the feature they name, so the table groups them.
SHORT_REASONS = [
    (re.compile(r"inherits from the concrete model"),
     "NotSupportedError: concrete model inheritance"),
]


def describe(exc):
    """Return "ExceptionType: first line of the message", kept short.

    unittest reports a test file that fails to import as an ImportError
    carrying the whole traceback; its last line is the real exception.
    """
    text = str(exc).strip().splitlines()
    if text and text[0].startswith("Failed to import test module:"):
        last = text[-1].strip()
        return last[:300] if ":" in last else f"{type(exc).__name__}: {last}"[:300]
    message = text[0] if text else ""
    described = f"{type(exc).__name__}: {message}"
    for pattern, short in SHORT_REASONS:
        if pattern.search(described):
            return short
    return described[:300]


def missing_name(exc):
    """Return the Django name an ImportError says is missing, or None.

    "cannot import name 'X' from 'django.a.b'" -> "django.a.b.X";
    "djscratch does not implement the module 'django.a'" -> "django.a";
    "djscratch does not implement django.a.X" -> "django.a.X".  The last one
    in a traceback is the one that stopped the import.
    """
    text = str(exc)
    last = text.strip().splitlines()[-1] if text.strip() else ""
    if not isinstance(exc, ImportError) and "djscratch does not implement" not in last:
        return None
    if "Failed to import test module:" in text and not (
            re.match(r"(ImportError|ModuleNotFoundError)", last)
            or "djscratch does not implement" in last):
        return None  # the file imported its names but failed on something else
    found = re.findall(r"cannot import name '([^']+)' from '([^']+)'", last)
    if found:
        return f"{found[-1][1]}.{found[-1][0]}"
    found = re.findall(r"does not implement (?:the module )?'?(django[\w.]*)'?", last)
    if found:
        return found[-1].rstrip(".")
    if isinstance(exc, ImportError) and getattr(exc, "name", None):
        return exc.name
    return None


def _last_exception_line(err):
    """Return "Type: message" for the exception in a unittest err triple."""
    return describe(err[1]) if err and err[1] is not None else ""


def make_result_class(log):
    """Return a unittest result class that sends every outcome to `log`."""
    import unittest

    class RecordingResult(unittest.TextTestResult):
        def _record(self, test, outcome, err=None):
            holder = type(test).__name__ == "_ErrorHolder"
            if holder:  # setUpClass / setUpModule failed: its tests never start
                log.write(fixture_error=test.description,
                          reason=_last_exception_line(err))
                return
            event = {"test": test.id(), "outcome": outcome}
            if err is not None:
                event["reason"] = _last_exception_line(err)
            log.write(**event)

        def addSuccess(self, test):
            super().addSuccess(test)
            self._record(test, "passed")

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._record(test, "failed", err)

        def addError(self, test, err):
            super().addError(test, err)
            self._record(test, "errors", err)

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self._record(test, "skipped")

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self._record(test, "passed")  # the outcome Django expects

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self._record(test, "failed")

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                failed = issubclass(err[0], test.failureException)
                self._record(test, "failed" if failed else "errors", err)

    return RecordingResult


def split_import_errors(tests):
    """Return (runnable tests, [(test file, exception)]) from a flat list."""
    import unittest

    runnable, broken = [], []
    for test in tests:
        if isinstance(test, unittest.loader._FailedTest):
            broken.append((test._testMethodName, test._exception))
        else:
            runnable.append(test)
    return runnable, broken


def run(module, log):
    """Set up djscratch as runtests.py would for `module` and run its tests."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_suite_settings")
    os.environ["DJSCRATCH_SUITE_MODULE"] = module
    os.environ["RUNTESTS_DIR"] = os.getcwd()
    os.environ["RUNNING_DJANGOS_TEST_SUITE"] = "true"
    import unittest

    import djscratch  # noqa: F401  (installs the django.* alias)
    import django
    from django.utils import deprecation

    # runtests.py's warning filters: deprecations, resource and runtime
    # warnings are errors (tests assert some with assertRaises).
    for category in (deprecation.RemovedInDjango60Warning,
                     deprecation.RemovedInDjango61Warning, ResourceWarning,
                     RuntimeWarning):
        warnings.simplefilter("error", category)
    from django.conf import settings
    from django.test.runner import DiscoverRunner

    try:
        django.setup()  # imports every installed app, the module's models too
    except Exception as exc:
        log.write(import_error=module, reason=describe(exc), missing=missing_name(exc),
                  where="setup")
        return
    log.write(missing_contrib_apps=list(settings.MISSING_CONTRIB_APPS))

    result_class = make_result_class(log)

    class Runner(DiscoverRunner):
        def build_suite(self, test_labels=None, **kwargs):
            suite = super().build_suite(test_labels, **kwargs)
            tests, broken = split_import_errors(list(suite))
            for name, exc in broken:
                log.write(import_error=name, reason=describe(exc),
                          missing=missing_name(exc), where="import")
            log.write(collected=[test.id() for test in tests])
            return unittest.TestSuite(tests)

        def get_resultclass(self):
            return result_class

        def run_checks(self, databases):
            try:
                super().run_checks(databases)
            except Exception as exc:  # reported, then the tests run anyway
                log.write(checks_error=describe(exc))

    runner = Runner(verbosity=0, interactive=False)
    try:
        runner.run_tests([module])
    except Exception as exc:
        log.write(run_error=describe(exc), where=traceback.format_exc()[-2000:])


def main(argv):
    module, events = argv[1], argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    # Django's tests/ first (its modules are top-level names, as in runtests.py),
    # the repository root for djscratch.py, this folder for the settings last.
    sys.path[:] = [os.getcwd(), os.path.dirname(here)] + [
        p for p in sys.path if os.path.abspath(p or ".") != here] + [here]
    log = EventLog(events)
    # The tests print; keep the worker's own stdout for nothing but them.
    sys.stdin = open(os.devnull, encoding="utf-8")
    try:
        run(module, log)
    finally:
        log.write(done=True)
        log.file.close()
    sys.stdout.flush()
    os._exit(0)  # do not wait for threads a test may have left running


if __name__ == "__main__":
    main(sys.argv)
