"""Static files served by the handler itself in
development (django/contrib/staticfiles/handlers.py).
"""

import os
import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: views.static.
import djscratch

from djscratch.conf import settings


# -- Static files.  Served by the handler itself (before the middleware) when
#    enabled: DJSCRATCH_SERVE_STATIC if set; else when staticfiles is
#    installed and DEBUG is on or the URLconf is a single-file App (so that
#    `python blog.py` serves its static/ folder in production too).

_static_config = [None, None]  # [settings object, (prefix or None)]


def _static_serving_prefix():
    """Return the URL path prefix to serve static files under, or None."""
    wrapped = settings._wrapped
    if _static_config[0] is wrapped and wrapped is not None:
        return _static_config[1]
    prefix = None
    enabled = getattr(settings, "DJSCRATCH_SERVE_STATIC", None)
    if enabled is None:
        urlconf = sys.modules.get(settings.ROOT_URLCONF or "")
        enabled = "django.contrib.staticfiles" in settings.INSTALLED_APPS and (
            settings.DEBUG or getattr(urlconf, "_djscratch_app", False))
    if enabled and settings.STATIC_URL:
        from urllib.parse import urlsplit

        parts = urlsplit(str(settings.STATIC_URL))
        if not parts.netloc:
            path_ = parts.path
            prefix = ("/" + path_.lstrip("/")) if path_ else None
            if prefix and not prefix.endswith("/"):
                prefix += "/"
    _static_config[:] = [wrapped, prefix]
    return prefix


def _static_response(request):
    """Return the response for a static file request, or None if not one."""
    if request.method not in ("GET", "HEAD"):
        return None
    prefix = _static_serving_prefix()
    if prefix is None or not request.path_info.startswith(prefix):
        return None
    # insecure: the prefix above already decided this site serves them.
    return djscratch.views.static._staticfiles_serve(
        request, request.path_info[len(prefix):], insecure=True)


def _safe_file_path(root, relative):
    """Return the real path of `relative` inside `root`, or None if it would
    leave `root` (.., absolute paths, NUL, backslashes, symlinks out)."""
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    if relative.startswith("/") or os.path.isabs(relative):
        return None
    parts = relative.split("/")
    if ".." in parts:
        return None
    real_root = os.path.realpath(root)
    try:
        real = os.path.realpath(os.path.join(real_root, *[p for p in parts if p]))
    except (ValueError, OSError):
        return None
    if not real.startswith(real_root + os.sep):
        return None
    return real
