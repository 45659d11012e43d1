"""A model pointing at the user model through settings.AUTH_USER_MODEL."""
from django.conf import settings
from django.db import models


class Note(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.CharField(max_length=50)

    class Meta:
        permissions = [("publish_note", "Can publish note")]
