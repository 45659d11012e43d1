"""Lookups and transforms (django/db/models/lookups.py): the
names the compiler understands after `__`.
"""

from djscratch.db.models.fields import IntegerField
from djscratch.db.models.functions import Func


# -- Lookups and transforms.  Each lookup is a row of _LOOKUPS: how the
#    right-hand side is prepared and the SQL operator (Django's for SQLite).

#: Transforms that extract part of a date/time; value type after extraction.
_DATE_TRANSFORMS = {
    "year", "month", "day", "week_day", "iso_week_day", "week", "iso_year",
    "quarter", "hour", "minute", "second",
}
_LOOKUP_NAMES = {
    "exact", "iexact", "contains", "icontains", "in", "gt", "gte", "lt", "lte",
    "startswith", "istartswith", "endswith", "iendswith", "range", "isnull",
    "regex", "iregex",
}


class Lookup:
    """Base of custom lookups (registration is not supported yet)."""

    lookup_name = None


class Transform(Func):
    lookup_name = None


def _like_escape(value):
    return str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _int_out_of_range(value):
    return isinstance(value, int) and not isinstance(value, bool) and not (
        -9223372036854775808 <= value <= 9223372036854775807)


def _int_lookup_value(field, value):
    """Return `value` as the integer an integer field would compare, so that
    "99999999999999999999" overflows exactly as the int does (else as is)."""
    if isinstance(value, str) and isinstance(field, IntegerField):
        try:
            return field.get_prep_value(value)
        except (TypeError, ValueError):
            pass  # _prep reports the bad value
    return value
