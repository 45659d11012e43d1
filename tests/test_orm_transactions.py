"""Connections and transactions: atomic, savepoints, on_commit, concurrency."""

import os
import tempfile
import threading
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import (
    IntegrityError, connection, connections, models, transaction)
from django.db.transaction import TransactionManagementError

from djscratch import override_settings, sync_schema
from tests import TEST_SETTINGS, populate_registry
from tests.orm_support import (
    CaptureQueries, DatabaseTestCase, define_models, SentTransactionStatements,
)

with define_models():

    class Account(models.Model):
        name = models.CharField(max_length=20, unique=True)
        balance = models.IntegerField(default=0)

        class Meta:
            app_label = "orm_transactions"


class AtomicTests(DatabaseTestCase):
    models = [Account]

    def test_atomic_commits_on_success(self):
        with transaction.atomic():
            Account.objects.create(name="a")
        self.assertEqual(Account.objects.count(), 1)
        self.assertTrue(transaction.get_autocommit())

    def test_atomic_rolls_back_on_exception(self):
        with self.assertRaises(ValueError):
            with transaction.atomic():
                Account.objects.create(name="a")
                raise ValueError
        self.assertEqual(Account.objects.count(), 0)

    def test_atomic_as_decorator(self):
        @transaction.atomic
        def make():
            Account.objects.create(name="a")
            raise KeyError

        with self.assertRaises(KeyError):
            make()
        self.assertEqual(Account.objects.count(), 0)

    def test_nested_atomic_rolls_back_to_savepoint(self):
        with transaction.atomic():
            Account.objects.create(name="outer")
            try:
                with transaction.atomic():
                    Account.objects.create(name="inner")
                    raise ValueError
            except ValueError:
                pass
            Account.objects.create(name="after")
        self.assertEqual(sorted(Account.objects.values_list("name", flat=True)),
                         ["after", "outer"])

    def test_integrity_error_inside_savepoint_keeps_outer_transaction(self):
        with transaction.atomic():
            Account.objects.create(name="a")
            with self.assertRaises(IntegrityError):
                with transaction.atomic():
                    Account.objects.create(name="a")
            Account.objects.create(name="b")
        self.assertEqual(Account.objects.count(), 2)

    def test_queries_after_error_without_savepoint_are_refused(self):
        with self.assertRaises(TransactionManagementError):
            with transaction.atomic():
                try:
                    with transaction.atomic(savepoint=False):
                        Account.objects.create(name="a")
                        raise ValueError
                except ValueError:
                    pass
                Account.objects.count()
        self.assertEqual(Account.objects.count(), 0)

    def test_set_rollback_and_get_rollback(self):
        with transaction.atomic():
            Account.objects.create(name="a")
            self.assertFalse(transaction.get_rollback())
            transaction.set_rollback(True)
        self.assertEqual(Account.objects.count(), 0)
        with self.assertRaisesRegex(TransactionManagementError,
                                    "doesn't work outside of an 'atomic' block"):
            transaction.get_rollback()

    def test_on_commit_runs_after_commit_only(self):
        calls = []
        transaction.on_commit(lambda: calls.append("now"))
        self.assertEqual(calls, ["now"])
        with transaction.atomic():
            transaction.on_commit(lambda: calls.append("committed"))
            self.assertEqual(calls, ["now"])
        self.assertEqual(calls, ["now", "committed"])
        with self.assertRaises(ValueError):
            with transaction.atomic():
                transaction.on_commit(lambda: calls.append("never"))
                raise ValueError
        self.assertEqual(calls, ["now", "committed"])

    def test_on_commit_in_rolled_back_savepoint_is_dropped(self):
        calls = []
        with transaction.atomic():
            try:
                with transaction.atomic():
                    transaction.on_commit(lambda: calls.append("inner"))
                    raise ValueError
            except ValueError:
                pass
            transaction.on_commit(lambda: calls.append("outer"))
        self.assertEqual(calls, ["outer"])

    def test_on_commit_in_a_callback_runs_after_that_callbacks_commit(self):
        calls = []

        def callback(i, add):
            with transaction.atomic():
                if add:
                    transaction.on_commit(lambda: callback(i + 10, False))
                Account.objects.create(name="a%d" % i)
                calls.append(i)

        with transaction.atomic():
            transaction.on_commit(lambda: callback(1, True))
            transaction.on_commit(lambda: callback(2, True))
        self.assertEqual(calls, [1, 11, 2, 12])
        self.assertEqual(connection.run_on_commit, [])
        self.assertTrue(connection.get_autocommit())

    def test_on_commit_in_manual_transaction_management_is_refused(self):
        transaction.set_autocommit(False)
        try:
            with self.assertRaisesRegex(
                    TransactionManagementError,
                    "^on_commit\\(\\) cannot be used in manual transaction "
                    "management$"):
                transaction.on_commit(lambda: None)
        finally:
            transaction.set_autocommit(True)

    def test_a_robust_callbacks_error_is_logged_saying_when(self):
        def failing():
            raise ValueError("robust")

        with self.assertLogs("django.db.backends.base", "ERROR") as logs:
            transaction.on_commit(failing, robust=True)
            with transaction.atomic():
                transaction.on_commit(failing, robust=True)
        name = failing.__qualname__
        self.assertEqual([r.getMessage() for r in logs.records], [
            "Error calling %s in on_commit() (robust)." % name,
            "Error calling %s in on_commit() during transaction (robust)." % name])

    def test_durable_atomic_cannot_nest(self):
        with self.assertRaisesRegex(RuntimeError, "durable atomic block cannot be "
                                                  "nested"):
            with transaction.atomic():
                with transaction.atomic(durable=True):
                    pass

    def test_write_transactions_begin_immediate(self):
        with CaptureQueries() as ctx, SentTransactionStatements() as sent:
            with transaction.atomic():
                Account.objects.create(name="a")
        self.assertEqual(sent.sent, ["BEGIN IMMEDIATE", "COMMIT"])
        # connection.queries shows what Django sends, when it sends it.
        sqls = [q["sql"] for q in ctx.captured_queries]
        self.assertEqual([sqls[0], sqls[-1]], ["BEGIN", "COMMIT"])

    def test_queries_are_logged_with_params_when_debug(self):
        with override_settings(DEBUG=True):
            connection.queries_log.clear()
            Account.objects.filter(name="o'k").count()
            self.assertEqual(connection.queries[-1]["sql"],
                             "SELECT COUNT(*) FROM \"orm_transactions_account\" WHERE "
                             "\"orm_transactions_account\".\"name\" = 'o''k'")
        connection.queries_log.clear()
        Account.objects.count()
        self.assertEqual(connection.queries, [])


class ConnectionTests(unittest.TestCase):
    def test_connection_is_per_thread(self):
        with override_settings(**TEST_SETTINGS, DATABASES={
                "default": {"ENGINE": "django.db.backends.sqlite3",
                            "NAME": ":memory:"}}):
            mine = connections["default"]
            other = []
            thread = threading.Thread(target=lambda: other.append(
                connections["default"]))
            thread.start()
            thread.join()
            self.assertIsNot(mine, other[0])

    def test_new_databases_setting_opens_a_new_connection(self):
        with tempfile.TemporaryDirectory() as tmp:
            first = {"default": {"NAME": os.path.join(tmp, "a.sqlite3")}}
            second = {"default": {"NAME": os.path.join(tmp, "b.sqlite3")}}
            with override_settings(**TEST_SETTINGS, DATABASES=first):
                sync_schema(models=[Account], verbosity=0)
                Account.objects.create(name="in a")
                with override_settings(DATABASES=second):
                    sync_schema(models=[Account], verbosity=0)
                    self.assertEqual(Account.objects.count(), 0)
                self.assertEqual(Account.objects.count(), 1)
                connection.close()

    def test_file_database_uses_wal_busy_timeout_and_foreign_keys(self):
        with tempfile.TemporaryDirectory() as tmp:
            databases = {"default": {"NAME": os.path.join(tmp, "db.sqlite3"),
                                     "OPTIONS": {"timeout": 7,
                                                  "init_command":
                                                  "PRAGMA cache_size=-1000"}}}
            with override_settings(**TEST_SETTINGS, DATABASES=databases):
                with connection.cursor() as cursor:
                    self.assertEqual(cursor.execute("PRAGMA journal_mode").fetchone(),
                                     ("wal",))
                    self.assertEqual(cursor.execute("PRAGMA busy_timeout").fetchone(),
                                     (7000,))
                    self.assertEqual(cursor.execute("PRAGMA foreign_keys").fetchone(),
                                     (1,))
                    self.assertEqual(cursor.execute("PRAGMA cache_size").fetchone(),
                                     (-1000,))
                connection.close()

    def test_bad_transaction_mode_is_refused(self):
        from django.core.exceptions import ImproperlyConfigured

        databases = {"default": {"NAME": ":memory:",
                                 "OPTIONS": {"transaction_mode": "LAZY"}}}
        with override_settings(**TEST_SETTINGS, DATABASES=databases):
            with self.assertRaisesRegex(ImproperlyConfigured, "transaction_mode"):
                connection.cursor()

    def test_non_sqlite_engine_is_refused_by_name(self):
        from django.core.exceptions import ImproperlyConfigured

        databases = {"default": {"ENGINE": "django.db.backends.postgresql",
                                 "NAME": "x"}}
        with override_settings(**TEST_SETTINGS, DATABASES=databases):
            with self.assertRaisesRegex(ImproperlyConfigured, "postgresql"):
                connection.cursor()

    def test_concurrent_increments_in_atomic_blocks_are_not_lost(self):
        with tempfile.TemporaryDirectory() as tmp:
            databases = {"default": {"NAME": os.path.join(tmp, "db.sqlite3")}}
            with override_settings(**TEST_SETTINGS, DATABASES=databases):
                sync_schema(models=[Account], verbosity=0)
                account = Account.objects.create(name="shared")
                errors = []

                def work():
                    try:
                        for _ in range(20):
                            with transaction.atomic():
                                # select_for_update(): the block begins with
                                # the write lock, as a write would.
                                row = Account.objects.select_for_update().get(
                                    pk=account.pk)
                                row.balance += 1
                                row.save(update_fields=["balance"])
                    except Exception as exc:  # pragma: no cover - reported below
                        errors.append(exc)
                    finally:
                        connection.close()

                threads = [threading.Thread(target=work) for _ in range(4)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                self.assertEqual(errors, [])
                self.assertEqual(Account.objects.get(pk=account.pk).balance, 80)
                connection.close()


class TestDatabaseTests(unittest.TestCase):
    def test_create_test_db_never_touches_the_real_database(self):
        populate_registry()  # creating the tables asks which apps are installed
        with tempfile.TemporaryDirectory() as tmp:
            real = os.path.join(tmp, "real.sqlite3")
            # A test database name of its own: the suite's runner may be using
            # the default one ("file:memorydb_default?mode=memory&cache=shared").
            memory_name = "file:memorydb_orm_creation?mode=memory&cache=shared"
            databases = {"default": {"NAME": real, "TEST": {"NAME": memory_name}}}
            with override_settings(**TEST_SETTINGS, DATABASES=databases):
                old_name = connection.settings_dict["NAME"]
                test_name = connection.creation.create_test_db(verbosity=0)
                self.assertEqual(test_name, memory_name)
                Account.objects.create(name="only in test db")
                seen = []
                thread = threading.Thread(
                    target=lambda: seen.append(Account.objects.count()))
                thread.start()
                thread.join()
                self.assertEqual(seen, [1])  # the in-memory test DB is shared
                connection.creation.destroy_test_db(old_name, verbosity=0)
                self.assertEqual(connection.settings_dict["NAME"], real)
                self.assertFalse(os.path.exists(real))
                connection.close()

    def test_settings_without_a_name_get_djangos_defaults_and_a_test_database(self):
        # Django's own tests/test_sqlite.py names only the ENGINE.
        databases = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
        with override_settings(**TEST_SETTINGS, DATABASES=databases):
            conf = connection.settings_dict
            self.assertEqual(
                {k: conf[k] for k in ("NAME", "USER", "ATOMIC_REQUESTS",
                                      "AUTOCOMMIT", "TIME_ZONE")},
                {"NAME": "", "USER": "", "ATOMIC_REQUESTS": False,
                 "AUTOCOMMIT": True, "TIME_ZONE": None})
            # djscratch keeps connections open across requests unless
            # CONN_MAX_AGE is set to 0 (Django's default is 0).
            self.assertNotIn("CONN_MAX_AGE", conf)
            self.assertEqual(conf["TEST"], {"CHARSET": None, "COLLATION": None,
                                            "MIGRATE": True, "MIRROR": None,
                                            "NAME": None})
            test_name = connection.creation._get_test_db_name()
            self.assertEqual(test_name,
                             "file:memorydb_default?mode=memory&cache=shared")

    def test_default_in_memory_test_database_name_is_djangos(self):
        with override_settings(**TEST_SETTINGS, DATABASES={"default": {
                "NAME": ":memory:"}}):
            self.assertEqual(connection.creation._get_test_db_name(),
                             "file:memorydb_default?mode=memory&cache=shared")

    def test_features_are_available_for_skip_decorators(self):
        with override_settings(**TEST_SETTINGS, DATABASES={"default": {
                "NAME": ":memory:"}}):
            self.assertTrue(connection.features.supports_transactions)
            self.assertTrue(connection.features.uses_savepoints)
            self.assertEqual(connection.vendor, "sqlite")
