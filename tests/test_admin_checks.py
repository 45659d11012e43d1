"""The admin's system checks (django.contrib.admin.checks and the generic
inlines' checks): every ModelAdmin, inline and dependency case of
tests/admin_checks_scenario.py gives the messages real Django 5.2 gives
(tests/admin_checks_expected.json)."""

import unittest

from tests import add_key_tests, load_expected, run_scenario

EXPECTED = load_expected("admin_checks_expected.json")


class AdminChecksMatchDjangoTests(unittest.TestCase):
    """One test per case: the same level, id, message, hint and object."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = run_scenario("admin_checks_scenario.py", "ADMIN_CHECKS_ENGINE")


add_key_tests(AdminChecksMatchDjangoTests, EXPECTED)
