"""Model-level API as Django 5.2 has it: Meta.order_with_respect_to, the
_meta API, managers, related managers and caches, deferred fields and
update_fields (behaviour checked against Django 5.2's own tests)."""

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models

from tests.orm_support import CaptureQueries
from tests.orm_support import DatabaseTestCase, define_models  # noqa: I001

with define_models():

    class Poll(models.Model):
        text = models.CharField(max_length=50)

        class Meta:
            app_label = "orm_model_api"

    class Choice(models.Model):
        poll = models.ForeignKey(Poll, models.CASCADE)
        text = models.CharField(max_length=50)

        class Meta:
            app_label = "orm_model_api"
            order_with_respect_to = "poll"


class OrderWithRespectToTests(DatabaseTestCase):
    models = [Poll, Choice]

    def setUp(self):
        super().setUp()
        self.poll = Poll.objects.create(text="Which?")
        self.choices = [Choice.objects.create(poll=self.poll, text=text)
                        for text in ("a", "b", "c")]

    def test_meta_names_the_field_and_orders_by_order_column(self):
        self.assertIs(Choice._meta.order_with_respect_to,
                      Choice._meta.get_field("poll"))
        self.assertEqual(list(Choice._meta.ordering), ["_order"])
        self.assertIsInstance(Choice._meta.get_field("_order"), models.OrderWrt)

    def test_insert_numbers_rows_per_related_object(self):
        other = Poll.objects.create(text="Other")
        first = Choice.objects.create(poll=other, text="x")
        self.assertEqual([c._order for c in self.choices], [0, 1, 2])
        self.assertEqual(first._order, 0)

    def test_get_and_set_order_on_the_related_model(self):
        a, b, c = self.choices
        self.assertEqual(list(self.poll.get_choice_order()), [a.pk, b.pk, c.pk])
        self.poll.set_choice_order([c.pk, a.pk, b.pk])
        self.assertEqual([x.text for x in self.poll.choice_set.all()],
                         ["c", "a", "b"])

    def test_set_order_leaves_other_related_objects_alone(self):
        other = Poll.objects.create(text="Other")
        stray = Choice.objects.create(poll=other, text="x")
        self.poll.set_choice_order([c.pk for c in self.choices] + [stray.pk])
        self.assertEqual(Choice.objects.get(pk=stray.pk)._order, 0)

    def test_set_order_is_one_update(self):
        with CaptureQueries() as queries:
            self.poll.set_choice_order([c.pk for c in reversed(self.choices)])
        updates = [q["sql"] for q in queries.captured_queries
                   if q["sql"].startswith("UPDATE")]
        self.assertEqual(len(updates), 1)

    def test_next_and_previous_in_order(self):
        a, b, c = self.choices
        self.assertEqual(a.get_next_in_order(), b)
        self.assertEqual(c.get_previous_in_order(), b)
        with self.assertRaises(Choice.DoesNotExist):
            c.get_next_in_order()
