"""Site and SiteManager (django/contrib/sites/models.py): the current site
by SITE_ID or by request host, kept in SITE_CACHE until a site is saved or
deleted.
"""


from djscratch.core.exceptions import ImproperlyConfigured, ValidationError
from djscratch.core.signals import pre_delete, pre_save
from djscratch.conf import settings
from djscratch.db.models.fields import AutoField, CharField
from djscratch.db.models.base import Model
from djscratch.db.models.manager import Manager
from djscratch.http.request import split_domain_port

__all__ = [
    "SITE_CACHE", "Site", "SiteManager", "clear_site_cache",
]

#: site id or host -> Site.  Cleared in place, never rebound: the django
#: alias module hands out this very dict.
SITE_CACHE = {}


def _simple_domain_name_validator(value):
    """Refuse a domain with whitespace in it (a common typo)."""
    import string

    if any(char in value for char in string.whitespace):
        raise ValidationError(
            "The domain name cannot contain any spaces or tabs.", code="invalid")


class SiteManager(Manager):
    """Site.objects: get_current() and the site cache."""

    use_in_migrations = True

    def _get_site_by_id(self, site_id):
        if site_id not in SITE_CACHE:
            SITE_CACHE[site_id] = self.get(pk=site_id)
        return SITE_CACHE[site_id]

    def _get_site_by_request(self, request):
        host = request.get_host()
        try:
            # The host as given (with its port, if any) first.
            if host not in SITE_CACHE:
                SITE_CACHE[host] = self.get(domain__iexact=host)
            return SITE_CACHE[host]
        except Site.DoesNotExist:
            domain, _port = split_domain_port(host)
            if domain not in SITE_CACHE:
                SITE_CACHE[domain] = self.get(domain__iexact=domain)
            return SITE_CACHE[domain]

    def get_current(self, request=None):
        """Return the Site of settings.SITE_ID or, without one, the Site
        whose domain is the request's host (cached after the first query)."""
        site_id = getattr(settings, "SITE_ID", "")
        if site_id:
            return self._get_site_by_id(site_id)
        if request:
            return self._get_site_by_request(request)
        raise ImproperlyConfigured(
            'You\'re using the Django "sites framework" without having '
            "set the SITE_ID setting. Create a site in your database and "
            "set the SITE_ID setting or pass a request to "
            "Site.objects.get_current() to fix this error.")

    def clear_cache(self):
        """Forget every cached Site."""
        SITE_CACHE.clear()

    def get_by_natural_key(self, domain):
        return self.get(domain=domain)


class Site(Model):
    """A domain the project serves, with a display name."""

    id = AutoField(primary_key=True, verbose_name="ID")
    domain = CharField("domain name", max_length=100,
                       validators=[_simple_domain_name_validator], unique=True)
    name = CharField("display name", max_length=50)

    objects = SiteManager()

    class Meta:
        app_label = "sites"
        db_table = "django_site"
        verbose_name = "site"
        verbose_name_plural = "sites"
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def natural_key(self):
        return (self.domain,)


def clear_site_cache(sender, **kwargs):
    """Drop a site from the cache, by id and by its stored domain, as it is
    saved or deleted."""
    instance = kwargs["instance"]
    using = kwargs["using"]
    SITE_CACHE.pop(instance.pk, None)
    try:
        del SITE_CACHE[Site.objects.using(using).get(pk=instance.pk).domain]
    except (KeyError, Site.DoesNotExist):
        pass


pre_save.connect(clear_site_cache, sender=Site)
pre_delete.connect(clear_site_cache, sender=Site)
