"""Django's built-in commands as BaseCommand classes
(django/core/management/commands/<name>.py: Command): loaddata, dumpdata
and runserver run djscratch's built-in command; testserver, which djscratch
lacks, refuses with the reason.
"""

import argparse
import contextlib

# Later modules, used at call time as djscratch.<module>.<name>:
# core.management.commands (why a command is refused), core.servers.basehttp.
import djscratch

from djscratch.core.management.base import BaseCommand, CommandError, COMMANDS

__all__ = ["ProxyModelWarning"]


class ProxyModelWarning(Warning):
    """dumpdata's warning about a proxy model (Django's name)."""


class _BuiltinCommand(BaseCommand):
    """A djscratch built-in command (`name`) behind Django's Command class."""

    name = None
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        # The built-in's own -v/--verbosity replaces the common one.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        COMMANDS[self.name][1](parser)

    def handle(self, *args, **options):
        func = COMMANDS[self.name][0]
        with contextlib.redirect_stdout(self.stdout._out):
            func(argparse.Namespace(**options))


class _LoaddataCommand(_BuiltinCommand):
    help = "Installs the named fixture(s) in the database."
    name = "loaddata"


class _DumpdataCommand(_BuiltinCommand):
    help = ("Output the contents of the database as a fixture of the given "
            "format (using each model's default manager unless --all is "
            "specified).")
    name = "dumpdata"


class _RunserverCommand(_BuiltinCommand):
    help = "Starts a lightweight web server for development."
    name = "runserver"

    def get_handler(self, *args, **options):
        """The WSGI application to serve (settings.WSGI_APPLICATION)."""
        return djscratch.core.servers.basehttp.get_internal_wsgi_application()


class _TestserverCommand(BaseCommand):
    help = "Runs a development server with data from the given fixture(s)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("args", metavar="fixture", nargs="*")

    def handle(self, *args, **options):
        raise CommandError(
            djscratch.core.management.commands._django_only_message("testserver"))



def _name_as_django(classes):
    """Give each class Django's name: commands.<name>.Command."""
    for name, cls in classes.items():
        cls.__name__ = cls.__qualname__ = "Command"
        cls.__module__ = f"django.core.management.commands.{name}"


_name_as_django({"loaddata": _LoaddataCommand, "dumpdata": _DumpdataCommand,
                 "runserver": _RunserverCommand, "testserver": _TestserverCommand})
ProxyModelWarning.__module__ = "django.core.management.commands.dumpdata"
