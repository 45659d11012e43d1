"""The admin's system checks (django.contrib.admin.checks and the generic
inlines' checks): every ModelAdmin, inline and dependency case of
tests/admin_checks_scenario.py gives the messages real Django 5.2 gives
(tests/admin_checks_expected.json)."""

import unittest

from tests import load_expected, MatchesDjango

EXPECTED = load_expected("admin_checks_expected.json")


class AdminChecksMatchDjangoTests(MatchesDjango, unittest.TestCase):
    """One test per case: the same level, id, message, hint and object."""

    expected = EXPECTED
    scenario_script = "admin_checks_scenario.py"
    engine_variable = "ADMIN_CHECKS_ENGINE"
