"""Write tests/sites_expected.txt: the sites framework scenario
(tests/sites_project/run.py) run on real Django 5.2.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "sites_project")

if __name__ == "__main__":
    env = {**os.environ, "PYTHONPATH": PROJECT, "DJANGO_SETTINGS_MODULE": "settings"}
    env.pop("DJS", None)
    out = subprocess.run([sys.executable, "run.py"], cwd=PROJECT, env=env,
                         capture_output=True, text=True, check=True).stdout
    with open(os.path.join(HERE, "sites_expected.txt"), "w") as f:
        f.write(out)
