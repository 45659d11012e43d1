"""The admin's form widgets (django/contrib/admin/widgets.py), built on the
browser's native inputs: <input type=date>, <input type=time>, plain
selects for relations; no JavaScript calendar, no build step.
"""

from djscratch.forms.widgets import (
    DateInput, EmailInput, NumberInput, Select, SelectMultiple, SplitDateTimeWidget,
    Textarea, TextInput, TimeInput, URLInput,
)

__all__ = [
    "AdminDateWidget", "AdminTimeWidget", "AdminSplitDateTime", "AdminTextInputWidget",
    "AdminTextareaWidget", "AdminURLFieldWidget", "AdminIntegerFieldWidget",
    "AdminBigIntegerFieldWidget", "AdminEmailInputWidget", "AdminUUIDInputWidget",
    "AdminRadioSelect", "ForeignKeyRawIdWidget", "ManyToManyRawIdWidget",
    "FilteredSelectMultiple", "AutocompleteSelect", "AutocompleteSelectMultiple",
    "url_params_from_lookup_dict",
]


class AdminDateWidget(DateInput):
    """A native date picker; the value travels as YYYY-MM-DD, which every
    DATE_INPUT_FORMATS default accepts."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        attrs = {"class": "vDateField", "size": "10", **(attrs or {})}
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class AdminTimeWidget(TimeInput):
    """A native time picker with seconds (step=1), HH:MM:SS."""

    input_type = "time"

    def __init__(self, attrs=None, format=None):
        attrs = {"class": "vTimeField", "size": "8", "step": "1", **(attrs or {})}
        super().__init__(attrs=attrs, format=format or "%H:%M:%S")


class AdminSplitDateTime(SplitDateTimeWidget):
    """A date and a time picker posting <name>_0 and <name>_1, as Django's."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [AdminDateWidget(attrs), AdminTimeWidget(attrs)]


class AdminRadioSelect(Select):
    """radio_fields degrade to a select (same value protocol)."""


class AdminTextInputWidget(TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vTextField", **(attrs or {})})


class AdminTextareaWidget(Textarea):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vLargeTextField", **(attrs or {})})


class AdminEmailInputWidget(EmailInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vTextField", **(attrs or {})})


class AdminURLFieldWidget(URLInput):
    def __init__(self, attrs=None, validator_class=None):
        super().__init__(attrs={"class": "vURLField", **(attrs or {})})


class AdminIntegerFieldWidget(NumberInput):
    class_name = "vIntegerField"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": self.class_name, **(attrs or {})})


class AdminBigIntegerFieldWidget(AdminIntegerFieldWidget):
    class_name = "vBigIntegerField"


class AdminUUIDInputWidget(TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vUUIDField", **(attrs or {})})


def url_params_from_lookup_dict(lookups):
    """A ForeignKey's limit_choices_to (a dict) as query parameters: lists
    joined with commas, booleans as 0/1, callables called."""
    params = {}
    if lookups and hasattr(lookups, "items"):
        for k, v in lookups.items():
            if callable(v):
                v = v()
            if isinstance(v, (tuple, list)):
                v = ",".join(str(x) for x in v)
            elif isinstance(v, bool):
                v = ("0", "1")[v]
            else:
                v = str(v)
            params[k] = v
    return params


class ForeignKeyRawIdWidget(TextInput):
    """raw_id_fields: the related object's key typed in a text box."""

    def __init__(self, rel, admin_site, attrs=None, using=None):
        self.rel, self.admin_site, self.db = rel, admin_site, using
        super().__init__(attrs={"class": "vForeignKeyRawIdAdminField",
                                **(attrs or {})})


class ManyToManyRawIdWidget(ForeignKeyRawIdWidget):
    """raw_id_fields on a many-to-many: comma-separated keys."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value.split(",")
        return None

    def format_value(self, value):
        return ",".join(str(v) for v in value) if value else ""


class FilteredSelectMultiple(SelectMultiple):
    """filter_horizontal / filter_vertical degrade to a plain multiple select."""

    def __init__(self, verbose_name, is_stacked, attrs=None, choices=()):
        self.verbose_name, self.is_stacked = verbose_name, is_stacked
        super().__init__(attrs, choices)


class AutocompleteSelect(Select):
    """autocomplete_fields degrade to a select of every choice."""

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None):
        self.field, self.admin_site, self.db = field, admin_site, using
        super().__init__(attrs, choices)


class AutocompleteSelectMultiple(SelectMultiple):
    def __init__(self, field, admin_site, attrs=None, choices=(), using=None):
        self.field, self.admin_site, self.db = field, admin_site, using
        super().__init__(attrs, choices)
