"""Form renderers and the form templates (django/forms/renderers.py).

The renderers, overridden templates and custom template names are compared
with real Django (tests/form_renderers_scenario.py, expectations written by
gen_form_renderers_expected.py).  The fast path (the Python twins of the
built-in templates) is compared with the templates themselves on every case of
tests/forms_cases.py and tests/modelform_cases.py.
"""

import contextlib
import json
import sys
import unittest

import djscratch
from djscratch import override_settings

from . import TEST_SETTINGS, forms_cases, load_expected, modelform_cases
from . import populate_registry, run_scenario, test_modelforms

RENDERER = "tests.test_form_renderers.TemplatesOnlyRenderer"


def setUpModule():
    # The app directories loader reads the app registry, which must be
    # populated, as in Django.
    populate_registry()


class TemplatesOnlyRenderer(djscratch.FormDjangoTemplates):
    """The default renderer, but always through its templates: overriding
    render() turns the fast path off.  Counts what it renders."""

    rendered = []

    def render(self, template_name, context, request=None):
        self.rendered.append(template_name)
        return super().render(template_name, context, request)


def _through_templates(build):
    """Return build()'s result with every form rendered by its templates."""
    TemplatesOnlyRenderer.rendered.clear()
    with override_settings(FORM_RENDERER=RENDERER):
        result = build()
    return result, set(TemplatesOnlyRenderer.rendered)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class FastPathMatchesTemplatesTests(unittest.TestCase):
    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    maxDiff = None

    def assertSameCases(self, fast, slow):
        self.assertEqual(sorted(fast), sorted(slow))
        for name in sorted(fast):
            with self.subTest(case=name):
                self.assertEqual(fast[name], slow[name])

    def test_every_forms_case_renders_the_same_through_the_templates(self):
        fast = forms_cases.build()
        slow, used = _through_templates(forms_cases.build)
        self.assertSameCases(fast, slow)
        for name in ("div.html", "p.html", "ul.html", "table.html", "field.html",
                     "label.html", "errors/list/default.html",
                     "errors/list/text.txt", "errors/dict/ul.html",
                     "errors/dict/text.txt", "formsets/div.html", "formsets/p.html",
                     "formsets/ul.html", "formsets/table.html", "widgets/text.html",
                     "widgets/textarea.html", "widgets/select.html",
                     "widgets/radio.html", "widgets/checkbox_select.html",
                     "widgets/clearable_file_input.html",
                     "widgets/splitdatetime.html", "widgets/multiple_hidden.html",
                     "widgets/checkbox.html", "widgets/radio_option.html"):
            self.assertIn("django/forms/" + name, used)

    @override_settings(TEMPLATES=[{"BACKEND": "djscratch.DjscratchTemplates",
                                   "OPTIONS": {"syntax": "auto"}}])
    def test_a_project_in_native_syntax_renders_the_same_templates(self):
        # A single-file App's engine reads each template in its own syntax;
        # the renderer's engine then does too, and reads the built-in
        # templates as Django's.
        fast = forms_cases.build()
        slow, _used = _through_templates(forms_cases.build)
        self.assertEqual(djscratch._project_syntax(), "auto")
        self.assertSameCases(fast, slow)

    def test_random_submissions_render_the_same_through_the_templates(self):
        forms_cases.build()
        fast = forms_cases.fuzz(count=60)
        slow, _used = _through_templates(lambda: (forms_cases.build(),
                                                  forms_cases.fuzz(count=60))[1])
        self.assertSameCases(fast, slow)

    def test_subclasses_render_the_same_both_ways(self):
        # Templates output {{ x }} through x.__html__(): a subclass that only
        # overrides __str__, or returns unsafe text, shows in both the same.
        from django import forms

        class LoudBoundField(forms.BoundField):
            def __str__(self):
                return "<ignored by templates>"

            def label_tag(self, *args, **kwargs):
                return "<b>unsafe label</b>"

        class PlainErrors(forms.utils.ErrorList):
            def __str__(self):
                return "<ignored too>"

        class F(forms.Form):
            bound_field_class = LoudBoundField
            name = forms.CharField(help_text="h")
            secret = forms.CharField(widget=forms.HiddenInput)
            kind = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

        def build():
            out = {}
            for data in (None, {"name": ""}):
                form = F(data, error_class=PlainErrors)
                for layout in ("as_div", "as_p", "as_ul", "as_table"):
                    out["%s %s" % (bool(data), layout)] = str(getattr(form, layout)())
            return out

        fast = build()
        slow, _used = _through_templates(build)
        self.assertSameCases(fast, slow)
        self.assertIn("&lt;b&gt;unsafe label", fast["True as_p"])

    def test_the_default_renderer_takes_the_fast_path(self):
        from django import forms

        renderer = djscratch.get_default_renderer()
        self.assertIs(djscratch._fast_path(renderer, "django/forms/div.html"),
                      djscratch._fast_div)
        self.assertIsNone(djscratch._fast_path(renderer, "custom.html"))
        self.assertIsNone(djscratch._fast_path(TemplatesOnlyRenderer(),
                                               "django/forms/div.html"))
        self.assertIsNone(djscratch._fast_path(forms.renderers.TemplatesSetting(),
                                               "django/forms/div.html"))

        class Renamed(forms.renderers.DjangoTemplates):
            form_template_name = "django/forms/p.html"

        self.assertIs(djscratch._fast_path(Renamed(), "django/forms/p.html"),
                      djscratch._fast_p)

    def test_a_renderer_class_patched_later_takes_the_templates(self):
        from unittest import mock

        renderer = djscratch.FormDjangoTemplates()
        self.assertIsNotNone(djscratch._fast_path(renderer, "django/forms/div.html"))
        with mock.patch.object(djscratch.FormDjangoTemplates, "render",
                               return_value="mocked"):
            self.assertIsNone(djscratch._fast_path(renderer, "django/forms/div.html"))
            self.assertFalse(djscratch._renders_builtin(renderer))
        self.assertIsNotNone(djscratch._fast_path(renderer, "django/forms/div.html"))

    def test_a_renderer_instance_with_its_own_render_takes_the_templates(self):
        renderer = djscratch.FormDjangoTemplates()
        calls = []
        renderer.render = lambda name, context, request=None: calls.append(name) or ""
        self.assertIsNone(djscratch._fast_path(renderer, "django/forms/div.html"))


@unittest.skipUnless(test_modelforms.HAVE_ORM, "needs the ORM section")
class ModelFormFastPathTests(test_modelforms._ModelFormTestCase):
    def test_every_modelform_case_renders_the_same_through_the_templates(self):
        from django.db import transaction

        def build_and_roll_back(build):
            # The cases save rows: both paths start from the same database.
            with transaction.atomic():
                result = json.loads(json.dumps(build()))
                transaction.set_rollback(True)
            return result

        fast = build_and_roll_back(modelform_cases.build)
        slow, used = _through_templates(
            lambda: build_and_roll_back(modelform_cases.build))
        self.assertEqual(sorted(fast), sorted(slow))
        for name in sorted(fast):
            with self.subTest(case=name):
                self.assertEqual(fast[name], slow[name])
        self.assertIn("django/forms/div.html", used)


class RenderersAgainstDjangoTests(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out = run_scenario("form_renderers_scenario.py", "FORM_RENDERERS_ENGINE")
        cls.expected = load_expected("form_renderers_expected.json")

    def test_every_case_matches_django(self):
        self.assertEqual(sorted(self.out), sorted(self.expected))
        for name, value in sorted(self.expected.items()):
            with self.subTest(case=name):
                self.assertEqual(self.out[name], value)

    def test_a_project_overrides_builtin_templates_with_templates_setting(self):
        self.assertIn("<section>", self.out["setting.unbound.str"])
        self.assertIn('<div class="errorlist">', self.out["setting.errors.as_p"])
        self.assertNotIn("<section>", self.out["default.unbound.str"])

    def test_the_default_renderer_does_not_read_the_projects_dirs(self):
        self.assertEqual(self.out["custom_template.unbound.str"],
                         "TemplateDoesNotExist: custom_form.html")


@override_settings(**TEST_SETTINGS, USE_I18N=False)
class RendererSettingsTests(unittest.TestCase):
    def test_form_renderer_setting_names_the_default_renderer(self):
        from django.forms.renderers import DjangoTemplates, TemplatesSetting

        self.assertIsInstance(djscratch.get_default_renderer(), DjangoTemplates)
        with override_settings(
                FORM_RENDERER="django.forms.renderers.TemplatesSetting"):
            self.assertIsInstance(djscratch.get_default_renderer(), TemplatesSetting)
        self.assertIsInstance(djscratch.get_default_renderer(), DjangoTemplates)

    def test_templates_setting_without_django_forms_finds_no_form_template(self):
        from django import forms
        from django.forms.renderers import TemplatesSetting
        from django.template import TemplateDoesNotExist

        class F(forms.Form):
            name = forms.CharField()

        with override_settings(TEMPLATES=[{
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True}]):
            with self.assertRaisesMessage(TemplateDoesNotExist,
                                          "django/forms/div.html"):
                str(F(renderer=TemplatesSetting()))

    def assertRaisesMessage(self, exc, text):
        return self.assertRaisesRegex(exc, __import__("re").escape(text))


def _general_widget_html(bf):
    """str(bf) the general way: as_widget() (and the hidden initial value)."""
    return djscratch.RenderableFieldMixin.__str__(bf)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class PlainWidgetTests(unittest.TestCase):
    """_plain_widget_html() (a plain field's widget in one function) gives what
    as_widget() gives, and stands aside whenever anything is not plain."""

    def _checked_forms_cases(self):
        answered = []
        real = djscratch._plain_widget_html

        def compare(bf):
            html = real(bf)
            if html is not None:
                answered.append(type(bf.field.widget).__name__)
                self.assertEqual(html, _general_widget_html(bf), bf.html_name)
                self.assertIs(type(html), djscratch.SafeString)
            return html

        from unittest import mock

        # Where the code reads it: the single file, or forms.boundfield.
        code = sys.modules[real.__module__]
        with mock.patch.object(code, "_plain_widget_html", compare):
            forms_cases.build()
            forms_cases.fuzz(60)
        return answered

    def test_every_plain_widget_of_the_forms_cases_matches_as_widget(self):
        answered = self._checked_forms_cases()
        self.assertGreater(len(answered), 50)
        self.assertLessEqual({"TextInput", "NumberInput", "EmailInput", "URLInput",
                              "Textarea"}, set(answered))

    def _form(self, **field_kwargs):
        from django import forms

        class F(forms.Form):
            name = forms.CharField(max_length=5, help_text="<b>h</b>", **field_kwargs)

        return F({"name": "toolong<&>"})

    def test_bound_with_errors_and_help_text(self):
        bf = self._form()["name"]
        html = djscratch._plain_widget_html(bf)
        self.assertIn('aria-describedby="id_name_helptext id_name_error"', html)
        self.assertIn('value="toolong&lt;&amp;&gt;"', html)
        self.assertEqual(html, _general_widget_html(bf))

    def test_what_is_not_plain_goes_the_general_way(self):
        from unittest import mock

        from django import forms

        class OwnBoundField(djscratch.BoundField):
            pass

        class OwnInput(forms.TextInput):
            pass

        form = self._form()
        cases = {
            "a BoundField subclass": OwnBoundField(form, form.fields["name"], "name"),
            "a widget subclass": self._form(widget=OwnInput)["name"],
            "a hidden input": self._form(widget=forms.HiddenInput)["name"],
            "show_hidden_initial": self._form(show_hidden_initial=True)["name"],
            "localize": self._form(localize=True)["name"],
        }
        instance = self._form()["name"]
        instance.as_widget = lambda *a, **k: "instance"
        cases["a method set on the instance"] = instance
        widget_attr = self._form()["name"]
        widget_attr.field.widget.render = lambda *a, **k: "widget instance"
        cases["a method set on the widget"] = widget_attr
        for reason, bf in cases.items():
            with self.subTest(reason):
                self.assertIsNone(djscratch._plain_widget_html(bf))
        bf = self._form()["name"]
        with mock.patch.object(djscratch.BoundField, "build_widget_attrs",
                               lambda self, attrs, widget=None: {"x": "y"}):
            self.assertIsNone(djscratch._plain_widget_html(bf))
            self.assertIn(' x="y"', str(bf))
        with mock.patch.object(forms.Widget, "get_context",
                               side_effect=RuntimeError("general")):
            self.assertIsNone(djscratch._plain_widget_html(bf))
        with override_settings(FORM_RENDERER=RENDERER):
            self.assertIsNone(djscratch._plain_widget_html(self._form()["name"]))
        self.assertIsNotNone(djscratch._plain_widget_html(self._form()["name"]))

    def test_a_hidden_type_input_does_not_clean_the_form_as_before(self):
        from django import forms

        class F(forms.Form):
            token = forms.CharField(widget=forms.TextInput(attrs={"type": "hidden"}))

        for render in (djscratch._plain_widget_html, _general_widget_html):
            with self.subTest(render.__name__):
                form = F({"token": "t"})
                self.assertEqual(render(form["token"]),
                                 '<input type="hidden" name="token" value="t" '
                                 'id="id_token">')
                self.assertIsNone(form._errors)  # errors never asked for


def _general_widget_verdict(cls):
    """What _plain_widget_verdict(cls) decides, asked of the class now."""
    members, twin = djscratch._PLAIN_WIDGETS[cls]
    plain = (djscratch._widget_members(cls) == members
             and djscratch.Widget.get_context is djscratch._WIDGET_GET_CONTEXT)
    return (twin if plain else None,
            cls.id_for_label is djscratch._WIDGET_ID_FOR_LABEL)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class PlainWidgetVerdictTests(unittest.TestCase):
    """The verdict on a widget class, kept from one field to the next, is
    what the class's members say at that moment, whatever is patched on it
    or a base, during and after the patch."""

    def _bound(self, widget_class):
        from django import forms

        class F(forms.Form):
            name = forms.CharField(widget=widget_class)

        return F()["name"]

    def _verdict(self, cls):
        """_plain_widget_class()'s answer for a field with a `cls` widget."""
        plain = djscratch._plain_widget_class(self._bound(cls))
        return (None, None) if plain is None else (plain[1], plain[2])

    def test_patches_of_any_member_on_the_class_or_a_base(self):
        from unittest import mock

        from django import forms

        def replacement(name, owner):
            original = getattr(owner, name)
            if isinstance(original, property):
                return property(original.fget)
            return lambda *args, **kwargs: original(*args, **kwargs)

        names = ("render", "_render", "get_context", "build_attrs",
                 "use_required_attribute", "is_hidden", "use_fieldset",
                 "id_for_label")
        checked = 0
        for cls in djscratch._PLAIN_WIDGETS:
            plain = self._verdict(cls)
            self.assertIsNotNone(plain[0], cls)
            self.assertEqual(plain, _general_widget_verdict(cls))
            for owner in cls.__mro__[:-1]:  # the class, Input, Widget
                for name in names:
                    with self.subTest(cls=cls, owner=owner, name=name):
                        with mock.patch.object(owner, name, replacement(name, owner)):
                            verdict = self._verdict(cls)
                            general = _general_widget_verdict(cls)
                            if verdict[0] is None:  # refused: the general way
                                self.assertIsNone(general[0])
                            else:
                                self.assertEqual(verdict, general)
                            self.assertNotEqual(verdict, plain)
                        # The patch undone: plain again, at once.
                        self.assertEqual(self._verdict(cls), plain)
                        checked += 1
            # An attribute added to a base, then deleted.
            forms.Widget.extra_attribute_for_test = 1
            self.assertEqual(self._verdict(cls), plain)
            del forms.Widget.extra_attribute_for_test
        self.assertGreater(checked, 100)

    def test_the_general_way_renders_while_a_method_is_patched(self):
        from unittest import mock

        from django import forms

        bf = self._bound(forms.TextInput)
        plain_html = str(bf)
        with mock.patch.object(forms.Input, "get_context",
                               side_effect=RuntimeError("the general way")):
            with self.assertRaisesRegex(RuntimeError, "the general way"):
                str(self._bound(forms.TextInput))
        with mock.patch.object(forms.Widget, "render",
                               lambda self, *args, **kwargs: "patched"):
            self.assertEqual(str(self._bound(forms.TextInput)), "patched")
        with mock.patch.object(forms.TextInput, "id_for_label",
                               lambda self, id_: "own-" + id_):
            self.assertIn('for="own-id_name"',
                          str(self._bound(forms.TextInput).form))
        self.assertEqual(str(self._bound(forms.TextInput)), plain_html)


def _general_field_group(bf):
    """bf.as_field_group() the general way (render(), field.html's twin)."""
    return djscratch.RenderableFieldMixin.as_field_group(bf)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class PlainFieldGroupTests(unittest.TestCase):
    """_plain_field_group_html() (a plain field's label, help text, errors and
    widget in one function) gives what as_field_group() gives, and stands
    aside whenever anything on that way is not the library's own."""

    def _checked(self, build):
        answered = []
        real = djscratch._plain_field_group_html

        def compare(bf, plans=None):
            html = real(bf, plans)
            if html is not None:
                answered.append(bf)
                self.assertEqual(html, _general_field_group(bf), bf.html_name)
                self.assertIs(type(html), djscratch.SafeString)
            return html

        from unittest import mock

        # Where the code reads it: the single file, or forms.boundfield.
        code = sys.modules[real.__module__]
        with mock.patch.object(code, "_plain_field_group_html", compare):
            build()
        return answered

    def test_every_plain_field_of_the_forms_cases_matches_as_field_group(self):
        answered = self._checked(lambda: (forms_cases.build(), forms_cases.fuzz(60)))
        self.assertGreater(len(answered), 50)

    def _form_class(self, **field_kwargs):
        from django import forms

        class F(forms.Form):
            name = forms.CharField(max_length=5, **field_kwargs)
            body = forms.CharField(widget=forms.Textarea, required=False)

        return F

    def test_labels_ids_help_texts_errors_and_values(self):
        from django import forms

        class Styled(forms.Form):
            required_css_class = "req"
            error_css_class = "err"
            name = forms.CharField(max_length=5, label="Name?", help_text="<b>h</b>")
            nick = forms.CharField(label="", required=False, initial="<x>")
            when = forms.CharField(label_suffix=" =", disabled=True,
                                   initial=lambda: "now")
            code = forms.CharField(widget=forms.TextInput(attrs={"id": "own"}))
            email = forms.EmailField(label=djscratch.gettext_lazy("E-mail"))
            number = forms.IntegerField(widget=forms.NumberInput(
                attrs={"aria-describedby": "x"}), help_text="n")

        class ShownErrors(djscratch.ErrorList):
            def __str__(self):
                return "<errors of %s>" % self.field_id

        data = {"name": "toolong<&>", "nick": "", "code": "c", "number": "x"}
        kwargs = [{}, {"error_class": ShownErrors}, {"auto_id": False},
                  {"auto_id": "f_%s_x"}, {"auto_id": True},
                  {"prefix": "p"}, {"label_suffix": ""}, {"label_suffix": " ->"},
                  {"use_required_attribute": False}, {"initial": {"name": "i"}}]
        cases = [(cls, d, k) for cls in (Styled, self._form_class())
                 for d in (None, data) for k in kwargs]

        def build():
            for cls, d, k in cases:
                form = cls(d, **k)
                str(form)
                form.as_div()
                for bf in form:  # {{ field.as_field_group }}
                    self.assertEqual(bf.as_field_group(), _general_field_group(bf))

        answered = self._checked(build)
        self.assertGreaterEqual(len(answered), len(cases) * 3)

    def test_what_is_not_plain_goes_the_general_way(self):
        from unittest import mock

        from django import forms

        class OwnBoundField(djscratch.BoundField):
            pass

        class OwnInput(forms.TextInput):
            def id_for_label(self, id_):
                return "other"

        F = self._form_class()
        form = F()
        cases = {
            "a BoundField subclass": OwnBoundField(form, form.fields["name"], "name"),
            "a widget subclass": self._form_class(widget=OwnInput)()["name"],
            "a field template": self._form_class(
                template_name="django/forms/p.html")()["name"],
            "a hidden input": self._form_class(widget=forms.HiddenInput)()["name"],
        }
        label_form = F()
        label_form.template_name_label = "django/forms/attrs.html"
        cases["another label template"] = label_form["name"]
        for reason, bf in cases.items():
            with self.subTest(reason):
                self.assertIsNone(djscratch._plain_field_group_html(bf))
                self.assertIsNone(djscratch._plain_field_group_html(bf, {}))
        with mock.patch.object(djscratch.BoundField, "label_tag",
                               lambda self, *a, **k: "LABEL"):
            bf = F()["name"]
            self.assertIsNone(djscratch._plain_field_group_html(bf))
            self.assertIn("LABEL", str(bf.form))
        with override_settings(FORM_RENDERER=RENDERER):
            self.assertIsNone(djscratch._plain_field_group_html(F()["name"]))
        self.assertIsNotNone(djscratch._plain_field_group_html(F()["name"]))

    def test_remembered_groups_follow_every_part_and_stay_bounded(self):
        F = self._form_class()
        variants = [
            lambda f: None,
            lambda f: f.fields["name"].widget.attrs.update({"data-x": True}),
            lambda f: f.fields["name"].widget.attrs.update({"data-x": 1}),
            lambda f: f.fields["name"].widget.attrs.update({"data-x": "1"}),
            lambda f: f.fields["name"].widget.attrs.update(
                {"data-x": djscratch.mark_safe("<b>")}),
            lambda f: f.fields["name"].widget.attrs.update({"id": "own"}),
            lambda f: setattr(f.fields["name"], "label", "<b>"),
            lambda f: setattr(f.fields["name"], "label", djscratch.mark_safe("<b>")),
            lambda f: setattr(f.fields["name"], "help_text", "<i>"),
            lambda f: setattr(f.fields["name"], "help_text",
                              djscratch.mark_safe("<i>")),
            lambda f: setattr(f.fields["name"], "required", False),
            lambda f: setattr(f.fields["name"], "disabled", True),
            lambda f: setattr(f.fields["name"], "initial", "<v>"),
            lambda f: setattr(f.fields["name"], "initial", djscratch.mark_safe("<v>")),
            lambda f: setattr(f, "required_css_class", "req"),
            lambda f: setattr(f.fields["name"], "label_suffix", "!"),
            lambda f: setattr(f, "use_required_attribute", False),
        ]

        def build():
            for data in (None, {"name": "x"}, {"name": "toolong"}):
                for change in variants * 2:
                    form = F(data)
                    change(form)
                    str(form)

        answered = self._checked(build)
        self.assertGreaterEqual(len(answered), len(variants) * 12)
        cache = sys.modules[djscratch._plain_field_group_html.__module__]
        long_value = "v" * 2000
        form = F({"name": long_value})
        self.assertIn(long_value, str(form))
        self.assertFalse(any(long_value in html
                             for html in cache._group_html_cache.values()))
        for i in range(600):
            str(F({"name": "n%d" % i}))
        self.assertLessEqual(len(cache._group_html_cache), 512)

    def test_a_callable_initial_is_called_once(self):
        calls = []
        F = self._form_class(initial=lambda: calls.append(1) or "v")
        form = F()
        self.assertIn('value="v"', str(form))
        self.assertEqual(calls, [1])


def _general_group_plan(form):
    """_plain_group_plan(form) as it reads: _fast_path() for each name,
    _renders_empty_error_lists() for the error list.  (Widget.get_context()
    is the widget class's verdict: PlainWidgetVerdictTests.)"""
    renderer = form.renderer
    if (djscratch._group_members(djscratch.BoundField) != djscratch._PLAIN_GROUP
            or djscratch._bound_field_members(djscratch.BoundField)
            != djscratch._PLAIN_BOUND_FIELD
            or djscratch._fast_path(renderer, renderer.field_template_name)
            is not djscratch._fast_field
            or djscratch._fast_path(renderer, form.template_name_label)
            is not djscratch._fast_label):
        return (form, None, False)
    return (form, renderer, form.error_class is djscratch.ErrorList
            and djscratch._renders_empty_error_lists(
                renderer or djscratch.get_default_renderer()))


def _answer(function, *args):
    """function(*args), or the type of the exception it raised."""
    try:
        return function(*args)
    except Exception as exc:
        return (type(exc), None, None)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class PlainGroupPlanTests(unittest.TestCase):
    """_plain_group_plan(), which checks the renderer once for the two
    templates and the error list, says what _fast_path() and
    _renders_empty_error_lists() would, whatever is changed."""

    def test_plan_matches_the_checks_one_by_one(self):
        from unittest import mock

        from django import forms

        class OwnErrors(djscratch.ErrorList):
            pass

        class F(forms.Form):
            name = forms.CharField()

        class Labelled(F):
            template_name_label = "own/label.html"

        class FalsyRenderer(djscratch.FormDjangoTemplates):
            def __len__(self):
                return 0

        patched_instance = djscratch.FormDjangoTemplates()
        patched_instance.get_template = lambda name: None
        own_field = djscratch.FormDjangoTemplates()
        own_field.field_template_name = "own/field.html"
        renderers = [None, djscratch.FormDjangoTemplates(),
                     djscratch.TemplatesSetting(),
                     TemplatesOnlyRenderer(), FalsyRenderer(), patched_instance,
                     own_field]
        patches = [
            (), (mock.patch.object(djscratch.ErrorList, "template_name", "x.html"),),
            (mock.patch.object(djscratch.ErrorList, "__str__", lambda self: "e"),),
            (mock.patch.object(djscratch.BoundField, "label_tag", lambda self: "l"),),
            (mock.patch.object(djscratch.BoundField, "css_classes",
                               lambda self, extra_classes=None: ""),),
            (mock.patch.object(djscratch.Widget, "get_context",
                               djscratch.Widget.get_context),),
            (mock.patch.object(djscratch.FormDjangoTemplates, "render",
                               djscratch.FormDjangoTemplates.render),),
        ]
        answered = 0
        for form_class in (F, Labelled):
            for kwargs in ({}, {"error_class": OwnErrors}):
                for renderer in renderers:
                    for patch in patches:
                        form = form_class(renderer=renderer, **kwargs)
                        with contextlib.ExitStack() as stack:
                            for p in patch:
                                stack.enter_context(p)
                            if renderer is None:
                                form.renderer = None  # as a subclass may set it
                            plan = _answer(djscratch._plain_group_plan, form)
                            self.assertEqual(plan, _answer(_general_group_plan, form),
                                             (form_class, kwargs, renderer, patch))
                            answered += plan[2] is True
        self.assertGreater(answered, 3)

    def test_error_lists_with_the_first_fields_plan_as_without(self):
        from unittest import mock

        from django import forms

        class OwnErrors(djscratch.ErrorList):
            pass

        class F(forms.Form):
            name = forms.CharField()

        class Loud(djscratch.FormDjangoTemplates):
            def render(self, template_name, context, request=None):
                return "<%s>" % template_name

        renderers = [djscratch.FormDjangoTemplates(), djscratch.TemplatesSetting(),
                     TemplatesOnlyRenderer(), Loud()]
        patches = [
            (), (mock.patch.object(djscratch.ErrorList, "template_name",
                                   djscratch.ErrorList.template_name_text),),
            (mock.patch.object(djscratch.BoundField, "label_tag", lambda self: "l"),),
        ]
        given = 0
        for renderer in renderers:
            for kwargs in ({}, {"error_class": OwnErrors}):
                for patch in patches:
                    with contextlib.ExitStack() as stack:
                        for p in patch:
                            stack.enter_context(p)
                        form = F(renderer=renderer, **kwargs)
                        plans = {}
                        fields = form.get_context()["fields"]
                        empty_renderer = djscratch._first_field_plan(fields, plans)
                        self.assertEqual(list(plans.values()),
                                         [djscratch._plain_group_plan(form)])
                        given += empty_renderer is not None
                        lists = [form.non_field_errors().copy(), fields[0][1],
                                 djscratch.ErrorList(), djscratch.ErrorList(["e"]),
                                 djscratch.ErrorList(renderer=renderer),
                                 djscratch.ErrorList(["<e>"], renderer=renderer),
                                 OwnErrors(renderer=renderer),
                                 djscratch.ErrorList(renderer=Loud())]
                        for errors in lists:
                            self.assertEqual(
                                _answer(djscratch._error_list_html, errors,
                                        empty_renderer),
                                _answer(djscratch._error_list_html, errors))
        self.assertGreater(given, 0)
        for fields in ([], [("not a field", None)], (), [[None, None]]):
            self.assertIsNone(djscratch._first_field_plan(fields, {}))


def _general_errors_html(bf):
    """{{ field.errors }} the general way: str() of the ErrorList, escaped."""
    return djscratch.conditional_escape(str(bf.errors))


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class FieldErrorsHtmlTests(unittest.TestCase):
    """_errors_html() writes "" for a field without errors only when the
    general way (an empty ErrorList rendered by the built-in template) would;
    everything else goes the general way, with the same output."""

    def _form(self, data=None, **form_kwargs):
        from django import forms

        class F(forms.Form):
            name = forms.CharField(max_length=3)
            other = forms.CharField(required=False)

        return F(data, **form_kwargs)

    def _check(self, form, name="name"):
        bf = form[name]
        html = djscratch._errors_html(bf)
        self.assertEqual(html, _general_errors_html(bf))
        return html

    def test_matches_the_general_way_on_every_field_of_the_forms_cases(self):
        checked = []
        real = djscratch._errors_html

        def compare(bf):
            html = real(bf)
            self.assertEqual(html, _general_errors_html(bf), bf.html_name)
            checked.append(html)
            return html

        from unittest import mock

        # Where the code reads it: the single file, or forms.boundfield.
        code = sys.modules[real.__module__]
        with mock.patch.object(code, "_errors_html", compare):
            forms_cases.build()
            forms_cases.fuzz(40)
        self.assertIn("", checked)
        self.assertTrue(any(checked))

    def test_unbound_bound_and_erroneous_fields(self):
        self.assertEqual(self._check(self._form()), "")
        self.assertEqual(self._check(self._form({"name": "ok"})), "")
        form = self._form({"name": "toolong"})
        self.assertIn('<ul class="errorlist" id="id_name_error">', self._check(form))
        self.assertEqual(self._check(form, "other"), "")
        form = self._form({"name": "ok"})
        form.errors["name"] = form.error_class()  # present, even if empty
        self._check(form)

    def test_what_is_not_plain_goes_the_general_way(self):
        from unittest import mock

        class Shown(djscratch.ErrorList):
            def __str__(self):
                return "<none>"

        class OwnBoundField(djscratch.BoundField):
            @property
            def errors(self):
                return Shown()

        form = self._form()
        self.assertEqual(self._check(form, "other"), "")
        self.assertEqual(self._check(self._form(error_class=Shown)), "&lt;none&gt;")
        own = OwnBoundField(form, form.fields["name"], "name")
        self.assertEqual(djscratch._errors_html(own), "&lt;none&gt;")
        with mock.patch.object(djscratch.ErrorList, "__str__",
                               lambda self, *a, **k: djscratch.mark_safe("<i>")):
            self.assertEqual(self._check(self._form()), "<i>")
        with mock.patch.object(djscratch.ErrorList, "get_context",
                               lambda self: {"errors": ["x"], "error_class": "e"}):
            self.assertIn("<li>x</li>", self._check(self._form()))
        with mock.patch.object(djscratch.ErrorList, "template_name",
                               "django/forms/errors/list/text.txt"):
            self._check(self._form())
        with override_settings(FORM_RENDERER=RENDERER):
            TemplatesOnlyRenderer.rendered.clear()
            self.assertEqual(self._check(self._form()), "")
            self.assertIn("django/forms/errors/list/default.html",
                          TemplatesOnlyRenderer.rendered)

    def test_error_lists_write_what_the_general_way_writes(self):
        from unittest import mock

        form = self._form({"name": "toolong"})
        lists = {
            "empty": djscratch.ErrorList(),
            "non-field, empty": form.non_field_errors(),
            "with an error": form.errors["name"],
            "a template set on the instance": djscratch.ErrorList(),
            "a subclass": type("Own", (djscratch.ErrorList,), {})(),
        }
        lists["a template set on the instance"].template_name = (
            "django/forms/errors/list/text.txt")
        for reason, errors in lists.items():
            with self.subTest(reason):
                self.assertEqual(djscratch._error_list_html(errors),
                                 djscratch.conditional_escape(str(errors)))
        self.assertEqual(djscratch._error_list_html(djscratch.ErrorList()), "")
        with mock.patch.object(djscratch.ErrorList, "__len__", lambda self: 1):
            self.assertEqual(djscratch._error_list_html(djscratch.ErrorList()),
                             djscratch.conditional_escape(
                                 str(djscratch.ErrorList())))
        for layout in ("as_p", "as_table", "as_ul", "as_div"):
            with self.subTest(layout):
                for data in (None, {"name": "toolong"}, {"name": "ok"}):
                    fast = getattr(self._form(data), layout)()
                    with override_settings(FORM_RENDERER=RENDERER):
                        general = getattr(self._form(data), layout)()
                    self.assertEqual(fast, general)


def _general_form_html(form):
    """str(form) the general way: get_context() into div.html's twin."""
    return djscratch.SafeString(djscratch._fast_div(form.get_context()).strip())


def _bound_field_states(form):
    """{name: the BoundField's __dict__ without the form and the field} of
    form's BoundFields (which must be form's and its field's)."""
    for name, bf in form._bound_fields_cache.items():
        assert bf.form is form and bf.field is form.fields[name], name
    return {name: {key: value for key, value in vars(bf).items()
                   if key not in ("form", "field")}
            for name, bf in form._bound_fields_cache.items()}


#: _plain_form_html() itself (a test patches it where the code reads it).
_PLAIN_FORM_HTML = djscratch._plain_form_html


@contextlib.contextmanager
def _without_plain_forms():
    """Every form rendered the general way (_plain_form_html() answers None)."""
    from unittest import mock

    # Where the code reads it: the single file, or forms.forms.
    with mock.patch.object(sys.modules[_PLAIN_FORM_HTML.__module__], "_plain_form_html",
                           lambda form, renderer: None):
        yield


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class PlainFormTests(unittest.TestCase):
    """_plain_form_html() (an unbound form like the last of its class: its
    text again) gives what the general way gives, leaves the same
    BoundFields in the form, and stands aside whenever anything the text is
    written from has changed or is not the library's own."""

    maxDiff = None

    def setUp(self):
        djscratch._plain_form_entries.clear()
        djscratch._not_plain_forms.clear()

    def _checked(self, build):
        answered = []
        real = _PLAIN_FORM_HTML

        def compare(form, renderer):
            html = real(form, renderer)
            if html is not None:
                answered.append(form)
                # The BoundFields it left are those the general way makes,
                # and rendering again the general way writes the same text.
                states = _bound_field_states(form)
                form._bound_fields_cache.clear()
                self.assertEqual(html, _general_form_html(form))
                self.assertEqual(states, _bound_field_states(form))
                self.assertIs(type(html), djscratch.SafeString)
            return html

        from unittest import mock

        with mock.patch.object(sys.modules[real.__module__], "_plain_form_html",
                               compare):
            build()
        return answered

    def test_every_plain_form_of_the_forms_cases_matches_the_general_way(self):
        def build():
            for _ in range(2):  # the second time from the entries
                forms_cases.build()
                forms_cases.fuzz(60)

        self._checked(build)

    def test_forms_with_every_option_match_the_general_way(self):
        from django import forms

        class Styled(forms.Form):
            required_css_class = "req"
            error_css_class = "err"
            name = forms.CharField(max_length=5, label="Name?", help_text="<b>h</b>")
            nick = forms.CharField(label="", required=False, initial="<x>")
            when = forms.CharField(label_suffix=" =", disabled=True, initial=3)
            code = forms.CharField(widget=forms.TextInput(attrs={"id": "own"}))
            email = forms.EmailField(label=djscratch.mark_safe("E-<i>mail</i>"))
            number = forms.CharField(widget=forms.NumberInput(
                attrs={"aria-describedby": "x", "step": 2}), help_text="n")
            secret = forms.CharField(widget=forms.TextInput(attrs={"class": "s"}))

        class Hidden(forms.Form):
            a = forms.CharField()
            b = forms.CharField(widget=forms.HiddenInput)

        class Empty(forms.Form):
            pass

        kwargs = [{}, {"auto_id": False}, {"auto_id": "f_%s_x"}, {"auto_id": True},
                  {"prefix": "p"}, {"label_suffix": ""}, {"label_suffix": " ->"},
                  {"use_required_attribute": False}, {"initial": {"name": "i"}},
                  {"empty_permitted": True, "use_required_attribute": False}]
        cases = [(cls, k) for cls in (Styled, Hidden, Empty, self._form_class())
                 for k in kwargs]

        def build():
            for _ in range(2):
                for cls, k in cases:
                    with _without_plain_forms():
                        expected = str(cls(**k))
                    self.assertEqual(str(cls(**k)), expected)
                    self.assertEqual(str(cls(**k).as_div()), expected)

        answered = self._checked(build)
        self.assertGreaterEqual(len(answered), len(cases) * 2)

    def _form_class(self, **field_kwargs):
        from django import forms

        class F(forms.Form):
            name = forms.CharField(max_length=5, **field_kwargs)
            body = forms.CharField(widget=forms.Textarea, required=False,
                                   help_text="<b>h</b>")

        return F

    def assertSameAsGeneral(self, make, answers=True):
        """str(make()) equals the general way's, after a plain form of the
        same class was remembered; `answers`: whether _plain_form_html()
        answered (None: either)."""
        with _without_plain_forms():
            general = make()
            expected = str(general)
        form = make()
        answered = self._checked(lambda: self.assertEqual(str(form), expected))
        if answers is not None:
            self.assertEqual(bool(answered), answers)
        self.assertEqual(_bound_field_states(form), _bound_field_states(general))
        return form

    def test_the_second_plain_form_of_a_class_is_written_from_the_entry(self):
        F = self._form_class()
        self.assertSameAsGeneral(F)
        entry = djscratch._plain_form_entries[F, None]
        self.assertSameAsGeneral(F)
        self.assertIs(djscratch._plain_form_entries[F, None], entry)
        form = F()
        self.assertIs(str(form), entry[2])
        self.assertEqual(form["name"].label, "Name")
        self.assertIs(form["name"], form["name"])
        self.assertIsNotNone(form._errors)

    def test_a_changed_field_or_option_is_written_again(self):
        from django import forms

        F = self._form_class()

        def changed(change, **kwargs):
            def make():
                form = F(**kwargs)
                change(form)
                return form
            return make

        def setattr_(name, attr, value):
            return lambda form: setattr(form.fields[name], attr, value)

        def widget_attr(name, attr, value):
            return lambda form: form.fields[name].widget.attrs.__setitem__(attr, value)

        def nothing(form):
            pass

        other_renderer = TemplatesOnlyRenderer()

        cases = [
            changed(setattr_("name", "label", "New")),
            changed(setattr_("name", "label", djscratch.mark_safe("<i>N</i>"))),
            changed(setattr_("name", "label", djscratch.gettext_lazy("Lazy"))),
            changed(setattr_("name", "help_text", "help")),
            changed(setattr_("name", "initial", "<v>")),
            changed(setattr_("name", "initial", 7)),
            changed(setattr_("name", "initial", lambda: "called")),
            changed(setattr_("name", "required", False)),
            changed(setattr_("name", "disabled", True)),
            changed(setattr_("name", "label_suffix", " =")),
            changed(setattr_("name", "template_name", "django/forms/field.html")),
            changed(setattr_("body", "widget", forms.TextInput())),
            changed(setattr_("body", "widget", forms.Select(choices=[("a", "A")]))),
            changed(widget_attr("name", "class", "c")),
            changed(widget_attr("name", "maxlength", 5)),
            changed(widget_attr("name", "maxlength", "5")),
            changed(widget_attr("name", "required", False)),
            changed(widget_attr("name", "id", "own")),
            changed(lambda form: form.fields["name"].widget.attrs.pop("maxlength")),
            changed(lambda form: setattr(form.fields["name"].widget, "input_type",
                                         "hidden")),
            changed(lambda form: setattr(form.fields["name"].widget, "input_type",
                                         djscratch.mark_safe("text"))),
            changed(lambda form: setattr(form.fields["name"].widget, "is_required",
                                         [])),
            changed(lambda form: (setattr(form.fields["name"], "initial", 12345),
                                  setattr(form.fields["name"].widget, "is_localized",
                                          True))),
            changed(lambda form: form.fields.pop("name")),
            changed(lambda form: form.order_fields(["body"])),
            changed(lambda form: form.fields.__setitem__("x", forms.CharField())),
            changed(lambda form: form.fields.__setitem__("name", forms.CharField())),
            changed(lambda form: form.fields.__setitem__(
                "name", forms.CharField(max_length=5))),
            changed(lambda form: form["name"]),
            changed(lambda form: setattr(form["name"], "label", "Bound")),
            changed(lambda form: form.errors.__setitem__(
                "__all__", form.error_class(["top"]))),
            changed(lambda form: setattr(form, "required_css_class", "req")),
            changed(lambda form: setattr(form, "add_prefix", lambda name: "p-" + name)),
            changed(lambda form: setattr(form, "renderer", other_renderer)),
            changed(lambda form: setattr(form, "label_suffix", "")),
            changed(lambda form: setattr(form, "template_name_label", "".join(
                ["django/forms/", "label.html"]))),
            changed(nothing, auto_id=False),
            changed(nothing, auto_id=True),
            changed(nothing, auto_id="f_%s"),
            changed(nothing, prefix="p"),
            changed(nothing, label_suffix=" ->"),
            changed(nothing, use_required_attribute=False),
            changed(nothing, initial={"name": "i"}),
            changed(nothing, error_class=djscratch.ErrorList),
            changed(nothing, data={"name": "x"}),
            changed(nothing, renderer=djscratch.FormDjangoTemplates()),
        ]
        for number, make in enumerate(cases):
            with self.subTest(case=number):
                self.assertSameAsGeneral(F)  # the plain one, remembered
                self.assertSameAsGeneral(make, answers=None)
                self.assertSameAsGeneral(F)

    def test_a_changed_class_or_renderer_is_written_again(self):
        from unittest import mock

        from django import forms

        F = self._form_class()
        patches = [
            (djscratch.BaseForm, "add_prefix", lambda self, name: "x-" + name),
            (djscratch.BaseForm, "required_css_class", "req"),
            (djscratch.BaseForm, "get_initial_for_field",
             lambda self, field, name: "init"),
            (djscratch.BoundField, "css_classes", lambda self, extra=None: "c"),
            (djscratch.BoundField, "__init__", _labelled_bound_field_init),
            (djscratch.ErrorList, "copy", lambda self: djscratch.ErrorList(["e"])),
            (forms.CharField, "prepare_value", lambda self, value: "prepared"),
            (forms.CharField, "get_bound_field", _subclassed_bound_field),
            (forms.TextInput, "format_value", lambda self, value: "formatted"),
            (forms.Textarea, "template_name", "django/forms/widgets/input.html"),
            (F, "required_css_class", "req"),
            (F, "label_suffix", "!"),
        ]
        for number, (target, name, value) in enumerate(patches):
            with self.subTest(case=number):
                self.assertSameAsGeneral(F)
                with mock.patch.object(target, name, value, create=True):
                    self.assertSameAsGeneral(
                        F, answers=None)
                self.assertSameAsGeneral(F)
        # The class's own fields, changed: the next form copies the change.
        F.base_fields["name"].label = "Changed"
        self.assertIn("Changed", str(self.assertSameAsGeneral(F)))
        F.base_fields["name"].widget.attrs["class"] = "k"
        self.assertIn('class="k"', str(self.assertSameAsGeneral(F)))
        del F.base_fields["body"]
        self.assertNotIn("body", str(self.assertSameAsGeneral(F)))
        with override_settings(FORM_RENDERER=RENDERER):
            self.assertSameAsGeneral(F, answers=None)
        self.assertSameAsGeneral(F)

    def test_the_forms_of_a_formset_are_remembered_by_prefix(self):
        from django import forms

        F = self._form_class()
        FormSet = forms.formset_factory(F, extra=3)
        with _without_plain_forms():
            expected = str(FormSet())
        first = self._checked(lambda: self.assertEqual(str(FormSet()), expected))
        again = self._checked(lambda: self.assertEqual(str(FormSet()), expected))
        prefixes = ["form-0", "form-1", "form-2"]
        self.assertEqual([form.prefix for form in again], prefixes)
        self.assertEqual(len(first), 3)
        for prefix in prefixes:
            self.assertIn((F, prefix), djscratch._plain_form_entries)
        # Equal prefixes of other objects, and a prefix of another type.
        self.assertSameAsGeneral(lambda: F(prefix="".join(["form-", "1"])))
        self.assertSameAsGeneral(lambda: F(prefix=djscratch.mark_safe("form-1")),
                                 answers=False)

    def test_a_class_with_a_field_it_cannot_write_is_not_tried_again(self):
        from django import forms

        class G(forms.Form):
            name = forms.CharField()
            color = forms.ChoiceField(choices=[("r", "Red")])

        def plain():
            form = G()
            form.fields["color"] = forms.CharField()
            return form

        self.assertSameAsGeneral(G, answers=False)
        self.assertIn(G, djscratch._not_plain_forms)
        self.assertSameAsGeneral(plain, answers=False)  # not tried
        djscratch._not_plain_forms.clear()
        self.assertSameAsGeneral(plain, answers=True)
        self.assertSameAsGeneral(plain, answers=True)  # from the entry
        self.assertSameAsGeneral(G, answers=False)

    def test_a_form_rendered_again_keeps_its_bound_fields(self):
        # As in Django: the BoundFields of the first render are used again,
        # with the label they were made with.
        F = self._form_class()
        str(F())
        form = F()
        first = str(form)
        form.fields["name"].label = "Later"
        self.assertEqual(str(form), first)
        self.assertEqual(form["name"].label, "Name")


_BOUND_FIELD_INIT = djscratch.BoundField.__init__


def _labelled_bound_field_init(self, form, field, name):
    _BOUND_FIELD_INIT(self, form, field, name)
    self.label = "patched " + self.label


def _subclassed_bound_field(self, form, name):
    class Own(djscratch.BoundField):
        pass

    return Own(form, self, name)


@override_settings(**TEST_SETTINGS, USE_I18N=False, STATIC_URL="/static/")
class FormClassTokenTests(unittest.TestCase):
    """Making a form class changes no class anything was decided about: the
    widget classes' token stays (and with it the widget verdicts and the
    remembered forms); setting an attribute of a made class changes it."""

    def test_making_a_form_class_keeps_the_token(self):
        from django import forms

        token = djscratch._WIDGET_CLASSES_TOKEN[0]

        class F(forms.Form):
            name = forms.CharField()

        class G(F):
            other = forms.CharField()

        self.assertIs(djscratch._WIDGET_CLASSES_TOKEN[0], token)
        self.assertEqual(list(G.base_fields), ["name", "other"])
        self.assertIs(G.declared_fields, G.base_fields)
        G.label_suffix = "!"
        self.assertIsNot(djscratch._WIDGET_CLASSES_TOKEN[0], token)

    @unittest.skipUnless(test_modelforms.HAVE_ORM, "needs the ORM section")
    def test_making_a_model_form_class_keeps_the_token(self):
        from django import forms

        Author = modelform_cases.models()["Author"]
        token = djscratch._WIDGET_CLASSES_TOKEN[0]
        Form = forms.modelform_factory(Author, fields=["name", "email"])
        self.assertIs(djscratch._WIDGET_CLASSES_TOKEN[0], token)
        self.assertIs(Form._meta.model, Author)
        self.assertEqual(list(Form.base_fields), ["name", "email"])


class RememberedFormsAgainstDjangoTests(unittest.TestCase):
    """tests/form_cache_scenario.py (unbound forms rendered again after
    every kind of change a project makes, _plain_form_html() remembering
    them) gives Django 5.2's HTML, byte for byte."""

    maxDiff = None

    def test_every_render_matches_django(self):
        out = run_scenario("form_cache_scenario.py", "FORM_CACHE_ENGINE")
        expected = load_expected("form_cache_expected.json")
        self.assertEqual(sorted(out), sorted(expected))
        for name, value in sorted(expected.items()):
            with self.subTest(case=name):
                self.assertEqual(out[name], value)
