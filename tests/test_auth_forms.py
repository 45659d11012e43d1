"""django.contrib.auth.forms and .tokens against real Django 5.2: the HTML of
every auth form (unbound and bound with errors), the error messages, and the
password reset tokens, which must be the very strings Django makes.

tests/auth_forms_scenario.py runs in its own process on djscratch; the
expected values are its output on Django (tests/gen_auth_forms_expected.py).
"""

import unittest

from tests import load_expected, run_scenario


class AuthFormsAgainstDjangoTests(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.out = run_scenario("auth_forms_scenario.py", "AUTH_FORMS_ENGINE")
        cls.expected = load_expected("auth_forms_expected.json")

    def check(self, *keys):
        for key in keys:
            with self.subTest(key):
                self.assertEqual(self.out[key], self.expected[key])

    def test_authentication_form_html_and_errors(self):
        self.check("auth_unbound", "auth_bad", "auth_empty", "auth_inactive",
                   "auth_ok", "inactive_message", "confirm_login_allowed")
        self.assertEqual(self.out["auth_bad"]["errors"]["__all__"][0]["message"],
                         "Please enter a correct username and password. Note that "
                         "both fields may be case-sensitive.")

    def test_username_field_normalises_nfkc(self):
        self.check("username_nfkc")

    def test_user_creation_form(self):
        self.check("create_unbound", "create_mismatch", "create_duplicate",
                   "create_weak", "create_ok", "created")
        self.assertEqual(
            self.out["create_mismatch"]["errors"]["password2"][0]["message"],
            "The two password fields didn\u2019t match.")

    def test_user_change_form_with_read_only_password_hash(self):
        self.check("change", "change_nopass")

    def test_password_change_and_set_password_forms(self):
        self.check("pwchange_unbound", "pwchange_bad", "setpw_mismatch")

    def test_admin_password_change_form(self):
        self.check("admin_pw_unbound", "admin_pw_nopass", "admin_pw_disable")

    def test_password_reset_form_and_mail(self):
        self.check("reset_unbound", "reset_bad", "reset_mail")

    def test_tokens_are_djangos(self):
        # The same token string: one made by either engine checks on the other.
        self.check("tokens")
        self.assertRegex(self.out["tokens"]["token"], r"^[0-9a-z]+-[0-9a-f]{32}$")

    def test_every_case_is_compared(self):
        self.assertEqual(sorted(self.out), sorted(self.expected))
