"""Hardening found while reviewing djscratch (issue 15): one class per hole.

- atomic() no longer takes SQLite's write lock for read-only work: by default
  a block begins at its first statement, IMMEDIATE for a write or a
  select_for_update() read, DEFERRED for a plain read; Django's
  OPTIONS["transaction_mode"] picks one mode instead.  8 threads x 500
  increments lose nothing; a reader does not wait for a long writer (slow).

- GZipMiddleware pads every response with a random-length gzip header field
  against BREACH, as Django 4.2+ does.
- forms.ImageField checks the whole structure of a PNG, GIF, JPEG or WebP
  file (Django decodes it with Pillow): polyglots that only start like an
  image are refused with Django's invalid_image message.
- An upload streamed to a temporary file keeps a short temporary name when
  the client's extension is very long (Django 5.2 answers 500 there).
"""

import gzip
import os
import struct
import tempfile
import threading
import time
import unittest
import zlib

from tests import TEST_SETTINGS, slow
from tests.mwutil import make_request, run_middleware

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, models, transaction
from django.db.models import F
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.test import Client, override_settings
from django.urls import path
from djscratch import sync_schema
from tests.orm_support import CaptureQueries, define_models, SentTransactionStatements


BODY = b"<p>csrf=secret-token; search=guess</p>\n" * 50


with define_models():

    class Tally(models.Model):
        n = models.IntegerField(default=0)

        class Meta:
            app_label = "hardening"


def png_chunk(kind, data):
    return (len(data).to_bytes(4, "big") + kind + data +
            zlib.crc32(kind + data).to_bytes(4, "big"))


PNG = (b"\x89PNG\r\n\x1a\n" +
       png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) +
       png_chunk(b"IDAT", zlib.compress(b"\x00\x00")) + png_chunk(b"IEND", b""))
# 1x1, a two-colour global table, a graphic control extension, one image.
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
       b"!\xf9\x04\x01\x00\x00\x00\x00"
       b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
# 1x1 grey baseline JPEG: quantisation table, frame, two one-code Huffman
# tables, scan (DC diff 0 then end of block), end.
JPEG = (b"\xff\xd8" + b"\xff\xdb\x00\x43\x00" + b"\x01" * 64 +
        b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00" +
        b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00" +
        b"\xff\xc4\x00\x14\x10\x01" + b"\x00" * 15 + b"\x00" +
        b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x3f" + b"\xff\xd9")
# 1x1 lossless WebP: one VP8L chunk of 13 bytes and its pad byte.
WEBP = (b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
        b"/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
HTML = b"<html><script>alert(document.cookie)</script></html>"


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


class FileDatabaseMixin:
    """A fresh SQLite file (WAL) per test; `options` go to OPTIONS."""

    options = {}

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        databases = {"default": {"NAME": os.path.join(tmp.name, "db.sqlite3"),
                                 "OPTIONS": dict(self.options)}}
        settings = override_settings(**TEST_SETTINGS, DATABASES=databases)
        settings.enable()
        self.addCleanup(settings.disable)
        self.addCleanup(connection.close)
        connection.close()
        sync_schema(models=[Tally], verbosity=0)
        self.tally = Tally.objects.create()

    def run_threads(self, target, count=8):
        errors = []

        def run():
            try:
                target()
            except BaseException as exc:  # reported in the main thread
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(any(t.is_alive() for t in threads), "a thread hung")
        return errors

    def begins(self, block):
        with SentTransactionStatements() as sent:
            with transaction.atomic():
                block()
        return sent.sent[0] if sent.sent else None


class TransactionModeTests(FileDatabaseMixin, unittest.TestCase):
    def test_default_read_first_begins_deferred_write_first_immediate(self):
        self.assertEqual(self.begins(lambda: Tally.objects.count()),
                         "BEGIN DEFERRED")
        self.assertEqual(self.begins(lambda: Tally.objects.get(pk=self.tally.pk)),
                         "BEGIN DEFERRED")
        self.assertEqual(self.begins(lambda: Tally.objects.update(n=F("n") + 1)),
                         "BEGIN IMMEDIATE")
        self.assertEqual(self.begins(lambda: Tally.objects.select_for_update().get(
            pk=self.tally.pk)), "BEGIN IMMEDIATE")

    def test_empty_and_nested_blocks_send_nothing_until_a_statement(self):
        with CaptureQueries() as ctx, SentTransactionStatements() as sent:
            with transaction.atomic():
                with transaction.atomic():
                    pass
        self.assertEqual(sent.sent, [])
        # connection.queries counts them as Django sends them.
        self.assertEqual([q["sql"].split()[0] for q in ctx.captured_queries],
                         ["BEGIN", "SAVEPOINT", "RELEASE", "COMMIT"])
        with SentTransactionStatements() as sent:
            with transaction.atomic():
                with transaction.atomic():
                    Tally.objects.create()
                try:
                    with transaction.atomic():
                        Tally.objects.create()
                        raise ValueError
                except ValueError:
                    pass
        sqls = [sql.split(" ", 2)[:2] for sql in sent.sent]
        self.assertEqual(sqls[:2], [["BEGIN", "IMMEDIATE"], ["SAVEPOINT", sqls[1][1]]])
        self.assertEqual(Tally.objects.count(), 2)

    def test_transaction_mode_option_begins_every_block_so(self):
        for mode in ("DEFERRED", "immediate", "Exclusive"):
            with self.subTest(mode=mode):
                connection.close()
                connection.settings_dict["OPTIONS"]["transaction_mode"] = mode
                self.assertEqual(self.begins(lambda: Tally.objects.count()),
                                 "BEGIN " + mode.upper())
                self.assertEqual(Tally.objects.count(), 1)

    def test_bad_transaction_mode_is_djangos_improperly_configured(self):
        connection.close()
        connection.settings_dict["OPTIONS"]["transaction_mode"] = "lazy"
        with self.assertRaises(ImproperlyConfigured) as ctx:
            connection.cursor()
        self.assertEqual(str(ctx.exception), (
            "settings.DATABASES['default']['OPTIONS']['transaction_mode'] is "
            "improperly configured to 'lazy'. Use one of 'DEFERRED', 'EXCLUSIVE', "
            "'IMMEDIATE', or None."))


@slow
class ConcurrentTransactionTests(FileDatabaseMixin, unittest.TestCase):
    def bump_in_threads(self, bump, count=500):
        def work():
            for _ in range(count):
                with transaction.atomic():
                    bump()

        return self.run_threads(work)

    def test_eight_threads_f_increments_in_atomic_lose_nothing(self):
        errors = self.bump_in_threads(
            lambda: Tally.objects.filter(pk=self.tally.pk).update(n=F("n") + 1))
        self.assertEqual(errors, [])
        self.assertEqual(Tally.objects.get().n, 8 * 500)

    def test_eight_threads_select_for_update_increments_lose_nothing(self):
        def bump():
            tally = Tally.objects.select_for_update().get(pk=self.tally.pk)
            tally.n += 1
            tally.save(update_fields=["n"])

        self.assertEqual(self.bump_in_threads(bump), [])
        self.assertEqual(Tally.objects.get().n, 8 * 500)

    def test_plain_read_then_write_never_loses_an_update(self):
        # Without select_for_update() a block that read first may fail when
        # another commits first (SQLite detects the stale read); it never
        # writes a stale value.
        done, failed = [], []

        def work():
            for _ in range(100):
                try:
                    with transaction.atomic():
                        tally = Tally.objects.get(pk=self.tally.pk)
                        tally.n += 1
                        tally.save(update_fields=["n"])
                    done.append(1)
                except OperationalError as exc:
                    failed.append(str(exc))

        self.assertEqual(self.run_threads(work), [])
        self.assertEqual(Tally.objects.get().n, len(done))
        for message in set(failed):
            self.assertIn("database is locked", message)
            self.assertIn("select_for_update()", message)

    def test_reader_in_atomic_does_not_wait_for_a_long_writer(self):
        locked, release = threading.Event(), threading.Event()

        def writer():
            with transaction.atomic():
                Tally.objects.update(n=F("n") + 1)
                locked.set()
                release.wait(3)

        thread = threading.Thread(target=lambda: (writer(), connection.close()))
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(release.set)
        self.assertTrue(locked.wait(5))
        started = time.monotonic()
        with transaction.atomic():
            self.assertEqual(Tally.objects.get().n, 0)  # the last committed state
        self.assertLess(time.monotonic() - started, 0.5)
        self.assertTrue(thread.is_alive())


@slow
class ImmediateModeTests(FileDatabaseMixin, unittest.TestCase):
    options = {"transaction_mode": "IMMEDIATE"}

    def test_plain_read_then_write_waits_for_the_lock_and_loses_nothing(self):
        def work():
            for _ in range(50):
                with transaction.atomic():
                    tally = Tally.objects.get(pk=self.tally.pk)
                    tally.n += 1
                    tally.save(update_fields=["n"])

        self.assertEqual(self.run_threads(work, count=4), [])
        self.assertEqual(Tally.objects.get().n, 200)


class ImageStructureTests(unittest.TestCase):
    def clean(self, name, content):
        return forms.ImageField().clean(SimpleUploadedFile(name, content))

    def test_well_formed_tiny_images_are_accepted(self):
        for name, content, mime in (("a.png", PNG, "image/png"),
                                    ("a.gif", GIF, "image/gif"),
                                    ("a.jpg", JPEG, "image/jpeg"),
                                    ("a.webp", WEBP, "image/webp")):
            with self.subTest(name=name):
                upload = self.clean(name, content)
                self.assertEqual(upload.content_type, mime)
                self.assertEqual(upload.read(), content)  # rewound

    def test_polyglots_and_corrupt_images_are_invalid_image(self):
        idat = PNG.index(b"IDAT")
        cases = {
            "png signature + html": b"\x89PNG\r\n\x1a\n" + HTML,
            "png + html after IEND": PNG + HTML,
            "png truncated": PNG[:-6],
            "png bad crc": PNG[:idat + 5] + bytes([PNG[idat + 5] ^ 1]) +
            PNG[idat + 6:],
            "png without IHDR first": PNG[:8] + PNG[33:],
            "png without IDAT": PNG[:33] + png_chunk(b"IEND", b""),
            "png chunk length past the end": PNG[:33] + b"\x7f\xff\xff\xff" +
            PNG[37:],
            "gif header + html": b"GIF89a" + HTML,
            "gif + html after trailer": GIF + HTML,
            "gif truncated": GIF[:-3],
            "gif without image": GIF[:13 + 6] + b";",
            "jpeg soi + html": b"\xff\xd8" + HTML,
            "jpeg comment of html, no frame": b"\xff\xd8\xff\xfe" +
            (len(HTML) + 2).to_bytes(2, "big") + HTML + b"\xff\xd9",
            "jpeg truncated": JPEG[:-2],
            "jpeg segment length past the end": JPEG[:4] + b"\xff\xff" + JPEG[6:],
            "webp riff + html": b"RIFF" + (len(HTML) + 4).to_bytes(4, "little") +
            b"WEBP" + HTML,
            "webp wrong riff size": WEBP[:4] + b"\x40\x00\x00\x00" + WEBP[8:],
            "webp + html": WEBP + HTML,
            "old fake png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
        }
        for label, content in cases.items():
            with self.subTest(label):
                with self.assertRaises(ValidationError) as ctx:
                    self.clean("a.png", content)
                self.assertEqual(ctx.exception.messages, [
                    "Upload a valid image. The file you uploaded was either not "
                    "an image or a corrupted image."])
                self.assertEqual(ctx.exception.error_list[0].code, "invalid_image")
