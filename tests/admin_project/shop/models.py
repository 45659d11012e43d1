"""A shop: the admin options beyond the tutorial's (filters of every kind,
list_editable, raw ids, read-only and prepopulated fields, actions, a stacked
inline, protected deletes, date_hierarchy) and a big table for speed."""
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Product(models.Model):
    STATUS_CHOICES = [("draft", "Draft"), ("live", "Live")]

    name = models.CharField(max_length=100)
    slug = models.SlugField()
    category = models.ForeignKey(Category, models.PROTECT, null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="draft")
    available = models.BooleanField(default=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    released = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(blank=True)

    def __str__(self):
        return self.name


class Review(models.Model):
    product = models.ForeignKey(Product, models.CASCADE)
    author = models.CharField(max_length=50)
    stars = models.IntegerField(default=5)

    def __str__(self):
        return f"{self.author}: {self.stars}"

    def get_absolute_url(self):
        return f"/reviews/{self.pk}/"


class Event(models.Model):
    title = models.CharField(max_length=100)
    happened = models.DateTimeField()
    important = models.BooleanField(default=False)

    def __str__(self):
        return self.title


class Warranty(models.Model):
    """A one-to-one primary key, as multi-table inheritance makes one."""

    product = models.OneToOneField(Product, models.CASCADE, primary_key=True)
    years = models.IntegerField(default=1)
    terms_url = models.URLField(blank=True)

    def __str__(self):
        return f"{self.product}: {self.years} years"
