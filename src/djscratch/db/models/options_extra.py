"""Options's methods a plain page's first response never runs: the
single file keeps them in a section, and Options defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import djscratch

from djscratch.utils.datastructures import ImmutableList
from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.db.models.fields import AutoField
from djscratch.db.models.options import IMMUTABLE_WARNING, _links_to_other_child


class _OptionsMore:
    """Options's methods defined on first use (never instantiated)."""

    @property
    def app_config(self):
        return self.apps.app_configs.get(self.app_label)

    @property
    def verbose_name_raw(self):
        """The verbose name, untranslated (for permission names)."""
        return str(self.verbose_name)

    def setup_proxy(self, target):
        """Make this model a proxy for `target`: its table, primary key and
        reverse relations (the same list, so a relation added to either model
        shows on both, as Django's relation graph does)."""
        concrete = target._meta.concrete_model._meta
        self.pk = target._meta.pk
        self.auto_field = target._meta.auto_field
        self.proxy_for_model = target
        self.concrete_model = concrete.model
        self.db_table = target._meta.db_table
        self.related_objects = concrete.related_objects
        concrete._proxies.append(self)

    @property
    def total_unique_constraints(self):
        """The UniqueConstraints that hold for every row (no condition)."""
        return [constraint for constraint in self.constraints
                if isinstance(constraint,
                              djscratch.db.models.constraints.UniqueConstraint)
                and constraint.condition is None and constraint.fields]

    @property
    def db_returning_fields(self):
        pk = [self.pk] if isinstance(self.pk, AutoField) else []
        return pk + list(self._returning_fields)

    # -- multi-table inheritance

    def get_parent_list(self):
        """Every concrete ancestor: the parents, then theirs (Django's order)."""
        parents = self._field_owner.parents
        result = dict.fromkeys(parents)
        for parent in parents:
            result.update(dict.fromkeys(parent._meta.get_parent_list()))
        return list(result)

    @property
    def all_parents(self):
        return tuple(self.get_parent_list())

    def get_ancestor_link(self, ancestor):
        """The parent-link field leading from this model towards `ancestor`."""
        parents = self._field_owner.parents
        if ancestor in parents:
            return parents[ancestor]
        for parent in parents:
            link = parent._meta.get_ancestor_link(ancestor)
            if link:
                return parents[parent] or link
        return None

    def get_path_to_parent(self, parent):
        """The parent links from this model up to `parent`, nearest first."""
        if self.model is parent:
            return []
        chain = []
        model = self._field_owner.model
        while model is not parent and model._meta.parents:
            step = next((p for p in model._meta.parents
                         if p is parent or parent in p._meta.get_parent_list()), None)
            if step is None:
                return []
            chain.append(model._meta.parents[step])
            model = step
        return chain

    def get_field(self, field_name):
        """Return the field (or reverse relation) named `field_name`."""
        try:
            return self._forward_fields_map[field_name]
        except KeyError:
            # While the registry imports models (Django's populate(); a
            # single-file App never populates it), reverse relations may not
            # be known yet.
            if self.apps.apps_ready and not self.apps.models_ready:
                raise FieldDoesNotExist(
                    "%s has no field named '%s'. The app cache isn't ready yet, so "
                    "if this is an auto-created related field, it won't be "
                    "available yet." % (self.object_name, field_name)) from None
        try:
            return self.fields_map[field_name]
        except KeyError:
            raise FieldDoesNotExist("%s has no field named '%s'" % (
                self.object_name, field_name)) from None

    def get_fields(self, include_parents=True, include_hidden=False):
        """Return reverse relations, then forward fields, as Django orders them."""
        reverse = [r for r in self.related_objects if include_hidden or not r.hidden]
        owner = self._field_owner
        forward = list(owner.local_fields) + list(owner.local_many_to_many) + list(
            owner.private_fields)
        inherited = []
        if include_parents:
            for parent in owner.parents:
                inherited += [f for f in parent._meta.get_fields(
                    include_hidden=include_hidden) if f not in inherited
                    and not _links_to_other_child(f, self)]
        return ImmutableList(inherited + reverse + forward,
                             warning=IMMUTABLE_WARNING % "get_fields()")

    @property
    def pk_fields(self):
        """The primary key's fields (a composite key's several)."""
        if self.is_composite_pk:
            return tuple(self.pk.fields)
        return (self.pk,)

    def _parent_meta(self):
        """The first model class after this one in the MRO (its _meta), or None."""
        for parent in self.model.__mro__[1:]:
            meta = parent.__dict__.get("_meta") or getattr(parent, "_meta", None)
            if meta is not None:
                return meta
        return None

    def _named_manager(self, name):
        try:
            return self.managers_map[name]
        except KeyError:
            raise ValueError("%s has no manager named %r" % (
                self.object_name, name)) from None

    @property
    def default_manager(self):
        name = self.default_manager_name
        if not name and not self.local_managers:
            # As Django: a model without managers of its own follows its
            # first parent's default_manager_name.
            parent = self._parent_meta()
            name = parent.default_manager_name if parent is not None else None
        if name:
            return self._named_manager(name)
        return self.managers[0] if self.managers else None

    def get_latest_by_fields(self):
        value = self.get_latest_by
        return [value] if isinstance(value, str) else list(value or [])
