"""Settings of the sites framework scenario."""
SECRET_KEY = "x" * 50
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth",
                  "django.contrib.sites"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
#: Fast (the reset mail needs a usable password, not a slow one).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["example.com", "example.com.", "other.test", "other.test:8000",
                 "nosuch.test"]
SITE_ID = 1
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
              "DIRS": [__import__("os").path.join(
                  __import__("os").path.dirname(__file__), "templates")]}]
