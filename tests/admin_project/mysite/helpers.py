"""What the polls and shop apps' tests share: a fast password hasher while
their module runs, and users whose password is hashed once."""

import functools

from django.contrib.auth.hashers import make_password
from django.test import override_settings

#: Django's advice for fast tests ("Speeding up the tests", password
#: hashing): a fast hasher while a test module runs.  The admin's login,
#: user and password forms work the same with any hasher; PBKDF2's million
#: rounds (a quarter of a second a login) are tested where hashing is the
#: subject (tests/test_auth_passwords.py).
FAST_HASHERS = override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def setUpModule():
    """A test module that imports this runs with FAST_HASHERS."""
    FAST_HASHERS.enable()


def tearDownModule():
    FAST_HASHERS.disable()


@functools.cache
def _password_hash(password):
    """`password` hashed once for every user the tests create (under
    FAST_HASHERS, which every test module importing setUpModule runs with)."""
    return make_password(password)


def _user(create, *args, password, **kwargs):
    """create(*args, **kwargs) (a UserManager method) with `password` set
    from its shared hash; logging in with `password` works as ever."""
    user = create(*args, password=None, **kwargs)
    user.password = _password_hash(password)
    user.save(update_fields=["password"])
    return user
