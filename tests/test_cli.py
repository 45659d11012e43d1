"""The command line: python -m djscratch COMMAND."""

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def djscratch(*args, cwd=HERE):
    return subprocess.run(
        [sys.executable, "-m", "djscratch", *args], cwd=cwd, capture_output=True,
        text=True, timeout=120, env={**os.environ, "PYTHONPATH": HERE})


class CommandLineTests(unittest.TestCase):
    def test_unknown_command_exits_2_with_message(self):
        result = djscratch("frobnicate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("Unknown command: 'frobnicate'", result.stderr)

    def test_version_prints_versions(self):
        result = djscratch("version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^djscratch \d+\.\d+\.\d+ \(Django 5\.2")

    def test_help_lists_commands(self):
        result = djscratch("help")
        for name in ("runserver", "test", "check", "shell", "run", "version"):
            self.assertIn(f"  {name}", result.stdout)

    def test_run_executes_a_script_with_the_alias(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "s.py")
            with open(script, "w") as f:
                f.write("import sys\nfrom django.utils.html import escape\n"
                        "print(escape(sys.argv[1]))\n")
            result = djscratch("run", script, "<x>")
        self.assertEqual(result.stdout.strip(), "&lt;x&gt;")

    def test_test_command_exits_1_on_failure_and_prints_summary(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "test_thing.py"), "w") as f:
                f.write("import unittest\n"
                        "class T(unittest.TestCase):\n"
                        "    def test_ok(self): pass\n"
                        "    def test_bad(self): self.assertEqual(1, 2)\n"
                        "    @unittest.skip('why')\n"
                        "    def test_skipped(self): pass\n")
            result = djscratch("test", cwd=tmp)
            self.assertEqual(result.returncode, 1)
            self.assertIn("Found 3 test(s).", result.stdout)  # stdout, as Django
            self.assertIn("1 passed, 1 failed, 1 skipped", result.stderr)
            only = djscratch("test", "-k", "test_ok", cwd=tmp)
            self.assertEqual(only.returncode, 0)
            self.assertIn("Found 1 test(s).", only.stdout)
            label = djscratch("test", "test_thing.T.test_ok", cwd=tmp)
            self.assertEqual(label.returncode, 0)
            self.assertIn("Ran 1 test", label.stderr)


class ConfigurationErrorTests(unittest.TestCase):
    def test_command_without_settings_says_so_without_traceback(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            env_cwd = tmp
            result = subprocess.run(
                [sys.executable, "-m", "djscratch", "check"], cwd=env_cwd,
                capture_output=True, text=True, timeout=120,
                env={k: v for k, v in {**os.environ, "PYTHONPATH": HERE}.items()
                     if k != "DJANGO_SETTINGS_MODULE"})
        self.assertEqual(result.returncode, 1)
        self.assertIn("ImproperlyConfigured: Requested setting", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
