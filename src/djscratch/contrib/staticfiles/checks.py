"""The staticfiles checks (django/contrib/staticfiles/checks.py): each
finder's own check(), and staticfiles.E005 (no "staticfiles" storage).
"""

from djscratch.conf import settings, STATICFILES_STORAGE_ALIAS
from djscratch.core.checks.messages import Error
from djscratch.contrib.staticfiles.finders import get_finders

__all__ = [
    "check_finders", "check_storages",
]

_STATICFILES_E005 = Error(
    f"The STORAGES setting must define a '{STATICFILES_STORAGE_ALIAS}' storage.",
    id="staticfiles.E005")


def check_finders(app_configs=None, **kwargs):
    """The problems each finder of STATICFILES_FINDERS reports."""
    errors = []
    for finder in get_finders():
        try:
            errors.extend(finder.check())
        except NotImplementedError:  # a finder without checks
            pass
    return errors


def check_storages(app_configs=None, **kwargs):
    """staticfiles.E005: STORAGES has no "staticfiles" entry."""
    return [] if STATICFILES_STORAGE_ALIAS in settings.STORAGES else [
        _STATICFILES_E005]
