"""The Jinja2 template backend (django.template.backends.jinja2.Jinja2) and
the Jinja2 form renderer, over the jinja2 package (a test requirement;
djscratch imports it only when the backend is built)."""

import importlib.util
import os
import re
import tempfile
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings, SimpleTestCase
from tests import TEST_SETTINGS

HAS_JINJA2 = importlib.util.find_spec("jinja2") is not None


def _backend(dirs=(), **options):
    from django.template.backends.jinja2 import Jinja2

    return Jinja2({"NAME": "jinja2", "DIRS": list(dirs), "APP_DIRS": False,
                   "OPTIONS": options})


def _squeeze(html):
    """HTML with runs of whitespace between tags dropped (Jinja2 drops a
    template's trailing newline where Django's templates keep it)."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@unittest.skipUnless(HAS_JINJA2, "needs jinja2 (requirements-test.txt)")
@override_settings(**TEST_SETTINGS)
class Jinja2BackendTests(SimpleTestCase):
    def test_values_are_escaped_and_safe_strings_are_not(self):
        from django.utils.safestring import mark_safe

        template = _backend().from_string("{{ a }} {{ b }}")
        self.assertEqual(template.render({"a": "<i>", "b": mark_safe("<b>")}),
                         "&lt;i&gt; <b>")

    def test_get_template_reads_dirs_and_reports_a_missing_template(self):
        from django.template import TemplateDoesNotExist

        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "hello.html"), "w") as fp:
                fp.write("Hello {{ name }}!")
            backend = _backend([folder])
            template = backend.get_template("hello.html")
            self.assertEqual(template.render({"name": "Joe"}), "Hello Joe!")
            self.assertEqual(template.origin.template_name, "hello.html")
            with self.assertRaises(TemplateDoesNotExist) as caught:
                backend.get_template("nope.html")
            self.assertIs(caught.exception.backend, backend)

    def test_a_request_adds_csrf_and_the_context_processors(self):
        from django.test import RequestFactory

        backend = _backend(context_processors=[
            "django.template.context_processors.static"])
        template = backend.from_string(
            "{{ STATIC_URL }}|{{ request.path }}|{{ csrf_input }}|{{ csrf_token }}")
        with self.settings(STATIC_URL="/s/"):
            static, path, field, token = template.render(
                request=RequestFactory().get("/page/")).split("|")
        self.assertEqual((static, path), ("/s/", "/page/"))
        self.assertRegex(field, '^<input type="hidden" name="csrfmiddlewaretoken" '
                                'value="[A-Za-z0-9]{64}">$')
        self.assertRegex(token, "^[A-Za-z0-9]{64}$")

    def test_a_syntax_error_is_djangos_with_the_debug_lines(self):
        from django.template import TemplateSyntaxError

        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "bad.html"), "w") as fp:
                fp.write("line one\n{% block %}\nline three")
            with self.assertRaises(TemplateSyntaxError) as caught:
                _backend([folder]).get_template("bad.html")
        debug = caught.exception.template_debug
        self.assertEqual((debug["line"], debug["during"], debug["total"]),
                         (2, "{% block %}", 3))
        self.assertTrue(debug["name"].endswith("bad.html"))

    def test_undefined_names_show_themselves_only_with_debug(self):
        with self.settings(DEBUG=True):
            self.assertEqual(_backend().from_string("{{ nope }}").render(),
                             "{{ nope }}")
        self.assertEqual(_backend().from_string("[{{ nope }}]").render(), "[]")

    def test_the_sandbox_refuses_a_method_that_alters_data(self):
        import jinja2.sandbox

        class Account:
            def delete(self):
                raise AssertionError("called")

            delete.alters_data = True

        backend = _backend(environment="jinja2.sandbox.SandboxedEnvironment")
        with self.assertRaises(jinja2.sandbox.SecurityError):
            backend.from_string("{{ account.delete() }}").render(
                {"account": Account()})


@unittest.skipUnless(HAS_JINJA2, "needs jinja2 (requirements-test.txt)")
@override_settings(**TEST_SETTINGS)
class Jinja2FormRendererTests(SimpleTestCase):
    def _form_class(self):
        from django import forms

        class Everything(forms.Form):
            name = forms.CharField(max_length=3, help_text="Your <b>name</b>")
            kind = forms.ChoiceField(
                choices=[("a", "A"), ("Group", [("b", "B"), ("c", "C")])])
            tags = forms.MultipleChoiceField(
                choices=[("x", "X"), ("y", "Y")],
                widget=forms.CheckboxSelectMultiple)
            when = forms.SplitDateTimeField()
            body = forms.CharField(widget=forms.Textarea)
            upload = forms.FileField(required=False)
            secret = forms.CharField(widget=forms.HiddenInput)
            agree = forms.BooleanField()

        return Everything

    def test_each_layout_renders_what_the_django_templates_render(self):
        from django.forms.renderers import DjangoTemplates, Jinja2

        form_class = self._form_class()
        for data in (None, {"name": "toolong", "kind": "zzz"}):
            for layout in ("as_div", "as_p", "as_ul", "as_table"):
                with self.subTest(data=data, layout=layout):
                    jinja = getattr(form_class(data, renderer=Jinja2()), layout)()
                    django = getattr(
                        form_class(data, renderer=DjangoTemplates()), layout)()
                    self.assertEqual(_squeeze(jinja), _squeeze(django))

    def test_formsets_and_error_text_render_as_with_django_templates(self):
        from django import forms
        from django.forms.renderers import DjangoTemplates, Jinja2

        form_class = self._form_class()
        outputs = []
        for renderer in (Jinja2(), DjangoTemplates()):
            formset = forms.formset_factory(form_class, extra=2, renderer=renderer)()
            form = form_class({"name": "toolong"}, renderer=renderer)
            outputs.append((_squeeze(str(formset)), form.errors.as_text(),
                            form["name"].errors.as_text()))
        self.assertEqual(outputs[0], outputs[1])

    def test_templates_setting_finds_the_jinja2_form_templates_of_django_forms(self):
        from django import forms
        from django.forms.renderers import TemplatesSetting

        templates = [{"BACKEND": "django.template.backends.jinja2.Jinja2",
                      "APP_DIRS": True, "OPTIONS": {}}]
        with self.settings(TEMPLATES=templates,
                           INSTALLED_APPS=["django.forms"]):
            field = forms.CharField().widget.render(
                "q", "v", renderer=TemplatesSetting())
        self.assertEqual(field, '<input type="text" name="q" value="v">')
