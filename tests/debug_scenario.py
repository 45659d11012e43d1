"""The error reporter, its filter, the logging helpers and the JavaScript
catalogue, run on real Django (tests/gen_debug_expected.py records the
results) and on djscratch (tests/test_debug_views.py compares).  The same
text runs on both; nothing here depends on the pages' markup, which is each
engine's own.
"""

import logging
import sys

from django.http import Http404, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils.log import (
    DEFAULT_LOGGING, CallbackFilter, RequireDebugFalse, RequireDebugTrue, log_response,
)
from django.views.debug import (
    CallableSettingWrapper, ExceptionReporter, SafeExceptionReporterFilter,
)
from django.views.decorators.debug import (
    sensitive_post_parameters, sensitive_variables,
)


def boom(request):
    raise ValueError("Can't find my <keys>")


def missing(request):
    raise Http404("No <b>page</b>")


urlpatterns = [path("boom/", boom, name="boom"), path("missing/", missing)]

SETTINGS = {"DEBUG": False, "ALLOWED_HOSTS": ["*"], "ROOT_URLCONF": __name__,
            "MIDDLEWARE": [], "SECRET_KEY": "s" * 50}

CLEANSE_CASES = [
    ("SECRET_KEY", "abc"), ("API_URL", "x"), ("DATABASE_PASSWORD", "pw"),
    ("MY_TOKEN", 1), ("DEBUG", True), ("sessionid", "v"), ("NAME", "x"),
    ("DATABASES", {"default": {"NAME": "db", "PASSWORD": "pw",
                               "OPTIONS": {"secret_key": "k"}}}),
    ("LIST", [{"PASSWORD": "pw"}, {"OK": 1}]), ("TUPLE", ({"AUTH": 1}, 2)),
    ("SIGNATURE_X", None), ("HTTP_COOKIE", "a=b"), ("COOKIES", "x"),
]


def cleansing():
    """cleanse_setting() on each case, as repr."""
    reporter_filter = SafeExceptionReporterFilter()
    return {key: repr(reporter_filter.cleanse_setting(key, value))
            for key, value in CLEANSE_CASES}


def callable_setting():
    def setting():
        return "called"

    wrapped = SafeExceptionReporterFilter().cleanse_setting("CALLBACK", setting)
    return {"type": type(wrapped).__name__,
            "repr_is_callables": repr(wrapped) == repr(setting),
            "plain": type(CallableSettingWrapper(setting)).__name__}


@sensitive_variables("password", "card")
def _login(user, password, card):
    secret = "kept"  # noqa: F841
    raise ValueError("wrong")


@sensitive_variables()
def _everything(user, password):
    raise ValueError("wrong")


def _frame_vars(func, debug):
    try:
        func("jacob", "pw-1234", "4111")
    except ValueError:
        tb = sys.exc_info()[2]
    while tb.tb_next is not None:
        tb = tb.tb_next
    with override_settings(DEBUG=debug):
        items = SafeExceptionReporterFilter().get_traceback_frame_variables(
            None, tb.tb_frame)
    return sorted((name, value) for name, value in items)


def frame_variables():
    return {
        "named_hidden": _frame_vars(_login, False),
        "named_debug_shows": _frame_vars(_login, True),
        "all_hidden": _frame_vars(
            lambda user, password, card: _everything(user, password), False),
    }


def post_parameters():
    rf = RequestFactory()
    results = {}
    for name, params in (("named", ("password",)), ("all", ())):
        request = rf.post("/", {"user": "jacob", "password": "pw", "x": "1"})
        sensitive_post_parameters(*params)(lambda r: HttpResponse())(request)
        for debug in (False, True):
            with override_settings(DEBUG=debug):
                cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
            results[f"{name}_debug_{debug}"] = sorted(cleansed.items())
    results["none"] = dict(SafeExceptionReporterFilter().get_post_parameters(None))
    return results


def traceback_data():
    request = RequestFactory().get("/boom/?q=<x>")
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise ValueError("Can't find my <keys>") from inner
    except ValueError:
        exc_info = sys.exc_info()
    reporter = ExceptionReporter(request, *exc_info)
    data = reporter.get_traceback_data()
    frames = reporter.get_traceback_frames()
    text = reporter.get_traceback_text()
    empty = ExceptionReporter(None, None, None, None).get_traceback_text()
    return {
        "exception_type": data["exception_type"],
        "exception_value": data["exception_value"],
        "raising_view_name": data["raising_view_name"],
        "request_insecure_uri": data["request_insecure_uri"],
        "frame_count": len(frames),
        "causes": [str(f["exc_cause"]) for f in frames],
        "explicit": [f["exc_cause_explicit"] is True for f in frames],
        "functions": [f["function"] for f in frames],
        "context_lines": [f["context_line"].strip() for f in frames],
        "text_lines": [line for line in text.splitlines() if line.startswith((
            "ValueError", "Exception ", "Raised during", "Request Method",
            "Request URL", "The above exception", "GET:", "q = ",
            "Traceback (most"))],
        "empty_report_lines": [line for line in empty.splitlines() if line.startswith((
            "Report", "No exception", "Request data not supplied"))],
    }


def handler_responses():
    """What the handler serves and logs for a 500 and a 404."""
    from django.test import Client

    results = {}
    client = Client(raise_request_exception=False)
    for debug in (False, True):
        for url in ("/boom/", "/missing/", "/nowhere/"):
            with override_settings(DEBUG=debug), _captured("django.request") as log:
                response = client.get(url, headers={"accept": "text/plain"})
            results[f"{url} debug={debug}"] = {
                "status": response.status_code,
                "content_type": response["Content-Type"],
                "logged": log,
            }
    return results


class _captured:
    """The records a logger gets in a block, as (level, message, status)."""

    def __init__(self, name):
        self.logger = logging.getLogger(name)
        self.records = []

    def __enter__(self):
        records = self.records

        class Collect(logging.Handler):
            def emit(self, record):
                records.append([record.levelname, record.getMessage(),
                                getattr(record, "status_code", None),
                                record.exc_info is not None])

        self.handler = Collect()
        self.logger.addHandler(self.handler)
        self.old = self.logger.level, self.logger.propagate
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False  # the console stays quiet
        return self.records

    def __exit__(self, *exc):
        self.logger.removeHandler(self.handler)
        self.logger.level, self.logger.propagate = self.old


def logging_helpers():
    results = {"default_logging": DEFAULT_LOGGING}
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "m", (), None)
    with override_settings(DEBUG=True):
        results["debug_true"] = [bool(RequireDebugTrue().filter(record)),
                                 bool(RequireDebugFalse().filter(record))]
    with override_settings(DEBUG=False):
        results["debug_false"] = [bool(RequireDebugTrue().filter(record)),
                                  bool(RequireDebugFalse().filter(record))]
    results["callback"] = [CallbackFilter(lambda r: True).filter(record),
                           CallbackFilter(lambda r: False).filter(record)]
    for status in (200, 302, 404, 500):
        response = HttpResponse(status=status)
        with _captured("django.request") as log:
            log_response("%s: %s", "Msg", "/p\nath", response=response)
            log_response("again", response=response)  # logged once
        results[f"log_response_{status}"] = log
    return results


def admin_email():
    """What AdminEmailHandler mails for an error with a request."""
    from django.core import mail
    from django.utils.log import AdminEmailHandler

    request = RequestFactory().get("/boom/", REMOTE_ADDR="10.0.0.1")
    handler = AdminEmailHandler(include_html=True)
    try:
        raise ValueError("Can't find my keys")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1,
                               "Internal Server Error: %s", ("/boom/\nX",), exc_info)
    record.request = request
    results = {}
    with override_settings(ADMINS=[("Admin", "admin@example.com")],
                           EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                           INTERNAL_IPS=["10.0.0.1"], DEBUG=False):
        mail.outbox = []
        handler.emit(record)
        message = mail.outbox[0]
        results["subject"] = message.subject
        results["to"] = message.to
        results["body_starts"] = message.body.splitlines()[0]
        results["alternatives"] = [kind for _, kind in message.alternatives]
    with override_settings(ADMINS=[]):
        mail.outbox = []
        handler.emit(record)
        results["no_admins_sent"] = len(mail.outbox)
    return results


def run():
    with override_settings(**SETTINGS):
        return {
            "cleansing": cleansing(),
            "callable_setting": callable_setting(),
            "frame_variables": frame_variables(),
            "post_parameters": post_parameters(),
            "traceback_data": traceback_data(),
            "handler_responses": handler_responses(),
            "logging_helpers": logging_helpers(),
            "admin_email": admin_email(),
        }
