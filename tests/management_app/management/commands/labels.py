"""A LabelCommand for the tests."""

from django.core.management.base import LabelCommand


class Command(LabelCommand):
    label = "word"

    def handle_label(self, label, **options):
        return label[::-1]
