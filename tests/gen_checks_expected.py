"""Write tests/checks_expected.json: what real Django's `check` prints for
the cases of tests/test_checks.py.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="x" * 60, INSTALLED_APPS=["checks_app"], ROOT_URLCONF="checks_bad_urls",
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    STATIC_URL="static", MEDIA_URL="/media", DATABASES={})
django.setup()

from django.core import checks  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import SystemCheckError  # noqa: E402


@checks.register("mine")
def my_check(app_configs, **kwargs):
    return [checks.Warning("a warning", hint="a hint", obj="an object",
                           id="mine.W001"),
            checks.Info("some info", id="mine.I001"),
            checks.Critical("critical", id="mine.C001"),
            checks.Debug("debug", id="mine.D001"),
            checks.Warning("silenced", id="mine.W002")]


@checks.register("warn_only")
def warn_only(app_configs, **kwargs):
    return [checks.Warning("only a warning", obj="thing", id="mine.W003")]


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check", *args, stdout=out, stderr=err, **options)
        raised = None
    except SystemCheckError as exc:
        raised = str(exc)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "raised": raised}


expected = {"django": django.get_version()}
expected["urls"] = run(tags=["urls"])
expected["models"] = run(tags=["models"])
settings.SILENCED_SYSTEM_CHECKS = ["mine.W002"]
expected["mine"] = run(tags=["mine"])
expected["warn_only"] = run(tags=["warn_only"])
expected["warn_only_fail_warning"] = run(tags=["warn_only"], fail_level="WARNING")
expected["messages"] = {
    "str_no_obj": str(checks.Error("msg", id="x.E001")),
    "str_hint": str(checks.Warning("msg", hint="hint", obj="obj", id="x.W001")),
    "str_no_id": str(checks.Info("msg")),
    "repr": repr(checks.Critical("msg", hint="h", obj=1, id="x.C001")),
}
with open(os.path.join(HERE, "checks_expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
