"""The form fields of django/forms/fields.py other than Field and CharField:
numbers, dates and times, files and images, choices, booleans, MultiValueField
and the rest.  The single file builds them on first use (a deferred section),
so a page whose forms have only text fields never defines them; it calls the
ones whose names the model fields share FormIntegerField and so on (RENAMES in
tools/amalgamate.py).
"""

import copy
import os
import re

from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.core.exceptions import ValidationError
from djscratch.conf import settings
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.utils.dateparse import parse_datetime, parse_duration
from djscratch.utils.duration import duration_string
from djscratch.core.validators import _PluralMessage, RegexValidator
from djscratch.core.validators_extra import (
    clean_ipv6_address, DecimalValidator, ip_address_validators,
    MAX_IPV6_ADDRESS_LENGTH, MaxValueValidator, MinValueValidator, StepValueValidator,
    URLValidator, validate_email, validate_image_file_extension, validate_slug,
    validate_unicode_slug,
)
from djscratch.utils.formats import sanitize_separators
from djscratch.forms.utils import _from_current_timezone, _to_current_timezone
from djscratch.forms.widgets import EmailInput, NumberInput, Textarea, URLInput
from djscratch.forms.widgets_extra import (
    _get_format, _normalize_choices, CheckboxInput, ClearableFileInput, DateInput,
    DateTimeInput, FILE_INPUT_CONTRADICTION, FileInput, MultipleHiddenInput,
    NullBooleanSelect, Select, SelectMultiple, SplitDateTimeWidget,
    SplitHiddenDateTimeWidget, TimeInput,
)
from djscratch.forms.fields import CharField, Field

__all__ = [
    "IntegerField", "FloatField", "DecimalField", "BooleanField", "DateField",
    "DateTimeField", "TimeField", "DurationField", "EmailField", "URLField",
    "SlugField", "UUIDField", "JSONField", "GenericIPAddressField", "FileField",
    "ImageField", "NullBooleanField", "ChoiceField", "TypedChoiceField",
    "MultipleChoiceField", "TypedMultipleChoiceField", "RegexField", "ComboField",
    "MultiValueField", "SplitDateTimeField", "FilePathField",
]


class IntegerField(Field):
    """An int; '3.0' is accepted as 3, as in Django."""

    widget = NumberInput
    default_error_messages = {"invalid": "Enter a whole number."}
    re_decimal = _lazy_re_compile(r"\.0*\s*$")

    def __init__(self, *, max_value=None, min_value=None, step_size=None, **kwargs):
        self.max_value, self.min_value, self.step_size = max_value, min_value, step_size
        if kwargs.get("localize") and self.widget == NumberInput:
            kwargs.setdefault("widget", super().widget)
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(MaxValueValidator(max_value))
        if min_value is not None:
            self.validators.append(MinValueValidator(min_value))
        if step_size is not None:
            self.validators.append(StepValueValidator(step_size, offset=min_value))

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if self.localize:  # "1,234" with the active format's separators
            value = sanitize_separators(value)
        text = str(value)
        if len(text) > 4300:  # int() refuses longer digit strings anyway
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return int(self.re_decimal.sub("", text))
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput):
            if self.min_value is not None:
                attrs["min"] = self.min_value
            if self.max_value is not None:
                attrs["max"] = self.max_value
            if self.step_size is not None:
                attrs["step"] = self.step_size
        return attrs


class FloatField(IntegerField):
    """A finite float."""

    default_error_messages = {"invalid": "Enter a number."}

    def to_python(self, value):
        value = Field.to_python(self, value)
        if value in self.empty_values:
            return None
        if self.localize:
            value = sanitize_separators(value)
        try:
            return float(value)
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def validate(self, value):
        import math

        super().validate(value)
        if value in self.empty_values:
            return
        if not math.isfinite(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            attrs.setdefault("step", "any" if self.step_size is None
                             else str(self.step_size))
        return attrs


class DecimalField(IntegerField):
    """A finite Decimal with optional max_digits and decimal_places."""

    default_error_messages = {"invalid": "Enter a number."}

    def __init__(self, *, max_value=None, min_value=None, max_digits=None,
                 decimal_places=None, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
        self.validators.append(DecimalValidator(max_digits, decimal_places))

    def to_python(self, value):
        import decimal

        if value in self.empty_values:
            return None
        if self.localize:
            value = sanitize_separators(value)
        try:
            return decimal.Decimal(str(value))
        except decimal.DecimalException:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value})

    def widget_attrs(self, widget):
        import decimal

        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in widget.attrs:
            if self.decimal_places is not None:
                step = str(decimal.Decimal(1).scaleb(-self.decimal_places)).lower()
            else:
                step = "any"
            attrs.setdefault("step", step)
        return attrs


class _FormatsFromSettings:
    """The input formats named by a setting, read at iteration time."""

    def __init__(self, *keys):
        self.keys = keys

    def __iter__(self):
        for key in self.keys:
            yield from _get_format(key)


class BaseTemporalField(Field):
    def __init__(self, *, input_formats=None, **kwargs):
        super().__init__(**kwargs)
        if input_formats is not None:
            self.input_formats = input_formats

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        for format in self.input_formats:
            try:
                return self.strptime(value, format)
            except (ValueError, TypeError, OverflowError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def strptime(self, value, format):
        raise NotImplementedError("Subclasses must define this method.")


class DateField(BaseTemporalField):
    widget = DateInput
    input_formats = _FormatsFromSettings("DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid date."}

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return super().to_python(value)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format).date()


class TimeField(BaseTemporalField):
    widget = TimeInput
    input_formats = _FormatsFromSettings("TIME_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid time."}

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return super().to_python(value)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format).time()


class DateTimeField(BaseTemporalField):
    """A datetime; naive input is taken in the current time zone (USE_TZ)."""

    widget = DateTimeInput
    input_formats = _FormatsFromSettings("DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": "Enter a valid date/time."}

    def prepare_value(self, value):
        import datetime

        if isinstance(value, datetime.datetime):
            value = _to_current_timezone(value)
        return value

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return _from_current_timezone(value)
        if isinstance(value, datetime.date):
            return _from_current_timezone(
                datetime.datetime(value.year, value.month, value.day))
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None
        if not result:
            result = super().to_python(value)
        return _from_current_timezone(result)

    def strptime(self, value, format):
        import datetime

        return datetime.datetime.strptime(value, format)


class DurationField(Field):
    default_error_messages = {
        "invalid": "Enter a valid duration.",
        "overflow": "The number of days must be between {min_days} and {max_days}.",
    }

    def prepare_value(self, value):
        import datetime

        if isinstance(value, datetime.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            value = parse_duration(str(value))
        except OverflowError:
            raise ValidationError(
                self.error_messages["overflow"].format(
                    min_days=datetime.timedelta.min.days,
                    max_days=datetime.timedelta.max.days),
                code="overflow",
            ) from None
        if value is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class RegexField(CharField):
    """Text that must match `regex`."""

    def __init__(self, regex, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self._set_regex(regex)

    def _get_regex(self):
        return self._regex

    def _set_regex(self, regex):
        import re

        if isinstance(regex, str):
            regex = re.compile(regex)
        self._regex = regex
        if hasattr(self, "_regex_validator") and self._regex_validator in (
                self.validators):
            self.validators.remove(self._regex_validator)
        self._regex_validator = RegexValidator(regex=regex)
        self.validators.append(self._regex_validator)

    regex = property(_get_regex, _set_regex)


class EmailField(CharField):
    widget = EmailInput
    default_validators = [validate_email]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class FileField(Field):
    """An uploaded file (from request.FILES) with a name and a size."""

    widget = ClearableFileInput
    default_error_messages = {
        "invalid": "No file was submitted. Check the encoding type on the form.",
        "missing": "No file was submitted.",
        "empty": "The submitted file is empty.",
        "max_length": _PluralMessage(
            "Ensure this filename has at most %(max)d character (it has %(length)d).",
            "Ensure this filename has at most %(max)d characters (it has "
            "%(length)d).",
            "max",
        ),
        "contradiction": (
            "Please either submit a file or check the clear checkbox, not both."),
    }

    def __init__(self, *, max_length=None, allow_empty_file=False, **kwargs):
        self.max_length = max_length
        self.allow_empty_file = allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data):
        if data in self.empty_values:
            return None
        try:
            file_name, file_size = data.name, data.size
        except AttributeError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")\
                from None
        if self.max_length is not None and len(file_name) > self.max_length:
            raise ValidationError(
                self.error_messages["max_length"], code="max_length",
                params={"max": self.max_length, "length": len(file_name)})
        if not file_name:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.allow_empty_file and not file_size:
            raise ValidationError(self.error_messages["empty"], code="empty")
        return data

    def clean(self, data, initial=None):
        if data is FILE_INPUT_CONTRADICTION:
            raise ValidationError(self.error_messages["contradiction"],
                                  code="contradiction")
        if data is False:
            if not self.required:
                return False
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, _data, initial):
        return initial

    def has_changed(self, initial, data):
        return not self.disabled and data is not None

    def _clean_bound_field(self, bf):
        return self.clean(bf.initial if self.disabled else bf.data, bf.initial)


# -- ImageField's check without Pillow: the file must be a well-formed PNG,
#    GIF, JPEG or WebP all the way through (chunks and CRCs, blocks, marker
#    segments, RIFF sizes), not merely start like one, so that a polyglot
#    (an image signature followed by HTML or script) is refused.


def _png_ok(data):
    """Signature, IHDR first, chunks with intact lengths and CRCs, IDAT, IEND."""
    import zlib

    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, seen = 8, []
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > len(data) or not kind.isalpha():
            return False
        if zlib.crc32(data[pos + 4:end - 4]) != int.from_bytes(data[end - 4:end],
                                                                 "big"):
            return False
        if not seen and (kind != b"IHDR" or length != 13 or
                         not int.from_bytes(data[pos + 8:pos + 12], "big") or
                         not int.from_bytes(data[pos + 12:pos + 16], "big")):
            return False
        seen.append(kind)
        pos = end
        if kind == b"IEND":
            return pos == len(data) and b"IDAT" in seen
    return False


def _gif_sub_blocks(data, pos):
    """Skip a run of GIF data sub-blocks; return the position after, or -1."""
    while pos < len(data):
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos if pos <= len(data) else -1
    return -1


def _gif_ok(data):
    """Header, logical screen, colour table, images and extensions, trailer."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 14:
        return False
    pos, images = 13, 0
    if data[10] & 0x80:  # a global colour table
        pos += 3 << ((data[10] & 7) + 1)
    while 0 <= pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            return images > 0 and pos + 1 == len(data)
        if block == 0x21 and pos + 1 < len(data):  # extension: label, sub-blocks
            pos = _gif_sub_blocks(data, pos + 2)
        elif block == 0x2C and pos + 11 <= len(data):  # image descriptor
            packed = data[pos + 9]
            pos += 10 + ((3 << ((packed & 7) + 1)) if packed & 0x80 else 0)
            if pos >= len(data) or not 2 <= data[pos] <= 12:  # LZW code size
                return False
            pos = _gif_sub_blocks(data, pos + 1)
            images += 1
        else:
            return False
    return False


def _jpeg_ok(data):
    """SOI, marker segments with sane lengths, a frame, a scan, EOI."""
    if data[:2] != b"\xff\xd8":
        return False
    pos, frame, scan = 2, False, False
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        pos += 2
        if marker == 0xD9:  # EOI (anything after it is not parsed by decoders)
            return frame and scan
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        if marker in (0x00, 0xD8) or pos + 2 > len(data):
            return False
        length = int.from_bytes(data[pos:pos + 2], "big")
        if length < 2 or pos + length > len(data):
            return False
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            # SOFn: precision, height, width, Nf, then 3 bytes per component
            if length < 8 or length != 8 + 3 * data[pos + 7]:
                return False
            frame = True
        pos += length
        if marker == 0xDA:  # SOS: entropy-coded data up to the next real marker
            if not frame:
                return False
            scan = True
            while pos + 1 < len(data) and not (
                    data[pos] == 0xFF and data[pos + 1] != 0
                    and not 0xD0 <= data[pos + 1] <= 0xD7):
                pos += 1
    return False


def _webp_ok(data):
    """RIFF size equal to the file's, 'WEBP', VP8/VP8L/VP8X chunks that fit."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    if int.from_bytes(data[4:8], "little") + 8 != len(data):
        return False
    pos, kinds = 12, []
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8],
                                                       "little")
        payload = data[pos + 8:pos + 8 + size]
        if len(payload) != size:
            return False
        if not kinds and not (
                kind == b"VP8 " and size >= 10 and payload[3:6] == b"\x9d\x01\x2a"
                or kind == b"VP8L" and size >= 5 and payload[0] == 0x2F
                or kind == b"VP8X" and size == 10):
            return False
        kinds.append(kind)
        pos += 8 + size + (size & 1)
    return pos == len(data) and bool(kinds) and (
        kinds[0] != b"VP8X" or any(k in (b"VP8 ", b"VP8L", b"ANMF")
                                   for k in kinds[1:]))


#: The image formats ImageField recognises without Pillow.
_IMAGE_CHECKS = (
    (b"\x89PNG", "image/png", _png_ok),
    (b"\xff\xd8", "image/jpeg", _jpeg_ok),
    (b"GIF8", "image/gif", _gif_ok),
    (b"RIFF", "image/webp", _webp_ok),
)


def _image_type(data):
    """Return the MIME type of a well-formed image in `data`, or None."""
    data = bytes(data)
    for signature, mime, check in _IMAGE_CHECKS:
        if data.startswith(signature):
            return mime if check(data) else None
    return None


class ImageField(FileField):
    """A FileField whose upload must be a PNG, JPEG, GIF or WebP image.

    Django asks Pillow to decode the image; djscratch is standard library
    only, so it checks the file's structure instead (_image_type): chunks,
    blocks or segments up to the end, without decoding the pixels.  The file
    gets `content_type`; `image` is not set (there is no Pillow).
    """

    default_validators = [validate_image_file_extension]
    default_error_messages = {
        "invalid_image": (
            "Upload a valid image. The file you uploaded was either not an "
            "image or a corrupted image."),
    }

    def to_python(self, data):
        f = super().to_python(data)
        if f is None:
            return None
        try:
            if hasattr(data, "read"):
                if hasattr(data, "seek"):
                    data.seek(0)
                content = data.read()
            else:
                content = data["content"]
            mime = _image_type(content or b"")
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"],
                                  code="invalid_image") from exc
        if mime is None:
            raise ValidationError(self.error_messages["invalid_image"],
                                  code="invalid_image")
        f.content_type = mime
        if hasattr(f, "seek") and callable(f.seek):
            f.seek(0)
        return f

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/*")
        return attrs


class URLField(CharField):
    """A URL; a value without a scheme gets assume_scheme ("http" by default,
    as in Django 5.2; set FORMS_URLFIELD_ASSUME_HTTPS for "https")."""

    widget = URLInput
    default_error_messages = {"invalid": "Enter a valid URL."}
    default_validators = [URLValidator()]

    def __init__(self, *, assume_scheme=None, **kwargs):
        if assume_scheme is None:
            https = getattr(settings, "FORMS_URLFIELD_ASSUME_HTTPS", False) if (
                settings.configured) else False
            if not https:
                import warnings

                warnings.warn(
                    "The default scheme will be changed from 'http' to 'https' in "
                    "Django 6.0. Pass the forms.URLField.assume_scheme argument to "
                    "silence this warning, or set the FORMS_URLFIELD_ASSUME_HTTPS "
                    "transitional setting to True to opt into using 'https' as the "
                    "new default scheme.", RemovedInDjango60Warning, stacklevel=2)
            assume_scheme = "https" if https else "http"
        self.assume_scheme = assume_scheme
        super().__init__(strip=True, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value:
            scheme, sep, _rest = value.partition(":")
            if (not sep or not scheme or not scheme[0].isascii()
                    or not scheme[0].isalpha() or "/" in scheme):
                if value.startswith("//"):
                    value = self.assume_scheme + ":" + value
                else:
                    value = self.assume_scheme + "://" + value
        return value


class BooleanField(Field):
    """True or False; required means "must be checked"."""

    widget = CheckboxInput

    def to_python(self, value):
        if isinstance(value, str) and value.lower() in ("false", "0"):
            value = False
        else:
            value = bool(value)
        return super().to_python(value)

    def validate(self, value):
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


class NullBooleanField(BooleanField):
    """True, False or None."""

    widget = NullBooleanSelect

    def to_python(self, value):
        if value in (True, "True", "true", "1"):
            return True
        if value in (False, "False", "false", "0"):
            return False
        return None

    def validate(self, value):
        pass


class ChoiceField(Field):
    """One of `choices` (pairs of value and label, groups allowed)."""

    widget = Select
    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
    }

    def __init__(self, *, choices=(), **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._choices = copy.deepcopy(self._choices, memo)
        return result

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = _normalize_choices(value)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value):
        super().validate(value)
        if value and not self.valid_value(value):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})

    def valid_value(self, value):
        """Return True if `value` is one of the choices."""
        text_value = str(value)
        for k, v in self.choices:
            if isinstance(v, (list, tuple)):
                for k2, _v2 in v:
                    if value == k2 or text_value == str(k2):
                        return True
            elif value == k or text_value == str(k):
                return True
        return False


class TypedChoiceField(ChoiceField):
    """A ChoiceField whose value is passed through `coerce`."""

    def __init__(self, *, coerce=lambda val: val, empty_value="", **kwargs):
        self.coerce = coerce
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def _coerce(self, value):
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            return self.coerce(value)
        except (ValueError, TypeError, ValidationError):
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})\
                from None

    def clean(self, value):
        return self._coerce(super().clean(value))


class MultipleChoiceField(ChoiceField):
    """A list of values, each one of `choices`."""

    hidden_widget = MultipleHiddenInput
    widget = SelectMultiple
    default_error_messages = {
        "invalid_choice": (
            "Select a valid choice. %(value)s is not one of the available choices."),
        "invalid_list": "Enter a list of values.",
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"],
                                  code="invalid_list")
        return [str(val) for val in value]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for val in value:
            if not self.valid_value(val):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": val})

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return {str(v) for v in data} != {str(v) for v in initial}


class TypedMultipleChoiceField(MultipleChoiceField):
    def __init__(self, *, coerce=lambda val: val, **kwargs):
        self.coerce = coerce
        self.empty_value = kwargs.pop("empty_value", [])
        super().__init__(**kwargs)

    def _coerce(self, value):
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        new_value = []
        for choice in value:
            try:
                new_value.append(self.coerce(choice))
            except (ValueError, TypeError, ValidationError):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": choice})\
                    from None
        return new_value

    def clean(self, value):
        return self._coerce(super().clean(value))

    def validate(self, value):
        if value != self.empty_value:
            super().validate(value)
        elif self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class ComboField(Field):
    """Clean a value with each of `fields` in turn."""

    def __init__(self, fields, **kwargs):
        super().__init__(**kwargs)
        for f in fields:
            f.required = False
        self.fields = fields

    def clean(self, value):
        super().clean(value)
        for field in self.fields:
            value = field.clean(value)
        return value


class MultiValueField(Field):
    """A value made of several fields' values (with a MultiWidget)."""

    default_error_messages = {
        "invalid": "Enter a list of values.",
        "incomplete": "Enter a complete value.",
    }

    def __init__(self, fields, *, require_all_fields=True, **kwargs):
        self.require_all_fields = require_all_fields
        super().__init__(**kwargs)
        for f in fields:
            f.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            if self.disabled:
                f.disabled = True
            if self.require_all_fields:
                f.required = False
        self.fields = fields

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.fields = tuple(x.__deepcopy__(memo) for x in self.fields)
        return result

    def validate(self, value):
        pass

    def clean(self, value):
        clean_data, errors = [], []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if not value or isinstance(value, (list, tuple)):
            if not value or not [v for v in value if v not in self.empty_values]:
                if self.required:
                    raise ValidationError(self.error_messages["required"],
                                          code="required")
                return self.compress([])
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        for i, field in enumerate(self.fields):
            try:
                field_value = value[i]
            except IndexError:
                field_value = None
            if field_value in self.empty_values:
                if self.require_all_fields:
                    if self.required:
                        raise ValidationError(self.error_messages["required"],
                                              code="required")
                elif field.required:
                    if field.error_messages["incomplete"] not in errors:
                        errors.append(field.error_messages["incomplete"])
                    continue
            try:
                clean_data.append(field.clean(field_value))
            except ValidationError as e:
                errors.extend(m for m in e.error_list if m not in errors)
        if errors:
            raise ValidationError(errors)
        out = self.compress(clean_data)
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list):
        raise NotImplementedError("Subclasses must implement this method.")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        if initial is None:
            initial = ["" for _x in range(len(data))]
        elif not isinstance(initial, list):
            initial = self.widget.decompress(initial)
        for field, initial_value, data_value in zip(self.fields, initial, data):
            try:
                initial_value = field.to_python(initial_value)
            except ValidationError:
                return True
            if field.has_changed(initial_value, data_value):
                return True
        return False


class FilePathField(ChoiceField):
    """A choice among the files (and/or folders) under `path`, as Django
    lists them: optionally recursive, filtered by the regex `match`."""

    def __init__(self, path, *, match=None, recursive=False, allow_files=True,
                 allow_folders=False, **kwargs):
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        super().__init__(choices=(), **kwargs)
        choices = [] if self.required else [("", "---------")]
        if self.match is not None:
            self.match_re = re.compile(self.match)
        if recursive:
            choices += self._walk_choices()
        else:
            choices += self._scan_choices()
        self.choices = choices

    def _matches(self, name):
        return self.match is None or self.match_re.search(name)

    def _walk_choices(self):
        """Every level under path, files before folders; labels relative."""
        found = []
        for root, dirs, files in sorted(os.walk(self.path)):
            names = []
            if self.allow_files:
                names += sorted(files)
            if self.allow_folders:
                names += [d for d in sorted(dirs) if d != "__pycache__"]
            for name in names:
                if self._matches(name):
                    full = os.path.join(root, name)
                    found.append((full, full.replace(self.path, "", 1)))
        return found

    def _scan_choices(self):
        """The entries of path itself, sorted by name."""
        found = []
        with os.scandir(self.path) as entries:
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                wanted = (self.allow_files and entry.is_file()) or (
                    self.allow_folders and entry.is_dir())
                if wanted and self._matches(entry.name):
                    found.append((entry.path, entry.name))
        found.sort(key=lambda choice: choice[1])
        return found


class SplitDateTimeField(MultiValueField):
    widget = SplitDateTimeWidget
    hidden_widget = SplitHiddenDateTimeWidget
    default_error_messages = {
        "invalid_date": "Enter a valid date.",
        "invalid_time": "Enter a valid time.",
    }

    def __init__(self, *, input_date_formats=None, input_time_formats=None, **kwargs):
        errors = dict(self.default_error_messages)
        errors.update(kwargs.get("error_messages") or {})
        localize = kwargs.get("localize", False)
        fields = (
            DateField(input_formats=input_date_formats,
                      error_messages={"invalid": errors["invalid_date"]},
                      localize=localize),
            TimeField(input_formats=input_time_formats,
                      error_messages={"invalid": errors["invalid_time"]},
                      localize=localize),
        )
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        import datetime

        if data_list:
            if data_list[0] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_date"],
                                      code="invalid_date")
            if data_list[1] in self.empty_values:
                raise ValidationError(self.error_messages["invalid_time"],
                                      code="invalid_time")
            return _from_current_timezone(datetime.datetime.combine(*data_list))
        return None


class GenericIPAddressField(CharField):
    """An IPv4 or IPv6 address (IPv6 normalised to its compressed form)."""

    def __init__(self, *, protocol="both", unpack_ipv4=False, **kwargs):
        self.unpack_ipv4 = unpack_ipv4
        self.default_validators = ip_address_validators(protocol, unpack_ipv4)
        kwargs.setdefault("max_length", MAX_IPV6_ADDRESS_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        value = str(value).strip()
        if value and ":" in value:
            return clean_ipv6_address(value, self.unpack_ipv4,
                                      max_length=self.max_length)
        return value


class SlugField(CharField):
    default_validators = [validate_slug]

    def __init__(self, *, allow_unicode=False, **kwargs):
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validate_unicode_slug]
        super().__init__(**kwargs)


class UUIDField(CharField):
    default_error_messages = {"invalid": "Enter a valid UUID."}

    def prepare_value(self, value):
        import uuid

        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def to_python(self, value):
        import uuid

        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not isinstance(value, uuid.UUID):
            try:
                value = uuid.UUID(value)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid")\
                    from None
        return value


class InvalidJSONInput(str):
    pass


class JSONString(str):
    pass


class JSONField(CharField):
    """Any JSON document, edited in a <textarea>."""

    default_error_messages = {"invalid": "Enter a valid JSON."}
    widget = Textarea

    def __init__(self, encoder=None, decoder=None, **kwargs):
        self.encoder, self.decoder = encoder, decoder
        super().__init__(**kwargs)

    def to_python(self, value):
        import json

        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, (list, dict, int, float, JSONString)):
            return value
        try:
            converted = json.loads(value, cls=self.decoder)
        except (ValueError, RecursionError):
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from None
        return JSONString(converted) if isinstance(converted, str) else converted

    def bound_data(self, data, initial):
        import json

        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except (ValueError, RecursionError, TypeError):
            return InvalidJSONInput(data)

    def prepare_value(self, value):
        import json

        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial, data):
        import json

        if super().has_changed(initial, data):
            return True
        return json.dumps(initial, sort_keys=True, cls=self.encoder) != json.dumps(
            self.to_python(data), sort_keys=True, cls=self.encoder)
