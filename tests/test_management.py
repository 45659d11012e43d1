"""Custom management commands: BaseCommand, the output wrappers and styles,
call_command's option handling, the apps' commands found by manage.py and
`help` listing them (compared with real Django where it prints text)."""

import io
import os
import sys
import unittest

import djscratch
from django.core.management import CommandError, call_command
from django.core.management.base import (
    AppCommand, BaseCommand, CommandParser, LabelCommand, OutputWrapper,
)
from django.core.management.color import color_style, no_style
from django.test.utils import captured_stderr, captured_stdout
from djscratch import override_settings
from tests import TEST_SETTINGS, without_leftover_auth_checks
from tests import forked

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Greet(BaseCommand):
    help = "Greet people."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*")
        parser.add_argument("--shout", action="store_true")
        parser.add_argument("--times", type=int, default=1, dest="repeat")
        parser.add_argument("--to", required=True, dest="recipient")

    def handle(self, *args, **options):
        self.seen = options
        return " ".join(f"{name}>{options['recipient']}" for name in options["names"])


class Fail(BaseCommand):
    requires_system_checks = []

    def handle(self, *args, **options):
        raise CommandError("it broke", returncode=4)


class Tty(io.StringIO):
    def isatty(self):
        return True


def manage(*args, settings="management_settings"):
    """Run `python -m djscratch <args>` in tests/ with the management app."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([ROOT, HERE]),
           "DJANGO_SETTINGS_MODULE": settings}
    env.pop("DJSCRATCH_ENGINE", None)
    return forked.run([sys.executable, "-m", "djscratch", *args], cwd=HERE,
                      capture_output=True, text=True, timeout=120, env=env)


class OutputWrapperTests(unittest.TestCase):
    def test_write_adds_the_ending_once(self):
        out = io.StringIO()
        wrapper = OutputWrapper(out)
        wrapper.write("one")
        wrapper.write("two\n")
        wrapper.write("three", ending="")
        self.assertEqual(out.getvalue(), "one\ntwo\nthree")

    def test_style_applies_only_on_a_terminal(self):
        style = color_style(force_color=True)
        plain, tty = io.StringIO(), Tty()
        for stream in (plain, tty):
            wrapper = OutputWrapper(stream)
            wrapper.style_func = style.ERROR
            wrapper.write("bad")
        self.assertEqual(plain.getvalue(), "bad\n")
        self.assertEqual(tty.getvalue(), "\x1b[31;1mbad\n\x1b[0m")

    def test_styles_are_djangos_palette(self):
        style = color_style(force_color=True)
        self.assertEqual(style.SUCCESS("ok"), "\x1b[32;1mok\x1b[0m")
        self.assertEqual(style.WARNING("w"), "\x1b[33;1mw\x1b[0m")
        self.assertEqual(style.NOTICE("n"), "\x1b[31mn\x1b[0m")
        self.assertEqual(style.HTTP_INFO("i"), "\x1b[1mi\x1b[0m")
        self.assertEqual(no_style().ERROR("e"), "e")

    def test_no_color_when_not_a_terminal(self):
        command = BaseCommand(stdout=io.StringIO())
        self.assertEqual(command.style.SUCCESS("x"), "x")
        self.assertEqual(BaseCommand(force_color=True).style.SUCCESS("x"),
                         "\x1b[32;1mx\x1b[0m")
        with self.assertRaisesRegex(CommandError, "can't be used together"):
            BaseCommand(no_color=True, force_color=True)


class CallCommandTests(unittest.TestCase):
    def setUp(self):
        without_leftover_auth_checks(self)  # `check` runs every registered check

    def test_options_by_dest_or_option_name_and_positional_strings(self):
        command = Greet()
        out = io.StringIO()
        # Django's rule: a required option passed by keyword goes by its dest.
        result = call_command(command, "ann", "bob", "--times=3", recipient="eve",
                              stdout=out)
        self.assertEqual(result, "ann>eve bob>eve")
        self.assertEqual(out.getvalue(), "ann>eve bob>eve\n")
        self.assertEqual(command.seen["repeat"], 3)
        call_command(command, "x", recipient="eve", times=2, stdout=io.StringIO())
        self.assertEqual(command.seen["repeat"], 2)
        self.assertTrue(command.seen["skip_checks"])

    def test_a_missing_required_option_raises_command_error(self):
        with self.assertRaisesRegex(CommandError,
                                    "Error: the following arguments are required: "
                                    "--to"):
            call_command(Greet(), "ann")

    def test_an_unknown_option_raises_type_error_listing_the_valid_ones(self):
        # Django's text, from the same command on Django 5.2.
        with self.assertRaises(TypeError) as raised:
            call_command(Greet(), recipient="x", loud=True)
        self.assertEqual(
            str(raised.exception),
            "Unknown option(s) for test_management command: loud. Valid options "
            "are: force_color, help, names, no_color, pythonpath, recipient, repeat, "
            "settings, shout, stderr, stdout, times, to, traceback, verbosity, "
            "version.")

    def test_an_unknown_command_name(self):
        with self.assertRaisesRegex(CommandError, "Unknown command: 'nope'"):
            call_command("nope")

    def test_command_error_keeps_its_return_code(self):
        with self.assertRaises(CommandError) as raised:
            call_command(Fail())
        self.assertEqual(raised.exception.returncode, 4)

    def test_run_from_argv_prints_the_error_and_exits_with_the_code(self):
        with captured_stderr() as err, self.assertRaises(SystemExit) as exited:
            Fail().run_from_argv(["manage.py", "fail"])
        self.assertEqual(exited.exception.code, 4)
        self.assertEqual(err.getvalue(), "CommandError: it broke\n")

    def test_output_transaction_wraps_the_output_in_begin_commit(self):
        class Sql(BaseCommand):
            output_transaction = True
            requires_system_checks = []

            def handle(self, *args, **options):
                return "SELECT 1;"

        out = io.StringIO()
        call_command(Sql(), stdout=out)
        self.assertEqual(out.getvalue(), "BEGIN;\nSELECT 1;\nCOMMIT;\n")

    def test_builtin_commands_still_answer_by_name(self):
        with override_settings(**TEST_SETTINGS), captured_stdout() as out:
            call_command("check")
        self.assertEqual(out.getvalue(),
                         "System check identified no issues (0 silenced).\n")

    def test_system_checks_run_unless_skipped(self):
        class Checked(BaseCommand):
            def handle(self, *args, **options):
                return "ran"

        out, err = io.StringIO(), io.StringIO()
        with override_settings(**TEST_SETTINGS):
            call_command(Checked(), skip_checks=False, stdout=out, stderr=err)
        self.assertEqual(out.getvalue(), "ran\n")

    def test_requires_system_checks_must_be_a_list(self):
        class Bad(BaseCommand):
            requires_system_checks = "urls"

        with self.assertRaisesRegex(TypeError, "requires_system_checks must be a list "
                                               "or tuple."):
            Bad()


class LabelAndAppCommandTests(unittest.TestCase):
    def test_label_command_handles_each_label(self):
        class Reverse(LabelCommand):
            label = "word"
            requires_system_checks = []

            def handle_label(self, label, **options):
                return label[::-1]

        out = io.StringIO()
        call_command(Reverse(), "abc", "xy", stdout=out)
        self.assertEqual(out.getvalue(), "cba\nyx\n")
        with self.assertRaisesRegex(CommandError, "Error: Enter at least one word."):
            call_command(Reverse())

    def test_app_command_refuses_an_unknown_app(self):
        class Apps(AppCommand):
            requires_system_checks = []

            def handle_app_config(self, app_config, **options):
                return app_config.label

        with override_settings(**TEST_SETTINGS), self.assertRaisesRegex(
                CommandError, "Are you sure your INSTALLED_APPS setting is correct?"):
            call_command(Apps(), "nope")
        with self.assertRaisesRegex(CommandError, "Enter at least one application "
                                                  "label."):
            call_command(Apps())


class CommandParserTests(unittest.TestCase):
    def test_errors_raise_command_error_outside_the_command_line(self):
        parser = CommandParser(prog="x")
        parser.add_argument("--n", type=int)
        with self.assertRaisesRegex(CommandError, "Error: argument --n: invalid int "
                                                  "value: 'a'"):
            parser.parse_args(["--n", "a"])


class AppCommandsTests(unittest.TestCase):
    """manage.py finds <app>/management/commands/*.py (tests/management_app)."""

    def test_an_apps_command_runs_with_its_options_and_styles(self):
        result = manage("greet", "ann", "--shout", "--times", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "HELLO, ANN!\nHELLO, ANN!\n")
        self.assertIn("done", result.stderr)
        # The system checks ran first, as Django runs them.
        self.assertIn("(management_app.W001) management_app is under test",
                      result.stderr)

    def test_command_error_exits_with_its_return_code(self):
        result = manage("greet", "x", "--fail")
        self.assertEqual(result.returncode, 3)
        self.assertTrue(result.stderr.endswith("CommandError: greeting failed\n"))

    def test_an_apps_command_overrides_the_builtin_one(self):
        result = manage("version")
        self.assertEqual(result.stdout, "management_app's version command\n")

    def test_help_lists_the_commands_grouped_by_app(self):
        result = manage("help")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith(
            "\nType 'python -m djscratch help <subcommand>' for help on a specific "
            "subcommand.\n\nAvailable subcommands:\n\n[django]\n    check\n"))
        self.assertIn("\n[management_app]\n    greet\n    labels\n    needs_option\n"
                      "    version\n", result.stdout)
        self.assertNotIn("_private", result.stdout)

    def test_help_lists_contrib_commands_under_their_installed_app(self):
        listed = manage("help", settings="management_auth_settings").stdout
        self.assertIn("\n[auth]\n    changepassword\n    createsuperuser\n", listed)
        self.assertIn("\n[sessions]\n    clearsessions\n", listed)
        self.assertNotIn("createsuperuser", manage("help").stdout)

    def test_help_of_a_command_is_djangos(self):
        result = manage("help", "greet")
        self.assertEqual(result.returncode, 0, result.stderr)
        expected = EXPECTED_GREET_HELP.replace("python -m django",
                                               "python -m djscratch")
        self.assertEqual(_unwrapped(result.stdout), _unwrapped(expected))

    def test_call_command_finds_an_apps_command(self):
        result = manage("shell", "-c",
                        "from django.core.management import call_command\n"
                        "call_command('needs_option', name='x', count=2)\n"
                        "call_command('labels', 'ab')")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "0 objects imported automatically.\n\n"
                                        "name=x count=2\nba\n")

    def test_find_commands_skips_private_modules_and_packages(self):
        management = os.path.join(HERE, "management_app", "management")
        self.assertEqual(sorted(djscratch.find_commands(management)),
                         ["greet", "labels", "needs_option", "version"])


def _unwrapped(text):
    """argparse wraps the usage to the program name's width: compare words."""
    return " ".join(text.split())


# `python -m django help greet` on real Django 5.2 (tests/management_app).
EXPECTED_GREET_HELP = """\
usage: python -m django greet [-h] [--shout] [--times REPEAT] [--fail]
                              [--version] [-v {0,1,2,3}] [--settings SETTINGS]
                              [--pythonpath PYTHONPATH] [--traceback]
                              [--no-color] [--force-color] [--skip-checks]
                              names [names ...]

Greet people by name.

positional arguments:
  names

options:
  -h, --help            show this help message and exit
  --shout               in capitals
  --times REPEAT
  --fail
  --version             Show program's version number and exit.
  -v {0,1,2,3}, --verbosity {0,1,2,3}
                        Verbosity level; 0=minimal output, 1=normal output,
                        2=verbose output, 3=very verbose output
  --settings SETTINGS   The Python path to a settings module, e.g.
                        "myproject.settings.main". If this isn't provided, the
                        DJANGO_SETTINGS_MODULE environment variable will be
                        used.
  --pythonpath PYTHONPATH
                        A directory to add to the Python path, e.g.
                        "/home/djangoprojects/myproject".
  --traceback           Display a full stack trace on CommandError exceptions.
  --no-color            Don't colorize the command output.
  --force-color         Force colorization of the command output.
  --skip-checks         Skip system checks.
"""


@override_settings(**TEST_SETTINGS)
class CommandHooksTests(unittest.TestCase):
    def test_no_translations_runs_handle_with_translations_deactivated(self):
        from django.core.management.base import no_translations
        from django.utils import translation

        class Quiet(BaseCommand):
            @no_translations
            def handle(self, **options):
                self.language = translation.get_language()

        command = Quiet()
        with translation.override("fr"):
            call_command(command)
            self.assertEqual(translation.get_language(), "fr")
        self.assertIsNone(command.language)

    def test_requires_migrations_checks_calls_check_migrations(self):
        calls = []

        class Checked(Greet):
            requires_migrations_checks = True

            def check_migrations(self):
                calls.append("checked")

        call_command(Checked(), recipient="eve", stdout=io.StringIO())
        call_command(Greet(), recipient="eve", stdout=io.StringIO())
        self.assertEqual(calls, ["checked"])
