"""Message and the JSON coding of stored messages (django/contrib/messages/
storage/base.py's Message, cookie.py's MessageEncoder, MessageDecoder and
serializers): the single file builds them when a message is first added or
read back (a deferred section).
"""

import json

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: contrib.messages.storage.
import djscratch

from djscratch.utils.safestring import mark_safe, SafeData

__all__ = ["Message", "MessageEncoder", "MessageDecoder"]


class Message:
    """One message: a level, the text and extra tags.

    `tags` joins extra_tags and the level's tag (MESSAGE_TAGS overrides the
    defaults debug/info/success/warning/error); str(message) is the text.
    """

    def __init__(self, level, message, extra_tags=None):
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags

    def _prepare(self):
        """Turn lazy text into str, keeping safe strings safe."""
        self.message = self.message if isinstance(self.message, SafeData) else str(
            self.message)
        if self.extra_tags is not None:
            self.extra_tags = str(self.extra_tags)

    def __eq__(self, other):
        if not isinstance(other, Message):
            return NotImplemented
        return self.level == other.level and self.message == other.message

    def __hash__(self):
        return hash((self.level, str(self.message)))

    def __str__(self):
        return str(self.message)

    def __repr__(self):
        extra = "" if not self.extra_tags else ", extra_tags=%r" % self.extra_tags
        return "Message(level=%s, message=%r%s)" % (self.level, self.message, extra)

    @property
    def tags(self):
        return " ".join(tag for tag in [self.extra_tags, self.level_tag] if tag)

    @property
    def level_tag(self):
        return djscratch.contrib.messages.storage.LEVEL_TAGS.get(self.level, "")


class MessageEncoder(json.JSONEncoder):
    """JSON for Message objects: ["__json_message", is_safe, level, text,
    (extra_tags)], 0/1 for is_safe to keep cookies small (Django's format)."""

    message_key = "__json_message"

    def default(self, obj):
        if isinstance(obj, Message):
            item = [self.message_key, 1 if isinstance(obj.message, SafeData) else 0,
                    obj.level, obj.message]
            if obj.extra_tags is not None:
                item.append(obj.extra_tags)
            return item
        return super().default(obj)


class MessageDecoder(json.JSONDecoder):
    """Decode what MessageEncoder wrote, reviving the Message objects."""

    def process_messages(self, obj):
        if isinstance(obj, list) and obj:
            if obj[0] == MessageEncoder.message_key:
                if obj[1]:
                    obj[3] = mark_safe(obj[3])
                return Message(*obj[2:])
            return [self.process_messages(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self.process_messages(value) for key, value in obj.items()}
        return obj

    def decode(self, s, **kwargs):
        return self.process_messages(super().decode(s, **kwargs))


def _messages_to_json(messages):
    """SessionStorage's text of `messages`: MessageEncoder().encode(), with
    json's default separators (", ", as Django stores them in the session;
    only the cookie storage writes them compact)."""
    return json.dumps(messages, cls=MessageEncoder)


def _messages_from_json(text):
    return json.loads(text, cls=MessageDecoder)


class MessagePartSerializer:
    """Serialize each message apart, so the cookie storage can drop some
    without encoding the rest again."""

    def dumps(self, obj):
        return [json.dumps(item, separators=(",", ":"), cls=MessageEncoder)
                for item in obj]


class MessagePartGatherSerializer:
    """Join messages MessagePartSerializer already serialized into one list."""

    def dumps(self, obj):
        return ("[" + ",".join(obj) + "]").encode("latin-1")


class MessageSerializer:
    """Read back what MessagePartGatherSerializer wrote."""

    def loads(self, data):
        return json.loads(data.decode("latin-1"), cls=MessageDecoder)


def bisect_keep_left(a, fn):
    """The index of the first prefix end of `a` for which fn(a[:i + 1]) holds."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if fn(a[:mid + 1]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def bisect_keep_right(a, fn):
    """The index of the first suffix start of `a` for which fn(a[i:]) fails."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if fn(a[mid:]):
            lo = mid + 1
        else:
            hi = mid
    return lo
