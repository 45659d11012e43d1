"""HttpResponse and its base (django/http/response.py); the rest of the
family is in http/response_extra.py.  Header values with CR, LF or NUL are
refused when set.
"""

import urllib.parse
import json
import datetime
import sys
import time

from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import _package
from djscratch.http.cookie import (
    _fresh_morsel, _plain_cookie, _remembered_set_cookie_header, _simple_cookie_class,
)
from djscratch.utils.regex_helper import _re
from djscratch.utils.encoding import iri_to_uri
from djscratch.core.signals import request_finished
from djscratch.core.exceptions_extra import DisallowedRedirect
from djscratch.conf import _settings_derived, settings
from djscratch.core.signing import _cookie_signer_salt, get_cookie_signer
from djscratch.utils.http import http_date, MAX_URL_REDIRECT_LENGTH
from djscratch.http.request import CaseInsensitiveMapping

__all__ = [
    "HttpResponseBase", "HttpResponse", "HttpResponseRedirect",
    "HttpResponsePermanentRedirect", "JsonResponse", "BadHeaderError",
    "ResponseHeaders",
]


class BadHeaderError(ValueError):
    """A header name or value contains a newline (header injection)."""


class ResponseHeaders(CaseInsensitiveMapping):
    """The headers of a response: case-insensitive, and checked when set.

    Names must be ASCII; values latin-1 (other text is MIME-encoded); a value
    with CR, LF or NUL raises BadHeaderError.
    """

    def __init__(self, data=None):
        self._store = {}
        if data:
            items = data.items() if hasattr(data, "items") else data
            for header, value in items:
                self[header] = value

    def _convert_to_charset(self, value, charset, mime_encode=False):
        if isinstance(value, bytes):
            try:
                value = value.decode(charset)
            except UnicodeError as err:
                if b"\n" in value or b"\r" in value:
                    raise BadHeaderError(
                        f"Header values can't contain newlines (got {value!r})"
                    ) from err
                raise
        elif not isinstance(value, str):
            value = str(value)
        if "\n" in value or "\r" in value or "\x00" in value:
            raise BadHeaderError(
                f"Header values can't contain newlines (got {value!r})")
        try:
            value.encode(charset)
        except UnicodeError as err:
            if not mime_encode:
                err.reason += ", HTTP response headers must be in %s format" % charset
                raise
            from email.header import Header

            value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
        return value

    def __setitem__(self, key, value):
        # Most names and values repeat from response to response
        # ("Content-Type", "nosniff"); one checked clean is remembered.
        lower = _clean_header_names.get(key) if type(key) is str else None
        if lower is None:
            if not (type(key) is str and key.isascii() and key.isprintable()):
                key = self._convert_to_charset(key, "ascii")
            lower = key.lower()
            if len(_clean_header_names) < 512:
                _clean_header_names[key] = lower
        if not (type(value) is str and value in _clean_header_values):
            if not (type(value) is str and value.isascii() and value.isprintable()):
                value = self._convert_to_charset(value, "latin-1", mime_encode=True)
            elif len(_clean_header_values) < 512:
                _clean_header_values[value] = None
        self._store[lower] = (key, value)

    def __delitem__(self, key):
        self.pop(key)

    def pop(self, key, default=None):
        return self._store.pop(key.lower(), (None, default))[1]

    def setdefault(self, key, value):
        if not (isinstance(key, str) and key.lower() in self._store):
            self[key] = value

    def get(self, key, default=None):
        # A dict lookup, not self[key] and a caught KeyError: middleware asks
        # for headers that are mostly absent (X-Frame-Options, Vary).
        item = self._store.get(key.lower())
        return default if item is None else item[1]


def _checked_header_items(pairs):
    """((lower-case name, (name, value)) ...) of (name, value) `pairs`,
    checked and converted as setting them on ResponseHeaders does: what
    _set_missing_headers() takes, built once (from settings, say)."""
    headers = ResponseHeaders()
    items = []
    for name, value in pairs:
        headers[name] = value
        lower = name.lower()
        items.append((lower, headers._store[lower]))
    return tuple(items)


def _set_missing_headers(headers, items):
    """headers.setdefault(name, value) for each of _checked_header_items():
    the names and values were checked once, so a ResponseHeaders takes
    them in its store directly."""
    if type(headers) is not ResponseHeaders:
        for _lower, (name, value) in items:
            headers.setdefault(name, value)
        return
    store = headers._store
    for lower, item in items:
        if lower not in store:
            store[lower] = item


#: Header names (-> their lower case) and values already checked clean
#: (str, ASCII, printable), so that setting them again costs a lookup.
_clean_header_names = {}
_clean_header_values = {}


#: Content-Type value -> its charset.  It starts with the default content
#: type's, so that a site's first response need not compile the pattern.
_charset_cache = {"text/html; charset=utf-8": "utf-8"}
_reason_phrases = {}  # status code -> its phrase (a dict read per response)

#: The reason phrases of the commonest statuses, as http.HTTPStatus gives
#: them in every supported Python (those it renamed, 413 and 422 in 3.13,
#: are left to it): a site's first responses need not import `http`, whose
#: HTTPStatus enum costs some 0.5 ms to build.
_COMMON_STATUS_PHRASES = {
    200: "OK", 201: "Created", 204: "No Content", 206: "Partial Content",
    301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 410: "Gone", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable",
}


def _status_phrase(status_code):
    """The standard reason phrase of `status_code`."""
    phrase = _COMMON_STATUS_PHRASES.get(status_code)
    if phrase is not None:
        return phrase
    # http.HTTPStatus holds the same phrases as http.client.responses;
    # http.client would load ssl, email and socket on the first response.
    from http import HTTPStatus

    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Unknown Status Code"


@_settings_derived
def _default_content_type():
    """The ("Content-Type", value) header item of a response given no
    content type, charset or headers, as _set_content_type() stores it."""
    headers = ResponseHeaders()
    headers["Content-Type"] = "text/html; charset=%s" % settings.DEFAULT_CHARSET
    return headers._store["content-type"]


@_settings_derived
def _default_response_parts():
    """(the default Content-Type header item, the charset a response with it
    encodes text in): what HttpResponse(text) stores, found by the general
    path once per change of settings."""
    return _default_content_type(), HttpResponseBase().charset


def _set_content_length(response):
    """response.headers["Content-Length"] = str(len(response.content)),
    unless the response has one: for an HttpResponse whose headers, content
    and has_header() are the base classes', stored directly (the name and
    a number need no check); any other goes the general way."""
    headers = response.headers
    if (type(headers) is ResponseHeaders
            and type(response).content is HttpResponse.content
            and type(response).has_header is HttpResponseBase.has_header):
        store = headers._store
        if "content-length" not in store:
            store["content-length"] = (
                "Content-Length", str(len(b"".join(response._container))))
    elif not response.has_header("Content-Length"):
        response.headers["Content-Length"] = str(len(response.content))


class HttpResponseBase:
    """What all responses share: status, headers, cookies, charset, close().

    Use HttpResponse or StreamingHttpResponse, not this class.
    """

    status_code = 200

    def __init__(self, content_type=None, status=None, reason=None, charset=None,
                 headers=None):
        self._charset = charset
        if headers is None and content_type is None and charset is None:
            # The common case: the default Content-Type, checked once per
            # change of settings (what the general path below sets).
            # (ResponseHeaders() holding that one item, without a call
            # to its __init__)
            headers = self.headers = ResponseHeaders.__new__(ResponseHeaders)
            headers._store = {"content-type": _default_content_type()}
        else:
            self._set_content_type(content_type, charset, headers)
        self._resource_closers = []
        self._handler_class = None
        self.closed = False
        if status is not None:
            try:
                self.status_code = int(status)
            except (ValueError, TypeError):
                raise TypeError("HTTP status code must be an integer.") from None
            if not 100 <= self.status_code <= 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        self._reason_phrase = reason

    def _set_content_type(self, content_type, charset, headers):
        """Build the headers and set Content-Type (the general path)."""
        self.headers = ResponseHeaders(headers)
        if not headers or "Content-Type" not in self.headers:
            if content_type is None:
                # What self.charset gives while there is no Content-Type.
                content_type = "text/html; charset=%s" % (
                    charset if charset is not None else settings.DEFAULT_CHARSET)
            self.headers["Content-Type"] = content_type
        elif content_type:
            raise ValueError(
                "'headers' must not contain 'Content-Type' when the "
                "'content_type' parameter is provided.")

    @cached_property
    def cookies(self):
        """The cookies to set: a SimpleCookie of name -> Morsel."""
        cookies = _simple_cookie_class()()
        # What set_cookie() kept aside until now, in the order it came.
        for key, (value, attributes) in self.__dict__.pop("_plain_cookies", {}).items():
            morsel = _fresh_morsel(cookies, key, value)
            if morsel is None:
                cookies[key] = value
                morsel = cookies[key]
            dict.update(morsel, attributes)
        return cookies

    def _set_cookie_headers(self):
        """The Set-Cookie header values of the cookies set: written from
        those set_cookie() kept aside while they are all plain ones (no
        http.cookies then), else from the SimpleCookie."""
        plain = self.__dict__.get("_plain_cookies")
        if plain is not None and "cookies" not in self.__dict__:
            headers = []
            for key, (value, attributes) in plain.items():  # (no comprehension)
                header = _remembered_set_cookie_header(key, value, attributes)
                if header is None:
                    break
                headers.append(header)
            else:
                return headers
        if "cookies" not in self.__dict__ and plain is None:
            return []
        return [morsel.OutputString() for morsel in self.cookies.values()]

    @property
    def reason_phrase(self):
        if self._reason_phrase is not None:
            return self._reason_phrase
        phrase = _reason_phrases.get(self.status_code)
        if phrase is None:
            phrase = _reason_phrases.setdefault(
                self.status_code, _status_phrase(self.status_code))
        return phrase

    @reason_phrase.setter
    def reason_phrase(self, value):
        self._reason_phrase = value

    @property
    def charset(self):
        if self._charset is not None:
            return self._charset
        content_type = self.headers._store.get("content-type", ("", ""))[1]
        if "charset" in content_type:
            charset = _charset_cache.get(content_type)
            if charset is None:
                matched = _re(r";\s*charset=(?P<charset>[^\s;]+)", 2).search(
                    content_type)
                if not matched:
                    return settings.DEFAULT_CHARSET
                charset = matched["charset"].replace('"', "")
                if len(_charset_cache) < 256:
                    _charset_cache[content_type] = charset
            return charset
        return settings.DEFAULT_CHARSET

    @charset.setter
    def charset(self, value):
        self._charset = value

    def serialize_headers(self):
        """Return the headers as bytes, one "Name: value" per line."""
        return b"\r\n".join(
            key.encode("ascii") + b": " + value.encode("latin-1")
            for key, value in self.headers.items())

    __bytes__ = serialize_headers

    @property
    def _content_type_for_repr(self):
        if "Content-Type" in self.headers:
            return ', "%s"' % self.headers["Content-Type"]
        return ""

    def __setitem__(self, header, value):
        self.headers[header] = value

    def __delitem__(self, header):
        del self.headers[header]

    def __getitem__(self, header):
        return self.headers[header]

    def has_header(self, header):
        """Case-insensitive check for a header."""
        return header in self.headers

    __contains__ = has_header

    def items(self):
        return self.headers.items()

    def get(self, header, alternate=None):
        return self.headers.get(header, alternate)

    def setdefault(self, key, value):
        """Set a header unless it is already set."""
        self.headers.setdefault(key, value)

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/",
                   domain=None, secure=False, httponly=False, samesite=None):
        """Set a cookie, with Django's attributes and formatting.

        `expires` is a datetime (turned into max_age) or an HTTP date string;
        `max_age` is seconds or a timedelta (an Expires date is added too).
        """

        plain = self.__dict__.get("_plain_cookies")
        if "cookies" not in self.__dict__ and (plain is None or key not in plain) \
                and type(value) is str and _plain_cookie(key, value):
            # Kept aside, its attributes as the Morsel would hold them, until
            # self.cookies is read (see _set_cookie_headers()).
            if plain is None:
                plain = self._plain_cookies = {}
            attributes = {}
            plain[key] = (value, attributes)
            put = attributes.__setitem__
        elif (morsel := _fresh_morsel(self.cookies, key, value)) is None:
            self.cookies[key] = value  # the general way
            put = self.cookies[key].__setitem__
        else:
            # A fresh plain Morsel: the names below are its own (reserved,
            # lowercase), which Morsel.__setitem__ would check and accept.
            put = dict.__setitem__.__get__(morsel)
        if expires is not None:
            if isinstance(expires, datetime.datetime):
                if expires.utcoffset() is None:
                    expires = expires.replace(tzinfo=datetime.timezone.utc)
                delta = expires - datetime.datetime.now(tz=datetime.timezone.utc)
                # one second more, as the conversion loses a fraction of one
                delta += datetime.timedelta(seconds=1)
                expires = None
                if max_age is not None:
                    raise ValueError("'expires' and 'max_age' can't be used together.")
                max_age = max(0, delta.days * 86400 + delta.seconds)
            else:
                put("expires", expires)
        else:
            put("expires", "")
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            put("max-age", int(max_age))
            if not expires:  # old browsers know only Expires
                put("expires", http_date(time.time() + max_age))
        if path is not None:
            put("path", path)
        if domain is not None:
            put("domain", domain)
        if secure:
            put("secure", True)
        if httponly:
            put("httponly", True)
        if samesite:
            if samesite.lower() not in ("lax", "none", "strict"):
                raise ValueError('samesite must be "lax", "none", or "strict".')
            put("samesite", samesite)

    def set_signed_cookie(self, key, value, salt="", **kwargs):
        """Set a cookie whose value is signed (read it with get_signed_cookie)."""
        signer = get_cookie_signer(salt=_cookie_signer_salt(key, salt))
        value = signer.sign(value)
        return self.set_cookie(key, value, **kwargs)

    def delete_cookie(self, key, path="/", domain=None, samesite=None):
        """Tell the browser to drop a cookie (an expired empty one)."""
        # Browsers ignore a cookie without the secure flag if its name has the
        # __Secure-/__Host- prefix or its samesite is "none".
        secure = key.startswith(("__Secure-", "__Host-")) or bool(
            samesite and samesite.lower() == "none")
        self.set_cookie(key, max_age=0, path=path, domain=domain, secure=secure,
                        expires="Thu, 01 Jan 1970 00:00:00 GMT", samesite=samesite)

    def make_bytes(self, value):
        """Return `value` as bytes in the response's charset."""
        if isinstance(value, (bytes, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            return value.encode(self.charset)
        return str(value).encode(self.charset)

    def close(self):
        """Release resources and send request_finished (the server calls this)."""
        for closer in self._resource_closers:
            try:
                closer()
            except Exception:
                pass
        self._resource_closers.clear()
        self.closed = True
        # (send(), its answers unread)
        request_finished._notify(self._handler_class, {})

    def write(self, content):
        raise OSError("This %s instance is not writable" % type(self).__name__)

    def flush(self):
        pass

    def tell(self):
        raise OSError("This %s instance cannot tell its position" % type(self).__name__)

    def readable(self):
        return False

    def seekable(self):
        return False

    def writable(self):
        return False

    def writelines(self, lines):
        raise OSError("This %s instance is not writable" % type(self).__name__)


class HttpResponse(HttpResponseBase):
    """A response whose content is held in memory.

        HttpResponse("<p>Hi</p>")                       # text/html, 200
        HttpResponse("nope", status=404, content_type="text/plain")

    It is also a writable file-like object: response.write("more").
    """

    streaming = False
    non_picklable_attrs = frozenset(["resolver_match", "client", "request",
                                     "templates", "wsgi_request", "context"])

    def __init__(self, content=b"", *args, **kwargs):
        if (type(self) is HttpResponse and (not args or args == (None, None))
                and not kwargs and (type(content) is str or type(content) is bytes
                                    or isinstance(content, str))):
            # HttpResponse("text"), a view's commonest answer, or render()'s
            # HttpResponse(SafeString, None, None): what the general path
            # below stores (a str, of any class, encoded; bytes as they
            # are), from the default Content-Type and its charset found
            # once per change of settings, in one frame.
            item, charset = _default_response_parts()
            headers = self.headers = ResponseHeaders.__new__(ResponseHeaders)
            headers._store = {"content-type": item}
            self._charset = self._reason_phrase = self._handler_class = None
            self._resource_closers = []
            self.closed = False
            self._container = [
                content if type(content) is bytes else content.encode(charset)]
            return
        super().__init__(*args, **kwargs)
        self.content = content

    def __repr__(self):
        return "<%s status_code=%d%s>" % (
            type(self).__name__, self.status_code, self._content_type_for_repr)

    def serialize(self):
        """Return the whole HTTP message (headers and body) as bytes."""
        return self.serialize_headers() + b"\r\n\r\n" + self.content

    __bytes__ = serialize

    @property
    def content(self):
        return b"".join(self._container)

    @content.setter
    def content(self, value):
        if _plain_content(self, value):
            self._container = [
                value if type(value) is bytes else value.encode(self.charset)]
            return
        if hasattr(value, "__iter__") and not isinstance(
                value, (bytes, memoryview, str)):
            content = b"".join(self.make_bytes(chunk) for chunk in value)
            if hasattr(value, "close"):
                try:
                    value.close()
                except Exception:
                    pass
        else:
            content = self.make_bytes(value)
        self._container = [content]

    @property
    def text(self):
        """The content decoded with the response's charset."""
        return self.content.decode(self.charset or "utf-8")

    def __iter__(self):
        return iter(self._container)

    def write(self, content):
        self._container.append(self.make_bytes(content))

    def tell(self):
        return len(self.content)

    def getvalue(self):
        return self.content

    def writable(self):
        return True

    def writelines(self, lines):
        for line in lines:
            self.write(line)


def _plain_content(response, value):
    """Whether `value` is str or bytes for a response whose make_bytes() is
    HttpResponseBase's, so that the content setter can store what
    make_bytes() would return (the value itself, or it encoded) directly."""
    return (type(value) is bytes or type(value) is str) and (
        type(response).make_bytes is HttpResponseBase.make_bytes)


class HttpResponseRedirectBase(HttpResponse):
    """A redirect; refuses schemes other than http, https and ftp, and targets
    with control characters, with DisallowedRedirect (a 400)."""

    allowed_schemes = ["http", "https", "ftp"]

    def __init__(self, redirect_to, preserve_request=False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = str(redirect_to)
        if any(ord(c) < 32 or ord(c) == 127 for c in target):
            raise DisallowedRedirect(
                "Unsafe redirect to URL with a control character (CR, LF, ...): %r"
                % target[:100])
        if len(target) > MAX_URL_REDIRECT_LENGTH:
            raise DisallowedRedirect(
                f"Unsafe redirect exceeding {MAX_URL_REDIRECT_LENGTH} characters")
        self["Location"] = iri_to_uri(target)
        parsed = urllib.parse.urlsplit(target)
        if preserve_request:
            self.status_code = self.status_code_preserve_request
        if parsed.scheme and parsed.scheme not in self.allowed_schemes:
            raise DisallowedRedirect(
                "Unsafe redirect to URL with protocol '%s'" % parsed.scheme)

    url = property(lambda self: self["Location"])

    def __repr__(self):
        return '<%s status_code=%d%s, url="%s">' % (
            type(self).__name__, self.status_code, self._content_type_for_repr,
            self.url)


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302
    status_code_preserve_request = 307


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301
    status_code_preserve_request = 308


class JsonResponse(HttpResponse):
    """A response holding `data` as JSON (application/json).

    Only dicts are accepted unless safe=False; `encoder` defaults to
    DjangoJSONEncoder (dates, decimals, UUIDs, lazy strings).
    """

    def __init__(self, data, encoder=None, safe=True, json_dumps_params=None,
                 **kwargs):
        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the "
                "safe parameter to False.")
        if json_dumps_params is None:
            json_dumps_params = {}
        kwargs.setdefault("content_type", "application/json")
        encoder = encoder or _package().DjangoJSONEncoder
        data = json.dumps(data, cls=encoder, **json_dumps_params)
        super().__init__(content=data, **kwargs)
