"""StaticLiveServerTestCase (django/contrib/staticfiles/testing.py): a live
server that also serves the static files the finders find, as runserver
does, whatever DEBUG says.  Built on first use, as LiveServerTestCase is.
"""

import djscratch

from djscratch.contrib.staticfiles.utils import check_settings

__all__ = []


def _static_live_server_test_case():
    """Build StaticLiveServerTestCase on first use: LiveServerTestCase is
    itself defined on first use."""

    class StaticLiveServerTestCase(djscratch.test.testcases.LiveServerTestCase):
        """LiveServerTestCase whose server serves STATIC_URL from the
        finders (app static/ folders, STATICFILES_DIRS), not STATIC_ROOT."""

        @classmethod
        def setUpClass(cls):
            check_settings()  # no STATIC_URL: ImproperlyConfigured, as Django
            serving = djscratch.test.utils.override_settings(
                DJSCRATCH_SERVE_STATIC=True)
            serving.enable()
            cls.addClassCleanup(serving.disable)
            super().setUpClass()

    StaticLiveServerTestCase.__module__ = "django.contrib.staticfiles.testing"
    StaticLiveServerTestCase.__qualname__ = "StaticLiveServerTestCase"
    return StaticLiveServerTestCase
