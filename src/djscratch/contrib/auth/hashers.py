"""Password hashing (django/contrib/auth/hashers.py): make_password,
check_password and the hashers, writing the strings Django writes
(``pbkdf2_sha256$<iterations>$<salt>$<b64 hash>``) so a user row hashed by
either engine logs in on the other.  Standard library only.
"""

import base64
import functools
import math

from djscratch.utils.crypto import (
    constant_time_compare, get_random_string, RANDOM_STRING_CHARS,
)
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.signals import setting_changed
from djscratch.conf import settings

__all__ = [
    "make_password", "check_password", "is_password_usable", "identify_hasher",
    "get_hasher", "get_hashers", "BasePasswordHasher", "PBKDF2PasswordHasher",
    "PBKDF2SHA1PasswordHasher", "ScryptPasswordHasher", "MD5PasswordHasher",
    "UNUSABLE_PASSWORD_PREFIX",
]

UNUSABLE_PASSWORD_PREFIX = "!"  # no hasher's output starts with it
UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40


def is_password_usable(encoded):
    """Return False for a password made by set_unusable_password()."""
    return encoded is None or not encoded.startswith(UNUSABLE_PASSWORD_PREFIX)


def verify_password(password, encoded, preferred="default"):
    """Return (is_correct, must_update) for a raw password and a stored hash."""
    fake_runtime = password is None or not is_password_usable(encoded)
    preferred = get_hasher(preferred)
    try:
        hasher = identify_hasher(encoded)
    except ValueError:  # gibberish, or a hasher no longer installed
        fake_runtime = True
    if fake_runtime:
        # Hash anyway, so a missing user or an unusable password takes as
        # long as a wrong password (user enumeration by timing).
        make_password(get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH))
        return False, False
    hasher_changed = hasher.algorithm != preferred.algorithm
    must_update = hasher_changed or preferred.must_update(encoded)
    is_correct = hasher.verify(password, encoded)
    if not is_correct and not hasher_changed and must_update:
        # A weaker stored work factor would otherwise answer faster.
        hasher.harden_runtime(password, encoded)
    return is_correct, must_update


def check_password(password, encoded, setter=None, preferred="default"):
    """Return whether `password` matches `encoded`; call setter(password)
    when the stored hash should be upgraded (hasher or work factor changed)."""
    is_correct, must_update = verify_password(password, encoded,
                                              preferred=preferred)
    if setter and is_correct and must_update:
        setter(password)
    return is_correct


async def acheck_password(password, encoded, setter=None, preferred="default"):
    """See check_password()."""
    is_correct, must_update = verify_password(password, encoded,
                                              preferred=preferred)
    if setter and is_correct and must_update:
        await setter(password)
    return is_correct


def make_password(password, salt=None, hasher="default"):
    """Hash `password` for storage; None gives an unusable password."""
    if password is None:
        return UNUSABLE_PASSWORD_PREFIX + get_random_string(
            UNUSABLE_PASSWORD_SUFFIX_LENGTH)
    if not isinstance(password, (bytes, str)):
        raise TypeError(
            "Password must be a string or bytes, got %s."
            % type(password).__qualname__)
    hasher = get_hasher(hasher)
    salt = salt or hasher.salt()
    return hasher.encode(password, salt)


@functools.lru_cache
def get_hashers():
    """The hasher instances PASSWORD_HASHERS names, the preferred one first."""
    hashers = []
    for hasher_path in settings.PASSWORD_HASHERS:
        hasher = import_string(hasher_path)()
        if not getattr(hasher, "algorithm"):
            raise ImproperlyConfigured(
                "hasher doesn't specify an algorithm name: %s" % hasher_path)
        hashers.append(hasher)
    return hashers


@functools.lru_cache
def get_hashers_by_algorithm():
    return {hasher.algorithm: hasher for hasher in get_hashers()}


def reset_hashers(*, setting, **kwargs):
    if setting == "PASSWORD_HASHERS":
        get_hashers.cache_clear()
        get_hashers_by_algorithm.cache_clear()


setting_changed.connect(reset_hashers, dispatch_uid="djscratch-hashers")


def get_hasher(algorithm="default"):
    """Return the hasher for `algorithm` ("default": the preferred one)."""
    if hasattr(algorithm, "algorithm"):
        return algorithm
    if algorithm == "default":
        return get_hashers()[0]
    try:
        return get_hashers_by_algorithm()[algorithm]
    except KeyError:
        raise ValueError(
            "Unknown password hashing algorithm '%s'. Did you specify it in the "
            "PASSWORD_HASHERS setting?" % algorithm) from None


def identify_hasher(encoded):
    """Return the hasher that wrote `encoded`; ValueError if none is loaded."""
    # Ancient Django wrote bare MD5 and unsalted MD5/SHA1 hashes.
    if (len(encoded) == 32 and "$" not in encoded) or (
            len(encoded) == 37 and encoded.startswith("md5$$")):
        algorithm = "unsalted_md5"
    elif len(encoded) == 46 and encoded.startswith("sha1$$"):
        algorithm = "unsalted_sha1"
    else:
        algorithm = encoded.split("$", 1)[0]
    return get_hasher(algorithm)


def mask_hash(hash, show=6, char="*"):
    """Show the first `show` characters of `hash`, mask the rest."""
    return hash[:show] + char * len(hash[show:])


def must_update_salt(salt, expected_entropy):
    # Each salt character carries log2(len(alphabet)) bits.
    return len(salt) * math.log2(len(RANDOM_STRING_CHARS)) < expected_entropy


class BasePasswordHasher:
    """A password hasher: subclasses set `algorithm` and implement encode(),
    decode(), verify() and safe_summary()."""

    algorithm = None
    library = None
    salt_entropy = 128

    def _load_library(self):
        import importlib

        if self.library is None:
            raise ValueError(
                "Hasher %r doesn't specify a library attribute"
                % self.__class__.__name__)
        mod_path = self.library[1] if isinstance(
            self.library, (tuple, list)) else self.library
        try:
            return importlib.import_module(mod_path)
        except ImportError as e:
            raise ValueError("Couldn't load %r algorithm library: %s"
                             % (self.__class__.__name__, e)) from e

    def salt(self):
        """A random salt of at least `salt_entropy` bits."""
        count = math.ceil(self.salt_entropy / math.log2(len(RANDOM_STRING_CHARS)))
        return get_random_string(count, allowed_chars=RANDOM_STRING_CHARS)

    def verify(self, password, encoded):
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide a verify() method")

    def _check_encode_args(self, password, salt):
        if password is None:
            raise TypeError("password must be provided.")
        if not salt or "$" in salt:
            raise ValueError("salt must be provided and cannot contain $.")

    def encode(self, password, salt):
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide an encode() method")

    def decode(self, encoded):
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide a decode() method.")

    def safe_summary(self, encoded):
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide a safe_summary() method")

    def must_update(self, encoded):
        return False

    def harden_runtime(self, password, encoded):
        import warnings

        warnings.warn(
            "subclasses of BasePasswordHasher should provide a harden_runtime() "
            "method")


class _HashlibFunction:
    """A class attribute that reads as hashlib's function `name`
    (PBKDF2PasswordHasher.digest is hashlib.sha256, on the class and its
    instances), so that hashlib, and OpenSSL with it (some 3 MiB), loads
    with the first password hashed, not with djscratch.  A subclass sets
    its own digest as usual."""

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner=None):
        import hashlib

        return getattr(hashlib, self.name)


class PBKDF2PasswordHasher(BasePasswordHasher):
    """PBKDF2-HMAC-SHA256 with Django 5.2's iteration count (the default)."""

    algorithm = "pbkdf2_sha256"
    iterations = 1_000_000
    digest = _HashlibFunction("sha256")

    def encode(self, password, salt, iterations=None):
        import hashlib

        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        password = password.encode() if isinstance(password, str) else password
        raw = hashlib.pbkdf2_hmac(
            self.digest().name, password, salt.encode(), iterations)
        hash = base64.b64encode(raw).decode("ascii").strip()
        return "%s$%d$%s$%s" % (self.algorithm, iterations, salt, hash)

    def decode(self, encoded):
        algorithm, iterations, salt, hash = encoded.split("$", 3)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": hash,
                "iterations": int(iterations), "salt": salt}

    def verify(self, password, encoded):
        decoded = self.decode(encoded)
        encoded_2 = self.encode(password, decoded["salt"], decoded["iterations"])
        return constant_time_compare(encoded, encoded_2)

    def safe_summary(self, encoded):
        decoded = self.decode(encoded)
        return {"algorithm": decoded["algorithm"],
                "iterations": decoded["iterations"],
                "salt": mask_hash(decoded["salt"]),
                "hash": mask_hash(decoded["hash"])}

    def must_update(self, encoded):
        decoded = self.decode(encoded)
        update_salt = must_update_salt(decoded["salt"], self.salt_entropy)
        return decoded["iterations"] != self.iterations or update_salt

    def harden_runtime(self, password, encoded):
        decoded = self.decode(encoded)
        extra_iterations = self.iterations - decoded["iterations"]
        if extra_iterations > 0:
            self.encode(password, decoded["salt"], extra_iterations)


class PBKDF2SHA1PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with HMAC-SHA1 (PKCS #5's default PRF)."""

    algorithm = "pbkdf2_sha1"
    digest = _HashlibFunction("sha1")


class _LibraryHasher(BasePasswordHasher):
    """A hasher whose algorithm needs a third-party library (argon2-cffi,
    bcrypt).  djscratch does not implement it: hashes it wrote are refused
    with an error that names the way out."""

    def _refuse(self, *args, **kwargs):
        raise ValueError(
            f"djscratch does not implement {type(self).__name__} ({self.algorithm} "
            "hashes need a third-party library); run on Django "
            "(DJSCRATCH_ENGINE=django) or put PBKDF2PasswordHasher first in "
            "PASSWORD_HASHERS.")

    encode = decode = verify = safe_summary = harden_runtime = _refuse

    def salt(self):
        self._refuse()


class Argon2PasswordHasher(_LibraryHasher):
    """Argon2 (refused: needs argon2-cffi)."""

    algorithm = "argon2"
    library = "argon2"


class BCryptSHA256PasswordHasher(_LibraryHasher):
    """bcrypt of SHA256 (refused: needs bcrypt)."""

    algorithm = "bcrypt_sha256"
    library = ("bcrypt", "bcrypt")


class BCryptPasswordHasher(BCryptSHA256PasswordHasher):
    """bcrypt (refused: needs bcrypt)."""

    algorithm = "bcrypt"


class ScryptPasswordHasher(BasePasswordHasher):
    """scrypt, with hashlib.scrypt."""

    algorithm = "scrypt"
    block_size = 8
    maxmem = 0
    parallelism = 5
    work_factor = 2**14

    def encode(self, password, salt, n=None, r=None, p=None):
        self._check_encode_args(password, salt)
        n = n or self.work_factor
        r = r or self.block_size
        p = p or self.parallelism
        import hashlib

        raw = hashlib.scrypt(password.encode(), salt=salt.encode(), n=n, r=r, p=p,
                             maxmem=self.maxmem, dklen=64)
        hash = base64.b64encode(raw).decode("ascii").strip()
        return "%s$%d$%s$%d$%d$%s" % (self.algorithm, n, salt, r, p, hash)

    def decode(self, encoded):
        algorithm, work_factor, salt, block_size, parallelism, hash = (
            encoded.split("$", 6))
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "work_factor": int(work_factor),
                "salt": salt, "block_size": int(block_size),
                "parallelism": int(parallelism), "hash": hash}

    def verify(self, password, encoded):
        d = self.decode(encoded)
        encoded_2 = self.encode(password, d["salt"], d["work_factor"],
                                d["block_size"], d["parallelism"])
        return constant_time_compare(encoded, encoded_2)

    def safe_summary(self, encoded):
        d = self.decode(encoded)
        return {"algorithm": d["algorithm"], "work factor": d["work_factor"],
                "block size": d["block_size"], "parallelism": d["parallelism"],
                "salt": mask_hash(d["salt"]), "hash": mask_hash(d["hash"])}

    def must_update(self, encoded):
        d = self.decode(encoded)
        return (d["work_factor"] != self.work_factor
                or d["block_size"] != self.block_size
                or d["parallelism"] != self.parallelism)

    def harden_runtime(self, password, encoded):
        pass  # scrypt's cost is not a single count to top up


class MD5PasswordHasher(BasePasswordHasher):
    """Salted MD5: fast and weak, for tests only."""

    algorithm = "md5"

    def encode(self, password, salt):
        import hashlib

        self._check_encode_args(password, salt)
        hash = hashlib.md5((salt + password).encode()).hexdigest()
        return "%s$%s$%s" % (self.algorithm, salt, hash)

    def decode(self, encoded):
        algorithm, salt, hash = encoded.split("$", 2)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": hash, "salt": salt}

    def verify(self, password, encoded):
        decoded = self.decode(encoded)
        return constant_time_compare(encoded,
                                     self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded):
        decoded = self.decode(encoded)
        return {"algorithm": decoded["algorithm"],
                "salt": mask_hash(decoded["salt"], show=2),
                "hash": mask_hash(decoded["hash"])}

    def must_update(self, encoded):
        return must_update_salt(self.decode(encoded)["salt"], self.salt_entropy)

    def harden_runtime(self, password, encoded):
        pass
