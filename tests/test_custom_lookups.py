"""Custom lookups and transforms registered on fields, as in Django's "How to
write custom lookups": tests/custom_lookups_scenario.py run on djscratch and
compared with real Django's results (tests/custom_lookups_expected.json), plus
the SQL the doc promises and the registry's class/instance behaviour.
"""

import unittest

import djscratch
from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import custom_lookups_scenario as scenario

EXPECTED = load_expected("custom_lookups_expected.json")


@override_settings(**ORACLE_SETTINGS)
class CustomLookupsMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


class CustomLookupSQLTests(unittest.TestCase):
    """The SQL of the doc's examples (a query is compiled, never run)."""

    def setUp(self):
        from django.db.models import Field, IntegerField

        Field.register_lookup(scenario.NotEqual)
        IntegerField.register_lookup(scenario.AbsoluteValue)
        self.addCleanup(Field._unregister_lookup, scenario.NotEqual)
        self.addCleanup(IntegerField._unregister_lookup, scenario.AbsoluteValue)

    def sql(self, **filters):
        return str(scenario.Experiment.objects.filter(**filters).query).split(
            " WHERE ")[1]

    def test_not_equal_writes_its_operator(self):
        self.assertEqual(self.sql(name__ne="Jack"),
                         "\"orm_oracle_experiment\".\"name\" <> 'Jack'")

    def test_transform_wraps_the_column_and_defaults_to_exact(self):
        self.assertEqual(self.sql(change__abs=27),
                         "ABS(\"orm_oracle_experiment\".\"change\") = 27")

    def test_lookup_after_a_transform(self):
        self.assertEqual(self.sql(change__abs__lt=27),
                         "ABS(\"orm_oracle_experiment\".\"change\") < 27")

    def test_lookup_registered_on_a_transform_replaces_the_fields(self):
        scenario.AbsoluteValue.register_lookup(scenario.AbsoluteValueLessThan)
        self.addCleanup(scenario.AbsoluteValue._unregister_lookup,
                        scenario.AbsoluteValueLessThan)
        self.assertEqual(self.sql(change__abs__lt=27),
                         "\"orm_oracle_experiment\".\"change\" < 27 AND "
                         "\"orm_oracle_experiment\".\"change\" > -27")

    def test_a_float_against_an_integer_column_is_rounded_up(self):
        # Django's IntegerFieldFloatRounding: gte/lt 1.5 mean gte/lt 2.
        self.assertEqual(self.sql(change__gte=1.5),
                         "\"orm_oracle_experiment\".\"change\" >= 2")
        self.assertEqual(self.sql(change__lt=1.5),
                         "\"orm_oracle_experiment\".\"change\" < 2")

    def test_a_doubled_percent_is_sqls_modulo(self):
        from django.db.models import IntegerField, Lookup

        class Div3(Lookup):  # Django's docs write % as %% (the backend halves it)
            lookup_name = "div3"

            def as_sql(self, compiler, connection):
                lhs, params = self.process_lhs(compiler, connection)
                rhs, rhs_params = self.process_rhs(compiler, connection)
                return "(%s) %%%% 3 = %s" % (lhs, rhs), params + rhs_params

        IntegerField.register_lookup(Div3)
        self.addCleanup(IntegerField._unregister_lookup, Div3)
        self.assertEqual(self.sql(change__div3=1),
                         "(\"orm_oracle_experiment\".\"change\") % 3 = 1")

    def test_a_transforms_output_field_property_decides_its_lookups(self):
        from django.core.exceptions import FieldError
        from django.db.models import CharField, IntegerField, Transform

        class Size(Transform):
            lookup_name = "size"
            function = "LENGTH"

            @property
            def output_field(self):
                return IntegerField()

        CharField.register_lookup(Size)
        self.addCleanup(CharField._unregister_lookup, Size)
        self.assertEqual(self.sql(name__size__gte=1.5),
                         "LENGTH(\"orm_oracle_experiment\".\"name\") >= 2")
        with self.assertRaisesRegex(FieldError, "^Unsupported lookup 'junk' for "
                                    "IntegerField or join on the field not "
                                    "permitted.$"):
            self.sql(name__size__junk=1)

    def test_a_bilateral_transform_applies_to_each_value_of_in_and_range(self):
        # Django 5.2 writes UPPER(a): its str(query) leaves values unquoted.
        from django.db.models import CharField, Transform

        class Upper(Transform):
            bilateral = True
            lookup_name = "upper"
            function = "UPPER"

        CharField.register_lookup(Upper)
        self.addCleanup(CharField._unregister_lookup, Upper)
        column = "UPPER(\"orm_oracle_experiment\".\"name\")"
        self.assertEqual(self.sql(name__upper__in=["a", "b"]),
                         "%s IN (UPPER('a'), UPPER('b'))" % column)
        self.assertEqual(self.sql(name__upper__range=["a", "b"]),
                         "%s BETWEEN UPPER('a') AND UPPER('b')" % column)
        with self.assertRaisesRegex(NotImplementedError, "^Bilateral transformations "
                                    "on nested querysets are not implemented.$"):
            scenario.Experiment.objects.filter(
                name__upper__in=scenario.Experiment.objects.values("name"))

    def test_order_by_a_transform_of_a_field(self):
        sql = str(scenario.Experiment.objects.order_by("-change__abs").query)
        self.assertEqual(sql.split(" ORDER BY ")[1],
                         "ABS(\"orm_oracle_experiment\".\"change\") DESC")


class RegistryTests(unittest.TestCase):
    def test_django_registers_its_own_classes_per_field_class(self):
        from django.db.models import DateField, ForeignKey, IntegerField, lookups
        from django.db.models.fields import related_lookups

        self.assertIs(IntegerField().get_lookup("exact"), lookups.IntegerFieldExact)
        self.assertIs(IntegerField().get_lookup("lt"), lookups.IntegerLessThan)
        self.assertIs(DateField().get_transform("year").get_lookups()["exact"],
                      lookups.YearExact)
        self.assertIs(ForeignKey.get_lookups()["isnull"], related_lookups.RelatedIsNull)
        self.assertTrue(issubclass(related_lookups.RelatedGreaterThan,
                                   lookups.GreaterThan))

    def test_a_foreign_key_has_foreignobjects_lookups_not_fields(self):
        # As Django 5.2: exact, gt, gte, in, isnull, lt, lte only.
        from django.db.models import Field, ForeignKey, ForeignObject, Lookup

        self.assertEqual(sorted(ForeignKey.get_lookups()),
                         ["exact", "gt", "gte", "in", "isnull", "lt", "lte"])

        class Exactly(Lookup):
            lookup_name = "exactly"

        Field.register_lookup(Exactly)
        self.addCleanup(Field._unregister_lookup, Exactly)
        self.assertIsNone(ForeignKey.get_lookups().get("exactly"))
        ForeignObject.register_lookup(Exactly)
        self.addCleanup(ForeignObject._unregister_lookup, Exactly)
        self.assertIs(ForeignKey.get_lookups()["exactly"], Exactly)

    def test_class_lookups_are_cached_and_registration_empties_the_cache(self):
        from django.db.models import ForeignKey, Lookup

        class Anything(Lookup):
            lookup_name = "anything"

        ForeignKey.get_class_lookups.cache_clear()
        self.assertNotIn("anything", ForeignKey.get_lookups())
        ForeignKey.register_lookup(Anything)
        self.assertIn("anything", ForeignKey.get_lookups())
        ForeignKey._unregister_lookup(Anything)
        self.assertNotIn("anything", ForeignKey.get_lookups())

    def test_connection_ops_extract_sql_for_custom_transforms(self):
        # Django 5.2's SQLite operations, placeholders and all.
        from django.db import connection

        with override_settings(**ORACLE_SETTINGS):
            ops = connection.ops
        self.assertEqual(ops.date_extract_sql("Year", '"t"."d"', [1]),
                         ('django_date_extract(%s, "t"."d")', ("year", 1)))
        self.assertEqual(ops.time_extract_sql("hour", "x", ()),
                         ("django_time_extract(%s, x)", ("hour",)))

    def test_year_lookup_subclasses_name_their_bounds(self):
        from django.db.models import Value
        from django.db.models.lookups import YearGte, YearLookup

        lookup = YearLookup(Value(1), Value(2))
        with self.assertRaisesRegex(NotImplementedError, "get_bound_params"):
            lookup.get_bound_params(1, 2)
        self.assertEqual(YearGte(Value(1), Value(2)).get_bound_params(1, 2), (1,))

    def test_builtin_lookups_are_classes_registered_on_field(self):
        from django.db.models import CharField, Field, lookups

        self.assertIs(Field.get_lookups()["exact"], lookups.Exact)
        self.assertIs(CharField(max_length=3).get_lookup("icontains"),
                      lookups.IContains)
        self.assertIsNone(CharField(max_length=3).get_transform("exact"))

    def test_date_transforms_are_registered_on_date_fields(self):
        from django.db.models import DateTimeField, IntegerField

        self.assertEqual(DateTimeField().get_transform("year").__name__,
                         "ExtractYear")
        self.assertIsNone(IntegerField().get_transform("year"))

    def test_instance_lookup_stays_on_that_instance(self):
        from django.db.models import IntegerField

        field, other = IntegerField(), IntegerField()
        field.register_lookup(scenario.NotEqual, "differs")
        self.assertIs(field.get_lookup("differs"), scenario.NotEqual)
        self.assertIsNone(other.get_lookup("differs"))
        field._unregister_lookup(scenario.NotEqual, "differs")
        self.assertIsNone(field.get_lookup("differs"))

    def test_decorator_registration_returns_the_class(self):
        from django.db.models import Field, Lookup

        @Field.register_lookup
        class Anything(Lookup):
            lookup_name = "anything"

        self.addCleanup(Field._unregister_lookup, Anything)
        self.assertIs(Field.get_lookups()["anything"], Anything)

    def test_django_names_resolve(self):
        from django.db.models import Lookup, Transform
        from django.db.models.lookups import Exact, In, IsNull, Range
        from django.db.models.query_utils import RegisterLookupMixin

        self.assertTrue(issubclass(Exact, Lookup))
        self.assertTrue(issubclass(Transform, RegisterLookupMixin))
        self.assertEqual([c.lookup_name for c in (In, IsNull, Range)],
                         ["in", "isnull", "range"])


del djscratch
