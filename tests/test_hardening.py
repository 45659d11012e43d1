"""Hardening found while reviewing djscratch (issue 15): one class per hole.

- GZipMiddleware pads every response with a random-length gzip header field
  against BREACH, as Django 4.2+ does.
"""

import gzip
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request, run_middleware

from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.test import override_settings

BODY = b"<p>csrf=secret-token; search=guess</p>\n" * 50


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
