"""Composite primary keys: the scenario of tests/composite_pk_scenario.py run
on djscratch and compared with real Django's results
(tests/composite_pk_expected.json), key by key."""

import unittest

from djscratch import override_settings
from tests import add_key_tests, load_expected
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import composite_pk_scenario as scenario

EXPECTED = load_expected("composite_pk_expected.json")


@override_settings(**ORACLE_SETTINGS)
class CompositePrimaryKeyMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(CompositePrimaryKeyMatchesDjangoTests, EXPECTED)
