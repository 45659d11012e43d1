"""The username validators (django/contrib/auth/validators.py): letters,
digits and @/./+/-/_ only, Unicode or ASCII letters.
"""

import re

from djscratch.core.validators import RegexValidator

__all__ = [
    "UnicodeUsernameValidator", "ASCIIUsernameValidator",
]


class ASCIIUsernameValidator(RegexValidator):
    """Usernames of unaccented letters, digits and @/./+/-/_."""

    regex = r"^[\w.@+-]+\Z"
    message = (
        "Enter a valid username. This value may contain only unaccented lowercase a-z "
        "and uppercase A-Z letters, numbers, and @/./+/-/_ characters.")
    flags = re.ASCII


class UnicodeUsernameValidator(RegexValidator):
    """Usernames of any letters, digits and @/./+/-/_ (AbstractUser's)."""

    regex = r"^[\w.@+-]+\Z"
    message = (
        "Enter a valid username. This value may contain only letters, "
        "numbers, and @/./+/-/_ characters.")
    flags = 0
