"""The less common view decorators of django/views/decorators/: conditional
GET and gzip, caching and Vary, clickjacking, requires_csrf_token and
ensure_csrf_cookie, no_append_slash, sensitive_post_parameters.  The single
file builds them on first use (a deferred section).
"""

from djscratch.utils.timezone import is_aware
from djscratch.utils.http import http_date, quote_etag
from djscratch.utils.cache import (
    add_never_cache_headers, get_conditional_response, patch_cache_control,
    patch_vary_headers,
)
from djscratch.asgiref_fallback import iscoroutinefunction
from djscratch.utils.decorators import (
    _view_wrapper, decorator_from_middleware, decorator_from_middleware_with_args,
)
from djscratch.middleware.cache import CacheMiddleware
from djscratch.middleware.csrf import CsrfViewMiddleware, get_token
from djscratch.middleware.http import ConditionalGetMiddleware
from djscratch.middleware.gzip import GZipMiddleware
from djscratch.views.decorators import _check_request, _wraps

__all__ = [
    "condition", "conditional_page", "gzip_page", "etag", "last_modified",
    "never_cache", "cache_control", "vary_on_headers", "vary_on_cookie",
    "xframe_options_deny", "xframe_options_sameorigin", "xframe_options_exempt",
    "ensure_csrf_cookie", "requires_csrf_token", "no_append_slash",
    "sensitive_post_parameters", "cache_page",
]


#: ConditionalGetMiddleware as a view decorator (ETag / Last-Modified -> 304).
conditional_page = decorator_from_middleware(ConditionalGetMiddleware)

#: GZipMiddleware as a view decorator: compress this view's response.
gzip_page = decorator_from_middleware(GZipMiddleware)


def condition(etag_func=None, last_modified_func=None):
    """Answer conditional requests from a view's ETag and last-modified functions.

    Each function receives the view's arguments; the ETag may be quoted or
    not, the time a datetime (naive means UTC).  The view runs only when the
    preconditions pass; safe responses get ETag and Last-Modified headers.
    """
    import datetime

    def validators(request, args, kwargs):
        res_last_modified = None
        if last_modified_func:
            dt = last_modified_func(request, *args, **kwargs)
            if dt:
                if not is_aware(dt):
                    dt = dt.replace(tzinfo=datetime.timezone.utc)
                res_last_modified = int(dt.timestamp())
        res_etag = etag_func(request, *args, **kwargs) if etag_func else None
        res_etag = quote_etag(res_etag) if res_etag is not None else None
        return res_etag, res_last_modified

    def set_headers(request, response, res_etag, res_last_modified):
        if request.method in ("GET", "HEAD"):
            if res_last_modified and not response.has_header("Last-Modified"):
                response.headers["Last-Modified"] = http_date(res_last_modified)
            if res_etag:
                response.headers.setdefault("ETag", res_etag)
        return response

    def decorator(func):
        if iscoroutinefunction(func):
            async def inner(request, *args, **kwargs):
                res_etag, res_last_modified = validators(request, args, kwargs)
                response = get_conditional_response(
                    request, etag=res_etag, last_modified=res_last_modified)
                if response is None:
                    response = await func(request, *args, **kwargs)
                return set_headers(request, response, res_etag, res_last_modified)
        else:
            def inner(request, *args, **kwargs):
                res_etag, res_last_modified = validators(request, args, kwargs)
                response = get_conditional_response(
                    request, etag=res_etag, last_modified=res_last_modified)
                if response is None:
                    response = func(request, *args, **kwargs)
                return set_headers(request, response, res_etag, res_last_modified)
        return _wraps(func)(inner)
    return decorator


def etag(etag_func):
    """condition() with an ETag function only."""
    return condition(etag_func=etag_func)


def last_modified(last_modified_func):
    """condition() with a last-modified function only."""
    return condition(last_modified_func=last_modified_func)


def cache_page(timeout, *, cache=None, key_prefix=None):
    """Serve the view from the cache for `timeout` seconds once it has run.

    Pages are keyed by URL and the headers the response varies on, as with
    the cache middleware; `cache` names a CACHES alias, `key_prefix` keeps
    sites sharing one cache apart.
    """
    return decorator_from_middleware_with_args(CacheMiddleware)(
        page_timeout=timeout, cache_alias=cache, key_prefix=key_prefix)


def cache_control(**kwargs):
    """Patch the response's Cache-Control with the given directives."""
    def after(request, response):
        patch_cache_control(response, **kwargs)
        return response

    return lambda viewfunc: _view_wrapper(
        viewfunc, lambda request, a, k: _check_request(request, "cache_control"),
        after)


def never_cache(view_func):
    """Add headers that stop browsers and proxies from caching the response."""
    def after(request, response):
        add_never_cache_headers(response)
        return response

    return _view_wrapper(
        view_func, lambda request, a, k: _check_request(request, "never_cache"),
        after)


def vary_on_headers(*headers):
    """Add the named request headers to the response's Vary header."""
    def after(request, response):
        patch_vary_headers(response, headers)
        return response

    return lambda func: _view_wrapper(func, after=after)


def vary_on_cookie(func):
    """Add Cookie to the response's Vary header."""
    def after(request, response):
        patch_vary_headers(response, ("Cookie",))
        return response

    return _view_wrapper(func, after=after)


def _xframe(value):
    def after(request, response):
        if response.get("X-Frame-Options") is None:
            response.headers["X-Frame-Options"] = value
        return response

    return lambda view_func: _view_wrapper(view_func, after=after)


xframe_options_deny = _xframe("DENY")
xframe_options_deny.__doc__ = "Send X-Frame-Options: DENY unless already set."
xframe_options_sameorigin = _xframe("SAMEORIGIN")
xframe_options_sameorigin.__doc__ = "Send X-Frame-Options: SAMEORIGIN unless set."


def xframe_options_exempt(view_func):
    """Keep XFrameOptionsMiddleware from adding X-Frame-Options to this view."""
    def after(request, response):
        response.xframe_options_exempt = True
        return response

    return _view_wrapper(view_func, after=after)


def no_append_slash(view_func):
    """Keep CommonMiddleware from redirecting to this view with APPEND_SLASH."""
    wrapper = _view_wrapper(view_func)
    wrapper.should_append_slash = False
    return wrapper


class _CsrfTokenOnly(CsrfViewMiddleware):
    """CSRF middleware that never rejects (makes get_token work)."""

    def _reject(self, request, reason):
        return None


class _CsrfCookieAlways(_CsrfTokenOnly):
    """CSRF middleware that never rejects and always sends the cookie."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        result = super().process_view(request, callback, callback_args, callback_kwargs)
        get_token(request)
        return result


requires_csrf_token = decorator_from_middleware(_CsrfTokenOnly)
requires_csrf_token.__doc__ = "Make the CSRF token available, without any checks."
ensure_csrf_cookie = decorator_from_middleware(_CsrfCookieAlways)
ensure_csrf_cookie.__doc__ = "Always send the CSRF cookie with this view's response."


def sensitive_post_parameters(*parameters):
    """Mark POST parameters of a view to hide in error reports."""
    if len(parameters) == 1 and callable(parameters[0]):
        raise TypeError(
            "sensitive_post_parameters() must be called to use it as a decorator, "
            "e.g., use @sensitive_post_parameters(), not @sensitive_post_parameters.")

    def mark(request, args, kwargs):
        if not hasattr(request, "META"):
            raise TypeError(
                "sensitive_post_parameters didn't receive an HttpRequest object. "
                "If you are decorating a classmethod, make sure to use "
                "@method_decorator.")
        request.sensitive_post_parameters = parameters or "__ALL__"

    return lambda view: _view_wrapper(view, before=mark)
