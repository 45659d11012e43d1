"""Small models with one field of each kind the admin's helpers treat apart
(choices, booleans, dates, numbers, links, JSON, relations)."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "admin_parts_app"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "admin_parts_app"

    def __str__(self):
        return self.name


class Article(models.Model):
    title = models.CharField("headline", max_length=100, help_text="The title.")
    body = models.TextField(blank=True)
    author = models.ForeignKey(Author, models.CASCADE, null=True, blank=True)
    editor = models.ForeignKey(Author, models.PROTECT, null=True, blank=True,
                               related_name="edited")
    reviewer = models.ForeignKey(Author, models.SET_NULL, null=True, blank=True,
                                 related_name="reviewed",
                                 limit_choices_to={"name__startswith": "B"})
    status = models.CharField(max_length=1, choices=[("d", "Draft"),
                                                     ("p", "Published")])
    grade = models.IntegerField(null=True, blank=True,
                                choices=[(1, "Low"), (2, "High"), (None, "Ungraded")])
    published = models.BooleanField(default=False)
    featured = models.BooleanField(null=True)
    pub_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField()
    rating = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    views = models.IntegerField(default=0)
    score = models.FloatField(null=True)
    url = models.URLField(blank=True)
    data = models.JSONField(null=True)
    tags = models.ManyToManyField(Tag, blank=True)

    class Meta:
        app_label = "admin_parts_app"

    def __str__(self):
        return self.title

    def shout(self):
        return self.title.upper()

    shout.short_description = "Loud title"

    @property
    def title_length(self):
        return len(self.title)

    def no_description(self):
        return 1


class Comment(models.Model):
    article = models.ForeignKey(Article, models.CASCADE)
    text = models.CharField(max_length=50)

    class Meta:
        app_label = "admin_parts_app"
        verbose_name = "remark"

    def __str__(self):
        return self.text


class Reply(models.Model):
    comment = models.ForeignKey(Comment, models.CASCADE)
    text = models.CharField(max_length=50)

    class Meta:
        app_label = "admin_parts_app"
        verbose_name_plural = "replies"

    def __str__(self):
        return self.text


class TaggedItem(models.Model):
    tag = models.SlugField()
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        app_label = "admin_parts_app"

    def __str__(self):
        return self.tag


class Bookmark(models.Model):
    url = models.URLField()
    tags = GenericRelation(TaggedItem)

    class Meta:
        app_label = "admin_parts_app"

    def __str__(self):
        return self.url
