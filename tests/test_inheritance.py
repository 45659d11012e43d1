"""Model inheritance checked against real Django: proxy models (managers,
ordering, methods, relations, contenttypes, permissions, checks), abstract
parents and multi-table inheritance (parent links, joined queries, saves,
updates and deletes across the tables).  tests/inheritance_scenario.py runs on
djscratch in its own process; tests/inheritance_expected.json holds what it
gave on Django 5.2 (written by tests/gen_inheritance_expected.py).
"""

import unittest

from tests import add_key_tests, load_expected, run_scenario

EXPECTED = load_expected("inheritance_expected.json")


class InheritanceMatchesDjangoTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = run_scenario("inheritance_scenario.py", "INHERITANCE_ORACLE")

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(EXPECTED))


add_key_tests(InheritanceMatchesDjangoTests, EXPECTED)
