"""Django's 2019-2025 cache CVEs, re-checked now that djscratch has the cache
framework: one test per CVE, named after it, that fails on an implementation
with the bug.  (The 2026 cache CVEs are tested with the cache middleware.)
"""

import os
import shutil
import tempfile
import unittest
import warnings

from tests import TEST_SETTINGS

import djscratch  # noqa: F401
from django.core.cache import CacheKeyWarning, InvalidCacheBackendError, caches
from django.test import override_settings


class FileCacheDirectoryTests(unittest.TestCase):
    def test_cve_2020_24584_file_cache_directories_are_private_under_any_umask(self):
        # os.makedirs() applied its mode to the last directory only, so the
        # intermediate ones got 0o777 under a umask of 0: another local user
        # could then swap cache files (pickles) in.
        root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, root, True)
        location = os.path.join(root, "a", "b", "c")
        cache_settings = {"default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location}}
        old_umask = os.umask(0)
        try:
            with override_settings(**TEST_SETTINGS, CACHES=cache_settings):
                caches["default"].set("key", "value")
                self.assertEqual(caches["default"].get("key"), "value")
        finally:
            os.umask(old_umask)
        for path in ("a", "a/b", "a/b/c"):
            with self.subTest(path):
                mode = os.stat(os.path.join(root, path)).st_mode & 0o777
                self.assertEqual(mode, 0o700)


class MemcachedKeyTests(unittest.TestCase):
    def test_cve_2020_13254_memcached_is_refused_and_bad_keys_warn(self):
        # The leak needed a memcached backend that did not validate keys:
        # djscratch refuses the memcached backends by name, and every backend
        # warns about keys memcached would cut or split.
        cache_settings = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "memcached": {
                "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                "LOCATION": "127.0.0.1:11211"}}
        with override_settings(**TEST_SETTINGS, CACHES=cache_settings):
            with self.assertRaisesRegex(InvalidCacheBackendError,
                                        "DJSCRATCH_ENGINE=django"):
                caches["memcached"].get("key")
            for key in ("key with spaces", "key\nnewline", "k" * 251):
                with self.subTest(key=key[:20]):
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        caches["default"].set(key, "value")
                    self.assertTrue(any(issubclass(w.category, CacheKeyWarning)
                                        for w in caught))
