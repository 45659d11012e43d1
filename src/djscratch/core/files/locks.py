"""Advisory file locks (django/core/files/locks.py): lock(f, flags) and
unlock(f) over fcntl.flock; where fcntl is missing they do nothing and
return False, as Django's fallback.
"""

import os

__all__ = [
    "LOCK_EX", "LOCK_SH", "LOCK_NB", "lock", "unlock",
]
# fcntl's flags on POSIX; 0 where there is no fcntl (locking is then a no-op).
LOCK_SH, LOCK_NB, LOCK_EX = (1, 4, 2) if os.name == "posix" else (0, 0, 0)


def _fcntl():
    """The fcntl module, or None where it does not exist."""
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


def _lock_fd(f):
    """The file descriptor of a file object (or the int itself)."""
    return f.fileno() if hasattr(f, "fileno") else f


def lock(f, flags):
    """Lock `f` with `flags` (LOCK_EX, LOCK_SH, | LOCK_NB); True on success."""
    fcntl = _fcntl()
    if fcntl is None:
        return False
    try:
        fcntl.flock(_lock_fd(f), flags)
        return True
    except BlockingIOError:
        return False


def unlock(f):
    """Release the lock on `f`; always True where locks exist."""
    fcntl = _fcntl()
    if fcntl is None:
        return False
    fcntl.flock(_lock_fd(f), fcntl.LOCK_UN)
    return True
