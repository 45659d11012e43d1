"""The admin's AppConfigs (django/contrib/admin/apps.py): SimpleAdminConfig,
and AdminConfig, the default, which also imports every app's admin.py.
"""

# Modules that load later (models.py, sites.py, checks.py), used at call time as
# djscratch.<module>.<name>.
import djscratch

from djscratch.apps.registry import AppConfig
from djscratch.core.checks.registry import register, Tags
from djscratch.utils.translation import gettext_lazy

__all__ = [
    "SimpleAdminConfig", "AdminConfig",
]


class SimpleAdminConfig(AppConfig):
    """django.contrib.admin without the automatic discovery of admin.py."""

    default_auto_field = "django.db.models.AutoField"
    default_site = "django.contrib.admin.sites.AdminSite"
    name = "django.contrib.admin"
    verbose_name = gettext_lazy("Administration")
    default = False

    @property
    def builtin_templates(self):
        """The admin's templates, which djscratch keeps as text (the single
        file has no templates/ folder); a project's own still override them."""
        return djscratch.contrib.admin.templates._ADMIN_TEMPLATES

    def ready(self):
        register(djscratch.contrib.admin.checks.check_dependencies, Tags.admin)
        register(djscratch.contrib.admin.checks.check_admin_app, Tags.admin)

    def import_models(self):
        super().import_models()
        # The single file defines LogEntry on first use; the registry must
        # know it before migrate creates tables.
        djscratch.contrib.admin.models.LogEntry


class AdminConfig(SimpleAdminConfig):
    """django.contrib.admin in INSTALLED_APPS: imports every app's admin.py
    once the registry is ready."""

    default = True

    def ready(self):
        super().ready()
        djscratch.contrib.admin.sites.autodiscover()
