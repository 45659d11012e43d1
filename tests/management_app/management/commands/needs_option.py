"""A test command with a required option; it returns its output."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("-n", "--count", type=int, default=0)

    def handle(self, *args, **options):
        return f"name={options['name']} count={options['count']}"
