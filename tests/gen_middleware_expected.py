"""Write tests/middleware_expected.json: header values computed by Django 5.2.

    /work/ref/djvenv/bin/python tests/gen_middleware_expected.py
"""

import json
import os

from django.conf import settings

settings.configure(USE_I18N=False)

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.utils.cache import (  # noqa: E402
    add_never_cache_headers, patch_cache_control, patch_vary_headers,
)

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

path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "middleware_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
