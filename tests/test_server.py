"""runserver over real sockets (slow, server tests): an app run as
`python app.py --port N` answers, logs one line per request, reloads on
change with DEBUG, and stops cleanly on Ctrl-C."""

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import djscratch

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

APP = """\
import djscratch
app = djscratch.App(__name__, MIDDLEWARE=[], ALLOWED_HOSTS=["127.0.0.1", "localhost"])
from django.http import HttpResponse
from django.urls import path

def home(request):
    return HttpResponse("MESSAGE")

def crash(request):
    raise ValueError("server-side detail")

urlpatterns = [path("", home), path("crash/", crash)]

if __name__ == "__main__":
    app.main()
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child_pids(pid):
    """Return the ids of the processes whose parent is `pid` (Linux /proc)."""
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry))
    return children


class Server:
    """A server subprocess in its own process group (so Ctrl-C can be sent
    to the whole group, as a terminal does)."""

    def __init__(self, args, cwd, env=None, port=None):
        self.port = port
        self.log = tempfile.TemporaryFile(mode="w+")
        self.out = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [sys.executable, *args],
            cwd=cwd,
            stdout=self.out,
            stderr=self.log,
            env={
                **os.environ,
                "PYTHONPATH": HERE,
                "PYTHONUNBUFFERED": "1",
                **(env or {}),
            },
            start_new_session=True,
        )

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def wait_until_up(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("server exited: %s" % self.stderr())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.02)
        raise AssertionError("server did not start: %s" % self.stderr())

    def get(self, path="/"):
        try:
            with urllib.request.urlopen(self.url(path), timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def stderr(self):
        self.log.seek(0)
        return self.log.read()

    def stdout(self):
        self.out.seek(0)
        return self.out.read()

    def interrupt(self, timeout=15):
        """Send Ctrl-C (SIGINT to the group) and return the exit status."""
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise AssertionError("server did not stop on Ctrl-C") from None

    def close(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()
        self.out.close()


class ServerTests(unittest.TestCase):
    parallel_cost = 4  # seconds, roughly: --parallel starts it early

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.app_file = os.path.join(self.tmp.name, "hello.py")
        with open(self.app_file, "w") as f:
            f.write(APP)
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.close()
        self.tmp.cleanup()

    def start(self, *args, env=None, port=None):
        port = port or free_port()
        server = Server(
            args or ("hello.py", "--port", str(port)), self.tmp.name, env=env, port=port
        )
        self.servers.append(server)
        server.wait_until_up()
        return server

    def test_app_serves_logs_and_stops_cleanly(self):
        server = self.start()
        self.assertEqual(server.get("/"), (200, b"MESSAGE"))
        status, body = server.get("/missing/")
        self.assertEqual(status, 404)
        self.assertEqual(server.interrupt(), 0)
        log = server.stderr()
        self.assertRegex(log, r'\] "GET / HTTP/1\.1" 200 7')
        self.assertRegex(log, r'\] "GET /missing/ HTTP/1\.1" 404 \d+')
        self.assertEqual(log.count('"GET / HTTP/1.1"'), 1)  # one line per request
        self.assertNotIn("Traceback", log)
        out = server.stdout()
        self.assertIn("serving at http://127.0.0.1:%d/" % server.port, out)
        if "(wsgiref" in out:
            self.assertIn("waitress is not installed", log)

    def test_single_file_app_serves_its_static_folder_without_debug(self):
        os.mkdir(os.path.join(self.tmp.name, "static"))
        with open(os.path.join(self.tmp.name, "static", "site.css"), "w") as f:
            f.write("body{}")
        server = self.start()
        self.assertEqual(server.get("/static/site.css"), (200, b"body{}"))
        self.assertEqual(server.get("/static/../hello.py")[0], 404)
        self.assertEqual(server.interrupt(), 0)

    def test_errors_are_logged_not_shown(self):
        server = self.start()
        status, body = server.get("/crash/")
        self.assertEqual(status, 500)
        self.assertNotIn(b"server-side detail", body)
        server.interrupt()
        self.assertIn("ValueError: server-side detail", server.stderr())

    def test_host_and_port_from_environment(self):
        port = free_port()
        server = self.start(
            "hello.py", env={"HOST": "127.0.0.1", "PORT": str(port)}, port=port
        )
        self.assertEqual(server.get("/"), (200, b"MESSAGE"))

    def test_addrport_argument(self):
        port = free_port()
        server = self.start("hello.py", "runserver", "127.0.0.1:%d" % port, port=port)
        self.assertEqual(server.get("/"), (200, b"MESSAGE"))

    def test_bad_requests_over_the_wire_are_4xx_and_server_survives(self):
        server = self.start()
        for raw in (
            b"GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            b"GET /%ff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
        ):
            with self.subTest(raw=raw):
                with socket.create_connection(
                    ("127.0.0.1", server.port), timeout=5
                ) as s:
                    s.sendall(raw)
                    status_line = s.recv(1024).split(b"\r\n", 1)[0]
                self.assertRegex(status_line, rb"^HTTP/1\.[01] 4\d\d ")
        self.assertEqual(server.get("/"), (200, b"MESSAGE"))

    def test_reload_on_source_change_with_debug(self):
        server = self.start(env={"DEBUG": "1"})
        self.assertEqual(server.get("/"), (200, b"MESSAGE"))
        time.sleep(1.1)  # let the watcher record the first modification time
        with open(self.app_file, "w") as f:
            f.write(APP.replace("MESSAGE", "CHANGED"))
        deadline = time.monotonic() + 15
        body = None
        while time.monotonic() < deadline:
            try:
                status, body = server.get("/")
                if body == b"CHANGED":
                    break
            except OSError:
                pass
            time.sleep(0.05)
        self.assertEqual(body, b"CHANGED")
        self.assertIn("changed, reloading", server.stderr())
        self.assertEqual(server.interrupt(), 0)

    @unittest.skipUnless(os.path.isdir("/proc/self"), "needs /proc to find the child")
    def test_sigterm_to_the_reloader_stops_its_child_and_frees_the_port(self):
        port = free_port()
        server = self.start("hello.py", "--port", str(port), "--reload", port=port)
        children = _child_pids(server.process.pid)
        self.assertEqual(len(children), 1)  # the reloaded process that serves
        os.kill(server.process.pid, signal.SIGTERM)  # the parent only, as docker
        self.assertEqual(server.process.wait(timeout=10), 0)
        self.assertFalse(os.path.exists("/proc/%d" % children[0]), "child still runs")
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()

    def test_invalid_port_is_a_clear_error(self):
        result = subprocess.run(
            [sys.executable, "hello.py", "runserver", "notaport"],
            cwd=self.tmp.name,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": HERE},
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            '"notaport" is not a valid port number or address:port pair.', result.stderr
        )


def _default_middleware_missing():
    for name in djscratch.DEFAULT_MIDDLEWARE:
        try:
            djscratch.import_string(name)
        except ImportError:
            return name
    return None


class BlogServerTests(unittest.TestCase):
    """`python blog.py --port N` (the README's Quickstart) serves its page."""

    def test_blog_serves_its_home_page(self):
        missing = _default_middleware_missing()
        if missing:
            self.skipTest("%s is not implemented in this checkout" % missing)
        port = free_port()
        server = Server(["blog.py", "--port", str(port)], HERE, port=port)
        try:
            server.wait_until_up()
            status, body = server.get("/")
            self.assertEqual(status, 200)
            self.assertIn(b"djscratch", body)
            self.assertEqual(server.interrupt(), 0)
            self.assertRegex(server.stderr(), r'"GET / HTTP/1\.1" 200 \d+')
        finally:
            server.close()


PROXIED_APP = """\
import djscratch
app = djscratch.App(
    __name__, ALLOWED_HOSTS=["127.0.0.1"],
    MIDDLEWARE=["django.middleware.security.SecurityMiddleware"],
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
from django.http import HttpResponse
from django.urls import path

def home(request):
    return HttpResponse("secure=%s from=%s" % (request.is_secure(),
                                                request.META["REMOTE_ADDR"]))

urlpatterns = [path("", home)]

if __name__ == "__main__":
    app.main()
"""


@unittest.skipUnless(importlib.util.find_spec("waitress"), "waitress is not installed")
class TrustedProxyTests(unittest.TestCase):
    """Behind a TLS proxy: waitress keeps X-Forwarded-Proto only from the
    address given to --trusted-proxy, so SECURE_SSL_REDIRECT does not loop."""

    def serve(self, *options):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        with open(os.path.join(tmp.name, "proxied.py"), "w") as f:
            f.write(PROXIED_APP)
        port = free_port()
        server = Server(["proxied.py", "--port", str(port), *options], tmp.name,
                        port=port)
        self.addCleanup(server.close)
        server.wait_until_up()
        return server

    def fetch(self, server, headers):
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            conn.request("GET", "/", headers={"Host": "127.0.0.1", **headers})
            response = conn.getresponse()
            return response.status, response.getheader("Location"), response.read()
        finally:
            conn.close()

    def test_forwarded_proto_from_the_trusted_proxy_is_https(self):
        server = self.serve("--trusted-proxy", "127.0.0.1")
        status, _, body = self.fetch(server, {"X-Forwarded-Proto": "https",
                                              "X-Forwarded-For": "203.0.113.7"})
        self.assertEqual((status, body), (200, b"secure=True from=203.0.113.7"))
        status, location, _ = self.fetch(server, {})
        self.assertEqual((status, location), (301, "https://127.0.0.1/"))

    def test_without_the_option_the_header_is_dropped(self):
        server = self.serve()
        status, location, _ = self.fetch(server, {"X-Forwarded-Proto": "https"})
        self.assertEqual((status, location), (301, "https://127.0.0.1/"))
        server = self.serve("--trusted-proxy", "192.0.2.1")  # not this client
        status, location, _ = self.fetch(server, {"X-Forwarded-Proto": "https"})
        self.assertEqual((status, location), (301, "https://127.0.0.1/"))


if __name__ == "__main__":
    unittest.main()


class ServerLoggingTests(unittest.TestCase):
    def make_record(self, name):
        import logging

        try:
            raise djscratch.DisallowedHost("Invalid HTTP_HOST header: 'evil.com'.")
        except djscratch.DisallowedHost:
            return logging.LogRecord(name, logging.ERROR, __file__, 1, "bad host",
                                     None, sys.exc_info())

    def test_bad_request_from_a_client_is_logged_without_traceback(self):
        record = self.make_record("django.security.DisallowedHost")
        self.assertTrue(djscratch._drop_security_tracebacks(record))
        self.assertIsNone(record.exc_info)

    def test_server_errors_keep_their_traceback(self):
        record = self.make_record("django.request")
        djscratch._drop_security_tracebacks(record)
        self.assertIsNotNone(record.exc_info)


class RequestLoggerTests(unittest.TestCase):
    """runserver's request-logging wrapper: one line per request, and the
    server's own file wrapper handed back as it is (the server sends the file
    itself), logged when the server closes it."""

    def call(self, app, file_wrapper=None, path="/f", query=""):
        from wsgiref.util import setup_testing_defaults

        environ = {"PATH_INFO": path, "QUERY_STRING": query}
        setup_testing_defaults(environ)
        if file_wrapper is not None:
            environ["wsgi.file_wrapper"] = file_wrapper
        seen = {}
        result = djscratch._RequestLogger(app)(
            environ, lambda status, headers, exc_info=None: seen.update(
                status=status, headers=headers))
        return result, seen

    def test_a_body_is_logged_with_its_size_when_closed(self):
        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ab", b"cde"]

        result, _ = self.call(app, query="x=1")
        with self.assertLogs("django.server", "INFO") as logs:
            self.assertEqual(b"".join(result), b"abcde")
            result.close()
        self.assertEqual(logs.output,
                         ['INFO:django.server:"GET /f?x=1 HTTP/1.0" 200 5'])

    def test_the_servers_file_wrapper_is_handed_back_and_logged_on_close(self):
        import io
        from wsgiref.util import FileWrapper

        closed = []
        data = io.BytesIO(b"x" * 70000)
        data.close = lambda: closed.append(True)

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain"),
                                      ("Content-Length", "70000")])
            return environ["wsgi.file_wrapper"](data, 8192)

        result, seen = self.call(app, file_wrapper=FileWrapper)
        self.assertIs(type(result), FileWrapper)  # not re-wrapped: the server's
        self.assertEqual(seen["status"], "200 OK")
        with self.assertLogs("django.server", "INFO") as logs:
            self.assertEqual(len(b"".join(result)), 70000)
            result.close()
        self.assertEqual(closed, [True])
        self.assertEqual(logs.output,
                         ['INFO:django.server:"GET /f HTTP/1.0" 200 70000'])

    def test_a_static_file_over_waitress_is_sent_whole_and_logged(self):
        try:
            import waitress
        except ImportError:
            raise unittest.SkipTest("waitress is not installed") from None
        import http.client
        import logging
        import threading

        content = os.urandom(3 * 1024 * 1024 + 17)  # above waitress's 1 MB spill
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
            f.write(content)
        self.addCleanup(os.remove, f.name)
        handler = None

        def app(environ, start_response):  # as the handler answers a FileResponse
            start_response("200 OK", [("Content-Type", "application/octet-stream"),
                                      ("Content-Length", str(len(content)))])
            wrapper = environ["wsgi.file_wrapper"](open(f.name, "rb"), 4096)
            nonlocal handler
            handler = type(wrapper)
            return wrapper

        logging.getLogger("waitress").setLevel(logging.CRITICAL)
        server = waitress.create_server(djscratch._RequestLogger(app),
                                        host="127.0.0.1", port=0,
                                        **djscratch._waitress_options(2))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            with self.assertLogs("django.server", "INFO") as logs:
                conn = http.client.HTTPConnection("127.0.0.1", server.effective_port,
                                                  timeout=20)
                conn.request("GET", "/big.bin")
                response = conn.getresponse()
                self.assertEqual(response.read(), content)
                conn.close()
                deadline = time.monotonic() + 10
                while not logs.records and time.monotonic() < deadline:
                    time.sleep(0.02)
        finally:
            server.task_dispatcher.shutdown()
            server.close()
            server._map.clear()
            thread.join(5)
        self.assertEqual(handler.__name__, "ReadOnlyFileBasedBuffer")
        self.assertEqual(logs.output, ['INFO:django.server:"GET /big.bin HTTP/1.1" '
                                       '200 %d' % len(content)])
