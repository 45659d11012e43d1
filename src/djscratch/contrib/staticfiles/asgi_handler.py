"""ASGIStaticFilesHandler (django/contrib/staticfiles/handlers.py), beside
the ASGI handler it extends: the single file builds both on first use (a
deferred section).
"""

import urllib.parse

from djscratch.core.handlers.asgi import ASGIHandler
from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.contrib.staticfiles.handlers import StaticFilesHandlerMixin

__all__ = ["ASGIStaticFilesHandler"]


class ASGIStaticFilesHandler(StaticFilesHandlerMixin, ASGIHandler):
    """ASGI wrapper: HTTP requests under STATIC_URL get the static file,
    everything else (other paths, websockets, lifespan) goes to
    `application`."""

    def __init__(self, application):
        self.application = application
        self.base_url = urllib.parse.urlsplit(self.get_base_url())

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and self._should_handle(scope["path"]):
            return await super().__call__(scope, receive, send)
        return await self.application(scope, receive, send)

    async def get_response_async(self, request):
        response = await super().get_response_async(request)
        response._resource_closers.append(request.close)
        if response.streaming and not response.is_async:
            # A FileResponse reads its file synchronously: read it in a
            # thread, then hand the parts to the event loop.
            sync_iterator = response.streaming_content
            read_all = _asgiref_sync().sync_to_async(list)

            async def parts():
                for part in await read_all(sync_iterator):
                    yield part

            response.streaming_content = parts()
        return response
