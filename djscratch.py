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

import collections  # noqa: E402  (already loaded by threading; ErrorList's base)

# Validators come first (model fields use them too), then the date parsers
# forms need, then error lists, widgets, fields, BoundField, Form, formsets
# and ModelForm.  Django renders forms through templates; djscratch builds
# the same HTML in Python, one function per Django template, keeping every
# newline and indent those templates emit, so the output is byte-identical.

__all__ += [
    "RegexValidator", "EmailValidator", "URLValidator", "MinLengthValidator",
    "MaxLengthValidator", "MinValueValidator", "MaxValueValidator",
    "StepValueValidator", "DecimalValidator", "FileExtensionValidator",
    "ProhibitNullCharactersValidator", "validate_email", "validate_slug",
    "validate_unicode_slug", "validate_ipv4_address", "validate_ipv6_address",
    "validate_ipv46_address", "validate_integer", "parse_date", "parse_time",
    "parse_datetime", "parse_duration",
]


class _LazyRegex:
    """A regular expression compiled on first use (keeps import fast)."""

    def __init__(self, pattern, flags=0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            import re

            pattern, flags = self._args
            self._compiled = (
                pattern if not isinstance(pattern, str) else re.compile(pattern, flags)
            )
        return getattr(self._compiled, name)


def _lazy_re_compile(pattern, flags=0):
    """Return `pattern` (a string or a compiled regex) as a lazily compiled regex."""
    if isinstance(pattern, _LazyRegex):
        return pattern
    return _LazyRegex(pattern, flags)


class _PluralMessage(str):
    """A message with singular and plural forms, chosen when params are applied.

    Django's ngettext_lazy(singular, plural, "key") picks the form from
    params["key"] at % time; this does the same for validation messages.
    """

    def __new__(cls, singular, plural, key):
        self = super().__new__(cls, plural)
        self.singular, self.plural, self.key = singular, plural, key
        return self

    def __mod__(self, params):
        number = params[self.key] if isinstance(params, dict) else params
        return (self.singular if number == 1 else self.plural) % params


EMPTY_VALUES = (None, "", [], (), {})


class RegexValidator:
    """Raise ValidationError unless str(value) matches `regex` (or, with
    inverse_match, unless it does not)."""

    regex = ""
    message = "Enter a valid value."
    code = "invalid"
    inverse_match = False
    flags = 0

    def __init__(self, regex=None, message=None, code=None, inverse_match=None,
                 flags=None):
        if regex is not None:
            self.regex = regex
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if inverse_match is not None:
            self.inverse_match = inverse_match
        if flags is not None:
            self.flags = flags
        if self.flags and not isinstance(self.regex, str):
            raise TypeError(
                "If the flags are set, regex must be a regular expression string."
            )
        self.regex = _lazy_re_compile(self.regex, self.flags)

    def __call__(self, value):
        matched = self.regex.search(str(value))
        if (matched if self.inverse_match else not matched):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return (
            isinstance(other, RegexValidator)
            and self.regex.pattern == other.regex.pattern
            and self.regex.flags == other.regex.flags
            and self.message == other.message
            and self.code == other.code
            and self.inverse_match == other.inverse_match
        )

    def __hash__(self):
        return hash((type(self), str(self.message), self.code))


# Host name pieces shared by URLValidator and EmailValidator (RFC 1034 labels,
# Unicode letters allowed as in IDNA, a TLD of letters or punycode).
_ul = "\u00a1-\uffff"
_hostname_re = (
    r"[a-z" + _ul + r"0-9](?:[a-z" + _ul + r"0-9-]{0,61}[a-z" + _ul + r"0-9])?"
)
_domain_re = r"(?:\.(?!-)[a-z" + _ul + r"0-9-]{1,63}(?<!-))*"
_tld_no_fqdn_re = r"\.(?!-)(?:[a-z" + _ul + "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)"
_tld_re = _tld_no_fqdn_re + r"\.?"
_RE_IGNORECASE = 2  # re.IGNORECASE, spelled out so `re` loads only when used
_ipv4_url_re = (
    r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)"
    r"(?:\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}"
)


class URLValidator(RegexValidator):
    """Validate an absolute URL whose scheme is one of `schemes`."""

    regex = _lazy_re_compile(
        r"^(?:[a-z0-9.+-]*)://"
        r"(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"
        r"(?:" + _ipv4_url_re + r"|\[[0-9a-f:.]+\]|("
        + _hostname_re + _domain_re + _tld_re + r"|localhost))"
        r"(?::[0-9]{1,5})?"
        r"(?:[/?#][^\s]*)?"
        r"\Z",
        _RE_IGNORECASE,
    )
    message = "Enter a valid URL."
    schemes = ["http", "https", "ftp", "ftps"]
    unsafe_chars = frozenset("\t\r\n")
    max_length = 2048

    def __init__(self, schemes=None, **kwargs):
        super().__init__(**kwargs)
        if schemes is not None:
            self.schemes = schemes

    def __call__(self, value):
        import re
        from urllib.parse import urlsplit

        def invalid():
            return ValidationError(self.message, code=self.code,
                                   params={"value": value})

        if not isinstance(value, str) or len(value) > self.max_length:
            raise invalid()
        if self.unsafe_chars.intersection(value):
            raise invalid()
        if value.split("://")[0].lower() not in self.schemes:
            raise invalid()
        try:
            parts = urlsplit(value)
        except ValueError:
            raise invalid() from None
        super().__call__(value)
        host_match = re.search(r"^\[(.+)\](?::[0-9]{1,5})?$", parts.netloc)
        if host_match:
            try:
                validate_ipv6_address(host_match[1])
            except ValidationError:
                raise invalid() from None
        if parts.hostname is None or len(parts.hostname) > 253:
            raise invalid()


_integer_validator = RegexValidator(
    _lazy_re_compile(r"^-?\d+\Z"), message="Enter a valid integer.", code="invalid"
)


def validate_integer(value):
    """Raise ValidationError unless `value` reads as an integer."""
    return _integer_validator(value)


class EmailValidator:
    """Validate an email address: a user part and a domain (or [IP literal])."""

    message = "Enter a valid email address."
    code = "invalid"
    user_regex = _lazy_re_compile(
        r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
        r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])'
        r'*"\Z)',
        _RE_IGNORECASE,
    )
    domain_regex = _lazy_re_compile(
        r"^" + _hostname_re + _domain_re + _tld_no_fqdn_re + r"\Z", _RE_IGNORECASE
    )
    literal_regex = _lazy_re_compile(r"\[([A-F0-9:.]+)\]\Z", _RE_IGNORECASE)
    domain_allowlist = ["localhost"]

    def __init__(self, message=None, code=None, allowlist=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if allowlist is not None:
            self.domain_allowlist = allowlist

    def __call__(self, value):
        if not value or not isinstance(value, str) or "@" not in value or len(
                value) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        user_part, domain_part = value.rsplit("@", 1)
        if not self.user_regex.match(user_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if domain_part not in self.domain_allowlist and not self.validate_domain_part(
            domain_part
        ):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part):
        """Return True if `domain_part` is a host name or a bracketed IP."""
        if self.domain_regex.match(domain_part):
            return True
        literal = self.literal_regex.match(domain_part)
        if literal:
            try:
                validate_ipv46_address(literal[1])
                return True
            except ValidationError:
                pass
        return False

    def __eq__(self, other):
        return (
            isinstance(other, EmailValidator)
            and set(self.domain_allowlist) == set(other.domain_allowlist)
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), str(self.message), self.code))


validate_email = EmailValidator()

validate_slug = RegexValidator(
    _lazy_re_compile(r"^[-a-zA-Z0-9_]+\Z"),
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    "invalid",
)
validate_unicode_slug = RegexValidator(
    _lazy_re_compile(r"^[-\w]+\Z"),
    "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or "
    "hyphens.",
    "invalid",
)

MAX_IPV6_ADDRESS_LENGTH = 39


def _ipv6_from_str(ip_str, max_length=MAX_IPV6_ADDRESS_LENGTH):
    import ipaddress

    if len(ip_str) > max_length:
        raise ValueError(
            f"Unable to convert {ip_str} to an IPv6 address (value too long).")
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address(ip_str)))


def is_valid_ipv6_address(ip_addr):
    """Return True if `ip_addr` is a valid IPv6 address."""
    import ipaddress

    if isinstance(ip_addr, ipaddress.IPv6Address):
        return True
    try:
        _ipv6_from_str(ip_addr)
    except (TypeError, ValueError):
        return False
    return True


def clean_ipv6_address(ip_str, unpack_ipv4=False,
                       error_message="This is not a valid IPv6 address.",
                       max_length=MAX_IPV6_ADDRESS_LENGTH):
    """Return the compressed, lower-case form of an IPv6 address."""
    try:
        addr = _ipv6_from_str(ip_str, max_length)
    except ValueError:
        raise ValidationError(
            error_message, code="invalid", params={"protocol": "IPv6"}
        ) from None
    if unpack_ipv4 and addr.ipv4_mapped:
        return str(addr.ipv4_mapped)
    if addr.ipv4_mapped:
        return "::ffff:%s" % addr.ipv4_mapped
    return str(addr)


def validate_ipv4_address(value):
    """Raise ValidationError unless `value` is an IPv4 address."""
    import ipaddress

    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid %(protocol)s address.", code="invalid",
            params={"protocol": "IPv4", "value": value},
        ) from None


def validate_ipv6_address(value):
    """Raise ValidationError unless `value` is an IPv6 address."""
    if not is_valid_ipv6_address(value):
        raise ValidationError(
            "Enter a valid %(protocol)s address.", code="invalid",
            params={"protocol": "IPv6", "value": value},
        )


def validate_ipv46_address(value):
    """Raise ValidationError unless `value` is an IPv4 or IPv6 address."""
    try:
        validate_ipv4_address(value)
    except ValidationError:
        try:
            validate_ipv6_address(value)
        except ValidationError:
            raise ValidationError(
                "Enter a valid %(protocol)s address.", code="invalid",
                params={"protocol": "IPv4 or IPv6", "value": value},
            ) from None


_ip_address_validator_map = {
    "both": [validate_ipv46_address],
    "ipv4": [validate_ipv4_address],
    "ipv6": [validate_ipv6_address],
}


def ip_address_validators(protocol, unpack_ipv4):
    """Return the validators for GenericIPAddressField's `protocol`."""
    if protocol != "both" and unpack_ipv4:
        raise ValueError(
            "You can only use `unpack_ipv4` if `protocol` is set to 'both'")
    try:
        return _ip_address_validator_map[protocol.lower()]
    except KeyError:
        raise ValueError(
            "The protocol '%s' is unknown. Supported: %s"
            % (protocol, list(_ip_address_validator_map))
        ) from None


class BaseValidator:
    """Compare a cleaned value with `limit_value`; subclasses pick the test."""

    message = "Ensure this value is %(limit_value)s (it is %(show_value)s)."
    code = "limit_value"

    def __init__(self, limit_value, message=None):
        self.limit_value = limit_value
        if message:
            self.message = message

    def __call__(self, value):
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit):
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (
            self.limit_value == other.limit_value
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))

    def compare(self, a, b):
        return a is not b

    def clean(self, x):
        return x


class MaxValueValidator(BaseValidator):
    """Refuse values greater than limit_value."""

    message = "Ensure this value is less than or equal to %(limit_value)s."
    code = "max_value"

    def compare(self, a, b):
        return a > b


class MinValueValidator(BaseValidator):
    """Refuse values smaller than limit_value."""

    message = "Ensure this value is greater than or equal to %(limit_value)s."
    code = "min_value"

    def compare(self, a, b):
        return a < b


class StepValueValidator(BaseValidator):
    """Refuse values that are not offset + a multiple of limit_value."""

    message = "Ensure this value is a multiple of step size %(limit_value)s."
    code = "step_size"

    def __init__(self, limit_value, message=None, offset=None):
        super().__init__(limit_value, message)
        if offset is not None:
            self.message = (
                "Ensure this value is a multiple of step size %(limit_value)s, "
                "starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, "
                "%(valid_value2)s, and so on."
            )
        self.offset = offset

    def __call__(self, value):
        if self.offset is None:
            return super().__call__(value)
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit):
            offset = cleaned.__class__(self.offset)
            params = {
                "limit_value": limit, "offset": offset,
                "valid_value1": offset + limit, "valid_value2": offset + 2 * limit,
            }
            raise ValidationError(self.message, code=self.code, params=params)

    def compare(self, a, b):
        import math

        offset = 0 if self.offset is None else self.offset
        return not math.isclose(math.remainder(a - offset, b), 0, abs_tol=1e-9)


class MinLengthValidator(BaseValidator):
    """Refuse values shorter than limit_value."""

    message = _PluralMessage(
        "Ensure this value has at least %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has "
        "%(show_value)d).",
        "limit_value",
    )
    code = "min_length"

    def compare(self, a, b):
        return a < b

    def clean(self, x):
        return len(x)


class MaxLengthValidator(BaseValidator):
    """Refuse values longer than limit_value."""

    message = _PluralMessage(
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
        "limit_value",
    )
    code = "max_length"

    def compare(self, a, b):
        return a > b

    def clean(self, x):
        return len(x)


class DecimalValidator:
    """Check a Decimal's total digits, decimal places and whole digits."""

    messages = {
        "invalid": "Enter a number.",
        "max_digits": _PluralMessage(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            "max",
        ),
        "max_decimal_places": _PluralMessage(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            "max",
        ),
        "max_whole_digits": _PluralMessage(
            "Ensure that there are no more than %(max)s digit before the decimal "
            "point.",
            "Ensure that there are no more than %(max)s digits before the decimal "
            "point.",
            "max",
        ),
    }

    def __init__(self, max_digits, decimal_places):
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value):
        digit_tuple, exponent = value.as_tuple()[1:]
        if exponent in {"F", "n", "N"}:
            raise ValidationError(
                self.messages["invalid"], code="invalid", params={"value": value}
            )
        if exponent >= 0:
            digits = len(digit_tuple) + (exponent if digit_tuple != (0,) else 0)
            decimals = 0
        elif abs(exponent) > len(digit_tuple):
            digits = decimals = abs(exponent)
        else:
            digits, decimals = len(digit_tuple), abs(exponent)
        whole_digits = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                self.messages["max_digits"], code="max_digits",
                params={"max": self.max_digits, "value": value},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                self.messages["max_decimal_places"], code="max_decimal_places",
                params={"max": self.decimal_places, "value": value},
            )
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole_digits > self.max_digits - self.decimal_places
        ):
            raise ValidationError(
                self.messages["max_whole_digits"], code="max_whole_digits",
                params={"max": self.max_digits - self.decimal_places, "value": value},
            )

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and self.max_digits == other.max_digits
            and self.decimal_places == other.decimal_places
        )

    def __hash__(self):
        return hash((type(self), self.max_digits, self.decimal_places))


class FileExtensionValidator:
    """Refuse files whose name's extension is not in allowed_extensions."""

    message = (
        "File extension “%(extension)s” is not allowed. "
        "Allowed extensions are: %(allowed_extensions)s."
    )
    code = "invalid_extension"

    def __init__(self, allowed_extensions=None, message=None, code=None):
        if allowed_extensions is not None:
            allowed_extensions = [ext.lower() for ext in allowed_extensions]
        self.allowed_extensions = allowed_extensions
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value):
        extension = os.path.splitext(os.path.basename(value.name or ""))[1][1:]
        extension = extension.lower()
        if self.allowed_extensions is not None and (
            extension not in self.allowed_extensions
        ):
            raise ValidationError(
                self.message, code=self.code,
                params={
                    "extension": extension,
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                    "value": value,
                },
            )

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and set(self.allowed_extensions or [])
            == set(other.allowed_extensions or [])
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))


#: The image formats ImageField recognises without Pillow (by file signature).
_IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp"]


def get_available_image_extensions():
    """Return the extensions ImageField accepts (those whose signature we check)."""
    return list(_IMAGE_EXTENSIONS)


def validate_image_file_extension(value):
    """Refuse a file whose extension is not a supported image format."""
    return FileExtensionValidator(allowed_extensions=_IMAGE_EXTENSIONS)(value)


class ProhibitNullCharactersValidator:
    """Refuse values containing a NUL character."""

    message = "Null characters are not allowed."
    code = "null_characters_not_allowed"

    def __init__(self, message=None, code=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value):
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))


# -- django.utils.dateparse: ISO 8601 first, then Django's looser patterns.

_date_re = _lazy_re_compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_time_re = _lazy_re_compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?$"
)
_datetime_re = _lazy_re_compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"[T ](?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?"
    r"\s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_standard_duration_re = _lazy_re_compile(
    r"^(?:(?P<days>-?\d+) (days?, )?)?(?P<sign>-?)"
    r"((?:(?P<hours>\d+):)(?=\d+:\d+))?(?:(?P<minutes>\d+):)?(?P<seconds>\d+)"
    r"(?:[.,](?P<microseconds>\d{1,6})\d{0,6})?$"
)
_iso8601_duration_re = _lazy_re_compile(
    r"^(?P<sign>[-+]?)P(?:(?P<days>\d+([.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+([.,]\d+)?)H)?(?:(?P<minutes>\d+([.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+([.,]\d+)?)S)?)?$"
)
_postgres_interval_re = _lazy_re_compile(
    r"^(?:(?P<days>-?\d+) (days? ?))?(?:(?P<sign>[-+])?(?P<hours>\d+):"
    r"(?P<minutes>\d\d):(?P<seconds>\d\d)(?:\.(?P<microseconds>\d{1,6}))?)?$"
)


def parse_date(value):
    """Return a date from 'YYYY-MM-DD' (or ISO 8601), None if not well formatted.

    A well formatted but impossible date raises ValueError.
    """
    import datetime

    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        match = _date_re.match(value)
        if match:
            return datetime.date(**{k: int(v) for k, v in match.groupdict().items()})
    return None


def parse_time(value):
    """Return a naive time from 'HH:MM[:SS[.ffffff]]', None if not well formatted."""
    import datetime

    try:
        return datetime.time.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        match = _time_re.match(value)
        if match:
            kw = match.groupdict()
            kw["microsecond"] = kw["microsecond"] and kw["microsecond"].ljust(6, "0")
            return datetime.time(**{k: int(v) for k, v in kw.items() if v is not None})
    return None


def parse_datetime(value):
    """Return a datetime (aware if the text has an offset), None if not well
    formatted; an impossible datetime raises ValueError."""
    import datetime

    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        match = _datetime_re.match(value)
        if match:
            kw = match.groupdict()
            kw["microsecond"] = kw["microsecond"] and kw["microsecond"].ljust(6, "0")
            tzinfo = kw.pop("tzinfo")
            if tzinfo == "Z":
                tzinfo = datetime.timezone.utc
            elif tzinfo is not None:
                minutes = int(tzinfo[-2:]) if len(tzinfo) > 3 else 0
                offset = 60 * int(tzinfo[1:3]) + minutes
                if tzinfo[0] == "-":
                    offset = -offset
                tzinfo = datetime.timezone(datetime.timedelta(minutes=offset))
            kw = {k: int(v) for k, v in kw.items() if v is not None}
            return datetime.datetime(**kw, tzinfo=tzinfo)
    return None


def parse_duration(value):
    """Return a timedelta from Django's '%d %H:%M:%S.%f', ISO 8601 or the
    PostgreSQL interval format; None if the text is none of them."""
    import datetime

    match = (
        _standard_duration_re.match(value)
        or _iso8601_duration_re.match(value)
        or _postgres_interval_re.match(value)
    )
    if not match:
        return None
    kw = match.groupdict()
    sign = -1 if kw.pop("sign", "+") == "-" else 1
    if kw.get("microseconds"):
        kw["microseconds"] = kw["microseconds"].ljust(6, "0")
    kw = {k: float(v.replace(",", ".")) for k, v in kw.items() if v is not None}
    days = datetime.timedelta(kw.pop("days", 0.0) or 0.0)
    if match.re is _iso8601_duration_re._compiled:
        days *= sign
    return days + sign * datetime.timedelta(**kw)


def duration_string(duration):
    """Return a timedelta as Django's '[D ]HH:MM:SS[.ffffff]' string."""
    days, seconds, microseconds = duration.days, duration.seconds, duration.microseconds
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    string = "{:02d}:{:02d}:{:02d}".format(hours, minutes, seconds)
    if days:
        string = "{} ".format(days) + string
    if microseconds:
        string += ".{:06d}".format(microseconds)
    return string


# -- Error lists: ErrorDict (field -> ErrorList) and ErrorList render as
#    Django's errors/*/ul.html and text.txt templates do.

__all__ += [
    "ErrorList", "ErrorDict", "flatatt", "pretty_name", "Media", "Widget", "Input",
    "TextInput", "NumberInput", "EmailInput", "URLInput", "ColorInput",
    "SearchInput", "TelInput", "PasswordInput", "HiddenInput", "MultipleHiddenInput",
    "FileInput", "ClearableFileInput", "Textarea", "DateInput", "DateTimeInput",
    "TimeInput", "CheckboxInput", "ChoiceWidget", "Select", "NullBooleanSelect",
    "SelectMultiple", "RadioSelect", "CheckboxSelectMultiple", "MultiWidget",
    "SplitDateTimeWidget", "SplitHiddenDateTimeWidget",
]


def pretty_name(name):
    """Turn 'first_name' into 'First name'."""
    if not name:
        return ""
    return name.replace("_", " ").capitalize()


def flatatt(attrs):
    """Return attrs as ' key="value"' pairs (sorted), then boolean keys."""
    pairs = sorted((k, v) for k, v in attrs.items()
                   if not isinstance(v, bool) and v is not None)
    flags = sorted((k,) for k, v in attrs.items() if v is True)
    return format_html_join("", ' {}="{}"', pairs) + format_html_join("", " {}", flags)


def _sf(value):
    """Render `value` as {{ value|stringformat:'s' }} does (escaped unless safe)."""
    if isinstance(value, SafeData):
        return value
    return escape("%s" % (value,))


def _attrs_html(attrs):
    """Render an attrs dict as Django's attrs.html: False is dropped, True is a
    bare name, anything else name="value"."""
    out = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        out.append(" " + conditional_escape(name))
        if value is not True:
            out.append('="%s"' % _sf(value))
    return "".join(out)


class ErrorList(collections.UserList, list):
    """The errors of one field (or the form's non-field errors).

    Holds ValidationErrors or strings; iterating yields message strings.
    str() renders Django's <ul class="errorlist">.
    """

    def __init__(self, initlist=None, error_class=None, renderer=None, field_id=None):
        super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else (
            "errorlist {}".format(error_class))
        self.renderer = renderer
        self.field_id = field_id

    def as_data(self):
        """Return the errors as a list of ValidationError instances."""
        return ValidationError(self.data).error_list

    def copy(self):
        copy = super().copy()
        copy.error_class = self.error_class
        copy.renderer = self.renderer
        copy.field_id = self.field_id
        return copy

    def get_json_data(self, escape_html=False):
        """Return [{"message": ..., "code": ...}, ...]."""
        return [
            {"message": escape(next(iter(error))) if escape_html else next(iter(error)),
             "code": error.code or ""}
            for error in self.as_data()
        ]

    def as_json(self, escape_html=False):
        import json

        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self):
        """Return the errors as Django's <ul class="errorlist"> (empty if none)."""
        if not self:
            return SafeString("")
        id_attr = ' id="%s_error"' % conditional_escape(self.field_id) if (
            self.field_id) else ""
        items = "".join("<li>%s</li>" % conditional_escape(e) for e in self)
        return SafeString('<ul class="%s"%s>%s</ul>' % (
            conditional_escape(self.error_class), id_attr, items))

    def as_text(self):
        return SafeString("".join("* %s\n" % conditional_escape(e) for e in self)
                          .strip())

    def render(self, template_name=None, context=None, renderer=None):
        return self.as_ul()

    __str__ = __html__ = as_ul

    def __repr__(self):
        return repr(list(self))

    def __contains__(self, item):
        return item in list(self)

    def __eq__(self, other):
        return list(self) == other

    __hash__ = None

    def __getitem__(self, i):
        error = self.data[i]
        if isinstance(error, ValidationError):
            return next(iter(error))
        return error

    def __iter__(self):
        for i in range(len(self.data)):
            yield self[i]

    def __reduce_ex__(self, *args, **kwargs):
        info = super(collections.UserList, self).__reduce_ex__(*args, **kwargs)
        return info[:3] + (None, None)


class ErrorDict(dict):
    """Field name -> ErrorList; str() renders Django's nested <ul>."""

    def __init__(self, *args, renderer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = renderer

    def as_data(self):
        return {f: e.as_data() for f, e in self.items()}

    def get_json_data(self, escape_html=False):
        return {f: e.get_json_data(escape_html) for f, e in self.items()}

    def as_json(self, escape_html=False):
        import json

        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self):
        if not self:
            return SafeString("")
        items = "".join("<li>%s%s</li>" % (conditional_escape(field), e.as_ul()
                                           if isinstance(e, ErrorList) else
                                           conditional_escape(e))
                        for field, e in self.items())
        return SafeString('<ul class="errorlist">%s</ul>' % items)

    def as_text(self):
        out = []
        for field, errors in self.items():
            out.append("* %s\n" % conditional_escape(field))
            out.extend("  * %s\n" % conditional_escape(e) for e in errors)
        return SafeString("".join(out).strip())

    def render(self, template_name=None, context=None, renderer=None):
        return self.as_ul()

    __str__ = __html__ = as_ul


# -- Media: the CSS and JavaScript a widget or form declares.


class Media:
    """CSS and JS assets; `str(media)` renders <link> and <script> tags."""

    def __init__(self, media=None, css=None, js=None):
        if media is not None:
            css = getattr(media, "css", {})
            js = getattr(media, "js", [])
        self._css = {k: list(v) for k, v in (css or {}).items()}
        self._js = list(js or [])

    @property
    def _css_lists(self):
        return self._css

    @staticmethod
    def _absolute(path):
        if hasattr(path, "__html__"):
            return path
        if path.startswith(("http://", "https://", "/")):
            return path
        return static_url(path)  # noqa: F821  (HTTP section)

    def render_js(self):
        return [
            path.__html__() if hasattr(path, "__html__")
            else format_html('<script src="{}"></script>', self._absolute(path))
            for path in self._js
        ]

    def render_css(self):
        return [
            path.__html__() if hasattr(path, "__html__")
            else format_html('<link href="{}" media="{}" rel="stylesheet">',
                             self._absolute(path), medium)
            for medium in sorted(self._css) for path in self._css[medium]
        ]

    def render(self):
        return mark_safe("\n".join(self.render_css() + self.render_js()))

    __str__ = __html__ = render

    def __getitem__(self, name):
        if name == "css":
            return Media(css=self._css)
        if name == "js":
            return Media(js=self._js)
        raise KeyError('Unknown media type "%s"' % name)

    def __add__(self, other):
        css = {k: list(v) for k, v in self._css.items()}
        for medium, paths in other._css.items():
            css.setdefault(medium, [])
            css[medium] += [p for p in paths if p not in css[medium]]
        js = self._js + [p for p in other._js if p not in self._js]
        return Media(css=css, js=js)

    def __repr__(self):
        return "Media(css=%r, js=%r)" % (self._css, self._js)


def _media_property(cls):
    def _media(self):
        base = super(cls, self)
        media = base.media if hasattr(base, "media") else Media()
        definition = cls.__dict__.get("Media")
        if definition is None:
            return media
        extend = getattr(definition, "extend", True)
        own = Media(definition)
        if extend is True:
            return media + own
        if extend:
            combined = Media()
            for medium in extend:
                combined += media[medium]
            return combined + own
        return own

    return property(_media)


class MediaDefiningClass(type):
    """Metaclass turning an inner `class Media` into a `media` property."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        if "media" not in attrs:
            new_class.media = _media_property(new_class)
        return new_class


# -- Widgets.  get_context() gives the same dict as Django's; _render_widget()
#    turns it into HTML the way the named Django template would.


def _tpl_input(w):
    value = "" if w.get("value") is None else ' value="%s"' % _sf(w["value"])
    return '<input type="%s" name="%s"%s%s>\n' % (
        conditional_escape(w["type"]), conditional_escape(w["name"]), value,
        _attrs_html(w["attrs"]))


def _tpl_input_include(w):
    return _tpl_input(w) + "\n"


def _tpl_textarea(w):
    value = conditional_escape(w["value"]) if w.get("value") else ""
    return '<textarea name="%s"%s>\n%s</textarea>\n' % (
        conditional_escape(w["name"]), _attrs_html(w["attrs"]), value)


def _tpl_select_option(w):
    return '<option value="%s"%s>%s</option>\n' % (
        _sf(w["value"]), _attrs_html(w["attrs"]), conditional_escape(w["label"]))


def _tpl_select(w):
    out = ['<select name="%s"%s>' % (conditional_escape(w["name"]),
                                     _attrs_html(w["attrs"]))]
    for group_name, options, _index in w["optgroups"]:
        if group_name:
            out.append('\n  <optgroup label="%s">' % conditional_escape(group_name))
        for option in options:
            out.append("\n  " + _render_widget(option["template_name"], option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _tpl_input_option(w):
    out = []
    if w.get("wrap_label"):
        id_ = w["attrs"].get("id")
        out.append("<label%s>" % (' for="%s"' % conditional_escape(id_) if id_ else ""))
    out.append(_tpl_input(w))
    if w.get("wrap_label"):
        out.append(" %s</label>" % conditional_escape(w["label"]))
    return "".join(out) + "\n"


def _tpl_option_include(w):
    return _tpl_input_option(w) + "\n"


def _tpl_multiple_input(w):
    id_ = w["attrs"].get("id")
    cls = w["attrs"].get("class")
    out = ["<div%s%s>" % (' id="%s"' % conditional_escape(id_) if id_ else "",
                          ' class="%s"' % conditional_escape(cls) if cls else "")]
    for group, options, _index in w["optgroups"]:
        if group:
            out.append("\n  <div><label>%s</label>" % conditional_escape(group))
        for option in options:
            out.append("<div>\n    %s</div>" % _render_widget(
                option["template_name"], option))
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _tpl_multiple_input_include(w):
    return _tpl_multiple_input(w) + "\n"


def _tpl_multiwidget(w):
    import re

    html = "".join(_render_widget(sub["template_name"], sub) for sub in w["subwidgets"])
    return re.sub(r">\s+<", "><", html.strip())


def _tpl_multiwidget_include(w):
    return _tpl_multiwidget(w) + "\n"


def _tpl_clearable_file_input(w):
    out = []
    if w["is_initial"]:
        out.append('%s: <a href="%s">%s</a>' % (
            conditional_escape(w["initial_text"]),
            conditional_escape(getattr(w["value"], "url", "")),
            conditional_escape(w["value"])))
        if not w["required"]:
            out.append('\n<input type="checkbox" name="%s" id="%s"%s%s>\n'
                       '<label for="%s">%s</label>' % (
                           conditional_escape(w["checkbox_name"]),
                           conditional_escape(w["checkbox_id"]),
                           " disabled" if w["attrs"].get("disabled") else "",
                           " checked" if w["attrs"].get("checked") else "",
                           conditional_escape(w["checkbox_id"]),
                           conditional_escape(w["clear_checkbox_label"])))
        out.append("<br>\n%s:" % conditional_escape(w["input_text"]))
    out.append('\n<input type="%s" name="%s"%s>\n' % (
        conditional_escape(w["type"]), conditional_escape(w["name"]),
        _attrs_html(w["attrs"])))
    return "".join(out)


_WIDGET_TEMPLATES = {
    "django/forms/widgets/input.html": _tpl_input,
    "django/forms/widgets/textarea.html": _tpl_textarea,
    "django/forms/widgets/select.html": _tpl_select,
    "django/forms/widgets/select_option.html": _tpl_select_option,
    "django/forms/widgets/input_option.html": _tpl_input_option,
    "django/forms/widgets/radio_option.html": _tpl_option_include,
    "django/forms/widgets/checkbox_option.html": _tpl_option_include,
    "django/forms/widgets/radio.html": _tpl_multiple_input_include,
    "django/forms/widgets/checkbox_select.html": _tpl_multiple_input_include,
    "django/forms/widgets/multiple_input.html": _tpl_multiple_input,
    "django/forms/widgets/multiwidget.html": _tpl_multiwidget,
    "django/forms/widgets/multiple_hidden.html": _tpl_multiwidget_include,
    "django/forms/widgets/splitdatetime.html": _tpl_multiwidget_include,
    "django/forms/widgets/splithiddendatetime.html": _tpl_multiwidget_include,
    "django/forms/widgets/clearable_file_input.html": _tpl_clearable_file_input,
}
for _name in ("text", "number", "email", "url", "password", "hidden", "checkbox",
              "date", "datetime", "time", "file", "color", "search", "tel"):
    _WIDGET_TEMPLATES["django/forms/widgets/%s.html" % _name] = _tpl_input_include


def _render_widget(template_name, widget_context):
    """Render one widget context dict with the named Django widget template.

    djscratch knows Django's own widget templates; any other name is looked
    up through the template engine (settings.TEMPLATES).
    """
    render = _WIDGET_TEMPLATES.get(template_name)
    if render is not None:
        return render(widget_context)
    template = get_template(template_name)  # noqa: F821  (Templates section)
    return template.render({"widget": widget_context})


class Widget(metaclass=MediaDefiningClass):
    """An HTML input element: renders a value and reads it back from data.

    `attrs` are the HTML attributes; get_context() builds the dict that
    Django's widget templates receive, render() returns safe HTML.
    """

    needs_multipart_form = False
    is_localized = False
    is_required = False
    supports_microseconds = True
    use_fieldset = False
    template_name = None

    def __init__(self, attrs=None):
        self.attrs = {} if attrs is None else attrs.copy()

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self):
        return self.input_type == "hidden" if hasattr(self, "input_type") else False

    def subwidgets(self, name, value, attrs=None):
        yield self.get_context(name, value, attrs)["widget"]

    def format_value(self, value):
        """Return `value` as it should appear in the HTML (None for no value)."""
        if value == "" or value is None:
            return None
        return str(value)

    def get_context(self, name, value, attrs):
        return {
            "widget": {
                "name": name,
                "is_hidden": self.is_hidden,
                "required": self.is_required,
                "value": self.format_value(value),
                "attrs": self.build_attrs(self.attrs, attrs),
                "template_name": self.template_name,
            },
        }

    def render(self, name, value, attrs=None, renderer=None):
        """Render the widget as safe HTML."""
        return self._render(self.template_name, self.get_context(name, value, attrs),
                            renderer)

    def _render(self, template_name, context, renderer=None):
        return mark_safe(_render_widget(template_name, context["widget"]).strip())

    def build_attrs(self, base_attrs, extra_attrs=None):
        """Return base_attrs updated with extra_attrs."""
        return {**base_attrs, **(extra_attrs or {})}

    def value_from_datadict(self, data, files, name):
        """Return this widget's value from the submitted data (None if absent)."""
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        """Return the id a <label for=...> should point at."""
        return id_

    def use_required_attribute(self, initial):
        return not self.is_hidden


class Input(Widget):
    """Base of the <input type=...> widgets."""

    input_type = None
    template_name = "django/forms/widgets/input.html"

    def __init__(self, attrs=None):
        if attrs is not None:
            attrs = attrs.copy()
            self.input_type = attrs.pop("type", self.input_type)
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["type"] = self.input_type
        return context


class TextInput(Input):
    input_type = "text"
    template_name = "django/forms/widgets/text.html"


class NumberInput(Input):
    input_type = "number"
    template_name = "django/forms/widgets/number.html"


class EmailInput(Input):
    input_type = "email"
    template_name = "django/forms/widgets/email.html"


class URLInput(Input):
    input_type = "url"
    template_name = "django/forms/widgets/url.html"


class ColorInput(Input):
    input_type = "color"
    template_name = "django/forms/widgets/color.html"


class SearchInput(Input):
    input_type = "search"
    template_name = "django/forms/widgets/search.html"


class TelInput(Input):
    input_type = "tel"
    template_name = "django/forms/widgets/tel.html"


class PasswordInput(Input):
    """A password box; the value is not rendered back unless render_value."""

    input_type = "password"
    template_name = "django/forms/widgets/password.html"

    def __init__(self, attrs=None, render_value=False):
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name, value, attrs):
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class HiddenInput(Input):
    input_type = "hidden"
    template_name = "django/forms/widgets/hidden.html"


class MultipleHiddenInput(HiddenInput):
    """One <input type="hidden"> per value of a list."""

    template_name = "django/forms/widgets/multiple_hidden.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, value_ in enumerate(context["widget"]["value"]):
            widget_attrs = final_attrs.copy()
            if id_:
                widget_attrs["id"] = "%s_%s" % (id_, index)
            widget = HiddenInput()
            widget.is_required = self.is_required
            subwidgets.append(widget.get_context(name, value_, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def format_value(self, value):
        return [] if value is None else value


class FileInput(Input):
    """<input type="file">: the value comes from request.FILES."""

    allow_multiple_selected = False
    input_type = "file"
    needs_multipart_form = True
    template_name = "django/forms/widgets/file.html"

    def __init__(self, attrs=None):
        if attrs is not None and not self.allow_multiple_selected and attrs.get(
                "multiple", False):
            raise ValueError(
                "%s doesn't support uploading multiple files." % type(self).__qualname__
            )
        if self.allow_multiple_selected:
            attrs = {"multiple": True} if attrs is None else attrs
            attrs.setdefault("multiple", True)
        super().__init__(attrs)

    def format_value(self, value):
        return None

    def value_from_datadict(self, data, files, name):
        getter = files.get
        if self.allow_multiple_selected and hasattr(files, "getlist"):
            getter = files.getlist
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in files

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not initial


FILE_INPUT_CONTRADICTION = object()


class ClearableFileInput(FileInput):
    """A file input that shows the current file and a "Clear" checkbox."""

    clear_checkbox_label = "Clear"
    initial_text = "Currently"
    input_text = "Change"
    template_name = "django/forms/widgets/clearable_file_input.html"
    checked = False

    def clear_checkbox_name(self, name):
        return name + "-clear"

    def clear_checkbox_id(self, name):
        return name + "_id"

    def is_initial(self, value):
        return bool(value and getattr(value, "url", False))

    def format_value(self, value):
        if self.is_initial(value):
            return value
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        context["widget"].update({
            "checkbox_name": checkbox_name,
            "checkbox_id": self.clear_checkbox_id(checkbox_name),
            "is_initial": self.is_initial(value),
            "input_text": self.input_text,
            "initial_text": self.initial_text,
            "clear_checkbox_label": self.clear_checkbox_label,
        })
        context["widget"]["attrs"].setdefault("disabled", False)
        context["widget"]["attrs"]["checked"] = self.checked
        return context

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        self.checked = self.clear_checkbox_name(name) in data
        if not self.is_required and CheckboxInput().value_from_datadict(
                data, files, self.clear_checkbox_name(name)):
            if upload:
                return FILE_INPUT_CONTRADICTION
            return False
        return upload

    def value_omitted_from_data(self, data, files, name):
        return (super().value_omitted_from_data(data, files, name)
                and self.clear_checkbox_name(name) not in data)


class Textarea(Widget):
    """<textarea>, 40 columns by 10 rows unless attrs say otherwise."""

    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs=None):
        default_attrs = {"cols": "40", "rows": "10"}
        if attrs:
            default_attrs.update(attrs)
        super().__init__(default_attrs)


def _get_format(format_type):
    """Return the input formats for DATE/TIME/DATETIME_INPUT_FORMATS, with the
    ISO formats Django always accepts appended."""
    formats = list(getattr(settings, format_type))
    iso = {
        "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
        "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
        "DATETIME_INPUT_FORMATS": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                                   "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    }.get(format_type, [])
    return formats + [f for f in iso if f not in formats]


def _localize_input(value, default=None):
    """Return a value as a form input shows it (dates with the input format)."""
    import datetime
    import decimal

    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (decimal.Decimal, float, int)):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime(default or _get_format("DATETIME_INPUT_FORMATS")[0])
    if isinstance(value, datetime.date):
        return value.strftime(default or _get_format("DATE_INPUT_FORMATS")[0])
    if isinstance(value, datetime.time):
        return value.strftime(default or _get_format("TIME_INPUT_FORMATS")[0])
    return value


class DateTimeBaseInput(TextInput):
    format_key = ""
    supports_microseconds = False

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs)
        self.format = format or None

    def format_value(self, value):
        return _localize_input(value, self.format or _get_format(self.format_key)[0])


class DateInput(DateTimeBaseInput):
    format_key = "DATE_INPUT_FORMATS"
    template_name = "django/forms/widgets/date.html"


class DateTimeInput(DateTimeBaseInput):
    format_key = "DATETIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/datetime.html"


class TimeInput(DateTimeBaseInput):
    format_key = "TIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/time.html"


def _boolean_check(v):
    return not (v is False or v is None or v == "")


class CheckboxInput(Input):
    """<input type="checkbox">; absent from data means False."""

    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox.html"

    def __init__(self, attrs=None, check_test=None):
        super().__init__(attrs)
        self.check_test = _boolean_check if check_test is None else check_test

    def format_value(self, value):
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(self, name, value, attrs):
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        value = data.get(name)
        if isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        return bool(value)

    def value_omitted_from_data(self, data, files, name):
        return False


class _CallableChoiceIterator:
    """Choices given as a callable: called again each time they are iterated."""

    def __init__(self, func):
        self.func = func

    def __iter__(self):
        yield from _normalize_choices(self.func())


def _normalize_choices(value, *, depth=0):
    """Return choices as a list of (value, label) pairs, groups as
    (name, [(value, label), ...]); callables and iterators stay lazy."""
    if isinstance(value, (_CallableChoiceIterator, ModelChoiceIterator)):
        return value
    if isinstance(value, type) and hasattr(value, "choices"):  # a Choices enum
        value = value.choices
    if callable(value) and not isinstance(value, (list, tuple, dict)):
        return _CallableChoiceIterator(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = value.items()
    result = []
    for item in value:
        try:
            key, label = item
        except (TypeError, ValueError):
            raise ValueError("Choices must be (value, label) pairs, got %r." % (item,))\
                from None
        if depth == 0 and isinstance(label, dict):
            label = _normalize_choices(label, depth=1)
        elif depth == 0 and isinstance(label, (list, tuple)) and not isinstance(
                label, str):
            label = _normalize_choices(label, depth=1)
        result.append((key, label))
    return result


class ChoiceWidget(Widget):
    """Base of Select, RadioSelect and CheckboxSelectMultiple."""

    allow_multiple_selected = False
    input_type = None
    template_name = None
    option_template_name = None
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)
        self.choices = choices

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        obj.choices = copy.copy(self.choices)
        memo[id(self)] = obj
        return obj

    def subwidgets(self, name, value, attrs=None):
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name, value, attrs=None):
        for group in self.optgroups(name, value, attrs):
            yield from group[1]

    def optgroups(self, name, value, attrs=None):
        """Return [(group_name, [option dicts], index), ...]."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup = []
            if isinstance(option_label, (list, tuple)):
                group_name, subindex, choices = option_value, 0, option_label
            else:
                group_name, subindex = None, None
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and (
                    str(subvalue) in value)
                has_selected |= selected
                subgroup.append(self.create_option(
                    name, subvalue, sublabel, selected, index, subindex=subindex,
                    attrs=attrs))
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None,
                      attrs=None):
        index = str(index) if subindex is None else "%s_%s" % (index, subindex)
        option_attrs = (self.build_attrs(self.attrs, attrs)
                        if self.option_inherits_attrs else {})
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        return {
            "name": name, "value": value, "label": label, "selected": selected,
            "index": index, "attrs": option_attrs, "type": self.input_type,
            "template_name": self.option_template_name, "wrap_label": True,
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(
            name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_, index="0"):
        if id_ and self.add_id_index:
            id_ = "%s_%s" % (id_, index)
        return id_

    def value_from_datadict(self, data, files, name):
        getter = data.get
        if self.allow_multiple_selected and hasattr(data, "getlist"):
            getter = data.getlist
        return getter(name)

    def format_value(self, value):
        """Return the selected values as a list of strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = _normalize_choices(value)


class Select(ChoiceWidget):
    """<select> with one <option> per choice (and <optgroup> per group)."""

    input_type = "select"
    template_name = "django/forms/widgets/select.html"
    option_template_name = "django/forms/widgets/select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    @staticmethod
    def _choice_has_empty_value(choice):
        value, _label = choice
        return value is None or value == ""

    def use_required_attribute(self, initial):
        # "required" is only valid HTML when the first option is a placeholder.
        use_required = super().use_required_attribute(initial)
        if self.allow_multiple_selected:
            return use_required
        first_choice = next(iter(self.choices), None)
        return (use_required and first_choice is not None
                and self._choice_has_empty_value(first_choice))


class NullBooleanSelect(Select):
    """A Select of Unknown / Yes / No for NullBooleanField."""

    def __init__(self, attrs=None):
        super().__init__(attrs, (("unknown", "Unknown"), ("true", "Yes"),
                                 ("false", "No")))

    def format_value(self, value):
        try:
            return {True: "true", False: "false", "true": "true", "false": "false",
                    "2": "true", "3": "false"}[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        try:
            return {True: True, "True": True, "False": False, False: False,
                    "true": True, "false": False, "2": True, "3": False}.get(value)
        except TypeError:
            return None


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return False


class RadioSelect(ChoiceWidget):
    """A <div> of radio buttons, each inside its <label>."""

    input_type = "radio"
    template_name = "django/forms/widgets/radio.html"
    option_template_name = "django/forms/widgets/radio_option.html"
    use_fieldset = True

    def id_for_label(self, id_, index=None):
        # The field's <label> points at no single radio (screen readers).
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox_select.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False


class MultiWidget(Widget):
    """Several widgets rendered side by side for one value (see decompress)."""

    template_name = "django/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(self, widgets, attrs=None):
        if isinstance(widgets, dict):
            self.widgets_names = [("_%s" % name) if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            self.widgets_names = ["_%s" % i for i in range(len(widgets))]
        self.widgets = [w() if isinstance(w, type) else w for w in widgets]
        super().__init__(attrs)

    @property
    def is_hidden(self):
        return all(w.is_hidden for w in self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for i, (widget_name, widget) in enumerate(zip(self.widgets_names,
                                                      self.widgets)):
            if input_type is not None:
                widget.input_type = input_type
            try:
                widget_value = value[i]
            except IndexError:
                widget_value = None
            widget_attrs = final_attrs
            if id_:
                widget_attrs = {**final_attrs, "id": "%s_%s" % (id_, i)}
            subwidgets.append(widget.get_context(
                name + widget_name, widget_value, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_):
        return ""

    def value_from_datadict(self, data, files, name):
        return [w.value_from_datadict(data, files, name + wn)
                for wn, w in zip(self.widgets_names, self.widgets)]

    def value_omitted_from_data(self, data, files, name):
        return all(w.value_omitted_from_data(data, files, name + wn)
                   for wn, w in zip(self.widgets_names, self.widgets))

    def decompress(self, value):
        raise NotImplementedError("Subclasses must implement this method.")

    @property
    def media(self):
        media = Media()
        for w in self.widgets:
            media += w.media
        return media

    def __deepcopy__(self, memo):
        import copy

        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets)
        return obj

    @property
    def needs_multipart_form(self):
        return any(w.needs_multipart_form for w in self.widgets)


class SplitDateTimeWidget(MultiWidget):
    """A date box and a time box for one datetime."""

    supports_microseconds = False
    template_name = "django/forms/widgets/splitdatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        widgets = (
            DateInput(attrs=attrs if date_attrs is None else date_attrs,
                      format=date_format),
            TimeInput(attrs=attrs if time_attrs is None else time_attrs,
                      format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value):
        if value:
            value = _to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        super().__init__(attrs, date_format, time_format, date_attrs, time_attrs)
        for widget in self.widgets:
            widget.input_type = "hidden"


def _from_current_timezone(value):
    """Make a naive datetime typed in the current time zone aware (USE_TZ)."""
    if settings.USE_TZ and value is not None and is_naive(value):
        tz = get_current_timezone()
        try:
            return make_aware(value, tz)
        except Exception as exc:
            raise ValidationError(
                "%(datetime)s couldn’t be interpreted in time zone "
                "%(current_timezone)s; it may be ambiguous or it may not exist.",
                code="ambiguous_timezone",
                params={"datetime": value, "current_timezone": tz},
            ) from exc
    return value


def _to_current_timezone(value):
    """Show an aware datetime as naive time in the current time zone."""
    if settings.USE_TZ and value is not None and is_aware(value):
        return make_naive(value)
    return value


# -- Fields: to_python() converts, validate() checks, run_validators() runs
#    the validators; clean() does all three, exactly as Django orders them.

__all__ += [
    "Field", "CharField", "IntegerField", "FloatField", "DecimalField",
    "BooleanField", "NullBooleanField", "ChoiceField", "TypedChoiceField",
    "MultipleChoiceField", "TypedMultipleChoiceField", "DateField",
    "DateTimeField", "TimeField", "DurationField", "EmailField", "URLField",
    "SlugField", "RegexField", "UUIDField", "JSONField", "GenericIPAddressField",
    "FileField", "ImageField", "ComboField", "MultiValueField", "SplitDateTimeField",
]


class Field:
    """A form field: cleans one submitted value and names its widget.

    Keyword arguments as Django's: required, widget, label, initial,
    help_text, error_messages, show_hidden_initial, validators, localize,
    disabled, label_suffix, template_name.
    """

    widget = TextInput
    hidden_widget = HiddenInput
    default_validators = []
    default_error_messages = {"required": "This field is required."}
    empty_values = list(EMPTY_VALUES)
    bound_field_class = None

    def __init__(self, *, required=True, widget=None, label=None, initial=None,
                 help_text="", error_messages=None, show_hidden_initial=False,
                 validators=(), localize=False, disabled=False, label_suffix=None,
                 template_name=None, bound_field_class=None):
        import copy

        self.required, self.label, self.initial = required, label, initial
        self.show_hidden_initial = show_hidden_initial
        self.help_text = help_text
        self.disabled = disabled
        self.label_suffix = label_suffix
        self.bound_field_class = bound_field_class or self.bound_field_class
        widget = widget or self.widget
        widget = widget() if isinstance(widget, type) else copy.deepcopy(widget)
        self.localize = localize
        if self.localize:
            widget.is_localized = True
        widget.is_required = self.required
        extra_attrs = self.widget_attrs(widget)
        if extra_attrs:
            widget.attrs.update(extra_attrs)
        self.widget = widget
        messages = {}
        for c in reversed(type(self).__mro__):
            messages.update(getattr(c, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.validators = [*self.default_validators, *validators]
        self.template_name = template_name

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        return value

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

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

    def clean(self, value):
        """Return the cleaned value or raise ValidationError."""
        value = self.to_python(value)
        self.validate(value)
        self.run_validators(value)
        return value

    def bound_data(self, data, initial):
        """Return the value to show: initial if disabled, else the data."""
        if self.disabled:
            return initial
        return data

    def widget_attrs(self, widget):
        """Return extra HTML attributes this field gives its widget."""
        return {}

    def has_changed(self, initial, data):
        """Return True if data differs from initial."""
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
            if hasattr(self, "_coerce"):
                return self._coerce(data) != self._coerce(initial)
        except ValidationError:
            return True
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return initial_value != data_value

    def get_bound_field(self, form, field_name):
        cls = self.bound_field_class or form.bound_field_class or BoundField
        return cls(form, self, field_name)

    def __deepcopy__(self, memo):
        import copy

        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.deepcopy(self.widget, memo)
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result

    def _clean_bound_field(self, bf):
        return self.clean(bf.initial if self.disabled else bf.data)


class CharField(Field):
    """Text, stripped by default; max_length and min_length give validators
    and the maxlength/minlength attributes."""

    def __init__(self, *, max_length=None, min_length=None, strip=True,
                 empty_value="", **kwargs):
        self.max_length, self.min_length = max_length, min_length
        self.strip, self.empty_value = strip, empty_value
        super().__init__(**kwargs)
        if min_length is not None:
            self.validators.append(MinLengthValidator(int(min_length)))
        if max_length is not None:
            self.validators.append(MaxLengthValidator(int(max_length)))
        self.validators.append(ProhibitNullCharactersValidator())

    def to_python(self, value):
        if value not in self.empty_values:
            value = str(value)
            if self.strip:
                value = value.strip()
        if value in self.empty_values:
            return self.empty_value
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            attrs["maxlength"] = str(self.max_length)
        if self.min_length is not None and not widget.is_hidden:
            attrs["minlength"] = str(self.min_length)
        return attrs


class IntegerField(Field):
    """An int; '3.0' is accepted as 3, as in Django."""

    widget = NumberInput
    default_error_messages = {"invalid": "Enter a whole number."}
    re_decimal = _lazy_re_compile(r"\.0*\s*$")

    def __init__(self, *, max_value=None, min_value=None, step_size=None, **kwargs):
        self.max_value, self.min_value, self.step_size = max_value, min_value, step_size
        if kwargs.get("localize") and self.widget == NumberInput:
            kwargs.setdefault("widget", super().widget)
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(MaxValueValidator(max_value))
        if min_value is not None:
            self.validators.append(MinValueValidator(min_value))
        if step_size is not None:
            self.validators.append(StepValueValidator(step_size, offset=min_value))

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = str(value)
        if len(text) > 4300:  # int() refuses longer digit strings anyway
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return int(self.re_decimal.sub("", text))
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput):
            if self.min_value is not None:
                attrs["min"] = self.min_value
            if self.max_value is not None:
                attrs["max"] = self.max_value
            if self.step_size is not None:
                attrs["step"] = self.step_size
        return attrs


class FloatField(IntegerField):
    """A finite float."""

    default_error_messages = {"invalid": "Enter a number."}

    def to_python(self, value):
        value = Field.to_python(self, value)
        if value in self.empty_values:
            return None
        try:
            return float(value)
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def validate(self, value):
        import math

        super().validate(value)
        if value in self.empty_values:
            return
        if not math.isfinite(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            attrs.setdefault("step", "any" if self.step_size is None
                             else str(self.step_size))
        return attrs


class DecimalField(IntegerField):
    """A finite Decimal with optional max_digits and decimal_places."""

    default_error_messages = {"invalid": "Enter a number."}

    def __init__(self, *, max_value=None, min_value=None, max_digits=None,
                 decimal_places=None, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
        self.validators.append(DecimalValidator(max_digits, decimal_places))

    def to_python(self, value):
        import decimal

        if value in self.empty_values:
            return None
        try:
            return decimal.Decimal(str(value))
        except decimal.DecimalException:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})

    def widget_attrs(self, widget):
        import decimal

        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            if self.decimal_places is not None:
                step = str(decimal.Decimal(1).scaleb(-self.decimal_places)).lower()
            else:
                step = "any"
            attrs.setdefault("step", step)
        return attrs


class _FormatsFromSettings:
    """The input formats named by a setting, read at iteration time."""

    def __init__(self, *keys):
        self.keys = keys

    def __iter__(self):
        for key in self.keys:
            yield from _get_format(key)


class BaseTemporalField(Field):
    def __init__(self, *, input_formats=None, **kwargs):
        super().__init__(**kwargs)
        if input_formats is not None:
            self.input_formats = input_formats

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        for format in self.input_formats:
            try:
                return self.strptime(value, format)
            except (ValueError, TypeError, OverflowError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def strptime(self, value, format):
        raise NotImplementedError("Subclasses must define this method.")


class DateField(BaseTemporalField):
    widget = DateInput
    input_formats = _FormatsFromSettings("DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid date."}

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return super().to_python(value)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format).date()


class TimeField(BaseTemporalField):
    widget = TimeInput
    input_formats = _FormatsFromSettings("TIME_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid time."}

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return super().to_python(value)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format).time()


class DateTimeField(BaseTemporalField):
    """A datetime; naive input is taken in the current time zone (USE_TZ)."""

    widget = DateTimeInput
    input_formats = _FormatsFromSettings("DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid date/time."}

    def prepare_value(self, value):
        import datetime

        if isinstance(value, datetime.datetime):
            value = _to_current_timezone(value)
        return value

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return _from_current_timezone(value)
        if isinstance(value, datetime.date):
            return _from_current_timezone(
                datetime.datetime(value.year, value.month, value.day))
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None
        if not result:
            result = super().to_python(value)
        return _from_current_timezone(result)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format)


class DurationField(Field):
    default_error_messages = {
        "invalid": "Enter a valid duration.",
        "overflow": "The number of days must be between {min_days} and {max_days}.",
    }

    def prepare_value(self, value):
        import datetime

        if isinstance(value, datetime.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            value = parse_duration(str(value))
        except OverflowError:
            raise ValidationError(
                self.error_messages["overflow"].format(
                    min_days=datetime.timedelta.min.days,
                    max_days=datetime.timedelta.max.days),
                code="overflow",
            ) from None
        if value is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class RegexField(CharField):
    """Text that must match `regex`."""

    def __init__(self, regex, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self._set_regex(regex)

    def _get_regex(self):
        return self._regex

    def _set_regex(self, regex):
        import re

        if isinstance(regex, str):
            regex = re.compile(regex)
        self._regex = regex
        if hasattr(self, "_regex_validator") and self._regex_validator in (
                self.validators):
            self.validators.remove(self._regex_validator)
        self._regex_validator = RegexValidator(regex=regex)
        self.validators.append(self._regex_validator)

    regex = property(_get_regex, _set_regex)


class EmailField(CharField):
    widget = EmailInput
    default_validators = [validate_email]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class FileField(Field):
    """An uploaded file (from request.FILES) with a name and a size."""

    widget = ClearableFileInput
    default_error_messages = {
        "invalid": "No file was submitted. Check the encoding type on the form.",
        "missing": "No file was submitted.",
        "empty": "The submitted file is empty.",
        "max_length": _PluralMessage(
            "Ensure this filename has at most %(max)d character (it has %(length)d).",
            "Ensure this filename has at most %(max)d characters (it has "
            "%(length)d).",
            "max",
        ),
        "contradiction": (
            "Please either submit a file or check the clear checkbox, not both."),
    }

    def __init__(self, *, max_length=None, allow_empty_file=False, **kwargs):
        self.max_length = max_length
        self.allow_empty_file = allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data):
        if data in self.empty_values:
            return None
        try:
            file_name, file_size = data.name, data.size
        except AttributeError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None
        if self.max_length is not None and len(file_name) > self.max_length:
            raise ValidationError(
                self.error_messages["max_length"], code="max_length",
                params={"max": self.max_length, "length": len(file_name)})
        if not file_name:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.allow_empty_file and not file_size:
            raise ValidationError(self.error_messages["empty"], code="empty")
        return data

    def clean(self, data, initial=None):
        if data is FILE_INPUT_CONTRADICTION:
            raise ValidationError(self.error_messages["contradiction"],
                                  code="contradiction")
        if data is False:
            if not self.required:
                return False
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, _data, initial):
        return initial

    def has_changed(self, initial, data):
        return not self.disabled and data is not None

    def _clean_bound_field(self, bf):
        return self.clean(bf.initial if self.disabled else bf.data, bf.initial)


#: Leading bytes of the image formats ImageField recognises without Pillow.
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def _sniff_image(head):
    """Return the MIME type for an image header, or None."""
    for signature, mime in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class ImageField(FileField):
    """A FileField whose upload must be a PNG, JPEG, GIF or WebP image.

    Django asks Pillow to decode the image; djscratch is standard library
    only, so it checks the file's signature (its first bytes) instead.  A
    file that starts like an image but is corrupt further on is accepted.
    The file gets `content_type`; `image` is not set (there is no Pillow).
    """

    default_validators = [validate_image_file_extension]
    default_error_messages = {
        "invalid_image": (
            "Upload a valid image. The file you uploaded was either not an "
            "image or a corrupted image."),
    }

    def to_python(self, data):
        f = super().to_python(data)
        if f is None:
            return None
        try:
            if hasattr(data, "read"):
                if hasattr(data, "seek"):
                    data.seek(0)
                head = data.read(16)
            else:
                head = data["content"][:16]
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"],
                                  code="invalid_image") from exc
        mime = _sniff_image(bytes(head or b""))
        if mime is None:
            raise ValidationError(self.error_messages["invalid_image"],
                                  code="invalid_image")
        f.content_type = mime
        if hasattr(f, "seek") and callable(f.seek):
            f.seek(0)
        return f

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/*")
        return attrs


class URLField(CharField):
    """A URL; a value without a scheme gets assume_scheme ("http" by default,
    as in Django 5.2; set FORMS_URLFIELD_ASSUME_HTTPS for "https")."""

    widget = URLInput
    default_error_messages = {"invalid": "Enter a valid URL."}
    default_validators = [URLValidator()]

    def __init__(self, *, assume_scheme=None, **kwargs):
        if assume_scheme is None:
            https = getattr(settings, "FORMS_URLFIELD_ASSUME_HTTPS", False) if (
                settings.configured) else False
            assume_scheme = "https" if https else "http"
        self.assume_scheme = assume_scheme
        super().__init__(strip=True, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value:
            scheme, sep, _rest = value.partition(":")
            if (not sep or not scheme or not scheme[0].isascii()
                    or not scheme[0].isalpha() or "/" in scheme):
                if value.startswith("//"):
                    value = self.assume_scheme + ":" + value
                else:
                    value = self.assume_scheme + "://" + value
        return value


class BooleanField(Field):
    """True or False; required means "must be checked"."""

    widget = CheckboxInput

    def to_python(self, value):
        if isinstance(value, str) and value.lower() in ("false", "0"):
            value = False
        else:
            value = bool(value)
        return super().to_python(value)

    def validate(self, value):
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


class NullBooleanField(BooleanField):
    """True, False or None."""

    widget = NullBooleanSelect

    def to_python(self, value):
        if value in (True, "True", "true", "1"):
            return True
        if value in (False, "False", "false", "0"):
            return False
        return None

    def validate(self, value):
        pass


class ChoiceField(Field):
    """One of `choices` (pairs of value and label, groups allowed)."""

    widget = Select
    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
    }

    def __init__(self, *, choices=(), **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def __deepcopy__(self, memo):
        import copy

        result = super().__deepcopy__(memo)
        result._choices = copy.deepcopy(self._choices, memo)
        return result

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = _normalize_choices(value)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value):
        super().validate(value)
        if value and not self.valid_value(value):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})

    def valid_value(self, value):
        """Return True if `value` is one of the choices."""
        text_value = str(value)
        for k, v in self.choices:
            if isinstance(v, (list, tuple)):
                for k2, _v2 in v:
                    if value == k2 or text_value == str(k2):
                        return True
            elif value == k or text_value == str(k):
                return True
        return False


class TypedChoiceField(ChoiceField):
    """A ChoiceField whose value is passed through `coerce`."""

    def __init__(self, *, coerce=lambda val: val, empty_value="", **kwargs):
        self.coerce = coerce
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def _coerce(self, value):
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            return self.coerce(value)
        except (ValueError, TypeError, ValidationError):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})\
                from None

    def clean(self, value):
        return self._coerce(super().clean(value))


class MultipleChoiceField(ChoiceField):
    """A list of values, each one of `choices`."""

    hidden_widget = MultipleHiddenInput
    widget = SelectMultiple
    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_list": "Enter a list of values.",
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list")
        return [str(val) for val in value]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for val in value:
            if not self.valid_value(val):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": val})

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return {str(v) for v in data} != {str(v) for v in initial}


class TypedMultipleChoiceField(MultipleChoiceField):
    def __init__(self, *, coerce=lambda val: val, **kwargs):
        self.coerce = coerce
        self.empty_value = kwargs.pop("empty_value", [])
        super().__init__(**kwargs)

    def _coerce(self, value):
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        new_value = []
        for choice in value:
            try:
                new_value.append(self.coerce(choice))
            except (ValueError, TypeError, ValidationError):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": choice})\
                    from None
        return new_value

    def clean(self, value):
        return self._coerce(super().clean(value))

    def validate(self, value):
        if value != self.empty_value:
            super().validate(value)
        elif self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class ComboField(Field):
    """Clean a value with each of `fields` in turn."""

    def __init__(self, fields, **kwargs):
        super().__init__(**kwargs)
        for f in fields:
            f.required = False
        self.fields = fields

    def clean(self, value):
        super().clean(value)
        for field in self.fields:
            value = field.clean(value)
        return value


class MultiValueField(Field):
    """A value made of several fields' values (with a MultiWidget)."""

    default_error_messages = {
        "invalid": "Enter a list of values.",
        "incomplete": "Enter a complete value.",
    }

    def __init__(self, fields, *, require_all_fields=True, **kwargs):
        self.require_all_fields = require_all_fields
        super().__init__(**kwargs)
        for f in fields:
            f.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            if self.disabled:
                f.disabled = True
            if self.require_all_fields:
                f.required = False
        self.fields = fields

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.fields = tuple(x.__deepcopy__(memo) for x in self.fields)
        return result

    def validate(self, value):
        pass

    def clean(self, value):
        clean_data, errors = [], []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if not value or isinstance(value, (list, tuple)):
            if not value or not [v for v in value if v not in self.empty_values]:
                if self.required:
                    raise ValidationError(self.error_messages["required"],
                                          code="required")
                return self.compress([])
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        for i, field in enumerate(self.fields):
            try:
                field_value = value[i]
            except IndexError:
                field_value = None
            if field_value in self.empty_values:
                if self.require_all_fields:
                    if self.required:
                        raise ValidationError(self.error_messages["required"],
                                              code="required")
                elif field.required:
                    if field.error_messages["incomplete"] not in errors:
                        errors.append(field.error_messages["incomplete"])
                    continue
            try:
                clean_data.append(field.clean(field_value))
            except ValidationError as e:
                errors.extend(m for m in e.error_list if m not in errors)
        if errors:
            raise ValidationError(errors)
        out = self.compress(clean_data)
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list):
        raise NotImplementedError("Subclasses must implement this method.")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        if initial is None:
            initial = ["" for _x in range(len(data))]
        elif not isinstance(initial, list):
            initial = self.widget.decompress(initial)
        for field, initial_value, data_value in zip(self.fields, initial, data):
            try:
                initial_value = field.to_python(initial_value)
            except ValidationError:
                return True
            if field.has_changed(initial_value, data_value):
                return True
        return False


class SplitDateTimeField(MultiValueField):
    widget = SplitDateTimeWidget
    hidden_widget = SplitHiddenDateTimeWidget
    default_error_messages = {
        "invalid_date": "Enter a valid date.",
        "invalid_time": "Enter a valid time.",
    }

    def __init__(self, *, input_date_formats=None, input_time_formats=None, **kwargs):
        errors = dict(self.default_error_messages)
        errors.update(kwargs.get("error_messages") or {})
        localize = kwargs.get("localize", False)
        fields = (
            DateField(input_formats=input_date_formats,
                      error_messages={"invalid": errors["invalid_date"]},
                      localize=localize),
            TimeField(input_formats=input_time_formats,
                      error_messages={"invalid": errors["invalid_time"]},
                      localize=localize),
        )
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        import datetime

        if data_list:
            if data_list[0] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_date"],
                                      code="invalid_date")
            if data_list[1] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_time"],
                                      code="invalid_time")
            return _from_current_timezone(datetime.datetime.combine(*data_list))
        return None


class GenericIPAddressField(CharField):
    """An IPv4 or IPv6 address (IPv6 normalised to its compressed form)."""

    def __init__(self, *, protocol="both", unpack_ipv4=False, **kwargs):
        self.unpack_ipv4 = unpack_ipv4
        self.default_validators = ip_address_validators(protocol, unpack_ipv4)
        kwargs.setdefault("max_length", MAX_IPV6_ADDRESS_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        value = str(value).strip()
        if value and ":" in value:
            return clean_ipv6_address(value, self.unpack_ipv4,
                                      max_length=self.max_length)
        return value


class SlugField(CharField):
    default_validators = [validate_slug]

    def __init__(self, *, allow_unicode=False, **kwargs):
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validate_unicode_slug]
        super().__init__(**kwargs)


class UUIDField(CharField):
    default_error_messages = {"invalid": "Enter a valid UUID."}

    def prepare_value(self, value):
        import uuid

        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def to_python(self, value):
        import uuid

        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not isinstance(value, uuid.UUID):
            try:
                value = uuid.UUID(value)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid")\
                    from None
        return value


class InvalidJSONInput(str):
    pass


class JSONString(str):
    pass


class JSONField(CharField):
    """Any JSON document, edited in a <textarea>."""

    default_error_messages = {"invalid": "Enter a valid JSON."}
    widget = Textarea

    def __init__(self, encoder=None, decoder=None, **kwargs):
        self.encoder, self.decoder = encoder, decoder
        super().__init__(**kwargs)

    def to_python(self, value):
        import json

        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, (list, dict, int, float, JSONString)):
            return value
        try:
            converted = json.loads(value, cls=self.decoder)
        except (ValueError, RecursionError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None
        return JSONString(converted) if isinstance(converted, str) else converted

    def bound_data(self, data, initial):
        import json

        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except (ValueError, RecursionError, TypeError):
            return InvalidJSONInput(data)

    def prepare_value(self, value):
        import json

        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial, data):
        import json

        if super().has_changed(initial, data):
            return True
        return json.dumps(initial, sort_keys=True, cls=self.encoder) != json.dumps(
            self.to_python(data), sort_keys=True, cls=self.encoder)


# -- BoundField: a field together with the form's data, as templates see it.

__all__ += [
    "BoundField", "BoundWidget", "BaseForm", "Form", "DeclarativeFieldsMetaclass",
    "BaseFormSet", "formset_factory", "all_valid",
]


class BoundField:
    """A Field plus the form's data: what `{{ form.name }}` renders."""

    def __init__(self, form, field, name):
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.html_initial_name = form.add_initial_prefix(name)
        self.html_initial_id = form.add_initial_prefix(self.auto_id)
        self.label = pretty_name(name) if self.field.label is None else self.field.label
        self.help_text = field.help_text or ""
        self.renderer = form.renderer

    @cached_property
    def subwidgets(self):
        """One BoundWidget per radio/checkbox option (or just the widget)."""
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        return [BoundWidget(self.field.widget, widget, self.form.renderer)
                for widget in self.field.widget.subwidgets(self.html_name,
                                                           self.value(), attrs=attrs)]

    def __bool__(self):
        return True

    def __iter__(self):
        return iter(self.subwidgets)

    def __len__(self):
        return len(self.subwidgets)

    def __getitem__(self, idx):
        if not isinstance(idx, (int, slice)):
            raise TypeError("BoundField indices must be integers or slices, not %s."
                            % type(idx).__name__)
        return self.subwidgets[idx]

    @property
    def errors(self):
        """Return this field's ErrorList (empty if none)."""
        return self.form.errors.get(self.name,
                                    self.form.error_class(renderer=self.form.renderer))

    @property
    def template_name(self):
        return self.field.template_name or "django/forms/field.html"

    def get_context(self):
        return {"field": self}

    def render(self, template_name=None, context=None, renderer=None):
        """Render the field group (label, help text, errors, widget)."""
        template_name = template_name or self.template_name
        if template_name == "django/forms/field.html" and context is None:
            return mark_safe(_render_field_group(self).strip())
        return mark_safe(get_template(template_name).render(  # noqa: F821
            context or self.get_context()).strip())

    def as_field_group(self):
        return self.render()

    def __str__(self):
        """Render the field's widget (plus the hidden initial value if asked)."""
        if self.field.show_hidden_initial:
            return self.as_widget() + self.as_hidden(only_initial=True)
        return self.as_widget()

    __html__ = __str__

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        """Render `widget` (default: the field's) with this field's value."""
        widget = widget or self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id",
                             self.html_initial_id if only_initial else self.auto_id)
        if only_initial and self.html_initial_name in self.form.data:
            value = self.form._widget_data_value(self.field.hidden_widget(),
                                                 self.html_initial_name)
        else:
            value = self.value()
        return widget.render(
            name=self.html_initial_name if only_initial else self.html_name,
            value=value, attrs=attrs, renderer=self.form.renderer)

    def as_text(self, attrs=None, **kwargs):
        return self.as_widget(TextInput(), attrs, **kwargs)

    def as_textarea(self, attrs=None, **kwargs):
        return self.as_widget(Textarea(), attrs, **kwargs)

    def as_hidden(self, attrs=None, **kwargs):
        return self.as_widget(self.field.hidden_widget(), attrs, **kwargs)

    @property
    def data(self):
        """Return the submitted data for this field (None if absent)."""
        return self.form._widget_data_value(self.field.widget, self.html_name)

    def value(self):
        """Return the value to display: the data if bound, else the initial."""
        data = self.initial
        if self.form.is_bound:
            data = self.field.bound_data(self.data, data)
        return self.field.prepare_value(data)

    def _has_changed(self):
        field = self.field
        if field.show_hidden_initial:
            initial_value = self.form._widget_data_value(field.hidden_widget(),
                                                         self.html_initial_name)
            try:
                initial_value = field.to_python(initial_value)
            except ValidationError:
                return True
        else:
            initial_value = self.initial
        return field.has_changed(initial_value, self.data)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        """Return the label wrapped in <label for=...> (or bare if no id)."""
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = (self.field.label_suffix if self.field.label_suffix
                            is not None else self.form.label_suffix)
        if label_suffix and contents and contents[-1] not in ":?.!":
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if id_:
            id_for_label = widget.id_for_label(id_)
            if id_for_label:
                attrs = {**(attrs or {}), "for": id_for_label}
            if self.field.required and hasattr(self.form, "required_css_class"):
                attrs = attrs or {}
                if "class" in attrs:
                    attrs["class"] += " " + self.form.required_css_class
                else:
                    attrs["class"] = self.form.required_css_class
        if not id_:
            return mark_safe(conditional_escape(contents))
        tag = tag or "label"
        return mark_safe("<%s%s>%s</%s>" % (tag, _attrs_html(attrs),
                                            conditional_escape(contents), tag))

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return self.label_tag(contents, attrs, label_suffix, tag="legend")

    def css_classes(self, extra_classes=None):
        """Return the field's CSS classes (error_css_class, required_css_class)."""
        # Django joins a set (order varies between runs); a dict keeps the
        # same classes in a stable order: extra, then error, then required.
        if hasattr(extra_classes, "split"):
            extra_classes = extra_classes.split()
        classes = dict.fromkeys(extra_classes or [])
        if self.errors and hasattr(self.form, "error_css_class"):
            classes[self.form.error_css_class] = None
        if self.field.required and hasattr(self.form, "required_css_class"):
            classes[self.form.required_css_class] = None
        return " ".join(classes)

    @property
    def is_hidden(self):
        return self.field.widget.is_hidden

    @property
    def auto_id(self):
        """Return the HTML id ('' when the form's auto_id is off)."""
        auto_id = self.form.auto_id
        if auto_id and "%s" in str(auto_id):
            return auto_id % self.html_name
        if auto_id:
            return self.html_name
        return ""

    @property
    def id_for_label(self):
        widget = self.field.widget
        return widget.id_for_label(widget.attrs.get("id") or self.auto_id)

    @cached_property
    def initial(self):
        return self.form.get_initial_for_field(self.field, self.name)

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = dict(attrs)
        if (widget.use_required_attribute(self.initial) and self.field.required
                and self.form.use_required_attribute):
            if (hasattr(self.field, "require_all_fields")
                    and not self.field.require_all_fields
                    and isinstance(self.field.widget, MultiWidget)):
                for subfield, subwidget in zip(self.field.fields, widget.widgets):
                    subwidget.attrs["required"] = (
                        subwidget.use_required_attribute(self.initial)
                        and subfield.required)
            else:
                attrs["required"] = True
        if self.field.disabled:
            attrs["disabled"] = True
        if not widget.is_hidden and self.errors:
            attrs["aria-invalid"] = "true"
        if not attrs.get("aria-describedby") and not self.use_fieldset:
            aria_describedby = self.aria_describedby
            if aria_describedby:
                attrs["aria-describedby"] = aria_describedby
        return attrs

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append("%s_helptext" % self.auto_id)
            if self.errors:
                ids.append("%s_error" % self.auto_id)
        return " ".join(ids)

    @property
    def widget_type(self):
        import re

        return re.sub(r"widget$|input$", "", type(self.field.widget).__name__.lower())

    @property
    def use_fieldset(self):
        return self.field.widget.use_fieldset

    def __repr__(self):
        return "<BoundField %s>" % self.name


class BoundWidget:
    """One option of a RadioSelect/CheckboxSelectMultiple, for templates."""

    def __init__(self, parent_widget, data, renderer):
        self.parent_widget = parent_widget
        self.data = data
        self.renderer = renderer

    def __str__(self):
        return self.tag(wrap_label=True)

    __html__ = __str__

    def tag(self, wrap_label=False):
        context = {"widget": {**self.data, "wrap_label": wrap_label}}
        return self.parent_widget._render(self.template_name, context, self.renderer)

    @property
    def template_name(self):
        if "template_name" in self.data:
            return self.data["template_name"]
        return self.parent_widget.template_name

    @property
    def id_for_label(self):
        return self.data["attrs"].get("id")

    @property
    def choice_label(self):
        return self.data["label"]


# -- Form layouts: each function reproduces one of Django's form templates
#    (div.html, p.html, ul.html, table.html, field.html) character for
#    character, including the blank lines and indentation they leave.


def _help_text_html(bf, tag):
    id_attr = ' id="%s_helptext"' % conditional_escape(bf.auto_id) if bf.auto_id else ""
    return '<%s class="helptext"%s>%s</%s>' % (tag, id_attr, bf.help_text, tag)


def _render_field_group(bf):
    """Django's field.html: label (or legend), help text, errors, widget."""
    if bf.use_fieldset:
        aria = bf.aria_describedby
        out = "\n  <fieldset%s>\n  %s\n" % (
            ' aria-describedby="%s"' % conditional_escape(aria) if aria else "",
            bf.legend_tag() if bf.label else "")
    else:
        out = "\n  %s\n" % (bf.label_tag() if bf.label else "")
    out += "\n%s\n" % (_help_text_html(bf, "div") if bf.help_text else "")
    out += "%s\n%s%s\n" % (bf.errors, bf, "</fieldset>" if bf.use_fieldset else "")
    return out


def _css_attr(bf):
    classes = bf.css_classes()
    return ' class="%s"' % conditional_escape(classes) if classes else ""


def _render_div(errors, fields, hidden):
    out = "%s\n" % errors
    if errors and not fields:
        out += "\n  <div>%s</div>\n" % hidden
    out += "\n"
    for i, (bf, _errors) in enumerate(fields):
        out += "\n  <div%s>\n    %s\n    " % (_css_attr(bf), bf.as_field_group())
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n</div>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_p(errors, fields, hidden):
    out = "%s\n" % errors
    if errors and not fields:
        out += "\n  <p>%s</p>\n" % hidden
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  %s\n  <p%s>\n    %s\n    %s\n    " % (
            field_errors, _css_attr(bf), bf.label_tag() if bf.label else "", bf)
        if bf.help_text:
            out += "\n      %s\n    " % _help_text_html(bf, "span")
        out += "\n    "
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n  </p>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_ul(errors, fields, hidden):
    out = ""
    if errors:
        out += "\n  <li>\n    %s\n  " % errors
        if not fields:
            out += "\n    %s\n  " % hidden
        out += "\n  </li>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <li%s>\n    %s\n    %s\n    %s\n    " % (
            _css_attr(bf), field_errors, bf.label_tag() if bf.label else "", bf)
        if bf.help_text:
            out += "\n      %s\n    " % _help_text_html(bf, "span")
        out += "\n    "
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n  </li>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_table(errors, fields, hidden):
    out = ""
    if errors:
        out += '\n  <tr>\n    <td colspan="2">\n      %s\n      ' % errors
        if not fields:
            out += "\n        %s\n      " % hidden
        out += "\n    </td>\n  </tr>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <tr%s>\n    <th>%s</th>\n    <td>\n      %s\n      %s\n      " % (
            _css_attr(bf), bf.label_tag() if bf.label else "", field_errors, bf)
        if bf.help_text:
            out += "\n        <br>\n        %s\n      " % _help_text_html(bf, "span")
        out += "\n      "
        if i == len(fields) - 1:
            out += "\n        %s\n      " % hidden
        out += "\n    </td>\n  </tr>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


_FORM_TEMPLATES = {
    "django/forms/div.html": _render_div,
    "django/forms/p.html": _render_p,
    "django/forms/ul.html": _render_ul,
    "django/forms/table.html": _render_table,
    "django/forms/default.html": _render_div,
}


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collect the Field attributes of a Form class (and its bases) into
    `base_fields`, in declaration order; a base's field set to None is removed."""

    def __new__(mcs, name, bases, attrs):
        attrs["declared_fields"] = {
            key: attrs.pop(key) for key, value in list(attrs.items())
            if isinstance(value, Field)
        }
        new_class = super().__new__(mcs, name, bases, attrs)
        declared_fields = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                declared_fields.update(base.declared_fields)
            for attr, value in base.__dict__.items():
                if value is None and attr in declared_fields:
                    declared_fields.pop(attr)
        new_class.base_fields = declared_fields
        new_class.declared_fields = declared_fields
        return new_class


class BaseForm:
    """The form machinery without the declarative metaclass (see Form)."""

    default_renderer = None
    field_order = None
    prefix = None
    use_required_attribute = True
    template_name_div = "django/forms/div.html"
    template_name_p = "django/forms/p.html"
    template_name_table = "django/forms/table.html"
    template_name_ul = "django/forms/ul.html"
    template_name_label = "django/forms/label.html"
    template_name = "django/forms/div.html"
    bound_field_class = None

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, field_order=None, use_required_attribute=None,
                 renderer=None, bound_field_class=None):
        import copy

        self.is_bound = data is not None or files is not None
        self.data = MultiValueDict() if data is None else data
        self.files = MultiValueDict() if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else ":"
        self.empty_permitted = empty_permitted
        self._errors = None
        self.fields = copy.deepcopy(self.base_fields)
        self._bound_fields_cache = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError("The empty_permitted and use_required_attribute arguments "
                             "may not both be True.")
        self.renderer = renderer or self.default_renderer
        self.bound_field_class = bound_field_class or self.bound_field_class

    def order_fields(self, field_order):
        """Put the fields named in field_order first; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            if key in self.fields:
                fields[key] = self.fields.pop(key)
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self):
        is_valid = "Unknown" if self._errors is None else (
            self.is_bound and not self._errors)
        return "<%s bound=%s, valid=%s, fields=(%s)>" % (
            type(self).__name__, self.is_bound, is_valid, ";".join(self.fields))

    def _bound_items(self):
        for name in self.fields:
            yield name, self[name]

    def __iter__(self):
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name):
        """Return the BoundField `name`."""
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError("Key '%s' not found in '%s'. Choices are: %s." % (
                name, type(self).__name__, ", ".join(sorted(self.fields)))) from None
        if name not in self._bound_fields_cache:
            self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return self._bound_fields_cache[name]

    @property
    def errors(self):
        """Return the ErrorDict, cleaning the form first if needed."""
        if self._errors is None:
            self.full_clean()
        return self._errors

    def is_valid(self):
        """Return True if the form is bound and has no errors."""
        return self.is_bound and not self.errors

    def add_prefix(self, field_name):
        return "%s-%s" % (self.prefix, field_name) if self.prefix else field_name

    def add_initial_prefix(self, field_name):
        return "initial-%s" % self.add_prefix(field_name)

    def _widget_data_value(self, widget, html_name):
        return widget.value_from_datadict(self.data, self.files, html_name)

    def get_context(self):
        fields, hidden_fields = [], []
        top_errors = self.non_field_errors().copy()
        for name, bf in self._bound_items():
            if bf.is_hidden:
                if bf.errors:
                    top_errors += ["(Hidden field %(name)s) %(error)s" % {
                        "name": name, "error": str(e)} for e in bf.errors]
                hidden_fields.append(bf)
            else:
                fields.append((bf, bf.errors))
        return {"form": self, "fields": fields, "hidden_fields": hidden_fields,
                "errors": top_errors}

    def render(self, template_name=None, context=None, renderer=None):
        """Render the form with one of Django's layouts (or a named template)."""
        template_name = template_name or self.template_name
        layout = _FORM_TEMPLATES.get(template_name)
        if layout is not None and context is None:
            context = self.get_context()
            hidden = "".join(str(bf) for bf in context["hidden_fields"])
            return mark_safe(layout(context["errors"], context["fields"], hidden)
                             .strip())
        return mark_safe(get_template(template_name).render(  # noqa: F821
            context or self.get_context()).strip())

    __str__ = __html__ = render

    def as_p(self):
        return self.render(self.template_name_p)

    def as_table(self):
        return self.render(self.template_name_table)

    def as_ul(self):
        return self.render(self.template_name_ul)

    def as_div(self):
        return self.render(self.template_name_div)

    def non_field_errors(self):
        """Return the errors not tied to a field (from clean())."""
        return self.errors.get(NON_FIELD_ERRORS,
                               self.error_class(error_class="nonfield",
                                                renderer=self.renderer))

    def add_error(self, field, error):
        """Add `error` to `field` (None: the non-field errors) and drop the
        field from cleaned_data.  `error` may be a dict of field -> errors."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError("The argument `field` must be `None` when the `error` "
                                "argument contains errors for multiple fields.")
            error = error.error_dict
        else:
            error = {field or NON_FIELD_ERRORS: error.error_list}
        for field, error_list in error.items():
            if field not in self.errors:
                if field != NON_FIELD_ERRORS and field not in self.fields:
                    raise ValueError("'%s' has no field named '%s'." % (
                        type(self).__name__, field))
                if field == NON_FIELD_ERRORS:
                    self._errors[field] = self.error_class(error_class="nonfield",
                                                           renderer=self.renderer)
                else:
                    self._errors[field] = self.error_class(
                        renderer=self.renderer, field_id=self[field].auto_id)
            self._errors[field].extend(error_list)
            if field in self.cleaned_data:
                del self.cleaned_data[field]

    def has_error(self, field, code=None):
        return field in self.errors and (
            code is None
            or any(error.code == code for error in self.errors.as_data()[field]))

    def full_clean(self):
        """Clean every field, then the form; fill errors and cleaned_data."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self):
        for name, bf in self._bound_items():
            try:
                self.cleaned_data[name] = bf.field._clean_bound_field(bf)
                if hasattr(self, "clean_%s" % name):
                    self.cleaned_data[name] = getattr(self, "clean_%s" % name)()
            except ValidationError as e:
                self.add_error(name, e)

    def _clean_form(self):
        try:
            cleaned_data = self.clean()
        except ValidationError as e:
            self.add_error(None, e)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self):
        """Hook for work after clean() (ModelForm validates the instance here)."""

    def clean(self):
        """Hook for cross-field validation; return cleaned_data."""
        return self.cleaned_data

    def has_changed(self):
        """Return True if any field's data differs from its initial value."""
        return bool(self.changed_data)

    @cached_property
    def changed_data(self):
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    @property
    def media(self):
        media = Media()
        for field in self.fields.values():
            media += field.widget.media
        return media

    def is_multipart(self):
        """Return True if the form needs enctype="multipart/form-data"."""
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self):
        return [field for field in self if field.is_hidden]

    def visible_fields(self):
        return [field for field in self if not field.is_hidden]

    def get_initial_for_field(self, field, field_name):
        """Return the initial value: form initial, then field initial (called
        if callable); microseconds dropped for widgets without them."""
        import datetime

        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        if (isinstance(value, (datetime.datetime, datetime.time))
                and not field.widget.supports_microseconds):
            value = value.replace(microsecond=0)
        return value


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of declared Fields: validate data, render HTML.

        class ContactForm(Form):
            email = EmailField()
            message = CharField(widget=Textarea)

        form = ContactForm(request.POST)
        if form.is_valid():
            send(form.cleaned_data["email"], form.cleaned_data["message"])
    """


# -- Formsets: many copies of one form, counted by a hidden management form.

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """The hidden TOTAL_FORMS/INITIAL_FORMS/... inputs of a formset."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput)
    INITIAL_FORMS = IntegerField(widget=HiddenInput)
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned_data.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned_data


class BaseFormSet:
    """A list of forms of one class; see formset_factory()."""

    deletion_widget = CheckboxInput
    ordering_widget = NumberInput
    renderer = None
    default_error_messages = {
        "missing_management_form": (
            "ManagementForm data is missing or has been tampered with. Missing "
            "fields: %(field_names)s. You may need to file a bug report if the issue "
            "persists."),
        "too_many_forms": _PluralMessage("Please submit at most %(num)d form.",
                                         "Please submit at most %(num)d forms.", "num"),
        "too_few_forms": _PluralMessage("Please submit at least %(num)d form.",
                                        "Please submit at least %(num)d forms.", "num"),
    }
    template_name = "django/forms/formsets/div.html"
    template_name_div = "django/forms/formsets/div.html"
    template_name_p = "django/forms/formsets/p.html"
    template_name_table = "django/forms/formsets/table.html"
    template_name_ul = "django/forms/formsets/ul.html"

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, form_kwargs=None,
                 error_messages=None):
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data = data or {}
        self.files = files or {}
        self.initial = initial
        self.form_kwargs = form_kwargs or {}
        self.error_class = error_class
        self._errors = None
        self._non_form_errors = None
        self.form_renderer = self.renderer
        messages = {}
        for cls in reversed(type(self).__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        if error_messages is not None:
            messages.update(error_messages)
        self.error_messages = messages

    def __iter__(self):
        return iter(self.forms)

    def __getitem__(self, index):
        return self.forms[index]

    def __len__(self):
        return len(self.forms)

    def __bool__(self):
        return True

    def __repr__(self):
        if self._errors is None:
            is_valid = "Unknown"
        else:
            is_valid = (self.is_bound and not self._non_form_errors
                        and not any(form_errors for form_errors in self._errors))
        return "<%s: bound=%s valid=%s total_forms=%s>" % (
            type(self).__qualname__, self.is_bound, is_valid, self.total_form_count())

    @cached_property
    def management_form(self):
        """Return the ManagementForm (bound to the data when the formset is)."""
        if self.is_bound:
            form = ManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix,
                                  renderer=self.renderer)
            form.full_clean()
        else:
            form = ManagementForm(auto_id=self.auto_id, prefix=self.prefix, initial={
                TOTAL_FORM_COUNT: self.total_form_count(),
                INITIAL_FORM_COUNT: self.initial_form_count(),
                MIN_NUM_FORM_COUNT: self.min_num,
                MAX_NUM_FORM_COUNT: self.max_num,
            }, renderer=self.renderer)
        return form

    def total_form_count(self):
        """Return how many forms the formset has (capped by absolute_max)."""
        if self.is_bound:
            return min(self.management_form.cleaned_data[TOTAL_FORM_COUNT],
                       self.absolute_max)
        initial_forms = self.initial_form_count()
        total_forms = max(initial_forms, self.min_num) + self.extra
        if initial_forms > self.max_num >= 0:
            total_forms = initial_forms
        elif total_forms > self.max_num >= 0:
            total_forms = self.max_num
        return total_forms

    def initial_form_count(self):
        if self.is_bound:
            return self.management_form.cleaned_data[INITIAL_FORM_COUNT]
        return len(self.initial) if self.initial else 0

    @cached_property
    def forms(self):
        return [self._construct_form(i, **self.get_form_kwargs(i))
                for i in range(self.total_form_count())]

    def get_form_kwargs(self, index):
        return self.form_kwargs.copy()

    def _construct_form(self, i, **kwargs):
        defaults = {
            "auto_id": self.auto_id, "prefix": self.add_prefix(i),
            "error_class": self.error_class, "use_required_attribute": False,
            "renderer": self.form_renderer,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs:
            try:
                defaults["initial"] = self.initial[i]
            except IndexError:
                pass
        if i >= self.initial_form_count() and i >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, i)
        return form

    @property
    def initial_forms(self):
        return self.forms[:self.initial_form_count()]

    @property
    def extra_forms(self):
        return self.forms[self.initial_form_count():]

    @property
    def empty_form(self):
        form = self.form(**{
            **self.get_form_kwargs(None), "auto_id": self.auto_id,
            "prefix": self.add_prefix("__prefix__"), "empty_permitted": True,
            "use_required_attribute": False, "renderer": self.form_renderer,
        })
        self.add_fields(form, None)
        return form

    @property
    def cleaned_data(self):
        if not self.is_valid():
            raise AttributeError("'%s' object has no attribute 'cleaned_data'"
                                 % type(self).__name__)
        return [form.cleaned_data for form in self.forms]

    @property
    def deleted_forms(self):
        if not self.is_valid() or not self.can_delete:
            return []
        if not hasattr(self, "_deleted_form_indexes"):
            self._deleted_form_indexes = [
                i for i, form in enumerate(self.forms)
                if not (i >= self.initial_form_count() and not form.has_changed())
                and self._should_delete_form(form)
            ]
        return [self.forms[i] for i in self._deleted_form_indexes]

    @property
    def ordered_forms(self):
        if not self.is_valid() or not self.can_order:
            raise AttributeError("'%s' object has no attribute 'ordered_forms'"
                                 % type(self).__name__)
        if not hasattr(self, "_ordering"):
            self._ordering = []
            for i, form in enumerate(self.forms):
                if i >= self.initial_form_count() and not form.has_changed():
                    continue
                if self.can_delete and self._should_delete_form(form):
                    continue
                self._ordering.append((i, form.cleaned_data[ORDERING_FIELD_NAME]))
            self._ordering.sort(key=lambda k: (1, 0) if k[1] is None else (0, k[1]))
        return [self.forms[i[0]] for i in self._ordering]

    @classmethod
    def get_default_prefix(cls):
        return "form"

    @classmethod
    def get_deletion_widget(cls):
        return cls.deletion_widget

    @classmethod
    def get_ordering_widget(cls):
        return cls.ordering_widget

    def non_form_errors(self):
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors

    @property
    def errors(self):
        if self._errors is None:
            self.full_clean()
        return self._errors

    def total_error_count(self):
        return len(self.non_form_errors()) + sum(len(e) for e in self.errors)

    def _should_delete_form(self, form):
        return form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def is_valid(self):
        """Return True if every form (not marked for deletion) is valid."""
        if not self.is_bound:
            return False
        self.errors
        forms_valid = all([form.is_valid() for form in self.forms
                           if not (self.can_delete and self._should_delete_form(form))])
        return forms_valid and not self.non_form_errors()

    def full_clean(self):
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform",
                                                 renderer=self.renderer)
        empty_forms_count = 0
        if not self.is_bound:
            return
        if not self.management_form.is_valid():
            self._non_form_errors.append(ValidationError(
                self.error_messages["missing_management_form"],
                params={"field_names": ", ".join(
                    self.management_form.add_prefix(name)
                    for name in self.management_form.errors)},
                code="missing_management_form"))
        for i, form in enumerate(self.forms):
            if not form.has_changed() and i >= self.initial_form_count():
                empty_forms_count += 1
            form_errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                continue
            self._errors.append(form_errors)
        try:
            if (self.validate_max and self.total_form_count() - len(self.deleted_forms)
                    > self.max_num) or self.management_form.cleaned_data[
                    TOTAL_FORM_COUNT] > self.absolute_max:
                raise ValidationError(
                    self.error_messages["too_many_forms"] % {"num": self.max_num},
                    code="too_many_forms")
            if (self.validate_min and self.total_form_count() - len(self.deleted_forms)
                    - empty_forms_count < self.min_num):
                raise ValidationError(
                    self.error_messages["too_few_forms"] % {"num": self.min_num},
                    code="too_few_forms")
            self.clean()
        except ValidationError as e:
            self._non_form_errors = self.error_class(
                e.error_list, error_class="nonform", renderer=self.renderer)

    def clean(self):
        """Hook for validation across forms; raise ValidationError."""

    def has_changed(self):
        return any(form.has_changed() for form in self)

    def add_fields(self, form, index):
        """Add the ORDER and DELETE fields when can_order / can_delete."""
        initial_form_count = self.initial_form_count()
        if self.can_order:
            if index is not None and index < initial_form_count:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", initial=index + 1, required=False,
                    widget=self.get_ordering_widget())
            else:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", required=False, widget=self.get_ordering_widget())
        if self.can_delete and (self.can_delete_extra or (
                index is not None and index < initial_form_count)):
            form.fields[DELETION_FIELD_NAME] = BooleanField(
                label="Delete", required=False, widget=self.get_deletion_widget())

    def add_prefix(self, index):
        return "%s-%s" % (self.prefix, index)

    def is_multipart(self):
        if self.forms:
            return self.forms[0].is_multipart()
        return self.empty_form.is_multipart()

    @property
    def media(self):
        return self.forms[0].media if self.forms else self.empty_form.media

    def get_context(self):
        return {"formset": self}

    def render(self, template_name=None, context=None, renderer=None):
        """Render the management form, then every form in the chosen layout."""
        template_name = template_name or self.template_name
        layouts = {
            "django/forms/formsets/div.html": "as_div",
            "django/forms/formsets/p.html": "as_p",
            "django/forms/formsets/table.html": "as_table",
            "django/forms/formsets/ul.html": "as_ul",
            "django/forms/formsets/default.html": "as_div",
        }
        method = layouts.get(template_name)
        if method is not None and context is None:
            html = str(self.management_form) + "".join(
                getattr(form, method)() for form in self)
            return mark_safe(html.strip())
        return mark_safe(get_template(template_name).render(  # noqa: F821
            context or self.get_context()).strip())

    __str__ = __html__ = render

    def as_p(self):
        return self.render(self.template_name_p)

    def as_table(self):
        return self.render(self.template_name_table)

    def as_ul(self):
        return self.render(self.template_name_ul)

    def as_div(self):
        return self.render(self.template_name_div)


def formset_factory(form, formset=BaseFormSet, extra=1, can_order=False,
                    can_delete=False, max_num=None, validate_max=False, min_num=None,
                    validate_min=False, absolute_max=None, can_delete_extra=True,
                    renderer=None):
    """Return a FormSet class for `form`."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("'absolute_max' must be greater or equal to 'max_num'.")
    attrs = {
        "form": form, "extra": extra, "can_order": can_order,
        "can_delete": can_delete, "can_delete_extra": can_delete_extra,
        "min_num": min_num, "max_num": max_num, "absolute_max": absolute_max,
        "validate_min": validate_min, "validate_max": validate_max,
        "renderer": renderer,
    }
    name = form.__name__
    formset_name = name + "Set" if name.endswith("Form") else name + "FormSet"
    return type(formset_name, (formset,), attrs)


def all_valid(formsets):
    """Validate every formset (all of them, no short-circuit)."""
    return all([formset.is_valid() for formset in formsets])


# -- Model forms: fields from a model's fields (Model field .formfield()),
#    choices from a queryset, and save() back to the instance.  Only Django's
#    public ORM API is used: _meta, queryset.all()/get()/filter(), save().

__all__ += [
    "ModelChoiceField", "ModelMultipleChoiceField", "ModelChoiceIterator",
    "ModelForm", "BaseModelForm", "modelform_factory", "model_to_dict",
    "fields_for_model", "construct_instance", "BaseModelFormSet",
    "modelformset_factory",
]

ALL_FIELDS = "__all__"


class ModelChoiceIteratorValue:
    """An option value that remembers its model instance."""

    def __init__(self, value, instance):
        self.value = value
        self.instance = instance

    def __str__(self):
        return str(self.value)

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        if isinstance(other, ModelChoiceIteratorValue):
            other = other.value
        return self.value == other


class ModelChoiceIterator:
    """Yield (pk, label) choices from the field's queryset, lazily."""

    def __init__(self, field):
        self.field = field
        self.queryset = field.queryset

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or self.queryset.exists()

    def choice(self, obj):
        return (ModelChoiceIteratorValue(self.field.prepare_value(obj), obj),
                self.field.label_from_instance(obj))


class ModelChoiceField(ChoiceField):
    """One object of `queryset`, chosen by primary key (or to_field_name)."""

    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. That choice is not one of the available choices."),
    }
    iterator = ModelChoiceIterator

    def __init__(self, queryset, *, empty_label="---------", required=True,
                 widget=None, label=None, initial=None, help_text="",
                 to_field_name=None, limit_choices_to=None, blank=False, **kwargs):
        Field.__init__(self, required=required, widget=widget, label=label,
                       initial=initial, help_text=help_text, **kwargs)
        if (required and initial is not None) or (
                isinstance(self.widget, RadioSelect) and not blank):
            self.empty_label = None
        else:
            self.empty_label = empty_label
        self.queryset = queryset
        self.limit_choices_to = limit_choices_to
        self.to_field_name = to_field_name

    def get_limit_choices_to(self):
        if callable(self.limit_choices_to):
            return self.limit_choices_to()
        return self.limit_choices_to

    def __deepcopy__(self, memo):
        result = Field.__deepcopy__(self, memo)
        if self.queryset is not None:
            result.queryset = self.queryset.all()
        return result

    @property
    def queryset(self):
        return self._queryset

    @queryset.setter
    def queryset(self, queryset):
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    def label_from_instance(self, obj):
        """Return the option label for `obj` (str(obj); override to change)."""
        return str(obj)

    @property
    def choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        return self.iterator(self)

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = _normalize_choices(value)

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            if self.to_field_name:
                return getattr(value, self.to_field_name)
            return value.pk
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        ProhibitNullCharactersValidator()(value)
        model = self.queryset.model
        try:
            key = self.to_field_name or "pk"
            if isinstance(value, model):
                value = getattr(value, key)
            value = self.queryset.get(**{key: value})
        except (ValueError, TypeError, OverflowError, model.DoesNotExist,
                ValidationError):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})\
                from None
        return value

    def validate(self, value):
        return Field.validate(self, value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    """A queryset of objects from `queryset`, chosen by primary keys."""

    widget = SelectMultiple
    hidden_widget = MultipleHiddenInput
    default_error_messages = {
        "invalid_list": "Enter a list of values.",
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_pk_value": "“%(pk)s” is not a valid value.",
    }

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value):
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list")
        qs = self._check_values(value)
        self.run_validators(value)
        return qs

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list") from None
        for pk in value:
            ProhibitNullCharactersValidator()(pk)
            try:
                self.queryset.filter(**{key: pk})
            except (ValueError, TypeError, OverflowError, ValidationError):
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk})\
                    from None
        qs = self.queryset.filter(**{"%s__in" % key: value})
        pks = {str(getattr(o, key)) for o in qs}
        for val in value:
            if str(val) not in pks:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": val})
        return qs

    def prepare_value(self, value):
        if (hasattr(value, "__iter__") and not isinstance(value, str)
                and not hasattr(value, "_meta")):
            prepare = super().prepare_value
            return [prepare(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return ({str(v) for v in self.prepare_value(initial)}
                != {str(v) for v in data})


def _is_model_field_of(field, *names):
    return any(cls.__name__ in names for cls in type(field).__mro__)


def construct_instance(form, instance, fields=None, exclude=None):
    """Copy the form's cleaned_data onto `instance` (not saved)."""
    opts = instance._meta
    cleaned_data = form.cleaned_data
    file_fields = []
    for f in opts.fields:
        if (not f.editable or _is_model_field_of(f, "AutoField")
                or f.name not in cleaned_data):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        # A field left out of the POST keeps its model default (checkboxes,
        # which are never "omitted", excepted).
        if (f.has_default() and form[f.name].field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(f.name))
                and cleaned_data.get(f.name) in form[f.name].field.empty_values):
            continue
        if _is_model_field_of(f, "FileField"):
            file_fields.append(f)
        else:
            f.save_form_data(instance, cleaned_data[f.name])
    for f in file_fields:
        f.save_form_data(instance, cleaned_data[f.name])
    return instance


def _model_form_fields(opts):
    fields = list(opts.concrete_fields)
    fields += [f for f in getattr(opts, "private_fields", ())
               if hasattr(f, "formfield")]
    fields += list(opts.many_to_many)
    return fields


def model_to_dict(instance, fields=None, exclude=None):
    """Return {field name: value} of an instance's editable fields, as a
    form's `initial`."""
    data = {}
    for f in _model_form_fields(instance._meta):
        if not getattr(f, "editable", False):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        data[f.name] = f.value_from_object(instance)
    return data


def fields_for_model(model, fields=None, exclude=None, widgets=None,
                     formfield_callback=None, localized_fields=None, labels=None,
                     help_texts=None, error_messages=None, field_classes=None, *,
                     apply_limit_choices_to=True, form_declared_fields=None):
    """Return {name: form field} for a model's editable fields."""
    form_declared_fields = form_declared_fields or {}
    field_dict, ignored = {}, []
    model_fields = _model_form_fields(model._meta)
    try:
        model_fields = sorted(model_fields)
    except TypeError:
        model_fields.sort(key=lambda f: getattr(f, "creation_counter", 0))
    for f in model_fields:
        if not getattr(f, "editable", False):
            if fields is not None and f.name in fields and (
                    exclude is None or f.name not in exclude):
                raise FieldError(
                    "'%s' cannot be specified for %s model form as it is a "
                    "non-editable field" % (f.name, model.__name__))
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        if f.name in form_declared_fields:
            field_dict[f.name] = form_declared_fields[f.name]
            continue
        kwargs = {}
        if widgets and f.name in widgets:
            kwargs["widget"] = widgets[f.name]
        if localized_fields == ALL_FIELDS or (localized_fields
                                              and f.name in localized_fields):
            kwargs["localize"] = True
        if labels and f.name in labels:
            kwargs["label"] = labels[f.name]
        if help_texts and f.name in help_texts:
            kwargs["help_text"] = help_texts[f.name]
        if error_messages and f.name in error_messages:
            kwargs["error_messages"] = error_messages[f.name]
        if field_classes and f.name in field_classes:
            kwargs["form_class"] = field_classes[f.name]
        if formfield_callback is None:
            formfield = f.formfield(**kwargs)
        elif not callable(formfield_callback):
            raise TypeError("formfield_callback must be a function or callable")
        else:
            formfield = formfield_callback(f, **kwargs)
        if formfield:
            if apply_limit_choices_to:
                _apply_limit_choices_to(formfield)
            field_dict[f.name] = formfield
        else:
            ignored.append(f.name)
    if fields:
        field_dict = {f: field_dict.get(f) for f in fields
                      if (not exclude or f not in exclude) and f not in ignored}
    return field_dict


def _apply_limit_choices_to(formfield):
    if hasattr(formfield, "queryset") and hasattr(formfield, "get_limit_choices_to"):
        limit = formfield.get_limit_choices_to()
        if limit:
            formfield.queryset = formfield.queryset.filter(**limit) if isinstance(
                limit, dict) else formfield.queryset.filter(limit)


class ModelFormOptions:
    def __init__(self, options=None):
        for name in ("model", "fields", "exclude", "widgets", "localized_fields",
                     "labels", "help_texts", "error_messages", "field_classes",
                     "formfield_callback"):
            setattr(self, name, getattr(options, name, None))


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    """Build a ModelForm's fields from Meta.model, Meta.fields/exclude."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        if bases == (BaseModelForm,):
            return new_class
        opts = new_class._meta = ModelFormOptions(getattr(new_class, "Meta", None))
        for opt in ["fields", "exclude", "localized_fields"]:
            value = getattr(opts, opt)
            if isinstance(value, str) and value != ALL_FIELDS:
                raise TypeError(
                    "%(model)s.Meta.%(opt)s cannot be a string. Did you mean to type: "
                    "('%(value)s',)?" % {"model": new_class.__name__, "opt": opt,
                                         "value": value})
        if opts.model:
            if opts.fields is None and opts.exclude is None:
                raise ImproperlyConfigured(
                    "Creating a ModelForm without either the 'fields' attribute or "
                    "the 'exclude' attribute is prohibited; form %s needs updating."
                    % name)
            if opts.fields == ALL_FIELDS:
                opts.fields = None
            fields = fields_for_model(
                opts.model, opts.fields, opts.exclude, opts.widgets,
                opts.formfield_callback, opts.localized_fields, opts.labels,
                opts.help_texts, opts.error_messages, opts.field_classes,
                apply_limit_choices_to=False,
                form_declared_fields=new_class.declared_fields)
            missing = {k for k, v in fields.items() if not v}.difference(
                new_class.declared_fields)
            if missing:
                raise FieldError("Unknown field(s) (%s) specified for %s" % (
                    ", ".join(sorted(missing)), opts.model.__name__))
            fields.update(new_class.declared_fields)
        else:
            fields = new_class.declared_fields
        new_class.base_fields = fields
        return new_class


class BaseModelForm(BaseForm):
    """A form bound to a model instance (see ModelForm)."""

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, instance=None, use_required_attribute=None,
                 renderer=None):
        opts = self._meta
        if opts.model is None:
            raise ValueError("ModelForm has no model class specified.")
        if instance is None:
            self.instance = opts.model()
            object_data = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, opts.fields, opts.exclude)
        if initial is not None:
            object_data.update(initial)
        self._validate_unique = False
        super().__init__(data, files, auto_id, prefix, object_data, error_class,
                         label_suffix, empty_permitted,
                         use_required_attribute=use_required_attribute,
                         renderer=renderer)
        for formfield in self.fields.values():
            _apply_limit_choices_to(formfield)

    def _get_validation_exclusions(self):
        exclude = set()
        for f in self.instance._meta.fields:
            name = f.name
            if name not in self.fields:
                exclude.add(name)
            elif self._meta.fields and name not in self._meta.fields:
                exclude.add(name)
            elif self._meta.exclude and name in self._meta.exclude:
                exclude.add(name)
            elif name in self._errors:
                exclude.add(name)
            else:
                form_field = self.fields[name]
                value = self.cleaned_data.get(name)
                if not f.blank and not form_field.required and (
                        value in form_field.empty_values):
                    exclude.add(name)
        return exclude

    def clean(self):
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors):
        opts = self._meta
        error_dict = errors.error_dict if hasattr(errors, "error_dict") else {
            NON_FIELD_ERRORS: errors}
        for field, messages in error_dict.items():
            if (field == NON_FIELD_ERRORS and opts.error_messages
                    and NON_FIELD_ERRORS in opts.error_messages):
                error_messages = opts.error_messages[NON_FIELD_ERRORS]
            elif field in self.fields:
                error_messages = self.fields[field].error_messages
            else:
                continue
            for message in messages:
                if isinstance(message, ValidationError) and (
                        message.code in error_messages):
                    message.message = error_messages[message.code]
        self.add_error(None, errors)

    def _post_clean(self):
        opts = self._meta
        exclude = self._get_validation_exclusions()
        try:
            self.instance = construct_instance(self, self.instance, opts.fields,
                                               opts.exclude)
        except ValidationError as e:
            self._update_errors(e)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as e:
            self._update_errors(e)
        if self._validate_unique:
            self.validate_unique()

    def validate_unique(self):
        """Run the instance's validate_unique() and record its errors."""
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions())
        except ValidationError as e:
            self._update_errors(e)

    def _save_m2m(self):
        cleaned_data = self.cleaned_data
        exclude, fields = self._meta.exclude, self._meta.fields
        opts = self.instance._meta
        for f in list(opts.many_to_many) + list(getattr(opts, "private_fields", ())):
            if not hasattr(f, "save_form_data"):
                continue
            if fields and f.name not in fields:
                continue
            if exclude and f.name in exclude:
                continue
            if f.name in cleaned_data:
                f.save_form_data(self.instance, cleaned_data[f.name])

    def save(self, commit=True):
        """Save the instance (and its many-to-many data) and return it.

        With commit=False the instance is returned unsaved and the form gets
        a save_m2m() method to call after saving it.
        """
        if self.errors:
            raise ValueError(
                "The %s could not be %s because the data didn't validate." % (
                    self.instance._meta.object_name,
                    "created" if self.instance._state.adding else "changed"))
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance

    save.alters_data = True


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    """A Form whose fields come from a model (class Meta: model, fields)."""


def modelform_factory(model, form=ModelForm, fields=None, exclude=None,
                      formfield_callback=None, widgets=None, localized_fields=None,
                      labels=None, help_texts=None, error_messages=None,
                      field_classes=None):
    """Return a ModelForm class for `model`."""
    attrs = {"model": model}
    for name, value in (("fields", fields), ("exclude", exclude),
                        ("widgets", widgets), ("localized_fields", localized_fields),
                        ("labels", labels), ("help_texts", help_texts),
                        ("error_messages", error_messages),
                        ("field_classes", field_classes)):
        if value is not None:
            attrs[name] = value
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    Meta = type("Meta", bases, attrs)
    if formfield_callback:
        Meta.formfield_callback = staticmethod(formfield_callback)
    if getattr(Meta, "fields", None) is None and getattr(Meta, "exclude", None) is None:
        raise ImproperlyConfigured("Calling modelform_factory without defining "
                                   "'fields' or 'exclude' explicitly is prohibited.")
    return type(form)(model.__name__ + "Form", (form,), {"Meta": Meta})


class BaseModelFormSet(BaseFormSet):
    """A formset editing the objects of a queryset (plus extra new ones)."""

    model = None
    edit_only = False
    unique_fields = set()

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 queryset=None, *, initial=None, **kwargs):
        self.queryset = queryset
        self.initial_extra = initial
        super().__init__(data=data, files=files, auto_id=auto_id, prefix=prefix,
                         **kwargs)

    def initial_form_count(self):
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk):
        if not hasattr(self, "_object_dict"):
            self._object_dict = {o.pk: o for o in self.get_queryset()}
        return self._object_dict.get(pk)

    def _get_to_python(self, field):
        while field.remote_field is not None:
            field = field.remote_field.get_related_field()
        return field.to_python

    def _construct_form(self, i, **kwargs):
        pk_required = i < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_key = "%s-%s" % (self.add_prefix(i), self.model._meta.pk.name)
                try:
                    pk = self.data[pk_key]
                except KeyError:
                    pass
                else:
                    try:
                        pk = self.model._meta.pk.to_python(pk)
                    except ValidationError:
                        pass
                    else:
                        kwargs["instance"] = self._existing_object(pk)
            else:
                kwargs["instance"] = self.get_queryset()[i]
        elif self.initial_extra:
            try:
                kwargs["initial"] = self.initial_extra[i - self.initial_form_count()]
            except IndexError:
                pass
        form = super()._construct_form(i, **kwargs)
        if pk_required:
            form.fields[self.model._meta.pk.name].required = True
        return form

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            qs = self.queryset if self.queryset is not None else (
                self.model._default_manager.get_queryset())
            if not qs.ordered:
                qs = qs.order_by(self.model._meta.pk.name)
            self._queryset = list(qs)
        return self._queryset

    def save_new(self, form, commit=True):
        return form.save(commit=commit)

    def save_existing(self, form, obj, commit=True):
        return form.save(commit=commit)

    def delete_existing(self, obj, commit=True):
        if commit:
            obj.delete()

    def save(self, commit=True):
        """Save changed and new objects (and delete those marked DELETE)."""
        if not commit:
            self.saved_forms = []

            def save_m2m():
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        if self.edit_only:
            return self.save_existing_objects(commit)
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    save.alters_data = True

    def save_existing_objects(self, commit=True):
        self.changed_objects, self.deleted_objects = [], []
        if not self.initial_forms:
            return []
        saved = []
        for form in self.initial_forms:
            obj = form.instance
            if obj.pk is None:
                continue
            if form in self.deleted_forms:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit=True):
        self.new_objects = []
        for form in self.extra_forms:
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def add_fields(self, form, index):
        """Add the hidden primary key field to every form."""
        pk = self.model._meta.pk
        if form.is_bound:
            pk_value = None if form.instance._state.adding else form.instance.pk
        elif index is not None:
            pk_value = self.get_queryset()[index].pk if (
                index < self.initial_form_count()) else None
        else:
            pk_value = None
        qs = self.model._default_manager.get_queryset()
        form.fields[pk.name] = ModelChoiceField(qs, initial=pk_value, required=False,
                                                widget=HiddenInput)
        super().add_fields(form, index)


def modelformset_factory(model, form=ModelForm, formfield_callback=None,
                         formset=BaseModelFormSet, extra=1, can_delete=False,
                         can_order=False, max_num=None, fields=None, exclude=None,
                         widgets=None, validate_max=False, localized_fields=None,
                         labels=None, help_texts=None, error_messages=None,
                         min_num=None, validate_min=False, field_classes=None,
                         absolute_max=None, can_delete_extra=True, renderer=None,
                         edit_only=False):
    """Return a FormSet class editing `model` objects."""
    meta = getattr(form, "Meta", None)
    if (getattr(meta, "fields", fields) is None
            and getattr(meta, "exclude", exclude) is None):
        raise ImproperlyConfigured("Calling modelformset_factory without defining "
                                   "'fields' or 'exclude' explicitly is prohibited.")
    form = modelform_factory(model, form=form, fields=fields, exclude=exclude,
                             formfield_callback=formfield_callback, widgets=widgets,
                             localized_fields=localized_fields, labels=labels,
                             help_texts=help_texts, error_messages=error_messages,
                             field_classes=field_classes)
    FormSet = formset_factory(form, formset, extra=extra, min_num=min_num,
                              max_num=max_num, can_order=can_order,
                              can_delete=can_delete, validate_min=validate_min,
                              validate_max=validate_max, absolute_max=absolute_max,
                              can_delete_extra=can_delete_extra, renderer=renderer)
    FormSet.model = model
    FormSet.edit_only = edit_only
    return FormSet

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
        "EMPTY_VALUES BaseValidator ip_address_validators "
        "validate_image_file_extension get_available_image_extensions "
        "MinLengthValidator MaxLengthValidator MinValueValidator "
        "MaxValueValidator RegexValidator EmailValidator URLValidator "
        "validate_email validate_slug validate_unicode_slug "
        "validate_ipv4_address validate_ipv6_address validate_ipv46_address "
        "validate_integer DecimalValidator FileExtensionValidator "
        "ProhibitNullCharactersValidator StepValueValidator"),
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
        "SplitDateTimeWidget SplitHiddenDateTimeWidget MultiWidget ColorInput "
        "SearchInput TelInput Input ChoiceWidget ComboField MultiValueField "
        "SplitDateTimeField ModelChoiceIterator all_valid model_to_dict "
        "fields_for_model DeclarativeFieldsMetaclass BoundWidget Form BaseForm "
        "ModelForm BaseModelForm Field CharField IntegerField FloatField "
        "DecimalField BooleanField NullBooleanField ChoiceField "
        "TypedChoiceField MultipleChoiceField TypedMultipleChoiceField "
        "DateField DateTimeField TimeField DurationField EmailField URLField "
        "SlugField RegexField UUIDField JSONField GenericIPAddressField "
        "FileField ImageField ModelChoiceField ModelMultipleChoiceField Widget "
        "TextInput NumberInput EmailInput URLInput PasswordInput HiddenInput "
        "Textarea CheckboxInput Select SelectMultiple RadioSelect "
        "CheckboxSelectMultiple DateInput DateTimeInput TimeInput FileInput "
        "ClearableFileInput NullBooleanSelect MultipleHiddenInput "
        "ValidationError formset_factory modelform_factory modelformset_factory "
        "BaseFormSet BaseModelFormSet BoundField Media ErrorList ErrorDict"),
    "django.forms.boundfield": _names("BoundField BoundWidget"),
    "django.utils.duration": _names("duration_string"),
    "django.utils.ipv6": _names(
        "clean_ipv6_address is_valid_ipv6_address MAX_IPV6_ADDRESS_LENGTH"),
    "django.forms.forms": _names(
        "DeclarativeFieldsMetaclass Form BaseForm"),
    "django.forms.fields": _names(
        "IntegerField FloatField DecimalField BooleanField NullBooleanField "
        "ChoiceField TypedChoiceField MultipleChoiceField "
        "TypedMultipleChoiceField DateField DateTimeField TimeField "
        "DurationField EmailField URLField SlugField RegexField UUIDField "
        "JSONField GenericIPAddressField FileField ImageField ComboField "
        "MultiValueField SplitDateTimeField Field CharField"),
    "django.forms.widgets": _names(
        "Media MediaDefiningClass TextInput NumberInput EmailInput URLInput "
        "ColorInput SearchInput TelInput PasswordInput HiddenInput "
        "MultipleHiddenInput FileInput ClearableFileInput DateInput "
        "DateTimeInput TimeInput CheckboxInput ChoiceWidget Select "
        "NullBooleanSelect SelectMultiple RadioSelect CheckboxSelectMultiple "
        "MultiWidget SplitDateTimeWidget SplitHiddenDateTimeWidget Widget Input "
        "Textarea"),
    "django.forms.models": _names(
        "ModelChoiceIterator construct_instance ModelFormMetaclass ALL_FIELDS "
        "ModelForm BaseModelForm modelform_factory modelformset_factory "
        "BaseModelFormSet ModelChoiceField ModelMultipleChoiceField "
        "model_to_dict fields_for_model"),
    "django.forms.formsets": _names(
        "all_valid ManagementForm TOTAL_FORM_COUNT INITIAL_FORM_COUNT "
        "MIN_NUM_FORM_COUNT MAX_NUM_FORM_COUNT ORDERING_FIELD_NAME "
        "DELETION_FIELD_NAME formset_factory BaseFormSet"),
    "django.forms.utils": _names(
        "pretty_name ErrorList ErrorDict flatatt"),
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

