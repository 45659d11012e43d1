"""Database errors, connections and the router (django/db/utils.py,
django/db/__init__.py): one sqlite3 connection per thread and alias.
"""

import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.backends.sqlite.
import djscratch

from djscratch.dispatch.dispatcher import Signal
from djscratch.core.signals import request_finished, request_started, setting_changed
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import import_string

__all__ = [
    "connection", "connections", "DEFAULT_DB_ALIAS", "Error", "DatabaseError",
    "OperationalError", "IntegrityError", "ProgrammingError", "NotSupportedError",
    "TransactionManagementError", "reset_queries", "close_old_connections",
    "DJANGO_VERSION_PICKLE_KEY",
]


DEFAULT_DB_ALIAS = "default"
#: The key under which a pickled model instance or queryset records the
#: Django version it was pickled with.
DJANGO_VERSION_PICKLE_KEY = "_django_version"


# -- Database errors: Django's PEP 249 hierarchy; sqlite3's errors are re-raised
#    as these, with the original chained as __cause__.


class Error(Exception):
    """Base of the database errors (django.db.Error)."""


class DatabaseError(Error):
    pass


class OperationalError(DatabaseError):
    pass


# Bad values usually come from a request (a query string, a form): these
# subclasses keep Django's exception types for code that catches them, and are
# BadRequest too, so the request handler answers 400 instead of 500.


class IntegrityError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class TransactionManagementError(ProgrammingError):
    """Transaction management was used wrongly (e.g. a query in a broken atomic)."""


connection_created = Signal()


_MISSING_DATABASES = object()


class ConnectionHandler:
    """`connections[alias]`: one DatabaseWrapper per alias and thread.

    Wrappers are rebuilt when settings.DATABASES changes (override_settings,
    configure), so tests pointing DATABASES elsewhere get a fresh connection.
    """

    def __init__(self, settings=None):
        self._local = threading.local()
        self._generation = 0
        self._keepers = {}  # shared in-memory test DB name -> keep-alive connection
        self._snapshot = None  # DATABASES as the current connections saw it
        # Django's ConnectionHandler(settings): a handler of its own databases
        # (None: follow settings.DATABASES, as django.db.connections does).
        self._databases = settings

    def _settings_databases(self):
        return settings.DATABASES if self._databases is None else self._databases

    @property
    def settings(self):
        """Every alias's settings, with Django's defaults filled in."""
        return {alias: self.settings_for(alias) for alias in self}

    def create_connection(self, alias):
        """A new DatabaseWrapper for `alias` (not the thread's shared one)."""
        return djscratch.db.backends.sqlite.DatabaseWrapper(
            self.settings_for(alias), alias)

    def _wrappers(self):
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            for wrapper in getattr(local, "wrappers", {}).values():
                wrapper.close()
            local.wrappers = {}
            local.generation = self._generation
        return local.wrappers

    def __getitem__(self, alias):
        local = self._local
        try:
            if local.generation == self._generation and self._snapshot is not None:
                return local.wrappers[alias]
        except (AttributeError, KeyError):
            pass
        if self._snapshot is None:
            import copy

            self._snapshot = copy.deepcopy(self._settings_databases())
        wrappers = self._wrappers()
        wrapper = wrappers.get(alias)
        if wrapper is None:
            wrapper = wrappers[alias] = self.create_connection(alias)
        return wrapper

    def __setitem__(self, alias, wrapper):
        self._wrappers()[alias] = wrapper

    def __delitem__(self, alias):
        del self._wrappers()[alias]

    def settings_for(self, alias):
        databases = self._settings_databases()
        if alias not in databases:
            if alias == DEFAULT_DB_ALIAS and not databases:
                raise ImproperlyConfigured(
                    "settings.DATABASES is improperly configured. Please supply "
                    "the ENGINE value. Check settings documentation for more details.")
            raise ConnectionDoesNotExist("The connection '%s' doesn't exist." % alias)
        conf = databases[alias]
        engine = conf.get("ENGINE") or "django.db.backends.sqlite3"
        if engine not in ("django.db.backends.sqlite3", "djscratch.sqlite3"):
            raise ImproperlyConfigured(
                "djscratch supports only SQLite; DATABASES[%r]['ENGINE'] is %r "
                "(use 'django.db.backends.sqlite3')." % (alias, engine))
        # Django's ConnectionHandler.configure_settings() defaults, but for
        # CONN_MAX_AGE: djscratch keeps a connection open unless it is set to 0
        # (see close_old_connections).
        for key, default in (("ATOMIC_REQUESTS", False), ("AUTOCOMMIT", True),
                             ("CONN_HEALTH_CHECKS", False),
                             ("TIME_ZONE", None), ("NAME", ""), ("USER", ""),
                             ("PASSWORD", ""), ("HOST", ""), ("PORT", "")):
            conf.setdefault(key, default)
        conf.setdefault("OPTIONS", {})
        test = conf.setdefault("TEST", {})
        for key in ("CHARSET", "COLLATION", "MIRROR", "NAME"):
            test.setdefault(key, None)
        test.setdefault("MIGRATE", True)
        return conf

    def __iter__(self):
        return iter(self._settings_databases())

    def all(self, initialized_only=False):
        if initialized_only:
            return list(self._wrappers().values())
        return [self[alias] for alias in self]

    def close_all(self):
        for wrapper in self._wrappers().values():
            wrapper.close()

    def reset(self, databases=_MISSING_DATABASES):
        """Forget every thread's wrappers (done when DATABASES changes).

        Given the new DATABASES value, do nothing if it equals the one the
        current connections were opened with.
        """
        if databases is not _MISSING_DATABASES and databases == self._snapshot:
            return
        self._generation += 1
        self._snapshot = None


class ConnectionDoesNotExist(Exception):
    pass


connections = ConnectionHandler()


def _databases_changed(setting=None, value=None, **kwargs):
    if setting == "DATABASES":
        connections.reset(value)


setting_changed.connect(_databases_changed, dispatch_uid="djscratch_databases")


def reset_queries(**kwargs):
    """Empty every connection's query log (done at the start of each request)."""
    # The thread's wrappers as all(initialized_only=True) lists them, read
    # in place: this runs on every request, mostly with nothing to clear.
    for wrapper in connections._wrappers().values():
        wrapper.queries_log.clear()


def close_old_connections(**kwargs):
    """At request boundaries: close connections whose CONN_MAX_AGE is 0.

    djscratch keeps a thread's SQLite connection open across requests unless
    DATABASES[alias]["CONN_MAX_AGE"] is explicitly 0; a connection left in a
    broken transaction is closed either way.
    """
    wrappers = connections._wrappers()
    if not wrappers:
        return  # (every request ends here until a query opens a connection)
    for wrapper in list(wrappers.values()):
        if wrapper.in_atomic_block:
            continue
        if wrapper.settings_dict.get("CONN_MAX_AGE", None) == 0 or (
                wrapper.connection is not None and wrapper.connection.in_transaction
                and wrapper.get_autocommit()):
            wrapper.close()


def _thread_wrappers():
    """This thread's DatabaseWrappers (a dict), or None before its first."""
    return getattr(connections._local, "wrappers", None)


# A thread that never opened a connection has nothing to reset or close:
# Signal.send() skips these receivers there (see _send_remembered).
reset_queries._djscratch_pending = _thread_wrappers
close_old_connections._djscratch_pending = _thread_wrappers

# Connected by the functions themselves, as Django does, so that
# request_finished.disconnect(close_old_connections) (Django's test client,
# Celery, tests) finds them.
request_started.connect(reset_queries)
request_started.connect(close_old_connections)
request_finished.connect(close_old_connections)


class _ConnectionProxy:
    """`connection`: the default alias's wrapper for the current thread."""

    def __getattr__(self, name):
        return getattr(connections[DEFAULT_DB_ALIAS], name)

    def __setattr__(self, name, value):
        setattr(connections[DEFAULT_DB_ALIAS], name, value)

    def __delattr__(self, name):
        delattr(connections[DEFAULT_DB_ALIAS], name)

    def __eq__(self, other):
        return connections[DEFAULT_DB_ALIAS] == other

    def __hash__(self):
        return hash(connections[DEFAULT_DB_ALIAS])

    def __repr__(self):
        return repr(connections[DEFAULT_DB_ALIAS])


connection = _ConnectionProxy()


class ConnectionRouter:
    """django.db.router: which database a model reads from and writes to.

    Asks each router of settings.DATABASE_ROUTERS (or of `routers`) in turn;
    the first answer that is not None wins.  Without one, a model instance's
    own database (the `instance` hint) is used, else "default".
    """

    def __init__(self, routers=None):
        self._routers = routers

    @cached_property
    def routers(self):
        if self._routers is None:
            self._routers = settings.DATABASE_ROUTERS
        return [
            import_string(router)() if isinstance(router, str) else router
            for router in self._routers
        ]

    def _route_db(self, action, model, hints):
        for router in self.routers:
            method = getattr(router, action, None)
            if method is not None:
                chosen_db = method(model, **hints)
                if chosen_db:
                    return chosen_db
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        return DEFAULT_DB_ALIAS

    def db_for_read(self, model, **hints):
        return self._route_db("db_for_read", model, hints)

    def db_for_write(self, model, **hints):
        return self._route_db("db_for_write", model, hints)

    def allow_relation(self, obj1, obj2, **hints):
        for router in self.routers:
            method = getattr(router, "allow_relation", None)
            if method is not None:
                allow = method(obj1, obj2, **hints)
                if allow is not None:
                    return allow
        return obj1._state.db == obj2._state.db

    def allow_migrate(self, db, app_label, **hints):
        for router in self.routers:
            method = getattr(router, "allow_migrate", None)
            if method is not None:
                allow = method(db, app_label, **hints)
                if allow is not None:
                    return allow
        return True

    def allow_migrate_model(self, db, model):
        return self.allow_migrate(
            db, model._meta.app_label, model_name=model._meta.model_name, model=model)

    def get_migratable_models(self, app_config, db, include_auto_created=False):
        """The models of `app_config` that may be created in `db`."""
        models = app_config.get_models(include_auto_created=include_auto_created)
        return [model for model in models if self.allow_migrate_model(db, model)]


_router = ConnectionRouter()


def _routers_changed(setting=None, **kwargs):
    # As Django's test signals do: override_settings(DATABASE_ROUTERS=...)
    # takes effect at once.
    if setting == "DATABASE_ROUTERS":
        _router.__dict__.pop("routers", None)
        _router._routers = None


setting_changed.connect(_routers_changed, dispatch_uid="djscratch_routers")


def load_db_backend(backend_name):
    """The backend module for an ENGINE path; djscratch has only SQLite."""
    if backend_name not in ("django.db.backends.sqlite3", "djscratch.sqlite3"):
        raise ImproperlyConfigured(
            "djscratch supports only SQLite; %r isn't an available database "
            "backend (use 'django.db.backends.sqlite3')." % backend_name)
    import importlib

    return importlib.import_module("django.db.backends.sqlite3")
