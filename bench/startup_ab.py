"""Start-up of two checkouts side by side: import plus first response of blog.py.

    python bench/startup_ab.py /tmp/old            # that checkout against this one
    python bench/startup_ab.py /tmp/old --runs 21
    python bench/startup_ab.py /tmp/old --stub-never-called   # the ceiling of
                                                   # function bodies compiled on
                                                   # their first call (see below)

A checkout is a directory with djscratch.py, blog.py and bench/ (for
instance `git archive <commit> | tar -x -C /tmp/old`).  Each run starts
`bench/worker.py PEER DB --first` in a new process (with .pyc files written
and read, as users have them), for the raw floor, the other checkout and this
one in turn, so that the load of a shared machine falls on all three alike.
It prints, per peer, the best and median CPU time of the process (user and
system, from wait4(): steadier than wall time when other work shares the
machine), its wall time and its peak RSS (VmHWM), and each djscratch's ratio
to the floor.

--stub-never-called measures what compiling function bodies on first use
could at best save: in a copy of this checkout it rewrites the cached
bytecode of djscratch.py so that every function of more than 300 bytes that
the first response does not call (module level or directly in a class,
found with sys.setprofile) is a stub with the same signature, and times that
copy as a third djscratch.  The copy is only good for this measurement.
"""

import argparse
import importlib.util
import inspect
import json
import marshal
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

#: Records (first line, name) of every djscratch.py function a first response
#: calls, import included.
CALLED_PROBE = """
import json, os, sys
sys.path.insert(0, os.getcwd())
target = os.path.abspath("djscratch.py")
seen = set()
def profile(frame, event, arg):
    if event == "call" and frame.f_code.co_filename == target:
        seen.add((frame.f_code.co_firstlineno, frame.f_code.co_name))
sys.setprofile(profile)
from bench.worker import call, environ
from bench.peers import blog_py
call(blog_py.make_app(sys.argv[1]), environ())
sys.setprofile(None)
print(json.dumps(sorted(seen)))
"""


def environment():
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(peers, runs):
    """{label: [(cpu, wall, rss)]}, every peer once per round."""
    results = {label: [] for label in peers}
    for label, (root, peer, db) in peers.items():  # leave the .pyc files
        subprocess.run([sys.executable, os.path.join("bench", "worker.py"), peer, db,
                        "--first"], cwd=root, capture_output=True, env=environment())
    for _ in range(runs):
        for label, (root, peer, db) in peers.items():
            results[label].append(_timed(root, peer, db))
    return results


def _timed(root, peer, db):
    """(CPU ms, wall ms, peak RSS MiB) of one first response, by fork and wait4."""
    argv = [sys.executable, os.path.join("bench", "worker.py"), peer, db, "--first"]
    # (a stubbed copy's stubs may run at exit, and say so: stderr is dropped)
    cpu, wall, out = run_measured(root, argv, environment())
    return cpu, wall, peak_rss(out, root)


def run_measured(cwd, argv, env):
    """(CPU ms, wall ms, stdout) of one child process run in `cwd` with `env`,
    by fork, exec and wait4 (its stderr dropped); exit on a failure."""
    read, write = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: run argv with its output in the pipe
        try:
            os.chdir(cwd)
            os.dup2(write, 1)
            os.close(read)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if status:
        raise SystemExit(f"{cwd}: the first response failed (status {status})")
    return (usage.ru_utime + usage.ru_stime) * 1000, wall, b"".join(chunks).decode()


def peak_rss(out, where):
    """The peak RSS in MiB that a first response's output reports."""
    if "peak_rss_kib" not in out:
        raise SystemExit(f"{where}: the first response reported no peak RSS")
    return int(out.split("peak_rss_kib")[1].split()[0]) / 1024


def stubbed_copy(tmp, db):
    """A copy of this checkout whose djscratch .pyc has stubs for the
    functions the first response never calls; return its path."""
    copy = os.path.join(tmp, "stubbed")
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".cache", ".venv*", "*.sqlite3*"))
    env = environment()
    subprocess.run([sys.executable, "-c", "import djscratch"], cwd=copy, env=env,
                   check=True)
    called = {tuple(pair) for pair in json.loads(subprocess.run(
        [sys.executable, "-c", CALLED_PROBE, db], cwd=copy, env=env, check=True,
        capture_output=True, text=True).stdout)}
    pyc = importlib.util.cache_from_source(os.path.join(copy, "djscratch.py"))
    with open(pyc, "rb") as f:
        data = f.read()
    code, stubbed = _stub(marshal.loads(data[16:]), called, False)
    with open(pyc, "wb") as f:
        f.write(data[:16] + marshal.dumps(code))
    print(f"stubbed {stubbed[0]} functions; .pyc {len(data)} -> "
          f"{os.path.getsize(pyc)} bytes")
    return copy


def _stub(code, called, in_function, counter=None):
    """`code` with its never-called functions over 300 bytes made stubs."""
    counter = counter if counter is not None else [0]
    consts, changed = list(code.co_consts), False
    for i, const in enumerate(consts):
        if not isinstance(const, types.CodeType):
            continue
        function = bool(const.co_flags & inspect.CO_OPTIMIZED)
        if function and not in_function and const.co_name.isidentifier() and \
                (const.co_firstlineno, const.co_name) not in called and \
                len(marshal.dumps(const)) > 300:
            consts[i], changed = _stub_code(const), True
            counter[0] += 1
            continue
        new, _ = _stub(const, called, in_function or function, counter)
        if new is not const:
            consts[i], changed = new, True
    return (code.replace(co_consts=tuple(consts)) if changed else code), counter


def _stub_code(code):
    """A function code with `code`'s signature whose body calls a loader."""
    names = code.co_varnames
    count, kwonly = code.co_argcount, code.co_kwonlyargcount
    params, forward = list(names[:count]), list(names[:count])
    if code.co_posonlyargcount:
        params.insert(code.co_posonlyargcount, "/")
    at = count + kwonly
    if code.co_flags & inspect.CO_VARARGS:
        params.append("*" + names[at])
        forward.append("*" + names[at])
        at += 1
    elif kwonly:
        params.append("*")
    params += names[count:count + kwonly]
    forward += [f"{name}={name}" for name in names[count:count + kwonly]]
    if code.co_flags & inspect.CO_VARKEYWORDS:
        params.append("**" + names[at])
        forward.append("**" + names[at])
    loader = f"_compiled_body({code.co_firstlineno})"
    source = (f"def {code.co_name}({', '.join(params)}):\n"
              f"    return {loader}({', '.join(forward)})\n")
    stub = compile(source, code.co_filename, "exec").co_consts[0]
    return stub.replace(co_qualname=code.co_qualname,
                        co_firstlineno=code.co_firstlineno)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", help="the checkout to compare this one with")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--stub-never-called", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    from bench import workload

    with tempfile.TemporaryDirectory() as tmp:
        def db(name):
            return workload.make_db(os.path.join(tmp, name + ".sqlite3"))

        peers = {"raw floor": (ROOT, "raw", db("raw")),
                 "other": (os.path.abspath(args.other), "blog_py", db("other")),
                 "this": (ROOT, "blog_py", db("this"))}
        if args.stub_never_called:
            stubbed_db = db("stubbed")
            peers["this, stubbed"] = (stubbed_copy(tmp, stubbed_db), "blog_py",
                                      stubbed_db)
        results = measure(peers, args.runs)
    floor = results["raw floor"]
    print(f"{args.runs} runs; CPU and wall ms, peak RSS MiB; ratio of the "
          f"median CPU to the floor's")
    for label, rows in results.items():
        cpu, wall, rss = zip(*rows)
        ratio = statistics.median(cpu) / statistics.median(r[0] for r in floor)
        print(f"{label:>14}: CPU best {min(cpu):6.1f} "
              f"median {statistics.median(cpu):6.1f}"
              f" | wall median {statistics.median(wall):6.1f}"
              f" | RSS {statistics.median(rss):5.2f} | {ratio:.2f}x")


if __name__ == "__main__":
    main()
