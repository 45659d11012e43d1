"""LOOKUP_SEP and OnConflict (django/db/models/constants.py): the separator in
lookups such as "author__name__iexact", and bulk_create()'s conflict modes.
"""

import enum

#: Joins the parts of a lookup: relation names, the field, then the lookup.
LOOKUP_SEP = "__"


class OnConflict(enum.Enum):
    """What bulk_create() does with a row that breaks a unique constraint."""

    IGNORE = "ignore"
    UPDATE = "update"
