"""Static files served by the handler itself in development, and
StaticFilesHandler, the WSGI wrapper that serves them in front of an
application (django/contrib/staticfiles/handlers.py).
"""

import urllib.parse
import os
import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: views.static.
import djscratch

from djscratch.conf import settings
from djscratch.core.exceptions import Http404
from djscratch.core.handlers.exception import response_for_exception
from djscratch.core.handlers.wsgi import WSGIHandler
from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.contrib.staticfiles.utils import check_settings

__all__ = ["StaticFilesHandler", "StaticFilesHandlerMixin"]


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
    # The value as written: settings.STATIC_URL carries the script prefix,
    # which PATH_INFO (what the prefix is matched against) does not.
    static_url = getattr(settings._wrapped, "STATIC_URL", None)
    if enabled and static_url:
        parts = urllib.parse.urlsplit(str(static_url))
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
    wrapped = settings._wrapped  # _static_serving_prefix()'s remembered case
    if _static_config[0] is wrapped and wrapped is not None:
        prefix = _static_config[1]
    else:
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


class StaticFilesHandlerMixin:
    """What the WSGI and ASGI static handlers share: requests under
    STATIC_URL get the file the finders find (whatever DEBUG says)."""

    handles_files = True

    def load_middleware(self, is_async=False):
        # The wrapped application runs its own middleware.
        pass

    def get_base_url(self):
        check_settings()
        return settings.STATIC_URL

    def _should_handle(self, path):
        return path.startswith(self.base_url.path) and not self.base_url.netloc

    def file_path(self, url):
        """The static path of a URL under STATIC_URL."""
        from urllib.request import url2pathname

        return url2pathname(url.removeprefix(self.base_url.path))

    def serve(self, request):
        return djscratch.views.static._staticfiles_serve(
            request, self.file_path(request.path), insecure=True)

    def get_response(self, request):
        try:
            return self.serve(request)
        except Http404 as e:
            return response_for_exception(request, e)

    async def get_response_async(self, request):
        sync_to_async = _asgiref_sync().sync_to_async
        try:
            return await sync_to_async(self.serve, thread_sensitive=False)(request)
        except Http404 as e:
            return await sync_to_async(response_for_exception,
                                       thread_sensitive=False)(request, e)


class StaticFilesHandler(StaticFilesHandlerMixin, WSGIHandler):
    """WSGI wrapper: requests under STATIC_URL get the file the finders find
    (whatever DEBUG says), every other request goes to `application`."""

    def __init__(self, application):
        self.application = application
        self.base_url = urllib.parse.urlsplit(self.get_base_url())
        super().__init__()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not self._should_handle(path):
            return self.application(environ, start_response)
        return super().__call__(environ, start_response)
