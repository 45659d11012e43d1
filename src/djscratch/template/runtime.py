"""Run-time helpers called by compiled templates: variable
resolution, escaping, {% if %} operators.  Short, because generated code
calls them for every variable.  No Django counterpart (Django interprets).
"""

import sys
import threading
import types

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.base, template.engine.
import djscratch

from djscratch.utils.safestring import SafeData, SafeString
from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone
from djscratch.utils.html import _escape_text, conditional_escape
from djscratch.utils.formats import date_format, formats_time_format, get_format
from djscratch.utils.dateformat import _date_output, dateformat


# -- Run-time helpers called by compiled templates.  They are short and
#    named so the generated code reads well.

class _Marker:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name

    def __bool__(self):
        return False


_NOT_FOUND = _Marker("NOT_FOUND")  # a name absent from the context
_RAISE = _Marker("RAISE")  # _var(): raise VariableDoesNotExist when missing
# Classes whose lookups go straight to getattr (then to an integer index):
# those without __getitem__, found at run time, and sequences whose
# __getitem__ refuses every str key, so that trying it first (and catching
# the TypeError) would change nothing but the time (Page is added below it).
_attr_only_types = {list, tuple}


def _var(current, bits, invalid, missing, name=""):
    """Resolve `current.bit.bit...` in Django's order: key, attribute, index.

    Callables are called (unless do_not_call_in_templates); alters_data
    callables are never called.  A failed lookup returns `missing` (or raises
    VariableDoesNotExist when `missing` is _RAISE).
    """
    try:
        if current is _NOT_FOUND:
            raise djscratch.template.base.VariableDoesNotExist(
                "Failed lookup for key [%s]", (name or (bits and bits[0]),))
        if callable(current):
            current = _call_variable(current, invalid)
        for bit in bits:
            cls = type(current)
            if cls in _attr_only_types:
                try:
                    current = getattr(current, bit)
                except AttributeError:
                    current = _lookup_index(current, bit)
            elif cls is dict:
                try:
                    current = current[bit]
                except KeyError:
                    current = _lookup_attribute(current, bit)
            else:
                current = _lookup_bit(current, bit)
            if callable(current):
                current = _call_variable(current, invalid)
        return current
    except djscratch.template.base.VariableDoesNotExist:
        if missing is _RAISE:
            raise
        return missing
    except Exception as err:
        if getattr(err, "silent_variable_failure", False):
            return invalid
        raise


def _lookup_bit(current, bit):
    cls = type(current)
    if not _type_defines(cls, "__getitem__"):
        if not isinstance(current, type) and not _type_defines(cls, "__call__"):
            _attr_only_types.add(cls)  # plain objects: attribute lookup only
    else:
        try:
            return current[bit]
        except (TypeError, AttributeError, KeyError, ValueError, IndexError):
            pass
    return _lookup_attribute(current, bit)


def _type_defines(cls, name):
    return any(name in vars(klass) for klass in cls.__mro__)


def _lookup_attribute(current, bit):
    try:
        return getattr(current, bit)
    except (TypeError, AttributeError):
        return _lookup_index(current, bit)


def _lookup_index(current, bit):
    if bit in dir(current):
        raise  # an attribute that exists but failed: let its error show
    try:
        return current[int(bit)]
    except (IndexError, ValueError, KeyError, TypeError):
        raise djscratch.template.base.VariableDoesNotExist(
            "Failed lookup for key [%s] in %r", (bit, current)) from None


def _call_variable(func, invalid):
    # A bound method or plain function keeps its flags in the function's
    # __dict__ (empty as a rule): reading that dict instead of two getattr()
    # calls that fail spares two AttributeErrors per variable such as
    # {{ page.has_next }}.
    cls = type(func)
    if cls is types.MethodType:
        flags = func.__func__.__dict__ if type(func.__func__) is types.FunctionType \
            else None
    else:
        flags = func.__dict__ if cls is types.FunctionType else None
    if flags is None:
        flags = {"do_not_call_in_templates": getattr(
                     func, "do_not_call_in_templates", False),
                 "alters_data": getattr(func, "alters_data", False)}
    if flags and flags.get("do_not_call_in_templates"):
        return func
    if flags and flags.get("alters_data"):
        return invalid
    try:
        return func()
    except TypeError:
        import inspect

        try:
            signature = inspect.signature(func)
        except ValueError:
            return invalid
        try:
            signature.bind()
        except TypeError:
            return invalid  # it needs arguments: not callable from a template
        raise


def _ctx_get(ctx, name):
    """Return the value of `name` in a Context (or _NOT_FOUND)."""
    dicts = ctx.dicts
    for i in range(len(dicts) - 1, -1, -1):
        d = dicts[i]
        if name in d:
            return d[name]
    return _NOT_FOUND


def _attr(obj, bit, invalid, missing, name=""):
    """Return obj.bit: _var() for one name, with a fast path for plain
    objects and dicts, the usual {{ object.attribute }}."""
    cls = type(obj)
    value = _NOT_FOUND
    try:
        if cls in _attr_only_types:
            value = getattr(obj, bit, _NOT_FOUND)
        elif cls is dict:
            value = obj.get(bit, _NOT_FOUND)
    except Exception:
        pass  # the full lookup below raises or silences it, as Django does
    if value is _NOT_FOUND:
        return _var(obj, (bit,), invalid, missing, name)
    if callable(value):  # found: call it (or not) as _var() would
        return _var(value, (), invalid, missing, name)
    return value


def _escape_attr(obj, bit, name=""):
    """Return obj.bit rendered and escaped: {{ a.b }} in one call."""
    cls = type(obj)
    value = _NOT_FOUND
    try:
        if cls in _attr_only_types:
            value = getattr(obj, bit, _NOT_FOUND)
        elif cls is dict:
            value = obj.get(bit, _NOT_FOUND)
    except Exception:
        pass  # the full lookup below raises or silences it, as Django does
    cls = type(value)
    if cls is str:
        return _escape_text(value)
    if cls is _exact_datetime:  # a DateTimeField's value
        return _datetime_html(value)
    if cls is int and not settings.USE_THOUSAND_SEPARATOR:  # ids, counts
        return str(value)
    if value is not _NOT_FOUND and not callable(value):
        return _escape_output(value)  # found once: never evaluate it twice
    return _escape_output(_var(obj, (bit,), "", "", name))


def _escape_value(value, name=""):
    """Return a variable rendered and escaped: {{ name }} in one call."""
    if type(value) is str:
        return _escape_text(value)
    return _escape_output(_var(value, (), "", "", name))


def _text_value(value, name=""):
    """Return a variable rendered, unescaped: {{ name }} with autoescape off."""
    if type(value) is str:
        return value
    return _text_output(_var(value, (), "", "", name))


def _text_attr(obj, bit, name=""):
    """Return obj.bit rendered, unescaped: {{ a.b }} with autoescape off."""
    return _text_output(_attr(obj, bit, "", "", name))


def _ctx_values(ctx, names):
    """Return the values of several names in a Context (_NOT_FOUND if absent)."""
    dicts = ctx.dicts[::-1]
    values = []
    for name in names:
        for d in dicts:
            if name in d:
                values.append(d[name])
                break
        else:
            values.append(_NOT_FOUND)
    return values


def _escape_output(value):
    """Render a value for HTML output with autoescaping on."""
    cls = type(value)
    if cls is str:
        return _escape_text(value)
    if cls is SafeString:
        return value
    if cls is _exact_datetime:
        return _datetime_html(value)
    if cls is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    if isinstance(value, SafeData):
        return value
    value = _localize(_template_localtime(value))
    if type(value) is str:  # a date or number just formatted: escape it inline
        # (3 calls fewer per datetime, with the shortcut in _template_localtime)
        return _escape_text(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _text_output(value):
    """Render a value as text, with autoescaping off."""
    if type(value) is str:
        return value
    return str(_localize(_template_localtime(value)))


#: datetime.datetime, set by the first _template_localtime() call: the fast
#: paths for datetimes compare types with it instead of importing the module
#: on every call (and djscratch does not import it before it is needed)
_exact_datetime = None
#: {{ a_datetime }} for HTML (DATETIME_FORMAT), set just before it
_datetime_html = None


def _template_localtime(value):
    global _exact_datetime, _datetime_html
    import datetime

    if _datetime_html is None:
        _datetime_html = _date_output("DATETIME_FORMAT", True)
    _exact_datetime = datetime.datetime
    if (isinstance(value, datetime.datetime) and settings.USE_TZ
            and value.utcoffset() is not None
            and getattr(value, "convert_to_local_time", True)):
        # localtime(value) without its naive check, done just above.
        return value.astimezone(get_current_timezone())
    return value


def _localize(value):
    """Format numbers and dates as Django's localize() does (en formats)."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, bool):
        return str(value)
    import datetime

    if type(value) is datetime.datetime:  # the usual case: a DateTimeField
        return dateformat(value, get_format("DATETIME_FORMAT"))
    # No Decimal can exist before the decimal module is imported: asking
    # sys.modules spares {{ form }} importing it on the first response.
    decimal = sys.modules.get("decimal")
    if isinstance(value, (float, int)) or (
            decimal is not None and isinstance(value, decimal.Decimal)):
        return _number_format(value)
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, datetime.time):
        return formats_time_format(value)
    return value


#: `off` is True inside {% localize off %} on this thread (LocalizeNode):
#: numbers are then not grouped in thousands, as with use_l10n=False.
_l10n_state = threading.local()


def _number_format(number, decimal_pos=None, force_grouping=False, use_l10n=None):
    """Format a number like django.utils.numberformat.format (en); use_l10n=False
    (the unlocalize filter) never groups thousands."""
    import decimal

    use_grouping = force_grouping or (settings.USE_THOUSAND_SEPARATOR and (
        use_l10n or use_l10n is None and not getattr(_l10n_state, "off", False)))
    if isinstance(number, int) and not isinstance(number, bool) and not use_grouping \
            and decimal_pos is None:
        return str(number)
    if isinstance(number, float) and "e" in str(number).lower():
        number = decimal.Decimal(str(number))
    if isinstance(number, decimal.Decimal):
        if decimal_pos is not None:
            cutoff = decimal.Decimal("0." + "1".rjust(decimal_pos, "0"))
            if abs(number) < cutoff:
                number = decimal.Decimal("0")
        _sign, digittuple, exponent = number.as_tuple()
        if exponent != "n" and abs(exponent) + len(digittuple) > 200:
            # "{:f}" would write every digit (CVE-2019-6975). The coefficient
            # goes on as text: as a Decimal it could hold 200+ digits again.
            mantissa, exp = "{:e}".format(number).split("e")
            return _number_format(mantissa, decimal_pos, force_grouping) + "e" + exp
        str_number = "{:f}".format(number)
    else:
        str_number = str(number)
    sign = ""
    if str_number[0] == "-":
        sign, str_number = "-", str_number[1:]
    if "." in str_number:
        int_part, dec_part = str_number.split(".")
        if decimal_pos is not None:
            dec_part = dec_part[:decimal_pos]
    else:
        int_part, dec_part = str_number, ""
    if decimal_pos is not None:
        dec_part += "0" * (decimal_pos - len(dec_part))
    dec_part = dec_part and "." + dec_part
    if use_grouping:
        int_part = "{:,}".format(int(int_part)) if int_part.isdigit() else int_part
    return sign + int_part + dec_part


def _for_values(values, is_reversed):
    """Return the sequence a {% for %} iterates over (Django's rules)."""
    if values is None or values is _NOT_FOUND:
        return []
    if not hasattr(values, "__len__"):
        values = list(values)
    return list(reversed(values)) if is_reversed else values


def _unpack(item, count):
    """Unpack a for-loop item into `count` names, as Django checks it.

    Any sized item unpacks (a tuple, a string, a dict's keys); one without a
    length counts as one value.
    """
    try:
        length = len(item)
    except TypeError:
        length = 1
    if length != count:
        raise ValueError(f"Need {count} values to unpack in for loop; got {length}. ")
    if type(item) is tuple or type(item) is list:
        return item
    values = list(item)[:count]  # Django zips: extra values are dropped
    return values + [_NOT_FOUND] * (count - len(values))


def _test(operator, *operands):
    """Evaluate one {% if %} operator; any error inside makes it False.

    The operands are functions (lambdas in the compiled code), so an error
    while computing them is caught here too, as Django's IfParser does.
    """
    try:
        return operator(*operands)
    except Exception:
        return False


def _if_true(condition):
    """Evaluate a whole {% if %} condition; a missing variable makes it None."""
    try:
        return condition()
    except djscratch.template.base.VariableDoesNotExist:
        return None


def _if_or(a, b):
    return a() or b()


def _if_and(a, b):
    return a() and b()


def _if_not(a):
    return not a()


def _if_in(a, b):
    return a() in b()


def _if_not_in(a, b):
    return a() not in b()


def _if_is(a, b):
    return a() is b()


def _if_is_not(a, b):
    return a() is not b()


def _if_eq(a, b):
    return a() == b()


def _if_ne(a, b):
    return a() != b()


def _if_lt(a, b):
    return a() < b()


def _if_gt(a, b):
    return a() > b()


def _if_le(a, b):
    return a() <= b()


def _if_ge(a, b):
    return a() >= b()


def _context_engine(context):
    template = getattr(context, "template", None)
    return template.engine if template is not None else djscratch.template.engine.Engine.get_default()  # noqa: E501
