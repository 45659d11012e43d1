"""Localized formats: the scenario of tests/l10n_formats_scenario.py run on
djscratch and compared with real Django's results
(tests/l10n_formats_expected.json), key by key; and what djscratch says for a
language whose Django formats it lacks (LocaleFormatsWarning, the system
check djscratch.translation.W001).
"""

import json
import unittest
import warnings

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests import l10n_formats_scenario as scenario

EXPECTED = load_expected("l10n_formats_expected.json")


class L10nFormatsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        return json.loads(json.dumps(scenario.run()))


FULL_GERMAN = {"FORMAT_MODULE_PATH": "tests.l10n_format_modules"}


def _format_warnings(function, *args):
    """The LocaleFormatsWarning messages function(*args) emits (the formats
    found so far and the record of languages warned about cleared first)."""
    import djscratch
    from django.utils.formats import reset_format_cache

    reset_format_cache()
    djscratch._warned_languages.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        function(*args)
    return [str(w.message) for w in caught
            if w.category is djscratch.LocaleFormatsWarning]


def _number_in(language, value=1234.5):
    from django.utils import translation
    from django.utils.formats import number_format

    with translation.override(language):
        return number_format(value, 1, force_grouping=True)


@override_settings(LANGUAGE_CODE="en-us", USE_I18N=True)
class MissingLocaleFormatsWarningTests(unittest.TestCase):
    """A language whose Django formats djscratch lacks is formatted with the
    en locale's formats, and says so once per language."""

    def test_language_without_formats_warns_naming_it_and_the_remedies(self):
        messages = _format_warnings(_number_in, "fr")
        self.assertEqual(len(messages), 1)
        self.assertIn("'fr'", messages[0])
        self.assertIn("FORMAT_MODULE_PATH", messages[0])
        self.assertIn("DJSCRATCH_ENGINE=django", messages[0])

    def test_language_without_formats_uses_the_en_formats(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.assertEqual(_number_in("fr"), "1,234.5")
            self.assertEqual(_number_in("pt-br"), "1,234.5")

    def test_warning_is_given_once_per_language(self):
        def twice():
            _number_in("it")
            _number_in("it")
            _number_in("nl")
        self.assertEqual(len(_format_warnings(twice)), 2)

    def test_english_does_not_warn(self):
        self.assertEqual(_format_warnings(_number_in, "en"), [])
        self.assertEqual(_format_warnings(_number_in, "en-us"), [])

    def test_english_variant_with_its_own_django_formats_warns(self):
        self.assertEqual(len(_format_warnings(_number_in, "en-gb")), 1)

    def test_language_django_has_no_formats_for_reads_settings_silently(self):
        # af has catalogues but no formats module in Django: the settings.
        self.assertEqual(_format_warnings(_number_in, "af"), [])
        self.assertEqual(_number_in("af"), "1234.5")  # NUMBER_GROUPING 0

    def test_project_format_modules_setting_every_format_do_not_warn(self):
        with override_settings(**FULL_GERMAN):
            self.assertEqual(_format_warnings(_number_in, "de"), [])
            self.assertEqual(_number_in("de"), "1.234,5")


@override_settings(LANGUAGE_CODE="en-us", USE_I18N=True)
class LocaleFormatsCheckTests(unittest.TestCase):
    """djscratch.translation.W001: the settings ask for a language whose Django formats
    djscratch lacks, and the project's format modules do not supply them."""

    def run_check(self, **settings):
        from django.core.checks import run_checks, Tags

        with override_settings(**settings):
            return [m for m in run_checks(tags=[Tags.translation])
                    if m.id == "djscratch.translation.W001"]

    def test_english_language_code_passes(self):
        self.assertEqual(self.run_check(LANGUAGE_CODE="en-us"), [])
        self.assertEqual(self.run_check(LANGUAGE_CODE="en"), [])

    def test_language_code_without_formats_is_a_warning_with_a_hint(self):
        from django.core.checks import Warning

        [message] = self.run_check(LANGUAGE_CODE="fr")
        self.assertIsInstance(message, Warning)
        self.assertIn("'fr'", message.msg)
        self.assertIn("FORMAT_MODULE_PATH", message.hint)
        self.assertIn("DJSCRATCH_ENGINE=django", message.hint)

    def test_languages_the_project_sets_are_named_in_one_warning(self):
        [message] = self.run_check(LANGUAGE_CODE="en", LANGUAGES=[
            ("en", "English"), ("de", "German"), ("fr", "French")])
        self.assertIn("'de', 'fr'", message.msg)

    def test_default_languages_list_is_not_checked(self):
        # global_settings.LANGUAGES lists every language Django knows.
        self.assertEqual(self.run_check(LANGUAGE_CODE="en-us"), [])

    def test_project_format_modules_supplying_every_format_pass(self):
        self.assertEqual(self.run_check(LANGUAGE_CODE="de", **FULL_GERMAN), [])
        self.assertEqual(
            len(self.run_check(LANGUAGE_CODE="fr", **FULL_GERMAN)), 1)


@override_settings(LANGUAGE_CODE="en-us", USE_I18N=True)
class EnFormatsFastPathTests(unittest.TestCase):
    """The fast paths that write the en formats compiled in give what the
    general path (get_format() of the active language) gives."""

    NUMBERS = [0, 7, -1234567, 1234.5, -0.5, 1e16, 1.5e-7, 12345678901234567890]

    def test_number_format_fast_path_matches_the_general_path(self):
        import decimal

        import djscratch as runtime
        from django.utils import translation

        numbers = self.NUMBERS + [decimal.Decimal("-1234.5678"),
                                  decimal.Decimal("1E+5")]
        for grouping in (False, True):
            with override_settings(USE_THOUSAND_SEPARATOR=grouping), \
                    translation.override("en"):
                self.assertTrue(runtime._en_formats_active())
                for number in numbers:
                    for places in (None, 0, 2):
                        for force in (False, True):
                            self.assertEqual(
                                str(runtime._number_format(number, places, force)),
                                str(runtime._number_format_by_formats(
                                    number, places, force)),
                                (number, places, force, grouping))

    def test_compiled_date_outputs_match_the_general_path(self):
        import datetime

        import djscratch as dateformat
        import djscratch as defaultfilters
        from django.utils import translation

        value = datetime.datetime(2026, 12, 7, 15, 4, 5)
        with translation.override("en"):
            for name in ("DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT",
                         "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT",
                         "MONTH_DAY_FORMAT", "Y-m-d H:i"):
                self.assertEqual(dateformat._date_output(name, False)(value),
                                 defaultfilters._date_by_formats(value, name), name)
                self.assertEqual(
                    dateformat._date_output(name, True)(value),
                    defaultfilters._escaped_date_by_formats(value, name), name)

    def test_compiled_datetime_value_output_matches_the_general_path(self):
        import datetime

        import djscratch
        from django.utils import translation

        value = datetime.datetime(2026, 12, 7, 15, 4, 5)
        output = djscratch._date_output("DATETIME_FORMAT", True, value_output=True)
        for language in ("en", "en-us", "xx", None):
            with translation.override(language):
                self.assertEqual(output(value), djscratch._value_by_formats(value))

    def test_compiled_date_output_follows_the_active_language(self):
        import datetime

        import djscratch as dateformat
        from django.utils import translation

        value = datetime.datetime(2026, 12, 7, 15, 4, 5)
        output = dateformat._date_output("SHORT_DATE_FORMAT", True)
        with override_settings(**FULL_GERMAN):
            with translation.override("de"):
                self.assertEqual(output(value), "07.12.26")
            with translation.override("en"):
                self.assertEqual(output(value), "12/07/2026")
