"""Model forms (django/forms/models.py): ModelForm, the model
choice fields and model formsets.
"""

import djscratch

from djscratch.core.exceptions import (
    FieldError, ImproperlyConfigured, NON_FIELD_ERRORS, ValidationError,
)
from djscratch.core.validators import ProhibitNullCharactersValidator
from djscratch.forms.utils import ErrorList
from djscratch.forms.widgets import HiddenInput
from djscratch.forms.widgets_extra import (
    _normalize_choices, MultipleHiddenInput, RadioSelect, SelectMultiple,
)
from djscratch.forms.fields import Field
from djscratch.forms.fields_extra import ChoiceField
from djscratch.forms.forms import BaseForm, DeclarativeFieldsMetaclass
from djscratch.forms.formsets import BaseFormSet, formset_factory
from djscratch.utils.text import capfirst
from djscratch.utils.choices import BaseChoiceIterator
from djscratch.db.models.related import ForeignKey

__all__ = [
    "ModelChoiceField", "ModelMultipleChoiceField", "ModelChoiceIterator", "ModelForm",
    "BaseModelForm", "modelform_factory", "model_to_dict", "fields_for_model",
    "construct_instance", "BaseModelFormSet", "modelformset_factory",
    "BaseInlineFormSet", "inlineformset_factory", "InlineForeignKeyField",
]


ALL_FIELDS = "__all__"


class ModelChoiceIteratorValue:
    """An option value that remembers its model instance."""

    def __init__(self, value, instance):
        self.value = value
        self.instance = instance

    def __str__(self):
        return str(self.value)

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        if isinstance(other, ModelChoiceIteratorValue):
            other = other.value
        return self.value == other


class ModelChoiceIterator(BaseChoiceIterator):
    """Yield (pk, label) choices from the field's queryset, lazily."""

    def __init__(self, field):
        self.field = field
        self.queryset = field.queryset

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or self.queryset.exists()

    def choice(self, obj):
        return (ModelChoiceIteratorValue(self.field.prepare_value(obj), obj),
                self.field.label_from_instance(obj))


class ModelChoiceField(ChoiceField):
    """One object of `queryset`, chosen by primary key (or to_field_name)."""

    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. That choice is not one of the available choices."),
    }
    iterator = ModelChoiceIterator

    def __init__(self, queryset, *, empty_label="---------", required=True,
                 widget=None, label=None, initial=None, help_text="",
                 to_field_name=None, limit_choices_to=None, blank=False, **kwargs):
        Field.__init__(self, required=required, widget=widget, label=label,
                       initial=initial, help_text=help_text, **kwargs)
        if (required and initial is not None) or (
                isinstance(self.widget, RadioSelect) and not blank):
            self.empty_label = None
        else:
            self.empty_label = empty_label
        self.queryset = queryset
        self.limit_choices_to = limit_choices_to
        self.to_field_name = to_field_name

    def get_limit_choices_to(self):
        if callable(self.limit_choices_to):
            return self.limit_choices_to()
        return self.limit_choices_to

    def __deepcopy__(self, memo):
        result = Field.__deepcopy__(self, memo)
        if self.queryset is not None:
            result.queryset = self.queryset.all()
        return result

    @property
    def queryset(self):
        return self._queryset

    @queryset.setter
    def queryset(self, queryset):
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    def label_from_instance(self, obj):
        """Return the option label for `obj` (str(obj); override to change)."""
        return str(obj)

    @property
    def choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        return self.iterator(self)

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = _normalize_choices(value)

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            if self.to_field_name:
                # The key's value, not the object, when it is a relation (a
                # child model's parent link).
                return value.serializable_value(self.to_field_name)
            return value.pk
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        ProhibitNullCharactersValidator()(value)
        model = self.queryset.model
        try:
            key = self.to_field_name or "pk"
            if isinstance(value, model):
                value = getattr(value, key)
            value = self.queryset.get(**{key: value})
        except (ValueError, TypeError, OverflowError, model.DoesNotExist,
                ValidationError):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})\
                from None
        return value

    def validate(self, value):
        return Field.validate(self, value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    """A queryset of objects from `queryset`, chosen by primary keys."""

    widget = SelectMultiple
    hidden_widget = MultipleHiddenInput
    default_error_messages = {
        "invalid_list": "Enter a list of values.",
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_pk_value": "“%(pk)s” is not a valid value.",
    }

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value):
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list")
        qs = self._check_values(value)
        self.run_validators(value)
        return qs

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list") from None
        for pk in value:
            ProhibitNullCharactersValidator()(pk)
            try:
                self.queryset.filter(**{key: pk})
            except (ValueError, TypeError, OverflowError):
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk})\
                    from None
        qs = self.queryset.filter(**{"%s__in" % key: value})
        pks = {str(getattr(o, key)) for o in qs}
        for val in value:
            if str(val) not in pks:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": val})
        return qs

    def prepare_value(self, value):
        if (hasattr(value, "__iter__") and not isinstance(value, str)
                and not hasattr(value, "_meta")):
            prepare = super().prepare_value
            return [prepare(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return ({str(v) for v in self.prepare_value(initial)}
                != {str(v) for v in data})


def _is_model_field_of(field, *names):
    return any(cls.__name__ in names for cls in type(field).__mro__)


def _save_form_data(field, instance, data):
    """Store a cleaned form value on `instance` with Django's
    Field.save_form_data(), or its plain equivalent if the model field lacks it."""
    if hasattr(field, "save_form_data"):
        field.save_form_data(instance, data)
    elif getattr(field, "many_to_many", False):
        getattr(instance, field.attname if hasattr(field, "attname") else
                field.name).set(data)
    else:
        setattr(instance, field.name, data)


def _value_from_object(field, instance):
    if hasattr(field, "value_from_object"):
        return field.value_from_object(instance)
    if getattr(field, "many_to_many", False):
        return list(getattr(instance, field.name).all()) if instance.pk else []
    return getattr(instance, field.attname)


def construct_instance(form, instance, fields=None, exclude=None):
    """Copy the form's cleaned_data onto `instance` (not saved)."""
    opts = instance._meta
    cleaned_data = form.cleaned_data
    file_fields = []
    for f in opts.fields:
        if (not f.editable or _is_model_field_of(f, "AutoField")
                or f.name not in cleaned_data):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        # A field left out of the POST keeps its model default (checkboxes,
        # which are never "omitted", excepted).
        if (f.has_default() and form[f.name].field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(f.name))
                and cleaned_data.get(f.name) in form[f.name].field.empty_values):
            continue
        if _is_model_field_of(f, "FileField"):
            file_fields.append(f)
        else:
            _save_form_data(f, instance, cleaned_data[f.name])
    for f in file_fields:
        _save_form_data(f, instance, cleaned_data[f.name])
    return instance


def _model_form_fields(opts):
    fields = list(opts.concrete_fields)
    fields += [f for f in getattr(opts, "private_fields", ())
               if hasattr(f, "formfield")]
    fields += list(opts.many_to_many)
    return fields


def model_to_dict(instance, fields=None, exclude=None):
    """Return {field name: value} of an instance's editable fields, as a
    form's `initial`."""
    data = {}
    for f in _model_form_fields(instance._meta):
        if not getattr(f, "editable", False):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        data[f.name] = _value_from_object(f, instance)
    return data


def fields_for_model(model, fields=None, exclude=None, widgets=None,
                     formfield_callback=None, localized_fields=None, labels=None,
                     help_texts=None, error_messages=None, field_classes=None, *,
                     apply_limit_choices_to=True, form_declared_fields=None):
    """Return {name: form field} for a model's editable fields."""
    form_declared_fields = form_declared_fields or {}
    field_dict, ignored = {}, []
    model_fields = _model_form_fields(model._meta)
    try:
        model_fields = sorted(model_fields)
    except TypeError:
        model_fields.sort(key=lambda f: getattr(f, "creation_counter", 0))
    for f in model_fields:
        if not getattr(f, "editable", False):
            if fields is not None and f.name in fields and (
                    exclude is None or f.name not in exclude):
                raise FieldError(
                    "'%s' cannot be specified for %s model form as it is a "
                    "non-editable field" % (f.name, model.__name__))
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        if f.name in form_declared_fields:
            field_dict[f.name] = form_declared_fields[f.name]
            continue
        kwargs = {}
        if widgets and f.name in widgets:
            kwargs["widget"] = widgets[f.name]
        if localized_fields == ALL_FIELDS or (localized_fields
                                              and f.name in localized_fields):
            kwargs["localize"] = True
        if labels and f.name in labels:
            kwargs["label"] = labels[f.name]
        if help_texts and f.name in help_texts:
            kwargs["help_text"] = help_texts[f.name]
        if error_messages and f.name in error_messages:
            kwargs["error_messages"] = error_messages[f.name]
        if field_classes and f.name in field_classes:
            kwargs["form_class"] = field_classes[f.name]
        if formfield_callback is None:
            formfield = f.formfield(**kwargs)
        elif not callable(formfield_callback):
            raise TypeError("formfield_callback must be a function or callable")
        else:
            formfield = formfield_callback(f, **kwargs)
        if formfield:
            if apply_limit_choices_to:
                _apply_limit_choices_to(formfield)
            field_dict[f.name] = formfield
        else:
            ignored.append(f.name)
    if fields:
        field_dict = {f: field_dict.get(f) for f in fields
                      if (not exclude or f not in exclude) and f not in ignored}
    return field_dict


def _apply_limit_choices_to(formfield):
    """Narrow a model choice field's queryset by its limit_choices_to (a
    callable is called each time), through EXISTS as Django, so a condition
    across a relation never repeats a choice."""
    if hasattr(formfield, "queryset") and hasattr(formfield, "get_limit_choices_to"):
        limit = formfield.get_limit_choices_to()
        if limit:
            q_class = djscratch.db.models.expressions.Q
            condition = limit if isinstance(limit, q_class) else q_class(**limit)
            condition &= q_class(pk=djscratch.db.models.expressions.OuterRef("pk"))
            model = formfield.queryset.model
            formfield.queryset = formfield.queryset.filter(
                djscratch.db.models.expressions.Exists(
                    model._base_manager.filter(condition)))


class ModelFormOptions:
    def __init__(self, options=None):
        for name in ("model", "fields", "exclude", "widgets", "localized_fields",
                     "labels", "help_texts", "error_messages", "field_classes",
                     "formfield_callback"):
            setattr(self, name, getattr(options, name, None))


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    """Build a ModelForm's fields from Meta.model, Meta.fields/exclude."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        if bases == (BaseModelForm,):
            return new_class
        # type.__setattr__(), as DeclarativeFieldsMetaclass sets base_fields.
        opts = ModelFormOptions(getattr(new_class, "Meta", None))
        type.__setattr__(new_class, "_meta", opts)
        for opt in ["fields", "exclude", "localized_fields"]:
            value = getattr(opts, opt)
            if isinstance(value, str) and value != ALL_FIELDS:
                raise TypeError(
                    "%(model)s.Meta.%(opt)s cannot be a string. Did you mean to type: "
                    "('%(value)s',)?" % {"model": new_class.__name__, "opt": opt,
                                         "value": value})
        if opts.model:
            if opts.fields is None and opts.exclude is None:
                raise ImproperlyConfigured(
                    "Creating a ModelForm without either the 'fields' attribute or "
                    "the 'exclude' attribute is prohibited; form %s needs updating."
                    % name)
            if opts.fields == ALL_FIELDS:
                opts.fields = None
            fields = fields_for_model(
                opts.model, opts.fields, opts.exclude, opts.widgets,
                opts.formfield_callback, opts.localized_fields, opts.labels,
                opts.help_texts, opts.error_messages, opts.field_classes,
                apply_limit_choices_to=False,
                form_declared_fields=new_class.declared_fields)
            missing = {k for k, v in fields.items() if not v}.difference(
                new_class.declared_fields)
            if missing:
                raise FieldError("Unknown field(s) (%s) specified for %s" % (
                    ", ".join(sorted(missing)), opts.model.__name__))
            fields.update(new_class.declared_fields)
        else:
            fields = new_class.declared_fields
        type.__setattr__(new_class, "base_fields", fields)
        return new_class


class BaseModelForm(BaseForm):
    """A form bound to a model instance (see ModelForm)."""

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, instance=None, use_required_attribute=None,
                 renderer=None):
        opts = self._meta
        if opts.model is None:
            raise ValueError("ModelForm has no model class specified.")
        if instance is None:
            self.instance = opts.model()
            object_data = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, opts.fields, opts.exclude)
        if initial is not None:
            object_data.update(initial)
        self._validate_unique = False
        super().__init__(data, files, auto_id, prefix, object_data, error_class,
                         label_suffix, empty_permitted,
                         use_required_attribute=use_required_attribute,
                         renderer=renderer)
        for formfield in self.fields.values():
            _apply_limit_choices_to(formfield)

    def _get_validation_exclusions(self):
        exclude = set()
        for f in self.instance._meta.fields:
            name = f.name
            if name not in self.fields:
                exclude.add(name)
            elif self._meta.fields and name not in self._meta.fields:
                exclude.add(name)
            elif self._meta.exclude and name in self._meta.exclude:
                exclude.add(name)
            elif name in self._errors:
                exclude.add(name)
            else:
                form_field = self.fields[name]
                value = self.cleaned_data.get(name)
                if not f.blank and not form_field.required and (
                        value in form_field.empty_values):
                    exclude.add(name)
        return exclude

    def clean(self):
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors):
        opts = self._meta
        error_dict = errors.error_dict if hasattr(errors, "error_dict") else {
            NON_FIELD_ERRORS: errors}
        for field, messages in error_dict.items():
            if (field == NON_FIELD_ERRORS and opts.error_messages
                    and NON_FIELD_ERRORS in opts.error_messages):
                error_messages = opts.error_messages[NON_FIELD_ERRORS]
            elif field in self.fields:
                error_messages = self.fields[field].error_messages
            else:
                continue
            for message in messages:
                if isinstance(message, ValidationError) and (
                        message.code in error_messages):
                    message.message = error_messages[message.code]
        self.add_error(None, errors)

    def _post_clean(self):
        opts = self._meta
        exclude = self._get_validation_exclusions()
        # An inline's foreign key is not validated as a value: the parent may
        # not be saved yet (it is, before the formset saves).  It still takes
        # part in the uniqueness checks.
        exclude |= {name for name, field in self.fields.items()
                    if isinstance(field, InlineForeignKeyField)}
        try:
            self.instance = construct_instance(self, self.instance, opts.fields,
                                               opts.exclude)
        except ValidationError as e:
            self._update_errors(e)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as e:
            self._update_errors(e)
        if self._validate_unique:
            self.validate_unique()

    def validate_unique(self):
        """Run the instance's validate_unique() and record its errors."""
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions())
        except ValidationError as e:
            self._update_errors(e)

    def _save_m2m(self):
        cleaned_data = self.cleaned_data
        exclude, fields = self._meta.exclude, self._meta.fields
        opts = self.instance._meta
        for f in list(opts.many_to_many) + list(getattr(opts, "private_fields", ())):
            if not (hasattr(f, "save_form_data") or getattr(f, "many_to_many", False)):
                continue
            if fields and f.name not in fields:
                continue
            if exclude and f.name in exclude:
                continue
            if f.name in cleaned_data:
                _save_form_data(f, self.instance, cleaned_data[f.name])

    def save(self, commit=True):
        """Save the instance (and its many-to-many data) and return it.

        With commit=False the instance is returned unsaved and the form gets
        a save_m2m() method to call after saving it.
        """
        if self.errors:
            raise ValueError(
                "The %s could not be %s because the data didn't validate." % (
                    self.instance._meta.object_name,
                    "created" if self.instance._state.adding else "changed"))
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance

    save.alters_data = True


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    """A Form whose fields come from a model (class Meta: model, fields)."""


def modelform_factory(model, form=ModelForm, fields=None, exclude=None,
                      formfield_callback=None, widgets=None, localized_fields=None,
                      labels=None, help_texts=None, error_messages=None,
                      field_classes=None):
    """Return a ModelForm class for `model`."""
    attrs = {"model": model}
    for name, value in (("fields", fields), ("exclude", exclude),
                        ("widgets", widgets), ("localized_fields", localized_fields),
                        ("labels", labels), ("help_texts", help_texts),
                        ("error_messages", error_messages),
                        ("field_classes", field_classes)):
        if value is not None:
            attrs[name] = value
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    Meta = type("Meta", bases, attrs)
    if formfield_callback:
        Meta.formfield_callback = staticmethod(formfield_callback)
    if getattr(Meta, "fields", None) is None and getattr(Meta, "exclude", None) is None:
        raise ImproperlyConfigured("Calling modelform_factory without defining "
                                   "'fields' or 'exclude' explicitly is prohibited.")
    return type(form)(model.__name__ + "Form", (form,), {"Meta": Meta})


class BaseModelFormSet(BaseFormSet):
    """A formset editing the objects of a queryset (plus extra new ones)."""

    model = None
    edit_only = False
    unique_fields = set()

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 queryset=None, *, initial=None, **kwargs):
        self.queryset = queryset
        self.initial_extra = initial
        super().__init__(data=data, files=files, auto_id=auto_id, prefix=prefix,
                         **kwargs)

    def initial_form_count(self):
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk):
        if not hasattr(self, "_object_dict"):
            self._object_dict = {o.pk: o for o in self.get_queryset()}
        return self._object_dict.get(pk)

    def _get_to_python(self, field):
        while field.remote_field is not None:
            field = field.remote_field.get_related_field()
        return field.to_python

    def _construct_form(self, i, **kwargs):
        pk_required = i < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_key = "%s-%s" % (self.add_prefix(i), self.model._meta.pk.name)
                try:
                    pk = self.data[pk_key]
                except KeyError:
                    pass
                else:
                    try:
                        pk = self.model._meta.pk.to_python(pk)
                    except ValidationError:
                        pass
                    else:
                        kwargs["instance"] = self._existing_object(pk)
            else:
                kwargs["instance"] = self.get_queryset()[i]
        elif self.initial_extra:
            try:
                kwargs["initial"] = self.initial_extra[i - self.initial_form_count()]
            except IndexError:
                pass
        form = super()._construct_form(i, **kwargs)
        if pk_required:
            form.fields[self.model._meta.pk.name].required = True
        return form

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            qs = self.queryset if self.queryset is not None else (
                self.model._default_manager.get_queryset())
            if not qs.ordered:
                qs = qs.order_by(self.model._meta.pk.name)
            self._queryset = list(qs)
        return self._queryset

    def clean(self):
        self.validate_unique()

    def validate_unique(self):
        """Refuse two forms carrying the same values for a unique field (or
        unique_together set); each offending form gets a non-field error."""
        forms_to_delete = self.deleted_forms
        valid_forms = [form for form in self.forms
                       if form.is_valid() and form not in forms_to_delete]
        all_unique_checks, all_date_checks = set(), set()
        for form in valid_forms:
            exclude = form._get_validation_exclusions()
            unique_checks, date_checks = form.instance._get_unique_checks(
                exclude=exclude, include_meta_constraints=True)
            all_unique_checks.update(unique_checks)
            all_date_checks.update(date_checks)
        errors = []
        for _model, unique_check in sorted(all_unique_checks, key=lambda c: c[1]):
            seen = set()
            for form in valid_forms:
                row = tuple(
                    value.pk if hasattr(value, "_meta") else _hashable(value)
                    for value in (form.cleaned_data[name] for name in unique_check
                                  if name in form.cleaned_data))
                if row and None not in row:
                    if row in seen:
                        errors.append(self.get_unique_error_message(unique_check))
                        form._errors[NON_FIELD_ERRORS] = self.error_class(
                            [self.get_form_error()], renderer=self.renderer)
                        for name in unique_check:
                            form.cleaned_data.pop(name, None)
                    seen.add(row)
        errors += self._date_check_errors(valid_forms, all_date_checks)
        if errors:
            raise ValidationError(errors)

    def get_unique_error_message(self, unique_check):
        if len(unique_check) == 1:
            return "Please correct the duplicate data for %(field)s." % {
                "field": unique_check[0]}
        names = list(unique_check)
        return ("Please correct the duplicate data for %(field)s, which must be "
                "unique." % {"field": "%s and %s" % (", ".join(names[:-1]), names[-1])})

    def _date_check_errors(self, valid_forms, date_checks):
        """unique_for_date/_month/_year across the forms: the second form with
        the same value in the same period gets the error."""
        errors = []
        for date_check in sorted(date_checks, key=lambda c: c[1:]):
            _model, lookup, field, unique_for = date_check
            seen = set()
            for form in valid_forms:
                data = getattr(form, "cleaned_data", {})
                if data.get(field) is None or data.get(unique_for) is None:
                    continue
                date = data[unique_for]
                # As Django: the day, or the month (of any year) or the year.
                period = (date.year, date.month, date.day) if lookup == "date" \
                    else (getattr(date, lookup),)
                row = (data[field],) + period
                if row in seen:
                    errors.append(self.get_date_error_message(date_check))
                    form._errors[NON_FIELD_ERRORS] = self.error_class(
                        [self.get_form_error()], renderer=self.renderer)
                    del form.cleaned_data
                    break
                seen.add(row)
        return errors

    def get_date_error_message(self, date_check):
        return ("Please correct the duplicate data for %(field_name)s which must be "
                "unique for the %(lookup)s in %(date_field)s." % {
                    "field_name": date_check[2], "date_field": date_check[3],
                    "lookup": str(date_check[1])})

    def get_form_error(self):
        return "Please correct the duplicate values below."

    def save_new(self, form, commit=True):
        return form.save(commit=commit)

    def save_existing(self, form, obj, commit=True):
        return form.save(commit=commit)

    def delete_existing(self, obj, commit=True):
        if commit:
            obj.delete()

    def save(self, commit=True):
        """Save changed and new objects (and delete those marked DELETE)."""
        if not commit:
            self.saved_forms = []

            def save_m2m():
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        if self.edit_only:
            return self.save_existing_objects(commit)
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    save.alters_data = True

    def save_existing_objects(self, commit=True):
        self.changed_objects, self.deleted_objects = [], []
        if not self.initial_forms:
            return []
        saved = []
        for form in self.initial_forms:
            obj = form.instance
            # An instance the formset did not fetch: its primary key came from
            # the form (forged, outside the queryset, or an edit-only formset
            # asked to create); or the row is gone (CVE-2026-87975).
            if obj.pk is None or obj._state.adding:
                continue
            if form in self.deleted_forms:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit=True):
        self.new_objects = []
        for form in self.extra_forms:
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def add_fields(self, form, index):
        """Add a hidden primary key field to every form, unless the form
        already edits the primary key (a natural key listed in `fields`)."""
        pk = self.model._meta.pk
        if not _pk_is_not_editable(pk) and pk.name in form.fields:
            super().add_fields(form, index)
            return
        if form.is_bound:
            pk_value = None if form.instance._state.adding else form.instance.pk
        elif index is not None:
            pk_value = self.get_queryset()[index].pk if (
                index < self.initial_form_count()) else None
        else:
            pk_value = None
        qs = self.model._default_manager.get_queryset()
        if pk.remote_field is not None:  # a OneToOneField primary key
            qs = pk.remote_field.model._default_manager.get_queryset()
        form.fields[pk.name] = ModelChoiceField(qs, initial=pk_value, required=False,
                                                widget=HiddenInput)
        super().add_fields(form, index)


def _pk_is_not_editable(pk):
    """True if a formset must add the primary key field itself: not
    editable, automatic, or a parent link to such a key (Django's rule)."""
    if not pk.editable or pk.auto_created or isinstance(
            pk, djscratch.db.models.fields.AutoField):
        return True
    remote = pk.remote_field
    return bool(remote is not None and getattr(remote, "parent_link", False)
                and _pk_is_not_editable(remote.model._meta.pk))


def _hashable(value):
    """Return `value` made hashable (lists become tuples, dicts sorted items)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, set, frozenset)):
        return tuple(_hashable(v) for v in value)
    return value


def modelformset_factory(model, form=ModelForm, formfield_callback=None,
                         formset=BaseModelFormSet, extra=1, can_delete=False,
                         can_order=False, max_num=None, fields=None, exclude=None,
                         widgets=None, validate_max=False, localized_fields=None,
                         labels=None, help_texts=None, error_messages=None,
                         min_num=None, validate_min=False, field_classes=None,
                         absolute_max=None, can_delete_extra=True, renderer=None,
                         edit_only=False):
    """Return a FormSet class editing `model` objects."""
    meta = getattr(form, "Meta", None)
    if (getattr(meta, "fields", fields) is None
            and getattr(meta, "exclude", exclude) is None):
        raise ImproperlyConfigured("Calling modelformset_factory without defining "
                                   "'fields' or 'exclude' explicitly is prohibited.")
    form = modelform_factory(model, form=form, fields=fields, exclude=exclude,
                             formfield_callback=formfield_callback, widgets=widgets,
                             localized_fields=localized_fields, labels=labels,
                             help_texts=help_texts, error_messages=error_messages,
                             field_classes=field_classes)
    FormSet = formset_factory(form, formset, extra=extra, min_num=min_num,
                              max_num=max_num, can_order=can_order,
                              can_delete=can_delete, validate_min=validate_min,
                              validate_max=validate_max, absolute_max=absolute_max,
                              can_delete_extra=can_delete_extra, renderer=renderer)
    FormSet.model = model
    FormSet.edit_only = edit_only
    return FormSet


# -- Inline formsets: the child objects of one parent instance.

class InlineForeignKeyField(Field):
    """The hidden foreign key of an inline form: its value must be the
    parent's key; it cleans to the parent instance."""

    widget = HiddenInput
    default_error_messages = {
        "invalid_choice": "The inline value did not match the parent instance.",
    }

    def __init__(self, parent_instance, *args, pk_field=False, to_field=None,
                 **kwargs):
        self.parent_instance = parent_instance
        self.pk_field = pk_field
        self.to_field = to_field
        if parent_instance is not None:
            kwargs["initial"] = (getattr(parent_instance, to_field) if to_field
                                 else parent_instance.pk)
        kwargs["required"] = False
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value in self.empty_values:
            return None if self.pk_field else self.parent_instance
        orig = (getattr(self.parent_instance, self.to_field) if self.to_field
                else self.parent_instance.pk)
        if str(value) != str(orig):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice")
        return self.parent_instance

    def has_changed(self, initial, data):
        return False


class BaseInlineFormSet(BaseModelFormSet):
    """A formset for the objects whose foreign key `fk` points at `instance`."""

    def __init__(self, data=None, files=None, instance=None, save_as_new=False,
                 prefix=None, queryset=None, **kwargs):
        self.instance = self.fk.remote_field.model() if instance is None else instance
        self.save_as_new = save_as_new
        if queryset is None:
            queryset = self.model._default_manager
        if self.instance.pk is not None:
            qs = queryset.filter(**{self.fk.name: self.instance})
        else:
            qs = queryset.none()
        self.unique_fields = {self.fk.name}
        super().__init__(data, files, prefix=prefix, queryset=qs, **kwargs)
        # The foreign key takes part in validation even if Meta.fields omits it.
        fields = self.form._meta.fields
        if fields and fields != ALL_FIELDS and self.fk.name not in fields:
            self.form._meta.fields = [*fields, self.fk.name]

    def initial_form_count(self):
        return 0 if self.save_as_new else super().initial_form_count()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.save_as_new:
            mutable = getattr(form.data, "_mutable", None)
            if mutable is not None:
                form.data._mutable = True
            # Saving as new: every form makes a new object of a new parent.
            form.data[form.add_prefix(self.model._meta.pk.name)] = None
            form.data[form.add_prefix(self.fk.name)] = None
            if mutable is not None:
                form.data._mutable = mutable
        fk_value = self.instance.pk
        to_name = self.fk.remote_field.field_name
        if to_name and to_name != self.fk.remote_field.model._meta.pk.name:
            fk_value = getattr(self.instance, to_name)
            fk_value = getattr(fk_value, "pk", fk_value)
        setattr(form.instance, self.fk.attname, fk_value)
        return form

    @classmethod
    def get_default_prefix(cls):
        rel = cls.fk.remote_field
        # A hidden relation (an auto-created m2m through model's "Book_authors+")
        # has no accessor; Django's prefix is then its related_name without "+".
        name = rel.get_accessor_name(model=cls.model) or rel.related_name or ""
        return name.replace("+", "")

    def save_new(self, form, commit=True):
        # The parent may have been saved (given its key) since the formset
        # was built.
        setattr(form.instance, self.fk.name, self.instance)
        return super().save_new(form, commit=commit)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_field = self.model._meta.pk
        if pk_field is self.fk:
            name, kwargs = pk_field.name, {"pk_field": True}
        else:
            name = self.fk.name
            kwargs = {"label": getattr(form.fields.get(name), "label",
                                       capfirst(self.fk.verbose_name))}
        to_name = self.fk.remote_field.field_name
        if to_name and to_name != self.fk.remote_field.model._meta.pk.name:
            kwargs["to_field"] = to_name
        if self.instance._state.adding:
            # A new parent's generated key (a default) is made again when it
            # is saved: the inline forms must not hold this one.
            to_field = self.instance._meta.get_field(kwargs["to_field"]) if \
                kwargs.get("to_field") is not None else self.instance._meta.pk
            if to_field.has_default() and (
                    to_field.attname == self.fk.remote_field.model._meta.pk.name
                    or not form.data):
                setattr(self.instance, to_field.attname, None)
        form.fields[name] = InlineForeignKeyField(self.instance, **kwargs)

    def get_unique_error_message(self, unique_check):
        unique_check = [name for name in unique_check if name != self.fk.name]
        return super().get_unique_error_message(unique_check)


def _points_to_parent(fk, parent_model):
    """Whether a foreign key targets `parent_model`, one of its parents, or a
    proxy of one of them."""
    target = fk.remote_field.model
    if not isinstance(target, type):
        return False
    if issubclass(parent_model, target):
        return True
    return bool(target._meta.proxy) and issubclass(parent_model,
                                                   target._meta.proxy_for_model)


def _get_foreign_key(parent_model, model, fk_name=None, can_fail=False):
    """Return the ForeignKey from `model` to `parent_model` (named `fk_name`
    if given); None when there is none and `can_fail`, else ValueError."""
    opts = model._meta
    if fk_name:
        fks_to_parent = [f for f in opts.fields if f.name == fk_name]
        if len(fks_to_parent) == 1:
            fk = fks_to_parent[0]
            if not isinstance(fk, ForeignKey) or not _points_to_parent(fk,
                                                                       parent_model):
                raise ValueError("fk_name '%s' is not a ForeignKey to '%s'."
                                 % (fk_name, parent_model._meta.label))
            return fk
        raise ValueError("'%s' has no field named '%s'."
                         % (model._meta.label, fk_name))
    fks_to_parent = [
        f for f in opts.fields
        if isinstance(f, ForeignKey) and isinstance(f.remote_field.model, type)
        and _points_to_parent(f, parent_model)]
    if len(fks_to_parent) == 1:
        return fks_to_parent[0]
    if not fks_to_parent:
        if can_fail:
            return None
        raise ValueError("'%s' has no ForeignKey to '%s'."
                         % (model._meta.label, parent_model._meta.label))
    raise ValueError("'%s' has more than one ForeignKey to '%s'. You must specify "
                     "a 'fk_name' attribute."
                     % (model._meta.label, parent_model._meta.label))


def inlineformset_factory(parent_model, model, form=ModelForm,
                          formset=BaseInlineFormSet, fk_name=None, fields=None,
                          exclude=None, extra=3, can_order=False, can_delete=True,
                          max_num=None, formfield_callback=None, widgets=None,
                          validate_max=False, localized_fields=None, labels=None,
                          help_texts=None, error_messages=None, min_num=None,
                          validate_min=False, field_classes=None, absolute_max=None,
                          can_delete_extra=True, renderer=None, edit_only=False):
    """Return an inline formset class over the `model` objects of one
    `parent_model` instance."""
    fk = _get_foreign_key(parent_model, model, fk_name=fk_name)
    if fk.unique:
        max_num = 1  # a one-to-one child: at most one form
    FormSet = modelformset_factory(
        model, form=form, formfield_callback=formfield_callback, formset=formset,
        extra=extra, can_delete=can_delete, can_order=can_order, fields=fields,
        exclude=exclude, min_num=min_num, max_num=max_num, widgets=widgets,
        validate_min=validate_min, validate_max=validate_max,
        localized_fields=localized_fields, labels=labels, help_texts=help_texts,
        error_messages=error_messages, field_classes=field_classes,
        absolute_max=absolute_max, can_delete_extra=can_delete_extra,
        renderer=renderer, edit_only=edit_only)
    FormSet.fk = fk
    return FormSet
