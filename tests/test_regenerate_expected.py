"""The expected-output generators (tests/gen_*.py) and the one command that
runs them all, tools/regenerate_expected.py.

Running the generators needs real Django (CI does it with `--check`); these
tests hold what can be checked without it: every generator names the one
command, none names a machine's own path, and the tool finds them all.
"""

import importlib.util
import pathlib
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "regenerate_expected.py"
COMMAND = "python tools/regenerate_expected.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("regenerate_expected", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@unittest.skipUnless(TOOL.is_file(), "no tools/ next to the tests")
class RegenerateExpectedTests(unittest.TestCase):
    def setUp(self):
        self.tool = load_tool()

    def test_every_generator_docstring_names_the_one_command(self):
        for path in sorted((ROOT / "tests").glob("gen_*.py")):
            with self.subTest(path.name):
                source = path.read_text(encoding="utf-8")
                docstring = source.split('"""')[1]
                self.assertIn(COMMAND, docstring)
                self.assertNotIn("/work/", source)

    def test_the_tool_runs_every_generator_not_excluded_with_a_reason(self):
        names = [p.name for p in self.tool.generators()]
        every = sorted(p.name for p in (ROOT / "tests").glob("gen_*.py"))
        self.assertEqual(names, [n for n in every if n not in self.tool.EXCLUDED])
        for name, reason in self.tool.EXCLUDED.items():
            self.assertTrue(reason.strip(), name)

    def test_the_oracle_is_the_pinned_django(self):
        self.assertRegex(self.tool.pinned_django_version(), r"^5\.2\.\d+$")
        self.assertEqual(self.tool.VENV.name, ".venv-django")

    def test_check_names_added_removed_and_rewritten_files(self):
        before = {"tests/a.json": b"1", "tests/b.json": b"2", "tests/c.json": b"3"}
        after = {"tests/a.json": b"1", "tests/b.json": b"2!", "tests/d.json": b"4"}
        self.assertEqual(self.tool.changed_files(before, after),
                         ["tests/b.json", "tests/c.json", "tests/d.json"])

    def test_caches_are_not_expectations(self):
        for name in ("tests/__pycache__/x.cpython-312.pyc", "tests/db.sqlite3",
                     "tests/db.sqlite3-journal"):
            self.assertTrue(self.tool.IGNORED.search(name), name)
        self.assertIsNone(self.tool.IGNORED.search("tests/forms_expected.json"))
