"""Write tests/model_fields_expected.json: real Django 5.2's results for
tests/model_fields_scenario.py (tests/test_model_fields.py compares).

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

from tests import model_fields_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "model_fields_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(model_fields_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
