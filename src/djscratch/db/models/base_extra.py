"""Model's methods a plain page's first response never runs (saving,
deleting, validating, refreshing, its checks): the single file keeps them in
a section, and Model defines them on first use (_methods_on_first_use() in
djscratch/sections.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.checks.model_checks, db.models.aggregates,
# db.models.deletion, db.models.expressions, db.models.query.
import warnings

import djscratch

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.core.signals import post_save, pre_save
from djscratch.core.exceptions import (
    FieldDoesNotExist, NON_FIELD_ERRORS, ValidationError,
)
from djscratch.db.utils import connections, DatabaseError
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.transaction import atomic
from djscratch.db.models.fields import _capfirst
from djscratch.db.models.constraints import UniqueConstraint
from djscratch.db.models.base import (
    _db_for_write, _get_text_list, _has_expression, _insert_plan,
    _insert_sql_with_expressions, _new_pk, _pk_where, _refuse_model_instances,
    _related_instances_as_keys, _returning_sql, _save_new_plain, _set_returned,
    DEFERRED, ModelBase, ModelState,
)


class _ModelMore:
    """Model's methods defined on first use (never instantiated)."""

    def _fast_init(self, opts, kwargs):
        """The general __init__ above for keyword arguments that are all plain
        column names (relations given as objects go the general way, through
        their descriptors): the defaults in one dict update. Return False,
        having set nothing, when it does not apply. tests/test_fast_paths.py
        compares the two."""
        defaults, callables = opts._init_fast
        if not kwargs.keys() <= defaults.keys():
            return False
        for value in kwargs.values():
            if value is DEFERRED:  # left unset: the general way
                return False
        d = self.__dict__
        d.update(defaults)
        for attname, field in callables:
            if attname not in kwargs:
                d[attname] = field.get_default()
        d.update(kwargs)
        d["_state"] = ModelState()
        return True

    @classmethod
    def check(cls, **kwargs):
        """The model's system checks (its fields', its managers', its Meta's):
        what `check` reports for it."""
        return djscratch.core.checks.model_checks._model_checks(cls, **kwargs)

    def _is_pk_set(self, meta=None):
        """Whether the primary key has a value (every field of a composite one)."""
        pk = self._get_pk_val(meta)
        return not (pk is None or (pk.__class__ is tuple and None in pk))

    def get_deferred_fields(self):
        """Return the names of fields not loaded from the database."""
        return {f.attname for f in self._meta.concrete_fields
                if f.attname not in self.__dict__}

    def serializable_value(self, field_name):
        try:
            field = self._meta.get_field(field_name)
        except FieldDoesNotExist:
            return getattr(self, field_name)
        return getattr(self, field.attname)

    def _next_order_value(self, cls, using):
        """The `_order` of a new row: one more than the highest among the rows
        sharing its order_with_respect_to value, 0 for the first."""
        filter_args = cls._meta.order_with_respect_to \
            .get_filter_kwargs_for_object(self)
        highest = cls._base_manager.using(using).filter(**filter_args).aggregate(
            highest=djscratch.db.models.aggregates.Max("_order"))["highest"]
        return 0 if highest is None else highest + 1

    # -- loading

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        """Reload field values from the database, as Django does: the loaded
        fields (deferred ones stay deferred), or `fields` (names, attnames or
        prefetched relations); cached related objects are dropped, or taken
        from `from_queryset` when it selected them."""
        opts = self._meta
        if fields is None:
            self._prefetched_objects_cache = {}
        else:
            fields = set(fields)
            prefetched = self.__dict__.get("_prefetched_objects_cache", ())
            for name in fields & set(prefetched):
                del prefetched[name]
                fields.remove(name)
            if not fields:
                return
            if any("__" in f for f in fields):
                raise ValueError('Found "__" in fields argument. Relations and '
                                 "transforms are not allowed in fields.")
        if from_queryset is None:
            from_queryset = type(self)._base_manager.db_manager(
                using, hints={"instance": self}).all()
        elif using is not None:
            from_queryset = from_queryset.using(using)
        qs = from_queryset.filter(pk=self.pk)
        deferred = self.get_deferred_fields()
        if fields is not None:
            qs = qs.only(*fields)
        elif deferred:
            qs = qs.only(*{f.attname for f in opts.concrete_fields
                           if f.attname not in deferred})
        db_instance = qs.get()
        self._refresh_loaded(db_instance, fields)

    def _refresh_loaded(self, db_instance, fields):
        """Copy what db_instance loaded; drop (or take over) cached relations."""
        opts = self._meta
        not_loaded = db_instance.get_deferred_fields()
        cache, db_cache = self._state.fields_cache, db_instance._state.fields_cache
        for field in opts.concrete_fields:
            if field.attname in not_loaded:
                continue
            self.__dict__[field.attname] = db_instance.__dict__[field.attname]
            if field.is_relation:
                if field.name in db_cache:
                    cache[field.name] = db_cache[field.name]
                else:
                    cache.pop(field.name, None)
        for rel in opts.related_objects:
            if fields is None or rel.name in fields:
                cache.pop(rel.get_cache_name(), None)
        for field in opts.private_fields:
            if (fields is None or field.name in fields) and field.is_relation:
                cache.pop(field.name, None)
        self._state.db = db_instance._state.db

    # -- saving

    def _prepare_related_fields_for_save(self, operation_name, fields=None):
        if self._meta.private_fields:
            self._check_unsaved_generic_objects(operation_name, fields)
        relations = self._meta._relation_fields
        if not relations:
            return
        cache = self._state.fields_cache
        for field in relations:
            if fields is not None and field not in fields:
                continue
            if field.name in cache:
                obj = self._state.fields_cache[field.name]
                if obj is None:
                    continue
                if obj.pk is None:
                    if not field.remote_field.multiple:
                        field.remote_field.delete_cached_value(obj)
                    raise ValueError(
                        "%s() prohibited to prevent data loss due to unsaved related "
                        "object '%s'." % (operation_name, field.name))
                if getattr(self, field.attname) in field.empty_values:
                    setattr(self, field.name, obj)
                elif getattr(obj, field.target_field.attname) != getattr(
                        self, field.attname):
                    self._state.fields_cache.pop(field.name, None)

    def _check_unsaved_generic_objects(self, operation_name, fields):
        """A GenericForeignKey set to an unsaved object refuses the save (its
        object id would be lost), as Django's."""
        cache = self._state.fields_cache
        for field in self._meta.private_fields:
            if fields is not None and field not in fields:
                continue
            if getattr(field, "many_to_one", False) and field.name in cache:
                obj = cache[field.name]
                if obj is not None and obj.pk is None:
                    raise ValueError(
                        "%s() prohibited to prevent data loss due to unsaved "
                        "related object '%s'." % (operation_name, field.name))

    def _parse_save_params(self, *args, method_name, **kwargs):
        """Positional save()/asave() arguments, deprecated in Django 5.1:
        warn, then read them as Django does (same TypeErrors)."""
        warnings.warn("Passing positional arguments to %s() is deprecated"
                      % method_name, RemovedInDjango60Warning, stacklevel=3)
        total, most = len(args) + 1, len(kwargs) + 1
        if total > most:
            raise TypeError("Model.%s() takes from 1 to %d positional arguments but "
                            "%d were given" % (method_name, most, total))
        defaults = {"force_insert": False, "force_update": False, "using": None,
                    "update_fields": None}
        values = []
        for index, (name, value) in enumerate(kwargs.items()):
            if index < len(args):
                if value is not defaults[name]:
                    raise TypeError("Model.%s() got multiple values for argument "
                                    "'%s'" % (method_name, name))
                value = args[index]
            values.append(value)
        return values

    def save(self, *args, force_insert=False, force_update=False, using=None,
             update_fields=None):
        """Save the instance: UPDATE when it has a primary key, else INSERT."""
        if args:
            force_insert, force_update, using, update_fields = \
                self._parse_save_params(
                    *args, method_name="save", force_insert=force_insert,
                    force_update=force_update, using=using,
                    update_fields=update_fields)
        self._prepare_related_fields_for_save("save")
        if force_insert and (force_update or update_fields):
            raise ValueError("Cannot force both insert and updating in model saving.")
        opts = self._meta
        if update_fields is not None:
            if not update_fields:
                return
            update_fields = frozenset(update_fields)
            missing = update_fields - opts._non_pk_concrete_field_names
            if missing:
                raise ValueError(
                    "The following fields do not exist in this model, are m2m fields, "
                    "primary keys, or are non-concrete fields: %s"
                    % ", ".join(missing))
        elif not force_insert:
            update_fields = self._loaded_fields(using)
            if update_fields is None and force_insert is False and not force_update \
                    and using is None and _save_new_plain(self):
                return
        self.save_base(using=using, force_insert=force_insert,
                       force_update=force_update, update_fields=update_fields)
    save.alters_data = True

    def _loaded_fields(self, using):
        """A deferred instance saved to its own database writes only the
        fields it loaded (None: it is not deferred), as Django's save(): an
        update_fields save."""
        opts = self._meta
        d = self.__dict__
        if d.keys() >= opts._attname_set:  # the usual case: nothing deferred
            return None
        deferred = {f.attname for f in opts.concrete_fields
                    if f.attname not in d and not f.generated}
        if not deferred or (using or _db_for_write(self)) != self._state.db:
            return None
        return (opts._non_pk_concrete_attnames - deferred) or None

    def save_base(self, raw=False, force_insert=False, force_update=False,
                  using=None, update_fields=None):
        """Send pre_save, write the row, send post_save."""
        cls = origin = type(self)
        if cls._meta.proxy:
            cls = cls._meta.concrete_model
        using = using or _db_for_write(self)
        if pre_save._may_send_to(origin):
            pre_save.send(sender=origin, instance=self, raw=raw, using=using,
                          update_fields=update_fields)
        if not raw:
            force_insert = self._validate_force_insert(force_insert)
        try:
            if cls._meta.parents and not raw:  # raw (fixtures): this table only
                with atomic(using=using, savepoint=False):
                    inserted = self._save_parents(cls, using, update_fields,
                                                  force_insert)
                    updated = self._save_table(raw, cls, force_insert or inserted,
                                               force_update, using, update_fields)
            else:
                updated = self._save_table(raw, cls, force_insert, force_update,
                                           using, update_fields)
        except Exception as exc:
            # Django's mark_for_rollback_on_error(), inlined (saves are hot):
            # after a failed write the atomic block refuses further queries.
            db = connections[using]
            if db.in_atomic_block:
                db.needs_rollback = True
                db.rollback_exc = exc
            raise
        state = self.__dict__.get("_state")
        if state is None:
            state = self._state
        state.db = using
        state.adding = False
        if post_save._may_send_to(origin):
            post_save.send(sender=origin, instance=self, created=not updated,
                           update_fields=update_fields, raw=raw, using=using)
    save_base.alters_data = True

    @classmethod
    def _validate_force_insert(cls, force_insert):
        """force_insert as a tuple of the models whose rows to insert (True:
        this model's), with Django's TypeErrors."""
        if force_insert is False:
            return ()
        if force_insert is True:
            return (cls,)
        if not isinstance(force_insert, tuple):
            raise TypeError("force_insert must be a bool or tuple.")
        for member in force_insert:
            if not isinstance(member, ModelBase):
                raise TypeError("Invalid force_insert member. %r must be a model "
                                "subclass." % (member,))
            if not issubclass(cls, member):
                raise TypeError("Invalid force_insert member. %s must be a base of "
                                "%s." % (member.__qualname__, cls.__qualname__))
        return force_insert

    def _save_parents(self, cls, using, update_fields, force_insert, saved=None):
        """Save the parents' tables of a multi-table child, farthest first,
        each once (a diamond's common parent too); return whether a parent
        row was inserted (then the child's is too).  A parent that is a
        subclass of a model in force_insert (a tuple) is inserted without
        trying an UPDATE first."""
        saved = {} if saved is None else saved
        inserted = False
        for parent, link in cls._meta.parents.items():
            if parent in saved:
                inserted = inserted or saved[parent]
                self.__dict__[link.attname] = getattr(self, parent._meta.pk.attname)
                continue
            parent_pk = parent._meta.pk.attname
            if getattr(self, parent_pk) is None and getattr(self, link.attname) \
                    is not None:
                setattr(self, parent_pk, getattr(self, link.attname))
            parent_inserted = self._save_parents(parent, using, update_fields,
                                                 force_insert, saved)
            # As Django 5: force_insert=True means the child's own row only;
            # force_insert=(Parent,) inserts Parent's (and its parents') too.
            updated = self._save_table(
                False, parent, parent_inserted or issubclass(parent, force_insert),
                False, using, update_fields)
            if not updated:
                inserted = True
            saved[parent] = not updated
            self.__dict__[link.attname] = getattr(self, parent_pk)
            self._state.fields_cache.pop(link.name, None)
        return inserted

    def _save_table(self, raw, cls, force_insert, force_update, using, update_fields):
        meta = cls._meta
        pk = meta.pk
        d = self.__dict__
        composite = meta.is_composite_pk
        if composite:
            pk_val = self.pk
            pk_set = None not in pk_val
        else:
            pk_val = d.get(pk.attname)
            if pk_val is None and not meta._pk_default_none:
                pk_val = pk.get_default()
                if pk_val is not None:
                    d[pk.attname] = pk_val
            pk_set = pk_val is not None
        if not pk_set and (force_update or update_fields):
            raise ValueError("Cannot force an update in save() with no primary key.")
        updated = False
        state = d.get("_state")
        adding = state.adding if state is not None else False
        # As Django: no UPDATE attempt for a new instance whose key has a
        # default (or a database default), unless an update is forced.
        if not raw and not force_insert and not force_update and adding and \
                meta._pk_has_defaults:
            force_insert = True
        db = connections[using]
        if pk_set and not force_insert:
            pk_fields = meta.pk_fields
            fields = [f for f in meta.local_concrete_fields
                      if not f.primary_key and f not in pk_fields and not f.generated]
            if update_fields is not None:
                fields = [f for f in fields
                          if f.name in update_fields or f.attname in update_fields]
            # raw (fixtures, deserialized objects): the values as given, no
            # auto_now and the like.
            values = [getattr(self, f.attname) if raw else f.pre_save(self, False)
                      for f in fields]
            select_on_save = self._meta.select_on_save and not (
                update_fields or force_update)
            if not fields:
                # Nothing of this table to write (update_fields naming another
                # table's fields, or a model of only a key): as Django.
                updated = update_fields is not None or cls._base_manager.using(
                    using).filter(pk=pk_val).exists()
            elif select_on_save or cls._base_manager._queryset_class is not \
                    djscratch.db.models.query.QuerySet:
                # Through the base manager's queryset (a custom one's _update()
                # decides), as Django's _do_update.
                filtered = cls._base_manager.using(using).filter(pk=pk_val)
                values = [(f, None, v) for f, v in zip(fields, values)]
                if select_on_save:
                    updated = filtered.exists() and (
                        filtered._update(values) > 0 or filtered.exists())
                else:
                    updated = filtered._update(values) > 0
            elif _has_expression(values):  # votes = F("votes") + 1
                updated = cls._base_manager.using(using).filter(pk=pk_val)._update(
                    [(f, None, v) for f, v in zip(fields, values)]) > 0
            else:
                try:
                    values = [f.get_db_prep_save(v, db)
                              for f, v in zip(fields, values)]
                except Exception:
                    _refuse_model_instances(fields, values)
                    keys = _related_instances_as_keys(fields, values)
                    if keys is None:
                        raise
                    values = [f.get_db_prep_save(v, db)
                              for f, v in zip(fields, keys)]
                sql = "UPDATE %s SET %s WHERE %s = %s" % (
                    quote_name(meta.db_table),
                    ", ".join("%s = ?" % quote_name(f.column) for f in fields),
                    *_pk_where(meta))
                if composite:
                    values.extend(pk.get_db_prep_value(pk_val, db))
                else:
                    values.append(pk.get_db_prep_value(pk_val, db))
                updated = db._execute(sql, values).rowcount > 0
            if force_update and not updated:
                raise DatabaseError("Forced update did not affect any rows.")
            if update_fields is not None and not updated:
                raise DatabaseError("Save with update_fields did not affect any rows.")
        if not updated:
            if meta.order_with_respect_to:
                d["_order"] = self._next_order_value(cls, using)
            if composite:
                pk_set = True  # every column is written; a None is refused by SQLite
            sql, fields, plan = _insert_plan(meta, pk_set)
            values = [d[attname] if plain else getattr(self, attname) if raw
                      else f.pre_save(self, True)
                      for f, attname, plain, _prep in plan]
            if _has_expression(values):
                sql, values = _insert_sql_with_expressions(cls, plan, values)
            else:
                values = [p[3](v) for p, v in zip(plan, values)]
                if meta._returning_fields:
                    sql += _returning_sql(meta)
            cursor = db._execute(sql, values)
            if not pk_set:
                d[pk.attname] = _new_pk(meta, cursor.lastrowid)
            if meta._returning_fields:
                _set_returned(self, meta._returning_fields, cursor.fetchone())
        return updated

    # The async API: each a<method> is <method> through sync_to_async.
    async def asave(self, *args, force_insert=False, force_update=False,
                    using=None, update_fields=None):
        """See save(); awaitable."""
        if args:
            force_insert, force_update, using, update_fields = \
                self._parse_save_params(
                    *args, method_name="asave", force_insert=force_insert,
                    force_update=force_update, using=using,
                    update_fields=update_fields)
        return await _asgiref_sync().sync_to_async(self.save)(
            force_insert=force_insert, force_update=force_update, using=using,
            update_fields=update_fields)
    asave.alters_data = True

    def delete(self, using=None, keep_parents=False):
        """Delete the row and whatever cascades; return Django's counts tuple."""
        if not self._is_pk_set():
            raise ValueError("%s object can't be deleted because its %s attribute is "
                             "set to None." % (self._meta.object_name,
                                               self._meta.pk.attname))
        collector = djscratch.db.models.deletion.Collector(
            using=using or _db_for_write(self), origin=self)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()
    delete.alters_data = True

    # -- validation

    def clean(self):
        """Hook for model-wide validation; raise ValidationError."""

    def clean_fields(self, exclude=None):
        """Clean every field not in `exclude`; raise all errors as a dict."""
        exclude = set(exclude or ())
        errors = {}
        for f in self._meta.fields:
            if f.name in exclude or f.generated:
                continue
            raw_value = getattr(self, f.attname)
            if f.blank and raw_value in f.empty_values:
                continue
            if isinstance(raw_value, djscratch.db.models.expressions.DatabaseDefault):
                continue  # the database fills it in
            try:
                setattr(self, f.attname, f.clean(raw_value, self))
            except ValidationError as e:
                errors[f.name] = e.error_list
        if errors:
            raise ValidationError(errors)

    def _get_unique_checks(self, exclude=None, include_meta_constraints=False):
        """(model, field names) per uniqueness to check; the unconditional
        UniqueConstraints on fields too when include_meta_constraints (else
        validate_constraints() checks them).  `exclude` is any container of
        field names, tested with `in` as Django does."""
        exclude = set() if exclude is None else exclude
        checks = []
        # This model's, then each concrete parent's (checked on its table).
        owners = [type(self), *self._meta.get_parent_list()]
        for model_class in owners:
            for together in model_class._meta.unique_together:
                if not any(name in exclude for name in together):
                    checks.append((model_class, tuple(together)))
        for model_class in owners if include_meta_constraints else ():
            for constraint in model_class._meta.constraints:
                if isinstance(constraint, UniqueConstraint) and constraint.fields \
                        and constraint.condition is None and not any(
                            name in exclude for name in constraint.fields):
                    checks.append((model_class, constraint.fields))
        date_checks = []
        for model_class in owners:
            for f in model_class._meta.local_fields:
                self._field_unique_checks(model_class, f, exclude, checks,
                                          date_checks)
        return checks, date_checks

    @staticmethod
    def _field_unique_checks(model_class, f, exclude, checks, date_checks):
        """Add the unique and unique_for_* checks one field asks for."""
        if getattr(f, "is_composite", False):  # checked as its fields together
            names = tuple(field.name for field in f.fields)
            if f.name not in exclude and not any(n in exclude for n in names):
                checks.append((model_class, names))
            return
        if f.name in exclude:
            return
        if f.unique:
            checks.append((model_class, (f.name,)))
        for kind in ("date", "year", "month"):
            unique_for = getattr(f, "unique_for_" + kind)
            if unique_for and unique_for not in exclude:
                date_checks.append((model_class, kind, f.name, unique_for))

    def _perform_date_checks(self, date_checks):
        """{field: [error]} for unique_for_date/_month/_year violations."""
        errors = {}
        for model_class, lookup_type, field, unique_for in date_checks:
            date = getattr(self, unique_for)
            if date is None:
                continue
            if lookup_type == "date":
                lookup = {"%s__day" % unique_for: date.day,
                          "%s__month" % unique_for: date.month,
                          "%s__year" % unique_for: date.year}
            else:
                lookup = {"%s__%s" % (unique_for, lookup_type):
                          getattr(date, lookup_type)}
            lookup[field] = getattr(self, field)
            qs = model_class._default_manager.filter(**lookup)
            if not self._state.adding and self._is_pk_set():
                qs = qs.exclude(pk=self.pk)
            if qs.exists():
                errors.setdefault(field, []).append(
                    self.date_error_message(lookup_type, field, unique_for))
        return errors

    def date_error_message(self, lookup_type, field_name, unique_for):
        opts = self._meta
        field = opts.get_field(field_name)
        return ValidationError(
            message=field.error_messages["unique_for_date"], code="unique_for_date",
            params={"model": self, "model_name": _capfirst(opts.verbose_name),
                    "lookup_type": lookup_type, "field": field_name,
                    "field_label": _capfirst(field.verbose_name),
                    "date_field": unique_for, "date_field_label": _capfirst(
                        opts.get_field(unique_for).verbose_name)})

    def validate_unique(self, exclude=None):
        """Check unique fields and unique_together against the database."""
        unique_checks, date_checks = self._get_unique_checks(exclude)
        errors = self._perform_date_checks(date_checks)
        for model, names in unique_checks:
            lookup = {}
            for name in names:
                f = self._meta.get_field(name)
                value = getattr(self, f.attname)
                if value is None:  # "" is a value on SQLite, as in Django
                    break
                if (f.primary_key or f in model._meta.pk_fields) and \
                        not self._state.adding:
                    break  # an edited object keeps its key: no check needed
                lookup[name] = value
            else:
                qs = model._default_manager.filter(**lookup)
                if not self._state.adding and self._is_pk_set():
                    qs = qs.exclude(pk=self.pk)
                if qs.exists():
                    key = names[0] if len(names) == 1 else NON_FIELD_ERRORS
                    errors.setdefault(key, []).append(
                        self.unique_error_message(model, names))
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        opts = model_class._meta
        params = {"model": self, "model_class": model_class,
                  "model_name": _capfirst(opts.verbose_name),
                  "unique_check": unique_check}
        if len(unique_check) == 1:
            field = opts.get_field(unique_check[0])
            params["field_label"] = _capfirst(field.verbose_name)
            return ValidationError(field.error_messages["unique"], code="unique",
                                   params=params)
        labels = [_capfirst(opts.get_field(f).verbose_name) for f in unique_check]
        params["field_labels"] = _get_text_list(labels, "and")
        return ValidationError(
            "%(model_name)s with this %(field_labels)s already exists.",
            code="unique_together", params=params)

    def get_constraints(self):
        """[(model, its Meta.constraints)]: this model's and each concrete
        parent's (a multi-table child is checked against its parents' too)."""
        constraints = [(type(self), self._meta.constraints)]
        for parent in self._meta.get_parent_list():
            if parent._meta.constraints:
                constraints.append((parent, parent._meta.constraints))
        return constraints

    def validate_constraints(self, exclude=None):
        errors = {}
        for model_class, constraint in [(model, c) for model, group in
                                        self.get_constraints() for c in group]:
            try:
                constraint.validate(model_class, self, exclude=exclude)
            except ValidationError as e:
                if getattr(e, "code", None) == "unique" and \
                        len(getattr(constraint, "fields", ())) == 1:
                    errors.setdefault(constraint.fields[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        """Run clean_fields, clean, validate_unique and validate_constraints."""
        errors = {}
        exclude = set(exclude or ())
        try:
            self.clean_fields(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        try:
            self.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        # Uniqueness, then constraints: each skips the fields already in error.
        for wanted, method in ((validate_unique, "validate_unique"),
                               (validate_constraints, "validate_constraints")):
            if wanted:
                exclude.update(name for name in errors if name != NON_FIELD_ERRORS)
                try:
                    getattr(self, method)(exclude=exclude)
                except ValidationError as e:
                    errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
