"""The admin's system checks: ModelAdmin.check() for admins with each kind of
mistake (admin.E001-E130), inlines (E201-E206) and generic inlines
(E301-E304), the admin's dependencies (E401-E410, W411) under several
settings, and the check framework running them for a registered admin; then
the admin API Django 5.2 deprecates but still runs (log_deletion(),
lookup_allowed() without `request`).  Printed as JSON.  Runs on either
engine: with ADMIN_CHECKS_ENGINE=django on real Django 5.2
(tests/gen_admin_checks_expected.py writes tests/admin_checks_expected.json),
otherwise on djscratch (tests/test_admin_checks.py compares).
"""

import json
import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("ADMIN_CHECKS_ENGINE") == "django"
sys.path.insert(0, ROOT)
if not ON_DJANGO:
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
settings.configure(
    SECRET_KEY="admin-checks-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth",
                    "django.contrib.contenttypes", "django.contrib.sessions",
                    "django.contrib.messages", "tests.admin_checks_app"],
    MIDDLEWARE=MIDDLEWARE,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    # Fast: no password is the subject here.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    STATIC_URL="/static/", ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": CONTEXT_PROCESSORS}}])
django.setup()

from django import forms  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.admin import checks as admin_checks  # noqa: E402
from django.contrib.contenttypes.admin import (  # noqa: E402
    GenericStackedInline, GenericTabularInline,
)
from django.core import checks  # noqa: E402
from django.db.models import F  # noqa: E402
from django.db.models.functions import Upper  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from tests.admin_checks_app.models import (  # noqa: E402
    Album, Band, Comment, Musician, ProxyBand, Review, Split, Tour,
)

urlpatterns = []


def described(messages):
    """A check message as [level, id, msg, hint, the name of its obj]."""
    return [[m.level, m.id, m.msg, m.hint,
             getattr(m.obj, "__name__", None if m.obj is None else str(m.obj))]
            for m in messages]


def run(admin_class, model=Band, site=None):
    return described(admin_class(model, site or admin.AdminSite()).check())


def option_admin(name, **options):
    """A ModelAdmin subclass called `name` with these class attributes."""
    return type(name, (admin.ModelAdmin,), options)


class AlbumForm(forms.ModelForm):
    extra_note = forms.CharField(required=False)

    class Meta:
        model = Album
        fields = "__all__"


class NotAForm:
    pass


def loud(modeladmin, request, queryset):
    pass


def shout(modeladmin, request, queryset):
    pass


shout.__name__ = "loud"


@admin.action(permissions=["publish"])
def publish(modeladmin, request, queryset):
    pass


class DecadeFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        return []

    def queryset(self, request, queryset):
        return queryset


#: Each case: ModelAdmin options that the checks judge, on Band.
CASES = {
    "valid": {"list_display": ["name", "decade", "kind"], "search_fields": ["name"],
              "list_filter": ["kind", ("formed", admin.DateFieldListFilter),
                              DecadeFilter, "album__title"],
              "ordering": ["-name", "pk", F("slug").desc(), Upper("name")],
              "prepopulated_fields": {"slug": ("name",)},
              "radio_fields": {"kind": admin.VERTICAL},
              "filter_horizontal": ["members"], "date_hierarchy": "formed",
              "list_editable": ["kind"], "readonly_fields": ["decade", str]},
    "autocomplete_not_list": {"autocomplete_fields": "members"},
    "autocomplete_missing": {"autocomplete_fields": ["nope"]},
    "autocomplete_not_relation": {"autocomplete_fields": ["name"]},
    "autocomplete_unregistered": {"autocomplete_fields": ["members"]},
    "raw_id_not_list": {"raw_id_fields": 10},
    "raw_id_missing": {"raw_id_fields": ["nope"]},
    "raw_id_not_relation": {"raw_id_fields": ["name"]},
    "fields_not_list": {"fields": "name"},
    "fields_and_fieldsets": {"fields": ["name"],
                             "fieldsets": [(None, {"fields": ["name"]})]},
    "fields_duplicate": {"fields": ["name", ("name", "slug")]},
    "fields_manual_through": {"fields": ["name", "tours"]},
    "fieldsets_not_list": {"fieldsets": {"a": 1}},
    "fieldset_not_list": {"fieldsets": ["x"]},
    "fieldset_length": {"fieldsets": [("a", {}, "b")]},
    "fieldset_not_dict": {"fieldsets": [("a", ["name"])]},
    "fieldset_no_fields": {"fieldsets": [("a", {"classes": ["wide"]})]},
    "fieldset_fields_not_list": {"fieldsets": [("a", {"fields": "name"})]},
    "fieldsets_duplicate": {"fieldsets": [("a", {"fields": ["name"]}),
                                          ("b", {"fields": [("slug", "name")]})]},
    "fieldsets_manual_through": {"fieldsets": [("a", {"fields": [("name", "tours")]})]},
    "exclude_not_list": {"exclude": "name"},
    "exclude_duplicate": {"exclude": ["name", "name"]},
    "form_not_modelform": {"form": NotAForm},
    "filter_vertical_not_list": {"filter_vertical": "members"},
    "filter_horizontal_missing": {"filter_horizontal": ["nope"]},
    "filter_vertical_not_m2m": {"filter_vertical": ["name"]},
    "filter_horizontal_through": {"filter_horizontal": ["tours"]},
    "radio_not_dict": {"radio_fields": ["kind"]},
    "radio_missing": {"radio_fields": {"nope": admin.VERTICAL}},
    "radio_no_choices": {"radio_fields": {"name": admin.HORIZONTAL}},
    "radio_bad_value": {"radio_fields": {"kind": 3}},
    "view_on_site": {"view_on_site": "yes"},
    "prepopulated_not_dict": {"prepopulated_fields": ["slug"]},
    "prepopulated_missing": {"prepopulated_fields": {"nope": ("name",)}},
    "prepopulated_datetime": {"prepopulated_fields": {"created": ("name",)}},
    "prepopulated_m2m": {"prepopulated_fields": {"members": ("name",)}},
    "prepopulated_value": {"prepopulated_fields": {"slug": "name"}},
    "prepopulated_value_missing": {"prepopulated_fields": {"slug": ("name", "x")}},
    "ordering_not_list": {"ordering": "name"},
    "ordering_random_mixed": {"ordering": ["?", "name"]},
    "ordering_random": {"ordering": ["?"]},
    "ordering_missing": {"ordering": ["-nope", "album__title"]},
    "ordering_f_missing": {"ordering": [F("nope").asc(), F("gone")]},
    "readonly_not_list": {"readonly_fields": "name"},
    "readonly_missing": {"readonly_fields": ["name", "nope"]},
    "save_as": {"save_as": 1},
    "save_on_top": {"save_on_top": "yes"},
    "inlines_not_list": {"inlines": "x"},
    "inlines_not_class": {"inlines": [1]},
    "inlines_not_inline": {"inlines": [NotAForm]},
    "list_display_not_list": {"list_display": "name"},
    "list_display_missing": {"list_display": ["name", "nope", "album__nope"]},
    "list_display_m2m": {"list_display": ["members"]},
    "list_display_reverse_fk": {"list_display": ["album_set"]},
    "list_display_related": {"list_display": ["name", "album__title"]},
    "list_display_links_not_list": {"list_display_links": "name"},
    "list_display_links_missing": {"list_display_links": ["slug"]},
    "list_filter_not_list": {"list_filter": "kind"},
    "list_filter_not_filter": {"list_filter": [NotAForm]},
    "list_filter_field_filter": {"list_filter": [admin.BooleanFieldListFilter]},
    "list_filter_pair": {"list_filter": [("kind", DecadeFilter)]},
    "list_filter_missing": {"list_filter": ["nope", "album__nope"]},
    "list_select_related": {"list_select_related": "album"},
    "list_per_page": {"list_per_page": "10"},
    "list_max_show_all": {"list_max_show_all": 2.5},
    "list_editable_not_list": {"list_editable": "name"},
    "list_editable_missing": {"list_editable": ["nope"]},
    "list_editable_not_shown": {"list_editable": ["slug"]},
    "list_editable_and_link": {"list_display": ["pk", "name"],
                               "list_display_links": ["name"],
                               "list_editable": ["name"]},
    "list_editable_first": {"list_display": ["name", "slug"],
                            "list_editable": ["name"]},
    "list_editable_not_editable": {"list_display": ["pk", "created", "id"],
                                   "list_editable": ["created", "id"]},
    "search_fields": {"search_fields": "name"},
    "date_hierarchy_missing": {"date_hierarchy": "nope"},
    "date_hierarchy_not_date": {"date_hierarchy": "name"},
    "date_hierarchy_related": {"date_hierarchy": "album__released"},
    "action_permission": {"actions": [publish]},
    "action_names": {"actions": [loud, shout]},
}


class AlbumInline(admin.TabularInline):
    model = Album


class AlbumExcludeFk(admin.StackedInline):
    model = Album
    exclude = ["band"]


class AlbumBadOptions(admin.TabularInline):
    model = Album
    extra = "3"
    max_num = "5"
    min_num = 1.0
    formset = NotAForm
    form = AlbumForm
    fields = ["title", "extra_note"]


class SplitInline(admin.TabularInline):
    model = Split


class SplitNamed(admin.TabularInline):
    model = Split
    fk_name = "second"
    exclude = ["note"]


class SplitBadName(admin.TabularInline):
    model = Split
    fk_name = "note"


class SplitMissingName(admin.TabularInline):
    model = Split
    fk_name = "nope"


class MusicianInline(admin.TabularInline):
    model = Musician


class ReviewInline(admin.TabularInline):
    model = Review


class TourThroughInline(admin.TabularInline):
    model = Band.tours.through


class NoModelInline(admin.TabularInline):
    pass


class NotAModelInline(admin.TabularInline):
    model = NotAForm


class CommentInline(GenericTabularInline):
    model = Comment


class CommentBadCt(GenericStackedInline):
    model = Comment
    ct_field = "nope"


class CommentBadFk(GenericStackedInline):
    model = Comment
    ct_fk_field = "nope"


class CommentOtherFields(GenericStackedInline):
    model = Comment
    ct_fk_field = "text"


class AlbumGeneric(GenericTabularInline):
    model = Album


INLINE_CASES = {
    "inline_valid": [AlbumInline, TourThroughInline, CommentInline, ReviewInline],
    "inline_exclude_fk": [AlbumExcludeFk],
    "inline_bad_options": [AlbumBadOptions],
    "inline_two_fks": [SplitInline],
    "inline_fk_name": [SplitNamed],
    "inline_fk_name_not_fk": [SplitBadName],
    "inline_fk_name_missing": [SplitMissingName],
    "inline_no_fk": [MusicianInline],
    "inline_no_model": [NoModelInline],
    "inline_not_a_model": [NotAModelInline],
    "generic_bad_ct": [CommentBadCt],
    "generic_bad_fk": [CommentBadFk],
    "generic_other_fields": [CommentOtherFields],
    "generic_no_gfk": [AlbumGeneric],
}

out = {}
for name, options in CASES.items():
    out[name] = run(option_admin(name.title().replace("_", "") + "Admin", **options))
for name, inlines in INLINE_CASES.items():
    out[name] = run(option_admin("BandAdmin", inlines=inlines))

# autocomplete_fields: the related model's admin, on the same site.
site = admin.AdminSite()
site.register(Musician)
out["autocomplete_no_search"] = run(
    option_admin("BandAdmin", autocomplete_fields=["members"]), site=site)
site.unregister(Musician)
site.register(Musician, search_fields=["name"])
out["autocomplete_searchable"] = run(
    option_admin("BandAdmin", autocomplete_fields=["members"]), site=site)

# list_display_links is checked only when get_list_display() is Django's.
out["list_display_links_custom"] = run(option_admin(
    "BandAdmin", list_display_links=["slug"],
    get_list_display=lambda self, request: ["name", "slug"]))
# An inline checked on its own, as the inline's admin checks it.
out["inline_alone"] = described(SplitInline(Band, admin.AdminSite()).check())
out["inline_proxy_parent"] = run(option_admin("BandAdmin", inlines=[AlbumInline]),
                                 model=ProxyBand)
out["tour_through_auto_created"] = bool(Tour._meta.auto_created)


def dependencies(**overrides):
    with override_settings(**overrides):
        return described(admin_checks.check_dependencies())


out["dependencies_ok"] = dependencies()
out["dependencies_apps"] = dependencies(INSTALLED_APPS=["django.contrib.admin"])
out["dependencies_no_admin"] = dependencies(INSTALLED_APPS=["django.contrib.auth"])
out["dependencies_no_templates"] = dependencies(TEMPLATES=[])
out["dependencies_context_processors"] = dependencies(TEMPLATES=[{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"context_processors": []}}])
out["dependencies_no_model_backend"] = dependencies(
    AUTHENTICATION_BACKENDS=[], TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"context_processors": []}}])
out["dependencies_middleware"] = dependencies(MIDDLEWARE=[])
out["dependencies_middleware_unimportable"] = dependencies(
    MIDDLEWARE=["django.contrib.does.not.Exist", *MIDDLEWARE])


# The framework runs the checks of the registered admins (not of a plain
# ModelAdmin), under the "admin" tag.
class BrokenBandAdmin(admin.ModelAdmin):
    list_per_page = "many"
    raw_id_fields = ["name"]


admin.site.register(Band, BrokenBandAdmin)
admin.site.register(Album)
out["run_checks_admin_tag"] = described(checks.run_checks(tags=["admin"]))
out["admin_tag_exists"] = checks.tag_exists("admin")
out["site_check_other_app"] = described(admin.site.check(
    [django.apps.apps.get_app_config("auth")]))



# The admin's API Django 5.2 deprecates but still runs (RemovedInDjango60Warning):
# ModelAdmin.log_deletion(), a subclass overriding it, lookup_allowed()
# without `request`.
def caught(call):
    """call()'s result and its warnings, as [category, message, from here]."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = call()
    return result, [[w.category.__name__, str(w.message), w.filename == __file__]
                    for w in seen]


def deprecated_api():
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import RequestFactory

    call_command("migrate", run_syncdb=True, verbosity=0)
    user = User.objects.create_superuser("bill", "bill@example.com", "pass")
    for name in ("Low", "High", "Mid"):
        Band.objects.create(name=name, slug=name.lower(), kind="rock")
    request = RequestFactory().get("/", {"name": "Low"})
    request.user = user
    result = {}
    entry, seen = caught(lambda: admin.ModelAdmin(Band, site).log_deletion(
        request, Band.objects.get(name="Low"), "the low band"))
    result["log_deletion"] = [entry.object_repr, entry.action_flag,
                              entry.change_message, seen]

    class LegacyAdmin(admin.ModelAdmin):
        def log_deletion(self, request, obj, object_repr):
            return super().log_deletion(request, obj, object_repr.upper())

    entries, seen = caught(lambda: LegacyAdmin(Band, site).log_deletions(
        request, Band.objects.order_by("name")))
    result["log_deletion_overridden"] = [[e.object_repr for e in entries], seen]
    entries, seen = caught(lambda: admin.ModelAdmin(Band, site).log_deletions(
        request, Band.objects.order_by("name")))
    result["log_deletions"] = [len(entries), seen,
                               LogEntry.objects.filter(action_flag=3).count()]

    class OldLookupAdmin(admin.ModelAdmin):
        list_filter = ["name"]

        def lookup_allowed(self, lookup, value):
            return lookup == "name"

    changelist, seen = caught(
        lambda: OldLookupAdmin(Band, site).get_changelist_instance(request))
    result["lookup_allowed_without_request"] = [
        [b.name for b in changelist.queryset], seen]
    return result


out.update(deprecated_api())
print(json.dumps(out, indent=1, sort_keys=True))
