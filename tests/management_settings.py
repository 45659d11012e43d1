"""Settings of the management command tests (tests/management_app)."""

SECRET_KEY = "management-tests-secret-key-that-is-long-enough-0123456789"
INSTALLED_APPS = ["management_app.apps.ManagementAppConfig"]
ROOT_URLCONF = "management_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
