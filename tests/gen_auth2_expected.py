"""Write tests/auth2_expected.json: the auth project scenario
(tests/auth2_project/run.py) run on real Django 5.2, once per user model and
session engine of CONFIGS.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "auth2_project")
#: name -> (script, AUTH2_USER, AUTH2_SESSIONS)
CONFIGS = {
    "auth-db": ("run.py", "auth", "db"),
    "abstractuser-db": ("run.py", "accounts", "db"),
    "emailuser-db": ("run.py", "emailaccounts", "db"),
    "emailuser-signed-cookies": ("run.py", "emailaccounts", "signed_cookies"),
    "commands-auth": ("commands_run.py", "auth", "db"),
    "commands-emailuser": ("commands_run.py", "emailaccounts", "db"),
}


def project_env(config, djscratch_root=None):
    """The environment the scenario runs in for `config`."""
    _script, user, sessions = CONFIGS[config]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "AUTH2_USER": user,
           "AUTH2_SESSIONS": sessions, "PYTHONPATH": PROJECT}
    env.pop("DJS", None)
    if djscratch_root:
        env.update(DJS="1", PYTHONPATH=os.pathsep.join([djscratch_root, PROJECT]))
    return env


if __name__ == "__main__":
    expected = {}
    for name in CONFIGS:
        expected[name] = subprocess.run(
            [sys.executable, CONFIGS[name][0]], cwd=PROJECT, env=project_env(name),
            capture_output=True, text=True, check=True).stdout
    with open(os.path.join(HERE, "auth2_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
