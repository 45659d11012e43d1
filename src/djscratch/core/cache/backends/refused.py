"""The memcached and Redis backends, refused by name: they need client
libraries outside the standard library.  The classes import (as Django's do
without pymemcache, pylibmc or redis installed) so modules naming them load;
using one raises ImportError naming the feature and the Django engine.
"""

from djscratch.core.cache.backends.base import BaseCache

__all__ = [
    "BaseMemcachedCache", "PyLibMCCache", "PyMemcacheCache", "RedisCache",
    "RedisCacheClient", "RedisSerializer",
]


def _refuse(feature):
    raise ImportError(
        f"djscratch does not implement {feature}: it needs a client library "
        "outside the standard library. Use the locmem, filebased or db cache, "
        "or run on Django with DJSCRATCH_ENGINE=django.")


class BaseMemcachedCache(BaseCache):
    """django.core.cache.backends.memcached.BaseMemcachedCache (refused)."""

    def __init__(self, server, params, library=None, value_not_found_exception=None):
        _refuse("the memcached cache backends")


class PyLibMCCache(BaseMemcachedCache):
    """django.core.cache.backends.memcached.PyLibMCCache (refused)."""


class PyMemcacheCache(BaseMemcachedCache):
    """django.core.cache.backends.memcached.PyMemcacheCache (refused)."""


class RedisSerializer:
    """django.core.cache.backends.redis.RedisSerializer (refused)."""

    def __init__(self, protocol=None):
        _refuse("the Redis cache backend")


class RedisCacheClient:
    """django.core.cache.backends.redis.RedisCacheClient (refused)."""

    def __init__(self, servers, serializer=None, pool_class=None, parser_class=None,
                 **options):
        _refuse("the Redis cache backend")


class RedisCache(BaseCache):
    """django.core.cache.backends.redis.RedisCache (refused)."""

    def __init__(self, server, params):
        _refuse("the Redis cache backend")
