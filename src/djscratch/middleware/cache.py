"""The page cache middleware (django/middleware/cache.py): FetchFromCache
answers a GET/HEAD from the cache, UpdateCache stores cacheable responses,
CacheMiddleware does both (and is what cache_page wraps round one view).
Pages are keyed by URL and the request headers the response varies on.
"""

import time

from djscratch.conf import settings
from djscratch.utils.http import parse_http_date_safe
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.core.cache import caches, DEFAULT_CACHE_ALIAS
from djscratch.utils.cache import (
    get_cache_key, get_max_age, has_vary_header, learn_cache_key,
    patch_response_headers, patch_vary_headers,
)

__all__ = ["UpdateCacheMiddleware", "FetchFromCacheMiddleware", "CacheMiddleware"]


class UpdateCacheMiddleware(MiddlewareMixin):
    """Store cacheable responses; put it first in MIDDLEWARE (runs last)."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.page_timeout = None
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self):
        return caches[self.cache_alias]

    def _should_update_cache(self, request, response):
        return getattr(request, "_cache_update_cache", False)

    def _is_cacheable(self, request, response):
        """Return whether a response may be stored at all."""
        if not self._should_update_cache(request, response):
            return False
        if response.streaming or response.status_code not in (200, 304):
            return False
        # A cookie set while varying on Cookie is one user's (maybe secret).
        if response.cookies and has_vary_header(response, "Cookie"):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control
               for directive in ("private", "no-cache", "no-store")):
            return False
        return not has_vary_header(response, "*")

    def _timeout(self, response):
        """Return the page timeout (cache_page's, max-age, then the default).

        None means "do not store": the response says max-age=0.
        """
        if self.page_timeout is not None:
            return self.page_timeout
        timeout = get_max_age(response)
        if timeout is None:
            return self.cache_timeout
        return None if timeout == 0 else timeout

    def process_response(self, request, response):
        if not self._is_cacheable(request, response):
            return response
        timeout = self._timeout(response)
        if timeout is None:
            return response
        patch_response_headers(response, timeout)
        # A request bearing credentials varies on them unless the response
        # says "public" (RFC 9111, 3.5).
        cache_control = response.get("Cache-Control", "").lower()
        if request.headers.get("Authorization") and "public" not in cache_control:
            patch_vary_headers(response, ("Authorization",))
        if timeout and response.status_code == 200:
            cache_key = learn_cache_key(
                request, response, timeout, self.key_prefix, cache=self.cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(
                    lambda r: self.cache.set(cache_key, r, timeout))
            else:
                self.cache.set(cache_key, response, timeout)
        return response


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answer from the cache when it can; put it last in MIDDLEWARE."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self):
        return caches[self.cache_alias]

    def process_request(self, request):
        """Return the cached response for a GET or HEAD, or None."""
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        cache_key = get_cache_key(request, self.key_prefix, "GET", cache=self.cache)
        if cache_key is None:
            request._cache_update_cache = True
            return None
        response = self.cache.get(cache_key)
        if response is None and request.method == "HEAD":
            cache_key = get_cache_key(request, self.key_prefix, "HEAD",
                                      cache=self.cache)
            response = self.cache.get(cache_key)
        if response is None:
            request._cache_update_cache = True
            return None
        _set_age(response)
        request._cache_update_cache = False
        return response


def _set_age(response):
    """Set Age from max-age and how far Expires is away (never negative)."""
    max_age = get_max_age(response)
    if max_age is None:
        return
    expires = parse_http_date_safe(response["Expires"])
    if expires is None:
        return
    remaining = expires - int(time.time())
    response["Age"] = max(0, max_age - remaining)


class CacheMiddleware(UpdateCacheMiddleware, FetchFromCacheMiddleware):
    """Fetch and update in one middleware; cache_page's engine.

    key_prefix or cache_alias given as None mean "" and "default"; not
    given, the CACHE_MIDDLEWARE_* settings apply.
    """

    def __init__(self, get_response, cache_timeout=None, page_timeout=None, **kwargs):
        super().__init__(get_response)
        if "key_prefix" in kwargs:
            key_prefix = kwargs["key_prefix"]
            self.key_prefix = "" if key_prefix is None else key_prefix
        if "cache_alias" in kwargs:
            alias = kwargs["cache_alias"]
            self.cache_alias = DEFAULT_CACHE_ALIAS if alias is None else alias
        if cache_timeout is not None:
            self.cache_timeout = cache_timeout
        self.page_timeout = page_timeout
