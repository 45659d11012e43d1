"""The blog on Bottle + SimpleTemplate + sqlite3, written as Bottle users do."""

import html
import os
import sqlite3
import threading

from bench import workload

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT = "import bottle"
HELPERS = {"linebreaks": workload.linebreaks, "linebreaksbr": workload.linebreaksbr,
           "format_datetime": workload.format_datetime}


def template_class():
    import bottle

    class Template(bottle.SimpleTemplate):
        # Django's escaping (&#x27; for '), so the pages are byte-identical.
        settings = {"escape_func": html.escape}

    return Template


def make_app(db_path):
    import bottle

    app = bottle.Bottle()
    Template = template_class()
    home = Template(name="home.tpl", lookup=[os.path.join(HERE, "bottle_templates")])
    local = threading.local()

    def db():
        conn = getattr(local, "db", None)
        if conn is None:
            conn = local.db = sqlite3.connect(db_path)
        return conn

    @app.get("/")
    def homepage():
        page = workload.load_page(db(), bottle.request.query.get("page"))
        title, text = workload.read_page()
        token, cookie = workload.csrf_token(bottle.request.headers.get("Cookie"))
        if cookie:
            bottle.response.set_header("Set-Cookie", cookie)
        return home.render(
            HELPERS, title=title, text=text, page=page, csrf_token=token,
            newest_id=max((c.id for c in page), default=0), poll_ms=workload.POLL_MS)

    @app.get("/comments.json")
    def comments_json():
        after = bottle.request.query.get("after", "0")
        if not workload.valid_after(after):
            bottle.response.status = 400
            return workload.ERROR_JSON
        return {"comments": workload.comments_after(db(), int(after))}

    @app.get("/static/<filename>")
    def static(filename):
        return bottle.static_file(filename, root=os.path.join(workload.ROOT, "static"))

    return app


def make_render(db_path):
    """Return a function rendering home.tpl with SimpleTemplate alone."""
    Template = template_class()
    home = Template(name="home.tpl", lookup=[os.path.join(HERE, "bottle_templates")])
    page = workload.load_page(sqlite3.connect(db_path))
    title, text = workload.read_page()
    context = dict(HELPERS, title=title, text=text, page=page, csrf_token="t" * 64,
                   newest_id=50, poll_ms=workload.POLL_MS)
    return lambda: home.render(context)
