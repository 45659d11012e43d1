"""gettext() and friends: djscratch
has no catalogues, so they return the text, lazily where Django is lazy
(django/utils/translation/__init__.py).  The active language is kept (per
thread) for what keys on it, such as the page cache.
"""

import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: djscratch.conf.
import djscratch

from djscratch.utils.functional import lazy

__all__ = [
    "gettext", "gettext_lazy", "get_language", "activate", "deactivate",
    "deactivate_all", "override",
]

_active_language = threading.local()


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


def get_language():
    """Return the active language code: activate()'s, else LANGUAGE_CODE."""
    language = getattr(_active_language, "value", None)
    if language is not None:
        return language or None  # "" after deactivate_all()
    return djscratch.conf.settings.LANGUAGE_CODE


def activate(language):
    """Make `language` this thread's active language (texts stay English)."""
    if not language:
        return
    _active_language.value = language


def deactivate():
    """Go back to LANGUAGE_CODE."""
    _active_language.value = None


def deactivate_all():
    """Make no language active: get_language() returns None."""
    _active_language.value = ""


class override:
    """Activate `language` inside a with block or a decorated function.

    None deactivates every language; `deactivate=True` ends on LANGUAGE_CODE
    instead of the language active before.
    """

    def __init__(self, language, deactivate=False):
        self.language = language
        self.deactivate = deactivate

    def __enter__(self):
        self.old_language = getattr(_active_language, "value", None)
        if self.language is not None:
            activate(self.language)
        else:
            deactivate_all()

    def __exit__(self, exc_type, exc_value, traceback):
        if self.old_language is None or self.deactivate:
            deactivate()
        else:
            _active_language.value = self.old_language

    def __call__(self, func):
        import functools

        @functools.wraps(func)
        def inner(*args, **kwargs):
            with self.__class__(self.language, self.deactivate):
                return func(*args, **kwargs)

        return inner
