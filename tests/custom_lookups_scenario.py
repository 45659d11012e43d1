"""The custom lookups of Django's "How to write custom lookups" (NotEqual,
AbsoluteValue, AbsoluteValueLessThan, the bilateral UpperCase), run on real
Django (tests/gen_custom_lookups_expected.py records the results) and on
djscratch (tests/test_custom_lookups.py compares).  The same text runs on both.
"""

from django.core.exceptions import FieldError
from django.db import connection, models
from django.db.models import CharField, Field, FloatField, IntegerField, Lookup
from django.db.models import Transform
from django.db.models.lookups import LessThan


class Experiment(models.Model):
    name = models.CharField(max_length=20)
    change = models.IntegerField()

    class Meta:
        app_label = "orm_oracle"


class NotEqual(Lookup):
    lookup_name = "ne"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        params = lhs_params + rhs_params
        return "%s <> %s" % (lhs, rhs), params


class AbsoluteValue(Transform):
    lookup_name = "abs"
    function = "ABS"


class FloatAbsoluteValue(Transform):
    lookup_name = "fabs"
    function = "ABS"

    @property
    def output_field(self):
        return FloatField()


class AbsoluteValueLessThan(LessThan):
    lookup_name = "lt"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.lhs.lhs)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        params = lhs_params + rhs_params + lhs_params + rhs_params
        return "%s < %s AND %s > -%s" % (lhs, rhs, lhs, rhs), params


class UpperCase(Transform):
    lookup_name = "upper"
    function = "UPPER"
    bilateral = True


def _names(qs):
    return sorted(e.name for e in qs)


def _error(call):
    try:
        call()
    except FieldError:
        return "FieldError"
    return "no error"


def run():
    """Register the lookups, run the queries, unregister; return observations."""
    with connection.schema_editor() as editor:
        editor.create_model(Experiment)
    for name, change in (("Jack", 27), ("Jill", -27), ("Joe", 10), ("Ann", -30),
                         ("Bob", 0)):
        Experiment.objects.create(name=name, change=change)
    Field.register_lookup(NotEqual)
    IntegerField.register_lookup(AbsoluteValue)
    IntegerField.register_lookup(FloatAbsoluteValue)
    CharField.register_lookup(UpperCase)
    objects, out = Experiment.objects, {}
    try:
        out["ne"] = _names(objects.filter(name__ne="Jack"))
        out["exclude_ne"] = _names(objects.exclude(change__ne=27))
        out["abs"] = _names(objects.filter(change__abs=27))
        out["abs_lt"] = _names(objects.filter(change__abs__lt=27))
        out["abs_gte"] = _names(objects.filter(change__abs__gte=27))
        out["abs_ne"] = _names(objects.filter(change__abs__ne=27))
        out["fabs_lte"] = _names(objects.filter(change__fabs__lte=27.5))
        out["upper"] = _names(objects.filter(name__upper="jack"))
        out["upper_startswith"] = _names(objects.filter(name__upper__startswith="j"))
        out["lookup_classes"] = [
            IntegerField.get_lookups()["ne"].__name__,
            Experiment._meta.get_field("change").get_lookup("ne").__name__,
            Experiment._meta.get_field("change").get_transform("abs").__name__,
            repr(Experiment._meta.get_field("name").get_transform("abs")),
            repr(Experiment._meta.get_field("change").get_lookup("abs")),
            repr(Experiment._meta.get_field("change").get_transform("ne")),
        ]
        AbsoluteValue.register_lookup(AbsoluteValueLessThan)
        try:
            out["abs_lt_rewritten"] = _names(objects.filter(change__abs__lt=27))
            out["abs_lt_rewritten_negative"] = _names(
                objects.filter(change__abs__lt=-5))
        finally:
            AbsoluteValue._unregister_lookup(AbsoluteValueLessThan)
        field = Experiment._meta.get_field("change")
        field.register_lookup(NotEqual, "differs")
        try:
            out["instance_lookup"] = _names(objects.filter(change__differs=27))
            out["instance_lookup_other_field"] = _error(
                lambda: list(objects.filter(name__differs="Jack")))
        finally:
            field._unregister_lookup(NotEqual, "differs")
        out["instance_lookup_unregistered"] = _error(
            lambda: list(objects.filter(change__differs=27)))
    finally:
        Field._unregister_lookup(NotEqual)
        IntegerField._unregister_lookup(AbsoluteValue)
        IntegerField._unregister_lookup(FloatAbsoluteValue)
        CharField._unregister_lookup(UpperCase)
        with connection.schema_editor() as editor:
            editor.delete_model(Experiment)
    out["unregistered"] = _error(lambda: Experiment.objects.filter(name__ne="Jack"))
    return out
