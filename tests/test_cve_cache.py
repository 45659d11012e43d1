"""Django's 2026 cache CVEs (5.2.14 to 5.2.20): one test per CVE, named after
it, that fails on an implementation with the bug.  Each drives the page
cache the way a site does: the cache middleware pair (or cache_page, or the
session middleware inside it) round a view that counts its calls, so
"stored" and "served to someone else" are seen from outside.
"""

import json
import os
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request

import djscratch  # noqa: F401  (installs the django.* alias)
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.test import SimpleTestCase, override_settings
from django.utils.cache import get_cache_key, has_vary_header, learn_cache_key
from django.views.decorators.cache import cache_page

from tests import cve_cache_cases

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "cve-cache"},
}

SETTINGS = dict(TEST_SETTINGS, CACHES=CACHES, CACHE_MIDDLEWARE_SECONDS=600,
                CACHE_MIDDLEWARE_KEY_PREFIX="", CACHE_MIDDLEWARE_ALIAS="default")


def counting_view(headers=None, cookie=None):
    """Return (view, calls): the view answers with its call count and path."""
    calls = []

    def view(request):
        calls.append(request.path)
        response = HttpResponse("call %d for %s" % (len(calls), request.path))
        for name, value in (headers or {}).items():
            response.headers[name] = value
        if cookie:
            response.set_cookie(cookie, "secret-%d" % len(calls))
        return response

    return view, calls


def cached_site(view):
    """The documented order: UpdateCache first, FetchFromCache last."""
    return UpdateCacheMiddleware(FetchFromCacheMiddleware(view))


@override_settings(**SETTINGS)
class CacheCVETests(SimpleTestCase):
    def setUp(self):
        caches["default"].clear()

    def assertStoredOnce(self, view, calls, requests):
        """Every request reaches the view: nothing was stored or served."""
        for request in requests:
            view(request)
        self.assertEqual(len(calls), len(requests))

    def test_cve_2026_6907_vary_star_is_never_stored(self):
        for vary in ("*", "Accept-Encoding, *"):
            with self.subTest(vary):
                caches["default"].clear()
                view, calls = counting_view(headers={"Vary": vary})
                self.assertStoredOnce(cached_site(view), calls,
                                      [make_request(), make_request()])
                view, calls = counting_view(headers={"Vary": vary})
                self.assertStoredOnce(cache_page(60)(view), calls,
                                      [make_request(), make_request()])

    def test_cve_2026_8404_private_directives_in_any_case_are_not_stored(self):
        for value in ("Private", "PRIVATE", "No-Cache", "NO-STORE",
                      "max-age=60, Private"):
            with self.subTest(value):
                caches["default"].clear()
                view, calls = counting_view(headers={"Cache-Control": value})
                self.assertStoredOnce(cached_site(view), calls,
                                      [make_request(), make_request()])
                view, calls = counting_view(headers={"Cache-Control": value})
                self.assertStoredOnce(cache_page(60)(view), calls,
                                      [make_request(), make_request()])

    def test_cve_2026_35193_authorization_requests_vary_on_authorization(self):
        view, calls = counting_view()
        site = cached_site(view)
        alice = site(make_request(headers={"Authorization": "Basic YWxpY2U6cHc="}))
        self.assertTrue(has_vary_header(alice, "Authorization"))
        # Alice's own repeat is a hit; nobody else gets her page.
        again = site(make_request(headers={"Authorization": "Basic YWxpY2U6cHc="}))
        self.assertEqual((again.content, len(calls)), (b"call 1 for /", 1))
        mallory = site(make_request(headers={"Authorization": "Basic bWFsOnB3"}))
        self.assertEqual(mallory.content, b"call 2 for /")
        anonymous = site(make_request())
        self.assertEqual(anonymous.content, b"call 3 for /")
        # "public", in any case, opts out of the Vary.
        public, _ = counting_view(headers={"Cache-Control": "Public"})
        response = cache_page(60)(public)(
            make_request(headers={"Authorization": "Basic YWxpY2U6cHc="}))
        self.assertFalse(has_vary_header(response, "Authorization"))

    def test_cve_2026_48587_vary_star_padded_with_spaces_is_never_stored(self):
        for vary in ("Cookie,  * ", " *", "Accept ,\t*\t"):
            with self.subTest(vary):
                caches["default"].clear()
                response = HttpResponse()
                response.headers["Vary"] = vary
                self.assertTrue(has_vary_header(response, "*"))
                self.assertTrue(has_vary_header(response, " * "))
                view, calls = counting_view(headers={"Vary": vary})
                self.assertStoredOnce(cached_site(view), calls,
                                      [make_request(), make_request()])

    def test_cve_2026_48588_set_cookie_varying_on_cookie_is_not_stored(self):
        # The visitor already carries an unrelated cookie (a theme).
        view, calls = counting_view(headers={"Vary": "Cookie"}, cookie="sessionid")
        site = cached_site(view)
        first = site(make_request(cookies={"theme": "dark"}))
        second = site(make_request(cookies={"theme": "dark"}))
        self.assertEqual(len(calls), 2)
        self.assertNotEqual(first.cookies["sessionid"].value,
                            second.cookies["sessionid"].value)
        view, calls = counting_view(headers={"Vary": "Cookie"}, cookie="sessionid")
        self.assertStoredOnce(cache_page(60)(view), calls,
                              [make_request(cookies={"theme": "dark"})] * 2)

    def test_cve_2026_113593_absent_and_empty_headers_get_different_keys(self):
        response = HttpResponse()
        response.headers["Vary"] = "X-Tenant"
        empty = make_request(headers={"X-Tenant": ""})
        absent = make_request()
        key = learn_cache_key(empty, response)
        self.assertEqual(get_cache_key(empty), key)
        self.assertNotEqual(get_cache_key(absent), key)
        # Through the middleware: neither request is answered with the other's.
        caches["default"].clear()
        view, calls = counting_view(headers={"Vary": "X-Tenant"})
        site = cached_site(view)
        site(make_request(headers={"X-Tenant": ""}))
        self.assertEqual(site(make_request()).content, b"call 2 for /")
        self.assertEqual(site(make_request(headers={"X-Tenant": ""})).content,
                         b"call 1 for /")
        self.assertEqual(len(calls), 2)

    def test_cve_2026_125673_dot_segments_do_not_poison_the_normalized_path(self):
        request = make_request(path="/static/../account/")
        self.assertEqual(request.build_absolute_uri(),
                         "http://testserver/static/../account/")
        view, calls = counting_view()
        site = cached_site(view)
        site(make_request(path="/static/../account/"))
        answer = site(make_request(path="/account/"))
        self.assertEqual(answer.content, b"call 2 for /account/")
        self.assertEqual(calls, ["/static/../account/", "/account/"])


SESSION_SETTINGS = dict(SETTINGS, SESSION_SAVE_EVERY_REQUEST=True,
                        SESSION_ENGINE="django.contrib.sessions.backends.cache")


@override_settings(**SESSION_SETTINGS)
class SessionCacheCVETests(SimpleTestCase):
    def setUp(self):
        caches["default"].clear()

    def test_cve_2026_35192_save_every_request_varies_on_cookie(self):
        def login(request):
            request.session["user"] = "alice"
            return HttpResponse("logged in")

        alice_key = SessionMiddleware(login)(make_request()).cookies["sessionid"].value
        # A public page that never reads the session.
        view, calls = counting_view()
        site = UpdateCacheMiddleware(SessionMiddleware(FetchFromCacheMiddleware(view)))
        response = site(make_request(cookies={"sessionid": alice_key}))
        self.assertEqual(response.cookies["sessionid"].value, alice_key)
        self.assertTrue(has_vary_header(response, "Cookie"))
        stranger = site(make_request())
        self.assertNotIn("sessionid", stranger.cookies)
        self.assertEqual(len(calls), 2)


@override_settings(**TEST_SETTINGS)
class CacheCVECasesMatchDjangoTests(SimpleTestCase):
    """Every mix of the CVEs' inputs answers as Django 5.2 does
    (tests/cve_cache_cases.py, recorded in tests/cve_cache_expected.json)."""

    def test_every_case_stores_varies_and_serves_as_django(self):
        path = os.path.join(os.path.dirname(__file__), "cve_cache_expected.json")
        with open(path, encoding="utf-8") as f:
            expected = json.load(f)
        results = json.loads(json.dumps(cve_cache_cases.collect()))
        self.assertEqual(sorted(results), sorted(expected))
        for name in expected:
            with self.subTest(name):
                self.assertEqual(results[name], expected[name])


if __name__ == "__main__":
    unittest.main()
