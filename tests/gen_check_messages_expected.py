"""Record the check messages real Django keeps as module constants
(security.W001 ... W025, async.E001, translation.E001-E004, caches.E001,
staticfiles.E005) for tests/test_checks_django.py.

It writes tests/check_messages_expected.json.  Regenerate it (with every
other expectation file, by real Django from .venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import importlib
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

MODULES = (
    "django.core.checks.security.base", "django.core.checks.security.csrf",
    "django.core.checks.security.sessions", "django.core.checks.async_checks",
    "django.core.checks.translation", "django.core.checks.caches",
    "django.contrib.staticfiles.checks",
)


def main():
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    from django.core.checks import CheckMessage

    expected = {}
    for name in MODULES:
        module = importlib.import_module(name)
        expected[name] = {
            attr: {"class": type(value).__name__, "level": value.level,
                   "msg": value.msg, "hint": value.hint, "id": value.id}
            for attr, value in sorted(vars(module).items())
            if re.fullmatch(r"[EW]\d{3}", attr) and isinstance(value, CheckMessage)}
    with open(os.path.join(HERE, "check_messages_expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
