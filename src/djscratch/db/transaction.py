"""atomic(), on_commit() and savepoints
(django/db/transaction.py).
"""

from djscratch.db.utils import (
    connections, DatabaseError, DEFAULT_DB_ALIAS, Error, TransactionManagementError,
)

__all__ = [
    "transaction", "atomic", "on_commit", "non_atomic_requests",
]


# -- Transactions (django.db.transaction)


class Atomic:
    """atomic(): a transaction, or a savepoint when nested (decorator or `with`).

    On success the outermost block commits and runs on_commit() callbacks; on
    an exception it rolls back and re-raises.  A nested block rolls back to
    its savepoint only; with savepoint=False an error marks the whole outer
    transaction for rollback.
    """

    def __init__(self, using=None, savepoint=True, durable=False):
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        self._from_testcase = False

    def __call__(self, func):
        import functools

        @functools.wraps(func)
        def inner(*args, **kwargs):
            with self.__class__(self.using, self.savepoint, self.durable):
                return func(*args, **kwargs)

        return inner

    def __enter__(self):
        db = connections[self.using or DEFAULT_DB_ALIAS]
        if (self.durable and db.atomic_blocks_depth()
                and not getattr(db.atomic_blocks[-1], "_from_testcase", False)):
            raise RuntimeError(
                "A durable atomic block cannot be nested within another atomic block.")
        if not db.in_atomic_block:
            db.commit_on_exit = True
            db.needs_rollback = False
            if not db.get_autocommit():
                db.in_atomic_block = True
                db.commit_on_exit = False
        if db.in_atomic_block:
            if self.savepoint and not db.needs_rollback:
                sid = db.savepoint()
                db.savepoint_ids.append(sid)
            else:
                db.savepoint_ids.append(None)
        else:
            db.ensure_connection()
            db._start_transaction()
            db.autocommit = False
            db.in_atomic_block = True
        db.atomic_blocks.append(self)

    def __exit__(self, exc_type, exc_value, traceback):
        db = connections[self.using or DEFAULT_DB_ALIAS]
        db.atomic_blocks.pop()
        if db.savepoint_ids:
            sid = db.savepoint_ids.pop()
        else:
            sid = None
            db.in_atomic_block = False  # early, so commit/rollback are allowed
        try:
            if db.connection is None:
                db.needs_rollback = False  # closed inside the block: nothing to do
            elif exc_type is None and not db.needs_rollback:
                if not db.in_atomic_block:
                    try:
                        db._commit_transaction()
                    except DatabaseError:
                        db._rollback_transaction()
                        raise
                elif sid is not None:
                    try:
                        db.savepoint_commit(sid)
                    except DatabaseError:
                        try:
                            db.savepoint_rollback(sid)
                            db.savepoint_commit(sid)
                        except Error:
                            db.needs_rollback = True
                        raise
            else:
                db.needs_rollback = False
                if db.in_atomic_block:
                    if sid is None:
                        db.needs_rollback = True
                        if exc_value is not None:
                            db.rollback_exc = exc_value
                    else:
                        try:
                            db.savepoint_rollback(sid)
                            db.savepoint_commit(sid)
                        except Error:
                            db.needs_rollback = True
                else:
                    db._rollback_transaction()
        finally:
            if not db.in_atomic_block:
                db.autocommit = True  # the outermost block ends
                if db.run_commit_hooks_on_set_autocommit_on:
                    db.run_commit_hooks_on_set_autocommit_on = False
                    db.run_and_clear_commit_hooks()
            elif not db.savepoint_ids and not db.commit_on_exit:
                db.in_atomic_block = False  # a manual transaction goes on


def atomic(using=None, savepoint=True, durable=False):
    """Run a block or a function in a transaction (savepoint when nested)."""
    if callable(using):
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def on_commit(func, using=None, robust=False):
    """Call `func` after the current transaction commits (now, if none)."""
    connections[using or DEFAULT_DB_ALIAS].on_commit(func, robust)


def get_autocommit(using=None):
    return connections[using or DEFAULT_DB_ALIAS].get_autocommit()


def set_autocommit(autocommit, using=None):
    return connections[using or DEFAULT_DB_ALIAS].set_autocommit(autocommit)


def commit(using=None):
    connections[using or DEFAULT_DB_ALIAS].commit()


def rollback(using=None):
    connections[using or DEFAULT_DB_ALIAS].rollback()


def savepoint(using=None):
    return connections[using or DEFAULT_DB_ALIAS].savepoint()


def savepoint_rollback(sid, using=None):
    connections[using or DEFAULT_DB_ALIAS].savepoint_rollback(sid)


def savepoint_commit(sid, using=None):
    connections[using or DEFAULT_DB_ALIAS].savepoint_commit(sid)


def get_rollback(using=None):
    return connections[using or DEFAULT_DB_ALIAS].get_rollback()


def set_rollback(rollback, using=None):
    return connections[using or DEFAULT_DB_ALIAS].set_rollback(rollback)


def mark_for_rollback_on_error(using=None):
    """Context manager: mark the transaction for rollback if the block raises."""
    import contextlib

    @contextlib.contextmanager
    def manager():
        try:
            yield
        except Exception as exc:
            db = connections[using or DEFAULT_DB_ALIAS]
            if db.in_atomic_block:
                db.needs_rollback = True
                db.rollback_exc = exc
            raise

    return manager()


def non_atomic_requests(using=None):
    """Exempt a view from ATOMIC_REQUESTS (for `using`, default "default"):
    @non_atomic_requests or @non_atomic_requests(using="other")."""
    if callable(using):
        return _non_atomic_requests(using, DEFAULT_DB_ALIAS)
    return lambda view: _non_atomic_requests(view, using or DEFAULT_DB_ALIAS)


def _non_atomic_requests(view, using):
    try:
        view._non_atomic_requests.add(using)
    except AttributeError:
        view._non_atomic_requests = {using}
    return view


class _TransactionModule:
    """`django.db.transaction` as an object, for `from django.db import transaction`."""

    atomic = staticmethod(atomic)
    on_commit = staticmethod(on_commit)
    get_autocommit = staticmethod(get_autocommit)
    set_autocommit = staticmethod(set_autocommit)
    commit = staticmethod(commit)
    rollback = staticmethod(rollback)
    savepoint = staticmethod(savepoint)
    savepoint_rollback = staticmethod(savepoint_rollback)
    savepoint_commit = staticmethod(savepoint_commit)
    get_rollback = staticmethod(get_rollback)
    set_rollback = staticmethod(set_rollback)
    mark_for_rollback_on_error = staticmethod(mark_for_rollback_on_error)
    non_atomic_requests = staticmethod(non_atomic_requests)
    Atomic = Atomic
    TransactionManagementError = TransactionManagementError

    def __repr__(self):
        return "<module 'django.db.transaction' (djscratch)>"


transaction = _TransactionModule()

