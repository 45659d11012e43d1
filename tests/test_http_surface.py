"""Django 5.2's request surface that its tests import: MediaType and the
Accept-header API, LimitedStream, LazyStream.  The expected values are what
real Django 5.2 answers for the same input (checked with the oracle)."""

import io
import unittest

from tests import TEST_SETTINGS

from django.core.exceptions import SuspiciousMultipartForm
from django.core.handlers.wsgi import LimitedStream
from django.http.multipartparser import LazyStream
from django.http.request import MediaType
from django.test import override_settings, RequestFactory

#: Accept header -> (accepted_types, accepts text/plain, accepts
#: application/json, preferred of PREFERRED, (quality, specificity) each).
ACCEPT_CASES = {
    "text/html, application/xhtml+xml;q=0.9, */*;q=0.8": (
        ["text/html", "application/xhtml+xml; q=0.9", "*/*; q=0.8"], True, True,
        "text/html", [(1.0, 2), (0.9, 2), (0.8, 0)]),
    "application/json; version=2, text/*;q=0.5, text/plain;q=0": (
        ["application/json; version=2", "text/*; q=0.5"], True, False, "text/plain",
        [(1.0, 3), (0.5, 1)]),
    "*/*": (["*/*"], True, True, "text/plain", [(1.0, 0)]),
    "text/html;q=bad, image/*;q=2": (
        ["text/html; q=bad", "image/*; q=2"], False, False, "text/html",
        [(1, 2), (1, 1)]),
}
PREFERRED = ["text/plain", "application/json", "text/html", "image/png"]


@override_settings(**TEST_SETTINGS)
class AcceptHeaderTests(unittest.TestCase):
    def test_accept_header_as_django_reads_it(self):
        for accept, expected in ACCEPT_CASES.items():
            with self.subTest(accept=accept):
                request = RequestFactory().get("/", headers={"Accept": accept})
                types, plain, json, preferred, ranks = expected
                self.assertEqual([str(m) for m in request.accepted_types], types)
                self.assertEqual(request.accepts("text/plain"), plain)
                self.assertEqual(request.accepts("application/json"), json)
                self.assertEqual(request.get_preferred_type(PREFERRED), preferred)
                self.assertEqual(
                    [(m.quality, m.specificity) for m in request.accepted_types], ranks)

    def test_media_type(self):
        self.assertEqual(repr(MediaType("text/html; charset=utf-8")),
                         "<MediaType: text/html; charset=utf-8>")
        self.assertTrue(MediaType("a/b").match("a/*"))
        self.assertFalse(MediaType("*/*").match("text/html;level=1"))
        self.assertFalse(MediaType("text/html").match(""))


class StreamTests(unittest.TestCase):
    def test_limited_stream_stops_at_its_limit(self):
        stream = LimitedStream(io.BytesIO(b"line one\nline two\nrest"), 12)
        self.assertEqual(stream.readline(), b"line one\n")
        self.assertEqual(stream.read(), b"lin")
        self.assertEqual(stream.read(), b"")

    def test_lazy_stream_reads_and_ungets(self):
        stream = LazyStream(iter([b"abc", b"def"]))
        self.assertEqual(stream.read(4), b"abcd")
        self.assertEqual(stream.tell(), 4)
        stream.unget(b"cd")
        self.assertEqual(stream.tell(), 2)
        self.assertEqual(stream.read(), b"cdef")

    def test_lazy_stream_refuses_a_stuck_parser(self):
        stream = LazyStream(iter([b"x" * 100]))
        stream.read(1)
        with self.assertRaises(SuspiciousMultipartForm):
            for _ in range(50):
                stream.unget(b"y")


class MultipartMemoryLimitTests(unittest.TestCase):
    """A multipart field counts its name too (+2, as "&" and "=" in a
    urlencoded body) against DATA_UPLOAD_MAX_MEMORY_SIZE, as in Django."""

    def request(self):
        from django.core.handlers.wsgi import WSGIRequest
        from django.test.client import FakePayload

        payload = FakePayload("\r\n".join([
            "--boundary", 'Content-Disposition: form-data; name="name"', "",
            "value", "--boundary--"]))
        return WSGIRequest({
            "REQUEST_METHOD": "POST", "wsgi.input": payload,
            "CONTENT_TYPE": "multipart/form-data; boundary=boundary",
            "CONTENT_LENGTH": len(payload)})

    def test_name_and_value_count(self):
        from django.core.exceptions import RequestDataTooBig

        with override_settings(**dict(TEST_SETTINGS, DATA_UPLOAD_MAX_MEMORY_SIZE=10)):
            with self.assertRaises(RequestDataTooBig):
                self.request().POST  # noqa: B018
        with override_settings(**dict(TEST_SETTINGS, DATA_UPLOAD_MAX_MEMORY_SIZE=11)):
            self.assertEqual(self.request().POST["name"], "value")
