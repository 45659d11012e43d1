"""BaseForm and Form (django/forms/forms.py); the as_div/as_p/as_ul/
as_table layouts are templates (forms/renderers.py).
"""

import datetime
from djscratch.sections import _methods_on_first_use
from djscratch.utils.functional import cached_property
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import NON_FIELD_ERRORS
from djscratch.forms.utils import ErrorDict, ErrorList, RenderableFormMixin
from djscratch.forms.renderers import get_default_renderer
from djscratch.forms.widgets import MediaDefiningClass
from djscratch.forms.fields import _deepcopy_fields, Field

__all__ = [
    "BaseForm", "Form", "DeclarativeFieldsMetaclass",
]


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collect the Field attributes of a Form class (and its bases) into
    `base_fields`, in declaration order; a base's field set to None is removed."""

    def __new__(mcs, name, bases, attrs):
        attrs["declared_fields"] = {
            key: attrs.pop(key) for key, value in list(attrs.items())
            if isinstance(value, Field)
        }
        new_class = super().__new__(mcs, name, bases, attrs)
        declared_fields = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                declared_fields.update(base.declared_fields)
            for attr, value in base.__dict__.items():
                if value is None and attr in declared_fields:
                    declared_fields.pop(attr)
        new_class.base_fields = declared_fields
        new_class.declared_fields = declared_fields
        return new_class


# The methods a plain page never runs are in forms_extra.py, defined on first
# use.
@_methods_on_first_use("_BaseFormMore", (
    "_clean_fields", "_clean_form", "_post_clean", "_widget_data_value",
    "add_error", "clean", "has_changed", "has_error", "hidden_fields",
    "is_multipart", "is_valid", "media", "visible_fields",
))
class BaseForm(RenderableFormMixin):
    """The form machinery without the declarative metaclass (see Form)."""

    default_renderer = None
    field_order = None
    prefix = None
    use_required_attribute = True
    template_name_div = "django/forms/div.html"
    template_name_p = "django/forms/p.html"
    template_name_table = "django/forms/table.html"
    template_name_ul = "django/forms/ul.html"
    template_name_label = "django/forms/label.html"
    bound_field_class = None

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, field_order=None, use_required_attribute=None,
                 renderer=None, bound_field_class=None):
        self.is_bound = data is not None or files is not None
        self.data = MultiValueDict() if data is None else data
        self.files = MultiValueDict() if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else ":"
        self.empty_permitted = empty_permitted
        self._errors = None
        self.fields = _deepcopy_fields(self.base_fields)
        self._bound_fields_cache = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError("The empty_permitted and use_required_attribute arguments "
                             "may not both be True.")
        if renderer is None:
            renderer = self.default_renderer
            if renderer is None:
                renderer = get_default_renderer()
            elif isinstance(renderer, type):
                renderer = renderer()
        self.renderer = renderer
        self.bound_field_class = (bound_field_class or self.bound_field_class
                                  or getattr(self.renderer, "bound_field_class", None))

    def order_fields(self, field_order):
        """Put the fields named in field_order first; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            if key in self.fields:
                fields[key] = self.fields.pop(key)
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self):
        is_valid = "Unknown" if self._errors is None else (
            self.is_bound and not self._errors)
        return "<%s bound=%s, valid=%s, fields=(%s)>" % (
            type(self).__name__, self.is_bound, is_valid, ";".join(self.fields))

    def _bound_items(self):
        for name in self.fields:
            yield name, self[name]

    def __iter__(self):
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name):
        """Return the BoundField `name`."""
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError("Key '%s' not found in '%s'. Choices are: %s." % (
                name, type(self).__name__, ", ".join(sorted(self.fields)))) from None
        if name not in self._bound_fields_cache:
            self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return self._bound_fields_cache[name]

    @property
    def errors(self):
        """Return the ErrorDict, cleaning the form first if needed."""
        if self._errors is None:
            self.full_clean()
        return self._errors

    def add_prefix(self, field_name):
        return "%s-%s" % (self.prefix, field_name) if self.prefix else field_name

    def add_initial_prefix(self, field_name):
        return "initial-%s" % self.add_prefix(field_name)

    @property
    def template_name(self):
        return self.renderer.form_template_name

    def get_context(self):
        fields, hidden_fields = [], []
        top_errors = self.non_field_errors().copy()
        for name, bf in self._bound_items():
            if bf.is_hidden:
                if bf.errors:
                    top_errors += ["(Hidden field %(name)s) %(error)s" % {
                        "name": name, "error": str(e)} for e in bf.errors]
                hidden_fields.append(bf)
            else:
                fields.append((bf, bf.errors))
        return {"form": self, "fields": fields, "hidden_fields": hidden_fields,
                "errors": top_errors}

    def non_field_errors(self):
        """Return the errors not tied to a field (from clean())."""
        return self.errors.get(NON_FIELD_ERRORS,
                               self.error_class(error_class="nonfield",
                                                renderer=self.renderer))

    def full_clean(self):
        """Clean every field, then the form; fill errors and cleaned_data."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    @cached_property
    def changed_data(self):
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    def get_initial_for_field(self, field, field_name):
        """Return the initial value: form initial, then field initial (called
        if callable); microseconds dropped for widgets without them."""

        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        if (isinstance(value, (datetime.datetime, datetime.time))
                and not field.widget.supports_microseconds):
            value = value.replace(microsecond=0)
        return value


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of declared Fields: validate data, render HTML.

        class ContactForm(Form):
            email = EmailField()
            message = CharField(widget=Textarea)

        form = ContactForm(request.POST)
        if form.is_valid():
            send(form.cleaned_data["email"], form.cleaned_data["message"])
    """
