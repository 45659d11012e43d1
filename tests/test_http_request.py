"""HttpRequest / WSGIRequest, QueryDict, uploads and the URL helpers."""

import io
import sys
import unittest

import djscratch
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from django.http import HttpRequest, QueryDict, parse_cookie
from django.http.request import RawPostDataException
from django.utils import http
from django.utils.encoding import escape_uri_path, iri_to_uri
from djscratch import WSGIRequest, override_settings
from tests import TEST_SETTINGS
from tests.http_helpers import ORACLE_KEY, load_expected

EXPECTED = load_expected()


class GuardedStream(io.BytesIO):
    """A wsgi.input that fails the test if read past `limit` bytes."""

    def __init__(self, data, limit):
        super().__init__(data)
        self.limit = limit

    def read(self, size=-1):
        if size is None or size < 0 or self.tell() + size > self.limit:
            raise AssertionError("read past CONTENT_LENGTH (or to EOF)")
        return super().read(size)

    def readline(self, size=-1):
        if size is None or size < 0 or self.tell() + size > self.limit:
            raise AssertionError("readline past CONTENT_LENGTH")
        return super().readline(size)


def make_request(
    path="/", method="GET", query="", body=b"", content_type=None, **environ
):
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": GuardedStream(body, len(body)),
    }
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
    if content_type:
        env["CONTENT_TYPE"] = content_type
    env.update(environ)
    return WSGIRequest(env)


def multipart(parts, boundary="BoUnDaRy"):
    """Build a multipart/form-data body from (name, value or (filename, data, type))."""
    out = []
    for name, value in parts:
        out.append(b"--" + boundary.encode() + b"\r\n")
        if isinstance(value, tuple):
            filename, data, ctype = value
            out.append(
                (
                    'Content-Disposition: form-data; name="%s"; filename="%s"\r\n'
                    "Content-Type: %s\r\n\r\n" % (name, filename, ctype)
                ).encode()
            )
            out.append(data)
        else:
            out.append(
                ('Content-Disposition: form-data; name="%s"\r\n\r\n' % name).encode()
            )
            out.append(value if isinstance(value, bytes) else value.encode())
        out.append(b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), "multipart/form-data; boundary=" + boundary


@override_settings(**TEST_SETTINGS)
class WSGIRequestTests(unittest.TestCase):
    def test_method_path_and_script_name(self):
        request = make_request("/posts/1/", method="post", SCRIPT_NAME="/app")
        self.assertEqual(request.method, "POST")
        self.assertEqual(request.path_info, "/posts/1/")
        self.assertEqual(request.path, "/app/posts/1/")
        self.assertEqual(request.META["SCRIPT_NAME"], "/app")

    def test_encoding_without_content_type_parses_nothing(self):
        """request.encoding reads no CONTENT_TYPE that is absent or empty;
        encoding, content_type, content_params and GET are what parsing it
        first gives, whichever is read first."""
        types = [None, "", "text/plain", "text/plain; charset=latin-1",
                 "application/x-www-form-urlencoded; charset=bogus",
                 "text/html; charset=utf-16"]
        order = ["encoding", "content_type", "content_params", "GET"]
        for content_type in types:
            for query in ("", "a=%E9", "a=1&b=%C3%A9"):
                extra = {} if content_type is None else {"CONTENT_TYPE": content_type}
                for first in order:
                    with self.subTest(content_type=content_type, query=query,
                                      first=first):
                        reference = make_request(query=query, **extra)
                        reference._set_content_type_params(reference.environ)
                        request = make_request(query=query, **extra)
                        getattr(request, first)
                        for name in order:
                            got, expected = (getattr(request, name),
                                             getattr(reference, name))
                            if name == "GET":
                                got = list(got.lists())
                                expected = list(expected.lists())
                            self.assertEqual(got, expected, name)

    def test_utf8_path_is_decoded(self):
        raw = "/caf\u00e9/".encode("utf-8").decode("latin-1")  # as a server gives it
        self.assertEqual(make_request(raw).path, "/caf\u00e9/")

    def test_get_is_an_immutable_querydict_parsed_lazily(self):
        request = make_request(query="a=1&a=2&b=x+y&c=%C3%A9&d")
        self.assertNotIn("GET", request.__dict__)
        self.assertEqual(request.GET.getlist("a"), ["1", "2"])
        self.assertEqual(request.GET["a"], "2")
        self.assertEqual(request.GET["b"], "x y")
        self.assertEqual(request.GET["c"], "\u00e9")
        self.assertEqual(request.GET["d"], "")
        with self.assertRaisesRegex(
            AttributeError, "This QueryDict instance is immutable"
        ):
            request.GET["a"] = "3"
        copy = request.GET.copy()
        copy["a"] = "3"
        self.assertEqual(copy.getlist("a"), ["3"])
        self.assertEqual(request.GET.getlist("a"), ["1", "2"])

    def test_headers_are_case_insensitive(self):
        request = make_request(
            HTTP_USER_AGENT="UA/1", HTTP_X_CUSTOM_THING="v", CONTENT_TYPE="text/plain"
        )
        self.assertEqual(request.headers["User-Agent"], "UA/1")
        self.assertEqual(request.headers["user-agent"], "UA/1")
        self.assertEqual(request.headers["X-Custom-Thing"], "v")
        self.assertEqual(request.headers["x_custom_thing"], "v")
        self.assertIn("Content-Type", request.headers)
        self.assertNotIn("wsgi.input", list(request.headers))
        self.assertEqual(
            djscratch.HttpHeaders.to_wsgi_name("X-Custom"), "HTTP_X_CUSTOM"
        )
        self.assertEqual(
            djscratch.HttpHeaders.to_wsgi_name("content-type"), "CONTENT_TYPE"
        )

    def test_content_type_params_and_encoding(self):
        request = make_request(content_type='text/plain; charset=latin-1; x="y"')
        self.assertEqual(request.content_type, "text/plain")
        self.assertEqual(request.content_params, {"charset": "latin-1", "x": "y"})
        self.assertEqual(request.encoding, "latin-1")
        self.assertIsNone(
            make_request(content_type="text/plain; charset=nope").encoding
        )

    def test_cookies_are_parsed_leniently(self):
        request = make_request(HTTP_COOKIE='a=1; broken; b=2; c="x y"')
        self.assertEqual(
            request.COOKIES, {"a": "1", "": "broken", "b": "2", "c": "x y"}
        )

    def test_parse_cookie_matches_django(self):
        for header, expected in EXPECTED["parse_cookie"].items():
            self.assertEqual(parse_cookie(header), expected, header)

    def test_full_path_and_absolute_uri(self):
        request = make_request("/a b/", query="x=1&y=%C3%A9")
        self.assertEqual(request.get_full_path(), "/a%20b/?x=1&y=%C3%A9")
        self.assertEqual(
            request.get_full_path(force_append_slash=True), "/a%20b/?x=1&y=%C3%A9"
        )
        self.assertEqual(
            make_request("/x").get_full_path(force_append_slash=True), "/x/"
        )
        self.assertEqual(
            request.build_absolute_uri(), "http://testserver/a%20b/?x=1&y=%C3%A9"
        )
        self.assertEqual(
            request.build_absolute_uri("/other/"), "http://testserver/other/"
        )
        self.assertEqual(
            request.build_absolute_uri("rel"), "http://testserver/a%20b/rel"
        )
        self.assertEqual(request.build_absolute_uri("https://x.org/"), "https://x.org/")

    def test_repr(self):
        self.assertEqual(
            repr(make_request("/p/", query="a=1")), "<WSGIRequest: GET '/p/?a=1'>"
        )
        self.assertEqual(repr(HttpRequest()), "<HttpRequest>")

    def test_get_port_and_forwarded_port(self):
        request = make_request(SERVER_PORT="8080", HTTP_X_FORWARDED_PORT="443")
        self.assertEqual(request.get_port(), "8080")
        with override_settings(USE_X_FORWARDED_PORT=True):
            self.assertEqual(request.get_port(), "443")

    def test_is_secure_trusts_only_the_configured_proxy_header(self):
        request = make_request(HTTP_X_FORWARDED_PROTO="https")
        self.assertFalse(request.is_secure())
        self.assertEqual(request.scheme, "http")
        with override_settings(
            SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
        ):
            self.assertTrue(request.is_secure())
            self.assertEqual(
                make_request(HTTP_X_FORWARDED_PROTO="https, http").scheme, "https"
            )
            self.assertFalse(make_request(HTTP_X_FORWARDED_PROTO="http").is_secure())
        with override_settings(SECURE_PROXY_SSL_HEADER="bad"):
            with self.assertRaisesRegex(ImproperlyConfigured, "tuple containing two"):
                request.scheme
        self.assertTrue(make_request(**{"wsgi.url_scheme": "https"}).is_secure())

    def test_get_signed_cookie(self):
        from django.http import HttpResponse

        with override_settings(SECRET_KEY=ORACLE_KEY):
            response = HttpResponse()
            response.set_signed_cookie("name", "cookieval")
            signed = response.cookies["name"].value
            self.assertEqual(signed.split(":")[0], "cookieval")
            request = make_request(HTTP_COOKIE="name=%s; bad=x:y:z" % signed)
            self.assertEqual(request.get_signed_cookie("name"), "cookieval")
            self.assertIsNone(request.get_signed_cookie("bad", default=None))
            self.assertEqual(request.get_signed_cookie("missing", "d"), "d")
            with self.assertRaises(KeyError):
                request.get_signed_cookie("missing")
            with self.assertRaises(djscratch.BadSignature):
                request.get_signed_cookie("bad")
            # Django's signed cookie value verifies here too.
            django_signed = make_request(
                HTTP_COOKIE="name=" + EXPECTED["cookie_signed"]
            )
            self.assertEqual(django_signed.get_signed_cookie("name"), "cookieval")


@override_settings(**TEST_SETTINGS)
class HostValidationTests(unittest.TestCase):
    def test_get_host_matches_django_for_each_case(self):
        for host, allowed, debug, (kind, value) in EXPECTED["get_host"]:
            with self.subTest(host=host, allowed=allowed, debug=debug):
                with override_settings(ALLOWED_HOSTS=allowed, DEBUG=debug):
                    request = make_request(HTTP_HOST=host)
                    if kind == "ok":
                        self.assertEqual(request.get_host(), value)
                    else:
                        with self.assertRaises(DisallowedHost) as ctx:
                            request.get_host()
                        self.assertEqual(str(ctx.exception), value)

    def test_split_plain_host_agrees_with_the_pattern(self):
        # split_domain_port()'s fast path (names and IPv4 addresses, no
        # pattern) against the general path on many hosts, odd ones included.
        module = sys.modules[djscratch.split_domain_port.__module__]
        parts = ["", "a", "localhost", "127.0.0.1", "example.com.", "-x-", "..",
                 "[::1]", "[2001:db8::1]", "K\u212a", "caf\u00e9", "a b", "a\n",
                 "A.B", "_x", "1", "\u0660", "\u00b2", "x.y-z"]
        ports = ["", ":", ":80", ":8000", ":0", ":\u00b2", ":\u0661", ":8a", ":-1",
                 "::80", ":80:", ": 80", ":80\n"]
        checked = 0
        for part in parts:
            for port in ports:
                host = (part + port).lower()
                expected = module._split_host_by_pattern(host)
                plain = module._split_plain_host(host)
                if plain is not None:
                    checked += 1
                    self.assertEqual(plain, expected, host)
                self.assertEqual(module.split_domain_port(part + port), expected)
        self.assertGreater(checked, 30)

    def test_forwarded_host_used_only_when_enabled(self):
        request = make_request(HTTP_X_FORWARDED_HOST="evil.com")
        self.assertEqual(request.get_host(), "testserver")
        with override_settings(USE_X_FORWARDED_HOST=True):
            with self.assertRaises(DisallowedHost):
                request.get_host()

    def test_server_name_and_port_when_no_host_header(self):
        env = {"SERVER_NAME": "localhost", "SERVER_PORT": "8000"}
        request = make_request(**env)
        del request.META["HTTP_HOST"]
        self.assertEqual(request.get_host(), "localhost:8000")


@override_settings(**TEST_SETTINGS)
class BodyAndFormTests(unittest.TestCase):
    def test_urlencoded_post(self):
        request = make_request(
            method="POST",
            body=b"a=1&a=2&b=%C3%A9",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(request.POST.getlist("a"), ["1", "2"])
        self.assertEqual(request.POST["b"], "\u00e9")
        self.assertEqual(request.body, b"a=1&a=2&b=%C3%A9")

    def test_post_is_empty_for_get_and_other_content_types(self):
        self.assertEqual(dict(make_request(method="GET").POST), {})
        request = make_request(
            method="POST", body=b'{"a": 1}', content_type="application/json"
        )
        self.assertEqual(dict(request.POST), {})
        self.assertEqual(request.body, b'{"a": 1}')

    def test_body_reads_exactly_content_length(self):
        env = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/",
            "SERVER_NAME": "t",
            "SERVER_PORT": "80",
            "CONTENT_LENGTH": "5",
            "wsgi.input": GuardedStream(b"hello, and more the client never sent", 5),
        }
        self.assertEqual(WSGIRequest(env).body, b"hello")

    def test_body_after_stream_read_raises(self):
        request = make_request(method="POST", body=b"abc", content_type="text/plain")
        self.assertEqual(request.read(1), b"a")
        with self.assertRaisesRegex(RawPostDataException, "You cannot access body"):
            request.body

    def test_body_over_limit_is_request_data_too_big(self):
        request = make_request(
            method="POST", body=b"x" * 101, content_type="text/plain"
        )
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
            with self.assertRaisesRegex(
                RequestDataTooBig, "DATA_UPLOAD_MAX_MEMORY_SIZE"
            ):
                request.body

    def test_too_many_fields(self):
        body = "&".join("f%d=1" % i for i in range(1001)).encode()
        request = make_request(
            method="POST", body=body, content_type="application/x-www-form-urlencoded"
        )
        with self.assertRaisesRegex(TooManyFieldsSent, "DATA_UPLOAD_MAX_NUMBER_FIELDS"):
            request.POST
        with self.assertRaises(TooManyFieldsSent):
            make_request(query=body.decode()).GET

    def test_invalid_utf8_and_bad_escapes_are_replaced_in_get_bad_request_in_post(self):
        for query, expected in (("a=%ff", {"a": ["\ufffd"]}),
                                ("a=%zz", {"a": ["%zz"]}),
                                ("%e9=1", {"\ufffd": ["1"]}),
                                ("a=%C3", {"a": ["\ufffd"]})):
            with self.subTest(query=query):
                self.assertEqual(dict(make_request(query=query).GET.lists()), expected)
        request = make_request(
            method="POST",
            body=b"a=%ff%fe",
            content_type="application/x-www-form-urlencoded",
        )
        with self.assertRaisesRegex(BadRequest, "form data is not valid utf-8"):
            request.POST

    def test_multipart_fields_and_files(self):
        body, ctype = multipart(
            [
                ("title", "Hello \u00e9"),
                ("tags", "a"),
                ("tags", "b"),
                ("doc", ("C:\\Users\\me\\notes.txt", b"line1\r\nline2", "text/plain")),
                ("empty", ("", b"", "application/octet-stream")),
            ]
        )
        request = make_request(method="POST", body=body, content_type=ctype)
        self.assertEqual(request.POST["title"], "Hello \u00e9")
        self.assertEqual(request.POST.getlist("tags"), ["a", "b"])
        upload = request.FILES["doc"]
        self.assertIsInstance(upload, InMemoryUploadedFile)
        self.assertEqual(upload.name, "notes.txt")
        self.assertEqual(upload.content_type, "text/plain")
        self.assertEqual(upload.size, 12)
        self.assertEqual(upload.read(), b"line1\r\nline2")
        self.assertNotIn("empty", request.FILES)

    def test_large_upload_goes_to_a_temporary_file(self):
        data = b"0123456789" * 1000
        body, ctype = multipart([("big", ("../../etc/passwd", data, "text/plain"))])
        request = make_request(method="POST", body=body, content_type=ctype)
        with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000):
            upload = request.FILES["big"]
        self.assertIsInstance(upload, TemporaryUploadedFile)
        self.assertEqual(upload.name, "passwd")
        self.assertEqual(upload.size, len(data))
        with open(upload.temporary_file_path(), "rb") as f:
            self.assertEqual(f.read(), data)
        self.assertEqual(b"".join(upload.chunks(4096)), data)
        request.close()

    def test_multipart_limits(self):
        body, ctype = multipart([("f%d" % i, "v") for i in range(5)])
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=4):
            with self.assertRaises(TooManyFieldsSent):
                make_request(method="POST", body=body, content_type=ctype).POST
        body, ctype = multipart(
            [("f%d" % i, ("a.txt", b"x", "text/plain")) for i in range(3)]
        )
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2):
            request = make_request(method="POST", body=body, content_type=ctype)
            with self.assertRaisesRegex(
                TooManyFilesSent, "DATA_UPLOAD_MAX_NUMBER_FILES"
            ):
                request.FILES
            self.assertEqual(dict(request.POST), {})  # not parsed a second time
        body, ctype = multipart([("text", "x" * 200)])
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
            with self.assertRaises(RequestDataTooBig):
                make_request(method="POST", body=body, content_type=ctype).POST

    def test_malformed_multipart_is_a_parser_error(self):
        for body, ctype in [
            (b"--X\r\nno headers end", "multipart/form-data; boundary=X"),
            (b"garbage", "multipart/form-data; boundary=X"),
            (b"--X--", "multipart/form-data"),
            (
                b'--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\r\n--X--',
                "multipart/form-data; boundary=X",
            ),
        ]:
            with self.subTest(body=body):
                request = make_request(method="POST", body=body, content_type=ctype)
                with self.assertRaises(djscratch.MultiPartParserError):
                    request.POST

    def test_invalid_content_length_is_recorded_as_bad_request(self):
        for value in ("abc", "-1", "1e3"):
            request = make_request(CONTENT_LENGTH=value)
            self.assertIsInstance(request._input_error, BadRequest)
            self.assertIn("Invalid Content-Length", str(request._input_error))
            self.assertEqual(request.body, b"")

    def test_nul_and_invalid_utf8_in_path_are_recorded_as_bad_request(self):
        self.assertIn("NUL", str(make_request("/a\x00b/")._input_error))
        request = make_request("/\xff/")
        self.assertIn("not valid UTF-8", str(request._input_error))
        self.assertEqual(request.path, "/%FF/")


@override_settings(**TEST_SETTINGS)
class QueryDictTests(unittest.TestCase):
    def test_lists_and_urlencode_match_django(self):
        q = QueryDict("a=1&a=2&b=x%20y&c=&d", mutable=True)
        self.assertEqual(
            sorted(map(list, q.lists())), [list(x) for x in EXPECTED["querydict_lists"]]
        )
        self.assertEqual(q.urlencode(), EXPECTED["querydict_urlencode"])
        q2 = QueryDict(mutable=True)
        q2["next"] = "/a&b/?c=d"
        self.assertEqual(
            [q2.urlencode(), q2.urlencode(safe="/")],
            EXPECTED["querydict_urlencode_safe"],
        )

    def test_immutable_by_default(self):
        q = QueryDict("a=1")
        for action in (
            lambda: q.__setitem__("a", "2"),
            lambda: q.appendlist("a", "2"),
            lambda: q.pop("a"),
            q.clear,
            lambda: q.setlist("a", []),
        ):
            with self.assertRaises(AttributeError):
                action()

    def test_fromkeys_and_empty(self):
        q = QueryDict.fromkeys(["a", "a", "b"], value="v")
        self.assertEqual(q.getlist("a"), ["v", "v"])
        self.assertEqual(len(QueryDict()), 0)
        self.assertEqual(QueryDict(None).urlencode(), "")


class UploadedFileTests(unittest.TestCase):
    def test_simple_uploaded_file(self):
        f = SimpleUploadedFile("hello.txt", b"hello world")
        self.assertEqual(
            (f.name, f.size, f.content_type), ("hello.txt", 11, "text/plain")
        )
        self.assertEqual(f.read(), b"hello world")
        self.assertEqual(list(f.chunks()), [b"hello world"])
        self.assertFalse(f.multiple_chunks())
        self.assertEqual(repr(f), "<SimpleUploadedFile: hello.txt (text/plain)>")

    def test_file_names_cannot_escape(self):
        self.assertEqual(SimpleUploadedFile("../../x.txt", b"").name, "x.txt")
        with self.assertRaises(djscratch.SuspiciousFileOperation):
            SimpleUploadedFile("..", b"")
        long_name = SimpleUploadedFile("a" * 300 + ".txt", b"").name
        self.assertEqual(len(long_name), 255)
        self.assertTrue(long_name.endswith(".txt"))

    def test_file_and_content_file(self):
        from django.core.files.base import ContentFile

        f = ContentFile(b"abc" * 10, name="x.bin")
        self.assertEqual(f.size, 30)
        self.assertEqual(b"".join(f.chunks(chunk_size=7)), b"abc" * 10)
        self.assertTrue(f.multiple_chunks(chunk_size=7))


class URLHelperTests(unittest.TestCase):
    """django.utils.http and django.utils.encoding, against Django's output."""

    def test_http_date_and_parse(self):
        for seconds, text in EXPECTED["http_date"].items():
            self.assertEqual(http.http_date(int(seconds)), text)
            self.assertEqual(http.parse_http_date(text), int(seconds))
        for text, seconds in EXPECTED["parse_http_date"].items():
            self.assertEqual(http.parse_http_date(text), seconds)
        with self.assertRaisesRegex(ValueError, "is not in a valid HTTP date format"):
            http.parse_http_date("yesterday")
        self.assertIsNone(http.parse_http_date_safe("yesterday"))

    def test_url_has_allowed_host_and_scheme(self):
        for url, allowed, allowed_https in EXPECTED["url_has_allowed_host_and_scheme"]:
            with self.subTest(url=url):
                self.assertEqual(
                    http.url_has_allowed_host_and_scheme(url, {"testserver"}), allowed
                )
                self.assertEqual(
                    http.url_has_allowed_host_and_scheme(
                        url, {"testserver"}, require_https=True
                    ),
                    allowed_https,
                )
        self.assertFalse(http.url_has_allowed_host_and_scheme(None, None))

    def test_misc_helpers(self):
        self.assertEqual(
            [
                http.urlencode({"a": 1, "b": "x y"}),
                http.urlencode({"a": [1, 2]}, doseq=True),
                http.urlencode([("k", "\u00e9"), ("k", "&")]),
            ],
            EXPECTED["urlencode"],
        )
        with self.assertRaisesRegex(TypeError, "Cannot encode None for key 'a'"):
            http.urlencode({"a": None})
        self.assertEqual(
            [http.quote_etag(e) for e in ("abc", '"abc"', 'W/"x"')],
            EXPECTED["quote_etag"],
        )
        for number, text in EXPECTED["int_to_base36"].items():
            self.assertEqual(http.int_to_base36(int(number)), text)
            self.assertEqual(http.base36_to_int(text), int(number))
        with self.assertRaisesRegex(ValueError, "Base36 input too large"):
            http.base36_to_int("z" * 14)
        encoded = http.urlsafe_base64_encode(b"\xfb\xff hello")
        self.assertEqual(encoded, EXPECTED["urlsafe_base64"])
        self.assertEqual(http.urlsafe_base64_decode(encoded), b"\xfb\xff hello")
        cases = [
            (True, "report.pdf"),
            (False, "report.pdf"),
            (True, 'we"ird\\.txt'),
            (True, "r\u00e9sum\u00e9.pdf"),
            (False, ""),
            (True, ""),
        ]
        self.assertEqual(
            [http.content_disposition_header(a, f) for a, f in cases],
            EXPECTED["content_disposition"],
        )
        self.assertEqual(
            [
                iri_to_uri(s)
                for s in (
                    "/blog/for/J\u00fcrgen M\u00fcnster/",
                    "/a b?c=d&e=f#g",
                    "/%20already/",
                )
            ],
            EXPECTED["iri_to_uri"],
        )
        self.assertEqual(
            [escape_uri_path(s) for s in ("/a b/c?d", "/\u00fc/%/#x", "/;:@&=+$,/")],
            EXPECTED["escape_uri_path"],
        )



@override_settings(**TEST_SETTINGS)
class UploadFileNameTests(unittest.TestCase):
    def test_utf8_and_rfc2231_file_names(self):
        body = (
            '--B\r\nContent-Disposition: form-data; name="f"; '
            'filename="r\u00e9sum\u00e9.pdf"\r\n\r\nx\r\n'
            '--B\r\nContent-Disposition: form-data; name="g"; '
            "filename*=UTF-8''%E2%98%83.txt\r\n\r\ny\r\n--B--\r\n"
        ).encode("utf-8")
        request = make_request(
            method="POST", body=body, content_type="multipart/form-data; boundary=B"
        )
        self.assertEqual(request.FILES["f"].name, "r\u00e9sum\u00e9.pdf")
        self.assertEqual(request.FILES["g"].name, "\u2603.txt")


if __name__ == "__main__":
    unittest.main()
