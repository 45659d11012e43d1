"""SessionMiddleware
(django/contrib/sessions/middleware.py).
"""

import time

from djscratch.utils.module_loading import import_string
from djscratch.conf import _settings_derived, settings
from djscratch.utils.http import http_date
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.http.request import _promise_attribute, _promised_unbuilt
from djscratch.utils.cache import patch_vary_headers
from djscratch.contrib.sessions.backends import SessionInterrupted, UpdateError

__all__ = [
    "SessionMiddleware",
]


@_settings_derived
def _session_store_class():
    """SESSION_ENGINE's SessionStore, imported once per change of settings."""
    return import_string(settings.SESSION_ENGINE + ".SessionStore")


def _session_from_cookie(request):
    """request.session as Django's middleware sets it: SESSION_ENGINE's
    store for the key the session cookie holds (None without one)."""
    store = _session_store_class()
    return store(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


class SessionMiddleware(MiddlewareMixin):
    """Attach `request.session` and send its cookie when it changed.

    The engine is SESSION_ENGINE's SessionStore.  An emptied session deletes
    the cookie; any access adds `Vary: Cookie`; 5xx responses do not save.
    """

    def process_request(self, request):
        # Built on first use (see _PromisedAttribute): the cookie is read
        # and the store made only for a request that looks at its session.
        _promise_attribute(request, "session", _session_from_cookie)

    def process_response(self, request, response):
        if _promised_unbuilt(request, "session") and (
                settings.SESSION_COOKIE_NAME not in request.COOKIES):
            # A session never used and without a cookie: not accessed, not
            # modified, empty; the general path below would do nothing.
            return response
        try:
            accessed = request.session.accessed
            modified = request.session.modified
            empty = request.session.is_empty()
        except AttributeError:
            return response
        name = settings.SESSION_COOKIE_NAME
        if name in request.COOKIES and empty:
            response.delete_cookie(
                name, path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE)
            patch_vary_headers(response, ("Cookie",))
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if (modified or settings.SESSION_SAVE_EVERY_REQUEST) and not empty:
            if request.session.get_expire_at_browser_close():
                max_age = expires = None
            else:
                max_age = request.session.get_expiry_age()
                expires = http_date(time.time() + max_age)
            if response.status_code < 500:
                try:
                    request.session.save()
                except UpdateError:
                    raise SessionInterrupted(
                        "The request's session was deleted before the request "
                        "completed. The user may have logged out in a concurrent "
                        "request, for example.") from None
                response.set_cookie(
                    name, request.session.session_key, max_age=max_age,
                    expires=expires, domain=settings.SESSION_COOKIE_DOMAIN,
                    path=settings.SESSION_COOKIE_PATH,
                    secure=settings.SESSION_COOKIE_SECURE or None,
                    httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                    samesite=settings.SESSION_COOKIE_SAMESITE)
                # A response setting the session cookie varies on Cookie, so
                # no cache hands it (and the session) to another visitor.
                patch_vary_headers(response, ("Cookie",))
        return response


def _session_promises(promised):
    """What SessionMiddleware.process_request does, as promises for
    _request_steps(): request.session, built from the cookie."""
    return (("session", _session_from_cookie),)


# It promises request.session; it never changes the request's host (see
# _common_request_idle()).
SessionMiddleware.process_request._djscratch_keeps_host = True
SessionMiddleware.process_request._djscratch_promises = _session_promises


def _session_response_plan(hook):
    """SessionMiddleware.process_response for _response_step(): nothing to
    do while the session was never read and the request sent no session
    cookie."""
    return ("unbuilt", "session", settings.SESSION_COOKIE_NAME)


SessionMiddleware.process_response._djscratch_response_plan = (
    _session_response_plan)
