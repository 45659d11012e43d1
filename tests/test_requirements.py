"""The requirements files and the README's quickstart agree: serving installs
only the server, the test command's file adds the test tools on top."""

import os
import re
import unittest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def requirement_lines(name):
    """Return the non-comment, non-blank lines of a requirements file."""
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        lines = (line.split("#", 1)[0].strip() for line in f)
        return [line for line in lines if line]


def quickstart_commands():
    """Return the command lines of the README's Quickstart code block."""
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme.split("## Quickstart", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)[1]
    return [line for line in block.splitlines() if line.strip()]


class RequirementsTests(unittest.TestCase):
    def test_serving_installs_only_the_server(self):
        self.assertEqual(requirement_lines("requirements.txt"), ["waitress==3.0.2"])

    def test_test_requirements_add_the_pinned_test_tools_to_serving(self):
        lines = requirement_lines("requirements-test.txt")
        self.assertIn("-r requirements.txt", lines)
        pins = dict(line.split("==") for line in lines if not line.startswith("-"))
        self.assertEqual(sorted(pins), ["Jinja2", "MarkupSafe", "hypothesis", "pytest",
                                        "selenium", "webtest"])

    def test_django_engine_requirements_include_the_test_tools(self):
        self.assertIn("-r requirements-test.txt",
                      requirement_lines("requirements-django.txt"))

    def test_quickstart_serves_with_requirements_and_tests_with_test_requirements(self):
        serve, test = quickstart_commands()
        self.assertIn("pip install -r requirements.txt &&", serve)
        self.assertTrue(serve.endswith("&& python blog.py"), serve)
        self.assertIn("pip install -r requirements-test.txt &&", test)
        self.assertTrue(test.endswith("&& python -m djscratch test --parallel 4"),
                        test)
