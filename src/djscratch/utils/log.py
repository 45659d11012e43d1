"""Logging (django/utils/log.py): DEFAULT_LOGGING and configure_logging(),
the handler that mails errors to ADMINS, the filters and the runserver
formatter, and log_response() for the "django.request" logger.
"""

import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.mail.sending, utils.log_classes.
import djscratch

from djscratch.conf import settings
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
        _log_classes = djscratch.utils.log_classes._make_logging_classes()
    return _log_classes


_log_classes = None
_DEFAULT_REPORTER = "django.views.debug.ExceptionReporter"


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
