"""ModelForm, model choice fields and model formsets against the ORM.

HTML and errors are compared with real Django's (tests/modelform_expected.json,
written by gen_modelform_expected.py); save() and unique checks are behaviour
tests.  The module skips until the ORM section exists (djscratch.Model).
"""

import datetime
import json
import os
import unittest

import djscratch
from djscratch import override_settings

from . import TEST_SETTINGS
from . import modelform_cases
from .orm_support import DatabaseTestCase, define_models

HERE = os.path.dirname(os.path.abspath(__file__))
HAVE_ORM = hasattr(djscratch, "Model") and hasattr(djscratch, "connection")
DB_SETTINGS = {
    **TEST_SETTINGS,
    "USE_I18N": False,
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3",
                              "NAME": ":memory:"}},
}


def _create_tables(models):
    from django.db import connection

    if hasattr(connection, "schema_editor"):
        with connection.schema_editor() as editor:
            for model in models:
                editor.create_model(model)
    else:
        djscratch.sync_schema()


def _drop_tables(models):
    from django.db import connection

    with connection.schema_editor() as editor:
        for model in reversed(models):
            editor.delete_model(model)


class _ModelFormTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._settings = override_settings(**DB_SETTINGS)
        cls._settings.enable()
        ms = modelform_cases.models()
        cls.models = [ms["Author"], ms["Tag"], ms["Book"]]
        _create_tables(cls.models)

    @classmethod
    def tearDownClass(cls):
        try:
            _drop_tables(cls.models)
        finally:
            cls._settings.disable()
            super().tearDownClass()

    def setUp(self):
        for model in reversed(self.models):
            model.objects.all().delete()
        modelform_cases.populate()


@unittest.skipUnless(HAVE_ORM, "needs the ORM section")
class ModelFormsMatchDjangoTests(_ModelFormTestCase):
    def test_every_case_matches_django(self):
        with open(os.path.join(HERE, "modelform_expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        actual = json.loads(json.dumps(modelform_cases.build()))
        self.assertEqual(sorted(actual), sorted(expected))
        for name, value in sorted(expected.items()):
            with self.subTest(case=name):
                self.assertEqual(actual[name], value)


@unittest.skipUnless(HAVE_ORM, "needs the ORM section")
class ModelFormSaveTests(_ModelFormTestCase):
    def _author_form(self):
        from django import forms

        Author = modelform_cases.models()["Author"]
        return forms.modelform_factory(Author, fields=["name", "email", "born",
                                                       "rating"])

    def test_save_creates_and_updates(self):
        Author = modelform_cases.models()["Author"]
        form = self._author_form()({"name": "Cy", "rating": "1", "born": "2000-01-02"})
        self.assertTrue(form.is_valid(), form.errors)
        cy = form.save()
        self.assertIsNotNone(cy.pk)
        self.assertEqual(Author.objects.get(pk=cy.pk).born, datetime.date(2000, 1, 2))
        form = self._author_form()({"name": "Cyd", "rating": "2"}, instance=cy)
        self.assertTrue(form.is_valid(), form.errors)
        form.save()
        self.assertEqual(Author.objects.get(pk=cy.pk).name, "Cyd")

    def test_save_commit_false_then_save_m2m(self):
        from django import forms

        ms = modelform_cases.models()
        BookForm = forms.modelform_factory(ms["Book"], fields="__all__")
        ann = ms["Author"].objects.get(name="Ann <A>")
        tag = ms["Tag"].objects.get(name="django")
        form = BookForm({"title": "T", "author": str(ann.pk), "tags": [str(tag.pk)],
                         "price": "1.00", "slug": "t"})
        self.assertTrue(form.is_valid(), form.errors)
        book = form.save(commit=False)
        self.assertIsNone(book.pk)
        book.save()
        form.save_m2m()
        self.assertEqual([t.name for t in book.tags.all()], ["django"])

    def test_unique_field_error_and_invalid_save_raises(self):
        form = self._author_form()({"name": "Bob", "rating": "2"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["name"], ["Author with this Name already exists."])
        with self.assertRaisesRegex(ValueError, "could not be created"):
            form.save()

    def test_meta_needs_fields_or_exclude(self):
        from django import forms
        from django.core.exceptions import ImproperlyConfigured

        Author = modelform_cases.models()["Author"]
        with self.assertRaises(ImproperlyConfigured):
            forms.modelform_factory(Author)
        with self.assertRaisesRegex(Exception, "Unknown field"):
            forms.modelform_factory(Author, fields=["nope"])

    def test_model_formset_saves_changes_and_new_rows(self):
        from django import forms

        Author = modelform_cases.models()["Author"]
        FormSet = forms.modelformset_factory(Author, fields=["name"], extra=1)
        bob = Author.objects.get(name="Bob")
        ann = Author.objects.get(name="Ann <A>")
        data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2",
                "form-0-id": str(ann.pk), "form-0-name": "Ann <A>",
                "form-1-id": str(bob.pk), "form-1-name": "Robert",
                "form-2-name": "Dee"}
        fs = FormSet(data, queryset=Author.objects.all())
        self.assertTrue(fs.is_valid(), fs.errors)
        fs.save()
        self.assertEqual(sorted(a.name for a in Author.objects.all()),
                         ["Ann <A>", "Dee", "Robert"])



with define_models():

    class Code(djscratch.Model):
        """A natural primary key, edited through the formset's forms."""

        code = djscratch.CharField(max_length=10, primary_key=True)
        owner = djscratch.CharField(max_length=10)

        class Meta:
            app_label = "forms_natural_key"


class NaturalKeyFormsetTests(DatabaseTestCase):
    """Forged primary keys in model formsets; outcomes of Django 5.2.19."""

    models = [Code]

    def setUp(self):
        super().setUp()
        Code.objects.create(code="mine", owner="alice")
        Code.objects.create(code="theirs", owner="bob")

    def formset(self, data, **kwargs):
        from django import forms

        FormSet = forms.modelformset_factory(Code, fields=["code", "owner"],
                                             extra=0, **kwargs)
        data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
                **{"form-0-" + key: value for key, value in data.items()}}
        formset = FormSet(data, queryset=Code.objects.filter(owner="alice"))
        self.assertTrue(formset.is_valid(), formset.errors)
        return formset

    def rows(self):
        return sorted(Code.objects.values_list("code", "owner"))

    def test_cve_2026_87975_forged_pk_cannot_delete_outside_the_queryset(self):
        formset = self.formset({"code": "theirs", "owner": "bob", "DELETE": "on"},
                               can_delete=True)
        self.assertEqual(formset.save(), [])
        self.assertEqual(formset.deleted_objects, [])
        self.assertEqual(self.rows(), [("mine", "alice"), ("theirs", "bob")])

    def test_cve_2026_87975_edit_only_formset_cannot_create(self):
        formset = self.formset({"code": "new", "owner": "eve"}, edit_only=True)
        self.assertEqual(formset.save(), [])
        self.assertEqual(self.rows(), [("mine", "alice"), ("theirs", "bob")])

    def test_natural_key_stays_an_editable_field(self):
        from django import forms

        formset = self.formset({"code": "mine", "owner": "alice2"}, edit_only=True)
        self.assertIsInstance(formset.forms[0].fields["code"], forms.CharField)
        self.assertEqual([obj.pk for obj in formset.save()], ["mine"])
        self.assertEqual(self.rows(), [("mine", "alice2"), ("theirs", "bob")])


with define_models():

    class Dispatch(djscratch.Model):
        title = djscratch.CharField(max_length=20, unique_for_date="posted")
        subtitle = djscratch.CharField(max_length=20, unique_for_month="posted")
        posted = djscratch.DateField()

        class Meta:
            app_label = "forms_date_unique"


class FormsetDateUniqueTests(DatabaseTestCase):
    """unique_for_date/_month across the forms of one formset (Django's
    messages: tests/model_formsets in Django's suite)."""

    models = [Dispatch]

    def errors(self, *rows):
        from django import forms

        FormSet = forms.modelformset_factory(Dispatch, fields="__all__", extra=0)
        data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
        for i, (title, subtitle, posted) in enumerate(rows):
            data.update({"form-%d-title" % i: title, "form-%d-subtitle" % i: subtitle,
                         "form-%d-posted" % i: posted})
        formset = FormSet(data)
        self.assertFalse(formset.is_valid())
        return formset.non_form_errors(), formset.errors

    def test_same_title_same_day_and_same_subtitle_same_month_of_any_year(self):
        non_form, errors = self.errors(("a", "x", "2009-01-01"),
                                       ("a", "y", "2009-01-01"))
        self.assertEqual(non_form, ["Please correct the duplicate data for title which "
                                    "must be unique for the date in posted."])
        self.assertEqual(errors, [{}, {"__all__": [
            "Please correct the duplicate values below."]}])
        non_form, _errors = self.errors(("a", "x", "2008-08-01"),
                                        ("b", "x", "2009-08-02"))
        self.assertEqual(non_form, ["Please correct the duplicate data for subtitle "
                                    "which must be unique for the month in posted."])
