"""ModelBase, the metaclass, and Model (django/db/models/base.py).
The metaclass collects fields, inherits from abstract parents, adds the
automatic primary key, builds _meta and attaches managers.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.deletion, db.models.expressions,
# db.models.manager, db.models.related.
import functools
import warnings

import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.asgiref_fallback import _awaitable_method
from djscratch.utils.module_loading import _package, import_string
from djscratch.utils.encoding import force_str
from djscratch.core.signals import (
    class_prepared, post_init, post_save, pre_init, pre_save,
)
from djscratch.core.exceptions import (
    FieldDoesNotExist, FieldError, ImproperlyConfigured, MultipleObjectsReturned,
    ObjectDoesNotExist,
)
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.utils.version import _VERSION_STRING
from djscratch.db.utils import (
    _router, connections, DEFAULT_DB_ALIAS, DJANGO_VERSION_PICKLE_KEY,
)
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import _pk_row_sql, AutoField
from djscratch.db.models.fields_extra import OrderWrt
from djscratch.db.models.options import _pending_relations, Options

__all__ = [
    "Model", "DEFERRED",
]


class Deferred:
    """The mark of a field value not loaded: Model(*values) leaves a field
    given DEFERRED unset, to be loaded on first access (from_db() overrides
    pass it for the columns a query did not read)."""

    def __repr__(self):
        return "<Deferred field>"

    __str__ = __repr__


DEFERRED = Deferred()


_CALL_DEFAULT = object()
#: The __init__ plan's mark of a generated field: no default on the instance.
_NO_DEFAULT = object()


class ModelState:
    """Per-instance state: is it saved yet (`adding`), in which database."""

    __slots__ = ("adding", "db", "fields_cache")

    def __init__(self, adding=True, db=None):
        self.adding = adding
        self.db = db
        self.fields_cache = {}

    def __getstate__(self):
        # The related objects cached go along (a copy of the cache), as
        # Django's: a deep-copied instance (setUpTestData) keeps them.
        return {"adding": self.adding, "db": self.db,
                "fields_cache": dict(self.fields_cache)}

    def __setstate__(self, state):
        self.adding, self.db = state["adding"], state["db"]
        self.fields_cache = dict(state.get("fields_cache") or {})


class _LoadedModelState(ModelState):
    """The ModelState of an instance loaded from a database, made without
    an __init__ frame: its class is called with no argument and object's
    __init__ (all in C; object.__new__(ModelState), the other way round,
    goes through a wrapper that checks its argument), then the maker sets
    `adding`, `db` and `fields_cache` (the row builders, _StateDescriptor).
    It pickles and copies as ModelState does."""

    __slots__ = ()
    __init__ = object.__init__


class _StateDescriptor:
    """`instance._state`: created on first access for rows loaded from the DB.

    Model.from_db skips creating a ModelState per row (a measurable cost); a
    loaded instance gets one here when something first asks for it.
    """

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        state = _LoadedModelState()
        state.adding = False
        state.db = DEFAULT_DB_ALIAS
        state.fields_cache = {}
        instance.__dict__["_state"] = state
        return state


def _share_instance_keys(cls):
    """Write, once, on an instance made for it, each column's attname in
    field order and then _state: the names a row builder writes, in its
    order.  CPython (3.11+) gives a class's instances one shared table of
    attribute names, which grows only by a name written after all those
    already in it; an instance's dict that meets a name out of that order
    copies itself into a table of its own (an allocation, a rehash, a
    larger object).  Loaded rows then keep the shared table.  Nothing of
    the instance is visible (no __init__, no signal; a model with __del__
    is left alone)."""
    if getattr(cls, "__del__", None) is not None:
        return
    d = object.__new__(cls).__dict__
    for field in cls._meta.concrete_fields:
        if field.attname is not None:
            d[field.attname] = None
    d["_state"] = None


def _db_for_write(instance):
    """Where save() and delete() write without using=: the router's answer,
    which without routers is the database the instance came from."""
    if _router.routers:
        return _router.db_for_write(type(instance), instance=instance)
    state = instance.__dict__.get("_state")
    return (state.db if state is not None else None) or DEFAULT_DB_ALIAS


def _subclass_exception(name, bases, module, attached_to):
    return type(name, bases, {"__module__": module,
                              "__qualname__": "%s.%s" % (
                                  attached_to.__qualname__, name)})


def _has_contribute_to_class(value):
    return not isinstance(value, type) and hasattr(value, "contribute_to_class")


class ModelBase(type):
    """The model metaclass, in Django's steps: collect the declared fields,
    inherit fields from abstract parents, add the automatic primary key, build
    `_meta`, attach managers and the per-model exceptions, register the model.
    """

    def __new__(mcs, name, bases, attrs, **kwargs):
        parents = [b for b in bases if isinstance(b, ModelBase)]
        if not parents:
            return super().__new__(mcs, name, bases, attrs, **kwargs)
        module = attrs["__module__"]
        meta = attrs.pop("Meta", None)

        # 1. Split the body: fields and managers are contributed after _meta exists.
        contributable = {k: v for k, v in attrs.items() if _has_contribute_to_class(v)}
        plain = {k: v for k, v in attrs.items() if k not in contributable}
        cls = super().__new__(mcs, name, bases, plain, **kwargs)

        # 2. Meta: without one, the Meta of the first abstract model up the MRO
        #    (as Django's getattr(new_class, "Meta"): concrete models keep none).
        abstract = getattr(meta, "abstract", False)
        if meta is None:
            for klass in cls.__mro__[1:]:
                klass_meta = klass.__dict__.get("_meta")
                if klass_meta is not None and klass_meta.abstract:
                    meta = type("Meta", (klass_meta.meta,) if klass_meta.meta
                                else (), {"abstract": False})
                    break
        is_proxy = bool(getattr(meta, "proxy", False))
        concrete_parents = [p for p in parents
                            if hasattr(p, "_meta") and not p._meta.abstract]
        app_label = getattr(meta, "app_label", None)
        if app_label is None:
            # An abstract model has the label of its app too, if it has one.
            app_label = apps.app_label_for_module(module)
            if app_label is None and not abstract:
                raise RuntimeError(
                    "Model class %s.%s doesn't declare an explicit app_label and "
                    "isn't in an application in INSTALLED_APPS." % (module, name))
        Options(meta, app_label).contribute_to_class(cls, "_meta")
        opts = cls._meta
        if not abstract and concrete_parents:
            # As Django: ordering and get_latest_by follow a concrete parent's
            # Meta unless this model declares them.
            base_meta = concrete_parents[0]._meta
            if not hasattr(meta, "ordering"):
                opts.ordering = list(base_meta.ordering)
            if not hasattr(meta, "get_latest_by"):
                opts.get_latest_by = base_meta.get_latest_by
        if is_proxy and not abstract:
            _setup_proxy(cls, name, parents)

        # 3. Per-model exceptions.
        if not abstract:
            # A child's exceptions subclass its concrete parents', as Django's.
            cls.DoesNotExist = _subclass_exception(
                "DoesNotExist", tuple(p.DoesNotExist for p in concrete_parents) or (
                    ObjectDoesNotExist,), module, cls)
            cls.MultipleObjectsReturned = _subclass_exception(
                "MultipleObjectsReturned", tuple(
                    p.MultipleObjectsReturned for p in concrete_parents) or (
                    MultipleObjectsReturned,), module, cls)

        # 4. The declared fields and managers, then copies of abstract parents'.
        for attr_name, value in contributable.items():
            cls.add_to_class(attr_name, value)
        declared = {f.name for f in opts.local_fields + opts.local_many_to_many}
        field_names = set(declared)
        import copy

        # Django's walk of the MRO: an attribute of an earlier class (a mixin's,
        # a concrete parent's field) shadows an abstract parent's field.
        inherited = set()
        for base in cls.__mro__:
            bmeta = base.__dict__.get("_meta")
            if base not in parents or bmeta is None:
                inherited.update(base.__dict__)
                continue
            if not bmeta.abstract:
                for field in bmeta.local_fields + bmeta.local_many_to_many:
                    if field.name in field_names and not opts.proxy:
                        raise FieldError(
                            "Local field %r in class %r clashes with field of the "
                            "same name from base class %r." % (
                                field.name, name, base.__name__))
                    inherited.add(field.name)
                _inherit_private_fields(cls, bmeta, field_names, declared, inherited)
                continue
            for field in bmeta.local_fields + bmeta.local_many_to_many:
                if field.name in declared or field.name in cls.__dict__ or \
                        field.name in inherited:
                    continue  # (None in the body removes an inherited field)
                declared.add(field.name)
                cls.add_to_class(field.name, copy.deepcopy(field))
            _inherit_private_fields(cls, bmeta, field_names, declared, inherited)
            # (An abstract parent's managers are inherited through the MRO,
            # as Django's: Options.managers copies them for this model.)
            for index in bmeta.indexes:
                if index not in opts.indexes:
                    opts.indexes.append(copy.copy(index))

        if not opts.proxy:
            # One parent link per concrete parent; the first is the primary key.
            # (An abstract model has them too; its concrete children copy them.)
            _inherit_abstract_parent_links(cls, parents)
            for parent in dict.fromkeys(p._meta.concrete_model
                                        for p in concrete_parents):
                if parent not in opts.parents:
                    _setup_parent_link(cls, parent, field_names)

        if abstract:
            # As Django does: a child's `class Meta(Parent.Meta)` is not abstract.
            opts.abstract = True
            meta.abstract = False
            cls.Meta = meta
            return cls

        if opts.order_with_respect_to:
            _setup_order_with_respect_to(cls)

        # 5. The automatic primary key, from DEFAULT_AUTO_FIELD or the AppConfig.
        if opts.pk is None and not opts.proxy:
            auto = _auto_field_class(opts.app_label, opts.apps)
            cls.add_to_class("id", auto(verbose_name="ID", primary_key=True,
                                        auto_created=True))
        opts.auto_field = opts.pk if isinstance(opts.pk, AutoField) else None
        # Indexes and constraints of its own (children of an abstract model
        # share its Meta's objects), their "%(app_label)s_%(class)s" names filled.
        names = {"app_label": opts.app_label.lower(), "class": opts.model_name}
        opts.indexes = [_format_name(copy.deepcopy(index), names)
                        for index in opts.indexes]
        opts.constraints = [_format_name(copy.deepcopy(constraint), names)
                            for constraint in opts.constraints]
        for index in opts.indexes:
            if not index.name:
                index.set_name_with_model(cls)

        # 6. Managers: `objects` unless the model declares one.
        if not opts.managers:
            if any(f.name == "objects" for f in opts.fields):
                raise ValueError("Model %s must specify a custom Manager, because it "
                                 "has a field named 'objects'." % name)
            manager = djscratch.db.models.manager.Manager()
            manager.auto_created = True
            cls.add_to_class("objects", manager)
        cls._meta._expire_cache()
        mro = cls.__mro__
        cls._mixin_init = any("__init__" in vars(klass)
                              for klass in mro[mro.index(Model) + 1:-1])
        cls._prepare()
        _share_instance_keys(cls)
        opts.apps.register_model(opts.app_label, cls)
        _resolve_pending(cls)
        return cls

    def add_to_class(cls, name, value):
        if _has_contribute_to_class(value):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)

    def _prepare(cls):
        opts = cls._meta
        wrt = opts.order_with_respect_to
        if wrt:
            cls.get_next_in_order = functools.partialmethod(
                cls._get_next_or_previous_in_order, is_next=True)
            cls.get_previous_in_order = functools.partialmethod(
                cls._get_next_or_previous_in_order, is_next=False)
            # Ordered by a GenericForeignKey (no remote model): a
            # GenericRelation pointing here adds the accessors on its model.
            remote = getattr(wrt.remote_field, "model", None)
            if remote is not None:
                lazy_related_operation(make_foreign_order_accessors, cls, remote)
        if cls.__doc__ is None:
            cls.__doc__ = "%s(%s)" % (cls.__name__, ", ".join(
                f.name for f in opts.fields))
        class_prepared.send(sender=cls)

    @property
    def _base_manager(cls):
        return cls._meta.base_manager

    @property
    def _default_manager(cls):
        return cls._meta.default_manager


#: Contrib app labels whose AppConfig sets default_auto_field = AutoField:
#: their models (auth's m2m tables) are built as djscratch loads, before
#: settings exist or the app is installed.
_CONTRIB_AUTO_FIELD_LABELS = {"auth", "contenttypes"}


def _setup_order_with_respect_to(cls):
    """Meta.order_with_respect_to: resolve the field it names, order by the
    `_order` column and add that column unless the model declares it."""
    opts = cls._meta
    query = opts.order_with_respect_to
    opts._expire_cache()
    field = next((f for f in opts._forward_fields_map.values()
                  if f.name == query or f.attname == query), None)
    if field is None:
        raise FieldDoesNotExist("%s has no field named '%s'" % (
            opts.object_name, query))
    opts.order_with_respect_to = field
    opts.ordering = ["_order"]
    if not any(isinstance(f, OrderWrt) for f in opts.local_fields):
        cls.add_to_class("_order", OrderWrt())


def method_set_order(self, ordered_obj, id_list, using=None):
    """`question.set_answer_order([3, 1, 2])`: store that order of the
    related objects (Django's method of the same name)."""
    order_wrt = ordered_obj._meta.order_with_respect_to
    filter_args = order_wrt.get_forward_related_filter(self)
    ordered_obj.objects.db_manager(using).filter(**filter_args).bulk_update(
        [ordered_obj(pk=pk, _order=order) for order, pk in enumerate(id_list)],
        ["_order"])


def method_get_order(self, ordered_obj):
    """`question.get_answer_order()`: the related objects' pks, in order."""
    order_wrt = ordered_obj._meta.order_with_respect_to
    filter_args = order_wrt.get_forward_related_filter(self)
    pk_name = ordered_obj._meta.pk.name
    return ordered_obj.objects.filter(**filter_args).values_list(pk_name, flat=True)


def make_foreign_order_accessors(model, related_model):
    """Add get_<model>_order() and set_<model>_order() to `related_model`."""
    name = model.__name__.lower()
    setattr(related_model, "get_%s_order" % name,
            functools.partialmethod(method_get_order, model))
    setattr(related_model, "set_%s_order" % name,
            functools.partialmethod(method_set_order, model))


def _inherit_private_fields(cls, bmeta, field_names, declared, inherited):
    """Copy a parent's private fields (GenericForeignKey, and from an
    abstract parent GenericRelation too) onto cls, as Django does.  A
    GenericRelation of a concrete parent stays the parent's: its reverse side
    points there, and the descriptor is inherited as a class attribute."""
    import copy

    for field in bmeta.private_fields:
        if field.name in declared or field.name in cls.__dict__ or (
                bmeta.abstract and field.name in inherited):
            if field.name in field_names and not bmeta.abstract:
                raise FieldError(
                    "Local field %r in class %r clashes with field of the same "
                    "name from base class %r." % (
                        field.name, cls.__name__, bmeta.object_name))
            continue
        if not bmeta.abstract and getattr(field, "one_to_many", False):
            continue
        field = copy.deepcopy(field)
        if not bmeta.abstract:
            field.mti_inherited = True
        declared.add(field.name)
        cls.add_to_class(field.name, field)


def _inherit_abstract_parent_links(cls, parents):
    """An abstract parent's own parent links (an abstract model inheriting a
    concrete one) were copied into `cls` with its fields: they link `cls`."""
    opts = cls._meta
    for base in parents:
        bmeta = base.__dict__.get("_meta")
        if bmeta is None or not bmeta.abstract:
            continue
        for parent, link in bmeta.parents.items():
            copied = opts._forward_fields_map.get(link.name)
            if parent in opts.parents or copied not in opts.local_fields:
                continue
            opts.parents[parent] = copied
            if not opts.abstract:
                parent._meta._proxies.append(opts)
            if opts.pk is None:
                copied.primary_key = True
                opts.setup_pk(copied)


def _setup_parent_link(cls, parent, own):
    """Multi-table inheritance: link `cls` to its concrete parent with a
    one-to-one parent link (declared, or `<parent>_ptr`), as Django does; the
    link is the child's primary key unless it declares one.  `own`: the names
    the class body declares."""
    opts = cls._meta
    link = None
    for field in opts.local_fields:
        rel = getattr(field, "remote_field", None)
        if getattr(rel, "parent_link", False) and field.one_to_one:
            target = rel.model
            if target is parent or (isinstance(target, str) and target.rpartition(
                    ".")[2].lower() == parent._meta.model_name):
                link = field
    if link is None:
        attr_name = "%s_ptr" % parent._meta.model_name
        if attr_name in own:
            raise FieldError(
                "Auto-generated field '%s' in class %r for parent_link to base class "
                "%r clashes with declared field of the same name."
                % (attr_name, cls.__name__, parent.__name__))
        link = djscratch.db.models.related.OneToOneField(
            parent, on_delete=djscratch.db.models.deletion.CASCADE, name=attr_name,
            auto_created=True, parent_link=True)
        cls.add_to_class(attr_name, link)
    opts.parents[parent] = link
    if not opts.abstract:
        parent._meta._proxies.append(opts)
    if opts.pk is None:
        link.primary_key = True
        opts.setup_pk(link)
    opts._expire_cache()


def _setup_proxy(cls, name, parents):
    """Make `cls` a proxy of its one concrete parent, with Django's errors."""
    base = None
    for parent in [p for p in parents if hasattr(p, "_meta")]:
        if parent._meta.abstract:
            if parent._meta.fields:
                raise TypeError("Abstract base class containing model fields not "
                                "permitted for proxy model '%s'." % name)
            continue
        if base is None:
            base = parent
        elif parent._meta.concrete_model is not base._meta.concrete_model:
            raise TypeError("Proxy model '%s' has more than one non-abstract model "
                            "base class." % name)
    if base is None:
        raise TypeError("Proxy model '%s' has no non-abstract model base class."
                        % name)
    if base._meta.swapped:
        raise TypeError("%s cannot proxy the swapped model '%s'." % (
            name, base._meta.swapped))
    cls._meta.setup_proxy(base)


def _auto_field_class(app_label, registry=None):
    """The automatic primary key's class, as Django's _get_default_pk_class:
    the AppConfig's own default_auto_field, if its class sets one, else the
    setting as it is now (the config's cached default may be stale); Django's
    errors name where the value came from."""
    config = (registry or apps).app_configs.get(app_label)
    if config is not None and config._is_default_auto_field_overridden:
        path = config.default_auto_field
        config_class = type(config)
        source = "%s.%s.default_auto_field" % (config_class.__module__,
                                               config_class.__qualname__)
    elif app_label in _CONTRIB_AUTO_FIELD_LABELS:
        path, source = "django.db.models.AutoField", "DEFAULT_AUTO_FIELD"
    else:
        path, source = settings.DEFAULT_AUTO_FIELD, "DEFAULT_AUTO_FIELD"
    if not path:
        raise ImproperlyConfigured("%s must not be empty." % source)
    cls = None
    if path.startswith("django.db.models."):
        cls = getattr(_package(), path.rpartition(".")[2], None)
        if not isinstance(cls, type):
            cls = None
    if cls is None:
        try:
            cls = import_string(path)
        except ImportError as exc:
            raise ImproperlyConfigured(
                "%s refers to the module '%s' that could not be imported."
                % (source, path)) from exc
    if not (isinstance(cls, type) and issubclass(cls, AutoField)):
        raise ValueError("Primary key '%s' referred by %s must subclass AutoField."
                         % (path, source))
    return cls


def _format_name(obj, names):
    """Fill an index's or constraint's name template with `names`."""
    if isinstance(obj.name, str) and "%(" in obj.name:
        obj.name = obj.name % names
    return obj


def _resolve_pending(model):
    """Run the callbacks waiting for `model` (string references to it)."""
    key = (id(model._meta.apps), model._meta.label_lower)
    for callback in _pending_relations.pop(key, []):
        callback(model)


def _lazy_related(origin, target, callback):
    """Call callback(model) once `target` (a model, "Name" or "app.Name") exists."""
    if isinstance(target, type):
        callback(target)
        return
    if target == "self":
        callback(origin)
        return
    label, _, name = target.rpartition(".")
    label = label or origin._meta.app_label
    registry = origin._meta.apps  # models of an isolated registry see its own
    key = (id(registry), "%s.%s" % (label, name.lower()))
    model = registry.all_models.get(label, {}).get(name.lower())
    if model is not None:
        callback(model)
    else:
        _pending_relations.setdefault(key, []).append(callback)


def lazy_related_operation(function, model, *related_models, **kwargs):
    """Call function(model, *related_models, **kwargs) once every related model
    (a class, "self", "Name" or "app_label.Name") is defined, as Django
    schedules it; custom relation fields (django-taggit's) use it."""
    resolved = list(related_models)
    waiting = set(range(len(related_models)))

    def resolver(index):
        def resolve(target):
            resolved[index] = target
            waiting.discard(index)
            if not waiting:
                function(model, *resolved, **kwargs)
        return resolve

    if not related_models:
        function(model, **kwargs)
    for index, related in enumerate(related_models):
        _lazy_related(model, related, resolver(index))

# The methods a plain page never runs are in base_extra.py, defined on first
# use.
@_methods_on_first_use("_ModelMore", (
    "_check_unsaved_generic_objects", "_fast_init", "_field_unique_checks",
    "_get_unique_checks", "_is_pk_set", "_loaded_fields", "_next_order_value",
    "_parse_save_params", "_perform_date_checks",
    "_prepare_related_fields_for_save", "_refresh_loaded", "_save_parents",
    "_save_table", "_validate_force_insert", "asave", "check", "clean",
    "clean_fields", "date_error_message", "delete", "full_clean", "get_constraints",
    "get_deferred_fields", "refresh_from_db", "save", "save_base",
    "serializable_value", "unique_error_message", "validate_constraints",
    "validate_unique",
))
class Model(metaclass=ModelBase):
    """Base class of every model; subclass it and declare fields.

        class Entry(models.Model):
            title = models.CharField(max_length=200)

    Instances compare equal when they are of the same model and have the same
    primary key; an unsaved instance is unhashable.
    """

    _state = _StateDescriptor()
    #: Whether a class after Model in the MRO has an __init__ to run.
    _mixin_init = False

    def __init__(self, *args, **kwargs):
        cls = self.__class__
        opts = cls._meta
        if opts.abstract:
            raise TypeError("Abstract models cannot be instantiated.")
        if not args and not pre_init.receivers and not post_init.receivers and \
                self._fast_init(opts, kwargs):
            if cls._mixin_init:
                super().__init__()
            return
        if pre_init.receivers:
            pre_init.send(sender=cls, args=args, kwargs=kwargs)
        d = self.__dict__
        d["_state"] = ModelState()
        plan = opts._init_plan
        if args:
            if len(args) > len(plan):
                raise IndexError("Number of args exceeds number of fields")
            for (field, name, attname, _default), value in zip(plan, args):
                if name in kwargs:
                    raise TypeError("%s() got both positional and keyword arguments "
                                    "for field '%s'." % (cls.__name__, name))
                if value is not DEFERRED:
                    d[attname] = value
            plan = plan[len(args):]
        for field, name, attname, default in plan:
            if kwargs:
                if name in kwargs:
                    value = kwargs.pop(name)
                    if value is DEFERRED:
                        pass
                    elif field.is_relation:
                        setattr(self, name, value)
                    else:
                        d[attname] = value
                    continue
                if attname in kwargs:
                    value = kwargs.pop(attname)
                    if value is not DEFERRED:
                        d[attname] = value
                    continue
            if default is _NO_DEFAULT:
                continue
            d[attname] = field.get_default() if default is _CALL_DEFAULT else default
        if kwargs:
            unexpected = []
            for name, value in list(kwargs.items()):
                if name in opts._forward_fields_map and opts._forward_fields_map[
                        name].many_to_many:
                    raise TypeError(
                        "Direct assignment to the forward side of a many-to-many set "
                        "is prohibited. Use %s.set() instead." % name)
                if name == "pk" or isinstance(getattr(cls, name, None), property) or (
                        opts._forward_fields_map.get(name) in opts.private_fields):
                    setattr(self, name, value)
                else:
                    unexpected.append(name)
            if unexpected:
                raise TypeError("%s() got unexpected keyword arguments: %s" % (
                    cls.__name__, ", ".join("'%s'" % n for n in unexpected)))
        if cls._mixin_init:
            super().__init__()  # a mixin after Model in the MRO, as Django
        if post_init.receivers:
            post_init.send(sender=cls, instance=self)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Build an instance from a database row (no __init__, no defaults)."""
        obj = cls.__new__(cls)
        obj.__dict__.update(zip(field_names, values))
        if db != DEFAULT_DB_ALIAS:
            obj._state.db = db
        return obj

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)

    def __str__(self):
        return "%s object (%s)" % (type(self).__name__, self.pk)

    def __eq__(self, other):
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.concrete_model != other._meta.concrete_model:
            return False
        pk = self.pk
        if pk is None:
            return self is other
        return pk == other.pk

    def __hash__(self):
        if not self._is_pk_set():
            raise TypeError("Model instances without primary key value are unhashable")
        return hash(self.pk)

    def __reduce__(self):
        data = self.__getstate__()
        data[DJANGO_VERSION_PICKLE_KEY] = _VERSION_STRING
        return _model_unpickle, ((self._meta.app_label, self._meta.object_name),), data

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_state"] = self._state
        state.pop("_prefetched_objects_cache", None)
        return state

    def __setstate__(self, state):
        _check_pickled_version(state, "model instance")
        self.__dict__.update(state)

    def _get_pk_val(self, meta=None):
        return getattr(self, (meta or self._meta).pk.attname)

    def _set_pk_val(self, value):
        meta = self._meta
        for link in meta.concrete_model._meta.parents.values():
            if link is not meta.pk:  # a parent's key that is not this one's
                setattr(self, link.target_field.attname, value)
        return setattr(self, meta.pk.attname, value)

    pk = property(_get_pk_val, _set_pk_val)

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        choices = dict(_make_hashable_choices(field.flatchoices))
        try:
            return force_str(choices.get(_make_hashable(value), value),
                             strings_only=True)
        except TypeError:
            return force_str(value, strings_only=True)

    def _get_next_or_previous_by_FIELD(self, field, is_next, **kwargs):
        if not self._is_pk_set():
            raise ValueError("get_next/get_previous cannot be used on unsaved objects.")
        op = "gt" if is_next else "lt"
        order = "" if is_next else "-"
        param = getattr(self, field.attname)
        q = djscratch.db.models.expressions.Q.create([(field.name, param), ("pk__%s" % op, self.pk)], connector=djscratch.db.models.expressions.Q.AND)  # noqa: E501
        q = djscratch.db.models.expressions.Q.create([q, ("%s__%s" % (field.name, op), param)], connector=djscratch.db.models.expressions.Q.OR)  # noqa: E501
        qs = type(self)._default_manager.using(self._state.db).filter(
            **kwargs).filter(q).order_by(
            "%s%s" % (order, field.name), "%spk" % order)
        try:
            return qs[0]
        except IndexError:
            raise self.DoesNotExist("%s matching query does not exist." %
                                    type(self)._meta.object_name) from None

    def _get_next_or_previous_in_order(self, is_next):
        """get_next_in_order()/get_previous_in_order() of a model with
        Meta.order_with_respect_to: the neighbour by `_order` (cached)."""
        cachename = "__%s_order_cache" % is_next
        if not hasattr(self, cachename):
            op = "gt" if is_next else "lt"
            order = "_order" if is_next else "-_order"
            filter_args = self._meta.order_with_respect_to \
                .get_filter_kwargs_for_object(self)
            manager = type(self)._default_manager
            current = manager.values("_order").filter(**{
                self._meta.pk.name: self.pk})
            obj = manager.filter(**filter_args).filter(**{
                "_order__%s" % op: current}).order_by(order)[:1].get()
            setattr(self, cachename, obj)
        return getattr(self, cachename)

    arefresh_from_db = None  # async API: not implemented
    adelete = _awaitable_method("delete", alters_data=True)
    arefresh_from_db = _awaitable_method("refresh_from_db")


def _get_text_list(items, last_word="or"):
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "%s %s %s" % (", ".join(items[:-1]), last_word, items[-1])


def _make_hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _make_hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_make_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _make_hashable_choices(choices):
    return [(_make_hashable(k), v) for k, v in choices]


def _model_unpickle(model_id):
    if isinstance(model_id, tuple):
        model = apps.all_models[model_id[0]][model_id[1].lower()]
    else:
        model = model_id
    return model.__new__(model)


#: Types whose instances are never expressions: a value of exactly one of
#: them needs no isinstance() test (most values saved are str, int or None).
_NEVER_EXPRESSIONS = frozenset({str, int, float, bool, type(None), bytes})


def _plain_insert_model(meta):
    """The insert plan (_insert_plan()) of save() of a new instance of this
    model when it may take _save_new_plain(), else False: not a proxy or a
    child, a key whose default is None, no _order, nothing read back,
    save_base() and _save_table() Model's own (read once per model)."""
    plain = meta.__dict__.get("_plain_insert")
    if plain is None:
        model = meta.model
        plain = meta._plain_insert = (
            not meta.proxy and not meta.parents and meta._pk_default_none and
            not meta.order_with_respect_to and not meta._returning_fields and
            model.save_base is Model.save_base and
            model._save_table is Model._save_table) and _insert_plan(meta, False)
    return plain


def _save_new_plain(obj):
    """save() of a new instance (no primary key yet) of a plain model with
    no pre_save or post_save receiver for it and no database router: the
    INSERT that save_base() and _save_table() would make, without their
    calls.  Return False, having done nothing, when it does not apply.
    tests/test_fast_paths.py compares it with the general path."""
    cls = type(obj)
    meta = cls._meta
    d = obj.__dict__
    if d.get(meta.pk.attname) is not None:
        return False
    insert = _plain_insert_model(meta)
    if not insert or _router.routers or pre_save._may_send_to(cls) or \
            post_save._may_send_to(cls):
        return False
    state = d.get("_state")
    using = (state.db if state is not None else None) or DEFAULT_DB_ALIAS
    db = connections[using]
    sql, _fields, plan = insert
    try:
        values = [d[attname] if plain else f.pre_save(obj, True)
                  for f, attname, plain, _prep in plan]
        if _has_expression(values):
            sql, values = _insert_sql_with_expressions(cls, plan, values)
        else:
            values = [p[3](v) for p, v in zip(plan, values)]
        d[meta.pk.attname] = _new_pk(meta, db._execute(sql, values).lastrowid)
    except Exception as exc:
        if db.in_atomic_block:  # as save_base()
            db.needs_rollback = True
            db.rollback_exc = exc
        raise
    if state is None:
        state = obj._state
    state.db = using
    state.adding = False
    return True


def _has_expression(values):
    """Whether a value to save is an expression (F("votes") + 1, Upper(...)).
    (Expression is looked up only for a value of another type than the plain
    ones: the single file defines it in a section, built on first use.)"""
    for value in values:
        if type(value) not in _NEVER_EXPRESSIONS and isinstance(
                value, djscratch.db.models.expressions.Expression):
            return True
    return False


def _insert_sql_with_expressions(model, plan, values):
    """(INSERT sql, params) for a row some of whose values are expressions,
    each compiled in place of its parameter (refused as Django refuses it)."""
    compiler = djscratch.db.models.sql.compiler.SQLCompiler(model._base_manager.all().query)  # noqa: E501
    expression = djscratch.db.models.expressions.Expression
    columns, slots, params = [], [], []
    for (field, _attname, _plain, prep), value in zip(plan, values):
        columns.append(quote_name(field.column))
        if isinstance(value, expression):
            sql, value_params = compiler.compile_insert_value(field, value)
            slots.append(sql)
            params.extend(value_params)
        else:
            slots.append("?")
            params.append(prep(value))
    sql = "INSERT INTO %s (%s) VALUES (%s)" % (
        quote_name(model._meta.db_table), ", ".join(columns), ", ".join(slots))
    return sql + _returning_sql(model._meta), params


def _returning_sql(meta):
    """The RETURNING clause reading back a model's generated columns."""
    if not meta._returning_fields:
        return ""
    return " RETURNING %s" % ", ".join(
        quote_name(f.column) for f in meta._returning_fields)


def _new_pk(meta, rowid):
    """A new row's primary key as its instance holds it: the rowid SQLite
    gives, through the key field's from_db_value() when it has one (Django
    converts the keys an INSERT returns as it converts any value read)."""
    convert = meta._pk_converter
    return rowid if convert is None else convert(rowid)


def _set_returned(obj, fields, row):
    """Put the values a RETURNING clause gave on the instance, converted."""
    for field, value in zip(fields, row or ()):
        converter = field.get_db_converter()
        obj.__dict__[field.attname] = converter(value) if converter and \
            value is not None else value


def _refuse_model_instances(fields, values):
    """Raise Django's TypeError when a model instance was given to a plain
    (not relation) field of an UPDATE."""
    for field, value in zip(fields, values):
        if isinstance(value, Model) and not field.is_relation:
            raise djscratch.db.models.sql.compiler._model_instance_update_error(
                field, value)


def _related_instances_as_keys(fields, values):
    """The values with each model instance given to a relation field's
    attname (publisher_id=publisher) replaced by its key, as Django's UPDATE
    does (prepare_database_save()); None when there is none."""
    if not any(isinstance(v, Model) and f.is_relation
               for f, v in zip(fields, values)):
        return None
    keys = []
    for field, value in zip(fields, values):
        if isinstance(value, Model) and field.is_relation:
            if value.pk is None:
                raise ValueError("Unsaved model instance %r cannot be used in an "
                                 "ORM query." % value)
            value = getattr(value, field.target_field.attname)
        keys.append(value)
    return keys


def _check_pickled_version(state, what):
    """Warn as Django does when a pickle records no Django version or
    another one than this; drop the record from `state`."""

    pickled = state.pop(DJANGO_VERSION_PICKLE_KEY, None)
    if pickled is None:
        message = "Pickled %s's Django version is not specified." % what
    elif pickled != _VERSION_STRING:
        message = ("Pickled %s's Django version %s does not match the current "
                   "version %s." % (what, pickled, _VERSION_STRING))
    else:
        return
    warnings.warn(message, RuntimeWarning, stacklevel=3)


def _pk_where(meta):
    """(left, right) of the primary key's equality: a column and "?", or
    a composite key's row value and "(?, ?)"."""
    if meta.is_composite_pk:
        return _pk_row_sql(meta), "(%s)" % ", ".join("?" * len(meta.pk.fields))
    return quote_name(meta.pk.column), "?"


def _insert_plan(meta, pk_set):
    """Return (INSERT sql, fields) for a model, cached on _meta."""
    plans = meta.__dict__.get("_insert_plans")
    if plans is None:
        plans = meta.__dict__["_insert_plans"] = {}
    plan = plans.get(pk_set)
    if plan is None:
        fields = [f for f in meta.local_concrete_fields if not f.generated and (
            pk_set or not isinstance(f, AutoField) or not f.primary_key)]
        if fields:
            sql = "INSERT INTO %s (%s) VALUES (%s)" % (
                quote_name(meta.db_table),
                ", ".join(quote_name(f.column) for f in fields),
                ", ".join("?" * len(fields)))
        else:
            sql = "INSERT INTO %s DEFAULT VALUES" % quote_name(meta.db_table)
        save_plan = tuple(p for p in meta._save_plan if p[0] in fields)
        plan = plans[pk_set] = (sql, fields, save_plan)
    return plan
