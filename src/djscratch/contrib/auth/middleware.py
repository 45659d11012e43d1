"""AuthenticationMiddleware (a lazy request.user), LoginRequiredMiddleware
and RemoteUserMiddleware (django/contrib/auth/middleware.py), and the `auth`
context processor (context_processors.py: user, perms).
"""

import functools
import warnings

import djscratch
from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin, RemovedInDjango61Warning
from djscratch.utils.functional import SimpleLazyObject
from djscratch.http.request import _has_attribute, _promise_attribute
from djscratch.contrib.auth.api import (
    BACKEND_SESSION_KEY, aauthenticate, alogin, alogout, authenticate, get_user,
    load_backend, login, logout,
)
from djscratch.contrib.auth.decorators import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.backends import RemoteUserBackend
from djscratch.contrib.auth.models import AnonymousUser
from djscratch.contrib.auth.decorators import _login_redirect

__all__ = [
    "AuthenticationMiddleware", "LoginRequiredMiddleware", "RemoteUserMiddleware",
    "PersistentRemoteUserMiddleware", "PermWrapper", "PermLookupDict",
]


def _cached_user(request):
    """The session's user, looked up once per request."""
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


async def _acached_user(request):
    """request.auser(): the same cached user, awaited (Django 5.0)."""
    return await _asgiref_sync().sync_to_async(_cached_user)(request)


def _lazy_user(request):
    """request.user as Django's middleware sets it: the session's user,
    looked up on first use."""
    return SimpleLazyObject(functools.partial(_cached_user, request))


def _lazy_auser(request):
    """request.auser as Django's middleware sets it."""
    return functools.partial(_acached_user, request)


class AuthenticationMiddleware(MiddlewareMixin):
    """Set request.user (lazily) from the session."""

    def process_request(self, request):
        if not _has_attribute(request, "session"):
            raise ImproperlyConfigured(
                "The Django authentication middleware requires session "
                "middleware to be installed. Edit your MIDDLEWARE setting to "
                "insert 'django.contrib.sessions.middleware.SessionMiddleware' "
                "before 'django.contrib.auth.middleware.AuthenticationMiddleware'.")
        # Lazy, as in Django: a request that never looks costs no query;
        # and the lazy objects themselves are made on first read.
        _promise_attribute(request, "user", _lazy_user)
        _promise_attribute(request, "auser", _lazy_auser)


def _auth_promises(promised):
    """What AuthenticationMiddleware.process_request does, as promises for
    _request_steps(): request.user and request.auser, once an earlier
    hook surely promised the session it checks for."""
    if "session" not in promised:
        return None
    return (("user", _lazy_user), ("auser", _lazy_auser))


AuthenticationMiddleware.process_request._djscratch_promises = _auth_promises


class LoginRequiredMiddleware(MiddlewareMixin):
    """Send anonymous users to the login page, except for views marked
    login_not_required."""

    redirect_field_name = REDIRECT_FIELD_NAME

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        return self.handle_no_permission(request, view_func)

    def get_login_url(self, view_func):
        login_url = getattr(view_func, "login_url", None) or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                "No login URL to redirect to. Define settings.LOGIN_URL or "
                "provide a login_url via the 'django.contrib.auth.decorators."
                "login_required' decorator.")
        return str(login_url)

    def get_redirect_field_name(self, view_func):
        return getattr(view_func, "redirect_field_name", self.redirect_field_name)

    def handle_no_permission(self, request, view_func):
        return _login_redirect(request, self.get_login_url(view_func),
                               self.get_redirect_field_name(view_func))


_REMOTE_USER_NEEDS_AUTH = (
    "The Django remote user auth middleware requires the authentication "
    "middleware to be installed.  Edit your MIDDLEWARE setting to insert "
    "'django.contrib.auth.middleware.AuthenticationMiddleware' before the "
    "RemoteUserMiddleware class.")


class RemoteUserMiddleware:
    """Log in the user the web server authenticated (request.META[header],
    REMOTE_USER by default) through RemoteUserBackend; log out a remote user
    whose header is gone (force_logout_if_no_header) or changed.

    Runs synchronously.  A request served by the async handler (an
    ASGIRequest) goes, as in Django, through aprocess_request(), which reads
    the header as "HTTP_" + header; a subclass overriding process_request()
    only gets that instead, with Django's deprecation warning.
    """

    sync_capable = True
    async_capable = False
    header = "REMOTE_USER"
    force_logout_if_no_header = True

    def __init__(self, get_response):
        if get_response is None:
            raise ValueError("get_response must be provided.")
        self.get_response = get_response

    def __call__(self, request):
        # (No ASGIRequest exists before the ASGI handler's section is built:
        # asking builds nothing.)
        asgi_request = djscratch._defined_yet("ASGIRequest")
        if asgi_request is not None and isinstance(request, asgi_request):
            self._process_async_request(request)
        else:
            self.process_request(request)
        return self.get_response(request)

    def _process_async_request(self, request):
        """What Django's __acall__ runs before the view.  The default
        aprocess_request() runs as its synchronous twin, in this thread (the
        one holding the database connection)."""
        cls = type(self)
        if cls.aprocess_request is not RemoteUserMiddleware.aprocess_request:
            _asgiref_sync().async_to_sync(self.aprocess_request)(request)
        elif cls.process_request is not RemoteUserMiddleware.process_request:
            warnings.warn(
                "Support for subclasses of RemoteUserMiddleware that override "
                "process_request() without overriding aprocess_request() is "
                "deprecated.", category=RemovedInDjango61Warning, stacklevel=3)
            self.process_request(request)
        else:
            self._process(request, "HTTP_" + self.header)

    def process_request(self, request):
        self._process(request, self.header)

    def _process(self, request, key):
        """process_request() reading the username from request.META[key]."""
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(_REMOTE_USER_NEEDS_AUTH)
        try:
            username = request.META[key]
        except KeyError:
            if self.force_logout_if_no_header and request.user.is_authenticated:
                self._remove_invalid_user(request)
            return
        if request.user.is_authenticated:
            if request.user.get_username() == self.clean_username(username, request):
                return  # already logged in as this user
            self._remove_invalid_user(request)
        user = authenticate(request, remote_user=username)
        if user:
            request.user = user
            login(request, user)

    async def aprocess_request(self, request):
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(_REMOTE_USER_NEEDS_AUTH)
        try:
            username = request.META["HTTP_" + self.header]
        except KeyError:
            if self.force_logout_if_no_header:
                user = await request.auser()
                if user.is_authenticated:
                    await self._aremove_invalid_user(request)
            return
        user = await request.auser()
        if user.is_authenticated:
            if user.get_username() == self.clean_username(username, request):
                return
            await self._aremove_invalid_user(request)
        user = await aauthenticate(request, remote_user=username)
        if user:
            request.user = user
            await alogin(request, user)

    def clean_username(self, username, request):
        """The username as the session's backend cleans it (if it can)."""
        backend = load_backend(request.session[BACKEND_SESSION_KEY])
        try:
            return backend.clean_username(username)
        except AttributeError:  # the backend has no clean_username()
            return username

    def _logs_out(self, request):
        """Whether the session's user came through a RemoteUserBackend (or
        its backend cannot be loaded): only then is it logged out."""
        try:
            stored = load_backend(request.session.get(BACKEND_SESSION_KEY, ""))
        except ImportError:
            return True
        return isinstance(stored, RemoteUserBackend)

    def _remove_invalid_user(self, request):
        if self._logs_out(request):
            logout(request)

    async def _aremove_invalid_user(self, request):
        if self._logs_out(request):
            await alogout(request)


class PersistentRemoteUserMiddleware(RemoteUserMiddleware):
    """RemoteUserMiddleware for a login page only: the user stays logged in
    on requests without the header."""

    force_logout_if_no_header = False


class PermLookupDict:
    """perms.<app_label> in templates: perms.polls.add_question."""

    def __init__(self, user, app_label):
        self.user, self.app_label = user, app_label

    def __repr__(self):
        return str(self.user.get_all_permissions())

    def __getitem__(self, perm_name):
        return self.user.has_perm("%s.%s" % (self.app_label, perm_name))

    def __iter__(self):
        raise TypeError("PermLookupDict is not iterable.")

    def __bool__(self):
        return self.user.has_module_perms(self.app_label)


class PermWrapper:
    """The `perms` template variable."""

    def __init__(self, user):
        self.user = user

    def __repr__(self):
        return f"{self.__class__.__qualname__}({self.user!r})"

    def __getitem__(self, app_label):
        return PermLookupDict(self.user, app_label)

    def __iter__(self):
        raise TypeError("PermWrapper is not iterable.")

    def __contains__(self, perm_name):
        if "." not in perm_name:
            return bool(self[perm_name])
        app_label, perm_name = perm_name.split(".", 1)
        return self[app_label][perm_name]


def _cp_auth(request):
    """The auth context processor: `user` and `perms`."""
    user = getattr(request, "user", None)
    if user is None:
        user = AnonymousUser()
    return {"user": user, "perms": PermWrapper(user)}
