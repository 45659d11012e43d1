"""Write tests/csrf_page_expected.json: the CSRF failure page
(tests/csrf_page_cases.py) as real Django 5.2 renders it.

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

    settings.configure(SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"])
    django.setup()
    from tests.csrf_page_cases import run_cases

    with open(os.path.join(HERE, "csrf_page_expected.json"), "w") as f:
        json.dump(run_cases(), f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
