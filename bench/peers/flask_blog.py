"""The blog on Flask + Jinja2 + sqlite3 (no ORM), written as Flask users do."""

import os
import sqlite3

from bench import workload

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT = "import flask"


def make_app(db_path):
    from flask import Flask, g, jsonify, render_template, request
    from markupsafe import Markup

    app = Flask(__name__, static_folder=os.path.join(workload.ROOT, "static"),
                template_folder=os.path.join(HERE, "flask_templates"))
    app.jinja_env.keep_trailing_newline = True
    app.jinja_env.filters["linebreaks"] = lambda s: Markup(workload.linebreaks(s))
    app.jinja_env.filters["linebreaksbr"] = lambda s: Markup(workload.linebreaksbr(s))
    app.jinja_env.filters["datetime"] = workload.format_datetime

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(db_path)
        return g.db

    @app.teardown_appcontext
    def close_db(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    @app.get("/")
    def homepage():
        page = workload.load_page(db(), request.args.get("page"))
        title, text = workload.read_page()
        token, cookie = workload.csrf_token(request.headers.get("Cookie"))
        response = app.make_response(render_template(
            "home.html", title=title, text=text, page=page, csrf_token=token,
            newest_id=max((c.id for c in page), default=0),
            poll_ms=workload.POLL_MS))
        if cookie:
            response.headers["Set-Cookie"] = cookie
        return response

    @app.get("/comments.json")
    def comments_json():
        after = request.args.get("after", "0")
        if not workload.valid_after(after):
            return jsonify(workload.ERROR_JSON), 400
        return jsonify({"comments": workload.comments_after(db(), int(after))})

    return app


def make_render(db_path):
    """Return a function rendering home.html with Jinja2 alone."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(os.path.join(HERE, "flask_templates")),
                      autoescape=True, keep_trailing_newline=True)
    env.filters["linebreaks"] = lambda s: Markup(workload.linebreaks(s))
    env.filters["linebreaksbr"] = lambda s: Markup(workload.linebreaksbr(s))
    env.filters["datetime"] = workload.format_datetime
    urls = {"homepage": "/", "comments_json": "/comments.json"}
    env.globals["url_for"] = lambda name, filename=None: urls.get(
        name, "/static/" + str(filename))
    template = env.get_template("home.html")
    page = workload.load_page(sqlite3.connect(db_path))
    title, text = workload.read_page()
    context = {"title": title, "text": text, "page": page, "csrf_token": "t" * 64,
               "newest_id": 50, "poll_ms": workload.POLL_MS}
    return lambda: template.render(context)
