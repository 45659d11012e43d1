"""The test case classes and their assertions (django.test)."""

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
