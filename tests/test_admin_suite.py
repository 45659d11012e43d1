"""Behaviour bugs Django's own admin tests found (docs/admin-test-suite.md):
the changelist's search (exact lookups on non-text fields, several words
across a multi-valued relation), duplicates removed with DISTINCT yet the
queryset still counted and deleted as Django allows, inline formsets on an
auto-created m2m through model, and the list filters' facet counts.
"""

from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from tests.orm_support import DatabaseTestCase, define_models

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

    class SuiteMember(models.Model):
        band = models.ForeignKey(SuiteBand, models.CASCADE)
        name = models.CharField(max_length=20)
        age = models.IntegerField(null=True)

        class Meta:
            app_label = "admin_suite"


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
    models = [SuiteGenre, SuiteBand, SuiteMember]

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
