"""staff_member_required (django/contrib/admin/views/decorators.py): a view
for active staff users only; others go to the admin's login page.
"""

from djscratch.contrib.auth.decorators import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.decorators import user_passes_test

__all__ = ["staff_member_required"]


def staff_member_required(view_func=None, redirect_field_name=REDIRECT_FIELD_NAME,
                          login_url="admin:login"):
    """Run the view for active staff users; redirect others to the login
    page (with ?next=).  Use bare or with arguments."""
    actual_decorator = user_passes_test(
        lambda user: user.is_active and user.is_staff, login_url=login_url,
        redirect_field_name=redirect_field_name)
    if view_func:
        return actual_decorator(view_func)
    return actual_decorator
