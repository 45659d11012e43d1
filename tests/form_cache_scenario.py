"""Unbound forms rendered again and again, printed as JSON: what
_plain_form_html() (an unbound form's HTML remembered per class and prefix)
and _copy_plain_fields() must never answer differently from the general way
for: forms changed in __init__ (attrs, label, help_text, required, initial,
order, fields added, removed, replaced), the same class with other prefixes,
auto_id, label_suffix, renderers in alternation, class attributes and base
fields changed between renders, subclasses defined later, FORM_RENDERER and
TEMPLATES changed by override_settings (a project's div.html, field.html).

Runs on either engine: tests/gen_form_cache_expected.py runs it with real
Django 5.2 (FORM_CACHE_ENGINE=django) to write tests/form_cache_expected.json,
and tests/test_form_renderers.py runs it on djscratch and compares.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("FORM_CACHE_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402


def templates(*dirs):
    return [{"BACKEND": "django.template.backends.django.DjangoTemplates",
             "DIRS": list(dirs), "APP_DIRS": True}]


HERE = os.path.join(ROOT, "tests")
settings.configure(USE_I18N=True, LANGUAGE_CODE="en", USE_TZ=True, TIME_ZONE="UTC",
                   INSTALLED_APPS=["django.forms"], TEMPLATES=templates())
django.setup()

from django import forms  # noqa: E402
from django.forms.renderers import DjangoTemplates  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

OUT = {}


def record(name, value):
    OUT["%03d %s" % (len(OUT), name)] = str(value)


class Plain(forms.Form):
    name = forms.CharField(max_length=10)
    age = forms.IntegerField(required=False, help_text="years")


class Changing(forms.Form):
    a = forms.CharField()
    b = forms.CharField(required=False)

    def __init__(self, *args, mode=0, **kwargs):
        super().__init__(*args, **kwargs)
        if mode == 1:
            self.fields["a"].widget.attrs["class"] = "x"
        elif mode == 2:
            self.fields["a"].label = "Other"
        elif mode == 3:
            self.fields["a"].required = False
        elif mode == 4:
            self.fields["a"].initial = "hi"
        elif mode == 5:
            self.order_fields(["b", "a"])
        elif mode == 6:
            del self.fields["b"]
        elif mode == 7:
            self.fields["b"] = forms.IntegerField()
        elif mode == 8:
            self.fields["a"].help_text = "help!"
        elif mode == 9:
            self.fields["c"] = forms.CharField()
        elif mode == 10:
            self.fields["a"].widget = forms.Textarea()
        elif mode == 11:
            self.fields["a"].widget.attrs["autofocus"] = True
        elif mode == 12:
            self.fields["a"].widget.attrs["autofocus"] = 1
        elif mode == 13:
            self.fields["a"].widget.attrs["x"] = mark_safe("<b>")
        elif mode == 14:
            self.fields["a"].widget.attrs["x"] = "<b>"
        elif mode == 15:
            self.fields["a"].disabled = True
        elif mode == 16:
            self.fields["a"].show_hidden_initial = True
        elif mode == 17:
            self.fields["a"].label = None
        elif mode == 18:
            self.fields["a"].widget.input_type = "email"


for i in range(2):
    record("plain", Plain())
with translation.override("de"):
    record("plain in de", Plain())
for mode in [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10, 0, 11, 0,
             12, 0, 13, 0, 14, 0, 15, 0, 16, 0, 17, 0, 18, 0, 0]:
    record("mode %d" % mode, Changing(mode=mode))

form = Changing()
record("before a field is replaced", form)
form.fields["a"] = forms.EmailField()
record("a field replaced after a render", form)
form = Changing()
record("before attrs change", form)
form.fields["a"].widget.attrs["x"] = "1"
record("attrs changed after a render", form)
form = Changing()
record("before the label changes", form)
form.fields["a"].label = "Z"
record("label changed after a render (BoundFields kept)", form)
for options in [dict(prefix="p"), dict(auto_id=False), dict(auto_id="x_%s"),
                dict(label_suffix="!"), {}, dict(prefix="p"), dict(auto_id=False),
                dict(label_suffix=""), dict(use_required_attribute=False), {},
                dict(initial={"a": "x"}), {}, dict(data={}), {}]:
    record("options %s" % sorted(options), Changing(**options))


class LaterBoundField(forms.BoundField):
    def label_tag(self, *args, **kwargs):
        return "LBL"


class LaterCharField(forms.CharField):
    def get_bound_field(self, form, name):
        return LaterBoundField(form, self, name)


class Swapped(forms.Form):
    a = forms.CharField()


record("base field", Swapped())
Swapped.base_fields["a"] = LaterCharField()
record("base field replaced by a later subclass", Swapped())


class LaterInput(forms.TextInput):
    template_name = "django/forms/widgets/textarea.html"


class Rewidgeted(forms.Form):
    a = forms.CharField()


record("widget", Rewidgeted())
record("widget again", Rewidgeted())
Rewidgeted.base_fields["a"].widget = LaterInput()
record("widget of a later subclass", Rewidgeted())


class LaterErrorList(forms.utils.ErrorList):
    template_name = "django/forms/errors/list/ul.html"


record("later error list", Rewidgeted(error_class=LaterErrorList))


class BoundFieldClass(forms.Form):
    bound_field_class = LaterBoundField
    a = forms.CharField()


record("bound_field_class", BoundFieldClass())


class PRenderer(DjangoTemplates):
    form_template_name = "django/forms/p.html"


record("renderer", Changing(renderer=PRenderer()))
record("after renderer", Changing())


class Classes(forms.Form):
    required_css_class = "req"
    error_css_class = "err"
    a = forms.CharField()


record("css classes", Classes())
record("css classes again", Classes())
Classes.required_css_class = "req2"
record("required_css_class changed", Classes())
Changing.label_suffix = "?"
record("class label_suffix", Changing())
del Changing.label_suffix
record("class label_suffix removed", Changing())
Changing.base_fields["a"].widget.attrs["placeholder"] = "pp"
record("base widget attrs", Changing())
Changing.base_fields["a"].max_length = 5
record("base max_length", Changing())
Changing.base_fields["a"].widget.attrs["maxlength"] = 5
record("base attrs maxlength", Changing())
Changing.template_name = "django/forms/table.html"
record("class template_name", Changing())
del Changing.template_name
record("class template_name removed", Changing())
FormSet = forms.formset_factory(Changing, extra=2)
record("formset", FormSet())
record("formset again", FormSet(prefix="other"))


class Kinds(forms.Form):
    a = forms.BooleanField(initial=True)
    b = forms.DateField(initial="2020-01-01")
    c = forms.CharField(disabled=True, initial="zz")
    d = forms.FloatField(initial=1)
    e = forms.CharField(widget=forms.Textarea)
    f = forms.CharField(widget=forms.PasswordInput)
    h = forms.CharField(widget=forms.HiddenInput, initial=3)


record("kinds", Kinds())
record("kinds again", Kinds())
record("kinds initial", Kinds(initial={"a": False}))
record("kinds bound", Kinds(data={}))
record("kinds after", Kinds())

with override_settings(FORM_RENDERER="django.forms.renderers.TemplatesSetting"):
    record("templates setting", Changing())
    record("templates setting again", Changing())
    project = templates(os.path.join(HERE, "form_renderer_templates"))
    with override_settings(TEMPLATES=project):
        record("a project's div.html", Changing())
        record("a project's div.html again", Changing())
    record("templates setting after", Changing())
    fields = templates(os.path.join(HERE, "form_cache_templates", "field"))
    with override_settings(TEMPLATES=fields):
        record("a project's field.html", Changing())
        record("a project's field.html again", Changing())
    record("templates setting after field.html", Changing())
with override_settings(TEMPLATES=templates(os.path.join(HERE,
                                                     "form_renderer_templates"))):
    record("default renderer ignores DIRS", Changing())
record("after all", Changing())

if os.environ.get("FORM_CACHE_COUNT"):  # (djscratch: the cache was used)
    OUT["remembered"] = str(len(djscratch._plain_form_entries))
print(json.dumps(OUT, indent=1, sort_keys=True))
