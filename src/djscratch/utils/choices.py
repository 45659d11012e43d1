"""Choices for model and form fields (django/utils/choices.py): every way of
giving them (pairs, a mapping, groups, an enum, an iterator, a callable)
brought to one shape, the lazy ones left lazy until iterated.
"""

import collections.abc
import itertools

from djscratch.utils.functional import Promise

__all__ = [
    "BaseChoiceIterator", "BlankChoiceIterator", "CallableChoiceIterator",
    "flatten_choices", "normalize_choices",
]


class BaseChoiceIterator:
    """Choices computed when iterated; they compare and index like a list."""

    def __eq__(self, other):
        if isinstance(other, collections.abc.Iterable):
            pairs = itertools.zip_longest(self, other, fillvalue=object())
            return all(a == b for a, b in pairs)
        return super().__eq__(other)

    __hash__ = object.__hash__

    def __getitem__(self, index):
        if isinstance(index, slice) or index < 0:
            return list(self)[index]
        try:
            return next(itertools.islice(self, index, index + 1))
        except StopIteration:
            raise IndexError("index out of range") from None

    def __iter__(self):
        raise NotImplementedError(
            "BaseChoiceIterator subclasses must implement __iter__().")


class BlankChoiceIterator(BaseChoiceIterator):
    """The choices, after a blank choice unless they already have one."""

    def __init__(self, choices, blank_choice):
        self.choices = choices
        self.blank_choice = blank_choice

    def __iter__(self):
        choices, other = itertools.tee(self.choices)
        if not any(value in ("", None) for value, _ in flatten_choices(other)):
            yield from self.blank_choice
        yield from choices


class CallableChoiceIterator(BaseChoiceIterator):
    """Choices a callable returns, asked for again at each iteration."""

    def __init__(self, func):
        self.func = func

    def __iter__(self):
        yield from normalize_choices(self.func())


def flatten_choices(choices):
    """Yield the (value, label) pairs of choices, groups opened."""
    for value_or_group, label_or_nested in choices or ():
        if isinstance(label_or_nested, (list, tuple)):
            yield from label_or_nested
        else:
            yield value_or_group, label_or_nested


def _is_choices_enum(value):
    return isinstance(value, type) and isinstance(
        getattr(value, "choices", None), list) and hasattr(value, "__members__")


def normalize_choices(value, *, depth=0):
    """Return choices as a list of (value, label) pairs and groups of them.

    Lazy choices (a callable at the top, a choice iterator, a lazy string)
    stay lazy; what is not choices at all comes back unchanged, for the
    system checks to report.
    """
    if isinstance(value, (BaseChoiceIterator, Promise, bytes, str)):
        return value
    if _is_choices_enum(value):
        return value.choices
    if isinstance(value, collections.abc.Mapping) and depth < 2:
        value = value.items()
    elif isinstance(value, collections.abc.Iterator) and depth < 2:
        pass
    elif isinstance(value, collections.abc.Iterable) and depth < 2 and not any(
            isinstance(x, (Promise, bytes, str)) for x in value):
        pass
    elif isinstance(value, collections.abc.Callable) and depth == 0:
        return CallableChoiceIterator(value)
    elif isinstance(value, collections.abc.Callable) and depth < 2:
        value = value()
    else:
        return value
    try:
        return [(k, normalize_choices(v, depth=depth + 1)) for k, v in value]
    except (TypeError, ValueError):
        return value
