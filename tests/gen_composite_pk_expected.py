"""Write tests/composite_pk_expected.json: real Django 5.2's results for
tests/composite_pk_scenario.py, and tests/composite_pk_auth_expected.txt: what
tests/composite_pk_auth_project/run.py prints (tests/test_orm_composite_pk.py
compares both).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests import oracle_settings  # noqa: E402

oracle_settings.setup()

from tests import composite_pk_scenario  # noqa: E402

if __name__ == "__main__":
    OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "composite_pk_expected.json")
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(composite_pk_scenario.run(), f, indent=1, sort_keys=True)
        f.write("\n")
    PROJECT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "composite_pk_auth_project")
    env = {**{k: v for k, v in os.environ.items() if k != "DJS"},
           "PYTHONDONTWRITEBYTECODE": "1"}
    printed = subprocess.run([sys.executable, "run.py"], cwd=PROJECT, env=env,
                             capture_output=True, text=True, check=True).stdout
    with open(os.path.join(os.path.dirname(PROJECT), "composite_pk_auth_expected.txt"),
              "w", encoding="utf-8") as f:
        f.write(printed)
