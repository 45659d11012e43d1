"""Helpers shared by the HTTP test modules: oracle data and a WSGI caller."""

import io
import json
import os
import sys
import types
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

HERE = os.path.dirname(os.path.abspath(__file__))

#: The SECRET_KEY tests/gen_http_expected.py signed its values with.
ORACLE_KEY = "oracle-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGH"


def load_expected():
    """Return the values real Django produced (tests/http_expected.json)."""
    with open(os.path.join(HERE, "http_expected.json"), encoding="utf-8") as f:
        return json.load(f)


def make_urlconf(name, patterns, **attrs):
    """Register a module `name` holding `patterns` as its urlpatterns."""
    module = types.ModuleType(name)
    module.urlpatterns = patterns
    for key, value in attrs.items():
        setattr(module, key, value)
    sys.modules[name] = module
    return module


class Result:
    """What a WSGI call produced."""

    def __init__(self, status, headers, body):
        self.status = status
        self.status_code = int(status.split(" ", 1)[0])
        self.headers = headers
        self.body = body

    def header(self, name):
        values = self.headers_all(name)
        return values[-1] if values else None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return "<Result %s %r>" % (self.status, self.body[:200])


def call_wsgi(
    app,
    path="/",
    method="GET",
    query="",
    body=b"",
    content_type=None,
    validate=True,
    **environ,
):
    """Call a WSGI app with a request built from the arguments; `path` is the
    decoded PATH_INFO as a server gives it (latin-1 for raw bytes)."""
    if isinstance(path, bytes):
        path = path.decode("latin-1")
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": "testserver",
    }
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
    if content_type:
        env["CONTENT_TYPE"] = content_type
    env.update(environ)
    setup_testing_defaults(env)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    wrapped = validator(app) if validate else app
    iterable = wrapped(env, start_response)
    try:
        data = b"".join(iterable)
    finally:
        if hasattr(iterable, "close"):
            iterable.close()
    return Result(captured["status"], captured["headers"], data)
