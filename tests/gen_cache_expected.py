"""Write tests/cache_expected.json: what Django 5.2 answers for the cases in
tests/cache_cases.py (page and fragment caching, keys, headers, the
createcachetable SQL).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                           "NAME": ":memory:"}},
)

import django  # noqa: E402

django.setup()

from tests.cache_cases import collect  # noqa: E402

with open(os.path.join(HERE, "cache_expected.json"), "w", encoding="utf-8") as f:
    json.dump(collect(), f, indent=1, sort_keys=True, ensure_ascii=False)
    f.write("\n")
