"""The admin's registration/ templates (the auth views' pages when
django.contrib.admin is installed first) and its user password page (the
buttons, "Conflicting form data", disabling password-based authentication):
titles, <h1>, breadcrumbs and form markers, printed as JSON.  Runs on
either engine: with ADMIN_REGISTRATION_ENGINE=django on real Django 5.2
(tests/gen_admin_registration_expected.py writes
tests/admin_registration_expected.json), otherwise on djscratch
(tests/test_admin_parts.py compares).
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("ADMIN_REGISTRATION_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="admin-registration-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth",
                    "django.contrib.contenttypes", "django.contrib.sessions",
                    "django.contrib.messages"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    STATIC_URL="/static/", ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True, "OPTIONS": {"context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages"]}}])
django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.auth.tokens import default_token_generator  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils.http import urlsafe_base64_encode  # noqa: E402

urlpatterns = [path("admin/", admin.site.urls),
               path("accounts/", include("django.contrib.auth.urls"))]

setup_test_environment()
if ON_DJANGO:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
else:
    djscratch.sync_schema(verbosity=0)
    djscratch.emit_post_migrate_signal(0, False, "default")

user = User.objects.create_user("jsmith", "jsmith@example.com", "pass")


def page(response):
    text = response.content.decode()
    return {"status": response.status_code,
            "title": re.findall(r"<title>(.*?)</title>", text, re.S),
            "h1": re.findall(r"<h1>(.*?)</h1>", text, re.S),
            "username_hint": re.findall(r'<input class="hidden"[^>]*>', text)}


c = Client()
uid = urlsafe_base64_encode(str(user.pk).encode())
token = default_token_generator.make_token(user)
out = {
    "reset": page(c.get("/accounts/password_reset/")),
    "reset_error": page(c.post("/accounts/password_reset/", {})),
    "reset_done": page(c.get("/accounts/password_reset/done/")),
    "reset_complete": page(c.get("/accounts/reset/done/")),
    "confirm_invalid": page(c.get("/accounts/reset/Bad/Bad-Token/")),
}
confirm = c.get("/accounts/reset/%s/%s/" % (uid, token), follow=True)
out["confirm"] = page(confirm)
out["confirm_error"] = page(c.post(confirm.redirect_chain[-1][0], {}))
c.force_login(user)
out["change"] = page(c.get("/accounts/password_change/"))
out["change_done"] = page(c.get("/accounts/password_change/done/"))


def password_page(response):
    text = response.content.decode()
    return {"status": response.status_code,
            "h1": re.findall(r"<h1>(.*?)</h1>", text, re.S),
            "crumb": re.findall(r"&rsaquo; (Change password|Set password)", text),
            "form": re.findall(r'<form [^>]*id="user_form">', text),
            "submits": re.findall(r'<input type="submit" name="([a-z-]+)"', text)}


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


admin_user = User.objects.create_superuser("boss", "boss@example.com", "pass")
a = Client()
a.force_login(admin_user)
url = "/admin/auth/user/%s/password/" % user.pk
out["user_password"] = password_page(a.get(url))
data = {"password1": "Zq8!wn3#pr", "password2": "Zq8!wn3#pr",
        "usable_password": "false"}
conflict = a.post(url, data)
out["user_password_conflict"] = [conflict.status_code, conflict["Location"],
                                 messages_of(a.get(conflict["Location"]))]
disabled = a.post(url, dict(data, **{"unset-password": "1"}))
out["user_password_disabled"] = [disabled.status_code, disabled["Location"],
                                 User.objects.get(pk=user.pk).has_usable_password()]
out["user_password_unusable"] = password_page(a.get(url))
# Where LoginRequiredMiddleware sends anonymous users from an admin view.
from django.urls import resolve  # noqa: E402

out["admin_view_login_url"] = [str(resolve(p).func.login_url)
                               for p in ("/admin/", "/admin/auth/")]
print(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False))
