"""The classes of django/utils/log.py that subclass the logging package's
(AdminEmailHandler, CallbackFilter, RequireDebugFalse/True, ServerFormatter),
made by _make_logging_classes() when one is first asked for: the single file
builds the function itself on first use too (a deferred section).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.mail.sending.
import djscratch

from djscratch.conf import settings
from djscratch.core.management.color import color_style
from djscratch.utils.module_loading import import_string
from djscratch.utils.log import _DEFAULT_REPORTER, _status_style


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
