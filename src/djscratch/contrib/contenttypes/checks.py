"""The contenttypes system checks (django/contrib/contenttypes/checks.py):
each GenericForeignKey's own checks, and model names that fit
ContentType.model (contenttypes.E005).
"""

from djscratch.apps.registry import apps
from djscratch.core.checks.messages import Error
from djscratch.contrib.contenttypes.fields import GenericForeignKey

__all__ = [
    "check_generic_foreign_keys", "check_model_name_lengths",
]


def _checked_models(app_configs):
    if app_configs is None:
        return apps.get_models()
    return [model for config in app_configs for model in config.get_models()]


def check_generic_foreign_keys(app_configs=None, **kwargs):
    """The check() of every GenericForeignKey of the models."""
    errors = []
    for model in _checked_models(app_configs):
        for value in list(vars(model).values()):
            if isinstance(value, GenericForeignKey):
                errors.extend(value.check())
    return errors


def check_model_name_lengths(app_configs=None, **kwargs):
    """contenttypes.E005: a model name longer than ContentType.model holds."""
    return [
        Error("Model names must be at most 100 characters (got %d)."
              % len(model._meta.model_name), obj=model, id="contenttypes.E005")
        for model in _checked_models(app_configs)
        if len(model._meta.model_name) > 100]
