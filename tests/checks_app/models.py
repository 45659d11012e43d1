"""One of each model problem the model checks report."""

from django.db import models


class Author(models.Model):
    name_ = models.CharField(max_length=10)  # fields.E001
    bad__name = models.CharField(max_length=10)  # fields.E002
    born = models.DateField(null=True)

    class Meta:
        app_label = "checks_app"
        ordering = ["nope", "-name_", "born__year"]  # models.E015 for "nope"


class Book(models.Model):
    author = models.ForeignKey(Author, models.CASCADE)  # fields.E304 with editor
    editor = models.ForeignKey(Author, models.CASCADE)
    translator = models.ForeignKey(Author, models.CASCADE, related_name="+")
    title = models.CharField(max_length=10)

    class Meta:
        app_label = "checks_app"
        ordering = ["author__nope", "?", "title", "author__born", "editor_id"]


class Shelf(models.Model):
    name = models.CharField(max_length=10)

    class Meta:
        app_label = "checks_app"
        ordering = "name"  # models.E014
