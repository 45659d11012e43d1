"""CsrfViewMiddleware and get_token() (django/middleware/csrf.py).
"""

import operator
import os
import urllib.parse

from djscratch.sections import _methods_on_first_use
from djscratch.utils.module_loading import import_string
from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.utils.cache import patch_vary_headers

__all__ = [
    "CsrfViewMiddleware", "get_token", "rotate_token",
]


# -- CSRF ----------------------------------------------------------------------
# The secret (32 letters/digits) lives in the csrftoken cookie (or the session
# with CSRF_USE_SESSIONS).  Pages get a fresh 64-character token per render:
# a random mask followed by the secret shifted by the mask, so the token in the
# HTML never repeats (BREACH) while any of them proves knowledge of the secret.

REASON_BAD_ORIGIN = "Origin checking failed - %s does not match any trusted origins."
REASON_NO_REFERER = "Referer checking failed - no Referer."
REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins."
REASON_NO_CSRF_COOKIE = "CSRF cookie not set."
REASON_CSRF_TOKEN_MISSING = "CSRF token missing."
REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed."
REASON_INSECURE_REFERER = (
    "Referer checking failed - Referer is insecure while host is secure.")
REASON_INCORRECT_LENGTH = "has incorrect length"
REASON_INVALID_CHARACTERS = "has invalid characters"

CSRF_SECRET_LENGTH = 32
CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH
CSRF_ALLOWED_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
CSRF_SESSION_KEY = "_csrftoken"
_CSRF_CHAR_INDEX = {c: i for i, c in enumerate(CSRF_ALLOWED_CHARS)}


def _new_csrf_string():
    """Return 32 random characters from CSRF_ALLOWED_CHARS, uniformly chosen."""
    return _random_csrf_indexes().translate(_CSRF_INDEX_TO_CHAR).decode("ascii")


# The secret and the mask as bytes of character indexes (0-61), so that
# masking is a few C-level bytes operations rather than a loop per character
# (a page with a form masks once per request).  A byte of a table maps:
_CSRF_CHAR_TO_INDEX = bytes(_CSRF_CHAR_INDEX.get(chr(b), 255) for b in range(256))
_CSRF_INDEX_TO_CHAR = CSRF_ALLOWED_CHARS.encode().ljust(256, b"?")
# the sum of two indexes (0-122) to the character at the sum modulo 62
_CSRF_SUM_TO_CHAR = (CSRF_ALLOWED_CHARS * 2).encode().ljust(256, b"?")
_CSRF_MOD_INDEX = bytes(b % len(CSRF_ALLOWED_CHARS) for b in range(256))
# bytes >= 248 are dropped so that `byte % 62` stays uniform
_CSRF_UNEVEN_BYTES = bytes(range(256 - 256 % len(CSRF_ALLOWED_CHARS), 256))


def _random_csrf_indexes():
    """Return CSRF_SECRET_LENGTH uniformly random character indexes, as bytes."""
    # One urandom read (secrets.token_bytes() is os.urandom(), without
    # secrets' import of hmac and OpenSSL); another in the rare case that
    # more than 8 of the 40 bytes were dropped.
    picked = os.urandom(40).translate(None, _CSRF_UNEVEN_BYTES)
    while len(picked) < CSRF_SECRET_LENGTH:
        picked += os.urandom(40).translate(None, _CSRF_UNEVEN_BYTES)
    return picked[:CSRF_SECRET_LENGTH].translate(_CSRF_MOD_INDEX)


def _mask_cipher_secret(secret):
    """Return a 64-character token: a fresh mask, then the secret shifted by it."""
    mask = _random_csrf_indexes()
    try:
        secret_indexes = secret.encode("ascii").translate(_CSRF_CHAR_TO_INDEX)
    except (AttributeError, UnicodeEncodeError):  # not a str, or not ASCII
        secret_indexes = b"\xff"
    if 255 in secret_indexes:  # not a secret of CSRF_ALLOWED_CHARS
        return _mask_cipher_secret_with(
            secret, mask.translate(_CSRF_INDEX_TO_CHAR).decode("ascii"))
    cipher = bytes(map(operator.add, secret_indexes, mask))
    return (mask.translate(_CSRF_INDEX_TO_CHAR)
            + cipher.translate(_CSRF_SUM_TO_CHAR)).decode("ascii")


def _mask_cipher_secret_with(secret, mask):
    """The general path of _mask_cipher_secret(), one character at a time, with
    a given mask: a character outside CSRF_ALLOWED_CHARS raises ValueError, as
    Django's str.index() does."""
    chars, n = CSRF_ALLOWED_CHARS, len(CSRF_ALLOWED_CHARS)
    cipher = "".join(chars[(chars.index(s) + chars.index(m)) % n]
                     for s, m in zip(secret, mask))
    return mask + cipher


def _unmask_cipher_token(token):
    """Recover the secret from a 64-character masked token."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    chars, n = CSRF_ALLOWED_CHARS, len(CSRF_ALLOWED_CHARS)
    return "".join(chars[(chars.index(c) - chars.index(m)) % n]
                   for c, m in zip(cipher, mask))


def _add_new_csrf_cookie(request):
    """Put a new secret in request.META and flag the cookie for sending."""
    secret = _new_csrf_string()
    request.META.update({"CSRF_COOKIE": secret, "CSRF_COOKIE_NEEDS_UPDATE": True})
    return secret


def get_token(request):
    """Return a masked CSRF token for a form, creating the secret if needed.

    As a side effect the middleware (or csrf_protect) sends the CSRF cookie and
    `Vary: Cookie` with the response, so call it only when a token is used.
    """
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # renew the cookie's expiry
    else:
        secret = _add_new_csrf_cookie(request)
    return _mask_cipher_secret(secret)


def rotate_token(request):
    """Replace the request's CSRF secret (do this on login)."""
    _add_new_csrf_cookie(request)


class InvalidTokenFormat(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class RejectRequest(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _check_token_format(token):
    """Raise InvalidTokenFormat unless `token` is 32 or 64 letters/digits."""
    if len(token) not in (CSRF_TOKEN_LENGTH, CSRF_SECRET_LENGTH):
        raise InvalidTokenFormat(REASON_INCORRECT_LENGTH)
    if not (token.isascii() and token.isalnum()):
        raise InvalidTokenFormat(REASON_INVALID_CHARACTERS)


def _does_token_match(request_token, secret):
    """Compare a well-formed token (masked or not) with the secret in constant time."""
    import hmac

    if len(request_token) == CSRF_TOKEN_LENGTH:
        request_token = _unmask_cipher_token(request_token)
    # Callers check the format first (_check_token_format()): another length
    # here is a bug in the caller, as Django asserts.
    assert len(request_token) == CSRF_SECRET_LENGTH
    return hmac.compare_digest(request_token.encode(), secret.encode())


def _csrf_failure_view():
    view = settings.CSRF_FAILURE_VIEW
    if callable(view):
        return view
    return import_string(view)


# The methods a plain page never runs are in csrf_extra.py, defined on first
# use.
@_methods_on_first_use("_CsrfViewMiddlewareMore", (
    "_bad_token_message", "_check_referer", "_check_token", "_origin_verified",
    "_reject",
))
class CsrfViewMiddleware(MiddlewareMixin):
    """Reject unsafe requests that lack a valid CSRF token; send the CSRF cookie.

    POST, PUT, PATCH and DELETE need a token matching the secret, from the
    `csrfmiddlewaretoken` form field or the CSRF_HEADER_NAME header; a present
    Origin header must be the site itself or in CSRF_TRUSTED_ORIGINS, and an
    HTTPS request without Origin must carry a same-site Referer.  Failures go
    to CSRF_FAILURE_VIEW (a 403 naming the reason).
    """

    # CSRF_TRUSTED_ORIGINS parsed once per middleware instance, under
    # Django's names (its tests read them).
    @cached_property
    def csrf_trusted_origins_hosts(self):
        return [urllib.parse.urlsplit(origin).netloc.lstrip("*")
                for origin in settings.CSRF_TRUSTED_ORIGINS]

    @cached_property
    def allowed_origins_exact(self):
        return {origin for origin in settings.CSRF_TRUSTED_ORIGINS if "*" not in origin}

    @cached_property
    def allowed_origin_subdomains(self):
        """{scheme: [netloc, ...]}: the origins whose subdomains are trusted."""
        subdomains = {}
        for origin in settings.CSRF_TRUSTED_ORIGINS:
            if "*" in origin:
                parsed = urllib.parse.urlsplit(origin)
                subdomains.setdefault(parsed.scheme, []).append(
                    parsed.netloc.lstrip("*"))
        return subdomains

    def _accept(self, request):
        request.csrf_processing_done = True
        return None

    def _get_secret(self, request):
        """Return the request's CSRF secret or None; may raise InvalidTokenFormat."""
        if settings.CSRF_USE_SESSIONS:
            try:
                secret = request.session.get(CSRF_SESSION_KEY)
            except AttributeError:
                raise ImproperlyConfigured(
                    "CSRF_USE_SESSIONS is enabled, but request.session is not set. "
                    "SessionMiddleware must appear before CsrfViewMiddleware in "
                    "MIDDLEWARE.") from None
        else:
            secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
            # (a secret of 32 ASCII letters and digits passes the check)
            if secret is not None and not (len(secret) == CSRF_SECRET_LENGTH
                                           and secret.isascii() and secret.isalnum()):
                _check_token_format(secret)
        if secret is None:
            return None
        if len(secret) == CSRF_TOKEN_LENGTH:  # Django < 4.0 stored it masked
            secret = _unmask_cipher_token(secret)
        return secret

    def _set_csrf_cookie(self, request, response):
        if settings.CSRF_USE_SESSIONS:
            if request.session.get(CSRF_SESSION_KEY) != request.META["CSRF_COOKIE"]:
                request.session[CSRF_SESSION_KEY] = request.META["CSRF_COOKIE"]
        else:
            response.set_cookie(
                settings.CSRF_COOKIE_NAME,
                request.META["CSRF_COOKIE"],
                max_age=settings.CSRF_COOKIE_AGE,
                domain=settings.CSRF_COOKIE_DOMAIN,
                path=settings.CSRF_COOKIE_PATH,
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=settings.CSRF_COOKIE_HTTPONLY,
                samesite=settings.CSRF_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))

    def process_request(self, request):
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat:
            _add_new_csrf_cookie(request)
        else:
            if secret is not None:
                request.META["CSRF_COOKIE"] = secret

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if getattr(request, "csrf_processing_done", False):
            return None
        if getattr(callback, "csrf_exempt", False):
            return None
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return self._accept(request)
        if getattr(request, "_dont_enforce_csrf_checks", False):
            return self._accept(request)
        if "HTTP_ORIGIN" in request.META:
            if not self._origin_verified(request):
                return self._reject(
                    request, REASON_BAD_ORIGIN % request.META["HTTP_ORIGIN"])
        elif request.is_secure():
            try:
                self._check_referer(request)
            except RejectRequest as exc:
                return self._reject(request, exc.reason)
        try:
            self._check_token(request)
        except RejectRequest as exc:
            return self._reject(request, exc.reason)
        return self._accept(request)

    def process_response(self, request, response):
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            self._set_csrf_cookie(request, response)
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response


# It reads the cookie (or the session) and writes request.META: it removes
# no request attribute (see _request_steps()).
CsrfViewMiddleware.process_request._djscratch_keeps_promises = True


def _csrf_response_plan(hook):
    """CsrfViewMiddleware.process_response for _response_step(): nothing
    to do unless the request's CSRF cookie needs sending."""
    return ("meta", "CSRF_COOKIE_NEEDS_UPDATE")


CsrfViewMiddleware.process_response._djscratch_response_plan = _csrf_response_plan


def _csrf_request_plan(hook):
    """CsrfViewMiddleware.process_request for _request_guard(): with the
    secret in a cookie, a request without that cookie leaves it nothing to
    do (its _get_secret() reads request.COOKIES and finds None)."""
    if (settings.CSRF_USE_SESSIONS
            or type(hook.__self__)._get_secret is not CsrfViewMiddleware._get_secret):
        return None
    return ("cookie", settings.CSRF_COOKIE_NAME)


CsrfViewMiddleware.process_request._djscratch_request_plan = _csrf_request_plan
