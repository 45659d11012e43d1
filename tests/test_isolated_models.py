"""isolate_apps() and index names: tests/isolated_models_scenario.py run on
djscratch and compared with real Django's results
(tests/isolated_models_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import load_expected, MatchesDjango, populate_registry
from tests import isolated_models_scenario as scenario
from tests.test_orm_oracle import ORACLE_SETTINGS

EXPECTED = load_expected("isolated_models_expected.json")


@override_settings(**ORACLE_SETTINGS)
class IsolatedModelsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        populate_registry()  # get_models() needs a ready registry, as in Django
        return scenario.run()


if __name__ == "__main__":
    unittest.main()
