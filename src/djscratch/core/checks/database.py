"""The database checks (django/core/checks/database.py): each database the
run names (`check --database`, the test runner's) checks itself.
"""

from djscratch.conf import settings
from djscratch.db.utils import connections
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_database_backends",
]


@register(Tags.database)
def check_database_backends(databases=None, **kwargs):
    """The backends' own checks, only for the databases asked for."""
    if databases is None or not settings.DATABASES:
        # Without DATABASES Django's "default" is its dummy backend, which has
        # no checks of its own.
        return []
    issues = []
    for alias in databases:
        issues.extend(connections[alias].validation.check(**kwargs))
    return issues
