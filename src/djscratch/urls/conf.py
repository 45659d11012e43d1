"""path(), re_path() and include() (django/urls/conf.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: views.generic.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.urls.resolvers import RegexPattern, RoutePattern, URLPattern, URLResolver

__all__ = [
    "path", "re_path", "include",
]


def include(arg, namespace=None):
    """Include another URLconf: a module (or its dotted name), a list of
    patterns, or a (patterns, app_name) pair; `namespace` names the instance."""
    import importlib

    app_name = None
    if isinstance(arg, tuple):
        try:
            urlconf_module, app_name = arg
        except ValueError:
            if namespace:
                raise ImproperlyConfigured(
                    "Cannot override the namespace for a dynamic module that "
                    "provides a namespace.") from None
            raise ImproperlyConfigured(
                "Passing a %d-tuple to include() is not supported. Pass a 2-tuple "
                "containing the list of patterns and app_name, and provide the "
                "namespace argument to include() instead." % len(arg)) from None
    else:
        urlconf_module = arg
    if isinstance(urlconf_module, str):
        urlconf_module = importlib.import_module(urlconf_module)
    app_name = getattr(urlconf_module, "app_name", app_name)
    if namespace and not app_name:
        raise ImproperlyConfigured(
            "Specifying a namespace in include() without providing an app_name is "
            "not supported. Set the app_name attribute in the included module, or "
            "pass a 2-tuple containing the list of patterns and app_name instead.")
    namespace = namespace or app_name
    return (urlconf_module, app_name, namespace)


def _make_path(route, view, kwargs, name, pattern_class):
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(
            f"kwargs argument must be a dict, but got {kwargs.__class__.__name__}.")
    if isinstance(view, (list, tuple)):  # include(...)
        urlconf_module, app_name, namespace = view
        return URLResolver(pattern_class(route, is_endpoint=False), urlconf_module,
                           kwargs, app_name=app_name, namespace=namespace)
    if callable(view):
        # A View class (not .as_view()) is callable too: as in Django, the
        # URL checks report it (urls.E009) rather than path().
        return URLPattern(pattern_class(route, name=name, is_endpoint=True), view,
                          kwargs, name)
    view_class = djscratch.views.generic.View
    if view_class is not None and isinstance(view, view_class):
        cls_name = type(view).__name__
        raise TypeError(
            f"view must be a callable, pass {cls_name}.as_view(), not {cls_name}().")
    raise TypeError("view must be a callable or a list/tuple in the case of include().")


def path(route, view, kwargs=None, name=None):
    """Route `route` ("posts/<int:pk>/") to `view`, or to include(...).

    Converters: int, str (default), slug, uuid, path, and registered ones.
    """
    return _make_path(route, view, kwargs, name, RoutePattern)


def re_path(route, view, kwargs=None, name=None):
    """Route a regular expression (named groups become keyword arguments)."""
    return _make_path(route, view, kwargs, name, RegexPattern)
