"""Template loaders: filesystem, app directories, locmem and
the cached loader (django/template/loaders/).
"""

import os

from djscratch.apps.registry import apps
from djscratch.template.base import Origin, Template, TemplateDoesNotExist


# -- Engines and loaders.

def _safe_join(base, *paths):
    """Join paths under `base`; return None if the result escapes it or
    cannot name a file (a NUL byte: open() would raise ValueError)."""
    base = os.path.abspath(base)
    final = os.path.abspath(os.path.join(base, *paths))
    if final != base and not final.startswith(base + os.sep) or "\x00" in final:
        return None
    return final


class _BaseLoader:
    """The base of template loaders (Django's loaders.base.Loader): a
    subclass names the places a template may be (get_template_sources())
    and reads one (get_contents())."""

    def __init__(self, engine):
        self.engine = engine

    def get_template(self, template_name, skip=None):
        tried = []
        for origin in self.get_template_sources(template_name):
            if skip is not None and origin in skip:
                tried.append((origin, "Skipped to avoid recursion"))
                continue
            try:
                contents = self.get_contents(origin)
            except TemplateDoesNotExist:
                tried.append((origin, "Source does not exist"))
                continue
            return Template(contents, origin, origin.template_name, self.engine)
        raise TemplateDoesNotExist(template_name, tried=tried)

    def get_template_sources(self, template_name):
        raise NotImplementedError(
            "subclasses of Loader must provide a get_template_sources() method")

    def reset(self):
        """Forget what is cached (a template changed on disk)."""


_BaseLoader.__module__ = "django.template.loaders.base"


class _FileLoader(_BaseLoader):
    """Load templates from directories (Django's filesystem.Loader)."""

    def __init__(self, engine, dirs=None):
        super().__init__(engine)
        self.dirs = dirs

    def get_dirs(self):
        return self.dirs if self.dirs is not None else self.engine.dirs

    def get_template_sources(self, template_name):
        for template_dir in self.get_dirs():
            name = _safe_join(template_dir, template_name)
            if name is None:
                continue  # a name like ../secret.txt escapes the folder
            yield Origin(name=name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            with open(origin.name, encoding=self.engine.file_charset) as fp:
                return fp.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            # A folder is no template (Django raises IsADirectoryError): a name
            # from a request ("", "pages/") must not turn into a server error.
            raise TemplateDoesNotExist(origin) from None


_FileLoader.__module__ = "django.template.loaders.filesystem"


class _AppDirectoriesLoader(_FileLoader):
    """Load templates from the templates/ folder of each installed app.

    An app whose templates are built into djscratch (its AppConfig's
    `builtin_templates` dict: django.forms, auth, the admin) is searched at
    its place in INSTALLED_APPS, as a folder would be.
    """

    def get_dirs(self):
        return [folder for folder in map(self._folder, apps.get_app_configs())
                if isinstance(folder, str)]

    @staticmethod
    def _folder(config):
        """The app's templates: a folder, a dict of sources, or None."""
        builtin = getattr(config, "builtin_templates", None)
        if builtin is not None:
            return builtin
        path = getattr(config, "path", None)
        if path:
            candidate = os.path.join(path, "templates")
            if os.path.isdir(candidate):
                return candidate
        return None

    def get_template_sources(self, template_name):
        for config in apps.get_app_configs():
            folder = self._folder(config)
            if isinstance(folder, dict):
                origin = Origin(name=f"{config.name}:{template_name}",
                                template_name=template_name, loader=self)
                origin.builtin_source = folder.get(template_name)
                yield origin
            elif folder is not None:
                name = _safe_join(folder, template_name)
                if name is not None:  # not a name like ../secret.txt
                    yield Origin(name=name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        if not hasattr(origin, "builtin_source"):
            return super().get_contents(origin)
        if origin.builtin_source is None:
            raise TemplateDoesNotExist(origin)
        return origin.builtin_source


class _LocmemLoader(_BaseLoader):
    """Load templates from a dict (Django's locmem.Loader), for tests."""

    def __init__(self, engine, templates_dict):
        super().__init__(engine)
        self.templates_dict = templates_dict

    def get_template_sources(self, template_name):
        yield Origin(name=template_name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            return self.templates_dict[origin.name]
        except KeyError:
            raise TemplateDoesNotExist(origin) from None


class _CachedLoader(_BaseLoader):
    """Keep compiled templates; with debug on, re-read a file that changed.

    A miss is cached as in Django (debug off: the class; on: a copy without
    its traceback), but with debug on it is looked up again each time, so a
    template created while the server runs is found."""

    def __init__(self, engine, loaders):
        super().__init__(engine)
        self.loaders = [engine.find_template_loader(spec) for spec in loaders]
        self.get_template_cache = {}

    def get_dirs(self):
        for loader in self.loaders:
            if hasattr(loader, "get_dirs"):
                yield from loader.get_dirs()

    def cache_key(self, template_name, skip=None):
        """The template's name, with a hash of the skipped origins of the same
        name (extends recursion) when there are any."""
        matching = [origin.name for origin in skip or ()
                    if origin.template_name == template_name]
        if not matching:
            return str(template_name)
        import hashlib

        digest = hashlib.sha1("|".join(matching).encode()).hexdigest()
        return f"{template_name}-{digest}"

    def get_template(self, template_name, skip=None):
        key = self.cache_key(template_name, skip)
        cached = self.get_template_cache.get(key)
        if cached is not None:
            if cached is TemplateDoesNotExist:
                raise TemplateDoesNotExist(template_name)
            if not isinstance(cached, TemplateDoesNotExist) and (
                    not self.engine.debug or not self._changed(cached)):
                return cached
        tried = []
        for loader in self.loaders:
            try:
                template = loader.get_template(template_name, skip=skip)
            except TemplateDoesNotExist as err:
                tried.extend(err.tried)
                continue
            template._mtime = self._mtime(template.origin)
            self.get_template_cache[key] = template
            return template
        self.get_template_cache[key] = TemplateDoesNotExist(
            template_name, tried=tried) if self.engine.debug else TemplateDoesNotExist
        raise TemplateDoesNotExist(template_name, tried=tried)

    @staticmethod
    def _mtime(origin):
        try:
            return os.stat(origin.name).st_mtime_ns
        except (OSError, ValueError):
            return None

    def _changed(self, template):
        return self._mtime(template.origin) != getattr(template, "_mtime", None)

    def get_template_sources(self, template_name):
        for loader in self.loaders:
            yield from loader.get_template_sources(template_name)

    def get_contents(self, origin):
        return origin.loader.get_contents(origin)

    def reset(self):
        self.get_template_cache.clear()


_AppDirectoriesLoader.__module__ = "django.template.loaders.app_directories"
_LocmemLoader.__module__ = "django.template.loaders.locmem"
_CachedLoader.__module__ = "django.template.loaders.cached"

_LOADER_CLASSES = {
    "django.template.loaders.filesystem.Loader": _FileLoader,
    "django.template.loaders.app_directories.Loader": _AppDirectoriesLoader,
    "django.template.loaders.locmem.Loader": _LocmemLoader,
    "django.template.loaders.cached.Loader": _CachedLoader,
}
