"""A custom tag library used by the template corpus ({% load mylib %})."""

from django import template

register = template.Library()


@register.simple_tag
def shout(text):
    return f"{text}!".upper()


@register.simple_tag
def add_them(a, b):
    return a + b


@register.inclusion_tag("card.html")
def card(title):
    return {"title": title}


@register.simple_tag(takes_context=True)
def where_am_i(context):
    return f"{context['forloop']['counter']}/{len(context['items'])};"


@register.filter(is_safe=True)
def twice(value):
    return f"{value}{value}"


class UpperNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return self.nodelist.render(context).upper()


@register.tag
def upper_block(parser, token):
    nodelist = parser.parse(("endupper_block",))
    parser.delete_first_token()
    return UpperNode(nodelist)


class SetVarNode(template.Node):
    def __init__(self, name, value):
        self.name, self.value = name, value

    def render(self, context):
        context[self.name] = self.value.resolve(context)
        return ""


@register.tag
def setvar(parser, token):
    _tag, name, value = token.split_contents()
    return SetVarNode(name, parser.compile_filter(value))


@register.inclusion_tag("card.html", takes_context=True)
def context_card(context, suffix=""):
    return {"title": f"{context['name']}{suffix}"}
