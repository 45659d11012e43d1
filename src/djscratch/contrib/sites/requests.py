"""RequestSite (django/contrib/sites/requests.py): a site built from the
request's host, for projects without the sites app installed.
"""

__all__ = ["RequestSite"]


class RequestSite:
    """Site's interface (domain, name) read from a request; never stored."""

    def __init__(self, request):
        self.domain = self.name = request.get_host()

    def __str__(self):
        return self.domain

    def save(self, force_insert=False, force_update=False):
        raise NotImplementedError("RequestSite cannot be saved.")

    def delete(self):
        raise NotImplementedError("RequestSite cannot be deleted.")
