"""{% load static %} (django/templatetags/static.py).
"""

import urllib.parse
from djscratch.conf import settings
from djscratch.contrib.staticfiles.urls import static_url
from djscratch.template.base import _plain_literal, TemplateSyntaxError
from djscratch.template.library import _ValueNode, Library


# -- {% load static %}, {% load tz %}, {% load i18n %}, {% load l10n %}.

static_library = Library()


class StaticNode(_ValueNode):
    """{% static path [as varname] %}: the URL of a static file."""

    value_is_text = True

    def __init__(self, varname=None, path=None):
        if path is None:
            raise TemplateSyntaxError(
                "Static template nodes must be given a path to return.")
        self.path, self.varname = path, varname
        self._path_literal = _plain_literal(path)  # see url()

    @property
    def asvar(self):
        return self.varname

    def __repr__(self):
        return f"{type(self).__name__}(varname={self.varname!r}, path={self.path!r})"

    @classmethod
    def handle_simple(cls, path):
        """The URL of static file `path` (STATIC_URL joined, or the storage's)."""
        return static_url(path)

    def url(self, context):
        literal = self._path_literal  # a constant path: its value as it is
        return self.handle_simple(literal[1] if literal[0] is self.path
                                  else self.path.resolve(context))

    def value(self, context):
        url = self.url(context)
        if self.asvar or not context.autoescape:
            return url
        return self._escape_url(url)


@static_library.tag("static")
def _tag_static(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            "'static' takes at least one argument (path to file)")
    path = parser.compile_filter(bits[1])
    asvar = bits[3] if len(bits) >= 4 and bits[-2] == "as" else None
    return StaticNode(varname=asvar, path=path)


@static_library.simple_tag
def get_static_prefix():
    return _iri_prefix(settings.STATIC_URL)


@static_library.simple_tag
def get_media_prefix():
    return _iri_prefix(settings.MEDIA_URL)


def _prefix_tag(name):
    """{% get_static_prefix [as var] %}: Django's message for anything else."""
    compile_simple = static_library.tags[name]

    def compile_func(parser, token):
        bits = token.contents.split()
        if len(bits) > 1 and bits[1] != "as":
            raise TemplateSyntaxError(f"First argument in '{bits[0]}' must be 'as'")
        return compile_simple(parser, token)

    static_library.tags[name] = compile_func


_prefix_tag("get_static_prefix")
_prefix_tag("get_media_prefix")


def _iri_prefix(value):
    return urllib.parse.quote(value or "", safe="/#%[]=:;$&()+,!?*@'~")
