"""The async safety check (django/core/checks/async_checks.py): async.E001,
DJANGO_ALLOW_ASYNC_UNSAFE set in deployment.
"""

import os

from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_async_unsafe",
]

_ASYNC_E001 = Error(
    "You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable in "
    "deployment. This disables async safety protection.",
    id="async.E001")


@register(Tags.async_support, deploy=True)
def check_async_unsafe(app_configs, **kwargs):
    """async.E001: the environment turns off the async-unsafe guard."""
    return [_ASYNC_E001] if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") else []
