"""The admin flows of Django's tutorial (part 7) over HTTP with webtest, on
djscratch and on real Django's admin: tests/admin_flows_scenario.py logs in,
adds questions with their choices through the inline (_continue, _addanother,
an invalid _save), finds them by search and by the "Today" date filter, edits
one (_save, an inline row deleted), deletes it through the confirmation page
(post=yes), deletes another with action=delete_selected, and logs out, driven
only by URL names and Django's form protocol.  What djscratch does must be what
Django does (tests/admin_flows_expected.json, tests/gen_admin_flows_expected.py).
"""

import json
import os
import subprocess
import unittest

from tests import load_expected, MatchesDjango
from tests.test_two_engines import DJANGO_PYTHON, needs_django

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = load_expected("admin_flows_expected.json")


class AdminFlowsOnDjscratchTests(MatchesDjango, unittest.TestCase):
    """The scenario on djscratch, key by key against Django's record."""

    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    expected = EXPECTED
    scenario_script = "admin_flows_scenario.py"
    engine_variable = "ADMIN_FLOWS_ENGINE"

    def test_the_flows_did_what_they_say(self):
        """Not only the same as Django: the question was added with its three
        choices, found, changed and deleted, and the action deleted the other."""
        self.assertEqual(self.observed["added_choices"], ["Coffee", "Tea", "Water"])
        self.assertEqual(self.observed["search_coffee"], ["Tea or coffee?"])
        self.assertEqual(self.observed["filter_today"], ["Tea or coffee?"])
        self.assertEqual(self.observed["changed_choices"], ["Sparkling water", "Tea"])
        self.assertEqual(self.observed["after_delete"], [1, 1])
        self.assertEqual(self.observed["after_action"], 0)


@needs_django
class AdminFlowsOnDjangoTests(unittest.TestCase):
    """The same scenario on real Django's admin, now: the record is current."""

    def test_django_does_what_the_record_says(self):
        env = {k: v for k, v in os.environ.items() if k not in (
            "DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DJSCRATCH_ENGINE")}
        done = subprocess.run(
            [DJANGO_PYTHON, os.path.join(HERE, "admin_flows_scenario.py")],
            env={**env, "ADMIN_FLOWS_ENGINE": "django"}, capture_output=True,
            text=True, timeout=180)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout), EXPECTED)
