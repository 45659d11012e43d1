"""serialize() / deserialize() in the json, jsonl, python and xml formats, with
natural keys, selected fields, many-to-many values, DeserializedObject.save(),
the errors of bad input and of unknown formats, the XML parser's refusal of
DTDs and entities, and dumpdata's ProgressBar.
Run on real Django (tests/gen_serializers_expected.py records the results)
and on djscratch (tests/test_serializers.py compares).
"""

import datetime
import decimal
import io

from django.core import serializers
from django.core.serializers.base import DeserializationError, ProgressBar
from django.db import connection, models


def declare():
    class SerialWriterManager(models.Manager):
        def get_by_natural_key(self, name):
            return self.get(name=name)

    class SerialWriter(models.Model):
        name = models.CharField(max_length=20, unique=True)
        objects = SerialWriterManager()

        class Meta:
            app_label = "orm_oracle"

        def natural_key(self):
            return (self.name,)

    class SerialTag(models.Model):
        label = models.CharField(max_length=20)

        class Meta:
            app_label = "orm_oracle"

    class SerialBook(models.Model):
        title = models.CharField(max_length=50)
        writer = models.ForeignKey(SerialWriter, models.CASCADE, null=True)
        price = models.DecimalField(max_digits=6, decimal_places=2)
        published = models.DateField()
        stamp = models.DateTimeField(null=True)
        tags = models.ManyToManyField(SerialTag)

        class Meta:
            app_label = "orm_oracle"
            ordering = ["id"]

    return SerialWriter, SerialTag, SerialBook


def scenario(Writer, Tag, Book):
    ann = Writer.objects.create(name="Ann")
    red, blue = Tag.objects.create(label="red"), Tag.objects.create(label="blue")
    book = Book.objects.create(
        title="Ünïcode & <b>", writer=ann, price=decimal.Decimal("12.50"),
        published=datetime.date(2024, 2, 29),
        stamp=datetime.datetime(2024, 3, 1, 12, 30, 5, 123456,
                                tzinfo=datetime.timezone.utc))
    book.tags.set([red, blue])
    Book.objects.create(title="Second", price=1, published=datetime.date(2020, 1, 1))
    books = Book.objects.all()
    observed = {
        "json": serializers.serialize("json", books),
        "json_indent": serializers.serialize("json", books, indent=2),
        "jsonl": serializers.serialize("jsonl", books),
        "python": serializers.serialize("json", [ann]),
        "natural": serializers.serialize(
            "json", books, use_natural_foreign_keys=True,
            use_natural_primary_keys=True),
        "fields": serializers.serialize("json", books, fields=["title", "writer"]),
        "writers_natural_pk": serializers.serialize(
            "json", Writer.objects.all(), use_natural_primary_keys=True),
        "formats": sorted(serializers.get_public_serializer_formats()),
    }
    text = observed["json"]
    Book.objects.all().delete()
    loaded = list(serializers.deserialize("json", text))
    observed["deserialized_repr"] = [repr(o) for o in loaded]
    for obj in loaded:
        obj.save()
    observed["after_load"] = [
        [b.title, b.writer_id, str(b.price), b.published.isoformat(),
         sorted(t.label for t in b.tags.all())] for b in Book.objects.all()]
    natural = list(serializers.deserialize("json", observed["natural"]))
    observed["natural_loaded"] = [
        [o.object.title, o.object.writer_id, o.m2m_data] for o in natural]
    lines = list(serializers.deserialize("jsonl", observed["jsonl"] + "\n\n"))
    observed["jsonl_loaded"] = [o.object.title for o in lines]
    observed["errors"] = [
        _error(lambda: list(serializers.deserialize("json", "[{"))),
        _error(lambda: list(serializers.deserialize(
            "json", '[{"model": "orm_oracle.nope", "pk": 1, "fields": {}}]'))),
        _error(lambda: list(serializers.deserialize(
            "json", '[{"model": "orm_oracle.serialbook", "pk": 1, "fields": '
            '{"published": "not a date"}}]'))),
        _error(lambda: serializers.serialize("csv", [])),
    ]
    observed["ignorenonexistent"] = [o.object.label for o in serializers.deserialize(
        "json", '[{"model": "orm_oracle.nope", "fields": {}}, {"model": '
        '"orm_oracle.serialtag", "fields": {"label": "x", "gone": 1}}]',
        ignorenonexistent=True)]
    _xml(observed, Writer, Tag, Book)
    out = io.StringIO()
    bar = ProgressBar(out, 3)
    for count in (1, 2, 3):
        bar.update(count)
    observed["progress_bar"] = out.getvalue()
    return observed


def _xml(observed, Writer, Tag, Book):
    """The xml format: output, natural keys, reading back, and its errors."""
    books = Book.objects.all()
    observed["xml"] = serializers.serialize("xml", books)
    observed["xml_indent"] = serializers.serialize("xml", books, indent=2)
    observed["xml_natural"] = serializers.serialize(
        "xml", books, use_natural_foreign_keys=True, use_natural_primary_keys=True)
    observed["xml_fields"] = serializers.serialize("xml", books, fields=["title"])
    loaded = list(serializers.deserialize("xml", observed["xml"]))
    observed["xml_loaded"] = [
        [repr(o), o.object.title, o.object.writer_id, str(o.object.price),
         str(o.object.stamp), o.m2m_data] for o in loaded]
    natural = list(serializers.deserialize("xml", observed["xml_natural"]))
    observed["xml_natural_loaded"] = [
        [o.object.title, o.object.writer_id, o.m2m_data] for o in natural]
    doctype = ('<?xml version="1.0"?><!DOCTYPE example SYSTEM '
               '"http://example.com/example.dtd"><django-objects/>')
    entity = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>'
              '<django-objects>&e;</django-objects>')
    observed["xml_errors"] = [
        _error(lambda: list(serializers.deserialize("xml", doctype))),
        _error(lambda: list(serializers.deserialize("xml", entity))),
        _error(lambda: list(serializers.deserialize(
            "xml", '<django-objects><object pk="1"/></django-objects>'))),
        _error(lambda: list(serializers.deserialize(
            "xml", '<django-objects><object model="orm_oracle.nope"/>'
            '</django-objects>'))),
        _error(lambda: list(serializers.deserialize(
            "xml", '<django-objects><object model="orm_oracle.serialtag">'
            '<field>x</field></object></django-objects>'))),
        _error(lambda: serializers.serialize("xml", [Tag(label="a\x01")])),
    ]
    observed["xml_ignorenonexistent"] = [
        o.object.label for o in serializers.deserialize(
            "xml", '<django-objects><object model="orm_oracle.serialtag">'
            '<field name="label" type="CharField">x</field><field name="gone">1'
            '</field></object></django-objects>', ignorenonexistent=True)]


def _error(func):
    try:
        func()
    except DeserializationError as err:
        return ["DeserializationError", str(err)]
    except (KeyError, ValueError) as err:
        return [type(err).__name__, str(err)]
    return None


_MODELS = []


def run():
    # Declared once, in the global registry: deserialize() finds models by
    # their "app_label.model" names there.
    if not _MODELS:
        _MODELS.extend(declare())
    models_ = _MODELS
    if True:
        with connection.schema_editor() as editor:
            for model in models_:
                editor.create_model(model)
        try:
            return scenario(*models_)
        finally:
            with connection.schema_editor() as editor:
                for model in reversed(models_):
                    editor.delete_model(model)
