"""Forms render byte-identical HTML to Django 5.2.

tests/forms_cases.py builds the forms; tests/forms_expected.json holds what
real Django rendered for them (regenerate with gen_forms_expected.py).
"""

import json
import os
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings

from . import TEST_SETTINGS
from . import forms_cases

HERE = os.path.dirname(os.path.abspath(__file__))


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class FormsHTMLMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(os.path.join(HERE, "forms_expected.json"), encoding="utf-8") as f:
            cls.expected = json.load(f)

    def test_every_case_renders_like_django(self):
        actual = forms_cases.build()
        expected = {k: v for k, v in self.expected.items() if k != "fuzz"}
        self.assertEqual(sorted(actual), sorted(expected))
        for name, html in sorted(expected.items()):
            with self.subTest(case=name):
                self.assertEqual(actual[name], html)

    def test_random_submissions_render_and_fail_like_django(self):
        forms_cases.build()
        actual = json.loads(json.dumps(forms_cases.fuzz()))
        self.assertEqual(sorted(actual), sorted(self.expected["fuzz"]))
        for name, (digest, errors) in sorted(self.expected["fuzz"].items()):
            with self.subTest(case=name):
                self.assertEqual(actual[name][1], errors)
                self.assertEqual(actual[name][0], digest, "HTML differs")

    def test_form_str_is_safe_string(self):
        from django import forms

        class F(forms.Form):
            name = forms.CharField()

        self.assertIsInstance(str(F()), djscratch.SafeString)
        self.assertTrue(hasattr(F(), "__html__"))
