"""Custom template tags and filters of the template corpus (bench/corpus.py).

One library, loaded as `{% load corpus_tags %}` by djscratch and by real
Django; the peers (Jinja2, Mako) are given the same Python functions.
"""

from django import template

register = template.Library()


def money(amount, currency="EUR"):
    """`1234.5` -> `1,234.50 EUR`."""
    return "{:,.2f} {}".format(amount, currency)


def initials(name):
    """`Ada Lovelace` -> `A.L.`."""
    return "".join(part[0].upper() + "." for part in name.split())


def stars(score):
    """A rating out of five as stars."""
    return "*" * score + "-" * (5 - score)


register.simple_tag(money)
register.filter("initials", initials)
register.filter("stars", stars)


@register.inclusion_tag("corpus_badge.html")
def badge(user):
    """A user's badge, from its own template."""
    return {"user": user}
