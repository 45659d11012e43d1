"""Models declared inside isolate_apps() (a registry of their own), the
names Django gives indexes (generated ones, "%(app_label)s_%(class)s"
templates inherited from an abstract model, descending fields, quoted table
names), QuerySet.dates()/datetimes() and StdDev/Variance over a table made
for the scenario.
Run on real Django (tests/gen_isolated_models_expected.py records the results)
and on djscratch (tests/test_isolated_models.py compares).
"""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps


def declare():
    class Base(models.Model):
        name = models.CharField(max_length=20)
        code = models.CharField(max_length=5)

        class Meta:
            abstract = True
            app_label = "orm_oracle"
            indexes = [
                models.Index(fields=["name"]),
                models.Index(fields=["code"], name="%(app_label)s_%(class)s_idx"),
            ]

    class Shelf(Base):
        pass

    class Drawer(Base):
        pass

    class Item(models.Model):
        shelf = models.ForeignKey("Shelf", models.CASCADE)
        label = models.CharField(max_length=20)

        class Meta:
            app_label = "orm_oracle"
            db_table = '"quoted_items"'
            indexes = [models.Index(fields=["-label", "shelf"])]

    return Shelf, Drawer, Item


def query_dates():
    import datetime

    from django.db import connection

    class Event(models.Model):
        day = models.DateField()
        stamp = models.DateTimeField(null=True)
        seats = models.IntegerField(default=0)

        class Meta:
            app_label = "orm_oracle"

    with connection.schema_editor() as editor:
        editor.create_model(Event)
    utc = datetime.timezone.utc
    for seats, (day, stamp) in enumerate(
            ((datetime.date(2024, 1, 31), datetime.datetime(
                2024, 1, 31, 22, 5, tzinfo=utc)),
             (datetime.date(2024, 1, 2), datetime.datetime(
                2024, 1, 2, 1, 0, tzinfo=utc)),
             (datetime.date(2023, 7, 4), None))):
        Event.objects.create(day=day, stamp=stamp, seats=seats * 3 + 1)

    def shown(values):
        return [value.isoformat() for value in values]

    def refused(func):
        try:
            func()
        except ValueError as err:
            return str(err)
        return None

    stats = Event.objects.aggregate(
        sd=models.StdDev("seats"), sd_sample=models.StdDev("seats", sample=True),
        var=models.Variance("seats"),
        var_sample=models.Variance("seats", sample=True))
    try:
        return {"statistics": {k: round(v, 6) for k, v in stats.items()},
                "dates": [
            shown(Event.objects.dates("day", "month")),
            shown(Event.objects.dates("day", "year", order="DESC")),
            shown(Event.objects.dates("stamp", "day")),
            shown(Event.objects.datetimes("stamp", "day")),
            shown(Event.objects.datetimes("stamp", "hour", order="DESC")),
            refused(lambda: Event.objects.dates("day", "hour")),
            refused(lambda: Event.objects.dates("day", "day", order="UP")),
            refused(lambda: Event.objects.datetimes("stamp", "fortnight")),
        ]}
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Event)


def run():
    with isolate_apps("tests.orm_oracle") as registry:
        shelf, drawer, item = declare()
        inside = sorted(m._meta.label for m in registry.get_models())
        target = item._meta.get_field("shelf").remote_field.model
        observed = {
            "isolated_models": inside,
            "global_registry_untouched": all(
                model not in apps.get_models() for model in (shelf, drawer, item)),
            "lazy_reference_resolved_in_registry": target is shelf,
            "index_names": [[i.name for i in m._meta.indexes]
                            for m in (shelf, drawer, item)],
            "registry_is_meta_apps": shelf._meta.apps is registry,
        }

    @isolate_apps("tests.orm_oracle", kwarg_name="registry")
    def decorated(registry):
        class Thing(models.Model):
            class Meta:
                app_label = "orm_oracle"

        return [m._meta.label for m in registry.get_models()]

    observed["kwarg_name"] = decorated()
    with isolate_apps("tests.orm_oracle"):
        observed.update(query_dates())
    return observed
