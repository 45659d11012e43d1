"""Mixins for model fields (django/db/models/fields/mixins.py): the cache a
relation keeps on each instance, and the check that a mutable default is a
callable.
"""

import warnings

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.deprecation.
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.core.checks.messages import Warning
from djscratch.db.models.fields import NOT_PROVIDED

__all__ = ["FieldCacheMixin", "CheckFieldDefaultMixin"]


class FieldCacheMixin:
    """Keep a value per instance under self.cache_name, in the instance's
    _state.fields_cache (a related object, as relations do)."""

    def get_cache_name(self):
        raise NotImplementedError

    @cached_property
    def cache_name(self):
        # Deprecated in Django 5.1: subclasses override cache_name itself.
        cache_name = self.get_cache_name()
        warnings.warn(
            "Override %s.cache_name instead of get_cache_name()."
            % type(self).__qualname__,
            djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=3)
        return cache_name

    def get_cached_value(self, instance, default=NOT_PROVIDED):
        try:
            return instance._state.fields_cache[self.cache_name]
        except KeyError:
            if default is NOT_PROVIDED:
                raise
            return default

    def is_cached(self, instance):
        return self.cache_name in instance._state.fields_cache

    def set_cached_value(self, instance, value):
        instance._state.fields_cache[self.cache_name] = value

    def delete_cached_value(self, instance):
        del instance._state.fields_cache[self.cache_name]


class CheckFieldDefaultMixin:
    """fields.E010: a default that is a shared instance rather than a callable."""

    _default_hint = ("<valid default>", "<invalid default>")

    def _check_default(self):
        if self.has_default() and self.default is not None and not callable(
                self.default):
            return [Warning(
                "%s default should be a callable instead of an instance so that "
                "it's not shared between all field instances." % type(self).__name__,
                hint="Use a callable instead, e.g., use `%s` instead of `%s`."
                % self._default_hint, obj=self, id="fields.E010")]
        return []

    def check(self, **kwargs):
        parent = getattr(super(), "check", None)
        errors = list(parent(**kwargs)) if parent is not None else []
        errors.extend(self._check_default())
        return errors
