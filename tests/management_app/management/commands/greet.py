"""A test command: arguments, options, styles and the output wrappers."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Greet people by name."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="+")
        parser.add_argument("--shout", action="store_true", help="in capitals")
        parser.add_argument("--times", type=int, default=1, dest="repeat")
        parser.add_argument("--fail", action="store_true")

    def handle(self, *args, **options):
        if options["fail"]:
            raise CommandError("greeting failed", returncode=3)
        for name in options["names"]:
            text = f"Hello, {name}!"
            if options["shout"]:
                text = text.upper()
            for _ in range(options["repeat"]):
                self.stdout.write(self.style.SUCCESS(text))
        self.stderr.write("done")
        return None
