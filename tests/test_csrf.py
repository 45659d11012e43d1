"""CSRF protection: tokens, the middleware's checks and reasons, the decorators."""

import json
import os
import unittest
import unittest.mock

from tests import TEST_SETTINGS
from tests.csrf_cases import CASES, resolve
from tests.mwutil import cookie_value, make_request, run_middleware

import djscratch
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token, rotate_token
from django.test import override_settings
from django.views.decorators.csrf import (
    csrf_exempt, csrf_protect, ensure_csrf_cookie, requires_csrf_token)

SECRET = "A" * 16 + "b" * 16  # a well-formed 32-character secret


def ok_view(request):
    return HttpResponse("ok")


def token_view(request):
    return HttpResponse(get_token(request))


@csrf_exempt
def exempt_view(request):
    return HttpResponse("exempt")


def post(data=None, cookie=SECRET, **kwargs):
    cookies = {"csrftoken": cookie} if cookie is not None else None
    return make_request("POST", "/submit/", data=data or {}, cookies=cookies, **kwargs)


with open(os.path.join(os.path.dirname(__file__), "csrf_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


def echo_failure(request, reason=""):
    return HttpResponse(reason, status=403)


@override_settings(**TEST_SETTINGS, CSRF_FAILURE_VIEW=echo_failure)
class SameVerdictAsDjangoTests(unittest.TestCase):
    """Each case in tests/csrf_cases.py gets Django's status and reason."""

    def run_case(self, case):
        headers = {}
        if "header" in case:
            headers["X-CSRFToken"] = resolve(case["header"])
        if "origin" in case:
            headers["Origin"] = case["origin"]
        if "referer" in case:
            headers["Referer"] = case["referer"]
        data = ({"csrfmiddlewaretoken": resolve(case["post"])} if "post" in case
                else {})
        cookies = {"csrftoken": resolve(case["cookie"])} if "cookie" in case else None
        request = make_request(case["method"], data=data, headers=headers,
                               cookies=cookies, secure=case.get("secure", False))
        with override_settings(CSRF_TRUSTED_ORIGINS=case.get("trusted", [])):
            response = run_middleware(CsrfViewMiddleware, ok_view, request)
        return {"status": response.status_code,
                "reason": response.content.decode() if response.status_code == 403
                else "",
                "sets_cookie": "csrftoken" in response.cookies}

    def test_cases(self):
        self.assertEqual(set(CASES), set(EXPECTED))
        for name, case in CASES.items():
            with self.subTest(name):
                self.assertEqual(self.run_case(case), EXPECTED[name])


@override_settings(**TEST_SETTINGS)
class TokenTests(unittest.TestCase):
    def test_get_token_is_masked_and_unmasks_to_the_secret(self):
        request = make_request(cookies={"csrftoken": SECRET})
        CsrfViewMiddleware(ok_view).process_request(request)
        token1, token2 = get_token(request), get_token(request)
        self.assertEqual(len(token1), 64)
        self.assertTrue(token1.isalnum())
        self.assertNotEqual(token1, token2)  # a fresh mask per call (BREACH)
        self.assertEqual(djscratch._unmask_cipher_token(token1), SECRET)
        self.assertEqual(djscratch._unmask_cipher_token(token2), SECRET)

    def test_cookie_secret_is_checked_as_check_token_format_does(self):
        """_get_secret() skips _check_token_format() only for a secret that
        passes it: every cookie value reads or fails as the check says."""
        values = ["a" * 32, "A1" * 16, "a" * 31, "a" * 33, "a" * 64, "a" * 63,
                  "\u00e9" * 32, "a-" * 16, "\u0661" * 32, "a" * 31 + " ", "",
                  "x" * 32 + "y" * 32, "\u00aa" * 32]
        middleware = CsrfViewMiddleware(ok_view)
        for value in values:
            request = make_request(cookies={"csrftoken": value})
            value = request.COOKIES.get("csrftoken", "")  # (as the cookie reads)
            with self.subTest(value=value):
                try:
                    djscratch._check_token_format(value)
                    expected = (djscratch._unmask_cipher_token(value)
                                if len(value) == 64 else value)
                except djscratch.InvalidTokenFormat as exc:
                    expected = exc.reason
                try:
                    got = middleware._get_secret(request)
                except djscratch.InvalidTokenFormat as exc:
                    got = exc.reason
                self.assertEqual(got, expected)

    def test_get_token_without_cookie_creates_a_secret(self):
        request = make_request()
        token = get_token(request)
        secret = request.META["CSRF_COOKIE"]
        self.assertEqual(len(secret), 32)
        self.assertTrue(request.META["CSRF_COOKIE_NEEDS_UPDATE"])
        self.assertEqual(djscratch._unmask_cipher_token(token), secret)

    def test_rotate_token_replaces_the_secret(self):
        request = make_request()
        get_token(request)
        before = request.META["CSRF_COOKIE"]
        rotate_token(request)
        self.assertNotEqual(request.META["CSRF_COOKIE"], before)


class MaskingTests(unittest.TestCase):
    """The bytes-table masking gives what masking one character at a time does."""

    def test_mask_matches_the_per_character_general_path(self):
        secrets = [SECRET, "a" * 32, "9" * 32, CSRF_CHARS[:32], CSRF_CHARS[-32:],
                   "short", ""] + [djscratch._new_csrf_string() for _ in range(300)]
        for secret in secrets:
            with self.subTest(secret=secret):
                token = djscratch._mask_cipher_secret(secret)
                mask = token[:djscratch.CSRF_SECRET_LENGTH]
                self.assertEqual(
                    token, djscratch._mask_cipher_secret_with(secret, mask))
                if len(secret) == djscratch.CSRF_SECRET_LENGTH:
                    self.assertEqual(djscratch._unmask_cipher_token(token), secret)

    def test_a_secret_that_is_not_a_str_raises_type_error_as_django(self):
        with self.assertRaises(TypeError):
            djscratch._mask_cipher_secret(b"a" * 32)

    def test_a_character_outside_the_alphabet_raises_value_error_as_django(self):
        for secret in ["-" * 32, "é" * 32, "a" * 31 + "!"]:
            with self.subTest(secret=secret), self.assertRaises(ValueError):
                djscratch._mask_cipher_secret(secret)

    def test_new_strings_use_the_whole_alphabet_and_nothing_else(self):
        seen = set()
        for _ in range(200):
            value = djscratch._new_csrf_string()
            self.assertEqual(len(value), djscratch.CSRF_SECRET_LENGTH)
            seen.update(value)
        self.assertEqual(seen, set(CSRF_CHARS))

    def test_dropped_bytes_are_read_again(self):
        # 40 bytes all >= 248 (dropped to keep `% 62` uniform), then usable ones.
        reads = iter([bytes([255] * 40), bytes(range(40))])
        with unittest.mock.patch.object(os, "urandom",
                                        lambda n: next(reads)):
            self.assertEqual(djscratch._new_csrf_string(), CSRF_CHARS[:32])


CSRF_CHARS = djscratch.CSRF_ALLOWED_CHARS


@override_settings(**dict(TEST_SETTINGS, DEBUG=True))
class MiddlewareRejectionTests(unittest.TestCase):
    def assertRejected(self, request, reason, view=ok_view):
        response = run_middleware(CsrfViewMiddleware, view, request)
        self.assertEqual(response.status_code, 403)
        body = response.content.decode()
        self.assertIn("CSRF verification failed. Request aborted.", body)
        self.assertIn(djscratch.escape(reason), body)
        return response

    def test_post_without_cookie_is_403(self):
        self.assertRejected(post(cookie=None), "CSRF cookie not set.")

    def test_post_without_csrf_token_is_403(self):
        self.assertRejected(post(), "CSRF token missing.")

    def test_post_with_wrong_token_is_403(self):
        other = djscratch._mask_cipher_secret("c" * 32)
        self.assertRejected(post({"csrfmiddlewaretoken": other}),
                            "CSRF token from POST incorrect.")

    def test_post_with_malformed_token_is_403(self):
        self.assertRejected(post({"csrfmiddlewaretoken": "short"}),
                            "CSRF token from POST has incorrect length.")
        self.assertRejected(post({"csrfmiddlewaretoken": "!" * 64}),
                            "CSRF token from POST has invalid characters.")

    def test_a_body_the_client_broke_off_is_a_missing_token(self):
        from unittest import mock

        from django.http import UnreadablePostError

        request = post()
        broken = mock.PropertyMock(side_effect=UnreadablePostError("gone"))
        with mock.patch.object(type(request), "POST", broken):
            self.assertRejected(request, "CSRF token missing.")

    def test_other_errors_reading_the_body_propagate(self):
        from unittest import mock

        request = post()
        broken = mock.PropertyMock(side_effect=OSError("disk full"))
        with mock.patch.object(type(request), "POST", broken), \
                self.assertRaisesRegex(OSError, "disk full"):
            run_middleware(CsrfViewMiddleware, ok_view, request)

    def test_wrong_header_token_names_the_header(self):
        request = post(headers={"X-CSRFToken": "d" * 32})
        self.assertRejected(request, "CSRF token from the 'X-Csrftoken' HTTP header "
                                     "incorrect.")

    def test_malformed_cookie_is_403_and_replaced(self):
        request = post({"csrfmiddlewaretoken": SECRET}, cookie="bad")
        response = self.assertRejected(request, "CSRF cookie has incorrect length.")
        new = cookie_value(response, "csrftoken")
        self.assertEqual(len(new), 32)

    def test_foreign_origin_is_403(self):
        token = djscratch._mask_cipher_secret(SECRET)
        request = post({"csrfmiddlewaretoken": token},
                       headers={"Origin": "https://evil.example"})
        self.assertRejected(request, "Origin checking failed - https://evil.example "
                                     "does not match any trusted origins.")

    def test_https_post_without_referer_is_403(self):
        token = djscratch._mask_cipher_secret(SECRET)
        self.assertRejected(post({"csrfmiddlewaretoken": token}, secure=True),
                            "Referer checking failed - no Referer.")

    def test_https_post_with_insecure_or_foreign_referer_is_403(self):
        token = djscratch._mask_cipher_secret(SECRET)
        self.assertRejected(
            post({"csrfmiddlewaretoken": token}, secure=True,
                 headers={"Referer": "http://testserver/form/"}),
            "Referer checking failed - Referer is insecure while host is secure.")
        self.assertRejected(
            post({"csrfmiddlewaretoken": token}, secure=True,
                 headers={"Referer": "https://evil.example/form/"}),
            "Referer checking failed - https://evil.example/form/ does not match "
            "any trusted origins.")
        self.assertRejected(
            post({"csrfmiddlewaretoken": token}, secure=True,
                 headers={"Referer": "nonsense"}),
            "Referer checking failed - Referer is malformed.")

    def test_put_and_delete_are_checked_too(self):
        for method in ("PUT", "PATCH", "DELETE"):
            with self.subTest(method):
                request = make_request(method, cookies={"csrftoken": SECRET})
                self.assertRejected(request, "CSRF token missing.")


@override_settings(**TEST_SETTINGS)
class MiddlewareAcceptanceTests(unittest.TestCase):
    def assertAccepted(self, request, view=ok_view):
        response = run_middleware(CsrfViewMiddleware, view, request)
        self.assertEqual(response.status_code, 200, response.content)
        return response

    def test_safe_methods_need_no_token(self):
        for method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            with self.subTest(method):
                self.assertAccepted(make_request(method))

    def test_post_with_masked_form_token_passes(self):
        token = djscratch._mask_cipher_secret(SECRET)
        self.assertAccepted(post({"csrfmiddlewaretoken": token}))

    def test_post_with_unmasked_secret_passes(self):
        self.assertAccepted(post({"csrfmiddlewaretoken": SECRET}))

    def test_header_token_passes(self):
        token = djscratch._mask_cipher_secret(SECRET)
        self.assertAccepted(post(headers={"X-CSRFToken": token}))

    @override_settings(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN")
    def test_header_name_setting(self):
        self.assertAccepted(post(headers={"X-XSRF-Token": SECRET}))

    def test_same_origin_passes(self):
        self.assertAccepted(post({"csrfmiddlewaretoken": SECRET},
                                 headers={"Origin": "http://testserver"}))

    @override_settings(CSRF_TRUSTED_ORIGINS=["https://app.example.com",
                                             "https://*.trusted.org"])
    def test_trusted_origins_exact_and_wildcard(self):
        for origin in ("https://app.example.com", "https://a.trusted.org",
                       "https://b.c.trusted.org"):
            with self.subTest(origin):
                self.assertAccepted(post({"csrfmiddlewaretoken": SECRET},
                                         headers={"Origin": origin}))
        for origin in ("http://app.example.com", "https://trusted.org.evil.com",
                       "http://a.trusted.org"):
            with self.subTest(origin):
                response = run_middleware(
                    CsrfViewMiddleware, ok_view,
                    post({"csrfmiddlewaretoken": SECRET}, headers={"Origin": origin}))
                self.assertEqual(response.status_code, 403)

    def test_https_with_same_site_referer_passes(self):
        self.assertAccepted(post({"csrfmiddlewaretoken": SECRET}, secure=True,
                                 headers={"Referer": "https://testserver/form/"}))

    def test_csrf_exempt_view_passes(self):
        self.assertAccepted(post(cookie=None), view=exempt_view)

    def test_test_client_flag_skips_checks(self):
        request = post(cookie=None)
        request._dont_enforce_csrf_checks = True
        self.assertAccepted(request)

    def test_cookie_is_sent_when_token_used(self):
        response = self.assertAccepted(make_request(), view=token_view)
        morsel = response.cookies["csrftoken"]
        self.assertEqual(len(morsel.value), 32)
        self.assertEqual(morsel["samesite"], "Lax")
        self.assertEqual(str(morsel["max-age"]), str(60 * 60 * 24 * 7 * 52))
        self.assertIn("Cookie", response.headers["Vary"])
        self.assertEqual(djscratch._unmask_cipher_token(response.content.decode()),
                         morsel.value)

    def test_cookie_not_sent_when_token_unused(self):
        response = self.assertAccepted(make_request())
        self.assertNotIn("csrftoken", response.cookies)

    @override_settings(CSRF_COOKIE_NAME="xsrf", CSRF_COOKIE_SECURE=True,
                       CSRF_COOKIE_HTTPONLY=True, CSRF_COOKIE_PATH="/app/")
    def test_cookie_settings(self):
        response = self.assertAccepted(make_request(), view=token_view)
        morsel = response.cookies["xsrf"]
        self.assertTrue(morsel["secure"])
        self.assertTrue(morsel["httponly"])
        self.assertEqual(morsel["path"], "/app/")


class TrustedOriginsTests(unittest.TestCase):
    @override_settings(**TEST_SETTINGS, CSRF_TRUSTED_ORIGINS=[
        "https://exact.example", "https://*.sub.example", "http://*.other:8000"])
    def test_the_setting_is_parsed_under_djangos_names(self):
        mw = CsrfViewMiddleware(ok_view)
        self.assertEqual(mw.allowed_origins_exact, {"https://exact.example"})
        self.assertEqual(mw.allowed_origin_subdomains,
                         {"https": [".sub.example"], "http": [".other:8000"]})
        self.assertEqual(mw.csrf_trusted_origins_hosts,
                         ["exact.example", ".sub.example", ".other:8000"])


@override_settings(**TEST_SETTINGS)
class FailurePageTests(unittest.TestCase):
    def test_reason_hidden_without_debug(self):
        response = run_middleware(CsrfViewMiddleware, ok_view, post())
        self.assertEqual(response.status_code, 403)
        body = response.content.decode()
        self.assertIn("CSRF verification failed. Request aborted.", body)
        self.assertNotIn("CSRF token missing.", body)
        self.assertIn("More information is available with DEBUG=True.", body)

    def test_custom_failure_view(self):
        def failure(request, reason=""):
            return HttpResponse("nope: " + reason, status=403)

        with override_settings(CSRF_FAILURE_VIEW=failure):
            response = run_middleware(CsrfViewMiddleware, ok_view, post())
        self.assertEqual(response.content, b"nope: CSRF token missing.")


@override_settings(**TEST_SETTINGS)
class DecoratorTests(unittest.TestCase):
    def test_csrf_protect_rejects_without_middleware(self):
        view = csrf_protect(ok_view)
        self.assertEqual(view(post()).status_code, 403)
        self.assertEqual(view(post({"csrfmiddlewaretoken": SECRET})).status_code, 200)

    def test_requires_csrf_token_never_rejects(self):
        response = requires_csrf_token(token_view)(post())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.content), 64)

    def test_ensure_csrf_cookie_sends_cookie(self):
        response = ensure_csrf_cookie(ok_view)(make_request())
        self.assertEqual(len(cookie_value(response, "csrftoken")), 32)

    def test_csrf_exempt_keeps_the_view_working(self):
        self.assertTrue(exempt_view.csrf_exempt)
        self.assertEqual(exempt_view(make_request()).content, b"exempt")


if __name__ == "__main__":
    unittest.main()


@override_settings(**TEST_SETTINGS, CSRF_USE_SESSIONS=True,
                   SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
class CsrfUseSessionsTests(unittest.TestCase):
    def run_chain(self, view, request):
        from django.contrib.sessions.middleware import SessionMiddleware

        def inner(req):
            return run_middleware(CsrfViewMiddleware, view, req)

        return SessionMiddleware(inner)(request)

    def test_secret_lives_in_the_session_not_a_cookie(self):
        first = self.run_chain(token_view, make_request())
        self.assertNotIn("csrftoken", first.cookies)
        session_cookie = first.cookies["sessionid"].value
        token = first.content.decode()
        ok = self.run_chain(ok_view, make_request(
            "POST", data={"csrfmiddlewaretoken": token},
            cookies={"sessionid": session_cookie}))
        self.assertEqual(ok.status_code, 200)
        refused = self.run_chain(ok_view, make_request(
            "POST", data={"csrfmiddlewaretoken": token}))
        self.assertEqual(refused.status_code, 403)

    def test_without_session_middleware_is_a_configuration_error(self):
        with self.assertRaisesRegex(djscratch.ImproperlyConfigured,
                                    "SessionMiddleware must appear before"):
            run_middleware(CsrfViewMiddleware, ok_view, make_request("POST", data={}))


@override_settings(**TEST_SETTINGS)
class LoggingTests(unittest.TestCase):
    def test_rejection_is_logged_with_reason_and_path(self):
        with self.assertLogs("django.security.csrf", "WARNING") as logs:
            run_middleware(CsrfViewMiddleware, ok_view, post())
        self.assertEqual(logs.records[0].getMessage(),
                         "Forbidden (CSRF token missing.): /submit/")
        self.assertEqual(logs.records[0].status_code, 403)
