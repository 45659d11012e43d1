"""Template loaders: filesystem, app directories, locmem and
the cached loader (django/template/loaders/).
"""

import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.library, templatetags.i18n, templatetags.static.
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import _package, import_string
from djscratch.utils.regex_helper import _re
from djscratch.core.signals import setting_changed
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.template.base import (
    _CONSTANT, _NUM, _tokenize, DJANGO_SYNTAX, NATIVE_SYNTAX, Origin, Template,
    TemplateDoesNotExist, TemplateSyntaxError,
)
from djscratch.template.context import Context, make_context

__all__ = [
    "Engine", "engines", "get_template", "select_template", "render_to_string",
    "DjangoTemplates", "DjscratchTemplates",
]


# -- Engines and loaders.

def _safe_join(base, *paths):
    """Join paths under `base`; return None if the result escapes it or
    cannot name a file (a NUL byte: open() would raise ValueError)."""
    base = os.path.abspath(base)
    final = os.path.abspath(os.path.join(base, *paths))
    if final != base and not final.startswith(base + os.sep) or "\x00" in final:
        return None
    return final


class _FileLoader:
    """Load templates from directories (Django's filesystem.Loader)."""

    def __init__(self, engine, dirs=None):
        self.engine = engine
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
            raise TemplateDoesNotExist(origin) from None

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

    def reset(self):
        pass


_FileLoader.__module__ = "django.template.loaders.filesystem"


class _AppDirectoriesLoader(_FileLoader):
    """Load templates from the templates/ folder of each installed app."""

    def get_dirs(self):
        dirs = []
        for config in apps.get_app_configs():
            path = getattr(config, "path", None)
            if path:
                candidate = os.path.join(path, "templates")
                if os.path.isdir(candidate):
                    dirs.append(candidate)
        return dirs


class _LocmemLoader(_FileLoader):
    """Load templates from a dict (Django's locmem.Loader), for tests."""

    def __init__(self, engine, templates_dict):
        self.engine = engine
        self.templates_dict = templates_dict

    def get_template_sources(self, template_name):
        yield Origin(name=template_name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            return self.templates_dict[origin.name]
        except KeyError:
            raise TemplateDoesNotExist(origin) from None


class _CachedLoader:
    """Keep compiled templates; with debug on, re-read a file that changed."""

    def __init__(self, engine, loaders):
        self.engine = engine
        self.loaders = [engine.find_template_loader(spec) for spec in loaders]
        self.get_template_cache = {}

    def get_template(self, template_name, skip=None):
        key = (template_name, tuple([o.name for o in skip]) if skip else ())
        cached = self.get_template_cache.get(key)
        if cached is not None:
            if isinstance(cached, TemplateDoesNotExist):
                raise cached
            if not self.engine.debug or not self._changed(cached):
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
        err = TemplateDoesNotExist(template_name, tried=tried)
        if not self.engine.debug:
            self.get_template_cache[key] = err
        raise err

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

    def reset(self):
        self.get_template_cache.clear()


_LOADER_CLASSES = {
    "django.template.loaders.filesystem.Loader": _FileLoader,
    "django.template.loaders.app_directories.Loader": _AppDirectoriesLoader,
    "django.template.loaders.locmem.Loader": _LocmemLoader,
    "django.template.loaders.cached.Loader": _CachedLoader,
}


# -- Which syntax a template is written in.  With OPTIONS "syntax": "auto" (a
#    single-file App's default) each template is read in the syntax it uses.
#    Only what the lexer would parse counts: a tag whose name is a built-in
#    tag ({% if %}, {% load %}; not `{% raw %}`) or a variable that parses as
#    a filter expression ({{ x.y|upper }}; not `{{a:1}}` in a script), outside
#    the other syntax's tags, comments and verbatim blocks.  Neither syntax:
#    plain text (read as native); both: an error naming the two lines.

_SYNTAX_NAMES = {"django": DJANGO_SYNTAX, "native": NATIVE_SYNTAX}
_EXPRESSION = rf"(?:{_CONSTANT}|[\w\.]+|{_NUM})"
_VARIABLE_EXPRESSION = rf"\s*{_EXPRESSION}(?:\s*\|\s*\w+(?::{_EXPRESSION})?)*\s*"


def _syntax_use(source, syntax, tag_names):
    """Return the first line where `source` uses `syntax` (or None), and the
    source with that syntax's tags, comments and verbatim blocks blanked."""
    variable_re = _re(_VARIABLE_EXPRESSION)
    first, rest, verbatim = None, [], False
    for token in _tokenize(source, syntax):
        kind, blank = token.token_type, "\n" * token.source.count("\n")
        if verbatim:  # verbatim text is output as it is: nobody's syntax
            verbatim = kind != "block"  # the block token is the end tag
            rest.append(blank)
            continue
        if kind == "text":
            rest.append(token.source)
            continue
        name = token.contents.split(None, 1)[0] if token.contents else ""
        used = (kind == "var" and variable_re.fullmatch(token.contents)
                or kind == "block" and name in tag_names)
        if used and first is None:
            first = token.lineno
        verbatim = kind == "block" and name == "verbatim"
        rest.append(blank if used or kind == "comment" else token.source)
    return first, "".join(rest)


def _syntax_lines(source, tag_names):
    """Return the first lines using Django's and the native syntax (or None)."""
    django_line, django_rest = _syntax_use(source, DJANGO_SYNTAX, tag_names)
    native_line, native_rest = _syntax_use(source, NATIVE_SYNTAX, tag_names)
    if django_line is not None and native_line is not None:
        # Count each only where the other does not hide it ({% verbatim %}).
        django_line = _syntax_use(native_rest, DJANGO_SYNTAX, tag_names)[0]
        native_line = _syntax_use(django_rest, NATIVE_SYNTAX, tag_names)[0]
    return django_line, native_line


def _mixed_syntax_message(name, django_line, native_line):
    return (
        f"Template {name!r} mixes Django's syntax ({{% %}} {{{{ }}}}, line "
        f"{django_line}) and djscratch's native syntax (<% %> << >>, line "
        f"{native_line}). Write it in one syntax, or make the engine read one: "
        "\"OPTIONS\": {\"syntax\": \"django\"} (or \"native\") in its TEMPLATES "
        "entry.")


def _template_syntax(engine, source, name):
    """Return the syntax to read `source` with (the engine's, or the one it is
    written in when the engine detects it); raise if it mixes the two."""
    if not engine.detect_syntax:
        return engine.syntax
    django_line, native_line = _syntax_lines(source, engine.builtin_tag_names)
    if django_line is not None and native_line is not None:
        line = max(django_line, native_line)
        err = TemplateSyntaxError(_mixed_syntax_message(name, django_line,
                                                        native_line))
        err.template_name, err.lineno = name, line
        raise err
    return DJANGO_SYNTAX if django_line is not None else NATIVE_SYNTAX


class Engine:
    """A configured template engine: where templates live, which libraries,
    which syntax.  Backends wrap one; Template() uses Engine.get_default().
    """

    default_builtins = ["django.template.defaulttags",
                        "django.template.defaultfilters",
                        "django.template.loader_tags"]

    def __init__(self, dirs=None, app_dirs=False, context_processors=None,
                 debug=False, loaders=None, string_if_invalid="",
                 file_charset="utf-8", libraries=None, builtins=None,
                 autoescape=True, syntax=None):
        if context_processors is None:
            context_processors = []
        if loaders is None:
            loaders = ["django.template.loaders.filesystem.Loader"]
            if app_dirs:
                loaders.append("django.template.loaders.app_directories.Loader")
            loaders = [("django.template.loaders.cached.Loader", loaders)]
        elif app_dirs:
            raise ImproperlyConfigured(
                "app_dirs must not be set when loaders is defined.")
        self.dirs = [str(d) for d in dirs or ()]
        self.app_dirs = app_dirs
        self.autoescape = autoescape
        self.context_processors = context_processors
        self.debug = debug
        self.loaders = loaders
        self.string_if_invalid = string_if_invalid
        self.file_charset = file_charset
        #: "auto": read each template in the syntax it is written in
        #: (_template_syntax); `syntax` is then the one for plain text.
        self.detect_syntax = syntax == "auto"
        self.syntax = NATIVE_SYNTAX if self.detect_syntax else tuple(
            syntax or DJANGO_SYNTAX)
        if len(self.syntax) != 6:
            raise ImproperlyConfigured(
                "A template syntax is six delimiters: var start/end, tag start/end, "
                "comment start/end.")
        self.libraries = libraries or {}
        self.template_libraries = self.get_template_libraries(self.libraries)
        self.builtins = self.default_builtins + list(builtins or ())
        self.template_builtins = self.get_template_builtins(self.builtins)

    def __repr__(self):
        return f"<{type(self).__qualname__}: dirs={self.dirs!r} syntax={self.syntax!r}>"

    @staticmethod
    def get_default():
        """Return the engine of the first Django-language backend in TEMPLATES."""
        for engine in engines.all():
            if isinstance(engine, DjangoTemplates):
                return engine.engine
        raise ImproperlyConfigured("No DjangoTemplates backend is configured.")

    @cached_property
    def builtin_tag_names(self):
        """The tags every template may use without {% load %}."""
        return frozenset(name for lib in self.template_builtins for name in lib.tags)

    @cached_property
    def template_context_processors(self):
        names = ("django.template.context_processors.csrf",) + tuple(
            self.context_processors)
        return tuple(_import_processor(name) for name in names)

    def get_template_builtins(self, builtins):
        return [_import_library(x) for x in builtins]

    def get_template_libraries(self, libraries):
        return {name: path if isinstance(path, djscratch.template.library.Library) else _import_library(path)  # noqa: E501
                for name, path in libraries.items()}

    @cached_property
    def template_loaders(self):
        return self.get_template_loaders(self.loaders)

    def get_template_loaders(self, template_loaders):
        loaders = []
        for loader in template_loaders:
            loader = self.find_template_loader(loader)
            if loader is not None:
                loaders.append(loader)
        return loaders

    def find_template_loader(self, loader):
        if isinstance(loader, (tuple, list)):
            loader, *args = loader
        else:
            args = []
        if isinstance(loader, str):
            cls = _LOADER_CLASSES.get(loader)
            if cls is None:
                cls = import_string(loader)
            return cls(self, *args)
        raise ImproperlyConfigured(
            f"Invalid value in template loaders configuration: {loader!r}")

    def find_template(self, name, dirs=None, skip=None):
        tried = []
        for loader in self.template_loaders:
            try:
                template = loader.get_template(name, skip=skip)
                return template, template.origin
            except TemplateDoesNotExist as err:
                tried.extend(err.tried)
        raise TemplateDoesNotExist(name, tried=tried)

    def from_string(self, template_code):
        """Compile `template_code` with this engine's settings."""
        return Template(template_code, engine=self)

    def get_template(self, template_name):
        """Return a compiled Template for `template_name`."""
        template, origin = self.find_template(template_name)
        if not hasattr(template, "render"):
            template = Template(template, origin, template_name, engine=self)
        return template

    def render_to_string(self, template_name, context=None):
        if isinstance(template_name, (list, tuple)):
            t = self.select_template(template_name)
        else:
            t = self.get_template(template_name)
        if isinstance(context, Context):
            return t.render(context)
        return t.render(Context(context, autoescape=self.autoescape))

    def select_template(self, template_name_list):
        """Return the first template of the list that exists."""
        if isinstance(template_name_list, str):
            raise TypeError(
                "select_template() takes an iterable of template names but got a "
                f"string: {template_name_list!r}. Use get_template() if you want to "
                "load a single template by name.")
        not_found = []
        for template_name in template_name_list:
            try:
                return self.get_template(template_name)
            except TemplateDoesNotExist as exc:
                if exc.args[0] not in not_found:
                    not_found.append(exc.args[0])
        if not_found:
            raise TemplateDoesNotExist(", ".join(not_found))
        raise TemplateDoesNotExist("No template names provided")


_BUILTIN_LIBRARY_PATHS = {
    "django.template.defaulttags": "default_tags",
    "django.template.defaultfilters": "default_filters",
    "django.template.loader_tags": "default_tags",
    "django.templatetags.static": "static_library",
    "django.templatetags.tz": "tz_library",
    "django.templatetags.i18n": "i18n_library",
    "django.templatetags.l10n": "l10n_library",
}


def _import_library(name):
    """Return the Library of module `name` (its `register`)."""
    if name in _BUILTIN_LIBRARY_PATHS:
        return getattr(_package(), _BUILTIN_LIBRARY_PATHS[name])
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError as err:
        raise InvalidTemplateLibrary(
            f"Invalid template library specified. ImportError raised when trying to "
            f"load '{name}': {err}") from err
    try:
        return module.register
    except AttributeError:
        raise InvalidTemplateLibrary(
            f"Module  {name} does not have a variable named 'register'") from None


class InvalidTemplateLibrary(Exception):
    """A {% load %} library cannot be imported or has no `register`."""


def _installed_libraries():
    """Yield (name, Library) for built-in libraries and apps' templatetags/."""
    import importlib

    yield "static", djscratch.templatetags.static.static_library
    yield "tz", djscratch.templatetags.i18n.tz_library
    yield "i18n", djscratch.templatetags.i18n.i18n_library
    yield "l10n", djscratch.templatetags.i18n.l10n_library
    for config in apps.get_app_configs() if apps.ready else ():
        package = f"{config.name}.templatetags"
        try:
            pkg = importlib.import_module(package)
        except ImportError:
            continue
        import pkgutil  # only for apps that have templatetags (it loads typing)

        for info in pkgutil.iter_modules(getattr(pkg, "__path__", [])):
            module = importlib.import_module(f"{package}.{info.name}")
            if hasattr(module, "register"):
                yield info.name, module.register


def _import_processor(name):
    if callable(name):
        return name
    return import_string(name)


class DjangoTemplates:
    """The template backend for Django's syntax ({{ }} {% %} {# #}).

    OPTIONS are Engine's keyword arguments, plus "syntax": "django" or
    "native" to choose the delimiters, or "auto" to read each template in the
    syntax it is written in (see _template_syntax).
    """

    app_dirname = "templates"
    default_syntax = "django"

    def __init__(self, params):
        params = dict(params)
        options = dict(params.pop("OPTIONS", {}))
        self.name = params.pop("NAME")
        self.dirs = list(params.pop("DIRS", []))
        self.app_dirs = params.pop("APP_DIRS", False)
        if params:
            raise ImproperlyConfigured(f"Unknown parameters: {', '.join(params)}")
        options.setdefault("autoescape", True)
        options.setdefault("debug", settings.DEBUG)
        options.setdefault("file_charset", "utf-8")
        syntax = options.pop("syntax", self.default_syntax)
        if isinstance(syntax, str) and syntax != "auto":
            try:
                syntax = _SYNTAX_NAMES[syntax]
            except KeyError:
                raise ImproperlyConfigured(
                    f"Unknown template syntax {syntax!r}: use 'django', 'native' "
                    "or 'auto'.") from None
        # The backend, not Engine, adds the built-in and apps' libraries.
        options["libraries"] = {**dict(_installed_libraries()),
                                **options.get("libraries", {})}
        self.engine = Engine(self.dirs, self.app_dirs, syntax=syntax, **options)

    def from_string(self, template_code):
        return _BackendTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return _BackendTemplate(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            raise TemplateDoesNotExist(
                *exc.args, tried=exc.tried, backend=self, chain=exc.chain) from exc

    @cached_property
    def template_context_processors(self):
        return self.engine.template_context_processors

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"


DjangoTemplates.__module__ = "django.template.backends.django"


class DjscratchTemplates(DjangoTemplates):
    """djscratch's backend: the same language with << >> <% %> <# #>."""

    default_syntax = "native"


def _template_syntax_problems():
    """Return (path, line, check id, message) for each template file, in the
    engines' DIRS and apps' templates/, whose syntax its engine does not read
    (the `check` command reports them)."""
    names = {DJANGO_SYNTAX: "Django's syntax ({% %} {{ }})",
             NATIVE_SYNTAX: "djscratch's native syntax (<% %> << >>)"}
    problems = []
    for backend in engines.all():
        engine = getattr(backend, "engine", None)
        if not isinstance(engine, Engine) or not (
                engine.detect_syntax or engine.syntax in names):
            continue
        folders = list(engine.dirs)
        if engine.app_dirs:
            folders += [os.path.join(c.path, backend.app_dirname)
                        for c in apps.get_app_configs() if c.path]
        for folder, path in _template_files(folders):
            try:
                with open(path, encoding=engine.file_charset) as f:
                    source = f.read()
            except (OSError, UnicodeDecodeError):
                continue  # not a text template (an image, say)
            django_line, native_line = _syntax_lines(source, engine.builtin_tag_names)
            if engine.detect_syntax:
                if django_line is not None and native_line is not None:
                    name = os.path.relpath(path, folder).replace(os.sep, "/")
                    problems.append((path, max(django_line, native_line),
                                     "djscratch.templates.E002",
                                     _mixed_syntax_message(name, django_line,
                                                           native_line)))
                continue
            other = NATIVE_SYNTAX if engine.syntax == DJANGO_SYNTAX else DJANGO_SYNTAX
            found = {DJANGO_SYNTAX: django_line, NATIVE_SYNTAX: native_line}
            if found[other] is not None and found[engine.syntax] is None:
                problems.append((
                    path, found[other], "djscratch.templates.E001",
                    f"Written in {names[other]}, but engine {backend.name!r} reads "
                    f"{names[engine.syntax]}: it would be sent as text. Set "
                    "\"OPTIONS\": {\"syntax\": \"auto\"} (or the template's syntax) "
                    "in the engine's TEMPLATES entry, or rewrite the template."))
    return problems


def _template_files(folders):
    """Yield (folder, path) for the files under `folders`, each once, sorted."""
    seen = set()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                if path not in seen:
                    seen.add(path)
                    yield folder, path


class _BackendTemplate:
    """What loaders return: render(context=None, request=None) with a dict."""

    def __init__(self, template, backend):
        self.template, self.backend = template, backend

    @property
    def origin(self):
        return self.template.origin

    @property
    def name(self):
        return self.template.name

    def render(self, context=None, request=None):
        context = make_context(context, request,
                               autoescape=self.backend.engine.autoescape)
        return self.template.render(context)

    def __repr__(self):
        return f"<Template {self.template.name!r}>"


class EngineHandler:
    """`engines`: the backends built from settings.TEMPLATES, by NAME."""

    def __init__(self, templates=None):
        self._templates = templates
        self._engines = {}
        self._settings = None

    @property
    def templates(self):
        raw = self._templates if self._templates is not None else settings.TEMPLATES
        if raw is not self._settings:  # TEMPLATES changed (override_settings)
            self._settings, self._engines = raw, {}
            self._parsed = self._parse(raw)
        return self._parsed

    @staticmethod
    def _parse(raw):
        templates = {}
        backend_names = []
        for tpl in raw:
            try:
                default_name = tpl["BACKEND"].rsplit(".", 2)[-2]
            except Exception:
                invalid = ", ".join(str(conf) for conf in raw)
                raise ImproperlyConfigured(
                    f"Invalid BACKEND for a template engine: {invalid}. Check your "
                    "TEMPLATES setting.") from None
            tpl = {"NAME": default_name, "DIRS": [], "APP_DIRS": False,
                   "OPTIONS": {}, **tpl}
            templates[tpl["NAME"]] = tpl
            backend_names.append(tpl["NAME"])
        counts = {n: backend_names.count(n) for n in backend_names}
        duplicates = [n for n, c in counts.items() if c > 1]
        if duplicates:
            raise ImproperlyConfigured(
                "Template engine aliases aren't unique, duplicates: "
                f"{', '.join(duplicates)}. Set a unique NAME for each engine in "
                "settings.TEMPLATES.")
        return templates

    def __getitem__(self, alias):
        templates = self.templates
        try:
            return self._engines[alias]
        except KeyError:
            pass
        try:
            params = dict(templates[alias])
        except KeyError:
            raise InvalidTemplateEngineError(
                f"Could not find config for '{alias}' in settings.TEMPLATES") from None
        backend = params.pop("BACKEND")
        engine_cls = _BACKENDS.get(backend) or import_string(backend)
        engine = self._engines[alias] = engine_cls(params)
        return engine

    def __iter__(self):
        return iter(self.templates)

    def all(self):
        return [self[alias] for alias in self]


class InvalidTemplateEngineError(ImproperlyConfigured):
    """`engines[alias]` names no configured engine."""


_BACKENDS = {
    "django.template.backends.django.DjangoTemplates": DjangoTemplates,
    "djscratch.DjscratchTemplates": DjscratchTemplates,
}

engines = EngineHandler()


def _engine_list(using=None):
    return engines.all() if using is None else [engines[using]]


def get_template(template_name, using=None):
    """Load a template by name from the configured engines (first found wins)."""
    chain = []
    for engine in _engine_list(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as err:
            chain.append(err)
    raise TemplateDoesNotExist(template_name, chain=chain)


def select_template(template_name_list, using=None):
    """Load the first template of the list that exists."""
    if isinstance(template_name_list, str):
        raise TypeError(
            "select_template() takes an iterable of template names but got a string: "
            f"{template_name_list!r}. Use get_template() if you want to load a single "
            "template by name.")
    chain = []
    for template_name in template_name_list:
        for engine in _engine_list(using):
            try:
                return engine.get_template(template_name)
            except TemplateDoesNotExist as err:
                chain.append(err)
    if template_name_list:
        raise TemplateDoesNotExist(", ".join(template_name_list), chain=chain)
    raise TemplateDoesNotExist("No template names provided")


def render_to_string(template_name, context=None, request=None, using=None):
    """Load a template and render it with a dict `context` (and `request`)."""
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name, using=using)
    else:
        template = get_template(template_name, using=using)
    return template.render(context, request)


def _reset_template_caches(*, setting, **kwargs):
    if setting in ("TEMPLATES", "DEBUG", "INSTALLED_APPS"):
        engines._settings = None
        engines._engines = {}


setting_changed.connect(_reset_template_caches, dispatch_uid="djscratch-templates")
