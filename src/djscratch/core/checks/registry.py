"""The check registry: register(), run_checks(), Tags
(django/core/checks/registry.py).
"""

import types

# __init__, which loads later: _build_section_of() (see _build_builtin_checks).
import djscratch

__all__ = [
    "CheckRegistry", "Tags", "register", "run_checks", "tag_exists",
]


class Tags:
    """The tags of Django's built-in checks."""

    admin = "admin"
    async_support = "async_support"
    caches = "caches"
    commands = "commands"
    compatibility = "compatibility"
    database = "database"
    files = "files"
    gis = "gis"
    models = "models"
    security = "security"
    signals = "signals"
    sites = "sites"
    staticfiles = "staticfiles"
    templates = "templates"
    translation = "translation"
    urls = "urls"


def _accepts_kwargs(func):
    """Whether `func` takes **kwargs.  A plain function (no __wrapped__ or
    __signature__ for inspect.signature() to follow) answers from its code
    flags, what the signature shows, without loading inspect: djscratch
    registers some forty checks while it loads."""
    if (type(func) is types.FunctionType and not hasattr(func, "__wrapped__")
            and not hasattr(func, "__signature__")):
        return bool(func.__code__.co_flags & _CO_VARKEYWORDS)
    import inspect

    return any(p.kind == p.VAR_KEYWORD
               for p in inspect.signature(func).parameters.values())


#: inspect.CO_VARKEYWORDS: the code flag of a function taking **kwargs.
_CO_VARKEYWORDS = 0x08


def _build_builtin_checks():
    """Make sure Django's built-in checks are registered: the single file
    builds them on first use (the section `checks` in tools/amalgamate.py),
    and each registers itself as it is defined.  So the registry builds them
    before its sets are read or replaced (override_system_checks() saves
    and restores them); the package has them from the start."""
    djscratch._build_section_of("check_all_models")


def _checks_set(attname):
    """A property for one of the registry's sets of checks, stored under
    `attname`: reading or replacing it builds the built-in checks first."""

    def get(registry):
        _build_builtin_checks()
        return getattr(registry, attname)

    def replace(registry, checks):
        _build_builtin_checks()
        setattr(registry, attname, checks)

    return property(get, replace)


class CheckRegistry:
    """The registered check functions, and the deployment-only ones."""

    def __init__(self):
        self._registered_checks = set()
        self._deployment_checks = set()

    registered_checks = _checks_set("_registered_checks")
    deployment_checks = _checks_set("_deployment_checks")

    def register(self, check=None, *tags, **kwargs):
        """Register a check function, as a decorator (with or without tags)
        or called with the function; deploy=True runs it only with --deploy."""

        def inner(check):
            if not _accepts_kwargs(check):
                raise TypeError(
                    "Check functions must accept keyword arguments (**kwargs).")
            check.tags = tags
            # (The sets themselves: registering builds no other checks.)
            checks = (self._deployment_checks if kwargs.get("deploy")
                      else self._registered_checks)
            checks.add(check)
            return check

        if callable(check):
            return inner(check)
        if check:
            tags += (check,)
        return inner

    def run_checks(self, app_configs=None, tags=None,
                   include_deployment_checks=False, databases=None):
        """Run the checks (those with one of `tags`); return their messages."""
        errors = []
        checks = self.get_checks(include_deployment_checks)
        if tags is not None:
            checks = [check for check in checks if not set(check.tags).isdisjoint(tags)]
        for check in checks:
            new_errors = check(app_configs=app_configs, databases=databases)
            if not hasattr(new_errors, "__iter__"):
                raise TypeError(
                    "The function %r did not return a list. All functions "
                    "registered with the checks registry must return a list." % check)
            errors.extend(new_errors)
        return errors

    def tag_exists(self, tag, include_deployment_checks=False):
        return tag in self.tags_available(include_deployment_checks)

    def tags_available(self, deployment_checks=False):
        return {tag for check in self.get_checks(deployment_checks)
                for tag in check.tags}

    def get_checks(self, include_deployment_checks=False):
        checks = list(self.registered_checks)
        if include_deployment_checks:
            checks.extend(self.deployment_checks)
        return checks


registry = CheckRegistry()
register = registry.register
run_checks = registry.run_checks
tag_exists = registry.tag_exists
