"""Models for the admin's system checks (tests/admin_checks_scenario.py): a
foreign key, two to one model, a many-to-many field with and without its own
intermediary model, a generic foreign key, dates and choices."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Band(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField()
    formed = models.DateField(null=True)
    kind = models.CharField(max_length=10, choices=[("rock", "Rock"), ("pop", "Pop")])
    members = models.ManyToManyField("Musician", blank=True)
    tours = models.ManyToManyField("Venue", through="Tour", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "admin_checks_app"

    def __str__(self):
        return self.name

    def decade(self):
        return self.formed.year // 10 * 10 if self.formed else None


class Musician(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "admin_checks_app"


class Venue(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "admin_checks_app"


class Tour(models.Model):
    band = models.ForeignKey(Band, models.CASCADE)
    venue = models.ForeignKey(Venue, models.CASCADE)

    class Meta:
        app_label = "admin_checks_app"


class Album(models.Model):
    title = models.CharField(max_length=100)
    band = models.ForeignKey(Band, models.CASCADE)
    released = models.DateField(editable=False, null=True)

    class Meta:
        app_label = "admin_checks_app"


class Split(models.Model):
    first = models.ForeignKey(Band, models.CASCADE, related_name="+")
    second = models.ForeignKey(Band, models.CASCADE, related_name="splits")
    note = models.CharField(max_length=10)

    class Meta:
        app_label = "admin_checks_app"


class ProxyBand(Band):
    class Meta:
        app_label = "admin_checks_app"
        proxy = True


class Review(models.Model):
    band = models.ForeignKey(ProxyBand, models.CASCADE)

    class Meta:
        app_label = "admin_checks_app"


class Comment(models.Model):
    text = models.TextField()
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        app_label = "admin_checks_app"
