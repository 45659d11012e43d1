"""Write tests/middleware_expected.json: header values computed by Django 5.2.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False, SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"])

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.middleware.clickjacking import XFrameOptionsMiddleware  # noqa: E402
from django.middleware.gzip import GZipMiddleware  # noqa: E402
from django.middleware.http import ConditionalGetMiddleware  # noqa: E402
from django.middleware.security import SecurityMiddleware  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.utils.cache import (  # noqa: E402
    add_never_cache_headers, patch_cache_control, patch_vary_headers,
)

from tests.middleware_cases import CASES, RECORDED_HEADERS  # noqa: E402

MIDDLEWARE = {"security": SecurityMiddleware, "xframe": XFrameOptionsMiddleware,
              "gzip": GZipMiddleware, "conditional": ConditionalGetMiddleware}


def run_case(middleware, overrides, req, resp):
    def view(request):
        response = HttpResponse(resp.get("body", ""), status=resp.get("status", 200))
        for name, value in resp.get("headers", {}).items():
            response.headers[name] = value
        return response

    extra = {"HTTP_" + k.upper().replace("-", "_"): v
             for k, v in req.get("headers", {}).items()}
    path = req.get("path", "/")
    if req.get("query"):
        path += "?" + req["query"]
    factory = getattr(RequestFactory(), req.get("method", "GET").lower())
    request = factory(path, secure=req.get("secure", False), **extra)
    with override_settings(**overrides):
        response = MIDDLEWARE[middleware](view)(request)
    return {"status": response.status_code,
            "headers": {h: response.headers[h] for h in RECORDED_HEADERS
                        if h in response.headers}}


CACHE_CONTROL = [
    (None, {"max_age": 300}),
    ("max-age=100", {"max_age": 300}),
    ("max-age=600, public", {"max_age": 300}),
    ("private", {"public": True}),
    ("public", {"private": True}),
    ("no-cache=Set-Cookie", {"no_cache": "Cookie"}),
    ("no-cache", {"no_cache": "Cookie"}),
    ("No-Store, s-maxage=10", {"must_revalidate": True, "stale_while_revalidate": 5}),
    (None, {"no_cache": True, "no_store": True, "must_revalidate": True,
            "private": True}),
]
VARY = [
    (None, ["Cookie"]),
    ("Accept-Encoding", ["Cookie", "accept-encoding"]),
    ("Cookie,  Accept", ["Accept-Language", "cookie"]),
    ("Accept", ["*"]),
    ("*", ["Cookie"]),
    # New names are not compared with each other, only with Vary's own.
    (None, ["Cookie", "cookie"]),
    ("Accept", ["Cookie", "COOKIE", "accept"]),
]

out = {"cache_control": [], "vary": []}
for initial, kwargs in CACHE_CONTROL:
    response = HttpResponse()
    if initial is not None:
        response.headers["Cache-Control"] = initial
    patch_cache_control(response, **kwargs)
    out["cache_control"].append([initial, kwargs, response.headers["Cache-Control"]])
for initial, new in VARY:
    response = HttpResponse()
    if initial is not None:
        response.headers["Vary"] = initial
    patch_vary_headers(response, new)
    out["vary"].append([initial, new, response.headers["Vary"]])
response = HttpResponse()
add_never_cache_headers(response)
out["never_cache"] = response.headers["Cache-Control"]

out["cases"] = {name: run_case(*case) for name, case in CASES.items()}
path = os.path.join(HERE, "middleware_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
