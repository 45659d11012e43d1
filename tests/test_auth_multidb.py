"""create_permissions() on a second database while a router sends writes to
"default", against real Django 5.2: the permissions are made in that
database (their content type is assigned once the instance says where it
lives). tests/auth_multidb_scenario.py runs in its own process; the
expected value is its output on Django (tests/gen_auth_multidb_expected.py).
"""

import unittest

from tests import load_expected, run_scenario


class CreatePermissionsOnAnotherDatabaseTests(unittest.TestCase):
    def test_permissions_are_made_in_the_database_named(self):
        out = run_scenario("auth_multidb_scenario.py", "AUTH_MULTIDB_ENGINE")
        self.assertEqual(out, load_expected("auth_multidb_expected.json"))
