"""cached_property, classproperty and lazy() with its Promise
(django/utils/functional.py): values computed on first use.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.html.
import djscratch

__all__ = [
    "cached_property", "lazy", "Promise",
]


class cached_property:
    """Compute a method's value once per instance and store it as an attribute.

    Like functools.cached_property, without the lock: a race computes twice,
    which is harmless for the pure computations it is used for.
    """

    def __init__(self, func, name=None):
        self.func = func
        self.name = name or func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class classproperty:
    """A read-only property computed on the class (Django's classproperty)."""

    def __init__(self, method):
        self.fget = method

    def __get__(self, instance, cls=None):
        return self.fget(cls)


# -- Lazy values: reverse_lazy() and gettext_lazy() return a Promise that
#    becomes a real value when used.


class Promise:
    """Base class of lazy proxies; `isinstance(x, Promise)` spots them."""


def lazy(func, *resultclasses):
    """Turn `func` into a function returning a lazy proxy of its result.

    The proxy evaluates `func` each time it is turned into a string or used
    as one of `resultclasses`; djscratch only needs the str flavour.
    """

    class __proxy__(Promise):
        __slots__ = ("_args", "_kw")

        def __init__(self, args, kw):
            self._args, self._kw = args, kw

        def _value(self):
            return func(*self._args, **self._kw)

        def __str__(self):
            return str(self._value())

        def __repr__(self):
            return repr(self._value())

        def __eq__(self, other):
            if isinstance(other, Promise):
                other = other._value()
            return self._value() == other

        def __lt__(self, other):
            if isinstance(other, Promise):
                other = other._value()
            return self._value() < other

        def __hash__(self):
            return hash(self._value())

        def __mod__(self, other):
            return self._value() % other

        def __add__(self, other):
            return self._value() + other

        def __radd__(self, other):
            return other + self._value()

        def __getattr__(self, name):
            # str methods (upper, format, ...) act on the evaluated value.
            return getattr(self._value(), name)

        def __html__(self):
            value = self._value()
            return value.__html__() if hasattr(value, "__html__") else djscratch.utils.html.escape(value)  # noqa: E501

    def wrapper(*args, **kw):
        return __proxy__(args, kw)

    return wrapper
