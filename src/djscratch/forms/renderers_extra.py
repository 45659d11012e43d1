"""The form renderers other than DjangoTemplates (django/forms/renderers.py):
Jinja2, TemplatesSetting and the deprecated transitional names.  The single
file builds them on first use (a deferred section).
"""

import warnings

from djscratch.utils.functional import cached_property
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.template.backends import get_app_template_dirs
from djscratch.template.backends_extra import Jinja2Backend
from djscratch.template.loader import get_template
from djscratch.forms.jinja2 import JINJA2_FORM_TEMPLATES
from djscratch.forms.renderers import BaseRenderer, DjangoTemplates, EngineMixin

__all__ = [
    "TemplatesSetting", "Jinja2", "DjangoDivFormRenderer", "Jinja2DivFormRenderer",
]


class Jinja2(EngineMixin, BaseRenderer):
    """Render forms with Jinja2 (the jinja2 package must be installed): the
    built-in form templates in Jinja2's syntax first, then the jinja2/ folder
    of each installed app."""

    @cached_property
    def backend(self):
        return Jinja2Backend

    @cached_property
    def engine(self):
        import jinja2

        files = jinja2.FileSystemLoader(get_app_template_dirs("jinja2"))
        builtin = jinja2.DictLoader(JINJA2_FORM_TEMPLATES)
        return self.backend({
            "NAME": "djangoforms", "DIRS": [], "APP_DIRS": True,
            "OPTIONS": {"loader": jinja2.ChoiceLoader([builtin, files])},
        })


class DjangoDivFormRenderer(DjangoTemplates):
    """DjangoTemplates, under its transitional name (deprecated)."""

    def __init__(self, *args, **kwargs):
        warnings.warn(
            "The DjangoDivFormRenderer transitional form renderer is deprecated. Use "
            "DjangoTemplates instead.", RemovedInDjango60Warning, stacklevel=2)
        super().__init__(*args, **kwargs)


class Jinja2DivFormRenderer(Jinja2):
    """Jinja2, under its transitional name (deprecated)."""

    def __init__(self, *args, **kwargs):
        warnings.warn(
            "The Jinja2DivFormRenderer transitional form renderer is deprecated. Use "
            "Jinja2 instead.", RemovedInDjango60Warning, stacklevel=2)
        super().__init__(*args, **kwargs)


class TemplatesSetting(BaseRenderer):
    """Load templates as get_template() does, from settings.TEMPLATES.

    The built-in form templates are found when INSTALLED_APPS lists
    "django.forms" and an engine has APP_DIRS, as in Django.
    """

    def get_template(self, template_name):
        return get_template(template_name)
