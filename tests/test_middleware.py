"""Security, common, clickjacking, gzip and conditional-GET middleware; cache
helpers and the view decorators that patch headers."""

import datetime
import gzip
import json
import os
import unittest

from tests import TEST_SETTINGS
from tests.middleware_cases import CASES, RECORDED_HEADERS
from tests.mwutil import make_request, run_middleware

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.gzip import GZipMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.middleware.security import SecurityMiddleware
from django.test import override_settings
from django.urls import path
from django.utils.cache import (
    add_never_cache_headers, get_conditional_response, patch_cache_control,
    patch_vary_headers)
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.common import no_append_slash
from django.views.decorators.clickjacking import (
    xframe_options_exempt, xframe_options_sameorigin)
from django.views.decorators.http import (
    condition, etag, last_modified, require_GET, require_http_methods, require_POST,
    require_safe)
from django.views.decorators.vary import vary_on_cookie, vary_on_headers

with open(os.path.join(os.path.dirname(__file__), "middleware_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


def ok_view(request, *args, **kwargs):
    return HttpResponse("ok")


def big_view(request):
    return HttpResponse("<p>hello world</p>\n" * 100)


urlpatterns = [
    path("shop/", ok_view),
    path("shop/<int:pk>/", ok_view),
    path("api/", no_append_slash(ok_view)),
]

SETTINGS = dict(TEST_SETTINGS, ROOT_URLCONF="tests.test_middleware")


MIDDLEWARE = {"security": SecurityMiddleware, "xframe": XFrameOptionsMiddleware,
              "gzip": GZipMiddleware, "conditional": ConditionalGetMiddleware}


@override_settings(**SETTINGS)
class SameHeadersAsDjangoTests(unittest.TestCase):
    """Each case in tests/middleware_cases.py gets Django's status and headers."""

    def run_case(self, middleware, overrides, req, resp):
        def view(request):
            response = HttpResponse(resp.get("body", ""),
                                    status=resp.get("status", 200))
            for name, value in resp.get("headers", {}).items():
                response.headers[name] = value
            return response

        request = make_request(req.get("method", "GET"), path=req.get("path", "/"),
                               query=req.get("query", ""),
                               headers=req.get("headers"),
                               secure=req.get("secure", False))
        with override_settings(**overrides):
            response = MIDDLEWARE[middleware](view)(request)
        return {"status": response.status_code,
                "headers": {h: response.headers[h] for h in RECORDED_HEADERS
                            if h in response.headers}}

    def test_cases(self):
        self.assertEqual(set(CASES), set(EXPECTED["cases"]))
        for name, case in CASES.items():
            with self.subTest(name):
                self.assertEqual(self.run_case(*case), EXPECTED["cases"][name])


@override_settings(**SETTINGS)
class SecurityMiddlewareTests(unittest.TestCase):
    def test_default_headers(self):
        response = run_middleware(SecurityMiddleware, ok_view, make_request())
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
        self.assertEqual(response.headers["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertNotIn("Strict-Transport-Security", response)

    @override_settings(SECURE_HSTS_SECONDS=3600, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
                       SECURE_HSTS_PRELOAD=True)
    def test_hsts_only_over_https(self):
        plain = run_middleware(SecurityMiddleware, ok_view, make_request())
        self.assertNotIn("Strict-Transport-Security", plain)
        secure = run_middleware(SecurityMiddleware, ok_view, make_request(secure=True))
        self.assertEqual(secure.headers["Strict-Transport-Security"],
                         "max-age=3600; includeSubDomains; preload")

    @override_settings(SECURE_REFERRER_POLICY=["no-referrer", "strict-origin"],
                       SECURE_CONTENT_TYPE_NOSNIFF=False,
                       SECURE_CROSS_ORIGIN_OPENER_POLICY=None)
    def test_settings_change_headers(self):
        response = run_middleware(SecurityMiddleware, ok_view, make_request())
        self.assertEqual(response.headers["Referrer-Policy"],
                         "no-referrer,strict-origin")
        self.assertNotIn("X-Content-Type-Options", response)
        self.assertNotIn("Cross-Origin-Opener-Policy", response)

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^health/"])
    def test_ssl_redirect(self):
        response = run_middleware(SecurityMiddleware, ok_view,
                                  make_request(path="/shop/", query="a=1"))
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://testserver/shop/?a=1")
        exempt = run_middleware(SecurityMiddleware, ok_view,
                                make_request(path="/health/"))
        self.assertEqual(exempt.status_code, 200)
        secure = run_middleware(SecurityMiddleware, ok_view,
                                make_request(path="/shop/", secure=True))
        self.assertEqual(secure.status_code, 200)
        with override_settings(SECURE_SSL_HOST="secure.example.com"):
            response = run_middleware(SecurityMiddleware, ok_view,
                                      make_request(path="/x/"))
        self.assertEqual(response["Location"], "https://secure.example.com/x/")


def not_found_view(request):
    return HttpResponse("missing", status=404)


@override_settings(**SETTINGS)
class CommonMiddlewareTests(unittest.TestCase):
    def test_append_slash_redirects_when_slashed_path_exists(self):
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="/shop", query="q=1"))
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/shop/?q=1")
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="/shop/7"))
        self.assertEqual(response["Location"], "/shop/7/")

    def test_no_redirect_when_slashed_path_is_unknown(self):
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="/nowhere"))
        self.assertEqual(response.status_code, 404)

    def test_slash_redirect_cannot_leave_the_site(self):
        # //evil.com/shop would be a scheme-relative URL: it is escaped.
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="//evil.com"))
        self.assertEqual(response.status_code, 404)
        mw = CommonMiddleware(ok_view)
        url = mw.get_full_path_with_slash(make_request(path="//evil.com/shop"))
        self.assertTrue(url.startswith("/%2F"), url)

    def test_no_append_slash_view_is_not_redirected_to(self):
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="/api"))
        self.assertEqual(response.status_code, 404)

    @override_settings(APPEND_SLASH=False)
    def test_append_slash_off(self):
        response = run_middleware(CommonMiddleware, not_found_view,
                                  make_request(path="/shop"))
        self.assertEqual(response.status_code, 404)

    @override_settings(DEBUG=True)
    def test_post_without_slash_in_debug_explains(self):
        with self.assertRaisesRegex(RuntimeError, "APPEND_SLASH"):
            run_middleware(CommonMiddleware, not_found_view,
                           make_request("POST", path="/shop", data={}))

    def test_disallowed_user_agent_is_refused(self):
        import re

        with override_settings(DISALLOWED_USER_AGENTS=[re.compile(r"BadBot")]):
            with self.assertRaisesRegex(PermissionDenied, "Forbidden user agent"):
                run_middleware(CommonMiddleware, ok_view,
                               make_request(headers={"User-Agent": "BadBot/1.0"}))
            response = run_middleware(CommonMiddleware, ok_view,
                                      make_request(headers={"User-Agent": "Firefox"}))
            self.assertEqual(response.status_code, 200)

    @override_settings(PREPEND_WWW=True, ALLOWED_HOSTS=["example.com"])
    def test_prepend_www(self):
        response = run_middleware(CommonMiddleware, ok_view,
                                  make_request(path="/shop/", host="example.com"))
        self.assertEqual(response["Location"], "http://www.example.com/shop/")

    def test_sets_content_length(self):
        response = run_middleware(CommonMiddleware, ok_view, make_request())
        self.assertEqual(response["Content-Length"], "2")


@override_settings(**SETTINGS)
class XFrameOptionsTests(unittest.TestCase):
    def test_deny_by_default(self):
        response = run_middleware(XFrameOptionsMiddleware, ok_view, make_request())
        self.assertEqual(response["X-Frame-Options"], "DENY")

    @override_settings(X_FRAME_OPTIONS="sameorigin")
    def test_setting(self):
        response = run_middleware(XFrameOptionsMiddleware, ok_view, make_request())
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")

    def test_exempt_and_decorated_views(self):
        exempt = run_middleware(XFrameOptionsMiddleware, xframe_options_exempt(ok_view),
                                make_request())
        self.assertNotIn("X-Frame-Options", exempt)
        same = run_middleware(XFrameOptionsMiddleware,
                              xframe_options_sameorigin(ok_view), make_request())
        self.assertEqual(same["X-Frame-Options"], "SAMEORIGIN")


@override_settings(**SETTINGS)
class GZipTests(unittest.TestCase):
    def gz(self, view, accept="gzip, deflate"):
        return run_middleware(GZipMiddleware, view,
                              make_request(headers={"Accept-Encoding": accept}))

    def test_compresses_large_bodies(self):
        response = self.gz(big_view)
        self.assertEqual(response["Content-Encoding"], "gzip")
        self.assertEqual(response["Vary"], "Accept-Encoding")
        self.assertEqual(response["Content-Length"], str(len(response.content)))
        self.assertEqual(gzip.decompress(response.content),
                         b"<p>hello world</p>\n" * 100)

    def test_leaves_small_bodies_alone(self):
        response = self.gz(ok_view)
        self.assertEqual(response.content, b"ok")
        self.assertNotIn("Content-Encoding", response)

    def test_needs_accept_encoding(self):
        response = self.gz(big_view, accept="identity")
        self.assertNotIn("Content-Encoding", response)
        self.assertEqual(response["Vary"], "Accept-Encoding")

    def test_weakens_strong_etag(self):
        def tagged(request):
            response = big_view(request)
            response["ETag"] = '"abc"'
            return response

        self.assertEqual(self.gz(tagged)["ETag"], 'W/"abc"')

    def test_streaming(self):
        def stream(request):
            return StreamingHttpResponse(iter([b"a" * 300, b"b" * 300]))

        response = self.gz(stream)
        self.assertEqual(response["Content-Encoding"], "gzip")
        body = b"".join(response.streaming_content)
        self.assertEqual(gzip.decompress(body), b"a" * 300 + b"b" * 300)


@override_settings(**SETTINGS)
class ConditionalGetTests(unittest.TestCase):
    def test_adds_etag_and_answers_304(self):
        first = run_middleware(ConditionalGetMiddleware, ok_view, make_request())
        tag = first["ETag"]
        self.assertTrue(tag.startswith('"'))
        again = run_middleware(ConditionalGetMiddleware, ok_view,
                               make_request(headers={"If-None-Match": tag}))
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        self.assertEqual(again["ETag"], tag)

    def test_last_modified(self):
        def dated(request):
            response = HttpResponse("x")
            response["Last-Modified"] = "Sat, 01 Jan 2022 00:00:00 GMT"
            return response

        fresh = run_middleware(ConditionalGetMiddleware, dated, make_request(
            headers={"If-Modified-Since": "Sun, 02 Jan 2022 00:00:00 GMT"}))
        self.assertEqual(fresh.status_code, 304)
        stale = run_middleware(ConditionalGetMiddleware, dated, make_request(
            headers={"If-Modified-Since": "Fri, 31 Dec 2021 00:00:00 GMT"}))
        self.assertEqual(stale.status_code, 200)

    def test_no_store_gets_no_etag_and_post_is_untouched(self):
        @cache_control(no_store=True)
        def private(request):
            return HttpResponse("secret")

        response = run_middleware(ConditionalGetMiddleware, private, make_request())
        self.assertNotIn("ETag", response)
        post = run_middleware(ConditionalGetMiddleware, ok_view,
                              make_request("POST", data={}))
        self.assertNotIn("ETag", post)

    def test_if_match_failure_is_412(self):
        request = make_request("PUT", headers={"If-Match": '"other"'})
        response = get_conditional_response(request, etag='"current"')
        self.assertEqual(response.status_code, 412)
        self.assertIsNone(get_conditional_response(
            make_request("PUT", headers={"If-Match": '"current"'}), etag='"current"'))


@override_settings(**SETTINGS)
class CacheHelperTests(unittest.TestCase):
    def test_patch_cache_control_matches_django(self):
        for initial, kwargs, expected in EXPECTED["cache_control"]:
            with self.subTest(initial=initial, kwargs=kwargs):
                response = HttpResponse()
                if initial is not None:
                    response["Cache-Control"] = initial
                patch_cache_control(response, **kwargs)
                # Django keeps no-cache field names in a set: compare unordered.
                self.assertEqual(
                    sorted(response["Cache-Control"].split(", ")),
                    sorted(expected.split(", ")))

    def test_patch_vary_headers_matches_django(self):
        for initial, new, expected in EXPECTED["vary"]:
            with self.subTest(initial=initial, new=new):
                response = HttpResponse()
                if initial is not None:
                    response["Vary"] = initial
                patch_vary_headers(response, new)
                self.assertEqual(response["Vary"], expected)

    def test_one_name_vary_matches_the_general_way(self):
        """_vary_one_name() (patch_vary_headers() for one name and no Vary
        yet) leaves the headers, and raises, as the general way."""
        import sys
        from unittest import mock

        module = sys.modules[patch_vary_headers.__module__]

        class OwnHasHeader(HttpResponse):
            def has_header(self, header):
                return False

        def outcome(make, initial, new):
            response = make()
            if initial is not None:
                response["Vary"] = initial
            try:
                patch_vary_headers(response, new)
            except Exception as exc:
                return type(exc)
            return list(response.items())

        names = [("Cookie",), ("*",), ("cookie", "Cookie"), ["Cookie"], ("",),
                 (" Accept ",), ("Cookie\n",), ("\u00e9",), (5,), "iterator",
                 ("Accept-Language",), ()]
        for make in (HttpResponse, OwnHasHeader, StreamingHttpResponse):
            for initial in (None, "Accept", "*", ""):
                for new in names:
                    for _ in range(2):  # (the second time its value is known clean)
                        fast = outcome(make, initial, iter(["Cookie"])
                                       if new == "iterator" else new)
                        with mock.patch.object(module, "_vary_one_name",
                                               return_value=False):
                            general = outcome(make, initial, iter(["Cookie"])
                                              if new == "iterator" else new)
                        self.assertEqual(fast, general, (make, initial, new))

    def test_never_cache_headers(self):
        response = HttpResponse()
        add_never_cache_headers(response)
        self.assertEqual(response["Cache-Control"], EXPECTED["never_cache"])
        self.assertTrue(response["Expires"].endswith("GMT"))


@override_settings(**SETTINGS)
class ViewDecoratorTests(unittest.TestCase):
    def test_require_methods_answer_405_with_allow(self):
        for decorator, allowed, refused in (
                (require_GET, "GET", "POST"), (require_POST, "POST", "GET"),
                (require_safe, "HEAD", "PUT"),
                (require_http_methods(["GET", "PUT"]), "PUT", "DELETE")):
            view = decorator(ok_view)
            with self.subTest(allowed=allowed):
                self.assertEqual(view(make_request(allowed)).status_code, 200)
                response = view(make_request(refused))
                self.assertEqual(response.status_code, 405)
                self.assertIn(allowed, response["Allow"])

    def test_never_cache_and_cache_control(self):
        response = never_cache(ok_view)(make_request())
        self.assertIn("no-store", response["Cache-Control"])
        response = cache_control(max_age=60, public=True)(ok_view)(make_request())
        self.assertEqual(response["Cache-Control"], "max-age=60, public")

    def test_never_cache_on_a_method_needs_method_decorator(self):
        class Bad:
            @never_cache
            def get(self, request):
                return HttpResponse()

        with self.assertRaisesRegex(TypeError, "method_decorator"):
            Bad().get(make_request())

    def test_vary_decorators(self):
        response = vary_on_headers("Accept", "User-Agent")(ok_view)(make_request())
        self.assertEqual(response["Vary"], "Accept, User-Agent")
        self.assertEqual(vary_on_cookie(ok_view)(make_request())["Vary"], "Cookie")

    def test_condition_etag_and_last_modified(self):
        stamp = datetime.datetime(2024, 5, 1, 12, 0, 0)

        @condition(etag_func=lambda r: "v1", last_modified_func=lambda r: stamp)
        def view(request):
            return HttpResponse("body")

        response = view(make_request())
        self.assertEqual(response["ETag"], '"v1"')
        self.assertEqual(response["Last-Modified"], "Wed, 01 May 2024 12:00:00 GMT")
        self.assertEqual(
            view(make_request(headers={"If-None-Match": '"v1"'})).status_code, 304)
        self.assertEqual(
            view(make_request(headers={"If-None-Match": '"v0"'})).status_code, 200)
        self.assertEqual(
            view(make_request("POST", data={}, headers={"If-None-Match": '"v1"'})
                 ).status_code, 412)
        only_etag = etag(lambda r: '"x"')(ok_view)
        self.assertEqual(only_etag(make_request())["ETag"], '"x"')
        only_lm = last_modified(lambda r: stamp)(ok_view)
        self.assertEqual(only_lm(make_request(headers={
            "If-Modified-Since": "Wed, 01 May 2024 12:00:00 GMT"})).status_code, 304)

    def test_method_decorator_on_class_and_method(self):
        @method_decorator(never_cache, name="get")
        class Page(View):
            def get(self, request):
                return HttpResponse("page")

        class Other(View):
            @method_decorator(require_POST)
            def dispatch(self, request, *args, **kwargs):
                return super().dispatch(request, *args, **kwargs)

            def get(self, request):
                return HttpResponse("never reached")

        response = Page.as_view()(make_request())
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(Other.as_view()(make_request()).status_code, 405)
        with self.assertRaisesRegex(ValueError, "name"):
            method_decorator(never_cache, name="missing")(Page)


if __name__ == "__main__":
    unittest.main()


class AppendSlashInDebugTests(unittest.TestCase):
    def test_a_request_with_a_body_to_a_slashless_url_is_an_error_in_debug(self):
        """As Django: the redirect would lose the data of POST, PUT, PATCH and
        DELETE, so DEBUG says so instead of redirecting."""
        from django.http import HttpResponseNotFound
        from django.test import RequestFactory, override_settings
        from django.urls import path

        import sys
        import types

        urls = types.ModuleType("djs_slash_urls")
        urls.urlpatterns = [path("slash/", lambda request: HttpResponse())]
        sys.modules["djs_slash_urls"] = urls
        self.addCleanup(sys.modules.pop, "djs_slash_urls", None)
        with override_settings(**{**TEST_SETTINGS, "DEBUG": True},
                               APPEND_SLASH=True, ROOT_URLCONF="djs_slash_urls"):
            for method in ("DELETE", "POST", "PUT", "PATCH"):
                request = RequestFactory().generic(method, "/slash")
                with self.subTest(method=method), self.assertRaisesRegex(
                        RuntimeError, f"maintaining {method} data. Change your form "
                        "to point to testserver/slash/"):
                    CommonMiddleware(lambda r: HttpResponseNotFound())(request)


class HttpDateTests(unittest.TestCase):
    def test_a_date_out_of_range_is_invalid(self):
        from django.utils.http import parse_http_date_safe

        self.assertIsNone(parse_http_date_safe("Mon, 32 Oct 2010 16:56:23 GMT"))
        self.assertIsNone(parse_http_date_safe("Mon, 18 Oct 2010 25:56:23 GMT"))
        self.assertEqual(parse_http_date_safe("Mon, 18 Oct 2010 16:56:23 GMT"),
                         1287420983)
