"""HttpResponse and family, headers, cookies, JSON, streaming and files."""

import datetime
import decimal
import json
import os
import sys
import tempfile
import unittest
import uuid

import djscratch
from django.core.exceptions import DisallowedRedirect
from django.http import (
    BadHeaderError,
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)
from djscratch import override_settings
from tests import TEST_SETTINGS
from tests.http_helpers import ORACLE_KEY, load_expected

EXPECTED = load_expected()


@override_settings(**TEST_SETTINGS)
class HttpResponseTests(unittest.TestCase):
    def test_defaults(self):
        response = HttpResponse("caf\u00e9")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(response.content, "caf\u00e9".encode())
        self.assertEqual(response.text, "caf\u00e9")
        self.assertEqual(response.charset, "utf-8")
        self.assertEqual(
            repr(response), '<HttpResponse status_code=200, "text/html; charset=utf-8">'
        )

    def test_plain_construction_matches_the_general_one(self):
        """HttpResponse(text) and render()'s HttpResponse(text, None, None)
        (built in one frame) hold what a subclass, built the general way,
        holds: str of any class encoded, bytes as they are, any other
        argument the general way."""
        from django.utils.safestring import SafeString

        class General(HttpResponse):
            pass

        class Shouting(str):
            def encode(self, *args):
                return str.encode(self.upper(), *args)

        class Raw(bytes):
            pass

        contents = ["caf\u00e9", "", SafeString("<b>s</b>"), Shouting("loud"),
                    b"bytes", Raw(b"raw"), 5, ["a", b"b"]]
        calls = [((), {}), ((None, None), {}), ((None,), {}),
                 (("text/plain", None), {}), ((None, 201), {}), ((), {"status": None})]

        def state(response):
            attributes = dict(vars(response))
            headers = attributes.pop("headers")
            return (attributes, list(headers.items()), type(response.content),
                    response.content, response.status_code, response.charset)

        with override_settings(**TEST_SETTINGS):
            for content in contents:
                for args, kwargs in calls:
                    with self.subTest(content=content, args=args, kwargs=kwargs):
                        self.assertEqual(state(HttpResponse(content, *args, **kwargs)),
                                         state(General(content, *args, **kwargs)))

    def test_charset_from_content_type_encodes_content(self):
        response = HttpResponse("caf\u00e9", content_type="text/plain; charset=latin-1")
        self.assertEqual(response.charset, "latin-1")
        self.assertEqual(response.content, b"caf\xe9")
        self.assertEqual(response.text, "caf\u00e9")
        self.assertEqual(HttpResponse(charset="utf-16").charset, "utf-16")

    def test_content_from_iterable_and_write(self):
        response = HttpResponse(iter(["a", b"b", 3]))
        self.assertEqual(response.content, b"ab3")
        response.write("c")
        response.writelines(["d", "e"])
        self.assertEqual(response.content, b"ab3cde")
        self.assertEqual(response.tell(), 6)
        self.assertEqual(response.getvalue(), b"ab3cde")

    def test_status_and_reason_phrase(self):
        for status, phrase in EXPECTED["reason_phrases"].items():
            self.assertEqual(HttpResponse(status=int(status)).reason_phrase, phrase)
        self.assertEqual(HttpResponse(status=200, reason="Fine").reason_phrase, "Fine")

    def test_charset_cache_starts_with_what_the_pattern_reads(self):
        module = sys.modules[HttpResponse.__module__]
        for content_type, charset in list(module._charset_cache.items()):
            response = HttpResponse(content_type=content_type)
            cache, module._charset_cache = module._charset_cache, {}
            try:
                self.assertEqual(response.charset, charset)
            finally:
                module._charset_cache = cache

    def test_common_status_phrases_are_http_status_phrases(self):
        # _status_phrase()'s table (no `import http` for the commonest
        # statuses) against the general path, http.HTTPStatus, for every code.
        from http import HTTPStatus

        status_phrase = sys.modules[djscratch._status_phrase.__module__]._status_phrase
        table = sys.modules[djscratch._status_phrase.__module__]._COMMON_STATUS_PHRASES
        for status in HTTPStatus:
            self.assertEqual(status_phrase(status.value), status.phrase)
        for code, phrase in table.items():
            self.assertEqual(HTTPStatus(code).phrase, phrase)
        for code in (0, 99, 299, 600, 999):
            self.assertEqual(status_phrase(code), "Unknown Status Code")
        with self.assertRaisesRegex(TypeError, "HTTP status code must be an integer."):
            HttpResponse(status="abc")
        with self.assertRaisesRegex(ValueError, "from 100 to 599"):
            HttpResponse(status=600)

    def test_headers_are_case_insensitive(self):
        response = HttpResponse(headers={"X-Thing": "1"})
        self.assertEqual(response["x-thing"], "1")
        self.assertTrue(response.has_header("X-THING"))
        self.assertIn("x-thing", response)
        response["x-thing"] = "2"
        self.assertEqual(response.headers["X-Thing"], "2")
        del response["X-THING"]
        self.assertFalse(response.has_header("X-Thing"))
        self.assertIsNone(response.get("X-Thing"))
        response.setdefault("Cache-Control", "no-cache")
        response.setdefault("Cache-Control", "ignored")
        self.assertEqual(response["Cache-Control"], "no-cache")
        with self.assertRaisesRegex(ValueError, "must not contain 'Content-Type'"):
            HttpResponse(content_type="text/plain", headers={"Content-Type": "x"})

    def test_header_values_with_newlines_are_refused(self):
        response = HttpResponse()
        for value in ("a\r\nSet-Cookie: x=y", "a\nb", "a\rb", b"a\nb", "a\x00b"):
            with self.assertRaises(BadHeaderError):
                response["X-Bad"] = value
        with self.assertRaises(BadHeaderError):
            response["X-Bad\nName"] = "v"

    def test_non_latin1_header_value_is_mime_encoded(self):
        response = HttpResponse()
        response["X-Name"] = "\u2603"
        self.assertEqual(response["X-Name"], "=?utf-8?b?4piD?=")
        with self.assertRaises(UnicodeError):
            response["X-\u2603"] = "v"

    def test_serialize(self):
        response = HttpResponse("body", headers={"X-A": "1"})
        self.assertEqual(
            bytes(response),
            b"X-A: 1\r\nContent-Type: text/html; charset=utf-8\r\n\r\nbody",
        )

    def test_subclass_statuses(self):
        for cls, status in [
            (HttpResponseBadRequest, 400),
            (HttpResponseNotFound, 404),
            (HttpResponseForbidden, 403),
            (HttpResponseGone, 410),
            (HttpResponseServerError, 500),
        ]:
            self.assertEqual(cls().status_code, status)

    def test_not_allowed_lists_methods(self):
        response = HttpResponseNotAllowed(["GET", "POST"])
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, POST")
        self.assertIn("[GET, POST]", repr(response))

    def test_not_modified_has_no_content(self):
        response = HttpResponseNotModified()
        self.assertEqual(response.status_code, 304)
        self.assertFalse(response.has_header("Content-Type"))
        with self.assertRaises(AttributeError):
            response.content = "x"

    def test_redirects(self):
        response = HttpResponseRedirect("/caf\u00e9/?a=1")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/caf%C3%A9/?a=1")
        self.assertEqual(response.url, "/caf%C3%A9/?a=1")
        self.assertEqual(
            HttpResponsePermanentRedirect("https://x.org/").status_code, 301
        )
        self.assertEqual(
            HttpResponseRedirect("/", preserve_request=True).status_code, 307
        )
        self.assertEqual(
            HttpResponsePermanentRedirect("/", preserve_request=True).status_code, 308
        )
        self.assertEqual(HttpResponseRedirect("ftp://x.org/f").status_code, 302)
        self.assertIn('url="/"', repr(HttpResponseRedirect("/")))

    def test_redirect_to_unsafe_scheme_or_control_chars_is_disallowed(self):
        for target in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"):
            with self.assertRaisesRegex(DisallowedRedirect, "Unsafe redirect"):
                HttpResponseRedirect(target)
        for target in ("/ok\r\nSet-Cookie: a=b", "/x\ny", "/\x00"):
            with self.assertRaisesRegex(DisallowedRedirect, "control character"):
                HttpResponseRedirect(target)


@override_settings(**TEST_SETTINGS)
class CookieTests(unittest.TestCase):
    def test_cookie_formatting_matches_django(self):
        response = HttpResponse()
        response.set_cookie(
            "a",
            "b",
            expires="Wed, 21 Oct 2026 07:28:00 GMT",
            path="/p/",
            domain=".example.com",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        response.set_cookie("plain", "v")
        response.set_cookie("spaced", "a b;c")
        response.delete_cookie("gone")
        response.delete_cookie("__Host-x", samesite="None")
        self.assertEqual(
            {k: m.OutputString() for k, m in response.cookies.items()},
            EXPECTED["cookies"],
        )

    def test_max_age_sets_expires_too(self):
        response = HttpResponse()
        response.set_cookie("a", "1", max_age=datetime.timedelta(hours=1))
        morsel = response.cookies["a"]
        self.assertEqual(morsel["max-age"], 3600)
        self.assertTrue(morsel["expires"].endswith("GMT"))

    def test_expires_datetime_becomes_max_age(self):
        response = HttpResponse()
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
            seconds=60
        )
        response.set_cookie("a", "1", expires=when)
        self.assertIn(response.cookies["a"]["max-age"], (60, 61))
        with self.assertRaisesRegex(ValueError, "can't be used together"):
            response.set_cookie("b", "1", expires=when, max_age=5)

    def test_samesite_is_checked(self):
        with self.assertRaisesRegex(ValueError, 'samesite must be "lax", "none", or'):
            HttpResponse().set_cookie("a", "1", samesite="sometimes")

    def test_signed_cookie_uses_the_cookie_signer_with_django_5_2_15_salt(self):
        with override_settings(SECRET_KEY=ORACLE_KEY):
            response = HttpResponse()
            response.set_signed_cookie("name", "cookieval", salt="s", max_age=60)
            value = response.cookies["name"].value
            self.assertEqual(
                djscratch.get_cookie_signer(
                    salt="django.http.cookies.v2:1:sname").unsign(value), "cookieval"
            )
            self.assertEqual(response.cookies["name"]["max-age"], 60)

    def test_cookies_are_made_only_when_used(self):
        response = HttpResponse()
        self.assertNotIn("cookies", response.__dict__)
        response.cookies  # noqa: B018
        self.assertIn("cookies", response.__dict__)


@override_settings(**TEST_SETTINGS)
class FreshMorselTests(unittest.TestCase):
    """set_cookie() builds a new cookie's Morsel with _fresh_morsel() and sets
    its attributes without Morsel.__setitem__'s check: the same Morsel, line,
    errors and partial state as the general way (cookies[key] = value, then
    morsel[name] = value), which it takes for what it does not handle."""

    KEYS = ["csrftoken", "sessionid", "a", "__Host-x", "x.y", "bad key", "expires",
            "Path", "k\u00e9"]
    VALUES = ["", "v", "a b;c", 'q"uote', "back\\slash", "\u00e9t\u00e9", 12,
              "FUsYRsGL9mmci9vmbXnRJ4S7c4tZCO7p"]
    OPTIONS = [
        {},
        {"max_age": 31449600, "path": "/", "samesite": "Lax"},
        {"max_age": datetime.timedelta(hours=1), "secure": True, "httponly": True},
        {"expires": "Wed, 21 Oct 2026 07:28:00 GMT", "domain": ".example.com",
         "path": "/p/", "samesite": "Strict"},
        {"expires": datetime.datetime(2030, 1, 1, 12, 0, 0)},
        {"expires": datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc),
         "max_age": 5},
        {"max_age": 0, "expires": "Thu, 01 Jan 1970 00:00:00 GMT", "path": None},
        {"samesite": "sometimes", "max_age": 60, "path": "/"},
        {"samesite": "None", "secure": True, "domain": "example.com"},
    ]

    @staticmethod
    def state(response):
        return [(key, type(morsel), list(morsel.items()), vars(morsel),
                 morsel.OutputString()) for key, morsel in response.cookies.items()]

    def outcome(self, key, value, options, fast, before=()):
        from unittest import mock

        import sys

        # Patched where set_cookie() reads them: the flat file, or the
        # package's http/response.py and http/cookie.py.
        response_module = sys.modules[HttpResponse.set_cookie.__module__]
        cookie_module = sys.modules[djscratch._fresh_morsel.__module__]
        response = HttpResponse()
        for name, old in before:
            response.set_cookie(name, old, max_age=9, httponly=True)
        patch = (mock.patch.object(response_module, "_fresh_morsel",
                                   return_value=None)
                 if not fast else mock.patch.object(cookie_module, "_BLANK_MORSEL",
                                                    cookie_module._BLANK_MORSEL))
        with patch, mock.patch("time.time", return_value=1_800_000_000.25), \
                mock.patch.object(response_module.datetime, "datetime",
                                  FrozenDatetime):
            try:
                response.set_cookie(key, value, **options)
                error = None
            except Exception as exc:  # the same error, the same partial state
                error = (type(exc), str(exc))
        return error, self.state(response)

    def test_same_morsel_line_and_errors_as_the_general_way(self):
        import itertools

        for key, value, options in itertools.product(self.KEYS, self.VALUES,
                                                     self.OPTIONS):
            with self.subTest(key=key, value=value, options=options):
                self.assertEqual(self.outcome(key, value, options, fast=True),
                                 self.outcome(key, value, options, fast=False))

    def test_an_existing_cookie_is_updated_the_general_way(self):
        before = [("a", "old")]
        fast = self.outcome("a", "new", {"path": "/x/"}, fast=True, before=before)
        self.assertEqual(fast, self.outcome("a", "new", {"path": "/x/"}, fast=False,
                                            before=before))
        self.assertEqual(fast[1][0][4], "a=new; HttpOnly; Max-Age=9; Path=/x/")

    def test_fresh_morsel_is_used_only_for_a_new_key_in_a_plain_simplecookie(self):
        from http.cookies import Morsel, SimpleCookie

        class MyCookie(SimpleCookie):
            pass

        self.assertIsNone(djscratch._fresh_morsel(MyCookie(), "a", "1"))
        cookies = SimpleCookie()
        cookies["a"] = "1"
        self.assertIsNone(djscratch._fresh_morsel(cookies, "a", "2"))
        self.assertIsNone(djscratch._fresh_morsel(SimpleCookie(), "a", Morsel()))
        morsel = djscratch._fresh_morsel(cookies, "b", "x y")
        self.assertIs(cookies["b"], morsel)
        general = SimpleCookie()
        general["b"] = "x y"
        self.assertEqual(morsel, general["b"])
        self.assertEqual(list(morsel.items()), list(general["b"].items()))


@override_settings(**TEST_SETTINGS)
class PlainCookieTests(unittest.TestCase):
    """set_cookie() keeps a plain cookie aside (_plain_cookie()) until
    response.cookies is read; the handler writes its Set-Cookie line with
    _plain_set_cookie_header().  The lines, and the SimpleCookie made when
    response.cookies is read, are those of the general way (the cookie
    assigned to a SimpleCookie at once, each line Morsel.OutputString())."""

    KEYS = FreshMorselTests.KEYS + ["csrftoken2", "Max-Age", "x~y!#$%&'*+-.^_`|:", ""]
    VALUES = FreshMorselTests.VALUES + ["!#$%&'*+-.^_`|~:", "a,b", "=", "a=b"]
    OPTIONS = FreshMorselTests.OPTIONS + [
        {"path": "/a b/", "domain": "d;e"}, {"path": "/\u00e9/"}, {"path": ""},
        {"domain": 5}, {"path": "/\x7f"}, {"max_age": -3}, {"max_age": 2.5},
        {"expires": ""}, {"secure": 1, "httponly": "yes"},
    ]

    def outcome(self, settings, kept):
        """(error, Set-Cookie lines, cookies' state) of `settings` [(key,
        value, options)] set in turn; `kept`: set_cookie() may keep plain
        cookies aside, else response.cookies is read first (the general way)."""
        from unittest import mock

        import sys

        response_module = sys.modules[HttpResponse.set_cookie.__module__]
        response = HttpResponse()
        if not kept:
            response.cookies  # noqa: B018
        error = None
        with mock.patch("time.time", return_value=1_800_000_000.25), \
                mock.patch.object(response_module.datetime, "datetime",
                                  FrozenDatetime):
            for key, value, options in settings:
                try:
                    response.set_cookie(key, value, **options)
                except Exception as exc:  # the same error, the same state
                    error = (type(exc), str(exc))
                    break
        lines = response._set_cookie_headers()
        return error, lines, FreshMorselTests.state(response)

    def test_same_lines_cookies_and_errors_as_the_general_way(self):
        import itertools

        for key, value, options in itertools.product(self.KEYS, self.VALUES,
                                                     self.OPTIONS):
            settings = [(key, value, options)]
            with self.subTest(key=key, value=value, options=options):
                self.assertEqual(self.outcome(settings, kept=True),
                                 self.outcome(settings, kept=False))

    def test_several_cookies_and_a_cookie_set_again(self):
        lax = {"max_age": 60, "path": "/", "samesite": "Lax"}
        cases = [
            [("a", "1", lax), ("b", "2", {}), ("a", "3", {"path": "/x/"})],
            [("a", "1", lax), ("b", "x y", {}), ("c", "3", lax)],
            [("a", "1", lax), ("b", "2", {"domain": 7}), ("a", "", {})],
            [("csrftoken", "t" * 32, lax), ("sessionid", "s", {"httponly": True})],
        ]
        for settings in cases:
            with self.subTest(settings=settings):
                self.assertEqual(self.outcome(settings, kept=True),
                                 self.outcome(settings, kept=False))

    def test_plain_header_matches_morsel_output(self):
        from http.cookies import SimpleCookie

        attributes = [
            {}, {"expires": "", "max-age": 5, "path": "/"},
            {"expires": "Thu, 01 Jan 1970 00:00:00 GMT", "domain": ".x.org",
             "secure": True, "httponly": True, "samesite": "None"},
            {"path": "", "domain": ""}, {"max-age": 0}, {"samesite": "Strict"},
        ]
        for attrs in attributes:
            with self.subTest(attrs=attrs):
                cookies = SimpleCookie()
                cookies["k"] = "v"
                dict.update(cookies["k"], attrs)
                self.assertEqual(djscratch._plain_set_cookie_header("k", "v", attrs),
                                 cookies["k"].OutputString())

    def test_what_it_does_not_write_goes_the_general_way(self):
        header = djscratch._plain_set_cookie_header
        self.assertIsNone(header("k", "v", {"path": "a;b"}))
        self.assertIsNone(header("k", "v", {"max-age": True}))
        self.assertIsNone(header("k", "v", {"secure": 1}))
        self.assertIsNone(header("k", "v", {"comment": "c"}))
        self.assertFalse(djscratch._plain_cookie("k", ""))
        self.assertFalse(djscratch._plain_cookie("path", "v"))
        self.assertFalse(djscratch._plain_cookie("k", "a b"))
        self.assertTrue(djscratch._plain_cookie("csrftoken", "abc123"))

    def test_remembered_header_matches_the_general_one(self):
        """_remembered_set_cookie_header() (what the handler writes) gives
        _plain_set_cookie_header()'s text for attributes seen before or
        not, with another Expires date, values equal across types (True,
        1, 1.0) or unhashable, and after its memo is emptied on growth."""
        import itertools

        general = djscratch._plain_set_cookie_header
        remembered = djscratch._remembered_set_cookie_header
        values = {
            "expires": ["", "Thu, 01 Jan 1970 00:00:00 GMT",
                        "Fri, 02 Jan 1970 00:00:01 GMT", "a;b", "\u00e9", 1, True,
                        ["x"]],
            "max-age": [0, 5, True, 1, 1.0, "5"],
            "path": ["/", "", "/a;b", 1, "/\u00e9"],
            "domain": [".x.org", "", "a;b", None, True],
            "secure": [True, 1, 1.0],
            "httponly": [True, 1],
            "samesite": ["Lax", "None", True],
            "comment": ["c"],
        }
        names = list(values)
        cases = []
        for size in (0, 1, 2, 3):
            for chosen in itertools.combinations(names, size):
                for picked in itertools.product(*(values[n] for n in chosen)):
                    cases.append(dict(zip(chosen, picked)))
        self.assertGreater(len(cases), 64)  # (the memo is emptied on the way)
        for attrs in cases + list(reversed(cases)) + cases:
            for key, value in (("k", "v"), ("csrftoken", "a" * 32)):
                self.assertEqual(remembered(key, value, attrs),
                                 general(key, value, attrs), attrs)

    def test_a_kept_cookie_is_in_response_cookies(self):
        response = HttpResponse()
        response.set_cookie("csrftoken", "abc", max_age=60, samesite="Lax")
        self.assertNotIn("cookies", response.__dict__)
        self.assertEqual(response.cookies["csrftoken"].value, "abc")
        self.assertEqual(response.cookies["csrftoken"]["max-age"], 60)
        self.assertNotIn("_plain_cookies", response.__dict__)
        response.cookies["csrftoken"]["path"] = "/p/"  # the SimpleCookie is used
        self.assertIn("Path=/p/", response._set_cookie_headers()[0])


PLAIN_COOKIE_PROBE = """
import io, json, sys
import djscratch
app = djscratch.App(__name__, SECRET_KEY="x" * 50)
from django.http import HttpResponse
from django.urls import path
def view(request):
    response = HttpResponse("ok")
    response.set_cookie("visit", "1", max_age=60, samesite="Lax")
    return response
urlpatterns = [path("", view)]
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "",
           "SERVER_NAME": "testserver", "SERVER_PORT": "80",
           "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO(),
           "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO()}
seen = []
b"".join(app(environ, lambda status, headers, exc_info=None: seen.append(headers)))
print(json.dumps({"cookies": [v for k, v in seen[0] if k == "Set-Cookie"],
                  "imported": "http.cookies" in sys.modules}))
"""


class PlainCookieProcessTests(unittest.TestCase):
    def test_serving_a_plain_cookie_does_not_import_http_cookies(self):
        import subprocess
        import sys

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "cookie_app.py")
            with open(script, "w", encoding="utf-8") as f:
                f.write(PLAIN_COOKIE_PROBE)
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [os.path.dirname(djscratch.__path__[0])
                 if hasattr(djscratch, "__path__") else os.path.dirname(
                     djscratch.__file__), root])}
            out = subprocess.run([sys.executable, script], capture_output=True,
                                 text=True, cwd=tmp, env=env, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        facts = json.loads(out.stdout.splitlines()[-1])
        self.assertFalse(facts["imported"])
        self.assertEqual(len(facts["cookies"]), 1)
        self.assertRegex(facts["cookies"][0],
                         r"^visit=1; expires=\w{3}, \d\d \w{3} \d{4} "
                         r"\d\d:\d\d:\d\d GMT; Max-Age=60; Path=/; SameSite=Lax$")


class FrozenDatetime(datetime.datetime):
    """datetime.datetime whose now() is fixed (both ways see the same time)."""

    @classmethod
    def now(cls, tz=None):
        return datetime.datetime(2026, 12, 7, 12, 0, 0, tzinfo=tz)


@override_settings(**TEST_SETTINGS)
class JsonResponseTests(unittest.TestCase):
    def test_dict_is_serialised(self):
        response = JsonResponse({"a": [1, "\u00e9"]})
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(json.loads(response.content), {"a": [1, "\u00e9"]})

    def test_non_dict_needs_safe_false(self):
        with self.assertRaisesRegex(TypeError, "set the safe parameter to False"):
            JsonResponse([1, 2])
        self.assertEqual(JsonResponse([1, 2], safe=False).content, b"[1, 2]")

    def test_django_json_encoder_types(self):
        data = {
            "dt": datetime.datetime(
                2024, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.timezone.utc
            ),
            "d": datetime.date(2024, 1, 2),
            "t": datetime.time(3, 4, 5),
            "td": datetime.timedelta(days=1, hours=2, seconds=3),
            "dec": decimal.Decimal("1.10"),
            "u": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "lazy": djscratch.gettext_lazy("hi"),
        }
        decoded = json.loads(JsonResponse(data).content)
        self.assertEqual(
            decoded,
            {
                "dt": "2024-01-02T03:04:05.678Z",
                "d": "2024-01-02",
                "t": "03:04:05",
                "td": "P1DT02H00M03S",
                "dec": "1.10",
                "u": "12345678-1234-5678-1234-567812345678",
                "lazy": "hi",
            },
        )
        from django.core.serializers.json import DjangoJSONEncoder

        self.assertIs(DjangoJSONEncoder, djscratch.DjangoJSONEncoder)
        self.assertTrue(issubclass(DjangoJSONEncoder, json.JSONEncoder))

    def test_json_dumps_params(self):
        response = JsonResponse({"b": 1, "a": 2}, json_dumps_params={"sort_keys": True})
        self.assertEqual(response.content, b'{"a": 2, "b": 1}')


@override_settings(**TEST_SETTINGS)
class StreamingAndFileResponseTests(unittest.TestCase):
    def test_streaming_content(self):
        response = StreamingHttpResponse(iter(["a", "b", b"c"]))
        self.assertTrue(response.streaming)
        self.assertEqual(b"".join(response), b"abc")
        with self.assertRaisesRegex(AttributeError, "Use `streaming_content` instead"):
            response.content
        with self.assertRaises(AttributeError):
            response.text

    def test_close_closes_resources_and_sends_request_finished(self):
        closed = []

        class Source:
            def __iter__(self):
                return iter([b"x"])

            def close(self):
                closed.append(True)

        seen = []
        receiver = lambda sender, **kw: seen.append(sender)
        djscratch.request_finished.connect(receiver)
        try:
            StreamingHttpResponse(Source()).close()
        finally:
            djscratch.request_finished.disconnect(receiver)
        self.assertEqual(closed, [True])
        self.assertEqual(len(seen), 1)

    def test_file_response_sets_headers(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.csv")
            with open(path, "wb") as f:
                f.write(b"a,b\n1,2\n")
            response = FileResponse(open(path, "rb"), as_attachment=True)
            self.assertEqual(response["Content-Length"], "8")
            self.assertEqual(response["Content-Type"], "text/csv")
            self.assertEqual(
                response["Content-Disposition"], 'attachment; filename="report.csv"'
            )
            self.assertEqual(b"".join(response), b"a,b\n1,2\n")
            response.close()
            gz = FileResponse(open(path, "rb"), filename="data.csv.gz")
            self.assertEqual(gz["Content-Type"], "application/gzip")
            self.assertEqual(
                gz["Content-Disposition"], 'inline; filename="data.csv.gz"'
            )
            gz.close()
            explicit = FileResponse(open(path, "rb"), content_type="text/plain")
            self.assertEqual(explicit["Content-Type"], "text/plain")
            explicit.close()

    def test_file_response_from_bytesio(self):
        import io

        response = FileResponse(io.BytesIO(b"12345"))
        self.assertEqual(response["Content-Length"], "5")
        self.assertEqual(response["Content-Type"], "application/octet-stream")


if __name__ == "__main__":
    unittest.main()
