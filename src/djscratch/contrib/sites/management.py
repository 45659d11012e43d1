"""create_default_site() (django/contrib/sites/management.py): after
migrate, a database without sites gets "example.com" with pk SITE_ID.
"""

from djscratch.apps.registry import apps as global_apps
from djscratch.conf import settings
from djscratch.db.utils import _router, DEFAULT_DB_ALIAS

__all__ = ["create_default_site"]


def create_default_site(app_config, verbosity=2, interactive=True,
                        using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the example.com Site (pk SITE_ID, or 1) when there is none."""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not _router.allow_migrate_model(using, Site):
        return
    if Site.objects.using(using).exists():
        return
    if verbosity >= 2:
        print("Creating example.com Site object")
    # An explicit pk: Django's own tests rely on SITE_ID = 1.  SQLite needs
    # no sequence reset after it.
    Site(pk=getattr(settings, "SITE_ID", 1), domain="example.com",
         name="example.com").save(using=using)
