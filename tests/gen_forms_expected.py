"""Write tests/forms_expected.json: the HTML real Django 5.2 renders for the
forms in tests/forms_cases.py.

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

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False, SECRET_KEY="x",
    STATIC_URL="/static/",
)
django.setup()
warnings.simplefilter("ignore")

import forms_cases  # noqa: E402

if __name__ == "__main__":
    result = forms_cases.build()
    result["fuzz"] = forms_cases.fuzz()
    with open(os.path.join(HERE, "forms_expected.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("wrote %d cases" % len(result))
