"""The async forms of the auth API (Django 5.x: aauthenticate, alogin,
alogout, aget_user, aupdate_session_auth_hash, request.auser,
UserManager.acreate_user, AbstractBaseUser.acheck_password, Client.asession,
alogin, aforce_login, alogout) and login()'s deprecated
fallback to request.user, with the behaviour and messages Django's own
auth_tests (test_basic, test_login) check.
"""

import asyncio
import inspect
import unittest
import warnings

import djscratch  # (also the django.* alias)
from django.contrib import auth
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser, UserManager
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.utils.deprecation import RemovedInDjango61Warning
from djscratch import override_settings
from tests import TEST_SETTINGS


@override_settings(**TEST_SETTINGS)
class AsyncAuthApiTests(unittest.TestCase):
    def test_async_functions_are_coroutine_functions(self):
        for name in ("aauthenticate", "alogin", "alogout", "aget_user",
                     "aupdate_session_auth_hash"):
            with self.subTest(name=name):
                self.assertTrue(inspect.iscoroutinefunction(getattr(auth, name)))
        for name in ("acreate_user", "acreate_superuser"):
            with self.subTest(name=name):
                self.assertTrue(inspect.iscoroutinefunction(getattr(UserManager, name)))
        for name in ("asession", "alogin", "aforce_login", "alogout"):
            with self.subTest(name=name):
                self.assertTrue(inspect.iscoroutinefunction(getattr(Client, name)))
        self.assertTrue(inspect.iscoroutinefunction(AbstractBaseUser.acheck_password))

    def test_aget_user_without_session_user_is_anonymous(self):
        request = HttpRequest()
        request.session = {}
        self.assertIsInstance(asyncio.run(auth.aget_user(request)), AnonymousUser)

    def test_auser_set_by_the_middleware(self):
        request = HttpRequest()
        request.session = {}
        AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
        user = asyncio.run(request.auser())
        self.assertIsInstance(user, AnonymousUser)
        self.assertIs(user, asyncio.run(request.auser()))  # cached per request


@override_settings(**TEST_SETTINGS)
class LoginWithoutUserTests(unittest.TestCase):
    """login(request, None) falls back to request.user, with a warning."""

    def _login_none(self, request, warned):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with self.assertRaises(AttributeError) as cm:
                auth.login(request, None)
        self.assertEqual([(w.category, str(w.message)) for w in caught], [
            (RemovedInDjango61Warning,
             "Fallback to request.user when user is None will be removed.")]
            if warned else [])
        return str(cm.exception)

    def _request(self):
        request = HttpRequest()
        request.session = SessionStore()
        return request

    def test_no_request_user(self):
        """Reading request.user fails first, before the warning (as Django)."""
        self.assertIn("'HttpRequest' object has no attribute 'user'",
                      self._login_none(self._request(), warned=False))

    def test_anonymous_request_user(self):
        request = self._request()
        request.user = AnonymousUser()
        self.assertIn("'AnonymousUser' object has no attribute '_meta'",
                      self._login_none(request, warned=True))


@override_settings(**TEST_SETTINGS)
class AloginWithoutUserTests(unittest.TestCase):
    """alogin(request, None) falls back to await request.auser(), with the
    warning naming it (Django 5.2's async tests)."""

    def _alogin_none(self, request):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with self.assertRaises(AttributeError) as cm:
                asyncio.run(auth.alogin(request, None))
        self.assertEqual([(w.category, str(w.message)) for w in caught], [
            (RemovedInDjango61Warning,
             "Fallback to request.auser() when user is None will be removed.")])
        return str(cm.exception)

    def test_no_request_auser(self):
        request = HttpRequest()
        request.session = SessionStore()
        self.assertIn("'HttpRequest' object has no attribute 'auser'",
                      self._alogin_none(request))

    def test_anonymous_request_auser(self):
        async def auser():
            return AnonymousUser()

        request = HttpRequest()
        request.session = SessionStore()
        request.auser = auser
        self.assertIn("'AnonymousUser' object has no attribute '_meta'",
                      self._alogin_none(request))


class BackendClassNameTests(unittest.TestCase):
    def test_a_backend_class_is_named_by_djangos_path(self):
        """login(backend=ModelBackend) names the class as Django does."""
        from django.contrib.auth.backends import ModelBackend, RemoteUserBackend

        self.assertEqual(repr(ModelBackend),
                         "<class 'django.contrib.auth.backends.ModelBackend'>")
        self.assertEqual(RemoteUserBackend.__module__, "django.contrib.auth.backends")
        with self.assertRaises(TypeError) as cm:
            djscratch._get_backend_from_user(object(), backend=ModelBackend)
        self.assertEqual(str(cm.exception), "backend must be a dotted import path "
                         "string (got <class 'django.contrib.auth.backends."
                         "ModelBackend'>).")


class _GrantingBackend:
    """A backend with only the async permission methods, as Django allows."""

    async def aget_user_permissions(self, user_obj, obj=None):
        return {"app.view_thing"}

    async def ahas_perm(self, user_obj, perm, obj=None):
        return perm == "app.view_thing"

    async def ahas_module_perms(self, user_obj, app_label):
        return app_label == "app"


@override_settings(**dict(TEST_SETTINGS, AUTHENTICATION_BACKENDS=[
    "tests.test_auth_async_api._GrantingBackend"]))
class AsyncPermissionTests(unittest.TestCase):
    """aget_*_permissions, ahas_perm(s), ahas_module_perms ask each backend's
    async method (Django 5.x); the anonymous user asks them too."""

    def test_anonymous_user_asks_the_async_backends(self):
        user = AnonymousUser()
        self.assertEqual(asyncio.run(user.aget_user_permissions()), {"app.view_thing"})
        self.assertEqual(asyncio.run(user.aget_group_permissions()), set())
        self.assertTrue(asyncio.run(user.ahas_perm("app.view_thing")))
        self.assertFalse(asyncio.run(user.ahas_perms(["app.view_thing", "x.y"])))
        self.assertTrue(asyncio.run(user.ahas_module_perms("app")))
        with self.assertRaisesRegex(ValueError, "perm_list must be an iterable"):
            asyncio.run(user.ahas_perms("app.view_thing"))

    def test_a_backend_refusing_stops_the_search(self):
        from django.core.exceptions import PermissionDenied

        class Refusing:
            async def ahas_perm(self, user_obj, perm, obj=None):
                raise PermissionDenied

        with mock_backends([Refusing(), _GrantingBackend()]):
            self.assertFalse(asyncio.run(AnonymousUser().ahas_perm("app.view_thing")))


def mock_backends(backends):
    from unittest import mock

    return mock.patch("django.contrib.auth.get_backends", return_value=backends)
