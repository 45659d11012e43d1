"""tools/third_party_suite.py: how it reads the packages' test runs and holds
the committed counts (issue 19, point 4).  The runs themselves are CI's job."""

import os
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "tools"))
import third_party_suite  # noqa: E402


class ReadRunTests(unittest.TestCase):
    def test_unittest_summary_counts_failures_errors_and_skips(self):
        output = ("....\nRan 12 tests in 0.3s\n\n"
                  "FAILED (failures=2, errors=1, skipped=3)\n")
        self.assertEqual(third_party_suite.read_unittest(output), {
            "ran": 12, "passed": 6, "failed": 2, "errors": 1, "skipped": 3})

    def test_unittest_ok_with_expected_failures_counts_them_passed(self):
        output = "Ran 5 tests in 0.1s\n\nOK (skipped=1, expected failures=1)\n"
        self.assertEqual(third_party_suite.read_unittest(output)["passed"], 4)

    def test_a_run_that_never_started_counts_nothing(self):
        counts = third_party_suite.read_unittest("Traceback ...\nImportError: x\n")
        self.assertEqual((counts["ran"], counts["passed"]), (0, 0))

    def test_junit_xml_counts_every_suite(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder, "r.xml")
            path.write_text(
                '<testsuites><testsuite tests="10" failures="1" errors="2" '
                'skipped="3"/><testsuite tests="4" failures="0" errors="0" '
                'skipped="0"/></testsuites>')
            self.assertEqual(third_party_suite.read_junit(path), {
                "ran": 14, "passed": 8, "failed": 1, "errors": 2, "skipped": 3})

    def test_the_stop_is_pytests_first_collection_error(self):
        output = ("ImportError while importing test module 'x.py'.\n"
                  "E   ImportError: cannot import name 'A' from 'django.forms'\n"
                  "E   ModuleNotFoundError: No module named 'b'\n")
        self.assertEqual(third_party_suite.first_error(output),
                         "ImportError: cannot import name 'A' from 'django.forms'")


class RatchetTests(unittest.TestCase):
    def test_a_package_passing_fewer_tests_than_committed_fails(self):
        committed = {"a": {"passed": 10}, "b": {"passed": 3}}
        fresh = {"a": {"passed": 9}, "b": {"passed": 4}}
        self.assertEqual(third_party_suite.check(committed, fresh),
                         ["a: 9 passed, committed 10"])

    def test_every_package_has_a_pinned_version_and_checksum(self):
        for package in third_party_suite.PACKAGES + third_party_suite.SUPPORT:
            with self.subTest(package=package["name"]):
                self.assertRegex(package["sha256"], r"^[0-9a-f]{64}$")
                self.assertTrue(package["version"])

    def test_the_committed_counts_name_the_seven_packages_of_the_issue(self):
        committed = third_party_suite.read_counts()
        self.assertLessEqual({
            "whitenoise", "django-crispy-forms", "crispy-bootstrap5", "django-filter",
            "django-widget-tweaks", "django-model-utils", "django-taggit",
            "django-environ"}, set(committed))

    def test_the_table_section_lists_each_package_and_its_note(self):
        section = third_party_suite.render_section({"whitenoise": {
            "version": "6.12.0", "ran": 7, "passed": 6, "failed": 1, "errors": 0,
            "skipped": 0}})
        self.assertIn("| whitenoise | 6.12.0 | 7 | 6 | 1 | 0 | 0 |  |", section)
        self.assertIn("- whitenoise: its sdist leaves out", section)
