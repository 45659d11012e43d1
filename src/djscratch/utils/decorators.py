"""decorator_from_middleware() and friends
(django/utils/decorators.py).
"""

import functools

from djscratch.asgiref_fallback import iscoroutinefunction

__all__ = [
    "decorator_from_middleware", "decorator_from_middleware_with_args",
    "sync_only_middleware", "async_only_middleware", "sync_and_async_middleware",
    "classonlymethod",
]


class classonlymethod(classmethod):
    """A classmethod that refuses to be reached through an instance (what
    View.as_view() is: calling it on a view instance is a mistake)."""

    def __get__(self, instance, cls=None):
        if instance is not None:
            raise AttributeError(
                "This method is available only on the class, not on instances.")
        return super().__get__(instance, cls)


def _view_wrapper(view_func, before=None, after=None, on_error=None):
    """Wrap a view as Django's view decorators do: `before(request, args,
    kwargs)` may answer in its place, `on_error(request, exc)` may turn its
    exception into a response, `after(request, response)` returns the
    response to send.  An async view gets an async wrapper, so
    iscoroutinefunction() still holds for the decorated view.  A sync
    view without `after` nor `on_error` gets a wrapper that only asks
    `before` (if any): the same calls, without the steps that are None."""
    if iscoroutinefunction(view_func):
        async def wrapper(request, *args, **kwargs):
            if before is not None:
                response = before(request, args, kwargs)
                if response is not None:
                    return response
            try:
                response = await view_func(request, *args, **kwargs)
            except Exception as exc:
                if on_error is None:
                    raise
                response = on_error(request, exc)
                if response is None:
                    raise
                return response
            return response if after is None else after(request, response)
    elif before is None and after is None and on_error is None:
        def wrapper(request, *args, **kwargs):
            return view_func(request, *args, **kwargs)
    elif after is None and on_error is None:
        def wrapper(request, *args, **kwargs):
            response = before(request, args, kwargs)
            if response is not None:
                return response
            return view_func(request, *args, **kwargs)
    else:
        def wrapper(request, *args, **kwargs):
            if before is not None:
                response = before(request, args, kwargs)
                if response is not None:
                    return response
            try:
                response = view_func(request, *args, **kwargs)
            except Exception as exc:
                if on_error is None:
                    raise
                response = on_error(request, exc)
                if response is None:
                    raise
                return response
            return response if after is None else after(request, response)
    return functools.wraps(view_func)(wrapper)


def _make_middleware_decorator(middleware_class, *m_args, **m_kwargs):
    """Return a view decorator that runs `middleware_class` around one view."""
    def decorator(view_func):
        middleware = middleware_class(view_func, *m_args, **m_kwargs)

        def before(request, args, kwargs):
            if hasattr(middleware, "process_request"):
                result = middleware.process_request(request)
                if result is not None:
                    return result
            if hasattr(middleware, "process_view"):
                return middleware.process_view(request, view_func, args, kwargs)
            return None

        def on_error(request, exc):
            if hasattr(middleware, "process_exception"):
                return middleware.process_exception(request, exc)
            return None

        def after(request, response):
            if hasattr(response, "render") and callable(response.render) and hasattr(
                    response, "add_post_render_callback") and not getattr(
                    response, "is_rendered", True):
                if hasattr(middleware, "process_template_response"):
                    response = middleware.process_template_response(request, response)
                if hasattr(middleware, "process_response"):
                    response.add_post_render_callback(
                        lambda rendered: middleware.process_response(request, rendered))
                return response
            if hasattr(middleware, "process_response"):
                return middleware.process_response(request, response)
            return response

        return _view_wrapper(view_func, before, after, on_error)

    return decorator


def decorator_from_middleware(middleware_class):
    """Turn a middleware class into a decorator for a single view."""
    return _make_middleware_decorator(middleware_class)


def decorator_from_middleware_with_args(middleware_class):
    """Like decorator_from_middleware, but the middleware takes arguments."""
    return lambda *args, **kwargs: _make_middleware_decorator(
        middleware_class, *args, **kwargs)


def sync_only_middleware(func):
    """Mark a middleware factory as able to run only sync (the default)."""
    func.sync_capable = True
    func.async_capable = False
    return func


def async_only_middleware(func):
    """Mark a middleware factory as able to run only async."""
    func.sync_capable = False
    func.async_capable = True
    return func


def sync_and_async_middleware(func):
    """Mark a middleware factory as able to run either way (it checks
    iscoroutinefunction(get_response) itself)."""
    func.sync_capable = True
    func.async_capable = True
    return func
