"""How querysets that mix filters, annotations and aggregates over
multi-valued relations are built (which joins are shared, what goes to
WHERE, HAVING and GROUP BY), run on real Django
(tests/gen_query_building_expected.py records the results) and on djscratch
(tests/test_orm_query_building.py compares).  The same text runs on both.
"""

import decimal
import json

from django.core.exceptions import FieldError
from django.db import connection, models
from django.db.models import (
    Case, Count, DecimalField, ExpressionWrapper, F, Max, OuterRef, Q, Subquery, Sum,
    Value, When,
)


class QbPublisher(models.Model):
    name = models.CharField(max_length=40)

    class Meta:
        app_label = "orm_oracle"


class QbAuthor(models.Model):
    name = models.CharField(max_length=40)
    age = models.IntegerField()
    friends = models.ManyToManyField("self", blank=True)

    class Meta:
        app_label = "orm_oracle"
        ordering = ["name"]


class QbBook(models.Model):
    title = models.CharField(max_length=40)
    price = models.DecimalField(max_digits=6, decimal_places=2)
    rating = models.FloatField()
    publisher = models.ForeignKey(QbPublisher, models.CASCADE, related_name="books")
    authors = models.ManyToManyField(QbAuthor, related_name="books")

    class Meta:
        app_label = "orm_oracle"


class QbStock(models.Model):
    book = models.ForeignKey(QbBook, models.CASCADE, related_name="stock")
    available = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        app_label = "orm_oracle"


MODELS = (QbPublisher, QbAuthor, QbBook, QbStock)


def _populate():
    ann, bob, cid, dee = (QbAuthor.objects.create(name=n, age=a) for n, a in (
        ("Ann", 30), ("Bob", 40), ("Cid", 50), ("Dee", 60)))
    ann.friends.add(bob, cid)
    bob.friends.add(dee)
    acme, brio, cube = (QbPublisher.objects.create(name=n) for n in (
        "Acme", "Brio", "Cube"))
    books = [("Alpha", "10.00", 4.0, acme, [ann, bob]),
             ("Beta", "35.50", 3.5, acme, [bob]),
             ("Gamma", "20.00", 5.0, brio, [ann, bob, cid]),
             ("Delta", "45.00", 4.5, brio, [dee]),
             ("Eps", "60.00", 2.0, cube, [])]
    for title, price, rating, publisher, authors in books:
        book = QbBook.objects.create(title=title, price=decimal.Decimal(price),
                                     rating=rating, publisher=publisher)
        book.authors.set(authors)
    for title, amounts in (("Alpha", ["5", "6"]), ("Beta", ["5", "5"]),
                           ("Gamma", ["5", "4"])):
        for amount in amounts:
            QbStock.objects.create(book=QbBook.objects.get(title=title),
                                   available=decimal.Decimal(amount))


def _names(queryset):
    return [str(obj) if not hasattr(obj, "_meta") else getattr(
        obj, "title", None) or obj.name for obj in queryset]


def _decimal_cases(out):
    """A decimal expression over an aggregate compared with a number."""
    needed = QbBook.objects.annotate(total=Sum("stock__available")).annotate(
        needed=Value(10) - F("total"))
    for lookup in ("gt", "gte", "lt", "lte"):
        out["decimal_having_%s" % lookup] = sorted(_names(needed.filter(
            **{"needed__%s" % lookup: 0})))


def _case_cases(out):
    """Case and When: decimal results, no When, a negated multi-valued
    condition inside an aggregate, a condition reading an aggregate."""
    decimal_case = QbBook.objects.annotate(
        x=Case(When(title="Alpha", then=F("price"))),
        y=ExpressionWrapper(Value(10), output_field=DecimalField()),
        z=Value(decimal.Decimal("10")))
    out["decimal_case_equals_number"] = _names(decimal_case.filter(
        Q(x=10) & Q(x=decimal.Decimal("10"))))
    out["decimal_wrapper_and_value_equal_number"] = len(decimal_case.filter(
        y=10, z=decimal.Decimal("10")))
    out["case_without_when_is_its_default"] = list(QbBook.objects.annotate(
        c=Case(default=Value(7))).values_list("c", flat=True).order_by("pk")[:1])
    out["negated_multi_valued_when_in_sum"] = list(QbBook.objects.values_list(
        "title").annotate(s=Sum(Case(When(~Q(authors__name="Bob"), then=1),
                                     default=2))).order_by("title"))
    out["when_reading_an_aggregate_filters_groups"] = _names(QbBook.objects.annotate(
        top=Max("authors__age")).filter(rating=Case(
            When(top=F("top"), then=F("rating")))).filter(top__gte=50).order_by("pk"))
    refused = {}
    for label, build in (("object", lambda: When(condition=object())),
                         ("value", lambda: When(condition=Value(1))),
                         ("value_and_lookups", lambda: When(Value(1), title="1")),
                         ("empty_q", lambda: When(Q(), then=Value(True))),
                         ("case_of_non_when", lambda: Case(When(Q(pk__in=[])), 1))):
        try:
            build()
        except (TypeError, ValueError) as exc:
            refused[label] = "%s: %s" % (type(exc).__name__, exc)
    out["invalid_when_and_case"] = refused


def _join_cases(out):
    """filter() before annotate() shares its join; after, it joins again."""
    out["annotate_after_filter_counts_matching_rows"] = sorted(
        (p.name, p.n) for p in QbPublisher.objects.filter(
            books__price__lt=decimal.Decimal("40")).annotate(n=Count("books")))
    out["annotate_then_filter_on_count"] = _names(QbBook.objects.annotate(
        n=Count("authors")).filter(n=2).order_by("pk"))
    out["filter_mixing_aggregate_and_column"] = _names(QbBook.objects.annotate(
        n=Count("authors")).filter(authors__name="Cid", n__gt=1).order_by("pk"))
    out["aggregate_after_filter_reuses_join"] = QbPublisher.objects.filter(
        books__rating__gte=4).aggregate(n=Count("books"))
    out["values_list_annotations_share_join"] = list(QbPublisher.objects.filter(
        name="Acme").values_list("name").annotate(
        Count("books"), low=Sum("books__rating")).order_by("name"))


def _group_by_cases(out):
    """values() then aggregates that read plain columns too."""
    rows = QbAuthor.objects.values("name").annotate(
        plus=Sum("age") + F("age")).filter(name="Ann")
    out["values_aggregate_plus_column"] = list(rows)
    rows = rows.annotate(combined=Sum("age") + F("friends__age")).order_by(
        "-combined")
    out["values_aggregate_plus_related_column"] = list(rows)
    out["values_of_expressions_only"] = list(QbBook.objects.values(
        one=Value(1), two=Value(2)).order_by("one")[:2])


def _subquery_and_combining_cases(out):
    """Sliced querysets combined with | and ^, a queryset as a value in
    arithmetic and in values_list(), OuterRef() in an annotation after a
    filter() on a multi-valued relation, a HAVING's column grouped by."""
    by_price = QbBook.objects.order_by("price")
    out["or_of_sliced_querysets"] = sorted(_names(by_price[:1] | by_price[4:]))
    out["xor_of_sliced_querysets"] = sorted(_names(by_price[:2] ^ by_price[1:3]))
    same_price = QbBook.objects.filter(pk=OuterRef("pk")).values("price")
    out["queryset_in_arithmetic"] = _names(QbBook.objects.annotate(
        d=same_price - F("price")).filter(d=0).order_by("pk"))
    count_qs = QbBook.objects.filter(publisher=OuterRef("pk"), rating__gte=4).values(
        "publisher").annotate(n=Count("pk")).values("n")
    out["values_list_of_a_queryset"] = sorted(QbPublisher.objects.values_list(
        count_qs).annotate(total=Count("*")), key=str)
    rating = QbBook.objects.filter(pk=OuterRef("books")).values("rating")
    out["outer_ref_reuses_filter_join"] = list(QbPublisher.objects.filter(
        books__authors__age__gt=35).annotate(r=Subquery(rating)).values("r").annotate(
        n=Count("*")).order_by("r"))
    cid = QbAuthor.objects.filter(name="Cid")
    out["having_or_with_column"] = sorted(b.title for b in QbBook.objects.annotate(
        Count("authors")).filter(Q(authors__in=cid) | Q(authors__count__gt=1)))


def _alias_cases(out):
    """alias(): never selected, replaced by an annotate() of its name,
    refused in values() and aggregate(), an aggregate one orders groups."""
    out["annotate_reads_the_alias_it_replaces"] = list(QbBook.objects.alias(
        r=F("rating")).annotate(r=F("r") * 2).values_list("r", flat=True).order_by(
        "pk")[:2])
    out["alias_after_values_list"] = list(QbBook.objects.values_list("title").alias(
        t=F("title")).order_by("pk")[:1])
    out["alias_of_an_aggregate_orders_groups"] = list(QbBook.objects.values(
        "publisher").alias(n=Count("pk")).order_by("n", "publisher").values_list(
        "publisher", flat=True))
    out["alias_by_default_name"] = _names(QbPublisher.objects.alias(
        Count("books")).filter(books__count=2).order_by("pk"))
    refused = {}
    for label, build in (
            ("values", lambda: QbBook.objects.alias(r=F("rating")).values("r")),
            ("aggregate", lambda: QbBook.objects.alias(r=F("rating")).aggregate(
                s=Sum("r"))),
            ("non_expressions", lambda: QbBook.objects.annotate(
                Value(1), x=True, y="text"))):
        try:
            build()
        except (FieldError, TypeError) as exc:
            refused[label] = "%s: %s" % (type(exc).__name__, exc)
    out["alias_refusals"] = refused


def _q_check_cases(out):
    """Q.check(): a condition tested against values by the database."""
    from django.db.models.functions import Lower

    out["q_check"] = [
        Q(price__gt=20).check({"price": 30}), Q(price__gt=20).check({"price": 10}),
        Q(title="abc").check({"title": Lower(Value("ABC"))}),
        (Q(rating__gte=4) | Q(title__startswith="x")).check(
            {"rating": 3, "title": "xyz"})]
    try:
        Q(missing=1).check({"title": "a"})
    except FieldError as exc:
        out["q_check_missing_name"] = str(exc)


def _union_cases(out):
    """Ordering a union by F() (with NULLS LAST), none() of a union, a union
    in a subquery reading the outer query, a column the rows do not select."""
    cheap = QbBook.objects.filter(price__lt=30)
    dear = QbBook.objects.filter(price__gte=30)
    out["union_ordered_by_f"] = _names(cheap.union(dear).order_by(F("rating").desc()))
    out["union_nulls_last"] = list(cheap.values(r=F("rating")).union(
        dear.values(r=Value(None, output_field=models.FloatField()))).order_by(
        F("r").asc(nulls_last=True)).values_list("r", flat=True))
    out["union_none"] = list(cheap.union(dear).none())
    same = QbBook.objects.filter(pk=OuterRef("pk")).values("pk")
    out["union_in_subquery"] = _names(QbBook.objects.filter(
        pk__in=same.union(same.filter(price__gt=1000))).order_by("pk"))
    try:
        list(cheap.values("title", n=F("rating")).union(dear.values(
            "title", "rating")).order_by("price"))
    except Exception as exc:
        out["union_order_by_unselected"] = type(exc).__name__


def _small_cases(out):
    """A queryset inside a function, ~F() of a boolean, -F(), exists() of
    a query whose annotations take parameters."""
    from django.db.models.functions import Coalesce, Lower

    none = QbBook.objects.filter(pk=0).values("pk")
    out["coalesce_of_empty_queryset"] = list(QbBook.objects.annotate(
        c=Coalesce(none, 42)).values_list("c", flat=True)[:1])
    out["negated_f"] = _names(QbBook.objects.annotate(cheap=Case(
        When(price__lt=30, then=Value(True)), default=Value(False),
        output_field=models.BooleanField())).filter(~F("cheap")).order_by("pk"))
    out["negative_f"] = list(QbBook.objects.annotate(n=-F("rating")).values_list(
        "n", flat=True).order_by("pk")[:2])
    out["grouped_query_is_not_ordered_by_meta"] = [
        QbAuthor.objects.annotate(n=Count("books")).ordered,
        QbAuthor.objects.annotate(n=Count("books")).order_by("name").ordered,
        "ORDER BY" in str(QbAuthor.objects.annotate(n=Count("books")).query)]
    row = QbBook.objects.annotate(title__count1=Count("pk")).values_list(
        Count("pk"), "title__count1", named=True).order_by("pk").first()
    out["named_values_list_expression_names"] = list(row._fields)
    out["aggregate_naming_an_earlier_one"] = QbPublisher.objects.aggregate(
        n=Count("books"), m=Coalesce("n", 0) + 1)
    out["aggregate_of_an_ordered_slice"] = QbBook.objects.order_by("-rating")[:2] \
        .aggregate(a=Sum("rating"))
    out["exists_with_annotation_params"] = QbBook.objects.annotate(
        t=Lower(Value("X"))).filter(t="x").exists()


def _lazy_type_cases(out):
    """A type that cannot be inferred is reported when the query runs."""
    queryset = QbBook.objects.annotate(s=Sum("rating") + Sum("price"))
    out["uninferable_type_at_annotate"] = "no error"
    try:
        queryset.first()
    except FieldError as exc:
        out["uninferable_type_when_run"] = str(exc)


def _iterable_value_cases(out):
    """`in` and `range` iterate their value once, when filter() builds the
    lookup: a str is its characters, a generator is read once, None and an
    int are not iterable (TypeError)."""
    def outcome(build):
        try:
            return sorted(QbAuthor.objects.filter(build()).values_list("name",
                                                                       flat=True))
        except (TypeError, ValueError) as exc:
            kind = "ValueError" if isinstance(exc, ValueError) else "TypeError"
            return "%s: %s" % (kind, exc)

    ids = list(QbAuthor.objects.order_by("pk").values_list("pk", flat=True))
    digits = "".join(str(pk) for pk in ids[:2])
    for label, build in (
            ("pk_in_letters", lambda: Q(pk__in="abc")),
            ("pk_in_digits", lambda: Q(pk__in=digits)),
            ("pk_in_generator", lambda: Q(pk__in=(pk for pk in ids[:2]))),
            ("pk_in_map", lambda: Q(pk__in=map(int, ids[:1]))),
            ("pk_in_set", lambda: Q(pk__in=set(ids[:3]))),
            ("pk_in_dict", lambda: Q(pk__in={ids[0]: "x"})),
            ("pk_in_none", lambda: Q(pk__in=None)),
            ("pk_in_int", lambda: Q(pk__in=1)),
            ("pk_in_empty_str", lambda: Q(pk__in="")),
            ("name_in_str", lambda: Q(name__in="Ann")),
            ("not_pk_in_letters", lambda: ~Q(pk__in="abc")),
            ("pk_range_letters", lambda: Q(pk__range="ab")),
            ("pk_range_generator", lambda: Q(pk__range=(pk for pk in ids[:2]))),
            ("pk_range_none", lambda: Q(pk__range=None)),
            ("pk_range_int", lambda: Q(pk__range=1))):
        out["iterable_value_" + label] = outcome(build)
    generator = QbAuthor.objects.filter(pk__in=(pk for pk in ids[:2]))
    out["iterable_value_generator_read_once"] = [len(generator), len(generator.all())]


def run():
    """Create the tables, run every case, drop the tables; return what was seen."""
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    out = {}
    try:
        _populate()
        for cases in (_decimal_cases, _case_cases, _join_cases, _group_by_cases,
                      _subquery_and_combining_cases, _alias_cases, _q_check_cases,
                      _union_cases, _small_cases, _lazy_type_cases,
                      _iterable_value_cases):
            cases(out)
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
    return json.loads(json.dumps(out, default=str))
