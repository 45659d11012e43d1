"""The class-based view access mixins (django/contrib/auth/mixins.py):
LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin.
"""

from djscratch.core.exceptions import ImproperlyConfigured, PermissionDenied
from djscratch.conf import settings
from djscratch.contrib.auth.decorators import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.decorators import _login_redirect

__all__ = [
    "AccessMixin", "LoginRequiredMixin", "PermissionRequiredMixin",
    "UserPassesTestMixin",
]


class AccessMixin:
    """What the access mixins share: where to log in, and what a refusal is
    (403 for logged-in users or raise_exception, else the login redirect)."""

    login_url = None
    permission_denied_message = ""
    raise_exception = False
    redirect_field_name = REDIRECT_FIELD_NAME

    def get_login_url(self):
        login_url = self.login_url or settings.LOGIN_URL
        if not login_url:
            name = self.__class__.__name__
            raise ImproperlyConfigured(
                f"{name} is missing the login_url attribute. Define "
                f"{name}.login_url, settings.LOGIN_URL, or override "
                f"{name}.get_login_url().")
        return str(login_url)

    def get_permission_denied_message(self):
        return self.permission_denied_message

    def get_redirect_field_name(self):
        return self.redirect_field_name

    def handle_no_permission(self):
        if self.raise_exception or self.request.user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message())
        return _login_redirect(self.request, self.get_login_url(),
                               self.get_redirect_field_name())


class LoginRequiredMixin(AccessMixin):
    """Only logged-in users reach the view."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class PermissionRequiredMixin(AccessMixin):
    """Only users with every permission in permission_required reach it."""

    permission_required = None

    def get_permission_required(self):
        if self.permission_required is None:
            name = self.__class__.__name__
            raise ImproperlyConfigured(
                f"{name} is missing the permission_required attribute. Define "
                f"{name}.permission_required, or override "
                f"{name}.get_permission_required().")
        if isinstance(self.permission_required, str):
            return (self.permission_required,)
        return self.permission_required

    def has_permission(self):
        return self.request.user.has_perms(self.get_permission_required())

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class UserPassesTestMixin(AccessMixin):
    """Only requests whose test_func() is true reach the view."""

    def test_func(self):
        raise NotImplementedError(
            "{} is missing the implementation of the test_func() method.".format(
                self.__class__.__name__))

    def get_test_func(self):
        return self.test_func

    def dispatch(self, request, *args, **kwargs):
        if not self.get_test_func()():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
