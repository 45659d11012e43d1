"""LocMemCache: a per-process, thread-safe in-memory cache with LRU culling
(django/core/cache/backends/locmem.py).  Caches with the same LOCATION share
their store, values are pickled so that callers never share mutable objects.
"""

import threading
import time
import collections

from djscratch.core.cache.backends.base import (
    _highest_pickle_protocol, _pickle, BaseCache, DEFAULT_TIMEOUT,
)

__all__ = ["LocMemCache"]

# The stores, by LOCATION: every LocMemCache named alike sees the same data
# (each thread builds its own instance of a cache alias).
_locmem_caches = {}
_locmem_expire_info = {}
_locmem_locks = {}


class LocMemCache(BaseCache):
    """Keep pickled values in an OrderedDict, most recently used first."""

    pickle_protocol = _highest_pickle_protocol

    def __init__(self, name, params):
        super().__init__(params)
        self._cache = _locmem_caches.setdefault(name, collections.OrderedDict())
        self._expire_info = _locmem_expire_info.setdefault(name, {})
        self._lock = _locmem_locks.setdefault(name, threading.Lock())

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = _pickle().dumps(value, self.pickle_protocol)
        with self._lock:
            if not self._has_expired(key):
                return False
            self._set(key, pickled, timeout)
            return True

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            pickled = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return _pickle().loads(pickled)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = _pickle().dumps(value, self.pickle_protocol)
        with self._lock:
            self._set(key, pickled, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                return False
            self._expire_info[key] = self.get_backend_timeout(timeout)
            return True

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError("Key '%s' not found" % key)
            new_value = _pickle().loads(self._cache[key]) + delta
            self._cache[key] = _pickle().dumps(new_value, self.pickle_protocol)
            self._cache.move_to_end(key, last=False)
        return new_value

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return False
            return True

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()

    # With the lock held ------------------------------------------------------
    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if len(self._cache) >= self._max_entries:
            self._cull()
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def _has_expired(self, key):
        """Return True for an absent key too (its expiry reads as -1)."""
        expires = self._expire_info.get(key, -1)
        return expires is not None and expires <= time.time()

    def _cull(self):
        """Drop the least recently used 1/CULL_FREQUENCY (0: everything)."""
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            return
        for _ in range(len(self._cache) // self._cull_frequency):
            key, _ = self._cache.popitem()
            del self._expire_info[key]

    def _delete(self, key):
        try:
            del self._cache[key]
            del self._expire_info[key]
        except KeyError:
            return False
        return True
