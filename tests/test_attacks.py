"""Hostile input: in-process through wsgiref.validate, and over real sockets.

The in-process cases live in tests/attack_cases.py; real Django 5.2 answered
each of them (tests/attacks_expected.json, from gen_attacks_expected.py) and
djscratch must give the same status, the same Location and, where asked,
the same body -- except where a case documents that djscratch is stricter.
Every response must come within a time bound, never be a 500, and never
show a traceback, the settings or a file path.
"""

import json
import os
import shutil
import socket
import tempfile
import threading
import time
import unittest

from tests import attack_cases
from tests.attack_app import (
    HERE, MODELS, STATIC_DIR, Comment, Item, attack_settings)
from tests.http_helpers import call_wsgi

import djscratch
from djscratch import WSGIHandler, connection, override_settings, sync_schema

#: No single request may take longer than this (seconds), even a hostile one.
TIME_BOUND = 5.0

#: Text that must never appear in a response with DEBUG off.
LEAK_MARKERS = ("Traceback", "test-secret-key", HERE, "djscratch.py",
                "SECRET_KEY", 'File "')

with open(os.path.join(HERE, "attacks_expected.json"), encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


class AttackAppMixin:
    """Run the attack app on a fresh SQLite file, with its settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.mkdtemp(prefix="djscratch-attacks-")
        cls.db_path = os.path.join(cls.tmp, "attacks.sqlite3")
        cls._settings = override_settings(**attack_settings(cls.db_path))
        cls._settings.enable()
        connection.close()
        djscratch.setup()
        sync_schema(models=MODELS, verbosity=0)
        cls.app = WSGIHandler()

    @classmethod
    def tearDownClass(cls):
        connection.close()
        cls._settings.disable()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def request(self, path="/", query="", method="GET", body=b"", content_type=None,
                validate=True, **env):
        """Call the app in-process; check the time bound and the leak rules."""
        start = time.monotonic()
        result = call_wsgi(self.app, path=path, method=method, query=query, body=body,
                           content_type=content_type, validate=validate, **env)
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, TIME_BOUND, "%s took %.1fs" % (path, elapsed))
        self.assertNoLeak(result.text)
        return result

    def assertNoLeak(self, text):
        for marker in LEAK_MARKERS:
            self.assertNotIn(marker, text)


def _run_case(test, c):
    env = dict(c["env"])
    validate = not env.pop("_raw", False)
    if "CONTENT_LENGTH" in env:
        validate = False  # the validator itself refuses a lying Content-Length
    result = test.request(c["path"], c["query"], c["method"],
                          c["body"].encode("latin-1"), c["content_type"],
                          validate=validate, **env)
    expected = EXPECTED[c["name"]]
    if c.get("differs"):
        status, _reason = c["differs"]
        test.assertEqual(result.status_code, status, c["name"])
    else:
        test.assertEqual(result.status_code, expected["status"], c["name"])
        test.assertEqual(result.header("Location"), expected["location"], c["name"])
    test.assertNotEqual(result.status_code, 500, c["name"])
    if c.get("body_compare") and not c.get("differs"):
        test.assertEqual(result.text, expected["body"], c["name"])
    for name, value in result.headers:
        test.assertNotRegex(value, "[\r\n\x00]", "header %s of %s" % (name, c["name"]))
    return result


class DjangoOracleCases(AttackAppMixin, unittest.TestCase):
    """Each case of attack_cases.CASES becomes a test method below."""

    def test_every_case_is_recorded(self):
        self.assertEqual(sorted(EXPECTED), sorted(c["name"] for c in
                                                  attack_cases.CASES))


def _make_case_test(c):
    def test(self):
        _run_case(self, c)

    test.__doc__ = "Hostile request %s gets Django's safe answer." % c["name"]
    return test


for _c in attack_cases.CASES:
    setattr(DjangoOracleCases, "test_%s" % _c["name"], _make_case_test(_c))


class OrmAndSqlAttacks(AttackAppMixin, unittest.TestCase):
    """Query parameters reach filter(), order_by() and values(): values are
    bound parameters, names are checked against the model, so hostile text
    is a 400 (or a harmless 200), and the tables survive."""

    def setUp(self):
        Item.objects.all().delete()
        Item.objects.create(name="a%b", rank=1)
        Item.objects.create(name="a_b", rank=2)
        Item.objects.create(name="plain", rank=3)

    def names(self, query):
        result = self.request("/items/", query)
        self.assertEqual(result.status_code, 200, result.text)
        return [row.get("name") for row in json.loads(result.body)["items"]]

    def assertRejected(self, query):
        result = self.request("/items/", query)
        self.assertEqual(result.status_code, 400, query)
        self.assertEqual(Item.objects.count(), 3)  # the table is intact
        return result

    def test_sql_metacharacters_in_a_value_match_literally(self):
        self.assertEqual(self.names("q=%27%20OR%201=1%20--"), [])
        self.assertEqual(self.names("q=%22%3B%20DROP%20TABLE%20tests_item%3B--"), [])
        self.assertEqual(Item.objects.count(), 3)

    def test_like_wildcards_in_a_value_match_literally(self):
        self.assertEqual(self.names("q=%25"), ["a%b"])
        self.assertEqual(self.names("q=_"), ["a_b"])
        self.assertEqual(self.names("q=%5C"), [])

    def test_order_by_with_sql_is_400(self):
        self.assertRejected("order=name;DROP%20TABLE%20tests_item")

    def test_order_by_private_attribute_is_400(self):
        self.assertRejected("order=__class__")

    def test_order_by_unknown_transform_is_400(self):
        self.assertRejected("order=name__foo")

    def test_order_by_expression_text_is_400(self):
        self.assertRejected("order=(SELECT%201)")

    def test_order_by_known_fields_works(self):
        self.assertEqual(self.names("order=-name"), ["plain", "a_b", "a%b"])
        self.assertEqual(self.names("order=pk"), ["a%b", "a_b", "plain"])

    def test_values_of_an_unknown_field_is_400(self):
        self.assertRejected("field=password")

    def test_values_with_sql_in_the_name_is_400(self):
        self.assertRejected("field=name)%20FROM%20sqlite_master--")

    def test_integer_lookup_with_text_is_400(self):
        self.assertRejected("rank=abc")
        self.assertRejected("rank=1.5")
        self.assertRejected("rank=")

    def test_integer_lookup_overflow_matches_nothing_as_in_django(self):
        # Django 5: a lookup value beyond 64 bits matches no row.
        self.assertEqual(self.names("rank=99999999999999999999999"), [])
        self.assertEqual(self.names("rank=-99999999999999999999999"), [])
        self.assertEqual(list(Item.objects.filter(rank__in=["1", "9" * 30])
                              .values_list("name", flat=True)), ["a%b"])

    def test_primary_key_overflow_in_the_url_is_404(self):
        self.assertEqual(self.request("/items/%d/" % 2 ** 64).status_code, 404)
        self.assertEqual(self.request("/items/%d/" % (2 ** 63 - 1)).status_code, 404)

    def test_lone_surrogate_cannot_be_stored_and_is_a_clear_error(self):
        from django.db import DataError

        with self.assertRaisesRegex(DataError, "lone surrogate"):
            Comment.objects.create(author="\udc80", body="x")
        self.assertEqual(Comment.objects.filter(author="ok").count(), 0)

    def test_lone_surrogate_through_json_is_escaped(self):
        result = self.request("/json/", method="POST", body=b'{"a": "\\udc80"}',
                              content_type="application/json")
        self.assertEqual(result.status_code, 200)
        self.assertEqual(json.loads(result.body), {"got": {"a": "\udc80"}})


class SessionAttacks(AttackAppMixin, unittest.TestCase):
    def session_cookie(self, value):
        result = self.request("/session/set/", "v=" + value)
        cookie = [v for v in result.headers_all("Set-Cookie")
                  if v.startswith("sessionid=")]
        self.assertEqual(len(cookie), 1)
        return cookie[0].split(";", 1)[0], cookie[0]

    def read(self, cookie):
        return self.request("/session/get/", HTTP_COOKIE=cookie).text

    def test_session_round_trip(self):
        cookie, _ = self.session_cookie("hello")
        self.assertEqual(self.read(cookie), "hello")

    def test_session_cookie_is_httponly_and_samesite_lax(self):
        _, header = self.session_cookie("x")
        self.assertIn("HttpOnly", header)
        self.assertIn("SameSite=Lax", header)

    def test_tampered_session_is_an_empty_session(self):
        cookie, _ = self.session_cookie("user")
        name, value = cookie.split("=", 1)
        payload, rest = value.split(":", 1)
        forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB")
        self.assertEqual(self.read("%s=%s:%s" % (name, forged, rest)), "<none>")
        self.assertEqual(self.read(cookie[:-1] + ("x" if cookie[-1] != "x" else "y")),
                         "<none>")

    def test_session_signed_with_another_key_is_refused(self):
        with override_settings(SECRET_KEY="another-key-" + "z" * 40):
            cookie, _ = self.session_cookie("admin")
        self.assertEqual(self.read(cookie), "<none>")

    def test_expired_session_is_refused(self):
        cookie, _ = self.session_cookie("old")
        time.sleep(1.1)
        with override_settings(SESSION_COOKIE_AGE=1):
            self.assertEqual(self.read(cookie), "<none>")
        self.assertEqual(self.read(cookie), "old")

    def test_session_value_with_html_is_stored_as_text(self):
        cookie, _ = self.session_cookie("%3Cscript%3E")
        result = self.request("/session/get/", HTTP_COOKIE=cookie)
        self.assertEqual(result.text, "<script>")
        self.assertEqual(result.header("Content-Type"), "text/plain")


class ErrorLeaks(AttackAppMixin, unittest.TestCase):
    def test_crash_with_debug_off_shows_a_plain_500(self):
        result = self.request("/crash/")
        self.assertEqual(result.status_code, 500)
        self.assertNotIn("boom", result.text)
        self.assertNotIn("RuntimeError", result.text)

    def test_leak_check_would_catch_the_debug_page(self):
        # The same crash with DEBUG on shows the traceback: proof that the
        # leak markers above can fail.
        with override_settings(DEBUG=True):
            result = call_wsgi(self.app, "/crash/")
        self.assertEqual(result.status_code, 500)
        self.assertIn("Traceback", result.text)
        self.assertRaises(AssertionError, self.assertNoLeak, result.text)

    def test_404_page_does_not_echo_the_path(self):
        result = self.request("/%3Cscript%3Ealert(1)%3C/script%3E/")
        self.assertEqual(result.status_code, 404)
        self.assertNotIn("script", result.text)

    def test_disallowed_host_page_does_not_echo_the_host(self):
        result = self.request("/", HTTP_HOST="<script>.example")
        self.assertEqual(result.status_code, 400)
        self.assertNotIn("script", result.text)

    def test_bad_request_page_does_not_echo_the_reason(self):
        result = self.request("/items/", "field=secret_column")
        self.assertEqual(result.status_code, 400)
        self.assertNotIn("secret_column", result.text)

    def test_database_error_is_a_plain_500(self):
        with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False):
            connection.close()
            os.rename(self.db_path, self.db_path + ".moved")
            try:
                os.makedirs(self.db_path)  # a directory: SQLite cannot open it
                result = self.request("/comments/")
            finally:
                os.rmdir(self.db_path)
                os.rename(self.db_path + ".moved", self.db_path)
                connection.close()
        self.assertEqual(result.status_code, 500)
        self.assertNotIn("sqlite", result.text.lower())


class StaticSymlinks(AttackAppMixin, unittest.TestCase):
    def test_symlink_out_of_the_static_folder_is_not_served(self):
        link = os.path.join(STATIC_DIR, "css", "escape.txt")
        target = os.path.join(HERE, "attack_outside.txt")
        try:
            os.symlink(target, link)
        except (OSError, NotImplementedError):
            self.skipTest("symlinks are not available")
        try:
            for url in ("/static/css/escape.txt", "/media/css/escape.txt"):
                result = self.request(url)
                self.assertEqual(result.status_code, 404, url)
                self.assertNotIn("secret=outside", result.text)
        finally:
            os.unlink(link)

    def test_head_of_a_static_file_has_no_body(self):
        result = self.request("/static/css/site.css", method="HEAD")
        self.assertEqual(result.status_code, 200)
        self.assertEqual(result.body, b"")

    def test_static_file_is_nosniff(self):
        result = self.request("/static/css/site.css")
        self.assertEqual(result.header("X-Content-Type-Options"), "nosniff")
