"""Query building over multi-valued relations (shared joins, WHERE/HAVING
split, GROUP BY of the columns an aggregate annotation reads): the scenario
of tests/query_building_scenario.py run on djscratch and compared with real
Django's results (tests/query_building_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import query_building_scenario as scenario

EXPECTED = load_expected("query_building_expected.json")


@override_settings(**ORACLE_SETTINGS)
class QueryBuildingMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


class StarImportTests(unittest.TestCase):
    def test_star_import_of_django_db_models_takes_its_public_names(self):
        namespace = {}
        exec("from django.db.models import *", namespace)
        for name in ("Model", "CharField", "F", "Q", "OuterRef", "Subquery", "Sum",
                     "Case", "When", "Value", "Prefetch", "CASCADE"):
            self.assertIn(name, namespace)
        self.assertFalse([name for name in namespace if name.startswith("_")
                          and name != "__builtins__"])
