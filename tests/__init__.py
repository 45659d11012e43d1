"""djscratch's own test suite: one test_<area>.py per concern.

Tests do not configure the global settings (the blog's App may have done so
when test_blog.py was imported first); they use override_settings for what
they depend on, starting from TEST_SETTINGS below.
"""

import os
import sys
import unittest

TEST_SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "USE_TZ": True,
    "TIME_ZONE": "UTC",
}


#: The slow tests (load, soak, concurrency, installs into a fresh venv) run
#: only with DJSCRATCH_SLOW_TESTS=1, and the fuzz tests then run their long
#: example counts; CI runs them as a step of its own.  The default run names
#: the command in its list of skip reasons.
SLOW_TESTS = os.environ.get("DJSCRATCH_SLOW_TESTS", "") == "1"
SLOW_COMMAND = "DJSCRATCH_SLOW_TESTS=1 python -m djscratch test --tag slow"
SLOW_REASON = "slow tests and long fuzz runs: run them with " + SLOW_COMMAND


def running_pytest():
    """Return pytest when it is running these tests, else None.

    Its marks matter only to pytest, which imports itself before collecting
    the tests; the djscratch runner does not pay for importing it (0.3 s)."""
    return sys.modules.get("pytest")


def _tag_slow(obj):
    """Tag `obj` "slow" for `--tag slow` (Django's @tag) and pytest's -m slow."""
    obj.tags = set(getattr(obj, "tags", ())) | {"slow"}
    pytest = running_pytest()
    if pytest is None:
        return obj
    return pytest.mark.slow(obj)


def slow(obj):
    """Mark a test class or method slow: skipped unless DJSCRATCH_SLOW_TESTS=1."""
    return _tag_slow(unittest.skipUnless(SLOW_TESTS, SLOW_REASON)(obj))


def fuzz(obj):
    """Mark a fuzz test class: it runs in both runs, longer in the slow one."""
    return _tag_slow(obj)


def fuzz_examples(count):
    """Hypothesis's example count: `count` in the slow run, a tenth otherwise."""
    return count if SLOW_TESTS else max(10, count // 10)


def run_scenario(script, engine_variable, **env_vars):
    """Run tests/<script> on djscratch in its own process; return its JSON.

    The scenario scripts print what they saw as JSON; their generators run the
    same script on real Django (engine_variable=django) for the expectations.
    """
    import json
    import sys

    from tests import forked

    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, PYTHONPATH=os.path.dirname(here), **env_vars)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop(engine_variable, None)
    done = forked.run([sys.executable, os.path.join(here, script)],
                      capture_output=True, text=True, env=env, timeout=120)
    if done.returncode:
        raise AssertionError(done.stderr)
    return json.loads(done.stdout)


def populate_registry():
    """Populate the app registry with no apps unless something has: what a
    project's test runner does, for the tests that read it (app template
    folders, content types) without a project of their own."""
    from djscratch import apps

    if not apps.ready:
        apps.populate([])


def without_leftover_auth_checks(test):
    """Run `test` without contrib.auth's model checks while auth is not
    installed: a test that installed it earlier in the process left them
    registered (AuthConfig.ready() registers them, as in Django), and they
    need the app. They are registered again when the test ends."""
    from django.core.checks.registry import registry
    from djscratch import apps

    if apps.is_installed("django.contrib.auth"):
        return
    from django.contrib.auth import checks as auth_checks

    leftover = registry.registered_checks & {
        auth_checks.check_user_model, auth_checks.check_models_permissions}
    registry.registered_checks -= leftover
    test.addCleanup(registry.registered_checks.update, leftover)


def load_expected(name):
    """Return the JSON of tests/<name>, an expectation file made by Django."""
    import json
    import os

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class MatchesDjango:
    """Mixin of the oracle-comparison test classes: a scenario's output,
    observed once per class, against what real Django recorded.

    The class (also a unittest.TestCase) sets `expected`, the record
    (load_expected() of its generator's file), and says how to observe:
    `scenario_script` and `engine_variable` for a script run_scenario() runs
    in its own process, or an `observe()` classmethod returning the dict in
    this one.  Every key of the record becomes its own test,
    `test_<key>_matches_django`, comparing `self.observed[key]` with it through
    `assert_key_matches()` (assertEqual unless the class says otherwise);
    `test_every_recorded_key_was_observed` fails on a key missing or extra.
    Not a TestCase itself, so no runner collects it alone.
    """

    expected = None
    scenario_script = engine_variable = None

    @classmethod
    def observe(cls):
        """Return what djscratch did: by default the scenario script's JSON."""
        return run_scenario(cls.scenario_script, cls.engine_variable)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.observed = cls.observe()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        expected = vars(cls).get("expected")
        for key in expected or ():
            name = "test_%s_matches_django" % key
            setattr(cls, name, _key_test(name, key, expected[key]))

    def assert_key_matches(self, observed, expected):
        self.assertEqual(observed, expected)

    def test_every_recorded_key_was_observed(self):
        self.assertEqual(sorted(self.observed), sorted(self.expected))


def _key_test(name, key, expected):
    def test(self):
        self.assert_key_matches(self.observed.get(key), expected)

    test.__name__ = test.__qualname__ = name
    return test


def load_tests(loader, standard_tests, pattern):
    """Discover this package's tests; on the Django engine, skip them all.

    These tests check djscratch itself; with DJSCRATCH_ENGINE=django the app
    runs on real Django and only the app's own tests (test_blog.py) apply.
    """
    import os
    import unittest

    if os.environ.get("DJSCRATCH_ENGINE", "").strip().lower() == "django":
        @unittest.skip("djscratch's own tests do not run on DJSCRATCH_ENGINE=django")
        class DjscratchSuite(unittest.TestCase):
            def test_djscratch_suite(self):
                pass

        return loader.loadTestsFromTestCase(DjscratchSuite)
    here = os.path.dirname(os.path.abspath(__file__))
    standard_tests.addTests(loader.discover(here, pattern=pattern or "test*.py"))
    return standard_tests
