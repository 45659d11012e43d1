"""The request stack alone: a view returning "ok" through startproject's middleware.

    python bench/stack.py            # a table
    python bench/stack.py --quick    # fewer rounds (bench/run.py --quick)
    python bench/stack.py --json     # for bench/run.py

Each app is called as a WSGI callable in a loop, in process (no server), and
timed in CPU time (time.process_time, so a busy machine's other processes do
not count); the apps alternate round by round and each keeps its best round.
djscratch runs the seven MIDDLEWARE of Django's startproject settings
(security, sessions, common, csrf, auth, messages, clickjacking); the floor is
a raw WSGI function; Bottle and Flask return "ok" from a route when installed
(bench/.venv has them).  The target (issue 20): djscratch at most 10 µs.
"""

import io
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

#: MIDDLEWARE of the settings.py that `django-admin startproject` writes.
STARTPROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TARGET_US = 10.0
HttpResponse = None  # django.http.HttpResponse, once djscratch_app() ran


def environ():
    """A GET / as a WSGI server would pass it."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": "/", "SCRIPT_NAME": "",
        "QUERY_STRING": "", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def _start_response(status, headers, exc_info=None):
    return None


def call(app):
    """One request; return the body."""
    result = app(environ(), _start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return body


def raw_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", "2")])
    return [b"ok"]


def djscratch_app():
    """The handler of a startproject-like settings module with one view."""
    import djscratch

    djscratch.settings.configure(
        DEBUG=False, SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS=["testserver"], ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                        "django.contrib.sessions", "django.contrib.messages"],
        MIDDLEWARE=STARTPROJECT_MIDDLEWARE,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": ":memory:"}},
    )
    djscratch.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import HttpResponse

    globals()["HttpResponse"] = HttpResponse

    return WSGIHandler()


def ok(request):
    return HttpResponse("ok")  # bound by djscratch_app(), once settings exist


def _urlpatterns():
    from django.urls import path

    return [path("", ok)]


def __getattr__(name):
    # ROOT_URLCONF is this module; its patterns are built once settings exist.
    if name == "urlpatterns":
        globals()["urlpatterns"] = patterns = _urlpatterns()
        return patterns
    raise AttributeError(name)


def peers():
    """{name: WSGI app} of the micro-frameworks that are installed."""
    apps = {}
    try:
        import bottle

        app = bottle.Bottle()
        app.route("/")(lambda: "ok")
        apps["bottle"] = app
    except ImportError:
        pass
    try:
        import flask

        app = flask.Flask("stack")
        app.route("/")(lambda: "ok")
        apps["flask"] = app
    except ImportError:
        pass
    return apps


def loop_cpu(app, number):
    """CPU seconds of one call, over `number` calls."""
    env = environ()
    start_response = _start_response
    started = time.process_time()
    for _ in range(number):
        env["wsgi.input"] = io.BytesIO()
        result = app(dict(env), start_response)
        b"".join(result)
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return (time.process_time() - started) / number


def measure(apps, rounds, number):
    """{name: best µs per request}, the apps alternating round by round."""
    best = {}
    for _ in range(rounds):
        for name, app in apps.items():
            value = loop_cpu(app, number) * 1e6
            best[name] = min(best.get(name, value), value)
    return best


def run(quick=False):
    apps = {"raw": raw_app, "djscratch": djscratch_app()}
    apps.update(peers())
    for name, app in apps.items():
        body = call(app)
        if body != b"ok":
            raise SystemExit("%s returned %r, not b'ok'" % (name, body))
    rounds, number = (5, 500) if quick else (21, 2000)
    best = measure(apps, rounds, number)
    floor = best["raw"]
    return {"us": best, "ratio": {k: v / floor for k, v in best.items()},
            "target_us": TARGET_US, "middleware": STARTPROJECT_MIDDLEWARE,
            "rounds": rounds, "number": number}


def main(argv):
    report = run("--quick" in argv)
    if "--json" in argv:
        print(json.dumps(report))
        return 0
    print("GET / -> HttpResponse('ok'), in process, CPU time, best of %d rounds "
          "of %d" % (report["rounds"], report["number"]))
    for name, value in report["us"].items():
        print("  %-10s %8.2f µs  %6.2fx raw" % (name, value, report["ratio"][name]))
    verdict = "met" if report["us"]["djscratch"] <= TARGET_US else "NOT met"
    print("target: djscratch at most %.0f µs: %s" % (TARGET_US, verdict))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
