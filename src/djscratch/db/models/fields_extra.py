"""The model fields of django/db/models/fields/__init__.py other than Field,
CharField, TextField, IntegerField, AutoField, BigAutoField, DateField and
DateTimeField: the other numbers, booleans, times and durations, UUIDs, JSON,
bytes, the validated text fields, CompositePrimaryKey.  The single file builds
them on first use (a deferred section): a model that names one builds them
when it is defined.
"""

import datetime
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ValidationError
from djscratch.core.checks.messages import Error
from djscratch.utils.duration import duration_string
from djscratch.utils.dateparse import parse_duration, parse_time
from djscratch.db.utils import connections, NotSupportedError
from djscratch.db.models.fields import (
    _check_text, _db_prep_save_of, AutoField, CharField, DateField, Field,
    IntegerField, NOT_PROVIDED,
)

__all__ = [
    "SmallAutoField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "PositiveBigIntegerField", "FloatField",
    "DecimalField", "BooleanField", "TimeField", "DurationField", "EmailField",
    "URLField", "SlugField", "UUIDField", "JSONField", "BinaryField",
    "GenericIPAddressField", "CompositePrimaryKey", "FilePathField", "IPAddressField",
]


class _ValidatorField:
    """Mixin: default validators found in django.core.validators at call time."""

    _validator_names = ()

    @cached_property
    def validators(self):
        import importlib

        found = []
        try:
            module = importlib.import_module("django.core.validators")
        except ImportError:
            module = None
        for name in self._validator_names:
            validator = getattr(module, name, None) if module is not None else None
            if validator is None:
                try:
                    validator = getattr(module, name)
                except AttributeError:
                    continue
            found.append(validator() if isinstance(validator, type) else validator)
        return [*found, *self._validators]


class EmailField(_ValidatorField, CharField):
    _validator_names = ("validate_email",)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def _form_class_name(self):
        return "EmailField"


class URLField(_ValidatorField, CharField):
    _validator_names = ("URLValidator",)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(verbose_name, name, **kwargs)

    def _form_class_name(self):
        return "URLField"


class SlugField(_ValidatorField, CharField):
    _validator_names = ("validate_slug",)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        if self.db_index is False:
            kwargs["db_index"] = False
        else:
            del kwargs["db_index"]
        if self.allow_unicode is not False:
            kwargs["allow_unicode"] = self.allow_unicode
        return name, path, args, kwargs

    def __init__(self, *args, max_length=50, db_index=True, allow_unicode=False,
                 **kwargs):
        self.allow_unicode = allow_unicode
        if allow_unicode:
            self._validator_names = ("validate_unicode_slug",)
        super().__init__(*args, max_length=max_length, db_index=db_index, **kwargs)

    def get_internal_type(self):
        return "SlugField"

    def _form_class_name(self):
        return "SlugField"


class GenericIPAddressField(_ValidatorField, Field):
    """An IPv4 or IPv6 address: a Field, not a CharField, as in Django (no
    max_length validation, no empty_value=None in its form field)."""

    description = "IP address"
    empty_strings_allowed = False
    default_error_messages = {"invalid": "Enter a valid %(protocol)s address."}
    _validator_names = ("validate_ipv46_address",)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.unpack_ipv4 is not False:
            kwargs["unpack_ipv4"] = self.unpack_ipv4
        if self.protocol != "both":
            kwargs["protocol"] = self.protocol
        if kwargs.get("max_length") == self.max_length:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, protocol="both",
                 unpack_ipv4=False, *args, **kwargs):
        self.protocol = protocol
        self.unpack_ipv4 = unpack_ipv4
        self._validator_names = {
            "both": ("validate_ipv46_address",), "ipv4": ("validate_ipv4_address",),
            "ipv6": ("validate_ipv6_address",)}[protocol.lower()]
        kwargs["max_length"] = 39
        super().__init__(verbose_name, name, *args, **kwargs)

    def to_python(self, value):
        """The address without surrounding space; an IPv6 one compressed
        (an IPv4-mapped one unpacked when unpack_ipv4)."""
        if value is None:
            return None
        value = str(value).strip()
        if ":" in value:
            return djscratch.core.validators_extra.clean_ipv6_address(
                value, self.unpack_ipv4, self.error_messages["invalid"])
        return value

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        if value is None:
            return None
        if value and ":" in value:
            try:
                return djscratch.core.validators_extra.clean_ipv6_address(
                    value, self.unpack_ipv4)
            except ValidationError:
                pass
        return str(value)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value or None  # "" is stored as NULL, as Django's SQLite backend

    def get_db_prep_save(self, value, connection=None):
        return _check_text(self.get_db_prep_value(value, connection))

    def _fast_db_prep_save(self):
        return _db_prep_save_of(self)

    def get_internal_type(self):
        return "GenericIPAddressField"

    def formfield(self, **kwargs):
        return super().formfield(**{"protocol": self.protocol, **kwargs})

    def _form_class_name(self):
        return "GenericIPAddressField"



class CommaSeparatedIntegerField(CharField):
    system_check_removed_details = {
        "msg": "CommaSeparatedIntegerField is removed except for support in "
               "historical migrations.",
        "hint": "Use CharField(validators=[validate_comma_separated_integer_list]) "
                "instead.",
        "id": "fields.E901",
    }


class IPAddressField(Field):
    """Removed from Django but for old migrations: its check is fields.E900."""

    empty_strings_allowed = False
    description = "IPv4 address"
    system_check_removed_details = {
        "msg": "IPAddressField has been removed except for support in historical "
               "migrations.",
        "hint": "Use GenericIPAddressField instead.",
        "id": "fields.E900",
    }

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 15
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else str(value)

    def get_internal_type(self):
        return "IPAddressField"


class FilePathField(Field):
    """A path chosen among the files under `path` (its form field lists them)."""

    description = "File path"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for option, default in (("path", ""), ("match", None), ("recursive", False),
                                ("allow_files", True), ("allow_folders", False)):
            if getattr(self, option) != default:
                kwargs[option] = getattr(self, option)
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, path="", match=None,
                 recursive=False, allow_files=True, allow_folders=False, **kwargs):
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs):
        """Field's checks, and fields.E140: neither files nor folders allowed."""
        errors = super().check(**kwargs)
        if not self.allow_files and not self.allow_folders:
            errors.append(Error(
                "FilePathFields must have either 'allow_files' or 'allow_folders' "
                "set to True.", obj=self, id="fields.E140"))
        return errors

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else str(value)

    def get_internal_type(self):
        return "FilePathField"

    def formfield(self, **kwargs):
        import importlib

        forms = importlib.import_module("django.forms")
        return super().formfield(**{
            "path": self.path() if callable(self.path) else self.path,
            "match": self.match, "recursive": self.recursive,
            "form_class": forms.FilePathField, "allow_files": self.allow_files,
            "allow_folders": self.allow_folders, **kwargs})


class SmallIntegerField(IntegerField):
    description = "Small integer"


class BigIntegerField(IntegerField):
    description = "Big (8 byte) integer"
    MAX_BIGINT = 9223372036854775807

    def formfield(self, **kwargs):
        # The form field (and its <input type="number">) is bounded as the
        # column is.
        return super().formfield(**{"min_value": -BigIntegerField.MAX_BIGINT - 1,
                                    "max_value": BigIntegerField.MAX_BIGINT,
                                    **kwargs})


class _PositiveFormfield:
    """The positive integer fields' form field starts at 0 (Django's)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"min_value": 0, **kwargs})


class PositiveIntegerField(_PositiveFormfield, IntegerField):
    description = "Positive integer"
    _rel_internal_type = "IntegerField"

    def formfield(self, **kwargs):
        """A form field refusing negative numbers (min="0"), as Django's."""
        return super().formfield(**{"min_value": 0, **kwargs})

class OrderWrt(IntegerField):
    """The `_order` column a model with Meta.order_with_respect_to gets: its
    position among the rows sharing the same related object."""

    def __init__(self, *args, **kwargs):
        kwargs["name"] = "_order"
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)


class PositiveSmallIntegerField(_PositiveFormfield, SmallIntegerField):
    description = "Positive small integer"
    _rel_internal_type = "SmallIntegerField"

    def formfield(self, **kwargs):
        """A form field refusing negative numbers (min="0"), as Django's."""
        return super().formfield(**{"min_value": 0, **kwargs})


class PositiveBigIntegerField(_PositiveFormfield, BigIntegerField):
    description = "Positive big integer"
    _rel_internal_type = "BigIntegerField"

    def formfield(self, **kwargs):
        """A form field refusing negative numbers (min="0"), as Django's."""
        return super().formfield(**{"min_value": 0, **kwargs})


class SmallAutoField(AutoField):
    description = "Small integer"
    _rel_internal_type = "SmallIntegerField"


class FloatField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a float."}
    description = "Floating point number"
    _plain_db_value = True

    def to_python(self, value):
        if value is None:
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(
                "Field '%s' expected a number but got %r." % (self.name, value)) from e

    def _form_class_name(self):
        return "FloatField"


class DecimalField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a decimal number."}
    description = "Decimal number"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_digits is not None:
            kwargs["max_digits"] = self.max_digits
        if self.decimal_places is not None:
            kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, max_digits=None,
                 decimal_places=None, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(verbose_name, name, **kwargs)
        import decimal

        djscratch.db.models.sql.query._add_plain_value_class(decimal.Decimal)

    @cached_property
    def context(self):
        import decimal

        return decimal.Context(prec=self.max_digits)

    def to_python(self, value):
        """A Decimal; NaN and infinities are invalid, as Django says."""
        import decimal

        if value is None:
            return value
        try:
            if isinstance(value, float):
                decimal_value = self.context.create_decimal_from_float(value)
            else:
                decimal_value = decimal.Decimal(value)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None
        if not decimal_value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        return decimal_value

    def get_prep_value(self, value):
        return self.to_python(Field.get_prep_value(self, value))

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        ops = (connection or djscratch.db.utils.connections[
            djscratch.db.utils.DEFAULT_DB_ALIAS]).ops
        value = ops.adapt_decimalfield_value(value, self.max_digits,
                                             self.decimal_places)
        # Bound as text, as Django's SQLite backend adapts a Decimal.
        return str(value) if value.__class__.__name__ == "Decimal" else value

    def from_db_value(self, value, expression, connection):
        import decimal

        if value is None:
            return None
        value = decimal.Context(prec=15).create_decimal_from_float(value) if isinstance(
            value, float) else decimal.Decimal(value)
        if self.decimal_places is not None:
            value = value.quantize(decimal.Decimal(1).scaleb(-self.decimal_places),
                                   context=decimal.Context(prec=self.max_digits or 28))
        return value

    @cached_property
    def validators(self):
        return [*self.default_validators, *self._validators,
                djscratch.core.validators_extra.DecimalValidator(self.max_digits,
                                                           self.decimal_places)]

    def formfield(self, **kwargs):
        return super().formfield(max_digits=self.max_digits,
                                 decimal_places=self.decimal_places, **kwargs)

    def _form_class_name(self):
        return "DecimalField"


class BooleanField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value must be either True or False.",
        "invalid_nullable": "“%(value)s” value must be either True, False, or None.",
    }
    description = "Boolean (Either True or False)"

    def __init__(self, *args, **kwargs):
        if kwargs.get("null") is None and "null" in kwargs:
            kwargs["null"] = True
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.null and value in self.empty_values:
            return None
        if value in (True, False):
            return bool(value)
        if value in ("t", "True", "1"):
            return True
        if value in ("f", "False", "0"):
            return False
        raise ValidationError(
            self.error_messages["invalid_nullable" if self.null else "invalid"],
            code="invalid", params={"value": value})

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return self.to_python(value)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return None if value is None else int(value)

    def from_db_value(self, value, expression, connection):
        return value if value is None else bool(value)

    def get_db_converter(self):
        return lambda v: v if v is None else bool(v)

    def formfield(self, **kwargs):
        if self.choices is not None:
            include_blank = not (self.has_default() or "initial" in kwargs)
            defaults = {"choices": self.get_choices(include_blank=include_blank)}
        else:
            import importlib

            forms = importlib.import_module("django.forms")
            form_class = forms.NullBooleanField if self.null else forms.BooleanField
            defaults = {"form_class": form_class, "required": False}
        return super().formfield(**{**defaults, **kwargs})


class NullBooleanField(BooleanField):
    system_check_removed_details = {
        "msg": "NullBooleanField is removed except for support in historical "
               "migrations.",
        "hint": "Use BooleanField(null=True, blank=True) instead.",
        "id": "fields.E903",
    }

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

class TimeField(DateField):
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "HH:MM[:ss[.uuuuuu]] format.",
        "invalid_time": "“%(value)s” value has the correct format "
                        "(HH:MM[:ss[.uuuuuu]]) but it is an invalid time.",
    }
    description = "Time"

    def contribute_to_class(self, cls, name, **kwargs):
        Field.contribute_to_class(self, cls, name, **kwargs)

    def to_python(self, value):
        if value is None or isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            parsed = parse_time(str(value).strip())
        except ValueError:  # well formatted but impossible, as 25:50
            raise ValidationError(self.error_messages["invalid_time"],
                                  code="invalid_time", params={"value": value}) \
                from None
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        return parsed

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.datetime.now().time()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        if value.utcoffset() is not None:
            raise ValueError("SQLite backend does not support timezone-aware times.")
        return str(value)

    def get_db_converter(self):
        return lambda v: v if v is None or not isinstance(v, str) else \
            datetime.time.fromisoformat(v)

    def _form_class_name(self):
        return "TimeField"


class DurationField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
                   "[DD] [[HH:]MM:]ss[.uuuuuu] format."}
    description = "Duration"

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else duration_string(value)

    def to_python(self, value):
        if value is None or isinstance(value, datetime.timedelta):
            return value
        parsed = parse_duration(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})
        return parsed

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if value is None:
            return None
        value = self.to_python(value)
        return (value.days * 86400 + value.seconds) * 1000000 + value.microseconds

    def get_db_converter(self):
        return lambda v: v if v is None else datetime.timedelta(0, 0, v)

    def _form_class_name(self):
        return "DurationField"


class UUIDField(Field):
    default_error_messages = {"invalid": "“%(value)s” is not a valid UUID."}
    description = "Universally unique identifier"
    empty_strings_allowed = False

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, **kwargs):
        kwargs["max_length"] = 32
        super().__init__(verbose_name, **kwargs)
        import uuid

        djscratch.db.models.sql.query._add_plain_value_class(uuid.UUID)

    def to_python(self, value):
        import uuid

        if value is not None and not isinstance(value, uuid.UUID):
            try:
                return uuid.UUID(**{"int" if isinstance(value, int) else "hex": value})
            except (AttributeError, ValueError, TypeError):
                raise ValidationError(self.error_messages["invalid"], code="invalid",
                                      params={"value": value}) from None
        return value

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if value is None:
            return None
        return self.to_python(value).hex

    def get_db_converter(self):
        import uuid

        return lambda v: v if v is None else uuid.UUID(v)

    def _form_class_name(self):
        return "UUIDField"


class JSONField(Field):
    _django_module = "django.db.models.fields.json"
    empty_strings_allowed = False
    description = "A JSON object"
    default_error_messages = {"invalid": "Value must be valid JSON."}

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        if self.decoder is not None:
            kwargs["decoder"] = self.decoder
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, encoder=None, decoder=None,
                 **kwargs):
        if encoder and not callable(encoder):
            raise ValueError("The encoder parameter must be a callable object.")
        if decoder and not callable(decoder):
            raise ValueError("The decoder parameter must be a callable object.")
        self.encoder, self.decoder = encoder, decoder
        super().__init__(verbose_name, name, **kwargs)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if not hasattr(connection, "ops"):
            connection = connections["default"]
        return connection.ops.adapt_json_value(value, self.encoder)

    def get_db_prep_save(self, value, connection=None):
        """None saves SQL NULL; Value(None, JSONField()) saves JSON null."""
        if value is None:
            return None
        if isinstance(value, djscratch.db.models.expressions.Value) and \
                value.value is None and \
                isinstance(value._explicit_output_field(), JSONField):
            value = None
        return super().get_db_prep_save(value, connection)

    def formfield(self, **kwargs):
        return super().formfield(**{"encoder": self.encoder, "decoder": self.decoder,
                                    **kwargs})

    def get_db_converter(self):
        import json

        decoder = self.decoder

        def convert(value):
            if value is None:
                return None
            try:
                return json.loads(value, cls=decoder)
            except (json.JSONDecodeError, TypeError):
                return value

        return convert

    def validate(self, value, model_instance):
        import json

        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except TypeError:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None

    def get_transform(self, name):
        """A registered transform, else the value under the key `name`."""
        found = super().get_transform(name)
        if found is not None:
            return found
        return djscratch.db.models.json.KeyTransformFactory(name)

    def value_to_string(self, obj):
        # The value itself: the serializers write it as JSON, not as text.
        return self.value_from_object(obj)

    def _form_class_name(self):
        return "JSONField"


class BinaryField(Field):
    description = "Raw binary data"
    empty_values = [None, b""]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.editable:
            kwargs["editable"] = True
        else:
            del kwargs["editable"]
        return name, path, args, kwargs

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def get_default(self):
        if self.has_default() and not callable(self.default):
            return self.default
        default = super().get_default()
        return b"" if default == "" else default

    @cached_property
    def validators(self):
        found = [*self.default_validators, *self._validators]
        if self.max_length is not None:
            found.append(djscratch.core.validators.MaxLengthValidator(self.max_length))
        return found

    def get_db_prep_value(self, value, connection=None, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value if value is None else bytes(value)

    def to_python(self, value):
        if isinstance(value, str):
            import base64

            return memoryview(base64.b64decode(value.encode("ascii")))
        return value

    def value_to_string(self, obj):
        """The bytes as base64 text (what to_python() reads back)."""
        import base64

        return base64.b64encode(self.value_from_object(obj)).decode("ascii")

    def _form_class_name(self):
        return None


class CompositeAttribute:
    """The `pk` descriptor of a model with a CompositePrimaryKey: reads and
    writes the tuple of its fields' values."""

    def __init__(self, field):
        self.field = field

    @property
    def attnames(self):
        return [f.attname for f in self.field.fields]

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return tuple(getattr(instance, attname) for attname in self.attnames)

    def __set__(self, instance, values):
        attnames = self.attnames
        if values is None:
            values = (None,) * len(attnames)
        if not isinstance(values, (list, tuple)):
            raise ValueError(f"{self.field.name!r} must be a list or a tuple.")
        if len(values) != len(attnames):
            raise ValueError(f"{self.field.name!r} must have {len(attnames)} "
                             "elements.")
        for attname, value in zip(attnames, values):
            setattr(instance, attname, value)


class CompositePrimaryKey(Field):
    """A primary key made of several fields (Django 5.2): no column of its
    own; the table gets PRIMARY KEY (a, b) and `obj.pk` is a tuple."""

    _django_module = "django.db.models.fields.composite"

    descriptor_class = CompositeAttribute
    is_composite = True

    def __init__(self, *args, **kwargs):
        if (not args or not all(isinstance(a, str) for a in args)
                or len(set(args)) != len(args)):
            raise ValueError("CompositePrimaryKey args must be unique strings.")
        if len(args) == 1:
            raise ValueError("CompositePrimaryKey must include at least two fields.")
        if kwargs.get("default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("CompositePrimaryKey cannot have a default.")
        if kwargs.get("db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("CompositePrimaryKey cannot have a database default.")
        if kwargs.get("db_column") is not None:
            raise ValueError("CompositePrimaryKey cannot have a db_column.")
        if kwargs.setdefault("editable", False):
            raise ValueError("CompositePrimaryKey cannot be editable.")
        if not kwargs.setdefault("primary_key", True):
            raise ValueError("CompositePrimaryKey must be a primary key.")
        if not kwargs.setdefault("blank", True):
            raise ValueError("CompositePrimaryKey must be blank.")
        self.field_names = args
        super().__init__(**kwargs)

    def deconstruct(self):
        return (self.name, "django.db.models.CompositePrimaryKey",
                list(self.field_names), {})

    @cached_property
    def fields(self):
        meta = self.model._meta
        return tuple(meta.get_field(name) for name in self.field_names)

    @cached_property
    def columns(self):
        return tuple(f.column for f in self.fields)

    def get_attname_column(self):
        return self.get_attname(), None

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        cls._meta.pk = self
        setattr(cls, self.attname, self.descriptor_class(self))

    def __iter__(self):
        return iter(self.fields)

    def __len__(self):
        return len(self.field_names)

    def db_type(self, connection=None):
        return None

    def rel_db_type(self, connection=None):
        # Django refuses such relations in its checks (fields.E347); a table
        # made without them must not get a column that cannot work.
        raise NotSupportedError(
            "A relation to %s, whose primary key is a CompositePrimaryKey, is not "
            "supported (fields.E347 in Django 5.2)." % self.model._meta.object_name)

    def get_pk_value_on_save(self, instance):
        return tuple(f.value_from_object(instance) for f in self.fields)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        """The components' database values, in order (for WHERE clauses)."""
        if not isinstance(value, (list, tuple)) or len(value) != len(self.fields):
            raise ValueError("'%s' lookup of 'pk' must be a tuple or a list" % "exact")
        return [f.get_db_prep_value(v, connection) for f, v in zip(self.fields, value)]

    def value_to_string(self, obj):
        import json

        values = []
        for field, value in zip(self.fields, self.value_from_object(obj)):
            holder = type("AttributeSetter", (), {})()
            setattr(holder, field.attname, value)
            values.append(field.value_to_string(holder))
        return json.dumps(values, ensure_ascii=False)

    def to_python(self, value):
        if isinstance(value, str):
            import json

            value = [f.to_python(v) for f, v in zip(self.fields, json.loads(value),
                                                   strict=True)]
        return value

    def check(self, **kwargs):
        if self.name == "pk":
            return []
        return [djscratch.core.checks.messages.Error(
            "'CompositePrimaryKey' must be named 'pk'.", obj=self, id="fields.E013")]

    def formfield(self, **kwargs):
        return None
