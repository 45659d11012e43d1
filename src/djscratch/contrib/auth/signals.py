"""The auth signals (django/contrib/auth/signals.py): sent by login(),
logout() and authenticate() when every backend refused the credentials.
"""

from djscratch.dispatch.dispatcher import Signal

__all__ = [
    "user_logged_in", "user_login_failed", "user_logged_out",
]

user_logged_in = Signal()
user_login_failed = Signal()
user_logged_out = Signal()
