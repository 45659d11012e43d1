"""The URL patterns of i18n_patterns() and of lazily translated routes
(django/urls/resolvers.py's LocalePrefixPattern, and a RoutePattern whose
route is a lazy translation): the single file builds them on first use (a
deferred section).
"""

from djscratch.utils.regex_helper import _re
from djscratch.urls.resolvers import (
    _check_route, _language_prefix, _LANGUAGE_PREFIX_MARKS, _route_to_regex,
    RoutePattern,
)

__all__ = ["LocalePrefixPattern"]


class _TranslatedRoutePattern(RoutePattern):
    """A path() route given as a lazy translation: its regex and converters
    are those of the route in the active language, compiled once each."""

    def __init__(self, route, name=None, is_endpoint=False):
        self._lazy_route = route
        self._is_endpoint = is_endpoint
        self.name = name
        self._compiled = {}  # route text -> (regex source, converters, regex)
        self._in_active_language()  # a bad route fails now, as a plain one does

    def _in_active_language(self):
        route = str(self._lazy_route)
        compiled = self._compiled.get(route)
        if compiled is None:
            _check_route(route)
            source, converters = _route_to_regex(route, self._is_endpoint)
            compiled = self._compiled[route] = (source, converters, _re(source))
        return compiled

    @property
    def _route(self):
        return str(self._lazy_route)

    @property
    def _regex_source(self):
        return self._in_active_language()[0]

    @property
    def converters(self):
        return self._in_active_language()[1]

    @property
    def regex(self):
        return self._in_active_language()[2]


class LocalePrefixPattern:
    """The pattern of i18n_patterns(): the active language's code and a
    slash ("en/"), or nothing for the default language when
    prefix_default_language is False."""

    def __init__(self, prefix_default_language=True):
        self.prefix_default_language = prefix_default_language
        self.converters = {}
        self.name = None

    @property
    def regex(self):
        import re

        return re.compile(re.escape(self.language_prefix))

    @property
    def language_prefix(self):
        return _language_prefix(self.prefix_default_language)

    def match(self, path):
        language_prefix = self.language_prefix
        if path.startswith(language_prefix):
            return path.removeprefix(language_prefix), (), {}
        return None

    def _reverse_parts(self):
        """One form: a mark reverse() replaces with the language's prefix."""
        return [(_LANGUAGE_PREFIX_MARKS[bool(self.prefix_default_language)], [])]

    def check(self):
        return []

    def describe(self):
        return "'{}'".format(self)

    def __str__(self):
        return self.language_prefix
