"""Where the blog page's time goes: djscratch's parts against the floor's.

    python bench/breakdown.py          # a table
    python bench/breakdown.py --json   # for bench/run.py

The headline says how much slower than the raw floor djscratch serves the
page; this says which part of the request costs what.  Each part is timed on
its own in one process, best of several runs (garbage collection off, as
timeit does), for djscratch running blog.py and for the raw WSGI floor doing
the same job.  Start-up is split the same way, in fresh processes: importing
the framework, building the app, and the first request (which imports what
the first page needs, and compiles its templates).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
os.environ.setdefault("SECRET_KEY", "bench-secret-key-" + "x" * 40)


def best(func, number=200, repeat=9):
    """Best time of one call, in microseconds."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e6


def parts(db_path):
    """Return [(part, floor µs or None, djscratch µs)] for one GET of the page."""
    from bench import workload, worker
    from bench.peers import blog_py, raw

    raw_app = raw.make_app(db_path)
    app = blog_py.make_app(db_path)  # imports blog.py, on djscratch
    import blog
    import djscratch
    from django.core.paginator import Paginator
    from django.http import HttpResponse
    from django.urls import path

    # A view that does nothing, behind the same URLconf and middleware.
    blog.urlpatterns.append(path("bench-empty", lambda request: HttpResponse("ok")))
    djscratch.clear_url_caches()
    status, headers, _ = worker.call(app, worker.environ("/"))
    cookie = worker.csrf_cookie(headers)
    raw_render = raw.make_render(db_path)
    render = blog_py.make_render(db_path)
    conn = __import__("sqlite3").connect(db_path)
    request = djscratch.WSGIRequest(worker.environ("/", cookie=cookie))
    request.META["CSRF_COOKIE"] = "x" * 32

    def orm():
        page = Paginator(blog.Comment.objects.all(), blog.COMMENTS_PER_PAGE).get_page(
            None)
        return list(page.object_list)

    rows = [
        ("the whole GET / (WSGI call)",
         best(lambda: worker.call(raw_app, worker.environ("/", cookie=cookie)), 50),
         best(lambda: worker.call(app, worker.environ("/", cookie=cookie)), 50)),
        ("request/response stack: a view returning \"ok\" (floor: its 404)",
         best(lambda: worker.call(raw_app, worker.environ("/bench-empty"))),
         best(lambda: worker.call(app, worker.environ("/bench-empty", cookie=cookie)))),
        ("CSRF token for the form",
         best(lambda: workload.csrf_token(cookie)),
         best(lambda: djscratch.get_token(request))),
        ("count + page of 20 comments (ORM)",
         best(lambda: workload.load_page(conn, None)), best(orm)),
        ("the comment form's HTML", 0.0, best(lambda: str(blog.CommentForm()))),
        ("template: the page, form pre-rendered", best(raw_render), best(render)),
        ("page.txt read", best(workload.read_page), best(blog.read_page)),
    ]
    rest = rows[0][1] - sum(r[1] for r in rows[1:]), rows[0][2] - sum(
        r[2] for r in rows[1:])
    rows.append(("the rest: view, decorators, paginator, context processors, "
                 "parts interacting (whole minus the parts above)", rest[0], rest[1]))
    return rows, cold_read(app, cookie, blog.read_page)


def cold_read(app, cookie, read_page, n=500):
    """Return µs of read_page() alone, and right after each djscratch GET."""
    import gc

    from bench import worker

    def timed(before):
        total = 0.0
        for _ in range(n):
            before()
            start = time.perf_counter()
            read_page()
            total += time.perf_counter() - start
        return total / n * 1e6

    gc.disable()
    try:
        alone = min(timed(lambda: None) for _ in range(3))
        after = min(timed(lambda: worker.call(app, worker.environ("/", cookie=cookie)))
                    for _ in range(3))
    finally:
        gc.enable()
    return alone, after


#: run with `python -c` in a fresh process, so that nothing else is imported
#: before the timed steps; prints the ms of import, make_app and first GET
STARTUP_CHILD = """
import sys, time
t0 = time.perf_counter()
%s
t1 = time.perf_counter()
sys.path.insert(0, %r)
from bench import worker
module = __import__("bench.peers." + %r, fromlist=["make_app"])
app = module.make_app(%r)
t2 = time.perf_counter()
status, _, _ = worker.call(app, worker.environ("/"))
t3 = time.perf_counter()
assert status == 200, status
print((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3)
"""
IMPORTS = {"raw": "import sqlite3, json, html, urllib.parse",
           "blog_py": "import djscratch"}


def startup(db_path, runs):
    """Return {peer: [import ms, make_app ms, first GET ms]} (medians)."""
    results = {}
    samples = {"raw": [], "blog_py": []}
    for _ in range(runs + 1):
        for which in samples:
            code = STARTUP_CHILD % (IMPORTS[which], ROOT, which, db_path)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                 text=True, cwd=ROOT, check=True)
            samples[which].append([float(x) for x in out.stdout.split()])
    for which, runs_ in samples.items():
        runs_ = runs_[1:]  # the first run leaves the .pyc files
        results[which] = [statistics.median(r[i] for r in runs_) for i in range(3)]
    return results


def measure(runs=7):
    from bench import workload

    folder = tempfile.mkdtemp(prefix="djscratch-breakdown-")
    db_path = os.path.join(folder, "blog.sqlite3")
    workload.make_db(db_path)
    import shutil

    try:
        rows, cold = parts(db_path)
        return {"parts": rows, "cold_read": cold, "startup": startup(db_path, runs)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def table(data):
    lines = ["| part | floor | djscratch | difference |", "|---|---|---|---|"]
    for name, floor, ours in data["parts"]:
        lines.append("| %s | %.1f µs | %.1f µs | %+.1f µs |" % (
            name, floor, ours, ours - floor))
    lines += ["", "| start-up step (fresh process, median) | floor | djscratch |",
              "|---|---|---|"]
    floor, ours = data["startup"]["raw"], data["startup"]["blog_py"]
    for i, step in enumerate(("import the framework (floor: sqlite3, json, html, "
                              "urllib.parse)", "build the app",
                              "first GET / (imports, template compilation)")):
        lines.append("| %s | %.1f ms | %.1f ms |" % (step, floor[i], ours[i]))
    lines += ["", "The same code, warm and cold: reading page.txt takes %.1f µs in a "
              "loop and %.1f µs right after each djscratch GET /." % tuple(
                  data["cold_read"])]
    return "\n".join(lines)


def main(argv):
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    data = measure(3 if "--quick" in argv else 7)
    print(json.dumps(data) if "--json" in argv else table(data))


if __name__ == "__main__":
    main(sys.argv[1:])
