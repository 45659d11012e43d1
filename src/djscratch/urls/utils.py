"""get_callable() and get_mod_func() (django/urls/utils.py): a view from
its dotted path, with Django's messages when it cannot be imported.
"""

import functools
import importlib
import importlib.util

from djscratch.core.exceptions_extra import ViewDoesNotExist

__all__ = [
    "get_callable", "get_mod_func",
]


def get_mod_func(callback):
    """Split "path.to.view" into ("path.to", "view")."""
    dot = callback.rfind(".")
    if dot == -1:
        return callback, ""
    return callback[:dot], callback[dot + 1:]


def _has_submodule(parent, name):
    """Whether package `parent` has a module `name` (without importing it)."""
    try:
        return importlib.util.find_spec(f"{parent}.{name}") is not None
    except (ImportError, ValueError):
        return False


@functools.lru_cache(maxsize=None)
def get_callable(lookup_view):
    """The callable `lookup_view` names (or is): ImportError or
    ViewDoesNotExist, with Django's messages, when it cannot be had."""
    if callable(lookup_view):
        return lookup_view
    if not isinstance(lookup_view, str):
        raise ViewDoesNotExist(
            "'%s' is not a callable or a dot-notation path" % lookup_view)
    mod_name, func_name = get_mod_func(lookup_view)
    if not func_name:
        raise ImportError(
            "Could not import '%s'. The path must be fully qualified." % lookup_view)
    try:
        module = importlib.import_module(mod_name)
    except ImportError:
        parent, submodule = get_mod_func(mod_name)
        if submodule and not _has_submodule(parent, submodule):
            raise ViewDoesNotExist(
                "Could not import '%s'. Parent module %s does not exist."
                % (lookup_view, mod_name)) from None
        raise
    try:
        view = getattr(module, func_name)
    except AttributeError:
        raise ViewDoesNotExist(
            "Could not import '%s'. View does not exist in module %s."
            % (lookup_view, mod_name)) from None
    if not callable(view):
        raise ViewDoesNotExist("Could not import '%s.%s'. View is not callable."
                               % (mod_name, func_name))
    return view
