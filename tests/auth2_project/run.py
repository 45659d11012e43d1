"""Auth scenario: prints each result, to compare both engines."""
# ruff: noqa  (a compact listing, one scenario step per line, run by both engines)
import datetime, os, sys
if os.environ.get("DJS"): import djscratch
import django
django.setup()
from django.core.management import call_command
call_command("migrate", run_syncdb=True, verbosity=0)
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from notes.models import Note
import urls
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "!!", type(e).__name__, e)
kind = os.environ.get("AUTH2_USER", "auth")
User = get_user_model()
show("user model", lambda: (User._meta.label, User._meta.db_table, User.USERNAME_FIELD, list(User.REQUIRED_FIELDS)))
show("tables", lambda: sorted(t for t in connection.introspection.table_names() if not t.startswith("django_")))
extra = {"date_of_birth": datetime.date(2000, 1, 2)} if kind == "emailaccounts" else {"email": "ann@example.com"}
ident = "ann@example.com" if kind == "emailaccounts" else "ann"
ann = User.objects.create_user(ident, password="s3cret-pass", **extra)
show("created", lambda: (str(ann), ann.is_active, ann.is_staff, ann.is_superuser, ann.has_usable_password()))
show("natural key", lambda: str(User.objects.get_by_natural_key(ident)))
n = Note.objects.create(owner=ann, text="hi")
show("fk", lambda: (str(n.owner), [x.text for x in ann.note_set.all()], Note._meta.get_field("owner").related_model._meta.label))
show("filter across fk", lambda: list(Note.objects.filter(**{"owner__" + User.USERNAME_FIELD: ident}).values_list("text", flat=True)))
g = Group.objects.create(name="pub")
g.permissions.add(Permission.objects.get(codename="publish_note"))
ann.groups.add(g)
show("group reverse", lambda: [str(u) for u in g.user_set.all()])
show("perm reverse", lambda: [str(u) for u in Permission.objects.get(codename="publish_note").group_set.all()])
show("perms", lambda: sorted(User.objects.get(pk=ann.pk).get_all_permissions()))
show("note perms", lambda: sorted(Permission.objects.filter(content_type__app_label="notes").values_list("codename", flat=True)))
show("authenticate", lambda: str(authenticate(username=ident, password="s3cret-pass")))
show("authenticate bad", lambda: authenticate(username=ident, password="nope"))
events = []
user_logged_in.connect(lambda sender, user, **kw: events.append(("in", str(user))), weak=False)
user_logged_out.connect(lambda sender, user, **kw: events.append(("out", str(user))), weak=False)
c = Client()
def get(path, client=c):
    r = client.get(path)
    return (r.status_code, r.get("Location") or r.content.decode().strip())
show("anon whoami", lambda: get("/whoami/"))
show("anon private", lambda: get("/private/?x=1"))
show("anon login-only", lambda: get("/login-only/"))
show("anon login-elsewhere", lambda: get("/login-elsewhere/"))
show("anon publish", lambda: get("/publish/"))
show("anon publish403", lambda: get("/publish403/"))
show("anon staff", lambda: get("/staff/"))
show("login bad", lambda: c.login(username=ident, password="wrong"))
show("login", lambda: c.login(username=ident, password="s3cret-pass"))
show("cookie", lambda: (settings.SESSION_COOKIE_NAME in c.cookies, c.cookies[settings.SESSION_COOKIE_NAME]["path"]))
show("session user", lambda: c.session.get("_auth_user_id") == str(ann.pk))
show("whoami", lambda: get("/whoami/"))
show("private", lambda: get("/private/"))
show("login-only", lambda: get("/login-only/"))
show("publish", lambda: get("/publish/"))
show("publish403", lambda: get("/publish403/"))
show("staff", lambda: get("/staff/"))
show("logout", lambda: c.logout())
show("after logout", lambda: (get("/whoami/"), dict(c.cookies)))
show("events", lambda: events)
boss = User.objects.create_superuser("boss@example.com" if kind == "emailaccounts" else "boss", password="pw", **extra)
show("superuser", lambda: (boss.is_staff, boss.is_superuser))
show("force_login", lambda: c.force_login(boss))
show("forced whoami", lambda: get("/whoami/"))
show("forced backend", lambda: c.session.get("_auth_user_backend"))
show("forced staff", lambda: get("/staff/"))
show("forced publish403", lambda: get("/publish403/"))
show("logout again", lambda: (c.logout(), events[-1]))
show("logout anon", lambda: (c.logout(), events[-1]))
rf = RequestFactory()
def call(view, user):
    request = rf.get("/x/")
    request.user = user
    try:
        r = view(request)
        return (r.status_code, r.get("Location") or r.content.decode())
    except PermissionDenied as e:
        return ("PermissionDenied", str(e))
ann = User.objects.get(pk=ann.pk)
show("mixin 403 message", lambda: call(urls.CanPublish403.as_view(), ann))
show("mixin 403 anon", lambda: call(urls.CanPublish403.as_view(), AnonymousUser()))
show("mixin denied authenticated", lambda: call(urls.CanPublish.as_view(permission_required="notes.delete_note"), ann))
show("mixin user test raise", lambda: call(urls.StaffOnly.as_view(raise_exception=True), ann))
show("mixin user test anon", lambda: call(urls.StaffOnly.as_view(login_url="/in/", redirect_field_name="r"), AnonymousUser()))
with override_settings(MIDDLEWARE=settings.MIDDLEWARE + ["django.contrib.auth.middleware.LoginRequiredMiddleware"]):
    c2 = Client()
    show("lrm whoami", lambda: get("/whoami/?a=b", c2))
    show("lrm public", lambda: get("/public/", c2))
    show("lrm login-elsewhere", lambda: get("/login-elsewhere/", c2))
    c2.force_login(ann)
    show("lrm whoami in", lambda: get("/whoami/", c2))
sleepy = User.objects.create_user("zz@example.com" if kind == "emailaccounts" else "zz", password="pw", is_active=False, **extra)
zz = "zz@example.com" if kind == "emailaccounts" else "zz"
show("inactive login", lambda: Client().login(username=zz, password="pw"))
with override_settings(AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.AllowAllUsersModelBackend"]):
    c3 = Client()
    show("allow-all authenticate", lambda: str(authenticate(username=zz, password="pw")))
    show("allow-all login", lambda: (c3.login(username=zz, password="pw"), get("/whoami/", c3)))
c4 = Client(); c4.login(username=ident, password="s3cret-pass")
old_key = settings.SECRET_KEY
with override_settings(SECRET_KEY="a-brand-new-secret-key-0123456789abcdefghijklmnopqrstuv", SECRET_KEY_FALLBACKS=[old_key]):
    show("fallback key still logged in", lambda: get("/whoami/", c4))
    show("hash renewed", lambda: c4.session.get("_auth_user_hash") == User.objects.get(pk=ann.pk).get_session_auth_hash())
with override_settings(SECRET_KEY="yet-another-secret-key-0123456789abcdefghijklmnopqrstuvw"):
    c5 = Client(); c5.login(username=ident, password="s3cret-pass")
with override_settings(SECRET_KEY="a-brand-new-secret-key-0123456789abcdefghijklmnopqrstuv"):
    show("unknown key logged out", lambda: get("/whoami/", c5))
with override_settings(MIDDLEWARE=["django.contrib.auth.middleware.AuthenticationMiddleware"]):
    show("no session middleware", lambda: get("/whoami/", Client()))
