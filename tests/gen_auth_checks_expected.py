"""Write tests/auth_checks_expected.json: what tests/auth_checks_run.py prints
on real Django 5.2 (tests/test_auth_checks.py compares djscratch's).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    env = {k: v for k, v in os.environ.items() if k != "DJS"}
    output = subprocess.run([sys.executable, os.path.join(HERE, "auth_checks_run.py")],
                            env=env, capture_output=True, text=True, check=True).stdout
    with open(os.path.join(HERE, "auth_checks_expected.json"), "w",
              encoding="utf-8") as f:
        f.write(output)
