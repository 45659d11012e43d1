"""The Dockerfile, checked without a Docker engine.

CI machines may have no Docker daemon, so this test reads the Dockerfile,
checks the promises it makes (slim official image, non-root user, only
waitress installed, a volume for the database, port 8000, a health check),
then rebuilds its filesystem in a temporary folder, installs the same
packages in a fresh venv, runs its CMD and its HEALTHCHECK there.
"""

import http.client
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import venv

from tests import slow

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_dockerfile(path):
    """Return [(instruction, argument text)], continuation lines joined."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n", " ", f.read())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def exec_form(text):
    return json.loads(text) if text.startswith("[") else shlex.split(text)


class DockerfileTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.steps = parse_dockerfile(os.path.join(HERE, "Dockerfile"))
        cls.by_name = {}
        for name, arg in cls.steps:
            cls.by_name.setdefault(name, []).append(arg)

    def test_base_image_is_slim_official_python(self):
        self.assertRegex(self.by_name["FROM"][0], r"^python:3\.\d+-slim$")

    def test_runs_as_non_root_user(self):
        self.assertNotIn(self.by_name["USER"][-1], ("root", "0"))

    def test_only_waitress_is_installed(self):
        installs = [a for a in self.by_name["RUN"] if "pip install" in a]
        self.assertEqual(len(installs), 1)
        packages = re.findall(r"([A-Za-z][\w.-]*==[\w.]+)", installs[0])
        self.assertEqual([p.split("==")[0] for p in packages], ["waitress"])
        with open(os.path.join(HERE, "requirements.txt")) as f:
            self.assertIn(packages[0], f.read())  # same pin as everywhere else

    def test_database_lives_on_a_volume(self):
        env = " ".join(self.by_name["ENV"])
        self.assertIn("BLOG_DB=/data/", env)
        self.assertIn("/data", self.by_name["VOLUME"][0])

    def test_exposes_8000_with_a_healthcheck_and_binds_all_interfaces(self):
        self.assertEqual(self.by_name["EXPOSE"], ["8000"])
        self.assertIn("CMD", self.by_name["HEALTHCHECK"][0])
        cmd = exec_form(self.by_name["CMD"][-1])
        self.assertEqual(cmd[:2], ["python", "blog.py"])
        self.assertIn("0.0.0.0", cmd)

    def test_copied_files_exist(self):
        for arg in self.by_name["COPY"]:
            for source in arg.split()[:-1]:
                self.assertTrue(os.path.exists(os.path.join(HERE, source)), source)

    # -- the image emulated in a venv: its CMD, HEALTHCHECK and SIGTERM --

    @classmethod
    def image(cls):
        """Return (workdir, python) of the image rebuilt in a temporary folder:
        the COPY sources in `workdir`, the RUN's pinned packages in a venv.
        Built once for the class."""
        if getattr(cls, "_image", None) is None:
            if os.environ.get("DJSCRATCH_SKIP_NETWORK_TESTS"):
                raise unittest.SkipTest("DJSCRATCH_SKIP_NETWORK_TESTS is set")
            tmp = tempfile.mkdtemp()
            cls.addClassCleanup(shutil.rmtree, tmp, True)
            workdir = os.path.join(tmp, "app")
            os.makedirs(workdir)
            for arg in cls.by_name["COPY"]:
                *sources, dest = arg.split()
                for source in sources:
                    target = os.path.join(
                        workdir, dest if dest not in ("./", ".") else "")
                    src = os.path.join(HERE, source)
                    if os.path.isdir(src):
                        shutil.copytree(src, target)
                    else:
                        shutil.copy(src, target)
            env_dir = os.path.join(tmp, "venv")
            venv.create(env_dir, with_pip=True)
            python = os.path.join(env_dir, "bin", "python")
            install = [a for a in cls.by_name["RUN"] if "pip install" in a][0]
            packages = re.findall(r"([A-Za-z][\w.-]*==[\w.]+)", install)
            pip = subprocess.run([python, "-m", "pip", "install", "--quiet",
                                  "--disable-pip-version-check", *packages],
                                 capture_output=True, text=True, timeout=300)
            if pip.returncode != 0:
                raise unittest.SkipTest(
                    f"cannot install {packages} here: {pip.stderr[-300:]}")
            cls._image = workdir, python
        return cls._image

    def start_container(self, **environ):
        """Run the image's CMD with its ENV (plus `environ`, as `docker run -e`
        would) on a free port; return (process, env, data folder, port)."""
        workdir, python = self.image()
        data = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, data, True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = str(s.getsockname()[1])
        env = {"PATH": os.path.dirname(python) + os.pathsep + os.environ["PATH"]}
        for line in self.by_name["ENV"]:
            for pair in shlex.split(line):
                key, _, value = pair.partition("=")
                env[key] = value.replace("/data", data)
        env["PORT"] = port
        env.update(environ)
        cmd = [port if part == "8000" else part
               for part in exec_form(self.by_name["CMD"][-1])]
        server = subprocess.Popen(cmd, cwd=workdir, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

        def stop():
            if server.poll() is None:
                server.kill()
            server.communicate(timeout=10)
        self.addCleanup(stop)
        return server, env, data, port

    def healthcheck(self, env, port, wait=30):
        """Run the HEALTHCHECK's command until it passes or `wait` seconds
        pass (the start period); return the last result."""
        health_cmd = self.by_name["HEALTHCHECK"][0].split("CMD", 1)[1]
        health = exec_form(health_cmd.strip())
        health = [part.replace(":8000", ":" + port) for part in health]
        deadline = time.monotonic() + wait
        while True:
            result = subprocess.run(health, cwd=self.image()[0], env=env,
                                    capture_output=True, timeout=30)
            if result.returncode == 0 or time.monotonic() > deadline:
                return result
            time.sleep(0.3)

    def get(self, port, host="127.0.0.1", path="/", headers=None, data=None):
        conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
        try:
            conn.request("POST" if data else "GET", path, body=data,
                         headers={"Host": host, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()

    @slow
    def test_cmd_serves_the_blog_in_a_venv_with_the_same_packages(self):
        server, env, data, port = self.start_container()
        result = self.healthcheck(env, port)
        self.assertEqual(result.returncode, 0, result.stderr.decode()[-500:])
        self.assertTrue(os.path.exists(os.path.join(data, "blog.sqlite3")))
        server.terminate()
        out, _ = server.communicate(timeout=10)
        self.assertIn(b"waitress", out.lower())

    @slow
    def test_healthcheck_passes_with_the_readmes_allowed_hosts(self):
        # The README runs the blog with ALLOWED_HOSTS=example.com; the check
        # must not be a 400 then, and the host check must stay on for others.
        server, env, data, port = self.start_container(ALLOWED_HOSTS="example.com")
        result = self.healthcheck(env, port)
        self.assertEqual(result.returncode, 0, result.stderr.decode()[-500:])
        self.assertEqual(self.get(port, host="example.com")[0], 200)
        self.assertEqual(self.get(port, host="127.0.0.1")[0], 400)
        self.assertEqual(self.get(port, host="evil.example")[0], 400)

    @slow
    def test_sigterm_stops_the_server_within_a_second(self):
        server, env, data, port = self.start_container()
        self.assertEqual(self.healthcheck(env, port).returncode, 0)
        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        # Exit status 0, not death by the signal: the server handles SIGTERM,
        # as it must as a container's PID 1 (which ignores unhandled SIGTERM).
        self.assertEqual(server.wait(timeout=10), 0)
        self.assertLess(time.monotonic() - started, 1.0)

    @slow
    def test_sigterm_lets_a_request_in_flight_finish(self):
        server, env, data, port = self.start_container()
        self.assertEqual(self.healthcheck(env, port).returncode, 0)
        status, headers, page = self.get(port)
        cookie = dict(headers)["Set-Cookie"].split(";", 1)[0]
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = urllib.parse.urlencode({
            "author": "Ada", "body": "posted while stopping",
            "csrfmiddlewaretoken": token.decode()}).encode()
        # Holding the database's write lock keeps the POST inside its view.
        lock = sqlite3.connect(os.path.join(data, "blog.sqlite3"),
                               isolation_level=None)
        self.addCleanup(lock.close)
        lock.execute("BEGIN IMMEDIATE")
        answers = []
        poster = threading.Thread(target=lambda: answers.append(self.get(
            port, data=form, headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded"})))
        poster.start()
        time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        self.assertIsNone(server.poll(), "the server left a request unfinished")
        lock.execute("ROLLBACK")
        released = time.monotonic()
        self.assertEqual(server.wait(timeout=10), 0)
        self.assertLess(time.monotonic() - released, 1.0)
        poster.join(10)
        self.assertEqual(answers[0][0], 302)
        self.assertEqual(
            lock.execute("SELECT body FROM blog_comment").fetchall(),
            [("posted while stopping",)])
