"""Shortcuts: render, redirect, resolve_url, get_object_or_404/get_list_or_404,
and refusing `next=` redirects to other hosts."""

import os
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request

from django.http import HttpResponse
from django.shortcuts import (
    get_list_or_404, get_object_or_404, redirect, render, resolve_url)
from django.test import override_settings
from django.urls import NoReverseMatch, path
from django.utils.http import url_has_allowed_host_and_scheme


def article(request, year, slug):
    return HttpResponse("%s/%s" % (year, slug))


def home(request):
    return HttpResponse("home")


def login_done(request):
    """The usual `next=` idiom: only same-site targets are followed."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()},
            require_https=request.is_secure()):
        target = "/"
    return redirect(target)


urlpatterns = [
    path("", home, name="home"),
    path("articles/<int:year>/<slug:slug>/", article, name="article"),
    path("done/", login_done, name="done"),
]


class Thing:
    def get_absolute_url(self):
        return "/things/1/"


TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "mw_templates")
SETTINGS = dict(TEST_SETTINGS, ROOT_URLCONF="tests.test_shortcuts", TEMPLATES=[{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [TEMPLATE_DIR],
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request"]}}])


@override_settings(**SETTINGS)
class RenderTests(unittest.TestCase):
    def test_render_escapes_and_sees_request(self):
        response = render(make_request(path="/here/"), "page.html",
                          {"title": "<b>x</b>"}, status=201)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.content, b"<p>&lt;b&gt;x&lt;/b&gt;</p>/here/")
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")

    def test_render_content_type(self):
        response = render(make_request(), "page.html", content_type="text/plain")
        self.assertEqual(response["Content-Type"], "text/plain")


@override_settings(**SETTINGS)
class RedirectTests(unittest.TestCase):
    def test_to_url(self):
        response = redirect("/somewhere/")
        self.assertEqual((response.status_code, response["Location"]),
                         (302, "/somewhere/"))
        self.assertEqual(redirect("https://example.com/", permanent=True).status_code,
                         301)

    def test_preserve_request(self):
        self.assertEqual(redirect("/x/", preserve_request=True).status_code, 307)
        self.assertEqual(
            redirect("/x/", permanent=True, preserve_request=True).status_code, 308)

    def test_to_url_name_with_args(self):
        self.assertEqual(redirect("article", 2024, "hello")["Location"],
                         "/articles/2024/hello/")
        self.assertEqual(redirect("article", year=2024, slug="x")["Location"],
                         "/articles/2024/x/")
        self.assertEqual(redirect(home)["Location"], "/")

    def test_to_model(self):
        self.assertEqual(redirect(Thing())["Location"], "/things/1/")

    def test_resolve_url(self):
        self.assertEqual(resolve_url("home"), "/")
        self.assertEqual(resolve_url("../up/"), "../up/")
        self.assertEqual(resolve_url("/plain/path/"), "/plain/path/")
        with self.assertRaises(NoReverseMatch):
            resolve_url("no-such-name")

    def test_next_redirect_to_other_host_is_refused(self):
        for target, expected in (
                ("/articles/", "/articles/"),
                ("https://evil.example/", "/"),
                ("//evil.example/", "/"),
                ("javascript:alert(1)", "/"),
                ("http://testserver/ok/", "http://testserver/ok/")):
            with self.subTest(target):
                response = login_done(make_request(path="/done/",
                                                   query="next=" + target))
                self.assertEqual(response["Location"], expected)


@override_settings(**SETTINGS)
class GetObjectOr404ArgumentTests(unittest.TestCase):
    def test_non_queryset_is_a_value_error(self):
        with self.assertRaisesRegex(ValueError, "must be a Model, Manager, or "
                                                "QuerySet, not 'str'"):
            get_object_or_404("nope", pk=1)
        with self.assertRaisesRegex(ValueError, "get_list_or_404"):
            get_list_or_404(42)


if __name__ == "__main__":
    unittest.main()
