"""Django's cache checks (django/core/checks/caches.py): caches.E001 (no
default cache), caches.W002 (a file cache inside MEDIA_ROOT, STATIC_ROOT or
STATICFILES_DIRS, deploy only) and caches.W003 (a relative file cache path).
"""

from djscratch.conf import settings
from djscratch.core.cache import caches, DEFAULT_CACHE_ALIAS
from djscratch.core.cache.backends.filebased import FileBasedCache
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_default_cache_is_configured", "check_cache_location_not_exposed",
    "check_file_based_cache_is_absolute",
]


_CACHES_E001 = Error(
    "You must define a '%s' cache in your CACHES setting." % DEFAULT_CACHE_ALIAS,
    id="caches.E001")


@register(Tags.caches)
def check_default_cache_is_configured(app_configs, **kwargs):
    """CACHES must define the 'default' alias."""
    return [] if DEFAULT_CACHE_ALIAS in settings.CACHES else [_CACHES_E001]


def _exposed_paths(name):
    """The resolved directories a served-files setting names."""
    import pathlib  # (checks run at start-up of a command, not per import)

    setting = getattr(settings, name, None)
    if not setting:
        return set()
    if name != "STATICFILES_DIRS":
        return {pathlib.Path(setting).resolve()}
    paths = set()
    for entry in setting:
        if isinstance(entry, (list, tuple)):  # (prefix, path)
            entry = entry[1]
        paths.add(pathlib.Path(entry).resolve())
    return paths


def _relation(cache_path, paths):
    """How a cache directory sits against served directories, or None."""
    if cache_path in paths:
        return "matches"
    if any(path in cache_path.parents for path in paths):
        return "is inside"
    if any(cache_path in path.parents for path in paths):
        return "contains"
    return None


@register(Tags.caches, deploy=True)
def check_cache_location_not_exposed(app_configs, **kwargs):
    """A file cache in a served directory can be read or corrupted."""
    warnings = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS"):
        paths = _exposed_paths(name)
        if not paths:
            continue
        for alias in settings.CACHES:
            cache = caches[alias]
            if not isinstance(cache, FileBasedCache):
                continue
            import pathlib

            relation = _relation(pathlib.Path(cache._dir).resolve(), paths)
            if relation:
                warnings.append(Warning(
                    f"Your '{alias}' cache configuration might expose your cache "
                    f"or lead to corruption of your data because its LOCATION "
                    f"{relation} {name}.", id="caches.W002"))
    return warnings


@register(Tags.caches)
def check_file_based_cache_is_absolute(app_configs, **kwargs):
    """A relative LOCATION depends on the directory the server starts in."""
    import pathlib

    return [
        Warning(f"Your '{alias}' cache LOCATION path is relative. Use an "
                f"absolute path instead.", id="caches.W003")
        for alias, config in settings.CACHES.items()
        if isinstance(caches[alias], FileBasedCache)
        and not pathlib.Path(config["LOCATION"]).is_absolute()
    ]
