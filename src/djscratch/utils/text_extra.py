"""The text helpers of django/utils/text.py the template filters and the
gzip middleware use (Truncator, wrap(), phone2numeric(), compress_string()
and compress_sequence(), get_valid_filename()): the single file builds them
on first use (a deferred section).
"""

import io

from djscratch.utils.regex_helper import _re
from djscratch.core.exceptions_extra import SuspiciousFileOperation
from djscratch.utils.html import _html_parser_class, VOID_ELEMENTS, escape

__all__ = [
    "Truncator", "get_valid_filename", "phone2numeric", "wrap", "compress_string",
    "compress_sequence",
]


def _add_truncation_text(text, truncate=None):
    if truncate is None:
        truncate = "%(truncated_text)s…"
    if "%(truncated_text)s" in truncate:
        return truncate % {"truncated_text": text}
    if text.endswith(truncate):
        return text
    return f"{text}{truncate}"


def _truncate_chars_length(length, replacement):
    import unicodedata

    truncate_len = length
    for char in _add_truncation_text("", replacement):
        if not unicodedata.combining(char):
            truncate_len -= 1
            if truncate_len == 0:
                break
    return truncate_len


def _truncate_html(text, length, replacement, words):
    """Truncate HTML to `length` characters or words, closing open tags."""
    import collections

    class Done(Exception):
        pass

    class Truncate(_html_parser_class()):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags = collections.deque()
            self.out = []
            self.remaining = length if words else _truncate_chars_length(
                length, replacement)
            self.processed = 0

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            if tag not in VOID_ELEMENTS:
                self.handle_endtag(tag)

        def handle_starttag(self, tag, attrs):
            self.out.append(self.get_starttag_text())
            if tag not in VOID_ELEMENTS:
                self.tags.appendleft(tag)

        def handle_endtag(self, tag):
            if tag not in VOID_ELEMENTS:
                self.out.append(f"</{tag}>")
                if self.tags and self.tags[0] == tag:
                    self.tags.popleft()

        def handle_data(self, data):
            if words:
                pieces = _re(r"(?<=\S)\s+(?=\S)").split(data)
                output = escape(" ".join(pieces[:self.remaining]))
            else:
                self.processed += len(data)
                if self.processed == length and sum(map(len, self.out)) + len(
                        data) == len(self.rawdata):
                    # The text fits exactly; it is still text (CVE-2026-115868).
                    self.out.append(escape(data))
                    raise Done
                pieces = data
                output = escape(data[:self.remaining])
            if self.remaining < len(pieces):
                self.remaining = 0
                self.out.append(_add_truncation_text(output, replacement))
                raise Done
            self.remaining -= len(pieces)
            self.out.append(output)

    parser = Truncate()
    try:
        parser.feed(text)
    except Done:
        parser.out.extend(f"</{tag}>" for tag in parser.tags)
    parser.reset()
    return "".join(parser.out)


class Truncator:
    """Shorten text to a number of characters or words (optionally HTML)."""

    def __init__(self, text):
        self.text = str(text)

    def chars(self, num, truncate=None, html=False):
        import unicodedata

        length = int(num)
        if length <= 0:
            return ""
        text = unicodedata.normalize("NFC", self.text)
        if html:
            return _truncate_html(text, length, truncate, words=False)
        truncate_len = _truncate_chars_length(length, truncate)
        s_len, end_index = 0, None
        for i, char in enumerate(text):
            if unicodedata.combining(char):
                continue
            s_len += 1
            if end_index is None and s_len > truncate_len:
                end_index = i
            if s_len > length:
                return _add_truncation_text(text[:end_index or 0], truncate)
        return text

    def words(self, num, truncate=None, html=False):
        length = int(num)
        if length <= 0:
            return ""
        if html:
            return _truncate_html(self.text, length, truncate, words=True)
        # split(None, length) stops after `length` words: the rest (a long
        # text's) is one piece, not a list of words to throw away.  It has
        # more than `length` pieces exactly when split() has more words.
        words = self.text.split(None, length)
        if len(words) > length:
            return _add_truncation_text(" ".join(words[:length]), truncate)
        return " ".join(words)


def get_valid_filename(name):
    """Return `name` as a safe file name: spaces become _, and only letters,
    digits, -, _ and . are kept."""
    s = str(name).strip().replace(" ", "_")
    s = _re(r"[^-\w.]").sub("", s)
    if s in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return s


def phone2numeric(phone):
    """Turn letters in a phone number into digits (1-800-COLLECT)."""
    table = {}
    for digit, letters in (("2", "abc"), ("3", "def"), ("4", "ghi"), ("5", "jkl"),
                           ("6", "mno"), ("7", "pqrs"), ("8", "tuv"), ("9", "wxyz")):
        for letter in letters:
            table[ord(letter)] = digit
    return str(phone).lower().translate(table)


def wrap(text, width):
    """Wrap text at `width` columns, keeping existing line breaks."""
    import textwrap

    wrapper = textwrap.TextWrapper(width=width, break_long_words=False,
                                   break_on_hyphens=False, replace_whitespace=False)
    result = []
    for line in text.splitlines():
        wrapped = wrapper.wrap(line)
        result.extend(wrapped if wrapped else [line])
    if text.endswith("\n"):
        result.append("")
    return "\n".join(result)




def _get_random_filename(max_random_bytes):
    import secrets

    return b"a" * secrets.randbelow(max_random_bytes)


def compress_string(s, *, max_random_bytes=None):
    """gzip `s` (level 6, no timestamp); with max_random_bytes, a file name
    of random length in the header varies the size (against BREACH)."""
    import gzip

    compressed = gzip.compress(s, compresslevel=6, mtime=0)
    if not max_random_bytes:
        return compressed
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    filename = _get_random_filename(max_random_bytes) + b"\x00"
    return bytes(header) + filename + compressed[10:]


class StreamingBuffer(io.BytesIO):
    """A BytesIO whose read() returns what was written since the last one."""

    def read(self):
        data = self.getvalue()
        self.seek(0)
        self.truncate()
        return data


def compress_sequence(sequence, *, max_random_bytes=None):
    """compress_string() for an iterable of bytes: yield gzip data as it is
    produced."""
    import gzip

    buffer = StreamingBuffer()
    filename = _get_random_filename(max_random_bytes) if max_random_bytes else None
    with gzip.GzipFile(filename=filename, mode="wb", compresslevel=6,
                       fileobj=buffer, mtime=0) as zfile:
        yield buffer.read()  # the header
        for item in sequence:
            zfile.write(item)
            data = buffer.read()
            if data:
                yield data
    yield buffer.read()
