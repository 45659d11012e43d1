"""Write tests/save_expressions_expected.json: real Django 5.2's results for
tests/save_expressions_scenario.py (tests/test_orm_save_expressions.py compares).

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

from tests import save_expressions_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "save_expressions_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(save_expressions_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
