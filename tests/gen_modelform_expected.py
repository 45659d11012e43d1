"""Write tests/modelform_expected.json: ModelForms from tests/modelform_cases.py
as real Django 5.2 renders them (in-memory sqlite).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import types  # noqa: E402

import django  # noqa: E402
from django.apps import AppConfig  # noqa: E402
from django.conf import settings  # noqa: E402

# An installed app labelled "forms_tests" for the models' Meta.app_label (so reverse
# relations resolve), without a models module of its own.
_app = types.ModuleType("djscratch_tests_app")
_app.__path__ = [HERE]


class TestsConfig(AppConfig):
    name = "djscratch_tests_app"
    label = "forms_tests"
    path = HERE


_app.TestsConfig = TestsConfig
sys.modules["djscratch_tests_app"] = _app

settings.configure(
    USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False, SECRET_KEY="x",
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=["djscratch_tests_app.TestsConfig"],
)
django.setup()
warnings.simplefilter("ignore")

import modelform_cases  # noqa: E402

if __name__ == "__main__":
    from django.db import connection

    ms = modelform_cases.models()
    with connection.schema_editor() as editor:
        for model in (ms["Author"], ms["Tag"], ms["Book"]):
            editor.create_model(model)
    modelform_cases.populate()
    result = modelform_cases.build()
    with open(os.path.join(HERE, "modelform_expected.json"), "w",
              encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("wrote %d cases" % len(result))
