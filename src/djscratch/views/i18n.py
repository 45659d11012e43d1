"""set_language (django/views/i18n.py): the view a language chooser posts to;
it sets the language cookie and redirects.  djscratch has no catalogues and
no i18n_patterns, so the URL to go to is never translated.
"""

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.http import url_has_allowed_host_and_scheme
from djscratch.utils.translation import check_for_language
from djscratch.http.response import HttpResponse, HttpResponseRedirect
from djscratch.urls.conf import path

__all__ = ["set_language", "LANGUAGE_QUERY_PARAMETER", "i18n_patterns",
           "is_language_prefix_patterns_used"]

LANGUAGE_QUERY_PARAMETER = "language"


def _safe_next_url(request, next_url):
    """`next_url` when it stays on this site, else the Referer when that does,
    else "/" (as Django)."""
    if not (next_url or request.accepts("text/html")):
        return next_url
    secure = request.is_secure()
    hosts = {request.get_host()}
    if url_has_allowed_host_and_scheme(url=next_url, allowed_hosts=hosts,
                                       require_https=secure):
        return next_url
    referer = request.META.get("HTTP_REFERER")
    if url_has_allowed_host_and_scheme(url=referer, allowed_hosts=hosts,
                                       require_https=secure):
        return referer
    return "/"


def set_language(request):
    """Redirect to `next` (204 without one); on POST, also set the language
    cookie to the `language` parameter when Django knows that language."""
    next_url = _safe_next_url(request, request.POST.get(
        "next", request.GET.get("next")))
    response = HttpResponseRedirect(next_url) if next_url else HttpResponse(status=204)
    if request.method == "POST":
        lang_code = request.POST.get(LANGUAGE_QUERY_PARAMETER)
        if lang_code and check_for_language(lang_code):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, lang_code,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


# -- django.conf.urls.i18n: the set_language URL; no language prefixes.


def i18n_patterns(*urls, prefix_default_language=True):
    """Django prefixes these URLs with the active language; djscratch has no
    language-prefixed URLs, so with USE_I18N on (where Django would prefix)
    it refuses, and with it off returns the URLs, as Django does."""
    if not settings.USE_I18N:
        return list(urls)
    raise ImproperlyConfigured(
        "djscratch does not implement i18n_patterns() (language-prefixed URLs): "
        "set USE_I18N = False, or run on Django (DJSCRATCH_ENGINE=django).")


def is_language_prefix_patterns_used(urlconf):
    """(whether i18n_patterns() is used, whether the default language is
    prefixed): never, on djscratch."""
    return False, False


#: include("django.conf.urls.i18n"): the set_language view.
i18n_urlpatterns = [path("setlang/", set_language, name="set_language")]
