"""django.core.mail: the MIME EmailMessage builds (recorded from real Django 5.2
by tests/gen_mail_expected.py), header-injection refusal, the shortcuts, the
five backends (smtp against a loopback SMTP sink) and mail.outbox in tests.
"""

import io
import json
import os
import socketserver
import tempfile
import threading

from tests import TEST_SETTINGS
from tests.mail_cases import build_cases, normalised

import djscratch  # noqa: F401  (installs the django.* alias)
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.core.mail import (
    BadHeaderError, EmailMessage, EmailMultiAlternatives, get_connection,
    mail_admins, mail_managers, send_mail, send_mass_mail,
)
from django.test import SimpleTestCase, override_settings

with open(os.path.join(os.path.dirname(__file__), "mail_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


@override_settings(**TEST_SETTINGS)
class MessageMatchesDjangoTests(SimpleTestCase):
    def test_every_case_matches_django(self):
        cases = build_cases()
        self.assertEqual(sorted(cases), sorted(EXPECTED))
        for name, message in cases.items():
            with self.subTest(name):
                self.assertEqual(normalised(message), EXPECTED[name]["mime"])
                self.assertEqual(message.recipients(), EXPECTED[name]["recipients"])

    def test_date_and_message_id_are_set(self):
        msg = EmailMessage("s", "b", "f@example.com", ["t@example.com"]).message()
        self.assertTrue(msg["Date"])
        self.assertRegex(msg["Message-ID"], r"^<\S+@\S+>$")


@override_settings(**TEST_SETTINGS)
class HeaderInjectionTests(SimpleTestCase):
    def test_newline_in_subject_is_refused(self):
        message = EmailMessage("Subject\nInjected: yes", "b", "f@example.com",
                               ["t@example.com"])
        with self.assertRaisesMessage(BadHeaderError, "Header values can't contain"):
            message.message()

    def test_newline_in_extra_header_and_recipient_is_refused(self):
        for kwargs in ({"headers": {"X-A": "a\r\nB: c"}},
                       {"to": ["t@example.com\nBcc: evil@example.com"]}):
            with self.subTest(kwargs), self.assertRaises(BadHeaderError):
                EmailMessage("s", "b", "f@example.com",
                             **{"to": ["t@example.com"], **kwargs}).message()

    def test_locmem_send_checks_headers(self):
        with self.assertRaises(BadHeaderError):
            send_mail("a\nb", "body", "f@example.com", ["t@example.com"])
        self.assertEqual(mail.outbox, [])

    def test_a_string_recipient_list_is_refused(self):
        with self.assertRaisesMessage(TypeError, '"to" argument must be a list'):
            EmailMessage("s", "b", "f@example.com", "t@example.com")


@override_settings(**TEST_SETTINGS)
class OutboxTests(SimpleTestCase):
    def test_tests_use_the_locmem_backend(self):
        self.assertEqual(settings.EMAIL_BACKEND,
                         "django.core.mail.backends.locmem.EmailBackend")

    def test_outbox_starts_empty_one(self):
        self.assertEqual(mail.outbox, [])
        send_mail("one", "body", "f@example.com", ["t@example.com"])
        self.assertEqual(len(mail.outbox), 1)

    def test_outbox_starts_empty_two(self):
        self.assertEqual(mail.outbox, [])
        send_mail("two", "body", "f@example.com", ["t@example.com"])
        self.assertEqual([m.subject for m in mail.outbox], ["two"])

    def test_lazy_addresses_reach_the_outbox(self):
        # The locmem backend deep-copies the message: lazy text copies as is.
        from django.utils.translation import gettext_lazy

        self.assertEqual(send_mail("s", "b", gettext_lazy("tester"),
                                   [gettext_lazy("django")]), 1)
        message = mail.outbox[0].message()
        self.assertEqual((message["From"], message["To"]), ("tester", "django"))

    def test_mimetext_is_django_s_name_for_the_standard_class(self):
        import email.mime.text

        from django.core.mail import message

        self.assertIs(message.MIMEText, email.mime.text.MIMEText)

    def test_send_mail_with_html_message(self):
        count = send_mail("s", "text", None, ["a@example.com", "b@example.com"],
                          html_message="<p>html</p>")
        self.assertEqual(count, 1)
        sent = mail.outbox[0]
        self.assertIsInstance(sent, EmailMultiAlternatives)
        self.assertEqual(sent.from_email, "webmaster@localhost")
        self.assertEqual(sent.to, ["a@example.com", "b@example.com"])
        self.assertEqual(sent.alternatives, [("<p>html</p>", "text/html")])
        self.assertFalse(sent.body_contains("text"))  # not in the HTML part
        self.assertFalse(sent.body_contains("html"))  # not in the text body

    def test_send_mass_mail(self):
        count = send_mass_mail([
            ("s1", "m1", "f@example.com", ["a@example.com"]),
            ("s2", "m2", "f@example.com", ["b@example.com"]),
        ])
        self.assertEqual(count, 2)
        self.assertEqual([m.subject for m in mail.outbox], ["s1", "s2"])

    @override_settings(ADMINS=[("Ann", "ann@example.com")],
                       MANAGERS=[("Bob", "bob@example.com")],
                       SERVER_EMAIL="server@example.com")
    def test_mail_admins_and_managers(self):
        mail_admins("broken", "trace", html_message="<pre>trace</pre>")
        mail_managers("report", "text")
        admins, managers = mail.outbox
        self.assertEqual((admins.subject, admins.to, admins.from_email),
                         ("[Django] broken", ["ann@example.com"], "server@example.com"))
        self.assertEqual(admins.alternatives[0].mimetype, "text/html")
        self.assertEqual((managers.subject, managers.to),
                         ("[Django] report", ["bob@example.com"]))

    def test_mail_admins_without_admins_sends_nothing(self):
        self.assertEqual(settings.ADMINS, [])
        mail_admins("s", "m")
        self.assertEqual(mail.outbox, [])

    @override_settings(ADMINS=["ann@example.com"])
    def test_admins_must_be_pairs(self):
        with self.assertRaisesMessage(
                ValueError, "The ADMINS setting must be a list of 2-tuples."):
            mail_admins("s", "m")

    def test_no_recipients_sends_nothing(self):
        self.assertEqual(EmailMessage("s", "b", "f@example.com").send(), 0)
        self.assertEqual(mail.outbox, [])


@override_settings(**TEST_SETTINGS)
class SendTestEmailCommandTests(SimpleTestCase):
    @override_settings(ADMINS=[("Ann", "ann@example.com")],
                       MANAGERS=[("Bob", "bob@example.com")])
    def test_sends_to_the_addresses_admins_and_managers(self):
        call_command("sendtestemail", "a@example.com", "b@example.com",
                     "--managers", "--admins")
        direct, managers, admins = mail.outbox
        self.assertTrue(direct.subject.startswith("Test email from "))
        self.assertEqual(direct.to, ["a@example.com", "b@example.com"])
        self.assertEqual(direct.body, "If you're reading this, it was successful.")
        self.assertEqual(managers.to, ["bob@example.com"])
        self.assertEqual(managers.body, "This email was sent to the site managers.")
        self.assertEqual(admins.subject, "[Django] " + direct.subject)
        self.assertEqual(admins.body, "This email was sent to the site admins.")

    def test_needs_a_recipient(self):
        with self.assertRaisesMessage(CommandError, "You must specify some email "
                                      "recipients, or pass the --managers or "
                                      "--admin options."):
            call_command("sendtestemail")


@override_settings(**TEST_SETTINGS)
class AttachmentTests(SimpleTestCase):
    def test_attach_file_guesses_type(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "notes.txt")
            with open(path, "wb") as f:
                f.write(b"hello")
            message = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
            message.attach_file(path)
        self.assertEqual(message.attachments, [("notes.txt", "hello", "text/plain")])
        parts = message.message().get_payload()
        self.assertEqual(parts[1].get_filename(), "notes.txt")

    def test_attach_needs_content(self):
        message = EmailMessage()
        with self.assertRaisesMessage(ValueError, "content must be provided."):
            message.attach("a.txt")

    def test_attach_alternative_needs_both(self):
        with self.assertRaisesMessage(
                ValueError, "Both content and mimetype must be provided."):
            EmailMultiAlternatives().attach_alternative("x", None)


@override_settings(**TEST_SETTINGS)
class BackendTests(SimpleTestCase):
    def message(self):
        return EmailMessage("Subject", "Body", "f@example.com", ["t@example.com"])

    def test_backend_paths_resolve(self):
        from django.core.mail.backends.locmem import EmailBackend as Locmem
        from django.core.mail.backends.smtp import EmailBackend as Smtp

        self.assertIsInstance(get_connection(), Locmem)
        self.assertIsInstance(
            get_connection("django.core.mail.backends.smtp.EmailBackend"), Smtp)

    def test_console_backend_writes_the_message(self):
        stream = io.StringIO()
        connection = get_connection("django.core.mail.backends.console.EmailBackend",
                                    stream=stream)
        self.assertEqual(connection.send_messages([self.message()]), 1)
        text = stream.getvalue()
        self.assertIn("Subject: Subject\n", text)
        self.assertTrue(text.endswith("\nBody\n" + "-" * 79 + "\n"))

    def test_filebased_backend_writes_a_file(self):
        with tempfile.TemporaryDirectory() as folder:
            with self.settings(EMAIL_FILE_PATH=folder):
                connection = get_connection(
                    "django.core.mail.backends.filebased.EmailBackend")
            self.assertEqual(connection.send_messages([self.message()] * 2), 2)
            (name,) = os.listdir(folder)
            with open(os.path.join(folder, name), "rb") as f:
                content = f.read()
        self.assertEqual(content.count(b"Subject: Subject\n"), 2)
        self.assertEqual(content.count(b"-" * 79), 2)

    def test_dummy_backend_sends_nothing(self):
        connection = get_connection("django.core.mail.backends.dummy.EmailBackend")
        self.assertEqual(connection.send_messages([self.message()]), 1)
        self.assertEqual(mail.outbox, [])


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) to accept mail; smtpd is gone in 3.12."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ready")
        envelope = {"rcpt": []}
        while True:
            line = self.rfile.readline().decode().rstrip("\r\n")
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250-sink")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 sink")
            elif verb == "MAIL":
                envelope["from"] = line.split(":", 1)[1].split()[0]
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt"].append(line.split(":", 1)[1].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data.append(chunk)
                envelope["data"] = b"".join(data)
                self.server.received.append(envelope)
                envelope = {"rcpt": []}
                self.reply("250 OK")
            elif verb == "QUIT" or not line:
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


@override_settings(**TEST_SETTINGS)
class SmtpBackendTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink)
        cls.server.daemon_threads = True
        cls.server.received = []
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        self.server.received.clear()

    def connection(self, **kwargs):
        return get_connection("django.core.mail.backends.smtp.EmailBackend",
                              host="127.0.0.1", port=self.server.server_address[1],
                              **kwargs)

    def test_sends_over_smtp(self):
        message = EmailMessage("Hi", "Body\n.starts with a dot", "Me <f@example.com>",
                               ["t@example.com"], cc=["c@example.com"],
                               bcc=["b@example.com"])
        self.assertEqual(self.connection().send_messages([message]), 1)
        (envelope,) = self.server.received
        self.assertEqual(envelope["from"], "<f@example.com>")
        self.assertEqual(envelope["rcpt"],
                         ["<t@example.com>", "<c@example.com>", "<b@example.com>"])
        self.assertIn(b"Subject: Hi\r\n", envelope["data"])
        self.assertNotIn(b"b@example.com", envelope["data"])  # bcc stays hidden
        self.assertIn(b"\r\n..starts with a dot", envelope["data"])  # dot-stuffed

    def test_one_connection_for_many_messages(self):
        messages = [EmailMessage(f"m{i}", "b", "f@example.com", ["t@example.com"])
                    for i in range(3)]
        with self.connection() as connection:
            self.assertEqual(connection.send_messages(messages), 3)
        self.assertEqual(len(self.server.received), 3)

    def test_send_mail_through_smtp(self):
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                           EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=self.server.server_address[1]):
            self.assertEqual(
                send_mail("s", "b", "f@example.com", ["t@example.com"]), 1)
        self.assertEqual(len(self.server.received), 1)

    def test_connection_refused_fails_loudly_or_silently(self):
        with socketserver.TCPServer(("127.0.0.1", 0), _SmtpSink) as closed:
            port = closed.server_address[1]
        backend = "django.core.mail.backends.smtp.EmailBackend"
        message = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
        with self.assertRaises(OSError):
            get_connection(backend, host="127.0.0.1", port=port).send_messages(
                [message])
        quiet = get_connection(backend, host="127.0.0.1", port=port,
                               fail_silently=True)
        self.assertEqual(quiet.send_messages([message]), 0)

    def test_cve_2026_7666_failed_starttls_never_sends_in_clear(self):
        # The sink does not offer STARTTLS, so starttls() fails. A backend that
        # kept the half-open connection sent the next message unencrypted.
        message = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
        quiet = self.connection(use_tls=True, fail_silently=True)
        self.assertEqual(quiet.send_messages([message]), 0)
        self.assertIsNone(quiet.connection)
        self.assertIsNone(quiet.open())
        self.assertEqual(quiet.send_messages([message]), 0)
        quiet.close()
        self.assertEqual(self.server.received, [])
        loud = self.connection(use_tls=True)
        with self.assertRaisesMessage(Exception, "STARTTLS extension not supported"):
            loud.send_messages([message])
        loud.close()  # the half-open connection is closed, never reused
        self.assertEqual(self.server.received, [])

    def test_tls_and_ssl_are_exclusive(self):
        with self.assertRaisesMessage(ValueError, "mutually exclusive"):
            self.connection(use_tls=True, use_ssl=True)


@override_settings(**TEST_SETTINGS)
class PicklingTests(SimpleTestCase):
    """Messages pickle by reference to their classes (a queue that sends
    later), though the single file defines the module on first use."""

    def test_a_message_survives_pickling(self):
        import pickle

        from django.core.mail import EmailMultiAlternatives

        message = EmailMultiAlternatives("Subject", "Body", "from@example.com",
                                         ["to@example.com"])
        message.attach_alternative("<p>Body</p>", "text/html")
        message.attach("a.txt", "text", "text/plain")
        restored = pickle.loads(pickle.dumps(message))
        self.assertIs(type(restored), EmailMultiAlternatives)
        self.assertEqual(restored.alternatives, message.alternatives)
        self.assertEqual(restored.attachments, message.attachments)
        self.assertEqual(EmailMultiAlternatives.__qualname__,
                         "EmailMultiAlternatives")
