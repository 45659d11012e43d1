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
        error_css_class = "error"
        required_css_class = "required"
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


class _FakeFile:
    url = "/media/a&b.txt"

    def __str__(self):
        return "a&b.txt"
