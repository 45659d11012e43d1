"""Formats (django/utils/formats.py): get_format(), date_format(),
localize() and number_format().  The built-in formats are the en locale's
only; the project's format modules (FORMAT_MODULE_PATH) are read as Django
reads them, and a language whose Django formats djscratch lacks says so.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.dateformat.
import djscratch

from djscratch.utils.functional import lazy
from djscratch.utils.regex_helper import _re
from djscratch.conf import (
    GLOBAL_SETTINGS, _settings_derived, _settings_derived_caches, settings,
)
from djscratch.utils.translation import (
    _active_language, _DISABLED, _language_activity, check_for_language,
    get_language, to_locale,
)

__all__ = [
    "date_format", "get_format", "localize_input", "sanitize_separators",
    "FORMAT_SETTINGS", "ISO_INPUT_FORMATS", "reset_format_cache",
    "iter_format_modules", "get_format_modules", "LocaleFormatsWarning",
    "sanitize_strftime_format", "get_format_lazy",
]


# -- Dates and numbers (django.utils.dateformat, django.utils.formats).

#: The en locale's formats (django/conf/locale/en/formats.py), the only
#: built-in ones; its input formats are the settings' defaults.
_EN_FORMATS = {
    "DATE_FORMAT": "N j, Y", "TIME_FORMAT": "P", "DATETIME_FORMAT": "N j, Y, P",
    "YEAR_MONTH_FORMAT": "F Y", "MONTH_DAY_FORMAT": "F j",
    "SHORT_DATE_FORMAT": "m/d/Y", "SHORT_DATETIME_FORMAT": "m/d/Y P",
    "FIRST_DAY_OF_WEEK": 0, "DECIMAL_SEPARATOR": ".", "THOUSAND_SEPARATOR": ",",
    "NUMBER_GROUPING": 3,
}

#: The settings a format module may override (Django's FORMAT_SETTINGS).
FORMAT_SETTINGS = frozenset(_EN_FORMATS) | {
    "DATE_INPUT_FORMATS", "TIME_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"}

#: The locales Django 5.2 ships a formats module for
#: (django/conf/locale/<locale>/formats.py).  djscratch has en's only: for
#: the others it cannot format as Django does (see _warn_missing_formats).
_DJANGO_FORMAT_LOCALES = frozenset("""
    ar ar_DZ az bg bn bs ca ckb cs cy da de de_CH el en en_AU en_CA en_GB en_IE
    eo es es_AR es_CO es_MX es_NI es_PR et eu fa fi fr fr_BE fr_CA fr_CH fy ga
    gd gl he hi hr hu id ig is it ja ka km kn ko ky lt lv mk ml mn ms nb nl nn pl
    pt pt_BR ro ru sk sl sq sr sr_Latn sv ta te tg th tk tr ug uk uz vi zh_Hans
    zh_Hant""".split())


class LocaleFormatsWarning(UserWarning):
    """A value is formatted for a language whose Django formats djscratch
    lacks (a UserWarning: Django's test runner makes RuntimeWarning an error)."""


class _BuiltinFormats:
    """django.conf.locale.<locale>.formats as djscratch has it: the en
    locale's attributes (get_format() reads them with getattr())."""

    def __init__(self, name, formats):
        self.__name__ = name
        self.__dict__.update(formats)

    def __repr__(self):
        return "<module %r (djscratch's built-in formats)>" % self.__name__


_EN_FORMAT_MODULE = _BuiltinFormats("django.conf.locale.en.formats", {
    **_EN_FORMATS, **{name: GLOBAL_SETTINGS[name] for name in (
        "DATE_INPUT_FORMATS", "TIME_INPUT_FORMATS", "DATETIME_INPUT_FORMATS")}})

#: In _format_sources(): where Django reads a built-in module djscratch lacks
#: (_format_value() warns, then reads the en module's formats there).
_MISSING_FORMATS = None


def reset_format_cache():
    """Forget the formats found so far (Django's; settings changes do it)."""
    _format_sources.cache_clear()
    _format_value.cache_clear()
    _formats_are_en.cache_clear()
    _en_by_code.clear()
    _default_language_formats.clear()


def _locales_of(lang):
    """The locale of `lang` and its base language's ("de_AT", "de")."""
    locale = to_locale(lang)
    return [locale, locale.split("_")[0]] if "_" in locale else [locale]


@_settings_derived
def _format_sources(lang, format_module_path=None):
    """The format modules get_format() reads for `lang`, in Django's order:
    the project's (FORMAT_MODULE_PATH) for its locale and its base language,
    then the built-in ones; _MISSING_FORMATS where Django has a built-in module that
    djscratch lacks."""
    import importlib

    if lang is None or not check_for_language(lang):
        return ()
    if format_module_path is None:
        format_module_path = settings.FORMAT_MODULE_PATH
    if isinstance(format_module_path, str):
        format_module_path = [format_module_path]
    sources = []
    for path in format_module_path or ():
        for locale in _locales_of(lang):
            try:
                sources.append(importlib.import_module(f"{path}.{locale}.formats"))
            except ImportError:
                pass
    for locale in _locales_of(lang):
        if locale == "en":
            sources.append(_EN_FORMAT_MODULE)
        elif locale in _DJANGO_FORMAT_LOCALES:
            sources.append(_MISSING_FORMATS)
    return tuple(sources)


def iter_format_modules(lang, format_module_path=None):
    """Yield the format modules for `lang` (the project's, then the
    built-in en one when `lang` is English)."""
    for source in _format_sources(lang, format_module_path):
        if source is not _MISSING_FORMATS:
            yield source


def get_format_modules(lang=None):
    """Return the list of the format modules for `lang` (default: active)."""
    return list(iter_format_modules(get_language() if lang is None else lang))


def get_format(format_type, lang=None, use_l10n=None):
    """Return the format `format_type` (a setting's name) for `lang` (default:
    the active language), as Django finds it: in the language's format
    modules, else in the settings; a name no module or setting has is
    returned as it is: it is a format already ({{ d|date:"DEBUG" }} formats
    D, E, B, U and G, it does not read settings.DEBUG).  use_l10n=False
    reads the settings only.
    """
    if not isinstance(format_type, str):
        format_type = str(format_type)  # a lazy string
    if use_l10n is None or use_l10n:
        if lang is None:
            if not _language_activity[0]:  # LANGUAGE_CODE on every thread
                try:
                    return _default_language_formats[format_type]
                except KeyError:
                    value = _default_language_formats[format_type] = _format_value(
                        format_type, settings.LANGUAGE_CODE)
                    return value
            code = _active_language.code  # get_language(), inline
            lang = (settings.LANGUAGE_CODE if code is None else
                    None if code is _DISABLED else code)
    else:
        lang = None
    return _format_value(format_type, lang)


#: get_format() evaluated when the value is used (a form field's class
#: attribute: the language active then).
get_format_lazy = lazy(get_format, str, list, tuple)


#: format name -> get_format() while no thread has activated a language,
#: emptied when settings change
_default_language_formats = {}
_settings_derived_caches.append(_default_language_formats)


@_settings_derived
def _format_value(format_type, lang):
    """get_format()'s answer for a language (None: the settings only)."""
    value = None
    for source in _format_sources(lang):
        if source is _MISSING_FORMATS:
            # Django reads this locale's own module here; djscratch says it
            # lacks it and writes the en locale's format instead.
            _warn_missing_formats(lang)
            source = _EN_FORMAT_MODULE
        value = getattr(source, format_type, None)
        if value is not None:
            break
    if value is None:
        if format_type not in FORMAT_SETTINGS:
            return format_type
        return getattr(settings, format_type)
    if format_type in _ISO_INPUT_FORMATS:
        return _with_iso_formats(format_type, value)
    return value


#: The languages _warn_missing_formats() has warned about in this process.
_warned_languages = set()


def _warn_missing_formats(lang):
    """Warn, once per language, that `lang`'s values are not formatted as
    Django formats them (djscratch lacks its built-in formats)."""
    import warnings

    if lang in _warned_languages:
        return
    _warned_languages.add(lang)
    warnings.warn(_missing_formats_message(lang), LocaleFormatsWarning, stacklevel=2)


def _missing_formats_message(lang):
    return (
        f"djscratch does not have Django's formats for the language {lang!r} "
        "(only the en locale's are built in): its dates and numbers are not "
        "formatted as Django formats them, but with the en locale's formats "
        "wherever the project's format modules (FORMAT_MODULE_PATH) do not set "
        "a format.  Supply the formats in FORMAT_MODULE_PATH, or run the project "
        "on Django (DJSCRATCH_ENGINE=django).")


def _lacks_formats(lang):
    """Whether some format of `lang` is one djscratch cannot find as Django
    does (a built-in module it lacks, and no project module sets it)."""
    sources = _format_sources(lang)
    if _MISSING_FORMATS not in sources:
        return False
    return any(_first_source(sources, name) is _MISSING_FORMATS
               for name in FORMAT_SETTINGS)


def _first_source(sources, format_type):
    for source in sources:
        if source is _MISSING_FORMATS or getattr(source, format_type, None) is not None:
            return source
    return None


@_settings_derived
def _formats_are_en(lang):
    """Whether every format of `lang` is the built-in en one, read from
    nothing else: the fast paths that write en formats apply."""
    return _format_sources(lang) == (_EN_FORMAT_MODULE,)


def _en_format(format_type):
    """get_format(format_type) when _en_formats_active(): the built-in en
    format (or the setting's, or the name itself), what fast paths compile."""
    value = getattr(_EN_FORMAT_MODULE, format_type, None)
    if value is not None:
        return value
    return getattr(settings, format_type) if format_type in FORMAT_SETTINGS \
        else format_type


#: language code (None: settings.LANGUAGE_CODE) -> _formats_are_en(), for
#: _en_formats_active(); emptied when settings change
_en_by_code = {}
_settings_derived_caches.append(_en_by_code)


def _en_formats_active():
    """_formats_are_en() of the active language: the guard of the fast paths
    that write the en formats (a list index and a dict lookup while no
    thread has activated a language).  Hot paths write the common case out
    before calling it:

        if (_language_activity[0] or not _en_by_code.get(None)) \
                and not _en_formats_active(): ...  # the general path
    """
    code = None
    if _language_activity[0]:
        code = _active_language.code
        if code is _DISABLED:
            return False
    try:
        return _en_by_code[code]
    except KeyError:
        value = _en_by_code[code] = _formats_are_en(
            settings.LANGUAGE_CODE if code is None else code)
        return value


_MONTH_NAMES = ("January February March April May June July August September October "
           "November December").split()
_MONTHS_AP = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()
_WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _with_iso_formats(format_type, formats):
    """Return the input formats `formats` with the ISO ones Django always
    accepts for `format_type` appended (those not there already)."""
    formats = list(formats)
    return formats + [f for f in _ISO_INPUT_FORMATS.get(format_type, [])
                      if f not in formats]


#: what Django's input formats always accept, in order (ISO_INPUT_FORMATS)
ISO_INPUT_FORMATS = _ISO_INPUT_FORMATS = {
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                               "%Y-%m-%d %H:%M", "%Y-%m-%d"],
}
_INPUT_FORMAT_NAMES = frozenset(_ISO_INPUT_FORMATS)


def date_format(value, format=None, use_l10n=None):
    """Format a date or datetime with a named format (default DATE_FORMAT)."""
    return djscratch.utils.dateformat.dateformat(
        value, get_format(format or "DATE_FORMAT", use_l10n=use_l10n))


def formats_time_format(value, format=None, use_l10n=None):
    """Format a time with a named format (default TIME_FORMAT)."""
    return djscratch.utils.dateformat.timeformat(
        value, get_format(format or "TIME_FORMAT", use_l10n=use_l10n))


def localize_input(value, default=None):
    """Return `value` as a form input shows it: numbers through
    number_format(), dates and times with `default` or the first input format."""
    import datetime
    import decimal

    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: True is an int
        return str(value)
    if isinstance(value, (decimal.Decimal, float, int)):
        return djscratch.template.defaultfilters.number_format(value)
    for kind, format_type in ((datetime.datetime, "DATETIME_INPUT_FORMATS"),
                              (datetime.date, "DATE_INPUT_FORMATS"),
                              (datetime.time, "TIME_INPUT_FORMATS")):
        if isinstance(value, kind):
            format = default or get_format(format_type)[0]
            if kind is not datetime.time:
                format = sanitize_strftime_format(format)
            return value.strftime(format)
    return value


#: The width each year specifier must have ("%Y" of year 1 is "0001").
_YEAR_SPECIFIER_WIDTHS = {"C": 2, "F": 10, "G": 4, "Y": 4}
#: format -> sanitize_strftime_format(format)
_sanitized_formats = {}


def sanitize_strftime_format(fmt):
    """Return `fmt` with %C, %F, %G and %Y padded with zeros ("%04Y") when
    this platform's strftime() does not pad years before 1000 (glibc:
    "%Y" of year 1 is "1"), so that a date input shows "0001-02-03"."""
    import datetime

    sanitized = _sanitized_formats.get(fmt)
    if sanitized is None:
        if datetime.date(1, 1, 1).strftime("%Y") == "0001":
            sanitized = fmt
        else:
            sanitized = _re(r"((?:^|[^%])(?:%%)*)%([CFGY])").sub(
                lambda m: "%s%%0%d%s" % (m[1], _YEAR_SPECIFIER_WIDTHS[m[2]], m[2]),
                fmt)
        if len(_sanitized_formats) >= 256:  # formats can come from data
            _sanitized_formats.clear()
        _sanitized_formats[fmt] = sanitized
    return sanitized


def sanitize_separators(value):
    """Return a number typed in the locale's way as Python reads it: the
    decimal separator becomes '.', and with USE_THOUSAND_SEPARATOR the
    thousand separators go.  Anything but a str is returned as it is."""
    import unicodedata

    if not isinstance(value, str):
        return value
    parts = []
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    if decimal_separator in value:
        value, decimals = value.split(decimal_separator, 1)
        parts.append(decimals)
    if settings.USE_THOUSAND_SEPARATOR:
        thousand_sep = get_format("THOUSAND_SEPARATOR")
        # "1.5" in a locale whose thousand separator is "." is a decimal.
        if not (thousand_sep == "." and value.count(".") == 1
                and len(value.split(".")[-1]) != 3):
            for replacement in {thousand_sep,
                                unicodedata.normalize("NFKD", thousand_sep)}:
                value = value.replace(replacement, "")
    parts.append(value)
    return ".".join(reversed(parts))
