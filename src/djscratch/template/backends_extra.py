"""The template backends other than DjangoTemplates: the dummy
TemplateStrings and the Jinja2 backend (django/template/backends/dummy.py and
jinja2.py).  The single file builds them on first use (a deferred section).
"""

import djscratch

from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import import_string
from djscratch.utils.html import conditional_escape
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.template.base import Origin, TemplateDoesNotExist, TemplateSyntaxError
from djscratch.template.backends import (
    BaseEngine, csrf_input_lazy, csrf_token_lazy, get_exception_info,
)

__all__ = ["TemplateStrings", "Jinja2Backend"]


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
