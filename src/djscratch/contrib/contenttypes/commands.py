"""The remove_stale_contenttypes command
(django/contrib/contenttypes/management/commands/): delete the ContentType
rows whose model is gone, with the objects that depend on them, after a
confirmation that lists them.
"""

import itertools

from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.db.models.deletion import Collector
from djscratch.apps.registry import apps
from djscratch.core.management.base import BaseCommand
from djscratch.core.management.commands import command
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.auth.commands import _register_command_class, _run_command_class

__all__ = [
    "NoFastDeleteCollector",
]


class NoFastDeleteCollector(Collector):
    """A Collector that fetches every dependent row, so they can be listed."""

    def can_fast_delete(self, *args, **kwargs):
        return False


def _remove_stale_contenttypes_arguments(parser):
    parser.add_argument(
        "--noinput", "--no-input", action="store_false", dest="interactive",
        help="Tells Django to NOT prompt the user for input of any kind.")
    parser.add_argument(
        "--database", default=DEFAULT_DB_ALIAS,
        help='Nominates the database to use. Defaults to the "default" database.')
    parser.add_argument(
        "--include-stale-apps", action="store_true", default=False,
        help="Deletes stale content types including ones from previously installed "
             "apps that have been removed from INSTALLED_APPS.")


class _RemoveStaleContenttypesCommand(BaseCommand):
    """remove_stale_contenttypes: the ContentTypes of models that no longer
    exist (of installed apps, or of any app with --include-stale-apps)."""

    help = "Deletes stale content types in the database."

    def add_arguments(self, parser):
        _remove_stale_contenttypes_arguments(parser)

    def handle(self, **options):
        db = options["database"]
        ContentType.objects.clear_cache()
        by_app = itertools.groupby(
            ContentType.objects.using(db).order_by("app_label", "model"),
            lambda ct: ct.app_label)
        for app_label, content_types in by_app:
            if not options["include_stale_apps"] and app_label not in (
                    apps.app_configs):
                continue
            to_remove = [ct for ct in content_types if ct.model_class() is None]
            if to_remove:
                self._remove(to_remove, db, options)

    def _remove(self, to_remove, db, options):
        ok_to_delete = "yes"
        if options["interactive"]:
            self.stdout.write(self._confirmation(to_remove, db))
            ok_to_delete = input("Type 'yes' to continue, or 'no' to cancel: ")
        if ok_to_delete != "yes":
            if options["verbosity"] >= 2:
                self.stdout.write("Stale content types remain.")
            return
        for ct in to_remove:
            if options["verbosity"] >= 2:
                self.stdout.write("Deleting stale content type '%s | %s'"
                                  % (ct.app_label, ct.model))
            ct.delete()

    def _confirmation(self, to_remove, db):
        """The question, listing each content type and what depends on it."""
        lines = []
        for ct in to_remove:
            lines.append("    - Content type for %s.%s" % (ct.app_label, ct.model))
            collector = NoFastDeleteCollector(using=db, origin=ct)
            collector.collect([ct])
            for model, objs in collector.data.items():
                if list(objs.values()) != [ct]:
                    lines.append("    - %s %s object(s)" % (len(objs),
                                                           model._meta.label))
        return (
            "Some content types in your database are stale and can be deleted.\n"
            "Any objects that depend on these content types will also be deleted.\n"
            "The content types and dependent objects that would be deleted are:\n\n"
            "%s\n\n"
            "This list doesn't include any cascade deletions to data outside of "
            "Django\nmodels (uncommon).\n\n"
            "Are you sure you want to delete these content types?\n"
            "If you're unsure, answer 'no'." % "\n".join(lines))


def _remove_stale_contenttypes_cli_arguments(parser):
    _remove_stale_contenttypes_arguments(parser)
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


@command("remove_stale_contenttypes", _remove_stale_contenttypes_cli_arguments)
def _cmd_remove_stale_contenttypes(options):
    """Deletes stale content types in the database."""
    _run_command_class(_RemoveStaleContenttypesCommand, options)


_register_command_class("remove_stale_contenttypes", _RemoveStaleContenttypesCommand)
_RemoveStaleContenttypesCommand.__module__ = (
    "django.contrib.contenttypes.management.commands.remove_stale_contenttypes")
