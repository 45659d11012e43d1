"""django.core.serializers: tests/serializers_scenario.py run on djscratch
and compared with real Django's results (tests/serializers_expected.json).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import add_key_tests, load_expected
from tests import serializers_scenario as scenario
from tests.test_orm_oracle import ORACLE_SETTINGS

EXPECTED = load_expected("serializers_expected.json")


@override_settings(**ORACLE_SETTINGS)
class SerializersMatchDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = scenario.run()

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(SerializersMatchDjangoTests, EXPECTED)


@override_settings(**ORACLE_SETTINGS)
class RefusedFormatsTests(unittest.TestCase):
    def test_xml_is_refused_by_name(self):
        from django.core import serializers
        from django.db import NotSupportedError

        with self.assertRaisesRegex(NotSupportedError, "'xml' serializer"):
            serializers.serialize("xml", [])


if __name__ == "__main__":
    unittest.main()
