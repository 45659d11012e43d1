"""bench/opcount.py: the bytecodes one GET / of blog.py runs, counted the
same way every time, by module and by function."""

import json
import pathlib
import subprocess
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _count(*args):
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "opcount.py"), "--json", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    if out.returncode:
        raise AssertionError(out.stderr)
    return json.loads(out.stdout)


class OpcountTests(unittest.TestCase):
    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Two separate counts of this copy (the second beside another copy
        # and the floor), each run once for both tests.
        cls.alone = _count("--no-floor")
        cls.report = _count("--djscratch", str(ROOT / "djscratch.py"))

    def test_a_get_is_counted_the_same_every_time_and_by_module(self):
        first, second = self.alone, self.report
        self.assertEqual(first["this"]["total"], second["this"]["total"])
        self.assertEqual(first["this"]["calls"], second["this"]["calls"])
        counted = first["this"]
        self.assertEqual(sum(counted["functions"].values()), counted["total"])
        modules = {key.split("\t")[0] for key in counted["functions"]}
        # The flat file's functions count under their source module; code
        # made at run time under its own name.
        self.assertIn("djscratch/forms/forms.py", modules)
        self.assertIn("<template>", modules)
        self.assertIn("blog.py", modules)

    def test_another_copy_and_the_floor_are_counted_beside_it(self):
        report = self.report
        self.assertIn("floor", report)
        self.assertLess(report["floor"]["total"], report["this"]["total"])
        copies = [v for k, v in report.items() if k not in ("this", "floor")]
        self.assertEqual(len(copies), 1)
        self.assertEqual(copies[0]["total"], report["this"]["total"])

    def test_the_code_footprint_is_counted_in_lines_of_bytecode(self):
        # Each line holds 64 bytes of bytecode: at most 32 instructions, so
        # a GET's lines are fewer than its bytecodes and at least the
        # functions it ran; two counts of the same code agree (the floor,
        # counted twice, runs the same code each time).
        for counted in (self.alone["this"], self.report["floor"]):
            self.assertLess(counted["code_lines"], counted["total"])
            self.assertGreaterEqual(counted["code_lines"], len(counted["functions"]))
        self.assertEqual(self.alone["this"]["code_lines"],
                         self.report["this"]["code_lines"])
