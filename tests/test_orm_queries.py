"""QuerySet: laziness, chaining, lookups, expressions, aggregates, slicing."""

import datetime
import re

import djscratch  # noqa: F401  (installs the django.* alias)
from django.core.exceptions import FieldError
from django.db import connection, models
from django.db.models import Avg, Count, F, Max, Min, Q, Sum, Value
from django.db.models.functions import Lower

from tests.orm_support import CaptureQueries
from tests.orm_support import DatabaseTestCase, define_models  # noqa: I001

with define_models():

    class Band(models.Model):
        name = models.CharField(max_length=30)
        formed = models.IntegerField(null=True)

        class Meta:
            app_label = "orm_queries"
            ordering = ["name"]

        def __str__(self):
            return self.name

    class Song(models.Model):
        band = models.ForeignKey(Band, on_delete=models.CASCADE, related_name="songs")
        title = models.CharField(max_length=30)
        plays = models.IntegerField(default=0)
        length = models.FloatField(default=3.0)
        released = models.DateTimeField(null=True)

        class Meta:
            app_label = "orm_queries"

        def __str__(self):
            return self.title

    class Review(models.Model):
        song = models.ForeignKey(Song, on_delete=models.CASCADE)
        stars = models.IntegerField()
        author = models.CharField(max_length=30)

        class Meta:
            app_label = "orm_queries"


    class Label(models.Model):
        name = models.CharField(max_length=20)
        rank = models.IntegerField()

        class Meta:
            app_label = "orm_queries"
            ordering = ["-rank", Lower("name")]

    class Record(models.Model):
        label = models.ForeignKey(Label, models.CASCADE)
        title = models.CharField(max_length=20)

        class Meta:
            app_label = "orm_queries"
            ordering = ["label", "title"]

    class Node(models.Model):
        parent = models.ForeignKey("self", models.CASCADE, null=True)

        class Meta:
            app_label = "orm_queries"
            ordering = ["parent"]


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.timezone.utc)


class QueryTestCase(DatabaseTestCase):
    models = [Band, Song, Review]

    def setUp(self):
        super().setUp()
        self.abba = Band.objects.create(name="ABBA", formed=1972)
        self.queen = Band.objects.create(name="Queen", formed=1970)
        self.solo = Band.objects.create(name="Solo")
        self.s1 = Song.objects.create(band=self.abba, title="Waterloo", plays=10,
                                      released=utc(1974, 3, 4, 10, 30))
        self.s2 = Song.objects.create(band=self.abba, title="SOS", plays=5,
                                      released=utc(1975, 6, 1, 23, 0))
        self.s3 = Song.objects.create(band=self.queen, title="Bohemian 50%_off",
                                      plays=30, released=utc(1975, 10, 31))
        Review.objects.create(song=self.s1, stars=5, author="Ann")
        Review.objects.create(song=self.s1, stars=3, author="Bob")
        Review.objects.create(song=self.s3, stars=4, author="Ann")


class LazinessTests(QueryTestCase):
    def test_building_a_queryset_runs_no_sql(self):
        with CaptureQueries() as ctx:
            qs = Song.objects.filter(plays__gt=1).exclude(title="x").order_by("-plays")
            qs = qs[:2]
        self.assertEqual(len(ctx), 0)
        with CaptureQueries() as ctx:
            self.assertEqual([s.title for s in qs], ["Bohemian 50%_off", "Waterloo"])
            list(qs)
            len(qs)
        self.assertEqual(len(ctx), 1)

    def test_querysets_are_immutable(self):
        base = Song.objects.all()
        filtered = base.filter(plays__gt=6)
        self.assertEqual(base.count(), 3)
        self.assertEqual(filtered.count(), 2)
        self.assertIsNot(base, base.all())

    def test_repr_like_django_and_truncated(self):
        self.assertEqual(repr(Band.objects.all()),
                         "<QuerySet [<Band: ABBA>, <Band: Queen>, <Band: Solo>]>")
        Band.objects.bulk_create([Band(name="B%02d" % i) for i in range(25)])
        text = repr(Band.objects.all())
        self.assertTrue(text.endswith("'...(remaining elements truncated)...']>"))

    def test_slicing_and_indexing(self):
        qs = Song.objects.order_by("plays")
        self.assertEqual([s.plays for s in qs[1:3]], [10, 30])
        self.assertEqual(qs[0].plays, 5)
        with self.assertRaisesRegex(ValueError, "Negative indexing is not supported."):
            qs[-1]
        with self.assertRaisesRegex(TypeError, "Cannot filter a query once a slice"):
            qs[:1].filter(plays=1)
        with self.assertRaises(IndexError):
            qs[10]

    def test_bool_len_exists_count(self):
        self.assertTrue(Song.objects.filter(plays=5))
        self.assertFalse(Song.objects.filter(plays=6).exists())
        self.assertEqual(len(Song.objects.all()), 3)
        self.assertEqual(Song.objects.none().count(), 0)
        self.assertEqual(list(Song.objects.none()), [])


class LookupTests(QueryTestCase):
    def titles(self, qs):
        return sorted(s.title for s in qs)

    def test_a_value_the_field_refuses_fails_at_the_filter_call(self):
        # As Django: the value is prepared when filter() is called, so a view
        # can catch the ValueError there (messages from Django 5.2).
        cases = [({"id": "abc"}, "Field 'id' expected a number but got 'abc'."),
                 ({"plays": "abc"}, "Field 'plays' expected a number but got 'abc'."),
                 ({"plays__gt": "q"}, "Field 'plays' expected a number but got 'q'."),
                 ({"id__in": ["x"]}, "Field 'id' expected a number but got 'x'."),
                 ({"length": "fast"},
                  "Field 'length' expected a number but got 'fast'.")]
        for kwargs, message in cases:
            with self.subTest(kwargs=kwargs), self.assertRaisesRegex(
                    ValueError, "^%s$" % re.escape(message)):
                Song.objects.filter(**kwargs)

    def test_values_a_field_takes_as_they_are_filter_without_a_check(self):
        self.assertEqual(self.titles(Song.objects.filter(plays=10, title="Waterloo",
                                                         length=3)), ["Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(released__isnull=True)), [])

    def test_comparison_lookups(self):
        self.assertEqual(self.titles(Song.objects.filter(plays__gte=10)),
                         ["Bohemian 50%_off", "Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(plays__lt=10)), ["SOS"])
        self.assertEqual(self.titles(Song.objects.filter(plays__range=(5, 10))),
                         ["SOS", "Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(plays__in=[5, 30])),
                         ["Bohemian 50%_off", "SOS"])
        self.assertEqual(list(Song.objects.filter(plays__in=[])), [])

    def test_text_lookups_escape_wildcards(self):
        self.assertEqual(self.titles(Song.objects.filter(title__contains="50%_")),
                         ["Bohemian 50%_off"])
        self.assertEqual(list(Song.objects.filter(title__contains="%")),
                         [self.s3])
        self.assertEqual(self.titles(Song.objects.filter(title__icontains="water")),
                         ["Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(title__startswith="Wat")),
                         ["Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(title__iendswith="LOO")),
                         ["Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(title__iexact="sos")), ["SOS"])
        self.assertEqual(self.titles(Song.objects.filter(title__regex=r"^S.S$")),
                         ["SOS"])
        self.assertEqual(self.titles(Song.objects.filter(title__iregex=r"^s.s$")),
                         ["SOS"])

    def test_isnull_and_none(self):
        self.assertEqual(list(Band.objects.filter(formed__isnull=True)), [self.solo])
        self.assertEqual(list(Band.objects.filter(formed=None)), [self.solo])
        self.assertEqual(Band.objects.exclude(formed=1972).count(), 2)

    def test_date_transforms(self):
        self.assertEqual(Song.objects.filter(released__year=1975).count(), 2)
        self.assertEqual(Song.objects.filter(released__month__gte=6).count(), 2)
        self.assertEqual(list(Song.objects.filter(
            released__date=datetime.date(1974, 3, 4))), [self.s1])
        self.assertEqual(list(Song.objects.filter(released__hour=23)), [self.s2])
        self.assertEqual(list(Song.objects.filter(released__week_day=6)), [self.s3])
        self.assertEqual(list(Song.objects.filter(released__week_day=1)), [self.s2])

    def test_relations_in_both_directions(self):
        self.assertEqual(self.titles(Song.objects.filter(band__name="ABBA")),
                         ["SOS", "Waterloo"])
        self.assertEqual(list(Band.objects.filter(songs__title="SOS")), [self.abba])
        self.assertEqual(list(Band.objects.filter(
            songs__review__author__icontains="bo")), [self.abba])
        self.assertEqual(Song.objects.filter(band=self.abba).count(), 2)
        self.assertEqual(Song.objects.filter(band__in=[self.queen]).count(), 1)
        self.assertEqual(Song.objects.filter(band_id=self.queen.pk).count(), 1)

    def test_exclude_across_multi_valued_relation_excludes_any_match(self):
        self.assertEqual(list(Song.objects.exclude(review__author="Bob")
                              .order_by("pk")), [self.s2, self.s3])

    def test_q_objects(self):
        qs = Song.objects.filter(Q(plays=5) | Q(title="Waterloo"))
        self.assertEqual(self.titles(qs), ["SOS", "Waterloo"])
        self.assertEqual(self.titles(Song.objects.filter(~Q(plays=5))),
                         ["Bohemian 50%_off", "Waterloo"])
        qs = Song.objects.filter(Q(band__name="ABBA") & ~Q(plays__gt=5))
        self.assertEqual(self.titles(qs), ["SOS"])

    def test_subquery_in_lookup(self):
        bands = Band.objects.filter(formed__lt=1971)
        self.assertEqual(list(Song.objects.filter(band__in=bands)), [self.s3])
        ids = Review.objects.filter(stars__gte=4).values("song")
        self.assertEqual(self.titles(Song.objects.filter(pk__in=ids)),
                         ["Bohemian 50%_off", "Waterloo"])

    def test_unknown_field_lists_choices_sorted(self):
        with self.assertRaisesRegex(FieldError, "Cannot resolve keyword 'nope' into "
                                    "field. Choices are: band, band_id, id, length, "
                                    "plays, released, review, title"):
            Song.objects.filter(nope=1)
        with self.assertRaisesRegex(FieldError, "Cannot resolve keyword 'nope'"):
            Song.objects.order_by("nope")
        with self.assertRaisesRegex(FieldError, "Cannot resolve keyword 'nope'"):
            Song.objects.values("nope")

    def test_unsupported_lookup(self):
        with self.assertRaisesRegex(FieldError, "Unsupported lookup 'containz' for "
                                    "CharField or join on the field not permitted, "
                                    "perhaps you meant contains?"):
            Song.objects.filter(title__containz="x")

    def test_unsupported_lookup_messages_are_djangos(self):
        # Checked with Django 5.2 (the reverse one is Django's own test's).
        cases = [
            (lambda: Song.objects.filter(released__gt__foo=1),
             "'gt__foo' for DateTimeField or join on the field not permitted, "
             "perhaps you meant gt or gte?"),
            (lambda: Song.objects.filter(released__year__foo=1),
             "'foo' for IntegerField or join on the field not permitted."),
            (lambda: Song.objects.filter(band__nope__name="x"),
             "'nope__name' for ForeignKey or join on the field not permitted."),
            (lambda: Band.objects.filter(songs__nope="x"),
             "'nope' for ManyToOneRel or join on the field not permitted."),
            (lambda: Song.objects.filter(title__containz="x"),
             "'containz' for CharField or join on the field not permitted, "
             "perhaps you meant contains or icontains?"),
        ]
        for call, message in cases:
            with self.subTest(message), self.assertRaisesRegex(
                    FieldError, "^%s$" % re.escape("Unsupported lookup " + message)):
                call()

    def test_a_foreign_keys_target_field_has_its_own_lookups(self):
        # fk__pk__<lookup> reads the key's column with the target's lookups
        # (the admin searches "group__pk" with icontains).
        self.assertEqual(list(Song.objects.filter(band__pk__icontains="x")), [])
        self.assertEqual(self.titles(Song.objects.filter(
            band__id__range=(self.queen.pk, self.queen.pk))), ["Bohemian 50%_off"])

    def test_a_transform_on_a_foreign_key_applies_across_its_reverse(self):
        from django.db.models.functions import Abs
        from django.test.utils import register_lookup

        with register_lookup(Song._meta.get_field("band"), Abs):
            self.assertEqual(list(Band.objects.filter(songs__abs=self.s3.pk)),
                             [self.queen])

    def test_queryset_values_are_checked_as_django_checks_them(self):
        songs = Song.objects.all()
        cases = [
            (lambda: Song.objects.filter(pk=songs[:2]), "The QuerySet value for an "
             "exact lookup must be limited to one result using slicing."),
            (lambda: Song.objects.filter(pk=songs.values("pk", "title")[:1]),
             "The QuerySet value for the exact lookup must have 1 selected fields "
             "(received 2)"),
            (lambda: Song.objects.filter(pk__in=songs.values("pk", "title")),
             "The QuerySet value for the 'in' lookup must have 1 selected fields "
             "(received 2)"),
        ]
        for call, message in cases:
            with self.subTest(message), self.assertRaisesRegex(
                    ValueError, "^%s$" % re.escape(message)):
                call()
        self.assertEqual(self.titles(Song.objects.filter(
            pk=songs.filter(title="SOS").values("pk")[:1])), ["SOS"])

    def test_isnull_takes_a_bool_only_when_the_query_runs(self):
        qs = Song.objects.filter(released__isnull=1)  # built, as in Django
        with self.assertRaisesRegex(ValueError, "^The QuerySet value for an isnull "
                                    "lookup must be True or False.$"):
            qs.exists()

    def test_a_filter_on_an_annotation_reading_an_aggregate_is_having(self):
        qs = Band.objects.annotate(n=Count("songs")).annotate(more=F("n") - 1)
        self.assertEqual([b.name for b in qs.filter(more__gte=1)], ["ABBA"])
        self.assertEqual([b.name for b in qs.filter(more__lt=0)], ["Solo"])

    def test_a_filter_on_an_or_of_lookups_compares_the_whole(self):
        from django.db.models.lookups import Exact, GreaterThan

        either = Exact(F("plays"), 10) | GreaterThan(F("plays"), 10)
        qs = Song.objects.annotate(big=either)
        self.assertEqual(self.titles(qs.filter(big=False)), ["SOS"])
        self.assertEqual(self.titles(qs.filter(big=True)),
                         ["Bohemian 50%_off", "Waterloo"])

    def test_in_bulk_asks_in_batches_of_max_query_params(self):
        ids = [self.s1.pk, self.s2.pk] + list(range(10_000, 12_000))
        with CaptureQueries() as queries:
            found = Song.objects.in_bulk(ids)
        self.assertEqual(found, {self.s1.pk: self.s1, self.s2.pk: self.s2})
        self.assertEqual(len(queries), 3)  # 2002 ids, 999 a query

    def test_an_unsaved_instance_is_refused_by_related_filters(self):
        msg = "^Model instances passed to related filters must be saved.$"
        for call in (lambda: Song.objects.filter(band=Band(name="x")),
                     lambda: Song.objects.exclude(band=Band(name="x")),
                     lambda: Song.objects.filter(band__in=[self.abba, Band()])):
            with self.assertRaisesRegex(ValueError, msg):
                call()

    def test_contains_another_models_row_is_false_a_non_model_refused(self):
        self.assertIs(Song.objects.contains(self.abba), False)
        self.assertIs(Song.objects.contains(self.s1), True)
        with self.assertRaisesRegex(TypeError, "^'obj' must be a model instance.$"):
            Song.objects.contains(1)

    def test_a_lookup_built_on_f_keeps_its_value_as_given(self):
        # As Django: Exact(F("plays"), 9.5) compares with 9.5, not int(9.5).
        from django.db.models.lookups import GreaterThanOrEqual

        qs = Song.objects.annotate(big=GreaterThanOrEqual(F("plays"), 9.5))
        self.assertEqual(sorted(qs.values_list("plays", "big")),
                         [(5, False), (10, True), (30, True)])
        qs = Song.objects.annotate(big=GreaterThanOrEqual(F("plays"), 10.5))
        self.assertEqual(sorted(qs.values_list("plays", "big")),
                         [(5, False), (10, False), (30, True)])

    def test_in_an_empty_list_runs_no_query(self):
        with CaptureQueries() as queries:
            self.assertEqual(list(Song.objects.filter(pk__in=[])), [])
            self.assertEqual(list(Song.objects.filter(band__in=[None])), [])
            self.assertEqual(Song.objects.filter(pk__in=()).count(), 0)
        self.assertEqual(len(queries), 0)
        self.assertEqual(Song.objects.exclude(pk__in=[]).count(), 3)

    def test_a_related_filter_refuses_another_models_instances(self):
        cases = [
            (lambda: Song.objects.filter(band=self.s1),
             'Cannot query "Waterloo": Must be "Band" instance.'),
            (lambda: Song.objects.filter(band__in=[self.abba, self.s2]),
             'Cannot query "SOS": Must be "Band" instance.'),
            (lambda: Band.objects.exclude(songs=self.abba),
             'Cannot query "ABBA": Must be "Song" instance.'),
            (lambda: Song.objects.filter(band__in=Song.objects.all()),
             'Cannot use QuerySet for "Song": Use a QuerySet for "Band".'),
        ]
        for call, message in cases:
            with self.subTest(message), self.assertRaisesRegex(
                    ValueError, "^%s$" % re.escape(message)):
                call()
        self.assertEqual(len(Song.objects.filter(band__in=Band.objects.all())), 3)

    def test_in_bulk_refuses_values(self):
        for qs in (Song.objects.values(), Song.objects.values_list()):
            with self.assertRaisesRegex(TypeError, "^in_bulk\\(\\) cannot be used "
                                        "with values\\(\\) or values_list\\(\\).$"):
                qs.in_bulk()

    def test_out_of_range_integer_matches_nothing(self):
        self.assertEqual(list(Song.objects.filter(pk=2 ** 64)), [])
        with self.assertRaises(Song.DoesNotExist):
            Song.objects.get(pk=2 ** 70)
        self.assertEqual(Song.objects.filter(plays__lt=2 ** 64).count(), 3)

    def test_values_are_bound_parameters(self):
        hostile = "x'; DROP TABLE orm_queries_song; --"
        self.assertEqual(Song.objects.filter(title=hostile).count(), 0)
        self.assertEqual(Song.objects.count(), 3)


class OrderingTests(QueryTestCase):
    def test_default_ordering_reverse_and_random(self):
        self.assertEqual([b.name for b in Band.objects.all()],
                         ["ABBA", "Queen", "Solo"])
        self.assertEqual([b.name for b in Band.objects.reverse()],
                         ["Solo", "Queen", "ABBA"])
        self.assertEqual(len(Band.objects.order_by("?")), 3)
        self.assertTrue(Band.objects.all().ordered)
        self.assertFalse(Song.objects.all().ordered)

    def test_order_by_a_transform_of_a_foreign_keys_value(self):
        # The key's column holds its target's value: the target's transforms.
        from django.db.models import IntegerField
        from django.db.models.functions import Abs
        from django.test.utils import register_lookup

        with register_lookup(IntegerField, Abs):
            qs = Song.objects.order_by("-band__abs", "title")
            self.assertEqual([s.title for s in qs],
                             ["Bohemian 50%_off", "SOS", "Waterloo"])
            self.assertIn('ORDER BY ABS("orm_queries_song"."band_id") DESC',
                          str(qs.query))

    def test_meta_ordering_changed_at_run_time_is_followed(self):
        self.assertEqual([s.title for s in Song.objects.all()][0], "Waterloo")
        saved = Song._meta.ordering
        self.addCleanup(setattr, Song._meta, "ordering", saved)
        Song._meta.ordering = ["title"]
        self.assertEqual([s.title for s in Song.objects.all()],
                         ["Bohemian 50%_off", "SOS", "Waterloo"])

    def test_order_across_relations_and_first_last(self):
        titles = [s.title for s in Song.objects.order_by("-band__name", "plays")]
        self.assertEqual(titles, ["Bohemian 50%_off", "SOS", "Waterloo"])
        self.assertEqual(Song.objects.first(), self.s1)
        self.assertEqual(Song.objects.last(), self.s3)
        self.assertEqual(Song.objects.order_by("plays").last(), self.s3)
        self.assertIsNone(Song.objects.filter(plays=0).first())


class RelatedMetaOrderingTests(DatabaseTestCase):
    """Ordering by a relation orders by the related model's Meta.ordering,
    expressions and descending terms included (checked against Django 5.2)."""

    models = [Label, Record, Node]

    def setUp(self):
        super().setUp()
        for name, rank in [("b", 1), ("A", 1), ("c", 2)]:
            label = Label.objects.create(name=name, rank=rank)
            Record.objects.create(label=label, title="x")
            Record.objects.create(label=label, title="w")

    def rows(self, queryset):
        return [(r.label.name, r.title) for r in queryset]

    def test_a_relation_orders_by_its_models_meta_ordering(self):
        self.assertEqual(self.rows(Record.objects.all()), [
            ("c", "w"), ("c", "x"), ("A", "w"), ("A", "x"), ("b", "w"), ("b", "x")])

    def test_a_descending_relation_turns_each_of_its_terms(self):
        self.assertEqual(self.rows(Record.objects.order_by("-label", "title")), [
            ("b", "w"), ("b", "x"), ("A", "w"), ("A", "x"), ("c", "w"), ("c", "x")])
        self.assertEqual(self.rows(Record.objects.reverse()), [
            ("b", "x"), ("b", "w"), ("A", "x"), ("A", "w"), ("c", "x"), ("c", "w")])

    def test_the_key_column_or_the_targets_field_orders_by_the_column(self):
        expected = [("b", "x"), ("b", "w"), ("A", "x"), ("A", "w"), ("c", "x"),
                    ("c", "w")]
        for name in ("label_id", "label__id"):
            with self.subTest(name=name):
                self.assertEqual(self.rows(Record.objects.order_by(name, "-title")),
                                 expected)

    def test_an_ordering_that_follows_itself_is_an_error(self):
        with self.assertRaisesRegex(FieldError, "^Infinite loop caused by ordering.$"):
            list(Node.objects.all())

    def test_an_unknown_name_after_a_relation_names_the_related_fields(self):
        with self.assertRaisesRegex(
                FieldError, r"^Cannot resolve keyword 'unknown' into field\. "
                r"Choices are: id, name, rank"):
            list(Record.objects.order_by("label__unknown"))


class ValuesAndAggregateTests(QueryTestCase):
    def test_values_and_values_list(self):
        rows = Song.objects.order_by("pk").values("title", "band__name")
        self.assertEqual(list(rows),
                         [{"title": "Waterloo", "band__name": "ABBA"},
                          {"title": "SOS", "band__name": "ABBA"},
                          {"title": "Bohemian 50%_off", "band__name": "Queen"}])
        self.assertEqual(list(Song.objects.order_by("plays").values_list(
            "plays", flat=True)), [5, 10, 30])
        row = Song.objects.order_by("pk").values_list("title", "plays", named=True)[0]
        self.assertEqual((row.title, row.plays), ("Waterloo", 10))
        self.assertEqual(Song.objects.values()[0]["band_id"], self.abba.pk)

    def test_aggregate(self):
        result = Song.objects.aggregate(Sum("plays"), avg=Avg("plays"),
                                        lo=Min("plays"), hi=Max("plays"))
        self.assertEqual(result, {"plays__sum": 45, "avg": 15.0, "lo": 5, "hi": 30})
        self.assertEqual(Song.objects.filter(plays=0).aggregate(n=Count("id")),
                         {"n": 0})

    def test_aggregate_over_grouped_or_sliced_query_reads_expressions(self):
        from django.db.models import Case, When

        bands = Band.objects.annotate(n=Count("songs"))
        self.assertEqual(bands.aggregate(
            many=Sum(Case(When(n__gt=1, then=1), default=0))), {"many": 1})
        self.assertEqual(bands.aggregate(plays=Sum("formed", filter=Q(n__gte=1))),
                         {"plays": 1972 + 1970})
        self.assertEqual(Song.objects.order_by("plays")[:2].aggregate(
            loud=Count("id", filter=Q(plays__gte=10))), {"loud": 1})
        self.assertEqual(Song.objects.values("band").annotate(n=Count("id")).aggregate(
            total=Sum("plays"), none=Sum("plays", filter=Q(plays__gt=99), default=0)),
            {"total": 45, "none": 0})
        self.assertEqual(Band.objects.annotate(n=Count("songs")).values("pk").aggregate(
            many=Sum(Case(When(n__gt=1, then=1)))), {"many": 1})
        self.assertEqual(Song.objects.distinct().aggregate(
            sos=Sum(Case(When(title="SOS", then="plays")))), {"sos": 5})

    def test_aggregate_filter_tests_each_joined_row(self):
        bands = Band.objects.annotate(
            others=Count("songs", filter=~Q(songs__title="SOS"))).order_by("name")
        self.assertEqual([(b.name, b.others) for b in bands],
                         [("ABBA", 1), ("Queen", 1), ("Solo", 0)])

    def test_negated_filter_on_an_annotation_named_like_a_relation(self):
        bands = Band.objects.annotate(Count("songs")).filter(
            ~(Q(formed__gt=1971) & Q(songs__count__gt=1))).order_by("name")
        self.assertEqual([b.name for b in bands], ["Queen", "Solo"])

    def test_annotate_aggregate_with_defer(self):
        band = Band.objects.annotate(plays=Sum("songs__plays")).defer("formed").get(
            name="ABBA")
        self.assertEqual((band.plays, band.formed), (15, 1972))

    def test_aggregate_of_an_aggregate_is_refused_by_name(self):
        with self.assertRaisesRegex(
                FieldError, r"^Cannot compute Sum\('n'\): 'n' is an aggregate$"):
            Band.objects.annotate(n=Count("songs")).annotate(total=Sum("n"))
        with self.assertRaisesRegex(
                FieldError, r"^Cannot compute Avg\('t'\): 't' is an aggregate$"):
            Song.objects.aggregate(t=Sum("plays"), a=Avg("t"))
        # An alias may repeat the field it aggregates.
        self.assertEqual(Song.objects.aggregate(plays=Sum("plays")), {"plays": 45})

    def test_order_by_an_aggregate_or_an_annotations_transform(self):
        with self.assertRaisesRegex(FieldError, r"^Using an aggregate in order_by\(\) "
                                    "without also including it in annotate"):
            Band.objects.order_by(Count("songs"))
        songs = Song.objects.annotate(out=F("released")).order_by("-out__year", "id")
        self.assertEqual([s.title for s in songs], ["SOS", "Bohemian 50%_off",
                                                    "Waterloo"])

    def test_a_func_marked_as_aggregate(self):
        from django.db.models import Func

        raw_sum = Func("plays", function="SUM")
        self.assertFalse(raw_sum.contains_aggregate)
        raw_sum.contains_aggregate = True
        self.assertEqual(Song.objects.aggregate(total=raw_sum), {"total": 45})

    def test_annotate_args_come_first_in_order(self):
        row = Band.objects.filter(name="ABBA").values_list("name").annotate(
            Max("songs__plays"), Count("songs"), low=Min("songs__plays")).get()
        self.assertEqual(row, ("ABBA", 10, 2, 5))

    def test_values_after_annotate_keeps_each_objects_aggregate(self):
        rows = Band.objects.annotate(n=Count("songs")).values("n").order_by("n")
        self.assertEqual([r["n"] for r in rows], [0, 1, 2])
        self.assertEqual(Band.objects.annotate(n=Count("songs")).values("n").aggregate(
            Max("n")), {"n__max": 2})

    def test_aggregate_over_no_rows_needs_no_query(self):
        from django.db.models.functions import Coalesce, ExtractYear

        self.assertEqual(Song.objects.aggregate(), {})
        with CaptureQueries() as ctx:
            result = Song.objects.none().aggregate(
                n=Count("id"), total=Sum("plays"), zero=Sum("plays", default=0),
                coalesced=Coalesce(Sum("plays"), 7))
        self.assertEqual(result, {"n": 0, "total": None, "zero": 0, "coalesced": 7})
        self.assertEqual(len(ctx), 0)
        with self.assertRaisesRegex(ValueError, "^Star cannot be used with filter"):
            Count("*", filter=Q(plays=1))
        with self.assertRaisesRegex(TypeError, "non-expression"):
            Song.objects.aggregate(models.FloatField())
        self.assertEqual(Song.objects.filter(released__isnull=False).aggregate(
            y=Min("released__year")), Song.objects.filter(
            released__isnull=False).aggregate(y=Min(ExtractYear("released"))))

    def test_annotate_count_with_filter_and_distinct(self):
        bands = Band.objects.annotate(
            n=Count("songs"), hits=Count("songs", filter=Q(songs__plays__gte=10)))
        self.assertEqual([(b.name, b.n, b.hits) for b in bands],
                         [("ABBA", 2, 1), ("Queen", 1, 1), ("Solo", 0, 0)])
        bands = Band.objects.annotate(
            reviewers=Count("songs__review__author", distinct=True))
        self.assertEqual([b.reviewers for b in bands], [2, 1, 0])

    def test_an_empty_q_filter_counts_every_row(self):
        # Django writes no FILTER clause for filter=Q() (the admin's date
        # filter facets count "Any date" so).
        self.assertEqual(Song.objects.aggregate(n=Count("id", filter=Q()),
                                                hits=Count("id", filter=Q(
                                                    plays__gte=10))),
                         {"n": 3, "hits": 2})

    def test_filter_on_annotation_uses_having(self):
        bands = Band.objects.annotate(n=Count("songs")).filter(n__gte=2)
        self.assertEqual(list(bands), [self.abba])
        self.assertEqual(bands.count(), 1)

    def test_values_annotate_groups(self):
        rows = Review.objects.values("author").annotate(total=Sum("stars")).order_by(
            "author")
        self.assertEqual(list(rows), [{"author": "Ann", "total": 9},
                                      {"author": "Bob", "total": 3}])

    def test_f_expressions_in_filter_update_and_annotate(self):
        Song.objects.filter(pk=self.s2.pk).update(plays=F("plays") + 1)
        self.assertEqual(Song.objects.get(pk=self.s2.pk).plays, 6)
        self.assertEqual(Song.objects.filter(plays__gt=F("length") * 3).count(), 2)
        song = Song.objects.annotate(double=F("plays") * 2, label=Value("x")).get(
            pk=self.s1.pk)
        self.assertEqual((song.double, song.label), (20, "x"))

    def test_expression_wrapper_and_functions(self):
        from django.db.models import ExpressionWrapper, FloatField
        from django.db.models.functions import Length, Lower

        song = Song.objects.annotate(
            ratio=ExpressionWrapper(F("plays") / F("length"),
                                    output_field=FloatField()),
            low=Lower("title"), n=Length("title")).get(pk=self.s2.pk)
        self.assertAlmostEqual(song.ratio, 5 / 3)
        self.assertEqual((song.low, song.n), ("sos", 3))

    def test_concat_takes_the_type_its_parts_agree_on(self):
        from django.db.models import CharField, TextField
        from django.db.models.functions import Concat, Replace

        # As Django: Value("...") and a CharField make a CharField, so a
        # Replace() over the Concat needs no output_field; a CharField part
        # and a TextField part do (Django's documented rule for Concat).
        song = Song.objects.annotate(
            plain=Replace(Concat(Value("Song: "), F("title")), Value("Song: "),
                          Value(""))).get(pk=self.s2.pk)
        self.assertEqual(song.plain, "SOS")
        concat = Concat(Value("x"), F("title")).resolve_expression(
            Song.objects.all().query)
        self.assertIsInstance(concat.output_field, CharField)
        with self.assertRaisesRegex(FieldError, "Expression contains mixed types"):
            Song.objects.annotate(m=Concat(F("title"), Value("x", TextField()))).get(
                pk=self.s2.pk)

    def test_set_operations(self):
        a = Song.objects.filter(plays__lt=20)
        b = Song.objects.filter(plays__gt=6)
        self.assertEqual(sorted(s.plays for s in a.union(b)), [5, 10, 30])
        self.assertEqual([s.plays for s in a.intersection(b)], [10])
        self.assertEqual([s.plays for s in a.difference(b)], [5])
        self.assertEqual([s.plays for s in a.union(b).order_by("-plays")], [30, 10, 5])


class WriteQueryTests(QueryTestCase):
    def test_get_or_create_and_update_or_create(self):
        band, created = Band.objects.get_or_create(name="ABBA")
        self.assertEqual((band, created), (self.abba, False))
        band, created = Band.objects.get_or_create(name="New", defaults={"formed": 1})
        self.assertTrue(created)
        self.assertEqual(band.formed, 1)
        band, created = Band.objects.update_or_create(name="New",
                                                      defaults={"formed": 2})
        self.assertFalse(created)
        self.assertEqual(Band.objects.get(name="New").formed, 2)

    def test_get_errors(self):
        with self.assertRaisesRegex(Band.DoesNotExist,
                                    "Band matching query does not exist."):
            Band.objects.get(name="none")
        with self.assertRaisesRegex(Song.MultipleObjectsReturned,
                                    "get\\(\\) returned more than one Song -- it "
                                    "returned 2!"):
            Song.objects.get(band=self.abba)

    def test_bulk_create_sets_primary_keys_and_bulk_update(self):
        songs = Song.objects.bulk_create(
            [Song(band=self.solo, title="t%d" % i) for i in range(5)])
        self.assertTrue(all(s.pk for s in songs))
        self.assertEqual(len({s.pk for s in songs}), 5)
        for s in songs:
            s.plays = 99
        self.assertEqual(Song.objects.bulk_update(songs, ["plays"]), 5)
        self.assertEqual(Song.objects.filter(plays=99).count(), 5)

    def test_update_returns_row_count(self):
        self.assertEqual(Song.objects.filter(band__name="ABBA").update(plays=0), 2)
        self.assertEqual(Song.objects.filter(plays=0).count(), 2)

    def test_in_bulk_and_iterator(self):
        found = Song.objects.in_bulk([self.s1.pk, self.s2.pk])
        self.assertEqual(found, {self.s1.pk: self.s1, self.s2.pk: self.s2})
        self.assertEqual(sorted(s.pk for s in Song.objects.iterator()),
                         [self.s1.pk, self.s2.pk, self.s3.pk])

    def test_raw_and_cursor(self):
        songs = list(Song.objects.raw(
            "SELECT * FROM orm_queries_song WHERE plays > %s ORDER BY id", [6]))
        self.assertEqual(songs, [self.s1, self.s3])
        self.assertEqual(songs[0].released, utc(1974, 3, 4, 10, 30))
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM orm_queries_song WHERE title = %s",
                           ["SOS"])
            self.assertEqual(cursor.fetchone(), (1,))


class RelatedLoadingTests(QueryTestCase):
    def test_select_related_uses_one_query(self):
        with CaptureQueries() as ctx:
            names = [s.band.name for s in Song.objects.select_related("band")]
        self.assertEqual(sorted(names), ["ABBA", "ABBA", "Queen"])
        self.assertEqual(len(ctx), 1)

    def test_prefetch_related_uses_one_query_per_relation(self):
        with CaptureQueries() as ctx:
            bands = list(Band.objects.prefetch_related("songs"))
            counts = [len(b.songs.all()) for b in bands]
        self.assertEqual(counts, [2, 1, 0])
        self.assertEqual(len(ctx), 2)

    def test_prefetch_after_select_related_queries_only_what_is_missing(self):
        Review.objects.create(song=self.s1, stars=5, author="x")
        with CaptureQueries() as ctx:
            reviews = list(Review.objects.select_related("song__band")
                           .prefetch_related("song__band__songs"))
            counts = [len(r.song.band.songs.all()) for r in reviews]
        self.assertEqual(len(ctx), 2)  # the reviews, then the bands' songs
        self.assertEqual(counts, [r.song.band.songs.count() for r in reviews])

    def test_sliced_prefetch_queryset_limits_each_instance(self):
        songs = Song.objects.order_by("-plays")[:1]
        bands = list(Band.objects.prefetch_related(
            models.Prefetch("songs", queryset=songs, to_attr="top")))
        self.assertEqual([[s.title for s in b.top] for b in bands],
                         [[max(b.songs.all(), key=lambda s: s.plays).title]
                          if b.songs.exists() else [] for b in bands])

    def test_prefetch_leaves_plain_values_alone_and_iterator_checks_eagerly(self):
        qs = Band.objects.prefetch_related("songs")
        self.assertEqual(sorted(qs.values_list("name", flat=True)),
                         ["ABBA", "Queen", "Solo"])
        self.assertEqual([r.name for r in qs.order_by("name").values_list(
            "name", named=True)], ["ABBA", "Queen", "Solo"])
        with self.assertRaisesRegex(ValueError, "^chunk_size must be provided"):
            qs.iterator()  # at the call, before any row is read

    def test_prefetch_equality_defers_to_other_objects(self):
        from unittest import mock

        self.assertEqual(models.Prefetch("songs"), mock.ANY)
        self.assertEqual(models.Prefetch("songs"), models.Prefetch("songs"))
        self.assertNotEqual(models.Prefetch("songs"), "songs")

    def test_reverse_manager_changes_forget_the_prefetched_set(self):
        abba = Band.objects.prefetch_related("songs").get(name="ABBA")
        self.assertEqual(len(abba.songs.all()), 2)
        abba.songs.create(title="Mamma Mia")
        self.assertEqual(len(abba.songs.all()), 3)
        abba = Band.objects.prefetch_related("songs").get(name="ABBA")
        abba.songs.add(Song.objects.get(title="Bohemian 50%_off"))
        self.assertEqual(len(abba.songs.all()), 4)

    def test_prefetched_set_all_again_reruns_the_prefetch_queryset(self):
        abba = Band.objects.prefetch_related(models.Prefetch(
            "songs", queryset=Song.objects.filter(plays__gte=10))).get(name="ABBA")
        self.assertEqual([s.title for s in abba.songs.all()], ["Waterloo"])
        self.assertEqual([s.title for s in abba.songs.all().all()], ["Waterloo"])

    def test_prefetch_forward_key_drops_the_ordering(self):
        with CaptureQueries() as ctx:
            list(Song.objects.prefetch_related("band"))
        self.assertNotIn("ORDER BY", ctx.captured_queries[1]["sql"])

    def test_prefetch_through_a_property_and_its_errors(self):
        Song.first_band = property(lambda song: song.band)
        self.addCleanup(delattr, Song, "first_band")
        songs = list(Song.objects.prefetch_related("first_band__songs"))
        self.assertEqual(len(songs[0].band.songs.all()), 2)
        with self.assertRaisesRegex(ValueError, "^'first_band' does not resolve to an "
                                    "item that supports prefetching"):
            list(Song.objects.prefetch_related("first_band"))
        with self.assertRaisesRegex(AttributeError, "^Cannot find 'nope' on Band "
                                    "object, 'band__nope' is an invalid parameter"):
            list(Song.objects.prefetch_related("band__nope"))
        with self.assertRaisesRegex(ValueError, "^to_attr=songs conflicts with a "
                                    "field on the Band model."):
            list(Band.objects.prefetch_related(models.Prefetch("songs",
                                                               to_attr="songs")))

    def test_custom_manager_and_from_queryset(self):
        class SongQuerySet(models.QuerySet):
            def popular(self):
                return self.filter(plays__gte=10)

        with define_models():
            class Track(models.Model):
                plays = models.IntegerField()
                objects = models.Manager.from_queryset(SongQuerySet)()

                class Meta:
                    app_label = "orm_queries_extra"
                    db_table = "orm_queries_song"
                    managed = False

        self.assertEqual(Track.objects.popular().count(), 2)
        self.assertEqual(Track.objects.filter(plays=5).popular().count(), 0)


class TruncTests(QueryTestCase):
    def test_trunc_month_groups_by_month(self):
        from django.db.models.functions import Trunc, TruncMonth

        rows = Song.objects.annotate(month=TruncMonth("released")).values(
            "month").annotate(n=Count("id")).order_by("month")
        self.assertEqual([(r["month"], r["n"]) for r in rows], [
            (utc(1974, 3, 1), 1), (utc(1975, 6, 1), 1), (utc(1975, 10, 1), 1)])
        song = Song.objects.annotate(y=Trunc("released", "year")).get(pk=self.s2.pk)
        self.assertEqual(song.y, utc(1975, 1, 1))


class TemplateSafetyTests(QueryTestCase):
    def test_data_changing_methods_are_marked_alters_data(self):
        for method in (Band.objects.create, Band.objects.get_or_create,
                       Band.objects.update_or_create, Band.objects.bulk_create,
                       Band.objects.all().update, Band.objects.all().delete,
                       self.abba.songs.create, self.abba.save, self.abba.delete):
            self.assertTrue(getattr(method, "alters_data", False), method)
        self.assertFalse(getattr(Band.objects.all, "alters_data", False))


class BadInputTests(QueryTestCase):
    """Values from requests that cannot be used are BadRequest (a 400)."""

    def test_non_numeric_value_for_integer_lookup(self):
        from django.core.exceptions import BadRequest

        with self.assertRaisesRegex(ValueError, "Field 'id' expected a number but got "
                                                "'abc'."):
            Song.objects.get(pk="abc")
        with self.assertRaises(BadRequest):
            Song.objects.filter(plays="1x").count()
        # Through a foreign key the message names its target, as Django's.
        with self.assertRaisesRegex(ValueError, "^Field 'id' expected a number but "
                                    "got 'abc'.$"):
            Song.objects.filter(band="abc").count()

    def test_malformed_date_is_validation_error_and_bad_request(self):
        from django.core.exceptions import BadRequest, ValidationError

        with self.assertRaises(ValidationError) as cm:
            list(Song.objects.filter(released__date="2024-13-45"))
        self.assertIsInstance(cm.exception, BadRequest)

    def test_lone_surrogate_and_nul_in_lookups(self):
        from django.core.exceptions import BadRequest
        from django.db import DataError

        with self.assertRaises(DataError) as cm:
            Song.objects.filter(title="\ud800").count()
        self.assertIsInstance(cm.exception, BadRequest)
        self.assertEqual(Song.objects.filter(title="a\x00b").count(), 0)


class QObjectTests(QueryTestCase):
    """Q's own API, as Django 5.2's (tests/queries/test_q.py)."""

    def test_combining_flattens_as_djangos_tree_does(self):
        self.assertEqual(Q(a=1) & Q(b=2), Q(a=1, b=2))
        self.assertEqual((Q(a=1) & Q(b=2)).deconstruct()[1], (("a", 1), ("b", 2)))
        self.assertEqual((Q(a=1) | Q(b=2)) & Q(c=3),
                         Q(Q(a=1) | Q(b=2), c=3))
        self.assertEqual([s.title for s in Song.objects.filter(
            (Q(plays=5) | Q(plays=30)) & Q(band=self.queen))], ["Bohemian 50%_off"])

    def test_equal_values_make_equal_hashes(self):
        self.assertEqual(Q(("pk__in", (1, 2))), Q(pk__in=[1, 2]))
        self.assertEqual(hash(Q(("pk__in", (1, 2)))),
                         hash(Q(("pk__in", {1: "a", 2: "b"}.keys()))))
        self.assertNotEqual(Q(a=1), ~Q(a=1))

    def test_flatten_and_referenced_base_fields(self):
        q = Q(plays__gt=F("length")) | Q(band__name="x")
        self.assertEqual(list(Q().flatten()), [Q()])
        self.assertEqual(list(q.flatten()), [q, F("length"), "x"])
        self.assertEqual(q.referenced_base_fields, {"plays", "length", "band"})


class CombinedQuerySetTests(QueryTestCase):
    def test_xor_of_querysets_keeps_rows_in_exactly_one(self):
        high = Song.objects.filter(plays__gte=10)
        abba = Song.objects.filter(band=self.abba)
        self.assertEqual(sorted(s.title for s in high ^ abba),
                         ["Bohemian 50%_off", "SOS"])
        self.assertEqual(sorted(s.title for s in Song.objects.all() ^ abba),
                         ["Bohemian 50%_off"])
        self.assertEqual(list(Song.objects.all() ^ Song.objects.all()), [])

    def test_operators_and_methods_refused_after_a_combinator(self):
        from django.db import NotSupportedError

        union = Song.objects.all().union(Song.objects.all())
        for operator_ in ("|", "&", "^"):
            with self.subTest(operator_), self.assertRaisesRegex(
                    TypeError, "^Cannot use \\%s operator with combined queryset.$"
                    % operator_):
                eval("union %s Song.objects.all()" % operator_)
        for method in ("alias", "defer", "only", "distinct"):
            with self.subTest(method), self.assertRaisesRegex(
                    NotSupportedError, "^Calling QuerySet.%s\\(\\) after union\\(\\) "
                    "is not supported.$" % method):
                getattr(union, method)()
        with self.assertRaisesRegex(NotSupportedError, "contains\\(\\) after union"):
            union.contains(self.s1)


class XorTests(QueryTestCase):
    def test_xor_matches_odd_number_of_conditions(self):
        qs = Song.objects.filter(Q(plays__gte=10) ^ Q(band__name="ABBA"))
        self.assertEqual(sorted(s.title for s in qs), ["Bohemian 50%_off", "SOS"])


class SubqueryAndCaseTests(QueryTestCase):
    def test_subquery_with_outer_ref_and_exists(self):
        from django.db.models import Exists, OuterRef, Subquery

        top = Song.objects.filter(band=OuterRef("pk")).order_by("-plays")
        bands = Band.objects.annotate(top=Subquery(top.values("title")[:1]),
                                      has=Exists(Song.objects.filter(
                                          band=OuterRef("pk"))))
        self.assertEqual([(b.name, b.top, b.has) for b in bands],
                         [("ABBA", "Waterloo", True),
                          ("Queen", "Bohemian 50%_off", True), ("Solo", None, False)])
        self.assertEqual(list(Band.objects.filter(~Exists(Song.objects.filter(
            band=OuterRef("pk"))))), [self.solo])

    def test_case_when(self):
        from django.db.models import Case, CharField, When

        songs = Song.objects.annotate(size=Case(
            When(plays__gte=20, then=Value("big")), When(plays__gte=10, then=Value(
                "mid")), default=Value("small"), output_field=CharField())).order_by(
            "plays")
        self.assertEqual([s.size for s in songs], ["small", "mid", "big"])


class FastPathErrorTests(QueryTestCase):
    def test_get_by_pk_on_missing_table_raises_django_error(self):
        from django.db import OperationalError

        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE orm_queries_review")
        with self.assertRaisesRegex(OperationalError, "no such table"):
            Review.objects.get(pk=1)


class ExtraTests(QueryTestCase):
    """QuerySet.extra(): the application's SQL, its values bound, its names
    checked and quoted (Django's behaviour; values checked with Django 5.2)."""

    def test_select_columns_with_their_params_become_attributes_and_values(self):
        qs = Song.objects.extra(select={"double": "plays * %s", "one": "1"},
                                select_params=(2,)).order_by("plays")
        self.assertEqual([(s.title, s.double, s.one) for s in qs],
                         [("SOS", 10, 1), ("Waterloo", 20, 1),
                          ("Bohemian 50%_off", 60, 1)])
        self.assertEqual(list(qs.values_list("double", "title")),
                         [(10, "SOS"), (20, "Waterloo"), (60, "Bohemian 50%_off")])
        self.assertEqual(qs.values("title", "double")[0],
                         {"title": "SOS", "double": 10})

    def test_values_without_names_put_extra_columns_first(self):
        qs = Band.objects.extra(select={"x": "1"}).annotate(n=Count("songs"))
        self.assertEqual(list(qs.values()[0]), ["x", "id", "name", "formed", "n"])

    def test_a_doubled_percent_is_one_percent(self):
        song = Song.objects.extra(select={"t": "'%%s bar'"}).first()
        self.assertEqual(song.t, "%s bar")

    def test_where_conditions_are_anded_with_bound_params(self):
        qs = Song.objects.extra(where=["plays > %s", "title <> %s"],
                                params=[6, "SOS"]).order_by("plays")
        self.assertEqual([s.title for s in qs], ["Waterloo", "Bohemian 50%_off"])
        self.assertEqual(qs.filter(band=self.queen).count(), 1)

    def test_order_by_a_select_name_then_order_by_replaces_it(self):
        qs = Song.objects.extra(select={"neg": "-plays"}, order_by=["neg"])
        self.assertEqual([s.title for s in qs],
                         ["Bohemian 50%_off", "Waterloo", "SOS"])
        self.assertTrue(qs.ordered)
        self.assertEqual([s.title for s in qs.order_by("plays")],
                         ["SOS", "Waterloo", "Bohemian 50%_off"])

    def test_tables_and_table_dot_column_ordering_are_quoted(self):
        qs = Song.objects.extra(tables=["orm_queries_band"],
                                where=['"orm_queries_band"."id" = band_id'],
                                order_by=["-orm_queries_band.name", "plays"])
        self.assertEqual([s.title for s in qs],
                         ["Bohemian 50%_off", "SOS", "Waterloo"])
        self.assertIn('FROM "orm_queries_song", "orm_queries_band"', str(qs.query))

    def test_a_select_name_that_could_end_the_identifier_is_refused(self):
        msg = ("Column aliases cannot contain whitespace characters, hashes, "
               "control characters, quotation marks, semicolons, or SQL comments.")
        for alias in ['x" FROM "orm_queries_song"; --', "a b", "a\x00", "a--b"]:
            with self.subTest(alias=alias), \
                    self.assertRaisesRegex(ValueError, re.escape(msg)):
                Song.objects.extra(select={alias: "1"})

    def test_after_a_slice_it_is_refused(self):
        msg = "Cannot change a query once a slice has been taken."
        with self.assertRaisesRegex(TypeError, re.escape(msg)):
            Song.objects.all()[:1].extra(select={"a": "1"})

    def test_count_and_aggregate_over_extra(self):
        qs = Song.objects.extra(select={"a": "%s"}, select_params=(1,))
        self.assertEqual(qs.count(), 3)
        self.assertEqual(qs.filter(plays__gt=5).count(), 2)


class AggregateFilteredWriteTests(QueryTestCase):
    """delete() of a queryset filtered on an aggregate deletes the rows the
    queryset holds (by primary key), never the rows of the filter's other
    conditions alone."""

    def test_delete_filtered_on_an_aggregate_deletes_only_those_rows(self):
        # Each band is its own group: no band has two names.
        Band.objects.annotate(n=Count("name")).filter(n=2, formed__gt=0).delete()
        self.assertEqual(Band.objects.count(), 3)
        Band.objects.annotate(n=Count("songs")).filter(n=2).delete()
        self.assertEqual(sorted(Band.objects.values_list("name", flat=True)),
                         ["Queen", "Solo"])


class IteratorTests(QueryTestCase):
    def test_iterator_reads_the_cursor_a_chunk_at_a_time(self):
        from unittest import mock

        # Django's path: the alias sets the name wherever djscratch's code
        # reads it (the single file, or each package module that holds it).
        with mock.patch("django.db.models.sql.compiler.cursor_iter",
                        side_effect=djscratch.cursor_iter) as spy:
            songs = Song.objects.order_by("plays").iterator(chunk_size=2)
            self.assertEqual(next(songs).plays, 5)
            self.assertEqual(spy.call_args[0][3], 2)
            self.assertEqual([s.plays for s in songs], [10, 30])
            self.assertEqual(next(Song.objects.iterator()).title is not None, True)
            self.assertEqual(spy.call_args[0][3], 2000)  # Django's default
