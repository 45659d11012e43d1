"""django.contrib.sites: Site and its cached manager, get_current_site and
RequestSite, the middleware, the default site, the SITE_ID check,
CurrentSiteManager and the admin.

The scenario's expected output is real Django 5.2's
(tests/sites_expected.txt, from tests/gen_sites_expected.py).
"""

import os
import sys
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.sites.admin import SiteAdmin
from django.contrib.sites.managers import CurrentSiteManager
from django.contrib.sites.models import Site
from django.db import models
from django.test import override_settings

from tests import forked
from tests.orm_support import DatabaseTestCase, define_models

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with define_models():

    class Article(models.Model):
        title = models.CharField(max_length=20)
        site = models.ForeignKey(Site, models.CASCADE)
        objects = models.Manager()
        on_site = CurrentSiteManager()

        class Meta:
            app_label = "sites_tests_app"

    class Page(models.Model):
        title = models.CharField(max_length=20)
        sites = models.ManyToManyField(Site)
        objects = models.Manager()
        on_site = CurrentSiteManager()
        by_title = CurrentSiteManager("title")
        by_nothing = CurrentSiteManager("nothing")

        class Meta:
            app_label = "sites_tests_app"


class SitesScenarioTests(unittest.TestCase):
    """The scenario (tests/sites_project/run.py): the default site after
    migrate, Meta and fields, the cache by SITE_ID and by host (with the port
    fallback), its invalidation on save, get_current_site, the middleware,
    RequestSite, domain validation, sites.E101 and create_default_site; each
    printed result as Django's."""

    def test_scenario_prints_what_django_prints(self):
        project = os.path.join(HERE, "tests", "sites_project")
        env = {**os.environ, "DJS": "1", "DJANGO_SETTINGS_MODULE": "settings",
               "PYTHONPATH": os.pathsep.join([HERE, project])}
        result = forked.run([sys.executable, "run.py"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        with open(os.path.join(HERE, "tests", "sites_expected.txt")) as f:
            self.assertEqual(result.stdout, f.read())


class CurrentSiteManagerTests(DatabaseTestCase):
    models = [Site, Article, Page]

    def setUp(self):
        super().setUp()
        Site.objects.clear_cache()
        self.one = Site.objects.create(pk=1, domain="one.test", name="one")
        self.two = Site.objects.create(pk=2, domain="two.test", name="two")

    def test_foreign_key_limits_to_site_id(self):
        Article.objects.create(title="a", site=self.one)
        Article.objects.create(title="b", site=self.two)
        with override_settings(SITE_ID=2):
            self.assertEqual([a.title for a in Article.on_site.all()], ["b"])
        self.assertEqual(Article.objects.count(), 2)

    def test_many_to_many_limits_to_site_id(self):
        page = Page.objects.create(title="p")
        page.sites.add(self.one)
        Page.objects.create(title="q").sites.add(self.two)
        with override_settings(SITE_ID=1):
            self.assertEqual([p.title for p in Page.on_site.all()], ["p"])

    def test_checks_name_the_field(self):
        self.assertEqual(Article.on_site.check(), [])
        self.assertEqual(Page.on_site.check(), [])
        self.assertEqual(
            [(e.id, e.msg) for e in Page.by_nothing.check()],
            [("sites.E001", "CurrentSiteManager could not find a field named "
              "'nothing'.")])
        self.assertEqual(
            [(e.id, e.msg) for e in Page.by_title.check()],
            [("sites.E002", "CurrentSiteManager cannot use 'Page.title' as it is "
              "not a foreign key or a many-to-many field.")])

    def test_model_checks_run_the_managers_checks(self):
        self.assertEqual([e.id for e in djscratch._check_managers(Page)],
                         ["sites.E002", "sites.E001"])
        self.assertEqual(djscratch._check_managers(Article), [])


class SitesAppTests(unittest.TestCase):
    def test_site_admin_lists_and_searches_domain_and_name(self):
        admin_site = AdminSite(name="sites_test_admin")
        djscratch._register_sites_admin(admin_site)
        djscratch._register_sites_admin(admin_site)  # a second call is a no-op
        model_admin = admin_site._registry[Site]
        self.assertIsInstance(model_admin, SiteAdmin)
        self.assertEqual(model_admin.list_display, ("domain", "name"))
        self.assertEqual(model_admin.search_fields, ("domain", "name"))

    def test_installed_app_is_not_flagged_as_missing(self):
        with override_settings(INSTALLED_APPS=["django.contrib.sites"]):
            self.assertTrue(settings.configured)
            djscratch.check_project_settings(["django.contrib.sites"])

    def test_app_config_by_dotted_path(self):
        config = djscratch._contrib_config("django.contrib.sites.apps.SitesConfig")
        self.assertEqual((type(config).__name__, config.label),
                         ("SitesConfig", "sites"))
