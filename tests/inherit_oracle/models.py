"""Proxy models and abstract parents, as Django's model inheritance docs
describe them; tests/inheritance_scenario.py exercises them."""

from django.db import models


class NameMixin(models.Model):
    """An abstract parent with a field: its concrete children copy it."""

    created = models.IntegerField(default=0)

    class Meta:
        abstract = True


class Person(NameMixin):
    first_name = models.CharField(max_length=30)
    last_name = models.CharField(max_length=30)

    class Meta:
        ordering = ["first_name"]
        get_latest_by = "created"

    def __str__(self):
        return "%s %s" % (self.first_name, self.last_name)


class SmithManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(last_name="Smith")


class NoFields(models.Model):
    """An abstract parent without fields may join a proxy's bases."""

    class Meta:
        abstract = True

    def shout(self):
        return str(self).upper()


class MyPerson(Person, NoFields):
    """A proxy with its own methods, managers and permissions."""

    smiths = SmithManager()

    class Meta:
        proxy = True
        permissions = [("can_greet", "Can greet a person")]

    def greet(self):
        return "Hello, %s" % self.first_name


class OrderedPerson(Person):
    """A proxy changing the ordering."""

    class Meta:
        proxy = True
        ordering = ["-last_name", "first_name"]


class StatusPerson(MyPerson):
    """A proxy of a proxy: its managers and methods are inherited."""

    class Meta:
        proxy = True
        verbose_name = "status person"


class DefaultSmith(Person):
    """A proxy whose default manager is its own (declared first)."""

    smiths = SmithManager()
    objects = models.Manager()

    class Meta:
        proxy = True


class Pet(models.Model):
    name = models.CharField(max_length=20)
    owner = models.ForeignKey(Person, models.CASCADE, related_name="pets")
    keeper = models.ForeignKey(MyPerson, models.SET_NULL, null=True,
                               related_name="kept")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    label = models.CharField(max_length=20)

    def __str__(self):
        return self.label


class Place(models.Model):
    """Multi-table inheritance, as the model inheritance docs show it."""

    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80, default="")
    tags = models.ManyToManyField(Tag, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)
    rating = models.IntegerField(default=0)


class ItalianRestaurant(Restaurant):
    serves_gnocchi = models.BooleanField(default=False)


class ParkingLot(Place):
    """An explicit parent link instead of the automatic place_ptr."""

    parent = models.OneToOneField(Place, models.CASCADE, primary_key=True,
                                  parent_link=True, related_name="lot")
    capacity = models.IntegerField(default=0)


class Rated(Place):
    """A child with its own primary key: the link is a plain column."""

    rated_id = models.AutoField(primary_key=True)
    stars = models.IntegerField(default=0)

    class Meta:
        ordering = ["-stars"]


class Review(models.Model):
    place = models.ForeignKey(Place, models.CASCADE, related_name="reviews")
    restaurant = models.ForeignKey(Restaurant, models.SET_NULL, null=True,
                                   related_name="restaurant_reviews")
    text = models.CharField(max_length=20)

    class Meta:
        ordering = ["text"]

    def __str__(self):
        return self.text


class Owner(models.Model):
    owner_id = models.AutoField(primary_key=True)
    owner_name = models.CharField(max_length=20)


class Franchise(Restaurant, Owner):
    """Two concrete parents: the first link is the primary key."""

    branch = models.CharField(max_length=20)


class Annex(ItalianRestaurant, Place):
    """A diamond: Place is reached twice, so its link is declared."""

    annex_place = models.OneToOneField(Place, models.CASCADE, parent_link=True,
                                       related_name="annex")
    rooms = models.IntegerField(default=1)


class RestaurantProxy(Restaurant):
    """A proxy of a multi-table child."""

    class Meta:
        proxy = True
        ordering = ["-rating"]
