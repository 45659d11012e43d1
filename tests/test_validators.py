"""Validators (django.core.validators) behave as Django 5.2's.

The table of inputs is tests/validation_cases.py; the expected outcomes in
tests/validation_expected.json come from real Django (gen_validation_expected.py).
"""

import json
import os
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import ValidationError, override_settings

from . import TEST_SETTINGS
from . import validation_cases

HERE = os.path.dirname(os.path.abspath(__file__))


def _expected(group):
    with open(os.path.join(HERE, "validation_expected.json"), encoding="utf-8") as f:
        return json.load(f)[group]


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class ValidatorsMatchDjangoTests(unittest.TestCase):
    def test_every_validator_input_has_djangos_outcome(self):
        expected = _expected("validators")
        actual = validation_cases.run_validators()
        self.assertEqual(sorted(actual), sorted(expected))
        for case, outcome in sorted(expected.items()):
            with self.subTest(case=case):
                self.assertEqual(actual[case], outcome)


class ValidatorBehaviourTests(unittest.TestCase):
    def test_max_length_message_is_singular_for_one(self):
        from django.core.validators import MaxLengthValidator

        with self.assertRaises(ValidationError) as cm:
            MaxLengthValidator(1)("ab")
        self.assertEqual(cm.exception.messages,
                         ["Ensure this value has at most 1 character (it has 2)."])
        self.assertEqual(cm.exception.error_list[0].code, "max_length")
        self.assertEqual(cm.exception.error_list[0].params["limit_value"], 1)

    def test_callable_limit_value_is_called_at_validation_time(self):
        from django.core.validators import MaxValueValidator

        limit = [10]
        validator = MaxValueValidator(lambda: limit[0])
        validator(10)
        limit[0] = 5
        with self.assertRaises(ValidationError):
            validator(10)

    def test_custom_message_and_code(self):
        from django.core.validators import RegexValidator

        validator = RegexValidator(r"^\d+$", message="digits only", code="digits")
        with self.assertRaises(ValidationError) as cm:
            validator("12a")
        self.assertEqual(cm.exception.messages, ["digits only"])
        self.assertEqual(cm.exception.code, "digits")

    def test_regex_flags_need_a_string_pattern(self):
        import re

        from django.core.validators import RegexValidator

        with self.assertRaises(TypeError):
            RegexValidator(re.compile("a"), flags=re.I)

    def test_validators_compare_equal_by_configuration(self):
        from django.core.validators import (
            EmailValidator, MinLengthValidator, RegexValidator)

        self.assertEqual(MinLengthValidator(3), MinLengthValidator(3))
        self.assertNotEqual(MinLengthValidator(3), MinLengthValidator(4))
        self.assertEqual(RegexValidator("a"), RegexValidator("a"))
        self.assertEqual(EmailValidator(allowlist=["x"]),
                         EmailValidator(allowlist=["x"]))

    def test_email_validator_refuses_non_strings_cleanly(self):
        from django.core.validators import validate_email

        for value in (None, 12, b"a@b.com"):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                validate_email(value)

    def test_url_validator_custom_schemes(self):
        from django.core.validators import URLValidator

        URLValidator(schemes=["git"])("git://example.com/repo")
        with self.assertRaises(ValidationError):
            URLValidator(schemes=["git"])("http://example.com")

    def test_ip_address_validators_reject_unknown_protocol(self):
        from django.core.validators import ip_address_validators

        with self.assertRaisesRegex(ValueError, "The protocol 'ipx' is unknown"):
            ip_address_validators("ipx", False)
        with self.assertRaises(ValueError):
            ip_address_validators("ipv4", True)


class DateParseTests(unittest.TestCase):
    def test_parse_date_time_datetime_duration(self):
        import datetime

        from django.utils.dateparse import (
            parse_date, parse_datetime, parse_duration, parse_time)

        self.assertEqual(parse_date("2024-2-9"), datetime.date(2024, 2, 9))
        self.assertIsNone(parse_date("9/2/2024"))
        with self.assertRaises(ValueError):
            parse_date("2023-02-29")
        self.assertEqual(parse_time("9:05:01,5"), datetime.time(9, 5, 1, 500000))
        aware = parse_datetime("2024-01-02 03:04:05 +0230")
        self.assertEqual(aware.utcoffset(), datetime.timedelta(hours=2, minutes=30))
        self.assertIsNone(parse_datetime("tomorrow"))
        self.assertEqual(parse_duration("1 02:03:04.5"),
                         datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5))
        self.assertEqual(parse_duration("-P1DT1H"),
                         -datetime.timedelta(days=1, hours=1))
        self.assertEqual(parse_duration("3 days 04:05:06"),
                         datetime.timedelta(days=3, hours=4, minutes=5, seconds=6))
        self.assertIsNone(parse_duration("soon"))
