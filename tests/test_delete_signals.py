"""pre_delete and post_delete as Django 5.2 sends them: `origin` is the
instance or the queryset whose delete() started the deletion, and the rows
of an automatic many-to-many link table are deleted without signals."""

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import models
from django.db.models.signals import post_delete, pre_delete

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Writer(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "delete_signals"

    class Story(models.Model):
        writers = models.ManyToManyField(Writer)

        class Meta:
            app_label = "delete_signals"


class DeleteSignalTests(DatabaseTestCase):
    models = [Writer, Story]

    def record(self):
        seen = []

        def receiver(signal, sender, instance, origin, **kwargs):
            seen.append((signal is pre_delete, sender.__name__, origin))

        for signal in (pre_delete, post_delete):
            signal.connect(receiver, weak=False, dispatch_uid="delete_signals")
            self.addCleanup(signal.disconnect, dispatch_uid="delete_signals")
        return seen

    def test_origin_is_the_deleted_instance(self):
        writer = Writer.objects.create(name="w")
        seen = self.record()
        writer.delete()
        self.assertEqual(seen, [(True, "Writer", writer), (False, "Writer", writer)])

    def test_origin_is_the_queryset_deleted(self):
        Writer.objects.create(name="w")
        seen = self.record()
        queryset = Writer.objects.all()
        queryset.delete()
        self.assertEqual(seen, [(True, "Writer", queryset),
                                (False, "Writer", queryset)])

    def test_link_table_rows_send_no_signals(self):
        writer = Writer.objects.create(name="w")
        story = Story.objects.create()
        story.writers.set([writer])
        seen = self.record()
        story.writers.set([])
        self.assertEqual(seen, [])
        self.assertEqual(story.writers.count(), 0)
