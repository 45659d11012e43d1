"""CurrentSiteMiddleware (django/contrib/sites/middleware.py): sets
request.site to the current site.
"""

from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.contrib.sites.shortcuts import get_current_site

__all__ = ["CurrentSiteMiddleware"]


class CurrentSiteMiddleware(MiddlewareMixin):
    """Set request.site (get_current_site(request)) on every request."""

    def process_request(self, request):
        request.site = get_current_site(request)
