"""Run-time helpers called by compiled templates: variable
resolution, escaping, {% if %} operators.  Short, because generated code
calls them for every variable.  No Django counterpart (Django interprets).
"""

import datetime
import keyword
import sys
import threading
import types

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.base, template.engine.
import djscratch

from djscratch.utils.module_loading import _compile_generated
from djscratch.utils.safestring import SafeData, SafeString
from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone
from djscratch.utils.html import (
    _escape_text, _escape_utf8, _UTF8_ESCAPE_FROM, conditional_escape,
)
from djscratch.utils.translation import _language_activity
from djscratch.utils.formats import (
    _en_by_code, _en_formats_active, date_format, formats_time_format, get_format,
)
from djscratch.utils.numberformat import format as numberformat_format
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


# -- How a lookup goes, decided from what the object is.  A compiled
#    {{ a.b }} gets its own lookup function (a "site", made by _attr_site()
#    and its siblings) that asks _lookup_kind() once for the class of the
#    object it is given and keeps the answer until an object of another class
#    comes: then {{ row.author }} is one getattr(), as Jinja2 and Mako write
#    it, without trying row["author"] first and catching the error.

_ATTR = _Marker("ATTR")  # getattr() alone gives what Django's order gives
_KEY = _Marker("KEY")  # a dict: obj.get(), then the full lookup when absent
_FULL = _Marker("FULL")  # anything else: _var(), Django's order step by step
#: __getitem__ methods that refuse every str key with TypeError, so Django's
#: subscript-first order ends in getattr() for them (a namedtuple, a str)
_STR_KEY_REFUSERS = (tuple.__getitem__, list.__getitem__, str.__getitem__)


def _lookup_kind(cls):
    """Return how a name is looked up on an instance of `cls`: _KEY for a
    dict, _ATTR when subscripting with a str can only fail (no __getitem__,
    the one of tuple, list or str, or one marked `_refuses_str_keys`, which
    raises TypeError for a str before doing anything) and instances are not
    callable (a callable is called before the lookup), else _FULL."""
    if cls is dict:
        return _KEY
    if _type_defines(cls, "__call__"):  # classes too (type defines __call__)
        return _FULL
    for klass in cls.__mro__:
        getitem = vars(klass).get("__getitem__")
        if getitem is not None:
            return _ATTR if getitem in _STR_KEY_REFUSERS or getattr(
                getitem, "_refuses_str_keys", False) else _FULL
    return _ATTR


# The two site makers are written once, as source with GET standing for how
# the attribute is read, and compiled per attribute name: `obj.author` for a
# plain name (the interpreter specialises the attribute read at that place,
# about 40 ns less than getattr(obj, "author"), on every {{ a.b }} of every
# row), `getattr(obj, bit)` for any other (_site_makers()).
_SITE_MAKERS_SOURCE = """
def attr_site(bit, invalid, missing, name):
    # The last classes seen whose kind is _ATTR and _FULL (_lookup_kind()):
    # each one reference, so that threads sharing the template never see a
    # class under the other name (the other kind).
    attr_class = full_class = None

    def lookup(obj):
        nonlocal attr_class, full_class
        if type(obj) is attr_class:
            try:
                value = GET
            except Exception:  # _var() raises or silences it, as Django does
                return _var(obj, (bit,), invalid, missing, name)
        elif type(obj) is dict:  # _KEY
            value = obj.get(bit, _NOT_FOUND)
            if value is _NOT_FOUND:
                return _var(obj, (bit,), invalid, missing, name)
        else:  # _var() says; a new class's kind is kept for the next object
            cls = type(obj)
            if cls is not full_class:
                if _lookup_kind(cls) is _ATTR:
                    attr_class = cls
                else:
                    full_class = cls
            return _var(obj, (bit,), invalid, missing, name)
        if callable(value):  # found: call it (or not) as _var() would
            return _call_found(value, invalid, missing, name)
        return value

    return lookup


def escape_site(bit, name):
    attr_class = full_class = None

    def output(obj):
        nonlocal attr_class, full_class
        if type(obj) is attr_class:
            try:
                value = GET
            except Exception:
                return _escape_output(_var(obj, (bit,), "", "", name))
        elif type(obj) is dict:
            value = obj.get(bit, _NOT_FOUND)
            if value is _NOT_FOUND:
                return _escape_output(_var(obj, (bit,), "", "", name))
        else:
            cls = type(obj)
            if cls is not full_class:
                if _lookup_kind(cls) is _ATTR:
                    attr_class = cls
                else:
                    full_class = cls
            return _escape_output(_var(obj, (bit,), "", "", name))
        cls = type(value)
        if cls is str:
            if ("&" in value or "<" in value or ">" in value or '"' in value
                    or "'" in value):  # _escape_text() written out
                if len(value) >= _UTF8_ESCAPE_FROM:
                    return _escape_utf8(value)
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(
                    ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
            return value
        if cls is _exact_datetime:  # a DateTimeField's value
            return _datetime_html(value)
        if cls is int and not settings.USE_THOUSAND_SEPARATOR:  # ids, counts
            return str(value)
        if callable(value):
            value = _call_found(value, "", "", name)
        return _escape_output(value)

    return output
"""
#: attribute name (or None: any other) -> (attr_site, escape_site) makers
_site_makers_by_name = {}
#: What a plain name's makers read before _site_makers() writes the name in:
#: `obj.<_SITE_NAME>` (no template's name, nor any other of the source's).
_SITE_NAME = "_djscratch_site_attribute_"
#: The makers' source compiled once with _SITE_NAME as the attribute (a
#: list: filled on first use).
_SITE_MAKERS_CODE = []


def _site_makers(bit, shared=False):
    """Return the (attr_site, escape_site) makers for attribute `bit`.

    A plain ASCII identifier that is no keyword gets makers reading
    `obj.<bit>`, made once per name (a name is written into the code only
    then: never a keyword, never a non-ASCII name, which Python would fold
    with NFKC into another); any other bit, and any with `shared` (a lookup
    outside loops: one code for every name touches less memory than a code
    per name, where the 40 ns of getattr() count once), shares the makers
    reading getattr(obj, bit).  Both read the same attribute.
    """
    plain = not shared and bit.isascii() and bit.isidentifier() and \
        not keyword.iskeyword(bit)
    key = bit if plain else None
    makers = _site_makers_by_name.get(key)
    if makers is None:
        made = {}
        # This module's namespace (this function's own): the sites read
        # _exact_datetime and the other run-time names when they run, as
        # the functions written here do.
        exec(_site_makers_code(bit) if plain else _compiled_site_makers(None),
             _site_makers.__globals__, made)
        makers = made["attr_site"], made["escape_site"]
        if len(_site_makers_by_name) >= 512:  # names can come from templates
            _site_makers_by_name.clear()
        _site_makers_by_name[key] = makers
    return makers


def _compiled_site_makers(bit):
    """The makers' code for attribute `bit`, compiled from their source:
    `obj.<bit>` for a plain name, getattr(obj, bit) for None (any other)."""
    source = _SITE_MAKERS_SOURCE.replace(
        "GET", f"obj.{bit}" if bit is not None else "getattr(obj, bit)")
    return _compile_generated(
        source, f"<lookup site .{bit if bit is not None else '*'}>")


def _site_makers_code(bit):
    """_compiled_site_makers(bit) for a plain name, made without compiling:
    the code compiled once for _SITE_NAME, with `bit` in its place among
    the attribute names (an attribute read names its attribute by an index
    into co_names, so the bytecode is the same) and in the file name.
    Compiling 2.8 KB of source took some 0.4 ms a name, 5 ms of a first
    page with a dozen {{ a.b }}."""
    if not _SITE_MAKERS_CODE:
        code = _compiled_site_makers(_SITE_NAME)
        _SITE_MAKERS_CODE.append((code, _rename_plan(code, _SITE_NAME)))
    return _renamed_code(_SITE_MAKERS_CODE[0][1], bit, f"<lookup site .{bit}>")


def _rename_plan(code, old):
    """Where the name `old` is in `code` and its code objects: (code, the
    indexes of `old` in its co_names, [(index in co_consts, plan)])."""
    return (code, [i for i, name in enumerate(code.co_names) if name == old],
            [(i, _rename_plan(const, old)) for i, const in enumerate(code.co_consts)
             if type(const) is types.CodeType])


def _renamed_code(plan, new, filename):
    """The code of a _rename_plan() with its name read as `new` (an
    attribute, global or import name: co_names), and `filename`."""
    code, indexes, inner = plan
    names, consts = code.co_names, code.co_consts
    if indexes:
        names = list(names)
        for i in indexes:
            names[i] = new
        names = tuple(names)
    if inner:
        consts = list(consts)
        for i, const_plan in inner:
            consts[i] = _renamed_code(const_plan, new, filename)
        consts = tuple(consts)
    return code.replace(co_consts=consts, co_names=names, co_filename=filename)


def _attr_site(bit, invalid, missing, name="", shared=False):
    """Return the lookup function of one {{ a.bit }} in a template: obj ->
    what _var(obj, (bit,), invalid, missing, name) returns (`shared`: see
    _site_makers())."""
    return _site_makers(bit, shared)[0](bit, invalid, missing, name)


def _escape_attr_site(bit, name="", shared=False):
    """Return the output function of one {{ a.bit }} with autoescaping on:
    obj -> _escape_output(_var(obj, (bit,), "", "", name)).  The lookup is
    _attr_site()'s, written out: this runs for most variables."""
    return _site_makers(bit, shared)[1](bit, name)


def _text_attr_site(bit, name="", shared=False):
    """Return the output function of one {{ a.bit }} with autoescaping off."""
    lookup = _attr_site(bit, "", "", name, shared)

    def output(obj):
        return _text_output(lookup(obj))

    return output


def _subscript_first(cls):
    """Whether Django's order tries obj[bit] for a str `bit` before the
    attribute on an instance of `cls` (_lookup_bit()): False when the class
    has no __getitem__ or one that refuses every str key with TypeError
    (_lookup_kind()'s refusers), where only the attribute can be found."""
    for klass in cls.__mro__:
        getitem = vars(klass).get("__getitem__")
        if getitem is not None:
            return not (getitem in _STR_KEY_REFUSERS
                        or getattr(getitem, "_refuses_str_keys", False))
    return False


def _chain_site(bits, invalid, missing, name="", shared=False):
    """Return the lookup function of one {{ a.b.c }} (two bits or more) in a
    template: obj -> what _var(obj, bits, invalid, missing, name) returns.

    Each step keeps the last class it saw and whether that class takes a
    subscript first (_subscript_first()), so {{ form.body.field.max_length }}
    asks no MRO once its classes are known; the step itself, the call of a
    callable found and the errors are _var()'s.  A missing or callable
    object (called before the lookups) goes to _var() whole."""
    # One [bit, class seen, subscript first] per step (replaced in one
    # assignment, so that threads sharing the template read a pair as it was
    # written).
    steps = [[bit, None, False] for bit in bits]

    def lookup(obj):
        if obj is _NOT_FOUND or callable(obj):
            return _var(obj, bits, invalid, missing, name)
        try:
            for step in steps:
                bit, seen, subscript_first = step
                cls = type(obj)
                if cls is not seen:
                    subscript_first = _subscript_first(cls)
                    step[1:] = cls, subscript_first
                if subscript_first:
                    try:
                        obj = obj[bit]
                    except (TypeError, AttributeError, KeyError, ValueError,
                            IndexError) as err:
                        if cls is dict and not isinstance(err, KeyError):
                            raise  # _var() asks a dict for KeyError alone
                        obj = _lookup_attribute(obj, bit)
                else:  # _lookup_attribute() written out
                    try:
                        obj = getattr(obj, bit)
                    except (TypeError, AttributeError):
                        obj = _lookup_index(obj, bit)
                if callable(obj):
                    obj = _call_variable(obj, invalid)
            return obj
        except Exception as err:
            return _failed_lookup(err, invalid, missing)

    return lookup


def _var(current, bits, invalid, missing, name=""):
    """Resolve `current.bit.bit...` in Django's order: key, attribute, index.

    Callables are called (unless do_not_call_in_templates); alters_data
    callables are never called.  A failed lookup returns `missing` (or raises
    VariableDoesNotExist when `missing` is _RAISE).
    """
    if current is _NOT_FOUND and missing is not _RAISE:
        return missing  # what the raise below ends in, without raising
    try:
        if current is _NOT_FOUND:
            raise djscratch.template.base.VariableDoesNotExist(
                "Failed lookup for key [%s]", (name or (bits and bits[0]),))
        if callable(current):
            current = _call_variable(current, invalid)
        for bit in bits:
            cls = type(current)
            if cls is list or cls is tuple or cls is str or cls is SafeString:
                # Their __getitem__ refuses a str key with TypeError
                # (_STR_KEY_REFUSERS): the attribute is the first that can be.
                try:
                    current = getattr(current, bit)
                except AttributeError:
                    if missing is not _RAISE and _is_identifier(bit) and \
                            not _dir_lists(current, bit):
                        # What _lookup_index() raises ends in `missing`
                        # (_failed_lookup()): {{ text.nope }} without raising.
                        return missing
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
    except Exception as err:
        return _failed_lookup(err, invalid, missing)


def _call_found(value, invalid, missing, name=""):
    """_var(value, (), invalid, missing, name) for a callable `value` that
    a lookup found (a lookup site's {{ page.has_next }}): _call_variable()
    with what _var() makes of the errors it raises, without _var()'s steps
    for a missing value and for bits."""
    try:
        return _call_variable(value, invalid)
    except Exception as err:
        return _failed_lookup(err, invalid, missing)


def _failed_lookup(err, invalid, missing):
    """What a variable whose lookup or call raised `err` renders as: `missing`
    for VariableDoesNotExist (raised again when `missing` is _RAISE),
    `invalid` for an exception marked silent_variable_failure; any other
    exception propagates."""
    if isinstance(err, djscratch.template.base.VariableDoesNotExist):
        if missing is _RAISE:
            raise err
        return missing
    if getattr(err, "silent_variable_failure", False):
        return invalid
    raise err


def _lookup_bit(current, bit):
    cls = type(current)
    # A __getitem__ marked _refuses_str_keys (BoundField's, Page's) raises
    # TypeError for a str before doing anything: the attribute comes next,
    # without the raise.
    if _type_defines(cls, "__getitem__") and (
            type(bit) is not str
            or not getattr(cls.__getitem__, "_refuses_str_keys", False)):
        try:
            return current[bit]
        except (TypeError, AttributeError, KeyError, ValueError, IndexError):
            pass
    return _lookup_attribute(current, bit)


def _type_defines(cls, name):
    """Whether `cls` or a class of its MRO defines `name` (in its __dict__)."""
    # A loop, not any() over a generator: this runs for lookups on objects
    # with a __getitem__ of their own, and a generator costs more than the
    # two or three dicts it would ask.
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return True
    return False


def _lookup_attribute(current, bit):
    try:
        return getattr(current, bit)
    except (TypeError, AttributeError):
        return _lookup_index(current, bit)


def _lookup_index(current, bit):
    if _dir_lists(current, bit):
        raise  # an attribute that exists but failed: let its error show
    # int() refuses an identifier (it starts with a letter or "_", never
    # with a digit, a sign or a space): {{ obj.missing }} is spared the
    # ValueError, and its message, that int("missing") would raise.
    if not _is_identifier(bit):
        try:
            return current[int(bit)]
        except (IndexError, ValueError, KeyError, TypeError):
            pass
    raise djscratch.template.base.VariableDoesNotExist(
        "Failed lookup for key [%s] in %r", (bit, current)) from None


_is_identifier = str.isidentifier


def _dir_lists(obj, name):
    """Return `name in dir(obj)`, Django's test for an attribute that exists
    but raised, without building dir()'s sorted list of every name.

    When dir() is object.__dir__ over ordinary attribute access, its names
    are those of the instance's __dict__ and of the classes of type(obj)'s
    MRO: a failed {{ text.nope }} on a str asks two dicts, not a list of 80
    names.  Anything else (a __dir__ of its own, a proxy's __class__) asks
    dir().
    """
    cls = type(obj)
    if (cls.__dir__ is not _object_dir
            or cls.__getattribute__ not in _GENERIC_GETATTRIBUTES
            or obj.__class__ is not cls):
        return name in dir(obj)
    if _type_defines(cls, name):
        return True
    names = getattr(obj, "__dict__", None)
    return isinstance(names, dict) and name in names


_object_dir = object.__dir__
#: The __getattribute__ of object and of the built-in types that keep its
#: generic lookup (str's is its own wrapper of the same C function).
_GENERIC_GETATTRIBUTES = frozenset(
    cls.__getattribute__ for cls in (object, str, int, float, list, tuple, dict))


_MethodType, _FunctionType = types.MethodType, types.FunctionType


def _call_variable(func, invalid):
    # A bound method or plain function keeps its flags in the function's
    # __dict__ (empty as a rule): reading that dict instead of two getattr()
    # calls that fail spares two AttributeErrors per variable such as
    # {{ page.has_next }}.
    cls = type(func)
    if cls is _MethodType and type(func.__func__) is _FunctionType:
        flags = func.__func__.__dict__
    elif cls is _FunctionType:
        flags = func.__dict__
    else:
        flags = {"do_not_call_in_templates": getattr(
                     func, "do_not_call_in_templates", False),
                 "alters_data": getattr(func, "alters_data", False)}
    if flags:
        if flags.get("do_not_call_in_templates"):
            return func
        if flags.get("alters_data"):
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






def _escape_value(value, name=""):
    """Return a variable rendered and escaped: {{ name }} in one call."""
    if type(value) is str:
        if ("&" in value or "<" in value or ">" in value or '"' in value
                or "'" in value):  # _escape_text() written out
            if len(value) >= _UTF8_ESCAPE_FROM:
                return _escape_utf8(value)
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(
                ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
        return value
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what _var() and _escape_output() make of it: {{ count }}
    if value is _NOT_FOUND or callable(value):
        value = _var(value, (), "", "", name)
    return _escape_output(value)  # (_var() gives any other value back as it is)


def _text_value(value, name=""):
    """Return a variable rendered, unescaped: {{ name }} with autoescape off."""
    if type(value) is str:
        return value
    if value is _NOT_FOUND or callable(value):
        value = _var(value, (), "", "", name)
    return _text_output(value)  # (_var() gives any other value back as it is)




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
    if cls is str:  # this runs for most values
        if ("&" in value or "<" in value or ">" in value or '"' in value
                or "'" in value):  # _escape_text() written out
            if len(value) >= _UTF8_ESCAPE_FROM:
                return _escape_utf8(value)
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(
                ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
        return value
    if cls is SafeString:
        return value
    if cls is _exact_datetime:
        return _datetime_html(value)
    if cls is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    if isinstance(value, SafeData):
        return value
    if not _is_localized(value):  # a bound field, an error list, a model...
        return conditional_escape(value if isinstance(value, str) else str(value))
    value = _localize(_template_localtime(value))
    if type(value) is str:  # a date or number just formatted: escape it inline
        # (3 calls fewer per datetime, with the shortcut in _template_localtime)
        return _escape_text(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _is_localized(value):
    """Return True if _template_localtime() or _localize() may change `value`:
    a number (bool and Decimal too), a date, a time or a datetime."""
    if isinstance(value, (int, float, datetime.date, datetime.time)):
        return True
    decimal = sys.modules.get("decimal")  # no Decimal exists before it loads
    return decimal is not None and isinstance(value, decimal.Decimal)


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
        _datetime_html = _date_output("DATETIME_FORMAT", True, value_output=True)
    _exact_datetime = datetime.datetime
    if (isinstance(value, datetime.datetime) and settings.USE_TZ
            and value.utcoffset() is not None
            and getattr(value, "convert_to_local_time", True)):
        # localtime(value) without its naive check, done just above.
        return value.astimezone(get_current_timezone())
    return value


def _localize(value, use_l10n=None):
    """Format numbers and dates as Django's localize() does, with the active
    language's formats.  use_l10n=False (also inside {% localize off %},
    when use_l10n is None): a number is str(value), a date takes the
    settings' format."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, bool):
        return str(value)
    import datetime

    if use_l10n is None and _l10n_off_seen[0] and getattr(_l10n_state, "off", False):
        use_l10n = False
    if type(value) is datetime.datetime and use_l10n is not False:
        # The usual case: a DateTimeField.
        return dateformat(value, get_format("DATETIME_FORMAT"))
    # No Decimal can exist before the decimal module is imported: asking
    # sys.modules spares {{ form }} importing it on the first response.
    decimal = sys.modules.get("decimal")
    if isinstance(value, (float, int)) or (
            decimal is not None and isinstance(value, decimal.Decimal)):
        return str(value) if use_l10n is False else _number_format(value)
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT", use_l10n)
    if isinstance(value, datetime.date):
        return date_format(value, use_l10n=use_l10n)
    if isinstance(value, datetime.time):
        return formats_time_format(value, use_l10n=use_l10n)
    return value


#: `off` is True inside {% localize off %} on this thread (LocalizeNode):
#: _localize() then writes values as with use_l10n=False.
_l10n_state = threading.local()
#: [True] once a {% localize off %} has rendered: until then _localize()
#: need not read _l10n_state
_l10n_off_seen = [False]


def _number_format(number, decimal_pos=None, force_grouping=False, use_l10n=None):
    """Format a number as django.utils.formats.number_format() does.

    This is the fast path for the en formats (and, with use_l10n=False, for
    the settings' default separators); any other formats take
    _number_format_by_formats(), the general path."""
    import decimal

    off = use_l10n is False
    if (_plain_settings_separators(force_grouping) is False if off else (
            _language_activity[0] or not _en_by_code.get(None))
            and not _en_formats_active()):
        return _number_format_by_formats(number, decimal_pos, force_grouping,
                                         not off)
    use_grouping = force_grouping or (settings.USE_THOUSAND_SEPARATOR and not off)
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


def _value_by_formats(value, name=None):
    """{{ value }} of a datetime with autoescaping, by the general path
    (_localize()): what the compiled DATETIME_FORMAT output does when the
    active formats are not en's, or inside {% localize off %}."""
    return _escape_output(_localize(_template_localtime(value)))


def _plain_settings_separators(force_grouping):
    """Whether the settings' formats (what use_l10n=False reads) write a
    number as _number_format()'s fast path does: "." and no grouping."""
    return (not force_grouping and settings.DECIMAL_SEPARATOR == "."
            and settings.NUMBER_GROUPING == 0)


def _number_format_by_formats(number, decimal_pos=None, force_grouping=False,
                              use_l10n=True):
    """django.utils.formats.number_format(): the separators and grouping of
    the active language's formats (use_l10n=False: the settings')."""
    return numberformat_format(
        number, get_format("DECIMAL_SEPARATOR", use_l10n=use_l10n), decimal_pos,
        get_format("NUMBER_GROUPING", use_l10n=use_l10n),
        get_format("THOUSAND_SEPARATOR", use_l10n=use_l10n),
        force_grouping=force_grouping, use_l10n=use_l10n)


def _for_values(values, is_reversed):
    """Return the sequence a {% for %} iterates over (Django's rules)."""
    if values is None or values is _NOT_FOUND:
        return []
    if not hasattr(values, "__len__"):
        values = list(values)
    elif not len(values):
        # Django asks the length and, at 0, never iterates (a message
        # storage iterated is marked used, and its cookie deleted)
        return []
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

    `operator` is the operator and its operands as one lambda (or one of
    the _if_ functions over lambdas of the operands), so an error while
    computing them is caught here too, as Django's IfParser does.
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
