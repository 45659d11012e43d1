"""Text helpers (django/utils/text.py): slugify, capfirst,
normalize_newlines, format_lazy; Truncator, wrap() and the others are in
utils/text_extra.py (built on first use).
"""


from djscratch.utils.functional import lazy
from djscratch.utils.regex_helper import _re

__all__ = [
    "slugify", "capfirst", "format_lazy", "unescape_string_literal",
]


def unescape_string_literal(s):
    """Return the text inside a quoted string literal ('"a \\"b\\""' gives
    'a "b"'), undoing escaped quotes and backslashes."""
    if not s or s[0] not in "\"'" or s[-1] != s[0]:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")


def _format_lazy(format_string, *args, **kwargs):
    return format_string.format(*args, **kwargs)


#: str.format() of lazy strings, done when the result is used.
format_lazy = lazy(_format_lazy, str)


def normalize_newlines(text):
    """Turn \\r\\n and \\r into \\n."""
    text = str(text)
    if "\r" not in text:  # the usual case: no copies of the text
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slugify(value, allow_unicode=False):
    """Return an ASCII (or unicode) slug: lowercase, hyphens, no punctuation."""
    value = str(value)
    if not value.isascii():  # ASCII text is its own NFKC and NFKD form
        import unicodedata

        if allow_unicode:
            value = unicodedata.normalize("NFKC", value)
        else:
            value = unicodedata.normalize("NFKD", value).encode(
                "ascii", "ignore").decode("ascii")
    value = _re(r"[^\w\s-]").sub("", value.lower())
    return _re(r"[-\s]+").sub("-", value).strip("-_")


def capfirst(x):
    """Return `x` with its first character upper-cased."""
    if not x:
        return x
    x = str(x)
    return x[0].upper() + x[1:]
