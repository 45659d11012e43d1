"""ASGIRequest (django/core/handlers/asgi.py): the request the async test
client builds from an ASGI scope.  djscratch has no ASGI server handler
(ASGIHandler): run ASGI on Django (DJSCRATCH_ENGINE=django).
"""

from djscratch.conf import settings
from djscratch.utils.functional import cached_property
from djscratch.http.request import QueryDict, WSGIRequest

__all__ = [
    "ASGIRequest",
]


def _asgi_script_prefix(scope):
    """The script prefix of an ASGI scope (FORCE_SCRIPT_NAME wins)."""
    if settings.FORCE_SCRIPT_NAME:
        return settings.FORCE_SCRIPT_NAME
    return scope.get("root_path", "") or ""


def _scope_meta(scope, script_name, path_info, method):
    """Django's META for an ASGI scope: the server, client and headers."""
    query_string = scope.get("query_string", "")
    if isinstance(query_string, bytes):
        query_string = query_string.decode()
    meta = {"REQUEST_METHOD": method, "QUERY_STRING": query_string,
            "SCRIPT_NAME": script_name, "PATH_INFO": path_info,
            "wsgi.multithread": True, "wsgi.multiprocess": True}
    if scope.get("client"):
        meta["REMOTE_ADDR"] = meta["REMOTE_HOST"] = scope["client"][0]
        meta["REMOTE_PORT"] = scope["client"][1]
    if scope.get("server"):
        meta["SERVER_NAME"] = scope["server"][0]
        meta["SERVER_PORT"] = str(scope["server"][1])
    else:
        meta["SERVER_NAME"], meta["SERVER_PORT"] = "unknown", "0"
    headers = {}
    for name, value in scope.get("headers", []):
        name = name.decode("latin1")
        if "_" in name:  # no spoofing through "_" and "-" meaning the same
            continue
        if name in ("content-length", "content-type"):
            key = name.upper().replace("-", "_")
        else:
            key = "HTTP_%s" % name.upper().replace("-", "_")
        headers.setdefault(key, []).append(value.decode("latin1"))
    meta.update((key, ",".join(values)) for key, values in headers.items())
    return meta


class ASGIRequest(WSGIRequest):
    """A request built from an ASGI scope and a body file."""

    #: Seconds a request waits for its body before giving up (Django's).
    body_receive_timeout = 60

    def __init__(self, scope, body_file):
        self.scope = scope
        self.script_name = script_name = _asgi_script_prefix(scope)
        path_info = scope["path"]
        if script_name:
            path_info = path_info.removeprefix(script_name)
        method = scope["method"].upper()
        meta = _scope_meta(scope, script_name, path_info, method)
        # WSGIRequest reads the PEP 3333 form: text as latin-1 bytes.
        meta["PATH_INFO"] = path_info.encode().decode("latin-1")
        meta["SCRIPT_NAME"] = script_name.encode().decode("latin-1")
        meta["wsgi.input"] = body_file
        super().__init__(meta)
        del meta["wsgi.input"]
        self._stream = body_file

    @cached_property
    def GET(self):
        return QueryDict(self.META["QUERY_STRING"], encoding=self.encoding)

    def _get_scheme(self):
        return self.scope.get("scheme") or "http"

    def close(self):
        super().close()
        self._stream.close()
