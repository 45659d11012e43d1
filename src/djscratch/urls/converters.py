"""Path converters: int, str, slug, uuid, path
(django/urls/converters.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: urls.base, utils.deprecation.
import djscratch

__all__ = [
    "register_converter", "get_converters", "DEFAULT_CONVERTERS",
    "REGISTERED_CONVERTERS",
]


class IntConverter:
    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class StringConverter:
    regex = "[^/]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class UUIDConverter:
    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value):
        import uuid

        return uuid.UUID(value)

    def to_url(self, value):
        return str(value)


class SlugConverter(StringConverter):
    regex = "[-a-zA-Z0-9_]+"


class PathConverter(StringConverter):
    regex = ".+"


DEFAULT_CONVERTERS = {
    "int": IntConverter(), "path": PathConverter(), "slug": SlugConverter(),
    "str": StringConverter(), "uuid": UUIDConverter(),
}

#: Converters added by register_converter(), over the defaults.
REGISTERED_CONVERTERS = {}


def get_converters():
    """Return every converter by type name: the defaults, then registered."""
    return {**DEFAULT_CONVERTERS, **REGISTERED_CONVERTERS}


def register_converter(converter, type_name):
    """Make `<type_name:...>` usable in path() routes, with `converter` (a class
    with `regex`, `to_python` and `to_url`).  Registering a name twice still
    works in Django 5.2, with a deprecation warning."""
    if type_name in REGISTERED_CONVERTERS or type_name in DEFAULT_CONVERTERS:
        import warnings

        warnings.warn(
            f"Converter {type_name!r} is already registered. Support for overriding "
            "registered converters is deprecated and will be removed in Django 6.0.",
            djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=2)
    REGISTERED_CONVERTERS[type_name] = converter()
    djscratch.urls.base.clear_url_caches()
