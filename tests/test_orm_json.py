"""JSONField queries (django.db.models.fields.json): tests/json_scenario.py
run on djscratch and compared with real Django's results
(tests/json_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests import json_scenario as scenario
from tests.test_orm_oracle import ORACLE_SETTINGS

EXPECTED = load_expected("json_expected.json")


@override_settings(**ORACLE_SETTINGS)
class JSONFieldQueriesMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


if __name__ == "__main__":
    unittest.main()
