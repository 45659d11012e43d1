"""File storage (django/core/files/storage/): the Storage API, the file
system and in-memory backends, the STORAGES handler, `storages` and
`default_storage`.
"""

import os

# Modules that load later, used at call time as djscratch.<module>.<name>:
# urls.base, utils.deprecation.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.exceptions_extra import SuspiciousFileOperation
from djscratch.conf import DEFAULT_STORAGE_ALIAS, settings
from djscratch.core.signals import setting_changed
from djscratch.utils.crypto import get_random_string
from djscratch.utils.encoding import filepath_to_uri
from djscratch.utils.functional import empty, LazyObject
from djscratch.utils.module_loading import import_string
from djscratch.utils.text_extra import get_valid_filename
from djscratch.utils._os import safe_join
from djscratch.utils.timezone import now
from djscratch.core.files.base import ContentFile, File
from djscratch.core.files.locks import LOCK_EX, lock, unlock
from djscratch.core.files.move import file_move_safe
from djscratch.core.files.utils import validate_file_name

__all__ = [
    "Storage", "FileSystemStorage", "InMemoryStorage", "StorageHandler",
    "InvalidStorageError", "storages", "default_storage", "DefaultStorage",
]


class _Deconstructible:
    """Remember the constructor's arguments, so deconstruct() can return
    (path, args, kwargs) as Django's @deconstructible does."""

    _deconstruct_path = None

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def deconstruct(self):
        path = self._deconstruct_path
        if path is None or type(self).__dict__.get("_deconstruct_path") is None:
            path = "%s.%s" % (type(self).__module__, type(self).__name__)
        args, kwargs = getattr(self, "_constructor_args", ((), {}))
        return path, args, kwargs


class Storage(_Deconstructible):
    """The base of every storage: saving under a free name, and the methods a
    backend provides (_open, _save, delete, exists, listdir, size, url, ...)."""

    def open(self, name, mode="rb"):
        """Return the stored file `name` as a File."""
        return self._open(name, mode)

    def save(self, name, content, max_length=None):
        """Save `content` under a free name derived from `name`; return it."""
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        # Checked before and after the backend may change the name.
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        name = self._save(name, content)
        validate_file_name(name, allow_relative_path=True)
        return name

    def is_name_available(self, name, max_length=None):
        exceeds = max_length is not None and len(name) > max_length
        return not self.exists(name) and not exceeds

    def get_valid_name(self, name):
        """A file name the storage accepts (spaces to _, odd characters out)."""
        return get_valid_filename(name)

    def get_alternative_name(self, file_root, file_ext):
        """Another name for a taken one: a random 7-character suffix."""
        return "%s_%s%s" % (file_root, get_random_string(7), file_ext)

    def get_available_name(self, name, max_length=None):
        """Return `name`, or a free alternative that fits `max_length`."""
        import pathlib

        name = str(name).replace("\\", "/")
        dir_name, file_name = os.path.split(name)
        if ".." in pathlib.PurePath(dir_name).parts:
            raise SuspiciousFileOperation(
                "Detected path traversal attempt in '%s'" % dir_name)
        validate_file_name(file_name)
        file_ext = "".join(pathlib.PurePath(file_name).suffixes)
        file_root = file_name.removesuffix(file_ext)
        while not self.is_name_available(name, max_length=max_length):
            name = os.path.join(dir_name, self.get_alternative_name(file_root,
                                                                    file_ext))
            if max_length is None:
                continue
            # Shorten the root so the alternative fits the column.
            truncation = len(name) - max_length
            if truncation > 0:
                file_root = file_root[:-truncation]
                if not file_root:
                    raise SuspiciousFileOperation(
                        'Storage can not find an available filename for "%s". '
                        "Please make sure that the corresponding file field "
                        'allows sufficient "max_length".' % name)
                name = os.path.join(dir_name, self.get_alternative_name(file_root,
                                                                        file_ext))
        return name

    def generate_filename(self, filename):
        """Validate `filename` (maybe with upload_to's directories) for save()."""
        import pathlib

        filename = str(filename).replace("\\", "/")
        dirname, filename = os.path.split(filename)
        if ".." in pathlib.PurePath(dirname).parts:
            raise SuspiciousFileOperation(
                "Detected path traversal attempt in '%s'" % dirname)
        return os.path.normpath(os.path.join(dirname, self.get_valid_name(filename)))

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def delete(self, name):
        raise NotImplementedError(
            "subclasses of Storage must provide a delete() method")

    def exists(self, name):
        raise NotImplementedError(
            "subclasses of Storage must provide an exists() method")

    def listdir(self, path):
        raise NotImplementedError(
            "subclasses of Storage must provide a listdir() method")

    def size(self, name):
        raise NotImplementedError("subclasses of Storage must provide a size() method")

    def url(self, name):
        raise NotImplementedError("subclasses of Storage must provide a url() method")

    def get_accessed_time(self, name):
        raise NotImplementedError(
            "subclasses of Storage must provide a get_accessed_time() method")

    def get_created_time(self, name):
        raise NotImplementedError(
            "subclasses of Storage must provide a get_created_time() method")

    def get_modified_time(self, name):
        raise NotImplementedError(
            "subclasses of Storage must provide a get_modified_time() method")


class _setting_property:
    """A property read on each use that an assignment on the instance
    overrides (a non-data descriptor), as Django's cached_property allows."""

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return self.func(instance)


class _StorageSettings:
    """Location, URL and modes: the constructor's value, or else the setting,
    read on each use (so override_settings(MEDIA_ROOT=...) reaches a storage
    made before it, as Django's setting_changed reset does)."""

    def __init__(self, location=None, base_url=None, file_permissions_mode=None,
                 directory_permissions_mode=None):
        self._location = location
        if base_url is not None and not base_url.endswith("/"):
            base_url += "/"
        self._base_url = base_url
        self._file_permissions_mode = file_permissions_mode
        self._directory_permissions_mode = directory_permissions_mode

    @staticmethod
    def _value_or_setting(value, setting):
        return setting if value is None else value

    @_setting_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.MEDIA_ROOT)

    @_setting_property
    def location(self):
        return os.path.abspath(self.base_location)

    @_setting_property
    def base_url(self):
        if self._base_url is not None:
            return self._base_url
        return _media_url_with_prefix()

    @_setting_property
    def file_permissions_mode(self):
        return self._value_or_setting(self._file_permissions_mode,
                                      settings.FILE_UPLOAD_PERMISSIONS)

    @_setting_property
    def directory_permissions_mode(self):
        return self._value_or_setting(self._directory_permissions_mode,
                                      settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)

    def url(self, name):
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        import urllib.parse

        url = filepath_to_uri(name)
        if url is not None:
            url = url.lstrip("/")
        return urllib.parse.urljoin(self.base_url, url)


def _media_url_with_prefix():
    """MEDIA_URL as Django's settings read it: a relative value (the default
    "" included) is prefixed with the script prefix (SCRIPT_NAME or "/")."""
    value = settings.MEDIA_URL
    if value is None or str(value).startswith(("http://", "https://", "/")):
        return value
    return djscratch.urls.base.get_script_prefix() + str(value)


def _datetime_from_timestamp(ts):
    """Aware UTC with USE_TZ, otherwise naive local time (Django's rule)."""
    import datetime

    tz = datetime.timezone.utc if settings.USE_TZ else None
    return datetime.datetime.fromtimestamp(ts, tz=tz)


class FileSystemStorage(_StorageSettings, Storage):
    """Files in a directory (MEDIA_ROOT unless `location`), served at
    MEDIA_URL unless `base_url`."""

    _deconstruct_path = "django.core.files.storage.FileSystemStorage"
    OS_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

    def __init__(self, location=None, base_url=None, file_permissions_mode=None,
                 directory_permissions_mode=None, allow_overwrite=False):
        super().__init__(location, base_url, file_permissions_mode,
                         directory_permissions_mode)
        self._allow_overwrite = allow_overwrite
        if self.OS_OPEN_FLAGS != FileSystemStorage.__dict__["OS_OPEN_FLAGS"]:
            import warnings

            warnings.warn(
                "Overriding OS_OPEN_FLAGS is deprecated. Use the allow_overwrite "
                "parameter instead.",
                djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=2)

    def _open(self, name, mode="rb"):
        return File(open(self.path(name), mode))

    def _makedirs(self, directory):
        """Create `directory` and its missing parents, each with
        directory_permissions_mode when set (else as the umask says).

        The mode is applied with chmod() after mkdir(): changing the umask
        instead would change it for every thread of the process
        (CVE-2026-25674).
        """
        mode = self.directory_permissions_mode
        if mode is None:
            os.makedirs(directory, exist_ok=True)
        else:
            missing = []
            while directory and not os.path.exists(directory):
                missing.append(directory)
                directory = os.path.dirname(directory)
            for folder in reversed(missing):
                try:
                    os.mkdir(folder, mode)
                except FileExistsError:  # another thread made it
                    pass
                else:
                    os.chmod(folder, mode)
            directory = missing[0] if missing else directory
        if not os.path.isdir(directory):
            raise FileExistsError("%s exists and is not a directory." % directory)

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            self._makedirs(directory)
        except FileExistsError:
            raise FileExistsError(
                "%s exists and is not a directory." % directory) from None
        while True:
            try:
                if hasattr(content, "temporary_file_path"):
                    # An upload already on disk: move it rather than copy.
                    file_move_safe(content.temporary_file_path(), full_path,
                                   allow_overwrite=self._allow_overwrite)
                else:
                    self._write_chunks(full_path, content)
            except FileExistsError:
                # Taken between get_available_name() and now: pick another.
                name = self.get_available_name(name)
                full_path = self.path(name)
            else:
                break
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")

    def _write_chunks(self, full_path, content):
        flags = self.OS_OPEN_FLAGS
        if self._allow_overwrite:
            flags = (flags & ~os.O_EXCL) | os.O_TRUNC
        fd = os.open(full_path, flags, 0o666)
        handle = None
        try:
            lock(fd, LOCK_EX)
            for chunk in content.chunks():
                if handle is None:
                    handle = os.fdopen(fd, "wb" if isinstance(chunk, bytes) else "wt")
                handle.write(chunk)
        finally:
            unlock(fd)
            if handle is not None:
                handle.close()
            else:
                os.close(fd)

    def delete(self, name):
        if not name:
            raise ValueError("The name must be given to delete().")
        path = self.path(name)
        try:
            if os.path.isdir(path):
                os.rmdir(path)
            else:
                os.remove(path)
        except FileNotFoundError:
            pass  # removed concurrently: the goal is reached

    def is_name_available(self, name, max_length=None):
        if self._allow_overwrite:
            return not (max_length and len(name) > max_length)
        return super().is_name_available(name, max_length=max_length)

    def get_alternative_name(self, file_root, file_ext):
        if self._allow_overwrite:
            return f"{file_root}{file_ext}"
        return super().get_alternative_name(file_root, file_ext)

    def exists(self, name):
        return os.path.lexists(self.path(name))

    def listdir(self, path):
        directories, files = [], []
        with os.scandir(self.path(path)) as entries:
            for entry in entries:
                (directories if entry.is_dir() else files).append(entry.name)
        return directories, files

    def path(self, name):
        return safe_join(self.location, name)

    def size(self, name):
        return os.path.getsize(self.path(name))

    def get_accessed_time(self, name):
        return _datetime_from_timestamp(os.path.getatime(self.path(name)))

    def get_created_time(self, name):
        return _datetime_from_timestamp(os.path.getctime(self.path(name)))

    def get_modified_time(self, name):
        return _datetime_from_timestamp(os.path.getmtime(self.path(name)))


class _MemoryTimes:
    """Created, accessed and modified times of an in-memory node."""

    def _initialize_times(self):
        self.created_time = now()
        self.accessed_time = self.modified_time = self.created_time

    def _update_accessed_time(self):
        self.accessed_time = now()

    def _update_modified_time(self):
        self.modified_time = now()


class _MemoryFile(ContentFile, _MemoryTimes):
    """A file of an InMemoryStorage; open() hands out the node itself, read
    as bytes or text according to the mode."""

    def __init__(self, content="", name=None):
        super().__init__(content, name)
        self._content_type = type(content)
        self._initialize_times()

    def open(self, mode):
        import io

        wanted = bytes if "b" in mode else str
        if self._content_type is not wanted:
            content = self.file.getvalue()
            content = content.encode() if isinstance(content, str) else \
                content.decode()
            self.file = io.BytesIO(content) if wanted is bytes else \
                io.StringIO(content)
            self._content_type = wanted
        self._update_accessed_time()
        return super().open(mode)

    def write(self, data):
        super().write(data)
        self._update_modified_time()


class _MemoryDir(_MemoryTimes):
    """A directory of an InMemoryStorage: named children, made on demand."""

    def __init__(self):
        self._children = {}
        self._initialize_times()

    def resolve(self, path, create_if_missing=False, leaf_cls=None,
                check_exists=True):
        """The node at relative `path` (None if missing and not
        `check_exists`), creating missing ones with `create_if_missing`."""
        import errno
        import pathlib

        segments = list(pathlib.Path(path).parts)
        node = self
        walked = []
        while segments:
            segment = segments.pop(0)
            if isinstance(node, _MemoryFile):
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR),
                                         "/".join(walked))
            walked.append(segment)
            node = node._child(segment, create_if_missing,
                               leaf_cls if not segments else _MemoryDir)
            if node is None:
                break
        if node is None and check_exists:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
        if leaf_cls and node is not None and not isinstance(node, leaf_cls):
            if leaf_cls is _MemoryDir:
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR),
                                         path)
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        return node

    def _child(self, name, create_if_missing, child_cls):
        if not create_if_missing:
            return self._children.get(name)
        self._update_accessed_time()
        self._update_modified_time()
        if name not in self._children:
            self._children[name] = (child_cls(name=name) if child_cls is _MemoryFile
                                    else (child_cls or _MemoryDir)())
        return self._children[name]

    def listdir(self):
        directories, files = [], []
        for name, child in self._children.items():
            (directories if isinstance(child, _MemoryDir) else files).append(name)
        return directories, files

    def remove_child(self, name):
        if name in self._children:
            self._update_accessed_time()
            self._update_modified_time()
            del self._children[name]


class InMemoryStorage(_StorageSettings, Storage):
    """Files kept in memory, for tests: nothing touches the disk."""

    _deconstruct_path = "django.core.files.storage.InMemoryStorage"

    def __init__(self, location=None, base_url=None, file_permissions_mode=None,
                 directory_permissions_mode=None):
        super().__init__(location, base_url, file_permissions_mode,
                         directory_permissions_mode)
        self._root = _MemoryDir()

    def _relative_path(self, name):
        return os.path.relpath(self.path(name), self.location)

    def _resolve(self, name, create_if_missing=False, leaf_cls=None,
                 check_exists=True):
        try:
            return self._root.resolve(self._relative_path(name), create_if_missing,
                                      leaf_cls, check_exists)
        except NotADirectoryError as exc:
            raise FileExistsError(
                f"{self.path(exc.filename)} exists and is not a directory.") from None

    def _open(self, name, mode="rb"):
        node = self._resolve(name, create_if_missing="w" in mode,
                             leaf_cls=_MemoryFile)
        return node.open(mode)

    def _save(self, name, content):
        node = self._resolve(name, create_if_missing=True, leaf_cls=_MemoryFile)
        handle = None
        for chunk in content.chunks():
            if handle is None:
                handle = node.open("wb" if isinstance(chunk, bytes) else "wt")
                handle.file.seek(0)
                handle.file.truncate()
            handle.write(chunk)
        if hasattr(content, "temporary_file_path"):
            # The upload now lives in memory: its temporary file goes.
            os.remove(content.temporary_file_path())
        node.modified_time = now()
        return self._relative_path(name).replace("\\", "/")

    def path(self, name):
        return safe_join(self.location, name)

    def delete(self, name):
        path, filename = os.path.split(name)
        directory = self._resolve(path, check_exists=False)
        if directory is not None:
            directory.remove_child(filename)

    def exists(self, name):
        return self._resolve(name, check_exists=False) is not None

    def listdir(self, path):
        return self._resolve(path, leaf_cls=_MemoryDir).listdir()

    def size(self, name):
        # In bytes, whatever the content was written as.
        return len(self._open(name, "rb").file.getvalue())

    def get_accessed_time(self, name):
        return self._resolve(name).accessed_time

    def get_created_time(self, name):
        return self._resolve(name).created_time

    def get_modified_time(self, name):
        return self._resolve(name).modified_time


class InvalidStorageError(ImproperlyConfigured):
    """STORAGES has no such alias, or its BACKEND cannot be imported."""


class StorageHandler:
    """The storages named in STORAGES (or `backends`), each built once."""

    def __init__(self, backends=None):
        self._backends = backends
        self._storages = {}

    @property
    def backends(self):
        if self._backends is None:
            self._backends = settings.STORAGES.copy()
        return self._backends

    def __getitem__(self, alias):
        try:
            return self._storages[alias]
        except KeyError:
            pass
        try:
            params = self.backends[alias]
        except KeyError:
            raise InvalidStorageError(
                f"Could not find config for '{alias}' in settings.STORAGES.") from None
        storage = self.create_storage(params)
        self._storages[alias] = storage
        return storage

    def create_storage(self, params):
        params = params.copy()
        backend = params.pop("BACKEND")
        options = params.pop("OPTIONS", {})
        try:
            storage_cls = import_string(backend)
        except ImportError as e:
            raise InvalidStorageError(
                f"Could not find backend {backend!r}: {e}") from e
        return storage_cls(**options)


class DefaultStorage(LazyObject):
    """default_storage: STORAGES["default"], built on first use."""

    def _setup(self):
        self._wrapped = storages[DEFAULT_STORAGE_ALIAS]


storages = StorageHandler()
default_storage = DefaultStorage()


def _storages_changed(*, setting, **kwargs):
    """Forget built storages when STORAGES changes (override_settings)."""
    if setting == "STORAGES":
        storages._backends = None
        storages._storages = {}
        default_storage._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="djscratch-storages")
