"""RegisterLookupMixin (django/db/models/query_utils.py): the
registry behind `Field.register_lookup(cls)`.  Fields, and transforms, hold
the lookups and transforms that may follow them after `__`, per class (for
every subclass) or per instance.
"""

import collections
import functools

import djscratch

from djscratch.core.exceptions import FieldError
from djscratch.utils.module_loading import _package


#: One step of a relation path, as Django's ORM describes joins; code that
#: defines its own relation fields (django-taggit) builds these.
PathInfo = collections.namedtuple(
    "PathInfo", "from_opts to_opts target_fields join_field m2m direct "
    "filtered_relation")


class class_or_instance_method:
    """Call one function when reached through the class, another through an
    instance (Field.register_lookup vs field.register_lookup)."""

    def __init__(self, class_method, instance_method):
        self.class_method = class_method
        self.instance_method = instance_method

    def __get__(self, instance, owner):
        if instance is None:
            return functools.partial(self.class_method, owner)
        return functools.partial(self.instance_method, instance)


#: The cached get_class_lookups() functions (one cache per function, keyed
#: by class); every (un)registration empties them all.
_lookup_caches = []


def _cached_class_lookups(function):
    """functools.cache `function` (so that, as in Django, get_class_lookups
    has cache_clear()) and empty it on every registration."""
    cached = functools.cache(function)
    _lookup_caches.append(cached)
    return cached


def _clear_lookup_caches():
    for cached in _lookup_caches:
        cached.cache_clear()


def _register_builtin_lookups():
    """Make sure the built-in lookups and transforms are registered before a
    lookup table is read or changed: the single file builds the section
    that defines them (db/models/lookups.py, which registers them on Field,
    IntegerField, ... at import) on first use, so that a page that filters
    nothing never makes their classes.  (The package defines them as it
    loads, before its _build_section_of(): nothing to build there.)"""
    build = getattr(_package(), "_build_section_of", None)
    if build is not None:
        build("Exact")


class _PrivateField:
    """What a private field (GenericForeignKey, ForeignObject) shares: it
    owns no column of its own, so it goes in _meta.private_fields; its repr
    and str name the model and field as Django's fields do."""

    def __repr__(self):
        if self.model is None:
            return "<%s>" % type(self).__name__
        return "<%s: %s.%s>" % (type(self).__name__, self.model._meta.label, self.name)

    def __str__(self):
        return "%s.%s" % (self.model._meta.label, self.name)

    def contribute_to_class(self, cls, name, private_only=False):
        self.name = self.attname = name
        self.model = cls
        cls._meta.add_field(self, private=True)
        setattr(cls, name, self)


class RegisterLookupMixin:
    """Lookups and transforms registered on a class or on one instance."""

    def _get_lookup(self, lookup_name):
        return self.get_lookups().get(lookup_name)

    @_cached_class_lookups
    def get_class_lookups(cls):
        _register_builtin_lookups()
        found = {}
        for parent in reversed(cls.__mro__):  # a subclass overrides its bases
            found.update(parent.__dict__.get("class_lookups", {}))
        return found

    def get_instance_lookups(self):
        class_lookups = self.get_class_lookups()
        instance_lookups = getattr(self, "instance_lookups", None)
        if instance_lookups:
            return {**class_lookups, **instance_lookups}
        return class_lookups

    get_lookups = class_or_instance_method(get_class_lookups, get_instance_lookups)
    get_class_lookups = classmethod(get_class_lookups)

    def _output_field_or_none(self):
        return None

    def get_lookup(self, lookup_name):
        found = self._get_lookup(lookup_name)
        if found is None:
            output = self._output_field_or_none()
            return output.get_lookup(lookup_name) if output is not None else None
        if not issubclass(found, djscratch.db.models.lookups.Lookup):
            return None
        return found

    def get_transform(self, lookup_name):
        found = self._get_lookup(lookup_name)
        if found is None:
            output = self._output_field_or_none()
            return output.get_transform(lookup_name) if output is not None else None
        if not issubclass(found, djscratch.db.models.lookups.Transform):
            return None
        return found

    def register_class_lookup(cls, lookup, lookup_name=None):
        _register_builtin_lookups()
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        if "class_lookups" not in cls.__dict__:
            cls.class_lookups = {}
        cls.class_lookups[lookup_name] = lookup
        _clear_lookup_caches()
        return lookup

    def register_instance_lookup(self, lookup, lookup_name=None):
        _register_builtin_lookups()
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        if "instance_lookups" not in self.__dict__:
            self.instance_lookups = {}
        self.instance_lookups[lookup_name] = lookup
        _clear_lookup_caches()  # (the SQL remembered per query shape)
        return lookup

    register_lookup = class_or_instance_method(
        register_class_lookup, register_instance_lookup)
    register_class_lookup = classmethod(register_class_lookup)

    def _unregister_class_lookup(cls, lookup, lookup_name=None):
        """Remove a class lookup (for tests: not thread-safe)."""
        _register_builtin_lookups()
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        del cls.class_lookups[lookup_name]
        _clear_lookup_caches()

    def _unregister_instance_lookup(self, lookup, lookup_name=None):
        """Remove an instance lookup (for tests: not thread-safe)."""
        _register_builtin_lookups()
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        del self.instance_lookups[lookup_name]
        _clear_lookup_caches()

    _unregister_lookup = class_or_instance_method(
        _unregister_class_lookup, _unregister_instance_lookup)
    _unregister_class_lookup = classmethod(_unregister_class_lookup)


class FilteredRelation:
    """annotate(name=FilteredRelation("relation", condition=Q(...))): a join
    of `relation` with `condition` in its ON clause, that paths starting with
    `name` go through (the compiler's filtered_join())."""

    def __init__(self, relation_name, *, condition=None):
        if not relation_name:
            raise ValueError("relation_name cannot be empty.")
        self.relation_name = relation_name
        self.alias = None
        q_class = djscratch.db.models.expressions.Q
        if condition is None:
            condition = q_class()
        if not isinstance(condition, q_class):
            raise ValueError("condition argument must be a Q() instance.")
        self.condition = condition
        self.path = []

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (self.relation_name == other.relation_name
                and self.alias == other.alias and self.condition == other.condition)

    __hash__ = None

    def clone(self):
        clone = FilteredRelation(self.relation_name, condition=self.condition)
        clone.alias = self.alias
        clone.path = self.path[:]
        return clone

    def relabeled_clone(self, change_map):
        return self.clone()

    def resolve_expression(self, *args, **kwargs):
        raise NotImplementedError("FilteredRelation.resolve_expression() is unused.")


# -- what select_related(), defer() and only() load (Django keeps
# select_related_descend() here too)

def _select_related_fields(opts):
    """The forward relations select_related() may follow: the foreign keys,
    then the ForeignObjects (joined on all their columns)."""
    fields = opts.concrete_fields
    if opts.private_fields:
        fields = list(fields) + [f for f in opts.private_fields
                                 if getattr(f, "from_fields", None) is not None]
    return fields


def _check_deferred_name(opts, parts):
    """A defer()/only() name must name fields, through relations: Django's
    FieldDoesNotExist, or FieldError(name) past a field with no relation."""
    field = opts.get_field(parts[0])
    if len(parts) > 1:
        if not field.is_relation or field.related_model is None:
            raise FieldError(parts[1])
        _check_deferred_name(field.related_model._meta, parts[1:])


def _loaded_fields(opts, names, is_defer, parent_keys=False):
    """The concrete fields of `opts` a query loads under defer(*names) or
    only(*names) (`names` of this level: "name", or "related__x" below a
    relation, which only() keeps the relation's key for); the model's
    primary key always (a parent's is read through the parent link), and
    with `parent_keys` (an object select_related() builds) its parents'."""
    here = {n for n in names if "__" not in n}
    below = {n.split("__", 1)[0] for n in names if "__" in n}
    pk_fields = opts.pk_fields  # a composite key's fields are always read

    def key(f):
        return f is opts.pk or f in pk_fields or (parent_keys and f.primary_key)

    if is_defer:
        return [f for f in opts.concrete_fields if key(f) or (
            f.name not in here and f.attname not in here)]
    return [f for f in opts.concrete_fields if key(f) or f.name in here
            or f.attname in here or f.name in below]


def _names_below(names, name):
    """The defer()/only() names under relation `name` ("name__x" -> "x")."""
    if not names:
        return None
    prefix = name + "__"
    return {n[len(prefix):] for n in names if n.startswith(prefix)} or None
