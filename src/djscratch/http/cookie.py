"""parse_cookie() (django/http/cookie.py): a lenient, linear
parser, as Django's (one bad pair never drops the rest).
"""

import sys

from djscratch.utils.regex_helper import _re

__all__ = [
    "parse_cookie",
]


def parse_cookie(cookie):
    """Return a dict of the cookies in a Cookie header.

    Lenient, like browsers: a malformed pair is skipped (or kept under the
    empty name), and never costs the other cookies.  Linear in the header's
    length whatever it holds (see _unquote_cookie_value).
    """
    cookiedict = {}
    for chunk in cookie.split(";"):
        if "=" in chunk:
            key, val = chunk.split("=", 1)
        else:
            key, val = "", chunk  # a value without a name
        key, val = key.strip(), val.strip()
        if key or val:  # (only a value opening with '"' may be quoted)
            cookiedict[key] = _unquote_cookie_value(val) if val[:1] == '"' else val
    return cookiedict


def _unquote_cookie_value(value):
    """Undo the quoting of a "..." cookie value as http.cookies._unquote does.

    A backslash followed by three octal digits (first one 0-3) is that
    character, one followed by any other character except a newline is that
    character.  One left-to-right regex pass: the stdlib's own loop rescans
    the rest of the value after each escape, which is quadratic on a value of
    backslashes (CVE-2024-7592, fixed only in later CPython patch releases).
    """
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    value = value[1:-1]
    if "\\" not in value:
        return value
    return _re(r"\\(?:([0-3][0-7][0-7])|(.))").sub(_unescape_cookie_match, value)


def _unescape_cookie_match(match):
    octal, char = match.groups()
    return chr(int(octal, 8)) if octal else char


def _simple_cookie_class():
    """django.http.SimpleCookie is the standard library's (built on first use,
    so that `import djscratch` does not import http.cookies); a dict lookup
    once loaded (a `from` import in a function costs microseconds)."""
    module = sys.modules.get("http.cookies")
    if module is None:
        from http import cookies as module
    return module.SimpleCookie


# -- Set-Cookie: the Morsel a response's set_cookie() makes, in fewer steps
#    than http.cookies' general ones (a page that shows a form renews the
#    CSRF cookie on every response, as Django does).

#: A blank Morsel of this Python's http.cookies, copied by _fresh_morsel().
_BLANK_MORSEL = []


def _fresh_morsel(cookies, key, value):
    """Do `cookies[key] = value` and return the new Morsel, when `cookies` is
    a plain SimpleCookie without `key`: the Morsel is a copy of a blank one
    (what Morsel() builds) given its key through Morsel.set() (the same
    checks) and the value SimpleCookie.value_encode() quotes.  Return None
    for anything else (a subclass, an existing key, a Morsel value): the
    caller assigns the general way."""
    module = sys.modules["http.cookies"]
    morsel_class = module.Morsel
    quote = getattr(module, "_quote", None)  # SimpleCookie.value_encode()'s
    if (type(cookies) is not module.SimpleCookie or key in cookies
            or isinstance(value, morsel_class) or quote is None):
        return None
    if not _BLANK_MORSEL:
        _BLANK_MORSEL.append(morsel_class())
    blank = _BLANK_MORSEL[0]
    morsel = morsel_class.__new__(morsel_class)
    morsel.__dict__.update(blank.__dict__)
    dict.update(morsel, blank)
    value = str(value)
    morsel.set(key, value, quote(value))
    dict.__setitem__(cookies, key, morsel)
    return morsel


# -- Set-Cookie without http.cookies: a response's set_cookie() keeps a plain
#    cookie (a name and a value that need no quoting) aside until something
#    reads response.cookies (then the SimpleCookie is made from it, exactly as
#    set_cookie() would have made it) or the handler writes the headers:
#    _plain_set_cookie_header() writes the text Morsel.OutputString() gives,
#    so that serving a page that sets its CSRF cookie does not import
#    http.cookies (and http, string: some 2 ms).  Anything else goes the
#    general way.

#: The characters http.cookies leaves unquoted in a name or a value
#: (its _LegalChars).
_PLAIN_COOKIE_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "!#$%&'*+-.^_`|~:")

#: Names a cookie may not have (Morsel's attributes, in any Python version):
#: such a name goes the general way, which refuses it as this Python does.
_COOKIE_ATTRIBUTE_NAMES = frozenset((
    "expires", "path", "comment", "domain", "max-age", "secure", "httponly",
    "version", "samesite", "partitioned"))

#: How Morsel.OutputString() names set_cookie()'s attributes.
_COOKIE_ATTRIBUTE_TEXT = {
    "domain": "Domain", "expires": "expires", "max-age": "Max-Age", "path": "Path",
    "samesite": "SameSite"}

#: The characters an attribute's text may hold to be written as it is here:
#: printable ASCII but ";" (anything else goes through http.cookies).
_PLAIN_ATTRIBUTE_CHARS = frozenset(map(chr, range(0x20, 0x7f))) - {";"}


def _plain_cookie(key, value):
    """Return True if `key` and `value` (a str) make a cookie that
    SimpleCookie would keep as they are: a legal name that is no attribute's,
    a non-empty value without a character to quote."""
    return (type(key) is str and key and value and _PLAIN_COOKIE_CHARS.issuperset(key)
            and _PLAIN_COOKIE_CHARS.issuperset(value)
            and key.lower() not in _COOKIE_ATTRIBUTE_NAMES)


def _plain_set_cookie_header(key, value, attributes):
    """The Set-Cookie value Morsel.OutputString() gives for a cookie
    `key`=`value` (_plain_cookie()) with set_cookie()'s `attributes`
    ({"max-age": int, "secure": True, "path": str, ...}), or None when an
    attribute is not one this writes as http.cookies does (then the caller
    goes the general way)."""
    text = _plain_attributes_text(attributes)
    return None if text is None else f"{key}={value}{text}"


def _plain_attributes_text(attributes):
    """What _plain_set_cookie_header() writes after "key=value": each
    attribute as "; Name=value", in OutputString()'s order, or None."""
    parts = []
    for name in sorted(attributes):  # (OutputString's order)
        given = attributes[name]
        if name == "secure" or name == "httponly":
            if given is not True:
                return None
            parts.append("; Secure" if name == "secure" else "; HttpOnly")
        elif name == "max-age":
            if type(given) is not int:
                return None
            parts.append(f"; Max-Age={given}")
        elif type(given) is not str or name not in _COOKIE_ATTRIBUTE_TEXT or \
                not _PLAIN_ATTRIBUTE_CHARS.issuperset(given):
            return None
        elif given:
            parts.append(f"; {_COOKIE_ATTRIBUTE_TEXT[name]}={given}")
    return "".join(parts)


#: What _plain_attributes_text() writes before and after the Expires date
#: (only Domain sorts before it), by the attributes' items and their values'
#: types (True == 1, but only one is a max-age), the date left out: a server
#: sets the same few cookies with the same attributes, the date moving once
#: a second.
_ATTRIBUTE_TEXTS = {}


def _remembered_set_cookie_header(key, value, attributes):
    """_plain_set_cookie_header(), the text around the Expires date
    remembered."""
    expires = attributes.get("expires", "")
    if type(expires) is not str or not _PLAIN_ATTRIBUTE_CHARS.issuperset(expires):
        return _plain_set_cookie_header(key, value, attributes)
    shape = {**attributes, "expires": ""}  # (an empty date is not written)
    try:
        memo = (tuple(shape.items()), tuple(map(type, shape.values())))
        around = _ATTRIBUTE_TEXTS.get(memo, False)
    except TypeError:  # an unhashable value: never plain
        return None
    if around is False:
        if len(_ATTRIBUTE_TEXTS) >= 64:
            _ATTRIBUTE_TEXTS.clear()
        around = _ATTRIBUTE_TEXTS[memo] = _text_around_expires(shape)
    if around is None:
        return None
    if expires:
        return f"{key}={value}{around[0]}; expires={expires}{around[1]}"
    return f"{key}={value}{around[0]}{around[1]}"


def _text_around_expires(shape):
    """(before, after): _plain_attributes_text() of `shape` (an empty
    "expires") cut where a date goes, or None."""
    text = _plain_attributes_text(shape)
    if text is None:
        return None
    domain = shape.get("domain")
    before = _plain_attributes_text({"domain": domain}) if domain else ""
    return before, text[len(before):]
