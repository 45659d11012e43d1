"""django.contrib.auth.views and django.contrib.auth.urls against real Django
5.2: login with `next` (and an unsafe one refused), logout by POST only,
password change keeping the session, the password reset mail, link,
set-password redirect and one-use token, login_required and
PermissionRequiredMixin, logout_then_login, redirect_authenticated_user.

tests/auth_views_scenario.py drives a project that includes
django.contrib.auth.urls with the test client, in its own process; the
expected values are its output on Django (tests/gen_auth_views_expected.py).
"""

import unittest

from tests import load_expected, run_scenario


class AuthViewsAgainstDjangoTests(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.out = run_scenario("auth_views_scenario.py", "AUTH_VIEWS_ENGINE")
        cls.expected = load_expected("auth_views_expected.json")

    def check(self, *keys):
        for key in keys:
            with self.subTest(key):
                self.assertEqual(self.out[key], self.expected[key])

    def test_url_names(self):
        self.check("names", "confirm_url")

    def test_login_view(self):
        self.check("login_get", "login_bad", "login_ok", "login_evil_next", "again",
                   "login_new_password")
        self.assertEqual(self.out["login_ok"], [302, "/private/"])
        self.assertEqual(self.out["login_evil_next"], [302, "/accounts/profile/"])

    def test_logout_is_post_only(self):
        self.check("logout_get", "logout_post", "private_after_logout",
                   "logout_next_page", "logout_then_login")
        self.assertEqual(self.out["logout_get"][0], 405)

    def test_access_control(self):
        self.check("private_anon", "private_in", "editors_no_perm", "editors_anon",
                   "editors_with_perm")

    def test_password_change(self):
        self.check("change_anon", "change_get", "change_bad", "change_ok",
                   "change_done", "still_logged_in")

    def test_password_reset(self):
        self.check("reset_get", "reset_unknown", "reset_outbox_unknown", "reset_post",
                   "reset_mail", "reset_link_shape", "reset_link", "reset_form",
                   "reset_mismatch", "reset_ok", "reset_complete",
                   "reset_link_reused", "reset_bad_uid")

    def test_every_case_is_compared(self):
        # The mail body holds a time-stamped token; its shape is compared.
        self.assertEqual(sorted(self.out), sorted(self.expected))


class DefaultResetMailTests(unittest.TestCase):
    """Without registration/password_reset_{subject.txt,email.html} in the
    project, djscratch mails its own wording; the reset still works."""

    @classmethod
    def setUpClass(cls):
        cls.out = run_scenario("auth_views_scenario.py", "AUTH_VIEWS_ENGINE",
                               AUTH_VIEWS_DEFAULT_MAIL="1")

    def test_subject_and_link(self):
        self.assertEqual(self.out["reset_mail"][0], "Reset your password on testserver")
        self.assertTrue(self.out["reset_link_shape"])
        self.assertIn("Your username: bob", self.out["reset_mail_body"])
        self.assertEqual(self.out["reset_ok"], [302, "/accounts/reset/done/"])
