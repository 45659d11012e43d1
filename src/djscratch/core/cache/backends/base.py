"""BaseCache, the API every cache backend shares: keys made from a prefix,
a version and the caller's key, default timeouts, and the many/incr/version
helpers built on a backend's get/set/add/delete (django/core/cache/backends/
base.py).  The async a* methods run the synchronous ones in the caller's
thread, as Django's thread-sensitive sync_to_async does.
"""

import time
import warnings

from djscratch.utils.functional import classproperty
from djscratch.utils.module_loading import _lazy_import, import_string
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.core.exceptions import ImproperlyConfigured

__all__ = [
    "BaseCache", "CacheKeyWarning", "InvalidCacheBackendError", "InvalidCacheKey",
    "DEFAULT_TIMEOUT", "default_key_func", "get_key_func", "memcache_key_warnings",
    "MEMCACHE_MAX_KEY_LENGTH",
]


class InvalidCacheBackendError(ImproperlyConfigured):
    """CACHES names a backend or an alias that does not exist."""


class CacheKeyWarning(RuntimeWarning):
    """A key that memcached would refuse (too long, or control characters)."""


class InvalidCacheKey(ValueError):
    """A key a backend cannot store."""


#: The timeout argument's default: "use the cache's TIMEOUT" (None means
#: "never expire" and 0 "expire at once", so neither can stand for it).
DEFAULT_TIMEOUT = object()

#: memcached refuses longer keys; every backend warns, for portability.
MEMCACHE_MAX_KEY_LENGTH = 250

_memcached_error_chars_re = _lazy_re_compile(r"[\x00-\x20\x7f]")


def default_key_func(key, key_prefix, version):
    """Return the stored key: `<KEY_PREFIX>:<version>:<key>`."""
    return "%s:%s:%s" % (key_prefix, version, key)


def get_key_func(key_func):
    """Return KEY_FUNCTION as a callable (a dotted path is imported)."""
    if key_func is None:
        return default_key_func
    return key_func if callable(key_func) else import_string(key_func)


def memcache_key_warnings(key):
    """Yield the reasons memcached would refuse `key` (a made key)."""
    if len(key) > MEMCACHE_MAX_KEY_LENGTH:
        yield ("Cache key will cause errors if used with memcached: %r "
               "(longer than %s)" % (key, MEMCACHE_MAX_KEY_LENGTH))
    if _memcached_error_chars_re.search(key):
        yield ("Cache key contains characters that will cause errors if used "
               f"with memcached: {key!r}")


def _pickle():
    """Return the pickle module, imported on first use (it and the file
    backend's modules are not needed by `import djscratch`)."""
    return _lazy_import("pickle")


#: The backends' pickle_protocol: pickle.HIGHEST_PROTOCOL, read when used.
_highest_pickle_protocol = classproperty(lambda cls: _pickle().HIGHEST_PROTOCOL)


def _int_option(value, default):
    """Return `value` as an int, or `default` when it is not one."""
    try:
        return int(value)
    except (ValueError, TypeError):
        return default


class BaseCache:
    """The cache API; a backend implements get/set/add/touch/delete/clear.

    `params` is the CACHES entry without BACKEND and LOCATION: TIMEOUT
    (seconds, None for ever; default 300), KEY_PREFIX, VERSION, KEY_FUNCTION
    and OPTIONS (MAX_ENTRIES, default 300; CULL_FREQUENCY, default 3: cull
    1/3 of the entries when full, 0 clears everything).
    """

    _missing_key = object()

    def __init__(self, params):
        timeout = params.get("timeout", params.get("TIMEOUT", 300))
        self.default_timeout = None if timeout is None else _int_option(timeout, 300)
        options = params.get("OPTIONS", {})
        self._max_entries = _int_option(
            params.get("max_entries", options.get("MAX_ENTRIES", 300)), 300)
        self._cull_frequency = _int_option(
            params.get("cull_frequency", options.get("CULL_FREQUENCY", 3)), 3)
        self.key_prefix = params.get("KEY_PREFIX", "")
        self.version = params.get("VERSION", 1)
        self.key_func = get_key_func(params.get("KEY_FUNCTION"))

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        """Return the expiry moment (a Unix time) for `timeout`, None for never."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            # Already expired, even if the clock does not move before a read.
            timeout = -1
        return None if timeout is None else time.time() + timeout

    def make_key(self, key, version=None):
        """Return the key the backend stores for `key` (through KEY_FUNCTION)."""
        if version is None:
            version = self.version
        return self.key_func(key, self.key_prefix, version)

    def validate_key(self, key):
        """Warn (CacheKeyWarning) about a key memcached would not accept."""
        for warning in memcache_key_warnings(key):
            warnings.warn(warning, CacheKeyWarning)

    def make_and_validate_key(self, key, version=None):
        """Return make_key(key, version), validated."""
        key = self.make_key(key, version=version)
        self.validate_key(key)
        return key

    # What a backend provides -------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value` unless `key` is present; return whether it stored."""
        raise NotImplementedError(
            "subclasses of BaseCache must provide an add() method")

    def get(self, key, default=None, version=None):
        """Return the value for `key`, or `default` when absent or expired."""
        raise NotImplementedError("subclasses of BaseCache must provide a get() method")

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value` under `key` for `timeout` seconds."""
        raise NotImplementedError("subclasses of BaseCache must provide a set() method")

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        """Give `key` a new expiry; return False when it is absent."""
        raise NotImplementedError(
            "subclasses of BaseCache must provide a touch() method")

    def delete(self, key, version=None):
        """Remove `key`; return whether it was there (never raises)."""
        raise NotImplementedError(
            "subclasses of BaseCache must provide a delete() method")

    def clear(self):
        """Remove every entry of this cache."""
        raise NotImplementedError(
            "subclasses of BaseCache must provide a clear() method")

    def close(self, **kwargs):
        """Release what the backend holds at the end of a request (no-op here)."""

    # Built on the above --------------------------------------------------------
    def get_many(self, keys, version=None):
        """Return {key: value} for the keys present (absent keys are left out)."""
        found = {}
        for key in keys:
            value = self.get(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        """Return the value of `key`, first storing `default` (or its call)."""
        value = self.get(key, self._missing_key, version=version)
        if value is not self._missing_key:
            return value
        if callable(default):
            default = default()
        self.add(key, default, timeout=timeout, version=version)
        # Read again: another process may have added a value first.
        return self.get(key, default, version=version)

    def has_key(self, key, version=None):
        """Return whether `key` is present and unexpired."""
        return self.get(key, self._missing_key, version=version) is not (
            self._missing_key)

    def __contains__(self, key):
        return self.has_key(key)

    def incr(self, key, delta=1, version=None):
        """Add `delta` to the stored value and return it (ValueError if absent)."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError("Key '%s' not found" % key)
        new_value = value + delta
        self.set(key, new_value, version=version)
        return new_value

    def decr(self, key, delta=1, version=None):
        """Subtract `delta` from the stored value and return it."""
        return self.incr(key, -delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Store every pair of `data`; return the keys that failed ([])."""
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def delete_many(self, keys, version=None):
        """Remove every key of `keys`."""
        for key in keys:
            self.delete(key, version=version)

    def incr_version(self, key, delta=1, version=None):
        """Move `key`'s value to version + delta; return the new version."""
        if version is None:
            version = self.version
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError("Key '%s' not found" % key)
        self.set(key, value, version=version + delta)
        self.delete(key, version=version)
        return version + delta

    def decr_version(self, key, delta=1, version=None):
        """Move `key`'s value to version - delta; return the new version."""
        return self.incr_version(key, -delta, version)

    # The async API: each runs its synchronous twin ---------------------------
    async def aadd(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.add(key, value, timeout, version)

    async def aget(self, key, default=None, version=None):
        return self.get(key, default, version)

    async def aset(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.set(key, value, timeout, version)

    async def atouch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.touch(key, timeout, version)

    async def adelete(self, key, version=None):
        return self.delete(key, version)

    async def aclear(self):
        return self.clear()

    async def aclose(self, **kwargs):
        pass

    async def aget_many(self, keys, version=None):
        found = {}
        for key in keys:
            value = await self.aget(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    async def aget_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        value = await self.aget(key, self._missing_key, version=version)
        if value is not self._missing_key:
            return value
        if callable(default):
            default = default()
        await self.aadd(key, default, timeout=timeout, version=version)
        return await self.aget(key, default, version=version)

    async def ahas_key(self, key, version=None):
        return await self.aget(key, self._missing_key, version=version) is not (
            self._missing_key)

    async def aincr(self, key, delta=1, version=None):
        value = await self.aget(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError("Key '%s' not found" % key)
        new_value = value + delta
        await self.aset(key, new_value, version=version)
        return new_value

    async def adecr(self, key, delta=1, version=None):
        return await self.aincr(key, -delta, version=version)

    async def aset_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            await self.aset(key, value, timeout=timeout, version=version)
        return []

    async def adelete_many(self, keys, version=None):
        for key in keys:
            await self.adelete(key, version=version)

    async def aincr_version(self, key, delta=1, version=None):
        if version is None:
            version = self.version
        value = await self.aget(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError("Key '%s' not found" % key)
        await self.aset(key, value, version=version + delta)
        await self.adelete(key, version=version)
        return version + delta

    async def adecr_version(self, key, delta=1, version=None):
        return await self.aincr_version(key, -delta, version)
