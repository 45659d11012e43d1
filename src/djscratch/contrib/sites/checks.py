"""The sites app's system check (django/contrib/sites/checks.py): SITE_ID
must be an integer (or None).
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error

__all__ = ["check_site_id"]


def check_site_id(app_configs, **kwargs):
    """sites.E101 when SITE_ID is set to something else than an int or None."""
    if hasattr(settings, "SITE_ID") and not isinstance(
            settings.SITE_ID, (type(None), int)):
        return [Error("The SITE_ID setting must be an integer", id="sites.E101")]
    return []
