"""ASGIRequest and ASGIHandler (django/core/handlers/asgi.py) and
get_asgi_application() (django/core/asgi.py): the request built from an
ASGI scope, and the ASGI application that serves HTTP through the
handler's async path (uvicorn, daphne, hypercorn: `asgi.py` as Django's).
"""

import sys

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.core.signals import request_started
from djscratch.core.exceptions import RequestDataTooBig
from djscratch.core.exceptions_extra import RequestAborted
from djscratch.conf import settings
from djscratch.utils.functional import cached_property
from djscratch.utils.log import _get_logger
from djscratch.apps.registry import setup
from djscratch.http.request import QueryDict, WSGIRequest
from djscratch.http.response import HttpResponse
from djscratch.http.response_extra import HttpResponseBadRequest
from djscratch.urls.base import set_script_prefix
from djscratch.core.handlers.base import BaseHandler

__all__ = [
    "ASGIRequest", "ASGIHandler", "get_asgi_application",
]


def _asgi_script_prefix(scope):
    """The script prefix of an ASGI scope (FORCE_SCRIPT_NAME wins)."""
    if settings.FORCE_SCRIPT_NAME:
        return settings.FORCE_SCRIPT_NAME
    return scope.get("root_path", "") or ""


def _scope_meta(scope, script_name, path_info, method):
    """Django's META for an ASGI scope: the server, client and headers."""
    query_string = scope.get("query_string", "")
    if isinstance(query_string, bytes):
        query_string = query_string.decode()
    meta = {"REQUEST_METHOD": method, "QUERY_STRING": query_string,
            "SCRIPT_NAME": script_name, "PATH_INFO": path_info,
            "wsgi.multithread": True, "wsgi.multiprocess": True}
    if scope.get("client"):
        meta["REMOTE_ADDR"] = meta["REMOTE_HOST"] = scope["client"][0]
        meta["REMOTE_PORT"] = scope["client"][1]
    if scope.get("server"):
        meta["SERVER_NAME"] = scope["server"][0]
        meta["SERVER_PORT"] = str(scope["server"][1])
    else:
        meta["SERVER_NAME"], meta["SERVER_PORT"] = "unknown", "0"
    headers = {}
    for name, value in scope.get("headers", []):
        name = name.decode("latin1")
        if "_" in name:  # no spoofing through "_" and "-" meaning the same
            continue
        if name in ("content-length", "content-type"):
            key = name.upper().replace("-", "_")
        else:
            key = "HTTP_%s" % name.upper().replace("-", "_")
        headers.setdefault(key, []).append(value.decode("latin1"))
    meta.update((key, ",".join(values)) for key, values in headers.items())
    return meta


class ASGIRequest(WSGIRequest):
    """A request built from an ASGI scope and a body file."""

    #: Seconds a request waits for its body before giving up (Django's).
    body_receive_timeout = 60

    def __init__(self, scope, body_file):
        self.scope = scope
        self.script_name = script_name = _asgi_script_prefix(scope)
        path_info = scope["path"]
        if script_name:
            path_info = path_info.removeprefix(script_name)
        method = scope["method"].upper()
        meta = _scope_meta(scope, script_name, path_info, method)
        # WSGIRequest reads the PEP 3333 form: text as latin-1 bytes.
        meta["PATH_INFO"] = path_info.encode().decode("latin-1")
        meta["SCRIPT_NAME"] = script_name.encode().decode("latin-1")
        meta["wsgi.input"] = body_file
        super().__init__(meta)
        del meta["wsgi.input"]
        self._stream = body_file

    @cached_property
    def GET(self):
        return QueryDict(self.META["QUERY_STRING"], encoding=self.encoding)

    def _get_scheme(self):
        return self.scope.get("scheme") or "http"

    def close(self):
        super().close()
        self._stream.close()


class ASGIHandler(BaseHandler):
    """The ASGI application: serves HTTP connections (only) through the
    middleware chain's async path, each request in its own
    ThreadSensitiveContext (its sync code shares one thread)."""

    request_class = ASGIRequest
    #: Bytes per http.response.body message.
    chunk_size = 2**16

    def __init__(self):
        super().__init__()
        self.load_middleware(is_async=True)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(
                "Django can only handle ASGI/HTTP connections, not %s."
                % scope["type"])
        async with _asgiref_sync().ThreadSensitiveContext():
            await self.handle(scope, receive, send)

    async def handle(self, scope, receive, send):
        """Read the body, build the request, send the response."""
        sync_to_async = _asgiref_sync().sync_to_async
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(_asgi_script_prefix(scope))
        await request_started.asend(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            body_file.close()
            await self.send_response(error_response, send)
            await sync_to_async(error_response.close)()
            return
        try:
            response = await self.get_response_async(request)
            response._handler_class = self.__class__
            if getattr(response, "file_to_stream", None) is not None:
                response.block_size = self.chunk_size
            try:
                await self.send_response(response, send)
            finally:
                await sync_to_async(response.close, thread_sensitive=False)()
        finally:
            body_file.close()  # the request's body, spooled in memory or on disk

    async def read_body(self, receive):
        """The request body (in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, then
        on disk); RequestAborted if the client disconnects first."""
        import tempfile

        body_file = tempfile.SpooledTemporaryFile(
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, mode="w+b")
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                body_file.close()
                raise RequestAborted()
            if "body" in message:
                body_file.write(message["body"])
            if not message.get("more_body", False):
                break
        body_file.seek(0)
        return body_file

    def create_request(self, scope, body_file):
        """(request, None), or (None, the error response)."""
        try:
            return self.request_class(scope, body_file), None
        except UnicodeDecodeError:
            _get_logger("django.request").warning(
                "Bad Request (UnicodeDecodeError)", exc_info=sys.exc_info(),
                extra={"status_code": 400})
            return None, HttpResponseBadRequest()
        except RequestDataTooBig:
            return None, HttpResponse("413 Payload too large", status=413)

    async def send_response(self, response, send):
        """Send the status and headers, then the body in chunks (a streaming
        response as it is produced)."""
        headers = [(name.encode("ascii"), value.encode("latin1"))
                   for name, value in response.items()]
        headers += [(b"Set-Cookie", morsel.output(header="").encode("ascii").strip())
                    for morsel in response.cookies.values()]
        await send({"type": "http.response.start", "status": response.status_code,
                    "headers": headers})
        if response.streaming:
            async for part in response:
                for chunk, _last in self.chunk_bytes(part):
                    await send({"type": "http.response.body", "body": chunk,
                                "more_body": True})
            await send({"type": "http.response.body"})
        else:
            for chunk, last in self.chunk_bytes(response.content):
                await send({"type": "http.response.body", "body": chunk,
                            "more_body": not last})

    @classmethod
    def chunk_bytes(cls, data):
        """Yield (chunk, is_last) pieces of `data` of chunk_size bytes."""
        position = 0
        if not data:
            yield data, True
            return
        while position < len(data):
            yield (data[position:position + cls.chunk_size],
                   (position + cls.chunk_size) >= len(data))
            position += cls.chunk_size


def get_asgi_application():
    """Set up djscratch (apps, logging) and return the ASGI application."""
    setup(set_prefix=False)
    return ASGIHandler()
