"""Middleware scenarios run on both Django (gen_middleware_expected.py) and djscratch.

name -> (middleware, settings, request, response): the request is method,
path, secure, query and headers; the response is body, status and headers.
"""

BIG = "<p>hello, compressible world</p>\n" * 40
STAMP = "Sat, 01 Jan 2022 00:00:00 GMT"

RECORDED_HEADERS = (
    "Location", "ETag", "Vary", "Content-Encoding", "X-Frame-Options",
    "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
    "Cross-Origin-Opener-Policy", "Cache-Control", "Last-Modified",
)

CASES = {
    "security_defaults": ("security", {}, {}, {}),
    "security_hsts_https": ("security", {
        "SECURE_HSTS_SECONDS": 600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True},
        {"secure": True}, {}),
    "security_hsts_http": ("security", {"SECURE_HSTS_SECONDS": 600}, {}, {}),
    "security_keeps_view_headers": ("security", {}, {}, {"headers": {
        "Referrer-Policy": "origin", "X-Content-Type-Options": "custom"}}),
    "security_ssl_redirect": ("security", {"SECURE_SSL_REDIRECT": True},
                              {"path": "/a/b/", "query": "x=1"}, {}),
    "security_ssl_exempt": ("security", {"SECURE_SSL_REDIRECT": True,
                                         "SECURE_REDIRECT_EXEMPT": ["^a/"]},
                            {"path": "/a/b/"}, {}),
    "security_referrer_list": ("security", {
        "SECURE_REFERRER_POLICY": "no-referrer, strict-origin"}, {}, {}),
    "xframe_default": ("xframe", {}, {}, {}),
    "xframe_setting": ("xframe", {"X_FRAME_OPTIONS": "sameorigin"}, {}, {}),
    "xframe_existing": ("xframe", {}, {}, {"headers": {"X-Frame-Options": "ALLOW"}}),
    "gzip_small": ("gzip", {}, {"headers": {"Accept-Encoding": "gzip"}},
                   {"body": "tiny"}),
    "gzip_big": ("gzip", {}, {"headers": {"Accept-Encoding": "gzip, br"}},
                 {"body": BIG}),
    "gzip_big_no_accept": ("gzip", {}, {}, {"body": BIG}),
    "gzip_big_gzipfoo": ("gzip", {}, {"headers": {"Accept-Encoding": "gzipfoo"}},
                         {"body": BIG}),
    "gzip_already_encoded": ("gzip", {}, {"headers": {"Accept-Encoding": "gzip"}},
                             {"body": BIG, "headers": {"Content-Encoding": "br"}}),
    "gzip_weakens_etag": ("gzip", {}, {"headers": {"Accept-Encoding": "gzip"}},
                          {"body": BIG, "headers": {"ETag": '"v1"'}}),
    "gzip_vary_appended": ("gzip", {}, {"headers": {"Accept-Encoding": "gzip"}},
                           {"body": BIG, "headers": {"Vary": "Cookie"}}),
    "cond_adds_etag": ("conditional", {}, {}, {"body": "content"}),
    "cond_etag_match": ("conditional", {}, {"headers": {
        "If-None-Match": '"9a0364b9e99bb480dd25e1f0284c8555"'}}, {"body": "content"}),
    "cond_weak_match": ("conditional", {}, {"headers": {
        "If-None-Match": 'W/"abc"'}}, {"body": "x", "headers": {"ETag": '"abc"'}}),
    "cond_star": ("conditional", {}, {"headers": {"If-None-Match": "*"}},
                  {"body": "x"}),
    "cond_modified_since": ("conditional", {}, {"headers": {
        "If-Modified-Since": STAMP}}, {"body": "x", "headers": {
            "Last-Modified": STAMP, "Cache-Control": "no-store"}}),
    "cond_modified_later": ("conditional", {}, {"headers": {
        "If-Modified-Since": "Fri, 31 Dec 2021 00:00:00 GMT"}}, {
        "body": "x", "headers": {"Last-Modified": STAMP,
                                 "Cache-Control": "no-store"}}),
    "cond_bad_date": ("conditional", {}, {"headers": {
        "If-Modified-Since": "yesterday"}}, {"body": "x", "headers": {
            "Last-Modified": STAMP, "Cache-Control": "no-store"}}),
    "cond_if_match_fails": ("conditional", {}, {"headers": {"If-Match": '"zzz"'}},
                            {"body": "x", "headers": {"ETag": '"abc"'}}),
    "cond_unmodified_since_fails": ("conditional", {}, {"headers": {
        "If-Unmodified-Since": "Fri, 31 Dec 2021 00:00:00 GMT"}}, {
        "body": "x", "headers": {"Last-Modified": STAMP,
                                 "Cache-Control": "no-store"}}),
    "cond_post_untouched": ("conditional", {}, {"method": "POST", "headers": {
        "If-None-Match": "*"}}, {"body": "x"}),
    "cond_404_untouched": ("conditional", {}, {"headers": {"If-None-Match": "*"}},
                           {"body": "x", "status": 404}),
    "cond_no_store": ("conditional", {}, {}, {"body": "x", "headers": {
        "Cache-Control": "private, no-store"}}),
    "cond_keeps_headers_on_304": ("conditional", {}, {"headers": {
        "If-None-Match": '"abc"'}}, {"body": "x", "headers": {
            "ETag": '"abc"', "Cache-Control": "max-age=60", "Vary": "Cookie",
            "X-Frame-Options": "DENY"}}),
}
