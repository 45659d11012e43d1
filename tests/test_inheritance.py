"""Model inheritance checked against real Django: proxy models (managers,
ordering, methods, relations, contenttypes, permissions, checks), abstract
parents and multi-table inheritance (parent links, joined queries, saves,
updates and deletes across the tables).  tests/inheritance_scenario.py runs on
djscratch in its own process; tests/inheritance_expected.json holds what it
gave on Django 5.2 (written by tests/gen_inheritance_expected.py).
"""

import unittest

from tests import load_expected, MatchesDjango

EXPECTED = load_expected("inheritance_expected.json")


class InheritanceMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    scenario_script = "inheritance_scenario.py"
    engine_variable = "INHERITANCE_ORACLE"
