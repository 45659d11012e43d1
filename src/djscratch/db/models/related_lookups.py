"""The lookups of relation fields (django/db/models/fields/related_lookups.py):
`author=obj`, `author__in=[...]`, `author__isnull=True`, registered on
ForeignObject, whose lookups are a ForeignKey's (and those of the key a
reverse or many-to-many relation ends on).  The compiler takes the related
object's key as the value (compiler._prep): they compare the key's column.
"""

from djscratch.db.models.base import Model
from djscratch.db.models.lookups import (
    Exact, GreaterThan, GreaterThanOrEqual, In, IsNull, LessThan, LessThanOrEqual,
)
from djscratch.db.models.related import ForeignObject


def get_normalized_value(value, lhs):
    """Return `value` as a tuple of the key values a relation compares: a
    model instance gives its primary key (it must be saved)."""
    if isinstance(value, Model):
        if value.pk is None:
            raise ValueError("Model instances passed to related filters must be saved.")
        pk = value.pk
        return pk if isinstance(pk, tuple) else (pk,)
    if not isinstance(value, tuple):
        return (value,)
    return value


def _related_key_value(target, value):
    """The value a relation compares, read from `value`, a saved model
    instance, as get_normalized_value() does in Django: `target` is the
    field the relation points at; while `value` is not an instance of
    target's model and target is itself a relation, follow it (a key that is
    a one-to-one to another model's key); a model that has no such attribute
    (the other side of a relation to a non-key field) gives its pk."""
    source = target
    while not isinstance(value, source.model) and source.remote_field:
        remote = source.remote_field
        source = remote.model._meta.get_field(remote.field_name)
    try:
        return getattr(value, source.attname)
    except AttributeError:
        return value.pk


class RelatedLookupMixin:
    """A lookup on a relation: the value may be a model instance (a saved
    one: Django refuses an unsaved one when the filter is built)."""

    def get_prep_lookup(self):
        if not hasattr(self.rhs, "resolve_expression"):
            get_normalized_value(self.rhs, self.lhs)
        return super().get_prep_lookup()


class RelatedIn(In):
    def get_prep_lookup(self):
        values = self.rhs
        if isinstance(values, (list, tuple, set, frozenset)):
            for value in values:
                get_normalized_value(value, self.lhs)
        return super().get_prep_lookup()


class RelatedExact(RelatedLookupMixin, Exact):
    pass


class RelatedLessThan(RelatedLookupMixin, LessThan):
    pass


class RelatedGreaterThan(RelatedLookupMixin, GreaterThan):
    pass


class RelatedGreaterThanOrEqual(RelatedLookupMixin, GreaterThanOrEqual):
    pass


class RelatedLessThanOrEqual(RelatedLookupMixin, LessThanOrEqual):
    pass


class RelatedIsNull(RelatedLookupMixin, IsNull):
    pass


list(map(ForeignObject.register_lookup, (
    RelatedIn, RelatedExact, RelatedLessThan, RelatedGreaterThan,
    RelatedGreaterThanOrEqual, RelatedLessThanOrEqual, RelatedIsNull)))
