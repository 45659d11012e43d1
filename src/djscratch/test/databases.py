"""The test databases: created once per process for each
alias a test needs, flushed between TransactionTestCases.
"""

import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.management.commands.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.files.locks import lock, LOCK_EX
from djscratch.conf import ENVIRONMENT_VARIABLE, settings
from djscratch.utils.log import _get_logger
from djscratch.apps.registry import apps, setup
from djscratch.db.utils import connections
from djscratch.db.transaction import transaction
from djscratch.test.utils import _TestState, setup_test_environment


# -- The test database.  Created once per process for each alias a test
#    needs: by the runner before the run, or lazily by the first test class
#    that uses it (plain unittest, pytest).  The ORM's creation object does
#    the work, as in Django: connection.creation.create_test_db().

class _TestDatabases:
    #: alias -> (real name, test name) for each test database this process made
    made = {}


def _db_aliases(databases):
    if databases == "__all__":
        return list(connections)
    return [alias for alias in connections if alias in databases]


def _is_test_db(alias):
    """Return whether connections[alias] already points at a test database."""
    made = _TestDatabases.made.get(alias)
    return made is not None and connections[alias].settings_dict["NAME"] == made[1]


def _create_test_db(alias, verbosity=1, keepdb=False):
    if _is_test_db(alias):
        return
    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(
        verbosity=verbosity, autoclobber=True, keepdb=keepdb, serialize=False)
    _TestDatabases.made[alias] = (old_name, test_name)


def _destroy_test_db(alias, verbosity=1, keepdb=False):
    made = _TestDatabases.made.pop(alias, None)
    if made is not None:
        connections[alias].creation.destroy_test_db(made[0], verbosity, keepdb)


def setup_databases(verbosity, interactive, *, time_keeper=None, keepdb=False,
                    debug_sql=False, parallel=0, aliases=None, serialized_aliases=None,
                    **kwargs):
    """Create a test database for each alias (every configured one by
    default), as django.test.utils.setup_databases does for test tools such as
    pytest-django; return what teardown_databases() needs."""
    created = []
    for alias in sorted(aliases if aliases is not None else connections):
        _create_test_db(alias, verbosity=verbosity, keepdb=keepdb)
        created.append(alias)
    return created


def teardown_databases(old_config, verbosity, parallel=0, keepdb=False):
    """Destroy the test databases setup_databases() made (kept with keepdb)."""
    for alias in old_config or ():
        _destroy_test_db(alias, verbosity=verbosity, keepdb=keepdb)


def _ensure_test_databases(databases):
    """Create the test databases `databases` need, if no runner did (pytest).

    They live until the process ends (an in-memory database, unless the
    settings name a TEST NAME file, which is then kept as with --keepdb).
    """
    missing = [a for a in _db_aliases(databases) if not _is_test_db(a)]
    if missing and _TestState.saved is None:
        setup_test_environment()
    for alias in missing:
        _create_test_db(alias, verbosity=0)


def _prepare_for_database_tests():
    """Make settings and the app registry ready before a database test class."""
    if not settings.configured:
        djscratch.core.management.commands._ensure_settings()  # a manage.py in the current folder names them  # noqa: E501
    if not settings.configured and not os.environ.get(ENVIRONMENT_VARIABLE):
        raise ImproperlyConfigured(
            "Database tests need settings: create the App (or call "
            "settings.configure()) in the test module, or set "
            f"{ENVIRONMENT_VARIABLE}, before the tests run.")
    if not apps.ready:
        setup()


class DatabaseOperationForbidden(AssertionError):
    """A test touched a database it did not declare in `databases`."""


class _DatabaseFailure:
    def __init__(self, wrapped, message):
        self.wrapped = wrapped
        self.message = message

    def __call__(self, *args, **kwargs):
        raise DatabaseOperationForbidden(self.message)


def _orm_present():
    return True


def _existing_tables(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in cursor.fetchall()}


def _model_tables():
    # Every registered model, installed app or not (djscratch lets a model
    # name any app_label); tables that do not exist are skipped by the caller.
    tables = []
    for model in [m for models in list(apps.all_models.values())
                  for m in list(models.values())]:
        meta = model._meta
        if getattr(meta, "managed", True) and not getattr(meta, "proxy", False):
            tables.append(meta.db_table)
        for field in getattr(meta, "local_many_to_many", ()):
            through = getattr(getattr(field, "remote_field", None), "through", None)
            through_meta = getattr(through, "_meta", None)
            if through_meta is not None and through_meta.auto_created:
                tables.append(through_meta.db_table)
    return tables


def _flush_tables(connection):
    """Delete every row of every model table (TransactionTestCase teardown)."""
    existing = _existing_tables(connection)
    tables = [t for t in dict.fromkeys(_model_tables()) if t in existing]
    if not tables:
        return
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                cursor.execute('DELETE FROM "%s"' % table.replace('"', '""'))


def _reset_sequences(connection):
    existing = _existing_tables(connection)
    if "sqlite_sequence" not in existing:
        return
    tables = [t for t in _model_tables() if t in existing]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])


def is_pickable(obj):
    """Whether `obj` survives pickle.dumps() and loads() (Django's parallel
    runner needs a test's failures to)."""
    import pickle

    try:
        pickle.loads(pickle.dumps(obj))
    except (AttributeError, TypeError, pickle.PickleError):
        return False
    return True


class SerializeMixin:
    """Run the test cases that share `lockfile` one at a time (a lock on the
    file held from setUpClass to the class's cleanup).  Put it first in the
    bases, before the TestCase class."""

    lockfile = None

    def __init_subclass__(cls, /, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.lockfile is None:
            raise ValueError(
                "{}.lockfile isn't set. Set it to a unique value "
                "in the base class.".format(cls.__name__))

    @classmethod
    def setUpClass(cls):
        cls._lockfile = open(cls.lockfile)
        cls.addClassCleanup(cls._lockfile.close)
        lock(cls._lockfile, LOCK_EX)
        super().setUpClass()


class _TestData:
    """Give each test its own deep copy of a class attribute set in setUpTestData.

    Copies share one memo per test, so objects that referred to each other
    still do.
    """

    def __init__(self, name, data):
        self.name = name
        self.data = data

    def __get__(self, instance, owner):
        import copy

        if instance is None:
            return self.data
        memo = instance.__dict__.setdefault("_testdata_memo", {})
        data = copy.deepcopy(self.data, memo)
        setattr(instance, self.name, data)
        return data

    def __repr__(self):
        return f"<TestData: name={self.name!r}, data={self.data!r}>"


def _run_on_commit_callback(callback, robust):
    if not robust:
        callback()
        return
    try:
        callback()
    except Exception as err:
        _get_logger("django.test").error(
            "Error calling %s in on_commit() (%s).",
            getattr(callback, "__qualname__", callback), err, exc_info=True)
