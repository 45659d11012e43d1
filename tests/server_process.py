"""A server in a process of its own, for the concurrency and load tests.

ServerProcess.blog(tmp) runs `python blog.py runserver 127.0.0.1:0` on a
database in `tmp`; ServerProcess.attack_app(db_path) runs tests/attack_app.py.
Both print runserver's banner, from which the port is read.
"""

import http.client
import os
import re
import secrets
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

#: A CSRF cookie value the clients send, and post back as the form token.
CSRF_SECRET = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6"


class ServerProcess:
    def __init__(self, args, env=None, timeout=20):
        environ = dict(os.environ, PYTHONPATH=ROOT, **(env or {}))
        environ.pop("DJSCRATCH_RUN_MAIN", None)
        environ.pop("DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=environ, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True)
        self.port = None
        deadline = time.monotonic() + timeout
        while self.port is None and time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                break
            match = re.search(r"serving at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
        if self.port is None:
            self.stop()
            raise RuntimeError("the server %r did not start" % (args,))

    @classmethod
    def blog(cls, db_path, threads=4):
        return cls(["blog.py", "runserver", "127.0.0.1:0", "--noreload",
                    "--threads", str(threads)],
                   env={"BLOG_DB": db_path, "ALLOWED_HOSTS": "127.0.0.1",
                        "SECRET_KEY": secrets.token_urlsafe(50)})

    @classmethod
    def attack_app(cls, db_path, threads=4):
        return cls([os.path.join(HERE, "attack_serve.py"), db_path, "0", str(threads)])

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        """Kill the process (SIGKILL) and wait for it."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        self.proc.stdout.close()

    def connection(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, conn=None):
        """Send one request; return (status, body bytes)."""
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body, {"Host": "127.0.0.1",
                                              **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            if own:
                conn.close()
