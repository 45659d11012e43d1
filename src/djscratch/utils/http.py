"""HTTP helpers (django/utils/http.py): dates, base36, urlencode,
header parameters and the safe-redirect checks.
"""

import codecs
import datetime
import time
import urllib.parse
# Django's module name for the class (tests patch django.utils.http.datetime).
from datetime import datetime as _http_datetime

from djscratch.utils.regex_helper import _re
from djscratch.utils.datastructures import MultiValueDict

__all__ = [
    "url_has_allowed_host_and_scheme", "http_date", "parse_http_date",
    "parse_http_date_safe", "urlsafe_base64_encode", "urlsafe_base64_decode",
    "quote_etag",
]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
           "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def http_date(epoch_seconds=None):
    """Format a time (default: now) as an HTTP date, RFC 9110 section 5.6.7:
    'Wdy, DD Mon YYYY HH:MM:SS GMT'."""
    t = time.gmtime(epoch_seconds)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        _WEEKDAYS[t.tm_wday], t.tm_mday, _MONTHS[t.tm_mon - 1], t.tm_year,
        t.tm_hour, t.tm_min, t.tm_sec)


def parse_http_date(date):
    """Return the epoch seconds of an HTTP date in any of the three formats
    HTTP allows (RFC 1123, RFC 850, asctime); raise ValueError otherwise."""
    day = r"(?P<day>[0-9]{2})"
    time_ = r"(?P<hour>[0-9]{2}):(?P<min>[0-9]{2}):(?P<sec>[0-9]{2})"
    month = r"(?P<mon>\w{3})"
    for regex in (
        r"^\w{3}, %s %s (?P<year>[0-9]{4}) %s GMT$" % (day, month, time_),
        r"^\w{6,9}, %s-%s-(?P<year>[0-9]{2}) %s GMT$" % (day, month, time_),
        r"^\w{3} %s (?P<day>[ 0-9][0-9]) %s (?P<year>[0-9]{4})$" % (month, time_),
    ):
        m = _re(regex).match(date)
        if m is not None:
            break
    else:
        raise ValueError("%r is not in a valid HTTP date format" % date)
    try:
        year = int(m["year"])
        if year < 100:  # RFC 850: a two-digit year is the nearest one in +-50
            current = _http_datetime.now(tz=datetime.timezone.utc).year
            century = current - current % 100
            year += century - 100 if year - current % 100 > 50 else century
        month_number = _MONTHS.index(m["mon"].title()) + 1
        # datetime() refuses a day or time out of range (32 Oct), as Django's.
        moment = _http_datetime(year, month_number, int(m["day"]), int(m["hour"]),
                                int(m["min"]), int(m["sec"]),
                                tzinfo=datetime.timezone.utc)
        return int(moment.timestamp())
    except Exception as err:
        raise ValueError("%r is not a valid date" % date) from err


def parse_http_date_safe(date):
    """Like parse_http_date(), but return None for an invalid date."""
    try:
        return parse_http_date(date)
    except Exception:
        return None


def base36_to_int(s):
    """Convert a base 36 string (at most 13 digits) to an int."""
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


def int_to_base36(i):
    """Convert a non-negative int to base 36."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    if i < 0:
        raise ValueError("Negative base36 conversion input.")
    if i < 36:
        return chars[i]
    digits = ""
    while i != 0:
        i, n = divmod(i, 36)
        digits = chars[n] + digits
    return digits


def urlsafe_base64_encode(s):
    """Encode bytes in URL-safe base64, without padding, as a str."""
    import base64

    return base64.urlsafe_b64encode(s).rstrip(b"\n=").decode("ascii")


def urlsafe_base64_decode(s):
    """Decode URL-safe base64 that may lack its padding; ValueError if bad."""
    import base64

    s = s.encode() if isinstance(s, str) else s
    try:
        return base64.urlsafe_b64decode(s.ljust(len(s) + len(s) % 4, b"="))
    except (LookupError, ValueError) as err:
        raise ValueError(err) from err


def quote_etag(etag_str):
    """Return `etag_str` as a quoted ETag, unless it already is one."""
    if _re(r'\A((?:W/)?"[^"]*")\Z').match(etag_str):
        return etag_str
    return '"%s"' % etag_str


def parse_etags(etag_str):
    """Return the list of ETags in an If-None-Match style header ("*" kept)."""
    if etag_str.strip() == "*":
        return ["*"]
    found = (_re(r'\A((?:W/)?"[^"]*")\Z').match(e.strip()) for e in etag_str.split(","))
    return [m[1] for m in found if m]


def urlencode(query, doseq=False):
    """Like urllib.parse.urlencode(), but also take a MultiValueDict and refuse
    None values (an empty string or leaving the key out is meant)."""
    if isinstance(query, MultiValueDict):
        query = query.lists()
    elif hasattr(query, "items"):
        query = query.items()
    query_params = []
    for key, value in query:
        if value is None:
            raise TypeError(
                "Cannot encode None for key '%s' in a query string. Did you mean "
                "to pass an empty string or omit the value?" % key)
        if not doseq or isinstance(value, (str, bytes)):
            query_val = value
        else:
            try:
                itr = iter(value)
            except TypeError:
                query_val = value
            else:
                query_val = []
                for item in itr:
                    if item is None:
                        raise TypeError(
                            "Cannot encode None for key '%s' in a query string. Did "
                            "you mean to pass an empty string or omit the value?" % key)
                    query_val.append(item if isinstance(item, bytes) else str(item))
        query_params.append((key, query_val))
    return urllib.parse.urlencode(query_params, doseq)


def is_same_domain(host, pattern):
    """Return True if `host` matches `pattern`: exactly, or as a subdomain when
    the pattern starts with a dot (".example.com")."""
    if not pattern:
        return False
    pattern, host = pattern.lower(), host.lower()  # host names ignore case
    return (pattern[0] == "." and (host.endswith(pattern) or host == pattern[1:])
            or pattern == host)


def url_has_allowed_host_and_scheme(url, allowed_hosts, require_https=False):
    """Return True if `url` is safe to redirect to: relative, or absolute on one
    of `allowed_hosts` with an http(s) scheme (https only with require_https).

    Always check user-supplied redirect targets (?next=...) with this.
    """
    if url is not None:
        url = url.strip()
    if not url:
        return False
    if allowed_hosts is None:
        allowed_hosts = set()
    elif isinstance(allowed_hosts, str):
        allowed_hosts = {allowed_hosts}
    # Browsers read "\" as "/" in paths, so check both spellings.
    return all(_is_safe_url(candidate, allowed_hosts, require_https)
               for candidate in (url, url.replace("\\", "/")))


# Longer URLs are refused unparsed: urlsplit() NFKC-normalizes a non-ASCII
# netloc, which is slow enough on Windows to be a DoS (CVE-2025-27556/64458).
MAX_URL_LENGTH = 2048  #: longest URL url_has_allowed_host_and_scheme() accepts
MAX_URL_REDIRECT_LENGTH = 16384  #: longest target of HttpResponseRedirect


def _is_safe_url(url, allowed_hosts, require_https):
    import unicodedata

    # Browsers treat three slashes as scheme-relative.
    if url.startswith("///") or len(url) > MAX_URL_LENGTH:
        return False
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 literal
        return False
    if parts.scheme and not parts.netloc:  # "http:///evil.com" is evil.com to Chrome
        return False
    if unicodedata.category(url[0])[0] == "C":  # leading control characters
        return False
    scheme = parts.scheme or ("http" if parts.netloc else "")
    valid_schemes = ("https",) if require_https else ("http", "https")
    return ((not parts.netloc or parts.netloc in allowed_hosts)
            and (not scheme or scheme in valid_schemes))


def escape_leading_slashes(url):
    """Keep a path starting with "//" from reading as a scheme-relative URL."""
    if url.startswith("//"):
        url = "/%2F" + url[2:]
    return url


def parse_header_parameters(line):
    """Split a header such as Content-Type into its value and a dict of
    parameters (names lower-cased, quotes removed, RFC 2231 `name*=` decoded)."""
    parts = _split_header_params(";" + line)
    key = parts.pop(0).lower().strip()
    pdict = {}
    for part in parts:
        # As Django's email.message parsing: a parameter without a name is
        # dropped, one without "=" has the value "".
        name, _eq, value = part.partition("=")
        name, value = name.strip().lower(), value.strip()
        if not name:
            continue
        if name.endswith("*"):  # RFC 2231: charset'lang'percent-encoded
            name = name[:-1]
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]  # quoted, though RFC 2231 says not to
            if value.count("'") == 2:
                charset, _lang, value = value.split("'", 2)
                if charset:
                    # An unknown charset is refused, not read as ASCII.
                    try:
                        codecs.lookup(charset)
                    except LookupError:
                        raise ValueError(
                            f"Invalid encoding {charset!r} for RFC 2231 param."
                        ) from None
                pdict[name] = urllib.parse.unquote(
                    value, encoding=charset or "utf-8", errors="replace")
                continue  # decoded: quotes in it are its own
            # No charset'language' part: still percent-decoded (as ASCII),
            # as the standard library's email parser does.
            pdict[name] = urllib.parse.unquote(value, encoding="ascii",
                                               errors="replace")
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        pdict[name] = value
    return key, pdict


def _split_header_params(s):
    """Split on ";" outside double quotes; the first item is the main value.

    `s` is the header with a ";" put before it.  Without a double quote
    every ";" is outside quotes (and a backslash escapes only inside them):
    str.split() answers, and the walk character by character
    (_split_quoted_header_params()) is left to a header that quotes.
    """
    if '"' not in s:
        return s[1:].split(";")
    return _split_quoted_header_params(s)


def _split_quoted_header_params(s):
    """_split_header_params() for any header, one character at a time."""
    out, i = [], 0
    s = s[1:]
    start = 0
    in_quotes = False
    while i < len(s):
        c = s[i]
        if c == "\\" and in_quotes:
            i += 2
            continue
        if c == '"':
            in_quotes = not in_quotes
        elif c == ";" and not in_quotes:
            out.append(s[start:i])
            start = i + 1
        i += 1
    out.append(s[start:])
    return out


def content_disposition_header(as_attachment, filename):
    """Return a Content-Disposition value for `filename` (RFC 6266), or None."""
    if filename:
        disposition = "attachment" if as_attachment else "inline"
        if filename.isascii() and _re(r"^[\t \x21-\x7e]*$").match(filename):
            escaped = filename.replace("\\", "\\\\").replace('"', r"\"")
            return '%s; filename="%s"' % (disposition, escaped)
        return "%s; filename*=utf-8''%s" % (disposition, urllib.parse.quote(filename))
    return "attachment" if as_attachment else None
