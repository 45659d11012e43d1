"""Manager and BaseManager (django/db/models/manager.py).
"""

from djscratch.sections import _MethodOnFirstUse
from djscratch.db.utils import _router
from djscratch.db.models.query import _get_by_pk, QuerySet

__all__ = [
    "Manager", "BaseManager",
]


# -- Managers


def _waiting_method(klass, name):
    """The _MethodOnFirstUse `klass` has for `name` (reading it builds
    nothing), or None when its attribute is defined."""
    for base in klass.__mro__:
        if name in base.__dict__:
            value = base.__dict__[name]
            return value if isinstance(value, _MethodOnFirstUse) else None
    return None


class _ManagerMethodOnFirstUse:
    """A manager's proxy of a QuerySet method that waits in a section
    (_methods_on_first_use()): made on its first read, when the method is
    defined, so that it has the method's name, docstring and signature."""

    def __init__(self, queryset_class, make):
        self.queryset_class, self.make = queryset_class, make

    def __set_name__(self, owner, name):
        self.owner, self.name = owner, name

    def __get__(self, instance, owner=None):
        proxy = self.make(self.name, getattr(self.queryset_class, self.name))
        if self.owner.__dict__.get(self.name) is self:
            setattr(self.owner, self.name, proxy)
        return proxy if instance is None else proxy.__get__(instance, owner)


class ManagerDescriptor:
    def __init__(self, manager):
        self.manager = manager

    def __get__(self, instance, cls=None):
        if instance is not None:
            raise AttributeError("Manager isn't accessible via %s instances" %
                                 cls.__name__)
        opts = cls._meta  # (read once: every query starts here)
        if opts.abstract:
            raise AttributeError("Manager isn't available; %s is abstract" %
                                 opts.object_name)
        if opts.swappable and opts.swapped:  # auth.User under AUTH_USER_MODEL
            raise AttributeError("Manager isn't available; '%s' has been swapped for "
                                 "'%s'" % (opts.label, opts.swapped))
        manager = self.manager
        if manager.model is cls:
            return manager
        return cls._meta.managers_map[manager.name]


#: QuerySet methods that copy their queryset once (_chain()) and change only
#: the copy: called through a manager on a queryset made for the call, they
#: may change that queryset itself (see _fresh_manager_method()).
_CHAINED_ONCE = frozenset([
    "filter", "exclude", "select_related", "prefetch_related", "order_by"])


def _fresh_manager_method(method):
    """The manager's proxy of QuerySet.`method` (one of _CHAINED_ONCE): a
    queryset that the base get_queryset() has just made exists for this
    call alone, so the method's copy of it (its _chain()) is the queryset
    itself (QuerySet._fresh): one clone less per query started from a
    manager.  Another get_queryset() (overridden or patched) or QuerySet
    class gets what the plain proxy does.
    tests/test_fast_paths.py compares the two."""
    import functools

    name = method.__name__

    @functools.wraps(method)
    def manager_method(self, *args, **kwargs):
        queryset = self.get_queryset()
        if type(queryset) is QuerySet and \
                type(self).get_queryset is _BASE_GET_QUERYSET:
            queryset._fresh = True
            return method(queryset, *args, **kwargs)
        # (a subclass's manager inherits this proxy: its QuerySet's method)
        return getattr(queryset, name)(*args, **kwargs)

    return manager_method


class BaseManager:
    """The interface to queries for a model (Model.objects)."""

    creation_counter = 0
    auto_created = False
    use_in_migrations = False
    _queryset_class = QuerySet

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self):
        self.model = None
        self.name = None
        self._db = None
        self._hints = {}
        BaseManager.creation_counter += 1
        self.creation_counter = BaseManager.creation_counter

    def __str__(self):
        return "%s.%s" % (self.model._meta.label, self.name)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self) if self.model else \
            object.__repr__(self)

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def deconstruct(self):
        """(as_manager, manager class path, queryset class path, args,
        kwargs), as Django's; ValueError for a class made by from_queryset()
        that its module does not hold."""
        qs_class = self._queryset_class
        if getattr(self, "_built_with_as_manager", False):
            return True, None, "%s.%s" % (qs_class.__module__, qs_class.__name__), \
                None, None
        module_name = self.__module__
        if module_name == "djscratch" or module_name.startswith("djscratch."):
            module_name = "django.db.models.manager"
        name = type(self).__name__
        import importlib

        if not hasattr(importlib.import_module(module_name), name):
            raise ValueError(
                "Could not find manager %s in %s.\nPlease note that you need to "
                "inherit from managers you dynamically generated with "
                "'from_queryset()'." % (name, module_name))
        return False, "%s.%s" % (module_name, name), None, *self._constructor_args

    @classmethod
    def _get_queryset_methods(cls, queryset_class):
        import functools
        import types  # loaded at interpreter start-up: free

        def make(name, method):
            if name in _CHAINED_ONCE and method is getattr(QuerySet, name):
                return _fresh_manager_method(method)

            @functools.wraps(method)
            def manager_method(self, *args, **kwargs):
                return getattr(self.get_queryset(), name)(*args, **kwargs)

            return manager_method

        methods = {}
        # dir() + a type test instead of inspect.getmembers(): importing
        # inspect (with ast, dis, tokenize) would make `import djscratch`
        # much slower and bigger.
        for name in sorted(dir(queryset_class)):
            waiting = _waiting_method(queryset_class, name)
            if waiting is not None:  # (public, with no queryset_only: proxied)
                if not name.startswith("_") and not hasattr(cls, name):
                    methods[name] = _ManagerMethodOnFirstUse(queryset_class, make)
                continue
            method = getattr(queryset_class, name)
            if not isinstance(method, types.FunctionType) or hasattr(cls, name):
                continue
            # As Django: public methods, and private ones marked
            # queryset_only = False; never those marked queryset_only = True.
            queryset_only = getattr(method, "queryset_only", None)
            if queryset_only or (queryset_only is None and name.startswith("_")):
                continue
            methods[name] = make(name, method)
        return methods

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        """Return a Manager class whose methods are queryset_class's."""
        if class_name is None:
            class_name = "%sFrom%s" % (cls.__name__, queryset_class.__name__)
        return type(class_name, (cls,), {
            "_queryset_class": queryset_class,
            **cls._get_queryset_methods(queryset_class)})

    def contribute_to_class(self, cls, name):
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.local_managers.append(self)
        cls._meta.__dict__.pop("managers", None)
        cls._meta.__dict__.pop("managers_map", None)

    def db_manager(self, using=None, hints=None):
        import copy

        obj = copy.copy(self)
        obj._db = using or self._db
        obj._hints = hints or self._hints
        return obj

    @property
    def db(self):
        return self._db or _router.db_for_read(self.model, **self._hints)

    def get_queryset(self):
        """Return the QuerySet this manager starts from (override to filter)."""
        return self._queryset_class(model=self.model, using=self._db,
                                    hints=self._hints)

    def all(self):
        return self.get_queryset()

    def __eq__(self, other):
        return isinstance(other, self.__class__) and \
            self._constructor_args == other._constructor_args

    def __hash__(self):
        return id(self)

    def check(self, **kwargs):
        return []


#: The get_queryset() known to make a new queryset each call (a patched or
#: overridden one may hand out a queryset it keeps).
_BASE_GET_QUERYSET = BaseManager.get_queryset


class Manager(BaseManager.from_queryset(QuerySet)):
    """The default manager class (Model.objects)."""

    def get(self, *args, **kwargs):
        # A fast path for Model.objects.get(pk=...); else QuerySet.get, whose
        # filter() may change the queryset made for this call (QuerySet._fresh,
        # as _fresh_manager_method()).
        plain = self._queryset_class is QuerySet and \
            type(self).get_queryset is _BASE_GET_QUERYSET
        if plain and not args and len(kwargs) == 1:
            routed = self._hints or _router.routers
            found = _get_by_pk(self.model, self.db if routed else self._db, kwargs)
            if found is not None:
                return found[0]
        queryset = self.get_queryset()
        if plain and type(queryset) is QuerySet:
            queryset._fresh = True
        return queryset.get(*args, **kwargs)

    get.__doc__ = QuerySet.get.__doc__
    get.__wrapped__ = QuerySet.get  # inspect.signature(), as Django's proxy
