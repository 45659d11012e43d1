"""Context values for the template corpus, shared by Django and djscratch.

Imported by tests/gen_template_corpus.py under real Django, and by
tests/test_templates_corpus.py under djscratch: only the standard library
and django.utils.safestring (which both provide) are used.
"""

import datetime
import decimal

from django.utils.safestring import mark_safe

UTC = datetime.timezone.utc


class Obj:
    """An attribute bag."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def __str__(self):
        return f"Obj({self.__dict__.get('name', '?')})"


class Account:
    balance = 100

    def greeting(self):
        return "hi <there>"

    def delete(self):
        self.balance = 0
        return "DELETED"

    delete.alters_data = True

    def needs_args(self, x):
        return x

    @property
    def broken(self):
        raise KeyError("silenced?")


class Enumish:
    do_not_call_in_templates = True
    label = "enum label"

    def __call__(self):
        return "was called"


class SilentError(Exception):
    silent_variable_failure = True


class Fragile:
    @property
    def quiet(self):
        raise SilentError("shh")


class Indexable:
    def __getitem__(self, key):
        if key == "k":
            return "item-k"
        raise KeyError(key)

    attr = "attribute"


def comments():
    base = datetime.datetime(2026, 11, 21, 11, 5, tzinfo=UTC)
    return [
        Obj(author="Ann <ann@example.com>", body="First!\nSecond line",
            time=base, approved=True, score=5, tags=["x", "y"]),
        Obj(author="Bob", body="I <3 templates & \"quotes\"",
            time=base + datetime.timedelta(hours=13, minutes=30),
            approved=False, score=0, tags=[]),
        Obj(author="Cy", body="", time=base + datetime.timedelta(days=40),
            approved=True, score=12, tags=["z"]),
    ]


def base_context():
    """Return the context every corpus case renders with."""
    dt = datetime.datetime(2026, 11, 21, 11, 5, 30, tzinfo=UTC)
    return {
        "name": "Ada <Lovelace>",
        "safe_html": mark_safe("<b>bold</b>"),
        "num": 42, "neg": -7, "zero": 0, "one": 1, "two": 2,
        "flt": 3.14159, "flt2": 2.5, "flt3": 34.0, "tiny": 0.000012345,
        "dec": decimal.Decimal("1234.5678"), "big": 123456789,
        "s": "hello world", "empty": "", "none": None, "true": True,
        "false": False, "items": ["a", "b", "c"], "nums": [1, 2, 3, 4, 5],
        "empty_list": [], "numstr": "12", "digits": "12345",
        "words": "The quick brown fox jumps over the lazy dog",
        "html": "<p>Hello <b>world</b> &amp; friends</p>",
        "html_long": "<div><p>One two <em>three four five</em> six</p>"
                     "<p>seven eight</p></div>",
        "url_text": "Visit www.example.com or http://djangoproject.com/a?b=1&c=2, "
                    "mail me@example.org. (see https://x.org/path).",
        "d": datetime.date(2026, 11, 21),
        "dt": dt,
        "later": dt + datetime.timedelta(days=3, hours=4, minutes=5),
        "much_later": dt + datetime.timedelta(days=400),
        "dt_naive": datetime.datetime(2026, 3, 2, 23, 0, 9),
        "midnight": datetime.datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
        "noon": datetime.datetime(2026, 7, 4, 12, 0, tzinfo=UTC),
        "t": datetime.time(14, 30, 5),
        "people": [
            {"name": "Ann", "age": 30, "city": "Paris"},
            {"name": "Bob", "age": 25, "city": "Paris"},
            {"name": "Cy", "age": 35, "city": "Rome"},
            {"name": "Di", "age": 28, "city": "Oslo"},
        ],
        "dict": {"a": 1, "b": {"c": "deep"}, "items": "key wins", "0": "zero key"},
        "obj": Obj(name="object", value=7, inner=Obj(name="inner", value=8)),
        "comments": comments(),
        "nested": ["States", ["Kansas", ["Lawrence", "Topeka"], "Illinois"]],
        "data": {"a": "<b>", "n": [1, 2], "s": "it's"},
        "multiline": "line one\nline two\n\npara <two>",
        "quote": 'He said "hi" & \'bye\'',
        "js": "alert('x');</script>\n",
        "phone": "1-800-COLLECT",
        "bytes": 123456789, "kb": 2048, "one_byte": 1,
        "pairs": [("a", 1), ("b", 2), ("c", 3)],
        "triples": [("x", 1, True), ("y", 2, False)],
        "func": lambda: "called",
        "account": Account(),
        "enumish": Enumish(),
        "fragile": Fragile(),
        "indexable": Indexable(),
        "mixed": ["<a>", mark_safe("<b>"), "c&d"],
        "title_text": "they're bill's friends from the UK 2nd time",
        "spaces": "  padded  ",
        "long_word": "Supercalifragilisticexpialidocious",
        "template_name": "inc_item.html",
        "template_names": ["missing.html", "inc_item.html"],
        "rows": list(range(7)),
        "qd": _query_dict("a=1&page=3&x=%3Cy%3E"),
        "pk": 12, "slug": "hello-world",
    }


def _query_dict(query):
    from django.http import QueryDict

    return QueryDict(query)
