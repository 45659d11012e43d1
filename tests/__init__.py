"""djscratch's own test suite: one test_<area>.py per concern.

Tests do not configure the global settings (the blog's App may have done so
when test_blog.py was imported first); they use override_settings for what
they depend on, starting from TEST_SETTINGS below.
"""

TEST_SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "USE_TZ": True,
    "TIME_ZONE": "UTC",
}


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
