"""HTTP caching helpers (django/utils/cache.py): Cache-Control,
Vary, ETag, the conditional response, and the page-cache keys that
cache_page and the cache middleware store responses under.
"""

from djscratch.conf import settings
from djscratch.utils.http import (
    http_date, parse_etags, parse_http_date_safe, quote_etag,
)
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.translation import get_language
from djscratch.utils.timezone import get_current_timezone_name
from djscratch.http.response import (
    _clean_header_values, HttpResponse, HttpResponseBase,
    ResponseHeaders,
)
from djscratch.http.response_extra import HttpResponseNotModified
from djscratch.core.cache import caches

__all__ = [
    "patch_cache_control", "patch_vary_headers", "add_never_cache_headers",
    "patch_response_headers", "get_max_age", "get_conditional_response",
    "has_vary_header", "get_cache_key", "learn_cache_key", "set_response_etag",
]

cc_delim_re = _lazy_re_compile(r"\s*,\s*")


# -- HTTP caching helpers (django.utils.cache) --------------------------------

def _split_header(value):
    """Split a comma-separated header value, dropping surrounding spaces."""
    return [part.strip() for part in value.split(",")] if value else []


def _cache_control_items(value):
    """Yield (lowercased name, value or True) for each Cache-Control field.

    Fields are split as Django splits them (spaces round commas only), so a
    padded or empty field reads, and is written back, as in Django.
    """
    for field in cc_delim_re.split(value):
        name, sep, argument = field.partition("=")
        yield name.lower(), argument if sep else True


def patch_cache_control(response, **kwargs):
    """Merge keyword directives into the response's Cache-Control header.

    Names have underscores turned into hyphens; a value of exactly True adds
    the bare directive, any other value adds `name=value`.  max_age keeps the
    smaller of the old and new values; public and private replace each other;
    no_cache may collect several field names.
    """
    directives = {}
    current = response.get("Cache-Control")
    for name, value in _cache_control_items(current) if current else ():
        if name == "no-cache":
            directives.setdefault(name, set()).add(value)
        else:
            directives[name] = value
    if "max-age" in directives and "max_age" in kwargs:
        kwargs["max_age"] = min(int(directives["max-age"]), kwargs["max_age"])
    if "private" in directives and "public" in kwargs:
        del directives["private"]
    elif "public" in directives and "private" in kwargs:
        del directives["public"]
    for key, value in kwargs.items():
        name = key.replace("_", "-")
        if name == "no-cache":
            directives.setdefault(name, set()).add(value)
        else:
            directives[name] = value
    parts = []
    for name, value in directives.items():
        values = value if isinstance(value, set) else [value]
        if isinstance(value, set) and True in value:
            values = [True]
        for one in values:
            parts.append(name if one is True else "%s=%s" % (name, one))
    response.headers["Cache-Control"] = ", ".join(parts)


def get_max_age(response):
    """Return Cache-Control's max-age as an int, or None if absent or not a number.

    As in Django, the last max-age counts and a bare "max-age" reads as 1.
    """
    if not response.has_header("Cache-Control"):
        return None
    fields = dict(_cache_control_items(response.headers["Cache-Control"]))
    try:
        return int(fields["max-age"])
    except (KeyError, TypeError, ValueError):
        return None


def patch_response_headers(response, cache_timeout=None):
    """Add Expires and Cache-Control max-age headers unless already present."""
    import time

    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_timeout = max(cache_timeout, 0)
    if not response.has_header("Expires"):
        response.headers["Expires"] = http_date(time.time() + cache_timeout)
    patch_cache_control(response, max_age=cache_timeout)


def add_never_cache_headers(response):
    """Mark a response as never to be cached by browsers or proxies."""
    patch_response_headers(response, cache_timeout=-1)
    patch_cache_control(
        response, no_cache=True, no_store=True, must_revalidate=True, private=True)


def patch_vary_headers(response, newheaders):
    """Add header names to the response's Vary header (a "*" absorbs all)."""
    if type(response).has_header is _base_has_header and \
            _vary_one_name(response, newheaders):
        return
    present = _split_header(response.get("Vary", "")) if response.has_header(
        "Vary") else []
    # As Django: a name already in Vary is not added again; the new names
    # are not compared with each other (("Cookie", "cookie") adds both).
    seen = {name.lower() for name in present}
    present += [name for name in newheaders if name.lower() not in seen]
    response.headers["Vary"] = "*" if "*" in present else ", ".join(present)


def _vary_one_name(response, newheaders):
    """patch_vary_headers() for a tuple of one header name and a response
    without Vary whose has_header() and headers are the library's own (the
    CSRF and session middleware's call): set Vary to the name (a "*" too)
    and answer True, else answer False (the general way)."""
    headers = response.headers
    if type(newheaders) is tuple and len(newheaders) == 1 and \
            type(headers) is ResponseHeaders and "vary" not in headers._store:
        name = newheaders[0]
        if type(name) is str and name in _clean_header_values:
            # (what headers["Vary"] = name stores, the name and value
            # checked clean before)
            headers._store["vary"] = ("Vary", name)
            return True
    return False


_base_has_header = HttpResponseBase.has_header


def _set_response_etag(response):
    """Give a non-streaming response with content an ETag from its MD5."""
    import hashlib

    if not response.streaming and response.content:
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response.headers["ETag"] = quote_etag(digest)
    return response


def _not_modified(response=None):
    """Return a 304 carrying the validator headers (and cookies) of `response`."""
    new = HttpResponseNotModified()
    if response is not None:
        for header in ("Cache-Control", "Content-Location", "Date", "ETag",
                       "Expires", "Last-Modified", "Vary"):
            if header in response:
                new.headers[header] = response.headers[header]
        new.cookies = response.cookies
    return new


def get_conditional_response(request, etag=None, last_modified=None, response=None):
    """Apply RFC 9110 preconditions; return a 304/412 response or `response`.

    `etag` is a quoted entity tag and `last_modified` a Unix timestamp.  A
    response that is not 2xx is returned untouched.
    """
    if response is not None and not (200 <= response.status_code < 300):
        return response
    meta = request.META
    if_match = parse_etags(meta.get("HTTP_IF_MATCH", ""))
    if_unmodified_since = meta.get("HTTP_IF_UNMODIFIED_SINCE")
    if_unmodified_since = if_unmodified_since and parse_http_date_safe(
        if_unmodified_since)
    if_none_match = parse_etags(meta.get("HTTP_IF_NONE_MATCH", ""))
    if_modified_since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if_modified_since = if_modified_since and parse_http_date_safe(if_modified_since)

    if if_match:
        if not etag or etag.startswith("W/"):
            passes = if_match == ["*"] and bool(etag)
        else:
            passes = if_match == ["*"] or etag in if_match
        if not passes:
            return HttpResponse(status=412)
    elif if_unmodified_since and not (
            last_modified and last_modified <= if_unmodified_since):
        return HttpResponse(status=412)
    if if_none_match:
        if not etag:
            matched = False
        elif if_none_match == ["*"]:
            matched = True
        else:
            weak = etag.removeprefix("W/")
            matched = any(tag.removeprefix("W/") == weak for tag in if_none_match)
        if matched:
            if request.method in ("GET", "HEAD"):
                return _not_modified(response)
            return HttpResponse(status=412)
    elif (if_modified_since and last_modified
          and last_modified <= if_modified_since
          and request.method in ("GET", "HEAD")):
        return _not_modified(response)
    return response


def set_response_etag(response):
    """Give a non-streaming response with content an ETag from its MD5."""
    return _set_response_etag(response)


def has_vary_header(response, header_query):
    """Return whether the response's Vary header names `header_query`."""
    if not response.has_header("Vary"):
        return False
    names = {name.lower().strip() for name in cc_delim_re.split(
        response.headers["Vary"])}
    return header_query.lower().strip() in names


# -- Page-cache keys (cache_page and the cache middleware) --------------------

def _current_language(request):
    """Return the request's language: LocaleMiddleware's, else the active one."""
    return getattr(request, "LANGUAGE_CODE", get_language())


def _i18n_cache_key_suffix(request, cache_key):
    """Append the language (USE_I18N) and the time zone (USE_TZ) to a key."""
    if settings.USE_I18N:
        cache_key += ".%s" % _current_language(request)
    if settings.USE_TZ:
        cache_key += ".%s" % get_current_timezone_name()
    return cache_key


def _generate_cache_key(request, method, headerlist, key_prefix):
    """Return the page key from the URL and the values of `headerlist`."""
    import hashlib

    ctx = hashlib.md5(usedforsecurity=False)
    for header in headerlist:
        value = request.META.get(header)
        # An absent header must not share a key with an empty one (RFC 9111,
        # 4.1): the marker cannot be produced by any value.
        ctx.update(b"-," if value is None else value.encode())
    url = hashlib.md5(request.build_absolute_uri().encode("ascii"),
                      usedforsecurity=False)
    cache_key = "views.decorators.cache.cache_page.%s.%s.%s.%s" % (
        key_prefix, method, url.hexdigest(), ctx.hexdigest())
    return _i18n_cache_key_suffix(request, cache_key)


def _generate_cache_header_key(key_prefix, request):
    """Return the key under which a URL's list of Vary headers is stored."""
    import hashlib

    url = hashlib.md5(request.build_absolute_uri().encode("ascii"),
                      usedforsecurity=False)
    cache_key = "views.decorators.cache.cache_header.%s.%s" % (
        key_prefix, url.hexdigest())
    return _i18n_cache_key_suffix(request, cache_key)


def get_cache_key(request, key_prefix=None, method="GET", cache=None):
    """Return the page key for a request, or None when the URL was never learnt.

    The headers the key depends on come from the list learn_cache_key()
    stored for the URL, so the response need not be built to find its key.
    """
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = cache.get(cache_key)
    if headerlist is None:
        return None
    return _generate_cache_key(request, method, headerlist, key_prefix)


def learn_cache_key(request, response, cache_timeout=None, key_prefix=None,
                    cache=None):
    """Store the response's Vary headers for the URL; return the page key.

    With USE_I18N the key already carries the language, so Accept-Language
    is left out of the list (it would only store one page under many keys).
    """
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = []
    if response.has_header("Vary"):
        for header in cc_delim_re.split(response.headers["Vary"]):
            header = header.upper().replace("-", "_")
            if header != "ACCEPT_LANGUAGE" or not settings.USE_I18N:
                headerlist.append("HTTP_" + header)
        headerlist.sort()
    cache.set(cache_key, headerlist, cache_timeout)
    return _generate_cache_key(request, request.method, headerlist, key_prefix)

