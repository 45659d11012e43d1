"""Forms rendered both by real Django (gen_forms_expected.py) and by djscratch
(test_forms_html.py).  Only `django.forms` is used, so the same code runs on
both; build() returns {case name: HTML}.
"""

import datetime
import decimal

COLORS = [("r", "Red"), ("g", "Green"), ("b", "Blue")]
GROUPED = [
    ("", "---------"),
    ("Audio", [("vinyl", "Vinyl"), ("cd", "CD")]),
    ("Video", [("vhs", "VHS Tape"), ("dvd", "DVD")]),
    ("unknown", "Unknown"),
]


def build():
    from django import forms

    class ContactForm(forms.Form):
        subject = forms.CharField(max_length=100, help_text="100 characters max.")
        email = forms.EmailField(label="Your e-mail")
        message = forms.CharField(widget=forms.Textarea)
        cc_myself = forms.BooleanField(required=False)

    class EveryWidgetForm(forms.Form):
        text = forms.CharField(min_length=2, max_length=10)
        number = forms.IntegerField(min_value=0, max_value=99, step_size=3)
        floaty = forms.FloatField(required=False)
        money = forms.DecimalField(max_digits=5, decimal_places=2)
        email = forms.EmailField()
        url = forms.URLField(assume_scheme="https")
        password = forms.CharField(widget=forms.PasswordInput)
        secret = forms.CharField(widget=forms.HiddenInput, initial="s3")
        notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                                required=False)
        agree = forms.BooleanField()
        maybe = forms.NullBooleanField()
        color = forms.ChoiceField(choices=COLORS)
        media = forms.ChoiceField(choices=GROUPED, required=False)
        colors = forms.MultipleChoiceField(choices=COLORS)
        radio = forms.ChoiceField(choices=COLORS, widget=forms.RadioSelect)
        checks = forms.MultipleChoiceField(choices=COLORS,
                                           widget=forms.CheckboxSelectMultiple,
                                           required=False)
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        when = forms.DateTimeField()
        at = forms.TimeField()
        span = forms.DurationField()
        slug = forms.SlugField()
        code = forms.RegexField(regex=r"^[A-Z]{3}$")
        ident = forms.UUIDField()
        payload = forms.JSONField()
        ip = forms.GenericIPAddressField()
        upload = forms.FileField()
        picture = forms.ImageField(required=False)
        typed = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
        grouped_radio = forms.ChoiceField(choices=GROUPED[1:3],
                                          widget=forms.RadioSelect)
        tags = forms.MultipleChoiceField(choices=COLORS,
                                         widget=forms.MultipleHiddenInput,
                                         required=False)

    class PersonForm(forms.Form):
        # Only one of error_css_class/required_css_class: with both, Django
        # joins a set, so the class order changes with PYTHONHASHSEED.
        error_css_class = "error"
        first_name = forms.CharField(label="First <name>")
        last_name = forms.CharField(disabled=True, initial="Smith")
        birthday = forms.DateField(required=False, help_text="<em>YYYY-MM-DD</em>")
        token = forms.CharField(widget=forms.HiddenInput)

        def clean(self):
            data = super().clean()
            if data.get("first_name") == "Bad":
                raise forms.ValidationError("Names & <things> clash.", code="clash")
            return data

    class HiddenOnlyForm(forms.Form):
        a = forms.CharField(widget=forms.HiddenInput)
        b = forms.IntegerField(widget=forms.HiddenInput)

    class NoLabelForm(forms.Form):
        q = forms.CharField(label="", required=False)
        why = forms.CharField(label="Why?", label_suffix=" ->")

    _CLASSES.update(EveryWidgetForm=EveryWidgetForm, ContactForm=ContactForm,
                    PersonForm=PersonForm)
    out = {}

    def add(name, form):
        out[name + ".div"] = str(form)
        out[name + ".p"] = str(form.as_p())
        out[name + ".ul"] = str(form.as_ul())
        out[name + ".table"] = str(form.as_table())

    add("contact_unbound", ContactForm())
    add("contact_bound_errors", ContactForm(
        {"subject": "", "email": "not-an-email", "message": "<b>hi</b>"}))
    add("contact_bound_valid", ContactForm(
        {"subject": "Hi", "email": "a@example.com", "message": "x", "cc_myself": "on"}))
    add("contact_prefix", ContactForm(prefix="c1", initial={"subject": "Init"}))
    add("contact_no_auto_id", ContactForm(auto_id=False))
    add("contact_auto_id_true", ContactForm(auto_id=True, label_suffix=""))
    add("contact_custom_auto_id", ContactForm(auto_id="f_%s_x", label_suffix="?"))
    add("contact_no_required_attr", ContactForm(use_required_attribute=False))
    add("every_widget_unbound", EveryWidgetForm(initial={
        "text": "Hello", "number": 3, "money": decimal.Decimal("1.50"),
        "color": "g", "colors": ["r", "b"], "radio": "b", "checks": ["g"],
        "day": datetime.date(2024, 2, 29),
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
        "at": datetime.time(13, 14, 15), "span": datetime.timedelta(days=1, hours=2),
        "payload": {"a": [1, 2]}, "maybe": True, "media": "cd", "typed": 2,
        "tags": ["r", "g"], "password": "hidden!",
    }))
    add("every_widget_bad_data", EveryWidgetForm({
        "text": "x", "number": "100", "floaty": "nan", "money": "123.456",
        "email": "a@b", "url": "http://", "password": "pw", "secret": "",
        "agree": "", "maybe": "unknown", "color": "z", "media": "vhs",
        "colors": "r", "radio": "q", "checks": ["r", "x"], "day": "2024-02-30",
        "when": "yesterday", "at": "25:00", "span": "forever", "slug": "a b",
        "code": "abc", "ident": "nope", "payload": "{bad", "ip": "1.2.3",
        "typed": "3", "grouped_radio": "cd", "tags": ["b"],
    }))
    add("person_unbound", PersonForm())
    add("person_errors", PersonForm({"first_name": "Bad", "token": ""}))
    add("person_ok", PersonForm({"first_name": "Ann", "last_name": "Jones",
                                 "token": "t"}))
    add("hidden_only_unbound", HiddenOnlyForm())
    add("hidden_only_errors", HiddenOnlyForm({"a": "", "b": "x"}))
    add("no_label", NoLabelForm({"q": "", "why": ""}))


    class EdgeForm(forms.Form):
        required_css_class = "req"
        split = forms.SplitDateTimeField(help_text="Date and time")
        stamp = forms.DateTimeField(required=False)
        tracked = forms.CharField(show_hidden_initial=True, initial="orig")
        mapping = forms.ChoiceField(choices={"x": "Ex", "Group": {"y": "Why"}})
        dynamic = forms.ChoiceField(choices=lambda: [("", "Pick"), ("d", "Dee")])
        nullish = forms.ChoiceField(choices=[(None, "None!"), ("v", "Vee")],
                                    required=False)
        own_id = forms.CharField(widget=forms.TextInput(attrs={"id": "custom"}),
                                 label_suffix="")
        quoted = forms.CharField(required=False)
        required_radio = forms.ChoiceField(
            choices=[("", "Any"), ("a", "A")], widget=forms.RadioSelect)
        grouped_checks = forms.MultipleChoiceField(
            choices=[("G1", [("a", "A"), ("b", "B")]), ("c", "C")],
            widget=forms.CheckboxSelectMultiple(attrs={"class": "boxes"}))
        nb = forms.NullBooleanField(required=False)
        zero = forms.IntegerField(initial=0)
        ratio = forms.FloatField(initial=1.5, localize=False)
        big = forms.DecimalField(initial=decimal.Decimal("1E+2"), required=False)
        doc = forms.JSONField(required=False)
        attachment = forms.FileField(required=False)

    class Stored:
        url = "/media/doc.pdf"

        def __str__(self):
            return "doc.pdf"

    aware = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456,
                              tzinfo=datetime.timezone.utc)
    _CLASSES["EdgeForm"] = EdgeForm
    add("edge_unbound", EdgeForm(initial={
        "split": aware, "stamp": aware, "quoted": 'He said "hi" & <left> é',
        "attachment": Stored(), "nb": False,
    }))
    add("edge_bound", EdgeForm({
        "split_0": "2024-01-02", "split_1": "bad", "stamp": "2024-01-02 03:04",
        "tracked": "new", "initial-tracked": "orig", "mapping": "y",
        "dynamic": "zz", "own_id": "", "required_radio": "",
        "grouped_checks": ["a", "c"], "nb": "true", "zero": "0", "ratio": "x",
        "doc": "{not json", "attachment-clear": "on",
    }, auto_id="e_%s"))
    add("edge_no_auto_id", EdgeForm(auto_id=False, prefix="pre"))
    out["edge.changed_data"] = ",".join(EdgeForm({
        "split_0": "2024-01-02", "split_1": "10:00", "tracked": "orig",
        "initial-tracked": "orig", "zero": "0", "ratio": "1.5",
        "grouped_checks": ["a"]}).changed_data)

    form = EveryWidgetForm(initial={"radio": "g", "checks": ["r", "b"]})
    out["field.radio"] = str(form["radio"])
    out["field.radio.label_tag"] = str(form["radio"].label_tag())
    out["field.radio.legend_tag"] = str(form["radio"].legend_tag())
    out["field.radio.option0"] = str(form["radio"][0])
    out["field.radio.option0.tag"] = str(form["radio"][0].tag())
    out["field.checks.group"] = str(form["checks"].as_field_group())
    out["field.text.as_hidden"] = str(form["text"].as_hidden())
    out["field.text.as_textarea"] = str(form["text"].as_textarea())
    out["field.text.label_tag.attrs"] = str(
        form["text"].label_tag(attrs={"class": "x"}, label_suffix="!"))
    out["field.color"] = str(form["color"])
    out["field.media"] = str(form["media"])
    out["field.upload"] = str(form["upload"])
    out["widget.select_multiple"] = str(forms.SelectMultiple(choices=COLORS).render(
        "s", ["r", "g"], attrs={"id": "sm"}))
    out["widget.text.attrs"] = str(forms.TextInput(
        attrs={"class": "a&b", "data-x": '"q"', "disabled": True, "hidden": False}
    ).render("t", "<v>"))
    out["widget.textarea.value"] = str(forms.Textarea().render("t", "line1\n<line2>"))
    out["widget.checkbox.value"] = str(forms.CheckboxInput().render("c", "yes"))
    out["widget.date.format"] = str(forms.DateInput(format="%d/%m/%Y").render(
        "d", datetime.date(2020, 1, 31)))
    out["widget.split_datetime"] = str(forms.SplitDateTimeWidget().render(
        "sd", datetime.datetime(2020, 1, 2, 3, 4, 5), attrs={"id": "sd"}))
    out["widget.nullboolean"] = str(forms.NullBooleanSelect().render("n", False))
    out["widget.clearable.initial"] = str(forms.ClearableFileInput().render(
        "f", _FakeFile(), attrs={"id": "f"}))
    # A localized field's widget shows its value in the active format.
    from django.test.utils import override_settings

    class LocalizedForm(forms.Form):
        count = forms.IntegerField(localize=True, initial=1234567)
        price = forms.DecimalField(localize=True, initial=decimal.Decimal("12345.5"))
        ratio = forms.FloatField(localize=True, initial=1234.25)
        day = forms.DateField(localize=True, initial=datetime.date(2026, 1, 2))
        note = forms.CharField(localize=True, initial="1234")

    out["localized.div"] = str(LocalizedForm())
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        out["localized.thousands.div"] = str(LocalizedForm())
        out["localized.thousands.bound"] = str(LocalizedForm({"count": "7,654"}))
    out["errors.form.as_ul"] = str(ContactForm({}).errors.as_ul())
    out["errors.form.as_text"] = str(ContactForm({}).errors.as_text())
    out["errors.field.as_text"] = str(ContactForm({})["email"].errors.as_text())
    out["errors.form.json"] = ContactForm({"email": "x"}).errors.as_json()

    FormSet = forms.formset_factory(ContactForm, extra=2, can_delete=True,
                                    can_order=True)
    out["formset.unbound"] = str(FormSet(initial=[{"subject": "First"}]))
    out["formset.as_p"] = str(FormSet().as_p())
    out["formset.as_table"] = str(FormSet(prefix="x").as_table())
    out["formset.as_ul"] = str(FormSet().as_ul())
    out["formset.management"] = str(FormSet().management_form)
    out["formset.empty_form"] = str(FormSet().empty_form)
    bound = FormSet({
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
        "form-0-subject": "S", "form-0-email": "bad", "form-0-message": "m",
    })
    out["formset.bound_errors"] = str(bound)
    out["formset.bound_errors.non_form"] = str(bound.non_form_errors())
    broken = FormSet({"form-TOTAL_FORMS": "x"})
    out["formset.missing_management"] = str(broken.non_form_errors())
    out["formset.missing_management.html"] = str(broken)
    limited = forms.formset_factory(ContactForm, max_num=1, validate_max=True)({
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"})
    out["formset.too_many"] = str(limited.non_form_errors())
    return out


_CLASSES = {}

#: Values the fuzzer draws from: valid ones, edge cases and junk.
FUZZ_VALUES = [
    "", " ", "0", "1", "-1", "3", "1.5", "1e3", "nan", "inf", "-0", "99999999999999",
    "abc", "<script>alert(1)</script>", '"quoted" & \'single\'', "é ü 🙂", "\x00",
    "a@example.com", "a@", "http://example.com", "example.com", "2024-02-29",
    "2023-02-29", "12/31/1999", "2024-01-02 03:04:05", "13:14", "25:61",
    "1 02:03:04", "P1D", "::1", "1.2.3.4", "256.0.0.1", "slug-ok", "not slug",
    "ABC", "12345678-1234-5678-1234-567812345678", '{"a": [1]}', "[1,", "null",
    "r", "g", "b", "z", "vinyl", "cd", "true", "false", "on", "unknown", "2",
]


def fuzz(count=150, seed=5):
    """Return {case: [sha256 of the HTML, errors as JSON data]} for random
    submissions of the forms above (build() must have run first)."""
    import hashlib
    import random

    from django.utils.datastructures import MultiValueDict

    rng = random.Random(seed)
    out = {}
    names = sorted(_CLASSES)
    for i in range(count):
        form_class = _CLASSES[names[i % len(names)]]
        data = MultiValueDict()
        for name, field in form_class.base_fields.items():
            keys = [name]
            if type(field).__name__ == "SplitDateTimeField":
                keys = [name + "_0", name + "_1"]
            for key in keys:
                roll = rng.random()
                if roll < 0.15:
                    continue
                picks = 1 if roll < 0.85 else rng.randint(2, 3)
                data.setlist(key, [rng.choice(FUZZ_VALUES) for _ in range(picks)])
        form = form_class(data, prefix=None if i % 3 else "f")
        html = str(form) + str(form.as_table())
        out["%s-%03d" % (form_class.__name__, i)] = [
            hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
            form.errors.get_json_data(),
        ]
    return out


class _FakeFile:
    url = "/media/a&b.txt"

    def __str__(self):
        return "a&b.txt"
