"""The test case classes and their assertions (django.test)."""

import io
import json
import os
import unittest
import warnings

import djscratch
from djscratch import (
    SimpleTestCase, modify_settings, override_settings, parse_html, settings, tag)

from tests import TEST_SETTINGS

HERE = os.path.dirname(os.path.abspath(__file__))


def run_case(case_class, *names):
    """Run some tests of a TestCase class; return the unittest result."""
    suite = unittest.TestSuite(case_class(name) for name in names)
    result = unittest.TestResult()
    suite.run(result)
    return result


class HtmlComparisonMatchesDjangoTests(unittest.TestCase):
    def test_parse_html_agrees_with_django_on_recorded_cases(self):
        path = os.path.join(HERE, "data", "html_compare_expected.json")
        with open(path, encoding="utf-8") as f:
            cases = json.load(f)
        self.assertGreater(len(cases), 10)
        for case in cases:
            with self.subTest(first=case["first"], second=case["second"]):
                first, second = parse_html(case["first"]), parse_html(case["second"])
                self.assertEqual(first == second, case["equal"])
                self.assertEqual(second.count(first), case["count"])
                self.assertEqual(str(second), case["str_second"])


@override_settings(**TEST_SETTINGS)
class SimpleAssertionTests(SimpleTestCase):
    def test_assert_html_equal_ignores_attribute_order_and_whitespace(self):
        self.assertHTMLEqual('<p class="a b" id="x">  hi\n there</p>',
                             "<p id='x' class='b a'>hi there</p>")

    def test_assert_html_equal_fails_with_a_diff(self):
        with self.assertRaises(AssertionError) as caught:
            self.assertHTMLEqual("<p>one</p>", "<p>two</p>")
        self.assertIn("<p>\none\n</p> != <p>\ntwo\n</p>", str(caught.exception))
        self.assertIn("- one", str(caught.exception))

    def test_assert_html_equal_reports_invalid_html(self):
        with self.assertRaisesMessage(AssertionError,
                                      "Second argument is not valid HTML:"):
            self.assertHTMLEqual("<p></p>", "</p>")

    def test_an_unexpected_end_tag_is_reported_with_its_position(self):
        message = ("First argument is not valid HTML:\n"
                   "('Unexpected end tag `div` (Line 1, Column 6)', (1, 6))")
        with self.assertRaisesMessage(AssertionError, message):
            self.assertHTMLEqual("< div></div>", "<div></div>")

    def test_assert_html_not_equal(self):
        self.assertHTMLNotEqual("<p>a</p>", "<p>b</p>")
        with self.assertRaises(AssertionError):
            self.assertHTMLNotEqual("<br>", "<br/>")

    def test_assert_in_html_counts_elements(self):
        haystack = "<ul><li>a</li><li class='x'>b</li><li>a</li></ul>"
        self.assertInHTML("<li>a</li>", haystack, count=2)
        self.assertInHTML("<li class='x'>b</li>", haystack)
        with self.assertRaisesMessage(AssertionError, "Couldn't find '<li>c</li>'"):
            self.assertInHTML("<li>c</li>", haystack)
        with self.assertRaisesMessage(AssertionError, "Found 2 instances of"):
            self.assertInHTML("<li>a</li>", haystack, count=1)
        self.assertNotInHTML("<li>z</li>", haystack)

    def test_assert_json_equal_and_not_equal(self):
        self.assertJSONEqual('{"a": [1, 2], "b": null}', {"b": None, "a": [1, 2]})
        self.assertJSONEqual('{"a": 1}', '{ "a" : 1 }')
        self.assertJSONNotEqual('{"a": 1}', {"a": 2})
        with self.assertRaisesMessage(AssertionError,
                                      "First argument is not valid JSON: '{nope'"):
            self.assertJSONEqual("{nope", {})

    def test_assert_xml_equal_ignores_attribute_order(self):
        self.assertXMLEqual('<a x="1" y="2"><b/></a>', "<a y='2' x='1'><b></b></a>")
        self.assertXMLNotEqual("<a><b/></a>", "<a><c/></a>")
        with self.assertRaisesMessage(AssertionError, "not valid XML"):
            self.assertXMLEqual("<a>", "<a/>")

    def test_assert_raises_message_checks_the_text(self):
        with self.assertRaisesMessage(ValueError, "bad value"):
            raise ValueError("a bad value here")
        with self.assertRaises(AssertionError):
            with self.assertRaisesMessage(ValueError, "other"):
                raise ValueError("a bad value")
        self.assertRaisesMessage(KeyError, "k", {}.__getitem__, "k")

    def test_assert_warns_message(self):
        with self.assertWarnsMessage(DeprecationWarning, "going away"):
            warnings.warn("this is going away", DeprecationWarning)

    def test_assert_url_equal_ignores_query_order(self):
        self.assertURLEqual("/p/?x=1&y=2", "/p/?y=2&x=1")
        self.assertURLEqual("/p/?a=1&a=2", "/p/?a=2&a=1")  # as Django: sorted pairs
        with self.assertRaisesMessage(AssertionError, "Expected '/p/?a=1' to "
                                      "equal '/p/?a=2'."):
            self.assertURLEqual("/p/?a=1", "/p/?a=2")

    def test_settings_context_manager(self):
        with self.settings(APPEND_SLASH=False):
            self.assertFalse(settings.APPEND_SLASH)
        self.assertTrue(settings.APPEND_SLASH)


@override_settings(**{**TEST_SETTINGS, "MIDDLEWARE": ["a.A", "b.B"]})
class SettingsDecoratorTests(SimpleTestCase):
    @override_settings(TIME_ZONE="Europe/Paris")
    def test_method_decorator_overrides_inside_class_override(self):
        self.assertEqual(settings.TIME_ZONE, "Europe/Paris")
        self.assertEqual(settings.MIDDLEWARE, ["a.A", "b.B"])

    def test_class_override_applies_to_each_test(self):
        self.assertEqual(settings.TIME_ZONE, "UTC")

    @modify_settings(MIDDLEWARE={"append": "c.C", "prepend": "z.Z", "remove": "a.A"})
    def test_modify_settings_append_prepend_remove(self):
        self.assertEqual(settings.MIDDLEWARE, ["z.Z", "b.B", "c.C"])

    def test_modify_settings_context_manager_restores(self):
        with self.modify_settings(MIDDLEWARE={"append": ["c.C", "a.A"]}):
            self.assertEqual(settings.MIDDLEWARE, ["a.A", "b.B", "c.C"])
        self.assertEqual(settings.MIDDLEWARE, ["a.A", "b.B"])

    def test_modify_settings_rejects_unknown_action(self):
        with self.assertRaisesMessage(ValueError, "Unsupported action: add"):
            with modify_settings(MIDDLEWARE={"add": "x"}):
                pass

    def test_setting_changed_is_sent_on_enter_and_exit(self):
        seen = []

        def receiver(setting, value, enter, **kwargs):
            seen.append((setting, value, enter))

        djscratch.setting_changed.connect(receiver, dispatch_uid="tc-test")
        try:
            with override_settings(APPEND_SLASH=False):
                pass
        finally:
            djscratch.setting_changed.disconnect(dispatch_uid="tc-test")
        self.assertEqual(seen, [("APPEND_SLASH", False, True),
                                ("APPEND_SLASH", True, False)])

    def test_a_failing_receiver_leaves_the_settings_as_they_were(self):
        """As Django: a setting_changed receiver failing on enter or exit
        still restores the settings and lets every receiver hear the exit."""
        exits = []

        def failing(setting, enter, **kwargs):
            if setting == "FAIL_ON_" + ("ENTER" if enter else "EXIT"):
                raise RuntimeError(f"{setting} {enter}")

        def spy(setting, enter, **kwargs):
            if not enter:
                exits.append(setting)

        djscratch.setting_changed.connect(failing, dispatch_uid="tc-failing")
        djscratch.setting_changed.connect(spy, dispatch_uid="tc-spy")
        try:
            for failing_setting in ("FAIL_ON_ENTER", "FAIL_ON_EXIT"):
                exits.clear()
                with self.assertRaisesMessage(RuntimeError, failing_setting):
                    with override_settings(OTHER=1, **{failing_setting: 1}):
                        pass
                self.assertFalse(hasattr(settings, failing_setting))
                self.assertFalse(hasattr(settings, "OTHER"))
                self.assertEqual(exits, ["OTHER", failing_setting])
        finally:
            djscratch.setting_changed.disconnect(dispatch_uid="tc-failing")
            djscratch.setting_changed.disconnect(dispatch_uid="tc-spy")


class NestedClassDecoratorTests(unittest.TestCase):
    def test_decorated_subclass_of_decorated_class_restores_both(self):
        before = settings._wrapped

        @override_settings(**{**TEST_SETTINGS, "TIME_ZONE": "Asia/Tokyo"})
        class Base(SimpleTestCase):
            def test_it(self):
                pass

        @override_settings(APPEND_SLASH=False)
        class Child(Base):
            def test_it(self):
                self.assertEqual(settings.TIME_ZONE, "Asia/Tokyo")
                self.assertFalse(settings.APPEND_SLASH)

        result = run_case(Child, "test_it")
        self.assertTrue(result.wasSuccessful(), result.failures + result.errors)
        self.assertIs(settings._wrapped, before)

    def test_a_subclass_override_wins_over_its_parents(self):
        before = settings._wrapped

        @override_settings(**{**TEST_SETTINGS, "TIME_ZONE": "Asia/Tokyo",
                              "LOGIN_URL": "/parent/"})
        class Base(SimpleTestCase):
            def test_it(self):
                self.assertEqual(settings.LOGIN_URL, "/parent/")

        @modify_settings(MIDDLEWARE={"append": "c.C"})
        @override_settings(LOGIN_URL="/child/", MIDDLEWARE=["a.A"])
        class Child(Base):
            def test_it(self):
                self.assertEqual(settings.TIME_ZONE, "Asia/Tokyo")
                self.assertEqual(settings.LOGIN_URL, "/child/")
                self.assertEqual(settings.MIDDLEWARE, ["a.A", "c.C"])

        class GrandChild(Child):
            pass

        for case in (Base, Child, GrandChild, Base):
            result = run_case(case, "test_it")
            self.assertTrue(result.wasSuccessful(), result.failures + result.errors)
            self.assertIs(settings._wrapped, before)

    def test_override_settings_refuses_plain_classes(self):
        with self.assertRaises(TypeError):
            override_settings(DEBUG=True)(object)


class TagTests(unittest.TestCase):
    def test_tag_adds_to_existing_tags(self):
        @tag("slow")
        @tag("db")
        def test_x():
            pass

        self.assertEqual(test_x.tags, {"slow", "db"})


@override_settings(**TEST_SETTINGS)
class TestCaseWithoutOrmTests(SimpleTestCase):
    def test_simple_test_case_has_no_databases(self):
        self.assertEqual(set(SimpleTestCase.databases), set())

    def test_client_is_ready_without_calling_super_setup(self):
        self.assertIsInstance(self.client, djscratch.Client)


@override_settings(**TEST_SETTINGS)
class FormAssertionTests(SimpleTestCase):
    def make_form(self, data):
        from django import forms

        class NameForm(forms.Form):
            name = forms.CharField(max_length=3)

            def clean(self):
                if self.cleaned_data.get("name") == "bad":
                    raise forms.ValidationError("Bad name.")
                return self.cleaned_data

        return NameForm(data)

    def test_assert_form_error_on_field_and_non_field(self):
        form = self.make_form({"name": "toolong"})
        self.assertFormError(form, "name",
                             "Ensure this value has at most 3 characters (it has 7).")
        self.assertFormError(self.make_form({"name": "bad"}), None, ["Bad name."])
        self.assertFormError(self.make_form({"name": "ok"}), "name", [])

    def test_assert_form_error_messages(self):
        form = self.make_form({"name": "toolong"})
        with self.assertRaisesMessage(AssertionError,
                                      "The errors of field 'name' on form"):
            self.assertFormError(form, "name", "Other.")
        with self.assertRaisesMessage(AssertionError, "does not contain the field "
                                      "'nope'"):
            self.assertFormError(form, "nope", [])
        with self.assertRaisesMessage(AssertionError, "is not bound"):
            self.assertFormError(self.make_form(None), "name", [])

    def test_assert_formset_error(self):
        from django import forms

        class ItemForm(forms.Form):
            qty = forms.IntegerField()

        ItemFormSet = forms.formset_factory(ItemForm, extra=0)
        data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
                "form-0-qty": "1", "form-1-qty": "x"}
        formset = ItemFormSet(data)
        self.assertFormSetError(formset, 1, "qty", "Enter a whole number.")
        self.assertFormSetError(formset, 0, "qty", [])
        self.assertFormSetError(formset, None, None, [])
        with self.assertRaisesMessage(AssertionError, "only has 2 forms"):
            self.assertFormSetError(formset, 5, "qty", [])

    def test_assert_field_output(self):
        from django import forms

        self.assertFieldOutput(
            forms.EmailField, {"a@example.com": "a@example.com"},
            {"nope": ["Enter a valid email address."]})
        with self.assertRaises(AssertionError):
            self.assertFieldOutput(forms.IntegerField, {"1": 2}, {})


@override_settings(**TEST_SETTINGS)
class MultipartEncodingTests(SimpleTestCase):
    def test_encode_multipart_matches_django_byte_for_byte(self):
        import io

        from djscratch import BOUNDARY, encode_multipart

        def named(content, name):
            f = io.BytesIO(content)
            f.name = name
            return f

        cases = {
            "fields": {"a": "1", "b": ["x", "y"], "n": 3},
            "text_file": {"doc": named(b"hello", "/tmp/notes.txt")},
            "unknown_file": {"blob": named(b"\x00\x01", "data.zzqq")},
            "unnamed_file": {"raw": io.BytesIO(b"abc")},
            "files_list": {"f": [named(b"1", "a.json"), "plain"]},
            "unicode": {"name": "Zo\u00e9"},
        }
        with open(os.path.join(HERE, "data", "multipart_expected.json"),
                  encoding="utf-8") as f:
            expected = json.load(f)
        self.assertEqual(set(cases), set(expected))
        for name, data in cases.items():
            with self.subTest(name):
                self.assertEqual(encode_multipart(BOUNDARY, data).decode("latin-1"),
                                 expected[name])

    def test_context_list_looks_through_every_context(self):
        contexts = djscratch.ContextList([{"a": 1}, {"b": 2, "a": 9}])
        self.assertEqual(contexts["a"], 1)
        self.assertEqual(contexts["b"], 2)
        self.assertEqual(contexts[1], {"b": 2, "a": 9})
        self.assertIn("b", contexts)
        self.assertNotIn("c", contexts)
        self.assertIsNone(contexts.get("c"))
        self.assertEqual(contexts.keys(), {"a", "b"})
        with self.assertRaises(KeyError):
            contexts["c"]


# -- Database test cases.  The models live in an app label that is not
#    installed; each class creates their tables in the shared in-memory test
#    database (cheap, idempotent).

from django.db import connection, models  # noqa: E402
from django.db import transaction as db_transaction  # noqa: E402

from djscratch import (  # noqa: E402
    CaptureQueriesContext, TestCase, TransactionTestCase,
    skipIfDBFeature, skipUnlessAnyDBFeature, skipUnlessDBFeature, sync_schema)

DB_SETTINGS = {**TEST_SETTINGS, "DATABASES": {"default": {
    "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}

with override_settings(**DB_SETTINGS):
    class Author(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "testfw_tests"
            ordering = ["name"]

    class Book(models.Model):
        title = models.CharField(max_length=50)
        author = models.ForeignKey(Author, on_delete=models.CASCADE,
                                   related_name="books")

        class Meta:
            app_label = "testfw_tests"


def create_tables():
    sync_schema(models=[Author, Book], verbosity=0)


class _WithTables:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        create_tables()


@override_settings(**DB_SETTINGS)
class TestCaseIsolationTests(unittest.TestCase):
    def test_each_test_is_rolled_back_and_class_data_is_copied(self):
        class Inner(TestCase):
            @classmethod
            def setUpTestData(cls):
                create_tables()
                cls.author = Author.objects.create(name="Ann")
                cls.names = ["x"]

            def test_a(self):
                self.assertEqual(Author.objects.count(), 1)
                Author.objects.create(name="Bob")
                self.author.name = "changed"
                self.author.save()
                self.names.append("y")

            def test_b(self):
                self.assertEqual(Author.objects.count(), 1)
                self.assertEqual(Author.objects.get().name, "Ann")
                self.assertEqual(self.author.name, "Ann")
                self.assertEqual(self.names, ["x"])

        for order in (("test_a", "test_b"), ("test_b", "test_a")):
            with self.subTest(order=order):
                result = run_case(Inner, *order)
                self.assertTrue(result.wasSuccessful(),
                                result.failures + result.errors)
        with override_settings(**DB_SETTINGS):
            create_tables()  # (created in the rolled-back class transaction)
            self.assertEqual(Author.objects.count(), 0)  # the class data too

    def test_transaction_test_case_empties_tables_after_each_test(self):
        class Inner(_WithTables, TransactionTestCase):
            def test_a(self):
                self.assertEqual(Author.objects.count(), 0)
                with db_transaction.atomic():
                    author = Author.objects.create(name="Ann")
                    Book.objects.create(title="T", author=author)

            def test_b(self):
                self.assertEqual(Author.objects.count(), 0)
                self.assertEqual(Book.objects.count(), 0)

        for order in (("test_a", "test_b"), ("test_b", "test_a")):
            with self.subTest(order=order):
                result = run_case(Inner, *order)
                self.assertTrue(result.wasSuccessful(),
                                result.failures + result.errors)

    def test_simple_test_case_refuses_queries(self):
        class Inner(SimpleTestCase):
            def test_query(self):
                Author.objects.count()

        result = run_case(Inner, "test_query")
        self.assertEqual(len(result.failures), 1)
        self.assertIn("Database queries to 'default' are not allowed in "
                      "SimpleTestCase subclasses.", result.failures[0][1])

    def test_unknown_database_alias_is_refused(self):
        class Inner(TestCase):
            databases = {"defualt"}

            def test_nothing(self):
                pass

        result = run_case(Inner, "test_nothing")
        self.assertEqual(len(result.errors), 1)
        self.assertIn("databases refers to 'defualt' which is not defined in "
                      "settings.DATABASES. Did you mean 'default'?",
                      result.errors[0][1])

    def test_db_feature_skips_on_classes(self):
        @skipIfDBFeature("supports_transactions")
        class Skipped(TestCase):
            def test_never(self):
                raise AssertionError("ran")

        @skipUnlessDBFeature("supports_transactions")
        class Runs(TestCase):
            def test_runs(self):
                pass

        skipped = run_case(Skipped, "test_never")
        self.assertTrue(skipped.wasSuccessful())
        self.assertEqual(len(skipped.skipped), 1)
        self.assertIn("Database has feature(s) supports_transactions",
                      skipped.skipped[0][1])
        runs = run_case(Runs, "test_runs")
        self.assertEqual((runs.testsRun, len(runs.skipped)), (1, 0))
        self.assertTrue(runs.wasSuccessful())

    def test_db_feature_skips_of_a_class_count_its_tests_skipped(self):
        """As Django: the class is skipped when it runs (unittest reads its
        __unittest_skip__), each test counted, subclasses too."""
        @skipUnlessDBFeature("no_such_feature")
        @skipIfDBFeature("supports_transactions")
        class Skipped(TestCase):
            def test_one(self):
                raise AssertionError("ran")

        @skipIfDBFeature("__dict__")
        class SkippedSubclass(Skipped):
            pass

        suite = unittest.TestSuite([Skipped("test_one"), SkippedSubclass("test_one")])
        result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
        self.assertEqual((result.testsRun, len(result.skipped)), (2, 2))
        self.assertEqual([reason for _test, reason in result.skipped],
                         ["Database has feature(s) supports_transactions"] * 2)

    def test_db_feature_skips_need_the_default_database(self):
        @skipIfDBFeature("missing")
        class NoDatabase(SimpleTestCase):
            def test_it(self):
                pass

        class NoDatabaseMethod(SimpleTestCase):
            @skipUnlessDBFeature("missing")
            def test_it(self):
                pass

        runner = unittest.TextTestRunner(stream=io.StringIO())
        with self.assertRaisesRegex(ValueError, r"^skipIfDBFeature cannot be used "
                                    r"on <class '.*NoDatabase'> as it doesn't allow "
                                    r"queries against the 'default' database\.$"):
            runner.run(unittest.TestSuite([NoDatabase("test_it")]))
        test = NoDatabaseMethod("test_it")
        with self.assertRaises(ValueError) as raised:
            test.test_it()
        self.assertEqual(str(raised.exception),
                         f"skipUnlessDBFeature cannot be used on {test} as "
                         f"{NoDatabaseMethod.__qualname__} doesn't allow queries "
                         "against the 'default' database.")

    def test_setup_test_data_failure_is_reported_and_rolled_back(self):
        class Inner(TestCase):
            @classmethod
            def setUpTestData(cls):
                create_tables()
                Author.objects.create(name="half")
                raise RuntimeError("broken setUpTestData")

            def test_nothing(self):
                pass

        result = run_case(Inner, "test_nothing")
        self.assertIn("broken setUpTestData", result.errors[0][1])
        with override_settings(**DB_SETTINGS):
            create_tables()
            self.assertEqual(Author.objects.count(), 0)


@override_settings(**DB_SETTINGS)
class DatabaseAssertionTests(_WithTables, TestCase):
    def test_assert_num_queries(self):
        with self.assertNumQueries(2):
            Author.objects.create(name="a")
            Author.objects.count()
        self.assertNumQueries(1, lambda: list(Author.objects.all()))
        with self.assertRaisesMessage(AssertionError, "1 queries executed, 2 "
                                      "expected\nCaptured queries were:\n1. SELECT"):
            with self.assertNumQueries(2):
                Author.objects.count()

    def test_capture_queries_context(self):
        with CaptureQueriesContext(connection) as captured:
            Author.objects.filter(name="zed").exists()
        self.assertEqual(len(captured), 1)
        self.assertIn('"name" = ', captured[0]["sql"])
        self.assertIn("zed", captured.captured_queries[0]["sql"])

    def test_each_test_starts_with_an_empty_query_log(self):
        self.assertEqual(len(connection.queries_log), 0)

    def test_a_request_inside_the_block_does_not_reset_the_count(self):
        from django.core.signals import request_started

        Author.objects.count()
        Author.objects.count()  # the log holds queries from before the block
        with self.assertNumQueries(2):
            request_started.send(sender=None)  # what the test client sends
            Author.objects.count()
            Author.objects.count()
        # Outside a block, a request empties the log again.
        request_started.send(sender=None)
        self.assertEqual(len(connection.queries_log), 0)

    def test_assert_queryset_equal(self):
        Author.objects.create(name="b")
        Author.objects.create(name="a")
        self.assertQuerySetEqual(Author.objects.all(), ["a", "b"],
                                 transform=lambda a: a.name)
        self.assertQuerysetEqual(Author.objects.values_list("name", flat=True),
                                 ["a", "b"])
        self.assertQuerySetEqual(Author.objects.order_by("-name"), ["a", "b"],
                                 transform=lambda a: a.name, ordered=False)
        with self.assertRaises(AssertionError):
            self.assertQuerySetEqual(Author.objects.all(), ["b", "a"],
                                     transform=lambda a: a.name)
        with self.assertRaisesMessage(ValueError, "non-ordered queryset"):
            self.assertQuerySetEqual(Book.objects.all(), [1, 2])

    def test_capture_on_commit_callbacks(self):
        calls = []
        with self.captureOnCommitCallbacks() as callbacks:
            db_transaction.on_commit(lambda: calls.append("no"))
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(calls, [])

        def first():
            calls.append(1)
            db_transaction.on_commit(lambda: calls.append(2))

        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            db_transaction.on_commit(first)
        self.assertEqual(calls, [1, 2])
        self.assertEqual(len(callbacks), 2)

    @skipUnlessDBFeature("supports_transactions", "uses_savepoints")
    def test_skip_unless_feature_runs_when_supported(self):
        self.assertTrue(connection.features.supports_transactions)

    @skipIfDBFeature("supports_transactions")
    def test_skip_if_feature_skips(self):
        self.fail("should have been skipped")

    @skipUnlessDBFeature("no_such_feature")
    def test_skip_unless_unknown_feature_skips(self):
        self.fail("should have been skipped")

    @skipUnlessAnyDBFeature("no_such_feature", "supports_transactions")
    def test_skip_unless_any_feature_runs_when_one_is_supported(self):
        self.assertTrue(connection.features.supports_transactions)

    @skipUnlessAnyDBFeature("no_such_feature", "nor_this_one")
    def test_skip_unless_any_feature_skips_when_none_is(self):
        self.fail("should have been skipped")


@override_settings(**DB_SETTINGS)
class FixtureTests(unittest.TestCase):
    def test_fixtures_load_from_fixture_dirs_for_each_test_case(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "library.json"), "w") as f:
                json.dump([
                    {"model": "testfw_tests.book", "pk": 7,
                     "fields": {"title": "Later", "author": 3}},
                    {"model": "testfw_tests.author", "pk": 3,
                     "fields": {"name": "Fix"}},
                ], f)

            @override_settings(FIXTURE_DIRS=[tmp])
            class Inner(TestCase):
                fixtures = ["library"]

                @classmethod
                def setUpTestData(cls):
                    cls.book = Book.objects.get(pk=7)

                def test_loaded(self):
                    self.assertEqual(self.book.author.name, "Fix")
                    self.assertEqual(Author.objects.count(), 1)

            with override_settings(**DB_SETTINGS):
                create_tables()
            result = run_case(Inner, "test_loaded")
        self.assertTrue(result.wasSuccessful(), result.failures + result.errors)

    def test_missing_fixture_is_an_error(self):
        class Inner(TestCase):
            fixtures = ["no_such_fixture"]

            def test_nothing(self):
                pass

        result = run_case(Inner, "test_nothing")
        self.assertIn("No fixture named 'no_such_fixture' found.", result.errors[0][1])

    def test_dumpdata_output_loads_back(self):
        import tempfile

        from djscratch import _dumpdata, _loaddata

        with override_settings(**DB_SETTINGS):
            create_tables()
            with db_transaction.atomic():
                author = Author.objects.create(name="Round")
                Book.objects.create(title="Trip", author=author)
                rows = _dumpdata(["testfw_tests"])
                db_transaction.set_rollback(True)
            self.assertEqual(rows[0], {"model": "testfw_tests.author",
                                       "pk": author.pk, "fields": {"name": "Round"}})
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "dump.json")
                with open(path, "w") as f:
                    json.dump(rows, f)
                with db_transaction.atomic():
                    self.assertEqual(_loaddata([path]), 2)
                    self.assertEqual(Book.objects.get().author.name, "Round")
                    db_transaction.set_rollback(True)


@override_settings(**TEST_SETTINGS)
class TestEnvironmentTests(unittest.TestCase):
    def test_setup_adds_testserver_and_cannot_run_twice(self):
        from djscratch import (
            _TestState, setup_test_environment, teardown_test_environment)

        saved = _TestState.saved
        _TestState.saved = None  # the runner may have set up the environment
        try:
            with override_settings(ALLOWED_HOSTS=["example.com"], DEBUG=True):
                setup_test_environment()
                try:
                    self.assertEqual(settings.ALLOWED_HOSTS,
                                     ["example.com", "testserver"])
                    self.assertTrue(settings.DEBUG)
                    with self.assertRaisesRegex(RuntimeError, "already called"):
                        setup_test_environment()
                finally:
                    teardown_test_environment()
                self.assertEqual(settings.ALLOWED_HOSTS, ["example.com"])
        finally:
            _TestState.saved = saved


class LazyTestEnvironmentTests(unittest.TestCase):
    @override_settings(ALLOWED_HOSTS=["example.com"])
    def test_environment_set_up_inside_an_override_outlives_it(self):
        # Under pytest the first database test sets the environment up, often
        # inside a class's override_settings(); 'testserver' must stay allowed
        # once that override ends.
        saved, djscratch._TestState.saved = djscratch._TestState.saved, None
        try:
            with override_settings(DEBUG=True):
                djscratch.setup_test_environment()
            self.assertEqual(settings.ALLOWED_HOSTS, ["example.com", "testserver"])
        finally:
            djscratch.teardown_test_environment()
            djscratch._TestState.saved = saved
        self.assertEqual(settings.ALLOWED_HOSTS, ["example.com"])


class AsyncTestMethodTests(unittest.TestCase):
    """`async def` tests run to completion, as Django's async_to_sync does."""

    def test_async_test_methods_are_awaited(self):
        seen = []

        @override_settings(**TEST_SETTINGS)
        class Case(SimpleTestCase):
            async def test_passes(self):
                seen.append("ran")

            async def test_fails(self):
                self.assertEqual(1, 2)

        result = run_case(Case, "test_passes", "test_fails")
        self.assertEqual(seen, ["ran"])
        self.assertEqual(result.testsRun, 2)
        self.assertEqual(len(result.failures), 1)
        self.assertIn("test_fails", str(result.failures[0][0]))
