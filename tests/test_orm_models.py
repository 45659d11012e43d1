"""Models: the metaclass and _meta, fields, validation, saving, datetimes."""

import datetime
import decimal
import uuid
import warnings

import djscratch  # noqa: F401  (installs the django.* alias)

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models

from djscratch import apps, override_settings
from tests.orm_support import ORM_SETTINGS, DatabaseTestCase, define_models

with define_models():

    class Stamped(models.Model):
        created = models.DateTimeField(auto_now_add=True)
        updated = models.DateTimeField(auto_now=True)

        class Meta:
            abstract = True
            ordering = ["-created"]

    class Article(Stamped):
        class Kind(models.TextChoices):
            NEWS = "n", "News"
            OPINION = "o", "Opinion piece"

        title = models.CharField(max_length=20)
        slug = models.SlugField(unique=True)
        kind = models.CharField(max_length=1, choices=Kind.choices, default=Kind.NEWS)
        rating = models.IntegerField(choices=[(1, "Bad"), (5, "Good")], null=True)
        price = models.DecimalField(max_digits=6, decimal_places=2, default=0)
        ratio = models.FloatField(default=0.5)
        flag = models.BooleanField(default=False)
        day = models.DateField(null=True, blank=True)
        at = models.TimeField(null=True, blank=True)
        took = models.DurationField(null=True, blank=True)
        token = models.UUIDField(default=uuid.uuid4)
        data = models.JSONField(default=dict, blank=True)
        blob = models.BinaryField(null=True)
        ip = models.GenericIPAddressField(null=True, blank=True)
        email = models.EmailField(blank=True)
        tiny = models.PositiveSmallIntegerField(default=0)

        class Meta(Stamped.Meta):
            app_label = "orm_models"
            verbose_name_plural = "writings"
            get_latest_by = "created"
            unique_together = [("title", "kind")]
            indexes = [models.Index(fields=["title", "-created"])]

    class Keyed(models.Model):
        code = models.CharField(max_length=8, primary_key=True)
        name = models.CharField(max_length=20, db_column="label")

        class Meta:
            app_label = "orm_models"
            db_table = "custom_keyed"

    class Counted(models.Model):
        value = models.IntegerField()

        class Meta:
            app_label = "orm_models"
            constraints = [models.CheckConstraint(condition=models.Q(value__gte=0),
                                                  name="value_not_negative")]

    class Tokened(models.Model):
        id = models.UUIDField(primary_key=True, default=uuid.uuid4)

        class Meta:
            app_label = "orm_models"


class MetaTests(DatabaseTestCase):
    models = [Article, Keyed]

    def test_meta_names_follow_django(self):
        opts = Article._meta
        self.assertEqual(opts.model_name, "article")
        self.assertEqual(opts.app_label, "orm_models")
        self.assertEqual(opts.db_table, "orm_models_article")
        self.assertEqual(opts.label, "orm_models.Article")
        self.assertEqual(opts.verbose_name, "article")
        self.assertEqual(opts.verbose_name_plural, "writings")
        self.assertEqual(Keyed._meta.db_table, "custom_keyed")

    def test_verbose_name_splits_camel_case(self):
        with define_models():
            class BlogPostItem(models.Model):
                class Meta:
                    app_label = "orm_models_extra"
        self.assertEqual(BlogPostItem._meta.verbose_name, "blog post item")
        self.assertEqual(BlogPostItem._meta.verbose_name_plural, "blog post items")

    def test_abstract_parent_gives_fields_and_meta(self):
        names = [f.name for f in Article._meta.fields]
        self.assertEqual(names[:3], ["id", "created", "updated"])
        self.assertEqual(Article._meta.ordering, ["-created"])
        self.assertEqual(Article._meta.unique_together, (("title", "kind"),))
        self.assertFalse(hasattr(Stamped, "objects"))

    def test_automatic_primary_key_follows_default_auto_field(self):
        self.assertIsInstance(Article._meta.pk, models.AutoField)
        self.assertEqual(Article._meta.pk.name, "id")
        with override_settings(**{**ORM_SETTINGS, "DEFAULT_AUTO_FIELD":
                                  "django.db.models.BigAutoField"}):
            class Big(models.Model):
                class Meta:
                    app_label = "orm_models_extra"
        self.assertIsInstance(Big._meta.pk, models.BigAutoField)

    def test_explicit_primary_key_and_db_column(self):
        self.assertIs(Keyed._meta.pk, Keyed._meta.get_field("code"))
        self.assertEqual(Keyed._meta.get_field("name").column, "label")
        obj = Keyed.objects.create(code="k1", name="one")
        self.assertEqual(obj.pk, "k1")
        self.assertEqual(Keyed.objects.get(pk="k1").name, "one")

    def test_get_field_unknown_raises_field_does_not_exist(self):
        with self.assertRaisesRegex(FieldDoesNotExist,
                                    "Article has no field named 'x'"):
            Article._meta.get_field("x")

    def test_model_without_app_label_raises_runtime_error(self):
        with self.assertRaisesRegex(RuntimeError, "doesn't declare an explicit "
                                                  "app_label and isn't in an "
                                                  "application"):
            with define_models():
                class Orphan(models.Model):
                    pass

    def test_model_is_registered_with_apps(self):
        self.assertIs(apps.all_models["orm_models"]["article"], Article)

    def test_per_model_exceptions(self):
        self.assertTrue(issubclass(Article.DoesNotExist, models.ObjectDoesNotExist))
        self.assertIsNot(Article.DoesNotExist, Keyed.DoesNotExist)

    def test_manager_not_accessible_from_instance(self):
        with self.assertRaisesRegex(AttributeError, "Manager isn't accessible via "
                                                    "Article instances"):
            Article(title="x").objects

    def test_unknown_keyword_argument_is_type_error(self):
        with self.assertRaisesRegex(TypeError, "Article\\(\\) got unexpected keyword "
                                               "arguments: 'nope'"):
            Article(nope=1)


class FieldValueTests(DatabaseTestCase):
    models = [Article]

    def test_uuid_text_lookups_ignore_hyphens(self):
        from django.db.models import F

        token = uuid.UUID("550e8400-e29b-41d4-a716-446655440000")
        a = Article.objects.create(title="u", slug="u", token=token)
        Article.objects.create(title="v", slug="v")
        for lookup, value in [("contains", "8400-e29b"), ("icontains", "8400E29B"),
                              ("startswith", "550e8400-e29b-4"),
                              ("iendswith", "A716-446655440000"),
                              ("iexact", "550E8400-E29B-41D4-A716-446655440000")]:
            self.assertEqual(list(Article.objects.filter(
                **{"token__" + lookup: value})), [a], lookup)
        self.assertEqual(list(Article.objects.annotate(v=models.Value(
            "e29b-41d4", output_field=models.CharField())).filter(
            token__contains=F("v"))), [a])

    def test_average_of_durations_is_a_duration(self):
        from django.db.models import Avg

        for hours in (1, 2):
            Article.objects.create(title=str(hours), slug=str(hours),
                                   took=datetime.timedelta(hours=hours))
        self.assertEqual(Article.objects.aggregate(Avg("took")),
                         {"took__avg": datetime.timedelta(hours=1, minutes=30)})

    def test_values_round_trip_with_their_python_types(self):
        a = Article.objects.create(
            title="t", slug="t", price=decimal.Decimal("3.5"), flag=True,
            day=datetime.date(2024, 2, 29), at=datetime.time(13, 14, 15),
            took=datetime.timedelta(days=1, microseconds=5), data={"a": [1, 2]},
            blob=b"\x00\x01", ip="::ffff:1.2.3.4", rating=5)
        b = Article.objects.get(pk=a.pk)
        self.assertEqual(b.price, decimal.Decimal("3.50"))
        self.assertIs(b.flag, True)
        self.assertEqual(b.day, datetime.date(2024, 2, 29))
        self.assertEqual(b.at, datetime.time(13, 14, 15))
        self.assertEqual(b.took, datetime.timedelta(days=1, microseconds=5))
        self.assertEqual(b.data, {"a": [1, 2]})
        self.assertEqual(bytes(b.blob), b"\x00\x01")
        self.assertIsInstance(b.token, uuid.UUID)
        self.assertEqual(b.token, a.token)

    def test_uuid_is_stored_as_32_hex_characters(self):
        a = Article.objects.create(title="t", slug="t")
        with connection.cursor() as cursor:
            cursor.execute("SELECT token FROM orm_models_article WHERE id = %s", [a.pk])
            self.assertEqual(cursor.fetchone()[0], a.token.hex)

    def test_aware_datetime_is_stored_as_naive_utc_text(self):
        a = Article.objects.create(title="t", slug="t")
        when = datetime.datetime(2024, 1, 2, 3, 4, 5,
                                 tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
        Article.objects.filter(pk=a.pk).update(created=when)
        with connection.cursor() as cursor:
            cursor.execute("SELECT created FROM orm_models_article")
            self.assertEqual(cursor.fetchone()[0], "2024-01-02 08:04:05")
        self.assertEqual(Article.objects.get().created,
                         datetime.datetime(2024, 1, 2, 8, 4, 5,
                                           tzinfo=datetime.timezone.utc))

    def test_naive_datetime_warns_when_use_tz(self):
        a = Article.objects.create(title="t", slug="t")
        a.created = datetime.datetime(2024, 1, 1, 12, 0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            a.save()
        self.assertIn("received a naive datetime (2024-01-01 12:00:00) while time "
                      "zone support is active", str(caught[0].message))

    def test_a_date_given_to_a_datetime_field_warns_as_a_naive_midnight(self):
        a = Article.objects.create(title="t", slug="t")
        a.created = datetime.date(2024, 1, 1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            a.save()
        self.assertEqual(
            [str(w.message) for w in caught],
            ["DateTimeField Article.created received a naive datetime "
             "(2024-01-01 00:00:00) while time zone support is active."])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            models.DateTimeField().to_python(datetime.date(2024, 1, 1))
        self.assertIn("DateTimeField (unbound) received", str(caught[0].message))

    def test_without_use_tz_datetimes_stay_naive(self):
        with override_settings(USE_TZ=False):
            a = Article.objects.create(title="t", slug="t")
            self.assertIsNone(a.created.tzinfo)
            a.created = datetime.datetime(2024, 1, 2, 3, 4, 5)
            a.save()
            self.assertEqual(Article.objects.get().created,
                             datetime.datetime(2024, 1, 2, 3, 4, 5))
            a.created = datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)
            with self.assertRaisesRegex(ValueError, "SQLite backend does not support "
                                                    "timezone-aware datetimes when "
                                                    "USE_TZ is False."):
                a.save()

    def test_auto_now_and_auto_now_add(self):
        a = Article.objects.create(title="t", slug="t")
        self.assertIsNotNone(a.created)
        first_updated = a.updated
        a.save()
        self.assertGreaterEqual(a.updated, first_updated)
        self.assertEqual(Article.objects.get().created, a.created)

    def test_raw_save_keeps_auto_now_values_as_given(self):
        stamp = datetime.datetime(2006, 6, 16, 10, 42, 37, tzinfo=datetime.timezone.utc)
        a = Article(title="r", slug="r", created=stamp, updated=stamp)
        a.save_base(raw=True)
        a.save_base(raw=True)  # the update, raw too
        self.assertEqual(Article.objects.values_list("created", "updated").get(),
                         (stamp, stamp))

    def test_callable_default_is_called_per_instance(self):
        self.assertNotEqual(Article().token, Article().token)
        self.assertEqual(Article().data, {})

    def test_choices_display_and_enum_labels(self):
        a = Article(kind="o", rating=5)
        self.assertEqual(a.get_kind_display(), "Opinion piece")
        self.assertEqual(a.get_rating_display(), "Good")
        self.assertEqual(Article(rating=3).get_rating_display(), 3)
        self.assertEqual(Article.Kind.choices, [("n", "News"), ("o", "Opinion piece")])
        self.assertEqual(Article.Kind.OPINION.label, "Opinion piece")
        self.assertEqual(str(Article.Kind.NEWS), "n")

    def test_integer_choices(self):
        class Level(models.IntegerChoices):
            LOW = 1
            HIGH = 2, "Very high"

        self.assertEqual(Level.choices, [(1, "Low"), (2, "Very high")])
        self.assertEqual(Level.labels, ["Low", "Very high"])


class ValidationTests(DatabaseTestCase):
    models = [Article, Counted]

    def test_full_clean_collects_field_errors_with_django_messages(self):
        a = Article(title="x" * 21, slug="bad slug", kind="z", tiny=2 ** 63)
        with self.assertRaises(ValidationError) as cm:
            a.full_clean()
        errors = cm.exception.message_dict
        self.assertEqual(errors["title"], [
            "Ensure this value has at most 20 characters (it has 21)."])
        self.assertEqual(errors["kind"], ["Value 'z' is not a valid choice."])
        # SQLite bounds every integer field at 64 bits, as Django says there.
        self.assertEqual(errors["tiny"], [
            "Ensure this value is less than or equal to 9223372036854775807."])

    def test_blank_and_null_messages(self):
        a = Article(title="", slug="s")
        with self.assertRaises(ValidationError) as cm:
            a.full_clean()
        self.assertEqual(cm.exception.message_dict["title"],
                         ["This field cannot be blank."])
        a = Article(title="t", slug="s", price=None)
        with self.assertRaises(ValidationError) as cm:
            a.clean_fields()
        self.assertEqual(cm.exception.message_dict["price"],
                         ["This field cannot be null."])

    def test_validate_unique_and_unique_together(self):
        Article.objects.create(title="t", slug="s", kind="n")
        dup = Article(title="t", slug="s", kind="n")
        with self.assertRaises(ValidationError) as cm:
            dup.validate_unique()
        errors = cm.exception.message_dict
        self.assertEqual(errors["slug"], ["Article with this Slug already exists."])
        self.assertEqual(errors["__all__"],
                         ["Article with this Title and Kind already exists."])

    def test_invalid_integer_message(self):
        with self.assertRaises(ValidationError) as cm:
            Article(title="t", slug="s", tiny="abc").full_clean()
        self.assertEqual(cm.exception.message_dict["tiny"],
                         ["“abc” value must be an integer."])

    def test_check_constraint_is_validated_and_enforced(self):
        with self.assertRaises(ValidationError) as cm:
            Counted(value=-1).full_clean()
        self.assertEqual(cm.exception.messages,
                         ["Constraint “value_not_negative” is violated."])
        Counted(value=1).full_clean()
        from django.db import IntegrityError

        with self.assertRaises(IntegrityError):
            Counted.objects.create(value=-5)


class BulkCreateDefaultKeyTests(DatabaseTestCase):
    models = [Tokened]

    def test_a_none_key_with_a_default_gets_a_new_one(self):
        made = Tokened.objects.bulk_create([Tokened(), Tokened(id=None)])
        self.assertEqual(len({t.id for t in made}), 2)
        self.assertEqual(Tokened.objects.count(), 2)


class SaveTests(DatabaseTestCase):
    models = [Article, Keyed]

    def test_save_inserts_then_updates(self):
        a = Article(title="t", slug="s")
        self.assertTrue(a._state.adding)
        a.save()
        self.assertIsNotNone(a.pk)
        self.assertFalse(a._state.adding)
        a.title = "u"
        a.save()
        self.assertEqual(Article.objects.count(), 1)
        self.assertEqual(Article.objects.get().title, "u")

    def test_update_fields_writes_only_those_columns(self):
        a = Article.objects.create(title="t", slug="s")
        Article.objects.filter(pk=a.pk).update(slug="other")
        a.title = "new"
        a.save(update_fields=["title"])
        b = Article.objects.get()
        self.assertEqual((b.title, b.slug), ("new", "other"))

    def test_force_update_without_row_fails(self):
        from django.db import DatabaseError

        with self.assertRaisesRegex(DatabaseError, "Forced update did not affect any"):
            Article(id=99, title="t", slug="s").save(force_update=True)
        with self.assertRaisesRegex(ValueError,
                                    "Cannot force both insert and updating"):
            Article(title="t").save(force_insert=True, force_update=True)

    def test_explicit_pk_save_inserts_when_row_missing(self):
        Keyed(code="a", name="A").save()
        Keyed(code="a", name="B").save()
        self.assertEqual(list(Keyed.objects.values_list("code", "name")), [("a", "B")])

    def test_refresh_from_db_and_deferred_loading(self):
        a = Article.objects.create(title="t", slug="s")
        Article.objects.filter(pk=a.pk).update(title="changed")
        a.refresh_from_db()
        self.assertEqual(a.title, "changed")
        b = Article.objects.only("title").get(pk=a.pk)
        self.assertEqual(b.get_deferred_fields() >= {"slug"}, True)
        self.assertEqual(b.slug, "s")

    def test_equality_and_hash_by_primary_key(self):
        a = Article.objects.create(title="t", slug="s")
        self.assertEqual(a, Article.objects.get(pk=a.pk))
        self.assertEqual(hash(a), hash(a.pk))
        with self.assertRaisesRegex(TypeError, "without primary key value are "
                                               "unhashable"):
            hash(Article())
        self.assertEqual(str(a), "Article object (%d)" % a.pk)
        self.assertEqual(repr(a), "<Article: Article object (%d)>" % a.pk)

    def test_pickle_round_trip(self):
        import pickle

        a = Article.objects.create(title="t", slug="s")
        b = pickle.loads(pickle.dumps(a))
        self.assertEqual(b, a)
        self.assertEqual(b.title, "t")

    def test_nul_characters_are_refused_clearly(self):
        from django.db import DataError

        with self.assertRaisesRegex(DataError, "NUL"):
            Article.objects.create(title="a\x00b", slug="s")

    def test_lone_surrogate_is_a_data_error(self):
        from django.db import DataError

        with self.assertRaisesRegex(DataError, "surrogate"):
            Article.objects.create(title="a\ud800", slug="s")

    def test_integer_overflow_is_a_data_error(self):
        from django.db import DataError

        with self.assertRaisesRegex(DataError, "out of range"):
            Article.objects.create(title="t", slug="s", tiny=2 ** 64)

    def test_latest_and_earliest_use_get_latest_by(self):
        a = Article.objects.create(title="a", slug="a")
        b = Article.objects.create(title="b", slug="b")
        Article.objects.filter(pk=a.pk).update(
            created=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
        self.assertEqual(Article.objects.latest(), b)
        self.assertEqual(Article.objects.earliest(), a)


with define_models():

    class Document(models.Model):
        upload = models.FileField(upload_to="docs/%Y", blank=True)

        class Meta:
            app_label = "orm_models"

    class PublishedManager(models.Manager):
        def get_queryset(self):
            return super().get_queryset().filter(published=True)

    class Story(models.Model):
        title = models.CharField(max_length=10)
        published = models.BooleanField(default=False)

        objects = models.Manager()
        public = PublishedManager()

        class Meta:
            app_label = "orm_models"


class FileFieldTests(DatabaseTestCase):
    models = [Document]

    def test_file_is_saved_under_media_root_and_name_stored(self):
        import datetime as dt
        import tempfile

        from django.core.exceptions import SuspiciousFileOperation
        from django.core.files.base import ContentFile

        with tempfile.TemporaryDirectory() as media:
            with override_settings(MEDIA_ROOT=media, MEDIA_URL="/media/"):
                doc = Document.objects.create()
                # As Django: a name climbing out of upload_to is refused.
                with self.assertRaises(SuspiciousFileOperation):
                    doc.upload.save("../../evil name.txt", ContentFile(b"hello"))
                doc.upload.save("evil name.txt", ContentFile(b"hello"))
                year = dt.date.today().year
                self.assertEqual(doc.upload.name, "docs/%d/evil_name.txt" % year)
                again = Document.objects.get(pk=doc.pk)
                self.assertEqual(again.upload.read(), b"hello")
                again.upload.close()
                self.assertEqual(again.upload.url, "/media/docs/%d/evil_name.txt"
                                 % year)
                self.assertTrue(again.upload.path.startswith(media))
                doc.upload.save("evil name.txt", ContentFile(b"second"))
                self.assertNotEqual(doc.upload.name, again.upload.name)

    def test_stored_name_outside_media_root_is_refused(self):
        import tempfile

        from django.core.exceptions import SuspiciousFileOperation

        with tempfile.TemporaryDirectory() as media:
            with override_settings(MEDIA_ROOT=media):
                doc = Document(upload="../outside.txt")
                with self.assertRaises(SuspiciousFileOperation):
                    doc.upload.path


class CustomManagerTests(DatabaseTestCase):
    models = [Story]

    def test_get_queryset_override_filters_every_query(self):
        Story.objects.create(title="a", published=True)
        Story.objects.create(title="b")
        self.assertEqual(Story.objects.count(), 2)
        self.assertEqual(list(Story.public.values_list("title", flat=True)), ["a"])
        self.assertEqual(Story.public.get().title, "a")
        self.assertIs(Story._default_manager, Story.objects)


class ModuleAccessTests(DatabaseTestCase):
    def test_models_reached_as_djscratch_models_and_django_db_models(self):
        import djscratch as ds

        self.assertIs(ds.models.Model, models.Model)
        self.assertIs(ds.models.ForeignKey, ds.ForeignKey)
        with self.assertRaisesRegex(AttributeError, "does not implement "
                                                    "django.db.models.NoSuchField"):
            models.NoSuchField


class JSONLookupTests(DatabaseTestCase):
    models = [Article]

    def test_key_lookups(self):
        a = Article.objects.create(title="a", slug="a", data={
            "tags": ["x", "y"], "meta": {"n": 3, "ok": True}, "none": None})
        Article.objects.create(title="b", slug="b", data={"meta": {"n": 5}})
        self.assertEqual(list(Article.objects.filter(data__meta__n=3)), [a])
        self.assertEqual(Article.objects.filter(data__meta__n__gte=3).count(), 2)
        self.assertEqual(list(Article.objects.filter(data__tags__0="x")), [a])
        self.assertEqual(list(Article.objects.filter(data__has_key="tags")), [a])
        self.assertEqual(list(Article.objects.filter(data__none=None)), [a])
        self.assertEqual(list(Article.objects.filter(data__meta__ok=True)), [a])
        self.assertEqual(list(Article.objects.filter(data__tags=["x", "y"])), [a])
        self.assertEqual(Article.objects.filter(data__meta__n__isnull=False).count(), 2)


class SignalTests(DatabaseTestCase):
    models = [Article]

    def test_save_signals_report_created_and_update_fields(self):
        from django.db.models.signals import post_init, post_save, pre_save

        seen = []

        def pre(sender, instance, update_fields, **kwargs):
            seen.append(("pre", instance.title, update_fields))

        def post(sender, instance, created, update_fields, **kwargs):
            seen.append(("post", created, update_fields))

        def init(sender, instance, **kwargs):
            seen.append(("init", type(instance).__name__))

        pre_save.connect(pre, sender=Article)
        post_save.connect(post, sender=Article)
        try:
            a = Article.objects.create(title="t", slug="s")
            a.title = "u"
            a.save(update_fields=["title"])
        finally:
            pre_save.disconnect(pre, sender=Article)
            post_save.disconnect(post, sender=Article)
        self.assertEqual(seen, [("pre", "t", None), ("post", True, None),
                                ("pre", "u", frozenset({"title"})),
                                ("post", False, frozenset({"title"}))])
        seen.clear()
        post_init.connect(init, sender=Article)
        try:
            list(Article.objects.all())
            Article.objects.get(pk=a.pk)
        finally:
            post_init.disconnect(init, sender=Article)
        self.assertEqual(seen, [("init", "Article"), ("init", "Article")])

    def test_get_next_and_previous_by_date(self):
        a = Article.objects.create(title="a", slug="a")
        b = Article.objects.create(title="b", slug="b")
        Article.objects.filter(pk=a.pk).update(
            created=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
        a.refresh_from_db()
        self.assertEqual(a.get_next_by_created(), b)
        self.assertEqual(b.get_previous_by_created(), a)
        with self.assertRaises(Article.DoesNotExist):
            b.get_next_by_created()


with define_models():
    class StoredMoment(models.Model):
        at = models.DateTimeField(null=True)
        day = models.DateField(null=True)

        class Meta:
            app_label = "orm_models"

    class MomentNote(models.Model):
        moment = models.ForeignKey(StoredMoment, models.CASCADE)

        class Meta:
            app_label = "orm_models"


#: (at, day) texts written by raw SQL: what the ORM writes, and what it
#: does not (offsets, a "T", short or long fractions, week dates, ...).
_STORED_TEXTS = [
    ("2020-01-02 03:04:05", "2020-01-02"),
    ("2020-01-02 03:04:05.123456", None),
    (None, "2020-1-2"),
    ("2020-01-02T03:04:05", "20200102"),
    ("2020-01-02 03:04:05.123", "2020-01-02 00:00:00"),
    ("2020-01-02 03:04:05+05:30", "2020-W01-1"),
    ("2020-01-02 03:04:05.123456-08:00", "2020-01-02"),
    ("2020-01-02 03:04", None),
    ("2020-01-02", "2020-12-31"),
    ("2020-01-02 03:04:05Z", "2020-01-02"),
    ("2020-01-02T03:04:05.1234+01", "2020-01-02"),
    ("2020-01-02 23:59:59.999999", "2020-01-02"),
    ("2020-01-02 3:04:05", "2020-01-02"),
    ("2020-01-02 03:04:05.1234567", "2020-01-02"),
]

#: USE_TZ -> (each row's at and day, its at under only("at"), the
#: values_list() rows), as Django 5.2 reads them (_describe_read()):
#: generated with /work/venv-django, the same models and rows, SQLite,
#: TIME_ZONE "UTC".
_STORED_TEXTS_READ = {
    True: (
        [
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC, None',
            'None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123000+00:00 UTC, None',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30, date 2019-12-30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00, date 2020-01-02',
            'datetime 2020-01-02T03:04:00+00:00 UTC, None',
            'datetime 2020-01-02T00:00:00+00:00 UTC, date 2020-12-31',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00, date 2020-01-02',
            'datetime 2020-01-02T23:59:59.999999+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC, date 2020-01-02',
        ],
        [
            'datetime 2020-01-02T03:04:05+00:00 UTC',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC',
            'None',
            'datetime 2020-01-02T03:04:05+00:00 UTC',
            'datetime 2020-01-02T03:04:05.123000+00:00 UTC',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00',
            'datetime 2020-01-02T03:04:00+00:00 UTC',
            'datetime 2020-01-02T00:00:00+00:00 UTC',
            'datetime 2020-01-02T03:04:05+00:00 UTC',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00',
            'datetime 2020-01-02T23:59:59.999999+00:00 UTC',
            'datetime 2020-01-02T03:04:05+00:00 UTC',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC',
        ],
        [
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC, None',
            'None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123000+00:00 UTC, None',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30, date 2019-12-30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00, date 2020-01-02',
            'datetime 2020-01-02T03:04:00+00:00 UTC, None',
            'datetime 2020-01-02T00:00:00+00:00 UTC, date 2020-12-31',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00, date 2020-01-02',
            'datetime 2020-01-02T23:59:59.999999+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456+00:00 UTC, date 2020-01-02',
        ],
    ),
    False: (
        [
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456 None, None',
            'None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123000 None, None',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30, date 2019-12-30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00, date 2020-01-02',
            'datetime 2020-01-02T03:04:00 None, None',
            'datetime 2020-01-02T00:00:00 None, date 2020-12-31',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00, date 2020-01-02',
            'datetime 2020-01-02T23:59:59.999999 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456 None, date 2020-01-02',
        ],
        [
            'datetime 2020-01-02T03:04:05 None',
            'datetime 2020-01-02T03:04:05.123456 None',
            'None',
            'datetime 2020-01-02T03:04:05 None',
            'datetime 2020-01-02T03:04:05.123000 None',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00',
            'datetime 2020-01-02T03:04:00 None',
            'datetime 2020-01-02T00:00:00 None',
            'datetime 2020-01-02T03:04:05+00:00 UTC',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00',
            'datetime 2020-01-02T23:59:59.999999 None',
            'datetime 2020-01-02T03:04:05 None',
            'datetime 2020-01-02T03:04:05.123456 None',
        ],
        [
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456 None, None',
            'None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123000 None, None',
            'datetime 2020-01-02T03:04:05+05:30 UTC+05:30, date 2019-12-30',
            'datetime 2020-01-02T03:04:05.123456-08:00 UTC-08:00, date 2020-01-02',
            'datetime 2020-01-02T03:04:00 None, None',
            'datetime 2020-01-02T00:00:00 None, date 2020-12-31',
            'datetime 2020-01-02T03:04:05+00:00 UTC, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123400+01:00 UTC+01:00, date 2020-01-02',
            'datetime 2020-01-02T23:59:59.999999 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05 None, date 2020-01-02',
            'datetime 2020-01-02T03:04:05.123456 None, date 2020-01-02',
        ],
    ),
}


def _describe_read(value):
    """A value read, as the expectations write it."""
    if value is None:
        return "None"
    text = "%s %s" % (type(value).__name__, value.isoformat())
    return text + " %s" % value.tzinfo if isinstance(value, datetime.datetime) else text


class StoredTextTests(DatabaseTestCase):
    """Datetime and date columns written by raw SQL read back as Django's
    SQLite backend reads them (parse_datetime(), parse_date(); text with an
    offset stays aware without USE_TZ), through the row builder's inline
    parse (_TEXT_FORMS), select_related(), only() and values_list(), under
    USE_TZ and without, each query twice (the builders are remembered)."""

    models = [StoredMoment, MomentNote]

    def test_stored_datetime_and_date_texts_read_as_django_reads_them(self):
        for at, day in _STORED_TEXTS:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO orm_models_storedmoment (at, day) VALUES (%s, %s)",
                    [at, day])
                cursor.execute(
                    "INSERT INTO orm_models_momentnote (moment_id) VALUES (%s)",
                    [cursor.lastrowid])
        for use_tz in (True, False, True):
            rows, ats, values = _STORED_TEXTS_READ[use_tz]
            with override_settings(USE_TZ=use_tz):
                for _again in range(2):
                    with self.subTest(use_tz=use_tz):
                        self.assertEqual([
                            _describe_read(m.at) + ", " + _describe_read(m.day)
                            for m in StoredMoment.objects.order_by("pk")], rows)
                        self.assertEqual([
                            _describe_read(n.moment.at) + ", "
                            + _describe_read(n.moment.day)
                            for n in MomentNote.objects.select_related(
                                "moment").order_by("pk")], rows)
                        self.assertEqual([_describe_read(m.at) for m in
                                          StoredMoment.objects.only("at").order_by("pk")],
                                         ats)
                        self.assertEqual([
                            _describe_read(at) + ", " + _describe_read(day)
                            for at, day in StoredMoment.objects.order_by(
                                "pk").values_list("at", "day")], values)
