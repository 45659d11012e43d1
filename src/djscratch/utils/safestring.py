"""SafeString and mark_safe(): strings that autoescaping leaves
alone, the heart of the template engine's safety (django/utils/safestring.py).
"""

from djscratch.utils.functional import lazy, Promise

__all__ = [
    "SafeString", "SafeData", "mark_safe",
]


# -- Safe strings and escaping.  A SafeString is a str that templates and
#    format_html() trust not to need escaping.  Everything else is escaped.


class SafeData:
    """Mixin marking a value as already safe for HTML."""

    __slots__ = ()

    def __html__(self):
        return self


class SafeString(str, SafeData):
    """A str subclass that needs no further HTML escaping."""

    __slots__ = ()

    def __add__(self, rhs):
        # safe + safe stays safe; safe + another str is plain str; anything
        # else gets its own __radd__ (NotImplemented).
        if not isinstance(rhs, str):
            return NotImplemented
        result = str.__add__(self, rhs)
        return SafeString(result) if isinstance(rhs, SafeData) else result

    def __str__(self):
        return self


SafeText = SafeString  # Django's old name


def mark_safe(s):
    """Mark `s` as safe for HTML output; decorate a function to mark its result.
    A lazy string (gettext_lazy) stays lazy: it is marked when evaluated."""
    if type(s) is str:  # most calls: no Promise, no __html__, not callable
        return SafeString(s)
    if isinstance(s, Promise):
        return lazy(SafeString, SafeString)(s)
    if hasattr(s, "__html__"):
        return s
    if callable(s):
        import functools

        @functools.wraps(s)
        def wrapper(*args, **kwargs):
            return mark_safe(s(*args, **kwargs))

        return wrapper
    return SafeString(s)
