"""DateFormat and TimeFormat (django/utils/dateformat.py), and
date formats compiled to small functions.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.defaultfilters, template.runtime.
import datetime

import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.utils.module_loading import _compile_generated
from djscratch.utils.regex_helper import _re
from djscratch.utils.html import _escape_text
from djscratch.conf import settings
from djscratch.utils.timezone import (
    _active_tz, _default_timezones, get_default_timezone,
    _learn_same_zone, _same_zone, _UNKNOWN_ZONE,
)
from djscratch.utils.translation import _language_activity
from djscratch.utils.formats import (
    _en_by_code, _en_format, _en_formats_active, _MONTH_NAMES, _MONTHS_AP,
    _WEEKDAY_NAMES,
    FORMAT_SETTINGS,
)

__all__ = [
    "dateformat",
]


_TIME_SPECIFIERS = frozenset("aAefgGhHiIOPrsTuZ")
#: What a date may not be formatted with (Django's TimeFormat methods): "r"
#: and "I" take a date at midnight in the default time zone.
_DATE_REFUSED_SPECIFIERS = _TIME_SPECIFIERS - {"r", "I"}


#: format string -> ((is a specifier, text), ...), filled by _parse_date_format()
_date_format_pieces = {}


def _parse_date_format(formatstr):
    """Split a date format into specifiers and literal text, and cache it."""
    if "\\" in formatstr:
        pieces = _split_date_format_by_pattern(formatstr)
    else:
        pieces = _split_plain_date_format(formatstr)
    if len(_date_format_pieces) >= 256:  # formats can come from data: stay bounded
        _date_format_pieces.clear()
    _date_format_pieces[formatstr] = pieces
    return pieces


def _split_date_format_by_pattern(formatstr):
    """The (is a specifier, text) pieces of a date format, the general way."""
    parts = _re(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])").split(
        formatstr)
    return tuple(
        (True, part) if i % 2 else
        (False, _re(r"\\(.)").sub(r"\1", part))
        for i, part in enumerate(parts) if part)


_DATE_SPECIFIERS = frozenset("aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ")


def _split_plain_date_format(formatstr):
    """_split_date_format_by_pattern() of a format without a backslash (no
    escapes), without compiling its patterns (a first page's |date)."""
    pieces, start = [], 0
    for i, char in enumerate(formatstr):
        if char in _DATE_SPECIFIERS:
            if i > start:
                pieces.append((False, formatstr[start:i]))
            pieces.append((True, char))
            start = i + 1
    if start < len(formatstr):
        pieces.append((False, formatstr[start:]))
    return tuple(pieces)


# The methods a plain page never runs are in dateformat_extra.py, defined on first
# use.
@_methods_on_first_use("_DateFormatMore", (
    "A", "D", "E", "F", "G", "H", "I", "L", "M", "N", "O", "P", "S", "T", "U", "W",
    "Y", "Z", "_naive", "a", "b", "c", "d", "e", "f", "format", "g", "h", "i", "j",
    "l", "m", "n", "o", "r", "s", "t", "u", "w", "y", "z",
))
class DateFormat:
    """Format dates and times with PHP-style characters (Django's dateformat).

    format("N j, Y") -> "Nov. 21, 2026".  Backslash escapes a character.
    """

    def __init__(self, obj):
        self.data = obj
        self.timezone = None
        if isinstance(obj, datetime.datetime):
            tz = get_default_timezone() if obj.utcoffset() is None else obj.tzinfo
            # An ambiguous or imaginary local time (a DST change) has no
            # offset to show: I, O, T and Z are then empty, as in Django.
            if tz.utcoffset(obj.replace(fold=not obj.fold)) == tz.utcoffset(obj):
                self.timezone = tz


TimeFormat = DateFormat


# -- Compiled date formats.  A format string whose specifiers need neither the
#    time zone nor the calendar module becomes a small Python function, built
#    once per format string, that fills one "%"-pattern from the datetime's
#    fields: "N j, Y, P" becomes
#        def format_datetime(d):
#            if type(d) is not exact:
#                return slow(d)
#            return pattern % (_MONTHS_AP[d.month - 1], d.day, d.year,
#                              (_P_HOURS[d.hour] if not d.minute
#                               else _P_MINUTES[d.hour] % d.minute))
#    The generated source holds only the expressions of the table below; the
#    format's literal text lives in `pattern`, a value, so nothing in a format
#    string (which can come from data) becomes code.  DateFormat stays the
#    reference and handles dates, times and every other specifier.

#: specifier -> (%-conversion, Python expression over the datetime `d`)
_DATE_SPEC_EXPRS = {
    "a": ("%s", '"p.m." if d.hour > 11 else "a.m."'),
    "A": ("%s", '"PM" if d.hour > 11 else "AM"'),
    "b": ("%s", "_MONTHS_3_LOWER[d.month]"),
    "c": ("%s", "d.isoformat()"),
    "d": ("%02d", "d.day"),
    "D": ("%s", "_WEEKDAY_NAMES[d.weekday()][:3]"),
    "E": ("%s", "_MONTH_NAMES[d.month - 1]"),
    "f": ("%s", "(_F_HOURS[d.hour] if not d.minute "
                "else _F_MINUTES[d.hour] % d.minute)"),
    "F": ("%s", "_MONTH_NAMES[d.month - 1]"),
    "g": ("%d", "d.hour % 12 or 12"),
    "G": ("%d", "d.hour"),
    "h": ("%02d", "d.hour % 12 or 12"),
    "H": ("%02d", "d.hour"),
    "i": ("%02d", "d.minute"),
    "j": ("%d", "d.day"),
    "l": ("%s", "_WEEKDAY_NAMES[d.weekday()]"),
    "m": ("%02d", "d.month"),
    "M": ("%s", "_MONTH_NAMES[d.month - 1][:3]"),
    "n": ("%d", "d.month"),
    "N": ("%s", "_MONTHS_AP[d.month - 1]"),
    "P": ("%s", "(_P_HOURS[d.hour] if not d.minute "
                "else _P_MINUTES[d.hour] % d.minute)"),
    "s": ("%02d", "d.second"),
    "u": ("%06d", "d.microsecond"),
    "w": ("%d", "(d.weekday() + 1) % 7"),
    "y": ("%02d", "d.year % 100"),
    "Y": ("%04d", "d.year"),
    # The time zone specifiers: _zone_spec() answers for a fixed-offset zone
    # (UTC included) and asks DateFormat for any other.  A zone's name is
    # its part of _zone_spec() written out: it is in most formats shown.
    "e": ("%s", '(z_.tzname(None) if type(z_ := d.tzinfo) is _fixed_offset_zone '
                'else _zone_spec(d, "e"))'),
    "I": ("%s", '_zone_spec(d, "I")'),
    "O": ("%s", '_zone_spec(d, "O")'),
    "T": ("%s", '(z_.tzname(None) if type(z_ := d.tzinfo) is _fixed_offset_zone '
                'else _zone_spec(d, "T"))'),
    "Z": ("%s", '_zone_spec(d, "Z")'),
}
#: The specifiers whose output is a zone's name, which a tzinfo chooses: any
#: text, so output that holds one is escaped for HTML.
_ZONE_NAME_SPECIFIERS = frozenset("eT")
_fixed_offset_zone = datetime.timezone
_MONTHS_3_LOWER = (None,) + tuple(name[:3].lower() for name in _MONTH_NAMES)

#: format string -> function(value) -> str, filled by _compile_date_format()
_date_formatters = {}


def _time_f(hour, minute):
    """Return DateFormat.f(): "1", "1:30" (12-hour clock, minutes if any)."""
    return "%d:%02d" % (hour % 12 or 12, minute) if minute else str(hour % 12 or 12)


# _time_f() and _time_P() as tables by hour, for the compiled formats: the
# text for a whole hour, and a %-pattern that takes the minutes.
_F_HOURS = tuple(str(hour % 12 or 12) for hour in range(24))
_F_MINUTES = tuple("%d:%%02d" % (hour % 12 or 12) for hour in range(24))
_P_HOURS = tuple(
    "midnight" if hour == 0 else "noon" if hour == 12
    else "%d %s" % (hour % 12 or 12, "p.m." if hour > 11 else "a.m.")
    for hour in range(24))
_P_MINUTES = tuple("%d:%%02d %s" % (hour % 12 or 12, "p.m." if hour > 11 else "a.m.")
                   for hour in range(24))


def _time_P(hour, minute):
    """Return DateFormat.P(): "1 p.m.", "1:30 a.m.", "midnight" or "noon"."""
    if minute == 0:
        if hour == 0:
            return "midnight"
        if hour == 12:
            return "noon"
    # _time_f() written out: "N j, Y, P" shows every datetime of a page.
    if minute:
        return "%d:%02d %s" % (hour % 12 or 12, minute, "p.m." if hour > 11 else "a.m.")
    return "%d %s" % (hour % 12 or 12, "p.m." if hour > 11 else "a.m.")


def _zone_spec(d, spec):
    """Return DateFormat(d)'s `spec` (e, I, O, T or Z) as text, for an exact
    datetime `d`.

    A fixed-offset zone (datetime.timezone: UTC, "+05:00") has one offset and
    one name, so no wall time is ambiguous and none needs converting: the
    answer comes from the zone alone.  Any other zone, and a naive `d` (shown
    in the default zone), go through DateFormat, the reference.
    """
    zone = d.tzinfo
    if type(zone) is not _fixed_offset_zone:
        return str(getattr(DateFormat(d), spec)())
    if spec == "e" or spec == "T":
        return zone.tzname(None)
    if spec == "I":
        return "0"  # a fixed offset has no daylight saving time
    offset = zone.utcoffset(None)
    seconds = offset.days * 86400 + offset.seconds
    if spec == "Z":
        return str(seconds)
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return "%s%02d%02d" % (sign, seconds // 3600, (seconds // 60) % 60)


def _date_format_code(formatstr, html=False, same_zone=False):
    """Return (pattern, Python expression over `d`, text_safe) writing
    `formatstr` for an exact datetime, or None when a specifier needs
    DateFormat.

    Specifiers write letters, digits, spaces and ".:+-", except a zone's name
    (e, T), which a tzinfo chooses.  text_safe: the format's literal text has
    nothing to escape for HTML.  With `html` and text_safe, the zone's names
    are escaped where they are written, so the whole output is safe as it is;
    otherwise the caller escapes the output.  With `same_zone`, `d` is known
    to be in utils.timezone._same_zone's zone: its name, when kept there, is
    written without asking `d`.
    """
    pieces = _date_format_pieces.get(formatstr) or _parse_date_format(formatstr)
    text_safe = not any(char in piece for is_specifier, piece in pieces
                        if not is_specifier for char in "&<>\"'")
    template, exprs = [], []
    for is_specifier, piece in pieces:
        if not is_specifier:
            template.append(piece.replace("%", "%%"))
        elif piece in _DATE_SPEC_EXPRS:
            conversion, expr = _DATE_SPEC_EXPRS[piece]
            escaped = html and text_safe
            if escaped and piece in _ZONE_NAME_SPECIFIERS:
                # Letters and digits alone ("UTC") have nothing to escape.
                expr = "(n_ if (n_ := %s).isalnum() else _escape_text(n_))" % expr
            if same_zone and piece in _ZONE_NAME_SPECIFIERS:
                expr = "(_same_zone.%s or %s)" % (
                    "name_html" if escaped else "name", expr)
            template.append(conversion)
            exprs.append(expr)
        else:
            return None
    pattern = "".join(template)
    if pattern == "%s":  # a lone text specifier ("c"): no "%" needed
        return pattern, exprs[0], text_safe
    return pattern, "pattern %% (%s)" % "".join(
        expr + ", " for expr in exprs), text_safe


def _make_date_function(formatstr, body, namespace):
    """Compile `body` (lines over the datetime `d`) as a function of `d`."""

    source = "def format_datetime(d):\n" + "".join(
        "    " + line + "\n" for line in body)
    namespace.update(
        exact=datetime.datetime, _MONTHS_AP=_MONTHS_AP, _MONTH_NAMES=_MONTH_NAMES,
        _MONTHS_3_LOWER=_MONTHS_3_LOWER, _WEEKDAY_NAMES=_WEEKDAY_NAMES,
        _F_HOURS=_F_HOURS, _F_MINUTES=_F_MINUTES, _P_HOURS=_P_HOURS,
        _P_MINUTES=_P_MINUTES, _zone_spec=_zone_spec,
        _fixed_offset_zone=_fixed_offset_zone,
        _escape_text=_escape_text)
    exec(_compile_generated(source, "<date format %r>" % formatstr), namespace)
    return namespace["format_datetime"]


def _compile_date_format(formatstr):
    """Return a function formatting a value with `formatstr`, and cache it.

    Exact datetimes take the generated function when every specifier is in
    _DATE_SPEC_EXPRS; anything else goes through DateFormat.
    """
    def slow(value):
        return DateFormat(value).format(formatstr)

    code = _date_format_code(formatstr)
    if code is None:
        formatter = slow
    else:
        pattern, result, _text_safe = code
        formatter = _make_date_function(formatstr, [
            "if type(d) is not exact:",
            "    return slow(d)",
            "return " + result,
        ], {"slow": slow, "pattern": pattern})
    if len(_date_formatters) >= 256:  # formats can come from data: stay bounded
        _date_formatters.clear()
    _date_formatters[formatstr] = formatter
    return formatter


#: (format or format name, for HTML) -> the function _date_output() made
_date_outputs = {}


def _date_output(name, html, value_output=False):
    """Return {{ value|date:name }} as one function of the value (with
    `value_output`, {{ value }} itself: name is DATETIME_FORMAT, and inside
    {% localize off %} the value takes the settings' format).

    `name` is a format ("c") or a format's name ("DATETIME_FORMAT").  An exact
    datetime goes to the current time zone (Django's template localtime()),
    through the compiled format and, when `html` is true and the format's
    literal text needs it, through escaping, all in one generated function:
    three calls and two lookups fewer per datetime shown.  Anything else takes
    the date filter (with escaping when `html`).
    """
    output = _date_outputs.get((name, html, value_output))
    if output is not None:
        return output
    # The en locale's format, compiled in; a language with other formats
    # takes the date filter (get_format()) instead: see _names_a_format().
    formatstr = str(_en_format(name))  # as Django's format() reads it
    code = _date_format_code(formatstr, html)
    if code is None:
        pattern, result, text_safe = None, "formatter(d)", False
        same_zone_result = result
    else:
        pattern, result, text_safe = code
        same_zone_result = _date_format_code(formatstr, html, same_zone=True)[1]
    if html and not text_safe:
        result = "_escape_output(%s)" % result
        same_zone_result = "_escape_output(%s)" % same_zone_result
    namespace = {
        "fallback": djscratch.template.defaultfilters._escape_date if html else djscratch.template.defaultfilters._fast_date, "name": name,  # noqa: E501
        "pattern": pattern, "settings": settings, "_active_tz": _active_tz,
        "get_default_timezone": get_default_timezone,
        "_default_timezones": _default_timezones, "_same_zone": _same_zone,
        "_UNKNOWN_ZONE": _UNKNOWN_ZONE, "_learn_same_zone": _learn_same_zone,
        "_escape_output": djscratch.template.runtime._escape_output,
        "formatter": None if code else _date_formatters.get(formatstr)
        or _compile_date_format(formatstr)}
    guard = ["if (_language_activity[0] or not _en_by_code.get(None)) and \\",
             "        not _en_formats_active():",
             "    return by_formats(d, name)"] if _names_a_format(name) else []
    by_formats = (djscratch.template.defaultfilters._escaped_date_by_formats if html
                  else djscratch.template.defaultfilters._date_by_formats)
    if value_output:  # {{ value }}: _localize(), which knows {% localize off %}
        guard[0] = "if _l10n_off_seen[0] or " + guard[0][3:]
        by_formats = djscratch.template.runtime._value_by_formats
        namespace["_l10n_off_seen"] = djscratch.template.runtime._l10n_off_seen
    namespace.update(_en_formats_active=_en_formats_active,
                     _language_activity=_language_activity, _en_by_code=_en_by_code,
                     by_formats=by_formats)
    output = _make_date_function(formatstr, guard + [
        "if type(d) is not exact:",
        "    return fallback(d, name)",
        "zone = d.tzinfo",
        "# Already in the zone every thread shows (utils.timezone._same_zone),",
        "# or naive: nothing to convert, nothing to read.",
        "if zone is not _same_zone.zone:",
        "    if _same_zone.zone is _UNKNOWN_ZONE:",
        "        _learn_same_zone()",
        "    if zone is not None and settings.USE_TZ:",
        "        tz = (_active_tz.value or _default_timezones.get(settings.TIME_ZONE)",
        "              or get_default_timezone())",
        "        # Already in the current zone: nothing to convert.",
        "        if zone is not tz and d.utcoffset() is not None:",
        "            d = d.astimezone(tz)",
        "    return " + result,
        "return " + same_zone_result,
    ], namespace)
    # Named after the format when it can be (f_date_escaped_c), for readers
    # of the generated template code.
    output._filter_name = ("date_escaped" if html else "date") + (
        "_" + name if name.isidentifier() else "")
    if len(_date_outputs) >= 256:  # formats can come from data: stay bounded
        _date_outputs.clear()
    _date_outputs[name, html, value_output] = output
    return output


def _names_a_format(name):
    """Whether get_format(name) may differ by language: a format setting's
    name, or one a project's format module may define (CUSTOM_DAY_FORMAT)."""
    return name in FORMAT_SETTINGS or (name.isupper() and "_" in name)


def dateformat(value, format_string):
    """Format a date/datetime (django.utils.dateformat.format)."""
    if not isinstance(format_string, str):
        format_string = str(format_string)  # Django reads any format as str()
    formatter = _date_formatters.get(format_string)
    if formatter is None:
        formatter = _compile_date_format(format_string)
    return formatter(value)


def timeformat(value, format_string):
    """Format a time (django.utils.dateformat.time_format)."""
    return DateFormat(value).format(format_string)
