"""save(force_insert=<tuple of models>) on multi-table children, and the
connection a field's from_db_value() receives, as Django 5.2 does."""

import decimal

import djscratch  # noqa: F401  (installs the django.* alias)

from django.core.exceptions import FieldError
from django.db import connection, models, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Tally(models.Model):
        value = models.IntegerField()

        class Meta:
            app_label = "save_options"

    class SubTally(Tally):
        class Meta:
            app_label = "save_options"

    class SubSubTally(SubTally):
        class Meta:
            app_label = "save_options"

    class Cash(decimal.Decimal):
        pass

    class CashField(models.DecimalField):
        def __init__(self, **kwargs):
            super().__init__(max_digits=20, decimal_places=2, **kwargs)

        def from_db_value(self, value, expression, connection):
            cash = Cash(value)
            cash.vendor = connection.vendor
            return cash

    class Till(models.Model):
        cash = CashField()

        class Meta:
            app_label = "save_options"


with define_models():

    class Press(models.Model):
        class Meta:
            app_label = "save_options"

    class Title(models.Model):
        name = models.CharField(max_length=20)
        press = models.ForeignKey(Press, models.CASCADE, null=True)

        class Meta:
            app_label = "save_options"

        @property
        def shout(self):
            return self.name.upper()

        @property
        def quiet(self):
            return self.name.lower()

        @quiet.setter
        def quiet(self, value):
            self.name = value


class UpdateOrCreateDefaultsTests(DatabaseTestCase):
    models = [Press, Title]

    def test_an_instance_given_to_a_foreign_keys_attname_is_saved_as_its_key(self):
        press = Press.objects.create()
        title = Title.objects.create(name="t")
        title, created = Title.objects.update_or_create(
            pk=title.pk, defaults={"press_id": press})
        self.assertFalse(created)
        self.assertEqual(Title.objects.get().press_id, press.pk)

    def test_only_properties_with_a_setter_are_accepted(self):
        with self.assertRaisesRegex(
                FieldError, r"^Invalid field name\(s\) for model Title: 'shout'\.$"):
            Title.objects.update_or_create(name="a", defaults={"shout": "A"})
        title, created = Title.objects.get_or_create(name="b",
                                                     defaults={"quiet": "c"})
        self.assertEqual((created, title.name), (True, "c"))


class ForceInsertTupleTests(DatabaseTestCase):
    models = [Tally, SubTally, SubSubTally]

    def count(self, save):
        # Inside a transaction, as Django's TestCase runs (no BEGIN/COMMIT).
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            save()
        return len(queries)

    def test_true_forces_only_the_childs_row(self):
        # The parent is tried with an UPDATE first, then inserted.
        self.assertEqual(self.count(
            lambda: SubTally(pk=1, value=1).save(force_insert=True)), 3)

    def test_a_parent_in_the_tuple_is_inserted_without_update(self):
        self.assertEqual(self.count(
            lambda: SubTally(pk=2, value=1).save(force_insert=(Tally,))), 2)
        self.assertEqual(self.count(
            lambda: SubSubTally(pk=3, value=1).save(force_insert=(models.Model,))), 3)
        self.assertEqual(self.count(
            lambda: SubSubTally(pk=4, value=1).save(force_insert=(SubTally,))), 4)
        self.assertEqual(SubSubTally.objects.count(), 2)

    def test_an_empty_tuple_is_not_forced(self):
        SubTally.objects.create(pk=5, value=0)
        SubTally(pk=5, value=7).save(force_insert=())
        self.assertEqual(SubTally.objects.get(pk=5).value, 7)

    def test_invalid_values_are_refused(self):
        for value in (1, "test", []):
            with self.subTest(value=value), self.assertRaisesRegex(
                    TypeError, r"^force_insert must be a bool or tuple\.$"):
                Tally().save(force_insert=value)
        with self.assertRaisesRegex(
                TypeError, r"^Invalid force_insert member\. <class 'object'> must "
                           r"be a model subclass\.$"):
            Tally().save(force_insert=(object,))
        with self.assertRaisesRegex(
                TypeError, r"^Invalid force_insert member\. SubTally must be a "
                           r"base of Tally\.$"):
            Tally().save(force_insert=(SubTally,))
        self.assertEqual(Tally.objects.count(), 0)


class FromDbValueConnectionTests(DatabaseTestCase):
    models = [Till]

    def test_from_db_value_receives_the_connection(self):
        Till.objects.create(cash="12.50")
        till = Till.objects.get()
        self.assertIsInstance(till.cash, Cash)
        self.assertEqual(till.cash.vendor, "sqlite")
        self.assertEqual(Till.objects.values_list("cash", flat=True)[0].vendor,
                         "sqlite")
        maximum = Till.objects.aggregate(m=Max("cash"))["m"]
        self.assertEqual((maximum, maximum.vendor), (decimal.Decimal("12.50"),
                                                     "sqlite"))
