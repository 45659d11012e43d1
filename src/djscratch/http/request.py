"""HttpRequest, WSGIRequest and QueryDict (django/http/request.py):
a lazy view over the WSGI environ, parsed on first access.
"""

import codecs
import collections.abc
import io
import urllib.parse

from djscratch.sections import _methods_on_first_use
from djscratch.utils.functional import cached_property
from djscratch.utils.regex_helper import _re
from djscratch.utils.encoding import (
    repercent_broken_unicode,
)
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import (
    BadRequest, DisallowedHost, TooManyFieldsSent,
)
from djscratch.conf import _settings_derived, settings
from djscratch.utils.http import is_same_domain, parse_header_parameters
from djscratch.http.cookie import parse_cookie
from djscratch.core.files.uploadhandler import load_handler

__all__ = [
    "HttpRequest", "WSGIRequest", "QueryDict", "HttpHeaders", "RawPostDataException",
    "UnreadablePostError",
]


RAISE_ERROR = object()  #: "no default given" marker of get_signed_cookie()


class RawPostDataException(Exception):
    """request.body was read after the body stream had been consumed."""


class UnreadablePostError(OSError):
    """The client went away while the body was being read."""


# -- Form data: QueryDict, and the strict decoder the request uses for input.


# The methods a plain page never runs are in request_extra.py, defined on first
# use.
@_methods_on_first_use("_QueryDictMore", (
    "_assert_mutable", "copy", "fromkeys", "urlencode",
))
class QueryDict(MultiValueDict):
    """A MultiValueDict of a query string or form body: request.GET/POST.

    Immutable unless created with mutable=True; copy() gives a mutable copy.
    Keys and values are str, decoded with `encoding` (DEFAULT_CHARSET).
    """

    _mutable = True
    _encoding = None

    def __init__(self, query_string=None, mutable=False, encoding=None):
        super().__init__()
        self.encoding = encoding or settings.DEFAULT_CHARSET
        query_string = query_string or ""
        if query_string:
            if isinstance(query_string, bytes):
                try:
                    query_string = query_string.decode(self.encoding)
                except UnicodeDecodeError:
                    query_string = query_string.decode("iso-8859-1")
            try:
                pairs = urllib.parse.parse_qsl(
                    query_string, keep_blank_values=True, encoding=self.encoding,
                    max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
            except ValueError as err:
                raise TooManyFieldsSent(_TOO_MANY_FIELDS) from err
            for key, value in pairs:
                self.appendlist(key, value)
        self._mutable = mutable

    @property
    def encoding(self):
        if self._encoding is None:
            self._encoding = settings.DEFAULT_CHARSET
        return self._encoding

    @encoding.setter
    def encoding(self, value):
        self._encoding = value

    def __setitem__(self, key, value):
        self._assert_mutable()
        super().__setitem__(_bytes_to_text(key, self.encoding),
                            _bytes_to_text(value, self.encoding))

    def __delitem__(self, key):
        self._assert_mutable()
        super().__delitem__(key)

    def __copy__(self):
        result = self.__class__("", mutable=True, encoding=self.encoding)
        for key, value in self.lists():
            result.setlist(key, value)
        return result

    def __deepcopy__(self, memo):
        import copy

        result = self.__class__("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, value in self.lists():
            result.setlist(copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def setlist(self, key, list_):
        self._assert_mutable()
        key = _bytes_to_text(key, self.encoding)
        super().setlist(key, [_bytes_to_text(v, self.encoding) for v in list_])

    def setlistdefault(self, key, default_list=None):
        self._assert_mutable()
        return super().setlistdefault(key, default_list)

    def appendlist(self, key, value):
        self._assert_mutable()
        super().appendlist(_bytes_to_text(key, self.encoding),
                           _bytes_to_text(value, self.encoding))

    def pop(self, key, *args):
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self):
        self._assert_mutable()
        return super().popitem()

    def clear(self):
        self._assert_mutable()
        super().clear()

    def setdefault(self, key, default=None):
        self._assert_mutable()
        key = _bytes_to_text(key, self.encoding)
        default = _bytes_to_text(default, self.encoding)
        return super().setdefault(key, default)

    def update(self, *args, **kwargs):
        self._assert_mutable()
        super().update(*args, **kwargs)


def _bytes_to_text(s, encoding):
    """Decode bytes with `encoding` (replacing errors); leave other values."""
    if isinstance(s, bytes):
        return str(s, encoding, "replace")
    return s


_TOO_MANY_FIELDS = ("The number of GET/POST parameters exceeded "
                    "settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.")


def _parse_form_strict(data, encoding, what):
    """Decode urlencoded `data` (bytes) into a QueryDict, refusing bad input.

    Unlike the lenient QueryDict(), malformed percent-escapes and text that is
    not valid `encoding` raise BadRequest naming `what` ("query string",
    "form data"); more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields raises
    TooManyFieldsSent.
    """
    result = QueryDict(mutable=True, encoding=encoding)
    if not data:
        result._mutable = False
        return result
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if max_fields is not None and data.count(b"&") + 1 > max_fields:
        raise TooManyFieldsSent(_TOO_MANY_FIELDS)
    bad_escape = _re(rb"%(?![0-9A-Fa-f]{2})")
    append = super(QueryDict, result).appendlist
    for field in data.split(b"&"):
        if not field:
            continue
        decoded = []
        for part in field.split(b"=", 1):
            part = part.replace(b"+", b" ")
            if b"%" in part:
                if bad_escape.search(part):
                    raise BadRequest(
                        "Malformed percent-encoding in the %s: %r." % (
                            what, part[:40].decode("latin-1")))
                part = urllib.parse.unquote_to_bytes(part)
            try:
                decoded.append(part.decode(encoding))
            except UnicodeDecodeError:
                raise BadRequest(
                    "The %s is not valid %s: %r." % (what, encoding, part[:40])
                ) from None
            except LookupError:
                raise BadRequest(
                    "Unknown charset %r in the request." % encoding) from None
        if len(decoded) == 1:
            decoded.append("")
        append(decoded[0], decoded[1])
    result._mutable = False
    return result


# -- Headers and cookies.


class CaseInsensitiveMapping(collections.abc.Mapping):
    """A read-only mapping whose keys compare without regard to case, keeping
    the spelling they were given (django.utils.datastructures)."""

    def __init__(self, data=()):
        self._store = {k.lower(): (k, v) for k, v in self._unpack_items(data)}

    @staticmethod
    def _unpack_items(data):
        if hasattr(data, "items"):
            yield from data.items()
            return
        for i, item in enumerate(data):
            if len(item) != 2:
                raise ValueError(
                    f"dictionary update sequence element #{i} has length "
                    f"{len(item)}; 2 is required.")
            if not isinstance(item[0], str):
                raise ValueError(
                    "Element key %r invalid, only strings are allowed" % (item[0],))
            yield item

    def __getitem__(self, key):
        return self._store[key.lower()][1]

    def __len__(self):
        return len(self._store)

    def __iter__(self):
        return (original for original, _value in self._store.values())

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._store

    def __eq__(self, other):
        if not isinstance(other, collections.abc.Mapping):
            return False
        return {k.lower(): v for k, v in self.items()} == {
            k.lower(): v for k, v in other.items()}

    def __repr__(self):
        return repr(dict(self.items()))

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self):
        return list(self)

    def items(self):
        return list(self._store.values())  # the (name, value) pairs as stored

    def values(self):
        return [v for _k, v in self._store.values()]

    def copy(self):
        return self


class HttpHeaders(CaseInsensitiveMapping):
    """request.headers: the HTTP headers of a WSGI environ, by their HTTP
    names, any case ("Content-Type", "user-agent"); "_" also matches "-"."""

    HTTP_PREFIX = "HTTP_"
    UNPREFIXED_HEADERS = {"CONTENT_TYPE", "CONTENT_LENGTH"}

    def __init__(self, environ):
        headers = {}
        for header, value in environ.items():
            name = self.parse_header_name(header)
            if name:
                headers[name] = value
        super().__init__(headers)

    def __getitem__(self, key):
        return super().__getitem__(key.replace("_", "-"))

    def __contains__(self, key):
        return super().__contains__(key.replace("_", "-"))

    @classmethod
    def parse_header_name(cls, header):
        """Return the HTTP name of a WSGI environ key, or None if not a header."""
        if header.startswith(cls.HTTP_PREFIX):
            header = header[len(cls.HTTP_PREFIX):]
        elif header not in cls.UNPREFIXED_HEADERS:
            return None
        return header.replace("_", "-").title()

    @classmethod
    def to_wsgi_name(cls, header):
        """Return the WSGI environ key of an HTTP header name."""
        header = header.replace("-", "_").upper()
        if header in cls.UNPREFIXED_HEADERS:
            return header
        return f"{cls.HTTP_PREFIX}{header}"

    @classmethod
    def to_wsgi_names(cls, headers):
        return {cls.to_wsgi_name(name): value for name, value in headers.items()}

    @classmethod
    def to_asgi_name(cls, header):
        """Return the name AsyncRequestFactory takes for an HTTP header."""
        return header.replace("-", "_").upper()

    @classmethod
    def to_asgi_names(cls, headers):
        return {cls.to_asgi_name(name): value for name, value in headers.items()}


# -- The request.


class _PromisedAttribute:
    """A request attribute that a middleware promises and that is built on
    first use (request.session, request.user, request.auser,
    request._messages).

    The middleware stores a factory under `_promised_<name>`; the first
    read calls factory(request) and keeps the value in the instance
    __dict__, where later reads find it without this descriptor (it
    defines only __get__).  Without the promise the attribute is missing,
    as it is in Django without the middleware.  A request that never looks
    builds nothing, so it makes no reference cycle (request -> lazy user ->
    request) and is freed as soon as the response is sent.
    """

    def __init__(self, name):
        self.name = name
        self.promise = "_promised_" + name

    def __get__(self, request, cls=None):
        if request is None:
            return self
        try:
            factory = request.__dict__[self.promise]
        except KeyError:
            raise AttributeError("%r object has no attribute %r" % (
                type(request).__name__, self.name)) from None
        value = request.__dict__[self.name] = factory(request)
        return value


def _promise_attribute(request, name, factory):
    """Make request.<name> factory(request), built on first use (see
    _PromisedAttribute); a value already set is replaced, as assigning
    it would.  An object that is not an HttpRequest (a stand-in in a
    test) gets the value now."""
    if not isinstance(request, HttpRequest):
        setattr(request, name, factory(request))
        return
    request.__dict__.pop(name, None)
    request.__dict__["_promised_" + name] = factory


def _has_attribute(request, name):
    """hasattr(request, name), without building a promised attribute."""
    d = getattr(request, "__dict__", None)
    if d is not None and ("_promised_" + name) in d:
        return True
    return hasattr(request, name)


def _promised_unbuilt(request, name):
    """Whether request.<name> is promised and not yet built (nobody read
    it, nobody set it)."""
    d = getattr(request, "__dict__", None)
    return d is not None and name not in d and ("_promised_" + name) in d


# The methods a plain page never runs are in request_extra.py, defined on first
# use.
@_methods_on_first_use("_HttpRequestMore", (
    "_get_full_path", "_get_raw_host", "_get_scheme", "_load_post_and_files",
    "_mark_post_parse_error", "accepted_type", "accepts", "body",
    "build_absolute_uri", "get_full_path", "get_full_path_info", "get_port",
    "get_preferred_type", "get_signed_cookie", "is_secure", "parse_file_upload",
    "read", "readline", "readlines", "scheme",
))
class HttpRequest:
    """An HTTP request: what a view receives.

    Built by the handler (WSGIRequest) or by hand in tests.  Attributes are
    Django's: method, path, path_info, GET, POST, COOKIES, FILES, META,
    headers, body, content_type, content_params, encoding, resolver_match.
    """

    _encoding = None
    _input_error = None  # a BadRequest found while reading the environ
    # Set by the auth and messages middleware, built when first read.
    session = _PromisedAttribute("session")
    user = _PromisedAttribute("user")
    auser = _PromisedAttribute("auser")
    _messages = _PromisedAttribute("_messages")

    def __init__(self):
        self.GET = QueryDict(mutable=True)
        self.POST = QueryDict(mutable=True)
        self.COOKIES = {}
        self.META = {}
        self.FILES = MultiValueDict()
        self.path = ""
        self.path_info = ""
        self.method = None
        self.resolver_match = None
        self.content_type = None
        self.content_params = None

    def __repr__(self):
        if self.method is None or not self.get_full_path():
            return "<%s>" % type(self).__name__
        return "<%s: %s %r>" % (type(self).__name__, self.method, self.get_full_path())

    @cached_property
    def headers(self):
        return HttpHeaders(self.META)

    @cached_property
    def accepted_types(self):
        """The MediaTypes of the Accept header, most preferred (quality) first;
        those with q=0 left out."""
        header = self.headers.get("Accept", "*/*")
        return sorted(
            (media_type for token in header.split(",")
             if token.strip() and (media_type := MediaType(token)).quality != 0),
            key=lambda m: (m.quality, m.specificity), reverse=True)

    @cached_property
    def accepted_types_by_precedence(self):
        """accepted_types, the most specific first."""
        return sorted(self.accepted_types, key=lambda m: (m.specificity, m.quality),
                      reverse=True)

    def _set_content_type_params(self, meta):
        self.content_type, self.content_params = parse_header_parameters(
            meta.get("CONTENT_TYPE", ""))
        if "charset" in self.content_params:
            try:
                codecs.lookup(self.content_params["charset"])
            except LookupError:
                pass
            else:
                self.encoding = self.content_params["charset"]

    def get_host(self):
        """Return the host (and port) the client asked for, checked against
        ALLOWED_HOSTS; raise DisallowedHost if it is not allowed.

        With DEBUG and an empty ALLOWED_HOSTS, localhost, 127.0.0.1 and [::1]
        are allowed.  ".example.com" allows the domain and its subdomains;
        "*" allows any host.
        """
        meta = self.META
        if "HTTP_HOST" in meta and not settings.USE_X_FORWARDED_HOST:
            host = meta["HTTP_HOST"]  # what _get_raw_host() gives, one call less
        else:
            host = self._get_raw_host()
        allowed_hosts = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed_hosts:
            allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
        memo = _allowed_host_memo
        if memo[0] == host and memo[1] == allowed_hosts:
            return host  # the host allowed last, by a list with the same items
        # Keyed by the list's items, so that a list changed in place counts.
        if _host_is_allowed(host, tuple(allowed_hosts)):
            _remember_allowed_host(host, allowed_hosts)
            return host
        domain, _port = split_domain_port(host)
        msg = "Invalid HTTP_HOST header: %r." % host
        if domain:
            msg += " You may need to add %r to ALLOWED_HOSTS." % domain
        else:
            msg += " The domain name provided is not valid according to RFC 1034/1035."
        raise DisallowedHost(msg)

    @cached_property
    def _current_scheme_host(self):
        return "{}://{}".format(self.scheme, self.get_host())

    @property
    def encoding(self):
        return self._encoding

    @encoding.setter
    def encoding(self, val):
        """Set the charset of GET/POST; they are parsed again on next access."""
        self._encoding = val
        self.__dict__.pop("GET", None)
        self.__dict__.pop("_post", None)

    _upload_handlers = ()

    @property
    def upload_handlers(self):
        """The handlers uploaded files stream through (FILE_UPLOAD_HANDLERS
        unless set); a list to change until the body is parsed."""
        if not self._upload_handlers:
            self._upload_handlers = [
                load_handler(path, self) for path in settings.FILE_UPLOAD_HANDLERS]
        return self._upload_handlers

    @upload_handlers.setter
    def upload_handlers(self, upload_handlers):
        if "_files" in self.__dict__:
            raise AttributeError("You cannot set the upload handlers after the "
                                 "upload has been processed.")
        self._upload_handlers = upload_handlers

    _content_length = 0
    _read_started = False

    def close(self):
        """Close uploaded files (the handler calls this after the response)."""
        files = self.__dict__.get("_files")
        if files:
            for _key, uploads in files.lists():
                for upload in uploads:
                    upload.close()

    def __iter__(self):
        return iter(self.readline, b"")


def split_domain_port(host):
    """Return (domain, port) of a Host header value; domain is "" if invalid."""
    host = host.lower()
    plain = _split_plain_host(host)
    if plain is not None:
        return plain
    return _split_host_by_pattern(host)


_HOST_NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _split_plain_host(host):
    """split_domain_port() of a lower-case `host` that is a name or an IPv4
    address, with or without a port ("localhost", "127.0.0.1:8000"), without
    the pattern (the first request need not compile it); None for any other
    value, which _split_host_by_pattern() decides."""
    name, colon, port = host.partition(":")
    if name and _HOST_NAME_CHARACTERS.issuperset(name) and (
            not colon or port.isascii() and port.isdigit()):
        return name.removesuffix("."), port
    return None


def _split_host_by_pattern(host):
    """split_domain_port() of a lower-case `host`, the general way."""
    m = _re(r"^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$").fullmatch(
        host)
    if m:
        domain, port = m.groups(default="")
        return domain.removesuffix("."), port
    return "", ""


#: (host, a copy of the ALLOWED_HOSTS list) of the host allowed last: the
#: next request, mostly for the same host, compares two short lists instead
#: of building and hashing a tuple (see HttpRequest.get_host()).
_allowed_host_memo = (None, None)


def _remember_allowed_host(host, allowed_hosts):
    """Remember `host` as allowed by a list equal to `allowed_hosts` (a
    list; a tuple or other sequence is not remembered: it never compares
    equal to the copy)."""
    global _allowed_host_memo
    if type(allowed_hosts) is list:
        _allowed_host_memo = (host, list(allowed_hosts))


@_settings_derived
def _host_is_allowed(host, allowed_hosts):
    """Whether the Host header value `host` names a domain of `allowed_hosts`;
    remembered, as a request asks more than once (and clients repeat)."""
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed_hosts)


def validate_host(host, allowed_hosts):
    """Return True if `host` matches a pattern of `allowed_hosts`."""
    return any(pattern == "*" or is_same_domain(host, pattern)
               for pattern in allowed_hosts)


class MediaType:
    """One media range of an Accept header: "text/html; q=0.8"."""

    def __init__(self, media_type_raw_line):
        full_type, self.params = parse_header_parameters(media_type_raw_line or "")
        self.main_type, _, self.sub_type = full_type.partition("/")

    def __str__(self):
        params = "".join("; %s=%s" % item for item in self.params.items())
        sub_type = "/%s" % self.sub_type if self.sub_type else ""
        return "%s%s%s" % (self.main_type, sub_type, params)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__qualname__, self)

    @cached_property
    def range_params(self):
        """The parameters other than q."""
        params = self.params.copy()
        params.pop("q", None)
        return params

    def match(self, other):
        """Whether `other` (a MediaType or its text) falls in this range."""
        if not other:
            return False
        if not isinstance(other, MediaType):
            other = MediaType(other)
        pairs = ((self.main_type, other.main_type), (self.sub_type, other.sub_type))
        if not all(value for pair in pairs for value in pair):
            return False
        for mine, theirs in pairs:
            if mine != theirs and "*" not in (mine, theirs):
                return False
        if bool(self.range_params) == bool(other.range_params):
            return self.range_params == other.range_params
        return bool(self.range_params or not other.range_params)

    @cached_property
    def quality(self):
        """The q parameter, between 0 and 1 (1 when absent or invalid)."""
        try:
            quality = float(self.params.get("q", 1))
        except ValueError:
            return 1
        if quality < 0 or quality > 1:
            return 1
        return round(quality, 3)

    @property
    def specificity(self):
        """0 for */*, 1 for type/*, 2 for type/subtype, 3 with parameters."""
        if self.main_type == "*":
            return 0
        if self.sub_type == "*":
            return 1
        return 3 if self.range_params else 2


class LimitedStream(io.IOBase):
    """Read at most `limit` bytes from a WSGI input (never waiting for EOF)."""

    def __init__(self, stream, limit):
        self._read = stream.read
        self._readline = stream.readline
        self._pos = 0
        self.limit = limit

    def read(self, size=-1, /):
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        data = self._read(size)
        self._pos += len(data)
        return data

    def readline(self, size=-1, /):
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        line = self._readline(size)
        self._pos += len(line)
        return line


_LimitedStream = LimitedStream


#: The stream of every request without a body: _LimitedStream with a limit
#: of 0 reads nothing and keeps no state, so one serves them all.
_NO_BODY = _LimitedStream(io.BytesIO(), 0)


def _decoded_path_info(path_info):
    """(the text, a BadRequest or None) of a WSGI PATH_INFO: the bytes it
    carries as latin-1 (PEP 3333) decoded as UTF-8; bytes that are not
    UTF-8 are percent-escaped and refused."""
    try:
        raw = path_info.encode("latin-1")
    except UnicodeEncodeError:
        raw = path_info.encode("utf-8", "surrogateescape")
    if raw.isascii():
        return (path_info if type(path_info) is str else str(path_info)), None
    try:
        return raw.decode(), None
    except UnicodeDecodeError:
        return repercent_broken_unicode(raw).decode(), BadRequest(
            "The request path is not valid UTF-8.")


def _joined_path(script_name, path_info):
    """request.path: SCRIPT_NAME ends without "/", PATH_INFO starts with
    one; joined.  Without a script name, a PATH_INFO starting with "/" is
    the path itself."""
    if not script_name and path_info[:1] == "/":
        return path_info  # what the join below gives
    return "%s/%s" % (script_name.rstrip("/"), path_info.replace("/", "", 1))


class WSGIRequest(HttpRequest):
    """The request built from a WSGI environ; everything is parsed lazily."""

    def __init__(self, environ):
        script_name = get_script_name(environ)
        path_info = environ.get("PATH_INFO", "") or "/"
        if not (type(path_info) is str and path_info.isascii()):
            # (an ASCII str is what the decoding gives back unchanged)
            path_info, error = _decoded_path_info(path_info)
            if error is not None:
                self._input_error = error
        if "\x00" in path_info:
            self._input_error = BadRequest("The request path contains a NUL byte.")
            path_info = path_info.replace("\x00", "%00")
        self.environ = environ
        self.path_info = path_info
        self.path = (path_info if not script_name and path_info[:1] == "/"
                     else _joined_path(script_name, path_info))  # (its fast case)
        self.META = environ
        self.META["PATH_INFO"] = path_info
        self.META["SCRIPT_NAME"] = script_name
        self.method = environ["REQUEST_METHOD"].upper()
        # content type and charset are parsed only when first asked for
        content_length = environ.get("CONTENT_LENGTH")
        if content_length:
            try:
                length = int(content_length)
                if length < 0:
                    raise ValueError
            except ValueError:
                length = 0
                self._input_error = BadRequest(
                    "Invalid Content-Length header: %r." % content_length[:40])
        else:
            length = 0
        self._content_length = length
        stream = environ["wsgi.input"]
        # Without a body nothing is ever read: one shared empty stream.
        self._stream = _LimitedStream(stream, length) if length else _NO_BODY
        self.resolver_match = None

    @cached_property
    def content_type(self):
        self._set_content_type_params(self.environ)
        return self.__dict__["content_type"]

    @cached_property
    def content_params(self):
        self._set_content_type_params(self.environ)
        return self.__dict__["content_params"]

    @property
    def encoding(self):
        # (no CONTENT_TYPE, as on most GETs: its parse sets no charset, and
        # content_type and content_params parse it when first read)
        if "content_type" not in self.__dict__ and self.environ.get("CONTENT_TYPE"):
            self._set_content_type_params(self.environ)
        return self._encoding

    @encoding.setter
    def encoding(self, val):
        self._encoding = val
        self.__dict__.pop("GET", None)
        self.__dict__.pop("_post", None)

    def _get_scheme(self):
        return self.environ.get("wsgi.url_scheme")

    @cached_property
    def GET(self):
        # Read leniently, as Django does: a stray "%" stays as typed and bad
        # UTF-8 becomes U+FFFD, so one junk tracking parameter never turns a
        # page into a 400 (the form body and the path stay strict).
        raw = self.environ.get("QUERY_STRING", "")
        raw = raw.encode("latin-1", "replace") if raw else b""
        return QueryDict(raw, encoding=self.encoding)

    @property
    def POST(self):
        if not hasattr(self, "_post"):
            self._load_post_and_files()
        return self._post

    @POST.setter
    def POST(self, post):
        self._post = post

    @property
    def FILES(self):
        if not hasattr(self, "_files"):
            self._load_post_and_files()
        return self._files

    @FILES.setter
    def FILES(self, files):
        self._files = files

    @cached_property
    def COOKIES(self):
        raw = self.environ.get("HTTP_COOKIE", "")
        if raw and not raw.isascii():
            raw = raw.encode("latin-1", "replace").decode("utf-8", "replace")
        return parse_cookie(raw) if raw else {}  # what parse_cookie("") gives


def get_script_name(environ):
    """Return the mount point of the app (SCRIPT_NAME or FORCE_SCRIPT_NAME).

    Behind Apache's mod_rewrite, the script name as the client saw it: the
    original URL (SCRIPT_URL or REDIRECT_URL) less PATH_INFO.
    """
    if settings.FORCE_SCRIPT_NAME is not None:
        return settings.FORCE_SCRIPT_NAME
    script_url = (environ.get("SCRIPT_URL", "") or environ.get("REDIRECT_URL", "")) \
        if "SCRIPT_URL" in environ or "REDIRECT_URL" in environ else ""
    if script_url:
        if "//" in script_url:  # mod_wsgi squashes slashes in PATH_INFO too
            import re

            script_url = re.sub("/+", "/", script_url)
        script_name = script_url.removesuffix(environ.get("PATH_INFO", ""))
    else:
        script_name = environ.get("SCRIPT_NAME", "")
    if not script_name.isascii():
        script_name = script_name.encode("latin-1", "replace").decode(
            "utf-8", "replace")
    return script_name
