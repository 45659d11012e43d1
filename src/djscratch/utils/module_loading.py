"""import_string() and the lazy standard-library import
helper that keeps `import djscratch` fast (django/utils/module_loading.py).
"""

import sys


def _lazy_import(name):
    """Return module `name`, importing it on first use (a cheap dict lookup)."""
    module = sys.modules.get(name)
    if module is None:
        import importlib

        module = importlib.import_module(name)
    return module


def import_string(dotted_path):
    """Import a dotted module path and return the attribute it names."""
    try:
        module_path, class_name = dotted_path.rsplit(".", 1)
    except ValueError as err:
        raise ImportError(f"{dotted_path} doesn't look like a module path") from err
    # sys.modules first: the session engine, serializer and message storage
    # are looked up on every request, and a dict lookup is cheaper than
    # import_module().
    module = _lazy_import(module_path)
    try:
        return getattr(module, class_name)
    except AttributeError as err:
        raise ImportError(
            f'Module "{module_path}" does not define a "{class_name}" attribute/class'
        ) from err


def _package():
    """Return djscratch itself: the package, or the single file when generated."""
    return sys.modules[__name__.partition(".")[0]]
