"""Record real Django 5.2's results for tests/custom_lookups_scenario.py.

Run with the oracle venv from the worktree root:
    /work/venv-django/bin/python tests/gen_custom_lookups_expected.py \
        > tests/custom_lookups_expected.json
Not a test module (gen_*.py); tests/test_custom_lookups.py compares djscratch.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False, USE_TZ=True, TIME_ZONE="UTC", INSTALLED_APPS=["tests.orm_oracle"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from tests import custom_lookups_scenario  # noqa: E402

if __name__ == "__main__":
    json.dump(custom_lookups_scenario.run(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
