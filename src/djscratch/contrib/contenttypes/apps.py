"""The contenttypes AppConfig (django/contrib/contenttypes/apps.py): on
ready, ContentType rows are created after every migrate, and the
contenttypes checks are registered.
"""

# Later modules, used at call time: contrib.contenttypes.checks.
import djscratch

from djscratch.apps.registry import AppConfig
from djscratch.core.checks.registry import register, Tags
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
        register(djscratch.contrib.contenttypes.checks.check_generic_foreign_keys,
                 Tags.models)
        register(djscratch.contrib.contenttypes.checks.check_model_name_lengths,
                 Tags.models)
