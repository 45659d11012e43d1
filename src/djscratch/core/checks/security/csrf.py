"""The CSRF checks (django/core/checks/security/csrf.py): security.W003 (no
CsrfViewMiddleware) and W016 (an insecure CSRF cookie) with --deploy, and
E101/E102 (a CSRF_FAILURE_VIEW that cannot be imported or called) always.
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags
from djscratch.middleware.csrf import _csrf_failure_view

__all__ = [
    "check_csrf_middleware", "check_csrf_cookie_secure", "check_csrf_failure_view",
]

_SECURITY_W003 = Warning(
    "You don't appear to be using Django's built-in cross-site request "
    "forgery protection via the middleware ('django.middleware.csrf."
    "CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware "
    "is the safest approach to ensure you don't leave any holes.",
    id="security.W003")
_SECURITY_W016 = Warning(
    "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, "
    "but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only "
    "CSRF cookie makes it more difficult for network traffic sniffers to "
    "steal the CSRF token.",
    id="security.W016")


def _csrf_middleware():
    return "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs, **kwargs):
    """security.W003: CsrfViewMiddleware is not in MIDDLEWARE."""
    return [] if _csrf_middleware() else [_SECURITY_W003]


@register(Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs, **kwargs):
    """security.W016: the CSRF cookie may travel over plain HTTP."""
    passed = (settings.CSRF_USE_SESSIONS or not _csrf_middleware()
              or settings.CSRF_COOKIE_SECURE is True)
    return [] if passed else [_SECURITY_W016]


@register(Tags.security)
def check_csrf_failure_view(app_configs, **kwargs):
    """security.E102 (the view does not import), E101 (it cannot be called as
    view(request, reason=...))."""
    try:
        view = _csrf_failure_view()
    except ImportError:
        return [Error("The CSRF failure view '%s' could not be imported."
                      % settings.CSRF_FAILURE_VIEW, id="security.E102")]
    import inspect

    try:
        inspect.signature(view).bind(None, reason=None)
    except TypeError:
        return [Error("The CSRF failure view '%s' does not take the correct "
                      "number of arguments." % settings.CSRF_FAILURE_VIEW,
                      id="security.E101")]
    return []
