"""find() (django/contrib/staticfiles/finders.py):
where a static path lives on disk.
"""

import os

from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.contrib.staticfiles.handlers import _safe_file_path


#: Static files an app carries as text (the single file has no static/
#: folder): app name -> {path: text}.  find() gives them as "<embedded>:path".
_EMBEDDED_STATIC = {}
_EMBEDDED_PREFIX = "<embedded>:"


def _embedded_static(path):
    """Return the text an installed app carries for static `path`, or None."""
    for config in apps.get_app_configs():
        files = _EMBEDDED_STATIC.get(config.name)
        if files is not None and path in files:
            return files[path]
    return None


def _static_locations():
    """Yield (URL prefix, folder) pairs: STATICFILES_DIRS, then apps' static/."""
    for entry in settings.STATICFILES_DIRS:
        if isinstance(entry, (list, tuple)):
            prefix, root = entry
            yield prefix.strip("/") + "/", os.fspath(root)
        else:
            yield "", os.fspath(entry)
    for config in apps.get_app_configs():
        if config.path and config.module is not None:
            yield "", os.path.join(config.path, "static")


def find(path, find_all=False, **kwargs):
    """Return the absolute path of static file `path` (the first found), or
    with find_all=True the list of every match; None / [] if none."""
    find_all = kwargs.pop("all", find_all)
    matches = []
    for prefix, root in _static_locations():
        if prefix:
            if not path.startswith(prefix):
                continue
            relative = path[len(prefix):]
        else:
            relative = path
        full = _safe_file_path(root, relative)
        if full is not None and os.path.isfile(full):
            if not find_all:
                return full
            if full not in matches:
                matches.append(full)
    if _embedded_static(path) is not None:
        if not find_all:
            return _EMBEDDED_PREFIX + path
        matches.append(_EMBEDDED_PREFIX + path)
    return matches if find_all else None
