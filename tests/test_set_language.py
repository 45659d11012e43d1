"""set_language and check_for_language(): the scenario of
tests/set_language_scenario.py run on djscratch and compared with real
Django's results (tests/set_language_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests import set_language_scenario as scenario

EXPECTED = load_expected("set_language_expected.json")


@override_settings(ALLOWED_HOSTS=["*"], ROOT_URLCONF="tests.set_language_scenario")
class SetLanguageMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)
