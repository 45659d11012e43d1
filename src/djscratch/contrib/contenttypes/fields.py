"""GenericForeignKey and GenericRelation (django/contrib/contenttypes/fields.py):
a relation to any model through a (content type, object id) pair, and its
reverse side as a manager, a query path and a cascade on delete.
"""

import warnings

# Later modules, used at call time: db.models.related (ForeignKey).
import djscratch

from djscratch.asgiref_fallback import _awaitable_method
from djscratch.core.exceptions import (
    FieldDoesNotExist, FieldError, ObjectDoesNotExist,
)
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.core.checks.messages import Error
from djscratch.db.utils import _router, DEFAULT_DB_ALIAS
from djscratch.db.transaction import atomic
from djscratch.db.backends.sqlite import quote_name
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.db.models.base import _lazy_related, make_foreign_order_accessors
from djscratch.db.models.query_utils import _PrivateField
from djscratch.db.models.expressions import Q

__all__ = [
    "GenericForeignKey", "GenericRelation",
]


def _check_field_name(field):
    """fields.E001: a generic field's name must not end with "_"."""
    if field.name.endswith("_"):
        return [Error("Field names must not end with an underscore.", obj=field,
                      id="fields.E001")]
    return []


class GenericForeignKey(_PrivateField):
    """`content_object`: the object that content_type and object_id name.

    A private, non-concrete field: no column; reading it fetches (and
    caches) the object, assigning it sets both underlying fields.
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
    related_model = None
    remote_field = None
    column = None
    primary_key = False
    serialize = False

    def __init__(self, ct_field="content_type", fk_field="object_id",
                 for_concrete_model=True):
        self.ct_field = ct_field
        self.fk_field = fk_field
        self.for_concrete_model = for_concrete_model
        self.name = self.attname = None
        self.model = None

    def get_attname_column(self):
        return self.name, None

    def get_cache_name(self):
        return self.name

    def get_filter_kwargs_for_object(self, obj):
        """The lookups that select what `obj`'s generic key points at."""
        return {self.fk_field: getattr(obj, self.fk_field),
                self.ct_field: getattr(obj, self.ct_field)}

    def get_forward_related_filter(self, obj):
        """The lookups that select objects whose generic key points at `obj`."""
        return {self.fk_field: obj.pk,
                self.ct_field: ContentType.objects.get_for_model(obj).pk}

    def get_content_type(self, obj=None, id=None, using=None, model=None):
        if obj is not None:
            return ContentType.objects.db_manager(obj._state.db).get_for_model(
                obj, for_concrete_model=self.for_concrete_model)
        if id is not None:
            return ContentType.objects.db_manager(using).get_for_id(id)
        if model is not None:
            return ContentType.objects.db_manager(using).get_for_model(
                model, for_concrete_model=self.for_concrete_model)
        raise Exception("Impossible arguments to GFK.get_content_type!")

    def _ct_attname(self):
        return self.model._meta.get_field(self.ct_field).attname

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        ct_id = getattr(instance, self._ct_attname(), None)
        pk_val = getattr(instance, self.fk_field)
        cache = instance._state.fields_cache
        rel_obj = cache.get(self.name)
        if rel_obj is None and self.name in cache:
            return None
        if rel_obj is not None:
            ct_match = ct_id == self.get_content_type(
                obj=rel_obj, using=instance._state.db).id
            if ct_match and rel_obj._meta.pk.to_python(pk_val) == rel_obj.pk:
                return rel_obj
            rel_obj = None
        if ct_id is not None:
            ct = self.get_content_type(id=ct_id, using=instance._state.db)
            try:
                rel_obj = ct.get_object_for_this_type(
                    using=instance._state.db, pk=pk_val)
            except (ObjectDoesNotExist, AttributeError):
                pass  # AttributeError: the model class is gone
        cache[self.name] = rel_obj
        return rel_obj

    def __set__(self, instance, value):
        ct = None
        fk = None
        if value is not None:
            ct = self.get_content_type(obj=value)
            fk = value.pk
        setattr(instance, self.ct_field, ct)
        setattr(instance, self.fk_field, fk)
        instance._state.fields_cache[self.name] = value

    def check(self, **kwargs):
        """fields.E001 and contenttypes.E001-E004, as Django's."""
        return [*_check_field_name(self), *self._check_object_id_field(),
                *self._check_content_type_field()]

    def _check_object_id_field(self):
        try:
            self.model._meta.get_field(self.fk_field)
        except FieldDoesNotExist:
            return [Error("The GenericForeignKey object ID references the "
                          "nonexistent field '%s'." % self.fk_field,
                          obj=self, id="contenttypes.E001")]
        return []

    def _check_content_type_field(self):
        """The content type field exists and is a ForeignKey to ContentType."""
        object_name = self.model._meta.object_name
        try:
            field = self.model._meta.get_field(self.ct_field)
        except FieldDoesNotExist:
            return [Error("The GenericForeignKey content type references the "
                          "nonexistent field '%s.%s'." % (object_name, self.ct_field),
                          obj=self, id="contenttypes.E002")]
        hint = ("GenericForeignKeys must use a ForeignKey to "
                "'contenttypes.ContentType' as the 'content_type' field.")
        if not isinstance(field, djscratch.db.models.related.ForeignKey):
            message = "'%s.%s' is not a ForeignKey." % (object_name, self.ct_field)
            return [Error(message, hint=hint, obj=self, id="contenttypes.E003")]
        if field.remote_field.model != ContentType:
            message = ("'%s.%s' is not a ForeignKey to 'contenttypes.ContentType'."
                       % (object_name, self.ct_field))
            return [Error(message, hint=hint, obj=self, id="contenttypes.E004")]
        return []

    def get_prefetch_queryset(self, instances, queryset=None):
        """Deprecated (Django 5.0): get_prefetch_querysets()."""
        warnings.warn("get_prefetch_queryset() is deprecated. Use "
                      "get_prefetch_querysets() instead.",
                      RemovedInDjango60Warning, stacklevel=2)
        return self.get_prefetch_querysets(
            instances, None if queryset is None else [queryset])

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple: (the objects fetched, one query per
        content type, from `querysets` where one is for that model; the key
        of a fetched object; the key of an instance's content object; single;
        the cache name; is_descriptor)."""
        custom = {}
        for queryset in querysets or ():
            ct_id = self.get_content_type(model=queryset.model, using=queryset.db).pk
            if ct_id in custom:
                raise ValueError("Only one queryset is allowed for each content type.")
            custom[ct_id] = queryset
        keys_by_ct, instance_by_ct = {}, {}
        for obj in instances:
            ct_id = getattr(obj, self._ct_attname())
            fk_val = getattr(obj, self.fk_field)
            if ct_id is not None and fk_val is not None:
                keys_by_ct.setdefault(ct_id, set()).add(fk_val)
                instance_by_ct[ct_id] = obj  # for its database
        fetched = []
        for ct_id, fkeys in keys_by_ct.items():
            if ct_id in custom:
                fetched.extend(custom[ct_id].filter(pk__in=fkeys))
            else:
                ct = self.get_content_type(id=ct_id,
                                           using=instance_by_ct[ct_id]._state.db)
                fetched.extend(ct.get_all_objects_for_this_type(pk__in=fkeys))
        return (fetched, lambda rel: (rel.pk, rel.__class__), self._prefetch_key,
                True, self.name, False)

    def _prefetch_instances(self, instances, lookup):
        """prefetch_related("content_object"): get_prefetch_querysets() with
        GenericPrefetch's querysets, the objects put in each instance's cache
        (or to_attr); return the objects fetched."""
        fetched, rel_key, instance_key, _single, _name, _descriptor = (
            self.get_prefetch_querysets(
                instances, getattr(lookup, "querysets", None) or None))
        to_attr = lookup.to_attr if lookup is not None else None
        found = {rel_key(rel): rel for rel in fetched}
        for obj in instances:
            value = found.get(instance_key(obj))
            if to_attr:
                setattr(obj, to_attr, value)
            else:
                obj._state.fields_cache[self.name] = value
        return fetched

    def _prefetch_key(self, obj):
        """(target pk, target model) of obj's content object, or None."""
        ct_id = getattr(obj, self._ct_attname())
        if ct_id is None:
            return None
        model = self.get_content_type(id=ct_id, using=obj._state.db).model_class()
        return model._meta.pk.to_python(getattr(obj, self.fk_field)), model

    def reverse_query_error(self):
        return FieldError(
            "Field '%s' does not generate an automatic reverse relation and therefore "
            "cannot be used for reverse querying. If it is a GenericForeignKey, "
            "consider adding a GenericRelation." % self.name)

    def generic_join(self, compiler, alias, group):
        raise self.reverse_query_error()


class GenericRel:
    """The reverse side of a GenericRelation, a query path from the related
    model back (its related_query_name)."""

    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    null = True
    primary_key = False
    column = None
    attname = None

    def __init__(self, field, to, related_query_name):
        self.field = field
        self.model = to
        self.name = related_query_name
        self.hidden = related_query_name is None

    @property
    def related_model(self):
        return self.field.model

    def generic_join(self, compiler, alias, group):
        """Join from the generic objects (Tag) to the owner (Animal)."""
        field = self.field
        owner = field.model
        ct_id = ContentType.objects.get_for_model(
            owner, for_concrete_model=field.for_concrete_model).pk
        on = "%%(parent)s.%s = %%(alias)s.%s AND %%(parent)s.%s = %d" % (
            quote_name(field._object_id_field().column),
            quote_name(owner._meta.pk.column),
            quote_name(field._content_type_field().column), ct_id)
        new = compiler.add_join(alias, ("grel", id(self)), owner._meta.db_table, on,
                                True, None)
        return new, owner


class ReverseGenericManyToOneDescriptor:
    """`animal.tags`: a manager of the generic objects pointing here."""

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return _generic_related_manager_class(self.field)(instance)

    def __set__(self, instance, value):
        raise TypeError("Direct assignment to the reverse side of a related set is "
                        "prohibited. Use %s.set() instead." % self.field.name)


class GenericRelation:
    """`tags = GenericRelation(Tag)`: the objects whose generic key points
    here, as a manager, a query path, and deleted with their owner."""

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = False
    one_to_many = True
    one_to_one = False
    null = True
    blank = True
    column = None
    primary_key = False
    serialize = False
    unique = False
    empty_strings_allowed = False

    def __init__(self, to, object_id_field="object_id",
                 content_type_field="content_type", for_concrete_model=True,
                 related_query_name=None, limit_choices_to=None, **kwargs):
        self.to = to
        self.object_id_field_name = object_id_field
        self.content_type_field_name = content_type_field
        self.for_concrete_model = for_concrete_model
        self._related_query_name = related_query_name
        self.limit_choices_to = limit_choices_to
        self.verbose_name = kwargs.get("verbose_name")
        self.name = self.attname = None
        self.model = None
        self.remote_field = None

    def __repr__(self):
        if self.model is None:
            return "<%s>" % type(self).__name__
        return "<%s: %s.%s>" % (type(self).__name__, self.model._meta.label, self.name)

    def __str__(self):
        return "%s.%s" % (self.model._meta.label, self.name)

    @property
    def related_model(self):
        return self.remote_field.model if self.remote_field else None

    def related_query_name(self):
        """Return the name that filters the related model back to this one:
        related_query_name, or "+" (none) when it was not given, as Django's."""
        return self._related_query_name or "+"

    def contribute_to_class(self, cls, name, **kwargs):
        self.name = self.attname = name
        self.model = cls
        if self.verbose_name is None:
            self.verbose_name = name.replace("_", " ")
        cls._meta.add_field(self, private=True)
        setattr(cls, name, ReverseGenericManyToOneDescriptor(self))
        if cls._meta.abstract:
            return
        # A model named by a string may be defined later in the module: the
        # relation is completed when it is, as a ForeignKey's is.
        _lazy_related(cls, self.to, self._resolve_related_model)

    def _resolve_related_model(self, to):
        self.remote_field = GenericRel(self, to, self._related_query_name)
        rels = to._meta.__dict__.setdefault("_generic_rels", {})
        if self._related_query_name is not None:
            rels[self._related_query_name] = self.remote_field
            to._meta.__dict__.pop("_name_choices", None)  # a choice now
        # get_<to>_order()/set_<to>_order() here when `to` is ordered with
        # respect to the generic key this relation follows.
        if self._is_matching_generic_foreign_key(to._meta.order_with_respect_to):
            make_foreign_order_accessors(to, self.model)

    def _is_matching_generic_foreign_key(self, field):
        """Whether `field` is the GenericForeignKey this relation reverses."""
        return isinstance(field, GenericForeignKey) and (
            field.ct_field == self.content_type_field_name
            and field.fk_field == self.object_id_field_name)

    def get_attname_column(self):
        return self.name, None

    def _content_type_field(self):
        return self.related_model._meta.get_field(self.content_type_field_name)

    def _object_id_field(self):
        return self.related_model._meta.get_field(self.object_id_field_name)

    def get_content_type(self):
        return ContentType.objects.get_for_model(
            self.model, for_concrete_model=self.for_concrete_model)

    def generic_join(self, compiler, alias, group):
        """Join from the owner (Animal) to its generic objects (Tag)."""
        ct_id = self.get_content_type().pk
        on = "%%(parent)s.%s = %%(alias)s.%s AND %%(alias)s.%s = %d" % (
            quote_name(self.model._meta.pk.column),
            quote_name(self._object_id_field().column),
            quote_name(self._content_type_field().column), ct_id)
        new = compiler.add_join(alias, ("gr", id(self)),
                                self.related_model._meta.db_table, on, True, group)
        return new, self.related_model

    def _prefetch_instances(self, instances, lookup):
        """prefetch_related("tags"): the manager's get_prefetch_querysets()
        (one query), each instance's rows cached as its manager's queryset
        (or to_attr); return them."""
        queryset = lookup.queryset if lookup is not None else None
        to_attr = lookup.to_attr if lookup is not None else None
        manager = getattr(instances[0], self.name)
        queryset, rel_key, instance_key, _single, cache_name, _descriptor = (
            manager.get_prefetch_querysets(
                instances, None if queryset is None else [queryset]))
        rows = list(queryset)
        grouped = {}
        for row in rows:
            grouped.setdefault(rel_key(row), []).append(row)
        for obj in instances:
            objs = grouped.get(instance_key(obj), [])
            if to_attr:
                setattr(obj, to_attr, objs)
                continue
            manager = getattr(obj, self.name)
            # With a Prefetch queryset, all() again re-runs it (filtered).
            cache = manager._apply_rel_filters(lookup.queryset._chain()) if (
                lookup is not None and lookup.queryset is not None) else \
                manager.get_queryset()
            cache._result_cache = objs
            cache._prefetch_done = True
            obj.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = cache
        return rows

    def value_to_string(self, obj):
        return str([instance.pk for instance in getattr(obj, self.name).all()])

    def check(self, **kwargs):
        """fields.E001, E300/E301 (the target) and contenttypes.E004 (the
        target has no matching GenericForeignKey), as Django's."""
        return [*_check_field_name(self), *self._check_relation_model(),
                *self._check_generic_foreign_key_existence()]

    def _check_relation_model(self):
        target = getattr(getattr(self, "remote_field", None), "model", None)
        if target is None or isinstance(target, str) or target._meta.abstract:
            name = self.to if isinstance(self.to, str) else self.to.__name__
            message = ("Field defines a relation with model '%s', which is either "
                       "not installed, or is abstract." % name)
            return [Error(message, obj=self, id="fields.E300")]
        if target._meta.swapped:
            message = ("Field defines a relation with the model '%s', which has "
                       "been swapped out." % target._meta.label)
            hint = "Update the relation to point at 'settings.%s'." % (
                target._meta.swappable)
            return [Error(message, hint=hint, obj=self, id="fields.E301")]
        return []

    def _check_generic_foreign_key_existence(self):
        target = getattr(getattr(self, "remote_field", None), "model", None)
        if target is None or isinstance(target, str):
            return []
        if any(isinstance(field, GenericForeignKey)
               and field.ct_field == self.content_type_field_name
               and field.fk_field == self.object_id_field_name
               for field in target._meta.private_fields):
            return []
        message = ("The GenericRelation defines a relation with the model '%s', "
                   "but that model does not have a GenericForeignKey."
                   % target._meta.label)
        return [Error(message, obj=self, id="contenttypes.E004")]

    def bulk_related_objects(self, objs, using=DEFAULT_DB_ALIAS):
        """The generic objects pointing at `objs` (deleted with them)."""
        return self.related_model._base_manager.db_manager(using).filter(**{
            "%s__pk" % self.content_type_field_name: ContentType.objects.db_manager(
                using).get_for_model(
                    self.model, for_concrete_model=self.for_concrete_model).pk,
            "%s__in" % self.object_id_field_name: [obj.pk for obj in objs],
        })


def _generic_related_manager_class(field, superclass=None):
    """The GenericRelatedObjectManager class of `field` on top of
    `superclass` (by default the related model's default manager's class)."""
    superclass = superclass or type(field.related_model._default_manager)
    classes = field.__dict__.setdefault("_manager_classes", {})
    cls = classes.get(superclass)
    if cls is None:
        cls = classes[superclass] = type(
            "GenericRelatedObjectManager",
            (_GenericRelatedManagerMixin, superclass), {"_field": field})
    return cls


class _GenericRelatedManagerMixin:
    """Methods of `animal.tags` (create_generic_related_manager in Django)."""

    def __init__(self, instance):
        super().__init__()
        field = self._field
        self.instance = instance
        self.model = field.related_model
        self.name = field.name
        if instance.pk is None:
            raise ValueError(
                '"%r" needs to have a value for field "%s" before this '
                "relationship can be used." % (instance, instance._meta.pk.attname))
        self.content_type = ContentType.objects.db_manager(
            instance._state.db).get_for_model(
                instance, for_concrete_model=field.for_concrete_model)
        self.content_type_field_name = field.content_type_field_name
        self.object_id_field_name = field.object_id_field_name
        self.pk_val = instance.pk
        self.core_filters = {
            "%s__pk" % self.content_type_field_name: self.content_type.id,
            self.object_id_field_name: self.pk_val,
        }

    def __call__(self, *, manager):
        """`animal.tags(manager="approved")`: the same relation through
        another of the related model's managers."""
        superclass = type(getattr(self.model, manager))
        return _generic_related_manager_class(self._field, superclass)(self.instance)

    do_not_call_in_templates = True

    def __str__(self):
        # As Django's: the object's default repr (BaseManager.__repr__ would
        # call str() again).
        return object.__repr__(self)

    def _db_alias(self):
        """Where the generic objects are written: the router's answer for
        them with the instance as hint (as Django's manager asks)."""
        return _router.db_for_write(self.model, instance=self.instance)

    def _apply_rel_filters(self, queryset):
        """`queryset` narrowed to the objects of the instance (read where
        the router says, or where db_manager() points)."""
        queryset._add_hints(instance=self.instance)
        if self._db:
            queryset = queryset.using(self._db)
        return queryset.filter(**self.core_filters)

    def get_queryset(self):
        cache = getattr(self.instance, "_prefetched_objects_cache", {})
        if self.name in cache:
            return cache[self.name]
        return self._apply_rel_filters(super().get_queryset())

    def get_prefetch_queryset(self, instances, queryset=None):
        """Deprecated (Django 5.0): get_prefetch_querysets()."""
        warnings.warn("get_prefetch_queryset() is deprecated. Use "
                      "get_prefetch_querysets() instead.",
                      RemovedInDjango60Warning, stacklevel=2)
        return self.get_prefetch_querysets(
            instances, None if queryset is None else [queryset])

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch tuple: (the rows of every instance, in one
        query; a row's (object id, content type id); an instance's; single;
        the cache name; is_descriptor)."""
        if querysets and len(querysets) != 1:
            raise ValueError("querysets argument of get_prefetch_querysets() "
                             "should have a length of 1.")
        field = self._field
        queryset = querysets[0] if querysets else (
            field.related_model._default_manager.all())
        db = instances[0]._state.db

        def content_type_id(obj):
            return ContentType.objects.db_manager(db).get_for_model(
                obj, for_concrete_model=field.for_concrete_model).pk

        pks_by_ct = {}
        for obj in instances:
            pks_by_ct.setdefault(content_type_id(obj), set()).add(obj.pk)
        query = None
        for ct_id, pks in pks_by_ct.items():
            q = Q(**{"%s__pk" % self.content_type_field_name: ct_id,
                     "%s__in" % self.object_id_field_name: pks})
            query = q if query is None else query | q
        to_pk = instances[0]._meta.pk.to_python
        ct_attname = field.related_model._meta.get_field(
            self.content_type_field_name).attname
        return (queryset.filter(query),
                lambda row: (to_pk(getattr(row, self.object_id_field_name)),
                             getattr(row, ct_attname)),
                lambda obj: (obj.pk, content_type_id(obj)),
                False, self.name, False)

    def _remove_prefetched_objects(self):
        """Forget a prefetch_related() result: the manager changes the rows."""
        cache = getattr(self.instance, "_prefetched_objects_cache", None)
        if cache:
            cache.pop(self.name, None)

    def _check_and_update(self, obj):
        if not isinstance(obj, self.model):
            raise TypeError("'%s' instance expected, got %r"
                            % (self.model._meta.object_name, obj))
        setattr(obj, self.content_type_field_name, self.content_type)
        setattr(obj, self.object_id_field_name, self.pk_val)

    def add(self, *objs, bulk=True):
        self._remove_prefetched_objects()
        db = self._db_alias()
        if bulk:
            pks = []
            for obj in objs:
                if obj._state.adding or (obj._state.db or DEFAULT_DB_ALIAS) != db:
                    raise ValueError(
                        "%r instance isn't saved. Use bulk=False or save the object "
                        "first." % obj)
                self._check_and_update(obj)
                pks.append(obj.pk)
            self.model._base_manager.using(db).filter(pk__in=pks).update(**{
                self.content_type_field_name: self.content_type,
                self.object_id_field_name: self.pk_val})
        else:
            with atomic(using=db, savepoint=False):
                for obj in objs:
                    self._check_and_update(obj)
                    obj.save()

    add.alters_data = True

    def remove(self, *objs, bulk=True):
        if not objs:
            return
        self._clear(self.filter(pk__in=[o.pk for o in objs]), bulk)

    remove.alters_data = True

    def clear(self, *, bulk=True):
        self._clear(self.get_queryset(), bulk)

    clear.alters_data = True

    def _clear(self, queryset, bulk):
        self._remove_prefetched_objects()
        db = self._db_alias()
        queryset = queryset.using(db)
        if bulk:
            queryset.delete()  # the objects' own cascades and signals run
        else:
            with atomic(using=db, savepoint=False):
                for obj in queryset:
                    obj.delete()

    def set(self, objs, *, bulk=True, clear=False):
        objs = tuple(objs)
        db = self._db_alias()
        with atomic(using=db, savepoint=False):
            if clear:
                self.clear()
                self.add(*objs, bulk=bulk)
                return
            old_objs = set(self.get_queryset())
            new_objs = []
            for obj in objs:
                if obj in old_objs:
                    old_objs.remove(obj)
                else:
                    new_objs.append(obj)
            self.remove(*old_objs)
            self.add(*new_objs, bulk=bulk)

    set.alters_data = True

    def _with_key(self, kwargs):
        kwargs[self.content_type_field_name] = self.content_type
        kwargs[self.object_id_field_name] = self.pk_val
        return kwargs

    def create(self, **kwargs):
        self._remove_prefetched_objects()
        return self.model._base_manager.using(self._db_alias()).create(
            **self._with_key(kwargs))

    create.alters_data = True

    def get_or_create(self, **kwargs):
        return self.get_queryset().get_or_create(**self._with_key(kwargs))

    get_or_create.alters_data = True

    def update_or_create(self, **kwargs):
        return self.get_queryset().update_or_create(**self._with_key(kwargs))

    update_or_create.alters_data = True

    # The async API: each a<method> is <method> through sync_to_async.
    aadd = _awaitable_method("add", alters_data=True)
    acreate = _awaitable_method("create", alters_data=True)
    aget_or_create = _awaitable_method("get_or_create", alters_data=True)
    aupdate_or_create = _awaitable_method("update_or_create", alters_data=True)
    aremove = _awaitable_method("remove", alters_data=True)
    aclear = _awaitable_method("clear", alters_data=True)
    aset = _awaitable_method("set", alters_data=True)
