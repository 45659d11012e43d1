"""urlize() and its Urlizer, smart_urlquote() (django/utils/html.py): the
single file builds them on first use (a deferred section), as the urlize
filters and the admin's URL widget need them.
"""

import sys
import urllib.parse

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.validators_extra, core.exceptions.
import djscratch

from djscratch.utils.regex_helper import _lazy_re_compile, _re
from djscratch.utils.safestring import SafeData
from djscratch.utils.html import _escape_text, escape

__all__ = ["urlize", "Urlizer", "smart_urlquote"]


#: The characters quote(safe=_URL_SAFE) leaves as they are: a URL segment
#: made of them only (so without "%", which unquote() reads) is unchanged by
#: smart_urlquote()'s unquote() then quote().
_URL_SAFE = "!$&'()*+,;=" + ":/?#[]@" + "~"
_URL_UNCHANGED = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~" + _URL_SAFE)


def _unquote_quote(segment):
    """A URL segment unquoted, then quoted (smart_urlquote()'s step).

    strip() leaves nothing when every character is one that quote() keeps
    and unquote() reads as itself (no "%"): the usual host and path come back
    as they are, without the two calls (2 of urlize()'s 6 us a link).
    """
    if not segment or not segment.strip(_URL_UNCHANGED):
        return segment
    return urllib.parse.quote(urllib.parse.unquote(segment), safe=_URL_SAFE)


def smart_urlquote(url):
    """Quote a URL if it is not already quoted."""
    parse = urllib.parse
    unquote_quote = _unquote_quote

    try:
        scheme, netloc, path, query, fragment = parse.urlsplit(url)
    except ValueError:
        return unquote_quote(url)
    # An IDN host is percent-encoded UTF-8 (WHATWG URL, RFC 3986 3.2.2): the
    # browser does the IDNA, as Django 5.2 leaves it to it.
    netloc = unquote_quote(netloc)
    if query:
        query = parse.urlencode([(parse.unquote(k), parse.unquote(v)) for k, v in
                                 parse.parse_qsl(query, keep_blank_values=True)])
    return _urlunsplit(scheme, netloc, unquote_quote(path), query,
                       unquote_quote(fragment))


def _urlunsplit(scheme, netloc, path, query, fragment):
    """urllib.parse.urlunsplit() of the five parts.  A URL with a scheme, a
    host and a path that is empty or starts with "/" (a link's usual shape)
    is joined here: every Python version joins it so, and urlunsplit()'s
    argument coercion costs 4 times the joining."""
    if scheme and netloc and path[:1] in ("", "/"):
        url = f"{scheme}://{netloc}{path}"
        if query:
            url = f"{url}?{query}"
        return f"{url}#{fragment}" if fragment else url
    return urllib.parse.urlunsplit((scheme, netloc, path, query, fragment))


class Urlizer:
    """Turn URLs and email addresses in text into links (linear time):
    `urlizer(text, ...)` splits the text into words and runs handle_word()
    once per distinct word (subclasses may override it)."""

    trailing_punctuation_chars = ".,:;!"
    wrapping_punctuation = [("(", ")"), ("[", "]")]
    simple_url_re = _lazy_re_compile(r"^https?://\[?\w", 2)
    simple_url_2_re = _lazy_re_compile(
        r"^www\.|^(?!http)\w[^@]+\.(com|edu|gov|int|mil|net|org)($|/.*)$", 2)
    word_split_re = _lazy_re_compile(r"""([\s<>"']+)""")
    mailto_template = "mailto:{local}@{domain}"
    url_template = '<a href="{href}"{attrs}>{url}</a>'

    #: A word (a run between word_split_re's separators) that handle_word()
    #: could make a link: one holding ".", "@" or ":".  The look-behind lets a
    #: match start only where a word starts, so the search stays linear.
    _link_word_re = _lazy_re_compile(r"""(?<![^\s<>"'])[^\s<>"']*[.@:][^\s<>"']*""")

    def __call__(self, text, trim_url_limit=None, nofollow=False, autoescape=False):
        safe_input = isinstance(text, SafeData)
        text = str(text)
        if (type(self).handle_word is not _urlizer_handle_word
                or self.word_split_re is not Urlizer.word_split_re):
            # Another handle_word() (a subclass's, or a mock patched onto
            # Urlizer) or other words: every word goes to handle_word().
            return self._urlize_words(text, safe_input, trim_url_limit, nofollow,
                                      autoescape)
        return self._urlize_links(text, safe_input, trim_url_limit, nofollow,
                                  autoescape)

    def _urlize_words(self, text, safe_input, trim_url_limit, nofollow, autoescape):
        """Django's way: handle_word() for each word and separator."""
        cache = {}
        out = []
        for word in self.word_split_re.split(text):
            done = cache.get(word)
            if done is None:
                done = cache[word] = self.handle_word(
                    word, safe_input=safe_input, trim_url_limit=trim_url_limit,
                    nofollow=nofollow, autoescape=autoescape)
            out.append(done)
        return "".join(out)

    def _urlize_links(self, text, safe_input, trim_url_limit, nofollow, autoescape):
        """_urlize_words() for the own handle_word(), which writes a word
        without ".", "@" or ":" (and every separator) as it is, or escaped:
        only the words that could be links go to it, and the text between
        them is escaped in one piece (escaping goes character by character).
        A text of 80 characters of prose: 290k -> ~60k instructions."""
        escape_plain = autoescape and not safe_input
        if "." not in text and "@" not in text and ":" not in text:
            return _escape_text(text) if escape_plain else text  # no link word
        out = []
        position = 0
        cache = {}
        for match in self._link_word_re.finditer(text):
            start, end = match.span()
            if start > position:
                plain = text[position:start]
                out.append(_escape_text(plain) if escape_plain else plain)
            word = match[0]
            done = cache.get(word)
            if done is None:
                done = cache[word] = self.handle_word(
                    word, safe_input=safe_input, trim_url_limit=trim_url_limit,
                    nofollow=nofollow, autoescape=autoescape)
            out.append(done)
            position = end
        if not out:
            return _escape_text(text) if escape_plain else text
        plain = text[position:]
        out.append(_escape_text(plain) if escape_plain else plain)
        return "".join(out)

    @staticmethod
    def is_email_simple(value):
        """Whether `value` is an email address (EmailValidator's rules, any
        domain: IDN ones are percent-encoded in the link)."""
        if "@" not in value:  # what EmailValidator tests first, without raising
            return False
        try:
            djscratch.core.validators_extra.EmailValidator(allowlist=[])(value)
        except djscratch.core.exceptions.ValidationError:
            return False
        return True

    def handle_word(self, word, *, safe_input, trim_url_limit=None, nofollow=False,
                    autoescape=False):
        """One word as a link, or as it was (escaped if autoescape)."""
        if "." in word or "@" in word or ":" in word:
            html_module = sys.modules.get("html")  # imported on the first link
            if html_module is None:
                import html as html_module
            quote = urllib.parse.quote
            lead, middle, trail = self.trim_punctuation(word)
            url = None
            rel = ' rel="nofollow"' if nofollow else ""
            if len(middle) <= 2048 and self.simple_url_re.match(middle):
                url = smart_urlquote(html_module.unescape(middle))
            elif len(middle) <= 2048 and self.simple_url_2_re.match(middle):
                url = smart_urlquote("http://%s" % html_module.unescape(middle))
            elif ":" not in middle and self.is_email_simple(middle):
                local, domain = middle.rsplit("@", 1)
                url = self.mailto_template.format(
                    local=quote(local, safe=""), domain=quote(domain, safe=""))
                rel = ""
            if url:
                trimmed = self.trim_url(middle, limit=trim_url_limit)
                if autoescape and not safe_input:
                    lead, trail, trimmed = (
                        _escape_text(lead), _escape_text(trail),
                        _escape_text(str(trimmed)))
                href = _escape_text(url)
                if self.url_template is Urlizer.url_template:  # format() written out
                    link = f'<a href="{href}"{rel}>{trimmed}</a>'
                else:
                    link = self.url_template.format(href=href, attrs=rel, url=trimmed)
                return f"{lead}{link}{trail}"
        if safe_input:
            return word
        if autoescape:
            return escape(word)
        return word

    def trim_url(self, x, *, limit):
        """x, cut to `limit` characters with an ellipsis."""
        if limit is None or len(x) <= limit:
            return x
        return "%s…" % x[:max(0, limit - 1)]

    def trim_punctuation(self, word):
        """(lead, middle, trail): the word without the punctuation around it.
        Django's rules, including its quirk: stripping a closing bracket
        replaces (not extends) the trail found so far."""
        if (self.wrapping_punctuation is Urlizer.wrapping_punctuation
                and not _re(r"[()\[\]]").search(word)):
            if word[-1:] not in self.trailing_punctuation_chars:
                return "", word, ""  # no bracket, no trailing punctuation: as is
            if "&" not in word:  # no entity to keep a ";": strip them all
                middle = word.rstrip(self.trailing_punctuation_chars)
                return "", middle, word[len(middle):]
        return self._trim_punctuation(word)

    def _trim_punctuation(self, word):
        """trim_punctuation() the general way: brackets, entities."""
        middle = word.lstrip("".join(o for o, _c in self.wrapping_punctuation))
        lead, trail = word[:len(word) - len(middle)], ""
        counts = {c: middle.count(c) for pair in self.wrapping_punctuation
                  for c in pair}
        trimmed = True
        while trimmed and middle:
            trimmed = False
            for opening, closing in self.wrapping_punctuation:
                if counts[opening] < counts[closing]:
                    if middle.rstrip(closing) != middle:
                        strip = counts[closing] - counts[opening]
                        trail = middle[-strip:]
                        middle = middle[:-strip]
                        trimmed = True
                        counts[closing] -= strip
            chars = self.trailing_punctuation_chars
            amp = middle.rfind("&")
            if amp != -1:
                chars = chars.replace(";", "")
            stripped = middle.rstrip(chars)
            if stripped != middle:
                trail = middle[len(stripped):] + trail
                middle = stripped
                trimmed = True
            if ";" in self.trailing_punctuation_chars and middle.endswith(";"):
                before = middle
                middle, trail = self._trim_semicolons(middle, trail, amp)
                trimmed = trimmed or middle != before
        return lead, middle, trail

    def _trim_semicolons(self, middle, trail, amp):
        """Move trailing semicolons to the trail unless the last one ends an
        HTML entity (&amp;), as Django 5.2.x: "?x=&amp;;" keeps "&amp;"."""
        import html

        potential_entity = middle[amp:]
        escaped = html.unescape(potential_entity)
        if escaped != potential_entity and not escaped.endswith(";"):
            return middle, trail  # the semicolon ends the entity: kept
        rstripped = middle.rstrip(self.trailing_punctuation_chars)
        start = len(rstripped)
        if amp > -1 and len(middle) - len(middle.rstrip(";")) > 1:
            # Keep up to the first semicolon: it may end an entity.
            end = middle[start:].index(";") + start + 1
            return rstripped + middle[start:end], middle[end:] + trail
        return rstripped, middle[start:] + trail


_urlizer_handle_word = Urlizer.handle_word
urlizer = Urlizer()


def urlize(text, trim_url_limit=None, nofollow=False, autoescape=False):
    """Turn URLs and email addresses in text into links (linear time)."""
    return urlizer(text, trim_url_limit=trim_url_limit, nofollow=nofollow,
                   autoescape=autoescape)
