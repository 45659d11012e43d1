"""VERSION and get_version(): the Django release whose behaviour
djscratch follows, and the Python version flags (django/utils/version.py).
"""

import functools
import sys

__all__ = [
    "VERSION", "get_version", "get_main_version", "get_complete_version",
    "get_docs_version", "get_version_tuple", "PY38", "PY39", "PY310", "PY311",
    "PY312", "PY313", "PY314", "PYPY", "get_git_changeset",
]


# Heavy standard-library modules (re, json, datetime, decimal, sqlite3, email,
# hashlib, ...) are imported inside the functions that need them, or through
# _lazy_import below, so `import djscratch` stays close to `python -c pass`.

VERSION = (5, 2, 0, "final", 0)  #: the Django version whose behaviour we follow

PYPY = sys.implementation.name == "pypy"
PY38 = sys.version_info >= (3, 8)
PY39 = sys.version_info >= (3, 9)
PY310 = sys.version_info >= (3, 10)
PY311 = sys.version_info >= (3, 11)
PY312 = sys.version_info >= (3, 12)
PY313 = sys.version_info >= (3, 13)
PY314 = sys.version_info >= (3, 14)


def get_version(version=None):
    """Return the PEP 440 version string of `version` (default VERSION):
    "5.2", "5.2.1", "6.0a1", "6.0rc2"."""
    version = get_complete_version(version)
    main = get_main_version(version)
    sub = ""
    if version[3] == "alpha" and version[4] == 0:
        changeset = get_git_changeset()
        if changeset:
            sub = f".dev{changeset}"
    elif version[3] != "final":
        sub = {"alpha": "a", "beta": "b", "rc": "rc"}[version[3]] + str(version[4])
    return main + sub


def get_main_version(version=None):
    """Return X.Y (X.Y.Z when Z is not 0)."""
    version = get_complete_version(version)
    parts = 2 if version[2] == 0 else 3
    return ".".join(str(x) for x in version[:parts])


def get_complete_version(version=None):
    """Return VERSION, or check that `version` is a 5-tuple like it."""
    if version is None:
        return VERSION
    assert len(version) == 5
    assert version[3] in ("alpha", "beta", "rc", "final")
    return version


def get_docs_version(version=None):
    """Return the docs version: "X.Y", or "dev" before a final release."""
    version = get_complete_version(version)
    return "dev" if version[3] != "final" else "%d.%d" % version[:2]


def get_version_tuple(version):
    """Return the leading numbers of a version string ("5.2.1b1" -> (5, 2, 1))."""
    import re

    numbers = []
    for item in re.split(r"(\d+|[a-z]+|\.)", version):
        if item and item != ".":
            if not item.isdigit():
                break
            numbers.append(int(item))
    return tuple(numbers)


@functools.lru_cache
def get_git_changeset():
    """Return the UTC time of the latest commit of the git checkout holding
    this file, as YYYYMMDDHHMMSS, or None (no checkout, no git, no __file__)."""
    import datetime
    import os
    import subprocess

    try:
        file = __file__
    except NameError:  # a frozen module has no file
        return None
    repo_dir = os.path.dirname(os.path.dirname(os.path.abspath(file)))
    try:
        git_log = subprocess.run(
            ["git", "log", "--pretty=format:%ct", "--quiet", "-1", "HEAD"],
            capture_output=True, cwd=repo_dir, text=True)
        moment = datetime.datetime.fromtimestamp(
            int(git_log.stdout), tz=datetime.timezone.utc)
    except (OSError, ValueError):
        return None
    return moment.strftime("%Y%m%d%H%M%S")


#: django.__version__: the version string of VERSION.
_VERSION_STRING = get_version()
