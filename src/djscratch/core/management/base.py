"""BaseCommand and its kin: CommandError, CommandParser, OutputWrapper,
LabelCommand, AppCommand, SystemCheckError (django/core/management/base.py),
and COMMANDS, djscratch's table of its built-in commands.  They sit low in
the import order so that any module can raise CommandError.
"""

import argparse
import functools
import os
import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: the check registry and the app registry.
import djscratch

from djscratch.utils.version import get_version
from djscratch.core.management.color import color_style, no_style
from djscratch.utils.functional import _app_registry

__all__ = [
    "CommandError", "SystemCheckError", "CommandParser", "OutputWrapper",
    "BaseCommand", "AppCommand", "LabelCommand", "DjangoHelpFormatter",
    "handle_default_options", "no_translations",
]

ALL_CHECKS = "__all__"


class CommandError(Exception):
    """A command failed; the message is printed and the exit status is 1."""

    def __init__(self, *args, returncode=1, **kwargs):
        self.returncode = returncode
        super().__init__(*args, **kwargs)


class SystemCheckError(CommandError):
    """The system checks found a problem serious enough to stop."""


#: command name -> (function, argparse setup function): the built-in commands
#: of core/management/commands.py.
COMMANDS = {}
#: Built-in commands that call_command() runs as a BaseCommand class (the
#: ones whose Django tests use the class): name -> class.
_BUILTIN_COMMAND_CLASSES = {}


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors raise CommandError when the command was
    not run from the command line (call_command)."""

    def __init__(self, *, missing_args_message=None, called_from_command_line=None,
                 **kwargs):
        self.missing_args_message = missing_args_message
        self.called_from_command_line = called_from_command_line
        super().__init__(**kwargs)

    def parse_args(self, args=None, namespace=None):
        if self.missing_args_message and not (
                args or any(not arg.startswith("-") for arg in args)):
            self.error(self.missing_args_message)
        return super().parse_args(args, namespace)

    def error(self, message):
        if self.called_from_command_line:
            super().error(message)
        else:
            raise CommandError("Error: %s" % message)

    def add_subparsers(self, **kwargs):
        import functools

        parser_class = kwargs.get("parser_class", type(self))
        if issubclass(parser_class, CommandParser):
            kwargs["parser_class"] = functools.partial(
                parser_class, called_from_command_line=self.called_from_command_line)
        return super().add_subparsers(**kwargs)


def handle_default_options(options):
    """Apply --settings and --pythonpath before anything reads the settings."""
    if options.settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = options.settings
    if options.pythonpath:
        sys.path.insert(0, options.pythonpath)


class DjangoHelpFormatter(argparse.HelpFormatter):
    """List the command's own options first, the common ones after."""

    show_last = {"--version", "--verbosity", "--traceback", "--settings",
                 "--pythonpath", "--no-color", "--force-color", "--skip-checks"}

    def _reordered_actions(self, actions):
        return sorted(actions,
                      key=lambda action: bool(set(action.option_strings)
                                              & self.show_last))

    def add_usage(self, usage, actions, *args, **kwargs):
        super().add_usage(usage, self._reordered_actions(actions), *args, **kwargs)

    def add_arguments(self, actions):
        super().add_arguments(self._reordered_actions(actions))


class OutputWrapper:
    """A stream wrapper: write() adds the ending and styles the text (only
    when the stream is a terminal)."""

    @property
    def style_func(self):
        return self._style_func

    @style_func.setter
    def style_func(self, style_func):
        if style_func and self.isatty():
            self._style_func = style_func
        else:
            self._style_func = lambda x: x

    def __init__(self, out, ending="\n"):
        self._out = out
        self.style_func = None
        self.ending = ending

    def __getattr__(self, name):
        return getattr(self._out, name)

    def flush(self):
        if hasattr(self._out, "flush"):
            self._out.flush()

    def isatty(self):
        return hasattr(self._out, "isatty") and self._out.isatty()

    def write(self, msg="", style_func=None, ending=None):
        ending = self.ending if ending is None else ending
        if ending and not msg.endswith(ending):
            msg += ending
        style_func = style_func or self.style_func
        self._out.write(style_func(msg))


def no_translations(handle_func):
    """Decorate a command's handle() to run it with translations deactivated
    (output in the project's own words, whatever the active language)."""

    @functools.wraps(handle_func)
    def wrapper(*args, **kwargs):
        saved_locale = djscratch.utils.translation.get_language()
        djscratch.utils.translation.deactivate_all()
        try:
            return handle_func(*args, **kwargs)
        finally:
            if saved_locale is not None:
                djscratch.utils.translation.activate(saved_locale)

    return wrapper


class BaseCommand:
    """A management command: subclass it as `Command` in
    <app>/management/commands/<name>.py, give it `help`, `add_arguments()`
    and `handle()`."""

    help = ""
    output_transaction = False
    requires_migrations_checks = False
    requires_system_checks = ALL_CHECKS
    base_stealth_options = ("stderr", "stdout")
    stealth_options = ()
    suppressed_base_arguments = set()

    def __init__(self, stdout=None, stderr=None, no_color=False, force_color=False):
        self.stdout = OutputWrapper(stdout or sys.stdout)
        self.stderr = OutputWrapper(stderr or sys.stderr)
        if no_color and force_color:
            raise CommandError("'no_color' and 'force_color' can't be used together.")
        if no_color:
            self.style = no_style()
        else:
            self.style = color_style(force_color)
            self.stderr.style_func = self.style.ERROR
        if (not isinstance(self.requires_system_checks, (list, tuple))
                and self.requires_system_checks != ALL_CHECKS):
            raise TypeError("requires_system_checks must be a list or tuple.")

    def get_version(self):
        return get_version()

    def create_parser(self, prog_name, subcommand, **kwargs):
        """Return the CommandParser with the common options and the command's."""
        kwargs.setdefault("formatter_class", DjangoHelpFormatter)
        parser = CommandParser(
            prog="%s %s" % (os.path.basename(prog_name), subcommand),
            description=self.help or None,
            missing_args_message=getattr(self, "missing_args_message", None),
            called_from_command_line=getattr(self, "_called_from_command_line", None),
            **kwargs)
        self.add_base_argument(parser, "--version", action="version",
                               version=self.get_version(),
                               help="Show program's version number and exit.")
        self.add_base_argument(
            parser, "-v", "--verbosity", default=1, type=int, choices=[0, 1, 2, 3],
            help="Verbosity level; 0=minimal output, 1=normal output, 2=verbose "
                 "output, 3=very verbose output")
        self.add_base_argument(
            parser, "--settings",
            help="The Python path to a settings module, e.g. "
                 '"myproject.settings.main". If this isn\'t provided, the '
                 "DJANGO_SETTINGS_MODULE environment variable will be used.")
        self.add_base_argument(
            parser, "--pythonpath",
            help="A directory to add to the Python path, e.g. "
                 '"/home/djangoprojects/myproject".')
        self.add_base_argument(parser, "--traceback", action="store_true",
                               help="Display a full stack trace on CommandError "
                                    "exceptions.")
        self.add_base_argument(parser, "--no-color", action="store_true",
                               help="Don't colorize the command output.")
        self.add_base_argument(parser, "--force-color", action="store_true",
                               help="Force colorization of the command output.")
        if self.requires_system_checks:
            parser.add_argument("--skip-checks", action="store_true",
                                help="Skip system checks.")
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser):
        """Add the command's own arguments (argparse); override it."""

    def add_base_argument(self, parser, *args, **kwargs):
        """Add a common option, hidden from help if suppressed."""
        for arg in args:
            if arg in self.suppressed_base_arguments:
                kwargs["help"] = argparse.SUPPRESS
                break
        parser.add_argument(*args, **kwargs)

    def print_help(self, prog_name, subcommand):
        self.create_parser(prog_name, subcommand).print_help()

    def run_from_argv(self, argv):
        """Run from the command line: argv is [prog, subcommand, args...]."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as e:
            if options.traceback:
                raise
            if isinstance(e, SystemCheckError):
                self.stderr.write(str(e), lambda x: x)
            else:
                self.stderr.write("%s: %s" % (e.__class__.__name__, e))
            sys.exit(e.returncode)

    def execute(self, *args, **options):
        """Run the checks (unless skipped), then handle(); write its output."""
        if options.get("force_color") and options.get("no_color"):
            raise CommandError("The --no-color and --force-color options can't be "
                               "used together.")
        if options.get("no_color"):
            self.style = no_style()
            self.stderr.style_func = None
        elif options.get("force_color"):
            self.style = color_style(force_color=True)
        if options.get("stdout"):
            self.stdout = OutputWrapper(options["stdout"])
        if options.get("stderr"):
            self.stderr = OutputWrapper(options["stderr"])
        if self.requires_system_checks and not options.get("skip_checks"):
            if self.requires_system_checks == ALL_CHECKS:
                self.check()
            else:
                self.check(tags=self.requires_system_checks)
        if self.requires_migrations_checks:
            self.check_migrations()
        output = self.handle(*args, **options)
        if output:
            if self.output_transaction:
                output = "%s\n%s\n%s" % (self.style.SQL_KEYWORD("BEGIN;"), output,
                                         self.style.SQL_KEYWORD("COMMIT;"))
            self.stdout.write(output)
        return output

    def check_migrations(self):
        """Warn about unapplied migrations, as Django's commands that set
        requires_migrations_checks do.  djscratch runs no migrations (it
        creates the tables from the models), so there is never one to warn of."""

    def check(self, app_configs=None, tags=None, display_num_errors=False,
              include_deployment_checks=False, fail_level=40, databases=None):
        """Run the system checks; print what they found in Django's layout and
        raise SystemCheckError if any is at fail_level or above."""
        all_issues = djscratch.core.checks.registry.run_checks(
            app_configs=app_configs, tags=tags,
            include_deployment_checks=include_deployment_checks, databases=databases)
        header = body = footer = ""
        visible = [e for e in all_issues if not e.is_silenced()]
        groups = ((50, None, "CRITICALS"), (40, 50, "ERRORS"), (30, 40, "WARNINGS"),
                  (20, 30, "INFOS"), (None, 20, "DEBUGS"))
        for low, high, group_name in groups:
            issues = [e for e in visible if (low is None or e.level >= low)
                      and (high is None or e.level < high)]
            if issues:
                formatted = (self.style.ERROR(str(e)) if e.is_serious()
                             else self.style.WARNING(str(e)) for e in issues)
                body += "\n%s:\n%s\n" % (group_name, "\n".join(sorted(formatted)))
        count = len(visible)
        if count:
            header = "System check identified some issues:\n"
        if display_num_errors:
            if count:
                footer += "\n"
            footer += "System check identified %s (%s silenced)." % (
                "no issues" if count == 0 else "1 issue" if count == 1
                else "%s issues" % count, len(all_issues) - count)
        if any(e.is_serious(fail_level) for e in visible):
            msg = self.style.ERROR("SystemCheckError: %s" % header) + body + footer
            raise SystemCheckError(msg)
        msg = header + body + footer
        if msg:
            if count:
                self.stderr.write(msg, lambda x: x)
            else:
                self.stdout.write(msg)

    def handle(self, *args, **options):
        """Do the command's work; return text to print, or None."""
        raise NotImplementedError(
            "subclasses of BaseCommand must provide a handle() method")


class AppCommand(BaseCommand):
    """A command taking app labels: handle_app_config() runs for each."""

    missing_args_message = "Enter at least one application label."

    def add_arguments(self, parser):
        parser.add_argument("args", metavar="app_label", nargs="+",
                            help="One or more application label.")

    def handle(self, *app_labels, **options):
        try:
            app_configs = [_app_registry().get_app_config(label)
                           for label in app_labels]
        except (LookupError, ImportError) as e:
            raise CommandError("%s. Are you sure your INSTALLED_APPS setting is "
                               "correct?" % e) from None
        output = []
        for app_config in app_configs:
            app_output = self.handle_app_config(app_config, **options)
            if app_output:
                output.append(app_output)
        return "\n".join(output)

    def handle_app_config(self, app_config, **options):
        raise NotImplementedError(
            "Subclasses of AppCommand must provide a handle_app_config() method.")


class LabelCommand(BaseCommand):
    """A command taking labels: handle_label() runs for each."""

    label = "label"
    missing_args_message = "Enter at least one %s."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.missing_args_message == LabelCommand.missing_args_message:
            self.missing_args_message = self.missing_args_message % self.label

    def add_arguments(self, parser):
        parser.add_argument("args", metavar=self.label, nargs="+")

    def handle(self, *labels, **options):
        output = []
        for label in labels:
            label_output = self.handle_label(label, **options)
            if label_output:
                output.append(label_output)
        return "\n".join(output)

    def handle_label(self, label, **options):
        raise NotImplementedError(
            "subclasses of LabelCommand must provide a handle_label() method")
