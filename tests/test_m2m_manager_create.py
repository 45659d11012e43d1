"""Related managers as Django 5.2: get_or_create() and update_or_create() on
a many-to-many manager look among the related objects only and add what they
create; the objects a reverse manager loads know their instance (no query
for note.label)."""

import inspect

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import IntegrityError, models, transaction

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Label(models.Model):
        text = models.CharField(max_length=20, unique=True)

        class Meta:
            app_label = "m2m_manager_create"

    class Note(models.Model):
        label = models.ForeignKey(Label, models.CASCADE)

        class Meta:
            app_label = "m2m_manager_create"

    class Item(models.Model):
        name = models.CharField(max_length=20)
        labels = models.ManyToManyField(Label)

        class Meta:
            app_label = "m2m_manager_create"


class RelatedGetOrCreateTests(DatabaseTestCase):
    models = [Label, Item, Note]

    def test_a_reverse_managers_objects_know_their_instance(self):
        from tests.orm_support import CaptureQueries

        label = Label.objects.create(text="l")
        label.note_set.create()
        with CaptureQueries() as queries:
            note = label.note_set.get()
            self.assertIs(note.label, label)
            self.assertIs(list(label.note_set.all())[0].label, label)
        self.assertEqual(len(queries), 2)

    def test_an_unrelated_match_is_not_found(self):
        Label.objects.create(text="foo")
        item = Item.objects.create(name="a")
        with self.assertRaises(IntegrityError), transaction.atomic():
            item.labels.get_or_create(text="foo")

    def test_a_related_match_is_found_and_a_new_one_added(self):
        item = Item.objects.create(name="a")
        label, created = item.labels.get_or_create(text="new")
        self.assertTrue(created)
        self.assertEqual(item.labels.get_or_create(text="new"), (label, False))
        self.assertEqual(list(item.labels.all()), [label])

    def test_update_or_create_adds_what_it_creates(self):
        item = Item.objects.create(name="a")
        label, created = item.labels.update_or_create(
            text="x", create_defaults={"text": "made"})
        self.assertEqual((created, label.text), (True, "made"))
        label, created = item.labels.update_or_create(
            text="made", defaults={"text": "changed"})
        self.assertEqual((created, label.text), (False, "changed"))
        self.assertEqual([lb.text for lb in item.labels.all()], ["changed"])
        # (The async twin runs it in a thread: in-memory tables are per thread.)
        self.assertTrue(inspect.iscoroutinefunction(item.labels.aupdate_or_create))
