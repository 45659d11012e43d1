"""Django's URL checks (django/core/checks/urls.py and the check() methods
of django/urls/resolvers.py): urls.W001-W005, W010, E004, E006-E009 and
2_0.W001, with Django's texts.
"""

from djscratch.utils.regex_helper import _re
from djscratch.conf import settings
from djscratch.core.exceptions_extra import ViewDoesNotExist
from djscratch.urls.resolvers import RegexPattern, RoutePattern, URLPattern, URLResolver
from djscratch.urls.base import get_resolver
from djscratch.views.generic import View
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_url_config", "check_url_namespaces_unique", "check_url_settings",
    "check_custom_error_handlers",
]


@register(Tags.urls)
def check_url_config(app_configs, **kwargs):
    """Check every pattern of the ROOT_URLCONF, included ones too."""
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    import importlib

    try:
        importlib.import_module(settings.ROOT_URLCONF)
    except ImportError as err:  # Django crashes here; we say what is wrong
        return [Error(f"ROOT_URLCONF {settings.ROOT_URLCONF!r} cannot be "
                      f"imported: {err}", id="djscratch.E001")]
    return check_resolver(get_resolver())


def _urlconf_broken():
    """True when ROOT_URLCONF does not import (check_url_config says so)."""
    import importlib

    try:
        importlib.import_module(settings.ROOT_URLCONF)
    except ImportError:
        return True
    return False


def check_resolver(resolver):
    """Return the messages for a resolver, a pattern or an invalid entry."""
    if isinstance(resolver, URLResolver):
        messages = []
        for pattern in resolver.url_patterns:
            messages.extend(check_resolver(pattern))
        return messages or _check_pattern(resolver.pattern)
    if isinstance(resolver, URLPattern):
        return [*_check_pattern_name(resolver.pattern),
                *_check_pattern(resolver.pattern), *_check_callback(resolver)]
    if not hasattr(resolver, "resolve"):
        return get_warning_for_invalid_pattern(resolver)
    return []


def _describe(pattern):
    description = "'{}'".format(pattern)
    if getattr(pattern, "name", None):
        description += " [name='{}']".format(pattern.name)
    return description


def _check_pattern(pattern):
    """The checks of a path() or re_path() pattern (RoutePattern.check())."""
    if isinstance(pattern, RoutePattern):
        regex = pattern._regex_source
    elif isinstance(pattern, RegexPattern):
        regex = pattern._regex
    else:
        return []
    warnings = []
    if settings.APPEND_SLASH and regex.startswith(("/", "^/", "^\\/")) and not \
            regex.endswith("/"):
        warnings.append(Warning(
            "Your URL pattern {} has a route beginning with a '/'. Remove this "
            "slash as it is unnecessary. If this pattern is targeted in an "
            "include(), ensure the include() pattern has a trailing '/'.".format(
                _describe(pattern)), id="urls.W002"))
    if isinstance(pattern, RegexPattern):
        if not pattern._is_endpoint and regex.endswith("$") and not \
                regex.endswith(r"\$"):
            warnings.append(Warning(
                "Your URL pattern {} uses include with a route ending with a '$'. "
                "Remove the dollar from the route to avoid problems including "
                "URLs.".format(_describe(pattern)), id="urls.W001"))
        return warnings
    warnings += _check_angle_brackets(pattern)
    route = pattern._route
    if "(?P<" in route or route.startswith("^") or route.endswith("$"):
        warnings.append(Warning(
            "Your URL pattern {} has a route that contains '(?P<', begins with a "
            "'^', or ends with a '$'. This was likely an oversight when migrating "
            "to django.urls.path().".format(_describe(pattern)), id="2_0.W001"))
    return warnings


def _check_angle_brackets(pattern):
    warnings = []
    msg = "Your URL pattern %s has an unmatched '%s' bracket."
    opened = 0
    for bracket in _re(r"[<>]").findall(str(pattern._route)):
        if bracket == "<":
            opened += 1
        else:
            opened -= 1
            if opened < 0:
                warnings.append(Warning(msg % (_describe(pattern), ">"),
                                        id="urls.W010"))
                opened = 0
    if opened > 0:
        warnings.append(Warning(msg % (_describe(pattern), "<"), id="urls.W010"))
    return warnings


def _check_pattern_name(pattern):
    if pattern.name is not None and ":" in pattern.name:
        return [Warning(
            "Your URL pattern {} has a name including a ':'. Remove the colon, to "
            "avoid ambiguous namespace references.".format(_describe(pattern)),
            id="urls.W003")]
    return []


def _check_callback(url_pattern):
    view = url_pattern.callback
    if isinstance(view, type) and issubclass(view, View):  # inspect.isclass()
        return [Error(
            "Your URL pattern %s has an invalid view, pass %s.as_view() instead "
            "of %s." % (_describe(url_pattern.pattern), view.__name__,
                         view.__name__), id="urls.E009")]
    return []


def get_warning_for_invalid_pattern(pattern):
    """urls.E004: an entry of urlpatterns that is not a path() or re_path()."""
    if isinstance(pattern, str):
        hint = ("Try removing the string '{}'. The list of urlpatterns should not "
                "have a prefix string as the first element.".format(pattern))
    elif isinstance(pattern, tuple):
        hint = "Try using path() instead of a tuple."
    else:
        hint = None
    return [Error(
        "Your URL pattern {!r} is invalid. Ensure that urlpatterns is a list of "
        "path() and/or re_path() instances.".format(pattern), hint=hint,
        id="urls.E004")]


@register(Tags.urls)
def check_url_namespaces_unique(app_configs, **kwargs):
    """urls.W005: a namespace used twice cannot reverse all its URLs."""
    if not getattr(settings, "ROOT_URLCONF", None) or _urlconf_broken():
        return []
    counts = {}
    for namespace in _load_all_namespaces(get_resolver()):
        counts[namespace] = counts.get(namespace, 0) + 1
    return [Warning(
        "URL namespace '{}' isn't unique. You may not be able to reverse all URLs "
        "in this namespace".format(namespace), id="urls.W005")
        for namespace, count in counts.items() if count > 1]


def _load_all_namespaces(resolver, parents=()):
    url_patterns = getattr(resolver, "url_patterns", [])
    namespaces = [":".join(parents + (url.namespace,)) for url in url_patterns
                  if getattr(url, "namespace", None) is not None]
    for pattern in url_patterns:
        namespace = getattr(pattern, "namespace", None)
        current = parents if namespace is None else parents + (namespace,)
        namespaces.extend(_load_all_namespaces(pattern, current))
    return namespaces


@register(Tags.urls)
def check_url_settings(app_configs, **kwargs):
    """urls.E006: STATIC_URL and MEDIA_URL end with a slash."""
    return [_URLS_E006(name) for name in ("STATIC_URL", "MEDIA_URL")
            if (value := getattr(settings, name)) and not value.endswith("/")]


def _URLS_E006(name):
    """Django's urls.E006 for setting `name` (django.core.checks.urls.E006)."""
    return Error("The {} setting must end with a slash.".format(name),
                 id="urls.E006")


@register(Tags.urls)
def check_custom_error_handlers(app_configs, **kwargs):
    """urls.E007/E008: handler400/403/404/500 import and take the right
    arguments."""
    if not getattr(settings, "ROOT_URLCONF", None) or _urlconf_broken():
        return []
    resolver = get_resolver()
    errors = []
    for status_code, num_parameters in ((400, 2), (403, 2), (404, 2), (500, 1)):
        try:
            handler = resolver.resolve_error_handler(str(status_code))
        except (ImportError, ViewDoesNotExist) as e:
            path = getattr(resolver.urlconf_module, "handler%s" % status_code)
            errors.append(Error(
                "The custom handler{} view '{}' could not be imported.".format(
                    status_code, path), hint=str(e), id="urls.E008"))
            continue
        import inspect

        try:
            inspect.signature(handler).bind(*[None] * num_parameters)
        except TypeError:
            errors.append(Error(
                "The custom handler{} view '{}' does not take the correct number "
                "of arguments ({}).".format(
                    status_code, handler.__module__ + "." + handler.__qualname__,
                    "request, exception" if num_parameters == 2 else "request"),
                id="urls.E007"))
    return errors
