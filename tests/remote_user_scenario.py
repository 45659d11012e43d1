"""RemoteUserMiddleware, PersistentRemoteUserMiddleware and
RemoteUserBackend (and its hooks) driven with the test client, and mod_wsgi's
check_password()/groups_for_user(), printed as JSON.  Runs on either engine:
with REMOTE_USER_ENGINE=django on real Django 5.2
(tests/gen_remote_user_expected.py writes tests/remote_user_expected.json),
otherwise on djscratch (tests/test_auth_remote_user.py compares).
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("REMOTE_USER_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
REMOTE = "django.contrib.auth.middleware.RemoteUserMiddleware"
PERSISTENT = "django.contrib.auth.middleware.PersistentRemoteUserMiddleware"
BACKEND = "django.contrib.auth.backends.RemoteUserBackend"
settings.configure(
    SECRET_KEY="remote-user-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "django.contrib.sessions"],
    MIDDLEWARE=[SESSION, AUTH, REMOTE],
    AUTHENTICATION_BACKENDS=[BACKEND],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ROOT_URLCONF=__name__)
django.setup()

from django.contrib.auth.backends import RemoteUserBackend  # noqa: E402
from django.contrib.auth.middleware import RemoteUserMiddleware  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402


def who(request):
    user = request.user
    return HttpResponse("%s|%s|%s" % (user, user.is_authenticated,
                                      request.session.get("_auth_user_backend")))


urlpatterns = [path("who/", who)]


class NoCreateBackend(RemoteUserBackend):
    create_unknown_user = False


class CleaningBackend(RemoteUserBackend):
    """Strips the realm and records each configure_user() call."""

    calls = []

    def clean_username(self, username):
        return username.split("@")[0]

    def configure_user(self, request, user, created=True):
        self.calls.append([user.username, created, request.path])
        if created:
            user.email = "%s@example.org" % user.username
            user.save()
        return user


class HeaderMiddleware(RemoteUserMiddleware):
    header = "HTTP_AUTHUSER"


setup_test_environment()
if ON_DJANGO:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
else:
    djscratch.sync_schema(verbosity=0)
    djscratch.emit_post_migrate_signal(0, False, "default")

User.objects.create_user("knownuser", password="pw")
User.objects.create_user("inactive", is_active=False)
User.objects.create_user("localuser", password="pw-local")
out = {}


def get(client, **extra):
    response = client.get("/who/", **extra)
    return [response.status_code, response.content.decode()]


c = Client()
out["anonymous"] = get(c)
out["known"] = get(c, REMOTE_USER="knownuser")
out["known_again"] = get(c, REMOTE_USER="knownuser")
out["switch"] = get(c, REMOTE_USER="newuser")
out["created"] = sorted(User.objects.values_list("username", flat=True))
out["header_gone"] = get(c)
out["inactive"] = get(Client(), REMOTE_USER="inactive")
out["empty"] = get(Client(), REMOTE_USER="")
with override_settings(MIDDLEWARE=[SESSION, AUTH, PERSISTENT]):
    p = Client()
    out["persistent_login"] = get(p, REMOTE_USER="knownuser")
    out["persistent_kept"] = get(p)
    out["persistent_switch"] = get(p, REMOTE_USER="other")
with override_settings(AUTHENTICATION_BACKENDS=[
        "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend"]):
    out["allow_all_inactive"] = get(Client(), REMOTE_USER="inactive")
with override_settings(AUTHENTICATION_BACKENDS=["__main__.NoCreateBackend"]):
    out["no_create_unknown"] = get(Client(), REMOTE_USER="nobody")
    out["no_create_known"] = get(Client(), REMOTE_USER="knownuser")
out["after_no_create"] = User.objects.filter(username="nobody").exists()
with override_settings(AUTHENTICATION_BACKENDS=["__main__.CleaningBackend"]):
    cl = Client()
    out["cleaned_new"] = get(cl, REMOTE_USER="realmuser@EXAMPLE.COM")
    out["cleaned_same"] = get(cl, REMOTE_USER="realmuser@OTHER")
    out["cleaned_existing"] = get(Client(), REMOTE_USER="knownuser@X")
out["configure_calls"] = CleaningBackend.calls
out["configured_email"] = User.objects.get(username="realmuser").email
with override_settings(MIDDLEWARE=[SESSION, AUTH, "__main__.HeaderMiddleware"]):
    out["custom_header"] = get(Client(), HTTP_AUTHUSER="knownuser")
    out["custom_header_ignores_remote_user"] = get(Client(), REMOTE_USER="knownuser")
with override_settings(AUTHENTICATION_BACKENDS=[
        BACKEND, "django.contrib.auth.backends.ModelBackend"]):
    m = Client()
    m.login(username="localuser", password="pw-local")
    out["model_backend_user_kept"] = get(m)
    out["model_backend_user_switched"] = get(m, REMOTE_USER="knownuser")
try:
    RemoteUserMiddleware(lambda r: HttpResponse()).process_request(
        RequestFactory().get("/"))
except Exception as exc:  # noqa: BLE001 - the message is the point
    out["no_auth_middleware"] = [type(exc).__name__, str(exc)]
try:
    RemoteUserMiddleware(None)
except ValueError as exc:
    out["no_get_response"] = str(exc)
out["backend_none"] = RemoteUserBackend().authenticate(None, remote_user=None)

# mod_wsgi's hooks for Apache (django.contrib.auth.handlers.modwsgi).
from django.contrib.auth.handlers.modwsgi import (  # noqa: E402
    check_password, groups_for_user,
)
from django.contrib.auth.models import Group  # noqa: E402

User.objects.get(username="knownuser").groups.add(
    Group.objects.create(name="staff"), Group.objects.create(name="ops"))
out["modwsgi_check_password"] = [
    check_password({}, "knownuser", "pw"), check_password({}, "knownuser", "no"),
    check_password({}, "nobody", "pw"), check_password({}, "inactive", "")]
out["modwsgi_groups"] = [
    sorted(g.decode() for g in groups_for_user({}, name))
    for name in ("knownuser", "nobody", "inactive", "localuser")]
print(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False))
