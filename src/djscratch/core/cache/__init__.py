"""The cache framework's entry points (django/core/cache/__init__.py):
`caches[alias]` builds each CACHES entry's backend once per thread, `cache`
stands for caches["default"].  memcached and Redis are refused by name: they
need client libraries outside the standard library.
"""

import threading

from djscratch.utils.module_loading import import_string
from djscratch.utils.connection import BaseConnectionHandler
from djscratch.core.signals import request_finished, setting_changed
from djscratch.core.cache.backends.base import (
    BaseCache, CacheKeyWarning, InvalidCacheBackendError, InvalidCacheKey,
)

__all__ = [
    "cache", "caches", "DEFAULT_CACHE_ALIAS", "InvalidCacheBackendError",
    "CacheKeyWarning", "BaseCache", "InvalidCacheKey", "CacheHandler",
    "close_caches",
]

DEFAULT_CACHE_ALIAS = "default"

#: Backend module prefixes djscratch refuses -> the feature's name.
_REFUSED_CACHE_BACKENDS = {
    "django.core.cache.backends.memcached": "the memcached cache backends",
    "django.core.cache.backends.redis": "the Redis cache backend",
}


def _refuse_cache_backend(backend):
    """Raise for a backend djscratch does not provide, naming the feature."""
    for prefix, feature in _REFUSED_CACHE_BACKENDS.items():
        if backend.startswith(prefix + "."):
            raise InvalidCacheBackendError(
                f"djscratch does not implement {feature} ({backend}): they need "
                "a client library outside the standard library. Use locmem, "
                "filebased or db, or run on Django with DJSCRATCH_ENGINE=django.")


class CacheHandler(BaseConnectionHandler):
    """`caches[alias]`: the backend of settings.CACHES[alias], one per thread.

    Iterating gives the aliases; all() the backends; close_all() closes those
    this thread built.  The configuration is read once, until CACHES changes.
    """

    settings_name = "CACHES"
    exception_class = InvalidCacheBackendError

    def __init__(self, settings=None):
        # A plain threading.local: close_all() closes what it holds, and
        # _reset() forgets the configuration when CACHES changes (so settings
        # is a property here, not the base class's cached_property).
        self._settings = settings
        self._configured = None
        self._connections = threading.local()

    @property
    def settings(self):
        if self._configured is None:
            self._configured = self.configure_settings(self._settings)
        return self._configured

    def create_connection(self, alias):
        params = self.settings[alias].copy()
        backend = params.pop("BACKEND")
        location = params.pop("LOCATION", "")
        _refuse_cache_backend(backend)
        try:
            backend_cls = import_string(backend)
        except ImportError as err:
            raise InvalidCacheBackendError(
                "Could not find backend '%s': %s" % (backend, err)) from err
        return backend_cls(location, params)

    def close_all(self):
        # The backends this thread built are its local's values (what
        # all(initialized_only=True) finds through the aliases); a request
        # that used no cache closes nothing without reading CACHES.
        built = vars(self._connections)
        if built:
            for conn in list(built.values()):
                conn.close()

    def _reset(self):
        """Forget the configuration and the backends (CACHES changed)."""
        self._settings = self._configured = None
        self._connections = threading.local()


class ConnectionProxy:
    """Stand for connections[alias], looked up on every use (thread-safe)."""

    def __init__(self, connections, alias):
        self.__dict__["_connections"] = connections
        self.__dict__["_alias"] = alias

    def __getattr__(self, item):
        return getattr(self._connections[self._alias], item)

    def __setattr__(self, name, value):
        return setattr(self._connections[self._alias], name, value)

    def __delattr__(self, name):
        return delattr(self._connections[self._alias], name)

    def __contains__(self, key):
        return key in self._connections[self._alias]

    def __eq__(self, other):
        return self._connections[self._alias] == other


caches = CacheHandler()

cache = ConnectionProxy(caches, DEFAULT_CACHE_ALIAS)


def close_caches(**kwargs):
    """Close this thread's caches at the end of a request (a no-op for most)."""
    caches.close_all()


def _thread_caches():
    """The cache backends this thread built (its local's dict; empty before
    the first): close_caches has nothing to close without one."""
    return vars(caches._connections)


close_caches._djscratch_pending = _thread_caches


def _caches_changed(setting=None, **kwargs):
    if setting == "CACHES":
        caches._reset()


request_finished.connect(close_caches)
setting_changed.connect(_caches_changed, dispatch_uid="djscratch_caches")
