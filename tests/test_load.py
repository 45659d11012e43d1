"""Load (slow): the blog under waitress, in its own process, for
DJSCRATCH_LOAD_SECONDS (default 60) of mixed GET/POST from 8 loopback client
threads (closed loop, keep-alive), with slowloris-style clients on the side.

Checks: zero failed requests, every acknowledged comment stored, resident
memory growth under 10% after a warm-up, slow clients do not hold up others;
prints the request count, throughput and latency percentiles (p50/p99).
"""

import http.client
import os
import random
import shutil
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import unittest
from urllib.parse import urlencode

from tests import running_pytest, slow
from tests.server_process import CSRF_SECRET, ServerProcess

if running_pytest():
    pytestmark = [running_pytest().mark.slow, running_pytest().mark.server]

SECONDS = float(os.environ.get("DJSCRATCH_LOAD_SECONDS", "60"))
WARMUP = max(2.0, min(10.0, SECONDS / 6))
CLIENTS = 8
SLOW_CLIENTS = 120  # more than waitress's default connection limit (100)
FORM = "application/x-www-form-urlencoded"


def rss_kb(pid):
    """Return the resident set size of process `pid` in KB (Linux)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for %d" % pid)


@slow
@unittest.skipUnless(os.path.exists("/proc/self/status"), "needs Linux /proc")
class BlogLoadTest(unittest.TestCase):
    def setUp(self):
        try:
            import waitress  # noqa: F401
        except ImportError:
            self.skipTest("waitress is not installed")
        self.tmp = tempfile.mkdtemp(prefix="djscratch-load-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.db_path = os.path.join(self.tmp, "blog.sqlite3")
        self.server = ServerProcess.blog(self.db_path)
        self.addCleanup(self.server.stop)
        self.port = self.server.port

    def client(self, index, until, results):
        """Issue requests back to back until `until`; record each outcome."""
        rng = random.Random(index)
        conn = self.server.connection()
        headers = {"Host": "127.0.0.1", "Cookie": "csrftoken=" + CSRF_SECRET}
        n = 0
        try:
            while time.monotonic() < until:
                n += 1
                roll = rng.random()
                text, body, method, expect = None, None, "GET", 200
                request_headers = headers
                if roll < 0.2:
                    text = "load %d-%d <b>&</b>" % (index, n)
                    body = urlencode({"author": "c%d" % index, "body": text,
                                      "csrfmiddlewaretoken": CSRF_SECRET})
                    method, url, expect = "POST", "/", 302
                    request_headers = dict(headers, **{"Content-Type": FORM})
                elif roll < 0.4:
                    url = "/comments.json?after=%d" % rng.randrange(0, 5000)
                elif roll < 0.5:
                    url = "/static/blog.css"
                else:
                    url = "/?page=%d" % rng.choice([1, 1, 1, 2, 3])
                started = time.monotonic()
                try:
                    conn.request(method, url, body, request_headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as exc:
                    status = repr(exc)
                    conn.close()
                    conn = self.server.connection()
                results.append((time.monotonic() - started, status == expect,
                                (method, url, status), text if status == 302 else None))
        finally:
            conn.close()

    def slow_client(self, until, stalled):
        """Send a request one byte a second (loopback slowloris)."""
        data = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"z" * 200
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError:
            return
        try:
            for byte in data:
                if time.monotonic() >= until:
                    break
                sock.sendall(bytes([byte]))
                time.sleep(1.0)
        except OSError:
            stalled.append("dropped")  # the server may drop idle slow clients
        finally:
            sock.close()

    def run_load(self, seconds, results):
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=self.client, args=(i, until, results))
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 30)
        self.assertFalse(any(t.is_alive() for t in threads))

    def test_mixed_load_with_slow_clients(self):
        warm = []
        self.run_load(WARMUP, warm)
        rss_after_warmup = rss_kb(self.server.pid)

        until = time.monotonic() + SECONDS
        stalled = []
        slow = [threading.Thread(target=self.slow_client, args=(until, stalled),
                                 daemon=True) for _ in range(SLOW_CLIENTS)]
        for t in slow:
            t.start()
        results = []
        started = time.monotonic()
        self.run_load(SECONDS, results)
        elapsed = time.monotonic() - started
        rss_end = rss_kb(self.server.pid)

        failed = [r for r in results if not r[1]]
        latencies = sorted(r[0] for r in results)
        p50 = latencies[len(latencies) // 2]
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        growth = (rss_end - rss_after_warmup) / rss_after_warmup
        print("\nload: %d requests in %.0fs (%.0f/s), p50 %.1f ms, p99 %.1f ms, "
              "max %.1f ms; RSS %d -> %d KB (%+.1f%%); %d slow clients" % (
                  len(results), elapsed, len(results) / elapsed, p50 * 1000,
                  p99 * 1000, latencies[-1] * 1000, rss_after_warmup, rss_end,
                  growth * 100, SLOW_CLIENTS), file=sys.stderr)

        self.assertEqual(failed[:5], [])
        self.assertGreater(len(results), 100)
        # Slow clients hold no worker thread: the others stay fast.
        self.assertLess(p99, 1.0)
        self.assertLess(growth, 0.10)

        acknowledged = {r[3] for r in warm + results if r[3]}
        db = sqlite3.connect(self.db_path)
        try:
            stored = {row[0] for row in db.execute("SELECT body FROM blog_comment")}
        finally:
            db.close()
        self.assertGreater(len(acknowledged), 10)
        self.assertEqual(acknowledged - stored, set())
