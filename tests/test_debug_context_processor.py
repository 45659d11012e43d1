"""The debug context processor's sql_queries: the queries of every
database, read when the template uses them (as Django's)."""

import unittest
import warnings

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import connections
from django.template.context_processors import debug
from django.test import RequestFactory, override_settings

from tests import TEST_SETTINGS

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
             "other": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


class SqlQueriesTests(unittest.TestCase):
    def test_every_databases_queries_counted_when_read(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # overriding DATABASES warns
            settings = override_settings(**{**TEST_SETTINGS, "DEBUG": True},
                                         INTERNAL_IPS=["127.0.0.1"],
                                         DATABASES=DATABASES)
            settings.enable()
        self.addCleanup(settings.disable)
        self.addCleanup(connections.close_all)
        extras = debug(RequestFactory().get("/"))
        self.assertIs(extras["debug"], True)
        before = len(extras["sql_queries"])
        for alias in ("default", "other"):
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        self.assertEqual(len(extras["sql_queries"]), before + 2)
