"""Settings for running one of Django's own test modules on djscratch.

What Django's tests/runtests.py sets up (its test_sqlite.py settings, then the
overrides of setup_collect_tests() and setup_run_tests()), for the one test
module named in DJSCRATCH_SUITE_MODULE, installed as an app with its models.
"""

import copy
import importlib
import os

#: runtests.py's ALWAYS_INSTALLED_APPS.  A contrib app djscratch does not have
#: yet is left out (MISSING_CONTRIB_APPS, which the table's notes list), so the
#: modules that do not need it still run.
ALWAYS_INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sites",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.staticfiles",
]

#: runtests.py's CONTRIB_TESTS_TO_APPS: test modules needing one more app.
CONTRIB_TESTS_TO_APPS = {
    "deprecation": ["django.contrib.flatpages", "django.contrib.redirects"],
    "flatpages_tests": ["django.contrib.flatpages"],
    "redirects_tests": ["django.contrib.redirects"],
}

RUNTESTS_DIR = os.environ.get("RUNTESTS_DIR", os.getcwd())
TEST_MODULE = os.environ.get("DJSCRATCH_SUITE_MODULE", "")


def _importable(app):
    """Return True when the app's module imports (through the django alias)."""
    module = app.split(".apps.")[0]
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def _installed_apps():
    apps = ALWAYS_INSTALLED_APPS + CONTRIB_TESTS_TO_APPS.get(TEST_MODULE, [])
    present = [app for app in apps if _importable(app)]
    missing = [app for app in apps if app not in present]
    if TEST_MODULE:
        present.append(TEST_MODULE)
    return present, missing


# -- tests/test_sqlite.py

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3"},
    "other": {"ENGINE": "django.db.backends.sqlite3"},
}
SECRET_KEY = "django_tests_secret_key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = False

# -- runtests.py: setup_collect_tests() and setup_run_tests()

INSTALLED_APPS, MISSING_CONTRIB_APPS = _installed_apps()
ROOT_URLCONF = "urls"
STATIC_URL = "static/"
STATIC_ROOT = os.path.join(os.environ.get("TMPDIR", "/tmp"), "static")
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(RUNTESTS_DIR, "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]
LANGUAGE_CODE = "en"
SITE_ID = 1
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
MIGRATION_MODULES = {"auth": None, "contenttypes": None, "sessions": None}
SILENCED_SYSTEM_CHECKS = ["fields.W342"]


def _logging():
    """Django's DEFAULT_LOGGING with the django logger at ERROR, as runtests."""
    try:
        from django.utils.log import DEFAULT_LOGGING
    except ImportError:
        return {}
    config = copy.deepcopy(DEFAULT_LOGGING)
    config["loggers"]["django"]["level"] = "ERROR"
    return config


LOGGING = _logging()
