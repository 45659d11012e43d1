"""runserver: a request-logging wrapper around waitress, or wsgiref
(django/core/servers/basehttp.py), and the autoreloader.
"""

import urllib.parse
import os
import sys
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: djscratch.
import djscratch

from djscratch.utils.regex_helper import _re
from djscratch.core.management.base import CommandError
from djscratch.conf import settings
from djscratch.utils.log import (
    _configure_logging_at_setup, _get_logger, _mark_server_logging_done,
)


# -- The server: runserver = a request-logging wrapper + waitress (or wsgiref)
#    + an optional parent process that restarts it when a source file changes.


class _RequestLogger:
    """Wrap a WSGI app to log one line per request on "django.server"."""

    def __init__(self, app):
        self.app = app
        self.logger = _get_logger("django.server")

    def __call__(self, environ, start_response):
        state = {"status": "-"}

        def logging_start_response(status, headers, exc_info=None):
            state["status"] = status.split(" ", 1)[0]
            state["headers"] = headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, logging_start_response)
        file_wrapper = environ.get("wsgi.file_wrapper")
        if file_wrapper is not None and type(result) is file_wrapper:
            return _log_when_closed(result, environ, state, self.logger)
        return _LoggedBody(result, environ, state, self.logger)


def _log_when_closed(result, environ, state, logger):
    """Return the server's own file wrapper `result` as it is, so that the
    server sends the file itself (waitress reads it in its loop instead of
    taking it chunk by chunk from an iterator, through its buffers), with a
    close() that logs the request once the server is done with it.  The size
    logged is the Content-Length the app gave (the bytes the server sends)."""
    close = result.close

    def logged_close():
        try:
            close()
        finally:
            size = next((value for name, value in state.get("headers", ())
                         if name.lower() == "content-length"), "0")
            _log_request(logger, environ, state["status"],
                         int(size) if size.isdigit() else 0)

    result.close = logged_close
    return result


def _log_request(logger, environ, status, size):
    """Log '"GET /path?query HTTP/1.1" 200 1234' on `logger`, as runserver."""
    path_ = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    target = urllib.parse.quote(path_.encode("latin-1", "replace"),
                                safe="/:@&=+$,;~!*'()%")
    if environ.get("QUERY_STRING"):
        target += "?" + environ["QUERY_STRING"]
    line = '"%s %s %s" %s %d' % (
        environ.get("REQUEST_METHOD", "-"), target,
        environ.get("SERVER_PROTOCOL", "HTTP/1.1"), status, size)
    logger.info(line.encode("unicode_escape").decode("ascii"))


class _LoggedBody:
    def __init__(self, result, environ, state, logger):
        self.result, self.environ = result, environ
        self.state, self.logger = state, logger
        self.size = 0

    def __iter__(self):
        for chunk in self.result:
            self.size += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            _log_request(self.logger, self.environ, self.state["status"], self.size)


def _configure_server_logging():
    """Send request lines (django.server) and errors (django) to stderr,
    unless LOGGING already gave those loggers handlers."""
    import logging

    # setup()'s logging first (DEFAULT_LOGGING, LOGGING); a later setup()
    # then leaves it (and the handlers added here) alone.
    _configure_logging_at_setup()
    _mark_server_logging_done()

    def has_real_handler(logger):
        return any(not isinstance(h, logging.NullHandler) for h in logger.handlers)

    server_logger = _get_logger("django.server")
    if not has_real_handler(server_logger):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(message)s",
                                               "%d/%b/%Y %H:%M:%S"))
        server_logger.addHandler(handler)
        server_logger.setLevel(logging.INFO)
        server_logger.propagate = False
    django_logger = _get_logger("django")
    if not has_real_handler(django_logger):
        django_logger.addHandler(_server_error_handler(
            logging.WARNING if settings.DEBUG else logging.ERROR))
    elif not settings.LOGGING:
        # Only DEFAULT_LOGGING: its console speaks while DEBUG is on; with
        # DEBUG off it would only mail ADMINS, so the server's own stderr
        # still gets the errors.
        handler = _server_error_handler(logging.ERROR)
        handler.addFilter(lambda record: not settings.DEBUG)
        django_logger.addHandler(handler)


def _server_error_handler(level):
    """stderr, one "LEVEL logger: message" per record (a client's bad request
    without its traceback)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_drop_security_tracebacks)
    return handler


def _drop_security_tracebacks(record):
    """Log a client's bad request (django.security.*) as one line, no traceback:
    the traceback says nothing about the client, and floods the log."""
    if record.name.startswith("django.security."):
        record.exc_info = record.exc_text = None
    return True


#: waitress limits: request headers and body (uploads included) per request.
SERVER_MAX_HEADER_SIZE = 64 * 1024
SERVER_MAX_BODY_SIZE = 64 * 1024 * 1024
#: Open connections waitress keeps (its default, 100, lets 100 slow clients
#: that never finish their headers lock everyone else out), and the seconds
#: an idle connection stays open.
SERVER_CONNECTION_LIMIT = 1000
SERVER_CHANNEL_TIMEOUT = 60


#: The headers waitress takes from a --trusted-proxy: the scheme (so that
#: request.is_secure() and SECURE_SSL_REDIRECT see the client's https) and
#: the client's address (REMOTE_ADDR, for the logs).
SERVER_TRUSTED_PROXY_HEADERS = ("x-forwarded-proto", "x-forwarded-for")


def _waitress_options(threads=4, trusted_proxy=None):
    """Return the keyword arguments runserver gives waitress.create_server().

    waitress drops every X-Forwarded-* header unless it comes from
    `trusted_proxy` (an address, or "*" for any); from that proxy it keeps
    X-Forwarded-Proto and sets wsgi.url_scheme and REMOTE_ADDR from them.
    """
    proxy = {"trusted_proxy": trusted_proxy,
             "trusted_proxy_headers": set(SERVER_TRUSTED_PROXY_HEADERS)}
    return {**(proxy if trusted_proxy else {}),
        "threads": threads, "ident": "djscratch",
        "max_request_header_size": SERVER_MAX_HEADER_SIZE,
        "max_request_body_size": SERVER_MAX_BODY_SIZE,
        "connection_limit": SERVER_CONNECTION_LIMIT,
        "channel_timeout": SERVER_CHANNEL_TIMEOUT,
        "asyncore_use_poll": True,  # select() stops at 1024 file descriptors
        "clear_untrusted_proxy_headers": True,
    }


def _stop_on_sigterm(signum, frame):
    """Turn SIGTERM into SystemExit, which ends the server loop as Ctrl-C does.

    Without a handler, Python as PID 1 of a container ignores SIGTERM, so
    `docker stop` waits its whole timeout and then kills the server.
    """
    print("SIGTERM: stopping after the requests in flight.", file=sys.stderr,
          flush=True)
    raise SystemExit(0)


class _StopOnSigterm:
    """Within the block, SIGTERM stops the server (main thread only: signal
    handlers can be set nowhere else)."""

    def __enter__(self):
        import signal

        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)

    def __exit__(self, *exc_info):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def run_server(application, host="127.0.0.1", port=8000, threads=4,
               trusted_proxy=None):
    """Serve `application` until Ctrl-C or SIGTERM: waitress if installed, else
    wsgiref.  On waitress, the requests being served when the signal comes are
    finished (waitress waits for its worker threads) before it returns."""
    _configure_server_logging()
    app = _RequestLogger(application)
    try:
        import waitress
    except ImportError:
        waitress = None
    if waitress is not None:
        server = waitress.create_server(app, host=host, port=port,
                                        **_waitress_options(threads, trusted_proxy))
        _print_banner(host, server.effective_port, "waitress, %d threads" % threads)
        try:
            with _StopOnSigterm():
                # On SystemExit or KeyboardInterrupt, run() shuts the task
                # dispatcher down: its threads finish their requests first.
                server.run()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            server.close()
        return
    print("Notice: waitress is not installed, so the standard library's wsgiref "
          "server is used (fine for development; `pip install waitress` for "
          "production).", file=sys.stderr, flush=True)
    if trusted_proxy:
        raise CommandError("--trusted-proxy needs waitress (pip install waitress).")
    httpd = _make_wsgiref_server(host, port, app)
    _print_banner(host, httpd.server_address[1], "wsgiref, a thread per request")
    try:
        with _StopOnSigterm():
            httpd.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        httpd.server_close()


def _make_wsgiref_server(host, port, app):
    import socket
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

    class QuietHandler(WSGIRequestHandler):
        # A client that stops sending is dropped instead of holding its
        # thread (and socket) forever.
        timeout = SERVER_CHANNEL_TIMEOUT

        def log_message(self, format, *args):  # _RequestLogger logs requests
            pass

        def get_stderr(self):
            return sys.stderr

    class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True
        allow_reuse_address = True
        request_queue_size = 128  # socketserver's 5 makes bursts of clients wait

        def handle_error(self, request, client_address):
            # A client that timed out or went away is routine: no traceback.
            if not isinstance(sys.exc_info()[1], (TimeoutError, ConnectionError)):
                super().handle_error(request, client_address)
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    httpd = ThreadingWSGIServer((host.strip("[]"), port), QuietHandler)
    httpd.set_app(app)
    return httpd


def _print_banner(host, port, server_name):
    shown = "[%s]" % host if ":" in host and not host.startswith("[") else host
    print("djscratch %s: serving at http://%s:%s/ (%s%s)" % (
        djscratch.__version__, shown, port, server_name, ", DEBUG" if settings.DEBUG else ""),  # noqa: E501
        flush=True)
    print("Quit the server with CONTROL-C.", flush=True)


def _watched_files():
    """Yield the .py files of the loaded modules outside the standard library."""
    stdlib = {os.path.realpath(p) for p in {sys.prefix, sys.base_prefix,
                                            sys.exec_prefix}}
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if not filename or not filename.endswith(".py"):
            continue
        real = os.path.realpath(filename)
        in_stdlib = any(real.startswith(p + os.sep) for p in stdlib)
        if in_stdlib and "site-packages" not in real:
            continue
        yield real


def _watch_for_changes(interval=1.0):
    """Exit with status 3 (restart me) when a watched file changes."""
    import time

    mtimes = {}
    while True:
        for filename in _watched_files():
            try:
                mtime = os.stat(filename).st_mtime
            except OSError:
                continue
            previous = mtimes.setdefault(filename, mtime)
            if mtime != previous:
                print("%s changed, reloading." % filename, file=sys.stderr, flush=True)
                os._exit(3)
        time.sleep(interval)


_RELOADER_ENV = "DJSCRATCH_RUN_MAIN"


def _restart_with_reloader():
    """Run this command in a child process; start it again when it exits
    with status 3 (a source file changed).  Return the child's status.

    SIGTERM to this parent is passed on to the child, which stops serving
    as it would on its own SIGTERM; without that, the parent would die and
    leave the child holding the port."""
    import signal
    import subprocess

    args = [sys.executable, *sys.orig_argv[1:]]
    env = {**os.environ, _RELOADER_ENV: "true"}
    child = None
    terminated = False

    def forward_sigterm(signum, frame):
        nonlocal terminated
        terminated = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward_sigterm)
    try:
        while not terminated:
            child = subprocess.Popen(args, env=env)
            if terminated:  # the signal came before `child` was set
                child.send_signal(signal.SIGTERM)
            try:
                status = child.wait()
            except KeyboardInterrupt:
                # A terminal's Ctrl-C reaches the child too: give it a moment
                # to stop cleanly, then make sure it does.
                try:
                    child.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    child.terminate()
                    child.wait()
                return 0
            if status != 3:
                return 0 if terminated else status
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _parse_addrport(options):
    """Return (host, port) from `addrport`, --host/--port, HOST/PORT, defaults."""
    host = options.host or os.environ.get("HOST") or "127.0.0.1"
    port = options.port if options.port is not None else os.environ.get("PORT") or 8000
    if options.addrport:
        m = _re(r"^(?:(?P<host>\[[0-9a-fA-F:.]+\]|[\w.-]+):)?(?P<port>\d+)$").match(
            options.addrport)
        if m is None:
            raise CommandError('"%s" is not a valid port number or address:port pair.'
                               % options.addrport)
        host = m["host"] or host
        port = m["port"]
    try:
        port = int(port)
        if not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        raise CommandError("%r is not a valid port number." % port) from None
    return host.strip("[]") if host.startswith("[") else host, port
