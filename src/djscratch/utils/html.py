"""HTML helpers (django/utils/html.py): escape(), format_html(),
strip_tags(), linebreaks and friends; urlize() is in utils/html_extra.py
(built on first use).
"""

# urllib.parse is loaded with the framework (email imports it).  A name is
# read from the module (urllib.parse.quote), not imported in a function:
# `from urllib.parse import quote` there costs several microseconds a call on
# Python 3.11-3.13 (the module's __getattr__ fails for __path__ each time).

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: utils.text, utils.deprecation.
import djscratch

from djscratch.utils.functional import Promise
from djscratch.utils.regex_helper import _re
from djscratch.utils.safestring import mark_safe, SafeString
from djscratch.core.exceptions import SuspiciousOperation

__all__ = [
    "escape", "conditional_escape", "format_html", "format_html_join", "escapejs",
    "json_script", "strip_tags", "linebreaks", "avoid_wrapping", "html_safe",
]


#: From this length on, text to escape is escaped as UTF-8 bytes (_escape_utf8()).
_UTF8_ESCAPE_FROM = 96


def _escape_text(text):
    """Return the str `text` with &, <, >, " and ' encoded for HTML.

    The one escaping function: escape() marks its result safe, and the template
    runtime and form rendering call it directly on plain str values.  & goes
    first, so it is not doubled.

    Text with nothing to escape, most of it, comes back as it is after five
    `in` tests: each is a memchr() scan, while each replace() that finds
    nothing still counts the string character by character first.  Measured
    per string (bench/corpus.py's data, CPU time): a 480-character clean
    string 0.84 us -> 0.12 us, a short name 0.17 -> 0.13 us.  A long text to
    escape goes to _escape_utf8() (a 460-character paragraph that holds all
    five characters: 1.5 us -> 0.8 us).  A `str.translate()` table costs 25x
    more on text to escape, re.sub() 7x; a test before each replace() costs
    5% more.  The template runtime writes the same steps inline
    (_inline_escape(), _escape_output(), ...).
    """
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        if len(text) < _UTF8_ESCAPE_FROM:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(
                ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
        return _escape_utf8(text)
    return text


def _escape_utf8(text):
    """_escape_text() for a long str: the five replace() calls run on its
    UTF-8 bytes, and the result is decoded back.

    bytes.replace() finds a character with memchr(); str.replace() counts
    and looks for it one character at a time, so on a long str the encoding
    and decoding cost less than they save.  Measured in rendered templates
    (CPU time, best of rounds): a 460-character paragraph with all five
    characters 1.5 us -> 0.8 us; at 100-160 characters 5-15% less; at 64-72
    characters 20% more (hence _UTF8_ESCAPE_FROM).

    In UTF-8 the five ASCII characters are never part of another character's
    bytes, so the result is the str's own escaping.  A str holding a lone
    surrogate has no UTF-8: it takes the str path.
    """
    try:
        data = text.encode()
    except UnicodeEncodeError:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(
            ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    return data.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(
        b">", b"&gt;").replace(b'"', b"&quot;").replace(b"'", b"&#x27;").decode()


def escape(text):
    """Return `text` with &, <, >, " and ' encoded for HTML, marked safe.

    Like Django, this always escapes, even a SafeString; use
    conditional_escape() to leave safe values alone.
    """
    return SafeString(_escape_text(str(text)))


def conditional_escape(text):
    """Escape `text` unless it is already safe (has __html__)."""
    if type(text) is str:  # the usual case: escape() without a failing hasattr()
        return SafeString(_escape_text(text))
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape(text)


def _escaped_text(text):
    """The text conditional_escape(text) writes, as a plain str for a plain
    str (without building the SafeString escape() returns): for code that
    writes it into a larger string at once."""
    if type(text) is str:
        return _escape_text(text)
    return conditional_escape(text)


def format_html(format_string, *args, **kwargs):
    """Like str.format(), but escape every argument first; the result is safe."""
    if not (args or kwargs):
        # Django 5.2 warns (Django 6.0 raises TypeError).
        import warnings

        warnings.warn(
            "Calling format_html() without passing args or kwargs is deprecated.",
            djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=2)
    args = map(conditional_escape, args)
    kwargs = {k: conditional_escape(v) for k, v in kwargs.items()}
    return mark_safe(format_string.format(*args, **kwargs))


def format_html_join(sep, format_string, args_generator):
    """Join format_html(format_string, *args) for each args tuple with `sep`."""
    return mark_safe(
        conditional_escape(sep).join(
            format_html(format_string, **args)
            if isinstance(args, dict)
            else format_html(format_string, *args)
            for args in args_generator
        )
    )


# -- Text and HTML helpers (django.utils.html, django.utils.text).  Each one is
#    linear in its input: no backtracking regexes on user text.

def avoid_wrapping(value):
    """Replace spaces with non-breaking spaces."""
    return value.replace(" ", "\xa0")


_js_escapes = {ord(c): "\\u%04X" % ord(c) for c in "\\'\"><&=-;`\u2028\u2029"}
_js_escapes.update({i: "\\u%04X" % i for i in range(32)})


def escapejs(value):
    """Escape a string for use inside JavaScript string literals."""
    return mark_safe(str(value).translate(_js_escapes))


def _json_default(o):
    import datetime
    import decimal
    import uuid

    if isinstance(o, datetime.datetime):
        r = o.isoformat()
        if o.microsecond:
            r = r[:23] + r[26:]
        if r.endswith("+00:00"):
            r = r.removesuffix("+00:00") + "Z"
        return r
    if isinstance(o, datetime.date):
        return o.isoformat()
    if isinstance(o, datetime.time):
        r = o.isoformat()
        return r[:12] if o.microsecond else r
    if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
        return str(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def json_script(value, element_id=None, encoder=None):
    """Return value as JSON in a <script type="application/json"> element."""
    import json

    kwargs = {"cls": encoder} if encoder else {"default": _json_default}
    text = json.dumps(value, **kwargs).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"})
    if element_id:
        return format_html('<script id="{}" type="application/json">{}</script>',
                           element_id, mark_safe(text))
    return format_html('<script type="application/json">{}</script>', mark_safe(text))


def linebreaks(value, autoescape=False):
    """Wrap paragraphs in <p> and turn single newlines into <br>."""
    value = str(value)
    if autoescape:  # the whole text at once, as str
        value = _escape_text(value)
    value = djscratch.utils.text.normalize_newlines(value)
    # Paragraphs are split at runs of two or more newlines.  Runs shortened
    # to two make that a plain split(): re.split(r"\n{2,}") walks the text
    # position by position (each pass here at least halves the longest run).
    while "\n\n\n" in value:
        value = value.replace("\n\n\n", "\n\n")
    paras = value.split("\n\n")
    return "\n\n".join(["<p>%s</p>" % p.replace("\n", "<br>") for p in paras])


def _html_parser_class():
    from html.parser import HTMLParser

    return HTMLParser


#: How many rounds of tag stripping strip_tags() does, and how many "<" an
#: unclosed opening tag of 1000+ characters may hold, before it gives up.
MAX_STRIP_TAGS_DEPTH = 50


def strip_tags(value):
    """Return `value` with HTML tags removed.

    Raise SuspiciousOperation (Django's fix for CVE-2025-32873) for input
    that would make the HTML parser slow: an unclosed opening tag of 1000+
    characters holding many "<", or tags nested more than
    MAX_STRIP_TAGS_DEPTH deep. The result is not HTML safe: escape it.
    """
    value = str(value)
    if _has_long_open_tags(value):
        raise SuspiciousOperation
    depth = 0
    while "<" in value and ">" in value:
        if depth >= MAX_STRIP_TAGS_DEPTH:
            raise SuspiciousOperation
        new_value = _strip_once(value)
        if value.count("<") == new_value.count("<"):
            break  # the parser found no more tags to remove
        value = new_value
        depth += 1
    return value


def _has_long_open_tags(value):
    """Return whether an opening tag ("<" and a letter) runs on for 1000+
    characters without ">" and holds MAX_STRIP_TAGS_DEPTH or more "<".

    Django searches r"<[a-zA-Z][^>]{1000,}"; that regex retries at every
    "<" of a run, while one look per ">"-free run finds the same tags.
    """
    if len(value) < 1002:
        return False
    tag_start = _re(r"<[a-zA-Z]")
    for run in value.split(">"):
        found = tag_start.search(run)
        if found and len(run) - found.start() >= 1002 and run.count(
                "<", found.start()) >= MAX_STRIP_TAGS_DEPTH:
            return True
    return False


_tag_stripper = None  #: the TagStripper class, built on first use


def _strip_once(value):
    global _tag_stripper
    if _tag_stripper is None:
        _tag_stripper = _tag_stripper_class()
    s = _tag_stripper(len(value), value.rfind(">"))
    s.feed(value)
    s.close()
    return "".join(s.fed)


def _tag_stripper_class():
    class TagStripper(_html_parser_class()):
        """Collect the text of an HTML document, dropping its markup.

        Two guards against Python's parser (before 3.13.6): an assert it
        fails on "<![" without a known keyword, and the search for a closing
        ">" it repeats for every "<!", "</" or "<?" past the last ">" (a
        quadratic walk through text with many of them).
        """

        def __init__(self, length, last_gt):
            super().__init__(convert_charrefs=False)
            self.fed = []
            self._length, self._last_gt = length, last_gt

        def handle_data(self, d):
            self.fed.append(d)

        def handle_entityref(self, name):
            self.fed.append(f"&{name};")

        def handle_charref(self, name):
            self.fed.append(f"&#{name};")

        def _unclosed_text(self, i):
            # Past the last ">", these constructs never close: the parser
            # would find no ">" and keep the text up to the next "<" as data.
            # Say so at once. Fed in one piece, the text after i is the end
            # of the value: its position there is i plus what was consumed.
            if i + self._length - len(self.rawdata) <= self._last_gt:
                return None
            end = self.rawdata.find("<", i + 1)
            end = i + 1 if end < 0 else end
            self.handle_data(self.rawdata[i:end])
            return end

        def parse_html_declaration(self, i):
            end = self._unclosed_text(i)
            return super().parse_html_declaration(i) if end is None else end

        def parse_comment(self, i, report=1):
            end = self._unclosed_text(i)
            return super().parse_comment(i, report) if end is None else end

        def parse_endtag(self, i):
            end = self._unclosed_text(i)
            return super().parse_endtag(i) if end is None else end

        def parse_pi(self, i):
            end = self._unclosed_text(i)
            return super().parse_pi(i) if end is None else end

        def parse_marked_section(self, i, report=1):
            # "<![<![>": a browser reads "<![" without a known keyword up to
            # the next ">" as a bogus comment, where Python's parser fails an
            # assert (CPython fixed it in 3.13.6 the browsers' way).
            try:
                return super().parse_marked_section(i, report)
            except AssertionError:
                end = self.rawdata.find(">", i + 3)
                return -1 if end < 0 else end + 1

    return TagStripper


VOID_ELEMENTS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "frame", "spacer"))


def html_safe(klass):
    """Decorate a class so its str() is safe HTML and it has __html__()."""
    if "__html__" in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it "
                         "defines __html__().")
    if "__str__" not in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it "
                         "doesn't define __str__().")
    klass_str = klass.__str__
    klass.__str__ = lambda self: mark_safe(klass_str(self))
    klass.__html__ = lambda self: str(self)
    return klass
