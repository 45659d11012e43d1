"""multipart/form-data, read in chunks with the limits
Django enforces (django/http/multipartparser.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: http.request.
import djscratch

from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from djscratch.core.exceptions_extra import SuspiciousMultipartForm, TooManyFilesSent
from djscratch.conf import settings
from djscratch.utils.http import parse_header_parameters
from djscratch.core.files.uploadhandler import (
    SkipFile, StopFutureHandlers, StopUpload,
)

__all__ = [
    "MultiPartParserError", "MultiPartParser", "InputStreamExhausted",
    "RAW", "FILE", "FIELD", "FIELD_TYPES", "MAX_TOTAL_HEADER_SIZE", "LazyStream",
]

# The kinds of parts (Django's Parser yields them; they are public names).
RAW = "raw"
FILE = "file"
FIELD = "field"
FIELD_TYPES = frozenset([FIELD, RAW])
MAX_TOTAL_HEADER_SIZE = 1024


class MultiPartParserError(Exception):
    """A multipart/form-data body is malformed (a 400)."""


class InputStreamExhausted(Exception):
    """The body ended before the parser expected it to."""


class MultiPartParser:
    """Parse a multipart/form-data body from `input_data` with the request's
    META (its Content-Type and Content-Length) through `upload_handlers`;
    parse() returns (POST QueryDict, FILES MultiValueDict)."""

    def __init__(self, META, input_data, upload_handlers, encoding=None):
        import re

        content_type = META.get("CONTENT_TYPE", "")
        if not content_type.startswith("multipart/"):
            raise MultiPartParserError("Invalid Content-Type: %s" % content_type)
        if not content_type.isascii():
            raise MultiPartParserError(
                "Invalid non-ASCII Content-Type in multipart: %s" % content_type)
        _, params = parse_header_parameters(content_type)
        boundary = params.get("boundary")
        if not boundary or not re.fullmatch(r"[ -~]{0,200}[!-~]", boundary):
            raise MultiPartParserError("Invalid boundary in multipart: %s" % boundary)
        try:
            content_length = int(META.get("CONTENT_LENGTH", 0))
        except (ValueError, TypeError):
            content_length = 0
        if content_length < 0:
            raise MultiPartParserError("Invalid content length: %r" % content_length)
        self._boundary = boundary.encode("ascii")
        self._input_data = input_data
        sizes = [h.chunk_size for h in upload_handlers if h.chunk_size]
        self._chunk_size = min([2**31 - 4, *sizes])
        self._meta = META
        self._encoding = encoding or settings.DEFAULT_CHARSET
        self._content_length = content_length
        self._upload_handlers = upload_handlers

    def parse(self):
        """Return (POST, FILES)."""
        return _parse_multipart(
            self._input_data, {"boundary": self._boundary.decode("ascii")},
            self._encoding, self._upload_handlers, self._meta, self._content_length)

    def sanitize_file_name(self, file_name):
        """The last path component of an uploaded file's name, HTML entities
        decoded and control characters removed; None for "", "." or ".."."""
        return _sanitize_upload_name(file_name) or None

    IE_sanitize = sanitize_file_name


class _MultipartPartsParser:
    """django.http.multipartparser.Parser, Django's internal iterator over a
    body's parts: djscratch's parser reads the parts itself, so code that
    builds a Parser is refused."""

    def __init__(self, stream, boundary):
        raise NotImplementedError(
            "djscratch's multipart parser has no Parser (an internal of Django's "
            "parser); run such code on the Django engine (DJSCRATCH_ENGINE=django).")


# -- multipart/form-data, read in 64 KiB chunks: fields are kept in memory
#    (counted against DATA_UPLOAD_MAX_MEMORY_SIZE), files stream through the
#    request's upload handlers (memory for small requests, else a temporary
#    file, with the default FILE_UPLOAD_HANDLERS).


class _MultipartReader:
    """Buffered reads from a stream up to a delimiter."""

    chunk_size = 64 * 1024

    def __init__(self, stream):
        self.stream = stream
        self.buffer = b"\r\n"  # so a boundary on the first line is found too

    def _fill(self):
        chunk = self.stream.read(self.chunk_size)
        if not chunk:
            raise MultiPartParserError(
                "The multipart body ended before its closing boundary.")
        self.buffer += chunk

    def read_exact(self, n):
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def read_until(self, delimiter, emit, limit=None, limit_error=None):
        """Pass the bytes before `delimiter` to emit(); consume the delimiter."""
        keep = len(delimiter) - 1
        total = 0
        while True:
            index = self.buffer.find(delimiter)
            if index >= 0:
                data = self.buffer[:index]
                self.buffer = self.buffer[index + len(delimiter):]
            elif len(self.buffer) > keep:
                data = self.buffer[:-keep] if keep else self.buffer
                self.buffer = self.buffer[len(data):]
            else:
                data = b""
            total += len(data)
            if limit is not None and total > limit:
                raise limit_error
            if data:
                emit(data)
            if index >= 0:
                return
            self._fill()


def _parse_multipart(stream, content_params, encoding, handlers=(), meta=None,
                     content_length=None):
    """Parse a multipart/form-data body; return (QueryDict, MultiValueDict).

    Each file streams through the upload `handlers` (request.upload_handlers);
    a handler's handle_raw_input() may parse the whole body instead.
    """
    boundary = content_params.get("boundary", "")
    if not (0 < len(boundary) <= 70 and boundary.isascii() and boundary.isprintable()):
        raise MultiPartParserError("Invalid boundary in multipart: %r" % boundary)
    query_dict = djscratch.http.request.QueryDict
    if content_length == 0:
        return query_dict(encoding=encoding), MultiValueDict()
    for handler in handlers:
        result = handler.handle_raw_input(stream, meta or {}, content_length,
                                          boundary.encode("ascii"), encoding)
        if result is not None:
            return result[0], result[1]
    post = query_dict(mutable=True, encoding=encoding)
    files = MultiValueDict()
    try:
        _parse_parts(_MultipartReader(stream), boundary, encoding, handlers, post,
                     files)
    except StopUpload as err:
        _close_handler_files(handlers)
        if not err.connection_reset:
            _exhaust(stream)
    else:
        _exhaust(stream)
    # any() stops at the first handler whose upload_complete() returns a value.
    any(handler.upload_complete() for handler in handlers)
    post._mutable = False
    return post, files


def _exhaust(stream):
    """Read what is left of the body, so the connection can be reused."""
    while stream.read(64 * 1024):
        pass


def _close_handler_files(handlers):
    for handler in handlers:
        if hasattr(handler, "file"):
            handler.file.close()


def _parse_parts(reader, boundary, encoding, handlers, post, files):
    """Read the parts after the preamble into `post` and `files`."""
    import io

    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    memory_left = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    dash_boundary = ("--" + boundary).encode("ascii")
    part_end = b"\r\n" + dash_boundary
    reader.read_until(part_end, lambda data: None, limit=64 * 1024,
                      limit_error=MultiPartParserError("Multipart preamble too long."))
    num_fields = num_files = 0
    while True:
        after = reader.read_exact(2)
        if after == b"--":
            break
        if after != b"\r\n":
            raise MultiPartParserError("Malformed multipart boundary line.")
        raw = []
        reader.read_until(  # Django's limit on a part's headers
            b"\r\n\r\n", raw.append, limit=MAX_TOTAL_HEADER_SIZE,
            limit_error=MultiPartParserError(
                "Request max total header size exceeded."))
        headers = {}
        for line in b"".join(raw).split(b"\r\n"):
            name, colon, value = line.decode("latin-1").partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        disposition, params = parse_header_parameters(
            headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in params:
            raise MultiPartParserError("A multipart part lacks its form-data name.")
        field_name = _decode_part_text(params["name"], encoding, "field name")
        base64_encoded = (
            headers.get("content-transfer-encoding", "").strip().lower() == "base64")
        if params.get("filename"):  # as Django: filename="" makes a plain field
            num_files += 1
            if max_files is not None and num_files > max_files:
                raise TooManyFilesSent("The number of files exceeded "
                                       "settings.DATA_UPLOAD_MAX_NUMBER_FILES.")
            file_name = _sanitize_upload_name(
                _decode_part_text(params["filename"], encoding, "file name"))
            content_type, type_params = parse_header_parameters(
                headers.get("content-type", ""))
            # As Django: the Content-Type parameters reach the handlers (and
            # content_type_extra, charset) as bytes.
            type_params = {k: v.encode() for k, v in type_params.items()}
            try:
                claimed_length = int(headers.get("content-length", ""))
            except ValueError:
                claimed_length = None
            sink = _UploadSink(handlers, field_name, file_name, content_type,
                               claimed_length, type_params)
            if base64_encoded:
                decoder = _Base64Decoder(sink.write)
                reader.read_until(part_end, decoder.write)
                decoder.finish()
            else:
                reader.read_until(part_end, sink.write)
            upload = sink.finish()
            if upload is not None:
                files.appendlist(field_name, upload)
        else:
            num_fields += 1
            if max_fields is not None and num_fields > max_fields:
                raise TooManyFieldsSent(djscratch.http.request._TOO_MANY_FIELDS)
            data = io.BytesIO()
            reader.read_until(
                part_end, data.write, limit=memory_left,
                limit_error=RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."))
            value = data.getvalue()
            if memory_left is not None:
                # The name counts too, with two bytes as for "&" and "=" in
                # a urlencoded body (Django's count).
                memory_left -= len(value) + len(field_name) + 2
                if memory_left < 0:
                    raise RequestDataTooBig(
                        "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
            if base64_encoded:
                value = _decode_base64_field(value)
            post.appendlist(field_name, _decode_part_text(value, encoding, "form data"))


class _Base64Decoder:
    """Decode a base64 file part as it streams in, ignoring whitespace.

    Only whole 4-character groups are decoded; the 1-3 characters left over
    wait for the next chunk (never a read-ahead, which looped forever on a
    body cut short: CVE-2022-23833).  Characters still waiting at the end
    mean the data was cut short.
    """

    def __init__(self, emit):
        self.emit = emit
        self.rest = b""

    def write(self, data):
        import base64
        import binascii

        data = self.rest + b"".join(data.split())
        aligned = len(data) // 4 * 4
        self.rest = data[aligned:]
        if aligned:
            try:
                self.emit(base64.b64decode(data[:aligned]))
            except binascii.Error:
                raise MultiPartParserError("Could not decode base64 data.") from None

    def finish(self):
        if self.rest:
            raise MultiPartParserError("Could not decode base64 data.")


def _decode_base64_field(value):
    """A base64 form field's bytes; undecodable ones are kept as sent (Django)."""
    import base64
    import binascii

    try:
        return base64.b64decode(value)
    except binascii.Error:
        return value


def _sanitize_upload_name(name):
    """Return an uploaded file's name as Django keeps it: HTML entities decoded,
    the last path component only, no control characters (NUL...); "" (the file
    is dropped) for a name that is empty, "." or ".."."""
    import html

    name = html.unescape(name)
    name = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].strip()
    name = "".join(char for char in name if char.isprintable())
    return "" if name in {".", ".."} else name


def _decode_part_text(value, encoding, what):
    """Decode a part's bytes, or a header parameter (read as latin-1 from the
    raw header, so re-encoded to its bytes first), with `encoding`."""
    if isinstance(value, str):
        try:
            raw = value.encode("latin-1")
        except UnicodeEncodeError:
            return value  # an RFC 2231 parameter, already decoded
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            return value
    try:
        return value.decode(encoding)
    except UnicodeDecodeError:
        raise MultiPartParserError(
            "The %s is not valid %s." % (what, encoding)) from None


class _UploadSink:
    """Feed one uploaded file through the upload handlers, in chunks of the
    smallest handler chunk_size; a handler's SkipFile drops the file."""

    def __init__(self, handlers, field_name, file_name, content_type,
                 content_length, type_params):
        self.handlers = handlers
        self.field_name, self.file_name = field_name, file_name
        self.counters = [0] * len(handlers)
        self.size = 0
        self.pending = b""
        sizes = [h.chunk_size for h in handlers if h.chunk_size]
        # Capped below 2 GiB: some platforms' reads fail above it.
        self.chunk_size = min([2**31 - 4, *sizes])
        self.skipped = not file_name  # a file input left empty: no file
        if self.skipped:
            return
        try:
            for handler in handlers:
                try:
                    handler.new_file(field_name, file_name, content_type,
                                     content_length, type_params.get("charset"),
                                     type_params)
                except StopFutureHandlers:
                    break
        except SkipFile:
            self._skip()

    def _skip(self):
        self.skipped = True
        self.pending = b""
        _close_handler_files(self.handlers)

    def write(self, data):
        if self.skipped:
            return
        self.pending += data
        while len(self.pending) >= self.chunk_size:
            chunk = self.pending[:self.chunk_size]
            self.pending = self.pending[self.chunk_size:]
            self._feed(chunk)
            if self.skipped:
                return

    def _feed(self, chunk):
        self.size += len(chunk)
        try:
            for i, handler in enumerate(self.handlers):
                length = len(chunk)
                chunk = handler.receive_data_chunk(chunk, self.counters[i])
                self.counters[i] += length
                if chunk is None:
                    break  # this handler kept the data
        except SkipFile:
            self._skip()

    def finish(self):
        """Return the UploadedFile the first handler gives, or None."""
        if self.pending and not self.skipped:
            self._feed(self.pending)
            self.pending = b""
        if self.skipped:
            return None
        for i, handler in enumerate(self.handlers):
            file_obj = handler.file_complete(self.counters[i])
            if file_obj:
                return file_obj
        return None


class ChunkIter:
    """Iterate over a file-like object in chunks of `chunk_size` bytes."""

    def __init__(self, flo, chunk_size=64 * 1024):
        self.flo = flo
        self.chunk_size = chunk_size

    def __next__(self):
        try:
            data = self.flo.read(self.chunk_size)
        except InputStreamExhausted:
            raise StopIteration()
        if data:
            return data
        raise StopIteration()

    def __iter__(self):
        return self


class LazyStream:
    """A stream over a producer of byte chunks that can give bytes back
    (unget()), as Django's multipart parser reads.  djscratch's own parser
    reads the body without it; this is for code that uses Django's."""

    def __init__(self, producer, length=None):
        self._producer = producer
        self._leftover = b""
        self.length = length
        self.position = 0
        self._remaining = length
        self._unget_history = []

    def tell(self):
        return self.position

    def read(self, size=None):
        """Up to `size` bytes (all that is left when None)."""
        remaining = self._remaining if size is None else size
        if remaining is None:
            return b"".join(self)
        chunks = []
        while remaining != 0:
            try:
                chunk = next(self)
            except StopIteration:
                break
            emitting = chunk[:remaining]
            self.unget(chunk[remaining:])
            remaining -= len(emitting)
            chunks.append(emitting)
        return b"".join(chunks)

    def __next__(self):
        if self._leftover:
            output, self._leftover = self._leftover, b""
        else:
            output = next(self._producer)
            self._unget_history = []
        self.position += len(output)
        return output

    def __iter__(self):
        return self

    def close(self):
        """Stop producing (bytes already given back are still read)."""
        self._producer = iter(())

    def unget(self, bytes):
        """Put `bytes` back in front of the stream (tell() moves back)."""
        if not bytes:
            return
        self._unget_history = [len(bytes)] + self._unget_history[:49]
        if self._unget_history.count(len(bytes)) > 40:
            raise SuspiciousMultipartForm(
                "The multipart parser got stuck, which shouldn't happen with"
                " normal uploaded files. Check for malicious upload activity;"
                " if there is none, report this to the Django developers.")
        self.position -= len(bytes)
        self._leftover = bytes + self._leftover
