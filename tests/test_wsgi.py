"""The WSGI handler: the middleware protocol, the exception table, error
pages, HEAD, static files and bad input, all through wsgiref.validate."""

import logging
import os
import tempfile
import unittest

import djscratch
from django.core.exceptions import (
    BadRequest,
    ImproperlyConfigured,
    MiddlewareNotUsed,
    PermissionDenied,
    SuspiciousOperation,
)
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, re_path
from djscratch import WSGIHandler, override_settings
from tests import TEST_SETTINGS, populate_registry
from tests.http_helpers import call_wsgi, make_urlconf
from tests import forked

EVENTS = []


def home(request):
    return HttpResponse("home")


def echo(request):
    return HttpResponse(
        "%s|%s|%s"
        % (request.GET.urlencode(), dict(request.POST.lists()), len(request.body))
    )


def not_found(request):
    raise Http404("No post matches <b>that</b>")


def forbidden(request):
    raise PermissionDenied("nope")


def bad(request):
    raise BadRequest("you sent nonsense")


def suspicious(request):
    raise SuspiciousOperation("weird <script>")


def crash(request):
    secret = "do-not-show"  # noqa: F841 - must not leak without DEBUG
    raise ValueError("kaboom <script>")


def post_view(request, pk):
    return HttpResponse("post %s" % pk)


def returns_none(request):
    return None


def go(request):
    return HttpResponseRedirect(request.GET.get("next", "/"))


def cookie(request):
    response = HttpResponse("c")
    response.set_cookie("a", "1", httponly=True)
    response.set_cookie("b", "2")
    return response


def cookie_dict_headers(request):
    # headers that are not a ResponseHeaders (a dict): Django writes their
    # items() and the cookies all the same
    response = HttpResponse("c")
    response.headers = {"Content-Type": "text/plain"}
    response.set_cookie("a", "1")
    return response


class FakeTemplateResponse(HttpResponse):
    """A response rendered late, like TemplateResponse."""

    def __init__(self, text):
        super().__init__()
        self.text_to_render = text
        self.is_rendered = False

    def render(self):
        self.content = self.text_to_render
        self.is_rendered = True
        return self


def template_view(request):
    return FakeTemplateResponse("rendered")


def custom_404(request, exception):
    return HttpResponse("custom 404: %s" % type(exception).__name__, status=404)


def custom_500(request):
    return HttpResponse("custom 500", status=500)


def broken_500(request):
    raise RuntimeError("the error page itself is broken")


PATTERNS = [
    path("", home, name="home"),
    path("echo/", echo),
    path("404/", not_found),
    path("403/", forbidden),
    path("400/", bad),
    path("suspicious/", suspicious),
    path("500/", crash),
    path("none/", returns_none),
    path("go/", go),
    path("cookie/", cookie),
    path("cookie-dict-headers/", cookie_dict_headers),
    path("template/", template_view),
    re_path(r"^posts/(?P<pk>[0-9]+)/$", post_view, name="post"),
]
make_urlconf("djs_wsgi_urls", PATTERNS)
make_urlconf(
    "djs_wsgi_custom_urls", PATTERNS, handler404=custom_404, handler500=custom_500
)
make_urlconf("djs_wsgi_broken_urls", PATTERNS, handler500=broken_500)

SETTINGS = {**TEST_SETTINGS, "ROOT_URLCONF": "djs_wsgi_urls"}


# -- Small middlewares for the protocol tests.


def function_middleware(get_response):
    EVENTS.append("function init")

    def middleware(request):
        EVENTS.append("function before")
        response = get_response(request)
        EVENTS.append("function after")
        response["X-Function"] = "1"
        return response

    return middleware


class ClassMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        EVENTS.append("class before")
        response = self.get_response(request)
        EVENTS.append("class after")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        EVENTS.append("process_view %s %r" % (view_func.__name__, view_kwargs))
        if request.GET.get("short") == "1":
            return HttpResponse("short-circuited")
        return None

    def process_exception(self, request, exception):
        EVENTS.append("process_exception %s" % type(exception).__name__)
        if isinstance(exception, ValueError):
            return HttpResponse("handled: %s" % exception, status=418)
        return None

    def process_template_response(self, request, response):
        EVENTS.append("process_template_response")
        response.text_to_render += " + middleware"
        return response


class UnusedMiddleware:
    def __init__(self, get_response):
        raise MiddlewareNotUsed("not today")


def none_factory(get_response):
    return None


class RaisingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/mw-error/":
            raise PermissionDenied("from middleware")
        return self.get_response(request)


def app(**overrides):
    return WSGIHandler()


@override_settings(**SETTINGS)
class HandlerTests(unittest.TestCase):
    def setUp(self):
        self.handler = WSGIHandler()

    def test_simple_view_through_validator(self):
        result = call_wsgi(self.handler, "/")
        self.assertEqual(result.status, "200 OK")
        self.assertEqual(result.body, b"home")
        self.assertEqual(result.header("Content-Length"), "4")
        self.assertEqual(result.header("Content-Type"), "text/html; charset=utf-8")

    def test_head_answers_like_get_without_body(self):
        get = call_wsgi(self.handler, "/")
        head = call_wsgi(self.handler, "/", method="HEAD")
        self.assertEqual(head.status, "200 OK")
        self.assertEqual(head.body, b"")
        self.assertEqual(head.header("Content-Length"), get.header("Content-Length"))

    def test_cookies_become_set_cookie_headers(self):
        result = call_wsgi(self.handler, "/cookie/")
        self.assertEqual(
            sorted(result.headers_all("Set-Cookie")),
            ["a=1; HttpOnly; Path=/", "b=2; Path=/"],
        )

    def test_cookies_with_headers_of_another_kind(self):
        result = call_wsgi(self.handler, "/cookie-dict-headers/")
        self.assertEqual(result.status, "200 OK")
        self.assertEqual(result.headers_all("Set-Cookie"), ["a=1; Path=/"])
        self.assertEqual(result.header("Content-Type"), "text/plain")

    def test_request_signals(self):
        seen = []
        started = lambda sender, **kw: seen.append(("started", "environ" in kw))
        finished = lambda sender, **kw: seen.append(("finished", sender))
        djscratch.request_started.connect(started)
        djscratch.request_finished.connect(finished)
        try:
            call_wsgi(self.handler, "/")
        finally:
            djscratch.request_started.disconnect(started)
            djscratch.request_finished.disconnect(finished)
        self.assertEqual(seen, [("started", True), ("finished", WSGIHandler)])

    def test_resolver_match_is_set(self):
        captured = {}

        def view(request, pk):
            captured["match"] = request.resolver_match
            return HttpResponse(str(pk))

        make_urlconf("djs_wsgi_match_urls", [path("p/<int:pk>/", view, name="p")])
        with override_settings(ROOT_URLCONF="djs_wsgi_match_urls"):
            self.assertEqual(call_wsgi(WSGIHandler(), "/p/3/").body, b"3")
        self.assertEqual(captured["match"].url_name, "p")

    def test_view_returning_none_is_a_500_naming_the_view(self):
        with self.assertLogs("django.request", "ERROR") as logs:
            result = call_wsgi(self.handler, "/none/")
        self.assertEqual(result.status_code, 500)
        self.assertIn(
            "The view tests.test_wsgi.returns_none didn't return an "
            "HttpResponse object. It returned None instead.",
            logs.output[0],
        )

    def test_template_response_is_rendered(self):
        self.assertEqual(call_wsgi(self.handler, "/template/").body, b"rendered")


@override_settings(**SETTINGS)
class ExceptionTableTests(unittest.TestCase):
    """Each exception becomes its response; DEBUG decides how much is shown."""

    def setUp(self):
        self.handler = WSGIHandler()

    def test_http404_is_404(self):
        with self.assertLogs("django.request", "WARNING") as logs:
            result = call_wsgi(self.handler, "/404/")
        self.assertEqual(result.status_code, 404)
        self.assertIn("Not Found", result.text)
        self.assertNotIn("No post matches", result.text)
        self.assertIn("Not Found: /404/", logs.output[0])

    def test_unmatched_url_is_404(self):
        self.assertEqual(call_wsgi(self.handler, "/no/such/page/").status_code, 404)

    def test_permission_denied_is_403(self):
        with self.assertLogs("django.request", "WARNING") as logs:
            result = call_wsgi(self.handler, "/403/")
        self.assertEqual(result.status_code, 403)
        self.assertIn("403 Forbidden", result.text)
        self.assertIn("Forbidden (Permission denied): /403/", logs.output[0])

    def test_bad_request_is_400(self):
        with self.assertLogs("django.request", "WARNING") as logs:
            result = call_wsgi(self.handler, "/400/")
        self.assertEqual(result.status_code, 400)
        self.assertIn("Bad Request (400)", result.text)
        self.assertIn("you sent nonsense: /400/", logs.output[0])

    def test_suspicious_operation_is_400_logged_on_security_logger(self):
        with self.assertLogs("django.security.SuspiciousOperation", "ERROR") as logs:
            result = call_wsgi(self.handler, "/suspicious/")
        self.assertEqual(result.status_code, 400)
        self.assertIn("weird <script>", logs.output[0])
        self.assertNotIn("<script>", result.text)

    def test_other_exceptions_are_500_without_traceback(self):
        received = []
        receiver = lambda sender, request, **kw: received.append(request.path)
        djscratch.got_request_exception.connect(receiver)
        try:
            with self.assertLogs("django.request", "ERROR") as logs:
                result = call_wsgi(self.handler, "/500/")
        finally:
            djscratch.got_request_exception.disconnect(receiver)
        self.assertEqual(result.status_code, 500)
        self.assertIn("Server Error (500)", result.text)
        for leak in ("Traceback", "kaboom", "do-not-show", "ValueError"):
            self.assertNotIn(leak, result.text)
        self.assertEqual(received, ["/500/"])
        self.assertIn("Internal Server Error: /500/", logs.output[0])
        self.assertIn("ValueError: kaboom", logs.output[0])  # the traceback is logged

    def test_urlconf_error_handlers_are_used(self):
        with override_settings(ROOT_URLCONF="djs_wsgi_custom_urls"):
            handler = WSGIHandler()
            with self.assertLogs("django.request", "WARNING"):
                self.assertEqual(
                    call_wsgi(handler, "/nowhere/").body, b"custom 404: Resolver404"
                )
                self.assertEqual(call_wsgi(handler, "/500/").body, b"custom 500")

    def test_a_broken_error_handler_still_gives_a_plain_500(self):
        with override_settings(ROOT_URLCONF="djs_wsgi_broken_urls"):
            with self.assertLogs("django.request", "ERROR"):
                result = call_wsgi(WSGIHandler(), "/500/")
        self.assertEqual(result.status, "500 Internal Server Error")
        self.assertEqual(result.body, b"Internal Server Error")

    def test_debug_propagate_exceptions(self):
        with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True):
            with self.assertRaisesRegex(ValueError, "kaboom"):
                self.handler.get_response(djscratch.WSGIRequest(_environ("/500/")))


def _environ(path_info):
    import io

    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }


@override_settings(**{**SETTINGS, "DEBUG": True})
class DebugPageTests(unittest.TestCase):
    def setUp(self):
        self.handler = WSGIHandler()

    def test_technical_404_lists_patterns_tried(self):
        result = call_wsgi(self.handler, "/missing/")
        self.assertEqual(result.status_code, 404)
        self.assertIn("djs_wsgi_urls", result.text)
        self.assertIn("posts/(?P&lt;pk&gt;[0-9]+)/$", result.text)
        self.assertIn("[name='home']", result.text)  # as Django's page shows it
        self.assertIn("didn’t match any of these", result.text)

    def test_technical_404_from_view_shows_message_escaped(self):
        result = call_wsgi(self.handler, "/404/")
        self.assertIn("No post matches &lt;b&gt;that&lt;/b&gt;", result.text)
        self.assertIn("tests.test_wsgi.not_found", result.text)

    def test_technical_500_shows_traceback_escaped(self):
        with self.assertLogs("django.request", "ERROR"):
            result = call_wsgi(self.handler, "/500/")
        self.assertEqual(result.status_code, 500)
        self.assertIn("Traceback", result.text)
        self.assertIn("kaboom &lt;script&gt;", result.text)
        self.assertNotIn("<script>", result.text)

    def test_debug_400_shows_the_reason(self):
        with self.assertLogs("django.request", "WARNING"):
            result = call_wsgi(self.handler, "/400/")
        self.assertEqual(result.status_code, 400)
        self.assertIn("you sent nonsense", result.text)


@override_settings(**SETTINGS)
class MiddlewareProtocolTests(unittest.TestCase):
    def setUp(self):
        EVENTS.clear()

    def test_order_of_calls(self):
        with override_settings(
            MIDDLEWARE=[
                "tests.test_wsgi.function_middleware",
                "tests.test_wsgi.ClassMiddleware",
            ]
        ):
            handler = WSGIHandler()
            self.assertEqual(EVENTS, ["function init"])
            result = call_wsgi(handler, "/posts/7/")
        self.assertEqual(result.header("X-Function"), "1")
        self.assertEqual(
            EVENTS[1:],
            [
                "function before",
                "class before",
                "process_view post_view {'pk': '7'}",
                "class after",
                "function after",
            ],
        )

    def test_process_view_can_short_circuit(self):
        with override_settings(MIDDLEWARE=["tests.test_wsgi.ClassMiddleware"]):
            self.assertEqual(
                call_wsgi(WSGIHandler(), "/", query="short=1").body, b"short-circuited"
            )

    def test_process_exception_can_answer(self):
        with override_settings(MIDDLEWARE=["tests.test_wsgi.ClassMiddleware"]):
            result = call_wsgi(WSGIHandler(), "/500/")
        self.assertEqual(result.status_code, 418)
        self.assertEqual(result.body, b"handled: kaboom <script>")
        self.assertIn("process_exception ValueError", EVENTS)

    def test_process_template_response_runs_before_render(self):
        with override_settings(MIDDLEWARE=["tests.test_wsgi.ClassMiddleware"]):
            result = call_wsgi(WSGIHandler(), "/template/")
        self.assertEqual(result.body, b"rendered + middleware")

    def test_middleware_not_used_is_skipped(self):
        with override_settings(
            MIDDLEWARE=[
                "tests.test_wsgi.UnusedMiddleware",
                "tests.test_wsgi.function_middleware",
            ]
        ):
            self.assertEqual(call_wsgi(WSGIHandler(), "/").header("X-Function"), "1")

    def test_factory_returning_none_is_improperly_configured(self):
        with override_settings(MIDDLEWARE=["tests.test_wsgi.none_factory"]):
            with self.assertRaisesRegex(ImproperlyConfigured, "returned None"):
                WSGIHandler()

    def test_unimplemented_middleware_is_named(self):
        for name in (
            "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
            "django.middleware.csrf.NoSuchMiddleware",
            "tests.nope.Middleware",
        ):
            with override_settings(MIDDLEWARE=[name]):
                with self.assertRaises(ImproperlyConfigured) as ctx:
                    WSGIHandler()
                self.assertIn(repr(name), str(ctx.exception))

    def test_exceptions_in_middleware_are_converted(self):
        make_urlconf("djs_wsgi_mw_urls", [path("mw-error/", home)])
        with override_settings(
            MIDDLEWARE=["tests.test_wsgi.RaisingMiddleware"],
            ROOT_URLCONF="djs_wsgi_mw_urls",
        ):
            with self.assertLogs("django.request", "WARNING"):
                self.assertEqual(
                    call_wsgi(WSGIHandler(), "/mw-error/").status_code, 403
                )

    def test_chain_follows_middleware_setting_changes(self):
        handler = WSGIHandler()
        self.assertIsNone(call_wsgi(handler, "/").header("X-Function"))
        with override_settings(MIDDLEWARE=["tests.test_wsgi.function_middleware"]):
            self.assertEqual(call_wsgi(handler, "/").header("X-Function"), "1")
        self.assertIsNone(call_wsgi(handler, "/").header("X-Function"))


@override_settings(**SETTINGS)
class BadInputTests(unittest.TestCase):
    """Each kind of bad input is a 4xx with a clear reason; never 500 or a hang."""

    def setUp(self):
        self.handler = WSGIHandler()

    def assert_4xx(self, expected_reason, status=400, validate=True, **request):
        with self.assertLogs("django", "WARNING") as logs:
            result = call_wsgi(self.handler, validate=validate, **request)
        self.assertEqual(result.status_code, status, result)
        self.assertIn(expected_reason, "\n".join(logs.output))
        return result

    def test_junk_in_the_query_string_is_read_as_django_reads_it(self):
        # Django keeps a broken escape as typed and replaces bad UTF-8; the
        # page is served (tests/test_django_diffs.py checks it against Django).
        for query in ("a=%zz", "a=%2", "a=%ff%fe"):
            with self.subTest(query=query):
                result = call_wsgi(self.handler, query=query)
                self.assertEqual(result.status_code, 200, result)

    def test_invalid_utf8_in_path(self):
        self.assert_4xx("The request path is not valid UTF-8", path=b"/\xff\xfe/")

    def test_nul_byte_in_path(self):
        self.assert_4xx("NUL byte", path="/a\x00b/")

    def test_invalid_utf8_and_bad_escapes_in_form(self):
        self.assert_4xx(
            "form data is not valid utf-8",
            path="/echo/",
            method="POST",
            body=b"a=%ff",
            content_type="application/x-www-form-urlencoded",
        )
        self.assert_4xx(
            "Malformed percent-encoding in the form data",
            path="/echo/",
            method="POST",
            body=b"a=%g1",
            content_type="application/x-www-form-urlencoded",
        )

    def test_oversized_body(self):
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
            self.assert_4xx(
                "Request body exceeded",
                path="/echo/",
                method="POST",
                body=b"x" * 1001,
                content_type="text/plain",
            )

    def test_1001_fields(self):
        body = "&".join("f%d=v" % i for i in range(1001)).encode()
        self.assert_4xx(
            "DATA_UPLOAD_MAX_NUMBER_FIELDS",
            path="/echo/",
            method="POST",
            body=body,
            content_type="application/x-www-form-urlencoded",
        )
        self.assert_4xx("DATA_UPLOAD_MAX_NUMBER_FIELDS", query=body.decode())

    def test_bad_content_length(self):
        for value in ("abc", "-5", "10 10"):
            # (wsgiref.validate itself refuses such an environ, so skip it)
            self.assert_4xx(
                "Invalid Content-Length",
                path="/echo/",
                method="POST",
                CONTENT_LENGTH=value,
                validate=False,
            )

    def test_poisoned_host(self):
        self.assert_4xx("Invalid HTTP_HOST header: 'evil.com'", HTTP_HOST="evil.com")
        self.assert_4xx("Invalid HTTP_HOST header", HTTP_HOST="testserver@evil.com")

    def test_crlf_in_redirect_target(self):
        self.assert_4xx(
            "control character", path="/go/", query="next=/ok%0D%0ASet-Cookie:%20x=y"
        )
        self.assert_4xx(
            "Unsafe redirect to URL with protocol 'javascript'",
            path="/go/",
            query="next=javascript:alert(1)",
        )

    def test_good_input_still_works(self):
        result = call_wsgi(
            self.handler,
            "/echo/",
            method="POST",
            query="q=%C3%A9",
            body=b"a=1&a=2",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(result.text, "q=%C3%A9|{'a': ['1', '2']}|7")


class StaticFilesTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        populate_registry()  # the static finders read the installed apps
        cls.tmp = tempfile.TemporaryDirectory()
        root = cls.tmp.name
        cls.static = os.path.join(root, "static")
        os.makedirs(os.path.join(cls.static, "css"))
        with open(os.path.join(cls.static, "css", "site.css"), "w") as f:
            f.write("body { color: red }\n")
        with open(os.path.join(cls.static, "app.js"), "w") as f:
            f.write("console.log(1)\n")
        with open(os.path.join(root, "secret.txt"), "w") as f:
            f.write("secret")
        os.symlink(
            os.path.join(root, "secret.txt"), os.path.join(cls.static, "link.txt")
        )
        cls.settings = override_settings(
            **{
                **SETTINGS,
                "STATIC_URL": "static/",
                "STATICFILES_DIRS": [cls.static],
                "DJSCRATCH_SERVE_STATIC": True,
            }
        )
        cls.settings.enable()

    @classmethod
    def tearDownClass(cls):
        cls.settings.disable()
        cls.tmp.cleanup()

    def setUp(self):
        self.handler = WSGIHandler()

    def get(self, path, **kw):
        return call_wsgi(self.handler, path, **kw)

    def test_serves_file_with_type_length_and_validators(self):
        result = self.get("/static/css/site.css")
        self.assertEqual(result.status_code, 200)
        self.assertEqual(result.body, b"body { color: red }\n")
        self.assertEqual(result.header("Content-Type"), "text/css")
        self.assertEqual(result.header("Content-Length"), "20")
        self.assertIsNotNone(result.header("Last-Modified"))
        self.assertTrue(result.header("ETag").startswith('"'))
        self.assertIn(
            self.get("/static/app.js").header("Content-Type"),
            ("text/javascript", "application/javascript"),
        )

    def test_conditional_requests_get_304(self):
        first = self.get("/static/css/site.css")
        again = self.get(
            "/static/css/site.css", HTTP_IF_NONE_MATCH=first.header("ETag")
        )
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.body, b"")
        since = self.get(
            "/static/css/site.css", HTTP_IF_MODIFIED_SINCE=first.header("Last-Modified")
        )
        self.assertEqual(since.status_code, 304)
        changed = self.get("/static/css/site.css", HTTP_IF_NONE_MATCH='"other"')
        self.assertEqual(changed.status_code, 200)

    def test_head(self):
        result = self.get("/static/css/site.css", method="HEAD")
        self.assertEqual(result.status_code, 200)
        self.assertEqual(result.body, b"")
        self.assertEqual(result.header("Content-Length"), "20")

    def test_traversal_is_404(self):
        with self.assertLogs("django.request", "WARNING"):
            for path in (
                "/static/../secret.txt",
                "/static/css/../../secret.txt",
                "/static//etc/passwd",
                "/static/link.txt",
                "/static/",
                "/static/css",
                "/static/css/",
                "/static/..\\secret.txt",
                "/static/%2e%2e/secret.txt",
                "/static/missing.css",
            ):
                with self.subTest(path=path):
                    self.assertEqual(self.get(path).status_code, 404)

    def test_serving_rule(self):
        """DJSCRATCH_SERVE_STATIC decides; unset (None), staticfiles must be
        installed and DEBUG on (or the URLconf a single-file App)."""
        staticfiles = ["django.contrib.staticfiles"]
        for flag, installed, debug, status in [
            (False, staticfiles, True, 404),
            (None, staticfiles, True, 200),
            (None, staticfiles, False, 404),
            (None, [], True, 404),
        ]:
            with self.subTest(flag=flag, installed=installed, debug=debug):
                with override_settings(
                    DJSCRATCH_SERVE_STATIC=flag, INSTALLED_APPS=installed, DEBUG=debug
                ):
                    with self.assertLogs("django", "DEBUG"):
                        logging.getLogger("django").debug("(no log is fine)")
                        result = call_wsgi(WSGIHandler(), "/static/app.js")
                self.assertEqual(result.status_code, status)

    def test_finders_find(self):
        from django.contrib.staticfiles import finders

        self.assertEqual(
            finders.find("css/site.css"),
            os.path.realpath(os.path.join(self.static, "css", "site.css")),
        )
        self.assertIsNone(finders.find("../secret.txt"))
        self.assertEqual(finders.find("nope.css", find_all=True), [])

    def test_serve_view_with_document_root(self):
        from django.views.static import serve

        request = djscratch.WSGIRequest(_environ("/media/app.js"))
        response = serve(request, "app.js", document_root=self.static)
        self.assertEqual(b"".join(response), b"console.log(1)\n")
        response.close()
        for bad in ("../secret.txt", "link.txt", "css"):
            with self.assertRaises(Http404):
                serve(request, bad, document_root=self.static)


@override_settings(**SETTINGS)
class BodyHandedToTheServerTests(unittest.TestCase):
    """What a WSGI server gets back for an ordinary response: the body as one
    bytes chunk with its Content-Length (no chunked encoding, one write), and
    an iterable whose close() ends the request (request_finished), once."""

    def call(self, path="/"):
        from wsgiref.util import setup_testing_defaults

        environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        return WSGIHandler()(environ, start_response), captured

    def test_body_is_one_chunk_and_content_length_is_its_length(self):
        result, captured = self.call("/")
        chunks = list(result)
        result.close()
        self.assertEqual(chunks, [b"home"])
        self.assertEqual(dict(captured["headers"])["Content-Length"], "4")

    def test_close_sends_request_finished_once_and_only_then(self):
        seen = []
        finished = lambda sender, **kw: seen.append(sender)  # noqa: E731
        djscratch.request_finished.connect(finished)
        try:
            result, _ = self.call("/")
            b"".join(result)
            self.assertEqual(seen, [])  # the server has not closed it yet
            result.close()
        finally:
            djscratch.request_finished.disconnect(finished)
        self.assertEqual(seen, [WSGIHandler])

    def test_over_waitress_length_framed_and_closed(self):
        try:
            import waitress
        except ImportError:
            raise unittest.SkipTest("waitress is not installed") from None
        import http.client
        import threading

        closed = []
        handler = WSGIHandler()

        def app(environ, start_response):
            result = handler(environ, start_response)
            close = result.close

            def counted_close():
                closed.append(True)
                close()

            result.close = counted_close
            return result

        logging.getLogger("waitress").setLevel(logging.CRITICAL)
        server = waitress.create_server(app, host="127.0.0.1", port=0,
                                        **djscratch._waitress_options(2))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.effective_port,
                                              timeout=10)
            for _ in range(2):  # keep-alive: the second request, same socket
                conn.request("GET", "/", headers={"Host": "testserver"})
                response = conn.getresponse()
                self.assertEqual(response.read(), b"home")
                self.assertEqual(response.getheader("Content-Length"), "4")
                self.assertIsNone(response.getheader("Transfer-Encoding"))
                self.assertFalse(response.will_close)
            conn.close()
        finally:
            server.task_dispatcher.shutdown()
            server.close()
            server._map.clear()
            thread.join(5)
        self.assertEqual(closed, [True, True])


class WSGIApplicationTests(unittest.TestCase):
    def test_get_wsgi_application_returns_a_handler(self):
        from django.core.wsgi import get_wsgi_application

        with override_settings(**SETTINGS):
            application = get_wsgi_application()
            self.assertIsInstance(application, WSGIHandler)
            self.assertEqual(call_wsgi(application, "/").body, b"home")


ONE_FILE_APP = """\
import djscratch
app = djscratch.App(__name__, SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"])
from django.db import models
from django.http import HttpResponse
from django.test import SimpleTestCase
from django.urls import path


class Item(models.Model):
    name = models.CharField(max_length=5)


def count(request):
    return HttpResponse(str(Item.objects.count()))


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", count), path("hello/", hello)]


class WsgiInTests(SimpleTestCase):
    def test_app_in_a_test_run_leaves_the_database_to_the_runner(self):
        from wsgiref.util import setup_testing_defaults

        environ = {"PATH_INFO": "/hello/", "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        body = b"".join(app(environ, lambda status, headers: None))
        self.assertEqual(body, b"hello")


if __name__ == "__main__":
    app.main()
"""

FIRST_REQUESTS = """\
import threading
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import app

answers = []


def get():
    environ = {"PATH_INFO": "/", "SCRIPT_NAME": "", "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(validator(app.app)(environ, lambda s, h: status.append(s)))
    answers.append((status[0], body))


threads = [threading.Thread(target=get) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(set(answers)))
"""


class OneFileAppSchemaTests(unittest.TestCase):
    """A one-file App creates its tables before its first request, once."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name
        with open(os.path.join(self.dir, "app.py"), "w") as f:
            f.write(ONE_FILE_APP)
        self.db = os.path.join(self.dir, "app.sqlite3")

    def run_python(self, *args):
        import sys

        # (the app's folder on the path too: PYTHONSAFEPATH, set by the
        # package job, keeps the working directory off it for -c)
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join((self.dir, root))}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return forked.run([sys.executable, *args], cwd=self.dir, env=env,
                          capture_output=True, text=True, timeout=60)

    def test_first_requests_create_the_tables_once(self):
        result = self.run_python("-c", FIRST_REQUESTS)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "[('200 OK', b'0')]\n")
        self.assertEqual(result.stderr.count("Schema: Create table app_item"), 1,
                         result.stderr)

    def test_importing_the_app_touches_no_database(self):
        result = self.run_python("-c", "import app")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_app_called_in_a_test_run_leaves_the_database_to_the_runner(self):
        result = self.run_python("app.py", "test")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("1 passed", result.stdout + result.stderr)
        self.assertFalse(os.path.exists(self.db))


if __name__ == "__main__":
    logging.basicConfig()
    unittest.main()
