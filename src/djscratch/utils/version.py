"""VERSION and get_version(): the Django release whose behaviour
djscratch follows (django/utils/version.py).
"""

__all__ = [
    "VERSION", "get_version",
]


# Heavy standard-library modules (re, json, datetime, decimal, sqlite3, email,
# hashlib, ...) are imported inside the functions that need them, or through
# _lazy_import below, so `import djscratch` stays close to `python -c pass`.

VERSION = (5, 2, 0, "final", 0)  #: the Django version whose behaviour we follow


def get_version():
    """Return the Django version djscratch is compatible with, as a string."""
    return "%d.%d.%d" % VERSION[:3]
