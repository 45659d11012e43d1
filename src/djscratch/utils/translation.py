"""gettext() and friends: djscratch
has no catalogues, so they return the text, lazily where Django is lazy
(django/utils/translation/__init__.py).
"""

from djscratch.utils.functional import lazy

__all__ = [
    "gettext", "gettext_lazy",
]


def gettext(message):
    """Return `message` unchanged: djscratch ships English only (USE_I18N is
    honoured as a setting but no catalogues are loaded)."""
    return message


def ngettext(singular, plural, number):
    return singular if number == 1 else plural


def pgettext(context, message):
    return message


gettext_lazy = lazy(gettext, str)
ngettext_lazy = lazy(ngettext, str)
pgettext_lazy = lazy(pgettext, str)
