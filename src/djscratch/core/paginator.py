"""Paginator and Page (django/core/paginator.py).
"""

import warnings
import collections.abc as _abc

from djscratch.utils.functional import cached_property
from djscratch.db.models.query import QuerySet

__all__ = [
    "Paginator", "Page", "InvalidPage", "PageNotAnInteger", "EmptyPage",
]


class InvalidPage(Exception):
    pass


class PageNotAnInteger(InvalidPage):
    pass


class EmptyPage(InvalidPage):
    pass


class UnorderedObjectListWarning(RuntimeWarning):
    pass


class Paginator:
    """Split a list or queryset into numbered pages of `per_page` items.

    `orphans` folds a short last page into the previous one; with
    allow_empty_first_page=False an empty list has no pages at all.  page(n)
    raises for a bad number, get_page(n) falls back to the first or last page.
    """

    ELLIPSIS = "…"
    default_error_messages = {
        "invalid_page": "That page number is not an integer",
        "min_page": "That page number is less than 1",
        "no_results": "That page contains no results",
    }

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True,
                 error_messages=None):
        self.object_list = object_list
        self._check_object_list_is_ordered()
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        self.allow_empty_first_page = allow_empty_first_page
        self.error_messages = self.default_error_messages if error_messages is None \
            else {**self.default_error_messages, **error_messages}

    def __iter__(self):
        for number in self.page_range:
            yield self.page(number)

    def validate_number(self, number):
        """Return `number` as an int, or raise PageNotAnInteger or EmptyPage."""
        if number.__class__ is not int:  # (an int is its own int())
            try:
                if isinstance(number, float) and not number.is_integer():
                    raise ValueError
                number = int(number)
            except (TypeError, ValueError):
                raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > self.num_pages:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def get_page(self, number):
        """Return a page, the first for a non-number, the last for out of range."""
        if (number is None and type(self).validate_number is Paginator.validate_number
                and "validate_number" not in self.__dict__):
            # No ?page= at all, the usual first visit: validate_number() would
            # raise PageNotAnInteger for it, and the answer is page 1.
            return self.page(1)
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return self.page(number)

    def page(self, number):
        """Return the Page for a 1-based page number."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list[bottom:top], number, self)

    def _get_page(self, *args, **kwargs):
        return Page(*args, **kwargs)

    @cached_property
    def count(self):
        """Return the number of objects (queryset.count() when there is one)."""
        # Querysets and lists answer without inspect, whose import (with ast,
        # dis, tokenize) would slow down and grow the first response.
        if isinstance(self.object_list, QuerySet):
            return self.object_list.count()
        if isinstance(self.object_list, (list, tuple)):
            return len(self.object_list)
        import inspect

        count = getattr(self.object_list, "count", None)
        if callable(count) and not inspect.isbuiltin(count):
            try:
                takes_no_args = not [
                    p for p in inspect.signature(count).parameters.values()
                    if p.default is p.empty and p.kind not in (
                        p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            except (TypeError, ValueError):  # no signature to read
                takes_no_args = False
            if takes_no_args:
                return count()  # its own errors propagate, as in Django
        return len(self.object_list)

    @cached_property
    def num_pages(self):
        """Return the number of pages."""
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return -(-hits // self.per_page)

    @property
    def page_range(self):
        """Return range(1, num_pages + 1)."""
        return range(1, self.num_pages + 1)

    def _check_object_list_is_ordered(self):
        ordered = getattr(self.object_list, "ordered", None)
        if ordered is not None and not ordered:
            described = ("%s %s" % (self.object_list.model,
                                    type(self.object_list).__name__)
                         if hasattr(self.object_list, "model")
                         else repr(self.object_list))
            warnings.warn(
                "Pagination may yield inconsistent results with an unordered "
                "object_list: %s." % described, UnorderedObjectListWarning,
                stacklevel=3)

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        """Yield page numbers around `number` and at both ends, "…" in the gaps."""
        number = self.validate_number(number)
        last = self.num_pages
        if last <= (on_each_side + on_ends) * 2:
            yield from self.page_range
            return
        if number > on_each_side + on_ends + 2:
            yield from range(1, on_ends + 1)
            yield self.ELLIPSIS
            yield from range(number - on_each_side, number + 1)
        else:
            yield from range(1, number + 1)
        if number < last - on_each_side - on_ends - 1:
            yield from range(number + 1, number + on_each_side + 1)
            yield self.ELLIPSIS
            yield from range(last - on_ends + 1, last + 1)
        else:
            yield from range(number + 1, last + 1)


class Page(_abc.Sequence):
    """One page of a Paginator: a sequence of its objects plus navigation."""

    def __init__(self, object_list, number, paginator):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self):
        return "<Page %s of %s>" % (self.number, self.paginator.num_pages)

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        if not isinstance(index, (int, slice)):
            raise TypeError("Page indices must be integers or slices, not %s."
                            % type(index).__name__)
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)  # one query, not one per item
        return self.object_list[index]

    # A str key is refused first: {{ x.name }} goes straight to getattr()
    # (template.runtime._lookup_kind).
    __getitem__._refuses_str_keys = True

    def __iter__(self):
        # The list's own iterator, not Sequence's __getitem__ per index.  A
        # subclass with its own __getitem__ keeps it.
        if self.__class__ is not Page and \
                type(self).__getitem__ is not Page.__getitem__:
            return super().__iter__()
        if not isinstance(self.object_list, list):
            # (its iterator: a queryset's __len__ is not asked first)
            self.object_list = list(iter(self.object_list))
        return iter(self.object_list)

    def has_next(self):
        return self.number < self.paginator.num_pages

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self):
        return self.paginator.validate_number(self.number - 1)

    def start_index(self):
        """Return the 1-based index of the page's first object (0 when empty)."""
        if self.paginator.count == 0:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self):
        """Return the 1-based index of the page's last object."""
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page


