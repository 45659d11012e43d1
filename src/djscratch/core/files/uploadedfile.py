"""The uploaded-file classes
(django/core/files/uploadedfile.py): in memory or in a temporary file.
"""

import os

from djscratch.core.exceptions_extra import SuspiciousFileOperation
from djscratch.conf import settings
from djscratch.core.files.base import File

__all__ = [
    "UploadedFile", "SimpleUploadedFile", "InMemoryUploadedFile",
    "TemporaryUploadedFile",
]


class UploadedFile(File):
    """A file uploaded in a form, as found in request.FILES."""

    def __init__(self, file=None, name=None, content_type=None, size=None,
                 charset=None, content_type_extra=None):
        super().__init__(file, name)
        self.size = size
        self.content_type = content_type
        self.charset = charset
        self.content_type_extra = content_type_extra

    def __repr__(self):
        return "<%s: %s (%s)>" % (type(self).__name__, self.name, self.content_type)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        # Keep only the base name (a client may send "C:\\x\\y.txt" or
        # "../../etc/passwd"), at most 255 characters, keeping the extension.
        if name is not None:
            name = os.path.basename(name.replace("\\", "/"))
            if len(name) > 255:
                base, ext = os.path.splitext(name)
                ext = ext[:255]
                name = base[:255 - len(ext)] + ext
            if name in {"", ".", ".."}:
                raise SuspiciousFileOperation(
                    "Could not derive file name from '%s'" % name)
        self._name = name


class TemporaryUploadedFile(UploadedFile):
    """An upload streamed to a temporary file (FILE_UPLOAD_TEMP_DIR)."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        import tempfile

        _, ext = os.path.splitext(name)
        if len(os.fsencode(ext)) > 100:
            # The client's extension only decorates the temporary name; a long
            # one would push it past the file system's 255 bytes (a 500).
            ext = ""
        file = tempfile.NamedTemporaryFile(
            suffix=".upload" + ext, dir=settings.FILE_UPLOAD_TEMP_DIR)
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self):
        """Return the full path of the temporary file."""
        return self.file.name

    def close(self):
        try:
            return self.file.close()
        except FileNotFoundError:
            pass  # already moved away


class InMemoryUploadedFile(UploadedFile):
    """An upload held in memory (up to FILE_UPLOAD_MAX_MEMORY_SIZE)."""

    def __init__(self, file, field_name, name, content_type, size, charset,
                 content_type_extra=None):
        super().__init__(file, name, content_type, size, charset, content_type_extra)
        self.field_name = field_name

    def open(self, mode=None):
        self.file.seek(0)
        return self

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        yield self.read()

    def multiple_chunks(self, chunk_size=None):
        return False


class SimpleUploadedFile(InMemoryUploadedFile):
    """An in-memory upload made from bytes, for tests: (name, content)."""

    def __init__(self, name, content, content_type="text/plain"):
        import io

        content = content or b""
        super().__init__(io.BytesIO(content), None, name, content_type, len(content),
                         None, None)

    @classmethod
    def from_dict(cls, file_dict):
        return cls(file_dict["filename"], file_dict["content"],
                   file_dict.get("content-type", "text/plain"))
