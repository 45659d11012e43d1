"""Moving a file safely (django/core/files/move.py): rename when the
destination is on the same file system, otherwise copy and delete.
"""

import os

from djscratch.core.files.locks import LOCK_EX, lock, unlock

__all__ = [
    "file_move_safe",
]


def _move_same_file(src, dst):
    try:
        return os.path.samefile(src, dst)
    except OSError:
        return False


def file_move_safe(old_file_name, new_file_name, chunk_size=1024 * 64,
                   allow_overwrite=False):
    """Move `old_file_name` to `new_file_name`; FileExistsError when the
    destination exists and `allow_overwrite` is False."""
    if _move_same_file(old_file_name, new_file_name):
        return
    try:
        if not allow_overwrite and os.access(new_file_name, os.F_OK):
            raise FileExistsError(
                "Destination file %s exists and allow_overwrite is False."
                % new_file_name)
        os.rename(old_file_name, new_file_name)
        return
    except OSError as err:
        if isinstance(err, FileExistsError):
            raise
        # Another file system (EXDEV): copy the bytes, then delete the source.
    flags = (os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
             | (os.O_EXCL if not allow_overwrite else os.O_TRUNC))
    with open(old_file_name, "rb") as old_file:
        fd = os.open(new_file_name, flags)
        try:
            lock(fd, LOCK_EX)
            while chunk := old_file.read(chunk_size):
                os.write(fd, chunk)
        finally:
            unlock(fd)
            os.close(fd)
    try:
        import shutil

        shutil.copystat(old_file_name, new_file_name)
    except PermissionError:
        pass  # some file systems refuse setting times or modes: keep the copy
    try:
        os.remove(old_file_name)
    except PermissionError as err:
        # The source stays when the OS refuses to delete it (Django ignores
        # only "permission denied" on the source, errno 13).
        if getattr(err, "winerror", 0) != 32:
            raise
