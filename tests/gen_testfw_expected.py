"""Record real Django's answers for the HTML comparison cases of test_testcases.

It writes tests/data/html_compare_expected.json, which test_testcases.py reads.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os

import django
from django.conf import settings

settings.configure(ALLOWED_HOSTS=["testserver", "example.com"])
django.setup()

from django.test.html import parse_html  # noqa: E402
from testfw_cases import request_cases  # noqa: E402

#: (first, second) pairs: are they equal, and how often is first found in second?
CASES = [
    ("<p>Hello</p>", "<p>Hello</p>"),
    ("<p  class='a b'>Hi</p>", '<p class="b a">Hi</p>'),
    ('<input type="checkbox" checked>', '<input checked="checked" type="checkbox">'),
    ('<input checked="yes">', "<input checked>"),
    ("<br>", "<br/>"),
    ("<p>a  b\n c</p>", "<p>a b c</p>"),
    ("<p> a </p>", "<p>a</p>"),
    ("<ul><li>1</li> <li>2</li></ul>", "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>"),
    ("<p>Hello</p>", "<p>hello</p>"),
    ("<a href='x' id='y'>t</a>", "<a id='y' href='x'>t</a>"),
    ("<a href='x'>t</a>", "<a href='z'>t</a>"),
    ("<b>x</b>", "<div><b>x</b><p><b>x</b></p><b>y</b></div>"),
    ("<b>x</b><i>y</i>", "<div><b>x</b><i>y</i><b>x</b></div>"),
    ("hello", "<p>hello world, hello</p>"),
    ("<p>x</p>", "<div><p>x</p><p>x </p><p>x</p></div>"),
    ("<span>a</span> <span>b</span>", "<span>a</span><span>b</span>"),
    ("<div><p>one</p>text</div>", "<div><p>one</p> text</div>"),
    ('<select><option selected="selected">A</option></select>',
     "<select><option selected>A</option></select>"),
    ("<p>&amp; &lt;</p>", "<p>&amp; &lt;</p>"),
    ("<p>&#39;</p>", "<p>'</p>"),
    ("<p><b>x</b></p>", "<p><b>x</b> </p>"),
    ("<input value=''>", "<input value>"),
    ("<p>a</p><p>b</p>", "<div><p>a</p><p>b</p></div>"),
]


def multipart_cases():
    """Return (name, body) pairs encoded by Django's encode_multipart."""
    import io

    from django.test.client import BOUNDARY, encode_multipart

    def named(content, name):
        f = io.BytesIO(content)
        f.name = name
        return f

    cases = {
        "fields": lambda: {"a": "1", "b": ["x", "y"], "n": 3},
        "text_file": lambda: {"doc": named(b"hello", "/tmp/notes.txt")},
        "unknown_file": lambda: {"blob": named(b"\x00\x01", "data.zzqq")},
        "unnamed_file": lambda: {"raw": io.BytesIO(b"abc")},
        "files_list": lambda: {"f": [named(b"1", "a.json"), "plain"]},
        "unicode": lambda: {"name": "Zo\u00e9"},
    }
    return {name: encode_multipart(BOUNDARY, make()).decode("latin-1")
            for name, make in cases.items()}


def main():
    from django.test import RequestFactory

    with open(os.path.join(os.path.dirname(__file__), "data",
                           "request_factory_expected.json"), "w",
              encoding="utf-8") as f:
        json.dump(request_cases(RequestFactory()), f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(os.path.dirname(__file__), "data",
                           "multipart_expected.json"), "w", encoding="utf-8") as f:
        json.dump(multipart_cases(), f, indent=1)
        f.write("\n")
    results = []
    for first, second in CASES:
        a, b = parse_html(first), parse_html(second)
        results.append({"first": first, "second": second, "equal": a == b,
                        "count": b.count(a), "str_second": str(b)})
    out = os.path.join(os.path.dirname(__file__), "data",
                       "html_compare_expected.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
