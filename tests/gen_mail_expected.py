"""Write tests/mail_expected.json from real Django 5.2: the
MIME text of the messages in tests/mail_cases.py, Date/Message-ID/boundaries
normalised, and their recipients.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from django.conf import settings  # noqa: E402

settings.configure()

import django  # noqa: E402

django.setup()

from tests.mail_cases import build_cases, normalised  # noqa: E402

expected = {
    name: {"mime": normalised(message), "recipients": message.recipients()}
    for name, message in build_cases().items()
}
path = os.path.join(os.path.dirname(__file__), "mail_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
    f.write("\n")
