"""The file session store, the abstract session model (custom session
models), and the session cookie's Vary header, as in Django 5.2.
"""

import os
import shutil
import tempfile
import time
import unittest
from unittest import mock

from tests import TEST_SETTINGS
from tests.mwutil import make_request

import djscratch  # noqa: F401
from django.contrib.sessions.backends.file import SessionStore as FileSession
from django.contrib.sessions.base_session import AbstractBaseSession
from django.contrib.sessions.exceptions import InvalidSessionKey
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpResponse
from django.test import override_settings


def _forget_storage_path():
    """Drop the storage path the store class looked up (once, as in Django)."""
    if "_storage_path" in vars(FileSession):
        del FileSession._storage_path


class FileSessionStoreTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.override = override_settings(**TEST_SETTINGS,
                                          SESSION_FILE_PATH=self.folder)
        self.override.enable()
        self.addCleanup(self.override.disable)
        _forget_storage_path()
        self.addCleanup(_forget_storage_path)

    def test_round_trip_in_a_file_named_by_cookie_name_and_key(self):
        session = FileSession()
        session["cart"] = [1, 2]
        session.save()
        key = session.session_key
        self.assertEqual(os.listdir(self.folder), ["sessionid" + key])
        self.assertEqual(FileSession(key)["cart"], [1, 2])
        self.assertTrue(FileSession().exists(key))
        session.delete()
        self.assertFalse(FileSession().exists(key))
        self.assertEqual(os.listdir(self.folder), [])

    def test_keys_that_could_leave_the_folder_are_refused(self):
        self.assertTrue(issubclass(InvalidSessionKey, SuspiciousOperation))
        with self.assertRaisesRegex(InvalidSessionKey,
                                    "Invalid characters in session key"):
            FileSession("../../etc/passwd")._key_to_file()
        self.assertEqual(FileSession("../../etc/passwd").load(), {})

    def test_unknown_key_gives_an_empty_session_and_a_new_key(self):
        session = FileSession("doesnotexist1234")
        self.assertEqual(session.load(), {})
        self.assertIsNone(session.session_key)

    def test_expired_files_are_removed_on_load_and_by_clear_expired(self):
        session = FileSession()
        session["a"] = 1
        session.set_expiry(-1)
        session.save()
        other = FileSession()
        other["b"] = 2
        other.save()
        FileSession.clear_expired()
        self.assertEqual(os.listdir(self.folder), ["sessionid" + other.session_key])

    def test_age_counts_from_the_file_modification_time(self):
        session = FileSession()
        session["a"] = 1
        session.save()
        path = session._key_to_file()
        old = time.time() - 15 * 24 * 3600  # older than SESSION_COOKIE_AGE
        os.utime(path, (old, old))
        self.assertEqual(FileSession(session.session_key).load(), {})

    def test_missing_folder_is_improperly_configured(self):
        _forget_storage_path()
        with override_settings(SESSION_FILE_PATH=os.path.join(self.folder, "no")):
            with self.assertRaisesRegex(ImproperlyConfigured, "doesn't exist"):
                FileSession()


@override_settings(**TEST_SETTINGS)
class AbstractBaseSessionTests(unittest.TestCase):
    def test_session_is_the_abstract_models_concrete_child(self):
        from django.contrib.sessions.backends.db import SessionStore

        self.assertTrue(AbstractBaseSession._meta.abstract)
        self.assertTrue(issubclass(Session, AbstractBaseSession))
        self.assertIs(Session.get_session_store_class(), SessionStore)
        self.assertEqual([f.name for f in Session._meta.fields],
                         ["session_key", "session_data", "expire_date"])
        self.assertEqual(Session._meta.db_table, "django_session")

    def test_manager_encodes_with_the_models_store(self):
        encoded = Session.objects.encode({"a": 1})
        row = Session(session_key="k" * 32, session_data=encoded)
        self.assertEqual(row.get_decoded(), {"a": 1})
        self.assertEqual(str(row), "k" * 32)

    def test_the_abstract_model_names_no_store(self):
        with self.assertRaises(NotImplementedError):
            AbstractBaseSession.get_session_store_class()


@override_settings(**TEST_SETTINGS, SESSION_SAVE_EVERY_REQUEST=True,
                   SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
class SessionCookieVaryTests(unittest.TestCase):
    def test_a_response_setting_the_session_cookie_varies_on_cookie(self):
        def touch(request):
            request.session["hello"] = "world"
            return HttpResponse()

        first = make_request()
        SessionMiddleware(touch)(first)
        second = make_request()
        second.COOKIES["sessionid"] = first.session.session_key
        with mock.patch.object(type(first.session), "load",
                               return_value={"hello": "world"}):
            response = SessionMiddleware(lambda r: HttpResponse())(second)
        self.assertIn("sessionid", response.cookies)
        self.assertEqual(response.headers["Vary"], "Cookie")


if __name__ == "__main__":
    unittest.main()
