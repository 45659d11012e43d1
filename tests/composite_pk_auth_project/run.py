"""A custom user model with a CompositePrimaryKey (Django 5.2): login, the
session's user id, request.user, and the password reset flow (uid, token,
confirm view), printed to compare both engines (tests/test_orm_composite_pk.py
runs it with DJS=1; tests/gen_composite_pk_expected.py records real Django's).
"""
# ruff: noqa  (a compact listing, one step per line, run by both engines)
import os, sys, datetime, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if os.environ.get("DJS"):
    import djscratch
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions", "accounts"],
    AUTH_USER_MODEL="accounts.CUser", ROOT_URLCONF="urls", SECRET_KEY="x"*50,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [os.path.dirname(os.path.abspath(__file__))], "OPTIONS": {"context_processors": []}}],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", ALLOWED_HOSTS=["*"], USE_TZ=True,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # fast: four hashes at PBKDF2's million rounds cost a second
)
import django; django.setup()
from django.core.management import call_command
call_command("migrate", run_syncdb=True, verbosity=0)
from accounts.models import CUser
from django.core import mail
from django.test import Client
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.utils.http import urlsafe_base64_encode, urlsafe_base64_decode
u = CUser.objects.create_user("staff@example.com", datetime.date(1976, 11, 8), "pw12345xyz!")
print("pk", u.pk)
c = Client()
print("login", c.login(email="staff@example.com", password="pw12345xyz!"))
print("session user", c.session["_auth_user_id"])
r = c.get("/me/"); print("me", r.content)
f = PasswordResetForm({"email": "staff@example.com"}); print(f.is_valid())
f.save(domain_override="example.com", email_template_name="mail.txt", subject_template_name="subj.txt")
body = mail.outbox[0].body; print("mail uid", body.split("/")[1])
uid, token = body.split("/")[1:3]
print("uid decoded", urlsafe_base64_decode(uid))
r = c.get("/reset/%s/%s/" % (uid, token)); print("confirm", r.status_code, r.get("Location"))
r = c.get(r["Location"]); print("form", r.status_code, r.content)
r = c.post(r.wsgi_request.path, {"new_password1": "n3w-Passw0rd!", "new_password2": "n3w-Passw0rd!"}); print("set", r.status_code)
print("new password", CUser.objects.get(pk=u.pk).check_password("n3w-Passw0rd!"))
print("delete", CUser.objects.get(pk=u.pk).delete())
