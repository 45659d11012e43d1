"""What the admin's templates iterate over (django/contrib/admin/helpers.py):
AdminForm -> Fieldset -> Fieldline -> AdminField / AdminReadonlyField, the
inline formset wrappers, the action form and the list of every error.
"""

import json

from djscratch.core.exceptions import ObjectDoesNotExist
from djscratch.utils.html import conditional_escape, format_html
from djscratch.utils.safestring import mark_safe
from djscratch.utils.text import capfirst
from djscratch.forms.fields_extra import ChoiceField
from djscratch.forms.fields_extra import BooleanField as _FormBooleanField
from djscratch.forms.forms import Form
from djscratch.forms.widgets import Media
from djscratch.forms.widgets import HiddenInput
from djscratch.forms.widgets_extra import CheckboxInput, Select
from djscratch.forms.formsets import DELETION_FIELD_NAME
from djscratch.forms.utils import ErrorList
from djscratch.core.exceptions import NoReverseMatch
from djscratch.urls.base import reverse
from djscratch.template.defaultfilters import _f_linebreaksbr
from djscratch.db.models.related import (
    ForeignObjectRel, ManyToManyRel, OneToOneField,
)
from djscratch.contrib.admin.utils import (
    display_for_field, display_for_value, flatten_fieldsets, help_text_for_field,
    label_for_field, lookup_field, quote,
)

__all__ = [
    "ACTION_CHECKBOX_NAME", "ActionForm", "AdminForm", "Fieldset", "Fieldline",
    "AdminField", "AdminReadonlyField", "InlineAdminFormSet", "InlineAdminForm",
    "InlineFieldset", "AdminErrorList",
]

ACTION_CHECKBOX_NAME = "_selected_action"


class ActionForm(Form):
    """The action <select> and the hidden "select across" flag."""

    action = ChoiceField(label="Action:")
    select_across = _FormBooleanField(
        label="", required=False, initial=0,
        widget=HiddenInput({"class": "select-across"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].widget = Select()


class AdminForm:
    """A ModelForm shown as the ModelAdmin's fieldsets."""

    def __init__(self, form, fieldsets, prepopulated_fields, readonly_fields=None,
                 model_admin=None):
        self.form, self.fieldsets = form, fieldsets
        self.prepopulated_fields = [
            {"field": form[field_name],
             "dependencies": [form[f] for f in dependencies]}
            for field_name, dependencies in prepopulated_fields.items()]
        self.model_admin = model_admin
        self.readonly_fields = () if readonly_fields is None else readonly_fields

    def __repr__(self):
        form_name = self.form.__class__.__qualname__
        return (f"<{self.__class__.__qualname__}: form={form_name} "
                f"fieldsets={self.fieldsets!r}>")

    def __iter__(self):
        for name, options in self.fieldsets:
            yield Fieldset(self.form, name, readonly_fields=self.readonly_fields,
                           model_admin=self.model_admin, **options)

    @property
    def errors(self):
        return self.form.errors

    @property
    def non_field_errors(self):
        return self.form.non_field_errors

    @property
    def fields(self):
        return self.form.fields

    @property
    def is_bound(self):
        return self.form.is_bound

    @property
    def media(self):
        return self.form.media


class Fieldset:
    """One fieldset: a name, CSS classes, a description and lines of fields."""

    def __init__(self, form, name=None, readonly_fields=(), fields=(), classes=(),
                 description=None, model_admin=None):
        self.form, self.name, self.fields = form, name, fields
        self.classes = " ".join(classes)
        self.description = description
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields

    @property
    def media(self):
        return Media()

    @property
    def is_collapsible(self):
        # A fieldset with errors starts open (the <details> gets no "collapse"
        # treatment then), as Django's does.
        if any(field in self.fields for field in self.form.errors):
            return False
        return "collapse" in self.classes

    def __iter__(self):
        for field in self.fields:
            yield Fieldline(self.form, field, self.readonly_fields,
                            model_admin=self.model_admin)


class Fieldline:
    """One line of a fieldset: a field name or a tuple shown side by side."""

    def __init__(self, form, field, readonly_fields=None, model_admin=None):
        self.form = form
        if not hasattr(field, "__iter__") or isinstance(field, str):
            self.fields = [field]
        else:
            self.fields = field
        self.has_visible_field = not all(
            name in form.fields and form.fields[name].widget.is_hidden
            for name in self.fields)
        self.model_admin = model_admin
        self.readonly_fields = () if readonly_fields is None else readonly_fields

    def __iter__(self):
        for i, field in enumerate(self.fields):
            if field in self.readonly_fields:
                yield AdminReadonlyField(self.form, field, is_first=(i == 0),
                                         model_admin=self.model_admin)
            else:
                yield AdminField(self.form, field, is_first=(i == 0))

    def errors(self):
        return mark_safe("\n".join(
            self.form[f].errors.as_ul() for f in self.fields
            if f not in self.readonly_fields).strip("\n"))


class AdminField:
    """An editable field of the form: its bound field and label."""

    def __init__(self, form, field, is_first):
        self.field = form[field]  # a BoundField
        self.is_first = is_first
        self.is_checkbox = isinstance(self.field.field.widget, CheckboxInput)
        self.is_readonly = False

    def label_tag(self):
        classes = []
        contents = conditional_escape(self.field.label)
        if self.is_checkbox:
            classes.append("vCheckboxLabel")
        if self.field.field.required:
            classes.append("required")
        if not self.is_first:
            classes.append("inline")
        attrs = {"class": " ".join(classes)} if classes else {}
        # A checkbox's label follows it, so it has no colon.
        return self.field.label_tag(
            contents=mark_safe(contents), attrs=attrs,
            label_suffix="" if self.is_checkbox else None)

    def errors(self):
        return mark_safe(self.field.errors.as_ul())


class AdminReadonlyField:
    """A read-only value: a model field, a ModelAdmin or model method, or a
    callable, shown with display_for_field / display_for_value."""

    def __init__(self, form, field, is_first, model_admin=None):
        if callable(field):
            class_name = field.__name__ if field.__name__ != "<lambda>" else ""
        else:
            class_name = field
        if form._meta.labels and class_name in form._meta.labels:
            label = form._meta.labels[class_name]
        else:
            label = label_for_field(field, form._meta.model, model_admin,
                                          form=form)
        if form._meta.help_texts and class_name in form._meta.help_texts:
            help_text = form._meta.help_texts[class_name]
        else:
            help_text = help_text_for_field(class_name, form._meta.model)
        if field in form.fields:
            is_hidden = form.fields[field].widget.is_hidden
        else:
            is_hidden = False
        self.field = {"name": class_name, "label": label, "help_text": help_text,
                      "field": field, "is_hidden": is_hidden}
        self.form = form
        self.model_admin = model_admin
        self.is_first = is_first
        self.is_checkbox = False
        self.is_readonly = True
        self.empty_value_display = model_admin.get_empty_value_display()

    def label_tag(self):
        attrs = {}
        if not self.is_first:
            attrs["class"] = "inline"
        label = self.field["label"]
        return format_html("<label{}>{}{}</label>",
                           mark_safe("".join(f' {k}="{v}"' for k, v in attrs.items())),
                           capfirst(label), self.form.label_suffix)

    def get_admin_url(self, remote_field, remote_obj):
        url_name = "admin:%s_%s_change" % (remote_field.model._meta.app_label,
                                           remote_field.model._meta.model_name)
        try:
            url = reverse(
                url_name, args=[quote(remote_obj.pk)],
                current_app=self.model_admin.admin_site.name)
            return format_html('<a href="{}">{}</a>', url, remote_obj)
        except NoReverseMatch:
            return str(remote_obj)

    def contents(self):
        field, obj, model_admin = (self.field["field"], self.form.instance,
                                   self.model_admin)
        try:
            f, attr, value = lookup_field(field, obj, model_admin)
        except (AttributeError, ValueError, ObjectDoesNotExist):
            return conditional_escape(self.empty_value_display)
        if field in self.form.fields:
            widget = self.form[field].field.widget
            if getattr(widget, "read_only", False):
                return widget.render(field, value)
        if f is None:
            if getattr(attr, "boolean", False):
                return display_for_value(value, self.empty_value_display,
                                         boolean=True)
            # Line breaks of a method's text shown as <br> (escaped first).
            return conditional_escape(value if hasattr(value, "__html__")
                                      else _f_linebreaksbr(value))
        if isinstance(f.remote_field, ManyToManyRel) and value is not None:
            result_repr = ", ".join(map(str, value.all()))
        elif (isinstance(f.remote_field, (ForeignObjectRel, OneToOneField))
              and value is not None):
            # A forward relation, or a reverse one-to-one: a link to the
            # related object's change page when the user may see it.
            result_repr = self.get_admin_url(f.remote_field, value)
        else:
            result_repr = display_for_field(value, f, self.empty_value_display)
        return conditional_escape(_f_linebreaksbr(result_repr))


class InlineAdminFormSet:
    """An inline formset with its options, iterated as InlineAdminForms
    (existing objects, extra forms, then the empty form for "Add another")."""

    def __init__(self, inline, formset, fieldsets, prepopulated_fields=None,
                 readonly_fields=None, model_admin=None, has_add_permission=True,
                 has_change_permission=True, has_delete_permission=True,
                 has_view_permission=True):
        self.opts, self.formset, self.fieldsets = inline, formset, fieldsets
        self.model_admin = model_admin
        self.readonly_fields = () if readonly_fields is None else readonly_fields
        self.prepopulated_fields = prepopulated_fields or {}
        self.classes = " ".join(inline.classes) if inline.classes else ""
        self.has_add_permission = has_add_permission
        self.has_change_permission = has_change_permission
        self.has_delete_permission = has_delete_permission
        self.has_view_permission = has_view_permission

    def __iter__(self):
        if self.has_change_permission:
            readonly_fields_for_editing = self.readonly_fields
        else:
            readonly_fields_for_editing = self.readonly_fields + tuple(
                flatten_fieldsets(self.fieldsets))
        for form, original in zip(self.formset.initial_forms,
                                  self.formset.get_queryset()):
            yield InlineAdminForm(
                self.formset, form, self.fieldsets, self.prepopulated_fields,
                original, readonly_fields_for_editing, model_admin=self.opts,
                view_on_site_url=self.opts.get_view_on_site_url(original))
        for form in self.formset.extra_forms:
            yield InlineAdminForm(self.formset, form, self.fieldsets,
                                  self.prepopulated_fields, None,
                                  self.readonly_fields, model_admin=self.opts)
        if self.has_add_permission:
            yield InlineAdminForm(self.formset, self.formset.empty_form,
                                  self.fieldsets, self.prepopulated_fields, None,
                                  self.readonly_fields, model_admin=self.opts)

    def fields(self):
        fk = getattr(self.formset, "fk", None)
        empty_form = self.formset.empty_form
        meta_labels = empty_form._meta.labels or {}
        meta_help_texts = empty_form._meta.help_texts or {}
        for i, field_name in enumerate(flatten_fieldsets(self.fieldsets)):
            if fk and fk.name == field_name:
                continue
            if not self.has_change_permission or field_name in self.readonly_fields:
                yield {
                    "name": field_name,
                    "label": meta_labels.get(field_name) or label_for_field(
                        field_name, self.opts.model, self.opts, form=empty_form),
                    "widget": {"is_hidden": False},
                    "required": False,
                    "help_text": meta_help_texts.get(field_name) or (
                        help_text_for_field(field_name, self.opts.model)),
                }
            else:
                form_field = empty_form.fields[field_name]
                label = form_field.label
                if label is None:
                    label = label_for_field(field_name, self.opts.model,
                                                  self.opts, form=empty_form)
                yield {"name": field_name, "label": label,
                       "widget": form_field.widget, "required": form_field.required,
                       "help_text": form_field.help_text}

    @property
    def can_delete_forms(self):
        """Whether the forms get a DELETE box (the formset allows it and so
        does the user's permission)."""
        return self.formset.can_delete and self.has_delete_permission

    @property
    def column_count(self):
        count = 1 + sum(1 for f in self.fields()
                        if not getattr(f["widget"], "is_hidden", False))
        if self.formset.can_delete and self.has_delete_permission:
            count += 1
        return count

    def inline_formset_data(self):
        verbose_name = self.opts.verbose_name
        return json.dumps({
            "name": "#%s" % self.formset.prefix,
            "options": {
                "prefix": self.formset.prefix,
                "addText": "Add another %(verbose_name)s" % {
                    "verbose_name": capfirst(verbose_name)},
                "deleteText": "Remove",
            },
        })

    @property
    def forms(self):
        return self.formset.forms

    def non_form_errors(self):
        return self.formset.non_form_errors()

    @property
    def is_bound(self):
        return self.formset.is_bound

    @property
    def total_form_count(self):
        return self.formset.total_form_count

    @property
    def media(self):
        # The inline's own Media (class Media on the InlineModelAdmin) first.
        return self.opts.media + self.formset.media


class InlineAdminForm(AdminForm):
    """One form of an inline formset, with its original object."""

    def __init__(self, formset, form, fieldsets, prepopulated_fields, original,
                 readonly_fields=None, model_admin=None, view_on_site_url=None):
        self.formset = formset
        self.model_admin = model_admin
        self.original = original
        self.show_url = original and view_on_site_url is not None
        self.absolute_url = view_on_site_url
        super().__init__(form, fieldsets, prepopulated_fields, readonly_fields,
                         model_admin)

    def __iter__(self):
        for name, options in self.fieldsets:
            yield InlineFieldset(self.formset, self.form, name,
                                 self.readonly_fields, model_admin=self.model_admin,
                                 **options)

    @property
    def show_change_link(self):
        """The inline shows a link to the object's own change page."""
        return bool(self.model_admin.show_change_link
                    and self.model_admin.has_registered_model)

    @property
    def change_url(self):
        opts = self.original._meta
        try:
            return reverse(
                "admin:%s_%s_change" % (opts.app_label, opts.model_name),
                args=[quote(self.original.pk)],
                current_app=self.model_admin.admin_site.name)
        except NoReverseMatch:
            return None

    def needs_explicit_pk_field(self):
        pk = self.form._meta.model._meta.pk
        auto = type(pk).__name__ in ("AutoField", "BigAutoField", "SmallAutoField")
        fields_shown = flatten_fieldsets(self.fieldsets)
        return auto or not pk.editable or pk.name not in fields_shown

    def pk_field(self):
        return AdminField(self.form, self.form._meta.model._meta.pk.name, False)

    def fk_field(self):
        fk = getattr(self.formset, "fk", None)
        if fk and fk.name in self.form.fields:
            return AdminField(self.form, fk.name, False)
        return ""

    def deletion_field(self):
        return AdminField(self.form, DELETION_FIELD_NAME, False)


class InlineFieldset(Fieldset):
    """A fieldset of an inline form: the foreign key to the parent is left
    out (it is a hidden field the formset fills in)."""

    def __init__(self, formset, *args, **kwargs):
        self.formset = formset
        super().__init__(*args, **kwargs)

    def __iter__(self):
        fk = getattr(self.formset, "fk", None)
        for field in self.fields:
            if not fk or fk.name != field:
                yield Fieldline(self.form, field, self.readonly_fields,
                                model_admin=self.model_admin)


class AdminErrorList(ErrorList):
    """Every error of a change form: the form's and each inline form's."""

    def __init__(self, form, inline_formsets):
        super().__init__()
        if form.is_bound:
            self.extend(form.errors.values())
            for inline_formset in inline_formsets:
                self.extend(inline_formset.non_form_errors())
                for errors_in_inline_form in inline_formset.errors:
                    self.extend(errors_in_inline_form.values())
