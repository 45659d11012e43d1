"""Form renderers on one project, printed as JSON: the default renderer
(DjangoTemplates), TemplatesSetting with a project that overrides built-in
form templates, custom template names on forms, fields, labels and formsets.

Runs on either engine: tests/gen_form_renderers_expected.py runs it with real
Django 5.2 (FORM_RENDERERS_ENGINE=django) to write
tests/form_renderers_expected.json, and tests/test_form_renderers.py runs it
on djscratch and compares.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("FORM_RENDERERS_ENGINE") == "django"
if not ON_DJANGO:
    sys.path.insert(0, ROOT)
    import djscratch  # noqa: F401

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY="form-renderers-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False,
    INSTALLED_APPS=["django.forms", "django.contrib.contenttypes",
                    "django.contrib.auth"],
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(ROOT, "tests", "form_renderer_templates")],
        "APP_DIRS": True,
    }],
)
django.setup()

from django import forms  # noqa: E402
from django.forms.renderers import (  # noqa: E402
    BaseRenderer, DjangoTemplates, TemplatesSetting, get_default_renderer,
)
from django.template import TemplateDoesNotExist  # noqa: E402


class ContactForm(forms.Form):
    subject = forms.CharField(max_length=20, help_text="<i>Short</i>")
    email = forms.EmailField(label="Your e-mail")
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")],
                             widget=forms.RadioSelect)
    token = forms.CharField(widget=forms.HiddenInput)


class StyledForm(ContactForm):
    required_css_class = "req"
    template_name = "django/forms/table.html"
    template_name_label = "custom_label.html"


class CustomTemplateForm(ContactForm):
    template_name = "custom_form.html"


class CustomWidget(forms.TextInput):
    template_name = "custom_widget.html"


class CustomOptionSelect(forms.Select):
    option_template_name = "custom_option.html"


class WidgetForm(forms.Form):
    plain = forms.CharField(widget=CustomWidget, initial="<v>")
    pick = forms.ChoiceField(choices=[("1", "One"), ("2", "Two")],
                             widget=CustomOptionSelect, initial="2")


class CustomFieldForm(forms.Form):
    name = forms.CharField(template_name="custom_field.html", help_text="Yours")
    age = forms.IntegerField(template_name="custom_field.html")
    note = forms.CharField(required=False)


class PRenderer(DjangoTemplates):
    form_template_name = "django/forms/p.html"
    formset_template_name = "django/forms/formsets/ul.html"
    field_template_name = "django/forms/field.html"


class ProjectRenderer(TemplatesSetting):
    form_template_name = "custom_form.html"


BAD = {"subject": "", "email": "nope", "kind": "z", "token": ""}


def attempt(func):
    try:
        return func()
    except TemplateDoesNotExist as exc:
        return "TemplateDoesNotExist: %s" % exc.args[0]


def render_all(prefix, make):
    """The form `make(**kwargs)` in every layout, unbound and with errors."""
    out = {}
    for state, kwargs in (("unbound", {}), ("errors", {"data": BAD})):
        form = make(**kwargs)
        out["%s.%s.str" % (prefix, state)] = attempt(lambda: str(form))
        for layout in ("as_p", "as_ul", "as_table", "as_div"):
            out["%s.%s.%s" % (prefix, state, layout)] = attempt(
                lambda: str(getattr(form, layout)()))
        out["%s.%s.group" % (prefix, state)] = attempt(
            lambda: str(form["kind"].as_field_group()))
        out["%s.%s.label" % (prefix, state)] = attempt(
            lambda: str(form["email"].label_tag(attrs={"class": "x"})))
        out["%s.%s.legend" % (prefix, state)] = attempt(
            lambda: str(form["kind"].legend_tag()))
        out["%s.%s.errors" % (prefix, state)] = attempt(lambda: str(form.errors))
        out["%s.%s.errors_text" % (prefix, state)] = attempt(
            lambda: str(form.errors.as_text()))
        out["%s.%s.field_errors" % (prefix, state)] = attempt(
            lambda: str(form["email"].errors))
    return out


def run():
    out = {}
    default = get_default_renderer()
    out["default_renderer"] = type(default).__name__
    out["default_form_template"] = ContactForm().template_name
    out["templates_setting_form_template"] = ContactForm(
        renderer=TemplatesSetting()).template_name
    out.update(render_all("default", ContactForm))
    out.update(render_all("setting", lambda **kw: ContactForm(
        renderer=TemplatesSetting(), **kw)))
    out.update(render_all("styled", StyledForm))
    out.update(render_all("styled_setting", lambda **kw: StyledForm(
        renderer=TemplatesSetting(), **kw)))
    out.update(render_all("p_renderer", lambda **kw: ContactForm(
        renderer=PRenderer(), **kw)))
    out.update(render_all("custom_template", CustomTemplateForm))
    out.update(render_all("custom_template_setting", lambda **kw: CustomTemplateForm(
        renderer=TemplatesSetting(), **kw)))
    out.update(render_all("project_renderer", lambda **kw: ContactForm(
        renderer=ProjectRenderer(), **kw)))
    out.update(render_all("default_renderer_class", type(
        "DefaultRendererForm", (ContactForm,), {"default_renderer": PRenderer})))

    for name, renderer in (("default", None), ("setting", TemplatesSetting())):
        form = CustomFieldForm({"name": "<Ann>", "age": "x"}, renderer=renderer)
        out["custom_field.%s" % name] = attempt(lambda: str(form))
        out["custom_field.%s.as_p" % name] = attempt(lambda: str(form.as_p()))
    for name, renderer in (("default", None), ("setting", TemplatesSetting())):
        form = WidgetForm(renderer=renderer)
        out["widgets.%s.plain" % name] = attempt(lambda: str(form["plain"]))
        out["widgets.%s.pick" % name] = attempt(lambda: str(form["pick"]))
        out["widgets.%s.standalone" % name] = attempt(
            lambda: str(forms.EmailInput().render("e", "a@b", renderer=renderer)))
    from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
    from django.contrib.auth.hashers import make_password

    hashed = make_password("secret", salt="fixedsalt")
    for name, renderer in (("default", None), ("setting", TemplatesSetting())):
        out["auth_widget.%s" % name] = str(ReadOnlyPasswordHashWidget().render(
            "password", hashed, attrs={"id": "id_password"}, renderer=renderer))
    form = ContactForm(BAD)
    out["render.template_name"] = str(form.render("django/forms/ul.html"))
    out["render.context"] = attempt(lambda: str(form.render(
        "custom_context.html", context={"who": "<you>"},
        renderer=TemplatesSetting())))
    out["render.renderer"] = str(form.render(renderer=TemplatesSetting()))
    out["render.renderer.default_context"] = attempt(lambda: str(form.render(
        "custom_context.html", context={"who": "x"})))

    FormSet = forms.formset_factory(ContactForm, extra=2)
    out["formset.default"] = str(FormSet())
    out["formset.default.as_table"] = str(FormSet().as_table())
    out["formset.setting"] = str(forms.formset_factory(
        ContactForm, extra=1, renderer=TemplatesSetting())())
    out["formset.p_renderer"] = str(forms.formset_factory(
        ContactForm, extra=1, renderer=PRenderer())())
    custom = forms.formset_factory(ContactForm, extra=1, renderer=TemplatesSetting())
    custom.template_name = "custom_formset.html"
    out["formset.custom_template"] = str(custom())
    bound = forms.formset_factory(ContactForm, max_num=1, validate_max=True)({
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"})
    out["formset.non_form_errors"] = str(bound.non_form_errors())

    errors = forms.utils.ErrorList(["a <b>", "c"], renderer=TemplatesSetting())
    out["error_list.setting"] = str(errors)
    out["error_list.setting.as_ul"] = str(errors.as_ul())
    out["error_list.setting.as_text"] = str(errors.as_text())
    errors = forms.utils.ErrorList(["a <b>"], error_class="extra", field_id="id_x")
    out["error_list.default"] = str(errors)
    out["error_list.copy.renderer"] = type(errors.copy().renderer).__name__
    try:
        BaseRenderer().get_template("x.html")
    except NotImplementedError as exc:
        out["base_renderer.get_template"] = str(exc)
    out["renderer.render"] = DjangoTemplates().render(
        "django/forms/label.html",
        {"label": "  Hi & bye  ", "use_tag": True, "tag": "label",
         "attrs": {"for": "x", "hidden": True, "off": False}})
    return out


if __name__ == "__main__":
    json.dump(run(), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
