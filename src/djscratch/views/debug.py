"""The technical 404 and 500 pages and the exception reporter behind error
e-mails (django/views/debug.py): ExceptionReporter gathers the frames, the
request and the cleansed settings; SafeExceptionReporterFilter hides what
the sensitive_* decorators and the settings' names mark as secret.
"""

import io
import re
import sys
import types
import warnings

from djscratch.conf import settings
from djscratch.core.exceptions import Http404
from djscratch.http.response import HttpResponse
from djscratch.http.response_extra import HttpResponseNotFound
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.context import Context
from djscratch.template.defaultfilters import _f_pprint
from djscratch.template.engine import Engine
from djscratch.urls.base import resolve
from djscratch.utils.timezone import now
from djscratch.utils.datastructures import MultiValueDict
from djscratch.utils.module_loading import import_string
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.version import get_docs_version, get_version
from djscratch.views.debug_decorators import (
    coroutine_functions_to_sensitive_variables,
)

class ExceptionCycleWarning(UserWarning):
    """An exception's chain of causes loops back on itself."""


class CallableSettingWrapper:
    """Show a callable setting by its repr, never calling it from a template."""

    def __init__(self, callable_setting):
        self._wrapped = callable_setting

    def __repr__(self):
        return repr(self._wrapped)


class _DebugTemplatePath:
    """A built-in template's source, opened like a file (djscratch ships one
    file, so the error pages' templates live in it rather than on disk).
    A reporter subclass may set its template paths to real files."""

    def __init__(self, name):
        self.name = name

    def open(self, encoding="utf-8"):
        return io.StringIO(_DEBUG_TEMPLATES[self.name])

    def __repr__(self):
        return "<builtin template %s>" % self.name


def builtin_template_path(name):
    """Return the built-in error template `name` (an object with .open())."""
    return _DebugTemplatePath(name)


def technical_500_response(request, exc_type, exc_value, tb, status_code=500):
    """The DEBUG error page: HTML, or plain text for a client that does not
    accept HTML."""
    reporter = get_exception_reporter_class(request)(request, exc_type, exc_value, tb)
    if request.accepts("text/html"):
        return HttpResponse(reporter.get_traceback_html(), status=status_code)
    return HttpResponse(reporter.get_traceback_text(), status=status_code,
                        content_type="text/plain; charset=utf-8")


def _default_filter_cached():
    """The DEFAULT_EXCEPTION_REPORTER_FILTER instance, made once."""
    global _default_filter
    if _default_filter is None:
        _default_filter = import_string(settings.DEFAULT_EXCEPTION_REPORTER_FILTER)()
    return _default_filter


_default_filter = None


def get_default_exception_reporter_filter():
    """Return the DEFAULT_EXCEPTION_REPORTER_FILTER, instantiated once."""
    return _default_filter_cached()


def _clear_default_filter():
    global _default_filter
    _default_filter = None


# Django's is an lru_cache; tests call cache_clear() after changing the setting.
get_default_exception_reporter_filter.cache_clear = _clear_default_filter


def get_exception_reporter_filter(request):
    """The request's own filter (request.exception_reporter_filter), else the
    default one."""
    return getattr(request, "exception_reporter_filter",
                   get_default_exception_reporter_filter())


def get_exception_reporter_class(request):
    """The request's reporter class, else DEFAULT_EXCEPTION_REPORTER."""
    return getattr(request, "exception_reporter_class",
                   import_string(settings.DEFAULT_EXCEPTION_REPORTER))


def get_caller(request):
    """The dotted path of the view that handled (or would handle) `request`."""
    resolver_match = request.resolver_match
    if resolver_match is None:
        try:
            resolver_match = resolve(request.path)
        except Http404:
            pass
    return "" if resolver_match is None else resolver_match._func_path


class SafeExceptionReporterFilter:
    """Hide sensitive settings, request data and local variables in reports."""

    cleansed_substitute = "********************"
    hidden_settings = _lazy_re_compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", flags=re.I)

    def cleanse_setting(self, key, value):
        """Return `value` with sensitive content starred; dicts, lists and
        tuples are cleansed item by item, callables wrapped."""
        if key == settings.SESSION_COOKIE_NAME:
            is_sensitive = True
        else:
            try:
                is_sensitive = self.hidden_settings.search(key)
            except TypeError:  # a key that is not a string
                is_sensitive = False
        if is_sensitive:
            cleansed = self.cleansed_substitute
        elif isinstance(value, dict):
            cleansed = {k: self.cleanse_setting(k, v) for k, v in value.items()}
        elif isinstance(value, list):
            cleansed = [self.cleanse_setting("", v) for v in value]
        elif isinstance(value, tuple):
            cleansed = tuple(self.cleanse_setting("", v) for v in value)
        else:
            cleansed = value
        if callable(cleansed):
            cleansed = CallableSettingWrapper(cleansed)
        return cleansed

    def get_safe_settings(self):
        """Return the settings (upper-case names) with secrets starred."""
        return {k: self.cleanse_setting(k, getattr(settings, k))
                for k in dir(settings) if k.isupper()}

    def get_safe_request_meta(self, request):
        """Return request.META with sensitive values starred."""
        if not hasattr(request, "META"):
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in request.META.items()}

    def get_safe_cookies(self, request):
        """Return request.COOKIES with sensitive values starred."""
        if not hasattr(request, "COOKIES"):
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in request.COOKIES.items()}

    def is_active(self, request):
        """Filter only when DEBUG is off: a DEBUG site shows everything anyway."""
        return settings.DEBUG is False

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        """Star the sensitive POST parameters found in a MultiValueDict."""
        sensitive_post_parameters = getattr(request, "sensitive_post_parameters", [])
        if self.is_active(request) and sensitive_post_parameters:
            multivaluedict = multivaluedict.copy()
            for param in sensitive_post_parameters:
                if param in multivaluedict:
                    multivaluedict[param] = self.cleansed_substitute
        return multivaluedict

    def get_post_parameters(self, request):
        """Return request.POST with the parameters sensitive_post_parameters
        named (or all, for "__ALL__") starred."""
        if request is None:
            return {}
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if not (self.is_active(request) and sensitive):
            return request.POST
        cleansed = request.POST.copy()
        for key in (list(cleansed) if sensitive == "__ALL__" else sensitive):
            if key in cleansed:
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def cleanse_special_types(self, request, value):
        """Cleanse a MultiValueDict (request.POST in a frame's variables)."""
        try:
            # A lazy object may raise on evaluation: report that instead.
            is_multivalue_dict = isinstance(value, MultiValueDict)
        except Exception as e:
            return "{!r} while evaluating {!r}".format(e, value)
        if is_multivalue_dict:
            value = self.get_cleansed_multivaluedict(request, value)
        return value

    def _sensitive_variables(self, tb_frame):
        """The names sensitive_variables() marked for this frame, or None."""
        code = tb_frame.f_code
        if code.co_flags & 0x80 and code.co_name != "sensitive_variables_wrapper":
            # A coroutine's frame has no useful f_back: its marks are kept by
            # "file:first line" of the function.
            found = coroutine_functions_to_sensitive_variables.get(
                hash(f"{code.co_filename}:{code.co_firstlineno}"))
            if found is not None:
                return found
        frame = tb_frame
        while frame is not None:
            if (frame.f_code.co_name == "sensitive_variables_wrapper"
                    and "sensitive_variables_wrapper" in frame.f_locals):
                wrapper = frame.f_locals["sensitive_variables_wrapper"]
                return getattr(wrapper, "sensitive_variables", None)
            frame = frame.f_back
        return None

    def get_traceback_frame_variables(self, request, tb_frame):
        """Return the frame's (name, value) pairs, sensitive ones starred."""
        sensitive_variables = self._sensitive_variables(tb_frame)
        cleansed = {}
        for name, value in tb_frame.f_locals.items():
            if self.is_active(request) and sensitive_variables and (
                    sensitive_variables == "__ALL__" or name in sensitive_variables):
                cleansed[name] = self.cleansed_substitute
            else:
                cleansed[name] = self.cleanse_special_types(request, value)
        if (tb_frame.f_code.co_name == "sensitive_variables_wrapper"
                and "sensitive_variables_wrapper" in tb_frame.f_locals):
            # The wrapper's own frame holds the decorated function's arguments.
            cleansed["func_args"] = self.cleansed_substitute
            cleansed["func_kwargs"] = self.cleansed_substitute
        return cleansed.items()


class ExceptionReporter:
    """Gather what an error report shows and render it as HTML or text."""

    @property
    def html_template_path(self):
        return builtin_template_path("technical_500.html")

    @property
    def text_template_path(self):
        return builtin_template_path("technical_500.txt")

    def __init__(self, request, exc_type, exc_value, tb, is_email=False):
        self.request = request
        self.filter = get_exception_reporter_filter(self.request)
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.tb = tb
        self.is_email = is_email
        self.template_info = getattr(self.exc_value, "template_debug", None)
        self.template_does_not_exist = False
        self.postmortem = None

    def _get_raw_insecure_uri(self):
        """The request's absolute URI, without the ALLOWED_HOSTS check (the
        report must show even for a disallowed host)."""
        return "{scheme}://{host}{path}".format(
            scheme=self.request.scheme, host=self.request._get_raw_host(),
            path=self.request.get_full_path())

    def _user_str(self):
        if self.request is None:
            return None
        try:
            return str(self.request.user)
        except Exception:  # the database may be down, for example
            return "[unable to retrieve the current user]"

    def _unicode_hint(self):
        if not (self.exc_type and issubclass(self.exc_type, UnicodeError)):
            return ""
        start = getattr(self.exc_value, "start", None)
        end = getattr(self.exc_value, "end", None)
        if start is None or end is None:
            return ""
        text = self.exc_value.args[1]
        text = text[max(start - 5, 0):min(end + 5, len(text))]
        if isinstance(text, bytes):
            return text.decode("ascii", errors="replace")
        return str(text)

    def get_traceback_data(self):
        """Return the context the report templates render."""
        if self.exc_type and issubclass(self.exc_type, TemplateDoesNotExist):
            self.template_does_not_exist = True
            self.postmortem = self.exc_value.chain or [self.exc_value]
        frames = self.get_traceback_frames()
        for frame in frames:
            if "vars" in frame:
                frame["vars"] = [(k, _trimmed(_f_pprint(v))) for k, v in frame["vars"]]
        c = {
            "is_email": self.is_email,
            "unicode_hint": self._unicode_hint(),
            "frames": frames,
            "request": self.request,
            "request_meta": self.filter.get_safe_request_meta(self.request),
            "request_COOKIES_items": self.filter.get_safe_cookies(self.request).items(),
            "user_str": self._user_str(),
            "filtered_POST_items": list(
                self.filter.get_post_parameters(self.request).items()),
            "settings": self.filter.get_safe_settings(),
            "sys_executable": sys.executable,
            "sys_version_info": "%d.%d.%d" % sys.version_info[0:3],
            "server_time": now(),
            "django_version_info": get_version(),
            "sys_path": sys.path,
            "template_info": self.template_info,
            "template_does_not_exist": self.template_does_not_exist,
            "postmortem": self.postmortem,
        }
        if self.request is not None:
            c["request_GET_items"] = self.request.GET.items()
            c["request_FILES_items"] = self.request.FILES.items()
            c["request_insecure_uri"] = self._get_raw_insecure_uri()
            c["raising_view_name"] = get_caller(self.request)
        if self.exc_type:
            c["exception_type"] = self.exc_type.__name__
        if self.exc_value:
            c["exception_value"] = str(self.exc_value)
            notes = getattr(self.exc_value, "__notes__", None)
            if notes:
                c["exception_notes"] = "\n" + "\n".join(notes)
        if frames:
            c["lastframe"] = frames[-1]
        return c

    def get_traceback_html(self):
        """Return the report as an HTML page."""
        with self.html_template_path.open(encoding="utf-8") as fh:
            t = DEBUG_ENGINE.from_string(fh.read())
        return t.render(Context(self.get_traceback_data(), use_l10n=False))

    def get_traceback_text(self):
        """Return the report as plain text."""
        with self.text_template_path.open(encoding="utf-8") as fh:
            t = DEBUG_ENGINE.from_string(fh.read())
        return t.render(Context(self.get_traceback_data(), autoescape=False,
                                use_l10n=False))

    def _get_source(self, filename, loader, module_name):
        source = None
        if hasattr(loader, "get_source"):
            try:
                source = loader.get_source(module_name)
            except ImportError:
                pass
            if source is not None:
                source = source.splitlines()
        if source is None:
            try:
                with open(filename, "rb") as fp:
                    source = fp.read().splitlines()
            except OSError:
                pass
        return source

    def _get_lines_from_file(self, filename, lineno, context_lines, loader=None,
                             module_name=None):
        """Return (pre_context_lineno, pre_context, context_line, post_context)
        around the 0-based `lineno` of `filename`."""
        source = self._get_source(filename, loader, module_name)
        if not source:
            return None, [], None, []
        if isinstance(source[0], bytes):
            # Read from disk: decode with the PEP 263 coding line, if any.
            encoding = "ascii"
            for line in source[:2]:
                match = re.search(rb"coding[:=]\s*([-\w.]+)", line)
                if match:
                    encoding = match[1].decode("ascii")
                    break
            source = [str(line, encoding, "replace") for line in source]
        lower_bound = max(0, lineno - context_lines)
        upper_bound = lineno + context_lines
        try:
            pre_context = source[lower_bound:lineno]
            context_line = source[lineno]
            post_context = source[lineno + 1:upper_bound]
        except IndexError:
            return None, [], None, []
        return lower_bound, pre_context, context_line, post_context

    def _get_explicit_or_implicit_cause(self, exc_value):
        explicit = getattr(exc_value, "__cause__", None)
        suppress_context = getattr(exc_value, "__suppress_context__", None)
        implicit = getattr(exc_value, "__context__", None)
        return explicit or (None if suppress_context else implicit)

    def get_traceback_frames(self):
        """Return the frames of the exception and of each of its causes,
        the oldest cause first."""
        exceptions = []
        exc_value = self.exc_value
        while exc_value:
            exceptions.append(exc_value)
            exc_value = self._get_explicit_or_implicit_cause(exc_value)
            if exc_value in exceptions:
                warnings.warn(
                    "Cycle in the exception chain detected: exception '%s' "
                    "encountered again." % exc_value, ExceptionCycleWarning)
                break
        frames = []
        if not exceptions:
            return frames
        exc_value = exceptions.pop()
        tb = self.tb if not exceptions else exc_value.__traceback__
        while True:
            frames.extend(self.get_exception_traceback_frames(exc_value, tb))
            try:
                exc_value = exceptions.pop()
            except IndexError:
                break
            tb = exc_value.__traceback__
        return frames

    def get_exception_traceback_frames(self, exc_value, tb):
        """Yield one frame dict per traceback entry of `exc_value`."""
        exc_cause = self._get_explicit_or_implicit_cause(exc_value)
        exc_cause_explicit = getattr(exc_value, "__cause__", True)
        if tb is None:
            yield {"exc_cause": exc_cause, "exc_cause_explicit": exc_cause_explicit,
                   "tb": None, "type": "user"}
        while tb is not None:
            # Libraries hide their internal frames with __traceback_hide__.
            if tb.tb_frame.f_locals.get("__traceback_hide__"):
                tb = tb.tb_next
                continue
            yield self._frame(tb, exc_cause, exc_cause_explicit)
            tb = tb.tb_next

    def _frame(self, tb, exc_cause, exc_cause_explicit):
        code = tb.tb_frame.f_code
        lineno = tb.tb_lineno - 1
        loader = tb.tb_frame.f_globals.get("__loader__")
        module_name = tb.tb_frame.f_globals.get("__name__") or ""
        pre_lineno, pre_context, context_line, post_context = (
            self._get_lines_from_file(code.co_filename, lineno, 7, loader, module_name))
        if pre_lineno is None:
            pre_lineno, pre_context, post_context = lineno, [], []
            context_line = "<source code not available>"
        colno, tb_area_colno = _error_position(tb, lineno, context_line)
        return {
            "exc_cause": exc_cause,
            "exc_cause_explicit": exc_cause_explicit,
            "tb": tb,
            "type": "django" if module_name.startswith(("django.", "djscratch"))
            else "user",
            "filename": code.co_filename,
            "function": code.co_name,
            "lineno": lineno + 1,
            "vars": self.filter.get_traceback_frame_variables(
                self.request, tb.tb_frame),
            "id": id(tb),
            "pre_context": pre_context,
            "context_line": context_line,
            "post_context": post_context,
            "pre_context_lineno": pre_lineno + 1,
            "colno": colno,
            "tb_area_colno": tb_area_colno,
        }


def _trimmed(text):
    """A variable's repr, cut at 4 KiB so one huge value cannot bloat the page."""
    if len(text) > 4096:
        return "%s… <trimmed %d bytes string>" % (text[:4096], len(text))
    return text


def _error_position(tb, lineno, context_line):
    """The carets under the failing expression (Python 3.11+): one string for
    the numbered source view, one for the plain traceback."""
    positions = getattr(tb.tb_frame.f_code, "co_positions", None)
    if positions is None:
        return "", ""
    import itertools

    try:
        _, _, start, end = next(itertools.islice(positions(), tb.tb_lasti // 2, None))
    except StopIteration:
        return "", ""
    if not (start and end):
        return "", ""
    underline = "^" * (end - start)
    spaces = " " * (start + len(str(lineno + 1)) + 2)
    indent = len(context_line) - len(context_line.lstrip())
    return f"\n{spaces}{underline}", "\n%s%s" % (" " * (4 + start - indent), underline)


def technical_404_response(request, exception):
    """The DEBUG 404 page: the URLconf, the patterns tried, the path; the
    "install worked" page while the URLconf is still empty."""
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
        if not tried or _only_default_admin(request, tried):
            return default_urlconf(request)
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if isinstance(urlconf, types.ModuleType):
        urlconf = urlconf.__name__
    with builtin_template_path("technical_404.html").open(encoding="utf-8") as fh:
        t = DEBUG_ENGINE.from_string(fh.read())
    reporter_filter = get_default_exception_reporter_filter()
    c = Context({
        "urlconf": urlconf,
        "root_urlconf": settings.ROOT_URLCONF,
        "request_path": error_url,
        "urlpatterns": tried,
        "resolved": resolved,
        "reason": str(exception),
        "request": request,
        "settings": reporter_filter.get_safe_settings(),
        "raising_view_name": get_caller(request),
    })
    return HttpResponseNotFound(t.render(c))


def _only_default_admin(request, tried):
    """The URLconf startproject writes (only the admin) and the path "/"."""
    return (request.path_info == "/" and len(tried) == 1 and len(tried[0]) == 1
            and getattr(tried[0][0], "app_name", "")
            == getattr(tried[0][0], "namespace", "") == "admin")


def default_urlconf(request):
    """The "install worked" page, shown while the URLconf has no patterns."""
    with builtin_template_path("default_urlconf.html").open(encoding="utf-8") as fh:
        t = DEBUG_ENGINE.from_string(fh.read())
    return HttpResponse(t.render(Context({"version": get_docs_version()})))


# -- The pages' templates: djscratch's own markup, carrying what Django's
#    pages show (and the phrases people search them for).  Everything from
#    the request or the exception is escaped by the engine's autoescaping.

_STYLE = (
    "<style>body{font:14px sans-serif;margin:0;color:#222}"
    "header,main,footer{padding:10px 20px}header{background:#ffc;"
    "border-bottom:1px solid #ddd}h1{font-weight:normal;margin:0 0 8px}"
    "h2{margin:18px 0 6px}table{border-collapse:collapse;margin-bottom:8px}"
    "th{text-align:left;padding-right:10px;vertical-align:top}"
    "td{vertical-align:top}pre{margin:0;white-space:pre-wrap}"
    "pre.exception_value{font-size:1.3em;margin:6px 0}"
    ".traceback{list-style:none;padding:0}.frame{margin-bottom:12px}"
    ".frame.django .context{color:#666}.context ol{margin:4px 0;padding-left:48px;"
    "font-family:monospace}.context .current{background:#eee}"
    "textarea{width:100%;height:16em}footer{background:#eee;color:#555}"
    "</style>")

_DEBUG_FOOTER = (
    "<footer id=\"explanation\"><p>You’re seeing this error because you have "
    "<code>DEBUG = True</code> in your Django settings file. Change that to "
    "<code>False</code>, and Django will display a standard page generated by "
    "the handler for this status code.</p></footer>")

_TECHNICAL_500_TEXT = """\
{% firstof exception_type 'Report' %}{% if request %} at {{ request.path_info }}\
{% endif %}
{% firstof exception_value 'No exception message supplied' %}
{% if request %}
Request Method: {{ request.META.REQUEST_METHOD }}
Request URL: {{ request_insecure_uri }}{% endif %}
Django Version: {{ django_version_info }}
Python Executable: {{ sys_executable }}
Python Version: {{ sys_version_info }}
Python Path: {{ sys_path }}
Server time: {{ server_time|date:"r" }}
Installed Applications:
{{ settings.INSTALLED_APPS|pprint }}
Installed Middleware:
{{ settings.MIDDLEWARE|pprint }}
{% if template_does_not_exist %}Template loader postmortem
{% if postmortem %}Django tried loading these templates, in this order:
{% for entry in postmortem %}
Using engine {{ entry.backend.name }}:
{% for attempt in entry.tried %}    * {{ attempt.0.loader_name }}: \
{{ attempt.0.name }} ({{ attempt.1 }})
{% empty %}    This engine did not provide a list of tried templates.
{% endfor %}{% endfor %}
{% else %}No templates were found because your 'TEMPLATES' setting is not \
configured.
{% endif %}
{% endif %}{% if frames %}
Traceback (most recent call last):
{% for frame in frames %}{% include "djscratch/traceback_cause.txt" %}  \
{% if frame.tb %}File "{{ frame.filename }}"{% if frame.context_line %}, line \
{{ frame.lineno }}{% endif %}, in {{ frame.function }}
{% if frame.context_line %}    {% spaceless %}{{ frame.context_line }}\
{% endspaceless %}{{ frame.tb_area_colno }}{% endif %}\
{% elif forloop.first %}None{% else %}Traceback: None{% endif %}
{% endfor %}
{% if exception_type %}Exception Type: {{ exception_type }}{% if request %} at \
{{ request.path_info }}{% endif %}
{% if exception_value %}Exception Value: {{ exception_value }}{% endif %}\
{% if exception_notes %}{{ exception_notes }}{% endif %}{% endif %}{% endif %}
{% if raising_view_name %}Raised during: {{ raising_view_name }}{% endif %}
{% if request %}Request information:
{% if user_str %}USER: {{ user_str }}{% endif %}

GET:{% for k, v in request_GET_items %}
{{ k }} = {{ v|stringformat:"r" }}{% empty %} No GET data{% endfor %}

POST:{% for k, v in filtered_POST_items %}
{{ k }} = {{ v|stringformat:"r" }}{% empty %} No POST data{% endfor %}

FILES:{% for k, v in request_FILES_items %}
{{ k }} = {{ v|stringformat:"r" }}{% empty %} No FILES data{% endfor %}

COOKIES:{% for k, v in request_COOKIES_items %}
{{ k }} = {{ v|stringformat:"r" }}{% empty %} No cookie data{% endfor %}

META:{% for k, v in request_meta.items|dictsort:0 %}
{{ k }} = {{ v|stringformat:"r" }}{% endfor %}
{% else %}Request data not supplied
{% endif %}
Settings:
Using settings module {{ settings.SETTINGS_MODULE }}\
{% for k, v in settings.items|dictsort:0 %}
{{ k }} = {{ v|stringformat:"r" }}{% endfor %}
{% if not is_email %}
You’re seeing this error because you have DEBUG = True in your
Django settings file. Change that to False, and Django will
display a standard page generated by the handler for this status code.
{% endif %}"""

_TRACEBACK_CAUSE_TEXT = """\
{% ifchanged frame.exc_cause %}{% if frame.exc_cause %}
{% if frame.exc_cause_explicit %}The above exception ({{ frame.exc_cause }}) was \
the direct cause of the following exception:{% else %}During handling of the \
above exception ({{ frame.exc_cause }}), another exception occurred:{% endif %}
{% endif %}{% endifchanged %}"""

_REQUEST_TABLE = """\
<table class="req"><thead><tr><th scope="col">Variable</th>\
<th scope="col">Value</th></tr></thead><tbody>{% for k, v in items %}
<tr><td>{{ k }}</td><td class="code"><pre>{{ v|pprint }}</pre></td></tr>\
{% endfor %}</tbody></table>"""

_TECHNICAL_500_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="content-type" content="text/html; \
charset=utf-8"><meta name="robots" content="NONE,NOARCHIVE">
<title>{% if exception_type %}{{ exception_type }}{% else %}Report{% endif %}\
{% if request %} at {{ request.path_info }}{% endif %}</title>
""" + _STYLE + """</head><body>
<header id="summary">
<h1>{% if exception_type %}{{ exception_type }}{% else %}Report{% endif %}\
{% if request %} at {{ request.path_info }}{% endif %}</h1>
<pre class="exception_value">{% if exception_value %}{{ exception_value|force_escape }}\
{% if exception_notes %}{{ exception_notes }}{% endif %}{% else %}\
No exception message supplied{% endif %}</pre>
<table class="meta">
{% if request %}<tr><th scope="row">Request Method:</th>\
<td>{{ request.META.REQUEST_METHOD }}</td></tr>
<tr><th scope="row">Request URL:</th><td>{{ request_insecure_uri }}</td></tr>
{% endif %}<tr><th scope="row">Django Version:</th>\
<td>{{ django_version_info }}</td></tr>
{% if exception_type %}<tr><th scope="row">Exception Type:</th>\
<td>{{ exception_type }}</td></tr>{% endif %}
{% if exception_type and exception_value %}<tr><th scope="row">Exception Value:\
</th><td><pre>{{ exception_value|force_escape }}</pre></td></tr>{% endif %}
{% if lastframe %}<tr><th scope="row">Exception Location:</th><td>\
<span class="fname">{{ lastframe.filename }}</span>, line {{ lastframe.lineno }}, \
in {{ lastframe.function }}</td></tr>{% endif %}
{% if raising_view_name %}<tr><th scope="row">Raised during:</th>\
<td>{{ raising_view_name }}</td></tr>{% endif %}
<tr><th scope="row">Python Executable:</th><td>{{ sys_executable }}</td></tr>
<tr><th scope="row">Python Version:</th><td>{{ sys_version_info }}</td></tr>
<tr><th scope="row">Python Path:</th><td><pre>{{ sys_path|pprint }}</pre></td></tr>
<tr><th scope="row">Server time:</th><td>{{ server_time|date:"r" }}</td></tr>
</table></header>
{% if unicode_hint %}<div id="unicode-hint"><h2>Unicode error hint</h2>
<p>The string that could not be encoded/decoded was: \
<strong>{{ unicode_hint }}</strong></p></div>{% endif %}
{% if template_does_not_exist %}<div id="template-not-exist">
<h2>Template-loader postmortem</h2>
{% if postmortem %}<p>Django tried loading these templates, in this order:</p>
{% for entry in postmortem %}<p>Using engine <code>{{ entry.backend.name }}</code>:\
</p><ul>{% for attempt in entry.tried %}
<li><code>{{ attempt.0.loader_name }}</code>: {{ attempt.0.name }} \
({{ attempt.1 }})</li>{% empty %}<li>This engine did not provide a list of \
tried templates.</li>{% endfor %}</ul>{% endfor %}
{% else %}<p>No templates were found because your 'TEMPLATES' setting is not \
configured.</p>{% endif %}</div>{% endif %}
<main id="info">
{% if frames %}<div id="traceback"><h2>Traceback <small>(most recent call last)\
</small></h2>
<ul class="traceback">{% for frame in frames %}{% ifchanged frame.exc_cause %}\
{% if frame.exc_cause %}<li><h3>{% if frame.exc_cause_explicit %}The above \
exception ({{ frame.exc_cause }}) was the direct cause of the following exception:\
{% else %}During handling of the above exception ({{ frame.exc_cause }}), another \
exception occurred:{% endif %}</h3></li>{% endif %}{% endifchanged %}
<li class="frame {{ frame.type }}">{% if frame.tb %}\
<code class="fname">{{ frame.filename }}</code>, line {{ frame.lineno }}, in \
{{ frame.function }}
{% if frame.context_line %}<div class="context" id="c{{ frame.id }}">\
{% if frame.pre_context and not is_email %}<ol start="{{ frame.pre_context_lineno }}" \
class="pre-context">{% for line in frame.pre_context %}<li><pre>{{ line }}</pre></li>\
{% endfor %}</ol>{% endif %}<ol start="{{ frame.lineno }}" class="context-line">\
<li class="current"><pre>{{ frame.context_line }}{{ frame.colno }}</pre></li></ol>\
{% if frame.post_context and not is_email %}<ol start="{{ frame.lineno|add:1 }}" \
class="post-context">{% for line in frame.post_context %}<li><pre>{{ line }}</pre>\
</li>{% endfor %}</ol>{% endif %}</div>{% endif %}
{% if frame.vars %}<details class="commands"><summary>Local vars</summary>
<table class="vars" id="v{{ frame.id }}"><thead><tr><th scope="col">Variable</th>\
<th scope="col">Value</th></tr></thead><tbody>{% for var in frame.vars|dictsort:0 %}
<tr><td>{{ var.0 }}</td><td class="code"><pre>{{ var.1 }}</pre></td></tr>\
{% endfor %}</tbody></table></details>{% endif %}\
{% elif forloop.first %}None{% else %}Traceback: None{% endif %}</li>\
{% endfor %}</ul>
{% if not is_email %}<details id="copy-and-paste"><summary>Copy-and-paste view\
</summary><textarea readonly>\
{% include "djscratch/pastebin.txt" %}</textarea></details>{% endif %}
</div>{% endif %}
<div id="requestinfo"><h2>Request information</h2>
{% if request %}{% if user_str %}<h3 id="user-info">USER</h3>
<p>{{ user_str }}</p>{% endif %}
<h3 id="get-info">GET</h3>{% if request_GET_items %}\
{% include "djscratch/request_table.html" with items=request_GET_items %}\
{% else %}<p>No GET data</p>{% endif %}
<h3 id="post-info">POST</h3>{% if filtered_POST_items %}\
{% include "djscratch/request_table.html" with items=filtered_POST_items %}\
{% else %}<p>No POST data</p>{% endif %}
<h3 id="files-info">FILES</h3>{% if request_FILES_items %}\
{% include "djscratch/request_table.html" with items=request_FILES_items %}\
{% else %}<p>No FILES data</p>{% endif %}
<h3 id="cookie-info">COOKIES</h3>{% if request_COOKIES_items %}\
{% include "djscratch/request_table.html" with items=request_COOKIES_items %}\
{% else %}<p>No cookie data</p>{% endif %}
<h3 id="meta-info">META</h3><table class="req"><thead><tr><th scope="col">\
Variable</th><th scope="col">Value</th></tr></thead><tbody>\
{% for k, v in request_meta.items|dictsort:0 %}
<tr><td>{{ k }}</td><td class="code"><pre>{{ v|pprint }}</pre></td></tr>\
{% endfor %}</tbody></table>
{% else %}<p>Request data not supplied</p>{% endif %}
<h3 id="settings-info">Settings</h3>
<h4>Using settings module <code>{{ settings.SETTINGS_MODULE }}</code></h4>
<table class="req"><thead><tr><th scope="col">Setting</th><th scope="col">Value\
</th></tr></thead><tbody>{% for k, v in settings.items|dictsort:0 %}
<tr><td>{{ k }}</td><td class="code"><pre>{{ v|pprint }}</pre></td></tr>\
{% endfor %}</tbody></table></div>
</main>
{% if not is_email %}""" + _DEBUG_FOOTER + """{% endif %}
</body></html>
"""

_PASTEBIN_TEXT = """\
Environment:
{% if request %}
Request Method: {{ request.META.REQUEST_METHOD }}
Request URL: {{ request_insecure_uri }}
{% endif %}
Django Version: {{ django_version_info }}
Python Version: {{ sys_version_info }}
Installed Applications:
{{ settings.INSTALLED_APPS|pprint }}
Installed Middleware:
{{ settings.MIDDLEWARE|pprint }}
{% if template_does_not_exist %}
Template loader postmortem
{% for entry in postmortem %}Using engine {{ entry.backend.name }}:
{% for attempt in entry.tried %}    * {{ attempt.0.loader_name }}: \
{{ attempt.0.name }} ({{ attempt.1 }})
{% endfor %}{% endfor %}{% endif %}
Traceback (most recent call last):
{% for frame in frames %}{% include "djscratch/traceback_cause.txt" %}  \
{% if frame.tb %}File "{{ frame.filename }}"{% if frame.context_line %}, line \
{{ frame.lineno }}{% endif %}, in {{ frame.function }}
{% if frame.context_line %}    {% spaceless %}{{ frame.context_line }}\
{% endspaceless %}{{ frame.tb_area_colno }}{% endif %}\
{% elif forloop.first %}None{% else %}Traceback: None{% endif %}
{% endfor %}
Exception Type: {{ exception_type }}{% if request %} at {{ request.path_info }}\
{% endif %}
Exception Value: {{ exception_value|force_escape }}{% if exception_notes %}\
{{ exception_notes }}{% endif %}
"""

_TECHNICAL_404_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="content-type" content="text/html; \
charset=utf-8"><title>Page not found at {{ request.path_info }}</title>
<meta name="robots" content="NONE,NOARCHIVE">
""" + _STYLE + """</head><body>
<header id="summary">
<h1>Page not found <small>(404)</small></h1>
{% if reason and resolved %}<pre class="exception_value">{{ reason }}</pre>\
{% endif %}
<table class="meta">
<tr><th scope="row">Request Method:</th><td>{{ request.META.REQUEST_METHOD }}</td>\
</tr>
<tr><th scope="row">Request URL:</th><td>{{ request.build_absolute_uri }}</td></tr>
{% if raising_view_name %}<tr><th scope="row">Raised by:</th>\
<td>{{ raising_view_name }}</td></tr>{% endif %}
</table></header>
<main id="info">
{% if urlpatterns %}<p>Using the URLconf defined in <code>{{ urlconf }}</code>, \
Django tried these URL patterns, in this order:</p>
<ol>{% for pattern in urlpatterns %}<li>{% for pat in pattern %}\
<code>{{ pat.pattern }}{% if forloop.last and pat.name %} [name='{{ pat.name }}']\
{% endif %}</code> {% endfor %}</li>{% endfor %}</ol>
<p>{% if request_path %}The current path, <code>{{ request_path }}</code>, \
{% else %}The empty path {% endif %}{% if resolved %}matched the last one.\
{% else %}didn’t match any of these.{% endif %}</p>
{% endif %}
</main>
""" + _DEBUG_FOOTER + """
</body></html>
"""

_DEFAULT_URLCONF_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>The install worked successfully! Congratulations!</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
""" + _STYLE + """</head><body>
<header><h1>The install worked successfully! Congratulations!</h1></header>
<main>
<p>You are seeing this page because <code>DEBUG = True</code> is in your settings
file and you have not configured any URLs.</p>
<p>Read the Django {{ version }} documentation on
<a href="https://docs.djangoproject.com/en/{{ version }}/">docs.djangoproject.com</a>,
or the tutorial at
<a href="https://docs.djangoproject.com/en/{{ version }}/intro/tutorial01/">\
Getting started with Django</a>.</p>
</main></body></html>
"""

#: name -> source, read through _DebugTemplatePath(name).open().
_DEBUG_TEMPLATES = {
    "technical_500.html": _TECHNICAL_500_HTML,
    "technical_500.txt": _TECHNICAL_500_TEXT,
    "technical_404.html": _TECHNICAL_404_HTML,
    "default_urlconf.html": _DEFAULT_URLCONF_HTML,
    "djscratch/traceback_cause.txt": _TRACEBACK_CAUSE_TEXT,
    "djscratch/pastebin.txt": _PASTEBIN_TEXT,
    "djscratch/request_table.html": _REQUEST_TABLE,
}

#: The engine the error pages render with, whatever TEMPLATES says: the page
#: must show even when the project's template setup is what broke.
DEBUG_ENGINE = Engine(
    debug=True, libraries={"i18n": "django.templatetags.i18n"},
    loaders=[("django.template.loaders.locmem.Loader", _DEBUG_TEMPLATES)])
