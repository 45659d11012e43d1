"""The blog workload shared by every peer: the data, and the few helpers the
non-Django peers need to reproduce the blog's exact HTML.

The database is the blog's own table (`blog_comment`, the schema djscratch and
Django create for blog.Comment) holding the same 50 comments for every peer,
so each peer reads identical rows with its own code.
"""

import datetime
import html
import os
import re
import secrets
import sqlite3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMENTS = 50
PER_PAGE = 20  # blog.COMMENTS_PER_PAGE
JSON_LIMIT = 100  # blog.JSON_LIMIT
POLL_MS = 10_000  # blog.POLL_MS
SCHEMA = (
    'CREATE TABLE "blog_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
    '"author" varchar(64) NOT NULL, "body" text NOT NULL, "time" datetime NOT NULL)'
)
#: The four requests of the correctness check: (path, query string).
CHECK_REQUESTS = [
    ("/", ""),
    ("/comments.json", "after=0"),
    ("/comments.json", "after=abc"),
    ("/no-such-page", ""),
]
ERROR_JSON = {"error": "'after' must be a comment id (a whole number, 0 or more)."}


def comment_rows():
    """Return the 50 (id, author, body, time) rows, times as SQLite text."""
    start = datetime.datetime(2026, 11, 20, 23, 0, 0)
    rows = []
    for i in range(1, COMMENTS + 1):
        # No quotes in names: Jinja2 escapes them differently (&#39; vs &#x27;).
        author = "reader %d" % i if i % 5 else "Ada & <Co> %d" % i
        body = ("Comment %d: a first line.\nA second line with \"quotes\" & "
                "<b>tags</b>." % i)
        if i % 7 == 0:
            body = "Short %d" % i
        when = start + datetime.timedelta(minutes=23 * i, microseconds=1234 * i)
        if i == 3:
            when = datetime.datetime(2026, 11, 21, 0, 0, 0)  # "midnight"
        if i == 40:
            when = datetime.datetime(2026, 11, 21, 15, 0, 0, 7)  # "3 p.m."
        rows.append((i, author, body, when.isoformat(" ")))
    return rows


def make_db(path):
    """Create `path` with the blog's table and the 50 comments."""
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    with db:
        db.execute(SCHEMA)
        db.executemany(
            'INSERT INTO "blog_comment" ("id", "author", "body", "time") '
            "VALUES (?, ?, ?, ?)", comment_rows())
    db.close()
    return path


def read_page():
    """Return (title, text) from page.txt, as blog.read_page() does."""
    with open(os.path.join(ROOT, "page.txt"), encoding="utf-8") as f:
        title, _, text = f.read().partition("\n")
    return title.strip(), text.strip()


# -- What Django's template filters and formats do, by hand ------------------

MONTHS_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
             "Sept.", "Oct.", "Nov.", "Dec.")


def parse_time(text):
    """Return an aware UTC datetime from SQLite's "YYYY-MM-DD HH:MM:SS[.f]"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)


def format_datetime(dt):
    """Format as Django's DATETIME_FORMAT "N j, Y, P" ("Nov. 21, 2026, 2:05 p.m.")."""
    if dt.minute == 0 and dt.hour == 0:
        clock = "midnight"
    elif dt.minute == 0 and dt.hour == 12:
        clock = "noon"
    else:
        clock = str(dt.hour % 12 or 12)
        if dt.minute:
            clock += ":%02d" % dt.minute
        clock += " a.m." if dt.hour < 12 else " p.m."
    return "%s %d, %d, %s" % (MONTHS_AP[dt.month - 1], dt.day, dt.year, clock)


_paragraphs_re = re.compile(r"\n{2,}")


def linebreaks(text):
    """Escape text and wrap paragraphs in <p>, lines in <br> (Django's filter)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n\n".join(
        "<p>%s</p>" % html.escape(p).replace("\n", "<br>")
        for p in _paragraphs_re.split(text))


def linebreaksbr(text):
    return html.escape(text).replace("\n", "<br>")


def csrf_token(cookie_header):
    """Return (form token, Set-Cookie value or None) for a minimal CSRF scheme.

    The non-Django peers keep a secret in a `csrftoken` cookie (set on first
    visit) and put a fresh 64-character token in the form, as Django does;
    they do not verify POSTs here (the workload is GET only).
    """
    if cookie_header and "csrftoken=" in cookie_header:
        return secrets.token_urlsafe(48), None
    secret = secrets.token_urlsafe(24)
    return secrets.token_urlsafe(48), (
        "csrftoken=%s; Max-Age=31449600; Path=/; SameSite=Lax" % secret)


#: The blog form as Django 5.2 renders `{{ form }}` (div.html), unbound.
FORM_HTML = "\n".join([
    "<div>",
    '    <label for="id_author">Author:</label>',
    "",
    "",
    "",
    '<input type="text" name="author" maxlength="64" required id="id_author">',
    "    ",
    "</div>",
    "",
    "  <div>",
    '    <label for="id_body">Body:</label>',
    "",
    "",
    "",
    '<textarea name="body" cols="40" rows="10" maxlength="1024" required id="id_body">',
    "</textarea>",
    "    ",
    "      ",
    "    ",
    "</div>",
])


class Page:
    """The Paginator page the templates read, for peers without Django's."""

    def __init__(self, comments, number, count):
        self.object_list = comments
        self.number = number
        self.num_pages = max(1, -(-count // PER_PAGE))
        self.has_previous = number > 1
        self.has_next = number < self.num_pages
        self.has_other_pages = self.num_pages > 1
        self.previous_page_number = number - 1
        self.next_page_number = number + 1

    def __iter__(self):
        return iter(self.object_list)


class Comment:
    """A row as the peers' templates use it."""

    __slots__ = ("id", "author", "body", "time")

    def __init__(self, row):
        self.id, self.author, self.body, time = row
        self.time = parse_time(time)


SELECT_PAGE = ('SELECT "id", "author", "body", "time" FROM "blog_comment" '
               'ORDER BY "time" DESC, "id" DESC LIMIT ? OFFSET ?')
SELECT_COUNT = 'SELECT COUNT(*) FROM "blog_comment"'
SELECT_AFTER = ('SELECT "id", "author", "body", "time" FROM "blog_comment" '
                'WHERE "id" > ? ORDER BY "id" LIMIT ?')


def page_number(raw, num_pages):
    """Return the page to show for ?page= (Paginator.get_page's rules)."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    if number < 1 or number > num_pages:
        return num_pages  # get_page() turns EmptyPage into the last page
    return number


def load_page(db, raw_page=None):
    """Return the Page of comments for ?page= with plain sqlite3."""
    count = db.execute(SELECT_COUNT).fetchone()[0]
    num_pages = max(1, -(-count // PER_PAGE))
    number = page_number(raw_page, num_pages)
    rows = db.execute(SELECT_PAGE, (PER_PAGE, (number - 1) * PER_PAGE)).fetchall()
    return Page([Comment(r) for r in rows], number, count)


def comments_after(db, after):
    """Return the JSON-ready list for /comments.json?after= (validated int)."""
    rows = db.execute(SELECT_AFTER, (min(after, 2**63 - 1), JSON_LIMIT)).fetchall()
    return [{"id": r[0], "author": r[1], "body": r[2],
             "time": parse_time(r[3]).isoformat()} for r in rows]


def valid_after(after):
    return after.isascii() and after.isdigit()
