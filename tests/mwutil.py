"""Helpers for the middleware, session, message and view tests.

Requests are real WSGIRequests built from a WSGI environ, so the code under
test sees exactly what the handler would give it.
"""

import io
import logging
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import djscratch  # noqa: F401  (installs the django.* alias)

# Rejections are logged on "django.*" loggers; keep them off the test output
# (the WSGI handler does the same when it starts).
logging.getLogger("django").addHandler(logging.NullHandler())


def make_request(method="GET", path="/", data=None, headers=None, cookies=None,
                 secure=False, query="", host="testserver"):
    """Return a WSGIRequest; `data` is form-encoded into the body."""
    from django.core.handlers.wsgi import WSGIRequest

    body = b""
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": host.partition(":")[0], "HTTP_HOST": host,
        "SERVER_PORT": "443" if secure else "80",
        "wsgi.url_scheme": "https" if secure else "http",
    }
    if data is not None:
        body = urlencode(data, doseq=True).encode()
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    environ["CONTENT_LENGTH"] = str(len(body))
    environ["wsgi.input"] = io.BytesIO(body)
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join("%s=%s" % item for item in cookies.items())
    setup_testing_defaults(environ)
    return WSGIRequest(environ)


def run_middleware(middleware_class, view, request, *args, **kwargs):
    """Run one middleware's hooks around `view` the way the handler does."""
    middleware = middleware_class(lambda req: view(req, *args, **kwargs))
    if hasattr(middleware, "process_request"):
        response = middleware.process_request(request)
        if response is not None:
            return middleware.process_response(request, response) if hasattr(
                middleware, "process_response") else response
    response = None
    if hasattr(middleware, "process_view"):
        response = middleware.process_view(request, view, args, kwargs)
    if response is None:
        response = view(request, *args, **kwargs)
    if hasattr(middleware, "process_response"):
        response = middleware.process_response(request, response)
    return response


def cookie_value(response, name):
    """Return the value the response sets for cookie `name` (None if not set)."""
    morsel = response.cookies.get(name)
    return None if morsel is None else morsel.value


# Recording middleware: each hook logs (class name, hook) in LOG and does
# what PLAN says for it (raise, raise an error whose conversion fails,
# answer with a response), so a test can compare the hooks two ways of
# running a chain call and what each returns.
LOG = []
PLAN = {}


class Unconvertible(Exception):
    """An error whose conversion to a response itself fails."""


def converting(request, exc):
    """A stand-in for response_for_exception() that fails on Unconvertible."""
    from django.http import HttpResponse

    if isinstance(exc, Unconvertible):
        raise RuntimeError("conversion of %s failed" % exc)
    return HttpResponse("error: %s" % exc, status=500)


def act(name, hook, response=None):
    """Log the hook and do what PLAN says; mark a response it passes on."""
    from django.http import HttpResponse

    LOG.append((name, hook))
    action = PLAN.get((name, hook))
    if action == "raise":
        raise ValueError("%s.%s" % (name, hook))
    if action == "unconvertible":
        raise Unconvertible("%s.%s" % (name, hook))
    if action == "respond":
        return HttpResponse("from %s.%s" % (name, hook))
    if response is not None:
        response["X-Seen"] = response.get("X-Seen", "") + name
    return response


class Recording(djscratch.MiddlewareMixin):
    """Middleware whose hooks act() under the class's name."""

    def process_request(self, request):
        return act(type(self).__name__, "request")

    def process_response(self, request, response):
        return act(type(self).__name__, "response", response)


def recorded_outcome(run, request):
    """(the hooks LOG saw, how run(request) ended): the response's status,
    body and X-Seen marks, or the exception it raised."""
    del LOG[:]
    try:
        response = run(request)
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        result = ("raised", repr(exc))
    else:
        result = (response.status_code, response.content, response.get("X-Seen"))
    return list(LOG), result
