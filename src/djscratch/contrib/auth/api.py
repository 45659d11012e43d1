"""authenticate(), login(), logout(), get_user(), get_user_model() and the
backend loading of django/contrib/auth/__init__.py.  The session keeps the
user's id, backend and a hash of the password, as Django writes them, so a
session stored by either engine is read by the other.
"""

import re
import warnings

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.views.debug_decorators import sensitive_variables
from djscratch.utils.crypto import constant_time_compare
from djscratch.utils.deprecation import RemovedInDjango61Warning
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import ImproperlyConfigured, PermissionDenied
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.middleware.csrf import rotate_token
from djscratch.contrib.auth.signals import (
    user_logged_in, user_logged_out, user_login_failed,
)
from djscratch.contrib.auth.models import AnonymousUser

__all__ = [
    "authenticate", "login", "logout", "get_user", "get_user_model",
    "update_session_auth_hash", "get_backends", "load_backend",
    "get_permission_codename", "aauthenticate", "alogin", "alogout", "aget_user",
    "aupdate_session_auth_hash",
    "SESSION_KEY", "BACKEND_SESSION_KEY", "HASH_SESSION_KEY",
]

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"


def get_permission_codename(action, opts):
    """The codename of the `action` ("add", "change", ...) permission of the
    model whose _meta is `opts`."""
    return "%s_%s" % (action, opts.model_name)


def load_backend(path):
    return import_string(path)()


def _get_backends(return_tuples=False):
    backends = []
    for backend_path in settings.AUTHENTICATION_BACKENDS:
        backend = load_backend(backend_path)
        backends.append((backend, backend_path) if return_tuples else backend)
    if not backends:
        raise ImproperlyConfigured(
            "No authentication backends have been defined. Does "
            "AUTHENTICATION_BACKENDS contain anything?")
    return backends


def get_backends():
    """The backend instances AUTHENTICATION_BACKENDS names."""
    return _get_backends(return_tuples=False)


def _get_compatible_backends(request, **credentials):
    import inspect

    for backend, backend_path in _get_backends(return_tuples=True):
        try:
            inspect.signature(backend.authenticate).bind(request, **credentials)
        except TypeError:
            continue  # this backend does not take these credentials
        yield backend, backend_path


def _get_backend_from_user(user, backend=None):
    try:
        backend = backend or user.backend
    except AttributeError:
        backends = _get_backends(return_tuples=True)
        if len(backends) != 1:
            raise ValueError(
                "You have multiple authentication backends configured and "
                "therefore must provide the `backend` argument or set the "
                "`backend` attribute on the user.") from None
        backend = backends[0][1]
    else:
        if not isinstance(backend, str):
            raise TypeError(
                "backend must be a dotted import path string (got %r)." % backend)
    return backend


_SENSITIVE_CREDENTIALS = re.compile("api|token|key|secret|password|signature", re.I)


@sensitive_variables("credentials")
def _clean_credentials(credentials):
    """Mask sensitive values before user_login_failed receivers see them."""
    for key in credentials:
        if _SENSITIVE_CREDENTIALS.search(key):
            credentials[key] = "********************"
    return credentials


def _get_user_session_key(request):
    # The session holds the id as a string; give back the pk's Python type.
    # (The key first: a session without a user needs no user model.)
    user_id = request.session[SESSION_KEY]
    return get_user_model()._meta.pk.to_python(user_id)


@sensitive_variables("credentials")
def authenticate(request=None, **credentials):
    """Return the user the first willing backend accepts, else None (and
    send user_login_failed)."""
    for backend, backend_path in _get_compatible_backends(request, **credentials):
        try:
            user = backend.authenticate(request, **credentials)
        except PermissionDenied:
            break  # this backend says stop: nobody else is asked
        if user is None:
            continue
        user.backend = backend_path
        return user
    user_login_failed.send(sender=__name__, credentials=_clean_credentials(
        credentials), request=request)
    return None


def login(request, user, backend=None):
    """Keep `user` logged in for this session: a new session key (no session
    fixation), the user's id, backend and session hash, a new CSRF token."""
    session_auth_hash = ""
    if user is None:  # deprecated in Django 5.1: the request's user
        user = request.user
        warnings.warn("Fallback to request.user when user is None will be removed.",
                      RemovedInDjango61Warning, stacklevel=2)
    if hasattr(user, "get_session_auth_hash"):
        session_auth_hash = user.get_session_auth_hash()
    if SESSION_KEY in request.session:
        if _get_user_session_key(request) != user.pk or (
                session_auth_hash and not constant_time_compare(
                    request.session.get(HASH_SESSION_KEY, ""), session_auth_hash)):
            # Another user's session: start an empty one rather than reuse it.
            request.session.flush()
    else:
        request.session.cycle_key()
    backend = _get_backend_from_user(user=user, backend=backend)
    request.session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    request.session[BACKEND_SESSION_KEY] = backend
    request.session[HASH_SESSION_KEY] = session_auth_hash
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    user_logged_in.send(sender=user.__class__, request=request, user=user)


def logout(request):
    """Send user_logged_out, then flush the session."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", True):
        user = None
    user_logged_out.send(sender=user.__class__, request=request, user=user)
    request.session.flush()
    if hasattr(request, "user"):
        request.user = AnonymousUser()


def get_user_model():
    """The model AUTH_USER_MODEL names."""
    try:
        return apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)
    except ValueError:
        raise ImproperlyConfigured(
            "AUTH_USER_MODEL must be of the form 'app_label.model_name'") from None
    except LookupError:
        raise ImproperlyConfigured(
            "AUTH_USER_MODEL refers to model '%s' that has not been installed"
            % settings.AUTH_USER_MODEL) from None


def get_user(request):
    """The session's user, or AnonymousUser when there is none, its backend
    is gone, or its password changed since login (the session hash)."""
    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            user = load_backend(backend_path).get_user(user_id)
            if hasattr(user, "get_session_auth_hash"):
                user = _verify_session_hash(request, user)
    return user or AnonymousUser()


def _verify_session_hash(request, user):
    session_hash = request.session.get(HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return user
    # A hash made with a SECRET_KEY_FALLBACKS key is renewed; anything else
    # ends the session.
    if session_hash and any(
            constant_time_compare(session_hash, fallback)
            for fallback in user.get_session_auth_fallback_hash()):
        request.session.cycle_key()
        request.session[HASH_SESSION_KEY] = session_auth_hash
        return user
    request.session.flush()
    return None


def update_session_auth_hash(request, user):
    """Keep this session logged in after `user` changed their password
    (the other sessions end)."""
    request.session.cycle_key()
    if hasattr(user, "get_session_auth_hash") and request.user == user:
        request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()


# The async forms (Django 5.x): each runs its synchronous twin through
# sync_to_async, in the thread that owns the database connection.

@sensitive_variables("credentials")
async def aauthenticate(request=None, **credentials):
    """See authenticate(): each backend's aauthenticate() when it has one, its
    authenticate() in a thread otherwise."""
    for backend, backend_path in _get_compatible_backends(request, **credentials):
        try:
            if hasattr(backend, "aauthenticate"):
                user = await backend.aauthenticate(request, **credentials)
            else:
                user = await _asgiref_sync().sync_to_async(backend.authenticate)(
                    request, **credentials)
        except PermissionDenied:
            break  # this backend says stop: nobody else is asked
        if user is None:
            continue
        user.backend = backend_path
        return user
    await user_login_failed.asend(sender=__name__, credentials=_clean_credentials(
        credentials), request=request)
    return None


async def alogin(request, user, backend=None):
    """See login().  With user None (deprecated) the user is request.auser()'s,
    with Django's own warning."""
    if user is None:
        warnings.warn("Fallback to request.auser() when user is None will be "
                      "removed.", RemovedInDjango61Warning, stacklevel=2)
        user = await request.auser()
    return await _asgiref_sync().sync_to_async(login)(request, user, backend)


async def alogout(request):
    """See logout()."""
    return await _asgiref_sync().sync_to_async(logout)(request)


async def aget_user(request):
    """See get_user()."""
    return await _asgiref_sync().sync_to_async(get_user)(request)


async def aupdate_session_auth_hash(request, user):
    """See update_session_auth_hash()."""
    return await _asgiref_sync().sync_to_async(update_session_auth_hash)(
        request, user)
