"""CheckMessage and its levels Debug, Info, Warning, Error, Critical
(django/core/checks/messages.py).  The single file holds the classes as
Check<Name> (RENAMES in tools/amalgamate.py): Warning and Error are builtins
or other djscratch names there; the classes keep Django's names.
"""

from djscratch.conf import settings

__all__ = [
    "CheckMessage", "Debug", "Info", "Warning", "Error", "Critical",
]

# The levels, as Django numbers them (same values as the logging levels).
DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50


class CheckMessage:
    """One problem a check found: level, text, hint, the object and an id."""

    def __init__(self, level, msg, hint=None, obj=None, id=None):
        if not isinstance(level, int):
            raise TypeError("The first argument should be level.")
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    def __eq__(self, other):
        return isinstance(other, self.__class__) and all(
            getattr(self, attr) == getattr(other, attr)
            for attr in ("level", "msg", "hint", "obj", "id"))

    def __str__(self):
        if self.obj is None:
            obj = "?"
        elif isinstance(self.obj, type) and hasattr(self.obj, "_meta"):
            obj = self.obj._meta.label  # a model class: "app_label.Model"
        else:
            obj = str(self.obj)
        check_id = "(%s) " % self.id if self.id else ""
        hint = "\n\tHINT: %s" % self.hint if self.hint else ""
        return "%s: %s%s%s" % (obj, check_id, self.msg, hint)

    def __repr__(self):
        return "<%s: level=%r, msg=%r, hint=%r, obj=%r, id=%r>" % (
            self.__class__.__name__, self.level, self.msg, self.hint, self.obj,
            self.id)

    def is_serious(self, level=ERROR):
        return self.level >= level

    def is_silenced(self):
        return self.id in settings.SILENCED_SYSTEM_CHECKS


class Debug(CheckMessage):
    def __init__(self, *args, **kwargs):
        super().__init__(DEBUG, *args, **kwargs)


class Info(CheckMessage):
    def __init__(self, *args, **kwargs):
        super().__init__(INFO, *args, **kwargs)


class Warning(CheckMessage):
    def __init__(self, *args, **kwargs):
        super().__init__(WARNING, *args, **kwargs)


class Error(CheckMessage):
    def __init__(self, *args, **kwargs):
        super().__init__(ERROR, *args, **kwargs)


class Critical(CheckMessage):
    def __init__(self, *args, **kwargs):
        super().__init__(CRITICAL, *args, **kwargs)
