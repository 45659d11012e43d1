"""The command line: python -m djscratch COMMAND."""

import os
import sys
import unittest

from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def djscratch(*args, cwd=HERE):
    return forked.run(
        [sys.executable, "-m", "djscratch", *args], cwd=cwd, capture_output=True,
        text=True, timeout=120, env={**os.environ, "PYTHONPATH": HERE})


class CommandLineTests(unittest.TestCase):
    def test_unknown_command_exits_2_with_message(self):
        result = djscratch("frobnicate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("Unknown command: 'frobnicate'", result.stderr)

    def test_misspelled_command_suggests_the_nearest_as_django_does(self):
        result = djscratch("tset")
        self.assertEqual(result.stderr, "Unknown command: 'tset'. Did you mean test?\n"
                                        "Type 'python -m djscratch help' for usage.\n")
        far = djscratch("xyzzy")
        self.assertEqual(far.stderr, "Unknown command: 'xyzzy'\n"
                                     "Type 'python -m djscratch help' for usage.\n")

    def test_djangos_commands_djscratch_lacks_are_refused_with_the_reason(self):
        result = djscratch("makemigrations", "polls")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, (
            "djscratch does not implement Django's 'makemigrations' command "
            "(djscratch has no migration files: `migrate` creates the tables from "
            "the models and ignores migrations/ folders). Run it on Django 5.2: "
            "with Django installed, manage.py uses it, and DJSCRATCH_ENGINE=django "
            "makes djscratch hand over to it.\n"))
        self.assertIn("(not implemented)", djscratch("inspectdb").stderr)

    def test_version_flag_prints_the_version_like_django_admin(self):
        result = djscratch("--version")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, djscratch("version").stdout)

    def test_help_flag_lists_the_commands(self):
        result = djscratch("--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("  migrate", result.stdout)

    def test_app_help_shows_server_options_and_the_commands(self):
        result = forked.run(
            [sys.executable, "blog.py", "--help"], cwd=HERE, capture_output=True,
            text=True, timeout=120, env={**os.environ, "PYTHONPATH": HERE})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("--port PORT", result.stdout)
        for name in ("runserver", "test", "migrate", "check", "shell"):
            self.assertRegex(result.stdout, rf"\n  {name} ")
        self.assertIn("blog.py COMMAND --help", result.stdout)

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
            result = forked.run(
                [sys.executable, "-m", "djscratch", "check"], cwd=env_cwd,
                capture_output=True, text=True, timeout=120,
                env={k: v for k, v in {**os.environ, "PYTHONPATH": HERE}.items()
                     if k != "DJANGO_SETTINGS_MODULE"})
        self.assertEqual(result.returncode, 1)
        self.assertIn("ImproperlyConfigured: Requested setting INSTALLED_APPS, but "
                      "settings are not configured.", result.stderr)
        self.assertNotIn("LOGGING", result.stderr)  # never set by the user
        self.assertIn("--settings", result.stderr)  # what to do about it
        self.assertNotIn("Traceback", result.stderr)

    def test_an_installed_app_that_fails_to_import_shows_the_real_error(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "mysettings.py"), "w") as f:
                f.write("INSTALLED_APPS = ['myapp']\nSECRET_KEY = 'x' * 50\n")
            with open(os.path.join(tmp, "myapp.py"), "w") as f:
                f.write("import no_such_dependency\n")
            result = forked.run(
                [sys.executable, "-m", "djscratch", "check", "--settings",
                 "mysettings"], cwd=tmp, capture_output=True, text=True,
                timeout=120, env={**os.environ, "PYTHONPATH": HERE})
        self.assertEqual(result.returncode, 1)
        self.assertIn("ModuleNotFoundError: No module named 'no_such_dependency'",
                      result.stderr)
        self.assertNotIn("look like a module path", result.stderr)


class ShellTests(unittest.TestCase):
    def test_shell_command_option_runs_code_with_settings_and_models(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            app = os.path.join(tmp, "notes.py")
            with open(app, "w") as f:
                f.write("import djscratch\n"
                        "app = djscratch.App(__name__, SECRET_KEY='x' * 50)\n"
                        "from django.db import models\n"
                        "class Note(models.Model):\n"
                        "    text = models.TextField()\n"
                        "urlpatterns = []\n"
                        "if __name__ == '__main__':\n"
                        "    app.main()\n")
            result = forked.run(
                [sys.executable, app, "shell", "-c",
                 "print(settings.ROOT_URLCONF, Note._meta.db_table)"], cwd=tmp,
                capture_output=True, text=True, timeout=120,
                env={**os.environ, "PYTHONPATH": HERE})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "2 objects imported automatically (use -v 2 "
                                        "for details).\n\nnotes notes_note\n")


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
            return forked.run(
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
