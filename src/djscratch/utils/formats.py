"""Formats (django/utils/formats.py): get_format(), date_format(),
localize() and number_format(), for the English locale.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.dateformat.
import djscratch

from djscratch.conf import GLOBAL_SETTINGS

__all__ = [
    "date_format", "get_format",
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
