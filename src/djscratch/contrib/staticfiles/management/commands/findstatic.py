"""findstatic (django/contrib/staticfiles/management/commands/findstatic.py):
where the finders find each static path.  Django's module names the class
Command; `django.contrib.staticfiles.management.commands.findstatic.Command`
finds it.
"""

import os

from djscratch.core.management.base import LabelCommand
from djscratch.contrib.staticfiles.finders import find, searched_locations

__all__ = []


class _FindstaticCommand(LabelCommand):
    help = "Finds the absolute paths for the given static file(s)."
    label = "staticfile"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--first", action="store_false", dest="all",
                            help="Only return the first match for each static "
                                 "file.")

    def handle_label(self, path, **options):
        verbosity = options["verbosity"]
        result = find(path, find_all=options["all"])
        searched = ""
        if verbosity >= 2:
            searched = "\nLooking in the following locations:\n  %s" % "\n  ".join(
                str(location) for location in searched_locations)
        if result:
            result = result if isinstance(result, (list, tuple)) else [result]
            result = [os.path.realpath(found) for found in result]
            if verbosity >= 1:
                return "Found '%s' here:\n  %s%s" % (path, "\n  ".join(result),
                                                      searched)
            return "\n".join(result)
        message = ["No matching file found for '%s'." % path]
        if verbosity >= 2:
            message.append(searched)
        if verbosity >= 1:
            self.stderr.write("\n".join(message))
        return None
