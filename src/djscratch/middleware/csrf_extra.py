"""CsrfViewMiddleware's methods a plain page's first response never runs: the
single file keeps them in a section, and CsrfViewMiddleware defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import urllib.parse

from djscratch.core.exceptions import DisallowedHost
from djscratch.conf import settings
from djscratch.utils.log import _get_logger, _log_response
from djscratch.utils.http import is_same_domain
from djscratch.http.request import UnreadablePostError
from djscratch.middleware.csrf import (
    InvalidTokenFormat, REASON_BAD_REFERER, REASON_CSRF_TOKEN_MISSING,
    REASON_INSECURE_REFERER, REASON_MALFORMED_REFERER, REASON_NO_CSRF_COOKIE,
    REASON_NO_REFERER, RejectRequest, _check_token_format, _csrf_failure_view,
    _does_token_match,
)


class _CsrfViewMiddlewareMore:
    """CsrfViewMiddleware's methods defined on first use (never instantiated)."""

    def _reject(self, request, reason):
        response = _csrf_failure_view()(request, reason=reason)
        _log_response("Forbidden (%s): %s", reason, request.path, response=response,
                      request=request, logger=_get_logger("django.security.csrf"))
        return response

    def _origin_verified(self, request):
        origin = request.META["HTTP_ORIGIN"]
        try:
            good_host = request.get_host()
        except DisallowedHost:
            pass
        else:
            scheme = "https" if request.is_secure() else "http"
            if origin == "%s://%s" % (scheme, good_host):
                return True
        if origin in self.allowed_origins_exact:
            return True
        try:
            parsed = urllib.parse.urlsplit(origin)
        except ValueError:
            return False
        return any(is_same_domain(parsed.netloc, host)
                   for host in self.allowed_origin_subdomains.get(parsed.scheme, ()))

    def _check_referer(self, request):
        referer = request.META.get("HTTP_REFERER")
        if referer is None:
            raise RejectRequest(REASON_NO_REFERER)
        try:
            parsed = urllib.parse.urlsplit(referer)
        except ValueError:
            raise RejectRequest(REASON_MALFORMED_REFERER) from None
        if "" in (parsed.scheme, parsed.netloc):
            raise RejectRequest(REASON_MALFORMED_REFERER)
        if parsed.scheme != "https":
            raise RejectRequest(REASON_INSECURE_REFERER)
        if any(is_same_domain(parsed.netloc, host)
               for host in self.csrf_trusted_origins_hosts):
            return
        good = (settings.SESSION_COOKIE_DOMAIN if settings.CSRF_USE_SESSIONS
                else settings.CSRF_COOKIE_DOMAIN)
        if good is None:
            try:
                good = request.get_host()
            except DisallowedHost:
                raise RejectRequest(REASON_BAD_REFERER % parsed.geturl()) from None
        else:
            port = request.get_port()
            if port not in ("443", "80"):
                good = "%s:%s" % (good, port)
        if not is_same_domain(parsed.netloc, good):
            raise RejectRequest(REASON_BAD_REFERER % parsed.geturl())

    def _bad_token_message(self, reason, source):
        if source != "POST":
            header = source.removeprefix("HTTP_").replace("_", "-").title()
            source = "the %r HTTP header" % header
        return "CSRF token from %s %s." % (source, reason)

    def _check_token(self, request):
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat as exc:
            raise RejectRequest("CSRF cookie %s." % exc.reason) from None
        if secret is None:
            raise RejectRequest(REASON_NO_CSRF_COOKIE)
        token = ""
        if request.method == "POST":
            try:
                token = request.POST.get("csrfmiddlewaretoken", "")
            except UnreadablePostError:  # the client went away mid-body: 403
                pass  # (any other OSError, a full disk say, propagates)
        if token == "":
            try:
                token = request.META[settings.CSRF_HEADER_NAME]
            except KeyError:
                raise RejectRequest(REASON_CSRF_TOKEN_MISSING) from None
            source = settings.CSRF_HEADER_NAME
        else:
            source = "POST"
        try:
            _check_token_format(token)
        except InvalidTokenFormat as exc:
            raise RejectRequest(self._bad_token_message(exc.reason, source)) from None
        if not _does_token_match(token, secret):
            raise RejectRequest(self._bad_token_message("incorrect", source))
