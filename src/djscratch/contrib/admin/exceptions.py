"""The admin's exceptions (django/contrib/admin/exceptions.py), and
IncorrectLookupParameters, which Django keeps in options.py: the list filters
raise it, and they load before the ModelAdmin.
"""

from djscratch.core.exceptions import SuspiciousOperation

__all__ = [
    "DisallowedModelAdminLookup", "DisallowedModelAdminToField",
    "AlreadyRegistered", "NotRegistered", "IncorrectLookupParameters",
]


class DisallowedModelAdminLookup(SuspiciousOperation):
    """A changelist query string asked for a lookup the ModelAdmin refuses."""


class DisallowedModelAdminToField(SuspiciousOperation):
    """A query string's _to_field names a field the admin may not use."""


class AlreadyRegistered(Exception):
    """The model is already registered."""


class NotRegistered(Exception):
    """The model is not registered."""


class IncorrectLookupParameters(Exception):
    """A changelist's filter parameters make no valid query (the changelist
    answers with a redirect to ?e=1)."""
