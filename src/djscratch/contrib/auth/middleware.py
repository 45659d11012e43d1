"""AuthenticationMiddleware (a lazy request.user) and
LoginRequiredMiddleware (django/contrib/auth/middleware.py), and the
`auth` context processor (context_processors.py: user, perms).
"""

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.contrib.auth.api import get_user, REDIRECT_FIELD_NAME
from djscratch.contrib.auth.models import AnonymousUser
from djscratch.contrib.auth.decorators import _login_redirect

__all__ = [
    "AuthenticationMiddleware", "LoginRequiredMiddleware", "PermWrapper",
    "PermLookupDict",
]


class _LazyUser:
    """request.user: the session's user, loaded on first use (Django's
    SimpleLazyObject: a request that never looks costs no query)."""

    def __init__(self, request):
        object.__setattr__(self, "_request", request)

    def _wrapped(self):
        try:
            return object.__getattribute__(self, "_user")
        except AttributeError:
            user = get_user(object.__getattribute__(self, "_request"))
            object.__setattr__(self, "_user", user)
            return user

    @property
    def __class__(self):
        return type(self._wrapped())

    def __getattr__(self, name):
        return getattr(self._wrapped(), name)

    def __setattr__(self, name, value):
        setattr(self._wrapped(), name, value)

    def __eq__(self, other):
        return self._wrapped() == other

    def __hash__(self):
        return hash(self._wrapped())

    def __str__(self):
        return str(self._wrapped())

    def __repr__(self):
        return "<SimpleLazyObject: %r>" % self._wrapped()

    def __bool__(self):
        return bool(self._wrapped())


class AuthenticationMiddleware(MiddlewareMixin):
    """Set request.user (lazily) from the session."""

    def process_request(self, request):
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The Django authentication middleware requires session "
                "middleware to be installed. Edit your MIDDLEWARE setting to "
                "insert 'django.contrib.sessions.middleware.SessionMiddleware' "
                "before 'django.contrib.auth.middleware.AuthenticationMiddleware'.")
        request.user = _LazyUser(request)


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
