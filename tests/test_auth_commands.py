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


class CommandClassesTests(unittest.TestCase):
    """The commands as Django's tests reach them: Command classes in
    django.contrib.auth.management.commands.<name>."""

    def test_the_modules_hold_django_s_command_classes(self):
        from django.contrib.auth.management.commands import (
            changepassword, createsuperuser,
        )
        from django.core.management.base import BaseCommand

        for module in (changepassword, createsuperuser):
            self.assertTrue(issubclass(module.Command, BaseCommand))
            self.assertEqual(module.Command.__module__, module.__name__)
        self.assertEqual(createsuperuser.PASSWORD_FIELD, "password")
        self.assertTrue(hasattr(changepassword.Command, "_get_pass"))

    def test_replacing_createsuperuser_getpass_leaves_getpass_alone(self):
        import getpass

        import djscratch
        from django.contrib.auth.management.commands import createsuperuser

        # The module whose code reads the name: the single file, or
        # djscratch.contrib.auth.commands in the package.
        code = sys.modules[djscratch.get_system_username.__module__]
        original = createsuperuser.getpass
        self.assertIs(original, getpass)
        createsuperuser.getpass = object()
        try:
            self.assertIsNot(code._createsuperuser_getpass, getpass)
            self.assertIs(code.getpass, getpass)
        finally:
            createsuperuser.getpass = original
        self.assertIs(code._createsuperuser_getpass, getpass)

    def test_django_db_migrations_imports_and_refuses_its_names_and_states(self):
        from django.db import migrations

        with self.assertRaisesRegex(AttributeError, "django.db.migrations.RunPython"):
            migrations.RunPython  # noqa: B018
        from django.db.migrations.state import ModelState, ProjectState

        for build in (ProjectState, lambda: ProjectState.from_apps(None),
                      lambda: ModelState.from_model(None)):
            with self.assertRaisesRegex(NotImplementedError,
                                        "djscratch does not implement migrations"
                                        ".*DJSCRATCH_ENGINE=django"):
                build()


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
