"""staticfiles' runserver (django/contrib/staticfiles/management/commands/
runserver.py): runserver that also serves static files, with --nostatic and
--insecure.  Django's module names the class Command.
"""

from djscratch.conf import settings
from djscratch.core.management.command_classes import _RunserverCommand
from djscratch.contrib.staticfiles.handlers import StaticFilesHandler

__all__ = []


class _StaticfilesRunserverCommand(_RunserverCommand):
    help = (
        "Starts a lightweight web server for development and also serves static "
        "files.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--nostatic", action="store_false", dest="use_static_handler",
            help="Tells Django to NOT automatically serve static files at "
                 "STATIC_URL.")
        parser.add_argument(
            "--insecure", action="store_true", dest="insecure_serving",
            help="Allows serving static files even if DEBUG is False.")

    def get_handler(self, *args, **options):
        """The application, behind StaticFilesHandler when static files are
        served (DEBUG, or --insecure) and --nostatic is not given."""
        handler = super().get_handler(*args, **options)
        if options["use_static_handler"] and (
                settings.DEBUG or options["insecure_serving"]):
            return StaticFilesHandler(handler)
        return handler

    def handle(self, *args, **options):
        # djscratch's server serves static files itself, as this handler
        # would: --nostatic and --insecure say whether it does.
        if not options.get("use_static_handler", True):
            settings.DJSCRATCH_SERVE_STATIC = False
        elif options.get("insecure_serving"):
            settings.DJSCRATCH_SERVE_STATIC = True
        return super().handle(*args, **options)


_StaticfilesRunserverCommand.__name__ = "Command"
_StaticfilesRunserverCommand.__qualname__ = "Command"
_StaticfilesRunserverCommand.__module__ = (
    "django.contrib.staticfiles.management.commands.runserver")
