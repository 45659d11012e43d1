"""The admin's widgets and related-object popups on the models of
tests/admin_widgets_app, printed as JSON: each widget rendered, the relation
fields of a ModelAdmin's form (the links a user's permissions allow), the
raw-id lookup link, and what the popup views answer.  Runs on either engine:
with ADMIN_WIDGETS_ENGINE=django on real Django 5.2
(tests/gen_admin_widgets_expected.py writes tests/admin_widgets_expected.json),
otherwise on djscratch (tests/test_admin_widgets.py compares).

`admin_widgets_scenario.py serve PORT` serves the same admin site over HTTP
instead, its static files too, for tests/test_admin_widgets_browser.py.
"""

import datetime
import json
import os
import re
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("ADMIN_WIDGETS_ENGINE") == "django"
SERVE = sys.argv[1:2] == ["serve"]
sys.path.insert(0, ROOT)
if not ON_DJANGO:
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="admin-widgets-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver", "127.0.0.1"], USE_TZ=True, TIME_ZONE="UTC",
    DEBUG=False,
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth",
                    "django.contrib.contenttypes", "django.contrib.sessions",
                    "django.contrib.messages", "tests.admin_widgets_app"]
    + (["django.contrib.staticfiles"] if SERVE else []),
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    STATIC_URL="/static/", MEDIA_URL="/media/", ROOT_URLCONF=__name__,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True, "OPTIONS": {"context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages"]}}])
django.setup()

from django import forms  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.admin import widgets  # noqa: E402
from django.contrib.auth.models import Permission, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.urls import path  # noqa: E402

from tests.admin_widgets_app.models import (  # noqa: E402
    Album, Band, Event, Honeycomb, Inventory, Member, Stage,
)

site = admin.AdminSite(name="widgetadmin")


class BandAdmin(admin.ModelAdmin):
    filter_horizontal = ["members"]
    search_fields = ["name"]


class AlbumAdmin(admin.ModelAdmin):
    autocomplete_fields = ["band"]


class EventAdmin(admin.ModelAdmin):
    radio_fields = {"genre": admin.HORIZONTAL, "supporting_band": admin.VERTICAL}


class EventInline(admin.TabularInline):
    model = Event
    fields = ["main_band", "start_date", "start_time"]
    extra = 0


class StageAdmin(admin.ModelAdmin):
    inlines = [EventInline]


class InventoryAdmin(admin.ModelAdmin):
    raw_id_fields = ["parent"]


site.register(Band, BandAdmin)
site.register(Member)
site.register(Album, AlbumAdmin)
site.register(Inventory, InventoryAdmin)
site.register(Event, EventAdmin)
site.register(Stage, StageAdmin)
site.register(User)

urlpatterns = [path("widgetadmin/", site.urls)]

rf = RequestFactory()
BAND_UUID = uuid.UUID("5b495c0e-30f2-4f24-8275-47bfa9f3c166")
MOMENT = datetime.datetime(2007, 12, 1, 9, 30)


def make_data():
    """Rows with fixed keys, so that the pages name the same objects."""
    band = Band.objects.create(pk=1, name="Linkin Park", uuid=BAND_UUID)
    band.members.add(Member.objects.create(pk=1, name="Chester"),
                     Member.objects.create(pk=2, name="Mike"))
    Album.objects.create(pk=1, band=band, name="Hybrid Theory",
                         cover="albums/hybrid_theory.jpg")
    Honeycomb.objects.create(pk=1, location="Old tree")
    apple = Inventory.objects.create(pk=1, barcode=86, name="Apple")
    Inventory.objects.create(pk=2, barcode=87, name="Core", parent=apple)
    Inventory.objects.create(pk=3, barcode=95, name="A " + "long " * 20 + "name")
    User.objects.create_superuser("super", "super@example.com", "secret", pk=1)
    staff = User.objects.create_user("staff", password="secret", is_staff=True, pk=2)
    staff.user_permissions.add(*Permission.objects.filter(
        codename__in=["add_event", "change_event", "view_band", "add_band"]))


def widget_cases():
    """Each admin widget rendered on its own."""
    album = Album.objects.get(pk=1)
    out = {
        "date": widgets.AdminDateWidget().render("test", MOMENT),
        "date_attrs": widgets.AdminDateWidget(
            attrs={"size": 20, "class": "myDateField"}).render("test", MOMENT),
        "time": widgets.AdminTimeWidget().render("test", MOMENT),
        "split_datetime": widgets.AdminSplitDateTime().render(
            "test", MOMENT, attrs={"id": "id_test"}),
        "url_empty": widgets.AdminURLFieldWidget().render("test", ""),
        "url_valid": widgets.AdminURLFieldWidget().render(
            "test", "http://example.com/<tag>?a=1&b=2"),
        "url_invalid": widgets.AdminURLFieldWidget().render(
            "test", 'javascript:alert("x")'),
        "uuid": widgets.AdminUUIDInputWidget().render("test", str(BAND_UUID)),
        "integer": widgets.AdminIntegerFieldWidget().render("test", 5),
        "big_integer": widgets.AdminBigIntegerFieldWidget().render("test", 5),
        "filtered": widgets.FilteredSelectMultiple(
            "members\\", False, choices=[(1, "Chester"), (2, "Mike")]).render(
            "test", [2]),
        "filtered_stacked": widgets.FilteredSelectMultiple(
            "members", True).render("test", None),
        "radio": widgets.AdminRadioSelect(
            attrs={"class": "radiolist inline"},
            choices=[("rock", "Rock"), ("jazz", "Jazz")]).render(
            "test", "jazz", attrs={"id": "id_test"}),
        "file": widgets.AdminFileWidget().render("test", album.cover),
        "file_id": widgets.AdminFileWidget().render(
            "test", album.cover, attrs={"id": "id_test"}),
        "file_none": widgets.AdminFileWidget().render("test", None),
    }
    required = widgets.AdminFileWidget()
    required.is_required = True
    out["file_required"] = required.render("test", album.cover)
    return out


def select2_language_cases():
    """The select2 translation AutocompleteSelect names for a language."""
    from django.utils import translation

    out = {}
    for lang in ("de", "de-at", "de-ch-1901", "en-latn-us", "nl-nl-x-informal",
                 "zh-hans-HK", "00", "sr-cyrl", "zh-hans", "zh-hant", "pt-br"):
        with translation.override(lang):
            out["select2_" + lang] = widgets.get_select2_language()
    return out


def raw_id_cases():
    """Raw-id boxes: the lookup link (with limit_choices_to and the to-field),
    the chosen object's name, none for a model the site does not register."""
    band_rel = Album._meta.get_field("band").remote_field
    parent_rel = Inventory._meta.get_field("parent").remote_field
    members_rel = Band._meta.get_field("members").remote_field
    honeycomb_rel = Event._meta.get_field("honeycomb").remote_field
    fk = widgets.ForeignKeyRawIdWidget
    m2m = widgets.ManyToManyRawIdWidget(members_rel, site)
    return {
        "raw_uuid": fk(band_rel, site).render("test", BAND_UUID, attrs={}),
        "raw_uuid_none": fk(band_rel, site).render("test", None),
        "raw_to_field": fk(parent_rel, site).render("test", 86, attrs={}),
        "raw_long_label": fk(parent_rel, site).render("test", 95),
        "raw_missing": fk(parent_rel, site).render("test", 999),
        "raw_unregistered": fk(honeycomb_rel, site).render("test", 1),
        "raw_m2m": m2m.render("test", [1, 2], attrs={}),
        "raw_m2m_none": m2m.render("test", None),
        "raw_label_invalid_uuid": list(fk(band_rel, site).label_and_url_for_value(
            "invalid-uuid")),
        "raw_m2m_value_from_data": m2m.value_from_datadict({"test": "1,2"}, {}, "test"),
        "url_params": widgets.url_params_from_lookup_dict(
            {"a__in": ("x", "y"), "b": True, "c": lambda: 3, "d": None}),
    }


def wrapper_cases():
    """RelatedFieldWidgetWrapper by itself: its flags and its links."""
    main_band = Event._meta.get_field("main_band").remote_field
    supporting = Event._meta.get_field("supporting_band").remote_field
    album_band = Album._meta.get_field("band").remote_field
    parent = Inventory._meta.get_field("parent").remote_field
    select = forms.Select(choices=[("", "---------"), (1, "Linkin Park")])
    every = {"can_add_related": True, "can_change_related": True,
             "can_delete_related": True, "can_view_related": True}
    out = {}
    for key, rel in (("protect", main_band), ("set_null", supporting),
                     ("cascade", album_band), ("limited", parent)):
        wrapper = widgets.RelatedFieldWidgetWrapper(select, rel, site, **every)
        out["wrapper_" + key] = wrapper.render("band", 1, attrs={"id": "id_band"})
        out["wrapper_%s_flags" % key] = [
            wrapper.can_add_related, wrapper.can_change_related,
            wrapper.can_delete_related, wrapper.can_view_related]
    multiple = widgets.RelatedFieldWidgetWrapper(
        forms.SelectMultiple(), supporting, site, **every)
    out["wrapper_multiple_flags"] = [
        multiple.can_add_related, multiple.can_change_related,
        multiple.can_delete_related, multiple.can_view_related]
    hidden = widgets.RelatedFieldWidgetWrapper(forms.HiddenInput(), supporting, site)
    out["wrapper_hidden"] = hidden.render("band", 1)
    default = widgets.RelatedFieldWidgetWrapper(forms.Select(), supporting, site)
    out["wrapper_default"] = default.render("band", None)
    return out


def form_cases():
    """The ModelAdmin forms' fields, for a superuser and for a user who may
    add and change events, view and add bands."""
    out = {}
    for username in ("super", "staff"):
        request = rf.get("/")
        request.user = User.objects.get(username=username)
        for model in (Event, Inventory, Band, Album):
            form = site.get_model_admin(model).get_form(request)()
            for name in form.fields:
                if name == "uuid":
                    continue  # a random default
                out["form_%s_%s_%s" % (username, model._meta.model_name, name)] = (
                    str(form[name]))
    return out


def popup_cases():
    """The popup flows: pages opened with ?_popup=1 and what they answer."""
    client = Client()
    client.force_login(User.objects.get(username="super"))
    out = {}
    page = client.get("/widgetadmin/admin_widgets_app/inventory/",
                      {"_popup": "1", "_to_field": "barcode", "barcode__lt": "90"})
    out["lookup_status"] = page.status_code
    out["lookup_openers"] = re.findall(r'data-popup-opener="([^"]*)"',
                                       page.content.decode())
    page = client.get("/widgetadmin/autocomplete/", {
        "term": "link", "app_label": "admin_widgets_app", "model_name": "album",
        "field_name": "band"})
    out["autocomplete_json"] = json.loads(page.content)
    page = client.get("/widgetadmin/admin_widgets_app/band/add/?_popup=1")
    out["add_popup_status"] = page.status_code
    out["add_popup_buttons"] = sorted(set(re.findall(
        r'name="(_save|_continue|_addanother|_saveasnew)"', page.content.decode())))
    data = {"name": "New band", "uuid": "0b2e0c9c-3e2b-4c57-9ab6-0f6f0bd6cb5a",
            "_popup": "1", "_save": "1"}
    done = client.post("/widgetadmin/admin_widgets_app/band/add/?_popup=1", data)
    out["add_popup_response"] = json.loads(done.context_data["popup_response_data"])
    data["_to_field"] = "uuid"
    data["uuid"] = "0b2e0c9c-3e2b-4c57-9ab6-0f6f0bd6cb5b"
    data["name"] = "Third band"
    done = client.post(
        "/widgetadmin/admin_widgets_app/band/add/?_popup=1&_to_field=uuid", data)
    out["add_popup_to_field_response"] = json.loads(
        done.context_data["popup_response_data"])
    band = Band.objects.get(name="New band")
    done = client.post(
        "/widgetadmin/admin_widgets_app/band/%s/change/?_popup=1" % band.pk,
        {"name": "Renamed band", "uuid": str(band.uuid), "_popup": "1",
         "_save": "1"})
    out["change_popup_response"] = json.loads(done.context_data["popup_response_data"])
    done = client.post(
        "/widgetadmin/admin_widgets_app/band/%s/delete/?_popup=1" % band.pk,
        {"post": "yes", "_popup": "1"})
    out["delete_popup_response"] = json.loads(done.context_data["popup_response_data"])
    # With _to_field, the URL names the object by that field (the popup
    # links put the select's value in place of __fk__).
    third = Band.objects.get(name="Third band").uuid
    done = client.post(
        "/widgetadmin/admin_widgets_app/band/%s/change/?_popup=1&_to_field=uuid"
        % third, {"name": "Third band", "uuid": "0b2e0c9c-3e2b-4c57-9ab6-"
                     "0f6f0bd6cb5c", "_popup": "1", "_to_field": "uuid",
                     "_save": "1"})
    out["change_popup_to_field_response"] = json.loads(
        done.context_data["popup_response_data"])
    third = Band.objects.get(name="Third band").uuid
    page = client.get("/widgetadmin/admin_widgets_app/band/%s/delete/"
                      "?_popup=1&_to_field=uuid" % third)
    out["delete_popup_to_field_hidden"] = re.findall(
        r'<input type="hidden" name="(_popup|_to_field)"', page.content.decode())
    done = client.post(
        "/widgetadmin/admin_widgets_app/band/%s/delete/?_popup=1&_to_field=uuid"
        % third, {"post": "yes", "_popup": "1", "_to_field": "uuid"})
    out["delete_popup_to_field_response"] = json.loads(
        done.context_data["popup_response_data"])
    page = client.get("/widgetadmin/admin_widgets_app/band/",
                      {"_popup": "1", "_to_field": "name"})
    out["lookup_disallowed_to_field_status"] = page.status_code
    return out


def serve(port):
    """Serve the admin site and the static files on 127.0.0.1:PORT."""
    from wsgiref.simple_server import make_server, WSGIRequestHandler

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    call_command("migrate", run_syncdb=True, verbosity=0)
    make_data()
    server = make_server("127.0.0.1", port, StaticFilesHandler(
        get_wsgi_application()), handler_class=QuietHandler)
    server.serve_forever()


def main():
    if SERVE:
        return serve(int(sys.argv[2]))
    call_command("migrate", run_syncdb=True, verbosity=0)
    make_data()
    observed = {}
    for cases in (widget_cases, select2_language_cases, raw_id_cases,
                  wrapper_cases, form_cases, popup_cases):
        observed.update(cases())
    json.dump(observed, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
