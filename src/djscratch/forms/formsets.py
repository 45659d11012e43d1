"""Formsets (django/forms/formsets.py): many copies of one form,
counted by a hidden management form.
"""

from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ValidationError
from djscratch.core.validators import _PluralMessage
from djscratch.forms.utils import ErrorList, RenderableFormMixin
from djscratch.forms.renderers import get_default_renderer
from djscratch.forms.widgets import HiddenInput, NumberInput
from djscratch.forms.widgets_extra import CheckboxInput
from djscratch.forms.fields_extra import BooleanField, IntegerField
from djscratch.forms.forms import Form

__all__ = [
    "BaseFormSet", "formset_factory", "all_valid",
]


# -- Formsets: many copies of one form, counted by a hidden management form.

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """The hidden TOTAL_FORMS/INITIAL_FORMS/... inputs of a formset."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput)
    INITIAL_FORMS = IntegerField(widget=HiddenInput)
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned_data.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned_data


class BaseFormSet(RenderableFormMixin):
    """A list of forms of one class; see formset_factory()."""

    deletion_widget = CheckboxInput
    ordering_widget = NumberInput
    renderer = None
    default_error_messages = {
        "missing_management_form": (
            "ManagementForm data is missing or has been tampered with. Missing "
            "fields: %(field_names)s. You may need to file a bug report if the issue "
            "persists."),
        "too_many_forms": _PluralMessage("Please submit at most %(num)d form.",
                                         "Please submit at most %(num)d forms.", "num"),
        "too_few_forms": _PluralMessage("Please submit at least %(num)d form.",
                                        "Please submit at least %(num)d forms.", "num"),
    }
    template_name_div = "django/forms/formsets/div.html"
    template_name_p = "django/forms/formsets/p.html"
    template_name_table = "django/forms/formsets/table.html"
    template_name_ul = "django/forms/formsets/ul.html"

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, form_kwargs=None,
                 error_messages=None):
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data = data or {}
        self.files = files or {}
        self.initial = initial
        self.form_kwargs = form_kwargs or {}
        self.error_class = error_class
        self._errors = None
        self._non_form_errors = None
        self.form_renderer = self.renderer
        self.renderer = self.renderer or get_default_renderer()
        messages = {}
        for cls in reversed(type(self).__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        if error_messages is not None:
            messages.update(error_messages)
        self.error_messages = messages

    def __iter__(self):
        return iter(self.forms)

    def __getitem__(self, index):
        return self.forms[index]

    def __len__(self):
        return len(self.forms)

    def __bool__(self):
        return True

    def __repr__(self):
        if self._errors is None:
            is_valid = "Unknown"
        else:
            is_valid = (self.is_bound and not self._non_form_errors
                        and not any(form_errors for form_errors in self._errors))
        return "<%s: bound=%s valid=%s total_forms=%s>" % (
            type(self).__qualname__, self.is_bound, is_valid, self.total_form_count())

    @cached_property
    def management_form(self):
        """Return the ManagementForm (bound to the data when the formset is)."""
        if self.is_bound:
            form = ManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix,
                                  renderer=self.renderer)
            form.full_clean()
        else:
            form = ManagementForm(auto_id=self.auto_id, prefix=self.prefix, initial={
                TOTAL_FORM_COUNT: self.total_form_count(),
                INITIAL_FORM_COUNT: self.initial_form_count(),
                MIN_NUM_FORM_COUNT: self.min_num,
                MAX_NUM_FORM_COUNT: self.max_num,
            }, renderer=self.renderer)
        return form

    def total_form_count(self):
        """Return how many forms the formset has (capped by absolute_max)."""
        if self.is_bound:
            return min(self.management_form.cleaned_data[TOTAL_FORM_COUNT],
                       self.absolute_max)
        initial_forms = self.initial_form_count()
        total_forms = max(initial_forms, self.min_num) + self.extra
        if initial_forms > self.max_num >= 0:
            total_forms = initial_forms
        elif total_forms > self.max_num >= 0:
            total_forms = self.max_num
        return total_forms

    def initial_form_count(self):
        if self.is_bound:
            return self.management_form.cleaned_data[INITIAL_FORM_COUNT]
        return len(self.initial) if self.initial else 0

    @cached_property
    def forms(self):
        return [self._construct_form(i, **self.get_form_kwargs(i))
                for i in range(self.total_form_count())]

    def get_form_kwargs(self, index):
        return self.form_kwargs.copy()

    def _construct_form(self, i, **kwargs):
        defaults = {
            "auto_id": self.auto_id, "prefix": self.add_prefix(i),
            "error_class": self.error_class, "use_required_attribute": False,
            "renderer": self.form_renderer,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs:
            try:
                defaults["initial"] = self.initial[i]
            except IndexError:
                pass
        if i >= self.initial_form_count() and i >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, i)
        return form

    @property
    def initial_forms(self):
        return self.forms[:self.initial_form_count()]

    @property
    def extra_forms(self):
        return self.forms[self.initial_form_count():]

    @property
    def empty_form(self):
        form = self.form(**{
            **self.get_form_kwargs(None), "auto_id": self.auto_id,
            "prefix": self.add_prefix("__prefix__"), "empty_permitted": True,
            "use_required_attribute": False, "renderer": self.form_renderer,
        })
        self.add_fields(form, None)
        return form

    @property
    def cleaned_data(self):
        if not self.is_valid():
            raise AttributeError("'%s' object has no attribute 'cleaned_data'"
                                 % type(self).__name__)
        return [form.cleaned_data for form in self.forms]

    @property
    def deleted_forms(self):
        if not self.is_valid() or not self.can_delete:
            return []
        if not hasattr(self, "_deleted_form_indexes"):
            self._deleted_form_indexes = [
                i for i, form in enumerate(self.forms)
                if not (i >= self.initial_form_count() and not form.has_changed())
                and self._should_delete_form(form)
            ]
        return [self.forms[i] for i in self._deleted_form_indexes]

    @property
    def ordered_forms(self):
        if not self.is_valid() or not self.can_order:
            raise AttributeError("'%s' object has no attribute 'ordered_forms'"
                                 % type(self).__name__)
        if not hasattr(self, "_ordering"):
            self._ordering = []
            for i, form in enumerate(self.forms):
                if i >= self.initial_form_count() and not form.has_changed():
                    continue
                if self.can_delete and self._should_delete_form(form):
                    continue
                self._ordering.append((i, form.cleaned_data[ORDERING_FIELD_NAME]))
            self._ordering.sort(key=lambda k: (1, 0) if k[1] is None else (0, k[1]))
        return [self.forms[i[0]] for i in self._ordering]

    @classmethod
    def get_default_prefix(cls):
        return "form"

    @classmethod
    def get_deletion_widget(cls):
        return cls.deletion_widget

    @classmethod
    def get_ordering_widget(cls):
        return cls.ordering_widget

    def non_form_errors(self):
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors

    @property
    def errors(self):
        if self._errors is None:
            self.full_clean()
        return self._errors

    def total_error_count(self):
        return len(self.non_form_errors()) + sum(len(e) for e in self.errors)

    def _should_delete_form(self, form):
        return form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def is_valid(self):
        """Return True if every form (not marked for deletion) is valid."""
        if not self.is_bound:
            return False
        self.errors
        forms_valid = all([form.is_valid() for form in self.forms
                           if not (self.can_delete and self._should_delete_form(form))])
        return forms_valid and not self.non_form_errors()

    def full_clean(self):
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform",
                                                 renderer=self.renderer)
        empty_forms_count = 0
        if not self.is_bound:
            return
        if not self.management_form.is_valid():
            self._non_form_errors.append(ValidationError(
                self.error_messages["missing_management_form"],
                params={"field_names": ", ".join(
                    self.management_form.add_prefix(name)
                    for name in self.management_form.errors)},
                code="missing_management_form"))
        for i, form in enumerate(self.forms):
            if not form.has_changed() and i >= self.initial_form_count():
                empty_forms_count += 1
            form_errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                continue
            self._errors.append(form_errors)
        try:
            if (self.validate_max and self.total_form_count() - len(self.deleted_forms)
                    > self.max_num) or self.management_form.cleaned_data[
                    TOTAL_FORM_COUNT] > self.absolute_max:
                raise ValidationError(
                    self.error_messages["too_many_forms"] % {"num": self.max_num},
                    code="too_many_forms")
            if (self.validate_min and self.total_form_count() - len(self.deleted_forms)
                    - empty_forms_count < self.min_num):
                raise ValidationError(
                    self.error_messages["too_few_forms"] % {"num": self.min_num},
                    code="too_few_forms")
            self.clean()
        except ValidationError as e:
            self._non_form_errors = self.error_class(
                e.error_list, error_class="nonform", renderer=self.renderer)

    def clean(self):
        """Hook for validation across forms; raise ValidationError."""

    def has_changed(self):
        return any(form.has_changed() for form in self)

    def add_fields(self, form, index):
        """Add the ORDER and DELETE fields when can_order / can_delete."""
        initial_form_count = self.initial_form_count()
        if self.can_order:
            if index is not None and index < initial_form_count:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", initial=index + 1, required=False,
                    widget=self.get_ordering_widget())
            else:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label="Order", required=False, widget=self.get_ordering_widget())
        if self.can_delete and (self.can_delete_extra or (
                index is not None and index < initial_form_count)):
            form.fields[DELETION_FIELD_NAME] = BooleanField(
                label="Delete", required=False, widget=self.get_deletion_widget())

    def add_prefix(self, index):
        return "%s-%s" % (self.prefix, index)

    def is_multipart(self):
        if self.forms:
            return self.forms[0].is_multipart()
        return self.empty_form.is_multipart()

    @property
    def media(self):
        return self.forms[0].media if self.forms else self.empty_form.media

    def get_context(self):
        return {"formset": self}

    @property
    def template_name(self):
        return self.renderer.formset_template_name


def formset_factory(form, formset=BaseFormSet, extra=1, can_order=False,
                    can_delete=False, max_num=None, validate_max=False, min_num=None,
                    validate_min=False, absolute_max=None, can_delete_extra=True,
                    renderer=None):
    """Return a FormSet class for `form`."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("'absolute_max' must be greater or equal to 'max_num'.")
    attrs = {
        "form": form, "extra": extra, "can_order": can_order,
        "can_delete": can_delete, "can_delete_extra": can_delete_extra,
        "min_num": min_num, "max_num": max_num, "absolute_max": absolute_max,
        "validate_min": validate_min, "validate_max": validate_max,
        "renderer": renderer,
    }
    name = form.__name__
    formset_name = name + "Set" if name.endswith("Form") else name + "FormSet"
    return type(formset_name, (formset,), attrs)


def all_valid(formsets):
    """Validate every formset (all of them, no short-circuit)."""
    return all([formset.is_valid() for formset in formsets])
