"""Benchmark djscratch against Django, Flask, Bottle and a raw-WSGI floor.

    python bench/run.py            # full run; writes bench/RESULTS.md
    python bench/run.py --quick    # smoke run (under 5 minutes; CI)
    python bench/run.py --no-venv  # use the current interpreter as it is
    python bench/run.py --quick --output /tmp/results.md   # elsewhere (CI)
    python bench/run.py --check-only   # only prove that every peer serves the blog

The script makes its own virtualenv (bench/.venv) with the peers pinned in
bench/requirements.txt and runs itself again inside it.  Every peer serves the
same blog (bench/peers/, the real blog.py for djscratch) from its own copy of
the same database, in its own worker process (bench/worker.py).

Before timing, a check proves that every peer returns the blog's page byte for
byte (only the CSRF token value may differ) and the same status codes for the
four requests in workload.CHECK_REQUESTS; a mismatch makes the run exit 1.
A peer that cannot start is reported as such and the run goes on.
bench/stack.py times the request stack alone (a view returning "ok"
through startproject's middleware).  bench/corpus.py then renders a corpus
of templates with djscratch (both syntaxes), Jinja2, Mako and real Django,
each output checked equal to real Django's before timing (a mismatch also
makes the run exit 1).
Timings alternate between peers round by round; tables show medians and the
ratio to the raw floor.
"""

import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
sys.path.insert(0, ROOT)

from bench import workload  # noqa: E402

#: What `import` each peer's start-up figure measures, where its module's
#: IMPORT does not say (blog.py on Django imports djscratch, then Django).
IMPORTS = {"django_blog": "import djscratch, django.core.handlers.wsgi, "
                          "django.db.models"}
#: (key, label, peer module, extra environment)
PEERS = [
    ("raw", "raw WSGI + sqlite3 + str.format", "raw", {}),
    ("bottle", "Bottle + SimpleTemplate + sqlite3", "bottle_blog", {}),
    ("flask", "Flask + Jinja2 + sqlite3", "flask_blog", {}),
    ("django", "Django 5.2, idiomatic project", "django_idiomatic", {}),
    ("django_blog", "Django 5.2 running blog.py (DJSCRATCH_ENGINE=django)", "blog_py",
     {"DJSCRATCH_ENGINE": "django"}),
    ("djscratch", "djscratch running blog.py", "blog_py", {}),
]
LABELS = {key: label for key, label, _, _ in PEERS}
#: Template engines: the peer whose worker renders with it.
ENGINES = [("raw", "str.format"), ("bottle", "Bottle SimpleTemplate"),
           ("flask", "Jinja2"), ("django", "Django templates"),
           ("djscratch", "djscratch templates")]


# -- The virtualenv ------------------------------------------------------------

def ensure_venv(argv):
    """Re-run this script inside bench/.venv, creating or updating it first."""
    if "--no-venv" in argv or os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    python = os.path.join(VENV, "bin", "python")
    with open(REQUIREMENTS, "rb") as f:
        wanted = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(VENV, "requirements.sha256")
    have = open(stamp).read().strip() if os.path.exists(stamp) else ""
    if have != wanted:
        print("== bench/.venv: installing the pinned peers", flush=True)
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", REQUIREMENTS], check=True)
        with open(stamp, "w") as f:
            f.write(wanted + "\n")
    os.execv(python, [python, os.path.abspath(__file__)] + argv)


# -- Workers -------------------------------------------------------------------

class Worker:
    """A peer's worker process, answering one JSON line per command."""

    def __init__(self, key, module, env, db_path):
        self.key = key
        self.error = None
        # stderr goes to a file: a pipe nobody reads would fill up and stall
        # the worker (waitress logs under load).
        self.stderr = tempfile.TemporaryFile("w+")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "worker.py"), module, db_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            text=True, cwd=ROOT, env=dict(os.environ, **env))
        hello = self._read()
        if "error" in hello:
            self.error = hello["error"]
            if env.get("DJSCRATCH_ENGINE") == "django":
                self.error = "not available yet (DJSCRATCH_ENGINE=django): " + (
                    self.error.replace("not available yet: ", ""))

    def _read(self):
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            self.stderr.seek(0)
            err = self.stderr.read().strip().splitlines()
            return {"error": err[-1] if err else "the worker exited"}
        return json.loads(line)

    def ask(self, cmd, **args):
        if self.error:
            return {"error": self.error}
        self.proc.stdin.write(json.dumps(dict(args, cmd=cmd)) + "\n")
        self.proc.stdin.flush()
        answer = self._read()
        return answer

    def close(self):
        try:
            if self.proc.poll() is None and not self.error:
                self.proc.stdin.write('{"cmd": "quit"}\n')
                self.proc.stdin.flush()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def start_workers(tmp):
    workers = {}
    for key, _, module, env in PEERS:
        db_path = workload.make_db(os.path.join(tmp, key + ".sqlite3"))
        workers[key] = Worker(key, module, env, db_path)
        status = workers[key].error or "ready"
        print("   %-12s %s" % (key, status), flush=True)
    return workers


# -- The correctness check -----------------------------------------------------

_token_re = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def normalise(page):
    return _token_re.sub(r"\1CSRF\2", page)


def check(workers):
    """Return {key: None if it matches the blog, else what differs}."""
    reference = workers["djscratch"].ask("check")
    verdicts = {}
    if "error" in reference:
        return {key: "djscratch (the reference) failed: " + reference["error"]
                for key in workers}, None
    ref = reference["answers"]
    page = normalise(ref[0][1])
    problems = []
    if 'id="c50"' not in page or "Page 1 of 3" not in page:
        problems.append("the blog's page does not show the newest 20 of 50 comments")
    if [a[0] for a in ref] != [200, 200, 400, 404]:
        problems.append("the blog answered %s, expected [200, 200, 400, 404]"
                        % [a[0] for a in ref])
    verdicts["djscratch"] = "; ".join(problems) or None
    for key, worker in workers.items():
        if key == "djscratch":
            continue
        if worker.error:
            verdicts[key] = "unavailable"
            continue
        answer = worker.ask("check")
        if "error" in answer:
            verdicts[key] = answer["error"]
            continue
        got = answer["answers"]
        diffs = []
        for (path, query), (status, body), (ref_status, ref_body) in zip(
                workload.CHECK_REQUESTS, got, ref):
            where = path + ("?" + query if query else "")
            if status != ref_status:
                diffs.append("%s: status %s, the blog's %s"
                             % (where, status, ref_status))
            elif path == "/" and normalise(body) != page:
                diffs.append("%s: the page differs from the blog's (%s)"
                             % (where, first_difference(normalise(body), page)))
            elif path.endswith(".json") and json.loads(body) != json.loads(ref_body):
                diffs.append("%s: the JSON differs from the blog's" % where)
        verdicts[key] = "; ".join(diffs) or None
    return verdicts, page


def unavailable(error):
    return error if error.startswith("not available") else "not available: " + error


def first_difference(got, want):
    got_lines, want_lines = got.splitlines(), want.splitlines()
    for number, (a, b) in enumerate(zip(got_lines, want_lines), 1):
        if a != b:
            return "line %d: %r, the blog has %r" % (number, a[:80], b[:80])
    return "lengths %d and %d lines" % (len(got_lines), len(want_lines))


# -- Timings -------------------------------------------------------------------

def alternate(workers, keys, cmd, rounds, budget):
    """Run `cmd` on each worker in turn, `rounds` times; return {key: [seconds]}."""
    samples = {key: [] for key in keys}
    counts = {}
    for key in keys:  # calibrate: each sample should take about `budget` seconds
        probe = workers[key].ask(cmd, n=3)
        if "error" in probe:
            samples[key] = probe["error"]
            continue
        counts[key] = max(3, min(5000, int(budget / max(probe["seconds"], 1e-7))))
    live = [key for key in keys if key in counts]
    for r in range(rounds):
        order = live[r % len(live):] + live[:r % len(live)] if live else []
        for key in order:
            answer = workers[key].ask(cmd, n=counts[key])
            if "error" in answer:
                samples[key] = answer["error"]
                live.remove(key)
                continue
            samples[key].append(answer["seconds"])
    return samples


def wrk_rps(port, cookie, seconds):
    """Return (requests per second, error note) from wrk against 127.0.0.1:port."""
    cmd = ["wrk", "-t1", "-c8", "-d%ds" % seconds, "--timeout", "5s",
           "-H", "Host: 127.0.0.1", "http://127.0.0.1:%d/" % port]
    if cookie:
        cmd[-1:-1] = ["-H", "Cookie: " + cookie]
    out = subprocess.run(cmd, capture_output=True, text=True,
                         timeout=seconds + 30).stdout
    rps = re.search(r"Requests/sec:\s*([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    note = "; ".join(x for x in (bad and "%s non-2xx" % bad.group(1),
                                 errors and "socket errors " + errors.group(1)) if x)
    return (float(rps.group(1)) if rps else 0.0), note


def python_rps(port, cookie, seconds, connections=8, limit=20000):
    """A bounded load generator: keep-alive clients in threads, loopback only."""
    import http.client
    import threading

    deadline = time.perf_counter() + seconds
    done = [0]
    failures = [0]
    lock = threading.Lock()
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while time.perf_counter() < deadline and done[0] < limit:
            try:
                conn.request("GET", "/", headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                ok = False
            with lock:
                done[0] += 1
                failures[0] += not ok
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return done[0] / elapsed, ("%d failed" % failures[0]) if failures[0] else ""


def throughput(workers, keys, rounds, seconds):
    load = wrk_rps if shutil.which("wrk") else python_rps
    servers, samples, notes = {}, {}, {}
    for key in keys:
        answer = workers[key].ask("serve")
        if "error" in answer:
            samples[key] = answer["error"]
            continue
        try:
            load(answer["port"], answer["cookie"], 1)  # warm up
        except Exception as exc:
            samples[key] = "%s: %s" % (type(exc).__name__, exc)
            continue
        servers[key] = answer
        samples[key] = []
    for r in range(rounds if servers else 0):
        order = list(servers)
        order = order[r % len(order):] + order[:r % len(order)]
        for key in order:
            try:
                rps, note = load(servers[key]["port"], servers[key]["cookie"], seconds)
            except Exception as exc:
                rps, note = None, "%s: %s" % (type(exc).__name__, exc)
            if rps:
                samples[key].append(rps)
            if note:
                notes[key] = note
    return samples, notes, ("wrk -t1 -c8" if load is wrk_rps
                            else "Python http.client, 8 threads")


def profile(worker, n):
    """Where djscratch spends a page: in process, and behind waitress."""
    results = {}
    for cmd in ("profile", "profile_server"):
        answer = worker.ask(cmd, n=n)
        results[cmd] = answer.get("text") or answer.get("error")
    return results


def startup(tmp, runs, skip=()):
    """Import time and first-response time and memory, each in a new process.

    Every command runs once first (to leave its .pyc files), then `runs`
    rounds each run every command once, so load changes hit all peers alike.
    """
    worker = os.path.join(HERE, "worker.py")
    commands = {("python -c pass", "import"): (
        [sys.executable, worker, "--import", "pass"], {})}
    results = {}
    for key, _, module, env in PEERS:
        if key in skip:
            results[key] = "not available"
            continue
        mod = __import__("bench.peers." + module, fromlist=["IMPORT"])
        commands[key, "import"] = (
            [sys.executable, worker, "--import", IMPORTS.get(key, mod.IMPORT)], env)
        commands[key, "first"] = ([sys.executable, worker, module,
                                   os.path.join(tmp, key + ".sqlite3"), "--first"], env)
    samples = {name: ([], []) for name in commands}
    errors = {}
    for name, (argv, env) in commands.items():
        subprocess.run(argv, cwd=ROOT, capture_output=True, env=dict(os.environ, **env))
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            if name in errors:
                continue
            wall, rss, error = run_once(argv, env)
            if error:
                errors[name] = error
            else:
                samples[name][0].append(wall)
                samples[name][1].append(rss)
    for (key, what), (walls, rsss) in samples.items():
        entry = {"error": errors[key, what]} if (key, what) in errors else {
            "wall": statistics.median(walls), "rss": statistics.median(rsss),
            "error": None}
        results.setdefault(key, {})[what] = entry
    results["python -c pass"] = results["python -c pass"]["import"]
    return results


def run_once(argv, env):
    """Return (wall seconds, peak RSS MiB, error or None) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=dict(os.environ, **env))
    out, err = proc.communicate(timeout=120)
    wall = time.perf_counter() - start
    peak = re.search(rb"peak_rss_kib (\d+)", out)
    if proc.returncode or not peak:
        err = err.decode(errors="replace").strip()
        return None, None, err.splitlines()[-1] if err else "exit %d" % proc.returncode
    return wall, int(peak.group(1)) / 1024, None


def blog_tests(runs):
    """Wall time of `python blog.py test test_blog` on djscratch and on Django."""
    results = {}
    engines = (("djscratch", {}), ("django_blog", {"DJSCRATCH_ENGINE": "django"}))
    for key, env in engines:
        walls, summary = [], ""
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "blog.py", "test", "test_blog"], cwd=ROOT,
                    capture_output=True, text=True, timeout=600,
                    env=dict(os.environ, BLOG_DB=os.path.join(tmp, "blog.sqlite3"),
                             SECRET_KEY="bench-" + "x" * 50, **env))
                walls.append(time.perf_counter() - start)
            text = proc.stdout + proc.stderr
            ran = re.findall(r"^Ran (\d+) tests? in", text, re.M)
            verdict = re.findall(r"^(OK.*|FAILED.*)$", text, re.M)
            last = (text.strip().splitlines() or ["no output"])[-1]
            summary = "%s tests, %s" % (ran[-1] if ran else "?",
                                         verdict[-1] if verdict else last)
            if key == "django_blog" and "djscratch" in text and not ran:
                break
        results[key] = {"wall": statistics.median(walls), "summary": summary,
                        "ok": proc.returncode == 0}
    return results


def orm_benchmark():
    """bench/orm.py (per engine, raw sqlite3 timed alternately in its process)."""
    script = os.path.join(HERE, "orm.py")
    if not os.path.exists(script):
        return None
    results = {}
    for engine in ("djscratch", "django", "peewee"):
        proc = subprocess.run([sys.executable, script, "--json", engine], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode:
            err = proc.stderr.strip().splitlines()
            results[engine] = err[-1] if err else "exit %d" % proc.returncode
        else:
            results[engine] = json.loads(proc.stdout)
    return results


def corpus_benchmark(quick):
    """bench/corpus.py: the template corpus, every engine checked against Django."""
    argv = [sys.executable, os.path.join(HERE, "corpus.py"), "--json"]
    proc = subprocess.run(argv + (["--quick"] if quick else []), cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode and not proc.stdout.strip():
        raise RuntimeError((proc.stderr.strip().splitlines() or ["failed"])[-1])
    return json.loads(proc.stdout)


def stack_benchmark(quick):
    """bench/stack.py: the request stack alone, against the floor and peers."""
    argv = [sys.executable, os.path.join(HERE, "stack.py"), "--json"]
    proc = subprocess.run(argv + (["--quick"] if quick else []), cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["failed"])[-1])
    return json.loads(proc.stdout)


def breakdown(quick):
    """bench/breakdown.py: the page's parts and start-up steps, against the floor."""
    argv = [sys.executable, os.path.join(HERE, "breakdown.py"), "--json"]
    proc = subprocess.run(argv + (["--quick"] if quick else []), cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["failed"])[-1])
    return json.loads(proc.stdout)


def appendix(quick):
    """Run the single-purpose scripts of earlier issues; keep what they print."""
    scripts = [("testfw.py", "100", "--django", sys.executable)]
    if not quick:
        scripts += [("templates.py",), ("spine.py",), ("forms.py",)]
    outputs = {}
    for script, *args in scripts:
        path = os.path.join(HERE, script)
        if not os.path.exists(path):
            continue
        command = "python bench/%s" % " ".join([script] + args).replace(
            sys.executable, "python")
        try:
            proc = subprocess.run([sys.executable, path] + args, cwd=ROOT,
                                  capture_output=True, text=True, timeout=600)
            text = proc.stdout + (proc.stderr if proc.returncode else "")
        except subprocess.TimeoutExpired:
            text = "(timed out)"
        outputs[command] = text.strip()
    return outputs


# -- The report ----------------------------------------------------------------

def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor() or cpu
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(),
            "load": "%.2f %.2f %.2f" % load if load else "n/a"}


def versions():
    from importlib import metadata

    found = {}
    for name in ("Django", "Flask", "Werkzeug", "Jinja2", "bottle", "peewee",
                 "waitress"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    import djscratch

    found["djscratch"] = djscratch.__version__
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run([wrk, "-v"], capture_output=True, text=True)
        found["wrk"] = (out.stdout + out.stderr).split()[1] if out else "?"
    return found


def fmt_ratio(value, floor):
    return "%.2fx" % (value / floor) if floor else "-"


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def median_rows(samples, scale, unit, higher_is_better=False, names=None):
    """Rows of (label, median, ratio to raw) for {key: [seconds] or error}."""
    floor = samples.get("raw")
    floor = statistics.median(floor) if isinstance(floor, list) and floor else None
    rows = []
    for key, values in samples.items():
        label = (names or LABELS)[key]
        if isinstance(values, str) or not values:
            rows.append((label, unavailable(values or "no sample"), "-"))
            continue
        value = statistics.median(values)
        ratio = fmt_ratio(value, floor) if floor else "-"
        rows.append((label, "%.1f %s" % (value * scale, unit), ratio))
    return rows


def phase(report, key, title, func, *args):
    """Run one measurement; a failure is printed and reported, not fatal."""
    print("== " + title, flush=True)
    try:
        report[key] = func(*args)
    except Exception as exc:
        import traceback

        traceback.print_exc()
        report.setdefault("phase_errors", {})[title] = "%s: %s" % (
            type(exc).__name__, exc)


def main(argv):
    # Users run from cached bytecode (.pyc); without it djscratch.py, one large
    # file, would be compiled on every start and every start-up figure would lie.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    ensure_venv(argv)
    quick = "--quick" in argv
    mode = "quick (smoke run, few samples)" if quick else "full"
    rounds, budget = (3, 0.05) if quick else (15, 0.2)
    started = time.time()
    report = {"machine": machine(), "versions": versions(), "mode": mode}
    print("== bench (%s) on %s, %s cores, Python %s" % (
        mode, report["machine"]["cpu"], report["machine"]["cores"],
        report["machine"]["python"]), flush=True)
    tmp = tempfile.mkdtemp(prefix="djscratch-bench-")
    workers = {}
    failed = False
    try:
        print("== workers", flush=True)
        workers = start_workers(tmp)
        print("== correctness check", flush=True)
        verdicts, page = check(workers)
        for key, verdict in verdicts.items():
            if workers[key].error and key != "djscratch":
                print("   %-12s %s" % (key, unavailable(workers[key].error)))
            elif verdict:
                print("   %-12s MISMATCH: %s" % (key, verdict))
                failed = True
            else:
                print("   %-12s same page and statuses as the blog" % key)
        report["check"] = {
            k: (workers[k].error and unavailable(workers[k].error)) or v
            for k, v in verdicts.items()}
        if "--check-only" in argv:
            return 1 if failed else 0
        timed = [k for k, v in verdicts.items() if v is None and not workers[k].error]
        timed = [k for k, _, _, _ in PEERS if k in timed]
        engines = [k for k, _ in ENGINES if k in timed]
        phase(report, "inproc", "in-process GET / (%d rounds)" % rounds,
              alternate, workers, timed, "inproc", rounds, budget)
        phase(report, "render", "template rendering",
              alternate, workers, engines, "render", rounds, budget)
        phase(report, "throughput", "throughput over waitress (4 threads)",
              throughput, workers, timed, 1 if quick else 3, 2 if quick else 5)
        report["rps"], report["rps_notes"], report["rps_tool"] = report.pop(
            "throughput", ({}, {}, "failed"))
        if "djscratch" in timed:
            phase(report, "profile", "profile of djscratch (cProfile)",
                  profile, workers["djscratch"], 100 if quick else 500)
    finally:
        for worker in workers.values():
            worker.close()
    unavailable_peers = [k for k, w in workers.items() if w.error]
    phase(report, "startup", "import time and first response",
          startup, tmp, 3 if quick else 10, unavailable_peers)
    phase(report, "orm", "ORM (bench/orm.py)", orm_benchmark)
    phase(report, "corpus", "template corpus (bench/corpus.py)",
          corpus_benchmark, quick)
    for mismatch in (report.get("corpus") or {}).get("mismatches", []):
        print("   MISMATCH: " + mismatch, flush=True)
        failed = True
    phase(report, "stack", "request stack (bench/stack.py)",
          stack_benchmark, quick)
    phase(report, "breakdown", "where the time goes (bench/breakdown.py)",
          breakdown, quick)
    phase(report, "tests", "the blog's test suite", blog_tests, 1 if quick else 3)
    phase(report, "appendix", "appendix: the earlier single-purpose scripts",
          appendix, quick)
    shutil.rmtree(tmp, ignore_errors=True)
    report["seconds"] = time.time() - started
    output = os.path.join(HERE, "RESULTS.md")
    if "--output" in argv:
        output = os.path.abspath(argv[argv.index("--output") + 1])
    write_results(report, quick, output)
    print("== wrote %s in %.0f s" % (os.path.relpath(output), report["seconds"]),
          flush=True)
    if failed:
        print("FAILED: a peer does not return the blog's page or a corpus "
              "template's output (see above)",
              file=sys.stderr)
        return 1
    return 0


def write_results(report, quick, output):
    from bench.report import render

    text = render(report, quick)
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(VENV, "last-run.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, default=str)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
