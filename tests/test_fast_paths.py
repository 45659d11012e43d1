"""The speed-ups give the same answers as the plain code they short-cut.

Each fast path (compiled date formats, cached reverse(), ...) is checked
against the reference implementation it stands in for, over many inputs.
"""

import datetime
import random
import unittest

import djscratch
from djscratch import override_settings

from . import TEST_SETTINGS

UTC = datetime.timezone.utc
MINUS_5 = datetime.timezone(datetime.timedelta(hours=-5))


def _random_datetimes(count, seed=9):
    rng = random.Random(seed)
    for _ in range(count):
        yield datetime.datetime(
            rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
            rng.choice([0, 12, rng.randint(0, 23)]),
            rng.choice([0, rng.randint(0, 59)]),
            rng.randint(0, 59), rng.choice([0, rng.randint(0, 999999)]),
            tzinfo=rng.choice([None, UTC, MINUS_5]))


@override_settings(**TEST_SETTINGS)
class CompiledDateFormatTests(unittest.TestCase):
    FORMATS = [
        "".join(djscratch._DATE_SPEC_EXPRS),  # every specifier of the fast path
        "N j, Y, P", "c", "D, d M Y H:i:s", "jS F Y", r"\Y\e\s: Y 100% \\ j",
        r"\Y\e\s", "",
        "l jS \\of F Y h:i:s A", "Y-m-d H:i O T e",  # O, T, e: through DateFormat
    ]

    def test_compiled_formats_match_dateformat_for_every_fast_specifier(self):
        for value in _random_datetimes(500):
            for fmt in self.FORMATS:
                with self.subTest(value=value, format=fmt):
                    self.assertEqual(djscratch.dateformat(value, fmt),
                                     djscratch.DateFormat(value).format(fmt))

    def test_noon_midnight_and_minutes_in_P(self):
        cases = {(0, 0): "midnight", (12, 0): "noon", (0, 5): "12:05 a.m.",
                 (12, 30): "12:30 p.m.", (13, 0): "1 p.m.", (23, 59): "11:59 p.m."}
        for (hour, minute), text in cases.items():
            value = datetime.datetime(2026, 1, 2, hour, minute, tzinfo=UTC)
            self.assertEqual(djscratch.dateformat(value, "P"), text)
            self.assertEqual(djscratch.DateFormat(value).format("P"), text)

    def test_dates_and_times_keep_dateformat_rules(self):
        day = datetime.date(2026, 11, 21)
        self.assertEqual(djscratch.dateformat(day, "N j, Y"), "Nov. 21, 2026")
        with self.assertRaisesRegex(TypeError, "time-related format specifiers"):
            djscratch.dateformat(day, "P")
        with self.assertRaisesRegex(TypeError, "date-related format specifiers"):
            djscratch.dateformat(datetime.time(9, 30), "Y")

    def test_datetime_subclass_goes_through_dateformat(self):
        class Stamp(datetime.datetime):
            def isoformat(self, sep="T", timespec="auto"):
                return "custom"

        value = Stamp(2026, 11, 21, 9, 30, tzinfo=UTC)
        self.assertEqual(djscratch.dateformat(value, "c"), "custom")

    def test_template_output_of_datetimes_uses_the_current_time_zone(self):
        value = datetime.datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
        template = djscratch.Engine().from_string("{{ t }}|{{ t|date:'c' }}")
        context = djscratch.Context({"t": value})
        self.assertEqual(template.render(context),
                         "Nov. 21, 2026, 11:30 p.m.|2026-11-21T23:30:00+00:00")
        djscratch.activate(MINUS_5)
        try:
            self.assertEqual(template.render(context),
                             "Nov. 21, 2026, 6:30 p.m.|2026-11-21T18:30:00-05:00")
        finally:
            djscratch.deactivate()


def _view(request):
    return djscratch.HttpResponse("ok")


class _Urls:
    """A URLconf object whose patterns a test can swap."""

    def __init__(self, route):
        self.urlpatterns = [djscratch.path(route, _view, name="page")]


@override_settings(**TEST_SETTINGS)
class ReverseCacheTests(unittest.TestCase):
    def test_cached_reverse_follows_clear_url_caches(self):
        urls = _Urls("one/")
        self.assertEqual(djscratch.reverse("page", urlconf=urls), "/one/")
        self.assertEqual(djscratch.reverse("page", urlconf=urls), "/one/")
        urls.urlpatterns = [djscratch.path("two/", _view, name="page")]
        djscratch.clear_url_caches()
        self.assertEqual(djscratch.reverse("page", urlconf=urls), "/two/")

    def test_query_fragment_and_script_prefix_apply_to_a_cached_url(self):
        urls = _Urls("one/")
        djscratch.reverse("page", urlconf=urls)  # now cached
        self.assertEqual(djscratch.reverse("page", urlconf=urls, query={"a": "1 2"},
                                           fragment=""), "/one/?a=1+2#")
        djscratch.set_script_prefix("/mount/")
        try:
            self.assertEqual(djscratch.reverse("page", urlconf=urls), "/mount/one/")
        finally:
            djscratch.set_script_prefix("/")
        self.assertEqual(djscratch.reverse("page", urlconf=urls), "/one/")

    def test_a_failed_reverse_is_not_cached(self):
        urls = _Urls("one/")
        with self.assertRaises(djscratch.NoReverseMatch):
            djscratch.reverse("other", urlconf=urls)
        urls.urlpatterns.append(djscratch.path("other/", _view, name="other"))
        djscratch.clear_url_caches()
        self.assertEqual(djscratch.reverse("other", urlconf=urls), "/other/")
