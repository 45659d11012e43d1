"""Model.objects.raw() as Django 5.2: its RawQuery (lazy, with a cursor
once run, shown with its parameters), Decimal and date parameters bound
as Django's SQLite backend binds them."""

import datetime
import decimal

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import models
from django.db.models.query import RawQuerySet
from django.db.models.sql import RawQuery

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Bean(models.Model):
        name = models.CharField(max_length=20)
        price = models.DecimalField(max_digits=5, decimal_places=2)
        roasted = models.DateField(null=True)

        class Meta:
            app_label = "raw_queries"


class RawQueryTests(DatabaseTestCase):
    models = [Bean]

    def test_the_query_runs_when_iterated(self):
        beans = Bean.objects.raw("SELECT * FROM raw_queries_bean")
        self.assertIsInstance(beans.query, RawQuery)
        self.assertIsNone(beans.query.cursor)
        list(beans)
        self.assertIsNotNone(beans.query.cursor)

    def test_repr_shows_the_parameters(self):
        sql = "SELECT * FROM raw_queries_bean WHERE name = %(name)s"
        beans = Bean.objects.raw(sql, {"name": "arabica"})
        self.assertEqual(
            repr(beans),
            "<RawQuerySet: SELECT * FROM raw_queries_bean WHERE name = arabica>")
        self.assertEqual(
            repr(beans.query),
            "<RawQuery: SELECT * FROM raw_queries_bean WHERE name = arabica>")
        self.assertEqual(repr(RawQuerySet(raw_query="SELECT 1")),
                         "<RawQuerySet: SELECT 1>")

    def test_decimal_and_date_parameters(self):
        bean = Bean.objects.create(name="a", price="20.50",
                                   roasted=datetime.date(2024, 5, 1))
        sql = "SELECT * FROM raw_queries_bean WHERE price >= %s AND roasted = %s"
        found = Bean.objects.raw(sql, [decimal.Decimal(20), datetime.date(2024, 5, 1)])
        self.assertEqual(list(found), [bean])

    def test_columns_are_translated(self):
        beans = Bean.objects.raw("SELECT id, name AS label FROM raw_queries_bean",
                                 translations={"label": "name"})
        self.assertEqual(beans.columns, ["id", "name"])


class OrderByNullsTests(DatabaseTestCase):
    def test_nulls_first_and_last_are_refused_together_or_false(self):
        from django.db.models import F

        with self.assertRaisesRegex(
                ValueError, "^nulls_first and nulls_last are mutually exclusive$"):
            F("name").desc(nulls_last=True, nulls_first=True)
        with self.assertRaisesRegex(
                ValueError,
                r"^nulls_first and nulls_last values must be True or None\.$"):
            F("name").asc(nulls_first=False)
