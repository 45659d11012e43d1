"""The form fields (django/forms/fields.py): to_python(), validate(),
run_validators(), clean(), under Django's names: Field and CharField here, the
others in forms/fields_extra.py (built on first use).  The single file, one
namespace with the model fields, calls the shared ones FormCharField and so on
(RENAMES in tools/amalgamate.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: forms.boundfield.
import copy
import operator

import djscratch

from djscratch.core.exceptions import ValidationError
from djscratch.core.validators import (
    EMPTY_VALUES, MaxLengthValidator, MinLengthValidator,
    ProhibitNullCharactersValidator,
)
from djscratch.forms.widgets import (
    _copy_instance, _deepcopy_with_hook, _plain_copy_classes, HiddenInput, TextInput,
    Widget,
)

__all__ = ["Field", "CharField"]


class Field:
    """A form field: cleans one submitted value and names its widget.

    Keyword arguments as Django's: required, widget, label, initial,
    help_text, error_messages, show_hidden_initial, validators, localize,
    disabled, label_suffix, template_name.
    """

    widget = TextInput
    hidden_widget = HiddenInput
    default_validators = []
    default_error_messages = {"required": "This field is required."}
    empty_values = list(EMPTY_VALUES)
    bound_field_class = None

    def __init__(self, *, required=True, widget=None, label=None, initial=None,
                 help_text="", error_messages=None, show_hidden_initial=False,
                 validators=(), localize=False, disabled=False, label_suffix=None,
                 template_name=None, bound_field_class=None):
        self.required, self.label, self.initial = required, label, initial
        self.show_hidden_initial = show_hidden_initial
        self.help_text = help_text
        self.disabled = disabled
        self.label_suffix = label_suffix
        self.bound_field_class = bound_field_class or self.bound_field_class
        widget = widget or self.widget
        widget = widget() if isinstance(widget, type) else copy.deepcopy(widget)
        self.localize = localize
        if self.localize:
            widget.is_localized = True
        widget.is_required = self.required
        extra_attrs = self.widget_attrs(widget)
        if extra_attrs:
            widget.attrs.update(extra_attrs)
        self.widget = widget
        messages = {}
        for c in reversed(type(self).__mro__):
            messages.update(getattr(c, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.validators = [*self.default_validators, *validators]
        self.template_name = template_name
        super().__init__()  # cooperative, as Django's: a mixin's __init__ runs

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        return value

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        if value in self.empty_values:
            return
        errors = []
        for v in self.validators:
            try:
                v(value)
            except ValidationError as e:
                if hasattr(e, "code") and e.code in self.error_messages:
                    e.message = self.error_messages[e.code]
                errors.extend(e.error_list)
        if errors:
            raise ValidationError(errors)

    def clean(self, value):
        """Return the cleaned value or raise ValidationError."""
        value = self.to_python(value)
        self.validate(value)
        self.run_validators(value)
        return value

    def bound_data(self, data, initial):
        """Return the value to show: initial if disabled, else the data."""
        if self.disabled:
            return initial
        return data

    def widget_attrs(self, widget):
        """Return extra HTML attributes this field gives its widget."""
        return {}

    def has_changed(self, initial, data):
        """Return True if data differs from initial."""
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
            if hasattr(self, "_coerce"):
                return self._coerce(data) != self._coerce(initial)
        except ValidationError:
            return True
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return initial_value != data_value

    def get_bound_field(self, form, field_name):
        cls = self.bound_field_class or form.bound_field_class or djscratch.forms.boundfield.BoundField  # noqa: E501
        return cls(form, self, field_name)

    def __deepcopy__(self, memo):
        result = _copy_instance(self)
        memo[id(self)] = result
        result.widget = _deepcopy_with_hook(self.widget, memo)
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result

    def _clean_bound_field(self, bf):
        return self.clean(bf.initial if self.disabled else bf.data)



# -- Each form instance copies its class's fields (Django deep-copies
#    base_fields).  Field.__deepcopy__ and Widget.__deepcopy__ are four calls
#    a field (the hooks, copy's dispatch, two shallow copies); for the fields
#    and widgets that copy with those two hooks alone, _copy_plain_field()
#    does what they do in one.

_FIELD_DEEPCOPY = Field.__deepcopy__
_WIDGET_DEEPCOPY = Widget.__deepcopy__
_deepcopy_of = operator.attrgetter("__deepcopy__")
_PLAIN_DEEPCOPY = {_FIELD_DEEPCOPY}
#: the one type of a dict of fields' keys that _deepcopy_fields() copies itself
_STR_TYPE_ONLY = frozenset({str})


def _copy_plain_field(field, memo):
    """Return copy.deepcopy(field, memo) for a form field copied by
    Field.__deepcopy__ whose widget is copied by Widget.__deepcopy__, both of
    classes _copy_instance() has found plain (their copy is a new instance
    with the same __dict__), neither met before in `memo` nor holding a
    __deepcopy__ of its own; None for any other field (the caller copies it
    the general way).  The copy is what the two hooks make: the field's
    __dict__ with a copy of the widget (its attrs dict copied), of the
    error_messages dict and of the validators list, both remembered in the
    memo.  (copy's keep-alive list is left out: the caller's dict holds
    every original for as long as the memo lives.)"""
    widget = field.__dict__.get("widget")
    cls, widget_class = type(field), type(widget)
    if (cls.__deepcopy__ is not _FIELD_DEEPCOPY
            or widget_class.__deepcopy__ is not _WIDGET_DEEPCOPY
            or cls not in _plain_copy_classes or widget_class not in _plain_copy_classes
            or "__deepcopy__" in field.__dict__ or "__deepcopy__" in widget.__dict__
            or id(field) in memo or id(widget) in memo):
        return None
    result = cls.__new__(cls)
    result.__dict__.update(field.__dict__)
    memo[id(field)] = result
    copied_widget = widget_class.__new__(widget_class)
    copied_widget.__dict__.update(widget.__dict__)
    copied_widget.attrs = widget.attrs.copy()
    memo[id(widget)] = copied_widget
    result.widget = copied_widget
    result.error_messages = field.error_messages.copy()
    result.validators = field.validators[:]
    return result


def _copy_plain_fields(fields):
    """Return _deepcopy_fields(fields) for a dict of fields that
    _copy_plain_field() copies one by one, no two of them the same field and
    no two widgets the same (deepcopy's memo would make each such pair one
    copy), without the memo; None for any other dict (the caller copies it
    field by field).  Equal to copy.deepcopy() in every case it answers
    (tests.test_forms.CopyPlainFieldsTests)."""
    # The fields' classes first, at once: a dict with a ChoiceField (its own
    # __deepcopy__) is declined before anything is copied.
    if not {*map(_deepcopy_of, {*map(type, fields.values())})} <= _PLAIN_DEEPCOPY:
        return None
    copied = {}
    widgets = []
    for name, field in fields.items():
        state = field.__dict__
        widget = state.get("widget")
        cls, widget_class = type(field), type(widget)
        # _copy_plain_field()'s conditions, but for the memo's
        if (cls.__deepcopy__ is not _FIELD_DEEPCOPY
                or widget_class.__deepcopy__ is not _WIDGET_DEEPCOPY
                or cls not in _plain_copy_classes
                or widget_class not in _plain_copy_classes
                or "__deepcopy__" in state or "__deepcopy__" in widget.__dict__):
            return None
        result = copied[name] = cls.__new__(cls)
        result.__dict__.update(state)
        copied_widget = result.widget = widget_class.__new__(widget_class)
        copied_widget.__dict__.update(widget.__dict__)
        copied_widget.attrs = widget.attrs.copy()
        result.error_messages = field.error_messages.copy()
        result.validators = field.validators[:]
        widgets.append(widget)
    if (len({*map(id, fields.values())}) != len(copied)
            or len({*map(id, widgets)}) != len(widgets)):
        return None
    return copied


def _deepcopy_fields(fields):
    """Return copy.deepcopy(fields) for a form's dict of fields (every form
    instance copies its class's): a new dict with the same str keys, by
    _copy_plain_fields() when it can, else each field copied with one memo,
    as deepcopy copies a dict: by _copy_plain_field() when it can, else by
    _deepcopy_with_hook().  Another
    kind of mapping, or a key that is not a str, goes through
    copy.deepcopy()."""
    if type(fields) is not dict or not {*map(type, fields)} <= _STR_TYPE_ONLY:
        return copy.deepcopy(fields)
    copied = _copy_plain_fields(fields)
    if copied is not None:
        return copied
    memo = {}
    copied = memo[id(fields)] = {}
    for name, field in fields.items():
        result = _copy_plain_field(field, memo)
        copied[name] = (result if result is not None
                        else _deepcopy_with_hook(field, memo))
    return copied

class CharField(Field):
    """Text, stripped by default; max_length and min_length give validators
    and the maxlength/minlength attributes."""

    def __init__(self, *, max_length=None, min_length=None, strip=True,
                 empty_value="", **kwargs):
        self.max_length, self.min_length = max_length, min_length
        self.strip, self.empty_value = strip, empty_value
        super().__init__(**kwargs)
        if min_length is not None:
            self.validators.append(MinLengthValidator(int(min_length)))
        if max_length is not None:
            self.validators.append(MaxLengthValidator(int(max_length)))
        self.validators.append(ProhibitNullCharactersValidator())

    def to_python(self, value):
        if value not in self.empty_values:
            value = str(value)
            if self.strip:
                value = value.strip()
        if value in self.empty_values:
            return self.empty_value
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            attrs["maxlength"] = str(self.max_length)
        if self.min_length is not None and not widget.is_hidden:
            attrs["minlength"] = str(self.min_length)
        return attrs
