"""Settings: the global defaults and the lazy `settings` object
(django/conf/__init__.py and global_settings.py).
"""

import os

# Later modules, used at call time as djscratch.<module>.<name>: urls.base.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured

__all__ = [
    "settings", "LazySettings", "DEFAULT_STORAGE_ALIAS", "STATICFILES_STORAGE_ALIAS",
    "FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG",
]


# `settings` is a lazy object: nothing is read until a setting is first used,
# then values come from settings.configure(), or from the module named by
# DJANGO_SETTINGS_MODULE, over Django 5.2's defaults below.  Code reads
# settings at call time (never copies them at import), so override_settings
# and configure() always take effect.

ENVIRONMENT_VARIABLE = "DJANGO_SETTINGS_MODULE"
DEFAULT_STORAGE_ALIAS = "default"  #: the STORAGES key of default_storage
STATICFILES_STORAGE_ALIAS = "staticfiles"  #: the STORAGES key of static files
FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG = (
    "The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated.")

# Django's LANGUAGES: every language it ships a catalogue for, by code.
_DJANGO_LANGUAGES = [
    ("af", "Afrikaans"), ("ar", "Arabic"), ("ar-dz", "Algerian Arabic"),
    ("ast", "Asturian"), ("az", "Azerbaijani"), ("bg", "Bulgarian"),
    ("be", "Belarusian"), ("bn", "Bengali"), ("br", "Breton"), ("bs", "Bosnian"),
    ("ca", "Catalan"), ("ckb", "Central Kurdish (Sorani)"), ("cs", "Czech"),
    ("cy", "Welsh"), ("da", "Danish"), ("de", "German"), ("dsb", "Lower Sorbian"),
    ("el", "Greek"), ("en", "English"), ("en-au", "Australian English"),
    ("en-gb", "British English"), ("eo", "Esperanto"), ("es", "Spanish"),
    ("es-ar", "Argentinian Spanish"), ("es-co", "Colombian Spanish"),
    ("es-mx", "Mexican Spanish"), ("es-ni", "Nicaraguan Spanish"),
    ("es-ve", "Venezuelan Spanish"), ("et", "Estonian"), ("eu", "Basque"),
    ("fa", "Persian"), ("fi", "Finnish"), ("fr", "French"), ("fy", "Frisian"),
    ("ga", "Irish"), ("gd", "Scottish Gaelic"), ("gl", "Galician"),
    ("he", "Hebrew"), ("hi", "Hindi"), ("hr", "Croatian"), ("hsb", "Upper Sorbian"),
    ("hu", "Hungarian"), ("hy", "Armenian"), ("ia", "Interlingua"),
    ("id", "Indonesian"), ("ig", "Igbo"), ("io", "Ido"), ("is", "Icelandic"),
    ("it", "Italian"), ("ja", "Japanese"), ("ka", "Georgian"), ("kab", "Kabyle"),
    ("kk", "Kazakh"), ("km", "Khmer"), ("kn", "Kannada"), ("ko", "Korean"),
    ("ky", "Kyrgyz"), ("lb", "Luxembourgish"), ("lt", "Lithuanian"),
    ("lv", "Latvian"), ("mk", "Macedonian"), ("ml", "Malayalam"),
    ("mn", "Mongolian"), ("mr", "Marathi"), ("ms", "Malay"), ("my", "Burmese"),
    ("nb", "Norwegian Bokmål"), ("ne", "Nepali"), ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"), ("os", "Ossetic"), ("pa", "Punjabi"),
    ("pl", "Polish"), ("pt", "Portuguese"), ("pt-br", "Brazilian Portuguese"),
    ("ro", "Romanian"), ("ru", "Russian"), ("sk", "Slovak"), ("sl", "Slovenian"),
    ("sq", "Albanian"), ("sr", "Serbian"), ("sr-latn", "Serbian Latin"),
    ("sv", "Swedish"), ("sw", "Swahili"), ("ta", "Tamil"), ("te", "Telugu"),
    ("tg", "Tajik"), ("th", "Thai"), ("tk", "Turkmen"), ("tr", "Turkish"),
    ("tt", "Tatar"), ("udm", "Udmurt"), ("ug", "Uyghur"), ("uk", "Ukrainian"),
    ("ur", "Urdu"), ("uz", "Uzbek"), ("vi", "Vietnamese"),
    ("zh-hans", "Simplified Chinese"), ("zh-hant", "Traditional Chinese"),
]


#: Django 5.2's default for every setting djscratch reads.
GLOBAL_SETTINGS = {
    "DEBUG": False,
    "DEBUG_PROPAGATE_EXCEPTIONS": False,
    "SECRET_KEY": "",
    "SECRET_KEY_FALLBACKS": [],
    "ALLOWED_HOSTS": [],
    "INTERNAL_IPS": [],
    "ROOT_URLCONF": None,
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "TEMPLATES": [],
    "DATABASES": {},
    "DATABASE_ROUTERS": [],
    "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
    "TIME_ZONE": "America/Chicago",
    "USE_TZ": True,
    "USE_I18N": True,
    "LANGUAGE_CODE": "en-us",
    "LOCALE_PATHS": [],
    "LANGUAGES": _DJANGO_LANGUAGES,
    "LANGUAGES_BIDI": ["he", "ar", "ar-dz", "ckb", "fa", "ug", "ur"],
    "LANGUAGE_COOKIE_NAME": "django_language",
    "LANGUAGE_COOKIE_AGE": None,
    "LANGUAGE_COOKIE_DOMAIN": None,
    "LANGUAGE_COOKIE_PATH": "/",
    "LANGUAGE_COOKIE_SECURE": False,
    "LANGUAGE_COOKIE_HTTPONLY": False,
    "LANGUAGE_COOKIE_SAMESITE": None,
    "DEFAULT_CHARSET": "utf-8",
    "APPEND_SLASH": True,
    "PREPEND_WWW": False,
    "FORCE_SCRIPT_NAME": None,
    "DISALLOWED_USER_AGENTS": [],
    "ABSOLUTE_URL_OVERRIDES": {},
    "STATIC_URL": None,
    "STATIC_ROOT": None,
    "STATICFILES_DIRS": [],
    "STATICFILES_FINDERS": [
        "django.contrib.staticfiles.finders.FileSystemFinder",
        "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    ],
    "MEDIA_URL": "",
    "MEDIA_ROOT": "",
    "FILE_UPLOAD_HANDLERS": [
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ],
    "FILE_UPLOAD_MAX_MEMORY_SIZE": 2621440,
    "FILE_UPLOAD_TEMP_DIR": None,
    "FILE_UPLOAD_PERMISSIONS": 0o644,
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS": None,
    "DATA_UPLOAD_MAX_MEMORY_SIZE": 2621440,
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": 1000,
    "DATA_UPLOAD_MAX_NUMBER_FILES": 100,
    "DATE_FORMAT": "N j, Y",
    "DATETIME_FORMAT": "N j, Y, P",
    "TIME_FORMAT": "P",
    "YEAR_MONTH_FORMAT": "F Y",
    "MONTH_DAY_FORMAT": "F j",
    "SHORT_DATE_FORMAT": "m/d/Y",
    "SHORT_DATETIME_FORMAT": "m/d/Y P",
    "DATE_INPUT_FORMATS": [
        "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d %Y", "%b %d, %Y",
        "%d %b %Y", "%d %b, %Y", "%B %d %Y", "%B %d, %Y", "%d %B %Y",
        "%d %B, %Y",
    ],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": [
        "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M",
        "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S.%f", "%m/%d/%Y %H:%M",
        "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M:%S.%f", "%m/%d/%y %H:%M",
    ],
    "FIRST_DAY_OF_WEEK": 0,
    "DECIMAL_SEPARATOR": ".",
    "USE_THOUSAND_SEPARATOR": False,
    "NUMBER_GROUPING": 0,
    "THOUSAND_SEPARATOR": ",",
    "FORMAT_MODULE_PATH": None,
    "X_FRAME_OPTIONS": "DENY",
    "USE_X_FORWARDED_HOST": False,
    "USE_X_FORWARDED_PORT": False,
    "SECURE_PROXY_SSL_HEADER": None,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    "SECURE_HSTS_PRELOAD": False,
    "SECURE_HSTS_SECONDS": 0,
    "SECURE_REDIRECT_EXEMPT": [],
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_SSL_HOST": None,
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_NAME": "sessionid",
    "SESSION_COOKIE_AGE": 60 * 60 * 24 * 7 * 2,
    "SESSION_COOKIE_DOMAIN": None,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_PATH": "/",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_SAVE_EVERY_REQUEST": False,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    "SESSION_SERIALIZER": "django.contrib.sessions.serializers.JSONSerializer",
    "SIGNING_BACKEND": "django.core.signing.TimestampSigner",
    "SIGNED_COOKIE_LEGACY_SALT_FALLBACK": True,
    "CSRF_FAILURE_VIEW": "django.views.csrf.csrf_failure",
    "CSRF_COOKIE_NAME": "csrftoken",
    "CSRF_COOKIE_AGE": 60 * 60 * 24 * 7 * 52,
    "CSRF_COOKIE_DOMAIN": None,
    "CSRF_COOKIE_PATH": "/",
    "CSRF_COOKIE_SECURE": False,
    "CSRF_COOKIE_HTTPONLY": False,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "CSRF_HEADER_NAME": "HTTP_X_CSRFTOKEN",
    "CSRF_TRUSTED_ORIGINS": [],
    "CSRF_USE_SESSIONS": False,
    "MESSAGE_STORAGE": "django.contrib.messages.storage.fallback.FallbackStorage",
    "MESSAGE_LEVEL": 20,
    "MESSAGE_TAGS": {},
    "FORM_RENDERER": "django.forms.renderers.DjangoTemplates",
    "FORMS_URLFIELD_ASSUME_HTTPS": False,  # transitional, until Django 6.0
    "TEST_RUNNER": "django.test.runner.DiscoverRunner",
    "FIXTURE_DIRS": [],
    "LOGGING_CONFIG": "logging.config.dictConfig",
    "LOGGING": {},
    "SILENCED_SYSTEM_CHECKS": [],
    "WSGI_APPLICATION": None,
    "ADMINS": [],
    "DEFAULT_EXCEPTION_REPORTER": "django.views.debug.ExceptionReporter",
    "DEFAULT_EXCEPTION_REPORTER_FILTER": (
        "django.views.debug.SafeExceptionReporterFilter"),
    "MANAGERS": [],
    "IGNORABLE_404_URLS": [],
    "SERVER_EMAIL": "root@localhost",
    "DEFAULT_FROM_EMAIL": "webmaster@localhost",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "localhost",
    "EMAIL_PORT": 25,
    "EMAIL_USE_LOCALTIME": False,
    "EMAIL_HOST_USER": "",
    "EMAIL_HOST_PASSWORD": "",
    "EMAIL_USE_TLS": False,
    "EMAIL_USE_SSL": False,
    "EMAIL_SSL_CERTFILE": None,
    "EMAIL_SSL_KEYFILE": None,
    "EMAIL_TIMEOUT": None,
    "EMAIL_SUBJECT_PREFIX": "[Django] ",
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    },
    "AUTH_USER_MODEL": "auth.User",
    "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"],
    "LOGIN_URL": "/accounts/login/",
    "LOGIN_REDIRECT_URL": "/accounts/profile/",
    "LOGOUT_REDIRECT_URL": None,
    "PASSWORD_RESET_TIMEOUT": 60 * 60 * 24 * 3,
    "PASSWORD_HASHERS": [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
    "AUTH_PASSWORD_VALIDATORS": [],
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    },
    "CACHE_MIDDLEWARE_ALIAS": "default",
    "CACHE_MIDDLEWARE_KEY_PREFIX": "",
    "CACHE_MIDDLEWARE_SECONDS": 600,
    "SESSION_CACHE_ALIAS": "default",
    "SESSION_FILE_PATH": None,
}


class Settings:
    """The concrete settings: defaults, overlaid by a module or a dict.

    Settings("module.name") reads the module's upper-case names, as Django's
    Settings(settings_module) does (and sets the process's time zone).
    """

    def __init__(self, values, module_name=None, validate=True):
        self._from_module = isinstance(values, str)
        if self._from_module:
            module_name, values = values, _settings_module_values(values)
        self.__dict__.update(GLOBAL_SETTINGS)
        self.__dict__.update(values)
        self.SETTINGS_MODULE = module_name
        self._explicit = set(values)
        if not validate:  # override_settings() checks nothing, as Django's
            return
        for name in ("ALLOWED_HOSTS", "INSTALLED_APPS", "TEMPLATE_DIRS", "LOCALE_PATHS",
                     "SECRET_KEY_FALLBACKS"):
            if isinstance(self.__dict__.get(name), str):
                raise ImproperlyConfigured(
                    f"The {name} setting must be a list or a tuple.")
        if "FORMS_URLFIELD_ASSUME_HTTPS" in self._explicit:
            _warn_forms_urlfield_assume_https()
        if self._from_module:
            _set_process_time_zone(self.TIME_ZONE)

    def __repr__(self):
        if self._from_module:
            return f'<Settings "{self.SETTINGS_MODULE}">'
        return "<UserSettingsHolder>"  # configure()'s and override_settings()'

    #: The settings an override_settings() layer was copied from, if any.
    _parent = None

    def is_overridden(self, setting):
        return setting in self._explicit


def _settings_module_values(module_name):
    """The upper-case names of the settings module `module_name`."""
    import importlib

    module = importlib.import_module(module_name)
    return {k: getattr(module, k) for k in dir(module) if k.isupper()}


def _warn_forms_urlfield_assume_https():
    """Django 5.2's deprecation warning for the transitional setting."""
    import warnings

    warnings.warn(FORMS_URLFIELD_ASSUME_HTTPS_DEPRECATED_MSG,
                  djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=3)


def _add_script_prefix(value):
    """A relative MEDIA_URL or STATIC_URL under the script prefix, as
    Django's settings give it ("static/" -> "/static/")."""
    value = str(value)
    if value.startswith(("http://", "https://", "/")):
        return value
    return djscratch.urls.base.get_script_prefix() + value


def _set_process_time_zone(time_zone):
    """As Django does for a settings module: TIME_ZONE becomes the process's
    zone (os.environ["TZ"]), so date.today() agrees with timezone.localdate().
    """
    import time

    if not (hasattr(time, "tzset") and time_zone):
        return
    from pathlib import Path

    zoneinfo_root = Path("/usr/share/zoneinfo")
    if zoneinfo_root.exists() and not zoneinfo_root.joinpath(
            *time_zone.split("/")).exists():
        raise ValueError("Incorrect timezone setting: %s" % time_zone)
    os.environ["TZ"] = time_zone
    time.tzset()


class LazySettings:
    """Django's `settings`: configured on first use, read at call time.

    Values are cached in the instance __dict__ after the first lookup, so a
    setting costs one attribute read on hot paths; changing settings (configure,
    override_settings) clears that cache.
    """

    def __init__(self):
        self.__dict__["_wrapped"] = None

    def _setup(self, name=None):
        module_name = os.environ.get(ENVIRONMENT_VARIABLE)
        if not module_name:
            desc = f"setting {name}" if name else "settings"
            raise ImproperlyConfigured(
                f"Requested {desc}, but settings are not configured. You must either "
                f"define the environment variable {ENVIRONMENT_VARIABLE} or call "
                "settings.configure() before accessing settings."
            )
        self.__dict__["_wrapped"] = Settings(module_name)

    def __getattr__(self, name):
        wrapped = self._wrapped
        if wrapped is None:
            self._setup(name)
            wrapped = self._wrapped
        value = getattr(wrapped, name)
        if name in ("MEDIA_URL", "STATIC_URL") and value is not None:
            value = _add_script_prefix(value)
        elif name == "SECRET_KEY" and not value:
            # Never sign with an empty key: anyone could forge sessions.
            raise ImproperlyConfigured("The SECRET_KEY setting must not be empty.")
        if name.isupper():  # a setting; methods (is_overridden) stay looked up,
            self.__dict__[name] = value  # so a test can patch them on the class
        return value

    def __setattr__(self, name, value):
        if name == "_wrapped":
            self._clear_cache()
            self.__dict__["_wrapped"] = value
            return
        if self._wrapped is None:
            self._setup(name)
        setattr(self._wrapped, name, value)
        self.__dict__.pop(name, None)
        _clear_settings_derived()

    def __delattr__(self, name):
        if name == "_wrapped":
            raise TypeError("can't delete _wrapped.")
        if self._wrapped is None:
            self._setup(name)
        delattr(self._wrapped, name)
        self.__dict__.pop(name, None)
        _clear_settings_derived()

    def __dir__(self):
        """The wrapped settings' names, defaults included (as Django's)."""
        if self._wrapped is None:
            self._setup()
        return dir(self._wrapped)

    def _clear_cache(self):
        wrapped = self.__dict__["_wrapped"]
        self.__dict__.clear()
        self.__dict__["_wrapped"] = wrapped
        _clear_settings_derived()

    def configure(self, default_settings=None, **options):
        """Configure settings by hand, instead of DJANGO_SETTINGS_MODULE."""
        if self._wrapped is not None:
            raise RuntimeError("Settings already configured.")
        for name in options:
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be uppercase.")
        values = dict(options)
        if default_settings is not None:
            base = {k: getattr(default_settings, k) for k in dir(default_settings)
                    if k.isupper()}
            values = {**base, **values}
        self._wrapped = Settings(values)

    @property
    def configured(self):
        """True once settings have been configured."""
        return self._wrapped is not None

    def __repr__(self):
        if self._wrapped is None:
            return "<LazySettings [Unevaluated]>"
        return f'<LazySettings "{self._wrapped.SETTINGS_MODULE}">'


settings = LazySettings()


# -- Values derived from settings, computed once per change.
# A request must not redo per call what depends only on settings (importing
# SESSION_ENGINE, parsing ALLOWED_HOSTS).  Every change of settings goes
# through LazySettings (configure, override_settings, assignment), which
# empties these caches, as Django's setting_changed receivers do.

_settings_derived_caches = []


def _settings_derived(func):
    """Decorate func(*args) to cache its result per args until settings change.

    The arguments must be hashable; the function must read only settings
    (and its arguments), never request state.
    """
    cache = {}
    _settings_derived_caches.append(cache)

    def cached(*args):
        try:
            return cache[args]
        except KeyError:
            if len(cache) >= 512:  # args may come from clients (a Host header)
                cache.clear()
            value = cache[args] = func(*args)
            return value

    cached.__name__ = func.__name__
    cached.__qualname__ = func.__qualname__
    cached.__doc__ = func.__doc__
    cached.__wrapped__ = func
    cached.cache_clear = cache.clear
    return cached


@_settings_derived
def _settings_token():
    """An object that stays the same until settings change: what something
    derived from settings and kept elsewhere (a handler's active middleware
    hooks) is stamped with, to know when to derive it again."""
    return object()


#: _settings_token()'s cache, {(): the token} until settings change (then
#: empty): a request's handler reads the token there, without a call.
_SETTINGS_TOKEN_CACHE = _settings_derived_caches[-1]


def _clear_settings_derived():
    """Empty every _settings_derived cache (a setting changed)."""
    for cache in _settings_derived_caches:
        cache.clear()
