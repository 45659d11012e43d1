"""Django's development WSGI server on wsgiref (django/core/servers/basehttp.py):
WSGIServer, ThreadedWSGIServer, ServerHandler, WSGIRequestHandler, run() and
get_internal_wsgi_application().  The classes subclass wsgiref's, which import
http.server: they are built on first use, so `import djscratch` stays fast.
djscratch's own `runserver` serves with waitress or its wsgiref server (the
servers module); these are for code that uses Django's classes directly.
"""

import sys

from djscratch.conf import settings
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.db.utils import connections
from djscratch.core.handlers.wsgi import get_wsgi_application
from djscratch.http.request import LimitedStream
from djscratch.utils.log import _get_logger
from djscratch.utils.module_loading import import_string

__all__ = ["get_internal_wsgi_application", "is_broken_pipe_error"]

def get_internal_wsgi_application():
    """The WSGI application settings.WSGI_APPLICATION names (a dotted path),
    or get_wsgi_application()'s when the setting is None."""
    app_path = settings.WSGI_APPLICATION
    if app_path is None:
        return get_wsgi_application()
    try:
        return import_string(app_path)
    except ImportError as err:
        raise ImproperlyConfigured(
            f"WSGI application '{app_path}' could not be loaded; "
            "Error importing module.") from err


def is_broken_pipe_error():
    """Whether the exception being handled is a client that went away."""
    exc_type = sys.exc_info()[0]
    return exc_type is not None and issubclass(
        exc_type, (BrokenPipeError, ConnectionAbortedError, ConnectionResetError))


_basehttp_built = {}


def _basehttp_classes():
    """Build (once) and return Django's four server classes by name."""
    if _basehttp_built:
        return _basehttp_built
    import socket
    import socketserver
    from wsgiref import simple_server

    class WSGIServer(simple_server.WSGIServer):
        """wsgiref's server, with IPv6 and address reuse, quiet about
        clients that hang up."""

        request_queue_size = 10

        def __init__(self, *args, ipv6=False, allow_reuse_address=True, **kwargs):
            if ipv6:
                self.address_family = socket.AF_INET6
            self.allow_reuse_address = allow_reuse_address
            super().__init__(*args, **kwargs)

        def handle_error(self, request, client_address):
            if is_broken_pipe_error():
                _get_logger("django.server").info(
                    "- Broken pipe from %s", client_address)
            else:
                super().handle_error(request, client_address)

    class ThreadedWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
        """WSGIServer with a thread per request; connections_override gives
        each thread the caller's database connections (LiveServerTestCase)."""

        daemon_threads = True

        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

        def process_request_thread(self, request, client_address):
            if self.connections_override:
                for alias, conn in self.connections_override.items():
                    connections[alias] = conn
            super().process_request_thread(request, client_address)

        def _close_connections(self):
            connections.close_all()

        def close_request(self, request):
            self._close_connections()
            super().close_request(request)

    class ServerHandler(simple_server.ServerHandler):
        """HTTP/1.1 with persistent connections where the length is known;
        unread request bodies are skipped (a LimitedStream)."""

        http_version = "1.1"

        def __init__(self, stdin, stdout, stderr, environ, **kwargs):
            try:
                content_length = int(environ.get("CONTENT_LENGTH"))
            except (ValueError, TypeError):
                content_length = 0
            super().__init__(LimitedStream(stdin, content_length), stdout, stderr,
                             environ, **kwargs)

        def cleanup_headers(self):
            super().cleanup_headers()
            method = self.environ["REQUEST_METHOD"]
            if (method == "HEAD" and "Content-Length" in self.headers
                    and str(self.headers["Content-Length"]) == "0"):
                del self.headers["Content-Length"]
            # Without a length the client cannot tell where the body ends;
            # a single-threaded server cannot keep a connection open.
            if method != "HEAD" and "Content-Length" not in self.headers:
                self.headers["Connection"] = "close"
            elif not isinstance(self.request_handler.server,
                                socketserver.ThreadingMixIn):
                self.headers["Connection"] = "close"
            if self.headers.get("Connection") == "close":
                self.request_handler.close_connection = True

        def close(self):
            self.get_stdin().read()
            super().close()

        def finish_response(self):
            if self.environ["REQUEST_METHOD"] != "HEAD":
                return super().finish_response()
            try:
                for _ in self.result:  # run the application's iterator out
                    pass
                # Not finish_content(): it would add "Content-Length: 0".
                if not self.headers_sent:
                    self.send_headers()
            finally:
                self.close()

    class WSGIRequestHandler(simple_server.WSGIRequestHandler):
        """HTTP/1.1 request handler logging to the django.server logger."""

        protocol_version = "HTTP/1.1"

        def address_string(self):
            return self.client_address[0]  # no reverse DNS lookup

        def log_message(self, format, *args):
            extra = {"request": self.request,
                     "server_time": self.log_date_time_string()}
            if args[1][0] == "4" and args[0].startswith("\x16\x03"):
                # A TLS handshake (0x16 0x03) sent to a plain HTTP server.
                extra["status_code"] = 500
                _get_logger("django.server").error(
                    "You're accessing the development server over HTTPS, but "
                    "it only supports HTTP.", extra=extra)
                return
            logger = _get_logger("django.server")
            level = logger.info
            if args[1].isdigit() and len(args[1]) == 3:
                extra["status_code"] = status_code = int(args[1])
                if status_code >= 500:
                    level = logger.error
                elif status_code >= 400:
                    level = logger.warning
            level(format, *args, extra=extra)

        def get_environ(self):
            # Headers with underscores would be indistinguishable from
            # dashes once in the environ: drop them (as nginx and Apache do).
            for key in self.headers:
                if "_" in key:
                    del self.headers[key]
            return super().get_environ()

        def handle(self):
            self.close_connection = True
            self.handle_one_request()
            while not self.close_connection:
                self.handle_one_request()
            try:
                self.connection.shutdown(socket.SHUT_WR)
            except (AttributeError, OSError):
                pass

        def handle_one_request(self):
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = self.request_version = self.command = ""
                self.send_error(414)
                return
            if not self.parse_request():
                return
            handler = ServerHandler(self.rfile, self.wfile, self.get_stderr(),
                                    self.get_environ())
            handler.request_handler = self
            handler.run(self.server.get_app())

    for cls in (WSGIServer, ThreadedWSGIServer, ServerHandler, WSGIRequestHandler):
        cls.__module__ = "django.core.servers.basehttp"
        cls.__qualname__ = cls.__name__
        _basehttp_built[cls.__name__] = cls
    return _basehttp_built


def _basehttp_class(name):
    return lambda: _basehttp_classes()[name]


def run(addr, port, wsgi_handler, ipv6=False, threading=False, on_bind=None,
        server_cls=None):
    """Serve `wsgi_handler` on (addr, port) until interrupted; on_bind(port)
    is called once the socket is bound (port 0 picks a free one)."""
    import socketserver

    classes = _basehttp_classes()
    server_cls = server_cls or classes["WSGIServer"]
    if threading:
        httpd_cls = type("WSGIServer", (socketserver.ThreadingMixIn, server_cls), {})
    else:
        httpd_cls = server_cls
    httpd = httpd_cls((addr, port), classes["WSGIRequestHandler"], ipv6=ipv6)
    if on_bind is not None:
        on_bind(getattr(httpd, "server_port", port))
    if threading:
        httpd.daemon_threads = True  # a reload or Ctrl-C does not wait for them
    httpd.set_app(wsgi_handler)
    httpd.serve_forever()
