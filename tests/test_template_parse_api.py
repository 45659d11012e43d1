"""Django's template API beyond the backends (see test_template_api): the
parse-level API (Lexer, Parser, Token, TokenType), node reprs, template_debug,
the cached loader's API, i18n and l10n tags, smartif, messages worded as
Django's.
"""

import os
import re
import sys
import tempfile
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings

from django.http import HttpRequest
from django.template import TemplateDoesNotExist

from . import TEST_SETTINGS


class ParseApiTests(unittest.TestCase):
    """The parse-level API custom tag libraries and Django's tests use."""

    def test_tokens_have_django_types_and_repr(self):
        from django.template.base import Lexer, Token, TokenType

        tokens = Lexer("a{% if x %}{{ y }}{# c #}").tokenize()
        self.assertEqual([t.token_type for t in tokens], [
            TokenType.TEXT, TokenType.BLOCK, TokenType.VAR, TokenType.COMMENT])
        self.assertEqual([t.position for t in tokens], [None] * 4)
        self.assertEqual(repr(Token(TokenType.BLOCK, "some text")),
                         '<Block token: "some text...">')

    def test_debug_lexer_records_positions_and_lines(self):
        from django.template.base import DebugLexer

        tokens = DebugLexer("text\n{% if a %}{{ b }}").tokenize()
        self.assertEqual([(t.lineno, t.position) for t in tokens],
                         [(1, (0, 5)), (2, (5, 15)), (2, (15, 22))])

    def test_parser_without_engine_uses_given_builtins(self):
        from django.template.base import FilterExpression, Parser
        from django.template.defaultfilters import register

        parser = Parser("", builtins=[register])
        expression = FilterExpression("a.b|upper", parser)
        self.assertEqual(expression.resolve({"a": {"b": "x"}}), "X")
        self.assertEqual(repr(expression), "<FilterExpression 'a.b|upper'>")

    @override_settings(**TEST_SETTINGS)
    def test_classic_tag_with_nodelist_and_extra_data(self):
        from django.template import Context, Engine, Library, Node

        register = Library()

        class UpperNode(Node):
            def __init__(self, nodelist):
                self.nodelist = nodelist

            def render(self, context):
                return self.nodelist.render(context).upper()

        @register.tag
        def upper(parser, token):
            parser.extra_data["seen"] = token.split_contents()
            nodelist = parser.parse(("endupper",))
            parser.delete_first_token()
            return UpperNode(nodelist)

        engine = Engine(libraries={"t": register})
        template = engine.from_string(
            "{% load t %}{% upper 'a b' %}hi {{ n }}{% endupper %}")
        self.assertEqual(template.render(Context({"n": "x"})), "HI X")
        self.assertEqual(template.template.extra_data if hasattr(
            template, "template") else template.extra_data,
            {"seen": ["upper", "'a b'"]})


@override_settings(**TEST_SETTINGS)
class LocalizeTagTests(unittest.TestCase):
    def render(self, source, **context):
        from django.template import Context, Engine

        engine = Engine(libraries={"l10n": "django.templatetags.l10n"})
        return engine.from_string(source).render(Context(context))

    def test_localize_off_stops_thousand_grouping(self):
        source = "{% load l10n %}{{ n }} {% localize off %}{{ n }}{% endlocalize %}"
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            self.assertEqual(self.render(source, n=12345), "12,345 12345")

    def test_localize_argument_checked(self):
        from django.template import TemplateSyntaxError

        with self.assertRaisesRegex(TemplateSyntaxError, "should be 'on' or 'off'"):
            self.render("{% load l10n %}{% localize maybe %}{% endlocalize %}")


@override_settings(**TEST_SETTINGS)
class I18nTagTests(unittest.TestCase):
    def render(self, source, **context):
        from django.template import Context, Engine

        engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
        return engine.from_string("{% load i18n %}" + source).render(
            Context(context))

    def test_current_language_tags(self):
        from django.utils import translation

        with translation.override("fr"):
            self.assertEqual(self.render(
                "{% get_current_language as L %}{% get_current_language_bidi as B %}"
                "{{ L }} {{ B }}"), "fr False")

    def test_language_block_switches_language(self):
        self.assertEqual(self.render(
            "{% language 'de' %}{% get_current_language as L %}{{ L }}"
            "{% endlanguage %}"), "de")

    def test_available_languages(self):
        with override_settings(LANGUAGES=[("en", "English"), ("de", "German")]):
            self.assertEqual(self.render(
                "{% get_available_languages as langs %}"
                "{% for code, name in langs %}{{ code }}={{ name }};{% endfor %}"),
                "en=English;de=German;")

    def test_translate_options_checked_as_in_django(self):
        from django.template import TemplateSyntaxError

        for source, message in [
            ("{% translate 'a' as %}",
             "No argument provided to the 'translate' tag for the as option."),
            ("{% translate 'a' noop noop %}",
             "The 'noop' option was specified more than once."),
            ("{% translate 'a' context as %}",
             "Invalid argument 'as' provided to the 'translate' tag for the "
             "context option"),
            ("{% get_current_language %}",
             "'get_current_language' requires 'as variable' "
             "(got ['get_current_language'])"),
        ]:
            with self.subTest(source=source):
                with self.assertRaisesRegex(TemplateSyntaxError, re.escape(message)):
                    self.render(source)

    def test_language_info_tags_and_filters(self):
        self.assertEqual(self.render(
            "{% get_language_info for 'de' as l %}{{ l.code }} {{ l.name }} "
            "{{ l.name_local }} {{ l.bidi }}|{{ 'he'|language_name_local }} "
            "{{ 'he'|language_bidi }}"), "de German Deutsch False|עברית True")
        self.assertEqual(self.render(
            "{% get_language_info_list for codes as langs %}"
            "{% for l in langs %}{{ l.code }}={{ l.name }};{% endfor %}",
            codes=["fi", ("fr", "French"), "zh-cn", "de-at"]),
            "fi=Finnish;fr=French;zh-hans=Simplified Chinese;de=German;")

    def test_unknown_language_code(self):
        from django.utils.translation import get_language_info

        with self.assertRaisesRegex(KeyError, "Unknown language code xx-yy and xx."):
            get_language_info("xx-yy")

    def test_translate_as_variable(self):
        self.assertEqual(self.render(
            "{% translate 'Hi' context 'greeting' as hi %}[{{ hi }}]"), "[Hi]")


class NodeReprTests(unittest.TestCase):
    def test_node_reprs_match_django(self):
        from django.template.defaulttags import ForNode, IfNode, URLNode, WithNode
        from django.template.loader_tags import BlockContext, BlockNode, IncludeNode

        self.assertEqual(repr(ForNode("x", "seq", True, ["v"], ["w"])),
                         "<ForNode: for x in seq, tail_len: 1 reversed>")
        self.assertEqual(repr(IfNode([])), "<IfNode>")
        self.assertEqual(repr(WithNode(nodelist=[], name="a", var="b")), "<WithNode>")
        self.assertEqual(repr(IncludeNode("a.html")),
                         "<IncludeNode: template='a.html'>")
        self.assertEqual(repr(URLNode("v", [], {}, None)),
                         "<URLNode view_name='v' args=[] kwargs={} as=None>")
        context = BlockContext()
        context.add_blocks({"c": BlockNode("c", [])})
        self.assertEqual(repr(context), "<BlockContext: blocks=defaultdict("
                         "<class 'list'>, {'c': [<Block Node: c. Contents: []>]})>")


@override_settings(**TEST_SETTINGS)
class CachedLoaderApiTests(unittest.TestCase):
    def setUp(self):
        from django.template import Engine

        self.folder = tempfile.mkdtemp()
        with open(os.path.join(self.folder, "a.html"), "w", encoding="utf-8") as f:
            f.write("A")
        self.engine = Engine(dirs=[self.folder], loaders=[(
            "django.template.loaders.cached.Loader",
            ["django.template.loaders.filesystem.Loader"])])
        self.loader = self.engine.template_loaders[0]

    def test_cache_is_keyed_by_template_name(self):
        template = self.engine.get_template("a.html")
        self.assertIs(self.loader.get_template_cache["a.html"], template)
        self.assertEqual(self.loader.cache_key("-x.html", []), "-x.html")
        self.assertEqual(list(self.loader.get_dirs()), [self.folder])
        self.assertEqual(template.origin.loader_name,
                         "django.template.loaders.filesystem.Loader")

    def test_misses_cached_as_in_django(self):
        self.engine.debug = False
        with self.assertRaises(TemplateDoesNotExist):
            self.engine.get_template("missing.html")
        self.assertIs(self.loader.get_template_cache["missing.html"],
                      TemplateDoesNotExist)

    def test_debug_miss_is_looked_up_again(self):
        self.engine.debug = True
        with self.assertRaises(TemplateDoesNotExist):
            self.engine.get_template("new.html")
        cached = self.loader.get_template_cache["new.html"]
        self.assertIsNone(cached.__traceback__)
        with open(os.path.join(self.folder, "new.html"), "w", encoding="utf-8") as f:
            f.write("N")
        self.assertEqual(self.engine.get_template("new.html").source, "N")


@override_settings(**TEST_SETTINGS)
class TemplateDebugTests(unittest.TestCase):
    """With engine.debug, errors carry Django's template_debug dict."""

    def engine(self, **templates):
        from django.template import Engine

        return Engine(debug=True, loaders=[
            ("django.template.loaders.locmem.Loader", templates)])

    def test_syntax_error_points_at_the_token(self):
        from django.template import TemplateSyntaxError

        with self.assertRaises(TemplateSyntaxError) as cm:
            self.engine().from_string("{% if 1 %}{{ foo@bar }}{% endif %}")
        debug = cm.exception.template_debug
        self.assertEqual((debug["start"], debug["end"], debug["during"]),
                         (10, 23, "{{ foo@bar }}"))

    def test_render_error_points_at_the_variable(self):
        from django.template import Context

        template = self.engine().from_string("a\n{{ x }} {{ boom }}\nb")
        with self.assertRaises(ZeroDivisionError) as cm:
            template.render(Context({"x": 1, "boom": lambda: 1 / 0}))
        debug = cm.exception.template_debug
        self.assertEqual((debug["line"], debug["before"], debug["during"]),
                         (2, "{{ x }} ", "{{ boom }}"))
        self.assertEqual(debug["source_lines"], [
            (1, "a\n"), (2, "{{ x }} {{ boom }}\n"), (3, "b")])

    def test_error_in_included_template_names_it(self):
        from django.template import Context, TemplateDoesNotExist

        engine = self.engine(**{
            "page.html": "{% for i in '12' %}{% include 'part.html' %}{% endfor %}",
            "part.html": "x{% include 'missing.html' %}"})
        with self.assertRaises(TemplateDoesNotExist) as cm:
            engine.get_template("page.html").render(Context())
        debug = cm.exception.template_debug
        self.assertEqual((debug["name"], debug["during"]),
                         ("part.html", "{% include 'missing.html' %}"))

    def test_no_annotation_without_debug(self):
        from django.template import Context, Engine

        with self.assertRaises(ZeroDivisionError) as cm:
            Engine().from_string("{{ boom }}").render(Context({"boom": lambda: 1 / 0}))
        self.assertFalse(hasattr(cm.exception, "template_debug"))


@override_settings(**TEST_SETTINGS)
class SmallTagBehaviourTests(unittest.TestCase):
    def render(self, source, **context):
        from django.template import Context, Engine

        return Engine().from_string(source).render(Context(context))

    def test_reference_to_silent_cycle_is_silent(self):
        self.assertEqual(self.render(
            "{% cycle 'a' 'b' 'c' as abc silent %}{% for x in '123' %}"
            "{% cycle abc %}{{ abc }}{% endfor %}"), "bca")

    def test_debug_tag_only_with_debug(self):
        self.assertEqual(self.render("{% debug %}", a=1), "")
        with override_settings(DEBUG=True):
            self.assertTrue(self.render("{% debug %}", a="<").startswith(
                "{&#x27;a&#x27;: &#x27;&lt;&#x27;}"))

    def test_tag_compile_functions_wrap_the_function(self):
        from django.template import Library

        register = Library()

        def hello():
            return "hi"

        register.simple_tag(hello)
        self.assertIs(register.tags["hello"].__wrapped__, hello)


class SmartIfTests(unittest.TestCase):
    def test_if_parser_evaluates_with_python_precedence(self):
        from django.template.smartif import IfParser

        tree = IfParser([1, "==", 2, "and", 3, "or", 4]).parse()
        self.assertEqual(repr(tree),
                         "(or (and (== (literal 1) (literal 2)) (literal 3)) "
                         "(literal 4))")
        self.assertEqual(tree.eval({}), 4)
        self.assertTrue(IfParser([4, "not", "in", [1, 2]]).parse().eval({}))
        self.assertFalse(IfParser([None, "<", 1]).parse().eval({}))  # TypeError

    def test_if_parser_errors(self):
        from django.template.smartif import IfParser

        with self.assertRaisesRegex(ValueError, "Unused '2' at end of if expression."):
            IfParser([1, 2]).parse()


@override_settings(**TEST_SETTINGS)
class DjangoMessagesTests(unittest.TestCase):
    """Syntax errors word what is wrong as Django does."""

    def engine(self, **templates):
        from django.template import Engine

        return Engine(libraries={"static": "django.templatetags.static"}, loaders=[
            ("django.template.loaders.locmem.Loader", templates)])

    def assertMessage(self, engine, name, message):
        from django.template import TemplateSyntaxError

        with self.assertRaisesRegex(TemplateSyntaxError, re.escape(message)):
            engine.get_template(name)

    def test_extends_must_be_first(self):
        engine = self.engine(**{
            "a.html": "x{% if 1 %}{% endif %}{% extends 'b.html' %}"})
        self.assertMessage(engine, "a.html",
                           "{% extends 'b.html' %} must be the first tag in 'a.html'.")

    def test_relative_paths_quote_the_argument(self):
        engine = self.engine(**{"a.html": "{% extends './../b.html' %}",
                                "d/c.html": "{% include './c.html' %}"})
        self.assertMessage(engine, "a.html", "The relative path ''./../b.html'' "
                           "points outside the file hierarchy that template "
                           "'a.html' is in.")
        engine.get_template("d/c.html")  # an include may name its own template

    def test_prefix_tags_take_only_as(self):
        engine = self.engine(t="{% load static %}{% get_media_prefix x %}")
        self.assertMessage(engine, "t", "First argument in 'get_media_prefix' must be "
                           "'as'")


class VariableResolveTests(unittest.TestCase):
    def test_failed_lookup_is_logged_then_raised(self):
        from django.template import Variable, VariableDoesNotExist

        with self.assertLogs("django.template", "DEBUG") as cm:
            with self.assertRaises(VariableDoesNotExist):
                Variable("a.b").resolve({"a": {"c": 1}})
        self.assertEqual(cm.records[0].getMessage(),
                         "Exception while resolving variable 'b' in template "
                         "'unknown'.")

    def test_silent_failure_gives_string_if_invalid(self):
        from django.template import Variable

        class Silent(Exception):
            silent_variable_failure = True

        class Thing:
            template_name = "t.html"

            @property
            def boom(self):
                raise Silent("no")

        with self.assertLogs("django.template", "DEBUG"):
            self.assertEqual(Variable("boom").resolve(Thing()), "")

    def test_render_value_in_context(self):
        from django.template import Context
        from django.template.base import render_value_in_context

        self.assertEqual(render_value_in_context("<", Context()), "&lt;")
        self.assertEqual(render_value_in_context("<", Context(autoescape=False)), "<")


class AssertTemplateUsedTests(unittest.TestCase):
    def test_empty_template_name_fails_at_once_as_in_django(self):
        from django.test import SimpleTestCase

        case = SimpleTestCase()
        with self.assertRaisesRegex(AssertionError,
                                    "No templates used to render the response"):
            case.assertTemplateUsed("")


@override_settings(**TEST_SETTINGS)
class UrlCurrentAppTests(unittest.TestCase):
    def test_request_current_app_none_wins_over_resolver_match(self):
        from types import SimpleNamespace
        from unittest import mock

        from django.template import Engine, RequestContext

        request = HttpRequest()
        request.resolver_match = SimpleNamespace(namespace="ns1")
        request.current_app = None
        template = Engine().from_string('{% url "app:x" %}')
        # (patched where {% url %} reads it: the single file, or defaulttags)
        tags = sys.modules[djscratch.URLNode.__module__]
        with mock.patch.object(tags, "reverse", return_value="/u/") as reverse:
            self.assertEqual(template.render(RequestContext(request)), "/u/")
        self.assertIsNone(reverse.call_args.kwargs["current_app"])
        del request.current_app
        with mock.patch.object(tags, "reverse", return_value="/u/") as reverse:
            template.render(RequestContext(request))
        self.assertEqual(reverse.call_args.kwargs["current_app"], "ns1")


def _regex_parse(token):
    """(var, [(name, arg)]) as _FILTER_PATTERN's loop reads `token`, or the
    error message it raises (FilterExpression's general path)."""
    var, filters, upto = None, [], 0
    for match in re.finditer(djscratch._FILTER_PATTERN, token):
        if match.start() != upto:
            return "Could not parse some characters"
        if var is None:
            var = match.group("constant") or match.group("var")
            if not var:
                return "Could not find variable"
        else:
            filters.append((match.group("filter_name"),
                            match.group("constant_arg") or match.group("var_arg")))
        upto = match.end()
    if upto != len(token):
        return "Could not parse the remainder"
    return (var, filters) if var is not None else "Could not find variable"


class PlainFilterExpressionTests(unittest.TestCase):
    """_plain_filter_expression() reads a plain token as _FILTER_PATTERN does,
    and leaves every other token to it."""

    TOKENS = [
        "a", "a.b.c", "0", "1.5", "a|upper", "a.b|date:\"N j, Y\"", "x|date:'c'",
        "'blog.css'", '"base.html"', "a|default:b.c", "a|f:1|g", "_", "a_b|c_d",
        "ünï.cødé|lower", "a|", "|a", "a||b", "a|b:", "a:b", "a|b.c", "a |b",
        "a|b:-1", "a|b:'x\\'y'", "'a\\'b'", "_('x')", "a|b:_(\"y\")", '"a"|b',
        "'unclosed", "a|b:'unclosed", "-1", "+2|add:3", "a|b:c:d", "a b", "",
        "a|b:'|:'|c", "'x'y", "a.|b", ".a", "a|b:\"\"",
    ]

    def assertReadsAsTheRegex(self, token):
        plain = djscratch._plain_filter_expression(token)
        if plain is not None:
            self.assertEqual(plain, _regex_parse(token), repr(token))
            # the engine's syntax detection counts it as a variable too
            self.assertTrue(re.fullmatch(djscratch._VARIABLE_EXPRESSION, token))
        return plain

    def test_plain_tokens_read_as_the_regex_reads_them(self):
        read = [t for t in self.TOKENS if self.assertReadsAsTheRegex(t) is not None]
        self.assertIn("a.b|date:\"N j, Y\"", read)
        self.assertIn("'blog.css'", read)
        self.assertNotIn("a |b", read)  # spaces, backslashes, -1, _(): the regex

    def test_any_token_reads_as_the_regex_reads_it(self):
        from hypothesis import given, settings, strategies

        @settings(max_examples=1500, deadline=None, derandomize=True)
        @given(strategies.text(alphabet="ab_1.|:'\" \\-(é", max_size=14))
        def check(token):
            self.assertReadsAsTheRegex(token)

        check()

    def test_filter_expressions_are_the_same_both_ways(self):
        from unittest import mock

        engine = djscratch.Engine()
        parser = djscratch.Parser([], builtins=engine.template_builtins)
        for token in ["a.b|date:\"N j\"|default:x", "'s'|upper", "n|add:2"]:
            fast = djscratch.FilterExpression(token, parser)
            module = __import__(djscratch.FilterExpression.__module__,
                                fromlist=["_plain_filter_expression"])
            with mock.patch.object(module, "_plain_filter_expression",
                                   lambda token: None):
                general = djscratch.FilterExpression(token, parser)
            self.assertEqual(
                (str(fast.var), [(f.name, f.func, str(f.arg)) for f in fast.filters]),
                (str(general.var), [(f.name, f.func, str(f.arg))
                                    for f in general.filters]))
        with self.assertRaisesRegex(djscratch.TemplateSyntaxError,
                                      "Invalid filter: 'nosuchfilter'"):
            djscratch.FilterExpression("a|nosuchfilter", parser)
