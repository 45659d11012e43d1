"""SiteAdmin (django/contrib/sites/admin.py): the sites in the admin,
registered by autodiscover() when the sites app is installed, as importing
Django's sites/admin.py does.
"""

from djscratch.contrib.admin.options import ModelAdmin
from djscratch.contrib.admin.sites import site
from djscratch.contrib.sites.models import Site

__all__ = ["SiteAdmin"]


class SiteAdmin(ModelAdmin):
    """The change list shows and searches domain and name."""

    list_display = ("domain", "name")
    search_fields = ("domain", "name")


def _register_sites_admin(admin_site=None):
    """Register Site on the admin site (once)."""
    admin_site = admin_site or site
    if not admin_site.is_registered(Site):
        admin_site.register(Site, SiteAdmin)
