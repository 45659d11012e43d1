"""XFrameOptionsMiddleware
(django/middleware/clickjacking.py).
"""

from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin

__all__ = [
    "XFrameOptionsMiddleware",
]


class XFrameOptionsMiddleware(MiddlewareMixin):
    """Set X-Frame-Options (X_FRAME_OPTIONS, "DENY" by default) on responses."""

    def process_response(self, request, response):
        if response.get("X-Frame-Options") is not None:
            return response
        if getattr(response, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.get_xframe_options_value(
            request, response)
        return response

    def get_xframe_options_value(self, request, response):
        return getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()


def _gzip_header(max_random_bytes):
    """A gzip member header whose FNAME field is 0 to max_random_bytes-1 bytes.

    The random length hides the compressed size from a BREACH attacker who
    measures responses reflecting a guess next to a secret (Django 4.2+).
    """
    import secrets

    name = b"a" * secrets.randbelow(max_random_bytes) if max_random_bytes else b""
    flags = b"\x08" if name else b"\x00"  # FNAME
    # magic, deflate, flags, mtime 0, no extra flags, OS unknown
    return b"\x1f\x8b\x08" + flags + b"\x00\x00\x00\x00\x00\xff" + (
        name + b"\x00" if name else b"")
