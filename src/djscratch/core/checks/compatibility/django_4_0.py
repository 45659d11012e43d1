"""The Django 4.0 compatibility check (django/core/checks/compatibility/
django_4_0.py): 4_0.E001, a CSRF_TRUSTED_ORIGINS entry without a scheme.
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_csrf_trusted_origins",
]


@register(Tags.compatibility)
def check_csrf_trusted_origins(app_configs, **kwargs):
    """4_0.E001 for each origin written without its scheme."""
    return [Error("As of Django 4.0, the values in the CSRF_TRUSTED_ORIGINS "
                  "setting must start with a scheme (usually http:// or "
                  "https://) but found %s. See the release notes for details."
                  % origin, id="4_0.E001")
            for origin in settings.CSRF_TRUSTED_ORIGINS if "://" not in origin]
