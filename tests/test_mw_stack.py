"""The default middleware stack end to end, through the WSGI application.

A browser-like cookie jar drives a form page, a CSRF-protected POST that adds
a message and redirects, and the page that shows the message once.
"""

import io
import os
import re
import unittest
from http.cookies import SimpleCookie
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

from tests import TEST_SETTINGS

import djscratch
from django.contrib import messages
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


def form_page(request):
    return render(request, "csrf_form.html")


def submit(request):
    if request.method == "POST":
        messages.success(request, "Saved %s" % request.POST.get("title", ""))
        return redirect("/messages/")
    return HttpResponse("form")


@csrf_exempt
def webhook(request):
    return HttpResponse("hooked")


def show_messages(request):
    return render(request, "messages.html")


urlpatterns = [
    path("form/", form_page),
    path("submit/", submit),
    path("hook/", webhook),
    path("messages/", show_messages),
]

SETTINGS = dict(
    TEST_SETTINGS, ROOT_URLCONF="tests.test_mw_stack",
    MIDDLEWARE=list(djscratch.DEFAULT_MIDDLEWARE),
    INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "mw_templates")],
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.messages.context_processors.messages"]}}])


class Browser:
    """Call the WSGI app (under wsgiref's validator) and keep cookies."""

    def __init__(self):
        self.app = validator(get_wsgi_application())
        self.cookies = {}

    def request(self, method, path, data=None, headers=None):
        body = urlencode(data or {}).encode()
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "",
                   "SCRIPT_NAME": "",
                   "SERVER_NAME": "testserver", "HTTP_HOST": "testserver",
                   "SERVER_PORT": "80", "CONTENT_LENGTH": str(len(body)),
                   "wsgi.input": io.BytesIO(body)}
        if data is not None:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(
                "%s=%s" % item for item in self.cookies.items())
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        setup_testing_defaults(environ)
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            captured["headers"] = response_headers
            return lambda data: None

        result = self.app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            result.close()
        for name, value in captured["headers"]:
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    if morsel.value:
                        self.cookies[key] = morsel.value
                    else:
                        self.cookies.pop(key, None)
        headers = {}
        for name, value in captured["headers"]:
            headers.setdefault(name.lower(), []).append(value)
        return captured["status"], headers, content.decode()


@override_settings(**SETTINGS)
class DefaultStackTests(unittest.TestCase):
    def test_form_post_with_token_then_message_once(self):
        browser = Browser()
        status, headers, body = browser.request("GET", "/form/")
        self.assertEqual(status, 200)
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', body).group(1)
        self.assertEqual(len(token), 64)
        self.assertIn("csrftoken", browser.cookies)
        self.assertEqual(headers["x-frame-options"], ["DENY"])
        self.assertEqual(headers["x-content-type-options"], ["nosniff"])
        self.assertIn("Cookie", headers["vary"][0])

        status, headers, _ = browser.request(
            "POST", "/submit/", {"csrfmiddlewaretoken": token, "title": "<x>"})
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], ["/messages/"])
        self.assertIn("messages", browser.cookies)

        status, _, body = browser.request("GET", "/messages/")
        self.assertEqual(body, "[success:Saved &lt;x&gt;]!40")
        status, _, body = browser.request("GET", "/messages/")
        self.assertEqual(body, "40")  # shown once, then gone

    def test_post_without_token_is_403(self):
        browser = Browser()
        browser.request("GET", "/form/")
        status, _, body = browser.request("POST", "/submit/", {"title": "x"})
        self.assertEqual(status, 403)
        self.assertIn("CSRF verification failed", body)

    def test_post_from_a_foreign_origin_is_403(self):
        browser = Browser()
        _, _, body = browser.request("GET", "/form/")
        token = re.search(r'value="(\w{64})"', body).group(1)
        status, _, _ = browser.request(
            "POST", "/submit/", {"csrfmiddlewaretoken": token},
            headers={"Origin": "https://evil.example"})
        self.assertEqual(status, 403)

    def test_exempt_view_accepts_post(self):
        status, _, body = Browser().request("POST", "/hook/", {"a": "1"})
        self.assertEqual((status, body), (200, "hooked"))

    def test_append_slash_redirect(self):
        status, headers, _ = Browser().request("GET", "/form")
        self.assertEqual(status, 301)
        self.assertEqual(headers["location"], ["/form/"])

    def test_tampered_session_cookie_is_not_an_error(self):
        browser = Browser()
        browser.cookies["sessionid"] = "forged:value:sig"
        browser.cookies["messages"] = "also-forged"
        status, _, body = browser.request("GET", "/messages/")
        self.assertEqual((status, body), (200, "40"))


if __name__ == "__main__":
    unittest.main()
