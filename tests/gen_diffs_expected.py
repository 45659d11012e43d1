"""Record real Django 5.2's results for tests/diffs_scenario.py (the oracle).

It writes tests/diffs_expected.json, which tests/test_django_diffs.py compares
djscratch with: the differences from Django listed in issue 19, and what
Django's test runner says of tests/diffs_num_queries.py.  Not a test module
(gen_*.py).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

from tests.diffs_oracle import SETTINGS  # noqa: E402

settings.configure(INSTALLED_APPS=["tests.diffs_oracle"], **SETTINGS)
django.setup()

from tests import diffs_scenario  # noqa: E402

if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "diffs_expected.json")
    expected = diffs_scenario.run()
    expected["runner"] = diffs_scenario.runner_summary(
        [sys.executable, "-m", "django"])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
