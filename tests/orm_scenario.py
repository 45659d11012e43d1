"""One ORM scenario, run on real Django (tests/gen_orm_expected.py records the
results in tests/orm_expected.json) and on djscratch (tests/test_orm_oracle.py
compares).  Plain Django model code: the same text runs on both.
"""

import datetime
import json
import warnings

from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models




class Author(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "orm_oracle"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    label = models.CharField(max_length=20, unique=True)

    class Meta:
        app_label = "orm_oracle"


class Entry(models.Model):
    class Status(models.TextChoices):
        DRAFT = "d", "Draft"
        PUBLISHED = "p", "Published"

    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=10)
    status = models.CharField(max_length=1, choices=Status.choices, default="d")
    votes = models.PositiveIntegerField(default=0)
    when = models.DateTimeField(null=True)
    tags = models.ManyToManyField(Tag)

    class Meta:
        app_label = "orm_oracle"


class Comment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE)
    text = models.TextField()

    class Meta:
        app_label = "orm_oracle"


class Shelf(models.Model):
    author = models.ForeignKey(Author, on_delete=models.PROTECT)

    class Meta:
        app_label = "orm_oracle"


def run():
    """Run the scenario on an empty database; return the observations."""
    out = {}
    with connection.schema_editor() as editor:
        for model in (Author, Tag, Entry, Comment, Shelf):
            editor.create_model(model)
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456,
                             tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    e1 = Entry.objects.create(author=ann, title="One", when=when, votes=2)
    e2 = Entry.objects.create(author=ann, title="Two",
                              when=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    Entry.objects.create(author=bob, title="Three")
    for text in ("a", "b"):
        Comment.objects.create(entry=e1, text=text)
    t1, t2 = Tag.objects.create(label="x"), Tag.objects.create(label="y")
    e1.tags.add(t1, t2)
    e2.tags.add(t1)
    with connection.cursor() as c:
        c.execute("SELECT \"when\" FROM orm_oracle_entry ORDER BY id")
        out["stored_datetimes"] = [r[0] for r in c.fetchall()]
    out["read_datetime"] = str(Entry.objects.get(pk=e1.pk).when)
    out["read_datetime_repr"] = repr(Entry.objects.get(pk=e1.pk).when)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive = Entry(author=bob, title="N", when=datetime.datetime(2024, 2, 3, 4, 5))
        naive.save()
        naive.delete()
    out["naive_warning"] = str(caught[0].message) if caught else None
    out["repr_queryset"] = repr(Entry.objects.order_by("pk"))
    out["repr_values"] = repr(Entry.objects.order_by("pk").values("title", "votes"))
    out["repr_values_list"] = repr(Entry.objects.order_by("pk").values_list("title",
                                                                            "status"))
    out["repr_authors"] = repr(Author.objects.all())
    for name in ("nope", "author__nope"):
        try:
            list(Entry.objects.filter(**{name: 1}))
        except FieldError as err:
            out["field_error_" + name] = str(err)
    try:
        Entry.objects.order_by("nope").first()
    except FieldError as err:
        out["field_error_order_by"] = str(err)
    try:
        Entry.objects.get(title="missing")
    except Entry.DoesNotExist as err:
        out["does_not_exist"] = str(err)
    try:
        Entry.objects.get(author=ann)
    except Entry.MultipleObjectsReturned as err:
        out["multiple"] = str(err)
    bad = Entry(author=ann, title="far too long a title", status="z", votes=-1)
    try:
        bad.full_clean()
    except ValidationError as err:
        out["full_clean"] = err.message_dict
    dup = Tag(label="x")
    try:
        dup.full_clean()
    except ValidationError as err:
        out["unique_error"] = err.message_dict
    out["display"] = e1.get_status_display()
    out["choices"] = Entry.Status.choices
    out["str_entry"] = str(e1)
    out["count_filter_comment"] = Entry.objects.filter(
        comment__text__in=["a", "b"]).count()
    out["exclude_comment"] = list(Entry.objects.exclude(
        comment__text="a").order_by("pk").values_list("title", flat=True))
    out["annotate_count"] = list(Author.objects.annotate(
        n=models.Count("entry")).values_list("name", "n"))
    out["annotate_distinct"] = list(Author.objects.annotate(
        n=models.Count("entry__comment", distinct=True)).values_list("name", "n"))
    out["aggregate"] = Entry.objects.aggregate(
        total=models.Sum("votes"), avg=models.Avg("votes"), n=models.Count("id"),
        hi=models.Max("votes"))
    out["values_author"] = list(Entry.objects.values("author").annotate(
        n=models.Count("id")).order_by("author"))
    out["year_filter"] = Entry.objects.filter(when__year=2024).count()
    out["date_filter"] = Entry.objects.filter(
        when__date=datetime.date(2024, 5, 6)).count()
    out["contains_case"] = Entry.objects.filter(title__contains="one").count()
    out["overflow_get"] = Entry.objects.filter(pk=2 ** 64).count()
    try:
        Shelf.objects.create(author=bob)
        bob.delete()
    except models.ProtectedError as err:
        out["protected"] = err.args[0]
    out["sum_empty"] = Entry.objects.filter(votes__gt=99).aggregate(
        s=models.Sum("votes"), n=models.Count("id"), a=models.Avg("votes"))
    out["q_or"] = sorted(Entry.objects.filter(
        models.Q(title="One") | models.Q(author__name="Bob")).values_list(
        "title", flat=True))
    out["f_filter"] = list(Entry.objects.filter(votes__gte=models.F("votes")).order_by(
        "pk").values_list("pk", flat=True))
    out["union_order"] = list(Entry.objects.filter(pk=1).union(
        Entry.objects.filter(pk=3)).order_by("-pk").values_list("title", flat=True))
    out["select_related_names"] = [e.author.name for e in Entry.objects.select_related(
        "author").order_by("pk")]
    out["prefetch_tags"] = [sorted(t.label for t in e.tags.all()) for e in
                            Entry.objects.prefetch_related("tags").order_by("pk")]
    out["reverse_m2m"] = sorted(Tag.objects.get(label="x").entry_set.values_list(
        "title", flat=True))
    out["get_or_create"] = [Author.objects.get_or_create(name="Ann")[1],
                            Author.objects.get_or_create(name="Cid")[1]]
    out["values_list_dates"] = [str(v) for v in Entry.objects.order_by(
        "pk").values_list("when", flat=True)]
    out["exists_none"] = [Entry.objects.none().exists(), Entry.objects.exists()]
    out["first_last"] = [Entry.objects.first().title, Entry.objects.last().title]
    out["distinct_authors"] = Entry.objects.values("author").distinct().count()
    out["slice_repr"] = repr(Entry.objects.order_by("-pk")[1:3])
    out["in_bulk_keys"] = sorted(Entry.objects.in_bulk([1, 2, 99]))
    ghost = Entry(author_id=999, title="g")
    try:
        ghost.full_clean()
    except ValidationError as err:
        out["fk_invalid"] = err.message_dict
    try:
        Entry.objects.get(pk="abc")
    except ValueError as err:
        out["bad_pk"] = str(err)
    out["delete_entry"] = repr(e1.delete())
    out["delete_author"] = repr(ann.delete())
    out["delete_qs"] = repr(Tag.objects.all().delete())
    return json.loads(json.dumps(out, default=str))
