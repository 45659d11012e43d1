"""create_permissions() on a second database while a router sends every
write to "default" (Django's auth_tests.test_management), printed as JSON.
Runs on either engine: AUTH_MULTIDB_ENGINE=django on real Django 5.2, else
on djscratch; tests/test_auth_multidb.py compares the two."""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if os.environ.get("AUTH_MULTIDB_ENGINE") != "django":
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402


class WritesToDefault:
    def db_for_write(self, model, **hints):
        return "default"


MEMORY = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    DATABASES={"default": dict(MEMORY), "other": dict(MEMORY)},
    DATABASE_ROUTERS=[WritesToDefault()], USE_TZ=True)
django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.management import create_permissions  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", database="other", verbosity=0)
Permission.objects.using("other").delete()
create_permissions(apps.get_app_config("auth"), verbosity=0, using="other")
print(json.dumps({"other": sorted(
    Permission.objects.using("other").values_list("codename", flat=True))},
    indent=1))
