"""What a callable's signature accepts: its argument names, defaults,
*args and **kwargs (django/utils/inspect.py).
"""

import functools
import types

__all__ = [
    "get_func_args", "get_func_full_args", "func_accepts_kwargs",
    "func_accepts_var_args", "method_has_no_args", "func_supports_parameter",
]

#: The parameter kinds that name one argument (not *args or **kwargs):
#: inspect.Parameter's POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD and
#: KEYWORD_ONLY, an IntEnum whose members equal (and hash as) these numbers;
#: so the inspect module (some 2 MiB) need not load with djscratch.
ARG_KINDS = frozenset({0, 1, 3})


@functools.lru_cache(maxsize=512)
def _get_func_parameters(func, remove_first):
    import inspect

    parameters = tuple(inspect.signature(func).parameters.values())
    return parameters[1:] if remove_first else parameters


def _get_callable_parameters(meth_or_func):
    """The parameters of a function, or of a bound method without its self."""
    if isinstance(meth_or_func, types.MethodType):  # inspect.ismethod()
        return _get_func_parameters(meth_or_func.__func__, remove_first=True)
    return _get_func_parameters(meth_or_func, remove_first=False)


def get_func_args(func):
    """The names of the arguments `func` takes one by one."""
    return [p.name for p in _get_callable_parameters(func) if p.kind in ARG_KINDS]


def get_func_full_args(func):
    """[(name, default) or (name,)] for each parameter but self; *args and
    **kwargs appear as ("*args",) and ("**kwargs",)."""
    args = []
    for param in _get_callable_parameters(func):
        name = param.name
        if name == "self":
            continue
        if param.kind == param.VAR_POSITIONAL:
            name = "*" + name
        elif param.kind == param.VAR_KEYWORD:
            name = "**" + name
        if param.default is param.empty:
            args.append((name,))
        else:
            args.append((name, param.default))
    return args


def func_accepts_kwargs(func):
    """Whether `func` takes **kwargs."""
    return any(p.kind == p.VAR_KEYWORD for p in _get_callable_parameters(func))


def func_accepts_var_args(func):
    """Whether `func` takes *args."""
    return any(p.kind == p.VAR_POSITIONAL for p in _get_callable_parameters(func))


def method_has_no_args(meth):
    """Whether a method takes nothing but self (bound or not)."""
    count = sum(p.kind in ARG_KINDS for p in _get_callable_parameters(meth))
    return count == 0 if isinstance(meth, types.MethodType) else count == 1


def func_supports_parameter(func, name):
    """Whether `func` has a parameter called `name`."""
    return any(p.name == name for p in _get_callable_parameters(func))
