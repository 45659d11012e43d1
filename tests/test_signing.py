"""django.core.signing and django.utils.crypto, checked against real Django."""

import datetime
import time
import unittest
from unittest import mock

import djscratch
from django.core import signing
from django.utils import crypto
from djscratch import override_settings
from tests import TEST_SETTINGS
from tests.http_helpers import ORACLE_KEY, load_expected

EXPECTED = load_expected()


@override_settings(**{**TEST_SETTINGS, "SECRET_KEY": ORACLE_KEY})
class DjangoCompatibilityTests(unittest.TestCase):
    """Values signed by Django verify here, and we sign exactly as Django."""

    def test_signer_signatures_equal_djangos(self):
        self.assertEqual(signing.Signer(key="k").sign("hello"), EXPECTED["signer_sign"])
        self.assertEqual(
            signing.Signer(key="k", salt="extra").sign("hello"),
            EXPECTED["signer_sign_salt"],
        )
        self.assertEqual(signing.Signer().sign("value"), EXPECTED["signer_default_key"])
        self.assertEqual(
            signing.Signer(key="k", sep="/").sign("x"), EXPECTED["signer_sep"]
        )
        self.assertEqual(
            signing.Signer(key="k", algorithm="sha1").sign("x"), EXPECTED["signer_sha1"]
        )

    def test_sign_object_equals_djangos(self):
        self.assertEqual(
            signing.Signer(key="k").sign_object({"a": [1, 2], "b": "é"}),
            EXPECTED["sign_object"],
        )
        self.assertEqual(
            signing.Signer(key="k").sign_object({"text": "x" * 200}, compress=True),
            EXPECTED["sign_object_compressed"],
        )

    def test_loads_reads_values_django_dumped(self):
        self.assertEqual(
            signing.loads(EXPECTED["dumps"]), {"user": 42, "roles": ["a", "b"]}
        )
        self.assertEqual(signing.loads(EXPECTED["dumps_compressed"]), list(range(100)))
        self.assertEqual(signing.loads(EXPECTED["dumps_salt"], salt="my.salt"), "v")
        self.assertEqual(
            signing.TimestampSigner(key="k").unsign(EXPECTED["timestamp_signed"]), "ts"
        )

    def test_cookie_signer_reads_djangos_signed_cookie(self):
        signer = signing.get_cookie_signer(salt="name")
        self.assertEqual(signer.unsign(EXPECTED["cookie_signed"]), "cookieval")

    def test_salted_hmac_equals_djangos(self):
        self.assertEqual(
            crypto.salted_hmac("salt", "value", "secret").hexdigest(),
            EXPECTED["salted_hmac"],
        )
        self.assertEqual(
            crypto.salted_hmac(
                "salt", "value", "secret", algorithm="sha256"
            ).hexdigest(),
            EXPECTED["salted_hmac_sha256"],
        )

    def test_base64_and_base62_helpers_equal_djangos(self):
        self.assertEqual(
            [signing.b64_encode(b).decode() for b in (b"", b"a", b"ab", b"\xff\xfe")],
            EXPECTED["b64"],
        )
        for number, encoded in EXPECTED["b62"].items():
            self.assertEqual(signing.b62_encode(int(number)), encoded)
            self.assertEqual(signing.b62_decode(encoded), int(number))
        self.assertEqual(signing.b64_decode(b"__4"), b"\xff\xfe")


@override_settings(**TEST_SETTINGS)
class SignerTests(unittest.TestCase):
    def test_tampered_value_raises_bad_signature_naming_it(self):
        signed = signing.Signer(key="k").sign("hello")
        with self.assertRaisesRegex(signing.BadSignature, "does not match"):
            signing.Signer(key="k").unsign(signed.replace("hello", "jello"))

    def test_value_without_separator_raises_bad_signature(self):
        with self.assertRaisesRegex(signing.BadSignature, 'No ":" found in value'):
            signing.Signer(key="k").unsign("nosep")

    def test_other_key_or_salt_does_not_verify(self):
        signed = signing.Signer(key="k").sign("v")
        with self.assertRaises(signing.BadSignature):
            signing.Signer(key="other").unsign(signed)
        with self.assertRaises(signing.BadSignature):
            signing.Signer(key="k", salt="s").unsign(signed)

    def test_fallback_keys_verify_during_rotation(self):
        signed = signing.Signer(key="old").sign("v")
        self.assertEqual(
            signing.Signer(key="new", fallback_keys=["old"]).unsign(signed), "v"
        )
        with override_settings(SECRET_KEY="new", SECRET_KEY_FALLBACKS=["old"]):
            self.assertEqual(
                signing.Signer().unsign(signing.Signer(key="old").sign("w")), "w"
            )

    def test_unsafe_separator_is_refused(self):
        for sep in ("", "a", "-", "_", "=", "0"):
            with self.assertRaisesRegex(ValueError, "Unsafe Signer separator"):
                signing.Signer(key="k", sep=sep)

    def test_signer_arguments_are_keyword_only(self):
        with self.assertRaises(TypeError):
            signing.Signer("k")

    def test_timestamp_signer_enforces_max_age(self):
        signer = signing.TimestampSigner(key="k")
        with mock.patch("time.time", return_value=1_000_000):
            signed = signer.sign("v")
        with mock.patch("time.time", return_value=1_000_010):
            self.assertEqual(signer.unsign(signed, max_age=20), "v")
            self.assertEqual(
                signer.unsign(signed, max_age=datetime.timedelta(seconds=20)), "v"
            )
            with self.assertRaisesRegex(signing.SignatureExpired, "Signature age 10"):
                signer.unsign(signed, max_age=5)
        self.assertTrue(issubclass(signing.SignatureExpired, signing.BadSignature))

    def test_dumps_loads_round_trip_with_compression(self):
        data = {"list": list(range(50)), "text": "é" * 20}
        plain = signing.dumps(data)
        packed = signing.dumps(data, compress=True)
        self.assertTrue(packed.startswith("."))
        self.assertLess(len(packed), len(plain))
        self.assertEqual(signing.loads(plain), data)
        self.assertEqual(signing.loads(packed), data)

    def test_loads_max_age_and_salt(self):
        with mock.patch("time.time", return_value=time.time() - 100):
            old = signing.dumps("v", salt="s")
        self.assertEqual(signing.loads(old, salt="s"), "v")
        with self.assertRaises(signing.SignatureExpired):
            signing.loads(old, salt="s", max_age=10)
        with self.assertRaises(signing.BadSignature):
            signing.loads(old, salt="other")

    def test_payload_is_json_never_pickle(self):
        with self.assertRaises(TypeError):
            signing.dumps(object())  # JSON cannot hold it; pickle could have
        self.assertFalse(hasattr(signing, "PickleSerializer"))

    def test_unsign_compares_in_constant_time(self):
        with mock.patch("hmac.compare_digest", return_value=False) as compare:
            with self.assertRaises(signing.BadSignature):
                signing.Signer(key="k").unsign(signing.Signer(key="k").sign("x"))
        self.assertTrue(compare.called)


class CryptoTests(unittest.TestCase):
    def test_get_random_string_uses_allowed_chars(self):
        value = crypto.get_random_string(40, allowed_chars="ab")
        self.assertEqual(len(value), 40)
        self.assertLessEqual(set(value), {"a", "b"})
        self.assertNotEqual(crypto.get_random_string(32), crypto.get_random_string(32))

    def test_get_random_string_requires_length(self):
        with self.assertRaises(TypeError):
            crypto.get_random_string()

    def test_constant_time_compare(self):
        self.assertTrue(crypto.constant_time_compare("abc", "abc"))
        self.assertTrue(crypto.constant_time_compare(b"abc", "abc"))
        self.assertFalse(crypto.constant_time_compare("abc", "abd"))

    def test_unknown_algorithm_is_invalid_algorithm(self):
        with self.assertRaisesRegex(
            djscratch.InvalidAlgorithm, "'nope' is not an algorithm"
        ):
            crypto.salted_hmac("a", "b", "c", algorithm="nope")


if __name__ == "__main__":
    unittest.main()
