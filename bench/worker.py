"""One peer in its own process, driven by bench/run.py over stdin/stdout.

    python bench/worker.py PEER DB_PATH            # JSON commands, one per line
    python bench/worker.py PEER DB_PATH --first    # serve one GET /, print stats
    python bench/worker.py --import "import X"     # import time and memory

Each peer lives in its own interpreter: djscratch's django.* alias and real
Django cannot share one, and a peer's imports must not warm up another's.
Commands: {"cmd": "check"}, {"cmd": "inproc", "n": N}, {"cmd": "render", "n": N},
{"cmd": "serve"}, {"cmd": "quit"}; each answer is one JSON line.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(1, os.path.join(ROOT, "bench", "peers"))

HOST = "127.0.0.1"


def peak_rss_kib():
    """Return this process's peak RSS in KiB (VmHWM: this image only, after exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def environ(path="/", query="", cookie=None):
    import io

    env = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SCRIPT_NAME": "", "SERVER_NAME": HOST, "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": HOST,
        "HTTP_ACCEPT": "text/html", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http", "wsgi.version": (1, 0),
        "wsgi.multithread": False, "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def call(app, env):
    """Return (status code, headers, body bytes) of one WSGI call."""
    seen = []
    result = app(env, lambda status, headers, exc_info=None: seen.append(
        (status, headers)))
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    status, headers = seen[-1]
    return int(status.split()[0]), headers, body


def csrf_cookie(headers):
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0]
    return None


class Peer:
    def __init__(self, name, db_path):
        import importlib

        self.module = importlib.import_module("bench.peers." + name)
        self.db_path = db_path
        self.app = self.module.make_app(db_path)
        _, headers, _ = call(self.app, environ())
        self.cookie = csrf_cookie(headers)

    def check(self):
        from bench.workload import CHECK_REQUESTS

        answers = []
        for path, query in CHECK_REQUESTS:
            status, headers, body = call(self.app, environ(path, query, self.cookie))
            answers.append([status, body.decode("utf-8", "replace")])
        return {"answers": answers, "cookie": self.cookie}

    def inproc(self, n):
        import time

        app, cookie = self.app, self.cookie
        start = time.perf_counter()
        for _ in range(n):
            call(app, environ("/", "", cookie))
        return {"seconds": (time.perf_counter() - start) / n}

    def render(self, n):
        import time

        if not hasattr(self, "_render"):
            self._render = self.module.make_render(self.db_path)
        render = self._render
        render()
        start = time.perf_counter()
        for _ in range(n):
            render()
        return {"seconds": (time.perf_counter() - start) / n}

    def profile(self, n, top=25):
        """cProfile `n` in-process GETs of the page; return the busiest functions."""
        import cProfile

        app, cookie = self.app, self.cookie
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(n):
            call(app, environ("/", "", cookie))
        profiler.disable()
        return {"text": _stats_text(profiler, n, top)}

    def profile_server(self, n, top=25):
        """cProfile the serving thread of waitress (1 thread) for `n` GETs."""
        import cProfile
        import http.client
        import threading
        import time

        import waitress

        _quiet_waitress()
        profiler = cProfile.Profile()
        started = []

        def app(env, start_response):
            if not started:  # profile the worker thread from its first request
                started.append(True)
                profiler.enable()
            return self.app(env, start_response)

        server = waitress.create_server(app, host=HOST, port=0, threads=1)
        threading.Thread(target=server.run, daemon=True).start()
        conn = http.client.HTTPConnection(HOST, int(server.effective_port), timeout=10)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        for _ in range(n + 1):
            conn.request("GET", "/", headers=headers)
            conn.getresponse().read()
        conn.close()
        profiler.disable()
        time.sleep(0.2)  # let the worker thread finish its last task
        server.close()
        return {"text": _stats_text(profiler, n, top)}

    def serve(self):
        import threading

        import waitress

        _quiet_waitress()

        server = waitress.create_server(self.app, host=HOST, port=0, threads=4,
                                        connection_limit=200, backlog=1024)
        threading.Thread(target=server.run, daemon=True).start()
        return {"port": int(server.effective_port), "cookie": self.cookie}


def _quiet_waitress():
    """Hide "Task queue depth is N": expected when a load generator queues up."""
    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def _stats_text(profiler, n, top):
    """Return pstats' listing, by internal and by cumulative time."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    out.write("%d requests; times are totals over all of them.\n" % n)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def first_response(name, db_path):
    """Import the peer, build its app, serve one GET /; print the peak RSS."""
    import importlib

    module = importlib.import_module("bench.peers." + name)
    app = module.make_app(db_path)
    status, _, body = call(app, environ())
    assert status == 200 and b"</html>" in body, status
    print("peak_rss_kib", peak_rss_kib())


def main():
    if sys.argv[1] == "--import":  # python worker.py --import "import flask"
        exec(sys.argv[2], {})
        print("peak_rss_kib", peak_rss_kib())
        return
    import json

    name, db_path = sys.argv[1], sys.argv[2]
    if "--first" in sys.argv:
        return first_response(name, db_path)
    out = os.fdopen(os.dup(1), "w", buffering=1)
    sys.stdout = sys.stderr  # a peer's prints must not garble the protocol
    try:
        peer = Peer(name, db_path)
    except Exception as exc:  # reported by run.py, never fatal to the run
        out.write(json.dumps({"error": "%s: %s" % (type(exc).__name__, exc)}) + "\n")
        return
    out.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        cmd = request.pop("cmd")
        if cmd == "quit":
            break
        try:
            answer = getattr(peer, cmd)(**request)
        except Exception as exc:
            answer = {"error": "%s: %s" % (type(exc).__name__, exc)}
        out.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
