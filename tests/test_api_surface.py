"""Small Django names that Django's own test modules import and djscratch now
has (lazystr, clear_script_prefix, the converter registry, the active language,
FakePayload, encode_file, CaseInsensitiveMapping, get_script_name,
Library.simple_block_tag): tests/api_surface_scenario.py run on djscratch and
compared with real Django's results (tests/api_surface_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import TEST_SETTINGS, load_expected, MatchesDjango
from tests import api_surface_scenario as scenario

EXPECTED = load_expected("api_surface_expected.json")


@override_settings(**TEST_SETTINGS, LANGUAGE_CODE="en-us")
class APISurfaceMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        from django.utils import translation

        # The scenario starts from LANGUAGE_CODE: a request an earlier test
        # made through LocaleMiddleware may have left its language active on
        # this thread (as Django leaves it).
        translation.deactivate()
        return scenario.run()


if __name__ == "__main__":
    unittest.main()
