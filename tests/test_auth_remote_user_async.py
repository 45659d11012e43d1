"""RemoteUserMiddleware on a request served by the async handler (an
ASGIRequest), as Django 5.2's __acall__ runs it: the username is read from
"HTTP_" + header, a subclass's own aprocess_request() runs, and a subclass
overriding process_request() only is run with the deprecation warning.
Django's auth_tests.test_remote_user (its *_async tests) drive the whole
flow through the async test client."""

import sys
import unittest
import warnings
from unittest import mock

import djscratch  # noqa: F401 (the django.* alias)
from django.contrib.auth.middleware import RemoteUserMiddleware
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import AsyncRequestFactory, RequestFactory
from django.utils.deprecation import RemovedInDjango61Warning
from djscratch import override_settings
from tests import TEST_SETTINGS


class SyncOnly(RemoteUserMiddleware):
    def process_request(self, request):
        raise NotImplementedError("process_request has not been implemented.")


class BothOverridden(SyncOnly):
    async def aprocess_request(self, request):
        raise NotImplementedError("aprocess_request has not been implemented.")


@override_settings(**TEST_SETTINGS)
class RemoteUserAsyncRequestTests(unittest.TestCase):
    def run_middleware(self, middleware_class, request):
        request.user = AnonymousUser()
        # The module whose code calls authenticate(): the single file, or
        # djscratch.contrib.auth.middleware in the package.
        code = sys.modules[RemoteUserMiddleware._process.__module__]
        with mock.patch.object(code, "authenticate", return_value=None) as authenticate:
            middleware_class(lambda r: HttpResponse())(request)
        return [call.kwargs["remote_user"] for call in authenticate.call_args_list]

    def test_an_asgi_request_is_read_from_the_http_header(self):
        request = AsyncRequestFactory().get("/", REMOTE_USER="alice")
        self.assertEqual(request.META.get("HTTP_REMOTE_USER"), "alice")
        self.assertEqual(self.run_middleware(RemoteUserMiddleware, request),
                         ["alice"])

    def test_a_wsgi_request_is_read_from_the_meta_key(self):
        request = RequestFactory().get("/", REMOTE_USER="bob")
        self.assertEqual(self.run_middleware(RemoteUserMiddleware, request), ["bob"])
        request = RequestFactory().get("/", HTTP_REMOTE_USER="bob")
        self.assertEqual(self.run_middleware(RemoteUserMiddleware, request), [])

    def test_a_subclass_overriding_process_request_only_is_deprecated(self):
        request = AsyncRequestFactory().get("/")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with self.assertRaisesRegex(NotImplementedError, "^process_request"):
                self.run_middleware(SyncOnly, request)
        self.assertEqual([(w.category, str(w.message)) for w in caught], [(
            RemovedInDjango61Warning,
            "Support for subclasses of RemoteUserMiddleware that override "
            "process_request() without overriding aprocess_request() is "
            "deprecated.")])

    def test_a_subclasss_aprocess_request_runs_without_warning(self):
        request = AsyncRequestFactory().get("/")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with self.assertRaisesRegex(NotImplementedError, "^aprocess_request"):
                self.run_middleware(BothOverridden, request)
        self.assertEqual(caught, [])
