"""Where the time of `python -m djscratch test --parallel N` goes, class by class.

    python tools/suite_times.py                  # the README's command
    python tools/suite_times.py --top 40 -- --parallel 4 -v 2 tests.test_urls

Runs the test command in this process with each worker's subsuite (one test
class) timed: its wall time, the CPU of the worker, of the processes it
started and waited for, and of the tests' fork server (tests/forked.py), whose
children are reaped there.  Prints the classes by wall time and by CPU, what
each worker was busy for, and the CPU of the whole run (every process it
started, orphans included: this process is their subreaper on Linux).  On a
shared machine wall times move with the load; the CPU figures much less.
A class worth a `parallel_cost` is one near the top of the wall-time list.
"""

import argparse
import collections
import ctypes
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")


def _fork_server_cpu():
    """(pid, CPU seconds) of tests/forked.py's server in this worker, if any."""
    forked = sys.modules.get("tests.forked")
    process = getattr(getattr(forked, "_Server", None), "process", None)
    if process is None:
        return None, 0.0
    try:
        with open(f"/proc/{process.pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return process.pid, 0.0
    return process.pid, sum(int(x) for x in fields[11:15]) / TICK  # utime..cstime


def _timed(run_subsuite, record):
    """Wrap the worker's _run_subsuite() so that it records each class."""
    module = sys.modules[run_subsuite.__module__]

    def timed(index, failfast, buffer):
        subsuite = module._parallel_subsuites[index]
        first = next(iter(subsuite))
        label = f"{type(first).__module__}.{type(first).__qualname__}"
        start, cpu, kids = time.time(), time.process_time(), os.times()
        server = _fork_server_cpu()
        try:
            return run_subsuite(index, failfast, buffer)
        finally:
            after, ended = os.times(), _fork_server_cpu()
            record(os.getpid(), label, start, time.time() - start,
                   time.process_time() - cpu,
                   after.children_user + after.children_system
                   - kids.children_user - kids.children_system
                   + ended[1] - (server[1] if server[0] == ended[0] else 0.0))

    module._run_subsuite = timed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="classes listed")
    parser.add_argument("test_args", nargs="*", help="after --: the test command's")
    options = parser.parse_args()
    test_args = options.test_args or ["--parallel", "4"]
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    os.chdir(ROOT)
    if ROOT not in sys.path:  # (PYTHONPATH=src:. keeps the package first)
        sys.path.append(ROOT)
    import djscratch

    log = os.path.join(ROOT, ".cache", f"suite_times.{os.getpid()}.tsv")
    os.makedirs(os.path.dirname(log), exist_ok=True)

    def record(pid, label, start, wall, cpu, children):
        with open(log, "a", encoding="utf-8") as f:  # one line per write
            f.write(f"{pid}\t{label}\t{start}\t{wall}\t{cpu}\t{children}\n")

    _timed(djscratch._run_subsuite, record)
    began = time.time()
    sys.argv = ["djscratch", "test", *test_args]
    try:
        status = djscratch.main()
    except SystemExit as exc:
        status = exc.code
    wall = time.time() - began
    while True:  # the orphans this process adopted
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    report(log, wall, options.top)
    os.remove(log)
    return status


def report(log, wall, top):
    rows = []
    if os.path.exists(log):
        with open(log, encoding="utf-8") as f:
            for line in f:
                pid, label, start, *numbers = line.rstrip("\n").split("\t")
                rows.append((int(pid), label, float(start), *map(float, numbers)))
    out = sys.__stderr__
    print(f"\n{len(rows)} classes timed", file=out)
    print("by wall time:       wall   cpu (worker + children)", file=out)
    for _, label, _, seconds, cpu, children in sorted(rows, key=lambda r: -r[3])[:top]:
        print(f"  {seconds:17.2f} {cpu + children:5.2f} ({cpu:.2f} + {children:.2f})"
              f"  {label}", file=out)
    print("by CPU:", file=out)
    for _, label, _, seconds, cpu, children in sorted(
            rows, key=lambda r: -(r[4] + r[5]))[:top]:
        print(f"  {cpu + children:17.2f}  wall {seconds:.2f}  {label}", file=out)
    busy, ends = collections.Counter(), collections.Counter()
    for pid, _, start, seconds, _, _ in rows:
        busy[pid] += seconds
        ends[pid] = max(ends[pid], start + seconds)
    for pid in sorted(busy):
        print(f"worker {pid}: busy {busy[pid]:.1f} s, last class ended "
              f"{ends[pid] - min(r[2] for r in rows):.1f} s after the first began",
              file=out)
    cpu = sum(usage.ru_utime + usage.ru_stime for usage in (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN)))
    load = " ".join(open("/proc/loadavg").read().split()[:3]) \
        if os.path.exists("/proc/loadavg") else "?"
    print(f"the whole run: {wall:.1f} s wall; CPU of all its processes "
          f"{cpu:.1f} s; "
          f"load average {load}", file=out)


if __name__ == "__main__":
    sys.exit(main())
