"""Message and the storages: cookie, session,
fallback (django/contrib/messages/storage/).
"""

import binascii
import json
import zlib
import collections.abc

from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.core.signing import BadSignature, get_cookie_signer
from djscratch.http.request import _has_attribute
from djscratch.contrib.messages.serialized import (
    _messages_from_json, _messages_to_json, bisect_keep_left, bisect_keep_right,
    Message, MessagePartGatherSerializer, MessagePartSerializer, MessageSerializer,
)

__all__ = [
    "CookieStorage", "SessionStorage", "FallbackStorage", "MessageFailure",
]


# -- Messages ------------------------------------------------------------------
# One-time notices for the next page.  Storage is per request
# (request._messages); the cookie backend signs compact JSON in Django's
# format, so message cookies written by Django and djscratch are interchangeable.

MESSAGE_DEBUG = 10
MESSAGE_INFO = 20
MESSAGE_SUCCESS = 25
MESSAGE_WARNING = 30
MESSAGE_ERROR = 40

DEFAULT_MESSAGE_LEVELS = {
    "DEBUG": MESSAGE_DEBUG, "INFO": MESSAGE_INFO, "SUCCESS": MESSAGE_SUCCESS,
    "WARNING": MESSAGE_WARNING, "ERROR": MESSAGE_ERROR,
}
_DEFAULT_MESSAGE_TAGS = {
    MESSAGE_DEBUG: "debug", MESSAGE_INFO: "info", MESSAGE_SUCCESS: "success",
    MESSAGE_WARNING: "warning", MESSAGE_ERROR: "error",
}


def _message_level_tags():
    return {**_DEFAULT_MESSAGE_TAGS, **(getattr(settings, "MESSAGE_TAGS", None) or {})}


def get_level_tags():
    """The level -> tag mapping: the defaults updated by MESSAGE_TAGS."""
    return _message_level_tags()


class _LevelTags(collections.abc.Mapping):
    """storage.base.LEVEL_TAGS: Django keeps a lazy dict that a
    setting_changed receiver replaces; this one reads MESSAGE_TAGS on every
    lookup, so it is current whichever way the setting changed."""

    def __getitem__(self, level):
        return _message_level_tags()[level]

    def __iter__(self):
        return iter(_message_level_tags())

    def __len__(self):
        return len(_message_level_tags())

    def __repr__(self):
        return repr(_message_level_tags())


LEVEL_TAGS = _LevelTags()


class MessageFailure(Exception):
    """A message could not be added (the middleware is not installed)."""


class BaseStorage:
    """Collect new messages and replay stored ones; subclasses store them.

    Iterating marks the stored messages used, so update(response) drops them;
    messages added during the request are kept for the next one.
    """

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self._queued_messages = []
        self.used = False
        self.added_new = False

    def __len__(self):
        return len(self._loaded_messages) + len(self._queued_messages)

    def __iter__(self):
        self.used = True
        if self._queued_messages:
            self._loaded_messages.extend(self._queued_messages)
            self._queued_messages = []
        return iter(self._loaded_messages)

    def __contains__(self, item):
        return item in self._loaded_messages or item in self._queued_messages

    def __repr__(self):
        return f"<{self.__class__.__qualname__}: request={self.request!r}>"

    @property
    def _loaded_messages(self):
        if not hasattr(self, "_loaded_data"):
            messages, _all_retrieved = self._get()
            self._loaded_data = messages or []
        return self._loaded_data

    def _get(self, *args, **kwargs):
        raise NotImplementedError(
            "subclasses of BaseStorage must provide a _get() method")

    def _store(self, messages, response, *args, **kwargs):
        raise NotImplementedError(
            "subclasses of BaseStorage must provide a _store() method")

    def _prepare_messages(self, messages):
        for message in messages:
            message._prepare()

    def update(self, response):
        """Store what must survive this request; return messages that did not fit."""
        if not (self.used or self.added_new):
            return None  # (queued messages set added_new; nothing is stored)
        self._prepare_messages(self._queued_messages)
        if self.used:
            return self._store(self._queued_messages, response)
        if self.added_new:
            return self._store(self._loaded_messages + self._queued_messages, response)
        return None

    def add(self, level, message, extra_tags=""):
        """Queue a message unless its level is below the storage's level."""
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        self._queued_messages.append(Message(level, message, extra_tags=extra_tags))

    def _get_level(self):
        if not hasattr(self, "_level"):
            self._level = getattr(settings, "MESSAGE_LEVEL", MESSAGE_INFO)
        return self._level

    def _set_level(self, value=None):
        if value is None and hasattr(self, "_level"):
            del self._level
        else:
            self._level = int(value)

    level = property(_get_level, _set_level, _set_level)


class CookieStorage(BaseStorage):
    """Keep messages in the signed `messages` cookie (at most 2048 bytes)."""

    cookie_name = "messages"
    max_cookie_size = 2048
    not_finished = "__messagesnotfinished__"
    not_finished_json = json.dumps("__messagesnotfinished__")
    key_salt = "django.contrib.messages"

    @cached_property
    def signer(self):
        """The cookie's signer, built when a cookie is read or written: most
        requests have no messages cookie and add no message."""
        return get_cookie_signer(salt=self.key_salt)

    def _get(self, *args, **kwargs):
        data = self.request.COOKIES.get(self.cookie_name)
        messages = self._decode(data)
        all_retrieved = not (messages and messages[-1] == self.not_finished)
        if messages and not all_retrieved:
            messages.pop()
        return messages, all_retrieved

    def _update_cookie(self, encoded_data, response):
        if encoded_data:
            response.set_cookie(
                self.cookie_name, encoded_data,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                samesite=settings.SESSION_COOKIE_SAMESITE)
        else:
            response.delete_cookie(
                self.cookie_name, domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE)

    def _store(self, messages, response, remove_oldest=True, *args, **kwargs):
        """Store as many messages as fit in the cookie; return the rest.

        The size counted is the cookie value as SimpleCookie will quote it;
        what does not fit is found by bisection over the serialized parts
        (the oldest go first, or the newest with remove_oldest=False)."""
        from http.cookies import SimpleCookie

        unstored = []
        serialized = MessagePartSerializer().dumps(messages)
        encoded = self._encode_parts(serialized)
        if not self.max_cookie_size:
            self._update_cookie(encoded, response)
            return unstored
        cookie = SimpleCookie()

        def too_large(data):
            return data and len(cookie.value_encode(data)[1]) > self.max_cookie_size

        def with_sentinel(parts):
            return self._encode_parts(parts + [self.not_finished_json],
                                      encode_empty=True)

        if too_large(encoded):
            if remove_oldest:
                idx = bisect_keep_right(
                    serialized, fn=lambda m: too_large(with_sentinel(m)))
                unstored = messages[:idx]
                encoded = with_sentinel(serialized[idx:])
            else:
                idx = bisect_keep_left(
                    serialized, fn=lambda m: too_large(with_sentinel(m)))
                unstored = messages[idx:]
                encoded = with_sentinel(serialized[:idx])
        self._update_cookie(encoded, response)
        return unstored

    def _encode_parts(self, messages, encode_empty=False):
        """Sign the already serialized messages (None when there are none)."""
        if messages or encode_empty:
            return self.signer.sign_object(
                messages, serializer=MessagePartGatherSerializer, compress=True)
        return None

    def _encode(self, messages, encode_empty=False):
        return self._encode_parts(MessagePartSerializer().dumps(messages),
                                  encode_empty=encode_empty)

    def _decode(self, data):
        """The messages of a cookie value, or None (and the cookie marked
        used, so it is removed) when it was tampered with or is broken."""
        if not data:
            return None
        try:
            return self.signer.unsign_object(data, serializer=MessageSerializer)
        except (BadSignature, binascii.Error, ValueError, zlib.error):
            pass  # ValueError: broken JSON or text; zlib.error: broken data
        self.used = True
        return None


class SessionStorage(BaseStorage):
    """Keep messages in request.session under "_messages" (needs SessionMiddleware)."""

    session_key = "_messages"

    def __init__(self, request, *args, **kwargs):
        self._check_request(request)
        super().__init__(request, *args, **kwargs)

    @staticmethod
    def _check_request(request):
        if not _has_attribute(request, "session"):
            raise ImproperlyConfigured(
                "The session-based temporary message storage requires session "
                "middleware to be installed, and come before the message "
                "middleware in the MIDDLEWARE list.")

    def _get(self, *args, **kwargs):
        data = self.request.session.get(self.session_key)
        return self.deserialize_messages(data), True

    def _store(self, messages, response, *args, **kwargs):
        if messages:
            self.request.session[self.session_key] = self.serialize_messages(messages)
        else:
            self.request.session.pop(self.session_key, None)
        return []

    def serialize_messages(self, messages):
        return _messages_to_json(messages)

    def deserialize_messages(self, data):
        if data and isinstance(data, str):
            try:
                return _messages_from_json(data)
            except ValueError:
                return None
        return data


_request_checks_cache = {}


def _request_checks(storage_classes):
    """The _check_request functions of `storage_classes` (a tuple), once."""
    try:
        return _request_checks_cache[storage_classes]
    except (KeyError, TypeError):
        checks = tuple(cls._check_request for cls in storage_classes
                       if hasattr(cls, "_check_request"))
        try:
            _request_checks_cache[storage_classes] = checks
        except TypeError:  # a list: not remembered
            pass
        return checks


class FallbackStorage(BaseStorage):
    """Use the cookie first and the session for what does not fit (the default)."""

    storage_classes = (CookieStorage, SessionStorage)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The storages are built when first used (most requests never read
        # or add a message); what their constructors would refuse is
        # refused now, as if they were built.
        for check in _request_checks(self.storage_classes):
            check(self.request)
        self._storage_args = (args, kwargs)
        self._used_storages = set()

    @cached_property
    def storages(self):
        built = self._built_storages
        args, kwargs = self._storage_args
        built += [cls(*args, **kwargs) for cls in self.storage_classes[len(built):]]
        return built

    @cached_property
    def _built_storages(self):
        return []

    def _storage_at(self, index):
        """The storage_classes[index] storage, built now if not yet."""
        if "storages" in self.__dict__:  # all built (or set by the caller)
            return self.storages[index]
        built = self._built_storages
        args, kwargs = self._storage_args
        while len(built) <= index:
            built.append(self.storage_classes[len(built)](*args, **kwargs))
        return built[index]

    def _get(self, *args, **kwargs):
        if "_built_storages" not in self.__dict__ and "storages" not in self.__dict__ \
                and _no_message_cookie(self):
            return [], True  # what the storages answer, none built
        all_messages = []
        all_retrieved = True
        # The storages in order, each built when reached; by index, not a
        # generator, which stopping early closes (GeneratorExit is raised).
        count = len(self.storages if "storages" in self.__dict__
                    else self.storage_classes)
        for index in range(count):
            storage = self._storage_at(index)
            messages, all_retrieved = storage._get()
            if messages is None:
                break
            if messages:
                self._used_storages.add(storage)
            all_messages.extend(messages)
            if all_retrieved:
                break
        return all_messages, all_retrieved

    def _store(self, messages, response, *args, **kwargs):
        if not messages and not self._used_storages:
            return messages  # nothing to store, nothing to clear
        for storage in self.storages:
            if messages:
                messages = storage._store(messages, response, remove_oldest=False)
            elif storage in self._used_storages:
                storage._store([], response)
                self._used_storages.remove(storage)
        return messages


def _no_message_cookie(storage):
    """True when the FallbackStorage `storage`, none of its storages built,
    would find no message: its first storage is the library's own
    CookieStorage (unpatched) and the request has no messages cookie, so
    that storage would answer (None, True) and _get() stop there (the
    fast path of FallbackStorage._get(); building a storage does nothing
    else, and they are built when next used)."""
    classes = storage.storage_classes
    return (classes and classes[0] is CookieStorage
            and type(storage)._storage_at is FallbackStorage._storage_at
            and CookieStorage._get is _COOKIE_STORAGE_GET
            and CookieStorage._decode is _COOKIE_STORAGE_DECODE
            and not storage.request.COOKIES.get(CookieStorage.cookie_name))


_COOKIE_STORAGE_GET = CookieStorage._get
_COOKIE_STORAGE_DECODE = CookieStorage._decode


_deferred_checks_cache = {}


def _deferred_storage_checks(storage_class):
    """The checks storage_class(request) runs on the request, when building
    the storage may wait until it is first used; else None.

    It may wait when its __init__ is one of the built-in ones (they only
    keep the request and refuse one without a session) and its update()
    is BaseStorage's, which stores nothing for a storage nobody read or
    added to: a storage never built is then one never used.
    """
    try:
        return _deferred_checks_cache[storage_class]
    except KeyError:
        pass
    checks = None
    init = storage_class.__init__
    if storage_class.update is BaseStorage.update and init in (
            BaseStorage.__init__, SessionStorage.__init__,
            FallbackStorage.__init__):
        checks = list(_request_checks((storage_class,)))
        if init is FallbackStorage.__init__:
            checks.extend(_request_checks(tuple(storage_class.storage_classes)))
        checks = tuple(checks)
    if len(_deferred_checks_cache) < 64:
        _deferred_checks_cache[storage_class] = checks
    return checks
