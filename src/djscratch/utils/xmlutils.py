"""XML generation helpers (django/utils/xmlutils.py): SimplerXMLGenerator,
an XMLGenerator that sorts attributes and refuses XML 1.0's control
characters.  Built on first use, so `import djscratch` does not import xml.
"""

import re

#: The characters XML 1.0 cannot hold, even escaped.
_XML_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")


class UnserializableContentError(ValueError):
    """Text holds a character XML 1.0 cannot represent."""


def _simpler_xml_generator_class():
    from xml.sax.saxutils import XMLGenerator

    class SimplerXMLGenerator(XMLGenerator):
        """XMLGenerator with addQuickElement(), sorted attributes (the
        output is deterministic) and a loud failure on control characters."""

        def addQuickElement(self, name, contents=None, attrs=None):
            """An element holding only `contents` (text), or empty."""
            self.startElement(name, attrs or {})
            if contents is not None:
                self.characters(contents)
            self.endElement(name)

        def characters(self, content):
            if content and _XML_CONTROL_CHARS.search(content):
                raise UnserializableContentError(
                    "Control characters are not supported in XML 1.0")
            super().characters(content)

        def startElement(self, name, attrs):
            super().startElement(name, dict(sorted(attrs.items())) if attrs
                                 else attrs)

    SimplerXMLGenerator.__module__ = __name__
    return SimplerXMLGenerator
