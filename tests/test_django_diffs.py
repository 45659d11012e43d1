"""The differences from Django of issue 19, checked against real Django.

tests/diffs_scenario.py runs here on djscratch; tests/diffs_expected.json holds
what it gave on Django 5.2 (written by tests/gen_diffs_expected.py).  One test
per difference, named after the behaviour.
"""

import ast
import unittest

import djscratch
from djscratch import override_settings
from tests import TEST_SETTINGS, load_expected
from tests.diffs_oracle import SETTINGS

DIFF_SETTINGS = {**TEST_SETTINGS, **SETTINGS}

with override_settings(**DIFF_SETTINGS):
    from tests import diffs_scenario

EXPECTED = load_expected("diffs_expected.json")


@override_settings(**DIFF_SETTINGS)
class DifferencesFromDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        diffs_scenario.set_up()

    def assertMatchesDjango(self, name):
        self.assertEqual(diffs_scenario.observe(name), EXPECTED[name])

    def test_every_recorded_difference_is_observed(self):
        self.assertEqual(sorted(diffs_scenario.names() + ["runner"]), sorted(EXPECTED))

    def test_signed_cookies_are_signed_as_django_signs_them(self):
        self.assertMatchesDjango("signed_cookies")

    def test_cookies_signed_by_django_are_read(self):
        from django.http import HttpRequest

        for label, value in EXPECTED["signed_cookies"].items():
            if not label.startswith("set "):
                continue
            name, salt = label.split(" ", 2)[1:]
            request = HttpRequest()
            request.COOKIES[name] = value
            with self.subTest(label):
                self.assertEqual(request.get_signed_cookie(
                    name, salt=ast.literal_eval(salt)),
                                 "hello é")

    def test_legacy_signed_cookies_refused_without_the_fallback(self):
        from django.core.signing import BadSignature
        from django.http import HttpRequest

        request = HttpRequest()
        request.COOKIES["a"] = EXPECTED["signed_cookies"]["legacy"]
        self.assertEqual(request.get_signed_cookie("a", salt="bc"), "old")
        with override_settings(SIGNED_COOKIE_LEGACY_SALT_FALLBACK=False):
            with self.assertRaises(BadSignature):
                request.get_signed_cookie("a", salt="bc")

    def test_setting_request_encoding_decodes_get_and_post_again(self):
        self.assertMatchesDjango("request_encoding")

    def test_junk_in_the_query_string_is_replaced_and_the_page_served(self):
        self.assertMatchesDjango("junk_query_strings")

    def test_redirect_over_16384_characters_is_disallowed(self):
        self.assertMatchesDjango("long_redirect")

    def test_integer_fields_are_bounded_at_64_bits_on_sqlite(self):
        self.assertMatchesDjango("integer_ranges")

    def test_timezone_override_as_context_manager_and_decorator(self):
        self.assertMatchesDjango("timezone_override")

    def test_automatic_through_model_and_reverse_many_to_many_lookups(self):
        self.assertMatchesDjango("automatic_through")

    def test_values_then_annotate_groups_by_the_values(self):
        self.assertMatchesDjango("values_annotate")

    def test_prefetch_related_many_to_many_takes_two_queries(self):
        self.assertMatchesDjango("prefetch_queries")

    def test_queries_after_a_database_error_in_atomic_are_refused(self):
        self.assertMatchesDjango("broken_atomic")

    def test_foreign_keys_name_their_target_field_once_resolved(self):
        self.assertMatchesDjango("relation_field_names")

    def test_a_bare_engine_has_no_tag_libraries_the_default_one_has_djangos(self):
        self.assertMatchesDjango("engine_libraries")

    def test_for_tag_unpacks_any_number_of_values(self):
        self.assertMatchesDjango("for_unpacking")

    def test_for_tag_unpacks_any_number_of_values_in_the_native_syntax(self):
        from django.template import Engine

        from tests.test_templates_corpus import to_native

        observed = diffs_scenario.observe_for_unpacking(
            Engine(syntax=djscratch.NATIVE_SYNTAX), to_native)
        self.assertEqual(observed, EXPECTED["for_unpacking"])

    def test_assert_num_queries_counts_as_django_and_the_runner_says_so(self):
        # Django's runner passes tests/diffs_num_queries.py: the same outcomes,
        # summary line and exit status from djscratch's.
        import sys

        observed = diffs_scenario.runner_summary([sys.executable, "-m", "djscratch"])
        self.assertEqual(observed, EXPECTED["runner"])
