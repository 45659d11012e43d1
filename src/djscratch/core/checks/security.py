"""Django's deployment checks (django/core/checks/security/): the
settings `check --deploy` reports, with Django's ids and texts.
"""

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "SECURITY_CHECK_MESSAGES",
]


# The texts of Django's security checks (django.core.checks.security): they
# are Django's public output, kept word for word so tools that read them work.
_SECRET_KEY_WARNING = (
    "Your %s has less than 50 characters, less than 5 unique characters, or "
    "it's prefixed with 'django-insecure-' indicating that it was generated "
    "automatically by Django. Please generate a long and random value, otherwise "
    "many of Django's security-critical features will be vulnerable to attack.")
_SESSION_SECURE_TAIL = (" Using a secure-only session cookie makes it more "
                        "difficult for network traffic sniffers to hijack user "
                        "sessions.")
_SESSION_HTTPONLY_TAIL = (" Using an HttpOnly session cookie makes it more "
                          "difficult for cross-site scripting attacks to hijack "
                          "user sessions.")
_SESSIONS_APP_HAS = "You have 'django.contrib.sessions' in your INSTALLED_APPS, "
_SESSIONS_MIDDLEWARE_HAS = ("You have 'django.contrib.sessions.middleware."
                            "SessionMiddleware' in your MIDDLEWARE, ")
REFERRER_POLICY_VALUES = {
    "no-referrer", "no-referrer-when-downgrade", "origin",
    "origin-when-cross-origin", "same-origin", "strict-origin",
    "strict-origin-when-cross-origin", "unsafe-url",
}
CROSS_ORIGIN_OPENER_POLICY_VALUES = {
    "same-origin", "same-origin-allow-popups", "unsafe-none"}
SECURITY_CHECK_MESSAGES = {
    "security.W001": (
        "You do not have 'django.middleware.security.SecurityMiddleware' in your "
        "MIDDLEWARE so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, "
        "SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and "
        "SECURE_SSL_REDIRECT settings will have no effect."),
    "security.W002": (
        "You do not have 'django.middleware.clickjacking.XFrameOptionsMiddleware' "
        "in your MIDDLEWARE, so your pages will not be served with an "
        "'x-frame-options' header. Unless there is a good reason for your site to "
        "be served in a frame, you should consider enabling this header to help "
        "prevent clickjacking attacks."),
    "security.W003": (
        "You don't appear to be using Django's built-in cross-site request "
        "forgery protection via the middleware ('django.middleware.csrf."
        "CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware "
        "is the safest approach to ensure you don't leave any holes."),
    "security.W004": (
        "You have not set a value for the SECURE_HSTS_SECONDS setting. If your "
        "entire site is served only over SSL, you may want to consider setting a "
        "value and enabling HTTP Strict Transport Security. Be sure to read the "
        "documentation first; enabling HSTS carelessly can cause serious, "
        "irreversible problems."),
    "security.W005": (
        "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. "
        "Without this, your site is potentially vulnerable to attack via an "
        "insecure connection to a subdomain. Only set this to True if you are "
        "certain that all subdomains of your domain should be served exclusively "
        "via SSL."),
    "security.W006": (
        "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your "
        "pages will not be served with an 'X-Content-Type-Options: nosniff' "
        "header. You should consider enabling this header to prevent the browser "
        "from identifying content types incorrectly."),
    "security.W008": (
        "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site "
        "should be available over both SSL and non-SSL connections, you may want "
        "to either set this setting True or configure a load balancer or "
        "reverse-proxy server to redirect all connections to HTTPS."),
    "security.W009": _SECRET_KEY_WARNING % "SECRET_KEY",
    "security.W010": _SESSIONS_APP_HAS + (
        "but you have not set SESSION_COOKIE_SECURE to True."
        + _SESSION_SECURE_TAIL),
    "security.W011": _SESSIONS_MIDDLEWARE_HAS + (
        "but you have not set SESSION_COOKIE_SECURE to True."
        + _SESSION_SECURE_TAIL),
    "security.W012": "SESSION_COOKIE_SECURE is not set to True." + _SESSION_SECURE_TAIL,
    "security.W013": _SESSIONS_APP_HAS + (
        "but you have not set SESSION_COOKIE_HTTPONLY to True."
        + _SESSION_HTTPONLY_TAIL),
    "security.W014": _SESSIONS_MIDDLEWARE_HAS + (
        "but you have not set SESSION_COOKIE_HTTPONLY to True."
        + _SESSION_HTTPONLY_TAIL),
    "security.W015": ("SESSION_COOKIE_HTTPONLY is not set to True."
                      + _SESSION_HTTPONLY_TAIL),
    "security.W016": (
        "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, "
        "but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only "
        "CSRF cookie makes it more difficult for network traffic sniffers to "
        "steal the CSRF token."),
    "security.W018": "You should not have DEBUG set to True in deployment.",
    "security.W019": (
        "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in "
        "your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. Unless there "
        "is a good reason for your site to serve other parts of itself in a "
        "frame, you should change it to 'DENY'."),
    "security.W020": "ALLOWED_HOSTS must not be empty in deployment.",
    "security.W021": (
        "You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, "
        "your site cannot be submitted to the browser preload list."),
    "security.W022": (
        "You have not set the SECURE_REFERRER_POLICY setting. Without this, your "
        "site will not send a Referrer-Policy header. You should consider "
        "enabling this header to protect user privacy."),
    "security.E023": (
        "You have set the SECURE_REFERRER_POLICY setting to an invalid value."),
    "security.E024": (
        "You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an "
        "invalid value."),
}
_SECURITY_CHECK_HINTS = {
    "security.E023": "Valid values are: %s." % ", ".join(
        sorted(REFERRER_POLICY_VALUES)),
    "security.E024": "Valid values are: %s." % ", ".join(
        sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES)),
}


def _security_message(check_id, text=None):
    """Return the check message of Django's security set for `check_id`."""
    cls = Error if ".E" in check_id else Warning
    return cls(text or SECURITY_CHECK_MESSAGES[check_id],
               hint=_SECURITY_CHECK_HINTS.get(check_id), id=check_id)


def _strong_secret_key(key):
    return (len(key) >= 50 and len(set(key)) >= 5
            and not key.startswith("django-insecure-"))


def _deploy_check_ids():
    """Yield the ids (or (id, text) pairs) of Django's deployment checks that
    the settings fail, in the order Django runs them."""
    middleware = settings.MIDDLEWARE
    security = "django.middleware.security.SecurityMiddleware" in middleware
    xframe = "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware
    csrf = "django.middleware.csrf.CsrfViewMiddleware" in middleware
    if not security:
        yield "security.W001"
    if not xframe:
        yield "security.W002"
    if security:
        hsts = settings.SECURE_HSTS_SECONDS
        if not hsts:
            yield "security.W004"
        if hsts and settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is not True:
            yield "security.W005"
        if hsts and settings.SECURE_HSTS_PRELOAD is not True:
            yield "security.W021"
        if settings.SECURE_CONTENT_TYPE_NOSNIFF is not True:
            yield "security.W006"
        if settings.SECURE_SSL_REDIRECT is not True:
            yield "security.W008"
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # an empty key is refused when read
        key = ""
    if not _strong_secret_key(key):
        yield "security.W009"
    for index, fallback in enumerate(settings.SECRET_KEY_FALLBACKS):
        if not _strong_secret_key(fallback):
            yield ("security.W025",
                   _SECRET_KEY_WARNING % f"SECRET_KEY_FALLBACKS[{index}]")
    if settings.DEBUG:
        yield "security.W018"
    if xframe and settings.X_FRAME_OPTIONS != "DENY":
        yield "security.W019"
    if not settings.ALLOWED_HOSTS:
        yield "security.W020"
    if security:
        policy = settings.SECURE_REFERRER_POLICY
        if policy is None:
            yield "security.W022"
        else:
            values = ({v.strip() for v in policy.split(",")}
                      if isinstance(policy, str) else set(policy))
            if not values <= REFERRER_POLICY_VALUES:
                yield "security.E023"
        coop = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        if coop is not None and coop not in CROSS_ORIGIN_OPENER_POLICY_VALUES:
            yield "security.E024"
    if not csrf:
        yield "security.W003"
    elif not settings.CSRF_USE_SESSIONS and settings.CSRF_COOKIE_SECURE is not True:
        yield "security.W016"
    yield from _session_cookie_check_ids("SESSION_COOKIE_SECURE",
                                         ("security.W010", "security.W011",
                                          "security.W012"))
    yield from _session_cookie_check_ids("SESSION_COOKIE_HTTPONLY",
                                         ("security.W013", "security.W014",
                                          "security.W015"))


def _session_cookie_check_ids(setting, ids):
    """Yield Django's warning for a session cookie flag that is not True: one
    id for the sessions app, one for the middleware, a third for both."""
    if getattr(settings, setting) is True:
        return
    app = "django.contrib.sessions" in settings.INSTALLED_APPS
    middleware = ("django.contrib.sessions.middleware.SessionMiddleware"
                  in settings.MIDDLEWARE)
    if app and middleware:
        yield ids[2]
    elif app:
        yield ids[0]
    elif middleware:
        yield ids[1]


@register(Tags.security, deploy=True)
def check_deployment_settings(app_configs, **kwargs):
    """Django's security.W001 ... E024 checks, in the order Django runs them."""
    return [_security_message(*(found if isinstance(found, tuple) else (found,)))
            for found in _deploy_check_ids()]
