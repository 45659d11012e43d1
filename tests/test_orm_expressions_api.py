"""The expression API (window functions and frames, math, text and
comparison functions, custom Func and Aggregate classes): the scenario of
tests/expressions_scenario.py run on djscratch and compared with real
Django's results (tests/expressions_expected.json), key by key.
"""

import unittest

from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import expressions_scenario as scenario

EXPECTED = load_expected("expressions_expected.json")


@override_settings(**ORACLE_SETTINGS)
class ExpressionsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


@override_settings(**ORACLE_SETTINGS)
class WindowFilterRefusalTests(unittest.TestCase):
    """A window function's condition has no place in UPDATE or DELETE:
    djscratch refuses rather than change every row the rest selects."""

    def ranked(self):
        from django.db.models import F, Window
        from django.db.models.functions import Rank

        return scenario.Employee.objects.annotate(r=Window(
            Rank(), partition_by="department", order_by=F("salary").desc())).filter(
            r=1)

    def test_update_refused(self):
        from django.db import NotSupportedError

        with self.assertRaisesRegex(NotSupportedError, "update\\(\\) of a query "
                                    "filtered on a window function"):
            self.ranked().update(salary=1)

    def test_raw_delete_refused(self):
        from django.db import NotSupportedError

        with self.assertRaisesRegex(NotSupportedError, "delete\\(\\) of a query "
                                    "filtered on a window function"):
            self.ranked()._raw_delete()
