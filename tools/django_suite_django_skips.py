"""Record which tests real Django skips in the chosen modules, and why.

    /path/to/django-venv/bin/python tools/django_suite_django_skips.py
    (writes tools/django_suite_django_skips.json; takes a few minutes)

Run the modules of tools/django_suite.py on real Django 5.2 (its own
tests/runtests.py set-up, SQLite, this machine: no memcached, no selenium, no
docutils; one process per module, two at a time), and keep {test id: reason}
for each test Django skips there.  The
table in docs/django-test-suite.md uses it to tell a skip Django takes too
(a PostgreSQL-only test, a memcached backend) from one only djscratch takes
(a database feature djscratch says it lacks), which counts against djscratch.
"""

import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tools" / "django_suite_django_skips.json"


class SkipRecorder(unittest.TextTestResult):
    """A result that also keeps each skipped test's id and reason."""

    skips = {}
    skipped_classes = {}  # "module.Class" -> reason (setUpClass raised SkipTest)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        test_id = test.id()
        if test_id.startswith("setUpClass (") and test_id.endswith(")"):
            self.skipped_classes[test_id[len("setUpClass ("):-1]] = reason
        else:
            self.skips[test_id] = reason


def _flatten(suite):
    """The test cases of a suite, at any depth (a parallel suite nests them)."""
    for item in getattr(suite, "subsuites", None) or suite:
        if isinstance(item, unittest.TestCase):
            yield item
        else:
            yield from _flatten(item)


def run(modules, parallel):
    """Run `modules` on real Django; return {test id: skip reason}."""
    tests_dir = pathlib.Path(os.getcwd())
    sys.path.insert(0, str(tests_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "test_sqlite")
    import runtests  # Django's tests/runtests.py: its settings, its app list
    from django.test.runner import DiscoverRunner

    class Runner(DiscoverRunner):
        def get_resultclass(self):
            return SkipRecorder

    labels, state = runtests.setup_run_tests(0, None, None, modules)
    runner = Runner(verbosity=0, parallel=parallel, interactive=False)
    suite = runner.build_suite(labels)
    every = [test.id() for test in _flatten(suite)]
    runner.run_tests(labels)
    skips = dict(SkipRecorder.skips)
    for cls, reason in SkipRecorder.skipped_classes.items():
        for test_id in every:
            if test_id.startswith(cls + "."):
                skips.setdefault(test_id, reason)
    return skips


def run_one(module):
    """Run one module in a process of its own (the tests of one module cannot
    stop the others'); return its {test id: reason}."""
    with tempfile.TemporaryDirectory(prefix="djsuite-skips-") as tmp:
        result = subprocess.run(
            [sys.executable, __file__, "--one", module], capture_output=True,
            text=True, timeout=1800, env={**os.environ, "TMPDIR": tmp})
    lines = result.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("{"):
        raise SystemExit(f"{module}: the run failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def main(argv):
    sys.path.insert(0, str(ROOT / "tools"))
    import django_suite

    tests_dir = django_suite.extract_tests(django_suite.fetch_sdist())
    os.chdir(tests_dir)
    if argv[:1] == ["--one"]:
        # What runtests.py does before setting up: a TMPDIR of its own.
        tempfile.tempdir = os.environ["TMPDIR"]
        print(json.dumps(run(argv[1:], parallel=1)))
        return
    modules = argv or django_suite.MODULES
    skips = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for module, found in zip(modules, pool.map(run_one, modules)):
            print(f"{module:32} {len(found):4d} skipped", flush=True)
            skips.update(found)
    previous = json.loads(OUT.read_text(encoding="utf-8"))["skips"] \
        if argv and OUT.exists() else {}
    if argv:  # a partial run replaces only its modules' entries
        previous = {t: r for t, r in previous.items()
                    if t.split(".", 1)[0] not in modules}
    previous.update(skips)
    import django
    data = {"django": django.get_version(), "skips": dict(sorted(previous.items()))}
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(skips)} tests skipped by Django; wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
