"""Start-up of an app whose first page builds deferred sections, two checkouts
side by side: import plus first response, CPU time and peak RSS.

    python bench/section_build.py /tmp/old              # that checkout against this one
    python bench/section_build.py /tmp/old --runs 21
    python bench/section_build.py /tmp/old --app blog   # blog.py's first response

A checkout is a directory with djscratch.py and bench/ (for instance
`git archive <commit> | tar -x -C /tmp/old`).  The app (written to a
temporary directory) has an Author and a Post with a ForeignKey to it, and
its first page filters posts by their author's name: its first response
builds the sections of the relation fields and the expressions, as most
real apps' does (blog.py's builds none).  Each run is a new process, with
.pyc files written and read (PYTHONDONTWRITEBYTECODE unset, caches warm
after a first run each), the two checkouts in turn so that the load of a
shared machine falls on both alike; times are CPU (user + system, from
wait4()), memory the peak RSS (VmHWM).
"""

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

APP = textwrap.dedent('''
    import os, sys
    sys.path.insert(0, os.environ["CHECKOUT"])
    import djscratch

    app = djscratch.App(__name__, DATABASE=os.environ["APP_DB"],
                        ALLOWED_HOSTS=["127.0.0.1"])

    from django.db import models
    from django.http import HttpResponse
    from django.urls import path


    class Author(models.Model):
        name = models.CharField(max_length=50)


    class Post(models.Model):
        author = models.ForeignKey(Author, on_delete=models.CASCADE)
        title = models.CharField(max_length=100)


    def index(request):
        posts = Post.objects.filter(author__name__startswith="a").order_by("-id")
        return HttpResponse(", ".join(f"{p.title} by {p.author.name}" for p in posts))


    urlpatterns = [path("", index)]
''')

CHILD = textwrap.dedent('''
    import os, sys
    sys.path.insert(0, os.environ["CHECKOUT"])
    sys.path.insert(1, os.environ["APP_DIR"])
    from bench.worker import call, environ, peak_rss_kib
    if os.environ["APP"] == "blog":
        from bench.peers import blog_py
        app = blog_py.make_app(os.environ["APP_DB"])
    else:
        import section_app
        app = section_app.app
    status, _, body = call(app, environ())
    assert status == 200, (status, body[:2000])
    print("sections", sorted(getattr(sys.modules["djscratch"], "_SECTIONS_LOADED", ())))
    print("peak_rss_kib", peak_rss_kib())
''')


def environment(checkout, app, app_dir, db):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PYTHONSAFEPATH")}
    env.update(CHECKOUT=checkout, APP=app, APP_DIR=app_dir, APP_DB=db)
    return env


def make_db(path):
    with sqlite3.connect(path) as db:
        db.executescript(
            'CREATE TABLE "section_app_author" ("id" integer NOT NULL PRIMARY KEY '
            'AUTOINCREMENT, "name" varchar(50) NOT NULL);\n'
            'CREATE TABLE "section_app_post" ("id" integer NOT NULL PRIMARY KEY '
            'AUTOINCREMENT, "author_id" bigint NOT NULL REFERENCES '
            '"section_app_author" ("id"), "title" varchar(100) NOT NULL);\n')
        db.executemany('INSERT INTO "section_app_author" ("name") VALUES (?)',
                       [("ann",), ("bob",), ("amy",)])
        db.executemany('INSERT INTO "section_app_post" ("author_id", "title") '
                       'VALUES (?, ?)', [(i % 3 + 1, f"post {i}") for i in range(30)])


def run_once(env):
    """(CPU ms, wall ms, peak RSS MiB, sections line) of one first response."""
    from bench.startup_ab import peak_rss, run_measured

    # (stderr dropped: the schema's notes)
    cpu, wall, out = run_measured(env["CHECKOUT"], [sys.executable, "-c", CHILD], env)
    sections = out.split("sections", 1)[1].split("\n", 1)[0].strip()
    return cpu, wall, peak_rss(out, env["CHECKOUT"]), sections


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", help="the checkout to compare this one with")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--app", choices=("sections", "blog"), default="sections")
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    from bench import workload

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "section_app.py"), "w") as f:
            f.write(APP)
        peers = {}
        for label, checkout in (("other", os.path.abspath(args.other)),
                                ("this", ROOT)):
            db = os.path.join(tmp, label + ".sqlite3")
            if args.app == "blog":
                workload.make_db(db)
            else:
                make_db(db)
            peers[label] = environment(checkout, args.app, tmp, db)
        results = {label: [] for label in peers}
        for env in peers.values():  # write the .pyc files and section caches
            run_once(env)
            run_once(env)
        for _ in range(args.runs):
            for label, env in peers.items():
                results[label].append(run_once(env))
    print(f"{args.app}: import + first response, {args.runs} interleaved runs")
    print(f"{'':8} {'cpu best':>9} {'cpu median':>11} {'wall median':>12} "
          f"{'peak RSS':>9}  sections built")
    for label, rows in results.items():
        cpu = [r[0] for r in rows]
        print(f"{label:8} {min(cpu):8.1f}  {statistics.median(cpu):10.1f} "
              f"{statistics.median(r[1] for r in rows):11.1f} "
              f"{statistics.median(r[2] for r in rows):8.1f}M  {rows[-1][3]}")


if __name__ == "__main__":
    main()
