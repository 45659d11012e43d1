"""decorator_from_middleware() and friends
(django/utils/decorators.py).
"""

__all__ = [
    "decorator_from_middleware", "decorator_from_middleware_with_args",
]


def _make_middleware_decorator(middleware_class, *m_args, **m_kwargs):
    """Return a view decorator that runs `middleware_class` around one view."""
    import functools

    def decorator(view_func):
        middleware = middleware_class(view_func, *m_args, **m_kwargs)

        @functools.wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if hasattr(middleware, "process_request"):
                result = middleware.process_request(request)
                if result is not None:
                    return result
            if hasattr(middleware, "process_view"):
                result = middleware.process_view(request, view_func, args, kwargs)
                if result is not None:
                    return result
            try:
                response = view_func(request, *args, **kwargs)
            except Exception as exc:
                if hasattr(middleware, "process_exception"):
                    result = middleware.process_exception(request, exc)
                    if result is not None:
                        return result
                raise
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

        return wrapper

    return decorator


def decorator_from_middleware(middleware_class):
    """Turn a middleware class into a decorator for a single view."""
    return _make_middleware_decorator(middleware_class)


def decorator_from_middleware_with_args(middleware_class):
    """Like decorator_from_middleware, but the middleware takes arguments."""
    return lambda *args, **kwargs: _make_middleware_decorator(
        middleware_class, *args, **kwargs)
