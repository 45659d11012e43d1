"""The admin's widgets (django.contrib.admin.widgets) and related-object
popups, against real Django 5.2.

tests/admin_widgets_scenario.py renders each widget, the relation fields of
ModelAdmin forms for two users (the add / change / delete / view links their
permissions allow), the raw-id lookup link, and runs the popup flows, in its
own process on the models of tests/admin_widgets_app; each value is compared
with what real Django printed (tests/admin_widgets_expected.json): HTML as
HTML (Django's assertHTMLEqual: the same elements, attributes and text),
everything else exactly.
"""

import copy
import unittest

import djscratch
from tests import load_expected, MatchesDjango

from django import forms
from django.contrib.admin import widgets
from django.test import SimpleTestCase

EXPECTED = load_expected("admin_widgets_expected.json")


class AdminWidgetsMatchDjangoTests(MatchesDjango, SimpleTestCase):
    expected = EXPECTED
    scenario_script = "admin_widgets_scenario.py"
    engine_variable = "ADMIN_WIDGETS_ENGINE"

    def assert_key_matches(self, got, want):
        """HTML compared as HTML, other values exactly."""
        if isinstance(want, str) and want.lstrip().startswith("<"):
            self.assertIsInstance(got, str)
            self.assertHTMLEqual(got, want)
        else:
            self.assertEqual(got, want)


class AdminWidgetAssetsTests(unittest.TestCase):
    """The scripts and icons the widgets name are djscratch's own, served by
    the static files finder when the admin is installed."""

    NAMES = [
        "admin/js/admin/RelatedObjectLookups.js",
        "admin/js/admin/DateTimeShortcuts.js",
        "admin/js/SelectFilter2.js",
        "admin/js/popup_response.js",
        "admin/js/cancel.js",
        "admin/js/autocomplete.js",
        "admin/css/autocomplete.css",
        "admin/img/icon-addlink.svg",
        "admin/img/icon-changelink.svg",
        "admin/img/icon-deletelink.svg",
        "admin/img/icon-viewlink.svg",
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        djscratch.ModelAdmin  # builds the admin section, which embeds its assets

    def test_every_asset_a_widget_names_is_embedded(self):
        embedded = djscratch._EMBEDDED_STATIC["django.contrib.admin"]
        for name in self.NAMES:
            with self.subTest(name=name):
                self.assertTrue(embedded.get(name))

    def test_widget_media_names_only_embedded_assets(self):
        embedded = djscratch._EMBEDDED_STATIC["django.contrib.admin"]
        media = (widgets.AdminDateWidget().media + widgets.AdminTimeWidget().media
                 + widgets.FilteredSelectMultiple("x", False).media)
        for name in media._js:
            with self.subTest(name=name):
                self.assertIn(name, embedded)

    def test_popup_script_defines_the_functions_the_response_page_calls(self):
        script = djscratch._EMBEDDED_STATIC["django.contrib.admin"][
            "admin/js/admin/RelatedObjectLookups.js"]
        for name in ("dismissAddRelatedObjectPopup",
                     "dismissChangeRelatedObjectPopup",
                     "dismissDeleteRelatedObjectPopup", "dismissRelatedLookupPopup"):
            with self.subTest(name=name):
                self.assertIn("window.%s = function" % name, script)


class RelatedFieldWidgetWrapperUnitTests(unittest.TestCase):
    """What the wrapper delegates to the widget it wraps."""

    def test_deepcopy_copies_the_wrapped_widget(self):
        inner = forms.Select(attrs={"class": "x"})
        wrapper = widgets.RelatedFieldWidgetWrapper(inner, _Rel(), _Site())
        copied = copy.deepcopy(wrapper)
        self.assertIsNot(copied.widget, inner)
        self.assertEqual(copied.widget.attrs,
                         {"class": "x", "data-context": "available-source"})

    def test_choices_are_the_wrapped_widgets(self):
        inner = forms.Select()
        wrapper = widgets.RelatedFieldWidgetWrapper(inner, _Rel(), _Site())
        wrapper.choices = [(1, "one")]
        self.assertEqual(list(inner.choices), [(1, "one")])
        self.assertEqual(wrapper.id_for_label("id_x"), "id_x")


class _Rel:
    """The parts of a relation the wrapper reads when it is built."""

    model = None
    on_delete = None
    limit_choices_to = {}


class _Site:
    name = "admin"

    def is_registered(self, model):
        return False


class MediaInheritanceTests(unittest.TestCase):
    """A widget's media reads each base class's media once."""

    def test_a_deep_widget_class_reads_its_base_media_once(self):
        reads = []

        class Base(forms.Widget):
            @property
            def media(self):
                reads.append(1)
                return forms.Media(js=["base.js"])

        cls = Base
        for depth in range(12):
            cls = type("Level%d" % depth, (cls,), {
                "Media": type("Media", (), {"js": ["level%d.js" % depth]})})
        self.assertEqual(cls().media._js,
                         ["base.js"] + ["level%d.js" % d for d in range(12)])
        self.assertEqual(len(reads), 1)
