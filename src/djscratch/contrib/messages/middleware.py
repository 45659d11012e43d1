"""MessageMiddleware
(django/contrib/messages/middleware.py).
"""

from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.http.request import _promise_attribute, _promised_unbuilt
from djscratch.contrib.messages.storage import (
    _deferred_storage_checks, BaseStorage, SessionStorage,
)
from djscratch.contrib.messages.api import _message_storage_class

__all__ = [
    "MessageMiddleware",
]


class MessageMiddleware(MiddlewareMixin):
    """Give each request a message storage and save it with the response."""

    def process_request(self, request):
        storage_class = _message_storage_class()
        checks = _deferred_storage_checks(storage_class)
        if checks is None:
            request._messages = storage_class(request)
            return
        # Built on first use (see _PromisedAttribute): refused now as
        # building it would refuse.
        for check in checks:
            check(request)
        _promise_attribute(request, "_messages", storage_class)

    def process_response(self, request, response):
        if _promised_unbuilt(request, "_messages"):
            return response  # never used: update() would store nothing
        if hasattr(request, "_messages"):
            unstored = request._messages.update(response)
            if unstored and settings.DEBUG:
                raise ValueError("Not all temporary messages could be stored.")
        return response


def _message_promises(promised):
    """What MessageMiddleware.process_request does, as promises for
    _request_steps(): request._messages, a storage built on first use
    whose only check (a session) an earlier hook surely passes."""
    storage_class = _message_storage_class()
    checks = _deferred_storage_checks(storage_class)
    if checks is None or any(
            check is not SessionStorage._check_request or "session" not in promised
            for check in checks):
        return None
    return (("_messages", storage_class),)


MessageMiddleware.process_request._djscratch_promises = _message_promises


def _message_response_plan(hook):
    """MessageMiddleware.process_response for _response_step(): nothing to
    do while request._messages was never built, or was built and neither
    read nor added to (BaseStorage.update() returns None at once)."""
    return ("unbuilt", "_messages", None,
            ("update", _BASE_STORAGE_UPDATE, ("used", "added_new")))


#: BaseStorage.update as defined (not as patched when a plan is made).
_BASE_STORAGE_UPDATE = BaseStorage.update


MessageMiddleware.process_response._djscratch_response_plan = (
    _message_response_plan)
