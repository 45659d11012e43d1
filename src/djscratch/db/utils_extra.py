"""The database errors of django/db/utils.py a query that goes well never
sees (InterfaceError, DataError, InternalError; the values SQLite cannot
store or a lookup refuses) and the re-raising of sqlite3's errors as them.
The single file builds them on first use (a deferred section): an `except`
clause naming one builds it only when an exception reaches that clause.
"""

from djscratch.core.exceptions import BadRequest, ValidationError
from djscratch.db.utils import (
    DatabaseError, Error, IntegrityError, NotSupportedError, OperationalError,
    ProgrammingError,
)

__all__ = [
    "InterfaceError", "DataError", "InternalError", "UnstorableValueError",
    "LookupValueError", "LookupValidationError",
]


class InterfaceError(Error):
    pass


class DataError(DatabaseError):
    """A value does not fit the database (too large, not encodable, NUL)."""


class UnstorableValueError(DataError, BadRequest):
    """A value SQLite cannot store: integer over 64 bits, NUL, lone surrogate."""


class LookupValueError(ValueError, BadRequest):
    """A lookup value of the wrong type ("abc" for an integer field)."""


class LookupValidationError(ValidationError, BadRequest):
    """A lookup value a field cannot parse (a malformed date or UUID)."""


class InternalError(DatabaseError):
    pass


def _db_error_class(exc):
    """Return the Django error class for a sqlite3 exception."""
    return {
        "IntegrityError": IntegrityError, "OperationalError": OperationalError,
        "ProgrammingError": ProgrammingError, "DataError": DataError,
        "InternalError": InternalError, "NotSupportedError": NotSupportedError,
        "InterfaceError": InterfaceError,
    }.get(type(exc).__name__, DatabaseError)


def _raise_db_error(exc):
    """Re-raise a sqlite3/encoding error as the matching django.db error."""
    if isinstance(exc, OverflowError):
        raise UnstorableValueError(
            "Integer value out of range for SQLite (at most 2**63-1): " + str(exc)
        ) from exc
    if isinstance(exc, UnicodeEncodeError):
        raise UnstorableValueError(
            "String value cannot be stored: it contains a lone surrogate "
            "character (%r at position %d)." % (exc.object[exc.start], exc.start)
        ) from exc
    raise _db_error_class(exc)(*exc.args) from exc
