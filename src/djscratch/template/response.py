"""SimpleTemplateResponse and TemplateResponse
(django/template/response.py): rendered late, so middleware can change them.
"""

from djscratch.http.response import HttpResponse
from djscratch.template.loader import get_template, select_template

__all__ = [
    "TemplateResponse", "SimpleTemplateResponse",
]


# -- TemplateResponse: a response rendered late, so middleware and tests can
#    still change its template and context (the handler calls render()).

class ContentNotRenderedError(Exception):
    """A TemplateResponse's content was used before render()."""


class SimpleTemplateResponse(HttpResponse):
    """A response that renders `template` with `context` when render() runs."""

    rendering_attrs = ["template_name", "context_data", "_post_render_callbacks"]

    def __init__(self, template, context=None, content_type=None, status=None,
                 charset=None, using=None, headers=None):
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks = []
        self._request = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        self._is_rendered = False

    def __getstate__(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be pickled.")
        return {k: v for k, v in self.__dict__.items()
                if k not in self.rendering_attrs}

    def resolve_template(self, template):
        """Return a template object for a name, a list of names or a template."""
        if isinstance(template, (list, tuple)):
            return select_template(template, using=self.using)
        if isinstance(template, str):
            return get_template(template, using=self.using)
        return template

    def resolve_context(self, context):
        return context

    @property
    def rendered_content(self):
        """Render the template now and return the text (does not set content)."""
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return template.render(context, self._request)

    def add_post_render_callback(self, callback):
        """Call `callback(response)` after rendering (now, if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self):
        """Render once; return the response (or what a callback returned)."""
        retval = self
        if not self._is_rendered:
            self.content = self.rendered_content
            for post_callback in self._post_render_callbacks:
                newretval = post_callback(retval)
                if newretval is not None:
                    retval = newretval
        return retval

    @property
    def is_rendered(self):
        return self._is_rendered

    def __iter__(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be iterated "
                "over.")
        return super().__iter__()

    @property
    def content(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be accessed.")
        return HttpResponse.content.fget(self)

    @content.setter
    def content(self, value):
        HttpResponse.content.fset(self, value)
        self._is_rendered = True


class TemplateResponse(SimpleTemplateResponse):
    """A SimpleTemplateResponse rendered with a RequestContext for `request`."""

    rendering_attrs = SimpleTemplateResponse.rendering_attrs + ["_request"]

    def __init__(self, request, template, context=None, content_type=None,
                 status=None, charset=None, using=None, headers=None):
        super().__init__(template, context, content_type, status, charset, using,
                         headers)
        self._request = request
