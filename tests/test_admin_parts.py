"""The admin's parts that the site and ModelAdmin build on: LogEntry and its
change messages, @admin.display/@admin.action/@admin.register, the helpers of
django.contrib.admin.utils and the list filters.

tests/admin_parts_scenario.py runs them in its own process on the models of
tests/admin_parts_app; its output is compared, key by key, with what real
Django 5.2 printed (tests/admin_parts_expected.json).
"""

import unittest

import djscratch
from tests import TEST_SETTINGS, load_expected, MatchesDjango, run_scenario

from django import forms
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig, SimpleAdminConfig
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.admin.utils import (
    build_q_object_from_lookup_parameters, display_for_field, display_for_value,
    flatten, flatten_fieldsets, help_text_for_field, label_for_field, NestedObjects,
    quote,
)
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.utils.safestring import SafeString

from tests.orm_support import CaptureQueries, DatabaseTestCase, define_models

with define_models():

    class Count(models.Model):
        num = models.PositiveSmallIntegerField()
        parent = models.ForeignKey("self", models.CASCADE, null=True)

        class Meta:
            app_label = "admin_parts_utils"

        def __str__(self):
            return str(self.num)

    class Event(models.Model):
        date = models.DateTimeField(auto_now_add=True)

        class Meta:
            app_label = "admin_parts_utils"

    class Location(models.Model):
        event = models.OneToOneField(Event, models.CASCADE,
                                     verbose_name="awesome event")

        class Meta:
            app_label = "admin_parts_utils"

    class Guest(models.Model):
        event = models.OneToOneField(Event, models.CASCADE)
        name = models.CharField(max_length=255)

        class Meta:
            app_label = "admin_parts_utils"
            verbose_name = "awesome guest"

    class EventGuide(models.Model):
        event = models.ForeignKey(Event, models.DO_NOTHING)

        class Meta:
            app_label = "admin_parts_utils"


EXPECTED = load_expected("admin_parts_expected.json")


class AdminPartsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    scenario_script = "admin_parts_scenario.py"
    engine_variable = "ADMIN_PARTS_ENGINE"


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


class NestedObjectsTests(DatabaseTestCase):
    """Django's admin_utils NestedObjectsTests, on a self-referencing model."""

    models = [Count, Event, Location, Guest, EventGuide]

    def setUp(self):
        super().setUp()
        self.n = NestedObjects(using="default")
        self.objs = [Count.objects.create(num=i) for i in range(5)]

    def _check(self, target):
        self.assertEqual(self.n.nested(lambda obj: obj.num), target)

    def _connect(self, i, j):
        self.objs[i].parent = self.objs[j]
        self.objs[i].save()

    def _collect(self, *indices):
        self.n.collect([self.objs[i] for i in indices])

    def test_unrelated_roots(self):
        self._connect(2, 1)
        self._collect(0)
        self._collect(1)
        self._check([0, 1, [2]])

    def test_siblings(self):
        self._connect(1, 0)
        self._connect(2, 0)
        self._collect(0)
        self._check([0, [1, 2]])

    def test_non_added_parent(self):
        self._connect(0, 1)
        self._collect(0)
        self._check([0])

    def test_cyclic(self):
        self._connect(0, 2)
        self._connect(1, 0)
        self._connect(2, 1)
        self._collect(0)
        self._check([0, [1, [2]]])

    def test_two_queries_and_none_to_build_the_graph(self):
        self._connect(1, 0)
        self._connect(2, 0)
        with CaptureQueries() as queries:
            self._collect(0)
        self.assertEqual(len(queries), 2)  # children of 0, then of 1 and 2
        with CaptureQueries() as queries:
            self._check([0, [1, 2]])
        self.assertEqual(len(queries), 0)

    def test_on_delete_do_nothing_is_not_queried(self):
        n = NestedObjects(using="default")
        event = Event.objects.create()
        EventGuide.objects.create(event=event)
        with CaptureQueries() as queries:
            n.collect([event])  # Location and Guest, not EventGuide
        self.assertEqual(len(queries), 2)

    def test_nothing_is_deleted(self):
        self._connect(1, 0)
        self._collect(0)
        self.assertEqual(Count.objects.count(), 5)


@djscratch.override_settings(**TEST_SETTINGS, STATIC_URL="/static/")
class UtilsTests(unittest.TestCase):
    """Expectations of Django's admin_utils UtilsTests."""

    empty_value = "-empty-"

    def test_empty_values_display_as_the_empty_value(self):
        for model_field in (models.CharField(), models.DateField(),
                            models.DecimalField(), models.FloatField(),
                            models.URLField(), models.JSONField(),
                            models.TimeField()):
            for value in model_field.empty_values:
                with self.subTest(model_field=model_field, empty_value=value):
                    self.assertEqual(
                        display_for_field(value, model_field, self.empty_value),
                        self.empty_value)
        for value in EMPTY_VALUES:
            self.assertEqual(display_for_value(value, self.empty_value),
                             self.empty_value)

    def test_a_none_choice_is_shown_by_its_label(self):
        field = models.CharField(choices=((None, "test_none"),))
        self.assertEqual(display_for_field(None, field, self.empty_value),
                         "test_none")

    def test_null_boolean_is_the_unknown_icon(self):
        shown = display_for_field(None, models.BooleanField(null=True), "-")
        self.assertEqual(shown, '<img src="/static/admin/img/icon-unknown.svg" '
                                'alt="None">')
        self.assertIsInstance(shown, SafeString)

    def test_json(self):
        for value, shown in (({"a": {"b": "c"}}, '{"a": {"b": "c"}}'),
                             (["a", "b"], '["a", "b"]'), ("a", '"a"'),
                             ({"a": "你好 世界"}, '{"a": "你好 世界"}'),
                             ({("a", "b"): "c"}, "{('a', 'b'): 'c'}")):
            with self.subTest(value=value):
                self.assertEqual(
                    display_for_field(value, models.JSONField(), self.empty_value),
                    shown)

    def test_url_with_an_unsafe_scheme_is_text(self):
        for value in ("javascript:alert(1)",
                      "data:text/html,<script>alert(1)</script>"):
            with self.subTest(value=value):
                shown = display_for_field(value, models.URLField(), "-")
                self.assertEqual(shown, value)
                self.assertNotIsInstance(shown, SafeString)

    def test_numbers(self):
        from decimal import Decimal

        cases = ((12345.6789, models.FloatField(), "12345.6789", "12,345.6789"),
                 (Decimal("12345.6789"), models.DecimalField(), "12345.6789",
                  "12,345.6789"),
                 (12345, models.IntegerField(), "12345", "12,345"))
        for value, field, plain, grouped in cases:
            with self.subTest(field=field):
                self.assertEqual(display_for_field(value, field, "-"), plain)
                with djscratch.override_settings(USE_THOUSAND_SEPARATOR=True):
                    self.assertEqual(display_for_field(value, field, "-"), grouped)

    def test_lists(self):
        self.assertEqual(display_for_value([1, 2, "buckle", "my", "shoe"], "-"),
                         "1, 2, buckle, my, shoe")

    def test_labels_of_relations(self):
        self.assertEqual(label_for_field("location", Event, return_attr=True),
                         ("location", None))
        self.assertEqual(label_for_field("event", Location, return_attr=True),
                         ("awesome event", None))
        self.assertEqual(label_for_field("guest", Event, return_attr=True),
                         ("awesome guest", None))

    def test_label_of_a_callable_and_a_property_of_the_admin(self):
        def test_callable(obj):
            return "nothing"

        class MockModelAdmin:
            @property
            @admin.display(description="property short description")
            def test_from_property(self):
                return "this if from property"

        self.assertEqual(label_for_field(test_callable, Event, return_attr=True),
                         ("Test callable", test_callable))
        self.assertEqual(label_for_field("test_from_property", Event,
                                         model_admin=MockModelAdmin),
                         "property short description")
        with self.assertRaisesRegex(AttributeError,
                                    "^Unable to lookup 'event__unknown' on Location$"):
            label_for_field("event__unknown", Location)

    def test_label_of_a_form_field(self):
        class GuestForm(forms.ModelForm):
            extra_form_field = forms.BooleanField()

            class Meta:
                fields = "__all__"
                model = Guest

        self.assertEqual(label_for_field("extra_form_field", Guest, form=GuestForm()),
                         "Extra form field")
        with self.assertRaisesRegex(
                AttributeError,
                "^Unable to lookup 'nonexistent' on Guest or GuestForm$"):
            label_for_field("nonexistent", Guest, form=GuestForm())

    def test_help_text(self):
        self.assertEqual(help_text_for_field("unknown", Guest), "")
        self.assertEqual(help_text_for_field("name", Guest), "")

    def test_flatten(self):
        flat_all = ["url", "title", "content", "sites"]
        for orig, expected in (((), []),
                               (("url", "title", ("content", "sites")), flat_all),
                               (("url", "title", "content", "sites"), flat_all),
                               ((("url", "title"), ("content", "sites")), flat_all)):
            self.assertEqual(flatten(orig), expected)
        self.assertEqual(flatten_fieldsets(
            ((None, {"fields": ("url", "title", ["content", "sites"])}),)), flat_all)

    def test_quote(self):
        self.assertEqual(quote("something\nor\nother"), "something_0Aor_0Aother")

    def test_build_q_object_from_lookup_parameters(self):
        q_obj = build_q_object_from_lookup_parameters({
            "title__in": [["Article 1", "Article 2"]],
            "hist__iexact": ["history"],
            "site__pk": [1, 2],
        })
        self.assertEqual(q_obj, models.Q(title__in=["Article 1", "Article 2"])
                         & models.Q(hist__iexact="history")
                         & (models.Q(site__pk=1) | models.Q(site__pk=2)))


class LogEntryManagerTests(DatabaseTestCase):
    """Expectations of Django's admin_utils LogEntryTests for the manager."""

    def setUp(self):
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.models import Group, Permission, User
        from django.contrib.contenttypes.models import ContentType

        self.models = [ContentType, Permission, Group, User, LogEntry, Count]
        self.LogEntry = LogEntry
        super().setUp()
        ContentType.objects.clear_cache()
        # A fast hasher, as Django's own test settings use (the user's
        # password plays no part here; PBKDF2 would cost a quarter second).
        with djscratch.override_settings(PASSWORD_HASHERS=[
                "django.contrib.auth.hashers.MD5PasswordHasher"]):
            self.user = User.objects.create_superuser("super", "s@example.com", "pw")
        self.objs = [Count.objects.create(num=i) for i in range(3)]
        self.content_type = ContentType.objects.get_for_model(Count)

    def test_log_actions_is_one_insert(self):
        queryset = Count.objects.order_by("-id")
        with CaptureQueries() as queries:
            result = self.LogEntry.objects.log_actions(
                self.user.pk, queryset, DELETION, change_message="Deleted Something")
        statements = [q["sql"].split()[0] for q in queries.captured_queries]
        # The queryset, then one INSERT (in a transaction of its own).
        self.assertEqual([s for s in statements if s not in ("BEGIN", "COMMIT")],
                         ["SELECT", "INSERT"])
        self.assertEqual(
            list(self.LogEntry.objects.order_by("id").values_list(
                "user", "content_type", "object_id", "object_repr", "action_flag",
                "change_message")),
            [(self.user.pk, self.content_type.id, str(obj.pk), str(obj), DELETION,
              "Deleted Something") for obj in queryset])
        self.assertEqual([e.pk for e in result],
                         list(self.LogEntry.objects.order_by("id").values_list(
                             "pk", flat=True)))

    def test_single_object_sends_the_save_signals(self):
        from django.db.models.signals import post_save, pre_save

        signals = []

        def pre(sender, instance, **kwargs):
            signals.append(("pre_save", instance))

        def post(sender, instance, created, **kwargs):
            signals.append(("post_save", instance, created))

        pre_save.connect(pre, sender=self.LogEntry)
        post_save.connect(post, sender=self.LogEntry)
        self.addCleanup(pre_save.disconnect, pre, sender=self.LogEntry)
        self.addCleanup(post_save.disconnect, post, sender=self.LogEntry)
        for single_object in (True, False):
            signals.clear()
            with self.subTest(single_object=single_object):
                result = self.LogEntry.objects.log_actions(
                    self.user.pk, Count.objects.filter(pk=self.objs[0].pk), CHANGE,
                    single_object=single_object)
                entry = result if single_object else result[0]
                self.assertIsInstance(entry, self.LogEntry)
                self.assertEqual(signals, [("pre_save", entry),
                                           ("post_save", entry, True)])
                self.assertEqual(str(entry.object_id), str(self.objs[0].pk))

    def test_log_action_is_deprecated(self):
        from django.utils.deprecation import RemovedInDjango60Warning

        with self.assertWarnsRegex(
                RemovedInDjango60Warning,
                r"^LogEntryManager.log_action\(\) is deprecated. Use "
                r"log_actions\(\) instead.$") as ctx:
            entry = self.LogEntry.objects.log_action(
                self.user.pk, self.content_type.pk, self.objs[0].pk,
                repr(self.objs[0]), CHANGE, change_message=[{"added": {}}])
        self.assertEqual(ctx.filename, __file__)
        self.assertEqual(entry, self.LogEntry.objects.latest("id"))
        self.assertEqual(entry.change_message, '[{"added": {}}]')

    def test_a_manager_overriding_log_action_still_gets_its_calls(self):
        from django.contrib.admin.models import LogEntryManager
        from django.utils.deprecation import RemovedInDjango60Warning

        LogEntry = self.LogEntry

        class InheritedLogEntryManager(LogEntryManager):
            model = LogEntry

            def log_action(self, user_id, content_type_id, object_id, object_repr,
                           action_flag, change_message=""):
                return LogEntry.objects.create(
                    user_id=user_id, content_type_id=content_type_id,
                    object_id=str(object_id), object_repr="Test Repr",
                    action_flag=action_flag, change_message=change_message)

        with self.assertWarnsRegex(
                RemovedInDjango60Warning, r"^The usage of log_action\(\) is "
                r"deprecated. Implement log_actions\(\) instead.$") as ctx:
            InheritedLogEntryManager().log_actions(
                self.user.pk, Count.objects.order_by("-id"), DELETION)
        self.assertEqual(ctx.filename, __file__)
        self.assertEqual(
            list(LogEntry.objects.values_list("object_repr", flat=True)),
            ["Test Repr"] * 3)

    def test_action_flag_display(self):
        for flag, name in ((1, "Addition"), (2, "Change"), (3, "Deletion")):
            self.assertEqual(self.LogEntry(action_flag=flag).get_action_flag_display(),
                             name)

    def test_action_time_defaults_to_now(self):
        from django.utils import timezone

        before = timezone.now()
        entry = self.LogEntry.objects.log_actions(
            self.user.pk, [self.objs[0]], ADDITION, single_object=True)
        self.assertTrue(before <= entry.action_time <= timezone.now())
        self.assertEqual(repr(entry), str(entry.action_time))


class FieldListFilterRegistryTests(unittest.TestCase):
    def setUp(self):
        from django.contrib.admin.filters import FieldListFilter

        self.registry = FieldListFilter
        saved = (list(FieldListFilter._field_list_filters),
                 FieldListFilter._take_priority_index)

        def restore():
            FieldListFilter._field_list_filters[:] = saved[0]
            FieldListFilter._take_priority_index = saved[1]

        self.addCleanup(restore)

    def _class_for(self, field):
        for test, filter_class in self.registry._field_list_filters:
            if test(field):
                return filter_class
        return None

    def test_the_built_in_order_decides(self):
        from django.contrib.admin import filters

        self.assertIs(self._class_for(Count._meta.get_field("parent")),
                      filters.RelatedFieldListFilter)
        self.assertIs(self._class_for(Event._meta.get_field("date")),
                      filters.DateFieldListFilter)
        self.assertIs(self._class_for(Guest._meta.get_field("name")),
                      filters.AllValuesFieldListFilter)
        self.assertIs(self._class_for(models.BooleanField(choices=[(True, "y")])),
                      filters.BooleanFieldListFilter)

    def test_take_priority_goes_before_the_built_ins_in_order(self):
        first = type("First", (admin.FieldListFilter,), {})
        second = type("Second", (admin.FieldListFilter,), {})
        last = type("Last", (admin.FieldListFilter,), {})
        is_char = (lambda f: isinstance(f, models.CharField))
        self.registry.register(is_char, first, take_priority=True)
        self.registry.register(is_char, second, take_priority=True)
        self.registry.register(is_char, last)
        self.assertIs(self._class_for(Guest._meta.get_field("name")), first)
        self.assertIs(self.registry._field_list_filters[1][1], second)
        self.assertIs(self.registry._field_list_filters[-1][1], last)


class CustomUserModelTests(unittest.TestCase):
    """LogEntry.user points at AUTH_USER_MODEL: the single file defines
    LogEntry on first use, after the settings name the user model."""

    def test_log_entry_user_is_the_custom_user_model(self):
        import os
        import subprocess
        import sys
        import textwrap

        here = os.path.dirname(os.path.abspath(__file__))
        project = os.path.join(here, "auth2_project")
        script = textwrap.dedent("""\
            import djscratch, django
            django.setup()
            from django.contrib.admin.models import ADDITION, LogEntry
            from django.contrib.auth import get_user_model
            from django.core.management import call_command
            print(LogEntry._meta.get_field("user").related_model._meta.label)
            call_command("migrate", verbosity=0)
            djscratch.sync_schema(models=[LogEntry], verbosity=0)
            ann = get_user_model().objects.create_user("ann", password="pw")
            LogEntry.objects.log_actions(ann.pk, [ann], ADDITION)
            entry = LogEntry.objects.get()
            print(entry.user.username, entry.content_type.app_label, entry)
            """)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [os.path.dirname(here), project]), DJANGO_SETTINGS_MODULE="settings",
            AUTH2_USER="accounts")
        env.pop("DJSCRATCH_ENGINE", None)
        done = subprocess.run([sys.executable, "-c", script], cwd=project,
                              env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(),
                         ["accounts.User", "ann accounts Added “ann”."])


class AdminRegistrationTemplatesTests(unittest.TestCase):
    """With the admin installed first, the auth views render the admin's
    registration/ pages: titles ("Error: " on a bound form with errors), <h1>
    and the reset form's username hint, as Django's
    (tests/admin_registration_expected.json)."""

    maxDiff = None

    def test_pages_match_django(self):
        from tests import load_expected

        out = run_scenario("admin_registration_scenario.py",
                           "ADMIN_REGISTRATION_ENGINE")
        self.assertEqual(out, load_expected("admin_registration_expected.json"))
