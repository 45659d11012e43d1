"""BaseCache, the API every cache backend shares: keys made from a prefix,
a version and the caller's key, default timeouts, and the many/incr/version
helpers built on a backend's get/set/add/delete (django/core/cache/backends/
base.py).  The async a* methods run the synchronous ones in the caller's
thread, as Django's thread-sensitive sync_to_async does.
"""


from djscratch.sections import _methods_on_first_use
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


# The methods a plain page never runs are in base_extra.py, defined on first
# use.
@_methods_on_first_use("_BaseCacheMore", (
    "aadd", "aclear", "aclose", "add", "adecr", "adecr_version", "adelete",
    "adelete_many", "aget", "aget_many", "aget_or_set", "ahas_key", "aincr",
    "aincr_version", "aset", "aset_many", "atouch", "clear", "close", "decr",
    "decr_version", "delete", "delete_many", "get", "get_backend_timeout",
    "get_many", "get_or_set", "has_key", "incr", "incr_version",
    "make_and_validate_key", "make_key", "set", "set_many", "touch", "validate_key",
))
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

    def __contains__(self, key):
        return self.has_key(key)

