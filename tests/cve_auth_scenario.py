"""The password reset form under attack (CVE-2019-19844, CVE-2024-45231), on
one project with contrib.auth, printed as JSON.

Runs on either engine: tests/test_cve_auth.py runs it on djscratch and checks
the values real Django 5.2 gives (CVE_AUTH_ENGINE=django runs it on Django).
"""

import json
import logging
import os
import sys
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("CVE_AUTH_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

MAIL_TEMPLATES = {
    "registration/password_reset_subject.txt": "Reset\n",
    "registration/password_reset_email.html": "{{ uid }}/{{ token }}",
}
settings.configure(
    SECRET_KEY="cve-auth-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader",
                                         MAIL_TEMPLATES)]}}],
    ROOT_URLCONF=__name__)
urlpatterns = []
django.setup()

from django.core.management import call_command  # noqa: E402

if ON_DJANGO:
    call_command("migrate", verbosity=0)
else:
    djscratch.sync_schema(verbosity=0)

from django.contrib.auth.forms import PasswordResetForm  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core import mail  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
out = {}
request = RequestFactory().get("/")
User.objects.create_user("mike", "mike@example.org", "s3cret-pass")
User.objects.create_user("ixa", "ixa@ixample.org", "s3cret-pass")


def reset(email):
    """Submit the reset form; return (valid, the recipients of each mail)."""
    mail.outbox = []
    form = PasswordResetForm(data={"email": email})
    valid = form.is_valid()
    if valid:
        form.save(request=request)
    return [valid, [message.to for message in mail.outbox]]


# CVE-2019-19844: the mail goes to the stored address, never the submitted
# one, and a look-alike address (a dotless i) matches no one.
out["case_differs"] = reset("MIKE@EXAMPLE.ORG")
out["dotless_i"] = reset("m\u0131ke@example.org")
out["dotless_i_in_domain"] = reset("ixa@\u0131xample.org")
# PostgreSQL's UPPER() makes the dotless i an I, so `email__iexact` matches
# there (SQLite's LIKE folds ASCII only): the form must still compare itself.
mike = User.objects.get(username="mike")
with mock.patch.object(User._default_manager, "filter", return_value=[mike]):
    out["dotless_i_matched_by_the_database"] = reset("m\u0131ke@example.org")


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.seen = []

    def emit(self, record):
        self.seen.append([record.name, record.levelname, record.getMessage()])


# CVE-2024-45231: a mail server failure is logged, not raised, so the reset
# view answers the same whether or not the address is registered.
records = Records()
logging.getLogger("django.contrib.auth").addHandler(records)
with override_settings(EMAIL_BACKEND=__name__ + ".FailingBackend"):
    form = PasswordResetForm(data={"email": "mike@example.org"})
    form.is_valid()
    try:
        form.save(request=request)
        out["failing_backend"] = "no exception"
    except Exception as error:
        out["failing_backend"] = type(error).__name__
out["failing_backend_log"] = [record[:2] for record in records.seen]
out["failing_backend_message"] = [record[2] for record in records.seen]
print(json.dumps(out))
