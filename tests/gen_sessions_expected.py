"""Write tests/sessions_expected.json: session and message data signed by Django 5.2.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py

The values are signed with TEST_SETTINGS' SECRET_KEY; djscratch must read them.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests import TEST_SETTINGS  # noqa: E402

from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY=TEST_SETTINGS["SECRET_KEY"], USE_I18N=False,
    INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages"])

import django  # noqa: E402

django.setup()

from django.core import signing  # noqa: E402

# Every value is signed at one fixed moment (2026-11-21 11:23:55 UTC), so that
# regenerating reproduces this file byte for byte.
SIGNED_AT = 1795260235
signing.TimestampSigner.timestamp = lambda self: signing.b62_encode(SIGNED_AT)

from django.contrib.messages import constants  # noqa: E402
from django.contrib.messages.storage.base import Message  # noqa: E402
from django.contrib.messages.storage.cookie import CookieStorage  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore as DBStore  # noqa: E402
from django.contrib.sessions.backends.signed_cookies import (  # noqa: E402
    SessionStore as CookieStore,
)
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

DATA = {"cart": [1, 2, 3], "name": "Zoë", "nested": {"a": None, "b": True}}

cookie_session = CookieStore()
cookie_session.update(DATA)
cookie_session.save()

db_session = DBStore()
db_encoded = db_session.encode(DATA)

storage = CookieStorage(HttpRequest())
response = HttpResponse()
messages = [Message(constants.INFO, "Saved."),
            Message(constants.ERROR, mark_safe("<b>Bad</b>"), extra_tags="form"),
            Message(constants.SUCCESS, "Zoë ✓")]
storage._store(messages, response)

out = {
    "data": DATA,
    "signed_cookie_session_key": cookie_session.session_key,
    "db_session_data": db_encoded,
    "messages_cookie": response.cookies["messages"].value,
    "messages": [[m.level, str(m.message), m.extra_tags or "", m.tags]
                 for m in messages],
}
path = os.path.join(HERE, "sessions_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote", path)
