"""Choices, IntegerChoices and TextChoices
(django/db/models/enums.py): enums whose members carry a label.
"""

import enum as _enum

from djscratch.utils.functional import Promise

__all__ = [
    "Choices", "TextChoices", "IntegerChoices",
]


class _ChoicesType(_enum.EnumMeta):
    """Metaclass of Choices: members may be `VALUE = value, "label"`."""

    def __new__(mcs, classname, bases, classdict, **kwds):
        labels = []
        for key in classdict._member_names:
            value = classdict[key]
            if isinstance(value, (list, tuple)) and len(value) > 1 and isinstance(
                    value[-1], (Promise, str)):
                *value, label = value
                value = tuple(value)
            else:
                label = key.replace("_", " ").title()
            labels.append(label)
            dict.__setitem__(classdict, key, value)
        cls = super().__new__(mcs, classname, bases, classdict, **kwds)
        for member, label in zip(cls.__members__.values(), labels):
            member._label_ = label
        return _enum.unique(cls)

    @property
    def names(cls):
        empty = ["__empty__"] if hasattr(cls, "__empty__") else []
        return empty + [member.name for member in cls]

    @property
    def choices(cls):
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member.label) for member in cls]

    @property
    def labels(cls):
        return [label for _, label in cls.choices]

    @property
    def values(cls):
        return [value for value, _ in cls.choices]

    def __contains__(cls, member):
        if not isinstance(member, _enum.Enum):
            return any(x.value == member for x in cls)
        return super().__contains__(member)


class Choices(_enum.Enum, metaclass=_ChoicesType):
    """Base of TextChoices and IntegerChoices (an enum with labels)."""

    @property
    def label(self):
        return self._label_

    @property
    def do_not_call_in_templates(self):
        return True

    def __str__(self):
        return str(self.value)

    def __repr__(self):
        return "%s.%s" % (self.__class__.__qualname__, self._name_)


class IntegerChoices(int, Choices):
    """Integer choices: `GOOD = 1, "Good"`."""


class TextChoices(str, Choices):
    """String choices: `DRAFT = "d", "Draft"` (value defaults to the name)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name
