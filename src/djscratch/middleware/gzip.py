"""GZipMiddleware (django/middleware/gzip.py).
"""

from djscratch.utils.encoding import force_bytes
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.utils.cache import patch_vary_headers
from djscratch.middleware.clickjacking import _gzip_header

__all__ = [
    "GZipMiddleware",
]


def _gzip_sequence(chunks, max_random_bytes=None):
    """Compress an iterable of chunks into one gzip member, chunk by chunk."""
    import zlib

    yield _gzip_header(max_random_bytes)
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    crc = size = 0
    for chunk in chunks:
        chunk = force_bytes(chunk)
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        data = compressor.compress(chunk)
        if data:
            yield data
    yield compressor.flush() + (crc.to_bytes(4, "little") +
                                (size & 0xFFFFFFFF).to_bytes(4, "little"))


class GZipMiddleware(MiddlewareMixin):
    """Compress responses for clients that accept gzip (bodies of 200+ bytes).

    Every response gets a random-length pad in the gzip header (at most
    max_random_bytes - 1 bytes) against BREACH, as Django 4.2+ does.
    """

    max_random_bytes = 100

    def process_response(self, request, response):
        import re

        if not response.streaming and len(response.content) < 200:
            return response
        if response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re.search(r"\bgzip\b", request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        if response.streaming:
            response.streaming_content = _gzip_sequence(
                response.streaming_content, self.max_random_bytes)
            if response.has_header("Content-Length"):
                del response.headers["Content-Length"]
        else:
            compressed = b"".join(_gzip_sequence((response.content,),
                                                 self.max_random_bytes))
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
