"""SecurityMiddleware (django/middleware/security.py).
"""

from djscratch.conf import _settings_derived, settings
from djscratch.http.response import (
    _checked_header_items, _set_missing_headers, HttpResponsePermanentRedirect,
)
from djscratch.utils.deprecation import MiddlewareMixin

__all__ = [
    "SecurityMiddleware",
]


# -- Security headers, URL canonicalisation, framing, compression, caching ----

class SecurityMiddleware(MiddlewareMixin):
    """Add security headers and redirect HTTP to HTTPS, per the SECURE_* settings."""

    def process_request(self, request):
        if not settings.SECURE_SSL_REDIRECT or request.is_secure():
            return None
        import re

        path = request.path.lstrip("/")
        if any(re.search(pattern, path) for pattern in settings.SECURE_REDIRECT_EXEMPT):
            return None
        host = settings.SECURE_SSL_HOST or request.get_host()
        return HttpResponsePermanentRedirect(
            "https://%s%s" % (host, request.get_full_path()))

    def process_response(self, request, response):
        hsts, defaults = _security_headers()
        if hsts and request.is_secure() and (
                "Strict-Transport-Security" not in response):
            response.headers["Strict-Transport-Security"] = hsts
        _set_missing_headers(response.headers, defaults)
        return response


def _without_ssl_redirect(earlier):
    """Whether SecurityMiddleware.process_request does nothing for every
    request: without SECURE_SSL_REDIRECT it returns None at once (see
    _active_hooks())."""
    return not settings.SECURE_SSL_REDIRECT


SecurityMiddleware.process_request._djscratch_idle = _without_ssl_redirect
# It redirects or returns None; it never changes the request's host.
SecurityMiddleware.process_request._djscratch_keeps_host = True
# Nor does it remove a request attribute (see _request_steps()).
SecurityMiddleware.process_request._djscratch_keeps_promises = True


@_settings_derived
def _security_headers():
    """(the Strict-Transport-Security value or None, the headers set unless
    present, as _checked_header_items()) of the SECURE_* settings, built
    once per change."""
    hsts = None
    seconds = settings.SECURE_HSTS_SECONDS
    if seconds:
        hsts = "max-age=%s" % seconds
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
    defaults = []
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        defaults.append(("X-Content-Type-Options", "nosniff"))
    policy = settings.SECURE_REFERRER_POLICY
    if policy:
        values = policy.split(",") if isinstance(policy, str) else policy
        defaults.append(
            ("Referrer-Policy", ",".join(value.strip() for value in values)))
    coop = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if coop:
        defaults.append(("Cross-Origin-Opener-Policy", coop))
    return hsts, _checked_header_items(defaults)


def _security_response_plan(hook):
    """SecurityMiddleware.process_response for _response_step(): without
    SECURE_HSTS_SECONDS it sets the SECURE_* headers a response lacks."""
    hsts, defaults = _security_headers()
    if hsts:
        return None
    return ("headers", defaults, None)


SecurityMiddleware.process_response._djscratch_response_plan = (
    _security_response_plan)
