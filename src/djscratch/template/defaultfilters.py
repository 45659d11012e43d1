"""The built-in filters
(django/template/defaultfilters.py), each as `_f_<name>`.
"""

import urllib.parse
from djscratch.utils.regex_helper import _re
from djscratch.conf import settings
from djscratch.utils.encoding import iri_to_uri
from djscratch.utils.safestring import mark_safe, SafeData, SafeString
from djscratch.utils.html import (
    _escape_text, _escape_utf8, _UTF8_ESCAPE_FROM, avoid_wrapping, conditional_escape,
    escape, escapejs, json_script, linebreaks, strip_tags,
)
from djscratch.utils.html_extra import urlize
from djscratch.utils.text import capfirst, normalize_newlines, slugify
from djscratch.utils.text_extra import phone2numeric, Truncator, wrap
from djscratch.utils.timesince import timesince, timeuntil
from djscratch.utils.translation import _language_activity
from djscratch.utils.formats import (
    _en_by_code, _en_formats_active, date_format, formats_time_format,
)
from djscratch.utils.dateformat import _date_output
from djscratch.template.codegen import _safe_filter
from djscratch.template.runtime import (
    _escape_output, _exact_datetime, _localize, _number_format, _template_localtime,
)
from djscratch.template.library import Library

__all__ = [
    "stringfilter",
]


# -- The built-in filters (django.template.defaultfilters).

default_filters = Library()


def stringfilter(func):
    """Decorate a filter so its first argument arrives as a str."""
    import functools

    @functools.wraps(func)
    def _dec(first, *args, **kwargs):
        first = str(first)
        result = func(first, *args, **kwargs)
        if isinstance(first, SafeData) and getattr(_dec, "is_safe", False):
            result = mark_safe(result)
        return result

    # The compiler calls `func` itself for an exact str (see apply_filters):
    # str() changes nothing then, and nothing is safe to mark.  The pair
    # names _dec too, so that a wrapper that copied _dec's __dict__ (wraps())
    # is not taken for it.
    _dec._string_function = (func, _dec)
    return _dec


_filter = default_filters.filter


@_filter("addslashes", is_safe=True)
@stringfilter
def _f_addslashes(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")


@_filter("capfirst", is_safe=True)
@stringfilter
def _f_capfirst(value):
    return capfirst(value)


@_filter("escapejs")
@stringfilter
def _f_escapejs(value):
    return escapejs(value)


@_filter("json_script", is_safe=True)
def _f_json_script(value, element_id=None):
    return json_script(value, element_id)


@_filter("floatformat", is_safe=True)
def _f_floatformat(text, arg=-1):
    """Round a number to `arg` decimal places (Django's rules, g and u suffixes)."""
    if type(text) is float and type(arg) is int and arg > 0 \
            and not settings.USE_THOUSAND_SEPARATOR and not (
                (_language_activity[0] or not _en_by_code.get(None))
                and not _en_formats_active()):
        number = _float_places(text, arg)  # {{ price|floatformat:2 }}
        if number is not None:
            return mark_safe(number)
    return _floatformat_decimal(text, arg)


def _float_places(value, places):
    """Return floatformat's text for the float `value` and `places` > 0
    (no grouping), or None when repr(value) has an exponent or is not a
    number.  The Decimal path rounds Decimal(repr(value)) half up: this
    does the same on the digits of repr(), with one int addition."""
    text = repr(value)
    if "e" in text or "n" in text:  # 1e+16, 5e-07, inf, nan
        return None
    negative = text[0] == "-"
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(fraction) <= places:
        n = int(whole + fraction.ljust(places, "0"))
    else:  # half up: the first dropped digit decides (away from zero)
        n = int(whole + fraction[:places]) + (fraction[places] >= "5")
    digits = str(n).rjust(places + 1, "0")
    number = digits[:-places] + "." + digits[-places:]
    return "-" + number if negative and n else number  # no "-0.00"


def _floatformat_decimal(text, arg):
    """floatformat the general way: through Decimal, as Django does."""
    import decimal

    force_grouping, use_l10n = False, None
    if isinstance(arg, str):  # "u": the settings' separators, not the locale's
        if arg[-2:] in ("gu", "ug"):
            force_grouping, use_l10n, arg = True, False, arg[:-2] or -1
        elif arg[-1:] == "g":
            force_grouping, arg = True, arg[:-1] or -1
        elif arg[-1:] == "u":
            use_l10n, arg = False, arg[:-1] or -1
    try:
        input_val = str(text)
        d = decimal.Decimal(input_val)
    except decimal.InvalidOperation:
        try:
            d = decimal.Decimal(str(float(text)))
        except (ValueError, decimal.InvalidOperation, TypeError):
            return ""
    try:
        p = int(arg)
    except ValueError:
        return input_val
    # int(d) and quantize() below build every digit: "1e300000" would cost
    # seconds and megabytes. Past 200 digits (numberformat's cut-off, as
    # Django's fix for CVE-2024-41989) the text is returned as it came.
    _sign, digits, exponent = d.as_tuple()
    if isinstance(exponent, int) and len(digits) + abs(exponent) > 200:
        return input_val
    try:
        m = int(d) - d
    except (ValueError, OverflowError, decimal.InvalidOperation):
        return input_val
    if not m and p <= 0:
        return mark_safe(_number_format("%d" % int(d), 0, force_grouping=force_grouping,
                                        use_l10n=use_l10n))
    exp = decimal.Decimal(1).scaleb(-abs(p))
    sign, digits, exponent = d.as_tuple()
    units = len(digits) + (-exponent if m else exponent)
    prec = max(decimal.getcontext().prec, abs(p) + units + 1)
    rounded = d.quantize(exp, decimal.ROUND_HALF_UP, decimal.Context(prec=prec))
    sign, digits, exponent = rounded.as_tuple()
    chars = [str(digit) for digit in reversed(digits)]
    while len(chars) <= abs(exponent):
        chars.append("0")
    chars.insert(-exponent, ".")
    if sign and rounded:
        chars.append("-")
    number = "".join(reversed(chars))
    return mark_safe(_number_format(number, abs(p), force_grouping=force_grouping,
                                    use_l10n=use_l10n))


@_filter("iriencode", is_safe=True)
@stringfilter
def _f_iriencode(value):
    return iri_to_uri(value)


@_filter("linenumbers", is_safe=True, needs_autoescape=True)
@stringfilter
def _f_linenumbers(value, autoescape=True):
    lines = value.split("\n")
    width = len(str(len(lines)))
    plain = not autoescape or isinstance(value, SafeData)
    return mark_safe("\n".join(
        "%0*d. %s" % (width, i, line if plain else escape(line))
        for i, line in enumerate(lines, 1)))


@_filter("lower", is_safe=True)
@stringfilter
def _f_lower(value):
    return value.lower()


@_filter("make_list", is_safe=False)
@stringfilter
def _f_make_list(value):
    return list(value)


@_filter("slugify", is_safe=True)
@stringfilter
def _f_slugify(value):
    return slugify(value)


@_filter("stringformat", is_safe=True)
def _f_stringformat(value, arg):
    if isinstance(value, tuple):
        value = str(value)
    try:
        return ("%" + str(arg)) % value
    except (ValueError, TypeError):
        return ""


@_filter("title", is_safe=True)
@stringfilter
def _f_title(value):
    t = _re(r"([a-z])'([A-Z])").sub(lambda m: m[0].lower(), value.title())
    return _re(r"\d([A-Z])").sub(lambda m: m[0].lower(), t)


@_filter("truncatechars", is_safe=True)
@stringfilter
def _f_truncatechars(value, arg):
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).chars(length)


@_filter("truncatechars_html", is_safe=True)
@stringfilter
def _f_truncatechars_html(value, arg):
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).chars(length, html=True)


@_filter("truncatewords", is_safe=True)
@stringfilter
def _f_truncatewords(value, arg):
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, truncate=" …")


@_filter("truncatewords_html", is_safe=True)
@stringfilter
def _f_truncatewords_html(value, arg):
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, html=True, truncate=" …")


@_filter("upper", is_safe=False)
@stringfilter
def _f_upper(value):
    return value.upper()


@_filter("urlencode", is_safe=False)
@stringfilter
def _f_urlencode(value, safe=None):
    return urllib.parse.quote(value, **({} if safe is None else {"safe": safe}))


@_filter("urlize", is_safe=True, needs_autoescape=True)
@stringfilter
def _f_urlize(value, autoescape=True):
    return mark_safe(urlize(value, nofollow=True, autoescape=autoescape))


@_filter("urlizetrunc", is_safe=True, needs_autoescape=True)
@stringfilter
def _f_urlizetrunc(value, limit, autoescape=True):
    return mark_safe(urlize(value, trim_url_limit=int(limit), nofollow=True,
                            autoescape=autoescape))


@_filter("wordcount", is_safe=False)
@stringfilter
def _f_wordcount(value):
    return len(value.split())


@_filter("wordwrap", is_safe=True)
@stringfilter
def _f_wordwrap(value, arg):
    return wrap(value, int(arg))


@_filter("ljust", is_safe=True)
@stringfilter
def _f_ljust(value, arg):
    return value.ljust(int(arg))


@_filter("rjust", is_safe=True)
@stringfilter
def _f_rjust(value, arg):
    return value.rjust(int(arg))


@_filter("center", is_safe=True)
@stringfilter
def _f_center(value, arg):
    return value.center(int(arg))


@_filter("cut")
@stringfilter
def _f_cut(value, arg):
    safe = isinstance(value, SafeData)
    value = value.replace(arg, "")
    if safe and arg != ";":
        return mark_safe(value)
    return value


@_filter("escape", is_safe=True)
@stringfilter
def _f_escape(value):
    return conditional_escape(value)


@_filter("escapeseq", is_safe=True)
def _f_escapeseq(value):
    return [conditional_escape(obj) for obj in value]


@_filter("force_escape", is_safe=True)
@stringfilter
def _f_force_escape(value):
    return escape(value)


@_filter("linebreaks", is_safe=True, needs_autoescape=True)
@stringfilter
def _f_linebreaks(value, autoescape=True):
    autoescape = autoescape and not isinstance(value, SafeData)
    return mark_safe(linebreaks(value, autoescape))


@_filter("linebreaksbr", is_safe=True, needs_autoescape=True)
@stringfilter
def _f_linebreaksbr(value, autoescape=True):
    autoescape = autoescape and not isinstance(value, SafeData)
    value = normalize_newlines(value)
    if autoescape:
        value = escape(value)
    return mark_safe(value.replace("\n", "<br>"))


@_filter("safe", is_safe=True)
@stringfilter
def _f_safe(value):
    return mark_safe(value)


@_filter("safeseq", is_safe=True)
def _f_safeseq(value):
    return [mark_safe(obj) for obj in value]


@_filter("striptags", is_safe=True)
@stringfilter
def _f_striptags(value):
    return strip_tags(value)


def _property_resolver(arg):
    try:
        float(arg)
    except ValueError:
        if "._" in arg or arg[:1] == "_":
            raise AttributeError("Access to private variables is forbidden.") from None
        parts = arg.split(".")

        def resolve(value):
            for part in parts:
                try:
                    value = value[part]
                except (AttributeError, IndexError, KeyError, TypeError, ValueError):
                    value = getattr(value, part)
            return value

        return resolve
    import operator

    return operator.itemgetter(arg)


@_filter("dictsort", is_safe=False)
def _f_dictsort(value, arg):
    try:
        return sorted(value, key=_property_resolver(arg))
    except (AttributeError, TypeError):
        return ""


@_filter("dictsortreversed", is_safe=False)
def _f_dictsortreversed(value, arg):
    try:
        return sorted(value, key=_property_resolver(arg), reverse=True)
    except (AttributeError, TypeError):
        return ""


@_filter("first", is_safe=False)
def _f_first(value):
    try:
        return value[0]
    except IndexError:
        return ""


@_filter("join", is_safe=True, needs_autoescape=True)
def _f_join(value, arg, autoescape=True):
    try:
        if autoescape:  # a str item escaped inline, as conditional_escape() would
            data = conditional_escape(arg).join([
                _escape_text(v) if type(v) is str else conditional_escape(v)
                for v in value])
        else:
            data = arg.join(value)
    except TypeError:
        return value
    return mark_safe(data)


@_filter("last", is_safe=True)
def _f_last(value):
    try:
        return value[-1]
    except IndexError:
        return ""


@_filter("length", is_safe=False)
def _f_length(value):
    try:
        return len(value)
    except (ValueError, TypeError):
        return 0


@_filter("random", is_safe=True)
def _f_random(value):
    import random as random_module

    try:
        return random_module.choice(value)
    except IndexError:
        return ""


@_filter("slice", is_safe=True)
def _f_slice(value, arg):
    try:
        bits = [int(x) if x else None for x in str(arg).split(":")]
        return value[slice(*bits)]
    except (ValueError, TypeError, KeyError):
        return value


@_filter("unordered_list", is_safe=True, needs_autoescape=True)
def _f_unordered_list(value, autoescape=True):
    import types

    escaper = conditional_escape if autoescape else (lambda x: x)

    def walk_items(item_list):
        items = iter(item_list)
        try:
            item = next(items)
            while True:
                try:
                    next_item = next(items)
                except StopIteration:
                    yield item, None
                    break
                if isinstance(next_item, (list, tuple, types.GeneratorType)):
                    try:
                        iter(next_item)
                    except TypeError:
                        pass
                    else:
                        yield item, next_item
                        item = next(items)
                        continue
                yield item, None
                item = next_item
        except StopIteration:
            pass

    def list_formatter(item_list, tabs=1):
        indent = "\t" * tabs
        output = []
        for item, children in walk_items(item_list):
            sublist = ""
            if children:
                sublist = "\n%s<ul>\n%s\n%s</ul>\n%s" % (
                    indent, list_formatter(children, tabs + 1), indent, indent)
            output.append("%s<li>%s%s</li>" % (indent, escaper(item), sublist))
        return "\n".join(output)

    return mark_safe(list_formatter(value))


@_filter("add", is_safe=False)
def _f_add(value, arg):
    try:
        return int(value) + int(arg)
    except (ValueError, TypeError):
        try:
            return value + arg
        except Exception:
            return ""


@_filter("get_digit", is_safe=False)
def _f_get_digit(value, arg):
    try:
        arg, value = int(arg), int(value)
    except ValueError:
        return value
    if arg < 1:
        return value
    try:
        return int(str(value)[-arg])
    except IndexError:
        return 0


@_filter("date", expects_localtime=True, is_safe=False)
def _f_date(value, arg=None):
    """Format a date with a format string or a named format (DATE_FORMAT)."""
    if value in (None, ""):
        return ""
    try:
        return date_format(value, arg)
    except AttributeError:
        return ""


@_filter("time", expects_localtime=True, is_safe=False)
def _f_time(value, arg=None):
    """Format a time with a format string or TIME_FORMAT."""
    if value in (None, ""):
        return ""
    try:
        return formats_time_format(value, arg)
    except (AttributeError, TypeError):
        return ""


@_filter("timesince", is_safe=False)
def _f_timesince(value, arg=None):
    if not value:
        return ""
    try:
        return timesince(value, arg) if arg else timesince(value)
    except (ValueError, TypeError):
        return ""


@_filter("timeuntil", is_safe=False)
def _f_timeuntil(value, arg=None):
    if not value:
        return ""
    try:
        return timeuntil(value, arg)
    except (ValueError, TypeError):
        return ""


@_filter("default", is_safe=False)
def _f_default(value, arg):
    return value or arg


@_filter("default_if_none", is_safe=False)
def _f_default_if_none(value, arg):
    return arg if value is None else value


@_filter("divisibleby", is_safe=False)
def _f_divisibleby(value, arg):
    return int(value) % int(arg) == 0


@_filter("yesno", is_safe=False)
def _f_yesno(value, arg=None):
    if arg is None:
        arg = "yes,no,maybe"
    bits = arg.split(",")
    if len(bits) < 2:
        return value
    try:
        yes, no, maybe = bits
    except ValueError:
        yes, no, maybe = bits[0], bits[1], bits[1]
    if value is None:
        return maybe
    return yes if value else no


@_filter("filesizeformat", is_safe=True)
def _f_filesizeformat(bytes_):
    """Format a byte count like 13 KB, 4.1 MB, 102 bytes."""
    try:
        bytes_ = int(bytes_)
    except (TypeError, ValueError, UnicodeDecodeError):
        return avoid_wrapping("0 bytes")

    def number(value):
        return _number_format(round(value, 1), 1)

    kb, mb, gb, tb, pb = (1 << 10), (1 << 20), (1 << 30), (1 << 40), (1 << 50)
    negative = bytes_ < 0
    if negative:
        bytes_ = -bytes_
    if bytes_ < kb:
        value = "%d byte%s" % (bytes_, "" if bytes_ == 1 else "s")
    elif bytes_ < mb:
        value = "%s KB" % number(bytes_ / kb)
    elif bytes_ < gb:
        value = "%s MB" % number(bytes_ / mb)
    elif bytes_ < tb:
        value = "%s GB" % number(bytes_ / gb)
    elif bytes_ < pb:
        value = "%s TB" % number(bytes_ / tb)
    else:
        value = "%s PB" % number(bytes_ / pb)
    if negative:
        value = "-%s" % value
    return avoid_wrapping(value)


@_filter("pluralize", is_safe=False)
def _f_pluralize(value, arg="s"):
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular, plural = bits[:2]
    try:
        return singular if float(value) == 1 else plural
    except ValueError:
        pass
    except TypeError:
        try:
            return singular if len(value) == 1 else plural
        except TypeError:
            pass
    return ""


@_filter("phone2numeric", is_safe=True)
@stringfilter
def _f_phone2numeric(value):
    return phone2numeric(value)


@_filter("pprint", is_safe=True)
def _f_pprint(value):
    import pprint as pprint_module

    try:
        return pprint_module.pformat(value)
    except Exception as err:
        return f"Error in formatting: {err.__class__.__name__}: {err}"


def localize(value, use_l10n=None):
    """Return a number, date or time formatted as templates print it."""
    return _localize(value, use_l10n)


def number_format(value, decimal_pos=None, use_l10n=None, force_grouping=False):
    """Format a number with the active language's separators (grouping with
    USE_THOUSAND_SEPARATOR or when forced); use_l10n=False: the settings'."""
    return _number_format(value, decimal_pos, force_grouping, use_l10n)


# Fast forms the compiler uses for the commonest filters (same results).
_f_default._inline = "({value} or {arg})"


def _fast_lower(value):
    if type(value) is str:
        return value.lower()
    return _safe_filter(_f_lower, value)


def _fast_upper(value):
    if type(value) is str:
        return value.upper()
    return _f_upper(value)


def _fast_linebreaksbr(value, autoescape=True):
    # A plain str (a comment body) skips stringfilter, _safe_filter and the
    # escape() and mark_safe() calls.
    if type(value) is str:
        if autoescape:
            return SafeString(_escape_linebreaksbr(value))
        return SafeString(normalize_newlines(value).replace("\n", "<br>"))
    return _safe_filter(_f_linebreaksbr, value, autoescape=autoescape)


def _escape_linebreaksbr(value):
    """{{ value|linebreaksbr }} with autoescaping, as the text to write (no
    SafeString to build, no _escape_output() to pass through)."""
    if type(value) is not str:
        return _escape_output(_fast_linebreaksbr(value, True))
    if "\r" in value:  # normalize_newlines() inline: once per comment
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if ("&" in value or "<" in value or ">" in value or '"' in value
            or "'" in value):  # _escape_text() written out
        if len(value) >= _UTF8_ESCAPE_FROM:
            value = _escape_utf8(value)
        else:
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(
                ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    return value.replace("\n", "<br>")


def _fast_linebreaks(value, autoescape=True):
    # A plain str (text from the database) skips stringfilter and _safe_filter.
    if type(value) is str:
        return SafeString(linebreaks(value, autoescape))
    return _safe_filter(_f_linebreaks, value, autoescape=autoescape)


def _fast_date(value, arg=None):
    # An exact datetime (a model's DateTimeField) goes to the current time
    # zone and the compiled format directly, without _template_localtime(),
    # _f_date() and date_format().
    if type(value) is _exact_datetime:
        return _date_output(arg or "DATE_FORMAT", False)(value)
    return _f_date(_template_localtime(value), arg)


def _escape_date(value, arg=None):
    """{{ value|date:arg }} with autoescaping: _escape_output(_fast_date(...))
    without the five replace() calls when the format's text cannot need them."""
    if type(value) is _exact_datetime:
        return _date_output(arg or "DATE_FORMAT", True)(value)
    return _escape_output(_fast_date(value, arg))


def _date_by_formats(value, arg=None):
    """{{ value|date:arg }} by the general path (get_format() of the active
    language): what utils.dateformat._date_output()'s functions do when the
    active formats are not the en locale's they compiled in."""
    return _f_date(_template_localtime(value), arg)


def _escaped_date_by_formats(value, arg=None):
    """_date_by_formats() with autoescaping."""
    return _escape_output(_f_date(_template_localtime(value), arg))


def _date_filter_for(arg, html):
    """Return |date with a literal argument as one function of the value
    (the compiler calls this; see _date_output)."""
    if arg is not None and not isinstance(arg, str):
        return None  # |date:1 : let the filter say what it does with that
    return _date_output(arg or "DATE_FORMAT", html)


_fast_lower._filter_name = "lower"
_fast_upper._filter_name = "upper"
_fast_linebreaksbr._filter_name = "linebreaksbr"
_fast_linebreaks._filter_name = "linebreaks"
_fast_date._filter_name = "date"
_f_lower._fast = _fast_lower
_f_upper._fast = _fast_upper
_f_linebreaksbr._fast = _fast_linebreaksbr
_f_linebreaks._fast = _fast_linebreaks
_f_date._fast = _fast_date
_f_date._escaped = _escape_date
_f_linebreaksbr._escaped = _escape_linebreaksbr
_escape_linebreaksbr._filter_name = "linebreaksbr_escaped"
_f_date._literal_fast = _date_filter_for
_escape_date._filter_name = "date_escaped"
