"""ForeignKey, OneToOneField, ManyToManyField and their
descriptors and related managers (django/db/models/fields/related*.py).
"""

import warnings

# Modules that load later, used at call time as djscratch.<module>.<name>:
# utils.deprecation.
import djscratch

from djscratch.asgiref_fallback import _awaitable_method
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.utils.functional import cached_property
from djscratch.core.signals import m2m_changed
from djscratch.core.exceptions import (
    FieldDoesNotExist, FieldError, ObjectDoesNotExist, ValidationError,
)
from djscratch.core.checks.messages import Error
from djscratch.db.utils import _router, NotSupportedError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.transaction import atomic
from djscratch.db.models.fields import (
    _db_prep_save_of, BLANK_CHOICE_DASH, DeferredAttribute, Field,
)
from djscratch.db.models.base import _lazy_related, Model
from djscratch.db.models.query_utils import (
    PathInfo, _cached_class_lookups, _PrivateField, class_or_instance_method,
    RegisterLookupMixin,
)
from djscratch.db.models.expressions import Col, F, Q
from djscratch.db.models.tuple_lookups import TupleIn
from djscratch.db.models.manager import BaseManager
from djscratch.db.models.deletion import CASCADE
from djscratch.utils.functional import _app_registry

__all__ = [
    "ForeignKey", "OneToOneField", "ManyToManyField",
]


#: The `to` of a relation from a model to itself: ForeignKey("self").
RECURSIVE_RELATIONSHIP_CONSTANT = "self"


class ForeignObjectRel:
    """The reverse side of a relation, as it appears in the target's _meta."""

    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    null = True
    empty_strings_allowed = False
    primary_key = False
    column = None

    def __init__(self, field, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, parent_link=False, on_delete=None):
        self.field = field
        self.model = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.limit_choices_to = {} if limit_choices_to is None else limit_choices_to
        self.parent_link = parent_link
        self.on_delete = on_delete
        self.symmetrical = False
        self.multiple = True

    def __repr__(self):
        return "<%s: %s.%s>" % (type(self).__name__, self.related_model._meta.app_label,
                                self.related_model._meta.model_name)

    @property
    def hidden(self):
        return bool(self.related_name) and self.related_name[-1] == "+"

    @property
    def name(self):
        return self.field.related_query_name()

    @property
    def related_model(self):
        return self.field.model

    @property
    def remote_field(self):
        return self.field

    @property
    def target_field(self):
        return self.model._meta.pk

    @property
    def many_to_many(self):
        return self.field.many_to_many

    @property
    def many_to_one(self):
        return self.field.one_to_many

    @property
    def one_to_many(self):
        return self.field.many_to_one

    @property
    def one_to_one(self):
        return self.field.one_to_one

    def get_accessor_name(self, model=None):
        # `model`: a subclass inheriting the field names the accessor after
        # itself (an inline of the child model has its own prefix).
        opts = model._meta if model is not None else self.field.model._meta
        if self.multiple is False or self.one_to_one:
            return self.related_name or opts.model_name
        if self.hidden:
            return None
        return self.related_name or "%s_set" % opts.model_name

    def get_cache_name(self):
        return self.get_accessor_name()

    @property
    def accessor_name(self):
        """The attribute of the related model's instances (Django 5.1)."""
        return self.get_accessor_name()

    @property
    def cache_name(self):
        return self.get_cache_name()

    def get_related_field(self):
        return self.field.target_field

    def get_joining_columns(self):
        _warn_joining_columns("ForeignObjectRel.get_joining_columns()",
                              "get_joining_fields()")
        if hasattr(self.field, "get_reverse_joining_columns"):  # as Django's
            return self.field.get_reverse_joining_columns()
        return tuple((lhs.column, rhs.column) for lhs, rhs in self.get_joining_fields())

    def get_joining_fields(self):
        return ((self.field.target_field, self.field),)

    def get_choices(self, include_blank=True, blank_choice=BLANK_CHOICE_DASH,
                    limit_choices_to=None, ordering=()):
        """(pk, str(obj)) of the objects on the other side of the relation
        (a list filter on a reverse relation offers them)."""
        qs = self.related_model._default_manager.complex_filter(
            limit_choices_to or self.limit_choices_to)
        if ordering:
            qs = qs.order_by(*ordering)
        return (blank_choice if include_blank else []) + [
            (x.pk, str(x)) for x in qs]

    def get_internal_type(self):
        return self.field.get_internal_type()

    # A reverse relation is filtered with its field's lookups (django-filter
    # asks the relation for them when it builds a filter for the reverse side).
    def get_lookup(self, lookup_name):
        return self.field.get_lookup(lookup_name)

    def get_lookups(self):
        return self.field.get_lookups()

    def get_transform(self, lookup_name):
        return self.field.get_transform(lookup_name)

    def delete_cached_value(self, instance):
        instance._state.fields_cache.pop(self.get_cache_name(), None)

    def is_cached(self, instance):
        return self.get_cache_name() in instance._state.fields_cache

    def set_cached_value(self, instance, value):
        instance._state.fields_cache[self.get_cache_name()] = value

    def __getstate__(self):
        # A copy or a pickle recomputes the paths (and builds its own
        # manager class, which cannot be pickled), as Django's.
        state = self.__dict__.copy()
        state.pop("path_infos", None)
        state.pop("_manager_class", None)
        state.pop("_manager_classes", None)
        return state


class ManyToOneRel(ForeignObjectRel):
    def __init__(self, field, to, field_name, **kwargs):
        super().__init__(field, to, **kwargs)
        self.field_name = field_name

    @property
    def field_name(self):
        """The name of the target field: the to_field, else, once the target
        model is resolved, its primary key's name (Django sets it then).
        Read late because a ForeignKey("self") resolves before its own
        model has a primary key."""
        if self._field_name is None and isinstance(self.model, type):
            pk = self.model._meta.pk
            if pk is not None:
                self._field_name = pk.name
        return self._field_name

    @field_name.setter
    def field_name(self, value):
        self._field_name = value


class OneToOneRel(ManyToOneRel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = False


class ManyToManyRel(ForeignObjectRel):
    def __init__(self, field, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, symmetrical=True, through=None,
                 through_fields=None, db_constraint=True):
        super().__init__(field, to, related_name=related_name,
                         related_query_name=related_query_name,
                         limit_choices_to=limit_choices_to)
        self.through = through
        self.through_fields = through_fields
        self.symmetrical = symmetrical
        self.db_constraint = db_constraint

    def get_related_field(self):
        """The field of the target model that the through model's foreign
        key points at (its pk unless that key has a to_field)."""
        through = self.through
        if through is None or isinstance(through, str):
            return self.model._meta.pk
        opts = through._meta
        if self.through_fields:
            field = opts.get_field(self.through_fields[0])
        else:
            for field in opts.fields:
                rel = getattr(field, "remote_field", None)
                if rel and rel.model == self.model:
                    break
            else:
                return self.model._meta.pk
        return field.target_field


def _set_related_names(rel, cls):
    """A relation's related_name (Meta.default_related_name when it has
    none) and related_query_name, with "%(class)s", "%(model_name)s" and
    "%(app_label)s" filled for the concrete model `cls`, as Django does."""
    if not rel.related_name and cls._meta.default_related_name:
        rel.related_name = cls._meta.default_related_name
    names = {"class": cls.__name__.lower(), "model_name": cls._meta.model_name,
             "app_label": cls._meta.app_label.lower()}
    if rel.related_name and "%(" in rel.related_name:
        rel.related_name = rel.related_name % names
    if rel.related_query_name and "%(" in rel.related_query_name:
        rel.related_query_name = rel.related_query_name % names


class RelatedField(Field):
    """Common code of ForeignKey and ManyToManyField."""

    _django_module = "django.db.models.fields.related"

    is_relation = True
    related_accessor_class = None

    @property
    def related_model(self):
        model = self.remote_field.model
        if isinstance(model, str):
            raise ValueError("Related model %r cannot be resolved" % model)
        return model

    def related_query_name(self):
        rel = self.remote_field
        name = rel.related_query_name or rel.related_name
        if name:  # a hidden relation's too ("Person_friends+"), as Django's
            return name
        default = self.model._meta.default_related_name
        if default:
            return default % {"class": self.model.__name__.lower(),
                              "model_name": self.model._meta.model_name,
                              "app_label": self.model._meta.app_label}
        return self.model._meta.model_name

    def get_limit_choices_to(self):
        """Return limit_choices_to, called first if it is a callable."""
        limit = self.remote_field.limit_choices_to
        return limit() if callable(limit) else limit

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        if cls._meta.abstract:
            return
        rel = self.remote_field
        _set_related_names(rel, cls)

        def resolve(model):
            rel.model = model
            self.do_related_class(model, cls)

        _lazy_related(cls, rel.model, resolve)

    def do_related_class(self, other, cls):
        other_meta = other._meta
        if self.remote_field not in other_meta.related_objects:
            other_meta.related_objects.append(self.remote_field)
            _expire_relation_caches(other_meta)
        accessor = self.remote_field.get_accessor_name()
        if accessor and not self.remote_field.hidden and not other_meta.abstract:
            # On the concrete model, as Django: a proxy's relations are shared.
            setattr(other_meta.concrete_model or other, accessor,
                    self.related_accessor_class(self.remote_field))


def _expire_relation_caches(meta):
    """Expire the caches of every model sharing meta's reverse relations (a
    concrete model and its proxies)."""
    concrete = meta.concrete_model
    (concrete._meta if concrete is not None else meta)._expire_cache()
    meta._expire_cache()


def _instance_value(instance, field):
    """instance's value of `field` (a relation's target), as Django's
    get_instance_value_for_fields(): a primary key reached through a
    primary-key parent link is instance.pk (fixtures may leave the parent's
    own id unset)."""
    if field.primary_key:
        link = instance._meta.get_ancestor_link(field.model)
        if not link or link.primary_key or link.model._meta.abstract:
            return instance.pk
    return getattr(instance, field.attname)


def _single_prefetch_queryset(querysets, default):
    """The one queryset get_prefetch_querysets() was given, or `default`."""
    if querysets and len(querysets) != 1:
        raise ValueError("querysets argument of get_prefetch_querysets() should "
                         "have a length of 1.")
    return querysets[0] if querysets else default


def _deprecated_get_prefetch_queryset(self, instances, queryset=None):
    """get_prefetch_queryset(), deprecated in Django 5.0."""
    warnings.warn("get_prefetch_queryset() is deprecated. Use "
                  "get_prefetch_querysets() instead.", RemovedInDjango60Warning,
                  stacklevel=2)
    return self.get_prefetch_querysets(
        instances, None if queryset is None else [queryset])


def _warn_joining_columns(name, replacement):
    """Django 5.2 deprecates the *_joining_columns() methods (the caller's
    line is the warning's)."""
    import warnings

    warnings.warn("%s is deprecated. Use %s instead." % (name, replacement),
                  djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=3)


class RelatedObjectDoesNotExist(ObjectDoesNotExist, AttributeError):
    """Base of `Entry.author.RelatedObjectDoesNotExist`."""


class ForeignKeyDeferredAttribute(DeferredAttribute):
    """`entry.author_id`: setting a different value forgets the cached
    related object (`entry.author`), as Django's descriptor does."""

    def __set__(self, instance, value):
        d = instance.__dict__
        state = d.get("_state")
        if state is not None and d.get(self.field.attname) != value:
            state.fields_cache.pop(self.field.name, None)
        d[self.field.attname] = value


def _from_cached_ancestor(instance, field):
    """The object `field` (declared on a multi-table parent of instance's
    model) holds, when the cached parent object already has it: walking
    down an inheritance chain reuses it, as in Django."""
    link = instance._meta.get_ancestor_link(field.model)
    if link is None:
        return None
    ancestor = instance._state.fields_cache.get(link.name)
    if ancestor is None:
        return None
    rel_obj = ancestor._state.fields_cache.get(field.name)
    if rel_obj is not None and getattr(rel_obj, field.target_field.attname) != \
            instance.__dict__.get(field.attname):
        return None  # the key changed since
    return rel_obj


class ForwardManyToOneDescriptor:
    """`entry.author`: the related object, fetched once and cached."""

    def __init__(self, field):
        self.field = field

    @cached_property
    def RelatedObjectDoesNotExist(self):
        return type("RelatedObjectDoesNotExist", (
            self.field.related_model.DoesNotExist, AttributeError), {
            "__module__": self.field.model.__module__,
            "__qualname__": "%s.%s.RelatedObjectDoesNotExist" % (
                self.field.model.__qualname__, self.field.name)})

    def is_cached(self, instance):
        return self.field.name in instance._state.fields_cache

    def get_queryset(self, **hints):
        return self.field.related_model._base_manager.db_manager(hints=hints).all()

    get_prefetch_queryset = _deprecated_get_prefetch_queryset

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple for `instances`: (the related objects'
        queryset, a related object's key, an instance's key, single, the
        cache name, is_descriptor)."""
        field = self.field
        queryset = _single_prefetch_queryset(querysets, self.get_queryset())
        queryset._add_hints(instance=instances[0])
        target = field.target_field

        def rel_obj_attr(obj):
            return (getattr(obj, target.attname),)

        def instance_attr(instance):
            return (getattr(instance, field.attname),)

        instances_dict = {instance_attr(inst): inst for inst in instances}
        queryset = queryset.filter(**{"%s__in" % target.name: {
            instance_attr(inst)[0] for inst in instances}})
        if field.one_to_one:
            # The related objects are cached directly: their way back too.
            for rel_obj in queryset:
                instance = instances_dict[rel_obj_attr(rel_obj)]
                rel_obj._state.fields_cache[field.remote_field.get_cache_name()] = \
                    instance
        return queryset, rel_obj_attr, instance_attr, True, field.name, False

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        field = self.field
        if getattr(field, "from_fields", None) is not None:
            return type(field).__get__(field, instance, cls)  # a ForeignObject's
        cache = instance._state.fields_cache
        value = instance.__dict__.get(field.attname, _MISSING)
        rel_obj = cache.get(field.name, _MISSING)
        if value is _MISSING:
            if rel_obj is not _MISSING:
                return rel_obj  # the key deferred, the object loaded (Django's)
            value = getattr(instance, field.attname)  # loads the deferred key
        if rel_obj is not _MISSING and (rel_obj is None and value is None or (
                rel_obj is not None and getattr(
                    rel_obj, field.target_field.attname) == value)):
            return rel_obj
        if value is None:
            rel_obj = None
        else:
            rel_obj = _from_cached_ancestor(instance, field)
        if rel_obj is None and value is not None:
            try:
                rel_obj = self.get_queryset(instance=instance).get(
                    **{field.target_field.attname: value})
            except field.related_model.DoesNotExist:
                raise self.RelatedObjectDoesNotExist(
                    "%s has no %s." % (field.model.__name__, field.name)) from None
            if field.one_to_one:
                rel_obj._state.fields_cache[field.remote_field.get_cache_name()] = \
                    instance
        cache[field.name] = rel_obj
        if rel_obj is None and not field.null:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (field.model.__name__, field.name))
        return rel_obj

    def __set__(self, instance, value):
        field = self.field
        # As Django: any instance of the concrete model (a proxy's too).
        if value is not None and not isinstance(
                value, field.related_model._meta.concrete_model):
            raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" instance.' % (
                value, instance._meta.object_name, field.name,
                field.related_model._meta.object_name))
        if value is None:
            old = instance._state.fields_cache.get(field.name)
            if old is not None and field.one_to_one:
                # As Django: the old object knows it has no related object now.
                old._state.fields_cache[field.remote_field.get_cache_name()] = None
            instance.__dict__[field.attname] = None
        else:
            _check_relation_databases(instance, value)
            target = field.target_field.attname
            instance.__dict__[field.attname] = getattr(value, target)
            if field.one_to_one:
                cache_name = field.remote_field.get_cache_name()
                value._state.fields_cache[cache_name] = instance
        instance._state.fields_cache[field.name] = value


_MISSING = object()


class ForwardOneToOneDescriptor(ForwardManyToOneDescriptor):
    """`restaurant.place_ptr`: a parent link's parent is built from the child's
    own data (no query unless a parent field is deferred), and assigning it
    sets the inherited primary keys, as in Django."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        field = self.field
        value = instance.__dict__.get(field.attname)
        cache = instance._state.fields_cache
        if field.remote_field.parent_link and value is not None and \
                field.name not in cache:
            parent = field.related_model
            names = [f.attname for f in parent._meta.concrete_fields]
            if not instance.get_deferred_fields() & set(names):
                obj = parent(**{name: getattr(instance, name) for name in names})
                obj._state.adding = instance._state.adding
                obj._state.db = instance._state.db
                obj._state.fields_cache[field.remote_field.get_cache_name()] = \
                    instance
                cache[field.name] = obj
                return obj
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        super().__set__(instance, value)
        field = self.field
        if field.primary_key and field.remote_field.parent_link:
            for f in instance._meta.concrete_fields:
                if f.primary_key and f.remote_field:
                    name = f.remote_field.model._meta.pk.attname
                    setattr(instance, name,
                            getattr(value, name) if value is not None else None)


class ReverseOneToOneDescriptor:
    """`place.restaurant`: the object whose OneToOneField points here."""

    def __init__(self, related):
        self.related = related

    @cached_property
    def RelatedObjectDoesNotExist(self):
        return type("RelatedObjectDoesNotExist", (
            self.related.related_model.DoesNotExist, AttributeError), {
            "__module__": self.related.model.__module__})

    def get_queryset(self, **hints):
        return self.related.related_model._base_manager.db_manager(
            hints=hints).all()

    get_prefetch_queryset = _deprecated_get_prefetch_queryset

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple (see ForwardManyToOneDescriptor's)."""
        field = self.related.field
        queryset = _single_prefetch_queryset(querysets, self.get_queryset())
        queryset._add_hints(instance=instances[0])
        target = field.target_field

        def rel_obj_attr(obj):
            return (getattr(obj, field.attname),)

        def instance_attr(instance):
            return (getattr(instance, target.attname),)

        instances_dict = {instance_attr(inst): inst for inst in instances}
        queryset = queryset.filter(**{"%s__in" % field.name: list(instances)})
        for rel_obj in queryset:
            rel_obj._state.fields_cache[field.name] = \
                instances_dict[rel_obj_attr(rel_obj)]
        return (queryset, rel_obj_attr, instance_attr, True,
                self.related.get_cache_name(), False)

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        name = self.related.get_cache_name()
        cache = instance._state.fields_cache
        if name in cache:
            rel_obj = cache[name]
        else:
            field = self.related.field
            key = getattr(instance, field.target_field.attname)
            rel_obj = None
            if key is not None:
                try:
                    rel_obj = self.related.related_model._base_manager.db_manager(
                        hints={"instance": instance}).get(**{field.attname: key})
                except self.related.related_model.DoesNotExist:
                    rel_obj = None
                else:
                    rel_obj._state.fields_cache[field.name] = instance
            cache[name] = rel_obj
        if rel_obj is None:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (instance.__class__.__name__, name))
        return rel_obj

    def __set__(self, instance, value):
        field = self.related.field
        if value is None:
            old = instance._state.fields_cache.get(self.related.get_cache_name())
            if old is not None:
                setattr(old, field.name, None)
        else:
            if not isinstance(value, self.related.related_model):
                raise ValueError('Cannot assign "%r": "%s.%s" must be a "%s" instance.'
                                 % (value, instance._meta.object_name,
                                    self.related.get_accessor_name(),
                                    self.related.related_model._meta.object_name))
            _check_relation_databases(instance, value)
            setattr(value, field.attname, getattr(instance, field.target_field.attname))
            value._state.fields_cache[field.name] = instance
        instance._state.fields_cache[self.related.get_cache_name()] = value


class ReverseManyToOneDescriptor:
    """`author.entry_set`: a manager of the objects pointing here."""

    def __init__(self, rel):
        self.rel = rel
        self.field = rel.field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return _related_manager_class(self.rel)(instance)

    def __set__(self, instance, value):
        raise TypeError("Direct assignment to the reverse side of a related set is "
                        "prohibited. Use %s.set() instead."
                        % self.rel.get_accessor_name())


class _RelatedManagerMixin:
    """Methods of the reverse foreign-key manager (author.entry_set)."""

    def __init__(self, instance):
        BaseManager.__init__(self)
        rel = self._rel  # set on the class by _related_manager_class()
        self.instance = instance
        self.field = rel.field
        self.model = rel.related_model
        self.core_filters = {self.field.name: instance}
        self.prefetch_cache_name = rel.get_cache_name() if not rel.hidden else None

    def _check_fk_val(self):
        """As Django: writing through the relation needs the instance's
        value of the field the foreign key points at."""
        target = self.field.target_field
        if getattr(self.instance, target.attname) is None:
            raise ValueError('"%r" needs to have a value for field "%s" before this '
                             "relationship can be used." % (
                                 self.instance, target.attname))

    def __call__(self, *, manager):
        """`author.entry_set(manager="published")`: the same relation
        through another of the related model's managers."""
        base = getattr(self.model, manager).__class__
        return _related_manager_class(self._rel, base)(self.instance)

    do_not_call_in_templates = True

    def _apply_rel_filters(self, queryset):
        queryset._add_hints(instance=self.instance)
        if self._db:
            queryset = queryset.using(self._db)
        if getattr(self.field, "from_fields", None) is not None:  # ForeignObject
            qs = queryset.filter(**{self.field.name: self.instance})
            qs._known_related_objects = {self.field: {tuple(
                getattr(self.instance, t.attname) for _f, t in self.field._pairs()):
                self.instance}}
            return qs
        value = getattr(self.instance, self.field.target_field.attname)
        qs = queryset.filter(**{self.field.attname: value})
        if value is None:
            return qs.none()  # as Django: a NULL key relates nothing (no query)
        qs._known_related_objects = {self.field: {value: self.instance}}
        return qs

    def get_queryset(self):
        # As Django: the manager exists for an unsaved instance; reading
        # through it needs a primary key.
        if self.instance.pk is None:
            raise ValueError("'%s' instance needs to have a primary key value before "
                             "this relationship can be used."
                             % self.instance.__class__.__name__)
        cache = self.instance.__dict__.get("_prefetched_objects_cache", {})
        if self.field.remote_field.get_cache_name() in cache:
            return cache[self.field.remote_field.get_cache_name()]
        return self._apply_rel_filters(super(type(self), self).get_queryset())

    get_prefetch_queryset = _deprecated_get_prefetch_queryset

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple: (the related objects of every instance,
        a related object's key, an instance's key, single, the cache name,
        is_descriptor)."""
        field = self.field
        queryset = _single_prefetch_queryset(
            querysets, super(type(self), self).get_queryset())
        queryset._add_hints(instance=instances[0])
        queryset = queryset.using(queryset._db or self._db)
        target = field.target_field

        def rel_obj_attr(obj):
            return (getattr(obj, field.attname),)

        def instance_attr(instance):
            return (getattr(instance, target.attname),)

        instances_dict = {instance_attr(inst): inst for inst in instances}
        queryset = queryset.filter(**{"%s__in" % field.name: list(instances)})
        for rel_obj in queryset:
            if field.name not in rel_obj._state.fields_cache:
                rel_obj._state.fields_cache[field.name] = \
                    instances_dict[rel_obj_attr(rel_obj)]
        return (queryset, rel_obj_attr, instance_attr, False,
                field.remote_field.get_cache_name(), False)

    def _check(self, objs):
        for obj in objs:
            if not isinstance(obj, self.model):
                raise TypeError("'%s' instance expected, got %r" % (
                    self.model._meta.object_name, obj))

    def _drop_cache(self):
        """Forget what prefetch_related() cached: the set is changing."""
        self.instance.__dict__.get("_prefetched_objects_cache", {}).pop(
            self.field.remote_field.get_cache_name(), None)

    def add(self, *objs, bulk=True):
        """Point `objs` at the instance (saving them)."""
        self._check_fk_val()
        self._check(objs)
        self._drop_cache()
        db = _router.db_for_write(self.model, instance=self.instance)
        if bulk:
            pks = []
            for obj in objs:
                setattr(obj, self.field.name, self.instance)
                if obj._state.adding or obj.pk is None or obj._state.db != db:
                    raise ValueError(
                        "%r instance isn't saved. Use bulk=False or save the object "
                        "first." % obj)
                pks.append(obj.pk)
            self.model._base_manager.using(db).filter(pk__in=pks).update(**{
                self.field.name: self.instance})
        else:
            with atomic(using=db, savepoint=False):
                for obj in objs:
                    setattr(obj, self.field.name, self.instance)
                    obj.save()

    add.alters_data = True

    def _write_manager(self):
        """This manager's class's parent (the model's manager, whose create()
        a custom manager may override) on the database the rows go to."""
        db = _router.db_for_write(self.model, instance=self.instance)
        return super(type(self), self.db_manager(db))

    def create(self, **kwargs):
        self._check_fk_val()
        self._drop_cache()
        kwargs[self.field.name] = self.instance
        return self._write_manager().create(**kwargs)

    create.alters_data = True

    def get_or_create(self, **kwargs):
        self._check_fk_val()
        kwargs[self.field.name] = self.instance
        return self._write_manager().get_or_create(**kwargs)

    def update_or_create(self, **kwargs):
        self._check_fk_val()
        kwargs[self.field.name] = self.instance
        return self._write_manager().update_or_create(**kwargs)

    def remove(self, *objs, bulk=True):
        self._check_fk_val()
        self._drop_cache()
        self._check(objs)
        value = getattr(self.instance, self.field.target_field.attname)
        for obj in objs:
            if getattr(obj, self.field.attname) != value:
                raise self.field.remote_field.model.DoesNotExist(
                    "%r is not related to %r." % (obj, self.instance))
        self._clear(self.filter(pk__in=[o.pk for o in objs]), bulk)

    remove.alters_data = True

    def clear(self, bulk=True):
        self._check_fk_val()
        # As Django: through this manager, so a default manager's filter
        # leaves the objects it hides related.
        self._clear(self.get_queryset(), bulk)

    clear.alters_data = True

    def _clear(self, queryset, bulk):
        self.instance.__dict__.get("_prefetched_objects_cache", {}).pop(
            self.field.remote_field.get_cache_name(), None)
        db = _router.db_for_write(self.model, instance=self.instance)
        if bulk:
            queryset = queryset.using(db)
            queryset._result_cache = None
            queryset.update(**{self.field.name: None})
        else:
            with atomic(using=db, savepoint=False):
                for obj in queryset:
                    setattr(obj, self.field.name, None)
                    obj.save(update_fields=[self.field.name])

    def set(self, objs, bulk=True, clear=False):
        self._check_fk_val()
        objs = tuple(objs)
        if self.field.null:
            db = _router.db_for_write(self.model, instance=self.instance)
            with atomic(using=db, savepoint=False):
                if clear:
                    self.clear(bulk=bulk)
                    self.add(*objs, bulk=bulk)
                else:
                    old = set(self.get_queryset())
                    new = []
                    for obj in objs:
                        if obj in old:
                            old.discard(obj)
                        else:
                            new.append(obj)
                    if old:
                        self.remove(*old, bulk=bulk)
                    self.add(*new, bulk=bulk)
        else:
            self.add(*objs, bulk=bulk)

    set.alters_data = True
    get_or_create.alters_data = True
    update_or_create.alters_data = True

    # The async API: each a<method> is <method> through sync_to_async.
    aadd = _awaitable_method("add", alters_data=True)
    acreate = _awaitable_method("create", alters_data=True)
    aget_or_create = _awaitable_method("get_or_create", alters_data=True)
    aupdate_or_create = _awaitable_method("update_or_create", alters_data=True)
    aremove = _awaitable_method("remove", alters_data=True)
    aclear = _awaitable_method("clear", alters_data=True)
    aset = _awaitable_method("set", alters_data=True)


def _check_relation_databases(instance, value):
    """Relating two objects: each takes the other's database if it has none,
    and the router must allow the pair (Django's descriptors do the same)."""
    if instance._state.db is None:
        instance._state.db = _router.db_for_write(type(instance), instance=value)
    if value._state.db is None:
        value._state.db = _router.db_for_write(type(value), instance=instance)
    if not _router.allow_relation(value, instance):
        raise ValueError('Cannot assign "%r": the current database router prevents '
                         "this relation." % value)


def _related_manager_class(rel, base=None):
    """The RelatedManager class of `rel` on top of `base` (by default the
    related model's default manager's class), made once per base."""
    base = base or rel.related_model._default_manager.__class__
    classes = rel.__dict__.setdefault("_manager_classes", {})
    cls = classes.get(base)
    if cls is None:
        attrs = {k: v for k, v in vars(_RelatedManagerMixin).items()
                 if not k.startswith("__") or k in ("__init__", "__call__")}
        if not rel.field.null:
            # As Django: unlinking needs a nullable key; the manager lacks it.
            for name in ("remove", "clear", "aremove", "aclear", "_clear"):
                del attrs[name]
        attrs["_rel"] = rel
        cls = classes[base] = type("RelatedManager", (base,), attrs)
    return cls


class ManyToManyDescriptor:
    """`entry.tags` / `tag.entry_set`: a manager of the linked objects."""

    def __init__(self, rel, reverse=False):
        self.rel = rel
        self.reverse = reverse

    @property
    def field(self):
        return self.rel.field

    @property
    def through(self):
        """The link model (`Entry.tags.through`), automatic or given."""
        return self.rel.through

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return _m2m_manager_class(self.rel, self.reverse)(instance)

    def __set__(self, instance, value):
        raise TypeError("Direct assignment to the %s side of a many-to-many set is "
                        "prohibited. Use %s.set() instead." % (
                            "reverse" if self.reverse else "forward",
                            self.rel.get_accessor_name() if self.reverse
                            else self.rel.field.name))


def _m2m_manager_class(rel, reverse, base=None):
    """The ManyRelatedManager class of one side of `rel` on top of `base` (by
    default the default manager's class of the model it returns)."""
    model = rel.related_model if reverse else rel.model
    base = base or model._default_manager.__class__
    classes = rel.__dict__.setdefault("_m2m_manager_classes", {})
    cls = classes.get((base, reverse))
    if cls is None:
        attrs = {k: v for k, v in vars(_ManyRelatedManagerMixin).items()
                 if not k.startswith("__") or k in ("__init__", "__call__")}
        attrs["_rel"], attrs["_reverse"] = rel, reverse
        cls = classes[base, reverse] = type("ManyRelatedManager", (base,), attrs)
    return cls


class _ManyRelatedManagerMixin:
    """Methods of many-to-many managers: add, remove, set, clear, create."""

    def __init__(self, instance):
        BaseManager.__init__(self)
        rel, reverse = self._rel, self._reverse
        field = rel.field
        self.instance = instance
        self.through = rel.through
        if reverse:
            self.model = rel.related_model
            self.source_field_name = field.m2m_reverse_field_name()
            self.target_field_name = field.m2m_field_name()
            self.prefetch_cache_name = rel.get_accessor_name()
            self.symmetrical = False
        else:
            self.model = rel.model
            self.source_field_name = field.m2m_field_name()
            self.target_field_name = field.m2m_reverse_field_name()
            self.prefetch_cache_name = field.name
            self.symmetrical = rel.symmetrical and field.model is rel.model
        self.source_field = self.through._meta.get_field(self.source_field_name)
        self.target_field = self.through._meta.get_field(self.target_field_name)
        # The value the instance's links hold: its key, or a to_field's (a
        # ForeignObject in the through model: each of its target columns').
        if getattr(self.source_field, "from_fields", None) is not None:
            targets = self.source_field.foreign_related_fields
            source_to = targets[0]
            self.related_val = tuple(getattr(instance, f.attname) for f in targets)
            self._related_value = self.related_val
        else:
            source_to = self.source_field.target_field
            self._related_value = _instance_value(instance, source_to)
            self.related_val = (self._related_value,)  # Django's tuple
        if None in self.related_val:
            raise ValueError(
                '"%r" needs to have a value for field "%s" before this many-to-many '
                "relationship can be used." % (instance, source_to.name))
        if instance.pk is None:
            raise ValueError(
                "%r instance needs to have a primary key value before a many-to-many "
                "relationship can be used." % instance.__class__.__name__)

    def __call__(self, *, manager):
        """`book.authors(manager="fun_people")`: the same relation through
        another of the related model's managers."""
        base = getattr(self.model, manager).__class__
        return _m2m_manager_class(self._rel, self._reverse, base)(self.instance)

    do_not_call_in_templates = True

    def _links(self):
        if getattr(self.source_field, "from_fields", None) is not None:
            # A ForeignObject in the through model: all its columns match.
            return self._through_rows().filter(
                **{self.source_field.name: self.instance})
        return self._through_rows().filter(
            **{self.source_field.attname: self._related_value})

    get_prefetch_queryset = _deprecated_get_prefetch_queryset

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple: (the linked objects of every instance in
        one query, each tagged with its instance's key; a row's key; an
        instance's key; single; the cache name; is_descriptor)."""
        queryset = _single_prefetch_queryset(
            querysets, super(type(self), self).get_queryset())
        queryset._add_hints(instance=instances[0])
        queryset = queryset.using(queryset._db or self._db)
        field = self._rel.field
        if self._reverse or self.symmetrical:
            back = field.name
        elif field.remote_field.hidden:
            raise NotSupportedError(
                "djscratch does not implement get_prefetch_querysets() over a "
                "many-to-many relation with a hidden reverse side (related_name "
                "ending in '+'); use DJSCRATCH_ENGINE=django for Django's engine.")
        else:
            back = field.related_query_name()
        source_to = self.source_field.target_field
        if not source_to.primary_key:  # a to_field: the links hold its values
            back = "%s__%s" % (back, source_to.name)
        key = "_prefetch_related_val_%s" % self.source_field.attname
        linked = queryset.annotate(**{key: F(back)})
        # The condition shares the annotation's join group (a filter() would
        # join the multi-valued relation again).
        linked._query.where.append((Q(**{"%s__in" % back: [
            _instance_value(inst, source_to) for inst in instances]}),
            linked._query.annotation_groups.get(key)))

        def rel_obj_attr(obj):
            return (getattr(obj, key),)

        def instance_attr(instance):
            return (_instance_value(instance, source_to),)

        return (linked, rel_obj_attr, instance_attr, False,
                self.prefetch_cache_name, False)

    def _apply_rel_filters(self, queryset):
        """`queryset` narrowed to the objects linked to the instance."""
        queryset._add_hints(instance=self.instance)
        if self._db:
            queryset = queryset.using(self._db)
        target = self.target_field
        if getattr(target, "from_fields", None) is not None:
            # The through model's ForeignObject to the target: its columns
            # against the target's to_fields, all of them.
            from_names = [f.attname for f, _t in target._pairs()]
            to_refs = [F(t.attname) for _f, t in target._pairs()]
            return queryset.filter(TupleIn(
                to_refs, self._links().values(*from_names).query))
        # The links as a subquery of this query (no database of their own:
        # the router is asked about the queryset's model, as Django's join).
        links = self.through._base_manager.filter(
            **{self.source_field.attname: self._related_value})
        return queryset.filter(**{
            "%s__in" % self.target_field.target_field.name:
                links.values(self.target_field.attname)})

    def get_queryset(self):
        cache = self.instance.__dict__.get("_prefetched_objects_cache", {})
        if self.prefetch_cache_name in cache:
            return cache[self.prefetch_cache_name]
        return self._apply_rel_filters(super(type(self), self).get_queryset())

    def _pks(self, objs):
        """The values the links hold for `objs` (instances or values): their
        keys, or the target to_field's values."""
        target_to = self.target_field.target_field
        pks = []
        for obj in objs:
            if isinstance(obj, Model):
                if not isinstance(obj, self.model):
                    raise TypeError("'%s' instance expected, got %r" % (
                        self.model._meta.object_name, obj))
                if not _router.allow_relation(obj, self.instance):
                    raise ValueError(
                        'Cannot add "%r": instance is on database "%s", value is on '
                        'database "%s"' % (obj, self.instance._state.db,
                                           obj._state.db))
                value = _instance_value(obj, target_to)
                if value is None:
                    raise ValueError('Cannot add "%r": the value for field "%s" is '
                                     "None" % (obj, self.target_field_name))
                pks.append(value)
            else:
                pks.append(target_to.get_prep_value(obj))
        return pks

    def _send(self, action, pk_set):
        if m2m_changed.receivers:
            m2m_changed.send(sender=self.through, action=action, instance=self.instance,
                             reverse=self._reverse, model=self.model, pk_set=pk_set,
                             using=self._write_db())

    def _write_db(self):
        return _router.db_for_write(self.through, instance=self.instance)

    def _through_rows(self):
        """The link model's manager on the database the links are written to."""
        return self.through._base_manager.db_manager(self._write_db())

    def _drop_cache(self):
        self.instance.__dict__.get("_prefetched_objects_cache", {}).pop(
            self.prefetch_cache_name, None)

    def add(self, *objs, through_defaults=None):
        """Link `objs` (instances or primary keys) to the instance."""
        self._drop_cache()
        pks = self._pks(objs)
        with atomic(using=self._write_db(), savepoint=False):
            self._add(pks, through_defaults)
            if self.symmetrical:
                self._add(pks, through_defaults, self.target_field.attname,
                          self.source_field.attname)

    add.alters_data = True

    def _add(self, pks, through_defaults=None, source=None, target=None):
        """Insert the links instance (`source`) -> pks (`target`) not there yet.

        As Django plans it: for an automatic link model no m2m_changed
        receiver listens to, one INSERT OR IGNORE; otherwise the existing
        links are read first and the signals get the missing keys.  The
        reverse half of a symmetrical relation sends no signal.
        """
        source = source or self.source_field.attname
        target = target or self.target_field.attname
        wanted = list(dict.fromkeys(pks))
        signals = source == self.source_field.attname and m2m_changed.has_listeners(
            self.through)
        automatic = bool(self.through._meta.auto_created)
        defaults = {k: v() if callable(v) else v
                    for k, v in (through_defaults or {}).items()}

        def links(keys):
            return [self.through(**{source: self._related_value, target: pk,
                                    **defaults})
                    for pk in keys]

        if automatic and not signals:
            self._through_rows().bulk_create(links(wanted), ignore_conflicts=True)
            return
        existing = set(self._through_rows().filter(**{
            source: self._related_value, "%s__in" % target: wanted}).values_list(
            target, flat=True))
        missing = [pk for pk in wanted if pk not in existing]
        if signals:
            self._send("pre_add", set(missing))
        self._through_rows().bulk_create(links(missing),
                                               ignore_conflicts=automatic)
        if signals:
            self._send("post_add", set(missing))

    def _add_items(self, source_field_name, target_field_name, *objs,
                   through_defaults=None):
        """Link `objs` from source to target (Django's internal; the
        reverse half of a symmetrical relation swaps the names)."""
        if not objs:
            return
        pks = self._pks(objs)
        if source_field_name == self.source_field_name:
            self._add(pks, through_defaults)
        else:
            self._add(pks, through_defaults, self.target_field.attname,
                      self.source_field.attname)

    def remove(self, *objs):
        """Unlink `objs` from the instance."""
        self._drop_cache()
        with atomic(using=self._write_db(), savepoint=False):
            self._remove_items(self.source_field_name, self.target_field_name, *objs)

    def _remove_items(self, source_field_name, target_field_name, *objs):
        """Delete the links to `objs`, with the m2m_changed signals
        (Django's internal)."""
        if not objs:
            return
        pks = set(self._pks(objs))
        self._send("pre_remove", pks)
        self._delete_links(self._visible_targets(pks))
        self._send("post_remove", pks)

    remove.alters_data = True

    def clear(self):
        """Unlink every object."""
        self._drop_cache()
        with atomic(using=self._write_db(), savepoint=False):
            self._send("pre_clear", None)
            self._delete_links(self._visible_targets())
            self._send("post_clear", None)

    clear.alters_data = True

    def _visible_targets(self, pks=None):
        """The linked objects' keys this manager may unlink: `pks` (None:
        all), narrowed by the manager's own filter when it has one (a
        manager hiding objects leaves their links alone, as in Django)."""
        queryset = super(type(self), self).get_queryset()
        if not queryset._query.where and not queryset._query.is_empty:
            return pks
        name = self.target_field.target_field.name
        if pks is not None:
            queryset = queryset.filter(**{"%s__in" % name: pks})
        return queryset.using(self._write_db()).values(name)

    def _delete_links(self, targets):
        """Delete the instance's links to `targets` (None: every link), both
        halves of a symmetrical relation."""
        source, target = self.source_field.attname, self.target_field.attname
        links = self._links()
        if targets is not None:
            links = links.filter(**{"%s__in" % target: targets})
        links.delete()
        if self.symmetrical:
            back = {target: self._related_value}
            if targets is not None:
                back["%s__in" % source] = targets
            self._through_rows().filter(**back).delete()

    def set(self, objs, *, clear=False, through_defaults=None):
        """Make the linked set exactly `objs`."""
        objs = tuple(objs)
        with atomic(using=self._write_db(), savepoint=False):
            if clear:
                self.clear()
                self.add(*objs, through_defaults=through_defaults)
                return
            old = set(self._links().values_list(self.target_field.attname, flat=True))
            new = self._pks(objs)
            to_remove = old - set(new)
            to_add = [pk for pk in new if pk not in old]
            if to_remove:
                self.remove(*[pk for pk in old if pk in to_remove])
            if to_add:
                self.add(*to_add, through_defaults=through_defaults)

    set.alters_data = True

    def _write_manager(self):
        """This manager's class's parent (the model's manager, whose methods
        a custom manager may override) on the instance's write database."""
        db = _router.db_for_write(type(self.instance), instance=self.instance)
        return super(type(self), self.db_manager(db))

    def create(self, *, through_defaults=None, **kwargs):
        obj = self._write_manager().create(**kwargs)
        self.add(obj, through_defaults=through_defaults)
        return obj

    create.alters_data = True

    def get_or_create(self, *, through_defaults=None, **kwargs):
        """As Django: get among the linked objects, else create and link."""
        obj, created = self._write_manager().get_or_create(**kwargs)
        if created:
            self.add(obj, through_defaults=through_defaults)
        return obj, created

    get_or_create.alters_data = True

    def update_or_create(self, *, through_defaults=None, **kwargs):
        """As Django: update among the linked objects, else create and link."""
        obj, created = self._write_manager().update_or_create(**kwargs)
        if created:
            self.add(obj, through_defaults=through_defaults)
        return obj, created

    update_or_create.alters_data = True

    # The async API: each a<method> is <method> through sync_to_async.
    aadd = _awaitable_method("add", alters_data=True)
    acreate = _awaitable_method("create", alters_data=True)
    aget_or_create = _awaitable_method("get_or_create", alters_data=True)
    aupdate_or_create = _awaitable_method("update_or_create", alters_data=True)
    aremove = _awaitable_method("remove", alters_data=True)
    aclear = _awaitable_method("clear", alters_data=True)
    aset = _awaitable_method("set", alters_data=True)


class ForeignKey(RelatedField):
    """A many-to-one relation: ForeignKey(Author, on_delete=models.CASCADE)."""

    @classmethod
    @_cached_class_lookups
    def get_class_lookups(cls):
        """The lookups of a ForeignObject, as in Django (whose ForeignKey is
        one): those registered on ForeignObject, on ForeignKey and on its
        subclasses down to `cls`, never Field's (no fk__contains)."""
        found = dict(ForeignObject.__dict__.get("class_lookups", {}))
        mro = cls.__mro__
        for parent in reversed(mro[:mro.index(ForeignKey) + 1]):
            found.update(parent.__dict__.get("class_lookups", {}))
        return found

    get_lookups = class_or_instance_method(
        get_class_lookups.__func__, RegisterLookupMixin.get_instance_lookups)

    forward_related_accessor_class = ForwardManyToOneDescriptor
    descriptor_class = ForeignKeyDeferredAttribute
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "%(model)s instance with %(field)s %(value)r is not a valid "
                   "choice."}
    description = "Foreign Key (type determined by related field)"
    related_accessor_class = ReverseManyToOneDescriptor
    rel_class = ManyToOneRel

    def __class_getitem__(cls, *args, **kwargs):
        return cls  # ForeignKey["Author"] in type hints, as Django allows

    def __init__(self, to, on_delete, related_name=None, related_query_name=None,
                 limit_choices_to=None, parent_link=False, to_field=None,
                 db_constraint=True, **kwargs):
        if not (isinstance(to, str) or (isinstance(to, type) and issubclass(
                to, Model))):
            raise TypeError(
                "%s(%r) is invalid. First parameter to ForeignKey must be either a "
                "model, a model name, or the string %r" % (
                    type(self).__name__, to, "self"))
        if not callable(on_delete):
            raise TypeError("on_delete must be callable.")
        kwargs["rel"] = self.rel_class(
            self, to, to_field, related_name=related_name,
            related_query_name=related_query_name, limit_choices_to=limit_choices_to,
            parent_link=parent_link, on_delete=on_delete)
        kwargs.setdefault("db_index", True)
        super().__init__(**kwargs)
        self.to_field = to_field
        self.db_constraint = db_constraint

    def get_attname(self):
        return "%s_id" % self.name

    @property
    def target_field(self):
        model = self.related_model
        if self.to_field:
            return model._meta.get_field(self.to_field)
        return model._meta.pk

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.name, self.forward_related_accessor_class(self))

    def get_forward_related_filter(self, obj):
        """The filter() keywords selecting the rows related to `obj` (an
        instance of the related model) through this field."""
        target = self.target_field
        return {"%s__%s" % (self.name, target.name): getattr(obj, target.attname)}

    def db_type(self, connection=None):
        return self.target_field.rel_db_type(connection)

    def db_check(self, connection=None):
        return None

    def get_default(self):
        value = super().get_default()
        if isinstance(value, Model):
            return getattr(value, self.target_field.attname)
        return value

    def get_prep_value(self, value):
        return self.target_field.get_prep_value(value)

    def get_db_prep_save(self, value, connection=None):
        if value is None or (
                value == "" and not self.target_field.empty_strings_allowed):
            return None
        return self.target_field.get_db_prep_save(value, connection)

    def _fast_db_prep_save(self):
        """Return get_db_prep_save, or a quicker equivalent: an int key (never
        None nor "") goes straight to the target field's own (quicker) one,
        without looking the target up per value."""
        slow = _db_prep_save_of(self)
        if type(self).get_db_prep_save is not ForeignKey.get_db_prep_save or \
                isinstance(self.remote_field.model, str):
            return slow  # overridden, or the target model is not known yet
        target = self.target_field._fast_db_prep_save()

        def prep(value):
            return target(value) if value.__class__ is int else slow(value)

        return prep

    def get_db_prep_value(self, value, connection=None, prepared=False):
        return self.target_field.get_db_prep_value(value, connection, prepared)

    def get_db_converter(self):
        return self.target_field.get_db_converter()

    def to_python(self, value):
        return self.target_field.to_python(value)

    def get_col(self, alias, output_field=None):
        return Col(alias, self)

    def validate(self, value, model_instance):
        if getattr(self.remote_field, "parent_link", False):
            return  # a multi-table child's link: set when the parent is saved
        super().validate(value, model_instance)
        if value is None:
            return
        using = _router.db_for_read(self.related_model, instance=model_instance)
        qs = self.related_model._base_manager.using(using).filter(
            **{self.target_field.attname: value})
        if self.remote_field.limit_choices_to:
            qs = qs.complex_filter(self.remote_field.limit_choices_to)
        if not qs.exists():
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={
                    "model": self.related_model._meta.verbose_name, "pk": value,
                    "field": self.target_field.name, "value": value})

    def formfield(self, **kwargs):
        import importlib

        if isinstance(self.remote_field.model, str):  # a model not defined yet
            raise ValueError(
                "Cannot create form field for %r yet, because its related model "
                "%r has not been loaded yet" % (self.name, self.remote_field.model))
        forms = importlib.import_module("django.forms")
        defaults = {"form_class": forms.ModelChoiceField,
                    "queryset": self.related_model._default_manager.all(),
                    "to_field_name": self.remote_field.field_name,
                    "limit_choices_to": self.remote_field.limit_choices_to}
        defaults.update(kwargs)
        defaults["blank"] = self.blank  # a RadioSelect shows "---------" if blank
        return Field.formfield(self, **defaults)


class OneToOneField(ForeignKey):
    """A one-to-one relation (a unique ForeignKey with a single reverse object)."""

    forward_related_accessor_class = ForwardOneToOneDescriptor
    many_to_one = False
    one_to_one = True
    related_accessor_class = ReverseOneToOneDescriptor
    rel_class = OneToOneRel
    description = "One-to-one relationship"

    def __init__(self, to, on_delete, to_field=None, **kwargs):
        kwargs["unique"] = True
        super().__init__(to, on_delete, to_field=to_field, **kwargs)

    def formfield(self, **kwargs):
        if self.remote_field.parent_link:
            return None
        return super().formfield(**kwargs)


class ManyToManyField(RelatedField):
    """A many-to-many relation through an automatic (or given) link table."""

    many_to_many = True
    many_to_one = False
    one_to_many = False
    one_to_one = False
    description = "Many-to-many relationship"
    related_accessor_class = None
    rel_class = ManyToManyRel

    def __init__(self, to, related_name=None, related_query_name=None,
                 limit_choices_to=None, symmetrical=None, through=None,
                 through_fields=None, db_constraint=True, db_table=None,
                 swappable=True, **kwargs):
        if not (isinstance(to, str) or (isinstance(to, type) and issubclass(
                to, Model))):
            raise TypeError(
                "%s(%r) is invalid. First parameter to ManyToManyField must be "
                "either a model, a model name, or the string %r"
                % (type(self).__name__, to, "self"))
        if symmetrical is None:
            symmetrical = to == "self"
        if through is not None and db_table is not None:
            raise ValueError("Cannot specify a db_table if an intermediary model is "
                             "used.")
        kwargs["rel"] = self.rel_class(
            self, to, related_name=related_name, related_query_name=related_query_name,
            limit_choices_to=limit_choices_to, symmetrical=symmetrical,
            through=through, through_fields=through_fields, db_constraint=db_constraint)
        self.has_null_arg = "null" in kwargs
        super().__init__(**kwargs)
        self.db_table = db_table

    def get_attname_column(self):
        return self.name, None

    def db_type(self, connection=None):
        return None

    def contribute_to_class(self, cls, name, private_only=False):
        if self.remote_field.symmetrical and (
                self.remote_field.model == "self" or self.remote_field.model ==
                cls._meta.object_name):
            self.remote_field.related_name = "%s_rel_+" % name
        elif self.remote_field.hidden:
            # Still a reverse relation inside (joins, deletion): a name of its
            # own keeps two hidden m2m fields to one model apart, as Django.
            self.remote_field.related_name = "_%s_%s_%s_+" % (
                cls._meta.app_label, cls.__name__.lower(), name)
        Field.contribute_to_class(self, cls, name, private_only)
        self.model = cls
        if cls._meta.abstract:
            return
        rel = self.remote_field
        _set_related_names(rel, cls)

        # A given through model resolves on its own, as in Django: the admin's
        # checks read field.remote_field.through while the target is pending.
        # The reverse accessor waits for both.
        given_through = rel.through is not None

        def resolve_target(model):
            rel.model = model
            if not given_through:
                rel.through = _create_m2m_through(self, cls, model)
                self.do_related_class(model, cls)
            elif not isinstance(rel.through, str):
                self.do_related_class(model, cls)

        def resolve_through(through):
            rel.through = through
            if not isinstance(rel.model, str):
                self.do_related_class(rel.model, cls)

        _lazy_related(cls, rel.model, resolve_target)
        if given_through:
            _lazy_related(cls, rel.through, resolve_through)
        setattr(cls, name, ManyToManyDescriptor(rel, reverse=False))

    def do_related_class(self, other, cls):
        other_meta = other._meta
        if self.remote_field not in other_meta.related_objects:
            other_meta.related_objects.append(self.remote_field)
            _expire_relation_caches(other_meta)
        if not self.remote_field.hidden:
            setattr(other_meta.concrete_model or other,
                    self.remote_field.get_accessor_name(),
                    ManyToManyDescriptor(self.remote_field, reverse=True))

    @property
    def target_field(self):
        return self.related_model._meta.pk

    def _through_fk(self, to_model, skip=None):
        through = self.remote_field.through
        if self.remote_field.through_fields:
            names = self.remote_field.through_fields
            return names[0] if to_model is self.model and skip is None else names[1]
        for f in through._meta.fields:
            if f.is_relation and f.related_model is to_model and f.name != skip:
                return f.name
        raise FieldError("%s has no foreign key to %s" % (
            through._meta.object_name, to_model._meta.object_name))

    def m2m_field_name(self):
        """Name of the link table's foreign key to the model holding the field."""
        if self.remote_field.through_fields:
            return self.remote_field.through_fields[0]
        return self._through_fk(self.model)

    def m2m_reverse_field_name(self):
        """Name of the link table's foreign key to the target model."""
        if self.remote_field.through_fields:
            return self.remote_field.through_fields[1]
        return self._through_fk(self.related_model, skip=self.m2m_field_name())

    def m2m_db_table(self):
        return self.remote_field.through._meta.db_table

    def m2m_column_name(self):
        """Column of the link table's foreign key to the model holding the field."""
        return self._through_field(self.m2m_field_name()).column

    def m2m_reverse_name(self):
        """Column of the link table's foreign key to the target model."""
        return self._through_field(self.m2m_reverse_field_name()).column

    def m2m_target_field_name(self):
        """Name of the field the link table's source foreign key points to."""
        return self._through_field(self.m2m_field_name()).target_field.name

    def m2m_reverse_target_field_name(self):
        """Name of the field the link table's target foreign key points to."""
        return self._through_field(self.m2m_reverse_field_name()).target_field.name

    def _through_field(self, name):
        return self.remote_field.through._meta.get_field(name)

    def value_from_object(self, obj):
        return [] if obj.pk is None else list(getattr(obj, self.attname).all())

    def save_form_data(self, instance, data):
        getattr(instance, self.attname).set(data)

    def formfield(self, **kwargs):
        import importlib

        forms = importlib.import_module("django.forms")
        defaults = {"form_class": forms.ModelMultipleChoiceField,
                    "queryset": self.related_model._default_manager.all(),
                    "limit_choices_to": self.remote_field.limit_choices_to}
        if kwargs.get("initial") is not None and callable(kwargs["initial"]):
            kwargs["initial"] = kwargs["initial"]()
        defaults.update(kwargs)
        return Field.formfield(self, **defaults)


def _create_m2m_through(field, klass, to_model):
    """Build the automatic link model for a ManyToManyField (Django's layout)."""
    to_name = to_model._meta.object_name.lower()
    from_name = klass._meta.model_name
    if to_name == from_name:
        to_name, from_name = "to_%s" % to_name, "from_%s" % from_name
    name = "%s_%s" % (klass._meta.object_name, field.name)
    db_table = field.db_table or "%s_%s" % (klass._meta.db_table, field.name)
    meta = type("Meta", (), {
        "db_table": db_table, "auto_created": klass, "app_label": klass._meta.app_label,
        "unique_together": (from_name, to_name),
        "verbose_name": "%s-%s relationship" % (from_name, to_name),
        "verbose_name_plural": "%s-%s relationships" % (from_name, to_name),
    })
    attrs = {
        "Meta": meta, "__module__": klass.__module__,
        from_name: ForeignKey(klass, related_name="%s+" % name,
                              on_delete=CASCADE, db_constraint=True),
        to_name: ForeignKey(to_model, related_name="%s+" % name,
                            on_delete=CASCADE, db_constraint=True),
    }
    return type(name, (Model,), attrs)


class _ForeignObjectReverseRel(ForeignObjectRel):
    """The reverse side of a ForeignObject: `user.comments`, and joins from
    the target back on every (to, from) column pair."""

    def get_path_info(self, filtered_relation=None):
        return self.field.get_reverse_path_info(filtered_relation)

    @cached_property
    def path_infos(self):
        return self.get_path_info()

    def generic_join(self, compiler, alias, group):
        field = self.field
        alias = compiler.inherited_alias(alias, self.model)  # the to_fields' table
        on = " AND ".join("%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(remote.column), quote_name(local.column))
            for local, remote in field._pairs())
        new = compiler.add_join(alias, ("forev", id(self)), field.model._meta.db_table,
                                on, True, group)
        return new, field.model

    def get_joining_fields(self):
        return tuple((t, f) for f, t in self.field._pairs())


def _load_foreign_object(app_label, model_name, field_name):
    """Unpickle a ForeignObject: the installed model's field (Django's
    _load_field)."""
    registry = _app_registry()
    try:
        model = registry.get_model(app_label, model_name)
    except LookupError:  # a model of djscratch's single-file App, not installed
        model = registry.all_models[app_label][model_name.lower()]
    return model._meta.get_field(field_name)


class _ForeignObjectDescriptor:
    """What `Model.relation` is for a ForeignObject (Django's forward
    descriptor): `.field` is the relation; anything else is the field's."""

    def __init__(self, field):
        self.field = field

    def __getattr__(self, name):
        return getattr(self.field, name)

    def __repr__(self):
        return "<%s: %r>" % (type(self).__name__, self.field)


class ForeignObject(RegisterLookupMixin, _PrivateField):
    """models.ForeignObject(to, on_delete, from_fields, to_fields): a
    many-to-one relation over columns the model already has.

    A private, non-concrete field (no column of its own): `obj.stock` reads
    the related object whose `to_fields` equal the instance's `from_fields`,
    assigning it sets them, filter(stock=obj) compares the columns pairwise
    and filter(stock__...) joins on all the pairs.  Its reverse side (a
    ForeignObjectRel in the target's _meta.related_objects, `related_name`)
    gives the target a manager of the rows pointing at it, joins back, and
    on_delete runs across it as for a ForeignKey.
    """

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    column = None
    primary_key = False
    generated = False
    blank = False
    serialize = False
    requires_unique_target = True
    choices = None
    related_accessor_class = ReverseManyToOneDescriptor
    rel_class = _ForeignObjectReverseRel

    def __init__(self, to, on_delete, from_fields, to_fields, rel=None,
                 related_name=None, related_query_name=None, limit_choices_to=None,
                 parent_link=False, swappable=True, **kwargs):
        self.to = to
        self.on_delete = on_delete
        self.from_fields = list(from_fields)
        self.to_fields = list(to_fields)
        self.related_name = related_name
        self.null = kwargs.get("null", False)
        self.unique = kwargs.get("unique", False)
        self.related_model = None
        self.name = self.attname = None
        self.model = None
        self.remote_field = rel or self.rel_class(
            self, to, related_name=related_name, related_query_name=related_query_name,
            limit_choices_to=limit_choices_to, parent_link=parent_link,
            on_delete=on_delete)

    related_query_name = RelatedField.related_query_name

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)

        def resolved(model):
            self.related_model = self.remote_field.model = model
            if not cls._meta.abstract:
                RelatedField.do_related_class(self, model, cls)

        _lazy_related(cls, self.to, resolved)

    def get_attname_column(self):
        return self.name, None

    def get_cache_name(self):
        return self.name

    def _pairs(self):
        """[(local field, related field)] in from_fields/to_fields order."""
        local, remote = self.model._meta, self.related_model._meta
        return [(local.pk if f == "self" else local.get_field(f),
                 remote.pk if t is None else remote.get_field(t))
                for f, t in zip(self.from_fields, self.to_fields)]

    def __get__(self, instance, cls=None):
        if instance is None:  # Model.relation: a descriptor, as Django's
            return self._class_descriptor
        cache = instance._state.fields_cache
        pairs = self._pairs()
        values = [getattr(instance, f.attname) for f, _t in pairs]
        rel_obj = cache.get(self.name)
        if rel_obj is not None and values == [
                getattr(rel_obj, t.attname) for _f, t in pairs]:
            return rel_obj
        if None in values:
            rel_obj = None
        else:
            qs = self.related_model._base_manager.db_manager(
                hints={"instance": instance}).all()
            extra = self.get_extra_descriptor_filter(instance)
            qs = qs.filter(extra) if hasattr(extra, "children") else qs.filter(**extra)
            rel_obj = qs.get(**{t.attname: v for (_f, t), v in zip(pairs, values)})
        cache[self.name] = rel_obj
        if rel_obj is None and not self.null:
            raise self.RelatedObjectDoesNotExist(
                "%s has no %s." % (self.model.__name__, self.name))
        return rel_obj

    @cached_property
    def _class_descriptor(self):
        return _ForeignObjectDescriptor(self)

    @cached_property
    def RelatedObjectDoesNotExist(self):
        """Raised reading a non-null relation whose columns are NULL: both
        the related model's DoesNotExist and an AttributeError, as Django's."""
        return type("RelatedObjectDoesNotExist", (
            self.related_model.DoesNotExist, AttributeError), {
            "__module__": self.model.__module__,
            "__qualname__": "%s.%s.RelatedObjectDoesNotExist" % (
                self.model.__qualname__, self.name)})

    def __set__(self, instance, value):
        for local, remote in self._pairs():
            setattr(instance, local.attname,
                    None if value is None else getattr(value, remote.attname))
        instance._state.fields_cache[self.name] = value

    def generic_join(self, compiler, alias, group):
        """Join the related table on every (from, to) column pair, and on
        get_extra_restriction()'s condition when the field gives one."""
        # A multi-table child's inherited relation starts from its parent's table.
        alias = compiler.inherited_alias(alias, self._pairs()[0][0].model)
        on = " AND ".join("%%(parent)s.%s = %%(alias)s.%s" % (
            quote_name(local.column), quote_name(remote.column))
            for local, remote in self._pairs())
        nullable = self.null or any(local.null for local, _r in self._pairs())
        joined = len(compiler.join_order)
        new = compiler.add_join(alias, ("fo", id(self)),
                                self.related_model._meta.db_table, on, nullable, None)
        restriction = self.get_extra_restriction(new, alias)
        if restriction is not None and len(compiler.join_order) > joined:
            compiler.restrict_join(compiler.join_order[-1], restriction)
        return new, self.related_model

    # Django's FieldCacheMixin: the related object cached on an instance.
    def is_cached(self, instance):
        return self.get_cache_name() in instance._state.fields_cache

    def get_cached_value(self, instance, default=_MISSING):
        try:
            return instance._state.fields_cache[self.get_cache_name()]
        except KeyError:
            if default is _MISSING:
                raise
            return default

    def set_cached_value(self, instance, value):
        instance._state.fields_cache[self.get_cache_name()] = value

    def delete_cached_value(self, instance):
        instance._state.fields_cache.pop(self.get_cache_name(), None)

    def get_extra_restriction(self, alias, related_alias):
        """A condition (an object with as_sql()) the join adds: none."""
        return None

    def get_extra_descriptor_filter(self, instance):
        """Filters (a dict or a Q) the related object is fetched with."""
        return {}

    def check(self, **kwargs):
        """The relation's own checks: fields.E310/E311, its target columns
        must be unique together."""
        return self._check_unique_target()

    def _check_unique_target(self):
        model = self.remote_field.model
        if isinstance(model, str) or not self.requires_unique_target:
            return []
        try:
            targets = self.foreign_related_fields
        except FieldDoesNotExist:
            return []
        if not targets or any(f.unique for f in targets):
            return []
        names = {f.name for f in targets}
        opts = model._meta
        if any(frozenset(ut) <= names for ut in opts.unique_together) or any(
                frozenset(uc.fields) <= names for uc in opts.total_unique_constraints
        ) or {f.name for f in opts.pk_fields} == names:
            return []
        if len(targets) > 1:
            combination = ", ".join(f"'{f.name}'" for f in targets)
            return [Error(
                f"No subset of the fields {combination} on model "
                f"'{model.__name__}' is unique.",
                hint="Mark a single field as unique=True or add a set of fields to a "
                     "unique constraint (via unique_together or a UniqueConstraint "
                     "(without condition) in the model Meta.constraints).",
                obj=self, id="fields.E310")]
        return [Error(
            f"'{model.__name__}.{targets[0].name}' must be unique because it is "
            "referenced by a foreign key.",
            hint="Add unique=True to this field or add a UniqueConstraint (without "
                 "condition) in the model Meta.constraints.",
            obj=self, id="fields.E311")]

    def clean(self, value, model_instance):
        """full_clean() of the relation: Field.validate()'s null and blank
        checks (its columns are cleaned as fields of their own)."""
        if value is None and not self.null:
            raise ValidationError("This field cannot be null.", code="null")
        if value is None and not self.blank:
            raise ValidationError("This field cannot be blank.", code="blank")
        return value

    def get_path_info(self, filtered_relation=None):
        """The join from this model to the related one (Django's PathInfo)."""
        return [PathInfo(
            from_opts=self.model._meta, to_opts=self.related_model._meta,
            target_fields=self.foreign_related_fields, join_field=self, m2m=False,
            direct=True, filtered_relation=filtered_relation)]

    @cached_property
    def path_infos(self):
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation=None):
        """The join back from the related model to this one."""
        opts = self.model._meta
        return [PathInfo(
            from_opts=self.related_model._meta, to_opts=opts,
            target_fields=(opts.pk,), join_field=self.remote_field,
            m2m=not self.unique, direct=False, filtered_relation=filtered_relation)]

    @cached_property
    def reverse_path_infos(self):
        return self.get_reverse_path_info()

    def __copy__(self):
        """A shallow copy without the cached paths (they name this field)."""
        obj = type(self).__new__(type(self))
        obj.__dict__.update(self.__dict__)
        for name in ("path_infos", "reverse_path_infos", "_class_descriptor"):
            obj.__dict__.pop(name, None)
        return obj

    def __reduce__(self):
        """Pickled by name: the model's field of that name when loaded."""
        opts = self.model._meta
        return _load_foreign_object, (opts.app_label, opts.object_name, self.name)

    def __deepcopy__(self, memo):
        """As Django's Field.__deepcopy__: the field and its reverse side are
        copied (shallow), the copies pointing at each other."""
        import copy

        obj = copy.copy(self)
        obj.remote_field = copy.copy(self.remote_field)
        if getattr(self.remote_field, "field", None) is self:
            obj.remote_field.field = obj
        memo[id(self)] = obj
        return obj

    def get_joining_columns(self, reverse_join=False):
        _warn_joining_columns("ForeignObject.get_joining_columns()",
                              "get_joining_fields()")
        return tuple((lhs.column, rhs.column)
                     for lhs, rhs in self.get_joining_fields(reverse_join))

    def get_reverse_joining_columns(self):
        _warn_joining_columns("ForeignObject.get_reverse_joining_columns()",
                              "get_reverse_joining_fields()")
        return self.get_joining_columns(reverse_join=True)

    def get_joining_fields(self, reverse_join=False):
        """The (local, remote) field pairs a join matches, or (remote, local)
        for the reverse join."""
        pairs = self._pairs()
        return tuple((t, f) for f, t in pairs) if reverse_join else tuple(pairs)

    def get_reverse_joining_fields(self):
        return self.get_joining_fields(reverse_join=True)

    @property
    def foreign_related_fields(self):
        return tuple(t for _f, t in self._pairs())

    @property
    def local_related_fields(self):
        return tuple(f for f, _t in self._pairs())

    @property
    def related_fields(self):
        return self._pairs()

    def deconstruct(self):
        kwargs = {"on_delete": self.on_delete, "from_fields": self.from_fields,
                  "to_fields": self.to_fields}
        if self.related_name is not None:
            kwargs["related_name"] = self.related_name
        to = self.to if isinstance(self.to, str) else self.to._meta.label
        return self.name, "django.db.models.ForeignObject", [to], kwargs

