"""The system checks of django.contrib.auth (django/contrib/auth/checks.py),
with Django's ids and texts: the user model (auth.E001-E003, auth.W004,
auth.C009/C010), the models' permissions (auth.E005-E008, E011, E012) and
the middleware order LoginRequiredMiddleware needs (auth.E013).
"""

import itertools
import types

from djscratch.utils.module_loading import import_string
from djscratch.conf import settings
from djscratch.apps.registry import apps
from djscratch.core.checks.messages import Critical, Error, Warning
from djscratch.contrib.auth.apps import _get_all_permissions

__all__ = ["check_user_model", "check_models_permissions", "check_middleware"]


def _subclass_index(class_path, candidate_paths):
    """Index in `candidate_paths` of `class_path` or a subclass, else -1."""
    cls = import_string(class_path)
    for index, path in enumerate(candidate_paths):
        try:
            if issubclass(import_string(path), cls):
                return index
        except (ImportError, TypeError):
            continue
    return -1


def _user_model_for(app_configs):
    if app_configs is None:
        return apps.get_model(settings.AUTH_USER_MODEL)
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    for app_config in app_configs:
        if app_config.label == app_label:
            return app_config.get_model(model_name)
    return None  # checks run on apps without the user model: nothing to say


def _username_unique(cls):
    if cls._meta.get_field(cls.USERNAME_FIELD).unique:
        return True
    return any(
        tuple(getattr(c, "fields", ())) == (cls.USERNAME_FIELD,)
        and getattr(c, "condition", None) is None
        and not getattr(c, "expressions", ())
        for c in cls._meta.constraints if type(c).__name__ == "UniqueConstraint")


def _username_checks(cls):
    if _username_unique(cls):
        return []
    if settings.AUTHENTICATION_BACKENDS == [
            "django.contrib.auth.backends.ModelBackend"]:
        return [Error("'%s.%s' must be unique because it is named as the "
                      "'USERNAME_FIELD'." % (cls._meta.object_name, cls.USERNAME_FIELD),
                      obj=cls, id="auth.E003")]
    return [Warning(
        "'%s.%s' is named as the 'USERNAME_FIELD', but it is not unique."
        % (cls._meta.object_name, cls.USERNAME_FIELD),
        hint="Ensure that your authentication backend(s) can handle non-unique "
             "usernames.", obj=cls, id="auth.W004")]


def check_user_model(app_configs=None, **kwargs):
    """The custom user model's REQUIRED_FIELDS, USERNAME_FIELD and flags."""
    cls = _user_model_for(app_configs)
    if cls is None:
        return []
    errors = []
    if not isinstance(cls.REQUIRED_FIELDS, (list, tuple)):
        errors.append(Error("'REQUIRED_FIELDS' must be a list or tuple.", obj=cls,
                            id="auth.E001"))
    if cls.USERNAME_FIELD in cls.REQUIRED_FIELDS:
        errors.append(Error(
            "The field named as the 'USERNAME_FIELD' for a custom user model must "
            "not be included in 'REQUIRED_FIELDS'.",
            hint="The 'USERNAME_FIELD' is currently set to '%s', you should remove "
                 "'%s' from the 'REQUIRED_FIELDS'." % (cls.USERNAME_FIELD,
                                                       cls.USERNAME_FIELD),
            obj=cls, id="auth.E002"))
    errors += _username_checks(cls)
    for name, check_id in (("is_anonymous", "auth.C009"),
                           ("is_authenticated", "auth.C010")):
        if isinstance(getattr(cls(), name), types.MethodType):
            errors.append(Critical(
                "%s.%s must be an attribute or property rather than a method. "
                "Ignoring this is a security issue as anonymous users will be "
                "treated as authenticated!" % (cls, name), obj=cls, id=check_id))
    return errors


def _builtin_length_checks(model, builtin, name_max, codename_max):
    opts = model._meta
    errors = []
    longest = max((len(name) for name in builtin.values()), default=0)
    if longest > name_max:
        errors.append(Error(
            "The verbose_name of model '%s' must be at most %d characters for its "
            "builtin permission names to be at most %d characters." % (
                opts.label, name_max - (longest - len(opts.verbose_name_raw)),
                name_max), obj=model, id="auth.E007"))
    longest = max((len(codename) for codename in builtin), default=0)
    if longest > codename_max:
        errors.append(Error(
            "The name of model '%s' must be at most %d characters for its builtin "
            "permission codenames to be at most %d characters." % (
                opts.label, codename_max - (longest - len(opts.model_name)),
                codename_max), obj=model, id="auth.E011"))
    return errors


def _custom_permission_checks(model, builtin, name_max, codename_max):
    opts = model._meta
    errors, codenames = [], set()
    for codename, name in opts.permissions:
        if len(name) > name_max:
            errors.append(Error(
                "The permission named '%s' of model '%s' is longer than %d "
                "characters." % (name, opts.label, name_max), obj=model,
                id="auth.E008"))
        if len(codename) > codename_max:
            errors.append(Error(
                "The permission codenamed '%s' of model '%s' is longer than %d "
                "characters." % (codename, opts.label, codename_max), obj=model,
                id="auth.E012"))
        if codename in builtin:
            errors.append(Error(
                "The permission codenamed '%s' clashes with a builtin permission "
                "for model '%s'." % (codename, opts.label), obj=model,
                id="auth.E005"))
        elif codename in codenames:
            errors.append(Error(
                "The permission codenamed '%s' is duplicated for model '%s'."
                % (codename, opts.label), obj=model, id="auth.E006"))
        codenames.add(codename)
    return errors


def check_models_permissions(app_configs=None, **kwargs):
    """Each model's builtin and custom permissions fit the Permission table
    and do not clash."""
    if app_configs is None:
        models = apps.get_models()
    else:
        models = itertools.chain.from_iterable(c.get_models() for c in app_configs)
    permission = apps.get_model("auth", "Permission")
    name_max = permission._meta.get_field("name").max_length
    codename_max = permission._meta.get_field("codename").max_length
    errors = []
    for model in models:
        opts = model._meta
        every = _get_all_permissions(opts)  # the builtin ones, then opts.permissions
        builtin = dict(every[:len(every) - len(opts.permissions)])
        errors += _builtin_length_checks(model, builtin, name_max, codename_max)
        errors += _custom_permission_checks(model, builtin, name_max, codename_max)
    return errors


def check_middleware(app_configs, **kwargs):
    """auth.E013: AuthenticationMiddleware comes before LoginRequiredMiddleware."""
    login_required = _subclass_index(
        "django.contrib.auth.middleware.LoginRequiredMiddleware", settings.MIDDLEWARE)
    if login_required == -1:
        return []
    auth_index = _subclass_index(
        "django.contrib.auth.middleware.AuthenticationMiddleware", settings.MIDDLEWARE)
    if auth_index == -1 or auth_index > login_required:
        return [Error(
            "In order to use django.contrib.auth.middleware.LoginRequiredMiddleware, "
            "django.contrib.auth.middleware.AuthenticationMiddleware must be defined "
            "before it in MIDDLEWARE.", id="auth.E013")]
    return []
