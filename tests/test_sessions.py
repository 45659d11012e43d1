"""Sessions: the dict API, the signed-cookie and database stores, the middleware."""

import datetime
import json
import os
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import cookie_value, make_request, run_middleware

import djscratch
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import override_settings

with open(os.path.join(os.path.dirname(__file__), "sessions_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)

COOKIE_ENGINE = "django.contrib.sessions.backends.signed_cookies"
CENTURY = 100 * 365 * 24 * 3600


@override_settings(**TEST_SETTINGS, SESSION_ENGINE=COOKIE_ENGINE)
class SessionDictAPITests(unittest.TestCase):
    def setUp(self):
        self.session = SessionStore()

    def test_new_session_is_empty_and_untouched(self):
        self.assertTrue(self.session.is_empty())
        self.assertFalse(self.session.accessed)
        self.assertFalse(self.session.modified)
        self.assertIsNone(self.session.session_key)

    def test_reading_marks_accessed_not_modified(self):
        self.assertIsNone(self.session.get("x"))
        self.assertTrue(self.session.accessed)
        self.assertFalse(self.session.modified)

    def test_mapping_methods(self):
        s = self.session
        s["a"] = 1
        self.assertTrue(s.modified)
        self.assertEqual(s["a"], 1)
        self.assertIn("a", s)
        self.assertEqual(s.setdefault("b", 2), 2)
        self.assertEqual(s.setdefault("b", 3), 2)
        s.update({"c": 3})
        self.assertEqual(sorted(s.keys()), ["a", "b", "c"])
        self.assertEqual(sorted(s.values()), [1, 2, 3])
        self.assertEqual(sorted(s.items()), [("a", 1), ("b", 2), ("c", 3)])
        self.assertEqual(s.pop("a"), 1)
        self.assertEqual(s.pop("zzz", "default"), "default")
        with self.assertRaises(KeyError):
            s.pop("zzz")
        del s["b"]
        with self.assertRaises(KeyError):
            s["b"]
        s.clear()
        self.assertEqual(list(s.keys()), [])

    def test_pop_of_missing_key_does_not_mark_modified(self):
        self.session.pop("missing", None)
        self.assertFalse(self.session.modified)

    def test_expiry_defaults_to_cookie_age(self):
        self.assertEqual(self.session.get_expiry_age(), 1209600)
        self.assertFalse(self.session.get_expire_at_browser_close())

    def test_set_expiry_seconds_zero_and_none(self):
        s = self.session
        s.set_expiry(300)
        self.assertEqual(s.get_expiry_age(), 300)
        s.set_expiry(0)
        self.assertTrue(s.get_expire_at_browser_close())
        s.set_expiry(None)
        self.assertEqual(s.get_expiry_age(), 1209600)
        self.assertNotIn("_session_expiry", s)

    def test_set_expiry_timedelta_and_datetime(self):
        s = self.session
        s.set_expiry(datetime.timedelta(seconds=100))
        self.assertIn(s.get_expiry_age(), (99, 100))
        self.assertIsInstance(s["_session_expiry"], str)  # JSON-safe
        when = djscratch.now() + datetime.timedelta(days=1)
        s.set_expiry(when)
        self.assertEqual(s.get_expiry_date(), when)

    @override_settings(SESSION_EXPIRE_AT_BROWSER_CLOSE=True)
    def test_expire_at_browser_close_setting(self):
        self.assertTrue(self.session.get_expire_at_browser_close())
        self.session.set_expiry(60)
        self.assertFalse(self.session.get_expire_at_browser_close())


@override_settings(**TEST_SETTINGS, SESSION_ENGINE=COOKIE_ENGINE)
class SignedCookieStoreTests(unittest.TestCase):
    def test_round_trip_through_the_key(self):
        s = SessionStore()
        s["cart"] = [1, 2]
        s.save()
        again = SessionStore(s.session_key)
        self.assertEqual(again["cart"], [1, 2])

    def test_reads_a_cookie_written_by_django(self):
        with override_settings(SESSION_COOKIE_AGE=CENTURY):
            s = SessionStore(EXPECTED["signed_cookie_session_key"])
            self.assertEqual(dict(s.items()), EXPECTED["data"])

    def test_tampered_cookie_gives_empty_session(self):
        key = EXPECTED["signed_cookie_session_key"]
        tampered = key.replace("eyJj", "eyJk", 1)
        for bad in (tampered, key[:-2] + "xx", "garbage-that-is-long", "a:b:c:d"):
            with self.subTest(bad), override_settings(SESSION_COOKIE_AGE=CENTURY):
                s = SessionStore(bad)
                self.assertEqual(dict(s.items()), {})

    def test_expired_cookie_gives_empty_session(self):
        with override_settings(SESSION_COOKIE_AGE=-1):
            s = SessionStore(EXPECTED["signed_cookie_session_key"])
            self.assertEqual(dict(s.items()), {})

    def test_data_is_json_never_pickle(self):
        s = SessionStore()
        s["when"] = object()
        with self.assertRaises(TypeError):
            s.save()

    def test_flush_empties_and_forgets_key(self):
        s = SessionStore()
        s["a"] = 1
        s.save()
        s.flush()
        self.assertTrue(s.is_empty())
        self.assertIsNone(s.session_key)

    def test_decode_of_django_db_session_data(self):
        self.assertEqual(SessionStore().decode(EXPECTED["db_session_data"]),
                         EXPECTED["data"])
        self.assertEqual(SessionStore().decode("not signed"), {})


def set_view(request):
    request.session["user"] = "ann"
    return HttpResponse("set")


def read_view(request):
    return HttpResponse(request.session.get("user", "nobody"))


def noop_view(request):
    return HttpResponse("noop")


def flush_view(request):
    request.session.flush()
    return HttpResponse("flushed")


def error_view(request):
    request.session["x"] = 1
    return HttpResponse("boom", status=500)


@override_settings(**TEST_SETTINGS, SESSION_ENGINE=COOKIE_ENGINE)
class SessionMiddlewareTests(unittest.TestCase):
    def run_view(self, view, cookie=None):
        cookies = {"sessionid": cookie} if cookie else None
        return run_middleware(SessionMiddleware, view, make_request(cookies=cookies))

    def test_modified_session_sets_cookie_and_vary(self):
        response = self.run_view(set_view)
        morsel = response.cookies["sessionid"]
        self.assertTrue(morsel.value)
        self.assertTrue(morsel["httponly"])
        self.assertEqual(morsel["samesite"], "Lax")
        self.assertEqual(morsel["path"], "/")
        self.assertEqual(str(morsel["max-age"]), "1209600")
        self.assertEqual(response.headers["Vary"], "Cookie")
        self.assertEqual(self.run_view(read_view, morsel.value).content, b"ann")

    def test_untouched_session_sends_nothing(self):
        response = self.run_view(noop_view)
        self.assertNotIn("sessionid", response.cookies)
        self.assertFalse(response.has_header("Vary"))

    def test_read_only_access_adds_vary_without_cookie(self):
        response = self.run_view(read_view)
        self.assertEqual(response.headers["Vary"], "Cookie")
        self.assertNotIn("sessionid", response.cookies)

    def test_flush_deletes_cookie(self):
        cookie = cookie_value(self.run_view(set_view), "sessionid")
        response = self.run_view(flush_view, cookie)
        morsel = response.cookies["sessionid"]
        self.assertEqual(morsel.value, "")
        self.assertEqual(str(morsel["max-age"]), "0")

    def test_tampered_cookie_is_an_empty_session_not_an_error(self):
        response = self.run_view(read_view, "tampered:value:here")
        self.assertEqual(response.content, b"nobody")

    def test_server_error_does_not_save(self):
        self.assertNotIn("sessionid", self.run_view(error_view).cookies)

    @override_settings(SESSION_EXPIRE_AT_BROWSER_CLOSE=True)
    def test_browser_close_session_has_no_max_age(self):
        morsel = self.run_view(set_view).cookies["sessionid"]
        self.assertEqual(morsel["max-age"], "")
        self.assertEqual(morsel["expires"], "")

    @override_settings(SESSION_SAVE_EVERY_REQUEST=True)
    def test_save_every_request(self):
        cookie = cookie_value(self.run_view(set_view), "sessionid")
        self.assertIn("sessionid", self.run_view(read_view, cookie).cookies)

    @override_settings(SESSION_COOKIE_NAME="sid", SESSION_COOKIE_SECURE=True,
                       SESSION_COOKIE_DOMAIN=".example.com")
    def test_cookie_settings(self):
        response = run_middleware(SessionMiddleware, set_view, make_request())
        morsel = response.cookies["sid"]
        self.assertTrue(morsel["secure"])
        self.assertEqual(morsel["domain"], ".example.com")


if __name__ == "__main__":
    unittest.main()
