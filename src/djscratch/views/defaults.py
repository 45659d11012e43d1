"""The default error views (django/views/defaults.py):
page_not_found, server_error, bad_request, permission_denied.
"""

import urllib.parse
from djscratch.conf import settings
from djscratch.http.response_extra import (
    HttpResponseBadRequest, HttpResponseForbidden, HttpResponseNotFound,
    HttpResponseServerError,
)
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.context import Context
from djscratch.template.engine import Engine
from djscratch.template.loader import get_template

__all__ = [
    "page_not_found", "server_error", "bad_request", "permission_denied",
]


# -- Error pages.  Without DEBUG: the URLconf's handler404/500/400/403 or the
#    defaults below (a template named 404.html etc. if one exists, else plain
#    HTML).  With DEBUG: technical pages that list the URL patterns tried or
#    show the traceback.

# It starts with a newline, as Django's does: the pages are byte-identical.
_ERROR_PAGE = ('\n<!doctype html>\n<html lang="en">\n<head>\n  <title>%(title)s</title>'
               '\n</head>\n<body>\n  <h1>%(title)s</h1><p>%(details)s</p>\n</body>\n'
               '</html>\n')


def _error_template(template_name, default_name, context, request):
    """Render `template_name`, or return None when it is the default name and
    no engine has it; a missing custom template raises TemplateDoesNotExist,
    as Django's error views do."""
    try:
        if not settings.TEMPLATES:
            raise TemplateDoesNotExist(template_name)
        template = get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != default_name:
            raise
        return None
    return template.render(context, request)


def page_not_found(request, exception, template_name="404.html"):
    """The default 404 view (handler404)."""
    exception_repr = type(exception).__name__
    try:
        message = exception.args[0]
    except (AttributeError, IndexError):
        pass
    else:
        if isinstance(message, str):
            exception_repr = message
    context = {"request_path": urllib.parse.quote(request.path),
               "exception": exception_repr}
    body = _error_template(template_name, "404.html", context, request)
    if body is None:
        # Rendered (with nothing to substitute), as Django does, so a test
        # client sees the context (response.context["exception"]).
        body = Engine().from_string(_ERROR_PAGE % {
            "title": "Not Found",
            "details": "The requested resource was not found on this server.",
        }).render(Context(context))
    return HttpResponseNotFound(body)


def server_error(request, template_name="500.html"):
    """The default 500 view (handler500)."""
    body = _error_template(template_name, "500.html", {}, request)
    if body is None:
        body = _ERROR_PAGE % {"title": "Server Error (500)", "details": ""}
    return HttpResponseServerError(body)


def bad_request(request, exception, template_name="400.html"):
    """The default 400 view (handler400)."""
    body = _error_template(template_name, "400.html", {}, request)
    if body is None:
        body = _ERROR_PAGE % {"title": "Bad Request (400)", "details": ""}
    return HttpResponseBadRequest(body)


def permission_denied(request, exception, template_name="403.html"):
    """The default 403 view (handler403)."""
    body = _error_template(template_name, "403.html", {"exception": str(exception)},
                           request)
    if body is None:
        body = _ERROR_PAGE % {"title": "403 Forbidden", "details": ""}
    return HttpResponseForbidden(body)


_DEFAULT_ERROR_VIEWS = {
    "400": bad_request, "403": permission_denied, "404": page_not_found,
    "500": server_error,
}
