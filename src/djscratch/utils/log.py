"""Logging helpers (django/utils/log.py): the response logger and
the `django` logger that stays quiet until configured.
"""

import sys


def _log_response(message, *args, response=None, request=None, logger=None,
                  level=None, exception=None):
    """Log a 4xx (warning) or 5xx (error) response once, on django.request."""
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
    getattr(logger or _get_logger("django.request"), level)(
        message, *args, extra={"status_code": response.status_code, "request": request},
        exc_info=exception)
    response._has_been_logged = True


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
    """Return logging.getLogger(name), quieting "django" first if still due."""
    import logging

    global _null_handler_pending
    if _null_handler_pending:
        _null_handler_pending = False
        _quiet_django_logger()
    return logging.getLogger(name)
