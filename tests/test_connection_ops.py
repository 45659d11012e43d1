"""connection.ops, .features and .introspection helpers Django's code and
tests call, with Django 5.2's SQLite answers."""

import datetime
import decimal
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import connection

from djscratch import override_settings
from tests.orm_support import ORM_SETTINGS


@override_settings(**ORM_SETTINGS)
class ConnectionOpsTests(unittest.TestCase):
    def test_transaction_sql_a_command_prints(self):
        self.assertEqual(connection.ops.start_transaction_sql(), "BEGIN;")
        self.assertEqual(connection.ops.end_transaction_sql(), "COMMIT;")
        self.assertEqual(connection.ops.end_transaction_sql(success=False),
                         "ROLLBACK;")

    def test_unknown_values_are_bound_as_sqlite_text(self):
        adapt = connection.ops.adapt_unknown_value
        self.assertEqual(adapt(decimal.Decimal("1.50")), "1.50")
        self.assertEqual(adapt(datetime.date(2024, 5, 1)), "2024-05-01")
        self.assertEqual(adapt(datetime.time(10, 30)), "10:30:00")
        self.assertEqual(adapt(datetime.datetime(2024, 5, 1, 10, 30)),
                         "2024-05-01 10:30:00")
        self.assertEqual(adapt(7), 7)

    def test_select_suffix_and_identifier_converter(self):
        self.assertEqual(connection.features.bare_select_suffix, "")
        self.assertEqual(connection.introspection.identifier_converter("Name"),
                         "Name")
