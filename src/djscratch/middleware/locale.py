"""LocaleMiddleware (django/middleware/locale.py): activates the language a
request asks for (URL prefix under i18n_patterns(), cookie,
Accept-Language), redirects an unprefixed URL of i18n_patterns() to the
language's prefix, and sets Content-Language.  djscratch's texts stay
English; the language code is tracked as Django tracks it.
"""

from djscratch.conf import settings
from djscratch.http.response import HttpResponseRedirect
from djscratch.urls.base import get_script_prefix, is_valid_path
from djscratch.utils.cache import patch_vary_headers
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.utils.translation import (
    activate, get_language, get_language_from_path, get_language_from_request,
)
from djscratch.views.i18n import is_language_prefix_patterns_used


class LocaleMiddleware(MiddlewareMixin):
    """Pick the request's language and activate it for the request."""

    response_redirect_class = HttpResponseRedirect

    def get_fallback_language(self, request):
        """The language when the request names none (LANGUAGE_CODE)."""
        return settings.LANGUAGE_CODE

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, _ = is_language_prefix_patterns_used(urlconf)
        language = get_language_from_request(request, check_path=i18n_patterns_used)
        if not language:
            language = self.get_fallback_language(request)
        activate(language)
        request.LANGUAGE_CODE = get_language()

    def process_response(self, request, response):
        language = get_language()
        language_from_path = get_language_from_path(request.path_info)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = (
            is_language_prefix_patterns_used(urlconf))
        if (response.status_code == 404 and not language_from_path
                and i18n_patterns_used and prefixed_default_language):
            redirect = self._redirect_to_prefixed(request, language, urlconf)
            if redirect is not None:
                return redirect
        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response

    def _redirect_to_prefixed(self, request, language, urlconf):
        """The redirect to "/<language>/<path>" when that resolves (with
        the slash APPEND_SLASH would add), else None."""
        language_path = "/%s%s" % (language, request.path_info)
        path_valid = is_valid_path(language_path, urlconf)
        path_needs_slash = not path_valid and (
            settings.APPEND_SLASH and not language_path.endswith("/")
            and is_valid_path("%s/" % language_path, urlconf))
        if not (path_valid or path_needs_slash):
            return None
        script_prefix = get_script_prefix()
        language_url = request.get_full_path(
            force_append_slash=path_needs_slash).replace(
                script_prefix, "%s%s/" % (script_prefix, language), 1)
        redirect = self.response_redirect_class(language_url)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect
