"""The floor: one WSGI function, sqlite3 and str.format, nothing else."""

import json
import os
import sqlite3
import threading
from html import escape
from urllib.parse import parse_qs

from bench import workload

IMPORT = "import sqlite3, json, html, urllib.parse"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "raw_templates")


def _load(name):
    """Read a str.format template (kept in files: their lines are long HTML)."""
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


PAGE = _load("page.html")
COMMENT = _load("comment.html")
NO_COMMENTS = _load("no_comments.html")
NAV = _load("nav.html")
SCRIPT = _load("script.html")


def make_app(db_path):
    local = threading.local()

    def db():
        conn = getattr(local, "db", None)
        if conn is None:
            conn = local.db = sqlite3.connect(db_path)
        return conn

    def homepage(environ):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        page = workload.load_page(db(), query.get("page", [None])[-1])
        title, text = workload.read_page()
        token, cookie = workload.csrf_token(environ.get("HTTP_COOKIE"))
        comments = "".join(
            COMMENT.format(id=c.id, author=escape(c.author), iso=c.time.isoformat(),
                           when=workload.format_datetime(c.time),
                           body=escape(c.body).replace("\n", "<br>"))
            for c in page) or NO_COMMENTS
        nav = ""
        if page.has_other_pages:
            nav = NAV.format(
                prev=('<a rel="prev" href="?page=%d">Newer comments</a>'
                      % page.previous_page_number) if page.has_previous else "",
                next=('<a rel="next" href="?page=%d">Older comments</a>'
                      % page.next_page_number) if page.has_next else "",
                number=page.number, num_pages=page.num_pages)
        newest = max((c.id for c in page), default=0)
        body = PAGE.format(
            title=escape(title), text=workload.linebreaks(text), csrf_token=token,
            form=workload.FORM_HTML, comments=comments, nav=nav,
            script=SCRIPT.format(newest_id=newest, poll_ms=workload.POLL_MS)
            if page.number == 1 else "")
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if cookie:
            headers.append(("Set-Cookie", cookie))
        return "200 OK", headers, body.encode()

    def comments_json(environ):
        after = parse_qs(environ.get("QUERY_STRING", "")).get("after", ["0"])[-1]
        if not workload.valid_after(after):
            return "400 Bad Request", JSON, json.dumps(workload.ERROR_JSON).encode()
        data = {"comments": workload.comments_after(db(), int(after))}
        return "200 OK", JSON, json.dumps(data).encode()

    routes = {"/": homepage, "/comments.json": comments_json}

    def app(environ, start_response):
        view = routes.get(environ["PATH_INFO"])
        if view is None:
            status, headers, body = "404 Not Found", HTML, b"<h1>Not Found</h1>"
        else:
            status, headers, body = view(environ)
        start_response(status, headers + [("Content-Length", str(len(body)))])
        return [body]

    return app


HTML = [("Content-Type", "text/html; charset=utf-8")]
JSON = [("Content-Type", "application/json")]


def make_render(db_path):
    """Return a function producing the page body with str.format only."""
    conn = sqlite3.connect(db_path)
    page = workload.load_page(conn)
    title, text = workload.read_page()

    def render():
        comments = "".join(
            COMMENT.format(id=c.id, author=escape(c.author), iso=c.time.isoformat(),
                           when=workload.format_datetime(c.time),
                           body=escape(c.body).replace("\n", "<br>"))
            for c in page)
        nav = NAV.format(
            prev="", next='<a rel="next" href="?page=2">Older comments</a>',
            number=page.number, num_pages=page.num_pages)
        return PAGE.format(
            title=escape(title), text=workload.linebreaks(text), csrf_token="t" * 64,
            form=workload.FORM_HTML, comments=comments, nav=nav,
            script=SCRIPT.format(newest_id=50, poll_ms=workload.POLL_MS))

    return render
