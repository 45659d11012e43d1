"""RequestFactory and Client (django/test/client.py).
"""

import urllib.parse
import io
import os
import sys

from djscratch.utils.module_loading import _package
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.encoding import force_bytes
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.signals import (
    got_request_exception, request_finished, request_started, template_rendered,
)
from djscratch.conf import settings
from djscratch.utils.http import urlencode
from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.http.request import HttpHeaders, HttpRequest, LimitedStream, WSGIRequest
from djscratch.urls.base import resolve
from djscratch.db.utils import close_old_connections
from djscratch.core.handlers.base import BaseHandler
from djscratch.core.handlers.wsgi import WSGIHandler
from djscratch.core.handlers.asgi import ASGIRequest
from djscratch.test.utils import _copy_context, ContextList
from djscratch.contrib.auth.api import (
    authenticate, load_backend, get_user as _auth_get_user, login as _auth_login,
    logout as _auth_logout,
)

__all__ = [
    "Client", "RequestFactory", "encode_multipart", "encode_file", "FakePayload",
    "conditional_content_removal", "RedirectCycleError", "BOUNDARY",
    "MULTIPART_CONTENT", "CONTENT_TYPE_RE", "AsyncRequestFactory", "AsyncClient",
    "AsyncClientHandler", "ClientHandler",
]


# -- RequestFactory and Client.  The factory builds WSGI environs and requests;
#    the Client sends them through the real handler (middleware included), in
#    process, and keeps cookies between requests like a browser.

BOUNDARY = "BoUnDaRyStRiNg"
MULTIPART_CONTENT = f"multipart/form-data; boundary={BOUNDARY}"
#: The charset of a Content-Type header value (group 1).
CONTENT_TYPE_RE = _lazy_re_compile(r".*; charset=([\w-]+);?")
_REDIRECT_STATUS_CODES = frozenset((301, 302, 303, 307, 308))


class RedirectCycleError(Exception):
    """The test client followed redirects that loop (or too many of them)."""

    def __init__(self, message, last_response):
        super().__init__(message)
        self.last_response = last_response
        self.redirect_chain = last_response.redirect_chain


class FakePayload(io.IOBase):
    """A wsgi.input that refuses reads past its content, as a socket would.

    Bytes may be written until the first read; reading more than what is
    left is an AssertionError, as in Django.
    """

    def __init__(self, initial_bytes=None):
        self.__content = io.BytesIO()
        self.__len = 0
        self.read_started = False
        if initial_bytes is not None:
            self.write(initial_bytes)

    def __len__(self):
        return self.__len

    def _start_reading(self, size):
        if not self.read_started:
            self.__content.seek(0)
            self.read_started = True
        if size == -1 or size is None:
            size = self.__len
        assert self.__len >= size, (
            "Cannot read more than the available bytes from the HTTP incoming data.")
        return size

    def read(self, size=-1, /):
        content = self.__content.read(self._start_reading(size))
        self.__len -= len(content)
        return content

    def readline(self, size=-1, /):
        content = self.__content.readline(self._start_reading(size))
        self.__len -= len(content)
        return content

    def write(self, b, /):
        if self.read_started:
            raise ValueError("Unable to write a payload after it's been read")
        content = force_bytes(b)
        self.__content.write(content)
        self.__len += len(content)


def _charset_of(content_type):
    import re

    found = re.search(r";\s*charset=([^\s;]+)", content_type or "", re.I)
    return found.group(1).strip("\"'") if found else settings.DEFAULT_CHARSET


def _is_json_content_type(content_type):
    import re

    return bool(re.match(r"^application/(.+\+)?json", content_type or ""))


def encode_file(boundary, key, file):
    """Return the multipart lines (bytes) of one file field."""
    import mimetypes

    def to_bytes(value):
        return force_bytes(value, settings.DEFAULT_CHARSET)

    name = getattr(file, "name", None)
    filename = os.path.basename(name) if isinstance(name, str) else ""
    if hasattr(file, "content_type"):
        content_type = file.content_type
    elif filename:
        content_type = mimetypes.guess_type(filename)[0]
    else:
        content_type = None
    return [
        to_bytes(f"--{boundary}"),
        to_bytes(f'Content-Disposition: form-data; name="{key}"; '
                 f'filename="{filename or key}"'),
        to_bytes(f"Content-Type: {content_type or 'application/octet-stream'}"),
        b"",
        to_bytes(file.read()),
    ]


def encode_multipart(boundary, data):
    """Encode a dict of form values and files as multipart/form-data bytes.

    A value may be a string, a file-like object (anything with read()), or a
    list of those for a repeated field.  None is refused: send "" or leave
    the key out.
    """
    parts = []
    for key, value in data.items():
        if value is None:
            raise TypeError(
                f"Cannot encode None for key '{key}' as POST data. Did you mean "
                "to pass an empty string or omit the value?")
        values = value if (not isinstance(value, (str, bytes)) and not callable(
            getattr(value, "read", None)) and hasattr(value, "__iter__")) else [value]
        for item in values:
            if callable(getattr(item, "read", None)):
                parts.extend(encode_file(boundary, key, item))
            else:
                parts.extend([f"--{boundary}",
                              f'Content-Disposition: form-data; name="{key}"', "",
                              item])
    parts.extend([f"--{boundary}--", b""])
    charset = settings.DEFAULT_CHARSET
    return b"\r\n".join(force_bytes(part, charset) for part in parts)


def _headers_to_environ(headers):
    """Turn {"Accept": ...} into {"HTTP_ACCEPT": ...} (CONTENT_* keep no prefix)."""
    environ = {}
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        environ[key] = value
    return environ


class RequestFactory:
    """Build request objects to pass straight to views (no middleware runs).

        rf = RequestFactory()
        request = rf.post("/comment/", {"text": "hi"})
        response = my_view(request)
    """

    def __init__(self, *, json_encoder=None, headers=None, query_params=None,
                 **defaults):
        from http.cookies import SimpleCookie

        self.json_encoder = json_encoder
        self.defaults = defaults
        self.cookies = SimpleCookie()
        self.errors = __import__("io").BytesIO()
        if headers:
            self.defaults.update(_headers_to_environ(headers))
        if query_params:
            self.defaults["QUERY_STRING"] = urlencode(query_params, doseq=True)

    def _base_environ(self, **request):
        """Return a minimal valid WSGI environ, plus the cookies and defaults."""
        cookie = "; ".join(sorted(
            f"{morsel.key}={morsel.coded_value}" for morsel in self.cookies.values()))
        return {
            "HTTP_COOKIE": cookie,
            "PATH_INFO": "/",
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": FakePayload(b""),
            "wsgi.errors": self.errors,
            "wsgi.multiprocess": True,
            "wsgi.multithread": False,
            "wsgi.run_once": False,
            **self.defaults,
            **request,
        }

    def request(self, **request):
        """Return a WSGIRequest built from the environ keys given."""
        return WSGIRequest(self._base_environ(**request))

    def _encode_data(self, data, content_type):
        if content_type is MULTIPART_CONTENT:
            return encode_multipart(BOUNDARY, data)
        return force_bytes(data, encoding=_charset_of(content_type))

    def _encode_json(self, data, content_type):
        """Serialize dicts, lists and tuples as JSON when content_type is JSON."""
        import json

        if isinstance(data, (dict, list, tuple)) and _is_json_content_type(
                content_type):
            return json.dumps(data, cls=self.json_encoder or _json_encoder_class())
        return data

    def get(self, path, data=None, secure=False, *, headers=None, query_params=None,
            **extra):
        """Build a GET request; `data` becomes the query string."""
        if query_params and data:
            raise ValueError("query_params and data arguments are mutually exclusive.")
        return self.generic("GET", path, secure=secure, headers=headers,
                            query_params=data or query_params or {}, **extra)

    def post(self, path, data=None, content_type=MULTIPART_CONTENT, secure=False, *,
             headers=None, query_params=None, **extra):
        """Build a POST request: form data (multipart by default) or JSON."""
        data = self._encode_json({} if data is None else data, content_type)
        body = self._encode_data(data, content_type)
        return self.generic("POST", path, body, content_type, secure=secure,
                            headers=headers, query_params=query_params, **extra)

    def head(self, path, data=None, secure=False, *, headers=None, query_params=None,
             **extra):
        """Build a HEAD request."""
        if query_params and data:
            raise ValueError("query_params and data arguments are mutually exclusive.")
        return self.generic("HEAD", path, secure=secure, headers=headers,
                            query_params=data or query_params or {}, **extra)

    def trace(self, path, secure=False, *, headers=None, query_params=None, **extra):
        """Build a TRACE request."""
        return self.generic("TRACE", path, secure=secure, headers=headers,
                            query_params=query_params, **extra)

    def options(self, path, data="", content_type="application/octet-stream",
                secure=False, *, headers=None, query_params=None, **extra):
        """Build an OPTIONS request."""
        return self.generic("OPTIONS", path, data, content_type, secure=secure,
                            headers=headers, query_params=query_params, **extra)

    def put(self, path, data="", content_type="application/octet-stream",
            secure=False, *, headers=None, query_params=None, **extra):
        """Build a PUT request (the body is sent as is, or as JSON)."""
        data = self._encode_json(data, content_type)
        return self.generic("PUT", path, data, content_type, secure=secure,
                            headers=headers, query_params=query_params, **extra)

    def patch(self, path, data="", content_type="application/octet-stream",
              secure=False, *, headers=None, query_params=None, **extra):
        """Build a PATCH request."""
        data = self._encode_json(data, content_type)
        return self.generic("PATCH", path, data, content_type, secure=secure,
                            headers=headers, query_params=query_params, **extra)

    def delete(self, path, data="", content_type="application/octet-stream",
               secure=False, *, headers=None, query_params=None, **extra):
        """Build a DELETE request."""
        data = self._encode_json(data, content_type)
        return self.generic("DELETE", path, data, content_type, secure=secure,
                            headers=headers, query_params=query_params, **extra)

    def generic(self, method, path, data="", content_type="application/octet-stream",
                secure=False, *, headers=None, query_params=None, **extra):
        """Build a request with any method, body and content type."""
        parsed = urllib.parse.urlsplit(str(path))  # str(): path may be a reverse_lazy()
        data = force_bytes(data, settings.DEFAULT_CHARSET)
        environ = {
            "PATH_INFO": urllib.parse.unquote_to_bytes(parsed.path).decode(
                "iso-8859-1"),
            "REQUEST_METHOD": method,
            "SERVER_PORT": "443" if secure else "80",
            "wsgi.url_scheme": "https" if secure else "http",
        }
        if data:
            environ.update({"CONTENT_LENGTH": str(len(data)),
                            "CONTENT_TYPE": content_type,
                            "wsgi.input": FakePayload(data)})
        if headers:
            extra.update(_headers_to_environ(headers))
        if query_params:
            extra["QUERY_STRING"] = urlencode(query_params, doseq=True)
        environ.update(extra)
        if not environ.get("QUERY_STRING"):
            environ["QUERY_STRING"] = parsed.query.encode().decode("iso-8859-1")
        return self.request(**environ)


def _json_encoder_class():
    """Return DjangoJSONEncoder (built lazily by the HTTP section)."""
    encoder = getattr(_package(), "DjangoJSONEncoder", None)
    if encoder is None:
        import json

        return json.JSONEncoder
    return encoder


def _store_rendered_templates(store, signal, sender, template, context, **kwargs):
    store.setdefault("templates", []).append(template)
    store.setdefault("context", ContextList()).append(_copy_context(context))


def _connection_closers():
    """Return the receivers that close DB connections at request start/end.

    The client must not let them run: a test's transaction (and an in-memory
    test database) would be lost.  They are found by name in this module.
    """
    return [f for f in (close_old_connections,) if f is not None]


def conditional_content_removal(request, response):
    """Drop the body where a real server would: HEAD, 1xx, 204 and 304."""
    if (100 <= response.status_code < 200 or response.status_code in (204, 304)
            or request.method == "HEAD"):
        if getattr(response, "streaming", False):
            response.streaming_content = []
        else:
            response.content = b""
    return response


class ClientHandler:
    """Run a request through the project's handler, in process.

    Like Django's ClientHandler: builds the WSGIRequest itself (so the client
    can return it as response.wsgi_request), marks it to skip CSRF checks
    unless asked, and keeps connection-closing receivers away from the test's
    transaction.
    """

    def __init__(self, enforce_csrf_checks=True, *args, **kwargs):
        self.enforce_csrf_checks = enforce_csrf_checks
        self._handler = None

    def _get_handler(self):
        # Build the handler on first use (so middleware settings are read when
        # the first request is made), and again if MIDDLEWARE changed since.
        middleware = list(settings.MIDDLEWARE)
        if self._handler is None or self._middleware != middleware:
            self._handler = WSGIHandler()
            self._middleware = middleware
        return self._handler

    def __call__(self, environ):
        closers = _connection_closers()
        for closer in closers:
            request_started.disconnect(closer)
        try:
            request_started.send(sender=self.__class__, environ=environ)
        finally:
            for closer in closers:
                request_started.connect(closer)
        request = WSGIRequest(environ)
        # The client has no browser to obtain a CSRF token, so CSRF checks are
        # skipped unless the test asked for them (enforce_csrf_checks=True).
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks
        response = self.get_response(request)
        response.wsgi_request = request
        conditional_content_removal(request, response)
        if getattr(response, "streaming", False):
            response.streaming_content = _closing_stream(response)
        else:
            self._close(response)
        return response

    def get_response(self, request):
        """Return the project's response to `request` (the hook subclasses
        override, as Django REST framework's test client does)."""
        return self._get_handler().get_response(request)

    @staticmethod
    def _close(response):
        closers = _connection_closers()
        for closer in closers:
            request_finished.disconnect(closer)
        try:
            response.close()  # sends request_finished
        finally:
            for closer in closers:
                request_finished.connect(closer)


class Client(RequestFactory):
    """A browser for tests: send requests to the project and inspect responses.

    Cookies are kept between requests (`client.cookies`); `client.session`
    reads and, after `.save()`, writes the session.  Responses carry Django's
    extras: request, wsgi_request, templates, context, resolver_match, json(),
    redirect_chain (with follow=True).  An exception raised by a view is
    re-raised in the test unless raise_request_exception=False.
    """

    def __init__(self, enforce_csrf_checks=False, raise_request_exception=True, *,
                 headers=None, query_params=None, **defaults):
        super().__init__(headers=headers, query_params=query_params, **defaults)
        self.handler = ClientHandler(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info = None
        self.extra = None
        self.headers = None

    def store_exc_info(self, **kwargs):
        """Remember the exception a view raised (got_request_exception receiver)."""
        self.exc_info = sys.exc_info()

    def check_exception(self, response):
        """Re-raise the exception a view raised, if raise_request_exception is on."""
        response.exc_info = self.exc_info
        if self.exc_info:
            _, exc_value, _ = self.exc_info
            self.exc_info = None
            if self.raise_request_exception:
                raise exc_value

    async def asession(self):
        """See session."""
        return await _asgiref_sync().sync_to_async(lambda: self.session)()

    @property
    def session(self):
        """Return the current session; call .save() on it to send changes along."""
        import importlib

        engine = importlib.import_module(settings.SESSION_ENGINE)
        cookie_name = settings.SESSION_COOKIE_NAME
        cookie = self.cookies.get(cookie_name)
        store = engine.SessionStore(cookie.value if cookie else None)
        client, original_save = self, store.save

        def save(*args, **kwargs):
            # The signed-cookie engine's key *is* the data, so the cookie must
            # follow every save (harmless for the database engine).
            result = original_save(*args, **kwargs)
            client.cookies[cookie_name] = store.session_key
            return result

        store.save = save
        if cookie is None:
            store.save()
        return store

    def login(self, **credentials):
        """Log in whoever the backends accept with these credentials; return
        whether anyone was."""
        user = authenticate(**credentials)
        if user:
            self._login(user)
            return True
        return False

    async def alogin(self, **credentials):
        """See login()."""
        return await _asgiref_sync().sync_to_async(self.login)(**credentials)

    async def aforce_login(self, user, backend=None):
        """See force_login()."""
        return await _asgiref_sync().sync_to_async(self.force_login)(user, backend)

    async def alogout(self):
        """See logout()."""
        return await _asgiref_sync().sync_to_async(self.logout)()

    def force_login(self, user, backend=None):
        """Log `user` in without credentials (through `backend`, else the
        first backend of AUTHENTICATION_BACKENDS that can get users)."""
        if backend is None:
            backend = next((path for path in settings.AUTHENTICATION_BACKENDS
                            if hasattr(load_backend(path), "get_user")), None)
        user.backend = backend
        self._login(user, backend)

    def _login(self, user, backend=None):
        # A stand-in request carries the client's session through login().
        request = HttpRequest()
        request.session = self.session
        _auth_login(request, user, backend)
        request.session.save()
        cookie_name = settings.SESSION_COOKIE_NAME
        self.cookies[cookie_name] = request.session.session_key
        self.cookies[cookie_name].update({
            "max-age": None, "path": "/", "domain": settings.SESSION_COOKIE_DOMAIN,
            "secure": settings.SESSION_COOKIE_SECURE or None, "expires": None,
        })

    def logout(self):
        """Log out the session's user (user_logged_out is sent, the session
        flushed), then forget all cookies."""
        from http.cookies import SimpleCookie

        import importlib

        request = HttpRequest()
        if settings.SESSION_COOKIE_NAME in self.cookies:
            request.session = self.session
            request.user = _auth_get_user(request)
        else:  # nobody is logged in: an unsaved session is enough to flush
            engine = importlib.import_module(settings.SESSION_ENGINE)
            request.session = engine.SessionStore()
        _auth_logout(request)
        self.cookies = SimpleCookie()

    def request(self, **request):
        """Send a request built from environ keys; return the response."""
        environ = self._base_environ(**request)
        store = {}
        uid = f"template-render-{id(request)}"
        exception_uid = f"request-exception-{id(request)}"
        template_rendered.connect(
            lambda **kw: _store_rendered_templates(store, **kw), dispatch_uid=uid,
            weak=False)
        got_request_exception.connect(self.store_exc_info, dispatch_uid=exception_uid)
        try:
            response = self.handler(environ)
        finally:
            template_rendered.disconnect(dispatch_uid=uid)
            got_request_exception.disconnect(dispatch_uid=exception_uid)
        return self._finish_response(
            response, request, store, environ["PATH_INFO"],
            getattr(response.wsgi_request, "urlconf", None))

    def _finish_response(self, response, request, store, path, urlconf):
        """What the test client adds to a response (Client and AsyncClient):
        the request, the templates and contexts rendered, json(), the
        resolver match; its cookies are kept for the next request."""
        self.check_exception(response)
        response.client = self
        response.request = request
        response.templates = store.get("templates", [])
        contexts = store.get("context")
        response.context = contexts[0] if contexts and len(contexts) == 1 else contexts
        response.json = lambda **kwargs: self._parse_json(response, **kwargs)
        response.resolver_match = _LazyResolverMatch(path, urlconf)
        cookies = getattr(response, "cookies", None)
        if cookies:
            self.cookies.update(cookies)
        return response

    def _parse_json(self, response, **extra):
        import json

        if not hasattr(response, "_json"):
            content_type = response.get("Content-Type")
            if not _is_json_content_type(content_type):
                raise ValueError(
                    f'Content-Type header is "{content_type}", not "application/json"')
            response._json = json.loads(
                response.content.decode(response.charset), **extra)
        return response._json

    def get(self, path, data=None, follow=False, secure=False, *, headers=None,
            query_params=None, **extra):
        """Send a GET request."""
        self.extra, self.headers = extra, headers
        response = super().get(path, data=data, secure=secure, headers=headers,
                               query_params=query_params, **extra)
        if follow:
            response = self._handle_redirects(
                response, data=data, headers=headers, query_params=query_params,
                **extra)
        return response

    def post(self, path, data=None, content_type=MULTIPART_CONTENT, follow=False,
             secure=False, *, headers=None, query_params=None, **extra):
        """Send a POST request."""
        self.extra, self.headers = extra, headers
        response = super().post(path, data=data, content_type=content_type,
                                secure=secure, headers=headers,
                                query_params=query_params, **extra)
        if follow:
            response = self._handle_redirects(
                response, data=data, content_type=content_type, headers=headers,
                query_params=query_params, **extra)
        return response

    def head(self, path, data=None, follow=False, secure=False, *, headers=None,
             query_params=None, **extra):
        """Send a HEAD request."""
        self.extra, self.headers = extra, headers
        response = super().head(path, data=data, secure=secure, headers=headers,
                                query_params=query_params, **extra)
        if follow:
            response = self._handle_redirects(
                response, data=data, headers=headers, query_params=query_params,
                **extra)
        return response

    def _with_body(method_name):  # noqa: N805 (builds the methods below)
        def send(self, path, data="", content_type="application/octet-stream",
                 follow=False, secure=False, *, headers=None, query_params=None,
                 **extra):
            self.extra, self.headers = extra, headers
            response = getattr(RequestFactory, method_name)(
                self, path, data=data, content_type=content_type, secure=secure,
                headers=headers, query_params=query_params, **extra)
            if follow:
                response = self._handle_redirects(
                    response, data=data, content_type=content_type, headers=headers,
                    query_params=query_params, **extra)
            return response

        send.__name__ = method_name
        send.__doc__ = f"Send a {method_name.upper()} request."
        return send

    options = _with_body("options")
    put = _with_body("put")
    patch = _with_body("patch")
    delete = _with_body("delete")
    del _with_body

    def trace(self, path, data="", follow=False, secure=False, *, headers=None,
              query_params=None, **extra):
        """Send a TRACE request."""
        self.extra, self.headers = extra, headers
        response = super().trace(path, secure=secure, headers=headers,
                                 query_params=query_params, **extra)
        if follow:
            response = self._handle_redirects(
                response, data=data, headers=headers, query_params=query_params,
                **extra)
        return response

    def _handle_redirects(self, response, data="", content_type="", headers=None,
                          query_params=None, **extra):
        """Follow redirects (307/308 keep the method), recording redirect_chain."""
        response.redirect_chain = []
        while response.status_code in _REDIRECT_STATUS_CODES:
            chain = response.redirect_chain
            url = response.url
            chain.append((url, response.status_code))
            parsed = urllib.parse.urlsplit(url)
            if parsed.scheme:
                extra["wsgi.url_scheme"] = parsed.scheme
            if parsed.hostname:
                extra["SERVER_NAME"] = extra["HTTP_HOST"] = parsed.hostname
            if parsed.port:
                extra["SERVER_PORT"] = str(parsed.port)
            path = parsed.path
            if not path and parsed.netloc:
                path = "/"
            if not path.startswith("/"):
                path = urllib.parse.urljoin(
                    response.request.get("PATH_INFO", "/"), path)
            if response.status_code in (307, 308):
                # The method and its data (for GET, the query) are kept.
                method = response.request["REQUEST_METHOD"].lower()
                if method in ("get", "head"):
                    response = getattr(self, method)(
                        path, data=data, follow=False, headers=headers,
                        query_params=query_params, **extra)
                else:
                    extra["QUERY_STRING"] = parsed.query
                    response = getattr(self, method)(
                        path, data=data, content_type=content_type, follow=False,
                        headers=headers, query_params=query_params, **extra)
            else:
                response = self.get(path, data=_query_dict(parsed.query),
                                    follow=False, headers=headers,
                                    query_params=query_params, **extra)
            response.redirect_chain = chain
            if chain[-1] in chain[:-1]:
                raise RedirectCycleError("Redirect loop detected.",
                                         last_response=response)
            if len(chain) > 20:
                raise RedirectCycleError("Too many redirects.", last_response=response)
        return response


def _query_dict(query):
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    result = MultiValueDict()
    for key, value in pairs:
        result.appendlist(key, value)
    return result


class _LazyResolverMatch:
    """Resolve the request path on first use (most tests never look)."""

    def __init__(self, path, urlconf=None):
        self._path = path
        self._urlconf = urlconf
        self._match = None

    def _resolved(self):
        if self._match is None:
            self._match = resolve(self._path, urlconf=self._urlconf)
        return self._match

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._resolved(), name)

    def __getitem__(self, index):
        return self._resolved()[index]

    def __iter__(self):
        return iter(self._resolved())

    def __eq__(self, other):
        return self._resolved() == other

    __hash__ = None

    def __repr__(self):
        return repr(self._resolved())


# -- The async client: AsyncRequestFactory builds ASGI scopes and ASGIRequests;
#    AsyncClient sends them through the handler's async path
#    (get_response_async), as Django's does.


class AsyncRequestFactory(RequestFactory):
    """RequestFactory for ASGIRequests: pass them to any view, sync or async.

        request = AsyncRequestFactory().get("/hello/")
    """

    def _base_scope(self, **request):
        """A minimal ASGI scope, with the client's cookies."""
        scope = {
            "asgi": {"version": "3.0"}, "type": "http", "http_version": "1.1",
            "client": ["127.0.0.1", 0], "server": ("testserver", "80"),
            "scheme": "http", "method": "GET", "headers": [],
            **self.defaults, **request,
        }
        cookie = "; ".join(sorted(
            f"{morsel.key}={morsel.coded_value}" for morsel in self.cookies.values()))
        scope["headers"].append((b"cookie", cookie.encode("ascii")))
        return scope

    def request(self, **request):
        """Return an ASGIRequest built from the scope keys given."""
        body_file = request.pop("_body_file", None) or FakePayload(b"")
        return ASGIRequest(self._base_scope(**request),
                           LimitedStream(body_file, len(body_file)))

    def generic(self, method, path, data="", content_type="application/octet-stream",
                secure=False, *, headers=None, query_params=None, **extra):
        """Build a request with any method, body and content type."""
        parsed = urllib.parse.urlsplit(str(path))  # str(): path may be a reverse_lazy()
        data = force_bytes(data, settings.DEFAULT_CHARSET)
        scope = {
            "method": method,
            "path": urllib.parse.unquote_to_bytes(parsed.path).decode("iso-8859-1"),
            "server": ("127.0.0.1", "443" if secure else "80"),
            "scheme": "https" if secure else "http",
            "headers": [(b"host", b"testserver")],
        }
        if self.defaults:
            extra = {**self.defaults, **extra}
        if data:
            scope["headers"].extend([
                (b"content-length", str(len(data)).encode("ascii")),
                (b"content-type", content_type.encode("ascii"))])
            scope["_body_file"] = FakePayload(data)
        if query_params:
            scope["query_string"] = urlencode(query_params, doseq=True)
        elif query_string := extra.pop("QUERY_STRING", None):
            scope["query_string"] = query_string
        else:
            scope["query_string"] = parsed.query
        if headers:
            extra.update(HttpHeaders.to_asgi_names(headers))
        # Names given as ASGI names (X_FOO) become headers (x-foo).
        scope["headers"] += [
            (key.lower().replace("_", "-").encode("ascii"), value.encode("latin1"))
            for key, value in extra.items()]
        return self.request(**scope)


class AsyncClientHandler(BaseHandler):
    """Run an ASGI scope through the handler's async path, in process."""

    def __init__(self, enforce_csrf_checks=True, *args, **kwargs):
        self.enforce_csrf_checks = enforce_csrf_checks
        super().__init__(*args, **kwargs)

    async def __call__(self, scope):
        sync_to_async = _asgiref_sync().sync_to_async
        if self._middleware_chain is None:
            self.load_middleware(is_async=True)
        body_file = scope.pop("_body_file", None) or FakePayload(b"")
        closers = _connection_closers()
        for closer in closers:
            request_started.disconnect(closer)
        try:
            await request_started.asend(sender=self.__class__, scope=scope)
        finally:
            for closer in closers:
                request_started.connect(closer)
        request = ASGIRequest(scope, LimitedStream(body_file, len(body_file)))
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks
        response = await self.get_response_async(request)
        conditional_content_removal(request, response)
        response.asgi_request = request
        if getattr(response, "streaming", False):
            response.streaming_content = _closing_stream(response)
        else:
            await sync_to_async(ClientHandler._close, thread_sensitive=False)(
                response)
        return response


def _closing_stream(response):
    """The response's stream, closing the response (request_finished) once
    it is consumed, as a server would."""
    content = response.streaming_content
    if getattr(response, "is_async", False):
        async def aclosing():
            try:
                async for chunk in content:
                    yield chunk
            finally:
                await _asgiref_sync().sync_to_async(
                    ClientHandler._close, thread_sensitive=False)(response)
        return aclosing()

    def closing():
        try:
            yield from content
        finally:
            ClientHandler._close(response)
    return closing()


def _async_sender(method_name, data_default, content_type_default):
    """AsyncClient.<method_name>: build the request, send it, follow."""
    async def send(self, path, data=data_default, content_type=content_type_default,
                   follow=False, secure=False, *, headers=None, query_params=None,
                   **extra):
        self.extra, self.headers = extra, headers
        factory_method = getattr(AsyncRequestFactory, method_name)
        if method_name in ("get", "head", "trace"):
            kwargs = {} if method_name == "trace" else {"data": data}
        else:
            kwargs = {"data": data, "content_type": content_type}
        response = await factory_method(
            self, path, secure=secure, headers=headers, query_params=query_params,
            **kwargs, **extra)
        if follow:
            response = await self._ahandle_redirects(
                response, data=data, content_type=content_type, headers=headers,
                query_params=query_params, **extra)
        return response

    send.__name__ = send.__qualname__ = method_name
    send.__doc__ = f"Send a {method_name.upper()} request."
    return send


class AsyncClient(AsyncRequestFactory, Client):
    """Client for async tests: `await self.async_client.get("/")`.  Requests
    go through the handler's async path as ASGIRequests; responses carry
    the same extras as Client's (asgi_request instead of wsgi_request)."""

    def __init__(self, enforce_csrf_checks=False, raise_request_exception=True, *,
                 headers=None, query_params=None, **defaults):
        RequestFactory.__init__(self, headers=headers, query_params=query_params,
                                **defaults)
        self.handler = AsyncClientHandler(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info = None
        self.extra = None
        self.headers = None

    async def request(self, **request):
        """Send a request built from scope keys; return the response."""
        scope = self._base_scope(**request)
        store = {}
        uid = f"template-render-{id(request)}"
        exception_uid = f"request-exception-{id(request)}"
        template_rendered.connect(
            lambda **kw: _store_rendered_templates(store, **kw), dispatch_uid=uid,
            weak=False)
        got_request_exception.connect(self.store_exc_info, dispatch_uid=exception_uid)
        try:
            response = await self.handler(scope)
        finally:
            template_rendered.disconnect(dispatch_uid=uid)
            got_request_exception.disconnect(dispatch_uid=exception_uid)
        return self._finish_response(
            response, request, store, request["path"],
            getattr(response.asgi_request, "urlconf", None))

    def generic(self, method, path, data="", content_type="application/octet-stream",
                secure=False, *, headers=None, query_params=None, **extra):
        """Send a request with any method, body and content type (awaitable)."""
        return AsyncRequestFactory.generic(
            self, method, path, data, content_type, secure=secure, headers=headers,
            query_params=query_params, **extra)

    get = _async_sender("get", None, None)
    post = _async_sender("post", None, MULTIPART_CONTENT)
    head = _async_sender("head", None, None)
    options = _async_sender("options", "", "application/octet-stream")
    put = _async_sender("put", "", "application/octet-stream")
    patch = _async_sender("patch", "", "application/octet-stream")
    delete = _async_sender("delete", "", "application/octet-stream")
    trace = _async_sender("trace", "", None)

    async def _ahandle_redirects(self, response, data="", content_type="",
                                 headers=None, query_params=None, **extra):
        """Follow redirects (307/308 keep the method), recording redirect_chain."""
        response.redirect_chain = []
        while response.status_code in _REDIRECT_STATUS_CODES:
            chain = response.redirect_chain
            url = response.url
            chain.append((url, response.status_code))
            parsed = urllib.parse.urlsplit(url)
            path = parsed.path or ("/" if parsed.netloc else "")
            if not path.startswith("/"):
                path = urllib.parse.urljoin(response.request.get("path", "/"), path)
            method = "get"
            if response.status_code in (307, 308):
                method = response.request.get("method", "GET").lower()
            if method in ("get", "head"):
                response = await getattr(self, method)(
                    path, data=_query_dict(parsed.query), follow=False,
                    headers=headers, **extra)
            else:
                extra["QUERY_STRING"] = parsed.query
                response = await getattr(self, method)(
                    path, data=data, content_type=content_type, follow=False,
                    headers=headers, **extra)
            response.redirect_chain = chain
            if chain[-1] in chain[:-1]:
                raise RedirectCycleError("Redirect loop detected.",
                                         last_response=response)
            if len(chain) > 20:
                raise RedirectCycleError("Too many redirects.", last_response=response)
        return response
