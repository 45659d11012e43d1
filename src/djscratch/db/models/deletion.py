"""The on_delete handlers and the Collector
(django/db/models/deletion.py).
"""

from djscratch.core.signals import post_delete, pre_delete
from djscratch.db.utils import connections, DEFAULT_DB_ALIAS, IntegrityError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import _pk_row_sql, Field
from djscratch.db.transaction import atomic
from djscratch.db.models.base import Model
from djscratch.db.models.expressions import Q
from djscratch.db.models.query import QuerySet
from djscratch.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE

__all__ = [
    "CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "SET", "DO_NOTHING",
    "ProtectedError", "RestrictedError",
]


class ProtectedError(IntegrityError):
    """delete() hit a PROTECT foreign key."""

    def __init__(self, msg, protected_objects):
        self.protected_objects = protected_objects
        super().__init__(msg, protected_objects)


class RestrictedError(IntegrityError):
    """delete() hit a RESTRICT foreign key."""

    def __init__(self, msg, restricted_objects):
        self.restricted_objects = restricted_objects
        super().__init__(msg, restricted_objects)


def CASCADE(collector, field, sub_objs, using):
    """Delete the referencing rows too."""
    collector.collect(sub_objs, source=field.remote_field.model,
                      source_attr=field.name, nullable=field.null)


def PROTECT(collector, field, sub_objs, using):
    """Refuse to delete a referenced row (ProtectedError)."""
    raise ProtectedError(
        "Cannot delete some instances of model '%s' because they are referenced "
        "through a protected foreign key: '%s.%s'" % (
            field.remote_field.model.__name__, sub_objs[0].__class__.__name__,
            field.name), sub_objs)


def RESTRICT(collector, field, sub_objs, using):
    """Refuse unless the referencing rows are deleted by another CASCADE."""
    collector.add_restricted_objects(field, sub_objs)


def SET(value):
    """on_delete=SET(value or callable): store that value in the foreign key."""
    def set_on_delete(collector, field, sub_objs, using):
        collector.add_field_update(field, value() if callable(value) else value,
                                   sub_objs)

    set_on_delete.deconstruct = lambda: ("django.db.models.SET", (value,), {})
    # As Django: a constant is stored by one UPDATE of the related rows'
    # queryset, never fetched.
    set_on_delete.lazy_sub_objs = not callable(value)
    return set_on_delete


def SET_NULL(collector, field, sub_objs, using):
    collector.add_field_update(field, None, sub_objs)


SET_NULL.lazy_sub_objs = True


def SET_DEFAULT(collector, field, sub_objs, using):
    collector.add_field_update(field, field.get_default(), sub_objs)


def DO_NOTHING(collector, field, sub_objs, using):
    pass


class Collector:
    """Find everything a delete() reaches, then delete it in one transaction.

    As in Django: rows that nothing else depends on and that have no delete
    signals are deleted with one DELETE per relation ("fast deletes"), the
    rest are fetched so that cascades, signals and SET_* updates can run.
    """

    def __init__(self, using=DEFAULT_DB_ALIAS, origin=None):
        self.using = using
        self.origin = origin
        self.data = {}  # model -> {pk: instance}, in discovery order
        self.fast_deletes = []  # (model, field, keys)
        self.field_updates = []  # (field, value, [instances])
        self.restricted = []  # (field, [instances])
        self.dependencies = {}  # model -> models to delete before it

    def add(self, objs, source=None, nullable=False):
        new = []
        data = self.data
        last_type = None
        for obj in objs:
            cls = type(obj)
            if cls is not last_type:  # once per run of one model's objects
                last_type, pk_of = cls, _pk_getter(cls)
                bucket = data.setdefault(cls, {})
            pk = pk_of(obj)
            if pk not in bucket:
                bucket[pk] = obj
                new.append(obj)
        if new and source is not None and not nullable:
            self.dependencies.setdefault(source, set()).add(type(new[0]))
        return new

    def add_field_update(self, field, value, objs):
        """Store `value` in `field` of `objs` (instances, or an unevaluated
        queryset, updated by one UPDATE) before the deletes."""
        if not (isinstance(objs, QuerySet) and objs._result_cache is None):
            objs = list(objs)
        self.field_updates.append((field, value, objs))

    def add_restricted_objects(self, field, objs):
        self.restricted.append((field, list(objs)))

    @staticmethod
    def _has_signal_listeners(model):
        return pre_delete.has_listeners(model) or post_delete.has_listeners(model)

    def can_fast_delete(self, model, from_field=None):
        """True if rows of `model` can go with one DELETE, unfetched."""
        if self._has_signal_listeners(model):
            return False
        if not all(link is from_field for link in
                   model._meta.concrete_model._meta.parents.values()):
            return False  # a multi-table child's parent rows go too: collected
        if any(hasattr(f, "bulk_related_objects") for f in model._meta.private_fields):
            return False  # a GenericRelation: its objects go too
        return all(rel.field.remote_field.on_delete is DO_NOTHING
                   for rel in model._meta.related_objects if not rel.many_to_many)

    def related_objects(self, related_model, related_fields, objs):
        """Return the rows of related_model whose related_fields point at
        objs (a subclass may add select_related(), as the admin's does)."""
        conditions = [("%s__in" % field.attname,
                       [getattr(obj, field.target_field.attname) for obj in objs])
                      for field in related_fields]
        return related_model._base_manager.using(self.using).filter(
            Q.create(conditions, connector=Q.OR))

    def get_del_batches(self, objs, fields):
        """`objs` in batches small enough for one query each (Django's)."""
        size = connections[self.using].ops.bulk_batch_size(
            [field.name for field in fields], objs)
        size = max(size, 1)
        return [objs[i:i + size] for i in range(0, len(objs), size)]

    def _referenced_fields(self, model):
        """The attnames of `model` that relations to it point at: what a
        cascade needs to load of its rows (Django defers the rest)."""
        names = {f.attname for f in model._meta.pk_fields}
        for rel in model._meta.related_objects:
            if rel.many_to_many:
                continue
            field = rel.field
            if getattr(field, "from_fields", None) is not None:  # ForeignObject
                names.update(f.attname for f in field.foreign_related_fields)
            else:
                names.add(field.target_field.attname)
        return names

    def collect(self, objs, source=None, nullable=False, collect_related=True,
                source_attr=None, reverse_dependency=False, keep_parents=False,
                fail_on_restricted=True):
        if isinstance(objs, QuerySet) and self.can_fast_delete(objs.model):
            self.fast_deletes.append(objs)  # one DELETE ... WHERE, nothing fetched
            return
        new = self.add(list(objs), source, nullable)
        if not new:
            return
        model = type(new[0])
        if not keep_parents:
            self._collect_parents(model, new)
        if not collect_related:
            return
        protected = {}
        fast = {}  # related model -> the fields of it fast-deleted from here
        for rel in model._meta.related_objects:
            if rel.many_to_many:
                continue  # the link model's own foreign keys cascade
            if rel.parent_link and rel.related_model in self.data and all(
                    getattr(o, rel.field.target_field.attname) in self.data[
                        rel.related_model] for o in new):
                continue  # the children whose parents these are: collected
            field = rel.field
            on_delete = field.remote_field.on_delete
            if on_delete is DO_NOTHING:
                continue
            if getattr(field, "from_fields", None) is not None:  # ForeignObject
                self._collect_foreign_object(rel, field, on_delete, new, protected)
                continue
            if on_delete is CASCADE and self.can_fast_delete(rel.related_model,
                                                             field):
                fast.setdefault(rel.related_model, []).append(field)
                continue
            if getattr(on_delete, "lazy_sub_objs", False):
                for batch in self.get_del_batches(new, [field]):
                    on_delete(self, field, self.related_objects(
                        rel.related_model, [field], batch), self.using)
                continue
            sub_objs = []
            for batch in self.get_del_batches(new, [field]):
                queryset = self.related_objects(rel.related_model, [field], batch)
                if not (queryset._query.select_related or
                        self._has_signal_listeners(rel.related_model)):
                    # As Django: only what further cascades need.
                    queryset = queryset.only(
                        *self._referenced_fields(rel.related_model))
                sub_objs.extend(queryset)
            if not sub_objs:
                continue
            try:
                on_delete(self, field, sub_objs, self.using)
            except ProtectedError as error:
                key = "'%s.%s'" % (field.model.__name__, field.name)
                protected.setdefault(key, []).extend(error.protected_objects)
        for related_model, fields in fast.items():
            # One DELETE per batch for all of a model's keys pointing here.
            attname = fields[0].target_field.attname
            for batch in self.get_del_batches(new, fields):
                if len(fields) == 1:
                    self.fast_deletes.append((related_model, fields[0], [
                        getattr(o, attname) for o in batch]))
                else:
                    self.fast_deletes.append(
                        self.related_objects(related_model, fields, batch))
        for field in model._meta.private_fields:
            if hasattr(field, "bulk_related_objects"):  # GenericRelation
                sub_objs = field.bulk_related_objects(new, self.using)
                self.collect(sub_objs, source=model, nullable=True,
                             fail_on_restricted=False)
        if protected:
            raise ProtectedError(
                "Cannot delete some instances of model %r because they are referenced "
                "through protected foreign keys: %s." % (
                    model.__name__, ", ".join(protected)),
                {o for objs in protected.values() for o in objs})
        if fail_on_restricted and source is None:
            self._check_restricted(model)

    def _collect_foreign_object(self, rel, field, on_delete, objs, protected):
        """on_delete across a ForeignObject: the rows whose from_fields match
        the deleted objects' to_fields (a fast DELETE when nothing else
        needs them fetched)."""
        for i in range(0, len(objs), 100):
            sub_objs = rel.related_model._base_manager.using(self.using).filter(
                **{"%s__in" % field.name: objs[i:i + 100]})
            if on_delete is CASCADE and self.can_fast_delete(rel.related_model):
                self.fast_deletes.append(sub_objs)
                continue
            sub_objs = list(sub_objs)
            if not sub_objs:
                continue
            try:
                on_delete(self, field, sub_objs, self.using)
            except ProtectedError as error:
                key = "'%s.%s'" % (field.model.__name__, field.name)
                protected.setdefault(key, []).extend(error.protected_objects)

    def _collect_parents(self, model, objs):
        """A multi-table child's parent rows are deleted after it, as Django
        does (their own relations cascade as theirs)."""
        for parent, link in model._meta.concrete_model._meta.parents.items():
            # As Django: the parent objects come from the children's own
            # data through the parent links (no query).
            parents = [getattr(o, link.name) for o in objs]
            parents = [p for p in parents if p is not None]
            if parents:
                self.collect(parents, source=None, fail_on_restricted=False)
                self.dependencies.setdefault(parent, set()).add(model)

    def _check_restricted(self, model):
        found = {}
        def going(obj):
            if obj.pk in self.data.get(type(obj), {}):
                return True
            for entry in self.fast_deletes:
                if isinstance(entry, QuerySet):
                    # (a fast delete over several keys: asked of the database)
                    if entry.model is type(obj) and entry.filter(pk=obj.pk).exists():
                        return True
                elif type(obj) is entry[0] and getattr(
                        obj, entry[1].attname) in entry[2]:
                    return True
            return False

        for field, objs in self.restricted:
            left = [o for o in objs if not going(o)]
            if left:
                key = "'%s.%s'" % (field.model.__name__, field.name)
                found.setdefault(key, []).extend(left)
        if found:
            raise RestrictedError(
                "Cannot delete some instances of model %r because they are referenced "
                "through restricted foreign keys: %s." % (
                    model.__name__, ", ".join(found)),
                {o for objs in found.values() for o in objs})

    def sort(self):
        """Order models so that each comes after the models depending on it."""
        ordered, placed = [], set()
        models = list(self.data)
        while len(ordered) < len(models):
            found = False
            for model in models:
                if model in placed:
                    continue
                if not (self.dependencies.get(model, set()) - placed):
                    ordered.append(model)
                    placed.add(model)
                    found = True
            if not found:
                ordered.extend(m for m in models if m not in placed)
                break
        self.data = {model: self.data[model] for model in ordered}

    def delete(self):
        """Run the deletes and updates; return (total, {label: count})."""
        import collections

        counter = collections.Counter()
        db = connections[self.using]
        for model, instances in self.data.items():
            try:  # as Django: each model's objects in primary key order
                self.data[model] = dict(sorted(instances.items()))
            except TypeError:
                pass  # keys that do not compare: discovery order
        self.sort()
        with atomic(using=self.using, savepoint=False):
            for model, instances in self.data.items():
                # (Django sends no signals for an automatic m2m link model.)
                if pre_delete.has_listeners(model) and not model._meta.auto_created:
                    for obj in instances.values():
                        pre_delete.send(sender=model, instance=obj, using=self.using,
                                        origin=self.origin)
            for entry in self.fast_deletes:
                if isinstance(entry, QuerySet):
                    count = entry._raw_delete(self.using)
                    if count:
                        counter[entry.model._meta.label] += count
                    continue
                model, field, keys = entry
                count = 0
                prep = field._fast_db_prep_save()  # get_db_prep_save
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    count += db._execute("DELETE FROM %s WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table), quote_name(field.column),
                        ", ".join("?" * len(chunk))),
                        [prep(k) for k in chunk]).rowcount
                if count:
                    counter[model._meta.label] += count
            for field, value, objs in self.field_updates:
                if isinstance(objs, QuerySet):
                    objs.update(**{field.name: value})
                    continue
                objs = [o for o in objs if o.pk not in self.data.get(type(o), {})]
                if not objs:
                    continue
                model = field.model
                raw = value.pk if isinstance(value, Model) else value
                prepared = field.get_db_prep_save(raw)
                pks = [o.pk for o in objs]
                for i in range(0, len(pks), 900):
                    chunk = pks[i:i + 900]
                    db._execute("UPDATE %s SET %s = ? WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table), quote_name(field.column),
                        quote_name(model._meta.pk.column), ", ".join("?" * len(chunk))),
                        [prepared] + [model._meta.pk.get_db_prep_value(p)
                                      for p in chunk])
                for obj in objs:
                    obj.__dict__[field.attname] = raw
                    obj._state.fields_cache.pop(field.name, None)
            for model, instances in self.data.items():
                pks = list(instances)
                count = 0
                if model._meta.is_composite_pk:
                    count = _delete_composite(db, model, pks)
                    pks = ()
                prep = _key_prep(model._meta.pk)
                # As Django: GET_ITERATOR_CHUNK_SIZE rows per DELETE.
                for i in range(0, len(pks), GET_ITERATOR_CHUNK_SIZE):
                    chunk = pks[i:i + GET_ITERATOR_CHUNK_SIZE]
                    count += db._execute("DELETE FROM %s WHERE %s IN (%s)" % (
                        quote_name(model._meta.db_table),
                        quote_name(model._meta.pk.column), ", ".join("?" * len(chunk))),
                        [prep(p) for p in chunk]).rowcount
                if count:
                    counter[model._meta.label] += count
                if post_delete.has_listeners(model) and not model._meta.auto_created:
                    # (Django reverses each model's objects for this stage.)
                    for obj in reversed(instances.values()):
                        post_delete.send(sender=model, instance=obj, using=self.using,
                                         origin=self.origin)
        for model, instances in self.data.items():
            if model._meta.is_composite_pk:
                for obj in instances.values():
                    obj.pk = None  # every field of the key
                continue
            attname = model._meta.pk.attname
            for obj in instances.values():
                obj.__dict__[attname] = None
        return sum(counter.values()), dict(counter)


def _pk_getter(model):
    """A function reading an instance's pk: the key's attribute read
    directly when `pk` is Model's property (which reads just that), else
    the property (tests/test_fast_paths.py compares)."""
    import operator

    if model.pk is Model.pk:
        return operator.attrgetter(model._meta.pk.attname)
    return operator.attrgetter("pk")


def _key_prep(pk):
    """Return pk.get_db_prep_value as a call of one value: the field's quicker
    get_db_prep_save when that is Field's (which is get_db_prep_value of an
    unprepared value), so that deleting 10,000 rows by integer key does not
    run the full preparation 10,000 times."""
    if type(pk).get_db_prep_save is Field.get_db_prep_save:
        return pk._fast_db_prep_save()
    return pk.get_db_prep_value


def _delete_composite(db, model, pks):
    """DELETE the rows of composite keys `pks`; return how many went."""
    meta = model._meta
    width = "(%s)" % ", ".join("?" * len(meta.pk.fields))
    step = 900 // len(meta.pk.fields)
    count = 0
    for i in range(0, len(pks), step):
        chunk = pks[i:i + step]
        params = []
        for pk in chunk:
            params.extend(meta.pk.get_db_prep_value(pk))
        count += db._execute("DELETE FROM %s WHERE %s IN (VALUES %s)" % (
            quote_name(meta.db_table), _pk_row_sql(meta),
            ", ".join([width] * len(chunk))), params).rowcount
    return count
