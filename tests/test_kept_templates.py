"""Templates built from their kept state (_KeptState), without parsing.

A template a loader read is parsed once; what its generated code needs is
kept beside the code in __pycache__, and a later engine (a later process)
builds the template from it.  These tests compare that path with the
general one (parse, generate, compile) on the whole template corpus, and
check that anything the parse or the code depends on keys it.
"""

import os
import random
import shutil
import sys
import tempfile
import unittest
from unittest import mock

import djscratch
from djscratch import Context, Engine, override_settings

from .template_corpus_fixtures import base_context
from .test_templates_corpus import CASES, LIBRARIES, SETTINGS


def _module_of(name):
    """The module whose globals the code reading djscratch's `name` uses."""
    return sys.modules[getattr(djscratch, name).__module__]


class KeptDirectoryMixin:
    """Keep generated code and state in a folder of the test's own."""

    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        loading = _module_of("_compile_generated")
        for patcher in (mock.patch.object(loading, "_GENERATED_CODE_DIR", [self.tmp]),
                        mock.patch.object(sys, "dont_write_bytecode", False)):
            patcher.start()
            self.addCleanup(patcher.stop)

    def states(self):
        return [name for name in os.listdir(self.tmp) if name.endswith(".state")]


def _engine(templates, **options):
    options.setdefault("libraries", LIBRARIES)
    return Engine(loaders=[("django.template.loaders.locmem.Loader", templates)],
                  **options)


def _outcome(engine, name, context):
    """(output or None, (error class, message) or None, the template)."""
    template = None
    try:
        template = engine.get_template(name)
        return template.render(Context(context)), None, template
    except Exception as err:
        return None, (type(err).__name__, str(err)), template


@override_settings(**SETTINGS)
class KeptCorpusTests(KeptDirectoryMixin, unittest.TestCase):
    """Every case of the corpus, rendered by a first engine (parsed, its
    state kept) and by a second one (built from the kept state where there
    is one): the same output or the same error, in both syntaxes."""

    def check_corpus(self, syntax):
        kept = 0
        for case in CASES:
            if "random" in case["template"] or "lorem" in case["template"]:
                continue
            templates = {**case.get("templates", {}), "case.html": case["template"]}
            options = {"libraries": {**LIBRARIES, **case.get("libraries", {})},
                       "string_if_invalid": case.get("string_if_invalid", ""),
                       "syntax": syntax}
            if syntax is djscratch.NATIVE_SYNTAX:
                from .test_templates_corpus import to_native

                templates = {name: to_native(text) for name, text in templates.items()}
                if None in templates.values():
                    continue
            name = case.get("render") or "case.html"
            context = base_context()
            context.update(case.get("extra", {}))
            first = _outcome(_engine(templates, **options), name, context)
            context = base_context()
            context.update(case.get("extra", {}))
            second = _outcome(_engine(templates, **options), name, context)
            with self.subTest(case=case["id"], template=case["template"]):
                self.assertEqual(second[:2], first[:2])
            if second[2] is not None and second[2]._kept is not None:
                kept += 1
        return kept

    def test_the_corpus_renders_the_same_from_kept_state(self):
        kept = self.check_corpus(djscratch.DJANGO_SYNTAX)
        self.assertGreater(kept, 300)  # most cases use only built-in tags

    def test_the_native_corpus_renders_the_same_from_kept_state(self):
        self.assertGreater(self.check_corpus(djscratch.NATIVE_SYNTAX), 300)


@override_settings(**SETTINGS)
class KeptStateTests(KeptDirectoryMixin, unittest.TestCase):
    PAGE = ("{% load static %}{% block top %}<a href=\"{% url 'post' 3 %}\">"
            "{{ when|date:'N j, Y' }}</a>{% endblock %}{% csrf_token %}"
            "<img src=\"{% static 'x.png' %}\">{{ text|linebreaksbr }}")

    def render(self, engine, name="page.html", **context):
        template = engine.get_template(name)
        context = {"when": __import__("datetime").date(2026, 12, 7),
                   "text": "a\nb<", "csrf_token": "t" * 64, **context}
        return template, template.render(Context(context))

    def test_a_second_engine_builds_the_template_without_parsing(self):
        first, expected = self.render(_engine({"page.html": self.PAGE}))
        self.assertIsNone(first._kept)
        self.assertEqual(len(self.states()), 1)
        # (its {% url %} {% static %} {% csrf_token %} nodes are made again
        # from their own tokens, not by parsing the template)
        with mock.patch.object(djscratch.Template, "compile_nodelist",
                               side_effect=AssertionError("parsed")):
            second, output = self.render(_engine({"page.html": self.PAGE}))
        self.assertIsNotNone(second._kept)
        self.assertNotIn("nodelist", second.__dict__)
        self.assertEqual(output, expected)
        self.assertEqual(second.python_source(), first.python_source())
        # The nodes, when asked for, are parsed then.
        self.assertEqual([type(n).__name__ for n in second.nodelist],
                         [type(n).__name__ for n in first.nodelist])
        self.assertEqual(second.extends_node, None)

    def test_an_extended_template_and_its_blocks_from_kept_state(self):
        templates = {"base.html": "<title>{% block t %}B{% endblock %}</title>"
                                  "{% block c %}{% endblock %}",
                     "page.html": "{% extends 'base.html' %}{% block t %}P "
                                  "{{ block.super }}{% endblock %}"
                                  "{% block c %}{{ x }}{% endblock %}"}
        _, expected = self.render(_engine(templates), x="<1>")
        template, output = self.render(_engine(templates), x="<1>")
        self.assertIsNotNone(template._kept)
        self.assertEqual(output, expected)
        self.assertEqual(output, "<title>P B</title>&lt;1&gt;")

    def test_a_changed_source_or_engine_option_is_parsed_again(self):
        self.render(_engine({"page.html": self.PAGE}))
        changes = [({"page.html": self.PAGE + " "}, {}),
                   ({"page.html": self.PAGE}, {"string_if_invalid": "?"}),
                   ({"page.html": self.PAGE}, {"debug": True}),
                   ({"page.html": self.PAGE}, {"autoescape": False}),
                   ({"page.html": self.PAGE}, {"syntax": "auto"}),
                   ({"other.html": self.PAGE}, {})]
        for templates, options in changes:
            with self.subTest(options=options, names=list(templates)):
                engine = _engine(templates, **options)
                name = next(iter(templates))
                template, _ = self.render(engine, name)
                self.assertIsNone(template._kept)
        template, _ = self.render(_engine({"page.html": self.PAGE}))
        self.assertIsNotNone(template._kept)

    def test_changed_djscratch_files_are_parsed_again(self):
        self.render(_engine({"page.html": self.PAGE}))
        files, identity = djscratch._own_files()
        with mock.patch.object(_module_of("_own_files"), "_OWN_FILES",
                               [(files, identity + "\nchanged:1:1")]):
            template, _ = self.render(_engine({"page.html": self.PAGE}))
        self.assertIsNone(template._kept)

    def test_a_tag_or_filter_found_differently_is_parsed_again(self):
        self.render(_engine({"page.html": self.PAGE}))
        filters = djscratch.default_filters.filters
        with mock.patch.dict(filters, {"linebreaksbr": filters["upper"]}):
            template, output = self.render(_engine({"page.html": self.PAGE}))
            self.assertIsNone(template._kept)
            self.assertIn("A\nB&lt;", output)
        with mock.patch.dict(djscratch.static_library.tags,
                             {"static": djscratch.default_tags.tags["url"]}):
            engine = _engine({"page.html": self.PAGE})
            self.assertIsNone(engine.get_template("page.html")._kept)
        # The state the patched filter's parse kept is not used either; the
        # next parse keeps the state again.
        for kept in (False, True):
            template, _ = self.render(_engine({"page.html": self.PAGE}))
            self.assertIs(template._kept is not None, kept)

    def test_templates_using_other_libraries_are_not_kept(self):
        source = "{% load mylib %}{% shout name %}"
        for _ in range(2):
            template, output = self.render(_engine({"page.html": source}),
                                           name="page.html")
            self.assertIsNone(template._kept)
        self.assertEqual(self.states(), [])

    def test_a_partial_load_is_replayed(self):
        source = ("{% load static from static %}{% static 'a.css' %}"
                  "{% url 'post' 1 %}{{ x|upper }}")
        _, expected = self.render(_engine({"page.html": source}), x="y")
        template, output = self.render(_engine({"page.html": source}), x="y")
        self.assertIsNotNone(template._kept)
        self.assertEqual(output, expected)

    def test_syntax_errors_are_raised_and_nothing_is_kept(self):
        for _ in range(2):
            with self.assertRaises(djscratch.TemplateSyntaxError):
                _engine({"page.html": "{% if %}"}).get_template("page.html")
        self.assertEqual(self.states(), [])

    def test_an_error_while_rendering_gives_the_same_debug_information(self):
        source = "line 1\n{{ value|date:'N' }}\n{% url 'no-such-view' %}\n"
        results = []
        for _ in range(2):
            engine = _engine({"page.html": source}, debug=True)
            template = engine.get_template("page.html")
            with self.assertRaises(Exception) as caught:
                template.render(Context({"value": None}))
            results.append((template._kept is not None, type(caught.exception),
                            getattr(caught.exception, "template_debug", None)))
        self.assertEqual([kept for kept, *_ in results], [False, True])
        self.assertEqual(results[0][1:], results[1][1:])
        self.assertEqual(results[1][2]["line"], 3)

    def test_nothing_is_kept_without_bytecode(self):
        with mock.patch.object(sys, "dont_write_bytecode", True):
            self.render(_engine({"page.html": self.PAGE}))
        self.assertEqual(self.states(), [])


class PlainSplitTests(unittest.TestCase):
    """The fast paths a first response's parse takes, against the patterns."""

    def test_split_plain_words_agrees_with_the_pattern(self):
        base = _module_of("smart_split")
        pieces = ["url", "'home'", '"a b"', "x=1", "_('t')", "'", '"', "a'b",
                  "'a\\'b'", "\"q'\"", "''", "k='v'", "\u00e9", "\t", "\n", "  ",
                  "\u2003", "\x1c", "'x'y", "\"\"", "a|b:'c'", "'\\\\'", "x\"y\""]
        rng = random.Random(7)
        checked = 0
        for _ in range(3000):
            text = "".join(rng.choice(pieces + [" "] * 4)
                           for _ in range(rng.randint(0, 8)))
            expected = base._smart_split_by_pattern(text)
            plain = base._split_plain_words(text)
            if plain is not None:
                checked += 1
                self.assertEqual(plain, expected, repr(text))
                self.assertTrue(all(type(word) is str for word in plain))
            self.assertEqual(djscratch.smart_split(text), expected, repr(text))
        self.assertGreater(checked, 500)

    def test_split_plain_date_format_agrees_with_the_pattern(self):
        dateformat = _module_of("_parse_date_format")
        alphabet = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZkqxKQ ,.:-/\\\n\u00e9"
        rng = random.Random(11)
        formats = ["c", "N j, Y, P T", "", "Y-m-d H:i", "\\Y", "jS \\o\\f F"]
        formats += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                    for _ in range(3000)]
        for text in formats:
            expected = dateformat._split_date_format_by_pattern(text)
            if "\\" not in text:
                self.assertEqual(dateformat._split_plain_date_format(text), expected,
                                 repr(text))
            self.assertEqual(dateformat._parse_date_format(text), expected)


if __name__ == "__main__":
    unittest.main()
