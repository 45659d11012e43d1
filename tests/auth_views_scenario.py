"""The auth views behind include("django.contrib.auth.urls"), driven with the
test client and printed as JSON.  Runs on either engine: with
AUTH_VIEWS_ENGINE=django on real Django 5.2 (tests/gen_auth_views_expected.py
writes tests/auth_views_expected.json), otherwise on djscratch
(tests/test_auth_views.py compares).
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("AUTH_VIEWS_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

PAGE = "{{ title }}|{{ form.errors.as_json|default:'' }}|{{ next|default:'' }}"
TEMPLATES = {
    "registration/login.html": "login|{{ form.errors.as_json }}|{{ next }}|"
                               "{{ site_name }}",
    "registration/logged_out.html": "logged out|{{ title }}|{{ user }}",
    "registration/password_change_form.html": "change|" + PAGE,
    "registration/password_change_done.html": "change done|{{ title }}",
    "registration/password_reset_form.html": "reset|" + PAGE,
    "registration/password_reset_done.html": "reset done|{{ title }}",
    "registration/password_reset_confirm.html":
        "confirm|{{ title }}|{{ validlink }}|{{ form.errors.as_json }}",
    "registration/password_reset_complete.html":
        "complete|{{ title }}|{{ login_url }}",
    "registration/password_reset_subject.txt": "Reset on {{ site_name }}\n",
    "registration/password_reset_email.html":
        "{{ protocol }}://{{ domain }}"
        "{% url 'password_reset_confirm' uidb64=uid token=token %}",
}
if os.environ.get("AUTH_VIEWS_DEFAULT_MAIL"):  # djscratch's own mail templates
    del TEMPLATES["registration/password_reset_subject.txt"]
    del TEMPLATES["registration/password_reset_email.html"]
settings.configure(
    SECRET_KEY="auth-views-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "django.contrib.sessions"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader",
                                         TEMPLATES)]}}],
    ROOT_URLCONF=__name__)
django.setup()

from django.contrib.auth import views as auth_views  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.mixins import PermissionRequiredMixin  # noqa: E402
from django.contrib.auth.models import Permission, User  # noqa: E402
from django.core import mail  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.views import View  # noqa: E402


@login_required
def private(request):
    return HttpResponse("private:%s" % request.user)


class Editors(PermissionRequiredMixin, View):
    permission_required = "auth.change_user"

    def get(self, request):
        return HttpResponse("editors")


urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("private/", private),
    path("editors/", Editors.as_view()),
    path("again/", auth_views.LoginView.as_view(redirect_authenticated_user=True)),
    path("bye/", auth_views.logout_then_login),
    path("out-next/", auth_views.LogoutView.as_view(next_page="/private/")),
]

setup_test_environment()
if ON_DJANGO:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
else:
    djscratch.sync_schema(verbosity=0)
    djscratch.emit_post_migrate_signal(0, False, "default")

User.objects.create_user("bob", "bob@example.com", "s3cret-pass")
out = {"names": [reverse(n) for n in (
    "login", "logout", "password_change", "password_change_done", "password_reset",
    "password_reset_done", "password_reset_complete")]}
out["confirm_url"] = reverse("password_reset_confirm", args=["MQ", "abc-def"])


def show(response):
    row = [response.status_code, response.get("Location", "")]
    if response.status_code == 200:
        row.append(response.content.decode())
    return row


c = Client()
out["login_get"] = show(c.get("/accounts/login/?next=/private/"))
out["private_anon"] = show(c.get("/private/?x=1"))
out["login_bad"] = show(c.post("/accounts/login/", {
    "username": "bob", "password": "nope", "next": "/private/"}))
out["login_ok"] = show(c.post("/accounts/login/", {
    "username": "bob", "password": "s3cret-pass", "next": "/private/"}))
out["private_in"] = show(c.get("/private/"))
out["editors_no_perm"] = show(c.get("/editors/"))
out["again"] = show(c.get("/again/"))
out["logout_get"] = show(c.get("/accounts/logout/"))
out["logout_post"] = show(c.post("/accounts/logout/"))
out["private_after_logout"] = show(c.get("/private/"))
out["editors_anon"] = show(c.get("/editors/"))

evil = Client()
out["login_evil_next"] = show(evil.post("/accounts/login/?next=https://evil.example/", {
    "username": "bob", "password": "s3cret-pass"}))
out["logout_next_page"] = show(evil.post("/out-next/"))
evil.post("/accounts/login/", {"username": "bob", "password": "s3cret-pass"})
out["logout_then_login"] = show(evil.post("/bye/"))

c = Client()
out["change_anon"] = show(c.get("/accounts/password_change/"))
c.post("/accounts/login/", {"username": "bob", "password": "s3cret-pass"})
out["change_get"] = show(c.get("/accounts/password_change/"))
out["change_bad"] = show(c.post("/accounts/password_change/", {
    "old_password": "wrong", "new_password1": "xk2#Lq9!wz",
    "new_password2": "xk2#Lq9!wz"}))
out["change_ok"] = show(c.post("/accounts/password_change/", {
    "old_password": "s3cret-pass", "new_password1": "xk2#Lq9!wz",
    "new_password2": "xk2#Lq9!wz"}))
out["change_done"] = show(c.get("/accounts/password_change/done/"))
out["still_logged_in"] = show(c.get("/private/"))
bob = User.objects.get(username="bob")
bob.user_permissions.add(Permission.objects.get(codename="change_user"))
out["editors_with_perm"] = show(c.get("/editors/"))

c = Client()
out["reset_get"] = show(c.get("/accounts/password_reset/"))
out["reset_unknown"] = show(c.post("/accounts/password_reset/",
                                   {"email": "nobody@example.com"}))
out["reset_outbox_unknown"] = len(mail.outbox)
out["reset_post"] = show(c.post("/accounts/password_reset/",
                                {"email": "bob@example.com"}))
message = mail.outbox[0]
out["reset_mail"] = [message.subject, message.to, message.from_email]
# The token carries the time it was made: record the body with it masked, so
# that regenerating the expectations reproduces them.
out["reset_mail_body"] = re.sub(r"/[0-9a-z]+-[0-9a-f]{32}/", "/<token>/", message.body)
link = re.search(r"http://testserver(\S+)", message.body).group(1)
out["reset_link_shape"] = bool(re.fullmatch(
    r"/accounts/reset/MQ/[0-9a-z]+-[0-9a-f]{32}/", link))
first = c.get(link)
out["reset_link"] = [first.status_code,
                     first["Location"] == "/accounts/reset/MQ/set-password/"]
out["reset_form"] = show(c.get(first["Location"]))
out["reset_mismatch"] = show(c.post(first["Location"], {
    "new_password1": "Zq8!wn3#pr", "new_password2": "other"}))
out["reset_ok"] = show(c.post(first["Location"], {
    "new_password1": "Zq8!wn3#pr", "new_password2": "Zq8!wn3#pr"}))
out["reset_complete"] = show(c.get("/accounts/reset/done/"))
out["reset_link_reused"] = show(Client().get(link))
out["reset_bad_uid"] = show(c.get("/accounts/reset/zzzz/abc-def/"))
out["login_new_password"] = show(Client().post("/accounts/login/", {
    "username": "bob", "password": "Zq8!wn3#pr"}))
print(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False))
