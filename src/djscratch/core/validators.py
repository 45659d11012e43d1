"""Validators (django/core/validators.py): RegexValidator, the length
validators and ProhibitNullCharactersValidator; the others are in
core/validators_extra.py (built on first use).
"""


from djscratch.utils.translation import ngettext
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.core.exceptions import ValidationError

__all__ = [
    "RegexValidator", "MinLengthValidator", "MaxLengthValidator",
    "ProhibitNullCharactersValidator",
]


class _PluralMessage(str):
    """A message with singular and plural forms, chosen when params are applied.

    Django's ngettext_lazy(singular, plural, "key") picks the form from
    params["key"] at % time; this does the same for validation messages.
    """

    def __new__(cls, singular, plural, key):
        self = super().__new__(cls, plural)
        self.singular, self.plural, self.key = singular, plural, key
        return self

    def __mod__(self, params):
        number = params[self.key] if isinstance(params, dict) else params
        return ngettext(self.singular, self.plural, number) % params

    def __reduce__(self):  # a field holding one pickles (Django's lazy does)
        return type(self), (self.singular, self.plural, self.key)


EMPTY_VALUES = (None, "", [], (), {})


class RegexValidator:
    """Raise ValidationError unless str(value) matches `regex` (or, with
    inverse_match, unless it does not)."""

    regex = ""
    message = "Enter a valid value."
    code = "invalid"
    inverse_match = False
    flags = 0

    def __init__(self, regex=None, message=None, code=None, inverse_match=None,
                 flags=None):
        if regex is not None:
            self.regex = regex
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if inverse_match is not None:
            self.inverse_match = inverse_match
        if flags is not None:
            self.flags = flags
        if self.flags and not isinstance(self.regex, str):
            raise TypeError(
                "If the flags are set, regex must be a regular expression string."
            )
        self.regex = _lazy_re_compile(self.regex, self.flags)

    def __call__(self, value):
        matched = self.regex.search(str(value))
        if (matched if self.inverse_match else not matched):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return (
            isinstance(other, RegexValidator)
            and self.regex.pattern == other.regex.pattern
            and self.regex.flags == other.regex.flags
            and self.message == other.message
            and self.code == other.code
            and self.inverse_match == other.inverse_match
        )

    def __hash__(self):
        return hash((type(self), str(self.message), self.code))


# Host name pieces shared by URLValidator and EmailValidator (RFC 1034 labels,
# Unicode letters allowed as in IDNA, a TLD of letters or punycode).
class BaseValidator:
    """Compare a cleaned value with `limit_value`; subclasses pick the test."""

    message = "Ensure this value is %(limit_value)s (it is %(show_value)s)."
    code = "limit_value"

    def __init__(self, limit_value, message=None):
        self.limit_value = limit_value
        if message:
            self.message = message

    def __call__(self, value):
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit):
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (
            self.limit_value == other.limit_value
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))

    def compare(self, a, b):
        return a is not b

    def clean(self, x):
        return x


class MinLengthValidator(BaseValidator):
    """Refuse values shorter than limit_value."""

    message = _PluralMessage(
        "Ensure this value has at least %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has "
        "%(show_value)d).",
        "limit_value",
    )
    code = "min_length"

    def compare(self, a, b):
        return a < b

    def clean(self, x):
        return len(x)


class MaxLengthValidator(BaseValidator):
    """Refuse values longer than limit_value."""

    message = _PluralMessage(
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
        "limit_value",
    )
    code = "max_length"

    def compare(self, a, b):
        return a > b

    def clean(self, x):
        return len(x)


class ProhibitNullCharactersValidator:
    """Refuse values containing a NUL character."""

    message = "Null characters are not allowed."
    code = "null_characters_not_allowed"

    def __init__(self, message=None, code=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value):
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))
