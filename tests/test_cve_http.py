"""Django's CVEs in HTTP, uploads, files, validators, forms and URLs.

One test per CVE (named after it) that fails on an implementation with the
bug.  Expected results and messages were taken from Django 5.2 itself; DoS
tests time the call on the attack input with a generous budget.
"""

import io
import os
import stat
import tempfile
import time
from unittest import mock

import djscratch
from django import forms
from django.core import validators
from django.core.exceptions import (
    DisallowedRedirect,
    SuspiciousFileOperation,
    TooManyFilesSent,
    ValidationError,
)
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import FileResponse, Http404, HttpResponseRedirect, QueryDict
from django.http import parse_cookie
from django.test import RequestFactory, SimpleTestCase
from django.urls import Resolver404, path, re_path, resolve
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import page_not_found
from djscratch import WSGIRequest, override_settings
from tests import TEST_SETTINGS, fuzz, fuzz_examples
from tests.http_helpers import make_urlconf

BUDGET = 1.0  # seconds; the vulnerable code paths take several times this


class Timed:
    """Assert that the block finishes within `budget` seconds of CPU time."""

    def __init__(self, test, budget=BUDGET):
        self.test, self.budget = test, budget

    def __enter__(self):
        self.start = time.process_time()

    def __exit__(self, *exc_info):
        elapsed = time.process_time() - self.start
        self.test.assertLess(elapsed, self.budget, "took %.2fs" % elapsed)


BOUNDARY = "BoUnDaRy"


def multipart(parts):
    """A multipart/form-data body from (name, filename or None, content)."""
    chunks = []
    for name, filename, content in parts:
        extra = '; filename="%s"' % filename if filename is not None else ""
        chunks.append('--%s\r\nContent-Disposition: form-data; name="%s"%s\r\n'
                      "Content-Type: text/plain\r\n\r\n%s\r\n"
                      % (BOUNDARY, name, extra, content))
    return ("".join(chunks) + "--%s--\r\n" % BOUNDARY).encode("utf-8")


def post_request(body, content_type="multipart/form-data; boundary=" + BOUNDARY):
    return WSGIRequest({
        "REQUEST_METHOD": "POST", "PATH_INFO": "/", "SCRIPT_NAME": "",
        "QUERY_STRING": "", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
        "HTTP_HOST": "testserver", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body), "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
    })


@override_settings(**TEST_SETTINGS)
class CookieParsing(SimpleTestCase):
    """CVE-2024-7592 is CPython's: http.cookies._unquote() is quadratic, and
    Django's parse_cookie() calls it on Python versions without the fix."""

    def test_cve_2024_7592_cookie_of_backslashes_parses_in_linear_time(self):
        value = '"' + "\\" * 58000 + '"'
        with Timed(self):
            cookies = parse_cookie("a=" + value)
        self.assertEqual(cookies, {"a": "\\" * 29000})

    def test_cve_2024_7592_hostile_cookie_shapes_parse_in_linear_time(self):
        hostile = [
            "a=" + '"' + "\\0" * 50000 + '"',
            "a=" + '"' + '\\"' * 50000 + '"',
            ";" * 200000,
            "k" * 200000 + "=v",
            "; ".join("c%d=v" % i for i in range(50000)),
            '"' * 200000,
        ]
        for cookie in hostile:
            with self.subTest(cookie=cookie[:20]), Timed(self):
                parse_cookie(cookie)

    def test_cve_2024_7592_odd_cookies_parse_as_djangos_parse_cookie(self):
        # (header, Django 5.2's parse_cookie() result)
        cases = [
            ("a=b; c=d", {"a": "b", "c": "d"}),
            ('a="b\\"c"; d=e', {"a": 'b"c', "d": "e"}),
            ('a="\\012x\\377\\400"', {"a": "\nx\xff400"}),
            (";;;a=1;;", {"a": "1"}),
            ("x", {"": "x"}),
            ("a=b=c", {"a": "b=c"}),
            (' k = " v " ', {"k": " v "}),
            ('a="b', {"a": '"b'}),
            ('a="\\', {"a": '"\\'}),
            ('a="\\\\"', {"a": "\\"}),
            ('a="\\\n"', {"a": "\\\n"}),
            ("a=1; a=2", {"a": "2"}),
            ('a="\\"\\"', {"a": '"\\'}),
            ('a=""', {"a": ""}),
            ('a="\\x41\\101"', {"a": "x41A"}),
        ]
        for header, expected in cases:
            with self.subTest(header=header):
                self.assertEqual(parse_cookie(header), expected)

    @fuzz
    def test_cve_2024_7592_unquoting_matches_the_stdlib_on_every_short_value(self):
        from http.cookies import _unquote

        from hypothesis import given, settings, strategies

        @settings(max_examples=fuzz_examples(1500), deadline=None,
                  derandomize=True, database=None)
        @given(strategies.text(alphabet='\\"01347a\n;= ', max_size=20))
        def check(text):
            for value in (text, '"%s"' % text):
                self.assertEqual(djscratch._unquote_cookie_value(value),
                                 _unquote(value))

        check()


@override_settings(**TEST_SETTINGS)
class Redirects(SimpleTestCase):
    def test_cve_2025_27556_safe_url_check_refuses_urls_over_2048_characters(self):
        self.assertIs(url_has_allowed_host_and_scheme("/" + "x" * 2047, None), True)
        self.assertIs(url_has_allowed_host_and_scheme("/" + "x" * 2048, None), False)
        url = "https://example.com/" + "\uff10" * 5000
        with Timed(self):
            self.assertIs(url_has_allowed_host_and_scheme(url, {"example.com"}), False)

    def test_cve_2025_64458_redirect_over_16384_characters_is_disallowed(self):
        self.assertEqual(len(HttpResponseRedirect("/" + "x" * 16383).url), 16384)
        for target in ("/" + "x" * 16384, "https://example.com/" + "\uff10" * 20000):
            with self.subTest(length=len(target)):
                message = "Unsafe redirect exceeding 16384 characters"
                with self.assertRaisesMessage(DisallowedRedirect, message):
                    HttpResponseRedirect(target)


class RequestLogging(SimpleTestCase):
    def test_cve_2025_48432_logged_request_path_escapes_control_characters(self):
        from django.test import Client

        make_urlconf("cve_http_log_urls", [])
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="cve_http_log_urls"):
            with self.assertLogs("django.request", "WARNING") as logs:
                response = Client().get("/foo%0Abar\x1b[31mred/%0D%0AFake: line/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual([record.getMessage() for record in logs.records],
                         ["Not Found: /foo\\nbar\\x1b[31mred/\\r\\nFake: line/"])


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class Validators(SimpleTestCase):
    def assertInvalid(self, validator, value, message):
        with self.assertRaises(ValidationError) as caught:
            validator(value)
        self.assertEqual(caught.exception.messages, [message])

    def test_cve_2024_56374_ipv6_validation_of_huge_input_is_fast(self):
        from django.utils.ipv6 import clean_ipv6_address, is_valid_ipv6_address

        huge = "12345:" * 200000
        with Timed(self):
            self.assertIs(is_valid_ipv6_address(huge), False)
            self.assertInvalid(clean_ipv6_address, huge,
                               "This is not a valid IPv6 address.")
            self.assertInvalid(validators.validate_ipv46_address, huge,
                               "Enter a valid IPv4 or IPv6 address.")
        # One character over the longest spelling of an address is refused.
        self.assertInvalid(clean_ipv6_address,
                           "0000:0000:0000:0000:0000:0000:0000:00001",
                           "This is not a valid IPv6 address.")

    def test_cve_2024_56374_generic_ip_address_form_field_has_max_length_39(self):
        field = forms.GenericIPAddressField()
        self.assertEqual(field.max_length, 39)
        self.assertEqual(field.widget_attrs(forms.TextInput()), {"maxlength": "39"})
        with self.assertRaises(ValidationError) as caught:
            field.clean("1" * 40)
        self.assertEqual(caught.exception.messages, [
            "Enter a valid IPv4 or IPv6 address.",
            "Ensure this value has at most 39 characters (it has 40).",
        ])

    def test_cve_2023_36053_email_and_url_validators_many_labels_are_fast(self):
        url = "http://example." + ("a" * 63 + ".") * 1000 + "com"
        email = "a@" + ("a" * 63 + ".") * 1000 + "com"
        with Timed(self):
            self.assertInvalid(validators.URLValidator(), url, "Enter a valid URL.")
            self.assertInvalid(validators.validate_email, email,
                               "Enter a valid email address.")
            self.assertInvalid(validators.URLValidator(),
                               "http://" + "a." * 100000 + "com", "Enter a valid URL.")
            self.assertInvalid(validators.validate_email,
                               "a@" + "a." * 100000 + "com",
                               "Enter a valid email address.")

    def test_cve_2021_33571_ipv4_with_leading_zeros_is_invalid(self):
        validators.validate_ipv4_address("127.0.0.1")
        for value in ("0127.0.0.1", "127.0.0.01", "127.00.0.1", "010.0.0.1"):
            with self.subTest(value=value):
                self.assertInvalid(validators.validate_ipv4_address, value,
                                   "Enter a valid IPv4 address.")
                self.assertInvalid(validators.validate_ipv46_address, value,
                                   "Enter a valid IPv4 or IPv6 address.")
                self.assertInvalid(validators.URLValidator(), "http://%s/" % value,
                                   "Enter a valid URL.")

    def test_cve_2021_32052_url_validator_refuses_newlines_and_tabs(self):
        for value in ("http://www.djangoproject.com/\n", "http://[::ffff:192.9.5.5]\n",
                      "http://www.django\rproject.com/", "http://[::\rffff:192.9.5.5]",
                      "http://\twww.djangoproject.com/",
                      "http://www.djangoproject.com/\t"):
            with self.subTest(value=value):
                self.assertInvalid(validators.URLValidator(), value,
                                   "Enter a valid URL.")


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class FileFormFields(SimpleTestCase):
    def test_cve_2023_31047_file_inputs_refuse_the_multiple_attribute(self):
        for widget in (forms.FileInput, forms.ClearableFileInput):
            with self.subTest(widget=widget.__name__):
                with self.assertRaisesMessage(
                        ValueError, "%s doesn't support uploading multiple files."
                        % widget.__name__):
                    widget(attrs={"multiple": True})

    def test_cve_2023_31047_file_field_validates_the_one_file_it_keeps(self):
        class UploadForm(forms.Form):
            f = forms.FileField(max_length=5)

        # A second file under the same name cannot ride along unvalidated:
        # the field keeps the last one, and validates it.
        files = MultiValueDict({"f": [SimpleUploadedFile("ok.txt", b"a"),
                                      SimpleUploadedFile("waytoolong.txt", b"b")]})
        form = UploadForm(files=files)
        self.assertIs(form.is_valid(), False)
        self.assertEqual(form.errors["f"], [
            "Ensure this filename has at most 5 characters (it has 14)."])


@override_settings(**TEST_SETTINGS)
class Uploads(SimpleTestCase):
    def test_cve_2023_24580_too_many_files_raise_too_many_files_sent(self):
        body = multipart([("f%d" % i, "a.txt", "x") for i in range(3)])
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2):
            message = ("The number of files exceeded "
                       "settings.DATA_UPLOAD_MAX_NUMBER_FILES.")
            with self.assertRaisesMessage(TooManyFilesSent, message):
                post_request(body).FILES
            self.assertEqual(len(post_request(multipart([
                ("f%d" % i, "a.txt", "x") for i in range(2)])).FILES), 2)

    def test_cve_2023_24580_only_parts_with_a_file_name_count_as_files(self):
        # As in Django, filename="" makes a plain field (a file input left
        # empty), counted against DATA_UPLOAD_MAX_NUMBER_FIELDS instead.
        body = multipart([("f%d" % i, "", "") for i in range(3)])
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2):
            request = post_request(body)
            self.assertEqual(len(request.FILES), 0)
            self.assertEqual(dict(request.POST.lists()),
                             {"f0": [""], "f1": [""], "f2": [""]})

    def base64_part(self, content, filename="t.txt"):
        extra = '; filename="%s"' % filename if filename else ""
        request = post_request((
            '--%s\r\nContent-Disposition: form-data; name="f"%s\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--%s--\r\n"
            % (BOUNDARY, extra, content, BOUNDARY)).encode("ascii"))
        self.addCleanup(request.close)  # its uploads' temporary files
        return request

    def parse_in_thread(self, request):
        """request.FILES and POST, or the exception; fail if parsing hangs."""
        import threading

        outcome = []

        def parse():
            try:
                outcome.append((request.FILES, request.POST))
            except Exception as exc:
                outcome.append(exc)

        thread = threading.Thread(target=parse, daemon=True)
        thread.start()
        thread.join(5)
        self.assertFalse(thread.is_alive(), "parsing the upload does not finish")
        return outcome[0]

    def test_cve_2022_23833_truncated_base64_upload_ends_with_an_error(self):
        from django.http.multipartparser import MultiPartParserError

        # Django's test_base64_invalid_upload, and base64 cut one char short.
        for content in ("!", "aGVsbG8", "aGVs\r\nbG8", "aGVs!!bG8="):
            with self.subTest(content=content):
                outcome = self.parse_in_thread(self.base64_part(content))
                self.assertIsInstance(outcome, MultiPartParserError)
                self.assertEqual(str(outcome), "Could not decode base64 data.")

    def test_cve_2022_23833_base64_parts_are_decoded_as_django_does(self):
        import base64

        data = b"Big data" * 68000
        for encode in (base64.b64encode, base64.encodebytes):
            with self.subTest(encode=encode.__name__):
                files, post = self.parse_in_thread(
                    self.base64_part(encode(data).decode("ascii")))
                self.assertEqual(files["f"].read(), data)
        # A field's undecodable value is kept as sent.
        for content, value in (("aGVsbG8=", "hello"), ("aGVsbG8", "aGVsbG8")):
            with self.subTest(content=content):
                files, post = self.parse_in_thread(
                    self.base64_part(content, filename=None))
                self.assertEqual(post["f"], value)

    def test_cve_2026_33033_base64_upload_full_of_whitespace_is_linear(self):
        # Whitespace between base64 groups is dropped chunk by chunk; it was
        # copied again with every chunk read.
        for spaces in (" " * 3_000_000, "\r\n " * 1_000_000):
            with self.subTest(spaces=spaces[:3]), Timed(self):
                files, post = self.parse_in_thread(
                    self.base64_part("aGVs" + spaces + "bG8="))
            self.assertEqual(files["f"].read(), b"hello")

    def test_cve_2026_108147_base64_upload_is_not_buffered_whole(self):
        import base64
        import tracemalloc

        data = b"0123456789abcdef" * 256 * 1024  # 4 MB, 5.6 MB in base64
        request = self.base64_part(base64.b64encode(data).decode("ascii"))
        with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000,
                               DATA_UPLOAD_MAX_MEMORY_SIZE=None):
            tracemalloc.start()
            try:
                upload = request.FILES["f"]
                peak = tracemalloc.get_traced_memory()[1]
                self.addCleanup(upload.close)
            finally:
                tracemalloc.stop()
        # Decoded chunk by chunk into the temporary file: the peak is a few
        # chunks, not the 4 MB file (nor its 5.6 MB of base64).
        self.assertLess(peak, 2 * 1024 * 1024)
        self.assertEqual(type(upload).__name__, "TemporaryUploadedFile")
        self.assertEqual(upload.read(), data)

    def test_cve_2021_28658_uploaded_file_names_lose_their_path(self):
        # Django's CANDIDATE_TRAVERSAL_FILE_NAMES (tests/file_uploads).
        names = [
            "/tmp/hax0rd.txt", "C:\\Windows\\hax0rd.txt", "C:/Windows/hax0rd.txt",
            "\\tmp\\hax0rd.txt", "/tmp\\hax0rd.txt", "subdir/hax0rd.txt",
            "subdir\\hax0rd.txt", "sub/dir\\hax0rd.txt", "../../hax0rd.txt",
            "..\\..\\hax0rd.txt", "../..\\hax0rd.txt", "..&#x2F;hax0rd.txt",
            "..&sol;hax0rd.txt",
        ]
        body = multipart([("file%d" % i, name, "pwnd") for i, name in enumerate(names)])
        files = post_request(body).FILES
        self.assertEqual(len(files), len(names))
        for key in files:
            with self.subTest(key=key):
                self.assertEqual(files[key].name, "hax0rd.txt")

    def test_cve_2021_28658_upload_named_like_a_directory_is_dropped(self):
        names = ["/tmp/", "c:\\tmp\\", "/tmp/.", "c:\\tmp\\.", "/tmp/..",
                 "c:\\tmp\\..", ".."]
        body = multipart([("file%d" % i, name, "pwnd") for i, name in enumerate(names)])
        self.assertEqual(len(post_request(body).FILES), 0)

    def test_cve_2021_31542_uploaded_file_name_is_reduced_to_a_base_name(self):
        for name in ("../../etc/passwd", "/abs/x/passwd", "C:\\x\\passwd"):
            with self.subTest(name=name):
                self.assertEqual(UploadedFile(name=name).name, "passwd")
        for name in ("..", "../..", "x/."):
            with self.subTest(name=name):
                with self.assertRaises(SuspiciousFileOperation):
                    UploadedFile(name=name)

    def test_cve_2021_23336_semicolon_does_not_separate_parameters(self):
        self.assertEqual(dict(QueryDict("a=1;b=2&c=3").lists()),
                         {"a": ["1;b=2"], "c": ["3"]})
        request = post_request(b"a=1;a=2&c=3", "application/x-www-form-urlencoded")
        self.assertEqual(dict(request.POST.lists()), {"a": ["1;a=2"], "c": ["3"]})


class StoredFiles(SimpleTestCase):
    """FieldFile.save() goes through the field's storage: MEDIA_ROOT only."""

    def field_file(self, upload_to):
        from django.db import models

        field = models.FileField(upload_to=upload_to)
        field.set_attributes_from_name("upload")
        return djscratch.FieldFile(type("Instance", (), {})(), field, None)

    def test_cve_2024_39330_upload_to_cannot_leave_media_root(self):
        with tempfile.TemporaryDirectory() as tmp:
            media = os.path.join(tmp, "media")
            for target in ("../outside.txt", "a/../../outside.txt", "/tmp/x.txt"):
                with self.subTest(target=target):
                    file = self.field_file(lambda instance, name, t=target: t)
                    with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media):
                        with self.assertRaises(SuspiciousFileOperation):
                            file.save("x.txt", ContentFile(b"pwnd"), save=False)
            self.assertFalse(set(os.listdir(tmp)) - {"media"})

    def test_cve_2021_45452_crafted_names_are_refused(self):
        # As Django 5.2: a name that climbs out of upload_to, or an absolute
        # one, is refused (SuspiciousFileOperation); nothing is written.
        with tempfile.TemporaryDirectory() as tmp:
            media = os.path.join(tmp, "media")
            for name in ("../../outside.txt", "..\\..\\outside.txt", "/outside.txt"):
                with self.subTest(name=name):
                    file = self.field_file("docs")
                    with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media):
                        with self.assertRaises(SuspiciousFileOperation):
                            file.save(name, ContentFile(b"pwnd"), save=False)
            self.assertEqual(os.listdir(tmp), [])

    def test_cve_2020_24583_intermediate_directories_follow_the_umask(self):
        old_umask = os.umask(0o022)
        try:
            with tempfile.TemporaryDirectory() as media:
                file = self.field_file("a/b/c")
                with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media):
                    file.save("x.txt", ContentFile(b"data"), save=False)
                for directory in ("a", "a/b", "a/b/c"):
                    mode = stat.S_IMODE(os.stat(os.path.join(media, directory)).st_mode)
                    with self.subTest(directory=directory):
                        self.assertEqual(mode & 0o022, 0, oct(mode))
        finally:
            os.umask(old_umask)


    def test_cve_2026_25674_upload_permissions_do_not_depend_on_the_umask(self):
        # Django sets the modes with chmod() after mkdir()/open(): a umask
        # (perhaps another thread's, changed for a moment) cannot narrow them.
        old_umask = os.umask(0o077)
        try:
            with tempfile.TemporaryDirectory() as media:
                file = self.field_file("a/b/c")
                with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media,
                                       FILE_UPLOAD_DIRECTORY_PERMISSIONS=0o755,
                                       FILE_UPLOAD_PERMISSIONS=0o640):
                    # The process umask is never touched (it is every thread's).
                    with mock.patch("os.umask", side_effect=AssertionError):
                        file.save("x.txt", ContentFile(b"data"), save=False)
                for directory in ("a", "a/b", "a/b/c"):
                    mode = stat.S_IMODE(os.stat(os.path.join(media, directory)).st_mode)
                    with self.subTest(directory=directory):
                        self.assertEqual(mode, 0o755, oct(mode))
                mode = stat.S_IMODE(os.stat(os.path.join(media, file.name)).st_mode)
                self.assertEqual(mode, 0o640, oct(mode))
                # FILE_UPLOAD_PERMISSIONS defaults to 0o644, as in Django.
                with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media):
                    file.save("y.txt", ContentFile(b"data"), save=False)
                mode = stat.S_IMODE(os.stat(os.path.join(media, file.name)).st_mode)
                self.assertEqual(mode, 0o644, oct(mode))
        finally:
            os.umask(old_umask)

@override_settings(**TEST_SETTINGS)
class Responses(SimpleTestCase):
    def test_cve_2022_36359_file_response_escapes_the_file_name(self):
        # (file name, Django 5.2's Content-Disposition)
        cases = [
            ('a"b.txt', 'attachment; filename="a\\"b.txt"'),
            ('x.bat"; filename="x.bat',
             'attachment; filename="x.bat\\"; filename=\\"x.bat"'),
            ('a\\"b.txt', 'attachment; filename="a\\\\\\"b.txt"'),
            ("bad\r\n.txt", "attachment; filename*=utf-8''bad%0D%0A.txt"),
        ]
        for filename, expected in cases:
            with self.subTest(filename=filename):
                response = FileResponse(io.BytesIO(b"x"), as_attachment=True,
                                        filename=filename)
                self.assertEqual(response["Content-Disposition"], expected)

    def test_cve_2019_3498_default_404_page_does_not_show_the_path(self):
        request = RequestFactory().get("/Please%20log%20in%20at%20evil.example")
        response = page_not_found(request, Http404("x"))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.content.decode(), (
            '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>'
            "\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not "
            "found on this server.</p>\n</body>\n</html>\n"))

    def test_cve_2019_12781_proxy_header_decides_the_scheme_both_ways(self):
        # (X-Forwarded-Proto, connection scheme, Django's request.scheme)
        cases = [("https", "http", "https"), ("http", "https", "http"),
                 ("https, http", "http", "https"), ("http, https", "https", "http"),
                 (" https ", "http", "https")]
        header = ("HTTP_X_FORWARDED_PROTO", "https")
        for value, connection, expected in cases:
            with self.subTest(value=value, connection=connection):
                with override_settings(SECURE_PROXY_SSL_HEADER=header):
                    request = RequestFactory().get(
                        "/", HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO=value,
                        **{"wsgi.url_scheme": connection})
                    self.assertEqual(request.scheme, expected)
                    self.assertEqual(request.build_absolute_uri("/x"),
                                     "%s://testserver/x" % expected)


def _view(request, **kwargs):
    from django.http import HttpResponse

    return HttpResponse("ok")


class TrailingNewlines(SimpleTestCase):
    def test_cve_2021_44420_path_with_trailing_newline_does_not_resolve(self):
        make_urlconf("cve_http_newline_urls", [
            path("articles/<int:year>/", _view),
            path("users/1/", _view),
            re_path(r"^regex/(?P<pk>[0-9]+)/$", _view),
            re_path(r"^plain/$", _view),
        ])
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="cve_http_newline_urls"):
            self.assertEqual(resolve("/articles/2003/").kwargs, {"year": 2003})
            self.assertEqual(resolve("/regex/1/").kwargs, {"pk": "1"})
            for url in ("/articles/2003/\n", "/users/1/\n", "/regex/1/\n",
                        "/plain/\n"):
                with self.subTest(url=url), self.assertRaises(Resolver404):
                    resolve(url)


@override_settings(**TEST_SETTINGS)
class HeaderParameters(SimpleTestCase):
    def test_cve_2026_84429_many_separators_in_a_quoted_parameter(self):
        from django.utils.http import parse_header_parameters

        value = 'text/plain; a="' + ";" * 200_000 + '"'
        with Timed(self):
            self.assertEqual(parse_header_parameters(value),
                             ("text/plain", {"a": ";" * 200_000}))
        accept = 'text/html; q="' + ";," * 50_000 + '", application/json'
        request = RequestFactory().get("/", HTTP_ACCEPT=accept)
        with Timed(self):
            self.assertIs(request.accepts("application/json"), True)
        with Timed(self):
            request = post_request(
                b"", 'multipart/form-data; boundary="' + ";" * 200_000 + '"')
            self.assertEqual(len(request.content_params["boundary"]), 200_000)

    def test_parse_header_parameters_reads_parameters_as_django(self):
        """Outputs of Django 5.2.19 (email.message parsing since 5.2.18)."""
        from django.utils.http import parse_header_parameters

        cases = [
            ('form-data; name="f"; filename*=UTF-8\'\'%C3%A9.txt',
             ("form-data", {"name": "f", "filename": "é.txt"})),
            ("form-data; name*=''x%41", ("form-data", {"name": "xA"})),
            ('text/html; charset="utf-8"; q=0.5',
             ("text/html", {"charset": "utf-8", "q": "0.5"})),
            ('a/b; x="a\\"b"', ("a/b", {"x": 'a"b'})),
            ("a/b; =x; y", ("a/b", {"y": ""})),
            ("A/B ; Q = 1", ("a/b", {"q": "1"})),
        ]
        for line, expected in cases:
            with self.subTest(line=line):
                self.assertEqual(parse_header_parameters(line), expected)


@override_settings(**TEST_SETTINGS, USE_I18N=False, FORMS_URLFIELD_ASSUME_HTTPS=True)
class UrlFieldSchemes(SimpleTestCase):
    def test_cve_2026_25673_url_field_does_not_normalize_the_value(self):
        # The scheme is found by partition(":"), never urlsplit() (which
        # NFKC-normalizes on Windows); the validator refuses what is invalid.
        field = forms.URLField()
        with Timed(self):
            self.assertEqual(field.to_python("\uff10" * 2_000_000)[:8], "https://")
        # (value, to_python() in Django 5.2.19)
        cases = [
            ("exa\tmple.com", "https://exa\tmple.com"),
            ("exa\nmple.com/x", "https://exa\nmple.com/x"),
            (" example.com ", "https://example.com"),
            ("//example.com", "https://example.com"),
            ("ht\ttp://x.com", "ht\ttp://x.com"),
            ("1http://x", "https://1http://x"),
            ("é:x", "https://é:x"),
            ("x/y:z", "https://x/y:z"),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(field.to_python(value), expected)
                if "\t" in value or "\n" in value:
                    with self.assertRaisesMessage(ValidationError,
                                                  "Enter a valid URL."):
                        field.clean(value)


@override_settings(**TEST_SETTINGS)
class SignedCookies(SimpleTestCase):
    def test_cve_2026_6873_signed_cookie_salt_is_unambiguous(self):
        from django.core.signing import BadSignature
        from django.http import HttpResponse

        response = HttpResponse()
        response.set_signed_cookie("a", "value", salt="bc")
        signed = response.cookies["a"].value
        # "a" + "bc" == "ab" + "c": the old salt accepted the cookie under the
        # other name, with or without the legacy fallback.
        for fallback in (True, False):
            with self.subTest(fallback=fallback), override_settings(
                    SIGNED_COOKIE_LEGACY_SALT_FALLBACK=fallback):
                request = RequestFactory().get("/", HTTP_COOKIE="a=%s; ab=%s"
                                               % (signed, signed))
                self.assertEqual(request.get_signed_cookie("a", salt="bc"),
                                 "value")
                with self.assertRaises(BadSignature):
                    request.get_signed_cookie("ab", salt="c")
