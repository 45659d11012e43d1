"""Passwords: the hashers against hashes Django 5.2 wrote (auth_expected.json,
from gen_auth_expected.py), upgrade on login, unusable passwords, and the
four validators of startproject's AUTH_PASSWORD_VALIDATORS.
"""

import json
import os
import sys
import unittest
from unittest import mock

from tests import TEST_SETTINGS

import djscratch
from django.contrib.auth import hashers
from django.contrib.auth.hashers import (
    check_password, get_hasher, identify_hasher, is_password_usable,
    make_password, MD5PasswordHasher, PBKDF2PasswordHasher,
    PBKDF2SHA1PasswordHasher, UNUSABLE_PASSWORD_PREFIX,
)
from django.contrib.auth import password_validation as pv
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings

def _django_python():
    path = os.environ.get("DJSCRATCH_DJANGO_PYTHON")
    if path:
        return path
    for local in (os.path.join(os.path.dirname(os.path.dirname(__file__)),
                               ".venv-django", "bin", "python"),
                  "/work/venv-django/bin/python"):
        if os.path.exists(local):
            return local
    return None


DJANGO_PYTHON = _django_python()
needs_django = unittest.skipUnless(DJANGO_PYTHON, "no Python with Django 5.2: set "
                                   "DJSCRATCH_DJANGO_PYTHON")

with open(os.path.join(os.path.dirname(__file__), "auth_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)

ALL_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation."
             "UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


class FastPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000


class FastPBKDF2SHA1(PBKDF2SHA1PasswordHasher):
    iterations = 1000


@override_settings(**TEST_SETTINGS, PASSWORD_HASHERS=ALL_HASHERS)
class DjangoHashesTests(unittest.TestCase):
    def test_iteration_count_is_django_52s(self):
        self.assertEqual(PBKDF2PasswordHasher.iterations, EXPECTED["iterations"])

    def test_every_django_hash_verifies_and_a_wrong_password_fails(self):
        # A wrong password against a hash with fewer iterations than the
        # default also runs the difference (harden_runtime, tested below in
        # UpgradeTests); left out here, where only the verdicts are checked.
        with mock.patch.object(PBKDF2PasswordHasher, "harden_runtime"):
            for password, encoded in EXPECTED["hashes"]:
                with self.subTest(encoded=encoded):
                    self.assertTrue(check_password(password, encoded))
                    self.assertFalse(check_password(password + "!", encoded))

    def test_same_salt_and_count_give_djangos_exact_string(self):
        for password, encoded in EXPECTED["hashes"]:
            hasher = identify_hasher(encoded)
            decoded = hasher.decode(encoded)
            if hasher.algorithm.startswith("pbkdf2"):
                ours = hasher.encode(password, decoded["salt"], decoded["iterations"])
            elif hasher.algorithm == "md5":
                ours = hasher.encode(password, decoded["salt"])
            else:
                continue
            self.assertEqual(ours, encoded)

    def test_make_password_writes_djangos_format(self):
        encoded = make_password("secret", salt="abc", hasher=FastPBKDF2())
        algorithm, iterations, salt, digest = encoded.split("$")
        self.assertEqual((algorithm, iterations, salt),
                         ("pbkdf2_sha256", "1000", "abc"))
        self.assertEqual(len(digest), 44)  # base64 of 32 bytes

    def test_default_hasher_is_pbkdf2_sha256_with_a_22_char_salt(self):
        hasher = get_hasher()
        self.assertIsInstance(hasher, PBKDF2PasswordHasher)
        self.assertEqual(len(hasher.salt()), 22)

    def test_safe_summary_masks_salt_and_hash(self):
        summary = PBKDF2PasswordHasher().safe_summary(
            "pbkdf2_sha256$1000$fixedSalt0abcdefghijklm$abcdefghijklmnopqrstuvwxyz=")
        self.assertEqual(summary, EXPECTED["safe_summary"])
        summary = MD5PasswordHasher().safe_summary(
            "md5$fixedSalt0$0123456789abcdef0123456789abcdef")
        self.assertEqual(summary, EXPECTED["md5_summary"])


@override_settings(**TEST_SETTINGS, PASSWORD_HASHERS=ALL_HASHERS)
class UpgradeTests(unittest.TestCase):
    def test_lower_iteration_count_calls_setter_on_success_only(self):
        old = PBKDF2PasswordHasher().encode("secret", "a" * 22, 1000)
        calls = []
        self.assertFalse(check_password("wrong", old, setter=calls.append))
        self.assertEqual(calls, [])
        self.assertTrue(check_password("secret", old, setter=calls.append))
        self.assertEqual(calls, ["secret"])

    def test_current_hash_is_not_upgraded(self):
        encoded = FastPBKDF2().encode("secret", FastPBKDF2().salt())
        calls = []
        check_password("secret", encoded, setter=calls.append, preferred=FastPBKDF2())
        self.assertEqual(calls, [])

    def test_other_algorithm_is_upgraded_to_the_preferred_one(self):
        encoded = MD5PasswordHasher().encode("secret", "s" * 22)
        calls = []
        self.assertTrue(check_password("secret", encoded, setter=calls.append))
        self.assertEqual(calls, ["secret"])

    def test_short_salt_must_update(self):
        self.assertTrue(FastPBKDF2().must_update(
            FastPBKDF2().encode("x", "shortsalt")))

    def test_wrong_password_with_weaker_count_is_hardened(self):
        old = PBKDF2PasswordHasher().encode("secret", "a" * 22, 1000)
        with mock.patch.object(PBKDF2PasswordHasher, "harden_runtime") as harden:
            check_password("wrong", old)
        harden.assert_called_once()

    @override_settings(PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.MD5PasswordHasher"])
    def test_setting_change_resets_the_hasher_cache(self):
        self.assertEqual(get_hasher().algorithm, "md5")
        self.assertTrue(make_password("x").startswith("md5$"))


@override_settings(**TEST_SETTINGS, PASSWORD_HASHERS=ALL_HASHERS)
class UnusableAndErrorTests(unittest.TestCase):
    def test_none_gives_an_unusable_password(self):
        encoded = make_password(None)
        self.assertTrue(encoded.startswith(UNUSABLE_PASSWORD_PREFIX))
        self.assertEqual(len(encoded), 41)
        self.assertFalse(is_password_usable(encoded))
        self.assertTrue(is_password_usable(None))
        self.assertTrue(is_password_usable("pbkdf2_sha256$garbage"))

    # The default hasher is the one run: a fast one here (at a million
    # rounds, each of the three runs costs a quarter of a second).
    @override_settings(PASSWORD_HASHERS=["tests.test_auth_passwords.FastPBKDF2",
                                         "django.contrib.auth.hashers.MD5PasswordHasher"])
    def test_unusable_unknown_and_none_still_run_the_hasher(self):
        # Same work for every failure: no user enumeration by timing.
        for password, encoded in [("x", make_password(None)), ("x", "nonsense$x"),
                                  (None, make_password("x", hasher="md5"))]:
            with mock.patch.object(hashers, "make_password",
                                   wraps=make_password) as made:
                self.assertFalse(check_password(password, encoded))
            made.assert_called_once()

    def test_non_string_password_is_a_type_error(self):
        with self.assertRaisesRegex(TypeError,
                                    "Password must be a string or bytes, got int."):
            make_password(1)

    def test_unknown_algorithm_message(self):
        with self.assertRaisesRegex(ValueError, "Unknown password hashing algorithm "
                                    "'nope'. Did you specify it in the "
                                    "PASSWORD_HASHERS setting?"):
            get_hasher("nope")

    def test_salt_with_dollar_is_refused(self):
        with self.assertRaisesRegex(ValueError, "salt must be provided"):
            PBKDF2SHA1PasswordHasher().encode("x", "a$b", 1)

    @override_settings(PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher"])
    def test_argon2_hash_is_refused_by_name(self):
        with self.assertRaisesRegex(ValueError, "DJSCRATCH_ENGINE=django"):
            check_password("x", "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA")


@needs_django
@override_settings(**TEST_SETTINGS, PASSWORD_HASHERS=ALL_HASHERS)
class ReverseTests(unittest.TestCase):
    def test_django_verifies_djscratch_hashes(self):
        import subprocess

        made = [[p, make_password(p, hasher=h)] for p in ["secret", "Zoë 🔑"]
                for h in (FastPBKDF2(), FastPBKDF2SHA1(), "md5")]
        # The default count once (a million rounds: a quarter second each way).
        made.append(["secret", make_password("secret")])
        script = (
            "import json, sys\n"
            "from django.conf import settings\n"
            "settings.configure(PASSWORD_HASHERS=%r)\n"
            "from django.contrib.auth.hashers import check_password\n"
            "print(json.dumps([check_password(p, e) for p, e in json.load(sys.stdin)]))"
            % ALL_HASHERS)
        env = {k: v for k, v in os.environ.items()
               if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
        out = subprocess.run([DJANGO_PYTHON, "-c", script], input=json.dumps(made),
                             capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout), [True] * len(made))


class FakeMeta:
    def get_field(self, name):
        raise djscratch.FieldDoesNotExist(name)


class FakeUser:
    _meta = FakeMeta()
    username = "alice_wonder"
    first_name = "Alice"
    last_name = "Liddell"
    email = "alice.wonder@example.com"


@override_settings(**TEST_SETTINGS, AUTH_PASSWORD_VALIDATORS=VALIDATORS)
class ValidatorTests(unittest.TestCase):
    def test_djangos_errors_codes_and_order(self):
        for password, errors in EXPECTED["validation"]["cases"]:
            with self.subTest(password=password[:20]):
                try:
                    pv.validate_password(password, FakeUser())
                    got = []
                except ValidationError as e:
                    got = [[err.code, err.messages[0]] for err in e.error_list]
                self.assertEqual(got, errors)

    def test_help_texts_and_html(self):
        self.assertEqual(pv.password_validators_help_texts(),
                         EXPECTED["validation"]["help_texts"])
        self.assertEqual(str(pv.password_validators_help_text_html()),
                         EXPECTED["validation"]["help_html"])

    def test_singular_messages(self):
        one = pv.MinimumLengthValidator(min_length=1)
        self.assertEqual([one.get_help_text(), one.get_error_message()],
                         EXPECTED["validation"]["min1"])

    def test_valid_password_returns_none(self):
        self.assertIsNone(pv.validate_password("kR9#mPzQ!2vL"))

    def test_no_user_skips_similarity(self):
        self.assertIsNone(pv.validate_password("alicewonder1234"))

    def test_similarity_floor(self):
        with self.assertRaisesRegex(ValueError, "max_similarity must be at least 0.1"):
            pv.UserAttributeSimilarityValidator(max_similarity=0.09)

    def test_huge_password_skips_the_quadratic_match(self):
        # CVE-2021-45115: a long password against a short attribute is not
        # compared at all (SequenceMatcher is quadratic).
        self.assertTrue(pv.exceeds_maximum_length_ratio("a" * 10_000, 0.7, "bob"))
        self.assertFalse(pv.exceeds_maximum_length_ratio("a" * 10, 0.7, "bob"))

    @override_settings(AUTH_PASSWORD_VALIDATORS=[{"NAME": "no.such.Validator"}])
    def test_bad_name_is_improperly_configured(self):
        with self.assertRaisesRegex(ImproperlyConfigured,
                                    "The module in NAME could not be imported: "
                                    "no.such.Validator. Check your "
                                    "AUTH_PASSWORD_VALIDATORS setting."):
            pv.validate_password("x")

    def test_password_changed_calls_hooks(self):
        class Hook:
            def __init__(self):
                self.seen = []

            def validate(self, password, user=None):
                pass

            def password_changed(self, password, user=None):
                self.seen.append(password)

        hook = Hook()
        pv.password_changed("new", None, [hook, pv.NumericPasswordValidator()])
        self.assertEqual(hook.seen, ["new"])

    def test_common_list_from_a_file(self):
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("hunter2\n")
        self.addCleanup(os.unlink, f.name)
        validator = pv.CommonPasswordValidator(password_list_path=f.name)
        with self.assertRaises(ValidationError):
            validator.validate("HUNTER2")

    def test_embedded_list_is_used_without_django(self):
        code = sys.modules[djscratch._django_password_list.__module__]
        with mock.patch.object(code, "_django_password_list", return_value=None):
            validator = pv.CommonPasswordValidator()
        self.assertEqual(len(validator.passwords), 500)
        self.assertIn("iloveyou", validator.passwords)


if __name__ == "__main__":
    unittest.main()
