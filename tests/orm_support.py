"""Shared helpers of the tests/test_orm_*.py modules (not a test module).

Every ORM test class runs against its own in-memory SQLite database: the
class-level override_settings points DATABASES at ":memory:", and setUp
closes the connection (dropping the previous test's database) and creates
the tables of the models the class lists.
"""

import unittest

from djscratch import connection, override_settings, sync_schema
from tests import TEST_SETTINGS

MEMORY_DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                                "NAME": ":memory:"}}

ORM_SETTINGS = {**TEST_SETTINGS, "DATABASES": MEMORY_DATABASES,
                "DEFAULT_AUTO_FIELD": "django.db.models.AutoField"}


def define_models():
    """Context manager for defining models at import time (settings needed)."""
    return override_settings(**ORM_SETTINGS)


class DatabaseTestCase(unittest.TestCase):
    """A TestCase with a fresh database holding the tables of `models`."""

    models = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._settings = override_settings(**ORM_SETTINGS)
        cls._settings.enable()

    @classmethod
    def tearDownClass(cls):
        connection.close()
        cls._settings.disable()
        super().tearDownClass()

    def setUp(self):
        connection.close()
        sync_schema(models=list(self.models), verbosity=0)


class CaptureQueries:
    """Record the SQL run in a block (like django.test.utils.CaptureQueriesContext)."""

    def __len__(self):
        return len(self.captured_queries)

    def __enter__(self):
        self._force = connection.force_debug_cursor
        connection.force_debug_cursor = True
        self._start = len(connection.queries_log)
        self.captured_queries = []
        return self

    def __exit__(self, *exc_info):
        connection.force_debug_cursor = self._force
        self.captured_queries = list(connection.queries_log)[self._start:]


class SentTransactionStatements:
    """Record the transaction statements SQLite receives in a block (BEGIN
    IMMEDIATE, SAVEPOINT, ...): connection.queries shows Django's instead,
    where Django sends them, and a lazily begun transaction sends later."""

    def __enter__(self):
        from unittest import mock

        self.sent = []
        execute_tx = connection._execute_tx

        def record(sql, log=True):
            self.sent.append(sql)
            return execute_tx(sql, log)

        self._patch = mock.patch.object(connection, "_execute_tx", record)
        self._patch.start()
        return self

    def __exit__(self, *exc_info):
        self._patch.stop()
