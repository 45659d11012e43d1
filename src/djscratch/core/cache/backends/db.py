"""DatabaseCache: entries in a table made by `createcachetable`
(django/core/cache/backends/db.py).  Columns cache_key (the primary key),
value (the pickled value in base64) and expires (a datetime stored as
DateTimeField stores it, so Django and djscratch can share the table).
"""

import base64
import datetime

from djscratch.conf import settings
from djscratch.utils.timezone import now
from djscratch.db.utils import connections, DatabaseError, _router
from djscratch.db.transaction import transaction
from djscratch.db.models.fields import _adapt_datetime, _convert_datetime
from djscratch.core.cache.backends.base import (
    _highest_pickle_protocol, _pickle, BaseCache, DEFAULT_TIMEOUT,
)

__all__ = ["BaseDatabaseCache", "DatabaseCache"]


class _CacheEntryOptions:
    """The `_meta` of the cache table, as a database router sees it."""

    def __init__(self, table):
        self.db_table = table
        self.app_label = "django_cache"
        self.model_name = "cacheentry"
        self.verbose_name = "cache entry"
        self.verbose_name_plural = "cache entries"
        self.object_name = "CacheEntry"
        self.abstract = False
        self.managed = True
        self.proxy = False
        self.swapped = False


class BaseDatabaseCache(BaseCache):
    """A cache kept in table LOCATION; cache_model_class stands for a model."""

    def __init__(self, table, params):
        super().__init__(params)
        self._table = table

        class CacheEntry:
            _meta = _CacheEntryOptions(table)

        self.cache_model_class = CacheEntry


class DatabaseCache(BaseDatabaseCache):
    """Keep entries in a database table (run `createcachetable` first)."""

    pickle_protocol = _highest_pickle_protocol

    def _connection(self, write):
        model = self.cache_model_class
        alias = (_router.db_for_write(model) if write
                 else _router.db_for_read(model))
        return alias, connections[alias]

    def _sql(self, connection, template):
        """Fill a statement's {table}, {key}, {value}, {expires} with quoted names."""
        qn = connection.ops.quote_name
        return template.format(table=qn(self._table), key=qn("cache_key"),
                               value=qn("value"), expires=qn("expires"))

    def get(self, key, default=None, version=None):
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys, version=None):
        if not keys:
            return {}
        key_map = {self.make_and_validate_key(key, version=version): key
                   for key in keys}
        _, connection = self._connection(write=False)
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(self._sql(
                connection, "SELECT {key}, {value}, {expires} FROM {table} "
                "WHERE {key} IN (%s)" % placeholders), list(key_map))
            rows = cursor.fetchall()
        result, expired = {}, []
        current = now()
        for key, value, expires in rows:
            if _convert_datetime(expires) < current:
                expired.append(key)
            else:
                result[key_map.get(key)] = _pickle().loads(base64.b64decode(
                    value.encode()))
        self._base_delete_many(expired)
        return result

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._base_set("set", key, value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._base_set("add", key, value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._base_set("touch", key, None, timeout)

    def _expiry(self, timeout):
        """Return the stored expiry for `timeout`, to the second."""
        moment = self.get_backend_timeout(timeout)
        if moment is None:
            expires = datetime.datetime.max
        else:
            tz = datetime.timezone.utc if settings.USE_TZ else None
            expires = datetime.datetime.fromtimestamp(moment, tz=tz)
        return expires.replace(microsecond=0)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        """Do set/add/touch in one transaction; return whether it stored."""
        alias, connection = self._connection(write=True)
        expires = self._expiry(timeout)
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, "SELECT COUNT(*) FROM {table}"))
            num = cursor.fetchone()[0]
            current = now().replace(microsecond=0)
            if num > self._max_entries:
                self._cull(alias, cursor, current, num)
            b64encoded = base64.b64encode(
                _pickle().dumps(value, self.pickle_protocol)).decode("latin1")
            try:
                with transaction.atomic(using=alias):
                    return self._write_row(
                        connection, cursor, mode, key, b64encoded, expires, current)
            except DatabaseError:
                # Concurrent writers may collide; a cache write may fail quietly.
                return False

    def _write_row(self, connection, cursor, mode, key, b64encoded, expires,
                   current):
        cursor.execute(self._sql(
            connection, "SELECT {key}, {expires} FROM {table} WHERE {key} = %s"),
            [key])
        row = cursor.fetchone()
        stored = _adapt_datetime(expires)
        if row and mode == "touch":
            cursor.execute(self._sql(
                connection, "UPDATE {table} SET {expires} = %s WHERE {key} = %s"),
                [stored, key])
        elif row and (mode == "set" or (
                mode == "add" and _convert_datetime(row[1]) < current)):
            cursor.execute(self._sql(
                connection,
                "UPDATE {table} SET {value} = %s, {expires} = %s WHERE {key} = %s"),
                [b64encoded, stored, key])
        elif mode != "touch":
            cursor.execute(self._sql(
                connection, "INSERT INTO {table} ({key}, {value}, {expires}) "
                "VALUES (%s, %s, %s)"), [key, b64encoded, stored])
        else:
            return False  # touch() of an absent key.
        return True

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._base_delete_many([key])

    def delete_many(self, keys, version=None):
        keys = [self.make_and_validate_key(key, version=version) for key in keys]
        self._base_delete_many(keys)

    def _base_delete_many(self, keys):
        if not keys:
            return False
        _, connection = self._connection(write=True)
        placeholders = ", ".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(self._sql(
                connection, "DELETE FROM {table} WHERE {key} IN (%s)" % placeholders),
                list(keys))
            return bool(cursor.rowcount)

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        _, connection = self._connection(write=False)
        current = now().replace(microsecond=0, tzinfo=None)
        with connection.cursor() as cursor:
            cursor.execute(self._sql(
                connection,
                "SELECT {key} FROM {table} WHERE {key} = %s and {expires} > %s"),
                [key, _adapt_datetime(current)])
            return cursor.fetchone() is not None

    def _cull(self, alias, cursor, current, num):
        """Delete expired rows, then the first 1/CULL_FREQUENCY by key."""
        if self._cull_frequency == 0:
            self.clear()
            return
        connection = connections[alias]
        cursor.execute(
            self._sql(connection, "DELETE FROM {table} WHERE {expires} < %s"),
            [_adapt_datetime(current)])
        remaining = num - cursor.rowcount
        if remaining <= self._max_entries:
            return
        cursor.execute(self._sql(
            connection, "SELECT {key} FROM {table} ORDER BY {key} LIMIT 1 OFFSET %s"),
            [remaining // self._cull_frequency])
        last_key = cursor.fetchone()
        if last_key:
            cursor.execute(
                self._sql(connection, "DELETE FROM {table} WHERE {key} < %s"),
                [last_key[0]])

    def clear(self):
        _, connection = self._connection(write=True)
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, "DELETE FROM {table}"))
