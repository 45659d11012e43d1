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

# Signed values (django.core.signing) and the crypto helpers under them
# (django.utils.crypto).  Payloads are JSON, never pickle, so a leaked key
# lets an attacker forge data but never run code.  Salts and defaults follow
# Django exactly, so values signed by Django verify here and the reverse.

__all__ += [
    "Signer", "TimestampSigner", "BadSignature", "SignatureExpired",
    "get_random_string", "constant_time_compare", "salted_hmac",
]

_re_cache = {}


def _re(pattern, flags=0):
    """Return `pattern` compiled, compiling it on first use (keeps import fast)."""
    compiled = _re_cache.get((pattern, flags))
    if compiled is None:
        import re

        compiled = _re_cache[(pattern, flags)] = re.compile(pattern, flags)
    return compiled


class InvalidAlgorithm(ValueError):
    """The hash algorithm asked of salted_hmac() is not in hashlib."""


RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def salted_hmac(key_salt, value, secret=None, *, algorithm="sha1"):
    """Return the HMAC of `value` under a key derived from `key_salt` and
    `secret` (default: settings.SECRET_KEY)."""
    import hashlib
    import hmac

    if secret is None:
        secret = settings.SECRET_KEY
    key_salt, secret = force_bytes(key_salt), force_bytes(secret)
    try:
        hasher = getattr(hashlib, algorithm)
    except AttributeError as err:
        raise InvalidAlgorithm(
            "%r is not an algorithm accepted by the hashlib module." % algorithm
        ) from err
    # Derive a key of the hash's own size: the salt keeps uses of one secret
    # apart, and HMAC needs no longer key.
    key = hasher(key_salt + secret).digest()
    return hmac.new(key, msg=force_bytes(value), digestmod=hasher)


def get_random_string(length, allowed_chars=RANDOM_STRING_CHARS):
    """Return a securely generated random string of `length` characters."""
    import secrets

    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def constant_time_compare(val1, val2):
    """Return True if the two strings are equal, in time that does not leak where
    they differ."""
    import hmac

    return hmac.compare_digest(force_bytes(val1), force_bytes(val2))


class BadSignature(Exception):
    """The signature does not match the value."""


class SignatureExpired(BadSignature):
    """The signature is valid but older than max_age."""


_BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b62_encode(s):
    """Encode a non-negative or negative int in base 62 (timestamps)."""
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    digits = []
    while s > 0:
        s, remainder = divmod(s, 62)
        digits.append(_BASE62_ALPHABET[remainder])
    return sign + "".join(reversed(digits))


def b62_decode(s):
    """Decode a base 62 string made by b62_encode()."""
    if s == "0":
        return 0
    sign = 1
    if s[0] == "-":
        s, sign = s[1:], -1
    decoded = 0
    for digit in s:
        decoded = decoded * 62 + _BASE62_ALPHABET.index(digit)
    return sign * decoded


def b64_encode(s):
    """Return URL-safe base64 of bytes `s`, without the "=" padding."""
    import base64

    return base64.urlsafe_b64encode(s).strip(b"=")


def b64_decode(s):
    """Decode URL-safe base64 made by b64_encode() (padding restored)."""
    import base64

    pad = b"=" * (-len(s) % 4)
    return base64.urlsafe_b64decode(s + pad)


def base64_hmac(salt, value, key, algorithm="sha1"):
    """Return the URL-safe base64 HMAC of `value` as a str."""
    digest = salted_hmac(salt, value, key, algorithm=algorithm).digest()
    return b64_encode(digest).decode()


def _cookie_signer_key(key):
    return b"django.http.cookies" + force_bytes(key)


def get_cookie_signer(salt="django.core.signing.get_cookie_signer"):
    """Return the signer for signed cookies (settings.SIGNING_BACKEND)."""
    signer_class = import_string(settings.SIGNING_BACKEND)
    return signer_class(
        key=_cookie_signer_key(settings.SECRET_KEY),
        fallback_keys=map(_cookie_signer_key, settings.SECRET_KEY_FALLBACKS),
        salt=salt,
    )


class JSONSerializer:
    """Serialize to compact JSON bytes (the only serializer djscratch ships)."""

    def dumps(self, obj):
        import json

        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data):
        import json

        return json.loads(data.decode("latin-1"))


class Signer:
    """Append a keyed HMAC to a string, and check it.

        >>> signer = Signer(key="k")
        >>> value = signer.sign("hello")    # 'hello:<signature>'
        >>> signer.unsign(value)
        'hello'

    The salt (default: this class's Django dotted name) separates uses of one
    key; fallback_keys (default: SECRET_KEY_FALLBACKS) still verify during a
    key rotation.  Comparison is constant-time.
    """

    #: The module Django defines the class in: default salts use it, so our
    #: signatures are Django's signatures.
    _django_module = "django.core.signing"

    def __init__(self, *, key=None, sep=":", salt=None, algorithm=None,
                 fallback_keys=None):
        self.key = key or settings.SECRET_KEY
        self.fallback_keys = (
            fallback_keys if fallback_keys is not None
            else settings.SECRET_KEY_FALLBACKS
        )
        self.sep = sep
        module = self._django_module if type(self).__module__ == __name__ else (
            type(self).__module__)
        self.salt = salt or "%s.%s" % (module, type(self).__name__)
        self.algorithm = algorithm or "sha256"
        if _re(r"^[A-z0-9-_=]*$").match(self.sep):
            raise ValueError(
                "Unsafe Signer separator: %r (cannot be empty or consist of "
                "only A-z0-9-_=)" % sep
            )

    def signature(self, value, key=None):
        key = key or self.key
        return base64_hmac(self.salt + "signer", value, key, algorithm=self.algorithm)

    def sign(self, value):
        """Return `value` followed by the separator and its signature."""
        return "%s%s%s" % (value, self.sep, self.signature(value))

    def unsign(self, signed_value):
        """Return the value if the signature matches; raise BadSignature if not."""
        if self.sep not in signed_value:
            raise BadSignature('No "%s" found in value' % self.sep)
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in [self.key, *self.fallback_keys]:
            if constant_time_compare(sig, self.signature(value, key)):
                return value
        raise BadSignature('Signature "%s" does not match' % sig)

    def sign_object(self, obj, serializer=JSONSerializer, compress=False):
        """Return a URL-safe signed string holding `obj` as (compressed) JSON."""
        data = serializer().dumps(obj)
        is_compressed = False
        if compress:
            import zlib

            compressed = zlib.compress(data)
            if len(compressed) < len(data) - 1:  # the "." marker costs a byte
                data, is_compressed = compressed, True
        base64d = b64_encode(data).decode()
        if is_compressed:
            base64d = "." + base64d
        return self.sign(base64d)

    def unsign_object(self, signed_obj, serializer=JSONSerializer, **kwargs):
        """Check the signature and return the object sign_object() stored."""
        base64d = self.unsign(signed_obj, **kwargs).encode()
        decompress = base64d[:1] == b"."
        if decompress:
            base64d = base64d[1:]
        data = b64_decode(base64d)
        if decompress:
            import zlib

            data = zlib.decompress(data)
        return serializer().loads(data)


class TimestampSigner(Signer):
    """A Signer that also signs the time, so unsign() can enforce max_age."""

    def timestamp(self):
        import time

        return b62_encode(int(time.time()))

    def sign(self, value):
        value = "%s%s%s" % (value, self.sep, self.timestamp())
        return super().sign(value)

    def unsign(self, value, max_age=None):
        """Return the value; raise SignatureExpired if older than max_age
        (seconds or a timedelta)."""
        import time

        result = super().unsign(value)
        value, timestamp = result.rsplit(self.sep, 1)
        timestamp = b62_decode(timestamp)
        if max_age is not None:
            if hasattr(max_age, "total_seconds"):
                max_age = max_age.total_seconds()
            age = time.time() - timestamp
            if age > max_age:
                raise SignatureExpired("Signature age %s > %s seconds" % (age, max_age))
        return value


def dumps(obj, key=None, salt="django.core.signing", serializer=JSONSerializer,
          compress=False):
    """Return a URL-safe, timestamped, signed JSON string for `obj`.

    Anyone can read the data (it is base64, not encrypted); only holders of
    the key can make a value that loads() accepts.
    """
    return TimestampSigner(key=key, salt=salt).sign_object(
        obj, serializer=serializer, compress=compress)


def loads(s, key=None, salt="django.core.signing", serializer=JSONSerializer,
          max_age=None, fallback_keys=None):
    """Reverse dumps(); raise BadSignature if the signature fails."""
    signer = TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys)
    return signer.unsign_object(s, serializer=serializer, max_age=max_age)

###############################################################################
# HTTP request ################################################################
###############################################################################

# The request is a lazy view over the WSGI environ: GET, POST, FILES, COOKIES,
# headers and body are parsed on first access and cached, so a view that only
# looks at the path pays for nothing else.  Input that cannot be decoded
# (bad UTF-8 or percent-encoding, NUL bytes, a bad Content-Length, too many
# fields) raises BadRequest or a SuspiciousOperation: a 400, never a 500.
# The URL and header helpers of django.utils.http / django.utils.encoding
# live here too, since the request is their first user.

__all__ += [
    "HttpRequest", "WSGIRequest", "QueryDict", "HttpHeaders", "UploadedFile",
    "SimpleUploadedFile", "InMemoryUploadedFile", "TemporaryUploadedFile",
    "File", "ContentFile", "RawPostDataException", "UnreadablePostError",
    "MultiPartParserError", "parse_cookie", "iri_to_uri", "uri_to_iri",
    "escape_uri_path", "url_has_allowed_host_and_scheme", "http_date",
    "parse_http_date", "parse_http_date_safe", "urlsafe_base64_encode",
    "urlsafe_base64_decode", "quote_etag",
]

RAISE_ERROR = object()  #: "no default given" marker of get_signed_cookie()


class RawPostDataException(Exception):
    """request.body was read after the body stream had been consumed."""


class UnreadablePostError(OSError):
    """The client went away while the body was being read."""


class MultiPartParserError(Exception):
    """A multipart/form-data body is malformed (a 400)."""


# -- URL encoding helpers (django.utils.encoding and django.utils.http).


def iri_to_uri(iri):
    """Percent-encode an IRI (a URL with non-ASCII text) into a URI.

    Characters that are reserved or already percent-encoded are left alone,
    so the function may be applied more than once.
    """
    from urllib.parse import quote

    if iri is None:
        return iri
    if isinstance(iri, Promise):
        iri = str(iri)
    return quote(iri, safe="/#%[]=:;$&()+,!?*@'~")


def uri_to_iri(uri):
    """Decode the percent-escapes of a URI that stand for non-ASCII UTF-8 text
    (or unreserved ASCII), keeping every other escape as it is."""
    if uri is None:
        return uri
    uri = force_bytes(uri)
    unreserved = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     b"0123456789-._~")
    out = bytearray()
    i, n = 0, len(uri)
    while i < n:
        byte = uri[i]
        if byte == 0x25 and i + 2 < n + 0 and _is_hex(uri[i + 1:i + 3]):
            value = int(uri[i + 1:i + 3], 16)
            if value in unreserved or value >= 0x80:
                out.append(value)
            else:
                out += uri[i:i + 3]
            i += 3
        else:
            out.append(byte)
            i += 1
    return repercent_broken_unicode(bytes(out)).decode()


def _is_hex(two):
    return len(two) == 2 and all(c in b"0123456789abcdefABCDEF" for c in two)


def escape_uri_path(path):
    """Percent-encode the characters of a URL path that are not allowed there."""
    from urllib.parse import quote

    return quote(path, safe="/:@&+$,-_.!~*'()")


def repercent_broken_unicode(path):
    """Percent-encode the bytes of `path` that are not valid UTF-8."""
    from urllib.parse import quote

    changed = []
    while True:
        try:
            path.decode()
        except UnicodeDecodeError as err:
            changed.append(path[:err.start])
            changed.append(quote(path[err.start:err.end], safe=b"/#%[]=:;$&()+,!?*@'~")
                           .encode())
            path = path[err.end:]
        else:
            changed.append(path)
            return b"".join(changed)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
           "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def http_date(epoch_seconds=None):
    """Format a time (default: now) as an HTTP date, RFC 9110 section 5.6.7:
    'Wdy, DD Mon YYYY HH:MM:SS GMT'."""
    import time

    t = time.gmtime(epoch_seconds)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        _WEEKDAYS[t.tm_wday], t.tm_mday, _MONTHS[t.tm_mon - 1], t.tm_year,
        t.tm_hour, t.tm_min, t.tm_sec)


def parse_http_date(date):
    """Return the epoch seconds of an HTTP date in any of the three formats
    HTTP allows (RFC 1123, RFC 850, asctime); raise ValueError otherwise."""
    import calendar
    import time

    day = r"(?P<day>[0-9]{2})"
    time_ = r"(?P<hour>[0-9]{2}):(?P<min>[0-9]{2}):(?P<sec>[0-9]{2})"
    month = r"(?P<mon>\w{3})"
    for regex in (
        r"^\w{3}, %s %s (?P<year>[0-9]{4}) %s GMT$" % (day, month, time_),
        r"^\w{6,9}, %s-%s-(?P<year>[0-9]{2}) %s GMT$" % (day, month, time_),
        r"^\w{3} %s (?P<day>[ 0-9][0-9]) %s (?P<year>[0-9]{4})$" % (month, time_),
    ):
        m = _re(regex).match(date)
        if m is not None:
            break
    else:
        raise ValueError("%r is not in a valid HTTP date format" % date)
    try:
        year = int(m["year"])
        if year < 100:  # RFC 850: a two-digit year is the nearest one in +-50
            current = time.gmtime().tm_year
            century = current - current % 100
            year += century - 100 if year - current % 100 > 50 else century
        month_number = _MONTHS.index(m["mon"].title()) + 1
        return calendar.timegm((year, month_number, int(m["day"]), int(m["hour"]),
                                int(m["min"]), int(m["sec"]), 0, 0, 0))
    except Exception as err:
        raise ValueError("%r is not a valid date" % date) from err


def parse_http_date_safe(date):
    """Like parse_http_date(), but return None for an invalid date."""
    try:
        return parse_http_date(date)
    except Exception:
        return None


def base36_to_int(s):
    """Convert a base 36 string (at most 13 digits) to an int."""
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


def int_to_base36(i):
    """Convert a non-negative int to base 36."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    if i < 0:
        raise ValueError("Negative base36 conversion input.")
    if i < 36:
        return chars[i]
    digits = ""
    while i != 0:
        i, n = divmod(i, 36)
        digits = chars[n] + digits
    return digits


def urlsafe_base64_encode(s):
    """Encode bytes in URL-safe base64, without padding, as a str."""
    import base64

    return base64.urlsafe_b64encode(s).rstrip(b"\n=").decode("ascii")


def urlsafe_base64_decode(s):
    """Decode URL-safe base64 that may lack its padding; ValueError if bad."""
    import base64

    s = s.encode() if isinstance(s, str) else s
    try:
        return base64.urlsafe_b64decode(s.ljust(len(s) + len(s) % 4, b"="))
    except (LookupError, ValueError) as err:
        raise ValueError(err) from err


def quote_etag(etag_str):
    """Return `etag_str` as a quoted ETag, unless it already is one."""
    if _re(r'\A((?:W/)?"[^"]*")\Z').match(etag_str):
        return etag_str
    return '"%s"' % etag_str


def parse_etags(etag_str):
    """Return the list of ETags in an If-None-Match style header ("*" kept)."""
    if etag_str.strip() == "*":
        return ["*"]
    found = (_re(r'\A((?:W/)?"[^"]*")\Z').match(e.strip()) for e in etag_str.split(","))
    return [m[1] for m in found if m]


def urlencode(query, doseq=False):
    """Like urllib.parse.urlencode(), but also take a MultiValueDict and refuse
    None values (an empty string or leaving the key out is meant)."""
    from urllib.parse import urlencode as original

    if isinstance(query, MultiValueDict):
        query = query.lists()
    elif hasattr(query, "items"):
        query = query.items()
    query_params = []
    for key, value in query:
        if value is None:
            raise TypeError(
                "Cannot encode None for key '%s' in a query string. Did you mean "
                "to pass an empty string or omit the value?" % key)
        if not doseq or isinstance(value, (str, bytes)):
            query_val = value
        else:
            try:
                itr = iter(value)
            except TypeError:
                query_val = value
            else:
                query_val = []
                for item in itr:
                    if item is None:
                        raise TypeError(
                            "Cannot encode None for key '%s' in a query string. Did "
                            "you mean to pass an empty string or omit the value?" % key)
                    query_val.append(item if isinstance(item, bytes) else str(item))
        query_params.append((key, query_val))
    return original(query_params, doseq)


def is_same_domain(host, pattern):
    """Return True if `host` matches `pattern`: exactly, or as a subdomain when
    the pattern starts with a dot (".example.com")."""
    if not pattern:
        return False
    pattern = pattern.lower()
    return (pattern[0] == "." and (host.endswith(pattern) or host == pattern[1:])
            or pattern == host)


def url_has_allowed_host_and_scheme(url, allowed_hosts, require_https=False):
    """Return True if `url` is safe to redirect to: relative, or absolute on one
    of `allowed_hosts` with an http(s) scheme (https only with require_https).

    Always check user-supplied redirect targets (?next=...) with this.
    """
    if url is not None:
        url = url.strip()
    if not url:
        return False
    if allowed_hosts is None:
        allowed_hosts = set()
    elif isinstance(allowed_hosts, str):
        allowed_hosts = {allowed_hosts}
    # Browsers read "\" as "/" in paths, so check both spellings.
    return all(_is_safe_url(candidate, allowed_hosts, require_https)
               for candidate in (url, url.replace("\\", "/")))


def _is_safe_url(url, allowed_hosts, require_https):
    import unicodedata
    from urllib.parse import urlsplit

    if url.startswith("///"):  # browsers treat three slashes as scheme-relative
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 literal
        return False
    if parts.scheme and not parts.netloc:  # "http:///evil.com" is evil.com to Chrome
        return False
    if unicodedata.category(url[0])[0] == "C":  # leading control characters
        return False
    scheme = parts.scheme or ("http" if parts.netloc else "")
    valid_schemes = ("https",) if require_https else ("http", "https")
    return ((not parts.netloc or parts.netloc in allowed_hosts)
            and (not scheme or scheme in valid_schemes))


def escape_leading_slashes(url):
    """Keep a path starting with "//" from reading as a scheme-relative URL."""
    if url.startswith("//"):
        url = "/%2F" + url[2:]
    return url


def parse_header_parameters(line):
    """Split a header such as Content-Type into its value and a dict of
    parameters (names lower-cased, quotes removed, RFC 2231 `name*=` decoded)."""
    from urllib.parse import unquote

    parts = _split_header_params(";" + line)
    key = parts.pop(0).lower().strip()
    pdict = {}
    for part in parts:
        name, eq, value = part.partition("=")
        if not eq:
            continue
        name, value = name.strip().lower(), value.strip()
        if name.endswith("*"):  # RFC 2231: charset'lang'percent-encoded
            name = name[:-1]
            if value.count("'") == 2:
                charset, _lang, value = value.split("'", 2)
                try:
                    value = unquote(value, encoding=charset or "utf-8", errors="strict")
                except (LookupError, UnicodeDecodeError):
                    continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        pdict[name] = value
    return key, pdict


def _split_header_params(s):
    """Split on ";" outside double quotes; the first item is the main value."""
    out, i = [], 0
    s = s[1:]
    start = 0
    in_quotes = False
    while i < len(s):
        c = s[i]
        if c == "\\" and in_quotes:
            i += 2
            continue
        if c == '"':
            in_quotes = not in_quotes
        elif c == ";" and not in_quotes:
            out.append(s[start:i])
            start = i + 1
        i += 1
    out.append(s[start:])
    return out


def content_disposition_header(as_attachment, filename):
    """Return a Content-Disposition value for `filename` (RFC 6266), or None."""
    from urllib.parse import quote

    if filename:
        disposition = "attachment" if as_attachment else "inline"
        if filename.isascii() and _re(r"^[\t \x21-\x7e]*$").match(filename):
            escaped = filename.replace("\\", "\\\\").replace('"', r"\"")
            return '%s; filename="%s"' % (disposition, escaped)
        return "%s; filename*=utf-8''%s" % (disposition, quote(filename))
    return "attachment" if as_attachment else None


# -- Form data: QueryDict, and the strict decoder the request uses for input.


class QueryDict(MultiValueDict):
    """A MultiValueDict of a query string or form body: request.GET/POST.

    Immutable unless created with mutable=True; copy() gives a mutable copy.
    Keys and values are str, decoded with `encoding` (DEFAULT_CHARSET).
    """

    _mutable = True
    _encoding = None

    def __init__(self, query_string=None, mutable=False, encoding=None):
        super().__init__()
        self.encoding = encoding or settings.DEFAULT_CHARSET
        query_string = query_string or ""
        if query_string:
            from urllib.parse import parse_qsl

            if isinstance(query_string, bytes):
                try:
                    query_string = query_string.decode(self.encoding)
                except UnicodeDecodeError:
                    query_string = query_string.decode("iso-8859-1")
            try:
                pairs = parse_qsl(
                    query_string, keep_blank_values=True, encoding=self.encoding,
                    max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
            except ValueError as err:
                raise TooManyFieldsSent(_TOO_MANY_FIELDS) from err
            for key, value in pairs:
                self.appendlist(key, value)
        self._mutable = mutable

    @classmethod
    def fromkeys(cls, iterable, value="", mutable=False, encoding=None):
        """Return a QueryDict with each key of `iterable` set to `value`."""
        q = cls("", mutable=True, encoding=encoding)
        for key in iterable:
            q.appendlist(key, value)
        if not mutable:
            q._mutable = False
        return q

    @property
    def encoding(self):
        if self._encoding is None:
            self._encoding = settings.DEFAULT_CHARSET
        return self._encoding

    @encoding.setter
    def encoding(self, value):
        self._encoding = value

    def _assert_mutable(self):
        if not self._mutable:
            raise AttributeError("This QueryDict instance is immutable")

    def __setitem__(self, key, value):
        self._assert_mutable()
        super().__setitem__(_bytes_to_text(key, self.encoding),
                            _bytes_to_text(value, self.encoding))

    def __delitem__(self, key):
        self._assert_mutable()
        super().__delitem__(key)

    def __copy__(self):
        result = self.__class__("", mutable=True, encoding=self.encoding)
        for key, value in self.lists():
            result.setlist(key, value)
        return result

    def __deepcopy__(self, memo):
        import copy

        result = self.__class__("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, value in self.lists():
            result.setlist(copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def setlist(self, key, list_):
        self._assert_mutable()
        key = _bytes_to_text(key, self.encoding)
        super().setlist(key, [_bytes_to_text(v, self.encoding) for v in list_])

    def setlistdefault(self, key, default_list=None):
        self._assert_mutable()
        return super().setlistdefault(key, default_list)

    def appendlist(self, key, value):
        self._assert_mutable()
        super().appendlist(_bytes_to_text(key, self.encoding),
                           _bytes_to_text(value, self.encoding))

    def pop(self, key, *args):
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self):
        self._assert_mutable()
        return super().popitem()

    def clear(self):
        self._assert_mutable()
        super().clear()

    def setdefault(self, key, default=None):
        self._assert_mutable()
        key = _bytes_to_text(key, self.encoding)
        default = _bytes_to_text(default, self.encoding)
        return super().setdefault(key, default)

    def update(self, *args, **kwargs):
        self._assert_mutable()
        super().update(*args, **kwargs)

    def copy(self):
        """Return a mutable deep copy."""
        import copy

        return copy.deepcopy(self)

    def urlencode(self, safe=None):
        """Return the data as a query string; `safe` names characters to keep.

            >>> q = QueryDict(mutable=True); q["next"] = "/a&b/"
            >>> q.urlencode(), q.urlencode(safe="/")
            ('next=%2Fa%26b%2F', 'next=/a%26b/')
        """
        from urllib.parse import quote
        from urllib.parse import urlencode as std_urlencode

        output = []
        if safe:
            safe = safe.encode(self.encoding)

            def encode(k, v):
                return "%s=%s" % (quote(k, safe), quote(v, safe))
        else:
            def encode(k, v):
                return std_urlencode({k: v})
        for k, list_ in self.lists():
            output.extend(
                encode(k.encode(self.encoding), str(v).encode(self.encoding))
                for v in list_)
        return "&".join(output)


def _bytes_to_text(s, encoding):
    """Decode bytes with `encoding` (replacing errors); leave other values."""
    if isinstance(s, bytes):
        return str(s, encoding, "replace")
    return s


_TOO_MANY_FIELDS = ("The number of GET/POST parameters exceeded "
                    "settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.")


def _parse_form_strict(data, encoding, what):
    """Decode urlencoded `data` (bytes) into a QueryDict, refusing bad input.

    Unlike the lenient QueryDict(), malformed percent-escapes and text that is
    not valid `encoding` raise BadRequest naming `what` ("query string",
    "form data"); more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields raises
    TooManyFieldsSent.
    """
    from urllib.parse import unquote_to_bytes

    result = QueryDict(mutable=True, encoding=encoding)
    if not data:
        result._mutable = False
        return result
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if max_fields is not None and data.count(b"&") + 1 > max_fields:
        raise TooManyFieldsSent(_TOO_MANY_FIELDS)
    bad_escape = _re(rb"%(?![0-9A-Fa-f]{2})")
    append = super(QueryDict, result).appendlist
    for field in data.split(b"&"):
        if not field:
            continue
        decoded = []
        for part in field.split(b"=", 1):
            part = part.replace(b"+", b" ")
            if b"%" in part:
                if bad_escape.search(part):
                    raise BadRequest(
                        "Malformed percent-encoding in the %s: %r." % (
                            what, part[:40].decode("latin-1")))
                part = unquote_to_bytes(part)
            try:
                decoded.append(part.decode(encoding))
            except UnicodeDecodeError:
                raise BadRequest(
                    "The %s is not valid %s: %r." % (what, encoding, part[:40])
                ) from None
            except LookupError:
                raise BadRequest(
                    "Unknown charset %r in the request." % encoding) from None
        if len(decoded) == 1:
            decoded.append("")
        append(decoded[0], decoded[1])
    result._mutable = False
    return result


# -- Files: File and the uploaded-file classes (django.core.files.*).


class File:
    """A Python file object with a name, a size and chunked reading.

    Most file methods (read, seek, write, ...) pass through to `file`.
    """

    DEFAULT_CHUNK_SIZE = 64 * 2**10

    def __init__(self, file, name=None):
        self.file = file
        if name is None:
            name = getattr(file, "name", None)
        self.name = name
        if hasattr(file, "mode"):
            self.mode = file.mode

    def __str__(self):
        return self.name or ""

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self or "None")

    def __bool__(self):
        return bool(self.name)

    def __len__(self):
        return self.size

    @cached_property
    def size(self):
        if hasattr(self.file, "size"):
            return self.file.size
        if hasattr(self.file, "name"):
            try:
                return os.path.getsize(self.file.name)
            except (OSError, TypeError):
                pass
        if hasattr(self.file, "tell") and hasattr(self.file, "seek"):
            pos = self.file.tell()
            self.file.seek(0, os.SEEK_END)
            size = self.file.tell()
            self.file.seek(pos)
            return size
        raise AttributeError("Unable to determine the file's size.")

    def chunks(self, chunk_size=None):
        """Yield the file's content in pieces of `chunk_size` bytes."""
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        try:
            self.seek(0)
        except (AttributeError, OSError):
            pass
        while True:
            data = self.read(chunk_size)
            if not data:
                break
            yield data

    def multiple_chunks(self, chunk_size=None):
        """Return True if chunks() would yield more than one piece."""
        return self.size > (chunk_size or self.DEFAULT_CHUNK_SIZE)

    def __iter__(self):
        self.seek(0)
        yield from self.file

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.close()

    def open(self, mode=None, *args, **kwargs):
        if not self.closed:
            self.seek(0)
        elif self.name and os.path.exists(self.name):
            self.file = open(self.name, mode or self.mode, *args, **kwargs)
        else:
            raise ValueError("The file cannot be reopened.")
        return self

    def close(self):
        self.file.close()

    @property
    def closed(self):
        return not self.file or self.file.closed


def _file_proxy(name):
    return property(lambda self: getattr(self.file, name))


for _name in ("read", "readline", "readlines", "seek", "tell", "write", "writelines",
              "truncate", "flush", "fileno", "readable", "writable", "seekable",
              "encoding", "newlines", "isatty", "readinto"):
    setattr(File, _name, _file_proxy(_name))
del _name


class ContentFile(File):
    """A File whose content is a str or bytes held in memory."""

    def __init__(self, content, name=None):
        import io

        stream_class = io.StringIO if isinstance(content, str) else io.BytesIO
        super().__init__(stream_class(content), name=name)
        self.size = len(content)

    def __str__(self):
        return "Raw content"

    def __bool__(self):
        return True

    def open(self, mode=None):
        self.seek(0)
        return self

    def close(self):
        pass

    def write(self, data):
        self.__dict__.pop("size", None)  # the size is no longer known
        return self.file.write(data)


class UploadedFile(File):
    """A file uploaded in a form, as found in request.FILES."""

    def __init__(self, file=None, name=None, content_type=None, size=None,
                 charset=None, content_type_extra=None):
        super().__init__(file, name)
        self.size = size
        self.content_type = content_type
        self.charset = charset
        self.content_type_extra = content_type_extra

    def __repr__(self):
        return "<%s: %s (%s)>" % (type(self).__name__, self.name, self.content_type)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        # Keep only the base name (a client may send "C:\\x\\y.txt" or
        # "../../etc/passwd"), at most 255 characters, keeping the extension.
        if name is not None:
            name = os.path.basename(name.replace("\\", "/"))
            if len(name) > 255:
                base, ext = os.path.splitext(name)
                ext = ext[:255]
                name = base[:255 - len(ext)] + ext
            if name in {"", ".", ".."}:
                raise SuspiciousFileOperation(
                    "Could not derive file name from '%s'" % name)
        self._name = name


class TemporaryUploadedFile(UploadedFile):
    """An upload streamed to a temporary file (FILE_UPLOAD_TEMP_DIR)."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        import tempfile

        _, ext = os.path.splitext(name)
        file = tempfile.NamedTemporaryFile(
            suffix=".upload" + ext, dir=settings.FILE_UPLOAD_TEMP_DIR)
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self):
        """Return the full path of the temporary file."""
        return self.file.name

    def close(self):
        try:
            return self.file.close()
        except FileNotFoundError:
            pass  # already moved away


class InMemoryUploadedFile(UploadedFile):
    """An upload held in memory (up to FILE_UPLOAD_MAX_MEMORY_SIZE)."""

    def __init__(self, file, field_name, name, content_type, size, charset,
                 content_type_extra=None):
        super().__init__(file, name, content_type, size, charset, content_type_extra)
        self.field_name = field_name

    def open(self, mode=None):
        self.file.seek(0)
        return self

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        yield self.read()

    def multiple_chunks(self, chunk_size=None):
        return False


class SimpleUploadedFile(InMemoryUploadedFile):
    """An in-memory upload made from bytes, for tests: (name, content)."""

    def __init__(self, name, content, content_type="text/plain"):
        import io

        content = content or b""
        super().__init__(io.BytesIO(content), None, name, content_type, len(content),
                         None, None)

    @classmethod
    def from_dict(cls, file_dict):
        return cls(file_dict["filename"], file_dict["content"],
                   file_dict.get("content-type", "text/plain"))


# -- multipart/form-data, read in 64 KiB chunks: fields are kept in memory
#    (counted against DATA_UPLOAD_MAX_MEMORY_SIZE), files go to memory or, past
#    FILE_UPLOAD_MAX_MEMORY_SIZE, to a temporary file.


class _MultipartReader:
    """Buffered reads from a stream up to a delimiter."""

    chunk_size = 64 * 1024

    def __init__(self, stream):
        self.stream = stream
        self.buffer = b"\r\n"  # so a boundary on the first line is found too

    def _fill(self):
        chunk = self.stream.read(self.chunk_size)
        if not chunk:
            raise MultiPartParserError(
                "The multipart body ended before its closing boundary.")
        self.buffer += chunk

    def read_exact(self, n):
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def read_until(self, delimiter, emit, limit=None, limit_error=None):
        """Pass the bytes before `delimiter` to emit(); consume the delimiter."""
        keep = len(delimiter) - 1
        total = 0
        while True:
            index = self.buffer.find(delimiter)
            if index >= 0:
                data = self.buffer[:index]
                self.buffer = self.buffer[index + len(delimiter):]
            elif len(self.buffer) > keep:
                data = self.buffer[:-keep] if keep else self.buffer
                self.buffer = self.buffer[len(data):]
            else:
                data = b""
            total += len(data)
            if limit is not None and total > limit:
                raise limit_error
            if data:
                emit(data)
            if index >= 0:
                return
            self._fill()


def _parse_multipart(stream, content_params, encoding):
    """Parse a multipart/form-data body; return (QueryDict, MultiValueDict)."""
    import io

    boundary = content_params.get("boundary", "")
    if not (0 < len(boundary) <= 70 and boundary.isascii() and boundary.isprintable()):
        raise MultiPartParserError("Invalid boundary in multipart: %r" % boundary)
    post = QueryDict(mutable=True, encoding=encoding)
    files = MultiValueDict()
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    memory_left = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    file_memory = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    reader = _MultipartReader(stream)
    dash_boundary = ("--" + boundary).encode("ascii")
    part_end = b"\r\n" + dash_boundary
    reader.read_until(part_end, lambda data: None, limit=64 * 1024,
                      limit_error=MultiPartParserError("Multipart preamble too long."))
    num_fields = num_files = 0
    while True:
        after = reader.read_exact(2)
        if after == b"--":
            break
        if after != b"\r\n":
            raise MultiPartParserError("Malformed multipart boundary line.")
        raw = []
        reader.read_until(
            b"\r\n\r\n", raw.append, limit=16 * 1024,
            limit_error=MultiPartParserError("Multipart headers too long."))
        headers = {}
        for line in b"".join(raw).split(b"\r\n"):
            name, colon, value = line.decode("latin-1").partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        disposition, params = parse_header_parameters(
            headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in params:
            raise MultiPartParserError("A multipart part lacks its form-data name.")
        field_name = _decode_part_text(params["name"], encoding, "field name")
        if "filename" in params:
            num_files += 1
            if max_files is not None and num_files > max_files:
                raise TooManyFilesSent("The number of files exceeded "
                                       "settings.DATA_UPLOAD_MAX_NUMBER_FILES.")
            file_name = _decode_part_text(params["filename"], encoding, "file name")
            file_name = file_name[file_name.rfind("\\") + 1:].strip()
            content_type, type_params = parse_header_parameters(
                headers.get("content-type", "application/octet-stream"))
            sink = _UploadSink(field_name, file_name, content_type,
                               type_params.get("charset"), file_memory)
            reader.read_until(part_end, sink.write)
            upload = sink.finish()
            if upload is not None:
                files.appendlist(field_name, upload)
        else:
            num_fields += 1
            if max_fields is not None and num_fields > max_fields:
                raise TooManyFieldsSent(_TOO_MANY_FIELDS)
            data = io.BytesIO()
            reader.read_until(
                part_end, data.write, limit=memory_left,
                limit_error=RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."))
            value = data.getvalue()
            if memory_left is not None:
                memory_left -= len(value)
            post.appendlist(field_name, _decode_part_text(value, encoding, "form data"))
    post._mutable = False
    return post, files


def _decode_part_text(value, encoding, what):
    """Decode a part's bytes, or a header parameter (read as latin-1 from the
    raw header, so re-encoded to its bytes first), with `encoding`."""
    if isinstance(value, str):
        try:
            raw = value.encode("latin-1")
        except UnicodeEncodeError:
            return value  # an RFC 2231 parameter, already decoded
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            return value
    try:
        return value.decode(encoding)
    except UnicodeDecodeError:
        raise MultiPartParserError(
            "The %s is not valid %s." % (what, encoding)) from None


class _UploadSink:
    """Collect one uploaded file: in memory, then on disk past a threshold."""

    def __init__(self, field_name, file_name, content_type, charset, memory_limit):
        import io

        self.field_name, self.file_name = field_name, file_name
        self.content_type, self.charset = content_type, charset
        self.memory_limit = memory_limit
        self.file = io.BytesIO()
        self.size = 0
        self.temporary = None

    def write(self, data):
        if not self.file_name:
            return  # a file input left empty: the browser sends no file
        self.size += len(data)
        if self.temporary is None and self.size > self.memory_limit:
            self.temporary = TemporaryUploadedFile(
                self.file_name, self.content_type, 0, self.charset)
            self.temporary.file.write(self.file.getvalue())
            self.file = self.temporary.file
        self.file.write(data)

    def finish(self):
        if not self.file_name:
            return None
        self.file.seek(0)
        if self.temporary is not None:
            self.temporary.size = self.size
            return self.temporary
        return InMemoryUploadedFile(self.file, self.field_name, self.file_name,
                                    self.content_type, self.size, self.charset)


# -- Headers and cookies.


class CaseInsensitiveMapping:
    """A read-only mapping whose keys compare without regard to case, keeping
    the spelling they were given."""

    def __init__(self, data=()):
        items = data.items() if hasattr(data, "items") else data
        self._store = {k.lower(): (k, v) for k, v in items}

    def __getitem__(self, key):
        return self._store[key.lower()][1]

    def __len__(self):
        return len(self._store)

    def __iter__(self):
        return (original for original, _value in self._store.values())

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._store

    def __eq__(self, other):
        if hasattr(other, "items"):
            return {k.lower(): v for k, v in self.items()} == {
                k.lower(): v for k, v in other.items()}
        return NotImplemented

    def __repr__(self):
        return repr(dict(self.items()))

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self):
        return list(self)

    def items(self):
        return [(k, v) for k, v in self._store.values()]

    def values(self):
        return [v for _k, v in self._store.values()]

    def copy(self):
        return self


class HttpHeaders(CaseInsensitiveMapping):
    """request.headers: the HTTP headers of a WSGI environ, by their HTTP
    names, any case ("Content-Type", "user-agent"); "_" also matches "-"."""

    HTTP_PREFIX = "HTTP_"
    UNPREFIXED_HEADERS = {"CONTENT_TYPE", "CONTENT_LENGTH"}

    def __init__(self, environ):
        headers = {}
        for header, value in environ.items():
            name = self.parse_header_name(header)
            if name:
                headers[name] = value
        super().__init__(headers)

    def __getitem__(self, key):
        return super().__getitem__(key.replace("_", "-"))

    def __contains__(self, key):
        return super().__contains__(key.replace("_", "-"))

    @classmethod
    def parse_header_name(cls, header):
        """Return the HTTP name of a WSGI environ key, or None if not a header."""
        if header.startswith(cls.HTTP_PREFIX):
            header = header[len(cls.HTTP_PREFIX):]
        elif header not in cls.UNPREFIXED_HEADERS:
            return None
        return header.replace("_", "-").title()

    @classmethod
    def to_wsgi_name(cls, header):
        """Return the WSGI environ key of an HTTP header name."""
        header = header.replace("-", "_").upper()
        if header in cls.UNPREFIXED_HEADERS:
            return header
        return f"{cls.HTTP_PREFIX}{header}"

    @classmethod
    def to_wsgi_names(cls, headers):
        return {cls.to_wsgi_name(name): value for name, value in headers.items()}


def parse_cookie(cookie):
    """Return a dict of the cookies in a Cookie header.

    Lenient, like browsers: a malformed pair is skipped (or kept under the
    empty name), and never costs the other cookies.
    """
    from http.cookies import _unquote

    cookiedict = {}
    for chunk in cookie.split(";"):
        if "=" in chunk:
            key, val = chunk.split("=", 1)
        else:
            key, val = "", chunk  # a value without a name
        key, val = key.strip(), val.strip()
        if key or val:
            cookiedict[key] = _unquote(val)
    return cookiedict


# -- The request.


class HttpRequest:
    """An HTTP request: what a view receives.

    Built by the handler (WSGIRequest) or by hand in tests.  Attributes are
    Django's: method, path, path_info, GET, POST, COOKIES, FILES, META,
    headers, body, content_type, content_params, encoding, resolver_match.
    """

    _encoding = None
    _input_error = None  # a BadRequest found while reading the environ

    def __init__(self):
        self.GET = QueryDict(mutable=True)
        self.POST = QueryDict(mutable=True)
        self.COOKIES = {}
        self.META = {}
        self.FILES = MultiValueDict()
        self.path = ""
        self.path_info = ""
        self.method = None
        self.resolver_match = None
        self.content_type = None
        self.content_params = None

    def __repr__(self):
        if self.method is None or not self.get_full_path():
            return "<%s>" % type(self).__name__
        return "<%s: %s %r>" % (type(self).__name__, self.method, self.get_full_path())

    @cached_property
    def headers(self):
        return HttpHeaders(self.META)

    @cached_property
    def accepted_types(self):
        """The media types of the Accept header, as (type, params) pairs."""
        header = self.headers.get("Accept", "*/*")
        return [parse_header_parameters(token) for token in header.split(",")
                if token.strip()]

    def accepts(self, media_type):
        """Return True if the Accept header allows `media_type` ("text/html")."""
        main, _, sub = media_type.partition("/")
        for accepted, params in self.accepted_types:
            a_main, _, a_sub = accepted.partition("/")
            if params.get("q") in ("0", "0.0", "0.00", "0.000"):
                continue
            if a_main in ("*", main) and a_sub in ("*", sub):
                return True
        return False

    def _set_content_type_params(self, meta):
        import codecs

        self.content_type, self.content_params = parse_header_parameters(
            meta.get("CONTENT_TYPE", ""))
        if "charset" in self.content_params:
            try:
                codecs.lookup(self.content_params["charset"])
            except LookupError:
                pass
            else:
                self.encoding = self.content_params["charset"]

    def _get_raw_host(self):
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in self.META:
            return self.META["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in self.META:
            return self.META["HTTP_HOST"]
        host = self.META["SERVER_NAME"]
        server_port = self.get_port()
        if server_port != ("443" if self.is_secure() else "80"):
            host = "%s:%s" % (host, server_port)
        return host

    def get_host(self):
        """Return the host (and port) the client asked for, checked against
        ALLOWED_HOSTS; raise DisallowedHost if it is not allowed.

        With DEBUG and an empty ALLOWED_HOSTS, localhost, 127.0.0.1 and [::1]
        are allowed.  ".example.com" allows the domain and its subdomains;
        "*" allows any host.
        """
        host = self._get_raw_host()
        allowed_hosts = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed_hosts:
            allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
        domain, _port = split_domain_port(host)
        if domain and validate_host(domain, allowed_hosts):
            return host
        msg = "Invalid HTTP_HOST header: %r." % host
        if domain:
            msg += " You may need to add %r to ALLOWED_HOSTS." % domain
        else:
            msg += " The domain name provided is not valid according to RFC 1034/1035."
        raise DisallowedHost(msg)

    def get_port(self):
        """Return the port the request came to, as a str."""
        if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in self.META:
            port = self.META["HTTP_X_FORWARDED_PORT"]
        else:
            port = self.META["SERVER_PORT"]
        return str(port)

    def get_full_path(self, force_append_slash=False):
        """Return the path with the query string ("/a/b/?x=1")."""
        return self._get_full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash=False):
        return self._get_full_path(self.path_info, force_append_slash)

    def _get_full_path(self, path, force_append_slash):
        query = self.META.get("QUERY_STRING", "")
        return "%s%s%s" % (
            escape_uri_path(path),
            "/" if force_append_slash and not path.endswith("/") else "",
            ("?" + iri_to_uri(query)) if query else "",
        )

    def get_signed_cookie(self, key, default=RAISE_ERROR, salt="", max_age=None):
        """Return a cookie set with set_signed_cookie(), if its signature holds.

        A missing or tampered cookie returns `default`, or raises KeyError /
        BadSignature when no default is given.
        """
        try:
            cookie_value = self.COOKIES[key]
        except KeyError:
            if default is not RAISE_ERROR:
                return default
            raise
        try:
            signer = get_cookie_signer(salt=key + salt)
            return signer.unsign(cookie_value, max_age=max_age)
        except BadSignature:
            if default is not RAISE_ERROR:
                return default
            raise

    def build_absolute_uri(self, location=None):
        """Return the absolute URI of `location` (default: this request's URL)."""
        from urllib.parse import urljoin, urlsplit

        if location is None:
            location = "//%s" % self.get_full_path()
        else:
            location = str(location)
        bits = urlsplit(location)
        if not (bits.scheme and bits.netloc):
            if (bits.path.startswith("/") and not bits.scheme and not bits.netloc
                    and "/./" not in bits.path and "/../" not in bits.path):
                # A plain absolute path: no need for urljoin's normalising.
                if location.startswith("//"):
                    location = location[2:]
                location = self._current_scheme_host + location
            else:
                location = urljoin(self._current_scheme_host + self.path, location)
        return iri_to_uri(location)

    @cached_property
    def _current_scheme_host(self):
        return "{}://{}".format(self.scheme, self.get_host())

    def _get_scheme(self):
        return "http"

    @property
    def scheme(self):
        """"https" or "http"; SECURE_PROXY_SSL_HEADER can vouch for https."""
        if settings.SECURE_PROXY_SSL_HEADER:
            try:
                header, secure_value = settings.SECURE_PROXY_SSL_HEADER
            except ValueError:
                raise ImproperlyConfigured(
                    "The SECURE_PROXY_SSL_HEADER setting must be a tuple containing "
                    "two values.") from None
            header_value = self.META.get(header)
            if header_value is not None:
                header_value, *_ = header_value.split(",", 1)
                return "https" if header_value.strip() == secure_value else "http"
        return self._get_scheme()

    def is_secure(self):
        return self.scheme == "https"

    @property
    def encoding(self):
        return self._encoding

    @encoding.setter
    def encoding(self, val):
        """Set the charset of GET/POST; they are parsed again on next access."""
        self._encoding = val
        self.__dict__.pop("GET", None)
        self.__dict__.pop("_post", None)

    @property
    def upload_handlers(self):
        raise AttributeError(
            "djscratch does not implement upload handlers; uploads go to memory "
            "or, past FILE_UPLOAD_MAX_MEMORY_SIZE, to a temporary file.")

    @property
    def body(self):
        """The raw request body as bytes (at most DATA_UPLOAD_MAX_MEMORY_SIZE)."""
        if not hasattr(self, "_body"):
            import io

            if self._read_started:
                raise RawPostDataException(
                    "You cannot access body after reading from request's data stream")
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and self._content_length > limit:
                raise RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
            try:
                self._body = self.read()
            except OSError as err:
                raise UnreadablePostError(*err.args) from err
            self._stream = io.BytesIO(self._body)
        return self._body

    _content_length = 0
    _read_started = False

    def _mark_post_parse_error(self):
        self._post = QueryDict()
        self._files = MultiValueDict()

    def _load_post_and_files(self):
        """Parse POST and FILES from the body, for form content types."""
        if self.method != "POST":
            self._post = QueryDict(encoding=self._encoding)
            self._files = MultiValueDict()
            return
        if self._read_started and not hasattr(self, "_body"):
            self._mark_post_parse_error()
            return
        if self.content_type == "multipart/form-data":
            import io

            data = io.BytesIO(self._body) if hasattr(self, "_body") else self
            try:
                self._post, self._files = _parse_multipart(
                    data, self.content_params,
                    self._encoding or settings.DEFAULT_CHARSET)
            except (MultiPartParserError, SuspiciousOperation):
                self._mark_post_parse_error()
                raise
        elif self.content_type == "application/x-www-form-urlencoded":
            if self._encoding is not None and self._encoding.lower() != "utf-8":
                raise BadRequest(
                    "HTTP requests with the 'application/x-www-form-urlencoded' "
                    "content type must be UTF-8 encoded.")
            try:
                self._post = _parse_form_strict(self.body, "utf-8", "form data")
            except SuspiciousOperation:
                self._mark_post_parse_error()
                raise
            self._files = MultiValueDict()
        else:
            self._post = QueryDict(encoding=self._encoding)
            self._files = MultiValueDict()

    def close(self):
        """Close uploaded files (the handler calls this after the response)."""
        files = self.__dict__.get("_files")
        if files:
            for _key, uploads in files.lists():
                for upload in uploads:
                    upload.close()

    # File-like reading of the body stream.

    def read(self, *args, **kwargs):
        self._read_started = True
        try:
            return self._stream.read(*args, **kwargs)
        except OSError as err:
            raise UnreadablePostError(*err.args) from err

    def readline(self, *args, **kwargs):
        self._read_started = True
        try:
            return self._stream.readline(*args, **kwargs)
        except OSError as err:
            raise UnreadablePostError(*err.args) from err

    def __iter__(self):
        return iter(self.readline, b"")

    def readlines(self):
        return list(self)


def split_domain_port(host):
    """Return (domain, port) of a Host header value; domain is "" if invalid."""
    m = _re(r"^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$").fullmatch(
        host.lower())
    if m:
        domain, port = m.groups(default="")
        return domain.removesuffix("."), port
    return "", ""


def validate_host(host, allowed_hosts):
    """Return True if `host` matches a pattern of `allowed_hosts`."""
    return any(pattern == "*" or is_same_domain(host, pattern)
               for pattern in allowed_hosts)


class _LimitedStream:
    """Read at most `limit` bytes from a WSGI input (never waiting for EOF)."""

    def __init__(self, stream, limit):
        self._read = stream.read
        self._readline = stream.readline
        self._pos = 0
        self.limit = limit

    def read(self, size=-1, /):
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        data = self._read(size)
        self._pos += len(data)
        return data

    def readline(self, size=-1, /):
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        line = self._readline(size)
        self._pos += len(line)
        return line

    def close(self):
        pass


class WSGIRequest(HttpRequest):
    """The request built from a WSGI environ; everything is parsed lazily."""

    def __init__(self, environ):
        script_name = get_script_name(environ)
        path_info = environ.get("PATH_INFO", "") or "/"
        try:
            raw = path_info.encode("latin-1")  # PEP 3333: bytes as latin-1
        except UnicodeEncodeError:
            raw = path_info.encode("utf-8", "surrogateescape")
        if raw.isascii():
            path_info = path_info if type(path_info) is str else str(path_info)
        else:
            try:
                path_info = raw.decode()
            except UnicodeDecodeError:
                path_info = repercent_broken_unicode(raw).decode()
                self._input_error = BadRequest("The request path is not valid UTF-8.")
        if "\x00" in path_info:
            self._input_error = BadRequest("The request path contains a NUL byte.")
            path_info = path_info.replace("\x00", "%00")
        self.environ = environ
        self.path_info = path_info
        # SCRIPT_NAME ends without "/", PATH_INFO starts with one: join them.
        self.path = "%s/%s" % (script_name.rstrip("/"), path_info.replace("/", "", 1))
        self.META = environ
        self.META["PATH_INFO"] = path_info
        self.META["SCRIPT_NAME"] = script_name
        self.method = environ["REQUEST_METHOD"].upper()
        # content type and charset are parsed only when first asked for
        content_length = environ.get("CONTENT_LENGTH")
        if content_length:
            try:
                length = int(content_length)
                if length < 0:
                    raise ValueError
            except ValueError:
                length = 0
                self._input_error = BadRequest(
                    "Invalid Content-Length header: %r." % content_length[:40])
        else:
            length = 0
        self._content_length = length
        self._stream = _LimitedStream(environ["wsgi.input"], length)
        self.resolver_match = None

    @cached_property
    def content_type(self):
        self._set_content_type_params(self.environ)
        return self.__dict__["content_type"]

    @cached_property
    def content_params(self):
        self._set_content_type_params(self.environ)
        return self.__dict__["content_params"]

    @property
    def encoding(self):
        if "content_type" not in self.__dict__:
            self._set_content_type_params(self.environ)
        return self._encoding

    @encoding.setter
    def encoding(self, val):
        self._encoding = val
        self.__dict__.pop("GET", None)
        self.__dict__.pop("_post", None)

    def _get_scheme(self):
        return self.environ.get("wsgi.url_scheme")

    @cached_property
    def GET(self):
        raw = self.environ.get("QUERY_STRING", "")
        raw = raw.encode("latin-1", "replace") if raw else b""
        return _parse_form_strict(raw, self.encoding or settings.DEFAULT_CHARSET,
                                  "query string")

    @property
    def POST(self):
        if not hasattr(self, "_post"):
            self._load_post_and_files()
        return self._post

    @POST.setter
    def POST(self, post):
        self._post = post

    @property
    def FILES(self):
        if not hasattr(self, "_files"):
            self._load_post_and_files()
        return self._files

    @FILES.setter
    def FILES(self, files):
        self._files = files

    @cached_property
    def COOKIES(self):
        raw = self.environ.get("HTTP_COOKIE", "")
        if raw and not raw.isascii():
            raw = raw.encode("latin-1", "replace").decode("utf-8", "replace")
        return parse_cookie(raw)


def get_script_name(environ):
    """Return the mount point of the app (SCRIPT_NAME or FORCE_SCRIPT_NAME)."""
    if settings.FORCE_SCRIPT_NAME is not None:
        return settings.FORCE_SCRIPT_NAME
    script_name = environ.get("SCRIPT_NAME", "")
    if not script_name.isascii():
        script_name = script_name.encode("latin-1", "replace").decode(
            "utf-8", "replace")
    return script_name

###############################################################################
# HTTP response ###############################################################
###############################################################################

# Responses: HttpResponse and its family, under Django's names.  Headers live
# in a case-insensitive mapping that refuses CR, LF and NUL in values (no
# header injection); cookies are http.cookies Morsels, made only when a view
# sets one; redirects go only to http, https, ftp or relative URLs.

__all__ += [
    "HttpResponseBase", "HttpResponse", "HttpResponseRedirect",
    "HttpResponsePermanentRedirect", "HttpResponseNotModified",
    "HttpResponseBadRequest", "HttpResponseNotFound", "HttpResponseForbidden",
    "HttpResponseNotAllowed", "HttpResponseGone", "HttpResponseServerError",
    "JsonResponse", "StreamingHttpResponse", "FileResponse", "BadHeaderError",
    "ResponseHeaders",
]


class BadHeaderError(ValueError):
    """A header name or value contains a newline (header injection)."""


class ResponseHeaders(CaseInsensitiveMapping):
    """The headers of a response: case-insensitive, and checked when set.

    Names must be ASCII; values latin-1 (other text is MIME-encoded); a value
    with CR, LF or NUL raises BadHeaderError.
    """

    def __init__(self, data=None):
        self._store = {}
        if data:
            items = data.items() if hasattr(data, "items") else data
            for header, value in items:
                self[header] = value

    def _convert_to_charset(self, value, charset, mime_encode=False):
        if isinstance(value, bytes):
            try:
                value = value.decode(charset)
            except UnicodeError as err:
                if b"\n" in value or b"\r" in value:
                    raise BadHeaderError(
                        f"Header values can't contain newlines (got {value!r})"
                    ) from err
                raise
        elif not isinstance(value, str):
            value = str(value)
        if "\n" in value or "\r" in value or "\x00" in value:
            raise BadHeaderError(
                f"Header values can't contain newlines (got {value!r})")
        try:
            value.encode(charset)
        except UnicodeError as err:
            if not mime_encode:
                err.reason += ", HTTP response headers must be in %s format" % charset
                raise
            from email.header import Header

            value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
        return value

    def __setitem__(self, key, value):
        if not (type(key) is str and key.isascii() and key.isprintable()):
            key = self._convert_to_charset(key, "ascii")
        if not (type(value) is str and value.isascii() and value.isprintable()):
            value = self._convert_to_charset(value, "latin-1", mime_encode=True)
        self._store[key.lower()] = (key, value)

    def __delitem__(self, key):
        self.pop(key)

    def pop(self, key, default=None):
        return self._store.pop(key.lower(), (None, default))[1]

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value


_charset_cache = {}  # Content-Type value -> its charset


class HttpResponseBase:
    """What all responses share: status, headers, cookies, charset, close().

    Use HttpResponse or StreamingHttpResponse, not this class.
    """

    status_code = 200

    def __init__(self, content_type=None, status=None, reason=None, charset=None,
                 headers=None):
        self.headers = ResponseHeaders(headers)
        self._charset = charset
        if "Content-Type" not in self.headers:
            if content_type is None:
                content_type = f"text/html; charset={self.charset}"
            self.headers["Content-Type"] = content_type
        elif content_type:
            raise ValueError(
                "'headers' must not contain 'Content-Type' when the "
                "'content_type' parameter is provided.")
        self._resource_closers = []
        self._handler_class = None
        self.closed = False
        if status is not None:
            try:
                self.status_code = int(status)
            except (ValueError, TypeError):
                raise TypeError("HTTP status code must be an integer.") from None
            if not 100 <= self.status_code <= 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        self._reason_phrase = reason

    @cached_property
    def cookies(self):
        """The cookies to set: a SimpleCookie of name -> Morsel."""
        from http.cookies import SimpleCookie

        return SimpleCookie()

    @property
    def reason_phrase(self):
        if self._reason_phrase is not None:
            return self._reason_phrase
        from http.client import responses

        return responses.get(self.status_code, "Unknown Status Code")

    @reason_phrase.setter
    def reason_phrase(self, value):
        self._reason_phrase = value

    @property
    def charset(self):
        if self._charset is not None:
            return self._charset
        content_type = self.headers._store.get("content-type", ("", ""))[1]
        if "charset" in content_type:
            charset = _charset_cache.get(content_type)
            if charset is None:
                matched = _re(r";\s*charset=(?P<charset>[^\s;]+)", 2).search(
                    content_type)
                if not matched:
                    return settings.DEFAULT_CHARSET
                charset = matched["charset"].replace('"', "")
                if len(_charset_cache) < 256:
                    _charset_cache[content_type] = charset
            return charset
        return settings.DEFAULT_CHARSET

    @charset.setter
    def charset(self, value):
        self._charset = value

    def serialize_headers(self):
        """Return the headers as bytes, one "Name: value" per line."""
        return b"\r\n".join(
            key.encode("ascii") + b": " + value.encode("latin-1")
            for key, value in self.headers.items())

    __bytes__ = serialize_headers

    @property
    def _content_type_for_repr(self):
        if "Content-Type" in self.headers:
            return ', "%s"' % self.headers["Content-Type"]
        return ""

    def __setitem__(self, header, value):
        self.headers[header] = value

    def __delitem__(self, header):
        del self.headers[header]

    def __getitem__(self, header):
        return self.headers[header]

    def has_header(self, header):
        """Case-insensitive check for a header."""
        return header in self.headers

    __contains__ = has_header

    def items(self):
        return self.headers.items()

    def get(self, header, alternate=None):
        return self.headers.get(header, alternate)

    def setdefault(self, key, value):
        """Set a header unless it is already set."""
        self.headers.setdefault(key, value)

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/",
                   domain=None, secure=False, httponly=False, samesite=None):
        """Set a cookie, with Django's attributes and formatting.

        `expires` is a datetime (turned into max_age) or an HTTP date string;
        `max_age` is seconds or a timedelta (an Expires date is added too).
        """
        import datetime
        import time

        self.cookies[key] = value
        morsel = self.cookies[key]
        if expires is not None:
            if isinstance(expires, datetime.datetime):
                if expires.utcoffset() is None:
                    expires = expires.replace(tzinfo=datetime.timezone.utc)
                delta = expires - datetime.datetime.now(tz=datetime.timezone.utc)
                # one second more, as the conversion loses a fraction of one
                delta += datetime.timedelta(seconds=1)
                expires = None
                if max_age is not None:
                    raise ValueError("'expires' and 'max_age' can't be used together.")
                max_age = max(0, delta.days * 86400 + delta.seconds)
            else:
                morsel["expires"] = expires
        else:
            morsel["expires"] = ""
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            morsel["max-age"] = int(max_age)
            if not expires:  # old browsers know only Expires
                morsel["expires"] = http_date(time.time() + max_age)
        if path is not None:
            morsel["path"] = path
        if domain is not None:
            morsel["domain"] = domain
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite:
            if samesite.lower() not in ("lax", "none", "strict"):
                raise ValueError('samesite must be "lax", "none", or "strict".')
            morsel["samesite"] = samesite

    def set_signed_cookie(self, key, value, salt="", **kwargs):
        """Set a cookie whose value is signed (read it with get_signed_cookie)."""
        value = get_cookie_signer(salt=key + salt).sign(value)
        return self.set_cookie(key, value, **kwargs)

    def delete_cookie(self, key, path="/", domain=None, samesite=None):
        """Tell the browser to drop a cookie (an expired empty one)."""
        # Browsers ignore a cookie without the secure flag if its name has the
        # __Secure-/__Host- prefix or its samesite is "none".
        secure = key.startswith(("__Secure-", "__Host-")) or bool(
            samesite and samesite.lower() == "none")
        self.set_cookie(key, max_age=0, path=path, domain=domain, secure=secure,
                        expires="Thu, 01 Jan 1970 00:00:00 GMT", samesite=samesite)

    def make_bytes(self, value):
        """Return `value` as bytes in the response's charset."""
        if isinstance(value, (bytes, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            return value.encode(self.charset)
        return str(value).encode(self.charset)

    def close(self):
        """Release resources and send request_finished (the server calls this)."""
        for closer in self._resource_closers:
            try:
                closer()
            except Exception:
                pass
        self._resource_closers.clear()
        self.closed = True
        request_finished.send(sender=self._handler_class)

    def write(self, content):
        raise OSError("This %s instance is not writable" % type(self).__name__)

    def flush(self):
        pass

    def tell(self):
        raise OSError("This %s instance cannot tell its position" % type(self).__name__)

    def readable(self):
        return False

    def seekable(self):
        return False

    def writable(self):
        return False

    def writelines(self, lines):
        raise OSError("This %s instance is not writable" % type(self).__name__)


class HttpResponse(HttpResponseBase):
    """A response whose content is held in memory.

        HttpResponse("<p>Hi</p>")                       # text/html, 200
        HttpResponse("nope", status=404, content_type="text/plain")

    It is also a writable file-like object: response.write("more").
    """

    streaming = False
    non_picklable_attrs = frozenset(["resolver_match", "client", "request",
                                     "templates", "wsgi_request", "context"])

    def __init__(self, content=b"", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content

    def __repr__(self):
        return "<%s status_code=%d%s>" % (
            type(self).__name__, self.status_code, self._content_type_for_repr)

    def serialize(self):
        """Return the whole HTTP message (headers and body) as bytes."""
        return self.serialize_headers() + b"\r\n\r\n" + self.content

    __bytes__ = serialize

    @property
    def content(self):
        return b"".join(self._container)

    @content.setter
    def content(self, value):
        if hasattr(value, "__iter__") and not isinstance(
                value, (bytes, memoryview, str)):
            content = b"".join(self.make_bytes(chunk) for chunk in value)
            if hasattr(value, "close"):
                try:
                    value.close()
                except Exception:
                    pass
        else:
            content = self.make_bytes(value)
        self._container = [content]

    @property
    def text(self):
        """The content decoded with the response's charset."""
        return self.content.decode(self.charset or "utf-8")

    def __iter__(self):
        return iter(self._container)

    def write(self, content):
        self._container.append(self.make_bytes(content))

    def tell(self):
        return len(self.content)

    def getvalue(self):
        return self.content

    def writable(self):
        return True

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class StreamingHttpResponse(HttpResponseBase):
    """A response whose content is an iterator, sent as it is produced.

    It has `streaming_content` instead of `content`.
    """

    streaming = True

    def __init__(self, streaming_content=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    def __repr__(self):
        return "<%s status_code=%d%s>" % (
            type(self).__qualname__, self.status_code, self._content_type_for_repr)

    @property
    def content(self):
        raise AttributeError(
            "This %s instance has no `content` attribute. Use `streaming_content` "
            "instead." % type(self).__name__)

    @property
    def text(self):
        raise AttributeError(
            "This %s instance has no `text` attribute." % type(self).__name__)

    @property
    def is_async(self):
        return False

    @property
    def streaming_content(self):
        return map(self.make_bytes, self._iterator)

    @streaming_content.setter
    def streaming_content(self, value):
        self._set_streaming_content(value)

    def _set_streaming_content(self, value):
        self._iterator = iter(value)
        if hasattr(value, "close"):
            self._resource_closers.append(value.close)

    def __iter__(self):
        return iter(self.streaming_content)

    def getvalue(self):
        return b"".join(self.streaming_content)


class FileResponse(StreamingHttpResponse):
    """Stream a file opened in binary mode, with Content-Length, Content-Type
    (guessed from the name) and, if asked, Content-Disposition set."""

    block_size = 4096

    def __init__(self, *args, as_attachment=False, filename="", **kwargs):
        self.as_attachment = as_attachment
        self.filename = filename
        self._no_explicit_content_type = (
            "content_type" not in kwargs or kwargs["content_type"] is None)
        super().__init__(*args, **kwargs)

    def _set_streaming_content(self, value):
        if not hasattr(value, "read"):
            self.file_to_stream = None
            return super()._set_streaming_content(value)
        self.file_to_stream = filelike = value
        if hasattr(filelike, "close"):
            self._resource_closers.append(filelike.close)
        value = iter(lambda: filelike.read(self.block_size), b"")
        self.set_headers(filelike)
        super()._set_streaming_content(value)

    def set_headers(self, filelike):
        """Set Content-Length, Content-Type and Content-Disposition from the file."""
        filename = getattr(filelike, "name", "")
        filename = filename if isinstance(filename, str) else ""
        seekable = hasattr(filelike, "seek") and (
            not hasattr(filelike, "seekable") or filelike.seekable())
        if hasattr(filelike, "tell"):
            if seekable:
                initial = filelike.tell()
                filelike.seek(0, os.SEEK_END)
                self.headers["Content-Length"] = filelike.tell() - initial
                filelike.seek(initial)
            elif hasattr(filelike, "getbuffer"):
                self.headers["Content-Length"] = (
                    filelike.getbuffer().nbytes - filelike.tell())
            elif os.path.exists(filename):
                self.headers["Content-Length"] = (
                    os.path.getsize(filename) - filelike.tell())
        elif seekable:
            self.headers["Content-Length"] = sum(
                iter(lambda: len(filelike.read(self.block_size)), 0))
            filelike.seek(-int(self.headers["Content-Length"]), os.SEEK_END)
        filename = os.path.basename(self.filename or filename)
        if self._no_explicit_content_type:
            self.headers["Content-Type"] = _guess_content_type(filename)
        disposition = content_disposition_header(self.as_attachment, filename)
        if disposition:
            self.headers["Content-Disposition"] = disposition


def _guess_content_type(filename):
    """Return the media type for a file name; compressed files keep theirs."""
    if not filename:
        return "application/octet-stream"
    import mimetypes

    content_type, encoding = mimetypes.guess_type(filename)
    content_type = {
        "br": "application/x-brotli", "bzip2": "application/x-bzip",
        "compress": "application/x-compress", "gzip": "application/gzip",
        "xz": "application/x-xz",
    }.get(encoding, content_type)
    return content_type or "application/octet-stream"


class HttpResponseRedirectBase(HttpResponse):
    """A redirect; refuses schemes other than http, https and ftp, and targets
    with control characters, with DisallowedRedirect (a 400)."""

    allowed_schemes = ["http", "https", "ftp"]

    def __init__(self, redirect_to, preserve_request=False, *args, **kwargs):
        from urllib.parse import urlsplit

        super().__init__(*args, **kwargs)
        target = str(redirect_to)
        if any(ord(c) < 32 or ord(c) == 127 for c in target):
            raise DisallowedRedirect(
                "Unsafe redirect to URL with a control character (CR, LF, ...): %r"
                % target[:100])
        self["Location"] = iri_to_uri(target)
        parsed = urlsplit(target)
        if preserve_request:
            self.status_code = self.status_code_preserve_request
        if parsed.scheme and parsed.scheme not in self.allowed_schemes:
            raise DisallowedRedirect(
                "Unsafe redirect to URL with protocol '%s'" % parsed.scheme)

    url = property(lambda self: self["Location"])

    def __repr__(self):
        return '<%s status_code=%d%s, url="%s">' % (
            type(self).__name__, self.status_code, self._content_type_for_repr,
            self.url)


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302
    status_code_preserve_request = 307


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301
    status_code_preserve_request = 308


class HttpResponseNotModified(HttpResponse):
    """304: the client's cached copy is current; there is no content."""

    status_code = 304

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self["content-type"]

    @HttpResponse.content.setter
    def content(self, value):
        if value:
            raise AttributeError(
                "You cannot set content to a 304 (Not Modified) response")
        self._container = []


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    """405, with the Allow header listing `permitted_methods`."""

    status_code = 405

    def __init__(self, permitted_methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)

    def __repr__(self):
        return "<%s [%s] status_code=%d%s>" % (
            type(self).__name__, self["Allow"], self.status_code,
            self._content_type_for_repr)


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class JsonResponse(HttpResponse):
    """A response holding `data` as JSON (application/json).

    Only dicts are accepted unless safe=False; `encoder` defaults to
    DjangoJSONEncoder (dates, decimals, UUIDs, lazy strings).
    """

    def __init__(self, data, encoder=None, safe=True, json_dumps_params=None,
                 **kwargs):
        import json

        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the "
                "safe parameter to False.")
        if json_dumps_params is None:
            json_dumps_params = {}
        kwargs.setdefault("content_type", "application/json")
        encoder = encoder or sys.modules[__name__].DjangoJSONEncoder
        data = json.dumps(data, cls=encoder, **json_dumps_params)
        super().__init__(content=data, **kwargs)


def _make_django_json_encoder():
    import datetime
    import decimal
    import json
    import uuid

    class DjangoJSONEncoder(json.JSONEncoder):
        """JSONEncoder that also knows datetimes, dates, times, timedeltas,
        Decimals, UUIDs and lazy strings, formatted as Django does."""

        def default(self, o):
            if isinstance(o, datetime.datetime):
                r = o.isoformat()
                if o.microsecond:
                    r = r[:23] + r[26:]
                if r.endswith("+00:00"):
                    r = r.removesuffix("+00:00") + "Z"
                return r
            if isinstance(o, datetime.date):
                return o.isoformat()
            if isinstance(o, datetime.time):
                if o.utcoffset() is not None:
                    raise ValueError("JSON can't represent timezone-aware times.")
                r = o.isoformat()
                return r[:12] if o.microsecond else r
            if isinstance(o, datetime.timedelta):
                return _duration_iso_string(o)
            if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
                return str(o)
            return super().default(o)

    DjangoJSONEncoder.__module__ = __name__
    return DjangoJSONEncoder


def _duration_iso_string(duration):
    """Format a timedelta as ISO 8601 ("P1DT02H03M04.000005S")."""
    sign = "-" if duration.days < 0 else ""
    if duration.days < 0:
        duration = -duration
    days = duration.days
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    ms = ".{:06d}".format(duration.microseconds) if duration.microseconds else ""
    return "{}P{}DT{:02d}H{:02d}M{:02d}{}S".format(
        sign, days, hours, minutes, seconds, ms)


#: Names built on first use (PEP 562), so `import djscratch` does not pay for
#: the modules they need: name -> factory.  The factory's result is cached as
#: a module global.
_LAZY_ATTRS = {"DjangoJSONEncoder": _make_django_json_encoder}


def __getattr__(name):
    factory = _LAZY_ATTRS.get(name)
    if factory is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = factory()
    return value

###############################################################################
# URL routing #################################################################
###############################################################################

# URL routing: path()/re_path()/include() build a tree of URLPattern and
# URLResolver objects; resolve() walks it, reverse() runs it backwards.
# A resolver is cached per URLconf (get_resolver) and its reverse table is
# built on first use, so a request costs one regex match per pattern tried.
# Route converters, error messages and ResolverMatch follow Django.

__all__ += [
    "path", "re_path", "include", "reverse", "reverse_lazy", "resolve",
    "ResolverMatch", "URLPattern", "URLResolver", "register_converter",
    "get_resolver", "clear_url_caches", "get_script_prefix", "set_script_prefix",
    "get_urlconf", "set_urlconf", "static_url", "static_urlpatterns",
    "staticfiles_urlpatterns", "NoReverseMatch", "Resolver404",
]


class IntConverter:
    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class StringConverter:
    regex = "[^/]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class UUIDConverter:
    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value):
        import uuid

        return uuid.UUID(value)

    def to_url(self, value):
        return str(value)


class SlugConverter(StringConverter):
    regex = "[-a-zA-Z0-9_]+"


class PathConverter(StringConverter):
    regex = ".+"


_CONVERTERS = {
    "int": IntConverter(), "path": PathConverter(), "slug": SlugConverter(),
    "str": StringConverter(), "uuid": UUIDConverter(),
}


def register_converter(converter, type_name):
    """Make `<type_name:...>` usable in path() routes, with `converter` (a class
    with `regex`, `to_python` and `to_url`)."""
    if type_name in _CONVERTERS:
        raise ValueError(f"Converter {type_name!r} is already registered.")
    _CONVERTERS[type_name] = converter()
    clear_url_caches()


def _route_to_regex(route, is_endpoint):
    """Turn a path() route into (regex source, {name: converter}).

        >>> _route_to_regex("posts/<int:pk>/", True)
        ('^posts/(?P<pk>[0-9]+)/\\\\Z', {'pk': <IntConverter>})
    """
    import re

    parts = ["^"]
    converters = {}
    rest = route
    param_re = _re(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
    while True:
        m = param_re.search(rest)
        if not m:
            parts.append(re.escape(rest))
            break
        parts.append(re.escape(rest[:m.start()]))
        rest = rest[m.end():]
        parameter = m["parameter"]
        if not parameter.isidentifier():
            raise ImproperlyConfigured(
                "URL route %r uses parameter name %r which isn't a valid Python "
                "identifier." % (route, parameter))
        raw_converter = m["converter"] or "str"
        try:
            converter = _CONVERTERS[raw_converter]
        except KeyError:
            raise ImproperlyConfigured(
                "URL route %r uses invalid converter %r." % (route, raw_converter)
            ) from None
        converters[parameter] = converter
        parts.append("(?P<%s>%s)" % (parameter, converter.regex))
    if is_endpoint:
        parts.append(r"\Z")
    return "".join(parts), converters


class RoutePattern:
    """The pattern of a path() route ("posts/<int:pk>/")."""

    def __init__(self, route, name=None, is_endpoint=False):
        self._route = route
        self._is_endpoint = is_endpoint
        self.name = name
        if _re(r"<[^>]*\s[^>]*>").search(route):
            raise ImproperlyConfigured(
                "URL route '%s' cannot contain whitespace in angle brackets <…>."
                % route)
        self._regex_source, self.converters = _route_to_regex(route, is_endpoint)

    @cached_property
    def regex(self):
        return _re(self._regex_source)

    def match(self, path):
        """Return (remaining path, args, kwargs) if `path` matches, else None."""
        if not self.converters:  # a plain string: no regex needed
            if self._is_endpoint:
                return ("", (), {}) if path == self._route else None
            if path.startswith(self._route):
                return path[len(self._route):], (), {}
            return None
        m = self.regex.match(path)
        if m is None:
            return None
        kwargs = m.groupdict()
        for key, value in kwargs.items():
            try:
                kwargs[key] = self.converters[key].to_python(value)
            except ValueError:
                return None
        return path[m.end():], (), kwargs

    def _reverse_parts(self):
        """Return (format string, parameter names) for reverse()."""
        template, params = [], []
        rest = self._route
        param_re = _re(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
        pos = 0
        for m in param_re.finditer(rest):
            template.append(rest[pos:m.start()].replace("%", "%%"))
            template.append("%%(%s)s" % m["parameter"])
            params.append(m["parameter"])
            pos = m.end()
        template.append(rest[pos:].replace("%", "%%"))
        return "".join(template), params

    def describe(self):
        return "'%s'" % self if self.name is None else "'%s' [name='%s']" % (
            self, self.name)

    def __str__(self):
        return str(self._route)


class RegexPattern:
    """The pattern of a re_path() route (a regular expression)."""

    def __init__(self, regex, name=None, is_endpoint=False):
        self._regex = regex
        self._is_endpoint = is_endpoint
        self.name = name
        self.converters = {}

    @cached_property
    def regex(self):
        import re

        try:
            return re.compile(str(self._regex))
        except re.error as err:
            raise ImproperlyConfigured(
                '"%s" is not a valid regular expression: %s' % (self._regex, err)
            ) from err

    def match(self, path):
        if self._is_endpoint and self.regex.pattern.endswith("$"):
            m = self.regex.fullmatch(path)
        else:
            m = self.regex.search(path)
        if m is None:
            return None
        # Named groups become kwargs (unmatched optional ones dropped);
        # without named groups, the groups are positional args.
        kwargs = {k: v for k, v in m.groupdict().items() if v is not None}
        args = () if kwargs or m.groupdict() else m.groups()
        return path[m.end():], args, kwargs

    def _reverse_parts(self):
        """Return (format string, parameter names) for reverse(), or None if
        the regex is beyond the simple shapes reverse() understands (literal
        text and capture groups, optionally anchored)."""
        source = str(self._regex)
        source = source[1:] if source.startswith("^") else source
        for end in ("\\Z", "$"):
            if source.endswith(end) and not source.endswith("\\" + end):
                source = source[: -len(end)]
        template, params = [], []
        i, n = 0, len(source)
        while i < n:
            c = source[i]
            if c == "\\" and i + 1 < n:
                nxt = source[i + 1]
                if nxt.isalnum():
                    return None  # \d, \w, ...: not a literal
                template.append(nxt.replace("%", "%%"))
                i += 2
            elif c == "(":
                depth, j = 0, i
                while j < n:
                    if source[j] == "\\":
                        j += 2
                        continue
                    if source[j] == "(":
                        depth += 1
                    elif source[j] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                group = source[i:j + 1]
                named = _re(r"^\(\?P<(\w+)>").match(group)
                if named:
                    name = named[1]
                elif group.startswith("(?"):
                    return None  # non-capturing or look-around groups
                else:
                    name = "_%d" % len(params)
                params.append(name)
                template.append("%%(%s)s" % name)
                if j + 1 < n and source[j + 1] in "?*+{":
                    return None  # optional or repeated groups
                i = j + 1
            elif c in ".^$*+?{}[]|)":
                return None
            else:
                template.append(c.replace("%", "%%"))
                i += 1
        return "".join(template), params

    def describe(self):
        return "'%s'" % self if self.name is None else "'%s' [name='%s']" % (
            self, self.name)

    def __str__(self):
        return str(self._regex)


class ResolverMatch:
    """What resolve() found: the view, its arguments and the names on the way.

    Unpacks as (func, args, kwargs): `func, args, kwargs = resolve("/x/")`.
    """

    def __init__(self, func, args, kwargs, url_name=None, app_names=None,
                 namespaces=None, route=None, tried=None, captured_kwargs=None,
                 extra_kwargs=None):
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self.tried = tried
        self.captured_kwargs = captured_kwargs
        self.extra_kwargs = extra_kwargs
        self.app_names = [x for x in app_names if x] if app_names else []
        self.app_name = ":".join(self.app_names)
        self.namespaces = [x for x in namespaces if x] if namespaces else []
        self.namespace = ":".join(self.namespaces)

    @cached_property
    def _func_path(self):
        view = getattr(self.func, "view_class", self.func)
        if not hasattr(view, "__name__"):  # a callable instance
            return view.__class__.__module__ + "." + view.__class__.__name__
        return view.__module__ + "." + view.__name__

    @cached_property
    def view_name(self):
        """The namespaced name: "blog:post_detail" (or the view's dotted path)."""
        return ":".join(self.namespaces + [self.url_name or self._func_path])

    def __getitem__(self, index):
        return (self.func, self.args, self.kwargs)[index]

    def __iter__(self):
        return iter((self.func, self.args, self.kwargs))

    def __repr__(self):
        func = self._func_path
        return "ResolverMatch(func=%s, args=%r, kwargs=%r, url_name=%r, app_names=%r, "\
            "namespaces=%r, route=%r%s%s)" % (
                func, self.args, self.kwargs, self.url_name, self.app_names,
                self.namespaces, self.route,
                f", captured_kwargs={self.captured_kwargs!r}"
                if self.captured_kwargs else "",
                f", extra_kwargs={self.extra_kwargs!r}" if self.extra_kwargs else "")

    def __reduce_ex__(self, protocol):
        raise PermissionError(f"Cannot pickle {type(self).__qualname__}.")


class URLPattern:
    """One route to one view: path("about/", about, name="about")."""

    def __init__(self, pattern, callback, default_args=None, name=None):
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self.pattern.describe())

    def resolve(self, path):
        match = self.pattern.match(path)
        if match:
            new_path, args, captured_kwargs = match
            kwargs = {**captured_kwargs, **self.default_args}
            return ResolverMatch(
                self.callback, args, kwargs, self.pattern.name,
                route=str(self.pattern), captured_kwargs=captured_kwargs,
                extra_kwargs=self.default_args)
        return None

    @cached_property
    def lookup_str(self):
        """The dotted path of the view ("blog.views.post_detail")."""
        callback = getattr(self.callback, "view_class", self.callback)
        if not hasattr(callback, "__name__"):
            return callback.__module__ + "." + callback.__class__.__name__
        return callback.__module__ + "." + callback.__qualname__


class URLResolver:
    """A list of patterns under a common prefix: include() and the URLconf root.

    `urlconf_name` is a module, its dotted name, or a list of patterns.
    """

    def __init__(self, pattern, urlconf_name, default_kwargs=None, app_name=None,
                 namespace=None):
        self.pattern = pattern
        self.urlconf_name = urlconf_name
        self.default_kwargs = default_kwargs or {}
        self.namespace = namespace
        self.app_name = app_name
        self._lock = threading.RLock()

    def __repr__(self):
        if isinstance(self.urlconf_name, list) and self.urlconf_name:
            urlconf_repr = "<%s list>" % type(self.urlconf_name[0]).__name__
        else:
            urlconf_repr = repr(self.urlconf_name)
        return "<%s %s (%s:%s) %s>" % (
            type(self).__name__, urlconf_repr, self.app_name, self.namespace,
            self.pattern.describe())

    @cached_property
    def urlconf_module(self):
        if isinstance(self.urlconf_name, str):
            import importlib

            return importlib.import_module(self.urlconf_name)
        return self.urlconf_name

    @cached_property
    def url_patterns(self):
        patterns = getattr(self.urlconf_module, "urlpatterns", self.urlconf_module)
        try:
            iter(patterns)
        except TypeError as err:
            raise ImproperlyConfigured(
                f"The included URLconf '{self.urlconf_name}' does not appear to have "
                "any patterns in it. If you see the 'urlpatterns' variable with valid "
                "patterns in the file then the issue is probably caused by a circular "
                "import.") from err
        return patterns

    def resolve(self, path):
        """Return the ResolverMatch for `path`, or raise Resolver404 with the
        patterns tried: Resolver404({"tried": [...], "path": ...})."""
        path = str(path)
        tried = []
        match = self.pattern.match(path)
        if not match:
            raise Resolver404({"path": path})
        new_path, args, captured_kwargs = match
        for pattern in self.url_patterns:
            try:
                sub_match = pattern.resolve(new_path)
            except Resolver404 as err:
                sub_tried = err.args[0].get("tried")
                if sub_tried is not None:
                    tried.extend([pattern, *t] for t in sub_tried)
                else:
                    tried.append([pattern])
            else:
                if sub_match:
                    sub_match_dict = {**captured_kwargs, **self.default_kwargs}
                    sub_match_dict.update(sub_match.kwargs)
                    sub_match_args = sub_match.args
                    if not sub_match_dict:
                        sub_match_args = args + sub_match.args
                    current_route = ("" if isinstance(pattern, URLPattern)
                                     else str(pattern.pattern))
                    if sub_match.tried is not None:
                        tried.extend([pattern, *t] for t in sub_match.tried)
                    else:
                        tried.append([pattern])
                    return ResolverMatch(
                        sub_match.func, sub_match_args, sub_match_dict,
                        sub_match.url_name, [self.app_name] + sub_match.app_names,
                        [self.namespace] + sub_match.namespaces,
                        _join_route(current_route, sub_match.route), tried,
                        captured_kwargs=sub_match.captured_kwargs,
                        extra_kwargs={**self.default_kwargs,
                                      **(sub_match.extra_kwargs or {})})
                tried.append([pattern])
        raise Resolver404({"tried": tried, "path": new_path})

    def resolve_error_handler(self, view_type):
        """Return the URLconf's handler404/500/400/403, or the default view."""
        callback = getattr(self.urlconf_module, "handler%s" % view_type, None)
        if not callback:
            return _DEFAULT_ERROR_VIEWS[view_type]
        if isinstance(callback, str):
            callback = import_string(callback)
        return callback

    # -- reverse()

    def _populate(self):
        """Build the reverse tables: name or view -> entries, namespaces."""
        with self._lock:
            if "_reverse_dict" in self.__dict__:
                return
            lookups = {}  # name or callable -> [entry]
            namespaces = {}
            app_dict = {}
            # Later patterns first, as in Django: the last one defined wins.
            for url_pattern in reversed(self.url_patterns):
                prefix = _reverse_entry(url_pattern.pattern)
                if isinstance(url_pattern, URLPattern):
                    template, params, source, converters = prefix
                    entry = (template, params, source, url_pattern.default_args,
                             converters)
                    lookups.setdefault(url_pattern.callback, []).append(entry)
                    if url_pattern.name is not None:
                        lookups.setdefault(url_pattern.name, []).append(entry)
                else:
                    url_pattern._populate()
                    if url_pattern.app_name:
                        app_dict.setdefault(url_pattern.app_name, []).append(
                            url_pattern.namespace)
                        namespaces[url_pattern.namespace] = (prefix, url_pattern)
                    else:
                        for name, entries in url_pattern._reverse_dict.items():
                            for entry in entries:
                                lookups.setdefault(name, []).append(_join_entries(
                                    prefix, entry, url_pattern.default_kwargs))
                        for namespace, (sub_prefix, resolver) in (
                                url_pattern._namespace_dict.items()):
                            namespaces[namespace] = (
                                _join_prefixes(prefix, sub_prefix), resolver)
                        for app_name, namespace_list in url_pattern._app_dict.items():
                            app_dict.setdefault(app_name, []).extend(namespace_list)
            self._namespace_dict = namespaces
            self._app_dict = app_dict
            self._reverse_dict = lookups

    def _reverse_with_prefix(self, lookup_view, _prefix, *args, ns_prefix=None,
                             **kwargs):
        import re
        from urllib.parse import quote

        if args and kwargs:
            raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
        self._populate()
        possibilities = self._reverse_dict.get(lookup_view, [])
        if ns_prefix is not None:
            possibilities = [_join_entries(ns_prefix, e, {}) for e in possibilities]
        for template, params, pattern, defaults, converters in possibilities:
            if template is None:
                continue  # a regex too complex to run backwards
            if args:
                if len(args) != len(params):
                    continue
                candidate_subs = dict(zip(params, args))
            else:
                if set(kwargs).symmetric_difference(params).difference(defaults):
                    continue
                if any(kwargs.get(k, v) != v for k, v in defaults.items()
                       if k not in params):
                    continue
                candidate_subs = kwargs
            text_subs = {}
            try:
                for k, v in candidate_subs.items():
                    converter = converters.get(k)
                    text_subs[k] = converter.to_url(v) if converter else str(v)
            except ValueError:
                continue
            candidate = _prefix.replace("%", "%%") + template
            url = candidate % text_subs
            # The URL must match the pattern it came from (e.g. an int for \d+).
            if re.search("^%s%s" % (re.escape(_prefix), pattern), url):
                url = quote(url, safe="!$&'()*+,;=" + "/~:@")
                return escape_leading_slashes(url)
        module = getattr(lookup_view, "__module__", None)
        name = getattr(lookup_view, "__name__", None)
        if module is not None and name is not None:
            lookup_view_s = "%s.%s" % (module, name)
        else:
            lookup_view_s = lookup_view
        patterns = [pattern for (_t, _p, pattern, _d, _c) in possibilities]
        if patterns:
            if args:
                arg_msg = "arguments '%s'" % (args,)
            elif kwargs:
                arg_msg = "keyword arguments '%s'" % kwargs
            else:
                arg_msg = "no arguments"
            msg = "Reverse for '%s' with %s not found. %d pattern(s) tried: %s" % (
                lookup_view_s, arg_msg, len(patterns), patterns)
        else:
            msg = ("Reverse for '%(view)s' not found. '%(view)s' is not a valid view "
                   "function or pattern name." % {"view": lookup_view_s})
        raise NoReverseMatch(msg)


def _pattern_source(pattern):
    """The regex of a pattern as text, without its leading "^"."""
    source = pattern._regex_source if isinstance(pattern, RoutePattern) else str(
        pattern._regex)
    return source.removeprefix("^")


def _reverse_entry(pattern):
    """Return (template, params, regex source, converters) of a pattern; the
    template and params are None when the pattern cannot be reversed."""
    parts = pattern._reverse_parts()
    template, params = parts if parts is not None else (None, None)
    return template, params, _pattern_source(pattern), dict(pattern.converters)


def _join_prefixes(outer, inner):
    """Join two (template, params, regex source, converters) prefixes."""
    template = None if outer[0] is None or inner[0] is None else outer[0] + inner[0]
    params = None if template is None else outer[1] + inner[1]
    return template, params, outer[2] + inner[2], {**outer[3], **inner[3]}


def _join_entries(prefix, entry, default_kwargs):
    """Put a prefix in front of a reverse entry
    (template, params, regex source, defaults, converters)."""
    template, params, pattern, defaults, converters = entry
    joined = None if prefix[0] is None or template is None else prefix[0] + template
    return (joined, None if joined is None else prefix[1] + params,
            prefix[2] + pattern, {**defaults, **default_kwargs},
            {**prefix[3], **converters})


def _join_route(route1, route2):
    """Join two routes, without the "^" of the second."""
    if not route1:
        return route2
    return route1 + route2.removeprefix("^")


def include(arg, namespace=None):
    """Include another URLconf: a module (or its dotted name), a list of
    patterns, or a (patterns, app_name) pair; `namespace` names the instance."""
    import importlib

    app_name = None
    if isinstance(arg, tuple):
        try:
            urlconf_module, app_name = arg
        except ValueError:
            if namespace:
                raise ImproperlyConfigured(
                    "Cannot override the namespace for a dynamic module that "
                    "provides a namespace.") from None
            raise ImproperlyConfigured(
                "Passing a %d-tuple to include() is not supported. Pass a 2-tuple "
                "containing the list of patterns and app_name, and provide the "
                "namespace argument to include() instead." % len(arg)) from None
    else:
        urlconf_module = arg
    if isinstance(urlconf_module, str):
        urlconf_module = importlib.import_module(urlconf_module)
    app_name = getattr(urlconf_module, "app_name", app_name)
    if namespace and not app_name:
        raise ImproperlyConfigured(
            "Specifying a namespace in include() without providing an app_name is "
            "not supported. Set the app_name attribute in the included module, or "
            "pass a 2-tuple containing the list of patterns and app_name instead.")
    namespace = namespace or app_name
    return (urlconf_module, app_name, namespace)


def _make_path(route, view, kwargs, name, pattern_class):
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(
            f"kwargs argument must be a dict, but got {kwargs.__class__.__name__}.")
    if isinstance(view, (list, tuple)):  # include(...)
        urlconf_module, app_name, namespace = view
        return URLResolver(pattern_class(route, is_endpoint=False), urlconf_module,
                           kwargs, app_name=app_name, namespace=namespace)
    if isinstance(view, type):
        raise TypeError(
            f"view must be a callable, pass {view.__name__}.as_view(), not "
            f"{view.__name__}.")
    if callable(view):
        return URLPattern(pattern_class(route, name=name, is_endpoint=True), view,
                          kwargs, name)
    view_class = globals().get("View")
    if view_class is not None and isinstance(view, view_class):
        cls_name = type(view).__name__
        raise TypeError(
            f"view must be a callable, pass {cls_name}.as_view(), not {cls_name}().")
    raise TypeError("view must be a callable or a list/tuple in the case of include().")


def path(route, view, kwargs=None, name=None):
    """Route `route` ("posts/<int:pk>/") to `view`, or to include(...).

    Converters: int, str (default), slug, uuid, path, and registered ones.
    """
    return _make_path(route, view, kwargs, name, RoutePattern)


def re_path(route, view, kwargs=None, name=None):
    """Route a regular expression (named groups become keyword arguments)."""
    return _make_path(route, view, kwargs, name, RegexPattern)


# -- The resolver cache and the per-thread URL state.

_resolver_cache = {}
_urlstate = threading.local()


def get_resolver(urlconf=None):
    """Return the (cached) root resolver of `urlconf` (default ROOT_URLCONF)."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
    key = urlconf if isinstance(urlconf, str) or urlconf is None else id(urlconf)
    resolver = _resolver_cache.get(key)
    if resolver is None or (not isinstance(urlconf, str)
                            and resolver.urlconf_name is not urlconf):
        if urlconf is None:
            raise ImproperlyConfigured(
                "The ROOT_URLCONF setting is not set: name the module holding "
                "urlpatterns (a single-file App sets it to the script).")
        resolver = _resolver_cache[key] = URLResolver(RegexPattern(r"^/"), urlconf)
    return resolver


def clear_url_caches():
    """Forget cached resolvers (after changing ROOT_URLCONF or the URLconf)."""
    _resolver_cache.clear()


def _url_settings_changed(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL"):
        clear_url_caches()
        set_urlconf(None)


setting_changed.connect(_url_settings_changed, dispatch_uid="djscratch-urls")


def get_script_prefix():
    """Return the URL prefix the app is mounted under ("/" by default)."""
    return getattr(_urlstate, "prefix", "/")


def set_script_prefix(prefix):
    if not prefix.endswith("/"):
        prefix += "/"
    _urlstate.prefix = prefix


def get_urlconf(default=None):
    """Return the URLconf set for this thread (request.urlconf), or `default`."""
    return getattr(_urlstate, "urlconf", None) or default


def set_urlconf(urlconf_name):
    _urlstate.urlconf = urlconf_name


def resolve(path, urlconf=None):
    """Return the ResolverMatch for `path` ("/posts/1/"); raise Resolver404."""
    if urlconf is None:
        urlconf = get_urlconf()
    return get_resolver(urlconf).resolve(path)


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, *,
            query=None, fragment=None):
    """Return the URL path of a view name ("blog:post", a view function) with
    `args` or `kwargs`; raise NoReverseMatch saying what was tried."""
    from urllib.parse import urlencode as std_urlencode

    if urlconf is None:
        urlconf = get_urlconf()
    resolver = get_resolver(urlconf)
    args = args or []
    kwargs = kwargs or {}
    prefix = get_script_prefix()
    ns_prefix = None
    if not isinstance(viewname, str):
        view = viewname
    else:
        *path_parts, view = viewname.split(":")
        current_path = None
        if current_app:
            current_path = current_app.split(":")
            current_path.reverse()
        resolved_path = []
        for ns in path_parts:
            current_ns = current_path.pop() if current_path else None
            resolver._populate()
            app_list = resolver._app_dict.get(ns)
            if app_list is not None:
                if current_ns and current_ns in app_list:
                    ns = current_ns  # the instance the current request is in
                elif ns not in app_list:
                    ns = app_list[0]  # the default instance of the app
            if ns != current_ns:
                current_path = None
            try:
                extra, resolver = resolver._namespace_dict[ns]
            except KeyError:
                if resolved_path:
                    raise NoReverseMatch(
                        "'%s' is not a registered namespace inside '%s'"
                        % (ns, ":".join(resolved_path))) from None
                raise NoReverseMatch(
                    "'%s' is not a registered namespace" % ns) from None
            resolved_path.append(ns)
            ns_prefix = extra if ns_prefix is None else _join_prefixes(ns_prefix, extra)
    if ns_prefix is not None:
        url = resolver._reverse_with_prefix(view, prefix, *args, ns_prefix=ns_prefix,
                                            **kwargs)
    else:
        url = resolver._reverse_with_prefix(view, prefix, *args, **kwargs)
    if query:
        if isinstance(query, QueryDict):
            query_string = query.urlencode()
        else:
            query_string = std_urlencode(query, doseq=True)
        if query_string:
            url += "?" + query_string
    if fragment is not None:
        url += "#" + fragment
    return url


reverse_lazy = lazy(reverse, str)


def is_valid_path(path, urlconf=None):
    """Return the ResolverMatch if `path` resolves, else False (APPEND_SLASH
    in CommonMiddleware asks this about "path/")."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


# -- Static file URLs.


def _static_prefix():
    """Return STATIC_URL, with the script prefix added when it is relative."""
    static = settings.STATIC_URL
    if not static:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required "
            "STATIC_URL setting.")
    static = str(static)
    if not static.startswith(("http://", "https://", "/")):
        static = get_script_prefix() + static
    return static


def static_url(path):
    """Return the URL of a static file: STATIC_URL joined with `path`
    (the `{% static %}` tag)."""
    from urllib.parse import quote, urljoin

    return urljoin(iri_to_uri(_static_prefix()), quote(str(path)))


def static_urlpatterns(prefix, view=None, **kwargs):
    """Return a URL pattern serving files under `prefix` with `view` (default
    serve()), only when DEBUG (django.conf.urls.static.static)."""
    import re
    from urllib.parse import urlsplit

    if not prefix:
        raise ImproperlyConfigured("Empty static prefix not permitted")
    if not settings.DEBUG or urlsplit(prefix).netloc:
        return []
    view = view or serve
    return [re_path(r"^%s(?P<path>.*)$" % re.escape(prefix.lstrip("/")), view,
                    kwargs=kwargs)]


def staticfiles_urlpatterns(prefix=None):
    """Return the pattern serving static files through the finders, when DEBUG."""
    if prefix is None:
        prefix = settings.STATIC_URL
    return static_urlpatterns(prefix, view=_staticfiles_serve)

###############################################################################
# Templates ###################################################################
###############################################################################

# Django's template language, compiled.  The lexer splits the source with one
# regex built from the delimiters; the parser turns tokens into nodes; each
# node writes the Python lines that render it.  A template becomes one Python
# function (plus one per {% block %}), compiled once and cached, so rendering
# is plain Python: variables bound by for/with are Python locals, names from
# the context are read once per function, and escaping is a str method.
# Both syntaxes share this compiler; only the delimiters differ:
# Django's {{ }} {% %} {# #} and the native << >> <% %> <# #>.
# `python -m djscratch template NAME` prints what a template became.

__all__ += [
    "Template", "Context", "RequestContext", "Engine", "Library", "Origin",
    "Node", "NodeList", "Variable", "TemplateDoesNotExist", "TemplateSyntaxError",
    "VariableDoesNotExist", "engines", "get_template", "select_template",
    "render_to_string", "TemplateResponse", "SimpleTemplateResponse",
    "DjangoTemplates", "DjscratchTemplates", "DJANGO_SYNTAX", "NATIVE_SYNTAX",
    "escapejs", "json_script", "strip_tags", "linebreaks", "urlize",
    "avoid_wrapping", "slugify", "Truncator", "capfirst", "dateformat",
    "date_format", "get_format", "stringfilter", "html_safe", "get_valid_filename",
]


class TemplateSyntaxError(Exception):
    """The template source is malformed (raised when it is compiled)."""


class TemplateDoesNotExist(Exception):
    """No loader found the template.

    `tried` lists (Origin, reason) pairs for every path looked at; `chain`
    holds the TemplateDoesNotExist of each engine tried by select_template.
    """

    def __init__(self, msg, tried=None, backend=None, chain=None):
        self.backend = backend
        self.tried = tried or []
        self.chain = chain or []
        super().__init__(msg)


class VariableDoesNotExist(Exception):
    """A variable lookup failed (rendered as string_if_invalid)."""

    def __init__(self, msg, params=()):
        self.msg = msg
        self.params = params

    def __str__(self):
        return self.msg % self.params


#: Delimiters: variable start/end, tag start/end, comment start/end.
DJANGO_SYNTAX = ("{{", "}}", "{%", "%}", "{#", "#}")
NATIVE_SYNTAX = ("<<", ">>", "<%", "%>", "<#", "#>")

_cache_lock = threading.Lock()
_regex_cache = {}


def _tpl_re(name, pattern, flags=0):
    """Compile `pattern` once, on first use (keeps `import djscratch` fast)."""
    compiled = _regex_cache.get(name)
    if compiled is None:
        import re

        compiled = _regex_cache[name] = re.compile(pattern, flags)
    return compiled


def _tag_re(syntax):
    """Return the lexer regex for a syntax: one alternative per delimiter pair."""
    import re

    vs, ve, bs, be, cs, ce = map(re.escape, syntax)
    return _tpl_re(("tag", syntax), f"({vs}.*?{ve}|{bs}.*?{be}|{cs}.*?{ce})")


class Token:
    """A piece of template source: text, var, block or comment."""

    __slots__ = ("token_type", "contents", "lineno", "source")

    def __init__(self, token_type, contents, lineno, source=""):
        self.token_type, self.contents = token_type, contents
        self.lineno, self.source = lineno, source

    def split_contents(self):
        """Split the tag's contents on spaces, keeping quoted strings whole."""
        return smart_split(self.contents)

    def __repr__(self):
        return f"<{self.token_type} token: {self.contents[:20]!r}...>"


def smart_split(text):
    """Split `text` on whitespace, keeping "quoted strings" (and _("...")) whole."""
    pattern = (r"""((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
               r"""[^\s'"]*)+)|\S+)""")
    return [m.group(0) for m in _tpl_re("smart_split", pattern).finditer(str(text))]


def _tokenize(source, syntax):
    """Split template source into Tokens (Django's Lexer, verbatim included)."""
    vs, _ve, bs, _be, _cs, _ce = syntax
    width = len(vs)
    tokens, lineno, in_tag, verbatim = [], 1, False, None
    for piece in _tag_re(syntax).split(source):
        if piece:
            if not in_tag:
                tokens.append(Token("text", piece, lineno, piece))
            else:
                start, content = piece[:width], piece[width:-width].strip()
                if start == bs:
                    if verbatim and content != verbatim:
                        tokens.append(Token("text", piece, lineno, piece))
                    else:
                        if verbatim:
                            verbatim = None
                        elif content[:9] in ("verbatim", "verbatim "):
                            verbatim = "end" + content
                        tokens.append(Token("block", content, lineno, piece))
                elif verbatim:
                    tokens.append(Token("text", piece, lineno, piece))
                elif start == vs:
                    tokens.append(Token("var", content, lineno, piece))
                else:
                    tokens.append(Token("comment", content, lineno, piece))
            lineno += piece.count("\n")
        in_tag = not in_tag
    return tokens


# -- Expressions: a variable or literal followed by filters, as in
#    `comment.author.name|default:"anonymous"|upper`.

_CONSTANT = r"""(?:_\("[^"\\]*(?:\\.[^"\\]*)*"\)|_\('[^'\\]*(?:\\.[^'\\]*)*'\)|"""\
            r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*')"""
_NUM = r"[-+\.]?\d[\d\.e]*"
_FILTER_PATTERN = (
    rf"^(?P<constant>{_CONSTANT})|^(?P<var>[\w\.]+|{_NUM})|"
    rf"(?:\s*\|\s*(?P<filter_name>\w+)(?::(?:(?P<constant_arg>{_CONSTANT})|"
    rf"(?P<var_arg>[\w\.]+|{_NUM})))?)"
)


def _unescape_string_literal(s):
    """Return the text of a quoted template string literal."""
    if not s or s[0] not in "\"'" or s[-1] != s[0] or len(s) < 2:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace(r"\%s" % quote, quote).replace(r"\\", "\\")


class Variable:
    """A literal or a dotted lookup, parsed once (Django's Variable).

    `literal` holds a number or safe string; otherwise `lookups` holds the
    dotted names.  resolve(context) works on a Context, for custom tags.
    """

    def __init__(self, var):
        self.var, self.literal, self.lookups = var, None, None
        self.translate, self.message_context = False, None
        if not isinstance(var, str):
            raise TypeError(f"Variable must be a string or number, got {type(var)}")
        try:
            if "." in var or "e" in var.lower():
                self.literal = float(var)
                if var[-1] == ".":
                    raise ValueError
            else:
                self.literal = int(var)
        except ValueError:
            if var[:2] == "_(" and var[-1:] == ")":
                self.translate = True
                var = var[2:-1]
            try:
                self.literal = mark_safe(_unescape_string_literal(var))
            except ValueError:
                if "._" in var or var[:1] == "_":
                    raise TemplateSyntaxError(
                        "Variables and attributes may not begin with underscores: "
                        f"'{var}'") from None
                self.lookups = tuple(var.split("."))

    def resolve(self, context):
        """Return the value in `context` (a Context), raising VariableDoesNotExist."""
        if self.lookups is None:
            return mark_safe(gettext(self.literal)) if self.translate else self.literal
        if self.lookups[0] in ("True", "False", "None") and len(self.lookups) == 1:
            return {"True": True, "False": False, "None": None}[self.lookups[0]]
        invalid = _context_engine(context).string_if_invalid
        first = context.get(self.lookups[0], _NOT_FOUND) if hasattr(
            context, "dicts") else _mapping_get(context, self.lookups[0])
        return _var(first, self.lookups[1:], invalid, _RAISE, self.lookups[0])

    def __repr__(self):
        return f"<Variable: {self.var!r}>"

    def __str__(self):
        return self.var


def _mapping_get(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError):
        return _NOT_FOUND


class _Filter:
    """One `|name:arg` in an expression: the function and its argument."""

    __slots__ = ("name", "func", "arg")

    def __init__(self, name, func, arg):
        self.name, self.func, self.arg = name, func, arg


class FilterExpression:
    """A variable or literal with its filters, parsed from `token`."""

    def __init__(self, token, parser):
        self.token = token
        self.filters = []
        self.var = None
        regex = _tpl_re("filter", _FILTER_PATTERN)
        upto = 0
        for match in regex.finditer(token):
            start = match.start()
            if upto != start:
                raise TemplateSyntaxError(
                    "Could not parse some characters: "
                    f"{token[:upto]}|{token[upto:start]}|{token[start:]}")
            if self.var is None:
                constant, var = match.group("constant"), match.group("var")
                if constant:
                    self.var = Variable(constant)
                elif var:
                    self.var = Variable(var)
                else:
                    raise TemplateSyntaxError(
                        f"Could not find variable at start of {token}.")
            else:
                name = match.group("filter_name")
                constant_arg, var_arg = match.group("constant_arg"), match.group(
                    "var_arg")
                arg = None
                if constant_arg:
                    arg = Variable(constant_arg)
                elif var_arg:
                    arg = Variable(var_arg)
                func = parser.find_filter(name)
                _check_filter_args(name, func, arg is not None)
                self.filters.append(_Filter(name, func, arg))
            upto = match.end()
        if upto != len(token):
            raise TemplateSyntaxError(
                f"Could not parse the remainder: '{token[upto:]}' from '{token}'")
        if self.var is None:
            raise TemplateSyntaxError(f"Could not find variable at start of {token}.")

    def resolve(self, context, ignore_failures=False):
        """Evaluate against a Context (for custom tags); filters applied."""
        try:
            value = self.var.resolve(context)
        except VariableDoesNotExist:
            if ignore_failures:
                value = None
            else:
                invalid = _context_engine(context).string_if_invalid
                if invalid:
                    return invalid % self.var if "%s" in invalid else invalid
                value = invalid
        for f in self.filters:
            arg = () if f.arg is None else (f.arg.resolve(context),)
            value = _apply_filter(f.func, value, arg, context.autoescape)
        return value

    def __str__(self):
        return self.token


def _check_filter_args(name, func, provided):
    """Fail at compile time when a filter gets the wrong number of arguments."""
    import inspect

    func = inspect.unwrap(func)
    try:
        spec = inspect.getfullargspec(func)
    except TypeError:
        return
    alen, dlen = len(spec.args), len(spec.defaults or ())
    plen = 1 + int(provided)  # the value is the first argument
    if plen < alen - dlen or plen > alen:
        raise TemplateSyntaxError(
            f"{name} requires {alen - dlen} arguments, {plen} provided")


def _apply_filter(func, value, args, autoescape):
    """Apply one filter the way Django does (localtime, autoescape, is_safe)."""
    if getattr(func, "expects_localtime", False):
        value = _template_localtime(value)
    if getattr(func, "needs_autoescape", False):
        result = func(value, *args, autoescape=autoescape)
    else:
        result = func(value, *args)
    if getattr(func, "is_safe", False) and isinstance(value, SafeData):
        return mark_safe(result)
    return result


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
_attr_only_types = set()  # classes without __getitem__: lookups go to getattr


def _var(current, bits, invalid, missing, name=""):
    """Resolve `current.bit.bit...` in Django's order: key, attribute, index.

    Callables are called (unless do_not_call_in_templates); alters_data
    callables are never called.  A failed lookup returns `missing` (or raises
    VariableDoesNotExist when `missing` is _RAISE).
    """
    try:
        if current is _NOT_FOUND:
            raise VariableDoesNotExist(
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
    except VariableDoesNotExist:
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
        raise VariableDoesNotExist(
            "Failed lookup for key [%s] in %r", (bit, current)) from None


def _call_variable(func, invalid):
    if getattr(func, "do_not_call_in_templates", False):
        return func
    if getattr(func, "alters_data", False):
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
    objects and dicts (the usual {{ comment.author }})."""
    cls = type(obj)
    try:
        if cls in _attr_only_types:
            value = getattr(obj, bit, _NOT_FOUND)
            if value is not _NOT_FOUND and not callable(value):
                return value
        elif cls is dict:
            value = obj.get(bit, _NOT_FOUND)
            if value is not _NOT_FOUND and not callable(value):
                return value
    except Exception:
        pass  # the full lookup below raises or silences it, as Django does
    return _var(obj, (bit,), invalid, missing, name)


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
    if type(value) is str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(
            ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    if value is not _NOT_FOUND and not callable(value):
        return _escape_output(value)  # found once: never evaluate it twice
    return _escape_output(_var(obj, (bit,), "", "", name))


def _escape_value(value, name=""):
    """Return a variable rendered and escaped: {{ name }} in one call."""
    if type(value) is str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(
            ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
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
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(
            ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    if cls is SafeString:
        return value
    if cls is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    if isinstance(value, SafeData):
        return value
    value = _localize(_template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _text_output(value):
    """Render a value as text, with autoescaping off."""
    if type(value) is str:
        return value
    return str(_localize(_template_localtime(value)))


def _template_localtime(value):
    import datetime

    if (isinstance(value, datetime.datetime) and settings.USE_TZ
            and value.utcoffset() is not None
            and getattr(value, "convert_to_local_time", True)):
        return localtime(value)
    return value


def _localize(value):
    """Format numbers and dates as Django's localize() does (en formats)."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, bool):
        return str(value)
    import datetime
    import decimal

    if isinstance(value, (decimal.Decimal, float, int)):
        return _number_format(value)
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, datetime.time):
        return formats_time_format(value)
    return value


def _number_format(number, decimal_pos=None, force_grouping=False):
    """Format a number like django.utils.numberformat.format (en)."""
    import decimal

    use_grouping = force_grouping or settings.USE_THOUSAND_SEPARATOR
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
            mantissa, exp = "{:e}".format(number).split("e")
            return _number_format(decimal.Decimal(mantissa), decimal_pos) + "e" + exp
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
    """Unpack a for-loop item into `count` names, as Django checks it."""
    length = len(item) if isinstance(item, (list, tuple)) else 1
    if length != count:
        raise ValueError(f"Need {count} values to unpack in for loop; got {length}. ")
    return item


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
    except VariableDoesNotExist:
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
    return template.engine if template is not None else Engine.get_default()


# -- The parser: tokens -> nodes.  Tag functions receive (parser, token) as in
#    Django, so custom tags written for Django work unchanged.

class Parser:
    """Turn tokens into a NodeList; tag functions call back into it."""

    def __init__(self, tokens, engine, origin=None, libraries=None):
        self.tokens = list(reversed(tokens))
        self.engine = engine
        self.origin = origin
        self.tags, self.filters = {}, {}
        self.command_stack = []
        if libraries is None:
            libraries = engine.template_libraries
        self.libraries = libraries
        for lib in engine.template_builtins:
            self.add_library(lib)
        self.extends_seen = False

    def add_library(self, lib):
        self.tags.update(lib.tags)
        self.filters.update(lib.filters)

    def error(self, token, message):
        """Return a TemplateSyntaxError naming the template and the line."""
        if isinstance(message, TemplateSyntaxError):
            message = str(message)
        name = getattr(self.origin, "template_name", None)
        if name and f"(in template {name!r}" not in message:
            message = f"{message} (in template {name!r}, line {token.lineno})"
        err = TemplateSyntaxError(message)
        err.token = token
        err.template_name = name
        return err

    def parse(self, parse_until=None):
        """Parse until one of the tag names in `parse_until` (left unconsumed)."""
        parse_until = tuple(parse_until or ())
        nodelist = NodeList()
        while self.tokens:
            token = self.next_token()
            kind = token.token_type
            if kind == "text":
                nodelist.append(TextNode(token.contents), token)
            elif kind == "var":
                if not token.contents:
                    raise self.error(
                        token, f"Empty variable tag on line {token.lineno}")
                try:
                    expression = self.compile_filter(token.contents)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                nodelist.append(VariableNode(expression), token)
            elif kind == "block":
                try:
                    command = token.contents.split()[0]
                except IndexError:
                    raise self.error(token, f"Empty block tag on line {token.lineno}") \
                        from None
                if command in parse_until:
                    self.prepend_token(token)
                    return nodelist
                self.command_stack.append((command, token))
                try:
                    compile_func = self.tags[command]
                except KeyError:
                    self.invalid_block_tag(token, command, parse_until)
                try:
                    node = compile_func(self, token)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                self.command_stack.pop()
                if isinstance(node, ExtendsNode):
                    if nodelist.contains_nontext:
                        raise self.error(
                            token, f"{node!r} must be the first tag in the template.")
                nodelist.append(node, token)
        if parse_until:
            self.unclosed_block_tag(parse_until)
        return nodelist

    def skip_past(self, endtag):
        while self.tokens:
            token = self.next_token()
            if token.token_type == "block" and token.contents == endtag:
                return
        self.unclosed_block_tag([endtag])

    def invalid_block_tag(self, token, command, parse_until=None):
        if parse_until:
            expected = get_text_list([f"'{p}'" for p in parse_until], "or")
            raise self.error(
                token, f"Invalid block tag on line {token.lineno}: '{command}', "
                f"expected {expected}. Did you forget to register or load this tag?")
        raise self.error(
            token, f"Invalid block tag on line {token.lineno}: '{command}'. Did you "
            "forget to register or load this tag?")

    def unclosed_block_tag(self, parse_until):
        command, token = self.command_stack.pop()
        raise self.error(
            token, f"Unclosed tag on line {token.lineno}: '{command}'. Looking for "
            f"one of: {', '.join(parse_until)}.")

    def next_token(self):
        return self.tokens.pop()

    def prepend_token(self, token):
        self.tokens.append(token)

    def delete_first_token(self):
        del self.tokens[-1]

    def compile_filter(self, token):
        """Parse `var|filter:arg` into a FilterExpression."""
        return FilterExpression(token, self)

    def find_filter(self, filter_name):
        try:
            return self.filters[filter_name]
        except KeyError:
            raise TemplateSyntaxError(f"Invalid filter: '{filter_name}'") from None


def get_text_list(list_, last_word="or"):
    """Join words: ['a', 'b', 'c'] -> 'a, b or c'."""
    if not list_:
        return ""
    if len(list_) == 1:
        return str(list_[0])
    return "%s %s %s" % (", ".join(str(i) for i in list_[:-1]), last_word, list_[-1])


# -- Nodes.  Each built-in node writes Python with generate(c); a custom Node
#    (one with only render(context)) is called at run time with a Context.

class Node:
    """A piece of a parsed template.  Subclass and define render(context)."""

    child_nodelists = ("nodelist",)
    token = None
    origin = None

    def render(self, context):
        raise NotImplementedError("subclasses of Node must provide a render() method")

    def render_annotated(self, context):
        return self.render(context)

    #: A custom node may set context variables: names are read again after it.
    may_change_context = True

    def generate(self, c):
        """Write the Python that renders this node (custom nodes: a call)."""
        name = c.const(self, "node")
        c.line(f"_render_node(ctx, out, {name}, {c.bindings()})")
        if self.may_change_context:
            c.refresh()

    def get_nodes_by_type(self, nodetype):
        nodes = [self] if isinstance(self, nodetype) else []
        for attr in self.child_nodelists:
            nodelist = getattr(self, attr, None)
            if nodelist:
                nodes.extend(nodelist.get_nodes_by_type(nodetype))
        return nodes

    def __iter__(self):
        yield self


class NodeList(list):
    """A list of nodes; render(context) works for custom tags' nodelists."""

    contains_nontext = False

    def append(self, node, token=None):
        if not isinstance(node, TextNode):
            self.contains_nontext = True
        if token is not None and node.token is None:
            node.token = token
        super().append(node)

    def generate(self, c):
        # Runs of text and plain {{ variables }} become one out.extend(...).
        run = []
        for node in self:
            piece = node.output_expression(c) if hasattr(node, "output_expression") \
                else None
            if piece is not None:
                run.append(piece)
                continue
            c.write_run(run)
            run = []
            if node.token is not None and node.token.token_type == "block":
                c.line(f"# line {node.token.lineno}: {node.token.source[:60]}")
            node.generate(c)
        c.write_run(run)

    def render(self, context):
        """Render at run time (used by custom tags holding a nodelist)."""
        compiled = self.__dict__.get("_compiled", {})
        self._compiled = compiled
        engine = _context_engine(context)
        key = (id(engine), context.autoescape)
        func = compiled.get(key)
        if func is None:
            func = compiled[key] = _compile_nodelist(self, engine, context.autoescape)
        out = []
        func(context, out)
        return SafeString("".join(out))

    def get_nodes_by_type(self, nodetype):
        nodes = []
        for node in self:
            nodes.extend(node.get_nodes_by_type(nodetype))
        return nodes


class TextNode(Node):
    child_nodelists = ()

    def __init__(self, s):
        self.s = s

    def output_expression(self, c):
        return repr(self.s)

    def render(self, context):
        return self.s


class VariableNode(Node):
    """{{ expression }}: resolve, filter, localize, escape, write."""

    child_nodelists = ()

    def __init__(self, filter_expression):
        self.filter_expression = filter_expression

    def output_expression(self, c):
        invalid = c.engine.string_if_invalid
        if invalid and self.filter_expression.var.lookups is not None:
            return None  # needs a statement: see generate()
        fe = self.filter_expression
        lookups = fe.var.lookups
        if not fe.filters and lookups and len(lookups) == 2 and lookups[0] not in (
                "True", "False", "None"):
            func = "_escape_attr" if c.autoescape else "_text_attr"
            return f"{func}({c.name(lookups[0])}, {lookups[1]!r}, {lookups[0]!r})"
        if not fe.filters and lookups and len(lookups) == 1 and lookups[0] not in (
                "True", "False", "None"):
            func = "_escape_value" if c.autoescape else "_text_value"
            return f"{func}({c.name(lookups[0])}, {lookups[0]!r})"
        value = c.expr(fe, "output")
        return f"{c.output_func}({value})"

    def generate(self, c):
        fe = self.filter_expression
        invalid = c.engine.string_if_invalid
        text = invalid % fe.var if "%s" in invalid else invalid
        if c.autoescape:
            text = str(conditional_escape(text))
        c.line(f"value = {c.lookup(fe.var, _NOT_FOUND_NAME)}")
        c.line("if value is _NOT_FOUND:")
        c.line(f"    write({text!r})")
        c.line("else:")
        c.line(f"    write({c.output_func}({c.apply_filters(fe, 'value')}))")

    def render(self, context):
        value = self.filter_expression.resolve(context)
        return (_escape_output if context.autoescape else _text_output)(value)


_NOT_FOUND_NAME = "_NOT_FOUND"
_REFRESH = "#<refresh context names>"


# -- The code generator.  Nodes call c.line(), c.expr(), c.scope() ...

class _Binding:
    __slots__ = ("pyname", "used")

    def __init__(self, pyname):
        self.pyname, self.used = pyname, False


class _Function:
    """One generated Python function: its lines and the context names it reads."""

    def __init__(self, name, doc):
        self.name, self.doc = name, doc
        self.lines = []
        self.prelude = []  # lines after the context reads (the `as` bindings)
        self.free = {}  # template name -> local holding its context value
        self.scopes = [{}]
        self.sets_context = [False]  # per scope: a tag in it may set variables
        self.hands_off = False  # passes the context to other code (include...)


class _CodeGen:
    """Generate the Python source of a template's functions."""

    def __init__(self, engine, name, autoescape):
        self.engine = engine
        self.template_name = name
        self.autoescape = autoescape
        self.namespace = {}  # objects the source cannot spell (filters, nodes)
        self.consts = {}  # id -> name
        self.functions = []
        self.func = None
        self.depth = 1
        self.counter = 0
        self.blocks = {}  # block name -> function name
        self.extends = None
        self.literals = {}  # text of a safe string literal -> constant name
        self.reads_block = set()  # blocks whose code reads the `block` variable
        self.block_constants = {}  # block name -> module constant

    # writing lines
    def line(self, text):
        self.func.lines.append("    " * self.depth + text)

    def indent(self):
        gen = self

        class _Indent:
            def __enter__(self):
                gen.depth += 1

            def __exit__(self, *exc):
                gen.depth -= 1

        return _Indent()

    def capture(self, generate):
        """Run `generate()` and return the lines it wrote (not yet emitted)."""
        saved = self.func.lines
        self.func.lines = []
        try:
            generate()
            return self.func.lines
        finally:
            self.func.lines = saved

    def suite(self, nodelist):
        """Write `nodelist` one level deeper (or `pass` if it writes nothing)."""
        self.depth += 1
        lines = self.capture(lambda: nodelist.generate(self))
        if not lines:
            self.line("pass")
        self.depth -= 1
        self.emit(lines)

    def emit(self, lines, extra_indent=0):
        pad = "    " * extra_indent
        self.func.lines.extend(pad + line for line in lines)

    def write_run(self, run):
        if len(run) == 1:
            self.line(f"write({run[0]})")
        elif run:
            self.line("extend((")
            for piece in run:
                self.line(f"    {piece},")
            self.line("))")

    def unique(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def const(self, obj, prefix):
        """Return a name for `obj` in the generated module's namespace."""
        name = self.consts.get(id(obj))
        if name is None:
            base = getattr(obj, "_filter_name", None) or (
                getattr(obj, "__name__", None) if callable(obj) else None)
            if base and base.isidentifier() and not base.startswith("_"):
                name = f"{prefix}_{base}"
                while name in self.namespace and self.namespace[name] is not obj:
                    name = self.unique(f"{prefix}_{base}_")
            else:
                name = self.unique(prefix)
            self.namespace[name] = obj
            self.consts[id(obj)] = name
        return name

    @property
    def output_func(self):
        return "_escape_output" if self.autoescape else "_text_output"

    # functions
    def start_function(self, name, doc):
        previous = (self.func, self.depth)
        self.func = _Function(name, doc)
        self.depth = 1
        return previous

    def end_function(self, previous):
        func = self.func
        head = [f"def {func.name}(ctx, out):", f'    """{func.doc}"""',
                "    write = out.append", "    extend = out.extend"]
        if len(func.free) == 1:
            (tname, pyname), = func.free.items()
            head.append(f"    {pyname} = _ctx_get(ctx, {tname!r})")
        elif func.free:
            names = ", ".join(func.free.values())
            head.append(f"    {names} = _ctx_values(ctx, {tuple(func.free)!r})")
        head.extend(func.prelude)
        lines = []
        for line in func.lines:
            if line.strip() == _REFRESH:
                if func.free:
                    pad = line[:len(line) - len(line.lstrip())]
                    lines.append(f"{pad}# the context may have changed: read again")
                    lines.append(f"{pad}{', '.join(func.free.values())}, = "
                                 f"_ctx_values(ctx, {tuple(func.free)!r})")
            else:
                lines.append(line)
        self.functions.append("\n".join(head + lines))
        self.func, self.depth = previous

    # names and scopes
    def push_scope(self, names):
        """Bind template names to new Python locals; return {name: _Binding}."""
        scope = {}
        for tname in names:
            safe = tname if tname.isidentifier() else self.unique("v")
            scope[tname] = _Binding(self.unique("l") + "_" + safe)
        self.func.scopes.append(scope)
        self.func.sets_context.append(False)
        return scope

    def pop_scope(self):
        """End a scope; return True if a tag in it may have set variables."""
        self.func.scopes.pop()
        return self.func.sets_context.pop()

    def isolate(self, start):
        """Wrap the lines written since `start` in a context push/pop, so that
        variables a custom tag sets inside a for/with end with it (Django)."""
        pad = "    " * self.depth
        body = ["    " + line for line in self.func.lines[start:]]
        self.func.lines[start:] = [f"{pad}ctx.dicts.append({{}})", f"{pad}try:"] + \
            body + [f"{pad}finally:", f"{pad}    ctx.dicts.pop()"]
        self.refresh()

    def bind(self, tname):
        """Bind `tname` in the current scope from here on (the `as var` forms)."""
        safe = tname if tname.isidentifier() else self.unique("v")
        binding = _Binding(self.unique("l") + "_" + safe)
        self.func.scopes[-1][tname] = binding
        # Start from the context's value, so a branch not taken reads as before.
        self.func.prelude.append(f"    {binding.pyname} = {self.free_name(tname)}")
        return binding.pyname

    def free_name(self, tname):
        pyname = self.func.free.get(tname)
        if pyname is None:
            safe = tname if tname.isidentifier() else self.unique("v")
            pyname = self.func.free[tname] = "c_" + safe
        return pyname

    def name(self, tname):
        """Return the Python expression holding template name `tname`."""
        for scope in reversed(self.func.scopes):
            binding = scope.get(tname)
            if binding is not None:
                binding.used = True
                return binding.pyname
        return self.free_name(tname)

    def refresh(self):
        """Read the context names again here (after code that may set them)."""
        self.func.sets_context[-1] = True
        self.line(_REFRESH)

    def bindings(self):
        """Return a dict display of every lexical binding (for hand-offs)."""
        self.func.hands_off = True
        seen = {}
        for scope in self.func.scopes:
            for tname, binding in scope.items():
                seen[tname] = binding
        if not seen:
            return "None"
        for binding in seen.values():
            binding.used = True
        return "{" + ", ".join(f"{t!r}: {b.pyname}" for t, b in seen.items()) + "}"

    # expressions
    def block_constant(self, name):
        """Return the module constant holding this template's block `name`."""
        constant = self.block_constants.get(name)
        if constant is None:
            constant = f"BLOCK_{name}" if name.isidentifier() else self.unique(
                "BLOCK_")
            self.block_constants[name] = constant
        return constant

    def literal(self, value):
        """Return Python for a literal; safe strings become module constants."""
        if isinstance(value, SafeData):
            text = str(value)
            name = self.literals.get(text)
            if name is None:
                word = _tpl_re("word", r"\W+").sub("_", text.lower()).strip("_")[:20]
                name = f"S_{word}" if word.isidentifier() and word.isascii() \
                    else self.unique("S_")
                while name in self.literals.values():
                    name = self.unique(name + "_")
                self.literals[text] = name
            return name
        return repr(value)

    def lookup(self, var, missing):
        """Return Python for a Variable's value (`missing` when absent)."""
        if var.lookups is None:
            if var.translate:
                return f"SafeString(gettext({str(var.literal)!r}))"
            return self.literal(var.literal)
        first, rest = var.lookups[0], var.lookups[1:]
        if first in ("True", "False", "None") and first not in self._visible():
            if not rest:
                return first
            base = first
        else:
            base = self.name(first)
        invalid = self.engine.string_if_invalid
        if len(rest) == 1:
            return f"_attr({base}, {rest[0]!r}, {invalid!r}, {missing}, {first!r})"
        return f"_var({base}, {rest!r}, {invalid!r}, {missing}, {first!r})"

    def _visible(self):
        names = set(self.func.free)
        for scope in self.func.scopes:
            names.update(scope)
        return names

    def expr(self, fe, mode):
        """Return Python for a FilterExpression.

        mode "output": a missing variable becomes "" (then filters apply);
        "if": it becomes None; "arg": VariableDoesNotExist propagates.
        """
        missing = {"output": "''", "if": "None", "arg": "_RAISE"}[mode]
        invalid = self.engine.string_if_invalid
        if mode == "output" and invalid and fe.var.lookups is not None:
            # Django: a missing variable gives string_if_invalid, unfiltered.
            text = invalid % fe.var if "%s" in invalid else invalid
            value = self.lookup(fe.var, "_NOT_FOUND")
            if not fe.filters:
                return f"_or_invalid({value}, {text!r})"
            filtered = self.apply_filters(fe, "value")
            return f"_or_invalid({value}, {text!r}, lambda value: {filtered})"
        return self.apply_filters(fe, self.lookup(fe.var, missing))

    def apply_filters(self, fe, value):
        for f in fe.filters:
            args = "" if f.arg is None else ", " + self.lookup(f.arg, "_RAISE")
            inline = getattr(f.func, "_inline", None)
            if inline is not None and (f.arg is None or f.arg.lookups is None):
                # A filter simple enough to write inline (its argument is a
                # literal, so not evaluating it changes nothing).
                value = inline.format(value=value, arg=args[2:])
                continue
            fast = getattr(f.func, "_fast", None)
            if fast is not None:  # the same filter without its wrappers
                value = f"{self.const(fast, 'f')}({value}{args})"
                continue
            func = self.const(f.func, "f")
            if getattr(f.func, "expects_localtime", False):
                value = f"_template_localtime({value})"
            if getattr(f.func, "needs_autoescape", False):
                args += f", autoescape={self.autoescape}"
            if getattr(f.func, "is_safe", False):
                value = f"_safe_filter({func}, {value}{args})"
            else:
                value = f"{func}({value}{args})"
        return value


def _or_invalid(value, text, filters=None):
    """Return `text` (string_if_invalid) for a missing value, else the value
    with its filters applied."""
    if value is _NOT_FOUND:
        return text
    return value if filters is None else filters(value)


def _safe_filter(func, value, *args, **kwargs):
    """Apply an is_safe filter: a safe input gives a safe output."""
    result = func(value, *args, **kwargs)
    if isinstance(value, SafeData):
        return mark_safe(result)
    return result


def _render_node(ctx, out, node, bindings):
    """Render a custom Node (one with render(context)) at run time."""
    if not bindings:
        out.append(str(node.render_annotated(ctx)))
        return
    # Loop and `with` variables go on top of the context; what the node sets
    # there (context["x"] = ...) stays visible afterwards, as in Django.
    scope = dict(bindings)
    ctx.dicts.append(scope)
    try:
        out.append(str(node.render_annotated(ctx)))
    finally:
        if ctx.dicts and ctx.dicts[-1] is scope:
            ctx.dicts.pop()
        for key in scope.keys() - bindings.keys():
            ctx.dicts[-1][key] = scope[key]


def _runtime_namespace():
    """Return what compiled templates need besides djscratch's globals."""
    return {}


class _Compiled:
    """The compiled form of a template for one autoescape setting."""

    def __init__(self, source, namespace, render, blocks, extends):
        self.source, self.namespace = source, namespace
        self.render, self.blocks, self.extends = render, blocks, extends


def _generate(nodelist, engine, name, autoescape, extends=None):
    """Return (python source, namespace) for a parsed template."""
    c = _CodeGen(engine, name, autoescape)
    c.extends = extends
    previous = c.start_function("render", f"Render {name or 'the template'}.")
    if extends is not None:
        # A child template renders its parent; its own blocks go to the
        # block context, and text between its blocks is ignored (as in Django).
        for node in nodelist:
            node.generate(c)  # text before {% extends %}, then the extends
    else:
        nodelist.generate(c)
    c.end_function(previous)
    header = [f"# Compiled from {name or '<string>'} "
              f"(autoescape {'on' if autoescape else 'off'}).",
              "# ctx is the Context; out collects the output strings."]
    if c.literals or c.block_constants:
        header.append("")
        header.extend(f"{n} = SafeString({t!r})" for t, n in c.literals.items())
        header.extend(f"{n} = TEMPLATE.block_defs[{b!r}]"
                      for b, n in c.block_constants.items())
    source = "\n".join(header) + "\n\n\n" + "\n\n\n".join(c.functions) + "\n"
    blocks = "\n".join(f"    {b!r}: {f}," for b, f in c.blocks.items())
    source += f"\n\nBLOCKS = {{\n{blocks}\n}}\n" if blocks else "\n\nBLOCKS = {}\n"
    return source, c.namespace, c.reads_block


def _compile_source(source, namespace, filename):
    namespace = {**globals(), **_runtime_namespace(), **namespace}
    code = compile(source, filename, "exec")
    exec(code, namespace)
    return namespace


def _compile_nodelist(nodelist, engine, autoescape):
    """Compile a free-standing NodeList (a custom tag's body) to a function."""
    c = _CodeGen(engine, None, autoescape)
    previous = c.start_function("render", "Render a tag's nodelist.")
    nodelist.generate(c)
    c.end_function(previous)
    consts = "".join(f"{n} = SafeString({t!r})\n" for t, n in c.literals.items())
    source = consts + "\n\n" + "\n\n\n".join(c.functions) + "\n"
    return _compile_source(source, c.namespace, "<nodelist>")["render"]


# -- Contexts: a stack of dicts, as in Django.  Compiled code reads the names
#    it needs once per function; tags that hand over to other code (include,
#    blocks, custom tags) push the loop and `with` variables first.

class ContextPopException(Exception):
    """pop() was called more times than push()."""


class ContextDict(dict):
    """A dict pushed on a Context; leaving its `with` block pops it."""

    def __init__(self, context, *args, **kwargs):
        super().__init__(*args, **kwargs)
        context.dicts.append(self)
        self.context = context

    def __enter__(self):
        return self

    def __exit__(self, *args, **kwargs):
        self.context.pop()


class BaseContext:
    """A stack of dicts searched from the top (Django's BaseContext)."""

    def __init__(self, dict_=None):
        self._reset_dicts(dict_)

    def _reset_dicts(self, value=None):
        self.dicts = [{"True": True, "False": False, "None": None}]
        if isinstance(value, BaseContext):
            self.dicts += value.dicts[1:]
        elif value is not None:
            self.dicts.append(value)

    def __copy__(self):
        duplicate = object.__new__(type(self))
        duplicate.__dict__.update(self.__dict__)
        duplicate.dicts = self.dicts[:]
        return duplicate

    def __repr__(self):
        return repr(self.dicts)

    def __iter__(self):
        return reversed(self.dicts)

    def push(self, *args, **kwargs):
        """Push a new dict (returned; usable as a context manager)."""
        dicts = []
        for d in args:
            if isinstance(d, BaseContext):
                dicts += d.dicts[1:]
            else:
                dicts.append(d)
        return ContextDict(self, *dicts, **kwargs)

    def pop(self):
        if len(self.dicts) == 1:
            raise ContextPopException
        return self.dicts.pop()

    def __setitem__(self, key, value):
        self.dicts[-1][key] = value

    def set_upward(self, key, value):
        """Set `key` in the nearest dict that has it (else the top one)."""
        context = self.dicts[-1]
        for d in reversed(self.dicts):
            if key in d:
                context = d
                break
        context[key] = value

    def __getitem__(self, key):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise KeyError(key)

    def __delitem__(self, key):
        del self.dicts[-1][key]

    def __contains__(self, key):
        return any(key in d for d in self.dicts)

    def get(self, key, otherwise=None):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        return otherwise

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def new(self, values=None):
        """Return a context with the same settings and only `values`."""
        import copy

        new_context = copy.copy(self)
        new_context._reset_dicts(values)
        return new_context

    def flatten(self):
        """Return one dict of everything visible."""
        flat = {}
        for d in self.dicts:
            flat.update(d)
        return flat

    def __eq__(self, other):
        if not isinstance(other, BaseContext):
            return NotImplemented
        return self.flatten() == other.flatten()


class Context(BaseContext):
    """The variables a template renders with; push/pop, update, flatten."""

    def __init__(self, dict_=None, autoescape=True, use_l10n=None, use_tz=None):
        self.autoescape = autoescape
        self.use_l10n = use_l10n
        self.use_tz = use_tz
        self.template_name = "unknown"
        self.render_context = RenderContext()
        self.template = None
        super().__init__(dict_)

    def bind_template(self, template):
        """Context manager: make `template` the context's template meanwhile."""
        return _BoundTemplate(self, template)

    def _bind(self, template):
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template

    def _unbind(self):
        self.template = None

    def __copy__(self):
        import copy

        duplicate = super().__copy__()
        duplicate.render_context = copy.copy(self.render_context)
        return duplicate

    def update(self, other_dict):
        """Push `other_dict` on the stack (returned, usable with `with`)."""
        if not hasattr(other_dict, "__getitem__"):
            raise TypeError("other_dict must be a mapping (dictionary-like) object.")
        if isinstance(other_dict, BaseContext):
            other_dict = other_dict.dicts[1:].pop()
        return ContextDict(self, other_dict)


class RenderContext(BaseContext):
    """Per-render state of tags (cycle, ifchanged, block context)."""

    template = None

    def __iter__(self):
        yield from self.dicts[-1]

    def __contains__(self, key):
        return key in self.dicts[-1]

    def get(self, key, otherwise=None):
        return self.dicts[-1].get(key, otherwise)

    def __getitem__(self, key):
        return self.dicts[-1][key]

    def push_state(self, template, isolated_context=True):
        """Context manager: a fresh state for `template` (tags keep state here)."""
        return _RenderState(self, template, isolated_context)


class _BoundTemplate:
    __slots__ = ("context", "template")

    def __init__(self, context, template):
        self.context, self.template = context, template

    def __enter__(self):
        self.context._bind(self.template)

    def __exit__(self, *exc):
        self.context._unbind()


class _RenderState:
    __slots__ = ("rc", "template", "isolated", "initial")

    def __init__(self, rc, template, isolated):
        self.rc, self.template, self.isolated = rc, template, isolated

    def __enter__(self):
        self.initial = self.rc.template
        self.rc.template = self.template
        if self.isolated:
            self.rc.dicts.append({})

    def __exit__(self, *exc):
        self.rc.template = self.initial
        if self.isolated:
            self.rc.dicts.pop()


class RequestContext(Context):
    """A Context that runs the engine's context processors for `request`.

    The processors run when the context is bound to a template; Django's
    csrf processor always runs.
    """

    def __init__(self, request, dict_=None, processors=None, use_l10n=None,
                 use_tz=None, autoescape=True):
        super().__init__(dict_, use_l10n=use_l10n, use_tz=use_tz,
                         autoescape=autoescape)
        self.request = request
        self._processors = () if processors is None else tuple(processors)
        self._processors_index = len(self.dicts)
        self.update({})  # the processors' output goes here
        self.update({})  # and later changes go above it

    def _bind(self, template):
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        processors = template.engine.template_context_processors + self._processors
        updates = {}
        for processor in processors:
            result = processor(self.request)
            try:
                updates.update(result)
            except TypeError as err:
                raise TypeError(f"Context processor {processor.__qualname__} didn't "
                                "return a dictionary.") from err
        self.dicts[self._processors_index] = updates

    def _unbind(self):
        self.template = None
        self.dicts[self._processors_index] = {}

    def new(self, values=None):
        new_context = super().new(values)
        if hasattr(new_context, "_processors_index"):
            del new_context._processors_index
        return new_context


def make_context(context, request=None, **kwargs):
    """Build a Context (or RequestContext) from a dict, as the backends do."""
    if context is not None and not isinstance(context, dict):
        raise TypeError(
            f"context must be a dict rather than {context.__class__.__name__}.")
    if request is None:
        return Context(context, **kwargs)
    original = context
    context = RequestContext(request, **kwargs)
    if original:
        context.push(original)
    return context


# -- Blocks and inheritance.

BLOCK_CONTEXT_KEY = "block_context"


class BlockContext:
    """The blocks of an inheritance chain, most derived last."""

    def __init__(self):
        self.blocks = {}

    def add_blocks(self, blocks):
        mine = self.blocks
        for name, block in blocks.items():
            if name in mine:
                mine[name].insert(0, block)
            else:
                mine[name] = [block]

    def pop(self, name):
        stack = self.blocks.get(name)
        return stack.pop() if stack else None

    def push(self, name, block):
        self.blocks.setdefault(name, []).append(block)

    def get_block(self, name):
        try:
            return self.blocks.get(name, [])[-1]
        except IndexError:
            return None


class _BlockDef:
    """A {% block %} of one template; renders the compiled function for the
    current autoescape setting."""

    __slots__ = ("template", "name", "functions")

    def __init__(self, template, name):
        self.template, self.name = template, name
        self.functions = {}  # autoescape -> compiled function

    def render(self, ctx, out):
        self.function(ctx.autoescape)(ctx, out)

    def function(self, autoescape):
        """Return the compiled function of this block."""
        function = self.functions.get(autoescape)
        if function is None:
            function = self.functions[autoescape] = self.template._compiled(
                autoescape).blocks[self.name]
        return function

    def __repr__(self):
        return f"<Block {self.name!r} of {self.template.name}>"


class _BlockRef:
    """The `block` variable inside a block: {{ block.super }}."""

    def __init__(self, block, context):
        self.block, self.context = block, context
        self.name = block.name

    def super(self):
        """Render the parent template's version of this block."""
        block_context = self.context.render_context.get(BLOCK_CONTEXT_KEY)
        if block_context is None:
            raise TemplateSyntaxError(
                "'BlockNode' object has no attribute 'context'. Did you use "
                "{{ block.super }} in a base template?")
        if block_context is not None and block_context.get_block(self.name) is not None:
            out = []
            _render_block(self.context, out, self.block, None)
            return mark_safe("".join(out))
        return ""


def _render_block(ctx, out, block, bindings):
    """Render the most derived version of `block` (Django's BlockNode.render)."""
    block_context = ctx.render_context.dicts[-1].get(BLOCK_CONTEXT_KEY)
    push = found = block_context.pop(block.name) if block_context else None
    if found is None:
        found = block
    function = found.function(ctx.autoescape)
    scope = dict(bindings) if bindings else {}
    if function.reads_block:  # {{ block.super }} and the like
        scope["block"] = _BlockRef(found, ctx)
    ctx.dicts.append(scope)
    try:
        function(ctx, out)
    finally:
        ctx.dicts.pop()
    if push is not None:
        block_context.push(block.name, push)


def _extends(ctx, out, template, parent, token):
    """Render `template`'s parent with the child's blocks (ExtendsNode)."""
    if not parent:
        message = f"Invalid template name in 'extends' tag: {parent!r}."
        if token[:1] not in "\"'":
            message += f" Got this from the '{token}' variable."
        raise TemplateSyntaxError(message)
    state = ctx.render_context.dicts[-1]
    if not isinstance(parent, Template):
        if not isinstance(parent, str) and isinstance(
                getattr(parent, "template", None), Template):
            parent = parent.template
        else:
            name = parent
            if parent.startswith(("./", "../")):
                name = _relative_name(template.origin.template_name, parent, "extends")
            history = state.get("extends_context")
            if history is None:
                history = state["extends_context"] = [template.origin]
            parent, origin = ctx.template.engine.find_template(name, skip=history)
            history.append(origin)
    block_context = state.get(BLOCK_CONTEXT_KEY)
    if block_context is None:
        block_context = state[BLOCK_CONTEXT_KEY] = BlockContext()
    block_context.add_blocks(template.block_defs)
    if parent.extends_node is None:
        block_context.add_blocks(parent.block_defs)
    rc = ctx.render_context  # push_state(parent, isolated_context=False)
    initial, rc.template = rc.template, parent
    try:
        parent._render_into(ctx, out)
    finally:
        rc.template = initial


def _relative_name(current, relative, tag):
    """Resolve "./x.html" and "../x.html" against the current template's name."""
    if not isinstance(relative, str) or not relative.startswith(("./", "../")):
        return relative
    import posixpath

    if current is None:
        raise TemplateSyntaxError(
            f"The relative path '{relative}' cannot be evaluated due to an unknown "
            "template origin.")
    new_name = posixpath.normpath(posixpath.join(posixpath.dirname(current), relative))
    if new_name.startswith("../"):
        raise TemplateSyntaxError(
            f"The relative path '{relative}' points outside the file hierarchy that "
            f"template '{current}' is in.")
    if current.lstrip("/") == new_name:
        raise TemplateSyntaxError(
            f"The relative path '{relative}' was translated to template name "
            f"'{current}', the same template in which the tag appears.")
    return new_name


_INCLUDE_DEPTH_LIMIT = 100


def _include(ctx, out, template, origin, bindings, extra, only, key):
    """Render another template here ({% include %})."""
    if not callable(getattr(template, "render", None)):
        names = template or ()
        if isinstance(names, str):
            names = (_relative_name(origin.template_name, names, "include"),)
        else:
            names = tuple(names)
        cache = ctx.render_context.dicts[0].setdefault(key, {})
        found = cache.get(names)
        if found is None:
            found = cache[names] = ctx.template.engine.select_template(names)
        template = found
    elif hasattr(template, "template"):
        template = template.template
    root = ctx.render_context.dicts[0]
    depth = root.get("include_depth", 0)
    if depth >= _INCLUDE_DEPTH_LIMIT:
        raise TemplateSyntaxError(
            f"Include recursion: more than {_INCLUDE_DEPTH_LIMIT} nested includes "
            f"(last: {template.name!r} from {origin.template_name!r}).")
    root["include_depth"] = depth + 1
    try:
        if only:
            out.append(template.render(ctx.new(extra)))
        else:
            ctx.push(bindings or {})
            ctx.push(extra)
            try:
                out.append(template.render(ctx))
            finally:
                ctx.pop()
                ctx.pop()
    finally:
        root["include_depth"] = depth


# -- Templates and where they come from.

class Origin:
    """Where a template came from: its file path, name and loader."""

    def __init__(self, name, template_name=None, loader=None):
        self.name, self.template_name, self.loader = name, template_name, loader

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<Origin name={self.name!r}>"

    def __eq__(self, other):
        return (isinstance(other, Origin) and self.name == other.name
                and self.loader == other.loader)

    def __hash__(self):
        return hash(self.name)

    @property
    def loader_name(self):
        if self.loader:
            return f"{self.loader.__module__}.{type(self.loader).__name__}"


UNKNOWN_SOURCE = "<unknown source>"


class Template:
    """A compiled template: Template(source).render(Context({...})).

    Without an engine it uses Engine.get_default().  The source is parsed at
    once (syntax errors raise here); the Python is generated and compiled on
    first render, once per autoescape setting, and kept.
    """

    def __init__(self, template_string, origin=None, name=None, engine=None):
        if engine is None:
            engine = Engine.get_default()
        if origin is None:
            origin = Origin(UNKNOWN_SOURCE)
        self.name, self.origin, self.engine = name, origin, engine
        self.source = str(template_string)
        self._variants = {}
        self.nodelist = self.compile_nodelist()
        self.extends_node = next(
            (n for n in self.nodelist if isinstance(n, ExtendsNode)), None)
        self.block_defs = {
            node.name: _BlockDef(self, node.name)
            for node in self.nodelist.get_nodes_by_type(BlockNode)}

    def __repr__(self):
        return f'<{type(self).__qualname__} template_string="{self.source[:20]}...">'

    def __iter__(self):
        yield from self.nodelist

    def compile_nodelist(self):
        """Parse the source into nodes (TemplateSyntaxError names the line)."""
        tokens = _tokenize(self.source, self.engine.syntax)
        parser = Parser(tokens, self.engine, self.origin)
        parser.template_name = self.name
        return parser.parse()

    def _compiled(self, autoescape):
        compiled = self._variants.get(autoescape)
        if compiled is None:
            with _cache_lock:
                compiled = self._variants.get(autoescape)
                if compiled is None:
                    compiled = self._variants[autoescape] = self._compile(autoescape)
        return compiled

    def _compile(self, autoescape):
        source, namespace, reads_block = _generate(
            self.nodelist, self.engine, self.name or self.origin.template_name,
            autoescape, self.extends_node)
        namespace["TEMPLATE"] = self
        filename = f"<template {self.name or self.origin.name}>"
        import linecache

        linecache.cache[filename] = (len(source), None, source.splitlines(True),
                                     filename)
        ns = _compile_source(source, namespace, filename)
        for name, function in ns["BLOCKS"].items():
            function.reads_block = name in reads_block
        return _Compiled(source, ns, ns["render"], ns["BLOCKS"], self.extends_node)

    def python_source(self, autoescape=None):
        """Return the Python this template compiles to (for learning)."""
        if autoescape is None:
            autoescape = self.engine.autoescape
        return self._compiled(autoescape).source

    def _render(self, context):
        if template_rendered.receivers:  # the test client listens
            template_rendered.send(sender=self, template=self, context=context)
        compiled = self._variants.get(context.autoescape) or self._compiled(
            context.autoescape)
        out = []
        compiled.render(context, out)
        return SafeString("".join(out))

    def _render_into(self, context, out):
        if template_rendered.receivers:  # the test client listens
            template_rendered.send(sender=self, template=self, context=context)
        self._compiled(context.autoescape).render(context, out)

    def render(self, context):
        """Render with a Context (or RequestContext); return a SafeString."""
        # render_context.push_state(self) and context.bind_template(self),
        # spelled out: this runs for every template and every include.
        rc = context.render_context
        initial = rc.template
        rc.template = self
        rc.dicts.append({})
        try:
            if context.template is not None:
                return self._render(context)
            context._bind(self)
            try:
                context.template_name = self.name
                return self._render(context)
            finally:
                context._unbind()
        finally:
            rc.template = initial
            rc.dicts.pop()


# -- Engines and loaders.

def _safe_join(base, *paths):
    """Join paths under `base`; return None if the result escapes it."""
    base = os.path.abspath(base)
    final = os.path.abspath(os.path.join(base, *paths))
    if final != base and not final.startswith(base + os.sep):
        return None
    return final


class _FileLoader:
    """Load templates from directories (Django's filesystem.Loader)."""

    def __init__(self, engine, dirs=None):
        self.engine = engine
        self.dirs = dirs

    def get_dirs(self):
        return self.dirs if self.dirs is not None else self.engine.dirs

    def get_template_sources(self, template_name):
        for template_dir in self.get_dirs():
            name = _safe_join(template_dir, template_name)
            if name is None:
                continue  # a name like ../secret.txt escapes the folder
            yield Origin(name=name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            with open(origin.name, encoding=self.engine.file_charset) as fp:
                return fp.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise TemplateDoesNotExist(origin) from None

    def get_template(self, template_name, skip=None):
        tried = []
        for origin in self.get_template_sources(template_name):
            if skip is not None and origin in skip:
                tried.append((origin, "Skipped to avoid recursion"))
                continue
            try:
                contents = self.get_contents(origin)
            except TemplateDoesNotExist:
                tried.append((origin, "Source does not exist"))
                continue
            return Template(contents, origin, origin.template_name, self.engine)
        raise TemplateDoesNotExist(template_name, tried=tried)

    def reset(self):
        pass


_FileLoader.__module__ = "django.template.loaders.filesystem"


class _AppDirectoriesLoader(_FileLoader):
    """Load templates from the templates/ folder of each installed app."""

    def get_dirs(self):
        dirs = []
        for config in apps.get_app_configs():
            path = getattr(config, "path", None)
            if path:
                candidate = os.path.join(path, "templates")
                if os.path.isdir(candidate):
                    dirs.append(candidate)
        return dirs


class _LocmemLoader(_FileLoader):
    """Load templates from a dict (Django's locmem.Loader), for tests."""

    def __init__(self, engine, templates_dict):
        self.engine = engine
        self.templates_dict = templates_dict

    def get_template_sources(self, template_name):
        yield Origin(name=template_name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            return self.templates_dict[origin.name]
        except KeyError:
            raise TemplateDoesNotExist(origin) from None


class _CachedLoader:
    """Keep compiled templates; with debug on, re-read a file that changed."""

    def __init__(self, engine, loaders):
        self.engine = engine
        self.loaders = [engine.find_template_loader(spec) for spec in loaders]
        self.get_template_cache = {}

    def get_template(self, template_name, skip=None):
        key = (template_name, tuple([o.name for o in skip]) if skip else ())
        cached = self.get_template_cache.get(key)
        if cached is not None:
            if isinstance(cached, TemplateDoesNotExist):
                raise cached
            if not self.engine.debug or not self._changed(cached):
                return cached
        tried = []
        for loader in self.loaders:
            try:
                template = loader.get_template(template_name, skip=skip)
            except TemplateDoesNotExist as err:
                tried.extend(err.tried)
                continue
            template._mtime = self._mtime(template.origin)
            self.get_template_cache[key] = template
            return template
        err = TemplateDoesNotExist(template_name, tried=tried)
        if not self.engine.debug:
            self.get_template_cache[key] = err
        raise err

    @staticmethod
    def _mtime(origin):
        try:
            return os.stat(origin.name).st_mtime_ns
        except (OSError, ValueError):
            return None

    def _changed(self, template):
        return self._mtime(template.origin) != getattr(template, "_mtime", None)

    def get_template_sources(self, template_name):
        for loader in self.loaders:
            yield from loader.get_template_sources(template_name)

    def reset(self):
        self.get_template_cache.clear()


_LOADER_CLASSES = {
    "django.template.loaders.filesystem.Loader": _FileLoader,
    "django.template.loaders.app_directories.Loader": _AppDirectoriesLoader,
    "django.template.loaders.locmem.Loader": _LocmemLoader,
    "django.template.loaders.cached.Loader": _CachedLoader,
}


class Engine:
    """A configured template engine: where templates live, which libraries,
    which syntax.  Backends wrap one; Template() uses Engine.get_default().
    """

    default_builtins = ["django.template.defaulttags",
                        "django.template.defaultfilters",
                        "django.template.loader_tags"]

    def __init__(self, dirs=None, app_dirs=False, context_processors=None,
                 debug=False, loaders=None, string_if_invalid="",
                 file_charset="utf-8", libraries=None, builtins=None,
                 autoescape=True, syntax=None):
        if context_processors is None:
            context_processors = []
        if loaders is None:
            loaders = ["django.template.loaders.filesystem.Loader"]
            if app_dirs:
                loaders.append("django.template.loaders.app_directories.Loader")
            loaders = [("django.template.loaders.cached.Loader", loaders)]
        elif app_dirs:
            raise ImproperlyConfigured(
                "app_dirs must not be set when loaders is defined.")
        self.dirs = [str(d) for d in dirs or ()]
        self.app_dirs = app_dirs
        self.autoescape = autoescape
        self.context_processors = context_processors
        self.debug = debug
        self.loaders = loaders
        self.string_if_invalid = string_if_invalid
        self.file_charset = file_charset
        self.syntax = tuple(syntax or DJANGO_SYNTAX)
        if len(self.syntax) != 6:
            raise ImproperlyConfigured(
                "A template syntax is six delimiters: var start/end, tag start/end, "
                "comment start/end.")
        self.libraries = libraries or {}
        self.template_libraries = self.get_template_libraries(self.libraries)
        self.builtins = self.default_builtins + list(builtins or ())
        self.template_builtins = self.get_template_builtins(self.builtins)

    def __repr__(self):
        return f"<{type(self).__qualname__}: dirs={self.dirs!r} syntax={self.syntax!r}>"

    @staticmethod
    def get_default():
        """Return the engine of the first Django-language backend in TEMPLATES."""
        for engine in engines.all():
            if isinstance(engine, DjangoTemplates):
                return engine.engine
        raise ImproperlyConfigured("No DjangoTemplates backend is configured.")

    @cached_property
    def template_context_processors(self):
        names = ("django.template.context_processors.csrf",) + tuple(
            self.context_processors)
        return tuple(_import_processor(name) for name in names)

    def get_template_builtins(self, builtins):
        return [_import_library(x) for x in builtins]

    def get_template_libraries(self, libraries):
        return {name: path if isinstance(path, Library) else _import_library(path)
                for name, path in libraries.items()}

    @cached_property
    def template_loaders(self):
        return self.get_template_loaders(self.loaders)

    def get_template_loaders(self, template_loaders):
        loaders = []
        for loader in template_loaders:
            loader = self.find_template_loader(loader)
            if loader is not None:
                loaders.append(loader)
        return loaders

    def find_template_loader(self, loader):
        if isinstance(loader, (tuple, list)):
            loader, *args = loader
        else:
            args = []
        if isinstance(loader, str):
            cls = _LOADER_CLASSES.get(loader)
            if cls is None:
                cls = import_string(loader)
            return cls(self, *args)
        raise ImproperlyConfigured(
            f"Invalid value in template loaders configuration: {loader!r}")

    def find_template(self, name, dirs=None, skip=None):
        tried = []
        for loader in self.template_loaders:
            try:
                template = loader.get_template(name, skip=skip)
                return template, template.origin
            except TemplateDoesNotExist as err:
                tried.extend(err.tried)
        raise TemplateDoesNotExist(name, tried=tried)

    def from_string(self, template_code):
        """Compile `template_code` with this engine's settings."""
        return Template(template_code, engine=self)

    def get_template(self, template_name):
        """Return a compiled Template for `template_name`."""
        template, origin = self.find_template(template_name)
        if not hasattr(template, "render"):
            template = Template(template, origin, template_name, engine=self)
        return template

    def render_to_string(self, template_name, context=None):
        if isinstance(template_name, (list, tuple)):
            t = self.select_template(template_name)
        else:
            t = self.get_template(template_name)
        if isinstance(context, Context):
            return t.render(context)
        return t.render(Context(context, autoescape=self.autoescape))

    def select_template(self, template_name_list):
        """Return the first template of the list that exists."""
        if isinstance(template_name_list, str):
            raise TypeError(
                "select_template() takes an iterable of template names but got a "
                f"string: {template_name_list!r}. Use get_template() if you want to "
                "load a single template by name.")
        not_found = []
        for template_name in template_name_list:
            try:
                return self.get_template(template_name)
            except TemplateDoesNotExist as exc:
                if exc.args[0] not in not_found:
                    not_found.append(exc.args[0])
        if not_found:
            raise TemplateDoesNotExist(", ".join(not_found))
        raise TemplateDoesNotExist("No template names provided")


_BUILTIN_LIBRARY_PATHS = {
    "django.template.defaulttags": "default_tags",
    "django.template.defaultfilters": "default_filters",
    "django.template.loader_tags": "default_tags",
    "django.templatetags.static": "static_library",
    "django.templatetags.tz": "tz_library",
    "django.templatetags.i18n": "i18n_library",
    "django.templatetags.l10n": "l10n_library",
}


def _import_library(name):
    """Return the Library of module `name` (its `register`)."""
    if name in _BUILTIN_LIBRARY_PATHS:
        return globals()[_BUILTIN_LIBRARY_PATHS[name]]
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError as err:
        raise InvalidTemplateLibrary(
            f"Invalid template library specified. ImportError raised when trying to "
            f"load '{name}': {err}") from err
    try:
        return module.register
    except AttributeError:
        raise InvalidTemplateLibrary(
            f"Module  {name} does not have a variable named 'register'") from None


class InvalidTemplateLibrary(Exception):
    """A {% load %} library cannot be imported or has no `register`."""


def _installed_libraries():
    """Yield (name, Library) for built-in libraries and apps' templatetags/."""
    import importlib
    import pkgutil

    yield "static", static_library
    yield "tz", tz_library
    yield "i18n", i18n_library
    yield "l10n", l10n_library
    for config in apps.get_app_configs() if apps.ready else ():
        package = f"{config.name}.templatetags"
        try:
            pkg = importlib.import_module(package)
        except ImportError:
            continue
        for info in pkgutil.iter_modules(getattr(pkg, "__path__", [])):
            module = importlib.import_module(f"{package}.{info.name}")
            if hasattr(module, "register"):
                yield info.name, module.register


def _import_processor(name):
    if callable(name):
        return name
    return import_string(name)


class DjangoTemplates:
    """The template backend for Django's syntax ({{ }} {% %} {# #}).

    OPTIONS are Engine's keyword arguments, plus "syntax": "django" or
    "native" to choose the delimiters.
    """

    app_dirname = "templates"
    default_syntax = "django"

    def __init__(self, params):
        params = dict(params)
        options = dict(params.pop("OPTIONS", {}))
        self.name = params.pop("NAME")
        self.dirs = list(params.pop("DIRS", []))
        self.app_dirs = params.pop("APP_DIRS", False)
        if params:
            raise ImproperlyConfigured(f"Unknown parameters: {', '.join(params)}")
        options.setdefault("autoescape", True)
        options.setdefault("debug", settings.DEBUG)
        options.setdefault("file_charset", "utf-8")
        syntax = options.pop("syntax", self.default_syntax)
        if isinstance(syntax, str):
            try:
                syntax = {"django": DJANGO_SYNTAX, "native": NATIVE_SYNTAX}[syntax]
            except KeyError:
                raise ImproperlyConfigured(
                    f"Unknown template syntax {syntax!r}: use 'django' or 'native'."
                ) from None
        # The backend, not Engine, adds the built-in and apps' libraries.
        options["libraries"] = {**dict(_installed_libraries()),
                                **options.get("libraries", {})}
        self.engine = Engine(self.dirs, self.app_dirs, syntax=syntax, **options)

    def from_string(self, template_code):
        return _BackendTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return _BackendTemplate(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            raise TemplateDoesNotExist(
                *exc.args, tried=exc.tried, backend=self, chain=exc.chain) from exc

    @cached_property
    def template_context_processors(self):
        return self.engine.template_context_processors

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"


DjangoTemplates.__module__ = "django.template.backends.django"


class DjscratchTemplates(DjangoTemplates):
    """djscratch's backend: the same language with << >> <% %> <# #>."""

    default_syntax = "native"


class _BackendTemplate:
    """What loaders return: render(context=None, request=None) with a dict."""

    def __init__(self, template, backend):
        self.template, self.backend = template, backend

    @property
    def origin(self):
        return self.template.origin

    @property
    def name(self):
        return self.template.name

    def render(self, context=None, request=None):
        context = make_context(context, request,
                               autoescape=self.backend.engine.autoescape)
        return self.template.render(context)

    def __repr__(self):
        return f"<Template {self.template.name!r}>"


class EngineHandler:
    """`engines`: the backends built from settings.TEMPLATES, by NAME."""

    def __init__(self, templates=None):
        self._templates = templates
        self._engines = {}
        self._settings = None

    @property
    def templates(self):
        raw = self._templates if self._templates is not None else settings.TEMPLATES
        if raw is not self._settings:  # TEMPLATES changed (override_settings)
            self._settings, self._engines = raw, {}
            self._parsed = self._parse(raw)
        return self._parsed

    @staticmethod
    def _parse(raw):
        templates = {}
        backend_names = []
        for tpl in raw:
            try:
                default_name = tpl["BACKEND"].rsplit(".", 2)[-2]
            except Exception:
                invalid = ", ".join(str(conf) for conf in raw)
                raise ImproperlyConfigured(
                    f"Invalid BACKEND for a template engine: {invalid}. Check your "
                    "TEMPLATES setting.") from None
            tpl = {"NAME": default_name, "DIRS": [], "APP_DIRS": False,
                   "OPTIONS": {}, **tpl}
            templates[tpl["NAME"]] = tpl
            backend_names.append(tpl["NAME"])
        counts = {n: backend_names.count(n) for n in backend_names}
        duplicates = [n for n, c in counts.items() if c > 1]
        if duplicates:
            raise ImproperlyConfigured(
                "Template engine aliases aren't unique, duplicates: "
                f"{', '.join(duplicates)}. Set a unique NAME for each engine in "
                "settings.TEMPLATES.")
        return templates

    def __getitem__(self, alias):
        templates = self.templates
        try:
            return self._engines[alias]
        except KeyError:
            pass
        try:
            params = dict(templates[alias])
        except KeyError:
            raise InvalidTemplateEngineError(
                f"Could not find config for '{alias}' in settings.TEMPLATES") from None
        backend = params.pop("BACKEND")
        engine_cls = _BACKENDS.get(backend) or import_string(backend)
        engine = self._engines[alias] = engine_cls(params)
        return engine

    def __iter__(self):
        return iter(self.templates)

    def all(self):
        return [self[alias] for alias in self]


class InvalidTemplateEngineError(ImproperlyConfigured):
    """`engines[alias]` names no configured engine."""


_BACKENDS = {
    "django.template.backends.django.DjangoTemplates": DjangoTemplates,
    "djscratch.DjscratchTemplates": DjscratchTemplates,
}

engines = EngineHandler()


def _engine_list(using=None):
    return engines.all() if using is None else [engines[using]]


def get_template(template_name, using=None):
    """Load a template by name from the configured engines (first found wins)."""
    chain = []
    for engine in _engine_list(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as err:
            chain.append(err)
    raise TemplateDoesNotExist(template_name, chain=chain)


def select_template(template_name_list, using=None):
    """Load the first template of the list that exists."""
    if isinstance(template_name_list, str):
        raise TypeError(
            "select_template() takes an iterable of template names but got a string: "
            f"{template_name_list!r}. Use get_template() if you want to load a single "
            "template by name.")
    chain = []
    for template_name in template_name_list:
        for engine in _engine_list(using):
            try:
                return engine.get_template(template_name)
            except TemplateDoesNotExist as err:
                chain.append(err)
    if template_name_list:
        raise TemplateDoesNotExist(", ".join(template_name_list), chain=chain)
    raise TemplateDoesNotExist("No template names provided")


def render_to_string(template_name, context=None, request=None, using=None):
    """Load a template and render it with a dict `context` (and `request`)."""
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name, using=using)
    else:
        template = get_template(template_name, using=using)
    return template.render(context, request)


def _reset_template_caches(*, setting, **kwargs):
    if setting in ("TEMPLATES", "DEBUG", "INSTALLED_APPS"):
        engines._settings = None
        engines._engines = {}


setting_changed.connect(_reset_template_caches, dispatch_uid="djscratch-templates")


# -- Context processors (django.template.context_processors).

def _cp_csrf(request):
    """Provide csrf_token, computed only if a template uses it."""
    computed = []

    def token():
        # Computed once per context, as Django's SimpleLazyObject: the
        # {% csrf_token %} tag reads it twice, and each get_token() masks anew
        # (one masking saved: about 10 us per page with a form).
        if not computed:
            value = globals()["get_token"](request)  # the middleware section's
            computed.append("NOTPROVIDED" if value is None else value)
        return computed[0]

    return {"csrf_token": lazy(token, str)()}


def _cp_debug(request):
    """Provide `debug` and `sql_queries` for INTERNAL_IPS when DEBUG is on."""
    if settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS:
        def queries():
            try:
                return list(globals()["connection"].queries)
            except KeyError:
                return []

        return {"debug": True, "sql_queries": lazy(queries, list)()}
    return {}


def _cp_request(request):
    return {"request": request}


def _cp_static(request):
    return {"STATIC_URL": settings.STATIC_URL}


def _cp_media(request):
    return {"MEDIA_URL": settings.MEDIA_URL}


def _cp_tz(request):
    return {"TIME_ZONE": get_current_timezone_name()}


def _cp_i18n(request):
    code = settings.LANGUAGE_CODE
    return {"LANGUAGES": getattr(settings, "LANGUAGES", [(code, code)]),
            "LANGUAGE_CODE": code, "LANGUAGE_BIDI": False}


# -- TemplateResponse: a response rendered late, so middleware and tests can
#    still change its template and context (the handler calls render()).

class ContentNotRenderedError(Exception):
    """A TemplateResponse's content was used before render()."""


class SimpleTemplateResponse(HttpResponse):
    """A response that renders `template` with `context` when render() runs."""

    rendering_attrs = ["template_name", "context_data", "_post_render_callbacks"]

    def __init__(self, template, context=None, content_type=None, status=None,
                 charset=None, using=None, headers=None):
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks = []
        self._request = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        self._is_rendered = False

    def __getstate__(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be pickled.")
        return {k: v for k, v in self.__dict__.items()
                if k not in self.rendering_attrs}

    def resolve_template(self, template):
        """Return a template object for a name, a list of names or a template."""
        if isinstance(template, (list, tuple)):
            return select_template(template, using=self.using)
        if isinstance(template, str):
            return get_template(template, using=self.using)
        return template

    def resolve_context(self, context):
        return context

    @property
    def rendered_content(self):
        """Render the template now and return the text (does not set content)."""
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return template.render(context, self._request)

    def add_post_render_callback(self, callback):
        """Call `callback(response)` after rendering (now, if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self):
        """Render once; return the response (or what a callback returned)."""
        retval = self
        if not self._is_rendered:
            self.content = self.rendered_content
            for post_callback in self._post_render_callbacks:
                newretval = post_callback(retval)
                if newretval is not None:
                    retval = newretval
        return retval

    @property
    def is_rendered(self):
        return self._is_rendered

    def __iter__(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be iterated "
                "over.")
        return super().__iter__()

    @property
    def content(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be accessed.")
        return HttpResponse.content.fget(self)

    @content.setter
    def content(self, value):
        HttpResponse.content.fset(self, value)
        self._is_rendered = True


class TemplateResponse(SimpleTemplateResponse):
    """A SimpleTemplateResponse rendered with a RequestContext for `request`."""

    rendering_attrs = SimpleTemplateResponse.rendering_attrs + ["_request"]

    def __init__(self, request, template, context=None, content_type=None,
                 status=None, charset=None, using=None, headers=None):
        super().__init__(template, context, content_type, status, charset, using,
                         headers)
        self._request = request


# -- Libraries: {% load name %} makes a Library's tags and filters available.

class Library:
    """A set of tags and filters: `register = template.Library()`.

    @register.filter, @register.simple_tag and @register.inclusion_tag work
    as in Django; @register.tag takes a compile function (parser, token).
    """

    def __init__(self):
        self.filters = {}
        self.tags = {}

    def tag(self, name=None, compile_function=None):
        if name is None and compile_function is None:
            return self.tag_function
        if name is not None and compile_function is None:
            if callable(name):
                return self.tag_function(name)

            def dec(func):
                return self.tag(name, func)

            return dec
        if name is not None and compile_function is not None:
            self.tags[name] = compile_function
            return compile_function
        raise ValueError(f"Unsupported arguments to Library.tag: ({name!r}, "
                         f"{compile_function!r})")

    def tag_function(self, func):
        self.tags[func.__name__] = func
        return func

    def filter(self, name=None, filter_func=None, **flags):
        """Register a filter; flags: is_safe, needs_autoescape, expects_localtime."""
        if name is None and filter_func is None:
            def dec(func):
                return self.filter_function(func, **flags)

            return dec
        if name is not None and filter_func is None:
            if callable(name):
                return self.filter_function(name, **flags)

            def dec(func):
                return self.filter(name, func, **flags)

            return dec
        if name is not None and filter_func is not None:
            self.filters[name] = filter_func
            for attr in ("expects_localtime", "is_safe", "needs_autoescape"):
                if attr in flags:
                    value = flags[attr]
                    setattr(filter_func, attr, value)
                    if hasattr(filter_func, "_decorated_function"):
                        setattr(filter_func._decorated_function, attr, value)
            filter_func._filter_name = name
            return filter_func
        raise ValueError(f"Unsupported arguments to Library.filter: ({name!r}, "
                         f"{filter_func!r})")

    def filter_function(self, func, **flags):
        return self.filter(func.__name__, func, **flags)

    def simple_tag(self, func=None, takes_context=None, name=None):
        """Register a function as a tag: {% name arg kw=arg [as var] %}."""
        def dec(func):
            function_name = name or func.__name__

            def compile_func(parser, token):
                spec = _argspec(func)
                bits = token.split_contents()[1:]
                target_var = None
                if len(bits) >= 2 and bits[-2] == "as":
                    target_var = bits[-1]
                    bits = bits[:-2]
                args, kwargs = parse_bits(parser, bits, spec, takes_context,
                                          function_name)
                return SimpleNode(func, takes_context, args, kwargs, target_var)

            self.tag(function_name, compile_func)
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_tag")

    def inclusion_tag(self, filename, func=None, takes_context=None, name=None):
        """Register a function whose dict renders template `filename`."""
        def dec(func):
            function_name = name or func.__name__

            def compile_func(parser, token):
                spec = _argspec(func)
                bits = token.split_contents()[1:]
                args, kwargs = parse_bits(parser, bits, spec, takes_context,
                                          function_name)
                return InclusionNode(func, takes_context, args, kwargs, filename)

            self.tag(function_name, compile_func)
            return func

        return dec


def _argspec(func):
    import inspect

    return inspect.getfullargspec(inspect.unwrap(func))


def parse_bits(parser, bits, spec, takes_context, name):
    """Parse a tag's arguments against the function's signature."""
    params, varargs, varkw = list(spec.args), spec.varargs, spec.varkw
    defaults, kwonly, kwonly_defaults = spec.defaults, spec.kwonlyargs, \
        spec.kwonlydefaults
    if takes_context:
        if params and params[0] == "context":
            params = params[1:]
        else:
            raise TemplateSyntaxError(
                f"'{name}' is decorated with takes_context=True so it must have a "
                "first argument of 'context'")
    args, kwargs = [], {}
    unhandled_params = list(params)
    unhandled_kwargs = [k for k in kwonly if not kwonly_defaults or k not in
                        kwonly_defaults]
    for bit in bits:
        kwarg = token_kwargs([bit], parser)
        if kwarg:
            param, value = kwarg.popitem()
            if param not in params and param not in kwonly and varkw is None:
                raise TemplateSyntaxError(
                    f"'{name}' received unexpected keyword argument '{param}'")
            if param in kwargs:
                raise TemplateSyntaxError(
                    f"'{name}' received multiple values for keyword argument "
                    f"'{param}'")
            kwargs[str(param)] = value
            if param in unhandled_params:
                unhandled_params.remove(param)
            elif param in unhandled_kwargs:
                unhandled_kwargs.remove(param)
        else:
            if kwargs:
                raise TemplateSyntaxError(
                    f"'{name}' received some positional argument(s) after some "
                    "keyword argument(s)")
            args.append(parser.compile_filter(bit))
            try:
                unhandled_params.pop(0)
            except IndexError:
                if varargs is None:
                    raise TemplateSyntaxError(
                        f"'{name}' received too many positional arguments") from None
    if defaults is not None:
        unhandled_params = unhandled_params[:-len(defaults)]
    if unhandled_params or unhandled_kwargs:
        missing = ", ".join(f"'{p}'" for p in unhandled_params + unhandled_kwargs)
        raise TemplateSyntaxError(
            f"'{name}' did not receive value(s) for the argument(s): {missing}")
    return args, kwargs


def token_kwargs(bits, parser, support_legacy=False):
    """Parse `a=b c=d` (or legacy `b as a and d as c`) from `bits`, consuming them."""
    if not bits:
        return {}
    kwarg_re = _tpl_re("kwarg", r"(?:(\w+)=)?(.+)")
    match = kwarg_re.match(bits[0])
    kwarg_format = match and match[1]
    if not kwarg_format:
        if not support_legacy or len(bits) < 3 or bits[1] != "as":
            return {}
    kwargs = {}
    while bits:
        if kwarg_format:
            match = kwarg_re.match(bits[0])
            if not match or not match[1]:
                return kwargs
            key, value = match.groups()
            del bits[:1]
        else:
            if len(bits) < 3 or bits[1] != "as":
                return kwargs
            key, value = bits[2], bits[0]
            del bits[:3]
        kwargs[key] = parser.compile_filter(value)
        if bits and not kwarg_format:
            if bits[0] != "and":
                return kwargs
            del bits[:1]
    return kwargs


class _ValueNode(Node):
    """A tag computed at run time whose value can go to `as var`."""

    child_nodelists = ()
    asvar = None
    may_change_context = False

    def render(self, context):
        value = self.value(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def generate(self, c):
        name = c.const(self, "node")
        bindings = c.bindings()
        if self.asvar:
            target = c.bind(self.asvar)
            c.line(f"{target} = _node_value(ctx, {name}, {bindings})")
        else:
            c.line(f"_render_node(ctx, out, {name}, {bindings})")
        if self.may_change_context:
            c.refresh()


def _node_value(ctx, node, bindings):
    if bindings:
        ctx.push(bindings)
    try:
        return node.value(ctx)
    finally:
        if bindings:
            ctx.pop()


class SimpleNode(_ValueNode):
    def __init__(self, func, takes_context, args, kwargs, target_var):
        self.func, self.takes_context = func, takes_context
        self.args, self.kwargs, self.asvar = args, kwargs, target_var
        self.may_change_context = bool(takes_context)

    def value(self, context):
        args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            args = [context] + args
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        output = self.func(*args, **kwargs)
        if self.asvar:
            return output
        if context.autoescape:
            output = conditional_escape(output)
        return output


class InclusionNode(_ValueNode):
    def __init__(self, func, takes_context, args, kwargs, filename):
        self.func, self.takes_context = func, takes_context
        self.args, self.kwargs, self.filename = args, kwargs, filename

    def value(self, context):
        args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            args = [context] + args
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        data = self.func(*args, **kwargs)
        t = context.render_context.get(self)
        if t is None:
            engine = _context_engine(context)
            if isinstance(self.filename, Template):
                t = self.filename
            elif isinstance(getattr(self.filename, "template", None), Template):
                t = self.filename.template
            elif not isinstance(self.filename, str) and hasattr(self.filename,
                                                                "__iter__"):
                t = engine.select_template(self.filename)
            else:
                t = engine.get_template(self.filename)
            context.render_context[self] = t
        new_context = context.new(data)
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        return t.render(new_context)


# -- The built-in tags.  Each compile function parses its token; the node's
#    generate() writes Python.  default_tags is Django's defaulttags +
#    loader_tags; default_filters (below) is defaultfilters.

default_tags = Library()


class CommentNode(Node):
    child_nodelists = ()

    def generate(self, c):
        pass

    def render(self, context):
        return ""


@default_tags.tag("comment")
def _tag_comment(parser, token):
    parser.skip_past("endcomment")
    return CommentNode()


class ForNode(Node):
    child_nodelists = ("nodelist_loop", "nodelist_empty")

    def __init__(self, loopvars, sequence, is_reversed, nodelist_loop,
                 nodelist_empty=None):
        self.loopvars, self.sequence, self.is_reversed = loopvars, sequence, is_reversed
        self.nodelist_loop = nodelist_loop
        self.nodelist_empty = nodelist_empty or NodeList()

    def __repr__(self):
        return f"<ForNode: for {', '.join(self.loopvars)} in {self.sequence}>"

    def generate(self, c):
        start = len(c.func.lines)
        n = c.unique("")
        values = f"loop{n}"
        c.line(f"{values} = _for_values({c.expr(self.sequence, 'if')}, "
               f"{self.is_reversed})")
        has_empty = bool(self.nodelist_empty)
        scope = c.push_scope(list(self.loopvars) + ["forloop"])
        c.depth += 2 if has_empty else 1
        body = c.capture(lambda: self.nodelist_loop.generate(c))
        c.depth -= 2 if has_empty else 1
        sets_context = c.pop_scope()
        forloop = scope["forloop"]
        if has_empty:
            c.line(f"if {values}:")
            c.depth += 1
        if forloop.used:
            parent = c.name("forloop")
            c.line(f"{forloop.pyname} = {{'parentloop': {parent} or {{}}}}")
            c.line(f"length{n} = len({values})")
        names = [scope[v].pyname for v in self.loopvars]
        target = names[0] if len(names) == 1 else f"item{n}"
        if forloop.used:
            c.line(f"for i{n}, {target} in enumerate({values}):")
            i, length = f"i{n}", f"length{n}"
            c.line(f"    {forloop.pyname}.update(")
            c.line(f"        counter0={i}, counter={i} + 1, revcounter={length} - {i},")
            c.line(f"        revcounter0={length} - {i} - 1, first={i} == 0, "
                   f"last={i} == {length} - 1)")
        else:
            c.line(f"for {target} in {values}:")
        if len(names) > 1:
            c.line(f"    {', '.join(names)} = _unpack({target}, {len(names)})")
        c.emit(body)
        if not body:
            c.line("    pass")
        if has_empty:
            c.depth -= 1
            c.line("else:")
            c.suite(self.nodelist_empty)
        if sets_context:
            c.isolate(start)


@default_tags.tag("for")
def _tag_for(parser, token):
    bits = token.split_contents()
    if len(bits) < 4:
        raise TemplateSyntaxError(
            f"'for' statements should have at least four words: {token.contents}")
    is_reversed = bits[-1] == "reversed"
    in_index = -3 if is_reversed else -2
    if bits[in_index] != "in":
        raise TemplateSyntaxError(
            f"'for' statements should use the format 'for x in y': {token.contents}")
    invalid_chars = frozenset((" ", '"', "'", "|"))
    loopvars = _tpl_re("for_split", r" *, *").split(" ".join(bits[1:in_index]))
    for var in loopvars:
        if not var or not invalid_chars.isdisjoint(var):
            raise TemplateSyntaxError(
                f"'for' tag received an invalid argument: {token.contents}")
    sequence = parser.compile_filter(bits[in_index + 1])
    nodelist_loop = parser.parse(("empty", "endfor"))
    token = parser.next_token()
    if token.contents == "empty":
        nodelist_empty = parser.parse(("endfor",))
        parser.delete_first_token()
    else:
        nodelist_empty = None
    return ForNode(loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty)


# {% if %} expressions: Django's operator precedence (a Pratt parser).

class _IfOperator:
    def __init__(self, op, lbp, prefix=False):
        self.id, self.lbp, self.prefix = op, lbp, prefix
        self.first = self.second = None

    def nud(self, parser):
        if not self.prefix:
            raise TemplateSyntaxError(
                f"Not expecting '{self.id}' in this position in if tag.")
        self.first = parser.expression(self.lbp)
        return self

    def led(self, left, parser):
        if self.prefix:
            raise TemplateSyntaxError(
                f"Not expecting '{self.id}' as infix operator in if tag.")
        self.first = left
        self.second = parser.expression(self.lbp)
        return self

    def display(self):
        return self.id

    def may_raise_missing(self):
        return any(t.may_raise_missing() for t in (self.first, self.second) if t)

    def python(self, c):
        # Django evaluates each operator so that any error inside it (a
        # TypeError from None < 1, a failing attribute) makes it False: the
        # operands are passed as lambdas and evaluated inside _test().
        if self.id == "not":
            return f"_test(_if_not, lambda: {self.first.python(c)})"
        a, b = self.first.python(c), self.second.python(c)
        func = {"or": "_if_or", "and": "_if_and", "in": "_if_in",
                "not in": "_if_not_in", "is": "_if_is", "is not": "_if_is_not",
                "==": "_if_eq", "!=": "_if_ne", "<": "_if_lt", ">": "_if_gt",
                "<=": "_if_le", ">=": "_if_ge"}[self.id]
        return f"_test({func}, lambda: {a}, lambda: {b})"


_IF_OPERATORS = {
    "or": 6, "and": 7, "not": 8, "in": 9, "not in": 9, "is": 10, "is not": 10,
    "==": 10, "!=": 10, ">": 10, ">=": 10, "<": 10, "<=": 10,
}


class _IfLiteral:
    lbp = 0

    def __init__(self, text, expression):
        self.text, self.expression = text, expression

    def nud(self, parser):
        return self

    def led(self, left, parser):
        raise TemplateSyntaxError(
            f"Not expecting '{self.text}' as infix operator in if tag.")

    def display(self):
        return self.text

    def may_raise_missing(self):
        return any(f.arg is not None and f.arg.lookups is not None
                   for f in self.expression.filters)

    def python(self, c):
        return c.expr(self.expression, "if")


class _IfEnd:
    lbp = 0

    def nud(self, parser):
        raise TemplateSyntaxError("Unexpected end of expression in if tag.")


class _IfParser:
    def __init__(self, parser, tokens):
        mapped, i = [], 0
        while i < len(tokens):
            token = tokens[i]
            if token == "is" and i + 1 < len(tokens) and tokens[i + 1] == "not":
                token, i = "is not", i + 1
            elif token == "not" and i + 1 < len(tokens) and tokens[i + 1] == "in":
                token, i = "not in", i + 1
            if token in _IF_OPERATORS:
                mapped.append(_IfOperator(token, _IF_OPERATORS[token],
                                          prefix=token == "not"))
            else:
                mapped.append(_IfLiteral(token, parser.compile_filter(token)))
            i += 1
        self.tokens, self.pos = mapped, 0
        self.current = self.next_token()

    def next_token(self):
        if self.pos >= len(self.tokens):
            return _IfEnd()
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self):
        result = self.expression()
        if not isinstance(self.current, _IfEnd):
            raise TemplateSyntaxError(
                f"Unused '{self.current.display()}' at end of if expression.")
        return result

    def expression(self, rbp=0):
        t = self.current
        self.current = self.next_token()
        left = t.nud(self)
        while rbp < self.current.lbp:
            t = self.current
            self.current = self.next_token()
            left = t.led(left, self)
        return left


class IfNode(Node):
    def __init__(self, conditions_nodelists):
        self.conditions_nodelists = conditions_nodelists

    def get_nodes_by_type(self, nodetype):
        nodes = [self] if isinstance(self, nodetype) else []
        for _condition, nodelist in self.conditions_nodelists:
            nodes.extend(nodelist.get_nodes_by_type(nodetype))
        return nodes

    def generate(self, c):
        keyword = "if"
        for condition, nodelist in self.conditions_nodelists:
            if condition is None:
                c.line("else:")
            elif condition.may_raise_missing():
                # A filter argument that does not exist makes the test false.
                c.line(f"{keyword} _if_true(lambda: {condition.python(c)}):")
            else:
                c.line(f"{keyword} {condition.python(c)}:")
            keyword = "elif"
            c.suite(nodelist)


@default_tags.tag("if")
def _tag_if(parser, token):
    bits = token.split_contents()[1:]
    condition = _IfParser(parser, bits).parse()
    nodelist = parser.parse(("elif", "else", "endif"))
    conditions_nodelists = [(condition, nodelist)]
    token = parser.next_token()
    while token.contents.startswith("elif"):
        bits = token.split_contents()[1:]
        condition = _IfParser(parser, bits).parse()
        nodelist = parser.parse(("elif", "else", "endif"))
        conditions_nodelists.append((condition, nodelist))
        token = parser.next_token()
    if token.contents == "else":
        nodelist = parser.parse(("endif",))
        conditions_nodelists.append((None, nodelist))
        token = parser.next_token()
    if token.contents != "endif":
        raise TemplateSyntaxError(
            f'Malformed template tag at line {token.lineno}: "{token.contents}"')
    return IfNode(conditions_nodelists)


class WithNode(Node):
    def __init__(self, extra_context, nodelist):
        self.extra_context, self.nodelist = extra_context, nodelist

    def generate(self, c):
        values = [(name, c.expr(fe, "output"))
                  for name, fe in self.extra_context.items()]
        start = len(c.func.lines)
        scope = c.push_scope([name for name, _ in values])
        for name, value in values:
            c.line(f"{scope[name].pyname} = {value}")
        self.nodelist.generate(c)
        if c.pop_scope():
            c.isolate(start)


@default_tags.tag("with")
def _tag_with(parser, token):
    bits = token.split_contents()
    remaining = bits[1:]
    extra_context = token_kwargs(remaining, parser, support_legacy=True)
    if not extra_context:
        raise TemplateSyntaxError(f"{bits[0]!r} expected at least one variable "
                                  "assignment")
    if remaining:
        raise TemplateSyntaxError(
            f"{bits[0]!r} received an invalid token: {remaining[0]!r}")
    nodelist = parser.parse(("endwith",))
    parser.delete_first_token()
    return WithNode(extra_context, nodelist)


class AutoEscapeControlNode(Node):
    def __init__(self, setting, nodelist):
        self.setting, self.nodelist = setting, nodelist

    def generate(self, c):
        n = c.unique("")
        c.line(f"autoescape{n} = ctx.autoescape")
        c.line(f"ctx.autoescape = {self.setting}")
        c.line("try:")
        saved, c.autoescape = c.autoescape, self.setting
        c.suite(self.nodelist)
        c.autoescape = saved
        c.line("finally:")
        c.line(f"    ctx.autoescape = autoescape{n}")


@default_tags.tag("autoescape")
def _tag_autoescape(parser, token):
    args = token.contents.split()
    if len(args) != 2:
        raise TemplateSyntaxError("'autoescape' tag requires exactly one argument.")
    arg = args[1]
    if arg not in ("on", "off"):
        raise TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'")
    nodelist = parser.parse(("endautoescape",))
    parser.delete_first_token()
    return AutoEscapeControlNode(arg == "on", nodelist)


class BlockNode(Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def __repr__(self):
        return f"<Block Node: {self.name}. Contents: {self.nodelist!r}>"

    def generate(self, c):
        self.generate_function(c)
        c.line(f"_render_block(ctx, out, {c.block_constant(self.name)}, "
               f"{c.bindings()})")

    def generate_function(self, c):
        safe = self.name if self.name.isidentifier() else c.unique("block")
        funcname = f"block_{safe}"
        _vs, _ve, bs, be, _cs, _ce = c.engine.syntax
        previous = c.start_function(funcname, f"Render {bs} block {self.name} {be}.")
        self.nodelist.generate(c)
        if "block" in c.func.free or c.func.hands_off:
            c.reads_block.add(self.name)  # it needs the `block` variable
        c.end_function(previous)
        c.blocks[self.name] = funcname


@default_tags.tag("block")
def _tag_block(parser, token):
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' tag takes only one argument")
    block_name = bits[1]
    loaded = parser.__dict__.setdefault("_loaded_blocks", [])
    if block_name in loaded:
        raise TemplateSyntaxError(
            f"'{bits[0]}' tag with name '{block_name}' appears more than once")
    loaded.append(block_name)
    nodelist = parser.parse(("endblock",))
    endblock = parser.next_token()
    acceptable = ("endblock", f"endblock {block_name}")
    if endblock.contents not in acceptable:
        parser.invalid_block_tag(endblock, "endblock", acceptable)
    return BlockNode(block_name, nodelist)


class ExtendsNode(Node):
    must_be_first = True

    def __init__(self, nodelist, parent_name):
        self.nodelist, self.parent_name = nodelist, parent_name

    def __repr__(self):
        return f"<{type(self).__name__}: extends {self.parent_name.token}>"

    def generate(self, c):
        for node in self.nodelist:
            if isinstance(node, BlockNode):
                node.generate_function(c)
        parent = c.expr(self.parent_name, "output")
        c.line(f"_extends(ctx, out, TEMPLATE, {parent}, {self.parent_name.token!r})")


@default_tags.tag("extends")
def _tag_extends(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument")
    if bits[1][:1] in "\"'" and bits[1][1:].startswith(("./", "../")):
        name = _relative_name(getattr(parser.origin, "template_name", None),
                              bits[1][1:-1], "extends")
        bits[1] = f'"{name}"'
    parent_name = parser.compile_filter(bits[1])
    nodelist = parser.parse()
    if nodelist.get_nodes_by_type(ExtendsNode):
        raise TemplateSyntaxError(
            f"'{bits[0]}' cannot appear more than once in the same template")
    return ExtendsNode(nodelist, parent_name)


class IncludeNode(Node):
    child_nodelists = ()

    def __init__(self, template, extra_context, isolated_context, origin):
        self.template, self.extra_context = template, extra_context
        self.isolated_context, self.origin = isolated_context, origin

    def generate(self, c):
        template = c.expr(self.template, "output")
        extra = ", ".join(f"{k!r}: {c.expr(v, 'output')}"
                          for k, v in self.extra_context.items())
        origin = c.const(self.origin, "origin")
        key = c.const(self, "node")
        bindings = "None" if self.isolated_context else c.bindings()
        c.line(f"_include(ctx, out, {template}, {origin}, {bindings}, {{{extra}}}, "
               f"{self.isolated_context}, {key})")


@default_tags.tag("include")
def _tag_include(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            f"{bits[0]!r} tag takes at least one argument: the name of the template "
            "to be included.")
    options, remaining = {}, bits[2:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(
                f"The {option!r} option was specified more than once.")
        if option == "with":
            value = token_kwargs(remaining, parser, support_legacy=False)
            if not value:
                raise TemplateSyntaxError(
                    f'"with" in {bits[0]!r} tag needs at least one keyword argument.')
        elif option == "only":
            value = True
        else:
            raise TemplateSyntaxError(f"Unknown argument for {bits[0]!r} tag: "
                                      f"{option!r}.")
        options[option] = value
    if bits[1][:1] in "\"'" and bits[1][1:].startswith(("./", "../")):
        name = _relative_name(getattr(parser.origin, "template_name", None),
                              bits[1][1:-1], "include")
        bits[1] = f'"{name}"'
    return IncludeNode(parser.compile_filter(bits[1]), options.get("with", {}),
                       options.get("only", False), parser.origin or Origin(
                           UNKNOWN_SOURCE))


class LoadNode(Node):
    child_nodelists = ()

    def generate(self, c):
        pass

    def render(self, context):
        return ""


@default_tags.tag("load")
def _tag_load(parser, token):
    bits = token.contents.split()
    if len(bits) >= 4 and bits[-2] == "from":
        lib = _find_library(parser, bits[-1])
        for name in bits[1:-2]:
            if name in lib.tags:
                parser.tags[name] = lib.tags[name]
            elif name in lib.filters:
                parser.filters[name] = lib.filters[name]
            else:
                raise TemplateSyntaxError(
                    f"'{name}' is not a valid tag or filter in tag library "
                    f"'{bits[-1]}'")
    else:
        for name in bits[1:]:
            parser.add_library(_find_library(parser, name))
    return LoadNode()


def _find_library(parser, name):
    try:
        return parser.libraries[name]
    except KeyError:
        choices = "\n".join(sorted(parser.libraries))
        raise TemplateSyntaxError(
            f"'{name}' is not a registered tag library. Must be one of:\n{choices}"
        ) from None


class CycleNode(Node):
    child_nodelists = ()

    def __init__(self, cyclevars, variable_name=None, silent=False):
        self.cyclevars, self.variable_name = cyclevars, variable_name
        self.silent = silent

    def generate(self, c):
        key = c.const(self, "cycle")
        values = ", ".join(c.expr(v, "output") for v in self.cyclevars)
        value = f"({values},)[_cycle(ctx, {key}, {len(self.cyclevars)})]"
        if self.variable_name:
            target = c.bind(self.variable_name)
            c.line(f"{target} = {value}")
            if not self.silent:
                c.line(f"write({c.output_func}({target}))")
        else:
            c.line(f"write({c.output_func}({value}))")


def _cycle(ctx, key, count):
    """Return the index of the next value of a {% cycle %}."""
    rc = ctx.render_context
    index = rc.get(key, 0)
    rc[key] = (index + 1) % count
    return index


@default_tags.tag("cycle")
def _tag_cycle(parser, token):
    args = token.split_contents()
    if len(args) < 2:
        raise TemplateSyntaxError("'cycle' tag requires at least two arguments")
    named = parser.__dict__.setdefault("_named_cycle_nodes", {})
    if len(args) == 2:
        name = args[1]
        if not named:
            raise TemplateSyntaxError(
                f"No named cycles in template. '{name}' is not defined")
        if name not in named:
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist")
        node = named[name]
        return CycleNode(node.cyclevars, node.variable_name, node.silent)._same(node)
    as_form, silent = False, False
    if len(args) > 4:
        if args[-3] == "as":
            if args[-1] != "silent":
                raise TemplateSyntaxError(
                    f"Only 'silent' flag is allowed after cycle's name, not "
                    f"'{args[-1]}'.")
            as_form, silent = True, True
            args = args[:-1]
        elif args[-2] == "as":
            as_form = True
    if as_form:
        node = CycleNode([parser.compile_filter(a) for a in args[1:-2]], args[-1],
                         silent)
        named[args[-1]] = node
    else:
        node = CycleNode([parser.compile_filter(a) for a in args[1:]])
    parser._last_cycle_node = node
    return node


def _same_cycle(self, node):
    """Make a `{% cycle name %}` reference share its named cycle's state."""
    self.generate = lambda c: _generate_cycle_ref(c, node)
    return self


def _generate_cycle_ref(c, node):
    key = c.const(node, "cycle")
    values = ", ".join(c.expr(v, "output") for v in node.cyclevars)
    target = c.bind(node.variable_name)
    c.line(f"{target} = ({values},)[_cycle(ctx, {key}, {len(node.cyclevars)})]")
    c.line(f"write({c.output_func}({target}))")


CycleNode._same = _same_cycle


class ResetCycleNode(Node):
    child_nodelists = ()

    def __init__(self, node):
        self.node = node

    def generate(self, c):
        key = c.const(self.node, "cycle")
        c.line(f"ctx.render_context[{key}] = 0")


@default_tags.tag("resetcycle")
def _tag_resetcycle(parser, token):
    args = token.split_contents()
    if len(args) > 2:
        raise TemplateSyntaxError(f"{args[0]!r} tag accepts at most one argument.")
    if len(args) == 2:
        name = args[1]
        try:
            return ResetCycleNode(parser._named_cycle_nodes[name])
        except (AttributeError, KeyError):
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist.") \
                from None
    try:
        return ResetCycleNode(parser._last_cycle_node)
    except AttributeError:
        raise TemplateSyntaxError("No cycles in template.") from None


class FirstOfNode(Node):
    child_nodelists = ()

    def __init__(self, variables, asvar=None):
        self.vars, self.asvar = variables, asvar

    def generate(self, c):
        values = " or ".join(c.expr(v, "if") for v in self.vars)
        value = f"{c.output_func}({values} or '')"
        if self.asvar:
            target = c.bind(self.asvar)
            c.line(f"{target} = {value}")
        else:
            c.line(f"write({value})")


@default_tags.tag("firstof")
def _tag_firstof(parser, token):
    bits = token.split_contents()[1:]
    asvar = None
    if not bits:
        raise TemplateSyntaxError("'firstof' statement requires at least one argument")
    if len(bits) >= 2 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    return FirstOfNode([parser.compile_filter(bit) for bit in bits], asvar)


def _capture(c, nodelist, var):
    """Generate `nodelist` into a string variable `var` instead of `out`."""
    n = c.unique("")
    c.line(f"outer{n} = out")
    c.line("out = []")
    c.line("write, extend = out.append, out.extend")
    nodelist.generate(c)
    c.line(f"{var} = SafeString(''.join(out))")
    c.line(f"out = outer{n}")
    c.line("write, extend = out.append, out.extend")


class IfChangedNode(Node):
    child_nodelists = ("nodelist_true", "nodelist_false")

    def __init__(self, nodelist_true, nodelist_false, *varlist):
        self.nodelist_true, self.nodelist_false = nodelist_true, nodelist_false
        self._varlist = varlist

    def generate(self, c):
        key = c.const(self, "ifchanged")
        frame = f"_ifchanged_frame(ctx, {c.name('forloop')})"
        if self._varlist:
            values = ", ".join(c.expr(v, "if") for v in self._varlist)
            c.line(f"if _ifchanged({frame}, {key}, [{values}]):")
            c.suite(self.nodelist_true)
        else:
            n = c.unique("")
            _capture(c, self.nodelist_true, f"changed{n}")
            c.line(f"if _ifchanged({frame}, {key}, changed{n}):")
            c.line(f"    write(changed{n})")
        if self.nodelist_false:
            c.line("else:")
            c.suite(self.nodelist_false)


def _ifchanged_frame(ctx, forloop):
    return forloop if isinstance(forloop, dict) else ctx.render_context


def _ifchanged(frame, key, value):
    """Return True (and remember `value`) if it differs from last time."""
    changed = frame.get(key, _NOT_FOUND) != value
    if changed:
        frame[key] = value
    return changed


@default_tags.tag("ifchanged")
def _tag_ifchanged(parser, token):
    bits = token.split_contents()
    nodelist_true = parser.parse(("else", "endifchanged"))
    token = parser.next_token()
    if token.contents == "else":
        nodelist_false = parser.parse(("endifchanged",))
        parser.delete_first_token()
    else:
        nodelist_false = NodeList()
    values = [parser.compile_filter(bit) for bit in bits[1:]]
    return IfChangedNode(nodelist_true, nodelist_false, *values)


class SpacelessNode(Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def generate(self, c):
        n = c.unique("")
        _capture(c, self.nodelist, f"text{n}")
        c.line(f"write(strip_spaces_between_tags(text{n}.strip()))")


def strip_spaces_between_tags(value):
    """Remove whitespace between HTML tags (>  < becomes ><)."""
    return _tpl_re("between_tags", r">\s+<").sub("><", str(value))


@default_tags.tag("spaceless")
def _tag_spaceless(parser, token):
    nodelist = parser.parse(("endspaceless",))
    parser.delete_first_token()
    return SpacelessNode(nodelist)


class FilterNode(Node):
    def __init__(self, filter_expr, nodelist):
        self.filter_expr, self.nodelist = filter_expr, nodelist

    def generate(self, c):
        n = c.unique("")
        _capture(c, self.nodelist, f"text{n}")
        c.line(f"write(str({c.apply_filters(self.filter_expr, f'text{n}')}))")


@default_tags.tag("filter")
def _tag_filter(parser, token):
    _, rest = token.contents.split(None, 1)
    filter_expr = parser.compile_filter(f"var|{rest}")
    for f in filter_expr.filters:
        name = getattr(f.func, "_filter_name", None)
        if name in ("escape", "safe"):
            raise TemplateSyntaxError(
                f'"filter {name}" is not permitted.  Use the "autoescape" tag instead.')
    nodelist = parser.parse(("endfilter",))
    parser.delete_first_token()
    return FilterNode(filter_expr, nodelist)


class VerbatimNode(TextNode):
    def __init__(self, content):
        self.s = content


@default_tags.tag("verbatim")
def _tag_verbatim(parser, token):
    nodelist = parser.parse(("endverbatim",))
    parser.delete_first_token()
    return VerbatimNode("".join(node.s for node in nodelist))


class TemplateTagNode(TextNode):
    pass


_TEMPLATETAG_NAMES = ("openblock", "closeblock", "openvariable", "closevariable",
                      "openbrace", "closebrace", "opencomment", "closecomment")


@default_tags.tag("templatetag")
def _tag_templatetag(parser, token):
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError("'templatetag' statement takes one argument")
    tag = bits[1]
    vs, ve, bs, be, cs, ce = parser.engine.syntax
    mapping = {"openblock": bs, "closeblock": be, "openvariable": vs,
               "closevariable": ve, "openbrace": "{", "closebrace": "}",
               "opencomment": cs, "closecomment": ce}
    if tag not in mapping:
        raise TemplateSyntaxError(
            f"Invalid templatetag argument: '{tag}'. Must be one of: "
            f"{list(_TEMPLATETAG_NAMES)}")
    return TemplateTagNode(mapping[tag])


class CsrfTokenNode(_ValueNode):
    def value(self, context):
        token = context.get("csrf_token")
        if token:
            if token == "NOTPROVIDED":
                return SafeString("")
            return format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        if settings.DEBUG:
            import warnings

            warnings.warn(
                "A {% csrf_token %} was used in a template, but the context did not "
                "provide the value.  This is usually caused by not using "
                "RequestContext.")
        return ""


@default_tags.tag("csrf_token")
def _tag_csrf_token(parser, token):
    return CsrfTokenNode()


class WidthRatioNode(_ValueNode):
    def __init__(self, val_expr, max_expr, max_width, asvar=None):
        self.val_expr, self.max_expr = val_expr, max_expr
        self.max_width, self.asvar = max_width, asvar

    def value(self, context):
        try:
            value = self.val_expr.resolve(context)
            max_value = self.max_expr.resolve(context)
            max_width = int(self.max_width.resolve(context))
        except VariableDoesNotExist:
            return ""
        except (ValueError, TypeError):
            raise TemplateSyntaxError("widthratio final argument must be a number") \
                from None
        try:
            result = str(round(float(value) / float(max_value) * max_width))
        except ZeroDivisionError:
            result = "0"
        except (ValueError, TypeError, OverflowError):
            result = ""
        return result


@default_tags.tag("widthratio")
def _tag_widthratio(parser, token):
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4:
        _tag, this, maximum, width = bits
    elif len(bits) == 6:
        _tag, this, maximum, width, as_, asvar = bits
        if as_ != "as":
            raise TemplateSyntaxError(
                "Invalid syntax in widthratio tag. Expecting 'as' keyword")
    else:
        raise TemplateSyntaxError("widthratio takes at least three arguments")
    return WidthRatioNode(parser.compile_filter(this), parser.compile_filter(maximum),
                          parser.compile_filter(width), asvar)


class NowNode(_ValueNode):
    def __init__(self, format_string, asvar=None):
        self.format_string, self.asvar = format_string, asvar

    def value(self, context):
        import datetime

        tzinfo = get_current_timezone() if settings.USE_TZ else None
        return _f_date(datetime.datetime.now(tz=tzinfo), self.format_string)


@default_tags.tag("now")
def _tag_now(parser, token):
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    if len(bits) != 2:
        raise TemplateSyntaxError("'now' statement takes one argument")
    return NowNode(bits[1][1:-1], asvar)


class RegroupNode(_ValueNode):
    def __init__(self, target, expression, var_name):
        self.target, self.expression, self.asvar = target, expression, var_name

    def value(self, context):
        import collections
        import itertools

        obj_list = self.target.resolve(context, ignore_failures=True)
        if obj_list is None:
            return []
        grouped = collections.namedtuple("GroupedResult", ["grouper", "list"])

        def key(obj):
            context[self.asvar] = obj
            return self.expression.resolve(context, ignore_failures=True)

        return [grouped(k, list(v)) for k, v in itertools.groupby(obj_list, key)]


@default_tags.tag("regroup")
def _tag_regroup(parser, token):
    bits = token.split_contents()
    if len(bits) != 6:
        raise TemplateSyntaxError("'regroup' tag takes five arguments")
    target = parser.compile_filter(bits[1])
    if bits[2] != "by":
        raise TemplateSyntaxError("second argument to 'regroup' tag must be 'by'")
    if bits[4] != "as":
        raise TemplateSyntaxError(
            "next-to-last argument to 'regroup' tag must be 'as'")
    expression = parser.compile_filter(bits[5] + "." + bits[3])
    return RegroupNode(target, expression, bits[5])


class URLNode(_ValueNode):
    def __init__(self, view_name, args, kwargs, asvar):
        self.view_name, self.args, self.kwargs, self.asvar = view_name, args, \
            kwargs, asvar

    def value(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None),
                                  "namespace", None)
        url = ""
        try:
            url = globals()["reverse"](view_name, args=args, kwargs=kwargs,
                                       current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            return url
        return conditional_escape(url) if context.autoescape else url


@default_tags.tag("url")
def _tag_url(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            f"'{bits[0]}' takes at least one argument, a URL pattern name.")
    viewname = parser.compile_filter(bits[1])
    args, kwargs, asvar = [], {}, None
    bits = bits[2:]
    if len(bits) >= 2 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    kwarg_re = _tpl_re("kwarg", r"(?:(\w+)=)?(.+)")
    for bit in bits:
        match = kwarg_re.match(bit)
        if not match:
            raise TemplateSyntaxError("Malformed arguments to url tag")
        name, value = match.groups()
        if name:
            kwargs[name] = parser.compile_filter(value)
        else:
            args.append(parser.compile_filter(value))
    return URLNode(viewname, args, kwargs, asvar)


class LoremNode(_ValueNode):
    def __init__(self, count, method, common):
        self.count, self.method, self.common = count, method, common

    def value(self, context):
        try:
            count = int(self.count.resolve(context))
        except (ValueError, TypeError):
            count = 1
        if self.method == "w":
            return _lorem_words(count, common=self.common)
        paras = _lorem_paragraphs(count, common=self.common)
        if self.method == "p":
            paras = [f"<p>{p}</p>" for p in paras]
        return "\n\n".join(paras)


_LOREM_COMMON = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod "
    "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, "
    "quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo "
    "consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse "
    "cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non "
    "proident, sunt in culpa qui officia deserunt mollit anim id est laborum.")


def _lorem_vocabulary():
    return sorted({w.strip(",.").lower() for w in _LOREM_COMMON.split()})


def _lorem_words(count, common=True):
    import random

    common_words = [w.strip(",.").lower() for w in _LOREM_COMMON.split()][:19]
    word_list = list(common_words) if common else []
    c = len(word_list)
    if count > c:
        count -= c
        vocabulary = _lorem_vocabulary()
        while count > 0:
            c = min(count, len(vocabulary))
            count -= c
            word_list += random.sample(vocabulary, c)
    else:
        word_list = word_list[:count]
    return " ".join(word_list)


def _lorem_paragraphs(count, common=True):
    import random

    paras = []
    vocabulary = _lorem_vocabulary()
    for i in range(count):
        if common and i == 0:
            paras.append(_LOREM_COMMON)
        else:
            sentences = []
            for _ in range(random.randint(1, 4)):
                words = random.sample(vocabulary, random.randint(3, 12))
                sentences.append(" ".join(words).capitalize() + ".")
            paras.append(" ".join(sentences))
    return paras


@default_tags.tag("lorem")
def _tag_lorem(parser, token):
    bits = list(token.split_contents())
    tagname = bits[0]
    common = bits[-1] != "random"
    if not common:
        bits.pop()
    method = bits.pop() if bits[-1] in ("w", "p", "b") else "b"
    count = bits.pop() if len(bits) > 1 else "1"
    count = parser.compile_filter(count)
    if len(bits) != 1:
        raise TemplateSyntaxError(f"Incorrect format for {tagname!r} tag")
    return LoremNode(count, method, common)


@default_tags.simple_tag(name="querystring", takes_context=True)
def _tag_querystring(context, query_dict=None, **kwargs):
    """Return "?" + the request's query string with `kwargs` changed."""
    if query_dict is None:
        query_dict = context.request.GET
    params = query_dict.copy()
    for key, value in kwargs.items():
        if value is None:
            if key in params:
                del params[key]
        elif not isinstance(value, str) and hasattr(value, "__iter__"):
            params.setlist(key, value)
        else:
            params[key] = value
    if not params and not query_dict:
        return ""
    return f"?{params.urlencode()}"


# -- {% load static %}, {% load tz %}, {% load i18n %}, {% load l10n %}.

static_library = Library()


class StaticNode(_ValueNode):
    def __init__(self, path, asvar=None):
        self.path, self.asvar = path, asvar

    def value(self, context):
        url = globals()["static_url"](self.path.resolve(context))
        if self.asvar:
            return url
        return conditional_escape(url) if context.autoescape else url


@static_library.tag("static")
def _tag_static(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            "'static' takes at least one argument (path to file)")
    path = parser.compile_filter(bits[1])
    asvar = bits[3] if len(bits) >= 4 and bits[-2] == "as" else None
    return StaticNode(path, asvar)


@static_library.simple_tag
def get_static_prefix():
    return _iri_prefix(settings.STATIC_URL)


@static_library.simple_tag
def get_media_prefix():
    return _iri_prefix(settings.MEDIA_URL)


def _iri_prefix(value):
    from urllib.parse import quote

    return quote(value or "", safe="/#%[]=:;$&()+,!?*@'~")


tz_library = Library()
i18n_library = Library()
l10n_library = Library()


@i18n_library.tag("translate")
def _tag_translate(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes at least one argument")
    fe = parser.compile_filter(bits[1])
    asvar = bits[3] if len(bits) >= 4 and bits[2] == "as" else None
    node = FirstOfNode([fe], asvar)
    return node


i18n_library.tags["trans"] = _tag_translate


class BlockTranslateNode(_ValueNode):
    """{% blocktranslate %}: a message with {{ names }} (English only)."""

    def __init__(self, extra_context, singular, plural, countervar, counter,
                 trimmed, asvar, tag_name):
        self.extra_context, self.singular, self.plural = extra_context, singular, \
            plural
        self.countervar, self.counter, self.trimmed = countervar, counter, trimmed
        self.asvar, self.tag_name = asvar, tag_name

    def _message(self, tokens):
        parts, names = [], []
        for token in tokens:
            if token.token_type == "text":
                parts.append(token.contents.replace("%", "%%"))
            else:
                parts.append(f"%({token.contents})s")
                names.append(token.contents)
        message = "".join(parts)
        if self.trimmed:
            message = " ".join(line.strip() for line in message.strip().splitlines())
        return message, names

    def value(self, context):
        context.update({k: v.resolve(context) for k, v in self.extra_context.items()})
        try:
            message, names = self._message(self.singular)
            if self.plural and self.countervar and self.counter:
                import decimal

                count = self.counter.resolve(context)
                if not isinstance(count, (decimal.Decimal, float, int)):
                    raise TemplateSyntaxError(
                        f"{self.countervar!r} argument to {self.tag_name!r} tag must "
                        "be a number.")
                context[self.countervar] = count
                plural, plural_names = self._message(self.plural)
                message = ngettext(message, plural, count)
                names += plural_names
            invalid = _context_engine(context).string_if_invalid
            render = _escape_output if context.autoescape else _text_output
            data = {}
            for name in names:
                if name in context:
                    data[name] = render(context[name])
                else:
                    data[name] = render(invalid % name if "%s" in invalid else invalid)
        finally:
            context.pop()
        result = message % data
        return SafeString(result) if self.asvar else result


def _tag_blocktranslate(parser, token):
    bits = token.split_contents()
    tag_name = bits[0]
    options, remaining = {}, bits[1:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(
                f"The {option!r} option was specified more than once.")
        if option == "with":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if not value:
                raise TemplateSyntaxError(
                    f'"with" in {tag_name!r} tag needs at least one keyword argument.')
        elif option == "count":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if len(value) != 1:
                raise TemplateSyntaxError(
                    f'"count" in {tag_name!r} tag expected exactly one keyword '
                    "argument.")
        elif option == "context":
            try:
                value = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError(
                    f'"context" in {tag_name!r} tag expected exactly one argument.'
                ) from None
        elif option == "trimmed":
            value = True
        elif option == "asvar":
            try:
                value = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{tag_name}' tag for the asvar "
                    "option.") from None
        else:
            raise TemplateSyntaxError(f"Unknown argument for {tag_name!r} tag: "
                                      f"{option!r}.")
        options[option] = value
    countervar, counter = None, None
    if "count" in options:
        countervar, counter = next(iter(options["count"].items()))
    end_tag = "end" + tag_name
    singular, plural, tokens = [], [], None
    tokens = singular
    while parser.tokens:
        token = parser.next_token()
        if token.token_type in ("var", "text"):
            tokens.append(token)  # {{ x }} names a context key, nothing more
        elif token.token_type == "comment":
            continue
        elif token.contents.strip() == "plural" and countervar and tokens is singular:
            tokens = plural
        elif token.contents.strip() == end_tag:
            break
        else:
            raise TemplateSyntaxError(
                f"{tag_name!r} doesn't allow other block tags (seen "
                f"{token.contents!r}) inside it")
    else:
        raise TemplateSyntaxError(f"Unclosed tag '{tag_name}'. Looking for "
                                  f"'{end_tag}'.")
    return BlockTranslateNode(options.get("with", {}), singular, plural, countervar,
                              counter, options.get("trimmed", False),
                              options.get("asvar"), tag_name)


i18n_library.tags["blocktranslate"] = _tag_blocktranslate
i18n_library.tags["blocktrans"] = _tag_blocktranslate


@tz_library.filter("localtime")
def _f_localtime(value):
    return _template_localtime(value)



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

    Like Django, the locale's value wins over the setting; a string that
    names no format is returned as is (it is a format already).
    """
    if format_type in _EN_FORMATS:
        return _EN_FORMATS[format_type]
    if format_type.isupper() and hasattr(settings, format_type):
        return getattr(settings, format_type)
    return format_type


def date_format(value, format=None, use_l10n=None):
    """Format a date or datetime with a named format (default DATE_FORMAT)."""
    return dateformat(value, get_format(format or "DATE_FORMAT"))


def formats_time_format(value, format=None, use_l10n=None):
    """Format a time with a named format (default TIME_FORMAT)."""
    return timeformat(value, get_format(format or "TIME_FORMAT"))


_TIME_SPECIFIERS = frozenset("aAefgGhHiIOPrsTuZ")


#: format string -> ((is a specifier, text), ...), filled by _parse_date_format()
_date_format_pieces = {}


def _parse_date_format(formatstr):
    """Split a date format into specifiers and literal text, and cache it."""
    parts = _tpl_re("formatchars",
                    r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])").split(
                        formatstr)
    pieces = tuple(
        (True, part) if i % 2 else
        (False, _tpl_re("escaped", r"\\(.)").sub(r"\1", part))
        for i, part in enumerate(parts) if part)
    if len(_date_format_pieces) >= 256:  # formats can come from data: stay bounded
        _date_format_pieces.clear()
    _date_format_pieces[formatstr] = pieces
    return pieces


class DateFormat:
    """Format dates and times with PHP-style characters (Django's dateformat).

    format("N j, Y") -> "Nov. 21, 2026".  Backslash escapes a character.
    """

    def __init__(self, obj):
        import datetime

        self.data = obj
        self.timezone = None
        if isinstance(obj, datetime.datetime):
            tz = get_default_timezone() if obj.utcoffset() is None else obj.tzinfo
            self.timezone = tz

    def format(self, formatstr):
        import datetime

        # The parsed format is cached: the blog page formats 40 datetimes with
        # two format strings, and the regex split and unescaping were half of
        # each call (template render of the blog page: 625 -> 505 us).
        formatstr = str(formatstr)
        pieces = _date_format_pieces.get(formatstr)
        if pieces is None:
            pieces = _parse_date_format(formatstr)
        out = []
        data_type = type(self.data)
        for is_specifier, piece in pieces:
            if is_specifier:
                if data_type is datetime.date and piece in _TIME_SPECIFIERS:
                    raise TypeError(
                        "The format for date objects may not contain time-related "
                        f"format specifiers (found '{piece}').")
                if data_type is datetime.time and piece not in _TIME_SPECIFIERS:
                    raise TypeError(
                        "The format for time objects may not contain date-related "
                        f"format specifiers (found '{piece}').")
                out.append(str(getattr(self, piece)()))
            else:
                out.append(piece)
        return "".join(out)

    # time
    def a(self):
        return "p.m." if self.data.hour > 11 else "a.m."

    def A(self):
        return "PM" if self.data.hour > 11 else "AM"

    def e(self):
        if self.timezone is None or self.data.utcoffset() is None:
            return ""
        return self.data.tzname() or ""

    def f(self):
        hour, minute = self.data.hour % 12 or 12, self.data.minute
        return "%d:%02d" % (hour, minute) if minute else hour

    def g(self):
        return self.data.hour % 12 or 12

    def G(self):
        return self.data.hour

    def h(self):
        return "%02d" % (self.data.hour % 12 or 12)

    def H(self):
        return "%02d" % self.data.hour

    def i(self):
        return "%02d" % self.data.minute

    def I(self):  # noqa: E743 (Django's format character)
        if self.timezone is None:
            return ""
        return "1" if self.timezone.dst(self._naive()) else "0"

    def O(self):  # noqa: E743
        if self.timezone is None:
            return ""
        seconds = self.Z()
        sign = "-" if seconds < 0 else "+"
        seconds = abs(seconds)
        return "%s%02d%02d" % (sign, seconds // 3600, (seconds // 60) % 60)

    def P(self):
        if self.data.minute == 0 and self.data.hour == 0:
            return "midnight"
        if self.data.minute == 0 and self.data.hour == 12:
            return "noon"
        return f"{self.f()} {self.a()}"

    def s(self):
        return "%02d" % self.data.second

    def T(self):
        if self.timezone is None:
            return ""
        return str(self.timezone.tzname(self._naive()))

    def u(self):
        return "%06d" % self.data.microsecond

    def Z(self):
        if self.timezone is None:
            return ""
        offset = self.timezone.utcoffset(self._naive())
        return offset.days * 86400 + offset.seconds

    def _naive(self):
        if self.data.utcoffset() is not None:
            return self.data.astimezone(self.timezone).replace(tzinfo=None)
        return self.data

    # date
    def b(self):
        return _MONTH_NAMES[self.data.month - 1][:3].lower()

    def c(self):
        return self.data.isoformat()

    def d(self):
        return "%02d" % self.data.day

    def D(self):
        return _WEEKDAY_NAMES[self.data.weekday()][:3]

    def E(self):
        return _MONTH_NAMES[self.data.month - 1]

    def F(self):
        return _MONTH_NAMES[self.data.month - 1]

    def j(self):
        return self.data.day

    def l(self):  # noqa: E743
        return _WEEKDAY_NAMES[self.data.weekday()]

    def L(self):
        import calendar

        return calendar.isleap(self.data.year)

    def m(self):
        return "%02d" % self.data.month

    def M(self):
        return _MONTH_NAMES[self.data.month - 1][:3]

    def n(self):
        return self.data.month

    def N(self):
        return _MONTHS_AP[self.data.month - 1]

    def o(self):
        return self.data.isocalendar()[0]

    def r(self):
        import datetime
        import email.utils

        value = self.data
        if type(value) is datetime.date:
            raise TypeError("The format for date objects may not contain time-related "
                            "format specifiers (found 'r').")
        if value.utcoffset() is None:
            value = value.replace(tzinfo=self.timezone)
        return email.utils.format_datetime(value)

    def S(self):
        day = self.data.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

    def t(self):
        import calendar

        return calendar.monthrange(self.data.year, self.data.month)[1]

    def U(self):
        import datetime

        value = self.data
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        return int(value.timestamp())

    def w(self):
        return (self.data.weekday() + 1) % 7

    def W(self):
        return self.data.isocalendar()[1]

    def y(self):
        return "%02d" % (self.data.year % 100)

    def Y(self):
        return "%04d" % self.data.year

    def z(self):
        return self.data.timetuple().tm_yday


TimeFormat = DateFormat


def dateformat(value, format_string):
    """Format a date/datetime (django.utils.dateformat.format)."""
    return DateFormat(value).format(format_string)


def timeformat(value, format_string):
    """Format a time (django.utils.dateformat.time_format)."""
    return DateFormat(value).format(format_string)


def timesince(d, now=None, reversed=False, time_strings=None, depth=2):
    """Return "3\xa0days, 2\xa0hours": the time between `d` and `now`."""
    import datetime

    units = [("year", "years"), ("month", "months"), ("week", "weeks"),
             ("day", "days"), ("hour", "hours"), ("minute", "minutes")]
    if depth <= 0:
        raise ValueError("depth must be greater than 0.")
    if not isinstance(d, datetime.datetime):
        d = datetime.datetime(d.year, d.month, d.day)
    if now and not isinstance(now, datetime.datetime):
        now = datetime.datetime(now.year, now.month, now.day)
    if not now:
        now = datetime.datetime.now(d.tzinfo if d.utcoffset() is not None else None)
    elif now.utcoffset() is not None and d.utcoffset() is not None:
        now = now.astimezone(d.tzinfo)
    if reversed:
        d, now = now, d

    def label(i, count):
        if time_strings is not None:
            return avoid_wrapping(time_strings[units[i][0]] % {"num": count})
        return avoid_wrapping(f"{count} {units[i][0] if count == 1 else units[i][1]}")

    delta = now - d
    if delta.days * 86400 + delta.seconds <= 0:
        return label(5, 0)
    months = (now.year - d.year) * 12 + (now.month - d.month)
    if d.day > now.day or (d.day == now.day and d.time() > now.time()):
        months -= 1
    years, months = divmod(months, 12)
    if years or months:
        year, month = d.year + years, d.month + months
        if month > 12:
            month, year = month - 12, year + 1
        days_in = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        pivot = datetime.datetime(year, month, min(days_in, d.day), d.hour, d.minute,
                                  d.second, tzinfo=d.tzinfo)
    else:
        pivot = d
    remaining = (now - pivot).total_seconds()
    parts = [years, months]
    for chunk in (604800, 86400, 3600, 60):
        count = int(remaining // chunk)
        parts.append(count)
        remaining -= chunk * count
    first = next((i for i, v in enumerate(parts) if v), None)
    if first is None:
        return label(5, 0)
    result = []
    for i in range(first, min(first + depth, len(parts))):
        if parts[i] == 0:
            break
        result.append(label(i, parts[i]))
    return ", ".join(result)


def timeuntil(d, now=None, time_strings=None, depth=2):
    """Like timesince, measuring to a future `d`."""
    return timesince(d, now, reversed=True, time_strings=time_strings, depth=depth)


# -- Text and HTML helpers (django.utils.html, django.utils.text).  Each one is
#    linear in its input: no backtracking regexes on user text.

def avoid_wrapping(value):
    """Replace spaces with non-breaking spaces."""
    return value.replace(" ", "\xa0")


_js_escapes = {ord(c): "\\u%04X" % ord(c) for c in "\\'\"><&=-;`\u2028\u2029"}
_js_escapes.update({i: "\\u%04X" % i for i in range(32)})


def escapejs(value):
    """Escape a string for use inside JavaScript string literals."""
    return mark_safe(str(value).translate(_js_escapes))


def _json_default(o):
    import datetime
    import decimal
    import uuid

    if isinstance(o, datetime.datetime):
        r = o.isoformat()
        if o.microsecond:
            r = r[:23] + r[26:]
        if r.endswith("+00:00"):
            r = r.removesuffix("+00:00") + "Z"
        return r
    if isinstance(o, datetime.date):
        return o.isoformat()
    if isinstance(o, datetime.time):
        r = o.isoformat()
        return r[:12] if o.microsecond else r
    if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
        return str(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def json_script(value, element_id=None, encoder=None):
    """Return value as JSON in a <script type="application/json"> element."""
    import json

    kwargs = {"cls": encoder} if encoder else {"default": _json_default}
    text = json.dumps(value, **kwargs).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"})
    if element_id:
        return format_html('<script id="{}" type="application/json">{}</script>',
                           element_id, mark_safe(text))
    return format_html('<script type="application/json">{}</script>', mark_safe(text))


def normalize_newlines(text):
    """Turn \\r\\n and \\r into \\n."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


def linebreaks(value, autoescape=False):
    """Wrap paragraphs in <p> and turn single newlines into <br>."""
    value = normalize_newlines(value)
    paras = _tpl_re("paras", r"\n{2,}").split(str(value))
    if autoescape:
        return "\n\n".join("<p>%s</p>" % escape(p).replace("\n", "<br>") for p in paras)
    return "\n\n".join("<p>%s</p>" % p.replace("\n", "<br>") for p in paras)


def _html_parser_class():
    from html.parser import HTMLParser

    return HTMLParser


def strip_tags(value):
    """Return `value` with HTML tags removed (an HTML parser; linear time)."""
    value = str(value)
    for _ in range(50):
        if "<" not in value or ">" not in value:
            break
        new_value = _strip_once(value)
        if value.count("<") == new_value.count("<"):
            break
        value = new_value
    else:
        raise SuspiciousOperation("strip_tags: too deeply nested tags")
    return value


def _strip_once(value):
    class Stripper(_html_parser_class()):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.fed = []

        def handle_data(self, d):
            self.fed.append(d)

        def handle_entityref(self, name):
            self.fed.append(f"&{name};")

        def handle_charref(self, name):
            self.fed.append(f"&#{name};")

    s = Stripper()
    s.feed(value)
    s.close()
    return "".join(s.fed)


_VOID_ELEMENTS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "frame", "spacer"))


def _add_truncation_text(text, truncate=None):
    if truncate is None:
        truncate = "%(truncated_text)s…"
    if "%(truncated_text)s" in truncate:
        return truncate % {"truncated_text": text}
    if text.endswith(truncate):
        return text
    return f"{text}{truncate}"


def _truncate_chars_length(length, replacement):
    import unicodedata

    truncate_len = length
    for char in _add_truncation_text("", replacement):
        if not unicodedata.combining(char):
            truncate_len -= 1
            if truncate_len == 0:
                break
    return truncate_len


def _truncate_html(text, length, replacement, words):
    """Truncate HTML to `length` characters or words, closing open tags."""
    import collections

    class Done(Exception):
        pass

    class Truncate(_html_parser_class()):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags = collections.deque()
            self.out = []
            self.remaining = length if words else _truncate_chars_length(
                length, replacement)
            self.processed = 0

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            if tag not in _VOID_ELEMENTS:
                self.handle_endtag(tag)

        def handle_starttag(self, tag, attrs):
            self.out.append(self.get_starttag_text())
            if tag not in _VOID_ELEMENTS:
                self.tags.appendleft(tag)

        def handle_endtag(self, tag):
            if tag not in _VOID_ELEMENTS:
                self.out.append(f"</{tag}>")
                if self.tags and self.tags[0] == tag:
                    self.tags.popleft()

        def handle_data(self, data):
            if words:
                pieces = _tpl_re("html_words", r"(?<=\S)\s+(?=\S)").split(data)
                output = escape(" ".join(pieces[:self.remaining]))
            else:
                self.processed += len(data)
                if self.processed == length and sum(map(len, self.out)) + len(
                        data) == len(self.rawdata):
                    self.out.append(data)
                    raise Done
                pieces = data
                output = escape(data[:self.remaining])
            if self.remaining < len(pieces):
                self.remaining = 0
                self.out.append(_add_truncation_text(output, replacement))
                raise Done
            self.remaining -= len(pieces)
            self.out.append(output)

    parser = Truncate()
    try:
        parser.feed(text)
    except Done:
        parser.out.extend(f"</{tag}>" for tag in parser.tags)
    parser.reset()
    return "".join(parser.out)


class Truncator:
    """Shorten text to a number of characters or words (optionally HTML)."""

    def __init__(self, text):
        self.text = str(text)

    def chars(self, num, truncate=None, html=False):
        import unicodedata

        length = int(num)
        if length <= 0:
            return ""
        text = unicodedata.normalize("NFC", self.text)
        if html:
            return _truncate_html(text, length, truncate, words=False)
        truncate_len = _truncate_chars_length(length, truncate)
        s_len, end_index = 0, None
        for i, char in enumerate(text):
            if unicodedata.combining(char):
                continue
            s_len += 1
            if end_index is None and s_len > truncate_len:
                end_index = i
            if s_len > length:
                return _add_truncation_text(text[:end_index or 0], truncate)
        return text

    def words(self, num, truncate=None, html=False):
        length = int(num)
        if length <= 0:
            return ""
        if html:
            return _truncate_html(self.text, length, truncate, words=True)
        words = self.text.split()
        if len(words) > length:
            return _add_truncation_text(" ".join(words[:length]), truncate)
        return " ".join(words)


def html_safe(klass):
    """Decorate a class so its str() is safe HTML and it has __html__()."""
    if "__html__" in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it "
                         "defines __html__().")
    if "__str__" not in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it "
                         "doesn't define __str__().")
    klass_str = klass.__str__
    klass.__str__ = lambda self: mark_safe(klass_str(self))
    klass.__html__ = lambda self: str(self)
    return klass


def get_valid_filename(name):
    """Return `name` as a safe file name: spaces become _, and only letters,
    digits, -, _ and . are kept."""
    s = str(name).strip().replace(" ", "_")
    s = _tpl_re("filename", r"[^-\w.]").sub("", s)
    if s in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return s


def slugify(value, allow_unicode=False):
    """Return an ASCII (or unicode) slug: lowercase, hyphens, no punctuation."""
    import unicodedata

    value = str(value)
    if allow_unicode:
        value = unicodedata.normalize("NFKC", value)
    else:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode(
            "ascii")
    value = _tpl_re("slug1", r"[^\w\s-]").sub("", value.lower())
    return _tpl_re("slug2", r"[-\s]+").sub("-", value).strip("-_")


def capfirst(x):
    """Return `x` with its first character upper-cased."""
    if not x:
        return x
    x = str(x)
    return x[0].upper() + x[1:]


def phone2numeric(phone):
    """Turn letters in a phone number into digits (1-800-COLLECT)."""
    table = {}
    for digit, letters in (("2", "abc"), ("3", "def"), ("4", "ghi"), ("5", "jkl"),
                           ("6", "mno"), ("7", "pqrs"), ("8", "tuv"), ("9", "wxyz")):
        for letter in letters:
            table[ord(letter)] = digit
    return str(phone).lower().translate(table)


def wrap(text, width):
    """Wrap text at `width` columns, keeping existing line breaks."""
    import textwrap

    wrapper = textwrap.TextWrapper(width=width, break_long_words=False,
                                   break_on_hyphens=False, replace_whitespace=False)
    result = []
    for line in text.splitlines():
        wrapped = wrapper.wrap(line)
        result.extend(wrapped if wrapped else [line])
    if text.endswith("\n"):
        result.append("")
    return "\n".join(result)


def smart_urlquote(url):
    """Quote a URL if it is not already quoted."""
    from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, \
        urlunsplit

    def unquote_quote(segment):
        return quote(unquote(segment), safe="!$&'()*+,;=" + ":/?#[]@" + "~")

    try:
        scheme, netloc, path, query, fragment = urlsplit(url)
    except ValueError:
        return unquote_quote(url)
    try:
        netloc = netloc.encode("idna").decode("ascii")
    except UnicodeError:
        return unquote_quote(url)
    if query:
        query = urlencode([(unquote(k), unquote(v)) for k, v in
                           parse_qsl(query, keep_blank_values=True)])
    return urlunsplit((scheme, netloc, unquote_quote(path), query,
                       unquote_quote(fragment)))


def urlize(text, trim_url_limit=None, nofollow=False, autoescape=False):
    """Turn URLs and email addresses in text into links (linear time)."""
    import html as html_module
    from urllib.parse import quote

    safe_input = isinstance(text, SafeData)
    simple_url = _tpl_re("url1", r"^https?://\[?\w", 2)
    simple_url_2 = _tpl_re("url2", r"^www\.|^(?!http)\w[^@]+\.(com|edu|gov|int|mil|net|"
                       r"org)($|/.*)$", 2)
    email = _tpl_re("email", r"^[-!#$%&'*+/=?^_`{}|~\w]+(\.[-!#$%&'*+/=?^_`{}|~\w]+)*@"
                r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                r"(?:[a-z]{2,63}|xn--[a-z0-9]{1,59})$", 2)

    def trim(x):
        if trim_url_limit is None or len(x) <= trim_url_limit:
            return x
        return "%s…" % x[:max(0, trim_url_limit - 1)]

    def trim_punctuation(word):
        # Django's rules, including its quirk: stripping a closing bracket
        # replaces (not extends) the trail found so far.
        middle = word.lstrip("([")
        lead, trail = word[:len(word) - len(middle)], ""
        counts = {c: middle.count(c) for c in "()[]"}
        trimmed = True
        while trimmed and middle:
            trimmed = False
            for opening, closing in (("(", ")"), ("[", "]")):
                if counts[opening] < counts[closing]:
                    if middle.rstrip(closing) != middle:
                        strip = counts[closing] - counts[opening]
                        trail = middle[-strip:]
                        middle = middle[:-strip]
                        trimmed = True
                        counts[closing] -= strip
            chars = ".,:;!" if "&" not in middle else ".,:!"
            stripped = middle.rstrip(chars)
            if stripped != middle:
                trail = middle[len(stripped):] + trail
                middle = stripped
                trimmed = True
        return lead, middle, trail

    def handle(word):
        if "." in word or "@" in word or ":" in word:
            lead, middle, trail = trim_punctuation(word)
            url = None
            rel = ' rel="nofollow"' if nofollow else ""
            if len(middle) <= 2048 and simple_url.match(middle):
                url = smart_urlquote(html_module.unescape(middle))
            elif len(middle) <= 2048 and simple_url_2.match(middle):
                url = smart_urlquote("http://%s" % html_module.unescape(middle))
            elif ":" not in middle and len(middle) <= 320 and email.match(middle):
                local, domain = middle.rsplit("@", 1)
                url = f"mailto:{quote(local, safe='')}@{quote(domain, safe='')}"
                rel = ""
            if url:
                trimmed = trim(middle)
                if autoescape and not safe_input:
                    lead, trail, trimmed = escape(lead), escape(trail), escape(trimmed)
                return f'{lead}<a href="{escape(url)}"{rel}>{trimmed}</a>{trail}'
        if safe_input:
            return word
        if autoescape:
            return escape(word)
        return word

    words = _tpl_re("word_split", r"""([\s<>"']+)""").split(str(text))
    cache = {}
    out = []
    for word in words:
        if word not in cache:
            cache[word] = handle(word)
        out.append(cache[word])
    return "".join(out)


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
    import decimal

    force_grouping = False
    if isinstance(arg, str):
        if arg[-2:] in ("gu", "ug"):
            force_grouping, arg = True, arg[:-2] or -1
        elif arg[-1:] == "g":
            force_grouping, arg = True, arg[:-1] or -1
        elif arg[-1:] == "u":
            arg = arg[:-1] or -1
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
    try:
        m = int(d) - d
    except (ValueError, OverflowError, decimal.InvalidOperation):
        return input_val
    if not m and p <= 0:
        return mark_safe(
            _number_format("%d" % int(d), 0, force_grouping=force_grouping))
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
    return mark_safe(_number_format(number, abs(p), force_grouping=force_grouping))


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
    t = _tpl_re("title1", r"([a-z])'([A-Z])").sub(lambda m: m[0].lower(), value.title())
    return _tpl_re("title2", r"\d([A-Z])").sub(lambda m: m[0].lower(), t)


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
    from urllib.parse import quote

    return quote(value, **({} if safe is None else {"safe": safe}))


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
        if autoescape:
            data = conditional_escape(arg).join([conditional_escape(v) for v in value])
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
    return _localize(value)


def number_format(value, decimal_pos=None, use_l10n=None, force_grouping=False):
    """Format a number with the en separators (grouping only when asked)."""
    return _number_format(value, decimal_pos, force_grouping)


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


_fast_lower._filter_name = "lower"
_fast_upper._filter_name = "upper"
_f_lower._fast = _fast_lower
_f_upper._fast = _fast_upper


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

            keeper = connections._keepers.get(test_name)
            if keeper is None:
                keeper = connections._keepers[test_name] = [sqlite3.connect(
                    test_name, uri=True, check_same_thread=False), 0]
            keeper[1] += 1  # nested create/destroy pairs share one database
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
        keeper = connections._keepers.get(test_name)
        if keeper is not None:
            keeper[1] -= 1
            if keeper[1] <= 0:
                del connections._keepers[test_name]
                keeper[0].close()
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
        conn = self.connection or self.ensure_connection()
        if self.force_debug_cursor or settings.DEBUG:
            import time

            start = time.monotonic()
            try:
                cursor = (cursor or conn.cursor()).execute(sql, params)
            except Exception as exc:
                self._log(sql, params, start)
                _raise_db_error(exc)
            self._log(sql, params, start)
            return cursor
        try:
            if cursor is None:
                return conn.execute(sql, params)
            return cursor.execute(sql, params)
        except Exception as exc:
            _raise_db_error(exc)

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
        if settings.DATABASE_ROUTERS:
            raise ImproperlyConfigured(
                "djscratch does not implement DATABASE_ROUTERS; use "
                "QuerySet.using() / Manager.db_manager() to pick a database.")
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
        if compiler.outer is None and compiler.validating:
            return "NULL", []  # filter() checking names before any outer query
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
    hidden_select = ()  # columns selected only for a compound query's ORDER BY

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
    validating = False  # compiling only to check names (filter() time)

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
        if isinstance(out, JSONField) and rest:
            return self._json_lookup(lhs_sql, lhs_params, rest, value, negated)
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

    def _json_lookup(self, lhs, lhs_params, rest, value, negated):
        """JSONField key lookups: data__a__b=1, data__a__isnull, data__has_key."""
        import json

        key_lookups = ("has_key", "has_keys", "has_any_keys")
        lookup = rest[-1] if rest[-1] in _LOOKUP_NAMES or rest[-1] in key_lookups \
            else "exact"
        keys = rest[:-1] if lookup == rest[-1] else rest

        def path(parts):
            return "$" + "".join("[%s]" % k if k.isdigit() else '."%s"' % k.replace(
                '"', '\\"') for k in parts)

        if lookup in key_lookups:
            wanted = [value] if lookup == "has_key" else list(value)
            checks = ["JSON_TYPE(%s, ?) IS NOT NULL" % lhs for _ in wanted]
            params = []
            for key in wanted:
                params += lhs_params + [path(keys + [str(key)])]
            joiner = " OR " if lookup == "has_any_keys" else " AND "
            return "(%s)" % joiner.join(checks), params
        if not keys:
            raise FieldError("Unsupported lookup '%s' for JSONField or join on the "
                             "field not permitted." % lookup)
        where = path(keys)
        if lookup == "isnull":
            sql = "JSON_TYPE(%s, ?) IS %sNULL" % (lhs, "" if value else "NOT ")
            return sql, lhs_params + [where]
        if value is None and lookup == "exact":
            return "JSON_TYPE(%s, ?) = 'null'" % lhs, lhs_params + [where]
        extracted = "JSON_EXTRACT(%s, ?)" % lhs
        if isinstance(value, (dict, list)):
            value = json.dumps(value, separators=(",", ":"))
        sql, params = self._lookup_sql(lookup, extracted, value, None, None)
        return sql, lhs_params + [where] + params

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
        for i, name in enumerate(query.hidden_select):
            sql, _field = self.resolve_ref(name, None)
            columns += ", %s AS %s" % (sql, quote_name("__orderbycol%d" % (i + 1)))
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
        """UNION / INTERSECT / EXCEPT of the combined queries, then ORDER BY.

        As in Django, ordering by a field the rows do not select adds that
        column to each combined query; the rows lose it again when fetched.
        """
        query = self.query
        subs = []
        for q in query.combined_queries:
            if q.order_by is None:
                q = q.clone()
                q.order_by = ()
            subs.append(q)
        first = SQLCompiler(subs[0])
        first.as_sql()
        names = self._combined_names(first)
        hidden, order = [], []
        for item in query.order_by or ():
            if not isinstance(item, str):
                raise DatabaseError("ORDER BY term does not match any column in the "
                                    "result set.")
            desc = item.startswith("-")
            name = item.lstrip("-")
            column = self.model._meta.pk.attname if name == "pk" else name
            if column not in names:
                f = self.model._meta._forward_fields_map.get(column)
                column = f.attname if f is not None else column
            if column in names:
                position = names.index(column) + 1
            else:
                self.setup_path(name.split("__"), None, allow_annotation=False)
                hidden.append(name)
                position = len(names) + len(hidden)
            if not query.standard_ordering:
                desc = not desc
            order.append("%d %s" % (position, "DESC" if desc else "ASC"))
        parts, params = [], []
        for q in subs:
            if hidden:
                q = q.clone()
                q.hidden_select = tuple(hidden)
            compiler = SQLCompiler(q)
            sql, p = compiler.as_sql()
            parts.append("SELECT * FROM (%s)" % sql)
            params.extend(p)
        self.select, self.layout = first.select, first.layout
        self.hidden_count = len(hidden)
        op = {"union": "UNION", "intersection": "INTERSECT",
              "difference": "EXCEPT"}[query.combinator]
        if query.combinator_all:
            op += " ALL"
        sql = (" %s " % op).join(parts)
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
        hidden = getattr(compiler, "hidden_count", 0)
        if hidden:
            rows = [row[:-hidden] for row in rows]
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
            if not clone._query.annotations and (args or not _simple_lookups(
                    self.model._meta, kwargs)):
                # Validate names now so that errors point at the filter() call.
                checker = SQLCompiler(clone._query)
                checker.validating = True
                checker.compile_q(q, group)
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
        if query.combinator:
            # values() after union(): each combined query selects the names.
            combined = []
            for sub in query.combined_queries:
                sub = sub.clone()
                sub.values_fields = list(names)
                sub.annotation_mask = tuple(n for n in names if n in sub.annotations)
                combined.append(sub)
            query.combined_queries = tuple(combined)
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
    db = connections[using or DEFAULT_DB_ALIAS]
    conn = db.connection
    if conn is None or db.needs_rollback or db.force_debug_cursor or settings.DEBUG:
        row = db._execute(plan[0], (value,)).fetchone()
    else:  # the common case, inlined: one C call
        try:
            row = conn.execute(plan[0], (value,)).fetchone()
        except Exception as exc:
            _raise_db_error(exc)
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


def _simple_lookups(opts, kwargs):
    """True if every key is `column` or `column__lookup` on a plain local field.

    Such filters need no validation pass at filter() time (a fast path); the
    rest are compiled once right away so that a bad name fails at the call.
    """
    fields = opts._forward_fields_map
    for key in kwargs:
        name, _, lookup = key.partition("__")
        field = fields.get(name)
        if field is None or field.is_relation or (
                lookup and lookup not in _LOOKUP_NAMES):
            return False
    return True


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
        if isinstance(field, ManyToManyField):
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
        rel = self._rel  # set on the class by _related_manager_class()
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
                self.error_messages["invalid"], code="invalid", params={
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


def _sync_schema_for_app(stream=None):
    """Sync the schema as a single-file app starts (`python blog.py`).

    Applies the safe changes and prints one line per change, and a warning
    per refused (destructive or ambiguous) change; never raises for those.
    """
    stream = stream or sys.stderr
    for notice in _migration_notices():
        print(notice, file=stream)
    result = sync_schema(verbosity=0)
    for line in result.applied:
        print("Schema: %s" % line, file=stream)
    for line in result.refused:
        print("Schema change refused (make it by hand): %s" % line, file=stream)
    return result


def _models_module():
    """Return `django.db.models` (djscratch's, or Django's with that engine)."""
    import importlib

    return importlib.import_module("django.db.models")


# `djscratch.models` is django.db.models, built on first use (see _LAZY_ATTRS).
_LAZY_ATTRS["models"] = _models_module


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
        if storage is not None:
            raise NotSupportedError("djscratch's FileField stores files under "
                                    "MEDIA_ROOT; the storage argument is not "
                                    "supported.")
        self.upload_to = upload_to
        self.storage = None
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

#    Django has a form field and a model field called CharField (and
#    IntegerField, EmailField, ...).  One file has one namespace, so the form
#    fields whose names a model field also uses carry a Form prefix here:
#    FormCharField is django.forms.CharField.  `from django import forms`
#    serves them under their Django names (see _FORM_FIELD_RENAMES).

_FORM_FIELD_RENAMES = {
    name: "Form" + name for name in (
        "Field", "CharField", "IntegerField", "FloatField", "DecimalField",
        "BooleanField", "DateField", "DateTimeField", "TimeField", "DurationField",
        "EmailField", "URLField", "SlugField", "UUIDField", "JSONField",
        "GenericIPAddressField", "FileField", "ImageField",
    )
}

__all__ += [*_FORM_FIELD_RENAMES.values()] + [
    "NullBooleanField", "ChoiceField", "TypedChoiceField", "MultipleChoiceField",
    "TypedMultipleChoiceField", "RegexField", "ComboField", "MultiValueField",
    "SplitDateTimeField",
]


class FormField:
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


class FormCharField(FormField):
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


class FormIntegerField(FormField):
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


class FormFloatField(FormIntegerField):
    """A finite float."""

    default_error_messages = {"invalid": "Enter a number."}

    def to_python(self, value):
        value = FormField.to_python(self, value)
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


class FormDecimalField(FormIntegerField):
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


class BaseTemporalField(FormField):
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


class FormDateField(BaseTemporalField):
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


class FormTimeField(BaseTemporalField):
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


class FormDateTimeField(BaseTemporalField):
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


class FormDurationField(FormField):
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


class RegexField(FormCharField):
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


class FormEmailField(FormCharField):
    widget = EmailInput
    default_validators = [validate_email]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class FormFileField(FormField):
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


class FormImageField(FormFileField):
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


class FormURLField(FormCharField):
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


class FormBooleanField(FormField):
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


class NullBooleanField(FormBooleanField):
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


class ChoiceField(FormField):
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


class ComboField(FormField):
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


class MultiValueField(FormField):
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
            FormDateField(input_formats=input_date_formats,
                      error_messages={"invalid": errors["invalid_date"]},
                      localize=localize),
            FormTimeField(input_formats=input_time_formats,
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


class FormGenericIPAddressField(FormCharField):
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


class FormSlugField(FormCharField):
    default_validators = [validate_slug]

    def __init__(self, *, allow_unicode=False, **kwargs):
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validate_unicode_slug]
        super().__init__(**kwargs)


class FormUUIDField(FormCharField):
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


class FormJSONField(FormCharField):
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


# The renamed form fields still introduce themselves by their Django names
# (repr, type(field).__name__, error messages), as django.forms.CharField does.
for _django_name, _ours in _FORM_FIELD_RENAMES.items():
    globals()[_ours].__name__ = globals()[_ours].__qualname__ = _django_name
del _django_name, _ours


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
            if isinstance(value, FormField)
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

    TOTAL_FORMS = FormIntegerField(widget=HiddenInput)
    INITIAL_FORMS = FormIntegerField(widget=HiddenInput)
    MIN_NUM_FORMS = FormIntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = FormIntegerField(required=False, widget=HiddenInput)

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
                form.fields[ORDERING_FIELD_NAME] = FormIntegerField(
                    label="Order", initial=index + 1, required=False,
                    widget=self.get_ordering_widget())
            else:
                form.fields[ORDERING_FIELD_NAME] = FormIntegerField(
                    label="Order", required=False, widget=self.get_ordering_widget())
        if self.can_delete and (self.can_delete_extra or (
                index is not None and index < initial_form_count)):
            form.fields[DELETION_FIELD_NAME] = FormBooleanField(
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
        FormField.__init__(self, required=required, widget=widget, label=label,
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
        result = FormField.__deepcopy__(self, memo)
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
        return FormField.validate(self, value)

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


def _save_form_data(field, instance, data):
    """Store a cleaned form value on `instance` with Django's
    Field.save_form_data(), or its plain equivalent if the model field lacks it."""
    if hasattr(field, "save_form_data"):
        field.save_form_data(instance, data)
    elif getattr(field, "many_to_many", False):
        getattr(instance, field.attname if hasattr(field, "attname") else
                field.name).set(data)
    else:
        setattr(instance, field.name, data)


def _value_from_object(field, instance):
    if hasattr(field, "value_from_object"):
        return field.value_from_object(instance)
    if getattr(field, "many_to_many", False):
        return list(getattr(instance, field.name).all()) if instance.pk else []
    return getattr(instance, field.attname)


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
            _save_form_data(f, instance, cleaned_data[f.name])
    for f in file_fields:
        _save_form_data(f, instance, cleaned_data[f.name])
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
        data[f.name] = _value_from_object(f, instance)
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
            if not (hasattr(f, "save_form_data") or getattr(f, "many_to_many", False)):
                continue
            if fields and f.name not in fields:
                continue
            if exclude and f.name in exclude:
                continue
            if f.name in cleaned_data:
                _save_form_data(f, self.instance, cleaned_data[f.name])

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

    def clean(self):
        self.validate_unique()

    def validate_unique(self):
        """Refuse two forms carrying the same values for a unique field (or
        unique_together set); each offending form gets a non-field error."""
        forms_to_delete = self.deleted_forms
        valid_forms = [form for form in self.forms
                       if form.is_valid() and form not in forms_to_delete]
        all_unique_checks = set()
        for form in valid_forms:
            exclude = form._get_validation_exclusions()
            unique_checks, _date_checks = form.instance._get_unique_checks(
                exclude=exclude)
            all_unique_checks.update(unique_checks)
        errors = []
        for _model, unique_check in sorted(all_unique_checks, key=lambda c: c[1]):
            seen = set()
            for form in valid_forms:
                row = tuple(
                    value.pk if hasattr(value, "_meta") else _hashable(value)
                    for value in (form.cleaned_data[name] for name in unique_check
                                  if name in form.cleaned_data))
                if row and None not in row:
                    if row in seen:
                        errors.append(self.get_unique_error_message(unique_check))
                        form._errors[NON_FIELD_ERRORS] = self.error_class(
                            [self.get_form_error()], renderer=self.renderer)
                        for name in unique_check:
                            form.cleaned_data.pop(name, None)
                    seen.add(row)
        if errors:
            raise ValidationError(errors)

    def get_unique_error_message(self, unique_check):
        if len(unique_check) == 1:
            return "Please correct the duplicate data for %(field)s." % {
                "field": unique_check[0]}
        names = list(unique_check)
        return ("Please correct the duplicate data for %(field)s, which must be "
                "unique." % {"field": "%s and %s" % (", ".join(names[:-1]), names[-1])})

    def get_form_error(self):
        return "Please correct the duplicate values below."

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


def _hashable(value):
    """Return `value` made hashable (lists become tuples, dicts sorted items)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, set, frozenset)):
        return tuple(_hashable(v) for v in value)
    return value


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

# The request handler and its layers, outermost first:
#   WSGIHandler.__call__  the last guard: no traceback ever reaches a client
#   get_response          input checks, static files, the middleware chain
#   middleware            Django's protocol; each layer converts exceptions
#   _get_response         resolve the URL, view middleware, call the view
# Exceptions become responses in one table (response_for_exception).  The
# server (runserver) is waitress when installed, wsgiref otherwise.

__all__ += [
    "WSGIHandler", "get_wsgi_application", "serve", "page_not_found",
    "server_error", "bad_request", "permission_denied",
]


def _log_response(message, *args, response=None, request=None, logger=None,
                  level=None, exception=None):
    """Log a 4xx (warning) or 5xx (error) response once, on django.request."""
    import logging

    if getattr(response, "_has_been_logged", False):
        return
    if level is None:
        if response.status_code >= 500:
            level = "error"
        elif response.status_code >= 400:
            level = "warning"
        else:
            level = "info"
    # Escape control characters, so a request cannot forge log lines.
    args = tuple(a.encode("unicode_escape").decode("ascii") if isinstance(a, str)
                 else a for a in args)
    getattr(logger or logging.getLogger("django.request"), level)(
        message, *args, extra={"status_code": response.status_code, "request": request},
        exc_info=exception)
    response._has_been_logged = True


# -- Error pages.  Without DEBUG: the URLconf's handler404/500/400/403 or the
#    defaults below (a template named 404.html etc. if one exists, else plain
#    HTML).  With DEBUG: technical pages that list the URL patterns tried or
#    show the traceback.

_ERROR_PAGE = ('<!doctype html>\n<html lang="en">\n<head>\n  <title>%(title)s</title>\n'
               '</head>\n<body>\n  <h1>%(title)s</h1><p>%(details)s</p>\n</body>\n'
               '</html>\n')


def _error_template(template_name, context, request):
    """Render `template_name` if the template engines have it, else None."""
    get_template_ = globals().get("get_template")
    missing = globals().get("TemplateDoesNotExist")
    if get_template_ is None or missing is None or not settings.TEMPLATES:
        return None
    try:
        template = get_template_(template_name)
    except missing:
        return None
    return template.render(context, request)


def page_not_found(request, exception, template_name="404.html"):
    """The default 404 view (handler404)."""
    from urllib.parse import quote

    exception_repr = type(exception).__name__
    try:
        message = exception.args[0]
    except (AttributeError, IndexError):
        pass
    else:
        if isinstance(message, str):
            exception_repr = message
    context = {"request_path": quote(request.path), "exception": exception_repr}
    body = _error_template(template_name, context, request)
    if body is None:
        body = _ERROR_PAGE % {
            "title": "Not Found",
            "details": "The requested resource was not found on this server."}
    return HttpResponseNotFound(body)


def server_error(request, template_name="500.html"):
    """The default 500 view (handler500)."""
    body = _error_template(template_name, {}, request)
    if body is None:
        body = _ERROR_PAGE % {"title": "Server Error (500)", "details": ""}
    return HttpResponseServerError(body)


def bad_request(request, exception, template_name="400.html"):
    """The default 400 view (handler400)."""
    body = _error_template(template_name, {}, request)
    if body is None:
        body = _ERROR_PAGE % {"title": "Bad Request (400)", "details": ""}
    return HttpResponseBadRequest(body)


def permission_denied(request, exception, template_name="403.html"):
    """The default 403 view (handler403)."""
    body = _error_template(template_name, {"exception": str(exception)}, request)
    if body is None:
        body = _ERROR_PAGE % {"title": "403 Forbidden", "details": ""}
    return HttpResponseForbidden(body)


_DEFAULT_ERROR_VIEWS = {
    "400": bad_request, "403": permission_denied, "404": page_not_found,
    "500": server_error,
}

_TECHNICAL_STYLE = (
    "<style>body{font:14px sans-serif;margin:0}header,main,footer{padding:10px 20px}"
    "header{background:#ffc}h1{font-weight:normal;margin:0 0 8px}"
    "table{border-collapse:collapse}th{text-align:right;padding-right:10px;"
    "vertical-align:top}pre{background:#f6f6f6;padding:10px;overflow:auto}"
    "footer{background:#eee;color:#555}li{font-family:monospace}</style>")

_DEBUG_FOOTER = (
    "<footer><p>You're seeing this error because you have <code>DEBUG = True</code>"
    " in your settings. Change that to <code>False</code>, and djscratch will "
    "display a standard page.</p></footer>")


def technical_404_response(request, exception):
    """The DEBUG 404 page: the URLconf, the patterns tried, the path."""
    try:
        error_url = exception.args[0]["path"]
    except (IndexError, TypeError, KeyError):
        error_url = request.path_info[1:]
    try:
        tried = exception.args[0]["tried"]
    except (IndexError, TypeError, KeyError):
        resolved = True
        tried = request.resolver_match.tried if request.resolver_match else None
    else:
        resolved = False
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if isinstance(urlconf, type(sys)):
        urlconf = urlconf.__name__
    raised_by = ""
    if request.resolver_match is not None:
        func = request.resolver_match.func
        func = getattr(func, "view_class", func)
        raised_by = "%s.%s" % (getattr(func, "__module__", ""),
                               getattr(func, "__qualname__", repr(func)))
    try:
        reason = str(exception.args[0]) if not isinstance(
            exception.args[0], dict) else ""
    except IndexError:
        reason = ""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Page not found at %s</title>" % escape(request.path_info),
        _TECHNICAL_STYLE, "</head><body><header><h1>Page not found <small>(404)"
        "</small></h1><table>",
        "<tr><th>Request Method:</th><td>%s</td></tr>" % escape(request.method),
        "<tr><th>Request URL:</th><td>%s</td></tr>" % escape(
            request.build_absolute_uri() if _host_ok(request) else request.path),
    ]
    if raised_by:
        parts.append("<tr><th>Raised by:</th><td>%s</td></tr>" % escape(raised_by))
    parts.append("</table></header><main>")
    if tried and not resolved:
        parts.append("<p>Using the URLconf defined in <code>%s</code>, djscratch tried "
                     "these URL patterns, in this order:</p><ol>" % escape(urlconf))
        for pattern_list in tried:
            parts.append("<li>%s</li>" % " ".join(
                escape(getattr(p, "pattern", p).describe()
                       if hasattr(getattr(p, "pattern", p), "describe") else str(p))
                for p in pattern_list))
        parts.append("</ol>")
        parts.append("<p>%s</p>" % (
            "The current path, <code>%s</code>, didn't match any of these."
            % escape(error_url) if error_url else "The empty path didn't match any "
            "of these."))
    elif not tried and not resolved:
        parts.append("<p>The URLconf <code>%s</code> has no URL patterns yet.</p>"
                     % escape(urlconf))
    if reason:
        parts.append("<p>%s</p>" % escape(reason))
    parts.append("</main>%s</body></html>" % _DEBUG_FOOTER)
    return HttpResponseNotFound("".join(parts))


def _host_ok(request):
    try:
        request.get_host()
    except Exception:
        return False
    return True


def technical_500_response(request, exc_type, exc_value, tb, status_code=500):
    """The DEBUG error page: the exception, the request and the traceback."""
    import platform
    import traceback

    trace = "".join(traceback.format_exception(exc_type, exc_value, tb))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>%s at %s</title>" % (
            escape(exc_type.__name__), escape(request.path_info)),
        _TECHNICAL_STYLE, "</head><body><header>",
        "<h1>%s at %s</h1>" % (escape(exc_type.__name__), escape(request.path_info)),
        "<pre class='exception_value'>%s</pre><table>" % escape(exc_value),
        "<tr><th>Request Method:</th><td>%s</td></tr>" % escape(request.method),
        "<tr><th>Request URL:</th><td>%s</td></tr>" % escape(
            request.build_absolute_uri() if _host_ok(request) else request.path),
        "<tr><th>djscratch Version:</th><td>%s</td></tr>" % escape(__version__),
        "<tr><th>Exception Type:</th><td>%s</td></tr>" % escape(exc_type.__name__),
        "<tr><th>Exception Value:</th><td><pre>%s</pre></td></tr>" % escape(exc_value),
        "<tr><th>Python Version:</th><td>%s</td></tr>" % escape(
            platform.python_version()),
        "</table></header><main><h2>Traceback</h2><pre>%s</pre>" % escape(trace),
        "</main>%s</body></html>" % _DEBUG_FOOTER,
    ]
    return HttpResponse("".join(parts), status=status_code)


# -- Exceptions to responses: the one table.

#: exception class -> (status, log message); the first match wins.  A
#: SuspiciousOperation is also logged on django.security.<ClassName>.
_EXCEPTION_TABLE = (
    (Http404, 404, None),
    (PermissionDenied, 403, "Forbidden (Permission denied): %s"),
    (MultiPartParserError, 400, "Bad request (Unable to parse request body): %s"),
    (BadRequest, 400, None),
    (SuspiciousOperation, 400, None),
)


def response_for_exception(request, exc):
    """Turn an exception raised while handling `request` into a response."""
    import logging

    for exc_class, status, log_message in _EXCEPTION_TABLE:
        if isinstance(exc, exc_class):
            break
    else:
        status = 500
    resolver = get_resolver(get_urlconf())
    if status == 404:
        if settings.DEBUG:
            response = technical_404_response(request, exc)
        else:
            response = _exception_response(request, resolver, 404, exc)
    elif status == 500:
        got_request_exception.send(sender=None, request=request)
        response = _handle_uncaught_exception(request, resolver, sys.exc_info())
        _log_response("%s: %s", response.reason_phrase, request.path,
                      response=response, request=request, exception=exc)
    else:
        if isinstance(exc, SuspiciousOperation):
            if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent,
                                TooManyFilesSent)):
                request._mark_post_parse_error()  # never parse this body again
            logging.getLogger("django.security.%s" % type(exc).__name__).error(
                str(exc), exc_info=exc, extra={"status_code": 400, "request": request})
        if status == 400 and settings.DEBUG:
            response = technical_500_response(
                request, type(exc), exc, exc.__traceback__, status_code=400)
        else:
            response = _exception_response(request, resolver, status, exc)
        if log_message:
            _log_response(log_message, request.path, response=response, request=request,
                          exception=exc)
        elif isinstance(exc, BadRequest) and not isinstance(exc, SuspiciousOperation):
            _log_response("%s: %s", str(exc), request.path, response=response,
                          request=request, exception=exc)
    # An error view may return a TemplateResponse: render it now.
    if not getattr(response, "is_rendered", True) and callable(
            getattr(response, "render", None)):
        response = response.render()
    return response


def _exception_response(request, resolver, status_code, exception):
    try:
        callback = resolver.resolve_error_handler(str(status_code))
        response = callback(request, exception=exception)
    except Exception:
        got_request_exception.send(sender=None, request=request)
        response = _handle_uncaught_exception(request, resolver, sys.exc_info())
    return response


def _handle_uncaught_exception(request, resolver, exc_info):
    """Return the 500 response: technical with DEBUG, else handler500."""
    if settings.DEBUG_PROPAGATE_EXCEPTIONS:
        raise
    if settings.DEBUG:
        return technical_500_response(request, *exc_info)
    callback = resolver.resolve_error_handler("500")
    return callback(request)


def convert_exception_to_response(get_response):
    """Wrap a middleware layer so its exceptions become responses."""
    import functools

    @functools.wraps(get_response)
    def inner(request):
        try:
            return get_response(request)
        except Exception as exc:
            return response_for_exception(request, exc)

    return inner


# -- The handler.


class BaseHandler:
    """Load the middleware chain and turn a request into a response."""

    _middleware_chain = None

    def load_middleware(self):
        """Build the chain from settings.MIDDLEWARE, innermost first."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        source = settings.MIDDLEWARE
        handler = convert_exception_to_response(self._get_response)
        for middleware_path in reversed(source):
            try:
                middleware = import_string(middleware_path)
            except ImportError as err:
                cause = err.__cause__ or err.__context__
                raise ImproperlyConfigured(
                    "MIDDLEWARE lists %r, which cannot be imported: %s" % (
                        middleware_path, cause or err)) from err
            try:
                instance = middleware(handler)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG:
                    import logging

                    logging.getLogger("django.request").debug(
                        "MiddlewareNotUsed(%r): %s", middleware_path, exc)
                continue
            if instance is None:
                raise ImproperlyConfigured(
                    "Middleware factory %s returned None." % middleware_path)
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(
                    instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        self._middleware_source = source
        self._middleware_chain = handler

    def get_response(self, request):
        """Return the response for `request` (middleware, view, error pages)."""
        set_urlconf(settings.ROOT_URLCONF)
        if self._middleware_source is not settings.MIDDLEWARE:
            with _handler_lock:  # settings changed (override_settings)
                if self._middleware_source is not settings.MIDDLEWARE:
                    self.load_middleware()
        try:
            _check_input(request)
            response = _static_response(request)
        except Exception as exc:
            response = response_for_exception(request, exc)
        if response is None:
            response = self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            _log_response("%s: %s", response.reason_phrase, request.path,
                          response=response, request=request)
        return response

    def _get_response(self, request):
        """Resolve the view, run view middleware, call the view, render."""
        response = None
        callback, callback_args, callback_kwargs = self.resolve_request(request)
        for middleware_method in self._view_middleware:
            response = middleware_method(request, callback, callback_args,
                                         callback_kwargs)
            if response:
                break
        if response is None:
            wrapped_callback = self.make_view_atomic(callback)
            try:
                response = wrapped_callback(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        self.check_response(response, callback)
        if hasattr(response, "render") and callable(response.render):
            for middleware_method in self._template_response_middleware:
                response = middleware_method(request, response)
                self.check_response(
                    response, middleware_method,
                    name="%s.process_template_response" % (
                        middleware_method.__self__.__class__.__name__,))
            try:
                response = response.render()
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        return response

    def resolve_request(self, request):
        """Resolve request.path_info and set request.resolver_match."""
        if hasattr(request, "urlconf"):
            urlconf = request.urlconf
            set_urlconf(urlconf)
            resolver = get_resolver(urlconf)
        else:
            resolver = get_resolver()
        resolver_match = resolver.resolve(request.path_info)
        request.resolver_match = resolver_match
        return resolver_match

    def make_view_atomic(self, view):
        """Wrap the view in transaction.atomic() for ATOMIC_REQUESTS databases."""
        non_atomic = getattr(view, "_non_atomic_requests", set())
        for alias, conf in settings.DATABASES.items():
            if conf.get("ATOMIC_REQUESTS") and alias not in non_atomic:
                atomic_ = globals().get("atomic")
                if atomic_ is None:
                    raise ImproperlyConfigured(
                        "ATOMIC_REQUESTS needs the ORM's transaction.atomic().")
                view = atomic_(using=alias)(view)
        return view

    def check_response(self, response, callback, name=None):
        """Raise ValueError if a view returned None instead of a response."""
        if response is None:
            if not name:
                callback = getattr(callback, "view_class", callback)
                if hasattr(callback, "__qualname__"):
                    name = "The view %s.%s" % (
                        callback.__module__, callback.__qualname__)
                else:
                    name = "The view %s.%s.__call__" % (
                        callback.__module__, callback.__class__.__name__)
            raise ValueError(
                "%s didn't return an HttpResponse object. It returned None instead."
                % name)

    def process_exception_by_middleware(self, exception, request):
        """Let process_exception() middleware turn the exception into a response."""
        for middleware_method in self._exception_middleware:
            response = middleware_method(request, exception)
            if response:
                return response
        return None


_handler_lock = threading.Lock()


def _check_input(request):
    """Refuse bad input before any middleware or view sees it: raise the
    BadRequest found while reading the environ, DisallowedHost for a Host not
    in ALLOWED_HOSTS (Django leaves this to CommonMiddleware; we always
    check), and validate a query string with escapes or non-ASCII bytes, so
    that each is a 400 even for views that never read request.GET."""
    error = request._input_error
    if error is not None:
        raise error
    environ = getattr(request, "environ", None)
    if environ is not None:
        request.get_host()
        query = environ.get("QUERY_STRING")
        if query and ("%" in query or not query.isascii()
                      or query.count("&") >= 1000):
            request.GET  # noqa: B018 - parse (and validate) now


class WSGIHandler(BaseHandler):
    """The WSGI application: `application = get_wsgi_application()`."""

    request_class = WSGIRequest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _quiet_django_logger()
        self.load_middleware()

    def __call__(self, environ, start_response):
        try:
            set_script_prefix(get_script_name(environ))
            request_started.send(sender=self.__class__, environ=environ)
            request = self.request_class(environ)
            response = self.get_response(request)
            response._handler_class = self.__class__
            status = "%d %s" % (response.status_code, response.reason_phrase)
            if (not response.streaming and "Content-Length" not in response.headers
                    and response.status_code not in (204, 304)
                    and response.status_code >= 200):
                response.headers["Content-Length"] = str(len(response.content))
            headers = response.headers.items()
            if "cookies" in response.__dict__:
                headers.extend(("Set-Cookie", morsel.OutputString())
                               for morsel in response.cookies.values())
        except Exception:
            # The last guard: a bug in an error handler, a broken environ...
            if settings.configured and settings.DEBUG_PROPAGATE_EXCEPTIONS:
                raise
            import logging

            logging.getLogger("django.request").exception(
                "Internal Server Error: %s", environ.get("PATH_INFO", ""))
            start_response("500 Internal Server Error",
                           [("Content-Type", "text/plain; charset=utf-8")],
                           sys.exc_info())
            request_finished.send(sender=self.__class__)
            return [b"Internal Server Error"]
        start_response(status, headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            response.close()  # the headers of GET, without the body
            return []
        if (getattr(response, "file_to_stream", None) is not None
                and environ.get("wsgi.file_wrapper")):
            # The server may send the file itself (sendfile); make sure that
            # closing its wrapper still closes the response.
            response.file_to_stream.close = response.close
            response = environ["wsgi.file_wrapper"](
                response.file_to_stream, response.block_size)
        return response


def _quiet_django_logger():
    """Give the "django" logger a NullHandler unless logging is configured, as
    libraries should: runserver and LOGGING decide where records go."""
    import logging

    logger = logging.getLogger("django")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def get_wsgi_application():
    """Set up djscratch (apps, logging) and return the WSGI application."""
    setup(set_prefix=False)
    return WSGIHandler()


# -- Static files.  Served by the handler itself (before the middleware) when
#    enabled: DJSCRATCH_SERVE_STATIC if set; else when staticfiles is
#    installed and DEBUG is on or the URLconf is a single-file App (so that
#    `python blog.py` serves its static/ folder in production too).

_static_config = [None, None]  # [settings object, (prefix or None)]


def _static_serving_prefix():
    """Return the URL path prefix to serve static files under, or None."""
    wrapped = settings._wrapped
    if _static_config[0] is wrapped and wrapped is not None:
        return _static_config[1]
    prefix = None
    enabled = getattr(settings, "DJSCRATCH_SERVE_STATIC", None)
    if enabled is None:
        urlconf = sys.modules.get(settings.ROOT_URLCONF or "")
        enabled = "django.contrib.staticfiles" in settings.INSTALLED_APPS and (
            settings.DEBUG or getattr(urlconf, "_djscratch_app", False))
    if enabled and settings.STATIC_URL:
        from urllib.parse import urlsplit

        parts = urlsplit(str(settings.STATIC_URL))
        if not parts.netloc:
            path_ = parts.path
            prefix = ("/" + path_.lstrip("/")) if path_ else None
            if prefix and not prefix.endswith("/"):
                prefix += "/"
    _static_config[:] = [wrapped, prefix]
    return prefix


def _static_response(request):
    """Return the response for a static file request, or None if not one."""
    if request.method not in ("GET", "HEAD"):
        return None
    prefix = _static_serving_prefix()
    if prefix is None or not request.path_info.startswith(prefix):
        return None
    return _staticfiles_serve(request, request.path_info[len(prefix):])


def _safe_file_path(root, relative):
    """Return the real path of `relative` inside `root`, or None if it would
    leave `root` (.., absolute paths, NUL, backslashes, symlinks out)."""
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    if relative.startswith("/") or os.path.isabs(relative):
        return None
    parts = relative.split("/")
    if ".." in parts:
        return None
    real_root = os.path.realpath(root)
    try:
        real = os.path.realpath(os.path.join(real_root, *[p for p in parts if p]))
    except (ValueError, OSError):
        return None
    if not real.startswith(real_root + os.sep):
        return None
    return real


def _static_locations():
    """Yield (URL prefix, folder) pairs: STATICFILES_DIRS, then apps' static/."""
    for entry in settings.STATICFILES_DIRS:
        if isinstance(entry, (list, tuple)):
            prefix, root = entry
            yield prefix.strip("/") + "/", os.fspath(root)
        else:
            yield "", os.fspath(entry)
    for config in apps.get_app_configs():
        if config.path and config.module is not None:
            yield "", os.path.join(config.path, "static")


def find(path, find_all=False, **kwargs):
    """Return the absolute path of static file `path` (the first found), or
    with find_all=True the list of every match; None / [] if none."""
    find_all = kwargs.pop("all", find_all)
    matches = []
    for prefix, root in _static_locations():
        if prefix:
            if not path.startswith(prefix):
                continue
            relative = path[len(prefix):]
        else:
            relative = path
        full = _safe_file_path(root, relative)
        if full is not None and os.path.isfile(full):
            if not find_all:
                return full
            if full not in matches:
                matches.append(full)
    return matches if find_all else None


def was_modified_since(header=None, mtime=0):
    """Return False if If-Modified-Since `header` is at or after `mtime`."""
    if header is None:
        return True
    since = parse_http_date_safe(header)
    if since is None:
        return True
    return int(mtime) > since


def _file_response(request, fullpath):
    """Serve one file with Last-Modified, ETag and conditional 304s."""
    import stat

    try:
        st = os.stat(fullpath)
    except (OSError, ValueError):
        raise Http404("“%s” does not exist" % fullpath) from None
    if stat.S_ISDIR(st.st_mode):
        raise Http404("Directory indexes are not allowed here.")
    etag = '"%x-%x"' % (st.st_mtime_ns, st.st_size)
    last_modified = http_date(st.st_mtime)
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        etags = parse_etags(if_none_match)
        not_modified = "*" in etags or etag in etags or ("W/" + etag) in etags
    else:
        not_modified = not was_modified_since(
            request.META.get("HTTP_IF_MODIFIED_SINCE"), st.st_mtime)
    if not_modified:
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open(fullpath, "rb"),
                                content_type=_guess_content_type(fullpath))
    response["Last-Modified"] = last_modified
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _staticfiles_serve(request, path, insecure=False, **kwargs):
    """Serve a static file found by find() (django.contrib.staticfiles' view)."""
    import posixpath

    if "\x00" in path:
        raise Http404("'%s' could not be found" % path.replace("\x00", "\\x00"))
    normalized = posixpath.normpath(path).lstrip("/")
    absolute_path = find(normalized) if ".." not in path.split("/") else None
    if not absolute_path:
        if path.endswith("/") or path == "":
            raise Http404("Directory indexes are not allowed here.")
        raise Http404("'%s' could not be found" % path)
    return _file_response(request, absolute_path)


def serve(request, path, document_root=None, show_indexes=False):
    """Serve the file `path` under `document_root` (django.views.static.serve).

    For development: url(r"^media/(?P<path>.*)$", serve, {"document_root": ...}).
    """
    import posixpath

    normalized = posixpath.normpath(path).lstrip("/") if path else ""
    if document_root is None:
        raise ImproperlyConfigured("serve() needs a document_root.")
    if normalized in ("", "."):
        fullpath = os.path.realpath(document_root)
    else:
        fullpath = _safe_file_path(document_root, normalized)
    if fullpath is None or ".." in path.split("/"):
        raise Http404("'%s' could not be found" % path.replace("\x00", "\\x00"))
    if os.path.isdir(fullpath):
        if show_indexes:
            return _directory_index(normalized, fullpath)
        raise Http404("Directory indexes are not allowed here.")
    if not os.path.exists(fullpath):
        raise Http404("“%s” does not exist" % fullpath)
    return _file_response(request, fullpath)


def _directory_index(path, fullpath):
    names = sorted(n + ("/" if os.path.isdir(os.path.join(fullpath, n)) else "")
                   for n in os.listdir(fullpath) if not n.startswith("."))
    items = "".join('<li><a href="%s">%s</a></li>' % (escape(n), escape(n))
                    for n in names)
    title = escape("Index of %s" % (path or "/"))
    return HttpResponse("<!doctype html><title>%s</title><h1>%s</h1><ul>%s</ul>"
                        % (title, title, items))


# -- The server: runserver = a request-logging wrapper + waitress (or wsgiref)
#    + an optional parent process that restarts it when a source file changes.


class _RequestLogger:
    """Wrap a WSGI app to log one line per request on "django.server"."""

    def __init__(self, app):
        import logging

        self.app = app
        self.logger = logging.getLogger("django.server")

    def __call__(self, environ, start_response):
        state = {"status": "-"}

        def logging_start_response(status, headers, exc_info=None):
            state["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        result = self.app(environ, logging_start_response)
        return _LoggedBody(result, environ, state, self.logger)


class _LoggedBody:
    def __init__(self, result, environ, state, logger):
        self.result, self.environ = result, environ
        self.state, self.logger = state, logger
        self.size = 0

    def __iter__(self):
        for chunk in self.result:
            self.size += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            from urllib.parse import quote

            environ = self.environ
            path_ = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
            target = quote(path_.encode("latin-1", "replace"),
                           safe="/:@&=+$,;~!*'()%")
            if environ.get("QUERY_STRING"):
                target += "?" + environ["QUERY_STRING"]
            line = '"%s %s %s" %s %d' % (
                environ.get("REQUEST_METHOD", "-"), target,
                environ.get("SERVER_PROTOCOL", "HTTP/1.1"), self.state["status"],
                self.size)
            self.logger.info(line.encode("unicode_escape").decode("ascii"))


def _configure_server_logging():
    """Send request lines (django.server) and errors (django) to stderr,
    unless LOGGING already gave those loggers handlers."""
    import logging

    def has_real_handler(logger):
        return any(not isinstance(h, logging.NullHandler) for h in logger.handlers)

    server_logger = logging.getLogger("django.server")
    if not has_real_handler(server_logger):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(message)s",
                                               "%d/%b/%Y %H:%M:%S"))
        server_logger.addHandler(handler)
        server_logger.setLevel(logging.INFO)
        server_logger.propagate = False
    django_logger = logging.getLogger("django")
    if not has_real_handler(django_logger):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING if settings.DEBUG else logging.ERROR)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        django_logger.addHandler(handler)


#: waitress limits: request headers and body (uploads included) per request.
SERVER_MAX_HEADER_SIZE = 64 * 1024
SERVER_MAX_BODY_SIZE = 64 * 1024 * 1024


def run_server(application, host="127.0.0.1", port=8000, threads=4):
    """Serve `application` until Ctrl-C: waitress if installed, else wsgiref."""
    _configure_server_logging()
    app = _RequestLogger(application)
    try:
        import waitress
    except ImportError:
        waitress = None
    if waitress is not None:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="djscratch",
            max_request_header_size=SERVER_MAX_HEADER_SIZE,
            max_request_body_size=SERVER_MAX_BODY_SIZE,
            clear_untrusted_proxy_headers=True)
        _print_banner(host, server.effective_port, "waitress, %d threads" % threads)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
        return
    print("Notice: waitress is not installed, so the standard library's wsgiref "
          "server is used (fine for development; `pip install waitress` for "
          "production).", file=sys.stderr, flush=True)
    httpd = _make_wsgiref_server(host, port, app)
    _print_banner(host, httpd.server_address[1], "wsgiref, a thread per request")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def _make_wsgiref_server(host, port, app):
    import socket
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # _RequestLogger logs requests
            pass

        def get_stderr(self):
            return sys.stderr

    class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True
        allow_reuse_address = True
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    httpd = ThreadingWSGIServer((host.strip("[]"), port), QuietHandler)
    httpd.set_app(app)
    return httpd


def _print_banner(host, port, server_name):
    shown = "[%s]" % host if ":" in host and not host.startswith("[") else host
    print("djscratch %s: serving at http://%s:%s/ (%s%s)" % (
        __version__, shown, port, server_name, ", DEBUG" if settings.DEBUG else ""),
        flush=True)
    print("Quit the server with CONTROL-C.", flush=True)


def _watched_files():
    """Yield the .py files of the loaded modules outside the standard library."""
    stdlib = {os.path.realpath(p) for p in {sys.prefix, sys.base_prefix,
                                            sys.exec_prefix}}
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if not filename or not filename.endswith(".py"):
            continue
        real = os.path.realpath(filename)
        in_stdlib = any(real.startswith(p + os.sep) for p in stdlib)
        if in_stdlib and "site-packages" not in real:
            continue
        yield real


def _watch_for_changes(interval=1.0):
    """Exit with status 3 (restart me) when a watched file changes."""
    import time

    mtimes = {}
    while True:
        for filename in _watched_files():
            try:
                mtime = os.stat(filename).st_mtime
            except OSError:
                continue
            previous = mtimes.setdefault(filename, mtime)
            if mtime != previous:
                print("%s changed, reloading." % filename, file=sys.stderr, flush=True)
                os._exit(3)
        time.sleep(interval)


_RELOADER_ENV = "DJSCRATCH_RUN_MAIN"


def _restart_with_reloader():
    """Run this command in a child process; start it again when it exits
    with status 3 (a source file changed).  Return the child's status."""
    import subprocess

    args = [sys.executable, *sys.orig_argv[1:]]
    env = {**os.environ, _RELOADER_ENV: "true"}
    while True:
        child = subprocess.Popen(args, env=env)
        try:
            status = child.wait()
        except KeyboardInterrupt:
            # A terminal's Ctrl-C reaches the child too: give it a moment to
            # stop cleanly, then make sure it does.
            try:
                child.wait(timeout=2)
            except subprocess.TimeoutExpired:
                child.terminate()
                child.wait()
            return 0
        if status != 3:
            return status


def _parse_addrport(options):
    """Return (host, port) from `addrport`, --host/--port, HOST/PORT, defaults."""
    host = options.host or os.environ.get("HOST") or "127.0.0.1"
    port = options.port if options.port is not None else os.environ.get("PORT") or 8000
    if options.addrport:
        m = _re(r"^(?:(?P<host>\[[0-9a-fA-F:.]+\]|[\w.-]+):)?(?P<port>\d+)$").match(
            options.addrport)
        if m is None:
            raise CommandError('"%s" is not a valid port number or address:port pair.'
                               % options.addrport)
        host = m["host"] or host
        port = m["port"]
    try:
        port = int(port)
        if not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        raise CommandError("%r is not a valid port number." % port) from None
    return host.strip("[]") if host.startswith("[") else host, port

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


#: django.template.defaultfilters: each filter is djscratch's _f_<name>.
_DEFAULT_FILTER_NAMES = (
    "add addslashes capfirst center cut date default default_if_none "
    "dictsort dictsortreversed divisibleby escape escapejs escapeseq "
    "filesizeformat first floatformat force_escape get_digit iriencode join "
    "json_script last length linebreaks linebreaksbr linenumbers ljust "
    "lower make_list phone2numeric pluralize pprint random rjust safe "
    "safeseq slice slugify stringformat striptags time timesince timeuntil "
    "title truncatechars truncatechars_html truncatewords "
    "truncatewords_html unordered_list upper urlencode urlize urlizetrunc "
    "wordcount wordwrap yesno").split()

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
        "b64_encode b64_decode base64_hmac get_cookie_signer JSONSerializer "
        "b62_encode b62_decode"),
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
    "django.core.serializers": [],
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
        "get_urlconf set_urlconf is_valid_path"),
    "django.urls.converters": _names(
        "IntConverter StringConverter SlugConverter UUIDConverter "
        "PathConverter register_converter"),
    "django.shortcuts": _names(
        "render redirect get_object_or_404 get_list_or_404 resolve_url"),
    "django.utils": [],
    "django.utils.html": _names(
        "escape conditional_escape format_html format_html_join escapejs "
        "json_script strip_tags linebreaks urlize mark_safe avoid_wrapping "
        "html_safe smart_urlquote strip_spaces_between_tags"),
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
        "content_disposition_header is_same_domain escape_leading_slashes "
        "parse_etags parse_header_parameters"),
    "django.utils.crypto": _names(
        "get_random_string constant_time_compare salted_hmac "
        "RANDOM_STRING_CHARS InvalidAlgorithm"),
    "django.utils.text": _names(
        "slugify Truncator capfirst get_text_list phone2numeric wrap "
        "get_valid_filename normalize_newlines smart_split"),
    "django.utils.dateformat": _names("format time_format DateFormat TimeFormat"),
    "django.utils.dateparse": _names(
        "parse_date parse_datetime parse_time parse_duration"),
    "django.utils.formats": _names(
        "date_format time_format get_format localize number_format"),
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
    "django.views.static": _names("serve was_modified_since directory_index"),
    "django.views.defaults": _names(
        "page_not_found server_error bad_request permission_denied"),
    "django.views.debug": _names("technical_404_response technical_500_response"),
    "django.http.multipartparser": _names("MultiPartParserError"),
    "django.core.handlers.base": _names("BaseHandler"),
    "django.core.handlers.exception": _names(
        "response_for_exception convert_exception_to_response"),
    "django.contrib.staticfiles.views": _names("serve"),
    "django.db": _names(
        "connection connections transaction models router IntegrityError "
        "reset_queries close_old_connections "
        "DatabaseError OperationalError ProgrammingError InterfaceError "
        "DataError NotSupportedError Error InternalError DEFAULT_DB_ALIAS"),
    "django.db.transaction": _names(
        "atomic on_commit set_rollback get_rollback savepoint savepoint_commit "
        "savepoint_rollback get_autocommit set_autocommit TransactionManagementError "
        "commit rollback mark_for_rollback_on_error Atomic"),
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
    "django.db.models.query": _names(
        "QuerySet Prefetch EmptyQuerySet RawQuerySet prefetch_related_objects"),
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
    "django.template.base": _names(
        "Template Node NodeList TextNode VariableNode Origin Parser Token "
        "FilterExpression Variable VariableDoesNotExist TemplateSyntaxError "
        "UNKNOWN_SOURCE"),
    "django.template.engine": _names("Engine"),
    "django.template.library": _names(
        "Library InvalidTemplateLibrary parse_bits SimpleNode InclusionNode"),
    "django.template.utils": _names("EngineHandler InvalidTemplateEngineError"),
    "django.template.smartif": [],
    "django.template.loader": _names(
        "get_template select_template render_to_string"),
    "django.template.loader_tags": _names(
        "BlockNode ExtendsNode IncludeNode BlockContext BLOCK_CONTEXT_KEY"),
    "django.template.defaulttags": _names(
        "register ForNode IfNode WithNode CycleNode FirstOfNode CommentNode "
        "CsrfTokenNode AutoEscapeControlNode FilterNode IfChangedNode "
        "LoadNode LoremNode NowNode RegroupNode ResetCycleNode SpacelessNode "
        "TemplateTagNode URLNode VerbatimNode WidthRatioNode querystring"),
    "django.template.exceptions": _names(
        "TemplateDoesNotExist TemplateSyntaxError"),
    "django.template.context": _names(
        "Context RequestContext BaseContext RenderContext ContextPopException "
        "ContextDict make_context"),
    "django.template.defaultfilters": _names(
        "stringfilter register " + " ".join(_DEFAULT_FILTER_NAMES)),
    "django.template.response": _names(
        "TemplateResponse SimpleTemplateResponse ContentNotRenderedError"),
    "django.template.backends": [],
    "django.template.backends.django": _names("DjangoTemplates"),
    "django.template.context_processors": _names(
        "csrf debug request static tz media i18n"),
    "django.template.loaders": [],
    "django.templatetags": [],
    "django.templatetags.static": _names("static"),
    "django.utils.timesince": _names("timesince timeuntil"),
    "django.utils.numberformat": _names("format"),
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
    "django.contrib.staticfiles.views": {"serve": "_staticfiles_serve"},
    "django.views.static": {"directory_index": "_directory_index"},
    "django.db": {"router": "_router"},
    "django.db.models": {"NullBooleanField": "BooleanField"},
    "django.template.defaultfilters": {
        "register": "default_filters", **{n: f"_f_{n}" for n in _DEFAULT_FILTER_NAMES}},
    "django.template.defaulttags": {"register": "default_tags",
                                    "querystring": "_tag_querystring"},
    "django.utils.numberformat": {"format": "_number_format"},
    "django.forms": _FORM_FIELD_RENAMES,
    "django.forms.fields": _FORM_FIELD_RENAMES,
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

def _runserver_arguments(parser):
    parser.add_argument("addrport", nargs="?",
                        help="port or address:port (default 127.0.0.1:8000)")
    parser.add_argument("--host", help="address to listen on (or env HOST)")
    parser.add_argument("--port", type=int, help="port to listen on (or env PORT)")
    parser.add_argument("--reload", action="store_true",
                        help="restart when a source file changes (default with DEBUG)")
    parser.add_argument("--noreload", action="store_true",
                        help="never restart on source changes")
    parser.add_argument("--threads", type=int, default=4,
                        help="worker threads of the waitress server (default 4)")


@command("runserver", _runserver_arguments)
def _cmd_runserver(options, app=None):
    """Serve the app over HTTP (waitress; wsgiref if waitress is missing)."""
    host, port = _parse_addrport(options)
    setup()
    use_reloader = options.reload or (settings.DEBUG and not options.noreload)
    if use_reloader and os.environ.get(_RELOADER_ENV) != "true":
        status = _restart_with_reloader()
        if status:
            raise CommandError("", returncode=status)
        return
    if app is not None:
        application = app
        # A single-file app keeps its database in step with its models on
        # every start (in the serving process, not the reloader's parent).
        _sync_schema_for_app()
    elif settings.WSGI_APPLICATION:
        application = import_string(settings.WSGI_APPLICATION)
    else:
        application = get_wsgi_application()
    if use_reloader:
        threading.Thread(target=_watch_for_changes, daemon=True,
                         name="djscratch-reloader").start()
    run_server(application, host, port, threads=options.threads)

# -- commands of the ORM section (migrate, dbshell, dumpdata, loaddata) --


def _dbshell_arguments(parser):
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS)


@command("dbshell", _dbshell_arguments)
def _cmd_dbshell(options):
    """Open the sqlite3 command-line shell on the database."""
    import shutil
    import subprocess

    setup()
    program = shutil.which("sqlite3")
    if program is None:
        raise CommandError("You appear not to have the 'sqlite3' program installed or "
                           "on your path.")
    name = str(connections[options.database].settings_dict["NAME"])
    status = subprocess.call([program, name])
    if status:
        raise CommandError("", returncode=status)

def _migrate_arguments(parser):
    parser.add_argument("app_label", nargs="?",
                        help="ignored (all apps are synced)")
    parser.add_argument("migration_name", nargs="?", help="ignored")
    parser.add_argument("--check", action="store_true",
                        help="exit non-zero if the database is behind the models")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
    parser.add_argument("--run-syncdb", action="store_true",
                        help="accepted; always on")
    parser.add_argument("--noinput", "--no-input", action="store_true")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


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


def _template_arguments(parser):
    parser.add_argument("name", help="a template name (as views load it) or a file")
    parser.add_argument("--using", help="the TEMPLATES engine NAME to load it with")
    parser.add_argument("--syntax", choices=["django", "native"],
                        help="for a file outside the template dirs: its syntax")
    parser.add_argument("--autoescape", choices=["on", "off"], default="on",
                        help="show the code for autoescaping on (default) or off")


@command("template", _template_arguments)
def _cmd_template(options):
    """Print the Python source a template compiles to."""
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        setup()
    template = None
    if not options.syntax:
        try:
            template = get_template(options.name, using=options.using).template
        except (TemplateDoesNotExist, ImproperlyConfigured) as err:
            if not os.path.isfile(options.name):
                tried = [str(origin) for e in getattr(err, "chain", [])
                         for origin, _reason in e.tried]
                raise CommandError(
                    f"Template {options.name!r} not found"
                    + (f"; tried: {', '.join(tried)}" if tried else "")) from None
    if template is None:
        if not os.path.isfile(options.name):
            raise CommandError(f"No such file: {options.name}")
        with open(options.name, encoding="utf-8") as f:
            source = f.read()
        syntax = NATIVE_SYNTAX if options.syntax == "native" else DJANGO_SYNTAX
        engine = Engine(dirs=[os.path.dirname(os.path.abspath(options.name))],
                        syntax=syntax)
        try:
            template = Template(source, Origin(options.name, options.name),
                                options.name, engine)
        except TemplateSyntaxError as err:
            raise CommandError(str(err)) from None
    print(template.python_source(autoescape=options.autoescape == "on"), end="")


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

