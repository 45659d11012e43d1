"""Small Django names that Django's own test modules import and djscratch now
has (lazystr, clear_script_prefix, the converter registry, the active language,
FakePayload, encode_file, CaseInsensitiveMapping, get_script_name,
Library.simple_block_tag): tests/api_surface_scenario.py run on djscratch and
compared with real Django's results (tests/api_surface_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import TEST_SETTINGS, add_key_tests, load_expected
from tests import api_surface_scenario as scenario

EXPECTED = load_expected("api_surface_expected.json")


@override_settings(**TEST_SETTINGS, LANGUAGE_CODE="en-us")
class APISurfaceMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from django.utils import translation

        # The scenario starts from LANGUAGE_CODE: a request an earlier test
        # made through LocaleMiddleware may have left its language active on
        # this thread (as Django leaves it).
        translation.deactivate()
        cls.observed = scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(APISurfaceMatchesDjangoTests, EXPECTED)


if __name__ == "__main__":
    unittest.main()
