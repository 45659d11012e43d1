"""Password reset tokens (django/contrib/auth/tokens.py): `<ts_b36>-<hash>`,
an HMAC over the user's state, so a token made by either engine checks on
the other and stops working once the password or last login changes.
"""

import datetime

from djscratch.conf import settings
from djscratch.utils.crypto import constant_time_compare, salted_hmac
from djscratch.utils.http import base36_to_int, int_to_base36

__all__ = ["PasswordResetTokenGenerator", "default_token_generator"]


class PasswordResetTokenGenerator:
    """Makes and checks one-use password reset tokens for a user."""

    key_salt = "django.contrib.auth.tokens.PasswordResetTokenGenerator"
    algorithm = None
    _secret = None
    _secret_fallbacks = None

    def __init__(self):
        self.algorithm = self.algorithm or "sha256"

    @property
    def secret(self):
        return self._secret or settings.SECRET_KEY

    @secret.setter
    def secret(self, secret):
        self._secret = secret

    @property
    def secret_fallbacks(self):
        if self._secret_fallbacks is None:
            return settings.SECRET_KEY_FALLBACKS
        return self._secret_fallbacks

    @secret_fallbacks.setter
    def secret_fallbacks(self, fallbacks):
        self._secret_fallbacks = fallbacks

    def make_token(self, user):
        """Return a token that resets `user`'s password once."""
        return self._make_token_with_timestamp(
            user, self._num_seconds(self._now()), self.secret)

    def check_token(self, user, token):
        """Whether `token` is valid for `user` (any current or fallback
        secret) and not older than PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                    self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - ts <= settings.PASSWORD_RESET_TIMEOUT

    def _make_token_with_timestamp(self, user, timestamp, secret):
        digest = salted_hmac(self.key_salt, self._make_hash_value(user, timestamp),
                             secret=secret, algorithm=self.algorithm).hexdigest()
        # Every other character: Django's tokens are this short, for URLs.
        return "%s-%s" % (int_to_base36(timestamp), digest[::2])

    def _make_hash_value(self, user, timestamp):
        """The user state the token depends on: a new password (salted) or a
        new login makes every earlier token invalid."""
        login_timestamp = ("" if user.last_login is None
                           else user.last_login.replace(microsecond=0, tzinfo=None))
        email = getattr(user, user.get_email_field_name(), "") or ""
        return f"{user.pk}{user.password}{login_timestamp}{timestamp}{email}"

    def _num_seconds(self, dt):
        return int((dt - datetime.datetime(2001, 1, 1)).total_seconds())

    def _now(self):
        # Patched by tests, as in Django's own.
        return datetime.datetime.now()


default_token_generator = PasswordResetTokenGenerator()
