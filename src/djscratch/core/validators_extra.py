"""The validators of django/core/validators.py a form of text fields does
not use: domains, URLs and emails, slugs and integer lists, the IP
addresses, the value, step, decimal and file extension validators.  The
single file builds them on first use (a deferred section).
"""

import urllib.parse
import os

from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.core.exceptions import ValidationError
from djscratch.core.validators import _PluralMessage, BaseValidator, RegexValidator

__all__ = [
    "EmailValidator", "URLValidator", "MinValueValidator", "MaxValueValidator",
    "StepValueValidator", "DecimalValidator", "FileExtensionValidator",
    "validate_email", "validate_slug", "validate_unicode_slug", "validate_ipv4_address",
    "validate_ipv6_address", "validate_ipv46_address", "validate_integer",
    "int_list_validator", "validate_comma_separated_integer_list",
    "DomainNameValidator", "validate_domain_name",
]


_ul = "\u00a1-\uffff"
_hostname_re = (
    r"[a-z" + _ul + r"0-9](?:[a-z" + _ul + r"0-9-]{0,61}[a-z" + _ul + r"0-9])?"
)
_domain_re = r"(?:\.(?!-)[a-z" + _ul + r"0-9-]{1,63}(?<!-))*"
_tld_no_fqdn_re = r"\.(?!-)(?:[a-z" + _ul + "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)"
_tld_re = _tld_no_fqdn_re + r"\.?"
_RE_IGNORECASE = 2  # re.IGNORECASE, spelled out so `re` loads only when used
_ipv4_url_re = (
    r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)"
    r"(?:\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}"
)


class DomainNameValidator(RegexValidator):
    """Validate a domain name: labels of letters, digits and inner hyphens,
    a top-level domain, at most 255 characters; accept_idna=False allows
    ASCII only."""

    message = "Enter a valid domain name."
    hostname_re = _hostname_re
    domain_re = _domain_re
    tld_no_fqdn_re = _tld_no_fqdn_re
    tld_re = _tld_re
    ascii_only_hostname_re = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    ascii_only_domain_re = r"(?:\.(?!-)[a-zA-Z0-9-]{1,63}(?<!-))*"
    ascii_only_tld_re = r"\.(?!-)(?:[a-zA-Z0-9-]{2,63})(?<!-)\.?"
    max_length = 255

    def __init__(self, **kwargs):
        self.accept_idna = kwargs.pop("accept_idna", True)
        if self.accept_idna:
            parts = (self.hostname_re, self.domain_re, self.tld_re)
        else:
            parts = (self.ascii_only_hostname_re, self.ascii_only_domain_re,
                     self.ascii_only_tld_re)
        self.regex = _lazy_re_compile("^" + "".join(parts) + r"\Z", _RE_IGNORECASE)
        super().__init__(**kwargs)

    def __call__(self, value):
        if (not isinstance(value, str) or len(value) > self.max_length
                or (not self.accept_idna and not value.isascii())):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


validate_domain_name = DomainNameValidator()


class URLValidator(RegexValidator):
    """Validate an absolute URL whose scheme is one of `schemes`."""

    regex = _lazy_re_compile(
        r"^(?:[a-z0-9.+-]*)://"
        r"(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"
        r"(?:" + _ipv4_url_re + r"|\[[0-9a-f:.]+\]|("
        + _hostname_re + _domain_re + _tld_re + r"|localhost))"
        r"(?::[0-9]{1,5})?"
        r"(?:[/?#][^\s]*)?"
        r"\Z",
        _RE_IGNORECASE,
    )
    message = "Enter a valid URL."
    schemes = ["http", "https", "ftp", "ftps"]
    unsafe_chars = frozenset("\t\r\n")
    max_length = 2048

    def __init__(self, schemes=None, **kwargs):
        super().__init__(**kwargs)
        if schemes is not None:
            self.schemes = schemes

    def __call__(self, value):
        import re

        def invalid():
            return ValidationError(self.message, code=self.code,
                                   params={"value": value})

        if not isinstance(value, str) or len(value) > self.max_length:
            raise invalid()
        if self.unsafe_chars.intersection(value):
            raise invalid()
        if value.split("://")[0].lower() not in self.schemes:
            raise invalid()
        try:
            parts = urllib.parse.urlsplit(value)
        except ValueError:
            raise invalid() from None
        super().__call__(value)
        host_match = re.search(r"^\[(.+)\](?::[0-9]{1,5})?$", parts.netloc)
        if host_match:
            try:
                validate_ipv6_address(host_match[1])
            except ValidationError:
                raise invalid() from None
        if parts.hostname is None or len(parts.hostname) > 253:
            raise invalid()


_integer_validator = RegexValidator(
    _lazy_re_compile(r"^-?\d+\Z"), message="Enter a valid integer.", code="invalid"
)


def validate_integer(value):
    """Raise ValidationError unless `value` reads as an integer."""
    return _integer_validator(value)


class EmailValidator:
    """Validate an email address: a user part and a domain (or [IP literal])."""

    message = "Enter a valid email address."
    code = "invalid"
    user_regex = _lazy_re_compile(
        r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
        r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])'
        r'*"\Z)',
        _RE_IGNORECASE,
    )
    domain_regex = _lazy_re_compile(
        r"^" + _hostname_re + _domain_re + _tld_no_fqdn_re + r"\Z", _RE_IGNORECASE
    )
    literal_regex = _lazy_re_compile(r"\[([A-F0-9:.]+)\]\Z", _RE_IGNORECASE)
    domain_allowlist = ["localhost"]

    def __init__(self, message=None, code=None, allowlist=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if allowlist is not None:
            self.domain_allowlist = allowlist

    def __call__(self, value):
        if not value or not isinstance(value, str) or "@" not in value or len(
                value) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        user_part, domain_part = value.rsplit("@", 1)
        if not self.user_regex.match(user_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if domain_part not in self.domain_allowlist and not self.validate_domain_part(
            domain_part
        ):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part):
        """Return True if `domain_part` is a host name or a bracketed IP."""
        if self.domain_regex.match(domain_part):
            return True
        literal = self.literal_regex.match(domain_part)
        if literal:
            try:
                validate_ipv46_address(literal[1])
                return True
            except ValidationError:
                pass
        return False

    def __eq__(self, other):
        return (
            isinstance(other, EmailValidator)
            and set(self.domain_allowlist) == set(other.domain_allowlist)
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), str(self.message), self.code))


validate_email = EmailValidator()

validate_slug = RegexValidator(
    _lazy_re_compile(r"^[-a-zA-Z0-9_]+\Z"),
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    "invalid",
)
validate_unicode_slug = RegexValidator(
    _lazy_re_compile(r"^[-\w]+\Z"),
    "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or "
    "hyphens.",
    "invalid",
)



def int_list_validator(sep=",", message=None, code="invalid", allow_negative=False):
    """A RegexValidator for integers separated by `sep` ("1,2,3")."""
    import re

    regexp = _lazy_re_compile(r"^%(neg)s\d+(?:%(sep)s%(neg)s\d+)*\Z" % {
        "neg": "(-)?" if allow_negative else "", "sep": re.escape(sep)})
    return RegexValidator(regexp, message=message, code=code)


validate_comma_separated_integer_list = int_list_validator(
    message="Enter only digits separated by commas.")

MAX_IPV6_ADDRESS_LENGTH = 39


def _ipv6_from_str(ip_str, max_length=MAX_IPV6_ADDRESS_LENGTH):
    import ipaddress

    if len(ip_str) > max_length:
        raise ValueError(
            f"Unable to convert {ip_str} to an IPv6 address (value too long).")
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address(ip_str)))


def is_valid_ipv6_address(ip_addr):
    """Return True if `ip_addr` is a valid IPv6 address."""
    import ipaddress

    if isinstance(ip_addr, ipaddress.IPv6Address):
        return True
    try:
        _ipv6_from_str(ip_addr)
    except (TypeError, ValueError):
        return False
    return True


def clean_ipv6_address(ip_str, unpack_ipv4=False,
                       error_message="This is not a valid IPv6 address.",
                       max_length=MAX_IPV6_ADDRESS_LENGTH):
    """Return the compressed, lower-case form of an IPv6 address."""
    try:
        addr = _ipv6_from_str(ip_str, max_length)
    except ValueError as e:
        # The cause says why (Django keeps it: "value too long").
        raise ValidationError(
            error_message, code="invalid", params={"protocol": "IPv6"}
        ) from e
    if unpack_ipv4 and addr.ipv4_mapped:
        return str(addr.ipv4_mapped)
    if addr.ipv4_mapped:
        return "::ffff:%s" % addr.ipv4_mapped
    return str(addr)


def validate_ipv4_address(value):
    """Raise ValidationError unless `value` is an IPv4 address."""
    import ipaddress

    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid %(protocol)s address.", code="invalid",
            params={"protocol": "IPv4", "value": value},
        ) from None


def validate_ipv6_address(value):
    """Raise ValidationError unless `value` is an IPv6 address."""
    if not is_valid_ipv6_address(value):
        raise ValidationError(
            "Enter a valid %(protocol)s address.", code="invalid",
            params={"protocol": "IPv6", "value": value},
        )


def validate_ipv46_address(value):
    """Raise ValidationError unless `value` is an IPv4 or IPv6 address."""
    try:
        validate_ipv4_address(value)
    except ValidationError:
        try:
            validate_ipv6_address(value)
        except ValidationError:
            raise ValidationError(
                "Enter a valid %(protocol)s address.", code="invalid",
                params={"protocol": "IPv4 or IPv6", "value": value},
            ) from None


_ip_address_validator_map = {
    "both": [validate_ipv46_address],
    "ipv4": [validate_ipv4_address],
    "ipv6": [validate_ipv6_address],
}


def ip_address_validators(protocol, unpack_ipv4):
    """Return the validators for GenericIPAddressField's `protocol`."""
    if protocol != "both" and unpack_ipv4:
        raise ValueError(
            "You can only use `unpack_ipv4` if `protocol` is set to 'both'")
    try:
        return _ip_address_validator_map[protocol.lower()]
    except KeyError:
        raise ValueError(
            "The protocol '%s' is unknown. Supported: %s"
            % (protocol, list(_ip_address_validator_map))
        ) from None


class MaxValueValidator(BaseValidator):
    """Refuse values greater than limit_value."""

    message = "Ensure this value is less than or equal to %(limit_value)s."
    code = "max_value"

    def compare(self, a, b):
        return a > b


class MinValueValidator(BaseValidator):
    """Refuse values smaller than limit_value."""

    message = "Ensure this value is greater than or equal to %(limit_value)s."
    code = "min_value"

    def compare(self, a, b):
        return a < b


class StepValueValidator(BaseValidator):
    """Refuse values that are not offset + a multiple of limit_value."""

    message = "Ensure this value is a multiple of step size %(limit_value)s."
    code = "step_size"

    def __init__(self, limit_value, message=None, offset=None):
        super().__init__(limit_value, message)
        if offset is not None:
            self.message = (
                "Ensure this value is a multiple of step size %(limit_value)s, "
                "starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, "
                "%(valid_value2)s, and so on."
            )
        self.offset = offset

    def __call__(self, value):
        if self.offset is None:
            return super().__call__(value)
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit):
            offset = cleaned.__class__(self.offset)
            params = {
                "limit_value": limit, "offset": offset,
                "valid_value1": offset + limit, "valid_value2": offset + 2 * limit,
            }
            raise ValidationError(self.message, code=self.code, params=params)

    def compare(self, a, b):
        import math

        offset = 0 if self.offset is None else self.offset
        return not math.isclose(math.remainder(a - offset, b), 0, abs_tol=1e-9)


class DecimalValidator:
    """Check a Decimal's total digits, decimal places and whole digits."""

    messages = {
        "invalid": "Enter a number.",
        "max_digits": _PluralMessage(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            "max",
        ),
        "max_decimal_places": _PluralMessage(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            "max",
        ),
        "max_whole_digits": _PluralMessage(
            "Ensure that there are no more than %(max)s digit before the decimal "
            "point.",
            "Ensure that there are no more than %(max)s digits before the decimal "
            "point.",
            "max",
        ),
    }

    def __init__(self, max_digits, decimal_places):
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value):
        digit_tuple, exponent = value.as_tuple()[1:]
        if exponent in {"F", "n", "N"}:
            raise ValidationError(
                self.messages["invalid"], code="invalid", params={"value": value}
            )
        if exponent >= 0:
            digits = len(digit_tuple) + (exponent if digit_tuple != (0,) else 0)
            decimals = 0
        elif abs(exponent) > len(digit_tuple):
            digits = decimals = abs(exponent)
        else:
            digits, decimals = len(digit_tuple), abs(exponent)
        whole_digits = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                self.messages["max_digits"], code="max_digits",
                params={"max": self.max_digits, "value": value},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                self.messages["max_decimal_places"], code="max_decimal_places",
                params={"max": self.decimal_places, "value": value},
            )
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole_digits > self.max_digits - self.decimal_places
        ):
            raise ValidationError(
                self.messages["max_whole_digits"], code="max_whole_digits",
                params={"max": self.max_digits - self.decimal_places, "value": value},
            )

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and self.max_digits == other.max_digits
            and self.decimal_places == other.decimal_places
        )

    def __hash__(self):
        return hash((type(self), self.max_digits, self.decimal_places))


class FileExtensionValidator:
    """Refuse files whose name's extension is not in allowed_extensions."""

    message = (
        "File extension “%(extension)s” is not allowed. "
        "Allowed extensions are: %(allowed_extensions)s."
    )
    code = "invalid_extension"

    def __init__(self, allowed_extensions=None, message=None, code=None):
        if allowed_extensions is not None:
            allowed_extensions = [ext.lower() for ext in allowed_extensions]
        self.allowed_extensions = allowed_extensions
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value):
        extension = os.path.splitext(os.path.basename(value.name or ""))[1][1:]
        extension = extension.lower()
        if self.allowed_extensions is not None and (
            extension not in self.allowed_extensions
        ):
            raise ValidationError(
                self.message, code=self.code,
                params={
                    "extension": extension,
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                    "value": value,
                },
            )

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and set(self.allowed_extensions or [])
            == set(other.allowed_extensions or [])
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self):
        return hash((type(self), self.code))


#: The image formats ImageField recognises without Pillow (by file signature).
_IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp"]


def get_available_image_extensions():
    """Return the extensions ImageField accepts (those whose signature we check)."""
    return list(_IMAGE_EXTENSIONS)


def validate_image_file_extension(value):
    """Refuse a file whose extension is not a supported image format."""
    return FileExtensionValidator(allowed_extensions=_IMAGE_EXTENSIONS)(value)
