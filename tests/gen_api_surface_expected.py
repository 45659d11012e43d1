"""Write tests/api_surface_expected.json: real Django 5.2's results for
tests/api_surface_scenario.py (tests/test_api_surface.py compares djscratch).

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

settings.configure(DEBUG=False, USE_TZ=True, TIME_ZONE="UTC", LANGUAGE_CODE="en-us",
                   ALLOWED_HOSTS=["testserver"], SECRET_KEY="api-surface-scenario")
django.setup()

from tests import api_surface_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "api_surface_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(api_surface_scenario.run(), f, indent=1, sort_keys=True,
                  ensure_ascii=False)
        f.write("\n")
