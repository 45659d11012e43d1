"""Write tests/form_cache_expected.json: what real Django 5.2 gives for
tests/form_cache_scenario.py.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    env = dict(os.environ, FORM_CACHE_ENGINE="django")
    done = subprocess.run(
        [sys.executable, os.path.join(HERE, "form_cache_scenario.py")],
        capture_output=True, text=True, env=env, check=True)
    with open(os.path.join(HERE, "form_cache_expected.json"), "w",
              encoding="utf-8") as f:
        f.write(done.stdout)
    print("wrote tests/form_cache_expected.json")
