"""Imported by django.setup() because the app is in INSTALLED_APPS."""

IMPORTED = True
