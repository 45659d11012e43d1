"""mod_wsgi's authentication hooks (django/contrib/auth/handlers/modwsgi.py):
check_password() and groups_for_user() against the user model, for Apache's
WSGIAuthUserScript.
"""

from djscratch.db.utils import close_old_connections, reset_queries
from djscratch.contrib.auth.api import get_user_model

__all__ = [
    "groups_for_user",
]


def _modwsgi_get_user(username):
    """The active user named `username`, or None (after hashing anyway, so
    an unknown or inactive user takes as long as a known one)."""
    UserModel = get_user_model()
    try:
        user = UserModel._default_manager.get_by_natural_key(username)
    except UserModel.DoesNotExist:
        user = None
    else:
        if not user.is_active:
            user = None
    if user is None:
        UserModel().set_password("")
    return user


def _modwsgi_check_password(environ, username, password):
    """mod_wsgi's check_password: None for an unknown (or inactive) user,
    else whether the password is right."""
    # Called outside a request: manage the connection as a request would.
    reset_queries()
    try:
        user = _modwsgi_get_user(username)
        if user:
            return user.check_password(password)
        return None
    finally:
        close_old_connections()


def groups_for_user(environ, username):
    """The names (bytes) of an active user's groups, for Apache's
    authorization; [] for an unknown or inactive user."""
    UserModel = get_user_model()
    reset_queries()
    try:
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            return []
        if not user.is_active:
            return []
        return [group.name.encode() for group in user.groups.all()]
    finally:
        close_old_connections()
