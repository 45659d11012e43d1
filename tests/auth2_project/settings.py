# ruff: noqa: E501  (the settings as Django projects write them)
"""Settings of the auth project run by both engines (tests/test_auth_client.py).

AUTH2_USER picks the user model: "auth" (default), "accounts" (an
AbstractUser subclass) or "emailaccounts" (AbstractBaseUser + PermissionsMixin,
email as USERNAME_FIELD); AUTH2_SESSIONS "db" or "signed_cookies".
"""
import os

_user = os.environ.get("AUTH2_USER", "auth")
SECRET_KEY = "auth2-project-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = [
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "notes"] + ([] if _user == "auth" else [_user])
if _user != "auth":
    AUTH_USER_MODEL = _user + ".User"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SESSION_ENGINE = "django.contrib.sessions.backends." + os.environ.get(
    "AUTH2_SESSIONS", "db")
ROOT_URLCONF = "urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")],
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth"]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
USE_TZ = True
LOGIN_URL = "/login/"
