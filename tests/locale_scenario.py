"""LocaleMiddleware, get_language_from_request() and i18n_patterns(), run on
real Django (tests/gen_locale_expected.py records the results) and on
djscratch (tests/test_locale.py compares).  The same text runs on both.
"""

from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches, resolve, reverse
from django.utils import translation
from django.utils.translation import (
    get_language_from_path, get_language_from_request,
    get_supported_language_variant,
)

SETTINGS = {"USE_I18N": True, "LANGUAGE_CODE": "en", "ALLOWED_HOSTS": ["*"],
            "ROOT_URLCONF": "tests.i18n_prefix_urls", "APPEND_SLASH": True,
            "MIDDLEWARE": []}

REQUESTS = {
    "plain": {},
    "cookie_fr": {"HTTP_COOKIE": "django_language=fr"},
    "cookie_unknown": {"HTTP_COOKIE": "django_language=xx"},
    "cookie_variant": {"HTTP_COOKIE": "django_language=de-at"},
    "accept_de": {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9,en;q=0.5"},
    "accept_ranked": {"HTTP_ACCEPT_LANGUAGE": "xx;q=0.9, pt-br;q=0.8, *;q=0.1"},
    "accept_star": {"HTTP_ACCEPT_LANGUAGE": "*"},
    "accept_junk": {"HTTP_ACCEPT_LANGUAGE": "a" * 600},
    "accept_es": {"HTTP_ACCEPT_LANGUAGE": "es-419"},
}

PATHS = ["/", "/en/page/", "/fr/page/", "/de-at/x/", "/zz/page/", "/page/",
         "/page", "/other/", "/fr/other/", "/nowhere/", "/sr-latn/"]


def _respond(status):
    return lambda request: HttpResponse(status=status)


def run():
    results = {}
    rf = RequestFactory()
    with override_settings(**SETTINGS):
        clear_url_caches()
        for name, meta in REQUESTS.items():
            request = rf.get("/page/", **meta)
            results["request " + name] = get_language_from_request(request)
        results["paths"] = {p: get_language_from_path(p) for p in PATHS}
        variants = {}
        for code in ("de-at", "en-us", "es", "pt-br", "zh-hans", "xx", "sr-latn"):
            try:
                variants[code] = get_supported_language_variant(code)
            except LookupError:
                variants[code] = "LookupError"
        results["variants"] = variants
        for path in ("/page/", "/page", "/other/", "/fr/page/", "/nowhere/"):
            for meta_name in ("plain", "cookie_fr"):
                request = rf.get(path + "?a=1", **REQUESTS[meta_name])
                middleware = LocaleMiddleware(_respond(404 if path in (
                    "/page/", "/page", "/nowhere/") else 200))
                with translation.override(None):
                    response = middleware(request)
                results[f"middleware {path} {meta_name}"] = {
                    "status": response.status_code,
                    "location": response.get("Location"),
                    "vary": response.get("Vary"),
                    "content_language": response.get("Content-Language"),
                    "request_language": request.LANGUAGE_CODE,
                }
        with translation.override("de"):
            results["reverse de"] = [reverse("prefixed"), reverse("unprefixed")]
        for code in ("en", "de"):
            with translation.override(code):
                match = resolve(f"/{code}/translated/7/")
                results[f"translated route {code}"] = [
                    reverse("translated", args=[3]), match.url_name, match.kwargs,
                    match.route]
        clear_url_caches()
    return results
