"""CSRF scenarios run on both Django (gen_csrf_expected.py) and djscratch.

Each case: method, secure, the csrftoken cookie, the POST token, the
X-CSRFToken header, Origin, Referer and CSRF_TRUSTED_ORIGINS.  Tokens are
fixed strings so both sides see byte-identical requests.
"""

SECRET = "abcdefghijklmnopqrstuvwxyzABCDEF"
# SECRET masked with the mask "0123456789abcdefghijklmnopqrstuv" (Django's cipher).
OTHER = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvu"

CASES = {
    "get_no_cookie": {"method": "GET"},
    "post_no_cookie": {"method": "POST"},
    "post_no_token": {"method": "POST", "cookie": SECRET},
    "post_secret_token": {"method": "POST", "cookie": SECRET, "post": SECRET},
    "post_masked_token": {"method": "POST", "cookie": SECRET, "post": "MASKED"},
    "post_wrong_token": {"method": "POST", "cookie": SECRET, "post": OTHER},
    "post_short_token": {"method": "POST", "cookie": SECRET, "post": "abc"},
    "post_bad_chars": {"method": "POST", "cookie": SECRET, "post": "-" * 32},
    "header_token": {"method": "POST", "cookie": SECRET, "header": SECRET},
    "header_wrong": {"method": "POST", "cookie": SECRET, "header": OTHER},
    "header_short": {"method": "PUT", "cookie": SECRET, "header": "x"},
    "post_wins_over_header": {"method": "POST", "cookie": SECRET, "post": OTHER,
                              "header": SECRET},
    "cookie_short": {"method": "POST", "cookie": "short", "post": SECRET},
    "cookie_bad_chars": {"method": "POST", "cookie": "!" * 32, "post": SECRET},
    "cookie_masked_legacy": {"method": "POST", "cookie": "MASKED", "post": SECRET},
    "delete_no_token": {"method": "DELETE", "cookie": SECRET},
    "origin_same": {"method": "POST", "cookie": SECRET, "post": SECRET,
                    "origin": "http://testserver"},
    "origin_other_scheme": {"method": "POST", "cookie": SECRET, "post": SECRET,
                            "origin": "https://testserver"},
    "origin_foreign": {"method": "POST", "cookie": SECRET, "post": SECRET,
                       "origin": "https://evil.example"},
    "origin_null": {"method": "POST", "cookie": SECRET, "post": SECRET,
                    "origin": "null"},
    "origin_trusted": {"method": "POST", "cookie": SECRET, "post": SECRET,
                       "origin": "https://app.example.com",
                       "trusted": ["https://app.example.com"]},
    "origin_wildcard": {"method": "POST", "cookie": SECRET, "post": SECRET,
                        "origin": "https://a.b.example.org",
                        "trusted": ["https://*.example.org"]},
    "origin_wildcard_scheme": {"method": "POST", "cookie": SECRET, "post": SECRET,
                               "origin": "http://a.example.org",
                               "trusted": ["https://*.example.org"]},
    "origin_wildcard_suffix": {"method": "POST", "cookie": SECRET, "post": SECRET,
                               "origin": "https://evilexample.org",
                               "trusted": ["https://*.example.org"]},
    "https_no_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                         "post": SECRET},
    "https_same_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                           "post": SECRET, "referer": "https://testserver/page/"},
    "https_insecure_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                               "post": SECRET, "referer": "http://testserver/"},
    "https_foreign_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                              "post": SECRET, "referer": "https://evil.example/x"},
    "https_malformed_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                                "post": SECRET, "referer": "https://"},
    "https_trusted_referer": {"method": "POST", "secure": True, "cookie": SECRET,
                              "post": SECRET, "referer": "https://app.example.com/",
                              "trusted": ["https://app.example.com"]},
    "https_origin_beats_referer": {"method": "POST", "secure": True,
                                   "cookie": SECRET, "post": SECRET,
                                   "origin": "https://testserver"},
}


def mask(secret, mask="0123456789abcdefghijklmnopqrstuv"):
    """Return Django's masked form of `secret` for a given mask."""
    chars = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    return mask + "".join(chars[(chars.index(s) + chars.index(m)) % len(chars)]
                          for s, m in zip(secret, mask))


def resolve(value):
    return mask(SECRET) if value == "MASKED" else value
