"""Write tests/static_view_expected.json: the cases of
tests/static_view_cases.py (django.views.static.serve) on real Django 5.2.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

if __name__ == "__main__":
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=True, SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    )
    django.setup()
    from tests.static_view_cases import run_cases

    with open(os.path.join(HERE, "static_view_expected.json"), "w") as f:
        json.dump(run_cases(), f, indent=1, sort_keys=True)
        f.write("\n")
