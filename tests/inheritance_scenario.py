"""Model inheritance as Django documents it (proxy models, abstract parents),
in its own process: prints what each behaviour gave, as JSON.

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
from django.db import models  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.signals import post_delete, post_save, pre_save  # noqa: E402

from tests.inherit_oracle.models import (  # noqa: E402
    DefaultSmith, MyPerson, OrderedPerson, Person, Pet, StatusPerson,
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
            if sender._meta.app_label == "inherit_oracle":
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
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=1, sort_keys=True))
