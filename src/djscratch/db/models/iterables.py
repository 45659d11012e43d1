"""The iterable classes of django/db/models/query.py (ModelIterable,
ValuesIterable, ...): djscratch's QuerySet fetches by mode, and these classes
name the modes for code that reads or sets QuerySet._iterable_class.  The
single file builds them on first use (a deferred section).
"""

from djscratch.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE

__all__ = [
    "BaseIterable", "ModelIterable", "RawModelIterable", "ValuesIterable",
    "ValuesListIterable", "NamedValuesListIterable", "FlatValuesListIterable",
]


class BaseIterable:
    """What a queryset's rows become (Django's QuerySet._iterable_class).

    djscratch's QuerySet fetches by mode; these classes name the modes for
    code that reads or sets `_iterable_class`.  A subclass that overrides
    __iter__ (to post-process the objects) is used: its super().__iter__()
    yields the rows of its mode.
    """

    mode = ("model", False, False)  # (QuerySet._iterable, _flat, _named)

    def __init__(self, queryset, chunked_fetch=False,
                 chunk_size=GET_ITERATOR_CHUNK_SIZE):
        self.queryset = queryset
        self.chunked_fetch = chunked_fetch
        self.chunk_size = chunk_size

    def __iter__(self):
        return iter(self.queryset._fetch_rows())


class ModelIterable(BaseIterable):
    """Model instances."""


class RawModelIterable(BaseIterable):
    """Model instances of a raw query."""


class ValuesIterable(BaseIterable):
    """A dict per row (values())."""

    mode = ("values", False, False)


class ValuesListIterable(BaseIterable):
    """A tuple per row (values_list())."""

    mode = ("values_list", False, False)


class NamedValuesListIterable(ValuesListIterable):
    """A namedtuple per row (values_list(named=True))."""

    mode = ("values_list", False, True)


class FlatValuesListIterable(BaseIterable):
    """One value per row (values_list(flat=True))."""

    mode = ("values_list", True, False)


_ITERABLE_CLASSES = {cls.mode: cls for cls in (
    ModelIterable, ValuesIterable, ValuesListIterable, NamedValuesListIterable,
    FlatValuesListIterable)}
