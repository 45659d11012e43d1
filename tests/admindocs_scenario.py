"""django.contrib.admindocs without docutils, printed as JSON: each page's
status and template for a staff user, where a non-staff user is sent, the
XView header.  Runs on either engine: with ADMINDOCS_ENGINE=django on real
Django 5.2 (tests/gen_admindocs_expected.py writes
tests/admindocs_expected.json), otherwise on djscratch
(tests/test_admindocs.py compares).
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("ADMINDOCS_ENGINE") == "django"
sys.path.insert(0, ROOT)
if not ON_DJANGO:
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="admindocs-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth",
                    "django.contrib.contenttypes", "django.contrib.sessions",
                    "django.contrib.messages", "django.contrib.admindocs"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware",
                "django.contrib.admindocs.middleware.XViewMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    STATIC_URL="/static/", ROOT_URLCONF=__name__,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True, "OPTIONS": {"context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages"]}}])
django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.admindocs import utils  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402



def page(request):
    """A project's view, named in the X-View header."""
    return HttpResponse("page")


urlpatterns = [
    path("page/", page),
    path("admin/doc/", include("django.contrib.admindocs.urls")),
    path("admin/", admin.site.urls),
]

PAGES = [
    ("django-admindocs-docroot", {}),
    ("django-admindocs-bookmarklets", {}),
    ("django-admindocs-tags", {}),
    ("django-admindocs-filters", {}),
    ("django-admindocs-views-index", {}),
    ("django-admindocs-views-detail", {"view": "no.such.view"}),
    ("django-admindocs-models-index", {}),
    ("django-admindocs-models-detail", {"app_label": "auth", "model_name": "user"}),
    ("django-admindocs-templates", {"template": "admin/base.html"}),
]


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    User.objects.create_superuser("super", "super@example.com", "secret")
    User.objects.create_user("plain", "plain@example.com", "secret")
    out = {"docutils_is_available": utils.docutils_is_available}
    client = Client()
    for name, kwargs in PAGES:
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        out[f"anonymous {name}"] = [url, response.status_code,
                                    response.get("Location")]
    client.login(username="plain", password="secret")
    response = client.get(reverse("django-admindocs-docroot"))
    out["non-staff docroot"] = [response.status_code, response.get("Location")]
    client.login(username="super", password="secret")
    for name, kwargs in PAGES:
        response = client.get(reverse(name, kwargs=kwargs))
        content = response.content.decode()
        out[f"staff {name}"] = [
            response.status_code, [t.name for t in response.templates][:1],
            "docutils" in content and "https://pypi.org/project/docutils/" in content]
    out["xview staff"] = client.head("/page/").get("X-View")
    out["xview staff get"] = client.get("/page/").get("X-View")
    client.logout()
    out["xview anonymous"] = client.head("/page/").get("X-View")
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
