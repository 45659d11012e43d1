"""Write tests/l10n_formats_expected.json: real Django 5.2's results for
tests/l10n_formats_scenario.py (tests/test_l10n_formats.py compares).

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

settings.configure(DEBUG=False, USE_TZ=False, TIME_ZONE="UTC", SECRET_KEY="s" * 50)
django.setup()

from tests import l10n_formats_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "l10n_formats_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(l10n_formats_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
