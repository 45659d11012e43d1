"""django.contrib.auth's system checks (auth.E001-E013, W004, C009/C010)
and the manager of a swapped-out User:
tests/auth_checks_run.py run on djscratch prints what real Django printed
(tests/auth_checks_expected.json, from tests/gen_auth_checks_expected.py).
"""

import json
import os
import sys
import unittest

from tests import forked

HERE = os.path.dirname(os.path.abspath(__file__))


class AuthChecksMatchDjangoTests(unittest.TestCase):
    maxDiff = None

    def test_every_check_reports_what_django_reports(self):
        env = {**os.environ, "DJS": "1"}
        result = forked.run([sys.executable, os.path.join(HERE, "auth_checks_run.py")],
                            env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        with open(os.path.join(HERE, "auth_checks_expected.json")) as f:
            expected = json.load(f)
        observed = json.loads(result.stdout)
        for key in expected:
            with self.subTest(key=key):
                self.assertEqual(observed.get(key), expected[key])
        self.assertEqual(sorted(observed), sorted(expected))
