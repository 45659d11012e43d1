"""get_current_site() (django/contrib/sites/shortcuts.py): the current Site
when the sites app is installed, else a RequestSite.
"""

from djscratch.apps.registry import apps
from djscratch.contrib.sites.models import Site
from djscratch.contrib.sites.requests import RequestSite

__all__ = ["get_current_site"]


def get_current_site(request):
    """Return the current Site, or a RequestSite without django.contrib.sites."""
    if apps.is_installed("django.contrib.sites"):
        return Site.objects.get_current(request)
    return RequestSite(request)
