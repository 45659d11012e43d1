"""Form validation behaves as Django 5.2's: fields, Form API, formsets, bad input.

Field outcomes are checked against real Django's (tests/validation_expected.json,
written by gen_validation_expected.py); the rest are behaviour tests.
"""

import json
import os
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import MultiValueDict, ValidationError, override_settings

from . import TEST_SETTINGS
from . import validation_cases

HERE = os.path.dirname(os.path.abspath(__file__))


def _forms():
    from django import forms

    return forms


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class FieldsMatchDjangoTests(unittest.TestCase):
    def test_every_field_input_has_djangos_outcome(self):
        path = os.path.join(HERE, "validation_expected.json")
        with open(path, encoding="utf-8") as f:
            expected = json.load(f)["fields"]
        actual = validation_cases.run_fields()
        self.assertEqual(sorted(actual), sorted(expected))
        for case, outcome in sorted(expected.items()):
            with self.subTest(case=case):
                self.assertEqual(actual[case], outcome)


def _signup_form():
    forms = _forms()

    class SignupForm(forms.Form):
        username = forms.CharField(max_length=10)
        password = forms.CharField(widget=forms.PasswordInput)
        confirm = forms.CharField(widget=forms.PasswordInput)
        age = forms.IntegerField(required=False, min_value=13)

        def clean_username(self):
            name = self.cleaned_data["username"]
            if name == "admin":
                raise forms.ValidationError("Reserved name.", code="reserved")
            return name.lower()

        def clean(self):
            data = super().clean()
            if data.get("password") != data.get("confirm"):
                self.add_error("confirm", "Passwords differ.")
            return data

    return SignupForm


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class FormAPITests(unittest.TestCase):
    def test_valid_form_has_cleaned_data_from_clean_field_hooks(self):
        form = _signup_form()({"username": "Ann", "password": "p", "confirm": "p"})
        self.assertTrue(form.is_valid())
        self.assertEqual(form.cleaned_data,
                         {"username": "ann", "password": "p", "confirm": "p",
                          "age": None})

    def test_unbound_form_is_not_valid_and_has_no_errors(self):
        form = _signup_form()()
        self.assertFalse(form.is_bound)
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors, {})

    def test_errors_from_field_hook_and_clean(self):
        form = _signup_form()({"username": "admin", "password": "a", "confirm": "b",
                               "age": "12"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["username"], ["Reserved name."])
        self.assertEqual(form.errors["confirm"], ["Passwords differ."])
        self.assertEqual(form.errors["age"],
                         ["Ensure this value is greater than or equal to 13."])
        self.assertNotIn("confirm", form.cleaned_data)
        self.assertTrue(form.has_error("username", code="reserved"))
        self.assertFalse(form.has_error("username", code="other"))
        data = form.errors.get_json_data()
        self.assertEqual(data["username"], [{"message": "Reserved name.",
                                             "code": "reserved"}])
        self.assertEqual(json.loads(form.errors.as_json())["age"][0]["code"],
                         "min_value")
        self.assertEqual(form.errors.as_data()["username"][0].code, "reserved")

    def test_non_field_errors_and_add_error_rules(self):
        forms = _forms()

        class F(forms.Form):
            a = forms.CharField(required=False)

            def clean(self):
                raise forms.ValidationError("Whole form is wrong.")

        form = F({"a": "x"})
        self.assertEqual(form.non_field_errors(), ["Whole form is wrong."])
        self.assertIn('class="errorlist nonfield"', str(form.non_field_errors()))
        with self.assertRaisesRegex(ValueError, "'F' has no field named 'nope'."):
            form.add_error("nope", "x")
        with self.assertRaises(TypeError):
            form.add_error("a", forms.ValidationError({"a": "x"}))
        form.add_error(None, forms.ValidationError({"a": ["dict error"]}))
        self.assertEqual(form.errors["a"], ["dict error"])

    def test_has_changed_and_changed_data(self):
        forms = _forms()

        class F(forms.Form):
            name = forms.CharField(initial="Ann")
            n = forms.IntegerField(initial=3)
            flag = forms.BooleanField(required=False)

        self.assertFalse(F({"name": "Ann", "n": "3"}).has_changed())
        form = F({"name": "Bob", "n": "3", "flag": "on"})
        self.assertTrue(form.has_changed())
        self.assertEqual(form.changed_data, ["name", "flag"])

    def test_initial_prefix_auto_id_and_field_order(self):
        forms = _forms()

        class F(forms.Form):
            a = forms.CharField()
            b = forms.CharField()
            c = forms.CharField()

        form = F(prefix="p", initial={"a": "x"}, auto_id="f-%s",
                 field_order=["c", "zz", "a"])
        self.assertEqual(list(form.fields), ["c", "a", "b"])
        self.assertEqual(form["a"].html_name, "p-a")
        self.assertEqual(form["a"].auto_id, "f-p-a")
        self.assertEqual(form["a"].id_for_label, "f-p-a")
        self.assertEqual(form["a"].value(), "x")
        self.assertEqual(form["b"].widget_type, "text")
        bound = F({"p-a": "1", "p-b": "2", "p-c": "3"}, prefix="p")
        self.assertTrue(bound.is_valid())
        self.assertEqual(bound.cleaned_data, {"a": "1", "b": "2", "c": "3"})

    def test_disabled_field_ignores_submitted_data(self):
        forms = _forms()

        class F(forms.Form):
            locked = forms.CharField(disabled=True, initial="keep")

        form = F({"locked": "hacked"})
        self.assertTrue(form.is_valid())
        self.assertEqual(form.cleaned_data["locked"], "keep")
        self.assertFalse(form.has_changed())

    def test_missing_field_key_error_lists_choices(self):
        form = _signup_form()()
        with self.assertRaisesRegex(KeyError, "Choices are: age, confirm"):
            form["nope"]

    def test_inherited_fields_and_removal_with_none(self):
        forms = _forms()

        class Base(forms.Form):
            a = forms.CharField()
            b = forms.CharField()

        class Child(Base):
            b = None
            c = forms.IntegerField()

        self.assertEqual(list(Child.base_fields), ["a", "c"])

    def test_boundfield_api(self):
        forms = _forms()

        class F(forms.Form):
            color = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")],
                                      widget=forms.RadioSelect, help_text="Pick")

        form = F(initial={"color": "g"})
        bf = form["color"]
        self.assertEqual(len(bf), 2)
        self.assertEqual(bf[1].choice_label, "Green")
        self.assertEqual(bf[1].id_for_label, "id_color_1")
        self.assertEqual(bf.help_text, "Pick")
        self.assertEqual(bf.widget_type, "radioselect")
        self.assertTrue(bf.use_fieldset)
        self.assertEqual(bf.label_tag(), '<label>Color:</label>')
        self.assertIn('checked', str(bf[1]))
        with self.assertRaises(TypeError):
            bf["x"]

    def test_empty_permitted_form_skips_validation_when_unchanged(self):
        forms = _forms()

        class F(forms.Form):
            a = forms.CharField()

        form = F({}, empty_permitted=True, use_required_attribute=False)
        self.assertTrue(form.is_valid())
        with self.assertRaises(ValueError):
            F({}, empty_permitted=True)

    def test_media_and_multipart(self):
        forms = _forms()

        class W(forms.TextInput):
            class Media:
                js = ["https://cdn.example.com/w.js"]
                css = {"all": ["https://cdn.example.com/w.css"]}

        class F(forms.Form):
            a = forms.CharField(widget=W)
            f = forms.FileField()

        form = F()
        self.assertTrue(form.is_multipart())
        self.assertEqual(
            str(form.media),
            '<link href="https://cdn.example.com/w.css" media="all" rel="stylesheet">\n'
            '<script src="https://cdn.example.com/w.js"></script>')

    def test_image_field_checks_the_file_structure(self):
        forms = _forms()
        field = forms.ImageField()
        png = validation_cases._Upload("a.png", validation_cases.PNG)
        self.assertIs(field.clean(png), png)
        self.assertEqual(png.content_type, "image/png")
        webp = validation_cases._Upload("a.webp", (
            b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
            b"/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"))
        self.assertEqual(field.clean(webp).content_type, "image/webp")
        with self.assertRaises(ValidationError) as cm:
            field.clean(validation_cases._Upload("a.png", b"<?php evil() ?>"))
        self.assertEqual(cm.exception.error_list[0].code, "invalid_image")
        with self.assertRaises(ValidationError) as cm:
            field.clean(validation_cases._Upload("a.exe", validation_cases.PNG))
        self.assertEqual(cm.exception.error_list[0].code, "invalid_extension")


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class BadInputTests(unittest.TestCase):
    """Hostile or malformed data gives form errors, never exceptions."""

    def _every_field_form(self):
        forms = _forms()
        fields = {name: field for name, (field, _values) in
                  validation_cases.field_cases().items()}
        fields["multi"] = forms.MultipleChoiceField(choices=[("a", "A")])
        return type("EveryFieldForm", (forms.Form,), fields)

    def test_wrong_types_and_huge_values_become_errors(self):
        F = self._every_field_form()
        hostile = ["9" * 100000, "\x00", "\ud800", "🙂" * 1000, "1e999999",
                   "-" * 50, "[" * 5000, "{" * 100000, "P" + "9" * 400 + "D"]
        for value in hostile:
            data = MultiValueDict({name: [value] for name in F.base_fields})
            with self.subTest(value=value[:20]):
                form = F(data)
                form.is_valid()  # must not raise
                str(form)        # rendering must not raise either

    def test_duplicate_keys_use_the_last_value_for_single_fields(self):
        forms = _forms()

        class F(forms.Form):
            n = forms.IntegerField()
            tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])

        form = F(MultiValueDict({"n": ["1", "2"], "tags": ["a", "b", "a"]}))
        self.assertTrue(form.is_valid())
        self.assertEqual(form.cleaned_data["n"], 2)
        self.assertEqual(form.cleaned_data["tags"], ["a", "b", "a"])

    def test_list_for_a_single_value_field_is_an_error(self):
        forms = _forms()

        class F(forms.Form):
            name = forms.CharField()
            n = forms.IntegerField()
            d = forms.DateField()

        form = F({"name": ["a", "b"], "n": ["1"], "d": ["2020-01-01"]})
        self.assertFalse(form.is_valid())
        self.assertIn("n", form.errors)
        self.assertIn("d", form.errors)

    def test_formset_management_form_tampering(self):
        forms = _forms()

        class F(forms.Form):
            a = forms.CharField()

        FormSet = forms.formset_factory(F)
        negative = FormSet({"form-TOTAL_FORMS": "-1", "form-INITIAL_FORMS": "0"})
        self.assertEqual(negative.forms, [])  # as Django: no forms, nothing to do
        for total in ("x", "99999999999", ""):
            with self.subTest(total=total):
                fs = FormSet({"form-TOTAL_FORMS": total, "form-INITIAL_FORMS": "0"})
                self.assertFalse(fs.is_valid())
                self.assertLessEqual(len(fs.forms), fs.absolute_max)
                str(fs)


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class FormsetTests(unittest.TestCase):
    def _formset(self, **kwargs):
        forms = _forms()

        class ItemForm(forms.Form):
            name = forms.CharField()
            qty = forms.IntegerField(min_value=1)

        return forms.formset_factory(ItemForm, **kwargs)

    def test_formset_factory_names_and_counts(self):
        FormSet = self._formset(extra=2, max_num=3)
        self.assertEqual(FormSet.__name__, "ItemFormSet")
        fs = FormSet(initial=[{"name": "a", "qty": 1}, {"name": "b", "qty": 2}])
        self.assertEqual(fs.total_form_count(), 3)
        self.assertEqual(fs.initial_form_count(), 2)

    def test_bound_formset_validates_each_form_and_skips_empty_extras(self):
        FormSet = self._formset(extra=1)
        data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
                "form-0-name": "x", "form-0-qty": "2"}
        fs = FormSet(data)
        self.assertTrue(fs.is_valid())
        self.assertEqual(fs.cleaned_data, [{"name": "x", "qty": 2}, {}])
        data["form-1-qty"] = "0"
        fs = FormSet(data)
        self.assertFalse(fs.is_valid())
        self.assertEqual(fs.errors[1]["qty"],
                         ["Ensure this value is greater than or equal to 1."])
        self.assertEqual(fs.total_error_count(), 2)

    def test_validate_min_and_deletion_and_ordering(self):
        FormSet = self._formset(extra=0, min_num=2, validate_min=True,
                                can_delete=True, can_order=True)
        data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
                "form-0-name": "a", "form-0-qty": "1", "form-0-ORDER": "2",
                "form-1-name": "b", "form-1-qty": "1", "form-1-ORDER": "1"}
        fs = FormSet(data)
        self.assertTrue(fs.is_valid())
        self.assertEqual([f.cleaned_data["name"] for f in fs.ordered_forms], ["b", "a"])
        data["form-1-DELETE"] = "on"
        fs = FormSet(data)
        self.assertFalse(fs.is_valid())
        self.assertEqual(fs.non_form_errors(), ["Please submit at least 2 forms."])


class _Thing:
    """A stand-in model instance: just what ModelChoiceField reads."""

    class DoesNotExist(Exception):
        pass

    _meta = object()

    def __init__(self, pk, name):
        self.pk, self.name = pk, name

    def __str__(self):
        return self.name


class _ThingQuerySet:
    """The slice of Django's QuerySet API that model choice fields use."""

    model = _Thing

    def __init__(self, objects):
        self.objects = list(objects)

    def all(self):
        return _ThingQuerySet(self.objects)

    def none(self):
        return _ThingQuerySet([])

    def _match(self, **lookups):
        ((key, value),) = lookups.items()
        if key.endswith("__in"):
            values = {int(v) if key.startswith("pk") else v for v in value}
            return [o for o in self.objects if getattr(o, key[:-4]) in values]
        if key == "pk":
            value = int(value)  # ValueError for junk, as the ORM would
        return [o for o in self.objects if getattr(o, key) == value]

    def filter(self, **lookups):
        return _ThingQuerySet(self._match(**lookups))

    def get(self, **lookups):
        found = self._match(**lookups)
        if not found:
            raise _Thing.DoesNotExist()
        return found[0]

    def count(self):
        return len(self.objects)

    def exists(self):
        return bool(self.objects)

    def __iter__(self):
        return iter(self.objects)


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class ModelChoiceFieldWithQuerySetAPITests(unittest.TestCase):
    def setUp(self):
        self.qs = _ThingQuerySet([_Thing(1, "one"), _Thing(2, "<two>")])

    def test_choices_come_from_the_queryset_with_empty_label(self):
        forms = _forms()
        field = forms.ModelChoiceField(self.qs)
        self.assertEqual([(str(v), label) for v, label in field.choices],
                         [("", "---------"), ("1", "one"), ("2", "<two>")])
        html = field.widget.render("t", 2)
        self.assertIn('<option value="2" selected>&lt;two&gt;</option>', html)
        self.assertIsNone(forms.ModelChoiceField(self.qs, initial=1).empty_label)

    def test_clean_returns_the_object_or_djangos_error(self):
        forms = _forms()
        field = forms.ModelChoiceField(self.qs)
        self.assertEqual(field.clean("2").name, "<two>")
        for junk in ("3", "abc", "1\x00"):
            with self.subTest(junk=junk), self.assertRaises(ValidationError) as cm:
                field.clean(junk)
            self.assertIn(cm.exception.error_list[0].code,
                          ("invalid_choice", "null_characters_not_allowed"))
        with self.assertRaises(ValidationError) as cm:
            field.clean("")
        self.assertEqual(cm.exception.messages, ["This field is required."])

    def test_multiple_choice_checks_every_value(self):
        forms = _forms()
        field = forms.ModelMultipleChoiceField(self.qs)
        self.assertEqual([o.pk for o in field.clean(["1", "2"])], [1, 2])
        with self.assertRaises(ValidationError) as cm:
            field.clean(["1", "x"])
        self.assertEqual(cm.exception.messages, ["“x” is not a valid value."])
        with self.assertRaises(ValidationError) as cm:
            field.clean(["1", "7"])
        self.assertEqual(cm.exception.messages, [
            "Select a valid choice. 7 is not one of the available choices."])
        with self.assertRaises(ValidationError) as cm:
            field.clean("1")
        self.assertEqual(cm.exception.messages, ["Enter a list of values."])
        self.assertEqual(forms.ModelMultipleChoiceField(
            self.qs, required=False).clean([]).count(), 0)
        self.assertFalse(field.has_changed([self.qs.objects[0]], ["1"]))


class FormsAliasTests(unittest.TestCase):
    def test_every_advertised_forms_and_validators_name_exists(self):
        import importlib

        modules = [m for m in djscratch.DJANGO_MODULES
                   if m.startswith(("django.forms", "django.core.validators",
                                    "django.utils.dateparse", "django.utils.ipv6",
                                    "django.utils.duration"))]
        self.assertIn("django.forms.models", modules)
        for module_name in modules:
            module = importlib.import_module(module_name)
            for name in djscratch.DJANGO_MODULES[module_name]:
                with self.subTest(name="%s.%s" % (module_name, name)):
                    self.assertIsNotNone(getattr(module, name))


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class CssClassTests(unittest.TestCase):
    def test_css_classes_are_in_a_stable_order(self):
        forms = _forms()

        class F(forms.Form):
            error_css_class = "error"
            required_css_class = "required"
            name = forms.CharField()

        form = F({})
        self.assertEqual(form["name"].css_classes("a b a"), "a b error required")
        self.assertIn('<div class="error required">', str(form))


class MalformedChoicesTests(unittest.TestCase):
    def test_a_widget_keeps_choices_that_are_no_pairs_as_django(self):
        """Django's normalize_choices() returns such a value as given (a model
        field's check reports it); the widget is built and copies."""
        import copy

        from django.forms import RadioSelect

        widget = RadioSelect(choices=[1, 2, 3])
        self.assertEqual(widget.choices, [1, 2, 3])
        self.assertEqual(copy.deepcopy(widget).choices, [1, 2, 3])


@override_settings(**TEST_SETTINGS)
class UnresolvedRelationTests(unittest.TestCase):
    def test_a_model_form_of_a_relation_to_an_undefined_model_names_it(self):
        from django.db import models
        from django.forms.models import ModelForm, ModelFormMetaclass
        from django.test.utils import isolate_apps

        with isolate_apps():
            class A(models.Model):
                ref = models.ForeignKey("B", models.CASCADE)

                class Meta:
                    app_label = "djs_unresolved"

            class Meta:
                model = A
                fields = "__all__"

            with self.assertRaisesRegex(
                    ValueError, "^Cannot create form field for 'ref' yet, because its "
                    "related model 'B' has not been loaded yet$"):
                ModelFormMetaclass("Form", (ModelForm,), {"Meta": Meta})


@override_settings(**TEST_SETTINGS)
class PositiveFieldFormTests(unittest.TestCase):
    def test_positive_integer_fields_make_form_fields_with_min_zero(self):
        from django.db import models

        for field_class in (models.PositiveIntegerField,
                            models.PositiveSmallIntegerField,
                            models.PositiveBigIntegerField):
            with self.subTest(field=field_class.__name__):
                form_field = field_class().formfield()
                self.assertEqual(form_field.min_value, 0)
                self.assertIn('min="0"', str(form_field.widget.render("n", None,
                              form_field.widget_attrs(form_field.widget))))
                self.assertEqual(field_class().formfield(min_value=5).min_value, 5)


def _copy_shape(value, seen=None):
    """What a deep copy must reproduce: types and plain values, with the
    objects' own attributes, recursively (shared objects noted once)."""
    seen = {} if seen is None else seen
    if isinstance(value, (str, int, float, bool, type(None), type)) or callable(value):
        return value if not callable(value) or isinstance(value, type) else "callable"
    if id(value) in seen:
        return ("seen", seen[id(value)])
    seen[id(value)] = len(seen)
    if isinstance(value, dict):
        return (type(value), [(k, _copy_shape(v, seen)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value), [_copy_shape(v, seen) for v in value])
    state = getattr(value, "__dict__", None)
    if state is None:
        return (type(value), repr(value))
    return (type(value), _copy_shape(state, seen))


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class DeepcopyFieldsTests(unittest.TestCase):
    """_deepcopy_fields() (what each form instance copies) gives what
    copy.deepcopy() gives, object for object."""

    def test_every_forms_case_class_copies_like_deepcopy(self):
        import copy

        from . import forms_cases

        forms_cases.build()
        classes = dict(forms_cases._CLASSES)
        self.assertGreater(len(classes), 3)
        for name, form_class in classes.items():
            with self.subTest(name):
                fields = form_class.base_fields
                fast = djscratch._deepcopy_fields(fields)
                general = copy.deepcopy(fields)
                self.assertEqual(_copy_shape(fast), _copy_shape(general))
                for key in fields:
                    self.assertIsNot(fast[key], fields[key])
                    self.assertIsNot(fast[key].widget, fields[key].widget)
                    self.assertIsNot(fast[key].widget.attrs, fields[key].widget.attrs)

    def test_other_mappings_and_keys_go_through_deepcopy(self):
        from collections import OrderedDict

        from django import forms

        field = forms.CharField()
        for fields in (OrderedDict(a=field), {1: field}):
            with self.subTest(type(fields)):
                copied = djscratch._deepcopy_fields(fields)
                self.assertIs(type(copied), type(fields))
                self.assertIsNot(next(iter(copied.values())), field)

    def test_an_object_met_twice_is_copied_once(self):
        from django import forms

        field = forms.CharField()
        memo = {}
        first = djscratch._deepcopy_with_hook(field, memo)
        self.assertIs(djscratch._deepcopy_with_hook(field, memo), first)
        self.assertIs(djscratch._deepcopy_with_hook(forms.CharField, memo),
                      forms.CharField)


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class CopyPlainFieldsTests(unittest.TestCase):
    """_copy_plain_fields() copies a dict of plain fields as copy.deepcopy()
    does, and declines a dict it cannot copy without deepcopy's memo."""

    def _assertCopiedLikeDeepcopy(self, fields, fast):
        import copy

        general = copy.deepcopy(fields)
        self.assertEqual(_copy_shape(fast), _copy_shape(general))
        self.assertEqual(list(fast), list(fields))
        for name, field in fields.items():
            copied = fast[name]
            self.assertEqual(list(vars(copied)), list(vars(general[name])))
            self.assertEqual(list(vars(copied.widget)),
                             list(vars(general[name].widget)))
            for attr in ("widget", "error_messages", "validators"):
                self.assertIsNot(getattr(copied, attr), getattr(field, attr))
            self.assertIsNot(copied.widget.attrs, field.widget.attrs)

    def test_copies_as_deepcopy_does(self):
        import random

        fields = _plain_fields()
        names = list(fields)
        rng = random.Random(3)
        for _ in range(20):
            chosen = rng.sample(names, rng.randint(0, len(names)))
            subset = {name: fields[name] for name in chosen}
            with self.subTest(chosen):
                fast = djscratch._copy_plain_fields(subset)
                self.assertIsNotNone(fast)
                self._assertCopiedLikeDeepcopy(subset, fast)
                self._assertCopiedLikeDeepcopy(
                    subset, djscratch._deepcopy_fields(subset))

    def test_declines_a_field_or_a_widget_met_twice(self):
        import copy

        forms = _forms()
        twice = _plain_fields()
        twice["again"] = twice["char"]
        shared = _plain_fields()
        shared["char"].widget = shared["email"].widget
        other = _plain_fields()
        other["choice"] = forms.ChoiceField(choices=[("a", "A")])
        copy.deepcopy(other)
        for name, fields in (("twice", twice), ("shared", shared), ("other", other)):
            with self.subTest(name):
                self.assertIsNone(djscratch._copy_plain_fields(fields))
                fast = djscratch._deepcopy_fields(fields)
                self.assertEqual(_copy_shape(fast), _copy_shape(copy.deepcopy(fields)))
        copied = djscratch._deepcopy_fields(twice)
        self.assertIs(copied["again"], copied["char"])
        copied = djscratch._deepcopy_fields(shared)
        self.assertIs(copied["char"].widget, copied["email"].widget)


def _plain_fields():
    """Fields of several classes and widgets that copy with Field's and
    Widget's __deepcopy__ alone, each copied once the general way first (as a
    form's first instance does), so _copy_instance() knows their classes."""
    import copy

    forms = _forms()
    fields = {
        "char": forms.CharField(max_length=5, min_length=1, label="Char"),
        "text": forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                                error_messages={"required": "Say it."}),
        "number": forms.IntegerField(min_value=0, help_text="n", initial=2),
        "email": forms.EmailField(widget=forms.EmailInput(attrs={"class": "e"})),
        "date": forms.DateField(required=False, disabled=True),
    }
    copy.deepcopy(fields)
    return fields


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class CopyPlainFieldTests(unittest.TestCase):
    """_copy_plain_field() copies a field as Field.__deepcopy__ and
    Widget.__deepcopy__ do, and declines every field it cannot."""

    def test_copies_as_deepcopy_does(self):
        import copy

        for name, field in _plain_fields().items():
            with self.subTest(name):
                memo = {}
                fast = djscratch._copy_plain_field(field, memo)
                self.assertIsNotNone(fast)
                general = copy.deepcopy(field)
                self.assertEqual(_copy_shape(fast), _copy_shape(general))
                self.assertEqual(list(vars(fast)), list(vars(general)))
                self.assertEqual(list(vars(fast.widget)), list(vars(general.widget)))
                for attr in ("widget", "error_messages", "validators"):
                    self.assertIsNot(getattr(fast, attr), getattr(field, attr))
                self.assertIsNot(fast.widget.attrs, field.widget.attrs)
                self.assertIs(memo[id(field)], fast)
                self.assertIs(memo[id(field.widget)], fast.widget)

    def test_declines_what_copies_otherwise(self):
        import copy

        forms = _forms()

        class OwnCopy(forms.CharField):
            def __deepcopy__(self, memo):
                return forms.CharField.__deepcopy__(self, memo)

        class OwnWidgetCopy(forms.TextInput):
            def __deepcopy__(self, memo):
                return forms.TextInput.__deepcopy__(self, memo)

        instance_hook = forms.CharField()
        instance_hook.__deepcopy__ = lambda memo: instance_hook
        widget_instance_hook = forms.CharField()
        widget_instance_hook.widget.__deepcopy__ = lambda memo: None
        cases = {
            "own __deepcopy__": OwnCopy(),
            "widget's own __deepcopy__": forms.CharField(widget=OwnWidgetCopy),
            "ChoiceField": forms.ChoiceField(choices=[("a", "A")]),
            "Select": forms.CharField(widget=forms.Select(choices=[("a", "A")])),
            "instance's __deepcopy__": instance_hook,
            "widget instance's __deepcopy__": widget_instance_hook,
        }
        for name, field in cases.items():
            with self.subTest(name):
                copy.deepcopy(field)  # known to _copy_instance(), if plain
                self.assertIsNone(djscratch._copy_plain_field(field, {}))

    def test_declines_a_field_or_widget_met_before(self):
        field = _plain_fields()["char"]
        for met in (field, field.widget):
            with self.subTest(type(met).__name__):
                memo = {id(met): object()}
                self.assertIsNone(djscratch._copy_plain_field(field, memo))
                self.assertEqual(len(memo), 1)

    def test_fields_sharing_a_widget_share_its_copy(self):
        import copy

        fields = _plain_fields()
        fields["char"].widget = fields["email"].widget
        fast = djscratch._deepcopy_fields(fields)
        general = copy.deepcopy(fields)
        self.assertIs(fast["char"].widget, fast["email"].widget)
        self.assertEqual(_copy_shape(fast), _copy_shape(general))

    def test_form_instances_change_their_own_fields_only(self):
        forms = _forms()

        class Form(forms.Form):
            name = forms.CharField(max_length=5)
            body = forms.CharField(widget=forms.Textarea)

        Form(), Form()  # the classes known plain: the fast copies from here
        first, second = Form(), Form()
        for name in ("name", "body"):
            self.assertIsNot(first.fields[name], second.fields[name])
        field = first.fields["name"]
        field.widget.attrs["class"] = "wide"
        field.error_messages["required"] = "Changed."
        field.validators.append(lambda value: None)
        field.label = "Changed"
        for fields in (second.fields, Form.base_fields, Form().fields):
            other = fields["name"]
            self.assertNotIn("class", other.widget.attrs)
            self.assertEqual(other.error_messages["required"],
                             "This field is required.")
            self.assertEqual(len(other.validators), 2)
            self.assertIsNone(other.label)
        self.assertIn('class="wide"', str(first["name"]))
        self.assertNotIn('class="wide"', str(second["name"]))


def _error_list_state(errors):
    """What a copied ErrorList holds: its class, data (and the data's class),
    the other attributes, and what it renders."""
    return (type(errors), type(errors.data), errors.data, sorted(errors.__dict__),
            errors.error_class, errors.renderer, errors.field_id, str(errors),
            errors.as_text(), errors.get_json_data())


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class ErrorListCopyTests(unittest.TestCase):
    """_copy_plain_error_list() makes what UserList.copy() makes (ErrorList.copy()
    the general way), and stands aside for anything not the library's own."""

    def _lists(self):
        class OwnErrors(djscratch.ErrorList):
            pass

        class OwnInit(djscratch.ErrorList):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.extra = 1

        renderer = djscratch.FormDjangoTemplates()
        datas = [[], ["a"], ["<b>", "c&d"], [ValidationError("v", code="c")],
                 [ValidationError(["x", "y"])], ["a", ValidationError("b")]]
        for cls in (djscratch.ErrorList, OwnErrors, OwnInit):
            for data in datas:
                for kwargs in ({}, {"error_class": "nonfield"},
                               {"renderer": renderer, "field_id": "id_f"}):
                    yield cls(list(data), **kwargs)
                    yield cls(tuple(data), **kwargs)
                    errors = cls(**kwargs)
                    errors.data = tuple(data)  # a data that is not a list
                    yield errors
                    errors = cls(list(data), **kwargs)
                    errors.note = "kept?"  # an attribute of the instance
                    yield errors

    def test_fast_copy_matches_userlist_copy(self):
        import collections
        import sys
        from unittest import mock

        # Where the code reads it: the single file, or forms.utils.
        code = sys.modules[djscratch.ErrorList.copy.__module__]
        answered = 0
        for errors in self._lists():
            fast = djscratch._copy_plain_error_list(errors)
            general = collections.UserList.copy(errors)
            if fast is not None:
                answered += 1
                self.assertIsNot(fast.data, errors.data)
                self.assertEqual(_error_list_state(fast), _error_list_state(general))
            # ErrorList.copy() as a whole, with and without the fast copy
            with mock.patch.object(code, "_copy_plain_error_list", lambda e: None):
                general_copy = errors.copy()
            self.assertEqual(_error_list_state(errors.copy()),
                             _error_list_state(general_copy))
        self.assertGreater(answered, 20)

    def test_copy_keeps_the_attributes_and_goes_the_general_way_when_patched(self):
        from unittest import mock

        errors = djscratch.ErrorList(["a"], error_class="nonfield", field_id="f")
        copied = errors.copy()
        self.assertEqual((copied.data, copied.error_class, copied.renderer,
                          copied.field_id), (["a"], "errorlist nonfield",
                                             errors.renderer, "f"))
        calls = []
        real_init = djscratch.ErrorList.__init__

        def counting_init(self, *args, **kwargs):
            calls.append(args)
            real_init(self, *args, **kwargs)

        with mock.patch.object(djscratch.ErrorList, "__init__", counting_init):
            self.assertIsNone(djscratch._copy_plain_error_list(errors))
            self.assertEqual(errors.copy().data, ["a"])
        self.assertEqual(len(calls), 1)
