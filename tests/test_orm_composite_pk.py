"""Composite primary keys: the scenario of tests/composite_pk_scenario.py run
on djscratch and compared with real Django's results
(tests/composite_pk_expected.json), key by key; and a custom user model with
a composite key logging in and resetting its password
(tests/composite_pk_auth_project, tests/composite_pk_auth_expected.txt)."""

import os
import sys
import unittest

from djscratch import override_settings
from tests import forked, load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import composite_pk_scenario as scenario

EXPECTED = load_expected("composite_pk_expected.json")


@override_settings(**ORACLE_SETTINGS)
class CompositePrimaryKeyMatchesDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED

    @classmethod
    def observe(cls):
        from django.apps import apps

        if not apps.ready:
            # The model checks need a populated registry, as in Django: the
            # test runner populates it; run alone, nothing has (no apps).
            apps.populate([])
        return scenario.run()


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CompositePrimaryKeyUserMatchesDjangoTests(unittest.TestCase):
    maxDiff = None

    def test_login_and_password_reset_print_what_django_printed(self):
        project = os.path.join(HERE, "composite_pk_auth_project")
        env = {**os.environ, "DJS": "1", "PYTHONPATH": ROOT,
               "PYTHONDONTWRITEBYTECODE": "1"}
        result = forked.run([sys.executable, "run.py"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        with open(os.path.join(HERE, "composite_pk_auth_expected.txt")) as f:
            self.assertEqual(result.stdout, f.read())


@override_settings(**ORACLE_SETTINGS)
class CompositePrimaryKeyRefusalTests(unittest.TestCase):
    """What Django 5.2 does with a composite key and djscratch does not yet
    build is refused by name, pointing to the Django engine."""

    def assertRefused(self, call, *words):
        from django.db import NotSupportedError

        with self.assertRaises(NotSupportedError) as cm:
            call()
        for word in (*words, "DJSCRATCH_ENGINE=django"):
            self.assertIn(word, str(cm.exception))

    def test_other_lookups(self):
        self.assertRefused(
            lambda: list(scenario.LineItem.objects.filter(pk__contains=(1, "a"))),
            "'contains'")
