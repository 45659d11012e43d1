"""Engine (django/template/engine.py): loaders, libraries and
the template cache.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.backends, template.library, template.loader,
# templatetags.cache, templatetags.i18n, templatetags.static.
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import _package, import_string
from djscratch.utils.regex_helper import _re
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.apps.registry import apps
from djscratch.template.base import (
    _CONSTANT, _NUM, _plain_filter_expression, _tokenize, DJANGO_SYNTAX, NATIVE_SYNTAX,
    Template, TemplateDoesNotExist, TemplateSyntaxError,
)
from djscratch.template.context import Context
from djscratch.template.loaders import _LOADER_CLASSES, _CachedLoader

__all__ = [
    "Engine",
]


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


def _is_variable_expression(text):
    """Whether `text` (a variable tag's contents) is an expression: a plain
    one (_plain_filter_expression) is, without compiling the pattern."""
    return _plain_filter_expression(text) is not None or \
        _re(_VARIABLE_EXPRESSION).fullmatch(text) is not None


def _syntax_use(source, syntax, tag_names):
    """Return the first line where `source` uses `syntax` (or None), and the
    source with that syntax's tags, comments and verbatim blocks blanked."""
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
        used = (kind == "var" and _is_variable_expression(token.contents)
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
        parts = [f"<{type(self).__qualname__}:"]
        if self.dirs:
            parts.append(f"dirs={self.dirs!r}")
        parts.append(f"app_dirs={self.app_dirs}")
        if self.context_processors:
            parts.append(f"context_processors={self.context_processors!r}")
        parts += [f"debug={self.debug}", f"loaders={self.loaders!r}",
                  f"string_if_invalid={self.string_if_invalid!r}",
                  f"file_charset={self.file_charset!r}"]
        if self.libraries:
            parts.append(f"libraries={self.libraries!r}")
        if self.builtins:
            parts.append(f"builtins={self.builtins!r}")
        if self.detect_syntax or self.syntax != DJANGO_SYNTAX:  # djscratch's own
            parts.append(f"syntax={'auto' if self.detect_syntax else self.syntax!r}")
        return " ".join(parts) + f" autoescape={self.autoescape!r}>"

    @staticmethod
    def get_default():
        """Return the engine of the first Django-language backend in TEMPLATES."""
        for engine in djscratch.template.loader.engines.all():
            if isinstance(engine, djscratch.template.backends.DjangoTemplates):
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

    def _cached_template(self, name, skip):
        """Return the Template find_template(name, skip=skip) would return
        when a lone cached loader holds it, else None (then find_template
        runs): read straight from that loader's entry, sparing the loader
        calls, the key's list and a try per {% extends %} of every render.
        Only where the loader answers from that entry alone: debug off (no
        mtime check), the exact classes (no override of find_template or
        get_template) and no skipped origin of the same name (the key would
        carry their digest)."""
        if self.debug or type(self) is not Engine:
            return None
        loaders = self.template_loaders
        if len(loaders) != 1 or type(loaders[0]) is not _CachedLoader:
            return None
        for origin in skip:
            if origin.template_name == name:
                return None
        found = loaders[0].get_template_cache.get(name)
        return found if isinstance(found, Template) else None

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
    "django.templatetags.cache": "cache_library",
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


#: Tag libraries an app carries in the single file (it has no templatetags/
#: package): app name -> {library name: Library}.  The admin's are in
#: contrib/admin/templatetags.py.
_EMBEDDED_LIBRARIES = {}


def _installed_libraries():
    """Yield (name, module path) for the built-in libraries and apps'
    templatetags modules (a Library for those an app carries in the single
    file), as Django's get_installed_libraries() does."""
    for name in ("cache", "i18n", "l10n", "static", "tz"):
        yield name, f"django.templatetags.{name}"
    for config in apps.get_app_configs() if apps.ready else ():
        yield from _EMBEDDED_LIBRARIES.get(config.name, {}).items()
        yield from _package_libraries(f"{config.name}.templatetags")


def _package_libraries(package):
    """Yield (name, path) for each module under `package` (subpackages too)
    that has a `register`; the name is the path after the package's."""
    import importlib
    import sys

    if package.startswith("django.") and package not in sys.modules and \
            sys.meta_path[:1] == [djscratch.django_alias._AliasFinder]:
        return  # the alias's modules have no submodule files: no library
    try:
        pkg = importlib.import_module(package)
    except ImportError:
        return  # no templatetags package
    if not hasattr(pkg, "__path__"):
        return
    import pkgutil  # only for apps that have templatetags (it loads typing)

    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        try:
            module = importlib.import_module(info.name)
        except ImportError as err:
            raise InvalidTemplateLibrary(
                "Invalid template library specified. ImportError raised when "
                f"trying to load '{info.name}': {err}") from err
        if hasattr(module, "register"):
            yield info.name.removeprefix(package + "."), info.name


def _import_processor(name):
    if callable(name):
        return name
    return import_string(name)
