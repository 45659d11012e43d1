"""BaseHandler's methods a plain page's first response never runs: the
single file keeps them in a section, and BaseHandler defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.conf import _settings_token, settings
from djscratch.utils.log import _log_response
from djscratch.urls.base import set_urlconf
from djscratch.core.handlers.exception import response_for_exception
from djscratch.core.handlers.base import _check_input, _escaped


class _BaseHandlerMore:
    """BaseHandler's methods defined on first use (never instantiated)."""

    def _run_flat(self, request):
        """Run the middleware chain as the nested one would, in one loop.

        Layer i's __call__ runs process_request, then (unless that returned a
        response) the layers inside it, then process_response; an exception
        escaping layer i is turned into a response by the wrapper around it
        (convert_exception_to_response), and layer i-1 goes on with that
        response.  The view is layer n, whose wrapper converts its errors.
        Only the layers that have a hook are visited (see _flat_hooks()),
        and of those only the hooks that can do something under the current
        settings (see _active_hooks()).
        """
        active = self._active_hooks
        if active[0] is not _settings_token():  # settings changed: derive again
            active = self._derive_active_hooks()
        request_hooks, response_hooks = active[1]
        response = None
        for i, process_request in request_hooks:
            try:
                response = process_request(request)
            except Exception as exc:
                response, last = _escaped(request, exc, i)
                break
            if response:
                last = i
                break
        else:
            try:
                response = self._get_response(request)
            except Exception as exc:
                response, last = _escaped(request, exc, len(self._flat_middleware))
            else:
                last = len(self._flat_middleware) - 1
        for i, process_response in response_hooks:
            if i > last:
                continue
            try:
                response = process_response(request, response)
            except Exception as exc:
                response, last = _escaped(request, exc, i)
        return response

    async def get_response_async(self, request):
        """get_response() for an async chain (load_middleware(is_async=True))."""
        set_urlconf(settings.ROOT_URLCONF)
        if (self._middleware_source is not settings.MIDDLEWARE
                or not self._middleware_is_async):
            self.load_middleware(is_async=True)  # settings changed
        try:
            _check_input(request)
        except Exception as exc:
            response = response_for_exception(request, exc)
        else:
            response = await self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            await _asgiref_sync().sync_to_async(
                _log_response, thread_sensitive=False)(
                "%s: %s", response.reason_phrase, request.path, response=response,
                request=request)
        return response

    def process_exception_by_middleware(self, exception, request):
        """Let process_exception() middleware turn the exception into a response."""
        for middleware_method in self._exception_middleware:
            response = middleware_method(request, exception)
            if response:
                return response
        return None
