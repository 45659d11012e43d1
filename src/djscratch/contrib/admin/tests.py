"""The admin's browser-test base (django/contrib/admin/tests.py):
AdminSeleniumTestCase.  djscratch drives no browser, so a class with tests
is skipped the way Django's SeleniumTestCase skips one when no browser is
given (runtests.py without --selenium).
"""

import djscratch

_NO_BROWSERS = "No browsers specified."


def _admin_selenium_test_case():
    """Build AdminSeleniumTestCase on first use: the test case classes it
    extends are themselves defined on first use."""

    class AdminSeleniumTestCase(djscratch.test.testcases.LiveServerTestCase):
        available_apps = [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.sites",
        ]

        def __init_subclass__(cls, **kwargs):
            super().__init_subclass__(**kwargs)
            if any(name.startswith("test") and callable(value)
                   for name, value in vars(cls).items()):
                cls.__unittest_skip__ = True
                cls.__unittest_skip_why__ = _NO_BROWSERS

    AdminSeleniumTestCase.__module__ = "django.contrib.admin.tests"
    AdminSeleniumTestCase.__qualname__ = "AdminSeleniumTestCase"
    return AdminSeleniumTestCase
