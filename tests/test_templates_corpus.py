"""Replay the Django-generated template corpus on djscratch.

tests/template_corpus.json holds templates with the output real Django 5.2
gave (see tests/gen_template_corpus.py).  Every case runs twice: with
Django's delimiters, and with the same template written in the native
syntax (<< >> <% %> <# #>), which must render the same text.
"""

import json
import os
import unittest

import djscratch
from djscratch import Context, Engine, override_settings

from . import TEST_SETTINGS
from .template_corpus_fixtures import base_context

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "template_corpus.json"), encoding="utf-8") as _f:
    CASES = json.load(_f)

LIBRARIES = {"static": "django.templatetags.static",
             "mylib": "tests.template_corpus_tags"}  # and a case's own libraries
SETTINGS = {**TEST_SETTINGS, "STATIC_URL": "/static/", "MEDIA_URL": "/media/",
            "ROOT_URLCONF": "tests.template_corpus_urls"}


def to_native(source):
    """Rewrite Django-syntax source with the native delimiters, or None if the
    rewrite would read differently (text that contains a native delimiter)."""
    if source is None:
        return None
    tokens = djscratch._tokenize(source, djscratch.DJANGO_SYNTAX)
    vs, ve, bs, be, cs, ce = djscratch.NATIVE_SYNTAX
    pieces = []
    for token in tokens:
        if token.token_type == "text":
            pieces.append(token.contents)
        else:
            raw = token.source[2:-2]
            start, end = {"var": (vs, ve), "block": (bs, be),
                          "comment": (cs, ce)}[token.token_type]
            pieces.append(start + raw + end)
    native = "".join(pieces)
    again = djscratch._tokenize(native, djscratch.NATIVE_SYNTAX)
    if [(t.token_type, t.contents) for t in again] != [
            (t.token_type, t.contents) for t in tokens]:
        return None
    return native


def render_case(case, syntax):
    templates = dict(case.get("templates", {}))
    template = case["template"]
    if syntax is djscratch.NATIVE_SYNTAX:
        template = to_native(template)
        templates = {name: to_native(text) for name, text in templates.items()}
        if template is None or None in templates.values():
            raise unittest.SkipTest("delimiters are ambiguous in the native syntax")
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates)],
        libraries={**LIBRARIES, **case.get("libraries", {})},
        string_if_invalid=case.get("string_if_invalid", ""), syntax=syntax)
    context = base_context()
    context.update(case.get("extra", {}))
    if case.get("render"):
        t = engine.get_template(case["render"])
    else:
        t = engine.from_string(template)
    return t.render(Context(context))


NATIVE_SKIP = ("templatetag", "verbatim")


def make_test(case, syntax):
    def test(self):
        if syntax is djscratch.NATIVE_SYNTAX and any(
                word in case["template"] for word in NATIVE_SKIP):
            self.skipTest("output names Django's delimiters")
        if "error" in case:
            with self.assertRaises(Exception) as caught:
                render_case(case, syntax)
            if isinstance(caught.exception, unittest.SkipTest):
                raise caught.exception
            self.assertEqual(type(caught.exception).__name__, case["error"])
            expected = case["message"].split(" in [")[0]
            self.assertIn(expected, str(caught.exception))
        else:
            output = render_case(case, syntax)
            if "random" in case["template"] or "lorem" in case["template"] and \
                    "common" not in case["template"]:
                self.assertEqual(len(output) > 0, len(case["expected"]) > 0)
                if "lorem 2 p" in case["template"] or "random" in case["template"]:
                    return
            self.assertEqual(output, case["expected"], case["template"])

    return test


@override_settings(**SETTINGS)
class DjangoSyntaxCorpusTests(unittest.TestCase):
    """Each case with Django's {{ }} {% %} {# #}."""


@override_settings(**SETTINGS)
class NativeSyntaxCorpusTests(unittest.TestCase):
    """Each case rewritten with << >> <% %> <# #>."""


for _case in CASES:
    setattr(DjangoSyntaxCorpusTests, f"test_case_{_case['id']:03d}",
            make_test(_case, djscratch.DJANGO_SYNTAX))
    setattr(NativeSyntaxCorpusTests, f"test_case_{_case['id']:03d}",
            make_test(_case, djscratch.NATIVE_SYNTAX))
