"""A note belongs to the user who wrote it."""

from django.conf import settings
from django.db import models


class Note(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="notes")
    text = models.CharField(max_length=200)

    def __str__(self):
        return self.text
