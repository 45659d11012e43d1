"""Email messages (django/core/mail/message.py, django/core/mail/utils.py):
EmailMessage and EmailMultiAlternatives build the same MIME as Django's, from
the standard library's email package, and refuse header injection.
"""

import collections
import email.charset
import email.encoders
import email.errors
import email.generator
import email.header
import email.headerregistry
import email.message
import email.mime.base
import email.mime.message
import email.mime.multipart
import email.mime.text
import email.utils
import io
import mimetypes
import pathlib
import socket

from djscratch.utils.encoding import force_bytes, force_str
from djscratch.conf import settings
from djscratch.http.response import BadHeaderError

__all__ = [
    "EmailMessage", "EmailMultiAlternatives", "SafeMIMEText", "SafeMIMEMultipart",
    "SafeMIMEMessage", "DNS_NAME", "make_msgid", "forbid_multi_line_headers",
    "sanitize_address", "DEFAULT_ATTACHMENT_MIME_TYPE",
]

# UTF-8 bodies go out as 8bit, not base64 (spam filters frown on base64 text);
# a body with a line longer than RFC 5322 allows is quoted-printable instead,
# which wraps it.
_UTF8_8BIT = email.charset.Charset("utf-8")
_UTF8_8BIT.body_encoding = None
_UTF8_QP = email.charset.Charset("utf-8")
_UTF8_QP.body_encoding = email.charset.QP

#: The standard library's MIMEText under the name Django's module has for it
#: (tests patch django.core.mail.message.MIMEText.set_payload).
MIMEText = email.mime.text.MIMEText

DEFAULT_ATTACHMENT_MIME_TYPE = "application/octet-stream"
RFC5322_EMAIL_LINE_LENGTH_LIMIT = 998

#: Headers holding addresses: non-ASCII names in them are encoded per address.
ADDRESS_HEADERS = frozenset(
    "from sender reply-to to cc bcc resent-from resent-sender resent-to "
    "resent-cc resent-bcc".split())

make_msgid = email.utils.make_msgid

EmailAlternative = collections.namedtuple(
    "EmailAlternative", ["content", "mimetype"])
EmailAttachment = collections.namedtuple(
    "EmailAttachment", ["filename", "content", "mimetype"])


class CachedDnsName:
    """This host's fully qualified name, looked up once (Message-ID domain)."""

    def __str__(self):
        return self.get_fqdn()

    def get_fqdn(self):
        if not hasattr(self, "_fqdn"):
            self._fqdn = _punycode(socket.getfqdn())
        return self._fqdn


DNS_NAME = CachedDnsName()


def _punycode(domain):
    """An internationalised domain name in its ASCII (IDNA) form."""
    return domain.encode("idna").decode("ascii")


def forbid_multi_line_headers(name, val, encoding):
    """Refuse a header value with a newline (header injection); encode a
    non-ASCII value as an RFC 2047 word.  Return (name, value)."""
    encoding = encoding or settings.DEFAULT_CHARSET
    val = str(val)  # a lazy translation becomes text here
    if "\n" in val or "\r" in val:
        raise BadHeaderError(
            "Header values can't contain newlines (got %r for header %r)"
            % (val, name))
    if not val.isascii():
        if name.lower() in ADDRESS_HEADERS:
            val = ", ".join(
                sanitize_address(addr, encoding)
                for addr in email.utils.getaddresses((val,)))
        else:
            val = email.header.Header(val, encoding).encode()
    elif name.lower() == "subject":
        val = email.header.Header(val).encode()  # folds a long subject
    return name, val


def _split_address(addr):
    """(display name, local part, domain) of an address string."""
    try:
        token, rest = email.headerregistry.parser.get_mailbox(force_str(addr))
    except (email.errors.HeaderParseError, ValueError, IndexError):
        raise ValueError('Invalid address "%s"' % addr)
    if rest:
        raise ValueError(
            'Invalid address; only %s could be parsed from "%s"' % (token, addr))
    return token.display_name or "", token.local_part, token.domain or ""


def sanitize_address(addr, encoding):
    """Format an address string or a (name, address) pair for the envelope
    and headers, encoding what is not ASCII."""
    if isinstance(addr, tuple):
        name, address = addr
        if "@" not in address:
            raise ValueError(f'Invalid address "{address}"')
        localpart, domain = address.rsplit("@", 1)
    else:
        name, localpart, domain = _split_address(addr)
    if any(c in name + localpart + domain for c in "\r\n"):
        raise ValueError("Invalid address; address parts cannot contain newlines.")
    name = email.header.Header(name, None if name.isascii() else encoding).encode()
    if not localpart.isascii():
        localpart = email.header.Header(localpart, encoding).encode()
    spec = email.headerregistry.Address(
        username=localpart, domain=_punycode(domain)).addr_spec
    return email.utils.formataddr((name, spec))


class MIMEMixin:
    """as_string()/as_bytes() that leave a body line starting "From " alone
    (the standard library would write ">From ")."""

    def as_string(self, unixfrom=False, linesep="\n"):
        out = io.StringIO()
        email.generator.Generator(out, mangle_from_=False).flatten(
            self, unixfrom=unixfrom, linesep=linesep)
        return out.getvalue()

    def as_bytes(self, unixfrom=False, linesep="\n"):
        out = io.BytesIO()
        email.generator.BytesGenerator(out, mangle_from_=False).flatten(
            self, unixfrom=unixfrom, linesep=linesep)
        return out.getvalue()


class SafeMIMEMessage(MIMEMixin, email.mime.message.MIMEMessage):
    """An attached message/rfc822 part; its headers must be ASCII."""

    def __setitem__(self, name, val):
        email.mime.message.MIMEMessage.__setitem__(
            self, *forbid_multi_line_headers(name, val, "ascii"))


class SafeMIMEText(MIMEMixin, email.mime.text.MIMEText):
    """A text part whose headers refuse newlines."""

    def __init__(self, _text, _subtype="plain", _charset=None):
        self.encoding = _charset
        email.mime.text.MIMEText.__init__(
            self, _text, _subtype=_subtype, _charset=_charset)

    def __setitem__(self, name, val):
        email.mime.text.MIMEText.__setitem__(
            self, *forbid_multi_line_headers(name, val, self.encoding))

    def set_payload(self, payload, charset=None):
        if charset == "utf-8" and not isinstance(charset, email.charset.Charset):
            too_long = any(
                len(line.encode(errors="surrogateescape"))
                > RFC5322_EMAIL_LINE_LENGTH_LIMIT
                for line in payload.splitlines())
            charset = _UTF8_QP if too_long else _UTF8_8BIT
        email.mime.text.MIMEText.set_payload(self, payload, charset=charset)


class SafeMIMEMultipart(MIMEMixin, email.mime.multipart.MIMEMultipart):
    """A multipart container whose headers refuse newlines."""

    def __init__(self, _subtype="mixed", boundary=None, _subparts=None,
                 encoding=None, **_params):
        self.encoding = encoding
        email.mime.multipart.MIMEMultipart.__init__(
            self, _subtype, boundary, _subparts, **_params)

    def __setitem__(self, name, val):
        email.mime.multipart.MIMEMultipart.__setitem__(
            self, *forbid_multi_line_headers(name, val, self.encoding))


def _address_list(value, argument):
    """A to/cc/bcc/reply_to argument as a list; a lone string is a mistake
    (it would be mailed letter by letter)."""
    if not value:
        return []
    if isinstance(value, str):
        raise TypeError(f'"{argument}" argument must be a list or tuple')
    return list(value)


class EmailMessage:
    """One email, to one or more recipients."""

    content_subtype = "plain"
    mixed_subtype = "mixed"
    encoding = None  # None: settings.DEFAULT_CHARSET

    def __init__(self, subject="", body="", from_email=None, to=None, bcc=None,
                 connection=None, attachments=None, headers=None, cc=None,
                 reply_to=None):
        self.to = _address_list(to, "to")
        self.cc = _address_list(cc, "cc")
        self.bcc = _address_list(bcc, "bcc")
        self.reply_to = _address_list(reply_to, "reply_to")
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self.subject = subject
        self.body = body or ""
        self.attachments = []
        for attachment in attachments or ():
            if isinstance(attachment, email.mime.base.MIMEBase):
                self.attach(attachment)
            else:
                self.attach(*attachment)
        self.extra_headers = headers or {}
        self.connection = connection

    def get_connection(self, fail_silently=False):
        """The backend this message is sent with (EMAIL_BACKEND by default)."""
        if not self.connection:
            import djscratch

            self.connection = djscratch.get_connection(fail_silently=fail_silently)
        return self.connection

    def _charset(self):
        return self.encoding or settings.DEFAULT_CHARSET

    def message(self):
        """The message as a MIME object (a SafeMIMEText or SafeMIMEMultipart)."""
        msg = self._create_message(
            SafeMIMEText(self.body, self.content_subtype, self._charset()))
        msg["Subject"] = self.subject
        msg["From"] = self.extra_headers.get("From", self.from_email)
        self._set_list_header_if_not_empty(msg, "To", self.to)
        self._set_list_header_if_not_empty(msg, "Cc", self.cc)
        self._set_list_header_if_not_empty(msg, "Reply-To", self.reply_to)
        given = {name.lower() for name in self.extra_headers}
        if "date" not in given:
            msg["Date"] = email.utils.formatdate(
                localtime=settings.EMAIL_USE_LOCALTIME)
        if "message-id" not in given:
            msg["Message-ID"] = email.utils.make_msgid(domain=DNS_NAME)
        for name, value in self.extra_headers.items():
            if name.lower() not in {"from", "to", "cc", "reply-to"}:  # set above
                msg[name] = value
        return msg

    def recipients(self):
        """Every address the message goes to: to, cc and bcc."""
        return [address for address in self.to + self.cc + self.bcc if address]

    def send(self, fail_silently=False):
        """Send the message; return how many were sent (0 or 1)."""
        if not self.recipients():
            return 0  # nobody to send to: no connection either
        return self.get_connection(fail_silently).send_messages([self])

    def attach(self, filename=None, content=None, mimetype=None):
        """Attach a file's content (its type guessed from the name when not
        given), or a ready MIMEBase part.  Text given as bytes is decoded as
        UTF-8; bytes that do not decode make it application/octet-stream."""
        if isinstance(filename, email.mime.base.MIMEBase):
            if content is not None or mimetype is not None:
                raise ValueError(
                    "content and mimetype must not be given when a MIMEBase "
                    "instance is provided.")
            self.attachments.append(filename)
            return
        if content is None:
            raise ValueError("content must be provided.")
        mimetype = (mimetype or mimetypes.guess_type(filename)[0]
                    or DEFAULT_ATTACHMENT_MIME_TYPE)
        if mimetype.split("/", 1)[0] == "text" and isinstance(content, bytes):
            try:
                content = content.decode()
            except UnicodeDecodeError:
                mimetype = DEFAULT_ATTACHMENT_MIME_TYPE
        self.attachments.append(EmailAttachment(filename, content, mimetype))

    def attach_file(self, path, mimetype=None):
        """Attach the file at `path` under its own name."""
        path = pathlib.Path(path)
        self.attach(path.name, path.read_bytes(), mimetype)

    def _create_message(self, msg):
        return self._create_attachments(msg)

    def _create_attachments(self, msg):
        if not self.attachments:
            return msg
        body = msg
        msg = SafeMIMEMultipart(_subtype=self.mixed_subtype,
                                encoding=self._charset())
        if self.body or body.is_multipart():
            msg.attach(body)
        for attachment in self.attachments:
            if isinstance(attachment, email.mime.base.MIMEBase):
                msg.attach(attachment)
            else:
                msg.attach(self._create_attachment(*attachment))
        return msg

    def _create_mime_attachment(self, content, mimetype):
        """A MIME part for content of the given type: text as text, an
        attached message as message/rfc822 (never base64), the rest base64."""
        basetype, subtype = mimetype.split("/", 1)
        if basetype == "text":
            return SafeMIMEText(content, subtype, self._charset())
        if basetype == "message" and subtype == "rfc822":
            if isinstance(content, EmailMessage):
                content = content.message()
            elif not isinstance(content, email.message.Message):
                content = email.message_from_bytes(force_bytes(content))
            return SafeMIMEMessage(content, subtype)
        part = email.mime.base.MIMEBase(basetype, subtype)
        part.set_payload(content)
        email.encoders.encode_base64(part)
        return part

    def _create_attachment(self, filename, content, mimetype=None):
        part = self._create_mime_attachment(content, mimetype)
        if filename:
            if not filename.isascii():
                filename = ("utf-8", "", filename)  # RFC 2231
            part.add_header("Content-Disposition", "attachment", filename=filename)
        return part

    def _set_list_header_if_not_empty(self, msg, header, values):
        """Set a header from extra_headers when given there, else from values."""
        if header in self.extra_headers:
            msg[header] = self.extra_headers[header]
        elif values:
            msg[header] = ", ".join(str(v) for v in values)


class EmailMultiAlternatives(EmailMessage):
    """An email with alternative renderings of its body (text and HTML)."""

    alternative_subtype = "alternative"

    def __init__(self, subject="", body="", from_email=None, to=None, bcc=None,
                 connection=None, attachments=None, headers=None, alternatives=None,
                 cc=None, reply_to=None):
        super().__init__(subject, body, from_email, to, bcc, connection,
                         attachments, headers, cc, reply_to)
        self.alternatives = [EmailAlternative(*alt) for alt in alternatives or ()]

    def attach_alternative(self, content, mimetype):
        """Add another rendering of the body, e.g. (html, "text/html")."""
        if content is None or mimetype is None:
            raise ValueError("Both content and mimetype must be provided.")
        self.alternatives.append(EmailAlternative(content, mimetype))

    def _create_message(self, msg):
        return self._create_attachments(self._create_alternatives(msg))

    def _create_alternatives(self, msg):
        if not self.alternatives:
            return msg
        body = msg
        msg = SafeMIMEMultipart(_subtype=self.alternative_subtype,
                                encoding=self._charset())
        if self.body:
            msg.attach(body)
        for content, mimetype in self.alternatives:
            msg.attach(self._create_mime_attachment(content, mimetype))
        return msg

    def body_contains(self, text):
        """Whether `text` is in the body and in every text/* alternative."""
        return text in self.body and all(
            text in content for content, mimetype in self.alternatives
            if mimetype.startswith("text/"))
