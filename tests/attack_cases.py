"""Hostile requests, as data, for tests/test_attacks.py and its Django oracle.

Plain Python (no djscratch, no Django), so that tests/gen_attacks_expected.py
can run the same requests through real Django 5.2 and record what it answers.
Each case: a unique name, the request (method, PATH_INFO as the server
decodes it, i.e. latin-1 for raw bytes, QUERY_STRING, body as latin-1 text,
content type, extra environ keys) and flags:
  body_compare: compare the response body with Django's too (templates, JSON);
  header_compare: the name of a header whose values must equal Django's;
  differs: djscratch's status on purpose differs from Django's; the value is
           (djscratch_status, reason) and the test checks that status.
"""

CSRF_SECRET = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6"  # 32 allowed characters
CSRF_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def mask_token(secret, mask):
    """Return the 64-character masked form of `secret` (Django's scheme)."""
    pairs = zip((CSRF_CHARS.index(c) for c in secret),
                (CSRF_CHARS.index(c) for c in mask))
    cipher = "".join(CSRF_CHARS[(x + y) % len(CSRF_CHARS)] for x, y in pairs)
    return mask + cipher


def multipart(parts, boundary="XyZ"):
    """Return a multipart/form-data body: parts are (name, filename, data)."""
    lines = []
    for name, filename, data in parts:
        lines.append("--" + boundary)
        disposition = 'form-data; name="%s"' % name
        if filename is not None:
            disposition += '; filename="%s"' % filename
        lines.append("Content-Disposition: " + disposition)
        if filename is not None:
            lines.append("Content-Type: application/octet-stream")
        lines.append("")
        lines.append(data)
    lines.append("--" + boundary + "--")
    lines.append("")
    return "\r\n".join(lines)


FORM = "application/x-www-form-urlencoded"
UTF = "djscratch answers 400 to text that is not valid UTF-8 (Django replaces it)"
NUL = "djscratch answers 400 to a NUL byte in the path (Django: 404)"
MP = ("djscratch's multipart parser refuses a body without its closing boundary "
      "and a part without a name (Django skips them)")
TRAV = "djscratch answers 404 to '..' in a static path (Django: 400)"
MULTI = "multipart/form-data; boundary=XyZ"


def case(name, path="/", query="", method="GET", body="", content_type=None,
         env=None, **flags):
    return dict(name=name, path=path, query=query, method=method, body=body,
                content_type=content_type, env=env or {}, **flags)


CASES = [
    # -- Request line and path.
    case("path_nul", "/search/\x00", differs=(400, NUL)),
    case("path_nul_in_middle", "/sea\x00rch/", differs=(400, NUL)),
    case("path_overlong_utf8_slash", "/\xc0\xaf/etc/passwd", differs=(400, UTF)),
    case("path_invalid_utf8", "/search/\xff\xfe/", differs=(400, UTF)),
    case("path_dotdot", "/../../etc/passwd"),
    case("path_dotdot_to_view", "/static/../search/", differs=(404, TRAV)),
    case("path_very_long", "/" + "a" * 20000),
    case("path_many_slashes", "/" * 5000),
    case("path_encoded_dot_literal", "/items/%2e%2e/"),
    case("path_int_overflow_url", "/items/" + "9" * 400 + "/"),
    case("path_negative_int", "/items/-1/"),
    case("path_unicode", "/search/\xe2\x80\xae/"),
    case("path_double_slash_host", "//evil.example/"),
    case("path_backslash", "/\\evil.example/"),
    case("method_unknown", "/", method="FOO", env={"_raw": True}),
    case("method_lowercase", "/", method="get", env={"_raw": True}),
    # -- Query strings.
    case("query_invalid_utf8", "/search/", "q=%ff%fe%c0%af", body_compare=True),
    case("query_lone_surrogate_escape", "/search/", "q=%ed%a0%80", body_compare=True),
    case("query_nul", "/search/", "q=a%00b", body_compare=True),
    case("query_semicolons_not_separators", "/search/", "q=a;i=b", body_compare=True),
    case("query_duplicate_keys", "/search/", "i=1&i=2&i=%3Cb%3E", body_compare=True),
    case("query_1000_fields", "/search/", "&".join(["i=1"] * 1000)),
    case("query_1001_fields", "/search/", "&".join(["i=1"] * 1001)),
    case("query_10000_fields", "/search/", "&".join(["i=1"] * 10000)),
    case("query_huge_value", "/search/", "q=" + "x" * 200000),
    case("query_bare_percent", "/search/", "q=%&i=%2", body_compare=True),
    case("query_empty_pairs", "/search/", "&&&=&=x&q", body_compare=True),
    case("query_plus_and_space", "/search/", "q=a+b%20c", body_compare=True),
    case("query_10000_fields_unread", "/", "&".join(["i=1"] * 10000),
         differs=(400, "djscratch validates a large query string before any view")),
    # -- Forms (an API view without CSRF, so only parsing is tested).
    case("form_simple", "/form-echo/", method="POST", body="q=1&q=2", content_type=FORM,
         body_compare=True),
    case("form_invalid_utf8", "/form-echo/", method="POST", body="q=%ff%fe",
         content_type=FORM, differs=(400, UTF)),
    case("form_raw_invalid_utf8", "/form-echo/", method="POST", body="q=\xff\xfe",
         content_type=FORM, differs=(400, UTF)),
    case("form_bogus_charset", "/form-echo/", method="POST", body="q=1",
         content_type=FORM + "; charset=no-such-codec"),
    case("form_latin1_charset", "/form-echo/", method="POST", body="q=%e9",
         content_type=FORM + "; charset=latin-1"),
    case("form_1000_fields", "/form-echo/", method="POST",
         body="&".join(["a=1"] * 1000), content_type=FORM, body_compare=True),
    case("form_1001_fields", "/form-echo/", method="POST",
         body="&".join(["a=1"] * 1001), content_type=FORM),
    case("form_10000_fields", "/form-echo/", method="POST",
         body="&".join(["a=1"] * 10000), content_type=FORM),
    case("form_body_over_limit", "/form-echo/", method="POST",
         body="q=" + "x" * (2621440 + 10), content_type=FORM),
    case("form_body_at_limit", "/form-echo/", method="POST",
         body="q=" + "x" * (2621440 - 2), content_type=FORM),
    case("form_semicolon_body", "/form-echo/", method="POST", body="q=1;q=2",
         content_type=FORM, body_compare=True),
    case("form_content_length_not_a_number", "/form-echo/", method="POST",
         body="q=1", content_type=FORM, env={"CONTENT_LENGTH": "abc"},
         differs=(400, "an invalid Content-Length is a 400 (Django: 500)")),
    case("form_content_length_negative", "/form-echo/", method="POST", body="q=1",
         content_type=FORM, env={"CONTENT_LENGTH": "-5"},
         differs=(400, "a negative Content-Length is a 400 (Django reads no body)")),
    case("form_content_length_short", "/form-echo/", method="POST", body="q=1&q=2",
         content_type=FORM, env={"CONTENT_LENGTH": "3"}, body_compare=True),
    case("form_content_length_long", "/form-echo/", method="POST", body="q=1",
         content_type=FORM, env={"CONTENT_LENGTH": "100"}, body_compare=True),
    case("form_no_content_type", "/form-echo/", method="POST", body="q=1",
         body_compare=True),
    case("json_invalid", "/json/", method="POST", body="{",
         content_type="application/json"),
    case("json_not_object", "/json/", method="POST", body="[1]",
         content_type="application/json"),
    case("json_deep_nesting", "/json/", method="POST", body="[" * 100000,
         content_type="application/json"),
    case("json_script_text", "/json/", method="POST",
         body='{"a": "</script><script>alert(1)</script>"}',
         content_type="application/json", body_compare=True),
    case("json_invalid_utf8", "/json/", method="POST", body='{"a": "\xff"}',
         content_type="application/json"),
    # -- Multipart.
    case("multipart_missing_boundary", "/upload/", method="POST",
         body=multipart([("q", None, "1")]), content_type="multipart/form-data"),
    case("multipart_empty_boundary", "/upload/", method="POST",
         body=multipart([("q", None, "1")]),
         content_type="multipart/form-data; boundary="),
    case("multipart_bad_boundary_chars", "/upload/", method="POST",
         body="x", content_type="multipart/form-data; boundary=\"a\x01b\""),
    case("multipart_wrong_boundary", "/upload/", method="POST",
         body=multipart([("q", None, "1")], boundary="Other"), content_type=MULTI,
         differs=(400, MP)),
    case("multipart_one_file", "/upload/", method="POST",
         body=multipart([("f", "a.txt", "hello"), ("q", None, "1")]),
         content_type=MULTI, body_compare=True),
    case("multipart_100_files", "/upload/", method="POST",
         body=multipart([("f", "a%d.txt" % i, "x") for i in range(100)]),
         content_type=MULTI, body_compare=True),
    case("multipart_101_files", "/upload/", method="POST",
         body=multipart([("f", "a%d.txt" % i, "x") for i in range(101)]),
         content_type=MULTI),
    case("multipart_1001_fields", "/upload/", method="POST",
         body=multipart([("q%d" % i, None, "x") for i in range(1001)]),
         content_type=MULTI),
    case("multipart_truncated", "/upload/", method="POST",
         body=multipart([("f", "a.txt", "hello")])[:-12], content_type=MULTI,
         differs=(400, MP)),
    case("multipart_huge_part_header", "/upload/", method="POST",
         body="--XyZ\r\nContent-Disposition: form-data; name=\"q\"\r\nX-Pad: "
         + "p" * 200000 + "\r\n\r\n1\r\n--XyZ--\r\n", content_type=MULTI),
    case("multipart_no_disposition", "/upload/", method="POST",
         body="--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--\r\n",
         content_type=MULTI, differs=(400, MP)),
    case("multipart_path_in_filename", "/upload/", method="POST",
         body=multipart([("f", "../../etc/passwd", "x")]), content_type=MULTI,
         body_compare=True),
    case("multipart_windows_path_in_filename", "/upload/", method="POST",
         body=multipart([("f", "C:\\win\\evil.exe", "x")]), content_type=MULTI,
         body_compare=True),
    case("multipart_nul_in_filename", "/upload/", method="POST",
         body=multipart([("f", "a\x00b.txt", "x")]), content_type=MULTI,
         body_compare=True),
    case("multipart_dotdot_filename", "/upload/", method="POST",
         body=multipart([("f", "..", "x"), ("f", "ok.txt", "y")]), content_type=MULTI,
         body_compare=True),
    case("multipart_html_entities_in_filename", "/upload/", method="POST",
         body=multipart([("f", "a&amp;b&#47;..&#x2F;c.txt", "x")]), content_type=MULTI,
         body_compare=True),
    case("multipart_rfc2231_traversal_filename", "/upload/", method="POST",
         body="--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
         "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd\r\n\r\nx\r\n--XyZ--\r\n",
         content_type=MULTI, body_compare=True),
    case("multipart_nul_in_field_name", "/upload/", method="POST",
         body=multipart([("q\x00x", None, "1")]), content_type=MULTI,
         body_compare=True),
    case("multipart_base64_field", "/upload/", method="POST",
         body="--XyZ\r\nContent-Disposition: form-data; name=\"q\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\nPHNjcmlwdD4=\r\n--XyZ--\r\n",
         content_type=MULTI, body_compare=True),
    case("multipart_field_over_limit", "/upload/", method="POST",
         body=multipart([("q", None, "x" * (2621440 + 10))]), content_type=MULTI),
    case("multipart_garbage", "/upload/", method="POST", body="\x00" * 1000,
         content_type=MULTI, differs=(400, MP)),
    # -- Host and other headers.
    case("host_foreign", "/", env={"HTTP_HOST": "evil.example"}),
    case("host_with_userinfo", "/", env={"HTTP_HOST": "testserver@evil.example"}),
    case("host_bad_port", "/", env={"HTTP_HOST": "testserver:abc"}),
    case("host_crlf", "/", env={"HTTP_HOST": "testserver\r\nX-Injected: 1"}),
    case("host_trailing_dot", "/", env={"HTTP_HOST": "testserver."}),
    case("host_uppercase", "/", env={"HTTP_HOST": "TESTSERVER"}),
    case("host_with_port", "/", env={"HTTP_HOST": "testserver:8000"}),
    case("host_very_long", "/", env={"HTTP_HOST": "a" * 5000}),
    case("host_non_ascii", "/", env={"HTTP_HOST": "t\xe9stserver"}),
    case("host_empty", "/", env={"HTTP_HOST": ""}),
    case("host_forwarded_proto_ignored", "/login/", "next=https://testserver/",
         env={"HTTP_X_FORWARDED_PROTO": "https"}),
    case("if_modified_since_garbage", "/static/css/site.css",
         env={"HTTP_IF_MODIFIED_SINCE": "\x00garbage, 99 Foo 99999"}),
    case("if_none_match_garbage", "/static/css/site.css",
         env={"HTTP_IF_NONE_MATCH": "\"a\", W/, *x, \x01"}),
    case("if_modified_since_far_future", "/static/css/site.css",
         env={"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 9999 00:00:00 GMT"}),
    case("messages_cookie_tampered", "/contact/",
         env={"HTTP_COOKIE": "messages=W1siX19qc29uX21lc3NhZ2UiXV0:forged"}),
    case("host_forwarded_ignored", "/", env={"HTTP_X_FORWARDED_HOST": "evil.example"}),
    case("host_ipv6_garbage", "/", env={"HTTP_HOST": "[::1"}),
    case("cookie_malformed", "/session/get/",
         env={"HTTP_COOKIE": "a=b; c; =d; ;; e=\"f; sessionid=garbage"}),
    case("cookie_many_pairs", "/session/get/",
         env={"HTTP_COOKIE": "; ".join("c%d=v" % i for i in range(2000))}),
    case("cookie_huge", "/session/get/", env={"HTTP_COOKIE": "big=" + "x" * 100000}),
    case("cookie_tampered_session", "/session/get/",
         env={"HTTP_COOKIE": "sessionid=eyJ2IjoiYWRtaW4ifQ:1abcde:forged"}),
    case("cookie_nul", "/session/get/", env={"HTTP_COOKIE": "sessionid=\x00\x01"}),
    # -- CSRF (a form view: POST needs the token).
    case("csrf_missing_cookie_and_token", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example", content_type=FORM),
    case("csrf_cookie_but_no_token", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example", content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_wrong_token", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example&csrfmiddlewaretoken=" + "B" * 32,
         content_type=FORM, env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_token_bad_characters", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + "!" * 32, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_token_wrong_length", "/contact/", method="POST",
         body="csrfmiddlewaretoken=abc", content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_cookie_wrong_length", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=short"}),
    case("csrf_good_unmasked", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example&csrfmiddlewaretoken=" + CSRF_SECRET,
         content_type=FORM, env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_good_masked", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example&csrfmiddlewaretoken="
         + mask_token(CSRF_SECRET, "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp"),
         content_type=FORM, env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    case("csrf_good_header", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example", content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET,
              "HTTP_X_CSRFTOKEN": CSRF_SECRET}),
    case("csrf_replayed_token_other_cookie", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + "Q" * 32}),
    case("csrf_foreign_origin", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET,
              "HTTP_ORIGIN": "http://evil.example"}),
    case("csrf_null_origin", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET, "HTTP_ORIGIN": "null"}),
    case("csrf_same_origin", "/contact/", method="POST",
         body="name=a&age=1&email=a%40b.example&csrfmiddlewaretoken=" + CSRF_SECRET,
         content_type=FORM, env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET,
                                 "HTTP_ORIGIN": "http://testserver"}),
    case("csrf_https_no_referer", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET, "wsgi.url_scheme": "https"}),
    case("csrf_https_foreign_referer", "/contact/", method="POST",
         body="csrfmiddlewaretoken=" + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET, "wsgi.url_scheme": "https",
              "HTTP_REFERER": "https://evil.example/"}),
    case("csrf_put_without_token", "/contact/", method="PUT", body="x"),
    case("csrf_form_shows_escaped_input", "/contact/", method="POST",
         body="name=%3Cscript%3E&age=x%22%3E&email=%3Cb%3E&csrfmiddlewaretoken="
         + CSRF_SECRET, content_type=FORM,
         env={"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}),
    # -- Redirects through next= and unchecked targets.
    case("next_local", "/login/", "next=/search/"),
    case("next_protocol_relative", "/login/", "next=//evil.example/"),
    case("next_absolute_foreign", "/login/", "next=https://evil.example/"),
    case("next_backslash", "/login/", "next=/%5Cevil.example/"),
    case("next_backslashes", "/login/", "next=%5C%5Cevil.example"),
    case("next_javascript", "/login/", "next=javascript:alert(1)"),
    case("next_data", "/login/", "next=data:text/html,x"),
    case("next_whitespace_prefix", "/login/", "next=%20//evil.example"),
    case("next_tab_inside", "/login/", "next=/%09/evil.example"),
    case("next_control_char", "/login/", "next=%01//evil.example"),
    case("next_same_host_absolute", "/login/", "next=http://testserver/x/"),
    case("next_userinfo_trick", "/login/", "next=http://testserver@evil.example/"),
    case("next_triple_slash", "/login/", "next=///evil.example"),
    case("next_https_scheme_mismatch", "/login/", "next=https://testserver/"),
    case("cookie_value_with_crlf", "/prefs/", "v=x%0d%0aSet-Cookie:%20evil=1",
         header_compare="Set-Cookie"),
    case("cookie_value_with_semicolon", "/prefs/", "v=a;%20Domain=evil.example",
         header_compare="Set-Cookie"),
    case("cookie_value_with_quotes", "/prefs/", "v=%22a%22%5C%2C%20b",
         header_compare="Set-Cookie"),
    case("cookie_value_non_ascii", "/prefs/", "v=%C3%A9%E2%80%AE",
         header_compare="Set-Cookie"),
    case("go_crlf_in_target", "/go/", "to=/x%0d%0aSet-Cookie:%20a=b",
         differs=(400, "djscratch refuses control characters in redirects")),
    case("go_javascript_scheme", "/go/", "to=javascript:alert(1)"),
    case("go_non_ascii", "/go/", "to=/caf%C3%A9/%E2%80%AE"),
    # -- Templates and XSS: every place the search page prints q.
    case("xss_script_tag", "/search/", "q=%3Cscript%3Ealert(1)%3C/script%3E",
         body_compare=True),
    case("xss_attribute_break", "/search/", "q=%22%20onmouseover=%22alert(1)",
         body_compare=True),
    case("xss_single_quote", "/search/", "q=%27);alert(1)//", body_compare=True),
    case("xss_close_script", "/search/", "q=%3C/script%3E%3Cscript%3Ealert(1)",
         body_compare=True),
    case("xss_js_line_separators", "/search/", "q=%E2%80%A8%E2%80%A9%5C",
         body_compare=True),
    case("xss_template_syntax_not_run", "/search/",
         "q=%7B%7B%207*7%20%7D%7D%7B%25%20debug%20%25%7D", body_compare=True),
    case("xss_html_entities", "/search/", "q=%26lt;b%26gt;%26amp;", body_compare=True),
    case("xss_items_list", "/search/", "i=%3Cimg%20src=x%20onerror=alert(1)%3E",
         body_compare=True),
    case("xss_backtick_and_dollar", "/search/", "q=%60${alert(1)}%60",
         body_compare=True),
    # -- Static files and django.views.static.serve.
    case("static_ok", "/static/css/site.css"),
    case("static_traversal", "/static/../attack_outside.txt", differs=(404, TRAV)),
    case("static_traversal_deep", "/static/css/../../attack_outside.txt",
         differs=(404, TRAV)),
    case("static_encoded_traversal", "/static/%2e%2e/attack_outside.txt"),
    case("static_double_encoded_traversal", "/static/%252e%252e/attack_outside.txt"),
    case("static_absolute", "/static//etc/passwd"),
    case("static_backslash", "/static/css\\..\\..\\attack_outside.txt"),
    case("static_nul", "/static/css/site.css\x00.txt", differs=(400, NUL)),
    case("static_directory", "/static/css/"),
    case("static_missing", "/static/nope.css"),
    case("static_post", "/static/css/site.css", method="POST",
         differs=(404, "static files are served for GET and HEAD only and are not "
                  "in the URLconf (the oracle routes them through a view)")),
    case("media_ok", "/media/css/site.css"),
    case("media_traversal", "/media/../attack_outside.txt", differs=(404, TRAV)),
    case("media_traversal_deep", "/media/css/../../attack_outside.txt",
         differs=(404, TRAV)),
    case("media_absolute", "/media//etc/passwd"),
    case("media_nul", "/media/css/\x00", differs=(400, NUL)),
    case("media_directory", "/media/css/"),
    # -- Error pages with DEBUG off.
    case("error_404_echoes_nothing", "/%3Cscript%3Enope/"),
    case("path_protocol_relative_no_route", "//evil.example"),
    case("error_400_bad_host_page", "/", env={"HTTP_HOST": "<script>.example"}),
]


# -- Inputs for pure functions, compared one by one with Django's results.

COOKIE_STRINGS = [
    "", "a=b", "a=b; c=d", "a=b;c=d", "a=b; a=c", "sessionid=x; sessionid=y",
    "a", "=b", "a=", ";;;", "a=b; ; c=d", 'a="b"', 'a="b; c=d"', 'a="\\"x\\""',
    "a=b c", " a = b ", "a=b\x00; c=d", "a=\x00", "a=é", "é=a", "a=%41",
    "$Version=1; a=b", "a=b, c=d", "a=b;\tc=d", "a=b=c", "a==b", "[a]=b",
    "a=b; Path=/; c=d", "a=" + "x" * 5000, "; ".join("k%d=v" % i for i in range(50)),
]

QUERY_STRINGS = [
    "", "a=1", "a=1&a=2", "a=1;b=2", "a", "a=", "=1", "&&", "a=1&&b=2", "a=%41",
    "a=%", "a=%4", "a=%zz", "a=%ff", "a=%c0%af", "a=%ed%a0%80", "a=+", "a=%2B",
    "a=1=2", "a[]=1&a[]=2", "%00=%00", "a=%E2%80%AE", "a=\xe9", "a=1&b",
    "&a=1&", "a=%0d%0aX:1", "a=" + "%41" * 100,
]

REDIRECT_URLS = [
    "", "/", "/ok/", "ok/", "?next=1", "#frag", "//evil.example", "///evil.example",
    "////evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
    "http://evil.example", "https://evil.example/", "http://testserver/",
    "https://testserver/", "HTTP://testserver/", "http:/evil.example",
    "http:evil.example", "http://testserver@evil.example/",
    "http://evil.example@testserver/", "http://testserver:80/", "http://testserver:8000/",
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
    "jav\tascript:alert(1)", "data:text/html,x", "ftp://testserver/",
    "\x01//evil.example", "/\x01/evil.example", "http:///evil.example",
    "http://[::1]/", "http://évil.example/", "/%2F/evil.example", "/%5Cevil.example",
    "mailto:a@testserver", "//testserver/", "\x00", "http://testserver\x00.evil/",
    "\u3000//evil.example", "https:\\\\evil.example",
]

TEXTS = [
    "", "plain", "<script>alert(1)</script>", "\"'&<>", "</script>", "<!--", "-->",
    "\u2028\u2029", "\\", "`${x}`", "\x00\x01\x1f", "é\u202e", "{{ x }}", "{% x %}",
    "a\r\nb", "&amp;", "javascript:alert(1)", "\ud7ff\ue000", "=cmd|' /C calc'!A0",
    "<img src=x onerror=alert(1)>", "a\tb", "\U0001f600",
]

FILENAMES = [
    "a.txt", "../../etc/passwd", "C:\\win\\a.exe", "..", ".", "", " a b .txt",
    "a\x00b.txt", "<script>.txt", "a/b/c.txt", "name with spaces.tar.gz",
    "über.txt", "a" * 300 + ".txt", "$(rm -rf).sh", "a;b|c&d.txt",
]

# Form fields and hostile values: every pair must validate (or not) as in
# Django, within the time bound; (field class, keyword arguments).
FORM_FIELDS = {
    "char": ("CharField", {"max_length": 50}),
    "integer": ("IntegerField", {}),
    "integer_bounded": ("IntegerField", {"min_value": 0, "max_value": 150}),
    "decimal": ("DecimalField", {"max_digits": 8, "decimal_places": 2}),
    "float": ("FloatField", {}),
    "email": ("EmailField", {}),
    "url": ("URLField", {"assume_scheme": "http"}),
    "slug": ("SlugField", {}),
    "date": ("DateField", {}),
    "datetime": ("DateTimeField", {}),
    "uuid": ("UUIDField", {}),
    "json": ("JSONField", {}),
    "ip": ("GenericIPAddressField", {}),
    "choice": ("ChoiceField", {"choices": [("a", "A"), ("b", "B")]}),
    "boolean": ("BooleanField", {"required": False}),
    "regex": ("RegexField", {"regex": r"^[a-z]+$"}),
}

FORM_VALUES = [
    "", " ", "1", "-0", " 12 ", "1_000", "0x10", "1e3", "1e1000000", "-1e1000000",
    "NaN", "inf", "-Infinity", "9" * 30, "1" * 5000, "0." + "0" * 5000 + "1",
    "\u0661\u0662\u0663", "\x00", "a\x00b", "<script>", "a" * 1000,
    "a" * 10000 + "@example.com", "a@" + "b" * 300 + ".com",
    "user@[127.0.0.1]", "user@localhost", "http://" + "a" * 10000 + ".com",
    "http://example.com/" + "a" * 10000, "javascript:alert(1)", "http://[::1]:80/",
    "//example.com", "2024-02-30", "0000-00-00", "9999-12-31 23:59:59",
    "2024-01-01T00:00:00+99:00", "1" * 100 + "-01-01", "{}", "[" * 3000,
    "[" * 50000, '{"a": 1e999}', "null", "::ffff:127.0.0.1", "1.2.3.4.5",
    "256.1.1.1", "fe80::1%eth0", "a", "b", "true", "on",
    "00000000-0000-0000-0000-000000000000", "{12345678-1234-5678-1234-567812345678}",
]

# Text for the text filters that Django has had denial-of-service fixes in
# (urlize, strip_tags, truncation of HTML): results must equal Django's.
HTML_TEXTS = TEXTS + [
    "see http://example.com/a?b=c&d=e. ok", "mail a@b.example, now",
    "www.example.com/<script>", "http://evil.example/\"onmouseover=\"x",
    "<a href=\"javascript:alert(1)\">x</a>", "<p>one <b>two</b> three</p>",
    "<<<<>>>>", "<!-- <script> -->", "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;", "((((http://example.com))))", "x@y@z.com",
    "http://[::1]:80/a", "https://example.com/" + "a/" * 20, "<" * 50, "&" * 20,
    "<img src=x onerror=alert(1)//", "</p><p>", "a\n\nb\nc",
]

#: Names for Content-Disposition headers (FileResponse's filename argument).
DISPOSITION_NAMES = [
    "a.txt", "a b.txt", 'a"b.txt', "a\\b.txt", "a;b.txt", "é.txt",
    "\u202etxt.exe", "a\r\nX-Injected: 1.txt", "../../etc/passwd", "",
    "%41.txt", "a\tb.txt",
]
