"""Models whose relations the admin's widgets treat apart: a foreign key to a
unique non-primary key, to self with limit_choices_to, a many-to-many, a file,
a relation to a model no admin site registers."""

import uuid

from django.db import models


class Member(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.name


class Band(models.Model):
    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Member, blank=True)

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.name


class Album(models.Model):
    band = models.ForeignKey(Band, models.CASCADE, to_field="uuid")
    name = models.CharField(max_length=50)
    cover = models.FileField(upload_to="albums", blank=True)

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.name


class Honeycomb(models.Model):
    location = models.CharField(max_length=20)

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.location


class Inventory(models.Model):
    barcode = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", models.SET_NULL, to_field="barcode",
                               null=True, blank=True,
                               limit_choices_to={"barcode__lt": 90})

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.name


class Stage(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "admin_widgets_app"

    def __str__(self):
        return self.name


class Event(models.Model):
    stage = models.ForeignKey(Stage, models.SET_NULL, null=True, blank=True)
    main_band = models.ForeignKey(Band, models.PROTECT, related_name="events")
    supporting_band = models.ForeignKey(Band, models.SET_NULL, null=True,
                                        blank=True, related_name="support")
    honeycomb = models.ForeignKey(Honeycomb, models.SET_NULL, null=True, blank=True)
    start_date = models.DateField(blank=True, null=True)
    start_time = models.TimeField(blank=True, null=True)
    opens = models.DateTimeField(blank=True, null=True)
    link = models.URLField(blank=True)
    description = models.TextField(blank=True)
    min_age = models.IntegerField(blank=True, null=True)
    attendees = models.BigIntegerField(blank=True, null=True)
    contact = models.EmailField(blank=True)
    ticket = models.UUIDField(blank=True, null=True)
    genre = models.CharField(max_length=5, blank=True,
                             choices=[("rock", "Rock"), ("jazz", "Jazz")])

    class Meta:
        app_label = "admin_widgets_app"
