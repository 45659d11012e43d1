"""MiddlewareMixin and the RemovedInDjango60Warning family
(django/utils/deprecation.py).
"""

from djscratch.asgiref_fallback import (
    _asgiref_sync, iscoroutinefunction, markcoroutinefunction,
)

__all__ = [
    "MiddlewareMixin", "RemovedInDjango60Warning", "RemovedInDjango61Warning",
    "RemovedInNextVersionWarning", "RemovedAfterNextVersionWarning",
]


class MiddlewareMixin:
    """Adapt a middleware with process_request/process_response hooks.

    Subclasses define any of process_request(request), process_view(request,
    view, args, kwargs), process_exception(request, exception) and
    process_response(request, response); the handler calls process_view and
    process_exception, __call__ below calls the other two around the rest of
    the chain.
    """

    sync_capable = True
    async_capable = True
    #: Set by __init__; False for a subclass whose __init__ skips super's.
    async_mode = False

    def __init__(self, get_response):
        if get_response is None:
            raise ValueError("get_response must be provided.")
        self.get_response = get_response
        # Async when the rest of the chain is: the hooks then run in a thread.
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __repr__(self):
        name = getattr(self.get_response, "__qualname__",
                       type(self.get_response).__qualname__)
        return f"<{type(self).__qualname__} get_response={name}>"

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        # One lookup per hook (not hasattr() then a second lookup).
        process_request = getattr(self, "process_request", None)
        response = None
        if process_request is not None:
            response = process_request(request)
        response = response or self.get_response(request)
        process_response = getattr(self, "process_response", None)
        if process_response is not None:
            response = process_response(request, response)
        return response

    async def __acall__(self, request):
        """__call__ when the chain is async: the sync hooks run in a thread."""
        sync_to_async = _asgiref_sync().sync_to_async
        response = None
        if hasattr(self, "process_request"):
            response = await sync_to_async(
                self.process_request, thread_sensitive=True)(request)
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = await sync_to_async(
                self.process_response, thread_sensitive=True)(request, response)
        return response


class RemovedInDjango60Warning(DeprecationWarning):
    """A Django API that Django 6.0 removes."""


class RemovedInDjango61Warning(PendingDeprecationWarning):
    """A Django API that Django 6.1 removes."""


RemovedInNextVersionWarning = RemovedInDjango60Warning
RemovedAfterNextVersionWarning = RemovedInDjango61Warning
