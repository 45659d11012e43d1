"""Record real Django 5.2's results for tests/orm_scenario.py (the oracle).

It writes tests/orm_expected.json, which tests/test_orm_oracle.py compares
djscratch with.  Not a test module (gen_*.py).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests import oracle_settings  # noqa: E402

oracle_settings.setup()

from tests import orm_scenario  # noqa: E402

if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "orm_expected.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(orm_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
