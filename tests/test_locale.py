"""LocaleMiddleware, get_language_from_request() and i18n_patterns(): the
scenario of tests/locale_scenario.py run on djscratch and compared with real
Django's results (tests/locale_expected.json), key by key.
"""

import json
import unittest

from tests import add_key_tests, load_expected
from tests import locale_scenario as scenario

EXPECTED = load_expected("locale_expected.json")


class LocaleMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = json.loads(json.dumps(scenario.run()))

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(LocaleMatchesDjangoTests, EXPECTED)
