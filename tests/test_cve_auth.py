"""Django's CVEs in contrib.auth, re-checked now that djscratch has it: one
test per CVE, named after it, that fails on an implementation with the bug.

The password reset form needs a project with auth installed:
tests/cve_auth_scenario.py runs one in its own process; the values checked
here are what real Django 5.2 prints for it (CVE_AUTH_ENGINE=django).
"""

import difflib
import time
import types
import unittest
from unittest import mock

from tests import TEST_SETTINGS, run_scenario

import djscratch  # noqa: F401
from django.contrib.auth.forms import UsernameField
from django.contrib.auth.hashers import (
    check_password, make_password, MD5PasswordHasher,
)
from django.contrib.auth.password_validation import (
    UserAttributeSimilarityValidator,
)
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@override_settings(**TEST_SETTINGS, PASSWORD_HASHERS=MD5)
class PasswordTimingTests(unittest.TestCase):
    def test_cve_2024_39329_unusable_password_runs_the_hasher(self):
        # A user with an unusable password must cost a hash like a wrong
        # password does, or the quick answer tells such users apart.
        unusable = make_password(None)
        with mock.patch.object(MD5PasswordHasher, "encode",
                               autospec=True,
                               side_effect=MD5PasswordHasher.encode) as encode:
            self.assertFalse(check_password("guess", unusable))
        encode.assert_called_once()


class UsernameFieldTests(unittest.TestCase):
    def test_cve_2023_46695_username_over_max_length_is_not_normalized(self):
        # NFKC of a huge value was slow on Windows; a value over max_length
        # is invalid anyway, so it is returned as typed.
        field = UsernameField(max_length=10)
        long_value = "\ufb01" * 11
        self.assertEqual(field.to_python(long_value), long_value)
        self.assertEqual(field.to_python("\ufb01sh"), "fish")
        with self.assertRaises(ValidationError):
            field.clean(long_value)


class SimilarityValidatorTests(unittest.TestCase):
    def test_cve_2021_45115_long_password_skips_the_similarity_ratio(self):
        # SequenceMatcher on a password far longer than the attribute was a
        # denial of service; such a password cannot reach max_similarity.
        user = types.SimpleNamespace(username="testclient", first_name="Test",
                                     last_name="Client", email="tc@example.com")
        validator = UserAttributeSimilarityValidator()
        with mock.patch.object(difflib, "SequenceMatcher",
                               wraps=difflib.SequenceMatcher) as matcher:
            started = time.process_time()
            validator.validate("x" * 100_000, user=user)
            self.assertLess(time.process_time() - started, 1.0)
        matcher.assert_not_called()
        with self.assertRaises(ValidationError):
            validator.validate("testclient", user=user)


@override_settings(**TEST_SETTINGS)
class RedirectTests(unittest.TestCase):
    def test_cve_2025_27556_login_and_logout_refuse_next_over_2048_characters(self):
        # NFKC of a huge non-ASCII `next` was slow on Windows; the views check
        # `next` with url_has_allowed_host_and_scheme(), which refuses it
        # unparsed (the views then use their default target).
        for view_class in (LoginView, LogoutView):
            for length, expected in ((2000, 2001), (2100, 0)):
                with self.subTest(view_class.__name__, length=length):
                    request = RequestFactory().get(
                        "/login/", {"next": "/" + "\u0131" * length})
                    view = view_class(request=request)
                    self.assertEqual(len(view.get_redirect_url()), expected)


class PasswordResetFormTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = run_scenario("cve_auth_scenario.py", "CVE_AUTH_ENGINE")

    def test_cve_2019_19844_reset_mail_goes_to_the_stored_address(self):
        # The link goes to the address on file, and a look-alike address
        # (a dotless i) matches no user.
        self.assertEqual(self.out["case_differs"], [True, [["mike@example.org"]]])
        self.assertEqual(self.out["dotless_i"], [True, []])
        self.assertEqual(self.out["dotless_i_in_domain"], [True, []])
        self.assertEqual(self.out["dotless_i_matched_by_the_database"], [True, []])

    def test_cve_2024_45231_reset_mail_failure_is_logged_not_raised(self):
        # An exception only for registered addresses would tell them apart.
        self.assertEqual(self.out["failing_backend"], "no exception")
        self.assertEqual(self.out["failing_backend_log"],
                         [["django.contrib.auth", "ERROR"]])
        self.assertEqual(self.out["failing_backend_message"],
                         ["Failed to send password reset email to 1"])
