"""Requests through the WSGI handler, printed as JSON: what this session's
remembered answers in the request stack must never change: Set-Cookie
headers (_remembered_set_cookie_header(): every attribute combination, a
cookie set twice, delete_cookie()), messages (FallbackStorage's
_no_message_cookie, the chain skipping MessageMiddleware.process_response;
added in views, in middleware after the view, read in templates, in the
three storages), request_started/request_finished receivers connected and
disconnected between requests and collected (Signal._quiet), ROOT_URLCONF
switched by override_settings and request.urlconf (get_resolver()).

Runs on either engine: tests/gen_request_cache_expected.py runs it with
real Django 5.2 (REQUEST_CACHE_ENGINE=django) to write
tests/request_cache_expected.json, and tests/test_request_stack.py runs it
on djscratch and compares.
"""

import datetime
import gc
import io
import json
import os
import random
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("REQUEST_CACHE_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF="request_cache_urls",
    SECRET_KEY="request-cache-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    USE_TZ=True, TIME_ZONE="UTC",
    INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "request_cache_urls.AfterMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"context_processors": [
                    "django.contrib.messages.context_processors.messages"]}}],
)
django.setup()

from django.contrib import messages  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import path, reverse  # noqa: E402

OUT = {}
LOG = []
MOMENT = datetime.datetime(2030, 1, 2, 3, 4, 5)
COOKIE_OPTIONS = dict(
    max_age=[None, 0, 3600, 2.5, datetime.timedelta(hours=1)],
    expires=[None, "Wed, 21 Oct 2031 07:28:00 GMT", MOMENT, "",
             datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)],
    path=["/", "/a b", "", "/x"],
    domain=[None, "example.com", ".ex.org", ""],
    secure=[False, True],
    httponly=[False, True],
    samesite=[None, "Lax", "strict", "None"],
)
TEMPLATE = engines["django"].from_string(
    "{% for m in messages %}[{{ m.level_tag }}:{{ m }}]{% endfor %}")


class AfterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path == "/after/":
            messages.warning(request, "after the view")
        return response


def cookie_view(request):
    rnd = random.Random(int(request.GET["seed"]))
    options = {name: rnd.choice(values) for name, values in COOKIE_OPTIONS.items()}
    if options["max_age"] is not None and options["expires"] is not None:
        options["expires"] = None
    options = {k: v for k, v in options.items() if v is not None}
    response = HttpResponse(repr(sorted(options)))
    response.set_cookie("k", "v 1", **options)
    if rnd.random() < 0.3:
        response.set_cookie("k", "second", **options)
    if rnd.random() < 0.3:
        response.set_cookie("k2", "abc", path="/p")
    if rnd.random() < 0.2:
        response.delete_cookie("k3", samesite="Lax")
    if rnd.random() < 0.1:
        response.delete_cookie("k")
    return response


def plain(request):
    return HttpResponse("plain")


def add(request):
    messages.info(request, "hello")
    messages.success(request, "ok", extra_tags="x")
    return HttpResponse("added")


def read(request):
    return HttpResponse(TEMPLATE.render({"messages": messages.get_messages(request)},
                                        request))


def peek(request):
    return HttpResponse("peek %d" % len(messages.get_messages(request)))


def add_and_read(request):
    messages.error(request, "e1")
    return HttpResponse(TEMPLATE.render({}, request))


def level(request):
    messages.set_level(request, messages.DEBUG)
    messages.debug(request, "debug")
    return HttpResponse("level")


def named(request):
    return HttpResponse("one %s %s" % (request.path, reverse("n")))


def switch(request):
    request.urlconf = "request_cache_urls2"
    return HttpResponse("switch " + reverse("n"))


def other_named(request):
    return HttpResponse("two %s %s" % (request.path, reverse("n")))


urls = types.ModuleType("request_cache_urls")
urls.AfterMiddleware = AfterMiddleware
urls.urlpatterns = [path("cookie/", cookie_view), path("a/", named, name="n"),
                    path("switch/", switch)] + [
    path(name + "/", view) for name, view in [
        ("plain", plain), ("add", add), ("read", read), ("peek", peek),
        ("after", plain), ("addread", add_and_read), ("level", level)]]
urls2 = types.ModuleType("request_cache_urls2")
urls2.urlpatterns = [path("b/", other_named, name="n")]
sys.modules.update(request_cache_urls=urls, request_cache_urls2=urls2)

app = WSGIHandler()
JAR = {}


def get(name, path, query=""):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
    if JAR:
        environ["HTTP_COOKIE"] = "; ".join("%s=%s" % item for item in JAR.items())
    seen = []
    body = app(environ, lambda status, headers: seen.append((status, headers)))
    content = b"".join(body).decode()
    body.close()
    status, headers = seen[0]
    cookies = []
    for key, value in headers:
        if key == "Set-Cookie":
            # (Django writes the value with a leading space: not compared)
            value = value.strip()
            # a date or Max-Age computed from the clock is not compared
            for stamp in ("expires=", "Max-Age="):
                start = value.find(stamp)
                while start != -1:
                    end = value.find(";", start)
                    end = len(value) if end == -1 else end
                    text = value[start + len(stamp):end]
                    if ("1970" not in text and "2031" not in text
                            and "2030" not in text and text not in ("0", "3600")):
                        value = value[:start + len(stamp)] + "NOW" + value[end:]
                    start = value.find(stamp, start + 1)
            cookie_name, _, rest = value.partition("=")
            cookie_value = rest.split(";")[0]
            # a signed value's timestamp and signature move with the clock:
            # its payload is compared
            signed = cookie_value.split(":")
            if len(signed) == 3:
                shown = signed[0] + ":TIMESTAMP:SIGNATURE"
                value = value.replace(cookie_value, shown, 1)
            cookies.append(value)
            if path != "/cookie/":
                if cookie_value and "Max-Age=0" not in rest:
                    JAR[cookie_name] = cookie_value
                else:
                    JAR.pop(cookie_name, None)
    # (djscratch's handler adds a Content-Length, which Django leaves to the
    # server: not compared)
    names = [key for key, _value in headers
             if key not in ("Set-Cookie", "Content-Length")]
    OUT["%03d %s" % (len(OUT), name)] = [status, content[:80], names, cookies,
                                         list(LOG)]
    LOG.clear()


for seed in range(150):
    get("cookie %d" % seed, "/cookie/", "seed=%d" % seed)
for storage in ["fallback.FallbackStorage", "session.SessionStorage",
                "cookie.CookieStorage"]:
    JAR.clear()
    with override_settings(MESSAGE_STORAGE="django.contrib.messages.storage."
                           + storage):
        for page in ["/plain/", "/add/", "/plain/", "/read/", "/read/", "/add/",
                     "/peek/", "/read/", "/after/", "/read/", "/add/", "/addread/",
                     "/read/", "/level/", "/read/", "/plain/"]:
            get(storage + " " + page, page)


def r1(sender, **kwargs):
    LOG.append(["r1", sender.__name__, sorted(kwargs)])


def r2(sender, **kwargs):
    LOG.append(["r2", sender.__name__, sorted(kwargs)])


class Owner:
    def method(self, sender, **kwargs):
        LOG.append(["owner.method", sender.__name__])


def make_receiver():
    def inner(sender, **kwargs):
        LOG.append(["inner", sender.__name__])
    return inner


get("no receivers", "/a/")
request_started.connect(r1)
get("r1 on started", "/a/")
request_finished.connect(r2)
get("r2 on finished", "/a/")
owner = Owner()
request_started.connect(owner.method)
get("a method", "/a/")
del owner
gc.collect()
get("the method's owner collected", "/a/")
request_started.disconnect(r1)
get("r1 disconnected", "/a/")
request_started.connect(r1, dispatch_uid="u1")
request_started.connect(r2, dispatch_uid="u1")
get("one dispatch_uid twice", "/a/")
receiver = make_receiver()
request_finished.connect(receiver)
get("a closure", "/a/")
del receiver
gc.collect()
get("the closure collected", "/a/")
request_finished.connect(r1, sender=WSGIHandler)
get("r1 for WSGIHandler", "/a/")
request_finished.connect(r1, sender=object)
get("r1 for object too", "/a/")


class SubHandler(WSGIHandler):
    pass


app = SubHandler()
get("another handler class", "/a/")
request_finished.disconnect(r1, sender=WSGIHandler)
get("r1 for WSGIHandler disconnected", "/a/")
with override_settings(ROOT_URLCONF="request_cache_urls2"):
    get("ROOT_URLCONF overridden a", "/a/")
    get("ROOT_URLCONF overridden b", "/b/")
get("ROOT_URLCONF back a", "/a/")
get("ROOT_URLCONF back b", "/b/")
get("request.urlconf set by the view", "/switch/")
get("after request.urlconf", "/a/")
request_started.disconnect(r1, dispatch_uid="u1")
request_finished.disconnect(r2)
get("all disconnected", "/a/")

print(json.dumps(OUT, indent=1, sort_keys=True))
