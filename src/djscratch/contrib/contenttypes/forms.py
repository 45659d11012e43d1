"""Generic inline formsets (django/contrib/contenttypes/forms.py): a model
formset over the objects whose GenericForeignKey points at one instance; new
objects get that instance's content type and id on save.
"""

from djscratch.db.models.related import ForeignKey
from djscratch.forms.models import BaseModelFormSet, ModelForm, modelformset_factory
from djscratch.contrib.contenttypes.models import ContentType

__all__ = [
    "BaseGenericInlineFormSet", "generic_inlineformset_factory",
]


class BaseGenericInlineFormSet(BaseModelFormSet):
    """The objects attached to `instance` through ct_field/ct_fk_field."""

    def __init__(self, data=None, files=None, instance=None, save_as_new=False,
                 prefix=None, queryset=None, **kwargs):
        self.instance = instance
        self.save_as_new = save_as_new
        self.rel_name = self.get_default_prefix()
        if instance is None or instance.pk is None:
            objects = self.model._default_manager.none()
        else:
            source = self.model._default_manager if queryset is None else queryset
            objects = source.filter(**{
                self.ct_field.name: ContentType.objects.get_for_model(
                    instance, for_concrete_model=self.for_concrete_model),
                self.ct_fk_field.name: instance.pk,
            })
        super().__init__(data=data, files=files, prefix=prefix, queryset=objects,
                         **kwargs)

    def initial_form_count(self):
        # "Save as new" makes every submitted form a new object.
        return 0 if self.save_as_new else super().initial_form_count()

    @classmethod
    def get_default_prefix(cls):
        opts = cls.model._meta
        return "-".join((opts.app_label, opts.model_name, cls.ct_field.name,
                         cls.ct_fk_field.name))

    def save_new(self, form, commit=True):
        content_type = ContentType.objects.get_for_model(self.instance)
        setattr(form.instance, self.ct_field.get_attname(), content_type.pk)
        setattr(form.instance, self.ct_fk_field.get_attname(), self.instance.pk)
        return form.save(commit=commit)


def generic_inlineformset_factory(
        model, form=ModelForm, formset=BaseGenericInlineFormSet,
        ct_field="content_type", fk_field="object_id", fields=None, exclude=None,
        extra=3, can_order=False, can_delete=True, max_num=None,
        formfield_callback=None, validate_max=False, for_concrete_model=True,
        min_num=None, validate_min=False, absolute_max=None, can_delete_extra=True):
    """A formset class for the `model` objects one instance's generic
    relation holds (the two generic fields are left out of the forms)."""
    opts = model._meta
    ct_field = opts.get_field(ct_field)
    if not isinstance(ct_field, ForeignKey) or (
            ct_field.remote_field.model != ContentType):
        raise Exception("fk_name '%s' is not a ForeignKey to ContentType" % ct_field)
    fk_field = opts.get_field(fk_field)
    formset_class = modelformset_factory(
        model, form=form, formfield_callback=formfield_callback, formset=formset,
        extra=extra, can_delete=can_delete, can_order=can_order, fields=fields,
        exclude=[*(exclude or []), ct_field.name, fk_field.name], max_num=max_num,
        validate_max=validate_max, min_num=min_num, validate_min=validate_min,
        absolute_max=absolute_max, can_delete_extra=can_delete_extra)
    formset_class.ct_field = ct_field
    formset_class.ct_fk_field = fk_field
    formset_class.for_concrete_model = for_concrete_model
    return formset_class
