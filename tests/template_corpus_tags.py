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
