"""Write tests/cve_cache_expected.json: what Django 5.2 answers for the page
cache cases of tests/cve_cache_cases.py (the 2026 cache CVEs' inputs mixed).

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

settings.configure(SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"])

import django  # noqa: E402

django.setup()

from tests.cve_cache_cases import collect  # noqa: E402

# One case a line, so a change in Django's answers reads as a short diff.
results = collect()
with open(os.path.join(HERE, "cve_cache_expected.json"), "w", encoding="utf-8") as f:
    f.write("{\n%s\n}\n" % ",\n".join(
        "%s: %s" % (json.dumps(name), json.dumps(results[name], ensure_ascii=False))
        for name in sorted(results)))
