"""Model-level API as Django 5.2 has it: Meta.order_with_respect_to, the
_meta API, managers, related managers and caches, deferred fields and
update_fields (behaviour checked against Django 5.2's own tests)."""

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import connection, models
from django.db.models import DEFERRED, Q
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.utils.deprecation import RemovedInDjango60Warning

from tests.orm_support import CaptureQueries
from tests.orm_support import DatabaseTestCase, define_models  # noqa: I001

with define_models():

    class Memo(models.Model):
        """Model.from_db() as Django's documentation overrides it."""

        title = models.CharField(max_length=20)
        body = models.TextField(default="")

        class Meta:
            app_label = "orm_model_api"

        @classmethod
        def from_db(cls, db, field_names, values):
            if len(values) != len(cls._meta.concrete_fields):
                values = list(values)
                values.reverse()
                values = [values.pop() if f.attname in field_names else DEFERRED
                          for f in cls._meta.concrete_fields]
            instance = cls(*values)
            instance._state.adding = False
            instance._state.db = db
            instance._loaded_values = dict(zip(field_names, values))
            return instance


class DeferredMarkTests(DatabaseTestCase):
    models = [Memo]

    def setUp(self):
        super().setUp()
        Memo.objects.create(title="t", body="long text")

    def test_the_mark_reads_as_djangos(self):
        self.assertEqual(repr(DEFERRED), "<Deferred field>")
        self.assertEqual(str(DEFERRED), "<Deferred field>")

    def test_a_positional_deferred_value_leaves_the_field_to_load(self):
        memo = Memo.objects.only("title").get()
        self.assertEqual(memo.get_deferred_fields(), {"body"})
        self.assertEqual(memo.body, "long text")  # loaded on access

    def test_a_keyword_deferred_value_leaves_the_field_unset(self):
        memo = Memo(title="x", body=DEFERRED)
        self.assertEqual(memo.get_deferred_fields(), {"body"})
        self.assertNotIn("body", memo.__dict__)


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


    class FunManager(models.Manager):
        def get_queryset(self):
            return super().get_queryset().filter(fun=True)

    class Book(models.Model):
        title = models.CharField(max_length=50)

        class Meta:
            app_label = "orm_model_api"

    class Reader(models.Model):
        name = models.CharField(max_length=50)
        fun = models.BooleanField(default=False)
        book = models.ForeignKey(Book, models.SET_NULL, null=True,
                                 related_name="readers")
        books = models.ManyToManyField(Book, related_name="fans")

        objects = FunManager()
        all_readers = models.Manager()

        class Meta:
            app_label = "orm_model_api"
            base_manager_name = "all_readers"


    class Note(models.Model):
        title = models.CharField(max_length=50)
        body = models.CharField(max_length=50, default="")

        class Meta:
            app_label = "orm_model_api"

    class CheckedNote(Note):
        class Meta:
            proxy = True
            select_on_save = True
            app_label = "orm_model_api"


    class TeamManager(models.Manager):
        def create(self, *, sponsor=None, **kwargs):
            # A custom create() the related manager must go through.
            return super().create(**kwargs)

    class Club(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "orm_model_api"

    class Team(models.Model):
        name = models.CharField(max_length=50)
        club = models.ForeignKey(Club, models.CASCADE)

        objects = TeamManager()

        class Meta:
            app_label = "orm_model_api"

    class Kit(models.Model):
        team = models.OneToOneField(Team, models.CASCADE)

        class Meta:
            app_label = "orm_model_api"


    class Titled(models.Model):
        title = models.CharField(max_length=50)

        class Meta:
            abstract = True
            app_label = "orm_model_api"

        @property
        def shout(self):
            return self.title.upper()


    class Car(models.Model):
        make = models.CharField(max_length=20, unique=True, null=True)
        drivers = models.ManyToManyField("Driver", through="CarDriver")

        class Meta:
            app_label = "orm_model_api"

    class Driver(models.Model):
        name = models.CharField(max_length=20, unique=True, null=True)

        class Meta:
            app_label = "orm_model_api"
            ordering = ["name"]

    class CarDriver(models.Model):
        car = models.ForeignKey(Car, models.CASCADE, to_field="make")
        driver = models.ForeignKey(Driver, models.CASCADE, to_field="name")

        class Meta:
            app_label = "orm_model_api"


    class Greeting:
        def __init__(self):
            self.greeting = "hi"
            super().__init__()

    class Greeter(models.Model, Greeting):
        class Meta:
            app_label = "orm_model_api"

    class Venue(models.Model):
        club = models.ForeignKey(Club, models.CASCADE)

        class Meta:
            app_label = "orm_model_api"

    class Stadium(Venue):
        seats = models.IntegerField(default=0)

        class Meta:
            app_label = "orm_model_api"


    class HiddenManagers(models.Model):
        hidden = FunManager()

        class Meta:
            abstract = True
            app_label = "orm_model_api"

    class ProxyTeam(Team, HiddenManagers):
        class Meta:
            proxy = True
            app_label = "orm_model_api"


    class Badge(models.Model):
        team = models.ForeignKey(ProxyTeam, models.CASCADE)

        class Meta:
            app_label = "orm_model_api"


    class Pitch(models.Model):
        size = models.IntegerField(default=0)
        code = models.CharField(max_length=10, unique=True, null=True)

        class Meta:
            app_label = "orm_model_api"

    class Match(models.Model):
        home = models.ForeignKey(Pitch, models.CASCADE, related_name="+")
        away = models.ForeignKey(Pitch, models.CASCADE, to_field="code",
                                 related_name="away_matches", null=True)

        class Meta:
            app_label = "orm_model_api"

    class Goal(models.Model):
        match = models.ForeignKey(Match, models.CASCADE)

        class Meta:
            app_label = "orm_model_api"

    class Booking(models.Model):
        first = models.ForeignKey(Pitch, models.CASCADE, related_name="+")
        second = models.ForeignKey(Pitch, models.CASCADE, related_name="+")

        class Meta:
            app_label = "orm_model_api"


    class Reading(models.Model):
        class Meta:
            app_label = "orm_model_api"

    class Shelf(models.Model):
        readings = models.ManyToManyField(Reading)
        first = models.ForeignKey(Reading, models.CASCADE)

        class Meta:
            abstract = True
            app_label = "orm_model_api"
            default_related_name = "%(app_label)s_%(model_name)ss"

    class BookShelf(Shelf):
        class Meta(Shelf.Meta):
            pass


    class Language(models.Model):
        code = models.CharField(max_length=5, primary_key=True, db_default="en")

        class Meta:
            app_label = "orm_model_api"


    from django.contrib.contenttypes.fields import (
        GenericForeignKey, GenericRelation,
    )
    from django.contrib.contenttypes.models import ContentType

    class Tag(models.Model):
        content_type = models.ForeignKey(ContentType, models.CASCADE)
        object_id = models.PositiveIntegerField()
        content_object = GenericForeignKey()

        class Meta:
            app_label = "orm_model_api"

    class Tagged(models.Model):
        tags = GenericRelation(Tag)

        class Meta:
            app_label = "orm_model_api"


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


class RelatedManagerTests(DatabaseTestCase):
    models = [Book, Reader, Reader.books.through]

    def setUp(self):
        super().setUp()
        self.book = Book.objects.create(title="B")
        self.fun = Reader.objects.create(name="fun", fun=True, book=self.book)
        self.dull = Reader.objects.create(name="dull", book=self.book)
        self.book.fans.add(self.fun, self.dull)

    def names(self, queryset):
        return sorted(r.name for r in queryset)

    def test_related_manager_uses_the_default_manager(self):
        self.assertEqual(self.names(self.book.readers.all()), ["fun"])
        self.assertEqual(self.names(self.book.fans.all()), ["fun"])

    def test_calling_the_related_manager_picks_another_manager(self):
        readers = self.book.readers(manager="all_readers")
        self.assertEqual(self.names(readers.all()), ["dull", "fun"])
        fans = self.book.fans(manager="all_readers")
        self.assertEqual(self.names(fans.all()), ["dull", "fun"])

    def test_clear_leaves_what_the_manager_hides(self):
        self.book.readers.clear()
        self.assertEqual(self.names(Reader.all_readers.filter(book=self.book)),
                         ["dull"])
        self.book.fans.clear()
        self.assertEqual(self.names(self.book.fans(manager="all_readers").all()),
                         ["dull"])

    def test_remove_leaves_what_the_manager_hides(self):
        self.book.readers.remove(self.dull)
        self.assertEqual(self.names(Reader.all_readers.filter(book=self.book)),
                         ["dull", "fun"])
        self.book.fans.remove(self.dull)
        self.assertEqual(self.names(self.book.fans(manager="all_readers").all()),
                         ["dull", "fun"])
        self.book.fans(manager="all_readers").remove(self.dull)
        self.assertEqual(self.names(self.book.fans(manager="all_readers").all()),
                         ["fun"])


class ManagerApiTests(DatabaseTestCase):
    models = [Book]

    def test_deconstruct_names_djangos_path(self):
        self.assertEqual(models.Manager().deconstruct(),
                         (False, "django.db.models.manager.Manager", None, (), {}))

    def test_deconstruct_refuses_an_unreachable_generated_class(self):
        manager = models.Manager.from_queryset(models.QuerySet, "Gone")()
        with self.assertRaisesRegex(ValueError, "Could not find manager Gone"):
            manager.deconstruct()

    def test_as_manager_deconstructs_to_its_queryset(self):
        class ShelfQuerySet(models.QuerySet):
            pass

        as_manager, _path, qs_path, _args, _kwargs = \
            ShelfQuerySet.as_manager().deconstruct()
        self.assertTrue(as_manager)
        self.assertTrue(qs_path.endswith(".ShelfQuerySet"))

    def test_manager_get_has_querysets_doc(self):
        self.assertEqual(Book.objects.get.__doc__, models.QuerySet.get.__doc__)

    def test_insert_returns_the_returning_fields(self):
        title = Book._meta.get_field("title")
        rows = Book.objects._insert([Book(title="x"), Book(title="y")], [title],
                                    returning_fields=[Book._meta.pk])
        self.assertEqual(len(rows), 2)
        self.assertEqual(sorted(Book.objects.values_list("title", flat=True)),
                         ["x", "y"])


class SaveTests(DatabaseTestCase):
    models = [Note]

    def setUp(self):
        super().setUp()
        self.note = Note.objects.create(title="t", body="b")

    def updates(self, queries):
        return [q["sql"] for q in queries.captured_queries
                if q["sql"].startswith(("UPDATE", "SELECT"))]

    def test_positional_arguments_warn_and_still_work(self):
        with self.assertWarnsRegex(RemovedInDjango60Warning,
                                   "Passing positional arguments to save"):
            self.note.save(False, False, None, ["title"])

    def test_positional_and_keyword_argument_clash(self):
        with self.assertWarns(RemovedInDjango60Warning), self.assertRaisesRegex(
                TypeError, "got multiple values for argument 'force_insert'"):
            self.note.save(False, force_insert=True)

    def test_too_many_positional_arguments(self):
        with self.assertWarns(RemovedInDjango60Warning), self.assertRaisesRegex(
                TypeError, "takes from 1 to 5 positional arguments but 6"):
            self.note.save(False, False, None, None, None)

    def test_deferred_instance_saves_only_loaded_fields(self):
        note = Note.objects.only("title").get(pk=self.note.pk)
        note.title = "new"
        with CaptureQueries() as queries:
            note.save()
        self.assertEqual(len(self.updates(queries)), 1)
        self.assertNotIn("body", self.updates(queries)[0])
        self.assertEqual(Note.objects.get(pk=note.pk).body, "b")

    def test_update_fields_may_not_name_the_primary_key(self):
        with self.assertRaisesRegex(ValueError, "primary keys"):
            self.note.save(update_fields=["id"])

    def test_select_on_save_checks_the_row_first(self):
        note = CheckedNote.objects.get(pk=self.note.pk)
        with CaptureQueries() as queries:
            note.save()
        self.assertEqual([sql.split()[0] for sql in self.updates(queries)],
                         ["SELECT", "UPDATE"])
        with CaptureQueries() as queries:
            note.save(force_update=True)
        self.assertEqual(len(self.updates(queries)), 1)


class KnownRelatedObjectsTests(DatabaseTestCase):
    models = [Club, Team, Kit]

    def setUp(self):
        super().setUp()
        self.club = Club.objects.create(name="c")
        self.other = Club.objects.create(name="o")
        self.team = Team.objects.create(name="t", club=self.club)
        Team.objects.create(name="u", club=self.other)
        self.kit = Kit.objects.create(team=self.team)

    def test_related_manager_rows_know_their_instance(self):
        team = self.club.team_set.all()[0]
        with CaptureQueries() as queries:
            self.assertIs(team.club, self.club)
        self.assertEqual(len(queries), 0)

    def test_combined_querysets_keep_both_known_objects(self):
        teams = self.club.team_set.all() | self.other.team_set.all()
        with CaptureQueries() as queries:
            clubs = {team.name: team.club for team in teams}
        self.assertEqual(len(queries), 1)
        self.assertIs(clubs["t"], self.club)
        self.assertIs(clubs["u"], self.other)

    def test_select_related_one_to_one_points_back(self):
        kit = Kit.objects.select_related("team").get(pk=self.kit.pk)
        with CaptureQueries() as queries:
            self.assertIs(kit.team.kit, kit)
        self.assertEqual(len(queries), 0)

    def test_prefetch_related_one_to_one_points_back(self):
        kit = Kit.objects.prefetch_related("team").get(pk=self.kit.pk)
        with CaptureQueries() as queries:
            self.assertIs(kit.team.kit, kit)
        self.assertEqual(len(queries), 0)


class OptionsTests(DatabaseTestCase):
    models = [Club, Team, Kit]

    def test_get_fields_is_immutable(self):
        fields = Team._meta.get_fields()
        with self.assertRaisesRegex(AttributeError, "should never be mutated"):
            fields += ("x",)

    def test_property_names(self):
        self.assertEqual(Titled._meta._property_names, frozenset(["pk", "shout"]))

    def test_abstract_model_has_a_label_and_cannot_be_instantiated(self):
        self.assertEqual(Titled._meta.label, "orm_model_api.Titled")
        with self.assertRaisesRegex(TypeError, "Abstract models cannot be"):
            Titled()

    def test_relation_tree_lists_the_fields_pointing_here(self):
        self.assertIn(Team._meta.get_field("club"), Club._meta._relation_tree)
        self.assertIn(Kit._meta.get_field("team"), Team._meta._relation_tree)


class RelatedDescriptorTests(DatabaseTestCase):
    models = [Club, Team, Kit]

    def setUp(self):
        super().setUp()
        self.club = Club.objects.create(name="c")
        self.team = Team.objects.create(name="t", club=self.club)
        self.kit = Kit.objects.create(team=self.team)

    def test_create_refuses_a_reverse_one_to_one(self):
        with self.assertRaisesRegex(ValueError,
                                    "The following fields do not exist in this "
                                    "model: kit"):
            Team.objects.create(name="x", club=self.club, kit=self.kit)

    def test_setting_the_key_forgets_the_cached_object(self):
        other = Club.objects.create(name="o")
        team = Team.objects.get(pk=self.team.pk)
        self.assertEqual(team.club, self.club)
        team.club_id = other.pk
        self.assertEqual(team.club, other)

    def test_unsetting_a_one_to_one_caches_none_on_the_other_side(self):
        self.assertEqual(self.team.kit, self.kit)
        self.kit.team = None
        with CaptureQueries() as queries, self.assertRaises(Kit.DoesNotExist):
            self.team.kit  # noqa: B018
        self.assertEqual(len(queries), 0)

    def test_non_null_key_manager_has_no_remove_or_clear(self):
        self.assertFalse(hasattr(self.club.team_set, "remove"))
        self.assertFalse(hasattr(self.club.team_set, "clear"))

    def test_manager_of_an_unsaved_instance_refuses_reads(self):
        manager = Club(name="new").team_set
        self.assertIs(manager.model, Team)
        with self.assertRaisesRegex(ValueError, "needs to have a primary key"):
            manager.count()

    def test_accessor_name(self):
        self.assertEqual(Team._meta.get_field("club").remote_field.accessor_name,
                         "team_set")

    def test_get_prefetch_querysets(self):
        clubs = list(Club.objects.all())
        queryset, rel_attr, instance_attr, single, cache_name, is_descriptor = \
            self.club.team_set.get_prefetch_querysets(clubs)
        self.assertEqual([rel_attr(t) for t in queryset], [(self.club.pk,)])
        self.assertEqual((single, cache_name, is_descriptor),
                         (False, "team_set", False))
        with self.assertRaisesRegex(ValueError, "should have a length of 1"):
            Team.club.get_prefetch_querysets(
                [self.team], [Club.objects.all(), Club.objects.all()])
        queryset, *_rest = Team.kit.get_prefetch_querysets([self.team])
        self.assertEqual(list(queryset), [self.kit])

    def test_get_prefetch_queryset_is_deprecated(self):
        with self.assertWarnsRegex(RemovedInDjango60Warning, "get_prefetch_querysets"):
            Team.club.get_prefetch_queryset([self.team])


class ManyToManyToFieldTests(DatabaseTestCase):
    models = [Car, Driver, CarDriver, Book, Reader, Reader.books.through]

    def setUp(self):
        super().setUp()
        # Keys that differ from the to_field values' rows on purpose.
        Car.objects.create(make="Trabant")
        self.car = Car.objects.create(make="Toyota")
        Driver.objects.create(name="Barney")
        self.driver = Driver.objects.create(name="Ryan")
        CarDriver.objects.create(car=self.car, driver=self.driver)

    def test_both_sides_follow_the_to_fields(self):
        self.assertEqual(list(self.car.drivers.all()), [self.driver])
        self.assertEqual(list(self.driver.car_set.all()), [self.car])

    def test_add_and_remove_items_use_the_to_field_values(self):
        barney = Driver.objects.get(name="Barney")
        self.car.drivers._add_items("car", "driver", barney)
        self.assertEqual(list(self.car.drivers.all()), [barney, self.driver])
        self.car.drivers._remove_items("car", "driver", self.driver)
        self.assertEqual(list(self.car.drivers.all()), [barney])

    def test_unusable_without_the_to_field_value_or_a_key(self):
        with self.assertRaisesRegex(ValueError, 'needs to have a value for field '
                                                '"make"'):
            Car(make=None).drivers.all()
        with self.assertRaisesRegex(ValueError, "'Car' instance needs to have a "
                                                "primary key value"):
            Car(make="Ford").drivers.all()

    def test_adding_an_object_without_the_value_is_refused(self):
        nameless = Driver.objects.create(name=None)
        with self.assertRaisesRegex(ValueError, 'the value for field "driver" is '
                                                "None"):
            self.car.drivers._add_items("car", "driver", nameless)

    def test_add_of_a_wrong_value_type(self):
        book = Book.objects.create(title="b")
        with self.assertRaisesRegex(ValueError, "Field 'id' expected a number"):
            book.fans.add("invalid")

    def test_update_or_create_links_what_it_creates(self):
        book = Book.objects.create(title="b")
        reader, created = book.fans.update_or_create(name="r", defaults={"fun": True})
        self.assertTrue(created)
        self.assertEqual(list(book.fans.all()), [reader])
        reader, created = book.fans.update_or_create(name="r",
                                                     defaults={"fun": True})
        self.assertFalse(created)


class XmlFixtureBytesTests(DatabaseTestCase):
    models = [Club]

    def test_xml_deserializer_reads_bytes(self):
        from django.core import serializers

        data = (b'<?xml version="1.0" encoding="utf-8"?>'
                b'<django-objects version="1.0"></django-objects>')
        self.assertEqual(list(serializers.deserialize("xml", data)), [])


class RelatedManagerWritesTests(DatabaseTestCase):
    models = [Club, Team, Kit]

    def test_create_goes_through_the_managers_create(self):
        club = Club.objects.create(name="c")
        team = club.team_set.create(name="t", sponsor="ACME")
        self.assertEqual(team.club, club)
        self.assertEqual(list(club.team_set.all()), [team])

    def test_select_related_objects_keep_the_default_database_state(self):
        club = Club.objects.create(name="c")
        Team.objects.create(name="t", club=club)
        team = Team.objects.select_related("club").get()
        self.assertEqual(team.club._state.db, "default")
        self.assertFalse(team.club._state.adding)


class DeferTests(DatabaseTestCase):
    models = [Club, Team, Kit]

    def setUp(self):
        super().setUp()
        self.club = Club.objects.create(name="c")
        self.team = Team.objects.create(name="t", club=self.club)

    def deferred(self, queryset):
        return queryset[0].get_deferred_fields()

    def test_only_after_defer_and_defer_after_only(self):
        qs = Team.objects.all()
        self.assertEqual(self.deferred(qs.defer("name").only("name", "club")),
                         {"name"})
        self.assertEqual(self.deferred(qs.only("name").defer("name")), set())
        self.assertEqual(self.deferred(qs.defer("name").only("name")), set())

    def test_only_of_a_related_field_keeps_the_key(self):
        self.assertEqual(self.deferred(Team.objects.only("club__name")), {"name"})

    def test_deferring_fields_of_a_select_related_object(self):
        team = Team.objects.select_related("club").defer("club__name")[0]
        self.assertEqual(team.club.get_deferred_fields(), {"name"})
        self.assertEqual(team.club.name, "c")

    def test_a_deferred_key_cannot_be_traversed(self):
        with self.assertRaisesRegex(FieldError, "Field Team.club cannot be both "
                                                "deferred and traversed"):
            list(Team.objects.defer("club").select_related("club"))

    def test_invalid_names(self):
        with self.assertRaisesRegex(FieldDoesNotExist, "Club has no field named "
                                                       "'missing'"):
            list(Team.objects.defer("club__missing"))
        with self.assertRaisesRegex(FieldError, "missing"):
            list(Team.objects.defer("name__missing"))


class SchemaIndexTests(DatabaseTestCase):
    models = [Club]

    def test_index_names_match_djangos(self):
        # Expected values printed by Django 5.2's schema editor on SQLite.
        editor = connection.schema_editor()
        self.assertEqual(editor._create_index_name("orm_model_api_club", ["name"],
                                                   suffix="_x"),
                         "orm_model_api_club_name_df9c4928_x")
        self.assertEqual(
            editor._create_index_name("orm_model_api_club",
                                      ["c1", "c2", "l" + "o" * 300 + "ng"],
                                      suffix="ix"),
            "orm_model_api_club_c1_c2_" + "l" + "o" * 87 + "_400f4951ix")

    def test_add_and_remove_an_index_with_a_condition(self):
        index = models.Index(fields=["-name"], name="club_name_idx",
                             condition=Q(name__startswith="a") & Q(pk__gt=1))
        with connection.schema_editor() as editor:
            sql = str(index.create_sql(Club, editor))
            self.assertIn('("name" DESC) WHERE (', sql)
            editor.add_index(Club, index)
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(
                cursor, Club._meta.db_table)
        self.assertEqual(constraints["club_name_idx"]["columns"], ["name"])
        self.assertEqual(constraints["club_name_idx"]["orders"], ["DESC"])
        self.assertEqual(constraints["__primary__"]["columns"], ["id"])
        with connection.schema_editor() as editor:
            editor.remove_index(Club, index)
        with connection.cursor() as cursor:
            self.assertNotIn("club_name_idx", connection.introspection.get_constraints(
                cursor, Club._meta.db_table))


class InheritanceTests(DatabaseTestCase):
    models = [Club, Greeter, Venue, Stadium, Book, Reader, Reader.books.through]

    def test_a_mixins_init_runs(self):
        self.assertEqual(Greeter().greeting, "hi")
        self.assertEqual(Greeter(id=3).greeting, "hi")

    def test_walking_down_reuses_the_parents_related_object(self):
        club = Club.objects.create(name="c")
        Stadium.objects.create(club=club)
        venue = Venue.objects.get()
        self.assertEqual(venue.club, club)
        stadium = venue.stadium
        with CaptureQueries() as queries:
            self.assertIs(stadium.club, venue.club)
        self.assertEqual(len(queries), 0)

    def test_many_related_manager_related_val_is_a_tuple(self):
        book = Book.objects.create(title="b")
        self.assertEqual(book.fans.related_val, (book.pk,))


class ManagerInheritanceTests(DatabaseTestCase):
    models = [Club, Team, Badge]

    def test_a_concrete_parents_manager_comes_before_an_abstract_mixins(self):
        self.assertIsInstance(ProxyTeam._default_manager, TeamManager)
        self.assertIs(ProxyTeam.hidden.model, ProxyTeam)
        self.assertIsInstance(ProxyTeam.hidden, FunManager)

    def test_a_key_to_a_proxy_takes_an_instance_of_the_concrete_model(self):
        club = Club.objects.create(name="c")
        team = Team.objects.create(name="t", club=club)
        badge = Badge.objects.create(team=team)
        self.assertEqual(Badge.objects.get(team=team), badge)


class DeletionTests(DatabaseTestCase):
    models = [Club, Venue, Stadium, Pitch, Match, Goal, Booking]

    def sqls(self, queries):
        return [q["sql"] for q in queries.captured_queries
                if q["sql"].startswith(("SELECT", "DELETE"))]

    def test_keys_to_one_model_go_in_one_fast_delete(self):
        pitch = Pitch.objects.create(code="p")
        other = Pitch.objects.create(code="q")
        Booking.objects.create(first=pitch, second=other)
        Booking.objects.create(first=other, second=pitch)
        with CaptureQueries() as queries:
            pitch.delete()
        sqls = self.sqls(queries)
        bookings = [sql for sql in sqls if "orm_model_api_booking" in sql]
        self.assertEqual(len(bookings), 1, sqls)
        self.assertIn(" OR ", bookings[0])
        self.assertFalse(Booking.objects.exists())

    def test_a_cascade_loads_only_the_referenced_fields(self):
        pitch = Pitch.objects.create(code="p")
        Match.objects.create(home=pitch)
        with CaptureQueries() as queries:
            pitch.delete()
        select = self.sqls(queries)[0]
        self.assertTrue(select.startswith('SELECT "orm_model_api_match"."id" FROM'),
                        select)
        self.assertFalse(Match.objects.exists())

    def test_rows_are_deleted_100_per_statement(self):
        pitch = Pitch.objects.create(code="p")
        Match.objects.bulk_create([Match(home=pitch) for _ in range(250)])
        with CaptureQueries() as queries:
            pitch.delete()
        deletes = [sql for sql in self.sqls(queries)
                   if sql.startswith('DELETE FROM "orm_model_api_match"')]
        self.assertEqual(len(deletes), 3)
        self.assertFalse(Match.objects.exists())

    def test_a_childs_parent_is_deleted_without_a_query_for_it(self):
        club = Club.objects.create(name="c")
        stadium = Stadium.objects.create(club=club)
        with CaptureQueries() as queries:
            stadium.delete()
        self.assertEqual([sql.split()[0] for sql in self.sqls(queries)],
                         ["DELETE", "DELETE"])
        self.assertFalse(Venue.objects.exists())


class DeferredKeyTests(DatabaseTestCase):
    models = [Club, Team]

    def setUp(self):
        super().setUp()
        self.club = Club.objects.create(name="c")
        Team.objects.create(name="t", club=self.club)

    def test_a_deferred_key_is_loaded_to_follow_the_relation(self):
        team = Team.objects.only("name").get()
        self.assertEqual(team.club, self.club)

    def test_select_related_of_everything_follows_a_deferred_key(self):
        with CaptureQueries() as queries:
            team = Team.objects.defer("club").select_related()[0]
            self.assertEqual(team.get_deferred_fields(), {"club_id"})
            self.assertEqual(team.club.name, "c")
        self.assertEqual(len(queries), 1)

    def test_select_related_of_a_plain_field_lists_the_choices(self):
        with self.assertRaisesRegex(FieldError, "Choices are: club, kit$"):
            list(Team.objects.select_related("name"))
        with self.assertRaisesRegex(FieldError, r"Choices are: \(none\)$"):
            list(Club.objects.select_related("name"))


class DeletionSignalOrderTests(DatabaseTestCase):
    models = [Club, Team, Kit, Venue, Stadium, Badge]

    def test_post_delete_runs_in_reverse_key_order(self):
        from django.db.models.signals import post_delete, pre_delete

        club = Club.objects.create(name="c")
        first = Team.objects.create(name="a", club=club)
        second = Team.objects.create(name="b", club=club)
        seen = []

        def record(sender, instance, **kwargs):
            seen.append((kwargs["signal"] is pre_delete, instance.pk))

        pre_delete.connect(record, sender=Team)
        post_delete.connect(record, sender=Team)
        try:
            club.delete()
        finally:
            pre_delete.disconnect(record, sender=Team)
            post_delete.disconnect(record, sender=Team)
        self.assertEqual(seen, [(True, first.pk), (True, second.pk),
                                (False, second.pk), (False, first.pk)])


class GenericPrefetchTests(DatabaseTestCase):
    models = [Club]

    def test_a_raw_queryset_is_refused(self):
        from django.contrib.contenttypes.prefetch import GenericPrefetch

        with self.assertRaisesRegex(ValueError, "cannot use raw"):
            GenericPrefetch("content_object",
                            [Club.objects.raw("SELECT id FROM orm_model_api_club")])


class MetaOptionTests(DatabaseTestCase):
    models = [Reading, BookShelf, BookShelf.readings.through]

    def test_default_related_name_names_both_kinds_of_relation(self):
        reading = Reading.objects.create()
        shelf = BookShelf.objects.create(first=reading)
        shelf.readings.add(reading)
        self.assertEqual(list(reading.orm_model_api_bookshelfs.all()), [shelf])
        self.assertIn("orm_model_api_bookshelfs",
                      {r.name for r in Reading._meta.related_objects})

    def test_default_auto_field_errors(self):
        from djscratch import _auto_field_class
        from django.core.exceptions import ImproperlyConfigured
        from django.test import override_settings

        with override_settings(DEFAULT_AUTO_FIELD=None), self.assertRaisesRegex(
                ImproperlyConfigured, "^DEFAULT_AUTO_FIELD must not be empty.$"):
            _auto_field_class("no_such_app")
        with override_settings(DEFAULT_AUTO_FIELD="django.db.models.TextField"), \
                self.assertRaisesRegex(ValueError, "Primary key 'django.db.models."
                                       "TextField' referred by DEFAULT_AUTO_FIELD"):
            _auto_field_class("no_such_app")
        with override_settings(DEFAULT_AUTO_FIELD="nowhere.Field"), \
                self.assertRaisesRegex(ImproperlyConfigured, "refers to the module "
                                       "'nowhere.Field' that could not be imported"):
            _auto_field_class("no_such_app")

    def test_delete_signals_carry_the_origin(self):
        from django.db.models.signals import pre_delete

        shelf = BookShelf.objects.create(first=Reading.objects.create())
        origins = []

        def record(sender, origin, **kwargs):
            origins.append(origin)

        pre_delete.connect(record, sender=BookShelf)
        try:
            shelf.delete()
            BookShelf.objects.create(first=Reading.objects.create())
            queryset = BookShelf.objects.all()
            queryset.delete()
        finally:
            pre_delete.disconnect(record, sender=BookShelf)
        self.assertIs(origins[0], shelf)
        self.assertIs(origins[1], queryset)


class DatabaseDefaultKeyTests(DatabaseTestCase):
    models = [Language]

    def test_a_key_with_a_database_default_is_read_back(self):
        language = Language.objects.create()
        self.assertEqual(language.pk, "en")
        self.assertEqual(Language.objects.get().pk, "en")


class AutoCreatedLinkSignalTests(DatabaseTestCase):
    models = [Book, Reader, Reader.books.through]

    def test_no_delete_signals_for_an_automatic_link_model(self):
        from django.db.models.signals import pre_delete

        book = Book.objects.create(title="b")
        reader = Reader.all_readers.create(name="r")
        reader.books.add(book)
        senders = []

        def record(sender, **kwargs):
            senders.append(sender)

        pre_delete.connect(record)
        try:
            book.delete()
        finally:
            pre_delete.disconnect(record)
        self.assertEqual(senders, [Book])


class ForceInsertTests(DatabaseTestCase):
    models = [Club, Venue, Stadium]

    def test_force_insert_names_the_parents_to_insert(self):
        club = Club.objects.create(name="c")
        with CaptureQueries() as queries:
            Stadium(pk=5, club=club).save(force_insert=(Venue,))
        self.assertEqual([q["sql"].split()[0] for q in queries.captured_queries
                          if q["sql"].split()[0] in ("INSERT", "UPDATE", "SELECT")],
                         ["INSERT", "INSERT"])
        self.assertEqual(Stadium.objects.get().pk, 5)

    def test_force_insert_errors(self):
        with self.assertRaisesRegex(TypeError, "force_insert must be a bool or tuple"):
            Club(name="c").save(force_insert=1)
        with self.assertRaisesRegex(TypeError, "must be a model subclass"):
            Club(name="c").save(force_insert=(object,))
        with self.assertRaisesRegex(TypeError, "Stadium must be a base of Venue"):
            Venue(club_id=1).save(force_insert=(Stadium,))


class ModuleAliasTests(DatabaseTestCase):
    def test_django_db_models_base_names(self):
        from django.db.models.base import Model, ModelBase, ModelState

        self.assertIs(models.base.ModelBase, ModelBase)
        self.assertIs(Model, models.Model)
        self.assertTrue(ModelState().adding)


class NullTargetTests(DatabaseTestCase):
    models = [Pitch, Match, Goal, Booking]

    def test_a_null_to_field_value_relates_nothing_without_a_query(self):
        pitch = Pitch.objects.create(code=None)
        Match.objects.create(home=pitch)  # away is NULL
        with CaptureQueries() as queries:
            self.assertEqual(list(pitch.away_matches.all()), [])
        self.assertEqual(len(queries), 0)
        with self.assertRaisesRegex(ValueError, 'needs to have a value for field '
                                                '"code"'):
            pitch.away_matches.create(home=pitch)


class BaseManagerTests(DatabaseTestCase):
    models = [Note]

    def test_base_manager_is_one_object_and_its_queryset_class_saves(self):
        self.assertIs(Note._base_manager, Note._base_manager)
        note = Note.objects.create(title="t")
        calls = []

        class CountingQuerySet(models.QuerySet):
            def _update(self, values):
                calls.append(values)
                return super()._update(values)

        manager = Note._base_manager
        original = manager._queryset_class
        manager._queryset_class = CountingQuerySet
        try:
            note.title = "u"
            note.save()
        finally:
            manager._queryset_class = original
        self.assertEqual(len(calls), 1)
        self.assertEqual(Note.objects.get().title, "u")


class GenericManagerTests(DatabaseTestCase):
    models = [ContentType, Tag, Tagged]

    def test_str_of_a_generic_manager(self):
        tagged = Tagged.objects.create()
        self.assertIn("GenericRelatedObjectManager", str(tagged.tags))


class SetNullOnDeleteTests(DatabaseTestCase):
    models = [Book, Reader, Reader.books.through]

    def test_set_null_is_one_update_without_fetching(self):
        book = Book.objects.create(title="b")
        Reader.all_readers.create(name="r", book=book)
        Reader.all_readers.create(name="s", book=book)
        with CaptureQueries() as queries:
            book.delete()
        reader_sql = [q["sql"] for q in queries.captured_queries
                      if "orm_model_api_reader\"" in q["sql"].split(" WHERE")[0]]
        self.assertEqual([sql.split()[0] for sql in reader_sql], ["UPDATE"])
        self.assertEqual(Reader.all_readers.filter(book=None).count(), 2)


class ManyToManyPrefetchTupleTests(DatabaseTestCase):
    models = [Book, Reader, Reader.books.through]

    def test_get_prefetch_querysets_tags_each_row_with_its_instance(self):
        first = Book.objects.create(title="a")
        second = Book.objects.create(title="b")
        reader = Reader.all_readers.create(name="r", fun=True)
        reader.books.add(first, second)
        other = Reader.all_readers.create(name="s", fun=True)
        other.books.add(second)
        readers = [reader, other]
        queryset, rel_attr, inst_attr, single, cache_name, is_descriptor = \
            reader.books.get_prefetch_querysets(readers)
        pairs = sorted((rel_attr(book)[0], book.title) for book in queryset)
        self.assertEqual(pairs, [(reader.pk, "a"), (reader.pk, "b"),
                                 (other.pk, "b")])
        self.assertEqual(inst_attr(other), (other.pk,))
        self.assertEqual((single, cache_name, is_descriptor), (False, "books", False))
        with self.assertRaisesRegex(ValueError, "should have a length of 1"):
            reader.books.get_prefetch_querysets(
                readers, [Book.objects.all(), Book.objects.all()])
        queryset = first.fans.get_prefetch_querysets([first])[0]
        self.assertEqual([r.name for r in queryset], ["r"])
