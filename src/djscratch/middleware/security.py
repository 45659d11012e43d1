"""SecurityMiddleware (django/middleware/security.py).
"""

from djscratch.conf import settings
from djscratch.http.response import HttpResponsePermanentRedirect
from djscratch.utils.deprecation import MiddlewareMixin

__all__ = [
    "SecurityMiddleware",
]


# -- Security headers, URL canonicalisation, framing, compression, caching ----

class SecurityMiddleware(MiddlewareMixin):
    """Add security headers and redirect HTTP to HTTPS, per the SECURE_* settings."""

    def process_request(self, request):
        import re

        if not settings.SECURE_SSL_REDIRECT or request.is_secure():
            return None
        path = request.path.lstrip("/")
        if any(re.search(pattern, path) for pattern in settings.SECURE_REDIRECT_EXEMPT):
            return None
        host = settings.SECURE_SSL_HOST or request.get_host()
        return HttpResponsePermanentRedirect(
            "https://%s%s" % (host, request.get_full_path()))

    def process_response(self, request, response):
        seconds = settings.SECURE_HSTS_SECONDS
        if seconds and request.is_secure() and (
                "Strict-Transport-Security" not in response):
            value = "max-age=%s" % seconds
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                value += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                value += "; preload"
            response.headers["Strict-Transport-Security"] = value
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        policy = settings.SECURE_REFERRER_POLICY
        if policy:
            values = policy.split(",") if isinstance(policy, str) else policy
            response.headers.setdefault(
                "Referrer-Policy", ",".join(value.strip() for value in values))
        coop = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        if coop:
            response.headers.setdefault("Cross-Origin-Opener-Policy", coop)
        return response
