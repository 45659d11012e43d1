"""is_iterable(), deprecated in Django 5.1 for isinstance(x,
collections.abc.Iterable) (django/utils/itercompat.py).
"""

import warnings

from djscratch.utils.deprecation import RemovedInDjango60Warning

__all__ = ["is_iterable"]


def is_iterable(x):
    """Whether iter(x) works (deprecated: warns RemovedInDjango60Warning)."""
    warnings.warn(
        "django.utils.itercompat.is_iterable() is deprecated. "
        "Use isinstance(..., collections.abc.Iterable) instead.",
        RemovedInDjango60Warning, stacklevel=2)
    try:
        iter(x)
    except TypeError:
        return False
    return True
