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


class DeployCheckTests(unittest.TestCase):
    """`check --deploy` against real Django's output for the same settings
    (recorded by tests/gen_deploy_checks_expected.py)."""

    @classmethod
    def setUpClass(cls):
        import json

        with open(os.path.join(HERE, "tests", "data",
                               "deploy_checks_expected.json")) as f:
            cls.expected = json.load(f)["cases"]

    def check(self, name, *args):
        import tempfile

        from tests.deploy_checks_cases import settings_source

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "deploy_settings.py"), "w") as f:
                f.write(settings_source(name))
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deploy_settings",
                   "PYTHONPATH": os.pathsep.join([tmp, HERE])}
            return subprocess.run(
                [sys.executable, "-m", "djscratch", "check", "--deploy", *args],
                cwd=tmp, capture_output=True, text=True, timeout=60, env=env)

    def assert_same_as_django(self, name):
        expected = self.expected[name]
        result = self.check(name)
        self.assertEqual(result.stderr, expected["stderr"])
        self.assertEqual(result.stdout, expected["stdout"])
        self.assertEqual(result.returncode, expected["returncode"])

    def test_startproject_settings_get_djangos_warnings(self):
        self.assert_same_as_django("startproject")

    def test_hardened_settings_pass(self):
        self.assert_same_as_django("hardened")

    def test_hsts_without_subdomains_or_preload_frames_and_fallback_keys(self):
        self.assert_same_as_django("hsts_only_seconds_and_sameorigin_frames")

    def test_without_middleware_the_middleware_checks_speak(self):
        self.assert_same_as_django("no_middleware")

    def test_invalid_policies_are_errors_and_exit_1(self):
        self.assert_same_as_django("bad_policies")

    def test_silenced_checks_are_counted(self):
        self.assert_same_as_django("no_referrer_policy_and_a_silenced_check")

    def test_an_empty_key_is_warning_w009(self):
        self.assert_same_as_django("empty_key")

    def test_fail_level_warning_makes_warnings_fail(self):
        result = self.check("startproject", "--fail-level", "WARNING")
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith(
            "SystemCheckError: System check identified some issues:"),
            result.stderr)
