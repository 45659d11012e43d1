"""A backend's own system checks (django/db/backends/base/validation.py):
`connection.validation.check()` for the database, `check_field()` for each
field of a model the router sends there.  SQLite has none of its own.
"""

__all__ = [
    "BaseDatabaseValidation",
]


class BaseDatabaseValidation:
    """The backend-specific checks of one connection (none for SQLite)."""

    def __init__(self, connection):
        self.connection = connection

    def check(self, **kwargs):
        """Problems of the database itself (MySQL's strict mode, ...)."""
        return []

    def check_field(self, field, **kwargs):
        """Problems a field's type has on this backend."""
        errors = []
        if hasattr(self, "check_field_type") and not getattr(
                field, "remote_field", None):
            field_type = field.db_type(self.connection)
            if field_type is not None:  # a concrete column
                errors.extend(self.check_field_type(field, field_type))
        return errors
