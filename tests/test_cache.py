"""The cache framework's backends and handler: Django's BaseCache API on the
locmem, file, database and dummy backends, CACHES and caches[], the
createcachetable command, the cache and cached_db session stores, and the
refusal of memcached and Redis.
"""

import asyncio
import io
import os
import pickle
import shutil
import tempfile
import time
import unittest
import warnings
from unittest import mock

from tests import TEST_SETTINGS, populate_registry

import djscratch  # noqa: F401
from django.core.cache import (
    DEFAULT_CACHE_ALIAS, CacheKeyWarning, InvalidCacheBackendError, cache, caches,
)
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

MEMORY_DB = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


def _key_func(key, key_prefix, version):
    return "CUSTOM-%s-%s-%s" % (key_prefix, version, key)


class Unpicklable:
    def __getstate__(self):
        raise pickle.PickleError("not this one")


class BackendContract:
    """The BaseCache API every storing backend honours (a mixin)."""

    def backend_settings(self):
        raise NotImplementedError

    def setUp(self):
        config = self.backend_settings()
        self.override = override_settings(**TEST_SETTINGS, DATABASES=MEMORY_DB, CACHES={
            "default": config,
            "prefixed": dict(config, KEY_PREFIX="cacheprefix"),
            "v2": dict(config, VERSION=2),
            "custom_key": dict(config, KEY_FUNCTION=_key_func),
            "custom_key_path": dict(config, KEY_FUNCTION="tests.test_cache._key_func"),
            "small": dict(config, OPTIONS={"MAX_ENTRIES": 30}),
            "zero_cull": dict(config, OPTIONS={"MAX_ENTRIES": 30,
                                               "CULL_FREQUENCY": 0}),
            "forever": dict(config, TIMEOUT=None),
            "bad_timeout": dict(config, TIMEOUT="soon"),
        })
        self.override.enable()
        self.addCleanup(self.override.disable)
        self.prepare()
        self.cache = caches["default"]
        self.addCleanup(self.cache.clear)

    def prepare(self):
        """Make what the backend needs (a table, a directory)."""

    def test_set_get_and_missing_default(self):
        self.cache.set("key", "value")
        self.assertEqual(self.cache.get("key"), "value")
        self.assertIsNone(self.cache.get("missing"))
        self.assertEqual(self.cache.get("missing", "fallback"), "fallback")

    def test_values_are_copies_not_shared_objects(self):
        value = {"list": [1, 2]}
        self.cache.set("key", value)
        value["list"].append(3)
        self.assertEqual(self.cache.get("key"), {"list": [1, 2]})

    def test_complex_values_round_trip(self):
        import datetime
        import decimal

        value = {"text": "café", "bytes": b"\x00\xff", "none": None,
                 "decimal": decimal.Decimal("1.50"), "tuple": (1, 2),
                 "date": datetime.date(2026, 1, 2)}
        self.cache.set("complex", value)
        self.assertEqual(self.cache.get("complex"), value)

    def test_add_only_when_absent(self):
        self.assertIs(self.cache.add("key", "first"), True)
        self.assertIs(self.cache.add("key", "second"), False)
        self.assertEqual(self.cache.get("key"), "first")

    def test_delete_returns_whether_the_key_was_there(self):
        self.cache.set("key", 1)
        self.assertIs(self.cache.delete("key"), True)
        self.assertIs(self.cache.delete("key"), False)
        self.assertIsNone(self.cache.get("key"))

    def test_has_key_and_in(self):
        self.cache.set("key", None)
        self.assertIs(self.cache.has_key("key"), True)
        self.assertIn("key", self.cache)
        self.assertNotIn("other", self.cache)
        self.assertIn("key", cache)  # the default-cache proxy

    def test_none_is_a_value_get_cannot_tell_from_missing(self):
        self.cache.set("key", None)
        self.assertIsNone(self.cache.get("key"))
        self.assertEqual(self.cache.get("key", "default"), None)

    def test_get_many_set_many_delete_many(self):
        self.assertEqual(self.cache.set_many({"a": 1, "b": 2, "c": 3}), [])
        self.assertEqual(self.cache.get_many(["a", "c", "x"]), {"a": 1, "c": 3})
        self.cache.delete_many(["a", "b"])
        self.assertEqual(self.cache.get_many(["a", "b", "c"]), {"c": 3})
        self.assertEqual(self.cache.get_many([]), {})

    def test_incr_decr(self):
        self.cache.set("n", 10)
        self.assertEqual(self.cache.incr("n"), 11)
        self.assertEqual(self.cache.incr("n", 5), 16)
        self.assertEqual(self.cache.decr("n"), 15)
        self.assertEqual(self.cache.decr("n", 10), 5)
        self.assertEqual(self.cache.get("n"), 5)
        with self.assertRaisesRegex(ValueError, "not found"):
            self.cache.incr("missing")
        with self.assertRaises(ValueError):
            self.cache.decr("missing")

    def test_get_or_set(self):
        self.assertEqual(self.cache.get_or_set("key", "default"), "default")
        self.assertEqual(self.cache.get_or_set("key", "other"), "default")
        self.assertEqual(self.cache.get_or_set("callable", lambda: "called"), "called")
        self.assertIsNone(self.cache.get_or_set("null", None))

    def test_versions(self):
        self.cache.set("key", "v1")
        self.cache.set("key", "v2", version=2)
        self.assertEqual(self.cache.get("key"), "v1")
        self.assertEqual(self.cache.get("key", version=2), "v2")
        self.assertEqual(caches["v2"].get("key"), "v2")
        self.assertEqual(caches["v2"].get("key", version=1), "v1")

    def test_incr_version_and_decr_version_move_the_value(self):
        self.cache.set("key", "value")
        self.assertEqual(self.cache.incr_version("key"), 2)
        self.assertIsNone(self.cache.get("key"))
        self.assertEqual(self.cache.get("key", version=2), "value")
        self.assertEqual(self.cache.decr_version("key", version=2), 1)
        self.assertEqual(self.cache.get("key"), "value")
        with self.assertRaises(ValueError):
            self.cache.incr_version("missing")

    def test_key_prefix_separates_caches_sharing_a_store(self):
        self.cache.set("key", "plain")
        prefixed = caches["prefixed"]
        self.assertIsNone(prefixed.get("key"))
        prefixed.set("key", "prefixed")
        self.assertEqual(self.cache.get("key"), "plain")
        self.assertEqual(prefixed.get("key"), "prefixed")

    def test_key_function_callable_and_dotted_path(self):
        for alias in ("custom_key", "custom_key_path"):
            with self.subTest(alias):
                custom = caches[alias]
                self.assertEqual(custom.make_key("k"), "CUSTOM--1-k")
                custom.set("k", alias)
                self.assertEqual(custom.get("k"), alias)
                self.assertIsNone(self.cache.get("k"))

    def test_timeout_zero_does_not_store(self):
        self.cache.set("key", "value", 0)
        self.assertIsNone(self.cache.get("key"))
        self.assertIs(self.cache.add("key2", "value", 0), True)
        self.assertIsNone(self.cache.get("key2"))

    def test_expiry_follows_the_clock(self):
        # Written 11 seconds ago (every backend reads the clock when writing).
        with mock.patch("time.time", return_value=time.time() - 11):
            self.cache.set("key", "value", 10)
            self.cache.set("fresh", "value", 60)
            self.cache.set("forever", "value", None)
        self.assertIsNone(self.cache.get("key"))
        self.assertIs(self.cache.has_key("key"), False)
        self.assertIs(self.cache.add("key", "again"), True)
        self.assertEqual(self.cache.get("fresh"), "value")
        self.assertEqual(self.cache.get("forever"), "value")

    def test_touch_extends_or_reports_missing(self):
        with mock.patch("time.time", return_value=time.time() - 50):
            self.cache.set("key", "value", 10)
            self.cache.set("other", "value", 10)
            self.assertIs(self.cache.touch("key", 100), True)
            self.assertIs(self.cache.touch("missing"), False)
        self.assertEqual(self.cache.get("key"), "value")
        self.assertIsNone(self.cache.get("other"))
        self.assertIs(self.cache.touch("other"), False)
        self.assertIs(self.cache.touch("key", None), True)
        self.assertEqual(self.cache.get("key"), "value")

    def test_timeout_setting_default_none_and_invalid(self):
        self.assertEqual(self.cache.default_timeout, 300)
        self.assertIsNone(caches["forever"].default_timeout)
        self.assertEqual(caches["bad_timeout"].default_timeout, 300)

    def test_clear(self):
        self.cache.set_many({"a": 1, "b": 2})
        self.cache.clear()
        self.assertEqual(self.cache.get_many(["a", "b"]), {})

    def test_culling_keeps_the_cache_below_max_entries(self):
        small = caches["small"]
        for i in range(1, 60):
            small.set("cull%d" % i, i)
        present = sum(small.has_key("cull%d" % i) for i in range(1, 60))
        self.assertLess(present, 60)
        self.assertGreater(present, 0)

    def test_zero_cull_frequency_clears_when_full(self):
        small = caches["zero_cull"]
        for i in range(1, 60):
            small.set("cull%d" % i, i)
        present = sum(small.has_key("cull%d" % i) for i in range(1, 60))
        self.assertLess(present, 30)

    def test_unpicklable_value_raises_and_stores_nothing(self):
        with self.assertRaises(pickle.PickleError):
            self.cache.set("key", Unpicklable())
        with self.assertRaises(pickle.PickleError):
            self.cache.add("key", Unpicklable())
        self.assertIsNone(self.cache.get("key"))

    def test_async_methods(self):
        async def run():
            await self.cache.aset("key", 1)
            await self.cache.aset_many({"a": 1, "b": 2})
            values = [await self.cache.aget("key"), await self.cache.aadd("key", 2),
                      await self.cache.aincr("key"), await self.cache.adecr("key"),
                      await self.cache.ahas_key("key"),
                      await self.cache.aget_many(["a", "b"]),
                      await self.cache.aget_or_set("new", "made"),
                      await self.cache.atouch("key"),
                      await self.cache.aincr_version("key"),
                      await self.cache.adecr_version("key", version=2),
                      await self.cache.adelete("key")]
            await self.cache.adelete_many(["a"])
            values.append(await self.cache.aget("a"))
            await self.cache.aclear()
            values.append(await self.cache.aget("b"))
            await self.cache.aclose()
            return values

        self.assertEqual(asyncio.run(run()), [
            1, False, 2, 1, True, {"a": 1, "b": 2}, "made", True, 2, 1, True, None,
            None])


class LocMemCacheTests(BackendContract, unittest.TestCase):
    def backend_settings(self):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "test-locmem"}

    def test_caches_with_one_location_share_entries(self):
        from django.core.cache.backends.locmem import LocMemCache

        LocMemCache("test-locmem", {}).set("shared", 1)
        self.assertEqual(self.cache.get("shared"), 1)
        self.assertIsNone(LocMemCache("elsewhere", {}).get("shared"))

    def test_culling_drops_the_least_recently_used(self):
        small = caches["small"]
        for i in range(30):
            small.set("k%d" % i, i)
        small.get("k0")  # k0 is now the most recently used
        small.set("new", "x")
        self.assertEqual(small.get("k0"), 0)
        self.assertIsNone(small.get("k1"))
        self.assertEqual(small.get("new"), "x")


class FileBasedCacheTests(BackendContract, unittest.TestCase):
    def backend_settings(self):
        self.dirname = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dirname, True)
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": os.path.join(self.dirname, "a", "b")}

    def test_each_entry_is_a_djcache_file_named_by_md5(self):
        import hashlib

        self.cache.set("key", "value")
        name = hashlib.md5(b":1:key").hexdigest() + ".djcache"
        self.assertEqual(os.listdir(os.path.join(self.dirname, "a", "b")), [name])

    def test_directories_are_created_private(self):
        for path in (os.path.join(self.dirname, "a"),
                     os.path.join(self.dirname, "a", "b")):
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o700)

    def test_a_removed_directory_is_made_again(self):
        shutil.rmtree(os.path.join(self.dirname, "a"))
        self.cache.set("key", "value")
        self.assertEqual(self.cache.get("key"), "value")

    def test_clear_keeps_files_that_are_not_entries(self):
        other = os.path.join(self.dirname, "a", "b", "keep.txt")
        with open(other, "w") as f:
            f.write("x")
        self.cache.set("key", "value")
        self.cache.clear()
        self.assertEqual(os.listdir(os.path.join(self.dirname, "a", "b")),
                         ["keep.txt"])

    def test_empty_file_counts_as_expired(self):
        self.cache.set("key", "value")
        path = self.cache._key_to_file("key")
        open(path, "wb").close()
        self.assertIsNone(self.cache.get("key"))
        self.assertFalse(os.path.exists(path))


class DatabaseCacheTests(BackendContract, unittest.TestCase):
    def backend_settings(self):
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "test_cache_table"}

    def prepare(self):
        call_command("createcachetable", verbosity=0)
        self.addCleanup(self._drop)

    def _drop(self):
        with connection.cursor() as cursor:
            cursor.execute('DROP TABLE IF EXISTS "test_cache_table"')

    def test_createcachetable_makes_the_table_once(self):
        out = io.StringIO()
        call_command("createcachetable", stdout=out)
        # Every alias of CACHES names the same table.
        self.assertEqual(set(out.getvalue().splitlines()),
                         {"Cache table 'test_cache_table' already exists."})
        self.assertIn("test_cache_table", connection.introspection.table_names())

    def test_createcachetable_with_a_table_name(self):
        out = io.StringIO()
        call_command("createcachetable", "named_table", verbosity=2, stdout=out)
        self.assertEqual(out.getvalue(), "Cache table 'named_table' created.\n")
        self.assertIn("named_table", connection.introspection.table_names())

    def test_createcachetable_asks_the_routers_allow_migrate(self):
        class ElsewhereRouter:
            def allow_migrate(self, db, app_label, model_name=None, **hints):
                if app_label == "django_cache":
                    return model_name == "cacheentry" and db == "other"
                return None

        with override_settings(DATABASE_ROUTERS=[ElsewhereRouter()]):
            call_command("createcachetable", "routed_table", verbosity=0)
        self.assertNotIn("routed_table", connection.introspection.table_names())

    def test_rows_hold_the_made_key_base64_pickle_and_expiry(self):
        import base64

        self.cache.set("key", [1, 2], None)
        with connection.cursor() as cursor:
            cursor.execute('SELECT cache_key, value, expires FROM "test_cache_table"')
            (key, value, expires), = cursor.fetchall()
        self.assertEqual(key, ":1:key")
        self.assertEqual(pickle.loads(base64.b64decode(value)), [1, 2])
        self.assertEqual(expires, "9999-12-31 23:59:59")

    def test_expired_rows_are_deleted_when_read(self):
        now = time.time()
        with mock.patch("time.time", return_value=now - 100):
            self.cache.set("key", "value", 10)
        self.assertIsNone(self.cache.get("key"))
        with connection.cursor() as cursor:
            cursor.execute('SELECT COUNT(*) FROM "test_cache_table"')
            self.assertEqual(cursor.fetchone()[0], 0)


@override_settings(**TEST_SETTINGS)
class TestDatabaseCacheTablesTests(unittest.TestCase):
    def test_a_new_test_database_gets_the_cache_tables(self):
        from django.db import connections

        populate_registry()  # creating a test database reads the installed apps

        databases = dict(MEMORY_DB, cachedb={
            "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:",
            "TEST": {"NAME": "file:cachedb?mode=memory&cache=shared"}})
        with override_settings(DATABASES=databases, CACHES={
                "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                            "LOCATION": "test_cache_table"},
                "dummy": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
                "refused": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
        }):
            creation = connections["cachedb"].creation
            old_name = connections["cachedb"].settings_dict["NAME"]
            creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            try:
                self.assertIn("test_cache_table",
                              connections["cachedb"].introspection.table_names())
            finally:
                creation.destroy_test_db(old_name, verbosity=0)


@override_settings(**TEST_SETTINGS, CACHES={
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
class DummyCacheTests(unittest.TestCase):
    def test_stores_nothing_but_answers_the_api(self):
        self.assertIsNone(cache.set("key", "value"))
        self.assertIsNone(cache.get("key"))
        self.assertIs(cache.add("key", "value"), True)
        self.assertIs(cache.has_key("key"), False)
        self.assertIs(cache.delete("key"), False)
        self.assertIs(cache.touch("key"), False)
        self.assertEqual(cache.get_many(["key"]), {})
        self.assertEqual(cache.set_many({"a": 1}), [])
        self.assertEqual(cache.get_or_set("key", "default"), "default")
        with self.assertRaises(ValueError):
            cache.incr("key")
        with self.assertRaises(ValueError):
            cache.incr_version("key")

    def test_keys_are_still_validated(self):
        with self.assertWarns(CacheKeyWarning):
            cache.get("key with space")


@override_settings(**TEST_SETTINGS)
class KeysAndHandlerTests(unittest.TestCase):
    def test_default_caches_setting_is_locmem(self):
        from django.conf import global_settings

        self.assertEqual(global_settings.CACHES, {"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
        self.assertEqual(type(caches[DEFAULT_CACHE_ALIAS]).__name__, "LocMemCache")

    def test_make_key_prefix_and_version(self):
        base = BaseCache({"KEY_PREFIX": "p", "VERSION": 4})
        self.assertEqual(base.make_key("k"), "p:4:k")
        self.assertEqual(base.make_key("k", version=7), "p:7:k")

    def test_key_warnings_name_memcached(self):
        base = BaseCache({})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            base.validate_key("a" * 251)
            base.validate_key("tab\there")
        self.assertEqual([w.category for w in caught], [CacheKeyWarning] * 2)
        self.assertIn("(longer than 250)", str(caught[0].message))
        self.assertEqual(
            str(caught[1].message),
            "Cache key contains characters that will cause errors if used with "
            "memcached: 'tab\\there'")

    def test_base_cache_requires_the_storage_methods(self):
        base = BaseCache({})
        for method, args in (("get", ("k",)), ("set", ("k", 1)), ("add", ("k", 1)),
                             ("delete", ("k",)), ("touch", ("k",)), ("clear", ())):
            with self.subTest(method), self.assertRaises(NotImplementedError):
                getattr(base, method)(*args)

    def test_default_timeout_is_a_sentinel_not_none(self):
        self.assertIsNotNone(DEFAULT_TIMEOUT)
        base = BaseCache({"TIMEOUT": 20})
        with mock.patch("time.time", return_value=1000.0):
            self.assertEqual(base.get_backend_timeout(), 1020.0)
            self.assertEqual(base.get_backend_timeout(0), 999.0)
            self.assertIsNone(base.get_backend_timeout(None))

    def test_unknown_alias_and_backend(self):
        with self.assertRaisesRegex(InvalidCacheBackendError,
                                    "The connection 'nope' doesn't exist."):
            caches["nope"]
        with override_settings(CACHES={"default": {
                "BACKEND": "django.core.cache.backends.locmem.Missing"}}):
            with self.assertRaisesRegex(InvalidCacheBackendError,
                                        "Could not find backend"):
                caches["default"]

    def test_one_backend_per_thread_and_alias(self):
        import threading

        seen = []
        thread = threading.Thread(target=lambda: seen.append(caches["default"]))
        thread.start()
        thread.join()
        self.assertIs(caches["default"], caches["default"])
        self.assertIsNot(seen[0], caches["default"])

    def test_changing_caches_setting_rebuilds_backends(self):
        before = caches["default"]
        with override_settings(CACHES={"default": {
                "BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
            self.assertEqual(type(caches["default"]).__name__, "DummyCache")
            self.assertEqual(type(cache._connections["default"]).__name__,
                             "DummyCache")
        self.assertIsNot(caches["default"], before)
        self.assertEqual(type(caches["default"]).__name__, "LocMemCache")

    def test_memcached_and_redis_are_refused_by_name(self):
        for backend in ("django.core.cache.backends.memcached.PyMemcacheCache",
                        "django.core.cache.backends.memcached.PyLibMCCache",
                        "django.core.cache.backends.redis.RedisCache"):
            with self.subTest(backend), override_settings(
                    CACHES={"default": {"BACKEND": backend}}):
                with self.assertRaisesRegex(InvalidCacheBackendError,
                                            "DJSCRATCH_ENGINE=django"):
                    caches["default"]

    def test_memcached_and_redis_classes_import_but_refuse_use(self):
        from django.core.cache.backends.memcached import PyMemcacheCache
        from django.core.cache.backends.redis import RedisCache, RedisCacheClient

        for make in (lambda: PyMemcacheCache("127.0.0.1:11211", {}),
                     lambda: RedisCache("redis://", {}),
                     lambda: RedisCacheClient(["redis://"])):
            with self.assertRaisesRegex(ImportError, "DJSCRATCH_ENGINE=django"):
                make()

    def test_page_keys_keep_dot_segments(self):
        # Django 5.2.20: "/a/../b/" must not share a key with "/b/", or one
        # path could fill the cache for the other.
        from django.test import RequestFactory
        from django.http import HttpResponse
        from django.utils.cache import get_cache_key, learn_cache_key

        factory = RequestFactory()
        for path, normalized in (("/a/../b/", "/b/"), ("/a/./b/", "/a/b/"),
                                 ("/a/..", "/"), ("/a/../b/?a=1", "/b/?a=1")):
            with self.subTest(path):
                prefix = "dots" + path
                request = factory.get(path)
                self.assertIn(path.partition("?")[0], request.build_absolute_uri())
                key = learn_cache_key(request, HttpResponse(), key_prefix=prefix)
                self.assertEqual(get_cache_key(request, key_prefix=prefix), key)
                self.assertIsNone(get_cache_key(factory.get(normalized),
                                                key_prefix=prefix))

    def test_lazy_text_is_a_response_body(self):
        from django.http import HttpResponse
        from django.utils.functional import lazy

        text = lazy(lambda: "tok", str)()
        self.assertEqual(list(text), ["t", "o", "k"])
        self.assertEqual((len(text), text[1:], "o" in text), (3, "ok", True))
        self.assertFalse(lazy(lambda: "", str)())
        self.assertEqual(HttpResponse(text).content, b"tok")

    def test_project_check_names_the_cache_backends_djscratch_lacks(self):
        from django.core.exceptions import ImproperlyConfigured

        with override_settings(CACHES={
            "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"},
            "files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"},
            "mine": {"BACKEND": "myproject.cache.MyCache"},
            "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
            "mc": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache"},
            "nope": {"BACKEND": "django.core.cache.backends.nope.NopeCache"},
        }):
            with self.assertRaises(ImproperlyConfigured) as ctx:
                djscratch.check_project_settings([])
        lines = [line for line in str(ctx.exception).splitlines()
                 if line.startswith("  - ")]
        self.assertEqual(lines, [
            "  - CACHES['redis'] BACKEND 'django.core.cache.backends.redis."
            "RedisCache' (the Redis cache backend)",
            "  - CACHES['mc'] BACKEND 'django.core.cache.backends.memcached."
            "PyMemcacheCache' (the memcached cache backends)",
            "  - CACHES['nope'] BACKEND 'django.core.cache.backends.nope.NopeCache'",
        ])

    def test_import_djscratch_does_not_load_pickle_or_tempfile(self):
        import subprocess
        import sys

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        code = ("import sys; sys.path.insert(0, %r); import djscratch; "
                "print(sorted(m for m in ('pickle', 'tempfile', 'glob') "
                "if m in sys.modules))" % root)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                              text=True, timeout=60, cwd=tempfile.gettempdir())
        self.assertEqual(done.stdout.strip(), "[]", done.stderr)

    def test_check_compat_flags_memcached_and_redis_not_the_other_backends(self):
        source = (
            "from django.core.cache import cache, caches\n"
            "from django.core.cache.backends.redis import RedisCache\n"
            "from django.views.decorators.cache import cache_page\n"
            "from django.middleware.cache import CacheMiddleware\n"
            "CACHES = {'a': {'BACKEND': "
            "'django.core.cache.backends.memcached.PyMemcacheCache'},\n"
            "          'b': {'BACKEND': "
            "'django.core.cache.backends.db.DatabaseCache'},\n"
            "          'c': {'BACKEND': "
            "'django.core.cache.backends.filebased.FileBasedCache'}}\n"
            "SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'\n")
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "settings.py")
        with open(path, "w") as f:
            f.write(source)
        problems = list(djscratch._compat_problems(path))
        self.assertEqual([(line, message) for line, _, message in problems], [
            (2, "module django.core.cache.backends.redis is not implemented by "
                "djscratch"),
            (5, "'django.core.cache.backends.memcached.PyMemcacheCache' names "
                "something djscratch does not implement"),
        ])

    def test_close_caches_runs_at_request_finished(self):
        from django.core.signals import request_finished

        backend = caches["default"]
        with mock.patch.object(type(backend), "close") as close:
            request_finished.send(sender=None)
        close.assert_called_once_with()


@override_settings(**dict(TEST_SETTINGS, INSTALLED_APPS=["django.contrib.sessions"]),
                   DATABASES=MEMORY_DB, CACHES={"default": {
                       "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                       "LOCATION": "sessions"}})
class CacheSessionStoreTests(unittest.TestCase):
    def setUp(self):
        caches["default"].clear()

    def test_cache_store_round_trip(self):
        from django.contrib.sessions.backends.cache import SessionStore

        session = SessionStore()
        session["user"] = 42
        session.save()
        key = session.session_key
        self.assertEqual(caches["default"].get(
            "django.contrib.sessions.cache" + key), {"user": 42})
        self.assertTrue(SessionStore().exists(key))
        self.assertEqual(SessionStore(key)["user"], 42)
        session.delete()
        self.assertFalse(SessionStore().exists(key))
        self.assertEqual(dict(SessionStore(key).items()), {})

    def test_cache_store_unknown_key_starts_a_new_session(self):
        from django.contrib.sessions.backends.cache import SessionStore

        session = SessionStore("unknownkey1234")
        self.assertEqual(session.load(), {})
        self.assertIsNone(session.session_key)
        session["a"] = 1
        session.save()
        self.assertNotEqual(session.session_key, "unknownkey1234")

    def test_cache_store_entry_expires_with_the_session(self):
        from django.contrib.sessions.backends.cache import SessionStore

        session = SessionStore()
        session.set_expiry(60)
        session["a"] = 1
        session.save()
        with mock.patch("time.time", return_value=time.time() + 61):
            self.assertFalse(SessionStore().exists(session.session_key))

    def test_async_session_api_on_the_cache_stores(self):
        from django.contrib.sessions.backends.cache import SessionStore as Cache
        from django.contrib.sessions.backends.cached_db import (
            SessionStore as CachedDb,
        )

        call_command("migrate", verbosity=0)

        async def run(store_class):
            session = store_class()
            await session.aset("a", 1)
            await session.aset_expiry(60)
            await session.asave()
            key = session.session_key
            again = store_class(key)
            seen = [await again.aget("a"), await again.ahas_key("a"),
                    await again.aexists(key), await again.aget_expiry_age(),
                    await session.acache_key() == "%s%s" % (
                        store_class.cache_key_prefix, key)]
            await again.aflush()
            seen.append(await store_class().aexists(key))
            return seen

        # Through async_to_sync, as Django runs async code from sync code: the
        # stores' database work (sync_to_async) comes back to this thread and
        # its connection to the in-memory test database.
        for store_class in (Cache, CachedDb):
            with self.subTest(store_class.__name__):
                self.assertEqual(djscratch.async_to_sync(run)(store_class),
                                 [1, True, True, 60, True, False])

    def test_cached_db_store_writes_both_reads_cache_first(self):
        from django.contrib.sessions.backends.cached_db import SessionStore
        from django.contrib.sessions.models import Session

        call_command("migrate", verbosity=0)
        session = SessionStore()
        session["user"] = 7
        session.save()
        key = session.session_key
        self.assertTrue(Session.objects.filter(session_key=key).exists())
        cache_key = "django.contrib.sessions.cached_db" + key
        self.assertEqual(caches["default"].get(cache_key), {"user": 7})
        caches["default"].clear()
        self.assertEqual(SessionStore(key)["user"], 7)  # from the database
        self.assertEqual(caches["default"].get(cache_key), {"user": 7})
        Session.objects.all().delete()
        self.assertEqual(SessionStore(key)["user"], 7)  # from the cache
        SessionStore(key).flush()
        self.assertIsNone(caches["default"].get(cache_key))


# -- The whole stack: the test client through the handler ----------------------

_CALLS = []


def _counted_view(request):
    from django.http import HttpResponse

    _CALLS.append(request.path)
    return HttpResponse("call %d" % len(_CALLS))


def _session_view(request):
    from django.http import HttpResponse

    request.session["visits"] = request.session.get("visits", 0) + 1
    return HttpResponse("visits %d" % request.session["visits"])


def _fragment_view(request):
    from django.template import engines
    from django.http import HttpResponse

    template = engines["django"].from_string(
        "{% load cache %}{% cache 60 box %}{{ n }}{% endcache %}")
    return HttpResponse(template.render({"n": request.GET.get("n")}))


def _urlpatterns():
    from django.urls import path
    from django.views.decorators.cache import cache_page

    return [path("counted/", _counted_view),
            path("decorated/", cache_page(30)(_counted_view)),
            path("session/", _session_view),
            path("fragment/", _fragment_view)]


def __getattr__(name):
    # The URLconf is built when first resolved: cache_page() reads settings
    # when it decorates, and settings exist only inside the tests.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)

STACK_SETTINGS = dict(
    TEST_SETTINGS, ROOT_URLCONF="tests.test_cache", DATABASES=MEMORY_DB,
    INSTALLED_APPS=["django.contrib.sessions"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "stack"}},
    SESSION_ENGINE="django.contrib.sessions.backends.cache",
    MIDDLEWARE=["django.middleware.cache.UpdateCacheMiddleware",
                "django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.cache.FetchFromCacheMiddleware"])


@override_settings(**STACK_SETTINGS)
class CacheThroughTheClientTests(unittest.TestCase):
    def setUp(self):
        from django.test import Client

        caches["default"].clear()
        _CALLS.clear()
        self.client = Client()

    def test_site_wide_middleware_serves_the_second_get_from_the_cache(self):
        first = self.client.get("/counted/")
        second = self.client.get("/counted/")
        self.assertEqual((first.content, second.content), (b"call 1", b"call 1"))
        self.assertEqual(first["Cache-Control"], "max-age=600")
        self.assertIn("Expires", second)
        self.assertEqual(self.client.post("/counted/").content, b"call 2")

    def test_cache_page_keeps_its_own_timeout(self):
        first = self.client.get("/decorated/")
        self.assertEqual(first["Cache-Control"], "max-age=30")
        self.assertEqual(self.client.get("/decorated/").content, b"call 1")
        self.assertEqual(self.client.get("/decorated/?x=1").content, b"call 2")

    def test_cache_sessions_through_the_middleware(self):
        # The session page sets a cookie and varies on Cookie: never stored.
        self.assertEqual(self.client.get("/session/").content, b"visits 1")
        self.assertEqual(self.client.get("/session/").content, b"visits 2")
        key = self.client.cookies["sessionid"].value
        self.assertEqual(
            caches["default"].get("django.contrib.sessions.cache" + key),
            {"visits": 2})

    def test_cache_tag_from_the_templates_setting(self):
        with override_settings(MIDDLEWARE=[]):
            self.assertEqual(self.client.get("/fragment/?n=1").content, b"1")
            self.assertEqual(self.client.get("/fragment/?n=2").content, b"1")


if __name__ == "__main__":
    unittest.main()
