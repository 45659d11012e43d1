"""add_message(), get_messages(), debug() ... success()
(django/contrib/messages/api.py) and the messages context processor.
"""

from djscratch.utils.module_loading import import_string
from djscratch.conf import _settings_derived, settings
from djscratch.contrib.messages.storage import (
    DEFAULT_MESSAGE_LEVELS, MESSAGE_DEBUG, MESSAGE_ERROR, MESSAGE_INFO,
    MESSAGE_SUCCESS, MESSAGE_WARNING, MessageFailure,
)

__all__ = [
    "add_message", "get_messages", "get_level", "set_level",
]


def _message_storage(request):
    return _message_storage_class()(request)


@_settings_derived
def _message_storage_class():
    """MESSAGE_STORAGE's class, imported once per change of settings."""
    return import_string(settings.MESSAGE_STORAGE)


def add_message(request, level, message, extra_tags="", fail_silently=False):
    """Queue a message for the user of `request`."""
    try:
        storage = request._messages
    except AttributeError:
        if not hasattr(request, "META"):
            raise TypeError(
                "add_message() argument must be an HttpRequest object, not '%s'."
                % request.__class__.__name__) from None
        if not fail_silently:
            raise MessageFailure(
                "You cannot add messages without installing "
                "django.contrib.messages.middleware.MessageMiddleware") from None
        return None
    return storage.add(level, message, extra_tags)


def get_messages(request):
    """Return the request's message storage (iterable), or [] without middleware."""
    return getattr(request, "_messages", [])


def get_level(request):
    """Return the minimum level of messages that are recorded."""
    # An empty storage is falsy: only a missing one means "no middleware".
    storage = getattr(request, "_messages", None)
    if storage is None:
        storage = _message_storage(request)
    return storage.level


def set_level(request, level):
    """Set the minimum recorded level; return False without the middleware."""
    if not hasattr(request, "_messages"):
        return False
    request._messages.level = level
    return True


def _msg_debug(request, message, extra_tags="", fail_silently=False):
    """Add a message at the DEBUG level."""
    add_message(request, MESSAGE_DEBUG, message, extra_tags, fail_silently)


def _msg_info(request, message, extra_tags="", fail_silently=False):
    """Add a message at the INFO level."""
    add_message(request, MESSAGE_INFO, message, extra_tags, fail_silently)


def _msg_success(request, message, extra_tags="", fail_silently=False):
    """Add a message at the SUCCESS level."""
    add_message(request, MESSAGE_SUCCESS, message, extra_tags, fail_silently)


def _msg_warning(request, message, extra_tags="", fail_silently=False):
    """Add a message at the WARNING level."""
    add_message(request, MESSAGE_WARNING, message, extra_tags, fail_silently)


def _msg_error(request, message, extra_tags="", fail_silently=False):
    """Add a message at the ERROR level."""
    add_message(request, MESSAGE_ERROR, message, extra_tags, fail_silently)


def _cp_messages(request):
    """Context processor: `messages` and `DEFAULT_MESSAGE_LEVELS`."""
    return {"messages": get_messages(request),
            "DEFAULT_MESSAGE_LEVELS": DEFAULT_MESSAGE_LEVELS}
