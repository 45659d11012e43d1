"""The test Client and RequestFactory, driven through the real WSGI handler."""

import io
import os
import unittest
from wsgiref.validate import validator

import djscratch
from djscratch import (
    Client, LiveServerTestCase, RedirectCycleError, RequestFactory, SimpleTestCase,
    TestCase, override_settings)

from tests import TEST_SETTINGS

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def hello(request):
    return HttpResponse("Hello")


def echo(request):
    return JsonResponse({
        "method": request.method,
        "GET": {k: request.GET.getlist(k) for k in request.GET},
        "POST": {k: request.POST.getlist(k) for k in request.POST},
        "FILES": {k: [f.name, f.read().decode()] for k, f in request.FILES.items()},
        "body": request.body.decode() if request.method not in ("GET", "HEAD",
                                                                "POST") else "",
        "content_type": request.content_type,
        "thing": request.headers.get("X-Thing"),
        "secure": request.is_secure(),
        "host": request.get_host(),
        "cookies": dict(request.COOKIES),
    })


def redirect_to_hello(request):
    return HttpResponseRedirect("/hello/")


def redirect_twice(request):
    return HttpResponseRedirect("/r1/")


def redirect_relative(request):
    return HttpResponseRedirect("../../hello/")


def redirect_loop(request):
    return HttpResponseRedirect("/loop/")


def redirect_307(request):
    response = HttpResponseRedirect("/echo/")
    response.status_code = 307
    return response


def boom(request):
    raise ValueError("boom in view")


def count_visits(request):
    request.session["n"] = request.session.get("n", 0) + 1
    return HttpResponse(str(request.session["n"]))


def read_flavour(request):
    return HttpResponse(request.session.get("flavour", "none"))


def set_cookie(request):
    response = HttpResponse("set")
    response.set_cookie("choc", "chip")
    return response


def page(request):
    return render(request, "testfw/page.html", {"title": "Hi"})


def data(request):
    return JsonResponse({"a": [1, 2]})


urlpatterns = [
    path("hello/", hello, name="hello"),
    path("echo/", echo, name="echo"),
    path("go/", redirect_to_hello),
    path("r0/", redirect_twice),
    path("r1/", redirect_to_hello),
    path("sub/rel/", redirect_relative),
    path("loop/", redirect_loop),
    path("r307/", redirect_307),
    path("boom/", boom),
    path("visits/", count_visits),
    path("flavour/", read_flavour),
    path("cookie/", set_cookie),
    path("page/", page, name="page"),
    path("data/", data),
]

CLIENT_SETTINGS = {
    **TEST_SETTINGS,
    "ROOT_URLCONF": "tests.test_test_client",
    "MIDDLEWARE": [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
    "TEMPLATES": [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(HERE, "testfw_templates")],
    }],
}


@override_settings(**CLIENT_SETTINGS)
class ClientRequestTests(SimpleTestCase):
    def test_get_with_data_dict_builds_query_string(self):
        response = self.client.get("/echo/", {"a": ["1", "2"], "b": "x y"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["GET"], {"a": ["1", "2"], "b": ["x y"]})
        self.assertEqual(response.request["QUERY_STRING"], "a=1&a=2&b=x+y")

    def test_none_in_query_data_is_refused(self):
        with self.assertRaisesMessage(TypeError, "Cannot encode None for key 'q' in "
                                      "a query string."):
            self.client.get("/echo/", {"q": None})

    def test_query_params_and_data_are_mutually_exclusive(self):
        response = self.client.get("/echo/", query_params={"q": "1"})
        self.assertEqual(response.json()["GET"], {"q": ["1"]})
        with self.assertRaisesMessage(ValueError, "mutually exclusive"):
            self.client.get("/echo/", {"a": 1}, query_params={"q": 1})

    def test_post_form_data_is_multipart_by_default(self):
        response = self.client.post("/echo/", {"name": "Ann", "tags": ["a", "b"]})
        body = response.json()
        self.assertEqual(body["POST"], {"name": ["Ann"], "tags": ["a", "b"]})
        self.assertEqual(body["content_type"], "multipart/form-data")

    def test_post_with_query_params(self):
        response = self.client.post("/echo/", {"x": "1"}, query_params={"page": "2"})
        self.assertEqual(response.json()["GET"], {"page": ["2"]})
        self.assertEqual(response.json()["POST"], {"x": ["1"]})

    def test_post_uploads_files(self):
        upload = io.BytesIO(b"file body")
        upload.name = "/some/where/notes.txt"
        response = self.client.post("/echo/", {"doc": upload, "title": "t"})
        self.assertEqual(response.json()["FILES"], {"doc": ["notes.txt", "file body"]})

    def test_post_none_value_is_refused(self):
        with self.assertRaisesMessage(TypeError, "Cannot encode None for key 'x'"):
            self.client.post("/echo/", {"x": None})

    def test_json_content_type_serializes_data(self):
        response = self.client.put("/echo/", {"a": 1}, content_type="application/json")
        self.assertEqual(response.json()["body"], '{"a": 1}')
        self.assertEqual(response.json()["method"], "PUT")

    def test_patch_delete_options_send_their_method_and_body(self):
        for method in ("patch", "delete", "options"):
            with self.subTest(method=method):
                response = getattr(self.client, method)(
                    "/echo/", "raw=1", content_type="text/plain")
                self.assertEqual(response.json()["method"], method.upper())
                self.assertEqual(response.json()["body"], "raw=1")

    def test_head_and_trace(self):
        head = self.client.head("/hello/")
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head.wsgi_request.method, "HEAD")
        trace = self.client.trace("/echo/")
        self.assertEqual(trace.wsgi_request.method, "TRACE")

    def test_headers_argument_and_http_kwargs(self):
        response = self.client.get("/echo/", headers={"X-Thing": "one"})
        self.assertEqual(response.json()["thing"], "one")
        response = self.client.get("/echo/", HTTP_X_THING="two")
        self.assertEqual(response.json()["thing"], "two")
        client = Client(headers={"X-Thing": "default"})
        self.assertEqual(client.get("/echo/").json()["thing"], "default")

    def test_secure_requests_are_https(self):
        self.assertTrue(self.client.get("/echo/", secure=True).json()["secure"])
        self.assertFalse(self.client.get("/echo/").json()["secure"])
        self.assertEqual(self.client.get("/echo/").json()["host"], "testserver")

    def test_response_extras(self):
        response = self.client.get("/hello/")
        self.assertIs(response.client, self.client)
        self.assertEqual(response.request["PATH_INFO"], "/hello/")
        self.assertEqual(response.wsgi_request.path, "/hello/")
        self.assertEqual(response.resolver_match.url_name, "hello")
        self.assertEqual(response.resolver_match.func, hello)
        self.assertEqual(response.templates, [])
        self.assertIsNone(response.context)
        self.assertEqual(response.content, b"Hello")

    def test_json_refuses_non_json_responses(self):
        self.assertEqual(self.client.get("/data/").json(), {"a": [1, 2]})
        with self.assertRaisesMessage(ValueError, 'not "application/json"'):
            self.client.get("/hello/").json()

    def test_view_exception_is_reraised_by_default(self):
        with self.assertRaisesMessage(ValueError, "boom in view"):
            self.client.get("/boom/")

    def test_view_exception_becomes_500_when_not_raised(self):
        client = Client(raise_request_exception=False)
        response = client.get("/boom/")
        self.assertEqual(response.status_code, 500)
        self.assertIs(response.exc_info[0], ValueError)


@override_settings(**CLIENT_SETTINGS)
class RedirectTests(SimpleTestCase):
    def test_follow_records_redirect_chain(self):
        response = self.client.get("/r0/", follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.redirect_chain, [("/r1/", 302), ("/hello/", 302)])
        self.assertRedirects(response, "/hello/")

    def test_relative_redirect_is_joined_with_the_request_path(self):
        response = self.client.get("/sub/rel/", follow=True)
        self.assertEqual(response.content, b"Hello")
        response = self.client.get("/sub/rel/")
        self.assertRedirects(response, "/hello/")

    def test_redirect_loop_raises(self):
        with self.assertRaisesMessage(RedirectCycleError, "Redirect loop detected."):
            self.client.get("/loop/", follow=True)

    def test_307_keeps_method_and_body(self):
        response = self.client.post("/r307/", {"k": "v"}, follow=True)
        self.assertEqual(response.json()["method"], "POST")
        self.assertEqual(response.json()["POST"], {"k": ["v"]})

    def test_307_keeps_a_get_and_its_query(self):
        """As Django: the GET's data goes along, not the Location's query."""
        response = self.client.get("/r307/", {"k": "v"}, follow=True)
        self.assertEqual(response.json()["method"], "GET")
        self.assertEqual(response.request["QUERY_STRING"], "k=v")

    def test_assert_redirects_without_follow_fetches_target(self):
        self.assertRedirects(self.client.get("/go/"), "/hello/")
        with self.assertRaisesMessage(AssertionError, "Response redirected to "
                                      "'/hello/', expected '/elsewhere/'"):
            self.assertRedirects(self.client.get("/go/"), "/elsewhere/")
        with self.assertRaisesMessage(AssertionError, "Response code was 200 "
                                      "(expected 302)"):
            self.assertRedirects(self.client.get("/hello/"), "/hello/")

    def test_assert_redirects_target_status_and_no_fetch(self):
        with self.assertRaisesMessage(AssertionError, "Couldn't retrieve redirection "
                                      "page '/hello/': response code was 200 "
                                      "(expected 404)"):
            self.assertRedirects(self.client.get("/go/"), "/hello/",
                                 target_status_code=404)
        self.assertRedirects(self.client.get("/go/"), "/hello/",
                             target_status_code=404, fetch_redirect_response=False)


@override_settings(**CLIENT_SETTINGS)
class CookieAndSessionTests(SimpleTestCase):
    def test_cookies_are_kept_between_requests(self):
        self.client.get("/cookie/")
        self.assertEqual(self.client.cookies["choc"].value, "chip")
        self.assertEqual(self.client.get("/echo/").json()["cookies"]["choc"], "chip")

    def test_session_persists_across_requests(self):
        self.assertEqual(self.client.get("/visits/").content, b"1")
        self.assertEqual(self.client.get("/visits/").content, b"2")
        self.assertEqual(self.client.session["n"], 2)

    def test_saving_client_session_reaches_the_view(self):
        session = self.client.session
        session["flavour"] = "mint"
        session.save()
        self.assertEqual(self.client.get("/flavour/").content, b"mint")

    def test_csrf_not_enforced_by_default(self):
        self.assertEqual(self.client.post("/echo/", {"a": "1"}).status_code, 200)
        self.assertTrue(self.client.post("/echo/").wsgi_request
                        ._dont_enforce_csrf_checks)

    def test_enforce_csrf_checks_rejects_post_without_token(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post("/echo/", {"a": "1"}).status_code, 403)


@override_settings(**CLIENT_SETTINGS)
class TemplateCaptureTests(SimpleTestCase):
    def test_templates_and_context_are_captured(self):
        response = self.client.get("/page/")
        self.assertEqual([t.name for t in response.templates],
                         ["testfw/page.html", "testfw/part.html"])
        self.assertEqual(response.context["title"], "Hi")
        self.assertTemplateUsed(response, "testfw/page.html")
        self.assertTemplateUsed(response, "testfw/part.html", count=1)
        self.assertTemplateNotUsed(response, "other.html")
        with self.assertRaisesMessage(AssertionError, "Template 'other.html' was not "
                                      "a template used to render the response"):
            self.assertTemplateUsed(response, "other.html")

    def test_template_used_as_context_manager(self):
        with self.assertTemplateUsed("testfw/part.html"):
            self.client.get("/page/")
        with self.assertRaises(AssertionError):
            with self.assertTemplateNotUsed("testfw/page.html"):
                self.client.get("/page/")

    def test_assert_contains_and_not_contains(self):
        response = self.client.get("/page/")
        self.assertContains(response, "Hi", count=2)
        self.assertContains(response, "<p class='part'>Hi part</p>", html=True)
        self.assertNotContains(response, "Bye")
        with self.assertRaisesMessage(AssertionError, "Couldn't find 'Bye' in the "
                                      "following response"):
            self.assertContains(response, "Bye")
        with self.assertRaisesMessage(AssertionError, "Found 2 instances of 'Hi' "
                                      "(expected 1)"):
            self.assertContains(response, "Hi", count=1)
        with self.assertRaisesMessage(AssertionError, "Couldn't retrieve content: "
                                      "Response code was 200 (expected 404)"):
            self.assertContains(response, "Hi", status_code=404)


@override_settings(**{**CLIENT_SETTINGS,
                      "ALLOWED_HOSTS": ["testserver", "example.com"]})
class RequestFactoryTests(SimpleTestCase):
    def test_requests_match_djangos_request_factory(self):
        import json

        from tests.testfw_cases import request_cases

        with open(os.path.join(HERE, "data", "request_factory_expected.json"),
                  encoding="utf-8") as f:
            expected = json.load(f)
        got = request_cases(RequestFactory())
        self.assertEqual(set(got), set(expected))
        for name in expected:
            with self.subTest(name):
                self.assertEqual(got[name], expected[name])

    def test_factory_builds_requests_for_views(self):
        factory = RequestFactory()
        request = factory.post("/echo/?x=1", {"a": "b"}, headers={"X-Thing": "t"})
        self.assertEqual(request.method, "POST")
        self.assertEqual(request.GET["x"], "1")
        self.assertEqual(request.POST["a"], "b")
        self.assertEqual(request.headers["X-Thing"], "t")
        self.assertEqual(hello(factory.get("/hello/")).content, b"Hello")

    def test_factory_json_and_generic(self):
        factory = RequestFactory()
        request = factory.generic("REPORT", "/x/", b"<a/>", "text/xml")
        self.assertEqual(request.method, "REPORT")
        self.assertEqual(request.body, b"<a/>")
        request = factory.post("/x/", [1, 2], content_type="application/json")
        self.assertEqual(request.body, b"[1, 2]")


@override_settings(**CLIENT_SETTINGS)
class WsgiConformanceTests(unittest.TestCase):
    def test_client_environ_passes_wsgiref_validate(self):
        environ = RequestFactory()._base_environ(
            PATH_INFO="/hello/", QUERY_STRING="a=1")
        statuses = []
        app = validator(djscratch.get_wsgi_application())
        result = app(environ, lambda status, headers, exc=None: statuses.append(
            status))
        body = b"".join(result)
        result.close()
        self.assertEqual(statuses, ["200 OK"])
        self.assertEqual(body, b"Hello")

    def test_webtest_drives_the_wsgi_application(self):
        import warnings

        try:
            with warnings.catch_warnings():  # webob imports the deprecated cgi
                warnings.simplefilter("ignore", DeprecationWarning)
                import webtest
        except ImportError:
            self.skipTest("webtest is not installed")
        app = webtest.TestApp(djscratch.get_wsgi_application())
        self.assertEqual(app.get("/hello/").text, "Hello")
        self.assertEqual(app.get("/data/").json, {"a": [1, 2]})


@override_settings(**CLIENT_SETTINGS)
class LiveServerTests(LiveServerTestCase):
    databases = set()

    def test_live_server_serves_the_project(self):
        import urllib.request

        self.assertTrue(self.live_server_url.startswith("http://localhost:"))
        with urllib.request.urlopen(self.live_server_url + "/hello/", timeout=10) as f:
            self.assertEqual(f.status, 200)
            self.assertEqual(f.read(), b"Hello")

    def test_the_server_stops_at_once_and_frees_its_port(self):
        import socket
        import threading
        import time
        import urllib.request

        before = set(threading.enumerate())
        thread = self.server_thread_class(self.host)
        thread.start()
        thread.is_ready.wait()
        url = f"http://{self.host}:{thread.port}/hello/"
        with urllib.request.urlopen(url, timeout=10) as f:
            self.assertEqual(f.read(), b"Hello")
        started = time.monotonic()
        thread.terminate()
        self.assertFalse(thread.is_alive())
        self.assertLess(time.monotonic() - started, 0.5)  # not its loop's 1 s tick
        self.assertEqual(set(threading.enumerate()) - before, set())  # nor workers
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection((self.host, thread.port), timeout=2).close()


@override_settings(**{**CLIENT_SETTINGS,
                      "SESSION_ENGINE": "django.contrib.sessions.backends.db",
                      "DATABASES": {"default": {
                          "ENGINE": "django.db.backends.sqlite3",
                          "NAME": ":memory:"}}})
class DatabaseSessionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from djscratch import Session, sync_schema

        sync_schema(models=[Session], verbosity=0)

    def test_client_session_saved_to_the_database_reaches_the_view(self):
        session = self.client.session
        session["flavour"] = "lemon"
        session.save()
        self.assertEqual(self.client.get("/flavour/").content, b"lemon")
        self.assertEqual(self.client.get("/visits/").content, b"1")
        self.assertEqual(self.client.session["n"], 1)


@override_settings(**TEST_SETTINGS)
class HeadBodyRemovalTests(unittest.TestCase):
    def test_head_response_has_no_body_like_a_real_server(self):
        request = djscratch.RequestFactory().head("/")
        response = djscratch.HttpResponse(b"body")
        djscratch.conditional_content_removal(request, response)
        self.assertEqual(response.content, b"")

    def test_304_response_has_no_body(self):
        request = djscratch.RequestFactory().get("/")
        response = djscratch.HttpResponse(b"body", status=304)
        djscratch.conditional_content_removal(request, response)
        self.assertEqual(response.content, b"")

    def test_get_response_keeps_its_body(self):
        request = djscratch.RequestFactory().get("/")
        response = djscratch.HttpResponse(b"body")
        djscratch.conditional_content_removal(request, response)
        self.assertEqual(response.content, b"body")
