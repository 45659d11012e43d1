"""django.views.i18n.set_language and check_for_language(), run on real Django
(tests/gen_set_language_expected.py records the results) and on djscratch
(tests/test_set_language.py compares).  The same text runs on both.
"""

from django.test import RequestFactory
from django.utils.translation import check_for_language, to_locale
from django.views.i18n import set_language

urlpatterns = []  # the ROOT_URLCONF: set_language's translate_url() finds no page

CODES = ["en", "en-us", "en-gb", "fr", "fr-ca", "de-at", "pt-br", "zh-hans",
         "sr-latn", "xx", "klingon", "", "en_US", "EN", "de@euro", "a" * 501,
         "en-", "-en", "fr/../../", "zh-hant", "es-419"]

REQUESTS = {
    "post_known": ("post", {"language": "fr", "next": "/after/"}, {}),
    "post_unknown": ("post", {"language": "xx", "next": "/after/"}, {}),
    "post_no_language": ("post", {"next": "/after/"}, {}),
    "post_unsafe_next": ("post", {"language": "de", "next": "https://evil.com/"},
                         {}),
    "post_unsafe_next_referer": (
        "post", {"language": "de", "next": "https://evil.com/"},
        {"HTTP_REFERER": "http://testserver/from/"}),
    "post_unsafe_referer": ("post", {"language": "de"},
                            {"HTTP_REFERER": "https://evil.com/"}),
    "post_json_no_next": ("post", {"language": "de"},
                          {"HTTP_ACCEPT": "application/json"}),
    "post_html_no_next": ("post", {"language": "de"},
                          {"HTTP_ACCEPT": "text/html"}),
    "get_with_language": ("get", {"language": "fr", "next": "/after/"}, {}),
    "get_next_in_query": ("get", {"next": "/q/"}, {}),
}


def _response(method, data, extra):
    request = getattr(RequestFactory(), method)("/i18n/setlang/", data, **extra)
    response = set_language(request)
    cookie = response.cookies.get("django_language")
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "cookie": None if cookie is None else [
            cookie.value, cookie["path"], cookie["max-age"], cookie["samesite"],
            bool(cookie["httponly"]), bool(cookie["secure"])],
    }


def run():
    """Return what check_for_language() and set_language answer."""
    out = {"check_for_language": {c[:20]: check_for_language(c) for c in CODES},
           "to_locale": {c: to_locale(c) for c in CODES if c and len(c) < 20}}
    for key, (method, data, extra) in REQUESTS.items():
        out["set_language_" + key] = _response(method, data, extra)
    return out
