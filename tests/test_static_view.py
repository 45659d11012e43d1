"""django.views.static.serve as Django 5.2 answers: the built-in directory
listing (Django's template, "Index of ./" at the root), a project's own
static/directory_index.html, and a compressed file served with the type of
what it holds and Content-Encoding (tests/static_view_expected.json, from
tests/gen_static_view_expected.py).
"""

import json
import os
import shutil
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.test import RequestFactory, override_settings
from django.views.static import serve

from tests import TEST_SETTINGS
from tests.static_view_cases import build_root, run_cases

HERE = os.path.dirname(os.path.abspath(__file__))


TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]


@override_settings(**TEST_SETTINGS, TEMPLATES=TEMPLATES)
class StaticServeAsDjangoTests(unittest.TestCase):
    def test_every_case_answers_as_django(self):
        with open(os.path.join(HERE, "static_view_expected.json")) as f:
            expected = json.load(f)
        actual = run_cases()
        self.assertEqual(set(actual), set(expected))
        for case, answer in expected.items():
            with self.subTest(case):
                self.assertEqual(actual[case], answer)

    @override_settings(TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
            "static/directory_index.html":
                "{{ directory }}:{% for f in file_list %}{{ f }},{% endfor %}"})]},
    }])
    def test_a_project_template_renders_the_listing(self):
        root = build_root()
        self.addCleanup(shutil.rmtree, root)
        response = serve(RequestFactory().get("/m/sub/"), "sub/", document_root=root,
                         show_indexes=True)
        self.assertEqual(response.content, b"sub/:deeper/,inner.txt,")
