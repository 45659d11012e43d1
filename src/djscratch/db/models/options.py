"""Options, the model's `_meta` (django/db/models/options.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.base, db.models.manager.
from djscratch.sections import _methods_on_first_use
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.db.models.fields import Field


#: Meta options Django accepts (an unknown one raises TypeError, as Django).
_META_NAMES = {
    "verbose_name", "verbose_name_plural", "db_table", "db_table_comment",
    "ordering", "unique_together", "index_together", "permissions", "get_latest_by",
    "order_with_respect_to", "app_label", "db_tablespace", "abstract", "managed",
    "proxy", "swappable", "auto_created", "apps", "default_permissions",
    "select_on_save", "default_related_name", "required_db_features",
    "required_db_vendor", "base_manager_name", "default_manager_name", "indexes",
    "constraints",
}

#: Django's names for Meta options and for what _meta's lists warn about.
DEFAULT_NAMES = tuple(sorted(_META_NAMES - {"index_together"}))
EMPTY_RELATION_TREE = ()
IMMUTABLE_WARNING = (
    "The return type of '%s' should never be mutated. If you want to manipulate this "
    "list for your own use, make a copy first."
)

#: Models waiting for a related model named by a string: key -> callbacks.
_pending_relations = {}


def _links_to_other_child(rel, opts):
    """Whether `rel` is a parent's reverse parent link (to a child model):
    a child does not inherit its parent's links to the parent's children."""
    return getattr(rel, "parent_link", False) and not getattr(rel, "concrete", True)


#: Django's camel-case pattern: a space goes before an upper-case letter
#: that follows a lower-case one or starts a word (not followed by another
#: capital nor the end).  _camel_to_words() applies it letter by letter:
#: compiling it took some 2 ms of every start-up (each model's verbose_name);
#: tests/test_model_options.py compares the two.
_CAMEL_CASE_PATTERN = r"(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))"


def _camel_to_words(name):
    """re.sub(_CAMEL_CASE_PATTERN, r" \1", name), lower-cased and stripped."""
    words = []
    last = len(name) - 1
    previous = ""
    for i, char in enumerate(name):
        if "A" <= char <= "Z":
            following = name[i + 1] if i < last else ""
            # `$` also matches before a newline that ends the string.
            at_end = i == last or (i == last - 1 and following == "\n")
            if "a" <= previous <= "z" or not (
                    at_end or "A" <= following <= "Z"):
                words.append(" ")
        words.append(char)
        previous = char
    return "".join(words).lower().strip()


def _is_generic(field):
    """A GenericRelation or a GenericForeignKey (private relation fields)."""
    if not getattr(field, "is_relation", False):
        return False
    if field.one_to_many:
        return True
    return field.many_to_one and not getattr(field.remote_field, "model", None)


def _normalize_together(option_together):
    """A tuple of tuples from unique_together's accepted spellings (one
    tuple of names, or several); anything else is left as given, for the
    checks to report (Django's normalize_together)."""
    try:
        if not option_together:
            return ()
        if not isinstance(option_together, (tuple, list)):
            raise TypeError
        if not isinstance(option_together[0], (tuple, list)):
            option_together = (option_together,)
        return tuple(tuple(together) for together in option_together)
    except TypeError:
        return option_together


def _without_empty_condition(constraint):
    """A UniqueConstraint(condition=Q()) of Meta as Django's copy of it has
    it: with no condition (a total constraint)."""
    condition = getattr(constraint, "condition", None)
    if condition is None or condition or not isinstance(
            constraint, djscratch.db.models.constraints.UniqueConstraint):
        return constraint
    import copy

    constraint = copy.copy(constraint)
    constraint.condition = None
    return constraint


#: Called whenever a model's fields change (Options._expire_cache()): the
#: SQL remembered per query shape is forgotten (db/models/sql/query.py).
_expire_hooks = []


# The methods a plain page never runs are in options_extra.py, defined on first
# use.
@_methods_on_first_use("_OptionsMore", (
    "_named_manager", "_parent_meta", "all_parents", "app_config",
    "db_returning_fields", "default_manager", "get_ancestor_link", "get_field",
    "get_fields", "get_latest_by_fields", "get_parent_list", "get_path_to_parent",
    "pk_fields", "setup_proxy", "total_unique_constraints", "verbose_name_raw",
))
class Options:
    """A model's metadata (`Model._meta`), with Django's attribute names."""

    #: The registry models register in (isolate_apps() swaps it for a test).
    default_apps = apps

    def __init__(self, meta, app_label=None):
        self.meta = meta
        self.app_label = app_label
        self.model = None
        self.object_name = self.model_name = None
        self.verbose_name = self.verbose_name_plural = None
        self.db_table = ""
        self.ordering = []
        self.unique_together = ()
        self.index_together = ()
        self.indexes = []
        self.constraints = []
        self.get_latest_by = None
        self.abstract = False
        self.managed = True
        self.proxy = False
        self.auto_created = False
        self.default_related_name = None
        self.base_manager_name = None
        self.default_manager_name = None
        self.select_on_save = False
        self.db_tablespace = ""
        self.default_permissions = ("add", "change", "delete", "view")
        self.permissions = []
        self.required_db_features = []
        self.required_db_vendor = None
        self.order_with_respect_to = None
        self.swappable = None
        self.local_fields = []
        self.local_many_to_many = []
        self.private_fields = []
        self.local_managers = []
        self.related_objects = []  # reverse relations (filled by related models)
        self.pk = None
        self.auto_field = None
        self.parents = {}
        self.proxy_for_model = None
        self.concrete_model = None
        self._proxies = []  # proxies and children: their caches follow this one's
        self.apps = self.default_apps
        self._field_cache = None

    def contribute_to_class(self, cls, name):
        """Read the Meta class into this Options and attach it as cls._meta."""
        cls._meta = self
        self.model = cls
        self.concrete_model = cls
        self.object_name = cls.__name__
        self.model_name = self.object_name.lower()
        self.verbose_name = _camel_to_words(self.object_name)
        meta = self.meta
        if meta is not None:
            for attr in [a for a in vars(meta) if not a.startswith("_")]:
                if attr not in _META_NAMES:
                    raise TypeError("'class Meta' got invalid attribute(s): %s" % attr)
            for attr in _META_NAMES:
                if hasattr(meta, attr):
                    setattr(self, attr, getattr(meta, attr))
            self.unique_together = _normalize_together(self.unique_together)
            self.constraints = [_without_empty_condition(constraint)
                                for constraint in self.constraints]
        if self.verbose_name_plural is None:
            self.verbose_name_plural = "%ss" % self.verbose_name
        if not isinstance(self.ordering, str):  # a str is models.E014's to report
            self.ordering = list(self.ordering or [])
        if not self.db_table and not self.abstract:
            self.db_table = "%s_%s" % (self.app_label, self.model_name)

    @property
    def label(self):
        return "%s.%s" % (self.app_label, self.object_name)

    @property
    def label_lower(self):
        return "%s.%s" % (self.app_label, self.model_name)

    @property
    def swapped(self):
        """The "app_label.Model" setting value replacing this swappable model
        (auth.User under a custom AUTH_USER_MODEL), or None."""
        if not self.swappable:
            return None
        swapped_for = getattr(settings, self.swappable, None)
        if not swapped_for:
            return None
        try:
            label, name = swapped_for.split(".")
        except ValueError:
            return swapped_for  # Django reports the malformed value in checks
        if f"{label}.{name.lower()}" != f"{self.app_label}.{self.model_name}":
            return swapped_for
        return None

    @property
    def _field_owner(self):
        """The Options holding the fields: a proxy's concrete model's."""
        if self.proxy and self.concrete_model is not None:
            return self.concrete_model._meta
        return self

    @property
    def is_composite_pk(self):
        return getattr(self.pk, "is_composite", False)

    @cached_property
    def _pk_converter(self):
        """The primary key's from-database converter, or None (_new_pk())."""
        return self.pk.get_db_converter() if self.pk is not None else None

    @cached_property
    def _returning_fields(self):
        """The fields of this model's own table the database fills in (a
        GeneratedField, a db_default), read back after each INSERT."""
        return tuple(f for f in self.local_concrete_fields
                     if f.db_returning and (not f.primary_key or f.has_db_default()))

    def __repr__(self):
        return "<Options for %s>" % self.object_name

    def __str__(self):
        return self.label_lower

    def add_field(self, field, private=False):
        import bisect

        if private:
            self.private_fields.append(field)
        elif field.many_to_many:
            bisect.insort(self.local_many_to_many, field)
        else:
            bisect.insort(self.local_fields, field)
            if field.primary_key:
                self.setup_pk(field)
        self._expire_cache()

    def setup_pk(self, field):
        if self.pk is None:
            self.pk = field
            field.serialize = False

    def _expire_cache(self):
        self._field_cache = None
        for forget in _expire_hooks:
            forget()
        for proxy in self._proxies:
            proxy._expire_cache()
        for name in ("fields", "concrete_fields", "many_to_many", "_forward_fields_map",
                     "fields_map", "_init_fields", "_column_names", "_select_columns",
                     "_row_converters", "_attnames", "_save_plan", "managers",
                     "_insert_fields", "_name_choices", "local_concrete_fields",
                     "_insert_plans", "_init_plan", "_returning_fields",
                     "_init_fast",
                     "_get_pk_plan",
                     "_relation_fields",
                     "_get_pk_sql", "managers_map", "_non_pk_concrete_field_names",
                     "_non_pk_concrete_attnames", "_relation_tree",
                     "_property_names", "base_manager", "_pk_has_defaults",
                     "_pk_default_none", "_attname_set", "_row_builders",
                     "_plain_insert", "_pk_converter"):
            self.__dict__.pop(name, None)


    @cached_property
    def fields(self):
        """Forward fields in declaration order, the parents' first, without
        many-to-many fields, generic relations and generic foreign keys (as
        Django's)."""
        owner = self._field_owner
        if owner is not self:
            return owner.fields
        inherited = list(dict.fromkeys(  # a diamond's common parent once
            f for parent in self.parents for f in parent._meta.fields))
        return tuple(inherited + [f for f in self.local_fields + self.private_fields
                                  if not f.many_to_many and not _is_generic(f)])

    @cached_property
    def concrete_fields(self):
        return tuple(f for f in self.fields if f.concrete)

    @cached_property
    def local_concrete_fields(self):
        """The concrete fields stored in this model's own table."""
        owner = self._field_owner
        if owner is not self:
            return owner.local_concrete_fields
        if not self.parents:
            return self.concrete_fields
        return tuple(f for f in self.local_fields if f.concrete)

    @cached_property
    def _relation_fields(self):
        return tuple(f for f in self.concrete_fields if f.is_relation)

    @cached_property
    def _init_plan(self):
        """(field, name, attname, default) per concrete field, for __init__.

        `default` is a constant, or _CALL_DEFAULT when get_default() must run
        per instance (callable defaults, relations), or _NO_DEFAULT for a
        generated field (the database computes it; the instance has none).
        """
        plan = []
        for f in self.concrete_fields:
            if f.generated:
                default = djscratch.db.models.base._NO_DEFAULT
            elif (f.has_default() and callable(f.default)) or f.is_relation or (
                    f.has_db_default() and not f.has_default()):
                default = djscratch.db.models.base._CALL_DEFAULT
            else:
                default = f.get_default()
            plan.append((f, f.name, f.attname, default))
        return tuple(plan)

    @cached_property
    def _init_fast(self):
        """({attname: constant default}, [(attname, field) with callable default]).

        Model.__init__ takes its fast path when every keyword is a key of the
        dict (relations given as objects go the slow way, through descriptors).
        """
        defaults, callables = {}, []
        for f, name, attname, default in self._init_plan:
            if default is djscratch.db.models.base._NO_DEFAULT:
                continue
            if default is djscratch.db.models.base._CALL_DEFAULT:
                if f.is_relation and not (f.has_default() and callable(f.default)):
                    defaults[attname] = f.get_default()
                    continue
                defaults[attname] = None
                callables.append((attname, f))
            else:
                defaults[attname] = default
        return defaults, tuple(callables)

    @cached_property
    def _save_plan(self):
        """(field, attname, plain, prep) per concrete field.

        plain: the field has no pre_save hook, so the value is read directly;
        prep: the field's get_db_prep_save (or a quicker equivalent).
        """
        return tuple((f, f.attname, type(f).pre_save is Field.pre_save,
                      f._fast_db_prep_save()) for f in self.concrete_fields)

    @cached_property
    def many_to_many(self):
        owner = self._field_owner
        if owner is not self:
            return owner.many_to_many
        inherited = dict.fromkeys(
            f for parent in self.parents for f in parent._meta.many_to_many)
        return tuple(list(inherited) + list(self.local_many_to_many))

    @cached_property
    def _forward_fields_map(self):
        owner = self._field_owner
        if owner is not self:
            return owner._forward_fields_map
        result = {}
        for parent in self.parents:
            result.update(parent._meta._forward_fields_map)
        for f in self.local_fields + self.local_many_to_many + self.private_fields:
            result[f.name] = f
            if f.attname:
                result.setdefault(f.attname, f)
        return result

    @cached_property
    def fields_map(self):
        result = {}
        for parent in self._field_owner.parents:
            result.update({name: rel for name, rel in parent._meta.fields_map.items()
                           if not _links_to_other_child(rel, self)})
        for rel in self.related_objects:
            if not rel.hidden:
                result[rel.name] = rel
        return result

    @cached_property
    def _property_names(self):
        """The names of the properties the model class has (Django's)."""
        names = set()
        for klass in self.model.__mro__:
            names.update(name for name, value in vars(klass).items()
                         if isinstance(value, property))
        return frozenset(names)

    @cached_property
    def _relation_tree(self):
        """The forward relation fields of every model pointing at this one;
        the first access fills every model's (Django's relation graph)."""
        graph = {}
        # Every registered model, the registry ready or not (djscratch lets
        # a script define models without django.setup()).
        models = [model for app_models in list(self.apps.all_models.values())
                  for model in list(app_models.values())]
        for model in models:
            opts = model._meta
            if opts.abstract:
                continue
            for f in opts.local_fields + opts.local_many_to_many + opts.private_fields:
                remote = getattr(f, "remote_field", None)
                target = getattr(remote, "model", None)
                if f.is_relation and isinstance(target, type):
                    label = target._meta.concrete_model._meta.label
                    graph.setdefault(label, []).append(f)
        for model in models:
            model._meta.__dict__["_relation_tree"] = graph.get(
                model._meta.concrete_model._meta.label, [])
        return self.__dict__.get("_relation_tree", EMPTY_RELATION_TREE)

    @cached_property
    def _name_choices(self):
        """The names a query may use, sorted, for FieldError messages."""
        names = set()
        for f in self.get_fields():
            names.add(f.name)
            if getattr(f, "concrete", False) and f.attname:
                names.add(f.attname)
        # GenericRelations pointing here with a related_query_name.
        names.update(self.__dict__.get("_generic_rels", ()))
        return sorted(names)

    @cached_property
    def _non_pk_concrete_field_names(self):
        """The names and attnames update_fields may name (Django's)."""
        names = set()
        for f in self.concrete_fields:
            if not f.primary_key and f not in self.pk_fields:
                names.update((f.name, f.attname))
        return frozenset(names)

    @cached_property
    def _non_pk_concrete_attnames(self):
        """The attnames a deferred instance's save() may write."""
        return frozenset(f.attname for f in self.concrete_fields
                         if not f.primary_key and f not in self.pk_fields)

    @cached_property
    def _pk_has_defaults(self):
        """Whether every primary key field has a default or a database default:
        save() then inserts a new instance without trying an UPDATE first (read
        once per model, not once per save)."""
        return all(f.has_default() or f.has_db_default() for f in self.pk_fields)

    @cached_property
    def _pk_default_none(self):
        """Whether the primary key's get_default() is sure to return None
        (Field's own, with no default, no db_default and None as its empty
        value): save() then skips the call for a new instance without a key."""
        pk = self.pk
        return (not self.is_composite_pk and type(pk).get_default is Field.get_default
                and not pk.has_default() and not pk.has_db_default()
                and (not pk.empty_strings_allowed or pk.null))

    @cached_property
    def _attnames(self):
        return tuple(f.attname for f in self.concrete_fields)

    @cached_property
    def _attname_set(self):
        """_attnames as a set: `instance.__dict__.keys() >= _attname_set`
        tells whether nothing is deferred, in one C-level test."""
        return frozenset(self._attnames)

    @cached_property
    def _row_converters(self):
        """(index, converter) for the concrete fields needing conversion."""
        out = []
        for i, f in enumerate(self.concrete_fields):
            conv = f.get_db_converter()
            if conv is not None:
                out.append((i, conv))
        return tuple(out)

    # -- managers

    @cached_property
    def managers(self):
        found = []
        seen = set()
        for depth, base in enumerate(self.model.__mro__):
            meta = getattr(base, "_meta", None)
            if meta is None:
                continue
            for manager in meta.local_managers:
                if manager.name in seen:
                    continue
                seen.add(manager.name)
                if manager.model is not self.model:
                    # Inherited: a copy bound to this model, so Proxy.objects
                    # returns Proxy instances.
                    import copy

                    manager = copy.copy(manager)
                    manager.model = self.model
                found.append((depth, manager.creation_counter, manager))
        return tuple(m for _, _, m in sorted(found, key=lambda t: t[:2]))

    @cached_property
    def managers_map(self):
        return {m.name: m for m in self.managers}

    @cached_property
    def base_manager(self):
        name = self.base_manager_name
        if not name:
            parent = self._parent_meta()
            if parent is not None and parent.base_manager_name:
                name = parent.model._meta.base_manager.name
        if name:
            return self._named_manager(name)
        manager = djscratch.db.models.manager.Manager()
        manager.name = "_base_manager"
        manager.model = self.model
        manager.auto_created = True
        return manager

