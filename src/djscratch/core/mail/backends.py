"""Email backends (django/core/mail/backends/*.py): smtp, console, filebased,
locmem and dummy.  Each is Django's `EmailBackend` of its module; the flat file
names them SmtpEmailBackend, ConsoleEmailBackend, ... (see django_alias.py).
"""

# smtplib and ssl load when mail first goes out over SMTP: ssl alone adds
# about 3 MiB to a process that never sends any.

import copy
import datetime
import os
import sys
import threading

from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.core.mail.message import DNS_NAME, sanitize_address

__all__ = [
    "BaseEmailBackend", "SmtpEmailBackend", "ConsoleEmailBackend",
    "FileEmailBackend", "LocmemEmailBackend", "DummyEmailBackend",
]


class BaseEmailBackend:
    """What every backend does; `with backend:` opens and closes it."""

    def __init__(self, fail_silently=False, **kwargs):
        self.fail_silently = fail_silently

    def open(self):
        """Open a connection (a backend that has one overrides this)."""

    def close(self):
        """Close the connection open() made."""

    def __enter__(self):
        try:
            self.open()
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def send_messages(self, email_messages):
        """Send the messages; return how many were sent."""
        raise NotImplementedError(
            "subclasses of BaseEmailBackend must override send_messages() method")


def _setting_unless_given(value, name):
    return getattr(settings, name) if value is None else value


class SmtpEmailBackend(BaseEmailBackend):
    """Send over SMTP (smtplib) to EMAIL_HOST:EMAIL_PORT."""

    def __init__(self, host=None, port=None, username=None, password=None,
                 use_tls=None, fail_silently=False, use_ssl=None, timeout=None,
                 ssl_keyfile=None, ssl_certfile=None, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.host = host or settings.EMAIL_HOST
        self.port = port or settings.EMAIL_PORT
        self.username = _setting_unless_given(username, "EMAIL_HOST_USER")
        self.password = _setting_unless_given(password, "EMAIL_HOST_PASSWORD")
        self.use_tls = _setting_unless_given(use_tls, "EMAIL_USE_TLS")
        self.use_ssl = _setting_unless_given(use_ssl, "EMAIL_USE_SSL")
        self.timeout = _setting_unless_given(timeout, "EMAIL_TIMEOUT")
        self.ssl_keyfile = _setting_unless_given(ssl_keyfile, "EMAIL_SSL_KEYFILE")
        self.ssl_certfile = _setting_unless_given(ssl_certfile, "EMAIL_SSL_CERTFILE")
        if self.use_ssl and self.use_tls:
            raise ValueError(
                "EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set "
                "one of those settings to True.")
        self.connection = None
        self._partial_connection = None  # connected, not yet logged in
        self._lock = threading.RLock()

    @property
    def connection_class(self):
        import smtplib

        return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

    @cached_property
    def ssl_context(self):
        import ssl

        if self.ssl_certfile or self.ssl_keyfile:
            context = ssl.SSLContext(protocol=ssl.PROTOCOL_TLS_CLIENT)
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
            return context
        return ssl.create_default_context()

    def open(self):
        """Connect (once); True if a new connection was made, None if the
        attempt failed silently."""
        if self.connection:
            return False
        if self._partial_connection is not None:
            self._close_connection(self._partial_connection)
            self._partial_connection = None
        params = {"local_hostname": DNS_NAME.get_fqdn()}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        try:
            self._partial_connection = self.connection_class(
                self.host, self.port, **params)
            if self.use_tls:
                self._partial_connection.starttls(context=self.ssl_context)
            if self.username and self.password:
                self._partial_connection.login(self.username, self.password)
        except OSError:  # smtplib's errors are OSErrors too
            if not self.fail_silently:
                raise
            return None
        self.connection, self._partial_connection = self._partial_connection, None
        return True

    def _close_connection(self, connection):
        import smtplib
        import ssl

        try:
            connection.quit()
        except (ssl.SSLError, smtplib.SMTPServerDisconnected):
            connection.close()  # the server went away: just drop the socket
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise

    def close(self):
        """Say QUIT and drop the connection."""
        for attribute in ("_partial_connection", "connection"):
            connection = getattr(self, attribute)
            if connection is not None:
                try:
                    self._close_connection(connection)
                finally:
                    setattr(self, attribute, None)

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        with self._lock:
            opened = self.open()
            if not self.connection or opened is None:
                return 0
            sent = 0
            try:
                for message in email_messages:
                    sent += bool(self._send(message))
            finally:
                if opened:
                    self.close()
        return sent

    def _send(self, email_message):
        import smtplib

        recipients = email_message.recipients()
        if not recipients:
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in recipients]
        data = email_message.message().as_bytes(linesep="\r\n")
        try:
            self.connection.sendmail(sender, recipients, data)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


class ConsoleEmailBackend(BaseEmailBackend):
    """Write each message to a stream (stdout), then a line of dashes."""

    def __init__(self, *args, **kwargs):
        self.stream = kwargs.pop("stream", sys.stdout)
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def write_message(self, message):
        msg = message.message()
        charset = msg.get_charset()
        charset = charset.get_output_charset() if charset else "utf-8"
        self.stream.write("%s\n" % msg.as_bytes().decode(charset))
        self.stream.write("-" * 79)
        self.stream.write("\n")

    def send_messages(self, email_messages):
        if not email_messages:
            return None
        sent = 0
        with self._lock:
            try:
                opened = self.open()
                for message in email_messages:
                    self.write_message(message)
                    self.stream.flush()
                    sent += 1
                if opened:
                    self.close()
            except Exception:
                if not self.fail_silently:
                    raise
        return sent


class FileEmailBackend(ConsoleEmailBackend):
    """Append messages to a file per backend instance in EMAIL_FILE_PATH."""

    def __init__(self, *args, file_path=None, **kwargs):
        self._fname = None
        if file_path is None:
            file_path = getattr(settings, "EMAIL_FILE_PATH", None)
        if file_path is None:
            raise ImproperlyConfigured(
                "The filebased email backend needs the EMAIL_FILE_PATH setting "
                "(or file_path=).")
        self.file_path = os.path.abspath(file_path)
        try:
            os.makedirs(self.file_path, exist_ok=True)
        except FileExistsError:
            raise ImproperlyConfigured(
                "Path for saving email messages exists, but is not a directory: %s"
                % self.file_path)
        except OSError as err:
            raise ImproperlyConfigured(
                "Could not create directory for saving email messages: %s (%s)"
                % (self.file_path, err))
        if not os.access(self.file_path, os.W_OK):
            raise ImproperlyConfigured(
                "Could not write to directory: %s" % self.file_path)
        kwargs["stream"] = None
        super().__init__(*args, **kwargs)

    def write_message(self, message):
        self.stream.write(message.message().as_bytes() + b"\n")
        self.stream.write(b"-" * 79)
        self.stream.write(b"\n")

    def _get_filename(self):
        """This backend's file: <timestamp>-<id>.log."""
        if self._fname is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{abs(id(self))}.log")
        return self._fname

    def open(self):
        if self.stream is None:
            self.stream = open(self._get_filename(), "ab")
            return True
        return False

    def close(self):
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None


def _mail_module():
    """The `django.core.mail` module, where tests read `mail.outbox` (a
    stand-in where no `django` can be imported at all)."""
    import importlib

    try:
        return importlib.import_module("django.core.mail")
    except ImportError:
        return _OUTBOX_HOLDER


_OUTBOX_HOLDER = type(sys)("djscratch outbox")


class LocmemEmailBackend(BaseEmailBackend):
    """Keep messages in `django.core.mail.outbox` (the tests' backend)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mail = _mail_module()
        if not hasattr(mail, "outbox"):
            mail.outbox = []

    def send_messages(self, messages):
        mail = _mail_module()
        sent = 0
        for message in messages:
            message.message()  # refuses bad headers, as sending would
            mail.outbox.append(copy.deepcopy(message))
            sent += 1
        return sent


class DummyEmailBackend(BaseEmailBackend):
    """Send nothing; report every message as sent."""

    def send_messages(self, email_messages):
        return len(list(email_messages))
