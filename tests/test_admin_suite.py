"""Behaviour bugs Django's own admin tests found (docs/admin-test-suite.md):
the changelist's search (exact lookups on non-text fields, several words
across a multi-valued relation), duplicates removed with DISTINCT yet the
queryset still counted and deleted as Django allows, inline formsets on an
auto-created m2m through model, and the list filters' facet counts.
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import override_settings, RequestFactory

from tests import TEST_SETTINGS
from tests.orm_support import DatabaseTestCase, define_models

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
urlpatterns = []  # a URLconf with no admin: the row links cannot be reversed

with define_models():

    class SuiteGenre(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "admin_suite"

    class SuiteBand(models.Model):
        name = models.CharField(max_length=20)
        members = models.IntegerField(default=1)
        genres = models.ManyToManyField(SuiteGenre)

        class Meta:
            app_label = "admin_suite"

        def __str__(self):
            return self.name

    class SuiteSlot(models.Model):
        day = models.IntegerField()
        hour = models.IntegerField()
        room = models.IntegerField(null=True)
        code = models.IntegerField()

        class Meta:
            app_label = "admin_suite"
            unique_together = {("day", "hour")}
            constraints = [
                models.UniqueConstraint(fields=["code"], condition=models.Q(),
                                        name="code_unique"),
                models.UniqueConstraint(fields=["room"], name="room_unique"),
            ]

    class SuiteDoc(models.Model):
        file = models.FileField(blank=True)
        url = models.URLField(blank=True)

        class Meta:
            app_label = "admin_suite"

    class SuiteMember(models.Model):
        band = models.ForeignKey(SuiteBand, models.CASCADE)
        name = models.CharField(max_length=20)
        age = models.IntegerField(null=True)

        class Meta:
            app_label = "admin_suite"

    class SuiteGuest(SuiteMember):
        class Meta:
            app_label = "admin_suite"

    class SuiteGig(models.Model):
        played = models.DateField()

        class Meta:
            app_label = "admin_suite"

    class SuiteRecipe(models.Model):
        rname = models.CharField(max_length=20, unique=True)

        class Meta:
            app_label = "admin_suite"

    class SuiteIngredient(models.Model):
        iname = models.CharField(max_length=20, unique=True)
        recipes = models.ManyToManyField(SuiteRecipe, through="SuiteRecipeIngredient")

        class Meta:
            app_label = "admin_suite"

    class SuiteRecipeIngredient(models.Model):
        ingredient = models.ForeignKey(
            SuiteIngredient, models.CASCADE, to_field="iname",
            limit_choices_to={"recipes__rname": "soup", "recipes__id__in": [1, 2]})
        recipe = models.ForeignKey(SuiteRecipe, models.CASCADE, to_field="rname")

        class Meta:
            app_label = "admin_suite"

    class SuiteBadge(models.Model):
        member = models.ForeignKey(SuiteMember, models.PROTECT)

        class Meta:
            app_label = "admin_suite"

        def __str__(self):
            return "badge"


class _Superuser:
    """What the changelist asks of request.user."""

    is_active = is_staff = is_superuser = is_authenticated = True
    pk = id = 1

    def has_perm(self, perm, obj=None):
        return True

    def has_perms(self, perms, obj=None):
        return True

    def has_module_perms(self, app_label):
        return True


def _changelist(model_admin, **params):
    request = RequestFactory().get("/", params)
    request.user = _Superuser()
    return model_admin.get_changelist_instance(request)


class ChangelistSearchTests(DatabaseTestCase):
    models = [SuiteGenre, SuiteBand, SuiteMember, SuiteGuest, SuiteBadge]

    def setUp(self):
        super().setUp()
        self.site = admin.AdminSite(name="suite")
        self.band = SuiteBand.objects.create(name="Duo", members=2)
        SuiteMember.objects.create(band=self.band, name="Mary", age=30)
        SuiteMember.objects.create(band=self.band, name="Jonathan", age=40)

    def test_exact_on_an_integer_field_matches_text_that_is_no_number(self):
        class MemberAdmin(admin.ModelAdmin):
            search_fields = ["age__exact", "name__exact"]

        model_admin = MemberAdmin(SuiteMember, self.site)
        self.assertEqual(list(_changelist(model_admin, q="Mary").queryset
                              .values_list("name", flat=True)), ["Mary"])
        self.assertEqual(list(_changelist(model_admin, q="40").queryset
                              .values_list("name", flat=True)), ["Jonathan"])
        self.assertEqual(_changelist(model_admin, q="random").queryset.count(), 0)

    def test_words_must_match_within_one_related_row(self):
        class BandAdmin(admin.ModelAdmin):
            search_fields = ["name", "suitemember__name"]

        model_admin = BandAdmin(SuiteBand, self.site)
        # "Mary" and "Jonathan" are two rows: no single member has both.
        self.assertEqual(_changelist(model_admin, q="Mary Jonathan").result_count,
                         0)
        self.assertEqual(_changelist(model_admin, q="Duo Mary").result_count, 1)

    def test_distinct_queryset_counts_with_select_related_and_deletes(self):
        class BandAdmin(admin.ModelAdmin):
            search_fields = ["suitemember__name"]
            list_select_related = ["suitemember"]

        model_admin = BandAdmin(SuiteBand, self.site)
        changelist = _changelist(model_admin, q="a")
        self.assertIs(changelist.queryset.query.distinct, True)
        self.assertEqual(changelist.result_count, 1)
        changelist.queryset.delete()
        self.assertEqual(SuiteBand.objects.count(), 0)


class ThroughInlineTests(DatabaseTestCase):
    models = [SuiteGenre, SuiteBand]

    def test_auto_created_through_inline_prefix(self):
        class GenreInline(admin.TabularInline):
            model = SuiteBand.genres.through

        inline = GenreInline(SuiteBand, admin.AdminSite(name="suite"))
        request = RequestFactory().get("/")
        request.user = _Superuser()
        formset_class = inline.get_formset(request)
        self.assertEqual(formset_class.get_default_prefix(), "SuiteBand_genres")


class FacetTests(DatabaseTestCase):
    """ModelAdmin.show_facets: counts beside each filter choice, always
    (ALWAYS), on ?_facets (ALLOW, the default) or never (NEVER)."""

    models = [SuiteGenre, SuiteBand, SuiteMember, SuiteGuest, SuiteBadge]

    def setUp(self):
        super().setUp()
        self.site = admin.AdminSite(name="suite")
        SuiteBand.objects.create(name="Duo", members=2)
        SuiteBand.objects.create(name="Trio", members=3)
        SuiteBand.objects.create(name="Other Trio", members=3)

    def _displays(self, model_admin, **params):
        changelist = _changelist(model_admin, **params)
        spec = changelist.get_filters(changelist_request(params))[0][0]
        return [choice["display"] for choice in spec.choices(changelist)]

    def _admin(self, show):
        class BandAdmin(admin.ModelAdmin):
            list_filter = ["members"]
            show_facets = show

        return BandAdmin(SuiteBand, self.site)

    def test_allow_counts_only_on_the_facets_parameter(self):
        model_admin = self._admin(admin.ShowFacets.ALLOW)
        self.assertEqual(self._displays(model_admin), ["All", "2", "3"])
        self.assertEqual(self._displays(model_admin, _facets=""),
                         ["All", "2 (1)", "3 (2)"])

    def test_always_and_never(self):
        self.assertEqual(self._displays(self._admin(admin.ShowFacets.ALWAYS)),
                         ["All", "2 (1)", "3 (2)"])
        self.assertEqual(
            self._displays(self._admin(admin.ShowFacets.NEVER), _facets=""),
            ["All", "2", "3"])

    def test_simple_filter_with_an_aggregate_annotation_counts(self):
        class WithMembers(admin.SimpleListFilter):
            title = "members"
            parameter_name = "has_members"

            def lookups(self, request, model_admin):
                return [("yes", "With members")]

            def queryset(self, request, queryset):
                queryset = queryset.annotate(n=models.Count("suitemember"))
                if self.value() == "yes":
                    return queryset.filter(n__gt=0)
                return None

        class BandAdmin(admin.ModelAdmin):
            list_filter = [WithMembers]
            show_facets = admin.ShowFacets.ALWAYS

        SuiteMember.objects.create(band=SuiteBand.objects.get(name="Duo"),
                                   name="Mary")
        self.assertEqual(self._displays(BandAdmin(SuiteBand, self.site)),
                         ["All", "With members (1)"])

    def test_full_count_when_a_filter_narrows_by_default(self):
        class NotTrios(admin.SimpleListFilter):
            title = "size"
            parameter_name = "size"

            def lookups(self, request, model_admin):
                return [("3", "Trios")]

            def queryset(self, request, queryset):
                if self.value() == "3":
                    return queryset.filter(members=3)
                return queryset.exclude(members=3)

        class BandAdmin(admin.ModelAdmin):
            list_filter = [NotTrios]

        changelist = _changelist(BandAdmin(SuiteBand, self.site))
        self.assertEqual((changelist.result_count, changelist.full_result_count),
                         (1, 3))


class DeterministicOrderingTests(DatabaseTestCase):
    """The changelist adds "-pk" only when nothing already orders totally:
    a unique_together given as a set, a UniqueConstraint whose condition is
    empty, never a nullable column."""

    models = [ContentType, SuiteSlot]

    def test_orderings(self):
        class SlotAdmin(admin.ModelAdmin):
            list_display = ["day", "hour", "code"]
            ordering = [models.F("hour").desc()]

        changelist = _changelist(SlotAdmin(SuiteSlot, admin.AdminSite(name="s")))
        for ordering, expected in [
                (["day", "-hour"], ["day", "-hour"]),
                (["day"], ["day", "-pk"]),
                (["code"], ["code"]),
                (["room"], ["room", "-pk"]),
                ([models.F("day"), "hour"], [models.F("day"), "hour"])]:
            with self.subTest(ordering=ordering):
                self.assertEqual(changelist._get_deterministic_ordering(ordering),
                                 expected)
        # Column 0 is the actions checkbox.
        self.assertEqual(changelist.get_ordering_field_columns(), {2: "desc"})

    def test_changelist_view_outside_the_sites_urls(self):
        class SlotAdmin(admin.ModelAdmin):
            pass

        request = changelist_request({})
        response = SlotAdmin(SuiteSlot, admin.AdminSite(name="nowhere")) \
            .changelist_view(request)
        self.assertEqual(response.status_code, 200)


class InlineProtocolTests(DatabaseTestCase):
    """Inline formsets' field names are Django's: an inline of a model that
    inherits the foreign key is prefixed after that model."""

    models = [SuiteGenre, SuiteBand, SuiteMember, SuiteGuest, SuiteBadge]

    def test_prefix_of_an_inherited_foreign_key(self):
        fk = SuiteMember._meta.get_field("band")
        self.assertEqual(fk.remote_field.get_accessor_name(), "suitemember_set")
        self.assertEqual(fk.remote_field.get_accessor_name(model=SuiteGuest),
                         "suiteguest_set")

        class GuestInline(admin.TabularInline):
            model = SuiteGuest

        formset_class = GuestInline(SuiteBand, admin.AdminSite(name="suite")) \
            .get_formset(changelist_request({}))
        self.assertEqual(formset_class.get_default_prefix(), "suiteguest_set")

    def test_deleting_a_protected_row_is_a_formset_error(self):
        band = SuiteBand.objects.create(name="Duo")
        mary = SuiteMember.objects.create(band=band, name="Mary")
        SuiteBadge.objects.create(member=mary)

        class MemberInline(admin.TabularInline):
            model = SuiteMember

        formset_class = MemberInline(SuiteBand, admin.AdminSite(name="suite")) \
            .get_formset(changelist_request({}), band)
        prefix = "suitemember_set"
        data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "1",
                f"{prefix}-0-id": str(mary.pk), f"{prefix}-0-band": str(band.pk),
                f"{prefix}-0-name": "Mary", f"{prefix}-0-DELETE": "on"}
        formset = formset_class(data, instance=band, prefix=prefix)
        self.assertIs(formset.is_valid(), False)
        self.assertEqual(formset.non_form_errors(), [
            "Deleting suite member SuiteMember object (%s) would require deleting "
            "the following protected related objects: suite badge badge" % mary.pk])


class LinkColumnTests(DatabaseTestCase):
    models = [SuiteDoc]

    @override_settings(ROOT_URLCONF="tests.test_admin_suite")
    def test_file_and_url_in_a_link_column_are_text(self):
        from django.contrib.admin.templatetags.admin_list import items_for_result

        doc = SuiteDoc.objects.create(file="docs/a.txt", url="http://a.example")

        class DocAdmin(admin.ModelAdmin):
            list_display = ["file", "url"]
            list_display_links = ["file"]

        changelist = _changelist(DocAdmin(SuiteDoc, admin.AdminSite(name="s")))
        cells = list(items_for_result(changelist, doc, None))
        self.assertNotIn("docs/a.txt</a>", cells[1])
        self.assertIn('<a href="http://a.example">http://a.example</a>', cells[2])


def changelist_request(params):
    request = RequestFactory().get("/", params)
    request.user = _Superuser()
    return request


class SettingsModuleTimeZoneTests(unittest.TestCase):
    """A settings module's TIME_ZONE becomes the process's zone, as Django
    does, so date.today() is "today" where the admin's date filters are."""

    def test_time_zone_is_the_process_zone(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "tzsettings.py"), "w") as f:
                f.write('TIME_ZONE = "America/Chicago"\nUSE_TZ = True\n')
            script = ("import djscratch, os\n"
                      "from django.conf import settings\n"
                      "settings.TIME_ZONE\n"
                      "print(os.environ['TZ'])\n")
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([folder, ROOT]),
                   "DJANGO_SETTINGS_MODULE": "tzsettings", "TZ": "UTC"}
            result = subprocess.run([sys.executable, "-c", script], env=env,
                                    capture_output=True, text=True, timeout=60)
        self.assertEqual(result.stdout.strip(), "America/Chicago", result.stderr)


class SuiteReportTests(unittest.TestCase):
    """tools/admin_suite_report.py: counts a failing test once whatever its
    subtests, reads the categories, names what is not classified."""

    def test_report_from_a_log(self):
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "admin_suite_report", os.path.join(ROOT, "tools", "admin_suite_report.py"))
        report = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(report)
        log = "\n".join([
            "=" * 70,
            "FAIL: test_a (admin_filters.tests.T.test_a) [one]",
            "AssertionError: x",
            "=" * 70,
            "FAIL: test_a (admin_filters.tests.T.test_a) [two]",
            "=" * 70,
            "ERROR: test_b (admin_filters.tests.T.test_b)",
            "-" * 70,
            "Ran 5 tests in 0.1s",
            "",
            "FAILED (failures=2, errors=1, skipped=1)", ""])
        table = {"admin_filters.tests.T.test_a": ("behaviour", "a bug"),
                 "admin_filters.tests.T.test_c": ("html", "markup")}
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "admin_filters.log"), "w") as f:
                f.write(log)
            text = report.build_report(folder, table, modules=["admin_filters"])
        self.assertIn("| admin_filters | 55 | 5 | 2 | 1 | 2 | 0 | 1 | 0 | 1 |", text)
        self.assertIn("`admin_filters.tests.T.test_a` (behaviour): a bug", text)
        self.assertIn("- `admin_filters.tests.T.test_b`", text)
        self.assertIn("- `admin_filters.tests.T.test_c`: markup", text)
        self.assertEqual(report.read_log(pathlib.Path(folder) / "none.log"),
                         (None, 0, []))


class StaffMemberRequiredTests(DatabaseTestCase):
    """django.contrib.admin.views.decorators.staff_member_required."""

    @override_settings(ROOT_URLCONF="tests.test_admin_suite")
    def test_only_active_staff_get_through(self):
        from django.contrib.admin.views.decorators import staff_member_required
        from django.http import HttpResponse

        @staff_member_required(login_url="/login/")
        def view(request):
            return HttpResponse("ok")

        bare = staff_member_required(lambda request: HttpResponse("ok"),
                                     login_url="/login/")

        class User:
            is_authenticated = True

            def __init__(self, is_active, is_staff):
                self.is_active, self.is_staff = is_active, is_staff

        for (active, staff), status in [((True, True), 200), ((True, False), 302),
                                        ((False, True), 302)]:
            for decorated in (view, bare):
                with self.subTest(active=active, staff=staff):
                    request = RequestFactory().get("/x/")
                    request.user = User(active, staff)
                    response = decorated(request)
                    self.assertEqual(response.status_code, status)
                    if status == 302:
                        self.assertEqual(response["Location"], "/login/?next=/x/")


class OverrideScriptPrefixTests(unittest.TestCase):
    def test_prefix_inside_and_restored(self):
        from django.test.utils import override_script_prefix
        from django.urls import get_script_prefix

        before = get_script_prefix()
        with override_script_prefix("/inside/"):
            self.assertEqual(get_script_prefix(), "/inside/")
        self.assertEqual(get_script_prefix(), before)

        @override_script_prefix("/decorated/")
        def read():
            return get_script_prefix()

        self.assertEqual(read(), "/decorated/")
        self.assertEqual(get_script_prefix(), before)


@override_settings(ROOT_URLCONF=__name__)
class PreservedQueryStringTests(unittest.TestCase):
    """After "Save and continue" / "Save and add another", the add or change
    page's own parameters (a prefilled field, _popup, _to_field) come back
    in the order they were given, before the changelist's filters."""

    def test_request_parameters_kept_in_their_order(self):
        import djscratch

        keep = djscratch._add_preserved_filters
        self.assertEqual(
            keep("_changelist_filters=is_staff__exact%3D0", "/a/add/",
                 [("username", "newuser"),
                  ("_changelist_filters", "is_staff__exact=0")]),
            "/a/add/?username=newuser&_changelist_filters=is_staff__exact%3D0")
        self.assertEqual(keep("", "/a/add/", [("value", "blue"), ("_popup", "1")]),
                         "/a/add/?value=blue&_popup=1")
        self.assertEqual(keep("", "/a/add/"), "/a/add/")
        self.assertEqual(keep("", "/a/?o=1", None, popup=True, to_field="id"),
                         "/a/?_popup=1&_to_field=id&o=1")


class AdminTransactionPatchTests(unittest.TestCase):
    def test_patching_the_options_transaction_reaches_only_the_admin(self):
        from unittest import mock

        import djscratch

        with mock.patch("django.contrib.admin.options.transaction") as patched:
            self.assertIs(djscratch._admin_transaction, patched)
            self.assertIsNot(djscratch.transaction, patched)
        self.assertIs(djscratch._admin_transaction, djscratch.transaction)


class DateHierarchyTests(DatabaseTestCase):
    """date_hierarchy: Django's {% date_hierarchy cl %} context; without a
    date chosen, rows of one year start at its months, of one month at its
    days."""

    models = [SuiteGig]

    def _spec(self, **params):
        from django.contrib.admin.templatetags.admin_list import date_hierarchy

        class GigAdmin(admin.ModelAdmin):
            date_hierarchy = "played"

        return date_hierarchy(_changelist(GigAdmin(SuiteGig,
                                                   admin.AdminSite(name="suite")),
                                          **params))

    def _add(self, *dates):
        import datetime

        for text in dates:
            SuiteGig.objects.create(played=datetime.date.fromisoformat(text))

    def test_years_then_months_then_days(self):
        self._add("2017-10-01", "2017-12-15", "2017-12-31", "2018-02-01")
        spec = self._spec()
        self.assertIsNone(spec["back"])
        self.assertEqual([c["link"] for c in spec["choices"]],
                         ["?played__year=2017", "?played__year=2018"])
        spec = self._spec(played__year="2017")
        self.assertEqual(spec["back"], {"link": "?", "title": "All dates"})
        self.assertEqual([c["title"] for c in spec["choices"]],
                         ["October 2017", "December 2017"])
        spec = self._spec(played__year="2017", played__month="12")
        self.assertEqual([c["link"] for c in spec["choices"]], [
            "?played__day=15&played__month=12&played__year=2017",
            "?played__day=31&played__month=12&played__year=2017"])
        spec = self._spec(played__year="2017", played__month="12", played__day="15")
        self.assertEqual(spec["choices"], [{"title": "December 15"}])
        self.assertEqual(spec["back"]["title"], "December 2017")

    def test_one_month_of_rows_starts_at_its_days(self):
        self._add("2000-06-30", "2000-06-02")
        self.assertEqual([c["link"] for c in self._spec()["choices"]], [
            "?played__day=2&played__month=6&played__year=2000",
            "?played__day=30&played__month=6&played__year=2000"])

    def test_one_year_of_rows_starts_at_its_months(self):
        self._add("2000-01-30", "2000-06-02")
        self.assertEqual([c["title"] for c in self._spec()["choices"]],
                         ["January 2000", "June 2000"])


class LookupAndToFieldTests(unittest.TestCase):
    """Which ?_to_field and filter parameters the changelist accepts."""

    def setUp(self):
        self.site = admin.AdminSite(name="suite")
        self.site.register(SuiteIngredient)

    def test_to_field_targeted_by_a_through_models_foreign_key(self):
        self.assertEqual(SuiteIngredient._meta.get_field("recipes").remote_field
                         .get_related_field().name, "rname")
        recipe_admin = admin.ModelAdmin(SuiteRecipe, self.site)
        self.assertIs(recipe_admin.to_field_allowed(None, "rname"), True)
        self.assertIs(recipe_admin.to_field_allowed(None, "id"), True)
        # Referenced by the through model of the ingredient's own m2m.
        ingredient_admin = admin.ModelAdmin(SuiteIngredient, self.site)
        self.assertIs(ingredient_admin.to_field_allowed(None, "iname"), True)
        self.assertIs(recipe_admin.to_field_allowed(None, "missing"), False)

    def test_limit_choices_to_of_a_relation_pointing_here_is_allowed(self):
        ingredient_admin = admin.ModelAdmin(SuiteIngredient, self.site)
        allowed = ingredient_admin.lookup_allowed
        self.assertIs(allowed("recipes__rname", "soup"), True)
        self.assertIs(allowed("recipes__id__in", "1,2"), True)
        self.assertIs(allowed("recipes__rname", "stew"), False)


class OrderByDisplayTests(DatabaseTestCase):
    models = [SuiteGenre, SuiteBand]

    def test_ordering_expression_is_not_ordered_twice(self):
        from django.db.models import F

        class BandAdmin(admin.ModelAdmin):
            list_display = ["name", "by_members"]

            @admin.display(ordering=F("members").asc(nulls_last=True))
            def by_members(self, obj):
                return obj.members

        SuiteBand.objects.create(name="Trio", members=3)
        SuiteBand.objects.create(name="Duo", members=2)
        model_admin = BandAdmin(SuiteBand, admin.AdminSite(name="suite"))
        for order, names in [("1", ["Duo", "Trio"]), ("-1", ["Trio", "Duo"])]:
            changelist = _changelist(model_admin, o=order)
            self.assertEqual([b.name for b in changelist.get_results_list()
                              ] if hasattr(changelist, "get_results_list") else
                             [b.name for b in changelist.queryset], names)


class _PermsUser(_Superuser):
    """A staff user with only the permissions named."""

    is_superuser = False

    def __init__(self, *perms):
        self.perms = set(perms)

    def has_perm(self, perm, obj=None):
        return perm in self.perms


class InlinePermissionTests(DatabaseTestCase):
    def _inlines(self, user):
        class MemberInline(admin.TabularInline):
            model = SuiteMember

        class BandAdmin(admin.ModelAdmin):
            inlines = [MemberInline]

        request = RequestFactory().get("/")
        request.user = user
        model_admin = BandAdmin(SuiteBand, admin.AdminSite(name="suite"))
        return model_admin.get_inline_instances(request)

    def test_an_add_only_or_delete_only_inline_is_shown(self):
        add_only = self._inlines(_PermsUser("admin_suite.add_suitemember"))
        self.assertEqual(len(add_only), 1)
        self.assertIsNone(add_only[0].max_num)
        delete_only = self._inlines(_PermsUser("admin_suite.delete_suitemember"))
        self.assertEqual([i.max_num for i in delete_only], [0])
        self.assertEqual(self._inlines(_PermsUser()), [])


class InlineTemplateTests(DatabaseTestCase):
    def test_inline_formset_data_and_add_button(self):
        import djscratch
        from django.template import Context, Engine

        engine = Engine(loaders=[("django.template.loaders.locmem.Loader",
                                  djscratch._ADMIN_TEMPLATES)])
        context = {"inline_admin_formset": {
            "inline_formset_data": '{"options": {"prefix": "my-prefix"}}',
            "has_add_permission": True,
            "opts": {"verbose_name": "band member"}}}
        for name in ("tabular", "stacked"):
            output = engine.get_template(f"admin/edit_inline/{name}.html").render(
                Context(context))
            with self.subTest(name=name):
                self.assertIn('data-inline-formset="{&quot;options&quot;: '
                              '{&quot;prefix&quot;: &quot;my-prefix&quot;}}"', output)
                self.assertIn("Add another Band member</button>", output)


@override_settings(STATIC_URL="/static/")
class TemplateBlocksTests(DatabaseTestCase):
    """A project's admin/base_site.html keeps its body class on every page
    (each page adds to {{ block.super }}) and may fill {% block extrabody %}."""

    def test_body_class_and_extrabody_of_a_projects_base_site(self):
        import djscratch
        from django.template import Context, Engine

        templates = {
            **djscratch._ADMIN_TEMPLATES,
            "admin/base_site.html": (
                '{% extends "admin/base.html" %}{% block bodyclass %}mine'
                '{% endblock %}{% block extrabody %}extra!{% endblock extrabody %}'),
            "page.html": (
                '{% extends "admin/login.html" %}{% block header %}{% endblock %}'
                "{% block nav-breadcrumbs %}{% endblock %}"
                "{% block content %}{% endblock %}"),
        }
        engine = Engine(loaders=[("django.template.loaders.locmem.Loader",
                                  templates)],
                        libraries={"static": "django.templatetags.static"})
        output = engine.get_template("page.html").render(Context({"is_popup": True}))
        self.assertIn('<body class="popup mine login"', output)
        self.assertIn("extra!\n</body>", output)


@override_settings(ROOT_URLCONF=__name__)
class ReadonlyContentsTests(DatabaseTestCase):
    """AdminReadonlyField.contents(): line breaks become <br> (escaped
    first), as Django shows read-only text."""

    models = [SuiteGenre, SuiteBand, SuiteMember]

    def test_text_with_line_breaks_and_markup(self):
        from django.contrib.admin.helpers import AdminReadonlyField
        from django.forms import modelform_factory

        class MemberAdmin(admin.ModelAdmin):
            readonly_fields = ["name", "note"]

            @admin.display(description="Note")
            def note(self, obj):
                return "a <b>\nb"

        band = SuiteBand.objects.create(name="Duo")
        member = SuiteMember.objects.create(band=band, name="x\ny<", age=3)
        form = modelform_factory(SuiteMember, fields=["age"])(instance=member)
        model_admin = MemberAdmin(SuiteMember, admin.AdminSite(name="suite"))
        contents = [AdminReadonlyField(form, name, False, model_admin).contents()
                    for name in ("name", "note")]
        self.assertEqual(contents, ["x<br>y&lt;", "a &lt;b&gt;<br>b"])


@override_settings(**TEST_SETTINGS, STATIC_URL="/static/")
class PopupResponseTests(unittest.TestCase):
    def test_object_text_cannot_close_the_script(self):
        import json

        import djscratch
        from django.template import Context, Engine

        # The template loads "static" (its script's URL); a bare Engine knows
        # no tag library, on Django as on djscratch (tests.test_django_diffs).
        engine = Engine(loaders=[("django.template.loaders.locmem.Loader",
                                  djscratch._ADMIN_TEMPLATES)],
                        libraries={"static": "django.templatetags.static"})
        data = json.dumps({"value": "1", "obj": "</script><script>alert(1)//"})
        output = engine.get_template("admin/popup_response.html").render(
            Context({"popup_response_data": data}))
        self.assertNotIn("<script>alert", output)
        self.assertIn('data-popup-response="{&quot;value&quot;: &quot;1&quot;, '
                      "&quot;obj&quot;: &quot;&lt;/script&gt;", output)


class CatchAllViewTests(unittest.TestCase):
    def test_catch_all_is_never_a_slash_redirect_target(self):
        # /admin/unknown is 404 with APPEND_SLASH, not a 301 to the catch-all.
        site = admin.AdminSite(name="suite")
        self.assertIs(site.catch_all_view.should_append_slash, False)
        wrapped = [p for p in site.get_urls() if "url" in p.pattern.regex.groupindex]
        self.assertIs(wrapped[0].callback.should_append_slash, False)


@override_settings(TEMPLATES=[{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
        "mine.html": "{{ title }}:{% for c in choices %}{{ c.display }};{% endfor %}",
    })]}}])
class ListFilterTemplateTests(DatabaseTestCase):
    models = [SuiteGenre, SuiteBand]

    def test_a_filter_renders_with_its_own_template(self):
        from django.contrib.admin.templatetags.admin_list import admin_list_filter

        class MembersFilter(admin.SimpleListFilter):
            title = "size"
            parameter_name = "size"
            template = "mine.html"

            def lookups(self, request, model_admin):
                return [("1", "solo"), ("2", "duo")]

            def queryset(self, request, queryset):
                return queryset

        class BandAdmin(admin.ModelAdmin):
            list_filter = [MembersFilter]

        changelist = _changelist(BandAdmin(SuiteBand, admin.AdminSite(name="s")))
        spec = changelist.filter_specs[0]
        self.assertEqual(admin_list_filter(changelist, spec), "size:All;solo;duo;")


@override_settings(**TEST_SETTINGS)
class AdminTagTemplateOverrideTests(unittest.TestCase):
    """The admin_list / admin_modify tags pick their template per model,
    then per app, then the admin's own (InclusionAdminNode), as Django."""

    def _render(self, templates, source, **context):
        import djscratch
        from django.template import Context, Engine

        engine = Engine(loaders=[("django.template.loaders.locmem.Loader", {
            **djscratch._ADMIN_TEMPLATES, **templates, "page.html": source})],
            libraries={"admin_list": "django.contrib.admin.templatetags.admin_list",
                       "admin_modify":
                           "django.contrib.admin.templatetags.admin_modify"})
        return engine.get_template("page.html").render(Context(context))

    def test_per_model_then_per_app_then_default(self):
        class Opts:
            app_label, model_name = "Shop", "item"

        class ChangeList:
            result_count = full_result_count = 3

        source = "{% load admin_list %}{% search_form cl %}"
        model = {"admin/shop/item/search_form.html": "model {{ search_var }}"}
        app = {"admin/shop/search_form.html": "app {{ cl.result_count }}"}
        self.assertEqual(self._render({**model, **app}, source, opts=Opts,
                                      cl=ChangeList), "model q")
        self.assertEqual(self._render(app, source, opts=Opts, cl=ChangeList),
                         "app 3")
        source = "{% load admin_modify %}{% submit_row %}"
        self.assertIn('name="_save"', self._render({}, source, opts=Opts,
                                                   show_save=True))
