"""Email messages built the same way on both engines, for tests/test_mail.py and
tests/gen_mail_expected.py: `build_cases()` imports django.core.mail (djscratch's
alias or real Django, whichever is in force) and returns {name: message}.
"""

import re


def build_cases():
    from django.core.mail import EmailMessage, EmailMultiAlternatives

    cases = {}
    cases["plain"] = EmailMessage(
        "Hello", "Body\nline", "from@example.com", ["to@example.com", "b@example.com"],
        cc=["c@example.com"], bcc=["x@example.com"], reply_to=["r@example.com"],
        headers={"X-Tag": "v"})
    cases["non_ascii"] = EmailMessage(
        "Ünïcödé sübject", "Bödy €", "Jöhn <from@example.com>",
        ["Ànna <to@exämple.com>"])
    alternatives = EmailMultiAlternatives("Alt", "text", "f@example.com",
                                          ["t@example.com"])
    alternatives.attach_alternative("<p>html</p>", "text/html")
    alternatives.attach("a.txt", b"text file", None)
    alternatives.attach("b.bin", b"\x00\x01\xff", "application/octet-stream")
    alternatives.attach("ü.pdf", b"%PDF", None)
    alternatives.attach("bad.txt", b"\xff\xfe", None)
    cases["alternatives_and_attachments"] = alternatives
    html_only = EmailMultiAlternatives("Html", "", "f@example.com", ["t@example.com"])
    html_only.attach_alternative("<b>only</b>", "text/html")
    cases["html_only"] = html_only
    cases["long_line"] = EmailMessage("long", "x" * 1200, "f@example.com",
                                      ["t@example.com"])
    cases["long_subject_and_from_line"] = EmailMessage(
        "s" * 100 + " long subject words" * 5, "From here\n", "f@example.com",
        ["t@example.com"])
    inner = EmailMessage("inner", "in", "f@example.com", ["t@example.com"],
                         headers={"Message-ID": "<1@example.com>", "Date": "d"})
    outer = EmailMessage("outer", "out", "f@example.com", ["t@example.com"])
    outer.attach(None, inner, "message/rfc822")
    cases["attached_message"] = outer
    cases["headers_override"] = EmailMessage(
        "h", "b", "f@example.com", ["t@example.com"],
        headers={"From": "Other <o@example.com>", "To": "list@example.com",
                 "Reply-To": "rr@example.com", "Message-ID": "<fixed@example.com>",
                 "Date": "Mon, 01 Jan 2024 00:00:00 -0000"})
    latin = EmailMessage("latin", "café", "f@example.com", ["t@example.com"])
    latin.encoding = "iso-8859-1"
    cases["latin1_encoding"] = latin
    return cases


def normalised(message):
    """message.message().as_bytes() with what differs per run (the Date and
    Message-ID it makes, the multipart boundaries) replaced by fixed text."""
    text = message.message().as_bytes().decode("utf-8", "replace")
    text = re.sub(r"Message-ID: <\d+\.\d+\.\d+@[^>]*>", "Message-ID: <X>", text)
    text = re.sub(r"Date: (?!Mon, 01 Jan 2024).*", "Date: X", text)
    return re.sub(r"=+\d{6,}==", "BOUNDARY", text)
