"""The staticfiles AppConfig (django/contrib/staticfiles/apps.py): the
patterns collectstatic leaves out, and the staticfiles checks.
"""

from djscratch.apps.registry import AppConfig
from djscratch.core.checks.registry import register, Tags
from djscratch.contrib.staticfiles.checks import check_finders, check_storages

__all__ = ["StaticFilesConfig"]


class StaticFilesConfig(AppConfig):
    """django.contrib.staticfiles in INSTALLED_APPS."""

    name = "django.contrib.staticfiles"
    verbose_name = "Static Files"
    ignore_patterns = ["CVS", ".*", "*~"]

    def ready(self):
        register(check_finders, Tags.staticfiles)
        register(check_storages, Tags.staticfiles)
