"""An app's command that overrides the built-in `version`, as in Django."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        self.stdout.write("management_app's version command")
