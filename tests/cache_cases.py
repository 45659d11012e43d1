"""Cache framework cases run on either engine: collect() returns what
Django's public API gives for each (keys, headers, rendered fragments, the
createcachetable SQL).  tests/gen_cache_expected.py records real Django's
answers in tests/cache_expected.json; tests/test_cache_http.py compares.

The clock is frozen (time.time) so Expires and Age are reproducible.
"""

import io
import warnings
from unittest import mock

from django.core.cache import caches
from django.core.cache.backends.base import default_key_func
from django.core.cache.utils import make_template_fragment_key
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.cache import (
    CacheMiddleware, FetchFromCacheMiddleware, UpdateCacheMiddleware,
)
from django.template import Context, Engine
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.cache import (
    get_cache_key, get_max_age, has_vary_header, learn_cache_key,
    patch_response_headers,
)
from django.views.decorators.cache import cache_page

#: A fixed moment (2026-01-02 03:04:05 UTC) and a later one.
FROZEN = 1767323045.0

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "cache-cases"},
    "other": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
              "LOCATION": "cache-cases-other"},
}

SETTINGS = {"CACHES": CACHES, "USE_TZ": True, "TIME_ZONE": "UTC", "USE_I18N": True,
            "LANGUAGE_CODE": "en-us", "CACHE_MIDDLEWARE_SECONDS": 600,
            "CACHE_MIDDLEWARE_KEY_PREFIX": "", "CACHE_MIDDLEWARE_ALIAS": "default"}

RECORDED_HEADERS = ("Cache-Control", "Expires", "Vary", "Age", "Set-Cookie",
                    "Content-Type")


def _headers(response):
    found = {h: response.headers[h] for h in RECORDED_HEADERS if h in response.headers}
    if "Set-Cookie" not in found and response.cookies:
        found["Set-Cookie"] = sorted(response.cookies)
    return found


def _request(method="GET", path="/page/", headers=None, data=None):
    extra = {"HTTP_" + k.upper().replace("-", "_"): v
             for k, v in (headers or {}).items()}
    factory = getattr(RequestFactory(), method.lower())
    return factory(path, data=data, **extra)


def _view_factory(headers=None, cookie=None, status=200, body="page"):
    """Return (view, calls): a view counting its calls and setting headers."""
    calls = []

    def view(request):
        calls.append(request.path)
        response = HttpResponse("%s %d" % (body, len(calls)), status=status)
        for name, value in (headers or {}).items():
            response.headers[name] = value
        if cookie:
            response.set_cookie(cookie, "v")
        return response

    return view, calls


# -- cache_page -----------------------------------------------------------------

#: name -> (decorator kwargs, view options, [request options ...]).
PAGE_CASES = {
    "plain": ({}, {}, [{}, {}]),
    "key_prefix": ({"key_prefix": "site1"}, {}, [{}, {}]),
    "other_cache": ({"cache": "other"}, {}, [{}, {}]),
    "view_max_age_shorter": ({}, {"headers": {"Cache-Control": "max-age=10"}},
                             [{}, {}]),
    "view_max_age_longer": ({}, {"headers": {"Cache-Control": "max-age=9000"}},
                            [{}, {}]),
    "private_not_stored": ({}, {"headers": {"Cache-Control": "private"}}, [{}, {}]),
    "no_store_not_stored": ({}, {"headers": {"Cache-Control": "no-store"}},
                            [{}, {}]),
    "vary_star_not_stored": ({}, {"headers": {"Vary": "*"}}, [{}, {}]),
    "cookie_with_vary_cookie_not_stored": (
        {}, {"headers": {"Vary": "Cookie"}, "cookie": "sessionid"}, [{}, {}]),
    "cookie_without_vary_is_stored": ({}, {"cookie": "prefs"}, [{}, {}]),
    "post_not_cached": ({}, {}, [{"method": "POST"}, {"method": "POST"}]),
    "head_after_get": ({}, {}, [{}, {"method": "HEAD"}]),
    "head_first": ({}, {}, [{"method": "HEAD"}, {"method": "HEAD"}, {}]),
    "query_string_is_part_of_key": ({}, {}, [{"path": "/page/?a=1"},
                                             {"path": "/page/?a=2"},
                                             {"path": "/page/?a=1"}]),
    "vary_accept_encoding": (
        {}, {"headers": {"Vary": "Accept-Encoding"}},
        [{"headers": {"Accept-Encoding": "gzip"}},
         {"headers": {"Accept-Encoding": "br"}},
         {"headers": {"Accept-Encoding": "gzip"}}, {}]),
    "authorization_varies": ({}, {}, [{"headers": {"Authorization": "Basic eA=="}},
                                      {"headers": {"Authorization": "Basic eQ=="}}]),
    "authorization_public": ({}, {"headers": {"Cache-Control": "public"}},
                             [{"headers": {"Authorization": "Basic eA=="}},
                              {"headers": {"Authorization": "Basic eQ=="}}]),
    "status_404_not_stored": ({}, {"status": 404}, [{}, {}]),
    "zero_timeout": ({"timeout": 0}, {}, [{}, {}]),
}


def run_page_case(name):
    """Run one cache_page case: each request's status, headers, body, and calls."""
    decorator_kwargs, view_options, requests = PAGE_CASES[name]
    decorator_kwargs = dict(decorator_kwargs)
    timeout = decorator_kwargs.pop("timeout", 60)
    view, calls = _view_factory(**view_options)
    cached = cache_page(timeout, **decorator_kwargs)(view)
    seen = []
    for step, options in enumerate(requests):
        with mock.patch("time.time", return_value=FROZEN + 7 * step):
            response = cached(_request(**options))
        seen.append({"status": response.status_code, "headers": _headers(response),
                     "body": response.content.decode()})
    return {"responses": seen, "view_calls": len(calls)}


# -- The middleware pair ------------------------------------------------------

#: name -> (settings overrides, view options, [request options ...]).
MIDDLEWARE_CASES = {
    "default_seconds": ({}, {}, [{}, {}]),
    "setting_seconds": ({"CACHE_MIDDLEWARE_SECONDS": 30}, {}, [{}, {}]),
    "max_age_wins_over_setting": (
        {}, {"headers": {"Cache-Control": "max-age=45"}}, [{}, {}]),
    "max_age_zero_not_stored": (
        {}, {"headers": {"Cache-Control": "max-age=0"}}, [{}, {}]),
    "bare_max_age_is_one_second": (
        {}, {"headers": {"Cache-Control": "max-age"}}, [{}, {}]),
    "last_max_age_counts": (
        {}, {"headers": {"Cache-Control": "max-age=abc, max-age=5"}}, [{}, {}]),
    "key_prefix_setting": ({"CACHE_MIDDLEWARE_KEY_PREFIX": "pfx"}, {}, [{}, {}]),
    "not_modified_passes": ({}, {"status": 304}, [{}, {}]),
}


def run_middleware_case(name):
    """Run Update/FetchFromCache middleware around a view for each request."""
    overrides, view_options, requests = MIDDLEWARE_CASES[name]
    view, calls = _view_factory(**view_options)
    seen = []
    with override_settings(**overrides):
        handler = UpdateCacheMiddleware(FetchFromCacheMiddleware(view))
        for step, options in enumerate(requests):
            with mock.patch("time.time", return_value=FROZEN + 3 * step):
                response = handler(_request(**options))
            seen.append({"status": response.status_code,
                         "headers": _headers(response),
                         "body": response.content.decode()})
    return {"responses": seen, "view_calls": len(calls)}


def run_cache_middleware_arguments():
    """CacheMiddleware's attributes for the ways cache_page passes arguments."""
    results = {}
    for name, kwargs in {
        "none": {},
        "prefix_none": {"key_prefix": None},
        "alias_none": {"cache_alias": None},
        "explicit": {"key_prefix": "k", "cache_alias": "other", "cache_timeout": 5,
                     "page_timeout": 7},
    }.items():
        with override_settings(CACHE_MIDDLEWARE_KEY_PREFIX="setting-prefix",
                               CACHE_MIDDLEWARE_ALIAS="default",
                               CACHE_MIDDLEWARE_SECONDS=99):
            middleware = CacheMiddleware(lambda r: HttpResponse(), **kwargs)
        results[name] = [middleware.key_prefix, middleware.cache_alias,
                         middleware.cache_timeout, middleware.page_timeout]
    return results


# -- django.utils.cache -------------------------------------------------------------

KEY_CASES = {
    "root": ("/", {}, None),
    "query": ("/search/?q=caf%C3%A9&page=2", {}, None),
    "vary_one": ("/p/", {"Vary": "Accept-Encoding"}, None),
    "vary_many": ("/p/", {"Vary": "Cookie, Accept-Encoding , User-Agent"}, None),
    "vary_accept_language": ("/p/", {"Vary": "Accept-Language, Cookie"}, None),
    "prefix": ("/p/", {}, "custom"),
}


def run_key_case(name, overrides=None):
    """Return learn_cache_key()'s key and get_cache_key()'s for GET and HEAD."""
    path, headers, key_prefix = KEY_CASES[name]
    cache = caches["default"]
    cache.clear()
    with override_settings(**(overrides or {})):
        request = _request(path=path, headers={"Cookie": "a=1",
                                               "Accept-Encoding": "gzip"})
        response = HttpResponse()
        for header, value in headers.items():
            response.headers[header] = value
        before = get_cache_key(request, key_prefix=key_prefix)
        learnt = learn_cache_key(request, response, key_prefix=key_prefix)
        return {"before": before, "learnt": learnt,
                "get": get_cache_key(request, key_prefix=key_prefix),
                "head": get_cache_key(request, key_prefix=key_prefix, method="HEAD")}


def run_language_cases():
    """The active language in page keys, and get_language() as it changes."""
    seen = {"initial": translation.get_language()}
    with translation.override("es"):
        seen["override"] = translation.get_language()
        seen["key_override"] = run_key_case("root")["learnt"]
        with translation.override(None):
            seen["override_none"] = translation.get_language()
        seen["after_nested"] = translation.get_language()
    seen["after_override"] = translation.get_language()
    translation.activate("fr")
    seen["activate"] = translation.get_language()
    seen["key_activate"] = run_key_case("root")["learnt"]
    with translation.override("de", deactivate=True):
        pass
    seen["after_override_deactivate"] = translation.get_language()
    translation.deactivate()
    seen["deactivate"] = translation.get_language()
    seen["key_request_language_code"] = _key_with_request_language("pt-br")
    return seen


def _key_with_request_language(code):
    request = _request(path="/")
    request.LANGUAGE_CODE = code
    return learn_cache_key(request, HttpResponse())


def run_response_header_cases():
    """patch_response_headers(), get_max_age() and has_vary_header()."""
    results = {}
    with mock.patch("time.time", return_value=FROZEN):
        for name, (timeout, cache_control, expires) in {
            "default_timeout": (None, None, None),
            "thirty": (30, None, None),
            "negative": (-5, None, None),
            "keeps_smaller_max_age": (300, "max-age=20, public", None),
            "keeps_expires": (300, None, "Thu, 01 Jan 2026 00:00:00 GMT"),
            "padded_field": (300, " max-age=7", None),
            "empty_field": (300, "max-age=7,", None),
            "last_max_age": (300, "max-age=10, max-age=20", None),
        }.items():
            response = HttpResponse()
            if cache_control:
                response.headers["Cache-Control"] = cache_control
            if expires:
                response.headers["Expires"] = expires
            patch_response_headers(response, cache_timeout=timeout)
            results[name] = _headers(response)
    for name, value in {"max_age": "public, max-age=60", "bad": "max-age=soon",
                        "none": "no-cache", "spaced": "private,  MAX-AGE=5",
                        "last_wins": "max-age=10, max-age=20",
                        "bad_then_good": "max-age=abc, max-age=5",
                        "bare": "max-age", "padded": " max-age=7"}.items():
        response = HttpResponse()
        response.headers["Cache-Control"] = value
        results["get_max_age_" + name] = get_max_age(response)
    response = HttpResponse()
    response.headers["Vary"] = "Accept-Encoding,  Cookie"
    results["has_vary"] = [has_vary_header(response, h) for h in (
        "cookie", "ACCEPT-ENCODING", "User-Agent", " Cookie ")]
    results["has_vary_without_header"] = has_vary_header(HttpResponse(), "Cookie")
    return results


# -- Keys, warnings, fragments, the table -------------------------------------------

def run_key_function_cases():
    """make_key() with prefixes and versions, and the memcached key warnings."""
    results = {"default_key_func": default_key_func("k", "p", 3)}
    for alias_settings in (
        {"KEY_PREFIX": "site", "VERSION": 2},
        {"KEY_PREFIX": ""},
        {"TIMEOUT": None, "VERSION": "v9"},
    ):
        caches_setting = {"default": dict(CACHES["default"], **alias_settings)}
        with override_settings(CACHES=caches_setting):
            cache = caches["default"]
            results[repr(sorted(alias_settings.items()))] = [
                cache.make_key("key"), cache.make_key("key", version=5),
                cache.default_timeout]
    cache = caches["default"]
    for name, key in {"long": "x" * 260, "space": "has space", "newline": "a\nb",
                      "ok": "fine-key_1"}.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cache.set(key, 1)
        results["warnings_" + name] = [
            (w.category.__name__, str(w.message)) for w in caught]
    return results


FRAGMENT_TEMPLATES = {
    "plain": "{% load cache %}{% cache 500 sidebar %}[{{ n }}]{% endcache %}",
    "vary_on": "{% load cache %}{% cache 500 box user %}[{{ n }}]{% endcache %}",
    "timeout_var": "{% load cache %}{% cache t box2 %}[{{ n }}]{% endcache %}",
    "using": '{% load cache %}{% cache 60 f3 using="other" %}[{{ n }}]{% endcache %}',
    "none_timeout": "{% load cache %}{% cache None f4 %}[{{ n }}]{% endcache %}",
    "bad_timeout": "{% load cache %}{% cache 'soon' f5 %}[{{ n }}]{% endcache %}",
    "bad_cache": '{% load cache %}{% cache 1 f6 using="nope" %}x{% endcache %}',
    "too_few": "{% load cache %}{% cache 500 %}x{% endcache %}",
}


def run_fragment_cases():
    """Render each {% cache %} template twice with different data."""
    engine = Engine(libraries={"cache": "django.templatetags.cache"})
    results = {"key_none": make_template_fragment_key("a"),
               "key_args": make_template_fragment_key("a", ["x", 1, None]),
               "key_empty_list": make_template_fragment_key("a", [])}
    for name, source in FRAGMENT_TEMPLATES.items():
        outputs = []
        try:
            template = engine.from_string(source)
            for n, user in ((1, "ann"), (2, "ann"), (3, "bob")):
                outputs.append(template.render(Context({"n": n, "user": user,
                                                        "t": "30"})))
        except Exception as err:  # The error is the expected output.
            outputs.append("%s: %s" % (type(err).__name__, err))
        results[name] = outputs
    return results


def run_check_cases():
    """The caches checks (with deploy checks) for a few CACHES settings."""
    from django.core.checks import run_checks

    file_cache = "django.core.cache.backends.filebased.FileBasedCache"
    cases = {
        "locmem_only": ({"default": CACHES["default"]}, {}),
        "no_default": ({"other": CACHES["other"]}, {}),
        "relative_file_cache": (
            {"default": {"BACKEND": file_cache, "LOCATION": "cache/dir"}}, {}),
        "file_cache_in_static_root": (
            {"default": {"BACKEND": file_cache, "LOCATION": "/srv/site/static/c"}},
            {"STATIC_ROOT": "/srv/site/static"}),
        "file_cache_is_media_root": (
            {"default": {"BACKEND": file_cache, "LOCATION": "/srv/site/media"}},
            {"MEDIA_ROOT": "/srv/site/media"}),
        "file_cache_contains_staticfiles_dir": (
            {"default": {"BACKEND": file_cache, "LOCATION": "/srv/site"}},
            {"STATICFILES_DIRS": [("assets", "/srv/site/assets")]}),
    }
    results = {}
    for name, (caches_setting, overrides) in cases.items():
        with mock.patch("os.makedirs"), mock.patch("os.mkdir"), \
                mock.patch("os.chmod"), override_settings(
                    CACHES=caches_setting, **overrides):
            messages = run_checks(tags=["caches"], include_deployment_checks=True)
        results[name] = sorted([m.id, m.msg] for m in messages)
    return results


def run_createcachetable_dry_run():
    out = io.StringIO()
    call_command("createcachetable", "my_cache_table", dry_run=True, stdout=out)
    return out.getvalue()


def collect():
    """Return every case's result, keyed by case name."""
    results = {}
    with override_settings(**SETTINGS):
        for name in PAGE_CASES:
            caches["default"].clear()
            caches["other"].clear()
            results["page_" + name] = run_page_case(name)
        for name in MIDDLEWARE_CASES:
            caches["default"].clear()
            results["middleware_" + name] = run_middleware_case(name)
        results["cache_middleware_arguments"] = run_cache_middleware_arguments()
        for name in KEY_CASES:
            results["key_" + name] = run_key_case(name)
            results["key_no_i18n_no_tz_" + name] = run_key_case(
                name, {"USE_I18N": False, "USE_TZ": False})
        results["languages"] = run_language_cases()
        results["response_headers"] = run_response_header_cases()
        results["key_functions"] = run_key_function_cases()
        caches["default"].clear()
        caches["other"].clear()
        results["fragments"] = run_fragment_cases()
        results["createcachetable_dry_run"] = run_createcachetable_dry_run()
        results["checks"] = run_check_cases()
    return results
