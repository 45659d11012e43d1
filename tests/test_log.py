"""django.utils.log: configure_logging(), AdminEmailHandler with its options,
ServerFormatter and log_message(), as Django's behave (the records and
mails Django's own tests look for)."""

import logging
import subprocess
import sys
import unittest

from tests import TEST_SETTINGS

from django.core import mail
from django.test import RequestFactory, override_settings
from django.utils.log import (
    DEFAULT_LOGGING, AdminEmailHandler, ServerFormatter, configure_logging, log_message,
)
from django.views.debug import ExceptionReporter


class CustomReporter(ExceptionReporter):
    def get_traceback_text(self):
        return "custom report"


def _record(message="Internal Server Error: %s", args=("/x/",), exc_info=None,
            request=None):
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, message,
                               args, exc_info)
    if request is not None:
        record.request = request
    return record


MAIL_SETTINGS = dict(TEST_SETTINGS, ADMINS=[("Admin", "admin@example.com")],
                     EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                     ROOT_URLCONF="tests.test_debug_views_empty_urls")


@override_settings(**MAIL_SETTINGS)
class AdminEmailHandlerTests(unittest.TestCase):
    def setUp(self):
        mail.outbox = []

    def test_mails_the_report_with_the_request(self):
        request = RequestFactory().get("/x/", REMOTE_ADDR="192.0.2.1")
        AdminEmailHandler().emit(_record(request=request))
        (message,) = mail.outbox
        self.assertEqual(message.subject,
                         "[Django] ERROR (EXTERNAL IP): Internal Server Error: /x/")
        self.assertIn("Request Method: GET", message.body)
        self.assertEqual(message.alternatives, [])

    def test_include_html_and_reporter_class(self):
        handler = AdminEmailHandler(include_html=True,
                                    reporter_class="tests.test_log.CustomReporter")
        handler.emit(_record())
        (message,) = mail.outbox
        self.assertEqual(message.subject, "[Django] ERROR: Internal Server Error: /x/")
        self.assertTrue(message.body.endswith("custom report"))
        self.assertEqual(message.alternatives[0][1], "text/html")

    def test_email_backend_and_no_admins(self):
        handler = AdminEmailHandler(
            email_backend="django.core.mail.backends.dummy.EmailBackend")
        handler.emit(_record())
        self.assertEqual(mail.outbox, [])
        with override_settings(ADMINS=[]):
            AdminEmailHandler().emit(_record())
        self.assertEqual(mail.outbox, [])

    def test_subject_newlines_are_escaped(self):
        AdminEmailHandler().emit(_record(args=("/a\nb\rc",)))
        self.assertIn("/a\\nb\\rc", mail.outbox[0].subject)


class FormatterAndHelpersTests(unittest.TestCase):
    def test_server_formatter_adds_server_time(self):
        formatter = ServerFormatter(fmt="[{server_time}] {message}", style="{",
                                    datefmt="%Y")
        record = logging.LogRecord("django.server", logging.INFO, "f", 1,
                                   "GET / 200", (), None)
        self.assertRegex(formatter.format(record), r"^\[\d{4}\] GET / 200$")

    def test_log_message_levels_by_status(self):
        logger = logging.getLogger("tests.test_log")
        with self.assertLogs(logger, "DEBUG") as logs:
            log_message(logger, "%s", "a\nb", status_code=503)
            log_message(logger, "gone", status_code=410)
            log_message(logger, "fine", status_code=200)
        self.assertEqual([(r.levelname, r.getMessage(), r.status_code)
                          for r in logs.records],
                         [("ERROR", "a\\nb", 503), ("WARNING", "gone", 410),
                          ("INFO", "fine", 200)])

    def test_configure_logging_without_a_config_function_does_nothing(self):
        configure_logging(None, {"version": 1, "root": {"level": "CRITICAL"}})
        self.assertNotEqual(logging.getLogger().level, logging.CRITICAL)


_SETUP_SCRIPT = r"""
import djscratch
from django.conf import settings
import django

settings.configure(LOGGING={"version": 1, "disable_existing_loggers": False,
                            "loggers": {"tests.x": {"level": "WARNING"}}})
django.setup()
import logging
print(sorted(type(h).__name__ for h in logging.getLogger("django").handlers))
print(logging.getLevelName(logging.getLogger("tests.x").level))
print([type(h).__name__ for h in logging.getLogger("django.server").handlers])
"""


class SetupTests(unittest.TestCase):
    def test_setup_applies_default_logging_then_logging(self):
        import os

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PYTHONPATH=root)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, "-c", _SETUP_SCRIPT], cwd=root,
                              env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), [
            "['AdminEmailHandler', 'StreamHandler']", "WARNING", "['StreamHandler']"])

    def test_default_logging_is_djangos(self):
        self.assertEqual(DEFAULT_LOGGING["loggers"]["django"],
                         {"handlers": ["console", "mail_admins"], "level": "INFO"})
