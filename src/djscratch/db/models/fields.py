"""Model fields (django/db/models/fields/__init__.py): each knows
its column and converts values between Python and SQLite.  The fields most
models use are here, the others in db/models/fields_extra.py (built on first
use).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.expressions.
import datetime
import djscratch

from djscratch.utils.functional import cached_property, Promise
from djscratch.utils.module_loading import _written_for_django
from djscratch.core.exceptions import ValidationError
from djscratch.conf import settings
from djscratch.utils.timezone import (
    get_default_timezone, is_aware, localdate, make_aware, make_naive, now,
)
from djscratch.utils.dateparse import (
    parse_date, parse_datetime,
)
from djscratch.db.utils import _router, connections
from djscratch.db.utils_extra import UnstorableValueError
from djscratch.db.backends.sqlite import (
    _sqlite_integer_range, DatabaseWrapper, quote_name,
)
from djscratch.utils.choices import (
    BlankChoiceIterator, flatten_choices, normalize_choices,
)
from djscratch.db.models.query_utils import RegisterLookupMixin

__all__ = [
    "NOT_PROVIDED", "Field", "AutoField", "BigAutoField", "CharField", "TextField",
    "IntegerField", "DateField", "DateTimeField",
]


class NOT_PROVIDED:
    """Marks an option that was not given (e.g. a field without a default)."""


BLANK_CHOICE_DASH = [("", "---------")]


class DeferredAttribute:
    """Class attribute of each concrete field: loads a deferred value on access.

    It is a non-data descriptor, so a loaded value in the instance __dict__ is
    found first and reading a field costs a plain dict lookup.
    """

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        name = self.field.attname
        if name not in instance.__dict__:
            value = self._check_parent_chain(instance)
            if value is not None:
                instance.__dict__[name] = value
                return value
            if instance.pk is None and not self.field.primary_key:
                if self.field.generated:
                    raise AttributeError(
                        "Cannot read a generated field from an unsaved model.")
                raise AttributeError(name)
            instance.refresh_from_db(fields=[name])
        return instance.__dict__[name]

    def _check_parent_chain(self, instance):
        """A parent's primary key equals the loaded link to it (multi-table
        inheritance): no query for it, as in Django."""
        if not self.field.primary_key:
            return None
        link = instance._meta.get_ancestor_link(self.field.model)
        if link is None or link is self.field:
            return None
        return instance.__dict__.get(link.attname)


#: Field class -> the internal type it stores as (see Field.get_internal_type).
_INTERNAL_TYPES = {}


def _db_prep_save_of(field):
    """field.get_db_prep_save as a call of one value.  An application's field
    may override it with Django's signature, where the connection is
    required (django-model-utils' fields): it gets the default one."""
    method = type(field).get_db_prep_save
    if getattr(method, "__module__", "").startswith("djscratch"):
        return field.get_db_prep_save
    return lambda value: field.get_db_prep_save(value, connections["default"])


#: A field class -> whether lookups prepare values with its own methods.
_LOOKUP_PREPARERS = {}


def _custom_lookup_value(field, value, connection):
    """`value` through `field`'s get_prep_value() and get_db_prep_value(
    prepared=True), as Django's lookups prepare it, when field's class was
    written for Django and overrides either (decided once per class); else
    unchanged (the compiler prepares values for djscratch's own fields)."""
    cls = type(field)
    custom = _LOOKUP_PREPARERS.get(cls)
    if custom is None:
        custom = _LOOKUP_PREPARERS[cls] = any(
            _written_for_django(getattr(cls, name))
            for name in ("get_prep_value", "get_db_prep_value"))
    if not custom:
        return value
    return field.get_db_prep_value(field.get_prep_value(value), connection,
                                   prepared=True)


class Field(RegisterLookupMixin):
    """Base of every model field; subclasses set the type and conversions."""

    empty_strings_allowed = True
    empty_values = [None, "", [], (), {}]
    creation_counter = 0
    auto_creation_counter = -1
    default_validators = []
    default_error_messages = {
        "invalid_choice": "Value %(value)r is not a valid choice.",
        "null": "This field cannot be null.",
        "blank": "This field cannot be blank.",
        "unique": "%(model_name)s with this %(field_label)s already exists.",
        "unique_for_date": "%(field_label)s must be unique for %(date_field_label)s "
                           "%(lookup_type)s.",
    }
    is_relation = False
    many_to_many = None
    many_to_one = None
    one_to_many = None
    one_to_one = None
    related_model = None
    remote_field = None
    hidden = False
    generated = False
    descriptor_class = DeferredAttribute
    #: True when values need no conversion on their way to and from SQLite.
    _plain_db_value = False

    #: A field class kept only for old migrations sets these dicts (msg, hint,
    #: id) and its check() reports it: deprecated (a warning), removed (an error).
    system_check_deprecated_details = None
    system_check_removed_details = None

    @property
    def description(self):
        """What the field holds, for admindocs (subclasses set a string)."""
        return "Field of type: %(field_type)s" % {
            "field_type": self.__class__.__name__}

    def __init__(self, verbose_name=None, name=None, primary_key=False,
                 max_length=None, unique=False, blank=False, null=False,
                 db_index=False, rel=None, default=NOT_PROVIDED, editable=True,
                 serialize=True, unique_for_date=None, unique_for_month=None,
                 unique_for_year=None, choices=None, help_text="", db_column=None,
                 db_tablespace=None, auto_created=False, validators=(),
                 error_messages=None, db_comment=None, db_default=NOT_PROVIDED):
        self.name = name
        self.verbose_name = verbose_name
        self._verbose_name = verbose_name
        self.primary_key = primary_key
        self.max_length = max_length
        self._unique = unique
        self.blank = blank
        self.null = null
        self.remote_field = rel
        self.is_relation = self.remote_field is not None
        self.default = default
        self.db_default = db_default
        self.editable = editable
        self.serialize = serialize
        self.unique_for_date = unique_for_date
        self.unique_for_month = unique_for_month
        self.unique_for_year = unique_for_year
        self.choices = choices
        self.help_text = help_text
        self.db_index = db_index
        self.db_column = db_column
        self.db_tablespace = db_tablespace
        self.db_comment = db_comment
        self.auto_created = auto_created
        self._validators = list(validators)
        self._error_messages = error_messages
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1
        messages = {}
        for c in reversed(type(self).__mro__):
            messages.update(getattr(c, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.model = None
        self.attname = self.column = None
        self.concrete = False

    def check(self, **kwargs):
        """The field's system checks: deprecation, and the backends' own
        checks of its type on the databases the run names."""
        return [*self._check_deprecation_details(),
                *self._check_backend_specific_checks(**kwargs)]

    def _check_deprecation_details(self):
        name = self.__class__.__name__
        removed = self.system_check_removed_details
        if removed is not None:
            return [djscratch.core.checks.messages.Error(
                removed.get("msg", "%s has been removed except for support in "
                                   "historical migrations." % name),
                hint=removed.get("hint"), obj=self,
                id=removed.get("id", "fields.EXXX"))]
        deprecated = self.system_check_deprecated_details
        if deprecated is not None:
            return [djscratch.core.checks.messages.Warning(
                deprecated.get("msg", "%s has been deprecated." % name),
                hint=deprecated.get("hint"), obj=self,
                id=deprecated.get("id", "fields.WXXX"))]
        return []

    def _check_backend_specific_checks(self, databases=None, **kwargs):
        model = getattr(self, "model", None)
        if not databases or model is None:
            return []
        errors = []
        for alias in databases:
            if _router.allow_migrate_model(alias, model):
                errors.extend(connections[alias].validation
                              .check_field(self, **kwargs))
        return errors

    #: The Django module a built-in field class lives in (its repr, deconstruct).
    _django_module = "django.db.models.fields"

    def _class_path(self):
        """module.QualName as Django's: its module for a built-in field."""
        module = type(self).__module__
        if module == "djscratch" or module.startswith("djscratch."):
            module = type(self)._django_module
        return "%s.%s" % (module, type(self).__qualname__)

    def __repr__(self):
        path = self._class_path()
        if self.name is not None:
            return "<%s: %s>" % (path, self.name)
        return "<%s>" % path

    def __str__(self):
        if self.model is None:
            return repr(self)
        return "%s.%s" % (self.model._meta.label, self.name)

    @cached_property
    def _get_default(self):
        """The callable giving the default (Django caches it on the field)."""
        return self.get_default

    def __eq__(self, other):
        # The same declaration on the same model (an abstract model's field
        # copied into two models makes two different fields), as Django.
        if isinstance(other, Field):
            return self.creation_counter == other.creation_counter and \
                self.model == other.model
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, Field):
            if self.creation_counter != other.creation_counter or (
                    self.model is None and other.model is None):
                return self.creation_counter < other.creation_counter
            if (self.model is None) != (other.model is None):
                return self.model is None  # fields without a model first
            return (self.model._meta.app_label or "", self.model._meta.model_name) < (
                other.model._meta.app_label or "", other.model._meta.model_name)
        return NotImplemented

    def __hash__(self):
        return hash(self.creation_counter)

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        if self.remote_field is not None:
            obj.remote_field = copy.copy(self.remote_field)
            obj.remote_field.field = obj
        memo[id(self)] = obj
        return obj

    def clone(self):
        import copy

        return copy.deepcopy(self)

    def deconstruct(self):
        """(name, import path, args, kwargs) recreating the field, as Django:
        only the options that differ from their defaults."""
        kwargs = {}
        for option, default in _DECONSTRUCT_DEFAULTS.items():
            value = getattr(self, _DECONSTRUCT_ATTRS.get(option, option))
            if option == "choices" and value is not None and not isinstance(
                    value, (str, bytes)):
                value = list(value)
            if option in ("choices", "validators"):
                if value != default:
                    kwargs[option] = value
            elif value is not default:
                kwargs[option] = value
        path = self._class_path()
        if path.startswith("django.db.models.fields"):
            path = "django.db.models." + path.rsplit(".", 1)[1]
        return self.name, path, [], kwargs

    # -- set up

    @property
    def unique(self):
        return self._unique or self.primary_key

    def get_attname(self):
        return self.name

    def get_attname_column(self):
        attname = self.get_attname()
        return attname, self.db_column or attname

    def set_attributes_from_name(self, name):
        self.name = self.name or name
        self.attname, self.column = self.get_attname_column()
        self.concrete = self.column is not None
        if self.verbose_name is None and self.name:
            self.verbose_name = self.name.replace("_", " ")

    def get_filter_kwargs_for_object(self, obj):
        """The filter() keywords selecting the rows with obj's value here."""
        return {self.name: getattr(obj, self.attname)}

    def contribute_to_class(self, cls, name, private_only=False):
        """Attach the field to model `cls` under `name` (metaclass step)."""
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self, private=private_only)
        if self.column and not hasattr(cls, self.attname) or (
                self.column and not isinstance(cls.__dict__.get(self.attname),
                                               DeferredAttribute)
                and self.attname not in cls.__dict__):
            setattr(cls, self.attname, self.descriptor_class(self))
        display = "get_%s_display" % self.name
        if self.choices is not None and display not in cls.__dict__:
            field = self

            def get_display(instance):
                return instance._get_FIELD_display(field)

            get_display.__name__ = "get_%s_display" % self.name
            setattr(cls, "get_%s_display" % self.name, get_display)

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        # Lists of pairs; a callable stays lazy (CallableChoiceIterator).
        self._choices = normalize_choices(value)

    @property
    def flatchoices(self):
        return list(flatten_choices(self.choices))

    def get_choices(self, include_blank=True, blank_choice=BLANK_CHOICE_DASH,
                    limit_choices_to=None, ordering=()):
        if self.choices is not None:
            # Lazy, as Django: callable choices are asked for when iterated.
            if include_blank:
                return BlankChoiceIterator(self.choices, blank_choice)
            return self.choices
        rel = self.remote_field
        # The value of a choice: the field the relation targets (a
        # many-to-many's is the related model's primary key).
        attname = (rel.get_related_field().attname
                   if hasattr(rel, "get_related_field") else "pk")
        objs = rel.model._default_manager.complex_filter(
            limit_choices_to or self.get_limit_choices_to())
        if ordering:  # else the related model's Meta.ordering
            objs = objs.order_by(*ordering)
        return (blank_choice if include_blank else []) + [
            (getattr(o, attname), str(o)) for o in objs]

    # -- database types

    def get_internal_type(self):
        # Django's built-in fields each return their own name, so a subclass
        # (class CreatedField(DateTimeField)) stores as its built-in base.
        cls = type(self)
        internal = _INTERNAL_TYPES.get(cls)
        if internal is None:
            internal = next((base.__name__ for base in cls.__mro__
                             if base.__name__ in DatabaseWrapper.data_types),
                            cls.__name__)
            _INTERNAL_TYPES[cls] = internal
        return internal

    def db_type(self, connection=None):
        data = {"max_length": self.max_length, "column": self.column}
        template = DatabaseWrapper.data_types.get(self.get_internal_type())
        if template is None:
            return None
        return template % data

    def rel_db_type(self, connection=None):
        return self.db_type(connection)

    def db_check(self, connection=None):
        template = DatabaseWrapper.data_type_check_constraints.get(
            self.get_internal_type())
        # The templates put the column inside double quotes: double its own.
        column = self.column.replace('"', '""')
        return template % {"column": column} if template else None

    def db_parameters(self, connection=None):
        return {"type": self.db_type(connection), "check": self.db_check(connection)}

    # -- values

    def has_default(self):
        return self.default is not NOT_PROVIDED

    def has_db_default(self):
        return self.db_default is not NOT_PROVIDED

    @property
    def db_returning(self):
        """Whether an INSERT reads the column back (a database default)."""
        return self.has_db_default()

    @cached_property
    def _db_default_expression(self):
        """db_default as an expression (a constant becomes a Value)."""
        db_default = self.db_default
        if self.has_db_default() and not isinstance(
                db_default, djscratch.db.models.expressions.Expression):
            db_default = djscratch.db.models.expressions.Value(db_default, self)
        return db_default

    def get_default(self):
        """Return the default value (calling a callable default); with only
        a db_default, a DatabaseDefault the INSERT writes."""
        if self.has_default():
            if callable(self.default):
                return self.default()
            return self.default
        if self.has_db_default():
            return djscratch.db.models.expressions.DatabaseDefault(
                self._db_default_expression, output_field=self)
        if not self.empty_strings_allowed or self.null:
            return None
        return ""

    def to_python(self, value):
        """Convert a value from a form, a string or the database to Python."""
        return value

    def get_prep_value(self, value):
        """Prepare a Python value for a query (before database adaptation)."""
        if isinstance(value, Promise):
            # The lazy object's value, of its own type (a lazy int stays an int).
            for attr in ("_proxy____cast", "_value"):
                if hasattr(value, attr):
                    return getattr(value, attr)()
            return str(value)
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def get_db_prep_save(self, value, connection=None):
        return self.get_db_prep_value(value, connection, prepared=False)

    def _fast_db_prep_save(self):
        """Return get_db_prep_save, or a quicker equivalent (for save paths)."""
        return _db_prep_save_of(self)

    def pre_save(self, model_instance, add):
        """Return the value to save (auto_now fields update it here)."""
        return getattr(model_instance, self.attname)

    def value_from_object(self, obj):
        return getattr(obj, self.attname)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj))

    def get_col(self, alias, output_field=None):
        return djscratch.db.models.expressions.Col(alias, self)

    #: A function converting a database value to Python, or None (no change).
    def get_db_converter(self):
        if hasattr(self, "from_db_value"):
            from_db = self.from_db_value
            # Django passes the connection the row came from; fields read
            # its vendor or features (the converter is built without knowing
            # which database the row comes from: the default one).
            connection = djscratch.db.utils.connections[
                djscratch.db.utils.DEFAULT_DB_ALIAS]
            return lambda value: from_db(value, None, connection)
        return None

    # -- validation

    @cached_property
    def validators(self):
        return [*self.default_validators, *self._validators]

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

    def validate(self, value, model_instance):
        """Check choices, null and blank, raising ValidationError."""
        if not self.editable:
            return
        if self.choices is not None and value not in self.empty_values:
            for option_key, option_value in self.choices:
                if isinstance(option_value, (list, tuple)):
                    if any(value == k for k, _ in option_value):
                        return
                elif value == option_key:
                    return
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value, model_instance):
        """Convert, validate and run validators; return the clean value."""
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        """Return a django.forms field for this model field (for ModelForm)."""
        import importlib

        forms = importlib.import_module("django.forms")
        defaults = {"required": not self.blank, "label": _capfirst(self.verbose_name),
                    "help_text": self.help_text}
        if self.has_default():
            if callable(self.default):
                defaults["initial"] = self.default
                defaults["show_hidden_initial"] = True
            else:
                defaults["initial"] = self.get_default()
        if self.choices is not None:
            include_blank = self.blank or not (
                self.has_default() or "initial" in kwargs)
            defaults["choices"] = self.get_choices(include_blank=include_blank)
            defaults["coerce"] = self.to_python
            if self.null:
                defaults["empty_value"] = None
            form_class = choices_form_class or forms.TypedChoiceField
            for k in list(kwargs):
                if k not in ("coerce", "empty_value", "choices", "required", "widget",
                             "label", "initial", "help_text", "error_messages",
                             "show_hidden_initial", "disabled"):
                    del kwargs[k]
        defaults.update(kwargs)
        if form_class is None:
            name = self._form_class_name()
            if name is None:
                return None
            form_class = getattr(forms, name)
        return form_class(**defaults)

    def _form_class_name(self):
        return "CharField"


#: Field.deconstruct(): each option and its default (left out when unchanged).
_DECONSTRUCT_DEFAULTS = {
    "verbose_name": None, "primary_key": False, "max_length": None, "unique": False,
    "blank": False, "null": False, "db_index": False, "default": NOT_PROVIDED,
    "db_default": NOT_PROVIDED, "editable": True, "serialize": True,
    "unique_for_date": None, "unique_for_month": None, "unique_for_year": None,
    "choices": None, "help_text": "", "db_column": None, "db_comment": None,
    "db_tablespace": None, "auto_created": False, "validators": [],
    "error_messages": None,
}
_DECONSTRUCT_ATTRS = {"unique": "_unique", "error_messages": "_error_messages",
                      "validators": "_validators", "verbose_name": "_verbose_name"}


def _capfirst(value):
    value = str(value) if value is not None else value
    return value and value[0].upper() + value[1:]


def _max_length_check(field, value):
    if field.max_length is not None and value is not None and len(value) > \
            field.max_length:
        raise ValidationError(
            "Ensure this value has at most %(limit_value)d characters "
            "(it has %(show_value)d).", code="max_length",
            params={"limit_value": field.max_length, "show_value": len(value),
                    "value": value})


def _check_text(value):
    """Refuse str values SQLite cannot store faithfully (NUL)."""
    if isinstance(value, str) and "\x00" in value:
        raise UnstorableValueError(
            "String value contains NUL (0x00) characters, which are not stored.")
    return value


class CharField(Field):
    _plain_db_value = True

    @property
    def description(self):
        if self.max_length is not None:
            return "String (up to %(max_length)s)"
        return "String (unlimited)"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs

    def __init__(self, *args, db_collation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    def get_internal_type(self):
        return "CharField"

    def db_type(self, connection=None):
        if self.max_length is None:
            return "varchar"
        return super().db_type(connection)

    def to_python(self, value):
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self.to_python(value)

    def get_db_prep_save(self, value, connection=None):
        return _check_text(self.get_prep_value(value))

    def _fast_db_prep_save(self):
        return _text_db_prep_save(self, CharField)

    def run_validators(self, value):
        if value not in self.empty_values:
            errors = []
            try:
                _max_length_check(self, value)
            except ValidationError as e:
                errors.extend(e.error_list)
            try:
                super().run_validators(value)
            except ValidationError as e:
                errors.extend(e.error_list)
            if errors:
                raise ValidationError(errors)

    def formfield(self, **kwargs):
        defaults = {"max_length": self.max_length}
        if self.null and self.choices is None:
            defaults["empty_value"] = None
        defaults.update(kwargs)
        return super().formfield(**defaults)


def _text_db_prep_save(field, base):
    """get_db_prep_save of a CharField or TextField (`base`), or a quicker
    equivalent for a str without NUL when the field's class keeps the
    base's preparation."""
    slow = _db_prep_save_of(field)
    if type(field).get_db_prep_save is not base.get_db_prep_save or \
            type(field).get_prep_value is not base.get_prep_value:
        return slow

    def prep(value):
        if value.__class__ is str and "\x00" not in value:
            return value
        return slow(value)

    return prep


class TextField(Field):
    """Unlimited text.  A Field, not a CharField, as in Django: it shares
    CharField's str conversion and db_collation, not its max_length
    validation, form defaults or "varchar" column."""

    description = "Text"
    _plain_db_value = True

    def __init__(self, *args, db_collation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs

    def get_internal_type(self):
        return "TextField"

    to_python = CharField.to_python

    def get_prep_value(self, value):
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_save(self, value, connection=None):
        return _check_text(self.get_prep_value(value))

    def _fast_db_prep_save(self):
        return _text_db_prep_save(self, TextField)

    def formfield(self, **kwargs):
        """A forms.CharField with max_length and, without choices, a Textarea
        (no empty_value=None for null=True: that is CharField's)."""
        import importlib

        defaults = {"max_length": self.max_length}
        if self.choices is None:
            defaults["widget"] = importlib.import_module("django.forms").Textarea
        return super().formfield(**{**defaults, **kwargs})


class IntegerField(Field):
    empty_strings_allowed = False
    #: The column type of a foreign key to this field, when not its own (a
    #: positive or auto field is pointed at by a plain integer column).
    _rel_internal_type = None

    def rel_db_type(self, connection=None):
        if self._rel_internal_type is None:
            return self.db_type(connection)
        return DatabaseWrapper.data_types[self._rel_internal_type]
    default_error_messages = {"invalid": "“%(value)s” value must be an integer."}
    description = "Integer"
    _plain_db_value = True

    @cached_property
    def validators(self):
        """The field's validators, then the column's range where none of them
        is as strict (a callable limit is called), as Django adds them."""
        min_validator = djscratch.core.validators_extra.MinValueValidator
        max_validator = djscratch.core.validators_extra.MaxValueValidator
        found = [*self.default_validators, *self._validators]
        low, high = _sqlite_integer_range(self.get_internal_type())

        def limit(validator):
            value = validator.limit_value
            return value() if callable(value) else value

        if low is not None and not any(
                isinstance(v, min_validator) and limit(v) >= low for v in found):
            found.append(min_validator(low))
        if high is not None and not any(
                isinstance(v, max_validator) and limit(v) <= high for v in found):
            found.append(max_validator(high))
        return found

    def to_python(self, value):
        if value is None:
            return value
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def _fast_db_prep_save(self):
        slow = _db_prep_save_of(self)
        if type(self).get_db_prep_save is not Field.get_db_prep_save or \
                type(self).get_prep_value is not IntegerField.get_prep_value:
            return slow

        def prep(value):
            return value if value.__class__ is int else slow(value)

        return prep

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        if value is None or isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(
                "Field '%s' expected a number but got %r." % (self.name, value)) from e

    def _form_class_name(self):
        return "IntegerField"


class AutoField(IntegerField):
    """An integer primary key the database assigns."""

    description = "Integer"
    _rel_internal_type = "IntegerField"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["blank"]
        kwargs["primary_key"] = True
        return name, path, args, kwargs

    def __init__(self, *args, **kwargs):
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        pass

    def formfield(self, **kwargs):
        return None


class BigAutoField(AutoField):
    description = "Big (8 byte) integer"
    _rel_internal_type = "BigIntegerField"


def _parse_date_text(value):
    """A DateField column's value as Django's SQLite backend converts it:
    parse_date() (ISO 8601, then "YYYY-M-D"; None for other text) of the
    column's text, as sqlite3 hands it to the converter Django registers
    for "date" columns (a number the column's affinity made of the text
    written is read as its text)."""
    if isinstance(value, datetime.date):
        return value
    return parse_date(value if type(value) is str else str(value))


class DateField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid date format. It must be in "
                   "YYYY-MM-DD format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but "
                        "it is an invalid date.",
    }
    description = "Date (without time)"

    def value_to_string(self, obj):
        """ISO 8601 text (a date, datetime or time alike), "" for None."""
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.auto_now:
            kwargs["auto_now"] = True
        if self.auto_now_add:
            kwargs["auto_now_add"] = True
        if self.auto_now or self.auto_now_add:
            del kwargs["editable"]
            del kwargs["blank"]
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, auto_now=False,
                 auto_now_add=False, **kwargs):
        self.auto_now, self.auto_now_add = auto_now, auto_now_add
        if auto_now or auto_now_add:
            kwargs["editable"] = False
            kwargs["blank"] = True
        super().__init__(verbose_name, name, **kwargs)

    def to_python(self, value):
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            if settings.USE_TZ and is_aware(value):
                value = make_naive(value, get_default_timezone())
            return value.date()
        if isinstance(value, datetime.date):
            return value
        import re

        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value).strip())
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            raise ValidationError(self.error_messages["invalid_date"],
                                  code="invalid_date",
                                  params={"value": value}) from None

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.date.today()
            if settings.USE_TZ:
                value = localdate(now(), get_default_timezone())
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value):
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return None if value is None else str(value)

    def get_db_converter(self):
        return _parse_date_text

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not self.null:
            for direction, is_next in (("next", True), ("previous", False)):
                method = "get_%s_by_%s" % (direction, self.name)
                if method not in cls.__dict__:
                    setattr(cls, method, _make_next_or_previous(self, is_next))

    def _form_class_name(self):
        return "DateField"


def _make_next_or_previous(field, is_next):
    def method(self, **kwargs):
        return self._get_next_or_previous_by_FIELD(field, is_next, **kwargs)

    return method


def _naive_datetime_warning(field, value):
    import warnings

    model = getattr(field, "model", None)
    name = "%s.%s" % (model.__name__, field.name) if model else "(unbound)"
    warnings.warn(
        "DateTimeField %s received a naive datetime (%s) while time zone support "
        "is active." % (name, value), RuntimeWarning)


class DateTimeField(DateField):
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but "
                        "it is an invalid date.",
        "invalid_datetime": "“%(value)s” value has the correct format "
                            "(YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid "
                            "date/time.",
    }
    description = "Date (with time)"

    def to_python(self, value):
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
            if settings.USE_TZ:  # midnight, local time (Django warns too)
                _naive_datetime_warning(self, value)
                value = make_aware(value, get_default_timezone())
            return value
        text = str(value).strip()
        # Well formatted but impossible: Django's invalid_datetime/invalid_date.
        for parse, code in ((parse_datetime, "invalid_datetime"),
                            (parse_date, "invalid_date")):
            try:
                parsed = parse(text)
            except ValueError:
                raise ValidationError(self.error_messages[code], code=code,
                                      params={"value": value}) from None
            if parsed is not None:  # a date alone: naive midnight, as Django
                return parsed if code == "invalid_datetime" else datetime.datetime(
                    parsed.year, parsed.month, parsed.day)
        raise ValidationError(self.error_messages["invalid"], code="invalid",
                              params={"value": value})

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        value = self.to_python(value)
        if value is not None and settings.USE_TZ and \
                isinstance(value, datetime.datetime) and value.utcoffset() is None:
            _naive_datetime_warning(self, value)
            value = make_aware(value, get_default_timezone())
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return _adapt_datetime(value)

    def get_db_converter(self):
        return _convert_datetime

    def _form_class_name(self):
        return "DateTimeField"


def _adapt_datetime(value):
    """Return a datetime as SQLite text, in UTC when USE_TZ (as Django stores)."""

    if value is None:
        return None
    if value.utcoffset() is not None:
        if not settings.USE_TZ:
            raise ValueError("SQLite backend does not support timezone-aware "
                             "datetimes when USE_TZ is False.")
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return str(value)


def _convert_datetime(value):
    """Parse stored datetime text: aware UTC with USE_TZ, naive without.

    Every DateTimeField value of every row read comes here: the text USE_TZ
    stores (naive UTC, 19 or 26 characters) is parsed as
    _convert_datetime_aware() parses it, without calling it.
    """
    if settings.USE_TZ:
        if type(value) is str and len(value) in (19, 26):
            try:
                return _datetime_fromisoformat(value + "+00:00")
            except ValueError:  # not that text: the general way says
                pass
        return _convert_datetime_aware(value)
    return _convert_datetime_naive(value)


#: datetime.datetime.fromisoformat, read once (_convert_datetime() per value)
_datetime_fromisoformat = datetime.datetime.fromisoformat


def _convert_datetime_aware(value):
    if value is None or isinstance(value, datetime.datetime):
        return value
    if len(value) in (19, 26):  # naive UTC as stored: "2026-11-21 09:30:00[.123456]"
        # Parsing with the offset appended beats .replace(tzinfo=utc) per row.
        # Text that already has an offset fails and goes on.
        try:
            return datetime.datetime.fromisoformat(value + "+00:00")
        except ValueError:
            pass
    parsed = parse_datetime(value)  # (ISO 8601, then Django's pattern)
    if parsed is None:  # (Django fails too: fromisoformat()'s error)
        datetime.datetime.fromisoformat(value)
    value = parsed
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


def _convert_datetime_naive(value):
    if value is None or isinstance(value, datetime.datetime):
        return value
    # As Django's SQLite backend: parse_datetime() alone, text written with
    # an offset (by raw SQL: the ORM writes none without USE_TZ) read aware.
    return parse_datetime(value)


#: USE_TZ -> {converter: (parse, suffixes)}: the row builders' inline form
#: of a column's converter (rows.py, _compile_row_builder()): the value is
#: parsed by `parse(value + suffixes[len(value)])` (`parse(value)` when
#: suffixes is None), and the converter is called for what that does not
#: take (None, what is no text, a length not in suffixes, text the parse
#: refuses), so that each value gets the converter's own answer and the
#: text Django stores costs no Python call.  tests/test_fast_paths.py
#: compares the two on many values.
_TEXT_FORMS = {
    True: {_convert_datetime: (_datetime_fromisoformat, {19: "+00:00", 26: "+00:00"}),
           _parse_date_text: (datetime.date.fromisoformat, None)},
    False: {_parse_date_text: (datetime.date.fromisoformat, None)},
}


def _instance_of_any(value, names):
    """Whether `value` is an instance of one of the model field classes
    `names` names (flat names): asking builds no section, since no instance
    of a class exists before its section is built."""
    for name in names:
        cls = djscratch._defined_yet(name)
        if cls is not None and isinstance(value, cls):
            return True
    return False


#: The model fields other than the date fields whose lookup values
#: get_db_prep_value() prepares (flat names, for _instance_of_any()).
_PREPARED_BY_DB_VALUE = ("TimeField", "UUIDField", "DecimalField", "BooleanField",
                         "DurationField", "JSONField")


def _is_number_field(field):
    """Whether `field` is an IntegerField or a FloatField (or a subclass)."""
    return isinstance(field, IntegerField) or _instance_of_any(field, ("FloatField",))


def _is_composite_pk(meta):
    """True when the model's primary key is a CompositePrimaryKey (none exists
    before its section is built: asking builds nothing)."""
    cls = djscratch._defined_yet("CompositePrimaryKey")
    return cls is not None and isinstance(meta.pk, cls)


def _pk_row_sql(meta, table=None):
    """'("a", "b")' (qualified by `table`): the composite key as a row value."""
    prefix = "%s." % quote_name(table) if table else ""
    return "(%s)" % ", ".join(prefix + quote_name(c) for c in meta.pk.columns)
