"""static() and staticfiles_urlpatterns()
(django/conf/urls/static.py, django/contrib/staticfiles/urls.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: views.static.
import urllib.parse
import djscratch

from djscratch.utils.encoding import iri_to_uri
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.urls.conf import re_path
from djscratch.urls.base import get_script_prefix

__all__ = [
    "static_url", "static_urlpatterns", "staticfiles_urlpatterns",
]


# -- Static file URLs.


def _static_prefix():
    """Return STATIC_URL, with the script prefix added when it is relative."""
    static = settings.STATIC_URL
    if not static:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required "
            "STATIC_URL setting.")
    static = str(static)
    if not static.startswith(("http://", "https://", "/")):
        static = get_script_prefix() + static
    return static


#: The static files storage whose url() is STATIC_URL joined with the path.
_PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"


def _custom_static_storage():
    """Whether the staticfiles app names a storage of its own (a manifest
    storage's hashed names), whose url() the {% static %} tag must ask."""
    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND")
    # INSTALLED_APPS as the settings give it (as the static handler reads it).
    return backend not in (None, _PLAIN_STATIC_STORAGE) and any(
        entry == "django.contrib.staticfiles"
        or str(entry).startswith("django.contrib.staticfiles.")
        for entry in settings.INSTALLED_APPS)


def static_url(path):
    """Return the URL of a static file: STATIC_URL joined with `path`
    (the `{% static %}` tag), or the staticfiles storage's URL for it."""
    if _custom_static_storage():
        return djscratch.contrib.staticfiles.storage.staticfiles_storage.url(path)
    # Cached per (STATIC_URL with prefix, path): urljoin() and quote() cost
    # far more than the lookup, on every page with a stylesheet.
    key = (_static_prefix(), str(path))
    url = _static_urls.get(key)
    if url is None:
        url = urllib.parse.urljoin(iri_to_uri(key[0]), urllib.parse.quote(key[1]))
        if len(_static_urls) >= 1024:  # paths can come from data: stay bounded
            _static_urls.clear()
        _static_urls[key] = url
    return url


_static_urls = {}


def static_urlpatterns(prefix, view=None, **kwargs):
    """Return a URL pattern serving files under `prefix` with `view` (default
    serve()), only when DEBUG (django.conf.urls.static.static)."""
    import re

    if not prefix:
        raise ImproperlyConfigured("Empty static prefix not permitted")
    if not settings.DEBUG or urllib.parse.urlsplit(prefix).netloc:
        return []
    view = view or djscratch.views.static.serve
    return [re_path(r"^%s(?P<path>.*)$" % re.escape(prefix.lstrip("/")), view,
                    kwargs=kwargs)]


def staticfiles_urlpatterns(prefix=None):
    """Return the pattern serving static files through the finders, when DEBUG."""
    if prefix is None:
        prefix = settings.STATIC_URL
    return static_urlpatterns(prefix, view=djscratch.views.static._staticfiles_serve)
