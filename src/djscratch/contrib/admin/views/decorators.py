"""staff_member_required (django/contrib/admin/views/decorators.py): a view
only active staff may see; anyone else goes to the admin's login page.
"""

from djscratch.contrib.auth.api import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.decorators import user_passes_test

__all__ = ["staff_member_required"]


def staff_member_required(view_func=None, redirect_field_name=REDIRECT_FIELD_NAME,
                          login_url="admin:login"):
    """Let active staff through; redirect anyone else to login_url."""
    actual_decorator = user_passes_test(
        lambda u: u.is_active and u.is_staff,
        login_url=login_url, redirect_field_name=redirect_field_name)
    if view_func:
        return actual_decorator(view_func)
    return actual_decorator
