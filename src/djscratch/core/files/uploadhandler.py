"""Upload handlers (django/core/files/uploadhandler.py): the multipart
parser streams each uploaded file through request.upload_handlers (from
FILE_UPLOAD_HANDLERS): into memory for small requests, else a temporary file.
"""

import os

from djscratch.conf import settings
from djscratch.utils.module_loading import import_string
from djscratch.core.files.uploadedfile import (
    InMemoryUploadedFile, TemporaryUploadedFile,
)

__all__ = [
    "UploadFileException", "StopUpload", "SkipFile", "StopFutureHandlers",
    "FileUploadHandler", "TemporaryFileUploadHandler", "MemoryFileUploadHandler",
    "load_handler",
]


class UploadFileException(Exception):
    """Base of the exceptions an upload handler raises."""


class StopUpload(UploadFileException):
    """Abort the upload: the rest of the body is read and dropped, or, with
    `connection_reset`, left unread (the client sees the connection reset)."""

    def __init__(self, connection_reset=False):
        self.connection_reset = connection_reset

    def __str__(self):
        if self.connection_reset:
            return "StopUpload: Halt current upload."
        return "StopUpload: Consume request data, then halt."


class SkipFile(UploadFileException):
    """Skip the current file: it does not appear in request.FILES."""


class StopFutureHandlers(UploadFileException):
    """Raised by new_file(): the handlers after this one are not told of it."""


class FileUploadHandler:
    """The base of upload handlers: told of each new file, fed its data in
    chunks of at most `chunk_size`, asked for the UploadedFile at the end."""

    chunk_size = 64 * 2**10

    def __init__(self, request=None):
        self.file_name = None
        self.content_type = None
        self.content_length = None
        self.charset = None
        self.content_type_extra = None
        self.request = request

    def handle_raw_input(self, input_data, META, content_length, boundary,
                         encoding=None):
        """Parse the whole body instead of the parser by returning
        (POST, FILES); None lets the parser go on."""

    def new_file(self, field_name, file_name, content_type, content_length,
                 charset=None, content_type_extra=None):
        """A file starts (content_length is the client's claim, if any)."""
        self.field_name = field_name
        self.file_name = file_name
        self.content_type = content_type
        self.content_length = content_length
        self.charset = charset
        self.content_type_extra = content_type_extra

    def receive_data_chunk(self, raw_data, start):
        """Take a chunk; return what the next handler gets (None: nothing)."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a receive_data_chunk() "
            "method")

    def file_complete(self, file_size):
        """The file ended: return its UploadedFile, or None to let the next
        handler answer."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a file_complete() method")

    def upload_complete(self):
        """The whole request was parsed."""

    def upload_interrupted(self):
        """The upload stopped before its file was complete: clean up."""


class TemporaryFileUploadHandler(FileUploadHandler):
    """Stream each file into a temporary file (FILE_UPLOAD_TEMP_DIR)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(self.file_name, self.content_type, 0,
                                          self.charset, self.content_type_extra)

    def receive_data_chunk(self, raw_data, start):
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self):
        if hasattr(self, "file"):
            temp_location = self.file.temporary_file_path()
            try:
                self.file.close()
                os.remove(temp_location)
            except FileNotFoundError:
                pass


class MemoryFileUploadHandler(FileUploadHandler):
    """Keep files in memory when the whole request is at most
    FILE_UPLOAD_MAX_MEMORY_SIZE; otherwise pass them on."""

    def handle_raw_input(self, input_data, META, content_length, boundary,
                         encoding=None):
        import io

        # A seekable body tells its real size (Content-Length may be absent
        # or understated); otherwise trust Content-Length, which the WSGI
        # stream enforces.
        stream = getattr(input_data, "_stream", input_data)
        try:
            content_length = stream.seek(0, os.SEEK_END)
        except (io.UnsupportedOperation, AttributeError, OSError):
            pass
        else:
            stream.seek(0)
        self.activated = (content_length is not None and
                          content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE)

    def new_file(self, *args, **kwargs):
        import io

        super().new_file(*args, **kwargs)
        if self.activated:
            self.file = io.BytesIO()
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if self.activated:
            self.file.write(raw_data)
        else:
            return raw_data

    def file_complete(self, file_size):
        if not self.activated:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra)


def load_handler(path, *args, **kwargs):
    """An instance of the handler class at dotted `path`."""
    return import_string(path)(*args, **kwargs)
