"""The admin's parts that the site and ModelAdmin build on: LogEntry and its
change messages, @admin.display/@admin.action/@admin.register, the helpers of
django.contrib.admin.utils and the list filters.

tests/admin_parts_scenario.py runs them in its own process on the models of
tests/admin_parts_app; its output is compared, key by key, with what real
Django 5.2 printed (tests/admin_parts_expected.json).
"""

import unittest

import djscratch
from tests import add_key_tests, load_expected, run_scenario

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig, SimpleAdminConfig
from django.contrib.admin.models import ADDITION, CHANGE, DELETION

EXPECTED = load_expected("admin_parts_expected.json")


class AdminPartsMatchDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = run_scenario("admin_parts_scenario.py", "ADMIN_PARTS_ENGINE")

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(AdminPartsMatchDjangoTests, EXPECTED)


class DisplayDecoratorTests(unittest.TestCase):
    def test_sets_the_attributes_the_changelist_reads(self):
        @admin.display(boolean=True, ordering="-pub_date",
                       description="Published recently?")
        def was_published_recently(obj):
            return True

        self.assertIs(was_published_recently.boolean, True)
        self.assertEqual(was_published_recently.admin_order_field, "-pub_date")
        self.assertEqual(was_published_recently.short_description,
                         "Published recently?")
        self.assertFalse(hasattr(was_published_recently, "empty_value_display"))

    def test_bare_decorator_returns_the_function_unchanged(self):
        def shown(obj):
            return obj

        self.assertIs(admin.display(shown), shown)
        self.assertFalse(hasattr(shown, "boolean"))

    def test_empty_value(self):
        @admin.display(empty_value="???")
        def value(obj):
            return None

        self.assertEqual(value.empty_value_display, "???")

    def test_boolean_and_empty_value_are_exclusive(self):
        with self.assertRaisesRegex(ValueError, "mutually exclusive"):
            admin.display(boolean=True, empty_value="-")(lambda obj: obj)


class ActionDecoratorTests(unittest.TestCase):
    def test_sets_permissions_and_description(self):
        @admin.action(permissions=["publish"], description="Mark as published")
        def make_published(modeladmin, request, queryset):
            pass

        self.assertEqual(make_published.allowed_permissions, ["publish"])
        self.assertEqual(make_published.short_description, "Mark as published")

    def test_bare_decorator(self):
        def act(modeladmin, request, queryset):
            pass

        self.assertIs(admin.action(act), act)
        self.assertFalse(hasattr(act, "allowed_permissions"))


class RegisterDecoratorTests(unittest.TestCase):
    def test_keeps_djangos_name(self):
        self.assertEqual(admin.register.__name__, "register")

    def test_needs_a_model(self):
        with self.assertRaisesRegex(ValueError, "At least one model must be "
                                                "passed to register."):
            admin.register()(type("SomeAdmin", (), {}))

    @unittest.skipUnless(hasattr(djscratch, "AdminSite"), "no admin core yet")
    def test_registers_with_the_given_site(self):
        from django.contrib.auth.models import Group

        site = djscratch.AdminSite(name="other")

        @admin.register(Group, site=site)
        class GroupAdmin(djscratch.ModelAdmin):
            pass

        self.assertTrue(site.is_registered(Group))
        with self.assertRaisesRegex(ValueError, "site must subclass AdminSite"):
            admin.register(Group, site=object())(GroupAdmin)
        with self.assertRaisesRegex(ValueError,
                                    "Wrapped class must subclass ModelAdmin."):
            admin.register(Group, site=site)(type("NotAdmin", (), {}))


class AppConfigTests(unittest.TestCase):
    def test_djangos_names_and_label(self):
        config = AdminConfig("django.contrib.admin")
        self.assertEqual((config.label, config.name, str(config.verbose_name)),
                         ("admin", "django.contrib.admin", "Administration"))
        self.assertEqual(config.default_site, "django.contrib.admin.sites.AdminSite")
        self.assertEqual(config.default_auto_field, "django.db.models.AutoField")
        self.assertTrue(AdminConfig.default)
        self.assertFalse(SimpleAdminConfig.default)
        self.assertTrue(issubclass(AdminConfig, SimpleAdminConfig))

    def test_import_models_defines_log_entry(self):
        from django.contrib.admin.models import LogEntry

        config = SimpleAdminConfig("django.contrib.admin")
        config.import_models()
        self.assertIs(djscratch.apps.all_models["admin"]["logentry"], LogEntry)

    def test_action_flags(self):
        self.assertEqual((ADDITION, CHANGE, DELETION), (1, 2, 3))


if __name__ == "__main__":
    unittest.main()
