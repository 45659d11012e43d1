"""The CSRF failure page is Django 5.2's, byte for byte: its texts for a
missing cookie and a missing Referer, the help section with DEBUG, the
reason escaped, with or without a template engine configured
(tests/csrf_page_expected.json, from tests/gen_csrf_page_expected.py).
"""

import json
import os
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.test import override_settings

from tests import TEST_SETTINGS
from tests.csrf_page_cases import run_cases

HERE = os.path.dirname(os.path.abspath(__file__))


@override_settings(**TEST_SETTINGS)
class CsrfFailurePageAsDjangoTests(unittest.TestCase):
    def test_every_case_renders_as_django(self):
        with open(os.path.join(HERE, "csrf_page_expected.json"),
                  encoding="utf-8") as f:
            expected = json.load(f)
        actual = run_cases()
        self.assertEqual(set(actual), set(expected))
        for case, answer in expected.items():
            with self.subTest(case):
                self.assertEqual(actual[case], answer)
