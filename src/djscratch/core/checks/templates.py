"""The template checks (django/core/checks/templates.py): each engine's own
check() (templates.E002, W003), and djscratch's syntax checks of the template
files (djscratch.templates.E001/E002), under Django's "templates" tag.
"""

# Later modules, used at call time as djscratch.<module>.<name>: template.loader.
import djscratch

from djscratch.template.backends import _template_syntax_problems
from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_template_syntax", "check_templates",
]


@register(Tags.templates)
def check_template_syntax(app_configs, **kwargs):
    """A template file whose syntax its engine does not read."""
    return [Error(message, obj=f"{path}:{line}", id=check_id)
            for path, line, check_id, message in _template_syntax_problems()]


@register(Tags.templates)
def check_templates(app_configs, **kwargs):
    """The problems each configured template engine reports."""
    errors = []
    for engine in djscratch.template.loader.engines.all():
        errors.extend(engine.check())
    return errors
