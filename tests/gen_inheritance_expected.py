"""Write tests/inheritance_expected.json: real Django 5.2's results for
tests/inheritance_scenario.py (tests/test_inheritance.py compares djscratch).

The scenario runs in its own process with INHERITANCE_ORACLE=django; it is
deterministic (fixed data, ordered queries).  Regenerate it (with every other
expectation file, by real Django from .venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    env = dict(os.environ, INHERITANCE_ORACLE="django",
               PYTHONPATH=os.path.dirname(HERE))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = os.path.join(HERE, "inheritance_scenario.py")
    done = subprocess.run([sys.executable, script], capture_output=True, text=True,
                          env=env, check=True)
    with open(os.path.join(HERE, "inheritance_expected.json"), "w",
              encoding="utf-8") as f:
        json.dump(json.loads(done.stdout), f, indent=1, sort_keys=True)
        f.write("\n")
