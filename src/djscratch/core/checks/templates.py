"""The template checks: djscratch's syntax checks of the template files
(djscratch.templates.E001/E002), registered under Django's "templates" tag
(django/core/checks/templates.py).
"""

from djscratch.template.backends import _template_syntax_problems
from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_template_syntax",
]


@register(Tags.templates)
def check_template_syntax(app_configs, **kwargs):
    """A template file whose syntax its engine does not read."""
    return [Error(message, obj=f"{path}:{line}", id=check_id)
            for path, line, check_id, message in _template_syntax_problems()]
