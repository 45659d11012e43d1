"""CurrentSiteManager (django/contrib/sites/managers.py): a manager of the
objects related to the current site (SITE_ID) by a "site" or "sites" field.
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error
from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.db.models.manager import Manager
from djscratch.db.models.related import ForeignKey

__all__ = ["CurrentSiteManager"]


class CurrentSiteManager(Manager):
    """Limit the queryset to the objects of settings.SITE_ID."""

    use_in_migrations = True

    def __init__(self, field_name=None):
        super().__init__()
        self._site_field_name = field_name

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        errors.extend(self._check_field_name())
        return errors

    def _check_field_name(self):
        field_name = self._get_field_name()
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return [Error("CurrentSiteManager could not find a field named '%s'."
                          % field_name, obj=self, id="sites.E001")]
        if not field.many_to_many and not isinstance(field, ForeignKey):
            return [Error(
                "CurrentSiteManager cannot use '%s.%s' as it is not a foreign key "
                "or a many-to-many field." % (self.model._meta.object_name, field_name),
                obj=self, id="sites.E002")]
        return []

    def _get_field_name(self):
        """The field given, else "site" when the model has one, else "sites"."""
        if not self._site_field_name:
            try:
                self.model._meta.get_field("site")
            except FieldDoesNotExist:
                self._site_field_name = "sites"
            else:
                self._site_field_name = "site"
        return self._site_field_name

    def get_queryset(self):
        return super().get_queryset().filter(
            **{self._get_field_name() + "__id": settings.SITE_ID})
