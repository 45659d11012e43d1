"""File and ContentFile (django/core/files/base.py).
"""

import os

from djscratch.utils.functional import cached_property
from djscratch.core.files.utils import FileProxyMixin

__all__ = [
    "File", "ContentFile",
]


# -- Files: File and the uploaded-file classes (django.core.files.*).


class File(FileProxyMixin):
    """A Python file object with a name, a size and chunked reading.

    Most file methods (read, seek, write, ...) pass through to `file`.
    """

    DEFAULT_CHUNK_SIZE = 64 * 2**10

    def __init__(self, file, name=None):
        self.file = file
        if name is None:
            name = getattr(file, "name", None)
        self.name = name
        if hasattr(file, "mode"):
            self.mode = file.mode

    def __str__(self):
        return self.name or ""

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self or "None")

    def __bool__(self):
        return bool(self.name)

    def __len__(self):
        return self.size

    @cached_property
    def size(self):
        if hasattr(self.file, "size"):
            return self.file.size
        if hasattr(self.file, "name"):
            try:
                return os.path.getsize(self.file.name)
            except (OSError, TypeError):
                pass
        if hasattr(self.file, "tell") and hasattr(self.file, "seek"):
            pos = self.file.tell()
            self.file.seek(0, os.SEEK_END)
            size = self.file.tell()
            self.file.seek(pos)
            return size
        raise AttributeError("Unable to determine the file's size.")

    def chunks(self, chunk_size=None):
        """Yield the file's content in pieces of `chunk_size` bytes."""
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        try:
            self.seek(0)
        except (AttributeError, OSError):
            pass
        while True:
            data = self.read(chunk_size)
            if not data:
                break
            yield data

    def multiple_chunks(self, chunk_size=None):
        """Return True if chunks() would yield more than one piece."""
        return self.size > (chunk_size or self.DEFAULT_CHUNK_SIZE)

    def __iter__(self):
        """Yield lines ending in \n, \r\n or \r, even when a line (or a
        \r\n) straddles two chunks."""
        pending = None
        for chunk in self.chunks():
            for line in chunk.splitlines(True):
                if pending:
                    if _ends_with(pending, "\r") and line not in ("\n", b"\n"):
                        yield pending  # a \r line ended at the chunk's end
                    else:
                        line = pending + line
                    pending = None
                if _ends_with(line, "\n"):
                    yield line
                else:
                    pending = line
        if pending is not None:
            yield pending

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.close()

    def open(self, mode=None, *args, **kwargs):
        if not self.closed:
            self.seek(0)
        elif self.name and os.path.exists(self.name):
            self.file = open(self.name, mode or self.mode, *args, **kwargs)
        else:
            raise ValueError("The file cannot be reopened.")
        return self

    def close(self):
        self.file.close()


def _ends_with(line, end):
    """line.endswith(end) for a str or bytes line."""
    return line.endswith(end if isinstance(line, str) else end.encode())


class ContentFile(File):
    """A File whose content is a str or bytes held in memory."""

    def __init__(self, content, name=None):
        import io

        stream_class = io.StringIO if isinstance(content, str) else io.BytesIO
        super().__init__(stream_class(content), name=name)
        self.size = len(content)

    def __str__(self):
        return "Raw content"

    def __bool__(self):
        return True

    def open(self, mode=None):
        self.seek(0)
        return self

    def close(self):
        pass

    def write(self, data):
        self.__dict__.pop("size", None)  # the size is no longer known
        return self.file.write(data)
