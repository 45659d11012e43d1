"""The auth forms and password reset tokens on one project, printed as JSON.

Runs on either engine: tests/gen_auth_forms_expected.py runs it with real
Django 5.2 (AUTH_FORMS_ENGINE=django) to write tests/auth_forms_expected.json,
and tests/test_auth_forms.py runs it on djscratch and compares.
"""

import datetime
import json
import os
import sys
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("AUTH_FORMS_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

_V = "django.contrib.auth.password_validation."
MAIL_TEMPLATES = {
    "registration/password_reset_subject.txt": "Reset on {{ site_name }}\n",
    "registration/password_reset_email.html":
        "{{ protocol }}://{{ domain }}/reset/{{ uid }}/{{ token }}/ "
        "{{ user.get_username }} {{ email }}",
}
settings.configure(
    SECRET_KEY="auth-forms-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    SECRET_KEY_FALLBACKS=["an-older-secret-key-0123456789abcdefghijklmnopqrstuvw"],
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    # PBKDF2 at 1,000 rounds (its summary, upgrade and checks as at a
    # million; each of the dozen hashes here would cost a quarter second).
    PASSWORD_HASHERS=["__main__.FastPBKDF2PasswordHasher",
                      "django.contrib.auth.hashers.MD5PasswordHasher"],
    AUTH_PASSWORD_VALIDATORS=[
        {"NAME": _V + "UserAttributeSimilarityValidator"},
        {"NAME": _V + "MinimumLengthValidator"},
        {"NAME": _V + "CommonPasswordValidator"},
        {"NAME": _V + "NumericPasswordValidator"}],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader",
                                         MAIL_TEMPLATES)]}}],
    ROOT_URLCONF=__name__)
urlpatterns = []
django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000

from django.core.management import call_command  # noqa: E402

if ON_DJANGO:
    call_command("migrate", verbosity=0)
else:
    djscratch.sync_schema(verbosity=0)
    djscratch.emit_post_migrate_signal(0, False, "default")

from django.contrib.auth.forms import (  # noqa: E402
    AdminPasswordChangeForm, AuthenticationForm, PasswordChangeForm,
    PasswordResetForm, SetPasswordForm, UserChangeForm, UserCreationForm,
    UsernameField,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.auth.tokens import (  # noqa: E402
    PasswordResetTokenGenerator, default_token_generator,
)
from django.core import mail  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
out = {}


def show(name, form):
    out[name] = {"str": str(form), "as_p": form.as_p(), "as_div": form.as_div()}
    if form.is_bound:
        out[name]["valid"] = form.is_valid()
        out[name]["errors"] = form.errors.get_json_data()


FIXED_HASH = make_password("s3cret-pass", salt="fixedsaltfixedsalt", hasher="md5")
bob = User.objects.create(username="bob", email="Bob@example.com",
                          password=make_password("s3cret-pass",
                                                 salt="abcdefgh12345678"),
                          date_joined=datetime.datetime(
                              2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc))
sleepy = User.objects.create_user("sleepy", "sleepy@example.com", "s3cret-pass",
                                  is_active=False)
nopass = User.objects.create_user("nopass", "bob@example.com",
                                  date_joined=bob.date_joined)

show("auth_unbound", AuthenticationForm())
show("auth_bad", AuthenticationForm(data={"username": "bob", "password": "nope"}))
show("auth_empty", AuthenticationForm(data={"username": "", "password": ""}))
show("auth_inactive", AuthenticationForm(
    data={"username": "sleepy", "password": "s3cret-pass"}))
form = AuthenticationForm(data={"username": "bob", "password": "s3cret-pass"})
out["auth_ok"] = [form.is_valid(), str(form.get_user())]
out["username_nfkc"] = UsernameField().clean("\ufb01sh")


class AllowInactive(AuthenticationForm):
    def confirm_login_allowed(self, user):
        pass


with mock.patch.object(settings, "AUTHENTICATION_BACKENDS", [
        "django.contrib.auth.backends.AllowAllUsersModelBackend"], create=True):
    form = AuthenticationForm(data={"username": "sleepy", "password": "s3cret-pass"})
    out["inactive_message"] = [form.is_valid(), form.errors.get_json_data()]
    out["confirm_login_allowed"] = AllowInactive(
        data={"username": "sleepy", "password": "s3cret-pass"}).is_valid()

show("create_unbound", UserCreationForm())
show("create_mismatch", UserCreationForm(
    data={"username": "carol", "password1": "xk2#Lq9!wz", "password2": "other"}))
show("create_duplicate", UserCreationForm(
    data={"username": "BOB", "password1": "xk2#Lq9!wz", "password2": "xk2#Lq9!wz"}))
show("create_weak", UserCreationForm(
    data={"username": "carol", "password1": "123", "password2": "123"}))
form = UserCreationForm(
    data={"username": "carol", "password1": "xk2#Lq9!wz", "password2": "xk2#Lq9!wz"})
out["create_ok"] = form.is_valid()
carol = form.save()
out["created"] = [carol.username, carol.check_password("xk2#Lq9!wz")]

bob.last_login = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)
bob.save()
show("change", UserChangeForm(instance=User.objects.get(username="bob")))
show("change_nopass", UserChangeForm(instance=nopass))

show("pwchange_unbound", PasswordChangeForm(bob))
show("pwchange_bad", PasswordChangeForm(bob, data={
    "old_password": "wrong", "new_password1": "xk2#Lq9!wz",
    "new_password2": "xk2#Lq9!wz"}))
show("setpw_mismatch", SetPasswordForm(bob, data={
    "new_password1": "xk2#Lq9!wz", "new_password2": "xk2#Lq9!wy"}))
show("admin_pw_unbound", AdminPasswordChangeForm(bob))
show("admin_pw_nopass", AdminPasswordChangeForm(nopass))
show("admin_pw_disable", AdminPasswordChangeForm(bob, data={
    "usable_password": "false"}))
show("reset_unbound", PasswordResetForm())
show("reset_bad", PasswordResetForm(data={"email": "not-an-email"}))

# Tokens: a fixed user state and a fixed clock, as Django's tests do.
bob.password = FIXED_HASH
bob.save()
bob = User.objects.get(pk=bob.pk)
NOW = datetime.datetime(2021, 3, 4, 5, 6, 7)
tokens = {}
with mock.patch.object(PasswordResetTokenGenerator, "_now", lambda self: NOW):
    tokens["token"] = default_token_generator.make_token(bob)
    tokens["valid"] = default_token_generator.check_token(bob, tokens["token"])
    old = PasswordResetTokenGenerator()
    old.secret = settings.SECRET_KEY_FALLBACKS[0]
    tokens["fallback_token"] = old.make_token(bob)
    tokens["fallback_valid"] = default_token_generator.check_token(
        bob, tokens["fallback_token"])
    tokens["garbage"] = [default_token_generator.check_token(bob, t)
                         for t in ("", "abc", "zzz-zzz", "1-2-3")]
for days, label in ((3, "at_timeout"), (4, "expired")):
    later = NOW + datetime.timedelta(days=days)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", lambda self: later):
        tokens[label] = default_token_generator.check_token(bob, tokens["token"])
bob.email = "new@example.com"
with mock.patch.object(PasswordResetTokenGenerator, "_now", lambda self: NOW):
    tokens["after_email_change"] = default_token_generator.check_token(
        bob, tokens["token"])
out["tokens"] = tokens

# Password reset mail: the matching active users with usable passwords.
form = PasswordResetForm(data={"email": "BOB@example.com"})
form.is_valid()
with mock.patch.object(PasswordResetTokenGenerator, "_now", lambda self: NOW):
    form.save(request=RequestFactory().get("/"), from_email="site@example.com")
out["reset_mail"] = [{"subject": m.subject, "body": m.body, "to": m.to,
                      "from": m.from_email} for m in mail.outbox]
print(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False))
