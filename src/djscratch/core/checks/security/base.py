"""The general deployment checks (django/core/checks/security/base.py):
SecurityMiddleware, HSTS, X-Frame-Options, SECRET_KEY and its fallbacks,
DEBUG, ALLOWED_HOSTS, Referrer-Policy, Cross-Origin-Opener-Policy
(security.W001 ... E024, W025).  The flat file names the messages
_SECURITY_<id>; `django.core.checks.security.base.W001` finds them.
"""

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_security_middleware", "check_xframe_options_middleware", "check_sts",
    "check_sts_include_subdomains", "check_sts_preload",
    "check_content_type_nosniff", "check_ssl_redirect", "check_secret_key",
    "check_secret_key_fallbacks", "check_debug", "check_xframe_deny",
    "check_allowed_hosts", "check_referrer_policy",
    "check_cross_origin_opener_policy",
]

CROSS_ORIGIN_OPENER_POLICY_VALUES = {
    "same-origin", "same-origin-allow-popups", "unsafe-none"}
REFERRER_POLICY_VALUES = {
    "no-referrer", "no-referrer-when-downgrade", "origin",
    "origin-when-cross-origin", "same-origin", "strict-origin",
    "strict-origin-when-cross-origin", "unsafe-url",
}
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5

# The texts are Django's public output, kept word for word so that tools (and
# tests) that compare them keep working.
SECRET_KEY_WARNING_MSG = (
    "Your %s has less than 50 characters, less than 5 unique characters, or "
    "it's prefixed with 'django-insecure-' indicating that it was generated "
    "automatically by Django. Please generate a long and random value, otherwise "
    "many of Django's security-critical features will be vulnerable to attack.")

_SECURITY_W001 = Warning(
    "You do not have 'django.middleware.security.SecurityMiddleware' in your "
    "MIDDLEWARE so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, "
    "SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and "
    "SECURE_SSL_REDIRECT settings will have no effect.",
    id="security.W001")
_SECURITY_W002 = Warning(
    "You do not have 'django.middleware.clickjacking.XFrameOptionsMiddleware' "
    "in your MIDDLEWARE, so your pages will not be served with an "
    "'x-frame-options' header. Unless there is a good reason for your site to "
    "be served in a frame, you should consider enabling this header to help "
    "prevent clickjacking attacks.",
    id="security.W002")
_SECURITY_W004 = Warning(
    "You have not set a value for the SECURE_HSTS_SECONDS setting. If your "
    "entire site is served only over SSL, you may want to consider setting a "
    "value and enabling HTTP Strict Transport Security. Be sure to read the "
    "documentation first; enabling HSTS carelessly can cause serious, "
    "irreversible problems.",
    id="security.W004")
_SECURITY_W005 = Warning(
    "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. "
    "Without this, your site is potentially vulnerable to attack via an "
    "insecure connection to a subdomain. Only set this to True if you are "
    "certain that all subdomains of your domain should be served exclusively "
    "via SSL.",
    id="security.W005")
_SECURITY_W006 = Warning(
    "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your "
    "pages will not be served with an 'X-Content-Type-Options: nosniff' "
    "header. You should consider enabling this header to prevent the browser "
    "from identifying content types incorrectly.",
    id="security.W006")
_SECURITY_W008 = Warning(
    "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site "
    "should be available over both SSL and non-SSL connections, you may want "
    "to either set this setting True or configure a load balancer or "
    "reverse-proxy server to redirect all connections to HTTPS.",
    id="security.W008")
_SECURITY_W009 = Warning(SECRET_KEY_WARNING_MSG % "SECRET_KEY", id="security.W009")
_SECURITY_W018 = Warning(
    "You should not have DEBUG set to True in deployment.", id="security.W018")
_SECURITY_W019 = Warning(
    "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in "
    "your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. Unless there "
    "is a good reason for your site to serve other parts of itself in a "
    "frame, you should change it to 'DENY'.",
    id="security.W019")
_SECURITY_W020 = Warning(
    "ALLOWED_HOSTS must not be empty in deployment.", id="security.W020")
_SECURITY_W021 = Warning(
    "You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, "
    "your site cannot be submitted to the browser preload list.",
    id="security.W021")
_SECURITY_W022 = Warning(
    "You have not set the SECURE_REFERRER_POLICY setting. Without this, your "
    "site will not send a Referrer-Policy header. You should consider "
    "enabling this header to protect user privacy.",
    id="security.W022")
_SECURITY_E023 = Error(
    "You have set the SECURE_REFERRER_POLICY setting to an invalid value.",
    hint="Valid values are: %s." % ", ".join(sorted(REFERRER_POLICY_VALUES)),
    id="security.E023")
_SECURITY_E024 = Error(
    "You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid "
    "value.",
    hint="Valid values are: %s." % ", ".join(
        sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES)),
    id="security.E024")
# The fallbacks' warning: its text names the entry, "SECRET_KEY_FALLBACKS[0]".
_SECURITY_W025 = Warning(SECRET_KEY_WARNING_MSG, id="security.W025")


def _security_middleware():
    return "django.middleware.security.SecurityMiddleware" in settings.MIDDLEWARE


def _xframe_middleware():
    return ("django.middleware.clickjacking.XFrameOptionsMiddleware"
            in settings.MIDDLEWARE)


def _unless(passed, message):
    """Django's check idiom: no message when the check passed."""
    return [] if passed else [message]


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs, **kwargs):
    """security.W001: SecurityMiddleware is not in MIDDLEWARE."""
    return _unless(_security_middleware(), _SECURITY_W001)


@register(Tags.security, deploy=True)
def check_xframe_options_middleware(app_configs, **kwargs):
    """security.W002: XFrameOptionsMiddleware is not in MIDDLEWARE."""
    return _unless(_xframe_middleware(), _SECURITY_W002)


@register(Tags.security, deploy=True)
def check_sts(app_configs, **kwargs):
    """security.W004: SECURE_HSTS_SECONDS is not set."""
    return _unless(not _security_middleware() or settings.SECURE_HSTS_SECONDS,
                   _SECURITY_W004)


@register(Tags.security, deploy=True)
def check_sts_include_subdomains(app_configs, **kwargs):
    """security.W005: HSTS without SECURE_HSTS_INCLUDE_SUBDOMAINS = True."""
    return _unless(
        not _security_middleware() or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True, _SECURITY_W005)


@register(Tags.security, deploy=True)
def check_sts_preload(app_configs, **kwargs):
    """security.W021: HSTS without SECURE_HSTS_PRELOAD = True."""
    return _unless(
        not _security_middleware() or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_PRELOAD is True, _SECURITY_W021)


@register(Tags.security, deploy=True)
def check_content_type_nosniff(app_configs, **kwargs):
    """security.W006: SECURE_CONTENT_TYPE_NOSNIFF is not True."""
    return _unless(
        not _security_middleware() or settings.SECURE_CONTENT_TYPE_NOSNIFF is True,
        _SECURITY_W006)


@register(Tags.security, deploy=True)
def check_ssl_redirect(app_configs, **kwargs):
    """security.W008: SECURE_SSL_REDIRECT is not True."""
    return _unless(
        not _security_middleware() or settings.SECURE_SSL_REDIRECT is True,
        _SECURITY_W008)


def _check_secret_key(secret_key):
    """Whether a key is long, varied and not one startproject generated."""
    return (len(set(secret_key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
            and len(secret_key) >= SECRET_KEY_MIN_LENGTH
            and not secret_key.startswith(SECRET_KEY_INSECURE_PREFIX))


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """security.W009: SECRET_KEY is short, repetitive, or django-insecure-."""
    try:
        passed = _check_secret_key(settings.SECRET_KEY)
    except (ImproperlyConfigured, AttributeError):  # empty or missing
        passed = False
    return _unless(passed, _SECURITY_W009)


@register(Tags.security, deploy=True)
def check_secret_key_fallbacks(app_configs, **kwargs):
    """security.W025, once for each weak entry of SECRET_KEY_FALLBACKS."""
    try:
        fallbacks = settings.SECRET_KEY_FALLBACKS
    except (ImproperlyConfigured, AttributeError):
        return [Warning(_SECURITY_W025.msg % "SECRET_KEY_FALLBACKS",
                        id=_SECURITY_W025.id)]
    return [Warning(_SECURITY_W025.msg % f"SECRET_KEY_FALLBACKS[{index}]",
                    id=_SECURITY_W025.id)
            for index, key in enumerate(fallbacks) if not _check_secret_key(key)]


@register(Tags.security, deploy=True)
def check_debug(app_configs, **kwargs):
    """security.W018: DEBUG is on."""
    return _unless(not settings.DEBUG, _SECURITY_W018)


@register(Tags.security, deploy=True)
def check_xframe_deny(app_configs, **kwargs):
    """security.W019: X_FRAME_OPTIONS is not 'DENY'."""
    return _unless(not _xframe_middleware() or settings.X_FRAME_OPTIONS == "DENY",
                   _SECURITY_W019)


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs, **kwargs):
    """security.W020: ALLOWED_HOSTS is empty."""
    return _unless(settings.ALLOWED_HOSTS, _SECURITY_W020)


@register(Tags.security, deploy=True)
def check_referrer_policy(app_configs, **kwargs):
    """security.W022 (no SECURE_REFERRER_POLICY) and E023 (an unknown value)."""
    if not _security_middleware():
        return []
    policy = settings.SECURE_REFERRER_POLICY
    if policy is None:
        return [_SECURITY_W022]
    # A comma-separated string or an iterable: browsers take the last they know.
    if isinstance(policy, str):
        values = {value.strip() for value in policy.split(",")}
    else:
        values = set(policy)
    return _unless(values <= REFERRER_POLICY_VALUES, _SECURITY_E023)


@register(Tags.security, deploy=True)
def check_cross_origin_opener_policy(app_configs, **kwargs):
    """security.E024: SECURE_CROSS_ORIGIN_OPENER_POLICY has an unknown value."""
    policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    return _unless(
        not _security_middleware() or policy is None
        or policy in CROSS_ORIGIN_OPENER_POLICY_VALUES, _SECURITY_E024)
