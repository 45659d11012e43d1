"""The admin's login and password forms (django/contrib/admin/forms.py):
only active staff users may log in.
"""

from djscratch.core.exceptions import ValidationError
from djscratch.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

__all__ = ["AdminAuthenticationForm"]


class AdminAuthenticationForm(AuthenticationForm):
    """The login form of the admin: refuses users who are not staff."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the correct %(username)s and password for a staff "
            "account. Note that both fields may be case-sensitive."),
    }
    required_css_class = "required"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise ValidationError(
                self.error_messages["invalid_login"], code="invalid_login",
                params={"username": self.username_field.verbose_name})


class _AdminPasswordChangeForm(PasswordChangeForm):
    """The admin's password change form (django.contrib.admin.forms'
    AdminPasswordChangeForm; the flat file's AdminPasswordChangeForm is
    django.contrib.auth.forms' one)."""

    required_css_class = "required"


_AdminPasswordChangeForm.__name__ = "AdminPasswordChangeForm"
