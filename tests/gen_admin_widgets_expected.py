"""Write tests/admin_widgets_expected.json: what real Django 5.2 gives for
tests/admin_widgets_scenario.py (the admin's widgets, the relation links of
ModelAdmin forms, the raw-id lookup and the popup responses).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    env = dict(os.environ, ADMIN_WIDGETS_ENGINE="django")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, os.path.join(HERE, "admin_widgets_scenario.py")],
        capture_output=True, text=True, env=env, check=True)
    with open(os.path.join(HERE, "admin_widgets_expected.json"), "w",
              encoding="utf-8") as f:
        f.write(done.stdout)
    print("wrote tests/admin_widgets_expected.json")
