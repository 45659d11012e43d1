"""Models declared inside isolate_apps() (a registry of their own), and the
names Django gives indexes: generated ones, "%(app_label)s_%(class)s"
templates inherited from an abstract model, descending fields, quoted table
names.  Run on real Django (tests/gen_isolated_models_expected.py records the
results) and on djscratch (tests/test_isolated_models.py compares).
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
    return observed
