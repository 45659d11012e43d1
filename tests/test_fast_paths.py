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
print("null handler:", any(isinstance(h, logging.NullHandler)
                           for h in logging.getLogger("django").handlers))
"""


class LazyLoggingTests(unittest.TestCase):
    def test_the_django_logger_is_quieted_on_its_first_record(self):
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
        self.assertIn("null handler: True", done.stdout)
        self.assertNotIn("boom", done.stderr)  # no "last resort" handler output


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
