"""force_str(), force_bytes() and the IRI/URI helpers
(django/utils/encoding.py).
"""

import urllib.parse
from urllib.parse import quote as _encoding_quote

from djscratch.utils.functional import Promise

__all__ = [
    "force_str", "smart_str", "force_bytes", "iri_to_uri", "uri_to_iri",
    "escape_uri_path", "filepath_to_uri", "DjangoUnicodeDecodeError", "smart_bytes",
    "get_system_encoding", "is_protected_type",
]


class DjangoUnicodeDecodeError(UnicodeDecodeError):
    """force_str()'s decoding error, whose message shows the object passed."""

    def __str__(self):
        passed = f"{self.object!r} ({type(self.object)})"
        return f"{super().__str__()}. You passed in {passed}"


def force_str(s, encoding="utf-8", strings_only=False, errors="strict"):
    """Return `s` as str, decoding bytes; with strings_only, leave None,
    numbers, dates and the like alone (Django's rule)."""
    if type(s) is str:
        return s
    if strings_only and is_protected_type(s):
        return s
    try:
        return str(s, encoding, errors) if isinstance(s, bytes) else str(s)
    except UnicodeDecodeError as e:
        raise DjangoUnicodeDecodeError(*e.args) from None


def smart_str(s, encoding="utf-8", strings_only=False, errors="strict"):
    """force_str(), except that a lazy string (gettext_lazy) stays lazy."""
    if isinstance(s, Promise):
        return s
    return force_str(s, encoding, strings_only, errors)


def smart_bytes(s, encoding="utf-8", strings_only=False, errors="strict"):
    """force_bytes(), except that a lazy string (gettext_lazy) stays lazy."""
    if isinstance(s, Promise):
        return s
    return force_bytes(s, encoding, strings_only, errors)


def force_bytes(s, encoding="utf-8", strings_only=False, errors="strict"):
    """Return `s` as bytes, encoding str with `encoding`."""
    if isinstance(s, bytes):
        if encoding == "utf-8":
            return s
        return s.decode("utf-8", errors).encode(encoding, errors)
    if strings_only and is_protected_type(s):
        return s
    if isinstance(s, memoryview):
        return bytes(s)
    return str(s).encode(encoding, errors)


def is_protected_type(obj):
    """True for the types force_str(strings_only=True) leaves as they are."""
    import datetime
    import decimal

    return isinstance(
        obj,
        (type(None), int, float, decimal.Decimal, datetime.datetime, datetime.date,
         datetime.time),
    )


# -- URL encoding helpers (django.utils.encoding and django.utils.http).


def iri_to_uri(iri):
    """Percent-encode an IRI (a URL with non-ASCII text) into a URI.

    Characters that are reserved or already percent-encoded are left alone,
    so the function may be applied more than once.
    """
    if iri is None:
        return iri
    if isinstance(iri, Promise):
        iri = str(iri)
    return urllib.parse.quote(iri, safe="/#%[]=:;$&()+,!?*@'~")


def uri_to_iri(uri):
    """Decode the percent-escapes of a URI that stand for non-ASCII UTF-8 text
    (or unreserved ASCII), keeping every other escape as it is."""
    if uri is None:
        return uri
    uri = force_bytes(uri)
    unreserved = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     b"0123456789-._~")
    out = bytearray()
    i, n = 0, len(uri)
    while i < n:
        byte = uri[i]
        if byte == 0x25 and i + 2 < n + 0 and _is_hex(uri[i + 1:i + 3]):
            value = int(uri[i + 1:i + 3], 16)
            if value in unreserved or value >= 0x80:
                out.append(value)
            else:
                out += uri[i:i + 3]
            i += 3
        else:
            out.append(byte)
            i += 1
    return repercent_broken_unicode(bytes(out)).decode()


def _is_hex(two):
    return len(two) == 2 and all(c in b"0123456789abcdefABCDEF" for c in two)


def escape_uri_path(path):
    """Percent-encode the characters of a URL path that are not allowed there."""
    return urllib.parse.quote(path, safe="/:@&+$,-_.!~*'()")


def repercent_broken_unicode(path):
    """Percent-encode the bytes of `path` that are not valid UTF-8."""
    changed = []
    while True:
        try:
            path.decode()
        except UnicodeDecodeError as err:
            changed.append(path[:err.start])
            changed.append(_encoding_quote(
                path[err.start:err.end], safe=b"/#%[]=:;$&()+,!?*@'~").encode())
            path = path[err.end:]
        else:
            changed.append(path)
            return b"".join(changed)


def filepath_to_uri(path):
    """Quote a file system path for use in a URL: backslashes become slashes,
    and the characters a URL keeps literally (~!*()') are not escaped."""
    import urllib.parse

    if path is None:
        return path
    return urllib.parse.quote(str(path).replace("\\", "/"), safe="/~!*()'")


def get_system_encoding():
    """The locale's encoding for character functions; "ascii" when it is
    unknown or Python has no codec for it."""
    import codecs
    import locale

    try:
        encoding = locale.getlocale()[1] or "ascii"
        codecs.lookup(encoding)
    except Exception:
        encoding = "ascii"
    return encoding


# DEFAULT_LOCALE_ENCODING (Django's get_system_encoding() at import) is
# built on first use: the package's _LAZY_ATTRS (src/djscratch/__init__.py),
# so `import djscratch` does not load the locale module.
