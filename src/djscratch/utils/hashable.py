"""make_hashable(): a hashable stand-in for dicts and lists, equal for equal
values (django/utils/hashable.py).
"""

__all__ = ["make_hashable"]


def make_hashable(value):
    """Return `value` itself when hashable, else a tuple that hashes alike
    for equal values (dicts as sorted (key, value) pairs); raise TypeError for
    an unhashable value that is not iterable."""
    import collections.abc

    if isinstance(value, dict):
        return tuple((key, make_hashable(item)) for key, item in sorted(value.items()))
    try:
        hash(value)
    except TypeError:
        if isinstance(value, collections.abc.Iterable):
            return tuple(make_hashable(item) for item in value)
        raise
    return value
