"""Path helpers (django/utils/_os.py): safe_join, safe_makedirs,
symlinks_supported, to_path.
"""

import os

from djscratch.core.exceptions_extra import SuspiciousFileOperation

__all__ = [
    "safe_join", "safe_makedirs", "symlinks_supported", "to_path",
]


def safe_join(base, *paths):
    """Join `paths` to `base` as an absolute path; SuspiciousFileOperation
    when the result is not inside `base`."""
    final_path = os.path.abspath(os.path.join(base, *paths))
    base_path = os.path.abspath(base)
    # The result must be base itself or start with base plus a separator
    # (a bare prefix would let /base2 pass for /base); a base of "/" holds all.
    if (not os.path.normcase(final_path).startswith(
            os.path.normcase(base_path + os.sep))
            and os.path.normcase(final_path) != os.path.normcase(base_path)
            and os.path.dirname(os.path.normcase(base_path))
            != os.path.normcase(base_path)):
        raise SuspiciousFileOperation(
            "The joined path ({}) is located outside of the base path "
            "component ({})".format(final_path, base_path))
    return final_path


def safe_makedirs(name, mode=0o777, exist_ok=False):
    """os.makedirs() giving every directory it creates exactly `mode`: a
    chmod() follows each mkdir(), so the process umask (which other threads
    share) is never changed."""
    head, tail = os.path.split(name)
    if not tail:
        head, tail = os.path.split(head)
    if head and tail and not os.path.exists(head):
        try:
            safe_makedirs(head, mode, exist_ok)
        except FileExistsError:
            pass  # another thread created it meanwhile
        if tail == (b"." if isinstance(tail, bytes) else os.curdir):
            return
    try:
        os.mkdir(name, mode)
        os.chmod(name, mode)
    except OSError:
        # Not only EEXIST: the system may report EACCES or EROFS first.
        if not exist_ok or not os.path.isdir(name):
            raise


def symlinks_supported():
    """True if this platform and user can create symbolic links."""
    import shutil
    import tempfile

    tmpdir = tempfile.mkdtemp()
    original_path = os.path.join(tmpdir, "original")
    symlink_path = os.path.join(tmpdir, "symlink")
    os.makedirs(original_path)
    try:
        os.symlink(original_path, symlink_path)
        supported = True
    except (OSError, NotImplementedError):
        supported = False
    else:
        os.remove(symlink_path)
    finally:
        shutil.rmtree(tmpdir)
    return supported


def to_path(value):
    """A pathlib.Path from a str or Path."""
    import pathlib

    if isinstance(value, pathlib.Path):
        return value
    if not isinstance(value, str):
        raise TypeError("Invalid path type: %s" % type(value).__name__)
    return pathlib.Path(value)
