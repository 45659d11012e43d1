"""CheckConstraint.validate() on an unsaved instance, as Django 5.2: a field
left to its db_default is checked with that default, None is SQL NULL (a
JSONField's too), and a condition the database cannot evaluate for the
instance (RawSQL) counts as holding, with Django's warning."""

import djscratch  # noqa: F401  (installs the django.* alias)

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Gadget(models.Model):
        label = models.CharField(max_length=20, db_default="plain")
        data = models.JSONField(null=True)
        price = models.IntegerField(null=True)

        class Meta:
            app_label = "constraint_validation"


def check(condition):
    return models.CheckConstraint(condition=condition, name="gadget_check")


class CheckConstraintValidateTests(DatabaseTestCase):
    models = [Gadget]

    def test_a_db_default_is_checked_with_its_value(self):
        check(models.Q(label="plain")).validate(Gadget, Gadget())
        with self.assertRaises(ValidationError):
            check(models.Q(label="fancy")).validate(Gadget, Gadget())

    def test_none_is_null_for_a_json_field(self):
        is_null = check(models.Q(data__isnull=True))
        is_null.validate(Gadget, Gadget(data=None))
        with self.assertRaisesRegex(ValidationError, "gadget_check"):
            is_null.validate(Gadget, Gadget(data={}))
        with self.assertRaisesRegex(ValidationError, "gadget_check"):
            check(models.Q(data__isnull=False)).validate(Gadget, Gadget(data=None))

    def test_raw_sql_cannot_be_checked_and_holds(self):
        raw = check(RawSQL("price < %s", (5,), output_field=models.BooleanField()))
        with self.assertLogs("django.db.models", "WARNING") as logs:
            raw.validate(Gadget, Gadget(price=10))
        self.assertIn("Got a database error calling check() on",
                      logs.records[0].getMessage())
