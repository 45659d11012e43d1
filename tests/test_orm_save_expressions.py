"""save() with expressions and refresh_from_db() afterwards: the scenario of
tests/save_expressions_scenario.py run on djscratch and compared with real
Django's results (tests/save_expressions_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import save_expressions_scenario as scenario

EXPECTED = load_expected("save_expressions_expected.json")


@override_settings(**ORACLE_SETTINGS)
class SaveExpressionsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)
