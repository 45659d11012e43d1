"""BaseCache's methods a plain page's first response never runs: the
single file keeps them in a section, and BaseCache defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import time
import warnings

from djscratch.core.cache.backends.base import (
    CacheKeyWarning, DEFAULT_TIMEOUT, memcache_key_warnings,
)


class _BaseCacheMore:
    """BaseCache's methods defined on first use (never instantiated)."""

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
