"""The post_migrate handler that adds a ContentType row per model of each
installed app (django/contrib/contenttypes/management/__init__.py).
"""

from djscratch.apps.registry import apps as global_apps
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.contrib.contenttypes.models import ContentType

__all__ = [
    "create_contenttypes",
]


def get_contenttypes_and_models(app_config, using, ContentType):
    """Return ({model_name: ct} stored, {model_name: model} defined) for an app."""
    ContentType.objects.clear_cache()
    content_types = {
        ct.model: ct
        for ct in ContentType.objects.using(using).filter(app_label=app_config.label)
    }
    app_models = {model._meta.model_name: model for model in app_config.get_models()}
    return content_types, app_models


def create_contenttypes(app_config, verbosity=2, interactive=True,
                        using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the ContentType rows an app's models lack (never deletes)."""
    # Django returns early for an app without a models module; djscratch's
    # contrib apps (sessions, ...) define their models elsewhere, so an app
    # is judged by the models it registered.
    try:
        app_config = apps.get_app_config(app_config.label)
    except LookupError:
        return
    content_types, app_models = get_contenttypes_and_models(
        app_config, using, ContentType)
    if not app_models:
        return
    cts = [
        ContentType(app_label=app_config.label, model=model_name)
        for model_name in app_models
        if model_name not in content_types
    ]
    ContentType.objects.using(using).bulk_create(cts)
    if verbosity >= 2:
        for ct in cts:
            print("Adding content type '%s | %s'" % (ct.app_label, ct.model))
