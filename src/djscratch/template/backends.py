"""The template backends: DjangoTemplates and DjscratchTemplates
(django/template/backends/; the dummy and Jinja2 backends are in
template/backends_extra.py, built on first use), and the engine registry
(django/template/utils.py).
"""

import functools
import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.loader.
import djscratch

from djscratch.utils.functional import cached_property, lazy
from djscratch.utils.module_loading import import_string
from djscratch.utils.html import format_html
from djscratch.utils.safestring import SafeString
from djscratch.utils._os import safe_join
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.exceptions_extra import SuspiciousFileOperation
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.template.base import (
    DJANGO_SYNTAX, NATIVE_SYNTAX, TemplateDoesNotExist,
)
from djscratch.template.context import make_context
from djscratch.template.engine import (
    _EMBEDDED_LIBRARIES, _installed_libraries, _mixed_syntax_message,
    _package_libraries, _syntax_lines,
    _SYNTAX_NAMES, Engine,
)

__all__ = [
    "DjangoTemplates", "DjscratchTemplates", "get_exception_info",
    "get_app_template_dirs", "csrf_input", "csrf_input_lazy", "csrf_token_lazy",
]


@functools.lru_cache
def get_app_template_dirs(dirname):
    """The `dirname` folders of the installed apps that have one, in order."""
    from pathlib import Path

    return tuple(
        path for config in apps.get_app_configs()
        if config.path and (path := Path(config.path) / dirname).is_dir())


class BaseEngine:
    """The base of a template backend (django.template.backends.base):
    NAME, DIRS and APP_DIRS; a backend adds from_string() and get_template()."""

    def __init__(self, params):
        params = dict(params)
        self.name = params.pop("NAME")
        self.dirs = list(params.pop("DIRS"))
        self.app_dirs = params.pop("APP_DIRS")
        if params:
            raise ImproperlyConfigured(
                "Unknown parameters: {}".format(", ".join(params)))

    def check(self, **kwargs):
        """The backend's system checks (check_templates runs them)."""
        return []

    @property
    def app_dirname(self):
        raise ImproperlyConfigured(
            "{} doesn't support loading templates from installed "
            "applications.".format(self.__class__.__name__))

    def from_string(self, template_code):
        raise NotImplementedError(
            "subclasses of BaseEngine should provide a from_string() method")

    def get_template(self, template_name):
        raise NotImplementedError(
            "subclasses of BaseEngine must provide a get_template() method")

    @cached_property
    def template_dirs(self):
        """DIRS, then the apps' `app_dirname` folders when APP_DIRS is set."""
        template_dirs = tuple(self.dirs)
        if self.app_dirs:
            template_dirs += get_app_template_dirs(self.app_dirname)
        return template_dirs

    def iter_template_filenames(self, template_name):
        """Yield the path of `template_name` in each folder it stays inside."""
        for template_dir in self.template_dirs:
            try:
                yield safe_join(template_dir, template_name)
            except SuspiciousFileOperation:
                pass  # outside this folder; it may be inside another


BaseEngine.__module__ = "django.template.backends.base"


def csrf_input(request):
    """The CSRF hidden input for `request`, as HTML."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
        djscratch.middleware.csrf.get_token(request))


def _csrf_token(request):
    return djscratch.middleware.csrf.get_token(request)


csrf_input_lazy = lazy(csrf_input, SafeString, str)
csrf_token_lazy = lazy(_csrf_token, str)


def get_exception_info(exception):
    """The lines around a jinja2 TemplateSyntaxError (up to ten either side
    of its line), as the debug page shows a template error."""
    context_lines = 10
    lineno = exception.lineno
    source = exception.source
    if source is None and exception.filename and os.path.exists(exception.filename):
        with open(exception.filename, encoding="utf-8") as fp:
            source = fp.read()
    if source is not None:
        lines = list(enumerate(source.strip().split("\n"), start=1))
        during = lines[lineno - 1][1]
        total = len(lines)
        top = max(0, lineno - context_lines - 1)
        bottom = min(total, lineno + context_lines)
    else:
        during, lines, total, top, bottom = "", [], 0, 0, 0
    return {
        "name": exception.filename, "message": exception.message,
        "source_lines": lines[top:bottom], "line": lineno, "before": "",
        "during": during, "after": "", "total": total, "top": top,
        "bottom": bottom,
    }


class DjangoTemplates(BaseEngine):
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
        self._option_libraries = dict(options.get("libraries", {}))
        options["libraries"] = {**dict(_installed_libraries()),
                                **self._option_libraries}
        self.engine = Engine(self.dirs, self.app_dirs, syntax=syntax, **options)

    def check(self, **kwargs):
        """templates.E002 (string_if_invalid not a string) and W003 (one
        library name for several modules)."""
        return [*self._check_string_if_invalid_is_string(),
                *self._check_for_template_tags_with_the_same_name()]

    def _check_string_if_invalid_is_string(self):
        value = self.engine.string_if_invalid
        if isinstance(value, str):
            return []
        return [djscratch.core.checks.messages.Error(
            "'string_if_invalid' in TEMPLATES OPTIONS must be a string but got: "
            "%r (%s)." % (value, type(value)), obj=self, id="templates.E002")]

    def _check_for_template_tags_with_the_same_name(self):
        modules = {}
        for name, path in [*_template_tag_modules(),
                           *self._option_libraries.items()]:
            modules.setdefault(name, set()).add(path)
        return [djscratch.core.checks.messages.Warning(
            f"{name!r} is used for multiple template tag modules: "
            + ", ".join(repr(path) for path in sorted(paths)),
            obj=self, id="templates.W003")
            for name, paths in modules.items() if len(paths) > 1]

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


def _template_tag_modules():
    """(library name, module path) of Django's built-in libraries and of each
    installed app's templatetags modules (Django's get_template_tag_modules)."""
    for name in ("cache", "i18n", "l10n", "static", "tz"):
        yield name, f"django.templatetags.{name}"
    for config in apps.get_app_configs() if apps.ready else ():
        package = f"{config.name}.templatetags"
        for name in _EMBEDDED_LIBRARIES.get(config.name, {}):
            yield name, f"{package}.{name}"
        yield from _package_libraries(package)


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
    for backend in djscratch.template.loader.engines.all():
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
        engines = _engines_built(self)
        return engines if engines is not None else [self[alias] for alias in self]


def _engines_built(handler):
    """handler.all() when every engine is built already (every render()
    asks, for the one engine as a rule): their dict read in TEMPLATES order,
    without a __getitem__() call per alias; None for anything else (an
    engine to build, a handler of another class)."""
    if type(handler) is not EngineHandler:
        return None
    templates = handler.templates  # (the TEMPLATES check: it may drop them)
    try:
        return list(map(handler._engines.__getitem__, templates))
    except KeyError:
        return None


class InvalidTemplateEngineError(ImproperlyConfigured):
    """`engines[alias]` names no configured engine."""


_BACKENDS = {
    "django.template.backends.django.DjangoTemplates": DjangoTemplates,
    "djscratch.DjscratchTemplates": DjscratchTemplates,
}
