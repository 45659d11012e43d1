"""AbstractBaseUser and BaseUserManager (django/contrib/auth/base_user.py):
the password and last_login a custom user model builds on, usable without
django.contrib.auth installed.
"""

import unicodedata

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.crypto import salted_hmac
from djscratch.conf import settings
from djscratch.db.models.fields import CharField, DateTimeField
from djscratch.db.models.base import Model
from djscratch.db.models.manager import Manager
from djscratch.contrib.auth.password_validation import password_changed
from djscratch.contrib.auth.hashers import (
    check_password, is_password_usable, make_password,
)

__all__ = [
    "AbstractBaseUser", "BaseUserManager",
]


class BaseUserManager(Manager):
    """The manager a custom user model's manager derives from."""

    @classmethod
    def normalize_email(cls, email):
        """Lowercase the domain part of an email address."""
        email = email or ""
        try:
            email_name, domain_part = email.strip().rsplit("@", 1)
        except ValueError:
            pass
        else:
            email = email_name + "@" + domain_part.lower()
        return email

    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: username})

    async def aget_by_natural_key(self, username):
        return await self.aget(**{self.model.USERNAME_FIELD: username})


class AbstractBaseUser(Model):
    """A user with a hashed password and a last login time."""

    password = CharField("password", max_length=128)
    last_login = DateTimeField("last login", blank=True, null=True)

    is_active = True
    REQUIRED_FIELDS = []
    # The raw password set_password() got, for password_changed() on save().
    _password = None

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_username()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self._password is not None:
            password_changed(self._password, self)
            self._password = None

    def get_username(self):
        """Return the value of the USERNAME_FIELD."""
        return getattr(self, self.USERNAME_FIELD)

    def clean(self):
        setattr(self, self.USERNAME_FIELD, self.normalize_username(self.get_username()))

    def natural_key(self):
        return (self.get_username(),)

    @property
    def is_anonymous(self):
        return False

    @property
    def is_authenticated(self):
        return True

    def set_password(self, raw_password):
        self.password = make_password(raw_password)
        self._password = raw_password

    def check_password(self, raw_password):
        """Return whether raw_password is right; upgrade the stored hash when
        the hasher or its work factor changed (saving only `password`)."""
        def setter(raw_password):
            self.set_password(raw_password)
            self._password = None  # an upgrade is not a password change
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, setter)

    async def acheck_password(self, raw_password):
        """See check_password()."""
        return await _asgiref_sync().sync_to_async(self.check_password)(raw_password)

    def set_unusable_password(self):
        self.password = make_password(None)

    def has_usable_password(self):
        return is_password_usable(self.password)

    def get_session_auth_hash(self):
        """An HMAC of the password hash: changing the password ends the
        other sessions (see update_session_auth_hash)."""
        return self._get_session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._get_session_auth_hash(secret=fallback_secret)

    def _get_session_auth_hash(self, secret=None):
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password, secret=secret,
                           algorithm="sha256").hexdigest()

    @classmethod
    def get_email_field_name(cls):
        try:
            return cls.EMAIL_FIELD
        except AttributeError:
            return "email"

    @classmethod
    def normalize_username(cls, username):
        return (unicodedata.normalize("NFKC", username)
                if isinstance(username, str) else username)
