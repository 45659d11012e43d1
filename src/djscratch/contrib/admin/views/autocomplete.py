"""The admin's autocomplete endpoint (django/contrib/admin/views/autocomplete.py):
admin:autocomplete answers ?term=&app_label=&model_name=&field_name=&page=
with Django's JSON, {"results": [{"id", "text"}], "pagination": {"more"}},
searched by the target ModelAdmin's search_fields, 20 a page.
"""

from djscratch.apps.registry import apps
from djscratch.core.exceptions import FieldDoesNotExist, Http404, PermissionDenied
from djscratch.http.response import JsonResponse
from djscratch.views.generic import BaseListView
from djscratch.contrib.admin.exceptions import NotRegistered

__all__ = ["AutocompleteJsonView"]


class AutocompleteJsonView(BaseListView):
    """Answer an autocomplete widget's requests for choices."""

    paginate_by = 20
    admin_site = None

    def get(self, request, *args, **kwargs):
        (self.term, self.model_admin, self.source_field,
         to_field_name) = self.process_request(request)
        if not self.has_perm(request):
            raise PermissionDenied
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        return JsonResponse({
            "results": [self.serialize_result(obj, to_field_name)
                        for obj in context["object_list"]],
            "pagination": {"more": context["page_obj"].has_next()},
        })

    def serialize_result(self, obj, to_field_name):
        """One choice: the value the field stores, and the object's text."""
        return {"id": str(getattr(obj, to_field_name)), "text": str(obj)}

    def get_paginator(self, *args, **kwargs):
        """The target ModelAdmin's paginator."""
        return self.model_admin.get_paginator(self.request, *args, **kwargs)

    def get_queryset(self):
        """The target admin's queryset, limited as the field is, searched."""
        qs = self.model_admin.get_queryset(self.request)
        qs = qs.complex_filter(self.source_field.get_limit_choices_to() or {})
        qs, search_use_distinct = self.model_admin.get_search_results(
            self.request, qs, self.term)
        if search_use_distinct:
            qs = qs.distinct()
        return qs

    def process_request(self, request):
        """(term, target ModelAdmin, source field, to-field attname).

        Malformed app, model or field names are PermissionDenied (the view
        permission check needs the target admin); a target admin without
        search_fields is a 404.
        """
        term = request.GET.get("term", "")
        try:
            app_label = request.GET["app_label"]
            model_name = request.GET["model_name"]
            field_name = request.GET["field_name"]
        except KeyError as e:
            raise PermissionDenied from e
        try:
            source_model = apps.get_model(app_label, model_name)
        except LookupError as e:
            raise PermissionDenied from e
        try:
            source_field = source_model._meta.get_field(field_name)
        except FieldDoesNotExist as e:
            raise PermissionDenied from e
        try:
            remote_model = source_field.remote_field.model
        except AttributeError as e:
            raise PermissionDenied from e
        try:
            model_admin = self.admin_site.get_model_admin(remote_model)
        except NotRegistered as e:
            raise PermissionDenied from e
        if not model_admin.get_search_fields(request):
            raise Http404("%s must have search_fields for the autocomplete_view."
                          % type(model_admin).__qualname__)
        # A foreign key's target field (its to_field or the pk); a
        # many-to-many relation has no field_name: the pk.
        to_field_name = getattr(source_field.remote_field, "field_name",
                                remote_model._meta.pk.attname)
        to_field_name = remote_model._meta.get_field(to_field_name).attname
        if not model_admin.to_field_allowed(request, to_field_name):
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def has_perm(self, request, obj=None):
        """Whether the user may see the related model's objects."""
        return self.model_admin.has_view_permission(request, obj=obj)
