"""The speed-ups give the same answers as the plain code they short-cut.

Each fast path (compiled date formats, cached reverse(), ...) is checked
against the reference implementation it stands in for, over many inputs.
"""

import collections
import datetime
import decimal
import itertools
import random
import sys
import unittest
import uuid

import djscratch

from django.db import models

from djscratch import override_settings
from tests.orm_support import ORM_SETTINGS, DatabaseTestCase, define_models

from . import TEST_SETTINGS

UTC = datetime.timezone.utc
MINUS_5 = datetime.timezone(datetime.timedelta(hours=-5))
NAMED = datetime.timezone(datetime.timedelta(hours=5, minutes=30), "<IST>")


def _zones():
    """Fixed offsets, and zones with daylight saving time when the tz database
    is there (then ambiguous and imaginary wall times occur)."""
    zones = [None, UTC, MINUS_5, NAMED]
    try:
        import zoneinfo

        zones += [zoneinfo.ZoneInfo("Europe/Paris"), zoneinfo.ZoneInfo("UTC")]
    except Exception:  # no tz database: the fixed offsets still run
        pass
    return zones


def _random_datetimes(count, seed=9):
    rng = random.Random(seed)
    zones = _zones()
    for _ in range(count):
        yield datetime.datetime(
            rng.choice([rng.randint(1, 9999), 2026]),
            rng.choice([3, 10, rng.randint(1, 12)]), rng.randint(1, 28),
            rng.choice([0, 2, 12, rng.randint(0, 23)]),
            rng.choice([0, 30, rng.randint(0, 59)]),
            rng.randint(0, 59), rng.choice([0, rng.randint(0, 999999)]),
            tzinfo=rng.choice(zones), fold=rng.choice([0, 1]))


@override_settings(**TEST_SETTINGS)
class CompiledDateFormatTests(unittest.TestCase):
    FORMATS = [
        "".join(djscratch._DATE_SPEC_EXPRS),  # every specifier of the fast path
        "N j, Y, P", "c", "D, d M Y H:i:s", "jS F Y", r"\Y\e\s: Y 100% \\ j",
        r"\Y\e\s", "",
        "l jS \\of F Y h:i:s A", "Y-m-d H:i O T e", "N j, Y, P T", "e I O T Z",
    ]

    def test_compiled_formats_match_dateformat_for_every_fast_specifier(self):
        for value in _random_datetimes(500):
            for fmt in self.FORMATS:
                with self.subTest(value=value, format=fmt):
                    self.assertEqual(djscratch.dateformat(value, fmt),
                                     djscratch.DateFormat(value).format(fmt))

    def test_format_text_never_becomes_code(self):
        # Formats can come from data: quotes, newlines, braces and "%" in the
        # literal text are text in the output, never part of generated code.
        value = datetime.datetime(2026, 11, 21, 9, 5, tzinfo=UTC)
        for fmt in ["\\Y\"\"\"' + __import__('os').getpid() + '",
                    "j\\n\nY {0} %s %% \\\\", "Y'); raise SystemExit('"]:
            with self.subTest(format=fmt):
                self.assertEqual(djscratch.dateformat(value, fmt),
                                 djscratch.DateFormat(value).format(fmt))

    def test_date_filter_output_is_escaped_when_its_text_needs_it(self):
        value = datetime.datetime(2026, 11, 21, 9, 5, tzinfo=UTC)
        template = djscratch.Engine().from_string(
            "{{ t|date:'<p>Y</p> & j' }}|{{ t|date:'Y' }}")
        self.assertEqual(template.render(djscratch.Context({"t": value})),
                         "&lt;p&gt;2026&lt;/p&gt; &amp; 21|2026")

    def test_zone_specifiers_match_dateformat_in_the_default_zone(self):
        # A naive datetime shows the default zone: one with daylight saving
        # time here, where 2026-10-25 02:30 is ambiguous.
        with override_settings(TIME_ZONE="Europe/Paris"):
            for value in _random_datetimes(300, seed=4):
                value = value.replace(tzinfo=None)
                with self.subTest(value=value):
                    self.assertEqual(djscratch.dateformat(value, "e I O T Z"),
                                     djscratch.DateFormat(value).format("e I O T Z"))

    def test_a_zone_name_in_the_date_filter_is_escaped(self):
        # A tzinfo names itself: "T" and "e" output is escaped like any text.
        value = datetime.datetime(2026, 11, 21, 9, 5, tzinfo=NAMED)
        template = djscratch.Engine().from_string(
            "{{ t|date:'Y T' }}|{{ t|date:'e' }}|{{ t|date:'O Z I' }}|"
            "{{ t|date:'<p> T' }}")
        with override_settings(USE_TZ=False):  # shown in its own zone
            self.assertEqual(template.render(djscratch.Context({"t": value})),
                             "2026 &lt;IST&gt;|&lt;IST&gt;|+0530 19800 0|"
                             "&lt;p&gt; &lt;IST&gt;")

    def test_zone_names_in_html_output_are_the_escaped_text_output(self):
        # _date_output(..., True) writes a zone's name escaped where it
        # shows (unless it is letters and digits): the same as escaping the
        # text output, for fixed offsets, named ones and zones with DST.
        formats = ["N j, Y, P T", "Y-m-d H:i O T e", "e", "T", "c"]
        for use_tz in (True, False):
            with override_settings(USE_TZ=use_tz):
                for value in _random_datetimes(200, seed=7):
                    for fmt in formats:
                        with self.subTest(value=value, format=fmt, use_tz=use_tz):
                            html = djscratch._date_output(fmt, True)(value)
                            text = djscratch._date_output(fmt, False)(value)
                            self.assertEqual(html, djscratch._escape_text(text))

    def test_noon_midnight_and_minutes_in_P(self):
        cases = {(0, 0): "midnight", (12, 0): "noon", (0, 5): "12:05 a.m.",
                 (12, 30): "12:30 p.m.", (13, 0): "1 p.m.", (23, 59): "11:59 p.m."}
        for (hour, minute), text in cases.items():
            value = datetime.datetime(2026, 1, 2, hour, minute, tzinfo=UTC)
            self.assertEqual(djscratch.dateformat(value, "P"), text)
            self.assertEqual(djscratch.DateFormat(value).format("P"), text)

    def test_hour_tables_of_f_and_P_match_the_functions_and_dateformat(self):
        # The compiled formats read f and P from tables by hour (_F_HOURS,
        # _P_MINUTES, ...); every minute of a day gives what DateFormat gives.
        for hour in range(24):
            for minute in range(60):
                value = datetime.datetime(2026, 1, 2, hour, minute, 7, tzinfo=UTC)
                expected = djscratch.DateFormat(value).format("f|P")
                self.assertEqual(djscratch.dateformat(value, "f|P"), expected)
                self.assertEqual(
                    "%s|%s" % (djscratch._time_f(hour, minute),
                               djscratch._time_P(hour, minute)), expected)

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


@override_settings(**TEST_SETTINGS)
class SameZoneTests(unittest.TestCase):
    """The compiled date outputs skip reading the current zone for a value
    already in the zone every thread shows (utils.timezone._same_zone), and
    give what the date filter's general way gives in every case."""

    FORMATS = ["c", "N j, Y, P T", "Y-m-d H:i O T e", "<T> e & T"]

    def setUp(self):
        zone = djscratch._same_zone
        saved = zone.activated, zone.zone
        zone.activated, zone.zone = False, djscratch._UNKNOWN_ZONE

        def restore():
            zone.activated, zone.zone = saved
        self.addCleanup(restore)

    def _general(self, value, fmt):
        return djscratch._f_date(djscratch._template_localtime(value), fmt)

    def _check_all(self, count=150, seed=3):
        for value in _random_datetimes(count, seed=seed):
            for fmt in self.FORMATS:
                with self.subTest(value=value, format=fmt):
                    general = self._general(value, fmt)
                    self.assertEqual(djscratch._date_output(fmt, False)(value),
                                     general)
                    self.assertEqual(djscratch._date_output(fmt, True)(value),
                                     djscratch._escape_text(general))

    def test_outputs_match_the_general_way_under_every_setting(self):
        for settings in ({"TIME_ZONE": "UTC", "USE_TZ": True},
                         {"TIME_ZONE": "Europe/Paris", "USE_TZ": True},
                         {"TIME_ZONE": "UTC", "USE_TZ": False}):
            with override_settings(**settings):
                self._check_all()
                if settings["USE_TZ"]:  # the zone was learned, not activated
                    self.assertIs(djscratch._same_zone.zone,
                                  djscratch.get_default_timezone())
                    # A fixed zone's name is kept ("UTC"), a zone with
                    # daylight saving time's is not.
                    self.assertEqual(
                        djscratch._same_zone.name_html,
                        "UTC" if settings["TIME_ZONE"] == "UTC" else None)
                else:
                    self.assertIsNone(djscratch._same_zone.zone)
        # Leaving the override (a settings change) forgets the zone.
        self.assertIs(djscratch._same_zone.zone, djscratch._UNKNOWN_ZONE)

    def test_an_activated_zone_turns_the_shortcut_off_for_good(self):
        value = datetime.datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
        show = djscratch._date_output("c", False)
        self.assertEqual(show(value), "2026-11-21T23:30:00+00:00")
        self.assertIs(djscratch._same_zone.zone, UTC)
        shown = []

        def other_thread():
            with djscratch.timezone_override(MINUS_5):
                shown.append(show(value))

        import threading

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        self.assertEqual(shown, ["2026-11-21T18:30:00-05:00"])
        self.assertTrue(djscratch._same_zone.activated)
        self.assertIsNone(djscratch._same_zone.zone)
        self.assertEqual(show(value), "2026-11-21T23:30:00+00:00")
        with override_settings(TIME_ZONE="Europe/Paris"):  # not learned again
            self.assertIsNone(djscratch._same_zone.zone)
            self.assertEqual(show(value), "2026-11-22T00:30:00+01:00")
            self._check_all(60, seed=5)


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


@override_settings(**TEST_SETTINGS)
class StoredDatetimeTests(unittest.TestCase):
    def test_stored_text_parses_like_fromisoformat_then_utc(self):
        texts = ["2026-11-20 23:23:00", "2026-11-20 23:23:00.001234",
                 "2026-11-20T23:23:00+05:30", "2026-11-20T23:23:00.00001Z",
                 "2026-11-20T23:23:00.123+01", "2026-11-20 23:23"]
        for text in texts:
            expected = datetime.datetime.fromisoformat(text)
            if expected.tzinfo is None:
                expected = expected.replace(tzinfo=UTC)
            value = djscratch._convert_datetime_aware(text)
            with self.subTest(text=text):
                self.assertEqual(value, expected)
                self.assertEqual(value.utcoffset(), expected.utcoffset())
                self.assertEqual(value.isoformat(), expected.isoformat())

    def test_the_converter_answers_as_the_aware_and_naive_ones(self):
        # _convert_datetime() parses the stored text itself under USE_TZ; the
        # same values as the converter it stands in front of, text of every
        # length and kind (and what is not text) included.
        class Text(str):
            pass

        values = ["2026-11-20 23:23:00", "2026-11-20 23:23:00.001234",
                  "2026-11-20T23:23:00", "2026-11-20 23:23:00+05:30"[:19],
                  "2026-11-20T23:23:00+05:30", "2026-11-20T23:23:00.00001Z",
                  "2026-11-20T23:23:00.123+01", "2026-11-20 23:23",
                  "2026-11-20 23:23:00.12345", Text("2026-11-20 23:23:00"), None,
                  datetime.datetime(2026, 11, 20, 23, 23, tzinfo=UTC),
                  "2026-11-20 23:23:0x", "2026-11-20 23:23:00+05"]
        for use_tz, general in ((True, djscratch._convert_datetime_aware),
                                (False, djscratch._convert_datetime_naive)):
            with override_settings(USE_TZ=use_tz):
                for value in values:
                    with self.subTest(use_tz=use_tz, value=value):
                        try:
                            expected = general(value)
                        except ValueError as error:
                            with self.assertRaises(ValueError) as raised:
                                djscratch._convert_datetime(value)
                            self.assertEqual(str(raised.exception), str(error))
                            continue
                        got = djscratch._convert_datetime(value)
                        self.assertEqual(got, expected)
                        self.assertIs(type(got), type(expected))
                        if got is not None:
                            self.assertEqual(got.isoformat(), expected.isoformat())
                            self.assertEqual(got.tzinfo, expected.tzinfo)


class AttrsHtmlTests(unittest.TestCase):
    def test_attributes_escape_like_conditional_escape(self):
        attrs = {"title": 'a "b" & <c>', "data-x": djscratch.mark_safe("<i>"),
                 "maxlength": 64, "required": True, "disabled": False,
                 djscratch.mark_safe("data-safe"): "1", "it's": "o'k"}
        expected = "".join(
            " " + djscratch.conditional_escape(name) if value is True else
            ' %s="%s"' % (djscratch.conditional_escape(name),
                          djscratch.conditional_escape(value))
            for name, value in attrs.items() if value is not False)
        self.assertEqual(djscratch._attrs_html(attrs), expected)
        self.assertIn(' title="a &quot;b&quot; &amp; &lt;c&gt;"', expected)

    def test_remembered_names_and_plain_values_match_the_general_path(self):
        # Names are remembered (_attr_name_html()), identifiers and exact ints
        # are written as they are: the output is what conditional_escape()
        # gives every name and value, call after call, past the cache's bound.
        class IntSub(int):
            def __str__(self):
                return "<%d>" % self

        class StrSub(str):
            pass

        values = ["id_author", "id_\u00e9", "a b", "x&y", "<", "", "9a", "_",
                  "it's", 0, -12, 10**30, IntSub(5), StrSub("a&b"), 1.5,
                  True, False, None, djscratch.mark_safe("<b>")]
        names = ["id", "maxlength", "data-x&y", "it's", "", StrSub("<n>")]
        names += ["n%d" % i for i in range(600)]
        for round_ in range(2):
            for i, name in enumerate(names):
                value = values[(i + round_) % len(values)]
                attrs = {name: value, "class": values[i % len(values)]}
                expected = "".join(
                    " " + djscratch.conditional_escape(n) if v is True else
                    ' %s="%s"' % (djscratch.conditional_escape(n),
                                  djscratch.conditional_escape(str(v)))
                    for n, v in attrs.items() if v is not False)
                self.assertEqual(djscratch._attrs_html(attrs), expected, attrs)
        self.assertLessEqual(len(djscratch._escaped_attr_names), 512)
        self.assertLessEqual(len(djscratch._attrs_html_cache), 512)

    def test_long_attrs_from_data_are_written_and_not_kept(self):
        # A bound input's value comes from the client: a long one is written
        # as the general path writes it, and the cache does not keep it.
        djscratch._attrs_html_cache.clear()
        value = "x" * 10_000
        attrs = {"type": "text", "name": "q", "value": value}
        self.assertEqual(djscratch._attrs_html(attrs), djscratch._attrs_text(attrs))
        self.assertEqual(djscratch._attrs_html_cache, {})
        short = {"type": "text", "name": "q"}
        djscratch._attrs_html(short)
        self.assertEqual(list(djscratch._attrs_html_cache.values()),
                         [' type="text" name="q"'])

    def test_remembered_attrs_keep_equal_values_of_other_types_apart(self):
        # True == 1 == 1.0 and "<" == SafeString("<"): equal items, other
        # text.  The remembered output is keyed by the values' types too.
        safe = djscratch.mark_safe("<")
        cases = [({"required": True}, " required"),
                 ({"required": 1}, ' required="1"'),
                 ({"required": 1.0}, ' required="1.0"'),
                 ({"required": True}, " required"),
                 ({"x": "<"}, ' x="&lt;"'),
                 ({"x": safe}, ' x="<"'),
                 ({"x": "<"}, ' x="&lt;"'),
                 ({djscratch.mark_safe("<n>"): "1"}, ' <n>="1"'),
                 ({"<n>": "1"}, ' &lt;n&gt;="1"'),
                 ({"a": [1]}, ' a="[1]"'),  # unhashable: written, not kept
                 ({"a": None, "b": False}, ' a="None"')]
        for _ in range(2):
            for attrs, expected in cases:
                with self.subTest(attrs=attrs):
                    self.assertEqual(djscratch._attrs_html(attrs), expected)
                    self.assertEqual(djscratch._attrs_text(attrs), expected)
        attrs = {"class": "a"}
        self.assertEqual(djscratch._attrs_html(attrs), ' class="a"')
        attrs["class"] = "b"  # a changed dict is written as it is now
        self.assertEqual(djscratch._attrs_html(attrs), ' class="b"')


_LAZY_LOGGING_SCRIPT = r"""
import io, sys
import djscratch

djscratch.settings.configure(
    DEBUG=False, SECRET_KEY="k" * 50, ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF=__name__, MIDDLEWARE=[], INSTALLED_APPS=[])


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [djscratch.path("", boom)]
app = djscratch.get_wsgi_application()
print("logging at start-up:", "logging" in sys.modules)
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "testserver",
           "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(),
           "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http"}
statuses = []
app(environ, lambda status, headers, exc_info=None: statuses.append(status))
import logging
print("status:", statuses[0])
print("django handlers:", sorted(type(h).__name__
                                for h in logging.getLogger("django").handlers))
"""


class LazyLoggingTests(unittest.TestCase):
    def test_default_logging_waits_for_the_first_record(self):
        """setup() configures DEFAULT_LOGGING as Django does, but only when
        djscratch first logs: start-up does not import logging, and with
        DEBUG off the console handler stays silent (no ADMINS to mail)."""
        import os
        import subprocess
        import sys

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PYTHONPATH=root)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, "-c", _LAZY_LOGGING_SCRIPT], cwd=root,
                              env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("logging at start-up: False", done.stdout)
        self.assertIn("status: 500", done.stdout)
        self.assertIn("django handlers: ['AdminEmailHandler', 'StreamHandler']",
                      done.stdout)
        self.assertNotIn("boom", done.stderr)  # no "last resort" handler output


@override_settings(**TEST_SETTINGS)  # a form asks settings.FORM_RENDERER
class CopyInstanceTests(unittest.TestCase):
    def test_plain_instances_copy_like_copy_copy(self):
        field = djscratch.FormCharField(max_length=64, required=False)
        twin = djscratch._copy_instance(field)
        self.assertIsNot(twin, field)
        self.assertIs(type(twin), type(field))
        self.assertEqual(vars(twin), vars(field))
        twin.label = "changed"
        self.assertIsNone(field.label)

    def test_classes_with_copy_hooks_or_slots_keep_copy_copy(self):
        class Hooked:
            def __init__(self):
                self.value = 1

            def __copy__(self):
                return "from __copy__"

        class Slotted:
            __slots__ = ("value",)

            def __init__(self):
                self.value = 2

        self.assertEqual(djscratch._copy_instance(Hooked()), "from __copy__")
        self.assertEqual(djscratch._copy_instance(Slotted()).value, 2)

    def test_form_fields_are_independent_copies(self):
        class CommentForm(djscratch.Form):
            author = djscratch.FormCharField(max_length=64)

        first, second = CommentForm(), CommentForm()
        first.fields["author"].widget.attrs["class"] = "wide"
        self.assertNotIn("class", second.fields["author"].widget.attrs)
        self.assertNotIn("class", CommentForm.base_fields["author"].widget.attrs)

    def test_fields_copy_with_the_memo_copy_deepcopy_keeps(self):
        import copy

        fields = {"a": djscratch.FormCharField(max_length=3),
                  "b": djscratch.FormIntegerField()}
        memo, ours = {}, {}
        copy.deepcopy(fields["a"], memo), copy.deepcopy(fields["b"], memo)
        djscratch._deepcopy_with_hook(fields["a"], ours)
        djscratch._deepcopy_with_hook(fields["b"], ours)
        self.assertEqual(sorted(map(id, memo[id(memo)])),
                         sorted(map(id, ours[id(ours)])))
        self.assertEqual(set(memo) - {id(memo)}, set(ours) - {id(ours)})


@override_settings(**TEST_SETTINGS)
class NoRaisePerRequestTests(unittest.TestCase):
    """What a page does on every request raises no exception to catch: the
    short ways give what the raising ways gave."""

    def test_multivaluedict_get_matches_getitem_and_keyerror(self):
        class Own(djscratch.MultiValueDict):
            def __getitem__(self, key):
                return "own " + key

        def general(mvd, key, default):
            try:
                val = mvd[key]
            except KeyError:
                return default
            return default if val == [] else val

        data = djscratch.MultiValueDict({"a": ["1", "2"], "e": [], "n": [None]})
        dict.__setitem__(data, "s", "xyz")  # a value that is not a list
        dict.__setitem__(data, "z", "")
        for key in ("a", "e", "n", "s", "z", "missing"):
            for default in (None, "d", []):
                with self.subTest(key=key, default=default):
                    self.assertEqual(data.get(key, default),
                                     general(data, key, default))
        self.assertEqual(Own({"a": ["1"]}).get("zz"), "own zz")
        query = djscratch.QueryDict("page=2&page=3&x=")
        self.assertEqual((query.get("page"), query.get("x"), query.get("y", 0)),
                         ("3", "", 0))

    def test_lookups_skip_a_getitem_marked_as_refusing_str_keys(self):
        calls = []

        class Marked:
            name = "attr"

            def __getitem__(self, key):
                calls.append(key)
                if not isinstance(key, int):
                    raise TypeError("indices must be integers")
                return "item"
            __getitem__._refuses_str_keys = True

        class Unmarked(Marked):
            def __getitem__(self, key):
                calls.append(key)
                return "item %s" % key

        self.assertEqual(djscratch._var(Marked(), ("name",), "", ""), "attr")
        self.assertEqual(calls, [])
        self.assertEqual(djscratch._var(Marked(), ("0",), "", ""), "item")
        self.assertEqual(calls, [0])  # an index still subscripts
        self.assertEqual(djscratch._var(Unmarked(), ("name",), "", ""), "item name")

    def test_a_get_of_the_blog_page_raises_nothing(self):
        import sys

        from django.core.paginator import Paginator
        from django.template import Context, Engine

        raised = []

        def trace(frame, event, arg):
            if event == "exception":
                raised.append((frame.f_code.co_name, arg[0].__name__))
            return trace

        class Form(djscratch.Form):
            body = djscratch.FormCharField(max_length=9)

        page = Paginator(list(range(30)), 10).get_page(None)
        template = Engine().from_string(
            "{{ form }}{{ form.body.field.max_length }}{{ page.paginator.count }}")
        query = djscratch.QueryDict("")
        # Once first: the first render of a process may import modules (and
        # importlib raises and catches inside); per request is what counts.
        template.render(Context({"form": Form(), "page": page}))
        sys.settrace(trace)
        try:
            query.get("page")
            html = template.render(Context({"form": Form(), "page": page}))
        finally:
            sys.settrace(None)
        self.assertIn("930", html)
        self.assertEqual(raised, [])


class LinebreaksTests(unittest.TestCase):
    def test_paragraphs_split_at_runs_of_newlines_as_django_splits_them(self):
        # Django: re.split("\n{2,}", text) after normalizing \r\n and \r.
        import re

        rng = random.Random(7)
        pieces = ["a", "b c", "\n", "\n", "\n\n\n", "\r", "\r\n", "<&>", "\n" * 9]
        samples = ["", "\n\n", "\n\n\nlead", "trail\n\n\n\n", "a\n\n\n\n\nb"] + [
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            for _ in range(3000)]
        for text in samples:
            for autoescape in (True, False):
                value = djscratch.conditional_escape(text) if autoescape else text
                paras = re.split("\n{2,}", value.replace("\r\n", "\n").replace(
                    "\r", "\n"))
                expected = "\n\n".join(
                    "<p>%s</p>" % p.replace("\n", "<br>") for p in paras)
                with self.subTest(text=text, autoescape=autoescape):
                    self.assertEqual(djscratch.linebreaks(text, autoescape), expected)

    def test_a_long_run_of_newlines_is_one_paragraph_break(self):
        self.assertEqual(djscratch.linebreaks("a" + "\n" * 100001 + "b"),
                         "<p>a</p>\n\n<p>b</p>")


@override_settings(**TEST_SETTINGS)
class FastFilterTests(unittest.TestCase):
    """linebreaks, linebreaksbr and date as compiled give what the filters
    registered in the library give, called the slow way."""

    VALUES = ["a & b\r\n\r\nc <d>\re", djscratch.mark_safe("<b>x</b>\n\ny"), 42, None,
              datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
              datetime.date(2026, 11, 21)]

    def test_compiled_filters_match_the_library_functions(self):
        engine = djscratch.Engine()
        for name, arg in (("linebreaks", None), ("linebreaksbr", None),
                          ("date", None), ("date", "'N j, Y'"), ("date", "'<p>Y'"),
                          ("date", "'c'"), ("date", "'DATETIME_FORMAT'"),
                          ("date", "'r e O'"), ("date", "'DEBUG'")):
            expr = name if arg is None else f"{name}:{arg}"
            for autoescape in ("on", "off"):
                template = engine.from_string(
                    "{%% autoescape %s %%}{{ v|%s }}{%% endautoescape %%}"
                    "{%% autoescape %s %%}{{ v|%s|upper }}{%% endautoescape %%}"
                    % (autoescape, expr, autoescape, expr))
                for value in self.VALUES + ["", "not a date"]:
                    for zone in (None, "Europe/Paris"):
                        with self.subTest(filter=expr, autoescape=autoescape,
                                          value=value, zone=zone):
                            if zone:
                                djscratch.activate(zone)
                            try:
                                self._check(template, value, name, arg, autoescape)
                            finally:
                                djscratch.deactivate()

    def _check(self, template, value, name, arg, autoescape):
        try:
            expected = self._expected(value, name, arg, autoescape)
        except TypeError as error:  # a date with a time specifier, as Django
            with self.assertRaises(TypeError) as caught:
                template.render(djscratch.Context({"v": value}))
            self.assertEqual(str(caught.exception), str(error))
            return
        self.assertEqual(template.render(djscratch.Context({"v": value})), expected)

    def _expected(self, value, name, arg, autoescape):
        func = {"linebreaks": djscratch._f_linebreaks,
                "linebreaksbr": djscratch._f_linebreaksbr,
                "date": djscratch._f_date}[name]
        kwargs = {} if name == "date" else {"autoescape": autoescape == "on"}
        args = () if arg is None else (arg.strip("'"),)
        if name == "date":  # the one expects_localtime filter here
            value = djscratch._template_localtime(value)
        result = func(value, *args, **kwargs)
        upper = djscratch._f_upper(result)  # not is_safe: escaped again
        if autoescape == "on":
            return (djscratch.conditional_escape(result)
                    + djscratch.conditional_escape(upper))
        return str(result) + str(upper)


@override_settings(**TEST_SETTINGS)
class FastCaseFilterTests(unittest.TestCase):
    """_fast_lower and _fast_upper give what |lower and |upper give the slow way
    (stringfilter, then _safe_filter for the is_safe |lower)."""

    VALUES = ["", "MiXeD <b>&amp;", "ÉCOLE ß", djscratch.mark_safe("<B>Safe</B>"),
              42, 3.5, None, True, ["A"], datetime.date(2026, 11, 21),
              datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)]

    def test_fast_case_filters_match_the_library_filters(self):
        for value in self.VALUES:
            for fast, expected in (
                    (djscratch._fast_lower,
                     djscratch._safe_filter(djscratch._f_lower, value)),
                    (djscratch._fast_upper, djscratch._f_upper(value))):
                with self.subTest(filter=fast.__name__, value=value):
                    result = fast(value)
                    self.assertEqual(result, expected)
                    self.assertIs(type(result), type(expected))


class EscapeTests(unittest.TestCase):
    """_escape_text() and the compiler's _inline_escape() (a test for the
    five characters first) escape as the five replace() calls do."""

    @staticmethod
    def _replaced(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(
            ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")

    def _texts(self):
        rng = random.Random(5)
        alphabet = "ab &<>\"'\u00e9\u20ac\U0001f600;#x27"
        texts = ["", "plain", "&amp;", "&&", "\x00<", "'" * 3, "x" * 1000 + "'"]
        texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                  for _ in range(500)]
        # Around and past _UTF8_ESCAPE_FROM: ASCII, Latin-1, BMP and astral
        # text, lone surrogates (no UTF-8), one character to escape or none.
        start = djscratch._UTF8_ESCAPE_FROM
        for extra in ("", "\u00e9", "\u20ac", "\U0001f600", "\ud800", "\udfff\ud83d"):
            for length in (start - 1, start, start + 1, 2 * start, 500):
                texts.append(("a <b> & 'c' \"d\" e" * 60)[:length - len(extra)] + extra)
                texts.append(extra + ("it's fine " * 60)[:length - len(extra)])
                texts.append(("clean text " * 60)[:length - len(extra)] + extra)
        texts += ["".join(rng.choice(alphabet + "\ud800\udc00")
                          for _ in range(rng.randint(start - 5, 3 * start)))
                  for _ in range(200)]
        return texts

    def test_escape_text_matches_the_five_replaces(self):
        for text in self._texts():
            with self.subTest(text=text):
                self.assertEqual(djscratch._escape_text(text), self._replaced(text))

    def test_escape_utf8_matches_the_five_replaces(self):
        for text in self._texts():
            with self.subTest(text=text):
                result = djscratch._escape_utf8(text)
                self.assertEqual(result, self._replaced(text))
                self.assertIs(type(result), str)

    def test_runtime_escapes_match_the_five_replaces(self):
        # The run-time copies of _escape_text(): {{ v }}, {{ o.v }} (the
        # escape site), _escape_output() and |linebreaksbr's.
        site = djscratch._escape_attr_site("v", "o")

        class Holder:
            def __init__(self, v):
                self.v = v

        for text in self._texts():
            expected = self._replaced(text)
            with self.subTest(text=text):
                self.assertEqual(djscratch._escape_value(text, "v"), expected)
                self.assertEqual(djscratch._escape_output(text), expected)
                self.assertEqual(site(Holder(text)), expected)
                self.assertEqual(site({"v": text}), expected)
                self.assertEqual(djscratch._escape_linebreaksbr(text),
                                 expected.replace("\n", "<br>"))

    def test_escape_filters_match_the_five_replaces(self):
        template = djscratch.Engine().from_string(
            "{{ v }}|{{ v|escape }}|{{ v|force_escape }}|{{ s }}|{{ s|force_escape }}"
            "|{% autoescape off %}{{ v }}{{ v|escape }}{% endautoescape %}")
        for text in self._texts()[::3]:
            expected = self._replaced(text)
            with self.subTest(text=text):
                self.assertEqual(
                    template.render(djscratch.Context(
                        {"v": text, "s": djscratch.mark_safe(text)})),
                    "|".join([expected, expected, expected, text, expected,
                              text + expected]))
                self.assertEqual(djscratch.escape(text), expected)
                self.assertEqual(djscratch.conditional_escape(text), expected)

    def test_inline_escape_matches_the_five_replaces(self):
        code = compile(djscratch._inline_escape("value"), "<inline>", "eval")
        namespace = djscratch._runtime_namespace()  # what compiled templates see
        for text in self._texts():
            with self.subTest(text=text):
                self.assertEqual(eval(code, {"value": text, **namespace}),
                                 self._replaced(text))

    def test_escaped_text_writes_what_conditional_escape_returns(self):
        values = self._texts()[:50] + [djscratch.mark_safe("<i>"), _StrSub("<s>"),
                                       _Html(), 7, None, djscratch.gettext_lazy("<l>")]
        for value in values:
            with self.subTest(value=value):
                self.assertEqual(str(djscratch._escaped_text(value)),
                                 str(djscratch.conditional_escape(value)))

    def test_compiled_output_escapes_str_subclasses_and_safe_strings_as_before(self):
        template = djscratch.Engine().from_string("{{ a }}|{{ b }}|{{ c }}|{{ d }}")
        context = djscratch.Context({"a": "<'>", "b": _StrSub("<&>"), "c": "ok",
                                     "d": djscratch.mark_safe("<i>")})
        self.assertEqual(template.render(context),
                         "&lt;&#x27;&gt;|&lt;&amp;&gt;|ok|<i>")


@override_settings(**TEST_SETTINGS)
class BoundFieldAutoIdTests(unittest.TestCase):
    """BoundField.auto_id, kept between calls, is what _auto_id() (Django's
    rule) gives for the form's current auto_id and the field's html_name."""

    def test_kept_auto_id_follows_the_form_and_the_field(self):
        class Form(djscratch.Form):
            name = djscratch.FormCharField()

        lazy = djscratch.gettext_lazy("lazy_%s")
        form = Form(prefix="p")
        field = form["name"]
        for auto_id in ("id_%s", True, False, None, "", "plain", "x_%s_y",
                        "id_%s", lazy, "id_%s"):
            form.auto_id = auto_id
            for _ in range(2):  # the second answer is the kept one
                with self.subTest(auto_id=auto_id):
                    self.assertEqual(field.auto_id,
                                     djscratch._auto_id(auto_id, field.html_name))
        field.html_name = "renamed"
        self.assertEqual(field.auto_id, "id_renamed")
        self.assertIn('id="id_renamed"', str(field))


class UnquoteQuoteTests(unittest.TestCase):
    """_unquote_quote() (smart_urlquote()'s step, with its shortcut for a
    segment quote() keeps) gives urllib's unquote() then quote()."""

    def test_matches_unquote_then_quote(self):
        import string
        import urllib.parse

        rng = random.Random(11)
        alphabet = string.printable + "\u00e9\u4e2d%%%"
        segments = ["", "example.com", "/p/7", "a b", "%41", "%zz", "\u00e9", "~x",
                    "[::1]:80", "user@host", "%", "a%2Fb", string.printable]
        segments += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
                     for _ in range(2000)]
        for segment in segments:
            with self.subTest(segment=segment):
                self.assertEqual(djscratch._unquote_quote(segment), urllib.parse.quote(
                    urllib.parse.unquote(segment), safe=djscratch._URL_SAFE))


class _IntSub(int):
    def __str__(self):
        return "<int subclass>"


class _Plain:
    title = "<plain>"
    count = 3

    def __str__(self):
        # Templates call a class, so a lookup of _Plain makes a new instance
        # each time: its text must not carry the instance's address, which
        # differs between two renders once the first instance's memory is
        # not reused.
        return "<plain object>"

    def method(self):
        return "called"

    def broken(self):
        raise ValueError("broken")

    @property
    def missing_attr(self):
        raise AttributeError("missing")


_Row = collections.namedtuple("_Row", "title count")


class _StrSub(str):
    pass


class _Html:
    def __str__(self):
        return "<plain>"

    def __html__(self):
        return "<html>"


class _Indexed:
    """A __getitem__ that answers str keys: it comes before attributes."""

    title = "attribute"

    def __getitem__(self, key):
        if key == "title":
            return "item"
        raise KeyError(key)


class _Callable:
    title = "<attr>"

    def __call__(self):
        return {"title": "called"}


class _DictKind(dict):
    title = "attribute"


class _SameAsGeneral:
    """_same(fast, general): a fast path gives what the general path it
    replaces gives, or raises the same exception with the same message."""

    def _same(self, fast, general):
        try:
            expected = general()
        except Exception as error:
            with self.assertRaises(type(error)) as caught:
                fast()
            self.assertEqual(str(caught.exception), str(error))
            return
        self._assert_same_result(fast(), expected)

    def _assert_same_result(self, result, expected):
        self.assertEqual(result, expected)
        self.assertIs(type(result), type(expected))


@override_settings(**TEST_SETTINGS)
class TemplateLookupTests(_SameAsGeneral, unittest.TestCase):
    """The lookup sites (_attr_site and its siblings, for {{ a.b }}),
    _escape_value and _text_value (for {{ a }}) give what _var() and the
    output functions give."""

    OBJECTS = [_Plain(), {"title": "<d>", "count": 0, "method": _Plain().method},
               [1, 2], ("x",), "text", 7, None, {}, djscratch.mark_safe("<s>"),
               _Row("<t>", 3), _Indexed(), _Callable(), _Plain, _DictKind(a=1)]
    BITS = ["title", "count", "method", "broken", "missing_attr", "nope", "0",
            "upper", "items", "index"]

    def test_attribute_sites_match_var(self):
        runtime = djscratch
        for bit in self.BITS:
            # One site per bit sees every kind of object in turn (twice), as a
            # loop over mixed rows does: its kept decision must never leak.
            sites = (runtime._attr_site(bit, "INV", "MISS", "a"),
                     runtime._escape_attr_site(bit, "a"),
                     runtime._text_attr_site(bit, "a"))
            for obj in self.OBJECTS + self.OBJECTS[::-1]:
                with self.subTest(obj=obj, bit=bit):
                    self._same(lambda: sites[0](obj),
                               lambda: runtime._var(obj, (bit,), "INV", "MISS", "a"))
                    self._same(lambda: sites[1](obj),
                               lambda: runtime._escape_output(
                                   runtime._var(obj, (bit,), "", "", "a")))
                    self._same(lambda: sites[2](obj),
                               lambda: runtime._text_output(
                                   runtime._var(obj, (bit,), "", "", "a")))

    def test_site_makers_code_is_what_compiling_each_name_gives(self):
        # _site_makers_code() renames the attribute of code compiled once;
        # compiling the source with the name written in gives the same
        # instructions on the same names and lines (the columns of the
        # renamed attribute differ: no source of a site is shown in a
        # traceback; a name the code also reads, such as get, keeps two
        # entries in co_names).
        import dis

        runtime = djscratch

        def facts(code):
            return (code.co_filename, code.co_name, code.co_varnames,
                    code.co_freevars, code.co_cellvars, code.co_flags,
                    code.co_argcount, code.co_kwonlyargcount,
                    [(i.opname, i.argval if not hasattr(i.argval, "co_code")
                      else facts(i.argval), i.positions.lineno)
                     for i in dis.get_instructions(code)])

        for bit in ("title", "author", "get", "obj", "lookup", "GET", "has_next"):
            with self.subTest(bit=bit):
                self.assertEqual(facts(runtime._site_makers_code(bit)),
                                 facts(runtime._compiled_site_makers(bit)))

    def test_sites_of_plain_names_read_the_attribute_as_getattr_does(self):
        # A plain ASCII name is written into its site (obj.title); any other
        # (a keyword, a digit, a non-ASCII name Python would fold with NFKC:
        # "\ufb01" is "fi" as an identifier) takes the getattr() site.
        runtime = djscratch
        plain = runtime._site_makers("title")
        self.assertIs(runtime._site_makers("title"), plain)  # made once a name
        for bit in ("class", "0", "\ufb01", "not-a-name"):
            with self.subTest(bit=bit):
                self.assertIs(runtime._site_makers(bit), runtime._site_makers("0"))
        self.assertIsNot(plain, runtime._site_makers("0"))

        class Ligature:
            fi = "the attribute fi"

        obj = Ligature()
        setattr(obj, "\ufb01", "the attribute \ufb01")
        setattr(obj, "class", "<a keyword>")
        for bit in ("\ufb01", "fi", "class", "title"):
            with self.subTest(bit=bit):
                self._same(lambda: runtime._attr_site(bit, "INV", "MISS", "o")(obj),
                           lambda: runtime._var(obj, (bit,), "INV", "MISS", "o"))
                self._same(lambda: runtime._escape_attr_site(bit, "o")(obj),
                           lambda: runtime._escape_output(
                               runtime._var(obj, (bit,), "", "", "o")))

    def test_sites_keep_kinds_apart_when_classes_alternate(self):
        # A site keeps the last class of each kind: a row of another class
        # between two of the first never gets the first one's lookup.
        class Attr:
            title = "<attr>"

        class Keyed:
            def __getitem__(self, key):
                return "<keyed %s>" % key

            title = "<attribute of a keyed object>"

        site = djscratch._escape_attr_site("title", "row")
        lookup = djscratch._attr_site("title", "INV", "MISS", "row")
        rows = [Attr(), Keyed(), {"title": "<dict>"}, Attr(), Keyed(), None, {}]
        for row in rows * 3:
            with self.subTest(row=row):
                self._same(lambda: site(row), lambda: djscratch._escape_output(
                    djscratch._var(row, ("title",), "", "", "row")))
                self._same(lambda: lookup(row), lambda: djscratch._var(
                    row, ("title",), "INV", "MISS", "row"))

    def test_marked_getitems_refuse_str_keys_before_anything(self):
        class Form(djscratch.Form):
            name = djscratch.FormCharField()

        page = djscratch.Paginator(tuple(range(5)), 2).page(1)
        for obj in (Form()["name"], page):
            with self.subTest(obj=type(obj).__name__):
                with self.assertRaises(TypeError):
                    obj["name"]
                if obj is page:  # refused before the list is made
                    self.assertIs(type(page.object_list), tuple)
                site = djscratch._attr_site("number", "INV", "MISS", "p")
                self.assertEqual(site(obj), djscratch._var(
                    obj, ("number",), "INV", "MISS", "p"))

    def test_var_on_text_matches_the_subscript_first_order(self):
        # _var() goes to the attribute first for a str or SafeString, whose
        # __getitem__ refuses str keys; _lookup_bit() is Django's order.
        for value in ("text", djscratch.mark_safe("<s>"), "", _StrSub("sub")):
            for bit in self.BITS + ["0", "1", "-1", "99", "__class__", "_x", "real"]:
                with self.subTest(value=value, bit=bit):
                    try:
                        expected = djscratch._lookup_bit(value, bit)
                        if callable(expected):
                            expected = djscratch._call_variable(expected, "INV")
                    except djscratch.VariableDoesNotExist:
                        expected = "MISS"
                    self.assertEqual(
                        djscratch._var(value, (bit,), "INV", "MISS", "v"), expected)

    def test_lookup_index_skips_int_only_for_what_int_refuses(self):
        # _lookup_index() tries int(bit) unless bit is an identifier, which
        # int() always refuses: every start character Python allows (letters,
        # "_", letter numbers such as "\u216b") is no digit, sign or space.
        starts = [chr(c) for c in range(0x110000) if chr(c).isidentifier() and (
            chr(c).isspace() or chr(c) in "+-" or chr(c).isdecimal())]
        self.assertEqual(starts, [])  # no identifier starts as int() reads
        for bit in ["missing", "_1", "x1", "\u216b", "\u00e9t\u00e9", "\ufb01",
                    "O0", "inf", "nan", "True"]:
            with self.subTest(bit=bit):
                self.assertTrue(bit.isidentifier())
                with self.assertRaises(ValueError):
                    int(bit)
        # What int() reads still indexes, as Django's lookup does.
        rows = ["a", "b", "c"]
        for bit, expected in [("0", "a"), ("-1", "c"), (" 1", "b"), ("+2", "c"),
                              ("\u0661", "b"), ("1_0", "MISS"), ("x", "MISS")]:
            with self.subTest(bit=bit):
                self.assertEqual(djscratch._var(rows, (bit,), "INV", "MISS", "r"),
                                 expected)

    def test_if_operators_as_one_lambda_match_the_operator_functions(self):
        # {% if a OP b %} compiles to _test(lambda: (a) OP (b)); the general
        # form is _test(_if_op, lambda: a, lambda: b): same truth, and an
        # error in an operand or in the operator makes that operator False.
        class Boom:
            @property
            def boom(self):
                raise ValueError("boom")

        names = {"==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le",
                 ">=": "ge", "in": "in", "not in": "not_in", "and": "and",
                 "or": "or"}
        values = [None, 0, 1, 2.5, "x", "", [1, "x"], {"x": 1}, Boom()]
        engine = djscratch.Engine()
        for op, name in names.items():
            template = engine.from_string(
                "{%% if a.boom %s b %%}E{%% elif a %s b %%}Y{%% else %%}N{%% endif %%}|"
                "{%% if not a %s b %%}Y{%% else %%}N{%% endif %%}" % (op, op, op))
            for a, b in itertools.product(values, values):
                with self.subTest(op=op, a=a, b=b):
                    self.assertEqual(template.render(djscratch.Context(
                        {"a": a, "b": b})), self._if_by_functions(op, name, a, b))

    @staticmethod
    def _if_by_functions(op, name, a, b):
        """The test template's output with the _if_ functions over lambdas."""
        test, func = djscratch._test, getattr(djscratch, "_if_" + name)
        boom = djscratch._if_true(lambda: test(func, lambda: djscratch._var(
            a, ("boom",), "", None, "a"), lambda: b))
        first = "E" if boom else "Y" if test(func, lambda: a, lambda: b) else "N"
        if op in ("and", "or"):  # `not` binds tighter than and/or
            negated = test(func, lambda: test(djscratch._if_not, lambda: a),
                           lambda: b)
        else:
            negated = test(djscratch._if_not, lambda: test(func, lambda: a,
                                                            lambda: b))
        return first + "|" + ("Y" if negated else "N")

    def test_var_of_a_missing_name_returns_missing_or_raises(self):
        missing = djscratch._NOT_FOUND
        self.assertEqual(djscratch._var(missing, (), "INV", "MISS", "v"), "MISS")
        self.assertIsNone(djscratch._var(missing, ("a",), "", None, "v"))
        with self.assertRaises(djscratch.VariableDoesNotExist):
            djscratch._var(missing, ("a",), "", djscratch._RAISE, "v")

    def test_dir_lists_matches_name_in_dir(self):
        class Slotted:
            __slots__ = ("kept",)

        class OwnDir(_Plain):
            def __dir__(self):
                return ["listed"]

        class Disguised(_Plain):
            @property
            def __class__(self):
                return _Row

        with_attrs = _Plain()
        with_attrs.added = 1
        lazy = djscratch.SimpleLazyObject(_Plain)
        objects = self.OBJECTS + [with_attrs, Slotted(), OwnDir(), Disguised(),
                                  lazy, _StrSub("s"), djscratch, object(), 1.5]
        names = self.BITS + ["added", "kept", "listed", "__class__", "__doc__",
                             "_fields", "__dict__", "__slots__", "real", "mro",
                             "__name__", "setup"]
        for obj in objects:
            for name in names:
                with self.subTest(obj=obj, name=name):
                    self.assertIs(djscratch._dir_lists(obj, name), name in dir(obj))

    def test_lookup_kind_follows_what_the_class_is(self):
        kind = djscratch._lookup_kind
        self.assertIs(kind(dict), djscratch._KEY)
        for cls in (_Plain, _Row, str, tuple, list, int, type(None)):
            with self.subTest(cls=cls):
                self.assertIs(kind(cls), djscratch._ATTR)
        # Django's classes whose __getitem__ says it refuses str keys do
        for cls in (djscratch.BoundField, djscratch.Page):
            with self.subTest(cls=cls):
                self.assertIs(kind(cls), djscratch._ATTR)
        # a __getitem__ of its own, a callable, a class, a dict subclass:
        # Django's order step by step
        for cls in (_Indexed, _Callable, type, _DictKind):
            with self.subTest(cls=cls):
                self.assertIs(kind(cls), djscratch._FULL)

    def test_value_shortcuts_match_var(self):
        runtime = djscratch
        values = self.OBJECTS + [_Plain().method, "<&>'\"", 10 ** 20, 1.5, True,
                                 -12345, _IntSub(5),
                                 datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
                                 datetime.datetime(2026, 11, 21, 12, 0)]
        for value, separator in itertools.product(values, (False, True)):
            with self.subTest(value=value, separator=separator), override_settings(
                    USE_THOUSAND_SEPARATOR=separator):
                self._same(lambda: runtime._escape_value(value, "v"),
                           lambda: runtime._escape_output(
                               runtime._var(value, (), "", "", "v")))
                self._same(lambda: runtime._text_value(value, "v"),
                           lambda: runtime._text_output(
                               runtime._var(value, (), "", "", "v")))

    def test_output_shortcuts_match_localize_and_escape(self):
        runtime = djscratch
        values = ["<&>", djscratch.mark_safe("<i>"), 0, -12, True, None, 1.25,
                  datetime.date(2026, 11, 21), datetime.time(9, 30),
                  decimal.Decimal("1234.50"), _Plain(), ["<a>", 1], {"k": "<v>"},
                  _StrSub("<s>"), _Html(), djscratch.gettext_lazy("lazy <x>")]
        values += list(_random_datetimes(200, seed=3))
        for zone in (None, "Europe/Paris"):
            if zone:
                djscratch.activate(zone)
            try:
                for value in values:
                    text = runtime._localize(self._localtime(value))
                    with self.subTest(value=value, zone=zone):
                        # Django's render_value_in_context: str() first
                        self.assertEqual(runtime._escape_output(value),
                                         djscratch.conditional_escape(
                                             text if isinstance(text, str)
                                             else str(text)))
                        self.assertEqual(runtime._text_output(value), str(text))
            finally:
                djscratch.deactivate()

    def test_template_localtime_matches_django_rule(self):
        for zone in (None, "Europe/Paris"):
            if zone:
                djscratch.activate(zone)
            try:
                for value in list(_random_datetimes(300, seed=5)) + [
                        datetime.date(2026, 1, 1), "2026", None]:
                    with self.subTest(value=value, zone=zone):
                        result = djscratch._template_localtime(value)
                        expected = self._localtime(value)
                        self.assertEqual(result, expected)
                        self.assertEqual(getattr(result, "tzinfo", None),
                                         getattr(expected, "tzinfo", None))
            finally:
                djscratch.deactivate()

    @staticmethod
    def _localtime(value):
        # django.utils.timezone.template_localtime(), spelled out.
        if (isinstance(value, datetime.datetime) and djscratch.settings.USE_TZ
                and not djscratch.is_naive(value)
                and getattr(value, "convert_to_local_time", True)):
            return djscratch.localtime(value)
        return value


with define_models():

    class FastAuthor(models.Model):
        name = models.CharField(max_length=20, default="anon")

        class Meta:
            app_label = "fast_paths"

    class FastPost(models.Model):
        title = models.CharField(max_length=20)
        slug = models.SlugField(default="s")
        votes = models.IntegerField(default=0)
        score = models.PositiveSmallIntegerField(null=True)
        tags = models.JSONField(default=list)
        author = models.ForeignKey(FastAuthor, models.CASCADE, null=True)

        class Meta:
            app_label = "fast_paths"


def _forcing_the_general_path():
    """A pre_init receiver: Model.__init__ then skips _fast_init()."""
    def receiver(**kwargs):
        pass

    return receiver


class _SubclassedCachedLoader(djscratch._CachedLoader):
    """A cached loader of another class: the fast path leaves it alone."""


@override_settings(**TEST_SETTINGS)
class ExtendsParentTests(unittest.TestCase):
    """Engine._cached_template() (the parent of an {% extends "name" %}) is
    what find_template() returns, or None where find_template() must run."""

    TEMPLATES = {"base.html": "B{% block a %}b{% endblock %}",
                 "child.html": '{% extends "base.html" %}{% block a %}c{% endblock %}',
                 "self.html": '{% extends "self.html" %}'}

    def _engine(self, loader="django.template.loaders.cached.Loader", **options):
        return djscratch.Engine(loaders=[(loader, [
            ("django.template.loaders.locmem.Loader", self.TEMPLATES)])], **options)

    def test_a_cached_hit_is_find_templates_answer(self):
        engine = self._engine()
        child = engine.get_template("child.html")
        self.assertIsNone(engine._cached_template("base.html", [child.origin]))
        for skip in ([child.origin], [child.origin, child.origin], []):
            parent, origin = engine.find_template("base.html", skip=skip)
            self.assertIs(engine._cached_template("base.html", skip), parent)
            self.assertIs(parent.origin, origin)

    def test_the_general_path_where_the_loader_could_answer_otherwise(self):
        child_of = {}
        for name, engine in [
                ("debug", self._engine(debug=True)),
                ("uncached", djscratch.Engine(loaders=[(
                    "django.template.loaders.locmem.Loader", self.TEMPLATES)])),
                ("subclass", self._engine(
                    f"{__name__}._SubclassedCachedLoader"))]:
            child_of[name] = engine.get_template("child.html")
            engine.find_template("base.html", skip=[child_of[name].origin])
            with self.subTest(name):
                self.assertIsNone(engine._cached_template(
                    "base.html", [child_of[name].origin]))
        engine = self._engine()
        own = engine.get_template("self.html")
        self.assertIsNone(engine._cached_template("self.html", [own.origin]))

    def test_a_cleared_cache_and_a_missing_parent(self):
        engine = self._engine()
        child = engine.get_template("child.html")
        self.assertEqual(child.render(djscratch.Context()), "Bc")
        engine.template_loaders[0].reset()
        self.assertIsNone(engine._cached_template("base.html", [child.origin]))
        self.assertEqual(child.render(djscratch.Context()), "Bc")
        self.assertIsNone(engine._cached_template("nowhere.html", [child.origin]))
        with self.assertRaises(djscratch.TemplateDoesNotExist):
            engine.from_string('{% extends "nowhere.html" %}').render(
                djscratch.Context())
        self.assertIsNone(engine._cached_template("nowhere.html", []))


@override_settings(**TEST_SETTINGS)
class IncludeScopeTests(unittest.TestCase):
    """_include_scope(): the one dict an {% include %} pushes shows each name
    as pushing the bindings, then the with arguments, did."""

    def test_same_names_as_two_pushes(self):
        kinds = [None, {}, {"a": 1, "b": 2}, {"b": 3}]
        for bindings, extra in itertools.product(kinds, [{}, {"b": 9, "c": 4}]):
            with self.subTest(bindings=bindings, extra=extra):
                general = djscratch.Context({"a": 0, "b": 0, "c": 0, "d": 5})
                general.push(bindings or {})
                general.push(dict(extra))
                fast = djscratch.Context({"a": 0, "b": 0, "c": 0, "d": 5})
                fast.dicts.append(_include_scope_of(bindings, extra))
                self.assertEqual(fast.flatten(), general.flatten())
                for name in "abcd":
                    self.assertEqual(fast[name], general[name])

    def test_an_include_renders_loop_and_with_names(self):
        engine = djscratch.Engine(loaders=[("django.template.loaders.locmem.Loader", {
            "row": "{{ c }}{{ x }}{{ y|default:'-' }};"})])
        template = engine.from_string(
            "{% for c in cs %}{% include 'row' %}{% include 'row' with x=c y=2 %}"
            "{% include 'row' with x=1 only %}{% endfor %}{{ c }}{{ x }}")
        self.assertEqual(template.render(djscratch.Context({"cs": [5, 6], "x": "X"})),
                         "5X-;552;1-;6X-;662;1-;X")


@override_settings(**TEST_SETTINGS)
class NamedIncludeTests(_SameAsGeneral, unittest.TestCase):
    """_named_include() (an {% include "name" %}) finds what the general
    path finds, select_template() of the resolved name, and raises as it."""

    def _assert_same_result(self, result, expected):
        self.assertIs(result, expected)

    def test_same_template_or_error_as_select_template(self):
        engine = djscratch.Engine(loaders=[("django.template.loaders.cached.Loader", [(
            "django.template.loaders.locmem.Loader",
            {"dir/a.html": "A", "b.html": "B", "dir/sub/c.html": "C"})])])
        origin = djscratch.Origin("dir/x.html", "dir/x.html")
        for name, resolved in [("b.html", "b.html"), ("./a.html", "dir/a.html"),
                               ("../b.html", "b.html"), ("./sub/c.html",
                                                         "dir/sub/c.html"),
                               ("missing.html", "missing.html"),
                               ("../../out.html", "../../out.html")]:
            with self.subTest(name):
                ctx = djscratch.Context()
                ctx.template = engine.from_string("")
                root = ctx.render_context.dicts[0]

                def general():
                    if name.startswith("../../"):
                        return djscratch._relative_name(
                            origin.template_name, name, "include")
                    return engine.select_template((resolved,))

                self._same(lambda: djscratch._named_include(
                    ctx, root, djscratch.mark_safe(name), origin, "node"), general)
                if name in root.get("node", {}):  # found: kept for the render
                    self.assertIs(djscratch._named_include(
                        ctx, root, name, origin, "node"), root["node"][name])


def _include_scope_of(bindings, extra):
    """_include_scope() on copies (it may hand back the dicts it is given)."""
    return djscratch._include_scope(
        None if bindings is None else dict(bindings), dict(extra))


class ModelInitTests(unittest.TestCase):
    """Model._fast_init() builds the instance the general __init__ builds."""

    KWARGS = [{}, {"title": "t"}, {"title": "t", "votes": 3}, {"author_id": 1},
              {"id": 5, "title": "x", "slug": "y", "votes": -1, "score": None,
               "tags": ["a"], "author_id": None}, {"score": 2}, {"tags": {}}]

    def test_fast_init_matches_the_general_init(self):
        for kwargs in self.KWARGS:
            with self.subTest(kwargs=kwargs):
                fast = FastPost(**kwargs)
                receiver = _forcing_the_general_path()
                djscratch.pre_init.connect(receiver, sender=FastPost)
                try:
                    general = FastPost(**kwargs)
                finally:
                    djscratch.pre_init.disconnect(receiver, sender=FastPost)
                self.assertEqual(_fields(fast), _fields(general))
                for attr in ("adding", "db"):
                    self.assertEqual(getattr(fast._state, attr),
                                     getattr(general._state, attr))
                if "tags" not in kwargs:  # a callable default: one per instance
                    self.assertIsNot(fast.tags, general.tags)

    def test_fast_init_declines_names_it_does_not_know(self):
        post = FastPost.__new__(FastPost)
        for kwargs in ({"author": None}, {"pk": 1}, {"nope": 1}):
            with self.subTest(kwargs=kwargs):
                self.assertFalse(post._fast_init(FastPost._meta, kwargs))
                self.assertEqual(vars(post), {})


def _fields(obj):
    return {k: v for k, v in vars(obj).items() if k != "_state"}


class DbPrepSaveTests(unittest.TestCase):
    """Field._fast_db_prep_save() returns what get_db_prep_save() returns."""

    VALUES = ["", "text", "nul\x00in", djscratch.mark_safe("<s>"), 0, 7, -2 ** 63,
              True, 1.5, "12", " 3 ", "x1", None, decimal.Decimal("4"), [1],
              datetime.date(2026, 1, 1)]

    def test_fast_db_prep_save_matches_get_db_prep_save(self):
        fields = [models.CharField(max_length=5), models.SlugField(),
                  models.EmailField(), models.TextField(), models.IntegerField(),
                  models.PositiveSmallIntegerField(), models.BigIntegerField(),
                  models.AutoField(primary_key=True), models.BooleanField(),
                  models.JSONField()]
        for field in fields:
            fast = field._fast_db_prep_save()
            for value in self.VALUES:
                with self.subTest(field=type(field).__name__, value=value):
                    try:
                        expected = field.get_db_prep_save(value)
                    except Exception as error:
                        with self.assertRaises(type(error)) as caught:
                            fast(value)
                        self.assertEqual(str(caught.exception), str(error))
                        continue
                    result = fast(value)
                    self.assertEqual(result, expected)
                    self.assertIs(type(result), type(expected))


class SaveAndDeleteShortcutTests(_SameAsGeneral, unittest.TestCase):
    """The shortcuts of save() and delete() answer as the code they skip."""

    VALUES = DbPrepSaveTests.VALUES + [
        djscratch.F("votes"), djscratch.F("votes") + 1, djscratch.Value(3),
        djscratch.Upper("title"), object(), b"bytes", 2 ** 70, -0.0, False]

    def test_has_expression_matches_an_isinstance_test_of_each_value(self):
        expression = djscratch.Expression
        for value in self.VALUES:
            for values in ([value], [1, "a", value], [value, None]):
                with self.subTest(values=values):
                    self.assertIs(djscratch._has_expression(values), any(
                        isinstance(v, expression) for v in values))

    def test_foreign_key_prep_matches_get_db_prep_save(self):
        field = FastPost._meta.get_field("author")
        fast = field._fast_db_prep_save()
        self.assertIsNot(fast, field.get_db_prep_save)  # the shortcut is taken
        for value in self.VALUES[:16] + [2 ** 70]:
            with self.subTest(value=value):
                self._same(lambda: fast(value), lambda: field.get_db_prep_save(value))

    def test_key_prep_matches_get_db_prep_value(self):
        for field in (FastPost._meta.pk, models.CharField(max_length=5),
                      models.BigAutoField(primary_key=True), models.UUIDField()):
            prep = djscratch._key_prep(field)
            for value in self.VALUES[:16]:
                with self.subTest(field=type(field).__name__, value=value):
                    self._same(lambda: prep(value),
                               lambda: field.get_db_prep_value(value))


class SignalMaySendToTests(unittest.TestCase):
    """Signal._may_send_to(sender) is False only when send(sender) would
    call no receiver."""

    def test_false_only_for_a_sender_known_to_have_no_receiver(self):
        class A:
            pass

        class B:
            pass

        signal = djscratch.Signal()
        calls = []

        def receiver(sender, **kwargs):
            calls.append(sender)

        self.assertFalse(signal._may_send_to(A))  # no receivers at all
        signal.connect(receiver, sender=A)
        self.assertTrue(signal._may_send_to(B))  # not known yet: send() decides
        self.assertEqual(signal.send(sender=B), [])
        self.assertFalse(signal._may_send_to(B))  # now known: nobody for B
        self.assertTrue(signal._may_send_to(A))
        signal.send(sender=A)
        self.assertTrue(signal._may_send_to(A))
        signal.connect(receiver, sender=None, dispatch_uid="all")  # every sender
        self.assertTrue(signal._may_send_to(B))
        signal.send(sender=B)
        self.assertTrue(signal._may_send_to(B))
        self.assertEqual(calls, [A, B])
        signal.disconnect(dispatch_uid="all")
        signal.send(sender=B)
        self.assertFalse(signal._may_send_to(B))

    def test_a_save_sends_pre_and_post_save_to_a_receiver_connected_later(self):
        seen = []

        def receiver(sender, instance, **kwargs):
            seen.append((kwargs["signal"], instance.title))

        with override_settings(**ORM_SETTINGS):
            djscratch.sync_schema(models=[FastAuthor, FastPost], verbosity=0)
            FastPost(title="before").save()  # remembered: no receiver for it
            djscratch.pre_save.connect(receiver, sender=FastPost)
            djscratch.post_save.connect(receiver, sender=FastPost)
            try:
                FastPost(title="after").save()
            finally:
                djscratch.pre_save.disconnect(receiver, sender=FastPost)
                djscratch.post_save.disconnect(receiver, sender=FastPost)
            djscratch.connection.close()
        self.assertEqual(seen, [(djscratch.pre_save, "after"),
                                (djscratch.post_save, "after")])


class QueryShortcutTests(_SameAsGeneral, DatabaseTestCase):
    """get(pk=N) through _get_by_pk_fast() and filter() without the
    filter-time check (_simple_lookups) answer as the general paths do."""

    models = [FastAuthor, FastPost]

    def setUp(self):
        super().setUp()
        author = FastAuthor.objects.create(name="a")
        for i in range(5):
            FastPost.objects.create(title="t%d" % i, votes=i, author=author,
                                    tags=[i])

    def test_get_by_pk_matches_the_general_get(self):
        keys = [1, 3, 5, 6, 0, -1, 2 ** 63, "2", 2.0, True, None, "x"]
        for name in ("pk", "id", "pk__exact", "id__exact"):
            for key in keys:
                with self.subTest(name=name, key=key):
                    self._same(lambda: FastPost.objects.get(**{name: key}),
                               lambda: FastPost.objects.filter(
                                   votes__gte=-1).get(**{name: key}))

    def test_filters_without_the_check_match_filters_checked(self):
        import sys
        from unittest import mock

        module = sys.modules[djscratch.QuerySet._filter_or_exclude.__module__]
        cases = [{"votes": 2}, {"votes__gte": 2, "title__startswith": "t"},
                 {"score__isnull": True}, {"title__icontains": "T"},
                 {"title__in": ["t1", "t4"]}, {"votes__range": (1, 3)},
                 {"id__exact": 2, "title": None}, {"pk": 2},
                 {"pk__exact": 3, "votes__gte": 1}, {"pk": 99}, {"pk": -1}]
        for kwargs in cases:
            with self.subTest(kwargs=kwargs):
                self.assertTrue(djscratch._simple_lookups(FastPost._meta, kwargs))
                unchecked = FastPost.objects.filter(**kwargs)
                with mock.patch.object(module, "_simple_lookups",
                                       return_value=False):
                    checked = FastPost.objects.filter(**kwargs)
                self.assertEqual(str(unchecked.query), str(checked.query))
                self.assertEqual(list(unchecked), list(checked))

    def test_lookups_the_shortcut_declines_fail_at_filter_time(self):
        # (and values a field prepares, which may fail: Django fails at the call)
        for kwargs in ({"nope": 1}, {"votes__nope": 1}, {"author__name": "a"},
                       {"pk": "2"}, {"pk": 2.0}, {"pk": True}, {"pk__gt": 2},
                       {"pk": 2 ** 63}, {"pk__in": [1]}, {"title__in": [1]},
                       {"votes__range": ("1", 3)}, {"votes__lt": "3"},
                       {"tags": [1]}, {"score__isnull": 1}):
            with self.subTest(kwargs=kwargs):
                self.assertFalse(djscratch._simple_lookups(FastPost._meta, kwargs))
        with self.assertRaises(djscratch.FieldError):
            FastPost.objects.filter(nope=1)
        with self.assertRaisesRegex(ValueError, "expected a number but got 'x'"):
            FastPost.objects.filter(pk="x")  # at the call, as Django
        self.assertTrue(djscratch._simple_lookups(FastPost._meta, {"pk": 2}))
        self.assertFalse(djscratch._simple_lookups(ChildCity._meta, {"pk": 2}))

    def _assert_same_result(self, result, expected):
        self.assertEqual(_fields(result), _fields(expected))


with define_models():

    class RowCountry(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "fast_paths"

    class RowCity(models.Model):
        name = models.CharField(max_length=20)
        founded = models.DateTimeField(null=True)
        country = models.ForeignKey(RowCountry, models.CASCADE, null=True)

        class Meta:
            app_label = "fast_paths"

    class RowMayor(models.Model):
        name = models.CharField(max_length=20)
        city = models.OneToOneField(RowCity, models.CASCADE, null=True,
                                    related_name="mayor")

        class Meta:
            app_label = "fast_paths"


def _loaded(obj, depth=0):
    """What a loaded instance holds, for comparison: its class, its
    attributes in order, its state and the related objects cached on it
    (one level of back references, which point at each other)."""
    if not isinstance(obj, models.Model):
        return obj
    state = obj.__dict__.get("_state")
    cache = state and (list(state.fields_cache) if depth > 2 else [
        (name, _loaded(value, depth + 1))
        for name, value in state.fields_cache.items()])
    return (type(obj), [(k, _loaded(v, depth + 1)) for k, v in vars(obj).items()
                        if k != "_state"],
            state and (state.adding, state.db), cache)


def _make_rows():
    """The rows RowBuilderTests and FilterShapeCacheTests read."""
    author = FastAuthor.objects.create(name="a")
    for i in range(3):
        FastPost.objects.create(title="t%d" % i, votes=i, tags=[i],
                                author=author if i else None)
    france = RowCountry.objects.create(name="France")
    paris = RowCity.objects.create(
        name="Paris", country=france,
        founded=datetime.datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    nowhere = RowCity.objects.create(name="Nowhere")
    RowMayor.objects.create(name="m1", city=paris)
    RowMayor.objects.create(name="m2", city=nowhere)
    RowMayor.objects.create(name="m3")


class CloneTests(unittest.TestCase):
    """QuerySet._clone() and Query.clone() (one dict copy each) give what the
    attribute-by-attribute copies they replace give: the same attributes,
    with fresh filter lists, annotations, cache and known related objects."""

    @staticmethod
    def _general_query_clone(query):
        obj = djscratch._copy_query(query)
        obj.where = list(query.where)
        obj.having = list(query.having)
        obj.annotations = dict(query.annotations)
        if query.filtered_relations:
            obj.filtered_relations = dict(query.filtered_relations)
        return obj

    @classmethod
    def _general_clone(cls, qs):
        c = qs.__class__.__new__(qs.__class__)
        c.__dict__.update(qs.__dict__)
        c._query = cls._general_query_clone(qs._query)
        c._result_cache = None
        c._prefetch_done = False
        c._known_related_objects = dict(qs._known_related_objects)
        return c

    def querysets(self):
        author = FastAuthor(pk=1, name="a")
        posts = FastPost.objects
        return [
            posts.all(), posts.filter(votes=2).exclude(title="x"),
            posts.select_related("author").order_by("-votes")[:5],
            posts.annotate(n=models.Count("pk")).filter(n__gt=0),
            posts.prefetch_related("author").using("default"),
            posts.values("title", "votes").distinct(),
            posts.values_list("title", flat=True)[2:],
            posts.annotate(mine=models.FilteredRelation(
                "author", condition=models.Q(author__name="a"))),
            author.fastpost_set.all(), posts.none(), posts.defer("tags"),
        ]

    def assertSameClone(self, fast, general, original):
        self.assertIs(type(fast), type(general))
        self.assertEqual(fast.__dict__.keys(), general.__dict__.keys())
        for name, value in general.__dict__.items():
            if name != "_query":
                self.assertEqual(fast.__dict__[name], value, name)
        fq, gq, oq = fast._query, general._query, original._query
        self.assertIs(type(fq), type(gq))
        self.assertEqual(fq.__dict__, gq.__dict__)
        for name in ("where", "having", "annotations"):
            self.assertIsNot(getattr(fq, name), getattr(oq, name))
        self.assertIsNot(fast._known_related_objects,
                         original._known_related_objects)
        self.assertEqual(str(fq), str(oq))

    def test_clone_matches_the_attribute_copies(self):
        for qs in self.querysets():
            with self.subTest(query=str(qs.query)):
                self.assertSameClone(qs._clone(), self._general_clone(qs), qs)

    def test_a_clone_changed_leaves_the_original(self):
        qs = FastPost.objects.filter(votes=1)
        before = str(qs.query)
        clone = qs._clone()
        clone._query.where.append(clone.filter(title="t")._query.where[-1])
        clone._query.annotations["n"] = models.Count("pk")
        clone._known_related_objects["k"] = {}
        self.assertEqual(str(qs.query), before)
        self.assertEqual(qs._query.annotations, {})
        self.assertEqual(qs._known_related_objects, {})

    def test_a_query_subclass_is_copied_through_copy(self):
        class Copied(djscratch._Query):
            copies = 0

            def __copy__(self):
                Copied.copies += 1
                obj = object.__new__(Copied)
                obj.__dict__.update(self.__dict__)
                return obj

        query = Copied(FastPost)
        clone = query.clone()
        self.assertIs(type(clone), Copied)
        self.assertEqual(Copied.copies, 1)
        self.assertIsNot(clone.where, query.where)


class RowBuilderTests(_SameAsGeneral, DatabaseTestCase):
    """_model_rows() through a generated row builder (_row_builder()) builds
    the objects its general loop builds (taken when post_init has a
    receiver): attributes, their order, state, select_related() caches."""

    models = [FastAuthor, FastPost, RowCountry, RowCity, RowMayor]

    def setUp(self):
        super().setUp()
        _make_rows()

    QUERIES = [
        lambda: FastPost.objects.all(),
        lambda: FastPost.objects.select_related("author"),
        lambda: FastPost.objects.defer("title", "tags").select_related("author"),
        lambda: FastPost.objects.only("votes"),
        lambda: RowCity.objects.select_related("country", "mayor"),
        lambda: RowMayor.objects.select_related("city__country"),
        lambda: RowMayor.objects.select_related("city").only("name", "city__name"),
        lambda: RowCountry.objects.annotate(paris=djscratch.FilteredRelation(
            "rowcity", condition=djscratch.Q(rowcity__name="Paris"))).select_related(
                "paris"),
    ]

    def _rows(self, queryset, db):
        compiler = djscratch.SQLCompiler(queryset._query)
        sql, params = compiler.as_sql()
        rows = djscratch.connection._execute(sql, params).fetchall()
        return [_loaded(o) for o in djscratch._model_rows(queryset, compiler, rows, db)]

    def test_built_objects_match_the_general_loop(self):
        receiver = _forcing_the_general_path()
        for index, query in enumerate(self.QUERIES):
            for db in ("default", "other"):
                with self.subTest(query=index, db=db):
                    queryset = query().order_by("pk")
                    fast = self._rows(queryset, db)
                    # A cached layout's second time: its remembered builder.
                    self.assertEqual(self._rows(queryset, db), fast)
                    djscratch.post_init.connect(receiver)
                    try:
                        general = self._rows(queryset, db)
                    finally:
                        djscratch.post_init.disconnect(receiver)
                    self.assertEqual(fast, general)
                    self.assertTrue(fast)

    def test_a_cached_layout_remembers_its_builder(self):
        queryset = RowMayor.objects.select_related("city__country")
        list(queryset)
        compiler = djscratch.SQLCompiler(queryset._query)
        compiler.as_sql()
        self.assertEqual(list(compiler.row_memo), [(RowMayor, False, True)])
        compiler = djscratch.SQLCompiler(queryset.filter(name="m1")._query)
        compiler.as_sql()
        self.assertEqual(compiler.row_memo, {})  # a plain filter: its shape's
        compiler = djscratch.SQLCompiler(
            queryset.filter(name=djscratch.F("name"))._query)
        compiler.as_sql()
        self.assertIsNone(compiler.row_memo)  # an expression: built every time

    def test_one_builder_per_layout_on_the_model(self):
        RowMayor._meta.__dict__.pop("_row_builders", None)  # (other tests' too)
        djscratch._plain_sql_cache.clear()  # (which remembers builders)
        list(RowMayor.objects.select_related("city__country"))
        builders = RowMayor._meta._row_builders
        count = len(builders)
        list(RowMayor.objects.select_related("city__country").filter(name="m1"))
        self.assertEqual(len(builders), count)
        list(RowMayor.objects.select_related("city"))
        self.assertEqual(len(builders), count + 1)

    def test_the_unpacking_loop_matches_the_subscript_loop(self):
        for index, query in enumerate(self.QUERIES):
            with self.subTest(query=index):
                queryset = query()
                compiler = djscratch.SQLCompiler(queryset._query)
                sql, params = compiler.as_sql()
                compiler.row_memo = None  # (no builder remembered)
                rows = djscratch.connection._execute(sql, params).fetchall()
                unpacked = djscratch._model_rows(queryset, compiler, rows)
                subscripted = djscratch._model_rows(queryset, compiler, tuple(rows))
                self.assertEqual([_loaded(o) for o in unpacked],
                                 [_loaded(o) for o in subscripted])
        self.assertEqual(djscratch._columns_read(("a", "b"), None), 2)
        build = djscratch._compile_row_builder(FastAuthor, ("id",), (), None, False,
                                               unpack=True)
        self.assertEqual(vars(build([(7,)], None, [])[0]), {"id": 7})

    def test_names_enter_the_code_as_literals(self):
        # A column name that is not an identifier stays a dict key.
        name = "x') or __import__('os').getpid() or ('"
        build = djscratch._compile_row_builder(FastAuthor, (name, "id"), (), None,
                                               False)
        obj = build([(1, 2)], None, [])[0]
        self.assertEqual(vars(obj), {name: 1, "id": 2})


class AttributeStoreTests(unittest.TestCase):
    """_stores_by_attribute(): a row builder writes a column as an attribute
    only where that is the same as writing it into the instance's dict."""

    def test_which_names_are_written_as_attributes(self):
        class Watched(RowCity):
            calls = []

            def __setattr__(self, name, value):
                self.calls.append(name)
                super().__setattr__(name, value)

            class Meta:
                proxy = True
                app_label = "fast_paths"

        stores = djscratch._stores_by_attribute
        self.assertTrue(stores(RowCity, "name"))
        self.assertTrue(stores(RowCity, "_state"))  # a non-data descriptor
        self.assertFalse(stores(RowCity, "country_id"))  # the key's __set__
        self.assertFalse(stores(RowCity, "pk"))  # a property
        self.assertFalse(stores(RowCity, "__class__"))
        self.assertFalse(stores(RowCity, "x-y"))  # not an identifier
        self.assertFalse(stores(RowCity, "class"))
        self.assertFalse(stores(Watched, "name"))  # its own __setattr__
        build = djscratch._compile_row_builder(
            Watched, ("id", "name", "country_id"), (), None, False)
        obj = build([(1, "n", 2)], None, [])[0]
        self.assertEqual(vars(obj), {"id": 1, "name": "n", "country_id": 2})
        self.assertEqual(Watched.calls, [])


with define_models():

    class RowStamp(models.Model):
        at = models.DateTimeField()
        maybe = models.DateTimeField(null=True)
        day = models.DateField()
        maybe_day = models.DateField(null=True)

        class Meta:
            app_label = "fast_paths"


def _stored_texts(seed=11):
    """Text a date or datetime column may hold: Django's own forms, ISO 8601
    variants with and without offsets, and those texts with characters
    changed (same lengths as Django's, and others); then what is no text."""
    rng = random.Random(seed)
    dates = ["2026-11-20", "0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29",
             "20261120", "2026-W47-5", "2026-324"]
    times = ["", "23", "23:23", "2323", "23:23:00", "232300", "23:23:00.1",
             "23:23:00.123", "23:23:00.123456", "23:23:00,123", "23:23:00.1234567",
             "24:00:00", "00:00:00.000000"]
    offsets = ["", "Z", "z", "+00:00", "-05:00", "+05", "+0530", "+05:30:15", "-00:00",
               "UTC", " "]
    texts = [day + sep + time + offset for day in dates for sep in (" ", "T", "")
             for time in times for offset in offsets]
    alphabet = "0123456789 -:T.+Zz,_W"
    for base in ["2026-11-20 23:23:00", "2026-11-20 23:23:00.123456", "2026-11-20",
                 "2026-11-20T23:23:00+05:30"]:
        for _ in range(400):
            chars = list(base)
            for _ in range(rng.randint(1, 3)):
                chars[rng.randrange(len(chars))] = rng.choice(alphabet)
            texts.append("".join(chars)[:rng.choice([len(chars)] * 3 + [
                rng.randrange(len(chars) + 1)])])

    class Text(str):
        pass

    return texts + [Text("2026-11-20 23:23:00"), Text("2026-11-20"), None, "", 5, 5.5,
                    b"2026-11-20 23:23:00", b"2026-11-20",
                    datetime.datetime(2026, 11, 20, 23, 23, tzinfo=UTC),
                    datetime.datetime(2026, 11, 20, 23, 23),
                    datetime.date(2026, 11, 20)]


with define_models():

    class RowStampAfterKey(models.Model):
        city = models.ForeignKey(RowCity, models.CASCADE, null=True)
        at = models.DateTimeField()
        maybe = models.DateTimeField(null=True)

        class Meta:
            app_label = "fast_paths"


class InlineConverterTests(_SameAsGeneral, unittest.TestCase):
    """A row builder applies a converter with an inline form (_TEXT_FORMS:
    DateTimeField's under USE_TZ, DateField's) by its parse function where
    the form takes the value: each column gets what the converter gives for
    it, or the same exception, for every stored text and other value."""

    def _assert_same_result(self, result, expected):
        self.assertEqual(result, expected)
        for name, value in expected.items():
            self.assertIs(type(result[name]), type(value))
            if isinstance(value, datetime.datetime):
                self.assertEqual(result[name].isoformat(), value.isoformat())
                self.assertEqual(result[name].tzinfo, value.tzinfo)

    def test_inline_forms_give_the_converters_answers(self):
        opts = RowStamp._meta
        converters = opts._row_converters
        base = (1, "2026-11-20 23:23:00", None, "2026-11-20", None)
        values = _stored_texts()
        for use_tz in (True, False):
            forms = djscratch._TEXT_FORMS[use_tz]
            self.assertEqual(djscratch._convert_datetime in forms, use_tz)
            self.assertIn(djscratch._parse_date_text, forms)
            functions = djscratch._plan_converters(converters, None, forms)
            builds = [djscratch._compile_row_builder(
                RowStamp, opts._attnames, converters, None, False, unpack=unpack,
                forms=forms) for unpack in (True, False)]
            with override_settings(USE_TZ=use_tz):
                for index, _conv in converters:
                    for value in values:
                        row = list(base)
                        row[index] = value
                        row = tuple(row)

                        def general(row=row):
                            return {name: v if v is None or conv is None else conv(v)
                                    for name, v, conv in zip(
                                        opts._attnames, row,
                                        [dict(converters).get(i) for i in range(5)])}

                        for number, build in enumerate(builds):
                            def fast(build=build, row=row):
                                return vars(build([row], None, functions)[0])

                            with self.subTest(use_tz=use_tz, column=index,
                                              value=value, build=number):
                                self._same(fast, general)

    def test_the_code_names_its_parts_in_the_order_they_are_given(self):
        opts = RowStamp._meta
        forms = djscratch._TEXT_FORMS[True]
        build = djscratch._compile_row_builder(
            RowStamp, opts._attnames, opts._row_converters, None, False, unpack=True,
            forms=forms)
        functions = djscratch._plan_converters(opts._row_converters, None, forms)
        suffixes = {19: "+00:00", 26: "+00:00"}
        self.assertEqual(functions, [
            djscratch._convert_datetime, datetime.datetime.fromisoformat, suffixes,
            djscratch._convert_datetime, datetime.datetime.fromisoformat, suffixes,
            djscratch._parse_date_text, datetime.date.fromisoformat,
            djscratch._parse_date_text, datetime.date.fromisoformat])
        obj = build([(1, "2026-11-20 23:23:00", None, "2026-11-20", None)], None,
                    functions)[0]
        self.assertEqual(vars(obj), {
            "id": 1, "at": datetime.datetime(2026, 11, 20, 23, 23, tzinfo=UTC),
            "maybe": None, "day": datetime.date(2026, 11, 20), "maybe_day": None})
        self.assertEqual(djscratch._null_allowed(RowStamp, "maybe"), True)
        self.assertEqual(djscratch._null_allowed(RowStamp, "at"), False)
        self.assertEqual(djscratch._null_allowed(RowStamp, "other"), True)

    def test_many_rows_at_once(self):
        # Rows of every kind of text in one list, the columns stored as
        # attributes and (after a foreign key's) into the instance's dict.
        rng = random.Random(3)
        texts = [v for v in _stored_texts() if isinstance(v, str)]
        for model, base in ((RowStamp, (1, None, None, "2026-11-20", None)),
                            (RowStampAfterKey, (1, None, None, None))):
            opts = model._meta
            converters = opts._row_converters
            forms = djscratch._TEXT_FORMS[True]
            functions = djscratch._plan_converters(converters, None, forms)
            build = djscratch._compile_row_builder(
                model, opts._attnames, converters, None, False, unpack=True,
                forms=forms)
            convert = dict(converters)
            with override_settings(USE_TZ=True):
                for _ in range(60):
                    rows, expected = [], []
                    for number in range(rng.randint(0, 30)):
                        row = list(base)
                        for index in convert:
                            if row[index] is None and opts.concrete_fields[
                                    index].get_internal_type() == "DateTimeField":
                                row[index] = rng.choice(texts + [None, None])
                        try:
                            want = {name: v if v is None or i not in convert else
                                    convert[i](v)
                                    for i, (name, v) in enumerate(zip(
                                        opts._attnames, row))}
                        except ValueError:
                            continue
                        rows.append(tuple(row))
                        expected.append(want)
                    got = [vars(o) for o in build(rows, None, functions)]
                    with self.subTest(model=model.__name__, rows=rows):
                        self.assertEqual(len(got), len(expected))
                        for result, want in zip(got, expected):
                            self._assert_same_result(result, want)


class InlineConverterQueryTests(DatabaseTestCase):
    """A query's rows follow USE_TZ (the builder remembered per layout is
    kept per USE_TZ too)."""

    models = [RowCountry, RowCity]

    def test_rows_follow_use_tz(self):
        RowCity.objects.create(name="Paris", founded=datetime.datetime(
            2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
        for _ in range(2):
            with override_settings(USE_TZ=False):
                self.assertEqual(RowCity.objects.get().founded,
                                 datetime.datetime(2026, 1, 2, 3, 4, 5, 6))
                self.assertEqual(list(RowCity.objects.all())[0].founded,
                                 datetime.datetime(2026, 1, 2, 3, 4, 5, 6))
            self.assertEqual(list(RowCity.objects.all())[0].founded,
                             datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
            self.assertEqual(RowCity.objects.get().founded,
                             datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))


#: What the instances of KeysWithDel ran (its class must make none).
_KEYS_WITH_DEL_CALLS = []

with define_models():

    class KeysWithDel(models.Model):
        name = models.CharField(max_length=20)

        def __del__(self):
            _KEYS_WITH_DEL_CALLS.append("__del__")

        class Meta:
            app_label = "fast_paths"

    class KeysOrder(models.Model):
        name = models.CharField(max_length=20)
        country = models.ForeignKey(RowCountry, models.CASCADE, null=True)

        class Meta:
            app_label = "fast_paths"


class SharedInstanceKeysTests(DatabaseTestCase):
    """_share_instance_keys(): a model class writes its column names, once,
    in a row builder's order on an instance made for it, so that the rows
    it loads keep CPython's table of attribute names shared by the class's
    instances rather than each copying it into a dict of its own."""

    models = [RowCountry, RowCity, KeysOrder]

    @unittest.skipUnless(sys.implementation.name == "cpython" and sys.version_info[
        :2] == (3, 11) and sys.maxsize > 2 ** 32, "CPython 3.11's dict layout")
    def test_loaded_rows_keep_the_shared_table(self):
        import ctypes

        def shares_its_keys(d):  # PyDictObject.ma_values is not NULL
            return ctypes.c_void_p.from_address(id(d) + 40).value is not None

        self.assertFalse(shares_its_keys({"id": 1}))
        # The first name a KeysOrder instance is given is not the first
        # column's (the class's table would otherwise start with "name").
        first = KeysOrder.__new__(KeysOrder)
        first.name = "n"
        country = RowCountry.objects.create(name="c")
        RowCity.objects.create(name="Paris", country=country)
        KeysOrder.objects.create(name="k", country=country)
        loaded = [*RowCity.objects.all(), *RowCity.objects.only("name"),
                  *KeysOrder.objects.all(),
                  KeysOrder.objects.select_related("country").get(),
                  RowCity.objects.select_related("country").get()]
        loaded.append(loaded[-1].country)
        for obj in loaded:
            with self.subTest(obj=obj):
                self.assertTrue(shares_its_keys(vars(obj)))
        self.assertEqual(list(vars(loaded[-2])),
                         ["id", "name", "founded", "country_id", "_state"])

    def test_the_instance_it_writes_on_runs_nothing(self):
        import gc

        gc.collect()
        self.assertEqual(_KEYS_WITH_DEL_CALLS, [])  # (a __del__ is left alone)
        self.assertEqual(KeysWithDel._meta.concrete_fields[1].attname, "name")


@override_settings(**TEST_SETTINGS)
class InlineDefaultTests(unittest.TestCase):
    """{{ v|default:"x" }} compiled inline as `(v or "x")` renders as the
    registered filter called the slow way."""

    VALUES = ["", "text", "<b>", djscratch.mark_safe("<i>"), 0, 1, None, False,
              [], [0], {}, 0.0, datetime.date(2026, 11, 21)]

    def test_inline_default_matches_the_filter(self):
        engine = djscratch.Engine()
        for autoescape in (True, False):
            template = engine.from_string(
                "{%% autoescape %s %%}{{ v|default:'<x>' }}|{{ v|default:w }}"
                "{%% endautoescape %%}" % ("on" if autoescape else "off"))
            output = djscratch._escape_output if autoescape else \
                djscratch._text_output
            for value in self.VALUES:
                with self.subTest(value=value, autoescape=autoescape):
                    literal = djscratch.mark_safe("<x>")  # literals are safe
                    expected = "%s|%s" % (output(djscratch._f_default(value, literal)),
                                          output(djscratch._f_default(value, "w")))
                    self.assertEqual(template.render(djscratch.Context(
                        {"v": value, "w": "w"})), expected)


_LAZY_STDLIB_SCRIPT = r"""
import sys
import djscratch

print("loaded:", sorted(m for m in ("ssl", "smtplib", "queue", "statistics",
                                    "email", "gzip", "subprocess", "signal",
                                    "traceback", "pathlib", "inspect",
                                    "hashlib")
                        if m in sys.modules))
djscratch.settings.configure()
aggregate = djscratch._statistics_aggregate("pstdev")()
for value in (1, 2, 3, 4):
    aggregate.step(value)
print("pstdev:", aggregate.finalize())
backend = djscratch.SmtpEmailBackend(host="localhost", port=1, use_ssl=True)
print("connection class:", backend.connection_class.__name__)
print("context:", type(backend.ssl_context).__name__)
message = djscratch.EmailMessage("Hi", "body", "a@example.com", ["b@example.com"])
print("message:", message.message()["Subject"])
import gzip, os, tempfile
with tempfile.TemporaryDirectory() as folder:
    listed = os.path.join(folder, "passwords.txt.gz")
    with gzip.open(listed, "wt") as f:
        f.write("hunter2\nletmein\n")
    validator = djscratch.CommonPasswordValidator(password_list_path=listed)
print("common passwords:", sorted(validator.passwords))
import django.utils.autoreload
print("autoreload's subprocess:", django.utils.autoreload.subprocess.__name__)
djscratch.settings.FILE_UPLOAD_TEMP_DIR = "/no/such/folder"
print("hashed:", djscratch.MD5PasswordHasher().encode("x", "salt"))
print("md5:", djscratch._md5(b"x").hexdigest())
errors = djscratch.check_setting_file_upload_temp_dir(None)
print("files check:", [error.id for error in errors])
"""


class LazyStdlibTests(unittest.TestCase):
    """ssl and smtplib (about 3 MiB), queue, statistics, email (about 2 MiB:
    django.core.mail.message is defined on first use, LAZY_MODULES in
    tools/amalgamate.py), the password list's gzip, the autoreloader's
    subprocess, signal and traceback, the checks' pathlib, inspect (about
    2 MiB) and hashlib (OpenSSL, about 3 MiB) load when first used, not
    with djscratch; what uses them still works."""

    def test_import_leaves_them_unloaded_until_used(self):
        import os
        import subprocess
        import sys

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PYTHONPATH=root)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, "-c", _LAZY_STDLIB_SCRIPT], cwd=root,
                              env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("loaded: []", done.stdout)
        self.assertIn("pstdev: 1.118033988749895", done.stdout)
        self.assertIn("connection class: SMTP_SSL", done.stdout)
        self.assertIn("context: SSLContext", done.stdout)
        self.assertIn("message: Hi", done.stdout)
        self.assertIn("common passwords: ['hunter2', 'letmein']", done.stdout)
        self.assertIn("autoreload's subprocess: subprocess", done.stdout)
        self.assertIn("files check: ['files.E001']", done.stdout)
        self.assertIn("hashed: md5$salt$", done.stdout)
        self.assertIn("md5: 9dd4e461268c8034f5c8564e155c67a6", done.stdout)


_GC_SCRIPT = r"""
import gc
import sys

if sys.argv[1] == "off":
    gc.disable()
import djscratch

print("enabled after import:", gc.isenabled())
"""


class GarbageCollectorPauseTests(unittest.TestCase):
    """The garbage collector pauses while djscratch loads and is left as it
    was found: on (the default) or off."""

    def run_script(self, *argv):
        import os
        import subprocess
        import sys

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PYTHONPATH=root)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, *argv], cwd=root, env=env,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def test_left_as_found(self):
        self.assertIn("enabled after import: True",
                      self.run_script("-c", _GC_SCRIPT, "on"))
        self.assertIn("enabled after import: False",
                      self.run_script("-c", _GC_SCRIPT, "off"))

    def test_on_while_a_command_runs(self):
        code = ("import gc, runpy, sys; sys.argv = ['djscratch', 'version']\n"
                "try:\n    runpy.run_module('djscratch', run_name='__main__')\n"
                "except SystemExit:\n    pass\nprint('enabled:', gc.isenabled())")
        self.assertIn("enabled: True", self.run_script("-c", code))

    def test_paused_while_loading(self):
        import djscratch

        self.assertIs(djscratch.__djscratch_gc_was_enabled__, True)

    def test_what_loading_made_is_frozen(self):
        # The collections after the import (and the two or three at the
        # interpreter's exit) do not go through the classes and functions
        # loading made; objects frozen before the import stay frozen.
        code = ("import gc\nclass Early: pass\ngc.freeze()\n"
                "frozen_before = gc.get_freeze_count()\nimport djscratch\n"
                "tracked = {id(o) for o in gc.get_objects()}\n"
                "print('frozen:', gc.get_freeze_count() > frozen_before + 10000,\n"
                "      id(djscratch.Model) in tracked, id(Early) in tracked)\n"
                "class Later: pass\n"
                "print('later tracked:', any(o is Later for o in gc.get_objects()))")
        out = self.run_script("-c", code)
        self.assertIn("frozen: True False False", out)
        self.assertIn("later tracked: True", out)


class InspectFreeAnswersTests(unittest.TestCase):
    """iscoroutinefunction(), the checks' _accepts_kwargs() and
    sensitive_variables() on a coroutine answer without loading inspect for
    plain functions, methods, classes and instances, as inspect answers."""

    def callables(self):
        import functools

        def plain(a, **kwargs):
            return a

        async def coroutine(a):
            return a

        def marked(a):
            return a

        djscratch.markcoroutinefunction(marked)

        class Thing:
            def method(self):
                pass

            async def amethod(self):
                pass

            def __call__(self):
                pass

        def wrapper(*args, **kwargs):
            return plain(*args, **kwargs)

        wrapped = functools.wraps(coroutine)(wrapper)
        return [plain, coroutine, marked, Thing, Thing(), Thing().method,
                Thing().amethod, Thing.method, functools.partial(coroutine, 1),
                functools.partial(plain, 1), wrapped, len, lambda **kw: None,
                lambda a: a, object(), "text"]

    def test_iscoroutinefunction_answers_as_the_general_path(self):
        for value in self.callables():
            with self.subTest(value=value):
                self.assertIs(djscratch.iscoroutinefunction(value),
                              djscratch._general_iscoroutinefunction(value))

    def test_accepts_kwargs_answers_as_the_signature(self):
        import inspect

        for value in self.callables():
            if not callable(value) or value is len:
                continue
            with self.subTest(value=value):
                expected = any(
                    p.kind == p.VAR_KEYWORD
                    for p in inspect.signature(value).parameters.values())
                self.assertIs(djscratch._accepts_kwargs(value), expected)

    def test_sensitive_coroutine_registers_the_file_inspect_finds(self):
        import functools

        async def secret(password):
            return password

        @functools.wraps(secret)
        async def wrapper(*args):
            return await secret(*args)

        table = djscratch.coroutine_functions_to_sensitive_variables
        for func in (secret, wrapper):
            with self.subTest(func=func):
                wrapped, path = djscratch._sensitive_coroutine_file(func)
                key = hash(f"{path}:{wrapped.__code__.co_firstlineno}")
                table.pop(key, None)
                djscratch.sensitive_variables("password")(func)
                self.assertEqual(table.pop(key), ("password",))


with define_models():
    class _DefaultKey(models.Model):
        id = models.CharField(primary_key=True, max_length=10, default="k")

        class Meta:
            app_label = "fast_paths"

    class _DbDefaultKey(models.Model):
        id = models.IntegerField(primary_key=True, db_default=7)

        class Meta:
            app_label = "fast_paths"

    class _AutoKey(models.Model):
        class Meta:
            app_label = "fast_paths"

    class _TextKey(models.Model):
        id = models.CharField(primary_key=True, max_length=10)

        class Meta:
            app_label = "fast_paths"

    class _CompositeKey(models.Model):
        pk = models.CompositePrimaryKey("a", "b")
        a = models.IntegerField(default=1)
        b = models.IntegerField()

        class Meta:
            app_label = "fast_paths"


class PkHasDefaultsTests(unittest.TestCase):
    """Options._pk_has_defaults (read once per model) against the general
    test save() made for every new instance."""

    def test_it_answers_as_each_key_field_does(self):
        for model, expected in ((_DefaultKey, True), (_DbDefaultKey, True),
                                (_AutoKey, False), (_CompositeKey, False)):
            with self.subTest(model=model.__name__):
                meta = model._meta
                general = all(f.has_default() or f.has_db_default()
                              for f in meta.pk_fields)
                self.assertEqual(meta._pk_has_defaults, general)
                self.assertIs(meta._pk_has_defaults, expected)


class SaveShortcutFlagTests(unittest.TestCase):
    """The per-model answers save() reads instead of asking every time."""

    def test_pk_default_none_only_when_get_default_gives_none(self):
        # A CharField key without a default defaults to "": save() must ask.
        for model, expected in ((_DefaultKey, False), (_DbDefaultKey, False),
                                (_AutoKey, True), (_TextKey, False),
                                (_CompositeKey, False), (FastPost, True)):
            with self.subTest(model=model.__name__):
                meta = model._meta
                self.assertIs(meta._pk_default_none, expected)
                if expected:
                    self.assertIsNone(meta.pk.get_default())

    def test_attname_set_test_matches_each_attname_in_the_dict(self):
        meta = FastPost._meta
        full = {a: None for a in meta._attnames}
        for d in (full, {}, {"_state": 1, **full}, {"id": 1, "title": ""},
                  {k: v for k, v in full.items() if k != "tags"}):
            with self.subTest(keys=list(d)):
                self.assertIs(d.keys() >= meta._attname_set,
                              all(a in d for a in meta._attnames))


class QueryCopyTests(_SameAsGeneral, unittest.TestCase):
    """_copy_query(), _copy_tree() and quote_name()'s memory answer as
    copy.copy(), copy.deepcopy() and _quote_name() do."""

    def test_copy_query_matches_copy_copy(self):
        import copy

        with override_settings(**ORM_SETTINGS):
            querysets = [FastPost.objects.all(), FastPost.objects.filter(votes=2)
                         .select_related("author").order_by("-id")[2:5],
                         FastPost.objects.values("title").distinct()]
            for queryset in querysets:
                query = queryset._query
                with self.subTest(query=str(query)):
                    fast, general = djscratch._copy_query(query), copy.copy(query)
                    self.assertIs(type(fast), type(general))
                    self.assertEqual(vars(fast), vars(general))
                    self.assertIsNot(fast, query)

    def test_copy_tree_matches_deepcopy(self):
        import copy

        for tree in ({}, {"a": {}}, {"a": {"b": {"c": {}}}, "d": {}},
                     {"a": None, "b": {"c": [1]}}):
            with self.subTest(tree=tree):
                fast, general = djscratch._copy_tree(tree), copy.deepcopy(tree)
                self.assertEqual(fast, general)
                self.assertEqual(repr(fast), repr(general))  # the order too
                if tree.get("b"):
                    self.assertIsNot(fast["b"]["c"], tree["b"]["c"])

    def test_quote_name_matches_the_unremembered_answer(self):
        class Name(str):
            pass

        names = ["id", "a b", 'x"y', '"q"', '"bad"q"', '""', '"', "", "é",
                 Name("id"), Name('"x"'), "id", None, ["a"], 3]
        for name in names * 2:
            with self.subTest(name=name):
                self._same(lambda: djscratch.quote_name(name),
                           lambda: djscratch._quote_name(name))


class SelectRelatedSqlCacheTests(DatabaseTestCase):
    """A select_related() query reuses the SQL and layout built the first
    time (the plain-query cache): the same as building them again."""

    models = [FastAuthor, FastPost, RowCountry, RowCity, RowMayor]

    QUERIES = RowBuilderTests.QUERIES[:2] + RowBuilderTests.QUERIES[4:6] + [
        lambda: RowMayor.objects.select_related(),
        lambda: RowMayor.objects.select_related("city").order_by("-name")[1:3],
        lambda: RowCity.objects.select_related("mayor", "country"),
    ]

    def test_cached_sql_and_layout_match_a_fresh_build(self):
        for index, query in enumerate(self.QUERIES):
            with self.subTest(query=index):
                for _ in range(2):  # the second time from the cache
                    cached = djscratch.SQLCompiler(query()._query)
                    sql = cached.as_sql()
                    built = djscratch.SQLCompiler(query()._query)
                    self.assertEqual(sql, built._build_sql(False, True))
                    self.assertEqual(cached.layout, built.layout)
                    self.assertEqual(cached.select, built.select)
                self.assertIsNotNone(djscratch._plain_query_key(cached))

    def test_wrong_names_fail_every_time(self):
        for _ in range(2):
            with self.assertRaisesRegex(djscratch.FieldError, "Invalid field name"):
                list(RowMayor.objects.select_related("nope"))
            with self.assertRaisesRegex(djscratch.FieldError, "Non-relational"):
                list(RowMayor.objects.select_related("city__name"))

    def test_a_tree_with_other_values_is_not_cached(self):
        self.assertIsNone(djscratch._frozen_tree({"city": True}))
        self.assertEqual(djscratch._frozen_tree({"city": {"country": {}}}),
                         (("city", (("country", ()),)),))


class FilterShapeCacheTests(_SameAsGeneral, DatabaseTestCase):
    """A query filtered by plain values reuses the SQL built the first time
    for its shape, its parameters worked out again from the new values
    (_cached_sql()): the same SQL, parameters, errors and objects as
    building the query again, whatever the values."""

    models = RowBuilderTests.models

    def setUp(self):
        super().setUp()
        _make_rows()

    Q = staticmethod(djscratch.Q)
    when = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)
    #: (queryset for a value, the values to try, each twice)
    SHAPES = [
        (lambda v: FastPost.objects.filter(votes=v),
         [1, 2, "2", None, True, 2.0, decimal.Decimal("1"), "x", 1]),
        (lambda v: FastPost.objects.filter(title__in=v), ["ab", "abc", "", "t1"]),
        (lambda v: FastPost.objects.filter(author__isnull=v), [True, False, 1]),
        (lambda v: FastPost.objects.filter(author__name=v).order_by("-votes"),
         ["a", None, ""]),
        (lambda v: FastPost.objects.filter(
            FilterShapeCacheTests.Q(votes__gt=v) | ~FilterShapeCacheTests.Q(
                title="t1")).exclude(votes=v)[1:], [0, 1, None]),
        (lambda v: FastPost.objects.filter(
            FilterShapeCacheTests.Q(votes=v) ^ FilterShapeCacheTests.Q(title="t1")),
         [1, 2]),
        (lambda v: FastPost.objects.filter(title__contains=v), ["t", "%_", ""]),
        (lambda v: FastPost.objects.filter(title__iexact=v).exclude(score=v),
         ["T1", None]),
        (lambda v: RowCountry.objects.exclude(rowcity__name=v), ["Paris", None]),
        (lambda v: RowMayor.objects.select_related("city").filter(
            city__country__name=v)[:2], ["France", None]),
        (lambda v: RowMayor.objects.exclude(city__name=v).select_related(
            "city__country"), ["Paris", None]),
        (lambda v: RowCity.objects.filter(founded__year=v), [2026, "2026", 1999]),
        (lambda v: RowCity.objects.filter(founded__lt=v),
         [when, datetime.date(2027, 1, 1), "2020-01-01", "x"]),
        (lambda v: RowCity.objects.filter(mayor__name=v), ["m1", None]),
        (lambda v: FastPost.objects.filter(votes__gte=0)[v:v + 2], [0, 1, 2, 0]),
        (lambda v: FastPost.objects.select_related("author")[v:], [0, 1, 2]),
        (lambda v: FastPost.objects.filter(votes=v).values("title", "author__name"),
         [1, None, "x"]),
        (lambda v: FastPost.objects.filter(author__name=v).values_list("id", flat=True),
         ["a", None]),
        (lambda v: FastPost.objects.filter(votes__lt=v).values()[:2], [2, 3]),
        (lambda v: FastPost.objects.filter(votes__in=v),
         [[1, 2], [2, 1], [0, 5], (1, 2), {1, 2}, frozenset([2]), [1, None], [None, 1],
          [], [1], ["1", 2], ["x", 1], [1, 2, 0], [True, 2]]),
        (lambda v: FastPost.objects.filter(author__name__in=v).exclude(pk__in=v),
         [["a", "b"], ["b", "c"], [None, "a"]]),
        (lambda v: FastPost.objects.filter(votes__range=v), [(0, 1), (1, 2), [0, 2]]),
        (lambda v: RowCity.objects.filter(pk__in=v).values_list("name", flat=True),
         [[1, 2], [2, 3], [1]]),
    ]

    def test_sql_and_params_match_a_fresh_build_for_every_value(self):
        for index, (queryset, values) in enumerate(self.SHAPES):
            for value in values * 2:
                with self.subTest(shape=index, value=value):
                    compilers = []

                    def fast():
                        compilers.append(djscratch.SQLCompiler(queryset(value)._query))
                        return compilers[-1].as_sql()

                    def general():
                        compilers.append(djscratch.SQLCompiler(queryset(value)._query))
                        return compilers[-1]._build_sql(False, True)

                    self._same(fast, general)
                    if len(compilers) == 2:
                        built, cached = compilers
                        self.assertEqual(cached.layout, built.layout)
                        # (a converter is a function made per build)
                        self.assertEqual(_select_shape(cached), _select_shape(built))

    def test_counts_match_a_fresh_build_for_every_value(self):
        for index, (queryset, values) in enumerate(self.SHAPES):
            for value in values * 2:
                with self.subTest(shape=index, value=value):
                    try:
                        sliced = queryset(value)._query.is_sliced
                    except Exception:
                        sliced = False
                    if not sliced:  # (else a subquery counts, no shape)
                        self._same(
                            lambda: djscratch.SQLCompiler(
                                queryset(value)._query).as_count_sql(),
                            lambda: djscratch.SQLCompiler(
                                queryset(value)._query)._count_sql())
                    self._same(lambda: queryset(value).count(),
                               lambda: len(list(queryset(value))))

    def test_exists_matches_a_fresh_build_for_every_value(self):
        for index, (queryset, values) in enumerate(self.SHAPES):
            for value in values * 2:
                with self.subTest(shape=index, value=value):
                    self._same(
                        lambda: djscratch.SQLCompiler(queryset(value)._query).as_sql(
                            exists=True),
                        lambda: djscratch.SQLCompiler(
                            queryset(value)._query)._build_sql(True, True))
                    self._same(lambda: queryset(value).exists(),
                               lambda: bool(list(queryset(value))))

    def test_objects_match_the_general_path(self):
        for index, (queryset, values) in enumerate(self.SHAPES):
            for value in values * 2:
                with self.subTest(shape=index, value=value):
                    self._same(lambda: [_loaded(o) for o in queryset(value)],
                               lambda: [_loaded(o) for o in _built(queryset(value))])
                    self._same(lambda: str(queryset(value).query),
                               lambda: str(queryset(value).query))

    def test_a_shape_is_one_entry_and_a_value_dependent_one_compiles(self):
        djscratch._plain_sql_cache.clear()
        list(FastPost.objects.filter(votes=1))
        list(FastPost.objects.filter(votes=2))
        self.assertEqual(len(djscratch._plain_sql_cache), 1)
        (_sql, records, *_rest), = djscratch._plain_sql_cache.values()
        self.assertEqual(len(records), 1)
        list(RowCountry.objects.exclude(rowcity__name="x"))  # a subquery
        key = djscratch._plain_query_key(djscratch.SQLCompiler(
            RowCountry.objects.exclude(rowcity__name="y")._query), [])
        self.assertIsNone(djscratch._plain_sql_cache[key][1])

    def test_keys_keep_shapes_apart(self):
        Q = djscratch.Q
        querysets = [
            FastPost.objects.filter(votes=1), FastPost.objects.filter(votes="1"),
            FastPost.objects.filter(votes__gt=1), FastPost.objects.exclude(votes=1),
            FastPost.objects.filter(score=1), FastPost.objects.filter(Q(votes=1)),
            FastPost.objects.filter(votes=1, title="t"),
            FastPost.objects.filter(Q(votes=1) | Q(title="t")),
            FastPost.objects.filter(Q(votes=1) ^ Q(title="t")),
            FastPost.objects.filter(votes=1).filter(title="t"),
            FastPost.objects.filter(author__name="a"),
            FastPost.objects.filter(author__name="a").select_related("author"),
            FastPost.objects.filter(votes=1).order_by("title"),
            FastPost.objects.filter(author__isnull=True),
            FastPost.objects.filter(author__isnull=False),
            FastPost.objects.filter(votes__in=[1, 2]),
            FastPost.objects.filter(votes__in=[1, 2, 3]),
            FastPost.objects.filter(votes__in=(1, 2)),
            FastPost.objects.filter(votes__in={1, 2}),
            RowCity.objects.filter(votes=1) if False else RowCity.objects.filter(pk=1),
        ]
        keys = [djscratch._plain_query_key(djscratch.SQLCompiler(q._query), [])
                for q in querysets]
        self.assertNotIn(None, keys)
        self.assertEqual(len(set(keys)), len(keys))
        for q in (FastPost.objects.filter(votes=djscratch.F("score")),
                  FastPost.objects.filter(votes__in=[1, djscratch.Value(2)]),
                  FastPost.objects.filter(votes__in=range(3)),
                  FastPost.objects.filter(votes__in=list(range(101))),
                  FastPost.objects.filter(author=FastAuthor(pk=1))):
            self.assertIsNone(
                djscratch._plain_query_key(djscratch.SQLCompiler(q._query), []))

    def test_registering_a_lookup_forgets_the_shapes(self):
        from django.test.utils import register_lookup

        list(FastPost.objects.filter(votes=1))
        self.assertTrue(djscratch._plain_sql_cache)
        with register_lookup(models.IntegerField, djscratch.Exact,
                             lookup_name="same_as"):
            self.assertFalse(djscratch._plain_sql_cache)
            self.assertEqual(len(FastPost.objects.filter(votes__same_as=1)), 1)
        self.assertFalse(djscratch._plain_sql_cache)
        with self.assertRaises(djscratch.FieldError):
            list(FastPost.objects.filter(votes__same_as=1))

    def test_the_current_time_zone_reaches_every_parameter(self):
        import zoneinfo

        from django.utils import timezone

        querysets = [
            lambda: RowCity.objects.values("founded__date", "founded__hour"),
            lambda: RowCity.objects.filter(founded__date=datetime.date(2026, 1, 2)),
            lambda: RowCity.objects.filter(founded__hour=3).values("name"),
        ]
        try:
            for name in ("UTC", "Asia/Tokyo", "UTC", "America/New_York", "UTC"):
                timezone.activate(zoneinfo.ZoneInfo(name))
                for index, queryset in enumerate(querysets):
                    with self.subTest(zone=name, query=index):
                        self._same(
                            lambda: djscratch.SQLCompiler(queryset()._query).as_sql(),
                            lambda: djscratch.SQLCompiler(
                                queryset()._query)._build_sql(False, True))
                        self.assertEqual(list(queryset()), list(_built(queryset())))
        finally:
            timezone.deactivate()

    def test_a_model_whose_fields_change_forgets_the_shapes(self):
        list(FastPost.objects.filter(votes=1))
        self.assertTrue(djscratch._plain_sql_cache)
        FastPost._meta._expire_cache()
        self.assertFalse(djscratch._plain_sql_cache)


class ValuesDictsTests(unittest.TestCase):
    """_values_dicts() gives the dicts dict(zip(names, row)) gives."""

    def test_generated_dicts_match_zip(self):
        quote = "x') or __import__('os').getpid() or ('"
        cases = [
            (("id",), [(1,), (2,)]), (("id", "name"), [(1, "a"), (2, None)]),
            (("a", "a"), [(1, 2)]), ((quote, "b"), [(1, 2)]),
            (["id", "n"], [[1, "x"]]), (("id", "n"), []), (("id", "n"), [(1, 2, 3)]),
            (("id", None), [(1, 2)]), (("x",), ((1,), (2,))),
        ]
        for names, rows in cases * 2:
            with self.subTest(names=names, rows=rows):
                fast = djscratch._values_dicts(names, rows)
                general = [dict(zip(names, row)) for row in rows]
                self.assertEqual(fast, general)
                self.assertEqual([list(d) for d in fast], [list(d) for d in general])


def _select_shape(compiler):
    return [(sql, params, getattr(convert, "__qualname__", None))
            for sql, params, convert in compiler.select]


def _built(queryset):
    """The queryset's results from SQL compiled in full (no shape cache)."""
    compiler = djscratch.SQLCompiler(queryset._query)
    sql, params = compiler._build_sql(False, True)
    rows = djscratch.connection._execute(sql, params).fetchall()
    return queryset._results(compiler, rows)


with define_models():

    class FromDbNote(models.Model):
        text = models.CharField(max_length=20)
        rank = models.IntegerField(default=0)

        class Meta:
            app_label = "fast_paths"

        @classmethod
        def from_db(cls, db, field_names, values):
            obj = super().from_db(db, field_names, values)
            obj.loaded = (db, type(field_names).__name__, list(field_names),
                          list(values))
            return obj

    class FromDbTag(models.Model):
        label = models.CharField(max_length=20)
        note = models.ForeignKey(FromDbNote, models.CASCADE, null=True)

        class Meta:
            app_label = "fast_paths"


class FromDbOverrideTests(DatabaseTestCase):
    """A model that overrides Model.from_db() gets each loaded instance from
    it, as in Django (what its arguments were: checked against Django 5.2);
    the rows of other models keep the generated row builder."""

    models = [FromDbNote, FromDbTag]

    def setUp(self):
        super().setUp()
        note = FromDbNote.objects.create(text="a", rank=3)
        FromDbTag.objects.create(label="t", note=note)
        FromDbTag.objects.create(label="u")

    def test_querysets_build_through_from_db(self):
        everything = ("default", "list", ["id", "text", "rank"], [1, "a", 3])
        self.assertEqual(FromDbNote.objects.get(pk=1).loaded, everything)
        self.assertEqual(FromDbNote.objects.get(text="a").loaded, everything)
        self.assertEqual([n.loaded for n in FromDbNote.objects.all()], [everything])
        self.assertEqual(FromDbNote.objects.only("text")[0].loaded,
                         ("default", "list", ["id", "text"], [1, "a"]))
        self.assertEqual(FromDbNote.objects.annotate(
            x=djscratch.Value(1))[0].loaded, everything)

    def test_select_related_objects_build_through_from_db(self):
        tags = list(FromDbTag.objects.select_related("note").order_by("id"))
        self.assertEqual([getattr(t.note, "loaded", None) for t in tags], [
            ("default", "list", ["id", "text", "rank"], [1, "a", 3]), None])
        self.assertFalse(hasattr(tags[0], "loaded"))

    def test_raw_queries_build_through_from_db(self):
        table = FromDbNote._meta.db_table
        note = list(FromDbNote.objects.raw(
            'SELECT rank, "text", id, 7 AS extra FROM %s' % table))[0]
        self.assertEqual(note.loaded, ("default", "list", ["id", "text", "rank"],
                                       [1, "a", 3]))
        self.assertEqual(note.extra, 7)
        note = list(FromDbNote.objects.raw("SELECT id, rank FROM %s" % table))[0]
        self.assertEqual(note.loaded, ("default", "list", ["id", "rank"], [1, 3]))

    def test_only_an_override_leaves_the_builder(self):
        self.assertIsNone(djscratch._custom_from_db(FromDbTag))
        self.assertIsNotNone(djscratch._custom_from_db(FromDbNote))
        self.assertIs(djscratch._get_pk_plan(FromDbNote), False)
        self.assertEqual(FromDbTag.objects.get(pk=1).label, "t")


class _KeptQuerySetManager(models.Manager):
    """A manager whose get_queryset() returns the same queryset each time."""

    def get_queryset(self):
        if "_kept" not in self.__dict__:
            self._kept = super().get_queryset().filter(name__startswith="m")
        return self._kept


class FreshManagerQuerySetTests(DatabaseTestCase):
    """Model.objects.filter() / exclude() / select_related() /
    prefetch_related() / order_by() change the queryset the manager made for
    the call (_fresh_manager_method()) and answer as the plain proxy, which
    copies it first; a queryset another get_queryset() hands out is copied."""

    models = [RowCountry, RowCity, RowMayor]

    CALLS = [("filter", (), {"name": "m1"}), ("exclude", (), {"name": "m1"}),
             ("select_related", ("city__country",), {}),
             ("prefetch_related", ("city",), {}), ("order_by", ("-name",), {}),
             ("filter", (djscratch.Q(name="m2") | djscratch.Q(name="m3"),), {})]

    def setUp(self):
        super().setUp()
        city = RowCity.objects.create(name="Paris")
        RowMayor.objects.create(name="m1", city=city)
        RowMayor.objects.create(name="m2")
        RowMayor.objects.create(name="m3")

    def test_fresh_querysets_match_the_plain_proxy(self):
        manager = RowMayor.objects
        for name, args, kwargs in self.CALLS:
            with self.subTest(name=name):
                method = getattr(djscratch.QuerySet, name)
                fast = getattr(manager, name)(*args, **kwargs)
                plain = method(manager.get_queryset(), *args, **kwargs)
                self.assertEqual(str(fast.query), str(plain.query))
                self.assertEqual(list(fast.order_by("pk").values_list("name")),
                                 list(plain.order_by("pk").values_list("name")))
                self.assertNotIn("_fresh", vars(fast))

    def test_the_returned_queryset_is_the_one_made_for_the_call(self):
        from unittest import mock

        made = []
        real = djscratch.BaseManager.get_queryset

        def making(manager):
            made.append(real(manager))
            return made[-1]

        with mock.patch.object(djscratch.Manager, "get_queryset", making):
            queryset = RowMayor.objects.order_by("name")
        self.assertIsNot(queryset, made[0])  # a patched one: copied
        with mock.patch.object(djscratch._Query, "clone", autospec=True,
                               side_effect=djscratch._Query.clone) as clone:
            queryset = RowMayor.objects.order_by("name")
            self.assertEqual(clone.call_count, 0)  # the manager's, changed
            queryset.order_by("-name")
            self.assertEqual(clone.call_count, 1)
        again = queryset.order_by("-name")
        self.assertIsNot(again, queryset)  # a queryset's own calls still copy
        self.assertEqual([m.name for m in queryset], ["m1", "m2", "m3"])
        self.assertEqual([m.name for m in again], ["m3", "m2", "m1"])

    def test_get_filters_the_queryset_made_for_it(self):
        from unittest import mock

        with mock.patch.object(djscratch._Query, "clone", autospec=True,
                               side_effect=djscratch._Query.clone) as clone:
            self.assertEqual(RowMayor.objects.get(name="m2").name, "m2")
            self.assertEqual(clone.call_count, 0)
            with self.assertRaises(RowMayor.DoesNotExist):
                RowMayor.objects.get(name="nobody")
            with self.assertRaises(RowMayor.MultipleObjectsReturned):
                RowMayor.objects.get(name__startswith="m")
            self.assertEqual(RowMayor.objects.get(djscratch.Q(name="m1")).name, "m1")
        manager = _KeptQuerySetManager()
        manager.model, manager.name = RowMayor, "kept"
        self.assertEqual(manager.get(name="m3").name, "m3")
        self.assertEqual(manager.get(name="m1").name, "m1")  # its queryset kept

    def test_a_kept_queryset_is_never_changed(self):
        manager = _KeptQuerySetManager()
        manager.model, manager.name = RowMayor, "kept"
        first = manager.filter(name="m1")
        second = manager.exclude(name="m1").order_by("-name")
        self.assertEqual([m.name for m in first], ["m1"])
        self.assertEqual([m.name for m in second], ["m3", "m2"])
        self.assertEqual(sorted(m.name for m in manager.get_queryset()),
                         ["m1", "m2", "m3"])

    def test_a_manager_of_another_queryset_class_calls_its_methods(self):
        class Marking(djscratch.QuerySet):
            def filter(self, *args, **kwargs):
                queryset = super().filter(*args, **kwargs)
                queryset.marked = True
                return queryset

        class MarkingManager(djscratch.Manager.from_queryset(Marking)):
            pass

        manager = MarkingManager()
        manager.model, manager.name = RowMayor, "marking"
        queryset = manager.filter(name="m1")
        self.assertIs(queryset.marked, True)
        self.assertEqual([m.name for m in queryset], ["m1"])

    def test_an_error_leaves_no_fresh_queryset_behind(self):
        with self.assertRaises(TypeError):
            RowMayor.objects.filter(_connector="OR")
        queryset = RowMayor.objects.all()
        self.assertFalse(queryset._fresh)
        self.assertIsNot(queryset.filter(name="m1"), queryset)


class SharedSelectRelatedTreeTests(DatabaseTestCase):
    """Clones share their select_related() tree (_Query.clone() copies no
    tree); select_related() copies it before adding names, so a queryset
    never sees names added to its clones."""

    models = [RowCountry, RowCity, RowMayor]

    def test_clones_share_the_tree(self):
        queryset = RowMayor.objects.select_related("city")
        for clone in (queryset.order_by("name"), queryset.filter(name="m"),
                      queryset[:2], queryset.all()):
            self.assertIs(clone._query.select_related,
                          queryset._query.select_related)

    def test_adding_names_leaves_the_original_alone(self):
        first = RowMayor.objects.select_related("city")
        sql = str(first.query)
        second = first.select_related("city__country")
        third = first.order_by("name").select_related(None)
        self.assertEqual(first._query.select_related, {"city": {}})
        self.assertEqual(second._query.select_related, {"city": {"country": {}}})
        self.assertIs(third._query.select_related, False)
        self.assertEqual(str(first.query), sql)
        self.assertNotEqual(str(second.query), sql)
        self.assertEqual(str(RowMayor.objects.select_related(
            "city__country").query), str(second.query))


class PlainValueTests(unittest.TestCase):
    """A lookup value of one of _PLAIN_VALUE_CLASSES reads no aggregate nor
    window: the answers _refers_to_aggregate() and _expr_has_window() give
    at once are those of their general walk."""

    VALUES = [0, 7, "", "x", 1.5, True, False, b"b", None,
              datetime.datetime(2026, 1, 2, 3, 4), datetime.date(2026, 1, 2),
              datetime.time(3, 4), datetime.timedelta(1), decimal.Decimal("1.5"),
              uuid.UUID(int=5)]

    def test_plain_values_answer_as_the_general_walk(self):
        from unittest import mock

        # uuid.UUID and decimal.Decimal are plain once such a field exists.
        djscratch.UUIDField(), djscratch.DecimalField()
        self.assertEqual({type(v) for v in self.VALUES},
                         set(djscratch._PLAIN_VALUE_CLASSES))
        with override_settings(**ORM_SETTINGS):
            compiler = djscratch.SQLCompiler(FastPost.objects.annotate(
                n=djscratch.Count("id"))._query)
            fast = [(compiler._refers_to_aggregate(v), compiler._expr_has_window(v))
                    for v in self.VALUES]
            # Where the compiler reads it: the single file, or sql.compiler_extra.
            code = sys.modules[djscratch.SQLCompiler._refers_to_aggregate.__module__]
            with mock.patch.object(code, "_PLAIN_VALUE_CLASSES", frozenset()):
                general = [(compiler._refers_to_aggregate(v),
                            compiler._expr_has_window(v)) for v in self.VALUES]
            self.assertEqual(fast, general)
            self.assertTrue(compiler._refers_to_aggregate(djscratch.F("n")))
            self.assertTrue(compiler._q_has_aggregate(djscratch.Q(n__gt=1)))


class BaseColumnsTests(unittest.TestCase):
    """_base_columns() writes the columns SQLCompiler.column() writes, for
    the base alias of a query and of a subquery; a model with parents (whose
    fields may need a join) takes column() itself."""

    def test_remembered_columns_match_column(self):
        with override_settings(**ORM_SETTINGS):
            for model in (FastPost, RowCity, RowMayor, StampedNote):
                for prefix in (None, "U1"):
                    with self.subTest(model=model.__name__, prefix=prefix):
                        compiler = djscratch.SQLCompiler(model.objects.all()._query,
                                                         alias_prefix=prefix)
                        fields = model._meta.concrete_fields
                        expected = tuple(compiler.column(compiler.base_alias, f)
                                         for f in fields)
                        djscratch._BASE_COLUMNS.clear()
                        self.assertEqual(djscratch._base_columns(compiler, fields),
                                         expected)
                        self.assertEqual(djscratch._base_columns(compiler, fields),
                                         expected)  # remembered

    def test_queries_write_the_same_sql_either_way(self):
        from unittest import mock

        with override_settings(**ORM_SETTINGS):
            querysets = [
                lambda: FastPost.objects.filter(votes=2).order_by("-id"),
                lambda: RowCity.objects.filter(id__in=RowMayor.objects.filter(
                    name="m").values("city")),
                lambda: ChildCity.objects.filter(rank=1, name="x"),
                lambda: RowMayor.objects.only("name").filter(name="m"),
                lambda: ProxyChildCity.objects.filter(name="x"),
            ]
            for make in querysets * 2:  # the second time: what is remembered
                fast = str(make().query)
                # Where the compiler reads it: the single file, or sql.compiler.
                code = sys.modules[djscratch.SQLCompiler.__module__]
                with mock.patch.object(code, "_base_columns", lambda c, fields: [
                        c.column(c.base_alias, f) for f in fields]):
                    general = str(make().query)
                self.assertEqual(fast, general)
            self.assertIn("JOIN", str(ChildCity.objects.filter(name="x").query))
            self.assertIn("JOIN", str(ProxyChildCity.objects.filter(name="x").query))


class SliceTests(DatabaseTestCase):
    """qs[start:stop:step] on an unevaluated queryset (QuerySet.__getitem__'s
    first branch) limits the query as the general checks do: the rows of
    list(qs)[start:stop:step], negative bounds refused."""

    models = [RowCountry]

    def setUp(self):
        super().setUp()
        for i in range(6):
            RowCountry.objects.create(name="c%d" % i)

    def test_slices_read_the_rows_a_list_slice_reads(self):
        everything = list(RowCountry.objects.order_by("id"))
        bounds = [None, 0, 1, 2, 5, 6, 9, True]
        for start in bounds:
            for stop in bounds:
                for step in (None, 2):
                    with self.subTest(start=start, stop=stop, step=step):
                        got = RowCountry.objects.order_by("id")[start:stop:step]
                        self.assertEqual(list(got), everything[start:stop:step])
        sliced = RowCountry.objects.order_by("id")[1:4][1:]
        self.assertEqual(list(sliced), everything[2:4])

    def test_negative_and_wrong_bounds_are_refused(self):
        queryset = RowCountry.objects.all()
        for k in (slice(-1, None), slice(None, -2), slice(-1, -1)):
            with self.subTest(k=k), self.assertRaisesRegex(
                    ValueError, "Negative indexing is not supported."):
                queryset[k]
        with self.assertRaises(TypeError):
            queryset["1":]
        with self.assertRaisesRegex(TypeError, "must be integers or slices"):
            queryset["a"]


class PlainOrderNameTests(unittest.TestCase):
    """order_by() skips its check only for names the check accepts at once;
    names alone take a short loop, expressions among them the full checks
    (_check_order_arguments()), with the errors in the same order."""

    def test_the_errors_of_each_kind_of_argument(self):
        with override_settings(**ORM_SETTINGS):
            cases = [
                (("nope", 5), "Invalid order_by arguments: \\[5\\]"),
                (("nope",), "Cannot resolve keyword 'nope'"),
                (("-title", "--title"), "Cannot resolve keyword '-title'"),
                ((djscratch.Count("id"), "nope"), "Using an aggregate in order_by"),
                ((djscratch.F("title").desc(), "nope"), "Cannot resolve keyword"),
            ]
            for args, message in cases:
                with self.subTest(args=args), self.assertRaisesRegex(
                        djscratch.FieldError, message):
                    FastPost.objects.order_by(*args)
            for args in (("-title", "?", "pk", "votes"),
                         (djscratch.F("votes").asc(), "-id"), ("title__lower",)):
                with self.subTest(args=args):
                    self.assertEqual(FastPost.objects.order_by(*args)._query.order_by,
                                     args)

    def test_skipped_names_are_accepted_by_setup_path(self):
        with override_settings(**ORM_SETTINGS):
            for model in (FastPost, RowCity, RowMayor, _TextKey, _CompositeKey):
                query = model.objects.all()._query
                names = list(model._meta._forward_fields_map) + [
                    "pk", "nope", "title__lower", "author__name", "mayor"]
                for name in names:
                    with self.subTest(model=model.__name__, name=name):
                        if not djscratch._plain_order_name(query, name):
                            continue
                        field = model._meta.get_field(name)
                        self.assertFalse(field.is_relation)
                        djscratch.SQLCompiler(query).setup_path(
                            name.split("__"), None, allow_annotation=False)
            with self.assertRaises(djscratch.FieldError):
                FastPost.objects.order_by("nope")


with define_models():

    class StampedNote(models.Model):
        text = models.CharField(max_length=20)
        touched = models.DateTimeField(auto_now=True)
        created = models.DateField(auto_now_add=True)

        class Meta:
            app_label = "fast_paths"

    class ProxyPost(FastPost):
        class Meta:
            app_label = "fast_paths"
            proxy = True

    class ChildCity(RowCity):
        rank = models.IntegerField(default=0)

        class Meta:
            app_label = "fast_paths"

    class ProxyChildCity(ChildCity):
        class Meta:
            app_label = "fast_paths"
            proxy = True


class SaveNewPlainTests(DatabaseTestCase):
    """save() of a new instance through _save_new_plain() makes the row and
    the instance the general save_base() path makes (taken when pre_save
    has a receiver for the model)."""

    models = [FastAuthor, FastPost, RowCountry, RowCity, StampedNote, ChildCity]

    def _saved(self, make, general):
        receiver = _forcing_the_general_path()
        obj = make()
        if general:
            djscratch.pre_save.connect(receiver, sender=type(obj))
        try:
            obj.save()
        finally:
            djscratch.pre_save.disconnect(receiver, sender=type(obj))
        row = type(obj)._base_manager.filter(pk=obj.pk).values()[0]
        row.pop("id")
        fields = _fields_without_key(obj)
        for values in (row, fields):
            for name in ("touched", "created"):  # auto_now: the type, set
                if name in values:
                    values[name] = type(values[name])
        return (fields, obj._state.adding, obj._state.db, row)

    def test_saved_rows_and_instances_match_the_general_path(self):
        author = FastAuthor.objects.create(name="a")
        makers = [
            lambda: FastAuthor(),
            lambda: FastPost(title="t", votes=3, tags=[1, {"a": None}]),
            lambda: FastPost(title="t", author=author, score=None),
            lambda: FastPost(title="x", votes=djscratch.Value(5)),
            lambda: RowCity(name="c", founded=datetime.datetime(
                2026, 5, 6, 7, 8, tzinfo=UTC)),
            lambda: StampedNote(text="n"),
        ]
        for index, make in enumerate(makers):
            with self.subTest(index=index):
                self.assertEqual(self._saved(make, False), self._saved(make, True))

    def test_declines_what_it_does_not_do(self):
        self.assertFalse(djscratch._save_new_plain(FastPost(id=9, title="k")))
        self.assertFalse(djscratch._save_new_plain(ProxyPost(title="p")))
        self.assertFalse(djscratch._save_new_plain(ChildCity(name="c")))
        self.assertFalse(djscratch._plain_insert_model(ProxyPost._meta))
        self.assertTrue(djscratch._plain_insert_model(FastPost._meta))
        self.assertEqual(FastPost.objects.count(), 0)

    def test_a_failed_insert_marks_the_block_for_rollback(self):
        for general in (False, True):
            with self.subTest(general=general):
                receiver = _forcing_the_general_path()
                if general:
                    djscratch.pre_save.connect(receiver, sender=FastPost)
                try:
                    with self.assertRaises(djscratch.IntegrityError):
                        with djscratch.transaction.atomic():
                            FastPost(title=None).save()
                finally:
                    djscratch.pre_save.disconnect(receiver, sender=FastPost)


def _fields_without_key(obj):
    return {k: v for k, v in _fields(obj).items() if k != "id"}



with define_models():

    class OwnPk(FastAuthor):
        class Meta:
            app_label = "fast_paths"
            proxy = True

        @property
        def pk(self):
            return "own"


class PkGetterTests(unittest.TestCase):
    """Collector's _pk_getter() reads what instance.pk reads."""

    def test_matches_the_pk_property(self):
        cases = [FastPost(id=4), FastPost(), _CompositeKey(a=1, b=2),
                 _CompositeKey(b=3), _TextKey(id="k"), OwnPk(id=3)]
        for obj in cases:
            with self.subTest(obj=type(obj).__name__):
                self.assertEqual(djscratch._pk_getter(type(obj))(obj), obj.pk)
