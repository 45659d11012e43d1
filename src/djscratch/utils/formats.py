"""Formats (django/utils/formats.py): get_format(), date_format(),
localize() and number_format(), for the English locale.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.dateformat.
import djscratch

from djscratch.conf import GLOBAL_SETTINGS, settings

__all__ = [
    "date_format", "get_format", "localize_input", "sanitize_separators",
]


# -- Dates and numbers (django.utils.dateformat, django.utils.formats).
#    English only: the en locale's formats, which Django uses by default.

_EN_FORMATS = {
    "DATE_FORMAT": "N j, Y", "TIME_FORMAT": "P", "DATETIME_FORMAT": "N j, Y, P",
    "YEAR_MONTH_FORMAT": "F Y", "MONTH_DAY_FORMAT": "F j",
    "SHORT_DATE_FORMAT": "m/d/Y", "SHORT_DATETIME_FORMAT": "m/d/Y P",
    "FIRST_DAY_OF_WEEK": 0, "DECIMAL_SEPARATOR": ".", "THOUSAND_SEPARATOR": ",",
    "NUMBER_GROUPING": 3,
}
_MONTH_NAMES = ("January February March April May June July August September October "
           "November December").split()
_MONTHS_AP = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()
_WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def get_format(format_type, lang=None, use_l10n=None):
    """Return the en locale's format for `format_type` (a setting name).

    Like Django, the locale's value wins over the setting (Django 5 always
    localizes, and the en locale sets every format, the input formats
    included), and any other string is returned as is: it is a format
    already ({{ d|date:"DEBUG" }} formats D, E, B, U and G, it does not read
    settings.DEBUG).
    """
    if not isinstance(format_type, str):
        format_type = str(format_type)  # a lazy string
    value = _EN_FORMATS.get(format_type)
    if value is not None:
        return value
    if format_type in _INPUT_FORMAT_NAMES:
        # The en locale's lists (Django's defaults), with the ISO ones added.
        return _with_iso_formats(format_type, GLOBAL_SETTINGS[format_type])
    return format_type


def _with_iso_formats(format_type, formats):
    """Return the input formats `formats` with the ISO ones Django always
    accepts for `format_type` appended (those not there already)."""
    formats = list(formats)
    return formats + [f for f in _ISO_INPUT_FORMATS.get(format_type, [])
                      if f not in formats]


#: what Django's input formats always accept, in order (ISO_INPUT_FORMATS)
_ISO_INPUT_FORMATS = {
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                               "%Y-%m-%d %H:%M", "%Y-%m-%d"],
}
_INPUT_FORMAT_NAMES = frozenset(_ISO_INPUT_FORMATS)


def date_format(value, format=None, use_l10n=None):
    """Format a date or datetime with a named format (default DATE_FORMAT)."""
    return djscratch.utils.dateformat.dateformat(value, get_format(format or "DATE_FORMAT"))  # noqa: E501


def formats_time_format(value, format=None, use_l10n=None):
    """Format a time with a named format (default TIME_FORMAT)."""
    return djscratch.utils.dateformat.timeformat(value, get_format(format or "TIME_FORMAT"))  # noqa: E501


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
            return value.strftime(default or get_format(format_type)[0])
    return value


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
