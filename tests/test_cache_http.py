"""The cache framework's HTTP side against real Django's answers: cache_page,
the cache middleware, page keys, response headers, {% cache %} and the
createcachetable SQL (tests/cache_cases.py, tests/cache_expected.json).
"""

import json
import os
import unittest

from tests import TEST_SETTINGS

import djscratch  # noqa: F401
from django.test import override_settings

from tests import cache_cases

with open(os.path.join(os.path.dirname(__file__), "cache_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


MEMORY_DB = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


@override_settings(**TEST_SETTINGS, DATABASES=MEMORY_DB)
class CacheCasesMatchDjangoTests(unittest.TestCase):
    """Each case of tests/cache_cases.py gives what Django 5.2 gives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.results = json.loads(json.dumps(cache_cases.collect()))

    def test_same_cases(self):
        self.assertEqual(sorted(self.results), sorted(EXPECTED))

    def check(self, prefix):
        names = [name for name in EXPECTED if name.startswith(prefix)]
        self.assertTrue(names)
        for name in names:
            with self.subTest(name):
                self.assertEqual(self.results.get(name), EXPECTED[name])

    def test_cache_page_headers_and_hits(self):
        self.check("page_")

    def test_cache_middleware_headers_and_hits(self):
        self.check("middleware_")

    def test_cache_middleware_arguments(self):
        self.check("cache_middleware_arguments")

    def test_page_cache_keys(self):
        self.check("key_")

    def test_active_language_in_keys_and_translation_override(self):
        self.check("languages")

    def test_patch_response_headers_get_max_age_has_vary_header(self):
        self.check("response_headers")

    def test_make_key_versions_and_key_warnings(self):
        self.check("key_functions")

    def test_cache_template_tag(self):
        self.check("fragments")

    def test_cache_system_checks(self):
        self.check("checks")

    def test_createcachetable_dry_run_sql(self):
        self.check("createcachetable_dry_run")


if __name__ == "__main__":
    unittest.main()
