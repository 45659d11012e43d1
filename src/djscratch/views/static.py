"""serve() (django/views/static.py): one file, with the
If-Modified-Since check, never outside its root.
"""

import os

from djscratch.conf import settings
from djscratch.core.exceptions import Http404, ImproperlyConfigured
from djscratch.utils.http import http_date, parse_etags, parse_http_date_safe
from djscratch.http.response import HttpResponse
from djscratch.http.response_extra import (
    _guess_content_type, FileResponse, HttpResponseNotModified,
)
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.context import Context
from djscratch.template.engine import Engine
from djscratch.template.loader import select_template
from djscratch.contrib.staticfiles.handlers import _safe_file_path
from djscratch.contrib.staticfiles.finders import (
    _EMBEDDED_PREFIX, _embedded_static, find,
)

__all__ = [
    "serve",
]


def was_modified_since(header=None, mtime=0):
    """Return False if If-Modified-Since `header` is at or after `mtime`."""
    if header is None:
        return True
    since = parse_http_date_safe(header)
    if since is None:
        return True
    return int(mtime) > since


def _file_response(request, fullpath):
    """Serve one file with Last-Modified, ETag and conditional 304s."""
    import stat

    try:
        st = os.stat(fullpath)
    except (OSError, ValueError):
        raise Http404("“%s” does not exist" % fullpath) from None
    if stat.S_ISDIR(st.st_mode):
        raise Http404("Directory indexes are not allowed here.")
    etag = '"%x-%x"' % (st.st_mtime_ns, st.st_size)
    last_modified = http_date(st.st_mtime)
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        etags = parse_etags(if_none_match)
        not_modified = "*" in etags or etag in etags or ("W/" + etag) in etags
    else:
        not_modified = not was_modified_since(
            request.META.get("HTTP_IF_MODIFIED_SINCE"), st.st_mtime)
    if not_modified:
        response = HttpResponseNotModified()
    else:
        import mimetypes

        # As Django: a compressed file keeps the type of what it holds and
        # says how it is compressed (file.txt.gz: text/plain, gzip).
        content_type, encoding = mimetypes.guess_type(str(fullpath))
        response = FileResponse(
            open(fullpath, "rb"),
            content_type=content_type or "application/octet-stream")
        if encoding:
            response["Content-Encoding"] = encoding
    response["Last-Modified"] = last_modified
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _staticfiles_serve(request, path, insecure=False, **kwargs):
    """Serve a static file found by find() (django.contrib.staticfiles' view):
    only with DEBUG, unless `insecure`."""
    import posixpath

    if not settings.DEBUG and not insecure:
        raise Http404

    if "\x00" in path:
        raise Http404("'%s' could not be found" % path.replace("\x00", "\\x00"))
    normalized = posixpath.normpath(path).lstrip("/")
    absolute_path = find(normalized) if ".." not in path.split("/") else None
    if not absolute_path:
        if path.endswith("/") or path == "":
            raise Http404("Directory indexes are not allowed here.")
        raise Http404("'%s' could not be found" % path)
    if absolute_path.startswith(_EMBEDDED_PREFIX):
        return _embedded_response(request, absolute_path[len(_EMBEDDED_PREFIX):])
    return _file_response(request, absolute_path)


def _embedded_response(request, path):
    """Serve a static file an app carries as text, with an ETag (its hash)."""
    import hashlib

    body = _embedded_static(path).encode()
    etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None and (
            etag in parse_etags(if_none_match) or if_none_match.strip() == "*"):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=_guess_content_type(path))
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve(request, path, document_root=None, show_indexes=False):
    """Serve the file `path` under `document_root` (django.views.static.serve).

    For development: url(r"^media/(?P<path>.*)$", serve, {"document_root": ...}).
    """
    import posixpath

    normalized = posixpath.normpath(path).lstrip("/")  # "" -> ".", "/" -> ""
    if document_root is None:
        raise ImproperlyConfigured("serve() needs a document_root.")
    if normalized in ("", "."):
        fullpath = os.path.realpath(document_root)
    else:
        fullpath = _safe_file_path(document_root, normalized)
    if fullpath is None or ".." in path.split("/"):
        raise Http404("'%s' could not be found" % path.replace("\x00", "\\x00"))
    if os.path.isdir(fullpath):
        if show_indexes:
            return _directory_index(normalized, fullpath)
        raise Http404("Directory indexes are not allowed here.")
    if not os.path.exists(fullpath):
        raise Http404("“%s” does not exist" % fullpath)
    return _file_response(request, fullpath)


#: Django's built-in directory listing (django/views/templates/
#: directory_index.html), used when no static/directory_index.html exists.
_DIRECTORY_INDEX_TEMPLATE = """{% load i18n %}
<!DOCTYPE html>
<html lang="en">
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <meta http-equiv="Content-Language" content="en-us">
    <meta name="robots" content="NONE,NOARCHIVE">
    <title>{% blocktranslate %}Index of {{ directory }}{% endblocktranslate %}</title>
  </head>
  <body>
    <h1>{% blocktranslate %}Index of {{ directory }}{% endblocktranslate %}</h1>
    <ul>
      {% if directory != "/" %}
      <li><a href="../">../</a></li>
      {% endif %}
      {% for f in file_list %}
      <li><a href="{{ f|urlencode }}">{{ f }}</a></li>
      {% endfor %}
    </ul>
  </body>
</html>
"""


def _directory_index(path, fullpath):
    """List a directory with the project's static/directory_index.html
    template if it has one, else Django's built-in listing."""
    try:
        t = select_template(["static/directory_index.html", "static/directory_index"])
        context = {}
    except TemplateDoesNotExist:
        t = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string(
            _DIRECTORY_INDEX_TEMPLATE)
        context = Context()
    names = sorted(n + ("/" if os.path.isdir(os.path.join(fullpath, n)) else "")
                   for n in os.listdir(fullpath) if not n.startswith("."))
    context.update({"directory": path + "/", "file_list": names})
    return HttpResponse(t.render(context))
