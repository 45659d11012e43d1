"""The Python work of one GET / of blog.py, counted: bytecodes and calls.

    python bench/opcount.py                      # by module, then by function
    python bench/opcount.py --top 40 --by function
    python bench/opcount.py --djscratch /tmp/old/djscratch.py   # another copy,
                                                 # side by side with this one
    python bench/opcount.py --json

Times on a shared machine move with its load; the number of bytecodes a
request runs does not.  Each GET is counted in a fresh process after a
warm-up (templates compiled, caches filled), with sys.settrace() and
f_trace_opcodes: every bytecode the interpreter runs is counted against its
function (by qualified name), and the flat file's functions against the module of
src/djscratch/ they come from (the banners of djscratch.py).  Code made at
run time (compiled templates, lookup sites, date formats, row builders)
counts under its own name ("<template home.html>").  The code footprint
is counted too: the 64-byte lines of bytecode the GET runs (the interpreter
reads them as data, so they compete for the L1 data cache).  The raw floor
(bench/peers/raw.py) is counted the same way for scale.  Counting slows a
request a hundredfold; the figures are exact, the times it prints are not
measured.
"""

import argparse
import bisect
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WARM_UP = 20


def _module_banners(path):
    """Return ([first line of each module], [module path]) from a flat file."""
    starts, names = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            match = re.match(r"# (djscratch/\S+\.py) #+$", line)
            if match:
                starts.append(number)
                names.append(match.group(1))
    return starts, names


def count_one_get(peer, db_path):
    """Return {"total", "calls", "functions": {key: count}} for one GET /."""
    from bench import worker

    module = __import__("bench.peers." + peer, fromlist=["make_app"])
    app = module.make_app(db_path)
    _, headers, _ = worker.call(app, worker.environ("/"))
    cookie = worker.csrf_cookie(headers)
    for _ in range(WARM_UP):
        worker.call(app, worker.environ("/", cookie=cookie))
    flat = sys.modules.get("djscratch")
    flat_file = getattr(flat, "__file__", None) if flat else None
    starts, names = _module_banners(flat_file) if flat_file else ([], [])
    counts = collections.Counter()
    calls = [0]

    def where(code):
        filename = code.co_filename
        if filename == flat_file and starts:
            index = bisect.bisect_right(starts, code.co_firstlineno) - 1
            module_name = names[index] if index >= 0 else "djscratch.py"
        elif filename.startswith("<"):
            module_name = filename.split(" ")[0].rstrip(">") + ">"
        else:
            module_name = os.path.basename(filename)
        # Named by qualified name and module, not line: the same function
        # lines up between two copies of the file.
        name = getattr(code, "co_qualname", code.co_name)  # 3.11+
        return module_name, "%s (%s)" % (
            name, filename if filename.startswith("<") else module_name)

    keys = {}
    # The 64-byte lines of bytecode (inline caches included: f_lasti counts
    # them) the GET runs: the interpreter reads them as data, so this is
    # the request's code footprint in the L1 data cache (bench/RESULTS.md).
    lines = set()

    def trace(frame, event, arg):
        if event == "call":
            calls[0] += 1
            frame.f_trace_opcodes = True
        elif event == "opcode":
            code = frame.f_code
            key = keys.get(code)
            if key is None:
                key = keys[code] = where(code)
            counts[key] += 1
            lines.add((code, frame.f_lasti // 64))
        return trace

    environ = worker.environ("/", cookie=cookie)
    sys.settrace(trace)
    try:
        worker.call(app, environ)
    finally:
        sys.settrace(None)
    return {"total": sum(counts.values()), "calls": calls[0],
            "code_lines": len(lines),
            "functions": {"\t".join(key): n for key, n in counts.items()}}


def _child(args):
    if args.djscratch:  # this copy of the single file, not the checkout's
        sys.path.insert(0, os.path.dirname(os.path.abspath(args.djscratch)))
        import djscratch  # noqa: F401  (before blog.py puts ROOT first)
    sys.path.insert(1, ROOT)
    from bench import workload

    with tempfile.TemporaryDirectory() as tmp:
        db_path = workload.make_db(os.path.join(tmp, "blog.sqlite3"))
        result = count_one_get(args.peer, db_path)
    sys.stdout.write(json.dumps(result))


def _run(peer, djscratch_path=None):
    argv = [sys.executable, os.path.abspath(__file__), "--child", "--peer", peer]
    if djscratch_path:
        argv += ["--djscratch", djscratch_path]
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-secret-key-" + "x" * 40)
    out = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def _grouped(result, by):
    groups = collections.Counter()
    for key, n in result["functions"].items():
        module_name, function = key.split("\t")
        groups[module_name if by == "module" else function] += n
    return groups


def _table(columns, by, top):
    """Print the `top` busiest rows, one column of counts per run."""
    groups = [_grouped(result, by) for _, result in columns]
    first = groups[0]
    rows = sorted(set().union(*groups), key=lambda k: -max(g[k] for g in groups))
    header = "".join("%12s" % label[:12] for label, _ in columns)
    print("%s  %s" % (header, by))
    for key in rows[:top]:
        print("%s  %s" % ("".join("%12d" % g[key] for g in groups), key))
    shown = sum(first[k] for k in rows[:top])
    print("%12d  (the first column's other %d rows)" % (
        sum(first.values()) - shown, max(0, len(rows) - top)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--djscratch", action="append", default=[],
                        help="another djscratch.py to count as well (repeatable)")
    parser.add_argument("--by", choices=("module", "function", "both"),
                        default="both")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the raw floor's count")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--peer", default="blog_py", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.djscratch = args.djscratch[0] if args.djscratch else None
        return _child(args)
    columns = [("this", _run("blog_py"))]
    for path in args.djscratch:
        columns.append((os.path.basename(os.path.dirname(os.path.abspath(path)))
                        or path, _run("blog_py", path)))
    floor = None if args.no_floor else _run("raw")
    if args.json:
        report = {label: result for label, result in columns}
        if floor:
            report["floor"] = floor
        print(json.dumps(report))
        return
    for label, result in columns:
        print("%-12s %7d bytecodes, %5d Python calls, %5d lines of bytecode "
              "(64 bytes) per GET /" % (
                  label, result["total"], result["calls"], result["code_lines"]))
    if floor:
        print("%-12s %7d bytecodes, %5d Python calls, %5d lines of bytecode "
              "(raw WSGI + sqlite3 + str.format)" % (
                  "floor", floor["total"], floor["calls"], floor["code_lines"]))
    for by in (("module", "function") if args.by == "both" else (args.by,)):
        print()
        _table(columns, by, args.top)


if __name__ == "__main__":
    main()
