"""A naive date and time typed into a form is read in the current time
zone; at a DST change, one that happens twice or never is an error, with
Django 5.2's message, instead of a guess."""

import datetime
import unittest
import zoneinfo

import djscratch  # noqa: F401  (installs the django.* alias)

from django import forms
from django.test import override_settings
from django.utils import timezone

from tests import TEST_SETTINGS


class EventForm(forms.Form):
    dt = forms.DateTimeField()


@override_settings(**TEST_SETTINGS)
class DaylightSavingChangeTests(unittest.TestCase):
    paris = zoneinfo.ZoneInfo("Europe/Paris")

    def test_an_ordinary_time_is_made_aware(self):
        with timezone.override(self.paris):
            form = EventForm({"dt": "2011-09-01 13:20:30"})
            self.assertTrue(form.is_valid())
        self.assertEqual(form.cleaned_data["dt"],
                         datetime.datetime(2011, 9, 1, 13, 20, 30, tzinfo=self.paris))

    def test_an_ambiguous_or_skipped_time_is_an_error(self):
        for typed in ("2011-10-30 02:30:00", "2011-03-27 02:30:00"):
            with self.subTest(typed=typed), timezone.override(self.paris):
                form = EventForm({"dt": typed})
                self.assertFalse(form.is_valid())
                self.assertEqual(form.errors["dt"], [
                    f"{typed} couldn’t be interpreted in time zone Europe/Paris; "
                    "it may be ambiguous or it may not exist."])
