"""The cases of tests/test_django_utils.py, run on real Django by
tests/gen_utils_expected.py and on djscratch by the test: each function takes
the django.utils modules it exercises and returns JSON-able results.
"""

import datetime
import decimal

#: Regexes of URL patterns for regex_helper.normalize() and reverse().
REGEXES = [
    r"", r"^$", r"^plain/$", r"^optional/(?P<name>.*)/(?:.+/)?$",
    r"^(?:(?P<arg1>\d+)/)?(?P<arg2>\d+)?/?$", r"^test/1/?", r"^repeats/a{2,}/$",
    r"^repeats/a{1,2}/$", r"^price/\$([0-9]+)/$", r"^[135]/x(\d+){3}y$",
    r"^lookahead/(?=a-city)(?P<city>[^/]+)/$", r"^(?!not-)(?P<slug>[\w-]+)/$",
    r"^either/(a|b)/$", r"^nested/((?:a|b)/)?(?P<x>\d+)$",
    r"^back/(?P<first>\w+)-(?P=first)/$", r"^people/(?P<name>\w+)\Z",
    r"^100%/(?P<pk>\d+)/$", r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})?/?$",
]


def normalize_cases(regex_helper):
    return [[regex, [[form, params] for form, params in regex_helper.normalize(regex)]]
            for regex in REGEXES]


#: reverse() calls against urlpatterns below: (name, args, kwargs).  (No
#: literal "%" in a pattern: Django's reverse() fails on it with ValueError,
#: djscratch's reverses it.)
REVERSES = [
    ("optional", [], {"name": "fred"}), ("optional", ["fred"], {}),
    ("two-optional", [], {}), ("two-optional", [], {"arg2": "2"}),
    ("two-optional", [], {"arg1": "1", "arg2": "2"}), ("two-optional", ["1", "2"], {}),
    ("test", [], {}), ("repeats", [], {}), ("price", ["10"], {}),
    ("lookahead", [], {"city": "a-city"}), ("year-month", [], {"year": "2024"}),
    ("year-month", [], {"year": "2024", "month": "05"}),
    ("year-month", ["2024", "05"], {}),
    ("inner", [], {"outer": "o", "inner": "7"}), ("inner", [], {"outer": "o"}),
    ("nested", [], {"x": "4"}), ("either", ["a"], {}),
]


def url_patterns(re_path, include):
    """The URLconf of REVERSES (built with the engine's re_path/include)."""
    inner = [re_path(r"^(?P<inner>\d+)?/?$", _view, name="inner")]
    return [
        re_path(REGEXES[3], _view, name="optional"),
        re_path(REGEXES[4], _view, name="two-optional"),
        re_path(REGEXES[5], _view, name="test"),
        re_path(REGEXES[6], _view, name="repeats"),
        re_path(REGEXES[8], _view, name="price"),
        re_path(REGEXES[10], _view, name="lookahead"),
        re_path(REGEXES[12], _view, name="either"),
        re_path(REGEXES[13], _view, name="nested"),
        re_path(REGEXES[17], _view, name="year-month"),
        re_path(r"^outer/(?P<outer>\w+)/", include(inner)),
    ]


def _view(request, *args, **kwargs):
    return None


def reverse_cases(reverse, NoReverseMatch):
    results = []
    for name, args, kwargs in REVERSES:
        try:
            results.append(reverse(name, args=args, kwargs=kwargs))
        except NoReverseMatch:
            results.append("NoReverseMatch")
    return results


def _number(spec):
    kind, text = spec
    return {"int": int, "float": float, "decimal": decimal.Decimal, "str": str}[kind](
        text)


#: numberformat.format() calls: (number, positional args, keyword args).
NUMBERS = [
    (("int", "1234567"), [".", None, 3, ","], {"force_grouping": True}),
    (("int", "1234567"), [".", 2], {}),
    (("decimal", "1234567.891"), [",", 2, 3, "."], {"force_grouping": True}),
    (("decimal", "-1234.5"), [".", 3], {}),
    (("decimal", "0.000001"), [".", 2], {}),
    (("decimal", "1e-300"), [".", None], {}),
    (("float", "1e+16"), [".", 2], {}),
    (("float", "9.9e-13"), [".", 13], {}),
    (("str", "12345678"), [".", None, (3, 2, 0), ","], {"force_grouping": True}),
    (("str", "-1234567.1"), [".", 1, (3, 1), " "], {"force_grouping": True}),
    (("int", "1234567"), [".", None, 3, ","], {"use_l10n": False}),
    (("str", ""), ["."], {}),
]


def number_cases(numberformat):
    return [numberformat.format(_number(number), *args, **kwargs)
            for number, args, kwargs in NUMBERS]


COLOR_SETTINGS = ["", "light", "dark", "nocolor", "error=green",
                  "error=green/blue,blink,bold", "light;error=yellow/", "notice=bogus",
                  "dark;sql_keyword=cyan,underscore;http_info=magenta/white"]


def color_cases(termcolors):
    return [termcolors.parse_color_setting(setting) for setting in COLOR_SETTINGS] + [
        termcolors.colorize("x", fg="red", bg="blue", opts=("bold", "noreset")),
        termcolors.colorize(opts=("reset",)), termcolors.colorize("y")]


def lorem_cases(lorem_ipsum, random):
    results = []
    for seed in (1, 2, 3):
        random.seed(seed)
        results.append([lorem_ipsum.words(40, common=False), lorem_ipsum.words(7),
                        lorem_ipsum.sentence(), lorem_ipsum.paragraphs(3)])
    return results


def feed_cases(feedgenerator):
    """Every writer's output for one feed with two items."""
    utc = datetime.timezone.utc
    results = []
    for cls in ("Rss201rev2Feed", "RssUserland091Feed", "Atom1Feed"):
        feed = getattr(feedgenerator, cls)(
            "Poynter E-Media Tidbits", "http://example.com/blog/", "A <b>blog</b>",
            language="en", author_name="Ann", author_email="ann@example.com",
            author_link="http://example.com/ann/", subtitle="Sub", categories=["a", 1],
            feed_url="http://example.com/feed/", feed_copyright="(c) 2024", ttl=60,
            stylesheets=["/style.xsl", feedgenerator.Stylesheet("/s.css", media="all")]
            if cls != "Atom1Feed" else None)
        feed.add_item(
            "Hello & welcome", "http://example.com/1/", "Testing <i>1</i>",
            author_name="Bob",
            pubdate=datetime.datetime(2024, 5, 1, 12, 30, tzinfo=utc),
            updateddate=datetime.datetime(2024, 5, 2, 8, 0, tzinfo=utc),
            unique_id="urn:1",
            unique_id_is_permalink=False, categories=["x"], item_copyright="mine",
            enclosures=[feedgenerator.Enclosure("http://example.com/a.mp3", "99",
                                                "audio/mpeg")], comments="/c/", ttl=5)
        feed.add_item("Two", "http://example.com/2/#frag", None,
                      author_email="c@example.com",
                      pubdate=datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=utc))
        results.append([feed.content_type, feed.num_items(), feed.writeString("utf-8")])
    dates = [datetime.datetime(2008, 11, 14, 13, 37),
             datetime.datetime(2008, 11, 14, 13, 37, tzinfo=datetime.timezone(
                 datetime.timedelta(hours=2))), datetime.date(2008, 11, 14)]
    results.append([[feedgenerator.rfc2822_date(d), feedgenerator.rfc3339_date(d)]
                    for d in dates])
    results.append(feedgenerator.get_tag_uri(
        "http://www.example.org:8000/2008/11/14/django#headline", dates[0]))
    return results


DOMAINS = ["example.com", "xn--7ca6byfyc.com", "ıçğü.com", "-bad.com",
           "a" * 64 + ".com", "localhost", "example.com.", "1.2.3.4", "",
           "exa_mple.com", ("ıçğü.com", False), ("a." * 127 + "com", True)]


def domain_cases(validators, ValidationError):
    results = []
    for domain in DOMAINS:
        value, accept_idna = domain if isinstance(domain, tuple) else (domain, True)
        try:
            validators.DomainNameValidator(accept_idna=accept_idna)(value)
            results.append("valid")
        except ValidationError as e:
            results.append(e.messages)
    return results


def misc_cases(utils):
    """Small helpers: durations, hashing, string literals, inspect."""
    duration, hashable, text, inspect = utils
    deltas = [datetime.timedelta(days=1, hours=2, seconds=3, microseconds=4),
              datetime.timedelta(0), -datetime.timedelta(days=2, minutes=5)]

    def f(a, b=1, *args, c, d=2, **kwargs):
        pass

    literals = []
    for value in ['"abc"', "'a\\'b'", '"a \\"bc\\""', "abc", "'a\""]:
        try:
            literals.append(text.unescape_string_literal(value))
        except ValueError as e:
            literals.append(str(e))
    return [
        [duration.duration_iso_string(d) for d in deltas],
        [duration.duration_microseconds(d) for d in deltas],
        repr(hashable.make_hashable({"b": [1, {"c": {2, 3} and 4}], "a": (5, [6])})),
        literals,
        [list(a) for a in inspect.get_func_full_args(f)],
        [inspect.get_func_args(f), inspect.func_accepts_kwargs(f),
         inspect.func_accepts_var_args(f), inspect.func_supports_parameter(f, "d")],
    ]


#: urlize() inputs around trailing punctuation and HTML entities.
URLIZE_TEXTS = [
    "http://example.com?x=&amp;", "http://example.com?x=&amp;;",
    "http://example.com?x=&amp;;;", "http://example.com?x=&amp.;...;",
    "see http://a.com/;", "http://a.com/?q=1;", "(http://a.com/&lt;;)",
    "http://a.com/&foo;", "http://a.com/&foo;;", "http://a.com/&amp;&amp;;.",
    "www.x.org;;", "a@b.com;", "http://x.com/&#39;;", "http://x.com/?&;",
    "http://x.com/&;;x;",
]


def urlize_cases(html):
    """urlize() of URLIZE_TEXTS, escaping and not."""
    return [[text, html.urlize(text), html.urlize(text, autoescape=True)]
            for text in URLIZE_TEXTS]
