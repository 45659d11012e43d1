"""Async views, async middleware and the view decorators on async views, as
Django runs them: under WSGI (the sync handler) an async view runs through
async_to_sync, an async-only middleware is adapted, and a decorated async
view stays a coroutine function."""

import asyncio
import unittest

from tests import TEST_SETTINGS

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, StreamingHttpResponse
from django.core.handlers.asgi import ASGIRequest
from django.test import (
    AsyncClient, AsyncRequestFactory, Client, override_settings, RequestFactory,
    SimpleTestCase,
)
from django.urls import path
from django.utils.decorators import async_only_middleware, method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from djscratch import iscoroutinefunction


async def async_view(request):
    await asyncio.sleep(0)
    return HttpResponse("async %s" % request.method)


@never_cache
async def decorated_async_view(request):
    return HttpResponse("decorated")


def sync_view(request):
    return HttpResponse("sync %s %s" % (request.method, request.POST.get("a", "")))


async def echo_view(request):
    return HttpResponse("%s %s %s" % (
        request.GET.get("q", ""), request.headers.get("X-Token", ""),
        request.COOKIES.get("c", "")))


async def failing_view(request):
    raise KeyError("boom")


async def async_stream_view(request):
    async def chunks():
        for word in (b"streaming ", b"content"):
            yield word
    return StreamingHttpResponse(chunks())


async def forgot_await(request):
    return asyncio.sleep(0)


class AsyncClassView(View):
    async def get(self, request):
        return HttpResponse("class get")


class MixedView(View):
    async def get(self, request):
        return HttpResponse()

    def post(self, request):
        return HttpResponse()


class DecoratedMethodView(View):
    @method_decorator(never_cache)
    async def get(self, request):
        return HttpResponse("method")


@async_only_middleware
def header_middleware(get_response):
    async def middleware(request):
        response = await get_response(request)
        response.headers["X-Async-Middleware"] = "yes"
        return response
    return middleware


urlpatterns = [
    path("async/", async_view),
    path("sync/", sync_view),
    path("echo/", echo_view),
    path("fail/", failing_view),
    path("stream/", async_stream_view),
    path("decorated/", decorated_async_view),
    path("forgot/", forgot_await),
    path("class/", AsyncClassView.as_view()),
    path("method/", DecoratedMethodView.as_view()),
]

SETTINGS = dict(TEST_SETTINGS, ROOT_URLCONF="tests.test_async_views")


@override_settings(**SETTINGS)
class SyncHandlerTests(unittest.TestCase):
    def test_async_function_view(self):
        response = Client().get("/async/")
        self.assertEqual(response.content, b"async GET")

    def test_decorated_async_view_is_a_coroutine_function_and_runs(self):
        self.assertTrue(iscoroutinefunction(decorated_async_view))
        response = Client().get("/decorated/")
        self.assertEqual(response.content, b"decorated")
        self.assertIn("no-cache", response.headers["Cache-Control"])

    def test_async_class_based_view(self):
        self.assertTrue(iscoroutinefunction(AsyncClassView.as_view()))
        self.assertEqual(Client().get("/class/").content, b"class get")
        self.assertEqual(Client().post("/class/").status_code, 405)

    def test_method_decorator_keeps_async_methods_async(self):
        self.assertTrue(iscoroutinefunction(DecoratedMethodView.get))
        response = Client().get("/method/")
        self.assertEqual(response.content, b"method")
        self.assertIn("no-cache", response.headers["Cache-Control"])

    def test_mixed_sync_and_async_handlers_are_refused(self):
        with self.assertRaisesRegex(
                ImproperlyConfigured,
                "MixedView HTTP handlers must either be all sync or all async."):
            MixedView.as_view()

    def test_an_unawaited_coroutine_is_reported(self):
        import gc
        import warnings

        client = Client(raise_request_exception=True)
        with warnings.catch_warnings():
            # The view's coroutine is never awaited (the mistake reported):
            # Python says so too when it is collected.
            warnings.simplefilter("ignore", RuntimeWarning)
            with self.assertRaisesRegex(ValueError, "unawaited coroutine"):
                client.get("/forgot/")
            gc.collect()

    @override_settings(MIDDLEWARE=[
        "tests.test_async_views.header_middleware",
        "django.middleware.common.CommonMiddleware"])
    def test_async_only_middleware_is_adapted(self):
        response = Client().get("/async/")
        self.assertEqual(response.content, b"async GET")
        self.assertEqual(response.headers["X-Async-Middleware"], "yes")


@override_settings(**SETTINGS)
class DecoratorTests(unittest.TestCase):
    def test_require_post_on_an_async_view(self):
        view = require_POST(async_view)
        self.assertTrue(iscoroutinefunction(view))
        factory = RequestFactory()
        self.assertEqual(asyncio.run(view(factory.get("/"))).status_code, 405)
        self.assertEqual(asyncio.run(view(factory.post("/"))).content, b"async POST")


class AsyncSignalTests(unittest.TestCase):
    def setUp(self):
        from django.dispatch import Signal

        self.signal = Signal()
        self.calls = []

    def sync_receiver(self, sender, **kwargs):
        self.calls.append("sync")
        return "sync"

    async def async_receiver(self, sender, **kwargs):
        await asyncio.sleep(0)
        self.calls.append("async")
        return "async"

    async def failing_receiver(self, sender, **kwargs):
        raise KeyError("no")

    def test_send_runs_async_receivers_after_the_sync_ones(self):
        self.signal.connect(self.async_receiver)
        self.signal.connect(self.sync_receiver)
        responses = self.signal.send(sender=None)
        self.assertEqual([r for _, r in responses], ["sync", "async"])

    def test_asend_runs_both_kinds(self):
        self.signal.connect(self.sync_receiver)
        self.signal.connect(self.async_receiver)
        responses = asyncio.run(self.signal.asend(sender=None))
        self.assertEqual([r for _, r in responses], ["sync", "async"])
        self.assertEqual(sorted(self.calls), ["async", "sync"])

    def test_asend_robust_returns_the_exception(self):
        self.signal.connect(self.failing_receiver)
        with self.assertLogs("django.dispatch", "ERROR"):
            responses = asyncio.run(self.signal.asend_robust(sender=None))
        self.assertIsInstance(responses[0][1], KeyError)

    def test_asend_without_receivers(self):
        self.assertEqual(asyncio.run(self.signal.asend(sender=None)), [])


@override_settings(**SETTINGS)
class AsyncClientTests(SimpleTestCase):
    async def test_async_view(self):
        response = await self.async_client.get("/async/")
        self.assertEqual(response.content, b"async GET")
        self.assertIsInstance(response.asgi_request, ASGIRequest)

    async def test_sync_view_with_a_posted_form(self):
        response = await self.async_client.post("/sync/", {"a": "1"})
        self.assertEqual(response.content, b"sync POST 1")

    async def test_query_headers_and_cookies_reach_the_view(self):
        client = AsyncClient()
        client.cookies["c"] = "cookie"
        response = await client.get(
            "/echo/", {"q": "x"}, headers={"X-Token": "t"})
        self.assertEqual(response.content, b"x t cookie")

    async def test_a_view_exception_is_raised_in_the_test(self):
        with self.assertRaises(KeyError):
            await self.async_client.get("/fail/")
        client = AsyncClient(raise_request_exception=False)
        self.assertEqual((await client.get("/fail/")).status_code, 500)

    async def test_async_only_middleware_runs_async(self):
        with self.settings(MIDDLEWARE=["tests.test_async_views.header_middleware"]):
            response = await self.async_client.get("/sync/")
        self.assertEqual(response.headers["X-Async-Middleware"], "yes")

    def test_request_factory_builds_asgi_requests(self):
        request = AsyncRequestFactory().post(
            "/path/?a=1", {"b": "2"}, headers={"Accept": "text/html"})
        self.assertIsInstance(request, ASGIRequest)
        self.assertEqual(request.method, "POST")
        self.assertEqual(request.path, "/path/")
        self.assertEqual(request.GET["a"], "1")
        self.assertEqual(request.POST["b"], "2")
        self.assertEqual(request.headers["Accept"], "text/html")
        self.assertEqual(request.scope["scheme"], "http")


@override_settings(**SETTINGS)
class AsyncStreamingTests(SimpleTestCase):
    async def test_async_client_streams_an_async_iterator(self):
        response = await self.async_client.get("/stream/")
        self.assertTrue(response.is_async)
        self.assertEqual(b"".join([c async for c in response]), b"streaming content")

    def test_sync_client_consumes_it_with_a_warning(self):
        response = self.client.get("/stream/")
        with self.assertWarnsMessage(Warning, "must consume asynchronous iterators"):
            self.assertEqual(b"".join(response), b"streaming content")

    async def test_a_sync_iterator_served_async_warns(self):
        response = StreamingHttpResponse(iter([b"a", b"b"]))
        with self.assertWarnsMessage(Warning, "must consume synchronous iterators"):
            self.assertEqual([c async for c in response], [b"a", b"b"])


class AsyncAuthDecoratorTests(unittest.TestCase):
    """login_required/permission_required/user_passes_test keep an async view
    async, reading the user with request.auser()."""

    def request(self, user):
        request = AsyncRequestFactory().get("/private/")

        async def auser():
            return user
        request.auser = auser
        request.user = user
        return request

    def test_login_required_on_an_async_view(self):
        from django.contrib.auth.decorators import login_required
        from django.contrib.auth.models import AnonymousUser

        view = login_required(async_view, login_url="/login/")
        self.assertTrue(iscoroutinefunction(view))
        with override_settings(**SETTINGS):
            response = asyncio.run(view(self.request(AnonymousUser())))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response.url, "/login/?next=/private/")

    def test_async_test_func_on_a_sync_view(self):
        from django.contrib.auth.decorators import user_passes_test

        async def allowed(user):
            return user == "ok"

        view = user_passes_test(allowed)(sync_view)
        with override_settings(**SETTINGS):
            self.assertEqual(view(self.request("ok")).content, b"sync GET ")


def _asgi_call(application, method="GET", path="/", body=b"", headers=()):
    """Drive an ASGI application through one HTTP request; return the
    messages it sent."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "path": path, "query_string": b"", "root_path": "",
             "scheme": "http", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"testserver"), *headers]}
    received = iter([{"type": "http.request", "body": body, "more_body": False}])
    sent = []

    async def receive():
        return next(received)

    async def send(message):
        sent.append(message)

    asyncio.run(application(scope, receive, send))
    return sent


@override_settings(**SETTINGS)
class ASGIHandlerTests(unittest.TestCase):
    def application(self):
        from django.core.asgi import get_asgi_application

        return get_asgi_application()

    def test_async_and_sync_views(self):
        sent = _asgi_call(self.application(), path="/async/")
        self.assertEqual(sent[0]["type"], "http.response.start")
        self.assertEqual(sent[0]["status"], 200)
        self.assertIn((b"Content-Type", b"text/html; charset=utf-8"),
                      sent[0]["headers"])
        self.assertEqual(sent[1], {"type": "http.response.body", "body": b"async GET",
                                   "more_body": False})
        body = b"a=1"
        sent = _asgi_call(self.application(), "POST", "/sync/", body, headers=[
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", b"3")])
        self.assertEqual(sent[1]["body"], b"sync POST 1")

    def test_streaming_and_errors(self):
        sent = _asgi_call(self.application(), path="/stream/")
        self.assertEqual(b"".join(m.get("body", b"") for m in sent[1:]),
                         b"streaming content")
        self.assertEqual(sent[-1], {"type": "http.response.body"})
        self.assertEqual(_asgi_call(self.application(), path="/missing/")[0]["status"],
                         404)
        self.assertEqual(_asgi_call(self.application(), path="/fail/")[0]["status"],
                         500)

    def test_only_http(self):
        with self.assertRaisesRegex(ValueError, "can only handle ASGI/HTTP"):
            asyncio.run(self.application()({"type": "websocket"}, None, None))


@override_settings(**SETTINGS)
class MiddlewareMixinTests(unittest.TestCase):
    def test_a_subclass_that_skips_super_init_still_runs_sync(self):
        from django.utils.deprecation import MiddlewareMixin

        class Old(MiddlewareMixin):
            def __init__(self, get_response):
                self.get_response = get_response

            def process_response(self, request, response):
                response["X-Old"] = "1"
                return response

        response = Old(lambda request: HttpResponse("x"))(None)
        self.assertEqual(response["X-Old"], "1")

    def test_async_mode_follows_get_response(self):
        from django.utils.deprecation import MiddlewareMixin

        middleware = MiddlewareMixin(async_view)
        self.assertTrue(middleware.async_mode)
        self.assertTrue(iscoroutinefunction(middleware))
        self.assertFalse(MiddlewareMixin(sync_view).async_mode)
