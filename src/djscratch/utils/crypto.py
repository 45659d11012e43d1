"""salted_hmac(), get_random_string() and constant_time_compare()
(django/utils/crypto.py).
"""

import sys

from djscratch.utils.encoding import force_bytes
from djscratch.conf import settings

__all__ = [
    "get_random_string", "constant_time_compare", "salted_hmac", "pbkdf2",
]


class InvalidAlgorithm(ValueError):
    """The hash algorithm asked of salted_hmac() is not in hashlib."""


RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _md5(data=b""):
    """hashlib.md5(data, usedforsecurity=False): the same digest, from the
    interpreter's own MD5 (_md5) when it has one.  hashlib loads OpenSSL
    (some 3 MiB), which naming an index, a constraint or a cache file does
    not need (a single-file app names its indexes on its first request)."""
    module = sys.modules.get("_md5")
    if module is None:
        try:
            import _md5 as module
        except ImportError:  # an interpreter built without it
            import hashlib as module
    return module.md5(data, usedforsecurity=False)


def salted_hmac(key_salt, value, secret=None, *, algorithm="sha1"):
    """Return the HMAC of `value` under a key derived from `key_salt` and
    `secret` (default: settings.SECRET_KEY)."""
    import hashlib
    import hmac

    if secret is None:
        secret = settings.SECRET_KEY
    key_salt, secret = force_bytes(key_salt), force_bytes(secret)
    try:
        hasher = getattr(hashlib, algorithm)
    except AttributeError as err:
        raise InvalidAlgorithm(
            "%r is not an algorithm accepted by the hashlib module." % algorithm
        ) from err
    # Derive a key of the hash's own size: the salt keeps uses of one secret
    # apart, and HMAC needs no longer key.
    key = hasher(key_salt + secret).digest()
    return hmac.new(key, msg=force_bytes(value), digestmod=hasher)


def get_random_string(length, allowed_chars=RANDOM_STRING_CHARS):
    """Return a securely generated random string of `length` characters."""
    import secrets

    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def constant_time_compare(val1, val2):
    """Return True if the two strings are equal, in time that does not leak where
    they differ."""
    import hmac

    return hmac.compare_digest(force_bytes(val1), force_bytes(val2))


def pbkdf2(password, salt, iterations, dklen=0, digest=None):
    """Return PBKDF2-HMAC of `password` (digest default: SHA-256; dklen 0:
    the digest's size)."""
    import hashlib

    digest = digest or hashlib.sha256
    return hashlib.pbkdf2_hmac(digest().name, force_bytes(password),
                               force_bytes(salt), iterations, dklen or None)
