"""Internals of Django's ORM that code and Django's own tests import
(issue 19): the queryset iterable classes, django.db.models.sql's constants,
WhereNode and NothingNode, django.utils.tree.Node, cursor_iter, and a field
subclass storing as its built-in base.
"""

import re
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models
from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Stamp(models.DateTimeField):
        """A subclass of a built-in field, as users write them."""

    class Note(models.Model):
        text = models.CharField(max_length=20)
        at = Stamp(null=True)

        class Meta:
            app_label = "db_internals"
            ordering = ["id"]


    class Product(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "db_internals"

    class Stock(models.Model):
        product = models.ForeignKey(Product, models.CASCADE)
        short = models.BooleanField(default=False)

        class Meta:
            app_label = "db_internals"

    class EmptyIsNull(models.TextField):
        """Stores "" as NULL (a field class of an application's)."""

        def get_prep_value(self, value):
            return None if value == "" else super().get_prep_value(value)

    class Doc(models.Model):
        data = models.JSONField(null=True)
        note = EmptyIsNull(null=True)

        class Meta:
            app_label = "db_internals"

    class Venue(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "db_internals"

    class Gig(models.Model):
        venue = models.ForeignKey(Venue, models.SET_NULL, null=True)
        support = models.ForeignKey(Venue, models.SET_NULL, null=True,
                                    related_name="+")

        class Meta:
            app_label = "db_internals"

    class Freebie(models.Model):
        gift_product = models.ForeignKey(Product, models.CASCADE)
        stock_id = models.IntegerField(blank=True, null=True)
        stock = models.ForeignObject(
            Stock, from_fields=["stock_id", "gift_product"],
            to_fields=["id", "product"], on_delete=models.CASCADE)

        class Meta:
            app_label = "db_internals"


    class Account(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "db_internals"

    class Profile(models.Model):
        account = models.OneToOneField(Account, models.CASCADE)
        bio = models.CharField(max_length=20)

        class Meta:
            app_label = "db_internals"


class UpperIterable(djscratch.ModelIterable):
    def __iter__(self):
        for obj in super().__iter__():
            obj.text = obj.text.upper()
            yield obj


class IterableClassTests(DatabaseTestCase):
    models = [Note]

    def test_each_mode_names_its_class(self):
        from django.db.models.query import (
            FlatValuesListIterable, ModelIterable, NamedValuesListIterable,
            ValuesIterable, ValuesListIterable)

        qs = Note.objects.all()
        self.assertIs(qs._iterable_class, ModelIterable)
        self.assertIs(qs.values()._iterable_class, ValuesIterable)
        self.assertIs(qs.values_list()._iterable_class, ValuesListIterable)
        self.assertIs(qs.values_list("id", flat=True)._iterable_class,
                      FlatValuesListIterable)
        self.assertIs(qs.values_list(named=True)._iterable_class,
                      NamedValuesListIterable)

    def test_a_subclass_overriding_iter_shapes_the_objects(self):
        Note.objects.create(text="a")
        qs = Note.objects.all()
        qs._iterable_class = UpperIterable
        self.assertIs(qs._iterable_class, UpperIterable)
        self.assertEqual([n.text for n in qs], ["A"])

    def test_setting_values_iterable_gives_dicts(self):
        from django.db.models.query import ValuesIterable

        Note.objects.create(text="a")
        qs = Note.objects.values("text")
        qs._iterable_class = ValuesIterable
        self.assertEqual(list(qs), [{"text": "a"}])

    def test_a_builtin_field_subclass_stores_as_its_base(self):
        self.assertEqual(Note._meta.get_field("at").get_internal_type(),
                         "DateTimeField")
        Note.objects.create(text="a")
        self.assertEqual(Note.objects.get().at, None)


class ForeignObjectTests(DatabaseTestCase):
    models = [Product, Stock, Freebie]

    def test_no_column_and_the_object_through_every_pair(self):
        self.assertEqual([f.column for f in Freebie._meta.concrete_fields],
                         ["id", "gift_product_id", "stock_id"])
        pen = Product.objects.create(name="pen")
        ink = Product.objects.create(name="ink")
        stock = Stock.objects.create(product=pen, short=True)
        match = Freebie.objects.create(gift_product=pen, stock_id=stock.pk)
        Freebie.objects.create(gift_product=ink, stock_id=stock.pk)
        self.assertEqual(match.stock, stock)
        self.assertEqual(list(Freebie.objects.filter(stock__short=True)), [match])
        other = Freebie(gift_product=ink)
        other.stock = stock
        self.assertEqual((other.stock_id, other.gift_product_id), (stock.pk, pen.pk))


class SelectRelatedReverseOneToOneTests(DatabaseTestCase):
    models = [Account, Profile]

    def test_the_object_pointing_here_comes_in_the_same_query(self):
        from django.core.exceptions import FieldError
        from tests.orm_support import CaptureQueries

        with_profile = Account.objects.create(name="a")
        Profile.objects.create(account=with_profile, bio="hi")
        Account.objects.create(name="b")
        with CaptureQueries() as queries:
            accounts = list(Account.objects.select_related("profile").order_by("name"))
            self.assertEqual(accounts[0].profile.bio, "hi")
            self.assertIs(accounts[0].profile.account, accounts[0])
            with self.assertRaises(Profile.DoesNotExist):
                accounts[1].profile
        self.assertEqual(len(queries), 1)
        self.assertIn("LEFT OUTER JOIN", queries.captured_queries[0]["sql"])
        with self.assertRaisesRegex(
                FieldError, "^Non-relational field given in select_related: 'name'. "
                "Choices are: profile$"):
            list(Account.objects.select_related("name"))


class FilteredRelationTests(DatabaseTestCase):
    models = [Product, Stock]

    def test_built_and_compared_as_django(self):
        from django.db.models import FilteredRelation, Q

        relation = FilteredRelation("stock", condition=Q(stock__short=True))
        self.assertEqual(relation, relation.clone())
        with self.assertRaisesRegex(ValueError, "^relation_name cannot be empty.$"):
            FilteredRelation("")
        with self.assertRaisesRegex(ValueError, "must be a Q\\(\\) instance"):
            FilteredRelation("stock", condition="short")

    def setUp(self):
        super().setUp()
        self.pen = Product.objects.create(name="pen")
        self.ink = Product.objects.create(name="ink")
        self.short = Stock.objects.create(product=self.pen, short=True)
        Stock.objects.create(product=self.pen, short=False)
        Stock.objects.create(product=self.ink, short=False)

    def short_stock(self, **condition):
        from django.db.models import FilteredRelation, Q

        return Product.objects.annotate(short_stock=FilteredRelation(
            "stock", condition=Q(**condition or {"stock__short": True})))

    def test_the_condition_joins_in_the_on_clause_with_bound_values(self):
        qs = self.short_stock().order_by("name")
        self.assertEqual(list(qs.values_list("name", "short_stock__id")),
                         [("ink", None), ("pen", self.short.pk)])
        sql = str(qs.values("short_stock__short").query)
        self.assertIn('LEFT OUTER JOIN "db_internals_stock" "short_stock" ON', sql)
        self.assertIn('AND ("short_stock"."short" = 1)', sql)
        self.assertEqual(list(qs.filter(short_stock__isnull=False)), [self.pen])
        self.assertEqual(list(qs.filter(short_stock__isnull=True)), [self.ink])
        self.assertEqual(qs.filter(short_stock__isnull=True).count(), 1)

    def test_select_related_sets_the_attribute_in_one_query(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        qs = self.short_stock().filter(short_stock__isnull=False).select_related(
            "short_stock")
        with CaptureQueriesContext(connection) as queries:
            product = qs.get()
            self.assertEqual(product.short_stock, self.short)
            self.assertIs(product.short_stock.product, product)
        self.assertEqual(len(queries), 1)

    def test_it_is_checked_as_django_checks_it(self):
        from django.db.models import FilteredRelation, Q

        cases = [
            ({"a.b": FilteredRelation("stock")},
             "FilteredRelation doesn't support aliases with periods (got 'a.b')."),
            ({"s": FilteredRelation("stock__short__exact")},
             "FilteredRelation's relation_name cannot contain lookups (got "
             "'stock__short__exact')."),
            ({"s": FilteredRelation("stock", condition=Q(
                stock__product__name="pen"))},
             "FilteredRelation's condition doesn't support nested relations deeper "
             "than the relation_name (got 'stock__product__name' for 'stock')."),
            ({"bad alias": FilteredRelation("stock")}, "Column aliases cannot contain"),
        ]
        for kwargs, message in cases:
            with self.subTest(message), self.assertRaisesRegex(
                    ValueError, re.escape(message)):
                Product.objects.annotate(**kwargs)
        with self.assertRaisesRegex(ValueError, "^only\\(\\) is not supported"):
            self.short_stock().only("short_stock__short")
        with self.assertRaisesRegex(ValueError, "^prefetch_related\\(\\) is not"):
            self.short_stock().prefetch_related("short_stock")


class JoinPromotionTests(DatabaseTestCase):
    """A nullable relation is a LEFT OUTER JOIN unless a condition that no
    NULL meets needs a row there (Django's join promotion; the counts are
    real Django 5.2's)."""

    models = [Venue, Gig]

    def joins(self, qs):
        sql = str(qs.query)
        return sql.count("INNER JOIN"), sql.count("LEFT OUTER JOIN")

    def test_inner_only_where_every_branch_needs_the_row(self):
        from django.db.models import Q

        gigs = Gig.objects
        cases = [
            (gigs.filter(venue__name="x"), (1, 0)),
            (gigs.filter(Q(venue__name="x") | Q(support__name="y")), (0, 2)),
            (gigs.filter(Q(venue__name="x") | Q(venue__name="y")), (1, 0)),
            (gigs.filter(venue__name__isnull=True), (0, 1)),
            (gigs.filter(venue__name__isnull=False), (1, 0)),
            (gigs.exclude(venue__name="x"), (0, 1)),
            (gigs.filter(~Q(venue__name="x")), (0, 1)),
            (gigs.filter(Q(venue__name="x") | Q(support__name="y"), venue__name="z"),
             (1, 1)),
        ]
        for qs, expected in cases:
            with self.subTest(str(qs.query)):
                self.assertEqual(self.joins(qs), expected)

    def test_an_or_keeps_rows_without_the_relation(self):
        from django.db.models import Q

        hall = Venue.objects.create(name="hall")
        alone = Gig.objects.create(support=hall)
        Gig.objects.create()
        self.assertEqual(list(Gig.objects.filter(
            Q(venue__name="hall") | Q(support__name="hall"))), [alone])


class JSONFieldIsNullTests(DatabaseTestCase):
    models = [Doc]

    def test_isnull_is_the_columns_sql_null(self):
        Doc.objects.create(data=None)
        Doc.objects.create(data={"a": 1})
        self.assertEqual(Doc.objects.filter(data__isnull=True).count(), 1)
        self.assertEqual(Doc.objects.filter(data__isnull=False).count(), 1)
        self.assertEqual(Doc.objects.filter(data__a__isnull=False).count(), 1)

    def test_a_value_the_field_stores_as_null_matches_null(self):
        # As Django: __exact=value is __isnull=True when get_prep_value gives None.
        doc = Doc.objects.create(note=None)
        Doc.objects.create(note="x")
        self.assertEqual(list(Doc.objects.filter(note="")), [doc])
        self.assertEqual(list(Doc.objects.filter(note__iexact="")), [doc])


class GetCompilerTests(DatabaseTestCase):
    models = [Note]

    def test_a_query_gives_its_compiler_for_a_database(self):
        from django.db import DEFAULT_DB_ALIAS, connection

        qs = Note.objects.filter(text="a")
        compiler = qs.query.get_compiler(qs.db)
        sql, params = compiler.as_sql()
        self.assertIn('WHERE "db_internals_note"."text" = ?', sql)
        self.assertEqual(params, ["a"])
        self.assertEqual(repr(qs.query.get_compiler(DEFAULT_DB_ALIAS, connection)),
                         "<SQLCompiler model=Note connection=<DatabaseWrapper "
                         "vendor='sqlite' alias='default'> using='default'>")
        with self.assertRaisesRegex(ValueError, "^Need either using or connection$"):
            qs.query.get_compiler()


class SQLNamesTests(unittest.TestCase):
    def test_constants(self):
        from django.db.models.sql.constants import (
            GET_ITERATOR_CHUNK_SIZE, INNER, LOUTER, SINGLE)

        self.assertEqual((GET_ITERATOR_CHUNK_SIZE, INNER, LOUTER, SINGLE),
                         (100, "INNER JOIN", "LEFT OUTER JOIN", "single"))

    def test_query_is_what_querysets_hold(self):
        from django.db.models.sql import Query

        self.assertIsInstance(Note.objects.all().query, Query)

    def test_internals_without_a_counterpart_are_refused(self):
        from django.db import NotSupportedError
        from django.db.models.query import get_prefetcher
        from django.db.models.sql import InsertQuery

        with self.assertRaisesRegex(NotSupportedError, "DJSCRATCH_ENGINE=django"):
            InsertQuery(Note)
        with self.assertRaisesRegex(NotSupportedError, "get_prefetcher"):
            get_prefetcher(None, "a", "a")
        from django.db.models.sql.datastructures import Join

        self.assertNotIsInstance(object(), Join)
        with self.assertRaisesRegex(NotSupportedError, "sql.Join"):
            Join()

    def test_get_field_names_from_opts(self):
        from django.db.models.sql.query import get_field_names_from_opts

        self.assertEqual(get_field_names_from_opts(None), set())
        self.assertEqual(get_field_names_from_opts(Note._meta),
                         {"id", "text", "at"})

    def test_cursor_iter(self):
        from django.db.models.sql.compiler import cursor_iter

        class Cursor:
            rows = [(1, "a"), (2, "b"), (3, "c")]
            closed = False

            def fetchmany(self, size):
                batch, self.rows = self.rows[:size], self.rows[size:]
                return batch

            def close(self):
                self.closed = True

        cursor = Cursor()
        self.assertEqual(list(cursor_iter(cursor, [], 1, 2)), [[(1,), (2,)], [(3,)]])
        self.assertTrue(cursor.closed)


class WhereNodeTests(unittest.TestCase):
    class Dummy:
        def as_sql(self, compiler, connection):
            return "dummy", []

    class Compiler:
        def compile(self, node):
            return node.as_sql(self, None)

    def test_conjunction_and_disjunction(self):
        from django.core.exceptions import EmptyResultSet, FullResultSet
        from django.db.models.sql.where import OR, NothingNode, WhereNode

        compiler = self.Compiler()
        node = WhereNode(children=[self.Dummy(), self.Dummy()])
        self.assertEqual(node.as_sql(compiler, None), ("(dummy AND dummy)", []))
        node.negate()
        self.assertEqual(node.as_sql(compiler, None), ("NOT (dummy AND dummy)", []))
        with self.assertRaises(EmptyResultSet):
            WhereNode(children=[NothingNode(), self.Dummy()]).as_sql(compiler, None)
        node = WhereNode(children=[NothingNode(), self.Dummy()], connector=OR)
        self.assertEqual(node.as_sql(compiler, None), ("dummy", []))
        with self.assertRaises(FullResultSet):
            WhereNode(children=[WhereNode()]).as_sql(compiler, None)


class TreeNodeTests(unittest.TestCase):
    def test_add_squashes_like_django(self):
        from django.db.models.sql import AND, OR
        from django.utils.tree import Node

        node = Node(["a", "b"], OR)
        self.assertEqual(node.add("a", AND), "a")
        self.assertEqual(node, Node([Node(["a", "b"], OR), "a"], AND))
        node = Node(["a"], AND)
        node.add(Node(["b", "c"], AND), AND)
        self.assertEqual(node.children, ["a", "b", "c"])
        self.assertEqual(str(Node(["a"], AND, negated=True)), "(NOT (AND: a))")
        self.assertEqual(hash(Node([{"k": [1]}])), hash(Node([{"k": [1]}])))


if __name__ == "__main__":
    unittest.main()
