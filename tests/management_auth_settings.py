"""The management command tests' settings with auth and sessions installed."""

from management_settings import *  # noqa: F401,F403

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "management_app.apps.ManagementAppConfig"]
