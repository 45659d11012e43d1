"""tests/forked.py: a forked command gives what subprocess.run() gives.

The command-line tests run their processes through forked.run(); these
checks hold it to the new process it stands in for.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: Prints what a new interpreter sets up, then exits with a chosen status.
PROBE = """
import json, os, sys
print(json.dumps({"argv": sys.argv, "cwd": os.getcwd(), "path0": sys.path[0],
                  "env": os.environ.get("FORKED_PROBE"), "stdin": sys.stdin.read(),
                  "main": __name__, "file": globals().get("__file__"),
                  "djscratch": "djscratch" in sys.modules}))
print("to stderr", file=sys.stderr)
sys.exit(int(os.environ.get("FORKED_STATUS", "0")))
"""


class ForkedRunTests(unittest.TestCase):
    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    def both(self, argv, **kwargs):
        """Run `argv` both ways; return the two CompletedProcess objects."""
        options = dict(text=True, timeout=60, **kwargs)
        if "stdout" not in kwargs:
            options["capture_output"] = True
        return forked.run(argv, **options), subprocess.run(argv, **options)

    def assertSame(self, got, want):
        self.assertEqual((got.returncode, got.stdout, got.stderr),
                         (want.returncode, want.stdout, want.stderr))

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PYTHON") or k in forked.EMULATED}
        return dict(env, PYTHONPATH=HERE, **extra)

    def test_code_sees_the_same_argv_folder_environment_stdin_and_status(self):
        with tempfile.TemporaryDirectory() as tmp:
            got, want = self.both(
                [sys.executable, "-c", PROBE, "a", "b c"], cwd=tmp, input="in\n",
                env=self.env(FORKED_PROBE="yes", FORKED_STATUS="3"))
        self.assertEqual(got.returncode, 3)
        self.assertEqual((got.returncode, got.stderr), (want.returncode, want.stderr))
        got_seen, want_seen = json.loads(got.stdout), json.loads(want.stdout)
        # A forked child has imported djscratch already; nothing else differs.
        self.assertEqual((got_seen.pop("djscratch"), want_seen.pop("djscratch")),
                         (True, False))
        self.assertEqual(got_seen, want_seen)

    def test_a_script_runs_as_main_with_its_folder_first_on_the_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "probe.py"), "w") as f:
                f.write("import djscratch\n" + PROBE)
            got, want = self.both([sys.executable, "probe.py", "x"], cwd=tmp,
                                  env=self.env())
        self.assertSame(got, want)

    def test_python_m_djscratch_gives_the_same_output_and_exit_status(self):
        for args in (["tset"], ["version"]):
            with self.subTest(args=args):
                got, want = self.both([sys.executable, "-m", "djscratch", *args],
                                      cwd=HERE, env=self.env())
                self.assertSame(got, want)

    def test_stderr_into_stdout_keeps_the_order(self):
        got, want = self.both([sys.executable, "-m", "djscratch", "tset"], cwd=HERE,
                              env=self.env(), stderr=subprocess.STDOUT,
                              stdout=subprocess.PIPE)
        self.assertSame(got, want)

    def test_a_timeout_raises_and_kills_the_child(self):
        with self.assertRaises(subprocess.TimeoutExpired):
            forked.run([sys.executable, "-c", "import time; time.sleep(30)"],
                       cwd=HERE, env=self.env(), capture_output=True, timeout=0.5)

    def test_what_a_fork_cannot_reproduce_runs_as_a_new_process(self):
        self.assertIsNone(forked._forkable([sys.executable, "-S", "-c", "1"], {}))
        self.assertIsNone(forked._forkable(
            [sys.executable, "-c", "1"], {"PYTHONHASHSEED": "0"}))
        self.assertIsNone(forked._forkable(
            [sys.executable, "-c", "1"], {"DJSCRATCH_ENGINE": "django"}))
        self.assertIsNone(forked._forkable(["/other/python", "-c", "1"], {}))

    def test_a_script_runs_its_cached_code_only_when_it_is_current(self):
        import py_compile
        import time

        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "script.py")
            with open(script, "w", encoding="utf-8") as f:
                f.write("X = 1\n")
            self.assertIsNone(forked._current_byte_code(script))  # none cached
            py_compile.compile(script, doraise=True)
            self.assertEqual(forked._current_byte_code(script),
                             compile("X = 1\n", script, "exec"))
            with open(script, "w", encoding="utf-8") as f:
                f.write("X = 22\n")  # another size: the cache is stale
            self.assertIsNone(forked._current_byte_code(script))
            py_compile.compile(script, doraise=True)
            os.utime(script, (time.time() + 5, time.time() + 5))  # another time
            self.assertIsNone(forked._current_byte_code(script))
            got, want = self.both([sys.executable, script, "x"], cwd=tmp,
                                  env=self.env())
            self.assertSame(got, want)

    def test_the_server_imports_only_standard_library_modules_ahead(self):
        # What a child finds imported beyond djscratch must be what any new
        # interpreter could import the same way: never djscratch's own
        # modules, a `django` alias, the tests or an installed package.
        for name in forked.WARM_MODULES:
            with self.subTest(name=name):
                self.assertIn(name.partition(".")[0], sys.stdlib_module_names)
        code = ("import json, sys; print(json.dumps(sorted(n for n in %r "
                "if n in sys.modules)))" % (forked.WARM_MODULES,))
        got = forked.run([sys.executable, "-c", code], cwd=HERE, env=self.env(),
                         capture_output=True, text=True, timeout=60)
        self.assertEqual(json.loads(got.stdout), sorted(forked.WARM_MODULES))
