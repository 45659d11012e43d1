"""Count the tests real Django finds in each of its test modules.

    /path/to/django-venv/bin/python tools/django_suite_collect.py MODULE...
    (cwd: Django's tests/; prints {"module.test_file": count, ...} as JSON)

The denominator of the table in docs/django-test-suite.md: how many tests each
test file has when it imports, as Django's own runtests.py sets them up.
Run by `tools/django_suite.py --update --django-python PATH`.
"""

import json
import os
import sys


def main(modules):
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "test_sqlite")
    import runtests  # Django's tests/runtests.py: its settings, its app list
    from django.test.runner import DiscoverRunner

    labels, state = runtests.setup_run_tests(0, None, None, modules)
    suite = DiscoverRunner(verbosity=0).build_suite(labels)
    counts = {}  # test file (dotted) -> its tests
    for test in suite:
        name = type(test).__module__
        counts[name] = counts.get(name, 0) + 1
    print(json.dumps(dict(sorted(counts.items()))))


if __name__ == "__main__":
    main(sys.argv[1:])
