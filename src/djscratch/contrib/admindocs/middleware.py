"""XViewMiddleware (django/contrib/admindocs/middleware.py): a HEAD request
from an internal IP or an active staff user is answered with the view's
dotted name in an X-View header, for the admindocs bookmarklets.
"""

from djscratch.conf import settings
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.http.response import HttpResponse
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.contrib.admindocs.utils import get_view_name

__all__ = ["XViewMiddleware"]


class XViewMiddleware(MiddlewareMixin):
    """Add an X-View header to internal HEAD requests."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(
                "The XView middleware requires authentication middleware to "
                "be installed. Edit your MIDDLEWARE setting to insert "
                "'django.contrib.auth.middleware.AuthenticationMiddleware'."
            )
        if request.method == "HEAD" and (
            request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS
            or (request.user.is_active and request.user.is_staff)
        ):
            response = HttpResponse()
            response.headers["X-View"] = get_view_name(view_func)
            return response
        return None
