"""Localized formats: get_format(), number_format(), localize(), the
templates' values and filters, {% localize %}, and the form fields' input
formats, for English, for a language whose formats the project supplies
(FORMAT_MODULE_PATH, tests/l10n_format_modules), for an unknown language and
with translation deactivated (the settings' formats), run on real Django
(tests/gen_l10n_formats_expected.py records the results) and on djscratch
(tests/test_l10n_formats.py compares).  The same text runs on both.
"""

import datetime
import decimal

from django import forms
from django.template import Context, Engine
from django.test import override_settings
from django.utils import formats, translation

SETTINGS = {"FORMAT_MODULE_PATH": "tests.l10n_format_modules", "USE_TZ": False,
            "USE_I18N": True, "LANGUAGE_CODE": "en-us"}

#: The languages read: English, the project's German (and a variant of it
#: that falls back to it), a code no locale has, translation deactivated.
LANGUAGES = {"en": "en", "de": "de", "de_at": "de-at", "unknown": "xx",
             "deactivated": None}

VALUES = {
    "f": 3.14, "dec": decimal.Decimal("1234.5"), "i": 1234567,
    "big": 1234567.891, "d": datetime.date(2026, 12, 7),
    "dt": datetime.datetime(2026, 12, 7, 15, 4, 5),
    "t": datetime.time(15, 4, 5),
}

TEMPLATES = {
    "values": "{{ f }}|{{ dec }}|{{ i }}|{{ big }}|{{ d }}|{{ dt }}|{{ t }}",
    "date_filter": ("{{ d|date }}|{{ d|date:'SHORT_DATE_FORMAT' }}|"
                    "{{ dt|date:'SHORT_DATETIME_FORMAT' }}|"
                    "{{ dt|date:'DATETIME_FORMAT' }}|{{ d|date:'YEAR_MONTH_FORMAT' }}|"
                    "{{ d|date:'Y-m-d' }}|"
                    "{{ t|time }}|{{ t|time:'TIME_FORMAT' }}"),
    "floatformat": ("{{ big|floatformat:2 }}|{{ big|floatformat:'2g' }}|"
                    "{{ big|floatformat:'2u' }}|{{ big|floatformat:'-3' }}|"
                    "{{ i|floatformat:'g' }}|{{ f|floatformat }}"),
    # A format the project's German module defines (elsewhere it is a
    # format itself, which a date may not have: T is a time specifier).
    "custom_format": ("{{ d|date:'CUSTOM_DAY_FORMAT' }}|"
                      "{{ dt|date:'CUSTOM_DAY_FORMAT' }}"),
    # Dates inside {% localize off %}: the settings' formats for the values
    # themselves, the active language's for the date filter.
    "l10n_dates": ("{% load l10n %}{% localize off %}{{ dt }}|{{ d }}|{{ t }}|"
                   "{{ dt|date }}|{{ dt|date:'DATETIME_FORMAT' }}{% endlocalize %}|"
                   "{{ dt|unlocalize }}|{{ dt }}|{{ dt|localize }}"),
    "l10n_library": ("{% load l10n %}{{ f|unlocalize }}|{{ big|localize }}|"
                     "{% localize off %}{{ f }}|{{ i }}|{{ big }}{% endlocalize %}|"
                     "{% localize on %}{{ big }}{% endlocalize %}"),
}


#: Built once, at import, in no particular language: read when used.
LAZY_DATE_FORMAT = formats.get_format_lazy("DATE_FORMAT")
LAZY_INPUT_FORMATS = formats.get_format_lazy("DATE_INPUT_FORMATS")


def _render(name, use_l10n=None):
    engine = Engine(libraries={"l10n": "django.templatetags.l10n"})
    return engine.from_string(TEMPLATES[name]).render(
        Context(VALUES, use_l10n=use_l10n))


def _form_cases():
    out = {}
    # Only values each language accepts: the error messages are Django's
    # catalogues' (djscratch's stay English).
    for label, field, text in (
            ("date_field", forms.DateField(), "07.12.2026"),
            ("date_field_iso", forms.DateField(), "2026-12-07"),
            ("time_field", forms.TimeField(), "15.04"),
            ("datetime_field", forms.DateTimeField(), "07.12.2026 15.04"),
            ("decimal_field", forms.DecimalField(localize=True), "1234,5"),
            ("float_field", forms.FloatField(localize=True), "3,5")):
        try:
            out[label] = str(field.clean(text))
        except forms.ValidationError as exc:
            out[label] = "ValidationError: %s" % exc.messages
    out["date_input"] = forms.DateInput().render("d", VALUES["d"])
    out["datetime_input"] = forms.DateTimeInput().render("dt", VALUES["dt"])
    out["localized_number_input"] = forms.FloatField(localize=True).widget.render(
        "f", 1234.5)
    return out


def _function_cases():
    big, d = VALUES["big"], VALUES["d"]
    return {
        "get_format": {name: formats.get_format(name)
                       for name in sorted(formats.FORMAT_SETTINGS)},
        "custom_format": formats.get_format("CUSTOM_DAY_FORMAT"),
        "lazy_format": [str(LAZY_DATE_FORMAT), list(LAZY_INPUT_FORMATS)[:2]],
        "number_format": [
            formats.number_format(big, 2),
            formats.number_format(big, 2, force_grouping=True),
            formats.number_format(big, 2, use_l10n=False, force_grouping=True),
            formats.number_format(VALUES["i"], force_grouping=True)],
        "localize": [formats.localize(big), formats.localize(d),
                     formats.localize(VALUES["dt"]), formats.localize(VALUES["t"]),
                     formats.localize(VALUES["dec"], use_l10n=False)],
        "date_format": [formats.date_format(d), formats.date_format(
            d, "SHORT_DATE_FORMAT"), formats.time_format(VALUES["t"])],
        "localize_input": [formats.localize_input(3.5), formats.localize_input(d),
                           formats.localize_input(VALUES["dt"])],
        "sanitize_separators": formats.sanitize_separators("1.234,5"),
        # Years before 1000 keep four digits (glibc's %Y writes "1").
        "early_years": [
            formats.localize_input(datetime.date(1, 2, 3)),
            formats.localize_input(datetime.datetime(12, 2, 3, 4, 5)),
            formats.localize_input(datetime.date(5, 6, 7), "%Y|%%Y|%G|%C|%F"),
            forms.DateInput().render("d", datetime.date(999, 1, 1))],
    }


def _language_cases(out, key, lang):
    with translation.override(lang):
        german = key in ("de", "de_at")
        for name in TEMPLATES:
            # l10n_dates in German: the settings' default formats write month
            # names and "p.m.", which Django's catalogues translate.
            if (name != "custom_format" or german) and not (
                    german and name == "l10n_dates"):
                out[f"{key}_template_{name}"] = _render(name)
        for name, value in _function_cases().items():
            out[f"{key}_{name}"] = value
        for name, value in _form_cases().items():
            out[f"{key}_form_{name}"] = value
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            out[f"{key}_grouped_template_values"] = _render("values")
            out[f"{key}_grouped_template_l10n_library"] = _render("l10n_library")
            out[f"{key}_grouped_sanitize_separators"] = \
                formats.sanitize_separators("1.234,5")


def _settings_cases(out):
    """With use_l10n off ({% localize off %}, |unlocalize, floatformat's u),
    and for a language without format modules, Django reads the settings."""
    changed = {"DECIMAL_SEPARATOR": "!", "THOUSAND_SEPARATOR": "~",
               "NUMBER_GROUPING": 2, "USE_THOUSAND_SEPARATOR": True,
               "DATETIME_FORMAT": "Y/m/d H:i", "DATE_FORMAT": "Y/m/d",
               "TIME_FORMAT": "H|i"}
    with override_settings(**changed):
        for key, lang in (("en", "en"), ("de", "de"), ("unknown", "xx")):
            with translation.override(lang):
                out[f"settings_{key}_template_l10n_dates"] = _render("l10n_dates")
                out[f"settings_{key}_context_without_l10n"] = [
                    _render("values", use_l10n=False),
                    _render("date_filter", use_l10n=False)]
                out[f"settings_{key}_template_l10n_library"] = _render("l10n_library")
                out[f"settings_{key}_template_floatformat"] = _render("floatformat")
                out[f"settings_{key}_number_format"] = [
                    formats.number_format(1234567.891, 2),
                    formats.number_format(1234567.891, 2, use_l10n=False)]


def _language_reset_cases(out):
    """Changing LANGUAGE_CODE, LANGUAGES or LOCALE_PATHS forgets the active
    language (Django's test signal receiver); other settings keep it."""
    seen = []
    translation.activate("de")
    with override_settings(DEBUG=True):
        seen.append(translation.get_language())
    for name, value in (("LANGUAGE_CODE", "fr"), ("LANGUAGES", [("nl", "Dutch")]),
                        ("LOCALE_PATHS", [])):
        translation.activate("de")
        with override_settings(**{name: value}):
            seen.append(translation.get_language())
            translation.activate("it")
        seen.append(translation.get_language())
    translation.deactivate()
    out["language_reset_by_settings"] = seen


def run():
    """Every case, under the scenario's settings; return what was seen."""
    out = {}
    with override_settings(**SETTINGS):
        _language_reset_cases(out)
        for key, lang in LANGUAGES.items():
            _language_cases(out, key, lang)
        _settings_cases(out)
    return out
