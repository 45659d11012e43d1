"""MessageMiddleware
(django/contrib/messages/middleware.py).
"""

from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.contrib.messages.api import _message_storage_class

__all__ = [
    "MessageMiddleware",
]


class MessageMiddleware(MiddlewareMixin):
    """Give each request a message storage and save it with the response."""

    def process_request(self, request):
        request._messages = _message_storage_class()(request)

    def process_response(self, request, response):
        if hasattr(request, "_messages"):
            unstored = request._messages.update(response)
            if unstored and settings.DEBUG:
                raise ValueError("Not all temporary messages could be stored.")
        return response
