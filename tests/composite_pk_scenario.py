"""Composite primary keys (Django 5.2's CompositePrimaryKey) on SQLite, run on
real Django (tests/gen_composite_pk_expected.py records the results) and on
djscratch (tests/test_composite_pk.py compares).  The same text runs on both.
"""

import datetime
import json

from django.core.checks.model_checks import check_all_models
from django.core.exceptions import FieldError, ObjectDoesNotExist, ValidationError
from django.db import connection, models


class Product(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "orm_oracle"


class LineItem(models.Model):
    pk = models.CompositePrimaryKey("product_id", "order_ref")
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    order_ref = models.CharField(max_length=20)
    quantity = models.IntegerField(default=1)

    class Meta:
        app_label = "orm_oracle"


class Member(models.Model):
    pk = models.CompositePrimaryKey("email", "born")
    email = models.EmailField(max_length=255, unique=True)
    born = models.DateField()
    active = models.BooleanField(default=True)

    class Meta:
        app_label = "orm_oracle"


class Shipment(models.Model):
    """A ForeignObject to a composite key: two columns point at a LineItem."""

    product_ref = models.IntegerField(null=True)
    order_code = models.CharField(max_length=20, null=True)
    note = models.CharField(max_length=20, default="")
    line_item = models.ForeignObject(
        LineItem, on_delete=models.CASCADE, from_fields=("product_ref", "order_code"),
        to_fields=("product_id", "order_ref"), related_name="shipments", null=True)

    class Meta:
        app_label = "orm_oracle"


class Club(models.Model):
    name = models.CharField(max_length=20)
    region = models.IntegerField()

    class Meta:
        app_label = "orm_oracle"


class Player(models.Model):
    name = models.CharField(max_length=20)
    region = models.IntegerField()
    clubs = models.ManyToManyField(Club, through="Seat", related_name="players")

    class Meta:
        app_label = "orm_oracle"


class Seat(models.Model):
    """A link whose ForeignObjects match on the region as well."""

    region = models.IntegerField()
    player_id = models.IntegerField()
    club_id = models.IntegerField()
    player = models.ForeignObject(Player, on_delete=models.CASCADE,
                                  from_fields=("player_id", "region"),
                                  to_fields=("id", "region"))
    club = models.ForeignObject(Club, on_delete=models.CASCADE,
                                from_fields=("club_id", "region"),
                                to_fields=("id", "region"))

    class Meta:
        app_label = "orm_oracle"


class FirstShipmentField(models.ForeignObject):
    """A relation narrowed by get_extra_descriptor_filter() and, in joins,
    get_extra_restriction() (Django's extension points)."""

    requires_unique_target = False

    def get_extra_descriptor_filter(self, instance):
        return {"note": "boxed"}

    def get_extra_restriction(self, alias, related_alias):
        return _NoteIs(alias, "boxed")


class _NoteIs:
    def __init__(self, alias, note):
        self.alias, self.note = alias, note

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name_unless_alias
        return "%s.%s = %%s" % (qn(self.alias), qn("note")), [self.note]


class Parcel(models.Model):
    product_ref = models.IntegerField()
    order_code = models.CharField(max_length=20)
    boxed = FirstShipmentField(
        Shipment, on_delete=models.DO_NOTHING, related_name="+", null=True,
        from_fields=("product_ref", "order_code"),
        to_fields=("product_ref", "order_code"))

    class Meta:
        app_label = "orm_oracle"


class LineItemProxy(LineItem):
    """A proxy's key is its parent's: no models.E042 of its own."""

    class Meta:
        proxy = True
        app_label = "orm_oracle"


MODELS = (Product, LineItem, Member, Shipment, Club, Player, Seat, Parcel)


def _outcome(call):
    """The value `call` returns, or the type and message of what it raises."""
    try:
        return ["ok", call()]
    except (ValueError, TypeError, ObjectDoesNotExist, FieldError) as err:
        return [type(err).__name__, str(err)]
    except ValidationError as err:
        return [type(err).__name__, err.message_dict]


def _constructor_cases(out):
    for key, args in (("no_fields", ()), ("one_field", ("a",)),
                      ("repeated", ("a", "a")), ("not_strings", ("a", 1))):
        out["init_" + key] = _outcome(lambda args=args: models.CompositePrimaryKey(
            *args) and "made")
    for key, kwargs in (("default", {"default": 1}), ("db_column", {"db_column": "x"}),
                        ("editable", {"editable": True}),
                        ("not_primary", {"primary_key": False}),
                        ("not_blank", {"blank": False})):
        out["init_" + key] = _outcome(lambda kwargs=kwargs: models.CompositePrimaryKey(
            "a", "b", **kwargs) and "made")


def _meta_cases(out):
    pk = LineItem._meta.pk
    out["meta_pk"] = [type(pk).__name__, pk.name, pk.attname, pk.column,
                      pk.primary_key, pk.editable, pk.blank]
    out["meta_pk_fields"] = [f.name for f in pk.fields]
    out["meta_pk_columns"] = list(pk.columns)
    out["meta_is_composite_pk"] = [LineItem._meta.is_composite_pk,
                                   Product._meta.is_composite_pk]
    out["meta_get_field_pk"] = LineItem._meta.get_field("pk") is pk
    out["meta_concrete_fields"] = [f.name for f in LineItem._meta.concrete_fields]
    out["member_fields_primary_key"] = [
        f.primary_key for f in (Member._meta.get_field("email"),
                                Member._meta.get_field("born"))]
    out["check_messages"] = sorted(
        # The model checks themselves, not every registered one: a test that
        # installed contrib.auth earlier in this process left its permission
        # checks registered, and they need the auth app.
        m.id for m in check_all_models()
        if m.obj in MODELS + (LineItemProxy,)
        or getattr(m.obj, "model", None) in MODELS + (LineItemProxy,))


def _schema_cases(out):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s",
                       [LineItem._meta.db_table])
        sql = cursor.fetchone()[0]
    out["table_has_primary_key"] = 'PRIMARY KEY ("product_id", "order_ref")' in sql
    out["introspected_pk"] = [
        row[1] for row in connection.cursor().execute(
            "PRAGMA table_info(%s)" % LineItem._meta.db_table).fetchall()
        if row[5]]


def _instance_cases(out):
    apple = Product.objects.create(name="apple")
    item = LineItem.objects.create(product=apple, order_ref="A755H", quantity=1)
    out["created_pk"] = item.pk
    out["str"] = str(item)
    other = LineItem(pk=(apple.pk, "B142C"))
    out["assigned_pk"] = [other.product_id, other.order_ref, other.pk]
    out["assign_wrong_length"] = _outcome(lambda: setattr(other, "pk", (1,)))
    out["assign_not_tuple"] = _outcome(lambda: setattr(other, "pk", 1))
    other.quantity = 3
    other.save()
    out["count_after_save"] = LineItem.objects.count()
    out["filter_tuple"] = LineItem.objects.filter(pk=(apple.pk, "A755H")).count()
    out["filter_list"] = LineItem.objects.filter(pk=[apple.pk, "B142C"]).count()
    out["get"] = LineItem.objects.get(pk=(apple.pk, "B142C")).quantity
    out["get_missing"] = _outcome(lambda: LineItem.objects.get(pk=(apple.pk, "nope")))
    out["pk_in"] = sorted(LineItem.objects.filter(
        pk__in=[(apple.pk, "A755H"), (apple.pk, "B142C"), (99, "x")]).values_list(
        "order_ref", flat=True))
    out["pk_in_empty"] = LineItem.objects.filter(pk__in=[]).count()
    out["exclude_tuple"] = list(LineItem.objects.exclude(
        pk=(apple.pk, "A755H")).values_list("order_ref", flat=True))
    out["filter_wrong_length"] = _outcome(
        lambda: LineItem.objects.filter(pk=(1,)).count())
    out["filter_not_tuple"] = _outcome(lambda: LineItem.objects.filter(pk=1).count())
    out["pk_isnull"] = LineItem.objects.filter(pk__isnull=False).count()
    _tuple_lookup_cases(out, apple)
    out["values_list_pk"] = sorted(LineItem.objects.values_list(
        "product_id", "order_ref"))
    out["order_by_pk"] = [i.pk for i in LineItem.objects.order_by("-pk")]
    out["first_last"] = [LineItem.objects.first().pk, LineItem.objects.last().pk]
    out["update_pk"] = _outcome(lambda: LineItem.objects.update(pk=(1, "z")))
    out["full_clean_existing_key"] = _outcome(
        lambda: LineItem(product=apple, order_ref="A755H").full_clean())
    out["full_clean_new_key"] = _outcome(
        lambda: LineItem(product=apple, order_ref="NEW").full_clean())
    item.quantity = 9
    item.save()
    fresh = LineItem.objects.get(pk=item.pk)
    out["saved_update"] = fresh.quantity
    LineItem.objects.filter(pk=item.pk).update(quantity=12)
    item.refresh_from_db()
    out["refreshed"] = item.quantity
    out["equal_same_pk"] = item == LineItem.objects.get(pk=item.pk)
    out["hash_same_pk"] = hash(item) == hash(LineItem.objects.get(pk=item.pk))
    out["delete"] = item.delete()
    out["pk_after_delete"] = item.pk
    out["count_after_delete"] = LineItem.objects.count()
    out["queryset_delete"] = LineItem.objects.filter(pk=(apple.pk, "B142C")).delete()
    unsaved = LineItem(order_ref="half")
    out["hash_unsaved"] = _outcome(lambda: hash(unsaved))
    out["delete_unsaved"] = _outcome(unsaved.delete)
    out["equal_unsaved"] = [unsaved == LineItem(order_ref="half"), unsaved == unsaved]
    LineItem.objects.create(product=apple, order_ref="J1")
    out["joined_delete"] = LineItem.objects.filter(product__name="apple").delete()
    LineItem.objects.create(product=apple, order_ref="C1")
    out["cascade_from_product"] = apple.delete()


def _tuple_lookup_cases(out, apple):
    from django.db.models import F
    from django.db.models.fields.tuple_lookups import TupleExact, TupleIn

    refs = LineItem.objects.order_by("pk").values_list("order_ref", flat=True)
    for name in ("gt", "gte", "lt", "lte"):
        out["pk_" + name] = list(refs.filter(**{"pk__" + name: (apple.pk, "A755H")}))
    from unittest import mock

    with mock.patch.object(connection.features, "supports_tuple_lookups", False):
        for name in ("exact", "gt", "gte", "lt", "lte", "in"):
            value = [(apple.pk, "A755H")] if name == "in" else (apple.pk, "A755H")
            out["pk_%s_expanded" % name] = list(
                refs.filter(**{"pk__" + name: value}))
    lhs = (F("product_id"), F("order_ref"))
    out["tuple_exact_by_hand"] = list(refs.filter(TupleExact(lhs, (apple.pk, "B142C"))))
    out["tuple_in_by_hand"] = list(refs.filter(TupleIn(lhs, [(apple.pk, "A755H")])))
    out["pk_in_with_null"] = list(refs.filter(pk__in=[(None, "A755H")]))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        list(LineItem.objects.filter(pk__in=[(None, "A755H"), (apple.pk, None)]))
    out["pk_in_with_null_queries"] = len(ctx)
    for key, kwargs in (("gt_not_tuple", {"pk__gt": 1}),
                        ("in_not_tuples", {"pk__in": (1, 2)}),
                        ("in_wrong_width", {"pk__in": [(1, 2, 3)]}),
                        ("lte_wrong_width", {"pk__lte": (1,)})):
        out["pk_error_" + key] = _outcome(lambda kwargs=kwargs: list(
            LineItem.objects.filter(**kwargs)))
    out["tuple_in_not_query"] = _outcome(lambda: TupleIn(lhs, F("order_ref")))


def _foreign_object_cases(out):
    pear = Product.objects.create(name="pear")
    first = LineItem.objects.create(product=pear, order_ref="P1")
    second = LineItem.objects.create(product=pear, order_ref="P2")
    boxed = Shipment.objects.create(line_item=first, note="boxed")
    Shipment.objects.create(line_item=first, note="loose")
    Shipment.objects.create(note="orphan")
    out["fo_columns_set"] = [boxed.product_ref, boxed.order_code]
    out["fo_forward"] = Shipment.objects.get(note="boxed").line_item.order_ref
    out["fo_filter_object"] = Shipment.objects.filter(line_item=first).count()
    out["fo_filter_in"] = Shipment.objects.filter(
        line_item__in=[first, second]).count()
    out["fo_filter_isnull"] = Shipment.objects.filter(line_item__isnull=True).count()
    out["fo_filter_join"] = list(Shipment.objects.filter(
        line_item__order_ref="P1").order_by("note").values_list("note", flat=True))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        out["fo_select_related"] = sorted(
            (s.note, s.line_item and s.line_item.order_ref)
            for s in Shipment.objects.select_related("line_item"))
    out["fo_select_related_queries"] = len(ctx)
    with CaptureQueriesContext(connection) as ctx:
        out["fo_prefetch_forward"] = sorted(
            (s.note, s.line_item and s.line_item.order_ref)
            for s in Shipment.objects.prefetch_related("line_item"))
        out["fo_prefetch_reverse"] = sorted(
            (i.order_ref, sorted(s.note for s in i.shipments.all()))
            for i in LineItem.objects.filter(product=pear).prefetch_related(
                "shipments"))
    out["fo_prefetch_queries"] = len(ctx)
    out["fo_reverse_manager"] = sorted(s.note for s in first.shipments.all())
    out["fo_reverse_manager_knows_instance"] = all(
        s.line_item is first for s in first.shipments.all())
    import copy
    import pickle

    field = Shipment._meta.get_field("line_item")
    out["fo_path_infos"] = [
        [p.from_opts.model_name, p.to_opts.model_name,
         [f.name for f in p.target_fields], p.direct]
        for p in field.path_infos + field.reverse_path_infos +
        field.remote_field.path_infos]
    out["fo_copies"] = [
        "path_infos" in copy.copy(field).__dict__,
        copy.deepcopy(field).remote_field.field.name,
        pickle.loads(pickle.dumps(field)) is field,
        "path_infos" in pickle.loads(pickle.dumps(field.remote_field)).__dict__]
    loaded = Shipment.objects.get(note="boxed")
    loaded.line_item  # cached
    with CaptureQueriesContext(connection) as ctx:
        copy.deepcopy(loaded).line_item
        pickle.loads(pickle.dumps(loaded)).line_item
    out["copies_keep_related_cache"] = len(ctx)
    out["fo_class_attribute_field"] = Shipment.line_item.field is \
        Shipment._meta.get_field("line_item")
    out["fo_does_not_exist_class"] = [
        issubclass(Shipment.line_item.RelatedObjectDoesNotExist, exc)
        for exc in (LineItem.DoesNotExist, AttributeError)]
    out["fo_reverse_filter"] = list(LineItem.objects.filter(
        shipments__note="loose").values_list("order_ref", flat=True))
    out["fo_reverse_object"] = list(LineItem.objects.filter(
        shipments=boxed).values_list("order_ref", flat=True))
    out["fo_reverse_isnull"] = list(LineItem.objects.filter(
        product=pear, shipments__isnull=True).values_list("order_ref", flat=True))
    out["fo_update_unsaved"] = _outcome(lambda: Shipment.objects.update(
        line_item=LineItem()))
    out["update_to_pk"] = _outcome(lambda: LineItem.objects.update(
        order_ref=models.F("pk")))
    out["update_joined"] = LineItem.objects.filter(
        shipments__note="boxed").update(quantity=3)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out["fo_joining_columns"] = [
            list(Shipment.line_item.field.get_joining_columns()),
            list(Shipment.line_item.field.get_reverse_joining_columns()),
            list(Shipment.line_item.field.remote_field.get_joining_columns())]
    out["fo_joining_columns_warnings"] = [
        (w.category.__name__, str(w.message)) for w in caught]
    parcel = Parcel.objects.create(product_ref=pear.pk, order_code="P1")
    out["fo_extra_descriptor_filter"] = Parcel.objects.get(pk=parcel.pk).boxed.note
    field = Parcel._meta.get_field("boxed")
    probe = Parcel(product_ref=pear.pk, order_code="P1")
    before = field.is_cached(probe)
    field.set_cached_value(probe, None)
    out["fo_field_cache"] = [before, field.is_cached(probe),
                             field.get_cached_value(probe)]
    out["fo_extra_restriction"] = [
        (p.boxed.note if p.boxed else None)
        for p in Parcel.objects.select_related("boxed")]
    out["fo_wrong_width"] = _outcome(
        lambda: Shipment.objects.filter(line_item=1).count())
    out["fo_values"] = list(Shipment.objects.filter(note="boxed").values(
        "line_item", "note"))
    out["values_pk"] = list(LineItem.objects.filter(product=pear).order_by(
        "pk").values("pk", "quantity"))
    out["values_list_pk_flat"] = list(LineItem.objects.filter(product=pear).order_by(
        "-pk").values_list("pk", flat=True))
    out["pk_in_subquery"] = LineItem.objects.filter(
        pk__in=LineItem.objects.filter(order_ref="P2")).count()
    out["pk_in_values_subquery"] = LineItem.objects.filter(
        pk__in=LineItem.objects.values("product_id", "order_ref")).count()
    out["pk_in_subquery_width"] = _outcome(lambda: LineItem.objects.filter(
        pk__in=LineItem.objects.values("pk", "quantity")).count())
    _expression_cases(out, pear)
    _bulk_cases(out, pear)
    _save_cases(out, second)
    out["fo_cascade"] = first.delete()
    out["fo_left"] = Shipment.objects.count()


def _expression_cases(out, pear):
    from django.db.models import Case, Count, F, Max, When
    from django.db.models.functions import Cast

    items = LineItem.objects.filter(product=pear)
    out["count_reverse"] = sorted(items.annotate(n=Count("shipments")).values_list(
        "order_ref", "n"))
    out["count_pk"] = items.aggregate(n=Count("pk"))
    out["count_distinct_pk"] = _outcome(lambda: items.aggregate(
        n=Count("pk", distinct=True)))
    out["max_pk"] = _outcome(lambda: items.aggregate(Max("pk")))
    out["pk_as_value"] = _outcome(lambda: items.filter(order_ref__gt=F("pk")).count())
    out["pk_combined"] = _outcome(lambda: items.filter(
        order_ref__gt=F("pk") + (1, 1)).count())
    out["pk_cast"] = _outcome(lambda: items.filter(
        order_ref=Cast(F("pk"), models.TextField())).count())
    out["pk_case"] = _outcome(lambda: items.filter(
        order_ref=Case(When(quantity=1, then="pk"))).count())
    out["first_grouped_by_key"] = items.values("product", "order_ref").annotate(
        n=Count("quantity")).first()
    out["first_grouped_without_key"] = _outcome(lambda: items.values(
        "order_ref").annotate(n=Count("quantity")).first())
    out["last_grouped_without_key"] = _outcome(lambda: Product.objects.values(
        "name").annotate(n=Count("id")).last())
    out["order_by_f_pk"] = [i.order_ref for i in items.order_by(F("pk").desc())]


def _bulk_cases(out, pear):
    made = LineItem.objects.bulk_create([
        LineItem(product=pear, order_ref="B1", quantity=5),
        LineItem(pk=(pear.pk, "B2"), quantity=6)])
    out["bulk_create_pks"] = [o.pk for o in made]
    for obj in made:
        obj.quantity += 10
    out["bulk_update"] = LineItem.objects.bulk_update(made, ["quantity"])
    out["bulk_updated"] = list(LineItem.objects.filter(
        order_ref__in=["B1", "B2"]).order_by("pk").values_list("quantity", flat=True))
    out["bulk_update_pk_field"] = _outcome(
        lambda: LineItem.objects.bulk_update(made, ["order_ref"]))
    LineItem.objects.filter(order_ref__in=["B1", "B2"]).delete()


def _save_cases(out, item):
    from django.test.utils import CaptureQueriesContext

    out["save_update_fields_key"] = _outcome(
        lambda: item.save(update_fields=["order_ref"]))
    deferred = LineItem.objects.defer("quantity").get(pk=item.pk)
    with CaptureQueriesContext(connection) as ctx:
        deferred.save()
    out["save_deferred_queries"] = len(ctx)  # the deferred field read, the UPDATE
    with CaptureQueriesContext(connection) as ctx:
        item.full_clean()
    out["full_clean_existing_queries"] = len(ctx)  # the product key's check only
    out["only_pk"] = [i.pk for i in LineItem.objects.filter(pk=item.pk).only("pk")]
    out["values_pk_sql_unaliased"] = 'AS "pk"' not in str(
        LineItem.objects.values("pk").query)
    with CaptureQueriesContext(connection) as ctx:
        item.save()
    out["save_writes_key_once"] = [len(ctx), ctx.captured_queries[0]["sql"].count(
        '"order_ref"')]


def _many_to_many_cases(out):
    north = Club.objects.create(name="north", region=1)
    ann = Player.objects.create(name="ann", region=1)
    bo = Player.objects.create(name="bo", region=2)
    Seat.objects.create(player=ann, club=north, region=1)
    Seat.objects.create(player_id=bo.id, club_id=north.id, region=2)  # mismatched
    out["m2m_fo_forward"] = [p.name for p in north.players.all()]
    out["m2m_fo_reverse"] = [[c.name for c in p.clubs.all()] for p in (ann, bo)]
    out["m2m_fo_filter"] = list(Player.objects.filter(
        clubs__name="north").values_list("name", flat=True))
    out["m2m_fo_filter_reverse"] = list(Club.objects.filter(
        players__name="bo").values_list("name", flat=True))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        out["m2m_fo_prefetch"] = [
            [c.name, [p.name for p in c.players.all()]]
            for c in Club.objects.prefetch_related("players")] + [
            [p.name, [c.name for c in p.clubs.all()]]
            for p in Player.objects.order_by("name").prefetch_related("clubs")]
    out["m2m_fo_prefetch_queries"] = len(ctx)


def _member_cases(out):
    born = datetime.date(1976, 11, 8)
    member = Member.objects.create(email="staff@example.com", born=born)
    out["member_pk"] = [member.pk[0], member.pk[1].isoformat()]
    found = Member.objects.get(pk=("staff@example.com", born))
    out["member_get"] = found.email
    out["member_previous_unsaved"] = _outcome(
        lambda: Member(email="x@example.com").get_previous_by_born())
    with connection.cursor() as cursor:
        out["introspected_pk_columns"] = connection.introspection.\
            get_primary_key_columns(cursor, LineItem._meta.db_table)
    out["member_pk_value_to_string"] = Member._meta.pk.value_to_string(member)
    out["member_pk_to_python"] = _outcome(lambda: [
        str(v) for v in Member._meta.pk.to_python('["a@b.c", "2000-01-02"]')])
    found.active = False
    found.save()
    member.refresh_from_db()
    out["member_saved"] = member.active
    out["member_save_changed_key_inserts"] = None
    member.email = "new@example.com"
    member.save()
    out["member_save_changed_key_inserts"] = Member.objects.count()


def run():
    """Create the tables, run every case, drop the tables; return what was seen."""
    out = {}
    _constructor_cases(out)
    _meta_cases(out)
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    try:
        _schema_cases(out)
        _instance_cases(out)
        _member_cases(out)
        _foreign_object_cases(out)
        _many_to_many_cases(out)
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
    return json.loads(json.dumps(out, default=str))
