"""LocaleMiddleware, get_language_from_request() and i18n_patterns(): the
scenario of tests/locale_scenario.py run on djscratch and compared with real
Django's results (tests/locale_expected.json), key by key.
"""

import json
import unittest

from tests import load_expected, MatchesDjango
from tests import locale_scenario as scenario

EXPECTED = load_expected("locale_expected.json")


class LocaleMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        return json.loads(json.dumps(scenario.run()))
