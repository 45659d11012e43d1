"""Model fields (callable choices, FilePathField, GeneratedField): the
scenario of tests/model_fields_scenario.py run on djscratch and compared with
real Django's results (tests/model_fields_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import add_key_tests, load_expected
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import model_fields_scenario as scenario

EXPECTED = load_expected("model_fields_expected.json")


@override_settings(**ORACLE_SETTINGS)
class ModelFieldsMatchDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(ModelFieldsMatchDjangoTests, EXPECTED)
