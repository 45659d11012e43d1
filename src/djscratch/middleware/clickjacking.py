"""XFrameOptionsMiddleware
(django/middleware/clickjacking.py).
"""

from djscratch.conf import _settings_derived, settings
from djscratch.http.response import (
    _checked_header_items, _set_missing_headers, HttpResponseBase,
)
from djscratch.utils.deprecation import MiddlewareMixin

__all__ = [
    "XFrameOptionsMiddleware",
]


class XFrameOptionsMiddleware(MiddlewareMixin):
    """Set X-Frame-Options (X_FRAME_OPTIONS, "DENY" by default) on responses."""

    def process_response(self, request, response):
        item = None
        if (type(self) is XFrameOptionsMiddleware
                and type(response).get is HttpResponseBase.get):
            item = _x_frame_options_item()
        if item is not None:
            # The header the general path below sets, from settings checked
            # once per change, unless present or exempt.
            if not getattr(response, "xframe_options_exempt", False):
                _set_missing_headers(response.headers, item)
            return response
        if response.get("X-Frame-Options") is not None:
            return response
        if getattr(response, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.get_xframe_options_value(
            request, response)
        return response

    def get_xframe_options_value(self, request, response):
        return getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()


@_settings_derived
def _x_frame_options_item():
    """The X-Frame-Options header XFrameOptionsMiddleware sets, as
    _checked_header_items() of the X_FRAME_OPTIONS setting; None for a
    value that cannot be a header (the general path raises, per response)."""
    try:
        value = XFrameOptionsMiddleware.get_xframe_options_value(None, None, None)
        return _checked_header_items([("X-Frame-Options", value)])
    except Exception:  # the general path raises it, where it would
        return None


def _x_frame_options_plan(hook):
    """XFrameOptionsMiddleware.process_response for _response_step(): its
    header, unless present or the response is exempt (the fast path of
    the hook itself, for the class itself: a subclass may have its own
    get_xframe_options_value())."""
    if type(hook.__self__) is not XFrameOptionsMiddleware:
        return None
    item = _x_frame_options_item()
    if item is None:
        return None
    return ("headers", item, "xframe_options_exempt")


XFrameOptionsMiddleware.process_response._djscratch_response_plan = (
    _x_frame_options_plan)


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
