"""{% load static %} (django/templatetags/static.py).
"""

from djscratch.conf import settings
from djscratch.contrib.staticfiles.urls import static_url
from djscratch.template.base import TemplateSyntaxError
from djscratch.template.library import _ValueNode, Library


# -- {% load static %}, {% load tz %}, {% load i18n %}, {% load l10n %}.

static_library = Library()


class StaticNode(_ValueNode):
    value_is_text = True

    def __init__(self, path, asvar=None):
        self.path, self.asvar = path, asvar

    def value(self, context):
        url = static_url(self.path.resolve(context))
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
    return StaticNode(path, asvar)


@static_library.simple_tag
def get_static_prefix():
    return _iri_prefix(settings.STATIC_URL)


@static_library.simple_tag
def get_media_prefix():
    return _iri_prefix(settings.MEDIA_URL)


def _iri_prefix(value):
    from urllib.parse import quote

    return quote(value or "", safe="/#%[]=:;$&()+,!?*@'~")
