"""The static file finders (django/contrib/staticfiles/finders.py): where a
static path lives (STATICFILES_DIRS, each app's static/ folder, the default
storage), find() over STATICFILES_FINDERS, and the files collectstatic
copies (each finder's list()).
"""

import functools
import os
import warnings

from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.files.base import ContentFile
from djscratch.core.files.storage import default_storage, FileSystemStorage, Storage
from djscratch.core.signals import setting_changed
from djscratch.utils.deprecation import RemovedInDjango61Warning
from djscratch.utils.functional import empty, LazyObject
from djscratch.utils.module_loading import import_string
from djscratch.contrib.staticfiles.handlers import _safe_file_path
from djscratch.contrib.staticfiles.utils import get_files

__all__ = [
    "BaseFinder", "FileSystemFinder", "AppDirectoriesFinder", "BaseStorageFinder",
    "DefaultStorageFinder", "find", "get_finders", "get_finder",
    "searched_locations",
]

#: The folders the last find() looked in (findstatic -v 2 lists them).
searched_locations = []

#: Static files an app carries as text (the single file has no static/
#: folder): app name -> {path: text}.  find() gives them as "<embedded>:path".
_EMBEDDED_STATIC = {}
_EMBEDDED_PREFIX = "<embedded>:"


def _embedded_static(path):
    """Return the text an installed app carries for static `path`, or None
    (None before the registry is populated: no app is installed yet)."""
    for config in apps.get_app_configs() if apps.apps_ready else ():
        files = _EMBEDDED_STATIC.get(config.name)
        if files is not None and path in files:
            return files[path]
    return None


class _EmbeddedStaticStorage(Storage):
    """The static files an app of the single file carries as text, as a
    read-only storage, so that collectstatic copies them like any app's."""

    def __init__(self, files):
        self._files = files

    def _open(self, name, mode="rb"):
        return ContentFile(self._files[name].encode(), name=name)

    def exists(self, name):
        folder = name.strip("/")
        return (not folder or name in self._files
                or any(path.startswith(folder + "/") for path in self._files))

    def listdir(self, path):
        folder = path.strip("/")
        prefix = folder + "/" if folder else ""
        directories, files = set(), []
        for name in self._files:
            if name.startswith(prefix):
                head, sep, _ = name[len(prefix):].partition("/")
                if sep:
                    directories.add(head)
                else:
                    files.append(head)
        return sorted(directories), sorted(files)

    def path(self, name):
        # Not on disk: what find() answers for it, for collectstatic's log.
        return _EMBEDDED_PREFIX + name

    def get_modified_time(self, name):
        raise NotImplementedError("embedded static files have no time")


def _check_find_all(class_name="", find_all=False, stacklevel=3, **kwargs):
    """find()'s `all` argument, deprecated for `find_all` in Django 5.2."""
    name = f"{class_name}.find" if class_name else "find"
    if "all" in kwargs:
        legacy = kwargs.pop("all")
        warnings.warn("Passing the `all` argument to find() is deprecated. Use "
                      "`find_all` instead.", RemovedInDjango61Warning,
                      stacklevel=stacklevel)
        if find_all is not False:
            raise TypeError(f"{name}() got multiple values for argument 'find_all'")
        find_all = legacy
    if kwargs:
        raise TypeError(f"{name}() got an unexpected keyword argument "
                        f"'{list(kwargs)[-1]}'")
    return find_all


def _searched(location):
    if location not in searched_locations:
        searched_locations.append(location)


class BaseFinder:
    """A source of static files: find() one, list() them all, check()."""

    def check(self, **kwargs):
        raise NotImplementedError(
            "subclasses may provide a check() method to verify the finder is "
            "configured correctly.")

    def _check_deprecated_find_param(self, **kwargs):
        # The warning names the line that called the finder's find().
        return _check_find_all(class_name=type(self).__qualname__, stacklevel=4,
                               **kwargs)

    def find(self, path, find_all=False, **kwargs):
        """The absolute path of `path` (every match with find_all)."""
        raise NotImplementedError(
            "subclasses of BaseFinder must provide a find() method")

    def list(self, ignore_patterns):
        """Yield (relative path, storage) for every file."""
        raise NotImplementedError(
            "subclasses of BaseFinder must provide a list() method")


class FileSystemFinder(BaseFinder):
    """The folders of STATICFILES_DIRS, each optionally under a prefix
    ("prefix", "/path")."""

    def __init__(self, app_names=None, *args, **kwargs):
        self.locations = []
        self.storages = {}
        for root in settings.STATICFILES_DIRS:
            prefix, root = root if isinstance(root, (list, tuple)) else ("", root)
            if (prefix, root) not in self.locations:
                self.locations.append((prefix, root))
        for prefix, root in self.locations:
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix
            self.storages[root] = storage
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        """staticfiles.E001 (not a list), E002 (STATIC_ROOT among them),
        E003 (a prefix ending in a slash), W004 (a missing folder)."""
        dirs = settings.STATICFILES_DIRS
        if not isinstance(dirs, (list, tuple)):
            return [Error("The STATICFILES_DIRS setting is not a tuple or list.",
                          hint="Perhaps you forgot a trailing comma?",
                          id="staticfiles.E001")]
        errors = []
        for root in dirs:
            if isinstance(root, (list, tuple)):
                prefix, root = root
                if prefix.endswith("/"):
                    errors.append(Error(
                        "The prefix %r in the STATICFILES_DIRS setting must not end "
                        "with a slash." % prefix, id="staticfiles.E003"))
            if settings.STATIC_ROOT and (os.path.abspath(settings.STATIC_ROOT)
                                         == os.path.abspath(root)):
                errors.append(Error(
                    "The STATICFILES_DIRS setting should not contain the "
                    "STATIC_ROOT setting.", id="staticfiles.E002"))
            if not os.path.isdir(root):
                errors.append(Warning(f"The directory '{root}' in the "
                                      "STATICFILES_DIRS setting does not exist.",
                                      id="staticfiles.W004"))
        return errors

    def find(self, path, find_all=False, **kwargs):
        if kwargs:
            find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs)
        matches = []
        for prefix, root in self.locations:
            _searched(root)
            matched = self.find_location(root, path, prefix)
            if matched:
                if not find_all:
                    return matched
                matches.append(matched)
        return matches

    def find_location(self, root, path, prefix=None):
        """The absolute path of `path` in `root` (under `prefix`), or None."""
        if prefix:
            prefix = prefix + os.sep
            if not path.startswith(prefix):
                return None
            path = path.removeprefix(prefix)
        # Stricter than Django's safe_join: a symlink leading out of the
        # folder is not followed (the static view must not serve it).
        path = _safe_file_path(root, path)
        return path if path is not None and os.path.exists(path) else None

    def list(self, ignore_patterns):
        for _, root in self.locations:
            if os.path.isdir(root):  # a missing folder is check()'s W004
                storage = self.storages[root]
                for path in get_files(storage, ignore_patterns):
                    yield path, storage


class AppDirectoriesFinder(BaseFinder):
    """Each installed app's static/ folder (source_dir), in INSTALLED_APPS
    order; an app of the single file without one serves what it carries."""

    storage_class = FileSystemStorage
    source_dir = "static"

    def __init__(self, app_names=None, *args, **kwargs):
        self.apps = []
        self.storages = {}
        configs = apps.get_app_configs()
        if app_names:
            configs = [c for c in configs if c.name in set(app_names)]
        for config in configs:
            if config.path:
                storage = self.storage_class(
                    os.path.join(config.path, self.source_dir))
                if not os.path.isdir(storage.location):
                    continue
            elif config.name in _EMBEDDED_STATIC:  # an app of the single file
                storage = _EmbeddedStaticStorage(_EMBEDDED_STATIC[config.name])
            else:
                continue
            self.storages[config.name] = storage
            if config.name not in self.apps:
                self.apps.append(config.name)
        super().__init__(*args, **kwargs)

    def list(self, ignore_patterns):
        for storage in self.storages.values():
            if storage.exists(""):
                for path in get_files(storage, ignore_patterns):
                    yield path, storage

    def find(self, path, find_all=False, **kwargs):
        if kwargs:
            find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs)
        matches = []
        for app in self.apps:
            storage = self.storages[app]
            if not isinstance(storage, _EmbeddedStaticStorage):
                _searched(storage.location)
            matched = self.find_in_app(app, path)
            if matched:
                if not find_all:
                    return matched
                matches.append(matched)
        return matches

    def find_in_app(self, app, path):
        """The absolute path of `path` in app `app`'s static folder, or None."""
        storage = self.storages.get(app)
        if isinstance(storage, _EmbeddedStaticStorage):
            return _EMBEDDED_PREFIX + path if path in storage._files else None
        if storage is not None:
            full = _safe_file_path(storage.location, path)
            if full is not None and os.path.isfile(full):
                return full
        return None


class BaseStorageFinder(BaseFinder):
    """The files of a storage (`storage`: an instance or a class)."""

    storage = None

    def __init__(self, storage=None, *args, **kwargs):
        if storage is not None:
            self.storage = storage
        if self.storage is None:
            raise ImproperlyConfigured(
                "The staticfiles storage finder %r doesn't have a storage class "
                "assigned." % self.__class__)
        if not isinstance(self.storage, (Storage, LazyObject)):
            self.storage = self.storage()
        super().__init__(*args, **kwargs)

    def find(self, path, find_all=False, **kwargs):
        if kwargs:
            find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs)
        try:
            self.storage.path("")
        except NotImplementedError:  # not on this machine's disk
            return []
        _searched(self.storage.location)
        if self.storage.exists(path):
            match = self.storage.path(path)
            return [match] if find_all else match
        return []

    def list(self, ignore_patterns):
        for path in get_files(self.storage, ignore_patterns):
            yield path, self.storage


class DefaultStorageFinder(BaseStorageFinder):
    """The files of the default storage (MEDIA_ROOT)."""

    storage = default_storage

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not getattr(self.storage, "base_location", empty):
            raise ImproperlyConfigured(
                "The storage backend of the staticfiles finder %r doesn't have a "
                "valid location." % self.__class__)


# Django's messages name a finder by its class (%r): keep Django's path.
for _finder_class in (BaseFinder, FileSystemFinder, AppDirectoriesFinder,
                      BaseStorageFinder, DefaultStorageFinder):
    _finder_class.__module__ = "django.contrib.staticfiles.finders"


def find(path, find_all=False, **kwargs):
    """The absolute path of static file `path` from the first finder that has
    it, or with find_all=True every match; None / [] if none."""
    if kwargs:
        find_all = _check_find_all(find_all=find_all, **kwargs)
    searched_locations[:] = []
    matches = []
    for finder in get_finders():
        result = finder.find(path, find_all=find_all)
        if not find_all and result:
            return result
        matches.extend(result if isinstance(result, (list, tuple)) else [result])
    if not matches and _embedded_static(path) is not None:
        # An app of the single file that carries the file, whatever the
        # finders (AppDirectoriesFinder finds it first when listed).
        return [_EMBEDDED_PREFIX + path] if find_all else _EMBEDDED_PREFIX + path
    if matches:
        return matches
    return [] if find_all else None


def get_finders():
    """The finder of each STATICFILES_FINDERS entry."""
    for path in settings.STATICFILES_FINDERS:
        yield get_finder(path)


@functools.cache
def get_finder(import_path):
    """The finder class at `import_path`, built once."""
    finder = import_string(import_path)
    if not issubclass(finder, BaseFinder):
        raise ImproperlyConfigured(
            'Finder "%s" is not a subclass of "%s"' % (finder, BaseFinder))
    return finder()


def _finders_changed(*, setting, **kwargs):
    """Build the finders anew when what they read changes."""
    if setting in {"STATICFILES_DIRS", "STATIC_ROOT", "INSTALLED_APPS",
                   "STATICFILES_FINDERS", "MEDIA_ROOT", "STORAGES"}:
        get_finder.cache_clear()


setting_changed.connect(_finders_changed, dispatch_uid="djscratch-static-finders")
