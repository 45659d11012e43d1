"""RemoteUserMiddleware, PersistentRemoteUserMiddleware, RemoteUserBackend
and AllowAllUsersRemoteUserBackend against real Django 5.2: login from the
header, creation of unknown users (or not), logout when the header goes or
changes, a user of another backend left alone, clean_username() and
configure_user(), a custom header, the ImproperlyConfigured message.

tests/remote_user_scenario.py drives them with the test client in its own
process; the expected values are its output on Django
(tests/gen_remote_user_expected.py).
"""

import unittest

from tests import load_expected, run_scenario


class RemoteUserAgainstDjangoTests(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.out = run_scenario("remote_user_scenario.py", "REMOTE_USER_ENGINE")
        cls.expected = load_expected("remote_user_expected.json")

    def check(self, *keys):
        for key in keys:
            with self.subTest(key):
                self.assertEqual(self.out[key], self.expected[key])

    def test_header_logs_in_and_creates_unknown_users(self):
        self.check("anonymous", "known", "known_again", "switch", "created",
                   "empty", "backend_none")

    def test_logout_when_the_header_goes_unless_persistent(self):
        self.check("header_gone", "persistent_login", "persistent_kept",
                   "persistent_switch")

    def test_inactive_users_and_allow_all(self):
        self.check("inactive", "allow_all_inactive")

    def test_backend_hooks(self):
        self.check("no_create_unknown", "no_create_known", "after_no_create",
                   "cleaned_new", "cleaned_same", "cleaned_existing",
                   "configure_calls", "configured_email")

    def test_custom_header_and_other_backends_users(self):
        self.check("custom_header", "custom_header_ignores_remote_user",
                   "model_backend_user_kept", "model_backend_user_switched")

    def test_mod_wsgi_hooks(self):
        self.check("modwsgi_check_password", "modwsgi_groups")

    def test_errors(self):
        self.check("no_auth_middleware", "no_get_response")

    def test_every_case_is_compared(self):
        self.assertEqual(sorted(self.out), sorted(self.expected))


if __name__ == "__main__":
    unittest.main()
