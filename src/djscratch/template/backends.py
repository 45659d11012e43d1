"""The template backends: DjangoTemplates and
DjscratchTemplates (django/template/backends/), and the engine registry.
"""

from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.template.base import DJANGO_SYNTAX, NATIVE_SYNTAX, TemplateDoesNotExist
from djscratch.template.context import make_context
from djscratch.template.engine import _installed_libraries, Engine

__all__ = [
    "DjangoTemplates", "DjscratchTemplates",
]


class DjangoTemplates:
    """The template backend for Django's syntax ({{ }} {% %} {# #}).

    OPTIONS are Engine's keyword arguments, plus "syntax": "django" or
    "native" to choose the delimiters.
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
        if isinstance(syntax, str):
            try:
                syntax = {"django": DJANGO_SYNTAX, "native": NATIVE_SYNTAX}[syntax]
            except KeyError:
                raise ImproperlyConfigured(
                    f"Unknown template syntax {syntax!r}: use 'django' or 'native'."
                ) from None
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
