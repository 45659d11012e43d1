"""django.contrib.auth's system checks on models made to trip them, and the
manager of a swapped-out User: prints one JSON object, to compare both engines.
Run with DJS=1 for djscratch (tests/test_auth_checks.py); real Django's
output is tests/auth_checks_expected.json (tests/gen_auth_checks_expected.py).
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if os.environ.get("DJS"):
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth",
                    "tests.orm_oracle"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField", USE_TZ=True,
)
django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.base_user import AbstractBaseUser  # noqa: E402
from django.contrib.auth.checks import (  # noqa: E402
    check_middleware, check_models_permissions, check_user_model,
)
from django.db import models  # noqa: E402
from django.test import override_settings  # noqa: E402


class BadUser(AbstractBaseUser):
    username = models.CharField(max_length=30)
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ("username",)

    class Meta:
        app_label = "orm_oracle"

    def is_anonymous(self):
        return False


class ListUser(AbstractBaseUser):
    username = models.CharField(max_length=30, unique=True)
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = "not-a-list"

    class Meta:
        app_label = "orm_oracle"


class Clashing(models.Model):
    class Meta:
        app_label = "orm_oracle"
        permissions = [("change_clashing", "Can edit"), ("other", "One"),
                       ("other", "Two"), ("x" * 101, "Fine"), ("fine", "y" * 256)]


class Verbose(models.Model):
    class Meta:
        app_label = "orm_oracle"
        verbose_name = "some very long verbose name " * 10


class AVeryLongModelNameThatWillNotFitTheCodenameColumnOfPermissionsAtAllXYZ(
        models.Model):
    class Meta:
        app_label = "orm_oracle"


def _show(messages):
    return [[m.id, m.msg, m.hint, getattr(m.obj, "__name__", None)]
            for m in messages]


CONFIG = [apps.get_app_config("orm_oracle")]
out = {}
for label in ("BadUser", "ListUser"):
    with override_settings(AUTH_USER_MODEL="orm_oracle." + label):
        out["user_" + label] = _show(check_user_model(CONFIG))
    with override_settings(AUTH_USER_MODEL="orm_oracle." + label,
                           AUTHENTICATION_BACKENDS=["my.Backend"]):
        out["user_other_backend_" + label] = _show(check_user_model(CONFIG))
out["user_not_in_app_configs"] = _show(check_user_model(
    [apps.get_app_config("contenttypes")]))
out["permissions"] = _show(check_models_permissions(CONFIG))
auth, login = ("django.contrib.auth.middleware.AuthenticationMiddleware",
               "django.contrib.auth.middleware.LoginRequiredMiddleware")
for key, middleware in (("ordered", [auth, login]), ("reversed", [login, auth]),
                        ("missing", [login]), ("none", []),
                        ("broken", ["no.such.Middleware", login, auth])):
    with override_settings(MIDDLEWARE=middleware):
        out["middleware_" + key] = _show(check_middleware(None))
with override_settings(AUTH_USER_MODEL="orm_oracle.ListUser"):
    from django.contrib.auth.models import User
    try:
        User.objects.all()
    except AttributeError as error:
        out["swapped_user_manager"] = str(error)
    out["swapped_user_instance_ok"] = User(username="x").username
out["unswapped_user_manager"] = type(User.objects).__name__
print(json.dumps(out, indent=1, sort_keys=True))
