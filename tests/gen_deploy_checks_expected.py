"""Record real Django's `check --deploy` output for tests/deploy_checks_cases.py.

It writes tests/data/deploy_checks_expected.json, which test_cli.py reads.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from deploy_checks_cases import CASES, settings_source  # noqa: E402


def run_case(name):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "deploy_settings.py"), "w") as f:
            f.write(settings_source(name))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deploy_settings",
               "PYTHONPATH": tmp}
        result = subprocess.run(
            [sys.executable, "-m", "django", "check", "--deploy"], cwd=tmp, env=env,
            capture_output=True, text=True, timeout=60)
    return {"returncode": result.returncode, "stdout": result.stdout,
            "stderr": result.stderr}


def main():
    import django

    expected = {"django": django.get_version(),
                "cases": {name: run_case(name) for name in CASES}}
    with open(os.path.join(HERE, "data", "deploy_checks_expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
