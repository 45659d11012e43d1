"""Syndication feeds (django/utils/feedgenerator.py): SyndicationFeed with
its RSS 0.91, RSS 2.0 and Atom 1.0 writers, Enclosure, Stylesheet and the
date formats of feeds.  The XML writer (xml.sax's, with sorted attributes and
no control characters) is built on first use, so `import djscratch` does not
load xml.
"""

import urllib.parse
import datetime

from djscratch.forms.utils import flatatt
from djscratch.utils.encoding import iri_to_uri
from djscratch.utils.module_loading import _package

__all__ = [
    "SyndicationFeed", "Rss201rev2Feed", "RssUserland091Feed", "Atom1Feed",
    "DefaultFeed", "Enclosure", "Stylesheet", "rfc2822_date", "rfc3339_date",
    "get_tag_uri",
]


def rfc2822_date(date):
    """`date` (a date is taken at midnight) as RFC 2822 ("Fri, 14 Nov 2008
    13:37:00 -0000" when naive)."""
    import email.utils

    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    return email.utils.format_datetime(date)


def rfc3339_date(date):
    """`date` as RFC 3339 (ISO 8601), "Z" appended when it is naive."""
    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    return date.isoformat() + ("Z" if date.utcoffset() is None else "")


def get_tag_uri(url, date):
    """A tag: URI for an item: tag:host[,YYYY-MM-DD]:path/fragment."""
    bits = urllib.parse.urlsplit(url)
    day = f",{date.strftime('%Y-%m-%d')}" if date is not None else ""
    return f"tag:{bits.hostname}{day}:{bits.path}/{bits.fragment}"


def _guess_stylesheet_mimetype(url):
    """mimetypes.guess_type() that also knows .xsl and .xslt (text/xsl)."""
    import io
    import mimetypes

    types = mimetypes.MimeTypes()
    types.readfp(io.StringIO("text/xsl\txsl\ntext/xsl\txslt"))
    return types.guess_type(url)


class Stylesheet:
    """An xml-stylesheet of an RSS feed (its URL may be lazy)."""

    def __init__(self, url, mimetype="", media="screen"):
        self._url = url
        self._mimetype = mimetype
        self.media = media

    @property
    def url(self):
        return iri_to_uri(self._url)

    @property
    def mimetype(self):
        if self._mimetype == "":
            return _guess_stylesheet_mimetype(self.url)[0]
        return self._mimetype

    def __str__(self):
        attrs = {"href": iri_to_uri(self._url), "type": self.mimetype,
                 "media": self.media}
        return flatatt(attrs).strip()

    def __repr__(self):
        return repr((self.url, self.mimetype, self.media))


def _str_or_none(value):
    return str(value) if value is not None else value


class SyndicationFeed:
    """A feed and its items; subclasses write it (write())."""

    def __init__(self, title, link, description, language=None, author_email=None,
                 author_name=None, author_link=None, subtitle=None, categories=None,
                 feed_url=None, feed_copyright=None, feed_guid=None, ttl=None,
                 stylesheets=None, **kwargs):
        categories = categories and [str(c) for c in categories]
        if stylesheets is not None:
            if isinstance(stylesheets, (Stylesheet, str)):
                raise TypeError(
                    f"stylesheets should be a list, not {stylesheets.__class__}")
            stylesheets = [s if isinstance(s, Stylesheet) else Stylesheet(s)
                           for s in stylesheets]
        self.feed = {
            "title": _str_or_none(title),
            "link": iri_to_uri(link),
            "description": _str_or_none(description),
            "language": _str_or_none(language),
            "author_email": _str_or_none(author_email),
            "author_name": _str_or_none(author_name),
            "author_link": iri_to_uri(author_link),
            "subtitle": _str_or_none(subtitle),
            "categories": categories or (),
            "feed_url": iri_to_uri(feed_url),
            "feed_copyright": _str_or_none(feed_copyright),
            "id": feed_guid or link,
            "ttl": _str_or_none(ttl),
            "stylesheets": stylesheets,
            **kwargs,
        }
        self.items = []

    def add_item(self, title, link, description, author_email=None, author_name=None,
                 author_link=None, pubdate=None, comments=None, unique_id=None,
                 unique_id_is_permalink=None, categories=(), item_copyright=None,
                 ttl=None, updateddate=None, enclosures=None, **kwargs):
        """Add an item: text arguments, pubdate/updateddate datetimes and an
        iterable of Enclosure."""
        categories = categories and [_str_or_none(c) for c in categories]
        self.items.append({
            "title": _str_or_none(title),
            "link": iri_to_uri(link),
            "description": _str_or_none(description),
            "author_email": _str_or_none(author_email),
            "author_name": _str_or_none(author_name),
            "author_link": iri_to_uri(author_link),
            "pubdate": pubdate,
            "updateddate": updateddate,
            "comments": _str_or_none(comments),
            "unique_id": _str_or_none(unique_id),
            "unique_id_is_permalink": unique_id_is_permalink,
            "enclosures": enclosures or (),
            "categories": categories or (),
            "item_copyright": _str_or_none(item_copyright),
            "ttl": _str_or_none(ttl),
            **kwargs,
        })

    def num_items(self):
        return len(self.items)

    def root_attributes(self):
        """Extra attributes of the root (channel or feed) element."""
        return {}

    def add_root_elements(self, handler):
        """Write the elements of the root element."""

    def add_stylesheets(self, handler):
        """Write the stylesheet processing instructions."""

    def item_attributes(self, item):
        """Extra attributes of each item (item or entry) element."""
        return {}

    def add_item_elements(self, handler, item):
        """Write the elements of an item."""

    def write(self, outfile, encoding):
        raise NotImplementedError(
            "subclasses of SyndicationFeed must provide a write() method")

    def writeString(self, encoding):
        """The feed as text, written for `encoding`."""
        import io

        stream = io.StringIO()
        self.write(stream, encoding)
        return stream.getvalue()

    def latest_post_date(self):
        """The latest updateddate or pubdate of the items; now (UTC) when
        none has one."""
        latest = None
        for item in self.items:
            for key in ("updateddate", "pubdate"):
                date = item.get(key)
                if date and (latest is None or date > latest):
                    latest = date
        return latest or datetime.datetime.now(tz=datetime.timezone.utc)


class Enclosure:
    """A file attached to an item (url, length, mime_type: strings)."""

    def __init__(self, url, length, mime_type):
        self.length, self.mime_type = length, mime_type
        self.url = iri_to_uri(url)


def _feed_xml_generator(outfile, encoding):
    """Django's SimplerXMLGenerator (django.utils.xmlutils: sorted attributes,
    addQuickElement(), control characters refused), built on first use."""
    generator = _package().SimplerXMLGenerator
    return generator(outfile, encoding, short_empty_elements=True)


class RssFeed(SyndicationFeed):
    """The RSS writer; subclasses give the version and the items' elements."""

    content_type = "application/rss+xml; charset=utf-8"

    def write(self, outfile, encoding):
        handler = _feed_xml_generator(outfile, encoding)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self):
        return {"version": self._version, "xmlns:atom": "http://www.w3.org/2005/Atom"}

    def write_items(self, handler):
        for item in self.items:
            handler.startElement("item", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("item")

    def add_stylesheets(self, handler):
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)

    def add_root_elements(self, handler):
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.addQuickElement("description", feed["description"])
        if feed["feed_url"] is not None:
            handler.addQuickElement(
                "atom:link", None, {"rel": "self", "href": feed["feed_url"]})
        if feed["language"] is not None:
            handler.addQuickElement("language", feed["language"])
        for category in feed["categories"]:
            handler.addQuickElement("category", category)
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("copyright", feed["feed_copyright"])
        handler.addQuickElement("lastBuildDate", rfc2822_date(self.latest_post_date()))
        if feed["ttl"] is not None:
            handler.addQuickElement("ttl", feed["ttl"])

    def endChannelElement(self, handler):
        handler.endElement("channel")


class RssUserland091Feed(RssFeed):
    _version = "0.91"

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])


class Rss201rev2Feed(RssFeed):
    _version = "2.0"

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])
        self._add_author(handler, item)
        if item["pubdate"] is not None:
            handler.addQuickElement("pubDate", rfc2822_date(item["pubdate"]))
        if item["comments"] is not None:
            handler.addQuickElement("comments", item["comments"])
        if item["unique_id"] is not None:
            guid_attrs = {}
            if isinstance(item.get("unique_id_is_permalink"), bool):
                guid_attrs["isPermaLink"] = str(item["unique_id_is_permalink"]).lower()
            handler.addQuickElement("guid", item["unique_id"], guid_attrs)
        if item["ttl"] is not None:
            handler.addQuickElement("ttl", item["ttl"])
        if item["enclosures"]:
            enclosures = list(item["enclosures"])
            if len(enclosures) > 1:
                raise ValueError(
                    "RSS feed items may only have one enclosure, see "
                    "http://www.rssboard.org/rss-profile#element-channel-item-enclosure")
            enclosure = enclosures[0]
            handler.addQuickElement("enclosure", "", {
                "url": enclosure.url, "length": enclosure.length,
                "type": enclosure.mime_type})
        for category in item["categories"]:
            handler.addQuickElement("category", category)

    @staticmethod
    def _add_author(handler, item):
        if item["author_name"] and item["author_email"]:
            handler.addQuickElement(
                "author", f"{item['author_email']} ({item['author_name']})")
        elif item["author_email"]:
            handler.addQuickElement("author", item["author_email"])
        elif item["author_name"]:
            handler.addQuickElement("dc:creator", item["author_name"],
                                    {"xmlns:dc": "http://purl.org/dc/elements/1.1/"})


class Atom1Feed(SyndicationFeed):
    """The Atom 1.0 writer."""

    content_type = "application/atom+xml; charset=utf-8"
    ns = "http://www.w3.org/2005/Atom"

    def write(self, outfile, encoding):
        handler = _feed_xml_generator(outfile, encoding)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self):
        if self.feed["language"] is not None:
            return {"xmlns": self.ns, "xml:lang": self.feed["language"]}
        return {"xmlns": self.ns}

    def add_root_elements(self, handler):
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", "", {"rel": "alternate", "href": feed["link"]})
        if feed["feed_url"] is not None:
            handler.addQuickElement(
                "link", "", {"rel": "self", "href": feed["feed_url"]})
        handler.addQuickElement("id", feed["id"])
        handler.addQuickElement("updated", rfc3339_date(self.latest_post_date()))
        _add_atom_author(handler, feed)
        if feed["subtitle"] is not None:
            handler.addQuickElement("subtitle", feed["subtitle"])
        for category in feed["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("rights", feed["feed_copyright"])

    def write_items(self, handler):
        for item in self.items:
            handler.startElement("entry", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("entry")

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        if item["pubdate"] is not None:
            handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        if item["updateddate"] is not None:
            handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        _add_atom_author(handler, item)
        unique_id = item["unique_id"]
        if unique_id is None:
            unique_id = get_tag_uri(item["link"], item["pubdate"])
        handler.addQuickElement("id", unique_id)
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "html"})
        for enclosure in item["enclosures"]:
            handler.addQuickElement("link", "", {
                "rel": "enclosure", "href": enclosure.url,
                "length": enclosure.length, "type": enclosure.mime_type})
        for category in item["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if item["item_copyright"] is not None:
            handler.addQuickElement("rights", item["item_copyright"])


def _add_atom_author(handler, data):
    """An Atom <author> (name, email, uri) when `data` has an author_name."""
    if data["author_name"] is None:
        return
    handler.startElement("author", {})
    handler.addQuickElement("name", data["author_name"])
    if data["author_email"] is not None:
        handler.addQuickElement("email", data["author_email"])
    if data["author_link"] is not None:
        handler.addQuickElement("uri", data["author_link"])
    handler.endElement("author")


DefaultFeed = Rss201rev2Feed
