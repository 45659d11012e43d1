"""The technical 404 and 500 pages (django/views/debug.py), shown
only with DEBUG.
"""

import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: djscratch.
import djscratch

from djscratch.conf import settings
from djscratch.utils.html import escape
from djscratch.http.response import HttpResponse, HttpResponseNotFound


_TECHNICAL_STYLE = (
    "<style>body{font:14px sans-serif;margin:0}header,main,footer{padding:10px 20px}"
    "header{background:#ffc}h1{font-weight:normal;margin:0 0 8px}"
    "table{border-collapse:collapse}th{text-align:right;padding-right:10px;"
    "vertical-align:top}pre{background:#f6f6f6;padding:10px;overflow:auto}"
    "footer{background:#eee;color:#555}li{font-family:monospace}</style>")

_DEBUG_FOOTER = (
    "<footer><p>You're seeing this error because you have <code>DEBUG = True</code>"
    " in your settings. Change that to <code>False</code>, and djscratch will "
    "display a standard page.</p></footer>")


def technical_404_response(request, exception):
    """The DEBUG 404 page: the URLconf, the patterns tried, the path."""
    try:
        error_url = exception.args[0]["path"]
    except (IndexError, TypeError, KeyError):
        error_url = request.path_info[1:]
    try:
        tried = exception.args[0]["tried"]
    except (IndexError, TypeError, KeyError):
        resolved = True
        tried = request.resolver_match.tried if request.resolver_match else None
    else:
        resolved = False
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if isinstance(urlconf, type(sys)):
        urlconf = urlconf.__name__
    raised_by = ""
    if request.resolver_match is not None:
        func = request.resolver_match.func
        func = getattr(func, "view_class", func)
        raised_by = "%s.%s" % (getattr(func, "__module__", ""),
                               getattr(func, "__qualname__", repr(func)))
    try:
        reason = str(exception.args[0]) if not isinstance(
            exception.args[0], dict) else ""
    except IndexError:
        reason = ""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Page not found at %s</title>" % escape(request.path_info),
        _TECHNICAL_STYLE, "</head><body><header><h1>Page not found <small>(404)"
        "</small></h1><table>",
        "<tr><th>Request Method:</th><td>%s</td></tr>" % escape(request.method),
        "<tr><th>Request URL:</th><td>%s</td></tr>" % escape(
            request.build_absolute_uri() if _host_ok(request) else request.path),
    ]
    if raised_by:
        parts.append("<tr><th>Raised by:</th><td>%s</td></tr>" % escape(raised_by))
    parts.append("</table></header><main>")
    if tried and not resolved:
        parts.append("<p>Using the URLconf defined in <code>%s</code>, djscratch tried "
                     "these URL patterns, in this order:</p><ol>" % escape(urlconf))
        for pattern_list in tried:
            parts.append("<li>%s</li>" % " ".join(
                escape(getattr(p, "pattern", p).describe()
                       if hasattr(getattr(p, "pattern", p), "describe") else str(p))
                for p in pattern_list))
        parts.append("</ol>")
        parts.append("<p>%s</p>" % (
            "The current path, <code>%s</code>, didn't match any of these."
            % escape(error_url) if error_url else "The empty path didn't match any "
            "of these."))
    elif not tried and not resolved:
        parts.append("<p>The URLconf <code>%s</code> has no URL patterns yet.</p>"
                     % escape(urlconf))
    if reason:
        parts.append("<p>%s</p>" % escape(reason))
    parts.append("</main>%s</body></html>" % _DEBUG_FOOTER)
    return HttpResponseNotFound("".join(parts))


def _host_ok(request):
    try:
        request.get_host()
    except Exception:
        return False
    return True


def technical_500_response(request, exc_type, exc_value, tb, status_code=500):
    """The DEBUG error page: the exception, the request and the traceback."""
    import platform
    import traceback

    trace = "".join(traceback.format_exception(exc_type, exc_value, tb))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>%s at %s</title>" % (
            escape(exc_type.__name__), escape(request.path_info)),
        _TECHNICAL_STYLE, "</head><body><header>",
        "<h1>%s at %s</h1>" % (escape(exc_type.__name__), escape(request.path_info)),
        "<pre class='exception_value'>%s</pre><table>" % escape(exc_value),
        "<tr><th>Request Method:</th><td>%s</td></tr>" % escape(request.method),
        "<tr><th>Request URL:</th><td>%s</td></tr>" % escape(
            request.build_absolute_uri() if _host_ok(request) else request.path),
        "<tr><th>djscratch Version:</th><td>%s</td></tr>" % escape(djscratch.__version__),  # noqa: E501
        "<tr><th>Exception Type:</th><td>%s</td></tr>" % escape(exc_type.__name__),
        "<tr><th>Exception Value:</th><td><pre>%s</pre></td></tr>" % escape(exc_value),
        "<tr><th>Python Version:</th><td>%s</td></tr>" % escape(
            platform.python_version()),
        "</table></header><main><h2>Traceback</h2><pre>%s</pre>" % escape(trace),
        "</main>%s</body></html>" % _DEBUG_FOOTER,
    ]
    return HttpResponse("".join(parts), status=status_code)
