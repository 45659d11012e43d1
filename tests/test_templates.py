"""Templates: the API, engines and loaders, errors, security, the command.

Output fidelity against Django is checked case by case in
test_templates_corpus.py; this module checks behaviour around it.
"""

import datetime
import os
import sys
import tempfile
import time
import unittest
from unittest import mock

import djscratch
from djscratch import (
    Context, Engine, RequestContext, Template, TemplateDoesNotExist,
    TemplateSyntaxError, override_settings)

from . import TEST_SETTINGS
from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DJANGO_BACKEND = "django.template.backends.django.DjangoTemplates"


def render(source, context=None, **engine_options):
    engine = Engine(**engine_options)
    return engine.from_string(source).render(Context(context or {}))


def locmem(templates, **options):
    return Engine(loaders=[("django.template.loaders.locmem.Loader", templates)],
                  **options)


def view(request, pk):
    return None


urlpatterns = []  # filled below once the URL section is present


def _csrf_module():
    """The module whose get_token() the csrf_token processor calls: the
    single file, or djscratch.middleware.csrf in the package."""
    return sys.modules[djscratch.get_token.__module__]


class Account:
    def __init__(self):
        self.balance = 100

    def delete(self):
        self.balance = 0
        return "deleted"

    delete.alters_data = True


@override_settings(**TEST_SETTINGS)
class CompilerTests(unittest.TestCase):
    def test_template_renders_with_context_and_escapes(self):
        t = Template("Hi {{ name }}!", engine=Engine())
        self.assertEqual(t.render(Context({"name": "<b>"})), "Hi &lt;b&gt;!")

    def test_standalone_template_uses_default_engine_from_settings(self):
        with override_settings(TEMPLATES=[{"BACKEND": DJANGO_BACKEND}]):
            self.assertEqual(Template("{{ x }}").render(Context({"x": 1})), "1")

    def test_standalone_template_without_engine_is_improperly_configured(self):
        with override_settings(TEMPLATES=[]):
            with self.assertRaisesRegex(djscratch.ImproperlyConfigured,
                                        "No DjangoTemplates backend"):
                Template("x")

    def test_native_syntax_uses_angle_delimiters(self):
        out = render("<# note #><% if x %><< x|upper >><% endif %>{{ x }}",
                     {"x": "a"}, syntax=djscratch.NATIVE_SYNTAX)
        self.assertEqual(out, "A{{ x }}")

    def test_compiled_code_is_cached_per_autoescape_setting(self):
        t = Template("{{ x }}", engine=Engine())
        t.render(Context({"x": 1}))
        first = t._variants[True]
        t.render(Context({"x": 2}))
        self.assertIs(t._variants[True], first)
        self.assertEqual(t.render(Context({"x": "<"}, autoescape=False)), "<")
        self.assertIn(False, t._variants)

    def test_python_source_reads_as_python(self):
        t = Template("{% for c in comments %}{{ c.author }}{% endfor %}",
                     engine=Engine())
        source = t.python_source()
        self.assertIn("def render(ctx, out):", source)
        self.assertIn("for l", source)
        compile(source, "<check>", "exec")

    def test_syntax_error_names_line_and_offending_tag(self):
        source = "line1\nline2\n{% for x in items %}\n{% endfro %}"
        engine = locmem({"post.html": source})
        with self.assertRaises(TemplateSyntaxError) as caught:
            engine.get_template("post.html")
        message = str(caught.exception)
        self.assertIn("Invalid block tag on line 4: 'endfro', expected 'empty' or "
                      "'endfor'", message)
        self.assertIn("post.html", message)

    def test_unknown_filter_fails_at_compile_time(self):
        with self.assertRaisesRegex(TemplateSyntaxError, "Invalid filter: 'nope'"):
            Engine().from_string("{% if False %}{{ x|nope }}{% endif %}")

    def test_unknown_tag_fails_at_compile_time(self):
        with self.assertRaisesRegex(TemplateSyntaxError, "'nope'"):
            Engine().from_string("{% if False %}{% nope %}{% endif %}")

    def test_lookup_order_is_key_then_attribute_then_index(self):
        class Thing(dict):
            attr = "attribute"

        thing = Thing(attr="key")
        self.assertEqual(render("{{ t.attr }}", {"t": thing}), "key")
        self.assertEqual(render("{{ t.1 }}", {"t": ["a", "b"]}), "b")
        self.assertEqual(render("{{ t.items }}", {"t": {"items": "k"}}), "k")

    def test_missing_variables_render_string_if_invalid(self):
        self.assertEqual(render("[{{ nope.x }}]"), "[]")
        self.assertEqual(render("[{{ nope }}]", string_if_invalid="?%s?"), "[?nope?]")

    def test_literals_and_translation_marker(self):
        self.assertEqual(render("{{ 'a<b' }} {{ 2 }} {{ _('x') }}"), "a<b 2 x")

    def test_variables_in_for_and_with_shadow_then_restore(self):
        out = render("{{ x }}{% for x in xs %}{{ x }}{% endfor %}{{ x }}"
                     "{% with x='w' %}{{ x }}{% endwith %}{{ x }}",
                     {"x": "o", "xs": [1, 2]})
        self.assertEqual(out, "o12owo")


@override_settings(**TEST_SETTINGS)
class SecurityTests(unittest.TestCase):
    def test_names_starting_with_underscore_are_refused_at_compile_time(self):
        for source in ("{{ _secret }}", "{{ obj.__class__ }}",
                       "{% if x._y %}{% endif %}", "{{ x|default:_y }}"):
            with self.subTest(source), self.assertRaisesRegex(
                    TemplateSyntaxError, "may not begin with underscores"):
                Engine().from_string(source)

    def test_alters_data_methods_are_never_called(self):
        account = Account()
        out = render("{{ a.delete }}|{% if a.delete %}x{% endif %}|"
                     "{% with d=a.delete %}{{ d }}{% endwith %}", {"a": account})
        self.assertEqual(out, "||")
        self.assertEqual(account.balance, 100)

    def test_do_not_call_in_templates_is_respected(self):
        class Choice:
            do_not_call_in_templates = True
            label = "L"

            def __call__(self):
                raise AssertionError("called")

        self.assertEqual(render("{{ c.label }}", {"c": Choice()}), "L")

    def test_call_flags_are_read_from_functions_and_methods(self):
        # Flags live on the function; a bound method forwards to it.
        def wipe():
            raise AssertionError("called")

        wipe.alters_data = True

        def factory():
            return "made"

        factory.do_not_call_in_templates = True

        class Shop:
            def close(self):
                raise AssertionError("called")

            close.alters_data = True

            def builder(self):
                raise AssertionError("called")

            builder.do_not_call_in_templates = True

            def name(self):
                return "corner"

        context = {"wipe": wipe, "factory": factory, "shop": Shop()}
        self.assertEqual(render("[{{ wipe }}][{{ shop.close }}][{{ shop.name }}]",
                                context), "[][][corner]")
        self.assertIn("factory", render("{{ factory }}", context))  # not "made"
        self.assertIn("builder", render("{{ shop.builder }}", context))

    def test_silent_variable_failure_renders_empty(self):
        class Quiet(Exception):
            silent_variable_failure = True

        class Obj:
            @property
            def boom(self):
                raise Quiet

        self.assertEqual(render("[{{ o.boom }}]", {"o": Obj()}), "[]")

    def test_other_exceptions_propagate(self):
        class Obj:
            @property
            def boom(self):
                raise ZeroDivisionError("no")

        with self.assertRaises(ZeroDivisionError):
            render("{{ o.boom }}", {"o": Obj()})

    def test_autoescape_on_by_default_and_off_by_tag(self):
        out = render("{{ x }}{% autoescape off %}{{ x }}{% endautoescape %}",
                     {"x": "<'\"&>"})
        self.assertEqual(out, "&lt;&#x27;&quot;&amp;&gt;<'\"&>")

    def test_engine_autoescape_false_applies_to_its_render_to_string(self):
        engine = locmem({"t": "{{ x }}"}, autoescape=False)
        self.assertEqual(engine.render_to_string("t", {"x": "<"}), "<")
        # A Context made by hand decides for itself, as in Django.
        self.assertEqual(engine.get_template("t").render(Context({"x": "<"})), "&lt;")

    def test_safe_strings_are_not_escaped_twice(self):
        out = render("{{ x }}{{ y|safe }}", {"x": djscratch.mark_safe("<i>"),
                                           "y": "<b>"})
        self.assertEqual(out, "<i><b>")

    def test_json_script_escapes_html_significant_characters(self):
        out = render("{{ v|json_script:'d' }}", {"v": {"x": "</script><b>&"}})
        self.assertNotIn("</script><b>", out)
        self.assertIn("\\u003C/script\\u003E", out)

    def test_filters_are_linear_on_hostile_input(self):
        hostile = {
            "striptags": "<" * 20000 + "a" + ">" * 20000,
            "truncatewords_html:5": "<a>" * 20000 + "word " * 20000,
            "truncatechars_html:5": "<b>" * 20000,
            "urlize": "." * 50000 + "@" + "a." * 20000,
            "urlizetrunc:5": "(" * 20000 + "http://x.com" + ")" * 20000,
            "truncatewords:3": "w " * 100000,
            "linebreaks": "\n" * 100000,
            "wordwrap:3": "x " * 50000,
        }
        for name, value in hostile.items():
            with self.subTest(name):
                # CPU time, not wall clock: a loaded machine must not fail it
                start = time.process_time()
                render("{{ v|%s }}" % name, {"v": value})
                self.assertLess(time.process_time() - start, 2.0)

    def test_strip_tags_refuses_absurd_nesting(self):
        value = "<" * 100 + "x" + ">" * 100
        out = djscratch.strip_tags(value)
        self.assertIsInstance(out, str)


@override_settings(**TEST_SETTINGS)
class ContextTests(unittest.TestCase):
    def test_push_pop_flatten_update_new(self):
        c = Context({"a": 1})
        with c.push(b=2):
            self.assertEqual(c["b"], 2)
        self.assertNotIn("b", c)
        c.update({"d": 4})
        self.assertEqual(c.flatten(), {"True": True, "False": False, "None": None,
                                       "a": 1, "d": 4})
        c.pop()
        with self.assertRaises(djscratch.ContextPopException):
            c.pop()
            c.pop()
        self.assertEqual(c.new({"z": 1}).flatten()["z"], 1)
        self.assertEqual(c.get("missing", "dflt"), "dflt")

    def test_request_context_runs_processors_and_csrf(self):
        request = object()
        with mock.patch.object(_csrf_module(), "get_token",
                               return_value="tok<en>"):
            c = RequestContext(request, {"x": 1},
                               processors=[lambda r: {"from_proc": r is request}])
            out = Engine().from_string(
                "{{ from_proc }} {% csrf_token %}").render(c)
        self.assertEqual(
            out, 'True <input type="hidden" name="csrfmiddlewaretoken" '
                 'value="tok&lt;en&gt;">')

    def test_processor_not_returning_dict_is_named(self):
        def bad(request):
            return None

        c = RequestContext(object(), processors=[bad])
        with self.assertRaisesRegex(TypeError, "bad didn't return a dictionary"):
            Engine().from_string("x").render(c)

    def test_csrf_token_without_token_renders_nothing(self):
        self.assertEqual(render("[{% csrf_token %}]"), "[]")
        self.assertEqual(render("[{% csrf_token %}]", {"csrf_token": "NOTPROVIDED"}),
                         "[]")

    def test_template_rendered_signal_is_sent(self):
        seen = []

        def receiver(sender, template, context, **kwargs):
            seen.append((sender, template.name, context["x"]))

        djscratch.template_rendered.connect(receiver)
        try:
            engine = locmem({"a.html": "{% include 'b.html' %}", "b.html": "{{ x }}"})
            engine.get_template("a.html").render(Context({"x": 5}))
        finally:
            djscratch.template_rendered.disconnect(receiver)
        self.assertEqual([name for _s, name, _x in seen], ["a.html", "b.html"])
        self.assertIsInstance(seen[0][0], Template)


@override_settings(**TEST_SETTINGS)
class InheritanceAndIncludeTests(unittest.TestCase):
    def test_block_super_through_three_levels(self):
        engine = locmem({
            "a": "<{% block b %}A{% endblock %}>",
            "b": "{% extends 'a' %}{% block b %}B{{ block.super }}{% endblock %}",
            "c": "{% extends 'b' %}{% block b %}C{{ block.super }}{% endblock %}"})
        self.assertEqual(engine.get_template("c").render(Context()), "<CBA>")

    def test_extends_recursion_is_detected(self):
        engine = locmem({"self.html": "{% extends 'self.html' %}"})
        with self.assertRaises(TemplateDoesNotExist) as caught:
            engine.get_template("self.html").render(Context())
        self.assertEqual(caught.exception.tried[0][1], "Skipped to avoid recursion")

    def test_extends_same_name_in_another_dir_works(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            with open(os.path.join(a, "page.html"), "w") as f:
                f.write("{% extends 'page.html' %}{% block x %}child{% endblock %}")
            with open(os.path.join(b, "page.html"), "w") as f:
                f.write("[{% block x %}base{% endblock %}]")
            engine = Engine(dirs=[a, b])
            self.assertEqual(engine.get_template("page.html").render(Context()),
                             "[child]")

    def test_include_recursion_is_detected(self):
        engine = locmem({"loop.html": "x{% include 'loop.html' %}"})
        with self.assertRaisesRegex(TemplateSyntaxError, "Include recursion"):
            engine.get_template("loop.html").render(Context())

    def test_include_with_only_isolates_context(self):
        engine = locmem({"i": "{{ a }}-{{ b }}",
                         "main": "{% include 'i' with b=2 only %}"
                                 "|{% include 'i' with b=3 %}"})
        self.assertEqual(engine.get_template("main").render(Context({"a": 1})),
                         "-2|1-3")

    def test_loop_variables_reach_included_templates_and_blocks(self):
        engine = locmem({
            "row": "{{ forloop.counter }}{{ x }}",
            "base": "{% for x in xs %}{% block r %}{% endblock %}{% endfor %}",
            "child": "{% extends 'base' %}{% block r %}{% include 'row' %};"
                     "{% endblock %}"})
        out = engine.get_template("child").render(Context({"xs": "ab"}))
        self.assertEqual(out, "1a;2b;")


@override_settings(**TEST_SETTINGS)
class EngineAndLoaderTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def templates(self, **extra):
        return [
            {"BACKEND": DJANGO_BACKEND, "DIRS": [self.dir], **extra},
            {"BACKEND": "djscratch.DjscratchTemplates", "NAME": "native",
             "DIRS": [os.path.join(self.dir, "native")]},
        ]

    def test_engines_are_built_from_settings_with_both_syntaxes(self):
        self.write("d.html", "{{ x }}")
        self.write("native/n.html", "<< x >>")
        with override_settings(TEMPLATES=self.templates()):
            self.assertEqual(djscratch.render_to_string("d.html", {"x": 1}), "1")
            self.assertEqual(djscratch.render_to_string("n.html", {"x": 2}), "2")
            self.assertEqual(
                djscratch.render_to_string("n.html", {"x": 3}, using="native"), "3")
            self.assertEqual([e.name for e in djscratch.engines.all()],
                             ["django", "native"])

    def test_options_syntax_chooses_native_for_django_backend(self):
        self.write("o.html", "<< x >>")
        with override_settings(TEMPLATES=[{
                "BACKEND": DJANGO_BACKEND, "DIRS": [self.dir],
                "OPTIONS": {"syntax": "native"}}]):
            self.assertEqual(djscratch.render_to_string("o.html", {"x": "y"}), "y")

    def test_template_does_not_exist_lists_every_path_tried(self):
        with override_settings(TEMPLATES=self.templates()):
            with self.assertRaises(TemplateDoesNotExist) as caught:
                djscratch.get_template("nope.html")
        tried = [str(origin) for err in caught.exception.chain
                 for origin, _reason in err.tried]
        self.assertEqual(tried, [os.path.join(self.dir, "nope.html"),
                                 os.path.join(self.dir, "native", "nope.html")])

    def test_select_template_returns_first_existing(self):
        self.write("second.html", "2")
        with override_settings(TEMPLATES=self.templates()):
            t = djscratch.select_template(["first.html", "second.html"])
            self.assertEqual(t.render(), "2")
            with self.assertRaisesRegex(TypeError, "iterable of template names"):
                djscratch.select_template("second.html")

    def test_paths_outside_the_template_dirs_are_not_loaded(self):
        self.write("../secret.txt", "secret")
        engine = Engine(dirs=[self.dir])
        with self.assertRaises(TemplateDoesNotExist):
            engine.get_template("../secret.txt")

    def test_cached_loader_rereads_changed_file_only_in_debug(self):
        path = self.write("c.html", "one")
        for debug, expected in ((False, "one"), (True, "two")):
            self.write("c.html", "one")
            engine = Engine(dirs=[self.dir], debug=debug)
            self.assertEqual(engine.get_template("c.html").render(Context()), "one")
            self.write("c.html", "two")
            os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
            self.assertEqual(engine.get_template("c.html").render(Context()),
                             expected)

    def test_cached_loader_returns_same_template_object(self):
        self.write("s.html", "x")
        engine = Engine(dirs=[self.dir])
        self.assertIs(engine.get_template("s.html"), engine.get_template("s.html"))

    def test_libraries_and_builtins_options(self):
        self.write("lib.html", "{% load mylib %}{% shout 'a' %}{{ 'b'|twice }}")
        self.write("builtin.html", "{% shout 'c' %}")
        with override_settings(TEMPLATES=self.templates(OPTIONS={
                "libraries": {"mylib": "tests.template_corpus_tags"},
                "builtins": ["tests.template_corpus_tags"]})):
            self.assertEqual(djscratch.render_to_string("lib.html"), "A!bb")
            self.assertEqual(djscratch.render_to_string("builtin.html"), "C!")

    def test_unknown_library_lists_choices(self):
        with self.assertRaisesRegex(TemplateSyntaxError, "not a registered tag "
                                    "library. Must be one of:\nstatic"):
            locmem({}, libraries={"static": "django.templatetags.static"}
                   ).from_string("{% load nope %}")

    def test_backend_template_requires_dict_context(self):
        self.write("d.html", "x")
        with override_settings(TEMPLATES=self.templates()):
            with self.assertRaisesRegex(TypeError, "context must be a dict rather "
                                        "than Context"):
                djscratch.get_template("d.html").render(Context())


@override_settings(**TEST_SETTINGS)
class TagsWithOtherSectionsTests(unittest.TestCase):
    def test_url_tag_reverses_at_render_time(self):
        if not hasattr(djscratch, "reverse"):
            self.skipTest("needs the URL section")
        patterns = [djscratch.path("post/<int:pk>/", view, name="post")]
        module = type(sys)("tests._tpl_urls")
        module.urlpatterns = patterns
        sys.modules["tests._tpl_urls"] = module
        with override_settings(ROOT_URLCONF="tests._tpl_urls"):
            djscratch.clear_url_caches()
            out = render("{% url 'post' 7 %}|{% url 'post' pk=p %}|"
                         "{% url 'nope' as u %}[{{ u }}]", {"p": 8})
            with self.assertRaises(djscratch.NoReverseMatch):
                render("{% url 'nope' %}")
        self.assertEqual(out, "/post/7/|/post/8/|[]")

    def test_static_tag_joins_static_url(self):
        if not hasattr(djscratch, "static_url"):
            self.skipTest("needs the HTTP section")
        with override_settings(STATIC_URL="/static/"):
            out = render("{% load static %}{% static 'css/a b.css' %}"
                         "{% static 'x.js' as js %}[{{ js }}]",
                         libraries={"static": "django.templatetags.static"})
        self.assertEqual(out, "/static/css/a%20b.css[/static/x.js]")

    def test_querystring_changes_the_query(self):
        if not hasattr(djscratch, "QueryDict"):
            self.skipTest("needs the HTTP section")
        qd = djscratch.QueryDict("a=1&page=3")
        out = render("{% querystring qd page=4 b=None c=l %}",
                     {"qd": qd, "l": ["x", "y"]})
        self.assertEqual(out, "?a=1&amp;page=4&amp;c=x&amp;c=y")


@override_settings(**TEST_SETTINGS)
class DateDefaultsTests(unittest.TestCase):
    def test_datetime_prints_like_django(self):
        when = datetime.datetime(2026, 11, 21, 11, 5, tzinfo=datetime.timezone.utc)
        self.assertEqual(render("{{ t }}", {"t": when}), "Nov. 21, 2026, 11:05 a.m.")
        self.assertEqual(render("{{ t|date }}", {"t": when}), "Nov. 21, 2026")
        self.assertEqual(render("{{ t|time }}", {"t": when}), "11:05 a.m.")

    def test_aware_datetimes_print_in_the_current_time_zone(self):
        when = datetime.datetime(2026, 11, 21, 11, 5, tzinfo=datetime.timezone.utc)
        with override_settings(TIME_ZONE="UTC"):
            djscratch.activate(datetime.timezone(datetime.timedelta(hours=2)))
            try:
                self.assertEqual(render("{{ t|date:'H:i' }}", {"t": when}), "13:05")
            finally:
                djscratch.deactivate()

    def test_format_names_are_the_locales_whatever_the_settings_say(self):
        # Django 5 always localizes: the en locale's formats win over the
        # settings, the input formats too (their str() is then the format).
        when = datetime.datetime(2026, 11, 21, 11, 5, tzinfo=datetime.timezone.utc)
        template = djscratch.Engine().from_string(
            "{{ t|date:'DATE_FORMAT' }}|{{ t|date:'TIME_INPUT_FORMATS' }}")
        with override_settings(DATE_FORMAT="Y", TIME_INPUT_FORMATS=["%H"]):
            self.assertEqual(
                template.render(djscratch.Context({"t": when})),
                # what Django 5.2 renders
                "Nov. 21, 2026|[&#x27;%11:%Nov:%st&#x27;, &#x27;%11:%Nov:%st.%11:05"
                "&#x27;, &#x27;%11:%Nov&#x27;]")


@unittest.skipUnless(hasattr(djscratch, "HttpResponse"), "needs the HTTP section")
@override_settings(**TEST_SETTINGS)
class TemplateResponseTests(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        with open(os.path.join(tmp.name, "r.html"), "w") as f:
            f.write("hello {{ who }}")
        self.settings = override_settings(TEMPLATES=[{
            "BACKEND": DJANGO_BACKEND, "DIRS": [tmp.name]}])
        self.settings.enable()
        self.addCleanup(self.settings.disable)

    def test_renders_late_and_runs_callbacks(self):
        response = djscratch.SimpleTemplateResponse("r.html", {"who": "<you>"})
        self.assertFalse(response.is_rendered)
        with self.assertRaises(djscratch.ContentNotRenderedError):
            response.content
        response.context_data["who"] = "me"
        calls = []
        response.add_post_render_callback(lambda r: calls.append(r.content))
        self.assertIs(response.render(), response)
        self.assertEqual(response.content, b"hello me")
        self.assertEqual(calls, [b"hello me"])
        self.assertTrue(response.is_rendered)
        response.render()  # a second render changes nothing
        self.assertEqual(len(calls), 1)

    def test_template_name_list_and_rendered_content(self):
        response = djscratch.SimpleTemplateResponse(["nope.html", "r.html"],
                                                    {"who": "x"})
        self.assertEqual(response.rendered_content, "hello x")
        self.assertFalse(response.is_rendered)


class TemplateCommandTests(unittest.TestCase):
    def test_template_command_prints_compiled_python(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "templates"))
            with open(os.path.join(tmp, "templates", "post.html"), "w") as f:
                f.write("<% for c in comments %><< c.author >><% endfor %>")
            with open(os.path.join(tmp, "blogapp.py"), "w") as f:
                f.write("import djscratch\napp = djscratch.App(__name__)\n"
                        "urlpatterns = []\nif __name__ == '__main__':\n"
                        "    app.main()\n")
            result = forked.run(
                [sys.executable, "blogapp.py", "template", "post.html"], cwd=tmp,
                capture_output=True, text=True, timeout=60,
                env={**os.environ, "PYTHONPATH": HERE})
            missing = forked.run(
                [sys.executable, "blogapp.py", "template", "nope.html"], cwd=tmp,
                capture_output=True, text=True, timeout=60,
                env={**os.environ, "PYTHONPATH": HERE})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("def render(ctx, out):", result.stdout)
        compile(result.stdout, "<printed>", "exec")
        self.assertEqual(missing.returncode, 1)
        self.assertIn("nope.html", missing.stderr)


if hasattr(djscratch, "path"):
    urlpatterns = [djscratch.path("post/<int:pk>/", view, name="post")]


class AliasTests(unittest.TestCase):
    def test_django_template_modules_resolve_to_djscratch(self):
        from django.template import Context as DjangoContext
        from django.template import Library, engines, loader
        from django.template.context_processors import csrf, request
        from django.template.defaultfilters import date, register, stringfilter
        from django.template.loader import render_to_string
        from django.template.response import TemplateResponse
        from django.templatetags.static import static
        from django.utils.html import escapejs, json_script, strip_tags, urlize
        from django.utils.text import Truncator, slugify

        self.assertIs(DjangoContext, Context)
        self.assertIs(engines, djscratch.engines)
        self.assertIs(loader.get_template, djscratch.get_template)
        self.assertIs(render_to_string, djscratch.render_to_string)
        self.assertIs(csrf, djscratch._cp_csrf)
        self.assertIs(request, djscratch._cp_request)
        self.assertIs(register, djscratch.default_filters)
        self.assertIs(date, djscratch._f_date)
        self.assertTrue(callable(stringfilter) and callable(static))
        self.assertIsInstance(Library(), djscratch.Library)
        self.assertEqual(TemplateResponse.__name__, "TemplateResponse")
        self.assertEqual(str(strip_tags("<b>x</b>")), "x")
        self.assertEqual(slugify("Hello World"), "hello-world")
        self.assertEqual(Truncator("a b c").words(2), "a b…")
        self.assertTrue(escapejs and json_script and urlize)

    def test_unimplemented_template_names_fail_loudly(self):
        with self.assertRaises(ImportError):
            from django.template import Nonexistent  # noqa: F401


def _template_view(request):
    return djscratch.TemplateResponse(request, "page.html", {"who": "<view>"})


@unittest.skipUnless(hasattr(djscratch, "get_wsgi_application"),
                     "needs the WSGI handler")
@override_settings(**TEST_SETTINGS)
class TemplateResponseThroughHandlerTests(unittest.TestCase):
    def test_handler_renders_template_response(self):
        from wsgiref.util import setup_testing_defaults

        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        with open(os.path.join(tmp.name, "page.html"), "w") as f:
            f.write("hello {{ who }} {{ request.path }}")
        module = type(sys)("tests._tpl_handler_urls")
        module.urlpatterns = [djscratch.path("page/", _template_view)]
        sys.modules[module.__name__] = module
        with override_settings(ROOT_URLCONF=module.__name__, TEMPLATES=[{
                "BACKEND": DJANGO_BACKEND, "DIRS": [tmp.name],
                "OPTIONS": {"context_processors": [
                    "django.template.context_processors.request"]}}]):
            djscratch.clear_url_caches()
            environ = {"PATH_INFO": "/page/", "HTTP_HOST": "testserver"}
            setup_testing_defaults(environ)
            statuses = []
            app = djscratch.get_wsgi_application()
            body = b"".join(app(environ, lambda s, h, e=None: statuses.append(s)))
        self.assertEqual(statuses, ["200 OK"])
        self.assertEqual(body, b"hello &lt;view&gt; /page/")


@override_settings(**TEST_SETTINGS)
class AppDirectoriesTests(unittest.TestCase):
    def test_app_templates_and_templatetags_are_found(self):
        import importlib

        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = os.path.join(tmp.name, "tplapp_demo")
        files = {
            "__init__.py": "",
            "templates/tplapp_demo/hello.html":
                "{% load demo_tags %}{% hello who %} from the app",
            "templatetags/__init__.py": "",
            "templatetags/demo_tags.py":
                "from django import template\nregister = template.Library()\n"
                "@register.simple_tag\ndef hello(who):\n    return f'hi {who}'\n",
        }
        for name, text in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        sys.path.insert(0, tmp.name)
        self.addCleanup(sys.path.remove, tmp.name)
        module = importlib.import_module("tplapp_demo")
        config = djscratch.AppConfig("tplapp_demo", module)
        registry = {"tplapp_demo": config}
        with mock.patch.object(djscratch.apps, "app_configs", registry), \
                mock.patch.object(djscratch.apps, "ready", True), \
                mock.patch.object(djscratch.apps, "apps_ready", True), \
                override_settings(TEMPLATES=[{"BACKEND": DJANGO_BACKEND,
                                              "APP_DIRS": True}]):
            out = djscratch.render_to_string("tplapp_demo/hello.html", {"who": "<x>"})
            with self.assertRaises(TemplateDoesNotExist) as caught:
                djscratch.get_template("tplapp_demo/missing.html")
        self.assertEqual(out, "hi &lt;x&gt; from the app")
        tried = [str(o) for e in caught.exception.chain for o, _r in e.tried]
        self.assertEqual(tried, [os.path.join(root, "templates", "tplapp_demo",
                                              "missing.html")])


@override_settings(**TEST_SETTINGS)
class ContextProcessorTests(unittest.TestCase):
    def test_processors_give_django_names(self):
        class Request:
            META = {"REMOTE_ADDR": "127.0.0.1"}

        request = Request()
        with override_settings(DEBUG=True, INTERNAL_IPS=["127.0.0.1"],
                               STATIC_URL="/s/", MEDIA_URL="/m/", TIME_ZONE="UTC"):
            self.assertEqual(djscratch._cp_request(request), {"request": request})
            self.assertEqual(djscratch._cp_static(request), {"STATIC_URL": "/s/"})
            self.assertEqual(djscratch._cp_media(request), {"MEDIA_URL": "/m/"})
            self.assertEqual(djscratch._cp_tz(request), {"TIME_ZONE": "UTC"})
            self.assertIs(djscratch._cp_debug(request)["debug"], True)
            self.assertEqual(djscratch._cp_i18n(request)["LANGUAGE_CODE"], "en-us")
        with override_settings(DEBUG=False):
            self.assertEqual(djscratch._cp_debug(request), {})

    def test_csrf_processor_is_lazy(self):
        calls = []
        with mock.patch.object(_csrf_module(), "get_token",
                               side_effect=lambda r: calls.append(r) or "abc"):
            token = djscratch._cp_csrf("req")["csrf_token"]
            self.assertEqual(calls, [])
            self.assertEqual(str(token), "abc")
        self.assertEqual(calls, ["req"])


@override_settings(**TEST_SETTINGS)
class EvaluationCountTests(unittest.TestCase):
    def test_each_lookup_runs_a_property_once(self):
        import datetime as dt

        class Post:
            calls = 0

            @property
            def when(self):
                Post.calls += 1
                return dt.date(2026, 11, 21)

        post = Post()
        out = render("{{ p.when }}|{{ p.when|date:'Y' }}|{% if p.when %}y{% endif %}",
                     {"p": post})
        self.assertEqual(out, "Nov. 21, 2026|2026|y")
        self.assertEqual(Post.calls, 3)


    def test_for_loop_over_an_empty_sized_value_never_iterates_it(self):
        # Django asks a sized value's len() and, at 0, renders {% empty %}
        # without iterating (a message storage iterated is marked used:
        # CookieStorage then deletes its cookie).  Outputs and iteration
        # counts from Django 5.2.
        class Sized:
            def __init__(self, items):
                self.items, self.iterated = items, 0

            def __len__(self):
                return len(self.items)

            def __iter__(self):
                self.iterated += 1
                return iter(self.items)

            def __reversed__(self):
                self.iterated += 1
                return reversed(self.items)

        cases = [
            ("{% for m in s %}x{% endfor %}", [("", 0), ("xx", 1)]),
            ("{% for m in s reversed %}x{% endfor %}", [("", 0), ("xx", 1)]),
            ("{% for m in s %}{{ forloop.counter }}{% endfor %}", [("", 0), ("12", 1)]),
            ("{% for a, b in s %}x{% endfor %}", [("", 0), ("xx", 1)]),
            ("{% for m in s %}x{% empty %}E{% endfor %}", [("E", 0), ("xx", 1)]),
            ("{% for m in s %}{{ m }}{% endfor %}", [("", 0), ("abcd", 1)]),
        ]
        for source, expected in cases:
            got = []
            for items in ([], ["ab", "cd"]):
                value = Sized(items)
                got.append((render(source, {"s": value}), value.iterated))
            with self.subTest(source=source):
                self.assertEqual(got, expected)


class TextHelperTests(unittest.TestCase):
    def test_html_safe_and_get_valid_filename(self):
        from django.utils.html import html_safe
        from django.utils.text import get_valid_filename

        @html_safe
        class Badge:
            def __str__(self):
                return "<b>x</b>"

        self.assertEqual(djscratch.conditional_escape(Badge()), "<b>x</b>")
        with self.assertRaisesRegex(ValueError, "doesn't define __str__"):
            html_safe(type("Plain", (), {}))
        self.assertEqual(get_valid_filename("john's portrait in 2004.jpg"),
                         "johns_portrait_in_2004.jpg")
        with self.assertRaises(djscratch.SuspiciousFileOperation):
            get_valid_filename("..")


def auto_engine(templates):
    return locmem(templates, syntax="auto")


@override_settings(**TEST_SETTINGS)
class SyntaxDetectionTests(unittest.TestCase):
    """OPTIONS "syntax": "auto": each template is read in the syntax it uses."""

    def test_django_syntax_template_renders_with_extends_and_variables(self):
        engine = auto_engine({
            "base.html": "<title>{% block title %}{% endblock %}</title>",
            "page.html": '{% extends "base.html" %}{% block title %}'
                         "{{ title|upper }}{% endblock %}"})
        page = engine.get_template("page.html").render(Context({"title": "hi"}))
        self.assertEqual(page, "<title>HI</title>")

    def test_native_template_keeps_braces_of_scripts_and_other_languages(self):
        source = ("<p><< title >></p><script>var o = {{a: 1}}; var t = "
                  "'{% raw %}{{}}';</script><% verbatim %>{{ x }}<% endverbatim %>")
        engine = auto_engine({"n.html": source})
        out = engine.get_template("n.html").render(Context({"title": "T", "x": 1}))
        self.assertEqual(out, "<p>T</p><script>var o = {{a: 1}}; var t = "
                              "'{% raw %}{{}}';</script>{{ x }}")

    def test_template_with_neither_syntax_is_plain_text(self):
        engine = auto_engine({"t.html": "a { b: c } {{}} {% %} x << 1 >= y"})
        self.assertEqual(engine.get_template("t.html").render(Context()),
                         "a { b: c } {{}} {% %} x << 1 >= y")

    def test_mixing_both_syntaxes_names_template_lines_and_setting(self):
        engine = auto_engine({"mixed.html": "<p>{{ x }}</p>\n\n<p><< y >></p>"})
        with self.assertRaises(TemplateSyntaxError) as caught:
            engine.get_template("mixed.html")
        message = str(caught.exception)
        self.assertIn("'mixed.html'", message)
        self.assertIn("line 1", message)
        self.assertIn("line 3", message)
        self.assertIn('"OPTIONS": {"syntax": "django"}', message)

    def test_verbatim_hides_the_other_syntax(self):
        engine = auto_engine({
            "d.html": "{{ x }}{% verbatim %}<< x >>{% endverbatim %}"
                      "{% templatetag openvariable %}"})
        out = engine.get_template("d.html").render(Context({"x": 1}))
        self.assertEqual(out, "1<< x >>{{")

    def test_from_string_detects_too(self):
        engine = Engine(syntax="auto")
        self.assertEqual(engine.from_string("{{ x }}").render(Context({"x": 1})), "1")
        self.assertEqual(engine.from_string("<< x >>").render(Context({"x": 2})), "2")

    def test_backend_accepts_auto_and_names_it_in_errors(self):
        with override_settings(TEMPLATES=[{
                "BACKEND": "djscratch.DjscratchTemplates",
                "OPTIONS": {"syntax": "automatic"}}]):
            with self.assertRaisesRegex(djscratch.ImproperlyConfigured,
                                        "'django', 'native' or 'auto'"):
                djscratch.engines.all()


def one_file_app(tmp, templates, app_code=""):
    """Write a one-file App with `templates` beside it; return run(*args)."""
    for name, text in templates.items():
        path = os.path.join(tmp, "templates", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(tmp, "hello.py"), "w") as f:
        f.write("import djscratch\napp = djscratch.App(__name__%s)\n"
                "urlpatterns = []\nif __name__ == '__main__':\n"
                "    app.main()\n" % app_code)

    def run(*args):
        # (tmp on the path too: PYTHONSAFEPATH, set by the package job, keeps
        # the working directory off it)
        return forked.run(
            [sys.executable, *args], cwd=tmp, capture_output=True, text=True,
            timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join((tmp, HERE)),
                             "SECRET_KEY": "x" * 50})
    return run


class OneFileAppSyntaxTests(unittest.TestCase):
    def test_app_renders_a_django_syntax_template(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = one_file_app(tmp, {
                "base.html": "<h1>{% block title %}{% endblock %}</h1>",
                "page.html": '{% extends "base.html" %}'
                             "{% block title %}{{ title }}{% endblock %}"})
            result = run("-c", "import hello; from django.template.loader import "
                               "render_to_string as r; "
                               "print(r('page.html', {'title': 'Hi'}))")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "<h1>Hi</h1>\n")

    def test_check_reports_a_template_mixing_both_syntaxes(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = one_file_app(tmp, {"ok.html": "<< x >>",
                                     "sub/mixed.html": "{{ x }}\n<< y >>\n"})
            result = run("hello.py", "check")
        self.assertEqual(result.returncode, 1, result.stderr)
        path = os.path.join(tmp, "templates", "sub", "mixed.html")
        self.assertIn(f"{path}:2: (djscratch.templates.E002) Template "
                      "'sub/mixed.html' mixes", result.stderr)
        self.assertNotIn("ok.html", result.stderr)
        self.assertIn("System check identified 1 issue (0 silenced).", result.stderr)

    def test_check_reports_templates_in_the_syntax_the_engine_does_not_read(self):
        templates = repr([{"BACKEND": "djscratch.DjscratchTemplates", "DIRS": [
            "templates"]}])
        with tempfile.TemporaryDirectory() as tmp:
            run = one_file_app(tmp, {"native.html": "<< x >>",
                                     "django.html": "\n{% if x %}{% endif %}"},
                               app_code=f", TEMPLATES={templates}")
            result = run("hello.py", "check")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("templates/django.html:2: (djscratch.templates.E001) "
                      "Written in Django's syntax", result.stderr)
        self.assertNotIn("native.html", result.stderr)
