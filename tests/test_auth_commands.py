"""The createsuperuser and changepassword commands, scripted through
call_command with input() and getpass.getpass() answered by the test:
tests/auth2_project/commands_run.py prints every run's prompts, output and
errors, for the default user model and an email-as-username model, and the
output must be what Django printed (tests/auth2_expected.json)."""

import os
import sys
import unittest

from tests.gen_auth2_expected import PROJECT, project_env
from tests.test_auth_client import _expected
from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class AuthCommandsMatchDjangoTests(unittest.TestCase):
    maxDiff = None

    def _run(self, config):
        result = forked.run([sys.executable, "commands_run.py"], cwd=PROJECT,
                            env=project_env(config, HERE), capture_output=True,
                            text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout, _expected()[config])

    def test_createsuperuser_and_changepassword_default_user(self):
        """--noinput with DJANGO_SUPERUSER_*, the interactive prompts, the
        validators and the bypass question, not-a-TTY, Ctrl-C; changepassword's
        mismatch, validation, three-attempt abort and unknown user."""
        self._run("commands-auth")

    def test_createsuperuser_with_custom_required_fields(self):
        """USERNAME_FIELD email and REQUIRED_FIELDS date_of_birth."""
        self._run("commands-emailuser")


class CreatesuperuserCommandLineTests(unittest.TestCase):
    def test_options_follow_the_user_model(self):
        env = project_env("emailuser-db", HERE)
        result = forked.run(
            [sys.executable, os.path.join(HERE, "djscratch.py"), "createsuperuser",
             "--help"], cwd=PROJECT, env=env, capture_output=True, text=True,
            timeout=120)
        self.assertIn("--email EMAIL", result.stdout)
        self.assertIn("--date_of_birth DATE_OF_BIRTH", result.stdout)
        self.assertIn("You must use --email with --noinput", result.stdout)

    def test_noinput_without_username_is_a_command_error(self):
        env = project_env("auth-db", HERE)
        result = forked.run(
            [sys.executable, os.path.join(HERE, "djscratch.py"), "createsuperuser",
             "--noinput"], cwd=PROJECT, env=env, capture_output=True, text=True,
            timeout=120)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr,
                         "CommandError: You must use --username with --noinput.\n")
