"""HttpRequest's methods a plain page's first response never runs: the
single file keeps them in a section, and HttpRequest defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import urllib.parse

from djscratch.utils.encoding import escape_uri_path, iri_to_uri
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import (
    BadRequest, ImproperlyConfigured, RequestDataTooBig, SuspiciousOperation,
)
from djscratch.conf import settings
from djscratch.core.signing import _unsign_cookie, BadSignature
from djscratch.utils.datastructures import ImmutableList
from djscratch.http.multipartparser import MultiPartParser, MultiPartParserError
from djscratch.http.request import (
    MediaType, QueryDict, RAISE_ERROR, RawPostDataException, UnreadablePostError,
    _parse_form_strict,
)


class _HttpRequestMore:
    """HttpRequest's methods defined on first use (never instantiated)."""

    def accepted_type(self, media_type):
        """The accepted MediaType that best matches `media_type`, or None."""
        media_type = MediaType(media_type)
        return next((accepted for accepted in self.accepted_types_by_precedence
                     if media_type.match(accepted)), None)

    def get_preferred_type(self, media_types):
        """Of `media_types`, the one the client prefers (None: none accepted)."""
        if not media_types or not self.accepted_types:
            return None
        desired = [(accepted, media_type) for media_type in media_types
                   if (accepted := self.accepted_type(media_type)) is not None]
        if not desired:
            return None
        return min(desired, key=lambda pair: self.accepted_types.index(pair[0]))[1]

    def accepts(self, media_type):
        """Return True if the Accept header allows `media_type` ("text/html")."""
        return self.accepted_type(media_type) is not None

    def _get_raw_host(self):
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in self.META:
            return self.META["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in self.META:
            return self.META["HTTP_HOST"]
        host = self.META["SERVER_NAME"]
        server_port = self.get_port()
        if server_port != ("443" if self.is_secure() else "80"):
            host = "%s:%s" % (host, server_port)
        return host

    def get_port(self):
        """Return the port the request came to, as a str."""
        if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in self.META:
            port = self.META["HTTP_X_FORWARDED_PORT"]
        else:
            port = self.META["SERVER_PORT"]
        return str(port)

    def get_full_path(self, force_append_slash=False):
        """Return the path with the query string ("/a/b/?x=1")."""
        return self._get_full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash=False):
        return self._get_full_path(self.path_info, force_append_slash)

    def _get_full_path(self, path, force_append_slash):
        query = self.META.get("QUERY_STRING", "")
        return "%s%s%s" % (
            escape_uri_path(path),
            "/" if force_append_slash and not path.endswith("/") else "",
            ("?" + iri_to_uri(query)) if query else "",
        )

    def get_signed_cookie(self, key, default=RAISE_ERROR, salt="", max_age=None):
        """Return a cookie set with set_signed_cookie(), if its signature holds.

        A missing or tampered cookie returns `default`, or raises KeyError /
        BadSignature when no default is given.
        """
        try:
            cookie_value = self.COOKIES[key]
        except KeyError:
            if default is not RAISE_ERROR:
                return default
            raise
        try:
            return _unsign_cookie(cookie_value, cookie_name=key, salt=salt,
                                  max_age=max_age)
        except BadSignature:
            if default is not RAISE_ERROR:
                return default
            raise

    def build_absolute_uri(self, location=None):
        """Return the absolute URI of `location` (default: this request's URL)."""
        if location is None:
            # This request's own URL keeps its dot segments ("/a/../b/"), as in
            # Django 5.2.20: cache keys built from it must not collide with
            # the normalised path's ("/b/").
            return iri_to_uri(self._current_scheme_host + self.get_full_path())
        location = str(location)
        bits = urllib.parse.urlsplit(location)
        if not (bits.scheme and bits.netloc):
            if (bits.path.startswith("/") and not bits.scheme and not bits.netloc
                    and "/./" not in bits.path and "/../" not in bits.path):
                # A plain absolute path: no need for urljoin's normalising.
                if location.startswith("//"):
                    location = location[2:]
                location = self._current_scheme_host + location
            else:
                location = urllib.parse.urljoin(
                    self._current_scheme_host + self.path, location)
        return iri_to_uri(location)

    def _get_scheme(self):
        return "http"

    @property
    def scheme(self):
        """"https" or "http"; SECURE_PROXY_SSL_HEADER can vouch for https."""
        if settings.SECURE_PROXY_SSL_HEADER:
            try:
                header, secure_value = settings.SECURE_PROXY_SSL_HEADER
            except ValueError:
                raise ImproperlyConfigured(
                    "The SECURE_PROXY_SSL_HEADER setting must be a tuple containing "
                    "two values.") from None
            header_value = self.META.get(header)
            if header_value is not None:
                header_value, *_ = header_value.split(",", 1)
                return "https" if header_value.strip() == secure_value else "http"
        return self._get_scheme()

    def is_secure(self):
        return self.scheme == "https"

    def parse_file_upload(self, META, post_data):
        """Return (POST, FILES) parsed from the multipart body `post_data`."""
        self.upload_handlers = ImmutableList(
            self.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been "
                    "processed.")
        parser = MultiPartParser(META, post_data, self.upload_handlers,
                                 self.encoding)
        return parser.parse()

    @property
    def body(self):
        """The raw request body as bytes (at most DATA_UPLOAD_MAX_MEMORY_SIZE)."""
        if not hasattr(self, "_body"):
            import io

            if self._read_started:
                raise RawPostDataException(
                    "You cannot access body after reading from request's data stream")
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and self._content_length > limit:
                raise RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
            try:
                self._body = self.read()
            except OSError as err:
                raise UnreadablePostError(*err.args) from err
            self._stream = io.BytesIO(self._body)
        return self._body

    def _mark_post_parse_error(self):
        self._post = QueryDict()
        self._files = MultiValueDict()

    def _load_post_and_files(self):
        """Parse POST and FILES from the body, for form content types."""
        if self.method != "POST":
            self._post = QueryDict(encoding=self._encoding)
            self._files = MultiValueDict()
            return
        if self._read_started and not hasattr(self, "_body"):
            self._mark_post_parse_error()
            return
        if self.content_type == "multipart/form-data":
            import io

            data = io.BytesIO(self._body) if hasattr(self, "_body") else self
            try:
                self._post, self._files = self.parse_file_upload(self.META, data)
            except (MultiPartParserError, SuspiciousOperation):
                self._mark_post_parse_error()
                raise
        elif self.content_type == "application/x-www-form-urlencoded":
            if self._encoding is not None and self._encoding.lower() != "utf-8":
                raise BadRequest(
                    "HTTP requests with the 'application/x-www-form-urlencoded' "
                    "content type must be UTF-8 encoded.")
            try:
                self._post = _parse_form_strict(self.body, "utf-8", "form data")
            except SuspiciousOperation:
                self._mark_post_parse_error()
                raise
            self._files = MultiValueDict()
        else:
            self._post = QueryDict(encoding=self._encoding)
            self._files = MultiValueDict()

    # File-like reading of the body stream.

    def read(self, *args, **kwargs):
        self._read_started = True
        try:
            return self._stream.read(*args, **kwargs)
        except OSError as err:
            raise UnreadablePostError(*err.args) from err

    def readline(self, *args, **kwargs):
        self._read_started = True
        try:
            return self._stream.readline(*args, **kwargs)
        except OSError as err:
            raise UnreadablePostError(*err.args) from err

    def readlines(self):
        return list(self)


class _QueryDictMore:
    """QueryDict's methods defined on first use (never instantiated)."""

    @classmethod
    def fromkeys(cls, iterable, value="", mutable=False, encoding=None):
        """Return a QueryDict with each key of `iterable` set to `value`."""
        q = cls("", mutable=True, encoding=encoding)
        for key in iterable:
            q.appendlist(key, value)
        if not mutable:
            q._mutable = False
        return q

    def _assert_mutable(self):
        if not self._mutable:
            raise AttributeError("This QueryDict instance is immutable")

    def copy(self):
        """Return a mutable deep copy."""
        import copy

        return copy.deepcopy(self)

    def urlencode(self, safe=None):
        """Return the data as a query string; `safe` names characters to keep.

            >>> q = QueryDict(mutable=True); q["next"] = "/a&b/"
            >>> q.urlencode(), q.urlencode(safe="/")
            ('next=%2Fa%26b%2F', 'next=/a%26b/')
        """
        output = []
        if safe:
            safe = safe.encode(self.encoding)

            def encode(k, v):
                return "%s=%s" % (urllib.parse.quote(k, safe),
                                  urllib.parse.quote(v, safe))
        else:
            def encode(k, v):
                return urllib.parse.urlencode({k: v})
        for k, list_ in self.lists():
            output.extend(
                encode(k.encode(self.encoding), str(v).encode(self.encoding))
                for v in list_)
        return "&".join(output)
