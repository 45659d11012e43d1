"""The rest of django/http/response.py's family: streaming and file
responses, redirects, the error responses, JsonResponse.  The single file
builds them on first use (a deferred section): a page answered with a plain
HttpResponse never defines them.
"""

import os

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.http import content_disposition_header
from djscratch.http.response import HttpResponse, HttpResponseBase

__all__ = [
    "HttpResponseNotModified",
    "HttpResponseBadRequest", "HttpResponseNotFound", "HttpResponseForbidden",
    "HttpResponseNotAllowed", "HttpResponseGone", "HttpResponseServerError",
    "StreamingHttpResponse", "FileResponse",
]


class StreamingHttpResponse(HttpResponseBase):
    """A response whose content is an iterator, sent as it is produced.

    It has `streaming_content` instead of `content`.
    """

    streaming = True

    def __init__(self, streaming_content=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    def __repr__(self):
        return "<%s status_code=%d%s>" % (
            type(self).__qualname__, self.status_code, self._content_type_for_repr)

    @property
    def content(self):
        raise AttributeError(
            "This %s instance has no `content` attribute. Use `streaming_content` "
            "instead." % type(self).__name__)

    @property
    def text(self):
        raise AttributeError(
            "This %s instance has no `text` attribute." % type(self).__name__)

    #: Whether the content is an async iterator (set with the content).
    is_async = False

    @property
    def streaming_content(self):
        if self.is_async:
            iterator = self._iterator  # the one of now, if content is set again

            async def awrapper():
                async for part in iterator:
                    yield self.make_bytes(part)
            return awrapper()
        return map(self.make_bytes, self._iterator)

    @streaming_content.setter
    def streaming_content(self, value):
        self._set_streaming_content(value)

    def _set_streaming_content(self, value):
        try:
            self._iterator = iter(value)
            self.is_async = False
        except TypeError:  # an async iterator (served through async_to_sync)
            self._iterator = aiter(value)
            self.is_async = True
        if hasattr(value, "close"):
            self._resource_closers.append(value.close)

    def __iter__(self):
        if not self.is_async:
            return iter(self.streaming_content)
        import warnings

        warnings.warn(
            "StreamingHttpResponse must consume asynchronous iterators in order to "
            "serve them synchronously. Use a synchronous iterator instead.",
            Warning, stacklevel=2)

        async def to_list(iterator):
            return [chunk async for chunk in iterator]

        chunks = _asgiref_sync().async_to_sync(to_list)(self._iterator)
        return map(self.make_bytes, chunks)

    async def __aiter__(self):
        if self.is_async:
            async for part in self.streaming_content:
                yield part
            return
        import warnings

        warnings.warn(
            "StreamingHttpResponse must consume synchronous iterators in order to "
            "serve them asynchronously. Use an asynchronous iterator instead.",
            Warning, stacklevel=2)
        for part in await _asgiref_sync().sync_to_async(list)(
                self.streaming_content):
            yield part

    def getvalue(self):
        return b"".join(self.streaming_content)


class FileResponse(StreamingHttpResponse):
    """Stream a file opened in binary mode, with Content-Length, Content-Type
    (guessed from the name) and, if asked, Content-Disposition set."""

    block_size = 4096

    def __init__(self, *args, as_attachment=False, filename="", **kwargs):
        self.as_attachment = as_attachment
        self.filename = filename
        self._no_explicit_content_type = (
            "content_type" not in kwargs or kwargs["content_type"] is None)
        super().__init__(*args, **kwargs)

    def _set_streaming_content(self, value):
        if not hasattr(value, "read"):
            self.file_to_stream = None
            return super()._set_streaming_content(value)
        self.file_to_stream = filelike = value
        if hasattr(filelike, "close"):
            self._resource_closers.append(filelike.close)
        value = iter(lambda: filelike.read(self.block_size), b"")
        self.set_headers(filelike)
        super()._set_streaming_content(value)

    def set_headers(self, filelike):
        """Set Content-Length, Content-Type and Content-Disposition from the file."""
        filename = getattr(filelike, "name", "")
        filename = filename if isinstance(filename, str) else ""
        seekable = hasattr(filelike, "seek") and (
            not hasattr(filelike, "seekable") or filelike.seekable())
        if hasattr(filelike, "tell"):
            if seekable:
                initial = filelike.tell()
                filelike.seek(0, os.SEEK_END)
                self.headers["Content-Length"] = filelike.tell() - initial
                filelike.seek(initial)
            elif hasattr(filelike, "getbuffer"):
                self.headers["Content-Length"] = (
                    filelike.getbuffer().nbytes - filelike.tell())
            elif os.path.exists(filename):
                self.headers["Content-Length"] = (
                    os.path.getsize(filename) - filelike.tell())
        elif seekable:
            self.headers["Content-Length"] = sum(
                iter(lambda: len(filelike.read(self.block_size)), 0))
            filelike.seek(-int(self.headers["Content-Length"]), os.SEEK_END)
        filename = os.path.basename(self.filename or filename)
        if self._no_explicit_content_type:
            self.headers["Content-Type"] = _guess_content_type(filename)
        disposition = content_disposition_header(self.as_attachment, filename)
        if disposition:
            self.headers["Content-Disposition"] = disposition


def _guess_content_type(filename):
    """Return the media type for a file name; compressed files keep theirs."""
    if not filename:
        return "application/octet-stream"
    import mimetypes

    content_type, encoding = mimetypes.guess_type(filename)
    content_type = {
        "br": "application/x-brotli", "bzip2": "application/x-bzip",
        "compress": "application/x-compress", "gzip": "application/gzip",
        "xz": "application/x-xz",
    }.get(encoding, content_type)
    return content_type or "application/octet-stream"


class HttpResponseNotModified(HttpResponse):
    """304: the client's cached copy is current; there is no content."""

    status_code = 304

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self["content-type"]

    @HttpResponse.content.setter
    def content(self, value):
        if value:
            raise AttributeError(
                "You cannot set content to a 304 (Not Modified) response")
        self._container = []


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    """405, with the Allow header listing `permitted_methods`."""

    status_code = 405

    def __init__(self, permitted_methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)

    def __repr__(self):
        return "<%s [%s] status_code=%d%s>" % (
            type(self).__name__, self["Allow"], self.status_code,
            self._content_type_for_repr)


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500
