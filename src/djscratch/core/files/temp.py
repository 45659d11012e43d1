"""Temporary files (django/core/files/temp.py): the standard library's
NamedTemporaryFile and gettempdir, under Django's names.

They import tempfile on first use: `import djscratch` stays free of it (and of
the random module it loads) for apps that never write a temporary file.
"""

__all__ = [
    "NamedTemporaryFile", "gettempdir",
]


def NamedTemporaryFile(*args, **kwargs):  # noqa: N802 (Django's name)
    """tempfile.NamedTemporaryFile(), imported when first called."""
    import tempfile

    return tempfile.NamedTemporaryFile(*args, **kwargs)


def gettempdir():
    """tempfile.gettempdir(), imported when first called."""
    import tempfile

    return tempfile.gettempdir()
