"""Generic inlines (django/contrib/contenttypes/admin.py): objects attached to
their parent through a GenericForeignKey, edited on the parent's change page,
with the checks that replace the foreign key ones (admin.E301-E304).
"""

import functools

from djscratch.core.checks.messages import Error
from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.contrib.admin.checks import InlineModelAdminChecks
from djscratch.contrib.admin.options import (
    InlineModelAdmin, _modelform_defines_fields, _permission_protected_form,
)
from djscratch.contrib.admin.utils import flatten_fieldsets
from djscratch.contrib.contenttypes.fields import GenericForeignKey
from djscratch.contrib.contenttypes.forms import (
    BaseGenericInlineFormSet, generic_inlineformset_factory,
)

__all__ = [
    "GenericInlineModelAdminChecks", "GenericInlineModelAdmin",
    "GenericStackedInline", "GenericTabularInline",
]


class GenericInlineModelAdminChecks(InlineModelAdminChecks):
    """An inline's relation is a GenericForeignKey made of its ct_field and
    ct_fk_field; there is no foreign key to exclude."""

    def _check_exclude_of_parent_model(self, obj, parent_model):
        return []

    def _check_relation(self, obj, parent_model):
        opts = obj.model._meta
        gfks = [f for f in opts.private_fields if isinstance(f, GenericForeignKey)]
        if not gfks:
            return [Error("'%s' has no GenericForeignKey." % opts.label,
                          obj=obj.__class__, id="admin.E301")]
        for option, id in (("ct_field", "admin.E302"), ("ct_fk_field", "admin.E303")):
            name = getattr(obj, option)
            try:
                opts.get_field(name)
            except FieldDoesNotExist:
                return [Error("'%s' references '%s', which is not a field on '%s'."
                              % (option, name, opts.label), obj=obj.__class__, id=id)]
        if any(gfk.ct_field == obj.ct_field and gfk.fk_field == obj.ct_fk_field
               for gfk in gfks):
            return []
        message = ("'%s' has no GenericForeignKey using content type field '%s' "
                   "and object ID field '%s'."
                   % (opts.label, obj.ct_field, obj.ct_fk_field))
        return [Error(message, obj=obj.__class__, id="admin.E304")]


class GenericInlineModelAdmin(InlineModelAdmin):
    """An inline over the objects whose GenericForeignKey points at the
    parent."""

    ct_field = "content_type"
    ct_fk_field = "object_id"
    formset = BaseGenericInlineFormSet
    checks_class = GenericInlineModelAdminChecks

    def get_formset(self, request, obj=None, **kwargs):
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        exclude = [*(self.exclude or []), *self.get_readonly_fields(request, obj)]
        # The form's own Meta.exclude counts only when the inline has none.
        if self.exclude is None and hasattr(self.form, "_meta") \
                and self.form._meta.exclude:
            exclude.extend(self.form._meta.exclude)
        can_delete = self.can_delete and self.has_delete_permission(request, obj)
        defaults = {
            "ct_field": self.ct_field,
            "fk_field": self.ct_fk_field,
            "form": self.form,
            "formfield_callback": functools.partial(self.formfield_for_dbfield,
                                                    request=request),
            "formset": self.formset,
            "extra": self.get_extra(request, obj),
            "can_delete": can_delete,
            "can_order": False,
            "fields": fields,
            "min_num": self.get_min_num(request, obj),
            "max_num": self.get_max_num(request, obj),
            "exclude": exclude or None,
            **kwargs,
        }
        if request is not None:
            defaults["form"] = _permission_protected_form(
                defaults["form"],
                can_add=self.has_add_permission(request, obj),
                can_change=self.has_change_permission(request, obj))
        if defaults["fields"] is None and not _modelform_defines_fields(
                defaults["form"]):
            defaults["fields"] = "__all__"
        return generic_inlineformset_factory(self.model, **defaults)


class GenericStackedInline(GenericInlineModelAdmin):
    template = "admin/edit_inline/stacked.html"


class GenericTabularInline(GenericInlineModelAdmin):
    template = "admin/edit_inline/tabular.html"
