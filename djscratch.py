"""djscratch: Django's core in one file, standard library only.

djscratch is a WSGI web framework that speaks Django's API: models over sqlite3,
URL routing, templates, forms, middleware, sessions, CSRF and a test client.
Import it first and Django code runs unchanged, because ``import djscratch``
makes ``django.*`` resolve to this file:

    import djscratch
    app = djscratch.App(__name__, DEBUG=True)

    from django.http import HttpResponse
    from django.urls import path

    def hello(request, name):
        return HttpResponse(f"Hello, {name}!")

    urlpatterns = [path("hello/<str:name>/", hello)]

    if __name__ == "__main__":
        app.main()          # python hello.py runserver | test | migrate | ...

Copy this file into a project; it needs nothing but Python 3.10+.
Licence: BSD-3-Clause (see LICENSE).
"""

__version__ = "0.1.0"

# Every section extends __all__ with the public names it defines, so the list
# below is only the start; `from djscratch import *` sees the whole API.
__all__ = ["App", "settings", "setup", "VERSION", "get_version"]

import os
import sys
import threading

if __name__ == "__main__":
    # `python -m djscratch ...`: load this file once more under its real name and
    # run the command line there, so `djscratch` and `django.*` name one set of
    # classes (the __main__ copy stops here, having defined nothing).
    import djscratch

    sys.exit(djscratch.main())

# Heavy standard-library modules (re, json, datetime, decimal, sqlite3, email,
# hashlib, ...) are imported inside the functions that need them, or through
# _lazy_import below, so `import djscratch` stays close to `python -c pass`.

VERSION = (5, 2, 0, "final", 0)  #: the Django version whose behaviour we follow


def get_version():
    """Return the Django version djscratch is compatible with, as a string."""
    return "%d.%d.%d" % VERSION[:3]


###############################################################################
# Utilities and text #########################################################
###############################################################################

# Small building blocks used everywhere below: lazy objects, escaping and safe
# strings (the heart of autoescaping), MultiValueDict (the base of QueryDict),
# signals, time zones.  They mirror django.utils.* under the same names.

__all__ += [
    "cached_property", "SafeString", "SafeData", "mark_safe", "escape",
    "conditional_escape", "format_html", "format_html_join", "MultiValueDict",
    "MultiValueDictKeyError", "Signal", "receiver", "lazy", "Promise",
    "gettext", "gettext_lazy", "force_str", "smart_str", "force_bytes",
]


class cached_property:
    """Compute a method's value once per instance and store it as an attribute.

    Like functools.cached_property, without the lock: a race computes twice,
    which is harmless for the pure computations it is used for.
    """

    def __init__(self, func, name=None):
        self.func = func
        self.name = name or func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class classproperty:
    """A read-only property computed on the class (Django's classproperty)."""

    def __init__(self, method):
        self.fget = method

    def __get__(self, instance, cls=None):
        return self.fget(cls)


def _lazy_import(name):
    """Return module `name`, importing it on first use (a cheap dict lookup)."""
    module = sys.modules.get(name)
    if module is None:
        import importlib

        module = importlib.import_module(name)
    return module


def import_string(dotted_path):
    """Import a dotted module path and return the attribute it names."""
    try:
        module_path, class_name = dotted_path.rsplit(".", 1)
    except ValueError as err:
        raise ImportError(f"{dotted_path} doesn't look like a module path") from err
    import importlib

    module = importlib.import_module(module_path)
    try:
        return getattr(module, class_name)
    except AttributeError as err:
        raise ImportError(
            f'Module "{module_path}" does not define a "{class_name}" attribute/class'
        ) from err


# -- Lazy values: reverse_lazy() and gettext_lazy() return a Promise that
#    becomes a real value when used.


class Promise:
    """Base class of lazy proxies; `isinstance(x, Promise)` spots them."""


def lazy(func, *resultclasses):
    """Turn `func` into a function returning a lazy proxy of its result.

    The proxy evaluates `func` each time it is turned into a string or used
    as one of `resultclasses`; djscratch only needs the str flavour.
    """

    class __proxy__(Promise):
        __slots__ = ("_args", "_kw")

        def __init__(self, args, kw):
            self._args, self._kw = args, kw

        def _value(self):
            return func(*self._args, **self._kw)

        def __str__(self):
            return str(self._value())

        def __repr__(self):
            return repr(self._value())

        def __eq__(self, other):
            if isinstance(other, Promise):
                other = other._value()
            return self._value() == other

        def __lt__(self, other):
            if isinstance(other, Promise):
                other = other._value()
            return self._value() < other

        def __hash__(self):
            return hash(self._value())

        def __mod__(self, other):
            return self._value() % other

        def __add__(self, other):
            return self._value() + other

        def __radd__(self, other):
            return other + self._value()

        def __getattr__(self, name):
            # str methods (upper, format, ...) act on the evaluated value.
            return getattr(self._value(), name)

        def __html__(self):
            value = self._value()
            return value.__html__() if hasattr(value, "__html__") else escape(value)

    def wrapper(*args, **kw):
        return __proxy__(args, kw)

    return wrapper


def gettext(message):
    """Return `message` unchanged: djscratch ships English only (USE_I18N is
    honoured as a setting but no catalogues are loaded)."""
    return message


def ngettext(singular, plural, number):
    return singular if number == 1 else plural


def pgettext(context, message):
    return message


gettext_lazy = lazy(gettext, str)
ngettext_lazy = lazy(ngettext, str)
pgettext_lazy = lazy(pgettext, str)


def force_str(s, encoding="utf-8", strings_only=False, errors="strict"):
    """Return `s` as str, decoding bytes; with strings_only, leave None,
    numbers, dates and the like alone (Django's rule)."""
    if type(s) is str:
        return s
    if strings_only and _is_protected_type(s):
        return s
    if isinstance(s, bytes):
        return str(s, encoding, errors)
    return str(s)


smart_str = force_str


def force_bytes(s, encoding="utf-8", strings_only=False, errors="strict"):
    """Return `s` as bytes, encoding str with `encoding`."""
    if isinstance(s, bytes):
        return s if encoding == "utf-8" else s.decode("utf-8", errors).encode(encoding)
    if isinstance(s, memoryview):
        return bytes(s)
    if strings_only and _is_protected_type(s):
        return s
    return str(s).encode(encoding, errors)


def _is_protected_type(obj):
    import datetime
    import decimal

    return isinstance(
        obj,
        (type(None), int, float, decimal.Decimal, datetime.datetime, datetime.date,
         datetime.time),
    )


# -- Safe strings and escaping.  A SafeString is a str that templates and
#    format_html() trust not to need escaping.  Everything else is escaped.


class SafeData:
    """Mixin marking a value as already safe for HTML."""

    __slots__ = ()

    def __html__(self):
        return self


class SafeString(str, SafeData):
    """A str subclass that needs no further HTML escaping."""

    __slots__ = ()

    def __add__(self, rhs):
        # safe + safe stays safe; safe + anything else is plain str.
        result = str.__add__(self, rhs)
        return SafeString(result) if isinstance(rhs, SafeData) else result

    def __str__(self):
        return self


SafeText = SafeString  # Django's old name


def mark_safe(s):
    """Mark `s` as safe for HTML output; decorate a function to mark its result."""
    if hasattr(s, "__html__"):
        return s
    if callable(s):
        import functools

        @functools.wraps(s)
        def wrapper(*args, **kwargs):
            return mark_safe(s(*args, **kwargs))

        return wrapper
    return SafeString(s)


# str.translate with this table is the fastest pure-Python escape there is.
_html_escapes = {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
    ord('"'): "&quot;", ord("'"): "&#x27;",
}


def escape(text):
    """Return `text` with &, <, >, " and ' encoded for HTML, marked safe.

    Like Django, this always escapes, even a SafeString; use
    conditional_escape() to leave safe values alone.
    """
    return SafeString(str(text).translate(_html_escapes))


def conditional_escape(text):
    """Escape `text` unless it is already safe (has __html__)."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape(text)


def format_html(format_string, *args, **kwargs):
    """Like str.format(), but escape every argument first; the result is safe."""
    if not (args or kwargs):
        raise TypeError("args or kwargs must be provided.")
    args = map(conditional_escape, args)
    kwargs = {k: conditional_escape(v) for k, v in kwargs.items()}
    return mark_safe(format_string.format(*args, **kwargs))


def format_html_join(sep, format_string, args_generator):
    """Join format_html(format_string, *args) for each args tuple with `sep`."""
    return mark_safe(
        conditional_escape(sep).join(
            format_html(format_string, **args)
            if isinstance(args, dict)
            else format_html(format_string, *args)
            for args in args_generator
        )
    )


# -- MultiValueDict: a dict of lists that looks like a dict of last values.


class MultiValueDictKeyError(KeyError):
    """A key missing from a MultiValueDict (and so from request.GET/POST)."""


class MultiValueDict(dict):
    """A dict that keeps every value given for a key, as HTML forms send them.

    `d[key]` and `d.get(key)` return the last value; `getlist`, `setlist`,
    `appendlist` and `lists` work with all of them.
    """

    def __init__(self, key_to_list_mapping=()):
        super().__init__(key_to_list_mapping)

    def __repr__(self):
        return f"<{type(self).__name__}: {super().__repr__()}>"

    def __getitem__(self, key):
        try:
            list_ = super().__getitem__(key)
        except KeyError:
            raise MultiValueDictKeyError(key) from None
        try:
            return list_[-1]
        except IndexError:
            return []

    def __setitem__(self, key, value):
        super().__setitem__(key, [value])

    def __copy__(self):
        return self.__class__([(k, v[:]) for k, v in self.lists()])

    def __deepcopy__(self, memo):
        import copy

        result = self.__class__()
        memo[id(self)] = result
        for key, value in dict.items(self):
            dict.__setitem__(result, copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def __getstate__(self):
        return {**self.__dict__, "_data": {k: self._getlist(k) for k in self}}

    def __setstate__(self, obj_dict):
        data = obj_dict.pop("_data", {})
        for k, v in data.items():
            self.setlist(k, v)
        self.__dict__.update(obj_dict)

    def get(self, key, default=None):
        """Return the last value for `key`, or `default` if missing or empty."""
        try:
            val = self[key]
        except KeyError:
            return default
        if val == []:
            return default
        return val

    def _getlist(self, key, default=None, force_list=False):
        try:
            values = super().__getitem__(key)
        except KeyError:
            if default is None:
                return []
            return default
        return list(values) if force_list and values is not None else values

    def getlist(self, key, default=None):
        """Return the list of values for `key` (a new list; [] if missing)."""
        return self._getlist(key, default, force_list=True)

    def setlist(self, key, list_):
        super().__setitem__(key, list_)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key, default_list=None):
        if key not in self:
            if default_list is None:
                default_list = []
            self.setlist(key, default_list)
        return self._getlist(key)

    def appendlist(self, key, value):
        """Append `value` to the list for `key`."""
        self.setlistdefault(key).append(value)

    def items(self):
        """Yield (key, last value) pairs."""
        for key in self:
            yield key, self[key]

    def lists(self):
        """Yield (key, list of values) pairs."""
        return iter(super().items())

    def values(self):
        for key in self:
            yield self[key]

    def copy(self):
        """Return a shallow copy."""
        import copy

        return copy.copy(self)

    def update(self, *args, **kwargs):
        """Extend (not replace) the lists of values with those given."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        if args:
            arg = args[0]
            if isinstance(arg, MultiValueDict):
                for key, value_list in arg.lists():
                    self.setlistdefault(key).extend(value_list)
            else:
                if hasattr(arg, "keys"):
                    arg = arg.items()
                for key, value in arg:
                    self.setlistdefault(key).append(value)
        for key, value in kwargs.items():
            self.setlistdefault(key).append(value)

    def dict(self):
        """Return a plain dict of key -> last value."""
        return {key: self[key] for key in self}


# -- Signals: Django's observer pattern, used for request_started,
#    setting_changed, template_rendered, pre_save/post_save, ...


class Signal:
    """A list of receivers called by send(); weak references are not kept,
    receivers live as long as they are connected."""

    def __init__(self, use_caching=False):
        self.receivers = []  # (lookup_key, receiver, sender)
        self.lock = threading.Lock()

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        key = (dispatch_uid or id(receiver), id(sender) if sender is not None else None)
        with self.lock:
            if not any(k == key for k, _r, _s in self.receivers):
                self.receivers = self.receivers + [(key, receiver, sender)]

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        key = (dispatch_uid or id(receiver), id(sender) if sender is not None else None)
        with self.lock:
            before = len(self.receivers)
            self.receivers = [r for r in self.receivers if r[0] != key]
            return len(self.receivers) != before

    def has_listeners(self, sender=None):
        return bool(self._live_receivers(sender))

    def _live_receivers(self, sender):
        return [r for _k, r, s in self.receivers if s is None or s is sender]

    def send(self, sender, **named):
        """Call every receiver; an exception in one propagates."""
        if not self.receivers:
            return []
        return [
            (receiver, receiver(signal=self, sender=sender, **named))
            for receiver in self._live_receivers(sender)
        ]

    def send_robust(self, sender, **named):
        """Call every receiver, returning exceptions instead of raising them."""
        responses = []
        for receiver in self._live_receivers(sender):
            try:
                response = receiver(signal=self, sender=sender, **named)
            except Exception as err:
                response = err
            responses.append((receiver, response))
        return responses


def receiver(signal, **kwargs):
    """Decorator connecting a function to one signal or a list of signals."""

    def _decorator(func):
        for s in signal if isinstance(signal, (list, tuple)) else [signal]:
            s.connect(func, **kwargs)
        return func

    return _decorator


request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
template_rendered = Signal()
pre_init = Signal()
post_init = Signal()
pre_save = Signal()
post_save = Signal()
pre_delete = Signal()
post_delete = Signal()
m2m_changed = Signal()
class_prepared = Signal()


# -- Time zones (django.utils.timezone).  zoneinfo does the work; with no
#    tz database installed, UTC still works and other zones raise clearly.


def _tz(name):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def get_default_timezone():
    """Return the tzinfo of settings.TIME_ZONE."""
    import datetime

    name = settings.TIME_ZONE
    return datetime.timezone.utc if name in ("UTC", None) else _tz(name)


def get_default_timezone_name():
    return settings.TIME_ZONE


_active_tz = threading.local()


def get_current_timezone():
    """Return the active time zone (set by activate()), else the default."""
    return getattr(_active_tz, "value", None) or get_default_timezone()


def get_current_timezone_name():
    return str(get_current_timezone())


def activate(timezone):
    """Set the current time zone (a tzinfo or a zone name) for this thread."""
    _active_tz.value = _tz(timezone) if isinstance(timezone, str) else timezone


def deactivate():
    _active_tz.value = None


def now():
    """Return the current datetime: aware UTC with USE_TZ, naive local without."""
    import datetime

    if settings.USE_TZ:
        return datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.now()


def is_aware(value):
    return value.utcoffset() is not None


def is_naive(value):
    return value.utcoffset() is None


def make_aware(value, timezone=None):
    """Attach `timezone` (default: the current one) to a naive datetime."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_aware(value):
        raise ValueError("make_aware expects a naive datetime, got %s" % value)
    return value.replace(tzinfo=timezone)


def make_naive(value, timezone=None):
    """Convert an aware datetime to naive time in `timezone`."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("make_naive() cannot be applied to a naive datetime")
    return value.astimezone(timezone).replace(tzinfo=None)


def localtime(value=None, timezone=None):
    """Convert an aware datetime (default: now()) to `timezone`."""
    if value is None:
        value = now()
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("localtime() cannot be applied to a naive datetime")
    return value.astimezone(timezone)


def localdate(value=None, timezone=None):
    return localtime(value, timezone).date()


###############################################################################
# Exceptions ##################################################################
###############################################################################

# Django's exception types, under Django's names.  The request handler turns
# them into responses in one table (see "WSGI handler"): Http404 -> 404,
# PermissionDenied -> 403, SuspiciousOperation and BadRequest -> 400.

__all__ += [
    "ImproperlyConfigured", "ObjectDoesNotExist", "MultipleObjectsReturned",
    "FieldError", "FieldDoesNotExist", "ValidationError", "NON_FIELD_ERRORS",
    "PermissionDenied", "BadRequest", "SuspiciousOperation", "DisallowedHost",
    "DisallowedRedirect", "RequestDataTooBig", "TooManyFieldsSent",
    "TooManyFilesSent", "SuspiciousFileOperation", "Http404", "ViewDoesNotExist",
    "MiddlewareNotUsed", "EmptyResultSet", "FullResultSet", "AppRegistryNotReady",
]


class ImproperlyConfigured(Exception):
    """The settings or the app are set up wrongly."""


class AppRegistryNotReady(Exception):
    """Models were used before the app registry was populated."""


class ObjectDoesNotExist(Exception):
    """The requested object does not exist (base of Model.DoesNotExist)."""

    silent_variable_failure = True


class MultipleObjectsReturned(Exception):
    """A query expected one object and found more."""


class FieldDoesNotExist(Exception):
    """A model has no field of the given name."""


class FieldError(Exception):
    """A problem with a model field in a query (unknown name, bad lookup)."""


class EmptyResultSet(Exception):
    """A query is known to match nothing."""


class FullResultSet(Exception):
    """A query condition is known to match everything."""


class ViewDoesNotExist(Exception):
    """A URLconf names a view that cannot be imported."""


class MiddlewareNotUsed(Exception):
    """Raised by a middleware factory to take itself out of the chain."""


class PermissionDenied(Exception):
    """The user may not do this (403)."""


class BadRequest(Exception):
    """The request is malformed (400)."""


class SuspiciousOperation(Exception):
    """The request looks like an attack or a mistake (400)."""


class SuspiciousMultipartForm(SuspiciousOperation):
    """A multipart body is malformed."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A file path escapes where it should stay."""


class DisallowedHost(SuspiciousOperation):
    """The Host header is not in ALLOWED_HOSTS."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect to an unsafe URL scheme was attempted."""


class RequestDataTooBig(SuspiciousOperation):
    """The request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""


class TooManyFieldsSent(SuspiciousOperation):
    """The request has more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""


class TooManyFilesSent(SuspiciousOperation):
    """The request has more files than DATA_UPLOAD_MAX_NUMBER_FILES."""


class RequestAborted(Exception):
    """The client went away mid-request."""


class Http404(Exception):
    """The page was not found (404)."""


class Resolver404(Http404):
    """No URL pattern matched the path."""


class NoReverseMatch(Exception):
    """reverse() found no pattern for the name and arguments."""


NON_FIELD_ERRORS = "__all__"


class ValidationError(Exception):
    """One or more validation errors, as raised by validators and clean().

    `message` may be a string, a list of messages or ValidationErrors, or a
    dict of field name -> messages.  `error_dict` or `error_list` holds the
    normalised form, exactly as Django's class does.
    """

    def __init__(self, message, code=None, params=None):
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                message = message.error_dict
            elif not hasattr(message, "message"):
                message = message.error_list
            else:
                message, code, params = message.message, message.code, message.params
        if isinstance(message, dict):
            self.error_dict = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = messages.error_list
        elif isinstance(message, list):
            self.error_list = []
            for m in message:
                if not isinstance(m, ValidationError):
                    m = ValidationError(m)
                if hasattr(m, "error_dict"):
                    self.error_list.extend(sum(m.error_dict.values(), []))
                else:
                    self.error_list.extend(m.error_list)
        else:
            self.message = message
            self.code = code
            self.params = params
            self.error_list = [self]

    @property
    def message_dict(self):
        """Return {field: [messages]}; only for dict-shaped errors."""
        getattr(self, "error_dict")  # AttributeError if list-shaped, as Django
        return dict(self)

    @property
    def messages(self):
        """Return every message as a flat list of strings."""
        if hasattr(self, "error_dict"):
            return sum(dict(self).values(), [])
        return list(self)

    def update_error_dict(self, error_dict):
        if hasattr(self, "error_dict"):
            for field, error_list in self.error_dict.items():
                error_dict.setdefault(field, []).extend(error_list)
        else:
            error_dict.setdefault(NON_FIELD_ERRORS, []).extend(self.error_list)
        return error_dict

    def __iter__(self):
        if hasattr(self, "error_dict"):
            for field, errors in self.error_dict.items():
                yield field, list(ValidationError(errors))
        else:
            for error in self.error_list:
                message = error.message
                if error.params:
                    message %= error.params
                yield str(message)

    def __str__(self):
        if hasattr(self, "error_dict"):
            return repr(dict(self))
        return repr(list(self))

    def __repr__(self):
        return f"ValidationError({self})"

    def __eq__(self, other):
        if not isinstance(other, ValidationError):
            return NotImplemented
        return hash(self) == hash(other)

    def __hash__(self):
        if hasattr(self, "message"):
            params = self.params
            if isinstance(params, dict):
                params = tuple(sorted(params.items()))
            return hash((self.message, self.code, params))
        if hasattr(self, "error_dict"):
            return hash(tuple(sorted(self.error_dict)))
        return hash(tuple(sorted(self.error_list, key=lambda e: str(e.message))))


###############################################################################
# Settings ####################################################################
###############################################################################

# `settings` is a lazy object: nothing is read until a setting is first used,
# then values come from settings.configure(), or from the module named by
# DJANGO_SETTINGS_MODULE, over Django 5.2's defaults below.  Code reads
# settings at call time (never copies them at import), so override_settings
# and configure() always take effect.

ENVIRONMENT_VARIABLE = "DJANGO_SETTINGS_MODULE"

#: Django 5.2's default for every setting djscratch reads.
GLOBAL_SETTINGS = {
    "DEBUG": False,
    "DEBUG_PROPAGATE_EXCEPTIONS": False,
    "SECRET_KEY": "",
    "SECRET_KEY_FALLBACKS": [],
    "ALLOWED_HOSTS": [],
    "INTERNAL_IPS": [],
    "ROOT_URLCONF": None,
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "TEMPLATES": [],
    "DATABASES": {},
    "DATABASE_ROUTERS": [],
    "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
    "TIME_ZONE": "America/Chicago",
    "USE_TZ": True,
    "USE_I18N": True,
    "LANGUAGE_CODE": "en-us",
    "DEFAULT_CHARSET": "utf-8",
    "APPEND_SLASH": True,
    "PREPEND_WWW": False,
    "FORCE_SCRIPT_NAME": None,
    "DISALLOWED_USER_AGENTS": [],
    "ABSOLUTE_URL_OVERRIDES": {},
    "STATIC_URL": None,
    "STATIC_ROOT": None,
    "STATICFILES_DIRS": [],
    "MEDIA_URL": "",
    "MEDIA_ROOT": "",
    "FILE_UPLOAD_MAX_MEMORY_SIZE": 2621440,
    "FILE_UPLOAD_TEMP_DIR": None,
    "FILE_UPLOAD_PERMISSIONS": 0o644,
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS": None,
    "DATA_UPLOAD_MAX_MEMORY_SIZE": 2621440,
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": 1000,
    "DATA_UPLOAD_MAX_NUMBER_FILES": 100,
    "DATE_FORMAT": "N j, Y",
    "DATETIME_FORMAT": "N j, Y, P",
    "TIME_FORMAT": "P",
    "YEAR_MONTH_FORMAT": "F Y",
    "MONTH_DAY_FORMAT": "F j",
    "SHORT_DATE_FORMAT": "m/d/Y",
    "SHORT_DATETIME_FORMAT": "m/d/Y P",
    "DATE_INPUT_FORMATS": [
        "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d %Y", "%b %d, %Y",
        "%d %b %Y", "%d %b, %Y", "%B %d %Y", "%B %d, %Y", "%d %B %Y",
        "%d %B, %Y",
    ],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": [
        "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M",
        "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S.%f", "%m/%d/%Y %H:%M",
        "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M:%S.%f", "%m/%d/%y %H:%M",
    ],
    "FIRST_DAY_OF_WEEK": 0,
    "DECIMAL_SEPARATOR": ".",
    "USE_THOUSAND_SEPARATOR": False,
    "NUMBER_GROUPING": 0,
    "THOUSAND_SEPARATOR": ",",
    "X_FRAME_OPTIONS": "DENY",
    "USE_X_FORWARDED_HOST": False,
    "USE_X_FORWARDED_PORT": False,
    "SECURE_PROXY_SSL_HEADER": None,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    "SECURE_HSTS_PRELOAD": False,
    "SECURE_HSTS_SECONDS": 0,
    "SECURE_REDIRECT_EXEMPT": [],
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_SSL_HOST": None,
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_NAME": "sessionid",
    "SESSION_COOKIE_AGE": 60 * 60 * 24 * 7 * 2,
    "SESSION_COOKIE_DOMAIN": None,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_PATH": "/",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_SAVE_EVERY_REQUEST": False,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    "SESSION_SERIALIZER": "django.contrib.sessions.serializers.JSONSerializer",
    "SIGNING_BACKEND": "django.core.signing.TimestampSigner",
    "CSRF_FAILURE_VIEW": "django.views.csrf.csrf_failure",
    "CSRF_COOKIE_NAME": "csrftoken",
    "CSRF_COOKIE_AGE": 60 * 60 * 24 * 7 * 52,
    "CSRF_COOKIE_DOMAIN": None,
    "CSRF_COOKIE_PATH": "/",
    "CSRF_COOKIE_SECURE": False,
    "CSRF_COOKIE_HTTPONLY": False,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "CSRF_HEADER_NAME": "HTTP_X_CSRFTOKEN",
    "CSRF_TRUSTED_ORIGINS": [],
    "CSRF_USE_SESSIONS": False,
    "MESSAGE_STORAGE": "django.contrib.messages.storage.fallback.FallbackStorage",
    "MESSAGE_LEVEL": 20,
    "MESSAGE_TAGS": {},
    "FORM_RENDERER": "django.forms.renderers.DjangoTemplates",
    "TEST_RUNNER": "django.test.runner.DiscoverRunner",
    "FIXTURE_DIRS": [],
    "LOGGING_CONFIG": "logging.config.dictConfig",
    "LOGGING": {},
    "SILENCED_SYSTEM_CHECKS": [],
    "WSGI_APPLICATION": None,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    },
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    },
}


class Settings:
    """The concrete settings: defaults, overlaid by a module or a dict."""

    def __init__(self, values, module_name=None):
        self.__dict__.update(GLOBAL_SETTINGS)
        self.__dict__.update(values)
        self.SETTINGS_MODULE = module_name
        self._explicit = set(values)
        for name in ("ALLOWED_HOSTS", "INSTALLED_APPS", "TEMPLATE_DIRS", "LOCALE_PATHS",
                     "SECRET_KEY_FALLBACKS"):
            if isinstance(self.__dict__.get(name), str):
                raise ImproperlyConfigured(f"The {name} setting must be a list or a tuple.")

    def is_overridden(self, setting):
        return setting in self._explicit


class LazySettings:
    """Django's `settings`: configured on first use, read at call time.

    Values are cached in the instance __dict__ after the first lookup, so a
    setting costs one attribute read on hot paths; changing settings (configure,
    override_settings) clears that cache.
    """

    def __init__(self):
        self.__dict__["_wrapped"] = None

    def _setup(self, name=None):
        module_name = os.environ.get(ENVIRONMENT_VARIABLE)
        if not module_name:
            desc = f"setting {name}" if name else "settings"
            raise ImproperlyConfigured(
                f"Requested {desc}, but settings are not configured. You must either "
                f"define the environment variable {ENVIRONMENT_VARIABLE} or call "
                "settings.configure() before accessing settings."
            )
        import importlib

        module = importlib.import_module(module_name)
        values = {k: getattr(module, k) for k in dir(module) if k.isupper()}
        self.__dict__["_wrapped"] = Settings(values, module_name)

    def __getattr__(self, name):
        wrapped = self._wrapped
        if wrapped is None:
            self._setup(name)
            wrapped = self._wrapped
        value = getattr(wrapped, name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name, value):
        if name == "_wrapped":
            self._clear_cache()
            self.__dict__["_wrapped"] = value
            return
        if self._wrapped is None:
            self._setup(name)
        setattr(self._wrapped, name, value)
        self.__dict__.pop(name, None)

    def __delattr__(self, name):
        if self._wrapped is None:
            self._setup(name)
        delattr(self._wrapped, name)
        self.__dict__.pop(name, None)

    def _clear_cache(self):
        wrapped = self.__dict__["_wrapped"]
        self.__dict__.clear()
        self.__dict__["_wrapped"] = wrapped

    def configure(self, default_settings=None, **options):
        """Configure settings by hand, instead of DJANGO_SETTINGS_MODULE."""
        if self._wrapped is not None:
            raise RuntimeError("Settings already configured.")
        for name in options:
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be uppercase.")
        values = dict(options)
        if default_settings is not None:
            base = {k: getattr(default_settings, k) for k in dir(default_settings)
                    if k.isupper()}
            values = {**base, **values}
        self._wrapped = Settings(values)

    @property
    def configured(self):
        """True once settings have been configured."""
        return self._wrapped is not None

    def __repr__(self):
        if self._wrapped is None:
            return "<LazySettings [Unevaluated]>"
        return f'<LazySettings "{self._wrapped.SETTINGS_MODULE}">'


settings = LazySettings()


###############################################################################
# Apps and the single-file App ###############################################
###############################################################################

# Django finds models through INSTALLED_APPS.  The registry below keeps one
# AppConfig per installed app; setup() imports each app's `models` module.
# App(__name__, ...) turns one script into a whole project: settings, one app
# whose label is the file name, ROOT_URLCONF pointing at the script itself.

__all__ += ["AppConfig", "apps"]


class AppConfig:
    """One installed application: its name, label, module and models."""

    default_auto_field = None
    default = True

    def __init__(self, app_name, app_module=None):
        self.name = app_name
        self.module = app_module
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label '{self.label}' is not a valid Python identifier."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            path = getattr(app_module, "__file__", None)
            self.path = os.path.dirname(path) if path else None
        self.models = {}  # lower-case model name -> model class
        self.models_module = None

    def __repr__(self):
        return f"<{type(self).__name__}: {self.label}>"

    def get_models(self, include_auto_created=False):
        return [m for m in self.models.values()
                if include_auto_created or not m._meta.auto_created]

    def get_model(self, model_name, require_ready=True):
        try:
            return self.models[model_name.lower()]
        except KeyError:
            raise LookupError(
                f"App '{self.label}' doesn't have a '{model_name}' model."
            ) from None

    def import_models(self):
        """Import the app's models module, if it has one."""
        import importlib.util

        if self.module is not None and getattr(self.module, "_djscratch_app", False):
            self.models_module = self.module  # a single-file app is its own models
            return
        name = f"{self.name}.models"
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            self.models_module = importlib.import_module(name)

    def ready(self):
        """Override to run code once the registry is ready."""


# Contrib apps djscratch implements; any other django.contrib app listed in
# INSTALLED_APPS is refused by name (see Apps.populate).
_CONTRIB_APPS = {
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
}


class Apps:
    """The registry of installed apps and their models (django.apps.apps)."""

    def __init__(self):
        self.app_configs = {}  # label -> AppConfig
        self.all_models = {}  # label -> {model_name: model}
        self.ready = False
        self.models_ready = False
        self._lock = threading.RLock()
        self._module_labels = {}  # module name -> label, for single-file apps

    def populate(self, installed_apps):
        """Create an AppConfig per entry and import every app's models."""
        import importlib

        with self._lock:
            if self.ready:
                return
            for entry in installed_apps:
                if isinstance(entry, AppConfig):
                    config = entry
                elif entry in _CONTRIB_APPS:
                    config = AppConfig(entry)
                elif entry.startswith("django."):
                    raise ImproperlyConfigured(
                        f"INSTALLED_APPS lists {entry!r}, which djscratch does not "
                        f"implement (it provides {', '.join(sorted(_CONTRIB_APPS))})."
                    )
                else:
                    config = self._config_for(entry, importlib)
                if config.label in self.app_configs:
                    if self.app_configs[config.label].name == config.name:
                        continue
                    raise ImproperlyConfigured(
                        f"Application labels aren't unique, duplicates: {config.label}"
                    )
                config.models = self.all_models.setdefault(config.label, {})
                self.app_configs[config.label] = config
            self.models_ready = True  # models may register while imported below
            for config in list(self.app_configs.values()):
                config.import_models()
            self.ready = True
            for config in list(self.app_configs.values()):
                config.ready()

    def _config_for(self, entry, importlib):
        module = sys.modules.get(entry)
        if module is None:
            try:
                module = importlib.import_module(entry)
            except ImportError:
                # "app.apps.MyConfig": a dotted path to an AppConfig subclass.
                cls = import_string(entry)
                if not (isinstance(cls, type) and issubclass(cls, AppConfig)):
                    raise
                return cls(cls.name, importlib.import_module(cls.name))
        if isinstance(module, type) and issubclass(module, AppConfig):
            return module(module.name, importlib.import_module(module.name))
        # An app's apps.py may name a default AppConfig subclass.
        try:
            apps_module = importlib.import_module(f"{entry}.apps")
        except ImportError:
            apps_module = None
        if apps_module is not None:
            candidates = [
                v for v in vars(apps_module).values()
                if isinstance(v, type) and issubclass(v, AppConfig) and v is not AppConfig
                and getattr(v, "name", None) == entry and v.default
            ]
            if len(candidates) == 1:
                return candidates[0](entry, module)
        config = AppConfig(entry, module)
        if getattr(module, "_djscratch_app", False):
            config.label = module._djscratch_label
        return config

    def check_apps_ready(self):
        if not self.ready:
            raise AppRegistryNotReady("Apps aren't loaded yet.")

    def get_app_configs(self):
        return list(self.app_configs.values())

    def get_app_config(self, app_label):
        try:
            return self.app_configs[app_label]
        except KeyError:
            message = f"No installed app with label '{app_label}'."
            raise LookupError(message) from None

    def is_installed(self, app_name):
        return any(c.name == app_name for c in self.app_configs.values())

    def get_models(self, include_auto_created=False):
        result = []
        for config in self.app_configs.values():
            result.extend(config.get_models(include_auto_created))
        return result

    def get_model(self, app_label, model_name=None, require_ready=True):
        """Return a model by "app_label.ModelName" or by label and name."""
        if model_name is None:
            app_label, model_name = app_label.split(".")
        return self.get_app_config(app_label).get_model(model_name)

    def register_model(self, app_label, model):
        """Record a model class; called by the model metaclass."""
        models = self.all_models.setdefault(app_label, {})
        name = model._meta.model_name
        old = models.get(name)
        if old is not None and old is not model:
            if old.__module__ == model.__module__ and old.__qualname__ == model.__qualname__:
                import warnings

                warnings.warn(
                    f"Model '{app_label}.{name}' was already registered. Reloading "
                    "models is not advised as it can lead to inconsistencies, most "
                    "notably with related models.", RuntimeWarning, stacklevel=2)
            else:
                raise RuntimeError(
                    f"Conflicting '{name}' models in application '{app_label}': "
                    f"{old} and {model}."
                )
        models[name] = model

    def get_containing_app_config(self, object_name):
        """Return the AppConfig whose module contains `object_name`, or None."""
        label = self._module_labels.get(object_name)
        if label is not None:
            return self.app_configs.get(label)
        best = None
        for config in self.app_configs.values():
            if object_name == config.name or object_name.startswith(config.name + "."):
                if best is None or len(config.name) > len(best.name):
                    best = config
        return best

    def app_label_for_module(self, module_name):
        """Return the app label models defined in `module_name` belong to."""
        label = self._module_labels.get(module_name)
        if label is not None:
            return label
        config = self.get_containing_app_config(module_name)
        return config.label if config is not None else None

    def clear_cache(self):
        """Forget cached model lookups (after adding models at run time)."""


apps = Apps()


def setup(set_prefix=True):
    """Configure logging and populate the app registry (django.setup())."""
    if settings.LOGGING:
        import logging.config

        logging.config.dictConfig(settings.LOGGING)
    apps.populate(settings.INSTALLED_APPS)


#: The middleware list of Django's startproject template, less the parts
#: djscratch does not implement (auth).  A single-file app starts with it.
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def _persistent_secret_key(directory, label):
    """Return a secret key kept in `directory`, creating it (mode 0600) once."""
    import secrets

    path = os.path.join(directory, f".{label}.secret_key")
    try:
        with open(path, encoding="ascii") as f:
            key = f.read().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    os.makedirs(directory, exist_ok=True)
    # O_EXCL: if two processes race, one creates the file, the other reads it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, encoding="ascii") as f:
            return f.read().strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key


class App:
    """Make one Python file a whole Django-style project.

    Call it once at the top of the script, before importing from django:

        app = djscratch.App(__name__, DEBUG=True)

    It configures settings with defaults suited to a single file (the script
    is the URLconf and the only installed app, named after the file;
    templates/ and static/ beside it; a SQLite file beside it; SECRET_KEY
    from the environment or generated once and kept beside the database;
    DEBUG off unless asked for), and any setting may be given as a keyword.
    The App is a WSGI application, and app.main() is the command line.
    """

    def __init__(self, import_name, **options):
        module = sys.modules[import_name]
        path = getattr(module, "__file__", None) or os.path.join(os.getcwd(), "app.py")
        self.module = module
        self.base_dir = os.path.dirname(os.path.abspath(path))
        self.label = os.path.splitext(os.path.basename(path))[0]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The file name {os.path.basename(path)!r} cannot be an app label; "
                "name the file like a Python module (letters, digits, underscores)."
            )
        # `python blog.py` runs the file as __main__; make `import blog` (from
        # tests or the runner) return this same module instead of a second copy
        # with a second set of models.
        if import_name == "__main__":
            sys.modules.setdefault(self.label, module)
        module._djscratch_app = True
        module._djscratch_label = self.label
        apps._module_labels[import_name] = self.label
        apps._module_labels[self.label] = self.label
        self.settings = self._default_settings(options)
        if not settings.configured:
            settings.configure(**self.settings)
        self._wsgi = None

    def _default_settings(self, options):
        base = self.base_dir
        db_path = options.pop("DATABASE", None) or os.path.join(
            base, f"{self.label}.sqlite3")
        defaults = {
            "DEBUG": os.environ.get("DEBUG", "").lower() in ("1", "true", "yes", "on"),
            "ROOT_URLCONF": self.label,
            "INSTALLED_APPS": [
                "django.contrib.sessions", "django.contrib.messages",
                "django.contrib.staticfiles", self.label,
            ],
            "MIDDLEWARE": list(DEFAULT_MIDDLEWARE),
            "TEMPLATES": [{
                "BACKEND": "djscratch.DjscratchTemplates",
                "DIRS": [os.path.join(base, "templates")],
                "APP_DIRS": False,
                "OPTIONS": {"context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.messages.context_processors.messages",
                ]},
            }],
            "DATABASES": {"default": {
                "ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
            "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
            "STATIC_URL": "static/",
            "STATICFILES_DIRS": [os.path.join(base, "static")],
            "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
            "ALLOWED_HOSTS": [".localhost", "127.0.0.1", "[::1]", "testserver"],
            "USE_TZ": True,
            "TIME_ZONE": "UTC",
        }
        defaults.update(options)
        if not defaults.get("SECRET_KEY"):
            defaults["SECRET_KEY"] = os.environ.get("SECRET_KEY") or (
                _persistent_secret_key(
                    os.path.dirname(os.path.abspath(defaults["DATABASES"]["default"]["NAME"]))
                    if defaults["DATABASES"]["default"]["NAME"] != ":memory:" else base,
                    self.label))
        return defaults

    def __call__(self, environ, start_response):
        """Serve a WSGI request (so `waitress-serve blog:app` works)."""
        if self._wsgi is None:
            self._wsgi = get_wsgi_application()
        return self._wsgi(environ, start_response)

    def main(self, argv=None):
        """Run the command line for this app: runserver, test, migrate, ..."""
        return execute_from_command_line(
            [self.module.__file__] + list(sys.argv[1:] if argv is None else argv),
            default_command="runserver", app=self)


# == The sections of the framework follow, each owning its own names. ========
# (Anchors below mark where each section lives; keep them when editing.)

###############################################################################
# Signing #####################################################################
###############################################################################

# (section: signing; owner: spine/HTTP)

###############################################################################
# HTTP request ################################################################
###############################################################################

# (section: HTTP request; owner: spine/HTTP)

###############################################################################
# HTTP response ###############################################################
###############################################################################

# (section: HTTP response; owner: spine/HTTP)

###############################################################################
# URL routing #################################################################
###############################################################################

# (section: URL routing; owner: spine/HTTP)

###############################################################################
# Templates ###################################################################
###############################################################################

# (section: templates; owner: templates)

###############################################################################
# ORM #########################################################################
###############################################################################

# (section: ORM; owner: ORM)

###############################################################################
# Forms #######################################################################
###############################################################################

# (section: forms; owner: forms)

###############################################################################
# Middleware, sessions, CSRF and messages #####################################
###############################################################################

# (section: middleware; owner: middleware/views)

###############################################################################
# Views, shortcuts and pagination #############################################
###############################################################################

# (section: views; owner: middleware/views)

###############################################################################
# WSGI handler, static files and server #######################################
###############################################################################

# (section: WSGI; owner: spine/HTTP)

###############################################################################
# Test framework ##############################################################
###############################################################################

# (section: test framework; owner: test framework)

# The runner below is Django's DiscoverRunner in miniature: unittest does the
# discovery and the running; we add Django's label forms, the output lines
# ("Found N test(s).") and the exit status.  TestCase, Client and the test
# database are added by the test framework.

__all__ += ["DiscoverRunner", "override_settings"]


class override_settings:
    """Change settings for a block, a test method or a whole test class.

    Use it as a context manager, a function decorator, or a class decorator
    (on a unittest.TestCase the override spans setUpClass to tearDownClass).
    Works even before settings are configured: the override then starts from
    Django's defaults.  Each changed setting sends `setting_changed`.
    """

    def __init__(self, **kwargs):
        self.options = kwargs
        self._saved = []

    def _values(self):
        """Return the full settings the override makes (base + options)."""
        base = settings.__dict__["_wrapped"]
        values = {}
        explicit = set()
        if base is not None:
            values = {k: v for k, v in vars(base).items() if k.isupper()}
            explicit = set(base._explicit)
        return {**values, **self.options}, explicit | set(self.options), base

    def enable(self):
        values, explicit, base = self._values()
        holder = Settings(values, getattr(base, "SETTINGS_MODULE", None))
        holder._explicit = explicit
        self._saved.append(base)
        settings._wrapped = holder
        for key, value in self.options.items():
            setting_changed.send(sender=Settings, setting=key, value=value, enter=True)

    def disable(self):
        settings._wrapped = self._saved.pop()
        for key in self.options:
            value = getattr(settings._wrapped, key, None) if settings.configured else None
            setting_changed.send(sender=Settings, setting=key, value=value, enter=False)

    def __enter__(self):
        self.enable()
        return self

    def __exit__(self, *exc_info):
        self.disable()

    def __call__(self, decorated):
        import functools
        import unittest

        if isinstance(decorated, type):
            if not issubclass(decorated, unittest.TestCase):
                raise ValueError("Only subclasses of unittest.TestCase can be "
                                 "decorated with override_settings")
            return self._decorate_class(decorated)

        @functools.wraps(decorated)
        def inner(*args, **kwargs):
            with self.__class__(**self.options):
                return decorated(*args, **kwargs)

        return inner

    def _decorate_class(self, cls):
        options = self.options
        orig_setup, orig_teardown = cls.__dict__.get("setUpClass"), cls.__dict__.get(
            "tearDownClass")

        def setUpClass(klass):
            klass._overridden = override_settings(**options)
            klass._overridden.enable()
            try:
                if orig_setup is not None:
                    orig_setup.__func__(klass)
                else:
                    super(cls, klass).setUpClass()
            except Exception:
                klass._overridden.disable()
                raise

        def tearDownClass(klass):
            try:
                if orig_teardown is not None:
                    orig_teardown.__func__(klass)
                else:
                    super(cls, klass).tearDownClass()
            finally:
                klass._overridden.disable()

        cls.setUpClass = classmethod(setUpClass)
        cls.tearDownClass = classmethod(tearDownClass)
        return cls


class DiscoverRunner:
    """Find and run tests the way `manage.py test` does."""

    def __init__(self, pattern="test*.py", top_level=None, verbosity=1,
                 failfast=False, keepdb=False, reverse=False, buffer=False,
                 test_name_patterns=None, extra_modules=(), **kwargs):
        self.pattern = pattern
        self.top_level = top_level
        self.verbosity = verbosity
        self.failfast = failfast
        self.keepdb = keepdb
        self.reverse = reverse
        self.buffer = buffer
        self.test_name_patterns = test_name_patterns or None
        self.extra_modules = list(extra_modules)  # e.g. a single-file app
        self.options = kwargs

    def _loader(self):
        import unittest

        loader = unittest.TestLoader()
        if self.test_name_patterns:
            loader.testNamePatterns = [
                p if "*" in p else f"*{p}*" for p in self.test_name_patterns]
        return loader

    def load_tests_for_label(self, label, loader):
        """Return the tests a label names: a folder, a file, or a dotted name."""
        import unittest

        if os.path.isdir(label):
            top = self.top_level or (os.getcwd() if os.path.abspath(label).startswith(
                os.getcwd()) else label)
            return loader.discover(label, pattern=self.pattern, top_level_dir=top)
        if label.endswith(".py") and os.path.isfile(label):
            label = os.path.relpath(label)[:-3].replace(os.sep, ".")
        try:
            return loader.loadTestsFromName(label)
        except (ImportError, AttributeError) as err:
            suite = unittest.TestSuite()
            suite.addTest(unittest.FunctionTestCase(_raiser(err), description=label))
            return suite

    def build_suite(self, test_labels=None):
        import unittest

        loader = self._loader()
        suite = unittest.TestSuite()
        labels = list(test_labels or [])
        if not labels:
            if os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())
            suite.addTests(loader.discover(
                ".", pattern=self.pattern, top_level_dir=self.top_level or "."))
            for module in self.extra_modules:
                suite.addTests(loader.loadTestsFromModule(module))
        for label in labels:
            suite.addTests(self.load_tests_for_label(label, loader))
        tests = _flatten_suite(suite)
        if self.reverse:
            tests.reverse()
        return unittest.TestSuite(_unique(tests))

    def setup_test_environment(self):
        """Prepare settings for tests (the test framework extends this)."""

    def teardown_test_environment(self):
        """Undo setup_test_environment."""

    def setup_databases(self):
        """Create the test database (the ORM's test-database hook)."""
        return None

    def teardown_databases(self, old_config):
        """Destroy the test database."""

    def run_suite(self, suite):
        import unittest

        runner = unittest.TextTestRunner(
            verbosity=self.verbosity, failfast=self.failfast, buffer=self.buffer)
        return runner.run(suite)

    def run_tests(self, test_labels=None):
        """Run the tests; return the number of failures and errors."""
        self.setup_test_environment()
        suite = self.build_suite(test_labels)
        if settings.configured and not apps.ready:
            setup()  # a test module configured settings (a single-file app)
        count = suite.countTestCases()
        print(f"Found {count} test(s).", file=sys.stderr)
        old_config = self.setup_databases()
        try:
            result = self.run_suite(suite)
        finally:
            self.teardown_databases(old_config)
            self.teardown_test_environment()
        self.print_summary(result)
        return len(result.failures) + len(result.errors) + len(
            getattr(result, "unexpectedSuccesses", ()))

    @staticmethod
    def print_summary(result):
        """Print one plain line: "N passed, N failed, N skipped"."""
        failed = len(result.failures) + len(result.errors) + len(
            result.unexpectedSuccesses)
        skipped = len(result.skipped)
        passed = result.testsRun - failed - skipped - len(result.expectedFailures)
        print(f"{passed} passed, {failed} failed, {skipped} skipped", file=sys.stderr)


def _raiser(err):
    def test_import_failure():
        raise err

    return test_import_failure


def _flatten_suite(suite):
    import unittest

    out = []
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            out.extend(_flatten_suite(test))
        else:
            out.append(test)
    return out


def _unique(tests):
    seen, out = set(), []
    for test in tests:
        key = test.id()
        if key not in seen:
            seen.add(key)
            out.append(test)
    return out

###############################################################################
# The django.* alias ##########################################################
###############################################################################

# `import djscratch` installs an import hook so that `django` and the modules
# below resolve to this file, even where real Django is not installed.  Each
# alias module is an empty module whose attributes are looked up here on first
# use: a name djscratch does not (yet) define raises AttributeError, so
# `from django.http import Missing` fails with ImportError naming it, never a
# silent stub.  A django module missing from this table is refused by name.
#
# With DJSCRATCH_ENGINE=django the hook is not installed and App() configures
# real Django instead (see "Two engines").

def _names(text):
    return text.split()


#: Django module -> the names djscratch provides in it.  Sections add names
#: here when they implement them.
DJANGO_MODULES = {
    "django": _names("VERSION get_version setup"),
    "django.apps": _names("apps AppConfig"),
    "django.conf": _names("settings ENVIRONMENT_VARIABLE"),
    "django.conf.global_settings": [],  # filled from GLOBAL_SETTINGS
    "django.conf.urls": _names("include"),
    "django.conf.urls.static": _names("static"),
    "django.dispatch": _names("Signal receiver"),
    "django.core": [],
    "django.core.exceptions": _names(
        "ImproperlyConfigured AppRegistryNotReady ObjectDoesNotExist "
        "MultipleObjectsReturned FieldDoesNotExist FieldError EmptyResultSet "
        "FullResultSet ViewDoesNotExist MiddlewareNotUsed PermissionDenied "
        "BadRequest SuspiciousOperation SuspiciousMultipartForm "
        "SuspiciousFileOperation DisallowedHost DisallowedRedirect "
        "RequestDataTooBig TooManyFieldsSent TooManyFilesSent RequestAborted "
        "ValidationError NON_FIELD_ERRORS"),
    "django.core.signals": _names(
        "request_started request_finished got_request_exception"),
    "django.core.signing": _names(
        "Signer TimestampSigner BadSignature SignatureExpired dumps loads "
        "b64_encode b64_decode base64_hmac get_cookie_signer JSONSerializer"),
    "django.core.wsgi": _names("get_wsgi_application"),
    "django.core.handlers": [],
    "django.core.handlers.wsgi": _names("WSGIHandler WSGIRequest"),
    "django.core.management": _names(
        "call_command execute_from_command_line BaseCommand CommandError"),
    "django.core.paginator": _names(
        "Paginator Page EmptyPage PageNotAnInteger InvalidPage"),
    "django.core.files": _names("File"),
    "django.core.files.uploadedfile": _names(
        "UploadedFile SimpleUploadedFile InMemoryUploadedFile TemporaryUploadedFile"),
    "django.core.files.base": _names("File ContentFile"),
    "django.core.files.storage": _names(
        "FileSystemStorage default_storage Storage"),
    "django.core.serializers.json": _names("DjangoJSONEncoder"),
    "django.core.validators": _names(
        "MinLengthValidator MaxLengthValidator MinValueValidator "
        "MaxValueValidator RegexValidator EmailValidator URLValidator "
        "validate_email validate_slug validate_unicode_slug validate_ipv4_address "
        "validate_ipv6_address validate_ipv46_address validate_integer "
        "DecimalValidator FileExtensionValidator ProhibitNullCharactersValidator "
        "StepValueValidator"),
    "django.http": _names(
        "HttpRequest QueryDict HttpResponse HttpResponseBase "
        "HttpResponseRedirect HttpResponsePermanentRedirect "
        "HttpResponseNotModified HttpResponseBadRequest HttpResponseNotFound "
        "HttpResponseForbidden HttpResponseNotAllowed HttpResponseGone "
        "HttpResponseServerError JsonResponse StreamingHttpResponse "
        "FileResponse Http404 BadHeaderError UnreadablePostError "
        "HttpHeaders parse_cookie"),
    "django.http.request": _names(
        "HttpRequest QueryDict HttpHeaders RawPostDataException "
        "UnreadablePostError"),
    "django.http.response": _names(
        "HttpResponse HttpResponseBase HttpResponseRedirect "
        "HttpResponsePermanentRedirect HttpResponseNotModified "
        "HttpResponseBadRequest HttpResponseNotFound HttpResponseForbidden "
        "HttpResponseNotAllowed HttpResponseGone HttpResponseServerError "
        "JsonResponse StreamingHttpResponse FileResponse BadHeaderError "
        "ResponseHeaders"),
    "django.urls": _names(
        "path re_path include reverse reverse_lazy resolve NoReverseMatch "
        "Resolver404 ResolverMatch URLPattern URLResolver register_converter "
        "get_resolver get_script_prefix set_script_prefix clear_url_caches "
        "get_urlconf set_urlconf"),
    "django.urls.converters": _names(
        "IntConverter StringConverter SlugConverter UUIDConverter "
        "PathConverter register_converter"),
    "django.shortcuts": _names(
        "render redirect get_object_or_404 get_list_or_404 resolve_url"),
    "django.utils": [],
    "django.utils.html": _names(
        "escape conditional_escape format_html format_html_join escapejs "
        "json_script strip_tags linebreaks urlize mark_safe avoid_wrapping "
        "html_safe smart_urlquote"),
    "django.utils.safestring": _names("SafeString SafeText SafeData mark_safe"),
    "django.utils.functional": _names(
        "cached_property classproperty lazy Promise SimpleLazyObject"),
    "django.utils.module_loading": _names("import_string"),
    "django.utils.encoding": _names(
        "force_str smart_str force_bytes iri_to_uri uri_to_iri escape_uri_path"),
    "django.utils.datastructures": _names("MultiValueDict MultiValueDictKeyError"),
    "django.utils.timezone": _names(
        "now is_aware is_naive make_aware make_naive localtime localdate "
        "get_default_timezone get_default_timezone_name get_current_timezone "
        "get_current_timezone_name activate deactivate override"),
    "django.utils.translation": _names(
        "gettext gettext_lazy ngettext ngettext_lazy pgettext pgettext_lazy"),
    "django.utils.http": _names(
        "urlencode url_has_allowed_host_and_scheme http_date parse_http_date "
        "parse_http_date_safe base36_to_int int_to_base36 "
        "urlsafe_base64_encode urlsafe_base64_decode quote_etag "
        "content_disposition_header"),
    "django.utils.crypto": _names(
        "get_random_string constant_time_compare salted_hmac"),
    "django.utils.text": _names(
        "slugify Truncator capfirst get_text_list phone2numeric wrap "
        "get_valid_filename normalize_newlines smart_split"),
    "django.utils.dateformat": _names("format time_format DateFormat TimeFormat"),
    "django.utils.dateparse": _names(
        "parse_date parse_datetime parse_time parse_duration"),
    "django.utils.formats": _names("date_format time_format get_format"),
    "django.utils.cache": _names(
        "patch_cache_control patch_vary_headers add_never_cache_headers "
        "get_conditional_response"),
    "django.utils.decorators": _names("method_decorator"),
    "django.views": _names("View"),
    "django.views.generic": _names(
        "View TemplateView RedirectView ListView DetailView FormView "
        "CreateView UpdateView DeleteView"),
    "django.views.generic.base": _names(
        "View TemplateView RedirectView ContextMixin TemplateResponseMixin"),
    "django.views.generic.list": _names(
        "ListView MultipleObjectMixin MultipleObjectTemplateResponseMixin"),
    "django.views.generic.detail": _names(
        "DetailView SingleObjectMixin SingleObjectTemplateResponseMixin"),
    "django.views.generic.edit": _names(
        "FormView CreateView UpdateView DeleteView FormMixin ModelFormMixin "
        "ProcessFormView DeletionMixin"),
    "django.views.decorators": [],
    "django.views.decorators.http": _names(
        "require_http_methods require_GET require_POST require_safe condition "
        "etag last_modified"),
    "django.views.decorators.csrf": _names(
        "csrf_exempt csrf_protect ensure_csrf_cookie requires_csrf_token"),
    "django.views.decorators.cache": _names(
        "never_cache cache_control"),
    "django.views.decorators.vary": _names("vary_on_headers vary_on_cookie"),
    "django.views.decorators.clickjacking": _names(
        "xframe_options_exempt xframe_options_deny xframe_options_sameorigin"),
    "django.views.decorators.debug": _names(
        "sensitive_variables sensitive_post_parameters"),
    "django.views.static": _names("serve"),
    "django.db": _names(
        "connection connections transaction models router IntegrityError "
        "DatabaseError OperationalError ProgrammingError InterfaceError "
        "DataError NotSupportedError Error InternalError DEFAULT_DB_ALIAS"),
    "django.db.transaction": _names(
        "atomic on_commit set_rollback get_rollback savepoint savepoint_commit "
        "savepoint_rollback get_autocommit set_autocommit TransactionManagementError"),
    "django.db.models": _names(
        "Model Manager QuerySet Q F Value Count Sum Avg Min Max "
        "ExpressionWrapper Func Case When Subquery Exists OuterRef "
        "AutoField BigAutoField SmallAutoField CharField TextField IntegerField "
        "SmallIntegerField BigIntegerField PositiveIntegerField "
        "PositiveSmallIntegerField PositiveBigIntegerField FloatField "
        "DecimalField BooleanField NullBooleanField DateField DateTimeField "
        "TimeField DurationField EmailField URLField SlugField UUIDField "
        "JSONField BinaryField GenericIPAddressField FileField ImageField "
        "ForeignKey OneToOneField ManyToManyField Field CASCADE PROTECT "
        "RESTRICT SET_NULL SET_DEFAULT SET DO_NOTHING ProtectedError "
        "RestrictedError ObjectDoesNotExist Index UniqueConstraint "
        "CheckConstraint Prefetch TextChoices IntegerChoices Choices "
        "Deferrable signals functions Lookup Transform"),
    "django.db.models.signals": _names(
        "pre_init post_init pre_save post_save pre_delete post_delete "
        "m2m_changed class_prepared"),
    "django.db.models.functions": _names(
        "Lower Upper Length Concat Coalesce Now Trunc TruncDate Cast"),
    "django.db.models.deletion": _names(
        "CASCADE PROTECT RESTRICT SET_NULL SET_DEFAULT SET DO_NOTHING "
        "ProtectedError RestrictedError Collector"),
    "django.db.models.query": _names("QuerySet Prefetch"),
    "django.db.models.manager": _names("Manager BaseManager"),
    "django.db.models.fields": _names("Field NOT_PROVIDED"),
    "django.db.utils": _names(
        "IntegrityError DatabaseError OperationalError ProgrammingError "
        "InterfaceError DataError NotSupportedError Error InternalError"),
    "django.db.backends": [],
    "django.db.backends.sqlite3": [],
    "django.db.backends.signals": _names("connection_created"),
    "django.template": _names(
        "Template Context RequestContext Engine Library Node NodeList Origin "
        "TemplateDoesNotExist TemplateSyntaxError Variable VariableDoesNotExist "
        "engines loader"),
    "django.template.loader": _names(
        "get_template select_template render_to_string"),
    "django.template.exceptions": _names(
        "TemplateDoesNotExist TemplateSyntaxError"),
    "django.template.context": _names("Context RequestContext"),
    "django.template.defaultfilters": _names("stringfilter register"),
    "django.template.response": _names("TemplateResponse SimpleTemplateResponse"),
    "django.template.backends": [],
    "django.template.backends.django": _names("DjangoTemplates"),
    "django.template.context_processors": _names(
        "csrf debug request static tz media i18n"),
    "django.templatetags": [],
    "django.templatetags.static": _names("static"),
    "django.forms": _names(
        "Form BaseForm ModelForm BaseModelForm Field CharField IntegerField "
        "FloatField DecimalField BooleanField NullBooleanField ChoiceField "
        "TypedChoiceField MultipleChoiceField TypedMultipleChoiceField "
        "DateField DateTimeField TimeField DurationField EmailField URLField "
        "SlugField RegexField UUIDField JSONField GenericIPAddressField "
        "FileField ImageField ModelChoiceField ModelMultipleChoiceField "
        "Widget TextInput NumberInput EmailInput URLInput PasswordInput "
        "HiddenInput Textarea CheckboxInput Select SelectMultiple RadioSelect "
        "CheckboxSelectMultiple DateInput DateTimeInput TimeInput FileInput "
        "ClearableFileInput NullBooleanSelect MultipleHiddenInput "
        "ValidationError formset_factory modelform_factory "
        "modelformset_factory BaseFormSet BaseModelFormSet BoundField Media "
        "ErrorList ErrorDict"),
    "django.forms.forms": _names("Form BaseForm"),
    "django.forms.fields": _names("Field CharField"),
    "django.forms.widgets": _names("Widget Input Textarea"),
    "django.forms.models": _names(
        "ModelForm BaseModelForm modelform_factory modelformset_factory "
        "BaseModelFormSet ModelChoiceField ModelMultipleChoiceField "
        "model_to_dict fields_for_model"),
    "django.forms.formsets": _names("formset_factory BaseFormSet"),
    "django.forms.utils": _names("ErrorList ErrorDict flatatt"),
    "django.middleware": [],
    "django.middleware.security": _names("SecurityMiddleware"),
    "django.middleware.common": _names("CommonMiddleware"),
    "django.middleware.csrf": _names(
        "CsrfViewMiddleware get_token rotate_token"),
    "django.middleware.clickjacking": _names("XFrameOptionsMiddleware"),
    "django.middleware.gzip": _names("GZipMiddleware"),
    "django.middleware.http": _names("ConditionalGetMiddleware"),
    "django.contrib": [],
    "django.contrib.sessions": [],
    "django.contrib.sessions.middleware": _names("SessionMiddleware"),
    "django.contrib.sessions.backends": [],
    "django.contrib.sessions.backends.base": _names("SessionBase"),
    "django.contrib.sessions.backends.signed_cookies": _names("SessionStore"),
    "django.contrib.sessions.backends.db": _names("SessionStore"),
    "django.contrib.sessions.models": _names("Session"),
    "django.contrib.sessions.serializers": _names("JSONSerializer"),
    "django.contrib.messages": _names(
        "debug info success warning error add_message get_messages "
        "DEBUG INFO SUCCESS WARNING ERROR"),
    "django.contrib.messages.middleware": _names("MessageMiddleware"),
    "django.contrib.messages.context_processors": _names("messages"),
    "django.contrib.messages.storage": [],
    "django.contrib.messages.storage.fallback": _names("FallbackStorage"),
    "django.contrib.messages.storage.cookie": _names("CookieStorage"),
    "django.contrib.messages.storage.session": _names("SessionStorage"),
    "django.contrib.staticfiles": [],
    "django.contrib.staticfiles.urls": _names("staticfiles_urlpatterns"),
    "django.contrib.staticfiles.finders": _names("find"),
    "django.test": _names(
        "TestCase TransactionTestCase SimpleTestCase LiveServerTestCase "
        "Client RequestFactory override_settings modify_settings tag "
        "skipIfDBFeature skipUnlessDBFeature"),
    "django.test.utils": _names(
        "override_settings modify_settings CaptureQueriesContext "
        "setup_test_environment teardown_test_environment"),
    "django.test.client": _names("Client RequestFactory"),
    "django.test.runner": _names("DiscoverRunner"),
    "django.test.signals": _names("setting_changed template_rendered"),
}

#: Names whose djscratch object has another name (alias module -> {name: ours}).
_ALIAS_RENAMES = {
    "django.template.context_processors": {
        "csrf": "_cp_csrf", "debug": "_cp_debug", "request": "_cp_request",
        "static": "_cp_static", "tz": "_cp_tz", "media": "_cp_media",
        "i18n": "_cp_i18n"},
    "django.contrib.messages.context_processors": {"messages": "_cp_messages"},
    "django.contrib.sessions.backends.signed_cookies": {
        "SessionStore": "SignedCookieSessionStore"},
    "django.contrib.sessions.backends.db": {"SessionStore": "DatabaseSessionStore"},
    "django.contrib.messages": {
        "debug": "_msg_debug", "info": "_msg_info", "success": "_msg_success",
        "warning": "_msg_warning", "error": "_msg_error",
        "DEBUG": "MESSAGE_DEBUG", "INFO": "MESSAGE_INFO",
        "SUCCESS": "MESSAGE_SUCCESS", "WARNING": "MESSAGE_WARNING",
        "ERROR": "MESSAGE_ERROR"},
    "django.utils.dateformat": {"format": "dateformat", "time_format": "timeformat"},
    "django.utils.formats": {"time_format": "formats_time_format"},
    "django.conf.urls.static": {"static": "static_urlpatterns"},
    "django.templatetags.static": {"static": "static_url"},
    "django.db": {"router": "_router"},
    "django.db.models": {"NullBooleanField": "BooleanField"},
    "django.template.defaultfilters": {"register": "default_filters"},
}


class _AliasModule(type(sys)):
    """A `django.*` module whose attributes are djscratch's objects."""

    def __getattr__(self, name):
        submodule = f"{self.__name__}.{name}"
        if submodule in DJANGO_MODULES:  # django.db.models, template.loader, ...
            import importlib

            return importlib.import_module(submodule)
        table = DJANGO_MODULES.get(self.__name__, ())
        if name in table:
            ours = _ALIAS_RENAMES.get(self.__name__, {}).get(name, name)
            this = sys.modules[__name__]
            if hasattr(this, ours):
                value = getattr(this, ours)
                setattr(self, name, value)  # the next lookup is a plain getattr
                return value
        if self.__name__ == "django.conf.global_settings" and name in GLOBAL_SETTINGS:
            return GLOBAL_SETTINGS[name]
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(
            f"djscratch does not implement {self.__name__}.{name} "
            "(see the compatibility table in the README)"
        )

    def __dir__(self):
        return sorted(set(DJANGO_MODULES.get(self.__name__, ())) | set(self.__dict__))


class _AliasFinder:
    """The import hook: serve `django.*` modules from DJANGO_MODULES."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname != "django" and not fullname.startswith("django."):
            return None
        import importlib.machinery

        if fullname not in DJANGO_MODULES:
            raise ModuleNotFoundError(
                f"djscratch does not implement the module {fullname!r} "
                "(see the compatibility table in the README)",
                name=fullname,
            )
        return importlib.machinery.ModuleSpec(fullname, _AliasFinder, is_package=True)

    @staticmethod
    def create_module(spec):
        module = _AliasModule(spec.name)
        module.__file__ = __file__
        module.__path__ = []
        return module

    @staticmethod
    def exec_module(module):
        # Submodules are attributes of their parent, as after a real import.
        parent, _, child = module.__name__.rpartition(".")
        if parent and parent in sys.modules:
            setattr(sys.modules[parent], child, module)


def _engine_is_django():
    return os.environ.get("DJSCRATCH_ENGINE", "djscratch").lower() == "django"


def install_alias():
    """Make `django.*` imports resolve to djscratch (done on import)."""
    if _AliasFinder in sys.meta_path:
        return
    real = sys.modules.get("django")
    if real is not None and not isinstance(real, _AliasModule):
        raise ImproperlyConfigured(
            "Real Django was imported before djscratch; import djscratch first, or "
            "set DJSCRATCH_ENGINE=django to run on Django."
        )
    sys.meta_path.insert(0, _AliasFinder)


if not _engine_is_django():
    install_alias()

###############################################################################
# Command line ################################################################
###############################################################################

# `python -m djscratch COMMAND` and `python app.py COMMAND` both land in
# execute_from_command_line().  Each command is a function registered with
# @command; its docstring's first line is its help.  Commands receive the
# parsed argparse namespace.

__all__ += ["execute_from_command_line", "call_command", "CommandError"]


class CommandError(Exception):
    """A command failed; the message is printed and the exit status is 1."""

    def __init__(self, *args, returncode=1, **kwargs):
        self.returncode = returncode
        super().__init__(*args, **kwargs)


#: command name -> (function, argparse setup function)
COMMANDS = {}


def command(name, arguments=None):
    """Register a command-line command; `arguments(parser)` adds its options."""

    def decorator(func):
        COMMANDS[name] = (func, arguments or (lambda parser: None))
        return func

    return decorator


def _ensure_settings(app=None):
    """Configure settings for a command run outside a single-file app.

    Order: --settings / DJANGO_SETTINGS_MODULE; else a manage.py in the current
    folder that sets DJANGO_SETTINGS_MODULE; else empty defaults.
    """
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        return
    manage = os.path.join(os.getcwd(), "manage.py")
    if os.path.exists(manage):
        import re

        with open(manage, encoding="utf-8") as f:
            found = re.search(
                r"""DJANGO_SETTINGS_MODULE["']\\s*,\\s*["']([\\w.]+)["']""", f.read())
        if found:
            os.environ[ENVIRONMENT_VARIABLE] = found.group(1)
            return


@command("version")
def _cmd_version(options):
    """Print the djscratch version and the Django version it follows."""
    print(f"djscratch {__version__} (Django {get_version()} API)")


@command("help")
def _cmd_help(options):
    """List the commands."""
    print("Usage: python -m djscratch COMMAND [options]   (or: python app.py COMMAND)")
    print("\nCommands:")
    for name in sorted(COMMANDS):
        doc = (COMMANDS[name][0].__doc__ or "").strip().splitlines()
        print(f"  {name:<12} {doc[0] if doc else ''}")
    print("\nRun `COMMAND --help` for a command's options.")


def _check_arguments(parser):
    parser.add_argument("--deploy", action="store_true",
                        help="also check settings for production use")


@command("check", _check_arguments)
def _cmd_check(options):
    """Check the settings and the URLconf for common problems."""
    setup()
    problems = []
    if options.deploy:
        if settings.DEBUG:
            problems.append("DEBUG is on; turn it off in production.")
        if not settings.SECRET_KEY or len(settings.SECRET_KEY) < 50:
            problems.append("SECRET_KEY is empty or shorter than 50 characters.")
        if not settings.ALLOWED_HOSTS:
            problems.append("ALLOWED_HOSTS is empty.")
    if settings.ROOT_URLCONF:
        import importlib

        try:
            importlib.import_module(settings.ROOT_URLCONF)
        except ImportError as err:
            problems.append(f"ROOT_URLCONF {settings.ROOT_URLCONF!r} cannot be "
                            f"imported: {err}")
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    count = len(problems)
    print(f"System check identified {count or 'no'} issue{'s' if count != 1 else ''}.")
    if problems and options.deploy:
        raise CommandError("", returncode=1)


@command("shell")
def _cmd_shell(options):
    """Start an interactive Python shell with settings and models loaded."""
    import code

    setup()
    namespace = {"settings": settings}
    for model in apps.get_models():
        namespace[model.__name__] = model
    code.interact(local=namespace, banner=f"djscratch {__version__} shell")


def _run_arguments(parser):
    parser.add_argument("script", help="the Python file to run")
    parser.add_argument("args", nargs="*", help="arguments passed to the script")


@command("run", _run_arguments)
def _cmd_run(options):
    """Run a Python script with the django.* alias active."""
    import runpy

    sys.argv = [options.script] + options.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(options.script)))
    runpy.run_path(options.script, run_name="__main__")


def _test_arguments(parser):
    parser.add_argument("labels", nargs="*", metavar="test_label",
                        help="module, class, method or folder to test")
    parser.add_argument("-k", dest="test_name_patterns", action="append",
                        help="only run tests whose name matches the pattern")
    parser.add_argument("--failfast", action="store_true",
                        help="stop at the first failure")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])
    parser.add_argument("-p", "--pattern", default="test*.py",
                        help="file name pattern for discovery")
    parser.add_argument("-t", "--top-level-directory", dest="top_level")
    parser.add_argument("--keepdb", action="store_true",
                        help="keep the test database between runs")
    parser.add_argument("-r", "--reverse", action="store_true",
                        help="run the tests in reverse order")
    parser.add_argument("-b", "--buffer", action="store_true",
                        help="hide the output of passing tests")


@command("test", _test_arguments)
def _cmd_test(options, app=None):
    """Run the tests (unittest discovery of test*.py, Django's label forms)."""
    extra = [app.module] if app is not None else []
    runner = DiscoverRunner(
        pattern=options.pattern, top_level=options.top_level,
        verbosity=options.verbosity, failfast=options.failfast,
        keepdb=options.keepdb, reverse=options.reverse, buffer=options.buffer,
        test_name_patterns=options.test_name_patterns, extra_modules=extra)
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        setup()
    failures = runner.run_tests(options.labels)
    if failures:
        raise CommandError("", returncode=1)


# -- commands of the WSGI handler and server section (runserver) --

# -- commands of the ORM section (migrate, dbshell, dumpdata, loaddata) --

# -- commands of the templates section (template) --

# -- commands of the test framework --


def execute_from_command_line(argv=None, default_command="help", app=None):
    """Run a command from argv; return (or exit with) its status."""
    import argparse
    import inspect

    argv = list(sys.argv if argv is None else argv)
    prog = os.path.basename(argv[0]) if argv else "djscratch"
    if prog == "__main__.py" or prog == "djscratch.py":
        prog = "python -m djscratch"
    args = argv[1:]
    # Global options, Django's spelling: --settings and --pythonpath.
    for flag, apply in (("--settings", lambda v: os.environ.__setitem__(
            ENVIRONMENT_VARIABLE, v)), ("--pythonpath", lambda v: sys.path.insert(0, v))):
        for i, arg in enumerate(list(args)):
            if arg == flag and i + 1 < len(args):
                apply(args[i + 1])
                del args[i:i + 2]
                break
            if arg.startswith(flag + "="):
                apply(arg.split("=", 1)[1])
                del args[i]
                break
    name = args[0] if args and not args[0].startswith("-") else default_command
    if args and args[0] == name:
        args = args[1:]
    if name in ("--help", "-h"):
        name = "help"
    if name == "--version":
        name = "version"
    if name not in COMMANDS:
        print(f"Unknown command: {name!r}. Type '{prog} help' for usage.",
              file=sys.stderr)
        return _exit(2)
    func, arguments = COMMANDS[name]
    parser = argparse.ArgumentParser(
        prog=f"{prog} {name}", description=(func.__doc__ or "").strip())
    arguments(parser)
    options = parser.parse_args(args)
    if cwd_first := os.getcwd():
        if cwd_first not in sys.path:
            sys.path.insert(0, cwd_first)
    if app is None:
        _ensure_settings()
    try:
        if "app" in inspect.signature(func).parameters:
            func(options, app=app)
        else:
            func(options)
    except CommandError as err:
        if str(err):
            print(f"CommandError: {err}", file=sys.stderr)
        return _exit(err.returncode)
    except KeyboardInterrupt:
        return _exit(130)
    return _exit(0)


def _exit(status):
    if status:
        sys.exit(status)
    return status


def call_command(name, *args, **options):
    """Run a command from Python code, as Django's call_command does."""
    import argparse

    if name not in COMMANDS:
        raise CommandError(f"Unknown command: {name!r}")
    func, arguments = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=name)
    arguments(parser)
    argv = [str(a) for a in args]
    namespace = parser.parse_args(argv)
    for key, value in options.items():
        setattr(namespace, key, value)
    return func(namespace)


def main():
    """Entry point of `python -m djscratch` and the `djscratch` script."""
    return execute_from_command_line(sys.argv)

