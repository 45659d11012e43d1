"""ConditionalGetMiddleware (django/middleware/http.py).
"""

from djscratch.utils.http import parse_http_date_safe
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.utils.cache import (
    _set_response_etag, _split_header, get_conditional_response,
)

__all__ = [
    "ConditionalGetMiddleware",
]


class ConditionalGetMiddleware(MiddlewareMixin):
    """Answer conditional GETs with 304, adding an ETag when there is none."""

    def process_response(self, request, response):
        if request.method != "GET":
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            _set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response)
        return response

    def needs_etag(self, response):
        """Return False when Cache-Control forbids storing the response."""
        return all(value.lower() != "no-store"
                   for value in _split_header(response.get("Cache-Control", "")))
