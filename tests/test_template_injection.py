"""The template compiler never turns text into code.

Templates compile to Python source.  Template names (often built from request
data: render(request, f"pages/{name}.html")), block names, the source of tags,
variable names and literals must reach that source only as literals written by
repr(), or as identifiers the compiler makes itself.  Every hostile case here
carries a payload that sets the environment variable CANARY if it runs; the
expected outputs come from real Django (gen_template_injection_expected.py).
"""

import json
import os
import shutil
import tempfile
import unittest

from tests import TEST_SETTINGS, fuzz, fuzz_examples
from tests import template_injection_cases as cases
from tests.http_helpers import make_urlconf

import djscratch

try:
    from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test requirement
    raise unittest.SkipTest("hypothesis is not installed") from None

from django.shortcuts import render
from django.template import (
    Context, Engine, Library, TemplateDoesNotExist, TemplateSyntaxError,
    VariableDoesNotExist)
from django.test import Client, override_settings
from django.urls import path

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "template_injection_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)

LOCMEM = "django.template.loaders.locmem.Loader"


def page(request):
    """A view building its template name from the query string."""
    return render(request, "pages/%s.html" % request.GET.get("p", ""))


URLCONF = make_urlconf("tests.template_injection_urls", [path("page/", page)])


class CanaryMixin:
    """Fail a test if any payload ran (it sets os.environ[CANARY])."""

    def setUp(self):
        super().setUp()
        os.environ.pop(cases.CANARY, None)
        self.addCleanup(self.assertCanaryUntouched)
        self.root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.root)
        self.write_files(self.root, cases.FILES)
        self.native_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.native_root)
        self.write_files(self.native_root, {
            name: cases.to_native(text) for name, text in cases.FILES.items()})

    def assertCanaryUntouched(self):
        ran = os.environ.pop(cases.CANARY, None)
        self.assertIsNone(ran, "a payload in a template name or source ran")

    @staticmethod
    def write_files(root, files):
        for name, text in files.items():
            target = os.path.join(root, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)

    def engine(self, case, native=False):
        syntax = djscratch.NATIVE_SYNTAX if native else None
        if case["loader"] == "fs":
            return Engine(dirs=[self.native_root if native else self.root],
                          syntax=syntax)
        return Engine(loaders=[(LOCMEM, case["templates"])], syntax=syntax)


@override_settings(**TEST_SETTINGS)
class HostileCasesMatchDjango(CanaryMixin, unittest.TestCase):
    """One test per hole: the payload does not run and Django's answer holds."""

    def render_case(self, key, native=False):
        case = cases.CASES[key]
        engine = self.engine(case, native)
        try:
            if "name" in case:
                template = engine.get_template(case["name"])
            else:
                source = case["source"]
                template = engine.from_string(
                    cases.to_native(source) if native else source)
            return {"output": template.render(Context(case.get("context", {})))}
        except (TemplateDoesNotExist, TemplateSyntaxError) as exc:
            return {"error": type(exc).__name__, "message": str(exc)}

    def check(self, key):
        expected = EXPECTED["cases"][key]
        self.assertEqual(self.render_case(key), expected)
        self.assertCanaryUntouched()
        if cases.CASES[key].get("native"):
            self.assertEqual(self.render_case(key, native=True), expected)
            self.assertCanaryUntouched()

    def test_every_case_has_a_test(self):
        tested = {name[len("test_"):] for name in dir(self)
                  if name.startswith("test_")}
        self.assertEqual(set(cases.CASES) - tested, set())
        self.assertEqual(set(cases.CASES), set(EXPECTED["cases"]))

    # Template names: the docstring and the "# Compiled from" comment.
    def test_fs_name_closes_docstring(self):
        self.check("fs_name_closes_docstring")

    def test_fs_name_newline_ends_comment(self):
        self.check("fs_name_newline_ends_comment")

    def test_fs_name_missing_with_breaker(self):
        self.check("fs_name_missing_with_breaker")

    def test_locmem_name_closes_docstring(self):
        self.check("locmem_name_closes_docstring")

    def test_locmem_name_newline_ends_comment(self):
        self.check("locmem_name_newline_ends_comment")

    def test_locmem_name_nul_byte(self):
        self.check("locmem_name_nul_byte")

    def test_locmem_name_lone_surrogate(self):
        self.check("locmem_name_lone_surrogate")

    def test_template_name_given_directly_closes_docstring(self):
        name = "x" + cases.DOCSTRING_BREAKER + cases.NEWLINE_BREAKER
        template = djscratch.Template("T", name=name, engine=Engine())
        self.assertEqual(template.render(Context()), "T")
        self.assertCanaryUntouched()

    # {% include %} and {% extends %} hand a name from the context on.
    def test_include_variable_closes_docstring(self):
        self.check("include_variable_closes_docstring")

    def test_include_variable_newline(self):
        self.check("include_variable_newline")

    def test_include_literal_closes_docstring(self):
        self.check("include_literal_closes_docstring")

    def test_extends_variable_closes_docstring(self):
        self.check("extends_variable_closes_docstring")

    def test_extends_variable_newline(self):
        self.check("extends_variable_newline")

    # Block names: the block function's docstring.
    def test_block_name_closes_docstring(self):
        self.check("block_name_closes_docstring")

    def test_block_name_closes_docstring_in_child(self):
        self.check("block_name_closes_docstring_in_child")

    # The source of a tag: the "# line N:" comment.
    def test_tag_carriage_return_ends_comment(self):
        self.check("tag_carriage_return_ends_comment")

    def test_with_tag_carriage_return_ends_comment(self):
        self.check("with_tag_carriage_return_ends_comment")

    def test_tag_nul_byte(self):
        self.check("tag_nul_byte")

    # Names from the template become generated identifiers, never pasted:
    # Python folds identifiers with NFKC, so "\ufb01" and "fi" were one.
    def test_variable_names_equal_after_nfkc_stay_apart(self):
        self.check("variable_names_equal_after_nfkc_stay_apart")

    def test_block_names_equal_after_nfkc_stay_apart(self):
        self.check("block_names_equal_after_nfkc_stay_apart")

    def test_with_names_equal_after_nfkc_stay_apart(self):
        self.check("with_names_equal_after_nfkc_stay_apart")

    def test_date_formats_equal_after_nfkc_stay_apart(self):
        self.check("date_formats_equal_after_nfkc_stay_apart")

    def test_filter_names_equal_after_nfkc_stay_apart(self):
        library = Library()
        library.filter("\ufb01", lambda value: "ligature")
        library.filter("fi", lambda value: "letters")
        engine = Engine()
        engine.template_builtins.append(library)
        template = engine.from_string("{{ x|\ufb01 }}/{{ x|fi }}")
        self.assertEqual(template.render(Context({"x": 1})), "ligature/letters")

    # Literals: repr(float("inf")) is "inf", a name, not a literal.
    def test_infinite_float_literal(self):
        self.check("infinite_float_literal")

    def test_infinite_float_filter_argument(self):
        self.check("infinite_float_filter_argument")

    # The path a real site takes: a view builds the name from request data.
    def test_render_with_name_from_the_query_string(self):
        templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                      "DIRS": [self.root]}]
        with override_settings(ROOT_URLCONF=URLCONF.__name__, TEMPLATES=templates):
            client = Client(raise_request_exception=False)
            for query in EXPECTED["view_queries"]:
                with self.subTest(query=query):
                    response = client.get("/page/", {"p": query})
                    expected = EXPECTED["views"][query]
                    self.assertEqual(response.status_code, expected["status"])
                    if expected["body"] is not None:
                        self.assertEqual(response.content.decode(), expected["body"])
                    self.assertCanaryUntouched()

    def test_compiled_source_shows_names_and_tags_as_literals(self):
        engine = Engine(loaders=[(LOCMEM, {"it's.html": "{% if x %}{{ x }}{% endif %}"
                                           "{% block main %}{% endblock %}"})])
        source = engine.get_template("it's.html").python_source()
        self.assertIn("# Compiled from \"it's.html\" (autoescape on).", source)
        self.assertIn("# line 1: '{% if x %}'", source)
        compile(source, "<check>", "exec")


#: Per-example time bound (ms) and example count (see tests/test_fuzz.py).
FUZZ = hsettings(max_examples=fuzz_examples(150), deadline=1000, derandomize=True,
                 database=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.filter_too_much])

#: Pieces that break out of Python literals, comments and docstrings.
HOSTILE_PIECES = [
    '"', "'", '"""', "'''", "\\", "\\\\", "\r", "\n", "\r\n", "\x0c", "\x0b",
    "\x1c", "\x1d", "\x1e", "\x85", "\x00", "\u2028", "\u2029", "#", "    ",
    "x", "\ufb01", "fi", "+", "(", ")", "{", "}", "%", "/", "..", "\ud800",
    cases.PAYLOAD, cases.PAYLOAD_SQ, "str(", ")+", "x" * 3000,
]
HOSTILE_TEXT = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=12).map(
    "".join) | st.text(max_size=40)

#: Tag and variable shapes with a hole for hostile text ({h}) and one for a
#: name (`{n}`, hostile text without spaces).
SOURCE_SHAPES = [
    '{{% if "{h}" %}}y{{% endif %}}',
    '{{% with v="{h}" %}}{{{{ v }}}}{{% endwith %}}',
    '{{% with {n}="{h}" %}}{{{{ {n} }}}}{{% endwith %}}',
    "{{% block {n} %}}b{{% endblock %}}",
    '{{{{ "{h}"|default:"{h}" }}}}',
    '{{{{ x|default:"{h}"|cut:"{h}" }}}}',
    '{{{{ d|date:"{h}" }}}}',
    '{{% cycle "{h}" "b" as {n} %}}{{% cycle {n} %}}',
    '{{% firstof x "{h}" as {n} %}}{{{{ {n} }}}}',
    "{{% for {n} in l %}}{{{{ {n} }}}}{{% endfor %}}",
    '{{% filter cut:"{h}" %}}{h}{{% endfilter %}}',
    "{{% load {n} %}}",
    '{{% include "{h}" %}}',
    "{{{{ {n} }}}}{{{{ {n}.{n} }}}}",
    "{{% templatetag openblock %}}{h}",
    '{{% widthratio 1 "{h}" 2 %}}',
    '{{% url "{h}" %}}',
    "{h}",
]
#: What rendering a hostile source may raise besides returning text.
TEMPLATE_ERRORS = (TemplateSyntaxError, TemplateDoesNotExist, VariableDoesNotExist,
                   djscratch.NoReverseMatch)


@fuzz
@override_settings(**TEST_SETTINGS, ROOT_URLCONF=URLCONF.__name__)
class HostileInputFuzz(CanaryMixin, unittest.TestCase):
    """Random hostile names and sources: text or a template error, no payload."""

    def render_or_template_error(self, template_factory, context=None):
        try:
            output = template_factory().render(Context(context or {}))
        except TEMPLATE_ERRORS:
            return None
        self.assertIsInstance(output, str)
        self.assertCanaryUntouched()
        return output

    @FUZZ
    @given(HOSTILE_TEXT.filter(lambda name: name not in ("", "inc", "child")))
    def test_hostile_names_through_a_dict_loader(self, name):
        templates = {name: "T", "inc": "[{% include n %}]",
                     "child": "{% extends n %}{% block b %}c{% endblock %}"}
        engine = Engine(loaders=[(LOCMEM, templates)])
        self.assertEqual(engine.get_template(name).render(Context()), "T")
        self.assertEqual(engine.get_template("inc").render(Context({"n": name})),
                         "[T]")
        templates[name] = "<{% block b %}p{% endblock %}>"
        engine = Engine(loaders=[(LOCMEM, templates)])
        self.assertEqual(engine.get_template("child").render(Context({"n": name})),
                         "<c>")
        self.assertCanaryUntouched()

    @FUZZ
    @given(HOSTILE_TEXT.filter(lambda text: "/" not in text))
    def test_hostile_names_through_the_filesystem_loader(self, text):
        engine = Engine(dirs=[self.root])
        name = "pages/%s/../about.html" % text
        base = "pages/%s/../../base.html" % text
        for make, context, expected in (
                (lambda: engine.get_template(name), {}, "ABOUT"),
                (lambda: engine.from_string("{% include n %}"), {"n": name}, "ABOUT"),
                (lambda: engine.from_string(
                    "{% extends n %}{% block content %}c{% endblock %}"),
                 {"n": base}, "[c]")):
            output = self.render_or_template_error(make, context)
            self.assertIn(output, (None, expected))

    @FUZZ
    @given(HOSTILE_TEXT, HOSTILE_TEXT, st.sampled_from(SOURCE_SHAPES),
           st.booleans())
    def test_hostile_text_in_tags_and_filters(self, text, name, shape, native):
        source = shape.format(h=text, n="".join(name.split()) or "n")
        syntax = djscratch.NATIVE_SYNTAX if native else None
        if native:
            source = cases.to_native(source)
        engine = Engine(dirs=[self.native_root if native else self.root],
                        syntax=syntax)
        self.render_or_template_error(
            lambda: engine.from_string(source),
            {"x": "<", "l": [1, 2], "d": cases.MOMENT})

    @FUZZ
    @given(st.lists(st.sampled_from(HOSTILE_PIECES + [
        "{{", "}}", "{%", "%}", "<<", ">>", "<%", "%>", " ", "if", "endif", "block",
        "endblock", "with", "endwith", "=", "|", ":", "include", "extends"]),
        max_size=30).map("".join), st.booleans())
    def test_hostile_sources(self, source, native):
        syntax = djscratch.NATIVE_SYNTAX if native else None
        engine = Engine(dirs=[self.root], syntax=syntax)
        self.render_or_template_error(lambda: engine.from_string(source),
                                      {"x": "<", "l": [1]})


if __name__ == "__main__":
    unittest.main()
