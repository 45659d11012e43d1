"""Run tests/orm_scenario.py on djscratch and compare with real Django's results.

tests/orm_expected.json was recorded by tests/gen_orm_expected.py with Django
5.2 (the oracle); each key is checked by its own test so a failure names it.
"""

import unittest

import djscratch
from djscratch import override_settings
from tests import TEST_SETTINGS, add_key_tests, load_expected

ORACLE_SETTINGS = {
    **TEST_SETTINGS,
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3",
                              "NAME": ":memory:"}},
    "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
}

with override_settings(**ORACLE_SETTINGS):
    from tests import orm_scenario

EXPECTED = load_expected("orm_expected.json")


@override_settings(**ORACLE_SETTINGS)
class ScenarioMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = orm_scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(ScenarioMatchesDjangoTests, EXPECTED)

del djscratch
