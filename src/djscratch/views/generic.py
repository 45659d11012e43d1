"""The class-based views (django/views/generic/): View,
TemplateView, RedirectView, the list, detail and editing views.
"""

from djscratch.asgiref_fallback import iscoroutinefunction, markcoroutinefunction
from djscratch.utils.functional import classproperty
from djscratch.core.exceptions import Http404, ImproperlyConfigured
from djscratch.utils.decorators import classonlymethod
from djscratch.utils.log import _log_response
from djscratch.http.response import (
    HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect,
)
from djscratch.http.response_extra import HttpResponseGone, HttpResponseNotAllowed
from djscratch.urls.base import reverse
from djscratch.template.response import TemplateResponse
from djscratch.db.models.query import QuerySet
from djscratch.forms.forms import Form
from djscratch.forms.models import modelform_factory
from djscratch.core.paginator import InvalidPage, Paginator

__all__ = [
    "View", "ContextMixin", "TemplateResponseMixin", "TemplateView", "RedirectView",
    "MultipleObjectMixin", "MultipleObjectTemplateResponseMixin", "BaseListView",
    "ListView", "SingleObjectMixin", "SingleObjectTemplateResponseMixin",
    "BaseDetailView", "DetailView", "FormMixin", "ProcessFormView", "BaseFormView",
    "FormView", "ModelFormMixin", "BaseCreateView", "CreateView", "BaseUpdateView",
    "UpdateView", "DeletionMixin", "BaseDeleteView", "DeleteView",
]


# -- Class-based views ---------------------------------------------------------

class View:
    """The base of class-based views: dispatch a request to a method per verb.

    as_view(**initkwargs) returns the view function; each request gets a
    fresh instance, setup() stores request/args/kwargs, dispatch() calls
    get/post/... or answers 405.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head",
                         "options", "trace"]

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classproperty
    def view_is_async(cls):
        """Whether the handlers are async (all of them, or none may be)."""
        handlers = [getattr(cls, method) for method in cls.http_method_names
                    if method != "options" and hasattr(cls, method)]
        if not handlers:
            return False
        is_async = iscoroutinefunction(handlers[0])
        if not all(iscoroutinefunction(h) == is_async for h in handlers[1:]):
            raise ImproperlyConfigured(
                f"{cls.__qualname__} HTTP handlers must either be all sync or all "
                "async.")
        return is_async

    @classonlymethod
    def as_view(cls, **initkwargs):
        """Return the view function for this class (an instance has none: it
        would be shared by every request)."""
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError("The method name %s is not accepted as a keyword "
                                "argument to %s()." % (key, cls.__name__))
            if not hasattr(cls, key):
                raise TypeError("%s() received an invalid keyword %r. as_view only "
                                "accepts arguments that are already attributes of "
                                "the class." % (cls.__name__, key))
        def view(request, *args, **kwargs):
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            if not hasattr(self, "request"):
                raise AttributeError(
                    "%s instance has no 'request' attribute. Did you override "
                    "setup() and forget to call super()?" % cls.__name__)
            return self.dispatch(request, *args, **kwargs)

        view.view_class = cls
        view.view_initkwargs = initkwargs
        # As Django: the class's docstring and module; the function keeps
        # its own name (view_class names the class).
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.__annotations__ = cls.dispatch.__annotations__
        view.__dict__.update(cls.dispatch.__dict__)  # e.g. csrf_exempt on dispatch
        if cls.view_is_async:
            markcoroutinefunction(view)
        return view

    def setup(self, request, *args, **kwargs):
        """Store the request and URL arguments on the instance."""
        if hasattr(self, "get") and not hasattr(self, "head"):
            self.head = self.get
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request, *args, **kwargs):
        """Call the method named after the HTTP verb, or http_method_not_allowed."""
        method = request.method.lower()
        handler = self.http_method_not_allowed
        if method in self.http_method_names:
            handler = getattr(self, method, self.http_method_not_allowed)
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        """Return 405 with an Allow header listing the implemented methods."""
        response = HttpResponseNotAllowed(self._allowed_methods())
        _log_response("Method Not Allowed (%s): %s", request.method, request.path,
                      response=response, request=request)
        return self._in_view_mode(response)

    def _in_view_mode(self, response):
        """`response`, awaitable when the view is async (its handlers are)."""
        if self.view_is_async:
            async def func():
                return response
            return func()
        return response

    def options(self, request, *args, **kwargs):
        """Answer OPTIONS with the allowed methods and an empty body."""
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(self._allowed_methods())
        response.headers["Content-Length"] = "0"
        return self._in_view_mode(response)

    def _allowed_methods(self):
        return [m.upper() for m in self.http_method_names if hasattr(self, m)]


class ContextMixin:
    """Provide get_context_data(): the keyword arguments, `view` and extra_context."""

    extra_context = None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateResponseMixin:
    """Render a TemplateResponse from template_name (or get_template_names())."""

    template_name = None
    template_engine = None
    response_class = TemplateResponse
    content_type = None

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("content_type", self.content_type)
        return self.response_class(
            request=self.request, template=self.get_template_names(),
            context=context, using=self.template_engine, **response_kwargs)

    def get_template_names(self):
        if self.template_name is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of "
                "'template_name' or an implementation of 'get_template_names()'")
        return [self.template_name]


class TemplateView(TemplateResponseMixin, ContextMixin, View):
    """Render template_name with the URL keyword arguments as context."""

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)


class RedirectView(View):
    """Redirect to `url` (%-formatted with URL kwargs) or the URL named `pattern_name`.

    Answers 410 Gone when there is no URL; permanent=True gives 301 and
    query_string=True keeps the query string.
    """

    permanent = False
    url = None
    pattern_name = None
    query_string = False

    def get_redirect_url(self, *args, **kwargs):
        if self.url:
            url = self.url % kwargs
        elif self.pattern_name:
            url = reverse(self.pattern_name, args=args, kwargs=kwargs)
        else:
            return None
        query = self.request.META.get("QUERY_STRING", "")
        if query and self.query_string:
            url = "%s?%s" % (url, query)
        return url

    def get(self, request, *args, **kwargs):
        url = self.get_redirect_url(*args, **kwargs)
        if url:
            if self.permanent:
                return HttpResponsePermanentRedirect(url)
            return HttpResponseRedirect(url)
        response = HttpResponseGone()
        _log_response("Gone: %s", request.path, response=response, request=request)
        return response

    def head(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    post = options = delete = put = patch = head


class MultipleObjectMixin(ContextMixin):
    """Work with a list of objects: queryset, ordering, pagination, context names."""

    allow_empty = True
    queryset = None
    model = None
    paginate_by = None
    paginate_orphans = 0
    context_object_name = None
    paginator_class = Paginator
    page_kwarg = "page"
    ordering = None

    def get_queryset(self):
        """Return the objects to list: queryset, else model's default manager."""
        if self.queryset is not None:
            queryset = self.queryset
            if isinstance(queryset, QuerySet):
                queryset = queryset.all()
        elif self.model is not None:
            queryset = self.model._default_manager.all()
        else:
            raise ImproperlyConfigured(
                "%(cls)s is missing a QuerySet. Define %(cls)s.model, %(cls)s.queryset,"
                " or override %(cls)s.get_queryset()." % {"cls": type(self).__name__})
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self):
        return self.ordering

    def paginate_queryset(self, queryset, page_size):
        """Return (paginator, page, object_list, is_paginated) for the request."""
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty())
        page = (self.kwargs.get(self.page_kwarg)
                or self.request.GET.get(self.page_kwarg) or 1)
        try:
            page_number = int(page)
        except ValueError:
            if page == "last":
                page_number = paginator.num_pages
            else:
                raise Http404(
                    "Page is not “last”, nor can it be converted to an int.") from None
        try:
            page = paginator.page(page_number)
        except InvalidPage as exc:
            raise Http404("Invalid page (%(page_number)s): %(message)s"
                          % {"page_number": page_number, "message": exc}) from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_paginate_by(self, queryset):
        return self.paginate_by

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True,
                      **kwargs):
        return self.paginator_class(queryset, per_page, orphans=orphans,
                                    allow_empty_first_page=allow_empty_first_page,
                                    **kwargs)

    def get_paginate_orphans(self):
        return self.paginate_orphans

    def get_allow_empty(self):
        return self.allow_empty

    def get_context_object_name(self, object_list):
        if self.context_object_name:
            return self.context_object_name
        if hasattr(object_list, "model"):
            return "%s_list" % object_list.model._meta.model_name
        return None

    def get_context_data(self, *, object_list=None, **kwargs):
        queryset = object_list if object_list is not None else self.object_list
        page_size = self.get_paginate_by(queryset)
        context_object_name = self.get_context_object_name(queryset)
        if page_size:
            paginator, page, queryset, is_paginated = self.paginate_queryset(
                queryset, page_size)
            context = {"paginator": paginator, "page_obj": page,
                       "is_paginated": is_paginated, "object_list": queryset}
        else:
            context = {"paginator": None, "page_obj": None, "is_paginated": False,
                       "object_list": queryset}
        if context_object_name is not None:
            context[context_object_name] = queryset
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, View):
    """List objects; 404 for an empty list when allow_empty is False."""

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        if not self.get_allow_empty():
            if (self.get_paginate_by(self.object_list) is not None
                    and hasattr(self.object_list, "exists")):
                is_empty = not self.object_list.exists()
            else:
                is_empty = not self.object_list
            if is_empty:
                raise Http404("Empty list and “%s.allow_empty” is False."
                              % type(self).__name__)
        context = self.get_context_data()
        return self.render_to_response(context)


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Default the template to <app_label>/<model_name>_list.html."""

    template_name_suffix = "_list"

    def get_template_names(self):
        try:
            names = super().get_template_names()
        except ImproperlyConfigured:
            names = []
        if hasattr(self.object_list, "model"):
            opts = self.object_list.model._meta
            names.append("%s/%s%s.html" % (opts.app_label, opts.model_name,
                                           self.template_name_suffix))
        elif not names:
            raise ImproperlyConfigured(
                "%(cls)s requires either a 'template_name' attribute or a "
                "get_queryset() method that returns a QuerySet."
                % {"cls": type(self).__name__})
        return names


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    """Render a list of objects: object_list, <model>_list, page_obj, paginator."""


class SingleObjectMixin(ContextMixin):
    """Look up one object from the pk or slug URL keyword argument."""

    model = None
    queryset = None
    slug_field = "slug"
    context_object_name = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False

    def get_object(self, queryset=None):
        """Return the object named by the URL, or raise Http404."""
        if queryset is None:
            queryset = self.get_queryset()
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.get_slug_field(): slug})
        if pk is None and slug is None:
            raise AttributeError(
                "Generic detail view %s must be called with either an object pk or a "
                "slug in the URLconf." % type(self).__name__)
        try:
            return queryset.get()
        except queryset.model.DoesNotExist:
            raise Http404(
                "No %(verbose_name)s found matching the query"
                % {"verbose_name": queryset.model._meta.verbose_name}) from None

    def get_queryset(self):
        if self.queryset is None:
            if self.model:
                return self.model._default_manager.all()
            raise ImproperlyConfigured(
                "%(cls)s is missing a QuerySet. Define %(cls)s.model, %(cls)s.queryset,"
                " or override %(cls)s.get_queryset()." % {"cls": type(self).__name__})
        return self.queryset.all()

    def get_slug_field(self):
        return self.slug_field

    def get_context_object_name(self, obj):
        if self.context_object_name:
            return self.context_object_name
        meta = getattr(obj, "_meta", None)
        return getattr(meta, "model_name", None) if meta is not None else None

    def get_context_data(self, **kwargs):
        context = {}
        if self.object:
            context["object"] = self.object
            name = self.get_context_object_name(self.object)
            if name:
                context[name] = self.object
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, View):
    """Fetch one object and render it."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Default the template to <app_label>/<model_name>_detail.html."""

    template_name_field = None
    template_name_suffix = "_detail"

    def get_template_names(self):
        try:
            return super().get_template_names()
        except ImproperlyConfigured:
            names = []
            obj = getattr(self, "object", None)
            if obj and self.template_name_field:
                name = getattr(obj, self.template_name_field, None)
                if name:
                    names.insert(0, name)
            if obj is not None and hasattr(obj, "_meta"):
                opts = obj._meta
            elif getattr(self, "model", None) is not None:
                opts = self.model._meta
            else:
                opts = None
            if opts is not None:
                names.append("%s/%s%s.html" % (opts.app_label, opts.model_name,
                                               self.template_name_suffix))
            if not names:
                raise ImproperlyConfigured(
                    "SingleObjectTemplateResponseMixin requires a definition of "
                    "'template_name', 'template_name_field', or 'model'; or an "
                    "implementation of 'get_template_names()'.")
            return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    """Render one object as `object` and `<model_name>`; 404 when missing."""


class FormMixin(ContextMixin):
    """Build a form from form_class; redirect to success_url when it is valid."""

    initial = {}
    form_class = None
    success_url = None
    prefix = None

    def get_initial(self):
        return self.initial.copy()

    def get_prefix(self):
        return self.prefix

    def get_form_class(self):
        return self.form_class

    def get_form(self, form_class=None):
        if form_class is None:
            form_class = self.get_form_class()
        return form_class(**self.get_form_kwargs())

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs.update({"data": self.request.POST, "files": self.request.FILES})
        return kwargs

    def get_success_url(self):
        if not self.success_url:
            raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")
        return str(self.success_url)

    def form_valid(self, form):
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)


class ModelFormMixin(FormMixin, SingleObjectMixin):
    """A FormMixin whose form is a ModelForm for the view's model and `fields`."""

    fields = None

    def get_form_class(self):
        if self.fields is not None and self.form_class:
            raise ImproperlyConfigured(
                "Specifying both 'fields' and 'form_class' is not permitted.")
        if self.form_class:
            return self.form_class
        if self.model is not None:
            model = self.model
        elif getattr(self, "object", None) is not None:
            model = type(self.object)
        else:
            model = self.get_queryset().model
        if self.fields is None:
            raise ImproperlyConfigured(
                "Using ModelFormMixin (base class of %s) without the 'fields' "
                "attribute is prohibited." % type(self).__name__)
        return modelform_factory(model, fields=self.fields)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if hasattr(self, "object"):
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self):
        if self.success_url:
            return self.success_url.format(**self.object.__dict__)
        try:
            return self.object.get_absolute_url()
        except AttributeError:
            raise ImproperlyConfigured(
                "No URL to redirect to.  Either provide a url or define a "
                "get_absolute_url method on the Model.") from None

    def form_valid(self, form):
        self.object = form.save()
        return super().form_valid(form)


class ProcessFormView(View):
    """GET renders the form; POST (and PUT) validates it."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def put(self, *args, **kwargs):
        return self.post(*args, **kwargs)


class BaseFormView(FormMixin, ProcessFormView):
    """A form view without template handling."""


class FormView(TemplateResponseMixin, BaseFormView):
    """Show a form, re-show it with errors, redirect when valid."""


class BaseCreateView(ModelFormMixin, ProcessFormView):
    """Create an object from a ModelForm."""

    def get(self, request, *args, **kwargs):
        self.object = None
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = None
        return super().post(request, *args, **kwargs)


class CreateView(SingleObjectTemplateResponseMixin, BaseCreateView):
    """Create an object; template <app_label>/<model_name>_form.html."""

    template_name_suffix = "_form"


class BaseUpdateView(ModelFormMixin, ProcessFormView):
    """Edit the object named by the URL with a ModelForm."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)


class UpdateView(SingleObjectTemplateResponseMixin, BaseUpdateView):
    """Edit an object; template <app_label>/<model_name>_form.html."""

    template_name_suffix = "_form"


class DeletionMixin:
    """Delete self.object on DELETE (or POST) and redirect to success_url."""

    success_url = None

    def delete(self, request, *args, **kwargs):
        self.object = self.get_object()
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)

    def post(self, request, *args, **kwargs):
        return self.delete(request, *args, **kwargs)

    def get_success_url(self):
        if self.success_url:
            return self.success_url.format(**self.object.__dict__)
        raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")


class BaseDeleteView(DeletionMixin, FormMixin, BaseDetailView):
    """Confirm with a (by default empty) form on POST, then delete."""

    form_class = Form

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)


class DeleteView(SingleObjectTemplateResponseMixin, BaseDeleteView):
    """Confirm and delete; template <app_label>/<model_name>_confirm_delete.html."""

    template_name_suffix = "_confirm_delete"
