"""Custom model fields as Django treats them: a lookup's value goes through
the field's own get_prep_value() and get_db_prep_value(prepared=True), and
the key an INSERT gives goes through the key field's from_db_value()."""

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models

from tests.orm_support import DatabaseTestCase, define_models


class Code:
    """A value a custom field stores as text (SQLite cannot bind it)."""

    def __init__(self, text):
        self.text = text

    def __str__(self):  # what CharField.get_prep_value() makes of it
        return self.text

    def __eq__(self, other):
        return self.text == (other.text if isinstance(other, Code) else other)

    def __hash__(self):
        return hash(self.text)


class CodeField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return None if value is None else Code(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        return value.text if isinstance(value, Code) else value


class LowerField(models.CharField):
    def get_prep_value(self, value):
        return None if value is None else str(value).lower()


class WrappedKey(int):
    pass


class WrappedAutoField(models.BigAutoField):
    def from_db_value(self, value, expression, connection):
        return None if value is None else WrappedKey(value)


with define_models():

    class Coded(models.Model):
        id = CodeField(primary_key=True)

        class Meta:
            app_label = "orm_custom_fields"

    class CodedChild(models.Model):
        coded = models.ForeignKey(Coded, models.CASCADE)

        class Meta:
            app_label = "orm_custom_fields"

    class Tagged(models.Model):
        tag = LowerField(max_length=10)

        class Meta:
            app_label = "orm_custom_fields"

    class Wrapped(models.Model):
        id = WrappedAutoField(primary_key=True)

        class Meta:
            app_label = "orm_custom_fields"


class CustomFieldLookupTests(DatabaseTestCase):
    models = [Coded, CodedChild, Tagged]

    def test_lookup_value_goes_through_get_db_prep_value(self):
        coded = Coded.objects.create(id=Code("abc"))
        self.assertEqual(list(Coded.objects.filter(id=Code("abc"))), [coded])

    def test_foreign_key_lookup_uses_the_target_fields_preparation(self):
        coded = Coded.objects.create(id=Code("abc"))
        child = CodedChild.objects.create(coded=coded)
        self.assertEqual(CodedChild.objects.get(coded=coded.pk), child)
        self.assertEqual(CodedChild.objects.get(coded=coded), child)

    def test_lookup_value_goes_through_get_prep_value(self):
        tagged = Tagged.objects.create(tag="news")
        self.assertEqual(list(Tagged.objects.filter(tag="NEWS")), [tagged])


class CustomKeyConversionTests(DatabaseTestCase):
    models = [Wrapped]

    def test_create_converts_the_new_key(self):
        self.assertIsInstance(Wrapped.objects.create().id, WrappedKey)

    def test_save_converts_the_new_key(self):
        obj = Wrapped()
        obj.save()
        self.assertIsInstance(obj.id, WrappedKey)

    def test_bulk_create_converts_the_new_keys(self):
        objs = Wrapped.objects.bulk_create([Wrapped(), Wrapped()])
        self.assertEqual([type(obj.id) for obj in objs], [WrappedKey, WrappedKey])
