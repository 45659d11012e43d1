"""HTML comparison for assertHTMLEqual and assertInHTML
(django/test/html.py).
"""

from djscratch.utils.html import VOID_ELEMENTS

__all__ = [
    "parse_html",
]


# -- HTML comparison (assertHTMLEqual, assertInHTML, assertContains(html=True)).
#    Documents are parsed into a small tree that ignores what HTML ignores:
#    attribute order and quoting, class order, runs of whitespace, the value
#    of boolean attributes, and the end tags of void elements.

_BOOLEAN_HTML_ATTRIBUTES = frozenset(
    "allowfullscreen async autofocus autoplay checked controls default disabled "
    "formnovalidate hidden ismap itemscope loop multiple muted nomodule "
    "novalidate open playsinline readonly required reversed selected "
    "truespeed".split())


class HTMLParseError(Exception):
    """The text given to an HTML assertion is not well-formed enough to compare."""


def _squash_whitespace(text):
    import re

    return re.sub(r"[\t\n\f\r ]+", " ", text)


class _HtmlElement:
    """One element of a parsed document: name, sorted attributes, children."""

    def __init__(self, name, attributes):
        self.name = name
        self.attributes = sorted(attributes)
        self.children = []

    def append(self, child):
        children = self.children
        if isinstance(child, str):
            child = _squash_whitespace(child)
            if children and isinstance(children[-1], str):
                children[-1] = _squash_whitespace(children[-1] + child)
                return
        elif children and isinstance(children[-1], str) and children[-1].isspace():
            children.pop()  # whitespace between two elements does not count
        if child:
            children.append(child)

    def finalize(self):
        """Trim whitespace at the edges of text, recursively."""
        while self.children and isinstance(self.children[-1], str):
            self.children[-1] = self.children[-1].rstrip()
            if self.children[-1]:
                break
            self.children.pop()
        for index, child in enumerate(self.children):
            if isinstance(child, str):
                self.children[index] = child.strip()
            else:
                child.finalize()

    def __eq__(self, other):
        return (isinstance(other, _HtmlElement) and self.name == other.name
                and self.attributes == other.attributes
                and self.children == other.children)

    def __hash__(self):
        return hash((self.name, *self.attributes))

    def _occurrences(self, needle, first_only=False):
        """Count where `needle` (text, element or fragment) occurs in self."""
        if not isinstance(needle, str) and self == needle:
            return 1
        fragment = needle if isinstance(needle, _HtmlRoot) else None
        if fragment is not None and self.children == fragment.children:
            return 1
        found, matched = 0, 0  # matched: length of the current fragment run
        for child in self.children:
            if isinstance(child, str):
                if isinstance(needle, str):
                    found += 1 if first_only and needle in child else (
                        0 if first_only else child.count(needle))
            else:
                found += child._occurrences(needle, first_only)
                if fragment is not None and fragment.children:
                    if fragment.children[matched] == child:
                        matched += 1
                        if matched == len(fragment.children):
                            found, matched = found + 1, 0
                    else:
                        matched = 0
            if first_only and found:
                return found
        return found

    def count(self, needle):
        return self._occurrences(needle)

    def __contains__(self, needle):
        return self._occurrences(needle, first_only=True) > 0

    def __getitem__(self, index):
        return self.children[index]

    def _render_children(self):
        import html

        return "".join(html.escape(c) if isinstance(c, str) else str(c)
                       for c in self.children)

    def __str__(self):
        attrs = "".join(f" {k}" if v is None else f' {k}="{v}"'
                        for k, v in self.attributes)
        if not self.children:
            return f"<{self.name}{attrs}>"
        return f"<{self.name}{attrs}>\n{self._render_children()}\n</{self.name}>"

    __repr__ = __str__


class _HtmlRoot(_HtmlElement):
    """The nameless element holding a fragment of several top-level nodes."""

    def __init__(self):
        super().__init__(None, ())

    def __str__(self):
        return self._render_children()

    __repr__ = __str__


def _html_tree_builder():
    from html.parser import HTMLParser

    class _TreeBuilder(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.root = _HtmlRoot()
            self.open = []

        def _where(self):
            line, column = self.getpos()
            return f"Line {line}, Column {column}"

        def handle_starttag(self, tag, attrs):
            normalized = []
            for name, value in attrs:
                if name == "class" and value:
                    value = " ".join(sorted(_squash_whitespace(value).split()))
                if name in _BOOLEAN_HTML_ATTRIBUTES:
                    value = None if not value or value == name else value
                elif value is None:
                    value = ""
                normalized.append((name, value))
            element = _HtmlElement(tag, normalized)
            (self.open[-1] if self.open else self.root).append(element)
            if tag not in VOID_ELEMENTS:
                self.open.append(element)

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            if tag not in VOID_ELEMENTS:
                self.open.pop()

        def handle_endtag(self, tag):
            # Close up to the matching open element; an end tag with none open
            # is an error (unclosed elements are closed implicitly).
            while self.open:
                if self.open.pop().name == tag:
                    return
            if tag not in VOID_ELEMENTS:
                # Django's error carries the position too: its str() is the
                # (message, (line, column)) pair.
                raise HTMLParseError(f"Unexpected end tag `{tag}` ({self._where()})",
                                     self.getpos())

        def handle_data(self, data):
            (self.open[-1] if self.open else self.root).append(data)

    return _TreeBuilder()


def parse_html(html):
    """Parse HTML into a tree that compares equal to equivalent HTML."""
    builder = _html_tree_builder()
    builder.feed(html)
    builder.close()
    document = builder.root
    document.finalize()
    if len(document.children) == 1 and not isinstance(document.children[0], str):
        return document.children[0]
    return document


def _compare_xml(want, got):
    """Return whether two XML texts are equivalent (order of attributes aside)."""
    import re
    from xml.dom.minidom import Node, parseString

    def text_of(element):
        return re.sub(r"[ \t\n][ \t\n]+", " ", "".join(
            c.data for c in element.childNodes if c.nodeType == Node.TEXT_NODE))

    def elements(element):
        return [c for c in element.childNodes if c.nodeType == Node.ELEMENT_NODE]

    def same(a, b):
        if a.tagName != b.tagName or text_of(a) != text_of(b):
            return False
        if dict(a.attributes.items()) != dict(b.attributes.items()):
            return False
        kids_a, kids_b = elements(a), elements(b)
        return len(kids_a) == len(kids_b) and all(map(same, kids_a, kids_b))

    def first_node(document):
        skip = (Node.COMMENT_NODE, Node.DOCUMENT_TYPE_NODE,
                Node.PROCESSING_INSTRUCTION_NODE)
        return next(n for n in document.childNodes if n.nodeType not in skip)

    want = want.strip().replace("\\n", "\n")
    got = got.strip().replace("\\n", "\n")
    if not want.startswith("<?xml"):
        want, got = f"<root>{want}</root>", f"<root>{got}</root>"
    return same(first_node(parseString(want)), first_node(parseString(got)))
