"""{% load cache %}: {% cache timeout name [vary_on ...] [using="alias"] %}
stores the rendered fragment in a cache (django/templatetags/cache.py).  The
cache is "template_fragments" when CACHES has it, else "default".
"""

from djscratch.template.base import (
    Node, TemplateSyntaxError, VariableDoesNotExist,
)
from djscratch.template.library import Library
from djscratch.core.cache.backends.base import InvalidCacheBackendError
from djscratch.core.cache import caches
from djscratch.core.cache.utils import make_template_fragment_key

__all__ = ["CacheNode", "cache_library"]

cache_library = Library()


class CacheNode(Node):
    """Render the nodelist once per timeout and vary-on values."""

    def __init__(self, nodelist, expire_time_var, fragment_name, vary_on, cache_name):
        self.nodelist = nodelist
        self.expire_time_var = expire_time_var
        self.fragment_name = fragment_name
        self.vary_on = vary_on
        self.cache_name = cache_name

    def _resolve(self, expression, context):
        try:
            return expression.resolve(context)
        except VariableDoesNotExist:
            raise TemplateSyntaxError(
                '"cache" tag got an unknown variable: %r' % expression.var) from None

    def _expire_time(self, context):
        expire_time = self._resolve(self.expire_time_var, context)
        if expire_time is None:
            return None
        try:
            return int(expire_time)
        except (ValueError, TypeError):
            raise TemplateSyntaxError(
                '"cache" tag got a non-integer timeout value: %r' % expire_time
            ) from None

    def _fragment_cache(self, context):
        if self.cache_name:
            cache_name = self._resolve(self.cache_name, context)
            try:
                return caches[cache_name]
            except InvalidCacheBackendError:
                raise TemplateSyntaxError(
                    "Invalid cache name specified for cache tag: %r" % cache_name
                ) from None
        try:
            return caches["template_fragments"]
        except InvalidCacheBackendError:
            return caches["default"]

    def render(self, context):
        expire_time = self._expire_time(context)
        fragment_cache = self._fragment_cache(context)
        vary_on = [var.resolve(context) for var in self.vary_on]
        cache_key = make_template_fragment_key(self.fragment_name, vary_on)
        value = fragment_cache.get(cache_key)
        if value is None:
            value = self.nodelist.render(context)
            fragment_cache.set(cache_key, value, expire_time)
        return value


@cache_library.tag("cache")
def _tag_cache(parser, token):
    nodelist = parser.parse(("endcache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError("'%r' tag requires at least 2 arguments." % tokens[0])
    cache_name = None
    if len(tokens) > 3 and tokens[-1].startswith("using="):
        cache_name = parser.compile_filter(tokens[-1].removeprefix("using="))
        tokens = tokens[:-1]
    return CacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],  # The fragment name is a literal, never a variable.
        [parser.compile_filter(t) for t in tokens[3:]],
        cache_name,
    )
