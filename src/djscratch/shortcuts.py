"""render(), redirect(), get_object_or_404() and get_list_or_404()
(django/shortcuts.py).
"""

from djscratch.utils.functional import Promise
from djscratch.core.exceptions import Http404, NoReverseMatch
from djscratch.http.response import (
    HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect,
)
from djscratch.urls.base import reverse
from djscratch.template.loader import render_to_string

__all__ = [
    "render", "redirect", "get_object_or_404", "get_list_or_404", "resolve_url",
]


# -- Shortcuts -----------------------------------------------------------------

def render(request, template_name, context=None, content_type=None, status=None,
           using=None):
    """Render a template with `context` and `request`; return an HttpResponse."""
    content = render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type, status)


def redirect(to, *args, permanent=False, preserve_request=False, **kwargs):
    """Return a redirect to a URL, a URL pattern name, a view or a model instance.

    Arguments after `to` go to reverse(); a model uses get_absolute_url().
    permanent=True gives 301 (308 with preserve_request=True), else 302 (307).
    """
    cls = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    url = resolve_url(to, *args, **kwargs)
    if preserve_request:
        return cls(url, preserve_request=True)
    return cls(url)


def resolve_url(to, *args, **kwargs):
    """Return a URL for a model (get_absolute_url), URL name, view or plain URL."""
    if hasattr(to, "get_absolute_url"):
        return to.get_absolute_url()
    if isinstance(to, Promise):
        to = str(to)
    if isinstance(to, str) and to.startswith(("./", "../")):
        return to
    try:
        return reverse(to, args=args, kwargs=kwargs)
    except NoReverseMatch:
        if callable(to) or ("/" not in to and "." not in to):
            raise
    return to


def _get_queryset(klass):
    if hasattr(klass, "_default_manager"):
        return klass._default_manager.all()
    return klass


def get_object_or_404(klass, *args, **kwargs):
    """Return queryset.get(...) for a model, manager or queryset; Http404 if none.

    MultipleObjectsReturned still propagates, as in Django.
    """
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "get"):
        name = klass.__name__ if isinstance(klass, type) else type(klass).__name__
        raise ValueError("First argument to get_object_or_404() must be a Model, "
                         "Manager, or QuerySet, not '%s'." % name)
    try:
        return queryset.get(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise Http404("No %s matches the given query."
                      % queryset.model._meta.object_name) from None


def get_list_or_404(klass, *args, **kwargs):
    """Return list(queryset.filter(...)); Http404 when it is empty."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        name = klass.__name__ if isinstance(klass, type) else type(klass).__name__
        raise ValueError("First argument to get_list_or_404() must be a Model, "
                         "Manager, or QuerySet, not '%s'." % name)
    objects = list(queryset.filter(*args, **kwargs))
    if not objects:
        raise Http404(
            "No %s matches the given query." % queryset.model._meta.object_name)
    return objects
