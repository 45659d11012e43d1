"""The flat middleware chain as one generated function (issue 20).

BaseHandler runs a chain of plain MiddlewareMixin layers through a function
generated once per chain and change of settings (_chain_function()), where
the request hooks that only promise request attributes (session, user,
messages) are stored as promises without a call (_request_steps()).  Each
test compares it with the general paths it replaces: the loop of
BaseHandler._run_flat() and the nested chain of Django's middleware.
"""

import unittest
from itertools import product
from unittest import mock

from tests import TEST_SETTINGS
from tests.mwutil import (
    LOG, PLAN, Recording, act, converting, make_request, recorded_outcome,
)

import djscratch
from django.http import HttpResponse
from django.test import override_settings

HERE = "tests.test_request_chain."
urlpatterns = []

STARTPROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# (no INSTALLED_APPS: a test that loads apps must leave settings configured;
# the requests read a session only from a signed cookie)
CHAIN_SETTINGS = dict(
    TEST_SETTINGS, ROOT_URLCONF=__name__,
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")


class Outer(Recording):
    pass


class Inner(Recording):
    pass


def _recording_signal():
    """(a new Signal, the list its receivers append to, a sender class,
    make(name): a receiver recording (name, sender, named) and answering
    name), for the tests comparing _notify() with send()."""
    from django.dispatch import Signal

    signal, calls = Signal(), []

    class Sender:
        pass

    def make(name):
        def receiver(signal, sender, **named):
            calls.append((name, sender, named))
            return name

        return receiver

    return signal, calls, Sender, make


def _thing(request):
    return "thing of %s" % request.path


class _Promiser(djscratch.MiddlewareMixin):
    """Promises request.<name> as the built-in middleware promise theirs."""

    name = None

    def process_request(self, request):
        djscratch._promise_attribute(request, self.name, _thing)


def _promises(name):
    def promises(promised):
        return ((name, _thing),)
    return promises


class PromisesA(_Promiser):
    name = "a"

    def process_request(self, request):
        super().process_request(request)


PromisesA.process_request._djscratch_promises = _promises("a")


class PromisesB(_Promiser):
    name = "b"

    def process_request(self, request):
        super().process_request(request)


PromisesB.process_request._djscratch_promises = _promises("b")


class SessionRemover(djscratch.MiddlewareMixin):
    """Takes the session away: nothing tells that it keeps promises."""

    def process_request(self, request):
        request.__dict__.pop("_promised_session", None)


class OwnAuth(djscratch.AuthenticationMiddleware):
    """Overrides the hook: it is called, not turned into promises."""

    def process_request(self, request):
        return super().process_request(request)


def _planned_view(request):
    return act("view", "view") or HttpResponse("view")

    def test_handler_headers_as_the_general_items(self):
        """WSGIHandler reads a plain ResponseHeaders' pairs from its store
        (items(), one call less): the same list as a subclass, which goes
        through items(), with and without Content-Length and cookies."""

        class Headers(djscratch.ResponseHeaders):
            pass

        def respond(request):
            response = HttpResponse("body", status=int(request.GET["status"]))
            response["X-Custom"] = "1"
            if "cookie" in request.GET:
                response.set_cookie("c", "v")
            if "sub" in request.GET:
                response.headers = Headers(response.headers)
            return response

        with override_settings(**dict(CHAIN_SETTINGS, MIDDLEWARE=[])):
            urlpatterns[:] = [djscratch.path("", respond)]
            self.addCleanup(urlpatterns.clear)
            handler = djscratch.WSGIHandler()
            for status, cookie in product((200, 204, 304, 404), (False, True)):
                seen = []
                for sub in (False, True):
                    environ = _environ()
                    environ["QUERY_STRING"] = "status=%d%s%s" % (
                        status, "&cookie=1" if cookie else "", "&sub=1" if sub else "")
                    result = handler(environ, lambda s, h: seen.append((s, h)))
                    result.close()
                with self.subTest(status=status, cookie=cookie):
                    self.assertEqual(seen[0], seen[1])


def _ok_view(request):
    return HttpResponse("ok")


def _session_view(request):
    request.session["seen"] = request.session.get("seen", 0) + 1
    return HttpResponse("session")


def _message_view(request):
    djscratch.add_message(request, djscratch.MESSAGE_INFO, "hello")
    return HttpResponse("message")


def _messages_built_view(request):
    # built and counted, never read nor added to: update() stores nothing
    return HttpResponse("built %d" % len(djscratch.get_messages(request)))


def _messages_read_view(request):
    return HttpResponse("read %d" % len(list(djscratch.get_messages(request))))


def _messages_own_update_view(request):
    storage = djscratch.get_messages(request)
    storage.update = lambda response: response.headers.__setitem__("X-Own", "1")
    return HttpResponse("own update")


def _token_view(request):
    return HttpResponse(djscratch.get_token(request)[:0] + "token")


def _exempt_view(request):
    response = HttpResponse("exempt")
    response.xframe_options_exempt = True
    return response


def _framed_view(request):
    return HttpResponse("framed", headers={"X-Frame-Options": "SAMEORIGIN",
                                           "Referrer-Policy": "no-referrer"})


class OwnGet(HttpResponse):
    """A response whose get() is its own: the hooks are called."""

    def get(self, header, alternate=None):
        return "always" if header == "X-Frame-Options" else super().get(
            header, alternate)


def _own_get_view(request):
    return OwnGet("own get")


def _streaming_view(request):
    return djscratch.StreamingHttpResponse(iter([b"a", b"b"]))


def _json_view(request):
    return djscratch.JsonResponse({"a": 1})


class OwnSecret(djscratch.CsrfViewMiddleware):
    """A secret found elsewhere: its process_request is always called."""

    def _get_secret(self, request):
        return "s" * 32


class SameOrigin(djscratch.XFrameOptionsMiddleware):
    """Its own value: the hook is called, not inlined."""

    def get_xframe_options_value(self, request, response):
        return "SAMEORIGIN"


def _doubled_view(request):
    return Doubled("twice")


def _missing_view(request):
    return djscratch.HttpResponseNotFound("missing")


VIEWS = {"": _ok_view, "session/": _session_view, "message/": _message_view,
         "messages-built/": _messages_built_view,
         "messages-read/": _messages_read_view,
         "messages-own-update/": _messages_own_update_view,
         "token/": _token_view, "exempt/": _exempt_view, "framed/": _framed_view,
         "own-get/": _own_get_view, "streaming/": _streaming_view,
         "json/": _json_view, "doubled/": _doubled_view, "missing/": _missing_view}


def _chain(handler):
    """The generated chain of `handler`, derived for the current settings."""
    return handler._derive_active_hooks()[2]


def _promises_of(request):
    return sorted((key, value) for key, value in request.__dict__.items()
                  if key.startswith("_promised_"))


class ChainFunctionTests(unittest.TestCase):
    """Every mix of hooks that return, answer early, raise, or raise what
    cannot be converted, around hooks that only promise: the generated
    function calls the same hooks in the same order, promises the same
    attributes and ends as the loop and the nested chain do."""

    def outcome(self, run, request):
        return (*recorded_outcome(run, request), _promises_of(request))

    def test_generated_chain_matches_the_loop_and_the_nested_chain(self):
        urlpatterns[:] = [djscratch.path("", _planned_view)]
        names = [HERE + n for n in ("Outer", "PromisesA", "PromisesB", "Inner")]
        with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=names,
                                      ROOT_URLCONF=__name__)), \
                mock.patch("django.core.handlers.exception.response_for_exception",
                           converting):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            chain = _chain(handler)
            self.assertIn("_promised_a", chain._djscratch_source)
            self.assertNotIn("_promised_a", handler._run_flat.__code__.co_consts)
            request_actions = (None, "respond", "raise", "unconvertible")
            response_actions = (None, "raise", "unconvertible")
            checked = 0
            for choice in product(request_actions, response_actions,
                                  repeat=2):
                for view in (None, "raise", "unconvertible"):
                    PLAN.clear()
                    PLAN[("Outer", "request")], PLAN[("Outer", "response")] = \
                        choice[:2]
                    PLAN[("Inner", "request")], PLAN[("Inner", "response")] = \
                        choice[2:]
                    PLAN[("view", "view")] = view
                    nested = self.outcome(handler._middleware_chain,
                                          make_request())
                    flat = self.outcome(handler._run_flat, make_request())
                    generated = self.outcome(
                        lambda request: chain(handler, request), make_request())
                    self.assertEqual(flat, nested, PLAN)
                    self.assertEqual(generated, nested, PLAN)
                    checked += 1
            self.assertEqual(checked, 12 ** 2 * 3)

    def test_no_request_hooks_and_no_response_hooks(self):
        urlpatterns[:] = [djscratch.path("", _ok_view)]
        for names in ([HERE + "PromisesA"], [HERE + "PromisesA", HERE + "Inner"],
                      [HERE + "Inner", HERE + "PromisesA"]):
            with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=names,
                                          ROOT_URLCONF=__name__)):
                handler = djscratch.BaseHandler()
                handler.load_middleware()
                chain = _chain(handler)
                PLAN.clear()
                self.assertEqual(
                    self.outcome(lambda request: chain(handler, request),
                                 make_request()),
                    self.outcome(handler._middleware_chain, make_request()))

    def test_a_request_that_is_not_an_http_request_takes_the_loop(self):
        with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=[
                HERE + "PromisesA"], ROOT_URLCONF=__name__)):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            chain = _chain(handler)
            stand_in = object()
            with mock.patch.object(handler, "_run_flat",
                                   return_value="general") as run_flat:
                self.assertEqual(chain(handler, stand_in), "general")
            run_flat.assert_called_once_with(stand_in)


def _raising_view(request):
    raise ValueError("from the view")


class ChainLocalsTests(unittest.TestCase):
    """A debug page shows the locals of every frame: the generated chain's
    must not hold the request's __dict__ (POST data unfiltered) while the
    view runs."""

    def test_no_request_dict_in_the_chain_frame(self):
        import sys

        urlpatterns[:] = [djscratch.path("", _raising_view)]
        seen = []

        def record(request, exc):
            tb = sys.exc_info()[2]
            while tb is not None:
                if tb.tb_frame.f_code.co_name == "chain":
                    seen.append(dict(tb.tb_frame.f_locals))
                tb = tb.tb_next
            return HttpResponse("recorded", status=500)

        # (patched where the chain's _escaped() finds it: the single file's
        # namespace, or the handler module's in the package)
        with override_settings(**dict(CHAIN_SETTINGS,
                                      MIDDLEWARE=STARTPROJECT_MIDDLEWARE)), \
                mock.patch.dict(djscratch._escaped.__globals__,
                                {"response_for_exception": record}):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            request = make_request(method="POST", data={"password": "secret"})
            request._dont_enforce_csrf_checks = True
            request.POST  # noqa: B018 - read, as a login view would
            _chain(handler)(handler, request)
        self.assertEqual(len(seen), 1)
        self.assertFalse([name for name, value in seen[0].items()
                          if value is request.__dict__])


class RequestStepsTests(unittest.TestCase):
    """Which request hooks become promises: those whose checks are known to
    pass from the hooks before them, as the startproject chain's auth and
    messages hooks after the session's."""

    def steps(self, middleware, **more):
        values = dict(CHAIN_SETTINGS, MIDDLEWARE=middleware)
        values.update(more)
        with override_settings(**values):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            steps = djscratch._request_steps(handler._derive_active_hooks()[1][0])
        return [(kind, i, [name for name, _f in what] if kind == "promise"
                 else type(what.__self__).__name__) for kind, i, what in steps]

    def test_startproject_chain(self):
        self.assertEqual(self.steps(STARTPROJECT_MIDDLEWARE), [
            ("promise", 1, ["session"]),
            ("call", 3, "CsrfViewMiddleware"),
            ("promise", 4, ["user", "auser", "_messages"]),
        ])

    def test_hooks_whose_checks_are_not_known_to_pass_are_called(self):
        auth, messages = STARTPROJECT_MIDDLEWARE[4:6]
        session = STARTPROJECT_MIDDLEWARE[1]
        self.assertEqual(self.steps([auth, messages]), [
            ("call", 0, "AuthenticationMiddleware"),
            ("call", 1, "MessageMiddleware")])
        self.assertEqual(self.steps([session, HERE + "SessionRemover", auth]), [
            ("promise", 0, ["session"]), ("call", 1, "SessionRemover"),
            ("call", 2, "AuthenticationMiddleware")])
        self.assertEqual(self.steps([session, HERE + "OwnAuth", messages]), [
            ("promise", 0, ["session"]), ("call", 1, "OwnAuth"),
            ("call", 2, "MessageMiddleware")])

    def test_csrf_request_hook_runs_only_with_its_cookie(self):
        def source(**more):
            values = dict(CHAIN_SETTINGS, MIDDLEWARE=more.pop(
                "MIDDLEWARE", STARTPROJECT_MIDDLEWARE))
            values.update(more)
            with override_settings(**values):
                handler = djscratch.BaseHandler()
                handler.load_middleware()
                return _chain(handler)._djscratch_source

        self.assertIn("'csrftoken' in request.COOKIES", source())
        self.assertIn("'own' in request.COOKIES", source(CSRF_COOKIE_NAME="own"))
        self.assertNotIn("request.COOKIES else", source(CSRF_USE_SESSIONS=True))
        self.assertNotIn("request.COOKIES else", source(MIDDLEWARE=[
            HERE + "OwnSecret"]))

    def test_message_storage_decides(self):
        messages = STARTPROJECT_MIDDLEWARE[5]
        cookie = "django.contrib.messages.storage.cookie.CookieStorage"
        session = "django.contrib.messages.storage.session.SessionStorage"
        # (a CookieStorage waits for its first use and needs no session)
        self.assertEqual(self.steps([messages], MESSAGE_STORAGE=cookie),
                         [("promise", 0, ["_messages"])])
        self.assertEqual(self.steps([messages], MESSAGE_STORAGE=session),
                         [("call", 0, "MessageMiddleware")])
        self.assertEqual(
            self.steps([STARTPROJECT_MIDDLEWARE[1], messages],
                       MESSAGE_STORAGE=session),
            [("promise", 0, ["session", "_messages"])])


class StartprojectChainTests(unittest.TestCase):
    """The startproject middleware, with the settings and requests that
    change what its hooks do: the generated chain answers as the loop and
    leaves the same promises on the request (or raises the same error)."""

    VARIANTS = [
        {},
        {"SECURE_SSL_REDIRECT": True},
        {"PREPEND_WWW": True},
        {"CSRF_USE_SESSIONS": True},
        {"MESSAGE_STORAGE":
         "django.contrib.messages.storage.session.SessionStorage"},
        {"MIDDLEWARE": STARTPROJECT_MIDDLEWARE[:1] + STARTPROJECT_MIDDLEWARE[2:]},
        {"MIDDLEWARE": STARTPROJECT_MIDDLEWARE[:2] + [HERE + "SessionRemover"]
         + STARTPROJECT_MIDDLEWARE[2:]},
        {"MIDDLEWARE": STARTPROJECT_MIDDLEWARE[:-1] + [HERE + "SameOrigin"]},
        {"MIDDLEWARE": STARTPROJECT_MIDDLEWARE[:3] + [HERE + "OwnSecret"]
         + STARTPROJECT_MIDDLEWARE[4:]},
        {"CSRF_COOKIE_NAME": "own"},
        {"SECURE_HSTS_SECONDS": 60, "X_FRAME_OPTIONS": "SAMEORIGIN",
         "SECURE_REFERRER_POLICY": None, "SESSION_COOKIE_NAME": "own"},
    ]
    REQUESTS = [
        {}, {"secure": True}, {"cookies": {"csrftoken": "x" * 32}},
        {"cookies": {"csrftoken": "bad!"}}, {"cookies": {"sessionid": "abc"}},
        {"method": "POST", "data": {"a": "b"}}, {"path": "/nowhere"},
        {"cookies": {"own": "abc"}}, {"path": "/session"},
        {"cookies": {"own": "y" * 32}}, {"cookies": {"own": "bad!"}},
        {"preset": {"user": "someone"}}, {"preset": {"auser": None, "session": {}}},
    ] + [{"path": "/" + path, "secure": True} for path in VIEWS if path]

    def outcome(self, run, preset=None, **request):
        request = make_request(**request)
        request.__dict__.update(preset or {})  # (attributes set before the chain)
        try:
            response = run(request)
        except Exception as exc:  # noqa: BLE001 - compared, not handled
            return "raised", repr(exc)
        return (response.status_code, sorted(response.headers.items()),
                b"".join(response) if response.streaming else response.content,
                _promises_of(request), len(request.META.get("CSRF_COOKIE") or ""),
                sorted(response.cookies) if "cookies" in vars(response) else None,
                sorted(name for name in ("session", "user", "auser", "_messages")
                       if name in request.__dict__))

    def test_generated_chain_answers_as_the_loop(self):
        urlpatterns[:] = [djscratch.path(path, view) for path, view in VIEWS.items()]
        for variant in self.VARIANTS:
            values = dict(CHAIN_SETTINGS, MIDDLEWARE=STARTPROJECT_MIDDLEWARE,
                          ALLOWED_HOSTS=["testserver", "www.testserver"])
            values.update(variant)
            with override_settings(**values):
                handler = djscratch.BaseHandler()
                handler.load_middleware()
                chain = _chain(handler)
                for request in self.REQUESTS:
                    with self.subTest(variant=variant, request=request):
                        self.assertEqual(
                            self.outcome(lambda r: chain(handler, r), **request),
                            self.outcome(handler._run_flat, **request))
                        self.assertEqual(
                            self.outcome(handler.get_response, **request)[:3],
                            self.outcome(handler._run_flat, **request)[:3])



def _general_response(content, **kwargs):
    """HttpResponse(content, **kwargs) by the general path: the base
    class's __init__, then the content setter."""
    response = HttpResponse.__new__(HttpResponse)
    djscratch.HttpResponseBase.__init__(response, **kwargs)
    response.content = content
    return response


class Doubled(HttpResponse):
    """Content that is not the base class's: the general path."""

    @property
    def content(self):
        return HttpResponse.content.fget(self) * 2

    @content.setter
    def content(self, value):
        HttpResponse.content.fset(self, value)


@override_settings(**TEST_SETTINGS)
class ResponseFastPathTests(unittest.TestCase):
    """HttpResponse(text) built in one frame, and Content-Length stored
    directly: the same response as the general path's."""

    def test_text_response_is_the_general_one(self):
        for charset in ("utf-8", "iso-8859-1", "utf-16"):
            with override_settings(DEFAULT_CHARSET=charset):
                for content in ("ok", "café", b"bytes", b"", ""):
                    fast = HttpResponse(content)
                    general = _general_response(content)
                    self.assertEqual(
                        {k: v for k, v in vars(fast).items() if k != "headers"},
                        {k: v for k, v in vars(general).items() if k != "headers"})
                    self.assertEqual(fast.headers._store, general.headers._store)
                    self.assertEqual(fast.charset, general.charset)
        with self.assertRaises(UnicodeEncodeError):
            with override_settings(DEFAULT_CHARSET="ascii"):
                HttpResponse("café")

    def test_other_responses_take_the_general_path(self):
        for response in (HttpResponse(12), HttpResponse(["a", b"b"]),
                         HttpResponse("x", status=201), Doubled("ab"),
                         djscratch.HttpResponseNotFound("gone")):
            self.assertNotIn("content-length", response.headers._store)
        self.assertEqual(Doubled("ab").content, b"abab")

    def set_both_ways(self, make):
        fast, general = make(), make()
        djscratch._set_content_length(fast)
        if not general.has_header("Content-Length"):
            general.headers["Content-Length"] = str(len(general.content))
        return fast, general

    def test_content_length_is_what_the_general_path_sets(self):
        def written():
            response = HttpResponse("a")
            response.write("bc")
            return response

        def preset():
            return HttpResponse("abc", headers={"content-length": "7"})

        for make in (lambda: HttpResponse("héllo"), written, preset,
                     lambda: Doubled("ab"), lambda: HttpResponse(b"")):
            fast, general = self.set_both_ways(make)
            self.assertEqual(fast.headers._store, general.headers._store)
            self.assertEqual(list(fast.headers.items()),
                             list(general.headers.items()))



class _Receiver:
    """A receiver that records its call and may start or stop the work a
    shared pending() reports."""

    def __init__(self, name, calls, state, sets=None):
        self.name, self.calls, self.state, self.sets = name, calls, state, sets

    def __call__(self, signal, sender, **named):
        self.calls.append(self.name)
        if self.sets is not None:
            self.state["work"] = self.sets
        return "%s:%s" % (self.name, sorted(named))


class TupleResolver(djscratch.BaseHandler):
    """resolve_request() answering a plain (view, args, kwargs)."""

    def resolve_request(self, request):
        match = super().resolve_request(request)
        return (match.func, ("extra",), {})


class OwnAtomic(djscratch.BaseHandler):
    """make_view_atomic() of its own: it is asked."""

    def make_view_atomic(self, view):
        def wrapped(request, *args, **kwargs):
            return HttpResponse("wrapped %s" % (args,))
        return wrapped


def _args_view(request, *args):
    return HttpResponse("view %s" % (args,))


class ViewCallTests(unittest.TestCase):
    """_get_response() takes the view from a ResolverMatch's attributes and
    skips make_view_atomic() without ATOMIC_REQUESTS, as the general path
    would answer; other handlers keep their own."""

    def respond(self, handler_class):
        urlpatterns[:] = [djscratch.path("", _args_view)]
        with override_settings(**dict(CHAIN_SETTINGS, MIDDLEWARE=[])):
            handler = handler_class()
            handler.load_middleware()
            return handler.get_response(make_request()).content

    def test_urlconf_is_set_for_the_request_and_reset_after(self):
        seen = []

        def view(request):
            seen.append(djscratch.get_urlconf())
            return HttpResponse("ok")

        urlpatterns[:] = [djscratch.path("", view)]
        with override_settings(**dict(CHAIN_SETTINGS, MIDDLEWARE=[])):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            response = handler.get_response(make_request())
            self.assertEqual(seen, [__name__])
            response.close()  # request_finished: reset_urlconf
            self.assertIsNone(djscratch.get_urlconf())

    def test_view_call(self):
        self.assertEqual(self.respond(djscratch.BaseHandler), b"view ()")
        self.assertEqual(self.respond(TupleResolver), b"view ('extra',)")
        self.assertEqual(self.respond(OwnAtomic), b"wrapped ()")


@override_settings(**TEST_SETTINGS)
class RequestPathTests(unittest.TestCase):
    """WSGIRequest joins the path in place when there is no script name:
    the same as _joined_path(), the general join."""

    def test_path_is_the_general_join(self):
        import io

        for script in ("", "/app", "/app/"):
            for path_info in ("/", "/x/y", "", "x", "//x"):
                environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path_info,
                           "SCRIPT_NAME": script, "wsgi.input": io.BytesIO()}
                request = djscratch.WSGIRequest(environ)
                self.assertEqual(request.path, djscratch._joined_path(
                    script, path_info or "/"), (script, path_info))


class StaticServingTests(unittest.TestCase):
    """The handler asks for a static file only while it serves them, as
    derived again after each change of settings."""

    def test_served_only_while_enabled(self):
        import os
        import tempfile

        urlpatterns[:] = [djscratch.path("", _ok_view)]
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "a.txt"), "w") as f:
                f.write("static a")
            base = dict(CHAIN_SETTINGS, MIDDLEWARE=[], STATIC_URL="/s/",
                        STATICFILES_DIRS=[folder])
            with override_settings(**base):
                handler = djscratch.BaseHandler()
                handler.load_middleware()
                for serve, expected in ((True, 200), (False, 404), (True, 200)):
                    with override_settings(DJSCRATCH_SERVE_STATIC=serve):
                        response = handler.get_response(make_request(path="/s/a.txt"))
                        self.assertEqual(response.status_code, expected, serve)
                        self.assertEqual(handler._active_hooks[3],
                                         "/s/" if serve else None)
                        if serve:
                            self.assertEqual(b"".join(response), b"static a")
                        response.close()
                        # (a path outside the prefix, or a POST: the view's)
                        for path_, method in (("/a.txt", "GET"), ("/s/a.txt", "POST"),
                                              ("/", "HEAD")):
                            other = handler.get_response(
                                make_request(path=path_, method=method))
                            self.assertEqual(other.status_code,
                                             200 if path_ == "/" else 404)
                            self.assertNotEqual(b"".join(other), b"static a")
                            other.close()


class AllowedHostMemoTests(unittest.TestCase):
    """get_host() remembers the host it allowed last, with a copy of the
    list: a sequence of hosts and lists (changed in place, tuples, DEBUG's
    default) is allowed or refused as validate_host() decides."""

    def test_memo_answers_as_the_general_check(self):
        hosts = ["a.example", ".b.example"]
        steps = [("a.example", hosts), ("a.example", hosts), ("x.b.example", hosts),
                 ("c.example", hosts), ("a.example", None), ("c.example", hosts),
                 ("a.example", ("a.example",)), ("d.example", ("a.example",)),
                 ("localhost", []), ("localhost", ["other"])]
        for host, allowed in steps:
            if allowed is None:  # in place, after the memo saw the list
                hosts.append("c.example")
                hosts.remove("a.example")
                allowed = hosts
            debug = allowed == []
            with override_settings(**dict(TEST_SETTINGS, ALLOWED_HOSTS=allowed,
                                          DEBUG=debug)):
                effective = allowed or [".localhost", "127.0.0.1", "[::1]"]
                expected = djscratch.validate_host(host, effective)
                try:
                    got = make_request(host=host).get_host() == host
                except djscratch.DisallowedHost:
                    got = False
                self.assertEqual(got, expected, (host, allowed))


class RememberedSenderTests(unittest.TestCase):
    """The straight-line sender generated per remembered entry answers,
    calls and asks pending() as _send_remembered() does: runs idle or
    not, receivers held weakly (alive or dead) or strongly, receivers
    that change what a later pending() answers."""

    named = {"x": 1}

    def outcome(self, send, runs, state, calls, work):
        state["work"] = work
        del calls[:]
        answers = send(None, "sender", dict(self.named))
        return ([(getattr(r, "name", r), value) for r, value in answers],
                list(calls))

    def test_generated_sender_matches_the_loop(self):
        import weakref

        calls, state = [], {"work": False}

        def pending():
            return state["work"]

        def other_pending():
            return not state["work"]

        keep = []
        shapes = [
            # (pending, [(sets work to, held weakly, alive)])
            (pending, [(None, True, True), (None, False, True)]),
            (pending, [(True, False, True), (None, True, False)]),
            (None, [(False, True, True)]),
            (other_pending, [(None, False, True)]),
            (None, [(True, False, True)]),
            (pending, [(None, True, True)]),
        ]
        for start in range(len(shapes)):
            for end in range(start + 1, len(shapes) + 1):
                runs = []
                for k, (run_pending, receivers) in enumerate(shapes[start:end]):
                    group = []
                    for m, (sets, weak, alive) in enumerate(receivers):
                        receiver = _Receiver("r%d_%d" % (k, m), calls, state, sets)
                        if weak:
                            if alive:
                                keep.append(receiver)
                            group.append((weakref.ref(receiver), True))
                        else:
                            group.append((receiver, False))
                    runs.append((run_pending, tuple(group)))
                runs = tuple(runs)
                generated = djscratch._remembered_sender(runs)
                quiet = djscratch._remembered_sender(runs, answers=False)
                for work in (False, True):
                    with self.subTest(shapes=(start, end), work=work):
                        expected = self.outcome(
                            lambda signal, sender, named: (
                                djscratch._send_remembered(
                                    signal, runs, sender, named)),
                            runs, state, calls, work)
                        self.assertEqual(
                            self.outcome(generated, runs, state, calls, work),
                            expected)
                        # without answers: the same calls, in the same order
                        state["work"] = work
                        del calls[:]
                        self.assertIsNone(quiet(None, "sender", dict(self.named)))
                        self.assertEqual(calls, expected[1])

    def test_generated_sender_without_arguments(self):
        # (a send without named arguments calls without **named)
        self.named = {}
        self.test_generated_sender_matches_the_loop()

    def test_request_signals_send_through_the_generated_sender(self):
        from django.core.signals import request_finished

        request_finished.send(sender=None)
        entry = request_finished._sender_cache[id(None)]
        self.assertIn("def send(", entry[4]._djscratch_source)
        self.assertEqual(
            request_finished.send(sender=None),
            djscratch._send_remembered(request_finished, entry[3], None, {}))

    def test_notify_calls_what_send_calls(self):
        """Signal._notify() (the handler's request_started, a response's
        request_finished) calls the receivers send() calls, with the same
        arguments, before and after its entry is remembered, after a
        receiver is connected and after one is collected."""
        import gc

        signal, calls, Sender, make = _recording_signal()

        first, second = make("first"), make("second")
        signal.connect(first)
        for step in range(4):
            if step == 1:
                signal.connect(second, sender=Sender)
            if step == 3:
                del second
                gc.collect()
            for sender in (Sender, None):
                with self.subTest(step=step, sender=sender):
                    del calls[:]
                    signal.send(sender=sender, environ={"a": 1})
                    expected = list(calls)
                    del calls[:]
                    self.assertIsNone(signal._notify(sender, {"environ": {"a": 1}}))
                    self.assertEqual(calls, expected)

    def test_notify_again_calls_what_send_calls(self):
        """_notify() a second time for the same sender (the entry it used
        last): the receivers send() calls, after a receiver is collected
        or connected between two notifications, and an async one."""
        import gc

        signal, calls, Sender, make = _recording_signal()

        async def late(signal, sender, **named):
            calls.append(("late", sender, named))

        receivers = [make("first"), make("second")]
        for receiver in receivers:
            signal.connect(receiver, sender=Sender)

        def notified():
            del calls[:]
            self.assertIsNone(signal._notify(Sender, {"x": 1}))
            return list(calls)

        def sent():
            del calls[:]
            signal.send(sender=Sender, x=1)
            return list(calls)

        for change in ("none", "collect", "connect", "async"):
            with self.subTest(change=change):
                notified()  # (remembered)
                if change == "collect":
                    del receivers[0]
                    gc.collect()
                elif change == "connect":
                    receivers.append(make("third"))
                    signal.connect(receivers[-1])
                elif change == "async":
                    signal.connect(late)
                got = notified()
                self.assertEqual(got, sent())
                self.assertEqual(notified(), got)

    def test_notify_calls_a_patched_send(self):
        from django.core.signals import request_finished

        request_finished.send(sender=None)  # (its entry remembered)
        with override_settings(**CHAIN_SETTINGS):
            response = HttpResponse("ok")
        with mock.patch.object(request_finished, "send") as send:
            response.close()
        send.assert_called_once_with(None)

    def test_notify_with_an_async_receiver_sends(self):
        from django.dispatch import Signal

        signal, calls = Signal(), []

        async def receiver(signal, sender, **named):
            calls.append(named)

        signal.connect(receiver)
        signal._notify(None, {"x": 1})
        self.assertEqual(calls, [{"x": 1}])

    def test_handler_sends_request_started_and_finished(self):
        from django.core.signals import request_finished, request_started

        seen = []

        def started(sender, environ, **kwargs):
            seen.append(("started", sender, environ["PATH_INFO"]))

        def finished(sender, **kwargs):
            seen.append(("finished", sender, sorted(kwargs)))

        request_started.connect(started)
        request_finished.connect(finished)
        self.addCleanup(request_started.disconnect, started)
        self.addCleanup(request_finished.disconnect, finished)
        with override_settings(**dict(CHAIN_SETTINGS,
                                      MIDDLEWARE=STARTPROJECT_MIDDLEWARE)):
            urlpatterns[:] = [djscratch.path("", _ok_view)]
            self.addCleanup(urlpatterns.clear)
            handler = djscratch.WSGIHandler()
            for _ in range(2):
                del seen[:]
                result = handler(_environ(), lambda status, headers: None)
                self.assertEqual(seen, [("started", djscratch.WSGIHandler, "/")])
                self.assertEqual(b"".join(result), b"ok")
                result.close()
                self.assertEqual(seen[1:], [
                    ("finished", djscratch.WSGIHandler, ["signal"])])

    def test_handler_follows_middleware_across_settings(self):
        """get_response() asks whether MIDDLEWARE changed only when the
        settings token did (or the chain was loaded since): the chain still
        follows override_settings and a load_middleware() of either mode."""
        PLAN.clear()  # another test's plan may make Outer raise or answer
        urlpatterns[:] = [djscratch.path("", _ok_view)]
        self.addCleanup(urlpatterns.clear)
        outer, inner = [HERE + "Outer"], [HERE + "Inner"]
        with override_settings(**dict(CHAIN_SETTINGS, MIDDLEWARE=outer)):
            handler = djscratch.WSGIHandler()
            steps = [(outer, None), (inner, None), (outer, None),
                     (outer, True), (outer, False), (inner, True)]
            for middleware, reload_async in steps:
                with override_settings(MIDDLEWARE=middleware):
                    if reload_async is not None:
                        handler.load_middleware(is_async=reload_async)
                    del LOG[:]
                    response = handler.get_response(make_request())
                    response.close()
                    with self.subTest(middleware=middleware, reload=reload_async):
                        self.assertEqual(response.content, b"ok")
                        name = middleware[0].rsplit(".", 1)[1]
                        self.assertEqual(LOG, [(name, "request"), (name, "response")])

    def test_view_receives_what_the_match_captured(self):
        """_get_response() calls a view without captures as view(request),
        and with them as view(request, *args, **kwargs), as before."""
        seen = []

        def view(*args, **kwargs):
            seen.append((len(args), args[1:], kwargs))
            return HttpResponse("ok")

        urlpatterns[:] = [djscratch.path("n/<int:n>/", view),
                          djscratch.re_path(r"^p/(\d+)/$", view),
                          djscratch.path("e/", view, {"extra": 1}),
                          djscratch.path("", view)]
        self.addCleanup(urlpatterns.clear)
        with override_settings(**dict(CHAIN_SETTINGS, MIDDLEWARE=[])):
            handler = djscratch.WSGIHandler()
            for path in ("/n/5/", "/p/7/", "/e/", "/"):
                environ = _environ()
                environ["PATH_INFO"] = path
                handler(environ, lambda s, h: None).close()
        self.assertEqual(seen, [(1, (), {"n": 5}), (2, ("7",), {}),
                                (1, (), {"extra": 1}), (1, (), {})])


_MEMORY_DB = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


class RequestSignalWorkTests(unittest.TestCase):
    """What the request signals' receivers do still happens when sent
    through Signal._notify() by the handler and close(), in a thread that
    opened a connection during the request: CONN_MAX_AGE=0 closes it at
    the end, and under DEBUG the next request starts with an empty log."""

    def serve(self, settings, view, requests=1):
        import threading

        seen = []
        urlpatterns[:] = [djscratch.path("", view)]
        self.addCleanup(urlpatterns.clear)

        def run():
            handler = djscratch.WSGIHandler()
            for _ in range(requests):
                handler(_environ(), lambda s, h: None).close()
                seen.append(djscratch.connections["default"].connection is None)
            djscratch.connections.close_all()

        with override_settings(**dict(CHAIN_SETTINGS, **settings)):
            thread = threading.Thread(target=run)
            thread.start()
            thread.join()
        return seen

    def test_conn_max_age_zero_closes_at_request_end(self):
        states = []

        def view(request):
            wrapper = djscratch.connections["default"]
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT 1")
            states.append(wrapper.connection is not None)
            return HttpResponse("ok")

        databases = {"default": dict(_MEMORY_DB["default"], CONN_MAX_AGE=0)}
        closed = self.serve({"DATABASES": databases}, view, requests=2)
        self.assertEqual(states, [True, True])
        self.assertEqual(closed, [True, True])

    def test_debug_query_log_reset_at_request_start(self):
        counts = []

        def view(request):
            wrapper = djscratch.connections["default"]
            counts.append(len(wrapper.queries_log))
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT 1")
            return HttpResponse("ok")

        self.serve({"DATABASES": _MEMORY_DB, "DEBUG": True}, view, requests=3)
        self.assertEqual(counts, [0, 0, 0])


def _environ():
    import io

    return {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SCRIPT_NAME": "",
            "QUERY_STRING": "", "SERVER_NAME": "testserver",
            "SERVER_PORT": "80", "HTTP_HOST": "testserver",
            "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}


if __name__ == "__main__":
    unittest.main()


class ViewWrapperShapesTests(unittest.TestCase):
    """_view_wrapper()'s wrappers without `after` and `on_error` answer,
    call and raise as its general wrapper given an `after` that returns
    the response and an `on_error` that answers None (the same steps)."""

    def test_short_wrappers_match_the_general_one(self):
        for before_answers in (None, "early", "absent"):
            for view_raises in (False, True):
                for args, kwargs in (((), {}), ((1,), {}), ((), {"k": 2})):
                    calls = []

                    def view(request, *a, **kw):
                        calls.append(("view", request, a, kw))
                        if view_raises:
                            raise KeyError("view")
                        return "response"

                    def before(request, a, kw):
                        calls.append(("before", request, a, kw))
                        return None if before_answers is None else before_answers

                    hook = None if before_answers == "absent" else before

                    def run(wrapper):
                        del calls[:]
                        try:
                            answer = wrapper("request", *args, **kwargs)
                        except KeyError as exc:
                            answer = ("raised", str(exc))
                        return answer, list(calls)

                    short = djscratch._view_wrapper(view, before=hook)
                    general = djscratch._view_wrapper(
                        view, before=hook, after=lambda request, response: response,
                        on_error=lambda request, exc: None)
                    with self.subTest(before=before_answers, raises=view_raises,
                                      args=args, kwargs=kwargs):
                        self.assertEqual(run(short), run(general))
                        self.assertEqual(short.__wrapped__, view)
