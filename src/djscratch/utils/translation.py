"""gettext() and friends: djscratch
has no catalogues, so they return the text, lazily where Django is lazy
(django/utils/translation/__init__.py).
"""

import contextlib
import threading

from djscratch.utils.functional import lazy

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: conf.
import djscratch

__all__ = [
    "gettext", "gettext_lazy", "gettext_noop", "npgettext", "npgettext_lazy",
    "activate", "deactivate", "deactivate_all", "override", "get_language",
    "get_language_bidi",
]


def gettext(message):
    """Return `message` unchanged: djscratch ships English only (USE_I18N is
    honoured as a setting but no catalogues are loaded)."""
    return message


def ngettext(singular, plural, number):
    return singular if number == 1 else plural


def pgettext(context, message):
    return message


def npgettext(context, singular, plural, number):
    return ngettext(singular, plural, number)


def gettext_noop(message):
    """Mark `message` for translation without translating it (Django's no-op)."""
    return message


gettext_lazy = lazy(gettext, str)
ngettext_lazy = lazy(ngettext, str)
pgettext_lazy = lazy(pgettext, str)
npgettext_lazy = lazy(npgettext, str)


# -- The active language.  The texts stay English (there are no catalogues),
#    but the language code is tracked per thread as Django tracks it, so code
#    that activates a language and reads get_language() back works.

class _ActiveLanguage(threading.local):
    code = None  # None: settings.LANGUAGE_CODE
    disabled = False  # deactivate_all(): get_language() is None


_active_language = _ActiveLanguage()


def activate(language):
    """Make `language` the current thread's language."""
    if not language:
        return
    _active_language.code = language
    _active_language.disabled = False


def deactivate():
    """Forget the language activate() set: settings.LANGUAGE_CODE again."""
    _active_language.code = None
    _active_language.disabled = False


def deactivate_all():
    """Turn translation off for this thread: get_language() returns None."""
    _active_language.code = None
    _active_language.disabled = True


def get_language():
    """Return the current language code (settings.LANGUAGE_CODE by default)."""
    if _active_language.disabled:
        return None
    return _active_language.code or djscratch.conf.settings.LANGUAGE_CODE


def get_language_bidi():
    """Return True for a right-to-left language (settings.LANGUAGES_BIDI)."""
    language = get_language()
    if language is None:
        return False
    return language.split("-")[0] in djscratch.conf.settings.LANGUAGES_BIDI


class override(contextlib.ContextDecorator):
    """Activate `language` for a block or a function (None: deactivate_all)."""

    def __init__(self, language, deactivate=False):
        self.language = language
        self.deactivate = deactivate

    def __enter__(self):
        self.old_language = get_language()
        if self.language is not None:
            activate(self.language)
        else:
            deactivate_all()

    def __exit__(self, exc_type, exc_value, traceback):
        if self.old_language is None:
            deactivate_all()
        elif self.deactivate:
            deactivate()
        else:
            activate(self.old_language)
