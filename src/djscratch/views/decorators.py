"""The view decorators (django/views/decorators/): HTTP methods,
csrf_exempt and csrf_protect, method_decorator; the others are in
views/decorators_extra.py (built on first use).
"""

from djscratch.utils.log import _log_response
from djscratch.http.response_extra import HttpResponseNotAllowed
from djscratch.asgiref_fallback import iscoroutinefunction
from djscratch.views.debug_decorators import (  # noqa: F401  (django's home of them)
    coroutine_functions_to_sensitive_variables, sensitive_variables,
)
from djscratch.utils.decorators import _view_wrapper, decorator_from_middleware
from djscratch.middleware.csrf import CsrfViewMiddleware

__all__ = [
    "require_http_methods", "require_GET", "require_POST", "require_safe",
    "csrf_exempt", "csrf_protect", "sensitive_variables", "method_decorator",
]


# -- View decorators -----------------------------------------------------------

def _wraps(func):
    import functools

    return functools.wraps(func)


def _check_request(request, decorator_name):
    if not hasattr(request, "META"):
        raise TypeError(
            "%s didn't receive an HttpRequest. If you are decorating a classmethod, "
            "be sure to use @method_decorator." % decorator_name)


def require_http_methods(request_method_list):
    """Answer 405 (with an Allow header) to methods not in the list."""
    def refuse(request, args, kwargs):
        if request.method not in request_method_list:
            response = HttpResponseNotAllowed(request_method_list)
            _log_response("Method Not Allowed (%s): %s", request.method,
                          request.path, response=response, request=request)
            return response
        return None

    return lambda func: _view_wrapper(func, before=refuse)


require_GET = require_http_methods(["GET"])
require_GET.__doc__ = "Allow only GET requests (405 for anything else)."
require_POST = require_http_methods(["POST"])
require_POST.__doc__ = "Allow only POST requests (405 for anything else)."
require_safe = require_http_methods(["GET", "HEAD"])
require_safe.__doc__ = "Allow only the safe methods GET and HEAD."


def csrf_exempt(view_func):
    """Skip CsrfViewMiddleware's checks for this view."""
    wrapper = _view_wrapper(view_func)
    wrapper.csrf_exempt = True
    return wrapper


csrf_protect = decorator_from_middleware(CsrfViewMiddleware)
csrf_protect.__doc__ = "Apply CsrfViewMiddleware's protection to one view."


def _multi_decorate(decorators, method):
    """Wrap `method` so that function decorators apply to its bound form."""
    import functools

    # A list or tuple, applied last first; an unordered set is refused (a
    # TypeError, as Django): the order of decorators matters.
    decorators = decorators[::-1] if hasattr(decorators, "__iter__") else [
        decorators]

    def decorated(self):
        bound = functools.partial(method.__get__(self, type(self)))
        bound = functools.wraps(method)(bound)
        for dec in decorators:
            bound = dec(bound)
        return bound

    if iscoroutinefunction(method):
        async def _wrapper(self, *args, **kwargs):
            return await decorated(self)(*args, **kwargs)
    else:
        def _wrapper(self, *args, **kwargs):
            return decorated(self)(*args, **kwargs)

    for dec in decorators:
        # Copy the attributes a decorator sets (csrf_exempt, ...) onto _wrapper.
        @dec
        def dummy(*args, **kwargs):
            pass
        functools.update_wrapper(_wrapper, dummy)
    functools.update_wrapper(_wrapper, method)
    return _wrapper


def method_decorator(decorator, name=""):
    """Turn a function decorator into a method decorator.

    Apply it to a method, or to a class with `name` naming the method (for
    instance @method_decorator(login_required, name="dispatch")).
    """
    def _dec(obj):
        if not isinstance(obj, type):
            return _multi_decorate(decorator, obj)
        if not (name and hasattr(obj, name)):
            raise ValueError(
                "The keyword argument `name` must be the name of a method of the "
                "decorated class: %s. Got '%s' instead." % (obj, name))
        method = getattr(obj, name)
        if not callable(method):
            raise TypeError("Cannot decorate '%s' as it isn't a callable attribute of "
                            "%s (%s)." % (name, obj, method))
        setattr(obj, name, _multi_decorate(decorator, method))
        return obj

    if not hasattr(decorator, "__iter__"):
        import functools

        functools.update_wrapper(_dec, decorator)
    obj_name = getattr(decorator, "__name__", type(decorator).__name__)
    _dec.__name__ = "method_decorator(%s)" % obj_name
    return _dec
