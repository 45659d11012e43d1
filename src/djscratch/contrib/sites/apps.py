"""The sites AppConfig (django/contrib/sites/apps.py): the default site
after every migrate, and the SITE_ID check.
"""

from djscratch.apps.registry import AppConfig
from djscratch.core.checks.registry import register, Tags
from djscratch.core.signals import post_migrate
from djscratch.contrib.sites.checks import check_site_id
from djscratch.contrib.sites.management import create_default_site

__all__ = ["SitesConfig"]


class SitesConfig(AppConfig):
    """django.contrib.sites in INSTALLED_APPS."""

    default_auto_field = "django.db.models.AutoField"
    name = "django.contrib.sites"
    verbose_name = "Sites"

    def ready(self):
        post_migrate.connect(create_default_site, sender=self)
        register(check_site_id, Tags.sites)
