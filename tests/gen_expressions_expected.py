"""Write tests/expressions_expected.json: real Django 5.2's results for
tests/expressions_scenario.py (tests/test_orm_expressions_api.py compares).

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

from tests import expressions_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "expressions_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(expressions_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
