"""get_callable() and get_mod_func(): a view from a dotted path
(django/urls/utils.py).
"""

import functools
import importlib

from djscratch.core.exceptions import ViewDoesNotExist


@functools.cache
def get_callable(lookup_view):
    """Return `lookup_view` if callable, else the callable its dotted path names."""
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
        mod = importlib.import_module(mod_name)
    except ImportError:
        parentmod, submod = get_mod_func(mod_name)
        if submod and not _has_submodule(parentmod, submod):
            raise ViewDoesNotExist(
                "Could not import '%s'. Parent module %s does not exist."
                % (lookup_view, mod_name))
        raise
    try:
        view_func = getattr(mod, func_name)
    except AttributeError:
        raise ViewDoesNotExist(
            "Could not import '%s'. View does not exist in module %s."
            % (lookup_view, mod_name)) from None
    if not callable(view_func):
        raise ViewDoesNotExist(
            "Could not import '%s.%s'. View is not callable." % (mod_name, func_name))
    return view_func


def _has_submodule(parent, child):
    # An unimportable parent raises, as Django's import_module(parentmod) does.
    import importlib.util

    package = importlib.import_module(parent)
    path = getattr(package, "__path__", None)
    if path is None:
        return False
    return importlib.util.find_spec(f"{parent}.{child}") is not None


def get_mod_func(callback):
    """Split "a.b.view" into ("a.b", "view"); ("view", "") without a dot."""
    mod_name, dot, func_name = callback.rpartition(".")
    if not dot:
        return callback, ""
    return mod_name, func_name
