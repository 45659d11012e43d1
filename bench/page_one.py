"""Render the blog page (or GET it) N times, for instruction and cache-miss
counts (as bench/orm_one.py), or list the code one render runs.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/page_one.py render blog_py 500     # home.html, as bench/run.py
    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=/dev/null \\
        python bench/page_one.py render raw 500         # the str.format floor
    ... python bench/page_one.py get blog_py 300        # a whole GET / in process
    python bench/page_one.py footprint blog_py          # the code one render runs

Run it with N and with 0 (both with PYTHONHASHSEED=0, after one run that
wrote the .pyc files) and divide the difference of the two totals by N.
Time follows the data a render touches as well as its instructions: the
footprint lists the distinct code objects one render runs and the bytes of
their bytecode (which the interpreter reads as data, inline caches included).
"""

import argparse
import collections
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from bench import worker, workload  # noqa: E402


def make(kind, peer, db_path):
    """Return a function doing one `kind` ("render" or "get") with `peer`."""
    module = __import__("bench.peers." + peer, fromlist=["make_render"])
    if kind == "render":
        if hasattr(module, "make_app"):
            module.make_app(db_path)  # settings, models
        return module.make_render(db_path)
    app = module.make_app(db_path)
    _, headers, _ = worker.call(app, worker.environ("/"))
    env = worker.environ("/", cookie=worker.csrf_cookie(headers))
    return lambda: worker.call(app, dict(env))


def footprint(call):
    """Return {code object: calls} of one call()."""
    codes = collections.Counter()

    def tracer(frame, event, arg):
        codes[frame.f_code] += 1

    sys.setprofile(None)
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return codes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=["render", "get", "footprint"])
    parser.add_argument("peer", help="a module of bench/peers (blog_py, raw, ...)")
    parser.add_argument("calls", type=int, nargs="?", default=0)
    args = parser.parse_args(argv)
    db_path = os.path.join(tempfile.gettempdir(), "djscratch-page-one.db")
    if not os.path.exists(db_path):
        workload.make_db(db_path)
    call = make("render" if args.kind == "footprint" else args.kind, args.peer,
                db_path)
    for _ in range(50):  # caches filled, code generated
        call()
    if args.kind == "footprint":
        codes = footprint(call)
        print("%s: %d code objects, %d bytes of bytecode, %d calls" % (
            args.peer, len(codes), sum(len(code.co_code) for code in codes),
            sum(codes.values())))
        for code, calls in sorted(codes.items(), key=lambda kv: -len(kv[0].co_code)):
            print("%7d %5d  %s (%s)" % (len(code.co_code), calls, code.co_qualname,
                                        os.path.basename(code.co_filename)))
        return
    for _ in range(args.calls):
        call()


if __name__ == "__main__":
    main()
