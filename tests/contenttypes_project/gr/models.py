"""Models with a GenericForeignKey and GenericRelations (custom field names)."""
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
class Tag(models.Model):
    tag = models.SlugField()
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    def __str__(self): return self.tag
class Animal(models.Model):
    name = models.CharField(max_length=20)
    tags = GenericRelation(Tag, related_query_name="animal")
    def __str__(self): return self.name
class Note(models.Model):
    text = models.CharField(max_length=20)
    ct = models.ForeignKey(ContentType, models.CASCADE)
    oid = models.IntegerField()
    obj = GenericForeignKey("ct", "oid")
class Book(models.Model):
    title = models.CharField(max_length=20)
    notes = GenericRelation(Note, content_type_field="ct", object_id_field="oid")
class Pinned(models.Model):
    ct = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    oid = models.IntegerField()
    obj = GenericForeignKey("ct", "oid")
    class Meta:
        abstract = True
class Pin(Pinned):
    label = models.CharField(max_length=20)
class BigTag(Tag):
    weight = models.IntegerField(default=0)
class Page(models.Model):
    slug = models.CharField(max_length=20)
    def get_absolute_url(self):
        return self.slug if self.slug.startswith("http") else "/pages/%s/" % self.slug
