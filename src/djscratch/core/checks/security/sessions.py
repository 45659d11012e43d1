"""The session cookie checks (django/core/checks/security/sessions.py):
SESSION_COOKIE_SECURE (security.W010-W012) and SESSION_COOKIE_HTTPONLY
(W013-W015), one warning for the sessions app, one for its middleware, a
third when both are there.
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Warning
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_session_cookie_secure", "check_session_cookie_httponly",
]

_SESSIONS_APP_HAS = "You have 'django.contrib.sessions' in your INSTALLED_APPS, "
_SESSIONS_MIDDLEWARE_HAS = ("You have 'django.contrib.sessions.middleware."
                            "SessionMiddleware' in your MIDDLEWARE, ")
_NOT_SECURE = "but you have not set SESSION_COOKIE_SECURE to True."
_NOT_HTTPONLY = "but you have not set SESSION_COOKIE_HTTPONLY to True."


def add_session_cookie_message(message):
    """Django's reason for a secure-only session cookie, after `message`."""
    return message + (
        " Using a secure-only session cookie makes it more difficult for "
        "network traffic sniffers to hijack user sessions.")


def add_httponly_message(message):
    """Django's reason for an HttpOnly session cookie, after `message`."""
    return message + (
        " Using an HttpOnly session cookie makes it more difficult for "
        "cross-site scripting attacks to hijack user sessions.")


_SECURITY_W010 = Warning(
    add_session_cookie_message(_SESSIONS_APP_HAS + _NOT_SECURE), id="security.W010")
_SECURITY_W011 = Warning(
    add_session_cookie_message(_SESSIONS_MIDDLEWARE_HAS + _NOT_SECURE),
    id="security.W011")
_SECURITY_W012 = Warning(
    add_session_cookie_message("SESSION_COOKIE_SECURE is not set to True."),
    id="security.W012")
_SECURITY_W013 = Warning(
    add_httponly_message(_SESSIONS_APP_HAS + _NOT_HTTPONLY), id="security.W013")
_SECURITY_W014 = Warning(
    add_httponly_message(_SESSIONS_MIDDLEWARE_HAS + _NOT_HTTPONLY),
    id="security.W014")
_SECURITY_W015 = Warning(
    add_httponly_message("SESSION_COOKIE_HTTPONLY is not set to True."),
    id="security.W015")


def _session_middleware():
    return ("django.contrib.sessions.middleware.SessionMiddleware"
            in settings.MIDDLEWARE)


def _session_app():
    return "django.contrib.sessions" in settings.INSTALLED_APPS


def _session_cookie_warnings(setting, app_warning, middleware_warning, both):
    """The warning for a session cookie flag that is not True."""
    if getattr(settings, setting) is True:
        return []
    found = ([app_warning] if _session_app() else []) + (
        [middleware_warning] if _session_middleware() else [])
    return [both] if len(found) > 1 else found


@register(Tags.security, deploy=True)
def check_session_cookie_secure(app_configs, **kwargs):
    """security.W010/W011/W012: SESSION_COOKIE_SECURE is not True."""
    return _session_cookie_warnings("SESSION_COOKIE_SECURE", _SECURITY_W010,
                                    _SECURITY_W011, _SECURITY_W012)


@register(Tags.security, deploy=True)
def check_session_cookie_httponly(app_configs, **kwargs):
    """security.W013/W014/W015: SESSION_COOKIE_HTTPONLY is not True."""
    return _session_cookie_warnings("SESSION_COOKIE_HTTPONLY", _SECURITY_W013,
                                    _SECURITY_W014, _SECURITY_W015)
