"""Model inheritance as Django documents it (proxy models, abstract parents,
multi-table inheritance), in its own process: prints what each behaviour gave,
as JSON (query results and the rows of each table, never SQL text).

tests/gen_inheritance_expected.py runs it on real Django and records
tests/inheritance_expected.json; tests/test_inheritance.py runs it on
djscratch and compares.  INHERITANCE_ORACLE=django selects real Django.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

if os.environ.get("INHERITANCE_ORACLE") != "django":
    import djscratch  # noqa: F401  (django.* resolves to djscratch)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False, USE_TZ=True, TIME_ZONE="UTC", SECRET_KEY="inheritance-" + "x" * 40,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth",
                    "tests.inherit_oracle"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core import checks  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.db.models import Count, F, Max, Sum  # noqa: E402
from django.db.models.signals import post_delete, post_save, pre_save  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.inherit_oracle.models import (  # noqa: E402
    Annex, DefaultSmith, Franchise, ItalianRestaurant, MyPerson, OrderedPerson, Owner,
    ParkingLot, Person, Pet, Place, Rated, Restaurant, RestaurantProxy, Review,
    StatusPerson, Tag,
)

PROXIES = [MyPerson, OrderedPerson, StatusPerson, DefaultSmith]


def rows(queryset):
    return [[type(obj).__name__, str(obj)] for obj in queryset]


def meta(model):
    opts = model._meta
    return {
        "proxy": opts.proxy,
        "proxy_for_model": opts.proxy_for_model and opts.proxy_for_model.__name__,
        "concrete_model": opts.concrete_model.__name__,
        "db_table": opts.db_table,
        "pk": opts.pk.name,
        "local_fields": [f.name for f in opts.local_fields],
        "fields": [f.name for f in opts.fields],
        "get_fields": [f.name for f in opts.get_fields()],
        "ordering": list(opts.ordering),
        "get_latest_by": opts.get_latest_by,
        "managers": [m.name for m in opts.managers],
        "default_manager": opts.default_manager.name,
        "verbose_name": str(opts.verbose_name),
    }


def error(build):
    try:
        build()
    except Exception as exc:
        return [type(exc).__name__, str(exc)]
    return None


def define(name, bases, meta_attrs, **body):
    meta_class = type("Meta", (), {"app_label": "inherit_oracle", **meta_attrs})
    return type(name, bases, {"__module__": __name__, "Meta": meta_class, **body})


def data():
    for first, last, created in [("John", "Smith", 3), ("Jane", "Doe", 1),
                                 ("Anna", "Smith", 2), ("Bob", "Brown", 4)]:
        Person.objects.create(first_name=first, last_name=last, created=created)


def run():
    call_command("migrate", run_syncdb=True, verbosity=0)
    out = {}
    signals = []

    def record(signal):
        def receiver(sender, **kwargs):
            # (Link rows of a many-to-many: djscratch signals their deletion,
            # Django does not; a separate difference, left out here.)
            if sender._meta.app_label == "inherit_oracle" and \
                    not sender._meta.auto_created:
                signals.append([signal, sender.__name__])
        return receiver

    receivers = [record(n) for n in ("pre_save", "post_save", "post_delete")]
    pre_save.connect(receivers[0])
    post_save.connect(receivers[1])
    post_delete.connect(receivers[2])
    data()
    for model in [Person, *PROXIES]:
        out["meta " + model.__name__] = meta(model)
        out["all " + model.__name__] = rows(model.objects.all())
    out["smiths"] = rows(MyPerson.smiths.all())
    out["smiths of the proxy of a proxy"] = rows(StatusPerson.smiths.all())
    out["default manager rows"] = rows(DefaultSmith._default_manager.all())
    out["method"] = [p.greet() for p in MyPerson.objects.all()]
    out["abstract parent method"] = [p.shout() for p in StatusPerson.objects.all()]
    out["latest"] = str(MyPerson.objects.latest())
    out["get"] = rows([MyPerson.objects.get(first_name="Bob")])
    out["filter order values"] = list(OrderedPerson.objects.filter(
        created__gte=2).values_list("first_name", "created"))
    out["is instance of concrete"] = isinstance(MyPerson.objects.first(), Person)
    jane = Person.objects.get(first_name="Jane")
    out["equal across proxies"] = [
        jane == MyPerson.objects.get(first_name="Jane"),
        hash(Person.objects.first()) == hash(MyPerson.objects.first())]
    del signals[:]
    made = StatusPerson.objects.create(first_name="Zoe", last_name="Smith", created=9)
    out["create through a proxy"] = [type(made).__name__, made.pk,
                                     rows(Person.objects.filter(pk=made.pk))]
    out["signals of a proxy save"] = list(signals)
    out["update through a proxy"] = MyPerson.smiths.update(created=7)
    out["after update"] = list(Person.objects.values_list("first_name", "created"))
    john = Person.objects.get(first_name="John")
    mine = MyPerson.objects.get(first_name="John")
    Pet.objects.create(name="Rex", owner=john, keeper=mine)
    Pet.objects.create(name="Tom", owner=mine, keeper=None)
    Pet.objects.create(name="Ada", owner=Person.objects.get(first_name="Jane"),
                       keeper=MyPerson.objects.get(first_name="Jane"))
    out["forward to a proxy"] = [
        [p.name, type(p.owner).__name__, p.keeper and type(p.keeper).__name__]
        for p in Pet.objects.all()]
    out["reverse from proxy"] = [[str(p) for p in mine.pets.all()],
                                 [str(p) for p in mine.kept.all()]]
    out["reverse accessor on concrete"] = [hasattr(Person, "kept"),
                                           [str(p) for p in john.kept.all()]]
    out["filter across reverse"] = [
        rows(Person.objects.filter(pets__name="Rex")),
        rows(MyPerson.objects.filter(kept__name__in=["Rex", "Ada"])),
        rows(Person.objects.filter(kept__isnull=False).distinct()),
        list(MyPerson.objects.annotate(n=Count("pets")).order_by(
            "-n", "first_name").values_list("first_name", "n"))]
    out["filter through proxy fk"] = rows(Pet.objects.filter(
        keeper__first_name="Jane"))
    out["select_related proxy fk"] = [
        [p.name, p.keeper and type(p.keeper).__name__]
        for p in Pet.objects.select_related("keeper")]
    del signals[:]
    out["delete through a proxy"] = list(MyPerson.objects.get(
        first_name="John").delete())
    out["signals of a proxy delete"] = sorted(signals)
    out["after delete"] = [rows(Person.objects.all()), rows(Pet.objects.all())]
    ct_proxy = ContentType.objects.get_for_model(MyPerson, for_concrete_model=False)
    ct_concrete = ContentType.objects.get_for_model(MyPerson)
    out["content types"] = [ct_concrete.model, ct_proxy.model,
                            ct_proxy.model_class().__name__]
    out["content types for models"] = sorted(
        "%s %s" % (m.__name__, ct.model) for m, ct in
        ContentType.objects.get_for_models(
            Person, MyPerson, for_concrete_models=False).items())
    out["permissions"] = sorted(
        "%s %s" % (p.content_type.model, p.codename) for p in
        Permission.objects.filter(content_type__app_label="inherit_oracle"))
    out["proxy errors"] = {
        "no concrete base": error(lambda: define(
            "Lonely", (models.Model,), {"proxy": True})),
        "abstract base with fields": error(lambda: define(
            "Bad", (models.Model,), {"abstract": True},
            x=models.IntegerField()) and define(
            "BadProxy", (define("Bad2", (models.Model,), {"abstract": True},
                                x=models.IntegerField()), Person), {"proxy": True})),
        "two concrete bases": error(lambda: define(
            "Twice", (Person, define("Other", (models.Model,), {})),
            {"proxy": True})),
    }
    define("FieldProxy", (Person,), {"proxy": True},
           extra=models.IntegerField(null=True))
    out["proxy with a field check"] = [[e.id, e.msg] for e in checks.run_checks()
                                       if e.id == "models.E017"]
    out.update(multi_table(signals))
    return out


def table(model):
    """The rows of a model's own table, straight from SQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM %s ORDER BY 1" % model._meta.db_table)
        return [list(row) for row in cursor.fetchall()]


def mti_meta(model):
    opts = model._meta
    return {
        "pk": opts.pk.name,
        "local_fields": [f.name for f in opts.local_fields],
        "fields": [f.name for f in opts.fields],
        "concrete_fields": [f.attname for f in opts.concrete_fields],
        "local_concrete_fields": [f.attname for f in opts.local_concrete_fields],
        "parents": {p.__name__: f.name for p, f in opts.parents.items()},
        "get_parent_list": [p.__name__ for p in opts.get_parent_list()],
        "ancestor link to Place": getattr(opts.get_ancestor_link(Place), "name",
                                          None),
        "parent link": [opts.pk.remote_field and opts.pk.remote_field.parent_link,
                        opts.pk.auto_created] if opts.pk.is_relation else None,
        "ordering": list(opts.ordering),
    }


def multi_table(signals):
    out = {}
    for model in (Restaurant, ItalianRestaurant, ParkingLot, Rated):
        out["mti meta " + model.__name__] = mti_meta(model)
    Place.objects.create(name="Park", address="1 Main St")
    bistro = Restaurant.objects.create(name="Bistro", address="2 Elm St",
                                       serves_pizza=True, rating=3)
    del signals[:]
    roma = ItalianRestaurant(name="Roma", address="3 Oak St", rating=5,
                             serves_gnocchi=True)
    roma.save()
    out["mti save signals"] = list(signals)
    lot = ParkingLot.objects.create(name="Lot", capacity=40)
    rated = Rated.objects.create(name="Rated", stars=4)
    out["mti keys"] = [[bistro.pk, bistro.id, bistro.place_ptr_id],
                       [roma.pk, roma.id, roma.place_ptr_id, roma.restaurant_ptr_id],
                       [lot.pk, lot.id, lot.parent_id],
                       [rated.pk, rated.id, rated.place_ptr_id]]
    out["mti tables"] = {m.__name__: table(m) for m in (
        Place, Restaurant, ItalianRestaurant, ParkingLot, Rated)}
    out["mti query rows"] = {m.__name__: rows(m.objects.all()) for m in (
        Place, Restaurant, ItalianRestaurant, ParkingLot, Rated)}
    out["mti filter on parent field"] = [
        rows(Restaurant.objects.filter(address__contains="Elm")),
        rows(ItalianRestaurant.objects.filter(name="Roma", rating__gte=5)),
        rows(Restaurant.objects.exclude(name="Roma")),
        rows(Restaurant.objects.filter(serves_pizza=False, name__startswith="R"))]
    out["mti order_by parent field"] = [
        rows(Restaurant.objects.order_by("-address")),
        rows(ItalianRestaurant.objects.order_by("name", "-rating"))]
    out["mti values"] = [
        list(Restaurant.objects.values("name", "serves_pizza", "rating")),
        list(ItalianRestaurant.objects.values_list("name", "address", "rating",
                                                   "serves_gnocchi")),
        list(Restaurant.objects.values_list("pk", "id", "place_ptr"))]
    only = Restaurant.objects.only("name").get(name="Bistro")
    defer = ItalianRestaurant.objects.defer("address", "rating").get()
    out["mti only defer"] = [only.name, sorted(only.get_deferred_fields()),
                             defer.serves_gnocchi, sorted(defer.get_deferred_fields()),
                             defer.address]
    out["mti annotate"] = list(Place.objects.annotate(
        n=Count("reviews")).order_by("name").values_list("name", "n"))
    out["mti parent to child"] = [
        repr(Place.objects.get(name="Bistro").restaurant),
        repr(Place.objects.get(name="Roma").restaurant.italianrestaurant),
        repr(Place.objects.get(name="Lot").lot),
        error(lambda: Place.objects.get(name="Park").restaurant)]
    try:
        Place.objects.get(name="Park").restaurant
    except Restaurant.DoesNotExist as exc:
        out["mti missing child"] = [type(exc).__name__,
                                    isinstance(exc, Place.DoesNotExist)]
    out["mti filter parent by child"] = [
        rows(Place.objects.filter(restaurant__serves_pizza=True)),
        rows(Place.objects.filter(restaurant__italianrestaurant__isnull=False)),
        rows(Place.objects.filter(restaurant__isnull=True))]
    Review.objects.create(place=roma, restaurant=roma, text="great")
    Review.objects.create(place=bistro, restaurant=bistro, text="fine")
    Review.objects.create(place=lot, text="big")
    out["mti relations"] = [
        rows(Restaurant.objects.filter(reviews__text="great")),
        rows(ItalianRestaurant.objects.filter(restaurant_reviews__isnull=False)),
        [str(r) for r in roma.reviews.all()],
        list(Review.objects.values_list("text", "restaurant__name",
                                        "restaurant__rating")),
        [[r.text, r.restaurant and type(r.restaurant).__name__,
          r.restaurant and r.restaurant.address]
         for r in Review.objects.select_related("restaurant")],
        [[r.text, r.place.name] for r in Review.objects.select_related("place")]]
    out["mti select_related parent link"] = [
        [type(r.place_ptr).__name__, r.place_ptr.name]
        for r in Restaurant.objects.select_related("place_ptr")]
    bistro.name, bistro.rating = "Bistro 2", 4
    bistro.save()
    roma.serves_pizza = True
    roma.save(update_fields=["serves_pizza"])
    out["mti update"] = [
        Restaurant.objects.filter(name__startswith="Bistro").update(
            address="9 New St", serves_pizza=False),
        ItalianRestaurant.objects.update(name="Roma 2", serves_gnocchi=False),
        Rated.objects.update(stars=5, address="Rated St")]
    out["mti tables after update"] = {m.__name__: table(m) for m in (
        Place, Restaurant, ItalianRestaurant, Rated)}
    out["mti bulk_create"] = error(lambda: Restaurant.objects.bulk_create(
        [Restaurant(name="x")]))
    out["mti refresh"] = [Restaurant.objects.get(pk=roma.pk).name,
                          Restaurant.objects.get(id=roma.pk).serves_pizza]
    out["mti more queries"] = [
        Restaurant.objects.aggregate(top=Max("name"), total=Sum("rating")),
        Restaurant.objects.filter(name__contains="o").count(),
        ItalianRestaurant.objects.filter(address__startswith="3").exists(),
        list(Restaurant.objects.values("serves_pizza").annotate(
            n=Count("id"), r=Sum("rating")).order_by("serves_pizza")),
        rows(Place.objects.filter(pk__in=Restaurant.objects.values("pk"))),
        rows(Restaurant.objects.filter(id__in=Place.objects.filter(
            name__startswith="B").values("id"))),
        list(Restaurant.objects.annotate(double=F("rating") * 2).values_list(
            "name", "double")),
        Restaurant.objects.get(id=roma.pk).name,
        rows(Restaurant.objects.filter(reviews__isnull=True)),
        [[r.name, [str(x) for x in r.reviews.all()]] for r in
         Restaurant.objects.prefetch_related("reviews")],
        rows(RestaurantProxy.objects.all()),
        [RestaurantProxy._meta.pk.name, RestaurantProxy._meta.concrete_model.__name__,
         [f.name for f in RestaurantProxy._meta.fields]],
    ]
    cosy = Tag.objects.create(label="cosy")
    roma.tags.add(cosy)
    out["mti inherited many-to-many"] = [
        [f.name for f in ItalianRestaurant._meta.many_to_many],
        [str(t) for t in roma.tags.all()],
        rows(Restaurant.objects.filter(tags__label="cosy")),
        [[r.name, [str(t) for t in r.tags.all()]]
         for r in Restaurant.objects.prefetch_related("tags")],
        rows(cosy.place_set.all())]
    import io

    dumped = io.StringIO()
    call_command("dumpdata", "inherit_oracle.place", "inherit_oracle.restaurant",
                 "inherit_oracle.italianrestaurant", stdout=dumped)
    out["mti dumpdata"] = json.loads(dumped.getvalue())
    ItalianRestaurant.objects.update(rating=F("rating") + 10)
    out["mti update with F"] = list(Restaurant.objects.values_list("name", "rating"))
    fetched = ItalianRestaurant.objects.get()
    with CaptureQueriesContext(connection) as queries:
        parent = fetched.restaurant_ptr
        grandparent = parent.place_ptr
        names = [type(parent).__name__, parent.rating, type(grandparent).__name__,
                 grandparent.name, parent.italianrestaurant is fetched]
    out["mti parent links without queries"] = [names, len(queries)]
    moved = Restaurant.objects.get(name="Bistro 2")
    moved.place_ptr = Place.objects.get(name="Park")
    out["mti assigning a parent link"] = [moved.pk, moved.id, moved.place_ptr_id]
    copy = Restaurant.objects.get(name="Bistro 2")
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.name = "Bistro copy"
    copy.save()
    out["mti copy with pk None"] = [copy.pk == copy.id, list(
        Restaurant.objects.values_list("name", "rating").order_by("name"))]
    del signals[:]
    out["mti delete child"] = list(ItalianRestaurant.objects.get().delete())
    out["mti delete child signals"] = sorted(signals)
    out["mti delete parent"] = list(Place.objects.get(name="Bistro 2").delete())
    out["mti delete queryset"] = list(ParkingLot.objects.all().delete())
    out["mti tables after delete"] = {m.__name__: table(m) for m in (
        Place, Restaurant, ItalianRestaurant, ParkingLot, Rated, Review)}
    out.update(multiple_parents(signals))
    out["mti field clash"] = error(lambda: define(
        "Clash", (Place,), {}, name=models.CharField(max_length=5)))
    out["mti ptr clash"] = error(lambda: define(
        "PtrClash", (Place,), {}, place_ptr=models.IntegerField()))
    return out


def multiple_parents(signals):
    out = {}
    for model in (Franchise, Annex):
        out["multi meta " + model.__name__] = mti_meta(model)
    Owner.objects.create(owner_name="solo")
    del signals[:]
    franchise = Franchise.objects.create(name="Fr", rating=2, owner_name="Ann",
                                         branch="north")
    annex = Annex.objects.create(name="Annex", serves_gnocchi=True, rooms=3)
    out["multi save signals"] = sorted(signals)
    out["multi keys"] = [
        [franchise.pk, franchise.id, franchise.place_ptr_id, franchise.owner_id,
         franchise.owner_ptr_id],
        [annex.pk, annex.id, annex.annex_place_id, annex.restaurant_ptr_id]]
    out["multi tables"] = {m.__name__: table(m) for m in (
        Place, Restaurant, ItalianRestaurant, Owner, Franchise, Annex)}
    out["multi values"] = [
        list(Franchise.objects.values_list("name", "rating", "owner_name", "branch")),
        list(Annex.objects.values_list("name", "serves_gnocchi", "rooms")),
        rows(Franchise.objects.filter(owner_name="Ann", name="Fr")),
        rows(Owner.objects.filter(franchise__branch="north"))]
    out["multi update"] = [
        Franchise.objects.update(owner_name="Bob", name="Fr 2", branch="south"),
        Annex.objects.update(name="Annex 2", rooms=4)]
    franchise.refresh_from_db()
    out["multi after update"] = [franchise.owner_name, franchise.name,
                                 franchise.branch, table(Owner)]
    out["multi delete"] = [list(Franchise.objects.get().delete()),
                           list(Annex.objects.get().delete())]
    out["multi tables after delete"] = {m.__name__: table(m) for m in (
        Place, Restaurant, ItalianRestaurant, Owner, Franchise, Annex)}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=1, sort_keys=True))
