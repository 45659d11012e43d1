"""The contenttypes AppConfig (django/contrib/contenttypes/apps.py): on
ready, ContentType rows are created after every migrate.
"""

from djscratch.apps.registry import AppConfig
from djscratch.core.signals import post_migrate
from djscratch.contrib.contenttypes.management import create_contenttypes

__all__ = [
    "ContentTypesConfig",
]


class ContentTypesConfig(AppConfig):
    """django.contrib.contenttypes in INSTALLED_APPS."""

    default_auto_field = "django.db.models.AutoField"
    name = "django.contrib.contenttypes"
    verbose_name = "Content Types"

    def ready(self):
        post_migrate.connect(create_contenttypes)
