"""Relations: ForeignKey, OneToOneField, ManyToManyField, on_delete."""

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models
from django.db.models import ProtectedError, RestrictedError

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Person(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "orm_relations"

        def __str__(self):
            return self.name

    class Profile(models.Model):
        person = models.OneToOneField(Person, on_delete=models.CASCADE)
        bio = models.TextField(blank=True)

        class Meta:
            app_label = "orm_relations"

    class Group(models.Model):
        name = models.CharField(max_length=20)
        members = models.ManyToManyField(Person, related_name="memberships")

        class Meta:
            app_label = "orm_relations"

    class Post(models.Model):
        author = models.ForeignKey(Person, on_delete=models.CASCADE)
        editor = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True,
                                   related_name="edited", related_query_name="edit")
        title = models.CharField(max_length=20)

        class Meta:
            app_label = "orm_relations"

    class Invoice(models.Model):
        person = models.ForeignKey(Person, on_delete=models.PROTECT)

        class Meta:
            app_label = "orm_relations"

    class Note(models.Model):
        person = models.ForeignKey(Person, on_delete=models.RESTRICT)
        post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True)

        class Meta:
            app_label = "orm_relations"

    def default_person():
        return Person.objects.get(name="fallback").pk

    class Ticket(models.Model):
        owner = models.ForeignKey(Person, on_delete=models.SET_DEFAULT,
                                  default=default_person, related_name="+")
        backup = models.ForeignKey(Person, on_delete=models.SET(None), null=True,
                                   related_name="backup_tickets")
        tag = models.ForeignKey("Tagged", on_delete=models.DO_NOTHING, null=True,
                                db_constraint=False)

        class Meta:
            app_label = "orm_relations"

    class Tagged(models.Model):
        code = models.CharField(max_length=5, unique=True)
        people = models.ManyToManyField("Person")

        class Meta:
            app_label = "orm_relations"


with define_models():

    class Badge(models.Model):
        tagged = models.ForeignKey(Tagged, models.CASCADE, to_field="code")

        class Meta:
            app_label = "orm_relations"

    class Fan(models.Model):
        handle = models.CharField(max_length=10, unique=True)
        idols = models.ManyToManyField("self", through="Fandom", symmetrical=False,
                                       related_name="fans")

        class Meta:
            app_label = "orm_relations"
            ordering = ["id"]

    class Fandom(models.Model):
        fan = models.ForeignKey(Fan, models.CASCADE, to_field="handle",
                                related_name="+")
        idol = models.ForeignKey(Fan, models.CASCADE, to_field="handle",
                                 related_name="+")

        class Meta:
            app_label = "orm_relations"


with define_models():

    class Venue(models.Model):
        name = models.CharField(max_length=20, unique=True)

        class Meta:
            app_label = "orm_relations"

    class Diner(models.Model):  # its key is a one-to-one to Venue's
        venue = models.OneToOneField(Venue, models.CASCADE, primary_key=True)

        class Meta:
            app_label = "orm_relations"

    class Waiter(models.Model):
        diner = models.ForeignKey(Diner, models.CASCADE)

        class Meta:
            app_label = "orm_relations"

    class Sign(models.Model):  # its key is a one-to-one to a non-key field
        venue = models.OneToOneField(Venue, models.CASCADE, to_field="name",
                                     primary_key=True)

        class Meta:
            app_label = "orm_relations"


class ForeignKeyTests(DatabaseTestCase):
    models = [Person, Profile, Group, Post, Invoice, Note, Ticket, Tagged]

    def setUp(self):
        super().setUp()
        self.ann = Person.objects.create(name="Ann")
        self.bob = Person.objects.create(name="Bob")

    def test_forward_access_is_cached_and_follows_the_id(self):
        post = Post.objects.create(author=self.ann, title="p")
        post = Post.objects.get(pk=post.pk)
        self.assertEqual(post.author, self.ann)
        self.assertIs(post.author, post.author)
        post.author_id = self.bob.pk
        self.assertEqual(post.author, self.bob)

    def test_assigning_wrong_type_is_refused_with_djangos_message(self):
        with self.assertRaisesRegex(ValueError, 'Cannot assign "1": "Post.author" must '
                                                'be a "Person" instance.'):
            Post(author=1)

    def test_unsaved_related_object_blocks_save(self):
        with self.assertRaisesRegex(ValueError, "save\\(\\) prohibited to prevent data "
                                    "loss due to unsaved related object 'author'."):
            Post(author=Person(name="new"), title="x").save()

    def test_reverse_manager_default_and_custom_names(self):
        p = Post.objects.create(author=self.ann, editor=self.bob, title="p")
        self.assertEqual(list(self.ann.post_set.all()), [p])
        self.assertEqual(list(self.bob.edited.all()), [p])
        self.assertEqual(list(Person.objects.filter(edit__title="p")), [self.bob])
        created = self.ann.post_set.create(title="q")
        self.assertEqual(created.author, self.ann)
        self.assertEqual(self.ann.post_set.count(), 2)

    def test_reverse_manager_on_unsaved_instance(self):
        with self.assertRaisesRegex(ValueError, "'Person' instance needs to have a "
                                                "primary key value"):
            Person(name="x").post_set.all()

    def test_reverse_add_remove_clear_on_nullable_fk(self):
        p = Post.objects.create(author=self.ann, title="p")
        self.bob.edited.add(p)
        self.assertEqual(Post.objects.get(pk=p.pk).editor, self.bob)
        self.bob.edited.remove(p)
        self.assertIsNone(Post.objects.get(pk=p.pk).editor)
        self.bob.edited.add(p)
        self.bob.edited.clear()
        self.assertEqual(self.bob.edited.count(), 0)

    def test_string_reference_resolved_later(self):
        tag = Tagged.objects.create(code="t")
        ticket = Ticket.objects.create(owner=self.ann, tag=tag)
        self.assertEqual(Ticket.objects.get(pk=ticket.pk).tag, tag)
        self.assertEqual(Ticket._meta.get_field("tag").related_model, Tagged)

    def test_one_to_one_both_directions(self):
        profile = Profile.objects.create(person=self.ann, bio="hi")
        self.assertEqual(self.ann.profile, profile)
        self.assertEqual(Person.objects.get(profile__bio="hi"), self.ann)
        with self.assertRaises(Person.profile.RelatedObjectDoesNotExist):
            self.bob.profile

    def test_many_to_many_add_remove_set_clear_create(self):
        g = Group.objects.create(name="g")
        g.members.add(self.ann, self.bob.pk)
        g.members.add(self.ann)
        self.assertEqual(sorted(p.name for p in g.members.all()), ["Ann", "Bob"])
        self.assertEqual(list(self.ann.memberships.all()), [g])
        g.members.remove(self.ann)
        self.assertEqual(list(g.members.all()), [self.bob])
        g.members.set([self.ann])
        self.assertEqual(list(g.members.all()), [self.ann])
        carl = g.members.create(name="Carl")
        self.assertEqual(g.members.count(), 2)
        self.assertEqual(list(Group.objects.filter(members__name="Carl")), [g])
        g.members.clear()
        self.assertEqual(g.members.count(), 0)
        self.assertEqual(Person.objects.filter(pk=carl.pk).count(), 1)

    def test_many_to_many_link_table_follows_django_layout(self):
        through = Group._meta.get_field("members").remote_field.through
        self.assertEqual(through._meta.db_table, "orm_relations_group_members")
        self.assertEqual(sorted(f.column for f in through._meta.concrete_fields),
                         ["group_id", "id", "person_id"])

    def test_direct_assignment_to_many_to_many_is_refused(self):
        g = Group.objects.create(name="g")
        with self.assertRaisesRegex(TypeError, "Use members.set\\(\\) instead"):
            g.members = [self.ann]

    def test_m2m_changed_signal(self):
        from django.db.models.signals import m2m_changed

        seen = []

        def receiver(sender, action, pk_set, **kwargs):
            seen.append((action, pk_set))

        m2m_changed.connect(receiver)
        try:
            g = Group.objects.create(name="g")
            g.members.add(self.ann)
        finally:
            m2m_changed.disconnect(receiver)
        self.assertEqual(seen, [("pre_add", {self.ann.pk}),
                                ("post_add", {self.ann.pk})])


class OnDeleteTests(DatabaseTestCase):
    models = [Person, Profile, Group, Post, Invoice, Note, Ticket, Tagged]

    def setUp(self):
        super().setUp()
        self.ann = Person.objects.create(name="Ann")
        self.bob = Person.objects.create(name="Bob")
        self.fallback = Person.objects.create(name="fallback")

    def test_cascade_returns_djangos_counts(self):
        Post.objects.create(author=self.ann, title="a")
        Post.objects.create(author=self.ann, title="b")
        Profile.objects.create(person=self.ann)
        g = Group.objects.create(name="g")
        g.members.add(self.ann)
        count, per_model = self.ann.delete()
        self.assertEqual(count, 5)
        self.assertEqual(per_model, {
            "orm_relations.Profile": 1, "orm_relations.Group_members": 1,
            "orm_relations.Post": 2, "orm_relations.Person": 1})
        self.assertIsNone(self.ann.pk)

    def test_set_null_set_default_and_set(self):
        post = Post.objects.create(author=self.ann, editor=self.bob, title="x")
        ticket = Ticket.objects.create(owner=self.bob, backup=self.bob)
        self.bob.delete()
        self.assertIsNone(Post.objects.get(pk=post.pk).editor_id)
        ticket = Ticket.objects.get(pk=ticket.pk)
        self.assertEqual(ticket.owner_id, self.fallback.pk)
        self.assertIsNone(ticket.backup_id)

    def test_protect_raises_protected_error(self):
        Invoice.objects.create(person=self.ann)
        with self.assertRaises(ProtectedError) as cm:
            self.ann.delete()
        self.assertEqual(str(cm.exception.args[0]),
                         "Cannot delete some instances of model 'Person' because they "
                         "are referenced through protected foreign keys: "
                         "'Invoice.person'.")
        self.assertEqual(Person.objects.filter(pk=self.ann.pk).count(), 1)

    def test_restrict_unless_deleted_through_another_cascade(self):
        note = Note.objects.create(person=self.ann)
        with self.assertRaises(RestrictedError):
            self.ann.delete()
        post = Post.objects.create(author=self.bob, title="p")
        note.person = self.bob
        note.post = post
        note.save()
        Note.objects.filter(pk=note.pk).update(person=self.bob)
        self.bob.delete()  # the note goes through Post's CASCADE: allowed
        self.assertEqual(Note.objects.count(), 0)

    def test_queryset_delete_and_signals(self):
        from django.db.models.signals import post_delete, pre_delete

        seen = []

        def pre(sender, instance, **kwargs):
            seen.append(("pre", instance.name))

        def post(sender, instance, **kwargs):
            seen.append(("post", instance.name))

        pre_delete.connect(pre, sender=Person)
        post_delete.connect(post, sender=Person)
        try:
            result = Person.objects.filter(name__in=["Ann", "Bob"]).delete()
        finally:
            pre_delete.disconnect(pre, sender=Person)
            post_delete.disconnect(post, sender=Person)
        self.assertEqual(result, (2, {"orm_relations.Person": 2}))
        self.assertEqual(sorted(seen), [("post", "Ann"), ("post", "Bob"),
                                        ("pre", "Ann"), ("pre", "Bob")])


class IntegrityTests(DatabaseTestCase):
    models = [Person, Post]

    def test_foreign_key_to_missing_row_is_integrity_error(self):
        from django.db import IntegrityError, transaction

        with self.assertRaisesRegex(IntegrityError, "FOREIGN KEY constraint failed"):
            Post.objects.create(author_id=999, title="x")
        # Inside atomic() the check is deferred to COMMIT, as in Django.
        with self.assertRaises(IntegrityError):
            with transaction.atomic():
                Post.objects.create(author_id=999, title="x")
        self.assertEqual(Post.objects.count(), 0)


    def test_constraint_checks_disabled_then_check_constraints_names_the_row(self):
        from django.db import IntegrityError, connection, transaction

        with connection.constraint_checks_disabled():
            post = Post.objects.create(author_id=999, title="x")
        with self.assertRaises(IntegrityError) as caught:
            connection.check_constraints(table_names=["orm_relations_post"])
        self.assertEqual(
            str(caught.exception),
            "The row in table 'orm_relations_post' with primary key '%d' has an "
            "invalid foreign key: orm_relations_post.author_id contains a value "
            "'999' that does not have a corresponding value in "
            "orm_relations_person.id." % post.pk)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM orm_relations_post")
        connection.check_constraints()
        # Inside a transaction SQLite cannot turn the checks off: it says so.
        with transaction.atomic():
            Person.objects.create(name="p")
            self.assertFalse(connection.disable_constraint_checking())

class RelationChoicesTests(DatabaseTestCase):
    """Field.get_choices() of relations, as the admin's list filters use it."""

    models = [Person, Group, Post]

    def setUp(self):
        super().setUp()
        self.bob = Person.objects.create(name="Bob")
        self.ann = Person.objects.create(name="Ann")

    def test_foreign_key_choices_in_the_given_ordering(self):
        field = Post._meta.get_field("author")
        self.assertEqual(field.get_choices(include_blank=False, ordering=("name",)),
                         [(self.ann.pk, "Ann"), (self.bob.pk, "Bob")])
        self.assertEqual(field.get_choices()[0], ("", "---------"))

    def test_many_to_many_choices_are_primary_keys(self):
        field = Group._meta.get_field("members")
        self.assertEqual(
            field.get_choices(include_blank=False, ordering=("-name",),
                              limit_choices_to={"name__startswith": "A"}),
            [(self.ann.pk, "Ann")])

    def test_reverse_relation_choices_are_the_related_rows(self):
        post = Post.objects.create(author=self.ann, title="hello")
        rel = Person._meta.get_field("post")
        self.assertEqual(rel.get_choices(include_blank=False),
                         [(post.pk, str(post))])


class CollectorHookTests(DatabaseTestCase):
    """What a Collector subclass sees (the admin's NestedObjects needs it)."""

    models = [Person, Profile, Group, Post, Invoice, Note, Ticket, Tagged]

    def test_cascade_names_the_foreign_key_and_fetches_through_a_hook(self):
        from django.db.models.deletion import Collector

        seen = []

        class Recorder(Collector):
            def collect(self, objs, source=None, source_attr=None, **kwargs):
                seen.append(("collect", source_attr))
                return super().collect(objs, source=source,
                                       source_attr=source_attr, **kwargs)

            def related_objects(self, related_model, related_fields, objs):
                seen.append(("related", related_model.__name__,
                             [f.name for f in related_fields]))
                return super().related_objects(related_model, related_fields, objs)

            def can_fast_delete(self, *args, **kwargs):
                return False

        ann = Person.objects.create(name="Ann")
        Post.objects.create(author=ann, title="a")
        collector = Recorder(using="default")
        collector.collect([ann])
        self.assertIn(("related", "Post", ["author"]), seen)
        self.assertEqual([s for s in seen if s[0] == "collect"],
                         [("collect", None), ("collect", "author")])


class ToFieldManyToManyTests(DatabaseTestCase):
    """A many-to-many whose link table targets a to_field joins on it."""

    models = [Fan, Fandom]

    def test_filter_and_prefetch_join_on_the_to_field(self):
        Fan.objects.create(handle="zz")  # ids and handles do not line up
        ann, bob = Fan.objects.create(handle="ann"), Fan.objects.create(handle="bob")
        Fandom.objects.create(fan=ann, idol=bob)
        self.assertEqual(list(Fan.objects.filter(idols__handle="bob")), [ann])
        self.assertEqual(list(Fan.objects.filter(fans__handle="ann")), [bob])
        fans = list(Fan.objects.prefetch_related("idols", "fans"))
        self.assertEqual([([i.handle for i in f.idols.all()],
                           [i.handle for i in f.fans.all()]) for f in fans],
                         [([], []), (["bob"], []), ([], ["ann"])])


class ToFieldPathTests(DatabaseTestCase):
    """A foreign key with to_field stores that field, not the primary key."""

    models = [Person, Tagged, Badge]

    def setUp(self):
        super().setUp()
        Tagged.objects.create(code="zz")  # ids and codes do not line up
        self.tagged = Tagged.objects.create(code="abc")
        self.badge = Badge.objects.create(tagged=self.tagged)

    def test_fk_pk_is_the_targets_primary_key(self):
        self.assertEqual(list(Badge.objects.values_list("tagged__pk", flat=True)),
                         [self.tagged.pk])
        self.assertEqual(list(Badge.objects.filter(tagged__pk=self.tagged.pk)),
                         [self.badge])
        self.assertEqual(list(Badge.objects.filter(tagged__id=self.tagged.pk)),
                         [self.badge])

    def test_fk_to_field_is_read_from_the_column(self):
        self.assertEqual(list(Badge.objects.values_list("tagged__code", flat=True)),
                         ["abc"])
        self.assertEqual(list(Badge.objects.filter(tagged__code="abc")),
                         [self.badge])
        self.assertNotIn("JOIN", str(Badge.objects.filter(tagged__code="abc").query))


class RelatedInstanceValueTests(DatabaseTestCase):
    """A model instance compared with a relation gives the value the
    relation stores, found as Django finds it: through a key that is itself a
    one-to-one, or the instance's pk when it has no such field."""

    models = [Venue, Diner, Waiter, Sign]

    def setUp(self):
        super().setUp()
        Venue.objects.create(name="zz")  # ids and names do not line up
        self.venue = Venue.objects.create(name="abc")
        self.diner = Diner.objects.create(venue=self.venue)
        self.waiter = Waiter.objects.create(diner=self.diner)
        self.sign = Sign.objects.create(venue=self.venue)

    def test_an_instance_of_the_model_the_key_points_at_is_followed(self):
        self.assertEqual(list(Waiter.objects.filter(diner__venue=self.venue)),
                         [self.waiter])
        self.assertEqual(list(Waiter.objects.filter(diner__venue__exact=self.venue)),
                         [self.waiter])

    def test_an_instance_of_the_related_model_gives_its_pk(self):
        self.assertEqual(list(Diner.objects.filter(pk__exact=self.diner)), [self.diner])
        self.assertEqual(Venue.objects.get(diner=self.diner), self.venue)
        self.assertEqual(Venue.objects.get(diner__exact=self.diner), self.venue)

    def test_a_key_to_a_non_key_field_compares_that_field(self):
        self.assertEqual(list(Sign.objects.filter(venue=self.venue)), [self.sign])
        self.assertEqual(list(Sign.objects.filter(pk__exact=self.sign)), [self.sign])
