"""get_template(), select_template() and render_to_string()
(django/template/loader.py), over the configured engines.
"""

from djscratch.core.signals import setting_changed
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.backends import EngineHandler, get_app_template_dirs

__all__ = [
    "engines", "get_template", "select_template", "render_to_string",
]


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
    if setting == "INSTALLED_APPS":
        get_app_template_dirs.cache_clear()


setting_changed.connect(_reset_template_caches, dispatch_uid="djscratch-templates")
