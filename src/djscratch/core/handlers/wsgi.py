"""WSGIHandler and get_wsgi_application()
(django/core/handlers/wsgi.py): the last guard before the client.
"""

import sys

from djscratch.core.signals import request_finished, request_started
from djscratch.conf import settings
from djscratch.utils.log import _get_logger, _quiet_django_logger
from djscratch.apps.registry import setup
from djscratch.http.request import get_script_name, WSGIRequest
from djscratch.urls.base import _urlstate
from djscratch.http.response import ResponseHeaders
from djscratch.core.handlers.base import BaseHandler

__all__ = [
    "WSGIHandler", "get_wsgi_application",
]


class WSGIHandler(BaseHandler):
    """The WSGI application: `application = get_wsgi_application()`."""

    request_class = WSGIRequest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _quiet_django_logger()
        self.load_middleware()

    def __call__(self, environ, start_response):
        handler_class = self.__class__
        try:
            prefix = get_script_name(environ)  # set_script_prefix(), inline:
            _urlstate.prefix = prefix if prefix.endswith("/") else prefix + "/"
            request_started._notify(handler_class, {"environ": environ})  # send()
            request = self.request_class(environ)
            response = self.get_response(request)
            response._handler_class = handler_class
            code = response.status_code
            status = "%d %s" % (code, response.reason_phrase)
            headers = response.headers
            if type(headers) is ResponseHeaders:
                store = headers._store
                if (not response.streaming and "content-length" not in store
                        and code not in (204, 304) and code >= 200):
                    headers["Content-Length"] = str(len(response.content))
                headers = list(store.values())  # its items(), one call less
            else:
                if (not response.streaming and "Content-Length" not in headers
                        and code not in (204, 304) and code >= 200):
                    headers["Content-Length"] = str(len(response.content))
                headers = list(headers.items())
            if "cookies" in response.__dict__ or "_plain_cookies" in response.__dict__:
                for value in response._set_cookie_headers():  # (no generator)
                    headers.append(("Set-Cookie", value))
        except Exception:
            # The last guard: a bug in an error handler, a broken environ...
            if settings.configured and settings.DEBUG_PROPAGATE_EXCEPTIONS:
                raise
            _get_logger("django.request").exception(
                "Internal Server Error: %s", environ.get("PATH_INFO", ""))
            start_response("500 Internal Server Error",
                           [("Content-Type", "text/plain; charset=utf-8")],
                           sys.exc_info())
            request_finished.send(sender=handler_class)
            return [b"Internal Server Error"]
        start_response(status, headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            response.close()  # the headers of GET, without the body
            return []
        if (getattr(response, "file_to_stream", None) is not None
                and environ.get("wsgi.file_wrapper")):
            # The server may send the file itself (sendfile); make sure that
            # closing its wrapper still closes the response.
            response.file_to_stream.close = response.close
            response = environ["wsgi.file_wrapper"](
                response.file_to_stream, response.block_size)
        return response


def get_wsgi_application():
    """Set up djscratch (apps, logging) and return the WSGI application."""
    setup(set_prefix=False)
    return WSGIHandler()
