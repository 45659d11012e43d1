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

# The ORM is peewee-shaped: a metaclass builds `_meta` for each model, a
# QuerySet is an immutable description of a query, and one compiler class turns
# it into SQL clause by clause.  Only SQLite is supported.  Values always travel
# as bound parameters; identifiers come from `_meta` and are quoted.  The layers,
# bottom up: database errors and connections (one sqlite3 connection per thread),
# transactions, fields, models, expressions and lookups, the compiler, QuerySet
# and managers, relations and deletion, schema editing and sync.

__all__ += [
    "connection", "connections", "transaction", "DEFAULT_DB_ALIAS", "Error",
    "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError",
    "TransactionManagementError", "atomic", "on_commit", "sync_schema",
    "reset_queries",
    "UnstorableValueError", "LookupValueError", "LookupValidationError",
    "close_old_connections",
]

DEFAULT_DB_ALIAS = "default"


# -- Database errors: Django's PEP 249 hierarchy; sqlite3's errors are re-raised
#    as these, with the original chained as __cause__.


class Error(Exception):
    """Base of the database errors (django.db.Error)."""


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    """A value does not fit the database (too large, not encodable, NUL)."""


class OperationalError(DatabaseError):
    pass


# Bad values usually come from a request (a query string, a form): these
# subclasses keep Django's exception types for code that catches them, and are
# BadRequest too, so the request handler answers 400 instead of 500.


class UnstorableValueError(DataError, BadRequest):
    """A value SQLite cannot store: integer over 64 bits, NUL, lone surrogate."""


class LookupValueError(ValueError, BadRequest):
    """A lookup value of the wrong type ("abc" for an integer field)."""


class LookupValidationError(ValidationError, BadRequest):
    """A lookup value a field cannot parse (a malformed date or UUID)."""


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class TransactionManagementError(ProgrammingError):
    """Transaction management was used wrongly (e.g. a query in a broken atomic)."""


def _db_error_class(exc):
    """Return the Django error class for a sqlite3 exception."""
    return {
        "IntegrityError": IntegrityError, "OperationalError": OperationalError,
        "ProgrammingError": ProgrammingError, "DataError": DataError,
        "InternalError": InternalError, "NotSupportedError": NotSupportedError,
        "InterfaceError": InterfaceError,
    }.get(type(exc).__name__, DatabaseError)


def _raise_db_error(exc):
    """Re-raise a sqlite3/encoding error as the matching django.db error."""
    if isinstance(exc, OverflowError):
        raise UnstorableValueError(
            "Integer value out of range for SQLite (at most 2**63-1): " + str(exc)
        ) from exc
    if isinstance(exc, UnicodeEncodeError):
        raise UnstorableValueError(
            "String value cannot be stored: it contains a lone surrogate "
            "character (%r at position %d)." % (exc.object[exc.start], exc.start)
        ) from exc
    raise _db_error_class(exc)(*exc.args) from exc


# -- SQLite helpers registered on every connection: REGEXP and the date/time
#    extraction Django's lookups use.


def _sqlite_regexp(pattern, value):
    import re

    if pattern is None or value is None:
        return None
    return bool(re.search(pattern, str(value)))


def _sqlite_parse_dt(value, tzname):
    """Parse stored datetime text, converted to `tzname` when given."""
    import datetime

    if value is None:
        return None
    try:
        dt = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if tzname and dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
        dt = dt.astimezone(datetime.timezone.utc if tzname == "UTC" else _tz(tzname))
    return dt


def _extract(lookup, dt):
    if dt is None:
        return None
    if lookup == "week_day":
        return (dt.isoweekday() % 7) + 1
    if lookup == "iso_week_day":
        return dt.isoweekday()
    if lookup == "week":
        return dt.isocalendar()[1]
    if lookup == "iso_year":
        return dt.isocalendar()[0]
    if lookup == "quarter":
        return (dt.month - 1) // 3 + 1
    return getattr(dt, lookup, None)


def _sqlite_datetime_extract(lookup, value, tzname):
    return _extract(lookup, _sqlite_parse_dt(value, tzname))


def _sqlite_datetime_cast(kind, value, tzname):
    dt = _sqlite_parse_dt(value, tzname)
    if dt is None:
        return None
    return str(dt.date() if kind == "date" else dt.time())


def _sqlite_datetime_trunc(kind, value, tzname):
    """Truncate stored datetime text to `kind` in zone `tzname`; return UTC text."""
    import datetime

    dt = _sqlite_parse_dt(value, tzname)
    if dt is None:
        return None
    if kind == "week":
        dt = (dt - datetime.timedelta(days=dt.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0)
    elif kind == "quarter":
        dt = dt.replace(month=(dt.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0,
                        second=0, microsecond=0)
    else:
        parts = ["year", "month", "day", "hour", "minute", "second"]
        keep = parts[:parts.index(kind) + 1]
        reset = {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
        dt = dt.replace(microsecond=0, **{k: v for k, v in reset.items()
                                          if k not in keep})
    if kind in ("year", "quarter", "month", "week", "day") and dt.tzinfo is not None:
        dt = dt.replace(tzinfo=dt.tzinfo)  # midnight in the zone, kept aware
    if dt.tzinfo is not None:
        dt = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return str(dt)


def _sqlite_date_trunc(kind, value):
    import datetime

    if value is None:
        return None
    d = datetime.date.fromisoformat(str(value)[:10])
    if kind == "year":
        d = d.replace(month=1, day=1)
    elif kind == "quarter":
        d = d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    elif kind == "month":
        d = d.replace(day=1)
    elif kind == "week":
        d = d - datetime.timedelta(days=d.weekday())
    return str(d)


def _sqlite_date_extract(lookup, value):
    import datetime

    if value is None:
        return None
    try:
        return _extract(lookup, datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return None


def _sqlite_time_extract(lookup, value):
    import datetime

    if value is None:
        return None
    try:
        return _extract(lookup, datetime.time.fromisoformat(str(value)))
    except ValueError:
        return None


def _quote_literal(value):
    """Render a parameter as an SQL literal, for the query log only."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "X'%s'" % bytes(value).hex()
    return "'%s'" % str(value).replace("'", "''")


def _interpolate(sql, params):
    """Return `sql` with its ? placeholders replaced by literals (for logs)."""
    if not params:
        return sql
    parts = sql.split("?")
    if len(parts) != len(params) + 1:
        return "%s -- params: %r" % (sql, tuple(params))
    out = [parts[0]]
    for value, part in zip(params, parts[1:]):
        out.append(_quote_literal(value))
        out.append(part)
    return "".join(out)


def quote_name(name):
    """Quote an SQL identifier (names come from _meta, never from users)."""
    if name.startswith('"') and name.endswith('"'):
        return name
    return '"%s"' % name.replace('"', '""')


class CursorWrapper:
    """A DB-API cursor taking Django's %s placeholders (connection.cursor())."""

    def __init__(self, cursor, db):
        self.cursor = cursor
        self.db = db

    @staticmethod
    def _convert(sql, params):
        if params is None:
            return sql
        if isinstance(params, dict):
            import re

            return re.sub(r"%\((\w+)\)s", r":\1", sql).replace("%%", "%")
        return sql.replace("%s", "?").replace("%%", "%")

    def execute(self, sql, params=None):
        sql = self._convert(sql, params)
        self.db._execute(sql, params if params is not None else (), self.cursor)
        return self

    def executemany(self, sql, param_list):
        param_list = list(param_list)
        sql = self._convert(sql, param_list[0] if param_list else ())
        self.db._executemany(sql, param_list, self.cursor)
        return self

    def callproc(self, *args):
        raise NotSupportedError("SQLite has no stored procedures.")

    def __getattr__(self, name):
        return getattr(self.cursor, name)

    def __iter__(self):
        return iter(self.cursor)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        try:
            self.cursor.close()
        except Exception:
            pass


class DatabaseFeatures:
    """What the SQLite backend supports (for skipIfDBFeature and friends)."""

    def __init__(self, connection):
        self.connection = connection

    supports_transactions = True
    uses_savepoints = True
    can_release_savepoints = True
    atomic_transactions = False
    supports_foreign_keys = True
    can_rollback_ddl = True
    has_select_for_update = False
    has_native_uuid_field = False
    has_native_duration_field = False
    has_native_json_field = False
    supports_json_field = True
    supports_timezones = False
    has_zoneinfo_database = True
    supports_over_clause = True
    supports_aggregate_filter_clause = True
    supports_paramstyle_pyformat = False
    supports_regex_backreferencing = False
    supports_sequence_reset = False
    supports_microsecond_precision = True
    supports_forward_references = True
    can_return_rows_from_bulk_insert = True
    can_return_columns_from_insert = True
    has_bulk_insert = True
    supports_combined_alters = False
    supports_partial_indexes = True
    supports_expression_indexes = True
    supports_deferrable_unique_constraints = False
    test_db_allows_multiple_connections = False
    max_query_params = 999
    interprets_empty_strings_as_nulls = False
    ignores_table_name_case = True
    supports_unspecified_pk = True
    allows_group_by_selected_pks = False
    connection_persists_old_columns = False
    can_defer_constraint_checks = True
    supports_select_union = True
    supports_select_intersection = True
    supports_select_difference = True
    supports_slicing_ordering_in_compound = True
    supports_update_conflicts = True
    supports_ignore_conflicts = True

    @cached_property
    def supports_json_field_contains(self):
        return False


class DatabaseOperations:
    """Small SQL helpers (connection.ops)."""

    def __init__(self, connection):
        self.connection = connection

    def quote_name(self, name):
        return quote_name(name)

    def max_name_length(self):
        return None

    def last_insert_id(self, cursor, table_name, pk_name):
        return cursor.lastrowid

    def integer_field_range(self, internal_type):
        return _INTEGER_RANGES.get(internal_type, (None, None))


#: (min, max) per integer field type; SQLite stores every integer in 64 bits.
_INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
    "PositiveSmallIntegerField": (0, 32767),
    "PositiveIntegerField": (0, 2147483647),
    "SmallAutoField": (-32768, 32767),
    "AutoField": (-2147483648, 2147483647),
    "BigAutoField": (-9223372036854775808, 9223372036854775807),
}


class DatabaseCreation:
    """Create and destroy the test database (connection.creation).

    Django's seams for the test runner: the test database never touches the
    real one.  An in-memory test database is a shared-cache URI, so every
    thread's connection sees the same data, as Django's does.
    """

    def __init__(self, connection):
        self.connection = connection

    @staticmethod
    def is_in_memory_db(name):
        name = str(name)
        return name == ":memory:" or "mode=memory" in name

    def _get_test_db_name(self):
        settings_dict = self.connection.settings_dict
        test_name = (settings_dict.get("TEST") or {}).get("NAME") or ":memory:"
        if test_name == ":memory:":
            return "file:memorydb_%s?mode=memory&cache=shared" % self.connection.alias
        return test_name

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True,
                       keepdb=False):
        """Point the connection at a fresh test database, build its tables."""
        test_name = self._get_test_db_name()
        if verbosity >= 1:
            action = "Using existing" if keepdb else "Creating"
            shown = "'%s'" % self.connection.alias
            if not self.is_in_memory_db(test_name):
                shown += " ('%s')" % test_name
            print("%s test database for alias %s..." % (action, shown), file=sys.stderr)
        if not self.is_in_memory_db(test_name) and not keepdb:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(test_name + suffix):
                    os.remove(test_name + suffix)
        self.connection.close()
        databases = settings.DATABASES
        databases.setdefault(self.connection.alias, {})["NAME"] = test_name
        self.connection.settings_dict["NAME"] = test_name
        if self.is_in_memory_db(test_name):
            # Keep one connection open for the life of the test run: a shared
            # in-memory database disappears with its last connection.
            import sqlite3

            connections._keepers[test_name] = sqlite3.connect(
                test_name, uri=True, check_same_thread=False)
        sync_schema(using=self.connection.alias, verbosity=0)
        return test_name

    def destroy_test_db(self, old_database_name=None, verbosity=1, keepdb=False,
                        suffix=None):
        """Close the test database, delete it (unless keepdb), restore NAME."""
        test_name = self.connection.settings_dict["NAME"]
        self.connection.close()
        if verbosity >= 1:
            action = "Preserving" if keepdb else "Destroying"
            print("%s test database for alias '%s'..." % (
                action, self.connection.alias), file=sys.stderr)
        keeper = connections._keepers.pop(test_name, None)
        if keeper is not None:
            keeper.close()
        elif not keepdb and test_name and not self.is_in_memory_db(test_name):
            for suffix_ in ("", "-wal", "-shm"):
                if os.path.exists(test_name + suffix_):
                    os.remove(test_name + suffix_)
        if old_database_name is not None:
            settings.DATABASES[self.connection.alias]["NAME"] = old_database_name
            self.connection.settings_dict["NAME"] = old_database_name


class DatabaseWrapper:
    """One thread's connection to one database (Django's DatabaseWrapper).

    The sqlite3 connection opens on first use with web-safe settings: WAL,
    busy_timeout from OPTIONS["timeout"] (seconds, default 5), foreign keys
    on, then OPTIONS["init_command"].  Outside atomic() every statement
    commits on its own; atomic() starts a transaction with BEGIN IMMEDIATE
    (OPTIONS["transaction_mode"] may say DEFERRED or EXCLUSIVE) so that
    concurrent writers queue on the busy timeout instead of failing midway.
    """

    vendor = "sqlite"
    display_name = "SQLite"
    queries_limit = 9000
    data_types = {
        "AutoField": "integer", "BigAutoField": "integer",
        "SmallAutoField": "integer", "BinaryField": "BLOB",
        "BooleanField": "bool", "CharField": "varchar(%(max_length)s)",
        "DateField": "date", "DateTimeField": "datetime", "DecimalField": "decimal",
        "DurationField": "bigint", "FileField": "varchar(%(max_length)s)",
        "FloatField": "real", "IntegerField": "integer", "BigIntegerField": "bigint",
        "GenericIPAddressField": "char(39)", "JSONField": "text",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveIntegerField": "integer unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "SlugField": "varchar(%(max_length)s)", "SmallIntegerField": "smallint",
        "TextField": "text", "TimeField": "time", "UUIDField": "char(32)",
    }
    data_type_check_constraints = {
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
    }

    def __init__(self, settings_dict, alias=DEFAULT_DB_ALIAS):
        import collections

        self.settings_dict = settings_dict
        self.alias = alias
        self.connection = None
        self.autocommit = True
        self.in_atomic_block = False
        self.commit_on_exit = True
        self.needs_rollback = False
        self.rollback_exc = None
        self.savepoint_ids = []
        self.atomic_blocks = []
        self.savepoint_state = 0
        self.run_on_commit = []
        self.run_commit_hooks_on_set_autocommit_on = False
        self.force_debug_cursor = False
        self.queries_log = collections.deque(maxlen=self.queries_limit)
        self.features = DatabaseFeatures(self)
        self.ops = DatabaseOperations(self)
        self.creation = DatabaseCreation(self)
        self._thread_ident = threading.get_ident()

    def __repr__(self):
        return "<DatabaseWrapper vendor=%r alias=%r>" % (self.vendor, self.alias)

    # -- connecting

    def get_connection_params(self):
        name = self.settings_dict.get("NAME")
        if not name:
            raise ImproperlyConfigured(
                "settings.DATABASES is improperly configured. "
                "Please supply the NAME value.")
        return name, dict(self.settings_dict.get("OPTIONS") or {})

    def get_new_connection(self):
        import sqlite3

        name, options = self.get_connection_params()
        init_command = options.pop("init_command", "")
        mode = options.pop("transaction_mode", None)
        if mode is not None and mode.upper() not in ("DEFERRED", "EXCLUSIVE",
                                                      "IMMEDIATE"):
            raise ImproperlyConfigured(
                "settings.DATABASES[%r]['OPTIONS']['transaction_mode'] is improperly "
                "configured to '%s'. Use one of 'DEFERRED', 'EXCLUSIVE', "
                "'IMMEDIATE', or None." % (self.alias, mode))
        self._begin = "BEGIN " + (mode or "IMMEDIATE").upper()
        timeout = options.pop("timeout", 5)
        options.pop("check_same_thread", None)
        name = str(name)
        uri = options.pop("uri", name.startswith("file:"))
        conn = sqlite3.connect(name, timeout=timeout, isolation_level=None,
                               check_same_thread=False, uri=uri, **options)
        conn.execute("PRAGMA busy_timeout = %d" % int(float(timeout) * 1000))
        conn.execute("PRAGMA foreign_keys = ON")
        if not DatabaseCreation.is_in_memory_db(name):
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.create_function("REGEXP", 2, _sqlite_regexp, deterministic=True)
        conn.create_function("django_datetime_extract", 3, _sqlite_datetime_extract,
                             deterministic=True)
        conn.create_function("django_datetime_cast", 3, _sqlite_datetime_cast,
                             deterministic=True)
        conn.create_function("django_date_extract", 2, _sqlite_date_extract,
                             deterministic=True)
        conn.create_function("django_datetime_trunc", 3, _sqlite_datetime_trunc,
                             deterministic=True)
        conn.create_function("django_date_trunc", 2, _sqlite_date_trunc,
                             deterministic=True)
        conn.create_function("django_time_extract", 2, _sqlite_time_extract,
                             deterministic=True)
        for statement in filter(None, (s.strip() for s in init_command.split(";"))):
            conn.execute(statement)
        return conn

    def ensure_connection(self):
        """Open the sqlite3 connection if needed; return it."""
        if self.connection is None:
            self.connection = self.get_new_connection()
            connection_created.send(sender=type(self), connection=self)
        return self.connection

    def connect(self):
        self.ensure_connection()

    def close(self):
        """Close the connection (rolling back an unfinished transaction)."""
        if self.connection is not None:
            conn, self.connection = self.connection, None
            try:
                conn.close()
            except Exception:
                pass
        self.in_atomic_block = False
        self.autocommit = True
        self.savepoint_ids = []
        self.needs_rollback = False
        self.run_on_commit = []

    def is_usable(self):
        return self.connection is not None

    def cursor(self):
        """Return a cursor taking Django's %s placeholders."""
        return CursorWrapper(self.ensure_connection().cursor(), self)

    def chunked_cursor(self):
        return self.cursor()

    # -- executing (every statement of the ORM passes through here)

    @property
    def queries_logged(self):
        return self.force_debug_cursor or settings.DEBUG

    @property
    def queries(self):
        if len(self.queries_log) == self.queries_log.maxlen:
            import warnings

            warnings.warn(
                "Limit for query logging exceeded, only the last {} queries "
                "will be returned.".format(self.queries_log.maxlen))
        return list(self.queries_log)

    def validate_no_broken_transaction(self):
        if self.needs_rollback:
            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't "
                "execute queries until the end of the 'atomic' block."
            ) from self.rollback_exc

    def _execute(self, sql, params=(), cursor=None):
        """Run one statement; return the sqlite3 cursor."""
        if self.needs_rollback:
            self.validate_no_broken_transaction()
        if cursor is None:
            cursor = (self.connection or self.ensure_connection()).cursor()
        if self.force_debug_cursor or settings.DEBUG:
            import time

            start = time.monotonic()
            try:
                cursor.execute(sql, params)
            except Exception as exc:
                self._log(sql, params, start)
                _raise_db_error(exc)
            self._log(sql, params, start)
            return cursor
        try:
            cursor.execute(sql, params)
        except Exception as exc:
            _raise_db_error(exc)
        return cursor

    def _executemany(self, sql, param_list, cursor=None):
        if self.needs_rollback:
            self.validate_no_broken_transaction()
        if cursor is None:
            cursor = self.ensure_connection().cursor()
        import time

        start = time.monotonic()
        try:
            cursor.executemany(sql, param_list)
        except Exception as exc:
            _raise_db_error(exc)
        if self.queries_logged:
            self.queries_log.append({
                "sql": "%s times: %s" % (len(param_list), sql),
                "time": "%.3f" % (time.monotonic() - start)})
        return cursor

    def _log(self, sql, params, start):
        import time

        self.queries_log.append({
            "sql": _interpolate(sql, params),
            "time": "%.3f" % (time.monotonic() - start)})

    # -- transactions (called by atomic(); Django's names)

    def get_autocommit(self):
        return self.autocommit

    def set_autocommit(self, autocommit,
                       force_begin_transaction_with_broken_autocommit=False):
        """Leave (False) or re-enter (True) autocommit mode."""
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        conn = self.ensure_connection()
        if not autocommit and self.autocommit:
            self._execute(self._begin)
        elif autocommit and not self.autocommit and conn.in_transaction:
            conn.execute("COMMIT")
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_and_clear_commit_hooks()
            self.run_commit_hooks_on_set_autocommit_on = False

    def _commit_transaction(self):
        """COMMIT the open transaction, then run the on_commit callbacks."""
        if self.connection is not None and self.connection.in_transaction:
            self._execute_tx("COMMIT")
        self.run_and_clear_commit_hooks()

    def _rollback_transaction(self):
        """ROLLBACK the open transaction; drop the on_commit callbacks."""
        self.run_on_commit = []
        try:
            if self.connection is not None and self.connection.in_transaction:
                self._execute_tx("ROLLBACK")
        except Error:
            self.close()

    def atomic_blocks_depth(self):
        return len(self.atomic_blocks)

    def commit(self):
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        if self.connection is not None and self.connection.in_transaction:
            try:
                self.connection.execute("COMMIT")
            except Exception as exc:
                _raise_db_error(exc)
            if not self.autocommit:
                self._execute(self._begin)
        self.run_and_clear_commit_hooks()

    def rollback(self):
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        if self.connection is not None and self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
            if not self.autocommit:
                self._execute(self._begin)
        self.needs_rollback = False
        self.run_on_commit = []

    def savepoint(self):
        """Create a savepoint in the current transaction; return its id."""
        if self.get_autocommit() and not self.in_atomic_block:
            return None
        self.savepoint_state += 1
        sid = "s%s_x%d" % (threading.get_ident(), self.savepoint_state)
        self._execute("SAVEPOINT %s" % quote_name(sid))
        return sid

    def savepoint_rollback(self, sid):
        self._execute_tx("ROLLBACK TO SAVEPOINT %s" % quote_name(sid))
        self.run_on_commit = [
            (sids, func, robust) for (sids, func, robust) in self.run_on_commit
            if sid not in sids]

    def savepoint_commit(self, sid):
        self._execute_tx("RELEASE SAVEPOINT %s" % quote_name(sid))

    def _execute_tx(self, sql):
        conn = self.ensure_connection()
        try:
            conn.execute(sql)
        except Exception as exc:
            _raise_db_error(exc)
        if self.queries_logged:
            self.queries_log.append({"sql": sql, "time": "0.000"})

    def get_rollback(self):
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block.")
        return self.needs_rollback

    def set_rollback(self, rollback):
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block.")
        self.needs_rollback = rollback

    def on_commit(self, func, robust=False):
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.savepoint_ids or self.in_atomic_block:
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        elif not self.get_autocommit():
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        else:
            self._run_hook(func, robust)

    @staticmethod
    def _run_hook(func, robust):
        if not robust:
            func()
            return
        try:
            func()
        except Exception as exc:
            import logging

            logging.getLogger("django.db.backends.base").error(
                "Error calling %s in on_commit() (%s).",
                getattr(func, "__qualname__", func), exc, exc_info=True)

    def run_and_clear_commit_hooks(self):
        hooks, self.run_on_commit = self.run_on_commit, []
        while hooks:
            _sids, func, robust = hooks.pop(0)
            self._run_hook(func, robust)

    def schema_editor(self, *args, **kwargs):
        """Return a schema editor (a context manager) for this connection."""
        return DatabaseSchemaEditor(self, *args, **kwargs)

    def introspection_table_names(self):
        rows = self._execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'").fetchall()
        return sorted(r[0] for r in rows)

    @property
    def introspection(self):
        return _Introspection(self)


class _Introspection:
    def __init__(self, connection):
        self.connection = connection

    def table_names(self, cursor=None, include_views=False):
        return self.connection.introspection_table_names()

    def get_table_description(self, cursor, table_name):
        return self.connection._execute(
            "PRAGMA table_info(%s)" % quote_name(table_name)).fetchall()


connection_created = Signal()


_MISSING_DATABASES = object()


class ConnectionHandler:
    """`connections[alias]`: one DatabaseWrapper per alias and thread.

    Wrappers are rebuilt when settings.DATABASES changes (override_settings,
    configure), so tests pointing DATABASES elsewhere get a fresh connection.
    """

    def __init__(self):
        self._local = threading.local()
        self._generation = 0
        self._keepers = {}  # shared in-memory test DB name -> keep-alive connection
        self._snapshot = None  # DATABASES as the current connections saw it

    def _wrappers(self):
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            for wrapper in getattr(local, "wrappers", {}).values():
                wrapper.close()
            local.wrappers = {}
            local.generation = self._generation
        return local.wrappers

    def __getitem__(self, alias):
        local = self._local
        try:
            if local.generation == self._generation and self._snapshot is not None:
                return local.wrappers[alias]
        except (AttributeError, KeyError):
            pass
        if self._snapshot is None:
            import copy

            self._snapshot = copy.deepcopy(settings.DATABASES)
        wrappers = self._wrappers()
        wrapper = wrappers.get(alias)
        if wrapper is None:
            wrapper = wrappers[alias] = DatabaseWrapper(
                self.settings_for(alias), alias)
        return wrapper

    def settings_for(self, alias):
        databases = settings.DATABASES
        if alias not in databases:
            if alias == DEFAULT_DB_ALIAS and not databases:
                raise ImproperlyConfigured(
                    "settings.DATABASES is improperly configured. Please supply "
                    "the ENGINE value. Check settings documentation for more details.")
            raise ConnectionDoesNotExist("The connection '%s' doesn't exist." % alias)
        conf = databases[alias]
        engine = conf.get("ENGINE") or "django.db.backends.sqlite3"
        if engine not in ("django.db.backends.sqlite3", "djscratch.sqlite3"):
            raise ImproperlyConfigured(
                "djscratch supports only SQLite; DATABASES[%r]['ENGINE'] is %r "
                "(use 'django.db.backends.sqlite3')." % (alias, engine))
        conf.setdefault("OPTIONS", {})
        conf.setdefault("TEST", {})
        return conf

    def __iter__(self):
        return iter(settings.DATABASES)

    def all(self, initialized_only=False):
        if initialized_only:
            return list(self._wrappers().values())
        return [self[alias] for alias in self]

    def close_all(self):
        for wrapper in self._wrappers().values():
            wrapper.close()

    def reset(self, databases=_MISSING_DATABASES):
        """Forget every thread's wrappers (done when DATABASES changes).

        Given the new DATABASES value, do nothing if it equals the one the
        current connections were opened with.
        """
        if databases is not _MISSING_DATABASES and databases == self._snapshot:
            return
        self._generation += 1
        self._snapshot = None


class ConnectionDoesNotExist(Exception):
    pass


connections = ConnectionHandler()


def _databases_changed(setting=None, value=None, **kwargs):
    if setting == "DATABASES":
        connections.reset(value)


setting_changed.connect(_databases_changed, dispatch_uid="djscratch_databases")


def reset_queries(**kwargs):
    """Empty every connection's query log (done at the start of each request)."""
    for wrapper in connections.all(initialized_only=True):
        wrapper.queries_log.clear()


def close_old_connections(**kwargs):
    """At request boundaries: close connections whose CONN_MAX_AGE is 0.

    djscratch keeps a thread's SQLite connection open across requests unless
    DATABASES[alias]["CONN_MAX_AGE"] is explicitly 0; a connection left in a
    broken transaction is closed either way.
    """
    for wrapper in connections.all(initialized_only=True):
        if wrapper.in_atomic_block:
            continue
        if wrapper.settings_dict.get("CONN_MAX_AGE", None) == 0 or (
                wrapper.connection is not None and wrapper.connection.in_transaction
                and wrapper.get_autocommit()):
            wrapper.close()


request_started.connect(reset_queries, dispatch_uid="djscratch_reset_queries")
request_started.connect(close_old_connections, dispatch_uid="djscratch_close_start")
request_finished.connect(close_old_connections, dispatch_uid="djscratch_close_end")


class _ConnectionProxy:
    """`connection`: the default alias's wrapper for the current thread."""

    def __getattr__(self, name):
        return getattr(connections[DEFAULT_DB_ALIAS], name)

    def __setattr__(self, name, value):
        setattr(connections[DEFAULT_DB_ALIAS], name, value)

    def __delattr__(self, name):
        delattr(connections[DEFAULT_DB_ALIAS], name)

    def __eq__(self, other):
        return connections[DEFAULT_DB_ALIAS] == other

    def __hash__(self):
        return hash(connections[DEFAULT_DB_ALIAS])

    def __repr__(self):
        return repr(connections[DEFAULT_DB_ALIAS])


connection = _ConnectionProxy()


class _Router:
    """django.db.router: one database, so every question answers "default"."""

    def db_for_read(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return True

    def allow_migrate_model(self, db, model):
        return True


_router = _Router()


# -- Transactions (django.db.transaction)


class Atomic:
    """atomic(): a transaction, or a savepoint when nested (decorator or `with`).

    On success the outermost block commits and runs on_commit() callbacks; on
    an exception it rolls back and re-raises.  A nested block rolls back to
    its savepoint only; with savepoint=False an error marks the whole outer
    transaction for rollback.
    """

    def __init__(self, using=None, savepoint=True, durable=False):
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        self._from_testcase = False

    def __call__(self, func):
        import functools

        @functools.wraps(func)
        def inner(*args, **kwargs):
            with self.__class__(self.using, self.savepoint, self.durable):
                return func(*args, **kwargs)

        return inner

    def __enter__(self):
        db = connections[self.using or DEFAULT_DB_ALIAS]
        if (self.durable and db.atomic_blocks_depth()
                and not getattr(db.atomic_blocks[-1], "_from_testcase", False)):
            raise RuntimeError(
                "A durable atomic block cannot be nested within another atomic block.")
        if not db.in_atomic_block:
            db.commit_on_exit = True
            db.needs_rollback = False
            if not db.get_autocommit():
                db.in_atomic_block = True
                db.commit_on_exit = False
        if db.in_atomic_block:
            if self.savepoint and not db.needs_rollback:
                sid = db.savepoint()
                db.savepoint_ids.append(sid)
            else:
                db.savepoint_ids.append(None)
        else:
            db.ensure_connection()
            db._execute(db._begin)
            db.autocommit = False
            db.in_atomic_block = True
        db.atomic_blocks.append(self)

    def __exit__(self, exc_type, exc_value, traceback):
        db = connections[self.using or DEFAULT_DB_ALIAS]
        db.atomic_blocks.pop()
        if db.savepoint_ids:
            sid = db.savepoint_ids.pop()
        else:
            sid = None
            db.in_atomic_block = False  # early, so commit/rollback are allowed
        try:
            if db.connection is None:
                db.needs_rollback = False  # closed inside the block: nothing to do
            elif exc_type is None and not db.needs_rollback:
                if not db.in_atomic_block:
                    try:
                        db._commit_transaction()
                    except DatabaseError:
                        db._rollback_transaction()
                        raise
                elif sid is not None:
                    try:
                        db.savepoint_commit(sid)
                    except DatabaseError:
                        try:
                            db.savepoint_rollback(sid)
                            db.savepoint_commit(sid)
                        except Error:
                            db.needs_rollback = True
                        raise
            else:
                db.needs_rollback = False
                if db.in_atomic_block:
                    if sid is None:
                        db.needs_rollback = True
                        if exc_value is not None:
                            db.rollback_exc = exc_value
                    else:
                        try:
                            db.savepoint_rollback(sid)
                            db.savepoint_commit(sid)
                        except Error:
                            db.needs_rollback = True
                else:
                    db._rollback_transaction()
        finally:
            if not db.in_atomic_block:
                db.autocommit = True  # the outermost block ends
            elif not db.savepoint_ids and not db.commit_on_exit:
                db.in_atomic_block = False  # a manual transaction goes on


def atomic(using=None, savepoint=True, durable=False):
    """Run a block or a function in a transaction (savepoint when nested)."""
    if callable(using):
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def on_commit(func, using=None, robust=False):
    """Call `func` after the current transaction commits (now, if none)."""
    connections[using or DEFAULT_DB_ALIAS].on_commit(func, robust)


def get_autocommit(using=None):
    return connections[using or DEFAULT_DB_ALIAS].get_autocommit()


def set_autocommit(autocommit, using=None):
    return connections[using or DEFAULT_DB_ALIAS].set_autocommit(autocommit)


def commit(using=None):
    connections[using or DEFAULT_DB_ALIAS].commit()


def rollback(using=None):
    connections[using or DEFAULT_DB_ALIAS].rollback()


def savepoint(using=None):
    return connections[using or DEFAULT_DB_ALIAS].savepoint()


def savepoint_rollback(sid, using=None):
    connections[using or DEFAULT_DB_ALIAS].savepoint_rollback(sid)


def savepoint_commit(sid, using=None):
    connections[using or DEFAULT_DB_ALIAS].savepoint_commit(sid)


def get_rollback(using=None):
    return connections[using or DEFAULT_DB_ALIAS].get_rollback()


def set_rollback(rollback, using=None):
    return connections[using or DEFAULT_DB_ALIAS].set_rollback(rollback)


def mark_for_rollback_on_error(using=None):
    """Context manager: mark the transaction for rollback if the block raises."""
    import contextlib

    @contextlib.contextmanager
    def manager():
        try:
            yield
        except Exception as exc:
            db = connections[using or DEFAULT_DB_ALIAS]
            if db.in_atomic_block:
                db.needs_rollback = True
                db.rollback_exc = exc
            raise

    return manager()


class _TransactionModule:
    """`django.db.transaction` as an object, for `from django.db import transaction`."""

    atomic = staticmethod(atomic)
    on_commit = staticmethod(on_commit)
    get_autocommit = staticmethod(get_autocommit)
    set_autocommit = staticmethod(set_autocommit)
    commit = staticmethod(commit)
    rollback = staticmethod(rollback)
    savepoint = staticmethod(savepoint)
    savepoint_rollback = staticmethod(savepoint_rollback)
    savepoint_commit = staticmethod(savepoint_commit)
    get_rollback = staticmethod(get_rollback)
    set_rollback = staticmethod(set_rollback)
    mark_for_rollback_on_error = staticmethod(mark_for_rollback_on_error)
    Atomic = Atomic
    TransactionManagementError = TransactionManagementError

    def __repr__(self):
        return "<module 'django.db.transaction' (djscratch)>"


transaction = _TransactionModule()


# -- Fields.  A field knows its column, converts values between Python and
#    SQLite (to_python / get_prep_value / get_db_prep_value / from_db_value)
#    and validates them with Django's messages.

__all__ += [
    "NOT_PROVIDED", "Field", "AutoField", "BigAutoField", "SmallAutoField",
    "CharField", "TextField", "IntegerField", "SmallIntegerField",
    "BigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "FloatField", "DecimalField", "BooleanField",
    "DateField", "DateTimeField", "TimeField", "DurationField", "EmailField",
    "URLField", "SlugField", "UUIDField", "JSONField", "BinaryField",
    "GenericIPAddressField", "FileField", "ImageField", "Choices", "TextChoices",
    "IntegerChoices",
]


class NOT_PROVIDED:
    """Marks an option that was not given (e.g. a field without a default)."""


BLANK_CHOICE_DASH = [("", "---------")]


class DeferredAttribute:
    """Class attribute of each concrete field: loads a deferred value on access.

    It is a non-data descriptor, so a loaded value in the instance __dict__ is
    found first and reading a field costs a plain dict lookup.
    """

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        name = self.field.attname
        if name not in instance.__dict__:
            if instance.pk is None and not self.field.primary_key:
                raise AttributeError(name)
            instance.refresh_from_db(fields=[name])
        return instance.__dict__[name]


class Field:
    """Base of every model field; subclasses set the type and conversions."""

    empty_strings_allowed = True
    empty_values = [None, "", [], (), {}]
    creation_counter = 0
    auto_creation_counter = -1
    default_validators = []
    default_error_messages = {
        "invalid_choice": "Value %(value)r is not a valid choice.",
        "null": "This field cannot be null.",
        "blank": "This field cannot be blank.",
        "unique": "%(model_name)s with this %(field_label)s already exists.",
        "unique_for_date": "%(field_label)s must be unique for %(date_field_label)s "
                           "%(lookup_type)s.",
    }
    description = "Field"
    is_relation = False
    many_to_many = None
    many_to_one = None
    one_to_many = None
    one_to_one = None
    related_model = None
    remote_field = None
    hidden = False
    generated = False
    descriptor_class = DeferredAttribute
    #: True when values need no conversion on their way to and from SQLite.
    _plain_db_value = False

    def __init__(self, verbose_name=None, name=None, primary_key=False,
                 max_length=None, unique=False, blank=False, null=False,
                 db_index=False, rel=None, default=NOT_PROVIDED, editable=True,
                 serialize=True, unique_for_date=None, unique_for_month=None,
                 unique_for_year=None, choices=None, help_text="", db_column=None,
                 db_tablespace=None, auto_created=False, validators=(),
                 error_messages=None, db_comment=None, db_default=NOT_PROVIDED):
        self.name = name
        self.verbose_name = verbose_name
        self._verbose_name = verbose_name
        self.primary_key = primary_key
        self.max_length = max_length
        self._unique = unique
        self.blank = blank
        self.null = null
        self.remote_field = rel
        self.is_relation = self.remote_field is not None
        self.default = default
        self.db_default = db_default
        self.editable = editable
        self.serialize = serialize
        self.unique_for_date = unique_for_date
        self.unique_for_month = unique_for_month
        self.unique_for_year = unique_for_year
        if isinstance(choices, type) and issubclass(choices, Choices):
            choices = choices.choices
        elif choices is not None and not isinstance(choices, (list, tuple)):
            choices = list(choices)
        self.choices = choices
        self.help_text = help_text
        self.db_index = db_index
        self.db_column = db_column
        self.db_tablespace = db_tablespace
        self.db_comment = db_comment
        self.auto_created = auto_created
        self._validators = list(validators)
        self._error_messages = error_messages
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1
        messages = {}
        for c in reversed(type(self).__mro__):
            messages.update(getattr(c, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.model = None
        self.attname = self.column = None
        self.concrete = False

    def __repr__(self):
        path = "%s.%s" % (type(self).__module__, type(self).__qualname__)
        if self.name is not None:
            return "<%s: %s>" % (path, self.name)
        return "<%s>" % path

    def __str__(self):
        if self.model is None:
            return object.__repr__(self)
        return "%s.%s" % (self.model._meta.label, self.name)

    def __lt__(self, other):
        if isinstance(other, Field):
            return (self.creation_counter, id(self.model)) < (
                other.creation_counter, id(other.model))
        return NotImplemented

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        if self.remote_field is not None:
            obj.remote_field = copy.copy(self.remote_field)
            obj.remote_field.field = obj
        memo[id(self)] = obj
        return obj

    def clone(self):
        import copy

        return copy.deepcopy(self)

    # -- set up

    @property
    def unique(self):
        return self._unique or self.primary_key

    def get_attname(self):
        return self.name

    def get_attname_column(self):
        attname = self.get_attname()
        return attname, self.db_column or attname

    def set_attributes_from_name(self, name):
        self.name = self.name or name
        self.attname, self.column = self.get_attname_column()
        self.concrete = self.column is not None
        if self.verbose_name is None and self.name:
            self.verbose_name = self.name.replace("_", " ")

    def contribute_to_class(self, cls, name, private_only=False):
        """Attach the field to model `cls` under `name` (metaclass step)."""
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self, private=private_only)
        if self.column and not hasattr(cls, self.attname) or (
                self.column and not isinstance(cls.__dict__.get(self.attname),
                                               DeferredAttribute)
                and self.attname not in cls.__dict__):
            setattr(cls, self.attname, self.descriptor_class(self))
        display = "get_%s_display" % self.name
        if self.choices is not None and display not in cls.__dict__:
            field = self

            def get_display(instance):
                return instance._get_FIELD_display(field)

            get_display.__name__ = "get_%s_display" % self.name
            setattr(cls, "get_%s_display" % self.name, get_display)

    @property
    def flatchoices(self):
        if self.choices is None:
            return []
        flat = []
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                flat.extend(label)
            else:
                flat.append((value, label))
        return flat

    def get_choices(self, include_blank=True, blank_choice=BLANK_CHOICE_DASH,
                    limit_choices_to=None, ordering=()):
        if self.choices is not None:
            choices = list(self.choices)
            if include_blank:
                blank_defined = any(v in ("", None) for v, _ in self.flatchoices)
                if not blank_defined:
                    choices = blank_choice + choices
            return choices
        model = self.remote_field.model
        objs = model._default_manager.complex_filter(
            limit_choices_to or {}).order_by(*ordering)
        return (blank_choice if include_blank else []) + [
            (getattr(o, self.remote_field.field_name), str(o)) for o in objs]

    # -- database types

    def get_internal_type(self):
        return type(self).__name__

    def db_type(self, connection=None):
        data = {"max_length": self.max_length, "column": self.column}
        template = DatabaseWrapper.data_types.get(self.get_internal_type())
        if template is None:
            return None
        return template % data

    def rel_db_type(self, connection=None):
        return self.db_type(connection)

    def db_check(self, connection=None):
        template = DatabaseWrapper.data_type_check_constraints.get(
            self.get_internal_type())
        return template % {"column": self.column} if template else None

    def db_parameters(self, connection=None):
        return {"type": self.db_type(connection), "check": self.db_check(connection)}

    # -- values

    def has_default(self):
        return self.default is not NOT_PROVIDED

    def get_default(self):
        """Return the default value (calling a callable default)."""
        if self.has_default():
            if callable(self.default):
                return self.default()
            return self.default
        if (not self.empty_strings_allowed or self.null) or self.db_default is not \
                NOT_PROVIDED:
            return None
        return ""

    def to_python(self, value):
        """Convert a value from a form, a string or the database to Python."""
        return value

    def get_prep_value(self, value):
        """Prepare a Python value for a query (before database adaptation)."""
        if isinstance(value, Promise):
            value = value._proxy____cast() if hasattr(value, "_proxy____cast") else str(
                value)
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def get_db_prep_save(self, value, connection=None):
        return self.get_db_prep_value(value, connection, prepared=False)

    def _fast_db_prep_save(self):
        """Return get_db_prep_save, or a quicker equivalent (for save paths)."""
        return self.get_db_prep_save

    def pre_save(self, model_instance, add):
        """Return the value to save (auto_now fields update it here)."""
        return getattr(model_instance, self.attname)

    def value_from_object(self, obj):
        return getattr(obj, self.attname)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj))

    def get_col(self, alias, output_field=None):
        return Col(alias, self)

    #: A function converting a database value to Python, or None (no change).
    def get_db_converter(self):
        if hasattr(self, "from_db_value"):
            from_db = self.from_db_value
            return lambda value: from_db(value, None, None)
        return None

    # -- validation

    @cached_property
    def validators(self):
        return [*self.default_validators, *self._validators]

    def run_validators(self, value):
        if value in self.empty_values:
            return
        errors = []
        for v in self.validators:
            try:
                v(value)
            except ValidationError as e:
                if hasattr(e, "code") and e.code in self.error_messages:
                    e.message = self.error_messages[e.code]
                errors.extend(e.error_list)
        if errors:
            raise ValidationError(errors)

    def validate(self, value, model_instance):
        """Check choices, null and blank, raising ValidationError."""
        if not self.editable:
            return
        if self.choices is not None and value not in self.empty_values:
            for option_key, option_value in self.choices:
                if isinstance(option_value, (list, tuple)):
                    if any(value == k for k, _ in option_value):
                        return
                elif value == option_key:
                    return
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value, model_instance):
        """Convert, validate and run validators; return the clean value."""
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        """Return a django.forms field for this model field (for ModelForm)."""
        import importlib

        forms = importlib.import_module("django.forms")
        defaults = {"required": not self.blank, "label": _capfirst(self.verbose_name),
                    "help_text": self.help_text}
        if self.has_default():
            if callable(self.default):
                defaults["initial"] = self.default
                defaults["show_hidden_initial"] = True
            else:
                defaults["initial"] = self.get_default()
        if self.choices is not None:
            include_blank = self.blank or not (
                self.has_default() or "initial" in kwargs)
            defaults["choices"] = self.get_choices(include_blank=include_blank)
            defaults["coerce"] = self.to_python
            if self.null:
                defaults["empty_value"] = None
            form_class = choices_form_class or forms.TypedChoiceField
            for k in list(kwargs):
                if k not in ("coerce", "empty_value", "choices", "required", "widget",
                             "label", "initial", "help_text", "error_messages",
                             "show_hidden_initial", "disabled"):
                    del kwargs[k]
        defaults.update(kwargs)
        if form_class is None:
            name = self._form_class_name()
            if name is None:
                return None
            form_class = getattr(forms, name)
        return form_class(**defaults)

    def _form_class_name(self):
        return "CharField"


def _capfirst(value):
    value = str(value) if value is not None else value
    return value and value[0].upper() + value[1:]


def _max_length_check(field, value):
    if field.max_length is not None and value is not None and len(value) > \
            field.max_length:
        raise ValidationError(
            "Ensure this value has at most %(limit_value)d characters "
            "(it has %(show_value)d).", code="max_length",
            params={"limit_value": field.max_length, "show_value": len(value),
                    "value": value})


def _check_text(value):
    """Refuse str values SQLite cannot store faithfully (NUL)."""
    if isinstance(value, str) and "\x00" in value:
        raise UnstorableValueError(
            "String value contains NUL (0x00) characters, which are not stored.")
    return value


class CharField(Field):
    description = "String (up to %(max_length)s)"
    _plain_db_value = True

    def __init__(self, *args, db_collation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    def get_internal_type(self):
        return "CharField"

    def db_type(self, connection=None):
        if self.max_length is None:
            return "varchar"
        return super().db_type(connection)

    def to_python(self, value):
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self.to_python(value)

    def get_db_prep_save(self, value, connection=None):
        return _check_text(self.get_prep_value(value))

    def _fast_db_prep_save(self):
        slow = self.get_db_prep_save
        if type(self).get_prep_value is not CharField.get_prep_value:
            return slow

        def prep(value):
            if value.__class__ is str and "\x00" not in value:
                return value
            return slow(value)

        return prep

    def run_validators(self, value):
        if value not in self.empty_values:
            errors = []
            try:
                _max_length_check(self, value)
            except ValidationError as e:
                errors.extend(e.error_list)
            try:
                super().run_validators(value)
            except ValidationError as e:
                errors.extend(e.error_list)
            if errors:
                raise ValidationError(errors)

    def formfield(self, **kwargs):
        defaults = {"max_length": self.max_length}
        if self.null and self.choices is None:
            defaults["empty_value"] = None
        defaults.update(kwargs)
        return super().formfield(**defaults)


class TextField(CharField):
    description = "Text"

    def get_internal_type(self):
        return "TextField"

    def run_validators(self, value):
        Field.run_validators(self, value)

    def formfield(self, **kwargs):
        import importlib

        if self.choices is None and "widget" not in kwargs:
            kwargs["widget"] = importlib.import_module("django.forms").Textarea
        return super().formfield(**kwargs)


class _ValidatorField:
    """Mixin: default validators found in django.core.validators at call time."""

    _validator_names = ()

    @cached_property
    def validators(self):
        import importlib

        found = []
        try:
            module = importlib.import_module("django.core.validators")
        except ImportError:
            module = None
        for name in self._validator_names:
            validator = getattr(module, name, None) if module is not None else None
            if validator is None:
                try:
                    validator = getattr(module, name)
                except AttributeError:
                    continue
            found.append(validator() if isinstance(validator, type) else validator)
        return [*found, *self._validators]


class EmailField(_ValidatorField, CharField):
    _validator_names = ("validate_email",)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def _form_class_name(self):
        return "EmailField"


class URLField(_ValidatorField, CharField):
    _validator_names = ("URLValidator",)

    def __init__(self, verbose_name=None, name=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(verbose_name, name, **kwargs)

    def _form_class_name(self):
        return "URLField"


class SlugField(_ValidatorField, CharField):
    _validator_names = ("validate_slug",)

    def __init__(self, *args, max_length=50, db_index=True, allow_unicode=False,
                 **kwargs):
        self.allow_unicode = allow_unicode
        if allow_unicode:
            self._validator_names = ("validate_unicode_slug",)
        super().__init__(*args, max_length=max_length, db_index=db_index, **kwargs)

    def get_internal_type(self):
        return "SlugField"

    def _form_class_name(self):
        return "SlugField"


class GenericIPAddressField(_ValidatorField, CharField):
    empty_strings_allowed = False
    _validator_names = ("validate_ipv46_address",)

    def __init__(self, verbose_name=None, name=None, protocol="both",
                 unpack_ipv4=False, *args, **kwargs):
        self.protocol = protocol
        self.unpack_ipv4 = unpack_ipv4
        self._validator_names = {
            "both": ("validate_ipv46_address",), "ipv4": ("validate_ipv4_address",),
            "ipv6": ("validate_ipv6_address",)}[protocol.lower()]
        kwargs["max_length"] = 39
        super().__init__(verbose_name, name, *args, **kwargs)

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        if value is None:
            return None
        if value and ":" in value:
            import ipaddress

            try:
                return str(ipaddress.ip_address(value))
            except ValueError:
                return value
        return str(value)

    def get_internal_type(self):
        return "GenericIPAddressField"

    def _form_class_name(self):
        return "GenericIPAddressField"


class IntegerField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be an integer."}
    description = "Integer"
    _plain_db_value = True

    @cached_property
    def validators(self):
        low, high = _INTEGER_RANGES.get(self.get_internal_type(), (None, None))
        checks = []
        mins = [v.limit_value for v in self._validators
                if type(v).__name__ == "MinValueValidator"]
        maxs = [v.limit_value for v in self._validators
                if type(v).__name__ == "MaxValueValidator"]
        if low is not None and not any(m >= low for m in mins if not callable(m)):
            checks.append(_RangeCheck(low, "min_value"))
        if high is not None and not any(m <= high for m in maxs if not callable(m)):
            checks.append(_RangeCheck(high, "max_value"))
        return [*checks, *self._validators]

    def to_python(self, value):
        if value is None:
            return value
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def _fast_db_prep_save(self):
        slow = self.get_db_prep_save
        if type(self).get_db_prep_save is not Field.get_db_prep_save or \
                type(self).get_prep_value is not IntegerField.get_prep_value:
            return slow

        def prep(value):
            return value if value.__class__ is int else slow(value)

        return prep

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        if value is None or isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(
                "Field '%s' expected a number but got %r." % (self.name, value)) from e

    def _form_class_name(self):
        return "IntegerField"


class _RangeCheck:
    """The range check integer fields get from the database's column size."""

    def __init__(self, limit, code):
        self.limit_value = limit
        self.code = code

    def __call__(self, value):
        if self.code == "min_value" and value < self.limit_value:
            raise ValidationError(
                "Ensure this value is greater than or equal to %(limit_value)s.",
                code="min_value", params={"limit_value": self.limit_value,
                                          "value": value})
        if self.code == "max_value" and value > self.limit_value:
            raise ValidationError(
                "Ensure this value is less than or equal to %(limit_value)s.",
                code="max_value", params={"limit_value": self.limit_value,
                                          "value": value})


class SmallIntegerField(IntegerField):
    description = "Small integer"


class BigIntegerField(IntegerField):
    description = "Big (8 byte) integer"


class PositiveIntegerField(IntegerField):
    description = "Positive integer"


class PositiveSmallIntegerField(IntegerField):
    description = "Positive small integer"


class PositiveBigIntegerField(IntegerField):
    description = "Positive big integer"


class AutoField(IntegerField):
    """An integer primary key the database assigns."""

    description = "Integer"

    def __init__(self, *args, **kwargs):
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        pass

    def formfield(self, **kwargs):
        return None


class BigAutoField(AutoField):
    description = "Big (8 byte) integer"


class SmallAutoField(AutoField):
    description = "Small integer"


class FloatField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a float."}
    description = "Floating point number"
    _plain_db_value = True

    def to_python(self, value):
        if value is None:
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(
                "Field '%s' expected a number but got %r." % (self.name, value)) from e

    def _form_class_name(self):
        return "FloatField"


class DecimalField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a decimal number."}
    description = "Decimal number"

    def __init__(self, verbose_name=None, name=None, max_digits=None,
                 decimal_places=None, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(verbose_name, name, **kwargs)

    def to_python(self, value):
        import decimal

        if value is None:
            return value
        try:
            if isinstance(value, float):
                context = decimal.Context(prec=self.max_digits or 28)
                return context.create_decimal_from_float(value)
            return decimal.Decimal(value)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        value = self.to_python(value)
        if self.decimal_places is not None and value.is_finite():
            import decimal

            value = value.quantize(decimal.Decimal(1).scaleb(-self.decimal_places),
                                   context=decimal.Context(prec=self.max_digits or 28))
        return str(value)

    def from_db_value(self, value, expression, connection):
        import decimal

        if value is None:
            return None
        value = decimal.Context(prec=15).create_decimal_from_float(value) if isinstance(
            value, float) else decimal.Decimal(value)
        if self.decimal_places is not None:
            value = value.quantize(decimal.Decimal(1).scaleb(-self.decimal_places),
                                   context=decimal.Context(prec=self.max_digits or 28))
        return value

    @cached_property
    def validators(self):
        return [_DecimalCheck(self.max_digits, self.decimal_places), *self._validators]

    def formfield(self, **kwargs):
        return super().formfield(max_digits=self.max_digits,
                                 decimal_places=self.decimal_places, **kwargs)

    def _form_class_name(self):
        return "DecimalField"


class _DecimalCheck:
    messages = {
        "max_digits": "Ensure that there are no more than %(max)s digits in total.",
        "max_decimal_places": "Ensure that there are no more than %(max)s decimal "
                              "places.",
        "max_whole_digits": "Ensure that there are no more than %(max)s digits "
                            "before the decimal point.",
    }

    def __init__(self, max_digits, decimal_places):
        self.max_digits, self.decimal_places = max_digits, decimal_places

    def __call__(self, value):
        sign, digits, exponent = value.as_tuple()
        if not value.is_finite():
            raise ValidationError("Enter a number.", code="invalid",
                                  params={"value": value})
        if exponent >= 0:
            digits_n, decimals = len(digits) + exponent, 0
        elif abs(exponent) > len(digits):
            digits_n = decimals = abs(exponent)
        else:
            digits_n, decimals = len(digits), abs(exponent)
        whole = digits_n - decimals
        for code, limit, actual in (
                ("max_digits", self.max_digits, digits_n),
                ("max_decimal_places", self.decimal_places, decimals)):
            if limit is not None and actual > limit:
                raise ValidationError(self.messages[code], code=code,
                                      params={"max": limit, "value": value})
        if self.max_digits is not None and self.decimal_places is not None and \
                whole > self.max_digits - self.decimal_places:
            raise ValidationError(
                self.messages["max_whole_digits"], code="max_whole_digits",
                params={"max": self.max_digits - self.decimal_places, "value": value})


class BooleanField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value must be either True or False.",
        "invalid_nullable": "“%(value)s” value must be either True, False, or None.",
    }
    description = "Boolean (Either True or False)"

    def __init__(self, *args, **kwargs):
        if kwargs.get("null") is None and "null" in kwargs:
            kwargs["null"] = True
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.null and value in self.empty_values:
            return None
        if value in (True, False):
            return bool(value)
        if value in ("t", "True", "1"):
            return True
        if value in ("f", "False", "0"):
            return False
        raise ValidationError(
            self.error_messages["invalid_nullable" if self.null else "invalid"],
            code="invalid", params={"value": value})

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return self.to_python(value)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return None if value is None else int(value)

    def from_db_value(self, value, expression, connection):
        return value if value is None else bool(value)

    def get_db_converter(self):
        return lambda v: v if v is None else bool(v)

    def formfield(self, **kwargs):
        if self.choices is not None:
            include_blank = not (self.has_default() or "initial" in kwargs)
            defaults = {"choices": self.get_choices(include_blank=include_blank)}
        else:
            import importlib

            forms = importlib.import_module("django.forms")
            form_class = forms.NullBooleanField if self.null else forms.BooleanField
            defaults = {"form_class": form_class, "required": False}
        return super().formfield(**{**defaults, **kwargs})


def _parse_date_text(value):
    import datetime

    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


class DateField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid date format. It must be in "
                   "YYYY-MM-DD format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but "
                        "it is an invalid date.",
    }
    description = "Date (without time)"

    def __init__(self, verbose_name=None, name=None, auto_now=False,
                 auto_now_add=False, **kwargs):
        self.auto_now, self.auto_now_add = auto_now, auto_now_add
        if auto_now or auto_now_add:
            kwargs["editable"] = False
            kwargs["blank"] = True
        super().__init__(verbose_name, name, **kwargs)

    def to_python(self, value):
        import datetime

        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            if settings.USE_TZ and is_aware(value):
                value = make_naive(value, get_default_timezone())
            return value.date()
        if isinstance(value, datetime.date):
            return value
        import re

        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value).strip())
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            raise ValidationError(self.error_messages["invalid_date"],
                                  code="invalid_date",
                                  params={"value": value}) from None

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            import datetime

            value = datetime.date.today()
            if settings.USE_TZ:
                value = localdate(now(), get_default_timezone())
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value):
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return None if value is None else str(value)

    def get_db_converter(self):
        return _parse_date_text

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not self.null:
            for direction, is_next in (("next", True), ("previous", False)):
                method = "get_%s_by_%s" % (direction, self.name)
                if method not in cls.__dict__:
                    setattr(cls, method, _make_next_or_previous(self, is_next))

    def _form_class_name(self):
        return "DateField"


def _make_next_or_previous(field, is_next):
    def method(self, **kwargs):
        return self._get_next_or_previous_by_FIELD(field, is_next, **kwargs)

    return method


def _naive_datetime_warning(field, value):
    import warnings

    name = "%s.%s" % (field.model.__name__, field.name) if field.model else field.name
    warnings.warn(
        "DateTimeField %s received a naive datetime (%s) while time zone support "
        "is active." % (name, value), RuntimeWarning)


class DateTimeField(DateField):
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but "
                        "it is an invalid date.",
        "invalid_datetime": "“%(value)s” value has the correct format "
                            "(YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid "
                            "date/time.",
    }
    description = "Date (with time)"

    def to_python(self, value):
        import datetime

        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
            if settings.USE_TZ:
                value = make_aware(value, get_default_timezone())
            return value
        text = str(value).strip()
        try:
            parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
            try:
                datetime.date.fromisoformat(text)
            except ValueError:
                pass
            else:
                return self.to_python(datetime.date.fromisoformat(text))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        return parsed

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_prep_value(self, value):
        import datetime

        value = Field.get_prep_value(self, value)
        value = self.to_python(value)
        if value is not None and settings.USE_TZ and \
                isinstance(value, datetime.datetime) and value.utcoffset() is None:
            _naive_datetime_warning(self, value)
            value = make_aware(value, get_default_timezone())
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return _adapt_datetime(value)

    def get_db_converter(self):
        return _convert_datetime

    def _form_class_name(self):
        return "DateTimeField"


def _adapt_datetime(value):
    """Return a datetime as SQLite text, in UTC when USE_TZ (as Django stores)."""
    import datetime

    if value is None:
        return None
    if value.utcoffset() is not None:
        if not settings.USE_TZ:
            raise ValueError("SQLite backend does not support timezone-aware "
                             "datetimes when USE_TZ is False.")
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return str(value)


def _convert_datetime(value):
    """Parse stored datetime text: aware UTC with USE_TZ, naive without."""
    if settings.USE_TZ:
        return _convert_datetime_aware(value)
    return _convert_datetime_naive(value)


def _convert_datetime_aware(value):
    import datetime

    if value is None or isinstance(value, datetime.datetime):
        return value
    value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


def _convert_datetime_naive(value):
    import datetime

    if value is None or isinstance(value, datetime.datetime):
        return value
    value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = make_naive(value, get_default_timezone())
    return value


class TimeField(DateField):
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "HH:MM[:ss[.uuuuuu]] format.",
        "invalid_time": "“%(value)s” value has the correct format "
                        "(HH:MM[:ss[.uuuuuu]]) but it is an invalid time.",
    }
    description = "Time"

    def contribute_to_class(self, cls, name, **kwargs):
        Field.contribute_to_class(self, cls, name, **kwargs)

    def to_python(self, value):
        import datetime

        if value is None or isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            return datetime.time.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            import datetime

            value = datetime.datetime.now().time()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        if value.utcoffset() is not None:
            raise ValueError("SQLite backend does not support timezone-aware times.")
        return str(value)

    def get_db_converter(self):
        import datetime

        return lambda v: v if v is None or not isinstance(v, str) else \
            datetime.time.fromisoformat(v)

    def _form_class_name(self):
        return "TimeField"


class DurationField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "[DD] [[HH:]MM:]ss[.uuuuuu] format."}
    description = "Duration"

    def to_python(self, value):
        import datetime

        if value is None or isinstance(value, datetime.timedelta):
            return value
        parsed = _parse_duration(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        return parsed

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if value is None:
            return None
        value = self.to_python(value)
        return (value.days * 86400 + value.seconds) * 1000000 + value.microseconds

    def get_db_converter(self):
        import datetime

        return lambda v: v if v is None else datetime.timedelta(0, 0, v)

    def _form_class_name(self):
        return "DurationField"


def _parse_duration(text):
    """Parse "[DD] [[HH:]MM:]ss[.uuuuuu]" (Django's format) or ISO 8601 'P..'."""
    import datetime
    import re

    match = re.fullmatch(
        r"(?:(?P<days>-?\d+) (days?, )?)?(?P<sign>-?)((?:(?P<hours>\d+):)(?=\d+:\d+))?"
        r"(?:(?P<minutes>\d+):)?(?P<seconds>\d+)(?:[.,](?P<microseconds>\d{1,6})\d*)?",
        text.strip())
    if not match:
        return None
    parts = match.groupdict()
    sign = -1 if parts.pop("sign") == "-" else 1
    days = datetime.timedelta(days=int(parts.pop("days") or 0))
    micro = (parts.pop("microseconds") or "0").ljust(6, "0")
    rest = {k: float(v) for k, v in parts.items() if v is not None}
    return days + sign * datetime.timedelta(microseconds=int(micro), **rest)


class UUIDField(Field):
    default_error_messages = {"invalid": "“%(value)s” is not a valid UUID."}
    description = "Universally unique identifier"
    empty_strings_allowed = False

    def __init__(self, verbose_name=None, **kwargs):
        kwargs["max_length"] = 32
        super().__init__(verbose_name, **kwargs)

    def to_python(self, value):
        import uuid

        if value is not None and not isinstance(value, uuid.UUID):
            try:
                return uuid.UUID(**{"int" if isinstance(value, int) else "hex": value})
            except (AttributeError, ValueError, TypeError):
                raise ValidationError(self.error_messages["invalid"], code="invalid",
                                      params={"value": value}) from None
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if value is None:
            return None
        return self.to_python(value).hex

    def get_db_converter(self):
        import uuid

        return lambda v: v if v is None else uuid.UUID(v)

    def _form_class_name(self):
        return "UUIDField"


class JSONField(Field):
    empty_strings_allowed = False
    description = "A JSON object"
    default_error_messages = {"invalid": "Value must be valid JSON."}

    def __init__(self, verbose_name=None, name=None, encoder=None, decoder=None,
                 **kwargs):
        self.encoder, self.decoder = encoder, decoder
        super().__init__(verbose_name, name, **kwargs)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        import json

        if value is None:
            return None
        return json.dumps(value, cls=self.encoder)

    def get_db_converter(self):
        import json

        decoder = self.decoder

        def convert(value):
            if value is None:
                return None
            try:
                return json.loads(value, cls=decoder)
            except (json.JSONDecodeError, TypeError):
                return value

        return convert

    def validate(self, value, model_instance):
        import json

        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except TypeError:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def _form_class_name(self):
        return "JSONField"


class BinaryField(Field):
    description = "Raw binary data"
    empty_values = [None, b""]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def get_default(self):
        if self.has_default() and not callable(self.default):
            return self.default
        default = super().get_default()
        return b"" if default == "" else default

    def get_db_prep_value(self, value, connection=None, prepared=False):
        return value if value is None else bytes(value)

    def to_python(self, value):
        if isinstance(value, str):
            import base64

            return memoryview(base64.b64decode(value.encode("ascii")))
        return value

    def _form_class_name(self):
        return None


# -- Choices (TextChoices, IntegerChoices): enums whose members carry a label.

import enum as _enum  # noqa: E402  (cheap: enum is imported by the stdlib's re)


class _ChoicesType(_enum.EnumMeta):
    """Metaclass of Choices: members may be `VALUE = value, "label"`."""

    def __new__(mcs, classname, bases, classdict, **kwds):
        labels = []
        for key in classdict._member_names:
            value = classdict[key]
            if isinstance(value, (list, tuple)) and len(value) > 1 and isinstance(
                    value[-1], (Promise, str)):
                *value, label = value
                value = tuple(value)
            else:
                label = key.replace("_", " ").title()
            labels.append(label)
            dict.__setitem__(classdict, key, value)
        cls = super().__new__(mcs, classname, bases, classdict, **kwds)
        for member, label in zip(cls.__members__.values(), labels):
            member._label_ = label
        return _enum.unique(cls)

    @property
    def names(cls):
        empty = ["__empty__"] if hasattr(cls, "__empty__") else []
        return empty + [member.name for member in cls]

    @property
    def choices(cls):
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member.label) for member in cls]

    @property
    def labels(cls):
        return [label for _, label in cls.choices]

    @property
    def values(cls):
        return [value for value, _ in cls.choices]

    def __contains__(cls, member):
        if not isinstance(member, _enum.Enum):
            return any(x.value == member for x in cls)
        return super().__contains__(member)


class Choices(_enum.Enum, metaclass=_ChoicesType):
    """Base of TextChoices and IntegerChoices (an enum with labels)."""

    @property
    def label(self):
        return self._label_

    @property
    def do_not_call_in_templates(self):
        return True

    def __str__(self):
        return str(self.value)

    def __repr__(self):
        return "%s.%s" % (self.__class__.__qualname__, self._name_)


class IntegerChoices(int, Choices):
    """Integer choices: `GOOD = 1, "Good"`."""


class TextChoices(str, Choices):
    """String choices: `DRAFT = "d", "Draft"` (value defaults to the name)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name


# -- Models: Options (`_meta`), the metaclass, and Model.

__all__ += ["Model", "Index", "UniqueConstraint", "CheckConstraint", "Deferrable"]

#: Meta options Django accepts (an unknown one raises TypeError, as Django).
_META_NAMES = {
    "verbose_name", "verbose_name_plural", "db_table", "db_table_comment",
    "ordering", "unique_together", "index_together", "permissions", "get_latest_by",
    "order_with_respect_to", "app_label", "db_tablespace", "abstract", "managed",
    "proxy", "swappable", "auto_created", "apps", "default_permissions",
    "select_on_save", "default_related_name", "required_db_features",
    "required_db_vendor", "base_manager_name", "default_manager_name", "indexes",
    "constraints",
}

#: Models waiting for a related model named by a string: key -> callbacks.
_pending_relations = {}


def _camel_to_words(name):
    import re

    words = re.sub(r"(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))", r" \1", name)
    return words.lower().strip()


class Options:
    """A model's metadata (`Model._meta`), with Django's attribute names."""

    def __init__(self, meta, app_label=None):
        self.meta = meta
        self.app_label = app_label
        self.model = None
        self.object_name = self.model_name = None
        self.verbose_name = self.verbose_name_plural = None
        self.db_table = ""
        self.ordering = []
        self.unique_together = ()
        self.index_together = ()
        self.indexes = []
        self.constraints = []
        self.get_latest_by = None
        self.abstract = False
        self.managed = True
        self.proxy = False
        self.auto_created = False
        self.default_related_name = None
        self.base_manager_name = None
        self.default_manager_name = None
        self.select_on_save = False
        self.db_tablespace = ""
        self.default_permissions = ("add", "change", "delete", "view")
        self.permissions = []
        self.required_db_features = []
        self.required_db_vendor = None
        self.order_with_respect_to = None
        self.swappable = None
        self.swapped = None
        self.local_fields = []
        self.local_many_to_many = []
        self.private_fields = []
        self.local_managers = []
        self.related_objects = []  # reverse relations (filled by related models)
        self.pk = None
        self.auto_field = None
        self.parents = {}
        self.apps = apps
        self._field_cache = None

    def contribute_to_class(self, cls, name):
        """Read the Meta class into this Options and attach it as cls._meta."""
        cls._meta = self
        self.model = cls
        self.object_name = cls.__name__
        self.model_name = self.object_name.lower()
        self.verbose_name = _camel_to_words(self.object_name)
        meta = self.meta
        if meta is not None:
            for attr in [a for a in vars(meta) if not a.startswith("_")]:
                if attr not in _META_NAMES:
                    raise TypeError("'class Meta' got invalid attribute(s): %s" % attr)
            for attr in _META_NAMES:
                if hasattr(meta, attr):
                    setattr(self, attr, getattr(meta, attr))
            ut = self.unique_together
            if ut and not isinstance(ut[0], (tuple, list)):
                ut = (ut,)
            self.unique_together = tuple(tuple(t) for t in ut)
        if self.verbose_name_plural is None:
            self.verbose_name_plural = "%ss" % self.verbose_name
        self.ordering = list(self.ordering or [])
        if not self.db_table and not self.abstract:
            self.db_table = "%s_%s" % (self.app_label, self.model_name)

    @property
    def label(self):
        return "%s.%s" % (self.app_label, self.object_name)

    @property
    def label_lower(self):
        return "%s.%s" % (self.app_label, self.model_name)

    @property
    def app_config(self):
        return apps.app_configs.get(self.app_label)

    @property
    def concrete_model(self):
        return self.model

    @property
    def proxy_for_model(self):
        return None

    @property
    def db_returning_fields(self):
        return [self.pk] if isinstance(self.pk, AutoField) else []

    def __repr__(self):
        return "<Options for %s>" % self.object_name

    def __str__(self):
        return self.label_lower

    def add_field(self, field, private=False):
        import bisect

        if private:
            self.private_fields.append(field)
        elif field.many_to_many:
            bisect.insort(self.local_many_to_many, field)
        else:
            bisect.insort(self.local_fields, field)
            if field.primary_key:
                self.setup_pk(field)
        self._expire_cache()

    def setup_pk(self, field):
        if self.pk is None:
            self.pk = field
            field.serialize = False

    def _expire_cache(self):
        self._field_cache = None
        for name in ("fields", "concrete_fields", "many_to_many", "_forward_fields_map",
                     "fields_map", "_init_fields", "_column_names", "_select_columns",
                     "_row_converters", "_attnames", "_save_plan", "managers",
                     "_insert_fields", "_name_choices", "_insert_plans", "_init_plan",
                     "_init_fast",
                     "_get_pk_plan",
                     "_relation_fields",
                     "_get_pk_sql", "managers_map"):
            self.__dict__.pop(name, None)

    # -- fields

    @cached_property
    def fields(self):
        """Forward non-M2M fields (concrete and FK), in declaration order."""
        return tuple(f for f in self.local_fields + self.private_fields
                     if not f.many_to_many)

    @cached_property
    def concrete_fields(self):
        return tuple(f for f in self.fields if f.concrete)

    @property
    def local_concrete_fields(self):
        return self.concrete_fields

    @cached_property
    def _relation_fields(self):
        return tuple(f for f in self.concrete_fields if f.is_relation)

    @cached_property
    def _init_plan(self):
        """(field, name, attname, default) per concrete field, for __init__.

        `default` is a constant, or _CALL_DEFAULT when get_default() must run
        per instance (callable defaults, relations).
        """
        plan = []
        for f in self.concrete_fields:
            if (f.has_default() and callable(f.default)) or f.is_relation:
                default = _CALL_DEFAULT
            else:
                default = f.get_default()
            plan.append((f, f.name, f.attname, default))
        return tuple(plan)

    @cached_property
    def _init_fast(self):
        """({attname: constant default}, [(attname, field) with callable default]).

        Model.__init__ takes its fast path when every keyword is a key of the
        dict (relations given as objects go the slow way, through descriptors).
        """
        defaults, callables = {}, []
        for f, name, attname, default in self._init_plan:
            if default is _CALL_DEFAULT:
                if f.is_relation and not (f.has_default() and callable(f.default)):
                    defaults[attname] = f.get_default()
                    continue
                defaults[attname] = None
                callables.append((attname, f))
            else:
                defaults[attname] = default
        return defaults, tuple(callables)

    @cached_property
    def _save_plan(self):
        """(field, attname, plain, prep) per concrete field.

        plain: the field has no pre_save hook, so the value is read directly;
        prep: the field's get_db_prep_save (or a quicker equivalent).
        """
        return tuple((f, f.attname, type(f).pre_save is Field.pre_save,
                      f._fast_db_prep_save()) for f in self.concrete_fields)

    @cached_property
    def many_to_many(self):
        return tuple(self.local_many_to_many)

    @cached_property
    def _forward_fields_map(self):
        result = {}
        for f in self.local_fields + self.local_many_to_many + self.private_fields:
            result[f.name] = f
            if f.attname:
                result.setdefault(f.attname, f)
        return result

    @cached_property
    def fields_map(self):
        result = {}
        for rel in self.related_objects:
            if not rel.hidden:
                result[rel.name] = rel
        return result

    def get_field(self, field_name):
        """Return the field (or reverse relation) named `field_name`."""
        try:
            return self._forward_fields_map[field_name]
        except KeyError:
            pass
        try:
            return self.fields_map[field_name]
        except KeyError:
            raise FieldDoesNotExist("%s has no field named '%s'" % (
                self.object_name, field_name)) from None

    def get_fields(self, include_parents=True, include_hidden=False):
        """Return reverse relations, then forward fields, as Django orders them."""
        reverse = [r for r in self.related_objects if include_hidden or not r.hidden]
        forward = list(self.local_fields) + list(self.local_many_to_many) + list(
            self.private_fields)
        return tuple(reverse + forward)

    @cached_property
    def _name_choices(self):
        """The names a query may use, sorted, for FieldError messages."""
        names = set()
        for f in self.get_fields():
            names.add(f.name)
            if getattr(f, "concrete", False) and f.attname:
                names.add(f.attname)
        return sorted(names)

    @cached_property
    def _attnames(self):
        return tuple(f.attname for f in self.concrete_fields)

    @cached_property
    def _row_converters(self):
        """(index, converter) for the concrete fields needing conversion."""
        out = []
        for i, f in enumerate(self.concrete_fields):
            conv = f.get_db_converter()
            if conv is not None:
                out.append((i, conv))
        return tuple(out)

    # -- managers

    @cached_property
    def managers(self):
        found = []
        seen = set()
        for depth, base in enumerate(self.model.__mro__):
            meta = getattr(base, "_meta", None)
            if meta is None:
                continue
            for manager in meta.local_managers:
                if manager.name in seen:
                    continue
                seen.add(manager.name)
                found.append((depth, manager.creation_counter, manager))
        return tuple(m for _, _, m in sorted(found, key=lambda t: t[:2]))

    @cached_property
    def managers_map(self):
        return {m.name: m for m in self.managers}

    @property
    def default_manager(self):
        if self.default_manager_name:
            return self.managers_map[self.default_manager_name]
        return self.managers[0] if self.managers else None

    @property
    def base_manager(self):
        if self.base_manager_name:
            return self.managers_map[self.base_manager_name]
        manager = Manager()
        manager.name = "_base_manager"
        manager.model = self.model
        manager.auto_created = True
        return manager

    def get_latest_by_fields(self):
        value = self.get_latest_by
        return [value] if isinstance(value, str) else list(value or [])


class Index:
    """Meta.indexes entry: Index(fields=[...], name=..., condition=Q(...))."""

    suffix = "idx"

    def __init__(self, *expressions, fields=(), name=None, db_tablespace=None,
                 opclasses=(), condition=None, include=None):
        if not expressions and not fields:
            raise ValueError("At least one field or expression is required to "
                             "define an index.")
        if expressions:
            raise NotSupportedError("djscratch indexes take fields=[...], not "
                                    "expressions.")
        self.fields = list(fields)
        self.name = name or ""
        self.condition = condition
        self.fields_orders = [
            (f[1:], "DESC") if f.startswith("-") else (f, "") for f in self.fields]

    def set_name_with_model(self, model):
        import hashlib

        columns = [model._meta.get_field(f).column for f, _ in self.fields_orders]
        digest = hashlib.md5(
            (model._meta.db_table + "".join(columns) + self.suffix).encode(),
            usedforsecurity=False).hexdigest()[:8]
        self.name = "%s_%s_%s_%s" % (model._meta.db_table[:11], columns[0][:7],
                                     digest, self.suffix)

    def __repr__(self):
        return "<Index: fields=%r name=%r>" % (self.fields, self.name)

    def __eq__(self, other):
        return isinstance(other, Index) and (self.fields, self.name) == (
            other.fields, other.name)


class Deferrable(_enum.Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"


class BaseConstraint:
    violation_error_message = "Constraint “%(name)s” is violated."

    def __init__(self, *, name, violation_error_code=None,
                 violation_error_message=None):
        self.name = name
        self.violation_error_code = violation_error_code
        if violation_error_message is not None:
            self.violation_error_message = violation_error_message

    def get_violation_error_message(self):
        return self.violation_error_message % {"name": self.name}


class UniqueConstraint(BaseConstraint):
    """Meta.constraints: UniqueConstraint(fields=[...], name=..., condition=Q())."""

    def __init__(self, *expressions, fields=(), name=None, condition=None,
                 deferrable=None, include=None, opclasses=(), nulls_distinct=None,
                 violation_error_code=None, violation_error_message=None):
        if not name:
            raise ValueError("A unique constraint must be named.")
        if expressions:
            raise NotSupportedError("djscratch unique constraints take fields=[...].")
        self.fields = tuple(fields)
        self.condition = condition
        self.deferrable = deferrable
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    def __repr__(self):
        return "<UniqueConstraint: fields=%r name=%r>" % (self.fields, self.name)

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and any(f in exclude for f in self.fields):
            return
        lookup = {}
        for name in self.fields:
            field = model._meta.get_field(name)
            value = getattr(instance, field.attname)
            if value is None:
                return
            lookup[field.name] = value
        qs = model._default_manager.filter(**lookup)
        if self.condition is not None:
            if not model._default_manager.filter(self.condition).filter(
                    pk=instance.pk).exists() and instance.pk is not None:
                return
            qs = qs.filter(self.condition)
        if not instance._state.adding and instance.pk is not None:
            qs = qs.exclude(pk=instance.pk)
        if qs.exists():
            if len(self.fields) > 0 and self.condition is None and \
                    self.violation_error_message == (
                        BaseConstraint.violation_error_message):
                raise ValidationError(instance.unique_error_message(model, self.fields))
            raise ValidationError(self.get_violation_error_message(),
                                  code=self.violation_error_code)


class CheckConstraint(BaseConstraint):
    """Meta.constraints: CheckConstraint(condition=Q(...), name=...)."""

    def __init__(self, *, name, condition=None, check=None,
                 violation_error_code=None, violation_error_message=None):
        if check is not None:
            import warnings

            warnings.warn("CheckConstraint.check is deprecated in favor of "
                          "`.condition`.", DeprecationWarning, stacklevel=2)
            condition = check
        if condition is None or not getattr(condition, "conditional", False):
            raise TypeError("CheckConstraint.condition must be a Q instance or "
                            "boolean expression.")
        self.condition = condition
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    def __repr__(self):
        return "<CheckConstraint: condition=%r name=%r>" % (self.condition, self.name)

    def validate(self, model, instance, exclude=None, using=None):
        values = {f.name: getattr(instance, f.attname)
                  for f in model._meta.concrete_fields}
        if not _check_condition_in_python(model, self.condition, values):
            raise ValidationError(self.get_violation_error_message(),
                                  code=self.violation_error_code)


def _check_condition_in_python(model, condition, values):
    """Evaluate a check condition for unsaved values with a SELECT of literals."""
    compiler = SQLCompiler(_Query(model))
    where, params = compiler.compile_where_for_values(condition, values)
    row = connections[DEFAULT_DB_ALIAS]._execute(
        "SELECT COALESCE((%s), 1)" % where, params).fetchone()
    return bool(row[0])


_CALL_DEFAULT = object()


class ModelState:
    """Per-instance state: is it saved yet (`adding`), in which database."""

    __slots__ = ("adding", "db", "fields_cache")

    def __init__(self, adding=True, db=None):
        self.adding = adding
        self.db = db
        self.fields_cache = {}

    def __getstate__(self):
        return {"adding": self.adding, "db": self.db, "fields_cache": {}}

    def __setstate__(self, state):
        self.adding, self.db, self.fields_cache = state["adding"], state["db"], {}


class _StateDescriptor:
    """`instance._state`: created on first access for rows loaded from the DB.

    Model.from_db skips creating a ModelState per row (a measurable cost); a
    loaded instance gets one here when something first asks for it.
    """

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        state = instance.__dict__["_state"] = ModelState(False, DEFAULT_DB_ALIAS)
        return state


def _subclass_exception(name, bases, module, attached_to):
    return type(name, bases, {"__module__": module,
                              "__qualname__": "%s.%s" % (
                                  attached_to.__qualname__, name)})


def _has_contribute_to_class(value):
    return not isinstance(value, type) and hasattr(value, "contribute_to_class")


class ModelBase(type):
    """The model metaclass, in Django's steps: collect the declared fields,
    inherit fields from abstract parents, add the automatic primary key, build
    `_meta`, attach managers and the per-model exceptions, register the model.
    """

    def __new__(mcs, name, bases, attrs, **kwargs):
        parents = [b for b in bases if isinstance(b, ModelBase)]
        if not parents:
            return super().__new__(mcs, name, bases, attrs, **kwargs)
        module = attrs["__module__"]
        meta = attrs.pop("Meta", None)

        # 1. Split the body: fields and managers are contributed after _meta exists.
        contributable = {k: v for k, v in attrs.items() if _has_contribute_to_class(v)}
        plain = {k: v for k, v in attrs.items() if k not in contributable}
        cls = super().__new__(mcs, name, bases, plain, **kwargs)

        # 2. Meta: an abstract parent's Meta is inherited when none is declared.
        abstract = getattr(meta, "abstract", False)
        base_meta = getattr(cls, "_meta", None)
        if meta is None and base_meta is not None and base_meta.abstract:
            meta = type("Meta", (base_meta.meta,) if base_meta.meta else (), {
                "abstract": False})
        for parent in parents:
            pmeta = getattr(parent, "_meta", None)
            if pmeta is not None and not pmeta.abstract:
                raise NotSupportedError(
                    "%s inherits from the concrete model %s: djscratch supports only "
                    "abstract model inheritance (set `abstract = True` in %s.Meta)."
                    % (name, parent.__name__, parent.__name__))
            if pmeta is not None and getattr(meta, "proxy", False):
                raise NotSupportedError("djscratch does not support proxy models.")
        app_label = getattr(meta, "app_label", None)
        if app_label is None and not abstract:
            app_label = apps.app_label_for_module(module)
            if app_label is None:
                raise RuntimeError(
                    "Model class %s.%s doesn't declare an explicit app_label and "
                    "isn't in an application in INSTALLED_APPS." % (module, name))
        Options(meta, app_label).contribute_to_class(cls, "_meta")
        opts = cls._meta

        # 3. Per-model exceptions.
        if not abstract:
            cls.DoesNotExist = _subclass_exception(
                "DoesNotExist", (ObjectDoesNotExist,), module, cls)
            cls.MultipleObjectsReturned = _subclass_exception(
                "MultipleObjectsReturned", (MultipleObjectsReturned,), module, cls)

        # 4. The declared fields and managers, then copies of abstract parents'.
        for attr_name, value in contributable.items():
            cls.add_to_class(attr_name, value)
        declared = {f.name for f in opts.local_fields + opts.local_many_to_many}
        import copy

        for base in cls.__mro__[1:]:
            bmeta = getattr(base, "_meta", None)
            if bmeta is None or not bmeta.abstract:
                continue
            for field in bmeta.local_fields + bmeta.local_many_to_many:
                if field.name in declared or field.name in contributable:
                    continue
                if field.name in attrs and attrs[field.name] is None:
                    continue  # a child may remove an inherited field with None
                declared.add(field.name)
                cls.add_to_class(field.name, copy.deepcopy(field))
            for manager in bmeta.local_managers:
                if manager.name not in contributable and manager.name not in {
                        m.name for m in opts.local_managers}:
                    cls.add_to_class(manager.name, copy.copy(manager))
            for index in bmeta.indexes:
                if index not in opts.indexes:
                    opts.indexes.append(copy.copy(index))

        if abstract:
            # As Django does: a child's `class Meta(Parent.Meta)` is not abstract.
            opts.abstract = True
            meta.abstract = False
            cls.Meta = meta
            return cls

        # 5. The automatic primary key, from DEFAULT_AUTO_FIELD or the AppConfig.
        if opts.pk is None:
            auto = _auto_field_class(opts.app_label)
            cls.add_to_class("id", auto(verbose_name="ID", primary_key=True,
                                        auto_created=True))
        opts.auto_field = opts.pk if isinstance(opts.pk, AutoField) else None
        for index in opts.indexes:
            if not index.name:
                index.set_name_with_model(cls)

        # 6. Managers: `objects` unless the model declares one.
        if not opts.managers:
            if any(f.name == "objects" for f in opts.fields):
                raise ValueError("Model %s must specify a custom Manager, because it "
                                 "has a field named 'objects'." % name)
            manager = Manager()
            manager.auto_created = True
            cls.add_to_class("objects", manager)
        cls._meta._expire_cache()
        cls._prepare()
        apps.register_model(opts.app_label, cls)
        _resolve_pending(cls)
        return cls

    def add_to_class(cls, name, value):
        if _has_contribute_to_class(value):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)

    def _prepare(cls):
        opts = cls._meta
        if cls.__doc__ is None:
            cls.__doc__ = "%s(%s)" % (cls.__name__, ", ".join(
                f.name for f in opts.fields))
        class_prepared.send(sender=cls)

    @property
    def _base_manager(cls):
        return cls._meta.base_manager

    @property
    def _default_manager(cls):
        return cls._meta.default_manager


def _auto_field_class(app_label):
    config = apps.app_configs.get(app_label)
    path = (getattr(config, "default_auto_field", None) if config else None) or \
        settings.DEFAULT_AUTO_FIELD
    name = path.rpartition(".")[2]
    cls = globals().get(name)
    if not (isinstance(cls, type) and issubclass(cls, AutoField)):
        try:
            cls = import_string(path)
        except ImportError:
            cls = None
    if not (isinstance(cls, type) and issubclass(cls, AutoField)):
        raise ImproperlyConfigured(
            "DEFAULT_AUTO_FIELD refers to the module '%s' that could not be imported."
            % path if cls is None else
            "Primary key '%s' referred by DEFAULT_AUTO_FIELD must subclass AutoField."
            % path)
    return cls


def _resolve_pending(model):
    """Run the callbacks waiting for `model` (string references to it)."""
    for key in (model._meta.label_lower,):
        for callback in _pending_relations.pop(key, []):
            callback(model)


def _lazy_related(origin, target, callback):
    """Call callback(model) once `target` (a model, "Name" or "app.Name") exists."""
    if isinstance(target, type):
        callback(target)
        return
    if target == "self":
        callback(origin)
        return
    label, _, name = target.rpartition(".")
    label = label or origin._meta.app_label
    key = "%s.%s" % (label, name.lower())
    model = apps.all_models.get(label, {}).get(name.lower())
    if model is not None:
        callback(model)
    else:
        _pending_relations.setdefault(key, []).append(callback)


class Model(metaclass=ModelBase):
    """Base class of every model; subclass it and declare fields.

        class Entry(models.Model):
            title = models.CharField(max_length=200)

    Instances compare equal when they are of the same model and have the same
    primary key; an unsaved instance is unhashable.
    """

    _state = _StateDescriptor()

    def __init__(self, *args, **kwargs):
        cls = self.__class__
        opts = cls._meta
        if not args and not pre_init.receivers and not post_init.receivers:
            # Fast path: keyword arguments that are all plain column names.
            defaults, callables = opts._init_fast
            if kwargs.keys() <= defaults.keys():
                d = self.__dict__
                d.update(defaults)
                for attname, field in callables:
                    if attname not in kwargs:
                        d[attname] = field.get_default()
                d.update(kwargs)
                d["_state"] = ModelState()
                return
        if pre_init.receivers:
            pre_init.send(sender=cls, args=args, kwargs=kwargs)
        d = self.__dict__
        d["_state"] = ModelState()
        plan = opts._init_plan
        if args:
            if len(args) > len(plan):
                raise IndexError("Number of args exceeds number of fields")
            for (field, name, attname, _default), value in zip(plan, args):
                if name in kwargs:
                    raise TypeError("%s() got both positional and keyword arguments "
                                    "for field '%s'." % (cls.__name__, name))
                d[attname] = value
            plan = plan[len(args):]
        for field, name, attname, default in plan:
            if kwargs:
                if name in kwargs:
                    if field.is_relation:
                        setattr(self, name, kwargs.pop(name))
                    else:
                        d[attname] = kwargs.pop(name)
                    continue
                if attname in kwargs:
                    d[attname] = kwargs.pop(attname)
                    continue
            d[attname] = field.get_default() if default is _CALL_DEFAULT else default
        if kwargs:
            unexpected = []
            for name, value in list(kwargs.items()):
                if name in opts._forward_fields_map and opts._forward_fields_map[
                        name].many_to_many:
                    raise TypeError(
                        "Direct assignment to the forward side of a many-to-many set "
                        "is prohibited. Use %s.set() instead." % name)
                if name == "pk" or isinstance(getattr(cls, name, None), property):
                    setattr(self, name, value)
                else:
                    unexpected.append(name)
            if unexpected:
                raise TypeError("%s() got unexpected keyword arguments: %s" % (
                    cls.__name__, ", ".join("'%s'" % n for n in unexpected)))
        if post_init.receivers:
            post_init.send(sender=cls, instance=self)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Build an instance from a database row (no __init__, no defaults)."""
        obj = cls.__new__(cls)
        obj.__dict__.update(zip(field_names, values))
        if db != DEFAULT_DB_ALIAS:
            obj._state.db = db
        return obj

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def __str__(self):
        return "%s object (%s)" % (type(self).__name__, self.pk)

    def __eq__(self, other):
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.concrete_model != other._meta.concrete_model:
            return False
        pk = self.pk
        if pk is None:
            return self is other
        return pk == other.pk

    def __hash__(self):
        if self.pk is None:
            raise TypeError("Model instances without primary key value are unhashable")
        return hash(self.pk)

    def __reduce__(self):
        data = self.__getstate__()
        return _model_unpickle, ((self._meta.app_label, self._meta.object_name),), data

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_state"] = self._state
        state.pop("_prefetched_objects_cache", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def _get_pk_val(self, meta=None):
        return getattr(self, (meta or self._meta).pk.attname)

    def _set_pk_val(self, value):
        return setattr(self, self._meta.pk.attname, value)

    pk = property(_get_pk_val, _set_pk_val)

    def get_deferred_fields(self):
        """Return the names of fields not loaded from the database."""
        return {f.attname for f in self._meta.concrete_fields
                if f.attname not in self.__dict__}

    def serializable_value(self, field_name):
        try:
            field = self._meta.get_field(field_name)
        except FieldDoesNotExist:
            return getattr(self, field_name)
        return getattr(self, field.attname)

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        choices = dict(_make_hashable_choices(field.flatchoices))
        try:
            return force_str(choices.get(_make_hashable(value), value),
                             strings_only=True)
        except TypeError:
            return force_str(value, strings_only=True)

    def _get_next_or_previous_by_FIELD(self, field, is_next, **kwargs):
        if not self.pk:
            raise ValueError("get_next/get_previous cannot be used on unsaved objects.")
        op = "gt" if is_next else "lt"
        order = "" if is_next else "-"
        param = getattr(self, field.attname)
        q = Q.create([(field.name, param), ("pk__%s" % op, self.pk)], connector=Q.AND)
        q = Q.create([q, ("%s__%s" % (field.name, op), param)], connector=Q.OR)
        qs = type(self)._default_manager.filter(**kwargs).filter(q).order_by(
            "%s%s" % (order, field.name), "%spk" % order)
        try:
            return qs[0]
        except IndexError:
            raise self.DoesNotExist("%s matching query does not exist." %
                                    type(self)._meta.object_name) from None

    # -- loading

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        """Reload field values from the database (all, or `fields`)."""
        opts = self._meta
        if fields is not None:
            fields = list(fields)
            if not fields:
                return
            if any("__" in f for f in fields):
                raise ValueError('Found "__" in fields argument. Relations and '
                                 "transforms are not allowed in fields.")
        qs = from_queryset if from_queryset is not None else \
            type(self)._base_manager.get_queryset()
        qs = qs.filter(pk=self.pk)
        if fields is not None:
            names = set()
            for name in fields:
                f = opts.get_field(name)
                names.add(f.name)
            qs = qs.only(*names)
        try:
            db_instance = qs.get()
        except self.DoesNotExist:
            raise
        for field in opts.concrete_fields:
            if fields is not None and field.name not in fields and \
                    field.attname not in fields:
                continue
            if field.attname not in db_instance.__dict__:
                continue
            self.__dict__[field.attname] = db_instance.__dict__[field.attname]
            if field.is_relation:
                self._state.fields_cache.pop(field.name, None)
        for field in opts.related_objects:
            if fields is None:
                self._state.fields_cache.pop(field.name, None)
        if fields is None:
            self.__dict__.pop("_prefetched_objects_cache", None)
        self._state.db = DEFAULT_DB_ALIAS

    arefresh_from_db = None  # async API: not implemented

    # -- saving

    def _prepare_related_fields_for_save(self, operation_name, fields=None):
        relations = self._meta._relation_fields
        if not relations:
            return
        cache = self._state.fields_cache
        for field in relations:
            if fields is not None and field not in fields:
                continue
            if field.name in cache:
                obj = self._state.fields_cache[field.name]
                if obj is None:
                    continue
                if obj.pk is None:
                    if not field.remote_field.multiple:
                        field.remote_field.delete_cached_value(obj)
                    raise ValueError(
                        "%s() prohibited to prevent data loss due to unsaved related "
                        "object '%s'." % (operation_name, field.name))
                if getattr(self, field.attname) in field.empty_values:
                    setattr(self, field.name, obj)
                elif getattr(obj, field.target_field.attname) != getattr(
                        self, field.attname):
                    self._state.fields_cache.pop(field.name, None)

    def save(self, *args, force_insert=False, force_update=False, using=None,
             update_fields=None):
        """Save the instance: UPDATE when it has a primary key, else INSERT."""
        if args:
            names = ("force_insert", "force_update", "using", "update_fields")
            if len(args) > len(names):
                raise TypeError("Model.save() takes from 1 to 5 positional "
                                "arguments but %d were given" % (len(args) + 1))
            values = dict(zip(names, args))
            force_insert = values.get("force_insert", force_insert)
            force_update = values.get("force_update", force_update)
            using = values.get("using", using)
            update_fields = values.get("update_fields", update_fields)
        self._prepare_related_fields_for_save("save")
        if force_insert and (force_update or update_fields):
            raise ValueError("Cannot force both insert and updating in model saving.")
        if update_fields is not None:
            if not update_fields:
                return
            update_fields = frozenset(update_fields)
            opts = self._meta
            names = {f.name for f in opts.concrete_fields} | {
                f.attname for f in opts.concrete_fields}
            missing = update_fields - names
            if missing:
                raise ValueError(
                    "The following fields do not exist in this model, are m2m fields, "
                    "primary keys, or are non-concrete fields: %s"
                    % ", ".join(sorted(missing)))
        self.save_base(using=using, force_insert=force_insert,
                       force_update=force_update, update_fields=update_fields)

    save.alters_data = True

    def save_base(self, raw=False, force_insert=False, force_update=False,
                  using=None, update_fields=None):
        """Send pre_save, write the row, send post_save."""
        cls = type(self)
        using = using or DEFAULT_DB_ALIAS
        if pre_save.receivers:
            pre_save.send(sender=cls, instance=self, raw=raw, using=using,
                          update_fields=update_fields)
        updated = self._save_table(raw, cls, force_insert, force_update, using,
                                   update_fields)
        state = self.__dict__.get("_state")
        if state is None:
            state = self._state
        state.db = using
        state.adding = False
        if post_save.receivers:
            post_save.send(sender=cls, instance=self, created=not updated,
                           update_fields=update_fields, raw=raw, using=using)

    save_base.alters_data = True

    def _save_table(self, raw, cls, force_insert, force_update, using, update_fields):
        meta = self._meta
        pk = meta.pk
        d = self.__dict__
        pk_val = d.get(pk.attname)
        if pk_val is None:
            pk_val = pk.get_default()
            if pk_val is not None:
                d[pk.attname] = pk_val
        pk_set = pk_val is not None
        if not pk_set and (force_update or update_fields):
            raise ValueError("Cannot force an update in save() with no primary key.")
        updated = False
        state = d.get("_state")
        adding = state.adding if state is not None else False
        if not raw and not force_insert and adding and pk.default is not NOT_PROVIDED:
            force_insert = True
        db = connections[using]
        if pk_set and not force_insert:
            fields = [f for f in meta.concrete_fields if not f.primary_key]
            if update_fields is not None:
                fields = [f for f in fields
                          if f.name in update_fields or f.attname in update_fields]
            values = [f.get_db_prep_save(f.pre_save(self, False), db) for f in fields]
            if fields:
                sql = "UPDATE %s SET %s WHERE %s = ?" % (
                    quote_name(meta.db_table),
                    ", ".join("%s = ?" % quote_name(f.column) for f in fields),
                    quote_name(pk.column))
                values.append(pk.get_db_prep_value(pk_val, db))
                updated = db._execute(sql, values).rowcount > 0
            else:
                updated = cls._base_manager.filter(pk=pk_val).exists()
            if force_update and not updated:
                raise DatabaseError("Forced update did not affect any rows.")
            if update_fields is not None and not updated:
                raise DatabaseError("Save with update_fields did not affect any rows.")
        if not updated:
            sql, fields, plan = _insert_plan(meta, pk_set)
            values = [prep(d[attname] if plain else f.pre_save(self, True))
                      for f, attname, plain, prep in plan]
            cursor = db._execute(sql, values)
            if not pk_set:
                d[pk.attname] = cursor.lastrowid
        return updated

    def delete(self, using=None, keep_parents=False):
        """Delete the row and whatever cascades; return Django's counts tuple."""
        if self.pk is None:
            raise ValueError("%s object can't be deleted because its %s attribute is "
                             "set to None." % (self._meta.object_name,
                                               self._meta.pk.attname))
        collector = Collector(using=using or DEFAULT_DB_ALIAS)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()

    delete.alters_data = True

    # -- validation

    def clean(self):
        """Hook for model-wide validation; raise ValidationError."""

    def clean_fields(self, exclude=None):
        """Clean every field not in `exclude`; raise all errors as a dict."""
        exclude = set(exclude or ())
        errors = {}
        for f in self._meta.fields:
            if f.name in exclude or f.generated:
                continue
            raw_value = getattr(self, f.attname)
            if f.blank and raw_value in f.empty_values:
                continue
            try:
                setattr(self, f.attname, f.clean(raw_value, self))
            except ValidationError as e:
                errors[f.name] = e.error_list
        if errors:
            raise ValidationError(errors)

    def _get_unique_checks(self, exclude=None):
        exclude = set(exclude or ())
        checks = []
        opts = self._meta
        for together in opts.unique_together:
            if not any(name in exclude for name in together):
                checks.append((type(self), tuple(together)))
        for constraint in opts.constraints:
            if isinstance(constraint, UniqueConstraint) and (
                    constraint.condition is None):
                if not any(name in exclude for name in constraint.fields):
                    checks.append((type(self), constraint.fields))
        for f in opts.local_fields:
            if f.unique and f.name not in exclude:
                checks.append((type(self), (f.name,)))
        return checks, []

    def validate_unique(self, exclude=None):
        """Check unique fields and unique_together against the database."""
        unique_checks, _ = self._get_unique_checks(exclude)
        errors = {}
        for model, names in unique_checks:
            lookup = {}
            for name in names:
                f = self._meta.get_field(name)
                value = getattr(self, f.attname)
                if value is None or (value == "" and f.empty_strings_allowed):
                    break
                if f.primary_key and not self._state.adding:
                    break
                lookup[name] = value
            else:
                qs = model._default_manager.filter(**lookup)
                if not self._state.adding and self.pk is not None:
                    qs = qs.exclude(pk=self.pk)
                if qs.exists():
                    key = names[0] if len(names) == 1 else NON_FIELD_ERRORS
                    errors.setdefault(key, []).append(
                        self.unique_error_message(model, names))
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        opts = model_class._meta
        params = {"model": self, "model_class": model_class,
                  "model_name": _capfirst(opts.verbose_name),
                  "unique_check": unique_check}
        if len(unique_check) == 1:
            field = opts.get_field(unique_check[0])
            params["field_label"] = _capfirst(field.verbose_name)
            return ValidationError(field.error_messages["unique"], code="unique",
                                   params=params)
        labels = [_capfirst(opts.get_field(f).verbose_name) for f in unique_check]
        params["field_labels"] = _get_text_list(labels, "and")
        return ValidationError(
            "%(model_name)s with this %(field_labels)s already exists.",
            code="unique_together", params=params)

    def validate_constraints(self, exclude=None):
        errors = {}
        for constraint in self._meta.constraints:
            try:
                constraint.validate(type(self), self, exclude=exclude)
            except ValidationError as e:
                if getattr(constraint, "violation_error_code", None) == "unique" and \
                        len(getattr(constraint, "fields", ())) == 1:
                    errors.setdefault(constraint.fields[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        """Run clean_fields, clean, validate_unique and validate_constraints."""
        errors = {}
        exclude = set(exclude or ())
        try:
            self.clean_fields(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        try:
            self.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if validate_unique:
            for name in errors:
                if name != NON_FIELD_ERRORS:
                    exclude.add(name)
            try:
                self.validate_unique(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if validate_constraints:
            for name in errors:
                if name != NON_FIELD_ERRORS:
                    exclude.add(name)
            try:
                self.validate_constraints(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _get_text_list(items, last_word="or"):
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "%s %s %s" % (", ".join(items[:-1]), last_word, items[-1])


def _make_hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _make_hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_make_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _make_hashable_choices(choices):
    return [(_make_hashable(k), v) for k, v in choices]


def _model_unpickle(model_id):
    if isinstance(model_id, tuple):
        model = apps.all_models[model_id[0]][model_id[1].lower()]
    else:
        model = model_id
    return model.__new__(model)


def _insert_plan(meta, pk_set):
    """Return (INSERT sql, fields) for a model, cached on _meta."""
    plans = meta.__dict__.setdefault("_insert_plans", {})
    plan = plans.get(pk_set)
    if plan is None:
        fields = [f for f in meta.concrete_fields
                  if pk_set or not isinstance(f, AutoField) or not f.primary_key]
        if fields:
            sql = "INSERT INTO %s (%s) VALUES (%s)" % (
                quote_name(meta.db_table),
                ", ".join(quote_name(f.column) for f in fields),
                ", ".join("?" * len(fields)))
        else:
            sql = "INSERT INTO %s DEFAULT VALUES" % quote_name(meta.db_table)
        save_plan = tuple(p for p in meta._save_plan if p[0] in fields)
        plan = plans[pk_set] = (sql, fields, save_plan)
    return plan


# -- Expressions: Q, F, Value, functions and aggregates.  Each compiles itself
#    with `as_sql(compiler, group)`; the compiler supplies columns and joins.

__all__ += [
    "Q", "F", "Value", "ExpressionWrapper", "Func", "Aggregate", "Count", "Sum",
    "Avg", "Min", "Max", "Case", "When", "Subquery", "Exists", "OuterRef",
    "Lower", "Upper", "Length", "Concat", "Coalesce", "Now", "Cast", "TruncDate",
    "Trunc", "TruncYear", "TruncQuarter", "TruncMonth", "TruncWeek", "TruncDay",
    "TruncHour",
    "QuerySet", "Manager", "BaseManager", "Prefetch", "RawQuerySet", "OrderBy",
]


class Q:
    """A filter condition: Q(a=1) & (Q(b=2) | ~Q(c=3)).

    Children are (lookup, value) pairs or nested Q objects, joined by
    `connector` (AND/OR) and optionally negated.
    """

    AND = "AND"
    OR = "OR"
    XOR = "XOR"
    conditional = True
    default = AND

    def __init__(self, *args, _connector=None, _negated=False, **kwargs):
        self.children = [*args, *sorted(kwargs.items())]
        self.connector = _connector or self.default
        self.negated = _negated

    @classmethod
    def create(cls, children=None, connector=None, negated=False):
        obj = cls()
        obj.children = list(children or [])
        obj.connector = connector or cls.default
        obj.negated = negated
        return obj

    def _combine(self, other, conn):
        if getattr(other, "conditional", False) is False:
            raise TypeError(other)
        if not self:
            return other.copy() if isinstance(other, Q) else other
        if isinstance(other, Q) and not other:
            return self.copy()
        return Q.create([self, other], conn)

    def __or__(self, other):
        return self._combine(other, self.OR)

    def __and__(self, other):
        return self._combine(other, self.AND)

    def __xor__(self, other):
        return self._combine(other, self.XOR)

    def __invert__(self):
        obj = self.copy()
        obj.negated = not self.negated
        return obj

    def copy(self):
        return Q.create(list(self.children), self.connector, self.negated)

    def __bool__(self):
        return bool(self.children)

    def __len__(self):
        return len(self.children)

    def __contains__(self, other):
        return other in self.children

    def __eq__(self, other):
        return isinstance(other, Q) and (self.connector, self.negated, self.children) \
            == (other.connector, other.negated, other.children)

    def __hash__(self):
        return hash((self.connector, self.negated, tuple(
            c if isinstance(c, Q) else (c[0], _make_hashable(c[1]))
            for c in self.children)))

    def __repr__(self):
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return "<Q: %s>" % (template % (self.connector, ", ".join(
            str(c) for c in self.children)))

    def __str__(self):
        return repr(self)[4:-1]

    def deconstruct(self):
        kwargs = {}
        if self.connector != self.default:
            kwargs["_connector"] = self.connector
        if self.negated:
            kwargs["_negated"] = True
        return "django.db.models.Q", tuple(self.children), kwargs

    def as_sql(self, compiler, group=None):
        return compiler.compile_q(self, group)

    def get_output_field(self):
        return BooleanField()


class Expression:
    """Base of the SQL expressions; arithmetic builds CombinedExpressions."""

    contains_aggregate = False
    conditional = False
    output_field_class = None
    filterable = True

    def _combine(self, other, op, reverse):
        if not isinstance(other, (Expression, F)):
            other = Value(other)
        if reverse:
            return CombinedExpression(other, op, self)
        return CombinedExpression(self, op, other)

    def __add__(self, other):
        return self._combine(other, "+", False)

    def __sub__(self, other):
        return self._combine(other, "-", False)

    def __mul__(self, other):
        return self._combine(other, "*", False)

    def __truediv__(self, other):
        return self._combine(other, "/", False)

    def __mod__(self, other):
        return self._combine(other, "%%", False)

    def __pow__(self, other):
        return self._combine(other, "^", False)

    def __radd__(self, other):
        return self._combine(other, "+", True)

    def __rsub__(self, other):
        return self._combine(other, "-", True)

    def __rmul__(self, other):
        return self._combine(other, "*", True)

    def __rtruediv__(self, other):
        return self._combine(other, "/", True)

    def __neg__(self):
        return CombinedExpression(Value(0), "-", self)

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def get_output_field(self, compiler=None):
        return getattr(self, "output_field", None)

    def get_source_expressions(self):
        return []

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            repr(e) for e in self.get_source_expressions()))


class F(Expression):
    """A reference to a field of the row: F("votes") + 1."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "F(%s)" % self.name

    def __eq__(self, other):
        return isinstance(other, F) and other.name == self.name

    def __hash__(self):
        return hash(("F", self.name))

    def as_sql(self, compiler, group=None):
        sql, field = compiler.resolve_ref(self.name, group)
        self._resolved_field = field
        return sql, []

    def get_output_field(self, compiler=None):
        if compiler is not None:
            return compiler.resolve_ref(self.name, None)[1]
        return getattr(self, "_resolved_field", None)

    def contains_aggregate_in(self, compiler):
        return compiler.is_aggregate_ref(self.name)


class OuterRef(F):
    """A reference to a column of the outer query, inside a Subquery."""

    def as_sql(self, compiler, group=None):
        if compiler.outer is None:
            raise ValueError("This queryset contains a reference to an outer query "
                             "and may only be used in a subquery.")
        return compiler.outer.resolve_ref(self.name, None)[0], []

    def __repr__(self):
        return "OuterRef(%s)" % self.name


class Value(Expression):
    """A constant, sent as a bound parameter."""

    def __init__(self, value, output_field=None):
        self.value = value
        if output_field is not None:
            self.output_field = output_field

    def __repr__(self):
        return "Value(%r)" % (self.value,)

    def as_sql(self, compiler, group=None):
        value = self.value
        field = getattr(self, "output_field", None)
        if field is not None:
            value = field.get_db_prep_value(value, None)
        elif isinstance(value, bool):
            value = int(value)
        if value is None:
            return "NULL", []
        return "?", [_adapt_param(value)]

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        value = self.value
        for kind, field_class in ((bool, BooleanField), (int, IntegerField),
                                  (float, FloatField), (str, CharField)):
            if isinstance(value, kind):
                return field_class()
        return None


def _adapt_param(value):
    """Turn a Python value into something sqlite3 binds (as Django adapts it)."""
    import datetime

    if value is None or isinstance(value, (str, int, float, bytes)):
        return value
    if isinstance(value, datetime.datetime):
        if settings.USE_TZ and value.utcoffset() is None:
            value = make_aware(value, get_default_timezone())
        return _adapt_datetime(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return (value.days * 86400 + value.seconds) * 1000000 + value.microseconds
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Promise):
        return str(value)
    type_name = type(value).__name__
    if type_name == "UUID":
        return value.hex
    if type_name == "Decimal":
        return str(value)
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, _enum.Enum):
        return value.value
    return value


class RawSQL(Expression):
    def __init__(self, sql, params, output_field=None):
        self.sql, self.params = sql, list(params)
        self.output_field = output_field

    def as_sql(self, compiler, group=None):
        return "(%s)" % self.sql.replace("%s", "?"), list(self.params)


class CombinedExpression(Expression):
    def __init__(self, lhs, connector, rhs, output_field=None):
        self.lhs, self.connector, self.rhs = lhs, connector, rhs
        if output_field is not None:
            self.output_field = output_field

    def get_source_expressions(self):
        return [self.lhs, self.rhs]

    @property
    def contains_aggregate(self):
        return any(getattr(e, "contains_aggregate", False)
                   for e in (self.lhs, self.rhs))

    def as_sql(self, compiler, group=None):
        lsql, lparams = compiler.compile(self.lhs, group)
        rsql, rparams = compiler.compile(self.rhs, group)
        op = self.connector.replace("%%", "%")
        if op == "^":
            return "POWER(%s, %s)" % (lsql, rsql), lparams + rparams
        lfield = self.lhs.get_output_field(compiler) if hasattr(
            self.lhs, "get_output_field") else None
        if op in "+-" and isinstance(lfield, (DateTimeField, DateField)) and not \
                isinstance(lfield, TimeField):
            raise NotSupportedError("Date arithmetic in expressions is not supported "
                                    "by djscratch.")
        return "(%s %s %s)" % (lsql, op, rsql), lparams + rparams

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        fields = [e.get_output_field(compiler) for e in (self.lhs, self.rhs)
                  if hasattr(e, "get_output_field")]
        fields = [f for f in fields if f is not None]
        if any(isinstance(f, DecimalField) for f in fields):
            return next(f for f in fields if isinstance(f, DecimalField))
        if any(isinstance(f, FloatField) for f in fields):
            return FloatField()
        if self.connector == "/" and all(isinstance(f, IntegerField) for f in fields):
            return IntegerField()
        return fields[0] if fields else None


class ExpressionWrapper(Expression):
    """Give an expression an output_field: ExpressionWrapper(F("a") * 2, ...)."""

    def __init__(self, expression, output_field):
        self.expression = expression
        self.output_field = output_field

    def get_source_expressions(self):
        return [self.expression]

    @property
    def contains_aggregate(self):
        return getattr(self.expression, "contains_aggregate", False)

    def as_sql(self, compiler, group=None):
        return compiler.compile(self.expression, group)


class OrderBy(Expression):
    def __init__(self, expression, descending=False, nulls_first=None,
                 nulls_last=None):
        self.expression = expression
        self.descending = descending
        self.nulls_first, self.nulls_last = nulls_first, nulls_last

    def reverse_ordering(self):
        self.descending = not self.descending
        if self.nulls_first or self.nulls_last:
            self.nulls_first, self.nulls_last = self.nulls_last, self.nulls_first
        return self

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.expression, group)
        sql = "%s %s" % (sql, "DESC" if self.descending else "ASC")
        if self.nulls_last:
            sql += " NULLS LAST"
        elif self.nulls_first:
            sql += " NULLS FIRST"
        return sql, params


class Func(Expression):
    """An SQL function call: Func(F("name"), function="LOWER")."""

    function = None
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "
    arity = None

    def __init__(self, *expressions, output_field=None, **extra):
        if self.arity is not None and len(expressions) != self.arity:
            raise TypeError("'%s' takes exactly %s argument%s (%s given)" % (
                type(self).__name__, self.arity, "" if self.arity == 1 else "s",
                len(expressions)))
        self.source_expressions = [
            e if isinstance(e, (Expression, Q)) else (
                F(e) if isinstance(e, str) else Value(e)) for e in expressions]
        if output_field is not None:
            self.output_field = output_field
        self.extra = extra

    def get_source_expressions(self):
        return self.source_expressions

    @property
    def contains_aggregate(self):
        return any(getattr(e, "contains_aggregate", False)
                   for e in self.source_expressions)

    def as_sql(self, compiler, group=None, **extra):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append(sql)
            params.extend(p)
        data = {"function": self.function, **self.extra, **extra,
                "expressions": self.arg_joiner.join(sqls)}
        return self.template % data, params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        for e in self.source_expressions:
            if hasattr(e, "get_output_field"):
                f = e.get_output_field(compiler)
                if f is not None:
                    return f
        return None


class Lower(Func):
    function = "LOWER"
    arity = 1


class Upper(Func):
    function = "UPPER"
    arity = 1


class Length(Func):
    function = "LENGTH"
    arity = 1
    output_field = None

    def get_output_field(self, compiler=None):
        return IntegerField()


class Coalesce(Func):
    function = "COALESCE"


class Concat(Func):
    """Concatenate text (NULL parts count as empty, as in Django)."""

    def as_sql(self, compiler, group=None):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group)
            sqls.append("COALESCE(%s, '')" % sql)
            params.extend(p)
        return "(%s)" % " || ".join(sqls), params

    def get_output_field(self, compiler=None):
        return getattr(self, "output_field", None) or TextField()


class Now(Func):
    """The current time, as SQLite's text (UTC)."""

    def as_sql(self, compiler, group=None):
        return "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')", []

    def get_output_field(self, compiler=None):
        return DateTimeField()


class Cast(Func):
    """Cast(expression, output_field)."""

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        db_type = self.output_field.db_type() or "text"
        return "CAST(%s AS %s)" % (sql, db_type), params


class TruncDate(Func):
    def __init__(self, expression, tzinfo=None, **extra):
        super().__init__(expression, **extra)
        self.tzinfo = tzinfo

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        tzname = _current_tzname() if settings.USE_TZ else None
        return "django_datetime_cast('date', %s, ?)" % sql, params + [tzname]

    def get_output_field(self, compiler=None):
        return DateField()


class Trunc(Func):
    """Trunc(expression, kind): a date or datetime cut to year ... second."""

    kind = None

    def __init__(self, expression, kind=None, output_field=None, tzinfo=None,
                 **extra):
        self.kind = kind or self.kind
        self.tzinfo = tzinfo
        super().__init__(expression, output_field=output_field, **extra)

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.source_expressions[0], group)
        source = self.source_expressions[0].get_output_field(compiler)
        if isinstance(source, DateTimeField):
            tz = (getattr(self.tzinfo, "key", None) or _current_tzname()) \
                if settings.USE_TZ else None
            return "django_datetime_trunc(?, %s, ?)" % sql, [self.kind] + params + [tz]
        return "django_date_trunc(?, %s)" % sql, [self.kind] + params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        return super().get_output_field(compiler)


class TruncYear(Trunc):
    kind = "year"


class TruncQuarter(Trunc):
    kind = "quarter"


class TruncMonth(Trunc):
    kind = "month"


class TruncWeek(Trunc):
    kind = "week"


class TruncDay(Trunc):
    kind = "day"


class TruncHour(Trunc):
    kind = "hour"


class Aggregate(Func):
    """An SQL aggregate: Count("comment", distinct=True, filter=Q(...))."""

    contains_aggregate = True
    name = None
    allow_distinct = False

    def __init__(self, *expressions, distinct=False, filter=None, default=None,
                 **extra):
        if distinct and not self.allow_distinct:
            raise TypeError("%s does not allow distinct." % type(self).__name__)
        super().__init__(*expressions, **extra)
        self.distinct = distinct
        self.filter = filter
        self.default = default

    def get_source_expressions(self):
        return self.source_expressions

    def as_sql(self, compiler, group=None):
        sqls, params = [], []
        for e in self.source_expressions:
            sql, p = compiler.compile(e, group, aggregate_arg=True)
            sqls.append(sql)
            params.extend(p)
        sql = "%s(%s%s)" % (self.function, "DISTINCT " if self.distinct else "",
                            ", ".join(sqls))
        if self.filter is not None:
            fsql, fparams = compiler.compile_q(self.filter, group)
            sql += " FILTER (WHERE %s)" % fsql
            params.extend(fparams)
        if self.default is not None:
            dsql, dparams = compiler.compile(
                self.default if isinstance(self.default, Expression)
                else Value(self.default), group)
            return "COALESCE(%s, %s)" % (sql, dsql), params + dparams
        return sql, params

    @property
    def default_alias(self):
        expressions = self.source_expressions
        if len(expressions) == 1 and isinstance(expressions[0], F):
            return "%s__%s" % (expressions[0].name, self.name.lower())
        raise TypeError("Complex expressions require an alias")


class Count(Aggregate):
    function = "COUNT"
    name = "Count"
    allow_distinct = True

    def __init__(self, expression, filter=None, **extra):
        if expression == "*":
            expression = _Star()
        super().__init__(expression, filter=filter, **extra)

    def get_output_field(self, compiler=None):
        return IntegerField()

    @property
    def default_alias(self):
        e = self.source_expressions[0]
        if isinstance(e, F):
            return "%s__count" % e.name
        raise TypeError("Complex expressions require an alias")


class _Star(Expression):
    def as_sql(self, compiler, group=None, **kwargs):
        return "*", []


class Sum(Aggregate):
    function = "SUM"
    name = "Sum"
    allow_distinct = True


class Avg(Aggregate):
    function = "AVG"
    name = "Avg"
    allow_distinct = True

    def get_output_field(self, compiler=None):
        field = super().get_output_field(compiler)
        if isinstance(field, DecimalField):
            return field
        return FloatField()


class Min(Aggregate):
    function = "MIN"
    name = "Min"


class Max(Aggregate):
    function = "MAX"
    name = "Max"


class When(Expression):
    conditional = False

    def __init__(self, condition=None, then=None, **lookups):
        if lookups:
            condition = Q(**lookups) if condition is None else Q(condition, **lookups)
        if condition is None or not getattr(condition, "conditional", False):
            raise TypeError("When() supports a Q object, a boolean expression, or "
                            "lookups as a condition.")
        self.condition = condition
        self.result = then if isinstance(then, Expression) else Value(then)

    def as_sql(self, compiler, group=None):
        csql, cparams = compiler.compile(self.condition, group)
        rsql, rparams = compiler.compile(self.result, group)
        return "WHEN %s THEN %s" % (csql, rsql), cparams + rparams


class Case(Expression):
    def __init__(self, *cases, default=None, output_field=None, **extra):
        self.cases = list(cases)
        self.default = default if isinstance(default, Expression) else Value(default)
        if output_field is not None:
            self.output_field = output_field

    def as_sql(self, compiler, group=None):
        parts, params = [], []
        for case in self.cases:
            sql, p = compiler.compile(case, group)
            parts.append(sql)
            params.extend(p)
        dsql, dparams = compiler.compile(self.default, group)
        return "CASE %s ELSE %s END" % (" ".join(parts), dsql), params + dparams

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        for case in self.cases:
            f = case.result.get_output_field(compiler)
            if f is not None:
                return f
        return self.default.get_output_field(compiler)


class Subquery(Expression):
    """A queryset used as a value: Subquery(qs.values("x")[:1])."""

    def __init__(self, queryset, output_field=None):
        self.query = queryset.query if hasattr(queryset, "query") else queryset
        self.queryset = queryset
        if output_field is not None:
            self.output_field = output_field

    def as_sql(self, compiler, group=None):
        sub = SQLCompiler(self.query, outer=compiler)
        sql, params = sub.as_sql()
        return "(%s)" % sql, params

    def get_output_field(self, compiler=None):
        field = getattr(self, "output_field", None)
        if field is not None:
            return field
        query = self.query
        if query.values_fields:
            try:
                return SQLCompiler(query).resolve_ref(query.values_fields[0], None)[1]
            except FieldError:
                return None
        return None


class Exists(Subquery):
    conditional = True

    def __init__(self, queryset, negated=False, **kwargs):
        super().__init__(queryset, **kwargs)
        self.negated = negated

    def __invert__(self):
        return Exists(self.queryset, negated=not self.negated)

    def as_sql(self, compiler, group=None):
        sub = SQLCompiler(self.query, outer=compiler)
        sql, params = sub.as_sql(exists=True)
        return "%sEXISTS(%s)" % ("NOT " if self.negated else "", sql), params

    def get_output_field(self, compiler=None):
        return BooleanField()


class Col(Expression):
    def __init__(self, alias, field):
        self.alias, self.field = alias, field

    def as_sql(self, compiler, group=None):
        return "%s.%s" % (quote_name(self.alias), quote_name(self.field.column)), []

    def get_output_field(self, compiler=None):
        return self.field


def _current_tzname():
    tz = get_current_timezone()
    return getattr(tz, "key", None) or ("UTC" if str(tz) in ("UTC", "UTC+00:00") else
                                       str(tz))


# -- Lookups and transforms.  Each lookup is a row of _LOOKUPS: how the
#    right-hand side is prepared and the SQL operator (Django's for SQLite).

#: Transforms that extract part of a date/time; value type after extraction.
_DATE_TRANSFORMS = {
    "year", "month", "day", "week_day", "iso_week_day", "week", "iso_year",
    "quarter", "hour", "minute", "second",
}
_LOOKUP_NAMES = {
    "exact", "iexact", "contains", "icontains", "in", "gt", "gte", "lt", "lte",
    "startswith", "istartswith", "endswith", "iendswith", "range", "isnull",
    "regex", "iregex",
}


class Lookup:
    """Base of custom lookups (registration is not supported yet)."""

    lookup_name = None


class Transform(Func):
    lookup_name = None


def _like_escape(value):
    return str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _int_out_of_range(value):
    return isinstance(value, int) and not isinstance(value, bool) and not (
        -9223372036854775808 <= value <= 9223372036854775807)


# -- The query and its compiler.


class _Query:
    """What a QuerySet asks for; the compiler turns it into SQL."""

    # Defaults live on the class, so that a new query costs four attributes.
    order_by = None  # None: Meta.ordering
    default_ordering = True
    standard_ordering = True
    low_mark, high_mark = 0, None
    distinct = False
    distinct_fields = ()
    select_related = False
    values_fields = None
    annotation_mask = None  # names of annotations selected by values()
    group_by = None
    deferred = (frozenset(), True)
    combinator = None
    combinator_all = False
    combined_queries = ()
    is_empty = False
    groups = 0

    def __init__(self, model):
        self.model = model
        self.where = []  # [(Q, group)]: ANDed; group numbers multi-valued joins
        self.having = []
        self.annotations = {}

    def clone(self):
        import copy

        obj = copy.copy(self)
        obj.where = list(self.where)
        obj.having = list(self.having)
        obj.annotations = dict(self.annotations)
        if isinstance(self.select_related, dict):
            obj.select_related = copy.deepcopy(self.select_related)
        return obj

    def new_group(self):
        self.groups += 1
        return self.groups

    @property
    def is_sliced(self):
        return self.low_mark != 0 or self.high_mark is not None

    def set_limits(self, low=None, high=None):
        if high is not None:
            if self.high_mark is not None:
                self.high_mark = min(self.high_mark, self.low_mark + high)
            else:
                self.high_mark = self.low_mark + high
        if low is not None:
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low
        if self.low_mark == self.high_mark:
            self.is_empty = True

    def has_aggregates(self):
        return any(getattr(a, "contains_aggregate", False)
                   for a in self.annotations.values())

    def __str__(self):
        sql, params = SQLCompiler(self).as_sql()
        return _interpolate(sql, params)


class SQLCompiler:
    """Turn a _Query into SQL, one method per clause.

    Joins are discovered while the clauses are compiled (a lookup across a
    relation adds one), so as_sql() compiles the select list, WHERE, GROUP BY
    and ORDER BY first and writes FROM with the joins last.  Every identifier
    comes from a model's _meta and is quoted; every value is a parameter.
    """

    def __init__(self, query, outer=None, alias_prefix=None):
        self.query = query
        self.model = query.model
        self.outer = outer
        depth = 0
        c = outer
        while c is not None:
            depth += 1
            c = c.outer
        self.alias_prefix = alias_prefix or ("U%d" % depth if depth else None)
        self.base_alias = self.alias_prefix + "0" if self.alias_prefix else \
            self.model._meta.db_table
        self.joins = {}  # key -> (alias, sql)
        self.join_order = []
        self.used_aliases = {self.base_alias}
        self.alias_nullable = {self.base_alias: False}

    # -- names to columns

    def _field_on(self, opts, name):
        if name == "pk":
            return opts.pk
        f = opts._forward_fields_map.get(name)
        if f is None:
            f = opts.fields_map.get(name)
        return f

    def _cannot_resolve(self, name, opts):
        names = list(opts._name_choices)
        if opts.model is self.model:
            names = sorted(set(names) | set(self.query.annotations))
        raise FieldError("Cannot resolve keyword '%s' into field. Choices are: %s" % (
            name, ", ".join(names)))

    def add_join(self, parent_alias, key, table, on_sql, nullable, group):
        """Join `table` once per key (and per filter() call for multi-valued)."""
        full_key = (parent_alias, key, group)
        found = self.joins.get(full_key)
        if found is not None:
            return found[0]
        alias = table if table not in self.used_aliases and not self.alias_prefix \
            else "%s%d" % (self.alias_prefix or "T", len(self.used_aliases) + 1)
        while alias in self.used_aliases:
            alias = "T%d" % (len(self.used_aliases) + 1)
        self.used_aliases.add(alias)
        nullable = nullable or self.alias_nullable.get(parent_alias, False)
        self.alias_nullable[alias] = nullable
        kind = "LEFT OUTER JOIN" if nullable else "INNER JOIN"
        on = on_sql % {"parent": quote_name(parent_alias), "alias": quote_name(alias)}
        sql = "%s %s %s ON (%s)" % (kind, quote_name(table),
                                    "" if alias == table else quote_name(alias), on)
        sql = sql.replace("  ", " ")
        self.joins[full_key] = (alias, sql)
        self.join_order.append(full_key)
        return alias

    def join_relation(self, alias, field, group):
        """Join across relation `field` from `alias`; return (alias, model)."""
        if field.many_to_many:
            return self._join_m2m(alias, field, group)
        if getattr(field, "auto_created", False) and not field.concrete:
            # A reverse relation (ManyToOneRel / OneToOneRel / ManyToManyRel).
            rel = field
            if rel.many_to_many:
                return self._join_m2m_reverse(alias, rel, group)
            remote = rel.field
            target = remote.target_field
            on = "%%(parent)s.%s = %%(alias)s.%s" % (
                quote_name(target.column), quote_name(remote.column))
            multi = not rel.one_to_one
            new = self.add_join(alias, ("rev", id(rel)), remote.model._meta.db_table,
                                on, True, group if multi else None)
            return new, remote.model
        target = field.target_field
        on = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(field.column), quote_name(target.column))
        new = self.add_join(alias, ("fk", id(field)),
                            field.related_model._meta.db_table,
                            on, field.null, None)
        return new, field.related_model

    def _join_m2m(self, alias, field, group):
        through = field.remote_field.through
        src, dst = field.m2m_field_name(), field.m2m_reverse_field_name()
        src_f = through._meta.get_field(src)
        dst_f = through._meta.get_field(dst)
        on = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(field.model._meta.pk.column), quote_name(src_f.column))
        t = self.add_join(alias, ("m2m", id(field)), through._meta.db_table, on, True,
                          group)
        on2 = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(dst_f.column), quote_name(field.related_model._meta.pk.column))
        new = self.add_join(t, ("m2m_to", id(field)),
                            field.related_model._meta.db_table, on2, True, group)
        return new, field.related_model

    def _join_m2m_reverse(self, alias, rel, group):
        field = rel.field
        through = field.remote_field.through
        src_f = through._meta.get_field(field.m2m_reverse_field_name())
        dst_f = through._meta.get_field(field.m2m_field_name())
        on = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(rel.model._meta.pk.column), quote_name(src_f.column))
        t = self.add_join(alias, ("m2mr", id(rel)), through._meta.db_table, on, True,
                          group)
        on2 = "%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(dst_f.column), quote_name(field.model._meta.pk.column))
        new = self.add_join(t, ("m2mr_to", id(rel)), field.model._meta.db_table, on2,
                            True, group)
        return new, field.model

    def setup_path(self, names, group, allow_annotation=True):
        """Walk `names` through relations.

        Return (alias, field, rest, multi): the table alias and field the path
        ends on, the names left over (transforms and the lookup), and whether a
        multi-valued relation was crossed.
        """
        model, alias, multi = self.model, self.base_alias, False
        names = list(names)
        i = 0
        while i < len(names):
            name = names[i]
            opts = model._meta
            field = self._field_on(opts, name)
            if field is None:
                if i == 0:
                    if allow_annotation and name in self.query.annotations:
                        return None, self.query.annotations[name], names[1:], False
                    self._cannot_resolve(name, opts)
                raise FieldError("Cannot resolve keyword '%s' into field. Choices are: "
                                 "%s" % (name, ", ".join(opts._name_choices)))
            last = i == len(names) - 1
            is_rel = getattr(field, "is_relation", False)
            if not is_rel:
                return alias, field, names[i + 1:], multi
            forward_single = field.concrete and not field.many_to_many
            if forward_single:
                nxt = names[i + 1] if not last else None
                if last or nxt in _LOOKUP_NAMES:
                    return alias, field, names[i + 1:], multi
                if i + 2 == len(names) and self._field_on(
                        field.related_model._meta, nxt) is None:
                    return alias, field, names[i + 1:], multi  # an unknown lookup
                target = field.target_field
                if nxt in ("pk", target.name, target.attname) and (
                        i + 2 >= len(names) or names[i + 2] in _LOOKUP_NAMES):
                    return alias, field, names[i + 2:], multi
                alias, model = self.join_relation(alias, field, group)
                i += 1
                continue
            # reverse relation or many-to-many: join, then continue from the target.
            multi = multi or not getattr(field, "one_to_one", False)
            alias, model = self.join_relation(alias, field, group)
            if last or names[i + 1] in _LOOKUP_NAMES:
                return alias, model._meta.pk, names[i + 1:], multi
            i += 1
        return alias, None, [], multi

    def column(self, alias, field):
        return "%s.%s" % (quote_name(alias), quote_name(field.column))

    def resolve_ref(self, name, group, allow_joins=True):
        """Return (sql, field) for a name used in F(), order_by or values()."""
        if name in self.query.annotations:
            expr = self.query.annotations[name]
            if self.in_group_context and getattr(expr, "contains_aggregate", False):
                return quote_name(name), expr.get_output_field(self)
            sql, params = self.compile(expr, group)
            if params:
                self.pending_params.extend(params)
            return sql, expr.get_output_field(self)
        alias, field, rest, _multi = self.setup_path(
            name.split("__"), group, allow_annotation=False)
        if rest:
            raise FieldError("Cannot resolve keyword '%s' into field. Join on '%s' not "
                             "permitted." % (rest[0], field.name))
        if field.is_relation and field.concrete and not field.many_to_many:
            return self.column(alias, field), field
        return self.column(alias, field), field

    in_group_context = False

    def is_aggregate_ref(self, name):
        expr = self.query.annotations.get(name)
        return expr is not None and getattr(expr, "contains_aggregate", False)

    # -- expressions and conditions

    def compile(self, expr, group=None, aggregate_arg=False):
        if isinstance(expr, Q):
            return self.compile_q(expr, group)
        if isinstance(expr, F) and aggregate_arg and not isinstance(expr, OuterRef):
            # Count("comment") counts the related rows' primary keys.
            alias, field, rest, _m = self.setup_path(expr.name.split("__"), group)
            if alias is None:
                return self.compile(field, group)
            if field.is_relation and field.many_to_many:
                alias, model = self.join_relation(alias, field, group)
                field = model._meta.pk
            return self.column(alias, field), []
        if isinstance(expr, str):
            return self.resolve_ref(expr, group)[0], []
        if not hasattr(expr, "as_sql"):
            return self.compile(Value(expr), group)
        return expr.as_sql(self, group)

    def compile_q(self, q, group=None, negated=False):
        """Compile a Q tree to (sql, params)."""
        if not isinstance(q, Q):
            if getattr(q, "conditional", False):
                return self.compile(q, group)
            raise TypeError("Cannot filter against a non-conditional expression.")
        negated_here = negated ^ q.negated
        parts, params = [], []
        for child in q.children:
            if isinstance(child, Q):
                sql, p = self.compile_q(child, group, negated_here)
                if not sql:
                    continue
                sql = "(%s)" % sql if len(child.children) > 1 or child.negated else sql
            elif isinstance(child, tuple):
                sql, p = self.compile_lookup(child[0], child[1], group, negated_here)
            else:
                sql, p = self.compile(child, group)
            parts.append(sql)
            params.extend(p)
        if not parts:
            return "", []
        if q.connector == Q.XOR:  # true when an odd number of parts are true
            sql = "((%s) %% 2) = 1" % " + ".join(
                "(CASE WHEN %s THEN 1 ELSE 0 END)" % p for p in parts)
        else:
            sql = (" %s " % q.connector).join(parts)
        if q.negated:
            sql = "NOT (%s)" % sql
        return sql, params

    def compile_lookup(self, path, value, group, negated=False):
        """Compile one `name__lookup=value` condition."""
        names = path.split("__")
        if negated and self._crosses_many(names):
            # exclude(comment__x=v) means "no related row matches": a subquery.
            sub = _Query(self.model)
            sub.where = [(Q(**{path: value}), 1)]
            sub.values_fields = ["pk"]
            sub.order_by = ()
            sql, params = SQLCompiler(sub, outer=self).as_sql()
            return "%s IN (%s)" % (self.column(self.base_alias, self.model._meta.pk),
                                   sql), params
        alias, field, rest, _multi = self.setup_path(names, group)
        if alias is None:  # an annotation
            expr = field
            lhs_sql, lhs_params = self.compile(expr, group)
            out = expr.get_output_field(self)
            nullable = True
        else:
            if field is None:
                raise FieldError("Cannot resolve keyword %r into field." % path)
            lhs_sql, lhs_params = self.column(alias, field), []
            out = field
            nullable = field.null or self.alias_nullable.get(alias, False)
        lookup = "exact"
        transforms = []
        for name in rest:
            if name in _DATE_TRANSFORMS or name in ("date", "time"):
                transforms.append(name)
            elif name in _LOOKUP_NAMES and name is rest[-1]:
                lookup = name
            elif name in _LOOKUP_NAMES:
                raise FieldError("Unsupported lookup '%s' for %s or join on the field "
                                 "not permitted." % (name, type(out).__name__))
            else:
                raise FieldError(
                    "Unsupported lookup '%s' for %s or join on the field not "
                    "permitted%s" % (name, type(out).__name__,
                                     ", perhaps you meant %s?" % _close_lookup(name)
                                     if _close_lookup(name) else "."))
        for t in transforms:
            lhs_sql, lhs_params, out = self._transform(t, lhs_sql, lhs_params, out)
        sql, params = self._lookup_sql(lookup, lhs_sql, value, out, group)
        if negated and nullable and lookup != "isnull" and value is not None:
            sql = "(%s AND %s IS NOT NULL)" % (sql, lhs_sql)
            params = params + lhs_params
        return sql, lhs_params + params

    def _crosses_many(self, names):
        model = self.model
        for name in names:
            field = self._field_on(model._meta, name)
            if field is None or not getattr(field, "is_relation", False):
                return False
            if field.many_to_many or field.one_to_many:
                return True
            model = field.related_model
        return False

    def _transform(self, name, sql, params, field):
        if name in ("date", "time"):
            if isinstance(field, DateTimeField):
                tz = _current_tzname() if settings.USE_TZ else None
                return ("django_datetime_cast('%s', %s, ?)" % (name, sql),
                        params + [tz],
                        DateField() if name == "date" else TimeField())
            raise FieldError("Unsupported lookup '%s' for %s or join on the field not "
                             "permitted." % (name, type(field).__name__))
        if isinstance(field, DateTimeField):
            tz = _current_tzname() if settings.USE_TZ else None
            return ("django_datetime_extract('%s', %s, ?)" % (name, sql), params + [tz],
                    IntegerField())
        if isinstance(field, TimeField):
            return ("django_time_extract('%s', %s)" % (name, sql), params,
                    IntegerField())
        if isinstance(field, DateField):
            return ("django_date_extract('%s', %s)" % (name, sql), params,
                    IntegerField())
        raise FieldError("Unsupported lookup '%s' for %s or join on the field not "
                         "permitted." % (name, type(field).__name__))

    def _prep(self, field, value, group):
        """Return (sql, params) for one right-hand-side value."""
        if isinstance(value, Expression) or isinstance(value, Q):
            return self.compile(value, group)
        if hasattr(value, "query") and isinstance(getattr(value, "query"), _Query):
            return self._subquery(value)
        if isinstance(value, Model):
            if field is not None and field.is_relation and field.concrete:
                value = getattr(value, field.target_field.attname)
            else:
                value = value.pk
        if field is not None:
            target = field.target_field if (field.is_relation and field.concrete
                                            and not field.many_to_many) else field
            try:
                if isinstance(target, DateTimeField):
                    value = target.get_db_prep_value(value)
                elif isinstance(target, (IntegerField, FloatField)):
                    value = target.get_prep_value(value)
                elif isinstance(target, (DateField, TimeField, UUIDField, DecimalField,
                                         BooleanField, DurationField, JSONField)):
                    value = target.get_db_prep_value(value)
            except ValidationError as e:
                raise LookupValidationError(e.messages[0], code=getattr(
                    e, "code", None)) from e
            except ValueError as e:
                if isinstance(target, (IntegerField, FloatField)):
                    raise LookupValueError("Field '%s' expected a number but got %r."
                                           % (field.name, value)) from e
                raise LookupValueError(str(e)) from e
        return "?", [_adapt_param(value)]

    def _subquery(self, qs):
        query = qs.query.clone()
        if not query.values_fields:
            query.values_fields = ["pk"]
            query.annotation_mask = ()
        elif len(query.values_fields) != 1 and not query.annotation_mask:
            raise TypeError("Cannot use multi-field values as a filter value.")
        if not query.is_sliced:
            query.order_by = ()
            query.default_ordering = False
        sql, params = SQLCompiler(query, outer=self).as_sql()
        return "(%s)" % sql, params

    def _lookup_sql(self, lookup, lhs, value, field, group):
        if lookup == "isnull":
            if value not in (True, False):
                raise ValueError("The QuerySet value for an isnull lookup must be True "
                                 "or False.")
            return "%s IS %sNULL" % (lhs, "" if value else "NOT "), []
        if value is None:
            if lookup in ("exact", "iexact"):
                return "%s IS NULL" % lhs, []
            raise ValueError("Cannot use None as a query value")
        if lookup in ("in", "range"):
            if hasattr(value, "query") and isinstance(value.query, _Query) and \
                    lookup == "in":
                sql, params = self._subquery(value)
                return "%s IN %s" % (lhs, sql), params
            if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
                if lookup == "range":
                    raise ValueError("The QuerySet value for a range lookup must be a "
                                     "pair.")
                raise TypeError("'%s' object is not iterable" % type(value).__name__)
            values = list(value)
            if lookup == "range":
                a, pa = self._prep(field, values[0], group)
                b, pb = self._prep(field, values[1], group)
                return "%s BETWEEN %s AND %s" % (lhs, a, b), pa + pb
            values = [v for v in values if v is not None]
            if isinstance(field, IntegerField) or (field is not None and
                                                   field.is_relation):
                values = [v for v in values if not _int_out_of_range(v)]
            if not values:
                return "0 = 1", []
            sqls, params = [], []
            for v in dict.fromkeys(_make_hashable(v) if not isinstance(v, Model) else v
                                   for v in values) if all(
                    _is_hashable(v) for v in values) else values:
                s, p = self._prep(field, v, group)
                sqls.append(s)
                params.extend(p)
            return "%s IN (%s)" % (lhs, ", ".join(sqls)), params
        if _int_out_of_range(value) and (isinstance(field, IntegerField) or (
                field is not None and field.is_relation)):
            # Django 5: an out-of-range integer matches nothing (or everything).
            if lookup in ("exact",):
                return "0 = 1", []
            if lookup in ("gt", "gte"):
                return ("0 = 1", []) if value > 0 else ("%s IS NOT NULL" % lhs, [])
            if lookup in ("lt", "lte"):
                return ("%s IS NOT NULL" % lhs, []) if value > 0 else ("0 = 1", [])
        if lookup in ("contains", "icontains", "startswith", "istartswith",
                      "endswith", "iendswith", "iexact"):
            if isinstance(value, Expression):
                rsql, rparams = self.compile(value, group)
                pattern = {"contains": "'%%' || %s || '%%'", "icontains":
                           "'%%' || %s || '%%'", "startswith": "%s || '%%'",
                           "istartswith": "%s || '%%'", "endswith": "'%%' || %s",
                           "iendswith": "'%%' || %s", "iexact": "%s"}[lookup]
                esc = "REPLACE(REPLACE(REPLACE(%s, '\\', '\\\\'), '%%', '\\%%'), " \
                      "'_', '\\_')" % rsql
                return ("%s LIKE %s ESCAPE '\\'" % (lhs, pattern % esc)).replace(
                    "%%", "%"), rparams
            text = _like_escape(_adapt_param(value))
            if lookup in ("contains", "icontains"):
                text = "%" + text + "%"
            elif lookup in ("startswith", "istartswith"):
                text = text + "%"
            elif lookup in ("endswith", "iendswith"):
                text = "%" + text
            return "%s LIKE ? ESCAPE '\\'" % lhs, [text]
        if lookup in ("regex", "iregex"):
            sql, params = self._prep(None, value, group)
            if lookup == "iregex":
                return "%s REGEXP '(?i)' || %s" % (lhs, sql), params
            return "%s REGEXP %s" % (lhs, sql), params
        op = {"exact": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[lookup]
        sql, params = self._prep(field, value, group)
        return "%s %s %s" % (lhs, op, sql), params

    def compile_where_for_values(self, condition, values):
        """Compile a check condition with literal values in place of columns."""
        import re

        sql, params = self.compile_q(condition)
        columns = {f.column: f for f in self.model._meta.concrete_fields}
        given, out = iter(params), []

        def replace(match):
            if match.group(0) == "?":
                out.append(next(given))
            else:
                field = columns[match.group(1)]
                out.append(_adapt_param(field.get_db_prep_value(values.get(field.name))))
            return "?"

        pattern = re.compile(r'\?|%s\."(\w+)"' % re.escape(quote_name(self.base_alias)))
        return pattern.sub(replace, sql), out

    # -- the clauses

    def get_select(self):
        """Return [(sql, params, converter)] and the row layout."""
        query = self.query
        opts = self.model._meta
        self.pending_params = []
        select, layout = [], {}
        if query.values_fields is not None:
            names = list(query.values_fields)
            for name in names:
                sql, field = self.resolve_ref(name, None)
                params, self.pending_params = self.pending_params, []
                select.append((sql, params, _converter_for(field)))
            layout["names"] = names
            return select, layout
        fields = opts.concrete_fields
        deferred, is_defer = query.deferred
        if deferred:
            if is_defer:
                fields = [f for f in fields if f.name not in deferred and
                          f.attname not in deferred or f.primary_key]
            else:
                fields = [f for f in fields if f.name in deferred or
                          f.attname in deferred or f.primary_key]
        base = quote_name(self.base_alias)
        for f in fields:
            select.append(("%s.%s" % (base, quote_name(f.column)), [], None))
        layout["fields"] = fields
        layout["related"] = self._select_related(select)
        names = [n for n in query.annotations
                 if query.annotation_mask is None or n in query.annotation_mask]
        for name in names:
            expr = query.annotations[name]
            sql, params = self.compile(expr)
            select.append((sql, params, _converter_for(expr.get_output_field(self))))
        layout["annotations"] = names
        return select, layout

    def _select_related(self, select):
        """Add columns for select_related(); return the tree to build objects."""
        spec = self.query.select_related
        if not spec:
            return []

        def walk(model, alias, tree, depth):
            out = []
            for field in model._meta.concrete_fields:
                if not (field.is_relation and not field.many_to_many):
                    continue
                if tree is True:
                    if field.null or depth > 5:
                        continue
                    sub = True
                elif field.name in tree:
                    sub = tree[field.name]
                else:
                    continue
                new_alias, rmodel = self.join_relation(alias, field, None)
                start = len(select)
                for f in rmodel._meta.concrete_fields:
                    select.append(("%s.%s" % (quote_name(new_alias), quote_name(
                        f.column)), [], None))
                out.append((field, rmodel, start, walk(rmodel, new_alias, sub or {},
                                                        depth + 1)))
            if isinstance(tree, dict):
                names = {f.name for f in model._meta.concrete_fields if f.is_relation}
                for key in tree:
                    if key not in names:
                        choices = sorted(names) or ["(none)"]
                        raise FieldError(
                            "Invalid field name(s) given in select_related: '%s'. "
                            "Choices are: %s" % (key, ", ".join(choices)))
            return out

        return walk(self.model, self.base_alias, spec, 1)

    def get_where(self):
        parts, params = [], []
        for q, group in self.query.where:
            if self._q_has_aggregate(q):
                continue
            sql, p = self.compile_q(q, group)
            if sql:
                parts.append(sql if len(self.query.where) == 1 else "(%s)" % sql)
                params.extend(p)
        return " AND ".join(parts), params

    def get_having(self):
        parts, params = [], []
        self.in_group_context = True
        try:
            for q, group in self.query.where:
                if not self._q_has_aggregate(q):
                    continue
                sql, p = self.compile_q(q, group)
                if sql:
                    parts.append("(%s)" % sql)
                    params.extend(p)
        finally:
            self.in_group_context = False
        return " AND ".join(parts), params

    def _q_has_aggregate(self, q):
        for child in q.children:
            if isinstance(child, Q):
                if self._q_has_aggregate(child):
                    return True
            elif isinstance(child, tuple):
                name = child[0].split("__")[0]
                if self.is_aggregate_ref(name):
                    return True
            elif getattr(child, "contains_aggregate", False):
                return True
        return False

    def get_group_by(self, select):
        query = self.query
        if not query.has_aggregates():
            return None
        if query.values_fields is not None and query.group_by is not None:
            cols = []
            for name in query.group_by:
                if name in query.annotations:
                    agg = query.annotations[name]
                    if not getattr(agg, "contains_aggregate", False):
                        cols.append(quote_name(name))  # the select list's alias
                    continue
                sql, _f = self.resolve_ref(name, None)
                cols.append(sql)
            return cols
        if query.group_by is None and query.values_fields is None:
            return [s for s, _p, _c in select[:len(self.model._meta.concrete_fields)]]
        return None

    def get_order_by(self):
        query = self.query
        ordering = query.order_by
        if ordering is None:
            ordering = self.model._meta.ordering if query.default_ordering else ()
        result, params = [], []
        for item in ordering:
            if isinstance(item, str) and item == "?":
                result.append("RANDOM()")
                continue
            if isinstance(item, OrderBy):
                expr = OrderBy(item.expression, item.descending, item.nulls_first,
                               item.nulls_last)
                if not query.standard_ordering:
                    expr.reverse_ordering()
                sql, p = expr.as_sql(self)
                result.append(sql)
                params.extend(p)
                continue
            if isinstance(item, Expression):
                sql, p = self.compile(item)
                result.append("%s %s" % (sql, "ASC" if query.standard_ordering
                                         else "DESC"))
                params.extend(p)
                continue
            descending = item.startswith("-")
            name = item.lstrip("-+")
            if not query.standard_ordering:
                descending = not descending
            if name in query.annotations and (query.values_fields is None or
                                              query.group_by is not None or True):
                if getattr(query.annotations[name], "contains_aggregate", False):
                    sql = quote_name(name)
                else:
                    sql, p = self.compile(query.annotations[name])
                    params.extend(p)
            else:
                for part in self._order_columns(name):
                    result.append("%s %s" % (part, "DESC" if descending else "ASC"))
                continue
            result.append("%s %s" % (sql, "DESC" if descending else "ASC"))
        return result, params

    def _order_columns(self, name):
        """Columns ordering by `name` means (a relation orders by its Meta)."""
        alias, field, rest, _m = self.setup_path(name.split("__"), None,
                                                 allow_annotation=False)
        if rest:
            raise FieldError("Cannot resolve keyword '%s' into field. Choices are: %s"
                             % (rest[0], ", ".join(self.model._meta._name_choices)))
        if field.is_relation and field.concrete and not field.many_to_many and \
                field.related_model._meta.ordering:
            new_alias, rmodel = self.join_relation(alias, field, None)
            cols = []
            for item in rmodel._meta.ordering:
                if isinstance(item, str) and not item.startswith("-") and "__" not in \
                        item:
                    cols.append(self.column(new_alias, rmodel._meta.get_field(
                        item) if item != "pk" else rmodel._meta.pk))
            if cols:
                return cols
        return [self.column(alias, field)]

    def get_from(self):
        base = quote_name(self.model._meta.db_table)
        if self.base_alias != self.model._meta.db_table:
            base += " %s" % quote_name(self.base_alias)
        return " ".join([base] + [self.joins[k][1] for k in self.join_order])

    def get_limit(self):
        query = self.query
        if not query.is_sliced:
            return ""
        if query.high_mark is not None:
            sql = "LIMIT %d" % (query.high_mark - query.low_mark)
        else:
            sql = "LIMIT -1"
        if query.low_mark:
            sql += " OFFSET %d" % query.low_mark
        return sql

    def as_sql(self, exists=False, with_limits=True):
        """Return (sql, params) for the SELECT, and remember the row layout."""
        query = self.query
        if query.combinator:
            return self.as_combined_sql()
        select, layout = self.get_select()
        self.select, self.layout = select, layout
        where, wparams = self.get_where()
        if query.is_empty:
            where, wparams = "0 = 1", []
        having, hparams = self.get_having()
        group_by = self.get_group_by(select)
        if exists:
            order, oparams = [], []
        else:
            order, oparams = self.get_order_by()
        sparams = [p for _s, params, _c in select for p in params]
        columns = ", ".join(s for s, _p, _c in select)
        if query.values_fields is not None or layout.get("annotations"):
            columns = ", ".join(self._aliased(select, layout))
        distinct = "DISTINCT " if query.distinct else ""
        if exists:
            columns, distinct = "1 AS " + quote_name("a"), ""
        parts = ["SELECT %s%s FROM %s" % (distinct, columns, self.get_from())]
        params = list(sparams)
        if where:
            parts.append("WHERE " + where)
            params.extend(wparams)
        if group_by:
            parts.append("GROUP BY " + ", ".join(group_by))
            if having:
                parts.append("HAVING " + having)
                params.extend(hparams)
        elif having:
            raise FieldError("Aggregate filters need an aggregate query.")
        if order:
            parts.append("ORDER BY " + ", ".join(order))
            params.extend(oparams)
        if exists and not query.is_sliced:
            parts.append("LIMIT 1")
        elif with_limits:
            limit = self.get_limit()
            if limit:
                parts.append(limit)
        return " ".join(parts), params

    def _aliased(self, select, layout):
        out = []
        if "names" in layout:
            for (sql, _p, _c), name in zip(select, layout["names"]):
                out.append("%s AS %s" % (sql, quote_name(name)))
            return out
        n_ann = len(layout["annotations"])
        plain = select[:len(select) - n_ann] if n_ann else select
        out = [s for s, _p, _c in plain]
        for (sql, _p, _c), name in zip(select[len(select) - n_ann:],
                                       layout["annotations"]):
            out.append("%s AS %s" % (sql, quote_name(name)))
        return out

    def as_combined_sql(self):
        query = self.query
        parts, params = [], []
        first = None
        for q in query.combined_queries:
            compiler = SQLCompiler(q)
            if q.order_by is None:
                q = q.clone()
                q.order_by = ()
                compiler = SQLCompiler(q)
            sql, p = compiler.as_sql()
            if first is None:
                first = compiler
            parts.append("SELECT * FROM (%s)" % sql)
            params.extend(p)
        self.select, self.layout = first.select, first.layout
        op = {"union": "UNION", "intersection": "INTERSECT",
              "difference": "EXCEPT"}[query.combinator]
        if query.combinator_all:
            op += " ALL"
        sql = (" %s " % op).join(parts)
        order = []
        ordering = query.order_by or ()
        names = self._combined_names(first)
        for item in ordering:
            if not isinstance(item, str):
                raise DatabaseError("ORDER BY term does not match any column in the "
                                    "result set.")
            desc = item.startswith("-")
            name = item.lstrip("-")
            if name == "pk":
                name = self.model._meta.pk.attname
            if name not in names:
                f = self.model._meta._forward_fields_map.get(name)
                name = f.attname if f is not None else name
            if name not in names:
                raise DatabaseError("ORDER BY term does not match any column in the "
                                    "result set.")
            if not query.standard_ordering:
                desc = not desc
            order.append("%d %s" % (names.index(name) + 1, "DESC" if desc else "ASC"))
        if order:
            sql += " ORDER BY " + ", ".join(order)
        limit = self.get_limit()
        if limit:
            sql += " " + limit
        return sql, params

    @staticmethod
    def _combined_names(compiler):
        layout = compiler.layout
        if "names" in layout:
            return list(layout["names"])
        return [f.attname for f in layout["fields"]] + list(layout["annotations"])

    def as_count_sql(self):
        query = self.query
        if query.distinct or query.is_sliced or query.combinator or (
                query.group_by is not None and query.values_fields is not None) or \
                query.has_aggregates():
            inner = query.clone()
            inner.order_by = ()
            inner.default_ordering = False
            sql, params = SQLCompiler(inner).as_sql()
            return "SELECT COUNT(*) FROM (%s) subquery" % sql, params
        where, params = self.get_where()
        if query.is_empty:
            return None, None
        sql = "SELECT COUNT(*) FROM %s" % self.get_from()
        if where:
            sql += " WHERE " + where
        return sql, params

    def as_aggregate_sql(self, aggregates):
        query = self.query
        if query.is_sliced or query.distinct or query.combinator or \
                query.has_aggregates() or query.values_fields is not None:
            inner = query.clone()
            inner.order_by = ()
            inner.default_ordering = False
            inner_compiler = SQLCompiler(inner)
            sql, params = inner_compiler.as_sql()
            names = self._combined_names(inner_compiler)
            outer_parts, outer_params = [], []
            for alias, agg in aggregates.items():
                outer_parts.append("%s AS %s" % (
                    self._outer_aggregate(agg, names), quote_name(alias)))
            return "SELECT %s FROM (%s) subquery" % (", ".join(outer_parts), sql), \
                outer_params + params
        parts, params = [], []
        for alias, agg in aggregates.items():
            sql, p = self.compile(agg)
            parts.append("%s AS %s" % (sql, quote_name(alias)))
            params.extend(p)
        where, wparams = self.get_where()
        sql = "SELECT %s FROM %s" % (", ".join(parts), self.get_from())
        if where:
            sql += " WHERE " + where
        if query.is_empty:
            sql += " WHERE 0 = 1" if not where else " AND 0 = 1"
        return sql, params + wparams

    def _outer_aggregate(self, agg, names):
        expr = agg.source_expressions[0]
        if isinstance(expr, F) and expr.name in names:
            col = quote_name(expr.name)
        elif isinstance(expr, F):
            f = self._field_on(self.model._meta, expr.name)
            if f is None or f.attname not in names:
                raise FieldError("Cannot compute %s('%s'): '%s' is an aggregate" % (
                    agg.name, expr.name, expr.name))
            col = quote_name(f.attname)
        elif isinstance(expr, _Star):
            col = "*"
        else:
            raise NotSupportedError("Aggregating a complex expression over a grouped "
                                    "or sliced query is not supported.")
        return "%s(%s%s)" % (agg.function, "DISTINCT " if agg.distinct else "", col)

    def as_update_sql(self, values):
        """Return (sql, params) for UPDATE ... SET ... WHERE (by pk subquery)."""
        opts = self.model._meta
        sets, params = [], []
        for field, value in values:
            if isinstance(value, (Expression, Q)):
                sql, p = self.compile(value)
                sets.append("%s = %s" % (quote_name(field.column), sql))
                params.extend(p)
            else:
                if isinstance(value, Model) and field.is_relation:
                    value = getattr(value, field.target_field.attname)
                value = field.get_db_prep_save(value) if not field.is_relation else \
                    field.target_field.get_db_prep_save(value)
                sets.append("%s = ?" % quote_name(field.column))
                params.append(value)
        where, wparams = self.get_where()
        if self.join_order or self.query.is_sliced:
            inner = self.query.clone()
            inner.values_fields = ["pk"]
            inner.order_by = () if not inner.is_sliced else inner.order_by
            sub_sql, sub_params = SQLCompiler(inner).as_sql()
            sql = "UPDATE %s SET %s WHERE %s IN (%s)" % (
                quote_name(opts.db_table), ", ".join(sets), quote_name(opts.pk.column),
                sub_sql)
            return sql, params + sub_params
        sql = "UPDATE %s SET %s" % (quote_name(opts.db_table), ", ".join(sets))
        if where:
            sql += " WHERE " + where
        return sql, params + wparams


def _is_hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _close_lookup(name):
    import difflib

    found = difflib.get_close_matches(name, sorted(_LOOKUP_NAMES), 1)
    return found[0] if found else None


def _converter_for(field):
    if field is None:
        return None
    if isinstance(field, ForeignKey) or (field.is_relation and field.concrete and
                                         not field.many_to_many):
        return field.target_field.get_db_converter()
    if getattr(field, "is_relation", False) and not getattr(field, "concrete", True):
        return None
    return field.get_db_converter()


# -- QuerySet: lazy, chainable, immutable.  Every method clones, then changes
#    the clone; rows are fetched once, on first evaluation, and cached.

MAX_GET_RESULTS = 21
REPR_OUTPUT_SIZE = 20


def _model_rows(qs, compiler, rows):
    """Turn rows into model instances (the hot path: no __init__ per row)."""
    model = qs.model
    layout = compiler.layout
    fields = layout["fields"]
    opts = model._meta
    if len(fields) == len(opts.concrete_fields):
        attnames, converters = opts._attnames, opts._row_converters
    else:
        attnames = tuple(f.attname for f in fields)
        converters = tuple((i, c) for i, c in ((i, f.get_db_converter())
                                               for i, f in enumerate(fields)) if c)
    n = len(attnames)
    related = layout["related"]
    annotations = layout["annotations"]
    ann_convs = [c for _s, _p, c in compiler.select[len(compiler.select) -
                                                    len(annotations):]] \
        if annotations else []
    new = object.__new__
    result = []
    append = result.append
    db = qs._db
    simple = not related and not annotations and not converters and db is None \
        and not post_init.receivers
    if simple:
        for row in rows:
            obj = new(model)
            obj.__dict__.update(zip(attnames, row))
            append(obj)
        return result
    known = qs._known_related_objects
    for row in rows:
        obj = new(model)
        d = obj.__dict__
        if converters:
            row = list(row)
            for i, conv in converters:
                value = row[i]
                if value is not None:
                    row[i] = conv(value)
        d.update(zip(attnames, row[:n] if related or annotations else row))
        if db is not None:
            obj._state.db = db
        if related:
            _attach_related(obj, row, related)
        if annotations:
            start = len(row) - len(annotations)
            for j, name in enumerate(annotations):
                value = row[start + j]
                conv = ann_convs[j]
                if conv is not None and value is not None:
                    value = conv(value)
                setattr(obj, name, value)
        for field, objects in known.items():
            rel_obj = objects.get(d.get(field.attname))
            if rel_obj is not None:
                obj._state.fields_cache[field.name] = rel_obj
        if post_init.receivers:
            post_init.send(sender=model, instance=obj)
        append(obj)
    return result


def _attach_related(obj, row, related):
    for field, rmodel, start, children in related:
        fields = rmodel._meta.concrete_fields
        values = list(row[start:start + len(fields)])
        pk_index = fields.index(rmodel._meta.pk)
        if values[pk_index] is None:
            obj._state.fields_cache[field.name] = None
            continue
        for i, conv in rmodel._meta._row_converters:
            if values[i] is not None:
                values[i] = conv(values[i])
        rel_obj = object.__new__(rmodel)
        rel_obj.__dict__.update(zip(rmodel._meta._attnames, values))
        obj._state.fields_cache[field.name] = rel_obj
        if children:
            _attach_related(rel_obj, row, children)


class QuerySet:
    """A lazy database query over one model (Django's QuerySet API).

    Building a queryset runs no SQL; iterating, len(), bool(), repr() or
    indexing does, once, and the rows are cached on the queryset.
    """

    def __init__(self, model=None, query=None, using=None, hints=None):
        self.model = model
        self._db = using
        self._hints = hints or {}
        self._query = query if query is not None else _Query(model)
        self._result_cache = None
        self._iterable = "model"
        self._flat = False
        self._named = False
        self._prefetch_related_lookups = ()
        self._prefetch_done = False
        self._known_related_objects = {}
        self._fields = None
        self._for_write = False

    @property
    def query(self):
        return self._query

    @query.setter
    def query(self, value):
        self._query = value

    def as_manager(cls):
        manager = Manager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True
    as_manager = classmethod(as_manager)

    # -- cloning and evaluation

    def _clone(self):
        c = self.__class__.__new__(self.__class__)
        c.__dict__.update(self.__dict__)
        c._query = self._query.clone()
        c._result_cache = None
        c._prefetch_done = False
        c._known_related_objects = dict(self._known_related_objects)
        return c

    _chain = _clone

    def _fetch_all(self):
        if self._result_cache is None:
            self._result_cache = self._fetch_rows()
        if self._prefetch_related_lookups and not self._prefetch_done:
            prefetch_related_objects(self._result_cache,
                                     *self._prefetch_related_lookups)
            self._prefetch_done = True

    def _fetch_rows(self):
        query = self._query
        if query.is_empty and not query.combinator:
            return []
        compiler = SQLCompiler(query)
        sql, params = compiler.as_sql()
        db = connections[self._db or DEFAULT_DB_ALIAS]
        rows = db._execute(sql, params).fetchall()
        mode = self._iterable
        if mode == "model":
            return _model_rows(self, compiler, rows)
        converters = [(i, c) for i, (_s, _p, c) in enumerate(compiler.select) if c]
        if converters:
            converted = []
            for row in rows:
                row = list(row)
                for i, conv in converters:
                    if row[i] is not None:
                        row[i] = conv(row[i])
                converted.append(row)
            rows = converted
        names = compiler.layout.get("names") or self._combined_names(compiler)
        if mode == "values":
            return [dict(zip(names, row)) for row in rows]
        if self._flat:
            return [row[0] for row in rows]
        if self._named:
            import collections

            row_class = collections.namedtuple("Row", names, rename=True)
            return [row_class(*row) for row in rows]
        return [tuple(row) for row in rows]

    @staticmethod
    def _combined_names(compiler):
        return SQLCompiler._combined_names(compiler)

    def __len__(self):
        self._fetch_all()
        return len(self._result_cache)

    def __iter__(self):
        self._fetch_all()
        return iter(self._result_cache)

    def __bool__(self):
        self._fetch_all()
        return bool(self._result_cache)

    def __repr__(self):
        data = list(self[:REPR_OUTPUT_SIZE + 1])
        if len(data) > REPR_OUTPUT_SIZE:
            data[-1] = "...(remaining elements truncated)..."
        return "<%s %r>" % (type(self).__name__, data)

    def __getstate__(self):
        self._fetch_all()
        return self.__dict__.copy()

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def __deepcopy__(self, memo):
        obj = self.__class__.__new__(self.__class__)
        for k, v in self.__dict__.items():
            obj.__dict__[k] = None if k == "_result_cache" else v
        obj._query = self._query.clone()
        return obj

    def __getitem__(self, k):
        """Index or slice: a slice becomes LIMIT/OFFSET (lazily)."""
        if not isinstance(k, (int, slice)):
            raise TypeError("QuerySet indices must be integers or slices, not %s."
                            % type(k).__name__)
        if (isinstance(k, int) and k < 0) or (isinstance(k, slice) and (
                (k.start is not None and k.start < 0) or
                (k.stop is not None and k.stop < 0))):
            raise ValueError("Negative indexing is not supported.")
        if self._result_cache is not None:
            return self._result_cache[k]
        if isinstance(k, slice):
            qs = self._chain()
            start = int(k.start) if k.start is not None else None
            stop = int(k.stop) if k.stop is not None else None
            qs._query.set_limits(start, stop)
            return list(qs)[::k.step] if k.step else qs
        qs = self._chain()
        qs._query.set_limits(k, k + 1)
        qs._fetch_all()
        return qs._result_cache[0]

    def __and__(self, other):
        self._merge_sanity_check(other)
        if isinstance(other, EmptyQuerySet) or other.query.is_empty:
            return other
        if self.query.is_empty:
            return self
        combined = self._chain()
        combined._query.where.extend(other.query.where)
        return combined

    def __or__(self, other):
        self._merge_sanity_check(other)
        if self.query.is_empty:
            return other
        if other.query.is_empty:
            return self
        combined = self._chain()
        left = _and_all(self.query.where)
        right = _and_all(other.query.where)
        combined._query.where = [(left | right, combined._query.new_group())] if (
            left and right) else []
        return combined

    def _merge_sanity_check(self, other):
        if self.model is not other.model:
            raise TypeError("Cannot combine queries on two different base models.")
        if self.query.is_sliced or other.query.is_sliced:
            raise TypeError("Cannot combine queries once a slice has been taken.")

    def _not_support_combined_queries(self, operation_name):
        if self._query.combinator:
            raise NotSupportedError("Calling QuerySet.%s() after %s() is not "
                                    "supported." % (operation_name,
                                                    self._query.combinator))

    # -- methods returning new querysets

    def all(self):
        return self._chain()

    def filter(self, *args, **kwargs):
        """Return a queryset narrowed by lookups and Q objects."""
        self._not_support_combined_queries("filter")
        return self._filter_or_exclude(False, args, kwargs)

    def exclude(self, *args, **kwargs):
        """Return a queryset without the rows matching the lookups."""
        self._not_support_combined_queries("exclude")
        return self._filter_or_exclude(True, args, kwargs)

    def _filter_or_exclude(self, negate, args, kwargs):
        if (args or kwargs) and self._query.is_sliced:
            raise TypeError("Cannot filter a query once a slice has been taken.")
        clone = self._chain()
        if args or kwargs:
            q = Q(*args, **kwargs)
            for child in args:
                if not isinstance(child, Q) and not getattr(child, "conditional",
                                                            False):
                    raise TypeError("Cannot filter against a non-conditional "
                                    "expression.")
            if negate:
                q = ~q
            group = clone._query.new_group()
            clone._query.where.append((q, group))
            if not clone._query.annotations:
                # Validate names now so that errors point at the filter() call.
                SQLCompiler(clone._query).compile_q(q, group)
        return clone

    def complex_filter(self, filter_obj):
        if isinstance(filter_obj, Q):
            return self.filter(filter_obj)
        return self.filter(**filter_obj)

    def order_by(self, *field_names):
        """Return a queryset ordered by the names ("-" for descending, "?")."""
        if self._query.is_sliced:
            raise TypeError("Cannot reorder a query once a slice has been taken.")
        clone = self._chain()
        for name in field_names:
            if isinstance(name, str) and name != "?":
                bare = name.lstrip("-+")
                if bare not in clone._query.annotations and not clone._query.combinator:
                    SQLCompiler(clone._query).setup_path(bare.split("__"), None,
                                                          allow_annotation=False)
        clone._query.order_by = tuple(field_names)
        clone._query.default_ordering = False
        return clone

    def reverse(self):
        if self._query.is_sliced:
            raise TypeError("Cannot reverse a query once a slice has been taken.")
        clone = self._chain()
        clone._query.standard_ordering = not clone._query.standard_ordering
        return clone

    def distinct(self, *field_names):
        if field_names:
            raise NotSupportedError("DISTINCT ON fields is not supported by this "
                                    "database backend.")
        clone = self._chain()
        clone._query.distinct = True
        return clone

    def _values(self, *fields, **expressions):
        clone = self._chain()
        if expressions:
            clone = clone.annotate(**expressions)
        query = clone._query
        names = list(fields)
        if not names:
            names = [f.attname for f in self.model._meta.concrete_fields]
            names += list(query.annotations)
        for name in names:
            if name not in query.annotations:
                SQLCompiler(query).resolve_ref(name, None)
        names += [n for n in expressions if n not in names]
        query.values_fields = names
        query.annotation_mask = tuple(n for n in names if n in query.annotations)
        if query.has_aggregates() and query.group_by is None:
            query.group_by = tuple(n for n in names if not (
                n in query.annotations and query.annotations[n].contains_aggregate))
        return clone

    def values(self, *fields, **expressions):
        """Return a queryset yielding dicts."""
        clone = self._values(*fields, **expressions)
        clone._iterable = "values"
        clone._fields = fields
        return clone

    def values_list(self, *fields, flat=False, named=False):
        """Return a queryset yielding tuples (or single values with flat=True)."""
        if flat and named:
            raise TypeError("'flat' and 'named' can't be used together.")
        if flat and len(fields) > 1:
            raise TypeError("'flat' is not valid when values_list is called with "
                            "more than one field.")
        expressions = {}
        names = []
        counter = 1
        for f in fields:
            if hasattr(f, "as_sql"):
                while True:
                    name = "%s%d" % (type(f).__name__.lower(), counter)
                    counter += 1
                    if name not in fields:
                        break
                expressions[name] = f
                names.append(name)
            else:
                names.append(f)
        clone = self._values(*names, **expressions) if expressions else self._values(
            *names)
        if expressions:
            clone._query.values_fields = names
        clone._iterable = "values_list"
        clone._flat = flat
        clone._named = named
        clone._fields = fields
        return clone

    def none(self):
        clone = self._chain()
        clone._query.is_empty = True
        return clone

    def annotate(self, *args, **kwargs):
        """Add computed values (expressions, aggregates) to each row."""
        self._not_support_combined_queries("annotate")
        clone = self._chain()
        for arg in args:
            try:
                name = arg.default_alias
            except (AttributeError, TypeError):
                raise TypeError("Complex annotations require an alias") from None
            if name in kwargs:
                raise ValueError("The named annotation '%s' conflicts with the default "
                                 "name for another annotation." % name)
            kwargs[name] = arg
        opts = self.model._meta
        for name, expr in kwargs.items():
            if name in opts._forward_fields_map or name in opts.fields_map:
                raise ValueError("The annotation '%s' conflicts with a field on the "
                                 "model." % name)
            if not hasattr(expr, "as_sql"):
                raise TypeError("QuerySet.annotate() received non-expression(s): %s."
                                % expr)
            query = clone._query
            if query.values_fields is not None and query.group_by is None and \
                    getattr(expr, "contains_aggregate", False):
                query.group_by = tuple(
                    n for n in query.values_fields if not (
                        n in query.annotations and
                        getattr(query.annotations[n], "contains_aggregate", False)))
            clone._query.annotations[name] = expr
            if clone._query.annotation_mask is not None:
                clone._query.annotation_mask = tuple(clone._query.annotation_mask) + (
                    name,)
                if clone._query.values_fields is not None:
                    clone._query.values_fields = list(clone._query.values_fields) + [
                        name]
        SQLCompiler(clone._query).get_select()
        return clone

    def alias(self, **kwargs):
        clone = self.annotate(**kwargs)
        mask = [n for n in (clone._query.annotation_mask if
                            clone._query.annotation_mask is not None else
                            self._query.annotations) if n not in kwargs]
        clone._query.annotation_mask = tuple(mask)
        return clone

    def select_related(self, *fields):
        """Fetch forward foreign keys in the same query (JOIN)."""
        self._not_support_combined_queries("select_related")
        if self._fields is not None:
            raise TypeError("Cannot call select_related() after .values() or "
                            ".values_list()")
        clone = self._chain()
        if fields == (None,):
            clone._query.select_related = False
        elif fields:
            tree = clone._query.select_related if isinstance(
                clone._query.select_related, dict) else {}
            for name in fields:
                node = tree
                for part in name.split("__"):
                    node = node.setdefault(part, {})
            clone._query.select_related = tree
        else:
            clone._query.select_related = True
        return clone

    def prefetch_related(self, *lookups):
        """Fetch related objects in one extra query per relation."""
        self._not_support_combined_queries("prefetch_related")
        clone = self._chain()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
        else:
            clone._prefetch_related_lookups = clone._prefetch_related_lookups + lookups
        return clone

    def only(self, *fields):
        if fields == (None,):
            raise TypeError("Cannot pass None as an argument to only().")
        clone = self._chain()
        for name in fields:
            clone.model._meta.get_field(name.split("__")[0])
        clone._query.deferred = (frozenset(fields), False)
        return clone

    def defer(self, *fields):
        clone = self._chain()
        if fields == (None,):
            clone._query.deferred = (frozenset(), True)
            return clone
        names, is_defer = clone._query.deferred
        if is_defer:
            clone._query.deferred = (names | frozenset(fields), True)
        else:
            clone._query.deferred = (names - frozenset(fields), False)
        return clone

    def using(self, alias):
        clone = self._chain()
        clone._db = alias
        return clone

    def select_for_update(self, nowait=False, skip_locked=False, of=(),
                          no_key=False):
        """Accepted and ignored: SQLite locks the whole database on write."""
        return self._chain()

    def _combinator_query(self, combinator, *other_qs, all=False):
        clone = self._chain()
        clone._query = _Query(self.model)
        clone._query.combinator = combinator
        clone._query.combinator_all = all
        clone._query.combined_queries = tuple(
            qs.query for qs in (self,) + other_qs)
        clone._query.order_by = ()
        clone._query.default_ordering = False
        return clone

    def union(self, *other_qs, all=False):
        if isinstance(self, EmptyQuerySet) or self.query.is_empty:
            qs = [q for q in other_qs if not q.query.is_empty]
            if not qs:
                return self
            if len(qs) == 1:
                return qs[0]
            return qs[0]._combinator_query("union", *qs[1:], all=all)
        return self._combinator_query("union", *other_qs, all=all)

    def intersection(self, *other_qs):
        if self.query.is_empty:
            return self
        for other in other_qs:
            if other.query.is_empty:
                return other
        return self._combinator_query("intersection", *other_qs)

    def difference(self, *other_qs):
        if self.query.is_empty:
            return self
        return self._combinator_query("difference", *other_qs)

    # -- methods running SQL

    def iterator(self, chunk_size=None):
        """Iterate without caching the results on the queryset."""
        if chunk_size is not None and chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        if self._prefetch_related_lookups and chunk_size is None:
            raise ValueError("chunk_size must be provided when using "
                             "QuerySet.iterator() after prefetch_related().")
        clone = self._chain()
        rows = clone._fetch_rows()
        if self._prefetch_related_lookups:
            size = chunk_size
            for i in range(0, len(rows), size):
                chunk = rows[i:i + size]
                prefetch_related_objects(chunk, *self._prefetch_related_lookups)
                yield from chunk
        else:
            yield from rows

    def count(self):
        """Return the number of rows (SELECT COUNT(*) unless already fetched)."""
        if self._result_cache is not None:
            return len(self._result_cache)
        sql, params = SQLCompiler(self._query).as_count_sql()
        if sql is None:
            return 0
        return connections[self._db or DEFAULT_DB_ALIAS]._execute(
            sql, params).fetchone()[0]

    def exists(self):
        if self._result_cache is not None:
            return bool(self._result_cache)
        if self._query.is_empty:
            return False
        if self._query.combinator:
            return bool(self.count())
        sql, params = SQLCompiler(self._query).as_sql(exists=True)
        return connections[self._db or DEFAULT_DB_ALIAS]._execute(
            sql, params).fetchone() is not None

    def contains(self, obj):
        if self._fields is not None:
            raise TypeError("Cannot call QuerySet.contains() after .values() or "
                            ".values_list().")
        if not isinstance(obj, self.model):
            raise TypeError("'obj' must be a model instance.") if not isinstance(
                obj, Model) else TypeError("'obj' must be a model instance.")
        if obj.pk is None:
            raise ValueError("QuerySet.contains() cannot be used on unsaved objects.")
        if self._result_cache is not None:
            return obj in self._result_cache
        return self.filter(pk=obj.pk).exists()

    def get(self, *args, **kwargs):
        """Return the one object matching the lookups.

        Raises Model.DoesNotExist when none matches and
        Model.MultipleObjectsReturned when more than one does.
        """
        if self._query.combinator and (args or kwargs):
            raise NotSupportedError("Calling QuerySet.get(...) with filters after %s() "
                                    "is not supported." % self._query.combinator)
        fast = self._get_by_pk_fast(args, kwargs)
        if fast is not None:
            return fast[0]
        clone = self._chain() if self._query.combinator else self.filter(
            *args, **kwargs)
        if not clone._query.combinator and not clone._query.is_sliced:
            clone._query.order_by = ()
            clone._query.default_ordering = False
        limit = MAX_GET_RESULTS
        if not clone._query.is_sliced:
            clone._query.set_limits(high=limit)
        clone._fetch_all()
        num = len(clone._result_cache)
        if num == 1:
            return clone._result_cache[0]
        opts = self.model._meta
        if not num:
            raise self.model.DoesNotExist("%s matching query does not exist." %
                                          opts.object_name)
        raise self.model.MultipleObjectsReturned(
            "get() returned more than one %s -- it returned %s!" % (
                opts.object_name,
                num if num < limit else "more than %s" % (limit - 1)))

    def _get_by_pk_fast(self, args, kwargs):
        """get(pk=N) on an unfiltered queryset: one cached SQL statement."""
        if args or len(kwargs) != 1 or self.__class__ is not QuerySet:
            return None
        query = self._query
        if len(query.__dict__) != 4 or query.where or query.annotations or \
                self._iterable != "model" or self._prefetch_related_lookups or \
                self._known_related_objects:
            return None  # not a plain Model.objects.all()
        return _get_by_pk(self.model, self._db, kwargs)

    def create(self, **kwargs):
        """Create, save and return an object."""
        if any(f.many_to_many for f in self.model._meta.local_many_to_many
               if f.name in kwargs):
            name = next(f.name for f in self.model._meta.local_many_to_many
                        if f.name in kwargs)
            raise ValueError("Cannot assign to the forward side of a many-to-many "
                             "relation; %s" % name)
        obj = self.model(**kwargs)
        self._for_write = True
        obj.save(force_insert=True, using=self._db)
        return obj

    create.alters_data = True

    def _extract_model_params(self, defaults, **kwargs):
        defaults = defaults or {}
        params = {k: v for k, v in kwargs.items() if "__" not in k}
        params.update(defaults)
        opts = self.model._meta
        invalid = []
        for name in params:
            try:
                opts.get_field(name)
            except FieldDoesNotExist:
                if name != "pk" and not isinstance(getattr(self.model, name, None),
                                                   property):
                    invalid.append(name)
        if invalid:
            raise FieldError("Invalid field name(s) for model %s: '%s'." % (
                opts.object_name, "', '".join(sorted(invalid))))
        return params

    def get_or_create(self, defaults=None, **kwargs):
        """Return (object, created): fetch it, or create it from the lookups."""
        try:
            return self.get(**kwargs), False
        except self.model.DoesNotExist:
            params = self._extract_model_params(defaults, **kwargs)
            params = {k: v() if callable(v) else v for k, v in params.items()}
            try:
                with atomic(using=self._db):
                    return self.create(**params), True
            except IntegrityError:
                try:
                    return self.get(**kwargs), False
                except self.model.DoesNotExist:
                    pass
                raise

    get_or_create.alters_data = True

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        """Update the matching object with `defaults`, or create it."""
        update_defaults = defaults or {}
        if create_defaults is None:
            create_defaults = update_defaults
        with atomic(using=self._db):
            obj, created = self.get_or_create(create_defaults, **kwargs)
            if created:
                return obj, created
            for k, v in update_defaults.items():
                setattr(obj, k, v() if callable(v) else v)
            update_fields = set(update_defaults)
            concrete = {f.name for f in self.model._meta.concrete_fields} | {
                f.attname for f in self.model._meta.concrete_fields}
            if update_fields and update_fields <= concrete:
                for f in self.model._meta.concrete_fields:
                    if getattr(f, "auto_now", False):
                        update_fields.add(f.name)
                obj.save(using=self._db, update_fields=update_fields)
            else:
                obj.save(using=self._db)
        return obj, False

    update_or_create.alters_data = True

    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False,
                    update_conflicts=False, update_fields=None, unique_fields=None):
        """Insert many objects with executemany; set their primary keys."""
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        objs = list(objs)
        if not objs:
            return objs
        opts = self.model._meta
        if opts._relation_fields:
            for obj in objs:
                obj._prepare_related_fields_for_save("bulk_create")
        db = connections[self._db or DEFAULT_DB_ALIAS]
        pk_name = opts.pk.attname
        with_pk = [o for o in objs if o.__dict__.get(pk_name) is not None]
        without_pk = [o for o in objs if o.__dict__.get(pk_name) is None]
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        conflict = ""
        if update_conflicts:
            if not update_fields:
                raise ValueError("Fields that will be updated when a row insertion "
                                 "fails on conflicts must be provided.")
            unique_cols = [opts.get_field(n).column if n != "pk" else opts.pk.column
                           for n in (unique_fields or ())]
            conflict = " ON CONFLICT(%s) DO UPDATE SET %s" % (
                ", ".join(quote_name(c) for c in unique_cols),
                ", ".join("%s = EXCLUDED.%s" % (quote_name(c), quote_name(c)) for c in (
                    opts.get_field(n).column for n in update_fields)))
        with atomic(using=self._db, savepoint=False):
            for group, pk_set in ((with_pk, True), (without_pk, False)):
                if not group:
                    continue
                sql, fields, _plan = _insert_plan(opts, pk_set)
                if verb != "INSERT" or conflict:
                    sql = sql.replace("INSERT", verb, 1) + conflict
                prepared = fields
                size = batch_size or len(group)
                for start in range(0, len(group), size):
                    batch = group[start:start + size]
                    if all(plain for _f, _a, plain, _p in _plan):
                        pairs = [(prep, attname) for _f, attname, _pl, prep in _plan]
                        rows = [[prep(d[attname]) for prep, attname in pairs]
                                for d in (o.__dict__ for o in batch)]
                    else:
                        rows = [[prep(o.__dict__[attname] if plain
                                      else f.pre_save(o, True))
                                 for f, attname, plain, prep in _plan] for o in batch]
                    if pk_set or ignore_conflicts or conflict:
                        db._executemany(sql, rows)
                        continue
                    # RETURNING gives the new keys in one statement per batch.
                    per = max(1, 999 // max(1, len(prepared)))
                    for i in range(0, len(rows), per):
                        chunk = rows[i:i + per]
                        values = ", ".join(["(%s)" % ", ".join("?" * len(prepared))]
                                           * len(chunk)) if prepared else None
                        if values is None:
                            for obj in batch[i:i + per]:
                                cur = db._execute(sql, [])
                                obj.__dict__[opts.pk.attname] = cur.lastrowid
                            continue
                        head = sql.split(" VALUES ")[0]
                        flat = [v for row in chunk for v in row]
                        cur = db._execute("%s VALUES %s RETURNING %s" % (
                            head, values, quote_name(opts.pk.column)), flat)
                        for obj, (pk,) in zip(batch[i:i + per], cur.fetchall()):
                            obj.__dict__[opts.pk.attname] = pk
        for obj in objs:
            obj._state.adding = False
            obj._state.db = self._db or DEFAULT_DB_ALIAS
        return objs

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        """Update `fields` of many objects; return the number of rows matched."""
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        if not fields:
            raise ValueError("Field names must be given to bulk_update().")
        objs = list(objs)
        if any(obj.pk is None for obj in objs):
            raise ValueError("All bulk_update() objects must have a primary key set.")
        opts = self.model._meta
        fields = [opts.get_field(name) for name in fields]
        if any(not f.concrete or f.many_to_many for f in fields):
            raise ValueError("bulk_update() can only be used with concrete fields.")
        if any(f.primary_key for f in fields):
            raise ValueError("bulk_update() cannot be used with primary key fields.")
        if not objs:
            return 0
        db = connections[self._db or DEFAULT_DB_ALIAS]
        sql = "UPDATE %s SET %s WHERE %s = ?" % (
            quote_name(opts.db_table),
            ", ".join("%s = ?" % quote_name(f.column) for f in fields),
            quote_name(opts.pk.column))
        rows = 0
        with atomic(using=self._db, savepoint=False):
            for obj in objs:
                obj._prepare_related_fields_for_save("bulk_update", fields=fields)
                params = [f.get_db_prep_save(getattr(obj, f.attname), db)
                          for f in fields]
                params.append(opts.pk.get_db_prep_value(obj.pk, db))
                rows += db._execute(sql, params).rowcount
        return rows

    bulk_update.alters_data = True

    def update(self, **kwargs):
        """Run one UPDATE for every matching row; return the row count."""
        self._not_support_combined_queries("update")
        if self._query.is_sliced:
            raise TypeError("Cannot update a query once a slice has been taken.")
        opts = self.model._meta
        values = []
        for name, value in kwargs.items():
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                raise FieldError("Cannot resolve keyword '%s' into field. Choices are: "
                                 "%s" % (name, ", ".join(opts._name_choices))) from None
            if not field.concrete or field.many_to_many:
                raise FieldError("Cannot update model field %r (only non-relations and "
                                 "foreign keys permitted)." % field)
            if isinstance(value, Model) and field.is_relation:
                if not isinstance(value, field.related_model):
                    raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" '
                                     'instance.' % (value, opts.object_name, field.name,
                                                    field.related_model._meta.object_name))
            values.append((field, value))
        if self._query.is_empty:
            return 0
        query = self._query.clone()
        query.annotations = {}
        query.order_by = ()
        sql, params = SQLCompiler(query).as_update_sql(values)
        with mark_for_rollback_on_error(self._db):
            rows = connections[self._db or DEFAULT_DB_ALIAS]._execute(
                sql, params).rowcount
        self._result_cache = None
        return rows

    update.alters_data = True

    def _update(self, values):
        return self.update(**{f.name: v for f, _m, v in values})

    def delete(self):
        """Delete the matching rows (with cascades); return Django's counts."""
        self._not_support_combined_queries("delete")
        if self._query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with delete().")
        if self._query.distinct:
            raise TypeError("Cannot call delete() after .distinct().")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after .values() or .values_list()")
        del_query = self._chain()
        del_query._query.select_related = False
        del_query._query.order_by = ()
        del_query._query.default_ordering = False
        del_query._prefetch_related_lookups = ()
        collector = Collector(using=self._db or DEFAULT_DB_ALIAS)
        collector.collect(del_query)
        result = collector.delete()
        self._result_cache = None
        return result

    delete.alters_data = True
    delete.queryset_only = True

    def _raw_delete(self, using=None):
        """DELETE the matching rows in one statement (no cascades, no signals)."""
        query = self._query
        if query.is_empty:
            return 0
        opts = self.model._meta
        compiler = SQLCompiler(query)
        where, params = compiler.get_where()
        if compiler.join_order or query.is_sliced:
            inner = query.clone()
            inner.values_fields = ["pk"]
            inner.annotation_mask = ()
            sub_sql, params = SQLCompiler(inner).as_sql()
            sql = "DELETE FROM %s WHERE %s IN (%s)" % (
                quote_name(opts.db_table), quote_name(opts.pk.column), sub_sql)
        else:
            sql = "DELETE FROM %s" % quote_name(opts.db_table)
            if where:
                sql += " WHERE " + where
        return connections[using or self._db or DEFAULT_DB_ALIAS]._execute(
            sql, params).rowcount

    def aggregate(self, *args, **kwargs):
        """Return a dict of aggregate values over the queryset."""
        for arg in args:
            try:
                kwargs[arg.default_alias] = arg
            except (AttributeError, TypeError):
                raise TypeError("Complex aggregates require an alias") from None
        for name, agg in kwargs.items():
            if not getattr(agg, "contains_aggregate", False):
                raise TypeError("%s is not an aggregate expression" % name)
        query = self._query.clone()
        query.order_by = ()
        query.default_ordering = False
        compiler = SQLCompiler(query)
        sql, params = compiler.as_aggregate_sql(kwargs)
        row = connections[self._db or DEFAULT_DB_ALIAS]._execute(sql, params).fetchone()
        result = {}
        for (name, agg), value in zip(kwargs.items(), row):
            conv = _converter_for(agg.get_output_field(SQLCompiler(self._query)))
            if conv is not None and value is not None:
                value = conv(value)
            if isinstance(agg, Count) and value is None:
                value = 0
            result[name] = value
        return result

    def first(self):
        """Return the first object (by ordering, else pk), or None."""
        if self.ordered:
            qs = self
        else:
            qs = self.order_by("pk")
        for obj in qs[:1]:
            return obj
        return None

    def last(self):
        if self.ordered:
            qs = self.reverse()
        else:
            qs = self.order_by("-pk")
        for obj in qs[:1]:
            return obj
        return None

    def _earliest(self, *fields):
        if fields:
            order_by = fields
        else:
            order_by = self.model._meta.get_latest_by_fields()
            if not order_by:
                raise ValueError("earliest() and latest() require either fields as "
                                 "positional arguments or 'get_latest_by' in the "
                                 "model's Meta.")
        qs = self._chain()
        qs._query.set_limits(high=1)
        qs._query.order_by = tuple(order_by)
        qs._query.default_ordering = False
        return qs.get()

    def earliest(self, *fields):
        if self._query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self._earliest(*fields)

    def latest(self, *fields):
        if self._query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self.reverse()._earliest(*fields)

    def in_bulk(self, id_list=None, *, field_name="pk"):
        """Return {value: object} for the given ids (or all rows)."""
        if self._query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with in_bulk().")
        opts = self.model._meta
        field = opts.pk if field_name == "pk" else opts.get_field(field_name)
        if field_name != "pk" and not field.unique and not any(
                isinstance(c, UniqueConstraint) and c.fields == (field_name,) and
                c.condition is None for c in opts.constraints):
            raise ValueError("in_bulk()'s field_name must be a unique field but %r "
                             "isn't." % field_name)
        if id_list is not None:
            id_list = list(id_list)
            if not id_list:
                return {}
            qs = self.filter(**{"%s__in" % field_name: id_list}).order_by()
        else:
            qs = self._chain()
        return {getattr(obj, field.attname): obj for obj in qs}

    def explain(self, *, format=None, **options):
        sql, params = SQLCompiler(self._query).as_sql()
        rows = connections[self._db or DEFAULT_DB_ALIAS]._execute(
            "EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return "\n".join("%d %d %d %s" % tuple(r) for r in rows)

    def raw(self, raw_query, params=(), translations=None, using=None):
        return RawQuerySet(raw_query, model=self.model, params=params,
                           translations=translations, using=using or self._db)

    # -- properties

    @property
    def ordered(self):
        """True if the queryset has an ORDER BY (explicit or Meta.ordering)."""
        if isinstance(self, EmptyQuerySet):
            return True
        query = self._query
        if query.order_by:
            return True
        if query.order_by is None or query.default_ordering:
            return bool(self.model._meta.ordering) and not (
                query.group_by is not None and query.has_aggregates())
        return False

    @property
    def db(self):
        return self._db or DEFAULT_DB_ALIAS

    def resolve_expression(self, *args, **kwargs):
        return Subquery(self)


def _get_by_pk(model, using, kwargs):
    """Return (instance,) for get(pk=<int>) with a cached statement, or None.

    The hot path of detail views: no QuerySet, no compiler.  None means "not
    this simple case", and the caller takes the general path.
    """
    opts = model._meta
    plan = opts.__dict__.get("_get_pk_plan")
    if plan is None:
        pk = opts.pk
        if not isinstance(pk, IntegerField):
            plan = opts._get_pk_plan = False
        else:
            table = quote_name(opts.db_table)
            plan = opts._get_pk_plan = (
                "SELECT %s FROM %s WHERE %s.%s = ?" % (
                    ", ".join("%s.%s" % (table, quote_name(f.column))
                              for f in opts.concrete_fields),
                    table, table, quote_name(pk.column)),
                frozenset(("pk", "pk__exact", pk.name, pk.attname,
                           pk.name + "__exact")))
    if not plan:
        return None
    (name, value), = kwargs.items()
    if name not in plan[1] or value.__class__ is not int or not (
            -9223372036854775808 <= value <= 9223372036854775807):
        return None
    row = connections[using or DEFAULT_DB_ALIAS]._execute(plan[0], (value,)).fetchone()
    if row is None:
        raise model.DoesNotExist("%s matching query does not exist." %
                                 opts.object_name)
    obj = object.__new__(model)
    converters = opts._row_converters
    if converters:
        row = list(row)
        for i, conv in converters:
            if row[i] is not None:
                row[i] = conv(row[i])
    obj.__dict__.update(zip(opts._attnames, row))
    if using is not None:
        obj._state.db = using
    if post_init.receivers:
        post_init.send(sender=model, instance=obj)
    return (obj,)


class _EmptyQuerySetMeta(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, QuerySet) and instance.query.is_empty


class EmptyQuerySet(metaclass=_EmptyQuerySetMeta):
    """isinstance(qs, EmptyQuerySet) is True for qs.none()."""

    def __init__(self, *args, **kwargs):
        raise TypeError("EmptyQuerySet can't be instantiated")


def _and_all(where):
    q = Q()
    for child, _group in where:
        q = q & child
    return q


class RawQuerySet:
    """Model.objects.raw(sql, params): model instances from hand-written SQL."""

    def __init__(self, raw_query, model=None, query=None, params=(),
                 translations=None, using=None, hints=None):
        self.raw_query = raw_query
        self.model = model
        self.params = params
        self.translations = translations or {}
        self._db = using
        self._result_cache = None

    def __iter__(self):
        if self._result_cache is None:
            self._result_cache = list(self._iterate())
        return iter(self._result_cache)

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(len(self))

    def __getitem__(self, k):
        return list(self)[k]

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self.raw_query % tuple(
            self.params) if self.params else self.raw_query)

    @property
    def columns(self):
        cursor = connections[self._db or DEFAULT_DB_ALIAS].cursor()
        cursor.execute(self.raw_query, self.params)
        return [self.translations.get(d[0], d[0]) for d in cursor.description]

    def _iterate(self):
        db = connections[self._db or DEFAULT_DB_ALIAS]
        cursor = db.cursor()
        cursor.execute(self.raw_query, self.params)
        names = [self.translations.get(d[0], d[0]) for d in cursor.description]
        opts = self.model._meta
        by_column = {}
        for f in opts.concrete_fields:
            by_column[f.column] = f
            by_column[f.attname] = f
        if opts.pk.column not in names and opts.pk.attname not in names:
            raise FieldDoesNotExist("Raw query must include the primary key")
        for row in cursor.fetchall():
            obj = object.__new__(self.model)
            for name, value in zip(names, row):
                field = by_column.get(name)
                if field is not None:
                    conv = field.get_db_converter()
                    if conv is not None and value is not None:
                        value = conv(value)
                    obj.__dict__[field.attname] = value
                else:
                    setattr(obj, name, value)
            yield obj

    def iterator(self):
        yield from self._iterate()


# -- Managers


class ManagerDescriptor:
    def __init__(self, manager):
        self.manager = manager

    def __get__(self, instance, cls=None):
        if instance is not None:
            raise AttributeError("Manager isn't accessible via %s instances" %
                                 cls.__name__)
        if cls._meta.abstract:
            raise AttributeError("Manager isn't available; %s is abstract" %
                                 cls._meta.object_name)
        manager = self.manager
        if manager.model is cls:
            return manager
        return cls._meta.managers_map[manager.name]


class BaseManager:
    """The interface to queries for a model (Model.objects)."""

    creation_counter = 0
    auto_created = False
    use_in_migrations = False
    _queryset_class = QuerySet

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self):
        self.model = None
        self.name = None
        self._db = None
        self._hints = {}
        BaseManager.creation_counter += 1
        self.creation_counter = BaseManager.creation_counter

    def __str__(self):
        return "%s.%s" % (self.model._meta.label, self.name)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self) if self.model else \
            object.__repr__(self)

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def deconstruct(self):
        return False, type(self).__name__, None, *self._constructor_args

    @classmethod
    def _get_queryset_methods(cls, queryset_class):
        import inspect

        def make(name, method):
            def manager_method(self, *args, **kwargs):
                return getattr(self.get_queryset(), name)(*args, **kwargs)

            manager_method.__name__ = name
            manager_method.__doc__ = method.__doc__
            # Templates must never call data-changing methods (`{{ m.create }}`).
            manager_method.alters_data = getattr(method, "alters_data", False)
            return manager_method

        methods = {}
        for name, method in inspect.getmembers(queryset_class,
                                               predicate=inspect.isfunction):
            if hasattr(cls, name):
                continue
            if getattr(method, "queryset_only", None):
                continue
            if name.startswith("_") and not getattr(method, "queryset_only", True):
                pass
            if name.startswith("_"):
                continue
            methods[name] = make(name, method)
        return methods

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        """Return a Manager class whose methods are queryset_class's."""
        if class_name is None:
            class_name = "%sFrom%s" % (cls.__name__, queryset_class.__name__)
        return type(class_name, (cls,), {
            "_queryset_class": queryset_class,
            **cls._get_queryset_methods(queryset_class)})

    def contribute_to_class(self, cls, name):
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.local_managers.append(self)
        cls._meta.__dict__.pop("managers", None)
        cls._meta.__dict__.pop("managers_map", None)

    def db_manager(self, using=None, hints=None):
        import copy

        obj = copy.copy(self)
        obj._db = using or self._db
        obj._hints = hints or self._hints
        return obj

    @property
    def db(self):
        return self._db or DEFAULT_DB_ALIAS

    def get_queryset(self):
        """Return the QuerySet this manager starts from (override to filter)."""
        return self._queryset_class(model=self.model, using=self._db,
                                    hints=self._hints)

    def all(self):
        return self.get_queryset()

    def get(self, *args, **kwargs):
        """Return the one matching object (see QuerySet.get)."""
        if not args and len(kwargs) == 1 and self._queryset_class is QuerySet and \
                type(self).get_queryset is BaseManager.get_queryset:
            found = _get_by_pk(self.model, self._db, kwargs)
            if found is not None:
                return found[0]
        return self.get_queryset().get(*args, **kwargs)

    def count(self):
        return self.get_queryset().count()

    def __eq__(self, other):
        return isinstance(other, self.__class__) and \
            self._constructor_args == other._constructor_args

    def __hash__(self):
        return id(self)

    def check(self, **kwargs):
        return []


class Manager(BaseManager.from_queryset(QuerySet)):
    """The default manager class (Model.objects)."""


class Prefetch:
    """prefetch_related(Prefetch("comment_set", queryset=..., to_attr=...))."""

    def __init__(self, lookup, queryset=None, to_attr=None):
        self.prefetch_through = lookup
        self.prefetch_to = lookup if to_attr is None else \
            "__".join(lookup.split("__")[:-1] + [to_attr])
        if queryset is not None and queryset._iterable != "model":
            raise ValueError("Prefetch querysets cannot use raw(), values(), and "
                             "values_list().")
        self.queryset = queryset
        self.to_attr = to_attr

    def __eq__(self, other):
        return isinstance(other, Prefetch) and self.prefetch_to == other.prefetch_to

    def __hash__(self):
        return hash((self.__class__, self.prefetch_to))


def prefetch_related_objects(model_instances, *related_lookups):
    """Fill the caches of `model_instances` for each lookup, one query each."""
    instances = [o for o in model_instances if o is not None]
    if not instances:
        return
    for lookup in related_lookups:
        if not isinstance(lookup, Prefetch):
            lookup = Prefetch(lookup)
        parts = lookup.prefetch_through.split("__")
        level = instances
        for depth, name in enumerate(parts):
            last = depth == len(parts) - 1
            level = _prefetch_one_level(level, name, lookup if last else None)
            if not level:
                break


def _prefetch_one_level(instances, name, lookup):
    """Prefetch relation `name` on `instances`; return the related objects."""
    instances = [o for o in instances if o is not None]
    if not instances:
        return []
    model = type(instances[0])
    opts = model._meta
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        field = None
        for rel in opts.related_objects:
            if rel.get_accessor_name() == name:
                field = rel
        if field is None:
            raise AttributeError(
                "Cannot find '%s' on %s object, '%s' is an invalid parameter to "
                "prefetch_related()" % (name, opts.object_name, name)) from None
    queryset = lookup.queryset if lookup is not None else None
    to_attr = lookup.to_attr if lookup is not None else None
    if getattr(field, "concrete", False) and not field.many_to_many:
        # Forward FK / one-to-one: fetch the targets by key.
        target = field.target_field
        keys = {getattr(o, field.attname) for o in instances} - {None}
        qs = queryset if queryset is not None else (
            field.related_model._base_manager.all())
        found = {getattr(r, target.attname): r for r in qs.filter(
            **{"%s__in" % target.name: keys})} if keys else {}
        for o in instances:
            value = found.get(getattr(o, field.attname))
            if to_attr:
                setattr(o, to_attr, value)
            else:
                o._state.fields_cache[field.name] = value
        return list(found.values())
    if field.many_to_many:
        if getattr(field, "concrete", False):
            m2m, rel_model = field, field.related_model
            src, dst = field.m2m_field_name(), field.m2m_reverse_field_name()
            accessor = field.name
        else:
            m2m, rel_model = field.field, field.related_model
            src, dst = m2m.m2m_reverse_field_name(), m2m.m2m_field_name()
            accessor = field.get_accessor_name()
        through = m2m.remote_field.through
        pks = [o.pk for o in instances]
        pairs = list(through._base_manager.filter(**{"%s__in" % src: pks}).values_list(
            through._meta.get_field(src).attname, through._meta.get_field(dst).attname))
        qs = queryset if queryset is not None else rel_model._default_manager.all()
        targets = {r.pk: r for r in qs.filter(pk__in={p[1] for p in pairs})} \
            if pairs else {}
        by_source = {}
        for s, t in pairs:
            if t in targets:
                by_source.setdefault(s, []).append(targets[t])
        for o in instances:
            objs = by_source.get(o.pk, [])
            if to_attr:
                setattr(o, to_attr, objs)
            else:
                manager = getattr(o, accessor)
                cache = manager.get_queryset()
                cache._result_cache = objs
                cache._prefetch_done = True
                o.__dict__.setdefault("_prefetched_objects_cache", {})[
                    manager.prefetch_cache_name] = cache
        return list(targets.values())
    # Reverse FK (or reverse one-to-one).
    remote = field.field
    qs = queryset if queryset is not None else (
        field.related_model._default_manager.all())
    keys = [getattr(o, remote.target_field.attname) for o in instances]
    by_key = {getattr(o, remote.target_field.attname): o for o in instances}
    rows = list(qs.filter(**{"%s__in" % remote.name: keys}))
    grouped = {}
    for r in rows:
        key = getattr(r, remote.attname)
        grouped.setdefault(key, []).append(r)
        if key in by_key:
            r._state.fields_cache[remote.name] = by_key[key]
    for o in instances:
        objs = grouped.get(getattr(o, remote.target_field.attname), [])
        if field.one_to_one:
            o._state.fields_cache[field.name] = objs[0] if objs else None
            continue
        if to_attr:
            setattr(o, to_attr, objs)
        else:
            manager = getattr(o, field.get_accessor_name())
            cache = manager.get_queryset()
            cache._result_cache = objs
            cache._prefetch_done = True
            o.__dict__.setdefault("_prefetched_objects_cache", {})[
                remote.remote_field.get_cache_name()] = cache
    return rows


# -- Relations: ForeignKey, OneToOneField, ManyToManyField, their descriptors
#    and related managers, and the reverse-relation objects in _meta.

__all__ += [
    "ForeignKey", "OneToOneField", "ManyToManyField", "CASCADE", "PROTECT",
    "RESTRICT", "SET_NULL", "SET_DEFAULT", "SET", "DO_NOTHING", "ProtectedError",
    "RestrictedError",
]


class ProtectedError(IntegrityError):
    """delete() hit a PROTECT foreign key."""

    def __init__(self, msg, protected_objects):
        self.protected_objects = protected_objects
        super().__init__(msg, protected_objects)


class RestrictedError(IntegrityError):
    """delete() hit a RESTRICT foreign key."""

    def __init__(self, msg, restricted_objects):
        self.restricted_objects = restricted_objects
        super().__init__(msg, restricted_objects)


def CASCADE(collector, field, sub_objs, using):
    """Delete the referencing rows too."""
    collector.collect(sub_objs, source=field.remote_field.model, nullable=field.null)


def PROTECT(collector, field, sub_objs, using):
    """Refuse to delete a referenced row (ProtectedError)."""
    raise ProtectedError(
        "Cannot delete some instances of model '%s' because they are referenced "
        "through a protected foreign key: '%s.%s'" % (
            field.remote_field.model.__name__, sub_objs[0].__class__.__name__,
            field.name), sub_objs)


def RESTRICT(collector, field, sub_objs, using):
    """Refuse unless the referencing rows are deleted by another CASCADE."""
    collector.add_restricted_objects(field, sub_objs)


def SET(value):
    """on_delete=SET(value or callable): store that value in the foreign key."""
    def set_on_delete(collector, field, sub_objs, using):
        collector.add_field_update(field, value() if callable(value) else value,
                                   sub_objs)

    set_on_delete.deconstruct = lambda: ("django.db.models.SET", (value,), {})
    return set_on_delete


def SET_NULL(collector, field, sub_objs, using):
    collector.add_field_update(field, None, sub_objs)


def SET_DEFAULT(collector, field, sub_objs, using):
    collector.add_field_update(field, field.get_default(), sub_objs)


def DO_NOTHING(collector, field, sub_objs, using):
    pass


class Collector:
    """Find everything a delete() reaches, then delete it in one transaction.

    As in Django: rows that nothing else depends on and that have no delete
    signals are deleted with one DELETE per relation ("fast deletes"), the
    rest are fetched so that cascades, signals and SET_* updates can run.
    """

    def __init__(self, using=DEFAULT_DB_ALIAS, origin=None):
        self.using = using
        self.origin = origin
        self.data = {}  # model -> {pk: instance}, in discovery order
        self.fast_deletes = []  # (model, field, keys)
        self.field_updates = []  # (field, value, [instances])
        self.restricted = []  # (field, [instances])
        self.dependencies = {}  # model -> models to delete before it

    def add(self, objs, source=None, nullable=False):
        new = []
        for obj in objs:
            bucket = self.data.setdefault(type(obj), {})
            if obj.pk not in bucket:
                bucket[obj.pk] = obj
                new.append(obj)
        if new and source is not None and not nullable:
            self.dependencies.setdefault(source, set()).add(type(new[0]))
        return new

    def add_field_update(self, field, value, objs):
        self.field_updates.append((field, value, list(objs)))

    def add_restricted_objects(self, field, objs):
        self.restricted.append((field, list(objs)))

    @staticmethod
    def _has_signal_listeners(model):
        return pre_delete.has_listeners(model) or post_delete.has_listeners(model)

    def can_fast_delete(self, model, from_field=None):
        """True if rows of `model` can go with one DELETE, unfetched."""
        if self._has_signal_listeners(model):
            return False
        return all(rel.field.remote_field.on_delete is DO_NOTHING
                   for rel in model._meta.related_objects if not rel.many_to_many)

    def collect(self, objs, source=None, nullable=False, collect_related=True,
                source_attr=None, reverse_dependency=False, keep_parents=False,
                fail_on_restricted=True):
        if isinstance(objs, QuerySet) and self.can_fast_delete(objs.model):
            self.fast_deletes.append(objs)  # one DELETE ... WHERE, nothing fetched
            return
        new = self.add(list(objs), source, nullable)
        if not new or not collect_related:
            return
        model = type(new[0])
        protected = {}
        for rel in model._meta.related_objects:
            if rel.many_to_many:
                continue  # the link model's own foreign keys cascade
            field = rel.field
            on_delete = field.remote_field.on_delete
            if on_delete is DO_NOTHING:
                continue
            keys = [getattr(o, field.target_field.attname) for o in new]
            if on_delete is CASCADE and self.can_fast_delete(rel.related_model):
                self.fast_deletes.append((rel.related_model, field, keys))
                continue
            sub_objs = []
            for i in range(0, len(keys), 900):
                sub_objs.extend(rel.related_model._base_manager.filter(
                    **{"%s__in" % field.attname: keys[i:i + 900]}))
            if not sub_objs:
                continue
            try:
                on_delete(self, field, sub_objs, self.using)
            except ProtectedError as error:
                key = "'%s.%s'" % (field.model.__name__, field.name)
                protected.setdefault(key, []).extend(error.protected_objects)
        if protected:
            raise ProtectedError(
                "Cannot delete some instances of model %r because they are referenced "
                "through protected foreign keys: %s." % (
                    model.__name__, ", ".join(protected)),
                {o for objs in protected.values() for o in objs})
        if fail_on_restricted and source is None:
            self._check_restricted(model)

    def _check_restricted(self, model):
        found = {}
        def going(obj):
            if obj.pk in self.data.get(type(obj), {}):
                return True
            return any(type(obj) is entry[0] and getattr(obj, entry[1].attname) in
                       entry[2] for entry in self.fast_deletes
                       if not isinstance(entry, QuerySet))

        for field, objs in self.restricted:
            left = [o for o in objs if not going(o)]
            if left:
                key = "'%s.%s'" % (field.model.__name__, field.name)
                found.setdefault(key, []).extend(left)
        if found:
            raise RestrictedError(
                "Cannot delete some instances of model %r because they are referenced "
                "through restricted foreign keys: %s." % (
                    model.__name__, ", ".join(found)),
                {o for objs in found.values() for o in objs})

    def sort(self):
        """Order models so that each comes after the models depending on it."""
        ordered, placed = [], set()
        models = list(self.data)
        while len(ordered) < len(models):
            found = False
            for model in models:
                if model in placed:
                    continue
                if not (self.dependencies.get(model, set()) - placed):
                    ordered.append(model)
                    placed.add(model)
                    found = True
            if not found:
                ordered.extend(m for m in models if m not in placed)
                break
        self.data = {model: self.data[model] for model in ordered}

    def delete(self):
        """Run the deletes and updates; return (total, {label: count})."""
        import collections

        counter = collections.Counter()
        db = connections[self.using]
        self.sort()
        with atomic(using=self.using, savepoint=False):
            for model, instances in self.data.items():
                if pre_delete.has_listeners(model):
                    for obj in instances.values():
                        pre_delete.send(sender=model, instance=obj, using=self.using,
                                        origin=self.origin)
            for entry in self.fast_deletes:
                if isinstance(entry, QuerySet):
                    count = entry._raw_delete(self.using)
                    if count:
                        counter[entry.model._meta.label] += count
                    continue
                model, field, keys = entry
                count = 0
                for i in range(0, len(keys), 900):
                    chunk = keys[i:i + 900]
                    count += db._execute("DELETE FROM %s WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table), quote_name(field.column),
                        ", ".join("?" * len(chunk))),
                        [field.get_db_prep_save(k) for k in chunk]).rowcount
                if count:
                    counter[model._meta.label] += count
            for field, value, objs in self.field_updates:
                objs = [o for o in objs if o.pk not in self.data.get(type(o), {})]
                if not objs:
                    continue
                model = field.model
                raw = value.pk if isinstance(value, Model) else value
                prepared = field.get_db_prep_save(raw)
                pks = [o.pk for o in objs]
                for i in range(0, len(pks), 900):
                    chunk = pks[i:i + 900]
                    db._execute("UPDATE %s SET %s = ? WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table), quote_name(field.column),
                        quote_name(model._meta.pk.column), ", ".join("?" * len(chunk))),
                        [prepared] + [model._meta.pk.get_db_prep_value(p)
                                      for p in chunk])
                for obj in objs:
                    obj.__dict__[field.attname] = raw
                    obj._state.fields_cache.pop(field.name, None)
            for model, instances in self.data.items():
                pks = list(instances)
                count = 0
                for i in range(0, len(pks), 900):
                    chunk = pks[i:i + 900]
                    count += db._execute("DELETE FROM %s WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table),
                        quote_name(model._meta.pk.column), ", ".join("?" * len(chunk))),
                        [model._meta.pk.get_db_prep_value(p) for p in chunk]).rowcount
                if count:
                    counter[model._meta.label] += count
                if post_delete.has_listeners(model):
                    for obj in instances.values():
                        post_delete.send(sender=model, instance=obj, using=self.using,
                                         origin=self.origin)
        for model, instances in self.data.items():
            for obj in instances.values():
                obj.__dict__[model._meta.pk.attname] = None
        return sum(counter.values()), dict(counter)


class ForeignObjectRel:
    """The reverse side of a relation, as it appears in the target's _meta."""

    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    null = True
    empty_strings_allowed = False
    primary_key = False
    column = None

    def __init__(self, field, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, parent_link=False, on_delete=None):
        self.field = field
        self.model = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.limit_choices_to = {} if limit_choices_to is None else limit_choices_to
        self.parent_link = parent_link
        self.on_delete = on_delete
        self.symmetrical = False
        self.multiple = True

    def __repr__(self):
        return "<%s: %s.%s>" % (type(self).__name__, self.related_model._meta.app_label,
                                self.related_model._meta.model_name)

    @property
    def hidden(self):
        return bool(self.related_name) and self.related_name[-1] == "+"

    @property
    def name(self):
        return self.field.related_query_name()

    @property
    def related_model(self):
        return self.field.model

    @property
    def remote_field(self):
        return self.field

    @property
    def target_field(self):
        return self.model._meta.pk

    @property
    def many_to_many(self):
        return self.field.many_to_many

    @property
    def many_to_one(self):
        return self.field.one_to_many

    @property
    def one_to_many(self):
        return self.field.many_to_one

    @property
    def one_to_one(self):
        return self.field.one_to_one

    def get_accessor_name(self, model=None):
        if self.multiple is False or self.one_to_one:
            return self.related_name or self.field.model._meta.model_name
        if self.hidden:
            return None
        return self.related_name or "%s_set" % self.field.model._meta.model_name

    def get_cache_name(self):
        return self.get_accessor_name()

    def get_related_field(self):
        return self.field.target_field

    def get_joining_columns(self):
        return ((self.field.target_field.column, self.field.column),)

    def get_internal_type(self):
        return self.field.get_internal_type()

    def delete_cached_value(self, instance):
        instance._state.fields_cache.pop(self.get_cache_name(), None)


class ManyToOneRel(ForeignObjectRel):
    def __init__(self, field, to, field_name, **kwargs):
        super().__init__(field, to, **kwargs)
        self.field_name = field_name


class OneToOneRel(ManyToOneRel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = False


class ManyToManyRel(ForeignObjectRel):
    def __init__(self, field, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, symmetrical=True, through=None,
                 through_fields=None, db_constraint=True):
        super().__init__(field, to, related_name=related_name,
                         related_query_name=related_query_name,
                         limit_choices_to=limit_choices_to)
        self.through = through
        self.through_fields = through_fields
        self.symmetrical = symmetrical
        self.db_constraint = db_constraint

    def get_related_field(self):
        return self.model._meta.pk


class RelatedField(Field):
    """Common code of ForeignKey and ManyToManyField."""

    is_relation = True
    related_accessor_class = None

    @property
    def related_model(self):
        model = self.remote_field.model
        if isinstance(model, str):
            raise ValueError("Related model %r cannot be resolved" % model)
        return model

    def related_query_name(self):
        rel = self.remote_field
        name = rel.related_query_name or rel.related_name
        if name and name.endswith("+") and not rel.related_query_name:
            return self.model._meta.model_name if not name.startswith("+") else name
        if name:
            return name
        default = self.model._meta.default_related_name
        if default:
            return default % {"class": self.model.__name__.lower(),
                              "model_name": self.model._meta.model_name,
                              "app_label": self.model._meta.app_label}
        return self.model._meta.model_name

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        if cls._meta.abstract:
            return
        rel = self.remote_field
        if rel.related_name and "%(" in rel.related_name:
            rel.related_name = rel.related_name % {
                "class": cls.__name__.lower(), "model_name": cls._meta.model_name,
                "app_label": cls._meta.app_label}
        if rel.related_query_name and "%(" in rel.related_query_name:
            rel.related_query_name = rel.related_query_name % {
                "class": cls.__name__.lower(), "model_name": cls._meta.model_name,
                "app_label": cls._meta.app_label}

        def resolve(model):
            rel.model = model
            self.do_related_class(model, cls)

        _lazy_related(cls, rel.model, resolve)

    def do_related_class(self, other, cls):
        other_meta = other._meta
        if self.remote_field not in other_meta.related_objects:
            other_meta.related_objects.append(self.remote_field)
            other_meta._expire_cache()
        accessor = self.remote_field.get_accessor_name()
        if accessor and not self.remote_field.hidden and not other_meta.abstract:
            setattr(other, accessor, self.related_accessor_class(self.remote_field))


class RelatedObjectDoesNotExist(ObjectDoesNotExist, AttributeError):
    """Base of `Entry.author.RelatedObjectDoesNotExist`."""


class ForwardManyToOneDescriptor:
    """`entry.author`: the related object, fetched once and cached."""

    def __init__(self, field):
        self.field = field

    @cached_property
    def RelatedObjectDoesNotExist(self):
        return type("RelatedObjectDoesNotExist", (
            self.field.related_model.DoesNotExist, AttributeError), {
            "__module__": self.field.model.__module__,
            "__qualname__": "%s.%s.RelatedObjectDoesNotExist" % (
                self.field.model.__qualname__, self.field.name)})

    def is_cached(self, instance):
        return self.field.name in instance._state.fields_cache

    def get_queryset(self, **hints):
        return self.field.related_model._base_manager.all()

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        field = self.field
        cache = instance._state.fields_cache
        value = instance.__dict__.get(field.attname)
        rel_obj = cache.get(field.name, _MISSING)
        if rel_obj is not _MISSING and (rel_obj is None and value is None or (
                rel_obj is not None and getattr(
                    rel_obj, field.target_field.attname) == value)):
            return rel_obj
        if value is None:
            rel_obj = None
        else:
            try:
                rel_obj = self.get_queryset().get(**{field.target_field.attname: value})
            except field.related_model.DoesNotExist:
                raise self.RelatedObjectDoesNotExist(
                    "%s has no %s." % (field.model.__name__, field.name)) from None
            if field.one_to_one:
                rel_obj._state.fields_cache[field.remote_field.get_cache_name()] = \
                    instance
        cache[field.name] = rel_obj
        if rel_obj is None and not field.null:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (field.model.__name__, field.name))
        return rel_obj

    def __set__(self, instance, value):
        field = self.field
        if value is not None and not isinstance(value, field.related_model):
            raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" instance.' % (
                value, instance._meta.object_name, field.name,
                field.related_model._meta.object_name))
        if value is None:
            old = instance._state.fields_cache.get(field.name)
            if old is not None and field.one_to_one:
                old._state.fields_cache.pop(field.remote_field.get_cache_name(), None)
            instance.__dict__[field.attname] = None
        else:
            target = field.target_field.attname
            instance.__dict__[field.attname] = getattr(value, target)
            if field.one_to_one:
                cache_name = field.remote_field.get_cache_name()
                value._state.fields_cache[cache_name] = instance
        instance._state.fields_cache[field.name] = value


_MISSING = object()


class ReverseOneToOneDescriptor:
    """`place.restaurant`: the object whose OneToOneField points here."""

    def __init__(self, related):
        self.related = related

    @cached_property
    def RelatedObjectDoesNotExist(self):
        return type("RelatedObjectDoesNotExist", (
            self.related.related_model.DoesNotExist, AttributeError), {
            "__module__": self.related.model.__module__})

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        name = self.related.get_cache_name()
        cache = instance._state.fields_cache
        if name in cache:
            rel_obj = cache[name]
        else:
            field = self.related.field
            key = getattr(instance, field.target_field.attname)
            rel_obj = None
            if key is not None:
                try:
                    rel_obj = self.related.related_model._base_manager.get(
                        **{field.attname: key})
                except self.related.related_model.DoesNotExist:
                    rel_obj = None
                else:
                    rel_obj._state.fields_cache[field.name] = instance
            cache[name] = rel_obj
        if rel_obj is None:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (instance.__class__.__name__, name))
        return rel_obj

    def __set__(self, instance, value):
        field = self.related.field
        if value is None:
            old = instance._state.fields_cache.get(self.related.get_cache_name())
            if old is not None:
                setattr(old, field.name, None)
        else:
            if not isinstance(value, self.related.related_model):
                raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" instance.'
                                 % (value, instance._meta.object_name,
                                    self.related.get_accessor_name(),
                                    self.related.related_model._meta.object_name))
            setattr(value, field.attname, getattr(instance, field.target_field.attname))
            value._state.fields_cache[field.name] = instance
        instance._state.fields_cache[self.related.get_cache_name()] = value


class ReverseManyToOneDescriptor:
    """`author.entry_set`: a manager of the objects pointing here."""

    def __init__(self, rel):
        self.rel = rel
        self.field = rel.field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return _related_manager_class(self.rel)(instance)

    def __set__(self, instance, value):
        raise TypeError("Direct assignment to the reverse side of a related set is "
                        "prohibited. Use %s.set() instead."
                        % self.rel.get_accessor_name())


class _RelatedManagerMixin:
    """Methods of the reverse foreign-key manager (author.entry_set)."""

    def __init__(self, instance):
        BaseManager.__init__(self)
        rel = type(self).__dict__.get("_rel") or _find_rel(type(self))
        self.instance = instance
        self.field = rel.field
        self.model = rel.related_model
        self.core_filters = {self.field.name: instance}
        self.prefetch_cache_name = rel.get_cache_name() if not rel.hidden else None
        if instance.pk is None:
            raise ValueError("'%s' instance needs to have a primary key value before "
                             "this relationship can be used."
                             % instance.__class__.__name__)

    def _apply_rel_filters(self, queryset):
        qs = queryset.filter(**{self.field.attname: getattr(
            self.instance, self.field.target_field.attname)})
        qs._known_related_objects = {self.field: {
            getattr(self.instance, self.field.target_field.attname): self.instance}}
        return qs

    def get_queryset(self):
        cache = self.instance.__dict__.get("_prefetched_objects_cache", {})
        if self.field.remote_field.get_cache_name() in cache:
            return cache[self.field.remote_field.get_cache_name()]
        return self._apply_rel_filters(super(type(self), self).get_queryset())

    def _check(self, objs):
        for obj in objs:
            if not isinstance(obj, self.model):
                raise TypeError("'%s' instance expected, got %r" % (
                    self.model._meta.object_name, obj))

    def add(self, *objs, bulk=True):
        """Point `objs` at the instance (saving them)."""
        self._check(objs)
        if bulk:
            pks = []
            for obj in objs:
                if obj._state.adding or obj.pk is None:
                    raise ValueError(
                        "%r instance isn't saved. Use bulk=False or save the object "
                        "first." % obj)
                pks.append(obj.pk)
            self.model._base_manager.filter(pk__in=pks).update(**{
                self.field.name: self.instance})
            for obj in objs:
                setattr(obj, self.field.name, self.instance)
        else:
            with atomic(savepoint=False):
                for obj in objs:
                    setattr(obj, self.field.name, self.instance)
                    obj.save()

    add.alters_data = True

    def create(self, **kwargs):
        kwargs[self.field.name] = self.instance
        return super(type(self), self).get_queryset().create(**kwargs)

    create.alters_data = True

    def get_or_create(self, **kwargs):
        kwargs[self.field.name] = self.instance
        return super(type(self), self).get_queryset().get_or_create(**kwargs)

    def update_or_create(self, **kwargs):
        kwargs[self.field.name] = self.instance
        return super(type(self), self).get_queryset().update_or_create(**kwargs)

    def remove(self, *objs, bulk=True):
        if not self.field.null:
            raise AttributeError("'RelatedManager' object has no attribute 'remove'")
        self._check(objs)
        value = getattr(self.instance, self.field.target_field.attname)
        for obj in objs:
            if getattr(obj, self.field.attname) != value:
                raise self.field.remote_field.model.DoesNotExist(
                    "%r is not related to %r." % (obj, self.instance))
        self._clear(self.filter(pk__in=[o.pk for o in objs]), bulk)
        for obj in objs:
            setattr(obj, self.field.name, None)

    remove.alters_data = True

    def clear(self, bulk=True):
        if not self.field.null:
            raise AttributeError("'RelatedManager' object has no attribute 'clear'")
        self._clear(self._apply_rel_filters(self.model._base_manager.all()), bulk)

    clear.alters_data = True

    def _clear(self, queryset, bulk):
        self.instance.__dict__.get("_prefetched_objects_cache", {}).pop(
            self.field.remote_field.get_cache_name(), None)
        if bulk:
            queryset = queryset._chain()
            queryset._result_cache = None
            queryset.update(**{self.field.name: None})
        else:
            with atomic(savepoint=False):
                for obj in queryset:
                    setattr(obj, self.field.name, None)
                    obj.save(update_fields=[self.field.name])

    def set(self, objs, bulk=True, clear=False):
        objs = tuple(objs)
        if self.field.null:
            with atomic(savepoint=False):
                if clear:
                    self.clear(bulk=bulk)
                    self.add(*objs, bulk=bulk)
                else:
                    old = set(self.get_queryset())
                    new = []
                    for obj in objs:
                        if obj in old:
                            old.discard(obj)
                        else:
                            new.append(obj)
                    if old:
                        self.remove(*old, bulk=bulk)
                    self.add(*new, bulk=bulk)
        else:
            self.add(*objs, bulk=bulk)

    set.alters_data = True
    get_or_create.alters_data = True
    update_or_create.alters_data = True


def _find_rel(manager_class):
    for rel_holder in (manager_class,):
        rel = getattr(rel_holder, "_rel", None)
        if rel is not None:
            return rel
    raise RuntimeError("related manager without relation")


def _related_manager_class(rel):
    cls = rel.__dict__.get("_manager_class")
    base = rel.related_model._default_manager.__class__
    if cls is None or cls.__bases__[0] is not base:
        attrs = {k: v for k, v in vars(_RelatedManagerMixin).items()
                 if not k.startswith("__") or k == "__init__"}
        attrs["_rel"] = rel
        cls = rel._manager_class = type("RelatedManager", (base,), attrs)
    return cls


class ManyToManyDescriptor:
    """`entry.tags` / `tag.entry_set`: a manager of the linked objects."""

    def __init__(self, rel, reverse=False):
        self.rel = rel
        self.reverse = reverse

    @property
    def field(self):
        return self.rel.field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return _m2m_manager_class(self.rel, self.reverse)(instance)

    def __set__(self, instance, value):
        raise TypeError("Direct assignment to the %s side of a many-to-many set is "
                        "prohibited. Use %s.set() instead." % (
                            "reverse" if self.reverse else "forward",
                            self.rel.get_accessor_name() if self.reverse
                            else self.rel.field.name))


def _m2m_manager_class(rel, reverse):
    key = "_m2m_manager_reverse" if reverse else "_m2m_manager"
    model = rel.related_model if reverse else rel.model
    base = model._default_manager.__class__
    cls = rel.__dict__.get(key)
    if cls is None or cls.__bases__[0] is not base:
        attrs = {k: v for k, v in vars(_ManyRelatedManagerMixin).items()
                 if not k.startswith("__") or k == "__init__"}
        attrs["_rel"], attrs["_reverse"] = rel, reverse
        cls = type("ManyRelatedManager", (base,), attrs)
        setattr(rel, key, cls)
    return cls


class _ManyRelatedManagerMixin:
    """Methods of many-to-many managers: add, remove, set, clear, create."""

    def __init__(self, instance):
        BaseManager.__init__(self)
        rel, reverse = self._rel, self._reverse
        field = rel.field
        self.instance = instance
        self.through = rel.through
        if reverse:
            self.model = rel.related_model
            self.source_field_name = field.m2m_reverse_field_name()
            self.target_field_name = field.m2m_field_name()
            self.prefetch_cache_name = rel.get_accessor_name()
            self.symmetrical = False
        else:
            self.model = rel.model
            self.source_field_name = field.m2m_field_name()
            self.target_field_name = field.m2m_reverse_field_name()
            self.prefetch_cache_name = field.name
            self.symmetrical = rel.symmetrical and field.model is rel.model
        self.source_field = self.through._meta.get_field(self.source_field_name)
        self.target_field = self.through._meta.get_field(self.target_field_name)
        if instance.pk is None:
            raise ValueError(
                '"%r" needs to have a value for field "%s" before this many-to-many '
                "relationship can be used." % (instance, self.source_field.target_field
                                               .attname))

    def _links(self):
        return self.through._base_manager.filter(
            **{self.source_field.attname: self.instance.pk})

    def get_queryset(self):
        cache = self.instance.__dict__.get("_prefetched_objects_cache", {})
        if self.prefetch_cache_name in cache:
            return cache[self.prefetch_cache_name]
        qs = super(type(self), self).get_queryset()
        return qs.filter(pk__in=self._links().values(self.target_field.attname))

    def _pks(self, objs):
        pks = []
        for obj in objs:
            if isinstance(obj, Model):
                if not isinstance(obj, self.model):
                    raise TypeError("'%s' instance expected, got %r" % (
                        self.model._meta.object_name, obj))
                if obj.pk is None:
                    raise ValueError(
                        'Cannot add "%r": instance is on database "default", value '
                        'is on database "None"' % obj)
                pks.append(obj.pk)
            else:
                pks.append(self.target_field.target_field.to_python(obj))
        return pks

    def _send(self, action, pk_set):
        if m2m_changed.receivers:
            m2m_changed.send(sender=self.through, action=action, instance=self.instance,
                             reverse=self._reverse, model=self.model, pk_set=pk_set,
                             using=DEFAULT_DB_ALIAS)

    def _drop_cache(self):
        self.instance.__dict__.get("_prefetched_objects_cache", {}).pop(
            self.prefetch_cache_name, None)

    def add(self, *objs, through_defaults=None):
        """Link `objs` (instances or primary keys) to the instance."""
        self._drop_cache()
        with atomic(savepoint=False):
            self._add(self._pks(objs), through_defaults)
            if self.symmetrical:
                for pk in self._pks(objs):
                    if pk != self.instance.pk:
                        self.through._base_manager.get_or_create(**{
                            self.source_field.attname: pk,
                            self.target_field.attname: self.instance.pk})

    add.alters_data = True

    def _add(self, pks, through_defaults=None):
        wanted = list(dict.fromkeys(pks))
        existing = set(self._links().filter(**{
            "%s__in" % self.target_field.attname: wanted}).values_list(
            self.target_field.attname, flat=True))
        missing = [pk for pk in wanted if pk not in existing]
        self._send("pre_add", set(missing))
        defaults = {k: v() if callable(v) else v
                    for k, v in (through_defaults or {}).items()}
        self.through._base_manager.bulk_create([
            self.through(**{self.source_field.attname: self.instance.pk,
                            self.target_field.attname: pk, **defaults})
            for pk in missing])
        self._send("post_add", set(missing))

    def remove(self, *objs):
        """Unlink `objs` from the instance."""
        self._drop_cache()
        pks = set(self._pks(objs))
        with atomic(savepoint=False):
            self._send("pre_remove", pks)
            self._links().filter(**{"%s__in" % self.target_field.attname: pks}).delete()
            if self.symmetrical:
                self.through._base_manager.filter(**{
                    "%s__in" % self.source_field.attname: pks,
                    self.target_field.attname: self.instance.pk}).delete()
            self._send("post_remove", pks)

    remove.alters_data = True

    def clear(self):
        """Unlink every object."""
        self._drop_cache()
        with atomic(savepoint=False):
            self._send("pre_clear", None)
            self._links().delete()
            if self.symmetrical:
                self.through._base_manager.filter(**{
                    self.target_field.attname: self.instance.pk}).delete()
            self._send("post_clear", None)

    clear.alters_data = True

    def set(self, objs, *, clear=False, through_defaults=None):
        """Make the linked set exactly `objs`."""
        objs = tuple(objs)
        with atomic(savepoint=False):
            if clear:
                self.clear()
                self.add(*objs, through_defaults=through_defaults)
                return
            old = set(self._links().values_list(self.target_field.attname, flat=True))
            new = self._pks(objs)
            to_remove = old - set(new)
            to_add = [pk for pk in new if pk not in old]
            if to_remove:
                self.remove(*[pk for pk in old if pk in to_remove])
            if to_add:
                self.add(*to_add, through_defaults=through_defaults)

    set.alters_data = True

    def create(self, *, through_defaults=None, **kwargs):
        obj = super(type(self), self).get_queryset().create(**kwargs)
        self.add(obj, through_defaults=through_defaults)
        return obj

    create.alters_data = True

    def get_or_create(self, *, through_defaults=None, **kwargs):
        obj, created = super(type(self), self).get_queryset().get_or_create(**kwargs)
        if created or not self.get_queryset().filter(pk=obj.pk).exists():
            self.add(obj, through_defaults=through_defaults)
        return obj, created

    get_or_create.alters_data = True


class ForeignKey(RelatedField):
    """A many-to-one relation: ForeignKey(Author, on_delete=models.CASCADE)."""

    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "%(model)s instance with %(field)s %(value)r is not a valid "
                   "choice."}
    description = "Foreign Key (type determined by related field)"
    related_accessor_class = ReverseManyToOneDescriptor
    rel_class = ManyToOneRel

    def __init__(self, to, on_delete, related_name=None, related_query_name=None,
                 limit_choices_to=None, parent_link=False, to_field=None,
                 db_constraint=True, **kwargs):
        if not (isinstance(to, str) or (isinstance(to, type) and issubclass(
                to, Model))):
            raise TypeError(
                "%s(%r) is invalid. First parameter to ForeignKey must be either a "
                "model, a model name, or the string %r" % (
                    type(self).__name__, to, "self"))
        if not callable(on_delete):
            raise TypeError("on_delete must be callable.")
        kwargs["rel"] = self.rel_class(
            self, to, to_field, related_name=related_name,
            related_query_name=related_query_name, limit_choices_to=limit_choices_to,
            parent_link=parent_link, on_delete=on_delete)
        kwargs.setdefault("db_index", True)
        super().__init__(**kwargs)
        self.to_field = to_field
        self.db_constraint = db_constraint

    def get_attname(self):
        return "%s_id" % self.name

    @property
    def target_field(self):
        model = self.related_model
        if self.to_field:
            return model._meta.get_field(self.to_field)
        return model._meta.pk

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.name, ForwardManyToOneDescriptor(self))

    def db_type(self, connection=None):
        return self.target_field.rel_db_type(connection)

    def db_check(self, connection=None):
        return None

    def get_default(self):
        value = super().get_default()
        if isinstance(value, Model):
            return getattr(value, self.target_field.attname)
        return value

    def get_prep_value(self, value):
        return self.target_field.get_prep_value(value)

    def get_db_prep_save(self, value, connection=None):
        if value is None or (
                value == "" and not self.target_field.empty_strings_allowed):
            return None
        return self.target_field.get_db_prep_save(value, connection)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        return self.target_field.get_db_prep_value(value, connection, prepared)

    def get_db_converter(self):
        return self.target_field.get_db_converter()

    def to_python(self, value):
        return self.target_field.to_python(value)

    def get_col(self, alias, output_field=None):
        return Col(alias, self)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is None:
            return
        qs = self.related_model._base_manager.filter(
            **{self.target_field.attname: value})
        if self.remote_field.limit_choices_to:
            qs = qs.complex_filter(self.remote_field.limit_choices_to)
        if not qs.exists():
            raise ValidationError(
                "%(model)s instance with %(field)s %(value)r does not exist.",
                code="invalid", params={
                    "model": self.related_model._meta.verbose_name, "pk": value,
                    "field": self.target_field.name, "value": value})

    def formfield(self, **kwargs):
        import importlib

        forms = importlib.import_module("django.forms")
        defaults = {"form_class": forms.ModelChoiceField,
                    "queryset": self.related_model._default_manager.all(),
                    "to_field_name": self.to_field}
        defaults.update(kwargs)
        return Field.formfield(self, **defaults)


class OneToOneField(ForeignKey):
    """A one-to-one relation (a unique ForeignKey with a single reverse object)."""

    many_to_one = False
    one_to_one = True
    related_accessor_class = ReverseOneToOneDescriptor
    rel_class = OneToOneRel
    description = "One-to-one relationship"

    def __init__(self, to, on_delete, to_field=None, **kwargs):
        kwargs["unique"] = True
        super().__init__(to, on_delete, to_field=to_field, **kwargs)

    def formfield(self, **kwargs):
        if self.remote_field.parent_link:
            return None
        return super().formfield(**kwargs)


class ManyToManyField(RelatedField):
    """A many-to-many relation through an automatic (or given) link table."""

    many_to_many = True
    many_to_one = False
    one_to_many = False
    one_to_one = False
    description = "Many-to-many relationship"
    related_accessor_class = None
    rel_class = ManyToManyRel

    def __init__(self, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, symmetrical=None, through=None,
                 through_fields=None, db_constraint=True, db_table=None,
                 swappable=True, **kwargs):
        if symmetrical is None:
            symmetrical = to == "self"
        if through is not None and db_table is not None:
            raise ValueError("Cannot specify a db_table if an intermediary model is "
                             "used.")
        kwargs["rel"] = self.rel_class(
            self, to, related_name=related_name, related_query_name=related_query_name,
            limit_choices_to=limit_choices_to, symmetrical=symmetrical,
            through=through, through_fields=through_fields, db_constraint=db_constraint)
        self.has_null_arg = "null" in kwargs
        super().__init__(**kwargs)
        self.db_table = db_table

    def get_attname_column(self):
        return self.name, None

    def db_type(self, connection=None):
        return None

    def contribute_to_class(self, cls, name, private_only=False):
        if self.remote_field.symmetrical and (
                self.remote_field.model == "self" or self.remote_field.model ==
                cls._meta.object_name):
            self.remote_field.related_name = "%s_rel_+" % name
        Field.contribute_to_class(self, cls, name, private_only)
        self.model = cls
        if cls._meta.abstract:
            return
        rel = self.remote_field

        def resolve_target(model):
            rel.model = model
            if rel.through is None:
                rel.through = _create_m2m_through(self, cls, model)
                self.do_related_class(model, cls)
            else:
                def resolve_through(through):
                    rel.through = through
                    self.do_related_class(model, cls)

                _lazy_related(cls, rel.through, resolve_through)

        _lazy_related(cls, rel.model, resolve_target)
        setattr(cls, name, ManyToManyDescriptor(rel, reverse=False))

    def do_related_class(self, other, cls):
        other_meta = other._meta
        if self.remote_field not in other_meta.related_objects:
            other_meta.related_objects.append(self.remote_field)
            other_meta._expire_cache()
        if not self.remote_field.hidden:
            setattr(other, self.remote_field.get_accessor_name(),
                    ManyToManyDescriptor(self.remote_field, reverse=True))

    @property
    def target_field(self):
        return self.related_model._meta.pk

    def _through_fk(self, to_model, skip=None):
        through = self.remote_field.through
        if self.remote_field.through_fields:
            names = self.remote_field.through_fields
            return names[0] if to_model is self.model and skip is None else names[1]
        for f in through._meta.fields:
            if f.is_relation and f.related_model is to_model and f.name != skip:
                return f.name
        raise FieldError("%s has no foreign key to %s" % (
            through._meta.object_name, to_model._meta.object_name))

    def m2m_field_name(self):
        """Name of the link table's foreign key to the model holding the field."""
        if self.remote_field.through_fields:
            return self.remote_field.through_fields[0]
        return self._through_fk(self.model)

    def m2m_reverse_field_name(self):
        """Name of the link table's foreign key to the target model."""
        if self.remote_field.through_fields:
            return self.remote_field.through_fields[1]
        return self._through_fk(self.related_model, skip=self.m2m_field_name())

    def m2m_db_table(self):
        return self.remote_field.through._meta.db_table

    def value_from_object(self, obj):
        return [] if obj.pk is None else list(getattr(obj, self.attname).all())

    def save_form_data(self, instance, data):
        getattr(instance, self.attname).set(data)

    def formfield(self, **kwargs):
        import importlib

        forms = importlib.import_module("django.forms")
        defaults = {"form_class": forms.ModelMultipleChoiceField,
                    "queryset": self.related_model._default_manager.all()}
        if kwargs.get("initial") is not None and callable(kwargs["initial"]):
            kwargs["initial"] = kwargs["initial"]()
        defaults.update(kwargs)
        return Field.formfield(self, **defaults)


def _create_m2m_through(field, klass, to_model):
    """Build the automatic link model for a ManyToManyField (Django's layout)."""
    to_name = to_model._meta.object_name.lower()
    from_name = klass._meta.model_name
    if to_name == from_name:
        to_name, from_name = "to_%s" % to_name, "from_%s" % from_name
    name = "%s_%s" % (klass._meta.object_name, field.name)
    db_table = field.db_table or "%s_%s" % (klass._meta.db_table, field.name)
    meta = type("Meta", (), {
        "db_table": db_table, "auto_created": klass, "app_label": klass._meta.app_label,
        "unique_together": (from_name, to_name),
        "verbose_name": "%s-%s relationship" % (from_name, to_name),
        "verbose_name_plural": "%s-%s relationships" % (from_name, to_name),
    })
    attrs = {
        "Meta": meta, "__module__": klass.__module__,
        from_name: ForeignKey(klass, related_name="%s+" % name,
                              on_delete=CASCADE, db_constraint=True),
        to_name: ForeignKey(to_model, related_name="%s+" % name,
                            on_delete=CASCADE, db_constraint=True),
    }
    return type(name, (Model,), attrs)


# -- Schema: the schema editor (CREATE TABLE and friends, as Django writes them
#    for SQLite) and sync_schema(), which is what `migrate` runs.


class DatabaseSchemaEditor:
    """connection.schema_editor(): create_model, delete_model, add_field, ...

    Used as a context manager; statements run in one transaction (SQLite can
    roll back DDL) unless atomic=False.
    """

    def __init__(self, connection, collect_sql=False, atomic=True):
        self.connection = connection
        self.collect_sql = collect_sql
        self.collected_sql = []
        self.atomic_migration = atomic
        self.deferred_sql = []

    def __enter__(self):
        if self.atomic_migration:
            self._atomic = Atomic(self.connection.alias)
            self._atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            for sql in self.deferred_sql:
                self.execute(sql)
            self.deferred_sql = []
        if self.atomic_migration:
            self._atomic.__exit__(exc_type, exc_value, traceback)

    def execute(self, sql, params=()):
        if self.collect_sql:
            self.collected_sql.append(_interpolate(sql, list(params or ())) + ";")
            return
        self.connection._execute(sql, list(params or ()))

    def quote_name(self, name):
        return quote_name(name)

    def column_sql(self, model, field, include_default=False):
        """Return the column definition of `field` (None for M2M fields)."""
        db_type = field.db_type(self.connection)
        if db_type is None:
            return None
        parts = [quote_name(field.column), db_type]
        if field.primary_key:
            parts.append("NOT NULL PRIMARY KEY")
            if isinstance(field, AutoField):
                parts.append("AUTOINCREMENT")
        else:
            parts.append("NULL" if field.null else "NOT NULL")
            if field.unique:
                parts.append("UNIQUE")
        if include_default:
            default = self.effective_default(field)
            if default is not None:
                parts.append("DEFAULT %s" % _quote_literal(default))
        check = field.db_check(self.connection)
        if check:
            parts.append("CHECK (%s)" % check)
        if field.is_relation and getattr(field, "db_constraint", False):
            target = field.target_field
            parts.append("REFERENCES %s (%s) DEFERRABLE INITIALLY DEFERRED" % (
                quote_name(field.related_model._meta.db_table),
                quote_name(target.column)))
        return " ".join(parts)

    def effective_default(self, field):
        if field.has_default():
            value = field.get_default()
        elif not field.null and field.blank and field.empty_strings_allowed:
            value = b"" if isinstance(field, BinaryField) else ""
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            import datetime

            value = now() if isinstance(field, DateTimeField) else (
                datetime.date.today() if not isinstance(field, TimeField)
                else datetime.datetime.now().time())
        else:
            value = None
        return field.get_db_prep_save(value, self.connection)

    def table_sql(self, model):
        opts = model._meta
        columns = [self.column_sql(model, f) for f in opts.local_fields]
        columns = [c for c in columns if c]
        for constraint in opts.constraints:
            if isinstance(constraint, CheckConstraint):
                sql, params = SQLCompiler(_Query(model), alias_prefix=None).compile_q(
                    constraint.condition)
                sql = sql.replace("%s." % quote_name(opts.db_table), "")
                columns.append("CONSTRAINT %s CHECK (%s)" % (
                    quote_name(constraint.name), _interpolate(sql, params)))
        return "CREATE TABLE %s (%s)" % (quote_name(opts.db_table), ", ".join(columns))

    def index_statements(self, model):
        """Return [(name, sql)] for the indexes and unique constraints of a model."""
        import hashlib

        opts = model._meta
        table = opts.db_table
        out = []

        def name_for(columns, suffix):
            digest = hashlib.md5(("%s%s" % (table, "".join(columns))).encode(),
                                 usedforsecurity=False).hexdigest()[:8]
            return "%s_%s_%s%s" % (table, "_".join(columns)[:30], digest, suffix)

        for f in opts.local_fields:
            if f.db_index and not f.unique and not f.primary_key:
                out.append((name_for([f.column], ""), "CREATE INDEX %s ON %s (%s)"))
                out[-1] = (out[-1][0], out[-1][1] % (
                    quote_name(out[-1][0]), quote_name(table), quote_name(f.column)))
        for together in opts.unique_together:
            columns = [opts.get_field(n).column for n in together]
            name = name_for(columns, "_uniq")
            out.append((name, "CREATE UNIQUE INDEX %s ON %s (%s)" % (
                quote_name(name), quote_name(table),
                ", ".join(quote_name(c) for c in columns))))
        for index in opts.indexes:
            columns = ["%s%s" % (quote_name(opts.get_field(n).column),
                                 " DESC" if order else "")
                       for n, order in index.fields_orders]
            sql = "CREATE INDEX %s ON %s (%s)" % (
                quote_name(index.name), quote_name(table), ", ".join(columns))
            if index.condition is not None:
                sql += " WHERE %s" % self._condition_sql(model, index.condition)
            out.append((index.name, sql))
        for constraint in opts.constraints:
            if isinstance(constraint, UniqueConstraint):
                columns = [opts.get_field(n).column for n in constraint.fields]
                sql = "CREATE UNIQUE INDEX %s ON %s (%s)" % (
                    quote_name(constraint.name), quote_name(table),
                    ", ".join(quote_name(c) for c in columns))
                if constraint.condition is not None:
                    sql += " WHERE %s" % self._condition_sql(
                        model, constraint.condition)
                out.append((constraint.name, sql))
        return out

    def _condition_sql(self, model, condition):
        sql, params = SQLCompiler(_Query(model)).compile_q(condition)
        return _interpolate(sql.replace("%s." % quote_name(model._meta.db_table), ""),
                            params)

    def create_model(self, model):
        """CREATE TABLE for the model, its indexes and its M2M link tables."""
        self.execute(self.table_sql(model))
        for _name, sql in self.index_statements(model):
            self.execute(sql)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.create_model(through)

    def delete_model(self, model):
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.delete_model(through)
        self.execute("DROP TABLE %s" % quote_name(model._meta.db_table))

    def add_field(self, model, field):
        """ALTER TABLE ... ADD COLUMN (or create the link table of an M2M)."""
        if field.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.create_model(through)
            return
        if not field.null and self.effective_default(field) is None:
            raise NotSupportedError(
                "Cannot add the NOT NULL column %s.%s without a default." % (
                    model._meta.db_table, field.column))
        if field.unique or field.primary_key:
            raise NotSupportedError("SQLite cannot add a UNIQUE column (%s.%s) with "
                                    "ALTER TABLE." % (model._meta.db_table,
                                                      field.column))
        self.execute("ALTER TABLE %s ADD COLUMN %s" % (
            quote_name(model._meta.db_table), self.column_sql(
                model, field, include_default=True)))
        if field.db_index and not field.unique:
            for name, sql in self.index_statements(model):
                if field.column in name:
                    self.execute(sql)

    def remove_field(self, model, field):
        if field.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.delete_model(through)
            return
        self.execute("ALTER TABLE %s DROP COLUMN %s" % (
            quote_name(model._meta.db_table), quote_name(field.column)))

    def alter_db_table(self, model, old_db_table, new_db_table):
        self.execute("ALTER TABLE %s RENAME TO %s" % (quote_name(old_db_table),
                                                     quote_name(new_db_table)))

    def add_index(self, model, index):
        for name, sql in self.index_statements(model):
            if name == index.name:
                self.execute(sql)

    def remove_index(self, model, index):
        self.execute("DROP INDEX %s" % quote_name(index.name))


class SchemaSyncResult:
    """What sync_schema() did (`applied`) and what it refused (`refused`)."""

    def __init__(self):
        self.applied = []
        self.refused = []
        self.pending = []

    def __bool__(self):
        return bool(self.applied or self.refused or self.pending)

    def __repr__(self):
        return "<SchemaSyncResult applied=%d refused=%d>" % (len(self.applied),
                                                               len(self.refused))


def _models_to_sync(models=None):
    if models is not None:
        found = []
        for model in models:
            found.append(model)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if not isinstance(through, str) and through._meta.auto_created:
                    found.append(through)
        return found
    found = []
    for label, models_ in apps.all_models.items():
        for model in models_.values():
            if not model._meta.abstract and model._meta.managed:
                found.append(model)
    return found


def sync_schema(using=DEFAULT_DB_ALIAS, models=None, check=False, verbosity=1,
                stdout=None):
    """Bring the database up to the models, safely; return a SchemaSyncResult.

    Creates missing tables (with their indexes and M2M link tables), adds
    missing columns that are nullable or have a default, and creates missing
    indexes.  Anything destructive or ambiguous (a dropped or renamed column,
    a changed type or nullability, a column that would need a value) is
    listed in `refused` and never applied.  With check=True nothing is
    applied; `pending` lists what would be.
    """
    db = connections[using]
    result = SchemaSyncResult()
    out = stdout or sys.stdout
    tables = set(db.introspection_table_names())
    editor = DatabaseSchemaEditor(db, atomic=False)
    plan = []  # (description, callable)
    seen = set()
    for model in _models_to_sync(models):
        opts = model._meta
        table = opts.db_table
        if table.lower() in seen:
            continue  # two models on one table (e.g. managed twice): sync the first
        seen.add(table.lower())
        if table not in tables:
            plan.append(("Create table %s (model %s)" % (table, opts.label),
                         lambda m=model: (editor.execute(editor.table_sql(m)), [
                             editor.execute(sql) for _n, sql in editor.index_statements(
                                 m)])))
            tables.add(table)
            continue
        info = db._execute("PRAGMA table_info(%s)" % quote_name(table)).fetchall()
        existing = {row[1]: row for row in info}
        model_columns = {f.column: f for f in opts.local_fields if f.column}
        for column, field in model_columns.items():
            if column not in existing:
                default = editor.effective_default(field)
                if field.null or default is not None:
                    if field.unique:
                        result.refused.append(
                            "%s.%s: a new UNIQUE column cannot be added in place; "
                            "add it by hand." % (table, column))
                        continue
                    plan.append(("Add column %s.%s" % (table, column),
                                 lambda m=model, f=field: editor.add_field(m, f)))
                else:
                    result.refused.append(
                        "%s.%s: new NOT NULL column without a default (give it "
                        "null=True or a default)." % (table, column))
                continue
            row = existing[column]
            db_type = (field.db_type(db) or "").lower()
            if row[2].lower() != db_type:
                result.refused.append(
                    "%s.%s: type changed from %s to %s." % (
                        table, column, row[2].lower(),
                        db_type))
            elif bool(row[3]) == field.null and not field.primary_key:
                result.refused.append(
                    "%s.%s: nullability changed (now %s)." % (
                        table, column, "NULL" if field.null else "NOT NULL"))
        for column in existing:
            if column not in model_columns:
                result.refused.append(
                    "%s.%s: column is not in model %s (drop or rename it by hand)."
                    % (table, column, opts.label))
        index_names = {row[0] for row in db._execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            [table]).fetchall()}
        for name, sql in editor.index_statements(model):
            if name not in index_names:
                plan.append(("Create index %s on %s" % (name, table),
                             lambda s=sql: editor.execute(s)))
    if check:
        result.pending = [d for d, _f in plan]
        return result
    if plan:
        with atomic(using=using):
            for description, apply in plan:
                apply()
                result.applied.append(description)
                if verbosity >= 2:
                    print("  " + description, file=out)
    return result


def _migration_notices():
    """Return one notice per installed app that ships Django migration files."""
    notices = []
    for config in apps.get_app_configs():
        path = getattr(config, "path", None)
        if path and os.path.isdir(os.path.join(path, "migrations")):
            notices.append(
                "Notice: %s/migrations/ is ignored: djscratch syncs the schema from "
                "the models." % config.label)
    return notices


# -- FileField: the column holds a path relative to MEDIA_ROOT; the attribute
#    is a FieldFile that can open, save and delete the file on disk.


class FieldFile:
    """The value of a FileField: a name, plus access to the stored file."""

    def __init__(self, instance, field, name):
        self.instance = instance
        self.field = field
        self.name = name
        self._committed = True

    def __str__(self):
        return self.name or ""

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self.name or "None")

    def __bool__(self):
        return bool(self.name)

    def __eq__(self, other):
        if hasattr(other, "name"):
            return self.name == other.name
        return self.name == other

    def __hash__(self):
        return hash(self.name)

    def _require_file(self):
        if not self:
            raise ValueError("The '%s' attribute has no file associated with it."
                             % self.field.name)

    @property
    def path(self):
        self._require_file()
        return _media_path(self.name)

    @property
    def url(self):
        self._require_file()
        import urllib.parse

        return settings.MEDIA_URL + urllib.parse.quote(self.name.replace(os.sep, "/"))

    @property
    def size(self):
        self._require_file()
        return os.path.getsize(self.path)

    def open(self, mode="rb"):
        self._require_file()
        return open(self.path, mode)

    def read(self):
        with self.open() as f:
            return f.read()

    def save(self, name, content, save=True):
        """Write `content` (bytes or a file) under upload_to; keep the new name."""
        name = self.field.generate_filename(self.instance, name)
        path = _media_path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        base, ext = os.path.splitext(path)
        counter = 0
        while os.path.exists(path):
            import secrets

            counter += 1
            path = "%s_%s%s" % (base, secrets.token_hex(4), ext)
        data = content if isinstance(content, bytes) else (
            content.read() if hasattr(content, "read") else bytes(content))
        if isinstance(data, str):
            data = data.encode()
        with open(path, "xb") as f:
            f.write(data)
        self.name = os.path.relpath(path, _media_root()).replace(os.sep, "/")
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    def delete(self, save=True):
        if not self:
            return
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass
        self.name = None
        setattr(self.instance, self.field.attname, None)
        if save:
            self.instance.save()


def _media_root():
    root = settings.MEDIA_ROOT
    if not root:
        raise ImproperlyConfigured("FileField needs settings.MEDIA_ROOT.")
    return os.path.abspath(root)


def _media_path(name):
    """Join a stored name to MEDIA_ROOT, refusing paths that escape it."""
    root = _media_root()
    path = os.path.abspath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        raise SuspiciousFileOperation(
            "The joined path (%s) is located outside of the base path component (%s)"
            % (path, root))
    return path


class FileDescriptor(DeferredAttribute):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname)
        if isinstance(value, FieldFile) and value.instance is instance:
            return value
        if isinstance(value, FieldFile):
            value = value.name
        elif hasattr(value, "read") and hasattr(value, "name"):
            ff = FieldFile(instance, self.field, getattr(value, "name", None))
            ff._file, ff._committed = value, False
            instance.__dict__[self.field.attname] = ff
            return ff
        ff = FieldFile(instance, self.field, value)
        instance.__dict__[self.field.attname] = ff
        return ff

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class FileField(Field):
    """A file stored under MEDIA_ROOT (the column holds its relative name)."""

    descriptor_class = FileDescriptor
    description = "File"

    def __init__(self, verbose_name=None, name=None, upload_to="", storage=None,
                 **kwargs):
        if kwargs.get("primary_key"):
            raise TypeError("'primary_key' is not a valid argument for a FileField.")
        self.upload_to = upload_to
        self.storage = storage
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def get_internal_type(self):
        return "FileField"

    def generate_filename(self, instance, filename):
        import datetime
        import re

        if callable(self.upload_to):
            return self.upload_to(instance, filename).replace("\\", "/")
        base = os.path.basename(str(filename).replace("\\", "/"))
        base = re.sub(r"(?u)[^-\w.]", "", base.strip().replace(" ", "_"))
        if base in ("", ".", ".."):
            raise SuspiciousFileOperation("Could not derive file name from '%s'" %
                                          filename)
        dirname = datetime.datetime.now().strftime(str(self.upload_to))
        return os.path.normpath(os.path.join(dirname, base)).replace(os.sep, "/")

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content = file._file
            file.save(file.name, content, save=False)
        return file

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return str(value)

    def get_db_prep_save(self, value, connection=None):
        value = self.get_prep_value(value)
        return value or ("" if not self.null else None)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj) or "")

    def _form_class_name(self):
        return "FileField"


class ImageField(FileField):
    """A FileField for images (no Pillow: dimensions are not read)."""

    def __init__(self, verbose_name=None, name=None, width_field=None,
                 height_field=None, **kwargs):
        self.width_field, self.height_field = width_field, height_field
        super().__init__(verbose_name, name, **kwargs)

    def _form_class_name(self):
        return "ImageField"

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
        "reset_queries close_old_connections "
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
        "Lower Upper Length Concat Coalesce Now Trunc TruncDate Cast TruncYear "
        "TruncQuarter TruncMonth TruncWeek TruncDay TruncHour"),
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

def _migrate_arguments(parser):
    parser.add_argument("app_label", nargs="?", help="ignored (all apps are synced)")
    parser.add_argument("migration_name", nargs="?", help="ignored")
    parser.add_argument("--check", action="store_true",
                        help="exit non-zero if the database is behind the models")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
    parser.add_argument("--run-syncdb", action="store_true", help="accepted; always on")
    parser.add_argument("--noinput", "--no-input", action="store_true")
    parser.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])


@command("migrate", _migrate_arguments)
def _cmd_migrate(options):
    """Create missing tables and columns from the models (never drops anything)."""
    setup()
    verbosity = getattr(options, "verbosity", 1)
    if verbosity:
        for notice in _migration_notices():
            print(notice)
    result = sync_schema(using=options.database, check=options.check,
                         verbosity=verbosity)
    if options.check:
        if result.pending or result.refused:
            for line in result.pending:
                print("  Pending: %s" % line)
            for line in result.refused:
                print("  Refused: %s" % line)
            raise CommandError("", returncode=1)
        if verbosity:
            print("The database is up to date with the models.")
        return
    if verbosity:
        print("Operations to perform:\n  Synchronize the database with the models")
        for line in result.applied:
            print("  Applied: %s" % line)
        if not result.applied and not result.refused:
            print("  No changes.")
    if result.refused:
        raise CommandError(
            "These changes are destructive or ambiguous and were not applied:\n  "
            + "\n  ".join(result.refused))


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

