"""sensitive_variables() (django/views/decorators/debug.py): marks the
local variables an error report must hide.  Apart from the other view
decorators because django.contrib.auth's authenticate() uses it, and loads
first.
"""

import functools
import types

from djscratch.asgiref_fallback import iscoroutinefunction

#: hash("file:first line") of a coroutine function -> the variables
#: sensitive_variables() marks in it ("__ALL__" for all).  A coroutine's
#: frame has no caller frame to find a wrapper by, so the reporter looks its
#: code up here.
coroutine_functions_to_sensitive_variables = {}


def sensitive_variables(*variables):
    """Mark local variables of a function to hide in error reports."""
    if len(variables) == 1 and callable(variables[0]):
        raise TypeError(
            "sensitive_variables() must be called to use it as a decorator, "
            "e.g., use @sensitive_variables(), not @sensitive_variables.")

    def decorator(func):
        if iscoroutinefunction(func):
            _register_sensitive_coroutine(func, variables)
            return func

        # The reporter finds this frame by the function's name and reads the
        # marks off the wrapper, which the frame's locals hold.
        @functools.wraps(func)
        def sensitive_variables_wrapper(*func_args, **func_kwargs):
            sensitive_variables_wrapper.sensitive_variables = variables or "__ALL__"
            return func(*func_args, **func_kwargs)

        return sensitive_variables_wrapper
    return decorator


def _register_sensitive_coroutine(func, variables):
    if type(func) is types.FunctionType and not hasattr(func, "__wrapped__"):
        # What inspect.unwrap() and getfile() give for a plain function,
        # without loading inspect (djscratch decorates one while it loads).
        wrapped, file_path = func, func.__code__.co_filename
    else:
        wrapped, file_path = _sensitive_coroutine_file(func)
    key = hash(f"{file_path}:{wrapped.__code__.co_firstlineno}")
    coroutine_functions_to_sensitive_variables[key] = variables or "__ALL__"


def _sensitive_coroutine_file(func):
    """(the function func wraps, its file) by inspect.unwrap() and getfile();
    ValueError for a builtin or native function."""
    import inspect

    wrapped = inspect.unwrap(func)
    try:
        return wrapped, inspect.getfile(wrapped)
    except TypeError:  # a builtin or native function
        raise ValueError(
            f"{func.__name__} cannot safely be wrapped by @sensitive_variables, "
            "make it either non-async or defined in a Python file (not a builtin "
            "or from a native extension).")
