"""DatabaseWrapper's and DatabaseCreation's methods a plain page's first
response never runs (transactions, savepoints, cursors, the test database):
the single file keeps them in a section, and the classes define them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import os
import sys
import threading

import djscratch

from djscratch.utils.log import _get_logger
from djscratch.utils.module_loading import import_string
from djscratch.conf import settings
from djscratch.db.utils import (
    connections, Error, IntegrityError, OperationalError, TransactionManagementError,
)
from djscratch.db.utils_extra import _raise_db_error
from djscratch.db.backends.sqlite import (
    CursorWrapper, _Introspection, _POPULATING, _interpolate,
    _query_during_app_init, quote_name,
)


class _DatabaseWrapperMore:
    """DatabaseWrapper's methods defined on first use (never instantiated)."""

    def connect(self):
        self.ensure_connection()

    def close(self):
        """Close the connection (rolling back an unfinished transaction)."""
        if self.connection is not None:
            conn, self.connection = self.connection, None
            try:
                conn.close()
            except Exception:
                pass
        self.in_atomic_block = False
        self.autocommit = True
        self._pending_begin = None
        self._reading_tx = False
        self.savepoint_ids = []
        self.needs_rollback = False
        self.run_on_commit = []

    def is_usable(self):
        return self.connection is not None

    def cursor(self):
        """Return a cursor taking Django's %s placeholders."""
        return CursorWrapper(self.ensure_connection().cursor(), self)

    def chunked_cursor(self):
        return self.cursor()

    # -- foreign key checks (loading data whose rows point forward)

    def disable_constraint_checking(self):
        """Turn foreign key checks off; return whether they are off (SQLite
        cannot turn them off inside a transaction)."""
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            enabled = cursor.execute("PRAGMA foreign_keys").fetchone()[0]
        return not enabled

    def enable_constraint_checking(self):
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")

    def check_constraints(self, table_names=None):
        """Raise IntegrityError, naming the row, for the first foreign key
        of `table_names` (every table by default) that points nowhere."""
        with self.cursor() as cursor:
            if table_names is None:
                violations = cursor.execute("PRAGMA foreign_key_check").fetchall()
            else:
                violations = [row for table in table_names for row in cursor.execute(
                    "PRAGMA foreign_key_check(%s)" % quote_name(table)).fetchall()]
            for table, rowid, referenced_table, index in violations:
                key = cursor.execute("PRAGMA foreign_key_list(%s)" % quote_name(
                    table)).fetchall()[index]
                column, referenced_column = key[3:5]
                pk_column = next((row[1] for row in cursor.execute(
                    "PRAGMA table_info(%s)" % quote_name(table)).fetchall()
                    if row[5]), "rowid")
                pk_value, bad_value = cursor.execute(
                    "SELECT %s, %s FROM %s WHERE rowid = %%s" % (
                        quote_name(pk_column), quote_name(column),
                        quote_name(table)), (rowid,)).fetchone()
                raise IntegrityError(
                    "The row in table '%s' with primary key '%s' has an invalid "
                    "foreign key: %s.%s contains a value '%s' that does not have "
                    "a corresponding value in %s.%s." % (
                        table, pk_value, table, column, bad_value,
                        referenced_table, referenced_column))

    @property
    def queries(self):
        if len(self.queries_log) == self.queries_log.maxlen:
            import warnings

            warnings.warn(
                "Limit for query logging exceeded, only the last {} queries "
                "will be returned.".format(self.queries_log.maxlen))
        return list(self.queries_log)

    def validate_no_broken_transaction(self):
        if self.needs_rollback:
            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't "
                "execute queries until the end of the 'atomic' block."
            ) from self.rollback_exc

    def _executemany(self, sql, param_list, cursor=None):
        if self.needs_rollback:
            self.validate_no_broken_transaction()
        if _POPULATING[0] is not None:
            _query_during_app_init()
        if cursor is None:
            cursor = self.ensure_connection().cursor()
        import time

        upgrading = (self._pending_begin is not None or self._reading_tx) and (
            self._lazy_begin(sql))
        start = time.monotonic()
        try:
            cursor.executemany(sql, param_list)
        except Exception as exc:
            try:
                _raise_db_error(exc)
            except OperationalError as error:
                if upgrading:
                    raise self._upgrade_error(error) from exc
                raise
        if self.queries_logged:
            self.queries_log.append({
                "sql": "%s times: %s" % (len(param_list), sql),
                "time": "%.3f" % (time.monotonic() - start)})
        return cursor

    def _log(self, sql, params, start):
        import time

        self.queries_log.append({
            "sql": _interpolate(sql, params),
            "time": "%.3f" % (time.monotonic() - start)})

    def _upgrade_error(self, exc):
        """A clearer error when a read-only transaction cannot start writing."""
        if "database is locked" not in str(exc):
            return exc
        return OperationalError(
            "database is locked: this transaction read before its first write "
            "and another transaction holds or took the write lock, so its reads "
            "may be stale (nothing was lost; retry). Begin the block with "
            "select_for_update() or a write, or set DATABASES[%r]['OPTIONS']"
            "['transaction_mode'] = 'IMMEDIATE'." % self.alias)

    def mark_for_update(self):
        """select_for_update(): a pending transaction begins IMMEDIATE."""
        if self._pending_begin is not None:
            self._lazy_begin("", for_update=True)

    def set_autocommit(self, autocommit,
                       force_begin_transaction_with_broken_autocommit=False):
        """Leave (False) or re-enter (True) autocommit mode."""
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        conn = self.ensure_connection()
        if not autocommit and self.autocommit:
            self._start_transaction()
        elif autocommit and not self.autocommit:
            self._end_pending()
            if conn.in_transaction:
                conn.execute("COMMIT")
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_and_clear_commit_hooks()
            self.run_commit_hooks_on_set_autocommit_on = False

    def _rollback_transaction(self):
        """ROLLBACK the open transaction; drop the on_commit callbacks."""
        self.run_on_commit = []
        pending = self._pending_begin is not None
        self._end_pending()
        if pending:
            self._log_tx("ROLLBACK")
        try:
            if self.connection is not None and self.connection.in_transaction:
                self._execute_tx("ROLLBACK")
        except Error:
            self.close()

    def atomic_blocks_depth(self):
        return len(self.atomic_blocks)

    def commit(self):
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        if self.connection is not None and self.connection.in_transaction:
            try:
                self.connection.execute("COMMIT")
            except Exception as exc:
                _raise_db_error(exc)
            if not self.autocommit:
                self._end_pending()
                self._start_transaction()
        elif self._pending_begin is not None:
            self._pending_begin = []
        self.run_and_clear_commit_hooks()

    def rollback(self):
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        if self.connection is not None and self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
            if not self.autocommit:
                self._end_pending()
                self._start_transaction()
        elif self._pending_begin is not None:
            self._pending_begin = []
        self.needs_rollback = False
        self.run_on_commit = []

    def savepoint(self):
        """Create a savepoint in the current transaction; return its id."""
        if self.get_autocommit() and not self.in_atomic_block:
            return None
        self.savepoint_state += 1
        sid = "s%s_x%d" % (threading.get_ident(), self.savepoint_state)
        if self._pending_begin is not None:
            self._pending_begin.append("SAVEPOINT %s" % quote_name(sid))
            self._log_tx("SAVEPOINT %s" % quote_name(sid))
        else:
            self._execute("SAVEPOINT %s" % quote_name(sid))
        return sid

    def _drop_pending_savepoint(self, sid, keep):
        """Forget a savepoint not yet sent (and the later ones); True if so."""
        statement = "SAVEPOINT %s" % quote_name(sid)
        if self._pending_begin is None or statement not in self._pending_begin:
            return False
        index = self._pending_begin.index(statement) + keep
        del self._pending_begin[index:]
        return True

    def savepoint_rollback(self, sid):
        if self._drop_pending_savepoint(sid, keep=1):
            self._log_tx("ROLLBACK TO SAVEPOINT %s" % quote_name(sid))
        else:
            self._execute_tx("ROLLBACK TO SAVEPOINT %s" % quote_name(sid))
        self.run_on_commit = [
            (sids, func, robust) for (sids, func, robust) in self.run_on_commit
            if sid not in sids]

    def savepoint_commit(self, sid):
        if self._drop_pending_savepoint(sid, keep=0):
            self._log_tx("RELEASE SAVEPOINT %s" % quote_name(sid))
        else:
            self._execute_tx("RELEASE SAVEPOINT %s" % quote_name(sid))

    def get_rollback(self):
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block.")
        return self.needs_rollback

    def set_rollback(self, rollback):
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block.")
        self.needs_rollback = rollback

    def on_commit(self, func, robust=False):
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.savepoint_ids or self.in_atomic_block:
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        elif not self.get_autocommit():
            raise TransactionManagementError(
                "on_commit() cannot be used in manual transaction management")
        else:
            self._run_hook(func, robust, "")

    @staticmethod
    def _run_hook(func, robust, when):
        if not robust:
            func()
            return
        try:
            func()
        except Exception as exc:
            _get_logger("django.db.backends.base").error(
                "Error calling %s in on_commit()%s (%s).",
                getattr(func, "__qualname__", func), when, exc, exc_info=True)

    def schema_editor(self, *args, **kwargs):
        """Return a schema editor (a context manager) for this connection."""
        return djscratch.db.backends.schema.DatabaseSchemaEditor(self, *args, **kwargs)

    def introspection_table_names(self):
        rows = self._execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'").fetchall()
        return sorted(r[0] for r in rows)

    @property
    def introspection(self):
        return _Introspection(self)


class _DatabaseCreationMore:
    """DatabaseCreation's methods defined on first use (never instantiated)."""

    def _get_test_db_name(self):
        settings_dict = self.connection.settings_dict
        test_name = (settings_dict.get("TEST") or {}).get("NAME") or ":memory:"
        if test_name == ":memory:":
            return "file:memorydb_%s?mode=memory&cache=shared" % self.connection.alias
        return test_name

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True,
                       keepdb=False):
        """Point the connection at a fresh test database, build its tables."""
        test_name = self._get_test_db_name()
        if verbosity >= 1:
            action = "Using existing" if keepdb else "Creating"
            shown = "'%s'" % self.connection.alias
            if not self.is_in_memory_db(test_name):
                shown += " ('%s')" % test_name
            print("%s test database for alias %s..." % (action, shown), file=sys.stderr)
        if not self.is_in_memory_db(test_name) and not keepdb:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(test_name + suffix):
                    os.remove(test_name + suffix)
        self.connection.close()
        databases = settings.DATABASES
        databases.setdefault(self.connection.alias, {})["NAME"] = test_name
        self.connection.settings_dict["NAME"] = test_name
        if self.is_in_memory_db(test_name):
            # Keep one connection open for the life of the test run: a shared
            # in-memory database disappears with its last connection.
            import sqlite3

            keeper = connections._keepers.get(test_name)
            if keeper is None:
                keeper = connections._keepers[test_name] = [sqlite3.connect(
                    test_name, uri=True, check_same_thread=False), 0]
            keeper[1] += 1  # nested create/destroy pairs share one database
        djscratch.db.schema_sync.sync_schema(using=self.connection.alias, verbosity=0)
        djscratch.db.schema_sync.emit_post_migrate_signal(
            0, False, self.connection.alias)
        djscratch.core.management.commands._create_test_cache_tables(
            self.connection.alias)
        if os.environ.get("RUNNING_DJANGOS_TEST_SUITE") == "true":
            self.mark_expected_failures_and_skips()
        return test_name

    def mark_expected_failures_and_skips(self):
        """Mark the tests of Django's own suite that its SQLite backend
        expects to fail, or skips (features.django_test_expected_failures
        and django_test_skips), in the installed test apps."""
        import unittest

        features = self.connection.features
        marks = [(name, unittest.expectedFailure)
                 for name in features.django_test_expected_failures]
        marks += [(name, unittest.skip(reason))
                  for reason, names in features.django_test_skips.items()
                  for name in names]
        for name, mark in marks:
            case_name, _, method_name = name.rpartition(".")
            if name.split(".")[0] not in settings.INSTALLED_APPS:
                continue  # importing a test app that is not installed fails
            case = import_string(case_name)
            setattr(case, method_name, mark(getattr(case, method_name)))

    def destroy_test_db(self, old_database_name=None, verbosity=1, keepdb=False,
                        suffix=None):
        """Close the test database, delete it (unless keepdb), restore NAME."""
        test_name = self.connection.settings_dict["NAME"]
        self.connection.close()
        if verbosity >= 1:
            action = "Preserving" if keepdb else "Destroying"
            print("%s test database for alias '%s'..." % (
                action, self.connection.alias), file=sys.stderr)
        keeper = connections._keepers.get(test_name)
        if keeper is not None:
            keeper[1] -= 1
            if keeper[1] <= 0:
                del connections._keepers[test_name]
                keeper[0].close()
        elif not keepdb and test_name and not self.is_in_memory_db(test_name):
            for suffix_ in ("", "-wal", "-shm"):
                if os.path.exists(test_name + suffix_):
                    os.remove(test_name + suffix_)
        if old_database_name is not None:
            settings.DATABASES[self.connection.alias]["NAME"] = old_database_name
            self.connection.settings_dict["NAME"] = old_database_name
