"""asgiref's bridges between sync and async code (asgiref.sync, asgiref.local),
for a Python without asgiref: django_alias serves them as the modules
`asgiref.sync` and `asgiref.local` only when no real asgiref is installed.
No Django counterpart (Django depends on asgiref).
"""

import functools
import sys
import types

# asyncio and concurrent.futures load on first use, not with djscratch (they
# cost start-up time and bring in logging); nothing async runs before then.

#: inspect.CO_COROUTINE: the code flag of an `async def` function.
_CO_COROUTINE = 0x80


def iscoroutinefunction(func):
    """Whether func is an async function, or marked as one: inspect's answer
    (Python 3.12+ marks with inspect.markcoroutinefunction; before it,
    asyncio's marker counts, as asyncio.iscoroutinefunction() has it).

    Without loading inspect (some 2 MiB and 10 ms: djscratch asks about a
    hundred functions while it loads, and about a middleware chain's layers
    and methods), what inspect answers for an object carrying neither
    marker: a plain function (or a method of one) by its code flags; an
    object that is neither function-like (no __code__) nor a partial, such
    as a class or a middleware instance, is not a coroutine function."""
    function = func
    while type(function) is types.MethodType:  # as inspect unwraps them
        function = function.__func__
    if (getattr(function, "_is_coroutine_marker", None) is None
            and getattr(function, "_is_coroutine", None) is None):
        if type(function) is types.FunctionType:
            return bool(function.__code__.co_flags & _CO_COROUTINE)
        if (getattr(function, "__code__", None) is None
                and not isinstance(function, functools.partial)):
            return False
    return _general_iscoroutinefunction(func)


def _general_iscoroutinefunction(func):
    """iscoroutinefunction() for any callable (the general path)."""
    import inspect

    if inspect.iscoroutinefunction(func):
        return True
    if hasattr(inspect, "markcoroutinefunction"):
        return False  # Python 3.12+: inspect knows its own marker
    marker = getattr(func, "_is_coroutine", None)
    if marker is None or "asyncio" not in sys.modules:
        return False  # whoever marked func had imported asyncio
    return marker is sys.modules["asyncio"].coroutines._is_coroutine


def markcoroutinefunction(func):
    """Make iscoroutinefunction(func) true (a sync callable that returns an
    awaitable): inspect.markcoroutinefunction on Python 3.12+, asyncio's
    marker before."""
    import inspect

    if hasattr(inspect, "markcoroutinefunction"):
        return inspect.markcoroutinefunction(func)
    import asyncio

    func._is_coroutine = asyncio.coroutines._is_coroutine
    return func


def _asgiref_sync():
    """asgiref.sync as Django code imports it: the real one when installed
    (so djscratch and the project share its threads), else this fallback."""
    import asgiref.sync

    return asgiref.sync


def _awaitable_method(name, alters_data=False):
    """The async twin of method `name` (Django's a-prefixed API: aget,
    asave, ...): it runs `name` through sync_to_async, so the database work
    happens in the thread that owns the connection."""
    async def method(self, *args, **kwargs):
        return await _asgiref_sync().sync_to_async(getattr(self, name))(
            *args, **kwargs)

    method.__name__ = method.__qualname__ = "a" + name
    method.__doc__ = f"See {name}(); awaitable."
    if alters_data:
        method.alters_data = True
    return method
