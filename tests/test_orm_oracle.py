"""Run tests/orm_scenario.py on djscratch and compare with real Django's results.

tests/orm_expected.json was recorded by tests/gen_orm_expected.py with Django
5.2 (the oracle); each key is checked by its own test so a failure names it.
"""

import unittest

import djscratch
from djscratch import override_settings
from tests import TEST_SETTINGS, load_expected, MatchesDjango

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
class ScenarioMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(orm_scenario.run)


del djscratch
