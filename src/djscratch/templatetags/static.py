"""{% load static %} (django/templatetags/static.py).
"""

import urllib.parse
from djscratch.conf import _settings_token, settings
from djscratch.contrib.staticfiles.urls import _custom_static_storage, static_url
from djscratch.urls.base import get_script_prefix
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

    #: A {% static "path" %} of a constant path: its last value and what
    #: that value came from (see _remembered_url()).
    _memo = (None, None)

    def value(self, context):
        # The fast path, _remembered_url() written out: this runs for every
        # {% static %} of every page.
        key, url = self._memo
        if key is not None and key == (
                static_url, self.handle_simple, self.path, _settings_token(),
                get_script_prefix(), context.autoescape):
            return url
        return self._value(context)

    def _remembered_url(self, context):
        """Return the value remembered for {% static "path" %} of a constant
        path, or None.  static_url() of a constant path gives the same URL
        while the settings (_settings_token()) and the script prefix are the
        same, unless the staticfiles storage is a custom one (a manifest's
        hashed names: never remembered); handle_simple() and static_url()
        must be the same functions."""
        key, url = self._memo
        if key is not None and key == (
                static_url, self.handle_simple, self.path, _settings_token(),
                get_script_prefix(), context.autoescape):
            return url
        return None

    def _value(self, context):
        """Return the tag's value the general way (and remember it for a
        constant path: _remembered_url())."""
        token = _settings_token()
        url = self.url(context)
        if not (self.asvar or not context.autoescape):
            url = self._escape_url(url)
        if (self._path_literal[0] is self.path and type(self).url is StaticNode.url
                and token is _settings_token() and not _custom_static_storage()):
            self._memo = ((static_url, self.handle_simple, self.path, token,
                           get_script_prefix(), context.autoescape), url)
        return url


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
