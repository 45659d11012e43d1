"""django.views.debug, django.utils.log and the JavaScript catalogue: the
scenario of tests/debug_scenario.py compared with real Django's results
(tests/debug_expected.json), and the pages' own promises (everything
escaped, text for clients that do not take HTML, the "install worked" page).
"""

import json
import sys
import unittest

from tests import TEST_SETTINGS, load_expected, MatchesDjango
from tests import debug_scenario as scenario

from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.views.debug import (
    ExceptionReporter, default_urlconf, get_default_exception_reporter_filter,
    technical_404_response, technical_500_response,
)
from django.views.i18n import JavaScriptCatalog, JSONCatalog, null_javascript_catalog

EXPECTED = load_expected("debug_expected.json")


@override_settings(**scenario.SETTINGS)
class DebugMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        return json.loads(json.dumps(scenario.run()))


def _raise(message):
    try:
        raise ValueError(message)
    except ValueError:
        return sys.exc_info()


def _card_details():
    # (built from pieces, so the source the page shows holds neither; and
    # no bare digits, which an object's id on the page can hold by chance)
    return "pw-" + "5678", "card-" + "4111"


def page(request):
    return HttpResponse("a page")


urlpatterns = [
    path("boom/", scenario.boom, name="boom"),
    path("page/", page, name="page"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=[]), name="jsi18n"),
    path("jsoni18n/", JSONCatalog.as_view(), name="jsoni18n"),
]

DEBUG_SETTINGS = dict(TEST_SETTINGS, DEBUG=True, ROOT_URLCONF=__name__)


@override_settings(**DEBUG_SETTINGS)
class TechnicalPageTests(unittest.TestCase):
    def setUp(self):
        self.rf = RequestFactory()

    def test_500_page_escapes_the_exception_and_the_request(self):
        request = self.rf.get("/boom/?q=<script>alert(1)</script>")
        html = technical_500_response(request, *_raise("<script>x</script>")).content
        self.assertNotIn(b"<script>", html)
        self.assertIn(b'<pre class="exception_value">&lt;script&gt;x&lt;/script&gt;'
                      b"</pre>", html)
        self.assertIn(b'<th scope="row">Raised during:</th>', html)
        self.assertIn(b"<h2>Request information</h2>", html)

    def test_500_page_is_text_for_a_client_that_does_not_take_html(self):
        request = self.rf.get("/boom/", HTTP_ACCEPT="text/plain")
        response = technical_500_response(request, *_raise("<b>bad</b>"))
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        text = response.content.decode()
        self.assertIn("Exception Value: <b>bad</b>", text)
        self.assertIn("Traceback (most recent call last):", text)

    def test_the_handler_serves_the_500_page_with_debug_on(self):
        client = Client(raise_request_exception=False)
        with self.assertLogs("django.request", "ERROR"):
            response = client.get("/boom/")
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"ValueError at /boom/", response.content)
        self.assertIn(b"Can&#x27;t find my &lt;keys&gt;", response.content)

    def test_sensitive_local_variables_are_hidden_with_debug_off(self):
        # The values are neither in this frame's variables nor its source.
        with override_settings(DEBUG=False):
            try:
                scenario._login("jacob", *_card_details())
            except ValueError:
                exc_info = sys.exc_info()
            html = ExceptionReporter(None, *exc_info).get_traceback_html()
        for secret in _card_details():  # (the source around shows no literal)
            self.assertNotIn(secret, html)
        self.assertIn("jacob", html)

    def test_404_page_lists_the_patterns_tried(self):
        response = Client().get("/nowhere/<x>")
        self.assertEqual(response.status_code, 404)
        content = response.content.decode()
        self.assertIn("Django tried these URL patterns, in this order:", content)
        self.assertIn("boom/ [name='boom']", content)
        self.assertIn("didn’t match any of these.", content)
        self.assertNotIn("<x>", content)

    def test_404_from_a_view_shows_its_message_escaped(self):
        request = self.rf.get("/page/")
        response = technical_404_response(request, scenario.Http404("<i>gone</i>"))
        self.assertIn(b'<pre class="exception_value">&lt;i&gt;gone&lt;/i&gt;</pre>',
                      response.content)

    def test_an_empty_urlconf_shows_the_install_worked_page(self):
        with override_settings(ROOT_URLCONF="tests.test_debug_views_empty_urls"):
            response = Client().get("/")
        self.assertEqual(response.status_code, 200)  # as Django answers
        self.assertIn(b"The install worked successfully! Congratulations!",
                      response.content)
        self.assertIn(b"The install worked", default_urlconf(None).content)

    def test_the_reporter_classes_come_from_settings(self):
        with override_settings(
                DEFAULT_EXCEPTION_REPORTER="tests.test_debug_views.ShortReporter"):
            response = technical_500_response(self.rf.get("/"), *_raise("x"))
        self.assertEqual(response.content, b"short")
        filter_ = get_default_exception_reporter_filter()
        self.assertIs(filter_, get_default_exception_reporter_filter())


class ShortReporter(ExceptionReporter):
    def get_traceback_html(self):
        return "short"


@override_settings(**DEBUG_SETTINGS)
class JavaScriptCatalogTests(unittest.TestCase):
    def test_the_library_defines_gettext_and_the_formats(self):
        response = Client().get("/jsi18n/")
        self.assertEqual(response["Content-Type"], 'text/javascript; charset="utf-8"')
        script = response.content.decode()
        self.assertIn("django.gettext = function(msgid)", script)
        self.assertIn('"DATE_INPUT_FORMATS"', script)
        self.assertIn("django.pluralidx = function(count)", script)

    def test_the_json_catalogue(self):
        data = json.loads(Client().get("/jsoni18n/").content)
        self.assertEqual(data["catalog"], {})
        self.assertIsNone(data["plural"])
        self.assertEqual(data["formats"]["FIRST_DAY_OF_WEEK"], 0)

    def test_an_unknown_package_is_refused(self):
        view = JavaScriptCatalog.as_view(packages=["not.an.app"])
        with self.assertRaisesRegex(ValueError, "Invalid package"):
            view(RequestFactory().get("/"))

    def test_null_catalogue(self):
        response = null_javascript_catalog(RequestFactory().get("/"))
        self.assertIn(b"django.gettext", response.content)


@override_settings(**dict(TEST_SETTINGS, ROOT_URLCONF=__name__))
class DefaultErrorViewTests(unittest.TestCase):
    """The error views without DEBUG, as Django's: a missing custom template
    raises, the built-in 404 page is rendered so tests see its context."""

    def test_a_missing_custom_template_raises(self):
        from django.template import TemplateDoesNotExist
        from django.views.defaults import (
            bad_request, page_not_found, permission_denied, server_error,
        )

        request = RequestFactory().get("/")
        for view, args in ((bad_request, (Exception(),)),
                           (permission_denied, (Exception(),)),
                           (page_not_found, (scenario.Http404(),)),
                           (server_error, ())):
            with self.subTest(view=view.__name__):
                with self.assertRaises(TemplateDoesNotExist):
                    view(request, *args, template_name="nonexistent")

    def test_the_built_in_404_page_exposes_its_context(self):
        response = Client().get("/nowhere/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.context["request_path"], "/nowhere/")
        self.assertIn(b"<h1>Not Found</h1>", response.content)
