"""A project with django.contrib.auth installed, run in its own process by
tests/test_auth_models.py: prints what each auth behaviour gave, as JSON."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import djscratch  # noqa: E402

urlpatterns = []

djscratch.settings.configure(
    SECRET_KEY="auth-scenario-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], ROOT_URLCONF="__main__", USE_TZ=True, TIME_ZONE="UTC",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
djscratch.setup()
djscratch.sync_schema(verbosity=0)
djscratch.emit_post_migrate_signal(0, False, "default")

from django.contrib.auth import (  # noqa: E402
    authenticate, get_user, get_user_model, login, logout, update_session_auth_hash,
)
from django.contrib.auth.decorators import login_required, permission_required  # noqa: E402,E501
from django.contrib.auth.middleware import AuthenticationMiddleware  # noqa: E402
from django.contrib.auth.models import AnonymousUser, Group, Permission, User  # noqa: E402,E501
from django.contrib.auth.signals import user_login_failed  # noqa: E402
from django.contrib.sessions.middleware import SessionMiddleware  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

out = {}
out["tables"] = sorted(m._meta.db_table for m in djscratch.apps.get_models(
    include_auto_created=True) if m._meta.app_label == "auth")
out["perm_count"] = Permission.objects.count()
out["perm_names"] = sorted(str(p) for p in Permission.objects.filter(
    content_type__model="group"))
out["user_model"] = get_user_model()._meta.label
u = User.objects.create_user("bob", "Bob@EXAMPLE.com", "pw")
out["email"] = u.email
out["create_superuser_error"] = ""
try:
    User.objects.create_superuser("root", password="x", is_staff=False)
except ValueError as e:
    out["create_superuser_error"] = str(e)
failed = []
user_login_failed.connect(lambda **kw: failed.append(kw["credentials"]), weak=False)
out["auth_ok"] = str(authenticate(username="bob", password="pw"))
out["auth_bad"] = authenticate(username="bob", password="wrong")
out["auth_unknown"] = authenticate(username="nobody", password="pw")
out["failed_credentials"] = failed
User.objects.create_user("sleepy", password="pw", is_active=False)
out["inactive"] = authenticate(username="sleepy", password="pw")
g = Group.objects.create(name="editors")
g.permissions.add(Permission.objects.get(codename="change_group"))
u.groups.add(g)
u.user_permissions.add(Permission.objects.get(codename="view_user"))
u = User.objects.get(pk=u.pk)
out["all_perms"] = sorted(u.get_all_permissions())
out["group_perms"] = sorted(u.get_group_permissions())
out["has"] = [u.has_perm("auth.change_group"), u.has_perm("auth.delete_group"),
              u.has_perms(["auth.view_user", "auth.change_group"]),
              u.has_module_perms("auth"), u.has_module_perms("polls")]
out["with_perm"] = [str(x) for x in User.objects.with_perm("auth.change_group")]
carol = User.objects.create_user("carol", password="pw")
carol.groups.add(g)
carol.user_permissions.add(Permission.objects.get(codename="change_group"))
out["with_perm_direct_and_group"] = [
    sorted(str(x) for x in User.objects.with_perm(name))
    for name in ("auth.change_group", "auth.view_user")]
anon = AnonymousUser()
out["anon"] = [anon.is_authenticated, anon.is_anonymous, anon.has_perm("auth.x"),
               str(anon)]

rf = RequestFactory()


def with_session(request):
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


request = with_session(rf.get("/"))
out["lazy_before"] = str(request.user)
request.session["cart"] = [1]
old_key = request.session.session_key
user = authenticate(username="bob", password="pw")
login(request, user)
out["session_keys"] = sorted(k for k in request.session.keys() if k.startswith("_auth"))
out["session_values"] = [request.session["_auth_user_id"],
                         request.session["_auth_user_backend"],
                         (request.session["_auth_user_hash"]
                          == user.get_session_auth_hash())]
out["kept_data"] = request.session.get("cart")
out["key_cycled"] = old_key is None or request.session.session_key != old_key
out["get_user"] = str(get_user(request))
out["last_login_set"] = User.objects.get(pk=user.pk).last_login is not None
user.set_password("new")
user.save()
out["after_password_change"] = str(get_user(request))
request = with_session(rf.get("/"))
login(request, user)
user.set_password("newer")
user.save()
request.user = user
update_session_auth_hash(request, user)
out["after_update_hash"] = str(get_user(request))
logout(request)
out["after_logout"] = [str(request.user), dict(request.session.items())]


@login_required
def secret(request):
    return HttpResponse("secret")


@permission_required("auth.delete_group", raise_exception=True)
def strict(request):
    return HttpResponse("strict")


request = with_session(rf.get("/secret/?a=1"))
response = secret(request)
out["login_required"] = [response.status_code, response["Location"]]
request = with_session(rf.get("/"))
request.user = User.objects.get(username="bob")
try:
    strict(request)
    out["permission_required"] = "allowed"
except djscratch.PermissionDenied:
    out["permission_required"] = "denied"
print(json.dumps(out))
