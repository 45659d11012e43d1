"""set_language and check_for_language(): the scenario of
tests/set_language_scenario.py run on djscratch and compared with real
Django's results (tests/set_language_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import add_key_tests, load_expected
from tests import set_language_scenario as scenario

EXPECTED = load_expected("set_language_expected.json")


@override_settings(ALLOWED_HOSTS=["*"], ROOT_URLCONF="tests.set_language_scenario")
class SetLanguageMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(SetLanguageMatchesDjangoTests, EXPECTED)
