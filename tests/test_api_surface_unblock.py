"""Single Django names that stopped whole Django test modules at import
(issue 19): AdminSeleniumTestCase, ShowFacets, MAX_GET_RESULTS,
register_lookup, screenshot_cases, ConnectionDoesNotExist, the admin's query
parameters in views.main, the Command classes of
django.core.management.commands (loaddata, dumpdata, runserver, testserver).
Values as Django 5.2 defines them.
"""

import io
import os
import tempfile
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import TEST_SETTINGS

DB_SETTINGS = {**TEST_SETTINGS, "DATABASES": {"default": {
    "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}


class AdminSeleniumTestCaseTests(unittest.TestCase):
    def test_a_class_with_tests_is_skipped_without_browsers(self):
        from django.contrib.admin.tests import AdminSeleniumTestCase

        class BrowserTests(AdminSeleniumTestCase):
            def test_page(self):
                raise AssertionError("ran without a browser")

        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(BrowserTests).run(result)
        self.assertEqual(result.skipped[0][1], "No browsers specified.")
        self.assertTrue(result.wasSuccessful())

    def test_it_is_a_live_server_test_case_with_the_admin_apps(self):
        from django.contrib.admin.tests import AdminSeleniumTestCase
        from django.test import LiveServerTestCase

        self.assertTrue(issubclass(AdminSeleniumTestCase, LiveServerTestCase))
        self.assertIn("django.contrib.admin", AdminSeleniumTestCase.available_apps)


class ShowFacetsTests(unittest.TestCase):
    def test_members_and_model_admin_default(self):
        from django.contrib.admin import ModelAdmin
        from django.contrib.admin.options import ShowFacets

        self.assertEqual([m.name for m in ShowFacets], ["NEVER", "ALLOW", "ALWAYS"])
        self.assertEqual(ShowFacets.ALWAYS.value, "ALWAYS")
        self.assertIs(ModelAdmin.show_facets, ShowFacets.ALLOW)


class MaxGetResultsTests(unittest.TestCase):
    def test_value(self):
        from django.db.models.query import MAX_GET_RESULTS

        self.assertEqual(MAX_GET_RESULTS, 21)


class RegisterLookupTests(unittest.TestCase):
    def test_registers_for_the_block_only(self):
        from django.db.models import CharField, Lookup
        from django.test.utils import register_lookup

        class Surface(Lookup):
            lookup_name = "surface_probe"

        with register_lookup(CharField, Surface):
            self.assertIs(CharField().get_lookup("surface_probe"), Surface)
        self.assertIsNone(CharField().get_lookup("surface_probe"))

    def test_lookup_name_overrides_and_unregisters_on_error(self):
        from django.db.models import CharField, Lookup
        from django.test.utils import register_lookup

        class Surface(Lookup):
            lookup_name = "surface_probe"

        with self.assertRaises(ZeroDivisionError):
            with register_lookup(CharField, Surface, lookup_name="other_probe"):
                self.assertIs(CharField().get_lookup("other_probe"), Surface)
                1 / 0
        self.assertIsNone(CharField().get_lookup("other_probe"))


class SmallNamesTests(unittest.TestCase):
    def test_screenshot_cases_marks_and_tags_the_test(self):
        from django.test.selenium import screenshot_cases

        @screenshot_cases("desktop_size,dark")
        def test_page():
            pass

        self.assertEqual(test_page._screenshot_cases, ["desktop_size", "dark"])
        self.assertEqual(test_page.tags, {"screenshot"})

    def test_connection_does_not_exist_is_the_db_one(self):
        from django.utils.connection import ConnectionDoesNotExist

        # What connections["unknown"] raises.
        self.assertIs(ConnectionDoesNotExist, djscratch.ConnectionDoesNotExist)

    def test_changelist_query_parameters(self):
        from django.contrib.admin.views.main import (
            IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR)

        self.assertEqual([IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR],
                         ["_facets", "_popup", "_to_field"])


@override_settings(**DB_SETTINGS)
class BuiltinCommandClassesTests(unittest.TestCase):
    def test_dumpdata_and_loaddata_commands_run_the_builtins(self):
        from django.core.management import call_command
        from django.core.management.commands.dumpdata import Command as Dumpdata
        from django.core.management.commands.loaddata import Command as Loaddata

        call_command("migrate", verbosity=0)  # whatever earlier tests installed
        out = io.StringIO()
        call_command(Dumpdata(), "sessions", stdout=out)
        self.assertEqual(out.getvalue(), "[]")  # no newline, as Django writes it
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "empty.json")
            with open(path, "w") as f:
                f.write("[]")
            out = io.StringIO()
            with self.assertWarnsRegex(  # as Django warns of an empty fixture
                    RuntimeWarning, "No fixture data found for 'empty'"):
                call_command(Loaddata(), path, stdout=out)
        self.assertEqual(out.getvalue(), "Installed 0 object(s) from 1 fixture(s)\n")

    def test_classes_carry_django_names(self):
        from django.core.management import BaseCommand
        from django.core.management.commands import runserver
        from django.core.management.commands.dumpdata import ProxyModelWarning

        self.assertTrue(issubclass(runserver.Command, BaseCommand))
        self.assertEqual(runserver.Command.__module__,
                         "django.core.management.commands.runserver")
        self.assertEqual(runserver.Command.help,
                         "Starts a lightweight web server for development.")
        self.assertTrue(issubclass(ProxyModelWarning, Warning))

    def test_testserver_refuses_naming_the_django_engine(self):
        from django.core.management import CommandError, call_command
        from django.core.management.commands.testserver import Command

        with self.assertRaisesRegex(CommandError, "'testserver'.*DJSCRATCH_ENGINE"):
            call_command(Command(), "fixture.json")


if __name__ == "__main__":
    unittest.main()
