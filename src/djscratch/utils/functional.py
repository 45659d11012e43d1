"""cached_property, classproperty, lazy() with its Promise, LazyObject and
SimpleLazyObject (django/utils/functional.py): values computed on first use.
"""

import functools
import itertools
import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.html.
import djscratch

#: Django's module imports functools.wraps, and code imports it from there
#: (django-taggit's utils).
wraps = functools.wraps

__all__ = [
    "cached_property", "lazy", "lazystr", "Promise", "LazyObject", "SimpleLazyObject",
    "keep_lazy", "keep_lazy_text",
]


class cached_property:
    """Compute a method's value once per instance and store it as an attribute.

    Like functools.cached_property, without the lock: a race computes twice,
    which is harmless for the pure computations it is used for.
    """

    name = None

    @staticmethod
    def func(instance):
        raise TypeError(
            "Cannot use cached_property instance without calling "
            "__set_name__() on it.")

    def __init__(self, func):
        self.real_func = func
        self.__doc__ = getattr(func, "__doc__")

    def __set_name__(self, owner, name):
        if self.name is None:
            self.name = name
            self.func = self.real_func
        elif name != self.name:
            # Under one name only: the value is cached under that name.
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.name!r} and {name!r}).")

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class classproperty:
    """A read-only property computed on the class (Django's classproperty)."""

    def __init__(self, method=None):
        self.fget = method

    def __get__(self, instance, cls=None):
        return self.fget(cls)

    def getter(self, method):
        self.fget = method
        return self


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
            return self._value() % _evaluated(other)

        def __rmod__(self, other):
            return other % self._value()

        def __add__(self, other):
            return self._value() + _evaluated(other)

        def __radd__(self, other):
            return other + self._value()

        def __mul__(self, other):
            return self._value() * _evaluated(other)

        def __rmul__(self, other):
            return other * self._value()

        def __bytes__(self):
            return bytes(self._value())

        def __format__(self, format_spec):
            return format(self._value(), format_spec)

        def __dir__(self):
            return sorted(set(object.__dir__(self)) | set(dir(self._value())))

        def __iter__(self):
            # Iterable, sized and indexable like the str it stands for
            # (HttpResponse(lazy_text), csrf_token[:32]).
            return iter(self._value())

        def __len__(self):
            return len(self._value())

        def __getitem__(self, key):
            return self._value()[key]

        def __contains__(self, item):
            return item in self._value()

        def __getattr__(self, name):
            # str methods (upper, format, ...) act on the evaluated value.
            if name in ("_args", "_kw"):  # a copy being built has no state yet
                raise AttributeError(name)
            return getattr(self._value(), name)

        def __deepcopy__(self, memo):
            # Immutable (a function and its arguments), as Django's proxies.
            memo[id(self)] = self
            return self

        def __html__(self):
            value = self._value()
            return value.__html__() if hasattr(value, "__html__") else djscratch.utils.html.escape(value)  # noqa: E501

    def wrapper(*args, **kw):
        return __proxy__(args, kw)

    # As Django (@wraps(func)): the lazy function keeps func's name and
    # docstring (a class's attributes are not copied: lazy(str, str)).
    return functools.update_wrapper(
        wrapper, func, updated=() if isinstance(func, type) else ("__dict__",))


def _evaluated(value):
    """A lazy value's result; any other value as it is."""
    return value._value() if isinstance(value, Promise) else value


def keep_lazy(*resultclasses):
    """Decorate a function so that a lazy argument gives a lazy result: it then
    runs when the result is used (when the translation is known), not now."""
    if not resultclasses:
        raise TypeError("You must pass at least one argument to keep_lazy().")

    def decorator(func):
        lazy_func = lazy(func, *resultclasses)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if any(isinstance(arg, Promise)
                   for arg in itertools.chain(args, kwargs.values())):
                return lazy_func(*args, **kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorator


def keep_lazy_text(func):
    """keep_lazy(str) as a plain decorator."""
    return keep_lazy(str)(func)


def lazystr(text):
    """Return a lazy str of `text` (a shortcut for lazy(str, str)(text))."""
    return lazy(str, str)(text)


# -- Lazy objects: LazyObject and SimpleLazyObject stand for an object built
#    on first use (request.user, settings), and pass every operation on.

#: The value of LazyObject._wrapped before the object is built.
empty = object()


def new_method_proxy(func):
    """Return a method that builds the wrapped object if needed, then calls
    func(wrapped, *args)."""

    def proxy(self, *args):
        wrapped = self._wrapped
        if wrapped is empty:
            self._setup()
            wrapped = self._wrapped
        return func(wrapped, *args)

    proxy._mask_wrapped = False
    return proxy


def _proxied(name):
    """The proxy of an operator special method, looked up on the wrapped
    object's type as Python does."""
    import operator

    return new_method_proxy(getattr(operator, name))


def unpickle_lazyobject(wrapped):
    """A pickled lazy object unpickles as the object it wrapped."""
    return wrapped


class LazyObject:
    """A stand-in for an object that _setup() builds on first use; subclasses
    provide _setup() (SimpleLazyObject takes a function instead)."""

    _wrapped = None

    def __init__(self):
        self._wrapped = empty

    def __getattribute__(self, name):
        if name == "_wrapped":
            return super().__getattribute__(name)
        value = super().__getattribute__(name)
        # A proxy method falls back to __getattr__, so that an attribute the
        # wrapped object lacks (a __len__ for a user) is reported missing.
        if getattr(value, "_mask_wrapped", True) is False:
            raise AttributeError(name)
        return value

    __getattr__ = new_method_proxy(getattr)

    def __setattr__(self, name, value):
        if name == "_wrapped":
            self.__dict__["_wrapped"] = value
            return
        if self._wrapped is empty:
            self._setup()
        setattr(self._wrapped, name, value)

    def __delattr__(self, name):
        if name == "_wrapped":
            raise TypeError("can't delete _wrapped.")
        if self._wrapped is empty:
            self._setup()
        delattr(self._wrapped, name)

    def _setup(self):
        raise NotImplementedError(
            "subclasses of LazyObject must provide a _setup() method")

    def __reduce__(self):
        if self._wrapped is empty:
            self._setup()
        return (unpickle_lazyobject, (self._wrapped,))

    def __copy__(self):
        import copy

        if self._wrapped is empty:
            return type(self)()
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo):
        import copy

        if self._wrapped is empty:
            result = memo[id(self)] = type(self)()
            return result
        return copy.deepcopy(self._wrapped, memo)

    __bytes__ = new_method_proxy(bytes)
    __str__ = new_method_proxy(str)
    __bool__ = new_method_proxy(bool)
    __dir__ = new_method_proxy(dir)
    # It passes for the wrapped object: isinstance() and == see through it.
    __class__ = property(new_method_proxy(lambda wrapped: wrapped.__class__))
    __eq__ = _proxied("eq")
    __ne__ = _proxied("ne")
    __lt__ = _proxied("lt")
    __gt__ = _proxied("gt")
    __hash__ = new_method_proxy(hash)
    __getitem__ = _proxied("getitem")
    __setitem__ = _proxied("setitem")
    __delitem__ = _proxied("delitem")
    __iter__ = new_method_proxy(iter)
    __len__ = new_method_proxy(len)
    __contains__ = _proxied("contains")
    __add__ = _proxied("add")

    def __radd__(self, other):
        if self._wrapped is empty:
            self._setup()
        return other + self._wrapped


class SimpleLazyObject(LazyObject):
    """A lazy object built by calling `func()` on first use."""

    def __init__(self, func):
        # Straight into __dict__: a lazy request.user is built on every
        # request, and __getattribute__/__setattr__ would cost three calls.
        d = object.__getattribute__(self, "__dict__")
        d["_setupfunc"] = func
        d["_wrapped"] = empty

    def _setup(self):
        self._wrapped = self._setupfunc()

    def __repr__(self):
        shown = self._setupfunc if self._wrapped is empty else self._wrapped
        return "<%s: %r>" % (type(self).__name__, shown)

    def __copy__(self):
        import copy

        if self._wrapped is empty:
            return SimpleLazyObject(self._setupfunc)
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo):
        import copy

        if self._wrapped is empty:
            result = memo[id(self)] = SimpleLazyObject(self._setupfunc)
            return result
        return copy.deepcopy(self._wrapped, memo)


def _app_registry():
    """The app registry, for code of modules that load before it.  In the
    package, `djscratch.apps` names the registry itself (as django.apps.apps
    is re-exported), which hides the subpackage djscratch.apps, so the
    registry module is found by its name; in the single file it is a global."""
    module = sys.modules.get("djscratch.apps.registry") or sys.modules[__name__]
    return module.apps
