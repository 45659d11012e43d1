"""Temporary files (django/core/files/temp.py): the standard library's
NamedTemporaryFile and gettempdir, under Django's names.
"""

import tempfile

__all__ = [
    "NamedTemporaryFile", "gettempdir",
]

NamedTemporaryFile = tempfile.NamedTemporaryFile
gettempdir = tempfile.gettempdir
