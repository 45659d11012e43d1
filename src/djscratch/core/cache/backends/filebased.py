"""FileBasedCache: one file per key in a directory, named by the MD5 of the
made key (django/core/cache/backends/filebased.py).  A file holds the pickled
expiry followed by the zlib-compressed pickled value; writes go to a temporary
file renamed into place, so a reader never sees half a value.
"""

import os
import time
import zlib

from djscratch.core.cache.backends.base import (
    _highest_pickle_protocol, _pickle, BaseCache, DEFAULT_TIMEOUT,
)

__all__ = ["FileBasedCache"]


def _makedirs_private(path, mode=0o700):
    """Create `path` and its missing parents, each with `mode` (umask aside)."""
    if os.path.isdir(path):
        return
    parent = os.path.dirname(path)
    if parent and parent != path:
        _makedirs_private(parent, mode)
    try:
        os.mkdir(path, mode)
        os.chmod(path, mode)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


def _lock_file(f, exclusive):
    """Lock an open file where the platform can (fcntl); elsewhere do nothing."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    fcntl.flock(f.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_UN)


class FileBasedCache(BaseCache):
    """Store each entry as `<md5 of key>.djcache` under LOCATION."""

    cache_suffix = ".djcache"
    pickle_protocol = _highest_pickle_protocol

    def __init__(self, dir, params):
        super().__init__(params)
        self._dir = os.path.abspath(dir)
        self._createdir()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):
            return False
        self.set(key, value, timeout, version)
        return True

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return _pickle().loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            pass
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._createdir()  # The directory may have been removed meanwhile.
        fname = self._key_to_file(key, version)
        self._cull()
        import tempfile

        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            os.replace(tmp_path, fname)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    _lock_file(f, exclusive=True)
                    if self._is_expired(f):
                        return False
                    value = _pickle().loads(zlib.decompress(f.read()))
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    return True
                finally:
                    if not f.closed:
                        _lock_file(f, exclusive=False)
        except FileNotFoundError:
            return False

    def delete(self, key, version=None):
        return self._delete(self._key_to_file(key, version))

    def has_key(self, key, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                return not self._is_expired(f)
        except FileNotFoundError:
            return False

    def clear(self):
        for fname in self._list_cache_files():
            self._delete(fname)

    # Files ---------------------------------------------------------------------
    def _write_content(self, file, timeout, value):
        expires = self.get_backend_timeout(timeout)
        file.write(_pickle().dumps(expires, self.pickle_protocol))
        file.write(zlib.compress(_pickle().dumps(value, self.pickle_protocol)))

    def _delete(self, fname):
        if not fname.startswith(self._dir) or not os.path.exists(fname):
            return False
        try:
            os.remove(fname)
        except FileNotFoundError:  # Another process removed it first.
            return False
        return True

    def _cull(self):
        """When MAX_ENTRIES is reached, delete a random 1/CULL_FREQUENCY."""
        filelist = self._list_cache_files()
        if len(filelist) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        count = int(len(filelist) / self._cull_frequency)
        import random  # (not at the top: a served page seldom needs it)

        for fname in random.sample(filelist, count):
            self._delete(fname)

    def _createdir(self):
        _makedirs_private(self._dir)

    def _key_to_file(self, key, version=None):
        """Return the path of the file holding `key`."""
        import hashlib  # (loads OpenSSL: not with djscratch)

        key = self.make_and_validate_key(key, version=version)
        digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
        return os.path.join(self._dir, digest + self.cache_suffix)

    def _is_expired(self, f):
        """Read the expiry from open file `f`; delete the file if it has passed."""
        try:
            expires = _pickle().load(f)
        except EOFError:
            expires = 0  # An empty file counts as expired.
        if expires is not None and expires < time.time():
            f.close()  # Windows cannot delete an open file.
            self._delete(f.name)
            return True
        return False

    def _list_cache_files(self):
        """Return the paths of this cache's files (those ending in .djcache)."""
        try:
            names = os.listdir(self._dir)
        except FileNotFoundError:
            return []
        return [os.path.join(self._dir, fname) for fname in names
                if fname.endswith(self.cache_suffix) and not fname.startswith(".")]
