"""Small building blocks used everywhere (django.utils.*)."""
