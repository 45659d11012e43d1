"""The page cache round a session-using view, for every mix of the inputs
the 2026 cache CVEs turn on (Vary, Cache-Control, a cookie set, the session
read or written, SESSION_SAVE_EVERY_REQUEST, the request's headers).  Runs on
either engine; tests/gen_cve_cache_expected.py records real Django's answers.
"""

import itertools
from unittest import mock

from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.test import RequestFactory, override_settings

FROZEN = 1767323045.0

SETTINGS = {
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                           "LOCATION": "cve-cache-cases"}},
    "SESSION_ENGINE": "django.contrib.sessions.backends.cache",
    "CACHE_MIDDLEWARE_SECONDS": 600, "CACHE_MIDDLEWARE_KEY_PREFIX": "",
    "CACHE_MIDDLEWARE_ALIAS": "default", "USE_TZ": True, "TIME_ZONE": "UTC",
    "USE_I18N": True, "LANGUAGE_CODE": "en-us",
}

# A padded " *" is left out: djscratch's patch_vary_headers() writes "*" where
# Django writes " *, Cookie" (SECURITY.md, "Caching (2026)").
VARY = [None, "*", "Cookie", "cookie , Accept", "X-A"]
CACHE_CONTROL = [None, "public", "Private", "no-store ", "max-age=5",
                 "PUBLIC, max-age=30"]
SET_COOKIE = [None, "sid"]
SESSION_USE = ["none", "read", "write"]
REQUEST_HEADERS = [{}, {"HTTP_AUTHORIZATION": "Bearer a"}, {"HTTP_COOKIE": "theme=x"},
                   {"HTTP_X_A": ""}]


def _view(vary, cache_control, cookie, session_use, calls):
    def view(request):
        if session_use == "read":
            request.session.get("x")
        elif session_use == "write":
            request.session["x"] = 1
        calls.append(1)
        response = HttpResponse("call %d" % len(calls))
        if vary:
            response.headers["Vary"] = vary
        if cache_control:
            response.headers["Cache-Control"] = cache_control
        if cookie:
            response.set_cookie(cookie, "v")
        return response

    return view


def run_case(vary, cache_control, cookie, session_use, save_every_request):
    """For each request kind: the view's calls over the same request twice and
    a bare one, the first response's Vary/Cache-Control/cookies, the bodies
    (with time.time() frozen at FROZEN by collect())."""
    factory = RequestFactory()
    results = []
    for headers in REQUEST_HEADERS:
        caches["default"].clear()
        calls = []
        view = _view(vary, cache_control, cookie, session_use, calls)
        site = UpdateCacheMiddleware(SessionMiddleware(FetchFromCacheMiddleware(view)))
        with override_settings(SESSION_SAVE_EVERY_REQUEST=save_every_request):
            first = site(factory.get("/p/", **headers))
            again = site(factory.get("/p/", **headers))
            bare = site(factory.get("/p/"))
        results.append([len(calls), first.get("Vary"), first.get("Cache-Control"),
                        sorted(first.cookies), again.content.decode(),
                        bare.content.decode()])
    return results


def collect():
    """Return every case's result keyed by its inputs."""
    results = {}
    # The clock stands still for the whole run (one patch, not one per case).
    with override_settings(**SETTINGS), mock.patch("time.time", return_value=FROZEN):
        for case in itertools.product(VARY, CACHE_CONTROL, SET_COOKIE, SESSION_USE,
                                      [False, True]):
            results[repr(case)] = run_case(*case)
    return results
