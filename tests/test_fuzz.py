"""Property-based fuzzing (hypothesis==6.170.15): every input either parses or
raises the documented exception, never anything else, and never slowly.

Targets: the template lexer and parser (both syntaxes) and escaping; the query
string, form and cookie parsers; the multipart parser; the URL resolver and
reverse().  Example counts stay modest and the runs are derandomized, so the
suite is fast and a failure reproduces.
"""

import io
import time
import unittest

from tests import TEST_SETTINGS, fuzz, fuzz_examples
from tests.attack_app import AttackAppMixin
from tests.http_helpers import make_urlconf

import djscratch
from djscratch import override_settings

try:
    from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test requirement
    raise unittest.SkipTest("hypothesis is not installed") from None

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import NoReverseMatch, Resolver404, path, re_path

#: Per-example time bound (ms) and example count (200 in the slow run).
FUZZ = hsettings(max_examples=fuzz_examples(200), deadline=1000, derandomize=True,
                 database=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.filter_too_much])

#: Pieces that make template sources interesting: tag and variable syntax,
#: filters, keywords, quotes and the native << >> / <% %> syntax.
TEMPLATE_PIECES = [
    "{{", "}}", "{%", "%}", "{#", "#}", "<<", ">>", "<%", "%>", " ", "x", "y",
    "x.y", "_x", "x.__class__", "|", "|upper", "|default:", "|safe", "|escapejs",
    "|join:", "|slice:", ":", "'", '"', "'a'", '"b"', "1", "-1", "0.5", "if", "elif",
    "else", "endif", "for", "in", "endfor", "empty", "with", "as", "endwith",
    "block", "endblock", "b", "comment", "endcomment", "verbatim", "endverbatim",
    "not", "and", "or", "==", "!=", "<", ">", "(", ")", "spaceless", "endspaceless",
    "cycle", "firstof", "now", "filter", "endfilter", "autoescape", "on", "off",
    "endautoescape", "templatetag", "openblock", "widthratio", "load", "\n", "<b>",
]
TEMPLATE_SOURCES = st.lists(st.sampled_from(TEMPLATE_PIECES), max_size=25).map(
    "".join) | st.text(max_size=60)

#: Exceptions rendering a parsed template may raise with the context below.
RENDER_ERRORS = (TemplateSyntaxError, NoReverseMatch)


def _bounded(test, started, limit=1.0):
    test.assertLess(time.monotonic() - started, limit)


@fuzz
@override_settings(**TEST_SETTINGS)
class TemplateFuzz(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine = Engine(libraries={}, builtins=None)
        cls.context = {"x": "<i>", "y": [1, "<b>"], "b": {"c": "&"}}

    @FUZZ
    @given(TEMPLATE_SOURCES)
    def test_django_syntax_parses_or_raises_template_syntax_error(self, source):
        started = time.monotonic()
        try:
            template = self.engine.from_string(source)
        except TemplateSyntaxError:
            return
        try:
            output = template.render(Context(self.context))
        except RENDER_ERRORS:
            return
        self.assertIsInstance(output, str)
        _bounded(self, started)

    @FUZZ
    @given(TEMPLATE_SOURCES)
    def test_native_syntax_parses_or_raises_template_syntax_error(self, source):
        from django.template import engines

        started = time.monotonic()
        with override_settings(TEMPLATES=[{"BACKEND": "djscratch.DjscratchTemplates",
                                           "DIRS": [], "NAME": "fuzz"}]):
            try:
                template = engines["fuzz"].from_string(source)
            except TemplateSyntaxError:
                return
            try:
                output = template.render(self.context)
            except RENDER_ERRORS:
                return
        self.assertIsInstance(output, str)
        _bounded(self, started)

    @FUZZ
    @given(st.text(max_size=80))
    def test_user_text_is_always_escaped_never_compiled(self, text):
        from django.utils.html import escape

        template = self.engine.from_string("<p title=\"{{ v }}\">{{ v }}</p>")
        output = template.render(Context({"v": text}))
        self.assertEqual(output, '<p title="%s">%s</p>' % (escape(text), escape(text)))
        for char in "<>\"'":
            self.assertNotIn(char, output[len('<p title="'):-len("</p>")]
                             .replace('">', "", 1))

    @FUZZ
    @given(st.text(max_size=80))
    def test_escapejs_output_has_no_script_breakers(self, text):
        output = self.engine.from_string("{{ v|escapejs }}").render(
            Context({"v": text}))
        for char in "<>&'\"\n\r\u2028\u2029":
            self.assertNotIn(char, output)
        # Every backslash starts a \uXXXX escape: none is left to escape a quote.
        self.assertNotRegex(output, r"\\(?!u[0-9A-F]{4})")

    @FUZZ
    @given(st.text(max_size=80))
    def test_json_script_output_cannot_close_the_script(self, text):
        output = self.engine.from_string('{{ v|json_script:"d" }}').render(
            Context({"v": text}))
        body = output[output.index(">") + 1:-len("</script>")]
        self.assertNotIn("<", body)
        self.assertNotIn(">", body)
        self.assertNotIn("&", body)


@fuzz
@override_settings(**TEST_SETTINGS)
class QueryAndCookieFuzz(unittest.TestCase):
    @FUZZ
    @given(st.binary(max_size=200) | st.text(alphabet="a=&;%+0fF \x00é", max_size=80))
    def test_querydict_is_lenient(self, data):
        started = time.monotonic()
        result = QueryDict(data)
        for key, values in result.lists():
            self.assertIsInstance(key, str)
            self.assertTrue(all(isinstance(v, str) for v in values))
        _bounded(self, started)

    @FUZZ
    @given(st.binary(max_size=200) | st.text(alphabet="a=&;%+0fF \x00é", max_size=80))
    def test_request_get_parses_or_raises_bad_request(self, data):
        from django.core.handlers.wsgi import WSGIRequest

        query = data.decode("latin-1") if isinstance(data, bytes) else (
            data.encode("utf-8").decode("latin-1"))
        request = WSGIRequest({"REQUEST_METHOD": "GET", "PATH_INFO": "/",
                               "QUERY_STRING": query, "wsgi.input": io.BytesIO(),
                               "SERVER_NAME": "testserver", "SERVER_PORT": "80"})
        try:
            get = request.GET
        except BadRequest:
            return
        self.assertIsInstance(get, QueryDict)

    @FUZZ
    @given(st.binary(max_size=300))
    def test_form_body_parses_or_raises_bad_request(self, body):
        from django.core.handlers.wsgi import WSGIRequest

        request = WSGIRequest({
            "REQUEST_METHOD": "POST", "PATH_INFO": "/", "QUERY_STRING": "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
            "SERVER_NAME": "testserver", "SERVER_PORT": "80"})
        try:
            post = request.POST
        except (BadRequest, SuspiciousOperation):
            return
        self.assertIsInstance(post, QueryDict)

    @FUZZ
    @given(st.text(max_size=200) | st.lists(st.sampled_from(
        ["a", "=", ";", " ", '"', "\\", "\x00", "sessionid", "csrftoken", "é", "$",
         ",", "\t"]), max_size=40).map("".join))
    def test_cookie_header_always_parses(self, header):
        from django.http import parse_cookie

        started = time.monotonic()
        cookies = parse_cookie(header)
        self.assertIsInstance(cookies, dict)
        for key, value in cookies.items():
            self.assertIsInstance(key, str)
            self.assertIsInstance(value, str)
        _bounded(self, started)


def _multipart_pieces():
    boundary = [b"--XyZ", b"--XyZ--", b"--XyZ\r\n", b"--Xy"]
    headers = [b"Content-Disposition: form-data; name=\"a\"",
               b"Content-Disposition: form-data; name=\"f\"; filename=\"x.txt\"",
               b"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%C3%A9",
               b"Content-Disposition: form-data", b"Content-Type: text/plain",
               b"Content-Transfer-Encoding: base64", b"X: " + b"y" * 100]
    data = [b"", b"value", b"\r\n", b"\r\n\r\n", b"\x00\xff", b"--", b"=", b"\xc3\xa9"]
    return st.lists(st.sampled_from(boundary + headers + data) | st.binary(max_size=8),
                    max_size=30).map(b"".join)


@fuzz
@override_settings(**TEST_SETTINGS)
class MultipartFuzz(unittest.TestCase):
    def parse(self, body, boundary="XyZ"):
        from django.core.handlers.wsgi import WSGIRequest

        request = WSGIRequest({
            "REQUEST_METHOD": "POST", "PATH_INFO": "/", "QUERY_STRING": "",
            "CONTENT_TYPE": "multipart/form-data; boundary=%s" % boundary,
            "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
            "SERVER_NAME": "testserver", "SERVER_PORT": "80"})
        started = time.monotonic()
        try:
            request.POST  # noqa: B018
            request.FILES  # noqa: B018
        except (MultiPartParserError, SuspiciousOperation, BadRequest):
            pass
        finally:
            request.close()
        _bounded(self, started)

    @FUZZ
    @given(_multipart_pieces())
    def test_structured_bodies_parse_or_raise_documented_errors(self, body):
        self.parse(body)

    @FUZZ
    @given(st.binary(max_size=400))
    def test_random_bodies_parse_or_raise_documented_errors(self, body):
        self.parse(body)

    @FUZZ
    @given(st.text(max_size=80), _multipart_pieces())
    def test_any_boundary_parses_or_raises_documented_errors(self, boundary, body):
        self.parse(body, boundary=boundary.encode("utf-8").decode("latin-1")
                   .replace("\r", "").replace("\n", "").replace(";", ""))


def _view(request, **kwargs):
    return HttpResponse("ok")


FUZZ_URLS = make_urlconf("tests.fuzz_urls", [
    path("", _view, name="home"),
    path("a/<int:n>/", _view, name="int"),
    path("b/<slug:s>/<str:t>/", _view, name="slug"),
    path("c/<path:p>", _view, name="path"),
    path("d/<uuid:u>/", _view, name="uuid"),
    re_path(r"^e/(?P<year>[0-9]{4})/(?P<rest>.*)$", _view, name="re"),
])


@fuzz
@override_settings(**TEST_SETTINGS, ROOT_URLCONF="tests.fuzz_urls")
class ResolverFuzz(unittest.TestCase):
    @FUZZ
    @given(st.lists(st.sampled_from(["/", "a", "b", "c", "d", "e", "1", "-", "2024",
                                     "é", "%", "..", "\x00", "x" * 50, "0" * 30]),
                    max_size=12).map("".join) | st.text(max_size=60))
    def test_resolve_matches_or_raises_resolver404(self, text):
        from django.urls import resolve

        started = time.monotonic()
        try:
            match = resolve("/" + text)
        except Resolver404:
            return
        self.assertIs(match.func, _view)
        _bounded(self, started)

    @FUZZ
    @given(st.sampled_from(["home", "int", "slug", "path", "uuid", "re", "nope"]),
           st.lists(st.text(max_size=10) | st.integers(), max_size=3))
    def test_reverse_returns_a_path_or_raises_no_reverse_match(self, name, args):
        from django.urls import resolve, reverse

        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            return
        self.assertTrue(url.startswith("/"))
        # What reverse() builds, resolve() maps back to the same view.
        from urllib.parse import unquote

        self.assertIs(resolve(unquote(url)).func, _view)

    def test_fuzz_module_is_registered(self):
        self.assertIs(djscratch.get_resolver("tests.fuzz_urls").urlconf_module,
                      FUZZ_URLS)


@fuzz
class HandlerFuzz(AttackAppMixin, unittest.TestCase):
    """Random requests through the whole WSGI handler (the attack app with
    the default middleware): never a 500, never an exception out of the
    handler, always quick."""

    PATHS = ["/", "/search/", "/contact/", "/json/", "/form-echo/", "/login/", "/go/",
             "/items/", "/items/1/", "/comments/", "/upload/", "/session/get/",
             "/static/css/site.css", "/media/css/site.css", "/nope/"]
    QUERY_PIECES = ["q=", "i=", "next=", "to=", "order=", "field=", "rank=", "&", "%",
                    "%00", "%ff", "%2e%2e", "<", "'", "name", "-name", "//evil", "1",
                    "9" * 25, "javascript:", "\\", ";", "+", "é", "__class__"]
    CONTENT_TYPES = [None, "application/x-www-form-urlencoded", "application/json",
                     "multipart/form-data; boundary=XyZ", "multipart/form-data",
                     "text/plain; charset=nope", "application/x-www-form-urlencoded; "
                     "charset=latin-1"]

    @FUZZ
    @given(st.sampled_from(["GET", "POST", "HEAD", "PUT", "OPTIONS", "DELETE"]),
           st.sampled_from(PATHS) | st.binary(max_size=40).map(
               lambda b: "/" + b.decode("latin-1")),
           st.lists(st.sampled_from(QUERY_PIECES), max_size=10).map("".join),
           st.sampled_from(CONTENT_TYPES),
           st.binary(max_size=300),
           st.sampled_from([None, "csrftoken=A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6",
                            "sessionid=x:y:z", "a=b; c", '"\\x00"']),
           st.sampled_from(["testserver", "evil.example", "testserver:80", "",
                            "TESTSERVER", "[::1"]))
    def test_random_requests_never_500(self, method, path, query, content_type, body,
                                       cookie, host):
        from tests.http_helpers import call_wsgi

        env = {"HTTP_HOST": host}
        if cookie is not None:
            env["HTTP_COOKIE"] = cookie
        started = time.monotonic()
        result = call_wsgi(self.app, path=path, method=method, query=query, body=body,
                           content_type=content_type, validate=False, **env)
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertNotEqual(result.status_code, 500, (method, path, query, result.text))
        self.assertLess(result.status_code, 500)
