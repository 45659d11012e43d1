"""Micro-benchmarks of the spine (run by hand: python bench/spine.py).

1. In process: a raw WSGI function returning b"ok" against a djscratch view
   returning HttpResponse("ok") through the default middleware (or none, if
   the middleware section is missing), both called with the same environ.
2. Over HTTP: the same two apps behind the same server (waitress if
   installed, else wsgiref), keep-alive requests from http.client, which is
   how a user meets the framework.
3. Start-up: `python -c "import djscratch"` against `python -c pass`.

The targets (issue 2): the view costs at most 2x the raw app; the import at
most 1.5x a bare interpreter.
"""

import io
import os
import statistics
import subprocess
import sys
import threading
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import djscratch  # noqa: E402

djscratch.settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-" + "x" * 50,
    ALLOWED_HOSTS=["testserver", "127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages"],
    MIDDLEWARE=[],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
)

from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]


def raw_app(environ, start_response):
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "2")],
    )
    return [b"ok"]


def middleware_list():
    """Return (the default middleware, or [] if a class is missing, note)."""
    for name in djscratch.DEFAULT_MIDDLEWARE:
        try:
            djscratch.import_string(name)
        except ImportError:
            return [], "no middleware (%s not implemented here)" % name.rsplit(".", 1)[
                1
            ]
    return list(djscratch.DEFAULT_MIDDLEWARE), "the default middleware"


def environ():
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def call(app):
    result = app(environ(), lambda status, headers, exc_info=None: None)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return body


def best_of(stmt, number, repeat=7):
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def in_process(handler):
    assert call(raw_app) == call(handler) == b"ok"
    raw = best_of(lambda: call(raw_app), 20000)
    view = best_of(lambda: call(handler), 5000)
    return raw, view


def over_http(app, requests=2000):
    """Return seconds per keep-alive GET against `app` served in a thread."""
    import http.client
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        import waitress

        server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
        name = "waitress"
        thread = threading.Thread(target=server.run, daemon=True)
        stop = server.close
    except ImportError:
        from wsgiref.simple_server import WSGIRequestHandler, make_server

        class Quiet(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        server = make_server("127.0.0.1", port, app, handler_class=Quiet)
        name = "wsgiref"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        stop = server.shutdown
    thread.start()
    samples = []
    try:
        for _round in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            start = timeit.default_timer()
            for _ in range(requests):
                conn.request("GET", "/", headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                assert response.read() == b"ok", response.status
                if (
                    response.getheader("Connection", "").lower() == "close"
                    or response.version == 10
                ):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            samples.append((timeit.default_timer() - start) / requests)
            conn.close()
    finally:
        stop()
    return min(samples), name


def startup(code, runs=15, bytecode=True):
    """Median wall time of `python -c code`; with bytecode, as users run it
    (a cached .pyc), else compiling djscratch.py each time."""
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = os.path.join(ROOT, "bench", ".nocache")
    times = []
    for _ in range(runs):
        start = timeit.default_timer()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)
        times.append(timeit.default_timer() - start)
    return statistics.median(times)


def main():
    middleware, note = middleware_list()
    with djscratch.override_settings(MIDDLEWARE=middleware):
        handler = djscratch.WSGIHandler()
        raw, view = in_process(handler)
        print("In process (%s):" % note)
        print("  raw WSGI function      %8.2f us/request" % (raw * 1e6))
        print(
            "  djscratch view         %8.2f us/request  (%.1fx raw)"
            % (view * 1e6, view / raw)
        )
        raw_http, server = over_http(raw_app)
        view_http, _ = over_http(handler)
        print("Over HTTP (%s, keep-alive, one client):" % server)
        print("  raw WSGI function      %8.2f us/request" % (raw_http * 1e6))
        print(
            "  djscratch view         %8.2f us/request  (%.2fx raw, target <= 2x)"
            % (view_http * 1e6, view_http / raw_http)
        )
    bare = startup("pass")
    imported = startup("import djscratch")
    compiled = startup("import djscratch", bytecode=False)
    print("Start-up (median of 15 runs):")
    print("  python -c pass               %6.1f ms" % (bare * 1e3))
    print(
        "  python -c 'import djscratch' %6.1f ms  (%.2fx, target <= 1.5x)"
        % (imported * 1e3, imported / bare)
    )
    print(
        "  ... without a cached .pyc    %6.1f ms  (compiles the file each time)"
        % (compiled * 1e3)
    )


if __name__ == "__main__":
    main()
