"""The template backends: DjangoTemplates, DjscratchTemplates, the dummy
TemplateStrings and the Jinja2 refusal (django/template/backends/), and the
engine registry (django/template/utils.py).
"""

import functools
import os

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.loader.
import djscratch

from djscratch.utils.functional import cached_property, lazy
from djscratch.utils.module_loading import import_string
from djscratch.utils.html import conditional_escape, format_html
from djscratch.utils.safestring import SafeString
from djscratch.utils._os import safe_join
from djscratch.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.template.base import (
    DJANGO_SYNTAX, NATIVE_SYNTAX, Origin, TemplateDoesNotExist, TemplateSyntaxError,
)
from djscratch.template.context import make_context
from djscratch.template.engine import (
    _EMBEDDED_LIBRARIES, _installed_libraries, _mixed_syntax_message,
    _package_libraries, _syntax_lines,
    _SYNTAX_NAMES, Engine,
)

__all__ = [
    "DjangoTemplates", "DjscratchTemplates", "TemplateStrings", "Jinja2Backend",
    "get_exception_info",
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


class TemplateStrings(BaseEngine):
    """The dummy backend: string.Template ($name) files in template_strings/."""

    app_dirname = "template_strings"

    def __init__(self, params):
        params = dict(params)
        options = dict(params.pop("OPTIONS"))
        if options:
            raise ImproperlyConfigured(f"Unknown options: {', '.join(options)}")
        super().__init__(params)

    def from_string(self, template_code):
        return _dummy_template_class()(template_code)

    def get_template(self, template_name):
        tried = []
        for template_file in self.iter_template_filenames(template_name):
            try:
                with open(template_file, encoding="utf-8") as fp:
                    template_code = fp.read()
            except FileNotFoundError:
                tried.append((Origin(template_file, template_name, self),
                              "Source does not exist"))
            else:
                return _dummy_template_class()(template_code)
        raise TemplateDoesNotExist(template_name, tried=tried, backend=self)


TemplateStrings.__module__ = "django.template.backends.dummy"


def _dummy_template_class():
    """The dummy backend's template class (django.template.backends.dummy.
    Template, djscratch._DummyTemplate), made on first use (_LAZY_ATTRS):
    a string.Template subclass compiles its pattern when it is defined, and
    `import djscratch` does not import string for a backend few sites use.
    One class: the first one made is kept."""
    if _DUMMY_TEMPLATE_CLASS:
        return _DUMMY_TEMPLATE_CLASS[0]
    import string

    class _DummyTemplate(string.Template):
        """A dummy backend's template: $name, values escaped, csrf_input
        added."""

        def render(self, context=None, request=None):
            if context is None:
                context = {}
            else:
                context = {k: conditional_escape(v) for k, v in context.items()}
            if request is not None:
                context["csrf_input"] = csrf_input_lazy(request)
                context["csrf_token"] = csrf_token_lazy(request)
            return self.safe_substitute(context)

    _DummyTemplate.__module__ = "django.template.backends.dummy"
    _DummyTemplate.__qualname__ = "_DummyTemplate"  # as if at the top level
    _DUMMY_TEMPLATE_CLASS.append(_DummyTemplate)
    return _DUMMY_TEMPLATE_CLASS[0]


#: _dummy_template_class()'s class, once made.
_DUMMY_TEMPLATE_CLASS = []


class Jinja2Backend(BaseEngine):
    """Django's Jinja2 backend (django.template.backends.jinja2.Jinja2), over
    the jinja2 package, which the project installs: djscratch itself imports
    only the standard library, and imports jinja2 when this backend is built.

    OPTIONS are jinja2.Environment's keyword arguments, plus "environment" (a
    dotted path to the Environment class or factory) and "context_processors".
    As in Django: autoescape on, auto_reload and DebugUndefined with DEBUG, a
    FileSystemLoader over DIRS and the apps' jinja2/ folders."""

    app_dirname = "jinja2"

    def __init__(self, params):
        import jinja2

        params = dict(params)
        options = dict(params.pop("OPTIONS"))
        super().__init__(params)
        self.context_processors = options.pop("context_processors", [])
        environment_class = import_string(options.pop("environment",
                                                      "jinja2.Environment"))
        if "loader" not in options:
            options["loader"] = _jinja2_loader(self)
        options.setdefault("autoescape", True)
        options.setdefault("auto_reload", settings.DEBUG)
        options.setdefault(
            "undefined", jinja2.DebugUndefined if settings.DEBUG else jinja2.Undefined)
        self.env = environment_class(**options)

    def from_string(self, template_code):
        return _Jinja2Template(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        import jinja2

        try:
            return _Jinja2Template(self.env.get_template(template_name), self)
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(exc.name, backend=self) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _jinja2_syntax_error(exc) from exc

    @cached_property
    def template_context_processors(self):
        return [import_string(path) for path in self.context_processors]


Jinja2Backend.__module__ = "django.template.backends.jinja2"


def _jinja2_loader(backend):
    """DIRS and the apps' jinja2/ folders; then, when the app "django.forms"
    is installed and APP_DIRS is set, the built-in form templates (Django
    finds them in that app's jinja2/ folder; djscratch carries them inside)."""
    import jinja2

    loader = jinja2.FileSystemLoader(backend.template_dirs)
    # The setting, not the registry: djscratch's registry keeps every app it
    # ever loaded, and override_settings(INSTALLED_APPS=...) changes the list.
    if backend.app_dirs and "django.forms" in settings.INSTALLED_APPS:
        return jinja2.ChoiceLoader([loader, _jinja2_forms_loader()])
    return loader


def _jinja2_forms_loader():
    """The built-in form and widget templates, in Jinja2's syntax."""
    import jinja2

    return jinja2.DictLoader(djscratch.forms.jinja2.JINJA2_FORM_TEMPLATES)


class _Jinja2Template:
    """A Jinja2 template as a backend returns it: render(context, request),
    with request, csrf_input, csrf_token and the context processors' values
    when a request is given."""

    def __init__(self, template, backend):
        self.template, self.backend = template, backend
        self.origin = Jinja2Origin(name=template.filename,
                                   template_name=template.name)

    def render(self, context=None, request=None):
        import jinja2

        context = {} if context is None else dict(context)
        if request is not None:
            context["request"] = request
            context["csrf_input"] = csrf_input_lazy(request)
            context["csrf_token"] = csrf_token_lazy(request)
            for processor in self.backend.template_context_processors:
                context.update(processor(request))
        try:
            return self.template.render(context)
        except jinja2.TemplateSyntaxError as exc:  # in an included template
            raise _jinja2_syntax_error(exc) from exc


_Jinja2Template.__module__ = "django.template.backends.jinja2"


class Jinja2Origin:
    """Where a Jinja2 template came from (its file, or "<template>")."""

    def __init__(self, name, template_name):
        self.name, self.template_name = name, template_name


Jinja2Origin.__module__ = "django.template.backends.jinja2"


def _jinja2_syntax_error(exc):
    """Django's TemplateSyntaxError for a jinja2 one, with the template_debug
    the technical error page shows."""
    error = TemplateSyntaxError(exc.args)
    error.template_debug = get_exception_info(exc)
    return error


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
    "django.template.backends.dummy.TemplateStrings": TemplateStrings,
    "django.template.backends.jinja2.Jinja2": Jinja2Backend,
}
