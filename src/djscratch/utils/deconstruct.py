"""deconstructible (django/utils/deconstruct.py): a class decorator
recording the constructor's arguments so deconstruct() can return them.
"""

__all__ = [
    "deconstructible",
]


def deconstructible(*args, path=None):
    """Give the class a deconstruct() returning (import path, args, kwargs);
    `path` names the class's public import path."""

    def decorator(klass):
        def __new__(cls, *args, **kwargs):
            obj = super(klass, cls).__new__(cls)
            obj._constructor_args = (args, kwargs)
            return obj

        def deconstruct(obj):
            import importlib

            if path and type(obj) is klass:
                module_name, _, name = path.rpartition(".")
            else:
                module_name, name = obj.__module__, type(obj).__name__
            module = importlib.import_module(module_name)
            if not hasattr(module, name):
                # An inner class cannot be imported back by its path.
                raise ValueError(
                    "Could not find object %s in %s.\n"
                    "Please note that you cannot serialize things like inner "
                    "classes. Please move the object into the main module "
                    "body to use migrations.\n"
                    "For more information, see "
                    "https://docs.djangoproject.com/en/5.2/topics/migrations/"
                    "#serializing-values" % (name, module_name))
            return (path if path and type(obj) is klass
                    else f"{type(obj).__module__}.{name}",
                    obj._constructor_args[0], obj._constructor_args[1])

        klass.__new__ = staticmethod(__new__)
        klass.deconstruct = deconstruct
        return klass

    if not args:
        return decorator
    return decorator(*args)
