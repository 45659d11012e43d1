"""Settings for the `check --deploy` comparison with real Django.

Each case is a settings module's contents; gen_deploy_checks_expected.py
records real Django's `check --deploy` output for it, test_cli.py compares.
"""

APPS = ["django.contrib.sessions", "django.contrib.messages",
        "django.contrib.staticfiles"]

#: Django's startproject MIDDLEWARE, less auth (djscratch has none).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"

CASES = {
    "startproject": {
        "SECRET_KEY": "django-insecure-" + "x1y2z3" * 8,
        "DEBUG": True, "ALLOWED_HOSTS": [], "INSTALLED_APPS": APPS,
        "MIDDLEWARE": MIDDLEWARE,
    },
    "hardened": {
        "SECRET_KEY": GOOD_KEY, "DEBUG": False, "ALLOWED_HOSTS": ["example.com"],
        "INSTALLED_APPS": APPS, "MIDDLEWARE": MIDDLEWARE,
        "SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True, "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
    },
    "hsts_only_seconds_and_sameorigin_frames": {
        "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ["example.com"],
        "INSTALLED_APPS": APPS, "MIDDLEWARE": MIDDLEWARE,
        "SECURE_HSTS_SECONDS": 3600, "X_FRAME_OPTIONS": "SAMEORIGIN",
        "SESSION_COOKIE_HTTPONLY": False, "CSRF_USE_SESSIONS": True,
        "SECRET_KEY_FALLBACKS": [GOOD_KEY, "short", "django-insecure-" + "q" * 50],
    },
    "no_middleware": {
        "SECRET_KEY": "aaaaaaaaaa" * 6, "ALLOWED_HOSTS": ["*"],
        "INSTALLED_APPS": APPS, "MIDDLEWARE": [],
        "SESSION_COOKIE_HTTPONLY": False, "SECURE_REFERRER_POLICY": "bogus",
    },
    "bad_policies": {
        "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ["example.com"],
        "INSTALLED_APPS": ["django.contrib.messages"],
        "MIDDLEWARE": MIDDLEWARE[:2] + MIDDLEWARE[3:4],
        "SECURE_CONTENT_TYPE_NOSNIFF": False,
        "SECURE_REFERRER_POLICY": ["same-origin", "nonsense"],
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "bogus",
        "SESSION_COOKIE_SECURE": False, "SESSION_COOKIE_HTTPONLY": False,
    },
    "no_referrer_policy_and_a_silenced_check": {
        "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ["example.com"],
        "INSTALLED_APPS": APPS, "MIDDLEWARE": MIDDLEWARE,
        "SECURE_REFERRER_POLICY": None,
        "SILENCED_SYSTEM_CHECKS": ["security.W004", "security.W012"],
        "SECURE_SSL_REDIRECT": True, "CSRF_COOKIE_SECURE": True,
    },
    "empty_key": {
        "SECRET_KEY": "", "ALLOWED_HOSTS": ["example.com"],
        "INSTALLED_APPS": APPS, "MIDDLEWARE": MIDDLEWARE,
    },
}


def settings_source(name):
    """Return the text of the settings module for case `name`."""
    lines = [f"{key} = {value!r}" for key, value in CASES[name].items()]
    lines += [f"ROOT_URLCONF = {'deploy_settings'!r}", "urlpatterns = []", ""]
    return "\n".join(lines)
