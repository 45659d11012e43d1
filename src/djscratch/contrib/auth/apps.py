"""The auth AppConfig (django/contrib/auth/apps.py and management): after
every migrate, the add/change/delete/view permissions (and Meta.permissions)
of each installed model get their Permission rows.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.checks, contrib.auth.checks.
import djscratch

from djscratch.apps.registry import AppConfig, apps as global_apps
from djscratch.core.signals import post_migrate
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.auth.models import Permission, update_last_login
from djscratch.contrib.auth.signals import user_logged_in
from djscratch.contrib.auth.api import get_user_model

__all__ = [
    "AuthConfig", "create_permissions",
]


#: The templates of the django.contrib.auth app (AuthConfig.builtin_templates):
#: its form renderer finds them as it finds an app's templates/ folder, so a
#: project can override them as in Django.  (Here, not beside the auth forms,
#: which the single file builds on first use: template loaders ask for them.)
AUTH_TEMPLATES = {
    "auth/widgets/read_only_password_hash.html": (
        "<div{% include 'django/forms/widgets/attrs.html' %}>\n"
        "  <p>\n"
        "    {% for entry in summary %}\n"
        "    <strong>{{ entry.label }}</strong>{% if entry.value %}: <bdi>"
        "{{ entry.value }}</bdi>{% endif %}\n"
        "    {% endfor %}\n"
        "  </p>\n"
        '  <p><a class="button" href="{{ password_url|default:"../password/" }}">'
        "{{ button_label }}</a></p>\n"
        "</div>\n"),
}


def _get_all_permissions(opts):
    """(codename, name) of a model's default and custom permissions."""
    builtin = [("%s_%s" % (action, opts.model_name),
                "Can %s %s" % (action, opts.verbose_name_raw))
               for action in opts.default_permissions]
    return builtin + list(opts.permissions)


def create_permissions(app_config, verbosity=2, interactive=True,
                       using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the Permission rows an app's models lack (never deletes)."""
    if not apps.is_installed("django.contrib.auth") or not apps.is_installed(
            "django.contrib.contenttypes"):
        return
    try:
        app_config = apps.get_app_config(app_config.label)
    except LookupError:
        return
    searched_perms = []
    ctypes = set()
    for klass in app_config.get_models():
        ctype = ContentType.objects.db_manager(using).get_for_model(
            klass, for_concrete_model=False)
        ctypes.add(ctype)
        for perm in _get_all_permissions(klass._meta):
            searched_perms.append((ctype, perm))
    if not searched_perms:
        return
    all_perms = set(Permission.objects.using(using).filter(
        content_type__in=ctypes).values_list("content_type", "codename"))
    perms = []
    for ct, (codename, name) in searched_perms:
        if (ct.pk, codename) not in all_perms:
            # In `using` before content_type is set, as Django: a router
            # sending writes elsewhere would refuse the relation otherwise.
            permission = Permission()
            permission._state.db = using
            permission.codename, permission.name = codename, name
            permission.content_type = ct
            perms.append(permission)
            all_perms.add((ct.pk, codename))
    Permission.objects.using(using).bulk_create(perms)
    if verbosity >= 2:
        for perm in perms:
            print("Adding permission '%s'" % perm)


class AuthConfig(AppConfig):
    """django.contrib.auth in INSTALLED_APPS."""

    default_auto_field = "django.db.models.AutoField"
    name = "django.contrib.auth"
    verbose_name = "Authentication and Authorization"

    @property
    def builtin_templates(self):
        """The app's templates, which djscratch keeps in its forms module."""
        return AUTH_TEMPLATES

    def ready(self):
        add_check = djscratch.core.checks.registry.register
        add_check(djscratch.contrib.auth.checks.check_user_model, "models")
        add_check(djscratch.contrib.auth.checks.check_models_permissions, "models")
        add_check(djscratch.contrib.auth.checks.check_middleware)
        post_migrate.connect(
            create_permissions,
            dispatch_uid="django.contrib.auth.management.create_permissions")
        if any(f.name == "last_login" for f in get_user_model()._meta.fields):
            user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
