"""Signer, TimestampSigner, dumps() and loads()
(django/core/signing.py): cookies and sessions are signed with them.
"""

from djscratch.utils.module_loading import import_string
from djscratch.utils.regex_helper import _re
from djscratch.utils.encoding import force_bytes
from djscratch.conf import settings
from djscratch.utils.crypto import constant_time_compare, salted_hmac

__all__ = [
    "Signer", "TimestampSigner", "BadSignature", "SignatureExpired",
]


class BadSignature(Exception):
    """The signature does not match the value."""


class SignatureExpired(BadSignature):
    """The signature is valid but older than max_age."""


_BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b62_encode(s):
    """Encode a non-negative or negative int in base 62 (timestamps)."""
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    digits = []
    while s > 0:
        s, remainder = divmod(s, 62)
        digits.append(_BASE62_ALPHABET[remainder])
    return sign + "".join(reversed(digits))


def b62_decode(s):
    """Decode a base 62 string made by b62_encode()."""
    if s == "0":
        return 0
    sign = 1
    if s[0] == "-":
        s, sign = s[1:], -1
    decoded = 0
    for digit in s:
        decoded = decoded * 62 + _BASE62_ALPHABET.index(digit)
    return sign * decoded


def b64_encode(s):
    """Return URL-safe base64 of bytes `s`, without the "=" padding."""
    import base64

    return base64.urlsafe_b64encode(s).strip(b"=")


def b64_decode(s):
    """Decode URL-safe base64 made by b64_encode() (padding restored)."""
    import base64

    pad = b"=" * (-len(s) % 4)
    return base64.urlsafe_b64decode(s + pad)


def base64_hmac(salt, value, key, algorithm="sha1"):
    """Return the URL-safe base64 HMAC of `value` as a str."""
    digest = salted_hmac(salt, value, key, algorithm=algorithm).digest()
    return b64_encode(digest).decode()


def _cookie_signer_key(key):
    return b"django.http.cookies" + force_bytes(key)


def _cookie_signer_salt(cookie_name, salt=""):
    # The salt's length goes first so that no two (name, salt) pairs give
    # the same salt (CVE-2026-6873: "a" + "bc" was "ab" + "c").
    return f"django.http.cookies.v2:{len(salt)}:{salt}{cookie_name}"


def _cookie_signer_legacy_salt(cookie_name, salt=""):
    """The salt Django before 5.2.15 signed cookies with (name + salt)."""
    return cookie_name + salt


def _unsign_cookie(signed_value, *, cookie_name, salt="", max_age=None):
    """Return the value of a signed cookie, or raise BadSignature.

    A cookie signed with the legacy salt is accepted while
    SIGNED_COOKIE_LEGACY_SALT_FALLBACK is on, unless it has expired.
    """
    try:
        return get_cookie_signer(salt=_cookie_signer_salt(cookie_name, salt)).unsign(
            signed_value, max_age=max_age)
    except BadSignature as exc:
        if not settings.SIGNED_COOKIE_LEGACY_SALT_FALLBACK or isinstance(
                exc, SignatureExpired):
            raise
    legacy = get_cookie_signer(salt=_cookie_signer_legacy_salt(cookie_name, salt))
    return legacy.unsign(signed_value, max_age=max_age)


def get_cookie_signer(salt="django.core.signing.get_cookie_signer"):
    """Return the signer for signed cookies (settings.SIGNING_BACKEND)."""
    signer_class = import_string(settings.SIGNING_BACKEND)
    return signer_class(
        key=_cookie_signer_key(settings.SECRET_KEY),
        fallback_keys=map(_cookie_signer_key, settings.SECRET_KEY_FALLBACKS),
        salt=salt,
    )


class JSONSerializer:
    """Serialize to compact JSON bytes (the only serializer djscratch ships)."""

    def dumps(self, obj):
        import json

        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data):
        import json

        return json.loads(data.decode("latin-1"))


class Signer:
    """Append a keyed HMAC to a string, and check it.

        >>> signer = Signer(key="k")
        >>> value = signer.sign("hello")    # 'hello:<signature>'
        >>> signer.unsign(value)
        'hello'

    The salt (default: this class's Django dotted name) separates uses of one
    key; fallback_keys (default: SECRET_KEY_FALLBACKS) still verify during a
    key rotation.  Comparison is constant-time.
    """

    #: The module Django defines the class in: default salts use it, so our
    #: signatures are Django's signatures.
    _django_module = "django.core.signing"

    def __init__(self, *, key=None, sep=":", salt=None, algorithm=None,
                 fallback_keys=None):
        self.key = key or settings.SECRET_KEY
        self.fallback_keys = (
            fallback_keys if fallback_keys is not None
            else settings.SECRET_KEY_FALLBACKS
        )
        self.sep = sep
        module = self._django_module if type(self).__module__ == __name__ else (
            type(self).__module__)
        self.salt = salt or "%s.%s" % (module, type(self).__name__)
        self.algorithm = algorithm or "sha256"
        if _re(r"^[A-z0-9-_=]*$").match(self.sep):
            raise ValueError(
                "Unsafe Signer separator: %r (cannot be empty or consist of "
                "only A-z0-9-_=)" % sep
            )

    def signature(self, value, key=None):
        key = key or self.key
        return base64_hmac(self.salt + "signer", value, key, algorithm=self.algorithm)

    def sign(self, value):
        """Return `value` followed by the separator and its signature."""
        return "%s%s%s" % (value, self.sep, self.signature(value))

    def unsign(self, signed_value):
        """Return the value if the signature matches; raise BadSignature if not."""
        if self.sep not in signed_value:
            raise BadSignature('No "%s" found in value' % self.sep)
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in [self.key, *self.fallback_keys]:
            if constant_time_compare(sig, self.signature(value, key)):
                return value
        raise BadSignature('Signature "%s" does not match' % sig)

    def sign_object(self, obj, serializer=JSONSerializer, compress=False):
        """Return a URL-safe signed string holding `obj` as (compressed) JSON."""
        data = serializer().dumps(obj)
        is_compressed = False
        if compress:
            import zlib

            compressed = zlib.compress(data)
            if len(compressed) < len(data) - 1:  # the "." marker costs a byte
                data, is_compressed = compressed, True
        base64d = b64_encode(data).decode()
        if is_compressed:
            base64d = "." + base64d
        return self.sign(base64d)

    def unsign_object(self, signed_obj, serializer=JSONSerializer, **kwargs):
        """Check the signature and return the object sign_object() stored."""
        base64d = self.unsign(signed_obj, **kwargs).encode()
        decompress = base64d[:1] == b"."
        if decompress:
            base64d = base64d[1:]
        data = b64_decode(base64d)
        if decompress:
            import zlib

            data = zlib.decompress(data)
        return serializer().loads(data)


class TimestampSigner(Signer):
    """A Signer that also signs the time, so unsign() can enforce max_age."""

    def timestamp(self):
        import time

        return b62_encode(int(time.time()))

    def sign(self, value):
        value = "%s%s%s" % (value, self.sep, self.timestamp())
        return super().sign(value)

    def unsign(self, value, max_age=None):
        """Return the value; raise SignatureExpired if older than max_age
        (seconds or a timedelta)."""
        import time

        result = super().unsign(value)
        value, timestamp = result.rsplit(self.sep, 1)
        timestamp = b62_decode(timestamp)
        if max_age is not None:
            if hasattr(max_age, "total_seconds"):
                max_age = max_age.total_seconds()
            age = time.time() - timestamp
            if age > max_age:
                raise SignatureExpired("Signature age %s > %s seconds" % (age, max_age))
        return value


def dumps(obj, key=None, salt="django.core.signing", serializer=JSONSerializer,
          compress=False):
    """Return a URL-safe, timestamped, signed JSON string for `obj`.

    Anyone can read the data (it is base64, not encrypted); only holders of
    the key can make a value that loads() accepts.
    """
    return TimestampSigner(key=key, salt=salt).sign_object(
        obj, serializer=serializer, compress=compress)


def loads(s, key=None, salt="django.core.signing", serializer=JSONSerializer,
          max_age=None, fallback_keys=None):
    """Reverse dumps(); raise BadSignature if the signature fails."""
    signer = TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys)
    return signer.unsign_object(s, serializer=serializer, max_age=max_age)
