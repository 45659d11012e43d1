"""Path converters: int, str, slug, uuid, path
(django/urls/converters.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: urls.base.
import djscratch

__all__ = [
    "register_converter",
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


_CONVERTERS = {
    "int": IntConverter(), "path": PathConverter(), "slug": SlugConverter(),
    "str": StringConverter(), "uuid": UUIDConverter(),
}


def register_converter(converter, type_name):
    """Make `<type_name:...>` usable in path() routes, with `converter` (a class
    with `regex`, `to_python` and `to_url`)."""
    if type_name in _CONVERTERS:
        raise ValueError(f"Converter {type_name!r} is already registered.")
    _CONVERTERS[type_name] = converter()
    djscratch.urls.base.clear_url_caches()
