"""Exceptions to responses, in one table
(django/core/handlers/exception.py).
"""

import sys

import djscratch
from djscratch.asgiref_fallback import _asgiref_sync, iscoroutinefunction
from djscratch.core.signals import got_request_exception
from djscratch.core.exceptions import (
    BadRequest, Http404, PermissionDenied, RequestDataTooBig, SuspiciousOperation,
    TooManyFieldsSent,
)
from djscratch.core.exceptions_extra import TooManyFilesSent
from djscratch.conf import settings
from djscratch.utils.log import _get_logger, _log_response
from djscratch.http.response import HttpResponse
from djscratch.urls.base import get_resolver, get_urlconf
from djscratch.db.utils import OperationalError
from djscratch.views.defaults import _ERROR_PAGE
from djscratch.views.debug import technical_404_response, technical_500_response


# -- Exceptions to responses: the one table.

#: exception class -> (status, log message); the first match wins.  A
#: SuspiciousOperation is also logged on django.security.<ClassName>.  A
#: class named by a str is one the single file builds on first use (the
#: multipart parser's): before it is built, no exception can be one.
_EXCEPTION_TABLE = (
    (Http404, 404, None),
    (PermissionDenied, 403, "Forbidden (Permission denied): %s"),
    ("MultiPartParserError", 400, "Bad request (Unable to parse request body): %s"),
    (BadRequest, 400, None),
    (SuspiciousOperation, 400, None),
)


def response_for_exception(request, exc):
    """Turn an exception raised while handling `request` into a response."""
    for exc_class, status, log_message in _EXCEPTION_TABLE:
        if exc_class.__class__ is str:
            exc_class = djscratch._defined_yet(exc_class) or ()
        if isinstance(exc, exc_class):
            break
    else:
        status = 500
    resolver = get_resolver(get_urlconf())
    if status == 404:
        if settings.DEBUG:
            response = technical_404_response(request, exc)
        else:
            response = _exception_response(request, resolver, 404, exc)
    elif status == 500 and _database_unavailable(exc) is not None:
        response = _database_unavailable_response(request, exc)
        _log_response("%s: %s", response.reason_phrase, request.path,
                      response=response, request=request, exception=exc)
    elif status == 500:
        got_request_exception.send(sender=None, request=request)
        response = _handle_uncaught_exception(request, resolver, sys.exc_info())
        _log_response("%s: %s", response.reason_phrase, request.path,
                      response=response, request=request, exception=exc)
    else:
        if isinstance(exc, SuspiciousOperation):
            if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent,
                                TooManyFilesSent)):
                request._mark_post_parse_error()  # never parse this body again
            _get_logger("django.security.%s" % type(exc).__name__).error(
                str(exc), exc_info=exc, extra={"status_code": 400, "request": request})
        if status == 400 and settings.DEBUG:
            response = technical_500_response(
                request, type(exc), exc, exc.__traceback__, status_code=400)
        else:
            response = _exception_response(request, resolver, status, exc)
        if log_message:
            _log_response(log_message, request.path, response=response, request=request,
                          exception=exc)
        elif isinstance(exc, BadRequest) and not isinstance(exc, SuspiciousOperation):
            _log_response("%s: %s", str(exc), request.path, response=response,
                          request=request, exception=exc)
    # An error view may return a TemplateResponse: render it now.
    if not getattr(response, "is_rendered", True) and callable(
            getattr(response, "render", None)):
        response = response.render()
    return response


# -- A database that is full or busy is not a bug in the app: the client gets
#    507 Insufficient Storage (disk full: the write was rolled back) or 503
#    Service Unavailable with Retry-After (still locked after the busy
#    timeout), with a plain message, instead of a 500.

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_FULL = 5, 6, 13


def _database_unavailable(exc):
    """Return 507 (database full) or 503 (database locked) for `exc`, else None."""
    error_class = OperationalError
    if error_class is None or not isinstance(exc, error_class):
        return None
    code = getattr(exc.__cause__, "sqlite_errorcode", None)
    message = str(exc).lower()
    if code is not None and code & 0xFF == _SQLITE_FULL or (
            "database or disk is full" in message):
        return 507
    if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED) or (
            "database is locked" in message):
        return 503
    return None


def _database_unavailable_response(request, exc):
    """The 507 or 503 response for a full or locked database."""
    status = _database_unavailable(exc)
    if settings.DEBUG:
        response = technical_500_response(request, type(exc), exc,
                                          exc.__traceback__, status_code=status)
    elif status == 507:
        response = HttpResponse(_ERROR_PAGE % {
            "title": "Insufficient Storage (507)",
            "details": "The server has no room left to store this request's data; "
                       "nothing was saved."}, status=507)
    else:
        response = HttpResponse(_ERROR_PAGE % {
            "title": "Service Unavailable (503)",
            "details": "The server is busy; please try again shortly."}, status=503)
    if status == 503:
        response["Retry-After"] = "1"
    return response


def _exception_response(request, resolver, status_code, exception):
    try:
        callback = resolver.resolve_error_handler(str(status_code))
        response = callback(request, exception=exception)
    except Exception:
        got_request_exception.send(sender=None, request=request)
        response = _handle_uncaught_exception(request, resolver, sys.exc_info())
    return response


def _handle_uncaught_exception(request, resolver, exc_info):
    """Return the 500 response: technical with DEBUG, else handler500."""
    if settings.DEBUG_PROPAGATE_EXCEPTIONS:
        raise
    if settings.DEBUG:
        return technical_500_response(request, *exc_info)
    callback = resolver.resolve_error_handler("500")
    return callback(request)


def convert_exception_to_response(get_response):
    """Wrap a middleware layer so its exceptions become responses."""
    import functools

    if iscoroutinefunction(get_response):
        @functools.wraps(get_response)
        async def inner(request):
            try:
                return await get_response(request)
            except Exception as exc:
                return await _asgiref_sync().sync_to_async(
                    response_for_exception, thread_sensitive=False)(request, exc)
    else:
        @functools.wraps(get_response)
        def inner(request):
            try:
                return get_response(request)
            except Exception as exc:
                return response_for_exception(request, exc)

    return inner
