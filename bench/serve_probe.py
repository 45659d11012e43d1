"""Where a page's time goes once it is served: the same work, or more work?

    python bench/serve_probe.py             # raw floor and djscratch (blog.py)
    python bench/serve_probe.py --rounds 5 --seconds 5

For each peer, in its own process (bench/worker.py's Peer):
- calls: Python and C function calls per GET /, in process (the WSGI call)
  and served by waitress (one thread, keep-alive), so that work done only
  when served shows as a difference; the server's own share is the rest;
- garbage: container objects per request that only the cycle collector
  frees (reference cycles), with the most frequent types;
- cpu: the process's CPU time per request (user + system, from /proc) under
  wrk -t1 -c8 against waitress with 4 threads, as bench/run.py loads it, and
  in process; peers alternate round by round, medians, ratios to the floor.
A busy machine slows every instruction; CPU per request, compared in the
same round, is what to read (bench/run.py's req/s follows it).

What it showed (2026-12-07, issue 20): djscratch runs the same Python calls
served as in process (1,789 a request); waitress adds about 390 calls to a
djscratch request and 300 to the floor's (the six more response headers);
served, every peer's CPU per request is its in-process cost times 2.4-3
plus the same server share, so the gap in process grows when served, and
the req/s target is the in-process one seen through that factor.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = [("raw", "raw"), ("djscratch", "blog_py")]


# -- In the peer's process ------------------------------------------------------

def _peer(module, db_path):
    sys.path[:0] = [ROOT, os.path.join(HERE, "peers")]
    from bench import worker

    return worker, worker.Peer(module, db_path)


def _short(filename):
    """A file's name, with its package's for an __init__.py."""
    head, name = os.path.split(filename)
    return os.path.basename(head) + "/" + name if name == "__init__.py" else name


class _CallCounter:
    """Count Python and C calls by file while `on`, in the threads it is
    installed in (threading.setprofile: the threads started after)."""

    def __init__(self):
        import collections

        self.counts = collections.Counter()
        self.on = False

    def __call__(self, frame, event, arg):
        if self.on:
            if event == "call":
                self.counts[_short(frame.f_code.co_filename)] += 1
            elif event == "c_call":
                self.counts["(C)"] += 1

    def run(self, run, n):
        self.counts.clear()
        self.on = True
        try:
            run(n)
        finally:
            self.on = False
        return {name: count / n for name, count in self.counts.items()}


def probe_calls(module, db_path, n=50):
    import http.client
    import threading
    import time

    import waitress

    worker, peer = _peer(module, db_path)

    def in_process(k):
        for _ in range(k):
            worker.call(peer.app, worker.environ("/", "", peer.cookie))

    in_process(20)
    counter = _CallCounter()
    sys.setprofile(counter)
    inproc = counter.run(in_process, n)
    sys.setprofile(None)
    # The server's threads (started from here on) count; this one, the
    # client's, does not.
    threading.setprofile(counter)
    server = waitress.create_server(peer.app, host="127.0.0.1", port=0, threads=1)
    threading.Thread(target=server.run, daemon=True).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=30)
    headers = {"Cookie": peer.cookie} if peer.cookie else {}

    def served(k):
        for _ in range(k):
            conn.request("GET", "/", headers=headers)
            conn.getresponse().read()
        time.sleep(0.2)  # the worker thread finishes its last request

    served(20)
    return {"in_process": inproc, "served": counter.run(served, n)}


def probe_garbage(module, db_path, n=50):
    import collections
    import gc

    worker, peer = _peer(module, db_path)
    for _ in range(20):
        worker.call(peer.app, worker.environ("/", "", peer.cookie))
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    for _ in range(n):
        worker.call(peer.app, worker.environ("/", "", peer.cookie))
    found = gc.collect()
    types = collections.Counter(type(o).__qualname__ for o in gc.garbage)
    gc.set_debug(0)
    gc.garbage.clear()
    gc.enable()
    return {"per_request": found / n,
            "types": [(name, count / n) for name, count in types.most_common(8)]}


def serve(module, db_path):
    """Serve with waitress (4 threads) until stdin closes; answer CPU probes."""
    import threading
    import time

    import waitress

    worker, peer = _peer(module, db_path)
    worker._quiet_waitress()
    server = waitress.create_server(peer.app, host="127.0.0.1", port=0, threads=4,
                                    connection_limit=200, backlog=1024)
    threading.Thread(target=server.run, daemon=True).start()
    out = sys.__stdout__
    out.write(json.dumps({"port": int(server.effective_port), "cookie": peer.cookie})
              + "\n")
    out.flush()
    for line in sys.stdin:
        if line.strip() == "inproc":
            best = None
            for _ in range(5):
                start = time.process_time()
                for _ in range(100):
                    worker.call(peer.app, worker.environ("/", "", peer.cookie))
                took = (time.process_time() - start) / 100
                best = took if best is None else min(best, took)
            out.write(json.dumps({"cpu": best}) + "\n")
            out.flush()


# -- The driver -----------------------------------------------------------------

def run_probe(what, module, db_path):
    out = subprocess.run([sys.executable, __file__, "--probe", what, module, db_path],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def process_cpu(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(port, cookie, seconds):
    cmd = ["wrk", "-t1", "-c8", "-d%ds" % seconds, "--timeout", "5s",
           "-H", "Host: 127.0.0.1", "http://127.0.0.1:%d/" % port]
    if cookie:
        cmd[-1:-1] = ["-H", "Cookie: " + cookie]
    text = subprocess.run(cmd, capture_output=True, text=True).stdout
    return int(re.search(r"(\d+) requests in", text).group(1))


def cpu_rounds(dbs, rounds, seconds):
    procs = {}
    for key, module in PEERS:
        proc = subprocess.Popen([sys.executable, __file__, "--serve", module, dbs[key]],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        procs[key] = (proc, json.loads(proc.stdout.readline()))
        wrk(procs[key][1]["port"], procs[key][1]["cookie"], 1)  # warm up
    samples = {key: [] for key in procs}
    try:
        for r in range(rounds):
            keys = list(procs)
            for key in keys[r % len(keys):] + keys[:r % len(keys)]:
                proc, info = procs[key]
                before = process_cpu(proc.pid)
                n = wrk(info["port"], info["cookie"], seconds)
                served = (process_cpu(proc.pid) - before) / max(n, 1)
                proc.stdin.write("inproc\n")
                proc.stdin.flush()
                inproc = json.loads(proc.stdout.readline())["cpu"]
                samples[key].append((served, inproc, n / seconds))
    finally:
        for proc, _ in procs.values():
            proc.stdin.close()
            proc.wait()
    return samples


def main():
    if sys.argv[1:2] == ["--probe"]:
        what, module, db_path = sys.argv[2:5]
        sys.stdout, real = sys.stderr, sys.stdout
        answer = {"calls": probe_calls, "garbage": probe_garbage}[what](module, db_path)
        real.write(json.dumps(answer) + "\n")
        return
    if sys.argv[1:2] == ["--serve"]:
        sys.stdout = sys.stderr
        return serve(*sys.argv[2:4])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    options = parser.parse_args()
    sys.path.insert(0, ROOT)
    from bench import workload

    tmp = tempfile.mkdtemp()
    dbs = {key: workload.make_db(os.path.join(tmp, key + ".sqlite3"))
           for key, _ in PEERS}
    print("Function calls per GET / (Python + C), in process and served:")
    for key, module in PEERS:
        calls = run_probe("calls", module, dbs[key])
        inproc, served = calls["in_process"], calls["served"]
        same = [name for name in inproc if name not in ("(C)", "worker.py")
                and abs(served.get(name, 0) - inproc[name]) < 0.5]
        extra = sorted(((served.get(name, 0) - inproc.get(name, 0), name)
                        for name in set(served) | set(inproc)), reverse=True)
        print("  %-10s in process %5.0f, served %5.0f; the same in both: %s;"
              " served only (+) or in process only (-): %s" % (
                  key, sum(inproc.values()), sum(served.values()),
                  ", ".join(sorted(name for name in same if inproc[name] >= 1)),
                  ", ".join("%s %+.0f" % (name, d) for d, name in extra
                            if abs(d) >= 1)))
    print("Objects per request left to the cycle collector:")
    for key, module in PEERS:
        garbage = run_probe("garbage", module, dbs[key])
        print("  %-10s %5.1f  %s" % (key, garbage["per_request"], ", ".join(
            "%s %.0f" % tuple(item) for item in garbage["types"])))
    if not shutil.which("wrk"):
        print("wrk is not installed: no CPU figures.")
        return
    print("Process CPU per request under wrk -t1 -c8 (waitress, 4 threads), and in"
          " process; medians of %d rounds:" % options.rounds)
    samples = cpu_rounds(dbs, options.rounds, options.seconds)
    floor = samples["raw"]
    for key, rows in samples.items():
        served = statistics.median(s for s, _, _ in rows) * 1e6
        inproc = statistics.median(i for _, i, _ in rows) * 1e6
        ratio = statistics.median(s / f[0] for (s, _, _), f in zip(rows, floor))
        rps = statistics.median(r for _, _, r in rows)
        print("  %-10s served %7.0f us (%.2fx the floor), in process %6.0f us, "
              "served / in process %.2fx, %5.0f req/s" % (
                  key, served, ratio, inproc, served / inproc, rps))


if __name__ == "__main__":
    main()
