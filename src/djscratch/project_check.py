"""What a project's settings name that djscratch lacks, reported all at once
when the app registry is populated (django.setup()).  No Django counterpart:
Django implements everything its settings can name.
"""

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.apps.registry import _contrib_config
from djscratch.core.cache import _REFUSED_CACHE_BACKENDS
from djscratch.django_alias import _alias_provides

__all__ = ["check_project_settings"]

#: A hint for a missing contrib app, beside its name in the report.
_APP_HINTS = {}

#: Settings holding one dotted path, checked when the project sets them.
_PATH_SETTINGS = (
    "EMAIL_BACKEND", "SESSION_ENGINE", "SESSION_SERIALIZER", "MESSAGE_STORAGE",
    "TEST_RUNNER", "CSRF_FAILURE_VIEW", "SIGNING_BACKEND", "FORM_RENDERER",
    "DEFAULT_AUTO_FIELD",
)

#: Settings holding a list of dotted paths, checked when the project sets them.
_PATH_LIST_SETTINGS = ("AUTHENTICATION_BACKENDS", "PASSWORD_HASHERS")

_SQLITE_ENGINE = "django.db.backends.sqlite3"


def _provided(dotted_path):
    """Whether a "django.x.y.Name" path names something djscratch has (paths
    outside django are the project's own: importing them will tell)."""
    if not isinstance(dotted_path, str) or not dotted_path.startswith("django."):
        return True
    module, _, name = dotted_path.rpartition(".")
    return _alias_provides(dotted_path) or _alias_provides(module, name)


def _paths_problems(label, paths):
    return [f"{label} {path!r}" for path in paths if not _provided(path)]


def _apps_problems(installed_apps):
    problems = []
    for entry in installed_apps:
        if (isinstance(entry, str) and entry.startswith("django.")
                and _contrib_config(entry) is None):
            hint = _APP_HINTS.get(entry)
            problems.append(
                f"INSTALLED_APPS {entry!r}" + (f" ({hint})" if hint else ""))
    return problems


def _templates_problems(templates):
    problems = []
    for engine in templates or ():
        problems += _paths_problems("TEMPLATES BACKEND", [engine.get("BACKEND")])
        options = engine.get("OPTIONS") or {}
        problems += _paths_problems("TEMPLATES context processor",
                                    options.get("context_processors") or ())
    return problems


def _databases_problems(databases):
    return [
        f"DATABASES[{alias!r}] ENGINE {config.get('ENGINE')!r} (djscratch runs on "
        f"SQLite only: {_SQLITE_ENGINE!r})"
        for alias, config in (databases or {}).items()
        if config.get("ENGINE", _SQLITE_ENGINE) != _SQLITE_ENGINE
    ]


def _caches_problems(caches_setting):
    """CACHES backends djscratch lacks, memcached and Redis named as such."""
    problems = []
    for alias, config in (caches_setting or {}).items():
        backend = config.get("BACKEND")
        module = backend.rpartition(".")[0] if isinstance(backend, str) else ""
        if module in _REFUSED_CACHE_BACKENDS:
            problems.append(f"CACHES[{alias!r}] BACKEND {backend!r} "
                            f"({_REFUSED_CACHE_BACKENDS[module]})")
        else:
            problems += _paths_problems(f"CACHES[{alias!r}] BACKEND", [backend])
    return problems


def _settings_problems(installed_apps):
    """Every name in the settings (and `installed_apps`) djscratch lacks."""
    problems = _apps_problems(installed_apps)
    problems += _paths_problems("MIDDLEWARE", settings.MIDDLEWARE)
    problems += _templates_problems(settings.TEMPLATES)
    problems += _databases_problems(settings.DATABASES)
    problems += _caches_problems(settings.CACHES)
    validators = getattr(settings, "AUTH_PASSWORD_VALIDATORS", None) or ()
    problems += _paths_problems("AUTH_PASSWORD_VALIDATORS",
                                [v.get("NAME") for v in validators])
    for name in _PATH_SETTINGS:
        if settings.is_overridden(name):
            problems += _paths_problems(name, [getattr(settings, name)])
    for name in _PATH_LIST_SETTINGS:
        if settings.is_overridden(name):
            problems += _paths_problems(name, getattr(settings, name))
    return problems


def check_project_settings(installed_apps):
    """Raise ImproperlyConfigured listing, in one message, every Django app,
    middleware, backend or engine the settings name that djscratch lacks."""
    if not settings.configured:
        return
    problems = _settings_problems(installed_apps)
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise ImproperlyConfigured(
            "djscratch does not implement what these settings name:\n"
            f"{lines}\n"
            "Remove or replace them, or run the project on Django: with Django "
            "installed (pip install \"Django==5.2.*\"), manage.py uses it, and "
            "DJSCRATCH_ENGINE=django makes djscratch hand over to it.")
