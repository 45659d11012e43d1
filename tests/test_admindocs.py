"""django.contrib.admindocs as djscratch has it: the URL names, the staff
only page Django shows when docutils is not installed, the XView
middleware, and the helpers (view names, docstring parts, URL regexes made
readable, field descriptions) that Django's own admin_docs tests check.
"""

import unittest

from django.contrib.admindocs import utils, views
from django.contrib.admindocs.middleware import XViewMiddleware
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpResponse
from django.test import override_settings, RequestFactory
from django.urls import include, path
from django.views.generic import TemplateView

from tests import TEST_SETTINGS, load_expected, MatchesDjango

EXPECTED = load_expected("admindocs_expected.json")


class _User:
    """What the admin's pages ask of request.user."""

    is_active = is_authenticated = True
    pk = id = 1

    def __init__(self, is_staff):
        self.is_staff = self.is_superuser = is_staff

    def has_perm(self, perm, obj=None):
        return self.is_staff

    def has_module_perms(self, app_label):
        return self.is_staff


def _view():
    """A function view, for get_view_name()."""


class _ClassView(TemplateView):
    pass


class AdmindocsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    """tests/admindocs_scenario.py: every page over HTTP, as real Django
    without docutils answers it."""

    expected = EXPECTED
    scenario_script = "admindocs_scenario.py"
    engine_variable = "ADMINDOCS_ENGINE"


class RefusalTests(unittest.TestCase):
    def test_rest_rendering_is_refused_naming_the_django_engine(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "DJSCRATCH_ENGINE=django"):
            utils.parse_rst("text", "model")


@override_settings(**TEST_SETTINGS, INTERNAL_IPS=["10.0.0.1"])
class XViewMiddlewareTests(unittest.TestCase):
    def _head(self, user, remote_addr="127.0.0.1", method="head"):
        request = getattr(RequestFactory(), method)("/", REMOTE_ADDR=remote_addr)
        request.user = user
        middleware = XViewMiddleware(lambda r: HttpResponse())
        return middleware.process_view(request, _view, (), {})

    def test_staff_head_request_gets_the_view_name(self):
        response = self._head(_User(is_staff=True))
        self.assertEqual(response.headers["X-View"], f"{__name__}._view")

    def test_internal_ip_gets_it_without_staff(self):
        self.assertIn("X-View", self._head(_User(False), remote_addr="10.0.0.1"))

    def test_others_and_get_requests_pass_through(self):
        self.assertIsNone(self._head(_User(is_staff=False)))
        self.assertIsNone(self._head(_User(is_staff=True), method="get"))

    def test_without_request_user_djangos_message(self):
        request = RequestFactory().head("/")
        middleware = XViewMiddleware(lambda r: HttpResponse())
        with self.assertRaisesRegex(ImproperlyConfigured, "requires authentication"):
            middleware.process_view(request, _view, (), {})


class HelperTests(unittest.TestCase):
    def test_get_view_name_of_functions_and_classes(self):
        self.assertEqual(utils.get_view_name(_view), f"{__name__}._view")
        self.assertEqual(utils.get_view_name(_ClassView.as_view()),
                         f"{__name__}._ClassView")

    def test_parse_docstring_title_body_metadata(self):
        doc = """Title line.

        Body one.

        Body two.

        key: value
        """
        self.assertEqual(utils.parse_docstring(doc),
                         ("Title line.", "Body one.\n\nBody two.", {"key": "value"}))
        self.assertEqual(utils.parse_docstring("Only"), ("Only", "", {}))
        self.assertEqual(utils.parse_docstring(None), ("", "", {}))

    def test_simplify_regex(self):
        for pattern, expected in [
            (r"^(?P<a>\w+)/b/(?P<c>\w+)/$", "/<a>/b/<c>/"),
            (r"^(?P<a>\w+)/b/((x|y)\w+)$", "/<a>/b/<var>"),
            (r"^(?P<a>(x|y)(\(|\)))/b/(?P<c>\w+)ab", "/<a>/b/<c>ab"),
            (r"(?P<a>\w+)/b/(\w+)/(?:\w+)c(?:\w+)", "/<a>/b/<var>/c"),
            (r"\\\^a", r"/\\^a"), (r"a\\$", r"/a\\"), (r"^a/?$", "/a/"),
        ]:
            with self.subTest(pattern=pattern):
                self.assertEqual(views.simplify_regex(pattern), expected)

    def test_field_descriptions(self):
        class Custom(models.Field):
            description = "A custom field type"

        class Plain(models.Field):
            pass

        describe = views.get_readable_field_data_type
        self.assertEqual(describe(models.CharField(max_length=9)), "String (up to 9)")
        self.assertEqual(describe(models.CharField()), "String (unlimited)")
        self.assertEqual(describe(Custom()), "A custom field type")
        self.assertEqual(describe(Plain()), "Field of type: Plain")

    def test_return_data_type(self):
        self.assertEqual(views.get_return_data_type("get_item_list"), "List")
        self.assertEqual(views.get_return_data_type("get_item_count"), "Integer")
        self.assertEqual(views.get_return_data_type("items"), "")

    def test_extract_views_from_urlpatterns(self):
        found = views.extract_views_from_urlpatterns(
            [path("a/", _view, name="a"),
             path("b/", include(([path("c/", _view, name="c")], "ns")))])
        self.assertEqual(found, [(_view, "a/", None, "a"),
                                 (_view, "b/c/", ["ns"], "c")])
