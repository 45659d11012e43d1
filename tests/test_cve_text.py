"""Django's security fixes in templates, filters and text utilities.

One test per CVE (named after it) that applies to djscratch. Denial-of-service
tests feed the attack input of Django's own regression test, or one shaped
like it, and give the call a generous budget of CPU time (the process's own, so
a busy machine does not count against it): a vulnerable version takes many
seconds (or minutes) on it. Expected outputs come from Django 5.2.
"""

import decimal
import hashlib
import time
import unittest

import djscratch
from djscratch import SuspiciousOperation, Truncator, override_settings, strip_tags

from . import TEST_SETTINGS

BUDGET = 2.0  #: CPU seconds; the attack inputs below took from 3 s to minutes


class _Timed(unittest.TestCase):
    def timed(self, func, *args, **kwargs):
        """Call func(*args, **kwargs); fail if it takes more CPU than BUDGET."""
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            self.assertLess(time.process_time() - started, BUDGET, func.__name__)


@override_settings(**TEST_SETTINGS)
class FloatformatTests(_Timed):
    def test_cve_2024_41989_floatformat_huge_exponent_returns_input(self):
        floatformat = djscratch._f_floatformat
        cases = ["1e300000", "-1e300000", "1e-300000", "-1e-300000", "1E200",
                 "1e10000000000000000", "-1E10000000000000000", "1" + "0" * 200]
        for value in cases:
            with self.subTest(value=value[:20]):
                self.assertEqual(self.timed(floatformat, value, 2), value)
        self.assertEqual(self.timed(floatformat, decimal.Decimal("1e300000"), 2),
                         "1E+300000")
        self.assertEqual(floatformat("1e199"), "1" + "0" * 199)  # 200 digits: kept

    def test_cve_2024_41989_floatformat_in_a_template(self):
        template = djscratch.Engine().from_string("{{ v|floatformat:2 }}")
        out = self.timed(template.render, djscratch.Context({"v": "1e300000"}))
        self.assertEqual(out, "1e300000")

    def test_cve_2019_6975_number_format_many_digits_uses_scientific_notation(self):
        cases = [(decimal.Decimal("1e300000"), 2, False, "1.00e+300000"),
                 (decimal.Decimal("1" + "0" * 300), 3, False, "1.000e+300"),
                 (decimal.Decimal("1" * 301), 2, True, "1.11e+300"),
                 (decimal.Decimal("0." + "0" * 299 + "1234"), 3, False, "0.000"),
                 (decimal.Decimal("-1e-300000"), 2, False, "0.00"),
                 (decimal.Decimal("1e-300000"), None, False, "1e-300000")]
        for value, places, grouping, expected in cases:
            with self.subTest(value=str(value)[:20], places=places):
                self.assertEqual(self.timed(djscratch.number_format, value, places,
                                            force_grouping=grouping), expected)


class StripTagsTests(_Timed):
    def test_cve_2025_32873_strip_tags_many_unclosed_tags_is_suspicious(self):
        for value in ["<a>" + "<b" * 100000, ">" + "<a" * 501, "<a" * 50 + "a" * 950]:
            with self.subTest(value=value[:20]):
                with self.assertRaises(SuspiciousOperation):
                    self.timed(strip_tags, value)
        # Under the limits the text comes back, as in Django.
        self.assertEqual(strip_tags("<a" * 49 + "a" * 951), "<a" * 49 + "a" * 951)
        self.assertEqual(strip_tags("<" + "a" * 1002), "<" + "a" * 1002)
        self.assertEqual(strip_tags(">" + "<a" * 500 + "a"), ">" + "<a" * 500 + "a")

    def test_cve_2025_32873_striptags_in_a_template_is_a_400(self):
        template = djscratch.Engine().from_string("{{ v|striptags }}")
        with self.assertRaises(SuspiciousOperation):
            self.timed(template.render,
                       djscratch.Context({"v": "<a>" + "<b" * 100000}))

    def test_cve_2024_53907_strip_tags_nesting_deeper_than_50_is_suspicious(self):
        with self.assertRaises(SuspiciousOperation):
            strip_tags("<" * 51 + "a>" * 51)
        self.assertEqual(strip_tags("<" * 50 + "a>" * 50), "")  # 50 rounds: fine
        self.assertEqual(strip_tags("X<<<<br>br>br>br>X"), "XX")

    def test_cve_2019_14233_strip_tags_incomplete_entities(self):
        value = "><!" + "&" * 16000 + "D"
        self.assertEqual(self.timed(strip_tags, value), value)
        self.assertEqual(strip_tags("&gotcha&#;<>"), "&gotcha&#;<>")
        self.assertEqual(strip_tags("<script>alert()</script>&h"), "alert()h")

    def test_strip_tags_bad_marked_section_is_a_bogus_comment(self):
        # Python's parser (3.11) fails an assert here: Django answers a 500.
        self.assertEqual(strip_tags("<![" * 10000 + ">"), "")
        self.assertEqual(strip_tags("a<![foo]>b"), "ab")
        self.assertEqual(strip_tags("a<![<![ x>b<![y"), "ab<![y")
        self.assertEqual(strip_tags("a<![if x]>b<![endif]>c"), "abc")  # as Django
        self.assertEqual(strip_tags("<![CDATA[x]]>y"), "y")

    def test_strip_tags_unclosed_markup_after_the_last_gt_is_linear(self):
        # Python's parser searches the rest of the text for a ">" at every
        # one of these: quadratic (Django takes 4 s on 100 KB of "<!--x").
        for piece in ["<![", "<!x", "</x", "<?x", "<!--x", "<![CDATA[", "<![if "]:
            value = ">" + piece * 100000
            with self.subTest(piece=piece):
                self.assertEqual(self.timed(strip_tags, value), value)


class TruncatorTests(_Timed):
    def test_cve_2019_14232_truncator_html_long_tag_with_tabs(self):
        value = "</a" + "\t" * 50000 + "//>"
        self.assertEqual(self.timed(Truncator(value).words, 500, html=True), "</a>")
        self.assertEqual(self.timed(Truncator(value).chars, 500, html=True), "</a>")

    def test_cve_2023_43665_truncator_html_long_malformed_input(self):
        value = "<" * 60000
        self.assertEqual(self.timed(Truncator(value).words, 1, html=True), "&lt;…")
        self.assertEqual(self.timed(Truncator(value).chars, 5, html=True),
                         "&lt;&lt;&lt;&lt;…")
        self.assertEqual(self.timed(Truncator("&" * 50000).chars, 10, html=True), "")

    def test_cve_2024_27351_truncatewords_html_entities_and_brackets(self):
        self.assertEqual(self.timed(Truncator("&" * 50000).words, 1, html=True), "")
        self.assertEqual(Truncator("_X<<<<<<<<<<<>").words(500, html=True),
                         "_X" + "&lt;" * 11 + "&gt;")
        template = djscratch.Engine().from_string("{{ v|truncatewords_html:3 }}")
        out = self.timed(template.render, djscratch.Context(
            {"v": "</a" + "\t" * 50000 + "//>"}))
        self.assertEqual(out, "&lt;/a&gt;")  # not safe text: escaped, as Django


    def test_cve_2026_1285_truncator_html_many_unmatched_end_tags(self):
        # An end tag that is not the innermost open one is left on the stack
        # without a scan of the stack (Django's fix: LIFO, no deque.remove()).
        n = 20000
        value = "<b>" * n + "</a>" * n + "hello world"
        opened = "<b>" * n + "</a>" * n
        self.assertEqual(self.timed(Truncator(value).chars, 5, html=True),
                         opened + "hell…" + "</b>" * n)
        self.assertEqual(self.timed(Truncator(value).words, 1, html=True),
                         opened + "hello…" + "</b>" * n)

    def test_cve_2026_115868_truncatechars_html_exact_length_is_escaped(self):
        # Text exactly as long as the limit was copied raw, quotes included,
        # so it could leave an HTML attribute (outputs from Django 5.2.20).
        self.assertEqual(Truncator('" onclick="x').chars(12, html=True),
                         "&quot; onclick=&quot;x")
        self.assertEqual(Truncator("<i>x'y").chars(3, html=True), "<i>x&#x27;y</i>")
        template = djscratch.Engine().from_string(
            '<a title="{{ v|safe|truncatechars_html:12 }}">')
        self.assertEqual(template.render(djscratch.Context({"v": '" onclick="x'})),
                         '<a title="&quot; onclick=&quot;x">')


class WrapTests(_Timed):
    def test_cve_2025_26699_wordwrap_long_text(self):
        long_text = ("this is a long paragraph of text that really needs"
                     " to be wrapped I'm afraid " * 20000)
        out = self.timed(djscratch._f_wordwrap, long_text, 10)
        self.assertTrue(out.startswith(
            "this is a\nlong\nparagraph\nof text\nthat\nreally\nneeds to\nbe "
            "wrapped\nI'm afraid\n"))
        # Django's output, all 1,519,999 characters of it.
        self.assertEqual(hashlib.sha256(out.encode()).hexdigest(),
                         "bdf8dc89833fbd87cad37d5c3e095cdaced378c02b4ef372cb47128f134764f0")


class UrlizeTests(_Timed):
    def check_unchanged(self, values):
        for value in values:
            with self.subTest(value=value[:20]):
                self.assertEqual(self.timed(djscratch.urlize, value), value)

    def test_cve_2024_38875_urlize_many_brackets(self):
        self.check_unchanged([
            "(" * 100000 + ":" + ")" * 100000, "(" * 100000 + "&:" + ")" * 100000,
            "([" * 100000 + ":" + "])" * 100000, "[(" * 100000 + ":" + ")]" * 100000,
            "([[" * 100000 + ":" + "]])" * 100000])

    def test_cve_2024_41990_urlize_trailing_entities_and_punctuation(self):
        self.check_unchanged(["&:" + ";" * 100000, "&.;" * 100000, ".;" * 100000])

    def test_cve_2024_41991_urlize_many_unicode_characters(self):
        self.check_unchanged(["a@" + "한.글." * 1000000 + "a",
                              "http://" + "한.글." * 1000000 + "com",
                              "www." + "한.글." * 1000000 + "com"])

    def test_cve_2024_45230_urlize_semicolons_and_colons(self):
        self.check_unchanged(["&" + ";:" * 100000, ("a" + "@a" * 50000) + "a",
                              "foo@", "@foo.com", "foo@.example.com", "foo@localhost",
                              "foo@localhost."])
        template = djscratch.Engine().from_string("{{ v|urlizetrunc:10 }}")
        value = "&" + ";:" * 100000
        out = self.timed(template.render, djscratch.Context({"v": value}))
        self.assertEqual(out, "&amp;" + ";:" * 100000)


class UriToIriTests(_Timed):
    def test_cve_2019_14235_uri_to_iri_many_broken_octets(self):
        # Recursion over every broken octet exhausted memory (or the stack).
        self.assertEqual(self.timed(djscratch.uri_to_iri, "%FC" * 20000), "%FC" * 20000)
        self.assertEqual(self.timed(djscratch.repercent_broken_unicode, b"\xfc" * 5000),
                         b"%FC" * 5000)

    def test_cve_2023_41164_uri_to_iri_unicode_then_broken_octets(self):
        # Decoding the whole text again after each broken octet is quadratic.
        value = "%C3%A9" * 50000 + "%FC" * 20000
        self.assertEqual(self.timed(djscratch.uri_to_iri, value),
                         "é" * 50000 + "%FC" * 20000)


class DictsortTests(unittest.TestCase):
    def test_cve_2021_45116_dictsort_does_not_call_methods_or_reach_privates(self):
        calls = []

        class Item:
            def __init__(self, name):
                self.name = name
                self._secret = name

            def delete(self):
                calls.append(self.name)
                return self.name

        items = [Item("b"), Item("a")]
        self.assertEqual(djscratch._f_dictsort(items, "delete"), "")
        self.assertEqual(calls, [])
        self.assertEqual(djscratch._f_dictsort(items, "_secret"), "")
        self.assertEqual(djscratch._f_dictsort([{"a": {"_b": 1}}], "a._b"), "")
        self.assertEqual([i.name for i in djscratch._f_dictsort(items, "name")],
                         ["a", "b"])
        # Dictionaries are indexed by the key, never by a method's name.
        rows = [{"items": 2}, {"items": 1}]
        self.assertEqual(djscratch._f_dictsort(rows, "items"), [rows[1], rows[0]])
