"""Hardening found while reviewing djscratch (issue 15): one class per hole.

- GZipMiddleware pads every response with a random-length gzip header field
  against BREACH, as Django 4.2+ does.
- An upload streamed to a temporary file keeps a short temporary name when
  the client's extension is very long (Django 5.2 answers 500 there).
"""

import gzip
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request, run_middleware

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.test import Client, override_settings
from django.urls import path

BODY = b"<p>csrf=secret-token; search=guess</p>\n" * 50


def upload_view(request):
    upload = request.FILES["f"]
    with open(upload.temporary_file_path(), "rb") as f:
        content = f.read()
    return HttpResponse("%s %s %d" % (type(upload).__name__, upload.name,
                                      len(content)))


urlpatterns = [path("upload/", upload_view)]
SETTINGS = dict(TEST_SETTINGS, ROOT_URLCONF="tests.test_hardening")


def gzipped(view):
    request = make_request(headers={"Accept-Encoding": "gzip"})
    return run_middleware(GZipMiddleware, view, request)


@override_settings(**TEST_SETTINGS)
class GZipBreachPaddingTests(unittest.TestCase):
    def test_same_body_gets_random_length_responses_that_decompress(self):
        responses = [gzipped(lambda request: HttpResponse(BODY)) for _ in range(30)]
        for response in responses:
            self.assertEqual(response["Content-Encoding"], "gzip")
            self.assertEqual(response["Content-Length"], str(len(response.content)))
            self.assertEqual(gzip.decompress(response.content), BODY)
        self.assertGreater(len({len(r.content) for r in responses}), 1)

    def test_pad_is_the_fname_field_of_at_most_99_bytes(self):
        for _ in range(30):
            content = gzipped(lambda request: HttpResponse(BODY)).content
            self.assertEqual(content[:3], b"\x1f\x8b\x08")
            if content[3] == 0x08:  # FNAME: a NUL-terminated run of "a"
                name = content[10:content.index(b"\x00", 10)]
                self.assertEqual(name.strip(b"a"), b"")
                self.assertLess(len(name), 100)
            else:  # a pad of length zero leaves the flag off
                self.assertEqual(content[3], 0)

    def test_streaming_responses_are_padded_and_decompress(self):
        def stream(request):
            return StreamingHttpResponse(iter([BODY[:700], "", BODY[700:]]))

        bodies = [b"".join(gzipped(stream).streaming_content) for _ in range(30)]
        for body in bodies:
            self.assertEqual(gzip.decompress(body), BODY)
        self.assertGreater(len({len(body) for body in bodies}), 1)


@override_settings(**SETTINGS, FILE_UPLOAD_MAX_MEMORY_SIZE=1000)
class LongUploadExtensionTests(unittest.TestCase):
    def test_long_extension_on_a_temporary_upload_is_not_a_500(self):
        client = Client(raise_request_exception=False)
        for name in ("a." + "x" * 250, "a." + "\u00e9" * 200, "notes.txt"):
            with self.subTest(name=name[:12]):
                upload = SimpleUploadedFile(name, b"z" * 5000)
                response = client.post("/upload/", {"f": upload})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content.decode(),
                                 "TemporaryUploadedFile %s 5000" % name)
