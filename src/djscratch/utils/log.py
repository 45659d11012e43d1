"""Logging (django/utils/log.py): DEFAULT_LOGGING and configure_logging(),
the handler that mails errors to ADMINS, the filters and the runserver
formatter, and log_response() for the "django.request" logger.
"""

import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.mail.sending.
import djscratch

from djscratch.conf import settings
from djscratch.core.management.color import color_style
from djscratch.utils.module_loading import import_string

#: What setup() configures before LOGGING: warnings and errors of "django"
#: on the console while DEBUG is on, errors mailed to ADMINS while it is off,
#: runserver's request lines on "django.server".
DEFAULT_LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"level": "INFO", "filters": ["require_debug_true"],
                    "class": "logging.StreamHandler"},
        "django.server": {"level": "INFO", "class": "logging.StreamHandler",
                          "formatter": "django.server"},
        "mail_admins": {"level": "ERROR", "filters": ["require_debug_false"],
                        "class": "django.utils.log.AdminEmailHandler"},
    },
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO",
                          "propagate": False},
    },
}


def configure_logging(logging_config, logging_settings):
    """Apply DEFAULT_LOGGING, then `logging_settings` (LOGGING) with the
    function named by `logging_config` (LOGGING_CONFIG); nothing when
    LOGGING_CONFIG is None."""
    if not logging_config:
        return
    import logging.config

    logging_config_func = import_string(logging_config)
    logging.config.dictConfig(DEFAULT_LOGGING)
    if logging_settings:
        logging_config_func(logging_settings)


def _configure_logging_at_setup():
    """setup()'s configure_logging().  Without LOGGING, and while nothing has
    imported `logging` yet, it waits for djscratch's first log record: a
    process that never logs never pays for importing it."""
    global _logging_pending
    _logging_pending = False
    if _server_logging_done:
        return  # the server configured it and added its handlers: keep them
    if settings.LOGGING or "logging" in sys.modules:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    else:
        _logging_pending = True


_logging_pending = False
#: Set by the server (runserver, App) once it has applied setup()'s logging
#: and added its own stderr handlers, which a later setup() must not drop.
_server_logging_done = False


def _mark_server_logging_done():
    global _server_logging_done
    _server_logging_done = True


def _logging_classes():
    """Create, once, the names that subclass logging's classes (AdminEmailHandler,
    CallbackFilter, RequireDebugFalse/True, ServerFormatter): `logging` is
    imported the first time one is asked for, never at start-up."""
    global _log_classes
    if _log_classes is None:
        _log_classes = _make_logging_classes()
    return _log_classes


_log_classes = None
_DEFAULT_REPORTER = "django.views.debug.ExceptionReporter"


def _make_logging_classes():
    import logging
    from copy import copy

    class AdminEmailHandler(logging.Handler):
        """Mail a log record, with the error report of its exception and
        request, to the ADMINS."""

        def __init__(self, include_html=False, email_backend=None,
                     reporter_class=None):
            super().__init__()
            self.include_html = include_html
            self.email_backend = email_backend
            path = reporter_class or settings.DEFAULT_EXCEPTION_REPORTER
            self._reporter_path, self._reporter_class = path, None
            if path != _DEFAULT_REPORTER:  # a project's own: a bad path fails now
                self.reporter_class = import_string(path)

        @property
        def reporter_class(self):
            # Django's default reporter is imported on the first mail, not when
            # logging is configured: it lives in the debug views, which a
            # server that logs a 403 or 404 never needs otherwise.
            if self._reporter_class is None:
                self._reporter_class = import_string(self._reporter_path)
            return self._reporter_class

        @reporter_class.setter
        def reporter_class(self, value):
            self._reporter_class = value

        def emit(self, record):
            if (not settings.ADMINS
                    and self.send_mail.__func__ is AdminEmailHandler.send_mail):
                return  # nobody to mail, and send_mail is not overridden
            try:
                request = record.request
                subject = "%s (%s IP): %s" % (
                    record.levelname,
                    "internal" if request.META.get("REMOTE_ADDR")
                    in settings.INTERNAL_IPS else "EXTERNAL",
                    record.getMessage())
            except Exception:
                subject = "%s: %s" % (record.levelname, record.getMessage())
                request = None
            subject = self.format_subject(subject)
            # The report carries the traceback: format the record without it.
            no_exc_record = copy(record)
            no_exc_record.exc_info = None
            no_exc_record.exc_text = None
            exc_info = record.exc_info or (None, record.getMessage(), None)
            reporter = self.reporter_class(request, is_email=True, *exc_info)
            message = "%s\n\n%s" % (self.format(no_exc_record),
                                    reporter.get_traceback_text())
            html_message = reporter.get_traceback_html() if self.include_html else None
            self.send_mail(subject, message, fail_silently=True,
                           html_message=html_message)

        def send_mail(self, subject, message, *args, **kwargs):
            djscratch.core.mail.sending.mail_admins(
                subject, message, *args, connection=self.connection(), **kwargs)

        def connection(self):
            return djscratch.core.mail.sending.get_connection(
                backend=self.email_backend, fail_silently=True)

        def format_subject(self, subject):
            """Escape CR and LF: a subject is one header line."""
            return subject.replace("\n", "\\n").replace("\r", "\\r")

    class CallbackFilter(logging.Filter):
        """Keep a record when `callback(record)` is true."""

        def __init__(self, callback):
            self.callback = callback

        def filter(self, record):
            return 1 if self.callback(record) else 0

    class RequireDebugFalse(logging.Filter):
        """Keep records only while DEBUG is off."""

        def filter(self, record):
            return not settings.DEBUG

    class RequireDebugTrue(logging.Filter):
        """Keep records only while DEBUG is on."""

        def filter(self, record):
            return settings.DEBUG

    class ServerFormatter(logging.Formatter):
        """runserver's request lines, coloured by status, with {server_time}."""

        default_time_format = "%d/%b/%Y %H:%M:%S"

        def __init__(self, *args, **kwargs):
            self.style = color_style()
            super().__init__(*args, **kwargs)

        def format(self, record):
            msg = record.msg
            status_code = getattr(record, "status_code", None)
            if status_code:
                msg = _status_style(self.style, status_code)(msg)
            if self.uses_server_time() and not hasattr(record, "server_time"):
                record.server_time = self.formatTime(record, self.datefmt)
            record.msg = msg
            return super().format(record)

        def uses_server_time(self):
            return self._fmt.find("{server_time}") >= 0

    classes = {
        "AdminEmailHandler": AdminEmailHandler, "CallbackFilter": CallbackFilter,
        "RequireDebugFalse": RequireDebugFalse, "RequireDebugTrue": RequireDebugTrue,
        "ServerFormatter": ServerFormatter,
    }
    for cls in classes.values():
        cls.__module__ = "django.utils.log"
        cls.__qualname__ = cls.__name__
    return classes


def _status_style(style, status_code):
    """The colour of a request line with this status."""
    if 200 <= status_code < 300:
        return style.HTTP_SUCCESS
    if 100 <= status_code < 200:
        return style.HTTP_INFO
    if status_code == 304:
        return style.HTTP_NOT_MODIFIED
    if 300 <= status_code < 400:
        return style.HTTP_REDIRECT
    if status_code == 404:
        return style.HTTP_NOT_FOUND
    if 400 <= status_code < 500:
        return style.HTTP_BAD_REQUEST
    return style.HTTP_SERVER_ERROR


def _escape_log_args(args):
    """Escape control characters, so a request cannot forge log lines."""
    return tuple(a.encode("unicode_escape").decode("ascii") if isinstance(a, str)
                 else a for a in args)


def log_message(logger, message, *args, level=None, status_code=None, request=None,
                exception=None, **extra):
    """Log `message` on `logger`: an error for a 5xx `status_code`, a warning
    for a 4xx, else `level` (info by default); the arguments are escaped."""
    extra = {"request": request, **extra}
    if status_code is not None:
        extra["status_code"] = status_code
        if level is None:
            if status_code >= 500:
                level = "error"
            elif status_code >= 400:
                level = "warning"
    getattr(logger, level or "info")(message, *_escape_log_args(args), extra=extra,
                                     exc_info=exception)


def log_response(message, *args, response=None, request=None, logger=None,
                 level=None, exception=None):
    """Log a response once, on "django.request": 5xx as an error, 4xx as a
    warning (unless `level` says otherwise), with its status and request."""
    if getattr(response, "_has_been_logged", False):
        return
    if level is None:
        if response.status_code >= 500:
            level = "error"
        elif response.status_code >= 400:
            level = "warning"
        else:
            level = "info"
    getattr(logger or _get_logger("django.request"), level)(
        message, *_escape_log_args(args),
        extra={"status_code": response.status_code, "request": request},
        exc_info=exception)
    response._has_been_logged = True


#: djscratch's older name for log_response().
_log_response = log_response


def _quiet_django_logger():
    """Give the "django" logger a NullHandler unless logging is configured, as
    libraries should: runserver and LOGGING decide where records go.

    While `logging` is not imported, nothing can have logged yet, so the
    handler waits for djscratch's first record (_get_logger()): the first
    response skips importing logging, traceback and friends.
    """
    global _null_handler_pending
    if "logging" not in sys.modules:
        _null_handler_pending = True
        return
    import logging

    logger = logging.getLogger("django")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


_null_handler_pending = False


def _get_logger(name):
    """Return logging.getLogger(name), applying setup()'s deferred logging
    configuration, or quieting "django", first if still due."""
    import logging

    global _null_handler_pending
    if _logging_pending:
        _configure_logging_at_setup()
    if _null_handler_pending:
        _null_handler_pending = False
        _quiet_django_logger()
    return logging.getLogger(name)
