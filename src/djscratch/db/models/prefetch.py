"""prefetch_related() (in Django, part of django/db/models/query.py): Prefetch,
and prefetch_related_objects(), which fills each instance's related caches with
one query per relation and level.  Kept apart from QuerySet to keep each module
readable; django.db.models.query re-exports both names.
"""

# db.models.query loads after this module (it imports it); used at call time as
# djscratch.db.models.raw.RawQuerySet, as is db.models.related.
import djscratch

from djscratch.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from djscratch.db.utils import NotSupportedError
from djscratch.db.models.expressions import F, Q
from djscratch.db.models.tuple_lookups import TupleIn
from djscratch.utils.functional import cached_property

__all__ = ["Prefetch", "prefetch_related_objects"]


class Prefetch:
    """prefetch_related(Prefetch("comment_set", queryset=..., to_attr=...))."""

    def __init__(self, lookup, queryset=None, to_attr=None):
        self.prefetch_through = lookup
        self.prefetch_to = lookup if to_attr is None else \
            "__".join(lookup.split("__")[:-1] + [to_attr])
        raw = djscratch.db.models.raw.RawQuerySet
        if queryset is not None and (isinstance(queryset, raw)
                                     or queryset._iterable != "model"):
            raise ValueError("Prefetch querysets cannot use raw(), values(), and "
                             "values_list().")
        self.queryset = queryset
        self.to_attr = to_attr

    def __eq__(self, other):
        if not isinstance(other, Prefetch):
            return NotImplemented  # the other side decides (mock.ANY)
        return self.prefetch_to == other.prefetch_to

    def __hash__(self):
        return hash((self.__class__, self.prefetch_to))


def get_prefetcher(instance, through_attr, to_attr):
    """Django's prefetch internals: djscratch prefetches by other means."""
    raise NotSupportedError(
        "djscratch does not implement get_prefetcher() (an internal of Django's "
        "prefetch_related()); use prefetch_related_objects(), or the Django "
        "engine (DJSCRATCH_ENGINE=django).")


def prefetch_one_level(instances, prefetcher, lookup, level):
    """Django's prefetch internals: refused, as get_prefetcher()."""
    raise NotSupportedError(
        "djscratch does not implement prefetch_one_level() (an internal of "
        "Django's prefetch_related()); use prefetch_related_objects(), or the "
        "Django engine (DJSCRATCH_ENGINE=django).")


def prefetch_related_objects(model_instances, *related_lookups):
    """Fill the caches of `model_instances` for each lookup, one query each."""
    instances = [o for o in model_instances if o is not None]
    if not instances:
        return
    # What each path ("a", "a__b") fetched: a later lookup through the same
    # path reuses it instead of querying again, as Django's done_queries.
    done = {}
    for lookup in related_lookups:
        if not isinstance(lookup, Prefetch):
            lookup = Prefetch(lookup)
        if lookup.prefetch_to in done:
            if lookup.queryset is not None:
                raise ValueError(
                    "'%s' lookup was already seen with a different queryset. You "
                    "may need to adjust the ordering of your lookups."
                    % lookup.prefetch_to)
            continue
        parts = lookup.prefetch_through.split("__")
        to_parts = lookup.prefetch_to.split("__")
        level = instances
        for depth, name in enumerate(parts):
            if not level or not _can_hold_prefetches(level):
                break
            path = "__".join(to_parts[:depth + 1])
            if path in done:
                level = done[path]
                continue
            last = depth == len(parts) - 1
            to_attr = to_parts[depth]
            field = _prefetch_field(level[0], name, lookup)
            if field is None:  # an attribute (a property) to walk through
                if last:
                    raise ValueError(
                        "'%s' does not resolve to an item that supports prefetching "
                        "- this is an invalid parameter to prefetch_related()."
                        % lookup.prefetch_through)
                level = _prefetch_traverse(level, name)
                continue
            to_fetch = [o for o in level
                        if not _prefetch_is_fetched(o, field, name, to_attr)]
            if to_fetch:
                level = done[path] = _prefetch_one_level(
                    to_fetch, name, lookup if last else None)
            else:  # already there (select_related(), an earlier prefetch)
                level = _prefetch_traverse(level, name)


def _can_hold_prefetches(objects):
    """Whether `objects` take prefetched caches: values_list() rows and
    other plain values do not, and are left alone (as Django does)."""
    for obj in objects:
        if not hasattr(obj, "_prefetched_objects_cache"):
            try:
                obj._prefetched_objects_cache = {}
            except (AttributeError, TypeError):
                return False
    return True


def _prefetch_field(instance, name, lookup):
    """The relation `name` of `instance`'s model (a field or a reverse
    relation by accessor), None for another attribute, AttributeError (as
    Django words it) for a name the instance lacks."""
    opts = instance._meta
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        field = next((rel for rel in opts.related_objects
                      if rel.get_accessor_name() == name), None)
    if field is not None and (getattr(field, "is_relation", False) or getattr(
            field, "_prefetch_instances", None) is not None):
        return field
    if not hasattr(instance, name):
        raise AttributeError(
            "Cannot find '%s' on %s object, '%s' is an invalid parameter to "
            "prefetch_related()" % (name, type(instance).__name__,
                                    lookup.prefetch_through))
    return None


def _prefetch_is_fetched(instance, field, name, to_attr):
    """Whether prefetching `name` into `to_attr` has nothing left to fetch
    on `instance` (select_related() filled it, or an earlier prefetch)."""
    if to_attr != name:
        if isinstance(getattr(type(instance), to_attr, None), cached_property):
            return to_attr in instance.__dict__
        return hasattr(instance, to_attr)
    if name in instance.__dict__.get("_prefetched_objects_cache", {}):
        return True
    if field.many_to_many or field.one_to_many:
        return False
    cache_name = field.get_cache_name() if not getattr(field, "concrete", True) \
        else field.name
    return cache_name in instance._state.fields_cache


def _prefetch_traverse(instances, name):
    """The objects under `name` of each instance (a cached relation, or an
    attribute), without the missing ones."""
    found = []
    for obj in instances:
        cache = obj.__dict__.get("_prefetched_objects_cache", {})
        if name in cache:
            value = list(cache[name])
        else:
            try:
                value = getattr(obj, name)
            except ObjectDoesNotExist:
                continue
        if value is None:
            continue
        if isinstance(value, list):
            found.extend(value)
        else:
            found.append(value)
    return found


def _prefetch_many_to_many(m2m, field, queryset, src, dst, pks):
    """Fetch the objects linked to `pks` over a many-to-many relation.

    Return ({source pk: [objects]}, [every object fetched]).  One query joining
    the link table, as Django does (each row an object, tagged with its
    source's key).  The way back to the source is the reverse relation, or
    for a symmetrical self-relation the field itself (its links are stored
    both ways).  With a hidden way back (related_name "+"): the links, then
    the objects (one query more than Django).
    """
    symmetrical = field is m2m and m2m.remote_field.symmetrical and (
        m2m.related_model is m2m.model)
    if field is not m2m or symmetrical or not m2m.remote_field.hidden:
        back = m2m.name if field is not m2m or symmetrical else (
            m2m.related_query_name())
        src_field = m2m.remote_field.through._meta.get_field(src)
        key = "_prefetch_related_val_%s" % src_field.attname
        target = getattr(src_field, "target_field", None)  # None: a ForeignObject
        if target is not None and not target.primary_key:
            back = "%s__%s" % (back, target.name)  # a to_field: the links hold it
        linked = queryset.annotate(**{key: F(back)})
        # The condition shares the annotation's join group (a filter() would
        # join the multi-valued relation again).
        linked._query.where.append((Q(**{"%s__in" % back: pks}),
                                    linked._query.annotation_groups.get(key)))
        rows = list(linked)
        by_source = {}
        for row in rows:
            by_source.setdefault(getattr(row, key), []).append(row)
        return by_source, rows
    through = m2m.remote_field.through
    pairs = list(through._base_manager.filter(**{"%s__in" % src: pks}).values_list(
        through._meta.get_field(src).attname, through._meta.get_field(dst).attname))
    targets = {r.pk: r for r in queryset.filter(pk__in={p[1] for p in pairs})} \
        if pairs else {}
    by_source = {}
    for s, t in pairs:
        if t in targets:
            by_source.setdefault(s, []).append(targets[t])
    return by_source, list(targets.values())


def _prefetch_one_level(instances, name, lookup):
    """Prefetch relation `name` on `instances`; return the related objects."""
    instances = [o for o in instances if o is not None]
    if not instances:
        return []
    model = type(instances[0])
    field = _prefetch_field(instances[0], name, lookup or Prefetch(name))
    prefetcher = getattr(field, "_prefetch_instances", None)
    if prefetcher is not None:  # generic relations fetch themselves
        return prefetcher(instances, lookup)
    queryset = lookup.queryset if lookup is not None else None
    to_attr = lookup.to_attr if lookup is not None else None
    if to_attr:
        try:
            model._meta.get_field(to_attr)
        except FieldDoesNotExist:
            pass
        else:
            raise ValueError("to_attr=%s conflicts with a field on the %s model."
                             % (to_attr, model.__name__))
    single = not (field.many_to_many or field.one_to_many)
    if single and queryset is not None and not queryset._query.is_sliced:
        # One object per instance: the order is of no use (Django drops it).
        queryset = queryset.order_by()
    # The instances' database, unless the queryset names one (Django's
    # related managers read from where their instance came from).
    db = instances[0]._state.db
    if queryset is not None:
        queryset = queryset.using(queryset._db or db)
    bounds = None
    if not single and queryset is not None and queryset._query.is_sliced:
        # Prefetch(queryset=qs[a:b]) limits each instance's objects: fetched
        # whole, sliced per instance (Django numbers them in SQL).
        queryset, bounds = queryset._chain(), slice(queryset._query.low_mark,
                                                    queryset._query.high_mark)
        queryset._query.low_mark, queryset._query.high_mark = 0, None
    if getattr(field, "from_fields", None) is not None and field.is_relation:
        return _prefetch_foreign_object(instances, field, queryset, db, to_attr)
    if getattr(field, "concrete", False) and not field.many_to_many:
        # Forward FK / one-to-one: fetch the targets by key.
        target = field.target_field
        keys = {getattr(o, field.attname) for o in instances} - {None}
        qs = queryset if queryset is not None else (
            field.related_model._base_manager.db_manager(db).order_by())
        found = {getattr(r, target.attname): r for r in qs.filter(
            **{"%s__in" % target.name: keys})} if keys else {}
        for o in instances:
            value = found.get(getattr(o, field.attname))
            if to_attr:
                setattr(o, to_attr, value)
            else:
                o._state.fields_cache[field.name] = value
            if field.one_to_one and value is not None:
                # As Django: the related object knows its way back.
                value._state.fields_cache[field.remote_field.get_cache_name()] = o
        return list(found.values())
    if field.many_to_many:
        if isinstance(field, djscratch.db.models.related.ManyToManyField):
            m2m, rel_model = field, field.related_model
            src, dst = field.m2m_field_name(), field.m2m_reverse_field_name()
            accessor = field.name
        else:
            m2m, rel_model = field.field, field.related_model
            src, dst = m2m.m2m_reverse_field_name(), m2m.m2m_field_name()
            accessor = field.get_accessor_name()
        qs = queryset if queryset is not None else \
            rel_model._default_manager.db_manager(db).all()
        # The value each instance's links hold: its key, or a to_field's.
        source_key = m2m.remote_field.through._meta.get_field(src)
        # A ForeignObject link (several columns): its instances by their key.
        source_attname = source_key.target_field.attname if getattr(
            source_key, "from_fields", None) is None else "pk"
        by_source, fetched = _prefetch_many_to_many(
            m2m, field, qs, src, dst, [getattr(o, source_attname) for o in instances])
        for o in instances:
            objs = by_source.get(getattr(o, source_attname), [])
            if bounds is not None:
                objs = objs[bounds]
            if to_attr:
                setattr(o, to_attr, objs)
            else:
                manager = getattr(o, accessor)
                # With a Prefetch queryset, all() again re-runs it (filtered).
                cache = manager._apply_rel_filters(queryset._chain()) \
                    if queryset is not None else manager.get_queryset()
                cache._result_cache = objs
                cache._prefetch_done = True
                o.__dict__.setdefault("_prefetched_objects_cache", {})[
                    manager.prefetch_cache_name] = cache
        return fetched
    # Reverse FK (or reverse one-to-one).
    remote = field.field
    qs = queryset if queryset is not None else (
        field.related_model._default_manager.db_manager(db).all())
    if field.one_to_one and queryset is None:
        qs = qs.order_by()
    instance_key, row_key = _relation_keys(remote)
    keys = [instance_key(o) for o in instances]
    by_key = dict(zip(keys, instances))
    rows = list(qs.filter(**{"%s__in" % remote.name: instances if getattr(
        remote, "from_fields", None) is not None else keys}))
    grouped = {}
    for r in rows:
        key = row_key(r)
        grouped.setdefault(key, []).append(r)
        if key in by_key:
            r._state.fields_cache[remote.name] = by_key[key]
    for o in instances:
        objs = grouped.get(instance_key(o), [])
        if bounds is not None:
            objs = objs[bounds]
        if field.one_to_one:
            if to_attr:
                setattr(o, to_attr, objs[0] if objs else None)
            else:
                o._state.fields_cache[field.get_cache_name()] = \
                    objs[0] if objs else None
            continue
        if to_attr:
            setattr(o, to_attr, objs)
        else:
            manager = getattr(o, field.get_accessor_name())
            cache = manager._apply_rel_filters(queryset._chain()) \
                if queryset is not None else manager.get_queryset()
            cache._result_cache = objs
            cache._prefetch_done = True
            o.__dict__.setdefault("_prefetched_objects_cache", {})[
                remote.remote_field.get_cache_name()] = cache
    return rows


def _relation_keys(remote):
    """(key of a target instance, key of a row pointing at it) for the
    reverse side of `remote`: a ForeignKey's one value, a ForeignObject's
    tuple of its columns' values."""
    if getattr(remote, "from_fields", None) is not None:
        pairs = remote._pairs()
        return (lambda o: tuple(getattr(o, t.attname) for _f, t in pairs),
                lambda r: tuple(getattr(r, f.attname) for f, _t in pairs))
    target, attname = remote.target_field.attname, remote.attname
    return (lambda o: getattr(o, target), lambda r: getattr(r, attname))


def _prefetch_foreign_object(instances, field, queryset, db, to_attr):
    """Prefetch a ForeignObject: the targets whose to_fields match the
    instances' from_fields, one query."""
    pairs = field._pairs()
    keys = {tuple(getattr(o, f.attname) for f, _t in pairs) for o in instances}
    keys = [k for k in keys if None not in k]
    qs = queryset if queryset is not None else (
        field.related_model._base_manager.db_manager(db).order_by())
    found = {}
    if keys:
        targets = [F(t.attname) for _f, t in pairs]
        lookup = TupleIn(targets, keys) if len(pairs) > 1 else \
            Q(**{"%s__in" % pairs[0][1].attname: [k[0] for k in keys]})
        found = {tuple(getattr(r, t.attname) for _f, t in pairs): r
                 for r in qs.filter(lookup)}
    for o in instances:
        value = found.get(tuple(getattr(o, f.attname) for f, _t in pairs))
        if to_attr:
            setattr(o, to_attr, value)
        else:
            o._state.fields_cache[field.name] = value
    return list(found.values())
